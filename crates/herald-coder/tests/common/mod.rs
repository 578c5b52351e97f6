//! Helpers shared by the coder's test files: the embedded knowledge base,
//! loaded once, and coding a story written for a test.

#![allow(dead_code)] // each test file uses only some of these

use herald_coder::Coder;
use herald_core::{Article, Record};
use herald_kb::Kb;
use std::sync::OnceLock;

pub fn kb() -> &'static Kb {
    static KB: OnceLock<Kb> = OnceLock::new();
    KB.get_or_init(|| Kb::embedded().expect("embedded knowledge base"))
}

/// A story published on 2024-05-16, as `Coder::code` takes it.
pub fn article(text: &str) -> Article {
    Article {
        id: "t".into(),
        published: Some("2024-05-16".into()),
        text: text.into(),
        ..Default::default()
    }
}

/// Coded without the parser (word positions only).
pub fn code(text: &str) -> Record {
    Coder::new(kb()).code(&article(text))
}

/// Coded with the embedded tagger and parser, as the command line codes.
pub fn code_parsed(text: &str) -> Record {
    static SYNTAX: OnceLock<herald_syntax::Syntax> = OnceLock::new();
    let syntax = SYNTAX.get_or_init(|| herald_syntax::Syntax::embedded().expect("embedded model"));
    Coder::with_syntax(kb(), syntax).code(&article(text))
}
