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
use std::io::BufRead;

/// One non-blank line of a JSONL input, with its 1-based line number.
#[derive(Debug, Clone)]
pub struct JsonlRow {
    pub line: usize,
    pub bytes: Vec<u8>,
}

/// Streams the rows of a JSONL input; each row is parsed on its own so a
/// broken line costs only that line.
pub struct JsonlReader<R> {
    input: String,
    reader: R,
    line: usize,
    done: bool,
}

impl<R: BufRead> JsonlReader<R> {
    pub fn new(input: &str, reader: R) -> Self {
        JsonlReader {
            input: input.to_string(),
            reader,
            line: 0,
            done: false,
        }
    }

    /// The next raw row (not yet parsed), or an I/O error naming the line.
    pub fn next_row(&mut self) -> Option<Result<JsonlRow, IngestError>> {
        while !self.done {
            let mut buf = Vec::new();
            self.line += 1;
            match self.reader.read_until(b'\n', &mut buf) {
                Ok(0) => self.done = true,
                Ok(_) => {
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

impl JsonlRow {
    /// Parses the row into an article.
    pub fn parse(&self, input: &str, opts: &ReadOptions) -> Result<Article, IngestError> {
        let err = |kind| IngestError::new(input, Some(self.line), kind);
        check_size(input, Some(self.line), self.bytes.len(), opts)?;
        let text = check_text_bytes(input, Some(self.line), &self.bytes)?;
        let value: Value =
            serde_json::from_str(text).map_err(|e| err(IngestErrorKind::BadJson(e.to_string())))?;
        let obj = value
            .as_object()
            .ok_or_else(|| err(IngestErrorKind::BadJson("not a JSON object".into())))?;
        let id = string_field(obj, "id").unwrap_or_else(|| content_id(&self.bytes));
        let url = string_field(obj, "url");
        let title = string_field(obj, "title")
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        let mut warnings = Vec::new();
        let published = match string_field(obj, "published").filter(|p| !p.trim().is_empty()) {
            Some(p) => {
                let parsed = parse_published(&p);
                if parsed.is_none() {
                    warnings.push(format!("unparseable published date `{p}`"));
                }
                parsed
            }
            None => None,
        }
        .or_else(|| opts.published_default.clone());
        let mut article = if let Some(body) = string_field(obj, "text") {
            let cleaned = clean_body(&body, false, title.as_deref(), false);
            Article {
                id: String::new(),
                url,
                title,
                published,
                dateline: cleaned.dateline,
                text: cleaned.text,
                warnings: Vec::new(),
            }
        } else if let Some(html) = string_field(obj, "html") {
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
    /// a `file` (text or HTML, relative to `base`), as the gold sets do; the
    /// row's `id`, `url`, `title` and `published` still apply. For local
    /// inputs only: a server must not read files that a client names.
    pub fn parse_with_files(
        &self,
        input: &str,
        opts: &ReadOptions,
        base: &std::path::Path,
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
        let path = base.join(&file);
        let name = path.display().to_string();
        let raw = std::fs::read(&path).map_err(|e| {
            IngestError::new(
                input,
                Some(self.line),
                IngestErrorKind::Io(format!("{name}: {e}")),
            )
        })?;
        let published = string_field(&obj, "published")
            .and_then(|p| parse_published(&p))
            .or_else(|| opts.published_default.clone());
        let format = crate::sniff_format(&name, &raw);
        if !matches!(format, crate::InputFormat::Text | crate::InputFormat::Html) {
            return Err(IngestError::new(
                input,
                Some(self.line),
                IngestErrorKind::Unsupported(format!("{name}: a row's file must be text or HTML")),
            ));
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
        article.title = string_field(&obj, "title").or(article.title);
        article.published = published.or(article.published);
        Ok(article)
    }
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
