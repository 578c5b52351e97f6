//! Format sniffing and the binary-file check.

use crate::error::{IngestError, IngestErrorKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Text,
    Html,
    Jsonl,
    /// A WARC archive (`.warc`, `.warc.gz`): HTML pages of HTTP responses.
    Warc,
}

/// Picks a format from the file name, else from the first bytes.
pub fn sniff_format(name: &str, raw: &[u8]) -> InputFormat {
    let lower = name.to_ascii_lowercase();
    let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
    if lower.ends_with(".warc") || raw.starts_with(b"WARC/") {
        return InputFormat::Warc;
    }
    if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
        return InputFormat::Jsonl;
    }
    if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
        return InputFormat::Html;
    }
    if lower.ends_with(".txt") || lower.ends_with(".text") {
        return InputFormat::Text;
    }
    let head = &raw[..raw.len().min(2048)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with("<!doctype html")
        || trimmed.starts_with("<html")
        || head.contains("<body")
    {
        InputFormat::Html
    } else if trimmed.starts_with('{') {
        InputFormat::Jsonl
    } else {
        InputFormat::Text
    }
}

/// Refuses an input whose first block is not text (NUL bytes or many
/// control characters), before any more of it is read.
pub fn check_binary_head(input: &str, head: &[u8]) -> Result<(), IngestError> {
    let head = &head[..head.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)))
        .count();
    if head.contains(&0) || controls * 20 > head.len().max(1) {
        return Err(IngestError::new(input, None, IngestErrorKind::Binary));
    }
    Ok(())
}

/// Refuses bytes that are not text: NUL bytes or many control characters
/// in the first block, then anything that is not UTF-8.
pub fn check_text_bytes<'a>(
    input: &str,
    line: Option<usize>,
    raw: &'a [u8],
) -> Result<&'a str, IngestError> {
    check_binary_head(input, raw).map_err(|e| IngestError { line, ..e })?;
    std::str::from_utf8(raw).map_err(|e| {
        // A file cut in the middle of a character is still text: say where.
        IngestError::new(
            input,
            line,
            IngestErrorKind::InvalidUtf8 {
                at: e.valid_up_to(),
            },
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_header_is_binary() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
        let err = check_text_bytes("photo.png", None, png).unwrap_err();
        assert_eq!(err.kind, IngestErrorKind::Binary);
        assert!(err.to_string().starts_with("photo.png: "));
    }

    #[test]
    fn latin1_bytes_are_refused_with_offset() {
        let err = check_text_bytes("a.txt", None, b"caf\xe9 au lait").unwrap_err();
        assert_eq!(err.kind, IngestErrorKind::InvalidUtf8 { at: 3 });
    }

    #[test]
    fn formats_from_names_and_content() {
        assert_eq!(sniff_format("x.jsonl", b""), InputFormat::Jsonl);
        assert_eq!(sniff_format("x.jsonl.gz", b""), InputFormat::Jsonl);
        assert_eq!(
            sniff_format("page", b"<!DOCTYPE html><html>"),
            InputFormat::Html
        );
        assert_eq!(sniff_format("-", b"{\"id\": 1}"), InputFormat::Jsonl);
        assert_eq!(
            sniff_format("story", b"MOSCOW (Reuters) - ..."),
            InputFormat::Text
        );
    }
}
