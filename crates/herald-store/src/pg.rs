//! The PostgreSQL store: the same [`EventStore`] as the SQLite one, for
//! many writers and readers on other machines (`--db postgres://…`).
//!
//! One `events` table carries, beside each event's columns, arrays of its
//! actor keys (`skeys`, `tkeys`, `akeys`) and of its unordered actor pairs
//! (`dyads`); every actor filter is a lookup in the GIN index of `akeys` or
//! `dyads` (a source or target filter is checked on `skeys`/`tkeys` after:
//! two more GIN indexes cost more at ingest than they save). Full-text
//! search is a `tsvector` column with a GIN index; the record (already
//! Snappy-compressed) is stored without a second compression and the text
//! with lz4 where the server has it. A
//! batch is one transaction of two multi-row inserts (articles, then their
//! events); replacing an article deletes it, and its events go with it.
//! Rows sort by bytes (`COLLATE "C"`) as SQLite sorts them, so pages and
//! exports come out in the same order from both stores.

use crate::read::{
    add_pairs, add_week, cursor, links_from, map_from, uncursor, unpack, weeks_from, FacetTally,
    PlaceKey, EVENT_COLUMNS, FACET_CAP, SCAN_CAP,
};
use crate::sqlite::{pack_actors, pack_record, unpack_record};
use crate::*;
use postgres::error::SqlState;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::ToSql;
use postgres::{Client, Config, NoTls, Row};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Condvar, Mutex};

/// Bumped when the layout changes; older databases are refused with advice.
const PG_LAYOUT: i32 = 1;

const PG_SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS herald_layout(version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS articles(
    aid BIGSERIAL PRIMARY KEY,
    id TEXT COLLATE "C" NOT NULL UNIQUE,
    seq BIGINT NOT NULL,
    url TEXT, title TEXT, published TEXT, pub_day TEXT COLLATE "C" NOT NULL, focus_country TEXT,
    countries TEXT[] NOT NULL,
    n_events BIGINT NOT NULL, n_actors BIGINT NOT NULL, n_places BIGINT NOT NULL, n_quotes BIGINT NOT NULL,
    text TEXT NOT NULL, record BYTEA NOT NULL, ingested_at TEXT NOT NULL,
    tsv TSVECTOR NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_by_day ON articles(pub_day, id);
CREATE INDEX IF NOT EXISTS articles_by_country ON articles USING GIN(countries);
CREATE INDEX IF NOT EXISTS articles_by_words ON articles USING GIN(tsv);
CREATE TABLE IF NOT EXISTS events(
    eid BIGSERIAL PRIMARY KEY,
    aid BIGINT NOT NULL REFERENCES articles(aid) ON DELETE CASCADE,
    article_id TEXT COLLATE "C" NOT NULL, event_id TEXT NOT NULL,
    type TEXT NOT NULL, mode TEXT, quad_class BIGINT NOT NULL, cameo TEXT NOT NULL,
    date TEXT, date_precision TEXT, day TEXT COLLATE "C" NOT NULL,
    place_id TEXT, place TEXT COLLATE "C", place_country TEXT COLLATE "C", lat DOUBLE PRECISION, lon DOUBLE PRECISION,
    location_basis TEXT, sentence_index BIGINT NOT NULL, sentence TEXT NOT NULL, trigger TEXT NOT NULL,
    negated BOOLEAN NOT NULL, modality TEXT NOT NULL, confidence DOUBLE PRECISION NOT NULL,
    quote_id TEXT, asserted BOOLEAN NOT NULL, sources TEXT NOT NULL, targets TEXT NOT NULL,
    skeys TEXT[] NOT NULL, tkeys TEXT[] NOT NULL, akeys TEXT[] NOT NULL, dyads TEXT[] NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_day ON events(day, article_id, eid);
CREATE INDEX IF NOT EXISTS events_by_article ON events(aid);
CREATE INDEX IF NOT EXISTS events_by_type ON events(type, day);
CREATE INDEX IF NOT EXISTS events_by_place ON events(place, day);
CREATE INDEX IF NOT EXISTS events_by_actor ON events USING GIN(akeys);
CREATE INDEX IF NOT EXISTS events_by_dyad ON events USING GIN(dyads);
ALTER TABLE articles ALTER COLUMN record SET STORAGE EXTERNAL;
DO $$ BEGIN
    ALTER TABLE articles ALTER COLUMN text SET COMPRESSION lz4;
EXCEPTION WHEN OTHERS THEN NULL;
END $$;
"#;

/// Separates the elements of a packed list; pairs join their two keys with [`PAIR`].
const LIST: char = '\u{1f}';
const PAIR: char = '\u{1e}';

/// Bytes of an article the full-text index reads (a `tsvector` holds at most 1 MiB).
const INDEXED_BYTES: usize = 200_000;

/// The words of a text as the full-text index keeps them: runs of letters
/// and digits, lower-cased, each once. Index and queries both go through
/// here (not PostgreSQL's parser, which costs the server more CPU than
/// the rest of a write), so they always split words alike.
fn words(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && w.len() < 2048)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A `tsvector` literal of an article's title and text.
fn tsvector_literal(title: Option<&str>, text: &str) -> String {
    let mut end = text.len().min(INDEXED_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // lower-cased once, whole (a word never spans the newline)
    let lower = format!("{}\n{}", title.unwrap_or(""), &text[..end]).to_lowercase();
    let mut literal = String::with_capacity(lower.len() / 2);
    for w in words(&lower) {
        if !literal.is_empty() {
            literal.push(' ');
        }
        literal.push('\'');
        literal.push_str(w);
        literal.push('\'');
    }
    literal
}

/// A `tsquery` literal that matches articles holding every word of `text`
/// (operators and quotes in it are words or nothing, never syntax).
fn tsquery_literal(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let ws = words(&lower);
    (!ws.is_empty()).then(|| {
        ws.iter()
            .take(16)
            .map(|w| format!("'{w}'"))
            .collect::<Vec<_>>()
            .join(" & ")
    })
}

/// Whether `db` names a PostgreSQL database rather than a SQLite file.
pub fn is_postgres_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// The PostgreSQL store: one writer connection and a pool of readers.
pub struct PgStore {
    config: Config,
    schema: Option<String>,
    /// Always some until the store is dropped.
    writer: Mutex<Option<Client>>,
    readers: ClientPool,
}

impl Drop for PgStore {
    fn drop(&mut self) {
        // a client closes by blocking on a runtime of its own, which tokio
        // refuses on a runtime's thread (a server shutting down): close them
        // on a thread of their own
        let mut clients: Vec<Client> = self
            .readers
            .free
            .get_mut()
            .map(std::mem::take)
            .unwrap_or_default();
        if let Ok(w) = self.writer.get_mut() {
            clients.extend(w.take());
        }
        let _ = std::thread::spawn(move || drop(clients)).join();
    }
}

struct ClientPool {
    free: Mutex<Vec<Client>>,
    returned: Condvar,
}

struct Lease<'a> {
    pool: &'a ClientPool,
    client: Option<Client>,
}

impl std::ops::Deref for Lease<'_> {
    type Target = Client;
    fn deref(&self) -> &Client {
        self.client.as_ref().expect("leased")
    }
}

impl std::ops::DerefMut for Lease<'_> {
    fn deref_mut(&mut self) -> &mut Client {
        self.client.as_mut().expect("leased")
    }
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        if let (Some(c), Ok(mut free)) = (self.client.take(), self.pool.free.lock()) {
            free.push(c);
            self.pool.returned.notify_one();
        }
    }
}

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        StoreError::Pg(e)
    }
}

