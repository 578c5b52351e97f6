//! `herald train tagger|parser --treebank DIR -o FILE`: trains a syntax
//! model on a UD treebank (its `*-ud-train.conllu`, scored per epoch on its
//! `*-ud-dev.conllu`) and writes the model file. Seeded: same bytes twice.

use anyhow::Context;
use clap::{Args, ValueEnum};
use herald_syntax::model::{self, Kind};
use herald_syntax::train::{self, TrainOptions};
use herald_syntax::{conllu, mapping};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum What {
    Tagger,
    Parser,
    /// The place ranker, on toponym gold (`--gold`, such as lgl.geo.jsonl).
    Places,
}

#[derive(Args)]
pub struct TrainArgs {
    /// Which model to train.
    pub what: What,
    /// Folder holding `*-ud-train.conllu` and `*-ud-dev.conllu` (tagger, parser).
    #[arg(long, required_unless_present = "gold")]
    pub treebank: Option<PathBuf>,
    /// Toponym gold, JSONL with `toponyms` (places).
    #[arg(long, conflicts_with = "treebank")]
    pub gold: Option<PathBuf>,
    /// Where to write the model.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Training epochs (default: 8 for the tagger, 10 for the parser).
    #[arg(long)]
    pub epochs: Option<usize>,
    /// Drop averaged weights smaller than this (default: 0.5 for the tagger, 2.5 for the parser).
    #[arg(long)]
    pub min_weight: Option<f32>,
    /// Use only the first N training sentences (for quick trials).
    #[arg(long)]
    pub limit: Option<usize>,
}

/// Reads the one file of `dir` whose name ends with `suffix`.
pub fn treebank_file(dir: &Path, suffix: &str) -> anyhow::Result<Vec<conllu::Sentence>> {
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    found.sort();
    let path = found
        .first()
        .with_context(|| format!("no `*{suffix}` file in {}", dir.display()))?;
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(conllu::read(&path.display().to_string(), &text)?)
}

pub fn run(args: TrainArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    if args.what == What::Places {
        let Some(gold) = &args.gold else {
            anyhow::bail!("herald train places needs --gold FILE (toponym gold)");
        };
        return train_places(gold, &args.output);
    }
    let Some(treebank) = &args.treebank else {
        anyhow::bail!("herald train tagger|parser needs --treebank DIR");
    };
    let mut train_set = treebank_file(treebank, "-ud-train.conllu")?;
    if let Some(n) = args.limit {
        train_set.truncate(n);
    }
    let dev_set = treebank_file(treebank, "-ud-dev.conllu")?;
    let train_sentences = mapping::training_sentences(&train_set);
    let dev: Vec<_> = dev_set.iter().map(mapping::gold_words).collect();
    eprintln!(
        "training on {} sentences ({} of them in Herald's tokens), dev {} sentences",
        train_sentences.len(),
        train_sentences.len() - train_set.len(),
        dev.len()
    );
    let mut opts = TrainOptions::default();
    let mut report = |line: &str| eprintln!("[{:>6.1}s] {line}", started.elapsed().as_secs_f64());
    let bytes = match args.what {
        What::Tagger => {
            if let Some(e) = args.epochs {
                opts.tagger_epochs = e;
            }
            if let Some(w) = args.min_weight {
                opts.tagger_min_weight = w;
            }
            let t = train::train_tagger(&train_sentences, &dev, &opts, &mut report);
            let names: Vec<&str> = herald_core::Upos::ALL.iter().map(|u| u.as_str()).collect();
            let lexicon: Vec<(u64, u32)> = t.lexicon.iter().map(|(&w, &m)| (w, m)).collect();
            model::write(Kind::Tagger, &names, &t.model, &lexicon)
        }
        What::Parser => {
            if let Some(e) = args.epochs {
                opts.parser_epochs = e;
            }
            if let Some(w) = args.min_weight {
                opts.parser_min_weight = w;
            }
            let p = train::train_parser(&train_sentences, &dev, &opts, &mut report);
            let names: Vec<&str> = (0..herald_core::DepRel::COUNT)
                .map(|i| herald_core::DepRel::from_index(i).as_str())
                .collect();
            model::write(Kind::Parser, &names, &p.model, &[])
        }
        What::Places => unreachable!("trained above"),
    };
    std::fs::write(&args.output, &bytes)
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    eprintln!(
        "wrote {} ({} bytes) in {:.1}s",
        args.output.display(),
        bytes.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// Fits the place ranker on every toponym of `gold` and writes its weights.
fn train_places(gold: &Path, output: &Path) -> anyhow::Result<ExitCode> {
    let kb = crate::load_kb()?;
    let coder = herald_coder::Coder::with_syntax(kb, crate::load_syntax()?);
    let (rows, articles) = crate::eval::load_gold(gold)?;
    let choices = crate::train_places::article_choices(&coder, kb, &rows, &articles);
    let (ranker, taught) = crate::train_places::fit_articles(&choices, |_| true);
    eprintln!(
        "trained on {taught} toponyms with two or more candidates, from {} articles",
        articles.len()
    );
    let name = gold.file_name().map_or_else(
        || gold.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let header = [
        "Herald place ranker: feature<TAB>weight (see herald-coder/src/place_rank.rs)".to_string(),
        format!(
            "trained by `herald train places --gold {name}` on {} toponyms (L2 {} towards model/place_prior.tsv)",
            taught,
            crate::train_places::L2
        ),
    ];
    std::fs::write(output, ranker.to_tsv(&header))
        .with_context(|| format!("cannot write {}", output.display()))?;
    eprintln!("wrote {}", output.display());
    Ok(ExitCode::SUCCESS)
}
