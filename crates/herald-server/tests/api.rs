//! The JSON API and pages as a client sees them, over each store: SQLite in
//! memory and PostgreSQL (`HERALD_TEST_PG`).

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use herald_coder::Coder;
use herald_core::Article;
use herald_kb::Kb;
use herald_server::{router, AppState, MAX_BODY_BYTES};
use herald_store::EventStore;
use http_body_util::BodyExt;
use serde_json::Value;
use std::sync::Arc;
use std::sync::OnceLock;
use tower::ServiceExt;

fn kb() -> &'static Kb {
    static KB: OnceLock<Kb> = OnceLock::new();
    KB.get_or_init(|| Kb::embedded().expect("embedded knowledge base"))
}

fn app(store: &Arc<dyn EventStore>, token: Option<&str>) -> axum::Router {
    app_with_hosts(store, token, None)
}

/// The app over `store`, holding two coded articles.
fn app_with_hosts(
    store: &Arc<dyn EventStore>,
    token: Option<&str>,
    hosts: Option<Vec<String>>,
) -> axum::Router {
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
    // off the runtime's threads: the PostgreSQL client blocks on its own
    std::thread::scope(|s| s.spawn(|| store.write_batch(&recs).unwrap()).join())
        .expect("the seed write");
    router(AppState::with_hosts(
        Arc::clone(store),
        kb(),
        token.map(String::from),
        hosts,
    ))
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

async fn search_article_events_timeline_and_network(store: Arc<dyn EventStore>) {
    let app = app(&store, None);
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
    // limits are clamped
    assert!(get_json(&app, "/api/events?limit=999999999").await["events"].is_array());
    let page = get_json(&app, "/api/events?country=RUS").await;
    assert!(page["total"]["count"].as_u64().unwrap() >= 2);
    // a dyad either way round
    let dyad = get_json(&app, "/api/events?a=RUS&b=USA").await;
    assert!(dyad["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["type"] == "CONSULT"));
    assert_eq!(dyad, get_json(&app, "/api/events?a=USA&b=RUS").await);
    let map = get_json(&app, "/api/map").await;
    assert!(map["places"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["place"] == "New Delhi"));
    let actor = get_json(&app, "/api/actors/usa").await;
    assert_eq!(actor["key"], "USA");
    assert!(actor["partners"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["target"] == "RUS"));

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
    // downloads keep to the row limit like every other answer
    for format in ["csv", "jsonl"] {
        let (_, _, body) = get(&app, &format!("/api/events?format={format}&limit=1")).await;
        let rows = body.lines().count() - usize::from(format == "csv");
        assert_eq!(rows, 1, "{format}: {body}");
    }
}

async fn errors_are_json_with_their_status(store: Arc<dyn EventStore>) {
    let app = app(&store, None);
    for (uri, status) in [
        ("/api/articles/nope", StatusCode::NOT_FOUND),
        ("/api/timeline?a=USA", StatusCode::BAD_REQUEST),
        ("/api/events?format=xml", StatusCode::BAD_REQUEST),
        ("/nowhere", StatusCode::NOT_FOUND),
        // unknown codes and bad dates are refused, not ignored
        ("/api/events?type=NOSUCH", StatusCode::BAD_REQUEST),
        ("/api/events?type=%3Cb%3E", StatusCode::BAD_REQUEST),
        ("/api/events?country=Russia", StatusCode::BAD_REQUEST),
        ("/api/events?from=last%20week", StatusCode::BAD_REQUEST),
        ("/api/events?from=garbage", StatusCode::BAD_REQUEST),
        (
            "/api/events?from=2023-03-09&to=2023-03-01",
            StatusCode::BAD_REQUEST,
        ),
        ("/api/events?sort=sideways", StatusCode::BAD_REQUEST),
        ("/api/events?after=not-a-cursor", StatusCode::BAD_REQUEST),
        ("/api/events?after=abcd", StatusCode::BAD_REQUEST),
        ("/api/events?a=USA", StatusCode::BAD_REQUEST),
        ("/api/articles?from=yesterday", StatusCode::BAD_REQUEST),
        ("/api/actors/NOSUCH", StatusCode::NOT_FOUND),
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

async fn posting_articles_needs_the_token_and_a_bounded_body(store: Arc<dyn EventStore>) {
    let line =
        r#"{"id": "posted", "text": "Turkey sent aid to Syria on Friday after the earthquake."}"#;
    let post = |auth: Option<&str>, body: Vec<u8>| {
        let mut r = Request::post("/api/articles");
        if let Some(a) = auth {
            r = r.header(header::AUTHORIZATION, a);
        }
        r.body(Body::from(body)).unwrap()
    };
    let closed = app(&store, None);
    assert_eq!(
        call(&closed, post(Some("Bearer x"), line.into())).await.0,
        StatusCode::FORBIDDEN
    );

    let app = app(&store, Some("s3cret"));
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

async fn limits_answer_in_json_and_the_bearer_scheme_ignores_case(store: Arc<dyn EventStore>) {
    let app = app(&store, Some("s3cret"));
    let post = |auth: &str, body: &str| {
        Request::post("/api/articles")
            .header(header::AUTHORIZATION, auth)
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    let line = r#"{"id": "lower", "text": "Turkey sent aid to Syria on Friday."}"#;
    let (status, _, body) = call(&app, post("bearer s3cret", line)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let big = Request::post("/api/articles")
        .header(header::AUTHORIZATION, "Bearer s3cret")
        .body(Body::from(vec![b' '; MAX_BODY_BYTES + 1]))
        .unwrap();
    let (status, headers, body) = call(&app, big).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    assert!(serde_json::from_str::<Value>(&body).unwrap()["error"].is_string());
    let long = format!(
        "/api/events?place={}",
        "x".repeat(herald_server::MAX_URI_BYTES)
    );
    let (status, headers, body) = get(&app, &long).await;
    assert_eq!(status, StatusCode::URI_TOO_LONG);
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    assert!(serde_json::from_str::<Value>(&body).unwrap()["error"].is_string());
}

async fn posted_ids_must_be_given_and_repeats_are_counted_once(store: Arc<dyn EventStore>) {
    let app = app(&store, Some("t"));
    let body = [
        r#"{"id": "", "text": "Turkey sent aid to Syria on Friday."}"#,
        r#"{"id": "   ", "text": "Turkey sent aid to Syria on Friday."}"#,
        r#"{"id": "twice", "title": "first", "text": "Turkey sent aid to Syria on Friday."}"#,
        r#"{"id": "twice", "title": "second", "text": "Turkey sent aid to Syria on Friday."}"#,
    ]
    .join("\n");
    let req = Request::post("/api/articles")
        .header(header::AUTHORIZATION, "Bearer t")
        .body(Body::from(body))
        .unwrap();
    let (status, _, body) = call(&app, req).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let reply: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(reply["stored"], 1, "{body}");
    assert_eq!(reply["errors"].as_array().unwrap().len(), 2, "{body}");
    assert!(reply["errors"][0].as_str().unwrap().contains("blank id"));
    assert!(reply["warnings"][0].as_str().unwrap().contains("twice"));
    assert_eq!(
        get_json(&app, "/api/articles/twice").await["title"],
        "second"
    );
}

async fn only_the_bound_host_names_are_answered(store: Arc<dyn EventStore>) {
    let hosts = herald_server::allowed_hosts(
        "127.0.0.1:8080".parse().unwrap(),
        &["herald.example".into()],
    );
    let app = app_with_hosts(&store, None, Some(hosts));
    let with_host = |host: &str| {
        Request::get("/api/network")
            .header(header::HOST, host)
            .body(Body::empty())
            .unwrap()
    };
    for ok in [
        "127.0.0.1:8080",
        "localhost:8080",
        "[::1]:8080",
        "LOCALHOST",
        "herald.example",
    ] {
        assert_eq!(call(&app, with_host(ok)).await.0, StatusCode::OK, "{ok}");
    }
    let (status, _, body) = call(&app, with_host("attacker.example:8080")).await;
    assert_eq!(status, StatusCode::MISDIRECTED_REQUEST);
    assert!(body.contains("attacker.example"));
}

async fn csv_cells_cannot_run_as_formulas(store: Arc<dyn EventStore>) {
    let app = app(&store, Some("t"));
    let line = r#"{"id": "=cmd|' /C calc'!A0", "title": "@SUM(1+1)", "published": "2023-03-02", "text": "Turkey sent aid to Syria on Friday after the earthquake."}"#;
    let req = Request::post("/api/articles")
        .header(header::AUTHORIZATION, "Bearer t")
        .body(Body::from(line))
        .unwrap();
    assert_eq!(call(&app, req).await.0, StatusCode::OK);
    let (_, _, csv) = get(&app, "/api/events?format=csv&source=TUR").await;
    assert!(csv.contains("'=cmd"), "{csv}");
    assert!(csv.contains("'@SUM"), "{csv}");
    assert!(
        !csv.contains(",=cmd") && !csv.lines().any(|l| l.starts_with('=')),
        "{csv}"
    );
}

async fn the_timeline_drills_down_to_that_pair_and_week(store: Arc<dyn EventStore>) {
    let app = app(&store, None);
    let (status, _, html) = get(&app, "/timeline?a=USA&b=RUS").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("href=\"/events?a=USA&b=RUS&from=2023-02-27&to=2023-03-05\""),
        "{html}"
    );
    let week = get_json(
        &app,
        "/api/events?a=USA&b=RUS&from=2023-02-27&to=2023-03-05",
    )
    .await;
    let events = week["events"].as_array().unwrap();
    assert!(!events.is_empty());
    for e in events {
        let keys: Vec<&str> = e["source"]
            .as_array()
            .unwrap()
            .iter()
            .chain(e["target"].as_array().unwrap())
            .map(|k| k.as_str().unwrap())
            .collect();
        assert!(keys.contains(&"USA") && keys.contains(&"RUS"), "{e}");
    }
    let (status, _, html) = get(&app, "/events?a=USA&b=RUS&from=2023-02-27&to=2023-03-05").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("id=\"active-filters\""));
    assert!(html.contains("data-filter=\"a\""));
    assert!(html.contains("id=\"facets\""));
    let (status, _, html) = get(&app, "/events?type=NOSUCH").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("unknown PLOVER type"));
    let (status, _, html) = get(&app, "/actors/RUS").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("RUS (Russia)"), "country names beside codes");
}

async fn pages_escape_article_text_and_mark_events(store: Arc<dyn EventStore>) {
    let app = app(&store, None);
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
    assert!(
        html.contains("<h2>Readings not coded</h2><ul id=\"unresolved\">"),
        "the stored record's unresolved readings are listed"
    );

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

herald_store::on_both_stores!(async:
    search_article_events_timeline_and_network,
    errors_are_json_with_their_status,
    posting_articles_needs_the_token_and_a_bounded_body,
    limits_answer_in_json_and_the_bearer_scheme_ignores_case,
    posted_ids_must_be_given_and_repeats_are_counted_once,
    only_the_bound_host_names_are_answered,
    csv_cells_cannot_run_as_formulas,
    the_timeline_drills_down_to_that_pair_and_week,
    pages_escape_article_text_and_mark_events,
);
