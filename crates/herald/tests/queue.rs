//! The work queue as its users run it: `herald publish`, `herald worker`
//! and `herald status` on a real NATS server (`HERALD_TEST_NATS`) and
//! PostgreSQL (`HERALD_TEST_PG`), as `scripts/services.sh` starts them.
//! Without them the tests are skipped, except with `CI=true`, where they
//! fail. The kill-and-restart test of 20,000 articles is
//! `scripts/queue-test.sh`.

use std::process::Command;

fn herald() -> Command {
    Command::new(env!("CARGO_BIN_EXE_herald"))
}

/// The NATS and PostgreSQL URLs, the latter in a fresh schema of its own.
fn servers(name: &str) -> Option<(String, String)> {
    let nats = std::env::var("HERALD_TEST_NATS")
        .ok()
        .filter(|u| !u.is_empty());
    let pg = std::env::var("HERALD_TEST_PG")
        .ok()
        .filter(|u| !u.is_empty());
    let (Some(nats), Some(pg)) = (nats, pg) else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("HERALD_TEST_NATS and HERALD_TEST_PG must be set under CI=true (scripts/services.sh starts the servers)");
        }
        eprintln!("{name}: skipped, HERALD_TEST_NATS or HERALD_TEST_PG is not set");
        return None;
    };
    let schema = format!("queue_{name}_{}", std::process::id());
    let mut c = postgres::Client::connect(&pg, postgres::NoTls).expect("PostgreSQL");
    c.batch_execute(&format!(
        "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
    ))
    .expect("a schema of the test's own");
    let sep = if pg.contains('?') { '&' } else { '?' };
    Some((nats, format!("{pg}{sep}options=-csearch_path%3D{schema}")))
}

fn status(nats: &str, stream: &str, db: &str) -> serde_json::Value {
    let out = herald()
        .args(["status", "--nats", nats, "--stream", stream, "--db", db])
        .args(["--json", "--sample", "0"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn bad_messages_go_to_the_dead_letter_subject_with_their_reason_and_the_rest_are_stored() {
    let Some((nats, db)) = servers("dead") else {
        return;
    };
    let stream = format!("TEST_DEAD_{}", std::process::id());
    let subject = format!("{}.articles", stream.to_ascii_lowercase());
    let dir = std::env::temp_dir().join(format!("herald-queue-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("in.jsonl");
    std::fs::write(
        &input,
        [
            r#"{"id": "q1", "published": "2024-05-02", "text": "Russia and Ukraine exchanged prisoners on Thursday."}"#,
            r#"{"id": "q2", "published": "2024-05-03", "text": "Turkey sent aid to Syria on Friday."}"#,
        ]
        .join("\n"),
    )
    .unwrap();
    let out = herald()
        .args(["publish", "--nats", &nats, "--stream", &stream])
        .arg(&input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // what no `herald publish` sends: a message that is no article, and one without an id
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let js = rt.block_on(async {
        let client = async_nats::connect(nats.as_str()).await.unwrap();
        let js = async_nats::jetstream::new(client);
        for bad in [&b"<html>not json"[..], br#"{"id": " ", "text": "No id."}"#] {
            js.publish(subject.clone(), bad.into())
                .await
                .unwrap()
                .await
                .unwrap();
        }
        js
    });
    let out = herald()
        .args(["worker", "--nats", &nats, "--stream", &stream, "--db", &db])
        .args(["--idle-exit", "1", "--threads", "1"])
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{log}");
    assert!(log.contains("not a Herald article"), "{log}");
    let s = status(&nats, &stream, &db);
    assert_eq!(s["store"]["articles"], 2, "{s}");
    assert_eq!(s["queue"]["failed"], 2, "{s}");
    assert_eq!(s["queue"]["backlog"], 0, "{s}");
    assert_eq!(s["queue"]["in_flight"], 0, "{s}");
    let last = rt.block_on(async {
        let stream = js.get_stream(&stream).await.unwrap();
        let failed = format!(
            "{}.failed",
            stream.cached_info().config.name.to_ascii_lowercase()
        );
        stream
            .get_last_raw_message_by_subject(&failed)
            .await
            .unwrap()
    });
    let reason = last.headers.get("Herald-Reason").map(|v| v.to_string());
    assert_eq!(reason.as_deref(), Some("the article has a blank id"));
    assert_eq!(&last.payload[..], br#"{"id": " ", "text": "No id."}"#);
    // the stored articles are coded as `herald extract` codes them
    let export = herald()
        .args(["export", "--db", &db, "--format", "jsonl", "--all"])
        .output()
        .unwrap();
    assert!(export.status.success());
    let events = String::from_utf8_lossy(&export.stdout);
    assert!(events.lines().any(|l| l.contains("\"q2\"")), "{events}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn status_names_what_is_wrong_and_publish_refuses_a_bad_stream_name() {
    let out = herald()
        .args([
            "publish",
            "--nats",
            "nats://127.0.0.1:1",
            "--stream",
            "no spaces",
        ])
        .arg("/dev/null")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a stream name"));
    let out = herald()
        .args(["status", "--nats", "nats://127.0.0.1:1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("cannot connect to NATS at nats://127.0.0.1:1"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[cfg(unix)]
#[test]
fn a_worker_told_to_stop_finishes_what_it_holds_and_leaves_nothing_in_flight() {
    let Some((nats, db)) = servers("stop") else {
        return;
    };
    let stream = format!("TEST_STOP_{}", std::process::id());
    let dir = std::env::temp_dir().join(format!("herald-queue-stop-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("in.jsonl");
    let rows: Vec<String> = (0..400)
        .map(|i| format!(r#"{{"id": "s{i}", "published": "2024-05-02", "text": "Russia and Ukraine exchanged prisoners on Thursday, officials in Kyiv said. Talks are to go on."}}"#))
        .collect();
    std::fs::write(&input, rows.join("\n")).unwrap();
    let out = herald()
        .args(["publish", "--nats", &nats, "--stream", &stream])
        .arg(&input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let worker = herald()
        .args(["worker", "--nats", &nats, "--stream", &stream, "--db", &db])
        .args(["--threads", "1", "--batch", "16"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    loop {
        let s = std::process::Command::new(env!("CARGO_BIN_EXE_herald"))
            .args(["status", "--nats", &nats, "--stream", &stream, "--db", &db])
            .args(["--json", "--sample", "0"])
            .output()
            .unwrap();
        let v: Option<serde_json::Value> = serde_json::from_slice(&s.stdout).ok();
        if v.is_some_and(|v| v["store"]["articles"].as_u64() > Some(0)) {
            break;
        }
        assert!(
            started.elapsed().as_secs() < 60,
            "the worker stored nothing"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // SAFETY: sending a signal to a child process this test started
    unsafe {
        libc::kill(worker.id() as i32, libc::SIGTERM);
    }
    let out = worker.wait_with_output().unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{log}");
    assert!(log.contains("stopping on a signal"), "{log}");
    let s = status(&nats, &stream, &db);
    assert_eq!(
        s["queue"]["in_flight"], 0,
        "every message taken was acknowledged: {s}"
    );
    let stored = s["store"]["articles"].as_u64().unwrap();
    assert_eq!(stored + s["queue"]["backlog"].as_u64().unwrap(), 400, "{s}");
    let _ = std::fs::remove_dir_all(&dir);
}
