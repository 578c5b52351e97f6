//! Quotes: direct quotes with straight or curly marks (over several
//! sentences, speaker before, after or in the middle) and indirect ones
//! ("X said that …"), each attributed to an actor.

use crate::mentions::Mention;
use herald_core::{Doc, Span};

/// Lemmas of verbs that introduce speech.
pub const SPEECH_VERBS: &[&str] = &[
    "acknowledge",
    "add",
    "admit",
    "announce",
    "argue",
    "ask",
    "assert",
    "claim",
    "comment",
    "conclude",
    "confirm",
    "continue",
    "declare",
    "define",
    "describe",
    "emphasise",
    "emphasize",
    "explain",
    "insist",
    "maintain",
    "note",
    "recall",
    "remark",
    "repeat",
    "reply",
    "report",
    "respond",
    "reiterate",
    "say",
    "specify",
    "state",
    "stress",
    "tell",
    "tweet",
    "warn",
    "write",
    "told",
    "said",
    "says",
];

#[derive(Debug, Clone)]
pub struct Quote {
    /// The quoted words, without the marks.
    pub span: Span,
    pub speaker: Option<usize>,
    pub direct: bool,
    pub cue: Option<String>,
}

fn is_speech(doc: &Doc, i: usize) -> bool {
    doc.tokens[i].shape == herald_core::Shape::Lower
        && SPEECH_VERBS.contains(&doc.tokens[i].lemma.as_str())
        || SPEECH_VERBS.contains(&doc.tokens[i].lower.as_str())
}

