//! The work queue on NATS JetStream: `herald publish` reads inputs and puts
//! each article (cleaned, as JSON) on the stream; `herald worker` pulls
//! batches from a durable consumer, codes them, writes each batch to the
//! store in one transaction and acknowledges its messages only after the
//! commit; `herald status` shows the backlog, the rate and the failures.
//!
//! A worker killed at any moment loses nothing (unacknowledged messages come
//! back after `--ack-wait`) and stores nothing twice (a redelivered article
//! replaces itself; of two rows with one id, the later in the stream wins,
//! by its stream sequence, whichever worker stores it). An article that
//! cannot be coded, or comes back more than `--max-deliver` times, goes to
//! the dead-letter subject with its reason in the `Herald-Reason` header.

use crate::extract::{read_inputs, FilePaths, Progress, ReadJob, ReadSettings};
use crate::load_kb;
use anyhow::Context;
use async_nats::jetstream::{self, consumer::pull, stream};
use clap::Args;
use futures_util::StreamExt;
use herald_coder::Coder;
use herald_core::{Article, Record};
use herald_store::{db_name, open_store, EventStore, QueryControl};
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The workers' durable consumer, on every stream.
pub const CONSUMER: &str = "herald-workers";

/// A queue: its JetStream stream and subjects (`--stream NAME`: NAME, and
/// `name.articles` and `name.failed`, lower-cased).
#[derive(Clone, Debug)]
pub struct Queue {
    pub stream: String,
    pub articles: String,
    pub failed: String,
}

impl Queue {
    pub fn named(name: &str) -> anyhow::Result<Queue> {
        let ok = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !ok {
            anyhow::bail!("--stream: {name:?} is not a stream name (letters, digits, _ and -)");
        }
        let lower = name.to_ascii_lowercase();
        Ok(Queue {
            stream: name.to_string(),
            articles: format!("{lower}.articles"),
            failed: format!("{lower}.failed"),
        })
    }
}

/// Articles read and cleaned in parallel before they are published.
const PUBLISH_CHUNK: usize = 512;

#[derive(Args)]
pub struct PublishArgs {
    /// Input files (text, HTML, JSONL, WARC; gzip too); `-` or none reads stdin.
    pub files: Vec<PathBuf>,
    /// The NATS server (JetStream on), e.g. nats://127.0.0.1:4222.
    #[arg(long)]
    pub nats: String,
    /// The JetStream stream (made when missing).
    #[arg(long, default_value = "HERALD")]
    pub stream: String,
    #[command(flatten)]
    pub read: crate::ReadArgs,
}

#[derive(Args)]
pub struct WorkerArgs {
    /// The NATS server (JetStream on).
    #[arg(long)]
    pub nats: String,
    /// The JetStream stream (made when missing).
    #[arg(long, default_value = "HERALD")]
    pub stream: String,
    /// The store: a PostgreSQL URL (or a SQLite file, for one worker).
    #[arg(long)]
    pub db: String,
    /// Articles per batch (one transaction).
    #[arg(long, default_value_t = 256)]
    pub batch: usize,
    /// Seconds before a message taken but not acknowledged (its worker
    /// died) is delivered again; set when the consumer is first made.
    #[arg(long, default_value_t = 60)]
    pub ack_wait: u64,
    /// Deliveries after which an article goes to the dead-letter subject.
    #[arg(long, default_value_t = 5)]
    pub max_deliver: i64,
    /// Stop after this many seconds without messages (batch jobs, tests).
    #[arg(long)]
    pub idle_exit: Option<u64>,
    /// Coding threads (default: one per core). With one worker per core,
    /// give 1: each worker then codes on its own core.
    #[arg(long)]
    pub threads: Option<usize>,
}

#[derive(Args)]
pub struct StatusArgs {
    /// The NATS server (JetStream on).
    #[arg(long)]
    pub nats: String,
    /// The JetStream stream (made when missing).
    #[arg(long, default_value = "HERALD")]
    pub stream: String,
    /// Also count what the store holds.
    #[arg(long)]
    pub db: Option<String>,
    /// Seconds over which the rate is measured.
    #[arg(long, default_value_t = 2.0)]
    pub sample: f64,
    /// One JSON object instead of lines.
    #[arg(long)]
    pub json: bool,
    /// First wait until every article published is stored or failed
    /// (nothing waiting, nothing in flight; checked every 50 ms on one
    /// connection): for scripts that publish, then go on once it is stored.
    #[arg(long)]
    pub wait: bool,
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?)
}

