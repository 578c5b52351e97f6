//! Sentences, tokens and lemmas, with byte offsets into the cleaned text.
//!
//! Owns: tokenization (abbreviations, possessives, contractions), sentence
//! splitting (abbreviations, quotes over several sentences, headlines without
//! a full stop, lists) and rule-based lemmas with an irregular-forms table.
//! Builds a [`herald_core::Doc`]; knows nothing of actors or events.

mod lemma;
mod sentences;
mod tokenize;

pub use lemma::{irregular_verb_forms, Lemmatizer};
pub use sentences::split_sentences;
pub use tokenize::{tokenize, tokenize_with, ABBREVIATIONS};

use herald_core::Doc;
use std::collections::HashSet;
use std::sync::OnceLock;

const COMMON_WORDS: &str = include_str!("../data/common_words.txt");

/// Whether a lowercased word is a common English word (not a name), from
/// the team's list in `data/common_words.txt`.
pub fn is_common_word(lower: &str) -> bool {
    // The list is static data compiled into the binary; a set built once is shared.
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        COMMON_WORDS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(str::trim)
            .collect()
    })
    .contains(lower)
}

const GIVEN_NAMES: &str = include_str!("../data/given_names.txt");

/// Whether a lowercased, ASCII-folded word is a common personal given name
/// ("david", "linda"), from the team's list in `data/given_names.txt`.
pub fn is_given_name(lower: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        GIVEN_NAMES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(str::trim)
            .collect()
    })
    .contains(lower)
}

/// The language layer: built once, shared by all threads.
#[derive(Debug, Clone)]
pub struct Nlp {
    pub lemmatizer: Lemmatizer,
}

impl Nlp {
    pub fn new() -> Self {
        Nlp {
            lemmatizer: Lemmatizer::english(),
        }
    }

    /// Tokenizes, lemmatizes and splits a cleaned text.
    pub fn analyze(&self, text: &str) -> Doc {
        self.analyze_with(text, &|_, _| false)
    }

    /// The same, splitting hyphenated pairs of names as `two_names` says
    /// (see [`tokenize_with`]).
    pub fn analyze_with(&self, text: &str, two_names: &dyn Fn(&str, &str) -> bool) -> Doc {
        let mut tokens = tokenize_with(text, two_names);
        for t in &mut tokens {
            t.lemma = self.lemmatizer.lemma(&t.lower);
        }
        let sentences = split_sentences(text, &tokens);
        Doc {
            text: text.to_string(),
            tokens,
            sentences,
            syntax: Vec::new(),
        }
    }
}

impl Default for Nlp {
    fn default() -> Self {
        Self::new()
    }
}
