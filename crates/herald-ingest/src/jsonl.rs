//! JSONL dumps: one article object per line (`id`, `text` or `html`,
//! optional `title`, `url`, `published`; unknown fields ignored).

use crate::clean::clean_body;
use crate::date::parse_published;
use crate::error::{IngestError, IngestErrorKind};
use crate::html::html_to_article;
use crate::sniff::check_text_bytes;
use crate::text::check_size;
use crate::{content_id, ReadOptions};
use herald_core::Article;
use serde_json::Value;
use std::io::{BufRead, Read};
use std::path::Path;

/// One non-blank line of a JSONL input, with its 1-based line number.
#[derive(Debug, Clone)]
pub struct JsonlRow {
    pub line: usize,
    pub bytes: Vec<u8>,
}

/// Streams the rows of a JSONL input; each row is parsed on its own so a
/// broken line costs only that line, and a line longer than the reader's
/// limit is refused without being held in memory.
pub struct JsonlReader<R> {
    input: String,
    reader: R,
    line: usize,
    done: bool,
    max_line_bytes: usize,
}

/// The longest line a reader keeps unless told otherwise.
const DEFAULT_MAX_LINE_BYTES: usize = 64 * 1024 * 1024;

impl<R: BufRead> JsonlReader<R> {
    pub fn new(input: &str, reader: R) -> Self {
        JsonlReader {
            input: input.to_string(),
            reader,
            line: 0,
            done: false,
            max_line_bytes: DEFAULT_MAX_LINE_BYTES,
        }
    }

    /// Refuses lines longer than `max` bytes (usually `--max-bytes`): the
    /// rest of such a line is skipped unkept.
    pub fn with_max_line_bytes(mut self, max: usize) -> Self {
        self.max_line_bytes = max;
        self
    }

    /// Reads one line into `buf`, keeping at most `max_line_bytes + 1`
    /// bytes of it; returns the line's whole length.
    fn read_bounded_line(&mut self, buf: &mut Vec<u8>) -> std::io::Result<usize> {
        let mut total = 0usize;
        loop {
            let available = self.reader.fill_buf()?;
            if available.is_empty() {
                return Ok(total);
            }
            let newline = available.iter().position(|&b| b == b'\n');
            let take = newline.map_or(available.len(), |p| p + 1);
            let room = (self.max_line_bytes + 1).saturating_sub(buf.len());
            buf.extend_from_slice(&available[..take.min(room)]);
            self.reader.consume(take);
            total += take;
            if newline.is_some() {
                return Ok(total);
            }
        }
    }

    /// The next raw row (not yet parsed), or an error naming the line.
    pub fn next_row(&mut self) -> Option<Result<JsonlRow, IngestError>> {
        while !self.done {
            let mut buf = Vec::new();
            self.line += 1;
            match self.read_bounded_line(&mut buf) {
                Ok(0) => self.done = true,
                Ok(total) => {
                    if total > self.max_line_bytes {
                        return Some(Err(IngestError::new(
                            &self.input,
                            Some(self.line),
                            IngestErrorKind::TooLarge {
                                bytes: total,
                                limit: self.max_line_bytes,
                            },
                        )));
                    }
                    if buf.iter().all(|b| b.is_ascii_whitespace()) {
                        continue;
                    }
                    return Some(Ok(JsonlRow {
                        line: self.line,
                        bytes: buf,
                    }));
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(IngestError::new(
                        &self.input,
                        Some(self.line),
                        IngestErrorKind::Io(e.to_string()),
                    )));
                }
            }
        }
        None
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<JsonlRow, IngestError>;
    fn next(&mut self) -> Option<Self::Item> {
        self.next_row()
    }
}

