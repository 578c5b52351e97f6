//! `herald bench --store`: the store at scale. Replicates the development
//! articles with fresh ids (and published dates moved a day per copy),
//! times coding alone on a sample (the extract rate), then ingests them
//! all into a new store, coding and writing in a pipeline (the ingest rate,
//! per tenth of the run), then times the UI's pages and API queries with
//! several clients at once (in process, through the router).

use crate::load_kb;
use anyhow::Context;
use herald_coder::Coder;
use herald_core::{Article, Record};
use herald_ingest::{JsonlReader, ReadOptions};
use herald_store::{is_postgres_url, EventQuery, EventStore, PgStore, QueryControl, Store};
use rayon::prelude::*;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What `herald bench --store` takes.
pub struct StoreBench {
    pub articles: usize,
    pub corpus: Vec<PathBuf>,
    /// The store to build (a file, deleted first, or an empty PostgreSQL
    /// database); a temporary file when none.
    pub db: Option<PathBuf>,
    pub clients: usize,
    /// Rounds of the query list per client.
    pub rounds: usize,
}

const BATCH: usize = 512;

/// The readable articles of the corpus files, in order.
pub(crate) fn base_articles(corpus: &[PathBuf]) -> anyhow::Result<Vec<Article>> {
    let mut base = Vec::new();
    for p in corpus {
        let raw = std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?;
        let name = p.display().to_string();
        for row in JsonlReader::new(&name, BufReader::new(&raw[..])).flatten() {
            if let Ok(a) = row.parse(&name, &ReadOptions::default()) {
                base.push(a);
            }
        }
    }
    anyhow::ensure!(!base.is_empty(), "the corpus holds no readable article");
    Ok(base)
}

/// Copy `i` of the corpus: a fresh id, published `i / base.len()` days later.
fn replica(base: &[Article], i: usize) -> Article {
    let mut a = base[i % base.len()].clone();
    a.id = format!("bench-{i:07}");
    let shift = (i / base.len()) as i64;
    a.published = a.published.as_deref().and_then(|p| {
        chrono::NaiveDate::parse_from_str(p.get(..10)?, "%Y-%m-%d")
            .ok()
            .map(|d| {
                (d + chrono::Duration::days(shift))
                    .format("%Y-%m-%d")
                    .to_string()
            })
    });
    a
}

