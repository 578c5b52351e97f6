//! `herald eval`: run the pipeline over the articles a gold file names and
//! print the figures of `shared/eval/score.py`, line for line.

use crate::load_kb;
use anyhow::{bail, Context};
use clap::Args;
use herald_coder::Coder;
use herald_core::Article;
use herald_eval::*;
use herald_ingest::{JsonlRow, ReadOptions};
use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct EvalArgs {
    /// Gold file (JSONL): article gold, PLOVER gold sentences or toponym gold.
    #[arg(long, required_unless_present = "ud")]
    pub gold: Option<PathBuf>,
    /// Score the tagger and parser on a CoNLL-U treebank file with its gold tokens.
    #[arg(long, value_name = "FILE.conllu", conflicts_with = "gold")]
    pub ud: Option<PathBuf>,
    /// With --ud: parse on the file's gold tags instead of the tagger's.
    #[arg(long, requires = "ud")]
    pub gold_tags: bool,
    /// Print the figures as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// List misses and false events with their sentences.
    #[arg(long)]
    pub errors: bool,
    /// Also write the records made, for `score.py`.
    #[arg(long)]
    pub records: Option<PathBuf>,
    /// With toponym gold: score the place ranker by K-fold cross-validation
    /// over articles (each article resolved by a ranker trained on the others).
    #[arg(long, value_name = "K", requires = "gold", value_parser = clap::value_parser!(u8).range(2..=20))]
    pub cv: Option<u8>,
    /// Fail (exit 1) when a figure is below its floor in this file.
    #[arg(long)]
    pub floors: Option<PathBuf>,
}

/// Reads the gold rows and makes the article each names.
pub(crate) fn load_gold(path: &Path) -> anyhow::Result<(Vec<Value>, Vec<Article>)> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let base = path.parent().unwrap_or(Path::new("."));
    let name = path.display().to_string();
    let mut rows = Vec::new();
    let mut articles = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let row: Value =
            serde_json::from_str(line).with_context(|| format!("{name}:{}: broken JSON", n + 1))?;
        let id = id_of(&row);
        let published = row["published"].as_str().map(str::to_string);
        let opts = ReadOptions {
            published_default: published.clone(),
            ..Default::default()
        };
        let article = if row["file"].is_string() {
            let mut a = JsonlRow {
                line: n + 1,
                bytes: line.as_bytes().to_vec(),
            }
            .parse_with_files(&name, &opts, base)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            a.id = id.clone();
            a.published = published;
            a
        } else {
            let mut obj = serde_json::Map::new();
            for k in ["id", "text", "title", "url", "published"] {
                if let Some(v) = row.get(k).filter(|v| !v.is_null()) {
                    obj.insert(k.to_string(), v.clone());
                }
            }
            obj.insert("id".into(), Value::String(id.clone()));
            let bytes = serde_json::to_vec(&Value::Object(obj))?;
            JsonlRow { line: n + 1, bytes }
                .parse(&name, &opts)
                .map_err(|e| anyhow::anyhow!("{e}"))?
        };
        rows.push(row);
        articles.push(article);
    }
    Ok((rows, articles))
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let Some(gold_path) = args.gold.clone() else {
        return run_ud(&args);
    };
    let kb = load_kb()?;
    let coder = Coder::with_syntax(kb, crate::load_syntax()?);
    let (gold, articles) = load_gold(&gold_path)?;
    let kind = gold_kind(&gold);
    let records: Vec<Value> = match args.cv {
        Some(k) if kind == GoldKind::Toponyms => {
            let syntax = crate::load_syntax()?;
            let make = |r| Coder::with_syntax(kb, syntax).with_place_ranker(r);
            crate::train_places::cross_validated_records(
                &coder, kb, &gold, &articles, k as usize, &make,
            )
        }
        Some(_) => {
            bail!("--cv trains the place ranker: it needs toponym gold (such as lgl.geo.jsonl)")
        }
        None => articles
            .par_iter()
            .map(|a| serde_json::to_value(coder.code(a)).unwrap_or(Value::Null))
            .collect(),
    };
    if let Some(p) = &args.records {
        write_records(p, &records)?;
    }
    let out: HashMap<String, Value> = records.into_iter().map(|r| (id_of(&r), r)).collect();
    let iso = Iso3::load(kb.countries.iter().map(|c| c.iso3.to_string()));
    let mut errors = Vec::new();
    let scored = match kind {
        GoldKind::Articles => score_articles(&gold, &out, &iso, &mut errors),
        GoldKind::Sentences => score_sentences(&gold, &out, &iso, &mut errors),
        GoldKind::Toponyms => score_toponyms(&gold, &out, &mut errors),
    };
    let file_name = file_name_of(&gold_path);
    if args.json {
        let mut v = json!({"gold": file_name, "kind": kind, "figures": scored.figures, "detail": scored.detail});
        if args.errors {
            v["errors"] = serde_json::to_value(&errors)?;
        }
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        if args.errors {
            print_errors(&errors);
        }
        if let Some(k) = args.cv {
            println!("cv folds={k} (each article's places resolved by a ranker trained on the other folds' articles)");
        }
        for l in &scored.lines {
            println!("{l}");
        }
    }
    floors_exit(args.floors.as_deref(), &file_name, &scored.figures)
}