fn string_field(obj: &serde_json::Map<String, Value>, name: &str) -> Option<String> {
    match obj.get(name)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A field that should be a string: a number is read as its digits and a
/// boolean, array or object is ignored, each with a warning (the reader
/// shows it with the line).
fn text_field(
    obj: &serde_json::Map<String, Value>,
    name: &str,
    warnings: &mut Vec<String>,
) -> Option<String> {
    match obj.get(name)? {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        Value::Number(n) => {
            warnings.push(format!("`{name}` is a number, not a string; read as `{n}`"));
            Some(n.to_string())
        }
        _ => {
            warnings.push(format!("`{name}` is not a string; ignored"));
            None
        }
    }
}

/// The row's `published` date; an unparseable one is warned about and the
/// default, when there is one, is used instead (the warning says so).
fn published_field(
    obj: &serde_json::Map<String, Value>,
    opts: &ReadOptions,
    warnings: &mut Vec<String>,
) -> Option<String> {
    let raw = text_field(obj, "published", warnings).filter(|p| !p.trim().is_empty());
    let parsed = raw.as_deref().and_then(parse_published);
    if let (Some(p), None) = (&raw, &parsed) {
        let instead = match &opts.published_default {
            Some(d) if d != p => format!("; --published {d} used instead"),
            _ => String::new(),
        };
        warnings.push(format!("unparseable published date `{p}`{instead}"));
    }
    parsed.or_else(|| opts.published_default.clone())
}

/// Parses one row's JSON. A row that fails only on lone UTF-16 surrogate
/// escapes (`"\ud800"`, which no UTF-8 text can hold) is read with each
/// one replaced by U+FFFD, and a warning says so.
fn parse_json_row(text: &str, warnings: &mut Vec<String>) -> Result<Value, String> {
    let first_error = match serde_json::from_str(text) {
        Ok(v) => return Ok(v),
        Err(e) => e.to_string(),
    };
    let Some((fixed, replaced)) = replace_lone_surrogates(text) else {
        return Err(first_error);
    };
    let value = serde_json::from_str(&fixed).map_err(|_| first_error)?;
    warnings.push(format!(
        "{replaced} lone surrogate escape(s) replaced with U+FFFD"
    ));
    Ok(value)
}

/// The JSON text with every `\uD800`-`\uDFFF` escape that is not half of a
/// surrogate pair turned into `\uFFFD`, and how many; `None` if none.
fn replace_lone_surrogates(text: &str) -> Option<(String, usize)> {
    let hex_at = |i: usize| -> Option<u32> {
        let b = text.as_bytes();
        if b.get(i) != Some(&b'\\') || b.get(i + 1) != Some(&b'u') {
            return None;
        }
        u32::from_str_radix(text.get(i + 2..i + 6)?, 16).ok()
    };
    let bytes = text.as_bytes();
    let (mut out, mut replaced, mut copied, mut i) = (String::new(), 0usize, 0usize, 0usize);
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        match hex_at(i) {
            Some(0xD800..=0xDBFF) if matches!(hex_at(i + 6), Some(0xDC00..=0xDFFF)) => i += 12,
            Some(0xD800..=0xDFFF) => {
                out.push_str(&text[copied..i]);
                out.push_str("\\uFFFD");
                replaced += 1;
                i += 6;
                copied = i;
            }
            _ => i += 2, // any other escape, `\\` included
        }
    }
    if replaced == 0 {
        return None;
    }
    out.push_str(&text[copied..]);
    Some((out, replaced))
}

impl JsonlRow {
    /// Parses the row into an article.
    pub fn parse(&self, input: &str, opts: &ReadOptions) -> Result<Article, IngestError> {
        let err = |kind| IngestError::new(input, Some(self.line), kind);
        check_size(input, Some(self.line), self.bytes.len(), opts)?;
        let text = check_text_bytes(input, Some(self.line), &self.bytes)?;
        let mut warnings = Vec::new();
        let value = parse_json_row(text.trim_start_matches('\u{feff}'), &mut warnings)
            .map_err(|e| err(IngestErrorKind::BadJson(e)))?;
        let obj = value
            .as_object()
            .ok_or_else(|| err(IngestErrorKind::BadJson("not a JSON object".into())))?;
        let id = string_field(obj, "id").unwrap_or_else(|| content_id(&self.bytes));
        let url = string_field(obj, "url");
        let title = text_field(obj, "title", &mut warnings)
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        let published = published_field(obj, opts, &mut warnings);
        let mut article = if let Some(body) = text_field(obj, "text", &mut warnings) {
            let cleaned = clean_body(&body, false, title.as_deref(), false, true);
            Article {
                id: String::new(),
                url,
                title,
                published,
                dateline: cleaned.dateline,
                text: cleaned.text,
                warnings: Vec::new(),
            }
        } else if let Some(html) = text_field(obj, "html", &mut warnings) {
            let mut a = html_to_article(&html, url.as_deref(), opts);
            a.title = title.or(a.title);
            a.published = published.or(a.published);
            a
        } else {
            return Err(err(IngestErrorKind::MissingField("text` or `html")));
        };
        article.id = id;
        article.warnings.extend(warnings);
        if article.text.trim().is_empty() {
            return Err(err(IngestErrorKind::Empty));
        }
        Ok(article)
    }
}

