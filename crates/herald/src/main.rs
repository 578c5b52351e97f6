//! `herald`: the command line. A thin dispatcher over the library crates:
//! `extract` (articles to records), `ingest` and `export` (the store:
//! SQLite or PostgreSQL), `serve` (API and web UI), `eval` (scores against gold), `kb`
//! (knowledge-base look-ups), `bench` (throughput and stage times),
//! `train` (the syntax models), `parse` (articles to CoNLL-U), and
//! `publish`, `worker` and `status` (the work queue on NATS JetStream).

mod alloc_count;
mod bench;
mod bench_store;
mod eval;
mod extract;
mod kb_cmd;
mod parquet_out;
mod parse_cmd;
mod queue;
mod serve_cmd;
mod store_cmd;
mod train_cmd;
mod train_places;

use clap::{Parser, Subcommand, ValueEnum};

// Coding allocates many small short-lived values on every core; mimalloc's
// per-thread pages serve them faster than the system allocator (see README, Speed).
#[global_allocator]
static ALLOCATOR: alloc_count::CountingMimalloc = alloc_count::CountingMimalloc;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "herald",
    version,
    about = "Political event coding from raw news articles (PLOVER, with CAMEO beside)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum InputArg {
    /// Pick by file name, then by content.
    Auto,
    Text,
    Html,
    Jsonl,
    /// WARC archives: the HTML pages of their HTTP responses.
    Warc,
}

/// How articles are read: the options `extract`, `ingest` and `publish` share.
#[derive(clap::Args)]
pub struct ReadArgs {
    /// Input format.
    #[arg(long, value_enum, default_value = "auto")]
    pub input: InputArg,
    /// Reference date (YYYY-MM-DD) for articles that carry none.
    #[arg(long)]
    pub published: Option<String>,
    /// Refuse articles larger than this many bytes.
    #[arg(long, default_value_t = 5 * 1024 * 1024)]
    pub max_bytes: usize,
}

impl ReadArgs {
    /// The readers' options; a `--published` that is no date is an error.
    pub fn options(&self) -> anyhow::Result<herald_ingest::ReadOptions> {
        Ok(herald_ingest::ReadOptions {
            max_bytes: self.max_bytes,
            published_default: self.published.as_deref().map(parse_date_arg).transpose()?,
        })
    }
}

#[derive(Subcommand)]
enum Command {
    /// Read articles (text, HTML, JSONL or WARC, gzipped or not; `-` for stdin) and write one record per line.
    Extract(extract::ExtractArgs),
    /// Score Herald against a gold file (JSONL) and print the figures.
    Eval(eval::EvalArgs),
    /// Look things up in the embedded knowledge base.
    Kb {
        #[command(subcommand)]
        command: kb_cmd::KbCommand,
    },
    /// Measure throughput, per-stage time and knowledge-base load time.
    Bench(bench::BenchArgs),
    /// Code articles and store them (SQLite, or PostgreSQL with --db postgres://…); an article id already stored is replaced.
    Ingest(store_cmd::IngestArgs),
    /// Write the stored events as JSONL, CSV, Parquet or GDELT 2.0 event rows.
    Export(store_cmd::ExportArgs),
    /// Serve the web UI and JSON API over a store (loopback only by default).
    Serve(serve_cmd::ServeArgs),
    /// Tag and parse articles (any input `extract` reads) and write CoNLL-U.
    Parse(parse_cmd::ParseArgs),
    /// Train the part-of-speech tagger or the dependency parser on a UD treebank.
    Train(train_cmd::TrainArgs),
    /// Put articles (any input `extract` reads) on the NATS JetStream work queue.
    Publish(queue::PublishArgs),
    /// Code articles from the work queue and store them, one transaction per batch.
    Worker(queue::WorkerArgs),
    /// Show the work queue's backlog, rate and failures (and the store's counts).
    Status(queue::StatusArgs),
}

fn main() -> ExitCode {
    alloc_count::configure();
    // `herald … | head` should end quietly, as command-line tools do, not panic.
    #[cfg(unix)]
    // SAFETY: restoring the default action of one signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => extract::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Kb { command } => kb_cmd::run(command),
        Command::Bench(a) => bench::run(a),
        Command::Ingest(a) => store_cmd::ingest(a),
        Command::Export(a) => store_cmd::export(a),
        Command::Serve(a) => serve_cmd::run(a),
        Command::Train(a) => train_cmd::run(a),
        Command::Parse(a) => parse_cmd::run(a),
        Command::Publish(a) => queue::publish(a),
        Command::Worker(a) => queue::worker(a),
        Command::Status(a) => queue::status(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("herald: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Loads the embedded knowledge base, with a clear error on broken data.
/// It lives as long as the process: nothing is gained by freeing it at exit.
pub fn load_kb() -> anyhow::Result<&'static herald_kb::Kb> {
    let kb = herald_kb::Kb::embedded().map_err(|e| anyhow::anyhow!("knowledge base: {e}"))?;
    Ok(Box::leak(Box::new(kb)))
}

/// Loads the embedded tagger and parser, once per process like the knowledge base.
pub fn load_syntax() -> anyhow::Result<&'static herald_syntax::Syntax> {
    static SYNTAX: std::sync::OnceLock<herald_syntax::Syntax> = std::sync::OnceLock::new();
    if let Some(s) = SYNTAX.get() {
        return Ok(s);
    }
    let s = herald_syntax::Syntax::embedded().map_err(|e| anyhow::anyhow!("syntax model: {e}"))?;
    Ok(SYNTAX.get_or_init(|| s))
}

pub fn parse_date_arg(s: &str) -> anyhow::Result<String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(|d| d.to_string())
        .map_err(|_| anyhow::anyhow!("`{s}` is not a date of the form YYYY-MM-DD"))
}
