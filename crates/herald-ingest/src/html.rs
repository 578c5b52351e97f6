//! HTML pages: main content by readability, metadata from meta tags and JSON-LD.

use crate::clean::clean_body;
use crate::date::parse_published;
use crate::decode::{declared_charset, decode_text};
use crate::error::{IngestError, IngestErrorKind};
use crate::text::check_size;
use crate::{content_id, ReadOptions};
use dom_smoothie::{Config, Readability, TextMode};
use herald_core::Article;

/// Reads an HTML page into an article; a page that is not UTF-8 is decoded
/// from the encoding its `<meta>` declares.
pub fn read_html(input: &str, raw: &[u8], opts: &ReadOptions) -> Result<Article, IngestError> {
    read_html_declared(input, raw, opts, None)
}

/// Like [`read_html`], with the encoding an HTTP header declared (it wins
/// over the page's own declaration).
pub(crate) fn read_html_declared(
    input: &str,
    raw: &[u8],
    opts: &ReadOptions,
    header_charset: Option<&str>,
) -> Result<Article, IngestError> {
    check_size(input, None, raw.len(), opts)?;
    let declared = header_charset
        .map(str::to_string)
        .or_else(|| declared_charset(raw));
    let html = decode_text(input, None, raw, declared.as_deref())?;
    let mut article = html_to_article(&html, None, opts);
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
    // Readability scores every node against its ancestors and the HTML
    // parser checks scopes on its stack of open elements: on pathologically
    // deep markup both cost minutes, so such pages are flattened first and
    // go to the plain reader.
    let flattened = flatten_deep_markup(html);
    if flattened.is_some() {
        warnings.push(format!(
            "markup nested deeper than {MAX_READABLE_DEPTH} levels; read without readability"
        ));
    }
    let parsed = match flattened {
        None => Readability::new(html, url, Some(cfg)).ok(),
        Some(_) => None,
    };
    let html = flattened.as_deref().unwrap_or(html);
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
    let cleaned = clean_body(&body, false, title.as_deref(), true, false);
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

/// Elements that are never or seldom closed: they do not nest.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li",
];

/// The page with every tag deeper than [`MAX_READABLE_DEPTH`] removed (its
/// text kept), counted on the tags without parsing; `None` when the page
/// is not that deep. One pass: linear in the page's length.
fn flatten_deep_markup(html: &str) -> Option<String> {
    let bytes = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut out: Option<String> = None;
    let (mut copied, mut i) = (0usize, 0usize);
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        let start = i + off;
        i = start + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let name_at = i + usize::from(closing);
        let name_len = bytes[name_at..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let starts_with_letter = bytes.get(name_at).is_some_and(u8::is_ascii_alphabetic);
        let nests = starts_with_letter
            && !VOID.contains(
                &html[name_at..name_at + name_len]
                    .to_ascii_lowercase()
                    .as_str(),
            );
        let too_deep = match (nests, closing) {
            (false, _) => false,
            (true, true) => {
                let deep = depth > MAX_READABLE_DEPTH;
                depth = depth.saturating_sub(1);
                deep
            }
            (true, false) => {
                depth += 1;
                max = max.max(depth);
                depth > MAX_READABLE_DEPTH
            }
        };
        if too_deep {
            let end = bytes[i..]
                .iter()
                .position(|&b| b == b'>')
                .map_or(bytes.len(), |p| i + p + 1);
            let kept = out.get_or_insert_with(|| String::with_capacity(html.len()));
            kept.push_str(&html[copied..start]);
            copied = end;
            i = end;
        }
    }
    let mut kept = out?;
    kept.push_str(&html[copied..]);
    debug_assert!(max > MAX_READABLE_DEPTH);
    Some(kept)
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
    fn pathological_nesting_is_flattened_to_a_bounded_depth_keeping_its_text() {
        let deep = format!(
            "<html><body>{}<p>Police arrested ten protesters in Minsk.</p>{}</body></html>",
            "<div class=x>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let flat = flatten_deep_markup(&deep).expect("100,000 levels are flattened");
        let divs = flat.matches("<div").count();
        assert_eq!(divs, MAX_READABLE_DEPTH - 2, "html and body count too");
        assert_eq!(flat.matches("</div>").count(), divs);
        assert!(flat.contains("<p>Police arrested ten protesters in Minsk.</p>"));
        let a = read_html("deep.html", deep.as_bytes(), &ReadOptions::default()).unwrap();
        assert_eq!(a.text, "Police arrested ten protesters in Minsk.");
    }

    #[test]
    fn ordinary_pages_are_not_flattened() {
        assert_eq!(flatten_deep_markup(PAGE), None);
    }

    #[test]
    fn windows_1252_page_is_decoded_from_its_meta_charset() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body><p>The minister said \x93no deal\x94 in M\xfcnster on Monday, officials said.</p></body></html>";
        let a = read_html("cp1252.html", page, &ReadOptions::default()).unwrap();
        assert!(a.text.contains("said “no deal” in Münster"), "{}", a.text);
    }

    #[test]
    fn script_text_is_not_article_text() {
        let a = read_html("s.html", b"<html><body><script>var x = 'Lavrov';</script><p>The minister spoke.</p></body></html>", &ReadOptions::default()).unwrap();
        assert!(!a.text.contains("var x"));
    }
}
