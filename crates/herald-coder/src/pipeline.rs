//! The stage contract and the default pipeline.
//!
//! Owns [`Document`] (every layer of one article, each written by one
//! component), the [`Component`] trait, and [`default_components`], the
//! ordered list the coder runs. A component reads layers made before it and
//! writes its own; it never changes a value an earlier component set. The
//! only per-mention columns filled late are `Mention::place` (places),
//! `Mention::actor` (actors, then the two pronoun components, which fill
//! only the links of pronouns the actors left empty).

use crate::actors::{self, Actor};
use crate::dates::{self, DateExpr};
use crate::events::{self, Event};
use crate::mentions::{self, Mention};
use crate::place_rank::PlaceRanker;
use crate::places::{self, ResolvedPlace, UnlistedPlace};
use crate::quotes::{self, Quote};
use chrono::NaiveDate;
use herald_core::{Article, Doc, Record, Sentence, Shape, Span};
use herald_kb::words::{ADJECTIVE_SENSES, ENGLISH_FUNCTION_WORDS};
use herald_kb::{CueMatch, Kb};
use herald_nlp::Nlp;
use herald_syntax::Syntax;
use std::borrow::Cow;

/// The layers a component may read or write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// The article as given: text, title, publication date, dateline.
    Article,
    /// Tokens, lemmas and sentences (`Document::doc`).
    Tokens,
    /// Whether the text is English, and the warning when it is not.
    Language,
    /// Names, roles, groups and pronouns found in the text.
    Mentions,
    /// Resolved places, each mention's place, the focus country, the dateline's place.
    Places,
    /// Actors and each named mention's actor.
    Actors,
    /// Third-person pronouns linked to the actor named before them.
    Antecedents,
    /// Direct and indirect quotes with their speakers.
    Quotes,
    /// First-person pronouns inside a quote linked to its speaker.
    QuotedPronouns,
    /// Event cue words and phrases matched in the text.
    Cues,
    /// Part-of-speech tags and dependency trees (`Doc::syntax`), where read.
    Trees,
    /// Date expressions, in text order.
    Dates,
    /// Event readings, and the actors only an event implies (`implicit_actors`).
    Events,
    /// The output record of `SCHEMA.md`.
    Record,
}

/// One article and every layer coded from it so far.
pub struct Document<'a> {
    pub article: &'a Article,
    /// The publication date, when the article gives a valid one.
    pub published: Option<NaiveDate>,
    /// Tokens and sentences; tags and trees once parsed.
    pub doc: Doc,
    pub english: bool,
    pub warnings: Vec<String>,
    pub mentions: Vec<Mention>,
    pub places: Vec<ResolvedPlace>,
    /// Named places the gazetteer lacks (streets, venues, small divisions).
    pub unlisted_places: Vec<UnlistedPlace>,
    /// The story's country, voted by its places.
    pub focus: Option<&'static str>,
    /// The resolved place (index into `places`) of the dateline.
    pub dateline_place: Option<usize>,
    pub actors: Vec<Actor>,
    pub quotes: Vec<Quote>,
    pub cues: Vec<CueMatch>,
    pub dates: Vec<DateExpr>,
    pub events: Vec<Event>,
    /// Actors an event implies without a mention ("the authorities" of an arrest);
    /// events number them after `actors`.
    pub implicit_actors: Vec<Actor>,
    pub record: Option<Record>,
}

impl<'a> Document<'a> {
    /// A document holding only the article, before any component ran.
    pub fn new(article: &'a Article) -> Self {
        Document {
            article,
            published: article
                .published
                .as_deref()
                .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok()),
            doc: Doc::default(),
            english: true,
            warnings: article.warnings.clone(),
            mentions: Vec::new(),
            places: Vec::new(),
            unlisted_places: Vec::new(),
            focus: None,
            dateline_place: None,
            actors: Vec::new(),
            quotes: Vec::new(),
            cues: Vec::new(),
            dates: Vec::new(),
            events: Vec::new(),
            implicit_actors: Vec::new(),
            record: None,
        }
    }
}

