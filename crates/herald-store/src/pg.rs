//! The PostgreSQL store: the same [`EventStore`] as the SQLite one, for
//! many writers and readers on other machines (`--db postgres://…`).
//!
//! One `events` table carries, beside each event's columns, arrays of its
//! actor keys (`skeys`, `tkeys`, `akeys`) and of its unordered actor pairs
//! (`dyads`); every actor filter is a lookup in the GIN index of `akeys` or
//! `dyads` (a source or target filter is checked on `skeys`/`tkeys` after:
//! two more GIN indexes cost more at ingest than they save). Full-text
//! search is a `tsvector` column with a GIN index, made by Herald and sent
//! in binary; the commonest words are bits of `stop_words` instead (see
//! [`STOP_WORDS`]); the record (already
//! Snappy-compressed) is stored without a second compression and the text
//! with lz4 where the server has it. A
//! batch is one transaction of two multi-row inserts (articles, then their
//! events); replacing an article deletes it and its events (one statement;
//! no foreign key, whose check would lock the article row once per event).
//! Queries are in `pg_read.rs`. Rows sort by bytes (`COLLATE "C"`) as SQLite sorts them, so pages and
//! exports come out in the same order from both stores.

use crate::sqlite::{
    article_countries, check_batch, event_day, is_asserted, pack_actors, pack_record,
};
use crate::*;
use postgres::error::SqlState;
use postgres::{Client, Config, NoTls};
use std::collections::HashMap;
use std::sync::{Condvar, Mutex};

/// Bumped when the layout changes; older databases are refused with advice.
const PG_LAYOUT: i32 = 2;

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
    tsv TSVECTOR NOT NULL, stop_words BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_by_day ON articles(pub_day, id);
CREATE INDEX IF NOT EXISTS articles_by_country ON articles USING GIN(countries);
-- a 16 MiB pending list: new words are merged into the index in bulk, not article by article
CREATE INDEX IF NOT EXISTS articles_by_words ON articles USING GIN(tsv) WITH (gin_pending_list_limit = 16384);
CREATE TABLE IF NOT EXISTS events(
    -- no primary key: nothing looks an event up by eid alone, and
    -- events_by_day ends with it
    eid BIGSERIAL,
    -- no foreign key: its check locks the article row once per event;
    -- the writer deletes an article's events with it
    aid BIGINT NOT NULL,
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
-- columns no query filters on get no planner statistics: ANALYZE (run by
-- autovacuum as the tables grow) then reads only what plans need
ALTER TABLE articles
    ALTER COLUMN url SET STATISTICS 0,
    ALTER COLUMN title SET STATISTICS 0,
    ALTER COLUMN published SET STATISTICS 0,
    ALTER COLUMN focus_country SET STATISTICS 0,
    ALTER COLUMN n_events SET STATISTICS 0,
    ALTER COLUMN n_actors SET STATISTICS 0,
    ALTER COLUMN n_places SET STATISTICS 0,
    ALTER COLUMN n_quotes SET STATISTICS 0,
    ALTER COLUMN text SET STATISTICS 0,
    ALTER COLUMN record SET STATISTICS 0,
    ALTER COLUMN ingested_at SET STATISTICS 0,
    ALTER COLUMN seq SET STATISTICS 0;
ALTER TABLE events
    ALTER COLUMN event_id SET STATISTICS 0,
    ALTER COLUMN mode SET STATISTICS 0,
    ALTER COLUMN cameo SET STATISTICS 0,
    ALTER COLUMN date SET STATISTICS 0,
    ALTER COLUMN date_precision SET STATISTICS 0,
    ALTER COLUMN place_id SET STATISTICS 0,
    ALTER COLUMN place_country SET STATISTICS 0,
    ALTER COLUMN location_basis SET STATISTICS 0,
    ALTER COLUMN sentence_index SET STATISTICS 0,
    ALTER COLUMN sentence SET STATISTICS 0,
    ALTER COLUMN trigger SET STATISTICS 0,
    ALTER COLUMN negated SET STATISTICS 0,
    ALTER COLUMN modality SET STATISTICS 0,
    ALTER COLUMN confidence SET STATISTICS 0,
    ALTER COLUMN quote_id SET STATISTICS 0,
    ALTER COLUMN sources SET STATISTICS 0,
    ALTER COLUMN targets SET STATISTICS 0;
DO $$ BEGIN
    ALTER TABLE articles ALTER COLUMN text SET COMPRESSION lz4;
    ALTER TABLE articles ALTER COLUMN tsv SET COMPRESSION lz4;
EXCEPTION WHEN OTHERS THEN NULL;
END $$;
"#;

/// Separates the elements of a packed list; pairs join their two keys with [`PAIR`].
const LIST: char = '\u{1f}';
pub(crate) const PAIR: char = '\u{1e}';

/// Bytes of an article the full-text index reads (a `tsvector` holds at most 1 MiB).
pub(crate) const INDEXED_BYTES: usize = 200_000;

/// The words of a text as the full-text index keeps them: runs of letters
/// and digits, lower-cased, each once, in byte order. Index and queries
/// both go through here (not PostgreSQL's parser, which costs the server
/// more CPU than the rest of a write), so they always split words alike.
pub(crate) fn words(text: &str) -> Vec<&str> {
    keyed_words(text).into_iter().map(|(_, w)| w).collect()
}

/// [`words`] with each one's [`prefix_key`]: sorted on the keys, whole
/// words only on a tie, so most comparisons are one integer's.
fn keyed_words<'a>(text: &'a str) -> Vec<(u64, &'a str)> {
    let mut keyed: Vec<(u64, &str)> = Vec::with_capacity(text.len() / 6);
    let mut push = |w: &'a str| {
        if w.len() < 2048 {
            keyed.push((prefix_key(w), w));
        }
    };
    // runs of letters and digits; ASCII bytes are told apart without
    // decoding a character
    let mut start = None;
    let mut i = 0;
    while i < text.len() {
        let b = text.as_bytes()[i];
        let (word_char, len) = if b < 0x80 {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_alphanumeric(), c.len_utf8())
        };
        match (word_char, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
        i += len;
    }
    if let Some(s) = start {
        push(&text[s..]);
    }
    keyed.sort_unstable();
    keyed.dedup_by(|a, b| a.1 == b.1);
    keyed
}