/// One JSON record a line.
fn write_records(path: &Path, records: &[Value]) -> anyhow::Result<()> {
    let mut f = std::io::BufWriter::new(
        std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
    );
    for r in records {
        writeln!(f, "{}", serde_json::to_string(r)?)?;
    }
    Ok(())
}

/// The scores of one gold file: the lines printed, the figures floors are
/// checked on, and the detail of `--json`.
struct Scored {
    lines: Vec<String>,
    figures: BTreeMap<String, f64>,
    detail: Value,
}

/// Article gold: events (per type, then in all), quotes, quiet articles, places.
fn score_articles(
    gold: &[Value],
    out: &HashMap<String, Value>,
    iso: &Iso3,
    errors: &mut Vec<ErrorItem>,
) -> Scored {
    let mut lines = Vec::new();
    let mut figures = BTreeMap::new();
    let ev = score_events(gold, out, iso, errors);
    for (t, (a, b, c)) in &ev.per_type {
        let f = if 2 * a + b + c > 0 {
            2.0 * *a as f64 / (2 * a + b + c) as f64
        } else {
            0.0
        };
        lines.push(format!("  {t:10} tp={a:3} fp={b:3} fn={c:3}  f1={f:.3}"));
    }
    lines.push(format!(
        "events docs={} missing={} tp={} fp={} fn={} precision={:.3} recall={:.3} f1={:.3}",
        ev.docs, ev.missing, ev.tp, ev.fp, ev.fn_, ev.precision, ev.recall, ev.f1
    ));
    figures.insert("events.precision".into(), ev.precision);
    figures.insert("events.recall".into(), ev.recall);
    figures.insert("events.f1".into(), ev.f1);
    let q = score_quotes(gold, out, errors);
    lines.push(format!(
        "quotes total={} attributed={:.3}",
        q.total, q.attributed
    ));
    figures.insert("quotes.attributed".into(), q.attributed);
    let quiet = score_quiet(gold, out, iso);
    lines.push(format!(
        "quiet articles={} false_triples={}",
        quiet.articles, quiet.false_triples
    ));
    figures.insert("quiet.false_triples".into(), quiet.false_triples as f64);
    let pl = score_places(gold, out);
    lines.push(format!(
        "places total={} found={:.3} country_accuracy={:.3}",
        pl.total, pl.found, pl.country_accuracy
    ));
    figures.insert("places.country_accuracy".into(), pl.country_accuracy);
    let detail = json!({"events": ev, "quotes": q, "quiet": quiet, "places": pl});
    Scored {
        lines,
        figures,
        detail,
    }
}