impl PgStore {
    /// Connects to the database `url`; with `create`, makes the tables
    /// when there are none, else a database without them is an error.
    pub fn open(url: &str, create: bool) -> Result<PgStore> {
        Self::open_in_schema(url, None, create)
    }

    /// As [`PgStore::open`], with the tables in `schema` (made when
    /// missing): tests give each store a schema of its own.
    pub fn open_in_schema(url: &str, schema: Option<&str>, create: bool) -> Result<PgStore> {
        let config: Config = url.parse().map_err(|e| {
            StoreError::Schema(format!("{} is not a PostgreSQL URL: {e}", redact(url)))
        })?;
        let schema = schema.map(str::to_string);
        let connect = || connect(&config, schema.as_deref(), url);
        let mut writer = connect()?;
        prepare_pg_schema(&mut writer, create, url)?;
        let readers = (0..crate::sqlite::read_connections())
            .map(|_| connect())
            .collect::<Result<Vec<_>>>()?;
        Ok(PgStore {
            config,
            schema,
            writer: Mutex::new(Some(writer)),
            readers: ClientPool {
                free: Mutex::new(readers),
                returned: Condvar::new(),
            },
        })
    }

    fn lease(&self, ctl: &QueryControl) -> Result<Lease<'_>> {
        let mut free = self.readers.free.lock().map_err(|_| StoreError::Busy)?;
        let give_up = std::time::Instant::now() + Duration::from_secs(5);
        loop {
            if let Some(mut client) = free.pop() {
                if client.is_closed() {
                    client = connect(&self.config, self.schema.as_deref(), "the store")?;
                }
                return Ok(Lease {
                    pool: &self.readers,
                    client: Some(client),
                });
            }
            let now = std::time::Instant::now();
            if now >= give_up || ctl.must_stop() {
                return Err(StoreError::Busy);
            }
            free = self
                .readers
                .returned
                .wait_timeout(free, give_up - now)
                .map_err(|_| StoreError::Busy)?
                .0;
        }
    }

    /// Runs `f` on a reader within `ctl`'s time limit; a set cancel flag
    /// cancels the statement on the server.
    fn read<T>(
        &self,
        ctl: &QueryControl,
        f: impl FnOnce(&mut Client) -> std::result::Result<T, StoreError>,
    ) -> Result<T> {
        if ctl.must_stop() {
            return Err(stop_reason(ctl));
        }
        let mut client = self.lease(ctl)?;
        let ms = ctl.deadline.map_or(0, |d| {
            d.saturating_duration_since(Instant::now())
                .as_millis()
                .max(1)
        });
        client.batch_execute(&format!("SET statement_timeout = {ms}"))?;
        let token = client.cancel_token();
        let done = AtomicBool::new(false);
        let result = std::thread::scope(|s| {
            if let Some(flag) = ctl.cancel.clone() {
                let (done, token) = (&done, &token);
                s.spawn(move || {
                    while !done.load(Ordering::Relaxed) {
                        if flag.load(Ordering::Relaxed) {
                            let _ = token.cancel_query(NoTls);
                            return;
                        }
                        std::thread::sleep(Duration::from_millis(20));
                    }
                });
            }
            let r = f(&mut client);
            done.store(true, Ordering::Relaxed);
            r
        });
        result.map_err(|e| match e {
            StoreError::Pg(e) if e.code() == Some(&SqlState::QUERY_CANCELED) => stop_reason(ctl),
            e => e,
        })
    }
}

fn stop_reason(ctl: &QueryControl) -> StoreError {
    if ctl.cancelled() {
        StoreError::Cancelled
    } else {
        StoreError::TimedOut
    }
}

/// The URL without its password, for messages.
pub(crate) fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let auth = &url[s + 3..at];
            match auth.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

fn connect(config: &Config, schema: Option<&str>, url: &str) -> Result<Client> {
    let mut client = config.connect(NoTls).map_err(|e| {
        StoreError::Schema(format!(
            "cannot connect to PostgreSQL at {}: {e}",
            redact(url)
        ))
    })?;
    if let Some(s) = schema {
        let quoted = format!("\"{}\"", s.replace('"', "\"\""));
        client.batch_execute(&format!(
            "CREATE SCHEMA IF NOT EXISTS {quoted}; SET search_path TO {quoted}"
        ))?;
    }
    Ok(client)
}

