//! End-to-end tests of `herald extract` and `herald export` on hostile and
//! unusual input: bounded memory before the size check, rows that name files
//! outside their directory, warnings with line numbers, GDELT and negation.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn herald(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_herald"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("herald runs");
    let mut input = child.stdin.take().expect("stdin");
    if let Some(data) = stdin {
        // herald may stop reading early (that is the point): a broken pipe is fine
        let _ = input.write_all(data);
    }
    drop(input);
    child.wait_with_output().expect("herald finishes")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("herald-hostile-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_huge_sparse_file_is_refused_after_reading_only_the_limit() {
    let dir = scratch("sparse");
    let path = dir.join("z.txt");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(2 << 30).unwrap(); // 2 GiB of holes: nothing on disk
    let out = herald(&["extract", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("z.txt: article exceeds --max-bytes 5242880 (reading stopped there)"),
        "{err}"
    );
}

#[test]
fn a_gzip_bomb_on_stdin_stops_decompressing_at_the_limit() {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let block = vec![b'a'; 1 << 20];
    for _ in 0..64 {
        gz.write_all(&block).unwrap();
    }
    let bomb = gz.finish().unwrap();
    let out = herald(&["extract", "--max-bytes", "100000"], Some(&bomb));
    let err = stderr(&out);
    assert!(
        err.contains("-: article exceeds --max-bytes 100000 (reading stopped there)"),
        "{err}"
    );
}

#[test]
fn a_rows_file_outside_its_directory_is_refused_unless_allowed() {
    let dir = scratch("paths");
    let inner = dir.join("gold");
    std::fs::create_dir_all(&inner).unwrap();
    std::fs::write(
        dir.join("outside.txt"),
        "Talks in Geneva\n\nThe two ministers met in Geneva on Monday.\n",
    )
    .unwrap();
    let rows = inner.join("rows.jsonl");
    std::fs::write(
        &rows,
        "{\"id\":\"p\",\"file\":\"/etc/passwd\"}\n{\"id\":\"o\",\"file\":\"../outside.txt\"}\n",
    )
    .unwrap();
    let out = herald(&["extract", rows.to_str().unwrap()], None);
    let err = stderr(&out);
    assert!(out.stdout.is_empty(), "nothing is read");
    assert!(
        err.contains(
            "rows.jsonl:1: the row's file `/etc/passwd` is not under the input's directory"
        ) && err.contains("rows.jsonl:2: the row's file `../outside.txt`"),
        "{err}"
    );
    let allowed = herald(
        &["extract", "--allow-file-paths", rows.to_str().unwrap()],
        None,
    );
    let text = String::from_utf8_lossy(&allowed.stdout);
    assert!(
        text.contains("The two ministers met in Geneva"),
        "{}",
        stderr(&allowed)
    );
}

#[test]
fn coerced_fields_and_bad_dates_are_warned_about_with_the_line() {
    let rows = "{\"id\":\"a\",\"text\":\"Police detained five activists in Minsk on Sunday.\"}\n\
                {\"id\":\"n\",\"text\":12345}\n\
                {\"id\":\"d\",\"text\":\"Police detained five activists in Minsk on Sunday.\",\"published\":\"garbage\"}\n";
    let out = herald(
        &["extract", "--input", "jsonl", "--published", "2023-03-02"],
        Some(rows.as_bytes()),
    );
    let err = stderr(&out);
    assert!(
        err.contains("-:2: warning: `text` is a number, not a string; read as `12345`"),
        "{err}"
    );
    assert!(
        err.contains(
            "-:3: warning: unparseable published date `garbage`; --published 2023-03-02 used instead"
        ),
        "{err}"
    );
}

#[test]
fn gdelt_export_refuses_negated_events_with_all() {
    let dir = scratch("gdelt");
    let db = dir.join("neg.db");
    let rows = "{\"id\":\"neg\",\"text\":\"MOSCOW (Reuters) - Russia will never negotiate with Ukraine, Foreign Minister Sergei Lavrov said on Monday.\",\"published\":\"2023-03-02\"}\n";
    let ingest = herald(
        &["ingest", "--db", db.to_str().unwrap(), "--input", "jsonl"],
        Some(rows.as_bytes()),
    );
    assert!(ingest.status.success(), "{}", stderr(&ingest));
    let export = |extra: &[&str]| {
        let mut args = vec!["export", "--db", db.to_str().unwrap(), "--format"];
        args.extend_from_slice(extra);
        herald(&args, None)
    };
    let all = export(&["jsonl", "--all"]);
    assert!(
        String::from_utf8_lossy(&all.stdout).contains("\"negated\":true"),
        "the sentence gives a negated event: {}",
        String::from_utf8_lossy(&all.stdout)
    );
    let gdelt = export(&["gdelt", "--all"]);
    assert!(!gdelt.status.success());
    assert!(gdelt.stdout.is_empty(), "no GDELT row for a negated event");
    assert!(stderr(&gdelt).contains("--format gdelt cannot take --all"));
    let plain = export(&["gdelt"]);
    assert!(plain.status.success() && plain.stdout.is_empty());
}
