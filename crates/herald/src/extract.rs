//! `herald extract`: inputs to records, in parallel, in input order.

use crate::{load_kb, InputArg};
use anyhow::Context;
use clap::Args;
use herald_coder::Coder;
use herald_core::Article;
use herald_ingest::{
    check_binary_head, read_document, sniff_format, IngestError, IngestErrorKind, InputFormat,
    JsonlReader, ReadOptions, WarcReader, WarcRecord,
};
use rayon::prelude::*;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

#[derive(Args)]
pub struct ExtractArgs {
    /// Input files; `-` or none reads stdin.
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub read: crate::ReadArgs,
    /// Write records here instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Indented JSON for people.
    #[arg(long)]
    pub pretty: bool,
    /// Let a JSONL row's `file` name a file outside the JSONL file's directory.
    #[arg(long)]
    pub allow_file_paths: bool,
}

/// Where a JSONL row's `file` may lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilePaths {
    /// Only to files under the JSONL input's directory.
    UnderInput,
    /// Anywhere (`--allow-file-paths`).
    Anywhere,
}

/// Articles are coded in batches of this many, in parallel, and written in order.
const BATCH: usize = 512;

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let opts = args.read.options()?;
    let kb = load_kb()?;
    let coder = Coder::with_syntax(kb, crate::load_syntax()?);
    let out: Box<dyn Write> = match &args.output {
        Some(p) => {
            Box::new(File::create(p).with_context(|| format!("cannot create {}", p.display()))?)
        }
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::new(out);
    let pretty = args.pretty;
    let progress = Progress::new(&args.files);
    let to_line = |rec: herald_core::Record| {
        if pretty {
            serde_json::to_string_pretty(&rec)
        } else {
            serde_json::to_string(&rec)
        }
        .unwrap_or_default()
    };
    let mut write = |lines: Vec<String>| -> anyhow::Result<()> {
        for l in &lines {
            writeln!(out, "{l}")?;
        }
        Ok(())
    };
    let file_paths = if args.allow_file_paths {
        FilePaths::Anywhere
    } else {
        FilePaths::UnderInput
    };
    let failures = code_inputs_with(
        &args.files,
        args.read.input,
        file_paths,
        &opts,
        &coder,
        &progress,
        &to_line,
        &mut write,
    )?;
    out.flush()?;
    progress.finish();
    if failures > 0 {
        eprintln!("herald: {failures} input(s) failed; the others were written");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads every input, codes its articles in parallel batches, turns each
/// record into `T` and hands each batch, in input order, to `write`.
/// Returns how many inputs or articles failed (each reported on stderr).
/// A JSONL row's `file` must lie under its input's directory.
pub fn code_inputs<T: Send>(
    files: &[PathBuf],
    input: InputArg,
    opts: &ReadOptions,
    coder: &Coder,
    progress: &Progress,
    convert: &(dyn Fn(herald_core::Record) -> T + Sync),
    write: &mut dyn FnMut(Vec<T>) -> anyhow::Result<()>,
) -> anyhow::Result<usize> {
    let paths = FilePaths::UnderInput;
    code_inputs_with(files, input, paths, opts, coder, progress, convert, write)
}

/// [`code_inputs`], saying where a JSONL row's `file` may lead.
#[allow(clippy::too_many_arguments)]
pub fn code_inputs_with<T: Send>(
    files: &[PathBuf],
    input: InputArg,
    file_paths: FilePaths,
    opts: &ReadOptions,
    coder: &Coder,
    progress: &Progress,
    convert: &(dyn Fn(herald_core::Record) -> T + Sync),
    write: &mut dyn FnMut(Vec<T>) -> anyhow::Result<()>,
) -> anyhow::Result<usize> {
    let mut sink = Sink::new(coder, progress, convert, write);
    let read = ReadSettings { opts, file_paths };
    let failures = read_inputs(files, input, &read, progress, &mut |job| sink.push(job))?;
    sink.flush()?;
    Ok(failures + sink.failures)
}

/// The reading of one article, left to the batch's worker threads: parsing
/// HTML and cleaning text cost as much as coding.
pub type ReadJob = Box<dyn FnOnce() -> Result<ReadArticle, IngestError> + Send>;

/// An article read, with where it came from (`file` or `file:line`) for
/// the warnings its reading gave, shown on stderr.
pub struct ReadArticle {
    pub article: Article,
    pub origin: String,
}

impl ReadArticle {
    fn new(article: Article, origin: String) -> Self {
        ReadArticle { article, origin }
    }
}

/// How inputs are read: limits and defaults, and where a row's `file` may lead.
pub struct ReadSettings<'a> {
    pub opts: &'a ReadOptions,
    pub file_paths: FilePaths,
}

/// Reads every input (files, or stdin for `-` or none) and hands a job per
/// article, in input order, to `each`. An input that cannot be opened or
/// split into records is reported on stderr and counted; the rest go on.
pub fn read_inputs(
    files: &[PathBuf],
    input: InputArg,
    read: &ReadSettings,
    progress: &Progress,
    each: &mut dyn FnMut(ReadJob) -> anyhow::Result<()>,
) -> anyhow::Result<usize> {
    let mut failures = 0usize;
    let stdin = [PathBuf::from("-")];
    let files: &[PathBuf] = if files.is_empty() { &stdin } else { files };
    for path in files {
        let name = path.display().to_string();
        let mut input_reader = match open_input(path, &progress.read) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("herald: {name}: cannot read: {e}");
                failures += 1;
                continue;
            }
        };
        let head = match input_reader.fill_buf() {
            Ok(h) => h.to_vec(),
            Err(e) => {
                eprintln!("herald: {name}: cannot read: {e}");
                failures += 1;
                continue;
            }
        };
        let format = match input {
            InputArg::Auto => sniff_format(name.strip_suffix(".gz").unwrap_or(&name), &head),
            InputArg::Text => InputFormat::Text,
            InputArg::Html => InputFormat::Html,
            InputArg::Jsonl => InputFormat::Jsonl,
            InputArg::Warc => InputFormat::Warc,
        };
        let read_one = match format {
            InputFormat::Jsonl => read_jsonl(path, &head, input_reader, read, each),
            InputFormat::Warc => read_warc(&name, input_reader, read.opts, each),
            InputFormat::Text | InputFormat::Html => {
                read_whole(&name, input_reader, format, read.opts, each)
            }
        };
        failures += read_one?;
    }
    Ok(failures)
}