fn prepare_pg_schema(client: &mut Client, create: bool, url: &str) -> Result<()> {
    let exists: bool = client
        .query_one("SELECT to_regclass('herald_layout') IS NOT NULL", &[])?
        .try_get(0)?;
    if exists {
        let version: Option<i32> = client
            .query_opt("SELECT version FROM herald_layout", &[])?
            .map(|r| r.try_get(0))
            .transpose()?;
        if version != Some(PG_LAYOUT) {
            return Err(StoreError::Schema(format!(
                "{} holds a Herald store of another layout ({version:?}; this version reads {PG_LAYOUT}); ingest the articles again into a new database",
                redact(url)
            )));
        }
        return Ok(());
    }
    if !create {
        return Err(StoreError::Schema(format!(
            "no Herald store in {} (create one with `herald ingest --db URL FILE...`, or give --create)",
            redact(url)
        )));
    }
    // two processes may create the tables at once: one does, under a lock
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock(72657261)", &[])?;
    tx.batch_execute(PG_SCHEMA)?;
    if tx
        .query_opt("SELECT version FROM herald_layout", &[])?
        .is_none()
    {
        tx.execute(
            "INSERT INTO herald_layout(version) VALUES ($1)",
            &[&PG_LAYOUT],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// The columns of a batch of articles, one array each, for one insert.
#[derive(Default)]
struct ArticleColumns {
    id: Vec<String>,
    seq: Vec<i64>,
    url: Vec<Option<String>>,
    title: Vec<Option<String>>,
    published: Vec<Option<String>>,
    pub_day: Vec<String>,
    focus: Vec<Option<String>>,
    countries: Vec<String>,
    lexemes: Vec<String>,
    counts: [Vec<i64>; 4],
    text: Vec<String>,
    record: Vec<Vec<u8>>,
}

impl ArticleColumns {
    fn push(&mut self, rec: &Record, seq: i64, z: &mut snap::raw::Encoder) -> Result<()> {
        let packed = pack_record(rec, z)
            .map_err(|e| StoreError::Invalid(format!("record {}: {e}", rec.id)))?;
        let mut countries: Vec<&str> = rec
            .actors
            .iter()
            .filter_map(|a| a.country.as_deref())
            .chain(rec.focus_country.as_deref())
            .collect();
        countries.sort_unstable();
        countries.dedup();
        self.id.push(rec.id.clone());
        self.seq.push(seq);
        self.url.push(rec.url.clone());
        self.title.push(rec.title.clone());
        self.published.push(rec.published.clone());
        self.pub_day.push(rec.published.clone().unwrap_or_default());
        self.focus.push(rec.focus_country.clone());
        self.countries.push(join(countries));
        self.lexemes
            .push(tsvector_literal(rec.title.as_deref(), &rec.text));
        for (col, n) in self.counts.iter_mut().zip([
            rec.events.len(),
            rec.actors.len(),
            rec.places.len(),
            rec.quotes.len(),
        ]) {
            col.push(n as i64);
        }
        self.text.push(rec.text.clone());
        self.record.push(packed);
        Ok(())
    }

    fn insert(&self, tx: &mut postgres::Transaction, now: &str) -> Result<HashMap<String, i64>> {
        let sql = "INSERT INTO articles(id, seq, url, title, published, pub_day, focus_country, countries,
                n_events, n_actors, n_places, n_quotes, text, record, ingested_at, tsv)
             SELECT u.id, u.seq, u.url, u.title, u.published, u.pub_day, u.focus, string_to_array(u.countries, chr(31)),
                u.ne, u.na, u.np, u.nq, u.text, u.record, $15, u.lexemes::tsvector
             FROM unnest($1::text[], $2::int8[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                $9::int8[], $10::int8[], $11::int8[], $12::int8[], $13::text[], $14::bytea[], $16::text[])
                WITH ORDINALITY AS u(id, seq, url, title, published, pub_day, focus, countries, ne, na, np, nq, text, record, lexemes, ord)
             ORDER BY u.ord
             RETURNING id, aid";
        let [ne, na, np, nq] = &self.counts;
        let rows = tx.query(
            sql,
            &[
                &self.id,
                &self.seq,
                &self.url,
                &self.title,
                &self.published,
                &self.pub_day,
                &self.focus,
                &self.countries,
                ne,
                na,
                np,
                nq,
                &self.text,
                &self.record,
                &now,
                &self.lexemes,
            ],
        )?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect()
    }
}

fn join<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    let mut out = String::new();
    for (i, s) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(LIST);
        }
        out.push_str(s.as_ref());
    }
    out
}

/// The columns of a batch of events, one array each.
#[derive(Default)]
struct EventColumns {
    aid: Vec<i64>,
    article_id: Vec<String>,
    event_id: Vec<String>,
    kind: Vec<String>,
    mode: Vec<Option<String>>,
    quad: Vec<i64>,
    cameo: Vec<String>,
    date: Vec<Option<String>>,
    precision: Vec<Option<String>>,
    day: Vec<String>,
    place_id: Vec<Option<String>>,
    place: Vec<Option<String>>,
    place_country: Vec<Option<String>>,
    lat: Vec<Option<f64>>,
    lon: Vec<Option<f64>>,
    basis: Vec<Option<String>>,
    sentence_index: Vec<i64>,
    sentence: Vec<String>,
    trigger: Vec<String>,
    negated: Vec<bool>,
    modality: Vec<String>,
    confidence: Vec<f64>,
    quote: Vec<Option<String>>,
    asserted: Vec<bool>,
    sources: Vec<String>,
    targets: Vec<String>,
    skeys: Vec<String>,
    tkeys: Vec<String>,
    akeys: Vec<String>,
    dyads: Vec<String>,
}

