//! The coder: from a cleaned article and its tokenized document to the
//! record of `shared/SCHEMA.md`.
//!
//! Owns the stages after tokenization, in this order, each reading the
//! layers before it: mentions → places (and focus country) → actors →
//! quotes → pronouns → dates → events → record. Reads the knowledge base by
//! reference; holds no global state; never panics on article text.

pub mod actors;
pub mod dates;
pub mod events;
pub mod mentions;
pub mod places;
pub mod quotes;
pub mod tree;

#[cfg(test)]
mod testing;

use chrono::NaiveDate;
use herald_core::{
    ActorOut, Article, Dateline, Doc, Entity, EventDate, EventOut, PlaceOut, QuoteOut, Record,
    SentenceOut, Trigger, UnresolvedOut, UnresolvedReason,
};
use herald_kb::Kb;
use herald_nlp::Nlp;
use herald_syntax::Syntax;
use mentions::MentionKind;
use std::time::{Duration, Instant};

/// Time spent in each stage, for `herald bench`.
#[derive(Debug, Clone, Default)]
pub struct StageTimes {
    pub nlp: Duration,
    pub syntax: Duration,
    pub mentions: Duration,
    pub places: Duration,
    pub actors: Duration,
    pub events: Duration,
    pub record: Duration,
}

impl StageTimes {
    pub fn add(&mut self, o: &StageTimes) {
        self.nlp += o.nlp;
        self.syntax += o.syntax;
        self.mentions += o.mentions;
        self.places += o.places;
        self.actors += o.actors;
        self.events += o.events;
        self.record += o.record;
    }
}

/// The whole pipeline over a shared knowledge base.
pub struct Coder<'k> {
    pub kb: &'k Kb,
    pub nlp: Nlp,
    /// The tagger and parser; without it the argument rules read word positions only.
    pub syntax: Option<&'k Syntax>,
}

const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "said", "by",
    "as", "at", "from", "he", "it", "has",
];

impl<'k> Coder<'k> {
    pub fn new(kb: &'k Kb) -> Self {
        Coder {
            kb,
            nlp: Nlp::new(),
            syntax: None,
        }
    }

    /// A coder that parses sentences and reads their trees.
    pub fn with_syntax(kb: &'k Kb, syntax: &'k Syntax) -> Self {
        Coder {
            syntax: Some(syntax),
            ..Coder::new(kb)
        }
    }

    pub fn code(&self, article: &Article) -> Record {
        self.code_timed(article).0
    }

    /// Codes an article, timing each stage.
    pub fn code_timed(&self, article: &Article) -> (Record, StageTimes) {
        let mut times = StageTimes::default();
        let kb = self.kb;
        let t = Instant::now();
        let mut doc = self.nlp.analyze(&article.text);
        times.nlp = t.elapsed();
        let published = article
            .published
            .as_deref()
            .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok());
        let published_num =
            published.map(|d| d.format("%Y%m%d").to_string().parse::<u32>().unwrap_or(0));
        let mut warnings = article.warnings.clone();
        let english = is_english(&doc);
        if !english {
            warnings
                .push("text does not look like English; actors and events were not coded".into());
        }

        let t = Instant::now();
        let mut mentions = if english {
            mentions::find_mentions(&doc, kb, published_num)
        } else {
            Vec::new()
        };
        times.mentions = t.elapsed();

        let t = Instant::now();
        let (places, focus) =
            places::resolve_places(&doc, kb, &mut mentions, article.dateline.as_ref());
        times.places = t.elapsed();

        let t = Instant::now();
        let mut actors = actors::build_actors(
            &doc,
            kb,
            &mut mentions,
            focus,
            |m| m.place.map(|p| places[p].place),
            |p| places.get(p).map(|r| r.place),
            article
                .dateline
                .as_ref()
                .map(|d| dateline_span(&doc.text, d)),
        );
        let quoted_spans = quotes::direct_spans(&doc.text);
        let byte_span = |byte: usize| herald_core::Span::new(byte, byte + 1);
        let quoted =
            |byte: usize| quotes::span_holding(&quoted_spans, |s| *s, byte_span(byte)).is_some();
        actors::resolve_pronouns(&mut mentions, &mut actors, false, |_| None, quoted);
        let quotes = quotes::find_quotes(&doc, &mentions, &actors);
        let direct: Vec<&quotes::Quote> = quotes.iter().filter(|q| q.direct).collect();
        let speaker_at = |byte: usize| {
            quotes::span_holding(&direct, |q| q.span, byte_span(byte))
                .and_then(|i| direct[i].speaker)
        };
        actors::resolve_pronouns(&mut mentions, &mut actors, true, speaker_at, quoted);
        times.actors = t.elapsed();

