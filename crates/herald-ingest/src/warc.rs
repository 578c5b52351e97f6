//! WARC archives (Common Crawl's news crawl and the like): the HTML pages of
//! their HTTP `response` records, read one record at a time so an archive of
//! any size streams through in bounded memory.

use crate::decode::charset_param;
use crate::error::{IngestError, IngestErrorKind};
use crate::html::read_html_declared;
use crate::ReadOptions;
use herald_core::Article;
use std::io::{BufRead, Read};

/// Reads the articles of one WARC file (already un-gzipped: `.warc.gz`
/// members are undone by the caller's reader).
pub struct WarcReader<R> {
    input: String,
    reader: R,
    record: usize,
    done: bool,
}

/// What one WARC record gave.
pub enum WarcRecord {
    /// An HTML page, read into an article.
    Article(Box<Article>),
    /// A record with no article in it: a request, metadata, a redirect, an
    /// image. Not an error.
    Skipped,
}

/// A WARC record's payload larger than this is skipped unread, whatever
/// `--max-bytes` says, so one huge capture cannot exhaust memory.
const MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;

impl<R: BufRead> WarcReader<R> {
    pub fn new(input: &str, reader: R) -> Self {
        WarcReader {
            input: input.to_string(),
            reader,
            record: 0,
            done: false,
        }
    }

    fn error(&self, kind: IngestErrorKind) -> IngestError {
        IngestError::new(
            &format!("{} (WARC record {})", self.input, self.record),
            None,
            kind,
        )
    }

    /// The next record; `None` at the end of the file. After a malformed
    /// record header the rest of the file cannot be trusted and reading stops.
    pub fn next_record(&mut self, opts: &ReadOptions) -> Option<Result<WarcRecord, IngestError>> {
        if self.done {
            return None;
        }
        // the version line, after the blank lines that end the previous record
        let mut line = String::new();
        loop {
            line.clear();
            match read_line(&mut self.reader, &mut line) {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(_) if line.trim().is_empty() => continue,
                Ok(_) => break,
                Err(e) => {
                    self.done = true;
                    return Some(Err(self.error(IngestErrorKind::Io(e))));
                }
            }
        }
        self.record += 1;
        if !line.starts_with("WARC/") {
            self.done = true;
            return Some(Err(self.error(IngestErrorKind::Unsupported(
                "not a WARC record header (expected a line starting `WARC/`); the rest of the file is skipped".into(),
            ))));
        }
        let mut headers: Vec<(String, String)> = Vec::new();
        loop {
            line.clear();
            match read_line(&mut self.reader, &mut line) {
                Ok(0) => {
                    self.done = true;
                    return Some(Err(self.error(IngestErrorKind::Unsupported(
                        "WARC record cut off in its header".into(),
                    ))));
                }
                Ok(_) if line.trim().is_empty() => break,
                Ok(_) => {
                    if let Some((k, v)) = line.split_once(':') {
                        headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
                    }
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(self.error(IngestErrorKind::Io(e))));
                }
            }
        }
        let header = |name: &str| {
            headers
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let Some(length) = header("content-length").and_then(|v| v.parse::<u64>().ok()) else {
            self.done = true;
            return Some(Err(self.error(IngestErrorKind::Unsupported(
                "WARC record without a valid Content-Length; the rest of the file is skipped"
                    .into(),
            ))));
        };
        let is_response = header("warc-type").is_some_and(|t| t.eq_ignore_ascii_case("response"))
            && header("content-type")
                .is_some_and(|t| t.to_ascii_lowercase().starts_with("application/http"));
        let uri =
            header("warc-target-uri").map(|u| u.trim_matches(|c| c == '<' || c == '>').to_string());
        if !is_response || length > MAX_RECORD_BYTES {
            let skipped = io_skip(&mut self.reader, length);
            if let Err(e) = skipped {
                self.done = true;
                return Some(Err(self.error(IngestErrorKind::Io(e))));
            }
            if is_response {
                return Some(Err(self.error(IngestErrorKind::RecordTooLarge {
                    bytes: length,
                    limit: MAX_RECORD_BYTES,
                })));
            }
            return Some(Ok(WarcRecord::Skipped));
        }
        let mut payload = Vec::with_capacity(length as usize);
        if let Err(e) = (&mut self.reader).take(length).read_to_end(&mut payload) {
            self.done = true;
            return Some(Err(self.error(IngestErrorKind::Io(e.to_string()))));
        }
        if (payload.len() as u64) < length {
            self.done = true;
            return Some(Err(self.error(IngestErrorKind::Unsupported(
                "WARC record cut off in its payload".into(),
            ))));
        }
        let name = match &uri {
            Some(u) => format!("{} (WARC record {}, {u})", self.input, self.record),
            None => format!("{} (WARC record {})", self.input, self.record),
        };
        let record = match html_of_response(&name, &payload) {
            Ok(None) => Ok(WarcRecord::Skipped),
            Ok(Some((html, charset))) => read_html_declared(&name, &html, opts, charset.as_deref())
                .map(|mut article| {
                    if article.url.is_none() {
                        article.url = uri;
                    }
                    WarcRecord::Article(Box::new(article))
                }),
            Err(e) => Err(e),
        };
        Some(record)
    }
}

