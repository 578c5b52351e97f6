//! Plain-text articles: the first line that is not chrome is the headline.

use crate::clean::clean_body;
use crate::decode::decode_text;
use crate::error::{IngestError, IngestErrorKind};
use crate::{content_id, ReadOptions};
use herald_core::Article;

/// Reads a scraped plain-text article.
pub fn read_text(input: &str, raw: &[u8], opts: &ReadOptions) -> Result<Article, IngestError> {
    check_size(input, None, raw.len(), opts)?;
    let body = decode_text(input, None, raw, None)?;
    let cleaned = clean_body(&body, true, None, false, false);
    if cleaned.text.trim().is_empty() {
        return Err(IngestError::new(input, None, IngestErrorKind::Empty));
    }
    Ok(Article {
        id: content_id(raw),
        url: None,
        title: cleaned.title,
        published: opts.published_default.clone(),
        dateline: cleaned.dateline,
        text: cleaned.text,
        warnings: Vec::new(),
    })
}

pub(crate) fn check_size(
    input: &str,
    line: Option<usize>,
    bytes: usize,
    opts: &ReadOptions,
) -> Result<(), IngestError> {
    if bytes > opts.max_bytes {
        return Err(IngestError::new(
            input,
            line,
            IngestErrorKind::TooLarge {
                bytes,
                limit: opts.max_bytes,
            },
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_becomes_title_and_leaves_text() {
        let a = read_text(
            "a.txt",
            b"Share\n\nTalks end\n\nThe talks ended.\n",
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(a.title.as_deref(), Some("Talks end"));
        assert_eq!(a.text, "The talks ended.");
        assert_eq!(a.id.len(), 40);
    }

    #[test]
    fn a_first_line_that_is_a_sentence_stays_in_the_text() {
        let opts = ReadOptions::default();
        let raw =
            b"Blinken met Lavrov in New Delhi on Thursday.\n\nThey discussed the war in Ukraine.\n";
        let a = read_text("two.txt", raw, &opts).unwrap();
        assert_eq!(a.title, None);
        assert_eq!(
            a.text,
            "Blinken met Lavrov in New Delhi on Thursday.\n\nThey discussed the war in Ukraine."
        );
        let one_paragraph = "NEW DELHI (Reuters) - US Secretary of State Antony Blinken met Russian Foreign Minister Sergei Lavrov on Thursday. The two spoke for ten minutes.";
        let a = read_text("one.txt", one_paragraph.as_bytes(), &opts).unwrap();
        assert_eq!((a.title, a.text.as_str()), (None, one_paragraph));
        let long_line = format!("{} without a period", "word ".repeat(30));
        let a = read_text(
            "long.txt",
            format!("{long_line}\n\nBody.").as_bytes(),
            &opts,
        )
        .unwrap();
        assert_eq!(a.title, None);
        assert!(a.text.starts_with("word word"));
    }

    #[test]
    fn a_doubled_first_line_is_a_headline_even_with_a_period() {
        let raw = b"Talks end in Geneva.\n\nTalks end in Geneva.\n\nThe talks ended on Monday.\n";
        let a = read_text("d.txt", raw, &ReadOptions::default()).unwrap();
        assert_eq!(a.title.as_deref(), Some("Talks end in Geneva."));
        assert_eq!(a.text, "The talks ended on Monday.");
    }

    #[test]
    fn empty_and_chrome_only_articles_are_refused() {
        for raw in [&b""[..], b"   \n\n", b"Share\n\ncomments\n"] {
            let e = read_text("e.txt", raw, &ReadOptions::default()).unwrap_err();
            assert!(matches!(e.kind, IngestErrorKind::Empty), "{raw:?}");
        }
    }

    #[test]
    fn utf16_file_with_a_bom_is_read_not_called_binary() {
        let mut raw = vec![0xfe, 0xff];
        for unit in "Talks end\n\nThe two ministers met in Geneva.\n".encode_utf16() {
            raw.extend_from_slice(&unit.to_be_bytes());
        }
        let a = read_text("u16.txt", &raw, &ReadOptions::default()).unwrap();
        assert_eq!(a.title.as_deref(), Some("Talks end"));
        assert_eq!(a.text, "The two ministers met in Geneva.");
    }

    #[test]
    fn oversize_article_is_refused_naming_the_file() {
        let opts = ReadOptions {
            max_bytes: 10,
            ..Default::default()
        };
        let e = read_text("big.txt", b"0123456789ABC", &opts).unwrap_err();
        assert!(e.to_string().contains("big.txt"));
        assert!(matches!(e.kind, IngestErrorKind::TooLarge { .. }));
    }
}