        let t = Instant::now();
        let cue_matches = kb.cue_index.find(&doc);
        if let Some(syntax) = self.syntax {
            parse_where_read(syntax, kb, &mut doc, &cue_matches, &mentions);
        }
        times.syntax = t.elapsed();

        let t = Instant::now();
        let mut dates = dates::find_dates(&doc, published);
        dates.sort_by_key(|d| d.tokens.start);
        let dateline_place = article.dateline.as_ref().and_then(|d| {
            mentions
                .iter()
                .find(|m| m.span.overlaps(d.place_span))
                .and_then(|m| m.place)
        });
        let place_ids: Vec<u32> = places.iter().map(|p| p.place).collect();
        let events = events::find_events(
            &doc,
            kb,
            &mentions,
            &mut actors,
            &quotes,
            &dates,
            article.published.as_deref(),
            dateline_place,
            &place_ids,
            focus,
            &cue_matches,
        );
        times.events = t.elapsed();

        let t = Instant::now();
        let record = assemble(
            article,
            &doc,
            kb,
            &mentions,
            &actors,
            &places,
            &events,
            &quotes,
            focus,
            dateline_place,
            warnings,
        );
        times.record = t.elapsed();
        (record, times)
    }
}

/// Parses what the event rules read of a tree: in each sentence with a verb
/// cue and an actor, the words up to a little past its last verb cue (a
/// verb's subject and its tag need no more). The rest stays unparsed
/// (`TokenSyntax::UNPARSED`).
fn parse_where_read(
    syntax: &Syntax,
    kb: &Kb,
    doc: &mut Doc,
    cues: &[herald_kb::CueMatch],
    mentions: &[mentions::Mention],
) {
    // the right context the tagger and parser need past the verb
    const AFTER_VERB: usize = 3;
    let mut last_verb: Vec<Option<usize>> = vec![None; doc.sentences.len()];
    for m in cues {
        if kb.cues[m.cue as usize].pos == herald_kb::CuePos::Verb {
            let s = doc.sentence_of(m.tokens[0]);
            last_verb[s] = last_verb[s].max(Some(m.tokens[0]));
        }
    }
    let mut actor = vec![false; doc.sentences.len()];
    for m in mentions.iter().filter(|m| m.actor.is_some()) {
        if let Some(a) = actor.get_mut(m.sentence) {
            *a = true;
        }
    }
    let spans: Vec<std::ops::Range<usize>> = doc
        .sentences
        .iter()
        .enumerate()
        .filter(|(si, _)| actor[*si])
        .filter_map(|(si, s)| {
            let verb = last_verb[si]?;
            Some(s.tokens.start..(verb + 1 + AFTER_VERB).min(s.tokens.end))
        })
        .collect();
    syntax.parse_spans(doc, &spans);
}

/// The bytes of a dateline: its place, then an agency in brackets, up to
/// the dash that ends it ("LONDON (Reuters) -"), at most 80 bytes on.
fn dateline_span(text: &str, d: &herald_core::DatelineText) -> herald_core::Span {
    let mut from = d.place_span.end.min(text.len());
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = text.len().min(from + 80);
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let window = &text[from..to];
    let end = window
        .find(['-', '—', '–'])
        .map_or(d.place_span.end, |i| from + i);
    herald_core::Span::new(d.place_span.start, end)
}