async fn connect(url: &str) -> anyhow::Result<(async_nats::Client, jetstream::Context)> {
    let client = async_nats::ConnectOptions::new()
        .name("herald")
        .connect(url)
        .await
        .with_context(|| format!("cannot connect to NATS at {url}"))?;
    let js = jetstream::new(client.clone());
    Ok((client, js))
}

/// The stream, made when missing: articles and dead letters, kept on disk.
async fn herald_stream(js: &jetstream::Context, q: &Queue) -> anyhow::Result<stream::Stream> {
    js.get_or_create_stream(stream::Config {
        name: q.stream.clone(),
        subjects: vec![q.articles.clone(), q.failed.clone()],
        storage: stream::StorageType::File,
        ..Default::default()
    })
    .await
    .map_err(|e| {
        anyhow::anyhow!(
            "cannot open the JetStream stream {} (is JetStream on?): {e}",
            q.stream
        )
    })
}

pub fn publish(args: PublishArgs) -> anyhow::Result<ExitCode> {
    let opts = args.read.options()?;
    let queue = Queue::named(&args.stream)?;
    let rt = runtime()?;
    let (client, js) = rt.block_on(connect(&args.nats))?;
    rt.block_on(herald_stream(&js, &queue))?;
    let max_payload = client.server_info().max_payload;
    let progress = Progress::new(&args.files);
    let read = ReadSettings {
        opts: &opts,
        file_paths: FilePaths::UnderInput,
    };
    let mut chunk: Vec<ReadJob> = Vec::new();
    let (mut sent, mut failures) = (0usize, 0usize);
    let mut flush = |chunk: Vec<ReadJob>| -> anyhow::Result<()> {
        let (n, failed) = rt.block_on(publish_chunk(&js, &queue, chunk, max_payload))?;
        sent += n;
        failures += failed;
        Ok(())
    };
    let unread = read_inputs(&args.files, args.read.input, &read, &progress, &mut |job| {
        chunk.push(job);
        if chunk.len() >= PUBLISH_CHUNK {
            flush(std::mem::take(&mut chunk))?;
        }
        Ok(())
    })?;
    flush(chunk)?;
    rt.block_on(client.flush())?;
    progress.finish();
    eprintln!(
        "herald: published {sent} article(s) to {} ({}) on {}",
        queue.stream, queue.articles, args.nats
    );
    let failures = failures + unread;
    if failures > 0 {
        eprintln!("herald: {failures} input(s) failed; the others were published");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads a chunk of articles in parallel and publishes them in input
/// order, waiting for the stream to confirm each; (published, failed).
async fn publish_chunk(
    js: &jetstream::Context,
    queue: &Queue,
    chunk: Vec<ReadJob>,
    max_payload: usize,
) -> anyhow::Result<(usize, usize)> {
    let read: Vec<_> = chunk.into_par_iter().map(|job| job()).collect();
    let mut acks = Vec::with_capacity(read.len());
    let mut failed = 0;
    for r in read {
        let a = match r {
            Ok(a) => a,
            Err(e) => {
                eprintln!("herald: {e}");
                failed += 1;
                continue;
            }
        };
        for w in &a.article.warnings {
            eprintln!("herald: {}: warning: {w}", a.origin);
        }
        let payload = serde_json::to_vec(&a.article)?;
        if payload.len() > max_payload {
            eprintln!(
                "herald: {}: article {:?} is {} bytes as JSON, above the server's message limit ({max_payload}); raise max_payload",
                a.origin,
                a.article.id,
                payload.len()
            );
            failed += 1;
            continue;
        }
        acks.push(js.publish(queue.articles.clone(), payload.into()).await?);
    }
    let n = acks.len();
    for ack in acks {
        ack.await.context("the stream did not confirm an article")?;
    }
    Ok((n, failed))
}

/// A message that will not be stored, and why.
struct Failure {
    index: usize,
    reason: String,
}

/// What one batch of messages holds: articles to code (message index,
/// stream sequence) and the messages that failed already.
#[derive(Default)]
struct Decoded {
    articles: Vec<(usize, u64, Article)>,
    failures: Vec<Failure>,
}

fn decode(messages: &[jetstream::Message], max_deliver: i64) -> anyhow::Result<Decoded> {
    let mut out = Decoded::default();
    for (index, m) in messages.iter().enumerate() {
        let info = m.info().map_err(|e| anyhow::anyhow!("{e}"))?;
        let fail = |reason: String| Failure { index, reason };
        if info.delivered > max_deliver {
            out.failures.push(fail(format!(
                "delivered {} times without being stored",
                info.delivered
            )));
            continue;
        }
        match serde_json::from_slice::<Article>(&m.payload) {
            Ok(a) if a.id.trim().is_empty() => {
                out.failures
                    .push(fail("the article has a blank id".to_string()));
            }
            Ok(a) => out.articles.push((index, info.stream_sequence, a)),
            Err(e) => out
                .failures
                .push(fail(format!("not a Herald article: {e}"))),
        }
    }
    Ok(out)
}

/// A batch coded and waiting for the store: its records with their stream
/// sequences, the messages that carried them and those that failed.
struct Coded {
    records: Vec<Record>,
    seqs: Vec<u64>,
    messages: Vec<jetstream::Message>,
    failures: Vec<Failure>,
}

/// Codes a batch on the worker's threads; an article whose coding panics
/// fails alone.
fn code_batch(
    coder: &Coder,
    pool: &rayon::ThreadPool,
    decoded: Decoded,
) -> (Vec<Record>, Vec<u64>, Vec<Failure>) {
    let Decoded {
        articles,
        mut failures,
    } = decoded;
    let coded: Vec<Result<Record, String>> = pool.install(|| {
        articles
            .par_iter()
            .map(|(_, _, a)| {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| coder.code(a)))
                    .map_err(|_| format!("coding article {:?} failed (a bug in Herald)", a.id))
            })
            .collect()
    });
    let (mut records, mut seqs) = (Vec::new(), Vec::new());
    for ((index, seq, _), r) in articles.iter().zip(coded) {
        match r {
            Ok(rec) => {
                records.push(rec);
                seqs.push(*seq);
            }
            Err(reason) => failures.push(Failure {
                index: *index,
                reason,
            }),
        }
    }
    (records, seqs, failures)
}