/// PLOVER gold sentences: event types and dyads, then actors.
fn score_sentences(
    gold: &[Value],
    out: &HashMap<String, Value>,
    iso: &Iso3,
    errors: &mut Vec<ErrorItem>,
) -> Scored {
    let mut lines = Vec::new();
    let mut figures = BTreeMap::new();
    let g = score_gsr(gold, out, iso, errors);
    for (t, (a, b)) in &g.per_type {
        lines.push(format!("  {t:10} {a:3}/{b:3}"));
    }
    lines.push(format!(
        "gsr sentences={} type_recall={:.3} dyad_recall={:.3} precision={:.3} predicted={} other={}",
        g.sentences, g.type_recall, g.dyad_recall, g.precision, g.predicted, g.other
    ));
    figures.insert("gsr.type_recall".into(), g.type_recall);
    figures.insert("gsr.dyad_recall".into(), g.dyad_recall);
    figures.insert("gsr.precision".into(), g.precision);
    let a = score_actors(gold, out, iso, errors);
    lines.push(format!(
        "actors total={} found={:.3} country_accuracy={:.3}",
        a.total, a.found, a.country_accuracy
    ));
    figures.insert("actors.found".into(), a.found);
    figures.insert("actors.country_accuracy".into(), a.country_accuracy);
    let detail = json!({"gsr": g, "actors": a});
    Scored {
        lines,
        figures,
        detail,
    }
}

/// Toponym gold: places found, exact and within 161 km.
fn score_toponyms(
    gold: &[Value],
    out: &HashMap<String, Value>,
    errors: &mut Vec<ErrorItem>,
) -> Scored {
    let g = score_geo(gold, out, errors);
    let lines = vec![format!(
        "geo toponyms={} found={:.3} exact={:.3} acc161={:.3}",
        g.toponyms, g.found, g.exact, g.acc161
    )];
    let mut figures = BTreeMap::new();
    figures.insert("geo.found".into(), g.found);
    figures.insert("geo.exact".into(), g.exact);
    figures.insert("geo.acc161".into(), g.acc161);
    let detail = json!({"geo": g});
    Scored {
        lines,
        figures,
        detail,
    }
}

/// `--errors`: each miss or false event, its sentence and the reasons.
fn print_errors(errors: &[ErrorItem]) {
    for e in errors {
        println!("{:<22} {:<28} {}", e.kind, e.id, e.triple);
        if !e.sentence.is_empty() {
            println!("    {}", e.sentence);
        }
        for r in &e.reasons {
            println!("      {r}");
        }
    }
}

/// The last part of a path, as printed and matched in the floors file.
fn file_name_of(path: &Path) -> String {
    path.file_name()
        .map(|f| f.to_string_lossy().to_string())
        .unwrap_or_default()
}

