//! The averaged perceptron over hashed features: a sparse trainer (each
//! feature holds weights only for the classes it was updated for) and the
//! frozen, pruned model used at run time.

use rustc_hash::FxHashMap;

/// A hashed feature: template and values mixed into 32 bits.
pub type Feature = u32;

/// Mixes a template number and up to three values into a feature.
#[inline]
pub fn feature(template: u32, a: u64, b: u64, c: u64) -> Feature {
    let mut h = (template as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for v in [a, b, c] {
        h = (h ^ v).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        h ^= h >> 29;
    }
    h = h.wrapping_mul(0x94D0_49BB_1331_11EB);
    (h ^ (h >> 32)) as u32
}

/// A stable 64-bit hash of a string (FNV-1a), the same on every platform.
#[inline]
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[derive(Debug, Clone, Copy)]
struct Param {
    class: u16,
    weight: f32,
    total: f64,
    stamp: u32,
}

/// Weights being learnt, with the running sums that make the average.
#[derive(Debug, Clone)]
pub struct Trainer {
    classes: usize,
    index: FxHashMap<Feature, u32>,
    rows: Vec<Vec<Param>>,
    /// Updates seen so far, the clock of the lazy averaging.
    step: u32,
}

impl Trainer {
    pub fn new(classes: usize) -> Self {
        Trainer {
            classes,
            index: FxHashMap::default(),
            rows: Vec::new(),
            step: 0,
        }
    }

    /// Adds the current weights of `features` into `scores` (one per class).
    pub fn score(&self, features: &[Feature], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in features {
            if let Some(&r) = self.index.get(f) {
                for p in &self.rows[r as usize] {
                    scores[p.class as usize] += p.weight;
                }
            }
        }
    }

    /// Counts one decision; call once per example, updated or not.
    pub fn tick(&mut self) {
        self.step += 1;
    }

    /// Moves weight from `wrong` to `right` on every feature.
    pub fn update(&mut self, features: &[Feature], right: usize, wrong: usize) {
        if right == wrong {
            return;
        }
        let step = self.step;
        for &f in features {
            let next = self.rows.len() as u32;
            let r = *self.index.entry(f).or_insert(next);
            if r == next {
                self.rows.push(Vec::new());
            }
            let row = &mut self.rows[r as usize];
            for (class, delta) in [(right, 1.0f32), (wrong, -1.0)] {
                let p = match row.iter().position(|p| p.class as usize == class) {
                    Some(i) => &mut row[i],
                    None => {
                        row.push(Param {
                            class: class as u16,
                            weight: 0.0,
                            total: 0.0,
                            stamp: step,
                        });
                        row.last_mut().expect("just pushed")
                    }
                };
                p.total += (step - p.stamp) as f64 * p.weight as f64;
                p.stamp = step;
                p.weight += delta;
            }
        }
    }

    /// The averaged weights, dropping those whose size is under `min_weight`.
    pub fn average(&self, min_weight: f32) -> Model {
        let step = self.step.max(1) as f64;
        let mut keys: Vec<(Feature, u32)> = self.index.iter().map(|(&f, &r)| (f, r)).collect();
        keys.sort_unstable();
        let mut entries = Vec::new();
        for (f, r) in keys {
            let mut row: Vec<(u8, f32)> = self.rows[r as usize]
                .iter()
                .map(|p| {
                    let total = p.total + (self.step - p.stamp) as f64 * p.weight as f64;
                    (p.class as u8, (total / step) as f32)
                })
                .filter(|(_, w)| w.abs() >= min_weight)
                .collect();
            if !row.is_empty() {
                row.sort_unstable_by_key(|(c, _)| *c);
                entries.push((f, row));
            }
        }
        Model::from_entries(self.classes, entries)
    }
}

/// Frozen weights, laid out for speed: an open-addressed table of 64-bit
/// slots (feature in the high half, then where its row starts and how long
/// it is) and the rows as 32-bit words (16-bit quantized weight, class).
/// Two cache lines per feature at most; the smaller the model, the more of
/// it stays in the cache, which is most of the parser's speed.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub classes: usize,
    /// Weight = quantized value * scale.
    scale: f32,
    slots: Vec<u64>,
    shift: u32,
    weights: Vec<u32>,
    features: usize,
}

/// Rows start below this index: 24 bits of the slot.
const MAX_WEIGHTS: usize = 1 << 24;

