//! The JSON API (and the CSV/JSONL downloads of events): thin handlers
//! that check their parameters and call the store.

use crate::params::{article_query, code, event_query, limit, param, Params};
use crate::{json_error, store_error, with_store, AppState};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use herald_store::EventQuery;
use serde_json::json;
use std::collections::BTreeSet;
use std::sync::Arc;

fn bad(msg: String) -> Response {
    json_error(StatusCode::BAD_REQUEST, &msg)
}

pub(crate) async fn articles(State(state): State<Arc<AppState>>, Query(p): Params) -> Response {
    let q = match article_query(&state, &p, 20) {
        Ok(q) => q,
        Err(m) => return bad(m),
    };
    match with_store(&state, move |s, c| s.search(&q, c)).await {
        Ok(page) => Json(page).into_response(),
        Err(r) => r,
    }
}

pub(crate) async fn article(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Response {
    match with_store(&state, move |s, c| s.article(&id, c)).await {
        Ok(Some(rec)) => Json(rec).into_response(),
        Ok(None) => json_error(StatusCode::NOT_FOUND, "no article with that id"),
        Err(r) => r,
    }
}

pub(crate) async fn events(State(state): State<Arc<AppState>>, Query(p): Params) -> Response {
    let format = param(&p, "format").unwrap_or_else(|| "json".into());
    if !["json", "jsonl", "csv"].contains(&format.as_str()) {
        return bad(format!("format must be json, jsonl or csv, not {format:?}"));
    }
    // downloads take up to 100,000 rows a request, pages 5,000
    let max = if format == "json" { 5_000 } else { 100_000 };
    let q = match event_query(&state, &p, 100, max) {
        Ok(q) => q,
        Err(m) => return bad(m),
    };
    let page = match with_store(&state, move |s, c| s.events(&q, c)).await {
        Ok(e) => e,
        Err(r) => return r,
    };
    match format.as_str() {
        "jsonl" => {
            let body: String = page
                .events
                .iter()
                .map(|e| serde_json::to_string(e).unwrap_or_default() + "\n")
                .collect();
            download(
                body,
                "application/x-ndjson",
                "attachment; filename=\"herald-events.jsonl\"",
            )
        }
        "csv" => {
            let mut body = herald_store::csv::HEADER.join(",") + "\n";
            for e in &page.events {
                body.push_str(&herald_store::csv::row(e));
                body.push('\n');
            }
            download(
                body,
                "text/csv; charset=utf-8",
                "attachment; filename=\"herald-events.csv\"",
            )
        }
        _ => Json(page).into_response(),
    }
}

/// A file to save: `disposition` names it (`attachment; filename="…"`).
fn download(body: String, content_type: &'static str, disposition: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

pub(crate) async fn facets(State(state): State<Arc<AppState>>, Query(p): Params) -> Response {
    let q = match event_query(&state, &p, 1, 1) {
        Ok(q) => q,
        Err(m) => return bad(m),
    };
    match with_store(&state, move |s, c| s.facets(&q, c)).await {
        Ok(f) => Json(f).into_response(),
        Err(r) => r,
    }
}

pub(crate) async fn map(State(state): State<Arc<AppState>>, Query(p): Params) -> Response {
    let q = match event_query(&state, &p, 1, 1) {
        Ok(q) => q,
        Err(m) => return bad(m),
    };
    match with_store(&state, move |s, c| s.map(&q, c)).await {
        Ok(m) => Json(m).into_response(),
        Err(r) => r,
    }
}

pub(crate) async fn timeline(State(state): State<Arc<AppState>>, Query(p): Params) -> Response {
    let (a, b) = match (code(&state, &p, "a"), code(&state, &p, "b")) {
        (Ok(Some(a)), Ok(Some(b))) => (a, b),
        (Err(m), _) | (_, Err(m)) => return bad(m),
        _ => return bad("give two actor codes: ?a=USA&b=RUS".into()),
    };
    let (qa, qb) = (a.clone(), b.clone());
    match with_store(&state, move |s, c| s.timeline(&qa, &qb, c)).await {
        Ok(weeks) => Json(json!({ "a": a, "b": b, "weeks": weeks })).into_response(),
        Err(r) => r,
    }
}

pub(crate) async fn network(State(state): State<Arc<AppState>>, Query(p): Params) -> Response {
    let (q, n) = match (event_query(&state, &p, 1, 1), limit(&p, 40, 200)) {
        (Ok(q), Ok(n)) => (q, n),
        (Err(m), _) | (_, Err(m)) => return bad(m),
    };
    match with_store(&state, move |s, c| {
        s.network(&EventQuery { limit: 0, ..q }, n, c)
    })
    .await
    {
        Ok(net) => Json(net).into_response(),
        Err(r) => r,
    }
}

pub(crate) async fn actor(State(state): State<Arc<AppState>>, Path(key): Path<String>) -> Response {
    let key = key.to_ascii_uppercase();
    if !state.names.contains_key(&key) {
        return json_error(
            StatusCode::NOT_FOUND,
            &format!("unknown actor code {key:?}"),
        );
    }
    match with_store(&state, move |s, c| s.actor(&key, c)).await {
        Ok(a) => Json(a).into_response(),
        Err(r) => r,
    }
}

/// The token of an `Authorization: Bearer …` header (the scheme in any case).
fn bearer(headers: &HeaderMap) -> &str {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, token) = v.trim().split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
        })
        .unwrap_or("")
}