impl EventColumns {
    fn push_record(&mut self, rec: &Record, aid: i64) {
        let pub_day = rec.published.clone().unwrap_or_default();
        for e in &rec.events {
            let place = e
                .location
                .as_ref()
                .and_then(|l| rec.places.iter().find(|p| &p.id == l));
            let (sources_packed, sources) = pack_actors(rec, &e.source);
            let (targets_packed, targets) = pack_actors(rec, &e.target);
            let mut all: Vec<&String> = sources.iter().chain(&targets).collect();
            all.sort_unstable();
            all.dedup();
            let mut dyads: Vec<String> = Vec::new();
            for s in &sources {
                for t in &targets {
                    let (lo, hi) = if s <= t { (s, t) } else { (t, s) };
                    dyads.push(format!("{lo}{PAIR}{hi}"));
                }
            }
            dyads.sort_unstable();
            dyads.dedup();
            self.aid.push(aid);
            self.article_id.push(rec.id.clone());
            self.event_id.push(e.id.clone());
            self.kind.push(e.kind.as_str().to_string());
            self.mode.push(e.mode.clone());
            self.quad.push(e.quad_class as i64);
            self.cameo.push(e.cameo.clone());
            self.date.push(e.date.as_ref().map(|d| d.value.clone()));
            self.precision
                .push(e.date.as_ref().map(|d| d.precision.clone()));
            self.day.push(
                e.date
                    .as_ref()
                    .filter(|d| d.precision == "day")
                    .map(|d| d.value.clone())
                    .unwrap_or_else(|| pub_day.clone()),
            );
            self.place_id.push(e.location.clone());
            self.place.push(place.map(|p| p.name.clone()));
            self.place_country
                .push(place.and_then(|p| p.country.clone()));
            self.lat.push(place.and_then(|p| p.lat));
            self.lon.push(place.and_then(|p| p.lon));
            self.basis.push(e.location_basis.clone());
            self.sentence_index.push(e.sentence as i64);
            self.sentence.push(sentence_text(rec, e));
            self.trigger.push(e.trigger.text.clone());
            self.negated.push(e.negated);
            self.modality.push(e.modality.clone());
            self.confidence.push(e.confidence);
            self.quote.push(e.quote.clone());
            self.asserted
                .push(!e.negated && e.modality != "hypothetical");
            self.sources.push(sources_packed);
            self.targets.push(targets_packed);
            self.skeys.push(join(&sources));
            self.tkeys.push(join(&targets));
            self.akeys.push(join(all));
            self.dyads.push(join(dyads));
        }
    }

    fn insert(&self, tx: &mut postgres::Transaction) -> Result<()> {
        if self.aid.is_empty() {
            return Ok(());
        }
        let sql = "INSERT INTO events(aid, article_id, event_id, type, mode, quad_class, cameo, date, date_precision, day,
                place_id, place, place_country, lat, lon, location_basis, sentence_index, sentence, trigger,
                negated, modality, confidence, quote_id, asserted, sources, targets, skeys, tkeys, akeys, dyads)
             SELECT u.aid, u.article_id, u.event_id, u.type, u.mode, u.quad, u.cameo, u.date, u.prec, u.day,
                u.place_id, u.place, u.place_country, u.lat, u.lon, u.basis, u.si, u.sentence, u.trigger,
                u.negated, u.modality, u.confidence, u.quote, u.asserted, u.sources, u.targets,
                string_to_array(u.skeys, chr(31)), string_to_array(u.tkeys, chr(31)),
                string_to_array(u.akeys, chr(31)), string_to_array(u.dyads, chr(31))
             FROM unnest($1::int8[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int8[], $7::text[], $8::text[],
                $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::float8[], $15::float8[], $16::text[],
                $17::int8[], $18::text[], $19::text[], $20::bool[], $21::text[], $22::float8[], $23::text[], $24::bool[],
                $25::text[], $26::text[], $27::text[], $28::text[], $29::text[], $30::text[])
                WITH ORDINALITY AS u(aid, article_id, event_id, type, mode, quad, cameo, date, prec, day,
                place_id, place, place_country, lat, lon, basis, si, sentence, trigger,
                negated, modality, confidence, quote, asserted, sources, targets, skeys, tkeys, akeys, dyads, ord)
             ORDER BY u.ord";
        tx.execute(
            sql,
            &[
                &self.aid,
                &self.article_id,
                &self.event_id,
                &self.kind,
                &self.mode,
                &self.quad,
                &self.cameo,
                &self.date,
                &self.precision,
                &self.day,
                &self.place_id,
                &self.place,
                &self.place_country,
                &self.lat,
                &self.lon,
                &self.basis,
                &self.sentence_index,
                &self.sentence,
                &self.trigger,
                &self.negated,
                &self.modality,
                &self.confidence,
                &self.quote,
                &self.asserted,
                &self.sources,
                &self.targets,
                &self.skeys,
                &self.tkeys,
                &self.akeys,
                &self.dyads,
            ],
        )?;
        Ok(())
    }
}

