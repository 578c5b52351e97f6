//! The tokenized document: tokens and sentences as views into the text.

use crate::span::Span;

/// One token of the cleaned text.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub span: Span,
    /// Lowercased base form (best effort without a tagger).
    pub lemma: String,
    /// Lowercased surface form.
    pub lower: String,
    pub shape: Shape,
    /// A paragraph break (blank line) comes right before this token.
    pub para_start: bool,
}

impl Token {
    /// The possessive mark "'s" (either apostrophe), a token of its own.
    pub fn is_possessive(&self) -> bool {
        is_possessive(&self.lower)
    }
}

/// Whether a lowercased word is the possessive mark "'s" (either apostrophe).
pub fn is_possessive(lower: &str) -> bool {
    matches!(lower, "'s" | "’s")
}

/// Letter case and kind of a token, for rules that read capitalisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// "Blinken", "G20"
    Capitalized,
    /// "NATO", "U.S."
    Upper,
    /// "said"
    Lower,
    Number,
    Punct,
    Other,
}

/// A sentence: its byte span and the range of its tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: std::ops::Range<usize>,
}

/// Text with its tokens and sentences; later stages read it, never change it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    pub text: String,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// Tags, heads and relations, one per token; empty when not parsed.
    pub syntax: Vec<crate::syntax::TokenSyntax>,
}

impl Doc {
    pub fn token_text(&self, i: usize) -> &str {
        self.tokens[i].span.slice(&self.text)
    }
    /// The lowercased word right before token `i`; empty at the start.
    pub fn lower_before(&self, i: usize) -> &str {
        i.checked_sub(1)
            .map_or("", |p| self.tokens[p].lower.as_str())
    }
    /// Index of the sentence holding token `i`.
    pub fn sentence_of(&self, i: usize) -> usize {
        self.sentences.partition_point(|s| s.tokens.end <= i)
    }
    /// Index of the sentence holding byte offset `at`.
    pub fn sentence_at(&self, at: usize) -> usize {
        self.sentences
            .partition_point(|s| s.span.end <= at)
            .min(self.sentences.len().saturating_sub(1))
    }
}
