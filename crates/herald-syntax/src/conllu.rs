//! CoNLL-U reading and writing: sentences of syntactic words with their
//! comments, multiword-token lines and empty nodes kept, so that a file reads
//! back to the same text.

use std::fmt::Write as _;

/// One syntactic word (a line whose ID is an integer).
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 0 for the root, else the 1-based ID of the head word.
    pub head: u32,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

impl Word {
    /// Whether MISC says there is no space after the word.
    pub fn no_space_after(&self) -> bool {
        self.misc.split('|').any(|m| m == "SpaceAfter=No")
    }
}

/// A multiword token ("don't" over the words "do" and "n't"), IDs 1-based inclusive.
#[derive(Debug, Clone, PartialEq)]
pub struct Multiword {
    pub first: u32,
    pub last: u32,
    pub form: String,
    pub misc: String,
}

impl Multiword {
    pub fn no_space_after(&self) -> bool {
        self.misc.split('|').any(|m| m == "SpaceAfter=No")
    }
}

/// A sentence: comments, words, multiword tokens and raw empty-node lines.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sentence {
    pub comments: Vec<String>,
    pub words: Vec<Word>,
    pub multiwords: Vec<Multiword>,
    /// Empty nodes ("8.1"), kept verbatim with the number of words before them.
    pub empty_nodes: Vec<(usize, String)>,
}

/// A line that is not CoNLL-U, with where it stands.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{source_name}:{line}: {message}")]
pub struct ConlluError {
    pub source_name: String,
    pub line: usize,
    pub message: String,
}

/// Reads every sentence of a CoNLL-U text; `source_name` names it in errors.
pub fn read(source_name: &str, text: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut out = Vec::new();
    let mut current = Sentence::default();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let err = |message: String| ConlluError {
            source_name: source_name.to_string(),
            line: n + 1,
            message,
        };
        if line.is_empty() {
            if !current.words.is_empty() || !current.comments.is_empty() {
                check_sentence(&current).map_err(err)?;
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            current.comments.push(c.to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(format!(
                "expected 10 tab-separated columns, found {}",
                cols.len()
            )));
        }
        let id = cols[0];
        if id.contains('.') {
            current
                .empty_nodes
                .push((current.words.len(), line.to_string()));
        } else if let Some((a, b)) = id.split_once('-') {
            let (first, last) = match (a.parse::<u32>(), b.parse::<u32>()) {
                (Ok(a), Ok(b)) if a >= 1 && a <= b => (a, b),
                _ => return Err(err(format!("bad multiword token range `{id}`"))),
            };
            current.multiwords.push(Multiword {
                first,
                last,
                form: cols[1].to_string(),
                misc: cols[9].to_string(),
            });
        } else {
            let expected = current.words.len() + 1;
            if id.parse::<usize>().ok() != Some(expected) {
                return Err(err(format!("word ID `{id}` where {expected} was expected")));
            }
            let head = match cols[6] {
                "_" => 0,
                h => h
                    .parse::<u32>()
                    .map_err(|_| err(format!("head `{h}` is not a number")))?,
            };
            current.words.push(Word {
                form: cols[1].to_string(),
                lemma: cols[2].to_string(),
                upos: cols[3].to_string(),
                xpos: cols[4].to_string(),
                feats: cols[5].to_string(),
                head,
                deprel: cols[7].to_string(),
                deps: cols[8].to_string(),
                misc: cols[9].to_string(),
            });
        }
    }
    if !current.words.is_empty() {
        check_sentence(&current).map_err(|message| ConlluError {
            source_name: source_name.to_string(),
            line: text.lines().count(),
            message,
        })?;
        out.push(current);
    }
    Ok(out)
}

fn check_sentence(s: &Sentence) -> Result<(), String> {
    let n = s.words.len() as u32;
    if let Some(w) = s.words.iter().find(|w| w.head > n) {
        return Err(format!(
            "head {} of `{}` is past the sentence's {n} words",
            w.head, w.form
        ));
    }
    if let Some(m) = s.multiwords.iter().find(|m| m.last > n) {
        return Err(format!(
            "multiword token `{}` ends past the sentence",
            m.form
        ));
    }
    Ok(())
}

/// Writes sentences as CoNLL-U, each followed by a blank line.
pub fn write(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    for s in sentences {
        write_sentence(&mut out, s);
    }
    out
}

/// Appends one sentence as CoNLL-U, with its closing blank line.
pub fn write_sentence(out: &mut String, s: &Sentence) {
    for c in &s.comments {
        let _ = writeln!(out, "#{c}");
    }
    let mut empty = s.empty_nodes.iter().peekable();
    for (i, w) in s.words.iter().enumerate() {
        let id = i as u32 + 1;
        for m in s.multiwords.iter().filter(|m| m.first == id) {
            let _ = writeln!(
                out,
                "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}",
                m.first, m.last, m.form, m.misc
            );
        }
        let head = if w.deprel == "_" && w.head == 0 {
            "_".to_string()
        } else {
            w.head.to_string()
        };
        let _ = writeln!(
            out,
            "{id}\t{}\t{}\t{}\t{}\t{}\t{head}\t{}\t{}\t{}",
            w.form, w.lemma, w.upos, w.xpos, w.feats, w.deprel, w.deps, w.misc
        );
        while let Some((_, line)) = empty.next_if(|(after, _)| *after == i + 1) {
            let _ = writeln!(out, "{line}");
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = a-1\n# text = I don't know.\n1\tI\tI\tPRON\tPRP\tCase=Nom\t4\tnsubj\t4:nsubj\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t4:aux\t_\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_\n4\tknow\tknow\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No\n4.1\tknew\tknow\tVERB\tVBD\t_\t_\t_\t4:conj\tCopyOf=4\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_\n\n";

    #[test]
    fn round_trip_keeps_every_line() {
        let s = read("sample", SAMPLE).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].words.len(), 5);
        assert_eq!(s[0].multiwords[0].form, "don't");
        assert_eq!(s[0].words[3].head, 0);
        assert!(s[0].words[3].no_space_after());
        assert_eq!(write(&s), SAMPLE);
    }

    #[test]
    fn the_treebank_reads_back_byte_for_byte() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu"
        );
        let Ok(text) = std::fs::read_to_string(path) else {
            return; // the treebank lives beside the checkout, not in it
        };
        let s = read("dev", &text).unwrap();
        assert_eq!(s.len(), 2001);
        assert_eq!(write(&s), text);
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let e = read("bad.conllu", "1\tx\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.to_string().starts_with("bad.conllu:1:"));
        let e = read("f", "1\ta\ta\tX\t_\t_\t9\tdep\t_\t_\n\n").unwrap_err();
        assert!(e.message.contains("past the sentence"), "{e}");
        let e = read("f", "2\ta\ta\tX\t_\t_\t0\troot\t_\t_\n").unwrap_err();
        assert!(e.message.contains("expected"), "{e}");
    }
}
