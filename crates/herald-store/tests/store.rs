//! The store as `herald ingest` and `herald serve` use it, on articles coded
//! by the real coder, each test on both stores: SQLite in memory and
//! PostgreSQL in a schema of its own (`HERALD_TEST_PG`, see `scripts/services.sh`).

use herald_coder::Coder;
use herald_core::{Article, Record};
use herald_kb::Kb;
use herald_store::{
    fts_query, ArticleQuery, EventQuery, EventStore, QueryControl, Sort, Store, StoreError,
};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, OnceLock};

fn kb() -> &'static Kb {
    static KB: OnceLock<Kb> = OnceLock::new();
    KB.get_or_init(|| Kb::embedded().expect("embedded knowledge base"))
}

fn ctl() -> QueryControl {
    QueryControl::unlimited()
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

/// The G20 meeting, copied under `n` ids on `n` successive days.
fn dated_copies(n: usize) -> Vec<Record> {
    let base = &sample()[0];
    (0..n)
        .map(|i| {
            let day = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap()
                + chrono::Duration::days(i as i64);
            let mut r = base.clone();
            r.id = format!("copy-{i:03}");
            r.published = Some(day.format("%Y-%m-%d").to_string());
            for e in &mut r.events {
                e.date = None;
            }
            r
        })
        .collect()
}

fn events(store: &dyn EventStore, q: EventQuery) -> Vec<herald_store::EventRow> {
    store.events(&q, &ctl()).unwrap().events
}

fn records_round_trip_and_reingesting_replaces(store: Arc<dyn EventStore>) {
    let recs = sample();
    store.write_batch(&recs).unwrap();
    let first = store.counts(&ctl()).unwrap();
    assert_eq!(first.articles, 3);
    assert_eq!(
        store.article("a1", &ctl()).unwrap().as_ref(),
        Some(&recs[0])
    );
    let net = store.network(&EventQuery::default(), 50, &ctl()).unwrap();
    // the same ids again: replaced, nothing doubled, aggregates unchanged
    let summary = store.write_batch(&recs).unwrap();
    assert_eq!((summary.stored, summary.replaced), (3, 3));
    assert_eq!(store.counts(&ctl()).unwrap(), first);
    assert_eq!(
        store.network(&EventQuery::default(), 50, &ctl()).unwrap(),
        net
    );
    assert!(store.article("nope", &ctl()).unwrap().is_none());
}

fn a_repeated_id_keeps_the_later_row_and_counts_once(store: Arc<dyn EventStore>) {
    let mut recs = sample();
    let mut again = recs[0].clone();
    again.title = Some("The later row".into());
    recs.push(again);
    let summary = store.write_batch(&recs).unwrap();
    assert_eq!(summary.stored, 3, "three distinct articles, not four");
    assert_eq!(summary.repeated, ["a1"]);
    assert_eq!(store.counts(&ctl()).unwrap().articles, 3);
    let a1 = store.article("a1", &ctl()).unwrap().unwrap();
    assert_eq!(a1.title.as_deref(), Some("The later row"));
}

fn blank_ids_are_refused(store: Arc<dyn EventStore>) {
    for blank in ["", "   "] {
        let mut recs = sample();
        recs[1].id = blank.into();
        assert!(matches!(
            store.write_batch(&recs),
            Err(StoreError::Invalid(_))
        ));
    }
    assert_eq!(store.counts(&ctl()).unwrap().articles, 0);
}

fn a_failing_batch_leaves_nothing_half_written(store: Arc<dyn EventStore>) {
    let mut recs = sample();
    // two events with one id are refused half-way through the batch
    let dup = recs[2].events[0].clone();
    recs[2].events.push(dup);
    assert!(store.write_batch(&recs).is_err());
    assert_eq!(
        store.counts(&ctl()).unwrap().articles,
        0,
        "the whole batch is rolled back"
    );
    store.write_batch(&recs[..2]).unwrap();
    assert_eq!(store.counts(&ctl()).unwrap().articles, 2);
}

fn search(store: &dyn EventStore, q: ArticleQuery) -> Vec<String> {
    let page = store
        .search(&ArticleQuery { limit: 10, ..q }, &ctl())
        .unwrap();
    page.articles.into_iter().map(|a| a.id).collect()
}

fn full_text_search_takes_any_input_literally(store: Arc<dyn EventStore>) {
    store.write_batch(&sample()).unwrap();
    let page = store
        .search(
            &ArticleQuery {
                text: Some("Lavrov".into()),
                limit: 10,
                ..Default::default()
            },
            &ctl(),
        )
        .unwrap();
    assert_eq!(
        page.articles
            .iter()
            .map(|h| h.id.as_str())
            .collect::<Vec<_>>(),
        ["a1"]
    );
    assert_eq!(page.total.count, 1);
    assert!(page.articles[0]
        .snippet
        .as_deref()
        .unwrap()
        .contains("Lavrov"));
    for hostile in [
        "\"Lavrov",
        "Lavrov OR *",
        "NEAR(",
        "title:x",
        ")(",
        "' ; DROP TABLE articles; --",
    ] {
        search(
            &*store,
            ArticleQuery {
                text: Some(hostile.into()),
                ..Default::default()
            },
        );
    }
    assert_eq!(fts_query("a \"b\" c"), Some("\"a\" \"b\" \"c\"".into()));
    assert_eq!(
        search(
            &*store,
            ArticleQuery {
                country: Some("TUR".into()),
                ..Default::default()
            }
        ),
        ["a3"]
    );
    assert_eq!(
        search(
            &*store,
            ArticleQuery {
                from: Some("2023-03-05".into()),
                ..Default::default()
            }
        ),
        ["a3", "a2"]
    );
    assert_eq!(
        search(
            &*store,
            ArticleQuery {
                sort: Sort::Oldest,
                ..Default::default()
            }
        ),
        ["a1", "a2", "a3"]
    );
    // a country's articles page by key, newest first
    let mut after = None;
    let mut paged = Vec::new();
    loop {
        let page = store
            .search(
                &ArticleQuery {
                    country: Some("RUS".into()),
                    limit: 1,
                    after,
                    ..Default::default()
                },
                &ctl(),
            )
            .unwrap();
        assert_eq!(page.total.count, 2);
        paged.extend(page.articles.into_iter().map(|a| a.id));
        match page.next {
            Some(n) => after = Some(n),
            None => break,
        }
    }
    assert_eq!(paged, ["a2", "a1"]);
    // replacing an article keeps the text index in step: the old words are gone
    let mut changed = sample()[0].clone();
    changed.title = Some("Renamed".into());
    changed.text = "Nothing about anyone.".into();
    changed.events.clear();
    changed.sentences.clear();
    changed.actors.clear();
    changed.places.clear();
    changed.quotes.clear();
    store.write_batch(&[changed]).unwrap();
    assert!(search(
        &*store,
        ArticleQuery {
            text: Some("Lavrov".into()),
            ..Default::default()
        }
    )
    .is_empty());
    assert_eq!(
        search(
            &*store,
            ArticleQuery {
                text: Some("anyone".into()),
                ..Default::default()
            }
        ),
        ["a1"]
    );
}

/// The commonest words ("the", "in", "to") are found like any other,
/// alone or beside rarer ones: only articles holding every word match.
fn common_words_are_searched_like_any_other(store: Arc<dyn EventStore>) {
    store.write_batch(&sample()).unwrap();
    let found = |text: &str| {
        search(
            &*store,
            ArticleQuery {
                text: Some(text.into()),
                ..Default::default()
            },
        )
    };
    assert_eq!(found("the"), ["a3", "a2"]);
    assert_eq!(found("THE to"), ["a3"]);
    assert_eq!(found("in the Moscow"), ["a2"]);
    assert_eq!(found("Lavrov in"), ["a1"]);
    assert!(found("Lavrov the").is_empty());
    assert!(found("Syria in").is_empty());
    let page = store
        .search(
            &ArticleQuery {
                text: Some("the earthquake".into()),
                limit: 10,
                ..Default::default()
            },
            &ctl(),
        )
        .unwrap();
    assert_eq!(page.total.count, 1);
    assert!(page.articles[0]
        .snippet
        .as_deref()
        .unwrap()
        .contains("earthquake"));
}

fn pages_follow_each_other_without_gaps_or_repeats(store: Arc<dyn EventStore>) {
    store.write_batch(&dated_copies(30)).unwrap();
    let all = events(
        &*store,
        EventQuery {
            country: Some("RUS".into()),
            limit: 1000,
            ..Default::default()
        },
    );
    assert!(all.len() >= 30);
    for sort in [Sort::Newest, Sort::Oldest] {
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let page = store
                .events(
                    &EventQuery {
                        country: Some("RUS".into()),
                        limit: 7,
                        sort,
                        after: after.clone(),
                        ..Default::default()
                    },
                    &ctl(),
                )
                .unwrap();
            assert_eq!(page.total.count as usize, all.len());
            seen.extend(page.events.iter().map(|e| {
                (
                    e.published.clone(),
                    e.article_id.clone(),
                    e.event_id.clone(),
                )
            }));
            match page.next {
                Some(n) => after = Some(n),
                None => break,
            }
        }
        let mut expected: Vec<_> = all
            .iter()
            .map(|e| {
                (
                    e.published.clone(),
                    e.article_id.clone(),
                    e.event_id.clone(),
                )
            })
            .collect();
        if sort == Sort::Oldest {
            expected.reverse();
        }
        let days: Vec<_> = seen.iter().map(|s| s.0.clone()).collect();
        let mut sorted = days.clone();
        sorted.sort();
        if sort == Sort::Newest {
            sorted.reverse();
        }
        assert_eq!(days, sorted, "{sort:?} pages are in date order");
        assert_eq!(seen.len(), expected.len(), "{sort:?}: every event once");
    }
    let bad = store.events(
        &EventQuery {
            after: Some("zz".into()),
            ..Default::default()
        },
        &ctl(),
    );
    assert!(matches!(bad, Err(StoreError::Invalid(_))));
}

