//! Training: the tagger (averaged perceptron, shuffled epochs, the epoch
//! best on dev kept) and the parser on jackknifed tags (the training set cut
//! in folds, each tagged by a tagger trained on the others, so that training
//! sees tags as wrong as at run time). Everything is seeded: the same
//! treebank gives the same bytes.

use crate::mapping::TreeSentence;
use crate::parser::{self, Gold, Input, Parser, Scratch, ACTIONS};
use crate::perceptron::Trainer;
use crate::tagger::{self, Tagger};
use crate::tokens::TokenKeys;
use herald_core::Upos;

/// Settings of a training run.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    /// Folds of jackknifing for the parser's training tags.
    pub folds: usize,
    pub seed: u64,
    /// Averaged tagger weights smaller than this are dropped from the model.
    pub tagger_min_weight: f32,
    /// The same for the parser: its size decides its speed, since a model
    /// that stays in the cache answers many times faster (see README).
    pub parser_min_weight: f32,
    /// From this epoch on (0-based), the parser follows its own choice this often.
    pub explore_from: usize,
    pub explore_rate: f64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            tagger_epochs: 8,
            parser_epochs: 10,
            folds: 5,
            seed: 17,
            tagger_min_weight: 0.5,
            parser_min_weight: 2.5,
            explore_from: 1,
            explore_rate: 0.9,
        }
    }
}

/// SplitMix64: a tiny seeded generator, the same on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

fn keys_of(s: &TreeSentence) -> Vec<TokenKeys> {
    s.forms.iter().map(|f| TokenKeys::new(f)).collect()
}

/// Trains a tagger; `report` receives a line per epoch with the dev accuracy.
pub fn train_tagger(
    train: &[TreeSentence],
    dev: &[TreeSentence],
    opts: &TrainOptions,
    report: &mut dyn FnMut(&str),
) -> Tagger {
    let data: Vec<(Vec<TokenKeys>, Vec<Upos>)> =
        train.iter().map(|s| (keys_of(s), s.upos.clone())).collect();
    let dev_keys: Vec<Vec<TokenKeys>> = dev.iter().map(keys_of).collect();
    let lexicon = tagger::build_lexicon(data.iter().map(|(k, t)| (&k[..], &t[..])));
    let mut trainer = Trainer::new(Upos::ALL.len());
    let mut rng = Rng::new(opts.seed);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut best: Option<(f64, Tagger)> = None;
    for epoch in 0..opts.tagger_epochs {
        rng.shuffle(&mut order);
        let (right, seen) = tagger::train_epoch(&mut trainer, &lexicon, &data, &order);
        let model = Tagger {
            model: trainer.average(opts.tagger_min_weight),
            lexicon: lexicon.clone(),
        };
        let acc = if dev.is_empty() {
            epoch as f64
        } else {
            tag_accuracy(&model, dev, &dev_keys)
        };
        report(&format!(
            "tagger epoch {}/{}: train {:.4}, dev UPOS {:.4}",
            epoch + 1,
            opts.tagger_epochs,
            right as f64 / seen.max(1) as f64,
            acc
        ));
        if best.as_ref().is_none_or(|(b, _)| acc > *b) {
            best = Some((acc, model));
        }
    }
    best.map(|(_, m)| m).unwrap_or_else(|| Tagger {
        model: trainer.average(opts.tagger_min_weight),
        lexicon,
    })
}

fn tag_accuracy(tagger: &Tagger, dev: &[TreeSentence], keys: &[Vec<TokenKeys>]) -> f64 {
    let (mut right, mut seen) = (0usize, 0usize);
    for (s, k) in dev.iter().zip(keys) {
        let tags = tagger.tag(k);
        right += tags.iter().zip(&s.upos).filter(|(a, b)| a == b).count();
        seen += s.len();
    }
    right as f64 / seen.max(1) as f64
}

