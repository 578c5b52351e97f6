//! Quotes: direct quotes with straight or curly marks (over several
//! sentences, speaker before, after or in the middle) and indirect ones
//! ("X said that …"), each attributed to an actor.

use crate::actors::{Actor, ActorKind};
use crate::mentions::{Mention, MentionKind, Pronoun};
use herald_core::{Doc, Shape, Span};
use herald_kb::words::{
    BE_FORMS, CLAUSE_OPENERS, MONTHS_AND_DAYS, PREPOSITIONS, SPEECH_NOUN_DETERMINERS, SPEECH_VERBS,
};
use herald_nlp::Sex;

#[derive(Debug, Clone)]
pub struct Quote {
    /// The quoted words, without the marks.
    pub span: Span,
    pub speaker: Option<usize>,
    pub direct: bool,
    pub cue: Option<String>,
}

/// A speech verb is written in lower case: "State" in "West Virginia State
/// Police" or "Tell" in a name says nothing, and after a determiner it is a
/// noun ("in another state", "the report").
fn is_speech(doc: &Doc, i: usize) -> bool {
    let t = &doc.tokens[i];
    t.shape == herald_core::Shape::Lower
        && (SPEECH_VERBS.contains(&t.lemma.as_str()) || SPEECH_VERBS.contains(&t.lower.as_str()))
        && !SPEECH_NOUN_DETERMINERS.contains(&doc.lower_before(i))
}

/// Speech verbs that name whom they were said to before what was said
/// ("told reporters that").
const ADDRESSEE_VERBS: [&str; 6] = ["tell", "assure", "inform", "warn", "remind", "brief"];

/// How far after a speech verb the "that" of its reported clause is looked
/// for ("told reporters in Kyiv on Monday that").
const THAT_WITHIN: usize = 8;

/// How many tokens before a quote a speech verb is read as introducing it
/// with its speaker named close by.
const NEAR_SPEECH: usize = 8;