/// Counts of a worker's run, printed as it goes.
struct Tally {
    started: Instant,
    stored: usize,
    failed: usize,
    last_report: Instant,
}

impl Tally {
    fn report(&mut self, force: bool) {
        if force || self.last_report.elapsed() >= Duration::from_secs(10) {
            let secs = self.started.elapsed().as_secs_f64().max(1e-9);
            eprintln!(
                "herald worker: stored {} article(s) ({:.0}/s), {} failed",
                self.stored,
                self.stored as f64 / secs,
                self.failed
            );
            self.last_report = Instant::now();
        }
    }
}

pub fn worker(args: WorkerArgs) -> anyhow::Result<ExitCode> {
    let queue = Queue::named(&args.stream)?;
    let rt = runtime()?;
    // the queue first: a worker that cannot reach it makes no tables
    let nats = rt.block_on(connect(&args.nats))?;
    // the store's clients block on runtimes of their own: opened off tokio's threads
    let store = open_store(&args.db, true)
        .with_context(|| format!("cannot open the store {}", db_name(&args.db)))?;
    let kb = load_kb()?;
    let coder = Arc::new(Coder::with_syntax(kb, crate::load_syntax()?));
    let threads = args.threads.unwrap_or(0);
    let pool = Arc::new(
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .context("cannot start the coding threads")?,
    );
    rt.block_on(work(&args, &queue, nats, store, coder, pool))?;
    Ok(ExitCode::SUCCESS)
}