/// Refuses blank ids and records with two events of one id; the index of
/// the last row of each id, and the ids given more than once.
fn check_batch(records: &[Record]) -> Result<(HashMap<&str, usize>, Vec<String>)> {
    if let Some(r) = records.iter().find(|r| r.id.trim().is_empty()) {
        return Err(StoreError::Invalid(format!(
            "an article has a blank id ({:?}); every article needs one",
            r.id
        )));
    }
    for r in records {
        let mut ids = HashSet::with_capacity(r.events.len());
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

impl PgStore {
    /// Writes a batch in one transaction. With `seqs` (each record's place
    /// in the input), a stored article of a later place is kept, so the
    /// later row wins whichever writer stores it first.
    fn write(&self, records: &[Record], seqs: Option<&[u64]>) -> Result<WriteSummary> {
        let (last, repeated) = check_batch(records)?;
        let mut guard = self.writer.lock().map_err(|_| StoreError::Busy)?;
        let writer = guard.as_mut().ok_or(StoreError::Busy)?;
        if writer.is_closed() {
            *writer = connect(&self.config, self.schema.as_deref(), "the store")?;
        }
        let mut tx = writer.transaction()?;
        let ids: Vec<String> = {
            let mut ids: Vec<String> = last.keys().map(|s| s.to_string()).collect();
            ids.sort_unstable();
            ids
        };
        // writers of the same ids take their locks in one order: no deadlock
        tx.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(i, 0)) FROM (SELECT i FROM unnest($1::text[]) i ORDER BY hashtextextended(i, 0)) l",
            &[&ids],
        )?;
        let stored_seq: HashMap<String, i64> = tx
            .query("SELECT id, seq FROM articles WHERE id = ANY($1)", &[&ids])?
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect::<Result<_>>()?;
        let seq_of = |i: usize| seqs.map_or(0, |s| s.get(i).copied().unwrap_or(0) as i64);
        let keep: Vec<usize> = records
            .iter()
            .enumerate()
            .filter(|(i, r)| last.get(r.id.as_str()) == Some(i))
            .filter(|(i, r)| stored_seq.get(&r.id).is_none_or(|&s| s <= seq_of(*i)))
            .map(|(i, _)| i)
            .collect();
        let replace: Vec<&str> = keep
            .iter()
            .map(|&i| records[i].id.as_str())
            .filter(|id| stored_seq.contains_key(*id))
            .collect();
        tx.execute("DELETE FROM articles WHERE id = ANY($1)", &[&replace])?;
        let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let mut z = snap::raw::Encoder::new();
        let mut articles = ArticleColumns::default();
        for &i in &keep {
            articles.push(&records[i], seq_of(i), &mut z)?;
        }
        let aids = articles.insert(&mut tx, &now)?;
        let mut events = EventColumns::default();
        for &i in &keep {
            events.push_record(&records[i], aids[&records[i].id]);
        }
        events.insert(&mut tx)?;
        tx.commit()?;
        Ok(WriteSummary {
            stored: keep.len(),
            replaced: replace.len(),
            repeated,
            events: keep.iter().map(|&i| records[i].events.len()).sum(),
        })
    }
}

type Arg = Box<dyn ToSql + Sync + Send>;

/// The WHERE of an event query and its arguments ($1, $2, … in order).
#[derive(Default)]
struct PgPlan {
    conds: Vec<String>,
    args: Vec<Arg>,
}

impl PgPlan {
    fn new(q: &EventQuery) -> PgPlan {
        let mut p = PgPlan::default();
        if let Some(c) = &q.country {
            p.cond("e.akeys @> ARRAY[{}]::text[]", c.clone());
        }
        if let Some((a, b)) = &q.pair {
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            p.cond("e.dyads @> ARRAY[{}]::text[]", format!("{lo}{PAIR}{hi}"));
        }
        // the actor index finds the rows, the role's array checks them
        if let Some(s) = &q.source {
            p.cond("e.akeys @> ARRAY[{}]::text[]", s.clone());
            let n = p.args.len();
            p.conds.push(format!("e.skeys @> ARRAY[${n}]::text[]"));
        }
        if let Some(t) = &q.target {
            p.cond("e.akeys @> ARRAY[{}]::text[]", t.clone());
            let n = p.args.len();
            p.conds.push(format!("e.tkeys @> ARRAY[${n}]::text[]"));
        }
        if !q.include_negated {
            p.conds.push("e.asserted".into());
        }
        if let Some(t) = &q.kind {
            p.cond("e.type = {}", t.to_ascii_uppercase());
        }
        if let Some(qc) = q.quad_class {
            p.cond("e.quad_class = {}", qc as i64);
        }
        if let Some(f) = &q.from {
            p.cond("e.day >= {}", f.clone());
        }
        if let Some(t) = &q.to {
            p.cond("e.day <= {}", t.clone());
        }
        if let Some(pl) = &q.place {
            p.cond("e.place = {}", pl.clone());
        }
        if let Some(a) = &q.article {
            p.cond("e.article_id = {}", a.clone());
        }
        p
    }

    /// Adds a condition whose `{}` is the next argument.
    fn cond(&mut self, sql: &str, value: impl ToSql + Sync + Send + 'static) {
        self.args.push(Box::new(value));
        self.conds
            .push(sql.replace("{}", &format!("${}", self.args.len())));
    }

    fn where_sql(&self) -> String {
        if self.conds.is_empty() {
            "TRUE".into()
        } else {
            self.conds.join(" AND ")
        }
    }

    fn params(&self) -> Vec<&(dyn ToSql + Sync)> {
        params(&self.args)
    }
}

fn event_row(r: &Row) -> Result<(EventRow, String, i64)> {
    let (source, source_names, source_sectors) = unpack(&r.try_get::<_, String>(22)?);
    let (target, target_names, target_sectors) = unpack(&r.try_get::<_, String>(23)?);
    let row = EventRow {
        article_id: r.try_get(0)?,
        event_id: r.try_get(1)?,
        kind: r.try_get(2)?,
        mode: r.try_get(3)?,
        quad_class: r.try_get(4)?,
        cameo: r.try_get(5)?,
        date: r.try_get(6)?,
        date_precision: r.try_get(7)?,
        place: r.try_get(8)?,
        place_country: r.try_get(9)?,
        lat: r.try_get(10)?,
        lon: r.try_get(11)?,
        location_basis: r.try_get(12)?,
        sentence_index: r.try_get(13)?,
        sentence: r.try_get(14)?,
        trigger: r.try_get(15)?,
        negated: r.try_get(16)?,
        modality: r.try_get(17)?,
        confidence: r.try_get(18)?,
        title: r.try_get(19)?,
        url: r.try_get(20)?,
        published: r.try_get(21)?,
        source,
        source_names,
        source_sectors,
        target,
        target_names,
        target_sectors,
    };
    Ok((row, r.try_get(24)?, r.try_get(25)?))
}

