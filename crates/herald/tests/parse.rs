//! `herald parse` and `herald eval --ud` end to end: CoNLL-U that reads back,
//! whose token ranges slice the article's text, and scores on a treebank file.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn herald(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_herald"))
        .args(args)
        .output()
        .expect("herald runs")
}

fn repo_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

fn example() -> String {
    repo_file("examples/g20-blinken-lavrov.txt")
        .display()
        .to_string()
}

#[test]
fn parse_writes_conllu_whose_ranges_slice_the_text() {
    let out = herald(&["parse", &example()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let conllu = String::from_utf8(out.stdout).expect("UTF-8");
    let sentences = herald_syntax::conllu::read("parse output", &conllu).expect("valid CoNLL-U");
    let rec = herald(&["extract", "--published", "2023-03-02", &example()]);
    let record: Value = serde_json::from_slice(&rec.stdout).expect("one record");
    let text = record["text"].as_str().expect("text");
    assert_eq!(
        sentences.len(),
        record["sentences"].as_array().map(Vec::len).unwrap_or(0)
    );
    let mut words = 0;
    for s in &sentences {
        assert!(s.comments.iter().any(|c| c.starts_with(" sent_id = ")));
        assert!(s.comments.iter().any(|c| c.starts_with(" text = ")));
        let roots = s.words.iter().filter(|w| w.head == 0).count();
        assert_eq!(roots, 1, "one root per sentence");
        for w in &s.words {
            let range = w
                .misc
                .split('|')
                .find_map(|m| m.strip_prefix("TokenRange="))
                .expect("TokenRange in MISC");
            let (a, b) = range.split_once(':').expect("START:END");
            let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
            assert_eq!(&text[a..b], w.form, "range {range}");
            assert!(
                herald_core::Upos::parse(&w.upos).is_some(),
                "tag {}",
                w.upos
            );
            assert!(
                herald_core::DepRel::is_known(&w.deprel),
                "relation {}",
                w.deprel
            );
            words += 1;
        }
    }
    assert!(words > 100);
    // The same input gives the same bytes.
    let again = herald(&["parse", &example()]);
    assert_eq!(again.stdout, conllu.as_bytes());
}

#[test]
fn eval_ud_scores_a_treebank_and_names_a_bad_file() {
    let gold = repo_file("crates/herald-syntax/tests/data/ewt-train-200.conllu");
    let out = herald(&["eval", "--ud", &gold.display().to_string(), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["sentences"], 200);
    for f in ["ud.upos", "ud.uas", "ud.las", "ud.verb_lemma"] {
        let x = v["figures"][f].as_f64().expect(f);
        // Training sentences: the model has seen them, so it scores high.
        assert!(x > 0.85 && x <= 1.0, "{f} = {x}");
    }
    let bad = std::env::temp_dir().join(format!("herald-bad-{}.conllu", std::process::id()));
    std::fs::write(&bad, "1\tonly\ttwo\n").unwrap();
    let out = herald(&["eval", "--ud", &bad.display().to_string()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&bad.display().to_string()) && err.contains(":1:"),
        "{err}"
    );
}