/// Tags each fold of `train` with a tagger trained on the other folds.
fn jackknife(
    train: &[TreeSentence],
    opts: &TrainOptions,
    report: &mut dyn FnMut(&str),
) -> Vec<Vec<Upos>> {
    let folds = opts.folds.max(2);
    let mut tags = vec![Vec::new(); train.len()];
    for fold in 0..folds {
        let rest: Vec<TreeSentence> = train
            .iter()
            .enumerate()
            .filter(|(i, _)| i * folds / train.len() != fold)
            .map(|(_, s)| s.clone())
            .collect();
        let mut quiet = |_: &str| {};
        let fold_opts = TrainOptions {
            seed: opts.seed + fold as u64 + 1,
            ..opts.clone()
        };
        let t = train_tagger(&rest, &[], &fold_opts, &mut quiet);
        let (mut right, mut seen) = (0, 0);
        for (i, s) in train
            .iter()
            .enumerate()
            .filter(|(i, _)| i * folds / train.len() == fold)
        {
            tags[i] = t.tag(&keys_of(s));
            right += tags[i].iter().zip(&s.upos).filter(|(a, b)| a == b).count();
            seen += s.len();
        }
        report(&format!(
            "jackknife fold {}/{folds}: held-out UPOS {:.4}",
            fold + 1,
            right as f64 / seen.max(1) as f64
        ));
    }
    tags
}

/// Dev figures of a parser on tags from `tagger`: (UAS, LAS with subtypes).
pub fn parse_scores(tagger: &Tagger, parser: &Parser, dev: &[TreeSentence]) -> (f64, f64) {
    let mut scratch = Scratch::default();
    let (mut heads, mut labelled, mut seen) = (0usize, 0usize, 0usize);
    for s in dev {
        let keys = keys_of(s);
        let tags = tagger.tag(&keys);
        let mut ambiguity = Vec::new();
        tagger::ambiguity_into(&tagger.lexicon, &keys, &mut ambiguity);
        let x = Input {
            keys: &keys,
            tags: &tags,
            ambiguity: &ambiguity,
        };
        parser.parse_into(&x, &mut scratch);
        for i in 0..s.len() {
            if scratch.state.heads[i + 1] == s.heads[i] {
                heads += 1;
                labelled += (scratch.state.labels[i + 1] as usize == s.deprels[i].index()) as usize;
            }
        }
        seen += s.len();
    }
    (
        heads as f64 / seen.max(1) as f64,
        labelled as f64 / seen.max(1) as f64,
    )
}

/// Trains the parser on jackknifed tags; dev is tagged by a tagger trained on all of `train`.
pub fn train_parser(
    train: &[TreeSentence],
    dev: &[TreeSentence],
    opts: &TrainOptions,
    report: &mut dyn FnMut(&str),
) -> Parser {
    let tags = jackknife(train, opts, report);
    let mut quiet = |_: &str| {};
    let dev_tagger = train_tagger(train, dev, opts, &mut quiet);
    let keys: Vec<Vec<TokenKeys>> = train.iter().map(keys_of).collect();
    let ambiguity: Vec<Vec<u32>> = keys
        .iter()
        .map(|k| {
            let mut a = Vec::new();
            tagger::ambiguity_into(&dev_tagger.lexicon, k, &mut a);
            a
        })
        .collect();
    let mut trainer = Trainer::new(ACTIONS);
    let mut rng = Rng::new(opts.seed);
    let mut explore = Rng::new(opts.seed ^ 0xDEAD_BEEF);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut scratch = Scratch::default();
    let mut best: Option<(f64, Parser)> = None;
    for epoch in 0..opts.parser_epochs {
        rng.shuffle(&mut order);
        let (mut right, mut seen) = (0, 0);
        for &i in &order {
            let s = &train[i];
            let x = Input {
                keys: &keys[i],
                tags: &tags[i],
                ambiguity: &ambiguity[i],
            };
            let gold = Gold {
                heads: &s.heads,
                labels: &s.deprels,
            };
            let explores = epoch >= opts.explore_from;
            let rate = opts.explore_rate;
            let (r, n) = parser::train_sentence(&mut trainer, &x, &gold, &mut scratch, || {
                explores && explore.unit() < rate
            });
            right += r;
            seen += n;
        }
        let model = Parser {
            model: trainer.average(opts.parser_min_weight),
        };
        let (uas, mut las) = parse_scores(&dev_tagger, &model, dev);
        report(&format!(
            "parser epoch {}/{}: train UAS {:.4}, dev UAS {uas:.4} LAS {las:.4} ({} features)",
            epoch + 1,
            opts.parser_epochs,
            right as f64 / seen.max(1) as f64,
            model.model.feature_count()
        ));
        if dev.is_empty() {
            las = epoch as f64; // nothing to choose by: keep the last epoch
        }
        if best.as_ref().is_none_or(|(b, _)| las > *b) {
            best = Some((las, model));
        }
    }
    best.map(|(_, m)| m).unwrap_or_else(|| Parser {
        model: trainer.average(opts.parser_min_weight),
    })
}
