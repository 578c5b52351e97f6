//! The event cue matcher: lexicon patterns over lemmas, with inflections
//! generated from each lemma and gaps (`...`) of up to four words (an amount, "$4.5 billion", counts as none).

use crate::tables::{Cue, CuePos};
use herald_core::Doc;
use herald_nlp::Lemmatizer;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

const MAX_GAP: usize = 4;

/// A cue found in a document: the tokens of each pattern word, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct CueMatch {
    pub cue: u32,
    pub tokens: Vec<usize>,
}

#[derive(Debug, Default)]
pub struct CueIndex {
    /// surface form -> lemmas of verb words (a verb cue's first word) it can stand for
    verb_forms: HashMap<String, Vec<u32>>,
    /// surface form -> lemmas of the other pattern words
    noun_forms: HashMap<String, Vec<u32>>,
    lemmas: Vec<String>,
    lemma_ids: HashMap<String, u32>,
    /// first pattern lemma id -> cues starting with it
    by_first: HashMap<u32, Vec<u32>>,
    /// each cue's pattern as (lemma id, is the verb word); `None` is a gap
    patterns: Vec<Vec<Option<(u32, bool)>>>,
}

impl CueIndex {
    pub fn build(cues: &[Cue], lemmatizer: &Lemmatizer) -> CueIndex {
        let mut idx = CueIndex::default();
        let mut seen_forms: HashSet<(String, u32, bool)> = HashSet::default();
        for (ci, cue) in cues.iter().enumerate() {
            let mut pattern = Vec::new();
            for (wi, word) in cue.pattern.iter().enumerate() {
                if word == "..." {
                    pattern.push(None);
                    continue;
                }
                let id = match idx.lemma_ids.get(word) {
                    Some(&id) => id,
                    None => {
                        let id = idx.lemmas.len() as u32;
                        idx.lemmas.push(word.clone());
                        idx.lemma_ids.insert(word.clone(), id);
                        id
                    }
                };
                let verb = wi == 0 && cue.pos == CuePos::Verb;
                let forms = if verb {
                    lemmatizer.verb_forms(word)
                } else {
                    lemmatizer.noun_forms(word)
                };
                for f in forms {
                    if seen_forms.insert((f.clone(), id, verb)) {
                        let map = if verb {
                            &mut idx.verb_forms
                        } else {
                            &mut idx.noun_forms
                        };
                        map.entry(f).or_default().push(id);
                    }
                }
                pattern.push(Some((id, verb)));
            }
            if let Some(Some((first, _))) = pattern.first() {
                idx.by_first.entry(*first).or_default().push(ci as u32);
            }
            idx.patterns.push(pattern);
        }
        idx
    }

    /// The cue that is event noun `lemma` alone ("accusation"), if any:
    /// the first so listed.
    pub fn lone_noun_cue(&self, lemma: &str) -> Option<u32> {
        let id = *self.lemma_ids.get(lemma)?;
        let alone = [Some((id, false))];
        self.by_first
            .get(&id)?
            .iter()
            .copied()
            .find(|&ci| self.patterns[ci as usize] == alone)
    }

    /// Whether a lemma appears in any cue pattern.
    pub fn has_lemma(&self, lemma: &str) -> bool {
        self.lemma_ids.contains_key(lemma)
    }