/// One stage of the coder.
pub trait Component: Send + Sync {
    /// A short name, as `herald bench` prints it.
    fn name(&self) -> &'static str;
    /// The layers it reads.
    fn reads(&self) -> &'static [Layer];
    /// The layers it writes; no other component writes them.
    fn writes(&self) -> &'static [Layer];
    fn run(&self, doc: &mut Document, kb: &Kb);
}

/// The coder's components in the order they run. To replace one (say, the
/// place ranker), implement [`Component`] and change its line here.
pub fn default_components<'k>(syntax: Option<&'k Syntax>) -> Vec<Box<dyn Component + 'k>> {
    vec![
        Box::new(Tokenizer(Nlp::new())),
        Box::new(LanguageCheck),
        Box::new(MentionFinder),
        Box::new(PlaceResolver(PlaceRanker::embedded().clone())),
        Box::new(ActorBuilder),
        Box::new(PronounResolver),
        Box::new(QuoteFinder),
        Box::new(QuotedPronounResolver),
        Box::new(CueFinder),
        Box::new(TreeParser(syntax)),
        Box::new(DateFinder),
        Box::new(EventFinder),
        Box::new(RecordWriter),
    ]
}

/// Splits the text into tokens and sentences.
pub struct Tokenizer(pub Nlp);

impl Component for Tokenizer {
    fn name(&self) -> &'static str {
        "tokens"
    }
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Article]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Tokens]
    }
    fn run(&self, doc: &mut Document, kb: &Kb) {
        let two_names = |left: &str, right: &str| crate::mentions::two_names(kb, left, right);
        doc.doc = self.0.analyze_with(&doc.article.text, &two_names);
        if let Some(d) = &doc.article.dateline {
            split_off_dateline(&mut doc.doc, d);
        }
    }
}

/// "KYIV, March 3 (Reuters) - Russia launched …": the dateline, up to the
/// dash that ends it, is a sentence of its own, so that the story's first
/// sentence opens with its subject.
fn split_off_dateline(doc: &mut Doc, d: &herald_core::DatelineText) {
    // the dash `dateline_span` ends at, written as a word of its own
    let end = dateline_span(&doc.text, d).end;
    let Some(dash) = doc
        .tokens
        .iter()
        .position(|t| t.span.start == end && matches!(t.lower.as_str(), "-" | "--" | "—" | "–"))
    else {
        return;
    };
    let s = doc.sentence_of(dash);
    let Some(sentence) = doc.sentences.get(s).cloned() else {
        return;
    };
    if sentence.tokens.end <= dash + 1 || sentence.span.start > d.place_span.start {
        return;
    }
    let cut = doc.tokens[dash].span.end;
    let rest_start = doc.tokens[dash + 1].span.start;
    doc.sentences[s] = Sentence {
        span: Span::new(sentence.span.start, cut),
        tokens: sentence.tokens.start..dash + 1,
    };
    doc.sentences.insert(
        s + 1,
        Sentence {
            span: Span::new(rest_start, sentence.span.end),
            tokens: dash + 1..sentence.tokens.end,
        },
    );
}

/// Tells English from other languages by its function words.
pub struct LanguageCheck;

impl Component for LanguageCheck {
    fn name(&self) -> &'static str {
        "language"
    }
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Tokens]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Language]
    }
    fn run(&self, doc: &mut Document, _kb: &Kb) {
        doc.english = is_english(&doc.doc);
        if !doc.english {
            doc.warnings
                .push("text does not look like English; actors and events were not coded".into());
        }
    }
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

/// Finds names, roles, groups and pronouns (none in a text that is not English).
pub struct MentionFinder;