/// Byte spans (content only) of direct quotes.
pub fn direct_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('“', _) => open = Some((i + c.len_utf8(), '”')),
            ('"', None) => open = Some((i + 1, '"')),
            // scraped text mixes the marks (“…," Tory said): either closes a quote
            ('”' | '"', Some((s, _))) => {
                if i > s {
                    out.push(Span::new(s, i));
                }
                open = None;
            }
            ('\n', Some((s, _)))
                if text[i..].starts_with("\n\n")
                    || text[i + 1..]
                        .trim_start_matches([' ', '\t'])
                        .starts_with(['“', '"']) =>
            {
                // a quote runs no further than its paragraph: one that goes on into the
                // next ("…confrontation.\n\"The level…") closes here, and the mark
                // opening the next paragraph opens a new quote
                if i > s {
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
pub fn find_quotes(doc: &Doc, mentions: &[Mention], actors: &[Actor]) -> Vec<Quote> {
    let finder = QuoteFinder {
        doc,
        mentions,
        actors,
        actor_mentions: mentions.iter().filter(|m| m.actor.is_some()).collect(),
        sexes: crate::actors::actor_sexes(doc, mentions, actors),
    };
    let mut quotes: Vec<Quote> = Vec::new();
    let spans = direct_spans(&doc.text);
    let mut tails = closing_attributions(doc, mentions, actors, &spans);
    tails.extend(opening_attributions(doc, mentions, &spans));
    tails.sort_by_key(|q| q.span.start);
    // indirect quotes where no direct quote or closing attribution is
    let mut found: Vec<Quote> = spans
        .iter()
        .map(|&span| Quote {
            span,
            speaker: None,
            direct: true,
            cue: None,
        })
        .chain(tails.iter().cloned())
        .collect();
    let before_indirect = found.len();
    finder.add_indirect_quotes(&mut found);
    let indirect = found.split_off(before_indirect);
    // who was quoted last before a direct quote: in a closing attribution or an indirect quote
    let mut reported: Vec<Quote> = tails.iter().chain(&indirect).cloned().collect();
    reported.sort_by_key(|q| q.span.start);
    for &span in &spans {
        let quote = finder.direct_quote(span, &quotes, &reported);
        quotes.push(quote);
    }
    quotes.extend(tails);
    quotes.extend(indirect);
    quotes.sort_by_key(|q| q.span.start);
    quotes
}

/// The layers a quote's speaker is read from.
struct QuoteFinder<'a> {
    doc: &'a Doc,
    mentions: &'a [Mention],
    actors: &'a [Actor],
    /// The mentions that name an actor, in text order.
    actor_mentions: Vec<&'a Mention>,
    /// Each actor's sex, where the text tells it.
    sexes: Vec<Option<Sex>>,
}

/// Where a direct quote stands, in tokens.
struct QuoteSite {
    span: Span,
    /// The first token inside the quote.
    first: usize,
    /// The last token inside the quote.
    last: usize,
    /// The sentence holding the quote's last token.
    sentence: usize,
    /// That sentence's first token.
    sentence_start: usize,
}

/// A speech verb found beside a quote, with the speaker it gives (if any).
struct Said {
    speaker: Option<usize>,
    cue: String,
}

impl<'a> QuoteFinder<'a> {
    /// Actor mentions around token `i`: a binary search on text order, then
    /// a small window.
    fn near(&self, i: usize, before: usize, after: usize) -> &[&'a Mention] {
        let lo = self
            .actor_mentions
            .partition_point(|m| m.tokens.end + before < i);
        let hi = self
            .actor_mentions
            .partition_point(|m| m.tokens.start <= i + after);
        &self.actor_mentions[lo..hi.max(lo)]
    }

    /// The token holding (or first after) byte `byte`.
    fn token_at(&self, byte: usize) -> usize {
        self.doc.tokens.partition_point(|t| t.span.end <= byte)
    }

    fn site(&self, span: Span) -> QuoteSite {
        let doc = self.doc;
        let first = self.token_at(span.start);
        let last = self.token_at(span.end).saturating_sub(1); // last token inside
        let sentence = doc.sentence_of(last.min(doc.tokens.len().saturating_sub(1)));
        let sentence_start = doc.sentences.get(sentence).map_or(0, |s| s.tokens.start);
        QuoteSite {
            span,
            first,
            last,
            sentence,
            sentence_start,
        }
    }

    /// The direct quote at `span` and its speaker; `quotes` are the direct
    /// quotes before it, `reported` the closing attributions and indirect
    /// quotes of the text, in text order.
    fn direct_quote(&self, span: Span, quotes: &[Quote], reported: &[Quote]) -> Quote {
        let site = self.site(span);
        let mut speaker = None;
        let mut cue = None;
        // a speech verb after the quote, inside it between dashes, else before it;
        // a later place is read only while no speaker is found, and its verb is the cue
        let places: [fn(&Self, &QuoteSite) -> Option<Said>; 3] = [
            Self::said_after,
            Self::said_between_dashes,
            Self::said_before,
        ];
        for said_at in places {
            if speaker.is_some() {
                break;
            }
            if let Some(said) = said_at(self, &site) {
                speaker = said.speaker;
                cue = Some(said.cue);
            }
        }
        if speaker.is_none() {
            speaker = self.clause_subject(&site);
        }
        // "According to the ministry, the talks were “constructive”."
        if speaker.is_none() {
            if let Some((_, a)) = according_to_opening(self.doc, self.mentions, site.sentence)
                .filter(|&(comma, _)| comma < site.first)
            {
                speaker = Some(a);
                cue = Some("according to".to_string());
            }
        }
        // A quote opening the sentence after one that says someone spoke is
        // theirs; a paragraph-initial quote with no speaker continues the previous one.
        if speaker.is_none() {
            speaker = self
                .introduced_before(&site, quotes)
                .or_else(|| quotes.last().and_then(|q| q.speaker));
        }
        if let Some(person) = self.pronoun_continues(span, quotes, reported) {
            speaker = Some(person);
        }
        Quote {
            span,
            speaker,
            direct: true,
            cue,
        }
    }

    /// "The victim's sister, Mary Jones, spoke outside the court. “Hearing
    /// the details …”": a quote that opens its sentence right after a
    /// sentence holding no quote in which someone speaks is that person's
    /// (named beside the verb, else the first person of that sentence not
    /// under a preposition).
    fn introduced_before(&self, site: &QuoteSite, quotes: &[Quote]) -> Option<usize> {
        let doc = self.doc;
        let s = doc.sentence_of(site.first.min(doc.tokens.len().checked_sub(1)?));
        if site.first > doc.sentences[s].tokens.start + 1 {
            return None;
        }
        let before = doc.sentences.get(s.checked_sub(1)?)?;
        if quotes.iter().any(|q| q.span.overlaps(before.span)) {
            return None;
        }
        let range = before.tokens.clone();
        let spoke = |v: &usize| {
            let t = &doc.tokens[*v];
            is_speech(doc, *v) || (t.lemma == "speak" && t.shape == herald_core::Shape::Lower)
        };
        let v = range.clone().find(spoke)?;
        speaker_beside(doc, self.mentions, self.actors, v, range.start).or_else(|| {
            self.near(v, v - range.start, 0)
                .iter()
                .filter(|m| m.tokens.start >= range.start && m.tokens.end <= v)
                .filter(|m| !PREPOSITIONS.contains(&doc.lower_before(m.tokens.start)))
                .filter_map(|m| m.actor)
                .find(|&a| self.actors[a].kind == ActorKind::Person)
        })
    }

    /// After the quote: “…,” Blinken said / “…,” said Blinken. Not after a
    /// quote that ends its sentence (“… fully.” The union said …): the
    /// words after it are a sentence of their own.
    fn said_after(&self, site: &QuoteSite) -> Option<Said> {
        let doc = self.doc;
        if doc.text[site.span.start..site.span.end]
            .trim_end()
            .ends_with('.')
        {
            return None;
        }
        let after_start = self.token_at(site.span.end) + 1;
        for v in after_start..(after_start + 9).min(doc.tokens.len()) {
            if is_speech(doc, v) {
                // not a name inside the quote, nor whom the speaker told
                // ("“…,” the pontiff told pilgrims")
                let told = doc.tokens[v].lemma == "tell";
                let outside: Vec<&Mention> = self
                    .near(v, 10, 6)
                    .iter()
                    .copied()
                    .filter(|m| m.tokens.start > site.last && !(told && m.tokens.start > v))
                    .collect();
                let speaker = speaker_beside(doc, self.mentions, self.actors, v, after_start)
                    .or_else(|| nearest_actor(&outside, v, 9));
                let cue = doc.tokens[v].lower.clone();
                return Some(Said { speaker, cue });
            }
            if matches!(doc.tokens[v].lower.as_str(), "." | "“" | "\"") {
                break;
            }
        }
        None
    }

    /// Inside, between dashes: “Putin – added the secretary of state – has …”.
    fn said_between_dashes(&self, site: &QuoteSite) -> Option<Said> {
        let doc = self.doc;
        for v in site.first..site.last {
            if is_speech(doc, v) && v > 0 && matches!(doc.token_text(v - 1), "–" | "—" | "-" | ",")
            {
                if let Some(m) = self
                    .near(v, 0, 3)
                    .iter()
                    .find(|m| m.tokens.start > v && m.tokens.start <= v + 3)
                {
                    let cue = doc.tokens[v].lower.clone();
                    return Some(Said {
                        speaker: m.actor,
                        cue,
                    });
                }
            }
        }
        None
    }

    /// Before, in the quote's sentence: Blinken said: “…” / Blinken told
    /// reporters “…” / The ministry said in a statement on its website that
    /// the action was “…”. A speech verb far before the quote is said by the
    /// clause's subject, not by whoever is named near the verb.
    fn said_before(&self, site: &QuoteSite) -> Option<Said> {
        let (doc, first) = (self.doc, site.first);
        if first == 0 {
            return None;
        }
        let from = site.sentence_start;
        let v = (from..first).rev().find(|&v| is_speech(doc, v))?;
        let far = first - v > NEAR_SPEECH;
        // "sentenced him to life, describing the crime as “…”": the clause's subject speaks
        let participle = doc.tokens[v].lower.ends_with("ing") && doc.lower_before(v) == ",";
        let speaker = speaker_beside(doc, self.mentions, self.actors, v, from).or_else(|| {
            if far || participle {
                self.clause_subject(site)
            } else {
                // a name inside the quote ("said a “man was pointing …”") does not
                // say it, nor where the speaker spoke, nor whom they told
                let near = self.near(v, 7, 7);
                let outside = &near[..near.partition_point(|m| m.tokens.end <= first)];
                let told = doc.tokens[v].lemma == "tell";
                let candidates: Vec<&Mention> = outside
                    .iter()
                    .copied()
                    .filter(|m| {
                        let addressee = told && m.tokens.start > v;
                        !(m.names_a_location(doc) || addressee)
                    })
                    .collect();
                nearest_actor(&candidates, v, 6)
            }
        });
        let cue = doc.tokens[v].lower.clone();
        Some(Said { speaker, cue })
    }

    /// The subject of the clause the quote stands in: “X defined it as ‘…’”,
    /// “X told reporters Y had lied, calling it ‘…’”: the first actor mention
    /// of its sentence before the quote that no preposition or article
    /// governs and that possesses nothing (“Paterson’s legs”).
    fn clause_subject(&self, site: &QuoteSite) -> Option<usize> {
        let (doc, first) = (self.doc, site.first);
        let possessor = |m: &Mention| {
            doc.tokens
                .get(m.tokens.end)
                .is_some_and(|t| t.is_possessive())
        };
        self.near(first, first.saturating_sub(site.sentence_start), 0)
            .iter()
            // a town (a dateline's "DETROIT") is where, not who
            .filter(|m| {
                m.sentence == site.sentence
                    && m.tokens.end <= first
                    && !possessor(m)
                    && m.kind != MentionKind::Place
            })
            .find(|m| {
                let prev = doc.lower_before(m.tokens.start);
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
                        // whom the speaker told
                        | "told"
                        | "tell"
                        | "tells"
                )
            })
            .and_then(|m| m.actor)
    }

    /// "…," he said: in a run of quotes, "he" or "she" is the person quoted
    /// last, in a quote, a closing attribution ("…, Baylous said.") or an
    /// indirect quote ("Wilson told reporters that …"), unless the sentence
    /// before brings in another of that sex as its subject ("Netanyahu was
    /// skeptical. “…,” he said") or the one quoted last is of the other sex.
    fn pronoun_continues(&self, span: Span, quotes: &[Quote], reported: &[Quote]) -> Option<usize> {
        let last_tail = reported[..reported.partition_point(|t| t.span.end <= span.start)].last();
        let prev = match (quotes.last(), last_tail) {
            (Some(q), Some(t)) => Some(if t.span.start > q.span.start { t } else { q }),
            (q, t) => q.or(t),
        }?;
        let pronoun = pronoun_speaking(self.doc, self.mentions, span)?;
        let sex = crate::actors::pronoun_sex(&self.doc.tokens[pronoun.tokens.start].lower);
        let last = prev
            .speaker
            .filter(|&a| self.actors[a].kind == ActorKind::Person);
        if let Some(a) = self.subject_brought_in_before(pronoun.sentence, sex, quotes) {
            return Some(a);
        }
        match last {
            Some(a) if !crate::actors::sexes_agree(sex, self.sexes[a]) => pronoun.actor,
            _ => last,
        }
    }

    /// The person that sentence `s - 1`, holding no direct quote, opens
    /// with as the subject of an active verb, when the text tells that they
    /// are of sex `sex` ("But Israeli Prime Minister Benjamin Netanyahu was
    /// skeptical.").
    fn subject_brought_in_before(
        &self,
        s: usize,
        sex: Option<Sex>,
        quotes: &[Quote],
    ) -> Option<usize> {
        let doc = self.doc;
        let before = doc.sentences.get(s.checked_sub(1)?)?;
        if quotes.iter().any(|q| q.span.overlaps(before.span)) {
            return None;
        }
        let start = before.tokens.start;
        let m = starting_in(self.mentions, start, before.tokens.end)
            .iter()
            .find(|m| m.actor.is_some())
            .filter(|m| m.tokens.start <= start + 2 && !matches!(m.kind, MentionKind::Pronoun(_)))
            .filter(|m| !PREPOSITIONS.contains(&doc.lower_before(m.tokens.start)))?;
        let a = m
            .actor
            .filter(|&a| self.actors[a].kind == ActorKind::Person)?;
        if sex.is_none() || self.sexes[a] != sex {
            return None;
        }
        // "Jones was arrested": a passive says nothing of who speaks next
        let passive = doc.tokens.get(m.tokens.end).is_some_and(|be| {
            BE_FORMS.contains(&be.lower.as_str())
                && doc
                    .tokens
                    .get(m.tokens.end + 1)
                    .is_some_and(|p| p.shape == Shape::Lower && p.lemma != p.lower)
        });
        (!passive).then_some(a)
    }

    /// Indirect quotes: X said (that) …, to the end of the sentence, where no
    /// quote found before overlaps them.
    fn add_indirect_quotes(&self, quotes: &mut Vec<Quote>) {
        for s in &self.doc.sentences {
            for v in s.tokens.clone() {
                let Some(quote) = self.indirect_at(v, s.tokens.end) else {
                    continue;
                };
                if quotes.iter().any(|q| q.span.overlaps(quote.span)) {
                    continue;
                }
                quotes.push(quote);
            }
        }
    }

    /// The "that" opening the reported clause of speech verb `v`: right
    /// after it, or after whom it was told or when and where it was said
    /// ("told reporters in Kyiv that", "said on Monday that", "said in a
    /// statement that"): within [`THAT_WITHIN`] words and no comma.
    fn that_after_speech(&self, v: usize, sentence_end: usize) -> Option<usize> {
        let doc = self.doc;
        let next = doc.tokens.get(v + 1)?.lower.as_str();
        if next == "that" {
            return Some(v + 1);
        }
        // "said the company that owns the plant": a noun right after "said" is what was said
        let told = ADDRESSEE_VERBS.contains(&doc.tokens[v].lemma.as_str());
        // "said Tuesday that": the day it was said
        let day = MONTHS_AND_DAYS.contains(&next);
        if !told
            && !day
            && !matches!(
                next,
                "on" | "in" | "at" | "to" | "during" | "after" | "late" | "early"
            )
        {
            return None;
        }
        (v + 2..sentence_end.min(v + 2 + THAT_WITHIN))
            .take_while(|&i| !matches!(doc.tokens[i].lower.as_str(), "," | ";" | ":" | "“" | "\""))
            .find(|&i| doc.tokens[i].lower == "that")
    }

    /// Where the one told ends, after a verb of telling at `v` ("told
    /// reporters", "told him"): the end of the actor mention or personal
    /// pronoun right after it; none for other verbs.
    fn addressee_end(&self, v: usize) -> Option<usize> {
        let doc = self.doc;
        if !ADDRESSEE_VERBS.contains(&doc.tokens[v].lemma.as_str()) {
            return None;
        }
        let next = doc.tokens.get(v + 1)?;
        if crate::mentions::is_object_pronoun(&next.lower) {
            return Some(v + 2);
        }
        // not a possessive: "told their work would be monitored"; "told the council"
        let at = if matches!(next.lower.as_str(), "the" | "a" | "an") {
            v + 2
        } else {
            v + 1
        };
        self.near(at, 0, 0)
            .iter()
            .find(|m| m.tokens.start == at && !matches!(m.kind, MentionKind::Pronoun(_)))
            .map(|m| m.tokens.end)
    }

    /// "Zelenskiy, speaking in his nightly address, said …": the mention
    /// that ends right before an aside set off by commas just before the
    /// speech verb `v` (at most twelve words, no verb of speech in it).
    fn subject_before_aside(&self, v: usize) -> Option<&'a Mention> {
        let doc = self.doc;
        if v == 0 || doc.tokens[v - 1].lower != "," {
            return None;
        }
        let start = doc.sentences[doc.sentence_of(v)].tokens.start;
        let open = (start.max(v.saturating_sub(13))..v - 1)
            .rev()
            .find(|&i| doc.tokens[i].lower == ",")?;
        if (open + 1..v - 1).any(|i| is_speech(doc, i)) {
            return None;
        }
        self.near(open, 4, 0)
            .iter()
            .rev()
            .find(|m| m.tokens.end == open && m.actor.is_some())
            .copied()
    }

    /// The indirect quote whose speech verb is token `v` (its sentence ending
    /// before token `sentence_end`), said by the actor mentioned just before it.
    fn indirect_at(&self, v: usize, sentence_end: usize) -> Option<Quote> {
        let doc = self.doc;
        if !is_speech(doc, v) {
            return None;
        }
        // "His remarks came …", "the statement said": a noun, not a verb of
        // speech; "date of alleged offense": an adjective
        let before = doc.lower_before(v);
        if matches!(
            before,
            "his" | "her" | "their" | "its" | "our" | "my" | "your" | "the" | "a" | "an"
        ) || before != "to" && PREPOSITIONS.contains(&before)
        {
            return None;
        }
        // '"…," said Jane Doe, a trader': after a closing quote mark the
        // words that follow the verb say who spoke, not what was said
        let closes_a_quote = |i: usize| matches!(doc.tokens[i].lower.as_str(), "”" | "\"");
        let after_mark = v >= 1 && closes_a_quote(v - 1)
            || v >= 2 && doc.tokens[v - 1].lower == "," && closes_a_quote(v - 2);
        if after_mark {
            return None;
        }
        let subject = self
            .near(v, 4, 0)
            .iter()
            .rev()
            .find(|m| {
                m.tokens.end <= v && m.tokens.end + 3 >= v && m.sentence == doc.sentence_of(v)
            })
            .copied()
            .or_else(|| self.subject_before_aside(v))?;
        let mut start = v + 1;
        if let Some(that) = self.that_after_speech(v, sentence_end) {
            start = that + 1;
        } else if herald_kb::words::SPEECH_NEEDING_THAT.contains(&doc.tokens[v].lemma.as_str()) {
            // "described him as a hero", "continued their strike"
            return None;
        } else if ADDRESSEE_VERBS.contains(&doc.tokens[v].lemma.as_str()) {
            // "told a news conference in Moscow": with no one told the coder
            // knows, what follows is whom it was told, not what
            let told_to = self.addressee_end(v)?;
            // "told reporters the talks had failed"; "told reporters in Kyiv." says nothing
            let next = doc.tokens.get(told_to).map_or(".", |t| t.lower.as_str());
            if PREPOSITIONS.contains(&next) || matches!(next, "." | ";" | ":" | "?" | "“" | "\"")
            {
                return None;
            }
            // "I tell you, it is never the final move"
            start = if next == "," { told_to + 1 } else { told_to };
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
                    | "not"
            )
        }) {
            // "said on Monday", "said: “…”": no reported clause follows
            return None;
        }
        let mut end = sentence_end;
        while end > start && matches!(doc.tokens[end - 1].lower.as_str(), "." | "”" | "\"") {
            end -= 1;
        }
        if end < start + 3 {
            return None;
        }
        Some(Quote {
            span: Span::new(doc.tokens[start].span.start, doc.tokens[end - 1].span.end),
            speaker: subject.actor,
            direct: false,
            cue: Some(doc.tokens[v].lower.clone()),
        })
    }
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

