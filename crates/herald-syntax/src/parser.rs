//! The dependency parser: arc-hybrid transitions (Kuhlmann et al. 2011),
//! one averaged perceptron over labelled actions with Zhang & Nivre (2011)
//! style features (distance, valency, children and their labels, third
//! order), trained with the dynamic oracle of Goldberg & Nivre (2013).
//!
//! Tokens are numbered 1..=n, 0 is the root, which sits at the bottom of the
//! stack. Shift moves the front of the buffer onto the stack; Left(l) makes
//! the front of the buffer the head of the stack top and pops it; Right(l)
//! makes the word below the top its head and pops it. The root takes its one
//! dependent last, when the buffer is empty, so every tree has one root.

use crate::perceptron::{best, feature, Feature, Model, Trainer};
use crate::tokens::TokenKeys;
use herald_core::{DepRel, Upos};

/// Number of relations, hence of Left and Right actions each.
pub const LABELS: usize = DepRel::COUNT;
/// Shift, then Left of each relation, then Right of each relation.
pub const ACTIONS: usize = 1 + 2 * LABELS;
const NONE: u32 = u32::MAX;
const ROOT_TAG: u64 = 17;
const NO_TAG: u64 = 18;
const NO_LABEL: u64 = 255;
const NO_WORD: u64 = 3;
const ROOT_WORD: u64 = 5;

const ROOT_LABEL: usize = DepRel::ROOT.index();

/// A parser configuration; buffers are kept between sentences.
#[derive(Debug, Default, Clone)]
pub struct State {
    n: u32,
    stack: Vec<u32>,
    /// Front of the buffer; `n + 1` when it is empty.
    front: u32,
    pub heads: Vec<u32>,
    pub labels: Vec<u8>,
    left1: Vec<u32>,
    left2: Vec<u32>,
    right1: Vec<u32>,
    right2: Vec<u32>,
    left_count: Vec<u8>,
    right_count: Vec<u8>,
    left_set: Vec<u64>,
    right_set: Vec<u64>,
}

impl State {
    /// Resets for a sentence of `n` tokens.
    pub fn start(&mut self, n: usize) {
        let m = n + 1;
        self.n = n as u32;
        self.stack.clear();
        self.stack.push(0);
        self.front = 1;
        for v in [
            &mut self.heads,
            &mut self.left1,
            &mut self.left2,
            &mut self.right1,
            &mut self.right2,
        ] {
            v.clear();
            v.resize(m, NONE);
        }
        self.labels.clear();
        self.labels.resize(m, 0);
        for v in [&mut self.left_count, &mut self.right_count] {
            v.clear();
            v.resize(m, 0);
        }
        for v in [&mut self.left_set, &mut self.right_set] {
            v.clear();
            v.resize(m, 0);
        }
    }

    pub fn done(&self) -> bool {
        self.front > self.n && self.stack.len() == 1
    }

    fn s(&self, k: usize) -> u32 {
        let len = self.stack.len();
        if k < len {
            self.stack[len - 1 - k]
        } else {
            NONE
        }
    }

    fn b(&self, k: u32) -> u32 {
        let i = self.front + k;
        if i <= self.n {
            i
        } else {
            NONE
        }
    }

    /// Which actions may be taken now.
    pub fn allowed(&self) -> Allowed {
        let buffer = self.front <= self.n;
        let stacked = self.stack.len() >= 2;
        let under_root = stacked && self.s(1) == 0;
        Allowed {
            shift: buffer,
            left: stacked && buffer,
            right: stacked && !under_root,
            // The root takes its one dependent last.
            right_root: under_root && !buffer,
        }
    }

    /// Whether an action may be taken now.
    pub fn valid(&self, action: usize) -> bool {
        self.allowed().ok(action)
    }

    pub fn apply(&mut self, action: usize) {
        if action == 0 {
            self.stack.push(self.front);
            self.front += 1;
            return;
        }
        let (right, label) = split(action);
        let child = self.stack.pop().unwrap_or(0);
        let head = if right { self.s(0) } else { self.front };
        self.attach(head, child, label as u8);
    }