impl JsonlRow {
    /// Like [`JsonlRow::parse`], and a row without `text` or `html` may name
    /// a `file` (text or HTML) under `base`, the input's directory, as the
    /// gold sets do; the row's `id`, `url`, `title` and `published` still
    /// apply. A `file` that leads out of `base` (`/etc/passwd`, `../x`) is
    /// refused. For local inputs only: a server must not read files that a
    /// client names.
    pub fn parse_with_files(
        &self,
        input: &str,
        opts: &ReadOptions,
        base: &Path,
    ) -> Result<Article, IngestError> {
        self.parse_with_file_policy(input, opts, base, false)
    }

    /// Like [`JsonlRow::parse_with_files`], and the `file` may be anywhere
    /// (`--allow-file-paths`).
    pub fn parse_with_any_file(
        &self,
        input: &str,
        opts: &ReadOptions,
        base: &Path,
    ) -> Result<Article, IngestError> {
        self.parse_with_file_policy(input, opts, base, true)
    }

    fn parse_with_file_policy(
        &self,
        input: &str,
        opts: &ReadOptions,
        base: &Path,
        any_path: bool,
    ) -> Result<Article, IngestError> {
        let err = match self.parse(input, opts) {
            Err(e) if matches!(e.kind, IngestErrorKind::MissingField(_)) => e,
            other => return other,
        };
        let Some(obj) = serde_json::from_slice::<Value>(&self.bytes)
            .ok()
            .and_then(|v| v.as_object().cloned())
        else {
            return Err(err);
        };
        let Some(file) = string_field(&obj, "file") else {
            return Err(err);
        };
        let row_error = |kind| IngestError::new(input, Some(self.line), kind);
        let path = base.join(&file);
        let name = path.display().to_string();
        let io_error = |e: std::io::Error| row_error(IngestErrorKind::Io(format!("{name}: {e}")));
        let real = path.canonicalize().map_err(io_error)?;
        if !any_path && !base.canonicalize().is_ok_and(|b| real.starts_with(b)) {
            return Err(row_error(IngestErrorKind::Unsupported(format!(
                "the row's file `{file}` is not under the input's directory {}; skipped (--allow-file-paths reads it)",
                base.display()
            ))));
        }
        let raw = read_at_most(&path, opts.max_bytes).map_err(io_error)?;
        if raw.len() > opts.max_bytes {
            let limit = opts.max_bytes;
            return Err(IngestError::new(
                &name,
                None,
                IngestErrorKind::TooLargeStopped { limit },
            ));
        }
        let mut warnings = Vec::new();
        let published = published_field(&obj, opts, &mut warnings);
        let format = crate::sniff_format(&name, &raw);
        if !matches!(format, crate::InputFormat::Text | crate::InputFormat::Html) {
            return Err(row_error(IngestErrorKind::Unsupported(format!(
                "{name}: a row's file must be text or HTML"
            ))));
        }
        let mut article = crate::read_document(
            &name,
            &raw,
            format,
            &ReadOptions {
                published_default: published.clone(),
                ..opts.clone()
            },
        )?;
        if let Some(id) = string_field(&obj, "id") {
            article.id = id;
        }
        article.url = string_field(&obj, "url").or(article.url);
        article.title = text_field(&obj, "title", &mut warnings).or(article.title);
        article.published = published.or(article.published);
        article.warnings.extend(warnings);
        Ok(article)
    }
}