/// Fetches, decodes and codes batches while the batch before is written:
/// the coding threads never wait for the store.
async fn work(
    args: &WorkerArgs,
    queue: &Queue,
    (client, js): (async_nats::Client, jetstream::Context),
    store: Arc<dyn EventStore>,
    coder: Arc<Coder<'static>>,
    pool: Arc<rayon::ThreadPool>,
) -> anyhow::Result<()> {
    let stream = herald_stream(&js, queue).await?;
    let consumer: jetstream::consumer::PullConsumer = stream
        .get_or_create_consumer(
            CONSUMER,
            pull::Config {
                durable_name: Some(CONSUMER.to_string()),
                filter_subject: queue.articles.clone(),
                ack_policy: jetstream::consumer::AckPolicy::Explicit,
                ack_wait: Duration::from_secs(args.ack_wait.max(1)),
                max_ack_pending: 100_000,
                ..Default::default()
            },
        )
        .await
        .map_err(|e| anyhow::anyhow!("cannot open the consumer {CONSUMER}: {e}"))?;
    let (to_writer, coded) = tokio::sync::mpsc::channel::<Coded>(1);
    let writer = tokio::spawn(write_batches(
        coded,
        js.clone(),
        client,
        queue.clone(),
        store,
    ));
    let stop = stop_on_signal();
    let mut idle_since = Instant::now();
    while !stop.load(Ordering::Relaxed) {
        let mut batch = consumer
            .fetch()
            .max_messages(args.batch.max(1))
            .expires(Duration::from_secs(1))
            .messages()
            .await
            .map_err(|e| anyhow::anyhow!("cannot fetch from {CONSUMER}: {e}"))?;
        let mut messages = Vec::new();
        while let Some(m) = batch.next().await {
            messages.push(m.map_err(|e| anyhow::anyhow!("{e}"))?);
        }
        if messages.is_empty() {
            if writer.is_finished()
                || args
                    .idle_exit
                    .is_some_and(|s| idle_since.elapsed() >= Duration::from_secs(s))
            {
                break;
            }
            continue;
        }
        idle_since = Instant::now();
        let decoded = decode(&messages, args.max_deliver)?;
        let (coder, pool) = (Arc::clone(&coder), Arc::clone(&pool));
        let (records, seqs, failures) =
            tokio::task::spawn_blocking(move || code_batch(&coder, &pool, decoded)).await?;
        let batch = Coded {
            records,
            seqs,
            messages,
            failures,
        };
        if to_writer.send(batch).await.is_err() {
            break;
        }
    }
    if stop.load(Ordering::Relaxed) {
        eprintln!("herald worker: stopping on a signal; the batches taken are written and acknowledged first");
    }
    drop(to_writer);
    writer.await?
}

/// A flag set by SIGTERM or SIGINT (systemd's stop, Ctrl-C): the worker
/// then takes no new batch and ends once the batches it holds are stored,
/// so a restart leaves nothing waiting for `--ack-wait`. A second signal
/// ends the process at once (nothing is lost: what it held comes back).
fn stop_on_signal() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    tokio::spawn(async move {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            let (Ok(mut term), Ok(mut int)) = (
                signal(SignalKind::terminate()),
                signal(SignalKind::interrupt()),
            ) else {
                return;
            };
            for second in [false, true] {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = int.recv() => {}
                }
                if second {
                    std::process::exit(1);
                }
                flag.store(true, Ordering::Relaxed);
            }
        }
        #[cfg(not(unix))]
        if tokio::signal::ctrl_c().await.is_ok() {
            flag.store(true, Ordering::Relaxed);
        }
    });
    stop
}

/// Writes each coded batch in one transaction, then sends its failures to
/// the dead-letter subject and acknowledges its messages. A store that
/// refuses a batch leaves its messages to come back.
async fn write_batches(
    mut coded: tokio::sync::mpsc::Receiver<Coded>,
    js: jetstream::Context,
    client: async_nats::Client,
    queue: Queue,
    store: Arc<dyn EventStore>,
) -> anyhow::Result<()> {
    let mut tally = Tally {
        started: Instant::now(),
        stored: 0,
        failed: 0,
        last_report: Instant::now(),
    };
    while let Some(batch) = coded.recv().await {
        let Coded {
            records,
            seqs,
            messages,
            failures,
        } = batch;
        let n = records.len();
        let store = Arc::clone(&store);
        let result =
            tokio::task::spawn_blocking(move || store.write_in_order(&records, &seqs)).await?;
        if let Err(e) = result {
            eprintln!("herald worker: the store refused a batch of {n} article(s), which will come back: {e}");
            for m in &messages {
                let _ = m
                    .ack_with(jetstream::AckKind::Nak(Some(Duration::from_secs(2))))
                    .await;
            }
            continue;
        }
        for f in &failures {
            dead_letter(&js, &queue, &messages[f.index], &f.reason).await?;
        }
        for m in &messages {
            m.ack()
                .await
                .map_err(|e| anyhow::anyhow!("cannot acknowledge a message: {e}"))?;
        }
        client.flush().await?;
        tally.stored += n;
        tally.failed += failures.len();
        tally.report(false);
    }
    tally.report(true);
    Ok(())
}