/// With `--floors`: exit 1 when a figure of `file_name` is below its floor.
fn floors_exit(
    floors: Option<&Path>,
    file_name: &str,
    figures: &BTreeMap<String, f64>,
) -> anyhow::Result<ExitCode> {
    if let Some(f) = floors {
        let failed = check_floors(f, file_name, figures)?;
        if failed > 0 {
            eprintln!(
                "herald: {failed} figure(s) of {file_name} below their floor in {}",
                f.display()
            );
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `herald eval --ud FILE.conllu`: UPOS accuracy, UAS and LAS of the
/// embedded tagger and parser with the file's gold tokens, every word
/// counted, punctuation included (CoNLL 2018). `las` compares universal
/// relations as CoNLL 2018 does; `las_full` also the subtype. `verb_lemma`:
/// how many of the file's verbs (gold UPOS VERB) get their gold lemma from
/// Herald's lemmatizer, letter case aside (the lemmas the coder's rules read).
fn run_ud(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    let path = args.ud.as_deref().context("--gold or --ud is required")?;
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let sentences = herald_syntax::conllu::read(&path.display().to_string(), &text)?;
    let syntax = crate::load_syntax()?;
    let lemmatizer = herald_nlp::Lemmatizer::english();
    let (mut verbs, mut verb_lemmas) = (0usize, 0usize);
    for w in sentences.iter().flat_map(|s| &s.words) {
        if w.upos == "VERB" {
            verbs += 1;
            let lower = w.form.to_lowercase();
            verb_lemmas += (lemmatizer.lemma(&lower) == w.lemma.to_lowercase()) as usize;
        }
    }
    let verb_lemma = verb_lemmas as f64 / verbs.max(1) as f64;
    let scores: Vec<herald_syntax::score::Score> = sentences
        .par_iter()
        .map(|s| {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let p = if args.gold_tags {
                let tags: Vec<herald_core::Upos> = s
                    .words
                    .iter()
                    .map(|w| herald_core::Upos::parse(&w.upos).unwrap_or(herald_core::Upos::X))
                    .collect();
                syntax.parse_tagged(&forms, &tags)
            } else {
                syntax.parse_tokens(&forms)
            };
            let mut score = herald_syntax::score::Score::default();
            for (i, w) in s.words.iter().enumerate() {
                let guess = (p.upos[i].as_str(), p.heads[i], p.deprels[i].as_str());
                score.add((&w.upos, w.head, &w.deprel), guess);
            }
            score
        })
        .collect();
    let mut total = herald_syntax::score::Score::default();
    for s in &scores {
        total.words += s.words;
        total.upos += s.upos;
        total.heads += s.heads;
        total.labelled += s.labelled;
        total.labelled_full += s.labelled_full;
    }
    let mut figures: BTreeMap<String, f64> = BTreeMap::new();
    figures.insert("ud.upos".into(), total.upos());
    figures.insert("ud.uas".into(), total.uas());
    figures.insert("ud.las".into(), total.las());
    figures.insert("ud.las_full".into(), total.las_full());
    figures.insert("ud.verb_lemma".into(), verb_lemma);
    let file_name = file_name_of(path);
    if args.json {
        let v = json!({"gold": file_name, "kind": "ud", "sentences": sentences.len(), "words": total.words, "figures": figures});
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        println!(
            "ud sentences={} words={} upos={:.4} uas={:.4} las={:.4} las_full={:.4} verb_lemma={:.4}",
            sentences.len(),
            total.words,
            total.upos(),
            total.uas(),
            total.las(),
            total.las_full(),
            verb_lemma
        );
    }
    floors_exit(args.floors.as_deref(), &file_name, &figures)
}

/// Floors file: `GOLD-FILE FIGURE MINIMUM` per line, `#` comments.
fn check_floors(path: &Path, gold: &str, figures: &BTreeMap<String, f64>) -> anyhow::Result<usize> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut failed = 0;
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let parts: Vec<&str> = line.split_whitespace().collect();
        // `GOLD FIGURE MINIMUM`, or `GOLD FIGURE <= MAXIMUM` for figures that must stay low
        let (file, figure, bound, at_most) = match parts[..] {
            [file, figure, bound] => (file, figure, bound, false),
            [file, figure, "<=", bound] => (file, figure, bound, true),
            _ => bail!(
                "{}:{}: want `GOLD FIGURE MINIMUM` or `GOLD FIGURE <= MAXIMUM`",
                path.display(),
                n + 1
            ),
        };
        if file != gold {
            continue;
        }
        let bound: f64 = bound
            .parse()
            .with_context(|| format!("{}:{}: bad bound", path.display(), n + 1))?;
        let (sign, fail_sign) = if at_most { ("<=", ">") } else { (">=", "<") };
        match figures.get(figure) {
            Some(v) if (!at_most && *v + 1e-9 >= bound) || (at_most && *v <= bound + 1e-9) => {
                eprintln!("floor ok   {file} {figure} {v:.3} {sign} {bound:.3}")
            }
            Some(v) => {
                eprintln!("floor FAIL {file} {figure} {v:.3} {fail_sign} {bound:.3}");
                failed += 1;
            }
            None => bail!(
                "{}:{}: no figure `{figure}` for {file}",
                path.display(),
                n + 1
            ),
        }
    }
    Ok(failed)
}
