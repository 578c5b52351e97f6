//! The JSON API and pages as a client sees them, over a store in memory.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use herald_coder::Coder;
use herald_core::Article;
use herald_kb::Kb;
use herald_server::{router, AppState, MAX_BODY_BYTES};
use herald_store::Store;
use http_body_util::BodyExt;
use serde_json::Value;
use std::sync::OnceLock;
use tower::ServiceExt;

fn kb() -> &'static Kb {
    static KB: OnceLock<Kb> = OnceLock::new();
    KB.get_or_init(|| Kb::embedded().expect("embedded knowledge base"))
}

fn app(token: Option<&str>) -> axum::Router {
    let mut store = Store::in_memory().unwrap();
    let coder = Coder::new(kb());
    let articles = [
        ("g20", "2023-03-02", "Blinken and Lavrov meet in New Delhi", "US Secretary of State Antony Blinken met Russian Foreign Minister Sergei Lavrov in New Delhi on Thursday."),
        ("xss", "2023-03-03", "Script <b>test</b>", "Officials in Kyiv said <script>window.__xss=1</script> the <b>bold</b> plan was rejected by Russia on Monday."),
    ];
    let recs: Vec<_> = articles
        .iter()
        .map(|(id, date, title, text)| {
            coder.code(&Article {
                id: id.to_string(),
                published: Some(date.to_string()),
                title: Some(title.to_string()),
                text: text.to_string(),
                ..Default::default()
            })
        })
        .collect();
    store.write_batch(&recs).unwrap();
    router(AppState::new(store, kb(), token.map(String::from)))
}

async fn call(
    app: &axum::Router,
    req: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, String) {
    let resp = app.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    call(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn get_json(app: &axum::Router, uri: &str) -> Value {
    let (status, headers, body) = get(app, uri).await;
    assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    serde_json::from_str(&body).unwrap()
}

#[tokio::test]
async fn search_article_events_timeline_and_network() {
    let app = app(None);
    let found = get_json(&app, "/api/articles?q=Lavrov").await;
    let list = found["articles"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], "g20");
    assert!(list[0]["title"].as_str().unwrap().contains("Lavrov"));

    let rec = get_json(&app, "/api/articles/g20").await;
    for field in [
        "id",
        "text",
        "sentences",
        "entities",
        "actors",
        "places",
        "events",
        "quotes",
    ] {
        assert!(rec.get(field).is_some(), "record field {field}");
    }

    let events = get_json(&app, "/api/events?type=CONSULT&country=RUS").await;
    let consult = &events["events"][0];
    assert_eq!(consult["type"], "CONSULT");
    assert_eq!(consult["place"], "New Delhi");
    assert!(events["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["type"] == "CONSULT"));
    assert_eq!(
        get_json(&app, "/api/events?source=CHN").await["events"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    // limits are clamped, never refused
    assert!(get_json(&app, "/api/events?limit=999999999").await["events"].is_array());
    assert!(get_json(&app, "/api/events?limit=-3&from=not-a-date").await["events"].is_array());

    let timeline = get_json(&app, "/api/timeline?a=usa&b=RUS").await;
    assert_eq!(timeline["weeks"][0]["week"], "2023-02-27");
    assert!(timeline["weeks"][0]["q1"].as_i64().unwrap() >= 1);
    let net = get_json(&app, "/api/network").await;
    assert!(net["links"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["count"].as_i64().unwrap() >= 1));

    let (status, headers, csv) = get(&app, "/api/events?format=csv").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .contains("herald-events.csv"));
    assert!(csv.starts_with("article_id,event_id,"));
}

#[tokio::test]
async fn errors_are_json_with_their_status() {
    let app = app(None);
    for (uri, status) in [
        ("/api/articles/nope", StatusCode::NOT_FOUND),
        ("/api/timeline?a=USA", StatusCode::BAD_REQUEST),
        ("/api/events?format=xml", StatusCode::BAD_REQUEST),
        ("/nowhere", StatusCode::NOT_FOUND),
    ] {
        let (got, headers, body) = get(&app, uri).await;
        assert_eq!(got, status, "{uri}");
        assert!(
            headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("application/json"),
            "{uri}"
        );
        assert!(
            serde_json::from_str::<Value>(&body).unwrap()["error"].is_string(),
            "{uri}: {body}"
        );
    }
}

#[tokio::test]
async fn posting_articles_needs_the_token_and_a_bounded_body() {
    let line =
        r#"{"id": "posted", "text": "Turkey sent aid to Syria on Friday after the earthquake."}"#;
    let post = |auth: Option<&str>, body: Vec<u8>| {
        let mut r = Request::post("/api/articles");
        if let Some(a) = auth {
            r = r.header(header::AUTHORIZATION, a);
        }
        r.body(Body::from(body)).unwrap()
    };
    let closed = app(None);
    assert_eq!(
        call(&closed, post(Some("Bearer x"), line.into())).await.0,
        StatusCode::FORBIDDEN
    );

    let app = app(Some("s3cret"));
    assert_eq!(
        call(&app, post(None, line.into())).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        call(&app, post(Some("Bearer wrong"), line.into())).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (status, _, body) = call(
        &app,
        post(
            Some("Bearer s3cret"),
            format!("{line}\n{{broken\n").into_bytes(),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let reply: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(reply["stored"], 1);
    assert!(reply["errors"][0]
        .as_str()
        .unwrap()
        .contains("request body:2"));
    assert_eq!(get_json(&app, "/api/articles/posted").await["id"], "posted");

    let (status, _, _) = call(
        &app,
        post(Some("Bearer s3cret"), vec![b' '; MAX_BODY_BYTES + 1]),
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn pages_escape_article_text_and_mark_events() {
    let app = app(None);
    let (status, headers, html) = get(&app, "/articles/xss").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .contains("default-src 'self'"));
    assert!(!html.contains("<script>window"), "article text is escaped");
    assert!(!html.contains("<b>bold"), "article text is escaped");
    assert!(html.contains("&lt;script&gt;window.__xss=1&lt;/script&gt;"));
    assert!(
        html.contains("Script &lt;b&gt;test&lt;/b&gt;"),
        "titles too"
    );

    let (_, _, html) = get(&app, "/articles/g20").await;
    assert!(
        html.contains("data-type=\"CONSULT\""),
        "the meeting is marked"
    );
    assert!(html.contains("<span class=\"sent\" id=\"s0\">"));
    assert!(html.contains("<a class=\"ev-link\" href=\"#s0\">CONSULT</a> USA → RUS"));

    let (_, _, html) = get(&app, "/?q=%22%3Cscript%3E").await;
    assert!(!html.contains("<script>\""), "the query is echoed escaped");
    for page in [
        "/events?type=CONSULT",
        "/map",
        "/timeline?a=USA&b=RUS",
        "/network",
    ] {
        let (status, _, html) = get(&app, page).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(html.contains("<nav class=\"top\">"), "{page}");
    }
    let (status, headers, _) = get(&app, "/static/app.js").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
}
