//! The store interface of Herald and its SQLite implementation.
//!
//! [`EventStore`] is what the CLI and the server use: batches of coded
//! records in, pages of articles and events, facets, the timeline, the
//! network, the map and actor summaries out. It says nothing of SQL, so a
//! second backend is a second implementation. [`Store`] is the SQLite one
//! (`sqlite.rs` schema and writes, `read.rs` queries, `pool.rs` read
//! connections), [`PgStore`] the PostgreSQL one (`pg.rs` schema, writes and
//! connections, `pg_read.rs` queries); every read takes a [`QueryControl`] that bounds its
//! time and lets the caller cancel it.

pub mod csv;
mod pg;
mod pg_read;
mod pool;
mod read;
mod sqlite;

use herald_core::{ActorOut, EventOut, Record};
use serde::Serialize;
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use pg::{is_postgres_url, PgStore};
pub use sqlite::Store;

/// Why a store call failed.
#[derive(Debug)]
pub enum StoreError {
    /// The database said no (I/O, corruption, a broken constraint).
    Sql(rusqlite::Error),
    /// PostgreSQL said no.
    Pg(postgres::Error),
    /// The query ran past its time limit and was stopped.
    TimedOut,
    /// The caller went away and the query was stopped.
    Cancelled,
    /// No read connection came free in time.
    Busy,
    /// The file is not a store this version can read.
    Schema(String),
    /// A record that cannot be stored (a blank id).
    Invalid(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Sql(e) => write!(f, "{e}"),
            StoreError::Pg(e) => match e.as_db_error() {
                Some(db) => write!(f, "PostgreSQL: {}", db.message()),
                None => write!(f, "PostgreSQL: {e}"),
            },
            StoreError::TimedOut => f.write_str("the query ran past its time limit"),
            StoreError::Cancelled => f.write_str("the query was cancelled"),
            StoreError::Busy => f.write_str("the store is busy; try again"),
            StoreError::Schema(m) | StoreError::Invalid(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sql(e)
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// A time limit and a cancel flag for one read.
#[derive(Clone, Debug, Default)]
pub struct QueryControl {
    pub deadline: Option<Instant>,
    pub cancel: Option<Arc<AtomicBool>>,
}

impl QueryControl {
    /// No limit: exports and the CLI.
    pub fn unlimited() -> Self {
        Self::default()
    }

    /// At most `limit` from now, stopped early when `cancel` is set.
    pub fn within(limit: Duration, cancel: Arc<AtomicBool>) -> Self {
        QueryControl {
            deadline: Some(Instant::now() + limit),
            cancel: Some(cancel),
        }
    }

    /// Whether the query must stop now.
    pub fn must_stop(&self) -> bool {
        self.cancel
            .as_ref()
            .is_some_and(|c| c.load(Ordering::Relaxed))
            || self.deadline.is_some_and(|d| Instant::now() >= d)
    }

    fn cancelled(&self) -> bool {
        self.cancel
            .as_ref()
            .is_some_and(|c| c.load(Ordering::Relaxed))
    }
}

/// The code an actor is counted under, as the scorer of SCHEMA.md keys it:
/// its country, else `IMG` for transnational armed groups, else its
/// international body's code, else `-`.
pub fn actor_key(a: &ActorOut) -> String {
    a.key().unwrap_or("-").to_string()
}

/// A stored article, as search lists it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ArticleSummary {
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub focus_country: Option<String>,
    pub events: i64,
    /// A few words around the match, for full-text searches.
    pub snippet: Option<String>,
}

/// The order of a list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
    /// Best full-text match first (search with words only).
    Relevance,
}

impl Sort {
    pub fn parse(s: &str) -> Option<Sort> {
        match s {
            "newest" => Some(Sort::Newest),
            "oldest" => Some(Sort::Oldest),
            "relevance" => Some(Sort::Relevance),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
            Sort::Relevance => "relevance",
        }
    }
}

/// Filters of the article search; all optional.
#[derive(Debug, Clone, Default)]
pub struct ArticleQuery {
    /// Words that must all occur in the title or text.
    pub text: Option<String>,
    /// An actor or focus country (ISO alpha-3).
    pub country: Option<String>,
    /// Published on or after / on or before (YYYY-MM-DD).
    pub from: Option<String>,
    pub to: Option<String>,
    pub sort: Sort,
    pub limit: usize,
    /// The `next` of the previous page.
    pub after: Option<String>,
}

/// How many rows match: exact, or at least `count` when counting stopped.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Total {
    pub count: u64,
    pub at_least: bool,
}