impl Component for MentionFinder {
    fn name(&self) -> &'static str {
        "mentions"
    }
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Article, Layer::Tokens, Layer::Language]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Mentions]
    }
    fn run(&self, doc: &mut Document, kb: &Kb) {
        if !doc.english {
            return;
        }
        let published = doc
            .published
            .map(|d| d.format("%Y%m%d").to_string().parse::<u32>().unwrap_or(0));
        doc.mentions = mentions::find_mentions(&doc.doc, kb, published);
    }
}

/// Resolves toponyms to gazetteer places with its ranker and votes the story's country.
pub struct PlaceResolver(pub PlaceRanker);

impl Component for PlaceResolver {
    fn name(&self) -> &'static str {
        "places"
    }
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Article, Layer::Tokens, Layer::Mentions]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Places]
    }
    fn run(&self, doc: &mut Document, kb: &Kb) {
        let dateline = doc.article.dateline.as_ref();
        let hints = places::StoryHints {
            dateline,
            url: doc.article.url.as_deref(),
        };
        let (resolved, focus) =
            places::resolve_places(&doc.doc, kb, &mut doc.mentions, hints, &self.0);
        doc.unlisted_places =
            places::unlisted_places(&doc.doc, kb, &doc.mentions, &resolved, focus);
        doc.places = resolved;
        doc.focus = focus;
        doc.dateline_place = dateline.and_then(|d| {
            doc.mentions
                .iter()
                .find(|m| m.span.overlaps(d.place_span))
                .and_then(|m| m.place)
        });
    }
}

/// Makes actors of named mentions: states, organisations, people, groups.
pub struct ActorBuilder;

impl Component for ActorBuilder {
    fn name(&self) -> &'static str {
        "actors"
    }
    fn reads(&self) -> &'static [Layer] {
        &[
            Layer::Article,
            Layer::Tokens,
            Layer::Mentions,
            Layer::Places,
        ]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Actors]
    }
    fn run(&self, doc: &mut Document, kb: &Kb) {
        let dateline = doc
            .article
            .dateline
            .as_ref()
            .map(|d| dateline_span(&doc.doc.text, d));
        let places = &doc.places;
        doc.actors = actors::build_actors(
            &doc.doc,
            kb,
            &mut doc.mentions,
            doc.focus,
            |m| m.place.map(|p| places[p].place),
            |p| places.get(p).map(|r| r.place),
            dateline,
        );
    }
}

/// The bytes of a dateline: its place, then an agency in brackets, up to
/// the dash that ends it ("LONDON (Reuters) -"), at most 80 bytes on.
fn dateline_span(text: &str, d: &herald_core::DatelineText) -> Span {
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
    Span::new(d.place_span.start, end)
}

/// Whether a byte of the text lies inside quotation marks.
fn in_direct_quote(spans: &[Span], byte: usize) -> bool {
    quotes::span_holding(spans, |s| *s, Span::new(byte, byte + 1)).is_some()
}

/// Links "he", "they", "it" to the nearest fitting actor named before them.
pub struct PronounResolver;

impl Component for PronounResolver {
    fn name(&self) -> &'static str {
        "antecedents"
    }
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Mentions, Layer::Actors]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Antecedents]
    }
    fn run(&self, doc: &mut Document, _kb: &Kb) {
        let quoted_spans = quotes::direct_spans(&doc.doc.text);
        let quoted = |byte: usize| in_direct_quote(&quoted_spans, byte);
        actors::resolve_pronouns(
            &doc.doc,
            &mut doc.mentions,
            &mut doc.actors,
            false,
            |_| None,
            quoted,
        );
    }
}

/// Finds direct and indirect quotes and their speakers.
pub struct QuoteFinder;

impl Component for QuoteFinder {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn reads(&self) -> &'static [Layer] {
        &[
            Layer::Tokens,
            Layer::Mentions,
            Layer::Actors,
            Layer::Antecedents,
        ]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Quotes]
    }
    fn run(&self, doc: &mut Document, _kb: &Kb) {
        doc.quotes = quotes::find_quotes(&doc.doc, &doc.mentions, &doc.actors);
    }
}