/// How many rows `sql` (a SELECT) yields, counting at most [`TOTAL_CAP`] + 1.
fn pg_capped_count(
    c: &mut Client,
    from_where: &str,
    params: &[&(dyn ToSql + Sync)],
) -> Result<Total> {
    let sql = format!(
        "SELECT count(*) FROM (SELECT 1 FROM {from_where} LIMIT {}) t",
        TOTAL_CAP + 1
    );
    let n: i64 = c.query_one(&sql, params)?.try_get(0)?;
    let n = n as u64;
    Ok(Total {
        count: n.min(TOTAL_CAP),
        at_least: n > TOTAL_CAP,
    })
}

fn bad_cursor(after: &str) -> StoreError {
    StoreError::Invalid(format!("`after` is not a page cursor: {after:?}"))
}

fn pg_event_page(c: &mut Client, q: &EventQuery) -> Result<EventPage> {
    let mut p = PgPlan::new(q);
    let total = pg_capped_count(c, &format!("events e WHERE {}", p.where_sql()), &p.params())?;
    let (dir, cmp) = if q.sort == Sort::Oldest {
        ("ASC", ">")
    } else {
        ("DESC", "<")
    };
    if let Some(after) = &q.after {
        let k = uncursor(after, 3)?;
        let eid: i64 = k[2].parse().map_err(|_| bad_cursor(after))?;
        let n = p.args.len();
        p.args.push(Box::new(k[0].clone()));
        p.args.push(Box::new(k[1].clone()));
        p.args.push(Box::new(eid));
        p.conds.push(format!(
            "(e.day, e.article_id, e.eid) {cmp} (${}, ${}, ${})",
            n + 1,
            n + 2,
            n + 3
        ));
    }
    let limit = if q.limit == 0 {
        100_000
    } else {
        q.limit.min(100_000)
    };
    let sql = format!(
        "SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.aid = e.aid WHERE {}
         ORDER BY e.day {dir}, e.article_id {dir}, e.eid {dir} LIMIT {}",
        p.where_sql(),
        limit + 1
    );
    let mut rows = c
        .query(&sql, &p.params())?
        .iter()
        .map(event_row)
        .collect::<Result<Vec<_>>>()?;
    let more = rows.len() > limit;
    rows.truncate(limit);
    let next = if more {
        rows.last()
            .map(|(e, day, eid)| cursor(&[day, &e.article_id, &eid.to_string()]))
    } else {
        None
    };
    Ok(EventPage {
        events: rows.into_iter().map(|(e, _, _)| e).collect(),
        total,
        next,
    })
}

fn params(args: &[Arg]) -> Vec<&(dyn ToSql + Sync)> {
    args.iter()
        .map(|a| a.as_ref() as &(dyn ToSql + Sync))
        .collect()
}

/// Adds `v` to the arguments; its placeholder.
fn bind(args: &mut Vec<Arg>, v: String) -> String {
    args.push(Box::new(v));
    format!("${}", args.len())
}

fn pg_search(c: &mut Client, q: &ArticleQuery) -> Result<ArticlePage> {
    let mut args: Vec<Arg> = Vec::new();
    let mut conds: Vec<String> = Vec::new();
    let tsquery = q.text.as_deref().and_then(tsquery_literal).map(|lit| {
        let n = bind(&mut args, lit);
        format!("{n}::text::tsquery")
    });
    if let Some(tq) = &tsquery {
        conds.push(format!("a.tsv @@ {tq}"));
    }
    if let Some(country) = &q.country {
        let n = bind(&mut args, country.clone());
        conds.push(format!("a.countries @> ARRAY[{n}]::text[]"));
    }
    if let Some(d) = &q.from {
        let n = bind(&mut args, d.clone());
        conds.push(format!("a.pub_day >= {n}"));
    }
    if let Some(d) = &q.to {
        let n = bind(&mut args, d.clone());
        conds.push(format!("a.pub_day <= {n} AND a.pub_day != ''"));
    }
    let where_sql = |conds: &[String]| {
        if conds.is_empty() {
            "TRUE".to_string()
        } else {
            conds.join(" AND ")
        }
    };
    let total = pg_capped_count(
        c,
        &format!("articles a WHERE {}", where_sql(&conds)),
        &params(&args),
    )?;
    let limit = q.limit.clamp(1, 1000);
    let relevance = q.sort == Sort::Relevance && tsquery.is_some();
    let mut offset = 0usize;
    let order = if relevance {
        if let Some(after) = &q.after {
            offset = uncursor(after, 1)?[0]
                .parse::<usize>()
                .map_err(|_| bad_cursor(after))?
                .min(10_000);
        }
        format!(
            "ts_rank(a.tsv, {}) DESC, a.pub_day DESC, a.id DESC",
            tsquery.as_deref().unwrap_or("''")
        )
    } else {
        let (dir, cmp) = if q.sort == Sort::Oldest {
            ("ASC", ">")
        } else {
            ("DESC", "<")
        };
        if let Some(after) = &q.after {
            let k = uncursor(after, 2)?;
            let d = bind(&mut args, k[0].clone());
            let i = bind(&mut args, k[1].clone());
            conds.push(format!("(a.pub_day, a.id) {cmp} ({d}, {i})"));
        }
        format!("a.pub_day {dir}, a.id {dir}")
    };
    let snippet = match &tsquery {
        Some(tq) => format!("ts_headline('simple', left(a.text, {INDEXED_BYTES}), {tq}, 'StartSel=\"\", StopSel=\"\", MaxWords=24, MinWords=8, MaxFragments=1, FragmentDelimiter=\" … \"')"),
        None => "NULL::text".to_string(),
    };
    let sql = format!(
        "SELECT a.id, a.title, a.url, a.published, a.focus_country, a.n_events, {snippet}, a.pub_day
         FROM articles a WHERE {} ORDER BY {order} LIMIT {} OFFSET {offset}",
        where_sql(&conds),
        limit + 1
    );
    let mut rows: Vec<(ArticleSummary, String)> = c
        .query(&sql, &params(&args))?
        .iter()
        .map(|r| {
            Ok((
                ArticleSummary {
                    id: r.try_get(0)?,
                    title: r.try_get(1)?,
                    url: r.try_get(2)?,
                    published: r.try_get(3)?,
                    focus_country: r.try_get(4)?,
                    events: r.try_get(5)?,
                    snippet: r.try_get(6)?,
                },
                r.try_get(7)?,
            ))
        })
        .collect::<Result<_>>()?;
    let more = rows.len() > limit;
    rows.truncate(limit);
    let next = match (more, rows.last()) {
        (true, Some(_)) if relevance => Some(cursor(&[&(offset + limit).to_string()])),
        (true, Some((a, day))) => Some(cursor(&[day, &a.id])),
        _ => None,
    };
    Ok(ArticlePage {
        articles: rows.into_iter().map(|(a, _)| a).collect(),
        total,
        next,
    })
}