/// Streams a JSONL input row by row: memory stays bounded whatever the
/// file's size, and no line longer than `--max-bytes` is kept. An input
/// whose first block is binary (a gzip of zeros) is refused at once.
fn read_jsonl(
    path: &Path,
    head: &[u8],
    input_reader: Box<dyn BufRead>,
    read: &ReadSettings,
    each: &mut dyn FnMut(ReadJob) -> anyhow::Result<()>,
) -> anyhow::Result<usize> {
    let name = path.display().to_string();
    if let Err(e) = check_binary_head(&name, head) {
        report(&e);
        return Ok(1);
    }
    let mut failures = 0;
    let mut rows = JsonlReader::new(&name, input_reader).with_max_line_bytes(read.opts.max_bytes);
    // a row may name its article's file, beside the JSONL file
    let base = path
        .parent()
        .filter(|_| path.as_os_str() != "-")
        .unwrap_or(Path::new("."))
        .to_path_buf();
    while let Some(row) = rows.next_row() {
        match row {
            Ok(r) => {
                let (name, opts, base) = (name.clone(), read.opts.clone(), base.clone());
                let any_path = read.file_paths == FilePaths::Anywhere;
                each(Box::new(move || {
                    let article = if any_path {
                        r.parse_with_any_file(&name, &opts, &base)
                    } else {
                        r.parse_with_files(&name, &opts, &base)
                    }?;
                    Ok(ReadArticle::new(article, format!("{name}:{}", r.line)))
                }))?
            }
            Err(e) => {
                report(&e);
                failures += 1;
            }
        }
    }
    Ok(failures)
}

