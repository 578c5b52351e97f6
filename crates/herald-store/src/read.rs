//! The queries of the UI, the API and the exports, on a pooled read
//! connection. Event lists are driven by the index table that fits the
//! filter (a dyad, a directed pair, an actor, else the events by day or
//! type) and paged by key: (day, article id, event rowid), never by offset.

use crate::pool::stopped;
use crate::sqlite::{RECORD, UNIT};
use crate::*;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension};
use std::collections::{BTreeMap, HashMap};

/// The most events facets, networks and maps of a filter count (newest first).
pub(crate) const SCAN_CAP: usize = 50_000;
pub(crate) const FACET_CAP: usize = 5_000;

impl Store {
    fn read<T>(
        &self,
        ctl: &QueryControl,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T> {
        let conn = self.readers.get(ctl)?;
        f(&conn).map_err(|e| stopped(e, ctl))
    }
}

fn hex(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<String> {
    if !s.len().is_multiple_of(2) || s.len() > 2048 {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect();
    String::from_utf8(bytes?).ok()
}

/// A page cursor: the sort key of the last row shown, hex-encoded.
pub(crate) fn cursor(parts: &[&str]) -> String {
    hex(&parts.join("\u{1f}"))
}

pub(crate) fn uncursor(s: &str, n: usize) -> Result<Vec<String>> {
    let bad = || StoreError::Invalid(format!("`after` is not a page cursor: {s:?}"));
    let text = unhex(s).ok_or_else(bad)?;
    let parts: Vec<String> = text.split('\u{1f}').map(String::from).collect();
    if parts.len() != n {
        return Err(bad());
    }
    Ok(parts)
}

/// FROM, WHERE and arguments of an event query; `d` is the alias whose
/// (day, article_id, eid) orders the rows.
struct Plan {
    from: String,
    /// FROM for counting: the index table alone when no filter needs the events.
    count_from: String,
    conds: Vec<String>,
    args: Vec<Value>,
}

fn text(v: &str) -> Value {
    Value::Text(v.to_string())
}

fn plan(q: &EventQuery) -> Plan {
    let mut conds = Vec::new();
    let mut args = Vec::new();
    // actor filters not used to drive the query are checked by key lookups
    let mut keys: Vec<(&str, &str)> = Vec::new();
    if let Some(c) = &q.country {
        keys.push((c, "a"));
    }
    let from = if let Some((a, b)) = &q.pair {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        conds.push("d.lo = ? AND d.hi = ?".to_string());
        args.extend([text(lo), text(hi)]);
        keys.extend(q.source.as_deref().map(|s| (s, "s")));
        keys.extend(q.target.as_deref().map(|t| (t, "t")));
        "dyads d JOIN events e ON e.eid = d.eid"
    } else if let (Some(s), Some(t)) = (&q.source, &q.target) {
        conds.push("d.src = ? AND d.tgt = ?".to_string());
        args.extend([text(s), text(t)]);
        "event_pairs d JOIN events e ON e.eid = d.eid"
    } else {
        keys.extend(q.source.as_deref().map(|s| (s, "s")));
        keys.extend(q.target.as_deref().map(|t| (t, "t")));
        if keys.is_empty() {
            "events e"
        } else {
            let (k, role) = keys.remove(0);
            conds.push("d.key = ? AND d.role = ?".to_string());
            args.extend([text(k), text(role)]);
            "event_keys d JOIN events e ON e.eid = d.eid"
        }
    };
    let d = if from == "events e" { "e" } else { "d" };
    for (k, role) in keys {
        conds.push(format!("EXISTS (SELECT 1 FROM event_keys k WHERE k.key = ? AND k.role = ? AND k.day = {d}.day AND k.article_id = {d}.article_id AND k.eid = {d}.eid)"));
        args.extend([text(k), text(role)]);
    }
    if !q.include_negated {
        conds.push(format!("{d}.asserted = 1"));
    }
    let needs_events =
        q.kind.is_some() || q.quad_class.is_some() || q.place.is_some() || q.article.is_some();
    let mut push = |sql: String, v: Value| {
        conds.push(sql);
        args.push(v);
    };
    if let Some(t) = &q.kind {
        push("e.type = ?".into(), text(&t.to_ascii_uppercase()));
    }
    if let Some(qc) = q.quad_class {
        push("e.quad_class = ?".into(), Value::Integer(qc as i64));
    }
    if let Some(f) = &q.from {
        push(format!("{d}.day >= ?"), text(f));
    }
    if let Some(t) = &q.to {
        push(format!("{d}.day <= ?"), text(t));
    }
    if let Some(p) = &q.place {
        push("e.place = ?".into(), text(p));
    }
    if let Some(a) = &q.article {
        push("e.article_id = ?".into(), text(a));
    }
    let count_from = match from.split_once(" JOIN ") {
        Some((table, _)) if !needs_events => table.to_string(),
        _ => from.to_string(),
    };
    Plan {
        from: from.to_string(),
        count_from,
        conds,
        args,
    }
}

impl Plan {
    fn order_alias(&self) -> &'static str {
        if self.from == "events e" {
            "e"
        } else {
            "d"
        }
    }

    fn where_sql(&self) -> String {
        if self.conds.is_empty() {
            "1".into()
        } else {
            self.conds.join(" AND ")
        }
    }
}

pub(crate) const EVENT_COLUMNS: &str = "e.article_id, e.event_id, e.type, e.mode, e.quad_class, e.cameo, e.date, e.date_precision,
    e.place, e.place_country, e.lat, e.lon, e.location_basis, e.sentence_index, e.sentence, e.trigger,
    e.negated, e.modality, e.confidence, a.title, a.url, a.published, e.sources, e.targets, e.day, e.eid";

/// Keys, names and sectors of packed actors.
pub(crate) fn unpack(s: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
    let (mut keys, mut names, mut sectors) = (Vec::new(), Vec::new(), Vec::new());
    for actor in s.split(RECORD).filter(|a| !a.is_empty()) {
        let mut parts = actor.split(UNIT);
        keys.push(parts.next().unwrap_or("").to_string());
        names.push(parts.next().unwrap_or("").to_string());
        sectors.push(parts.next().unwrap_or("").to_string());
    }
    (keys, names, sectors)
}

/// An event row, with its sort key (day, eid).
fn event_row(r: &rusqlite::Row) -> rusqlite::Result<(EventRow, String, i64)> {
    let (source, source_names, source_sectors) = unpack(&r.get::<_, String>(22)?);
    let (target, target_names, target_sectors) = unpack(&r.get::<_, String>(23)?);
    let row = EventRow {
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
    };
    Ok((row, r.get(24)?, r.get(25)?))
}

/// Counts the rows of FROM/WHERE, stopping at [`TOTAL_CAP`].
fn capped_count(
    conn: &Connection,
    from: &str,
    where_sql: &str,
    args: &[Value],
) -> rusqlite::Result<Total> {
    let sql = format!(
        "SELECT count(*) FROM (SELECT 1 FROM {from} WHERE {where_sql} LIMIT {})",
        TOTAL_CAP + 1
    );
    let n: i64 = conn.query_row(&sql, params_from_iter(args), |r| r.get(0))?;
    let n = n as u64;
    Ok(Total {
        count: n.min(TOTAL_CAP),
        at_least: n > TOTAL_CAP,
    })
}

/// The SQL order and the keyset comparison of a page: newest first (DESC,
/// rows before the cursor) or oldest first.
pub(crate) fn page_order(q: &EventQuery) -> (&'static str, &'static str) {
    if q.sort == Sort::Oldest {
        ("ASC", ">")
    } else {
        ("DESC", "<")
    }
}

/// How many rows a page shows (`limit` 0: as many as one page may hold).
pub(crate) fn page_limit(q: &EventQuery) -> usize {
    if q.limit == 0 {
        100_000
    } else {
        q.limit.min(100_000)
    }
}

/// A page from up to `limit + 1` rows (event, day, eid) read in order: the
/// extra row only says that another page follows, and the last row shown
/// is its cursor.
pub(crate) fn page_of(
    mut rows: Vec<(EventRow, String, i64)>,
    limit: usize,
    total: Total,
) -> EventPage {
    let more = rows.len() > limit;
    rows.truncate(limit);
    let next = if more {
        rows.last()
            .map(|(e, day, eid)| cursor(&[day, &e.article_id, &eid.to_string()]))
    } else {
        None
    };
    EventPage {
        events: rows.into_iter().map(|(e, _, _)| e).collect(),
        total,
        next,
    }
}

fn event_page(conn: &Connection, q: &EventQuery) -> Result<EventPage> {
    let p = plan(q);
    let d = p.order_alias();
    let total = capped_count(conn, &p.count_from, &p.where_sql(), &p.args)?;
    let (dir, cmp) = page_order(q);
    let mut where_sql = p.where_sql();
    let mut args = p.args.clone();
    if let Some(after) = &q.after {
        let k = uncursor(after, 3)?;
        let eid: i64 = k[2]
            .parse()
            .map_err(|_| StoreError::Invalid(format!("`after` is not a page cursor: {after:?}")))?;
        where_sql.push_str(&format!(
            " AND ({d}.day, {d}.article_id, {d}.eid) {cmp} (?, ?, ?)"
        ));
        args.extend([text(&k[0]), text(&k[1]), Value::Integer(eid)]);
    }
    let limit = page_limit(q);
    let sql = format!(
        "SELECT {EVENT_COLUMNS} FROM {} JOIN articles a ON a.aid = e.aid WHERE {where_sql}
         ORDER BY {d}.day {dir}, {d}.article_id {dir}, {d}.eid {dir} LIMIT {}",
        p.from,
        limit + 1
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows: Vec<(EventRow, String, i64)> = stmt
        .query_map(params_from_iter(&args), event_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(page_of(rows, limit, total))
}

fn top(counts: HashMap<String, u64>, n: usize) -> Vec<FacetValue> {
    let mut v: Vec<FacetValue> = counts
        .into_iter()
        .map(|(value, count)| FacetValue { value, count })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
    v.truncate(n);
    v
}

fn facets(conn: &Connection, q: &EventQuery) -> rusqlite::Result<Facets> {
    let p = plan(q);
    let d = p.order_alias();
    let sql = format!(
        "SELECT e.type, e.quad_class, coalesce(e.mode, ''), e.modality, e.sources, e.targets FROM {} WHERE {}
         ORDER BY {d}.day DESC, {d}.article_id DESC, {d}.eid DESC LIMIT {}",
        p.from,
        p.where_sql(),
        FACET_CAP + 1
    );
    let mut tally = FacetTally::default();
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(&p.args))?;
    while let Some(r) = rows.next()? {
        if tally.counted as usize == FACET_CAP {
            return Ok(tally.finish(true));
        }
        tally.add(
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            &r.get::<_, String>(4)?,
            &r.get::<_, String>(5)?,
        );
    }
    Ok(tally.finish(false))
}

const FACET_NAMES: [&str; 7] = [
    "type",
    "quad_class",
    "mode",
    "modality",
    "country",
    "source",
    "target",
];

/// Facet counts, filled one event at a time (both backends).
pub(crate) struct FacetTally {
    counts: Vec<HashMap<String, u64>>,
    pub(crate) counted: u64,
}

impl Default for FacetTally {
    fn default() -> Self {
        FacetTally {
            counts: vec![HashMap::new(); FACET_NAMES.len()],
            counted: 0,
        }
    }
}

impl FacetTally {
    /// One event: its type, quad class, mode ("" for none), modality and packed actors.
    pub(crate) fn add(
        &mut self,
        kind: String,
        quad: i64,
        mode: String,
        modality: String,
        sources: &str,
        targets: &str,
    ) {
        let counts = &mut self.counts;
        self.counted += 1;
        *counts[0].entry(kind).or_default() += 1;
        *counts[1].entry(quad.to_string()).or_default() += 1;
        if !mode.is_empty() {
            *counts[2].entry(mode).or_default() += 1;
        }
        *counts[3].entry(modality).or_default() += 1;
        let (sources, _, _) = unpack(sources);
        let (targets, _, _) = unpack(targets);
        let mut any: Vec<&String> = sources.iter().chain(&targets).collect();
        any.sort_unstable();
        any.dedup();
        for k in any {
            *counts[4].entry(k.clone()).or_default() += 1;
        }
        for (i, list) in [(5, &sources), (6, &targets)] {
            let mut list: Vec<&String> = list.iter().collect();
            list.dedup();
            for k in list {
                *counts[i].entry(k.clone()).or_default() += 1;
            }
        }
    }

    pub(crate) fn finish(self, capped: bool) -> Facets {
        finish_facets(self.counts, &FACET_NAMES, self.counted, capped)
    }
}

fn finish_facets(
    counts: Vec<HashMap<String, u64>>,
    names: &[&str],
    counted: u64,
    capped: bool,
) -> Facets {
    Facets {
        counted,
        capped,
        facets: names
            .iter()
            .zip(counts)
            .map(|(n, c)| (n.to_string(), top(c, 12)))
            .collect(),
    }
}

fn search(conn: &Connection, q: &ArticleQuery) -> Result<ArticlePage> {
    let fts = q.text.as_deref().and_then(fts_query);
    let mut conds: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let (from, snippet) = if let Some(f) = &fts {
        conds.push("articles_fts MATCH ?".into());
        args.push(text(f));
        (
            "articles_fts JOIN articles a ON a.aid = articles_fts.rowid",
            "snippet(articles_fts, 1, '', '', ' … ', 12)",
        )
    } else if q.country.is_some() {
        // the country's articles come in date order off its own index
        (
            "article_countries c JOIN articles a ON a.aid = c.aid",
            "NULL",
        )
    } else {
        ("articles a", "NULL")
    };
    let (day, id) = if from.starts_with("article_countries") {
        ("c.pub_day", "c.article_id")
    } else {
        ("a.pub_day", "a.id")
    };
    if let Some(c) = &q.country {
        if fts.is_some() {
            conds.push("a.aid IN (SELECT aid FROM article_countries WHERE country = ?)".into());
        } else {
            conds.push("c.country = ?".into());
        }
        args.push(text(c));
    }
    if let Some(d) = &q.from {
        conds.push(format!("{day} >= ?"));
        args.push(text(d));
    }
    if let Some(d) = &q.to {
        conds.push(format!("{day} <= ? AND {day} != ''"));
        args.push(text(d));
    }
    let where_sql = if conds.is_empty() {
        "1".to_string()
    } else {
        conds.join(" AND ")
    };
    let total = capped_count(conn, from, &where_sql, &args)?;
    let limit = q.limit.clamp(1, 1000);
    let relevance = q.sort == Sort::Relevance && fts.is_some();
    let (mut where_sql, mut args) = (where_sql, args);
    let mut offset = 0usize;
    let order = if relevance {
        if let Some(after) = &q.after {
            offset = uncursor(after, 1)?[0]
                .parse::<usize>()
                .map_err(|_| {
                    StoreError::Invalid(format!("`after` is not a page cursor: {after:?}"))
                })?
                .min(10_000);
        }
        "rank".to_string()
    } else {
        let (dir, cmp) = if q.sort == Sort::Oldest {
            ("ASC", ">")
        } else {
            ("DESC", "<")
        };
        if let Some(after) = &q.after {
            let k = uncursor(after, 2)?;
            where_sql.push_str(&format!(" AND ({day}, {id}) {cmp} (?, ?)"));
            args.extend([text(&k[0]), text(&k[1])]);
        }
        format!("{day} {dir}, {id} {dir}")
    };
    let sql = format!(
        "SELECT a.id, a.title, a.url, a.published, a.focus_country, a.n_events, {snippet}, a.pub_day
         FROM {from} WHERE {where_sql} ORDER BY {order} LIMIT {} OFFSET {offset}",
        limit + 1
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows: Vec<(ArticleSummary, String)> = stmt
        .query_map(params_from_iter(&args), |r| {
            Ok((
                ArticleSummary {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    url: r.get(2)?,
                    published: r.get(3)?,
                    focus_country: r.get(4)?,
                    events: r.get(5)?,
                    snippet: r.get(6)?,
                },
                r.get(7)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
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

pub(crate) fn links_from(mut pairs: BTreeMap<(String, String), [i64; 4]>, limit: usize) -> Network {
    let mut links: Vec<Link> = std::mem::take(&mut pairs)
        .into_iter()
        .map(|((source, target), q)| Link {
            source,
            target,
            count: q.iter().sum(),
            q1: q[0],
            q2: q[1],
            q3: q[2],
            q4: q[3],
        })
        .filter(|l| l.count > 0)
        .collect();
    links.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(a.source.cmp(&b.source))
            .then(a.target.cmp(&b.target))
    });
    links.truncate(limit.clamp(1, 500));
    let mut counts: BTreeMap<String, i64> = BTreeMap::new();
    for l in &links {
        *counts.entry(l.source.clone()).or_default() += l.count;
        *counts.entry(l.target.clone()).or_default() += l.count;
    }
    let mut nodes: Vec<Node> = counts
        .into_iter()
        .map(|(id, count)| Node { id, count })
        .collect();
    nodes.sort_by(|a, b| b.count.cmp(&a.count).then(a.id.cmp(&b.id)));
    Network {
        nodes,
        links,
        capped: false,
    }
}

fn network(conn: &Connection, q: &EventQuery, limit: usize) -> rusqlite::Result<Network> {
    let mut pairs: BTreeMap<(String, String), [i64; 4]> = BTreeMap::new();
    // all events, or those of one type: the counts kept at ingest
    let counted = if q.is_unfiltered() {
        Some(("SELECT src, tgt, q1, q2, q3, q4 FROM pair_counts", vec![]))
    } else {
        q.only_type().map(|t| {
            let sql = "SELECT src, tgt, q1, q2, q3, q4 FROM type_pair_counts WHERE type = ?1";
            (sql, vec![t.to_ascii_uppercase()])
        })
    };
    if let Some((sql, args)) = counted {
        let mut stmt = conn.prepare(sql)?;
        let mut rows = stmt.query(params_from_iter(&args))?;
        while let Some(r) = rows.next()? {
            pairs.insert(
                (r.get(0)?, r.get(1)?),
                [r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?],
            );
        }
        return Ok(links_from(pairs, limit));
    }
    let p = plan(q);
    let d = p.order_alias();
    let sql = format!(
        "SELECT e.sources, e.targets, e.quad_class FROM {} WHERE {} ORDER BY {d}.day DESC, {d}.article_id DESC, {d}.eid DESC LIMIT {}",
        p.from,
        p.where_sql(),
        SCAN_CAP + 1
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(&p.args))?;
    let mut n = 0usize;
    while let Some(r) = rows.next()? {
        n += 1;
        if n > SCAN_CAP {
            break;
        }
        add_pairs(
            &mut pairs,
            &r.get::<_, String>(0)?,
            &r.get::<_, String>(1)?,
            r.get(2)?,
            None,
        );
    }
    Ok(Network {
        capped: n > SCAN_CAP,
        ..links_from(pairs, limit)
    })
}

/// Counts an event's directed pairs of distinct coded actors (only those
/// with `only` when given) under its quad class.
pub(crate) fn add_pairs(
    pairs: &mut BTreeMap<(String, String), [i64; 4]>,
    sources: &str,
    targets: &str,
    quad: i64,
    only: Option<&str>,
) {
    let (sources, _, _) = unpack(sources);
    let (targets, _, _) = unpack(targets);
    let quad = (quad.clamp(1, 4) - 1) as usize;
    for s in &sources {
        for t in &targets {
            if s != t && s != "-" && t != "-" && only.is_none_or(|k| k == s || k == t) {
                pairs.entry((s.clone(), t.clone())).or_default()[quad] += 1;
            }
        }
    }
}

pub(crate) type PlaceKey = (String, String, u64, u64);

/// `AND day >= ? AND day <= ?` for the query's dates, with their arguments.
fn push_day_range(sql: &mut String, args: &mut Vec<Value>, q: &EventQuery) {
    if let Some(f) = &q.from {
        sql.push_str(" AND day >= ?");
        args.push(text(f));
    }
    if let Some(t) = &q.to {
        sql.push_str(" AND day <= ?");
        args.push(text(t));
    }
}

/// The rows the map clusters (place, country, lat, lon, day, quad counts),
/// their arguments, and how many rows at most are read.
fn map_rows_sql(q: &EventQuery) -> (String, Vec<Value>, usize) {
    let dates_only = q.is_unfiltered()
        || EventQuery {
            from: None,
            to: None,
            ..q.clone()
        }
        .is_unfiltered();
    let one_actor = q.country.is_some()
        && EventQuery {
            country: None,
            from: None,
            to: None,
            ..q.clone()
        }
        .is_unfiltered();
    if q.is_unfiltered() {
        let sql =
            "SELECT place, country, lat, lon, '', q1, q2, q3, q4 FROM place_counts".to_string();
        (sql, Vec::new(), usize::MAX)
    } else if dates_only {
        let mut args = Vec::new();
        let mut sql = String::from(
            "SELECT place, country, lat, lon, day, q1, q2, q3, q4 FROM place_days WHERE 1",
        );
        push_day_range(&mut sql, &mut args, q);
        (sql, args, usize::MAX)
    } else if one_actor {
        // the map of one actor, from the counts kept at ingest
        let mut args = vec![text(q.country.as_deref().unwrap_or_default())];
        let mut sql = String::from(
            "SELECT place, country, lat, lon, day, q1, q2, q3, q4 FROM key_place_days WHERE key = ?",
        );
        push_day_range(&mut sql, &mut args, q);
        (sql, args, usize::MAX)
    } else {
        let p = plan(q);
        let d = p.order_alias();
        let sql = format!(
            "SELECT e.place, coalesce(e.place_country, ''), e.lat, e.lon, {d}.day, e.quad_class = 1, e.quad_class = 2, e.quad_class = 3, e.quad_class = 4
             FROM {} WHERE {} AND e.lat IS NOT NULL AND e.lon IS NOT NULL AND e.place IS NOT NULL
             ORDER BY {d}.day DESC, {d}.article_id DESC, {d}.eid DESC LIMIT {}",
            p.from,
            p.where_sql(),
            SCAN_CAP + 1
        );
        (sql, p.args, SCAN_CAP)
    }
}

fn map_data(conn: &Connection, q: &EventQuery) -> rusqlite::Result<MapData> {
    let (sql, args, capped_at) = map_rows_sql(q);
    let mut clusters: BTreeMap<PlaceKey, [i64; 4]> = BTreeMap::new();
    let (mut first, mut last): (Option<String>, Option<String>) = (None, None);
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(&args))?;
    let mut n = 0usize;
    let mut capped = false;
    while let Some(r) = rows.next()? {
        n += 1;
        if n > capped_at {
            capped = true;
            break;
        }
        let key = (
            r.get(0)?,
            r.get(1)?,
            r.get::<_, f64>(2)?.to_bits(),
            r.get::<_, f64>(3)?.to_bits(),
        );
        let q: [i64; 4] = [r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?];
        let day: String = r.get(4)?;
        if !day.is_empty() && q.iter().sum::<i64>() > 0 {
            if first.as_ref().is_none_or(|f| &day < f) {
                first = Some(day.clone());
            }
            if last.as_ref().is_none_or(|l| &day > l) {
                last = Some(day);
            }
        }
        let c = clusters.entry(key).or_default();
        for i in 0..4 {
            c[i] += q[i];
        }
    }
    let mut map = map_from(clusters, first, last, capped);
    if q.is_unfiltered() {
        // the days the located events span, from the index of the per-day counts
        let span: (Option<String>, Option<String>) = conn.query_row(
            "SELECT (SELECT min(day) FROM place_days WHERE day != ''), (SELECT max(day) FROM place_days)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        (map.first_day, map.last_day) = span;
    }
    Ok(map)
}

/// The map of clusters counted by place and quad class, busiest first.
pub(crate) fn map_from(
    clusters: BTreeMap<PlaceKey, [i64; 4]>,
    first: Option<String>,
    last: Option<String>,
    capped: bool,
) -> MapData {
    let mut places: Vec<PlaceCluster> = clusters
        .into_iter()
        .map(|((place, country, lat, lon), q)| PlaceCluster {
            place,
            country: (!country.is_empty()).then_some(country),
            lat: f64::from_bits(lat),
            lon: f64::from_bits(lon),
            count: q.iter().sum(),
            q1: q[0],
            q2: q[1],
            q3: q[2],
            q4: q[3],
        })
        .filter(|p| p.count > 0)
        .collect();
    places.sort_by(|a, b| b.count.cmp(&a.count).then(a.place.cmp(&b.place)));
    MapData {
        events: places.iter().map(|p| p.count).sum(),
        places,
        first_day: first,
        last_day: last,
        capped,
    }
}

fn timeline(conn: &Connection, a: &str, b: &str) -> rusqlite::Result<Vec<Week>> {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let mut stmt = conn.prepare(
        "SELECT d.day, e.quad_class FROM dyads d JOIN events e ON e.eid = d.eid
         WHERE d.lo = ?1 AND d.hi = ?2 AND d.day != '' AND d.asserted = 1",
    )?;
    let mut weeks: BTreeMap<String, [i64; 4]> = BTreeMap::new();
    let mut rows = stmt.query([lo, hi])?;
    while let Some(r) = rows.next()? {
        add_week(&mut weeks, &r.get::<_, String>(0)?, r.get(1)?);
    }
    Ok(weeks_from(weeks))
}

/// Counts an event of `day` under its week and quad class.
pub(crate) fn add_week(weeks: &mut BTreeMap<String, [i64; 4]>, day: &str, quad: i64) {
    if let Some(w) = week_of(day) {
        weeks.entry(w).or_default()[(quad.clamp(1, 4) - 1) as usize] += 1;
    }
}

pub(crate) fn weeks_from(weeks: BTreeMap<String, [i64; 4]>) -> Vec<Week> {
    weeks
        .into_iter()
        .map(|(week, q)| Week {
            week,
            q1: q[0],
            q2: q[1],
            q3: q[2],
            q4: q[3],
        })
        .collect()
}

fn actor(conn: &Connection, key: &str) -> rusqlite::Result<ActorSummary> {
    let months = conn
        .prepare("SELECT month, n FROM key_months WHERE key = ?1 AND n > 0 ORDER BY month")?
        .query_map([key], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut pairs: BTreeMap<(String, String), [i64; 4]> = BTreeMap::new();
    let mut stmt = conn.prepare(
        "SELECT src, tgt, q1, q2, q3, q4 FROM pair_counts WHERE src = ?1
         UNION ALL SELECT src, tgt, q1, q2, q3, q4 FROM pair_counts WHERE tgt = ?1",
    )?;
    let mut rows = stmt.query([key])?;
    while let Some(r) = rows.next()? {
        pairs.insert(
            (r.get(0)?, r.get(1)?),
            [r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?],
        );
    }
    Ok(ActorSummary {
        key: key.to_string(),
        months,
        partners: links_from(pairs, 20).links,
    })
}

impl EventStore for Store {
    fn write_batch(&self, records: &[Record]) -> Result<WriteSummary> {
        self.write_records(records)
    }

    fn article(&self, id: &str, ctl: &QueryControl) -> Result<Option<Record>> {
        let row: Option<(Vec<u8>, String)> = self.read(ctl, |c| {
            c.query_row(
                "SELECT record, text FROM articles WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
        })?;
        let Some((json, text)) = row else {
            return Ok(None);
        };
        let mut rec: Record = crate::sqlite::unpack_record(&json)
            .map_err(|e| StoreError::Schema(format!("stored record {id} is unreadable: {e}")))?;
        rec.text = text;
        Ok(Some(rec))
    }

    fn counts(&self, ctl: &QueryControl) -> Result<Counts> {
        self.read(ctl, |c| {
            let n = |name: &str| -> rusqlite::Result<i64> {
                Ok(
                    c.query_row("SELECT n FROM totals WHERE name = ?1", [name], |r| r.get(0))
                        .optional()?
                        .unwrap_or(0),
                )
            };
            Ok(Counts {
                articles: n("articles")?,
                events: n("events")?,
                actors: n("actors")?,
                places: n("places")?,
                quotes: n("quotes")?,
            })
        })
    }

    fn search(&self, q: &ArticleQuery, ctl: &QueryControl) -> Result<ArticlePage> {
        let conn = self.readers.get(ctl)?;
        search(&conn, q).map_err(|e| match e {
            StoreError::Sql(e) => stopped(e, ctl),
            e => e,
        })
    }

    fn events(&self, q: &EventQuery, ctl: &QueryControl) -> Result<EventPage> {
        let conn = self.readers.get(ctl)?;
        event_page(&conn, q).map_err(|e| match e {
            StoreError::Sql(e) => stopped(e, ctl),
            e => e,
        })
    }

    fn for_each_event(
        &self,
        q: &EventQuery,
        ctl: &QueryControl,
        each: &mut dyn FnMut(EventRow) -> ControlFlow<()>,
    ) -> Result<()> {
        let p = plan(q);
        let d = p.order_alias();
        let dir = if q.sort == Sort::Oldest {
            "ASC"
        } else {
            "DESC"
        };
        let limit = if q.limit == 0 { -1 } else { q.limit as i64 };
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM {} JOIN articles a ON a.aid = e.aid WHERE {}
             ORDER BY {d}.day {dir}, {d}.article_id {dir}, {d}.eid {dir} LIMIT {limit}",
            p.from,
            p.where_sql()
        );
        self.read(ctl, |c| {
            let mut stmt = c.prepare(&sql)?;
            let mut rows = stmt.query(params_from_iter(&p.args))?;
            while let Some(r) = rows.next()? {
                if each(event_row(r)?.0).is_break() {
                    break;
                }
            }
            Ok(())
        })
    }

    fn facets(&self, q: &EventQuery, ctl: &QueryControl) -> Result<Facets> {
        self.read(ctl, |c| facets(c, q))
    }

    fn timeline(&self, a: &str, b: &str, ctl: &QueryControl) -> Result<Vec<Week>> {
        self.read(ctl, |c| timeline(c, a, b))
    }

    fn network(&self, q: &EventQuery, limit: usize, ctl: &QueryControl) -> Result<Network> {
        self.read(ctl, |c| network(c, q, limit))
    }

    fn map(&self, q: &EventQuery, ctl: &QueryControl) -> Result<MapData> {
        self.read(ctl, |c| map_data(c, q))
    }

    fn actor(&self, key: &str, ctl: &QueryControl) -> Result<ActorSummary> {
        self.read(ctl, |c| actor(c, key))
    }
}