fn pg_facets(c: &mut Client, q: &EventQuery) -> Result<Facets> {
    let p = PgPlan::new(q);
    let sql = format!(
        "SELECT e.type, e.quad_class, coalesce(e.mode, ''), e.modality, e.sources, e.targets FROM events e WHERE {}
         ORDER BY e.day DESC, e.article_id DESC, e.eid DESC LIMIT {}",
        p.where_sql(),
        FACET_CAP + 1
    );
    let mut tally = FacetTally::default();
    for r in c.query(&sql, &p.params())? {
        if tally.counted as usize == FACET_CAP {
            return Ok(tally.finish(true));
        }
        tally.add(
            r.try_get(0)?,
            r.try_get(1)?,
            r.try_get(2)?,
            r.try_get(3)?,
            &r.try_get::<_, String>(4)?,
            &r.try_get::<_, String>(5)?,
        );
    }
    Ok(tally.finish(false))
}

fn pg_network(c: &mut Client, q: &EventQuery, limit: usize) -> Result<Network> {
    let p = PgPlan::new(q);
    let sql = format!(
        "SELECT e.sources, e.targets, e.quad_class FROM events e WHERE {}
         ORDER BY e.day DESC, e.article_id DESC, e.eid DESC LIMIT {}",
        p.where_sql(),
        SCAN_CAP + 1
    );
    let rows = c.query(&sql, &p.params())?;
    let mut pairs: BTreeMap<(String, String), [i64; 4]> = BTreeMap::new();
    for r in rows.iter().take(SCAN_CAP) {
        add_pairs(
            &mut pairs,
            &r.try_get::<_, String>(0)?,
            &r.try_get::<_, String>(1)?,
            r.try_get(2)?,
            None,
        );
    }
    Ok(Network {
        capped: rows.len() > SCAN_CAP,
        ..links_from(pairs, limit)
    })
}

fn pg_map(c: &mut Client, q: &EventQuery) -> Result<MapData> {
    let p = PgPlan::new(q);
    let sql = format!(
        "SELECT e.place, coalesce(e.place_country, ''), e.lat, e.lon,
            min(NULLIF(e.day, '')), max(NULLIF(e.day, '')),
            count(*) FILTER (WHERE e.quad_class = 1), count(*) FILTER (WHERE e.quad_class = 2),
            count(*) FILTER (WHERE e.quad_class = 3), count(*) FILTER (WHERE e.quad_class = 4)
         FROM events e WHERE {} AND e.lat IS NOT NULL AND e.lon IS NOT NULL AND e.place IS NOT NULL
         GROUP BY 1, 2, 3, 4",
        p.where_sql()
    );
    let mut clusters: BTreeMap<PlaceKey, [i64; 4]> = BTreeMap::new();
    let (mut first, mut last): (Option<String>, Option<String>) = (None, None);
    for r in c.query(&sql, &p.params())? {
        let key = (
            r.try_get(0)?,
            r.try_get(1)?,
            r.try_get::<_, f64>(2)?.to_bits(),
            r.try_get::<_, f64>(3)?.to_bits(),
        );
        let counts = [r.try_get(6)?, r.try_get(7)?, r.try_get(8)?, r.try_get(9)?];
        if counts.iter().sum::<i64>() > 0 {
            if let Some(day) = r.try_get::<_, Option<String>>(4)? {
                first = Some(first.map_or(day.clone(), |f: String| f.min(day)));
            }
            if let Some(day) = r.try_get::<_, Option<String>>(5)? {
                last = Some(last.map_or(day.clone(), |l: String| l.max(day)));
            }
        }
        let cl = clusters.entry(key).or_default();
        for (c, n) in cl.iter_mut().zip(counts) {
            *c += n;
        }
    }
    Ok(map_from(clusters, first, last, false))
}

fn pg_timeline(c: &mut Client, a: &str, b: &str) -> Result<Vec<Week>> {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let dyad = format!("{lo}{PAIR}{hi}");
    let mut weeks: BTreeMap<String, [i64; 4]> = BTreeMap::new();
    for r in c.query(
        "SELECT e.day, e.quad_class FROM events e WHERE e.dyads @> ARRAY[$1]::text[] AND e.day != '' AND e.asserted",
        &[&dyad],
    )? {
        add_week(&mut weeks, &r.try_get::<_, String>(0)?, r.try_get(1)?);
    }
    Ok(weeks_from(weeks))
}

fn pg_actor(c: &mut Client, key: &str) -> Result<ActorSummary> {
    let months = c
        .query(
            "SELECT substr(e.day, 1, 7) m, count(*) FROM events e
             WHERE e.akeys @> ARRAY[$1]::text[] AND e.asserted AND length(e.day) >= 7 GROUP BY m ORDER BY m",
            &[&key],
        )?
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .collect::<Result<_>>()?;
    let mut pairs: BTreeMap<(String, String), [i64; 4]> = BTreeMap::new();
    for r in c.query(
        "SELECT e.sources, e.targets, e.quad_class FROM events e WHERE e.akeys @> ARRAY[$1]::text[] AND e.asserted",
        &[&key],
    )? {
        add_pairs(
            &mut pairs,
            &r.try_get::<_, String>(0)?,
            &r.try_get::<_, String>(1)?,
            r.try_get(2)?,
            Some(key),
        );
    }
    Ok(ActorSummary {
        key: key.to_string(),
        months,
        partners: links_from(pairs, 20).links,
    })
}