/// The speaker written right beside the speech verb at `verb`: the mention
/// ending just before it ("Logan said"), else the one starting just after it
/// ("said Logan", "said the minister"), else a bare name that is a word of a
/// person actor's name ("Kaseke said" after "Karikoga Kaseke"). Nothing
/// before `floor` (the quote's end, or the sentence start) is read.
fn speaker_beside(
    doc: &Doc,
    mentions: &[Mention],
    actors: &[Actor],
    verb: usize,
    floor: usize,
) -> Option<usize> {
    // a town's name in a speaker's place is a person's name ("said Logan")
    let speaker_of = |m: &Mention| -> Option<usize> {
        if m.kind == MentionKind::Place {
            person_named(actors, mentions, m.text(doc), m.tokens.start)
        } else {
            m.actor
        }
    };
    let before = starting_in(mentions, verb.saturating_sub(12), verb)
        .iter()
        .rev()
        .find(|m| {
            // "officials in Seoul said": where the speaker is may stand between
            let placed_between = m.tokens.end + 1 < verb
                && matches!(
                    doc.tokens[m.tokens.end].lower.as_str(),
                    "in" | "from" | "at"
                )
                && starting_in(mentions, m.tokens.end + 1, m.tokens.end + 2)
                    .iter()
                    .any(|x| {
                        x.tokens.end == verb
                            && matches!(x.kind, MentionKind::Place | MentionKind::State)
                    });
            m.actor.is_some()
                && m.tokens.end <= verb
                && (m.tokens.end + 1 >= verb || placed_between)
                && m.tokens.start >= floor
                // "Lavrov, speaking in Delhi, added:": where someone speaks says nothing
                && !m.names_a_location(doc)
        });
    if let Some(m) = before {
        return speaker_of(m);
    }
    // "said Montreal Mayor Denis Coderre": the last name of the run after the
    // verb; after "told" it is whom the speaker told ("told reporters")
    let told = doc.tokens[verb].lemma == "tell";
    let mut after = None;
    let mut next = verb + 1;
    // a pronoun there is what was spoken of ("describing it as")
    for m in starting_in(mentions, verb + 1, verb + 24)
        .iter()
        .filter(|m| m.actor.is_some() && !told && !matches!(m.kind, MentionKind::Pronoun(_)))
    {
        let gap_ok = (next..m.tokens.start)
            .all(|i| matches!(doc.tokens[i].lower.as_str(), "the" | "a" | "an"));
        if m.tokens.start > verb + 3 && after.is_none() || !gap_ok {
            break;
        }
        after = Some(m);
        next = m.tokens.end;
    }
    if let Some(m) = after {
        return speaker_of(m);
    }
    let bare = |i: usize| -> Option<usize> {
        let t = doc.tokens.get(i)?;
        if t.shape != herald_core::Shape::Capitalized
            || starting_in(mentions, i.saturating_sub(12), i + 1)
                .iter()
                .any(|m| m.tokens.contains(&i))
        {
            return None;
        }
        person_named(actors, mentions, doc.token_text(i), i)
    };
    verb.checked_sub(1)
        .filter(|&i| i >= floor)
        .and_then(bare)
        .or_else(|| bare(verb + 1))
}