/// Links "I" and "we" inside a direct quote to the quote's speaker.
pub struct QuotedPronounResolver;

impl Component for QuotedPronounResolver {
    fn name(&self) -> &'static str {
        "quoted pronouns"
    }
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Mentions, Layer::Actors, Layer::Quotes]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::QuotedPronouns]
    }
    fn run(&self, doc: &mut Document, _kb: &Kb) {
        // the direct quotes are the text's quoted spans, one each, in text order
        let direct: Vec<&Quote> = doc.quotes.iter().filter(|q| q.direct).collect();
        let direct_at =
            |byte: usize| quotes::span_holding(&direct, |q| q.span, Span::new(byte, byte + 1));
        let quoted = |byte: usize| direct_at(byte).is_some();
        let speaker_at = |byte: usize| direct_at(byte).and_then(|i| direct[i].speaker);
        actors::resolve_pronouns(
            &doc.doc,
            &mut doc.mentions,
            &mut doc.actors,
            true,
            speaker_at,
            quoted,
        );
    }
}

/// Matches the knowledge base's event cues in the text.
pub struct CueFinder;

impl Component for CueFinder {
    fn name(&self) -> &'static str {
        "cues"
    }
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Tokens]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Cues]
    }
    fn run(&self, doc: &mut Document, kb: &Kb) {
        doc.cues = kb.cue_index.find(&doc.doc);
    }
}

/// Tags and parses what the event rules read of a tree: in each sentence
/// with a verb cue and an actor, the words up to a little past its last verb
/// cue (a verb's subject and its tag need no more). The rest stays unparsed
/// (`TokenSyntax::UNPARSED`), as does everything without a model.
pub struct TreeParser<'k>(pub Option<&'k Syntax>);

impl Component for TreeParser<'_> {
    fn name(&self) -> &'static str {
        "syntax"
    }
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Mentions, Layer::Actors, Layer::Cues]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Trees]
    }
    fn run(&self, doc: &mut Document, kb: &Kb) {
        if let Some(syntax) = self.0 {
            let spans = spans_to_parse(kb, &doc.doc, &doc.cues, &doc.mentions);
            let names = name_words(&doc.doc, &doc.mentions);
            syntax.parse_spans(&mut doc.doc, &spans, &names);
        }
    }
}

/// The capitalised words of the mentions that name an actor or a place
/// ("Turkish", "President", "Recep"), which the tagger reads as names, not
/// verbs; pronouns are left to it.
fn name_words(doc: &Doc, mentions: &[Mention]) -> Vec<bool> {
    let mut names = vec![false; doc.tokens.len()];
    let named = mentions.iter().filter(|m| {
        !matches!(m.kind, crate::mentions::MentionKind::Pronoun(_))
            && (m.actor.is_some() || !m.places.is_empty())
    });
    for m in named {
        for t in m.tokens.clone() {
            if matches!(doc.tokens[t].shape, Shape::Capitalized | Shape::Upper) {
                names[t] = true;
            }
        }
    }
    names
}