/// The most rows a total counts before it says "at least".
pub const TOTAL_CAP: u64 = 100_000;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ArticlePage {
    pub articles: Vec<ArticleSummary>,
    pub total: Total,
    /// Pass as `after` for the next page; none on the last.
    pub next: Option<String>,
}

/// One coded event with what a table or map shows of it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EventRow {
    pub article_id: String,
    pub event_id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub mode: Option<String>,
    pub quad_class: i64,
    pub cameo: String,
    /// Actor keys (country, IGO code, `IMG` or `-`).
    pub source: Vec<String>,
    pub target: Vec<String>,
    pub source_names: Vec<String>,
    pub target_names: Vec<String>,
    /// CAMEO-style sector of each source and target ("" when unknown).
    pub source_sectors: Vec<String>,
    pub target_sectors: Vec<String>,
    pub date: Option<String>,
    pub date_precision: Option<String>,
    pub place: Option<String>,
    pub place_country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub location_basis: Option<String>,
    pub sentence_index: i64,
    pub sentence: String,
    pub trigger: String,
    pub negated: bool,
    pub modality: String,
    pub confidence: f64,
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
}

/// Filters of the event table; all optional. Negated and hypothetical
/// events are left out unless asked for.
#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    pub kind: Option<String>,
    pub quad_class: Option<u8>,
    /// Source or target.
    pub country: Option<String>,
    pub source: Option<String>,
    pub target: Option<String>,
    /// Two actors, one the source and the other the target, either way.
    pub pair: Option<(String, String)>,
    /// Event day (else the day published) on or after / on or before.
    pub from: Option<String>,
    pub to: Option<String>,
    pub place: Option<String>,
    pub article: Option<String>,
    pub include_negated: bool,
    pub sort: Sort,
    /// Rows per page; 0 for all (exports).
    pub limit: usize,
    /// The `next` of the previous page.
    pub after: Option<String>,
}

impl EventQuery {
    /// Whether nothing narrows the events (aggregates kept at ingest answer).
    pub fn is_unfiltered(&self) -> bool {
        self.kind.is_none() && self.is_unfiltered_but_type()
    }

    /// The event type, when it is all that narrows the events.
    pub fn only_type(&self) -> Option<&str> {
        self.kind
            .as_deref()
            .filter(|_| self.is_unfiltered_but_type())
    }

    fn is_unfiltered_but_type(&self) -> bool {
        self.quad_class.is_none()
            && self.country.is_none()
            && self.source.is_none()
            && self.target.is_none()
            && self.pair.is_none()
            && self.from.is_none()
            && self.to.is_none()
            && self.place.is_none()
            && self.article.is_none()
            && !self.include_negated
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EventPage {
    pub events: Vec<EventRow>,
    pub total: Total,
    pub next: Option<String>,
}

/// A value of a facet and how many matching events have it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FacetValue {
    pub value: String,
    pub count: u64,
}

/// Counts of the matching events by type, quad class, mode, modality,
/// country (source or target), source and target.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Facets {
    /// How many matching events were counted (the newest ones when capped).
    pub counted: u64,
    pub capped: bool,
    pub facets: Vec<(String, Vec<FacetValue>)>,
}

