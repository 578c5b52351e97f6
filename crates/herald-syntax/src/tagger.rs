//! The part-of-speech tagger: greedy left to right, an averaged perceptron
//! over the word, its affixes and shape, the words two either side and the
//! two tags before.

use crate::perceptron::{best, feature, Feature, Model, Trainer};
use crate::tokens::{TokenKeys, PAD};
use herald_core::Upos;
use rustc_hash::FxHashMap;

/// Tag keys for the positions before the sentence.
const START: u64 = 99;

/// The features of token `i` given the two tags before it; `ambiguity`
/// holds each token's tags in the lexicon (a bit per tag, 0 when unknown).
pub fn features(
    keys: &[TokenKeys],
    ambiguity: &[u32],
    i: usize,
    prev: u64,
    prev2: u64,
    out: &mut Vec<Feature>,
) {
    let amb = |k: isize| -> u64 {
        let j = i as isize + k;
        if j < 0 || j as usize >= keys.len() {
            1 << 20
        } else {
            ambiguity[j as usize] as u64
        }
    };
    let at = |k: isize| -> &TokenKeys {
        let j = i as isize + k;
        if j < 0 || j as usize >= keys.len() {
            &PAD
        } else {
            &keys[j as usize]
        }
    };
    let w = at(0);
    let (p1, p2, n1, n2) = (at(-1), at(-2), at(1), at(2));
    let first = (i == 0) as u64;
    out.clear();
    out.extend_from_slice(&[
        feature(0, 0, 0, 0),
        feature(1, w.lower, 0, 0),
        feature(2, w.form, 0, 0),
        feature(3, w.suffix[0], 0, 0),
        feature(4, w.suffix[1], 0, 0),
        feature(5, w.suffix[2], 0, 0),
        feature(6, w.suffix[3], 0, 0),
        feature(7, w.prefix[0], 0, 0),
        feature(8, w.prefix[1], 0, 0),
        feature(9, w.prefix[2], 0, 0),
        feature(10, w.shape, first, 0),
        feature(11, p1.lower, 0, 0),
        feature(12, p2.lower, 0, 0),
        feature(13, n1.lower, 0, 0),
        feature(14, n2.lower, 0, 0),
        feature(15, p1.suffix[2], 0, 0),
        feature(16, n1.suffix[2], 0, 0),
        feature(17, prev, 0, 0),
        feature(18, prev, prev2, 0),
        feature(19, prev, w.lower, 0),
        feature(20, p1.lower, w.lower, 0),
        feature(21, w.lower, n1.lower, 0),
        feature(22, n1.shape, 0, 0),
        feature(23, p1.shape, 0, 0),
        feature(24, prev, w.suffix[2], 0),
        feature(25, n1.suffix[1], w.suffix[2], 0),
        feature(26, p1.form, w.form, 0),
        feature(27, p1.lower, n1.lower, 0),
        feature(28, prev, n1.lower, 0),
        feature(40, amb(0), 0, 0),
        feature(41, amb(1), 0, 0),
        feature(42, amb(2), 0, 0),
        feature(43, amb(0), amb(1), 0),
        feature(44, prev, amb(0), amb(1)),
        feature(45, amb(-1), amb(0), 0),
        feature(46, w.suffix[2], amb(1), 0),
    ]);
}

/// Words seen at least this often in training get their tags in the lexicon.
pub const LEXICON_MIN_COUNT: u32 = 3;

/// Each frequent training word (hash of its lowercase form) with the tags it
/// had, a bit per tag: the tagger's view of what the next words can be.
pub type Lexicon = FxHashMap<u64, u32>;

/// Builds the lexicon of a training set.
pub fn build_lexicon<'a>(
    sentences: impl Iterator<Item = (&'a [TokenKeys], &'a [Upos])>,
) -> Lexicon {
    let mut counts: FxHashMap<u64, (u32, u32)> = FxHashMap::default();
    for (keys, tags) in sentences {
        for (k, t) in keys.iter().zip(tags) {
            let e = counts.entry(k.lower).or_default();
            e.0 += 1;
            e.1 |= 1 << (*t as u32);
        }
    }
    counts
        .into_iter()
        .filter(|(_, (n, _))| *n >= LEXICON_MIN_COUNT)
        .map(|(w, (_, tags))| (w, tags))
        .collect()
}

/// Looks each token up in the lexicon.
pub fn ambiguity_into(lexicon: &Lexicon, keys: &[TokenKeys], out: &mut Vec<u32>) {
    out.clear();
    out.extend(
        keys.iter()
            .map(|k| lexicon.get(&k.lower).copied().unwrap_or(0)),
    );
}

/// The tags a word of a known name may take.
const NAME_TAGS: [usize; 3] = [
    Upos::Propn as usize,
    Upos::Adj as usize,
    Upos::Noun as usize,
];

/// Which words belong to names the caller knows (see [`Tagger::tag_names_into`]).
#[derive(Clone, Copy)]
struct Names<'a>(&'a [bool]);

impl Names<'_> {
    fn at(self, i: usize) -> bool {
        self.0.get(i).copied().unwrap_or(false)
    }
}

