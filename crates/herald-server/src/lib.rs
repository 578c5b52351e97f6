//! `herald serve`: the JSON API and the web UI over the SQLite store.
//!
//! Owns HTTP: routes, limits, security headers, the server-rendered pages
//! (which work without JavaScript; `assets/app.js` adds the charts, map and
//! network on top) and the static assets embedded in the binary. All data
//! access goes through `herald_store`.

mod html;
mod pages;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use herald_coder::Coder;
use herald_kb::Kb;
use herald_store::{ArticleQuery, EventQuery, Store};
use serde_json::json;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

pub use html::escape;

/// The most bytes a client may POST (a JSONL batch of articles).
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// What every request shares.
pub struct AppState {
    store: Mutex<Store>,
    coder: Coder<'static>,
    /// The bearer token that `POST /api/articles` needs; none refuses all posts.
    token: Option<String>,
}

impl AppState {
    pub fn new(store: Store, kb: &'static Kb, token: Option<String>) -> Arc<AppState> {
        Arc::new(AppState {
            store: Mutex::new(store),
            coder: Coder::new(kb),
            token: token.filter(|t| !t.is_empty()),
        })
    }
}

/// The application: pages, API and static files.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(pages::search))
        .route("/articles/{id}", get(pages::article))
        .route("/events", get(pages::events))
        .route("/map", get(pages::map))
        .route("/timeline", get(pages::timeline))
        .route("/network", get(pages::network))
        .route("/static/{file}", get(static_file))
        .route("/api/articles", get(api_articles).post(api_ingest))
        .route("/api/articles/{id}", get(api_article))
        .route("/api/events", get(api_events))
        .route("/api/timeline", get(api_timeline))
        .route("/api/network", get(api_network))
        .fallback(|| async { json_error(StatusCode::NOT_FOUND, "no such page or API route") })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// Serves until Ctrl-C.
pub async fn serve(addr: SocketAddr, state: Arc<AppState>) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
    eprintln!("herald: serving on http://{}", listener.local_addr()?);
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

async fn security_headers(mut r: Response) -> Response {
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    r
}

pub(crate) fn json_error(status: StatusCode, msg: &str) -> Response {
    (status, Json(json!({ "error": msg }))).into_response()
}

/// Runs a store query off the async threads; a poisoned lock or failed
/// query becomes a 500 with its message.
pub(crate) async fn with_store<T: Send + 'static>(
    state: &Arc<AppState>,
    f: impl FnOnce(&Store) -> herald_store::Result<T> + Send + 'static,
) -> Result<T, Response> {
    let state = Arc::clone(state);
    tokio::task::spawn_blocking(move || {
        let store = state
            .store
            .lock()
            .map_err(|_| json_error(StatusCode::INTERNAL_SERVER_ERROR, "store unavailable"))?;
        f(&store).map_err(|e| json_error(StatusCode::INTERNAL_SERVER_ERROR, &format!("store: {e}")))
    })
    .await
    .map_err(|_| json_error(StatusCode::INTERNAL_SERVER_ERROR, "store task failed"))?
}

/// Query parameters, trimmed; empty ones count as absent.
pub(crate) type Params = Query<HashMap<String, String>>;

