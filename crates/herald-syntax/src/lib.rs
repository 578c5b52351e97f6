//! Syntax for Herald: a part-of-speech tagger and a labelled dependency
//! parser (Universal Dependencies), trained by Herald on UD English EWT
//! (CC BY-SA 4.0; see NOTICE) and embedded in the binary.
//!
//! Owns: CoNLL-U reading and writing (`conllu`), the mapping from treebank
//! words to Herald's tokens (`mapping`), token keys (`tokens`), the averaged
//! perceptron (`perceptron`), the tagger (`tagger`), the arc-hybrid parser
//! with its dynamic oracle (`parser`), the model file format (`model`),
//! training (`train`) and scoring (`score`). Fills `Doc::syntax`; knows
//! nothing of actors or events.
//!
//! The models in `model/` were made by
//! `herald train tagger --treebank ../shared/data/ud-english-ewt -o crates/herald-syntax/model/tagger.hsm`
//! and the same with `parser` and `parser.hsm`.

pub mod conllu;
pub mod mapping;
pub mod model;
pub mod parser;
pub mod perceptron;
pub mod score;
pub mod tagger;
pub mod tokens;
pub mod train;

use herald_core::{DepRel, Doc, TokenSyntax, Upos};
use model::{Kind, ModelError};
use parser::{Input, Parser, Scratch};
use tagger::Tagger;
use tokens::TokenKeys;

const TAGGER_MODEL: &[u8] = include_bytes!("../model/tagger.hsm");
const PARSER_MODEL: &[u8] = include_bytes!("../model/parser.hsm");

/// Sentences longer than this are parsed in pieces of this many tokens: the
/// parser is linear anyway, the cap bounds the buffers a sentence needs.
pub const MAX_CHUNK: usize = 512;

/// Why the syntax models could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SyntaxError {
    #[error("tagger model: {0}")]
    Tagger(ModelError),
    #[error("parser model: {0}")]
    Parser(ModelError),
}

/// The loaded tagger and parser.
#[derive(Debug, Clone)]
pub struct Syntax {
    pub tagger: Tagger,
    pub parser: Parser,
}

/// One parsed sentence: per token its tag, head (1-based, 0 = root) and relation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parse {
    pub upos: Vec<Upos>,
    pub heads: Vec<u32>,
    pub deprels: Vec<DepRel>,
}

/// Checks that a model's class names are those this build uses.
fn check_names(
    names: &[String],
    expected: impl Iterator<Item = &'static str>,
) -> Result<(), ModelError> {
    let expected: Vec<&str> = expected.collect();
    if names.len() != expected.len() || names.iter().zip(&expected).any(|(a, b)| a != b) {
        return Err(ModelError::Classes(format!(
            "model has {} classes ({}), this build {}",
            names.len(),
            names.first().map(String::as_str).unwrap_or(""),
            expected.len()
        )));
    }
    Ok(())
}

impl Syntax {
    /// Decompresses and loads the models compiled into the binary.
    pub fn embedded() -> Result<Syntax, SyntaxError> {
        Syntax::from_bytes(TAGGER_MODEL, PARSER_MODEL)
    }

    /// Loads models from the bytes of their files.
    pub fn from_bytes(tagger: &[u8], parser: &[u8]) -> Result<Syntax, SyntaxError> {
        // The two files decompress and index on two threads.
        let (t, p) = std::thread::scope(|scope| {
            let p = scope.spawn(|| model::read(parser, Kind::Parser));
            let t = model::read(tagger, Kind::Tagger);
            (t, p.join())
        });
        let p =
            p.map_err(|_| SyntaxError::Parser(ModelError::Corrupt("loader thread failed".into())))?;
        let t = t.map_err(SyntaxError::Tagger)?;
        check_names(&t.names, Upos::ALL.iter().map(|u| u.as_str())).map_err(SyntaxError::Tagger)?;
        let tagger = Tagger {
            model: t.model,
            lexicon: t.lexicon.into_iter().collect(),
        };
        let p = p.map_err(SyntaxError::Parser)?;
        check_names(
            &p.names,
            (0..DepRel::COUNT).map(|i| DepRel::from_index(i).as_str()),
        )
        .map_err(SyntaxError::Parser)?;
        Ok(Syntax {
            tagger,
            parser: Parser { model: p.model },
        })
    }

