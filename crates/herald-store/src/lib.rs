//! The embedded store: coded articles with their actors, places, events and
//! quotes in one SQLite file (WAL mode), full-text search over titles and
//! texts (FTS5), and the queries the web UI and `herald export` ask.
//!
//! Owns all SQL in Herald. An article is written whole or not at all: a
//! batch is one transaction, and writing an article id that is already
//! stored replaces it (nothing is duplicated).

pub mod csv;

use herald_core::{ActorOut, EventOut, Record};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, ToSql};
use serde::Serialize;
use std::ops::ControlFlow;
use std::path::Path;

pub use rusqlite::Error as StoreError;

pub type Result<T> = std::result::Result<T, StoreError>;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS articles(
    id TEXT PRIMARY KEY,
    url TEXT, title TEXT, published TEXT, focus_country TEXT,
    n_events INTEGER NOT NULL,
    record TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS actors(
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
    country TEXT, org TEXT, sector TEXT, role TEXT,
    PRIMARY KEY(article_id, actor_id)
);
CREATE INDEX IF NOT EXISTS actors_name ON actors(name);
CREATE TABLE IF NOT EXISTS places(
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    place_id TEXT NOT NULL, name TEXT NOT NULL, country TEXT,
    lat REAL, lon REAL, geonames_id INTEGER,
    PRIMARY KEY(article_id, place_id)
);
CREATE TABLE IF NOT EXISTS events(
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL, type TEXT NOT NULL, mode TEXT,
    quad_class INTEGER NOT NULL, cameo TEXT NOT NULL,
    date TEXT, date_precision TEXT, day TEXT,
    place_id TEXT, place TEXT, place_country TEXT, lat REAL, lon REAL, location_basis TEXT,
    sentence_index INTEGER NOT NULL, sentence TEXT NOT NULL, trigger TEXT NOT NULL,
    negated INTEGER NOT NULL, modality TEXT NOT NULL, confidence REAL NOT NULL,
    quote_id TEXT,
    PRIMARY KEY(article_id, event_id)
);
CREATE INDEX IF NOT EXISTS events_type ON events(type);
CREATE INDEX IF NOT EXISTS events_day ON events(day);
CREATE TABLE IF NOT EXISTS event_actors(
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL,
    role TEXT NOT NULL CHECK(role IN ('source', 'target')),
    actor_id TEXT NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL, sector TEXT
);
CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors(article_id, event_id);
CREATE INDEX IF NOT EXISTS event_actors_key ON event_actors(key, role);
CREATE TABLE IF NOT EXISTS quotes(
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    quote_id TEXT NOT NULL, speaker_id TEXT, speaker TEXT, kind TEXT NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY(article_id, quote_id)
);
";

/// The code an actor is counted under, as the scorer of SCHEMA.md keys it:
/// its country, else `IMG` for transnational armed groups, else its
/// international body's code, else `-`.
pub fn actor_key(a: &ActorOut) -> String {
    a.country
        .clone()
        .or_else(|| (a.sector.map(|s| s.as_str()) == Some("IMG")).then(|| "IMG".to_string()))
        .or_else(|| a.org.clone())
        .unwrap_or_else(|| "-".to_string())
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
    pub limit: usize,
    pub offset: usize,
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
    /// Source or target.
    pub country: Option<String>,
    pub source: Option<String>,
    pub target: Option<String>,
    /// Event day on or after / on or before (YYYY-MM-DD).
    pub from: Option<String>,
    pub to: Option<String>,
    pub place: Option<String>,
    pub article: Option<String>,
    pub include_negated: bool,
    pub limit: usize,
    pub offset: usize,
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
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Counts {
    pub articles: i64,
    pub events: i64,
    pub actors: i64,
    pub places: i64,
    pub quotes: i64,
}

pub struct Store {
    conn: Connection,
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

impl Store {
    /// Opens (creating if needed) the store at `path`, in WAL mode.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path)?;
        Self::setup(conn)
    }

    /// A store in memory, for tests.
    pub fn in_memory() -> Result<Store> {
        Self::setup(Connection::open_in_memory()?)
    }

    fn setup(conn: Connection) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // journal_mode answers with a row
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
        conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")?;
        conn.execute_batch(SCHEMA)?;
        Ok(Store { conn })
    }

    /// Writes a batch of records in one transaction; an article already
    /// stored under the same id is replaced. Returns the number written.
    pub fn write_batch(&mut self, records: &[Record]) -> Result<usize> {
        let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let tx = self.conn.transaction()?;
        for rec in records {
            write_record(&tx, rec, &now)?;
        }
        tx.commit()?;
        Ok(records.len())
    }

    /// The stored record of an article.
    pub fn article(&self, id: &str) -> Result<Option<Record>> {
        let json: Option<String> = self
            .conn
            .query_row("SELECT record FROM articles WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
    }

    pub fn counts(&self) -> Result<Counts> {
        let n = |table: &str| -> Result<i64> {
            self.conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        };
        Ok(Counts {
            articles: n("articles")?,
            events: n("events")?,
            actors: n("actors")?,
            places: n("places")?,
            quotes: n("quotes")?,
        })
    }

    /// Articles matching the query, newest first (best match first for text).
    pub fn search(&self, q: &ArticleQuery) -> Result<Vec<ArticleSummary>> {
        let mut sql =
            String::from("SELECT a.id, a.title, a.url, a.published, a.focus_country, a.n_events, ");
        let mut args: Vec<Box<dyn ToSql>> = Vec::new();
        let fts = q.text.as_deref().and_then(fts_query);
        if let Some(f) = &fts {
            sql.push_str("snippet(articles_fts, 2, '', '', ' … ', 12) FROM articles_fts JOIN articles a ON a.id = articles_fts.id WHERE articles_fts MATCH ?");
            args.push(Box::new(f.clone()));
        } else {
            sql.push_str("NULL FROM articles a WHERE 1");
        }
        if let Some(c) = &q.country {
            sql.push_str(" AND (a.focus_country = ? OR EXISTS (SELECT 1 FROM actors x WHERE x.article_id = a.id AND x.country = ?))");
            args.push(Box::new(c.clone()));
            args.push(Box::new(c.clone()));
        }
        if let Some(d) = &q.from {
            sql.push_str(" AND a.published >= ?");
            args.push(Box::new(d.clone()));
        }
        if let Some(d) = &q.to {
            sql.push_str(" AND a.published <= ?");
            args.push(Box::new(d.clone()));
        }
        sql.push_str(if fts.is_some() {
            " ORDER BY rank"
        } else {
            " ORDER BY a.published DESC, a.id"
        });
        sql.push_str(" LIMIT ? OFFSET ?");
        args.push(Box::new(q.limit.clamp(1, 1000) as i64));
        args.push(Box::new(q.offset.min(1_000_000) as i64));
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args.iter().map(|b| b.as_ref())), |r| {
            Ok(ArticleSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                url: r.get(2)?,
                published: r.get(3)?,
                focus_country: r.get(4)?,
                events: r.get(5)?,
                snippet: r.get(6)?,
            })
        })?;
        rows.collect()
    }

    /// Events matching the query, by day then article.
    pub fn events(&self, q: &EventQuery) -> Result<Vec<EventRow>> {
        let mut out = Vec::new();
        self.for_each_event(q, &mut |e| {
            out.push(e);
            ControlFlow::Continue(())
        })?;
        Ok(out)
    }

    /// Streams the events matching the query to `each` (for exports of any
    /// size); `each` stops the stream by returning `Break`.
    pub fn for_each_event(
        &self,
        q: &EventQuery,
        each: &mut dyn FnMut(EventRow) -> ControlFlow<()>,
    ) -> Result<()> {
        let (where_sql, args) = event_filter(q);
        let sql = format!(
            "SELECT e.article_id, e.event_id, e.type, e.mode, e.quad_class, e.cameo, e.date, e.date_precision,
                    e.place, e.place_country, e.lat, e.lon, e.location_basis, e.sentence_index, e.sentence, e.trigger,
                    e.negated, e.modality, e.confidence, a.title, a.url, a.published,
                    (SELECT group_concat(key || char(31) || name || char(31) || coalesce(sector, ''), char(30)) FROM event_actors x
                      WHERE x.article_id = e.article_id AND x.event_id = e.event_id AND x.role = 'source'),
                    (SELECT group_concat(key || char(31) || name || char(31) || coalesce(sector, ''), char(30)) FROM event_actors x
                      WHERE x.article_id = e.article_id AND x.event_id = e.event_id AND x.role = 'target')
             FROM events e JOIN articles a ON a.id = e.article_id
             WHERE {where_sql}
             ORDER BY coalesce(e.day, a.published) DESC, e.article_id, e.sentence_index, e.event_id
             LIMIT ? OFFSET ?"
        );
        let mut args = args;
        args.push(Box::new(if q.limit == 0 {
            i64::MAX
        } else {
            q.limit as i64
        }));
        args.push(Box::new(q.offset as i64));
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params_from_iter(args.iter().map(|b| b.as_ref())))?;
        while let Some(r) = rows.next()? {
            // key, name and sector of each actor, joined by unit and record separators
            let split = |s: Option<String>| {
                let (mut keys, mut names, mut sectors) = (Vec::new(), Vec::new(), Vec::new());
                for actor in s.iter().flat_map(|s| s.split('\u{1e}')) {
                    let mut parts = actor.split('\u{1f}');
                    keys.push(parts.next().unwrap_or("").to_string());
                    names.push(parts.next().unwrap_or("").to_string());
                    sectors.push(parts.next().unwrap_or("").to_string());
                }
                (keys, names, sectors)
            };
            let (source, source_names, source_sectors) = split(r.get(22)?);
            let (target, target_names, target_sectors) = split(r.get(23)?);
            let row = each(EventRow {
                article_id: r.get(0)?,
                event_id: r.get(1)?,
                kind: r.get(2)?,
                mode: r.get(3)?,
                quad_class: r.get(4)?,
                cameo: r.get(5)?,
                date: r.get(6)?,
                date_precision: r.get(7)?,
                place: r.get(8)?,
                place_country: r.get(9)?,
                lat: r.get(10)?,
                lon: r.get(11)?,
                location_basis: r.get(12)?,
                sentence_index: r.get(13)?,
                sentence: r.get(14)?,
                trigger: r.get(15)?,
                negated: r.get::<_, i64>(16)? != 0,
                modality: r.get(17)?,
                confidence: r.get(18)?,
                title: r.get(19)?,
                url: r.get(20)?,
                published: r.get(21)?,
                source,
                source_names,
                source_sectors,
                target,
                target_names,
                target_sectors,
            });
            if row.is_break() {
                break;
            }
        }
        Ok(())
    }

    /// Asserted, non-negated events between two actor keys (either
    /// direction), per week, by quad class.
    pub fn timeline(&self, a: &str, b: &str) -> Result<Vec<Week>> {
        let mut stmt = self.conn.prepare(
            "SELECT date(e.day, '-6 days', 'weekday 1') AS week,
                    sum(e.quad_class = 1), sum(e.quad_class = 2), sum(e.quad_class = 3), sum(e.quad_class = 4)
             FROM events e
             WHERE e.day IS NOT NULL AND e.negated = 0 AND e.modality != 'hypothetical'
               AND EXISTS (SELECT 1 FROM event_actors s, event_actors t
                           WHERE s.article_id = e.article_id AND s.event_id = e.event_id AND s.role = 'source'
                             AND t.article_id = e.article_id AND t.event_id = e.event_id AND t.role = 'target'
                             AND ((s.key = ?1 AND t.key = ?2) OR (s.key = ?2 AND t.key = ?1)))
             GROUP BY week ORDER BY week",
        )?;
        let rows = stmt.query_map(params![a, b], |r| {
            Ok(Week {
                week: r.get(0)?,
                q1: r.get(1)?,
                q2: r.get(2)?,
                q3: r.get(3)?,
                q4: r.get(4)?,
            })
        })?;
        rows.collect()
    }

    /// The busiest `limit` directed pairs of actor keys among the events
    /// matching `q` (unknown actors left out), and their nodes.
    pub fn network(&self, q: &EventQuery, limit: usize) -> Result<Network> {
        let (where_sql, mut args) = event_filter(q);
        let sql = format!(
            "SELECT s.key, t.key, count(*), sum(e.quad_class = 1), sum(e.quad_class = 2), sum(e.quad_class = 3), sum(e.quad_class = 4)
             FROM events e JOIN articles a ON a.id = e.article_id
             JOIN event_actors s ON s.article_id = e.article_id AND s.event_id = e.event_id AND s.role = 'source'
             JOIN event_actors t ON t.article_id = e.article_id AND t.event_id = e.event_id AND t.role = 'target'
             WHERE {where_sql} AND s.key != '-' AND t.key != '-' AND s.key != t.key
             GROUP BY s.key, t.key ORDER BY count(*) DESC, s.key, t.key LIMIT ?"
        );
        args.push(Box::new(limit.clamp(1, 500) as i64));
        let mut stmt = self.conn.prepare(&sql)?;
        let links: Vec<Link> = stmt
            .query_map(params_from_iter(args.iter().map(|b| b.as_ref())), |r| {
                Ok(Link {
                    source: r.get(0)?,
                    target: r.get(1)?,
                    count: r.get(2)?,
                    q1: r.get(3)?,
                    q2: r.get(4)?,
                    q3: r.get(5)?,
                    q4: r.get(6)?,
                })
            })?
            .collect::<Result<_>>()?;
        let mut counts: std::collections::BTreeMap<String, i64> = std::collections::BTreeMap::new();
        for l in &links {
            *counts.entry(l.source.clone()).or_default() += l.count;
            *counts.entry(l.target.clone()).or_default() += l.count;
        }
        let mut nodes: Vec<Node> = counts
            .into_iter()
            .map(|(id, count)| Node { id, count })
            .collect();
        nodes.sort_by(|a, b| b.count.cmp(&a.count).then(a.id.cmp(&b.id)));
        Ok(Network { nodes, links })
    }
}

