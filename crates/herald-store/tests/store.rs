//! The store as `herald ingest` and `herald serve` use it, on articles coded
//! by the real coder.

use herald_coder::Coder;
use herald_core::{Article, Record};
use herald_kb::Kb;
use herald_store::{fts_query, ArticleQuery, EventQuery, Store};
use std::sync::OnceLock;

fn kb() -> &'static Kb {
    static KB: OnceLock<Kb> = OnceLock::new();
    KB.get_or_init(|| Kb::embedded().expect("embedded knowledge base"))
}

fn coded(id: &str, published: &str, title: &str, text: &str) -> Record {
    let article = Article {
        id: id.into(),
        published: Some(published.into()),
        title: Some(title.into()),
        text: text.into(),
        ..Default::default()
    };
    Coder::new(kb()).code(&article)
}

fn sample() -> Vec<Record> {
    vec![
        coded("a1", "2023-03-02", "Blinken and Lavrov meet", "US Secretary of State Antony Blinken met Russian Foreign Minister Sergei Lavrov in New Delhi on Thursday."),
        coded("a2", "2023-03-09", "Moscow rejects talks", "Russia rejected a US proposal for talks on Wednesday, the foreign ministry in Moscow said."),
        coded("a3", "2023-03-10", "Turkey sends aid", "Turkey sent aid to Syria on Friday after the earthquake."),
    ]
}

#[test]
fn records_round_trip_and_reingesting_replaces() {
    let mut store = Store::in_memory().unwrap();
    let recs = sample();
    store.write_batch(&recs).unwrap();
    let first = store.counts().unwrap();
    assert_eq!(first.articles, 3);
    assert_eq!(store.article("a1").unwrap().as_ref(), Some(&recs[0]));
    // the same ids again: replaced, nothing doubled
    store.write_batch(&recs).unwrap();
    assert_eq!(store.counts().unwrap(), first);
    assert!(store.article("nope").unwrap().is_none());
}

#[test]
fn a_failing_batch_leaves_nothing_half_written() {
    let mut store = Store::in_memory().unwrap();
    let mut recs = sample();
    // two actors with one id break the table's key half-way through the batch
    let dup = recs[2].actors[0].clone();
    recs[2].actors.push(dup);
    assert!(store.write_batch(&recs).is_err());
    assert_eq!(
        store.counts().unwrap().articles,
        0,
        "the whole batch is rolled back"
    );
    store.write_batch(&recs[..2]).unwrap();
    assert_eq!(store.counts().unwrap().articles, 2);
}

#[test]
fn full_text_search_takes_any_input_literally() {
    let mut store = Store::in_memory().unwrap();
    store.write_batch(&sample()).unwrap();
    let hits = store
        .search(&ArticleQuery {
            text: Some("Lavrov".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        ["a1"]
    );
    assert!(hits[0].snippet.as_deref().unwrap().contains("Lavrov"));
    for hostile in [
        "\"Lavrov",
        "Lavrov OR *",
        "NEAR(",
        "title:x",
        ")(",
        "' ; DROP TABLE articles; --",
    ] {
        store
            .search(&ArticleQuery {
                text: Some(hostile.into()),
                limit: 10,
                ..Default::default()
            })
            .unwrap();
    }
    assert_eq!(fts_query("a \"b\" c"), Some("\"a\" \"b\" \"c\"".into()));
    let by_country = store
        .search(&ArticleQuery {
            country: Some("TUR".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        by_country.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        ["a3"]
    );
    let dated = store
        .search(&ArticleQuery {
            from: Some("2023-03-05".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(dated.len(), 2);
}

#[test]
fn events_filter_and_feed_the_timeline_and_network() {
    let mut store = Store::in_memory().unwrap();
    store.write_batch(&sample()).unwrap();
    let consult = store
        .events(&EventQuery {
            kind: Some("consult".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(!consult.is_empty());
    assert!(consult.iter().all(|e| e.kind == "CONSULT"));
    let e = consult
        .iter()
        .find(|e| e.article_id == "a1")
        .expect("the meeting");
    assert!(e.source.contains(&"USA".to_string()) || e.target.contains(&"USA".to_string()));
    assert!(e.sentence.contains("met"));
    assert_eq!(e.place.as_deref(), Some("New Delhi"));
    let usa_rus = store
        .events(&EventQuery {
            country: Some("RUS".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(usa_rus
        .iter()
        .all(|e| e.source.contains(&"RUS".to_string()) || e.target.contains(&"RUS".to_string())));
    assert!(store
        .events(&EventQuery {
            source: Some("TUR".into()),
            ..Default::default()
        })
        .unwrap()
        .iter()
        .any(|e| e.kind == "AID"));
    let weeks = store.timeline("USA", "RUS").unwrap();
    assert!(!weeks.is_empty());
    for w in &weeks {
        let d = chrono::NaiveDate::parse_from_str(&w.week, "%Y-%m-%d").unwrap();
        assert_eq!(
            chrono::Datelike::weekday(&d),
            chrono::Weekday::Mon,
            "weeks start on Monday"
        );
    }
    assert!(weeks.iter().map(|w| w.q1 + w.q2 + w.q3 + w.q4).sum::<i64>() >= 2);
    let net = store.network(&EventQuery::default(), 50).unwrap();
    assert!(net
        .links
        .iter()
        .any(|l| l.source == "TUR" && l.target == "SYR"));
    assert!(net.nodes.iter().any(|n| n.id == "USA"));
}

#[test]
fn a_store_on_disk_is_in_wal_mode_and_reopens() {
    let dir = std::env::temp_dir().join(format!("herald-store-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("h.db");
    let _ = std::fs::remove_file(&path);
    {
        let mut store = Store::open(&path).unwrap();
        store.write_batch(&sample()).unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.counts().unwrap().articles, 3);
    assert!(dir.join("h.db-wal").exists() || std::fs::metadata(&path).unwrap().len() > 0);
}
