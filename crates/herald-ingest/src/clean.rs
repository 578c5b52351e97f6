//! Cleaning a scraped body: whitespace, site chrome, repeated lines, datelines.
//!
//! Works line by line: a line is chrome only when it is short and matches a
//! chrome phrase, so a real sentence that mentions "subscribe" survives.

use herald_core::{DatelineText, Span};
use regex::Regex;
use std::collections::HashSet;
use std::sync::OnceLock;

/// The result of cleaning: body text, the headline when asked for, the dateline.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CleanedBody {
    pub text: String,
    pub title: Option<String>,
    pub dateline: Option<DatelineText>,
}

/// Whole lines that are site chrome (compared lowercased, without trailing ':' or bullets).
const CHROME_LINES: &[&str] = &[
    "advertisement",
    "advertising",
    "also read",
    "back to top",
    "comment",
    "comments",
    "continue reading",
    "copied",
    "copy link",
    "email",
    "e-mail",
    "facebook",
    "follow",
    "follow us",
    "home",
    "instagram",
    "leave a comment",
    "leave a reply",
    "linkedin",
    "listen",
    "listen to this article",
    "loading",
    "log in",
    "login",
    "menu",
    "messenger",
    "more from",
    "more on this story",
    "most popular",
    "most read",
    "pinterest",
    "play video",
    "post a comment",
    "print",
    "read also",
    "read more",
    "read next",
    "recommended",
    "reddit",
    "related",
    "related articles",
    "related content",
    "related news",
    "related posts",
    "related stories",
    "related topics",
    "search",
    "see also",
    "share",
    "share article",
    "share on facebook",
    "share on twitter",
    "share on whatsapp",
    "share this",
    "share this article",
    "share this story",
    "share via email",
    "sign in",
    "sign up",
    "skip to content",
    "skip to main content",
    "sponsored",
    "sponsored content",
    "subscribe",
    "subscribe now",
    "tags",
    "telegram",
    "top stories",
    "trending",
    "tweet",
    "twitter",
    "watch",
    "watch video",
    "whatsapp",
    "x",
    "you may also like",
    "you might also like",
];

/// Headings after which a list of story links follows.
const RELATED_HEADINGS: &[&str] = &[
    "also read",
    "more from",
    "more on this story",
    "most popular",
    "most read",
    "read also",
    "read more",
    "read next",
    "recommended",
    "related",
    "related articles",
    "related content",
    "related news",
    "related posts",
    "related stories",
    "related topics",
    "see also",
    "top stories",
    "trending",
    "you may also like",
    "you might also like",
];

fn chrome_patterns() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?ix)^(?:
              share\s+(?:on|via|this)\b | follow\s+us\b | sign\s+up\s+(?:for|to)\b | subscribe\s+(?:to|for|now)\b
            | read\s+more\s*[:›»>] | read\s+more\s+(?:at|on|about)\b | click\s+here\b | related\s*: | see\s+also\s*:
            | also\s+read\s*: | read\s+also\s*: | recommended\s*: | advertisement\b | sponsored\b
            | \(?photo\b | photograph\s*: | image\s*: | image\s+credit | file\s+photo | credit\s*: | pictured\s*:
            | ©|\(c\)\s*\d{4} | copyright\s+(?:©\s*)?\d{4} | all\s+rights\s+reserved
            | reporting\s+by\b | editing\s+by\b | writing\s+by\b | additional\s+reporting\b
            | posted\s+in\b | filed\s+under\b | tags\s*: | topics\s*:
            | \d+\s+comments?$ | comments\s*\(\d+\)$ | \d+\s+shares?$
            | download\s+(?:our|the)\s+app | get\s+the\s+latest\b | don't\s+miss\b | watch\s*: | listen\s*:
            | (?:updated|published|last\s+updated)\s*:?\s*(?:on\s+)?\d
            )",
        )
        .expect("chrome pattern is valid")
    })
}

fn chrome_anywhere() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)(?:\b(?:we|this\s+(?:site|website))\s+uses?\s+cookies|accept\s+(?:all\s+)?cookies|cookie\s+(?:policy|settings|preferences)|by\s+continuing\s+to\s+(?:use|browse)|(?:sign\s+up|subscribe)\s+(?:for|to)\s+(?:our|the)\s+(?:\w+\s+)?newsletter|REUTERS/|AFP/|\bAP\s+Photo\b|Getty\s+Images|/Getty\b|EPA-EFE|\bAFP\s+via\s+Getty|Leave\s+a\s+Reply)",
        )
        .expect("chrome pattern is valid")
    })
}

fn normalized_key(line: &str) -> String {
    line.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '•' | '·' | '|' | '-' | '›' | '»' | '>' | '*')
    })
    .to_lowercase()
}

/// Whether a single trimmed line is site chrome (share buttons, credits, notices…).
pub fn is_chrome_line(line: &str) -> bool {
    let key = normalized_key(line);
    if key.is_empty() {
        return !line.trim().is_empty(); // a line of bullets or bars only
    }
    if CHROME_LINES.contains(&key.as_str()) {
        return true;
    }
    let words = line.split_whitespace().count();
    if words <= 15
        && chrome_patterns().is_match(
            line.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '(' && c != '©'),
        )
    {
        return true;
    }
    words <= 40 && chrome_anywhere().is_match(line)
}