/// The lowercase keys of [`herald_nlp::irregular_verb_forms`].
fn irregular_verb_keys() -> &'static std::collections::HashSet<u64> {
    static KEYS: std::sync::OnceLock<std::collections::HashSet<u64>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        herald_nlp::irregular_verb_forms()
            .iter()
            .map(|f| crate::perceptron::hash_str(f))
            .collect()
    })
}

/// A trained tagger.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagger {
    pub model: Model,
    pub lexicon: Lexicon,
}

impl Tagger {
    /// Tags a sentence; `features` is scratch space reused between calls.
    /// An adjective does not stand between a noun and the determiner or
    /// number of the next one ("guerrillas wounded two soldiers"): where
    /// the greedy pass reads one so, the word is a verb and the tags after
    /// it are read again.
    pub fn tag_into(
        &self,
        keys: &[TokenKeys],
        features_buf: &mut Vec<Feature>,
        ambiguity: &mut Vec<u32>,
        out: &mut Vec<Upos>,
    ) {
        self.tag_names_into(keys, &[], features_buf, ambiguity, out);
    }

    /// As [`Tagger::tag_into`], where `names[i]` says that word `i` is part
    /// of a name the caller knows (a person's, a country's, a demonym): it
    /// is then a proper noun, an adjective or a noun, never a verb ("Turkish
    /// President …" opening a sentence). `names` may be shorter than `keys`.
    pub fn tag_names_into(
        &self,
        keys: &[TokenKeys],
        names: &[bool],
        features_buf: &mut Vec<Feature>,
        ambiguity: &mut Vec<u32>,
        out: &mut Vec<Upos>,
    ) {
        out.clear();
        ambiguity_into(&self.lexicon, keys, ambiguity);
        let names = Names(names);
        self.tag_from(keys, names, features_buf, ambiguity, out, 0);
        let misread = (1..out.len().saturating_sub(1)).find(|&i| {
            out[i] == Upos::Adj
                && matches!(out[i - 1], Upos::Noun | Upos::Propn | Upos::Pron)
                && matches!(out[i + 1], Upos::Det | Upos::Num)
        });
        if let Some(i) = misread.filter(|&i| !names.at(i)) {
            out.truncate(i);
            out.push(Upos::Verb);
            self.tag_from(keys, names, features_buf, ambiguity, out, i + 1);
        }
    }

    /// Greedy tagging of `keys[from..]` after the tags already in `out`.
    fn tag_from(
        &self,
        keys: &[TokenKeys],
        names: Names,
        features_buf: &mut Vec<Feature>,
        ambiguity: &[u32],
        out: &mut Vec<Upos>,
        from: usize,
    ) {
        let tag_at = |k: usize| out[k] as u64;
        let (mut prev, mut prev2) = (
            from.checked_sub(1).map_or(START, tag_at),
            from.checked_sub(2).map_or(START, tag_at),
        );
        let mut scores = [0.0f32; 17];
        for i in from..keys.len() {
            features(keys, ambiguity, i, prev, prev2, features_buf);
            self.model.score(features_buf, &mut scores);
            let name = names.at(i);
            // "troops withdrew from": a verb form the treebank never showed
            // is no noun when the irregular table knows it as a verb's alone
            let verb_form = ambiguity[i] == 0 && irregular_verb_keys().contains(&keys[i].lower);
            let allowed = |t: usize| {
                (!name || NAME_TAGS.contains(&t)) && !(verb_form && t == Upos::Noun as usize)
            };
            let tag = best(&scores, allowed).unwrap_or(Upos::X as usize);
            out.push(Upos::from_index(tag as u8));
            prev2 = prev;
            prev = tag as u64;
        }
    }

    pub fn tag(&self, keys: &[TokenKeys]) -> Vec<Upos> {
        let mut out = Vec::with_capacity(keys.len());
        self.tag_into(keys, &mut Vec::new(), &mut Vec::new(), &mut out);
        out
    }
}

/// Runs one training epoch over `sentences` (keys and gold tags) in `order`.
pub fn train_epoch(
    trainer: &mut Trainer,
    lexicon: &Lexicon,
    sentences: &[(Vec<TokenKeys>, Vec<Upos>)],
    order: &[usize],
) -> (usize, usize) {
    let mut buf = Vec::new();
    let mut ambiguity = Vec::new();
    let mut scores = [0.0f32; 17];
    let (mut right, mut seen) = (0, 0);
    for &s in order {
        let (keys, gold) = &sentences[s];
        ambiguity_into(lexicon, keys, &mut ambiguity);
        let (mut prev, mut prev2) = (START, START);
        for (i, &tag) in gold.iter().enumerate().take(keys.len()) {
            features(keys, &ambiguity, i, prev, prev2, &mut buf);
            trainer.tick();
            trainer.score(&buf, &mut scores);
            let guess = best(&scores, |_| true).unwrap_or(0);
            let truth = tag as usize;
            trainer.update(&buf, truth, guess);
            right += (guess == truth) as usize;
            seen += 1;
            prev2 = prev;
            prev = guess as u64;
        }
    }
    (right, seen)
}