pub fn run(b: StoreBench) -> anyhow::Result<std::process::ExitCode> {
    let kb = load_kb()?;
    let coder = Coder::with_syntax(kb, crate::load_syntax()?);
    let base = base_articles(&b.corpus)?;
    let db = b.db.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("herald-bench-{}.db", std::process::id()))
    });
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    // the extract rate: coding alone (records serialized, as extract writes them)
    let sample = b.articles.min(20_000);
    let t = Instant::now();
    let cpu = crate::bench::process_cpu_secs();
    let coded = code_sample(&coder, &base, sample);
    let extract_rate = sample as f64 / t.elapsed().as_secs_f64();
    let extract_cpu = cpu_per_article(crate::bench::process_cpu_secs, cpu, sample);
    println!(
        "machine          {} threads (noisy when shared)",
        rayon::current_num_threads()
    );
    println!("extract rate     {extract_rate:.0} articles/s  (coding {sample} articles)");
    let postgres = is_postgres_url(&db.to_string_lossy());
    let store: Arc<dyn EventStore> = if postgres {
        // an empty database named by the URL: its tables are made here
        let url = db.to_string_lossy();
        let store = PgStore::open(&url, true).context("cannot open the PostgreSQL store")?;
        anyhow::ensure!(
            store.counts(&QueryControl::unlimited())?.articles == 0,
            "{} already holds articles: give bench --store an empty database",
            herald_store::db_name(&url)
        );
        Arc::new(store)
    } else {
        let (write_rate, write_cpu) = write_alone(&db, &coded)?;
        let cpu = write_cpu.map_or(String::new(), |us| format!(", {us:.0} µs CPU an article"));
        println!(
            "write rate       {write_rate:.0} articles/s  (the same articles stored alone, one thread{cpu})"
        );
        Arc::new(Store::open(&db).with_context(|| format!("cannot create {}", db.display()))?)
    };
    drop(coded);
    let cpu = crate::bench::process_cpu_secs();
    let windows = ingest(&store, &coder, &base, b.articles)?;
    let ingest_cpu = cpu_per_article(crate::bench::process_cpu_secs, cpu, b.articles);
    let total: f64 = windows.iter().map(|w| w.1).sum();
    let rate = b.articles as f64 / total;
    // the machine's speed drifts over a long run: code the sample again after
    // the ingest and compare with the mean of the two extract rates
    let cpu = crate::bench::process_cpu_secs();
    let extract_after = extract_rate_of(&coder, &base, sample);
    let extract_cpu_after = cpu_per_article(crate::bench::process_cpu_secs, cpu, sample);
    let extract_mean = (extract_rate + extract_after) / 2.0;
    println!(
        "extract rate     {extract_after:.0} articles/s after the ingest (mean {extract_mean:.0})"
    );
    println!("ingest rate      {rate:.0} articles/s over {} articles ({:.0}% of the mean extract rate), {total:.1} s", b.articles, 100.0 * rate / extract_mean);
    if let (Some(before), Some(after), Some(ingesting)) =
        (extract_cpu, extract_cpu_after, ingest_cpu)
    {
        let coding = (before + after) / 2.0;
        println!(
            "cpu ratio        {:.0}%  (coding alone {coding:.0} µs CPU an article, the mean of the two samples, over ingesting {ingesting:.0} µs: the rates' ratio on cores of its own)",
            100.0 * coding / ingesting
        );
    }
    for (i, (n, secs)) in windows.iter().enumerate() {
        println!(
            "  tenth {:>2}      {:>7.0} articles/s",
            i + 1,
            *n as f64 / secs
        );
    }
    if let (Some(first), Some(last)) = (windows.first(), windows.last()) {
        let (f, l) = (first.0 as f64 / first.1, last.0 as f64 / last.1);
        println!(
            "last/first       {:.2}  (rate of the last tenth over the first)",
            l / f
        );
    }
    if !postgres {
        let size: u64 = ["", "-wal"]
            .iter()
            .filter_map(|s| std::fs::metadata(format!("{}{s}", db.display())).ok())
            .map(|m| m.len())
            .sum();
        println!(
            "store size       {:.0} MiB  ({})",
            size as f64 / 1048576.0,
            db.display()
        );
    }
    let app = herald_server::router(herald_server::AppState::new(Arc::clone(&store), kb, None));
    let uris = query_list(&*store)?;
    // alone first (the work of each query), then with clients at once (queueing included)
    time_queries(&app, &uris, 1, b.rounds.min(3))?;
    time_queries(&app, &uris, b.clients, b.rounds)?;
    if b.db.is_none() && !postgres {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
    }
    Ok(std::process::ExitCode::SUCCESS)
}

/// The first `n` replicas coded in parallel, each record serialized as
/// `extract` writes it.
fn code_sample(coder: &Coder, base: &[Article], n: usize) -> Vec<Record> {
    (0..n)
        .into_par_iter()
        .map(|i| {
            let rec = coder.code(&replica(base, i));
            let _ = serde_json::to_string(&rec);
            rec
        })
        .collect()
}

/// Microseconds of CPU an article by `clock` (the process's or the
/// thread's) since it read `since`, over `n` articles.
fn cpu_per_article(clock: fn() -> Option<f64>, since: Option<f64>, n: usize) -> Option<f64> {
    Some((clock()? - since?) * 1e6 / n.max(1) as f64)
}

/// Articles per second of [`code_sample`], the records dropped as they come.
fn extract_rate_of(coder: &Coder, base: &[Article], n: usize) -> f64 {
    let t = Instant::now();
    drop(code_sample(coder, base, n));
    n as f64 / t.elapsed().as_secs_f64()
}

