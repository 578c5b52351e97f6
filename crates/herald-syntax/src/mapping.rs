//! From treebank words to the tokens Herald's tokenizer makes. UD English
//! splits "anti-war" into three words and keeps "cannot" as the words "can"
//! "not"; Herald keeps both whole, while both split "don't" into "do" "n't".
//! Each run of text without spaces is tokenized by `herald_nlp::tokenize`,
//! and treebank words that fall inside one Herald token are merged into it,
//! so that training also sees the tokens the parser meets in use.

use crate::conllu::Sentence;
use herald_core::{DepRel, Upos};

/// A sentence as the tagger and parser see it: forms with gold annotation.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeSentence {
    pub forms: Vec<String>,
    pub upos: Vec<Upos>,
    /// 1-based head of each token, 0 for the root.
    pub heads: Vec<u32>,
    pub deprels: Vec<DepRel>,
}

impl TreeSentence {
    pub fn len(&self) -> usize {
        self.forms.len()
    }
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }
}

/// The sentence's syntactic words as they stand in the treebank.
pub fn gold_words(s: &Sentence) -> TreeSentence {
    TreeSentence {
        forms: s.words.iter().map(|w| w.form.clone()).collect(),
        upos: s
            .words
            .iter()
            .map(|w| Upos::parse(&w.upos).unwrap_or(Upos::X))
            .collect(),
        heads: s.words.iter().map(|w| w.head).collect(),
        deprels: s.words.iter().map(|w| DepRel::parse(&w.deprel)).collect(),
    }
}

/// One unit of surface text: a word, or a multiword token over words `first..=last` (0-based).
struct Unit {
    first: usize,
    last: usize,
    surface: String,
    space_after: bool,
}

fn units(s: &Sentence) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.words.len() {
        if let Some(m) = s.multiwords.iter().find(|m| m.first as usize == i + 1) {
            let last = (m.last as usize - 1).min(s.words.len() - 1);
            out.push(Unit {
                first: i,
                last,
                surface: m.form.clone(),
                space_after: !m.no_space_after(),
            });
            i = last + 1;
        } else {
            let w = &s.words[i];
            out.push(Unit {
                first: i,
                last: i,
                surface: w.form.clone(),
                space_after: !w.no_space_after(),
            });
            i += 1;
        }
    }
    out
}

/// Groups of consecutive words (0-based, inclusive) that Herald reads as one token.
pub fn herald_groups(s: &Sentence) -> Vec<(usize, usize)> {
    let units = units(s);
    let mut groups = Vec::new();
    let mut start = 0;
    while start < units.len() {
        let mut end = start;
        while end + 1 < units.len() && !units[end].space_after {
            end += 1;
        }
        groups_in_chunk(s, &units[start..=end], &mut groups);
        start = end + 1;
    }
    groups
}

/// Word boundaries of one chunk as byte offsets, then the Herald tokens
/// whose ends both fall on them and that hold more than one word.
fn groups_in_chunk(s: &Sentence, chunk: &[Unit], groups: &mut Vec<(usize, usize)>) {
    let mut text = String::new();
    // (word index, start offset, end offset) where the word's extent is known.
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    for u in chunk {
        let at = text.len();
        text.push_str(&u.surface);
        let words = &s.words[u.first..=u.last];
        let joined: String = words.iter().map(|w| w.form.as_str()).collect();
        if joined == u.surface {
            let mut o = at;
            for (k, w) in words.iter().enumerate() {
                spans.push((u.first + k, o, o + w.form.len()));
                o += w.form.len();
            }
        } else {
            // The words do not spell the token ("gonna" is not "gon" "na" here):
            // the unit's words share its whole extent.
            for k in u.first..=u.last {
                spans.push((k, at, text.len()));
            }
        }
    }
    if chunk.len() == 1 && chunk[0].first == chunk[0].last {
        return;
    }
    for t in herald_nlp::tokenize(&text) {
        let (a, b) = (t.span.start, t.span.end);
        let inside: Vec<usize> = spans
            .iter()
            .filter(|(_, ws, we)| *ws >= a && *we <= b)
            .map(|(k, _, _)| *k)
            .collect();
        let starts_on = spans.iter().any(|(_, ws, _)| *ws == a);
        let ends_on = spans.iter().any(|(_, _, we)| *we == b);
        if starts_on && ends_on && inside.len() > 1 {
            groups.push((inside[0], *inside.last().unwrap_or(&inside[0])));
        }
    }
}

/// The sentence in Herald's tokens, or `None` when they are the treebank's words.
pub fn herald_tokens(s: &Sentence) -> Option<TreeSentence> {
    let groups = herald_groups(s);
    if groups.is_empty() {
        return None;
    }
    Some(merge(s, &gold_words(s), &groups))
}

/// Depth of word `i` (0-based) in the tree, bounded against cycles.
fn depth(heads: &[u32], i: usize) -> usize {
    let mut d = 0;
    let mut h = heads[i];
    while h != 0 && d <= heads.len() {
        d += 1;
        h = heads[h as usize - 1];
    }
    d
}

