//! Sentence boundaries over tokens.
//!
//! A boundary follows `.`, `!`, `?` or `…` (and any closing quotes or brackets)
//! when the next token opens a sentence; a blank line always ends one, so a
//! headline without a full stop stands alone; list items on their own lines
//! are sentences of their own.

use crate::tokenize::{NEVER_FINAL, UPPER_PLACE_PREFIXES};
use herald_core::{Sentence, Shape, Span, Token};

/// Capitalised words that begin sentences after "U.S." and like abbreviations.
const SENTENCE_OPENERS: &[&str] = &[
    "A",
    "After",
    "An",
    "And",
    "As",
    "At",
    "But",
    "During",
    "For",
    "He",
    "Her",
    "His",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Meanwhile",
    "Mr.",
    "Ms.",
    "On",
    "Our",
    "She",
    "Since",
    "So",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Under",
    "We",
    "When",
    "While",
    "With",
    "Yet",
];

fn is_closer(s: &str) -> bool {
    matches!(s, "”" | "’" | "\"" | "'" | ")" | "]" | "»")
}

fn is_opener(s: &str) -> bool {
    matches!(s, "“" | "‘" | "\"" | "'" | "(" | "[" | "«")
}

fn is_list_marker(s: &str) -> bool {
    matches!(s, "-" | "•" | "*" | "–" | "—" | "·" | "▪")
}

/// Splits tokens into sentences.
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    if tokens.is_empty() {
        return out;
    }
    let surface = |i: usize| tokens[i].span.slice(text);
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        let mut end = i + 1; // exclusive end of the sentence if it ends here
        let s = surface(i);
        let terminal = matches!(s, "." | "!" | "?" | "…" | "...")
            || (s.ends_with('.') && s.len() > 1 && tokens[i].shape != Shape::Punct);
        let mut boundary = false;
        if terminal {
            // Closing quotes directly attached to the mark belong to this sentence.
            while end < tokens.len()
                && is_closer(surface(end))
                && tokens[end].span.start == tokens[end - 1].span.end
            {
                end += 1;
            }
            boundary = match tokens.get(end) {
                None => true,
                Some(next) if next.para_start => true,
                Some(next) => {
                    let word = next.span.slice(text);
                    let opens = matches!(
                        next.shape,
                        Shape::Capitalized | Shape::Upper | Shape::Number
                    ) || is_opener(word);
                    if s.len() > 1 && s.ends_with('.') && !matches!(s, "...") {
                        // "U.S." or "Gen." before a capital: only a real sentence opener ends it.
                        let bare = s.trim_end_matches('.');
                        !NEVER_FINAL.contains(&bare)
                            && !UPPER_PLACE_PREFIXES.contains(&bare)
                            && SENTENCE_OPENERS.contains(&word)
                    } else {
                        opens
                    }
                }
            };
        }
        if !boundary && end < tokens.len() {
            let next = &tokens[end];
            let gap = &text[tokens[end - 1].span.end..next.span.start];
            // a new paragraph, or a list item on a new line
            if next.para_start
                || gap.contains('\n')
                    && (is_list_marker(next.span.slice(text)) || s == ":" || s == ";")
            {
                boundary = true;
            }
        }
        if boundary || end >= tokens.len() {
            let first = tokens[start].span.start;
            let last = tokens[end - 1].span.end;
            out.push(Sentence {
                span: Span::new(first, last),
                tokens: start..end,
            });
            start = end;
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::Nlp;

    fn split(text: &str) -> Vec<String> {
        let doc = Nlp::new().analyze(text);
        doc.sentences
            .iter()
            .map(|s| s.span.slice(text).to_string())
            .collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            split("Mr. Smith met Gen. Jones at 9 a.m. on Jan. 5 in the U.S. capital. They talked."),
            [
                "Mr. Smith met Gen. Jones at 9 a.m. on Jan. 5 in the U.S. capital.",
                "They talked."
            ]
        );
        assert_eq!(
            split("He lives in the U.S. The war goes on."),
            ["He lives in the U.S.", "The war goes on."]
        );
        assert_eq!(split("See No. 5 for details."), ["See No. 5 for details."]);
        assert_eq!(
            split("ST. PAUL -- Taxes are due. FT. WORTH -- Rain."),
            ["ST. PAUL -- Taxes are due.", "FT. WORTH -- Rain."]
        );
    }

    #[test]
    fn quotes_over_several_sentences() {
        let t = "“I asked Lavrov to stop. He refused,” Blinken said. Then he left.";
        assert_eq!(
            split(t),
            [
                "“I asked Lavrov to stop.",
                "He refused,” Blinken said.",
                "Then he left."
            ]
        );
        assert_eq!(
            split("“Why?” he asked. Nobody knew."),
            ["“Why?” he asked.", "Nobody knew."]
        );
        assert_eq!(
            split("He said: \"No deal.\" Then he left."),
            ["He said: \"No deal.\"", "Then he left."]
        );
    }

    #[test]
    fn dashes_and_headlines_without_stops() {
        assert_eq!(
            split("Blinken rejects the plan\n\nPutin – added the secretary – has never shown interest. Talks ended."),
            ["Blinken rejects the plan", "Putin – added the secretary – has never shown interest.", "Talks ended."]
        );
    }

    #[test]
    fn lists_split_per_item() {
        assert_eq!(
            split("The demands:\n- release prisoners\n- end the war"),
            ["The demands:", "- release prisoners", "- end the war"]
        );
    }

    #[test]
    fn hard_wrapped_lines_stay_one_sentence() {
        assert_eq!(
            split("The minister met\nthe envoy on Monday."),
            ["The minister met\nthe envoy on Monday."]
        );
    }

    #[test]
    fn decimals_and_question_marks() {
        assert_eq!(
            split("Growth was 3.5 percent. Why? Nobody said."),
            ["Growth was 3.5 percent.", "Why?", "Nobody said."]
        );
    }
}
