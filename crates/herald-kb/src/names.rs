//! The name index: every name and alias of the knowledge base, keyed by its
//! folded token sequence, matched against a document's token n-grams.
//!
//! A hash lookup per token n-gram (up to the longest name) finds every
//! candidate, overlapping ones included, at token boundaries only; building
//! it is one pass of inserts, so the knowledge base is ready in milliseconds.

use crate::fold::{fold_token, name_key};
use herald_core::Doc;
use rustc_hash::FxHasher;
use std::hash::Hasher;

/// What a name points to in the knowledge base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entry {
    Country(u32),
    Demonym(u32),
    Place(u32),
    Org(u32),
    Metonym(u32),
    Holder(u32),
    /// A holder's surname alone ("Lavrov").
    Surname(u32),
    Role(u32),
}

/// One indexed name. `exact` holds the alias when only that exact spelling
/// may match (short all-capital acronyms: "US", "UN", "IS").
#[derive(Debug, Clone, PartialEq)]
pub struct NameHit {
    pub entry: Entry,
    pub exact: Option<Box<str>>,
}

/// A match of an indexed name in a document, over tokens `start..end`.
#[derive(Debug, Clone, PartialEq)]
pub struct NameMatch<'k> {
    pub start: usize,
    pub end: usize,
    pub hits: Vec<&'k NameHit>,
}

/// Names are stored under a 64-bit hash of their key: no key strings are
/// kept, which makes the index quick to build; two keys sharing a hash
/// (odds about 1 in 10^9 for the whole base) would only add a candidate.
/// Inserts are gathered in a flat list and sorted once by `finish`, so the
/// hits of all names share one allocation.
#[derive(Debug, Default)]
pub struct NameIndex {
    /// name hash -> its hits, `hits[start..end]`
    names: HashSlots,
    /// hits of the name of rank `i`: `hits[starts[i]..starts[i + 1]]`
    starts: Vec<u32>,
    hits: Vec<NameHit>,
    /// inserted, not yet finished
    pending: Vec<(u64, NameHit)>,
    /// hashes of the leading words of multiword names ("new" of "new delhi"):
    /// matching stops extending an n-gram that starts no name
    prefixes: HashSlots,
    pending_prefixes: Vec<u64>,
    n_names: usize,
    max_tokens: usize,
}

/// A set of name hashes in an open-addressed table, built in one pass from
/// sorted hashes: each goes to the slot its top bits name, or the next free
/// one, so the slots stay sorted and a look-up stops at the first empty slot
/// or larger hash. Quicker to build than a hash map, with the same single
/// memory read for most look-ups; the index holds a quarter million names.
#[derive(Debug, Default)]
struct HashSlots {
    bits: u32,
    /// 0 marks an empty slot (`key_hash` never gives 0)
    slots: Vec<u64>,
    /// the rank of each slot's hash among all hashes
    rank: Vec<u32>,
}

impl HashSlots {
    fn new(sorted: &[u64]) -> Self {
        debug_assert!(sorted.is_sorted());
        let bits = (sorted.len() * 2)
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        let size = 1usize << bits;
        let (mut slots, mut rank) = (vec![0u64; size], vec![0u32; size]);
        let mut next = 0;
        for (i, &h) in sorted.iter().enumerate() {
            let at = ((h >> (64 - bits)) as usize).max(next);
            if at == slots.len() {
                slots.push(0);
                rank.push(0);
            }
            slots[at] = h;
            rank[at] = i as u32;
            next = at + 1;
        }
        HashSlots { bits, slots, rank }
    }

    /// The rank of `h` among the hashes, when it is one.
    fn find(&self, h: u64) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let mut at = (h >> (64 - self.bits)) as usize;
        while let Some(&k) = self.slots.get(at) {
            if k == h {
                return Some(self.rank[at] as usize);
            }
            if k == 0 || k > h {
                return None;
            }
            at += 1;
        }
        None
    }
}

fn key_hash(key: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(key.as_bytes());
    h.write_u8(0xff);
    h.finish().max(1) // 0 marks an empty slot
}

/// Short all-capital acronyms must match their exact spelling.
fn needs_exact_case(name: &str) -> bool {
    let mut letters = 0;
    for c in name.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() || letters == 5 {
            return false;
        }
        letters += 1;
    }
    letters > 0
}

/// What folding a batch of names found besides their hits: the hashes of
/// their leading words and the most words in one name.
#[derive(Default)]
struct Prefixes {
    hashes: Vec<u64>,
    max_words: usize,
}

