//! `herald ingest` (inputs into the SQLite store) and `herald export`
//! (stored events out as JSONL, CSV, Parquet or GDELT 2.0 event rows).

use crate::extract::{code_inputs, Progress};
use crate::{load_kb, parse_date_arg};
use anyhow::Context;
use clap::{Args, ValueEnum};
use herald_coder::Coder;
use herald_core::EventType;
use herald_store::{db_name, open_store, EventQuery, EventRow, EventStore, QueryControl};
use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct IngestArgs {
    /// Input files (text, HTML, JSONL, WARC; gzip too); `-` or none reads stdin.
    pub files: Vec<PathBuf>,
    /// The store: a SQLite file (created if missing) or a PostgreSQL URL
    /// (`postgres://user@host/db`; its tables are created if missing).
    #[arg(long, default_value = "herald.db")]
    pub db: String,
    #[command(flatten)]
    pub read: crate::ReadArgs,
}

pub fn ingest(args: IngestArgs) -> anyhow::Result<ExitCode> {
    let opts = args.read.options()?;
    let store = open_store(&args.db, true)
        .with_context(|| format!("cannot open the store {}", db_name(&args.db)))?;
    let kb = load_kb()?;
    let coder = Coder::with_syntax(kb, crate::load_syntax()?);
    let progress = Progress::new(&args.files);
    let mut blank = 0usize;
    let keep = |rec: herald_core::Record| rec;
    // batches are written on their own thread while the next ones are coded;
    // one transaction per WRITE_BATCH articles: a failure loses at most those, and
    // running the same command again replaces what was stored, so it can resume
    let (to_writer, batches) =
        std::sync::mpsc::sync_channel::<Vec<herald_core::Record>>(WRITE_QUEUE);
    let (coded, written) = std::thread::scope(|scope| {
        let writer = scope.spawn(|| write_batches(&*store, batches));
        let mut write = |batch: Vec<herald_core::Record>| -> anyhow::Result<()> {
            let (batch, blanks): (Vec<_>, Vec<_>) =
                batch.into_iter().partition(|r| !r.id.trim().is_empty());
            for r in &blanks {
                eprintln!(
                    "herald: error: an article with a blank id ({:?}) was not stored; give every article an id",
                    r.title.as_deref().unwrap_or(&r.id)
                );
            }
            blank += blanks.len();
            to_writer
                .send(batch)
                .map_err(|_| anyhow::anyhow!("the store writer stopped"))
        };
        let coded = code_inputs(
            &args.files,
            args.read.input,
            &opts,
            &coder,
            &progress,
            &keep,
            &mut write,
        );
        drop(to_writer);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("the store writer panicked")));
        (coded, written)
    });
    let (articles, events) =
        written.with_context(|| format!("cannot write to {}", db_name(&args.db)))?;
    let failures = coded?;
    progress.finish();
    eprintln!(
        "herald: stored {articles} article(s) with {events} event(s) in {}",
        db_name(&args.db)
    );
    let failures = failures + blank;
    if failures > 0 {
        eprintln!("herald: {failures} input(s) failed; the others were stored");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// Coded batches held for the writer: enough that the coders go on through
/// a long write (a checkpoint) instead of leaving a core idle. With 2, the
/// coders of `bench --store` waited 6.5 s of 178 at 300,000 articles; with
/// 8, 0.1 s.
pub const WRITE_QUEUE: usize = 8;

/// The most articles one store transaction holds: a larger one writes each
/// hot index page and FTS segment fewer times (at 100,000 articles the
/// writer was busy 42 s in transactions of 512, 34 s in ones of 2,048).
pub const WRITE_BATCH: usize = 2048;

/// `first` and the batches that follow it, up to [`WRITE_BATCH`] articles
/// or the end of the input, as one batch.
pub fn gather<T>(first: Vec<T>, rx: &std::sync::mpsc::Receiver<Vec<T>>) -> Vec<T> {
    let mut batch = first;
    while batch.len() < WRITE_BATCH {
        match rx.recv() {
            Ok(more) => batch.extend(more),
            Err(_) => break,
        }
    }
    batch
}

/// Writes the batches it receives, gathered up to [`WRITE_BATCH`] articles
/// a transaction; distinct articles and events stored.
/// An id seen again replaces the earlier article, is warned about and
/// counted once.
fn write_batches(
    store: &dyn EventStore,
    batches: std::sync::mpsc::Receiver<Vec<herald_core::Record>>,
) -> anyhow::Result<(usize, usize)> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut events = 0usize;
    while let Ok(first) = batches.recv() {
        let batch = gather(first, &batches);
        let summary = store.write_batch(&batch)?;
        for r in &batch {
            if !seen.insert(r.id.clone()) && !summary.repeated.contains(&r.id) {
                eprintln!(
                    "herald: warning: id {:?} appears more than once in the input; the later article replaces the earlier",
                    r.id
                );
            }
        }
        for id in &summary.repeated {
            eprintln!(
                "herald: warning: id {id:?} appears more than once in the input; the later article replaces the earlier"
            );
        }
        events += summary.events;
    }
    Ok((seen.len(), events))
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON object per event.
    Jsonl,
    /// Comma-separated, with a header row.
    Csv,
    /// Apache Parquet, one row per event.
    Parquet,
    /// GDELT 2.0 event table: 61 tab-separated columns, no header.
    Gdelt,
}