fn events_filter_by_dyad_either_way_and_feed_the_timeline_and_network(store: Arc<dyn EventStore>) {
    store.write_batch(&sample()).unwrap();
    let consult = events(
        &*store,
        EventQuery {
            kind: Some("consult".into()),
            ..Default::default()
        },
    );
    assert!(!consult.is_empty());
    assert!(consult.iter().all(|e| e.kind == "CONSULT"));
    let e = consult
        .iter()
        .find(|e| e.article_id == "a1")
        .expect("the meeting");
    assert!(e.sentence.contains("met"));
    assert_eq!(e.place.as_deref(), Some("New Delhi"));
    let has =
        |e: &herald_store::EventRow, k: &str| e.source.iter().chain(&e.target).any(|x| x == k);
    let rus = events(
        &*store,
        EventQuery {
            country: Some("RUS".into()),
            ..Default::default()
        },
    );
    assert!(!rus.is_empty() && rus.iter().all(|e| has(e, "RUS")));
    assert!(events(
        &*store,
        EventQuery {
            source: Some("TUR".into()),
            ..Default::default()
        }
    )
    .iter()
    .any(|e| e.kind == "AID"));
    let pair = |a: &str, b: &str| {
        events(
            &*store,
            EventQuery {
                pair: Some((a.into(), b.into())),
                ..Default::default()
            },
        )
    };
    let usa_rus = pair("USA", "RUS");
    assert!(!usa_rus.is_empty());
    assert_eq!(
        usa_rus,
        pair("RUS", "USA"),
        "a dyad is the same either way round"
    );
    for e in &usa_rus {
        assert!(
            (e.source.contains(&"USA".into()) && e.target.contains(&"RUS".into()))
                || (e.source.contains(&"RUS".into()) && e.target.contains(&"USA".into()))
        );
    }
    assert!(pair("USA", "SYR").is_empty());
    let weeks = store.timeline("USA", "RUS", &ctl()).unwrap();
    assert!(!weeks.is_empty());
    for w in &weeks {
        let d = chrono::NaiveDate::parse_from_str(&w.week, "%Y-%m-%d").unwrap();
        assert_eq!(
            chrono::Datelike::weekday(&d),
            chrono::Weekday::Mon,
            "weeks start on Monday"
        );
    }
    assert_eq!(
        weeks.iter().map(|w| w.q1 + w.q2 + w.q3 + w.q4).sum::<i64>() as usize,
        usa_rus.len()
    );
    let net = store.network(&EventQuery::default(), 50, &ctl()).unwrap();
    assert!(net
        .links
        .iter()
        .any(|l| l.source == "TUR" && l.target == "SYR"));
    // the aggregates kept at ingest agree with counting the events
    let scanned = store
        .network(
            &EventQuery {
                from: Some("1900-01-01".into()),
                ..Default::default()
            },
            50,
            &ctl(),
        )
        .unwrap();
    assert_eq!(net, scanned);
    // so do the counts of one type, kept apart, through a re-ingest too
    let of_type = |from: Option<&str>| {
        let q = EventQuery {
            kind: Some("aid".into()),
            from: from.map(String::from),
            ..Default::default()
        };
        store.network(&q, 50, &ctl()).unwrap()
    };
    let aid = of_type(None);
    assert_eq!(
        aid.links
            .iter()
            .map(|l| (l.source.as_str(), l.target.as_str()))
            .collect::<Vec<_>>(),
        [("TUR", "SYR")]
    );
    assert_eq!(aid, of_type(Some("1900-01-01")));
    store.write_batch(&sample()).unwrap();
    assert_eq!(of_type(None), aid);
    let facets = store
        .facets(
            &EventQuery {
                country: Some("RUS".into()),
                ..Default::default()
            },
            &ctl(),
        )
        .unwrap();
    let types = &facets.facets.iter().find(|(n, _)| n == "type").unwrap().1;
    assert_eq!(
        types.iter().map(|v| v.count).sum::<u64>() as usize,
        rus.len()
    );
    let map = store.map(&EventQuery::default(), &ctl()).unwrap();
    assert!(map.places.iter().any(|p| p.place == "New Delhi"));
    // the per-place, per-day and per-event counts agree
    let dated = store
        .map(
            &EventQuery {
                from: Some("1900-01-01".into()),
                ..Default::default()
            },
            &ctl(),
        )
        .unwrap();
    assert_eq!(dated.places, map.places);
    assert_eq!(
        (dated.first_day.clone(), dated.last_day.clone()),
        (map.first_day.clone(), map.last_day.clone())
    );
    let scanned = store
        .map(
            &EventQuery {
                quad_class: Some(1),
                ..Default::default()
            },
            &ctl(),
        )
        .unwrap();
    let delhi = |m: &herald_store::MapData| {
        m.places
            .iter()
            .find(|p| p.place == "New Delhi")
            .map(|p| p.q1)
    };
    assert_eq!(delhi(&scanned), delhi(&map));
    let actor = store.actor("TUR", &ctl()).unwrap();
    assert!(actor.partners.iter().any(|l| l.target == "SYR"));
    assert_eq!(actor.months.first().map(|m| m.0.as_str()), Some("2023-03"));
}