    fn attach(&mut self, head: u32, child: u32, label: u8) {
        let (h, c) = (head as usize, child as usize);
        self.heads[c] = head;
        self.labels[c] = label;
        let bit = 1u64 << (label as u64 % 64);
        if child < head {
            // Children come in from the outside in: the new one is the leftmost.
            self.left2[h] = self.left1[h];
            self.left1[h] = child;
            self.left_count[h] = self.left_count[h].saturating_add(1);
            self.left_set[h] |= bit;
        } else {
            self.right2[h] = self.right1[h];
            self.right1[h] = child;
            self.right_count[h] = self.right_count[h].saturating_add(1);
            self.right_set[h] |= bit;
        }
    }
}

/// The actions a configuration allows, by kind.
#[derive(Debug, Clone, Copy)]
pub struct Allowed {
    shift: bool,
    left: bool,
    right: bool,
    right_root: bool,
}

impl Allowed {
    #[inline]
    pub fn ok(self, action: usize) -> bool {
        if action == 0 {
            return self.shift;
        }
        let (right, label) = split(action);
        match (right, label == ROOT_LABEL) {
            (false, is_root) => self.left && !is_root,
            (true, true) => self.right_root,
            (true, false) => self.right,
        }
    }
}

/// Whether an action is Right, and its relation index.
fn split(action: usize) -> (bool, usize) {
    let a = action - 1;
    if a < LABELS {
        (false, a)
    } else {
        (true, a - LABELS)
    }
}

/// The action index of Left or Right with a relation.
pub fn action(right: bool, label: usize) -> usize {
    1 + label + if right { LABELS } else { 0 }
}

/// A sentence's tokens and tags as the features read them (index 0 is the root).
pub struct Input<'a> {
    pub keys: &'a [TokenKeys],
    pub tags: &'a [Upos],
    /// The tagger's lexicon entry of each token (tags seen in training), so
    /// that the parser can look past a wrong tag.
    pub ambiguity: &'a [u32],
}

impl Input<'_> {
    fn word(&self, i: u32) -> u64 {
        match i {
            NONE => NO_WORD,
            0 => ROOT_WORD,
            i => self.keys[i as usize - 1].lower,
        }
    }
    fn ambiguity(&self, i: u32) -> u64 {
        match i {
            NONE => 1 << 40,
            0 => 1 << 41,
            i => self.ambiguity[i as usize - 1] as u64,
        }
    }
    fn tag(&self, i: u32) -> u64 {
        match i {
            NONE => NO_TAG,
            0 => ROOT_TAG,
            i => self.tags[i as usize - 1] as u64,
        }
    }
}

fn bucket(d: u32) -> u64 {
    match d {
        0..=4 => d as u64,
        5..=6 => 5,
        7..=10 => 6,
        _ => 7,
    }
}