/// The token ranges [`TreeParser`] parses.
fn spans_to_parse(
    kb: &Kb,
    doc: &Doc,
    cues: &[CueMatch],
    mentions: &[Mention],
) -> Vec<std::ops::Range<usize>> {
    // the right context the tagger and parser need past the verb: its
    // object and a short phrase of the cue's preposition
    const AFTER_VERB: usize = 5;
    const SHORT_REST: usize = 3;
    let mut last_verb: Vec<Option<usize>> = vec![None; doc.sentences.len()];
    // each sentence's noun cues (first and last word), in text order
    let mut noun_cues: Vec<Vec<(usize, usize)>> = vec![Vec::new(); doc.sentences.len()];
    for m in cues {
        // a gapped cue's last word ("reached … agreements"): its slot follows it
        let end = *m.tokens.last().unwrap_or(&m.tokens[0]);
        let s = doc.sentence_of(end);
        if kb.cues[m.cue as usize].pos == herald_kb::CuePos::Verb {
            last_verb[s] = last_verb[s].max(Some(end));
            continue;
        }
        noun_cues[s].push((m.tokens[0], end));
        if crate::tree::reaction_cause_before(doc, m.tokens[0]).is_some() {
            // "drawing criticism from": the tree says whom it is aimed at
            last_verb[s] = last_verb[s].max(Some(end));
        }
        if let Some(v) = calling_off_in(doc, s) {
            // "the talks … were postponed", "cancelled the talks": the tree
            // says what was called off
            last_verb[s] = last_verb[s].max(Some(v.max(end)));
        }
    }
    let mut actor = vec![false; doc.sentences.len()];
    // each sentence's last one-word role that may be an adjective ("a joint
    // military helicopter"): only the tree tells it from the noun
    let mut adjective_role: Vec<Option<usize>> = vec![None; doc.sentences.len()];
    for m in mentions.iter().filter(|m| m.actor.is_some()) {
        if let Some(a) = actor.get_mut(m.sentence) {
            *a = true;
        }
        let t = m.tokens.start;
        if m.tokens.len() == 1 && ADJECTIVE_SENSES.contains(&doc.tokens[t].lower.as_str()) {
            if let Some(last) = adjective_role.get_mut(m.sentence) {
                *last = Some(t);
            }
        }
    }
    doc.sentences
        .iter()
        .enumerate()
        .filter(|(si, _)| actor[*si])
        .filter_map(|(si, s)| {
            let verb = last_verb[si]?;
            let mut end = (verb + 1 + AFTER_VERB).min(s.tokens.end);
            // a short rest is parsed too: a tree that ends just short of the
            // sentence's end cannot tell whether a verb stands there
            if s.tokens.end - end <= SHORT_REST || adjective_role[si].is_some_and(|t| t >= end) {
                end = s.tokens.end;
            }
            // "to launch a new military | operation": a noun cue the cut
            // would split is parsed whole, or its first words read as the head
            for &(first, last) in &noun_cues[si] {
                if first < end && last >= end && last < s.tokens.end {
                    end = last + 1;
                }
            }
            Some(s.tokens.start..end)
        })
        .collect()
}

/// The last word of sentence `s` that may be a verb of calling off
/// (`kb/words.tsv` `calling_off`, "call off" with its particle within
/// three words).
fn calling_off_in(doc: &Doc, s: usize) -> Option<usize> {
    let sentence = doc.sentences[s].tokens.clone();
    let end = sentence.end;
    sentence.rev().find(|&v| {
        crate::tree::is_calling_off(&doc.tokens[v].lemma, |particle| {
            (v + 1..(v + 4).min(end)).any(|p| doc.tokens[p].lower == particle)
        })
    })
}

/// Finds date expressions and resolves them against the publication date.
pub struct DateFinder;

impl Component for DateFinder {
    fn name(&self) -> &'static str {
        "dates"
    }
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Article, Layer::Tokens]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Dates]
    }
    fn run(&self, doc: &mut Document, _kb: &Kb) {
        let mut found = dates::find_dates(&doc.doc, doc.published);
        found.sort_by_key(|d| d.tokens.start);
        doc.dates = found;
    }
}

/// Reads events from the cues: type, source, target, date, place, modality.
pub struct EventFinder;