/// Puts a failed article on the dead-letter subject with its reason.
async fn dead_letter(
    js: &jetstream::Context,
    queue: &Queue,
    m: &jetstream::Message,
    reason: &str,
) -> anyhow::Result<()> {
    let seq = m.info().map(|i| i.stream_sequence).unwrap_or(0);
    eprintln!(
        "herald worker: message {seq} goes to {}: {reason}",
        queue.failed
    );
    let mut headers = async_nats::HeaderMap::new();
    headers.insert("Herald-Reason", reason.replace(['\r', '\n'], " ").as_str());
    headers.insert("Herald-Sequence", seq.to_string().as_str());
    js.publish_with_headers(queue.failed.clone(), headers, m.payload.clone())
        .await?
        .await
        .context("the stream did not confirm a dead letter")?;
    Ok(())
}

/// The queue's state at one moment.
#[derive(serde::Serialize)]
struct QueueState {
    /// Articles published and not yet handed to a worker.
    backlog: u64,
    /// Handed to a worker, not yet acknowledged.
    in_flight: usize,
    redelivered: usize,
    /// Articles on the dead-letter subject.
    failed: u64,
    /// Articles published in all (the stream's articles subject).
    published: u64,
}

async fn queue_state(stream: &stream::Stream, q: &Queue) -> anyhow::Result<QueueState> {
    let mut counts = stream.info_with_subjects(">").await?;
    let (mut published, mut failed) = (0, 0);
    while let Some((subject, n)) = futures_util::TryStreamExt::try_next(&mut counts).await? {
        if subject == q.articles {
            published = n as u64;
        } else if subject == q.failed {
            failed = n as u64;
        }
    }
    // before the first worker makes the consumer, everything waits
    let consumer: Option<jetstream::consumer::PullConsumer> =
        stream.get_consumer(CONSUMER).await.ok();
    let (backlog, in_flight, redelivered) = match consumer {
        Some(mut c) => {
            let info = c.info().await?;
            (info.num_pending, info.num_ack_pending, info.num_redelivered)
        }
        None => (published, 0, 0),
    };
    Ok(QueueState {
        backlog,
        in_flight,
        redelivered,
        failed,
        published,
    })
}

/// Returns once nothing waits in the queue and nothing is in flight: with
/// acknowledgements after the commit, everything published is stored (or
/// on the dead-letter subject).
async fn wait_until_stored(stream: &stream::Stream, queue: &Queue) -> anyhow::Result<()> {
    loop {
        let s = queue_state(stream, queue).await?;
        if s.backlog == 0 && s.in_flight == 0 {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

pub fn status(args: StatusArgs) -> anyhow::Result<ExitCode> {
    let store = args
        .db
        .as_deref()
        .map(|db| {
            open_store(db, false).with_context(|| format!("cannot open the store {}", db_name(db)))
        })
        .transpose()?;
    let queue = Queue::named(&args.stream)?;
    let rt = runtime()?;
    let (before, after, secs) = rt.block_on(async {
        let (_, js) = connect(&args.nats).await?;
        let stream = herald_stream(&js, &queue).await?;
        if args.wait {
            wait_until_stored(&stream, &queue).await?;
        }
        let t = Instant::now();
        let before = queue_state(&stream, &queue).await?;
        tokio::time::sleep(Duration::from_secs_f64(args.sample.clamp(0.0, 60.0))).await;
        let after = queue_state(&stream, &queue).await?;
        anyhow::Ok((before, after, t.elapsed().as_secs_f64()))
    })?;
    // counted after the wait: what the store holds once the queue is empty
    let counts = store
        .map(|store| store.counts(&QueryControl::unlimited()))
        .transpose()?;
    // articles that left the queue (stored or failed) per second
    let waiting = |s: &QueueState| s.backlog as i64 + s.in_flight as i64;
    let arrived = after.published as i64 - before.published as i64;
    let done = waiting(&before) + arrived - waiting(&after);
    let rate = done.max(0) as f64 / secs.max(1e-9);
    if args.json {
        let mut v = serde_json::json!({ "queue": after, "articles_per_second": rate });
        if let Some(c) = &counts {
            v["store"] = serde_json::json!({"articles": c.articles, "events": c.events});
        }
        println!("{v}");
    } else {
        println!(
            "queue {} on {}: {} published, backlog {}, in flight {}, redelivered {}, failed {} (on {})",
            queue.stream,
            args.nats,
            after.published,
            after.backlog,
            after.in_flight,
            after.redelivered,
            after.failed,
            queue.failed
        );
        println!("rate: {rate:.0} articles/s over the last {secs:.1} s");
        if let (Some(c), Some(db)) = (&counts, &args.db) {
            println!(
                "store {}: {} articles, {} events",
                db_name(db),
                c.articles,
                c.events
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
