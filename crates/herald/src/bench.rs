//! `herald bench`: articles/s and MB/s for extraction on real articles (the
//! development sets, replicated with fresh ids), time per stage, and
//! knowledge-base load time.

use crate::load_kb;
use anyhow::Context;
use clap::Args;
use herald_coder::{Coder, Observer};
use herald_core::Article;
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Args)]
pub struct BenchArgs {
    /// How many articles to code.
    #[arg(long, default_value_t = 2000)]
    pub articles: usize,
    /// JSONL articles to replicate (default: the development sets in ../shared/eval).
    #[arg(long)]
    pub corpus: Vec<PathBuf>,
    /// Also write the replicated articles here as JSONL, to time `herald extract --input jsonl` on them.
    #[arg(long, value_name = "FILE")]
    pub write_corpus: Option<PathBuf>,
    /// Benchmark the store instead: ingest the articles, then time the UI's queries.
    #[arg(long)]
    pub store: bool,
    /// With --store: the store file to build (replaced), or an empty PostgreSQL
    /// database (postgres://…); a temporary file by default.
    #[arg(long, requires = "store")]
    pub db: Option<PathBuf>,
    /// With --store: clients querying at once.
    #[arg(long, default_value_t = 8, requires = "store")]
    pub clients: usize,
    /// With --store: rounds of the query list per client.
    #[arg(long, default_value_t = 10, requires = "store")]
    pub rounds: usize,
}

fn default_corpus() -> Vec<PathBuf> {
    [
        "../shared/eval/lgl.geo.jsonl",
        "../shared/eval/plover-gsr.dev.jsonl",
    ]
    .iter()
    .map(PathBuf::from)
    .filter(|p| p.exists())
    .collect()
}