#[derive(Args)]
pub struct ExportArgs {
    /// The store to read: a SQLite file or a PostgreSQL URL.
    #[arg(long, default_value = "herald.db")]
    pub db: String,
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write here instead of stdout (required for parquet).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Only events of this PLOVER type.
    #[arg(long = "type")]
    pub kind: Option<String>,
    /// Only events with this actor (ISO alpha-3 or an IGO code) as source or target.
    #[arg(long)]
    pub country: Option<String>,
    /// Only events on or after this day (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Only events on or before this day (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// Also negated and hypothetical events (with their flags).
    #[arg(long)]
    pub all: bool,
}

pub fn export(args: ExportArgs) -> anyhow::Result<ExitCode> {
    check_gdelt_args(&args)?;
    let kind = args
        .kind
        .as_deref()
        .map(|t| {
            t.to_ascii_uppercase().parse::<EventType>().map_err(|_| {
                let all: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
                anyhow::anyhow!(
                    "--type: unknown PLOVER type `{t}`; one of {}",
                    all.join(", ")
                )
            })
        })
        .transpose()?;
    let country = args.country.as_deref().map(known_actor).transpose()?;
    let store = open_store(&args.db, false)
        .with_context(|| format!("cannot open the store {}", db_name(&args.db)))?;
    let query = EventQuery {
        kind: kind.map(|k| k.as_str().to_string()),
        country,
        from: args.from.as_deref().map(parse_date_arg).transpose()?,
        to: args.to.as_deref().map(parse_date_arg).transpose()?,
        include_negated: args.all,
        ..Default::default()
    };
    if args.format == ExportFormat::Parquet {
        let path = args
            .output
            .as_ref()
            .context("parquet needs a file: give -o FILE")?;
        let n = crate::parquet_out::write(&*store, &query, path)?;
        eprintln!("herald: exported {n} event(s) to {}", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let out: Box<dyn Write> = match &args.output {
        Some(p) => {
            Box::new(File::create(p).with_context(|| format!("cannot create {}", p.display()))?)
        }
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::new(out);
    if args.format == ExportFormat::Csv {
        writeln!(out, "{}", herald_store::csv::HEADER.join(","))?;
    }
    let mut n = 0usize;
    let mut io_error: Option<io::Error> = None;
    store.for_each_event(&query, &QueryControl::unlimited(), &mut |e| {
        let line = match args.format {
            ExportFormat::Jsonl => serde_json::to_string(&e).unwrap_or_default(),
            ExportFormat::Csv => herald_store::csv::row(&e),
            ExportFormat::Gdelt => gdelt_row(&e),
            ExportFormat::Parquet => unreachable!("written above"),
        };
        n += 1;
        match writeln!(out, "{line}") {
            Ok(()) => ControlFlow::Continue(()),
            Err(err) => {
                io_error = Some(err);
                ControlFlow::Break(())
            }
        }
    })?;
    if let Some(e) = io_error {
        return Err(e.into());
    }
    out.flush()?;
    if args.output.is_some() {
        eprintln!("herald: exported {n} event(s)");
    }
    Ok(ExitCode::SUCCESS)
}

/// An actor code the knowledge base knows (country, organization, IMG), upper-cased.
fn known_actor(code: &str) -> anyhow::Result<String> {
    let upper = code.trim().to_ascii_uppercase();
    let kb = load_kb()?;
    if upper == "IMG" || kb.country(&upper).is_some() || kb.orgs.iter().any(|o| o.key == upper) {
        Ok(upper)
    } else {
        anyhow::bail!("--country: unknown actor code `{code}`; use an ISO 3166 alpha-3 code such as RUS, or an organization code such as NATO")
    }
}

/// A stable numeric id for an event: FNV-1a of article and event id, kept
/// positive so tools that read GLOBALEVENTID as a signed integer agree.
pub fn global_event_id(article_id: &str, event_id: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in article_id.bytes().chain([0u8]).chain(event_id.bytes()) {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h >> 1
}

/// GDELT rows have no column for negation or modality: a negated or
/// hypothetical event would read as one that happened, so `--all` is refused.
fn check_gdelt_args(args: &ExportArgs) -> anyhow::Result<()> {
    if args.format == ExportFormat::Gdelt && args.all {
        anyhow::bail!(
            "--format gdelt cannot take --all: GDELT rows have no column for negated or \
             hypothetical events, which would read as events that happened; export them \
             with --format jsonl, csv or parquet, which keep the flags"
        );
    }
    Ok(())
}

/// One GDELT 2.0 event row (61 tab-separated columns). Mapped: ids, dates,
/// actor codes (country + sector, e.g. USAGOV), names, country and group
/// codes, CAMEO event codes, quad class, action geography, source URL.
/// Left empty: ethnic and religion codes, Goldstein scale, tone, actor
/// geography. Country codes are ISO alpha-3 throughout (GDELT's geography
/// columns use FIPS 10-4).
fn gdelt_row(e: &EventRow) -> String {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let day = e
        .date
        .as_deref()
        .filter(|_| e.date_precision.as_deref() == Some("day"))
        .or(e.published.as_deref())
        .unwrap_or("");
    let compact = day.replace('-', "");
    let (year, month) = (
        compact.get(0..4).unwrap_or(""),
        compact.get(0..6).unwrap_or(""),
    );
    let fraction = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map(|d| format!("{:.4}", d.year_fraction()))
        .unwrap_or_default();
    let actor = |keys: &[String], names: &[String], sectors: &[String]| -> Vec<String> {
        let key = keys
            .first()
            .map(String::as_str)
            .filter(|k| *k != "-")
            .unwrap_or("");
        let sector = sectors.first().map(String::as_str).unwrap_or("");
        let is_country = key.len() == 3
            && key.chars().all(|c| c.is_ascii_uppercase())
            && key != "IMG"
            && key != "IGO";
        let code = format!("{key}{sector}");
        vec![
            code,
            names
                .first()
                .map(|n| clean(n).to_uppercase())
                .unwrap_or_default(),
            if is_country {
                key.to_string()
            } else {
                String::new()
            },
            if is_country || key.is_empty() {
                String::new()
            } else {
                key.to_string()
            },
            String::new(),
            String::new(),
            String::new(),
            sector.to_string(),
            String::new(),
            String::new(),
        ]
    };
    let mut cols: Vec<String> = vec![
        global_event_id(&e.article_id, &e.event_id).to_string(),
        compact.clone(),
        month.to_string(),
        year.to_string(),
        fraction,
    ];
    cols.extend(actor(&e.source, &e.source_names, &e.source_sectors));
    cols.extend(actor(&e.target, &e.target_names, &e.target_sectors));
    let code = e.cameo.clone();
    cols.extend([
        "1".to_string(),
        code.clone(),
        code.get(0..3).unwrap_or(&code).to_string(),
        code.get(0..2).unwrap_or(&code).to_string(),
        e.quad_class.to_string(),
        String::new(),
        "1".to_string(),
        "1".to_string(),
        "1".to_string(),
        String::new(),
    ]);
    let empty_geo = || {
        vec![
            String::from("0"),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ]
    };
    cols.extend(empty_geo());
    cols.extend(empty_geo());
    match (&e.place, e.lat, e.lon) {
        (Some(place), Some(lat), Some(lon)) => {
            let geo_type = if e.place_country.as_deref() == Some("USA") {
                "3"
            } else {
                "4"
            };
            cols.extend([
                geo_type.to_string(),
                clean(place),
                e.place_country.clone().unwrap_or_default(),
                String::new(),
                String::new(),
                format!("{lat}"),
                format!("{lon}"),
                String::new(),
            ]);
        }
        _ => cols.extend(empty_geo()),
    }
    // DATEADDED: when the story was published (not the export time: the same store exports the same rows)
    cols.push(
        e.published
            .as_deref()
            .map(|p| format!("{}000000", p.replace('-', "")))
            .unwrap_or_default(),
    );
    cols.push(e.url.clone().map(|u| clean(&u)).unwrap_or_default());
    debug_assert_eq!(cols.len(), 61);
    cols.join("\t")
}

trait YearFraction {
    fn year_fraction(&self) -> f64;
}

impl YearFraction for chrono::NaiveDate {
    /// GDELT's FractionDate: year + day of year / 365.
    fn year_fraction(&self) -> f64 {
        use chrono::Datelike;
        self.year() as f64 + self.ordinal0() as f64 / 365.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_are_gathered_up_to_the_write_batch_and_none_is_lost() {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<usize>>(8);
        let sender = std::thread::spawn(move || {
            for b in 0..6 {
                tx.send((b * 512..(b + 1) * 512).collect()).unwrap();
            }
        });
        let mut sizes = Vec::new();
        let mut all = Vec::new();
        while let Ok(first) = rx.recv() {
            let batch = gather(first, &rx);
            sizes.push(batch.len());
            all.extend(batch);
        }
        sender.join().unwrap();
        assert_eq!(sizes, [WRITE_BATCH, 1024]);
        assert_eq!(all, (0..6 * 512).collect::<Vec<_>>(), "in order, each once");
    }
}