/// The WHERE clause of an event query and its arguments.
fn event_filter(q: &EventQuery) -> (String, Vec<Box<dyn ToSql>>) {
    let mut sql = String::from("1");
    let mut args: Vec<Box<dyn ToSql>> = Vec::new();
    if !q.include_negated {
        sql.push_str(" AND e.negated = 0 AND e.modality != 'hypothetical'");
    }
    if let Some(t) = &q.kind {
        sql.push_str(" AND e.type = ?");
        args.push(Box::new(t.to_ascii_uppercase()));
    }
    let has_actor = |role: &str| {
        format!(" AND EXISTS (SELECT 1 FROM event_actors x WHERE x.article_id = e.article_id AND x.event_id = e.event_id AND x.key = ?{role})")
    };
    if let Some(c) = &q.country {
        sql.push_str(&has_actor(""));
        args.push(Box::new(c.clone()));
    }
    if let Some(c) = &q.source {
        sql.push_str(&has_actor(" AND x.role = 'source'"));
        args.push(Box::new(c.clone()));
    }
    if let Some(c) = &q.target {
        sql.push_str(&has_actor(" AND x.role = 'target'"));
        args.push(Box::new(c.clone()));
    }
    if let Some(d) = &q.from {
        sql.push_str(" AND coalesce(e.day, a.published) >= ?");
        args.push(Box::new(d.clone()));
    }
    if let Some(d) = &q.to {
        sql.push_str(" AND coalesce(e.day, a.published) <= ?");
        args.push(Box::new(d.clone()));
    }
    if let Some(p) = &q.place {
        sql.push_str(" AND e.place = ?");
        args.push(Box::new(p.clone()));
    }
    if let Some(id) = &q.article {
        sql.push_str(" AND e.article_id = ?");
        args.push(Box::new(id.clone()));
    }
    (sql, args)
}

