//! Readers and cleaning: from raw bytes as people have them (scraped text,
//! HTML pages, JSONL dumps, WARC archives) to a cleaned [`herald_core::Article`].
//!
//! Owns: format sniffing, refusing bad input with an error that names it,
//! site-chrome removal, repeated-line removal, datelines, published dates.
//! Does not tokenize or know about actors and events; it never panics on
//! input bytes.

mod clean;
mod date;
mod decode;
mod error;
mod html;
mod jsonl;
mod sniff;
mod text;
mod warc;

pub use clean::{clean_body, is_chrome_line, CleanedBody};
pub use date::parse_published;
pub use error::{IngestError, IngestErrorKind};
pub use html::read_html;
pub use jsonl::{JsonlReader, JsonlRow};
pub use sniff::{check_binary_head, sniff_format, InputFormat};
pub use text::read_text;
pub use warc::{WarcReader, WarcRecord};

/// Limits and defaults applied by every reader.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Articles whose text exceeds this many bytes are refused.
    pub max_bytes: usize,
    /// Reference date used when the input carries none (`YYYY-MM-DD`).
    pub published_default: Option<String>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_bytes: 5 * 1024 * 1024,
            published_default: None,
        }
    }
}

/// The id of an input without one: hex SHA-1 of its raw bytes.
pub fn content_id(raw: &[u8]) -> String {
    sha1_smol::Sha1::from(raw).digest().to_string()
}

/// Reads one whole file or stdin buffer whose format is known.
pub fn read_document(
    input_name: &str,
    raw: &[u8],
    format: InputFormat,
    opts: &ReadOptions,
) -> Result<herald_core::Article, IngestError> {
    match format {
        InputFormat::Text => read_text(input_name, raw, opts),
        InputFormat::Html => read_html(input_name, raw, opts),
        InputFormat::Jsonl => Err(IngestError::new(
            input_name,
            None,
            IngestErrorKind::Unsupported("JSONL is read line by line with JsonlReader".into()),
        )),
        InputFormat::Warc => Err(IngestError::new(
            input_name,
            None,
            IngestErrorKind::Unsupported("WARC is read record by record with WarcReader".into()),
        )),
    }
}
