//! Reads `kb/words.tsv` and makes one constant per word list
//! (`herald_kb::words::NAME`), so that the coder's closed word lists live in
//! the knowledge base, with a header like every other table, and cost nothing
//! at run time. A malformed file stops the build with `kb/words.tsv:LINE`.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

const FILE: &str = "../../kb/words.tsv";

fn main() {
    println!("cargo:rerun-if-changed={FILE}");
    let text = std::fs::read_to_string(FILE).unwrap_or_else(|e| panic!("{FILE}: {e}"));
    let lists = parse(&text).unwrap_or_else(|e| panic!("kb/words.tsv:{e}"));
    let mut out = String::new();
    for (name, about, words) in &lists {
        let _ = writeln!(out, "/// {about}");
        let _ = writeln!(
            out,
            "pub const {}: &[&str] = &{words:?};",
            name.to_uppercase()
        );
    }
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&dir).join("words.rs"), out).expect("write words.rs");
}

type List = (String, String, Vec<String>);

/// The lists in declaration order; an error is `LINE: what is wrong`.
fn parse(text: &str) -> Result<Vec<List>, String> {
    if !text.lines().any(|l| l == "# format: herald-kb 1") {
        return Err("1: no `# format: herald-kb 1` header".into());
    }
    let mut lists: Vec<List> = Vec::new();
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if let Some(decl) = line.strip_prefix("# list: ") {
            let (name, about) = decl.split_once(" — ").ok_or(format!(
                "{n}: a list is declared as `# list: NAME — what it holds`"
            ))?;
            if !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                return Err(format!("{n}: list name {name:?} is not lower_snake_case"));
            }
            if lists.iter().any(|l| l.0 == name) {
                return Err(format!("{n}: list {name} declared twice"));
            }
            lists.push((name.to_string(), about.to_string(), Vec::new()));
            continue;
        }
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let (name, word) = line
            .split_once('\t')
            .ok_or(format!("{n}: a row is LIST<TAB>word"))?;
        let list = lists
            .iter_mut()
            .find(|l| l.0 == name)
            .ok_or(format!("{n}: list {name:?} is not declared"))?;
        if word.is_empty()
            || word != word.trim()
            || word.contains('\t')
            || word != word.to_lowercase()
        {
            return Err(format!(
                "{n}: {word:?} must be one lowercase word or phrase"
            ));
        }
        if !seen.insert((name.to_string(), word.to_string())) {
            return Err(format!("{n}: {word:?} is in {name} twice"));
        }
        list.2.push(word.to_string());
    }
    if let Some(empty) = lists.iter().find(|l| l.2.is_empty()) {
        return Err(format!("0: list {} has no words", empty.0));
    }
    Ok(lists)
}