impl EventStore for PgStore {
    fn write_batch(&self, records: &[Record]) -> Result<WriteSummary> {
        self.write(records, None)
    }

    fn write_in_order(&self, records: &[Record], seqs: &[u64]) -> Result<WriteSummary> {
        self.write(records, Some(seqs))
    }

    fn article(&self, id: &str, ctl: &QueryControl) -> Result<Option<Record>> {
        let row = self.read(ctl, |c| {
            Ok(c.query_opt("SELECT record, text FROM articles WHERE id = $1", &[&id])?)
        })?;
        let Some(row) = row else {
            return Ok(None);
        };
        let packed: Vec<u8> = row.try_get(0)?;
        let mut rec = unpack_record(&packed)
            .map_err(|e| StoreError::Schema(format!("stored record {id} is unreadable: {e}")))?;
        rec.text = row.try_get(1)?;
        Ok(Some(rec))
    }

    fn counts(&self, ctl: &QueryControl) -> Result<Counts> {
        self.read(ctl, |c| {
            let r = c.query_one(
                "SELECT count(*), coalesce(sum(n_events), 0)::int8, coalesce(sum(n_actors), 0)::int8,
                        coalesce(sum(n_places), 0)::int8, coalesce(sum(n_quotes), 0)::int8 FROM articles",
                &[],
            )?;
            Ok(Counts {
                articles: r.try_get(0)?,
                events: r.try_get(1)?,
                actors: r.try_get(2)?,
                places: r.try_get(3)?,
                quotes: r.try_get(4)?,
            })
        })
    }

    fn search(&self, q: &ArticleQuery, ctl: &QueryControl) -> Result<ArticlePage> {
        self.read(ctl, |c| pg_search(c, q))
    }

    fn events(&self, q: &EventQuery, ctl: &QueryControl) -> Result<EventPage> {
        self.read(ctl, |c| pg_event_page(c, q))
    }

    fn for_each_event(
        &self,
        q: &EventQuery,
        ctl: &QueryControl,
        each: &mut dyn FnMut(EventRow) -> ControlFlow<()>,
    ) -> Result<()> {
        let p = PgPlan::new(q);
        let dir = if q.sort == Sort::Oldest {
            "ASC"
        } else {
            "DESC"
        };
        let limit = if q.limit == 0 {
            "ALL".to_string()
        } else {
            q.limit.to_string()
        };
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.aid = e.aid WHERE {}
             ORDER BY e.day {dir}, e.article_id {dir}, e.eid {dir} LIMIT {limit}",
            p.where_sql()
        );
        self.read(ctl, |c| {
            let mut rows = c.query_raw(&sql, p.params())?;
            while let Some(r) = rows.next()? {
                if each(event_row(&r)?.0).is_break() {
                    break;
                }
            }
            Ok(())
        })
    }

    fn facets(&self, q: &EventQuery, ctl: &QueryControl) -> Result<Facets> {
        self.read(ctl, |c| pg_facets(c, q))
    }

    fn timeline(&self, a: &str, b: &str, ctl: &QueryControl) -> Result<Vec<Week>> {
        self.read(ctl, |c| pg_timeline(c, a, b))
    }

    fn network(&self, q: &EventQuery, limit: usize, ctl: &QueryControl) -> Result<Network> {
        self.read(ctl, |c| pg_network(c, q, limit))
    }

    fn map(&self, q: &EventQuery, ctl: &QueryControl) -> Result<MapData> {
        self.read(ctl, |c| pg_map(c, q))
    }

    fn actor(&self, key: &str, ctl: &QueryControl) -> Result<ActorSummary> {
        self.read(ctl, |c| pg_actor(c, key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_is_told_from_a_file_and_its_password_is_never_shown() {
        assert!(is_postgres_url("postgres://herald@localhost:5433/herald"));
        assert!(is_postgres_url("postgresql://h@db/x"));
        assert!(!is_postgres_url("herald.db"));
        assert!(!is_postgres_url("./postgres.db"));
        assert_eq!(
            redact("postgres://herald:s3cret@db:5432/news"),
            "postgres://herald:***@db:5432/news"
        );
        assert_eq!(
            redact("postgres://herald@db/news"),
            "postgres://herald@db/news"
        );
    }

    #[test]
    fn index_and_queries_split_words_alike_and_take_no_syntax() {
        assert_eq!(
            tsvector_literal(Some("Talks in Geneva"), "Geneva talks: Lavrov's 'no'."),
            "'geneva' 'in' 'lavrov' 'no' 's' 'talks'"
        );
        assert_eq!(
            tsquery_literal("Lavrov's | !talks"),
            Some("'lavrov' & 's' & 'talks'".to_string())
        );
        assert_eq!(tsquery_literal("' ; -- ()"), None);
        // a cut inside a character keeps the text valid
        let long = format!("{}yé", "x ".repeat((INDEXED_BYTES - 1) / 2));
        assert_eq!(tsvector_literal(None, &long), "'x' 'y'");
    }

    #[test]
    fn a_filter_binds_each_value_as_an_argument_never_as_sql() {
        let p = PgPlan::new(&EventQuery {
            country: Some("RUS'; DROP TABLE events; --".into()),
            pair: Some(("USA".into(), "RUS".into())),
            kind: Some("consult".into()),
            ..Default::default()
        });
        assert_eq!(
            p.where_sql(),
            "e.akeys @> ARRAY[$1]::text[] AND e.dyads @> ARRAY[$2]::text[] AND e.asserted AND e.type = $3"
        );
        assert_eq!(p.args.len(), 3);
    }
}
