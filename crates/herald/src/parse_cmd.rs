//! `herald parse FILE...`: articles (any input `herald extract` reads) to
//! CoNLL-U, one sentence per block, with Herald's sentences and tokens and
//! the embedded tagger and parser. Each sentence carries `# newdoc id`
//! (first of an article), `# sent_id = ARTICLE-N` and `# text`; each token's
//! MISC holds `TokenRange=START:END`, byte offsets into the article's cleaned
//! text, and `SpaceAfter=No` where the next token follows without a space.

use crate::extract::{read_inputs, FilePaths, Progress, ReadJob, ReadSettings};
use crate::InputArg;
use anyhow::Context;
use clap::Args;
use herald_core::{Article, Doc};
use herald_ingest::ReadOptions;
use herald_nlp::Nlp;
use herald_syntax::Syntax;
use rayon::prelude::*;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct ParseArgs {
    /// Input files; `-` or none reads stdin.
    pub files: Vec<PathBuf>,
    /// Input format.
    #[arg(long, value_enum, default_value = "auto")]
    pub input: InputArg,
    /// Write CoNLL-U here instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Refuse articles larger than this many bytes.
    #[arg(long, default_value_t = 5 * 1024 * 1024)]
    pub max_bytes: usize,
}

/// Articles are parsed in batches of this many, in parallel, written in order.
const BATCH: usize = 512;

pub fn run(args: ParseArgs) -> anyhow::Result<ExitCode> {
    let syntax = crate::load_syntax()?;
    let nlp = Nlp::new();
    let opts = ReadOptions {
        max_bytes: args.max_bytes,
        published_default: None,
    };
    let out: Box<dyn Write> = match &args.output {
        Some(p) => {
            Box::new(File::create(p).with_context(|| format!("cannot create {}", p.display()))?)
        }
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::new(out);
    let progress = Progress::new(&args.files);
    let mut batch: Vec<ReadJob> = Vec::new();
    let mut batch_failures = 0usize;
    let flush =
        |batch: &mut Vec<ReadJob>, out: &mut BufWriter<Box<dyn Write>>| -> anyhow::Result<usize> {
            let blocks: Vec<Result<String, String>> = std::mem::take(batch)
                .into_par_iter()
                .map(|job| match job() {
                    Ok(a) => Ok(conllu_of(&a.article, &nlp, syntax)),
                    Err(e) => Err(e.to_string()),
                })
                .collect();
            let mut failed = 0;
            for b in blocks {
                match b {
                    Ok(text) => out.write_all(text.as_bytes())?,
                    Err(e) => {
                        eprintln!("herald: {e}");
                        failed += 1;
                    }
                }
            }
            Ok(failed)
        };
    let read = ReadSettings {
        opts: &opts,
        file_paths: FilePaths::UnderInput,
    };
    let read_failures = read_inputs(&args.files, args.input, &read, &progress, &mut |job| {
        batch.push(job);
        if batch.len() >= BATCH {
            batch_failures += flush(&mut batch, &mut out)?;
        }
        Ok(())
    })?;
    batch_failures += flush(&mut batch, &mut out)?;
    let failures = read_failures + batch_failures;
    out.flush()?;
    progress.finish();
    if failures > 0 {
        eprintln!("herald: {failures} input(s) failed; the others were written");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// An article's sentences as CoNLL-U.
pub fn conllu_of(article: &Article, nlp: &Nlp, syntax: &Syntax) -> String {
    let mut doc = nlp.analyze(&article.text);
    syntax.parse_doc(&mut doc);
    let mut out = String::new();
    let id = clean(&article.id);
    for (si, s) in doc.sentences.iter().enumerate() {
        if si == 0 {
            let _ = writeln!(out, "# newdoc id = {id}");
        }
        let _ = writeln!(out, "# sent_id = {id}-{}", si + 1);
        let _ = writeln!(
            out,
            "# text = {}",
            s.span
                .slice(&doc.text)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        );
        for i in s.tokens.clone() {
            write_token(&mut out, &doc, s.tokens.start, i);
        }
        out.push('\n');
    }
    out
}

fn write_token(out: &mut String, doc: &Doc, first: usize, i: usize) {
    let t = &doc.tokens[i];
    let syn = doc
        .syntax
        .get(i)
        .copied()
        .unwrap_or(herald_core::TokenSyntax::UNPARSED);
    let head = syn.head.map(|h| h as usize + 1 - first).unwrap_or(0);
    let deprel = if head == 0 {
        "root"
    } else {
        syn.deprel.as_str()
    };
    let mut misc = format!("TokenRange={}:{}", t.span.start, t.span.end);
    if doc
        .tokens
        .get(i + 1)
        .is_some_and(|n| n.span.start == t.span.end)
    {
        misc.push_str("|SpaceAfter=No");
    }
    let _ = writeln!(
        out,
        "{}\t{}\t{}\t{}\t_\t_\t{head}\t{deprel}\t_\t{misc}",
        i - first + 1,
        clean(doc.token_text(i)),
        clean(&t.lemma),
        syn.upos.as_str(),
    );
}

/// A field without the tabs and line breaks that would break a CoNLL-U line; empty is `_`.
fn clean(s: &str) -> String {
    if s.is_empty() {
        return "_".into();
    }
    s.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect::<String>()
        .replace('\t', " ")
}