/// Merges each group into its topmost word; arcs into the group go to that word.
fn merge(s: &Sentence, gold: &TreeSentence, groups: &[(usize, usize)]) -> TreeSentence {
    let n = gold.len();
    // rep[i]: the word that stands for word i after merging.
    let mut rep: Vec<usize> = (0..n).collect();
    let mut form: Vec<Option<String>> = vec![None; n];
    for &(a, b) in groups {
        let top = (a..=b)
            .min_by_key(|&i| (depth(&gold.heads, i), i))
            .unwrap_or(a);
        for r in rep.iter_mut().take(b + 1).skip(a) {
            *r = top;
        }
        form[top] = Some(surface_of(s, a, b));
    }
    let kept: Vec<usize> = (0..n).filter(|&i| rep[i] == i).collect();
    let mut new_index = vec![0u32; n];
    for (k, &i) in kept.iter().enumerate() {
        new_index[i] = k as u32 + 1;
    }
    let mut out = TreeSentence {
        forms: Vec::with_capacity(kept.len()),
        upos: Vec::with_capacity(kept.len()),
        heads: Vec::with_capacity(kept.len()),
        deprels: Vec::with_capacity(kept.len()),
    };
    for &i in &kept {
        out.forms
            .push(form[i].take().unwrap_or_else(|| gold.forms[i].clone()));
        out.upos.push(gold.upos[i]);
        let h = gold.heads[i];
        out.heads.push(if h == 0 {
            0
        } else {
            new_index[rep[h as usize - 1]]
        });
        out.deprels.push(gold.deprels[i]);
    }
    out
}

/// The surface text of words `a..=b`: multiword tokens by their own form.
fn surface_of(s: &Sentence, a: usize, b: usize) -> String {
    let mut text = String::new();
    let mut i = a;
    while i <= b {
        if let Some(m) = s.multiwords.iter().find(|m| m.first as usize == i + 1) {
            text.push_str(&m.form);
            i = m.last as usize;
        } else {
            text.push_str(&s.words[i].form);
            i += 1;
        }
    }
    text
}

/// The treebank's sentences for training: each as its words, and again in
/// Herald's tokens where those differ.
pub fn training_sentences(sentences: &[Sentence]) -> Vec<TreeSentence> {
    let mut out = Vec::with_capacity(sentences.len() + sentences.len() / 8);
    for s in sentences {
        out.push(gold_words(s));
        if let Some(t) = herald_tokens(s) {
            out.push(t);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu;

    fn sentence(rows: &[(&str, &str, u32, &str, bool)], mwt: Option<(u32, u32, &str)>) -> Sentence {
        let mut text = String::new();
        for (i, (form, upos, head, rel, space)) in rows.iter().enumerate() {
            if let Some((a, b, f)) = mwt {
                if a as usize == i + 1 {
                    text.push_str(&format!("{a}-{b}\t{f}\t_\t_\t_\t_\t_\t_\t_\t_\n"));
                }
            }
            let misc = if *space { "_" } else { "SpaceAfter=No" };
            text.push_str(&format!(
                "{}\t{form}\t_\t{upos}\t_\t_\t{head}\t{rel}\t_\t{misc}\n",
                i + 1
            ));
        }
        conllu::read("test", &text).unwrap().remove(0)
    }

    #[test]
    fn hyphenated_words_become_one_token_headed_by_the_top_word() {
        // "an anti-war rally": anti(3)-(3)war(4 amod), compound parts hang on "war".
        let s = sentence(
            &[
                ("an", "DET", 5, "det", true),
                ("anti", "ADJ", 4, "amod", false),
                ("-", "PUNCT", 4, "punct", false),
                ("war", "NOUN", 5, "compound", true),
                ("rally", "NOUN", 0, "root", true),
            ],
            None,
        );
        let t = herald_tokens(&s).expect("merged");
        assert_eq!(t.forms, ["an", "anti-war", "rally"]);
        assert_eq!(t.heads, [3, 3, 0]);
        assert_eq!(t.upos, [Upos::Det, Upos::Noun, Upos::Noun]);
        assert_eq!(t.deprels[1].as_str(), "compound");
    }

    #[test]
    fn dont_stays_two_tokens_and_us_stays_one() {
        let s = sentence(
            &[
                ("I", "PRON", 4, "nsubj", true),
                ("do", "AUX", 4, "aux", false),
                ("n't", "PART", 4, "advmod", true),
                ("like", "VERB", 0, "root", true),
                ("U.S.", "PROPN", 4, "obj", false),
                (".", "PUNCT", 4, "punct", true),
            ],
            Some((2, 3, "don't")),
        );
        assert_eq!(herald_groups(&s), []);
        assert_eq!(herald_tokens(&s), None);
    }

    #[test]
    fn cannot_is_one_token_as_herald_reads_it() {
        let s = sentence(
            &[
                ("I", "PRON", 4, "nsubj", true),
                ("can", "AUX", 4, "aux", false),
                ("not", "PART", 4, "advmod", true),
                ("go", "VERB", 0, "root", true),
            ],
            Some((2, 3, "cannot")),
        );
        let t = herald_tokens(&s).expect("merged");
        assert_eq!(t.forms, ["I", "cannot", "go"]);
        assert_eq!(t.heads, [3, 3, 0]);
        assert_eq!(t.upos, [Upos::Pron, Upos::Aux, Upos::Verb]);
    }
}