/// Features of a configuration: words and tags of the stack and buffer,
/// their pairs and triples, distances; then [`structure_features`].
pub fn features(st: &State, x: &Input, out: &mut Vec<Feature>) {
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (b0, b1, b2) = (st.b(0), st.b(1), st.b(2));
    let kid = |v: &Vec<u32>, i: u32| if i == NONE { NONE } else { v[i as usize] };
    let (s0l, s0r, b0l) = (kid(&st.left1, s0), kid(&st.right1, s0), kid(&st.left1, b0));
    let (s1l, s1r) = (kid(&st.left1, s1), kid(&st.right1, s1));
    let (w, p) = (|i| x.word(i), |i| x.tag(i));
    let (s0w, s0p, s1w, s1p, b0w, b0p) = (w(s0), p(s0), w(s1), p(s1), w(b0), p(b0));
    let (b1w, b1p, b2p, s2p) = (w(b1), p(b1), p(b2), p(s2));
    let wp = |wv: u64, pv: u64| wv ^ pv.wrapping_mul(0x1000_0000_01b3);
    let (s0wp, s1wp, b0wp) = (wp(s0w, s0p), wp(s1w, s1p), wp(b0w, b0p));
    let dist = if s0 != NONE && b0 != NONE {
        bucket(b0 - s0)
    } else {
        9
    };
    let dist1 = if s1 != NONE && s0 != NONE {
        bucket(s0 - s1)
    } else {
        9
    };
    out.clear();
    out.extend_from_slice(&[
        feature(0, s0w, 0, 0),
        feature(1, s0p, 0, 0),
        feature(2, s0wp, 0, 0),
        feature(3, s1w, 0, 0),
        feature(4, s1p, 0, 0),
        feature(5, s1wp, 0, 0),
        feature(6, b0w, 0, 0),
        feature(7, b0p, 0, 0),
        feature(8, b0wp, 0, 0),
        feature(9, b1w, 0, 0),
        feature(10, b1p, 0, 0),
        feature(11, wp(b1w, b1p), 0, 0),
        feature(12, w(b2), p(b2), 0),
        feature(13, w(s2), s2p, 0),
        feature(14, s0wp, b0wp, 0),
        feature(15, s0wp, b0w, 0),
        feature(16, s0w, b0wp, 0),
        feature(17, s0wp, b0p, 0),
        feature(18, s0p, b0wp, 0),
        feature(19, s0w, b0w, 0),
        feature(20, s0p, b0p, 0),
        feature(21, b0p, b1p, 0),
        feature(22, s1wp, s0wp, 0),
        feature(23, s1w, s0w, 0),
        feature(24, s1p, s0p, 0),
        feature(25, s1p, s0w, 0),
        feature(26, s1w, s0p, 0),
        feature(27, b0p, b1p, b2p),
        feature(28, s0p, b0p, b1p),
        feature(29, s1p, s0p, b0p),
        feature(30, s0p, p(s0l), b0p),
        feature(31, s0p, p(s0r), b0p),
        feature(32, s0p, b0p, p(b0l)),
        feature(33, s1p, p(s1r), s0p),
        feature(34, s1p, s0p, p(s0l)),
        feature(35, s1p, s0p, p(s0r)),
        feature(36, s2p, s1p, s0p),
        feature(37, s1p, p(s1l), s0p),
        feature(38, s0w, dist, 0),
        feature(39, s0p, dist, 0),
        feature(40, b0w, dist, 0),
        feature(41, b0p, dist, 0),
        feature(42, s0w, b0w, dist),
        feature(43, s0p, b0p, dist),
        feature(44, s1p, s0p, dist1),
        feature(45, s1w, s0w, dist1),
        feature(77, s1w, s0p, b0p),
        feature(78, s1p, s0w, b0p),
        feature(79, s1p, s0p, b0w),
        feature(80, b0w, b1w, 0),
        feature(81, b0wp, b1p, 0),
        feature(82, s0p, b0w, b1p),
        feature(83, x.ambiguity(s0), 0, 0),
        feature(84, x.ambiguity(b0), 0, 0),
        feature(85, x.ambiguity(s0), x.ambiguity(b0), 0),
        feature(86, x.ambiguity(s1), x.ambiguity(s0), 0),
        feature(87, s0p, x.ambiguity(b1), 0),
    ]);
    structure_features(st, x, out);
}