/// A file's first `max + 1` bytes at most: enough to refuse it as too large.
fn read_at_most(path: &Path, max: usize) -> std::io::Result<Vec<u8>> {
    let mut raw = Vec::new();
    std::fs::File::open(path)?
        .take(max as u64 + 1)
        .read_to_end(&mut raw)?;
    Ok(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(data: &str) -> Vec<Result<Article, IngestError>> {
        JsonlReader::new("batch.jsonl", data.as_bytes())
            .map(|row| row.and_then(|r| r.parse("batch.jsonl", &ReadOptions::default())))
            .collect()
    }

    #[test]
    fn a_row_may_name_its_file_beside_the_jsonl() {
        let dir = std::env::temp_dir().join(format!("herald-jsonl-file-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("story.txt"),
            "Talks in Geneva\n\nThe two ministers met in Geneva on Monday.\n",
        )
        .unwrap();
        let row = |json: &str| JsonlRow {
            line: 7,
            bytes: json.as_bytes().to_vec(),
        };
        let opts = ReadOptions::default();
        let a = row(r#"{"id": "g1", "file": "story.txt", "published": "2023-03-02"}"#)
            .parse_with_files("gold.jsonl", &opts, &dir)
            .unwrap();
        assert_eq!(
            (a.id.as_str(), a.title.as_deref(), a.published.as_deref()),
            ("g1", Some("Talks in Geneva"), Some("2023-03-02"))
        );
        assert!(a.text.contains("met in Geneva"));
        let missing = row(r#"{"id": "g2", "file": "gone.txt"}"#)
            .parse_with_files("gold.jsonl", &opts, &dir)
            .unwrap_err();
        assert!(
            missing.to_string().starts_with("gold.jsonl:7: cannot read")
                && missing.to_string().contains("gone.txt"),
            "{missing}"
        );
        // plain parsing never reads files
        assert!(row(r#"{"id": "g1", "file": "story.txt"}"#)
            .parse("body", &opts)
            .is_err());
    }

    #[test]
    fn a_rows_text_is_kept_as_given_but_for_chrome_and_doubled_lines() {
        let row = |json: &str| JsonlRow {
            line: 1,
            bytes: json.as_bytes().to_vec(),
        };
        let opts = ReadOptions::default();
        // an odd dash code, two spaces, a carriage return, three newlines
        let json = r#"{"id": "v1", "text": "NEWARK \u0097 It  was late.\r\nThey left.\n\n\nTalks went on."}"#;
        let a = row(json).parse("body", &opts).unwrap();
        let expected = "NEWARK \u{97} It  was late.\r\nThey left.\n\n\nTalks went on.";
        assert_eq!(a.text, expected);
        // site chrome and a doubled line leave, with their line ends
        let json =
            r#"{"id": "v2", "text": "One  fact.\nAdvertisement\nTwo facts.\nOne  fact.\nEnd."}"#;
        let a = row(json).parse("body", &opts).unwrap();
        assert_eq!(a.text, "One  fact.\nTwo facts.\nEnd.");
    }

    #[test]
    fn a_rows_file_may_not_lead_out_of_the_inputs_directory() {
        let root = std::env::temp_dir().join(format!("herald-jsonl-escape-{}", std::process::id()));
        let dir = root.join("gold");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            root.join("secret.txt"),
            "Talks\n\nThe secret talks began.\n",
        )
        .unwrap();
        std::fs::write(dir.join("ok.txt"), "Talks\n\nThe open talks began.\n").unwrap();
        let row = |json: &str| JsonlRow {
            line: 3,
            bytes: json.as_bytes().to_vec(),
        };
        let opts = ReadOptions::default();
        let abs = root.join("secret.txt").display().to_string();
        for file in ["../secret.txt", abs.as_str(), "/etc/passwd"] {
            let json = serde_json::json!({"id": "x", "file": file}).to_string();
            let e = row(&json)
                .parse_with_files("gold.jsonl", &opts, &dir)
                .unwrap_err();
            assert!(
                e.to_string().starts_with("gold.jsonl:3: ")
                    && e.to_string().contains("not under the input's directory"),
                "{file}: {e}"
            );
        }
        let inside = row(r#"{"id": "y", "file": "./ok.txt"}"#);
        assert!(inside.parse_with_files("gold.jsonl", &opts, &dir).is_ok());
        std::fs::write(dir.join("long.txt"), "The talks went on. ".repeat(10)).unwrap();
        let small = ReadOptions {
            max_bytes: 50,
            ..Default::default()
        };
        let big = row(r#"{"file":"long.txt"}"#)
            .parse_with_files("gold.jsonl", &small, &dir)
            .unwrap_err();
        assert_eq!(big.kind, IngestErrorKind::TooLargeStopped { limit: 50 });
        assert!(big.to_string().contains("long.txt"), "{big}");
        let json = serde_json::json!({"id": "x", "file": "../secret.txt"}).to_string();
        let a = row(&json)
            .parse_with_any_file("gold.jsonl", &opts, &dir)
            .unwrap();
        assert_eq!(a.text, "The secret talks began.");
    }

    #[test]
    fn an_overlong_line_is_refused_unkept_and_the_next_row_is_read() {
        let long = format!("{{\"id\":\"big\",\"text\":\"{}\"}}", "a".repeat(5000));
        let data = format!("{long}\n{{\"id\":\"b\",\"text\":\"Short.\"}}\n");
        let mut reader = JsonlReader::new("big.jsonl", data.as_bytes()).with_max_line_bytes(100);
        let first = reader.next_row().unwrap().unwrap_err();
        assert_eq!(first.line, Some(1));
        assert_eq!(
            first.kind,
            IngestErrorKind::TooLarge {
                bytes: long.len() + 1,
                limit: 100
            }
        );
        let second = reader.next_row().unwrap().unwrap();
        assert_eq!(second.line, 2);
        assert!(reader.next_row().is_none());
    }

    #[test]
    fn lone_surrogates_become_replacement_characters_with_a_warning() {
        let out = read_all(
            r#"{"id":"s","text":"Police detained \ud800 five activists in Minsk \udc00 on Sunday \ud83d\ude00 said \\ud800."}"#,
        );
        let a = out[0].as_ref().unwrap();
        assert_eq!(
            a.text,
            "Police detained \u{fffd} five activists in Minsk \u{fffd} on Sunday \u{1f600} said \\ud800."
        );
        assert_eq!(
            a.warnings,
            ["2 lone surrogate escape(s) replaced with U+FFFD"]
        );
    }

    #[test]
    fn numbers_for_text_and_bad_dates_are_warned_about() {
        let data = "{\"id\":\"n\",\"text\":12345}\n{\"id\":\"d\",\"text\":\"Hi there.\",\"published\":\"2023-02-30\"}\n";
        let opts = ReadOptions {
            published_default: Some("2023-03-01".into()),
            ..Default::default()
        };
        let out: Vec<_> = JsonlReader::new("w.jsonl", data.as_bytes())
            .map(|row| row.unwrap().parse("w.jsonl", &opts).unwrap())
            .collect();
        assert_eq!(out[0].text, "12345");
        assert_eq!(
            out[0].warnings,
            ["`text` is a number, not a string; read as `12345`"]
        );
        assert_eq!(out[1].published.as_deref(), Some("2023-03-01"));
        assert_eq!(
            out[1].warnings,
            ["unparseable published date `2023-02-30`; --published 2023-03-01 used instead"]
        );
    }

    #[test]
    fn broken_line_is_reported_and_the_rest_goes_through() {
        let data = "{\"id\":\"a\",\"text\":\"One.\"}\n{\"id\":\"b\",\"text\":\n\n{\"id\":\"c\",\"text\":\"Three.\",\"extra\":[1]}\n";
        let out = read_all(data);
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].as_ref().unwrap().id, "a");
        let e = out[1].as_ref().unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.to_string().starts_with("batch.jsonl:2: broken JSON line"));
        assert_eq!(out[2].as_ref().unwrap().id, "c");
    }

    #[test]
    fn title_only_from_field_and_text_keeps_its_headline() {
        let out = read_all("{\"id\":1,\"title\":\"Talks end\",\"text\":\"Talks end. The talks ended.\",\"published\":\"2023-03-02\"}");
        let a = out[0].as_ref().unwrap();
        assert_eq!(a.id, "1");
        assert_eq!(a.title.as_deref(), Some("Talks end"));
        assert_eq!(a.text, "Talks end. The talks ended.");
        assert_eq!(a.published.as_deref(), Some("2023-03-02"));
    }

    #[test]
    fn missing_text_and_bad_date_are_reported() {
        let out = read_all(
            "{\"id\":\"x\"}\n{\"id\":\"y\",\"text\":\"Hi there.\",\"published\":\"soon\"}",
        );
        assert!(matches!(
            out[0].as_ref().unwrap_err().kind,
            IngestErrorKind::MissingField(_)
        ));
        let y = out[1].as_ref().unwrap();
        assert_eq!(y.published, None);
        assert_eq!(y.warnings.len(), 1);
    }

    #[test]
    fn html_rows_are_read() {
        let out = read_all(
            r#"{"id":"h","html":"<html><body><p>Police detained five activists in Minsk on Sunday.</p></body></html>"}"#,
        );
        assert!(out[0].as_ref().unwrap().text.contains("Police detained"));
    }
}