pub(crate) fn param(p: &HashMap<String, String>, k: &str) -> Option<String> {
    p.get(k)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// A limit from the query, clamped (never refused) to `1..=max`.
pub(crate) fn limit(p: &HashMap<String, String>, default: usize, max: usize) -> usize {
    p.get("limit")
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(default)
        .clamp(1, max)
}

pub(crate) fn offset(p: &HashMap<String, String>) -> usize {
    p.get("offset")
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(0)
        .min(1_000_000)
}

/// A YYYY-MM-DD date from the query, else absent.
pub(crate) fn date(p: &HashMap<String, String>, k: &str) -> Option<String> {
    param(p, k).filter(|d| {
        d.len() == 10
            && d.as_bytes()[4] == b'-'
            && d.as_bytes()[7] == b'-'
            && d.chars().filter(|c| c.is_ascii_digit()).count() == 8
    })
}

/// An actor key from the query: ISO alpha-3, IGO or group codes, upper-cased.
pub(crate) fn code(p: &HashMap<String, String>, k: &str) -> Option<String> {
    param(p, k)
        .map(|v| v.to_ascii_uppercase())
        .filter(|v| v.len() <= 16 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
}

pub(crate) fn article_query(p: &HashMap<String, String>, default_limit: usize) -> ArticleQuery {
    ArticleQuery {
        text: param(p, "q").map(|q| q.chars().take(200).collect()),
        country: code(p, "country"),
        from: date(p, "from"),
        to: date(p, "to"),
        limit: limit(p, default_limit, 200),
        offset: offset(p),
    }
}

pub(crate) fn event_query(
    p: &HashMap<String, String>,
    default_limit: usize,
    max: usize,
) -> EventQuery {
    EventQuery {
        kind: code(p, "type"),
        country: code(p, "country"),
        source: code(p, "source"),
        target: code(p, "target"),
        from: date(p, "from"),
        to: date(p, "to"),
        place: param(p, "place").map(|q| q.chars().take(200).collect()),
        article: param(p, "article"),
        include_negated: param(p, "negated").is_some_and(|v| v == "1" || v == "true"),
        limit: limit(p, default_limit, max),
        offset: offset(p),
    }
}

async fn api_articles(State(state): State<Arc<AppState>>, Query(p): Params) -> Response {
    let q = article_query(&p, 20);
    match with_store(&state, move |s| s.search(&q)).await {
        Ok(articles) => Json(json!({ "articles": articles })).into_response(),
        Err(r) => r,
    }
}

async fn api_article(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    match with_store(&state, move |s| s.article(&id)).await {
        Ok(Some(rec)) => Json(rec).into_response(),
        Ok(None) => json_error(StatusCode::NOT_FOUND, "no article with that id"),
        Err(r) => r,
    }
}

async fn api_events(State(state): State<Arc<AppState>>, Query(p): Params) -> Response {
    let format = param(&p, "format").unwrap_or_else(|| "json".into());
    let q = event_query(&p, 100, if format == "json" { 5_000 } else { 100_000 });
    let events = match with_store(&state, move |s| s.events(&q)).await {
        Ok(e) => e,
        Err(r) => return r,
    };
    match format.as_str() {
        "json" => Json(json!({ "events": events })).into_response(),
        "jsonl" => {
            let body: String = events
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
            for e in &events {
                body.push_str(&herald_store::csv::row(e));
                body.push('\n');
            }
            download(
                body,
                "text/csv; charset=utf-8",
                "attachment; filename=\"herald-events.csv\"",
            )
        }
        _ => json_error(StatusCode::BAD_REQUEST, "format must be json, jsonl or csv"),
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

async fn api_timeline(State(state): State<Arc<AppState>>, Query(p): Params) -> Response {
    let (Some(a), Some(b)) = (code(&p, "a"), code(&p, "b")) else {
        return json_error(
            StatusCode::BAD_REQUEST,
            "give two actor codes: ?a=USA&b=RUS",
        );
    };
    let (qa, qb) = (a.clone(), b.clone());
    match with_store(&state, move |s| s.timeline(&qa, &qb)).await {
        Ok(weeks) => Json(json!({ "a": a, "b": b, "weeks": weeks })).into_response(),
        Err(r) => r,
    }
}

async fn api_network(State(state): State<Arc<AppState>>, Query(p): Params) -> Response {
    let q = event_query(&p, 0, 1);
    let n = limit(&p, 40, 200);
    match with_store(&state, move |s| s.network(&EventQuery { limit: 0, ..q }, n)).await {
        Ok(net) => Json(net).into_response(),
        Err(r) => r,
    }
}

/// `POST /api/articles`: a JSONL body of articles, coded and stored. Needs
/// the server's `--token` as `Authorization: Bearer …`.
async fn api_ingest(
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
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !constant_time_eq(given.as_bytes(), token.as_bytes()) {
        return json_error(StatusCode::UNAUTHORIZED, "missing or wrong bearer token");
    }
    let st = Arc::clone(&state);
    let result = tokio::task::spawn_blocking(move || {
        let opts = herald_ingest::ReadOptions::default();
        let mut errors: Vec<String> = Vec::new();
        let mut articles = Vec::new();
        let mut rows = herald_ingest::JsonlReader::new("request body", &body[..]);
        while let Some(row) = rows.next_row() {
            match row.and_then(|r| r.parse("request body", &opts)) {
                Ok(a) => articles.push(a),
                Err(e) => errors.push(e.to_string()),
            }
        }
        let records: Vec<herald_core::Record> = articles.iter().map(|a| st.coder.code(a)).collect();
        let ids: Vec<String> = records.iter().map(|r| r.id.clone()).collect();
        let mut store = st
            .store
            .lock()
            .map_err(|_| "store unavailable".to_string())?;
        store
            .write_batch(&records)
            .map_err(|e| format!("store: {e}"))?;
        Ok::<_, String>((ids, errors))
    })
    .await;
    match result {
        Ok(Ok((ids, errors))) => {
            let status = if ids.is_empty() && !errors.is_empty() {
                StatusCode::BAD_REQUEST
            } else {
                StatusCode::OK
            };
            (
                status,
                Json(json!({ "stored": ids.len(), "ids": ids, "errors": errors })),
            )
                .into_response()
        }
        Ok(Err(e)) => json_error(StatusCode::INTERNAL_SERVER_ERROR, &e),
        Err(_) => json_error(StatusCode::INTERNAL_SERVER_ERROR, "ingest task failed"),
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn static_file(Path(file): Path<String>) -> Response {
    let (body, content_type): (&'static str, &'static str) = match file.as_str() {
        "app.js" => (
            include_str!("../assets/app.js"),
            "text/javascript; charset=utf-8",
        ),
        "app.css" => (include_str!("../assets/app.css"), "text/css; charset=utf-8"),
        "world.json" => (include_str!("../assets/world.json"), "application/json"),
        _ => return json_error(StatusCode::NOT_FOUND, "no such file"),
    };
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}