/// Features of the partial tree: valency, children of the stack top, the
/// word below it and the buffer front with their relations, and the sets
/// of relations already attached.
fn structure_features(st: &State, x: &Input, out: &mut Vec<Feature>) {
    let (s0, s1, b0) = (st.s(0), st.s(1), st.b(0));
    let kid = |v: &Vec<u32>, i: u32| if i == NONE { NONE } else { v[i as usize] };
    let lab = |i: u32| {
        if i == NONE {
            NO_LABEL
        } else {
            st.labels[i as usize] as u64
        }
    };
    let (s0l, s0l2) = (kid(&st.left1, s0), kid(&st.left2, s0));
    let (s0r, s0r2) = (kid(&st.right1, s0), kid(&st.right2, s0));
    let (b0l, b0l2) = (kid(&st.left1, b0), kid(&st.left2, b0));
    let (s1l, s1r) = (kid(&st.left1, s1), kid(&st.right1, s1));
    let (w, p) = (|i| x.word(i), |i| x.tag(i));
    let (s0w, s0p, s1p, b0w, b0p) = (w(s0), p(s0), p(s1), w(b0), p(b0));
    let count = |v: &Vec<u8>, i: u32| if i == NONE { 99 } else { v[i as usize] as u64 };
    let set = |v: &Vec<u64>, i: u32| if i == NONE { 1 } else { v[i as usize] };
    let (s0vl, s0vr) = (count(&st.left_count, s0), count(&st.right_count, s0));
    let (b0vl, s1vr) = (count(&st.left_count, b0), count(&st.right_count, s1));
    out.extend_from_slice(&[
        feature(46, s0w, s0vr, 0),
        feature(47, s0p, s0vr, 0),
        feature(48, s0w, s0vl, 0),
        feature(49, s0p, s0vl, 0),
        feature(50, b0w, b0vl, 0),
        feature(51, b0p, b0vl, 0),
        feature(52, s1p, s1vr, 0),
        feature(53, w(s0l), 0, 0),
        feature(54, p(s0l), 0, 0),
        feature(55, lab(s0l), 0, 0),
        feature(56, w(s0r), 0, 0),
        feature(57, p(s0r), 0, 0),
        feature(58, lab(s0r), 0, 0),
        feature(59, w(b0l), 0, 0),
        feature(60, p(b0l), 0, 0),
        feature(61, lab(b0l), 0, 0),
        feature(62, p(s1r), lab(s1r), 0),
        feature(63, p(s1l), lab(s1l), 0),
        feature(64, w(s0l2), 0, 0),
        feature(65, p(s0l2), lab(s0l2), 0),
        feature(66, w(s0r2), 0, 0),
        feature(67, p(s0r2), lab(s0r2), 0),
        feature(68, w(b0l2), 0, 0),
        feature(69, p(b0l2), lab(b0l2), 0),
        feature(70, s0p, p(s0l), p(s0l2)),
        feature(71, s0p, p(s0r), p(s0r2)),
        feature(72, b0p, p(b0l), p(b0l2)),
        feature(73, s0w, set(&st.left_set, s0), 0),
        feature(74, s0p, set(&st.right_set, s0), 0),
        feature(75, b0p, set(&st.left_set, b0), 0),
        feature(76, s0p, set(&st.left_set, s0), 0),
    ]);
}

/// A trained parser.
#[derive(Debug, Clone, PartialEq)]
pub struct Parser {
    pub model: Model,
}

/// Buffers reused from sentence to sentence.
#[derive(Debug, Default)]
pub struct Scratch {
    pub state: State,
    features: Vec<Feature>,
    scores: Vec<f32>,
}

impl Parser {
    /// Parses one sentence; heads and labels are left in `scratch.state`
    /// (`heads[i]` for token i in 1..=n, 0 meaning the root).
    pub fn parse_into(&self, x: &Input, scratch: &mut Scratch) {
        let Scratch {
            state,
            features: buf,
            scores,
        } = scratch;
        scores.resize(ACTIONS, 0.0);
        state.start(x.keys.len());
        while !state.done() {
            features(state, x, buf);
            self.model.score(buf, scores);
            let allowed = state.allowed();
            let a = best(scores, |a| allowed.ok(a)).unwrap_or(0);
            state.apply(a);
        }
    }
}

/// The gold tree of a sentence, 1-based like the state.
pub struct Gold<'a> {
    pub heads: &'a [u32],
    pub labels: &'a [DepRel],
}

impl Gold<'_> {
    fn head(&self, i: u32) -> u32 {
        self.heads[i as usize - 1]
    }
    fn label(&self, i: u32) -> usize {
        self.labels[i as usize - 1].index()
    }
}

/// Gold arcs lost by each action (Goldberg & Nivre 2013), written into `costs`;
/// invalid actions get `u32::MAX`.
pub fn costs(st: &State, gold: &Gold, costs: &mut [u32]) {
    let (s0, s1, b0) = (st.s(0), st.s(1), st.b(0));
    let buffer = || st.front..=st.n;
    let shift = if b0 == NONE {
        u32::MAX
    } else {
        let g = gold.head(b0);
        st.stack
            .iter()
            .filter(|&&k| (k != 0 && gold.head(k) == b0) || (k != s0 && g == k))
            .count() as u32
    };
    let (mut left, mut right) = (u32::MAX, u32::MAX);
    if s0 != NONE && s0 != 0 {
        let g = gold.head(s0);
        let deps = buffer().filter(|&k| gold.head(k) == s0).count() as u32;
        let heads_after = buffer().filter(|&k| k != b0 && g == k).count() as u32;
        left = deps + heads_after + (g == s1) as u32;
        right = deps + heads_after + (b0 != NONE && g == b0) as u32;
    }
    let allowed = st.allowed();
    for (a, c) in costs.iter_mut().enumerate() {
        *c = if !allowed.ok(a) {
            u32::MAX
        } else if a == 0 {
            shift
        } else {
            let (is_right, label) = split(a);
            let (base, head) = if is_right { (right, s1) } else { (left, b0) };
            base + (gold.head(s0) == head && label != gold.label(s0)) as u32
        };
    }
}