/// Stores `records` alone on this thread: articles per second by wall
/// time, and microseconds of this thread's CPU an article (steadier than
/// the rate on a shared machine).
fn write_alone(db: &Path, records: &[Record]) -> anyhow::Result<(f64, Option<f64>)> {
    let scratch = PathBuf::from(format!("{}.scratch", db.display()));
    let store = Store::open(&scratch)?;
    let t = Instant::now();
    let cpu = crate::bench::thread_cpu_secs();
    for batch in records.chunks(crate::store_cmd::WRITE_BATCH) {
        store.write_batch(batch)?;
    }
    let cpu = cpu_per_article(crate::bench::thread_cpu_secs, cpu, records.len());
    let rate = (records.len() as f64 / t.elapsed().as_secs_f64(), cpu);
    drop(store);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", scratch.display()));
    }
    Ok(rate)
}

/// Codes and stores `n` replicas, batches coded in parallel while the
/// previous batch is written; (articles, seconds) per tenth of the run.
fn ingest(
    store: &Arc<dyn EventStore>,
    coder: &Coder,
    base: &[Article],
    n: usize,
) -> anyhow::Result<Vec<(usize, f64)>> {
    let (send, recv) = std::sync::mpsc::sync_channel::<Vec<Record>>(crate::store_cmd::WRITE_QUEUE);
    let writer_store = Arc::clone(store);
    let writer = std::thread::Builder::new()
        .name("store-writer".into())
        .spawn(move || -> anyhow::Result<(f64, Option<f64>)> {
            let mut busy = 0.0;
            let cpu_start = crate::bench::thread_cpu_secs();
            while let Ok(first) = recv.recv() {
                let batch = crate::store_cmd::gather(first, &recv);
                let t = Instant::now();
                writer_store.write_batch(&batch)?;
                busy += t.elapsed().as_secs_f64();
            }
            let cpu = cpu_start.zip(crate::bench::thread_cpu_secs());
            Ok((busy, cpu.map(|(a, b)| b - a)))
        })?;
    let tenth = n.div_ceil(10).max(1);
    let mut windows = Vec::new();
    let (mut window_start, mut window_n) = (Instant::now(), 0usize);
    let mut start = 0;
    let mut blocked = 0.0;
    while start < n {
        let end = (start + BATCH).min(n);
        let batch: Vec<Record> = (start..end)
            .into_par_iter()
            .map(|i| coder.code(&replica(base, i)))
            .collect();
        let t = Instant::now();
        send.send(batch)
            .map_err(|_| anyhow::anyhow!("the store writer stopped"))?;
        blocked += t.elapsed().as_secs_f64();
        window_n += end - start;
        start = end;
        if window_n >= tenth || start == n {
            windows.push((window_n, window_start.elapsed().as_secs_f64()));
            window_start = Instant::now();
            window_n = 0;
        }
    }
    drop(send);
    println!("coders waited    {blocked:.1} s for the writer (a full queue)");
    let wait = Instant::now();
    let (busy, cpu) = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the store writer panicked"))??;
    // busy includes waits for the disk and for a core; CPU is the writer's own work
    let cpu = cpu.map_or(String::new(), |c| {
        format!(", {c:.1} s CPU, {:.0} µs an article", c * 1e6 / n as f64)
    });
    println!(
        "store writes     {busy:.1} s busy ({:.0} articles/s written){cpu}",
        n as f64 / busy.max(1e-9)
    );
    // the writer's tail belongs to the last tenth
    if let Some(last) = windows.last_mut() {
        last.1 += wait.elapsed().as_secs_f64();
    }
    Ok(windows)
}