/// `POST /api/articles`: a JSONL body of articles, coded and stored. Needs
/// the server's `--token` as `Authorization: Bearer …`.
pub(crate) async fn ingest(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(token) = &state.token else {
        return json_error(
            StatusCode::FORBIDDEN,
            "this server takes no articles: start it with --token to allow POST",
        );
    };
    if !constant_time_eq(bearer(&headers).as_bytes(), token.as_bytes()) {
        return json_error(StatusCode::UNAUTHORIZED, "missing or wrong bearer token");
    }
    let st = Arc::clone(&state);
    // coding runs outside the store; only the write takes the writer
    let coded = tokio::task::spawn_blocking(move || {
        let opts = herald_ingest::ReadOptions::default();
        let mut errors: Vec<String> = Vec::new();
        let mut records = Vec::new();
        let mut rows = herald_ingest::JsonlReader::new("request body", &body[..]);
        let mut line = 0usize;
        while let Some(row) = rows.next_row() {
            line += 1;
            match row.and_then(|r| r.parse("request body", &opts)) {
                Ok(a) if a.id.trim().is_empty() => {
                    errors.push(format!("request body:{line}: the article has a blank id"))
                }
                Ok(a) => records.push(st.coder.code(&a)),
                Err(e) => errors.push(e.to_string()),
            }
        }
        (records, errors)
    })
    .await;
    let Ok((records, errors)) = coded else {
        return json_error(StatusCode::INTERNAL_SERVER_ERROR, "ingest task failed");
    };
    let mut ids: Vec<String> = Vec::new();
    let mut seen = BTreeSet::new();
    for r in &records {
        if seen.insert(r.id.clone()) {
            ids.push(r.id.clone());
        }
    }
    let summary = if records.is_empty() {
        None
    } else {
        let st = Arc::clone(&state);
        match tokio::task::spawn_blocking(move || st.store.write_batch(&records)).await {
            Ok(Ok(s)) => Some(s),
            Ok(Err(e)) => return store_error(&e, state.query_limit),
            Err(_) => return json_error(StatusCode::INTERNAL_SERVER_ERROR, "ingest task failed"),
        }
    };
    let warnings: Vec<String> = summary
        .iter()
        .flat_map(|s| s.repeated.iter())
        .map(|id| format!("id {id:?} was given more than once; the later article was stored"))
        .collect();
    let status = if ids.is_empty() && !errors.is_empty() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    (
        status,
        Json(json!({ "stored": ids.len(), "ids": ids, "errors": errors, "warnings": warnings })),
    )
        .into_response()
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
