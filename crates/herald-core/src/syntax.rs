//! Syntax layers of a [`crate::Doc`]: Universal Dependencies part-of-speech
//! tags, dependency relations and the per-token parse that the syntax stage
//! writes and later stages read.

/// The 17 universal part-of-speech tags of Universal Dependencies v2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

impl Upos {
    /// Every tag, in the order of its `u8` value.
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    /// The tag as CoNLL-U writes it ("NOUN").
    pub fn as_str(self) -> &'static str {
        const NAMES: [&str; 17] = [
            "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
            "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
        ];
        NAMES[self as usize]
    }

    /// Reads a CoNLL-U tag; `None` for anything else.
    pub fn parse(s: &str) -> Option<Upos> {
        Upos::ALL.iter().copied().find(|u| u.as_str() == s)
    }

    /// The tag of a `u8` value, `X` when out of range.
    pub fn from_index(i: u8) -> Upos {
        Upos::ALL.get(i as usize).copied().unwrap_or(Upos::X)
    }
}

/// Relations the syntax stage knows: the 37 universal relations and the
/// English subtypes of UD English EWT. Index 0 is `dep`.
const DEPRELS: &[&str] = &[
    "dep",
    "acl",
    "acl:relcl",
    "advcl",
    "advcl:relcl",
    "advmod",
    "amod",
    "appos",
    "aux",
    "aux:pass",
    "case",
    "cc",
    "cc:preconj",
    "ccomp",
    "clf",
    "compound",
    "compound:prt",
    "conj",
    "cop",
    "csubj",
    "csubj:outer",
    "csubj:pass",
    "det",
    "det:predet",
    "discourse",
    "dislocated",
    "expl",
    "fixed",
    "flat",
    "goeswith",
    "iobj",
    "list",
    "mark",
    "nmod",
    "nmod:desc",
    "nmod:poss",
    "nmod:unmarked",
    "nsubj",
    "nsubj:outer",
    "nsubj:pass",
    "nummod",
    "obj",
    "obl",
    "obl:agent",
    "obl:unmarked",
    "orphan",
    "parataxis",
    "punct",
    "reparandum",
    "root",
    "vocative",
    "xcomp",
];

/// A dependency relation with its subtype ("nsubj:pass"), as an index into
/// a fixed table; [`DepRel::as_str`] gives its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DepRel(u8);

impl DepRel {
    /// The relation of unknown or unparsed tokens.
    pub const DEP: DepRel = DepRel(0);

    /// The relation of a sentence's root word to the root.
    pub const ROOT: DepRel = DepRel(49);

    /// How many relations there are; indices run from 0 to `COUNT - 1`.
    pub const COUNT: usize = DEPRELS.len();

    /// Reads a relation: an unknown subtype falls back to its universal
    /// relation ("obl:tmod" to "obl"), anything else unknown to `dep`.
    pub fn parse(s: &str) -> DepRel {
        let find = |name: &str| DEPRELS.iter().position(|d| *d == name);
        let universal = s.split(':').next().unwrap_or("");
        let i = find(s).or_else(|| find(universal)).unwrap_or(0);
        DepRel(i as u8)
    }

    /// Whether `s` names a relation of the table exactly.
    pub fn is_known(s: &str) -> bool {
        DEPRELS.contains(&s)
    }

    pub fn as_str(self) -> &'static str {
        DEPRELS.get(self.0 as usize).copied().unwrap_or("dep")
    }

    /// The universal relation without its subtype ("nsubj" for "nsubj:pass").
    pub fn universal(self) -> &'static str {
        self.as_str().split(':').next().unwrap_or("dep")
    }

    pub const fn index(self) -> usize {
        self.0 as usize
    }

    /// The relation of an index, `dep` when out of range.
    pub fn from_index(i: usize) -> DepRel {
        if i < DEPRELS.len() {
            DepRel(i as u8)
        } else {
            DepRel::DEP
        }
    }
}

/// The parse of one token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenSyntax {
    pub upos: Upos,
    /// Index of the head token in `Doc::tokens`; `None` for a sentence root
    /// (and for tokens of sentences left unparsed).
    pub head: Option<u32>,
    pub deprel: DepRel,
}

impl TokenSyntax {
    /// The value of a token whose sentence was not parsed.
    pub const UNPARSED: TokenSyntax = TokenSyntax {
        upos: Upos::X,
        head: None,
        deprel: DepRel::DEP,
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_relations_read_back() {
        for u in Upos::ALL {
            assert_eq!(Upos::parse(u.as_str()), Some(u));
        }
        assert_eq!(Upos::parse("NN"), None);
        assert_eq!(DepRel::parse("nsubj:pass").as_str(), "nsubj:pass");
        assert_eq!(DepRel::parse("nsubj:pass").universal(), "nsubj");
        assert_eq!(DepRel::parse("obl:tmod").as_str(), "obl");
        assert_eq!(DepRel::parse("nonsense"), DepRel::DEP);
        assert!(DEPRELS.len() < 256);
        assert_eq!(DepRel::ROOT.as_str(), "root");
        assert_eq!(DepRel::DEP.as_str(), "dep");
    }
}