impl Model {
    /// Builds a model from `(feature, [(class, weight)])`. Weights are
    /// quantized to 16 bits (those that round to zero dropped), as the
    /// model file stores them, so a model scores the same before and after
    /// it is written.
    pub fn from_entries(classes: usize, entries: Vec<(Feature, Vec<(u8, f32)>)>) -> Model {
        let max = entries
            .iter()
            .flat_map(|(_, r)| r.iter().map(|(_, w)| w.abs()))
            .fold(0.0f32, f32::max);
        let scale = quantum(max);
        let capacity = (entries.len() + entries.len() / 2)
            .next_power_of_two()
            .max(16);
        let shift = 64 - capacity.trailing_zeros();
        let mut slots = vec![0u64; capacity];
        let mut weights: Vec<u32> = Vec::new();
        let mut features = 0;
        for (f, row) in entries {
            let start = weights.len();
            weights.extend(row.into_iter().filter_map(|(c, w)| {
                let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                (q != 0).then_some(((q as u16 as u32) << 16) | c as u32)
            }));
            let len = weights.len() - start;
            if len == 0 || len > 255 || weights.len() >= MAX_WEIGHTS {
                weights.truncate(start);
                continue;
            }
            let mut i = slot_of(f, shift);
            while slots[i] != 0 && (slots[i] >> 32) as u32 != f {
                i = (i + 1) & (capacity - 1);
            }
            if slots[i] == 0 {
                features += 1;
            }
            slots[i] = ((f as u64) << 32) | ((start as u64) << 8) | len as u64;
        }
        Model {
            classes,
            scale,
            slots,
            shift,
            weights,
            features,
        }
    }

    /// The weights a slot points to.
    #[inline]
    fn row_at(&self, slot: u64) -> &[u32] {
        let start = ((slot >> 8) & 0xFF_FFFF) as usize;
        &self.weights[start..start + (slot & 0xFF) as usize]
    }

    #[inline]
    fn row(&self, f: Feature) -> &[u32] {
        let mask = self.slots.len() - 1;
        let mut i = slot_of(f, self.shift);
        loop {
            let s = self.slots[i];
            if s == 0 {
                return &[];
            }
            if (s >> 32) as u32 == f {
                return self.row_at(s);
            }
            i = (i + 1) & mask;
        }
    }

    /// Sets `scores` (one per class) to the sum of the features' weights.
    #[inline]
    pub fn score(&self, features: &[Feature], scores: &mut [f32]) {
        // First read every feature's home slot: the loads do not depend on
        // one another, so their cache misses overlap instead of queueing.
        const AHEAD: usize = 128;
        let mut home = [0u64; AHEAD];
        for (h, &f) in home.iter_mut().zip(features) {
            *h = self.slots[slot_of(f, self.shift)];
        }
        let mut sums = [0i32; 256];
        for (k, &f) in features.iter().enumerate() {
            let row = match home.get(k) {
                Some(&0) => &[][..],
                Some(&s) if (s >> 32) as u32 == f => self.row_at(s),
                _ => self.row(f),
            };
            for &w in row {
                sums[(w & 0xFF) as usize] += (w >> 16) as u16 as i16 as i32;
            }
        }
        for (s, q) in scores.iter_mut().zip(sums) {
            *s = q as f32 * self.scale;
        }
    }

    /// Every feature with its weights, in ascending feature order.
    pub fn entries(&self) -> Vec<(Feature, Vec<(u8, f32)>)> {
        let mut keys: Vec<Feature> = self
            .slots
            .iter()
            .filter(|&&s| s != 0)
            .map(|&s| (s >> 32) as u32)
            .collect();
        keys.sort_unstable();
        keys.into_iter()
            .map(|f| {
                let row = self
                    .row(f)
                    .iter()
                    .map(|&w| {
                        (
                            (w & 0xFF) as u8,
                            (w >> 16) as u16 as i16 as f32 * self.scale,
                        )
                    })
                    .collect();
                (f, row)
            })
            .collect()
    }

    pub fn feature_count(&self) -> usize {
        self.features
    }

    pub fn weight_count(&self) -> usize {
        self.weights.len()
    }
}

/// The weight of one quantization step for weights up to `max`.
pub fn quantum(max: f32) -> f32 {
    if max > 0.0 {
        max / 32767.0
    } else {
        1.0
    }
}

#[inline]
fn slot_of(f: Feature, shift: u32) -> usize {
    ((f as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize
}

/// The index of the highest score among the allowed classes; ties go to the lowest index.
#[inline]
pub fn best(scores: &[f32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if allowed(i) && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_averages() {
        let mut t = Trainer::new(2);
        let data = [(vec![1u32, 10], 0usize), (vec![2, 10], 1)];
        let mut scores = [0.0f32; 2];
        for _ in 0..5 {
            for (f, gold) in &data {
                t.tick();
                t.score(f, &mut scores);
                let guess = best(&scores, |_| true).unwrap();
                t.update(f, *gold, guess);
            }
        }
        let m = t.average(0.0);
        for (f, gold) in &data {
            m.score(f, &mut scores);
            assert_eq!(best(&scores, |_| true), Some(*gold));
        }
        assert_eq!(Model::from_entries(2, m.entries()), m);
    }
}
