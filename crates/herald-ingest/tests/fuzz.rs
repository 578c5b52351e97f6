//! Property tests over arbitrary bytes: the readers never panic, and what
//! they accept is text whose datelines slice back to themselves.

use herald_ingest::{read_html, read_text, JsonlReader, ReadOptions};
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
}