fn is_related_heading(line: &str) -> bool {
    RELATED_HEADINGS.contains(&normalized_key(line).as_str())
}

/// A link in a list of stories: short and without a sentence end.
fn looks_like_link_line(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let ends_sentence = line.trim_end().ends_with(['.', '!', '?', '"', '”', '\'']);
    words <= 20 && !ends_sentence
}

/// Collapses runs of whitespace inside a line to one space; turns
/// no-break and other odd spaces into plain ones; drops control characters.
fn normalize_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    for c in line.chars() {
        let space = c.is_whitespace()
            || c == '\u{200b}'
            || c == '\u{feff}'
            || (c.is_control() && c != '\n');
        if space {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Cleans a body. With `take_headline`, the first line that is not chrome
/// becomes the title and leaves the text (plain-text files) when it looks
/// like a headline (no sentence-final period, at most about 25 words) or is
/// doubled below; otherwise it stays in the text. `known_title`
/// is a title already known (HTML, JSONL), whose repetition in the text is
/// dropped only when `drop_title_repeat` is set. With `verbatim` (JSONL, whose
/// gold offsets count the text as given) the lines kept are kept byte for
/// byte, blank lines and odd characters included; otherwise each line's
/// whitespace is collapsed and paragraphs are joined by one blank line.
pub fn clean_body(
    raw: &str,
    take_headline: bool,
    known_title: Option<&str>,
    drop_title_repeat: bool,
    verbatim: bool,
) -> CleanedBody {
    let mut title: Option<String> = None;
    let mut seen: HashSet<String> = HashSet::new();
    if let (Some(t), true) = (known_title, drop_title_repeat) {
        seen.insert(normalize_line(t));
    }
    let mut paragraphs: Vec<Vec<String>> = vec![Vec::new()];
    let mut in_related_list = false;
    // each line, and the piece of text up to a newline that holds it
    let pieces: Vec<&str> = raw.split_inclusive('\n').collect();
    let (piece_of, lines): (Vec<usize>, Vec<&str>) = pieces
        .iter()
        .enumerate()
        .flat_map(|(k, p)| lines_of(p).map(move |l| (k, l)))
        .unzip();
    let mut dropped = vec![false; pieces.len()];
    let mut headline_open = take_headline;
    for (at, raw_line) in lines.iter().enumerate() {
        let line = normalize_line(raw_line);
        if line.is_empty() {
            if !paragraphs.last().is_some_and(|p| p.is_empty()) {
                paragraphs.push(Vec::new());
            }
            in_related_list = false;
            continue;
        }
        if is_chrome_line(&line) {
            in_related_list |= is_related_heading(&line);
            dropped[piece_of[at]] = true;
            continue;
        }
        if in_related_list && looks_like_link_line(&line) {
            dropped[piece_of[at]] = true;
            continue;
        }
        in_related_list = false;
        if !seen.insert(line.clone()) {
            dropped[piece_of[at]] = true;
            continue; // a doubled headline or subtitle: the first occurrence stays
        }
        if headline_open {
            // only the first line can be the headline, and only if it looks like one
            headline_open = false;
            if looks_like_headline(&line) || repeated_below(&line, &lines[at + 1..]) {
                title = Some(line);
                dropped[piece_of[at]] = true;
                continue;
            }
        }
        paragraphs.last_mut().expect("never empty").push(line);
    }
    let text = if verbatim {
        let kept = pieces.iter().zip(&dropped).filter(|(_, &d)| !d);
        kept.map(|(p, _)| *p).collect()
    } else {
        paragraphs
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| p.join("\n"))
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    let dateline = find_dateline(&text);
    CleanedBody {
        text,
        title,
        dateline,
    }
}

/// The lines of a piece of text that ends at a newline: "\r\n" ends one
/// line, a lone "\r" another.
fn lines_of(piece: &str) -> std::str::Split<'_, char> {
    let line = piece.strip_suffix('\n').unwrap_or(piece);
    line.strip_suffix('\r').unwrap_or(line).split('\r')
}

/// A headline has no sentence-final period and at most about 25 words.
fn looks_like_headline(line: &str) -> bool {
    let end = line.trim_end_matches(['"', '”', '\'', '’', ')']);
    line.split_whitespace().count() <= 25 && !end.ends_with('.')
}

/// Whether the line comes again later, word for word (a doubled headline).
fn repeated_below(line: &str, rest: &[&str]) -> bool {
    rest.iter().any(|r| normalize_line(r) == line)
}

fn dateline_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^(?P<place>\p{Lu}[\p{Lu}\.'’ -]{1,40}?(?:,\s*\p{Lu}[\p{L}\.'’ -]{1,30}?)?)(?:,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})?\s*(?:\((?P<agency>[\p{L}][\p{L}\.&' -]{0,30})\))?\s*(?:--|[-–—:])\s",
        )
        .expect("dateline pattern is valid")
    })
}