/// Byte spans (content only) of direct quotes.
fn direct_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('“', _) => open = Some((i + c.len_utf8(), '”')),
            ('"', None) => open = Some((i + 1, '"')),
            ('”', Some((s, '”'))) | ('"', Some((s, '"'))) => {
                if i > s {
                    out.push(Span::new(s, i));
                }
                open = None;
            }
            ('\n', Some((s, _))) if text[i..].starts_with("\n\n") => {
                // a quote running on into the next paragraph closes here
                if i > s && text[i + 2..].starts_with(['“', '"']) {
                    out.push(Span::new(s, i));
                }
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// Finds quotes and their speakers among the actor-bearing mentions.
pub fn find_quotes(doc: &Doc, mentions: &[Mention]) -> Vec<Quote> {
    let actor_mentions: Vec<&Mention> = mentions.iter().filter(|m| m.actor.is_some()).collect();
    // actor mentions around a token: binary search on text order, then a small window
    let near = |i: usize, before: usize, after: usize| -> &[&Mention] {
        let lo = actor_mentions.partition_point(|m| m.tokens.end + before < i);
        let hi = actor_mentions.partition_point(|m| m.tokens.start <= i + after);
        &actor_mentions[lo..hi.max(lo)]
    };
    let token_at = |byte: usize| doc.tokens.partition_point(|t| t.span.end <= byte);
    let mut quotes: Vec<Quote> = Vec::new();
    let spans = direct_spans(&doc.text);
    for (qi, &span) in spans.iter().enumerate() {
        let first = token_at(span.start);
        let last = token_at(span.end).saturating_sub(1); // last token inside
        let sentence = doc.sentence_of(last.min(doc.tokens.len().saturating_sub(1)));
        let sent = doc
            .sentences
            .get(sentence)
            .map(|s| s.tokens.clone())
            .unwrap_or(0..0);
        let mut speaker = None;
        let mut cue = None;
        // After the quote: “…,” Blinken said / “…,” said Blinken
        let after_start = token_at(span.end) + 1;
        for v in after_start..(after_start + 9).min(doc.tokens.len()) {
            if is_speech(doc, v) {
                speaker = nearest_actor(near(v, 10, 6), v, 9);
                cue = Some(doc.tokens[v].lower.clone());
                break;
            }
            if matches!(doc.tokens[v].lower.as_str(), "." | "“" | "\"") {
                break;
            }
        }
        // Inside, between dashes: “Putin – added the secretary of state – has …”
        if speaker.is_none() {
            for v in first..last {
                if is_speech(doc, v)
                    && v > 0
                    && matches!(doc.token_text(v - 1), "–" | "—" | "-" | ",")
                {
                    if let Some(m) = near(v, 0, 3)
                        .iter()
                        .find(|m| m.tokens.start > v && m.tokens.start <= v + 3)
                    {
                        speaker = m.actor;
                        cue = Some(doc.tokens[v].lower.clone());
                        break;
                    }
                }
            }
        }
        // Before: Blinken said: “…” / Blinken told reporters “…”
        if speaker.is_none() && first > 0 {
            let from = first.saturating_sub(8).max(sent.start);
            for v in (from..first).rev() {
                if is_speech(doc, v) {
                    speaker = nearest_actor(near(v, 7, 7), v, 6);
                    cue = Some(doc.tokens[v].lower.clone());
                    break;
                }
            }
        }
        // The subject of the clause the quote stands in: “X defined it as ‘…’”.
        if speaker.is_none() {
            speaker = near(first, first.saturating_sub(sent.start), 0)
                .iter()
                .rev()
                .filter(|m| m.sentence == sentence && m.tokens.end <= first)
                .find(|m| {
                    let prev = m
                        .tokens
                        .start
                        .checked_sub(1)
                        .map(|p| doc.tokens[p].lower.as_str())
                        .unwrap_or("");
                    !matches!(
                        prev,
                        "with"
                            | "to"
                            | "of"
                            | "in"
                            | "at"
                            | "on"
                            | "for"
                            | "from"
                            | "by"
                            | "the"
                            | "against"
                    )
                })
                .and_then(|m| m.actor);
        }
        // A paragraph-initial quote with no speaker continues the previous one.
        if speaker.is_none() && qi > 0 {
            speaker = quotes.last().and_then(|q| q.speaker);
        }
        quotes.push(Quote {
            span,
            speaker,
            direct: true,
            cue,
        });
    }
    // Indirect: X said (that) …
    for s in &doc.sentences {
        for v in s.tokens.clone() {
            if !is_speech(doc, v) {
                continue;
            }
            let Some(subject) = near(v, 4, 0).iter().rev().find(|m| {
                m.tokens.end <= v && m.tokens.end + 3 >= v && m.sentence == doc.sentence_of(v)
            }) else {
                continue;
            };
            let mut start = v + 1;
            if doc.tokens.get(start).is_some_and(|t| t.lower == "that") {
                start += 1;
            } else if doc.tokens.get(v + 1).is_some_and(|t| {
                matches!(
                    t.lower.as_str(),
                    "," | ":"
                        | "“"
                        | "\""
                        | "."
                        | "on"
                        | "in"
                        | "at"
                        | "to"
                        | "about"
                        | "for"
                        | "with"
                        | "?"
                        | "so"
                )
            }) {
                continue;
            }
            let mut end = s.tokens.end;
            while end > start && matches!(doc.tokens[end - 1].lower.as_str(), "." | "”" | "\"") {
                end -= 1;
            }
            if end < start + 3 {
                continue;
            }
            let span = Span::new(doc.tokens[start].span.start, doc.tokens[end - 1].span.end);
            if quotes.iter().any(|q| q.span.overlaps(span)) {
                continue;
            }
            quotes.push(Quote {
                span,
                speaker: subject.actor,
                direct: false,
                cue: Some(doc.tokens[v].lower.clone()),
            });
        }
    }
    quotes.sort_by_key(|q| q.span.start);
    quotes
}

fn nearest_actor(mentions: &[&Mention], verb: usize, window: usize) -> Option<usize> {
    mentions
        .iter()
        .map(|m| {
            let d = if m.tokens.start > verb {
                m.tokens.start - verb
            } else {
                verb.saturating_sub(m.tokens.end - 1)
            };
            (d, m)
        })
        .filter(|(d, _)| *d <= window)
        .min_by_key(|(d, m)| (*d, m.tokens.start))
        .and_then(|(_, m)| m.actor)
}
