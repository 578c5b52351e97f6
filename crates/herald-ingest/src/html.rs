//! HTML pages: main content by readability, metadata from meta tags and JSON-LD.

use crate::clean::clean_body;
use crate::date::parse_published;
use crate::error::{IngestError, IngestErrorKind};
use crate::sniff::check_text_bytes;
use crate::text::check_size;
use crate::{content_id, ReadOptions};
use dom_smoothie::{Config, Readability, TextMode};
use herald_core::Article;

/// Reads an HTML page into an article.
pub fn read_html(input: &str, raw: &[u8], opts: &ReadOptions) -> Result<Article, IngestError> {
    check_size(input, None, raw.len(), opts)?;
    let html = check_text_bytes(input, None, raw)?;
    let mut article = html_to_article(html, None, opts);
    article.id = content_id(raw);
    if article.text.trim().is_empty() {
        return Err(IngestError::new(input, None, IngestErrorKind::Empty));
    }
    Ok(article)
}

/// Extracts an article from HTML; `url` is a known address (JSONL rows).
/// The id is left empty for the caller to set.
pub(crate) fn html_to_article(html: &str, url: Option<&str>, opts: &ReadOptions) -> Article {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let mut warnings = Vec::new();
    // Readability scores every node against its ancestors: on pathologically
    // deep markup that costs minutes, so such pages go to the plain reader.
    let readable = nesting_depth(html) <= MAX_READABLE_DEPTH;
    if !readable {
        warnings.push(format!(
            "markup nested deeper than {MAX_READABLE_DEPTH} levels; read without readability"
        ));
    }
    let parsed = if readable {
        Readability::new(html, url, Some(cfg)).ok()
    } else {
        None
    };
    let (title, published, page_url, body) = match parsed {
        Some(mut reader) => {
            // Metadata first: parse() consumes the page's structure.
            let meta = reader.get_article_metadata(reader.parse_json_ld());
            let body = match reader.parse() {
                Ok(a) => a.text_content.to_string(),
                Err(_) => fallback_text(html),
            };
            let title = Some(meta.title.trim().to_string()).filter(|t| !t.is_empty());
            (title, meta.published_time, meta.url, body)
        }
        None => (None, None, None, fallback_text(html)),
    };
    let published_iso = match published.as_deref() {
        Some(p) => {
            let parsed = parse_published(p);
            if parsed.is_none() {
                warnings.push(format!("unparseable published date `{p}`"));
            }
            parsed
        }
        None => None,
    };
    let cleaned = clean_body(&body, false, title.as_deref(), true);
    Article {
        id: String::new(),
        url: url.map(str::to_string).or(page_url),
        title,
        published: published_iso.or_else(|| opts.published_default.clone()),
        dateline: cleaned.dateline,
        text: cleaned.text,
        warnings,
    }
}

const MAX_READABLE_DEPTH: usize = 400;

/// The deepest element nesting of a page, counted on its tags without parsing.
fn nesting_depth(html: &str) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "p", "li",
    ];
    let (mut depth, mut max) = (0usize, 0usize);
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        i += off + 1;
        match bytes.get(i) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                let name: String = bytes[i..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .map(|&b| (b as char).to_ascii_lowercase())
                    .collect();
                if !VOID.contains(&name.as_str()) {
                    depth += 1;
                    max = max.max(depth);
                }
            }
            _ => {}
        }
    }
    max
}

/// Text of the block elements of a page readability could not read.
fn fallback_text(html: &str) -> String {
    let doc = dom_query::Document::from(html);
    doc.select("script, style, noscript, nav, footer, header, aside, form")
        .remove();
    let mut parts = Vec::new();
    for node in doc.select("h1, h2, h3, p, li, blockquote, pre").iter() {
        let t = node.text();
        let t = t.trim();
        if !t.is_empty() {
            parts.push(t.to_string());
        }
    }
    if parts.is_empty() {
        parts.push(doc.select("body").text().to_string());
    }
    parts.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html><head>
<title>Blinken meets Lavrov | Example News</title>
<meta property="og:title" content="Blinken meets Lavrov">
<meta property="article:published_time" content="2023-03-02T10:00:00Z">
<link rel="canonical" href="https://news.example/blinken-lavrov">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Blinken meets Lavrov","datePublished":"2023-03-02T10:00:00Z","url":"https://news.example/blinken-lavrov"}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Blinken meets Lavrov</h1>
<p>NEW DELHI (Reuters) - US Secretary of State Antony Blinken met Russian Foreign Minister Sergei Lavrov on the sidelines of the G20 meeting in New Delhi on Thursday, the first such meeting in over a year.</p>
<p>The two diplomats spoke for barely ten minutes, a US official said, and Blinken urged Moscow to rejoin the New START treaty and to release Paul Whelan.</p>
<p>Share on Facebook</p>
<p>Russia said there were no negotiations and that the meeting had been requested by the American side.</p>
</article><footer>© 2023 Example News</footer></body></html>"#;

    #[test]
    fn html_page_gives_text_title_date_and_dateline() {
        let a = read_html("page.html", PAGE.as_bytes(), &ReadOptions::default()).unwrap();
        assert_eq!(a.title.as_deref(), Some("Blinken meets Lavrov"));
        assert_eq!(a.published.as_deref(), Some("2023-03-02"));
        assert!(
            a.text.starts_with("NEW DELHI (Reuters) - US Secretary"),
            "{}",
            a.text
        );
        assert!(!a.text.contains("Share on Facebook"));
        assert!(!a.text.contains("Home"));
        assert_eq!(a.dateline.unwrap().agency.as_deref(), Some("Reuters"));
    }

    #[test]
    fn broken_html_still_reads() {
        let a = read_html(
            "b.html",
            b"<html><body><p>Police arrested ten protesters in Tehran on Monday.<div><p>Unclosed",
            &ReadOptions::default(),
        )
        .unwrap();
        assert!(a.text.contains("Police arrested ten protesters"));
    }

    #[test]
    fn deeply_nested_markup_is_read_without_readability() {
        let html = format!(
            "<html><body>{}<p>Police arrested ten protesters in Minsk.</p>{}</body></html>",
            "<div>".repeat(5000),
            "</div>".repeat(5000)
        );
        let a = read_html("deep.html", html.as_bytes(), &ReadOptions::default()).unwrap();
        assert!(a.text.contains("Police arrested ten protesters"));
        assert_eq!(a.warnings.len(), 1);
    }

    #[test]
    fn script_text_is_not_article_text() {
        let a = read_html("s.html", b"<html><body><script>var x = 'Lavrov';</script><p>The minister spoke.</p></body></html>", &ReadOptions::default()).unwrap();
        assert!(!a.text.contains("var x"));
    }
}
