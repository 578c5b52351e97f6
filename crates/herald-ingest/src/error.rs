//! Errors that name the input (and line) they came from.

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum IngestErrorKind {
    Binary,
    InvalidUtf8 {
        at: usize,
    },
    Empty,
    TooLarge {
        bytes: usize,
        limit: usize,
    },
    /// Reading stopped at the limit: the input is longer, by how much is unknown.
    TooLargeStopped {
        limit: usize,
    },
    /// A WARC record over the reader's own cap, whatever `--max-bytes` says.
    RecordTooLarge {
        bytes: u64,
        limit: u64,
    },
    BadJson(String),
    MissingField(&'static str),
    Unsupported(String),
    Io(String),
    /// Read, but coding it failed: a bug in Herald, not in the input.
    CodingFailed,
}

/// A refused input, with the file and (for JSONL) the 1-based line.
#[derive(Debug, Clone, PartialEq)]
pub struct IngestError {
    pub input: String,
    pub line: Option<usize>,
    pub kind: IngestErrorKind,
}

impl IngestError {
    pub fn new(input: &str, line: Option<usize>, kind: IngestErrorKind) -> Self {
        IngestError {
            input: input.to_string(),
            line,
            kind,
        }
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: ", self.input, l)?,
            None => write!(f, "{}: ", self.input)?,
        }
        match &self.kind {
            IngestErrorKind::Binary => write!(
                f,
                "looks like a binary file, not text, HTML or JSONL; skipped"
            ),
            IngestErrorKind::InvalidUtf8 { at } => write!(
                f,
                "not valid UTF-8 (first bad byte at offset {at}); skipped"
            ),
            IngestErrorKind::Empty => {
                write!(f, "empty article: no text left after cleaning; skipped")
            }
            IngestErrorKind::TooLarge { bytes, limit } => {
                write!(
                    f,
                    "article of {bytes} bytes exceeds --max-bytes {limit}; skipped"
                )
            }
            IngestErrorKind::TooLargeStopped { limit } => write!(
                f,
                "article exceeds --max-bytes {limit} (reading stopped there); skipped"
            ),
            IngestErrorKind::RecordTooLarge { bytes, limit } => write!(
                f,
                "WARC record of {bytes} bytes exceeds the reader's cap of {limit} bytes per record; skipped unread"
            ),
            IngestErrorKind::BadJson(e) => write!(f, "broken JSON line: {e}; skipped"),
            IngestErrorKind::MissingField(name) => {
                write!(f, "JSON object has no `{name}`; skipped")
            }
            IngestErrorKind::Unsupported(what) => write!(f, "{what}"),
            IngestErrorKind::Io(e) => write!(f, "cannot read: {e}"),
            IngestErrorKind::CodingFailed => write!(
                f,
                "coding this article failed (a bug in Herald, please report it); skipped"
            ),
        }
    }
}

impl std::error::Error for IngestError {}
