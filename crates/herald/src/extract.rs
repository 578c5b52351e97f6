//! `herald extract`: inputs to records, in parallel, in input order.

use crate::{load_kb, parse_date_arg, InputArg};
use anyhow::Context;
use clap::Args;
use herald_coder::Coder;
use herald_core::Article;
use herald_ingest::{
    read_document, sniff_format, IngestError, InputFormat, JsonlReader, ReadOptions, WarcReader,
    WarcRecord,
};
use rayon::prelude::*;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

#[derive(Args)]
pub struct ExtractArgs {
    /// Input files; `-` or none reads stdin.
    pub files: Vec<PathBuf>,
    /// Input format.
    #[arg(long, value_enum, default_value = "auto")]
    pub input: InputArg,
    /// Write records here instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Indented JSON for people.
    #[arg(long)]
    pub pretty: bool,
    /// Reference date (YYYY-MM-DD) for articles that carry none.
    #[arg(long)]
    pub published: Option<String>,
    /// Refuse articles larger than this many bytes.
    #[arg(long, default_value_t = 5 * 1024 * 1024)]
    pub max_bytes: usize,
}

/// Articles are coded in batches of this many, in parallel, and written in order.
const BATCH: usize = 512;

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let published = args.published.as_deref().map(parse_date_arg).transpose()?;
    let opts = ReadOptions {
        max_bytes: args.max_bytes,
        published_default: published,
    };
    let kb = load_kb()?;
    let coder = Coder::new(kb);
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
    let failures = code_inputs(
        &args.files,
        args.input,
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
pub fn code_inputs<T: Send>(
    files: &[PathBuf],
    input: InputArg,
    opts: &ReadOptions,
    coder: &Coder,
    progress: &Progress,
    convert: &(dyn Fn(herald_core::Record) -> T + Sync),
    write: &mut dyn FnMut(Vec<T>) -> anyhow::Result<()>,
) -> anyhow::Result<usize> {
    let mut sink = Sink::new(coder, progress, convert, write);
    let failures = read_inputs(files, input, opts, progress, &mut |job| sink.push(job))?;
    sink.flush()?;
    Ok(failures + sink.failures)
}

/// The reading of one article, left to the batch's worker threads: parsing
/// HTML and cleaning text cost as much as coding.
pub type ReadJob = Box<dyn FnOnce() -> Result<Article, IngestError> + Send>;

/// Reads every input (files, or stdin for `-` or none) and hands a job per
/// article, in input order, to `each`. An input that cannot be opened or
/// split into records is reported on stderr and counted; the rest go on.
pub fn read_inputs(
    files: &[PathBuf],
    input: InputArg,
    opts: &ReadOptions,
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
        match format {
            InputFormat::Jsonl => {
                // streamed row by row: memory stays bounded whatever the file's size
                let mut rows = JsonlReader::new(&name, input_reader);
                while let Some(row) = rows.next_row() {
                    match row {
                        Ok(r) => {
                            // a row may name its article's file, beside the JSONL file
                            let base = path
                                .parent()
                                .filter(|_| path.as_os_str() != "-")
                                .unwrap_or(std::path::Path::new("."))
                                .to_path_buf();
                            let (name, opts) = (name.clone(), opts.clone());
                            each(Box::new(move || r.parse_with_files(&name, &opts, &base)))?
                        }
                        Err(e) => {
                            report(&e);
                            failures += 1;
                        }
                    }
                }
            }
            InputFormat::Warc => {
                let mut records = WarcReader::new(&name, input_reader);
                while let Some(record) = records.next_record(opts) {
                    match record {
                        Ok(WarcRecord::Article(a)) => each(Box::new(move || Ok(a)))?,
                        Ok(WarcRecord::Skipped) => {}
                        Err(e) => {
                            report(&e);
                            failures += 1;
                        }
                    }
                }
            }
            InputFormat::Text | InputFormat::Html => {
                let mut raw = Vec::new();
                if let Err(e) = input_reader.read_to_end(&mut raw) {
                    eprintln!("herald: {name}: cannot read: {e}");
                    failures += 1;
                    continue;
                }
                let (name, opts) = (name.clone(), opts.clone());
                each(Box::new(move || read_document(&name, &raw, format, &opts)))?;
            }
        }
    }
    Ok(failures)
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
        let results: Vec<Result<T, IngestError>> = jobs
            .into_par_iter()
            .map(|job| job().map(|a| convert(coder.code(&a))))
            .collect();
        let mut out = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(t) => out.push(t),
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