impl Component for EventFinder {
    fn name(&self) -> &'static str {
        "events"
    }
    fn reads(&self) -> &'static [Layer] {
        &[
            Layer::Article,
            Layer::Tokens,
            Layer::Mentions,
            Layer::Places,
            Layer::Actors,
            Layer::Antecedents,
            Layer::Quotes,
            Layer::QuotedPronouns,
            Layer::Cues,
            Layer::Trees,
            Layer::Dates,
        ]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Events]
    }
    fn run(&self, doc: &mut Document, kb: &Kb) {
        let place_ids: Vec<u32> = doc.places.iter().map(|p| p.place).collect();
        let mentions = without_adjective_senses(&doc.doc, &doc.mentions);
        // the rules number implied actors after the named ones
        let mut with_implicit = doc.actors.clone();
        doc.events = events::find_events(
            &doc.doc,
            kb,
            &mentions,
            &mut with_implicit,
            &doc.quotes,
            &doc.dates,
            doc.article.published.as_deref(),
            doc.dateline_place,
            &place_ids,
            doc.focus,
            &doc.cues,
        );
        doc.implicit_actors = with_implicit.split_off(doc.actors.len());
    }
}

/// The mentions with those the tree reads as adjectives that name no one
/// ("official talks") taken from their actors, so that no rule reads them
/// as parties to an act; borrowed unchanged when there are none.
fn without_adjective_senses<'m>(doc: &Doc, mentions: &'m [Mention]) -> Cow<'m, [Mention]> {
    let adjectives: Vec<usize> = (0..mentions.len())
        .filter(|&i| {
            mentions[i].actor.is_some() && crate::tree::is_adjective_sense(doc, &mentions[i])
        })
        .collect();
    if adjectives.is_empty() {
        return Cow::Borrowed(mentions);
    }
    let mut out = mentions.to_vec();
    for i in adjectives {
        out[i].actor = None;
    }
    Cow::Owned(out)
}

/// Writes the record: ids, entities, actors, places, quotes, complete events
/// and unresolved readings.
pub struct RecordWriter;

