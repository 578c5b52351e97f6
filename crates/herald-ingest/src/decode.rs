//! Character encodings: bytes in a declared or BOM-marked encoding to text.
//!
//! UTF-8 stays the default and is read as before. A UTF-16 byte order mark,
//! or an encoding declared by the page (`<meta charset>`) or by its HTTP
//! header, is decoded with `encoding_rs` instead of being refused.

use crate::error::{IngestError, IngestErrorKind};
use crate::sniff::check_text_bytes;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use std::borrow::Cow;

/// The text of an input: UTF-16 with a byte order mark is decoded; other
/// bytes are checked as text and, when they are not UTF-8 and `declared`
/// names another encoding, decoded from it.
pub(crate) fn decode_text<'a>(
    input: &str,
    line: Option<usize>,
    raw: &'a [u8],
    declared: Option<&str>,
) -> Result<Cow<'a, str>, IngestError> {
    if let Some(encoding) = utf16_by_bom(raw) {
        return Ok(decode_with(encoding, raw));
    }
    match check_text_bytes(input, line, raw) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(e) => match (
            &e.kind,
            declared.and_then(|d| Encoding::for_label(d.as_bytes())),
        ) {
            (IngestErrorKind::InvalidUtf8 { .. }, Some(encoding)) if encoding != UTF_8 => {
                Ok(decode_with(encoding, raw))
            }
            _ => Err(e),
        },
    }
}

fn utf16_by_bom(raw: &[u8]) -> Option<&'static Encoding> {
    match raw {
        [0xff, 0xfe, ..] => Some(UTF_16LE),
        [0xfe, 0xff, ..] => Some(UTF_16BE),
        _ => None,
    }
}

/// Decodes the whole input (a byte order mark wins over `encoding`);
/// malformed sequences become U+FFFD.
fn decode_with<'a>(encoding: &'static Encoding, raw: &'a [u8]) -> Cow<'a, str> {
    encoding.decode(raw).0
}

/// The encoding a page declares in its first 4 KB: `<meta charset=...>` or
/// `<meta http-equiv="Content-Type" content="...; charset=...">`.
pub(crate) fn declared_charset(html: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&html[..html.len().min(4096)]).to_ascii_lowercase();
    charset_param(&head)
}

/// The value after the first `charset=` in a header or tag, unquoted.
pub(crate) fn charset_param(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let at = lower.find("charset=")? + "charset=".len();
    let value: String = lower[at..]
        .trim_start_matches(['"', '\'', ' '])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    Some(value).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_is_decoded_when_declared() {
        let raw = b"Caf\xe9 \x93talks\x94";
        let text = decode_text("p.html", None, raw, Some("windows-1252")).unwrap();
        assert_eq!(text, "Café “talks”");
        let refused = decode_text("p.txt", None, raw, None).unwrap_err();
        assert_eq!(refused.kind, IngestErrorKind::InvalidUtf8 { at: 3 });
    }

    #[test]
    fn utf16_with_a_bom_is_text_not_binary() {
        let mut raw = vec![0xff, 0xfe];
        for unit in "Police arrested ten protesters.".encode_utf16() {
            raw.extend_from_slice(&unit.to_le_bytes());
        }
        let text = decode_text("u.txt", None, &raw, None).unwrap();
        assert_eq!(text, "Police arrested ten protesters.");
    }

    #[test]
    fn valid_utf8_is_kept_whatever_the_declaration() {
        let text = decode_text("p.html", None, "Café".as_bytes(), Some("iso-8859-1")).unwrap();
        assert_eq!(text, "Café");
    }

    #[test]
    fn charsets_are_found_in_meta_tags_and_headers() {
        assert_eq!(
            declared_charset(b"<html><head><meta charset=\"windows-1252\">").as_deref(),
            Some("windows-1252")
        );
        assert_eq!(
            declared_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"
            )
            .as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(
            charset_param("text/html; charset=iso-8859-1").as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(declared_charset(b"<html><body>no charset</body>"), None);
    }
}