/// Events per week between two actors, by quad class.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Week {
    /// The Monday of the week.
    pub week: String,
    pub q1: i64,
    pub q2: i64,
    pub q3: i64,
    pub q4: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Node {
    pub id: String,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Link {
    pub source: String,
    pub target: String,
    pub count: i64,
    pub q1: i64,
    pub q2: i64,
    pub q3: i64,
    pub q4: i64,
}

/// Who acts on whom: the busiest directed pairs of actor keys.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Network {
    pub nodes: Vec<Node>,
    pub links: Vec<Link>,
    /// True when only the newest matching events were counted.
    pub capped: bool,
}

/// Located events of one place, for the map.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PlaceCluster {
    pub place: String,
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub count: i64,
    pub q1: i64,
    pub q2: i64,
    pub q3: i64,
    pub q4: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MapData {
    pub places: Vec<PlaceCluster>,
    /// Located events counted, and the days they span.
    pub events: i64,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    /// True when only the newest located events were counted.
    pub capped: bool,
}

/// Events of one actor per month, and its partners.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ActorSummary {
    pub key: String,
    pub months: Vec<(String, i64)>,
    /// Pairs it is part of, busiest first.
    pub partners: Vec<Link>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Counts {
    pub articles: i64,
    pub events: i64,
    pub actors: i64,
    pub places: i64,
    pub quotes: i64,
}

/// What a batch write did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WriteSummary {
    /// Distinct articles written.
    pub stored: usize,
    /// Of those, ids that were already stored and are now replaced.
    pub replaced: usize,
    /// Ids given more than once in the batch (the later row won).
    pub repeated: Vec<String>,
    pub events: usize,
}

/// The store as the CLI and server use it. Writes go one batch at a time
/// and never block reads; every read honours its [`QueryControl`].
pub trait EventStore: Send + Sync {
    /// Writes a batch: blank ids are refused, an id given twice keeps its
    /// later row, an id already stored is replaced.
    fn write_batch(&self, records: &[Record]) -> Result<WriteSummary>;
    /// As `write_batch`, each record with its place in the input (a queue's
    /// sequence number): where writers race, the later place wins. The
    /// SQLite store has one writer, which writes in input order already.
    fn write_in_order(&self, records: &[Record], _seqs: &[u64]) -> Result<WriteSummary> {
        self.write_batch(records)
    }
    fn article(&self, id: &str, ctl: &QueryControl) -> Result<Option<Record>>;
    fn counts(&self, ctl: &QueryControl) -> Result<Counts>;
    fn search(&self, q: &ArticleQuery, ctl: &QueryControl) -> Result<ArticlePage>;
    fn events(&self, q: &EventQuery, ctl: &QueryControl) -> Result<EventPage>;
    /// Streams every matching event (for exports); `each` may stop it.
    fn for_each_event(
        &self,
        q: &EventQuery,
        ctl: &QueryControl,
        each: &mut dyn FnMut(EventRow) -> ControlFlow<()>,
    ) -> Result<()>;
    fn facets(&self, q: &EventQuery, ctl: &QueryControl) -> Result<Facets>;
    /// Asserted events between two actors (either direction) per week.
    fn timeline(&self, a: &str, b: &str, ctl: &QueryControl) -> Result<Vec<Week>>;
    fn network(&self, q: &EventQuery, limit: usize, ctl: &QueryControl) -> Result<Network>;
    fn map(&self, q: &EventQuery, ctl: &QueryControl) -> Result<MapData>;
    fn actor(&self, key: &str, ctl: &QueryControl) -> Result<ActorSummary>;
}

/// Opens the store `db` names: a PostgreSQL URL (`postgres://…`) or a
/// SQLite file. Without `create`, a missing store is an error.
pub fn open_store(db: &str, create: bool) -> Result<Arc<dyn EventStore>> {
    if is_postgres_url(db) {
        return Ok(Arc::new(PgStore::open(db, create)?));
    }
    let path = std::path::Path::new(db);
    Ok(Arc::new(if create {
        Store::open(path)?
    } else {
        Store::open_existing(path)?
    }))
}

