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
use std::collections::{HashMap, HashSet};
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

/// A person's sex, as a given name or a pronoun tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Female,
    Male,
}

const GIVEN_NAME_SEXES: &str = include_str!("../data/given_name_sexes.tsv");

/// The sex of nearly everyone who bears a lowercased, ASCII-folded given
/// name ("angela", "emmanuel"), from the team's list in
/// `data/given_name_sexes.tsv`; none for names borne by both ("jordan").
pub fn given_name_sex(lower: &str) -> Option<Sex> {
    static MAP: OnceLock<HashMap<&'static str, Sex>> = OnceLock::new();
    MAP.get_or_init(|| {
        GIVEN_NAME_SEXES
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (name, sex) = l.split_once('\t')?;
                let sex = match sex.trim() {
                    "f" => Sex::Female,
                    "m" => Sex::Male,
                    _ => return None,
                };
                Some((name.trim(), sex))
            })
            .collect()
    })
    .get(lower)
    .copied()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_name_borne_by_one_sex_tells_it_and_one_borne_by_both_does_not() {
        assert_eq!(given_name_sex("angela"), Some(Sex::Female));
        assert_eq!(given_name_sex("emmanuel"), Some(Sex::Male));
        assert_eq!(given_name_sex("jordan"), None);
        assert_eq!(given_name_sex("kyiv"), None);
    }
}
