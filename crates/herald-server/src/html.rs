//! HTML building blocks: escaping, the page frame, and an article's text
//! with its actors, places, event triggers and quotes marked.
//!
//! Article text is untrusted: every byte of it goes through [`escape`].

use herald_core::Record;
use std::fmt::Write as _;

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Percent-encodes a value for a URL query or path segment.
pub fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The page frame: head, navigation, the body given, the script.
pub fn page(title: &str, current: &str, body: &str) -> String {
    let nav = [
        ("/", "Search"),
        ("/events", "Events"),
        ("/map", "Map"),
        ("/timeline", "Timeline"),
        ("/network", "Network"),
    ]
    .iter()
    .map(|(href, label)| {
        let cur = if *href == current {
            " aria-current=\"page\""
        } else {
            ""
        };
        format!("<a href=\"{href}\"{cur}>{label}</a>")
    })
    .collect::<Vec<_>>()
    .join(" ");
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · Herald</title><link rel=\"stylesheet\" href=\"/static/app.css\"><script src=\"/static/app.js\" defer></script></head>\
         <body><nav class=\"top\"><strong>Herald</strong> {nav}</nav><main>{body}</main></body></html>\n",
        escape(title)
    )
}

/// What a span of the text is marked as; the order is the nesting order.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Mark {
    Quote {
        id: String,
    },
    Entity {
        class: &'static str,
        attr: &'static str,
        id: String,
        label: String,
    },
    Event {
        id: String,
        kind: String,
        title: String,
        negated: bool,
    },
}

impl Mark {
    fn open(&self) -> String {
        match self {
            Mark::Quote { id } => format!("<span class=\"quote\" data-quote=\"{}\">", escape(id)),
            Mark::Entity {
                class,
                attr,
                id,
                label,
            } => format!(
                "<mark class=\"{class}\" {attr}=\"{}\" title=\"{}\">",
                escape(id),
                escape(label)
            ),
            Mark::Event {
                id,
                kind,
                title,
                negated,
            } => format!(
                "<mark class=\"ev{}\" data-event=\"{}\" data-type=\"{}\" title=\"{}\">",
                if *negated { " neg" } else { "" },
                escape(id),
                escape(kind),
                escape(title)
            ),
        }
    }
    fn close(&self) -> &'static str {
        match self {
            Mark::Quote { .. } => "</span>",
            _ => "</mark>",
        }
    }
}

/// The article text as HTML: one `span.sent#sN` per sentence, and inside
/// them the marks. Overlapping marks are cut at each other's edges so the
/// HTML nests; text between sentences is kept as it is.
pub fn marked_text(rec: &Record, dyad: &dyn Fn(&herald_core::EventOut) -> String) -> String {
    let text = &rec.text;
    let mut spans: Vec<(usize, usize, Mark)> = Vec::new();
    for q in &rec.quotes {
        spans.push((q.start, q.end, Mark::Quote { id: q.id.clone() }));
    }
    for e in &rec.entities {
        let place = rec.places.iter().find(|p| p.mentions.contains(&e.id));
        let mark = match (&e.actor, place) {
            (_, Some(p)) if e.actor.is_none() || matches!(e.kind.as_str(), "GPE" | "LOC") => {
                Mark::Entity {
                    class: "place",
                    attr: "data-place",
                    id: p.id.clone(),
                    label: format!(
                        "place: {}{}",
                        p.name,
                        p.country
                            .as_deref()
                            .map(|c| format!(" ({c})"))
                            .unwrap_or_default()
                    ),
                }
            }
            (Some(a), _) => Mark::Entity {
                class: "actor",
                attr: "data-actor",
                id: a.clone(),
                label: rec
                    .actors
                    .iter()
                    .find(|x| &x.id == a)
                    .map(|x| format!("actor: {} ({})", x.name, herald_store::actor_key(x)))
                    .unwrap_or_else(|| "actor".into()),
            },
            _ => continue,
        };
        spans.push((e.start, e.end, mark));
    }
    for e in &rec.events {
        let title = format!(
            "{} {}{}",
            e.kind.as_str(),
            dyad(e),
            if e.negated { " (negated)" } else { "" }
        );
        spans.push((
            e.trigger.start,
            e.trigger.end,
            Mark::Event {
                id: e.id.clone(),
                kind: e.kind.as_str().to_string(),
                title,
                negated: e.negated,
            },
        ));
    }
    // keep only spans that slice the text
    spans.retain(|(s, e, _)| {
        s < e && *e <= text.len() && text.is_char_boundary(*s) && text.is_char_boundary(*e)
    });
    let mut out = String::with_capacity(text.len() * 2);
    let mut pos = 0;
    for (i, sent) in rec.sentences.iter().enumerate() {
        if sent.start < pos
            || sent.end > text.len()
            || !text.is_char_boundary(sent.start)
            || !text.is_char_boundary(sent.end)
        {
            continue;
        }
        out.push_str(&escape(&text[pos..sent.start]));
        let _ = write!(out, "<span class=\"sent\" id=\"s{i}\">");
        // cut points inside the sentence
        let mut cuts: Vec<usize> = vec![sent.start, sent.end];
        for (s, e, _) in &spans {
            for x in [*s, *e] {
                if x > sent.start && x < sent.end {
                    cuts.push(x);
                }
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let mut active: Vec<&Mark> = spans
                .iter()
                .filter(|(s, e, _)| *s <= a && *e >= b)
                .map(|(_, _, m)| m)
                .collect();
            active.sort();
            active.dedup();
            for m in &active {
                out.push_str(&m.open());
            }
            out.push_str(&escape(&text[a..b]));
            for m in active.iter().rev() {
                out.push_str(m.close());
            }
        }
        out.push_str("</span>");
        pos = sent.end;
    }
    out.push_str(&escape(&text[pos.min(text.len())..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_leaves_no_markup() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(url_encode("a b/ü"), "a%20b%2F%C3%BC");
    }
}