/// How messages name the store `db`: a file's path, or a URL without its password.
pub fn db_name(db: &str) -> String {
    if is_postgres_url(db) {
        pg::redact(db)
    } else {
        db.to_string()
    }
}

/// Turns user words into an FTS5 query that matches them all, as words:
/// quotes and operators in the input are taken literally, never as syntax.
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .map(|w| w.trim_matches(|c| c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .take(16)
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// The text of an event's sentence (empty when the index is out of range).
pub fn sentence_text(rec: &Record, e: &EventOut) -> String {
    rec.sentences
        .get(e.sentence)
        .and_then(|s| rec.text.get(s.start..s.end))
        .unwrap_or("")
        .to_string()
}

/// The Monday of the week of a YYYY-MM-DD day.
pub fn week_of(day: &str) -> Option<String> {
    use chrono::Datelike;
    let d = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    let monday = d - chrono::Duration::days(d.weekday().num_days_from_monday() as i64);
    Some(monday.format("%Y-%m-%d").to_string())
}

/// A fresh PostgreSQL store for the test `name`, in a schema of its own in
/// the database `HERALD_TEST_PG` names (`scripts/services.sh` starts one).
/// Without that variable the test is skipped, except with `CI=true`, where
/// it fails: CI never skips the PostgreSQL tests.
#[doc(hidden)]
pub fn test_pg_store(name: &str) -> Option<Arc<dyn EventStore>> {
    let url = match std::env::var("HERALD_TEST_PG") {
        Ok(u) if !u.is_empty() => u,
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("HERALD_TEST_PG is not set: with CI=true the PostgreSQL tests must run (scripts/test.sh starts a server with scripts/services.sh)")
        }
        _ => {
            eprintln!(
                "{name}: skipped, HERALD_TEST_PG is not set (scripts/services.sh starts a server)"
            );
            return None;
        }
    };
    // schema names hold 63 bytes: a hash of the test's name
    let mut h: u64 = 0xcbf29ce484222325;
    for b in name.bytes() {
        h = (h ^ b as u64).wrapping_mul(0x100000001b3);
    }
    let schema = format!("test_{h:016x}");
    let mut client = postgres::Client::connect(&url, postgres::NoTls)
        .unwrap_or_else(|e| panic!("cannot connect to HERALD_TEST_PG {url}: {e}"));
    client
        .batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
        .expect("drop the test schema");
    Some(Arc::new(
        PgStore::open_in_schema(&url, Some(&schema), true).expect("a PostgreSQL test store"),
    ))
}

/// Runs each named test function (taking an `Arc<dyn EventStore>`) on an
/// SQLite store in memory (`sqlite::NAME`) and on a PostgreSQL store
/// (`postgres::NAME`, see [`test_pg_store`]). With `async:` first, the
/// functions are async and each runs on a tokio runtime of its own.
#[doc(hidden)]
#[macro_export]
macro_rules! on_both_stores {
    (async: $($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    let store: ::std::sync::Arc<dyn $crate::EventStore> = ::std::sync::Arc::new($crate::Store::in_memory().expect("an SQLite store in memory"));
                    ::tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime").block_on(super::$name(store))
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    if let Some(store) = $crate::test_pg_store(concat!(module_path!(), "::", stringify!($name))) {
                        ::tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime").block_on(super::$name(store))
                    }
                }
            )*
        }
    };
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    super::$name(::std::sync::Arc::new($crate::Store::in_memory().expect("an SQLite store in memory")))
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    if let Some(store) = $crate::test_pg_store(concat!(module_path!(), "::", stringify!($name))) {
                        super::$name(store)
                    }
                }
            )*
        }
    };
}