/// A word's first eight bytes as a big-endian integer: integers order as
/// the words do (no word holds a NUL byte to tie with the padding).
const fn prefix_key(w: &str) -> u64 {
    let bytes = w.as_bytes();
    let mut key = 0u64;
    let mut i = 0;
    while i < 8 {
        key = (key << 8) | if i < bytes.len() { bytes[i] as u64 } else { 0 };
        i += 1;
    }
    key
}

/// Words too common to earn entries in the full-text index: each costs
/// it at ingest as much as a rare word, they are a fifth of an article's
/// distinct words, and no one searches for them alone. An article keeps
/// which of them it holds as the bits of `stop_words` (bit i: the i-th
/// word here), which a search checks beside the index. Sorted.
pub(crate) const STOP_WORDS: [&str; 60] = [
    "a", "about", "all", "also", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can",
    "do", "for", "from", "had", "has", "have", "he", "her", "his", "i", "if", "in", "into", "is",
    "it", "its", "no", "not", "of", "on", "or", "out", "s", "she", "so", "t", "than", "that",
    "the", "their", "them", "there", "they", "this", "to", "up", "was", "we", "were", "when",
    "which", "who", "will", "with", "would", "you",
];

/// The [`prefix_key`]s of the stop words, in the same order: none is longer
/// than eight bytes, so a word is a stop word if its key is here.
const STOP_KEYS: [u64; STOP_WORDS.len()] = {
    let mut keys = [0u64; STOP_WORDS.len()];
    let mut i = 0;
    while i < keys.len() {
        assert!(STOP_WORDS[i].len() <= 8);
        keys[i] = prefix_key(STOP_WORDS[i]);
        i += 1;
    }
    keys
};

/// The bit of `stop_words` that stands for `word`, if it is a stop word.
pub(crate) fn stop_bit(word: &str) -> Option<i64> {
    stop_bit_of(prefix_key(word), word)
}

fn stop_bit_of(key: u64, word: &str) -> Option<i64> {
    if word.len() > 8 {
        return None;
    }
    STOP_KEYS.binary_search(&key).ok().map(|i| 1i64 << i)
}

/// An article's words as a `tsvector` in PostgreSQL's binary form (what
/// `tsvectorsend` writes: a count, then each lexeme NUL-ended with no
/// positions). Sent sorted and each once, they are neither parsed nor
/// sorted again by the server.
#[derive(Debug)]
pub(crate) struct Lexemes(Vec<u8>);