pub fn run(args: BenchArgs) -> anyhow::Result<ExitCode> {
    if args.store {
        return run_store(args);
    }
    let t = Instant::now();
    let kb = load_kb()?;
    let kb_load = t.elapsed();
    let corpus = if args.corpus.is_empty() {
        default_corpus()
    } else {
        args.corpus.clone()
    };
    let articles = replicated_articles(&corpus, args.articles)?;
    if let Some(path) = &args.write_corpus {
        write_corpus(path, &articles)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let nlp = herald_nlp::Nlp::new();
    let mut docs: Vec<herald_core::Doc> = articles
        .iter()
        .take(2000)
        .map(|a| nlp.analyze(&a.text))
        .collect();
    println!("machine        {} threads", rayon::current_num_threads());
    println!(
        "kb load        {:.1} ms  ({} indexed names)",
        kb_load.as_secs_f64() * 1000.0,
        kb.names.len()
    );
    println!("{}", bench_name_matcher(&docs)?);
    println!("{}", bench_syntax(&mut docs)?);
    bench_coder(kb, &articles)?;
    if let Some(rss) = peak_rss_kib() {
        println!("peak memory    {:.0} MiB", rss as f64 / 1024.0);
    }
    Ok(ExitCode::SUCCESS)
}

fn run_store(args: BenchArgs) -> anyhow::Result<ExitCode> {
    let corpus = if args.corpus.is_empty() {
        crate::bench_store::default_corpus()
    } else {
        args.corpus.clone()
    };
    anyhow::ensure!(
        !corpus.is_empty(),
        "no corpus: pass --corpus FILE.jsonl (the development sets were not found)"
    );
    crate::bench_store::run(crate::bench_store::StoreBench {
        articles: args.articles,
        corpus,
        db: args.db,
        clients: args.clients,
        rounds: args.rounds,
    })
}

/// The corpus's articles, repeated with fresh ids up to `count`.
fn replicated_articles(corpus: &[PathBuf], count: usize) -> anyhow::Result<Vec<Article>> {
    anyhow::ensure!(
        !corpus.is_empty(),
        "no corpus: pass --corpus FILE.jsonl (the development sets were not found)"
    );
    let base = crate::bench_store::base_articles(corpus)?;
    Ok((0..count)
        .map(|i| {
            let mut a = base[i % base.len()].clone();
            a.id = format!("bench-{i}");
            a
        })
        .collect())
}

/// The name matcher alone, on one thread over the first documents: the line to print.
fn bench_name_matcher(docs: &[herald_core::Doc]) -> anyhow::Result<String> {
    // a knowledge base of its own, so that its build time is measured too
    let t = Instant::now();
    let rebuilt = herald_kb::Kb::embedded().map_err(|e| anyhow::anyhow!("{e}"))?;
    let kb_build = t.elapsed();
    let doc_bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let t = Instant::now();
    let found: usize = docs.iter().map(|d| rebuilt.names.find(d).len()).sum();
    let match_secs = t.elapsed().as_secs_f64().max(1e-9);
    Ok(format!(
        "name matcher   {:.1} MB/s  ({} names found in {:.1} MB, one thread; kb rebuilt in {:.1} ms)",
        doc_bytes as f64 / 1e6 / match_secs,
        found,
        doc_bytes as f64 / 1e6,
        kb_build.as_secs_f64() * 1000.0
    ))
}

/// The whole coder on every core: throughput, then each component's time and memory.
fn bench_coder(kb: &herald_kb::Kb, articles: &[Article]) -> anyhow::Result<()> {
    let coder = Coder::with_syntax(kb, crate::load_syntax()?);
    let names: Vec<&'static str> = coder.components.iter().map(|c| c.name()).collect();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let t = Instant::now();
    let (n_events, weighed) = articles
        .par_iter()
        .fold(
            || (0, Weigher::new(names.len())),
            |(n, mut weigher), a| {
                weigher.next = 0;
                let rec = coder.code_observed(a, &mut weigher);
                let _ = serde_json::to_string(&rec);
                (n + rec.events.len(), weigher)
            },
        )
        .reduce(
            || (0, Weigher::new(names.len())),
            |mut a, b| {
                a.0 += b.0;
                a.1.add(&b.1);
                a
            },
        );
    let wall = t.elapsed().as_secs_f64();
    println!(
        "articles       {}  ({:.1} MB, {} events)",
        articles.len(),
        bytes as f64 / 1e6,
        n_events
    );
    println!("wall           {wall:.2} s");
    println!(
        "throughput     {:.0} articles/s  {:.2} MB/s",
        articles.len() as f64 / wall,
        bytes as f64 / 1e6 / wall
    );
    print_component_costs(&names, &weighed.costs, articles.len());
    Ok(())
}

/// What one component cost over the run.
#[derive(Clone, Copy, Default)]
struct ComponentCost {
    time: std::time::Duration,
    /// Bytes allocated, summed over articles.
    allocated: u64,
    /// The most held at once above what was held when it started, over articles.
    peak: i64,
}

/// Times and weighs each component of the pipeline as it runs.
struct Weigher {
    costs: Vec<ComponentCost>,
    /// The component about to run (the coder calls them in list order).
    next: usize,
    allocated_before: u64,
    live_before: i64,
}

impl Weigher {
    fn new(components: usize) -> Self {
        Weigher {
            costs: vec![ComponentCost::default(); components],
            next: 0,
            allocated_before: 0,
            live_before: 0,
        }
    }

    fn add(&mut self, other: &Weigher) {
        for (a, b) in self.costs.iter_mut().zip(&other.costs) {
            a.time += b.time;
            a.allocated += b.allocated;
            a.peak = a.peak.max(b.peak);
        }
    }
}

impl Observer for Weigher {
    fn before(&mut self, _component: &'static str) {
        self.allocated_before = crate::alloc_count::allocated();
        self.live_before = crate::alloc_count::start_peak();
    }

    fn after(&mut self, _component: &'static str, elapsed: std::time::Duration) {
        if let Some(c) = self.costs.get_mut(self.next) {
            c.time += elapsed;
            c.allocated += crate::alloc_count::allocated() - self.allocated_before;
            c.peak = c.peak.max(crate::alloc_count::peak() - self.live_before);
        }
        self.next += 1;
    }
}

fn print_component_costs(names: &[&str], costs: &[ComponentCost], articles: usize) {
    let total: f64 = costs
        .iter()
        .map(|c| c.time.as_secs_f64())
        .sum::<f64>()
        .max(1e-9);
    println!(
        "component        cpu-s   share   allocated KiB/article   peak KiB (largest over articles)"
    );
    for (name, c) in names.iter().zip(costs) {
        let secs = c.time.as_secs_f64();
        println!(
            "  {name:<15} {secs:>6.2}  {:>5.1}%  {:>10.1}              {:>8.1}",
            100.0 * secs / total,
            c.allocated as f64 / 1024.0 / articles.max(1) as f64,
            c.peak as f64 / 1024.0
        );
    }
}

/// Tagging and parsing on one thread over the first documents: the line to print.
fn bench_syntax(docs: &mut [herald_core::Doc]) -> anyhow::Result<String> {
    let t = Instant::now();
    // the first load of the process, kept for the coder after it
    let syntax = crate::load_syntax()?;
    let load = t.elapsed().as_secs_f64();
    let take = docs.len().min(500);
    let docs = &mut docs[..take];
    let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let t = Instant::now();
    let cpu = thread_cpu_secs();
    for d in docs.iter_mut() {
        syntax.parse_doc(d);
    }
    let secs = t.elapsed().as_secs_f64().max(1e-9);
    // On a shared machine the thread does not hold a core all the time:
    // its CPU time gives the per-core rate, wall time what was seen.
    let cpu_secs = thread_cpu_secs().zip(cpu).map(|(b, a)| (b - a).max(1e-9));
    Ok(format!(
        "syntax         {:.0} tokens/s per core  (tagging+parsing {} tokens on one thread, by its CPU time; {:.0} tokens/s by wall time; model load {:.0} ms)",
        tokens as f64 / cpu_secs.unwrap_or(secs),
        tokens,
        tokens as f64 / secs,
        load * 1000.0
    ))
}

/// CPU time of the whole process (all its threads), in seconds.
pub(crate) fn process_cpu_secs() -> Option<f64> {
    #[cfg(unix)]
    return cpu_clock_secs(libc::CLOCK_PROCESS_CPUTIME_ID);
    #[cfg(not(unix))]
    None
}

/// CPU time of the calling thread, in seconds (Linux and other Unix).
pub(crate) fn thread_cpu_secs() -> Option<f64> {
    #[cfg(unix)]
    return cpu_clock_secs(libc::CLOCK_THREAD_CPUTIME_ID);
    #[cfg(not(unix))]
    None
}

#[cfg(unix)]
fn cpu_clock_secs(clock: libc::clockid_t) -> Option<f64> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec we own.
    let rc = unsafe { libc::clock_gettime(clock, &mut ts) };
    (rc == 0).then(|| ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9)
}

/// Peak resident set size from /proc (Linux), in KiB.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn write_corpus(path: &std::path::Path, articles: &[Article]) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for a in articles {
        let row = serde_json::json!({"id": a.id, "title": a.title, "text": a.text, "url": a.url, "published": a.published});
        writeln!(out, "{row}")?;
    }
    out.flush()
}
