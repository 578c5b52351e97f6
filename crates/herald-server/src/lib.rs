//! `herald serve`: the JSON API and the web UI over a store.
//!
//! Owns HTTP: routes, limits (body size, URI length, a bounded pool of
//! store workers, a time limit on every query, cancellation when the client
//! leaves), the Host check, security headers, the server-rendered pages
//! (which work without JavaScript; `assets/app.js` adds the charts, map and
//! network on top) and the static assets embedded in the binary. All data
//! access goes through the [`EventStore`] interface.

mod api;
mod html;
mod pages;
mod params;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Json;
use herald_coder::Coder;
use herald_kb::Kb;
use herald_store::{EventStore, QueryControl, StoreError};
use serde_json::json;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

pub use axum::Router;
pub use html::escape;

/// The most bytes a client may POST (a JSONL batch of articles).
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;
/// The longest request target (path and query) served.
pub const MAX_URI_BYTES: usize = 8 * 1024;
/// How long one store query may run before it is stopped.
pub const QUERY_TIME_LIMIT: Duration = Duration::from_secs(10);
/// How long a request waits for a free store worker before 503.
const WORKER_WAIT: Duration = Duration::from_secs(10);

/// What every request shares.
pub struct AppState {
    store: Arc<dyn EventStore>,
    coder: Coder<'static>,
    /// The bearer token that `POST /api/articles` needs; none refuses all posts.
    token: Option<String>,
    /// Store calls running at once; more wait (bounded threads and memory).
    workers: Semaphore,
    query_limit: Duration,
    /// Host names a request may name (DNS rebinding); none checks nothing.
    allowed_hosts: Option<Vec<String>>,
    /// Actor codes the knowledge base knows, with their names.
    pub(crate) names: BTreeMap<String, String>,
}

impl AppState {
    pub fn new(
        store: Arc<dyn EventStore>,
        kb: &'static Kb,
        token: Option<String>,
    ) -> Arc<AppState> {
        Self::with_hosts(store, kb, token, None)
    }

    /// A state that answers only requests whose Host is one of `hosts`.
    pub fn with_hosts(
        store: Arc<dyn EventStore>,
        kb: &'static Kb,
        token: Option<String>,
        hosts: Option<Vec<String>>,
    ) -> Arc<AppState> {
        Self::with_parser(store, kb, None, token, hosts)
    }

    /// The full state: posted articles are coded with the tagger and parser
    /// when one is given, as `herald extract` and `herald ingest` code them.
    pub fn with_parser(
        store: Arc<dyn EventStore>,
        kb: &'static Kb,
        syntax: Option<&'static herald_syntax::Syntax>,
        token: Option<String>,
        hosts: Option<Vec<String>>,
    ) -> Arc<AppState> {
        let mut names: BTreeMap<String, String> = kb
            .countries
            .iter()
            .map(|c| (c.iso3.to_string(), c.name.to_string()))
            .collect();
        for o in &kb.orgs {
            names.entry(o.key.clone()).or_insert_with(|| o.name.clone());
        }
        names.insert("IMG".into(), "armed groups".into());
        names.insert("-".into(), "unknown actor".into());
        let workers = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2)
            .clamp(2, 8)
            * 2;
        Arc::new(AppState {
            store,
            coder: match syntax {
                Some(syntax) => Coder::with_syntax(kb, syntax),
                None => Coder::new(kb),
            },
            token: token.filter(|t| !t.is_empty()),
            workers: Semaphore::new(workers),
            query_limit: QUERY_TIME_LIMIT,
            allowed_hosts: hosts.map(|h| h.into_iter().map(|s| s.to_ascii_lowercase()).collect()),
            names,
        })
    }
}

/// The host names a server bound to `addr` answers to: the address itself,
/// the loopback names when it is a loopback address, and `extra`.
pub fn allowed_hosts(addr: SocketAddr, extra: &[String]) -> Vec<String> {
    let mut hosts = vec![match addr.ip() {
        std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    }];
    if addr.ip().is_loopback() {
        hosts.extend(["localhost", "127.0.0.1", "[::1]"].map(String::from));
    }
    hosts.extend(extra.iter().cloned());
    hosts
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
        .route("/actors/{key}", get(pages::actor))
        .route("/static/{file}", get(static_file))
        .route("/api/articles", get(api::articles).post(api::ingest))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/events", get(api::events))
        .route("/api/facets", get(api::facets))
        .route("/api/map", get(api::map))
        .route("/api/timeline", get(api::timeline))
        .route("/api/network", get(api::network))
        .route("/api/actors/{key}", get(api::actor))
        .fallback(|| async { json_error(StatusCode::NOT_FOUND, "no such page or API route") })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::map_response(json_limits))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            check_request,
        ))
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