impl Lexemes {
    /// The title's and text's words (the text's first [`INDEXED_BYTES`])
    /// but the stop words, and the bits of those it holds.
    fn of(title: Option<&str>, text: &str) -> (Lexemes, i64) {
        let mut end = text.len().min(INDEXED_BYTES);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        // lower-cased once, whole (a word never spans the newline)
        let lower = format!("{}\n{}", title.unwrap_or(""), &text[..end]).to_lowercase();
        let mut stop_words = 0i64;
        let mut ws = keyed_words(&lower);
        ws.retain(|&(key, w)| match stop_bit_of(key, w) {
            Some(bit) => {
                stop_words |= bit;
                false
            }
            None => true,
        });
        let mut out = Vec::with_capacity(4 + ws.iter().map(|(_, w)| w.len() + 3).sum::<usize>());
        out.extend_from_slice(&(ws.len() as i32).to_be_bytes());
        for (_, w) in ws {
            out.extend_from_slice(w.as_bytes());
            out.push(0);
            out.extend_from_slice(&0u16.to_be_bytes());
        }
        (Lexemes(out), stop_words)
    }
}

impl postgres::types::ToSql for Lexemes {
    fn to_sql(
        &self,
        _ty: &postgres::types::Type,
        out: &mut bytes::BytesMut,
    ) -> std::result::Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>>
    {
        out.extend_from_slice(&self.0);
        Ok(postgres::types::IsNull::No)
    }

    fn accepts(ty: &postgres::types::Type) -> bool {
        *ty == postgres::types::Type::TS_VECTOR
    }

