//! The queries of the PostgreSQL store: the [`EventStore`] reads, each on
//! a pooled connection within its time limit ([`PgStore::read`]). Rows are
//! turned into facets, networks, maps and timelines by the same helpers as
//! the SQLite store's (`read.rs`), so both answer alike.

use crate::pg::{stop_bit, words, PgStore, INDEXED_BYTES, PAIR};
use crate::read::{
    add_pairs, add_week, cursor, links_from, map_from, page_limit, page_of, page_order, uncursor,
    unpack, weeks_from, FacetTally, PlaceKey, EVENT_COLUMNS, FACET_CAP, SCAN_CAP,
};
use crate::sqlite::unpack_record;
use crate::*;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::ToSql;
use postgres::{Client, Row};
use std::collections::BTreeMap;

/// A search's words as the store holds them: those in the full-text
/// index (a `tsquery` literal) and the bits of its stop words; and every
/// word, for the snippet (operators and quotes in the text are words or
/// nothing, never syntax).
#[derive(Debug, PartialEq)]
pub(crate) struct WordSearch {
    pub(crate) indexed: Option<String>,
    pub(crate) stop_words: i64,
    /// A `tsquery` literal of all the words, stop words included.
    pub(crate) every: String,
}

/// What to look for to find articles holding every word of `text` (its
/// first 16 words).
pub(crate) fn word_search(text: &str) -> Option<WordSearch> {
    let lower = text.to_lowercase();
    let mut ws = words(&lower);
    if ws.is_empty() {
        return None;
    }
    ws.truncate(16);
    let mut stop_words = 0;
    let mut indexed = Vec::new();
    for &w in &ws {
        match stop_bit(w) {
            Some(bit) => stop_words |= bit,
            None => indexed.push(w),
        }
    }
    Some(WordSearch {
        indexed: (!indexed.is_empty()).then(|| and_of(indexed.iter())),
        stop_words,
        every: and_of(ws.iter()),
    })
}

fn and_of<'a>(ws: impl Iterator<Item = &'a &'a str>) -> String {
    ws.map(|w| format!("'{w}'")).collect::<Vec<_>>().join(" & ")
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
    let (dir, cmp) = page_order(q);
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
    let limit = page_limit(q);
    let sql = format!(
        "SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.aid = e.aid WHERE {}
         ORDER BY e.day {dir}, e.article_id {dir}, e.eid {dir} LIMIT {}",
        p.where_sql(),
        limit + 1
    );
    let rows = c
        .query(&sql, &p.params())?
        .iter()
        .map(event_row)
        .collect::<Result<Vec<_>>>()?;
    Ok(page_of(rows, limit, total))
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
    let search = q.text.as_deref().and_then(word_search);
    let tsquery = search.as_ref().and_then(|s| s.indexed.clone()).map(|lit| {
        let n = bind(&mut args, lit);
        format!("{n}::text::tsquery")
    });
    if let Some(tq) = &tsquery {
        conds.push(format!("a.tsv @@ {tq}"));
    }
    if let Some(bits) = search.as_ref().map(|s| s.stop_words).filter(|&b| b != 0) {
        args.push(Box::new(bits));
        let n = args.len();
        conds.push(format!("(a.stop_words & ${n}) = ${n}"));
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
    // the snippet shows where any of the words are, stop words included
    let all_words = search.map(|s| {
        let n = bind(&mut args, s.every);
        format!("{n}::text::tsquery")
    });
    let snippet = match &all_words {
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