/// Reads one line (up to LF) as text; WARC headers are UTF-8.
fn read_line<R: BufRead>(reader: &mut R, line: &mut String) -> Result<usize, String> {
    let mut bytes = Vec::new();
    let n = reader
        .read_until(b'\n', &mut bytes)
        .map_err(|e| e.to_string())?;
    line.push_str(&String::from_utf8_lossy(&bytes));
    Ok(n)
}

fn io_skip<R: Read>(reader: &mut R, n: u64) -> Result<(), String> {
    let copied =
        std::io::copy(&mut reader.take(n), &mut std::io::sink()).map_err(|e| e.to_string())?;
    if copied < n {
        return Err("WARC record cut off in its payload".into());
    }
    Ok(())
}

/// An HTTP response's HTML bytes and the charset its header declares.
type HtmlBody = (Vec<u8>, Option<String>);

/// The HTML body of an HTTP response and the charset its header declares:
/// `None` for other statuses and content types; chunked transfer and
/// gzip/deflate encodings undone.
fn html_of_response(name: &str, payload: &[u8]) -> Result<Option<HtmlBody>, IngestError> {
    let Some(split) = find(payload, b"\r\n\r\n")
        .map(|i| (i, 4))
        .or_else(|| find(payload, b"\n\n").map(|i| (i, 2)))
    else {
        return Err(IngestError::new(
            name,
            None,
            IngestErrorKind::Unsupported("HTTP response without a header end".into()),
        ));
    };
    let head = String::from_utf8_lossy(&payload[..split.0]);
    let body = &payload[split.0 + split.1..];
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("");
    let code = status.split_whitespace().nth(1).unwrap_or("");
    if code != "200" {
        return Ok(None);
    }
    let mut content_type = String::new();
    let mut chunked = false;
    let mut encoding = String::new();
    for l in lines {
        let Some((k, v)) = l.split_once(':') else {
            continue;
        };
        let v = v.trim().to_ascii_lowercase();
        match k.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = v,
            "transfer-encoding" => chunked = v.contains("chunked"),
            "content-encoding" => encoding = v,
            _ => {}
        }
    }
    if !(content_type.starts_with("text/html") || content_type.starts_with("application/xhtml")) {
        return Ok(None);
    }
    let body = if chunked {
        dechunk(body).unwrap_or_else(|| body.to_vec())
    } else {
        body.to_vec()
    };
    let body = match encoding.as_str() {
        "" | "identity" => body,
        "gzip" | "x-gzip" => inflate(name, flate2::read::MultiGzDecoder::new(&body[..]))?,
        "deflate" => inflate(name, flate2::read::ZlibDecoder::new(&body[..]))?,
        other => {
            return Err(IngestError::new(
                name,
                None,
                IngestErrorKind::Unsupported(format!(
                    "HTTP body in `{other}` encoding is not supported; skipped"
                )),
            ))
        }
    };
    Ok(Some((body, charset_param(&content_type))))
}

fn inflate(name: &str, mut r: impl Read) -> Result<Vec<u8>, IngestError> {
    let mut out = Vec::new();
    r.by_ref()
        .take(MAX_RECORD_BYTES)
        .read_to_end(&mut out)
        .map_err(|e| {
            IngestError::new(
                name,
                None,
                IngestErrorKind::Io(format!("broken compressed HTTP body: {e}")),
            )
        })?;
    Ok(out)
}

/// Undoes HTTP chunked transfer coding; `None` when it does not parse.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let eol = find(body, b"\r\n")?;
        let size_text = std::str::from_utf8(&body[..eol]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        body = &body[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size..)?;
        body = body.strip_prefix(b"\r\n").unwrap_or(body);
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(http: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/a\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            http.len()
        )
        .into_bytes();
        out.extend_from_slice(http);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    #[test]
    fn latin1_page_declared_by_its_http_header_is_decoded() {
        let http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=iso-8859-1\r\n\r\n<html><body><p>Police detained five activists in Asunci\xf3n on Sunday, the interior ministry said.</p></body></html>";
        let archive = record(http);
        let mut reader = WarcReader::new("news.warc", &archive[..]);
        let Some(Ok(WarcRecord::Article(a))) = reader.next_record(&ReadOptions::default()) else {
            panic!("the page is read");
        };
        assert!(a.text.contains("Asunción"), "{}", a.text);
    }

    #[test]
    fn record_over_the_readers_cap_says_so_not_max_bytes() {
        let header = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: {}\r\n\r\n",
            MAX_RECORD_BYTES + 1
        );
        let mut archive = header.into_bytes();
        archive.resize(archive.len() + MAX_RECORD_BYTES as usize + 1, b' ');
        let mut reader = WarcReader::new("big.warc", &archive[..]);
        let err = match reader.next_record(&ReadOptions::default()) {
            Some(Err(e)) => e,
            _ => panic!("an oversized record is an error"),
        };
        let message = err.to_string();
        assert!(
            message.contains("cap of 67108864 bytes per record")
                && !message.contains("--max-bytes"),
            "{message}"
        );
    }
}
