//! The document model and the output record shared by every Herald stage.
//!
//! Owns: byte spans, the code types (`EventType`, `Sector`), the cleaned
//! [`Article`] that readers produce, and the [`Record`] written as JSON per
//! `shared/SCHEMA.md`. Knows nothing of readers, the knowledge base or the
//! coder; every other Herald crate depends on this one and nothing here
//! depends on them.

pub mod codes;
pub mod doc;
pub mod geo;
pub mod record;
pub mod span;
pub mod syntax;

pub use codes::{
    DateBasis, DatePrecision, EntityType, EventType, LocationBasis, Modality, QuadClass, Sector,
};
pub use doc::{is_possessive, Doc, Sentence, Shape, Token};
pub use record::*;
pub use span::Span;
pub use syntax::{DepRel, TokenSyntax, Upos};

/// A cleaned article, as the readers hand it to the pipeline (and as the
/// work queue carries it, in JSON, from `herald publish` to `herald worker`).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Article {
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    /// ISO date `YYYY-MM-DD` when known.
    pub published: Option<String>,
    /// Dateline read from the head of the text ("NEW DELHI (Reuters) -").
    pub dateline: Option<DatelineText>,
    /// Cleaned body; every offset in the pipeline is a byte offset into it.
    pub text: String,
    /// Problems met while reading that did not stop the article.
    pub warnings: Vec<String>,
}

/// The raw dateline as found in the text, before the place is resolved.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DatelineText {
    pub place: String,
    /// Where the place name stands in `Article::text`.
    pub place_span: Span,
    pub agency: Option<String>,
}
