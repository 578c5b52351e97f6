//! The web pages, rendered on the server: search, article, events table
//! (totals, pages, sorting, facets, removable filters), map, dyad
//! timeline, actor network and actor pages. Each works without JavaScript;
//! the containers `#map`, `#timeline` and `#network` are drawn by app.js.

use crate::html::{escape, marked_text, page, url_encode};
use crate::params::{
    article_query, code, event_query, filter_query, param, quad_name, type_name, Params,
    EVENT_FILTERS,
};
use crate::{with_store, AppState};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use herald_core::{EventOut, Record, UnresolvedReason};
use herald_store::{actor_key, EventQuery, EventRow, Total};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

fn error_page(status: StatusCode, heading: &str, what: &str) -> Response {
    (
        status,
        Html(page(
            heading,
            "",
            &format!(
                "<h1>{}</h1><p class=\"error\" id=\"error\">{}</p>",
                escape(heading),
                escape(what)
            ),
        )),
    )
        .into_response()
}

fn bad(msg: String) -> Response {
    error_page(StatusCode::BAD_REQUEST, "Bad request", &msg)
}

fn input(name: &str, label: &str, value: Option<&String>, placeholder: &str) -> String {
    format!(
        "<label>{label} <input name=\"{name}\" value=\"{}\" placeholder=\"{}\"></label>",
        escape(value.map(String::as_str).unwrap_or("")),
        escape(placeholder)
    )
}

fn total_text(t: &Total, what: &str) -> String {
    format!(
        "{}{} {what}",
        if t.at_least { "more than " } else { "" },
        t.count
    )
}

/// An actor code with its name: "RUS (Russia)".
fn actor_label(state: &AppState, key: &str) -> String {
    match state.names.get(key) {
        Some(n) if key != "-" => format!("{key} ({n})"),
        _ => key.to_string(),
    }
}