    /// Tags and parses one sentence of token texts (no chunking).
    pub fn parse_tokens<S: AsRef<str>>(&self, forms: &[S]) -> Parse {
        let keys: Vec<TokenKeys> = forms.iter().map(|f| TokenKeys::new(f.as_ref())).collect();
        let mut work = Work::default();
        self.parse_keys(&keys, &[], &mut work);
        let st = &work.scratch.state;
        Parse {
            upos: work.tags.clone(),
            heads: st.heads[1..=keys.len()].to_vec(),
            deprels: st.labels[1..=keys.len()]
                .iter()
                .map(|&l| DepRel::from_index(l as usize))
                .collect(),
        }
    }

    /// Parses one sentence whose tags are given (gold tags, for evaluation).
    pub fn parse_tagged<S: AsRef<str>>(&self, forms: &[S], tags: &[Upos]) -> Parse {
        let keys: Vec<TokenKeys> = forms.iter().map(|f| TokenKeys::new(f.as_ref())).collect();
        let mut work = Work::default();
        tagger::ambiguity_into(&self.tagger.lexicon, &keys, &mut work.ambiguity);
        let tags: Vec<Upos> = (0..keys.len())
            .map(|i| tags.get(i).copied().unwrap_or(Upos::X))
            .collect();
        let x = Input {
            keys: &keys,
            tags: &tags,
            ambiguity: &work.ambiguity,
        };
        self.parser.parse_into(&x, &mut work.scratch);
        let st = &work.scratch.state;
        Parse {
            upos: tags.clone(),
            heads: st.heads[1..=keys.len()].to_vec(),
            deprels: st.labels[1..=keys.len()]
                .iter()
                .map(|&l| DepRel::from_index(l as usize))
                .collect(),
        }
    }

    fn parse_keys(&self, keys: &[TokenKeys], names: &[bool], work: &mut Work) {
        self.tagger.tag_names_into(
            keys,
            names,
            &mut work.features,
            &mut work.ambiguity,
            &mut work.tags,
        );
        let x = Input {
            keys,
            tags: &work.tags,
            ambiguity: &work.ambiguity,
        };
        self.parser.parse_into(&x, &mut work.scratch);
    }

    /// Fills `doc.syntax` for the sentences `select` picks (by index); the
    /// tokens of the others get [`TokenSyntax::UNPARSED`] (tag X, no head, `dep`).
    /// A sentence over [`MAX_CHUNK`] tokens is parsed in pieces, each with its own root.
    pub fn parse_sentences(&self, doc: &mut Doc, mut select: impl FnMut(usize) -> bool) {
        let spans: Vec<std::ops::Range<usize>> = doc
            .sentences
            .iter()
            .enumerate()
            .filter(|(si, _)| select(*si))
            .map(|(_, s)| s.tokens.clone())
            .collect();
        self.parse_spans(doc, &spans, &[]);
    }

    /// Fills `doc.syntax` for the given token ranges (each parsed as one
    /// sentence, or in pieces of [`MAX_CHUNK`]): a caller that reads only the
    /// words up to a verb may parse just that part of its sentence. Every
    /// other token gets [`TokenSyntax::UNPARSED`].
    /// `names[i]` marks token `i` as a word of a name the caller knows,
    /// never tagged a verb (empty: none known).
    pub fn parse_spans(&self, doc: &mut Doc, spans: &[std::ops::Range<usize>], names: &[bool]) {
        doc.syntax.clear();
        doc.syntax.resize(doc.tokens.len(), TokenSyntax::UNPARSED);
        let mut work = Work::default();
        let mut keys = Vec::new();
        for span in spans {
            let range = span.start.min(doc.tokens.len())..span.end.min(doc.tokens.len());
            let mut start = range.start;
            while start < range.end {
                let end = (start + MAX_CHUNK).min(range.end);
                keys.clear();
                keys.extend((start..end).map(|i| TokenKeys::new(doc.token_text(i))));
                let known = names.get(start..end.min(names.len())).unwrap_or(&[]);
                self.parse_keys(&keys, known, &mut work);
                let st = &work.scratch.state;
                for k in 0..keys.len() {
                    let head = st.heads[k + 1];
                    doc.syntax[start + k] = TokenSyntax {
                        upos: work.tags[k],
                        head: (head != 0 && head != u32::MAX)
                            .then(|| (start + head as usize - 1) as u32),
                        deprel: DepRel::from_index(st.labels[k + 1] as usize),
                    };
                }
                start = end;
            }
        }
    }

    /// Fills `doc.syntax` for every sentence.
    pub fn parse_doc(&self, doc: &mut Doc) {
        self.parse_sentences(doc, |_| true);
    }
}

/// Buffers reused across the sentences of a document.
#[derive(Default)]
struct Work {
    features: Vec<perceptron::Feature>,
    ambiguity: Vec<u32>,
    tags: Vec<Upos>,
    scratch: Scratch,
}