/// Streams a WARC input record by record.
fn read_warc(
    name: &str,
    input_reader: Box<dyn BufRead>,
    opts: &ReadOptions,
    each: &mut dyn FnMut(ReadJob) -> anyhow::Result<()>,
) -> anyhow::Result<usize> {
    let mut failures = 0;
    let mut records = WarcReader::new(name, input_reader);
    while let Some(record) = records.next_record(opts) {
        match record {
            Ok(WarcRecord::Article(a)) => {
                let origin = name.to_string();
                each(Box::new(move || Ok(ReadArticle::new(*a, origin))))?
            }
            Ok(WarcRecord::Skipped) => {}
            Err(e) => {
                report(&e);
                failures += 1;
            }
        }
    }
    Ok(failures)
}

/// Reads a text or HTML input through a limit: at most `--max-bytes` + 1
/// bytes are read (and decompressed), so a huge file or a gzip bomb is
/// refused without being held in memory.
fn read_whole(
    name: &str,
    input_reader: Box<dyn BufRead>,
    format: InputFormat,
    opts: &ReadOptions,
    each: &mut dyn FnMut(ReadJob) -> anyhow::Result<()>,
) -> anyhow::Result<usize> {
    let mut raw = Vec::new();
    let limit = opts.max_bytes as u64 + 1;
    if let Err(e) = input_reader.take(limit).read_to_end(&mut raw) {
        eprintln!("herald: {name}: cannot read: {e}");
        return Ok(1);
    }
    if raw.len() > opts.max_bytes {
        let limit = opts.max_bytes;
        report(&IngestError::new(
            name,
            None,
            IngestErrorKind::TooLargeStopped { limit },
        ));
        return Ok(1);
    }
    let (name, opts) = (name.to_string(), opts.clone());
    each(Box::new(move || {
        read_document(&name, &raw, format, &opts).map(|a| ReadArticle::new(a, name))
    }))?;
    Ok(0)
}

/// Codes one read article; a panic in the coder (a bug) fails that
/// article alone, named by its input, and the batch goes on.
fn code_one<T>(
    coder: &Coder,
    convert: &(dyn Fn(herald_core::Record) -> T + Sync),
    read: ReadArticle,
) -> Result<(T, ReadArticle), IngestError> {
    let coded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        convert(coder.code(&read.article))
    }));
    match coded {
        Ok(t) => Ok((t, read)),
        Err(_) => Err(IngestError::new(
            &read.origin,
            None,
            IngestErrorKind::CodingFailed,
        )),
    }
}

fn report(e: &IngestError) {
    eprintln!("herald: {e}");
}

/// Opens a file or stdin (`-`) for buffered reading; gzip, known by its
/// magic bytes, is undone transparently as the bytes stream through.
pub fn open_input(path: &PathBuf, read: &Arc<AtomicU64>) -> io::Result<Box<dyn BufRead>> {
    let inner: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(io::stdin())
    } else {
        Box::new(File::open(path)?)
    };
    let inner: Box<dyn Read> = Box::new(CountingReader {
        inner,
        read: Arc::clone(read),
    });
    let mut reader = BufReader::with_capacity(1 << 16, inner);
    if reader.fill_buf()?.starts_with(&[0x1f, 0x8b]) {
        return Ok(Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(reader),
        )));
    }
    Ok(Box::new(reader))
}

/// Counts the bytes read from an input, for the progress line.
struct CountingReader {
    inner: Box<dyn Read>,
    read: Arc<AtomicU64>,
}

impl Read for CountingReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A progress line on stderr (articles, articles/s, ETA by bytes read) when
/// stderr is a terminal; silent otherwise, so logs and pipes stay clean.
pub struct Progress {
    read: Arc<AtomicU64>,
    total: u64,
    start: Instant,
    articles: AtomicU64,
    shown: bool,
}