/// The mentions (in text order) that start at tokens `from..to`.
fn starting_in(mentions: &[Mention], from: usize, to: usize) -> &[Mention] {
    &mentions[crate::mentions::starting_within(mentions, from..to)]
}

/// The index of the item whose span holds `at`, among items in text order
/// whose spans do not overlap (quotes, quote spans): a binary search.
pub fn span_holding<T>(items: &[T], span_of: impl Fn(&T) -> Span, at: Span) -> Option<usize> {
    let i = items.partition_point(|x| span_of(x).start <= at.start);
    let k = i.checked_sub(1)?;
    (at.end <= span_of(&items[k]).end).then_some(k)
}

/// How many mentions back a bare name looks for the person it names.
const NAME_LOOKBACK: usize = 400;

/// The person actor, mentioned before token `at`, one of whose name words is `word`.
fn person_named(actors: &[Actor], mentions: &[Mention], word: &str, at: usize) -> Option<usize> {
    let end = mentions.partition_point(|m| m.tokens.start < at);
    mentions[end.saturating_sub(NAME_LOOKBACK)..end]
        .iter()
        .rev()
        .filter(|m| m.tokens.end <= at && !matches!(m.kind, MentionKind::Pronoun(_)))
        .filter_map(|m| m.actor)
        .find(|&a| {
            actors[a].kind == ActorKind::Person
                && actors[a].name.split_whitespace().any(|w| w == word)
        })
}