/// Refuses over-long URIs and unknown Host names, as JSON errors.
async fn check_request(
    axum::extract::State(state): axum::extract::State<Arc<AppState>>,
    req: Request,
    next: Next,
) -> Response {
    let target = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().len())
        .unwrap_or(0);
    if target > MAX_URI_BYTES {
        return json_error(
            StatusCode::URI_TOO_LONG,
            &format!("the request URI is longer than {MAX_URI_BYTES} bytes"),
        );
    }
    if let Some(allowed) = &state.allowed_hosts {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .or_else(|| req.uri().authority().map(|a| a.as_str()))
            .unwrap_or("");
        let name = host_name(host).to_ascii_lowercase();
        if !allowed.contains(&name) {
            return json_error(
                StatusCode::MISDIRECTED_REQUEST,
                &format!("this server does not answer for host {host:?} (start it with --allow-host NAME to add one)"),
            );
        }
    }
    next.run(req).await
}

/// The host of a Host header, without its port.
fn host_name(host: &str) -> &str {
    if host.starts_with('[') {
        return host.split_inclusive(']').next().unwrap_or(host);
    }
    host.rsplit_once(':').map(|(h, _)| h).unwrap_or(host)
}

/// Turns the framework's plain-text limit errors into JSON ones.
async fn json_limits(r: Response) -> Response {
    let is_json = r
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    match r.status() {
        StatusCode::PAYLOAD_TOO_LARGE if !is_json => json_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("the request body is larger than {MAX_BODY_BYTES} bytes"),
        ),
        _ => r,
    }
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

/// Sets the cancel flag of a query when the request is dropped (the
/// client went away), so the store stops working for nobody.
struct CancelOnDrop(Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Runs store calls on a bounded pool of workers, under the query time
/// limit; a store error becomes a JSON error with a fitting status.
pub(crate) async fn with_store<T: Send + 'static>(
    state: &Arc<AppState>,
    f: impl FnOnce(&dyn EventStore, &QueryControl) -> herald_store::Result<T> + Send + 'static,
) -> Result<T, Response> {
    let permit = tokio::time::timeout(WORKER_WAIT, state.workers.acquire())
        .await
        .map_err(|_| {
            json_error(
                StatusCode::SERVICE_UNAVAILABLE,
                "the server is busy; try again",
            )
        })?
        .map_err(|_| {
            json_error(
                StatusCode::SERVICE_UNAVAILABLE,
                "the server is shutting down",
            )
        })?;
    let cancel = Arc::new(AtomicBool::new(false));
    let guard = CancelOnDrop(Arc::clone(&cancel));
    let ctl = QueryControl::within(state.query_limit, cancel);
    let st = Arc::clone(state);
    let result = tokio::task::spawn_blocking(move || f(st.store.as_ref(), &ctl))
        .await
        .map_err(|_| json_error(StatusCode::INTERNAL_SERVER_ERROR, "store task failed"))?;
    drop(permit);
    drop(guard);
    result.map_err(|e| store_error(&e, state.query_limit))
}

pub(crate) fn store_error(e: &StoreError, limit: Duration) -> Response {
    match e {
        StoreError::TimedOut => json_error(
            StatusCode::SERVICE_UNAVAILABLE,
            &format!(
                "the query took longer than {} s and was stopped; narrow the filters",
                limit.as_secs()
            ),
        ),
        StoreError::Busy => json_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "the store is busy; try again",
        ),
        StoreError::Invalid(m) => json_error(StatusCode::BAD_REQUEST, m),
        StoreError::Cancelled => json_error(StatusCode::REQUEST_TIMEOUT, "cancelled"),
        e => json_error(StatusCode::INTERNAL_SERVER_ERROR, &format!("store: {e}")),
    }
}

/// Answers one GET in process (benchmarks): the status and body length.
pub async fn get_once(app: &Router, uri: &str) -> anyhow::Result<(StatusCode, usize)> {
    use tower::ServiceExt;
    let req = axum::http::Request::get(uri)
        .header(header::HOST, "127.0.0.1")
        .body(axum::body::Body::empty())?;
    let resp = app.clone().oneshot(req).await?;
    let status = resp.status();
    let body = axum::body::to_bytes(resp.into_body(), usize::MAX).await?;
    Ok((status, body.len()))
}

async fn static_file(axum::extract::Path(file): axum::extract::Path<String>) -> Response {
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