fn is_english(doc: &Doc) -> bool {
    let words = doc
        .tokens
        .iter()
        .filter(|t| t.lower.chars().any(|c| c.is_alphabetic()))
        .count();
    if words < 40 {
        return true; // too short to tell
    }
    let function = doc
        .tokens
        .iter()
        .filter(|t| ENGLISH_FUNCTION_WORDS.contains(&t.lower.as_str()))
        .count();
    function * 25 >= words
}

#[allow(clippy::too_many_arguments)]
fn assemble(
    article: &Article,
    doc: &Doc,
    kb: &Kb,
    mentions: &[mentions::Mention],
    actors: &[actors::Actor],
    places: &[places::ResolvedPlace],
    events: &[events::Event],
    quotes: &[quotes::Quote],
    focus: Option<&'static str>,
    dateline_place: Option<usize>,
    warnings: Vec<String>,
) -> Record {
    // Entities: every non-pronoun mention, in text order.
    let mut entity_id = vec![None; mentions.len()];
    let mut entities = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        if matches!(m.kind, MentionKind::Pronoun(_)) {
            continue;
        }
        let id = format!("m{}", entities.len() + 1);
        entity_id[i] = Some(id.clone());
        entities.push(Entity {
            id,
            start: m.span.start,
            end: m.span.end,
            text: m.text(doc).to_string(),
            kind: m.entity_type.to_string(),
            actor: None,
        });
    }
    // Actors that have a named mention or take part in an event, numbered in order of first appearance.
    let mut in_event = vec![false; actors.len()];
    for e in events {
        for &a in e.sources.iter().chain(&e.targets) {
            in_event[a] = true;
        }
    }
    let used: Vec<bool> = (0..actors.len())
        .map(|a| in_event[a] || actors[a].mentions.iter().any(|&m| entity_id[m].is_some()))
        .collect();
    let first_pos = |a: usize| {
        actors[a]
            .mentions
            .iter()
            .map(|&m| mentions[m].span.start)
            .min()
            .unwrap_or(usize::MAX)
    };
    let mut actor_order: Vec<usize> = (0..actors.len()).filter(|&a| used[a]).collect();
    actor_order.sort_by_key(|&a| (first_pos(a), a));
    let mut actor_id = vec![None; actors.len()];
    for (n, &a) in actor_order.iter().enumerate() {
        actor_id[a] = Some(format!("a{}", n + 1));
    }
    let mut next_entity = 0;
    for (i, m) in mentions.iter().enumerate() {
        if entity_id[i].is_none() {
            continue;
        }
        // entities were made in mention order, skipping pronouns
        if let Some(a) = m.actor {
            entities[next_entity].actor = actor_id[a].clone();
        }
        next_entity += 1;
    }
    let actors_out: Vec<ActorOut> = actor_order
        .iter()
        .map(|&a| {
            let x = &actors[a];
            let mut ms: Vec<usize> = x.mentions.clone();
            ms.sort_by_key(|&m| mentions[m].span.start);
            ActorOut {
                id: actor_id[a].clone().unwrap_or_default(),
                name: x.name.clone(),
                kind: x.kind.as_str().to_string(),
                country: x.country.map(String::from),
                org: x.org.clone(),
                sector: x.sector,
                role: x.role.clone(),
                mentions: ms.iter().filter_map(|&m| entity_id[m].clone()).collect(),
            }
        })
        .collect();
    let places_out: Vec<PlaceOut> = places
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let pl = &kb.places[p.place as usize];
            PlaceOut {
                id: format!("p{}", i + 1),
                name: pl.name.to_string(),
                country: pl.country.map(String::from),
                lat: pl.lat,
                lon: pl.lon,
                geonames_id: pl.geonames_id,
                mentions: p
                    .mentions
                    .iter()
                    .filter_map(|&m| entity_id[m].clone())
                    .collect(),
            }
        })
        .collect();
    let quote_id = |q: usize| format!("q{}", q + 1);
    let quotes_out: Vec<QuoteOut> = quotes
        .iter()
        .enumerate()
        .map(|(i, q)| QuoteOut {
            id: quote_id(i),
            speaker: q.speaker.and_then(|a| actor_id[a].clone()),
            start: q.span.start,
            end: q.span.end,
            text: q.span.slice(&doc.text).to_string(),
            kind: if q.direct { "direct" } else { "indirect" }.to_string(),
            cue: q.cue.clone(),
        })
        .collect();
    let (events_out, unresolved) = split_complete(doc, events, actors, &actor_id, quote_id);
    Record {
        id: article.id.clone(),
        url: article.url.clone(),
        title: article.title.clone(),
        published: article.published.clone(),
        dateline: article.dateline.as_ref().map(|d| Dateline {
            place: dateline_place.map(|p| format!("p{}", p + 1)),
            agency: d.agency.clone(),
            text: d.place.clone(),
        }),
        focus_country: focus.map(String::from),
        language: "en".to_string(),
        text: doc.text.clone(),
        sentences: doc
            .sentences
            .iter()
            .map(|s| SentenceOut {
                start: s.span.start,
                end: s.span.end,
            })
            .collect(),
        entities,
        actors: actors_out,
        places: places_out,
        events: events_out,
        quotes: quotes_out,
        unresolved,
        warnings,
    }
}