/// Parses one training sentence with the current weights and updates them
/// where the best action loses more gold arcs than the cheapest. With
/// `explore`, the next action follows the model's choice where `follow` says so.
pub fn train_sentence(
    trainer: &mut Trainer,
    x: &Input,
    gold: &Gold,
    scratch: &mut Scratch,
    mut follow: impl FnMut() -> bool,
) -> (usize, usize) {
    let mut cost = vec![0u32; ACTIONS];
    let Scratch {
        state,
        features: buf,
        scores,
    } = scratch;
    scores.resize(ACTIONS, 0.0);
    state.start(x.keys.len());
    while !state.done() {
        features(state, x, buf);
        trainer.tick();
        trainer.score(buf, scores);
        costs(state, gold, &mut cost);
        let guess = best(scores, |a| cost[a] != u32::MAX).unwrap_or(0);
        let least = cost.iter().copied().min().unwrap_or(0);
        let right = best(scores, |a| cost[a] == least).unwrap_or(guess);
        if cost[guess] > least {
            trainer.update(buf, right, guess);
        }
        let next = if cost[guess] == least || follow() {
            guess
        } else {
            right
        };
        state.apply(next);
    }
    let mut correct = 0;
    for i in 1..=x.keys.len() {
        correct += (state.heads[i] == gold.heads[i - 1]) as usize;
    }
    (correct, x.keys.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Follows the cheapest action with no model at all: the static oracle.
    fn oracle_parse(heads: &[u32], labels: &[DepRel]) -> (Vec<u32>, Vec<u8>) {
        let gold = Gold { heads, labels };
        let mut st = State::default();
        st.start(heads.len());
        let mut cost = vec![0; ACTIONS];
        while !st.done() {
            costs(&st, &gold, &mut cost);
            let a = (0..ACTIONS).min_by_key(|&a| cost[a]).unwrap();
            assert_eq!(
                cost[a], 0,
                "a projective tree always has a zero-cost action"
            );
            st.apply(a);
        }
        (st.heads[1..].to_vec(), st.labels[1..].to_vec())
    }

    #[test]
    fn oracle_rebuilds_projective_trees() {
        let l = |s| DepRel::parse(s);
        // "Police arrested two protesters ."
        let heads = [2, 0, 4, 2, 2];
        let labels = [l("nsubj"), l("root"), l("nummod"), l("obj"), l("punct")];
        let (h, lab) = oracle_parse(&heads, &labels);
        assert_eq!(h, heads);
        assert_eq!(
            lab,
            labels.iter().map(|d| d.index() as u8).collect::<Vec<_>>()
        );
        // "He was arrested by police in May": passive with agent and oblique.
        let heads = [3, 3, 0, 5, 3, 7, 3];
        let labels = [
            l("nsubj:pass"),
            l("aux:pass"),
            l("root"),
            l("case"),
            l("obl:agent"),
            l("case"),
            l("obl"),
        ];
        assert_eq!(oracle_parse(&heads, &labels).0, heads);
    }

    #[test]
    fn dynamic_oracle_recovers_after_a_mistake() {
        // "a b c": a <- b -> c. Shift a, then wrongly attach a to c later.
        let heads = [2, 0, 2];
        let labels = [DepRel::DEP; 3];
        let gold = Gold {
            heads: &heads,
            labels: &labels,
        };
        let mut st = State::default();
        st.start(3);
        let mut cost = vec![0; ACTIONS];
        st.apply(0); // shift a
        st.apply(0); // shift b: a's head b now unreachable
        costs(&st, &gold, &mut cost);
        // Right(b under a) loses b's dependent c and b's root arc.
        assert!(cost[action(true, 0)] >= 1);
        // Shift keeps every arc still reachable: c's head b is on the stack top.
        assert_eq!(cost[0], 0);
    }
}