impl Progress {
    /// A progress line for reading these files (their sizes give the ETA).
    pub fn new(files: &[PathBuf]) -> Self {
        let total = files
            .iter()
            .filter(|p| p.as_os_str() != "-")
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .sum();
        Progress {
            read: Arc::new(AtomicU64::new(0)),
            total,
            start: Instant::now(),
            articles: AtomicU64::new(0),
            shown: io::stderr().is_terminal(),
        }
    }

    fn add(&self, n: usize) {
        let done = self.articles.fetch_add(n as u64, Ordering::Relaxed) + n as u64;
        if !self.shown {
            return;
        }
        let secs = self.start.elapsed().as_secs_f64().max(1e-3);
        let read = self.read.load(Ordering::Relaxed);
        let eta = if self.total > 0 && read > 0 && read < self.total {
            format!(
                "  ETA {:.0} s",
                secs * (self.total - read) as f64 / read as f64
            )
        } else {
            String::new()
        };
        eprint!(
            "\r{done} articles  {:.0} articles/s  {:.1} MB read{eta}   ",
            done as f64 / secs,
            read as f64 / 1e6
        );
    }

    pub fn finish(&self) {
        if self.shown && self.articles.load(Ordering::Relaxed) > 0 {
            eprintln!();
        }
    }
}

/// Buffers read jobs into batches; reads and codes a batch in parallel,
/// turns each record into `T` (also in parallel), and hands the batch in
/// input order to `write`. Articles that fail to read are reported in order
/// and counted in `failures`.
struct Sink<'a, 'k, T> {
    coder: &'a Coder<'k>,
    progress: &'a Progress,
    convert: &'a (dyn Fn(herald_core::Record) -> T + Sync),
    write: &'a mut dyn FnMut(Vec<T>) -> anyhow::Result<()>,
    pending: Vec<ReadJob>,
    failures: usize,
}

impl<'a, 'k, T: Send> Sink<'a, 'k, T> {
    fn new(
        coder: &'a Coder<'k>,
        progress: &'a Progress,
        convert: &'a (dyn Fn(herald_core::Record) -> T + Sync),
        write: &'a mut dyn FnMut(Vec<T>) -> anyhow::Result<()>,
    ) -> Self {
        Sink {
            coder,
            progress,
            convert,
            write,
            pending: Vec::new(),
            failures: 0,
        }
    }

    fn push(&mut self, job: ReadJob) -> anyhow::Result<()> {
        self.pending.push(job);
        if self.pending.len() >= BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> anyhow::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let coder = self.coder;
        let convert = self.convert;
        let jobs = std::mem::take(&mut self.pending);
        let results: Vec<Result<(T, ReadArticle), IngestError>> = jobs
            .into_par_iter()
            .map(|job| job().and_then(|read| code_one(coder, convert, read)))
            .collect();
        let mut out = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok((t, read)) => {
                    for w in &read.article.warnings {
                        eprintln!("herald: {}: warning: {w}", read.origin);
                    }
                    out.push(t)
                }
                Err(e) => {
                    report(&e);
                    self.failures += 1;
                }
            }
        }
        let n = out.len();
        (self.write)(out)?;
        self.progress.add(n);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_whose_coding_panics_fails_alone_and_the_batch_goes_on() {
        let dir = std::env::temp_dir().join(format!("herald-extract-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let input = dir.join("three.jsonl");
        let rows = ["a", "b", "c"]
            .map(|id| format!(r#"{{"id":"{id}","text":"Kenya accused Uganda of an incursion."}}"#));
        std::fs::write(&input, rows.join("\n") + "\n").unwrap();
        let coder = Coder::new(crate::load_kb().unwrap());
        let files = vec![input];
        // a fault while coding one article, as a bug in the coder would be
        let convert = |r: herald_core::Record| {
            assert_ne!(r.id, "b", "a bug");
            r.id
        };
        let mut written = Vec::new();
        let failures = code_inputs(
            &files,
            InputArg::Jsonl,
            &ReadOptions::default(),
            &coder,
            &Progress::new(&files),
            &convert,
            &mut |ids| {
                written.extend(ids);
                Ok(())
            },
        )
        .unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(failures, 1);
        assert_eq!(written, ["a", "c"]);
    }
}
