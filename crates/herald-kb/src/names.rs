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
#[derive(Debug, Default)]
pub struct NameIndex {
    map: FxHashMap<u64, Vec<NameHit>>,
    /// hashes of the leading words of multiword names ("new" of "new delhi"):
    /// matching stops extending an n-gram that starts no name
    prefixes: FxHashSet<u64>,
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

impl NameIndex {
    /// An empty index with room for about `n` names.
    pub fn with_capacity(n: usize) -> Self {
        let mut map = FxHashMap::default();
        map.reserve(n);
        NameIndex { map, prefixes: FxHashSet::default(), max_tokens: 0 }
    }

    pub fn insert(&mut self, name: &str, entry: Entry) {
        let key = name_key(name);
        if key.is_empty() {
            return;
        }
        let n = key.split(' ').count();
        self.max_tokens = self.max_tokens.max(n);
        let exact = needs_exact_case(name).then(|| name.into());
        for (i, _) in key.match_indices(' ') {
            self.prefixes.insert(key_hash(&key[..i]));
        }
        // duplicates (a name repeated as its own alias) go in `finish`
        self.map.entry(key_hash(&key)).or_default().push(NameHit { entry, exact });
    }

    /// Drops repeated hits and orders the hits under every name by `rank`,
    /// highest first, then by entry: call once after the last insert.
    pub fn finish(&mut self, rank: impl Fn(&Entry) -> i64) {
        for hits in self.map.values_mut() {
            if hits.len() > 1 {
                hits.sort_by(|a, b| (std::cmp::Reverse(rank(&a.entry)), a.entry, &a.exact).cmp(&(std::cmp::Reverse(rank(&b.entry)), b.entry, &b.exact)));
                hits.dedup();
            }
        }
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Every entry under a name, whatever its case.
    pub fn get(&self, name: &str) -> &[NameHit] {
        self.map.get(&key_hash(&name_key(name))).map(Vec::as_slice).unwrap_or(&[])
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
                    let hits = self.map.get(&h);
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