/// Whether an actor is placed by a code: a country, an international body, IMG.
fn is_coded(a: &actors::Actor) -> bool {
    a.country.is_some() || a.org.is_some() || a.sector == Some(herald_core::Sector::Img)
}

/// SCHEMA.md's completeness policy: `events` holds readings whose source a
/// code places and whose named target, if any, a code places; uncoded
/// members of a coded side are dropped, and every other reading goes to
/// `unresolved` with its reason.
fn split_complete(
    doc: &Doc,
    events: &[events::Event],
    actors: &[actors::Actor],
    actor_id: &[Option<String>],
    quote_id: impl Fn(usize) -> String,
) -> (Vec<EventOut>, Vec<UnresolvedOut>) {
    let mut complete = Vec::new();
    let mut unresolved = Vec::new();
    for e in events {
        let coded = |side: &[usize]| -> Vec<usize> {
            side.iter()
                .copied()
                .filter(|&a| is_coded(&actors[a]))
                .collect()
        };
        let (sources, targets) = (coded(&e.sources), coded(&e.targets));
        let reason = if sources.is_empty() {
            Some(UnresolvedReason::NoSource)
        } else if targets.is_empty() && !e.targets.is_empty() {
            Some(UnresolvedReason::UncodedTarget)
        } else {
            None
        };
        let ids = |side: &[usize]| -> Vec<String> {
            side.iter().filter_map(|&a| actor_id[a].clone()).collect()
        };
        match reason {
            None => {
                let id = format!("v{}", complete.len() + 1);
                complete.push(event_out(
                    doc,
                    e,
                    id,
                    ids(&sources),
                    ids(&targets),
                    &quote_id,
                ));
            }
            Some(reason) => {
                let id = format!("u{}", unresolved.len() + 1);
                let event = event_out(doc, e, id, ids(&e.sources), ids(&e.targets), &quote_id);
                unresolved.push(UnresolvedOut { event, reason });
            }
        }
    }
    (complete, unresolved)
}

fn event_out(
    doc: &Doc,
    e: &events::Event,
    id: String,
    source: Vec<String>,
    target: Vec<String>,
    quote_id: impl Fn(usize) -> String,
) -> EventOut {
    let start = doc.tokens[e.trigger.start].span.start;
    let end = doc.tokens[e.trigger.end - 1].span.end;
    EventOut {
        id,
        kind: e.event,
        mode: e.mode.clone(),
        context: e.context.clone(),
        source,
        target,
        sentence: e.sentence,
        trigger: Trigger {
            start,
            end,
            text: doc.text[start..end].to_string(),
        },
        date: e.date.as_ref().map(|(v, p, b)| EventDate {
            value: v.clone(),
            precision: p.to_string(),
            basis: b.to_string(),
        }),
        location: e.location.map(|(p, _)| format!("p{}", p + 1)),
        location_basis: e.location.map(|(_, b)| b.to_string()),
        modality: e.modality.to_string(),
        negated: e.negated,
        quote: e.quote.map(quote_id),
        cameo: e.cameo.clone(),
        quad_class: e.event.quad_class().0,
        confidence: e.confidence,
        cue: e.cue.clone(),
    }
}
