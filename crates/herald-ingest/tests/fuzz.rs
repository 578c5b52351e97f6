//! Property tests over arbitrary bytes: the readers never panic, and what
//! they accept is text whose datelines slice back to themselves.

use herald_ingest::{
    read_html, read_text, IngestErrorKind, JsonlReader, ReadOptions, WarcReader, WarcRecord,
};
use proptest::prelude::*;

fn check_article(a: &herald_core::Article) {
    if let Some(d) = &a.dateline {
        assert_eq!(d.place_span.slice(&a.text), d.place);
    }
    assert!(!a.text.trim().is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn text_reader_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(a) = read_text("fuzz.txt", &bytes, &ReadOptions::default()) {
            check_article(&a);
        }
    }

    #[test]
    fn text_reader_on_texty_input(s in "[A-Za-z .,;:!?\\n\"“”'’()–—-]{0,600}") {
        if let Ok(a) = read_text("fuzz.txt", s.as_bytes(), &ReadOptions::default()) {
            check_article(&a);
        }
    }

    #[test]
    fn html_reader_never_panics(s in "(<[a-z/!]{1,8}[^>]{0,20}>|[A-Za-z .]{0,40}){0,60}") {
        if let Ok(a) = read_html("fuzz.html", s.as_bytes(), &ReadOptions::default()) {
            check_article(&a);
        }
    }

    #[test]
    fn jsonl_reader_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        for row in JsonlReader::new("fuzz.jsonl", &bytes[..]).flatten() {
            if let Ok(a) = row.parse("fuzz.jsonl", &ReadOptions::default()) {
                check_article(&a);
            }
        }
    }

    #[test]
    fn warc_reader_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let mut r = WarcReader::new("fuzz.warc", &bytes[..]);
        while let Some(rec) = r.next_record(&ReadOptions::default()) {
            if let Ok(WarcRecord::Article(a)) = rec {
                check_article(&a);
            }
        }
    }

    #[test]
    fn warc_reader_on_record_shaped_input(
        kind in "(response|request|metadata)",
        len in 0usize..300,
        body in "(HTTP/1.1 [0-9]{3} OK\r\n(Content-Type: text/html\r\n|Transfer-Encoding: chunked\r\n|Content-Encoding: gzip\r\n){0,3}\r\n)?[<>a-z0-9 \r\n]{0,200}",
    ) {
        let input = format!("WARC/1.0\r\nWARC-Type: {kind}\r\nContent-Type: application/http\r\nContent-Length: {len}\r\n\r\n{body}\r\n\r\n");
        let mut r = WarcReader::new("fuzz.warc", input.as_bytes());
        while let Some(rec) = r.next_record(&ReadOptions::default()) {
            if let Ok(WarcRecord::Article(a)) = rec {
                check_article(&a);
            }
        }
    }

    #[test]
    fn jsonl_lines_are_bounded(
        lines in proptest::collection::vec("[ -~]{0,300}", 0..20),
        limit in 1usize..200,
    ) {
        let data = lines.join("\n");
        let mut kept = 0;
        for row in JsonlReader::new("fuzz.jsonl", data.as_bytes()).with_max_line_bytes(limit) {
            match row {
                Ok(r) => {
                    prop_assert!(r.bytes.len() <= limit);
                    kept += 1;
                }
                Err(e) => match e.kind {
                    IngestErrorKind::TooLarge { bytes, .. } => prop_assert!(bytes > limit),
                    other => prop_assert!(false, "unexpected {other:?}"),
                },
            }
        }
        let short = lines
            .iter()
            .enumerate()
            .filter(|(i, l)| {
                let len = l.len() + usize::from(*i + 1 < lines.len());
                len <= limit && !l.trim().is_empty()
            })
            .count();
        prop_assert_eq!(kept, short);
    }

    #[test]
    fn surrogate_escapes_never_lose_the_row(
        parts in proptest::collection::vec("(\\\\u[dD][89abAB][0-9a-f]{2}|\\\\u[dD][c-fC-F][0-9a-f]{2}|\\\\\\\\|[a-z ]{1,5})", 1..12),
    ) {
        let row = format!("{{\"id\":\"s\",\"text\":\"Police met. {}\"}}", parts.concat());
        let a = JsonlReader::new("s.jsonl", row.as_bytes())
            .next()
            .unwrap()
            .unwrap()
            .parse("s.jsonl", &ReadOptions::default());
        prop_assert!(a.is_ok(), "{row}: {a:?}");
    }
}