/// The singular third-person pronoun that speaks the quote at `span`
/// ("…," he said / he said: "…").
fn pronoun_speaking<'m>(doc: &Doc, mentions: &'m [Mention], span: Span) -> Option<&'m Mention> {
    let token_at = |byte: usize| doc.tokens.partition_point(|t| t.span.end <= byte);
    let (first, after) = (token_at(span.start), token_at(span.end) + 1);
    let speaks =
        |m: &Mention| doc.tokens.get(m.tokens.end).is_some() && is_speech(doc, m.tokens.end);
    // within the quote's own sentences: "… “for as long as it takes.” He
    // added: …" is the next sentence's speaker, not this quote's
    let last = after
        .saturating_sub(2)
        .min(doc.tokens.len().saturating_sub(1));
    let (opening, closing) = (doc.sentence_of(first), doc.sentence_of(last));
    starting_in(mentions, first.saturating_sub(4), after + 3)
        .iter()
        .find(|m| {
            let follows = m.tokens.start >= after && m.tokens.start <= after + 2;
            let leads = m.tokens.end + 3 >= first && m.tokens.end < first;
            m.kind == MentionKind::Pronoun(Pronoun::Singular)
                && (follows && m.sentence == closing || leads && m.sentence == opening)
                && speaks(m)
        })
}

/// Where a sentence ending before token `end` ends without its final
/// full stops or exclamation marks (never before token `floor`).
fn before_final_stops(doc: &Doc, floor: usize, mut end: usize) -> usize {
    while end > floor && matches!(doc.tokens[end - 1].lower.as_str(), "." | "!") {
        end -= 1;
    }
    end
}

/// Whether a direct quote (`direct`, in text order) overlaps `span`.
fn holds_a_direct_quote(direct: &[Span], span: Span) -> bool {
    let d = direct.partition_point(|d| d.end <= span.start);
    direct.get(d).is_some_and(|d| d.overlaps(span))
}

/// Indirect quotes attributed at the end of their sentence: "The truck pulled
/// up, Lt. Michael Baylous said." / "…, said the minister." / "…, according
/// to police." / "…, an official said, after the leaders met." The words
/// before the comma are the quote.
fn closing_attributions(
    doc: &Doc,
    mentions: &[Mention],
    actors: &[Actor],
    direct: &[Span],
) -> Vec<Quote> {
    let mut out = Vec::new();
    for s in &doc.sentences {
        if holds_a_direct_quote(direct, s.span) {
            continue;
        }
        let end = before_final_stops(doc, s.tokens.start, s.tokens.end);
        // the last comma of the sentence, at most eight words from its end
        let comma_before = |end: usize| {
            (end.saturating_sub(9).max(s.tokens.start)..end)
                .rev()
                .find(|&i| doc.tokens[i].lower == ",")
                .filter(|&c| c >= s.tokens.start + 3)
        };
        let Some(last) = (s.tokens.start + 3..end)
            .rev()
            .find(|&i| doc.tokens[i].lower == ",")
        else {
            continue;
        };
        let near_the_end = comma_before(end) == Some(last);
        let closing = near_the_end
            .then(|| attribution_between(doc, mentions, actors, last, end))
            .flatten();
        let found = closing.or_else(|| {
            // "…, an official said, after Biden met Xi": the attribution
            // ends at a comma that opens a clause of its own
            let opens_a_clause = doc.tokens.get(last + 1).is_some_and(|t| {
                CLAUSE_OPENERS.contains(&t.lower.as_str()) || t.lower.ends_with("ing")
            });
            let comma = comma_before(last).filter(|_| opens_a_clause)?;
            attribution_between(doc, mentions, actors, comma, last)
        });
        let Some((comma, speaker, cue)) = found else {
            continue;
        };
        let span = Span::new(
            doc.tokens[s.tokens.start].span.start,
            doc.tokens[comma - 1].span.end,
        );
        out.push(Quote {
            span,
            speaker: Some(speaker),
            direct: false,
            cue: Some(cue),
        });
    }
    out
}