/// Folds a name to its key (in `key`, scratch space) and gives its hash and
/// hit, noting its leading words in `prefixes`.
fn prepare(
    name: &str,
    entry: Entry,
    key: &mut String,
    prefixes: &mut Prefixes,
) -> Option<(u64, NameHit)> {
    key.clear();
    // Fast path: ASCII letters and single spaces fold to their lowercase selves.
    if name.bytes().all(|b| b.is_ascii_alphabetic() || b == b' ') && !name.contains("  ") {
        key.extend(
            name.trim()
                .bytes()
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
    } else {
        key.push_str(&name_key(name));
    }
    if key.is_empty() {
        return None;
    }
    let exact = needs_exact_case(name).then(|| name.into());
    let mut words = 1;
    for (i, _) in key.match_indices(' ') {
        prefixes.hashes.push(key_hash(&key[..i]));
        words += 1;
    }
    prefixes.max_words = prefixes.max_words.max(words);
    Some((key_hash(key), NameHit { entry, exact }))
}

impl NameIndex {
    fn note(&mut self, p: Prefixes) {
        self.max_tokens = self.max_tokens.max(p.max_words);
        self.pending_prefixes.extend(p.hashes);
    }

    pub fn insert(&mut self, name: &str, entry: Entry) {
        let mut p = Prefixes::default();
        if let Some(hit) = prepare(name, entry, &mut String::new(), &mut p) {
            self.pending.push(hit);
        }
        self.note(p);
    }

    /// Inserts many names, folding them on all cores (the knowledge base's
    /// places are most of its start-up time).
    pub fn insert_all(&mut self, names: &[(&str, Entry)]) {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 8);
        let chunk = names.len().div_ceil(threads).max(1);
        let pieces = names.chunks(chunk).map(|part| (part, part.len())).collect();
        let blank = || {
            (
                0,
                NameHit {
                    entry: Entry::Place(0),
                    exact: None,
                },
            )
        };
        let (hits, prefixes) = crate::fill::fill_in_order(pieces, blank, |part, emit| {
            let (mut key, mut prefixes) = (String::new(), Prefixes::default());
            for &(name, entry) in part {
                if let Some(hit) = prepare(name, entry, &mut key, &mut prefixes) {
                    emit(hit);
                }
            }
            Ok::<_, std::convert::Infallible>(prefixes)
        })
        .unwrap_or_else(|never| match never {});
        if self.pending.is_empty() {
            self.pending = hits; // adopted, not copied
        } else {
            self.pending.extend(hits);
        }
        prefixes.into_iter().for_each(|p| self.note(p));
    }

    /// Drops repeated hits and orders the hits under every name by `rank`,
    /// highest first, then by entry: call once after the last insert.
    pub fn finish(&mut self, rank: impl Fn(&Entry) -> i64) {
        let mut pending = std::mem::take(&mut self.pending);
        // by hash first, a cheap key; then each name's few hits by rank
        pending.sort_unstable_by_key(|(h, _)| *h);
        self.hits = Vec::with_capacity(pending.len());
        let mut keys = Vec::with_capacity(pending.len());
        let mut starts = Vec::with_capacity(pending.len() + 1);
        let mut rest = pending.as_mut_slice();
        while let Some(&(h, _)) = rest.first() {
            let n = rest.iter().take_while(|(g, _)| *g == h).count();
            let (same, tail) = rest.split_at_mut(n);
            same.sort_unstable_by_key(|(_, hit)| (std::cmp::Reverse(rank(&hit.entry)), hit.entry));
            let start = self.hits.len();
            for (_, hit) in same.iter_mut() {
                if self.hits[start..].last() != Some(hit) {
                    self.hits.push(NameHit {
                        entry: hit.entry,
                        exact: hit.exact.take(),
                    });
                }
            }
            keys.push(h);
            starts.push(start as u32);
            rest = tail;
        }
        starts.push(self.hits.len() as u32);
        self.names = HashSlots::new(&keys);
        self.n_names = keys.len();
        self.starts = starts;
        let mut prefixes = std::mem::take(&mut self.pending_prefixes);
        prefixes.sort_unstable();
        prefixes.dedup();
        self.prefixes = HashSlots::new(&prefixes);
    }

    fn hits_of(&self, hash: u64) -> Option<&[NameHit]> {
        let i = self.names.find(hash)?;
        Some(&self.hits[self.starts[i] as usize..self.starts[i + 1] as usize])
    }

    pub fn len(&self) -> usize {
        self.n_names
    }

    pub fn is_empty(&self) -> bool {
        self.n_names == 0
    }

    /// Every entry under a name, whatever its case.
    pub fn get(&self, name: &str) -> &[NameHit] {
        self.hits_of(key_hash(&name_key(name))).unwrap_or(&[])
    }

    /// All names in the document, within sentences, longest first at each
    /// start token. Exact-case names are checked against the surface text.
    pub fn find<'k>(&'k self, doc: &Doc) -> Vec<NameMatch<'k>> {
        let keys: Vec<String> = doc.tokens.iter().map(|t| fold_token(&t.lower)).collect();
        let mut out = Vec::new();
        let mut key = String::new();
        for sentence in &doc.sentences {
            for start in sentence.tokens.clone() {
                key.clear();
                let mut found = Vec::new();
                for end in start + 1..=(start + self.max_tokens).min(sentence.tokens.end) {
                    if end > start + 1 {
                        key.push(' ');
                    }
                    key.push_str(&keys[end - 1]);
                    let h = key_hash(&key);
                    let hits = self.hits_of(h);
                    if hits.is_none() && self.prefixes.find(h).is_none() {
                        break; // no name starts with these words
                    }
                    if let Some(hits) = hits {
                        let surface =
                            &doc.text[doc.tokens[start].span.start..doc.tokens[end - 1].span.end];
                        let ok: Vec<&NameHit> = hits
                            .iter()
                            .filter(|h| h.exact.as_deref().is_none_or(|e| e == surface))
                            .collect();
                        if !ok.is_empty() {
                            found.push(NameMatch {
                                start,
                                end,
                                hits: ok,
                            });
                        }
                    }
                }
                found.reverse();
                out.extend(found);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_slots_find_every_hash_and_nothing_else() {
        // clustered hashes (same top bits) probe past each other; absent ones stop early
        let mut hashes: Vec<u64> = (1..2_000u64)
            .map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
            .collect();
        hashes.extend((0..50u64).map(|i| (7u64 << 60) + i * 2 + 1));
        hashes.sort_unstable();
        hashes.dedup();
        let slots = HashSlots::new(&hashes);
        for (rank, &h) in hashes.iter().enumerate() {
            assert_eq!(slots.find(h), Some(rank));
        }
        for h in (0..50u64).map(|i| (7u64 << 60) + i * 2 + 2) {
            assert_eq!(slots.find(h), None);
        }
        assert_eq!(HashSlots::default().find(42), None);
    }
}
