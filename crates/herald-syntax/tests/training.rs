//! Training is reproducible: the same slice of the treebank gives the same
//! model bytes twice, and a different seed gives different bytes.

use herald_syntax::model::{self, Kind};
use herald_syntax::train::{train_parser, train_tagger, TrainOptions};
use herald_syntax::{conllu, mapping};

fn slice() -> Vec<mapping::TreeSentence> {
    let text = include_str!("data/ewt-train-200.conllu");
    let s = conllu::read("ewt-train-200.conllu", text).expect("fixture reads");
    assert_eq!(s.len(), 200);
    mapping::training_sentences(&s)
}

fn small(seed: u64) -> TrainOptions {
    TrainOptions {
        tagger_epochs: 2,
        parser_epochs: 2,
        folds: 2,
        seed,
        ..TrainOptions::default()
    }
}

fn models(opts: &TrainOptions) -> (Vec<u8>, Vec<u8>) {
    let data = slice();
    let (train, dev) = data.split_at(data.len() - 20);
    let mut quiet = |_: &str| {};
    let t = train_tagger(train, dev, opts, &mut quiet);
    let lexicon: Vec<(u64, u32)> = t.lexicon.iter().map(|(&w, &m)| (w, m)).collect();
    let tagger = model::write(Kind::Tagger, &["x"], &t.model, &lexicon);
    let p = train_parser(train, dev, opts, &mut quiet);
    let parser = model::write(Kind::Parser, &["x"], &p.model, &[]);
    (tagger, parser)
}

#[test]
fn same_slice_same_seed_same_bytes() {
    let a = models(&small(7));
    let b = models(&small(7));
    assert!(
        a.0.len() > 1000 && a.1.len() > 1000,
        "models learnt something"
    );
    assert_eq!(a.0, b.0, "tagger bytes differ between two runs");
    assert_eq!(a.1, b.1, "parser bytes differ between two runs");
    let c = models(&small(8));
    assert_ne!(
        a.1, c.1,
        "the seed should change the shuffling, hence the parser"
    );
}