/// The attribution that the words from `comma` to `end` are, if they are
/// one: the comma, the speaker and the cue ("said", "according to").
fn attribution_between(
    doc: &Doc,
    mentions: &[Mention],
    actors: &[Actor],
    comma: usize,
    end: usize,
) -> Option<(usize, usize, String)> {
    let tail = comma + 1..end;
    let (speaker, cue) = if crate::mentions::according_to_at(doc, comma + 1) {
        let m = starting_in(mentions, comma + 3, end)
            .iter()
            .find(|m| m.actor.is_some() && m.tokens.end <= end);
        (m.and_then(|m| m.actor), "according to".to_string())
    } else {
        let v = tail.clone().find(|&v| is_speech(doc, v))?;
        // nothing but the speaker and the verb after the comma ("a
        // police report said": the last word of speech ends it)
        let last = tail.clone().rev().find(|&i| is_speech(doc, i)).unwrap_or(v);
        if tail.clone().any(|i| doc.tokens[i].lower == "that")
            || !ends_with_the_speaker(doc, mentions, last, end)
        {
            return None;
        }
        (
            speaker_beside(doc, mentions, actors, v, comma + 1),
            doc.tokens[last].lower.clone(),
        )
    };
    Some((comma, speaker?, cue))
}

/// Whether the words after speech verb `v`, up to `end`, are at most the
/// speaker and when or where they spoke ("…, said the minister on
/// Monday."): "…, said Russia had launched 40 drones" goes on to what was
/// said, so it attributes nothing before the comma.
fn ends_with_the_speaker(doc: &Doc, mentions: &[Mention], v: usize, end: usize) -> bool {
    let rest_is_setting = |k: usize| {
        k >= end
            || doc.tokens[k].lower == ","
            || PREPOSITIONS.contains(&doc.tokens[k].lower.as_str())
    };
    match starting_in(mentions, v + 1, (v + 4).min(end)).first() {
        Some(m) => rest_is_setting(m.tokens.end),
        None => rest_is_setting(v + 1),
    }
}

/// The comma ending the attribution that opens sentence `si` ("According
/// to Amnesty International, …") and the actor it names.
fn according_to_opening(doc: &Doc, mentions: &[Mention], si: usize) -> Option<(usize, usize)> {
    let s = doc.sentences.get(si)?;
    let first = s.tokens.start;
    if !crate::mentions::according_to_at(doc, first) {
        return None;
    }
    let comma = (first + 3..s.tokens.end.min(first + 12)).find(|&i| doc.tokens[i].lower == ",")?;
    // a town says nothing: "According to Conrad" is a person of that name
    let speaker = starting_in(mentions, first + 2, comma)
        .iter()
        .find(|m| m.actor.is_some() && m.tokens.end <= comma && m.kind != MentionKind::Place)
        .and_then(|m| m.actor)?;
    Some((comma, speaker))
}