fn a_cancelled_query_stops_with_its_reason(store: Arc<dyn EventStore>) {
    store.write_batch(&dated_copies(200)).unwrap();
    let cancel = Arc::new(AtomicBool::new(true));
    let ctl = QueryControl {
        deadline: None,
        cancel: Some(cancel),
    };
    let r = store.events(
        &EventQuery {
            limit: 100,
            ..Default::default()
        },
        &ctl,
    );
    assert!(matches!(r, Err(StoreError::Cancelled)), "{r:?}");
    let late = QueryControl {
        deadline: Some(std::time::Instant::now()),
        cancel: None,
    };
    let r = store.facets(&EventQuery::default(), &late);
    assert!(matches!(r, Err(StoreError::TimedOut)), "{r:?}");
}

#[test]
fn a_store_on_disk_is_in_wal_mode_reopens_and_is_not_made_by_mistake() {
    let dir = std::env::temp_dir().join(format!("herald-store-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("h.db");
    let _ = std::fs::remove_file(&path);
    assert!(matches!(
        Store::open_existing(&path),
        Err(StoreError::Schema(_))
    ));
    assert!(!path.exists(), "opening a missing store does not create it");
    {
        let store = Store::open(&path).unwrap();
        store.write_batch(&sample()).unwrap();
    }
    let store = Store::open_existing(&path).unwrap();
    assert_eq!(store.counts(&ctl()).unwrap().articles, 3);
    assert!(dir.join("h.db-wal").exists() || std::fs::metadata(&path).unwrap().len() > 0);
}

fn the_map_of_one_actor_counts_its_located_events_and_forgets_replaced_ones(
    store: Arc<dyn EventStore>,
) {
    let copies = dated_copies(5);
    store.write_batch(&copies).unwrap();
    let usa = |from: Option<&str>| {
        store
            .map(
                &EventQuery {
                    country: Some("USA".into()),
                    from: from.map(str::to_string),
                    ..Default::default()
                },
                &ctl(),
            )
            .unwrap()
    };
    let located = events(
        &*store,
        EventQuery {
            country: Some("USA".into()),
            limit: 0,
            ..Default::default()
        },
    )
    .into_iter()
    .filter(|e| e.place.as_deref() == Some("New Delhi"))
    .count();
    assert!(located >= 5, "every copy's meeting is in New Delhi");
    let delhi = |m: &herald_store::MapData| {
        m.places
            .iter()
            .find(|p| p.place == "New Delhi")
            .map_or(0, |p| p.count as usize)
    };
    assert_eq!(delhi(&usa(None)), located);
    assert_eq!(
        (usa(None).first_day, usa(None).last_day),
        (Some("2023-01-01".into()), Some("2023-01-05".into()))
    );
    // the last two days only
    assert_eq!(delhi(&usa(Some("2023-01-04"))), located * 2 / 5);
    // a copy stored again without events leaves the map
    let mut emptied = copies[0].clone();
    emptied.events.clear();
    store.write_batch(&[emptied]).unwrap();
    assert_eq!(delhi(&usa(None)), located * 4 / 5);
    assert_eq!(usa(None).first_day, Some("2023-01-02".into()));
}

herald_store::on_both_stores!(
    records_round_trip_and_reingesting_replaces,
    a_repeated_id_keeps_the_later_row_and_counts_once,
    blank_ids_are_refused,
    a_failing_batch_leaves_nothing_half_written,
    full_text_search_takes_any_input_literally,
    common_words_are_searched_like_any_other,
    pages_follow_each_other_without_gaps_or_repeats,
    events_filter_by_dyad_either_way_and_feed_the_timeline_and_network,
    a_cancelled_query_stops_with_its_reason,
    the_map_of_one_actor_counts_its_located_events_and_forgets_replaced_ones,
);

/// Two writers race on one id (a redelivered message, two queue workers):
/// the row later in the input wins, whichever is written last.
#[test]
fn postgres_keeps_the_later_input_whoever_writes_last() {
    let Some(store) = herald_store::test_pg_store("store::later_input_wins") else {
        return;
    };
    let mut early = sample()[0].clone();
    early.title = Some("early".into());
    let mut late = early.clone();
    late.title = Some("late".into());
    let title = |store: &dyn EventStore| {
        store
            .article("a1", &ctl())
            .unwrap()
            .and_then(|r| r.title)
            .unwrap()
    };
    store.write_in_order(&[late.clone()], &[7]).unwrap();
    let summary = store.write_in_order(&[early.clone()], &[3]).unwrap();
    assert_eq!(
        summary.stored, 0,
        "an earlier row does not replace a later one"
    );
    assert_eq!(title(&*store), "late");
    // the same row again (redelivered after a commit) replaces itself, once
    store.write_in_order(&[late], &[7]).unwrap();
    assert_eq!(title(&*store), "late");
    assert_eq!(store.counts(&ctl()).unwrap().articles, 1);
    // without places in the input (herald ingest), the newest write wins
    store.write_batch(&[early]).unwrap();
    assert_eq!(title(&*store), "early");
}

#[test]
fn postgres_refuses_a_database_without_a_store_unless_told_to_create() {
    if herald_store::test_pg_store("store::no_store_here").is_none() {
        return;
    }
    let url = std::env::var("HERALD_TEST_PG").unwrap();
    let schema = "test_no_store_here";
    let mut c = ::postgres::Client::connect(&url, ::postgres::NoTls).unwrap();
    c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
        .unwrap();
    let err = herald_store::PgStore::open_in_schema(&url, Some(schema), false)
        .err()
        .expect("no store without --create");
    assert!(err.to_string().contains("no Herald store"), "{err}");
    assert!(herald_store::PgStore::open_in_schema(&url, Some(schema), true).is_ok());
    assert!(herald_store::PgStore::open_in_schema(&url, Some(schema), false).is_ok());
    let wrong = herald_store::PgStore::open("postgres://herald:pw@127.0.0.1:1/none", false)
        .err()
        .expect("nothing listens on port 1");
    assert!(
        !wrong.to_string().contains("pw"),
        "the password never shows: {wrong}"
    );
}