/// The pages and API queries of the browser test, on this store's data.
fn query_list(store: &dyn EventStore) -> anyhow::Result<Vec<String>> {
    let ctl = QueryControl::unlimited();
    let first = store.events(
        &EventQuery {
            pair: Some(("USA".into(), "RUS".into())),
            limit: 1,
            ..Default::default()
        },
        &ctl,
    )?;
    let day = first
        .events
        .first()
        .and_then(|e| {
            e.date
                .clone()
                .filter(|d| d.len() == 10)
                .or(e.published.clone())
        })
        .unwrap_or_else(|| "2023-03-02".into());
    let monday = herald_store::week_of(&day).unwrap_or(day);
    let sunday = chrono::NaiveDate::parse_from_str(&monday, "%Y-%m-%d")
        .map(|d| {
            (d + chrono::Duration::days(6))
                .format("%Y-%m-%d")
                .to_string()
        })
        .unwrap_or_default();
    let page2 = store
        .events(
            &EventQuery {
                country: Some("RUS".into()),
                limit: 100,
                ..Default::default()
            },
            &ctl,
        )?
        .next
        .unwrap_or_default();
    Ok([
        "/".to_string(),
        "/?q=Lavrov".into(),
        "/?country=RUS&sort=oldest".into(),
        "/articles/bench-0000000".into(),
        "/events".into(),
        "/events?country=RUS".into(),
        format!("/events?country=RUS&after={page2}"),
        "/events?sort=oldest&type=CONSULT".into(),
        "/events?source=USA&target=RUS".into(),
        format!("/events?a=USA&b=RUS&from={monday}&to={sunday}"),
        "/api/events?country=USA&limit=100".into(),
        "/api/facets?type=ASSAULT".into(),
        "/api/map".into(),
        "/api/map?country=RUS".into(),
        "/api/network".into(),
        "/network?type=CONSULT".into(),
        "/timeline?a=USA&b=RUS".into(),
        "/api/timeline?a=USA&b=RUS".into(),
        "/actors/USA".into(),
    ]
    .to_vec())
}

fn time_queries(
    app: &herald_server::Router,
    uris: &[String],
    clients: usize,
    rounds: usize,
) -> anyhow::Result<()> {
    if rounds == 0 {
        return Ok(());
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(32)
        .build()?;
    let wall = Instant::now();
    let results: Vec<Vec<(usize, Duration, u16)>> = runtime.block_on(async {
        let mut tasks = Vec::new();
        for c in 0..clients.max(1) {
            let (app, uris) = (app.clone(), uris.to_vec());
            tasks.push(tokio::spawn(async move {
                let mut out = Vec::new();
                for r in 0..rounds {
                    // clients start at different places in the list
                    for k in 0..uris.len() {
                        let i = (k + c * 3 + r) % uris.len();
                        let t = Instant::now();
                        let status = herald_server::get_once(&app, &uris[i])
                            .await
                            .map(|s| s.0.as_u16())
                            .unwrap_or(0);
                        out.push((i, t.elapsed(), status));
                    }
                }
                out
            }));
        }
        let mut all = Vec::new();
        for t in tasks {
            all.push(t.await.unwrap_or_default());
        }
        all
    });
    let wall = wall.elapsed().as_secs_f64();
    print_latencies(uris, results.into_iter().flatten().collect(), clients, wall);
    Ok(())
}

fn print_latencies(
    uris: &[String],
    samples: Vec<(usize, Duration, u16)>,
    clients: usize,
    wall: f64,
) {
    println!(
        "queries          {} requests, {clients} clients at once, {wall:.1} s",
        samples.len()
    );
    println!(
        "  {:<60} {:>8} {:>8} {:>8}  status",
        "request", "p50 ms", "p95 ms", "max ms"
    );
    let mut worst = 0.0f64;
    for (i, uri) in uris.iter().enumerate() {
        let mut ms: Vec<f64> = samples
            .iter()
            .filter(|s| s.0 == i)
            .map(|s| s.1.as_secs_f64() * 1000.0)
            .collect();
        let statuses: std::collections::BTreeSet<u16> =
            samples.iter().filter(|s| s.0 == i).map(|s| s.2).collect();
        ms.sort_by(f64::total_cmp);
        let at = |q: f64| {
            ms.get(((ms.len() as f64 - 1.0) * q).round() as usize)
                .copied()
                .unwrap_or(0.0)
        };
        worst = worst.max(at(0.95));
        let shown: String = uri.chars().take(60).collect();
        println!(
            "  {shown:<60} {:>8.1} {:>8.1} {:>8.1}  {statuses:?}",
            at(0.5),
            at(0.95),
            at(1.0)
        );
    }
    println!("worst p95        {worst:.1} ms");
}

/// The default corpus of `herald bench` (the development sets).
pub fn default_corpus() -> Vec<PathBuf> {
    [
        "../shared/eval/lgl.geo.jsonl",
        "../shared/eval/plover-gsr.dev.jsonl",
    ]
    .iter()
    .map(PathBuf::from)
    .filter(|p| Path::new(p).exists())
    .collect()
}