/// Recognises a dateline at the head of the body ("NEW DELHI (Reuters) -",
/// "MANILA (Sputnik) —", "KYIV, Ukraine (AP) —"). The place must be in capitals.
fn find_dateline(text: &str) -> Option<DatelineText> {
    let head = &text[..floor_char_boundary(text, text.len().min(160))];
    let caps = dateline_pattern().captures(head)?;
    let place = caps.name("place")?;
    let place_text = place.as_str().trim_end_matches([' ', ',']);
    let first_part = place_text.split(',').next().unwrap_or("");
    let letters: Vec<char> = first_part.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 3 || letters.iter().any(|c| c.is_lowercase()) {
        return None;
    }
    let agency = caps.name("agency").map(|a| a.as_str().trim().to_string());
    Some(DatelineText {
        place: place_text.to_string(),
        place_span: Span::new(place.start(), place.start() + place_text.len()),
        agency,
    })
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_and_comments_lines_are_dropped() {
        let c = clean_body(
            "Share\n\nHeadline here\n\nBody sentence one.\n\ncomments\n",
            true,
            None,
            false,
            false,
        );
        assert_eq!(c.title.as_deref(), Some("Headline here"));
        assert_eq!(c.text, "Body sentence one.");
    }

    #[test]
    fn chrome_rules_each_drop_their_line() {
        for line in [
            "Read more: Why the talks failed",
            "Subscribe now",
            "Advertisement",
            "We use cookies to improve your experience. Accept cookies",
            "Sign up for our daily newsletter",
            "Share on Facebook",
            "Follow us on Twitter",
            "Leave a Reply",
            "Photo: Getty Images",
            "Blinken arrives in New Delhi. REUTERS/Adnan Abidi",
            "(Photo by John Smith/AFP via Getty Images)",
            "Reporting by Jane Doe; Editing by John Roe",
            "12 comments",
            "© 2023 Example News. All rights reserved.",
        ] {
            assert!(is_chrome_line(line), "not chrome: {line}");
        }
    }

    #[test]
    fn sentences_that_mention_chrome_words_stay() {
        for line in [
            "The minister said readers should subscribe to the idea that peace is possible, and many did.",
            "Protesters shared photos of the police on social media as the crowd grew through the afternoon and into the night.",
            "Share prices fell.",
        ] {
            assert!(!is_chrome_line(line), "chrome: {line}");
        }
    }

    #[test]
    fn repeated_headline_is_dropped_first_stays() {
        let c = clean_body(
            "Big news today\n\nSub title\n\nBig news today\n\nBody.",
            true,
            None,
            false,
            false,
        );
        assert_eq!(c.title.as_deref(), Some("Big news today"));
        assert_eq!(c.text, "Sub title\n\nBody.");
    }

    #[test]
    fn related_story_lists_are_dropped() {
        let c = clean_body(
            "Body one.\n\nRelated stories\nTalks stall in Geneva\nMinister resigns over scandal\n\nBody two.",
            false,
            None,
            false,
            false,
        );
        assert_eq!(c.text, "Body one.\n\nBody two.");
    }

    #[test]
    fn whitespace_is_normalized_quotes_and_dashes_kept() {
        let c = clean_body(
            "  He  said:\u{a0}“No  deal” – \tthen left.  ",
            false,
            None,
            false,
            false,
        );
        assert_eq!(c.text, "He said: “No deal” – then left.");
    }

    #[test]
    fn datelines_keep_place_and_agency() {
        let c = clean_body(
            "NEW DELHI (Reuters) - Blinken met Lavrov.",
            false,
            None,
            false,
            false,
        );
        let d = c.dateline.unwrap();
        assert_eq!(d.place, "NEW DELHI");
        assert_eq!(d.agency.as_deref(), Some("Reuters"));
        assert_eq!(d.place_span.slice(&c.text), "NEW DELHI");

        let c = clean_body(
            "MANILA (Sputnik) — The Philippines said.",
            false,
            None,
            false,
            false,
        );
        assert_eq!(c.dateline.unwrap().agency.as_deref(), Some("Sputnik"));

        let c = clean_body(
            "KYIV, Ukraine (AP) — Russia fired missiles.",
            false,
            None,
            false,
            false,
        );
        assert_eq!(c.dateline.unwrap().place, "KYIV, Ukraine");

        let c = clean_body("WASHINGTON — The Senate voted.", false, None, false, false);
        let d = c.dateline.unwrap();
        assert_eq!((d.place.as_str(), d.agency), ("WASHINGTON", None));
    }

    #[test]
    fn ordinary_openings_are_not_datelines() {
        assert!(
            clean_body("The US - and Russia - met.", false, None, false, false)
                .dateline
                .is_none()
        );
        assert!(clean_body("Moscow said no.", false, None, false, false)
            .dateline
            .is_none());
    }

    #[test]
    fn single_line_text_is_unchanged() {
        let t = "Alexandria woman charged. She was arrested Monday.";
        assert_eq!(clean_body(t, false, None, false, false).text, t);
    }
}