    /// Lemma ids token `i` can stand for in a verb slot or another slot. A
    /// verb slot also accepts the token's own lemma, for inflections the
    /// generator does not make.
    fn lemma_ids_of<'a>(
        &'a self,
        doc: &'a Doc,
        i: usize,
        verb: bool,
    ) -> impl Iterator<Item = u32> + 'a {
        let t = &doc.tokens[i];
        let map = if verb {
            &self.verb_forms
        } else {
            &self.noun_forms
        };
        let by_form = map.get(t.lower.as_str()).into_iter().flatten().copied();
        let by_lemma = if verb {
            self.lemma_ids.get(t.lemma.as_str()).copied()
        } else {
            None
        };
        by_form.chain(by_lemma)
    }

    /// Every cue in the document, within sentences. Where one cue's tokens
    /// contain another's (e.g. "hold talk" over "talk"), both are returned;
    /// the coder keeps the longer.
    pub fn find(&self, doc: &Doc) -> Vec<CueMatch> {
        // each token's lemma ids, for verb slots and other slots, looked up once
        let ids: Vec<(Vec<u32>, Vec<u32>)> = (0..doc.tokens.len())
            .map(|i| {
                (
                    self.lemma_ids_of(doc, i, true).collect(),
                    self.lemma_ids_of(doc, i, false).collect(),
                )
            })
            .collect();
        let mut out = Vec::new();
        let mut firsts: Vec<u32> = Vec::new();
        for sentence in &doc.sentences {
            let range = sentence.tokens.clone();
            for i in range.clone() {
                firsts.clear();
                firsts.extend(ids[i].0.iter().chain(&ids[i].1));
                firsts.sort_unstable();
                firsts.dedup();
                for first in &firsts {
                    let Some(cues) = self.by_first.get(first) else {
                        continue;
                    };
                    for &ci in cues {
                        if let Some(tokens) =
                            self.match_at(doc, &ids, &self.patterns[ci as usize], i, range.end)
                        {
                            out.push(CueMatch { cue: ci, tokens });
                        }
                    }
                }
            }
        }
        out.sort_by(|a, b| a.tokens.cmp(&b.tokens).then(a.cue.cmp(&b.cue)));
        out.dedup();
        out
    }

    fn match_at(
        &self,
        doc: &Doc,
        ids: &[(Vec<u32>, Vec<u32>)],
        pattern: &[Option<(u32, bool)>],
        start: usize,
        end: usize,
    ) -> Option<Vec<usize>> {
        let has = |p: usize, id: u32, verb: bool| {
            if verb {
                ids[p].0.contains(&id)
            } else {
                ids[p].1.contains(&id)
            }
        };
        let (first, verb) = pattern.first().copied().flatten()?;
        if !has(start, first, verb) {
            return None;
        }
        let mut tokens = vec![start];
        let mut pos = start + 1;
        let mut k = 1;
        while k < pattern.len() {
            match pattern[k] {
                None => {
                    // gap: find the next pattern word within MAX_GAP tokens
                    let (want, verb) = pattern.get(k + 1).copied().flatten()?;
                    let mut hit = None;
                    // an amount ("$4.5 billion") counts as no word of the gap
                    let mut words = 0;
                    for p in pos..(pos + 3 * MAX_GAP + 1).min(end) {
                        let word = &doc.tokens[p].lower;
                        if matches!(word.as_str(), "." | ";" | "!" | "?") {
                            break;
                        }
                        if has(p, want, verb) {
                            hit = Some(p);
                            break;
                        }
                        if !is_part_of_an_amount(doc, p) {
                            words += 1;
                            if words > MAX_GAP {
                                break;
                            }
                        }
                    }
                    let p = hit?;
                    tokens.push(p);
                    pos = p + 1;
                    k += 2;
                }
                Some((want, verb)) => {
                    if pos >= end || !has(pos, want, verb) {
                        return None;
                    }
                    tokens.push(pos);
                    pos += 1;
                    k += 1;
                }
            }
        }
        Some(tokens)
    }
}

/// Whether token `i` is part of an amount of money: a currency sign, a
/// scale word, or a number after a sign or before a scale word ("$", "4.5",
/// "billion"; not "26" in "26 points").
fn is_part_of_an_amount(doc: &Doc, i: usize) -> bool {
    let sign = |w: &str| matches!(w, "$" | "€" | "£" | "¥");
    let scale = |w: &str| matches!(w, "million" | "billion" | "trillion");
    let w = doc.tokens[i].lower.as_str();
    if sign(w) || scale(w) {
        return true;
    }
    w.starts_with(|c: char| c.is_ascii_digit())
        && (i.checked_sub(1).is_some_and(|b| sign(&doc.tokens[b].lower))
            || doc.tokens.get(i + 1).is_some_and(|n| scale(&n.lower)))
}
