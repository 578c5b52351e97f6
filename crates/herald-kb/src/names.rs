//! The name index: every name and alias of the knowledge base, keyed by its
//! folded token sequence, matched against a document's token n-grams.
//!
//! A hash lookup per token n-gram (up to the longest name) finds every
//! candidate, overlapping ones included, at token boundaries only; building
//! it is one pass of inserts, so the knowledge base is ready in milliseconds.

use crate::fold::{fold_token, name_key};
use herald_core::Doc;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
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
    map: FxHashMap<u64, (u32, u32)>,
    hits: Vec<NameHit>,
    /// inserted, not yet finished
    pending: Vec<(u64, NameHit)>,
    /// hashes of the leading words of multiword names ("new" of "new delhi"):
    /// matching stops extending an n-gram that starts no name
    prefixes: FxHashSet<u64>,
    pending_prefixes: Vec<u64>,
    max_tokens: usize,
}

fn key_hash(key: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(key.as_bytes());
    h.write_u8(0xff);
    h.finish()
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

/// A name made ready for the index: its hash, hit, word count and the
/// hashes of its leading words.
struct Prepared {
    hash: u64,
    hit: NameHit,
    words: usize,
    prefixes: Vec<u64>,
}

fn prepare(name: &str, entry: Entry) -> Option<Prepared> {
    let key = name_key(name);
    if key.is_empty() {
        return None;
    }
    let exact = needs_exact_case(name).then(|| name.into());
    let prefixes = key.match_indices(' ').map(|(i, _)| key_hash(&key[..i])).collect();
    Some(Prepared { hash: key_hash(&key), hit: NameHit { entry, exact }, words: key.split(' ').count(), prefixes })
}

impl NameIndex {
    /// An empty index with room for about `n` names.
    pub fn with_capacity(n: usize) -> Self {
        NameIndex { pending: Vec::with_capacity(n), ..Default::default() }
    }

    fn add(&mut self, p: Prepared) {
        self.max_tokens = self.max_tokens.max(p.words);
        self.pending_prefixes.extend(p.prefixes);
        self.pending.push((p.hash, p.hit));
    }

    pub fn insert(&mut self, name: &str, entry: Entry) {
        if let Some(p) = prepare(name, entry) {
            self.add(p);
        }
    }

    /// Inserts many names, folding them on all cores (the knowledge base's
    /// places are most of its start-up time).
    pub fn insert_all(&mut self, names: &[(&str, Entry)]) {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
        let chunk = names.len().div_ceil(threads).max(1);
        let prepared: Vec<Vec<Prepared>> = std::thread::scope(|s| {
            let handles: Vec<_> = names
                .chunks(chunk)
                .map(|part| s.spawn(move || part.iter().filter_map(|&(n, e)| prepare(n, e)).collect::<Vec<_>>()))
                .collect();
            handles.into_iter().map(|h| h.join().expect("name folding thread")).collect()
        });
        for p in prepared.into_iter().flatten() {
            self.add(p);
        }
    }

    /// Drops repeated hits and orders the hits under every name by `rank`,
    /// highest first, then by entry: call once after the last insert.
    pub fn finish(&mut self, rank: impl Fn(&Entry) -> i64) {
        let mut pending = std::mem::take(&mut self.pending);
        pending.sort_unstable_by_key(|(h, hit)| (*h, std::cmp::Reverse(rank(&hit.entry)), hit.entry));
        pending.dedup();
        self.map = FxHashMap::default();
        self.map.reserve(pending.len());
        self.hits = Vec::with_capacity(pending.len());
        let mut i = 0;
        while i < pending.len() {
            let h = pending[i].0;
            let start = self.hits.len() as u32;
            while i < pending.len() && pending[i].0 == h {
                self.hits.push(pending[i].1.clone());
                i += 1;
            }
            self.map.insert(h, (start, self.hits.len() as u32));
        }
        let mut prefixes = std::mem::take(&mut self.pending_prefixes);
        prefixes.sort_unstable();
        prefixes.dedup();
        self.prefixes = FxHashSet::default();
        self.prefixes.reserve(prefixes.len());
        self.prefixes.extend(prefixes);
    }

    fn hits_of(&self, hash: u64) -> Option<&[NameHit]> {
        self.map.get(&hash).map(|&(a, b)| &self.hits[a as usize..b as usize])
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
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
                    if hits.is_none() && !self.prefixes.contains(&h) {
                        break; // no name starts with these words
                    }
                    if let Some(hits) = hits {
                        let surface = &doc.text[doc.tokens[start].span.start..doc.tokens[end - 1].span.end];
                        let ok: Vec<&NameHit> = hits
                            .iter()
                            .filter(|h| h.exact.as_deref().is_none_or(|e| e == surface))
                            .collect();
                        if !ok.is_empty() {
                            found.push(NameMatch { start, end, hits: ok });
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
