//! The web pages, rendered on the server: search, article, events table,
//! map, dyad timeline, actor network. Each works without JavaScript; the
//! containers `#map`, `#timeline` and `#network` are drawn by app.js.

use crate::html::{escape, marked_text, page, url_encode};
use crate::{article_query, code, event_query, param, with_store, AppState, Params};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use herald_core::{EventOut, Record};
use herald_store::{actor_key, EventQuery, EventRow};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

fn not_found(what: &str) -> Response {
    (
        StatusCode::NOT_FOUND,
        Html(page(
            "Not found",
            "",
            &format!("<h1>Not found</h1><p>{}</p>", escape(what)),
        )),
    )
        .into_response()
}

fn input(name: &str, label: &str, value: Option<&String>, placeholder: &str) -> String {
    format!(
        "<label>{label} <input name=\"{name}\" value=\"{}\" placeholder=\"{}\"></label>",
        escape(value.map(String::as_str).unwrap_or("")),
        escape(placeholder)
    )
}

/// `/`: full-text search with filters.
pub async fn search(State(state): State<Arc<AppState>>, Query(p): Params) -> Response {
    let q = article_query(&p, 50);
    let searched = q.text.is_some() || q.country.is_some() || q.from.is_some() || q.to.is_some();
    let counts_and_hits = with_store(&state, move |s| Ok((s.counts()?, s.search(&q)?))).await;
    let (counts, hits) = match counts_and_hits {
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
        let _ = write!(
            body,
            "<h2>{}</h2><ul id=\"results\">",
            if searched {
                "Results"
            } else {
                "Latest stories"
            }
        );
        for h in &hits {
            let title = h.title.clone().unwrap_or_else(|| h.id.clone());
            let _ = write!(
                body,
                "<li><a href=\"/articles/{}\">{}</a> <span class=\"muted\">{} · {} events{}</span>{}</li>",
                url_encode(&h.id),
                escape(&title),
                escape(h.published.as_deref().unwrap_or("undated")),
                h.events,
                h.focus_country.as_deref().map(|c| format!(" · {}", escape(c))).unwrap_or_default(),
                h.snippet.as_deref().map(|s| format!("<div class=\"snippet\">{}</div>", escape(s))).unwrap_or_default(),
            );
        }
        body.push_str("</ul>");
        if hits.is_empty() {
            body.push_str("<p>No stories match.</p>");
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

/// `/articles/{id}`: the text with its marks, and lists of events, actors,
/// places and quotes.
pub async fn article(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    let rec = match with_store(&state, move |s| s.article(&id)).await {
        Ok(Some(rec)) => rec,
        Ok(None) => return not_found("No stored article has that id."),
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
        let _ = write!(body, " · focus {}", escape(c));
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
    let text = marked_text(&rec, &|e| dyad(&rec, e));
    let _ = write!(
        body,
        "<div class=\"article\"><div id=\"text\">{text}</div><aside>"
    );
    body.push_str("<h2>Events</h2><ol id=\"events\">");
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
            "<li class=\"event{}\" data-type=\"{}\" data-event=\"{}\"><a class=\"ev-link\" href=\"#s{}\">{}</a> {}{}{}{} <span class=\"muted\">“{}”</span></li>",
            if e.negated { " neg" } else { "" },
            e.kind.as_str(),
            escape(&e.id),
            e.sentence,
            e.kind.as_str(),
            escape(&dyad(&rec, e)),
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
    body.push_str("</ul></aside></div>");
    Html(page(&title, "", &body)).into_response()
}

fn event_filters(p: &HashMap<String, String>, action: &str) -> String {
    let mut f = format!("<form method=\"get\" action=\"{action}\" class=\"filters\">");
    f.push_str(&input("type", "Type", p.get("type"), "CONSULT"));
    f.push_str(&input("country", "Country", p.get("country"), "USA"));
    f.push_str(&input("source", "Source", p.get("source"), ""));
    f.push_str(&input("target", "Target", p.get("target"), ""));
    f.push_str(&input("from", "From", p.get("from"), "YYYY-MM-DD"));
    f.push_str(&input("to", "To", p.get("to"), "YYYY-MM-DD"));
    f.push_str("<button type=\"submit\">Filter</button></form>");
    f
}

/// The query string of the filters that are set, for links and downloads.
fn filter_query(p: &HashMap<String, String>) -> String {
    ["type", "country", "source", "target", "from", "to", "place"]
        .iter()
        .filter_map(|k| param(p, k).map(|v| format!("{k}={}", url_encode(&v))))
        .collect::<Vec<_>>()
        .join("&")
}

fn event_row_html(e: &EventRow) -> String {
    format!(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><a href=\"/articles/{}#s{}\">{}</a></td></tr>",
        escape(e.date.as_deref().unwrap_or("")),
        escape(&e.kind),
        escape(&e.source.join(", ")),
        escape(&e.target.join(", ")),
        escape(e.place.as_deref().unwrap_or("")),
        e.quad_class,
        url_encode(&e.article_id),
        e.sentence_index,
        escape(&e.sentence),
    )
}

/// `/events`: the filtered events table with downloads.
pub async fn events(State(state): State<Arc<AppState>>, Query(p): Params) -> Response {
    let q = event_query(&p, 200, 1000);
    let rows = match with_store(&state, move |s| s.events(&q)).await {
        Ok(r) => r,
        Err(r) => return r,
    };
    let fq = filter_query(&p);
    let mut body = String::from("<h1>Events</h1>");
    body.push_str(&event_filters(&p, "/events"));
    let _ = write!(
        body,
        "<p>{} events shown (newest first). Download: <a href=\"/api/events?format=csv&limit=100000&{fq}\">CSV</a> · <a href=\"/api/events?format=jsonl&limit=100000&{fq}\">JSONL</a></p>",
        rows.len()
    );
    body.push_str("<div class=\"table-wrap\"><table id=\"events-table\" class=\"filterable\"><thead><tr><th>Date</th><th>Type</th><th>Source</th><th>Target</th><th>Place</th><th>Quad</th><th>Sentence</th></tr></thead><tbody>");
    for e in &rows {
        body.push_str(&event_row_html(e));
    }
    body.push_str("</tbody></table></div>");
    Html(page("Events", "/events", &body)).into_response()
}

/// `/map`: event locations over country shapes (drawn by app.js).
pub async fn map(Query(p): Params) -> Response {
    let fq = filter_query(&p);
    let mut body = String::from("<h1>Where events happened</h1>");
    body.push_str(&event_filters(&p, "/map"));
    let _ = write!(body, "<div id=\"map\" data-query=\"{}\"></div><p class=\"muted\">Circles grow with the number of events at a place; colour gives the most frequent quad class. The list of events is on the <a href=\"/events?{}\">events page</a>.</p>", escape(&fq), escape(&fq));
    Html(page("Map", "/map", &body)).into_response()
}

/// `/timeline?a=USA&b=RUS`: events per week between two actors.
pub async fn timeline(State(state): State<Arc<AppState>>, Query(p): Params) -> Response {
    let (a, b) = (code(&p, "a"), code(&p, "b"));
    let mut body = String::from(
        "<h1>Dyad timeline</h1><form method=\"get\" action=\"/timeline\" class=\"filters\">",
    );
    body.push_str(&input("a", "Actor A", p.get("a"), "USA"));
    body.push_str(&input("b", "Actor B", p.get("b"), "RUS"));
    body.push_str("<button type=\"submit\">Show</button></form>");
    if let (Some(a), Some(b)) = (a, b) {
        let (qa, qb) = (a.clone(), b.clone());
        let weeks = match with_store(&state, move |s| s.timeline(&qa, &qb)).await {
            Ok(w) => w,
            Err(r) => return r,
        };
        let _ = write!(
            body,
            "<div id=\"timeline\" data-a=\"{}\" data-b=\"{}\"></div>",
            escape(&a),
            escape(&b)
        );
        body.push_str("<div class=\"table-wrap\"><table class=\"filterable\"><thead><tr><th>Week of</th><th>Verbal cooperation</th><th>Material cooperation</th><th>Verbal conflict</th><th>Material conflict</th></tr></thead><tbody>");
        for w in &weeks {
            let _ = write!(
                body,
                "<tr><td><a href=\"/events?country={}&from={}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                url_encode(&a),
                escape(&w.week),
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
    let q = event_query(&p, 1, 1);
    let net = match with_store(&state, move |s| {
        s.network(&EventQuery { limit: 0, ..q }, 40)
    })
    .await
    {
        Ok(n) => n,
        Err(r) => return r,
    };
    let fq = filter_query(&p);
    let mut body = String::from("<h1>Actor network</h1>");
    body.push_str(&event_filters(&p, "/network"));
    let _ = write!(
        body,
        "<div id=\"network\" data-query=\"{}\"></div>",
        escape(&fq)
    );
    body.push_str("<div class=\"table-wrap\"><table class=\"filterable\"><thead><tr><th>Source</th><th>Target</th><th>Events</th><th>Q1</th><th>Q2</th><th>Q3</th><th>Q4</th></tr></thead><tbody>");
    for l in &net.links {
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td><a href=\"/timeline?a={}&b={}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&l.source),
            escape(&l.target),
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
    Html(page("Network", "/network", &body)).into_response()
}
