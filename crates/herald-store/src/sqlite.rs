//! The SQLite store: its schema, opening (WAL, a writer connection and a
//! pool of readers), and batch writes with the aggregates kept beside them.
//!
//! Layout for a steady write rate: integer row ids everywhere, FTS5 with
//! external content (`articles` holds the text, the index is keyed by the
//! article's rowid, so replacing an article deletes by rowid; an article's
//! events have consecutive rowids from its `first_eid`, so they need no
//! index of their own), and one index
//! table per way the UI reaches events (`event_keys` by actor and role,
//! `event_pairs` by directed dyad, `dyads` either way), each ordered by
//! (day, article id, event rowid) so pages come straight off an index.

use crate::pool::Pool;
use crate::{actor_key, sentence_text, Result, StoreError, WriteSummary};
use herald_core::Record;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Transaction};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Bumped when the layout changes; older files are refused with advice.
pub(crate) const SCHEMA_VERSION: i64 = 7;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS articles(
    aid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT, title TEXT, published TEXT, pub_day TEXT NOT NULL, focus_country TEXT,
    first_eid INTEGER NOT NULL, n_events INTEGER NOT NULL, n_actors INTEGER NOT NULL, n_places INTEGER NOT NULL, n_quotes INTEGER NOT NULL,
    text TEXT NOT NULL,
    record BLOB NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_by_day ON articles(pub_day, id);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, text, content = 'articles', content_rowid = 'aid', detail = 'none', columnsize = 0,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS article_countries(
    country TEXT NOT NULL, pub_day TEXT NOT NULL, article_id TEXT NOT NULL, aid INTEGER NOT NULL,
    PRIMARY KEY(country, pub_day, article_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events(
    eid INTEGER PRIMARY KEY,
    aid INTEGER NOT NULL, article_id TEXT NOT NULL, event_id TEXT NOT NULL,
    type TEXT NOT NULL, mode TEXT, quad_class INTEGER NOT NULL, cameo TEXT NOT NULL,
    date TEXT, date_precision TEXT, day TEXT NOT NULL,
    place_id TEXT, place TEXT, place_country TEXT, lat REAL, lon REAL, location_basis TEXT,
    sentence_index INTEGER NOT NULL, sentence TEXT NOT NULL, trigger TEXT NOT NULL,
    negated INTEGER NOT NULL, modality TEXT NOT NULL, confidence REAL NOT NULL,
    quote_id TEXT, asserted INTEGER NOT NULL,
    sources TEXT NOT NULL, targets TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_day ON events(day, article_id, asserted);
CREATE INDEX IF NOT EXISTS events_by_type ON events(type, day, article_id, asserted);
CREATE INDEX IF NOT EXISTS events_by_place ON events(place, day, article_id, asserted);
CREATE TABLE IF NOT EXISTS event_keys(
    key TEXT NOT NULL, role TEXT NOT NULL, day TEXT NOT NULL, article_id TEXT NOT NULL, eid INTEGER NOT NULL, asserted INTEGER NOT NULL,
    PRIMARY KEY(key, role, day, article_id, eid)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS event_pairs(
    src TEXT NOT NULL, tgt TEXT NOT NULL, day TEXT NOT NULL, article_id TEXT NOT NULL, eid INTEGER NOT NULL, asserted INTEGER NOT NULL,
    PRIMARY KEY(src, tgt, day, article_id, eid)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dyads(
    lo TEXT NOT NULL, hi TEXT NOT NULL, day TEXT NOT NULL, article_id TEXT NOT NULL, eid INTEGER NOT NULL, asserted INTEGER NOT NULL,
    PRIMARY KEY(lo, hi, day, article_id, eid)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS totals(name TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pair_counts(
    src TEXT NOT NULL, tgt TEXT NOT NULL, q1 INTEGER NOT NULL, q2 INTEGER NOT NULL, q3 INTEGER NOT NULL, q4 INTEGER NOT NULL,
    PRIMARY KEY(src, tgt)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS pair_counts_by_target ON pair_counts(tgt);
CREATE TABLE IF NOT EXISTS type_pair_counts(
    type TEXT NOT NULL, src TEXT NOT NULL, tgt TEXT NOT NULL, q1 INTEGER NOT NULL, q2 INTEGER NOT NULL, q3 INTEGER NOT NULL, q4 INTEGER NOT NULL,
    PRIMARY KEY(type, src, tgt)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS key_months(
    key TEXT NOT NULL, month TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY(key, month)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS place_days(
    place TEXT NOT NULL, country TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL, day TEXT NOT NULL,
    q1 INTEGER NOT NULL, q2 INTEGER NOT NULL, q3 INTEGER NOT NULL, q4 INTEGER NOT NULL,
    PRIMARY KEY(place, country, lat, lon, day)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS place_days_by_day ON place_days(day);
CREATE TABLE IF NOT EXISTS key_place_days(
    key TEXT NOT NULL, day TEXT NOT NULL, place TEXT NOT NULL, country TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    q1 INTEGER NOT NULL, q2 INTEGER NOT NULL, q3 INTEGER NOT NULL, q4 INTEGER NOT NULL,
    PRIMARY KEY(key, day, place, country, lat, lon)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS place_counts(
    place TEXT NOT NULL, country TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    q1 INTEGER NOT NULL, q2 INTEGER NOT NULL, q3 INTEGER NOT NULL, q4 INTEGER NOT NULL,
    PRIMARY KEY(place, country, lat, lon)
) WITHOUT ROWID;
";

/// Separators of the actors packed in `events.sources` / `targets`.
pub(crate) const UNIT: char = '\u{1f}';
pub(crate) const RECORD: char = '\u{1e}';

/// The SQLite store: one writer connection, a pool of readers (WAL lets
/// them read while a batch is written).
pub struct Store {
    pub(crate) writer: Mutex<Connection>,
    pub(crate) readers: Pool,
}

static MEMORY_STORES: AtomicUsize = AtomicUsize::new(0);

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    conn.execute_batch(
        "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;",
    )?;
    Ok(())
}

impl Store {
    /// Opens the store at `path`, creating it when missing.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_with(path, true)
    }

    /// Opens the store at `path`; a missing file is an error, not a new store.
    pub fn open_existing(path: &Path) -> Result<Store> {
        Self::open_with(path, false)
    }

    fn open_with(path: &Path, create: bool) -> Result<Store> {
        if !create && !path.exists() {
            return Err(StoreError::Schema(format!(
                "no store at {} (create one with `herald ingest --db {} FILE...`)",
                path.display(),
                path.display()
            )));
        }
        let writer = Connection::open(path)?;
        configure(&writer)?;
        writer.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
        // a big page cache keeps the index pages that batches touch; fewer,
        // larger checkpoints (512 MiB of WAL) write each page once for many
        // batches; pages missing from the cache are read through a memory map
        // instead of copied by read calls
        writer.execute_batch(
            "PRAGMA cache_size = -262144; PRAGMA wal_autocheckpoint = 131072; PRAGMA mmap_size = 17179869184;",
        )?;
        prepare_schema(&writer, &path.display().to_string())?;
        let readers = (0..read_connections())
            .map(|_| {
                let c = Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                configure(&c)?;
                Ok(c)
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Store {
            writer: Mutex::new(writer),
            readers: Pool::new(readers),
        })
    }

    /// A store in memory, for tests (shared between its connections).
    pub fn in_memory() -> Result<Store> {
        let n = MEMORY_STORES.fetch_add(1, Ordering::Relaxed);
        let uri = format!(
            "file:herald-mem-{}-{n}?mode=memory&cache=shared",
            std::process::id()
        );
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let writer = Connection::open_with_flags(&uri, flags)?;
        configure(&writer)?;
        prepare_schema(&writer, "memory")?;
        let readers = (0..2)
            .map(|_| {
                let c = Connection::open_with_flags(&uri, flags)?;
                c.execute_batch("PRAGMA read_uncommitted = 1;")?;
                Ok(c)
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Store {
            writer: Mutex::new(writer),
            readers: Pool::new(readers),
        })
    }
}

/// One reader per core, at least two and at most eight.
pub(crate) fn read_connections() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(2, 8)
}

fn prepare_schema(conn: &Connection, name: &str) -> Result<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    if tables > 0 && version != SCHEMA_VERSION {
        return Err(StoreError::Schema(format!(
            "{name} was written by another version of Herald (store layout {version}, this one reads {SCHEMA_VERSION}); ingest the articles again into a new file"
        )));
    }
    conn.execute_batch(SCHEMA)?;
    // the full-text index merges its segments 16 at a time, not 4: fewer,
    // larger merges cost the writer less (at 100,000 articles, writer busy
    // 28.5 -> 25.4 s) and searches no more (4.7 ms against 5.8 ms alone)
    conn.execute(
        "INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 16)",
        [],
    )?;
    conn.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION}"))?;
    Ok(())
}

/// Changes to the aggregates of one batch, applied once at its end.
#[derive(Default)]
struct Deltas {
    totals: BTreeMap<&'static str, i64>,
    pairs: HashMap<(String, String), [i64; 4]>,
    /// The same per event type (the network of one type).
    type_pairs: HashMap<(String, String, String), [i64; 4]>,
    months: HashMap<(String, String), i64>,
    places: HashMap<(String, String, u64, u64, String), [i64; 4]>,
    place_totals: HashMap<(String, String, u64, u64), [i64; 4]>,
    /// Located events per actor key, day and place (the map of one actor).
    key_places: HashMap<KeyPlaceDay, [i64; 4]>,
}

/// Actor key, day, place name, country, and the bits of its latitude and longitude.
type KeyPlaceDay = (String, String, String, String, u64, u64);

/// What an event adds to the aggregates (its keys, day, quad class, place).
struct EventFacts {
    eid: i64,
    day: String,
    article_id: String,
    kind: String,
    quad: usize,
    asserted: bool,
    sources: Vec<String>,
    targets: Vec<String>,
    place: Option<(String, String, f64, f64)>,
}

impl Deltas {
    fn event(&mut self, e: &EventFacts, sign: i64) {
        *self.totals.entry("events").or_default() += sign;
        if !e.asserted {
            return;
        }
        let q = e.quad.clamp(1, 4) - 1;
        for s in &e.sources {
            for t in &e.targets {
                if s != t && s != "-" && t != "-" {
                    self.pairs.entry((s.clone(), t.clone())).or_default()[q] += sign;
                    let typed = (e.kind.clone(), s.clone(), t.clone());
                    self.type_pairs.entry(typed).or_default()[q] += sign;
                }
            }
        }
        if e.day.len() >= 7 {
            for k in distinct_keys(e) {
                *self
                    .months
                    .entry((k.to_string(), e.day[..7].to_string()))
                    .or_default() += sign;
            }
        }
        if let Some((name, country, lat, lon)) = &e.place {
            let key = (
                name.clone(),
                country.clone(),
                lat.to_bits(),
                lon.to_bits(),
                e.day.clone(),
            );
            self.places.entry(key).or_default()[q] += sign;
            let total = (name.clone(), country.clone(), lat.to_bits(), lon.to_bits());
            self.place_totals.entry(total).or_default()[q] += sign;
            for k in distinct_keys(e).into_iter().filter(|k| *k != "-") {
                let key = (
                    k.to_string(),
                    e.day.clone(),
                    name.clone(),
                    country.clone(),
                    lat.to_bits(),
                    lon.to_bits(),
                );
                self.key_places.entry(key).or_default()[q] += sign;
            }
        }
    }

    fn apply(self, tx: &Transaction) -> Result<()> {
        for (name, n) in self.totals {
            tx.execute("INSERT INTO totals(name, n) VALUES (?1, ?2) ON CONFLICT(name) DO UPDATE SET n = n + excluded.n", params![name, n])?;
        }
        let mut pair = tx.prepare_cached("INSERT INTO pair_counts(src, tgt, q1, q2, q3, q4) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT(src, tgt) DO UPDATE SET q1 = q1 + excluded.q1, q2 = q2 + excluded.q2, q3 = q3 + excluded.q3, q4 = q4 + excluded.q4")?;
        // only a row that lost events can have fallen to zero: it is deleted
        // by its key, not found by scanning the whole table every batch
        let mut pair_gone = tx.prepare_cached("DELETE FROM pair_counts WHERE src = ?1 AND tgt = ?2 AND q1 = 0 AND q2 = 0 AND q3 = 0 AND q4 = 0")?;
        for ((s, t), q) in self.pairs {
            pair.execute(params![s, t, q[0], q[1], q[2], q[3]])?;
            if q.iter().any(|&d| d < 0) {
                pair_gone.execute(params![s, t])?;
            }
        }
        let mut typed = tx.prepare_cached("INSERT INTO type_pair_counts(type, src, tgt, q1, q2, q3, q4) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT(type, src, tgt) DO UPDATE SET q1 = q1 + excluded.q1, q2 = q2 + excluded.q2, q3 = q3 + excluded.q3, q4 = q4 + excluded.q4")?;
        let mut typed_gone = tx.prepare_cached("DELETE FROM type_pair_counts WHERE type = ?1 AND src = ?2 AND tgt = ?3 AND q1 = 0 AND q2 = 0 AND q3 = 0 AND q4 = 0")?;
        for ((kind, s, t), q) in self.type_pairs {
            typed.execute(params![kind, s, t, q[0], q[1], q[2], q[3]])?;
            if q.iter().any(|&d| d < 0) {
                typed_gone.execute(params![kind, s, t])?;
            }
        }
        let mut month = tx.prepare_cached("INSERT INTO key_months(key, month, n) VALUES (?1, ?2, ?3) ON CONFLICT(key, month) DO UPDATE SET n = n + excluded.n")?;
        let mut month_gone =
            tx.prepare_cached("DELETE FROM key_months WHERE key = ?1 AND month = ?2 AND n = 0")?;
        for ((k, m), n) in self.months {
            month.execute(params![k, m, n])?;
            if n < 0 {
                month_gone.execute(params![k, m])?;
            }
        }
        let mut place = tx.prepare_cached("INSERT INTO place_days(place, country, lat, lon, day, q1, q2, q3, q4) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            ON CONFLICT(place, country, lat, lon, day) DO UPDATE SET q1 = q1 + excluded.q1, q2 = q2 + excluded.q2, q3 = q3 + excluded.q3, q4 = q4 + excluded.q4")?;
        for ((name, country, lat, lon, day), q) in self.places {
            let (lat, lon) = (f64::from_bits(lat), f64::from_bits(lon));
            place.execute(params![
                name, country, lat, lon, day, q[0], q[1], q[2], q[3]
            ])?;
        }
        let mut place = tx.prepare_cached("INSERT INTO place_counts(place, country, lat, lon, q1, q2, q3, q4) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            ON CONFLICT(place, country, lat, lon) DO UPDATE SET q1 = q1 + excluded.q1, q2 = q2 + excluded.q2, q3 = q3 + excluded.q3, q4 = q4 + excluded.q4")?;
        for ((name, country, lat, lon), q) in self.place_totals {
            let (lat, lon) = (f64::from_bits(lat), f64::from_bits(lon));
            place.execute(params![name, country, lat, lon, q[0], q[1], q[2], q[3]])?;
        }
        let mut key_place = tx.prepare_cached("INSERT INTO key_place_days(key, day, place, country, lat, lon, q1, q2, q3, q4) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            ON CONFLICT(key, day, place, country, lat, lon) DO UPDATE SET q1 = q1 + excluded.q1, q2 = q2 + excluded.q2, q3 = q3 + excluded.q3, q4 = q4 + excluded.q4")?;
        for ((key, day, name, country, lat, lon), q) in self.key_places {
            let (lat, lon) = (f64::from_bits(lat), f64::from_bits(lon));
            key_place.execute(params![
                key, day, name, country, lat, lon, q[0], q[1], q[2], q[3]
            ])?;
        }
        Ok(())
    }
}

fn distinct_keys(e: &EventFacts) -> Vec<&str> {
    let mut keys: Vec<&str> = e
        .sources
        .iter()
        .chain(&e.targets)
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Refuses blank ids and records with two events of one id (the article
/// page and exports name events by id); the index of the last row of each
/// id (of two rows with one id, the later wins), and the ids given twice.
pub(crate) fn check_batch(records: &[Record]) -> Result<(HashMap<&str, usize>, Vec<String>)> {
    if let Some(r) = records.iter().find(|r| r.id.trim().is_empty()) {
        return Err(StoreError::Invalid(format!(
            "an article has a blank id ({:?}); every article needs one",
            r.id
        )));
    }
    for r in records {
        let mut ids = std::collections::HashSet::with_capacity(r.events.len());
        if let Some(e) = r.events.iter().find(|e| !ids.insert(e.id.as_str())) {
            return Err(StoreError::Invalid(format!(
                "record {} has two events with the id {}",
                r.id, e.id
            )));
        }
    }
    let mut last: HashMap<&str, usize> = HashMap::new();
    let mut repeated = Vec::new();
    for (i, r) in records.iter().enumerate() {
        if last.insert(r.id.as_str(), i).is_some() {
            repeated.push(r.id.clone());
        }
    }
    Ok((last, repeated))
}

/// The countries an article is found under: its actors' and its focus country.
pub(crate) fn article_countries(rec: &Record) -> Vec<&str> {
    let mut countries: Vec<&str> = rec
        .actors
        .iter()
        .filter_map(|a| a.country.as_deref())
        .chain(rec.focus_country.as_deref())
        .collect();
    countries.sort_unstable();
    countries.dedup();
    countries
}

/// The day an event is filed under: its own date to the day, else the day published.
pub(crate) fn event_day(e: &herald_core::EventOut, pub_day: &str) -> String {
    e.date
        .as_ref()
        .filter(|d| d.precision == "day")
        .map(|d| d.value.clone())
        .unwrap_or_else(|| pub_day.to_string())
}

/// Whether an event is said to have happened (neither negated nor hypothetical).
pub(crate) fn is_asserted(e: &herald_core::EventOut) -> bool {
    !e.negated && e.modality != "hypothetical"
}

impl Store {
    /// See [`crate::EventStore::write_batch`].
    pub(crate) fn write_records(&self, records: &[Record]) -> Result<WriteSummary> {
        let (last, repeated) = check_batch(records)?;
        let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let mut conn = self.writer.lock().map_err(|_| StoreError::Busy)?;
        let tx = conn.transaction()?;
        let mut deltas = Deltas::default();
        let mut z = snap::raw::Encoder::new();
        let mut next_eid: i64 =
            tx.query_row("SELECT COALESCE(MAX(eid), 0) + 1 FROM events", [], |r| {
                r.get(0)
            })?;
        let mut summary = WriteSummary {
            repeated,
            ..Default::default()
        };
        for (i, rec) in records.iter().enumerate() {
            if last.get(rec.id.as_str()) != Some(&i) {
                continue;
            }
            if delete_article(&tx, &rec.id, &mut deltas)? {
                summary.replaced += 1;
            }
            insert_article(&tx, rec, &now, &mut deltas, &mut z, &mut next_eid)?;
            summary.stored += 1;
            summary.events += rec.events.len();
        }
        deltas.apply(&tx)?;
        tx.commit()?;
        Ok(summary)
    }
}

/// Removes a stored article and what indexes it; false when none was stored.
fn delete_article(tx: &Transaction, id: &str, deltas: &mut Deltas) -> Result<bool> {
    let old: Option<(i64, Option<String>, String, String, i64, i64)> = tx
        .prepare_cached(
            "SELECT aid, title, text, pub_day, first_eid, n_events FROM articles WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .optional()?;
    let Some((aid, title, text, pub_day, first_eid, n_events)) = old else {
        return Ok(false);
    };
    tx.prepare_cached(
        "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', ?1, ?2, ?3)",
    )?
    .execute(params![aid, title.unwrap_or_default(), text])?;
    let facts: Vec<EventFacts> = {
        let mut stmt = tx.prepare_cached("SELECT eid, day, article_id, quad_class, asserted, sources, targets, place, place_country, lat, lon, type FROM events WHERE eid >= ?1 AND eid < ?2")?;
        let rows = stmt.query_map([first_eid, first_eid + n_events], |r| {
            let keys = |s: String| -> Vec<String> {
                s.split(RECORD)
                    .filter(|a| !a.is_empty())
                    .map(|a| a.split(UNIT).next().unwrap_or("").to_string())
                    .collect()
            };
            let place = match (
                r.get::<_, Option<String>>(7)?,
                r.get::<_, Option<f64>>(9)?,
                r.get::<_, Option<f64>>(10)?,
            ) {
                (Some(p), Some(la), Some(lo)) => Some((
                    p,
                    r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                    la,
                    lo,
                )),
                _ => None,
            };
            Ok(EventFacts {
                eid: r.get(0)?,
                day: r.get(1)?,
                article_id: r.get(2)?,
                kind: r.get(11)?,
                quad: r.get::<_, i64>(3)? as usize,
                asserted: r.get::<_, i64>(4)? != 0,
                sources: keys(r.get(5)?),
                targets: keys(r.get(6)?),
                place,
            })
        })?;
        rows.collect::<std::result::Result<_, _>>()?
    };
    for f in &facts {
        index_event(tx, f, true)?;
        deltas.event(f, -1);
    }
    let parts: (i64, i64, i64) = tx
        .prepare_cached("SELECT n_actors, n_places, n_quotes FROM articles WHERE aid = ?1")?
        .query_row([aid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    tx.prepare_cached("DELETE FROM events WHERE eid >= ?1 AND eid < ?2")?
        .execute([first_eid, first_eid + n_events])?;
    tx.prepare_cached("DELETE FROM articles WHERE aid = ?1")?
        .execute([aid])?;
    tx.prepare_cached("DELETE FROM article_countries WHERE pub_day = ?1 AND article_id = ?2")?
        .execute(params![pub_day, id])?;
    for (name, n) in [
        ("articles", -1),
        ("actors", -parts.0),
        ("places", -parts.1),
        ("quotes", -parts.2),
    ] {
        *deltas.totals.entry(name).or_default() += n;
    }
    Ok(true)
}

/// Adds or removes the index rows of one event (by actor, pair and dyad).
fn index_event(tx: &Transaction, f: &EventFacts, remove: bool) -> Result<()> {
    let (keys_sql, pairs_sql, dyads_sql) = if remove {
        (
            "DELETE FROM event_keys WHERE key = ?1 AND role = ?2 AND day = ?3 AND article_id = ?4 AND eid = ?5 AND ?6 IS NOT NULL",
            "DELETE FROM event_pairs WHERE src = ?1 AND tgt = ?2 AND day = ?3 AND article_id = ?4 AND eid = ?5 AND ?6 IS NOT NULL",
            "DELETE FROM dyads WHERE lo = ?1 AND hi = ?2 AND day = ?3 AND article_id = ?4 AND eid = ?5 AND ?6 IS NOT NULL",
        )
    } else {
        (
            "INSERT OR IGNORE INTO event_keys(key, role, day, article_id, eid, asserted) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            "INSERT OR IGNORE INTO event_pairs(src, tgt, day, article_id, eid, asserted) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            "INSERT OR IGNORE INTO dyads(lo, hi, day, article_id, eid, asserted) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
    };
    let mut keys = tx.prepare_cached(keys_sql)?;
    for (role, list) in [("s", &f.sources), ("t", &f.targets)] {
        for k in list {
            keys.execute(params![k, role, f.day, f.article_id, f.eid, f.asserted])?;
        }
    }
    for k in distinct_keys(f) {
        keys.execute(params![k, "a", f.day, f.article_id, f.eid, f.asserted])?;
    }
    let mut pairs = tx.prepare_cached(pairs_sql)?;
    let mut dyads = tx.prepare_cached(dyads_sql)?;
    for s in &f.sources {
        for t in &f.targets {
            pairs.execute(params![s, t, f.day, f.article_id, f.eid, f.asserted])?;
            let (lo, hi) = if s <= t { (s, t) } else { (t, s) };
            dyads.execute(params![lo, hi, f.day, f.article_id, f.eid, f.asserted])?;
        }
    }
    Ok(())
}

/// Actor key, name and sector of each actor id, packed for `events`.
pub(crate) fn pack_actors(rec: &Record, ids: &[String]) -> (String, Vec<String>) {
    let mut packed = String::new();
    let mut keys = Vec::new();
    for a in ids
        .iter()
        .filter_map(|id| rec.actors.iter().find(|a| &a.id == id))
    {
        if !packed.is_empty() {
            packed.push(RECORD);
        }
        let key = actor_key(a);
        packed.push_str(&key);
        packed.push(UNIT);
        packed.push_str(&a.name);
        packed.push(UNIT);
        packed.push_str(a.sector.map(|s| s.as_str()).unwrap_or(""));
        keys.push(key);
    }
    (packed, keys)
}

/// A record as stored, borrowed: every field of `Record` but its text,
/// which the `articles.text` column holds once (no copy of the record is
/// made to blank it). A field added to `Record` must be added here; the
/// round-trip test below fails until it is.
#[derive(serde::Serialize)]
struct StoredRecord<'a> {
    id: &'a str,
    url: &'a Option<String>,
    title: &'a Option<String>,
    published: &'a Option<String>,
    dateline: &'a Option<herald_core::Dateline>,
    focus_country: &'a Option<String>,
    language: &'a str,
    text: &'a str,
    sentences: &'a [herald_core::SentenceOut],
    entities: &'a [herald_core::Entity],
    actors: &'a [herald_core::ActorOut],
    places: &'a [herald_core::PlaceOut],
    events: &'a [herald_core::EventOut],
    quotes: &'a [herald_core::QuoteOut],
    unresolved: &'a [herald_core::UnresolvedOut],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    warnings: &'a [String],
}

impl<'a> StoredRecord<'a> {
    fn of(r: &'a Record) -> Self {
        StoredRecord {
            id: &r.id,
            url: &r.url,
            title: &r.title,
            published: &r.published,
            dateline: &r.dateline,
            focus_country: &r.focus_country,
            language: &r.language,
            text: "",
            sentences: &r.sentences,
            entities: &r.entities,
            actors: &r.actors,
            places: &r.places,
            events: &r.events,
            quotes: &r.quotes,
            unresolved: &r.unresolved,
            warnings: &r.warnings,
        }
    }
}

/// A record as stored: its JSON, Snappy-compressed (fewer pages to write
/// and to checkpoint; Snappy, not deflate, because the writer's CPU is what
/// ingest at scale waits for). `z` is reused across the records of a batch.
pub(crate) fn pack_record(rec: &Record, z: &mut snap::raw::Encoder) -> std::io::Result<Vec<u8>> {
    let json = serde_json::to_vec(&StoredRecord::of(rec))?;
    z.compress_vec(&json).map_err(std::io::Error::other)
}

/// A stored record back (its text is stored apart and set by the caller).
pub(crate) fn unpack_record(packed: &[u8]) -> std::io::Result<Record> {
    let json = snap::raw::Decoder::new()
        .decompress_vec(packed)
        .map_err(std::io::Error::other)?;
    Ok(serde_json::from_slice(&json)?)
}

fn insert_article(
    tx: &Transaction,
    rec: &Record,
    now: &str,
    deltas: &mut Deltas,
    z: &mut snap::raw::Encoder,
    next_eid: &mut i64,
) -> Result<()> {
    // the text is stored once, in its column; the record JSON goes without it
    let json =
        pack_record(rec, z).map_err(|e| StoreError::Invalid(format!("record {}: {e}", rec.id)))?;
    let pub_day = rec.published.clone().unwrap_or_default();
    tx.prepare_cached(
        "INSERT INTO articles(id, url, title, published, pub_day, focus_country, first_eid, n_events, n_actors, n_places, n_quotes, text, record, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        rec.id,
        rec.url,
        rec.title,
        rec.published,
        pub_day,
        rec.focus_country,
        *next_eid,
        rec.events.len() as i64,
        rec.actors.len() as i64,
        rec.places.len() as i64,
        rec.quotes.len() as i64,
        rec.text,
        json,
        now
    ])?;
    let aid = tx.last_insert_rowid();
    tx.prepare_cached("INSERT INTO articles_fts(rowid, title, text) VALUES (?1, ?2, ?3)")?
        .execute(params![aid, rec.title.as_deref().unwrap_or(""), rec.text])?;
    let countries = article_countries(rec);
    let mut country = tx.prepare_cached(
        "INSERT INTO article_countries(country, pub_day, article_id, aid) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for c in countries {
        country.execute(params![c, pub_day, rec.id, aid])?;
    }
    insert_events(tx, rec, aid, &pub_day, deltas, next_eid)?;
    for (name, n) in [
        ("articles", 1),
        ("actors", rec.actors.len() as i64),
        ("places", rec.places.len() as i64),
        ("quotes", rec.quotes.len() as i64),
    ] {
        *deltas.totals.entry(name).or_default() += n;
    }
    Ok(())
}

fn insert_events(
    tx: &Transaction,
    rec: &Record,
    aid: i64,
    pub_day: &str,
    deltas: &mut Deltas,
    next_eid: &mut i64,
) -> Result<()> {
    let mut event = tx.prepare_cached(
        "INSERT INTO events(eid, aid, article_id, event_id, type, mode, quad_class, cameo, date, date_precision, day,
                            place_id, place, place_country, lat, lon, location_basis,
                            sentence_index, sentence, trigger, negated, modality, confidence, quote_id, asserted, sources, targets)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)",
    )?;
    for e in &rec.events {
        let place = e
            .location
            .as_ref()
            .and_then(|l| rec.places.iter().find(|p| &p.id == l));
        let day = event_day(e, pub_day);
        let asserted = is_asserted(e);
        let (sources_packed, sources) = pack_actors(rec, &e.source);
        let (targets_packed, targets) = pack_actors(rec, &e.target);
        let eid = *next_eid;
        *next_eid += 1;
        event.execute(params![
            eid,
            aid,
            rec.id,
            e.id,
            e.kind.as_str(),
            e.mode,
            e.quad_class as i64,
            e.cameo,
            e.date.as_ref().map(|d| d.value.clone()),
            e.date.as_ref().map(|d| d.precision.clone()),
            day,
            e.location,
            place.map(|p| p.name.clone()),
            place.and_then(|p| p.country.clone()),
            place.and_then(|p| p.lat),
            place.and_then(|p| p.lon),
            e.location_basis,
            e.sentence as i64,
            sentence_text(rec, e),
            e.trigger.text,
            e.negated as i64,
            e.modality,
            e.confidence,
            e.quote,
            asserted as i64,
            sources_packed,
            targets_packed,
        ])?;
        let facts = EventFacts {
            eid,
            day,
            article_id: rec.id.clone(),
            kind: e.kind.as_str().to_string(),
            quad: e.quad_class as usize,
            asserted,
            sources,
            targets,
            place: place.and_then(|p| {
                Some((
                    p.name.clone(),
                    p.country.clone().unwrap_or_default(),
                    p.lat?,
                    p.lon?,
                ))
            }),
        };
        index_event(tx, &facts, false)?;
        deltas.event(&facts, 1);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_packed_and_unpacked_is_the_record_without_its_text() {
        let rec: Record = serde_json::from_value(serde_json::json!({
            "id": "a1", "url": "https://example.org/a1", "title": "Talks", "published": "2024-05-16",
            "dateline": {"place": "p1", "agency": "Reuters", "text": "KYIV"},
            "focus_country": "UKR", "language": "en", "text": "Kyiv and Warsaw met.",
            "sentences": [{"start": 0, "end": 20}],
            "entities": [], "actors": [], "places": [], "events": [], "quotes": [],
            "unresolved": [], "warnings": ["a warning"]
        }))
        .expect("a record");
        let mut z = snap::raw::Encoder::new();
        let back = unpack_record(&pack_record(&rec, &mut z).expect("packed")).expect("unpacked");
        assert_eq!(
            back,
            Record {
                text: String::new(),
                ..rec.clone()
            }
        );
        // the compressor is reused: a second record packs as well
        let again = unpack_record(&pack_record(&rec, &mut z).expect("packed")).expect("unpacked");
        assert_eq!(again, back);
    }
}