fn write_record(tx: &rusqlite::Transaction, rec: &Record, now: &str) -> Result<()> {
    tx.execute("DELETE FROM articles WHERE id = ?1", [&rec.id])?;
    tx.execute("DELETE FROM articles_fts WHERE id = ?1", [&rec.id])?;
    let json =
        serde_json::to_string(rec).map_err(|e| StoreError::ToSqlConversionFailure(Box::new(e)))?;
    tx.execute(
        "INSERT INTO articles(id, url, title, published, focus_country, n_events, record, ingested_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![rec.id, rec.url, rec.title, rec.published, rec.focus_country, rec.events.len() as i64, json, now],
    )?;
    tx.execute(
        "INSERT INTO articles_fts(id, title, text) VALUES (?1, ?2, ?3)",
        params![rec.id, rec.title.as_deref().unwrap_or(""), rec.text],
    )?;
    let mut actor = tx.prepare_cached(
        "INSERT INTO actors(article_id, actor_id, name, kind, country, org, sector, role) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for a in &rec.actors {
        actor.execute(params![
            rec.id,
            a.id,
            a.name,
            a.kind,
            a.country,
            a.org,
            a.sector.map(|s| s.as_str()),
            a.role
        ])?;
    }
    let mut place = tx.prepare_cached(
        "INSERT INTO places(article_id, place_id, name, country, lat, lon, geonames_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for p in &rec.places {
        place.execute(params![
            rec.id,
            p.id,
            p.name,
            p.country,
            p.lat,
            p.lon,
            p.geonames_id.map(|g| g as i64)
        ])?;
    }
    let mut event = tx.prepare_cached(
        "INSERT INTO events(article_id, event_id, type, mode, quad_class, cameo, date, date_precision, day,
                            place_id, place, place_country, lat, lon, location_basis,
                            sentence_index, sentence, trigger, negated, modality, confidence, quote_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
    )?;
    let mut role = tx.prepare_cached("INSERT INTO event_actors(article_id, event_id, role, actor_id, key, name, sector) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
    for e in &rec.events {
        let place = e
            .location
            .as_ref()
            .and_then(|l| rec.places.iter().find(|p| &p.id == l));
        let sentence = sentence_text(rec, e);
        let day = e
            .date
            .as_ref()
            .filter(|d| d.precision == "day")
            .map(|d| d.value.clone());
        event.execute(params![
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
            sentence,
            e.trigger.text,
            e.negated as i64,
            e.modality,
            e.confidence,
            e.quote,
        ])?;
        for (r, ids) in [("source", &e.source), ("target", &e.target)] {
            for id in ids {
                if let Some(a) = rec.actors.iter().find(|a| &a.id == id) {
                    role.execute(params![
                        rec.id,
                        e.id,
                        r,
                        a.id,
                        actor_key(a),
                        a.name,
                        a.sector.map(|s| s.as_str())
                    ])?;
                }
            }
        }
    }
    let mut quote = tx.prepare_cached("INSERT INTO quotes(article_id, quote_id, speaker_id, speaker, kind, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
    for q in &rec.quotes {
        let speaker = q
            .speaker
            .as_ref()
            .and_then(|s| rec.actors.iter().find(|a| &a.id == s))
            .map(|a| a.name.clone());
        quote.execute(params![rec.id, q.id, q.speaker, speaker, q.kind, q.text])?;
    }
    Ok(())
}

/// The text of an event's sentence (empty when the index is out of range).
pub fn sentence_text(rec: &Record, e: &EventOut) -> String {
    rec.sentences
        .get(e.sentence)
        .and_then(|s| rec.text.get(s.start..s.end))
        .unwrap_or("")
        .to_string()
}