    postgres::types::to_sql_checked!();
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
        let mut writer = connect_writer(&config, schema.as_deref(), url)?;
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
    pub(crate) fn read<T>(
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
        // "error connecting to server" says little without its cause
        let cause = std::error::Error::source(&e)
            .map(|c| format!(" ({c})"))
            .unwrap_or_default();
        StoreError::Schema(format!(
            "cannot connect to PostgreSQL at {}: {e}{cause}",
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

/// Memory the writer's session may use to move the full-text index's
/// pending words into the index: with the server's default (4 MB) it moves
/// a full pending list in several passes over the index; with this the
/// server spent about 12 % less CPU an article (`herald ingest` of 20,000
/// articles, `scripts/pg-ingest-cost.sh`, alternated pairs).
const WRITER_WORK_MEM: &str = "64MB";

/// A connection for the store's one writer.
fn connect_writer(config: &Config, schema: Option<&str>, url: &str) -> Result<Client> {
    let mut client = connect(config, schema, url)?;
    client.batch_execute(&format!("SET work_mem = '{WRITER_WORK_MEM}'"))?;
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
    lexemes: Vec<Lexemes>,
    stop_words: Vec<i64>,
    counts: [Vec<i64>; 4],
    text: Vec<String>,
    record: Vec<Vec<u8>>,
}

impl ArticleColumns {
    fn push(&mut self, rec: &Record, seq: i64, z: &mut snap::raw::Encoder) -> Result<()> {
        let packed = pack_record(rec, z)
            .map_err(|e| StoreError::Invalid(format!("record {}: {e}", rec.id)))?;
        let countries = article_countries(rec);
        self.id.push(rec.id.clone());
        self.seq.push(seq);
        self.url.push(rec.url.clone());
        self.title.push(rec.title.clone());
        self.published.push(rec.published.clone());
        self.pub_day.push(rec.published.clone().unwrap_or_default());
        self.focus.push(rec.focus_country.clone());
        self.countries.push(join(countries));
        let (lexemes, stop_words) = Lexemes::of(rec.title.as_deref(), &rec.text);
        self.lexemes.push(lexemes);
        self.stop_words.push(stop_words);
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
                n_events, n_actors, n_places, n_quotes, text, record, ingested_at, tsv, stop_words)
             SELECT u.id, u.seq, u.url, u.title, u.published, u.pub_day, u.focus, string_to_array(u.countries, chr(31)),
                u.ne, u.na, u.np, u.nq, u.text, u.record, $15, u.lexemes, u.stop_words
             FROM unnest($1::text[], $2::int8[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                $9::int8[], $10::int8[], $11::int8[], $12::int8[], $13::text[], $14::bytea[], $16::tsvector[], $17::int8[])
                WITH ORDINALITY AS u(id, seq, url, title, published, pub_day, focus, countries, ne, na, np, nq, text, record, lexemes, stop_words, ord)
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
                &self.stop_words,
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
            self.day.push(event_day(e, &pub_day));
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
            self.asserted.push(is_asserted(e));
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

impl PgStore {
    /// Writes a batch in one transaction. With `seqs` (each record's place
    /// in the input), a stored article of a later place is kept, so the
    /// later row wins whichever writer stores it first; without, every row
    /// replaces what is stored (`herald ingest`).
    pub(crate) fn write(&self, records: &[Record], seqs: Option<&[u64]>) -> Result<WriteSummary> {
        let (last, repeated) = check_batch(records)?;
        let mut guard = self.writer.lock().map_err(|_| StoreError::Busy)?;
        let writer = guard.as_mut().ok_or(StoreError::Busy)?;
        if writer.is_closed() {
            *writer = connect_writer(&self.config, self.schema.as_deref(), "the store")?;
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
            .filter(|(i, r)| {
                seqs.is_none() || stored_seq.get(&r.id).is_none_or(|&s| s <= seq_of(*i))
            })
            .map(|(i, _)| i)
            .collect();
        let replace: Vec<&str> = keep
            .iter()
            .map(|&i| records[i].id.as_str())
            .filter(|id| stored_seq.contains_key(*id))
            .collect();
        if !replace.is_empty() {
            tx.execute(
                "WITH gone AS (DELETE FROM articles WHERE id = ANY($1) RETURNING aid)
                 DELETE FROM events WHERE aid IN (SELECT aid FROM gone)",
                &[&replace],
            )?;
        }
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

    /// The words of a binary `tsvector`, in order.
    fn lexeme_words(l: &Lexemes) -> Vec<String> {
        let count = i32::from_be_bytes(l.0[..4].try_into().unwrap()) as usize;
        let mut rest = &l.0[4..];
        let mut out = Vec::new();
        for _ in 0..count {
            let nul = rest.iter().position(|&b| b == 0).unwrap();
            out.push(String::from_utf8(rest[..nul].to_vec()).unwrap());
            assert_eq!(&rest[nul + 1..nul + 3], &[0, 0], "no positions");
            rest = &rest[nul + 3..];
        }
        assert!(rest.is_empty());
        out
    }

    #[test]
    fn index_and_queries_split_words_alike_and_take_no_syntax() {
        let (lexemes, stop_words) =
            Lexemes::of(Some("Talks in Geneva"), "Geneva talks: Lavrov's 'no'.");
        assert_eq!(lexeme_words(&lexemes), ["geneva", "lavrov", "talks"]);
        let bits = |ws: &[&str]| {
            ws.iter()
                .map(|w| stop_bit(w).unwrap())
                .fold(0, |a, b| a | b)
        };
        assert_eq!(stop_words, bits(&["in", "no", "s"]));
        assert_eq!(
            crate::pg_read::word_search("Lavrov's | !talks"),
            Some(crate::pg_read::WordSearch {
                indexed: Some("'lavrov' & 'talks'".to_string()),
                stop_words: bits(&["s"]),
                every: "'lavrov' & 's' & 'talks'".to_string(),
            })
        );
        assert_eq!(
            crate::pg_read::word_search("The"),
            Some(crate::pg_read::WordSearch {
                indexed: None,
                stop_words: bits(&["the"]),
                every: "'the'".to_string(),
            })
        );
        assert_eq!(crate::pg_read::word_search("' ; -- ()"), None);
        // a cut inside a character keeps the text valid
        let long = format!("{}yé", "x ".repeat((INDEXED_BYTES - 1) / 2));
        assert_eq!(lexeme_words(&Lexemes::of(None, &long).0), ["x", "y"]);
    }

    #[test]
    fn words_split_where_letters_and_digits_end_in_any_script() {
        let text = "l’été—2024: naïve co-op ٣٤ Ⅻ x_y tab\tend 日本語。ok ...";
        let mut by_chars: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        by_chars.sort_unstable();
        by_chars.dedup();
        assert_eq!(words(text), by_chars);
        assert!(words(text).contains(&"日本語"));
        // a longer word that begins like a stop word is not one
        assert_eq!(stop_bit("therefore"), None);
        assert_eq!(stop_bit("theirs"), None);
        assert!(stop_bit("their").is_some());
    }

    #[test]
    fn stop_words_are_sorted_fit_one_bigint_and_are_words() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(STOP_WORDS.len() <= 64);
        for w in STOP_WORDS {
            assert_eq!(words(w), [w], "{w} is one word as the index splits them");
        }
    }

    #[test]
    fn words_come_in_byte_order_each_once_as_the_server_sorts_them() {
        // ties on the first eight bytes, prefixes, non-ASCII and digits
        let text = "internationally international intern inter 2024 été zebra inter été 10 1";
        assert_eq!(
            words(text),
            [
                "1",
                "10",
                "2024",
                "inter",
                "intern",
                "international",
                "internationally",
                "zebra",
                "été"
            ]
        );
    }
}