impl Component for RecordWriter {
    fn name(&self) -> &'static str {
        "record"
    }
    fn reads(&self) -> &'static [Layer] {
        &[
            Layer::Article,
            Layer::Tokens,
            Layer::Language,
            Layer::Mentions,
            Layer::Places,
            Layer::Actors,
            Layer::Antecedents,
            Layer::Quotes,
            Layer::QuotedPronouns,
            Layer::Events,
        ]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Record]
    }
    fn run(&self, doc: &mut Document, kb: &Kb) {
        doc.record = Some(crate::record::assemble(doc, kb));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{article, kb};
    use crate::Coder;

    #[test]
    fn every_layer_is_written_once_and_before_it_is_read() {
        let mut written = vec![Layer::Article];
        for c in default_components(None) {
            for layer in c.reads() {
                assert!(
                    written.contains(layer),
                    "{} reads {layer:?} before any component writes it",
                    c.name()
                );
            }
            for layer in c.writes() {
                assert!(!written.contains(layer), "{} rewrites {layer:?}", c.name());
                written.push(*layer);
            }
        }
        assert_eq!(written.last(), Some(&Layer::Record));
    }

    /// A place ranker that resolves nothing: the simplest replacement.
    struct NoPlaces;

    impl Component for NoPlaces {
        fn name(&self) -> &'static str {
            "no places"
        }
        fn reads(&self) -> &'static [Layer] {
            &[Layer::Mentions]
        }
        fn writes(&self) -> &'static [Layer] {
            &[Layer::Places]
        }
        fn run(&self, _doc: &mut Document, _kb: &Kb) {}
    }

    #[test]
    fn a_replaced_place_ranker_runs_in_the_whole_pipeline() {
        let text = "French police arrested two men in Marseille on Monday.";
        let default = Coder::new(kb()).code(&article(text));
        let marseille = default
            .places
            .iter()
            .find(|p| p.name == "Marseille")
            .unwrap();
        assert_eq!(default.events[0].location, Some(marseille.id.clone()));

        let mut components = default_components(None);
        let at = components
            .iter()
            .position(|c| c.name() == "places")
            .unwrap();
        components[at] = Box::new(NoPlaces);
        let swapped = Coder::with_components(kb(), components).code(&article(text));
        assert!(swapped.places.is_empty());
        // the rest of the pipeline still codes the arrest, now without a place
        assert_eq!(swapped.events.len(), default.events.len());
        assert_eq!(swapped.events[0].kind, default.events[0].kind);
        assert_eq!(swapped.events[0].location, None);
    }

    #[test]
    fn text_that_is_not_english_is_not_coded() {
        let text = "Die Polizei hat am Montag zwei Männer festgenommen, \
            die nach Angaben der Staatsanwaltschaft seit Jahren gesucht wurden. "
            .repeat(4);
        let record = Coder::new(kb()).code(&article(&text));
        assert!(record.entities.is_empty());
        assert!(record.events.is_empty());
        assert!(record.warnings.iter().any(|w| w.contains("English")));
    }

    #[test]
    fn the_words_of_known_names_reach_the_tagger_as_names() {
        let story = article("Turkish President Recep Tayyip Erdogan met him in Sochi.");
        let mut d = Document::new(&story);
        for c in default_components(None)
            .iter()
            .take_while(|c| c.name() != "syntax")
        {
            c.run(&mut d, kb());
        }
        let names = name_words(&d.doc, &d.mentions);
        let marked: Vec<&str> = (0..d.doc.tokens.len())
            .filter(|&i| names[i])
            .map(|i| d.doc.token_text(i))
            .collect();
        assert_eq!(
            marked,
            [
                "Turkish",
                "President",
                "Recep",
                "Tayyip",
                "Erdogan",
                "Sochi"
            ]
        );
    }

    #[test]
    fn only_sentences_with_a_verb_cue_and_an_actor_are_parsed() {
        let text =
            "The weather was fine. Police arrested the mayor of Lyon yesterday in his office.";
        let story = article(text);
        let mut d = Document::new(&story);
        let components = default_components(None);
        for c in components.iter().take_while(|c| c.name() != "syntax") {
            c.run(&mut d, kb());
        }
        let spans = spans_to_parse(kb(), &d.doc, &d.cues, &d.mentions);
        let second = &d.doc.sentences[1].tokens;
        assert_eq!(spans.len(), 1, "{spans:?}");
        // from the sentence's start to five words past "arrested"
        assert_eq!(spans[0], second.start..second.start + 7);
    }

    #[test]
    fn a_dateline_is_a_sentence_of_its_own_and_the_story_opens_with_its_subject() {
        let text = "WASHINGTON (AP) - The United States and China agreed on Thursday to resume \
                    military talks, a senior official said, after the leaders met.";
        let story = Article {
            dateline: Some(herald_core::DatelineText {
                place: "WASHINGTON".into(),
                place_span: Span::new(0, 10),
                agency: Some("AP".into()),
            }),
            ..article(text)
        };
        let r = crate::Coder::with_syntax(kb(), crate::testing::syntax()).code(&story);
        let agree = r
            .events
            .iter()
            .find(|e| e.kind == herald_core::EventType::Agree)
            .expect("an AGREE event");
        let country = |id: &String| {
            r.actors
                .iter()
                .find(|a| &a.id == id)
                .and_then(|a| a.country.as_deref())
        };
        let sides: Vec<Option<&str>> = agree
            .source
            .iter()
            .chain(&agree.target)
            .map(country)
            .collect();
        assert_eq!(sides, [Some("USA"), Some("CHN")], "{:#?}", r.events);
        assert_eq!(r.sentences.len(), 2, "{:?}", r.sentences);
    }

    #[test]
    fn a_dateline_runs_to_its_dash() {
        let text = "LONDON (Reuters) - Ministers met on Monday.";
        let d = herald_core::DatelineText {
            place: "LONDON".into(),
            place_span: Span::new(0, 6),
            agency: Some("Reuters".into()),
        };
        assert_eq!(dateline_span(text, &d), Span::new(0, 17));
    }
}
