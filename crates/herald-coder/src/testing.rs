//! Helpers for the unit tests beside each stage: the embedded knowledge base
//! and tagger-parser, loaded once, and the layers a stage reads, made from a
//! sentence written for the test.

use crate::Coder;
use herald_core::{Article, Doc, Record};
use herald_kb::Kb;
use herald_syntax::Syntax;
use std::sync::OnceLock;

pub fn kb() -> &'static Kb {
    static KB: OnceLock<Kb> = OnceLock::new();
    KB.get_or_init(|| Kb::embedded().expect("embedded knowledge base"))
}

pub fn syntax() -> &'static Syntax {
    static SYNTAX: OnceLock<Syntax> = OnceLock::new();
    SYNTAX.get_or_init(|| Syntax::embedded().expect("embedded model"))
}

/// Tokens and sentences of a text.
pub fn doc(text: &str) -> Doc {
    // as the tokens component makes it: hyphenated pairs of names cut by the knowledge base
    let two_names = |left: &str, right: &str| crate::mentions::two_names(kb(), left, right);
    herald_nlp::Nlp::new().analyze_with(text, &two_names)
}

/// A story published on 2024-05-16.
pub fn article(text: &str) -> Article {
    Article {
        id: "t".into(),
        published: Some("2024-05-16".into()),
        text: text.into(),
        ..Default::default()
    }
}

/// The whole record of a story, parsed as the command line codes it.
pub fn record(text: &str) -> Record {
    Coder::with_syntax(kb(), syntax()).code(&article(text))
}