fn actor_links(state: &AppState, keys: &[String]) -> String {
    keys.iter()
        .map(|k| {
            if k == "-" {
                "-".to_string()
            } else {
                format!(
                    "<a href=\"/actors/{}\" title=\"{}\">{}</a>",
                    url_encode(k),
                    escape(&actor_label(state, k)),
                    escape(k)
                )
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `/`: full-text search with filters, totals and pages.
pub async fn search(State(state): State<Arc<AppState>>, Query(p): Params) -> Response {
    let q = match article_query(&state, &p, 50) {
        Ok(q) => q,
        Err(m) => return bad(m),
    };
    let searched = q.text.is_some() || q.country.is_some() || q.from.is_some() || q.to.is_some();
    let result = with_store(&state, move |s, c| Ok((s.counts(c)?, s.search(&q, c)?))).await;
    let (counts, hits) = match result {
        Ok(x) => x,
        Err(r) => return r,
    };
    let mut body = String::from("<h1>Search the stories</h1><form id=\"search\" method=\"get\" action=\"/\" class=\"filters\">");
    body.push_str(&input("q", "Words", p.get("q"), "Lavrov"));
    body.push_str(&input("country", "Country", p.get("country"), "RUS"));
    body.push_str(&input("from", "From", p.get("from"), "YYYY-MM-DD"));
    body.push_str(&input("to", "To", p.get("to"), "YYYY-MM-DD"));
    body.push_str("<button type=\"submit\">Search</button></form>");
    let _ = write!(
        body,
        "<p class=\"muted\">{} articles, {} events stored.</p>",
        counts.articles, counts.events
    );
    if searched || counts.articles > 0 {
        let keep = |extra: &str| {
            let mut parts: Vec<String> = ["q", "country", "from", "to"]
                .iter()
                .filter_map(|k| param(&p, k).map(|v| format!("{k}={}", url_encode(&v))))
                .collect();
            parts.push(extra.to_string());
            parts.join("&")
        };
        let _ = write!(
            body,
            "<h2>{}</h2><p id=\"total\">{}. Sort: <a href=\"/?{}\">newest</a> · <a href=\"/?{}\">oldest</a>{}</p><ul id=\"results\">",
            if searched { "Results" } else { "Latest stories" },
            total_text(&hits.total, "articles"),
            escape(&keep("sort=newest")),
            escape(&keep("sort=oldest")),
            if p.contains_key("q") { format!(" · <a href=\"/?{}\">best match</a>", escape(&keep("sort=relevance"))) } else { String::new() },
        );
        for h in &hits.articles {
            let title = h.title.clone().unwrap_or_else(|| h.id.clone());
            let _ = write!(
                body,
                "<li><a href=\"/articles/{}\">{}</a> <span class=\"muted\">{} · {} events{}</span>{}</li>",
                url_encode(&h.id),
                escape(&title),
                escape(h.published.as_deref().unwrap_or("undated")),
                h.events,
                h.focus_country.as_deref().map(|c| format!(" · {}", escape(&actor_label(&state, c)))).unwrap_or_default(),
                h.snippet.as_deref().map(|s| format!("<div class=\"snippet\">{}</div>", escape(s))).unwrap_or_default(),
            );
        }
        body.push_str("</ul>");
        if hits.articles.is_empty() {
            body.push_str("<p>No stories match.</p>");
        }
        if let Some(next) = &hits.next {
            let sort = param(&p, "sort")
                .map(|s| format!("sort={}", url_encode(&s)))
                .unwrap_or_default();
            let _ = write!(
                body,
                "<p><a id=\"next\" href=\"/?{}\">Next page →</a></p>",
                escape(&keep(&format!("{sort}&after={next}")))
            );
        }
    }
    Html(page("Search", "/", &body)).into_response()
}

/// The dyad of an event as keys: "USA → RUS".
fn dyad(rec: &Record, e: &EventOut) -> String {
    let keys = |ids: &[String]| -> String {
        let k: Vec<String> = ids
            .iter()
            .filter_map(|id| rec.actors.iter().find(|a| &a.id == id))
            .map(actor_key)
            .collect();
        if k.is_empty() {
            "-".into()
        } else {
            k.join(", ")
        }
    };
    format!("{} → {}", keys(&e.source), keys(&e.target))
}

const ARTICLE_LEGEND: &str = "<ul class=\"legend\" id=\"legend\"><li><mark class=\"actor\">actor</mark></li><li><mark class=\"place\">place</mark></li><li><mark class=\"ev\">event trigger</mark></li><li><mark class=\"ev neg\">negated event</mark></li><li><span class=\"quote\">quotation</span></li></ul><p class=\"muted\">Point at a marked word to see what it was coded as.</p>";

/// `/articles/{id}`: the text with its marks and a legend, and lists of
/// events, actors, places and quotes.
pub async fn article(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    let rec = match with_store(&state, move |s, c| s.article(&id, c)).await {
        Ok(Some(rec)) => rec,
        Ok(None) => {
            return error_page(
                StatusCode::NOT_FOUND,
                "Not found",
                "No stored article has that id.",
            )
        }
        Err(r) => return r,
    };
    let title = rec.title.clone().unwrap_or_else(|| rec.id.clone());
    let mut body = format!("<h1>{}</h1><p class=\"muted\">", escape(&title));
    let _ = write!(
        body,
        "{}",
        escape(rec.published.as_deref().unwrap_or("undated"))
    );
    if let Some(c) = &rec.focus_country {
        let _ = write!(body, " · focus {}", escape(&actor_label(&state, c)));
    }
    if let Some(u) = &rec.url {
        // only web links become links
        if u.starts_with("http://") || u.starts_with("https://") {
            let _ = write!(
                body,
                " · <a href=\"{}\" rel=\"noopener noreferrer nofollow\">source</a>",
                escape(u)
            );
        }
    }
    let _ = write!(
        body,
        " · <a href=\"/api/articles/{}\">record (JSON)</a></p>",
        url_encode(&rec.id)
    );
    body.push_str(ARTICLE_LEGEND);
    let text = marked_text(&rec, &|e| dyad(&rec, e));
    let _ = write!(
        body,
        "<div class=\"article\"><div id=\"text\">{text}</div><aside>"
    );
    body.push_str(&article_lists(&rec));
    body.push_str("</aside></div>");
    Html(page(&title, "", &body)).into_response()
}

fn article_lists(rec: &Record) -> String {
    let mut body = String::from("<h2>Events</h2><ol id=\"events\">");
    for e in &rec.events {
        let place = e
            .location
            .as_ref()
            .and_then(|l| rec.places.iter().find(|p| &p.id == l))
            .map(|p| p.name.clone());
        let date = e.date.as_ref().map(|d| d.value.clone()).unwrap_or_default();
        let mut extra = String::new();
        if e.negated {
            extra.push_str(" · negated");
        }
        if e.modality != "asserted" {
            let _ = write!(extra, " · {}", escape(&e.modality));
        }
        let _ = write!(
            body,
            "<li class=\"event{}\" data-type=\"{}\" data-event=\"{}\"><a class=\"ev-link\" href=\"#s{}\">{}</a> {} <span class=\"muted\">({})</span>{}{}{} <span class=\"muted\">“{}”</span></li>",
            if e.negated { " neg" } else { "" },
            e.kind.as_str(),
            escape(&e.id),
            e.sentence,
            e.kind.as_str(),
            escape(&dyad(rec, e)),
            quad_name(e.quad_class as i64),
            if date.is_empty() { String::new() } else { format!(" · {}", escape(&date)) },
            place.map(|p| format!(" · {}", escape(&p))).unwrap_or_default(),
            extra,
            escape(&e.trigger.text),
        );
    }
    body.push_str("</ol><h2>Actors</h2><ul id=\"actors\">");
    for a in &rec.actors {
        let _ = write!(
            body,
            "<li data-actor=\"{}\">{} <span class=\"muted\">{} · {}{}</span></li>",
            escape(&a.id),
            escape(&a.name),
            escape(&a.kind),
            escape(&actor_key(a)),
            a.role
                .as_deref()
                .map(|r| format!(" · {}", escape(r)))
                .unwrap_or_default()
        );
    }
    body.push_str("</ul><h2>Places</h2><ul id=\"places\">");
    for p in &rec.places {
        let coords = match (p.lat, p.lon) {
            (Some(la), Some(lo)) => format!("{la:.3}, {lo:.3}"),
            _ => "no coordinates".into(),
        };
        let _ = write!(
            body,
            "<li data-place=\"{}\">{} <span class=\"muted\">{} · {}</span></li>",
            escape(&p.id),
            escape(&p.name),
            escape(p.country.as_deref().unwrap_or("-")),
            coords
        );
    }
    body.push_str("</ul><h2>Quotes</h2><ul id=\"quotes\">");
    for q in &rec.quotes {
        let speaker = q
            .speaker
            .as_ref()
            .and_then(|s| rec.actors.iter().find(|a| &a.id == s))
            .map(|a| a.name.clone())
            .unwrap_or_else(|| "unattributed".into());
        let _ = write!(
            body,
            "<li data-quote=\"{}\"><strong>{}</strong>: {}</li>",
            escape(&q.id),
            escape(&speaker),
            escape(&q.text)
        );
    }
    body.push_str("</ul>");
    body.push_str(&unresolved_list(rec));
    body
}

/// The readings the coder left out of `events`, with why: what an analyst
/// checks before trusting a missing event.
fn unresolved_list(rec: &Record) -> String {
    let mut body = String::from("<h2>Readings not coded</h2><ul id=\"unresolved\">");
    if rec.unresolved.is_empty() {
        body.push_str("<li class=\"muted\">none</li>");
    }
    for u in &rec.unresolved {
        let e = &u.event;
        let names = |ids: &[String]| -> String {
            let n: Vec<&str> = ids
                .iter()
                .filter_map(|id| rec.actors.iter().find(|a| &a.id == id))
                .map(|a| a.name.as_str())
                .collect();
            if n.is_empty() {
                "nobody".into()
            } else {
                n.join(", ")
            }
        };
        let why = match u.reason {
            UnresolvedReason::NoSource => "no source that a code places",
            UnresolvedReason::UncodedTarget => "a target that no code places",
            UnresolvedReason::NotReported => "not reported as happening",
            UnresolvedReason::Generic => "a generic statement",
            UnresolvedReason::Opinion => "the publisher's opinion",
        };
        let _ = write!(
            body,
            "<li data-unresolved=\"{}\" data-reason=\"{}\"><a href=\"#s{}\">{}</a> {} → {} <span class=\"muted\">“{}” · {}</span></li>",
            escape(&e.id),
            u.reason.as_str(),
            e.sentence,
            e.kind.as_str(),
            escape(&names(&e.source)),
            escape(&names(&e.target)),
            escape(&e.trigger.text),
            why
        );
    }
    body.push_str("</ul>");
    body
}

fn event_filters(p: &HashMap<String, String>, action: &str) -> String {
    let mut f =
        format!("<form method=\"get\" action=\"{action}\" class=\"filters\" id=\"filters\">");
    f.push_str(&input("type", "Type", p.get("type"), "CONSULT"));
    f.push_str(&input("country", "Country", p.get("country"), "USA"));
    f.push_str(&input("source", "Source", p.get("source"), ""));
    f.push_str(&input("target", "Target", p.get("target"), ""));
    f.push_str(&input("a", "Dyad: actor A", p.get("a"), "USA"));
    f.push_str(&input("b", "actor B", p.get("b"), "RUS"));
    f.push_str(&input("from", "From", p.get("from"), "YYYY-MM-DD"));
    f.push_str(&input("to", "To", p.get("to"), "YYYY-MM-DD"));
    for hidden in ["quad", "place", "article", "sort"] {
        if let Some(v) = param(p, hidden) {
            let _ = write!(
                f,
                "<input type=\"hidden\" name=\"{hidden}\" value=\"{}\">",
                escape(&v)
            );
        }
    }
    f.push_str("<button type=\"submit\">Filter</button></form>");
    f
}

/// Every filter in force, each with a link that removes it.
fn active_filters(state: &AppState, p: &HashMap<String, String>, action: &str) -> String {
    let mut out = String::new();
    for k in EVENT_FILTERS {
        let Some(v) = param(p, k) else { continue };
        let shown = match k {
            "type" => format!("{} ({})", v.to_ascii_uppercase(), type_name(&v)),
            "quad" => format!("{v} ({})", quad_name(v.parse().unwrap_or(0))),
            "country" | "source" | "target" | "a" | "b" => {
                actor_label(state, &v.to_ascii_uppercase())
            }
            _ => v.clone(),
        };
        let drop: &[&str] = if k == "a" || k == "b" {
            &["a", "b"]
        } else {
            &[k]
        };
        let _ = write!(
            out,
            "<li class=\"chip\" data-filter=\"{k}\">{k}: {} <a class=\"remove\" href=\"{action}?{}\" aria-label=\"remove the {k} filter\">×</a></li>",
            escape(&shown),
            escape(&filter_query(p, &[], drop))
        );
    }
    if out.is_empty() {
        String::new()
    } else {
        format!("<ul id=\"active-filters\" class=\"chips\">{out}</ul>")
    }
}

fn event_row_html(state: &AppState, e: &EventRow) -> String {
    format!(
        "<tr data-article=\"{}\"><td class=\"day\">{}</td><td title=\"{}\">{}</td><td>{}</td><td>{}</td><td>{}</td><td title=\"quad class {}\">{}</td><td><a href=\"/articles/{}#s{}\">{}</a></td></tr>",
        escape(&e.article_id),
        escape(e.date.as_deref().filter(|_| e.date_precision.as_deref() == Some("day")).or(e.published.as_deref()).unwrap_or("")),
        escape(&type_name(&e.kind)),
        escape(&e.kind),
        actor_links(state, &e.source),
        actor_links(state, &e.target),
        escape(e.place.as_deref().unwrap_or("")),
        e.quad_class,
        quad_name(e.quad_class),
        url_encode(&e.article_id),
        e.sentence_index,
        escape(&e.sentence),
    )
}

fn facets_html(p: &HashMap<String, String>, f: &herald_store::Facets) -> String {
    let mut out = String::from("<aside id=\"facets\"><h2>Facets</h2>");
    if f.capped {
        let _ = write!(
            out,
            "<p class=\"muted\">Counted over the newest {} matching events.</p>",
            f.counted
        );
    }
    for (name, values) in &f.facets {
        if values.is_empty() {
            continue;
        }
        let param_name = if name == "quad_class" {
            "quad"
        } else {
            name.as_str()
        };
        let _ = write!(
            out,
            "<h3>{}</h3><ul class=\"facet\" data-facet=\"{}\">",
            escape(&name.replace('_', " ")),
            escape(name)
        );
        for v in values {
            let label = match name.as_str() {
                "quad_class" => format!("{} {}", v.value, quad_name(v.value.parse().unwrap_or(0))),
                "type" => format!("{} ({})", v.value, type_name(&v.value)),
                _ => v.value.clone(),
            };
            let settable = matches!(
                param_name,
                "type" | "quad" | "country" | "source" | "target"
            );
            if settable && param(p, param_name).is_none() && v.value != "-" {
                let _ = write!(
                    out,
                    "<li><a href=\"/events?{}\">{}</a> <span class=\"count\">{}</span></li>",
                    escape(&filter_query(p, &[(param_name, &v.value)], &["after"])),
                    escape(&label),
                    v.count
                );
            } else {
                let _ = write!(
                    out,
                    "<li>{} <span class=\"count\">{}</span></li>",
                    escape(&label),
                    v.count
                );
            }
        }
        out.push_str("</ul>");
    }
    out.push_str("</aside>");
    out
}

/// `/events`: the filtered events table, with totals, pages, sorting,
/// facets and downloads.
pub async fn events(State(state): State<Arc<AppState>>, Query(p): Params) -> Response {
    let q = match event_query(&state, &p, 100, 1000) {
        Ok(q) => q,
        Err(m) => return bad(m),
    };
    let fq = EventQuery {
        after: None,
        ..q.clone()
    };
    let (rows, facets) = match with_store(&state, move |s, c| {
        Ok((s.events(&q, c)?, s.facets(&fq, c)?))
    })
    .await
    {
        Ok(r) => r,
        Err(r) => return r,
    };
    let mut body = String::from("<h1>Events</h1>");
    body.push_str(&event_filters(&p, "/events"));
    body.push_str(&active_filters(&state, &p, "/events"));
    let plain = filter_query(&p, &[], &["sort", "after"]);
    let _ = write!(
        body,
        "<p id=\"total\">{}, {} first. Sort: <a id=\"sort-newest\" href=\"/events?{}\">newest first</a> · <a id=\"sort-oldest\" href=\"/events?{}\">oldest first</a>. Download (up to 100,000 rows): <a href=\"/api/events?format=csv&limit=100000&{plain}\">CSV</a> · <a href=\"/api/events?format=jsonl&limit=100000&{plain}\">JSONL</a></p>",
        total_text(&rows.total, "events"),
        if rows.events.is_empty() { "none" } else if p.get("sort").map(String::as_str) == Some("oldest") { "oldest" } else { "newest" },
        escape(&filter_query(&p, &[("sort", "newest")], &["after"])),
        escape(&filter_query(&p, &[("sort", "oldest")], &["after"])),
        plain = escape(&plain),
    );
    body.push_str("<div class=\"with-facets\"><div class=\"table-wrap\"><table id=\"events-table\" class=\"filterable\"><thead><tr><th>Date</th><th>Type</th><th>Source</th><th>Target</th><th>Place</th><th>Quad</th><th>Sentence</th></tr></thead><tbody>");
    for e in &rows.events {
        body.push_str(&event_row_html(&state, e));
    }
    body.push_str("</tbody></table>");
    if let Some(next) = &rows.next {
        let _ = write!(
            body,
            "<p><a id=\"next\" href=\"/events?{}\">Next page →</a></p>",
            escape(&filter_query(&p, &[("after", next)], &[]))
        );
    }
    body.push_str("</div>");
    body.push_str(&facets_html(&p, &facets));
    body.push_str("</div>");
    Html(page("Events", "/events", &body)).into_response()
}

/// `/map`: every located event matching the filters, clustered by place
/// on the server and drawn by app.js.
pub async fn map(State(state): State<Arc<AppState>>, Query(p): Params) -> Response {
    if let Err(m) = event_query(&state, &p, 1, 1) {
        return bad(m);
    }
    let fq = filter_query(&p, &[], &["after", "sort"]);
    let mut body = String::from("<h1>Where events happened</h1>");
    body.push_str(&event_filters(&p, "/map"));
    body.push_str(&active_filters(&state, &p, "/map"));
    let _ = write!(body, "<div id=\"map\" data-query=\"{}\"></div><p class=\"muted\">Every located event matching the filters, grouped by place: circles grow with the number of events; colour gives the most frequent quad class. A circle opens the events of that place. The list of events is on the <a href=\"/events?{}\">events page</a>.</p>", escape(&fq), escape(&fq));
    Html(page("Map", "/map", &body)).into_response()
}

/// The last day of the week that starts on `monday`.
fn week_end(monday: &str) -> String {
    chrono::NaiveDate::parse_from_str(monday, "%Y-%m-%d")
        .map(|d| {
            (d + chrono::Duration::days(6))
                .format("%Y-%m-%d")
                .to_string()
        })
        .unwrap_or_else(|_| monday.to_string())
}

/// `/timeline?a=USA&b=RUS`: events per week between two actors; each week
/// opens the events of that pair in that week.
pub async fn timeline(State(state): State<Arc<AppState>>, Query(p): Params) -> Response {
    let (a, b) = match (code(&state, &p, "a"), code(&state, &p, "b")) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(m), _) | (_, Err(m)) => return bad(m),
    };
    let mut body = String::from(
        "<h1>Dyad timeline</h1><form method=\"get\" action=\"/timeline\" class=\"filters\">",
    );
    body.push_str(&input("a", "Actor A", p.get("a"), "USA"));
    body.push_str(&input("b", "Actor B", p.get("b"), "RUS"));
    body.push_str("<button type=\"submit\">Show</button></form>");
    if let (Some(a), Some(b)) = (a, b) {
        let (qa, qb) = (a.clone(), b.clone());
        let weeks = match with_store(&state, move |s, c| s.timeline(&qa, &qb, c)).await {
            Ok(w) => w,
            Err(r) => return r,
        };
        let _ = write!(
            body,
            "<p>Events between {} and {}, either way: <a href=\"/events?a={}&b={}\">all of them</a>.</p><div id=\"timeline\" data-a=\"{}\" data-b=\"{}\"></div>",
            escape(&actor_label(&state, &a)),
            escape(&actor_label(&state, &b)),
            url_encode(&a),
            url_encode(&b),
            escape(&a),
            escape(&b)
        );
        body.push_str("<div class=\"table-wrap\"><table class=\"filterable\" id=\"weeks\"><thead><tr><th>Week of</th><th>Verbal cooperation</th><th>Material cooperation</th><th>Verbal conflict</th><th>Material conflict</th></tr></thead><tbody>");
        for w in &weeks {
            let _ = write!(
                body,
                "<tr><td><a href=\"/events?a={}&b={}&from={}&to={}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                url_encode(&a),
                url_encode(&b),
                escape(&w.week),
                escape(&week_end(&w.week)),
                escape(&w.week),
                w.q1,
                w.q2,
                w.q3,
                w.q4
            );
        }
        body.push_str("</tbody></table></div>");
        if weeks.is_empty() {
            body.push_str("<p>No dated events between these two.</p>");
        }
    }
    Html(page("Timeline", "/timeline", &body)).into_response()
}

/// `/network`: who acts on whom (drawn by app.js; the busiest pairs listed).
pub async fn network(State(state): State<Arc<AppState>>, Query(p): Params) -> Response {
    let q = match event_query(&state, &p, 1, 1) {
        Ok(q) => q,
        Err(m) => return bad(m),
    };
    let net = match with_store(&state, move |s, c| {
        s.network(&EventQuery { limit: 0, ..q }, 40, c)
    })
    .await
    {
        Ok(n) => n,
        Err(r) => return r,
    };
    let fq = filter_query(&p, &[], &["after", "sort"]);
    let mut body = String::from("<h1>Actor network</h1>");
    body.push_str(&event_filters(&p, "/network"));
    body.push_str(&active_filters(&state, &p, "/network"));
    let _ = write!(
        body,
        "<div id=\"network\" data-query=\"{}\"></div>",
        escape(&fq)
    );
    if net.capped {
        body.push_str("<p class=\"muted\">Counted over the newest 50,000 matching events.</p>");
    }
    body.push_str("<div class=\"table-wrap\"><table class=\"filterable\" id=\"links\"><thead><tr><th>Source</th><th>Target</th><th>Events</th><th>Q1</th><th>Q2</th><th>Q3</th><th>Q4</th><th>Timeline</th></tr></thead><tbody>");
    for l in &net.links {
        let events = filter_query(
            &p,
            &[("source", &l.source), ("target", &l.target)],
            &["after", "country", "a", "b"],
        );
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td><a href=\"/events?{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><a href=\"/timeline?a={}&b={}\">weeks</a></td></tr>",
            actor_links(&state, std::slice::from_ref(&l.source)),
            actor_links(&state, std::slice::from_ref(&l.target)),
            escape(&events),
            l.count,
            l.q1,
            l.q2,
            l.q3,
            l.q4,
            url_encode(&l.source),
            url_encode(&l.target),
        );
    }
    body.push_str("</tbody></table></div>");
    Html(page("Network", "/network", &body)).into_response()
}

/// The last day of a YYYY-MM month.
fn month_end(month: &str) -> String {
    chrono::NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d")
        .ok()
        .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
        .map(|d| {
            (d - chrono::Duration::days(1))
                .format("%Y-%m-%d")
                .to_string()
        })
        .unwrap_or_else(|| format!("{month}-28"))
}

/// `/actors/{key}`: an actor's events per month and its partners.
pub async fn actor(State(state): State<Arc<AppState>>, Path(key): Path<String>) -> Response {
    let key = key.to_ascii_uppercase();
    if !state.names.contains_key(&key) {
        return error_page(
            StatusCode::NOT_FOUND,
            "Not found",
            &format!("No actor has the code {key:?}."),
        );
    }
    let k = key.clone();
    let summary = match with_store(&state, move |s, c| s.actor(&k, c)).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    let label = actor_label(&state, &key);
    let mut body = format!("<h1 id=\"actor\">{}</h1><p><a href=\"/events?country={}\">All its events</a> · <a href=\"/map?country={}\">map</a> · <a href=\"/network?country={}\">network</a></p>", escape(&label), url_encode(&key), url_encode(&key), url_encode(&key));
    let max = summary.months.iter().map(|m| m.1).max().unwrap_or(1).max(1);
    body.push_str("<h2>Events per month</h2><div class=\"table-wrap\"><table id=\"months\"><thead><tr><th>Month</th><th>Events</th><th></th></tr></thead><tbody>");
    for (month, n) in &summary.months {
        let _ = write!(
            body,
            "<tr><td><a href=\"/events?country={}&from={month}-01&to={}\">{month}</a></td><td>{n}</td><td><span class=\"bar\" data-width=\"{}\">{}</span></td></tr>",
            url_encode(&key),
            month_end(month),
            n * 100 / max,
            "▇".repeat(((n * 20 + max - 1) / max) as usize),
            month = escape(month),
        );
    }
    body.push_str("</tbody></table></div>");
    if summary.months.is_empty() {
        body.push_str("<p>No dated events of this actor.</p>");
    }
    body.push_str("<h2>Partners</h2><div class=\"table-wrap\"><table id=\"partners\"><thead><tr><th>Source</th><th>Target</th><th>Events</th><th>Q1</th><th>Q2</th><th>Q3</th><th>Q4</th></tr></thead><tbody>");
    for l in &summary.partners {
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td><a href=\"/events?source={}&target={}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            actor_links(&state, std::slice::from_ref(&l.source)),
            actor_links(&state, std::slice::from_ref(&l.target)),
            url_encode(&l.source),
            url_encode(&l.target),
            l.count,
            l.q1,
            l.q2,
            l.q3,
            l.q4
        );
    }
    body.push_str("</tbody></table></div>");
    Html(page(&label, "", &body)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_page_lists_the_readings_not_coded_and_why() {
        let kb = herald_kb::Kb::embedded().expect("embedded knowledge base");
        let rec = herald_coder::Coder::new(&kb).code(&herald_core::Article {
            id: "t".into(),
            text: "Smith attacked the plan on Monday.".into(),
            ..Default::default()
        });
        let html = article_lists(&rec);
        assert!(html.contains("<h2>Readings not coded</h2>"));
        assert!(html.contains("data-reason=\"no_source\""), "{html}");
        assert!(html.contains("ASSAULT</a> Smith → nobody"), "{html}");
        assert!(html.contains("no source that a code places"));
    }
}
