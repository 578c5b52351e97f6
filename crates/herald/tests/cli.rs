//! End-to-end tests of the `herald` binary, as a user runs it.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn herald(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_herald"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("herald runs");
    if let Some(data) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(data)
            .expect("write stdin");
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().expect("herald finishes")
}

fn repo_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("herald-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn actor<'a>(rec: &'a Value, name: &str) -> &'a Value {
    rec["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == name)
        .unwrap_or_else(|| panic!("no actor {name}: {}", rec["actors"]))
}

fn key(rec: &Value, id: &Value) -> String {
    let a = rec["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| &a["id"] == id)
        .unwrap();
    a["country"]
        .as_str()
        .or(a["org"].as_str())
        .unwrap_or("-")
        .to_string()
}

fn example_record() -> Value {
    let path = repo_file("examples/g20-blinken-lavrov.txt");
    let out = herald(
        &[
            "extract",
            "--published",
            "2023-03-02",
            path.to_str().unwrap(),
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut recs = records(&out);
    assert_eq!(recs.len(), 1);
    recs.remove(0)
}

#[test]
fn example_article_headline_once_no_chrome_and_sentence_spans() {
    let rec = example_record();
    let title = rec["title"].as_str().unwrap();
    assert!(title.starts_with("Russia-Ukraine war, first surprise meeting at the G20"));
    let text = rec["text"].as_str().unwrap();
    assert!(
        !text.contains(title),
        "the doubled headline is dropped from the text"
    );
    for chrome in ["Share", "comments"] {
        assert!(
            !text.lines().any(|l| l.trim() == chrome),
            "chrome line {chrome} kept"
        );
    }
    let sentences = rec["sentences"].as_array().unwrap();
    assert!(sentences.len() >= 15);
    let mut last_end = 0;
    for s in sentences {
        let (a, b) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert!(a >= last_end && b > a && b <= text.len());
        assert_eq!(text[a..b].trim(), &text[a..b], "sentence spans are trimmed");
        last_end = b;
    }
    let first = &sentences[0];
    assert!(
        text[first["start"].as_u64().unwrap() as usize..].starts_with("First brief face-to-face")
    );
    let quote = sentences
        .iter()
        .map(|s| &text[s["start"].as_u64().unwrap() as usize..s["end"].as_u64().unwrap() as usize])
        .find(|s| s.contains("I asked Lavrov"))
        .unwrap();
    assert!(
        quote.ends_with("Blinken said at a news conference in New Delhi."),
        "{quote}"
    );
}

#[test]
fn every_span_slices_back_to_its_text() {
    let rec = example_record();
    let text = rec["text"].as_str().unwrap();
    for e in rec["entities"].as_array().unwrap() {
        let (a, b) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[a..b], e["text"].as_str().unwrap());
    }
    for e in rec["events"].as_array().unwrap() {
        let t = &e["trigger"];
        let (a, b) = (
            t["start"].as_u64().unwrap() as usize,
            t["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[a..b], t["text"].as_str().unwrap());
    }
    for q in rec["quotes"].as_array().unwrap() {
        let (a, b) = (
            q["start"].as_u64().unwrap() as usize,
            q["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[a..b], q["text"].as_str().unwrap());
    }
}

#[test]
fn example_actors_are_coded_as_in_the_gold() {
    let rec = example_record();
    for (name, country, sector) in [
        ("Antony Blinken", "USA", "GOV"),
        ("Sergei Lavrov", "RUS", "GOV"),
        ("Vladimir Putin", "RUS", "GOV"),
        ("Xi Jinping", "CHN", "GOV"),
        ("Paul Whelan", "USA", "CVL"),
    ] {
        let a = actor(&rec, name);
        assert_eq!(a["country"], country, "{name}");
        assert_eq!(a["sector"], sector, "{name}");
    }
    let un = actor(&rec, "United Nations");
    assert_eq!(un["org"], "UN");
    assert_eq!(un["sector"], "IGO");
    let blinken = actor(&rec, "Antony Blinken");
    assert!(
        blinken["mentions"].as_array().unwrap().len() >= 4,
        "title, name, surname and pronoun mentions merge"
    );
}

#[test]
fn example_events_places_and_quotes() {
    let rec = example_record();
    let events = rec["events"].as_array().unwrap();
    let has = |t: &str, s: &str, g: &str| {
        events.iter().any(|e| {
            e["type"] == t
                && !e["negated"].as_bool().unwrap()
                && e["modality"] != "hypothetical"
                && e["source"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|x| key(&rec, x) == s)
                && e["target"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|x| key(&rec, x) == g)
        })
    };
    assert!(
        has("CONSULT", "USA", "RUS") || has("CONSULT", "RUS", "USA"),
        "the Blinken-Lavrov meeting"
    );
    assert!(has("REQUEST", "USA", "RUS"));
    assert!(has("REJECT", "USA", "CHN"));
    assert!(
        has("ACCUSE", "USA", "RUS"),
        "“Putin … has never shown interest in peace”, said by Blinken"
    );
    // "there were no negotiations" is coded negated, never as a meeting
    assert!(events
        .iter()
        .any(|e| e["type"] == "CONSULT" && e["negated"] == true));
    let delhi = rec["places"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "New Delhi")
        .expect("New Delhi placed");
    assert_eq!(delhi["country"], "IND");
    assert_eq!(delhi["geonames_id"], 1261481);
    // the meeting happened in New Delhi; "the war in Ukraine" is what it was about
    let meeting = events
        .iter()
        .find(|e| e["type"] == "CONSULT" && e["negated"] == false && e["location"].is_string())
        .expect("a located meeting");
    assert_eq!(meeting["location"], delhi["id"]);
    assert_eq!(meeting["location_basis"], "text");
    let quotes = rec["quotes"].as_array().unwrap();
    let asked = quotes
        .iter()
        .find(|q| q["text"].as_str().unwrap().starts_with("I asked Lavrov"))
        .unwrap();
    assert_eq!(asked["speaker"], actor(&rec, "Antony Blinken")["id"]);
}

#[test]
fn output_is_deterministic() {
    let a = example_record();
    let b = example_record();
    assert_eq!(a, b);
}

fn batch_lines(n: usize) -> Vec<String> {
    let lgl = repo_file("../shared/eval/lgl.geo.jsonl");
    let mut lines: Vec<String> = std::fs::read_to_string(&lgl)
        .map(|t| t.lines().take(n).map(str::to_string).collect())
        .unwrap_or_default();
    let mut i = lines.len();
    while lines.len() < n {
        lines.push(serde_json::json!({"id": format!("synthetic-{i}"), "text": format!("Police in Kabul arrested {i} protesters on Monday, officials said.")}).to_string());
        i += 1;
    }
    lines
}

#[test]
fn jsonl_batch_with_a_broken_line_writes_every_good_record() {
    let mut lines = batch_lines(120);
    lines.insert(
        60,
        "{\"id\": \"broken\", \"text\": \"unterminated".to_string(),
    );
    let dir = scratch("batch");
    let path = dir.join("batch.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let out = herald(&["extract", path.to_str().unwrap()], None);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a failed input makes the exit status non-zero"
    );
    assert_eq!(records(&out).len(), 120);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("batch.jsonl:61: broken JSON line"), "{err}");
}

#[test]
fn binary_invalid_utf8_and_empty_inputs_are_refused_by_name() {
    let dir = scratch("bad");
    let png = dir.join("photo.png");
    std::fs::write(
        &png,
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0",
    )
    .unwrap();
    let latin1 = dir.join("latin1.txt");
    std::fs::write(&latin1, b"Caf\xe9 story\n\nThe mayor met protesters.").unwrap();
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let good = dir.join("good.txt");
    std::fs::write(
        &good,
        "Talks in Geneva\n\nRussia and Ukraine held talks in Geneva on Monday.",
    )
    .unwrap();
    let out = herald(
        &[
            "extract",
            png.to_str().unwrap(),
            latin1.to_str().unwrap(),
            empty.to_str().unwrap(),
            good.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("photo.png: looks like a binary file"), "{err}");
    assert!(err.contains("latin1.txt: not valid UTF-8"), "{err}");
    assert!(err.contains("empty.txt: empty article"), "{err}");
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["title"], "Talks in Geneva");
}

#[test]
fn oversize_article_is_refused_and_the_batch_goes_on() {
    let big = "Police arrested protesters. ".repeat(40_000); // about 1.1 MB
    let rows = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "big", "text": big}),
        serde_json::json!({"id": "small", "text": "Police arrested protesters in Minsk."})
    );
    let out = herald(
        &["extract", "--input", "jsonl", "--max-bytes", "1000000", "-"],
        Some(rows.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-:1: article of"));
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["id"], "small");
}

#[test]
fn html_input_gives_title_date_and_text() {
    let html = r#"<html><head><title>Talks | Site</title><meta property="og:title" content="Leaders meet in Geneva">
<meta property="article:published_time" content="2024-05-06T08:00:00Z"></head><body><nav>Home | World</nav>
<article><h1>Leaders meet in Geneva</h1><p>GENEVA (Reuters) - The foreign ministers of Russia and Ukraine met in Geneva on Monday for talks on a prisoner exchange, officials said.</p>
<p>Subscribe now</p><p>Both sides called the meeting constructive and agreed to meet again next month, according to a statement issued after the talks.</p></article></body></html>"#;
    let out = herald(&["extract", "--input", "html", "-"], Some(html.as_bytes()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rec = &records(&out)[0];
    assert_eq!(rec["title"], "Leaders meet in Geneva");
    assert_eq!(rec["published"], "2024-05-06");
    assert_eq!(rec["dateline"]["agency"], "Reuters");
    let text = rec["text"].as_str().unwrap();
    assert!(!text.contains("Subscribe") && !text.contains("Home"));
}

#[test]
fn kb_lookup_answers_the_questions_users_ask() {
    let look = |args: &[&str]| {
        let mut a = vec!["kb", "lookup"];
        a.extend_from_slice(args);
        let out = herald(&a, None);
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    assert!(look(&["New Delhi"]).contains("country=IND"));
    let lavrov = look(&["Lavrov", "--date", "2023-03-02"]);
    assert!(
        lavrov.contains("country=RUS") && lavrov.contains("Foreign Minister"),
        "{lavrov}"
    );
    let kremlin = look(&["the Kremlin"]);
    assert!(kremlin.contains("country=RUS sector=GOV"), "{kremlin}");
    assert!(look(&["Hezbollah"]).contains("country=LBN"));
    assert!(look(&["NATO"]).contains("org=NATO"));
    assert!(look(&["Russian"]).contains("country=RUS"));
    let alexandria = look(&["Alexandria"]);
    assert!(
        alexandria.contains("country=EGY")
            && alexandria.contains("country=USA")
            && alexandria.contains("population=")
    );
    assert!(look(&["Kharkiv"]).contains("country=UKR"));
    let xi = look(&["Xi Jinping", "--date", "2023-03-02"]);
    assert!(xi.contains("country=CHN"), "{xi}");
    assert!(look(&["Taoiseach"]).contains("role"));
    assert!(look(&["Houthis"]).contains("country=YEM"));
}

#[test]
fn kb_stats_meet_the_minimums() {
    let out = herald(&["kb", "stats"], None);
    let text = String::from_utf8_lossy(&out.stdout);
    let count = |label: &str| -> usize {
        text.lines()
            .find(|l| l.starts_with(label))
            .and_then(|l| l.split_whitespace().last())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    assert!(count("places (cities)") >= 30_000);
    // Bouvet Island is uninhabited and has no demonym; the other 249 countries have one.
    assert!(count("countries w/ demonyms") >= 249);
    assert!(count("organizations") >= 150);
    assert!(count("office-holder tenures") >= 2_000);
}

#[test]
fn gzip_inputs_are_read_transparently() {
    use std::io::Write as _;
    let dir = scratch("gz");
    let path = dir.join("batch.jsonl.gz");
    let rows = batch_lines(5).join("\n") + "\n";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(rows.as_bytes()).unwrap();
    std::fs::write(&path, gz.finish().unwrap()).unwrap();
    let out = herald(&["extract", path.to_str().unwrap()], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(records(&out).len(), 5);
}

#[test]
fn a_broken_gzip_file_is_reported_by_name() {
    let dir = scratch("badgz");
    let path = dir.join("cut.jsonl.gz");
    std::fs::write(&path, [0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]).unwrap();
    let out = herald(&["extract", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cut.jsonl.gz: cannot read"));
}

#[test]
fn stderr_stays_quiet_when_it_is_not_a_terminal() {
    let path = repo_file("examples/g20-blinken-lavrov.txt");
    let out = herald(
        &[
            "extract",
            "--published",
            "2023-03-02",
            path.to_str().unwrap(),
        ],
        None,
    );
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "no progress line in logs: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// One WARC record: version line, headers, payload, blank lines.
fn warc_record(kind: &str, uri: &str, content_type: &str, payload: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2023-03-03T10:00:00Z\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        payload.len()
    )
    .into_bytes();
    r.extend_from_slice(payload);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http_response(status: &str, content_type: &str, extra_headers: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{extra_headers}\r\n")
        .into_bytes();
    r.extend_from_slice(body);
    r
}

#[test]
fn warc_archives_give_the_html_pages_of_their_responses() {
    use std::io::Write as _;
    let page = |title: &str, body: &str| {
        format!("<html><head><title>{title}</title><meta property=\"article:published_time\" content=\"2023-03-02\"></head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>")
    };
    let first = page("Blinken and Lavrov meet in New Delhi", "US Secretary of State Antony Blinken met Russian Foreign Minister Sergei Lavrov in New Delhi on Thursday, a US official said. The two spoke for about ten minutes on the sidelines of the G20 meeting.");
    let second = page("Turkey sends aid to Syria", "Turkey sent aid to Syria on Wednesday after the earthquake, the foreign ministry in Ankara said. Trucks crossed the border with food and tents for the survivors of the disaster.");
    // the second page comes chunked and gzipped, as some crawls keep them
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(second.as_bytes()).unwrap();
    let zipped = gz.finish().unwrap();
    let mut chunked = format!("{:x}\r\n", zipped.len()).into_bytes();
    chunked.extend_from_slice(&zipped);
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    let records_in = vec![
        warc_record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        warc_record(
            "request",
            "https://news.example/a",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://news.example/a",
            "application/http; msgtype=response",
            &http_response("200 OK", "text/html; charset=utf-8", "", first.as_bytes()),
        ),
        warc_record(
            "response",
            "https://news.example/logo.png",
            "application/http; msgtype=response",
            &http_response("200 OK", "image/png", "", b"\x89PNG...."),
        ),
        warc_record(
            "response",
            "https://news.example/gone",
            "application/http; msgtype=response",
            &http_response("404 Not Found", "text/html", "", b"<html>gone</html>"),
        ),
        warc_record(
            "response",
            "https://news.example/b",
            "application/http; msgtype=response",
            &http_response(
                "200 OK",
                "text/html",
                "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
                &chunked,
            ),
        ),
    ];
    let dir = scratch("warc");
    // Common Crawl gzips each record on its own: a multi-member .warc.gz
    let path = dir.join("crawl.warc.gz");
    let warc = records_in.concat();
    let mut members = Vec::new();
    for rec in &records_in {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(rec).unwrap();
        members.extend(gz.finish().unwrap());
    }
    std::fs::write(&path, &members).unwrap();
    let out = herald(&["extract", path.to_str().unwrap()], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out);
    assert_eq!(
        recs.len(),
        2,
        "two HTML pages; the request, the image and the 404 give none"
    );
    assert_eq!(recs[0]["url"], "https://news.example/a");
    assert_eq!(recs[0]["title"], "Blinken and Lavrov meet in New Delhi");
    assert!(recs[0]["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["type"] == "CONSULT"));
    assert_eq!(recs[1]["url"], "https://news.example/b");
    assert!(recs[1]["text"]
        .as_str()
        .unwrap()
        .contains("Turkey sent aid to Syria"));

    // a file that stops in the middle of a record: the pages before it are kept, the error names the record
    let cut = dir.join("cut.warc");
    std::fs::write(&cut, &warc[..warc.len() - 40]).unwrap();
    let out = herald(&["extract", cut.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(records(&out).len(), 1);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cut.warc (WARC record 6)") && err.contains("cut off"),
        "{err}"
    );
}

#[test]
fn ingest_stores_articles_once_and_export_writes_every_format() {
    let dir = scratch("store");
    let db = dir.join("h.db");
    let db_arg = db.to_str().unwrap();
    let batch = dir.join("batch.jsonl");
    std::fs::write(&batch, batch_lines(3).join("\n") + "\n{broken\n").unwrap();
    let example = repo_file("examples/g20-blinken-lavrov.txt");
    let ingest = || {
        herald(
            &[
                "ingest",
                "--db",
                db_arg,
                "--published",
                "2023-03-02",
                example.to_str().unwrap(),
                batch.to_str().unwrap(),
            ],
            None,
        )
    };
    let out = ingest();
    assert_eq!(
        out.status.code(),
        Some(1),
        "the broken line fails, the rest is stored"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("batch.jsonl:4") && err.contains("stored 4 article(s)"),
        "{err}"
    );

    let export = |format: &str| herald(&["export", "--db", db_arg, "--format", format], None);
    let jsonl = export("jsonl");
    assert!(
        jsonl.status.success(),
        "{}",
        String::from_utf8_lossy(&jsonl.stderr)
    );
    let events = records(&jsonl);
    assert!(events.iter().any(|e| e["type"] == "CONSULT"
        && e["source"].to_string().contains("USA")
        && e["target"].to_string().contains("RUS")));
    // ingesting the same articles again replaces them: nothing is doubled
    ingest();
    assert_eq!(records(&export("jsonl")).len(), events.len());

    let csv = String::from_utf8(export("csv").stdout).unwrap();
    let mut lines = csv.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("article_id,event_id,date,"));
    assert!(csv.contains(",CONSULT,"));
    let gdelt = String::from_utf8(export("gdelt").stdout).unwrap();
    let first = gdelt.lines().next().expect("a GDELT row");
    assert_eq!(
        first.split('\t').count(),
        61,
        "GDELT 2.0 event rows have 61 columns"
    );
    assert_eq!(gdelt.lines().count(), events.len());
    let consult = gdelt
        .lines()
        .find(|l| l.split('\t').nth(26) == Some("040"))
        .expect("a CAMEO 040 row");
    assert_eq!(consult.split('\t').nth(1), Some("20230302"), "SQLDATE");

    let parquet = dir.join("events.parquet");
    let out = herald(
        &[
            "export",
            "--db",
            db_arg,
            "--format",
            "parquet",
            "-o",
            parquet.to_str().unwrap(),
            "--type",
            "CONSULT",
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&parquet).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));

    let missing = herald(
        &[
            "export",
            "--db",
            dir.join("none.db").to_str().unwrap(),
            "--format",
            "csv",
        ],
        None,
    );
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no store at"));
}

#[test]
fn ingest_counts_repeated_ids_once_and_refuses_blank_ones() {
    let dir = scratch("store-ids");
    let db = dir.join("h.db");
    let input = dir.join("ids.jsonl");
    let text = "Turkey sent aid to Syria on Friday after the earthquake.";
    let lines = [
        format!(
            r#"{{"id": "one", "published": "2023-03-02", "title": "first", "text": "{text}"}}"#
        ),
        format!(r#"{{"id": "two", "published": "2023-03-02", "text": "{text}"}}"#),
        format!(
            r#"{{"id": "one", "published": "2023-03-02", "title": "second", "text": "{text}"}}"#
        ),
        format!(r#"{{"id": "   ", "published": "2023-03-02", "text": "{text}"}}"#),
    ];
    std::fs::write(&input, lines.join("\n") + "\n").unwrap();
    let out = herald(
        &[
            "ingest",
            "--db",
            db.to_str().unwrap(),
            input.to_str().unwrap(),
        ],
        None,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "the blank id fails: {err}");
    assert!(err.contains("stored 2 article(s)"), "{err}");
    assert!(err.contains("\"one\" appears more than once"), "{err}");
    assert!(err.contains("blank id"), "{err}");
    let csv = herald(
        &["export", "--db", db.to_str().unwrap(), "--format", "jsonl"],
        None,
    );
    let titles: Vec<String> = records(&csv)
        .iter()
        .filter(|e| e["article_id"] == "one")
        .map(|e| e["title"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(
        !titles.is_empty() && titles.iter().all(|t| t == "second"),
        "{titles:?}"
    );

    // unknown values are refused, and serving a missing store does not create one
    let bad_type = herald(
        &[
            "export",
            "--db",
            db.to_str().unwrap(),
            "--format",
            "csv",
            "--type",
            "NOSUCH",
        ],
        None,
    );
    assert!(!bad_type.status.success());
    assert!(bad_type.stdout.is_empty(), "no header for a refused export");
    assert!(String::from_utf8_lossy(&bad_type.stderr).contains("unknown PLOVER type"));
    let typo = dir.join("typo.db");
    let serve = herald(
        &[
            "serve",
            "--db",
            typo.to_str().unwrap(),
            "--addr",
            "127.0.0.1:0",
        ],
        None,
    );
    assert!(!serve.status.success());
    assert!(String::from_utf8_lossy(&serve.stderr).contains("no store at"));
    assert!(!typo.exists());
}