/// Indirect quotes attributed as their sentence opens: "According to
/// Amnesty International, at least 40 people were killed." The words after
/// the first comma are the quote, said by the first actor before it.
fn opening_attributions(doc: &Doc, mentions: &[Mention], direct: &[Span]) -> Vec<Quote> {
    let mut out = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        if holds_a_direct_quote(direct, s.span) {
            continue;
        }
        let Some((comma, speaker)) = according_to_opening(doc, mentions, si) else {
            continue;
        };
        let end = before_final_stops(doc, comma + 1, s.tokens.end);
        if end < comma + 4 {
            continue;
        }
        out.push(Quote {
            span: Span::new(
                doc.tokens[comma + 1].span.start,
                doc.tokens[end - 1].span.end,
            ),
            speaker: Some(speaker),
            direct: false,
            cue: Some("according to".to_string()),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::testing;

    /// Each quote of a story as "text | speaker's name | kind | cue" ("-" for none).
    fn quotes(text: &str) -> Vec<String> {
        let r = testing::record(text);
        let name = |id: &String| r.actors.iter().find(|a| &a.id == id).unwrap().name.clone();
        r.quotes
            .iter()
            .map(|q| {
                let speaker = q.speaker.as_ref().map_or("-".into(), name);
                let cue = q.cue.as_deref().unwrap_or("-");
                format!("{} | {speaker} | {} | {cue}", q.text, q.kind)
            })
            .collect()
    }

    /// The speaker's name of each quote of a story.
    fn speakers(text: &str) -> Vec<String> {
        quotes(text)
            .iter()
            .map(|q| q.split(" | ").nth(1).unwrap_or("-").to_string())
            .collect()
    }

    #[test]
    fn he_said_in_the_next_sentence_or_the_one_before_says_no_quote_of_this_one() {
        // "He added" opens the next sentence: the quote ending this one is
        // the clause subject's, not the one quoted last
        assert_eq!(
            speakers(
                "Russian spokesman Igor Konashenkov told reporters the offensive continued. \
                 NATO Secretary General Jens Stoltenberg said the alliance would stand with \
                 Kyiv \u{201c}for as long as it takes.\u{201d} He added: \u{201c}Russia must not \
                 win this war.\u{201d}"
            ),
            ["Igor Konashenkov", "Jens Stoltenberg", "Jens Stoltenberg"]
        );
        // "he said" closing the sentence before does not speak the next quote
        assert_eq!(
            speakers(
                "\u{201c}We will act,\u{201d} Keir Starmer said. The talks would go on, he \
                 said. \u{201c}We are not finished,\u{201d} David Lammy said."
            )
            .last()
            .map(String::as_str),
            Some("David Lammy")
        );
    }

    #[test]
    fn a_participle_of_speech_after_a_comma_is_said_by_the_clause_subject() {
        assert_eq!(
            quotes(
                "The French historian Bernard Vincent told AFP the minister had copied his book, describing it as \u{201c}scandalous\u{201d}."
            ),
            ["scandalous | Bernard Vincent | direct | describing"]
        );
        // a dateline's town is where the story was filed, not who spoke
        assert_eq!(
            quotes(
                "DETROIT The Transportation Department on Wednesday issued guidelines for carmakers, asking them to build a \u{201c}driver mode\u{201d} into phones."
            ),
            ["driver mode | Transportation Department | direct | asking"]
        );
    }

    #[test]
    fn the_words_after_said_that_follows_a_quote_name_its_speaker_not_what_was_said() {
        assert_eq!(
            quotes("\u{201c}We are tired of this government,\u{201d} said Jane Wanjiru, a 34-year-old trader."),
            ["We are tired of this government, | Jane Wanjiru | direct | said"]
        );
        assert_eq!(
            quotes("\"We are tired of this government,\" said Jane Wanjiru, a trader in Nairobi."),
            ["We are tired of this government, | Jane Wanjiru | direct | said"]
        );
    }

    #[test]
    fn a_verb_of_speech_with_an_object_reports_no_clause() {
        for text in [
            "Angela Merkel described the Russian president as a danger to Europe.",
            "The French president declared a state of emergency in Paris.",
            "Protesters in Algiers continued their hunger strike on Monday.",
            "Date of alleged offense, Nov. 23, 2008, in Columbus, Ohio.",
        ] {
            assert!(quotes(text).is_empty(), "{text}: {:?}", quotes(text));
        }
        // "said Tuesday that": the clause opens after "that"
        assert_eq!(
            quotes("The Bush administration declared Tuesday that China must drop its barriers to exports."),
            ["China must drop its barriers to exports | Bush administration | indirect | declared"]
        );
    }

    #[test]
    fn the_speaker_named_after_the_quote() {
        assert_eq!(
            quotes("“We will not back down,” Angela Merkel said on Tuesday."),
            ["We will not back down, | Angela Merkel | direct | said"]
        );
    }

    #[test]
    fn what_follows_a_noun_of_speech_or_whom_it_was_told_was_not_said() {
        // "remarks" is a noun here; "a news conference" is whom Lavrov told
        let text = "Sergei Lavrov told a news conference in Moscow. His remarks came a day after Antony Blinken visited Kyiv.";
        assert_eq!(quotes(text), Vec::<String>::new());
    }

    #[test]
    fn a_speaker_set_off_by_an_aside_says_the_clause_after_the_verb() {
        assert_eq!(
            quotes("Volodymyr Zelensky, speaking in his nightly video address, said Russia had launched 40 drones overnight."),
            ["Russia had launched 40 drones overnight | Volodymyr Zelensky | indirect | said"]
        );
    }

    #[test]
    fn an_attribution_closing_the_sentence_ends_with_its_speaker() {
        assert_eq!(
            quotes("The body of a man was found in the river on Saturday, a police report said."),
            ["The body of a man was found in the river on Saturday | police | indirect | said"]
        );
    }

    #[test]
    fn where_the_speaker_is_may_stand_between_them_and_the_verb() {
        assert_eq!(
            quotes("South Korea and Japan agreed to resume military talks, officials in Seoul said."),
            ["South Korea and Japan agreed to resume military talks | officials | indirect | said"]
        );
    }

    #[test]
    fn the_speaker_named_before_the_quote() {
        assert_eq!(
            quotes("Angela Merkel said: “We will not back down.”"),
            ["We will not back down. | Angela Merkel | direct | said"]
        );
    }

    #[test]
    fn whom_the_speaker_told_and_where_they_spoke_do_not_speak() {
        let told = quotes("Peskov told reporters: “We will not back down.”");
        assert!(!told[0].contains("| reporters |"), "{told:?}");
        let placed = quotes("Angela Merkel, speaking in Paris, said: “We will not back down.”");
        assert_eq!(
            placed,
            ["We will not back down. | Angela Merkel | direct | said"]
        );
    }

    #[test]
    fn a_name_inside_the_quote_or_told_after_it_does_not_say_it() {
        let q =
            quotes("“The president stressed the need to protect civilians,” the statement said.");
        assert!(!q[0].contains("| civilians |"), "{q:?}");
        let q = quotes(
            "“May the weapons fall silent,” the abbot told thousands of pilgrims in the square.",
        );
        assert!(!q[0].contains("| pilgrims |"), "{q:?}");
    }

    #[test]
    fn whom_the_speaker_told_is_not_what_was_said() {
        assert_eq!(
            quotes("“We will not back down,” Sergei Lavrov told reporters in Moscow."),
            ["We will not back down, | Sergei Lavrov | direct | told"]
        );
        assert_eq!(
            quotes("Sergei Lavrov told reporters the talks had failed."),
            ["the talks had failed | Sergei Lavrov | indirect | told"]
        );
    }

    #[test]
    fn the_speaker_named_between_dashes_inside_the_quote() {
        assert_eq!(
            quotes("“The plan – said Angela Merkel – has failed.”"),
            ["The plan – said Angela Merkel – has failed. | Angela Merkel | direct | said"]
        );
    }

    #[test]
    fn a_quote_over_two_sentences_is_one_quote_of_the_name_after_it() {
        assert_eq!(
            quotes("“We will not back down. The talks are over,” Angela Merkel said."),
            ["We will not back down. The talks are over, | Angela Merkel | direct | said"]
        );
    }

    #[test]
    fn a_speech_verb_in_the_sentence_before_does_not_name_the_speaker() {
        assert_eq!(
            quotes("Angela Merkel said little. Then “the talks are over” appeared on a banner."),
            ["the talks are over | - | direct | -"]
        );
    }

    #[test]
    fn a_quote_opening_the_next_paragraph_keeps_the_speaker() {
        assert_eq!(
            quotes("Angela Merkel said: “We will stay.”\n\n“The talks are over for now.”"),
            [
                "We will stay. | Angela Merkel | direct | said",
                "The talks are over for now. | Angela Merkel | direct | -"
            ]
        );
    }

    #[test]
    fn a_curly_mark_closed_by_a_straight_one_is_one_quote() {
        assert_eq!(
            quotes("“These rules will keep riders safe,\" John Tory said on Monday."),
            ["These rules will keep riders safe, | John Tory | direct | said"]
        );
    }

    #[test]
    fn a_quote_that_ends_its_sentence_is_not_said_by_the_next_sentences_subject() {
        let q = quotes(
            "“We take this very seriously,” Mark Saunders said. “Our officers will cooperate \
             fully.” The union said it had not been consulted.",
        );
        assert_eq!(
            q[1],
            "Our officers will cooperate fully. | Mark Saunders | direct | -"
        );
    }

    #[test]
    fn a_quote_after_a_sentence_in_which_someone_speaks_is_theirs() {
        let q = quotes(
            "“We will appeal,” Mark Saunders said.\n\nThe victim's sister, Mary Jones, who \
             travelled from Ottawa, spoke outside the court.\n\n“Hearing the details was awful.”",
        );
        assert_eq!(
            q[1],
            "Hearing the details was awful. | Mary Jones | direct | -"
        );
        // a title before the office is no person
        let q = quotes(
            "Ontario's Environment Minister Jeff Yurek called the company a “serial polluter”.",
        );
        assert_eq!(q, ["serial polluter | Jeff Yurek | direct | -"]);
    }

    #[test]
    fn he_or_she_said_is_the_person_quoted_last() {
        assert_eq!(
            quotes(
                "“We will stay,” Angela Merkel said. Emmanuel Macron left early. \
                 “The talks are over,” she said."
            ),
            [
                "We will stay, | Angela Merkel | direct | said",
                "The talks are over, | Angela Merkel | direct | said"
            ]
        );
    }

    #[test]
    fn he_or_she_said_after_a_sentence_bringing_in_someone_of_that_sex_is_theirs() {
        assert_eq!(
            quotes(
                "“We will stay,” Boris Johnson said. But Benjamin Netanyahu was skeptical. \
                 “Iran cannot be trusted,” he said."
            )[1],
            "Iran cannot be trusted, | Benjamin Netanyahu | direct | said"
        );
        // one the sentence says something was done to does not speak next
        assert_eq!(
            quotes(
                "“We will stay,” Boris Johnson said. John Smith was arrested on Friday. \
                 “He was a good neighbour,” he said."
            )[1],
            "He was a good neighbour, | Boris Johnson | direct | said"
        );
        // nor one of the other sex
        assert_eq!(
            quotes(
                "“We will stay,” Boris Johnson said. Mary Smith was skeptical. \
                 “They will leave,” he said."
            )[1],
            "They will leave, | Boris Johnson | direct | said"
        );
        // and the one quoted last speaks again only if of that sex
        assert_eq!(
            quotes(
                "“We will stay,” Angela Merkel said. Police arrested John Smith on Friday. \
                 “They will leave,” he said."
            )[1],
            "They will leave, | John Smith | direct | said"
        );
    }

    #[test]
    fn a_word_of_speech_after_a_determiner_is_a_noun_that_says_nothing() {
        assert_eq!(
            quotes(
                "Police spokeswoman Jane Hill said the nature of his arrest in another state \
                 was “unrelated” to the crime."
            )[0],
            "unrelated | Jane Hill | direct | said"
        );
    }

    #[test]
    fn he_said_after_someone_told_reporters_something_is_that_someone() {
        assert_eq!(
            quotes(
                "“We will stay,” Angela Merkel said. Emmanuel Macron told reporters that \
                 the talks had failed. “There is nothing left,” he said."
            ),
            [
                "We will stay, | Angela Merkel | direct | said",
                "the talks had failed | Emmanuel Macron | indirect | told",
                "There is nothing left, | Emmanuel Macron | direct | said"
            ]
        );
    }

    #[test]
    fn a_speech_verb_far_before_the_quote_is_its_subjects() {
        assert_eq!(
            quotes("The Kenyan foreign ministry said in a long statement posted on its website late on Sunday that the Ugandan move was “a grave violation”."),
            ["a grave violation | Kenyan foreign ministry | direct | said"]
        );
        // a name near the verb but in its object is not the speaker
        let q = quotes("Kenyan President William Ruto, speaking in Nairobi on Monday, later added that the leaders of neighbouring Uganda had on several occasions this year been “reckless”.");
        assert_eq!(q, ["reckless | William Ruto | direct | added"]);
    }

    #[test]
    fn an_allegation_is_speech_and_a_name_inside_the_quote_is_no_speaker() {
        assert_eq!(
            quotes("“He was held for hours without food,” the young man alleges in his claim."),
            ["He was held for hours without food, | man | direct | alleges"]
        );
        let q =
            quotes("Three callers said a “gunman was firing at cars” near the market in Nairobi.");
        assert_eq!(q, ["gunman was firing at cars | - | direct | said"]);
    }

    #[test]
    fn the_subject_of_the_clause_holding_the_quote() {
        assert_eq!(
            quotes("Angela Merkel described the plan as “a failure” on Monday."),
            ["a failure | Angela Merkel | direct | described"]
        );
        // the clause's subject comes first; a name after it, or a possessor, is not it
        let q = quotes(
            "Professor Alan Reid told the court Senator John Hale had copied his book, calling it “plain theft”.",
        );
        assert!(
            q.iter()
                .any(|q| q == "plain theft | Alan Reid | direct | told"),
            "{q:?}"
        );
        assert_eq!(
            quotes("Judge Mary Cole described Tom Ward's attack as “cowardly”."),
            ["cowardly | Mary Cole | direct | described"]
        );
    }

    #[test]
    fn said_that_is_an_indirect_quote_of_the_subject() {
        assert_eq!(
            quotes("Angela Merkel said that Germany would send more troops to Mali."),
            ["Germany would send more troops to Mali | Angela Merkel | indirect | said"]
        );
    }

    #[test]
    fn the_reported_clause_starts_after_that_past_whom_when_and_where() {
        assert_eq!(
            quotes("Zelensky told reporters in Kyiv that Ukraine would not cede territory."),
            ["Ukraine would not cede territory | Volodymyr Zelensky | indirect | told"]
        );
        // "said on Monday" had no quote at all
        assert_eq!(
            quotes("The ministry said on Monday that the border would reopen."),
            ["the border would reopen | ministry | indirect | said"]
        );
        // a noun right after "said" is what was said, relative "that" and all
        assert_eq!(
            quotes("The mayor said the company that owns the plant would close it."),
            ["the company that owns the plant would close it | mayor | indirect | said"]
        );
        // "asked not to be named" reports nothing
        assert_eq!(
            quotes("A resident, who asked not to be named, saw the fire."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn an_attribution_opening_the_sentence_makes_the_words_after_it_a_quote() {
        assert_eq!(
            quotes("According to Amnesty International, at least 40 people were killed."),
            ["at least 40 people were killed | Amnesty International | indirect | according to"]
        );
        // a town says nothing ("Conrad" is also a town in Montana)
        assert_eq!(
            quotes("According to Conrad, South Africa spreads its volumes wider."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_quote_after_an_opening_attribution_is_said_by_whom_it_names() {
        assert_eq!(
            quotes("According to Amnesty International, the trial was “a sham”."),
            ["a sham | Amnesty International | direct | according to"]
        );
    }

    #[test]
    fn an_attribution_closing_the_sentence_makes_the_words_before_it_a_quote() {
        assert_eq!(
            quotes("The truck stopped near the border, according to police."),
            ["The truck stopped near the border | police | indirect | according to"]
        );
        assert_eq!(
            quotes("The truck stopped near the border, said Angela Merkel."),
            ["The truck stopped near the border | Angela Merkel | indirect | said"]
        );
        // the attribution may be followed by a clause of its own
        assert_eq!(
            quotes(
                "Flooding has affected 390,000 people this week, Xinhua said, adding that 9,000 \
                 were evacuated."
            )[0],
            "Flooding has affected 390,000 people this week | Xinhua | indirect | said"
        );
        assert_eq!(
            quotes("The two countries agreed to resume talks, an official said, after the leaders met.")[0],
            "The two countries agreed to resume talks | official | indirect | said"
        );
        assert_eq!(
            quotes(
                "The two countries agreed to resume talks, an official said, after President Joe \
                 Biden met Chinese leader Xi Jinping in California."
            )[0],
            "The two countries agreed to resume talks | official | indirect | said"
        );
    }
}
