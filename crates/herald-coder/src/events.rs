//! Events: cue matches turned into PLOVER events with source and target
//! actors, by a clause analysis without a parser: subjects to the left,
//! objects and prepositional targets to the right, passives, nominal events,
//! coordination, complements of requests and threats, negation, modality.

use crate::actors::{Actor, ActorKind};
use crate::dates::DateExpr;
use crate::mentions::{Mention, MentionKind};
use crate::quotes::Quote;
use crate::tree::TreeSubject;
use herald_core::{
    is_possessive, DateBasis, DatePrecision, Doc, EventType, LocationBasis, Modality, Sector,
    Shape, Upos,
};
use herald_kb::words::{
    ACCIDENTAL_CAUSES, ACTS_ON_PEOPLE, BE_FORMS, CLAUSE_OPENERS, CONDITIONAL, COUNTS, DETERMINERS,
    DISPOSITIONS, ENDING_ACTS, FIGHTING_NOUNS, FUTURE, GOOD_FAITH, HYPOTHETICAL, INTENTION,
    INTRANSITIVE_PROTESTS, LIGHT_VERBS, MEASURES, MUTUAL_ACTS, NEGATORS, OBLIGING_VERBS,
    PAIR_PARTIES, PAIR_PEOPLE, PREPOSITIONS, PROPOSALS, QUANTITY_HEADS, REQUEST_NOUNS,
    RETALIATION_WORDS, SCHEDULES, SELF_MOVING_ACTS, SPEECH_VERBS, TOPIC_NOUNS, UNREALISED,
};
use herald_kb::{Cue, CueMatch, CuePos, Kb, PlaceKind, TargetSlot};
use std::ops::Range;

#[derive(Debug, Clone)]
pub struct Event {
    pub event: EventType,
    pub mode: Option<String>,
    pub context: Vec<String>,
    pub sources: Vec<usize>,
    pub targets: Vec<usize>,
    pub sentence: usize,
    /// Trigger tokens (the pattern's words and anything between).
    pub trigger: Range<usize>,
    pub date: Option<(String, DatePrecision, DateBasis)>,
    pub location: Option<(usize, LocationBasis)>,
    pub modality: Modality,
    pub negated: bool,
    pub quote: Option<usize>,
    pub cameo: String,
    pub confidence: f64,
    /// Read as a passive (target is the subject); coordinated participles inherit it.
    pub passive: bool,
    /// The lexicon entry that fired, as written in `kb/cues.tsv`.
    pub cue: String,
    /// Read from an event noun that the text neither counts nor places in
    /// time or space ("the agreement", "an investigation"; not "two air raids").
    pub unanchored_noun: bool,
    /// With no target found, the parse still names someone it was done to
    /// ("stabbed a man"): a target that no code places.
    pub uncoded_recipient: bool,
    /// A tie or an accord someone has ("Canada has one trade agreement in
    /// Asia"): a standing state of affairs, not an act.
    pub possessed: bool,
}

/// A stated intention to act is itself the event: an offer to cooperate,
/// aid or yield is AGREE; an intention to coerce, punish or attack, or any
/// act made conditional ("unless…"), is THREATEN.
/// Forces "prepared to resume shelling", unconditionally, hold a posture of
/// force: MOBILIZE, not yet violence. `intention` is the word that states it.
fn stated_intention(
    act: EventType,
    intention: Option<&str>,
    doc: &Doc,
    sentence: Range<usize>,
) -> EventType {
    let said = |words: &[&str]| {
        sentence
            .clone()
            .any(|i| words.contains(&doc.tokens[i].lower.as_str()))
    };
    let readiness = intention
        .is_some_and(|w| matches!(w, "prepared" | "preparing" | "ready" | "poised" | "set"));
    if act == EventType::Assault && readiness && !said(&["unless", "otherwise", "if"]) {
        return EventType::Mobilize;
    }
    if act.quad_class().0 == 4 || said(&["unless", "otherwise"]) {
        EventType::Threaten
    } else {
        EventType::Agree
    }
}

/// Prepositions that introduce a target when the lexicon names none that fits.
fn fallback_preps(t: EventType) -> &'static [&'static str] {
    use EventType::*;
    match t {
        Agree | Cooperate => &["with", "to"],
        Consult => &["with"],
        Support | Aid | Concede | Request => &["to", "for"],
        Retreat => &["from"],
        Reject => &["by", "from", "of", "against"],
        Accuse | Protest => &["against", "of"],
        Threaten | Sanction | Coerce | Assault => &["on", "against", "to"],
        Mobilize => &["against", "near"],
    }
}
/// What a sentence knows for event coding.
struct Clause<'a> {
    doc: &'a Doc,
    /// actor-bearing mentions in the sentence, in order
    actors: Vec<&'a Mention>,
    range: Range<usize>,
}

impl<'a> Clause<'a> {
    fn lower(&self, i: usize) -> &str {
        self.doc.tokens[i].lower.as_str()
    }

    /// The nearest actor mention left of `before` that is a subject: not
    /// the object of a preposition; coordinated mentions come with it.
    fn subject_left(&self, before: usize) -> Vec<usize> {
        self.subject_left_from(before, self.range.start)
    }

    /// As `subject_left`, among the actors from token `floor` on.
    fn subject_left_from(&self, before: usize, floor: usize) -> Vec<usize> {
        let mut best: Option<usize> = None;
        for (k, m) in self.actors.iter().enumerate().rev() {
            if m.tokens.end > before {
                continue;
            }
            if m.tokens.start < floor {
                break;
            }
            // a clause break between subject and verb ends the search only for "which/who" relatives
            let mut p = m.tokens.start;
            while p > self.range.start && DETERMINERS.contains(&self.lower(p - 1)) {
                p -= 1;
            }
            let prev = p
                .checked_sub(1)
                .filter(|&p| p >= self.range.start)
                .map(|p| self.lower(p))
                .unwrap_or("");
            // "thousands of protesters", "leaders of the opposition": the head of the subject
            let quantity = prev == "of" && p >= 2 && QUANTITY_HEADS.contains(&self.lower(p - 2));
            if PREPOSITIONS.contains(&prev) && !quantity {
                continue;
            }
            if m.tokens.end < self.doc.tokens.len() && self.doc.tokens[m.tokens.end].is_possessive()
            {
                continue; // a possessor modifies the real subject
            }
            // "Pakistan, a key U.S. ally, has refused": a mention inside an apposition is not the subject
            // also "Putin – added the secretary of state – has …"
            let parenthesis = |i: usize| matches!(self.lower(i), "," | "–" | "—" | "-" | "(" | ")");
            let opens_apposition = (m.tokens.start.saturating_sub(6).max(self.range.start)
                ..m.tokens.start)
                .any(parenthesis);
            let closes_before_verb = (m.tokens.end..before).any(parenthesis);
            if opens_apposition && closes_before_verb && k > 0 {
                continue;
            }
            best = Some(k);
            break;
        }
        let Some(k) = best else { return Vec::new() };
        let mut out = vec![k];
        // "A and B", "A, B and C"
        let mut j = k;
        while j > 0 {
            let cur = self.actors[j];
            let prev = self.actors[j - 1];
            let between: Vec<&str> = (prev.tokens.end..cur.tokens.start)
                .map(|i| self.lower(i))
                .collect();
            if !between.is_empty()
                && between.iter().all(|w| matches!(*w, "and" | "," | "the"))
                && between.iter().any(|w| matches!(*w, "and" | ","))
            {
                out.push(j - 1);
                j -= 1;
            } else {
                break;
            }
        }
        out.reverse(); // text order: "Japan and Australia" is Japan first
        out.iter().filter_map(|&k| self.actors[k].actor).collect()
    }

    /// Actor mentions starting within `window` tokens after `after`,
    /// stopping at clause breaks; a coordinated list is taken whole.
    fn object_right(&self, after: usize, window: usize, allow_preps: bool) -> Vec<usize> {
        self.object_right_skipping(after, window, allow_preps, &[])
    }

    /// As `object_right`, passing over the cue's own words (`skip`); with
    /// `allow_preps`, also over "that" ("demanded that the government…").
    fn object_right_skipping(
        &self,
        after: usize,
        window: usize,
        allow_preps: bool,
        skip: &[usize],
    ) -> Vec<usize> {
        let mut out = Vec::new();
        let limit = (after + window).min(self.range.end);
        let mut i = after;
        let mut found: Option<usize> = None;
        while i < limit {
            if let Some(k) = self.actors.iter().position(|m| m.tokens.start == i) {
                found = Some(k);
                break;
            }
            if skip.contains(&i) || (allow_preps && self.lower(i) == "that") {
                i += 1;
                continue;
            }
            let w = self.lower(i);
            if matches!(
                w,
                "," | ";"
                    | ":"
                    | "that"
                    | "which"
                    | "who"
                    | "said"
                    | "says"
                    | "and"
                    | "but"
                    | "while"
                    | "("
            ) {
                break;
            }
            if !allow_preps && PREPOSITIONS.contains(&w) {
                break;
            }
            i += 1;
        }
        let Some(mut k) = found else { return out };
        k = self.possessed_name(k);
        out.push(k);
        while k + 1 < self.actors.len() {
            let cur = self.actors[k];
            let next = self.actors[k + 1];
            // "killed 12 people, officials said": a speaker, not one more of the list
            let speaks = next.tokens.end < self.range.end
                && SPEECH_VERBS.contains(&self.doc.tokens[next.tokens.end].lemma.as_str());
            if speaks {
                break;
            }
            let between: Vec<&str> = (cur.tokens.end..next.tokens.start)
                .map(|i| self.lower(i))
                .collect();
            if !between.is_empty()
                && between.len() <= 3
                && between
                    .iter()
                    .all(|w| matches!(*w, "and" | "," | "the" | "its" | "their" | "or"))
                && between.iter().any(|w| matches!(*w, "and" | "," | "or"))
            {
                out.push(k + 1);
                k += 1;
            } else {
                break;
            }
        }
        out.iter().filter_map(|&k| self.actors[k].actor).collect()
    }

    /// "met his Russian counterpart Vladimir Putin", "struck Hamas's chief
    /// Ismail Haniyeh": where actor mention `k` is a possessor and the phrase
    /// it opens goes on to other actor mentions, the last of them, the one
    /// the phrase names; else `k` ("struck Hamas's headquarters").
    fn possessed_name(&self, k: usize) -> usize {
        let m = self.actors[k];
        let end = m.tokens.end;
        let possessive_pronoun = m.tokens.len() == 1
            && (matches!(self.lower(m.tokens.start), "his" | "its" | "their")
                || crate::tree::is_possessor(self.doc, m.tokens.start));
        let possessor =
            possessive_pronoun || (end < self.range.end && self.doc.tokens[end].is_possessive());
        if !possessor {
            return k;
        }
        let mut last = k;
        let mut from = if possessive_pronoun { end } else { end + 1 };
        for (j, next) in self.actors.iter().enumerate().skip(k + 1) {
            // only words of a noun phrase between: "Russian counterpart"
            let gap_is_words = next.tokens.start >= from
                && next.tokens.start <= from + 3
                && (from..next.tokens.start).all(|i| {
                    let t = &self.doc.tokens[i];
                    t.shape != herald_core::Shape::Punct
                        && !PREPOSITIONS.contains(&t.lower.as_str())
                });
            if !gap_is_words {
                break;
            }
            last = j;
            from = next.tokens.end;
        }
        last
    }

    /// The actor after preposition `prep` within a few tokens of `after`;
    /// a day between them does not count ("complained to the UN on Tuesday
    /// over Israeli raids").
    fn prep_object(&self, after: usize, prep: &str) -> Vec<usize> {
        let mut budget = 6;
        let mut i = after;
        while i < self.range.end && budget > 0 {
            let days = self.day_words_at(i);
            if days > 0 {
                i += days;
                continue;
            }
            let w = self.lower(i);
            if w == prep {
                return self.object_right(i + 1, 6, false);
            }
            // "calls to withdraw its troops from Ukraine": a "to" infinitive
            // opens another act, whose prepositions are its own
            let infinitive = i + 1 < self.range.end && crate::tree::opens_infinitive(self.doc, i);
            if matches!(w, "." | ";") || infinitive {
                break;
            }
            i += 1;
            budget -= 1;
        }
        Vec::new()
    }

    /// How many words at `i` name a day: "Tuesday", "on Tuesday", "last
    /// Friday", "today", "yesterday"; 0 when none does.
    fn day_words_at(&self, i: usize) -> usize {
        let w = self.lower(i);
        if crate::dates::is_day_word(w) {
            return 1;
        }
        let next_is_day = i + 1 < self.range.end && crate::dates::is_weekday(self.lower(i + 1));
        if next_is_day && matches!(w, "on" | "last" | "this" | "next") {
            return 2;
        }
        0
    }
}

fn dedup(v: &mut Vec<usize>) {
    let mut seen = Vec::new();
    v.retain(|x| {
        if seen.contains(x) {
            false
        } else {
            seen.push(*x);
            true
        }
    });
}

/// Codes the events of a document.
#[allow(clippy::too_many_arguments)]
pub fn find_events(
    doc: &Doc,
    kb: &Kb,
    mentions: &[Mention],
    actors: &mut Vec<Actor>,
    quotes: &[Quote],
    dates: &[DateExpr],
    published: Option<&str>,
    dateline_place: Option<usize>,
    places: &[u32],
    focus: Option<&'static str>,
    cue_matches: &[CueMatch],
) -> Vec<Event> {
    let mut story = Story {
        doc,
        kb,
        mentions,
        in_sentence: crate::mentions::by_sentence(doc, mentions),
        quotes,
        dates,
        published,
        dateline_place,
        places,
        focus,
        verb_act_at: vec![None; doc.tokens.len()],
        noun_act_at: vec![None; doc.tokens.len()],
    };
    let chosen = story.choose_cues(cue_matches);
    for m in &chosen {
        let cue = &kb.cues[m.cue as usize];
        if cue.pos == CuePos::Verb {
            story.verb_act_at[m.tokens[0]] = Some(cue.event);
        } else if let Some(&last) = m.tokens.last() {
            story.noun_act_at[last] = Some(cue.event);
        }
    }
    let mut events: Vec<Event> = Vec::new();
    for m in &chosen {
        if let Some(e) = story.code_reading(m, actors, &events) {
            events.push(e);
        }
    }
    borrow_complement_targets(doc, &mut events);
    events.extend(reported_judgements(doc, kb, mentions, published));
    events.extend(denied_good_faith(doc, mentions, quotes, published));
    events.sort_by_key(|e| (e.sentence, e.trigger.start));
    join_harm_to_its_cause(doc, mentions, actors, &mut events);
    merge_repeats(events, &|p| story.place_specificity(p))
}

/// What every event rule reads of a story: the document and the layers the
/// stages before made of it. The actors, to which rules add the states they
/// name, are passed apart as the one thing written.
struct Story<'a> {
    doc: &'a Doc,
    kb: &'a Kb,
    mentions: &'a [Mention],
    /// Each sentence's range in `mentions`.
    in_sentence: Vec<Range<usize>>,
    quotes: &'a [Quote],
    dates: &'a [DateExpr],
    published: Option<&'a str>,
    dateline_place: Option<usize>,
    places: &'a [u32],
    focus: Option<&'static str>,
    /// The event type of the chosen verb cue that starts at each token, if any.
    verb_act_at: Vec<Option<EventType>>,
    /// The same for the chosen noun cues, at their head word.
    noun_act_at: Vec<Option<EventType>>,
}

/// One chosen cue in its sentence: what every rule about it reads.
struct Reading<'a> {
    cue: &'a Cue,
    /// The matched tokens (a gapped pattern leaves words between them).
    tokens: &'a [usize],
    first: usize,
    last: usize,
    /// A verb cue's first word, a noun cue's last.
    head: usize,
    sentence: usize,
    range: Range<usize>,
    /// The sentence's actors, less one the trigger stands in.
    clause: Clause<'a>,
    /// The words before the trigger that govern it, back to a clause break.
    before: Vec<usize>,
    /// How far back `before` reaches: wider for nouns ("did not make any immediate comments").
    reach: usize,
}

impl Reading<'_> {
    fn is_verb(&self) -> bool {
        self.cue.pos == CuePos::Verb
    }
}

/// Who does an act and to whom, as the rules find them (actor indexes).
#[derive(Default)]
struct Participants {
    sources: Vec<usize>,
    targets: Vec<usize>,
    /// The parse names a subject that is no actor ("the grapefruit arrives"):
    /// nobody is placed as doing the act, not even a quote's speaker.
    subject_not_actor: bool,
    /// A domestic act keeps its own state as target ("Iraq imposed martial law" is IRQ->IRQ).
    domestic_self: bool,
    /// Mediation: its doers act together on others, not on each other.
    mediation: bool,
    /// The act is done to the doer's own ("on its imports"): no one else
    /// is its recipient, coded or not.
    on_its_own: bool,
}

/// The sort key of a cue match among those competing for a word.
type CueRank = (
    std::cmp::Reverse<usize>,
    bool,
    bool,
    bool,
    usize,
    usize,
    u32,
);

impl<'a> Story<'a> {
    fn lw(&self, i: usize) -> &'a str {
        self.doc.tokens[i].lower.as_str()
    }

    fn sentence_mentions(&self, s: usize) -> &'a [Mention] {
        &self.mentions[self.in_sentence[s].clone()]
    }

    /// Name mentions (not pronouns, not role nouns) hide cue words inside them ("Rapid Support Forces").
    /// Whether noun `i` is in the mention of an actor, is a proposal
    /// (`kb/words.tsv` proposals) or names a day.
    fn names_proposes_or_dates(&self, i: usize) -> bool {
        let named = self
            .sentence_mentions(self.doc.sentence_of(i))
            .iter()
            .any(|m| m.actor.is_some() && m.tokens.contains(&i));
        named
            || PROPOSALS.contains(&self.doc.tokens[i].lemma.as_str())
            || crate::dates::is_day_word(self.lw(i))
            || self.dates.iter().any(|d| d.tokens.contains(&i))
    }

    fn in_name(&self, i: usize) -> bool {
        self.sentence_mentions(self.doc.sentence_of(i))
            .iter()
            .any(|m| {
                m.tokens.contains(&i)
                    && !matches!(m.kind, MentionKind::Pronoun(_))
                    && (m.role_phrase.is_none()
                        || m.name.is_some()
                        || m.tokens.len() > 1 && m.role_phrase.is_none())
            })
    }

    /// A word after a determiner, a possessive or "of", or one the parse
    /// makes no verb after a number, reads as a noun ("the arrest").
    fn noun_context(&self, i: usize) -> bool {
        // "the 500 block of Main Street", "two strikes"; not "200 refused"
        let after_a_number = i > 0
            && self.doc.tokens[i - 1].shape == Shape::Number
            && crate::tree::is_not_verb(self.doc, i);
        after_a_number
            || i > 0
                && matches!(
                    self.lw(i - 1),
                    "the"
                        | "a"
                        | "an"
                        | "'s"
                        | "’s"
                        | "his"
                        | "her"
                        | "its"
                        | "their"
                        | "no"
                        | "any"
                        | "this"
                        | "that"
                        | "of"
                )
    }

    /// The cue matches read as events, in text order: the longest at each
    /// place, so that no two chosen cues share a token.
    fn choose_cues(&self, cue_matches: &[CueMatch]) -> Vec<CueMatch> {
        let mut order: Vec<usize> = (0..cue_matches.len()).collect();
        order.sort_by_key(|&i| self.cue_rank(&cue_matches[i]));
        let mut used = vec![false; self.doc.tokens.len()];
        let mut chosen = Vec::new();
        // the first sentence telling of an act
        let first_told = cue_matches
            .iter()
            .map(|m| self.doc.sentence_of(m.tokens[0]))
            .min();
        for i in order {
            let m = &cue_matches[i];
            if m.tokens.iter().any(|&t| used[t]) || !self.reads_as_act(m, first_told) {
                continue;
            }
            for &t in &m.tokens {
                used[t] = true;
            }
            chosen.push(m.clone());
        }
        chosen.sort_by_key(|m| m.tokens[0]);
        chosen
    }

    /// Longest first; between a verb and a noun reading of one word, the
    /// noun after a determiner ("the arrest"), else the verb.
    fn cue_rank(&self, m: &CueMatch) -> CueRank {
        let cue = &self.kb.cues[m.cue as usize];
        let fits = (cue.pos == CuePos::Noun) == self.noun_context(m.tokens[0]);
        let span = m.tokens.last().unwrap_or(&0) - m.tokens[0];
        // a light verb ("held joint exercises") gives way to the event noun it carries;
        // a full verb ("lifted a night curfew") wins over the noun it governs
        let light = cue.pos == CuePos::Verb
            && cue.pattern.len() > 1
            && LIGHT_VERBS.contains(&cue.pattern[0].as_str());
        let noun = cue.pos == CuePos::Noun;
        (
            std::cmp::Reverse(cue.pattern.iter().filter(|w| *w != "...").count()),
            light,
            !fits,
            noun,
            span,
            m.tokens[0],
            m.cue,
        )
    }

    /// "this guilty verdict", "these sanctions": a noun after "this" or
    /// "these" (over at most two modifiers) points back to an act; after a
    /// sentence that told of acts, to one coded where it was told ("that"
    /// and "those" also open clauses: "that drew criticism").
    fn points_back(&self, first: usize, head: usize) -> bool {
        let start = self.doc.sentences[self.doc.sentence_of(first)].tokens.start;
        let demonstrative = |i: usize| matches!(self.lw(i), "this" | "these");
        if crate::tree::upos(self.doc, head).is_some() {
            // "for talks this week": the parse says which noun it determines
            return crate::tree::determined_by(self.doc, head, demonstrative);
        }
        (start.max(first.saturating_sub(3))..first)
            .rev()
            .take_while(|&i| {
                self.doc.tokens[i].shape == Shape::Lower && !PREPOSITIONS.contains(&self.lw(i))
            })
            .any(demonstrative)
    }

    /// Whether the noun phrase opening at `first` is whom someone speaks to:
    /// the object of "tell", "address" or "brief", or after "spoke to" or
    /// "speaking at" ("told a rally", "addressed a crowd of supporters").
    fn spoken_to(&self, first: usize) -> bool {
        let start = self.doc.sentences[self.doc.sentence_of(first)].tokens.start;
        let mut i = first;
        if i > start && DETERMINERS.contains(&self.lw(i - 1)) {
            i -= 1;
        }
        if i > start && matches!(self.lw(i - 1), "to" | "at") {
            i -= 1;
        }
        i > start && {
            let lemma = self.doc.tokens[i - 1].lemma.as_str();
            matches!(lemma, "tell" | "address" | "speak" | "brief")
                && self.doc.tokens[i - 1].shape == Shape::Lower
        }
    }

    /// Whether a cue match, at its head word, is used as the act it names.
    fn reads_as_act(&self, m: &CueMatch, first_told: Option<usize>) -> bool {
        let cue = &self.kb.cues[m.cue as usize];
        let head = if cue.pos == CuePos::Verb {
            m.tokens[0]
        } else {
            *m.tokens.last().unwrap_or(&m.tokens[0])
        };
        if self.in_name(head) {
            return false;
        }
        // "fighting two apartment fires", "battled the flood": force against a disaster
        if cue.event == EventType::Assault
            && self.object_is_accidental_cause(*m.tokens.last().unwrap_or(&head))
        {
            return false;
        }
        if cue.pos != CuePos::Verb {
            // "a talk show", "protest songs", "attack helicopters": a noun
            // the parse makes a modifier of the noun after it names no act
            // (not people it names, "peacekeeping troops", "aid groups"; nor
            // a plan that proposes the act, "a debt relief plan"; nor a day
            // the parse misreads, "its demand today that")
            let modified = crate::tree::noun_modified_by(self.doc, head);
            if modified.is_some_and(|h| !self.names_proposes_or_dates(h)) {
                return false;
            }
            // "told a rally in Nakuru", "addressed a rally": the audience a
            // speaker speaks to, not a protest
            if cue.event == EventType::Protest && self.spoken_to(m.tokens[0]) {
                return false;
            }
            let told_before = first_told.is_some_and(|s| s < self.doc.sentence_of(head));
            return !(told_before && self.points_back(m.tokens[0], head));
        }
        let single = m.tokens.len() == 1;
        // "a proposed bill", "the detained men": a participle after an article is an adjective
        if single
            && head > 0
            && matches!(self.lw(head - 1), "a" | "an" | "the")
            && self.lw(head).ends_with("ed")
        {
            return false;
        }
        // The parse reads the word as a noun or adjective ("the back door",
        // "hands-free phone use"): no act
        if single && crate::tree::is_not_verb(self.doc, head) {
            return false;
        }
        // "demonstrated great skill": a protest verb with an object has another sense
        if single
            && cue.event == EventType::Protest
            && INTRANSITIVE_PROTESTS.contains(&self.doc.tokens[head].lemma.as_str())
            && crate::tree::has_object(self.doc, head)
        {
            return false;
        }
        // "the crowd dispersed": done to itself, no act on anyone
        if single
            && SELF_MOVING_ACTS.contains(&self.doc.tokens[head].lemma.as_str())
            && crate::tree::has_subject_and_no_object(self.doc, head)
        {
            return false;
        }
        // A verb cue read as a verb: not right after a determiner or possessive
        // ("the attack", "their back", "a phone" are nouns).
        !self.noun_context(head) || matches!(self.lw(head - 1), "that" | "of")
    }

    /// A chosen cue with the sentence and words around it.
    fn read<'s>(&'s self, m: &'s CueMatch) -> Reading<'s> {
        let cue = &self.kb.cues[m.cue as usize];
        let first = m.tokens[0];
        let last = *m.tokens.last().unwrap_or(&first);
        let head = if cue.pos == CuePos::Verb { first } else { last };
        let sentence = self.doc.sentence_of(first);
        let range = self.doc.sentences[sentence].tokens.clone();
        let clause = Clause {
            doc: self.doc,
            actors: self
                .sentence_mentions(sentence)
                .iter()
                .filter(|x| x.actor.is_some() && !x.tokens.contains(&head))
                .collect(),
            range: range.clone(),
        };
        let reach = if cue.pos == CuePos::Noun { 6 } else { 4 };
        let mut before: Vec<usize> =
            (range.start.max(first.saturating_sub(reach))..first).collect();
        if let Some(cut) = before
            .iter()
            .rposition(|&i| matches!(self.lw(i), "," | ";" | ":" | "“" | "\"" | "but" | "and"))
        {
            before.drain(..=cut);
        }
        Reading {
            cue,
            tokens: &m.tokens,
            first,
            last,
            head,
            sentence,
            range,
            clause,
            before,
            reach,
        }
    }

    /// The event a chosen cue codes, if it names anyone taking part; `events`
    /// are those coded before it (a participle may continue the last one).
    fn code_reading(
        &self,
        m: &CueMatch,
        actors: &mut Vec<Actor>,
        events: &[Event],
    ) -> Option<Event> {
        let r = self.read(m);
        let cue = r.cue;
        // (nor is an act on oneself: "he speaks to himself")
        if self.asked_of_the_subject(&r) || self.is_a_question(&r) || self.done_to_oneself(&r) {
            return None;
        }
        // an act on people done to a thing that names no one ("released footage") is none
        if let Some(w) = self.thing_acted_on(&r) {
            self.named_by_the_thing(&r, w).next()?;
        }
        let mut negated = self.is_negated(&r);
        let (mut p, passive) = self.participants(&r, actors, events);
        let labour_strike = is_a_labour_strike(&r, &p, actors);
        let act = self.act_read(&r, labour_strike, passive, &mut p, actors);
        let official_protest =
            is_an_official_protest(&r, &p, actors, &self.doc.tokens[r.head].lemma);
        let act = match official_protest {
            true => self.complained_to(&r, &mut p),
            false => act,
        };
        let (mut event_type, mut modality) = self.modality(&r, act);
        // Reported speech: a speech verb of someone else governs the clause.
        let quote = quote_holding(self.quotes, self.doc.tokens[r.head].span);
        if modality == Modality::Asserted && quote.is_some_and(|q| self.quotes[q].direct) {
            modality = Modality::Reported;
        }
        self.the_speakers_part(&r, &mut p, quote, event_type, passive);
        self.unbind_object_pronoun(&r, &mut p, actors);
        self.unbind_possessive_target(&r, &mut p, event_type);
        // "A and B signed an accord": a formal agreement (CAMEO 057) binds its signatories to each other
        let mutual = self.done_to_each_other(&r) || r.cue.cameo == SIGN_AGREEMENT;
        // "a truce brokered by Qatar and Egypt": co-mediators do not meet
        // each other; they mediate between the parties of the act just told
        p.mediation = event_type == cue.event && cue.mode.as_deref() == Some("mediate");
        if p.mediation && p.targets.is_empty() {
            p.targets = mediated_parties(events, r.sentence, &p.sources);
        }
        settle_self_and_reciprocal(&mut p, event_type, mutual, actors);
        let location = self.event_location(&r);
        // the country the text places the act in (a dateline says where the story was filed)
        let placed_in = location
            .filter(|&(_, basis)| basis == LocationBasis::Text)
            .and_then(|(p, _)| self.country_of_place(p));
        self.implicit_actors(&r, &mut p, event_type, passive, placed_in, actors);
        if event_type == EventType::Consult
            && cue.mode.as_deref() == Some("visit")
            && !is_a_visit(&p, actors)
        {
            return None;
        }
        // Protest and repression without a named target face the source's own
        // state; so does a strike that workers threaten
        if p.targets.is_empty()
            && modality == Modality::Asserted
            && (matches!(event_type, EventType::Protest | EventType::Coerce) || labour_strike)
        {
            self.target_own_state(&mut p, actors);
        }
        if p.sources.is_empty() && p.targets.is_empty() {
            return None;
        }
        let date = nearest_date(self.doc, self.dates, r.head, r.sentence)
            .map(|d| (d.value.clone(), d.precision, DateBasis::Text))
            .or_else(|| {
                self.published
                    .map(|p| (p.to_string(), DatePrecision::Day, DateBasis::Published))
            });
        let confidence = self.confidence(&r, &p);
        // "will not accept more refugees", "did not agree to": a refusal
        if negated
            && r.is_verb()
            && event_type == EventType::Agree
            && matches!(cue.pattern[0].as_str(), "accept" | "agree")
        {
            event_type = EventType::Reject;
            negated = false;
        }
        let as_cued = event_type == cue.event;
        let uncoded_recipient = p.targets.is_empty()
            && !p.on_its_own
            && self.names_an_uncoded_target(&r, event_type, passive);
        Some(Event {
            event: event_type,
            mode: if as_cued { cue.mode.clone() } else { None },
            context: cue.context.iter().cloned().collect(),
            sources: p.sources,
            targets: p.targets,
            sentence: r.sentence,
            trigger: r.first..r.last + 1,
            date,
            location,
            modality,
            negated,
            quote,
            cameo: if as_cued {
                cue.cameo.clone()
            } else {
                event_type.cameo_root().to_string()
            },
            confidence,
            passive,
            cue: format!(
                "{} ({})",
                cue.pattern.join(" "),
                if r.is_verb() { "V" } else { "N" }
            ),
            // "no negotiations" is reported as not happening
            unanchored_noun: !r.is_verb() && !negated && !self.noun_is_anchored(&r),
            possessed: self.is_possessed(&r),
            uncoded_recipient,
        })
    }

    /// Who does the act a reading names and to whom, and whether it is told
    /// in the passive: from the words and tree around it, then from the
    /// acts told before it.
    fn participants(
        &self,
        r: &Reading,
        actors: &mut Vec<Actor>,
        events: &[Event],
    ) -> (Participants, bool) {
        let passive = self.is_passive(r);
        // "arrested in 2018 and sentenced in 2020": a participle coordinated with a passive one
        let continued = events
            .last()
            .filter(|prev| !passive && self.continues_passive(r, prev));
        let mut p = match continued {
            Some(prev) => self.continued_participants(r, prev),
            None if passive => self.passive_participants(r),
            None => self.active_participants(r, actors),
        };
        let passive = passive || continued.is_some();
        // "companies accused of supplying Russia": the accusation is done
        // to them, by no one the words name
        if let Some(a) = self.accused_at(r, r.first) {
            // (a passive keeps its "by" agent: "charged with fraud by prosecutors")
            if !passive {
                p.sources.clear();
                p.subject_not_actor = true;
            }
            p.sources.retain(|&s| s != a);
            p.targets = vec![a];
        }
        if !passive && p.sources.is_empty() {
            self.done_by_the_act_it_names(r, &mut p, events);
        }
        if p.targets.is_empty() {
            self.aimed_at_the_act_it_names(r, &mut p, events, passive);
        }
        self.aimed_at_who_brought_it_on(r, &mut p);
        if self.answered_by_retaliation(r) {
            // "Israel struck Gaza in retaliation for the rocket attacks": the
            // act struck back at is done by those the retaliation is done to
            let struck_back = events.last().filter(|e| e.sentence == r.sentence);
            let others = struck_back.map_or(&[][..], |e| &e.targets[..]);
            p.sources = others
                .iter()
                .copied()
                .filter(|a| !p.targets.contains(a))
                .collect();
            p.subject_not_actor = p.sources.is_empty();
        }
        (p, passive)
    }

    /// What the speaker of the quote an act is told in is to it: its source
    /// where no one else is, and no target where only the attribution
    /// names them.
    fn the_speakers_part(
        &self,
        r: &Reading,
        p: &mut Participants,
        quote: Option<usize>,
        event_type: EventType,
        passive: bool,
    ) {
        self.sources_from_the_speaker(r, p, quote, event_type, passive);
        self.no_target_in_the_attribution(quote, event_type, p);
    }

    /// "South Korea and Japan agreed to resume talks, officials in Seoul
    /// said": of an act two or more do, told in a quote, the speaker named
    /// only in the attribution is not the one they did it to (they did it
    /// to each other). "Iran said Israel attacked it" names Iran inside
    /// what was said, and keeps it.
    fn no_target_in_the_attribution(
        &self,
        quote: Option<usize>,
        event_type: EventType,
        p: &mut Participants,
    ) {
        // "troops killed 23 rebels in fighting, the ministry said": those
        // who tell of force are not those it was used on
        let force = matches!(event_type, EventType::Assault | EventType::Mobilize);
        let Some(q) = quote
            .map(|q| &self.quotes[q])
            .filter(|_| p.sources.len() >= 2 || force)
        else {
            return;
        };
        let Some(speaker) = q.speaker.filter(|s| p.targets.contains(s)) else {
            return;
        };
        let first = self
            .mentions
            .partition_point(|m| m.span.start < q.span.start);
        let named_inside = self.mentions[first..]
            .iter()
            .take_while(|m| m.span.end <= q.span.end)
            .any(|m| m.actor == Some(speaker));
        if !named_inside {
            p.targets.retain(|&t| t != speaker);
        }
    }

    /// Whether a verb's act is done to the doer, a reflexive pronoun right
    /// after it or its preposition ("speaks to himself", "armed themselves").
    fn done_to_oneself(&self, r: &Reading) -> bool {
        let mut i = r.last + 1;
        if i < r.range.end && PREPOSITIONS.contains(&self.lw(i)) {
            i += 1;
        }
        r.is_verb() && i < r.range.end && {
            let w = self.lw(i);
            matches!(
                w,
                "himself" | "herself" | "themselves" | "itself" | "oneself"
            )
        }
    }

    /// "Iran said Israel attacked it": an object pronoun resolved to the
    /// verb's own subject stands for the one named before it in the
    /// sentence, else for the subject of the sentences before ("Ukrainian
    /// soldiers held the square. Russian troops shelled them").
    fn unbind_object_pronoun(&self, r: &Reading, p: &mut Participants, actors: &[Actor]) {
        if !r.is_verb() {
            return;
        }
        let Some(k) = crate::tree::object_pronoun_bound_by_subject(self.doc, self.mentions, r.head)
        else {
            return;
        };
        let Some(bound) = self.mentions[k].actor else {
            return;
        };
        let other = crate::actors::antecedent_other_than(self.mentions, actors, k, bound);
        for t in p.targets.iter_mut().filter(|t| **t == bound) {
            if let Some(o) = other {
                *t = o;
            }
        }
        if other.is_none() {
            p.targets.retain(|&t| t != bound);
        }
    }

    /// "Pakistan accused India of violating its airspace", "Iran said
    /// Israel struck its embassy": a hostile act's target that is its own
    /// source, reached only through a possessive pronoun after the
    /// trigger, is the subject of a verb above the act in the tree (the
    /// accuser, the speaker), who the pronoun stands for; else nobody:
    /// "plans to impose restrictions on its labour market" is told with no
    /// target, not an uncoded one, but force on "her daughter" names
    /// someone no code places. A friendly act on "its own" is the doer's
    /// business ("cut their own pay"): `settle_self_and_reciprocal` leaves
    /// it without a target.
    fn unbind_possessive_target(&self, r: &Reading, p: &mut Participants, event: EventType) {
        if event.quad_class().0 < 3 {
            return;
        }
        let after = r.first..r.range.end;
        for t in p.targets.clone() {
            if !p.sources.contains(&t) {
                continue;
            }
            let of_t = |m: &&Mention| m.actor == Some(t) && after.contains(&m.tokens.start);
            let pronoun = |m: &Mention| matches!(m.kind, MentionKind::Pronoun(_));
            let mut named = self.mentions.iter().filter(of_t);
            if named.clone().any(|m| !pronoun(m)) {
                continue;
            }
            let possessive = named.any(|m| {
                pronoun(m) && matches!(self.lw(m.tokens.start), "its" | "their" | "his" | "her")
            });
            if !possessive {
                continue;
            }
            let above = self.subject_above(r.head, &p.sources);
            p.targets.retain(|&x| x != t);
            // (force on "her daughter" is on someone no code places)
            let on_bodies = matches!(event, EventType::Assault | EventType::Coerce);
            p.on_its_own = above.is_none() && p.targets.is_empty() && !on_bodies;
            p.targets.extend(above.filter(|o| !p.targets.contains(o)));
        }
    }

    /// The first actor, other than `not`, that the tree gives as subject
    /// of a word above `w` (its governor, that one's, … up to the root).
    fn subject_above(&self, w: usize, not: &[usize]) -> Option<usize> {
        let mut v = w;
        for _ in 0..8 {
            v = self.doc.syntax.get(v)?.head? as usize;
            if let Some(a) = self
                .subject_actors(v)
                .into_iter()
                .find(|a| !not.contains(a))
            {
                return Some(a);
            }
        }
        None
    }

    /// Whether the tree names whom the act was done to where the rules
    /// placed nobody: someone acted on, a thing under violence or coercion
    /// ("captured four medals" names no actor it was done to), or a party
    /// in the cue's target slot.
    fn names_an_uncoded_target(&self, r: &Reading, event_type: EventType, passive: bool) -> bool {
        let on_a_thing = || {
            matches!(event_type, EventType::Assault | EventType::Coerce)
                && crate::tree::has_noun_object(self.doc, r.head, passive)
        };
        r.is_verb()
            && (crate::tree::names_someone_acted_on(self.doc, self.mentions, r.head, passive)
                || on_a_thing())
            || crate::tree::fills_target_slot(
                self.doc,
                self.mentions,
                r.tokens,
                r.is_verb(),
                passive,
                &r.cue.targets,
            )
    }

    /// Whether the text counts an event noun ("two air raids") or gives it a
    /// date or place of its own ("the attack on Friday", "an explosion in
    /// Shiraz", "Friday's attack", "the Kabul bombing"): what anchors an act
    /// in the world when the noun names nobody it was done to.
    fn noun_is_anchored(&self, r: &Reading) -> bool {
        let dates = dates_in(self.doc, self.dates, r.sentence);
        let in_date = |i: usize| dates.iter().any(|d| d.tokens.contains(&i));
        // a place, not a nationality ("Turkish" names who, not where)
        let in_place = |i: usize| {
            self.sentence_mentions(r.sentence).iter().any(|m| {
                m.tokens.contains(&i)
                    && (m.place.is_some() || m.country_entry.is_some())
                    && m.entity_type != herald_core::EntityType::Norp
            })
        };
        let anchor = |i: usize| in_date(i) || in_place(i);
        // back over the noun's modifiers: a count, a date's or place's possessive, a place
        let mut i = r.first;
        while i > r.range.start && r.first - i < 3 {
            i -= 1;
            let w = self.lw(i);
            if COUNTS.contains(&w) || w.chars().all(|c| c.is_ascii_digit()) {
                return true;
            }
            if is_possessive(w) {
                return i > r.range.start && anchor(i - 1);
            }
            if anchor(i) {
                return true;
            }
            let clause_word = crate::tree::upos(self.doc, i)
                .is_some_and(|u| matches!(u, Upos::Verb | Upos::Aux | Upos::Adp | Upos::Pron));
            if clause_word || PREPOSITIONS.contains(&w) {
                break;
            }
        }
        // forward: "on Friday", "last week", "in a supermarket in Shiraz"
        let after = r.last + 1;
        if after >= r.range.end || in_date(after) {
            return after < r.range.end;
        }
        matches!(self.lw(after), "in" | "on" | "at" | "near" | "outside")
            && (after + 1..(after + 6).min(r.range.end))
                .take_while(|&i| !matches!(self.lw(i), "," | ";" | "." | "and" | "that" | "which"))
                .any(anchor)
    }

    /// "Asked how Malta could compete, Mamo said …", "Asked about the talks,
    /// she said": a participle opening the sentence tells that its subject
    /// was asked, by someone the text does not name, not that it asked.
    /// "Peskov asked.", "asked why the women stayed quiet", "asked him
    /// whether": "ask" telling a question, not a request (which asks
    /// someone to do something, for something, or that something be done).
    fn is_a_question(&self, r: &Reading) -> bool {
        if !(r.is_verb() && r.tokens.len() == 1 && r.cue.pattern[0] == "ask") {
            return false;
        }
        let mut next = r.last + 1;
        if next < r.range.end && crate::mentions::is_object_pronoun(self.lw(next)) {
            next += 1;
        }
        next >= r.range.end
            || matches!(
                self.lw(next),
                "how"
                    | "what"
                    | "why"
                    | "when"
                    | "where"
                    | "who"
                    | "whether"
                    | "if"
                    | "about"
                    | "."
                    | ","
                    | "?"
                    | "\""
                    | "”"
            )
    }

    fn asked_of_the_subject(&self, r: &Reading) -> bool {
        r.is_verb()
            && r.first == r.range.start
            && self.doc.tokens[r.first].lower == "asked"
            && r.first + 1 < r.range.end
            && matches!(
                self.lw(r.first + 1),
                "how"
                    | "what"
                    | "why"
                    | "when"
                    | "where"
                    | "who"
                    | "whether"
                    | "if"
                    | "about"
                    | "to"
                    | "for"
                    | "by"
                    | "on"
            )
    }

    /// Negation: "did not meet", "no negotiations", "never attacked".
    /// "accused each other", "traded blame with one another": the act's
    /// object, within a few words of its cue, is the doers themselves.
    fn done_to_each_other(&self, r: &Reading) -> bool {
        let doc = self.doc;
        // "Indian and Chinese troops clashed": a mutual act's subjects
        if r.is_verb() && MUTUAL_ACTS.contains(&r.cue.pattern[0].as_str()) {
            return true;
        }
        let sentence = &doc.sentences[doc.sentence_of(r.head)];
        let end = (r.head + 6).min(sentence.tokens.end);
        (r.head + 1..end.saturating_sub(1)).any(|i| {
            matches!(
                (
                    doc.tokens[i].lower.as_str(),
                    doc.tokens[i + 1].lower.as_str()
                ),
                ("each", "other") | ("one", "another")
            )
        })
    }

    fn is_negated(&self, r: &Reading) -> bool {
        let near = if r.is_verb() { 3 } else { 6 };
        // "Iran denied that it supplied drones", "denied supplying": the act
        // denied ("denied one nation's request": the request was made)
        let denied = r.is_verb()
            && r.before
                .iter()
                .rev()
                .take(DENIAL_WITHIN)
                .any(|&i| self.doc.tokens[i].lemma == "deny");
        // "cancelled the talks", "was due to visit…, but the visit was postponed"
        let called_off = if r.is_verb() {
            self.infinitive_governor(r)
                .is_some_and(|w| SCHEDULES.contains(&w))
                && (r.head + 1..r.range.end).any(|v| crate::tree::calls_off(self.doc, v))
        } else {
            crate::tree::called_off(self.doc, r.head)
        };
        denied
            || called_off
            || r.before
                .iter()
                .rev()
                .take(near)
                .any(|&i| NEGATORS.contains(&self.lw(i)))
                && !r
                    .before
                    .iter()
                    .any(|&i| matches!(self.lw(i), "only" | "but"))
    }

    /// Passive: "was arrested by police", or a reduced relative ("Whelan,
    /// former Marine arrested in 2018").
    fn is_passive(&self, r: &Reading) -> bool {
        let word = &self.doc.tokens[r.first];
        // "Russia's foreign ministry condemned": a possessive, not "is"; "it's banned" is
        let possessive_s = |i: usize| {
            is_possessive(self.lw(i))
                && !(i > r.range.start
                    && matches!(
                        self.lw(i - 1),
                        "it" | "he" | "she" | "that" | "what" | "who" | "there" | "here"
                    ))
        };
        r.is_verb()
            && word.lower != word.lemma
            && !word.lower.ends_with("ing")
            && !word.lower.ends_with('s')
            && (r
                .before
                .iter()
                .rev()
                .take(3)
                .any(|&i| BE_FORMS.contains(&self.lw(i)) && !possessive_s(i))
                || self.is_reduced_relative(r)
                || crate::tree::is_passive_verb(self.doc, r.head))
    }

    /// "Whelan, former Marine arrested in 2018": a participle right after a
    /// set-off actor, followed by a word of when or where.
    fn is_reduced_relative(&self, r: &Reading) -> bool {
        let (first, range) = (r.first, &r.range);
        let set_off = || {
            self.sentence_mentions(r.sentence).iter().any(|x| {
                x.tokens.end == first
                    && x.tokens.start > range.start
                    && matches!(self.lw(x.tokens.start - 1), "," | "former" | "a" | "an")
            }) && first + 1 < range.end
                && matches!(
                    self.lw(first + 1),
                    "in" | "on"
                        | "by"
                        | "at"
                        | "for"
                        | "after"
                        | "during"
                        | "last"
                        | "this"
                        | "over"
                )
        };
        // "two men accused of spying", "a man charged with murder": no object
        // follows; but a preposition that brings the cue's own target makes
        // the verb active ("protesters clashed with police")
        let own_preposition = |p: &str| {
            r.cue
                .targets
                .iter()
                .any(|t| matches!(t, TargetSlot::Prep(x) if x == p))
        };
        let of_what = || {
            first + 1 < range.end
                && matches!(self.lw(first + 1), "of" | "with")
                && !own_preposition(self.lw(first + 1))
                && self
                    .sentence_mentions(r.sentence)
                    .iter()
                    .any(|x| x.tokens.end == first && x.actor.is_some())
        };
        // "schoolgirls kidnapped by Boko Haram": the parse hangs a participle
        // and its agent on a noun before it, whether or not an actor's
        let by_agent = || {
            first + 1 < range.end
                && self.lw(first + 1) == "by"
                && self.modified_noun(first).is_some()
        };
        // "accused of spying" may be one cue of two words
        (self.lw(first).ends_with("ed")
            && (of_what()
                || r.tokens.len() == 1 && (set_off() || self.participle_of_an_actor(first))))
            || r.tokens.len() == 1 && by_agent()
    }

    /// The noun before participle `first` that the parse makes it modify
    /// (`acl`): "schoolgirls" of "schoolgirls kidnapped by Boko Haram".
    fn modified_noun(&self, first: usize) -> Option<usize> {
        let s = self.doc.syntax.get(first)?;
        let h = s.head? as usize;
        (s.deprel.as_str() == "acl"
            && h < first
            && crate::tree::upos(self.doc, first) == Some(Upos::Verb)
            && matches!(
                crate::tree::upos(self.doc, h),
                Some(Upos::Noun | Upos::Propn)
            ))
        .then_some(h)
    }

    /// "two men accused of spying", "soldiers wounded in the attack": the
    /// parse hangs participle `first` on a noun that an actor's mention
    /// holds, and a preposition follows it, no object or clause ("officials
    /// alleged that" is a past tense the parse may misread).
    fn participle_of_an_actor(&self, first: usize) -> bool {
        let Some(s) = self.doc.syntax.get(first) else {
            return false;
        };
        let next = self
            .doc
            .tokens
            .get(first + 1)
            .map_or("", |t| t.lower.as_str());
        // a verb before the noun: the noun is no subject of a main verb the
        // parse misread ("Sudan's army and the RSF agreed to a truce")
        let sentence_start = self.doc.sentences[self.doc.sentence_of(first)].tokens.start;
        let verb_before = |h: usize| {
            (sentence_start..h)
                .any(|i| matches!(crate::tree::upos(self.doc, i), Some(Upos::Verb | Upos::Aux)))
        };
        PREPOSITIONS.contains(&next)
            && s.deprel.as_str() == "acl"
            && crate::tree::upos(self.doc, first) == Some(Upos::Verb)
            && s.head.is_some_and(|h| {
                let h = h as usize;
                h < first
                    && verb_before(h)
                    && self
                        .sentence_mentions(self.doc.sentence_of(first))
                        .iter()
                        .any(|x| x.tokens.contains(&h) && x.actor.is_some())
            })
    }

    /// Whether an event noun is itself its clause's subject ("The attack
    /// killed 12", "an explosion could be the cause").
    fn noun_is_a_subject(&self, r: &Reading) -> bool {
        !r.is_verb()
            && self
                .doc
                .syntax
                .get(r.head)
                .is_some_and(|s| s.head.is_some() && s.deprel.universal() == "nsubj")
    }

    /// "The strikes killed 12 civilians, officials said": an act named by a
    /// noun (a verb cue's subject, or the event noun itself) was done by no
    /// speaker; "the strikes" (a definite act) were done by whoever did the
    /// last act of that kind told in this sentence or the two before.
    fn done_by_the_act_it_names(&self, r: &Reading, p: &mut Participants, events: &[Event]) {
        // the verb's subject, or an event noun that is a subject itself ("The attack killed 12")
        let act = if r.is_verb() {
            crate::tree::subject_word(self.doc, r.first)
        } else {
            self.noun_is_a_subject(r).then_some(r.head)
        };
        let Some(subject) = act else {
            return;
        };
        let Some(kind) = self.noun_act_at[subject] else {
            return;
        };
        p.subject_not_actor = true;
        if !self.named_definitely(r.range.start, subject) {
            return;
        }
        if let Some(e) = last_act_of(events, kind, r.sentence, subject) {
            p.sources = e.sources.clone();
        }
    }

    /// Whether noun `noun` names its act as one known ("the strikes",
    /// "these attacks"): a definite determiner within three words before
    /// it, from word `from` on.
    fn named_definitely(&self, from: usize, noun: usize) -> bool {
        (from..noun)
            .rev()
            .take(3)
            .any(|i| matches!(self.lw(i), "the" | "these" | "those" | "this" | "that"))
    }

    /// "Israel struck Hezbollah. Iran condemned the strikes": a verb of
    /// criticism, support or rejection whose object is a definite act ("the
    /// strikes", "the deal", "rejected the proposal") named by an event noun
    /// is done to whoever did the last act of that kind told in this
    /// sentence or the two before (both sides of a mutual one); so is one
    /// whose passive subject is ("The visit was condemned by Poland").
    fn aimed_at_the_act_it_names(
        &self,
        r: &Reading,
        p: &mut Participants,
        events: &[Event],
        passive: bool,
    ) {
        // a reaction to the act, not a material act on what it gave ("cut the aid")
        let reaction = matches!(
            r.cue.event,
            EventType::Accuse | EventType::Support | EventType::Reject
        );
        if !r.is_verb() || !reaction {
            return;
        }
        let (object, from) = if passive {
            let subject = crate::tree::passive_subject_word(self.doc, r.head);
            (subject, r.range.start)
        } else {
            (crate::tree::object_word(self.doc, r.head), r.head + 1)
        };
        let Some(object) = object else {
            return;
        };
        if !self.named_definitely(from, object) {
            return;
        }
        // "rejected the proposal": an event noun inside the verb's own pattern
        let noun_cue = || {
            let lemma = self.doc.tokens[object].lemma.as_str();
            let cue = self.kb.cue_index.lone_noun_cue(lemma)?;
            Some(self.kb.cues[cue as usize].event)
        };
        let Some(kind) = self.noun_act_at[object].or_else(noun_cue) else {
            return;
        };
        if let Some(e) = last_act_of(events, kind, r.sentence, object) {
            let mutual = kind.is_reciprocal();
            let doers = e.sources.iter().chain(e.targets.iter().filter(|_| mutual));
            p.targets = doers.copied().filter(|a| !p.sources.contains(a)).collect();
        }
    }

    /// An official protest is a complaint (ACCUSE), made to the state
    /// named right after it ("Japan protested to China over …").
    fn complained_to(&self, r: &Reading, p: &mut Participants) -> EventType {
        let to = r.last + 1;
        if matches!(
            self.doc.tokens.get(to).map(|t| t.lower.as_str()),
            Some("to" | "with")
        ) {
            let addressee = r
                .clause
                .actors
                .iter()
                .find(|m| (to + 1..to + 3).contains(&m.tokens.start))
                .and_then(|m| m.actor)
                .filter(|a| !p.sources.contains(a));
            if let Some(a) = addressee {
                p.targets = vec![a];
            }
        }
        EventType::Accuse
    }

    /// "Hungary blocked the package, drawing criticism from Poland": a
    /// reaction noun that a verb brings on is aimed at that verb's doer
    /// (`tree::brought_on_by`, else by word positions), not at whoever else
    /// the clause names; at no one when a thing nobody owns brought it on
    /// ("the ruling sparked condemnation from Washington").
    fn aimed_at_who_brought_it_on(&self, r: &Reading, p: &mut Participants) {
        let reaction = matches!(
            r.cue.event,
            EventType::Accuse | EventType::Protest | EventType::Reject | EventType::Threaten
        );
        if r.is_verb() || !reaction {
            return;
        }
        match crate::tree::brought_on_by(self.doc, self.mentions, r.head) {
            TreeSubject::Mentions(ms) => {
                let causers = ms.iter().filter_map(|&k| self.mentions[k].actor);
                p.targets = causers.filter(|a| !p.sources.contains(a)).collect();
            }
            TreeSubject::NotAnActor => p.targets.clear(),
            // a parse that misses the verb: its subject by word positions
            TreeSubject::Unknown => {
                let Some(cause) = crate::tree::reaction_cause_before(self.doc, r.head) else {
                    return;
                };
                // within the verb's own clause: no comma nor clause word between
                let opens_clause = |i: usize| {
                    self.doc.tokens[i]
                        .lower
                        .chars()
                        .all(|c| c.is_ascii_punctuation())
                        || CLAUSE_OPENERS.contains(&self.lw(i))
                };
                let causers = r.clause.subject_left(cause);
                let causers = causers
                    .iter()
                    .filter(|&&k| !(r.clause.actors[k].tokens.end..cause).any(opens_clause))
                    .filter_map(|&k| r.clause.actors[k].actor);
                let causers: Vec<usize> = causers.filter(|a| !p.sources.contains(a)).collect();
                if !causers.is_empty() {
                    p.targets = causers;
                }
            }
        }
    }

    /// With no source named, the speaker of the act: not for violence ("a
    /// woman was killed, authorities said"), not for
    /// an act set beside the speaker's own ("would resign after the
    /// protests"), and not those a passive was done to ("two men accused
    /// of spying").
    fn sources_from_the_speaker(
        &self,
        r: &Reading,
        p: &mut Participants,
        quote: Option<usize>,
        event_type: EventType,
        passive: bool,
    ) {
        // "a bus plunged into a ravine, killing 24, authorities said": those
        // who tell of violence are not who did it (but those who tell of
        // arrests are often those who made them)
        let violence = event_type == EventType::Assault;
        // "said he would resign after the protests": the speaker's act is the other one
        let beside_the_act = !r.is_verb() && crate::tree::in_settled_event_phrase(self.doc, r.head);
        if p.sources.is_empty() && !p.subject_not_actor && !violence && !beside_the_act {
            p.sources = self.speaker_sources(r, quote, event_type);
            if passive {
                let targets = &p.targets;
                p.sources.retain(|s| !targets.contains(s));
            }
        }
    }

    /// Whether a verb cue is a participle after "and" that continues the
    /// passive event `prev` of the same sentence.
    fn continues_passive(&self, r: &Reading, prev: &Event) -> bool {
        r.is_verb()
            && r.first > r.range.start
            && self.lw(r.first - 1) == "and"
            && self.lw(r.first).ends_with("ed")
            && prev.sentence == r.sentence
            && prev.passive
    }

    /// A continued passive keeps the target of the one it continues, and
    /// its agent unless it names its own ("… and sentenced by a court").
    fn continued_participants(&self, r: &Reading, prev: &Event) -> Participants {
        let mut sources = r.clause.prep_object(r.last + 1, "by");
        if sources.is_empty() {
            sources = prev.sources.clone();
        }
        Participants {
            sources,
            targets: prev.targets.clone(),
            ..Default::default()
        }
    }

    /// A passive's subject is its target, its "by" phrase its source.
    fn passive_participants(&self, r: &Reading) -> Participants {
        // a reduced relative acts on the noun it modifies, an actor or not
        if let Some(noun) = self.modified_noun(r.first) {
            return Participants {
                sources: r.clause.prep_object(r.last + 1, "by"),
                targets: self.actor_holding(r, noun).into_iter().collect(),
                ..Default::default()
            };
        }
        let mut targets = r.clause.subject_left(r.first);
        if targets.is_empty() {
            // "a camp for Congolese refugees was attacked": the nearest actor before
            targets = r
                .clause
                .actors
                .iter()
                .rev()
                .find(|x| x.tokens.end <= r.first)
                .and_then(|x| x.actor)
                .into_iter()
                .collect();
        }
        let mut sources = r.clause.prep_object(r.last + 1, "by");
        if sources.is_empty() && r.cue.event == EventType::Assault {
            sources = self.fought_with(r);
        }
        Participants {
            sources,
            targets,
            ..Default::default()
        }
    }

    /// "were killed in clashes with Pakistani troops", "died in an exchange
    /// of fire with rebels": those fought with, named after a noun of
    /// fighting in the phrase after the passive.
    fn fought_with(&self, r: &Reading) -> Vec<usize> {
        let end = (r.last + 9).min(r.range.end);
        let fighting = (r.last + 1..end)
            .take_while(|&i| !matches!(self.lw(i), "," | ";" | "by" | "after" | "when"))
            .find(|&i| FIGHTING_NOUNS.contains(&self.doc.tokens[i].lemma.as_str()));
        let Some(noun) = fighting else {
            return Vec::new();
        };
        let in_fighting = (r.last + 1..noun).any(|i| matches!(self.lw(i), "in" | "during"));
        let with = noun + 1 + (self.lw(noun + 1) == "of") as usize * 2;
        if !in_fighting || with >= r.range.end || self.lw(with) != "with" {
            return Vec::new();
        }
        r.clause.object_right(with + 1, 5, false)
    }

    /// An active verb's or a noun's source and target: named around a noun,
    /// the clause's subject, the cue's target slots, then the fallbacks.
    fn active_participants(&self, r: &Reading, actors: &mut Vec<Actor>) -> Participants {
        let mut p = Participants::default();
        // nouns, and verbs read as nouns ("Surprise meeting between…")
        if !r.is_verb() || self.lw(r.first).ends_with("ing") {
            self.named_with_noun(r, &mut p);
        }
        // "he was the victim of harassment": done to him, by no one named
        // but an agent ("an assault by police")
        if let Some(victims) = self.victims_of(r) {
            p.sources.retain(|s| !victims.contains(s));
            p.targets = victims;
            p.subject_not_actor = p.sources.is_empty();
            return p;
        }
        // "Chinese companies accused of supplying Russia": the accused do it
        if let Some(a) = self.accused_before(r) {
            p.sources = vec![a];
        }
        // "a UN-brokered deal", "Qatari-mediated talks": the participle's agent
        if r.is_verb() && r.first >= 2 && self.lw(r.first - 1) == "-" {
            let agent = r.clause.actors.iter().find(|x| x.tokens.end == r.first - 1);
            p.sources = agent.and_then(|x| x.actor).into_iter().collect();
        }
        if p.sources.is_empty() && !self.is_governed_noun(r) && !self.is_object_of_another_act(r) {
            self.clause_subject(r, &mut p);
        }
        if p.sources.is_empty() && !r.is_verb() {
            p.sources = self.met_by_the_clause_subject(r);
        }
        if p.targets.is_empty() {
            p.targets = self.cue_targets(r);
        }
        // "visited Moscow": a visit to a place is a meeting with its government;
        // a meeting held in a place ("met in Geneva") is not one with its host
        if p.targets.is_empty() && r.cue.event == EventType::Consult {
            let visit = r.cue.mode.as_deref() == Some("visit");
            let place = self.sentence_mentions(r.sentence).iter().find(|x| {
                x.place.is_some()
                    && x.tokens.start > r.last
                    && x.tokens.start <= r.last + 3
                    && (visit || !crate::places::is_located(self.doc, x.tokens.start))
            });
            if let Some(c) = place.and_then(|x| x.country_or_first_place(self.kb)) {
                p.targets = vec![ensure_state(self.kb, actors, c)];
            }
        }
        self.target_of_own_country(r, &mut p, actors);
        p
    }

    /// "a meeting between A and B", "A's attack on B", "an attack by A",
    /// "two Turkish air raids": the actors a noun of an act names with it.
    fn named_with_noun(&self, r: &Reading, p: &mut Participants) {
        let (first, last, cue) = (r.first, r.last, r.cue);
        let between = (last + 1..(last + 10).min(r.range.end))
            .take_while(|&i| !matches!(self.lw(i), "," | ";" | "." | "and"))
            .find(|&i| self.lw(i) == "between");
        // "A's attack on B", "North Korea's latest missile launch"
        let mut at = first;
        while at > r.range.start + 2
            && first - at < 2
            && self.doc.tokens[at - 1].shape == Shape::Lower
            && !DETERMINERS.contains(&self.lw(at - 1))
            && !PREPOSITIONS.contains(&self.lw(at - 1))
            && !is_possessive(self.lw(at - 1))
        {
            at -= 1;
        }
        if at >= 2 && is_possessive(self.lw(at - 1)) {
            if let Some(x) = r.clause.actors.iter().find(|x| x.tokens.end == at - 1) {
                p.sources = x.actor.into_iter().collect();
            }
        }
        if let Some(b) = between {
            let both = r.clause.object_right(b + 1, 8, false);
            let mediation = cue.mode.as_deref() == Some("mediate")
                || cue.pattern.iter().any(|w| w.starts_with("mediat"));
            // "a mediation effort between A and B", "China's offer to
            // mediate between A and B": the one named before acts on both
            if (mediation || !p.sources.is_empty()) && !both.is_empty() {
                p.targets = both;
            } else if both.len() >= 2 {
                p.sources = vec![both[0]];
                p.targets = both[1..].to_vec();
            }
        }
        // "the attack on the convoy was carried out by X"
        if let Some(by) = self
            .passive_light_verb_after(r)
            .filter(|_| p.sources.is_empty())
        {
            p.sources = r.clause.prep_object(by, "by");
        }
        if p.sources.is_empty() {
            p.sources = r.clause.prep_object(last + 1, "by");
        }
        // "a village came under shelling from Russian forces": those it came
        // from did it to the subject of "came"
        if let Some(verb) = self.came_under(r).filter(|_| p.sources.is_empty()) {
            let by = ["from", "by"].iter().find_map(|prep| {
                Some(r.clause.prep_object(last + 1, prep)).filter(|a| !a.is_empty())
            });
            if let Some(doers) = by {
                p.sources = doers;
                p.targets = r.clause.subject_left(verb);
                return;
            }
        }
        // "drew criticism from Trump", "an offer from Kabul": what is said or
        // given comes from someone, and is done to whoever drew it
        let from_next = last + 1 < r.range.end && self.lw(last + 1) == "from";
        if p.sources.is_empty() && !r.is_verb() && from_next && comes_from_someone(cue.event) {
            p.sources = r.clause.object_right(last + 2, 6, false);
            if !p.sources.is_empty() {
                p.targets = self.subject_of_governing_verb(r);
            }
        }
        if p.sources.is_empty() && !r.is_verb() {
            if let Some(x) = self.mention_before_noun(r) {
                // "the China trip", "his Moscow visit": where the visit went
                // (but "the Turkish visit" is the Turks')
                let visited = cue.mode.as_deref() == Some("visit")
                    && matches!(x.kind, MentionKind::State | MentionKind::Place)
                    && x.entity_type != herald_core::EntityType::Norp;
                let side = if visited {
                    &mut p.targets
                } else {
                    &mut p.sources
                };
                *side = x.actor.into_iter().collect();
            }
        }
    }

    /// The verb of "came under", "was under" or "remained under" right
    /// before event noun `r`, but for adjectives ("came under heavy
    /// shelling").
    fn came_under(&self, r: &Reading) -> Option<usize> {
        if r.is_verb() {
            return None;
        }
        let under = (r.range.start..r.first)
            .rev()
            .take(3)
            .take_while(|&i| self.doc.tokens[i].shape == Shape::Lower)
            .find(|&i| self.lw(i) == "under")?;
        let verb = under.checked_sub(1).filter(|&v| v >= r.range.start)?;
        let lemma = self.doc.tokens[verb].lemma.as_str();
        matches!(lemma, "come" | "be" | "remain" | "fall").then_some(verb)
    }

    /// Where "by" stands right after a passive light verb that follows
    /// event noun `r` in its clause ("the attack on the convoy was carried
    /// out by"), read from the words: sentences with no verb cue go unparsed.
    fn passive_light_verb_after(&self, r: &Reading) -> Option<usize> {
        if r.is_verb() {
            return None;
        }
        let end = (r.last + 9).min(r.range.end);
        let be = (r.last + 1..end)
            .take_while(|&i| !matches!(self.lw(i), "," | ";" | "that" | "which" | "who"))
            .find(|&i| BE_FORMS.contains(&self.lw(i)))?;
        let verb = be + 1;
        let word = self.doc.tokens.get(verb)?;
        if !(LIGHT_VERBS.contains(&word.lemma.as_str()) && word.lower != word.lemma) {
            return None;
        }
        let particle = matches!(self.lw(verb + 1), "out" | "up" | "off");
        let by = verb + 1 + particle as usize;
        (by < r.range.end && self.lw(by) == "by").then_some(by)
    }

    /// The actors the parse gives as subject of the verb an event noun is
    /// the object of ("the caravan drew criticism"); unparsed, the subject
    /// left of the noun.
    fn subject_of_governing_verb(&self, r: &Reading) -> Vec<usize> {
        if crate::tree::upos(self.doc, r.head).is_none() {
            return r.clause.subject_left(r.first);
        }
        let Some(s) = self.doc.syntax.get(r.head) else {
            return Vec::new();
        };
        match (s.deprel.universal(), s.head) {
            ("obj", Some(verb)) => self.subject_actors(verb as usize),
            _ => Vec::new(),
        }
    }

    /// The actors of the active subject the tree gives verb `verb`; none
    /// where it names no one the coder knows.
    fn subject_actors(&self, verb: usize) -> Vec<usize> {
        match crate::tree::active_subject(self.doc, self.mentions, verb) {
            TreeSubject::Mentions(ms) => {
                ms.iter().filter_map(|&k| self.mentions[k].actor).collect()
            }
            _ => Vec::new(),
        }
    }

    /// "In a meeting with Yang, Moon said …", "during talks with Kyiv, the
    /// minister announced …": a meeting told as the setting of a clause was
    /// held by that clause's subject (the parse's); so was an act set in
    /// one of its own kind ("troops shot dead a teenager during a raid").
    fn met_by_the_clause_subject(&self, r: &Reading) -> Vec<usize> {
        let Some(s) = self.doc.syntax.get(r.head) else {
            return Vec::new();
        };
        let setting = s.deprel.universal() == "obl"
            && (r.range.start..r.first)
                .rev()
                .take(3)
                .any(|i| matches!(self.lw(i), "in" | "during" | "at" | "after"));
        // "shot dead a teenager during a raid": a time set on the verb's object is the verb's
        let during_on_noun = s.deprel.universal() == "nmod"
            && crate::tree::has_case(self.doc, r.head, |c| matches!(c, "during" | "amid"));
        let verb = if setting {
            s.head
        } else if during_on_noun {
            s.head
                .and_then(|n| self.doc.syntax.get(n as usize))
                .filter(|n| matches!(n.deprel.universal(), "obj" | "obl"))
                .and_then(|n| n.head)
        } else {
            None
        };
        let of_its_kind = |verb: usize| {
            (r.cue.event == EventType::Consult && setting)
                || self.verb_act_at[verb] == Some(r.cue.event)
        };
        verb.map(|v| v as usize)
            .filter(|&v| of_its_kind(v))
            .map_or_else(Vec::new, |v| self.subject_actors(v))
    }

    /// Who a gerund after "accused of", "charged with", "suspected of" is
    /// told of: the actor named right before the participle ("companies
    /// accused of supplying Russia", "a man charged with attacking"), or
    /// the one accused right before "of" ("accused the North of bombing",
    /// a noun's act too).
    fn accused_before(&self, r: &Reading) -> Option<usize> {
        let first = r.first;
        if !(self.lw(first).ends_with("ing") && first >= r.range.start + 3) {
            return None;
        }
        let passive = r.is_verb().then(|| self.accused_at(r, first - 2));
        passive
            .flatten()
            .or_else(|| self.accused_object_before(r, first - 1))
    }

    /// The actor named right before word `of` ("of", "with") as the object
    /// of a verb of accusing: "accused the North of".
    fn accused_object_before(&self, r: &Reading, of: usize) -> Option<usize> {
        if !matches!(self.lw(of), "of" | "with" | "for") {
            return None;
        }
        let x = r.clause.actors.iter().find(|x| x.tokens.end == of)?;
        let mut v = x.tokens.start.checked_sub(1)?;
        while v > r.range.start && DETERMINERS.contains(&self.lw(v)) {
            v -= 1;
        }
        let accusing = matches!(
            self.doc.tokens[v].lemma.as_str(),
            "accuse" | "charge" | "suspect" | "convict" | "blame"
        );
        accusing.then_some(x.actor).flatten()
    }

    /// The actor named right before participle `w` when it is "accused
    /// of", "charged with", "suspected of" or "convicted of".
    fn accused_at(&self, r: &Reading, w: usize) -> Option<usize> {
        let participle = &self.doc.tokens[w];
        let accused = r.is_verb()
            && participle.lower.ends_with("ed")
            && matches!(
                participle.lemma.as_str(),
                "accuse" | "charge" | "suspect" | "convict"
            )
            && matches!(
                self.doc.tokens.get(w + 1).map(|t| t.lower.as_str()),
                Some("of" | "with")
            );
        if !accused {
            return None;
        }
        // (not where it happened: "a Briton in Dubai charged with fraud")
        let named = r.clause.actors.iter().find(|x| x.tokens.end == w);
        named
            .filter(|x| !x.names_a_location(self.doc))
            .and_then(|x| x.actor)
    }

    /// Whether event noun `r` is what an act strikes back at: it follows a
    /// retaliation word and "for" or "to" (`kb/words.tsv`
    /// `retaliation_words`: "in retaliation for the attacks", "revenge for
    /// the killing", "in response to the assassination").
    fn answered_by_retaliation(&self, r: &Reading) -> bool {
        let mut i = r.first;
        while i > r.range.start && DETERMINERS.contains(&self.lw(i - 1)) {
            i -= 1;
        }
        if r.is_verb() || i < r.range.start + 2 || !matches!(self.lw(i - 1), "for" | "to") {
            return false;
        }
        // (whom it strikes back at may stand between: "revenge against Israel for")
        (i.saturating_sub(6).max(r.range.start)..i - 1)
            .rev()
            .take_while(|&k| !matches!(self.lw(k), "," | ";" | "."))
            .any(|k| RETALIATION_WORDS.contains(&self.lw(k)))
    }

    /// Those an event noun after "victim(s) of" was done to: the subject
    /// of "was/were the victim(s)" ("he was the victim of an assault",
    /// "two Israelis were victims of a stabbing"); none when the words
    /// name no victim; `None` when the noun is no victim's.
    fn victims_of(&self, r: &Reading) -> Option<Vec<usize>> {
        if r.is_verb() {
            return None;
        }
        // determiners and at most one adjective or noun before "and"
        // between ("of political repression", "of defamation and harassment")
        let (mut i, mut adjectives) = (r.first, 0);
        while i > r.range.start + 2 && self.lw(i - 1) != "of" {
            if DETERMINERS.contains(&self.lw(i - 1)) || matches!(self.lw(i - 1), "and" | "or") {
                i -= 1;
            } else if self.doc.tokens[i - 1].shape == Shape::Lower && adjectives == 0 {
                adjectives += 1;
                i -= 1;
            } else {
                break;
            }
        }
        if !(i >= r.range.start + 2
            && self.lw(i - 1) == "of"
            && matches!(self.lw(i - 2), "victim" | "victims"))
        {
            return None;
        }
        let mut j = i - 2;
        while j > r.range.start
            && (DETERMINERS.contains(&self.lw(j - 1)) || BE_FORMS.contains(&self.lw(j - 1)))
        {
            j -= 1;
        }
        let victim = r.clause.actors.iter().find(|x| x.tokens.end == j);
        Some(victim.and_then(|x| x.actor).into_iter().collect())
    }

    /// "two Turkish air raids", "the UN aid convoy": the mention of an actor
    /// named right before an event noun.
    fn mention_before_noun(&self, r: &Reading<'a>) -> Option<&'a Mention> {
        let first = r.first;
        let mut p = first;
        while p > r.range.start
            && first - p < 2
            && self.doc.tokens[p - 1].shape == Shape::Lower
            && !DETERMINERS.contains(&self.lw(p - 1))
            && !PREPOSITIONS.contains(&self.lw(p - 1))
        {
            p -= 1;
        }
        // with words between, only a nationality ("Turkish air raids"), not a subject ("Manila held joint exercises")
        let demonym = |x: &Mention| x.toponym.is_some() && x.country_entry.is_none();
        // "a UN-brokered deal", "a Saudi-led coalition air strike": a name
        // joined to the noun by a hyphen, or a group's right before it
        let hyphened = first >= 2 && self.lw(first - 1) == "-";
        // (a force, a government, rebels: not "church shootings", "court battles")
        let force = |x: &Mention| {
            matches!(x.kind, MentionKind::Group | MentionKind::Org)
                && matches!(
                    x.sector,
                    Some(
                        Sector::Cop
                            | Sector::Mil
                            | Sector::Gov
                            | Sector::Opp
                            | Sector::Reb
                            | Sector::Ins
                    )
                )
        };
        let joined =
            |x: &Mention| x.tokens.end == first - usize::from(hyphened) && (hyphened || force(x));
        let fits = |x: &Mention| {
            joined(x) || x.tokens.end == p && x.tokens.len() == 1 && (p == first || demonym(x))
        };
        r.clause.actors.iter().copied().find(|x| fits(x))
    }

    /// A noun governed by a preposition ("the substance of the conversation")
    /// is not the act of the clause's subject; a measure of it ("provide
    /// 25,000 tons of food aid") does not govern it.
    fn is_governed_noun(&self, r: &Reading) -> bool {
        let (first, range) = (r.first, &r.range);
        let mut p = first;
        while p > range.start
            && (DETERMINERS.contains(&self.lw(p - 1))
                || self.doc.tokens[p - 1].shape == Shape::Lower
                    && !PREPOSITIONS.contains(&self.lw(p - 1))
                    && !r.is_verb()
                    && p + 3 > first)
        {
            p -= 1;
        }
        let measured = p >= range.start + 2
            && self.lw(p - 1) == "of"
            && (MEASURES.contains(&self.lw(p - 2))
                || self
                    .lw(p - 2)
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit()));
        !r.is_verb()
            && p > range.start
            && PREPOSITIONS.contains(&self.lw(p - 1))
            && !matches!(self.lw(p - 1), "to" | "for")
            && !measured
    }

    /// An event noun that a verb of another act governs ("condemned the
    /// attack", "rejected the proposal") is that verb's object: the verb's
    /// subject did the condemning, not the attack.
    fn is_object_of_another_act(&self, r: &Reading) -> bool {
        if r.is_verb() {
            return false;
        }
        // back over determiners and up to two modifiers ("the deadly attack")
        let mut p = r.first;
        while p > r.range.start
            && (DETERMINERS.contains(&self.lw(p - 1))
                || self.doc.tokens[p - 1].shape == Shape::Lower
                    && !PREPOSITIONS.contains(&self.lw(p - 1))
                    && self.verb_act_at[p - 1].is_none()
                    && p + 2 > r.first)
        {
            p -= 1;
        }
        p > r.range.start
            && self.verb_act_at[p - 1].is_some_and(|governing| governing != r.cue.event)
            && !LIGHT_VERBS.contains(&self.doc.tokens[p - 1].lemma.as_str())
    }

    /// The source as the clause's subject: the parse's, else the nearest
    /// actor to the left.
    fn clause_subject(&self, r: &Reading, p: &mut Participants) {
        // an event noun that is itself its clause's subject ("an explosion …
        // could be the cause") is done by nobody outside its own phrase
        if self.noun_is_a_subject(r) {
            return;
        }
        let subject = if r.is_verb() {
            crate::tree::active_subject(self.doc, self.mentions, r.first)
        } else {
            TreeSubject::Unknown
        };
        // "the two ministers", a pair noun, may be a mention of its own
        if r.is_verb() {
            let pair = self.pair_named_before(r);
            if !pair.is_empty() {
                p.sources = pair;
                return;
            }
        }
        p.sources = match subject {
            TreeSubject::Mentions(ms) => {
                ms.iter().filter_map(|&k| self.mentions[k].actor).collect()
            }
            TreeSubject::NotAnActor => {
                p.subject_not_actor = true;
                Vec::new()
            }
            // "…, at which member states agreed": no name before the relative
            // word that opens the subject's clause
            TreeSubject::Unknown => {
                let floor = crate::tree::subject_word(self.doc, r.first)
                    .and_then(|w| {
                        (r.range.start..w).rev().find(|&i| {
                            matches!(self.lw(i), "which" | "who" | "whom" | "where" | ";")
                        })
                    })
                    .map_or(r.range.start, |i| i + 1);
                r.clause.subject_left_from(r.first, floor)
            }
        };
    }

    /// "Xi met Biden. The two leaders agreed …", "Both sides said …": a
    /// verb's subject of "the two" or "both" and a noun of
    /// `kb/words.tsv` `pair_people` or `pair_parties` stands for the first
    /// two actors of its kind named in the nearest of the two sentences
    /// before it that names two.
    fn pair_named_before(&self, r: &Reading) -> Vec<usize> {
        let doc = self.doc;
        // no syntax layer without a parser
        let climb = |v: usize| match doc.syntax.get(v).map(|s| (s.deprel.universal(), s.head)) {
            Some(("xcomp" | "conj", Some(h))) => h as usize,
            _ => v,
        };
        // unparsed: the noun just before the verb, a word or two between
        let before_verb = || {
            (r.first.saturating_sub(3).max(r.range.start)..r.first)
                .rev()
                .take_while(|&i| doc.tokens[i].shape == Shape::Lower)
                .find(|&i| PAIR_PEOPLE.contains(&self.lw(i)) || PAIR_PARTIES.contains(&self.lw(i)))
        };
        let Some(noun) = crate::tree::subject_word(doc, r.first)
            .or_else(|| crate::tree::subject_word(doc, climb(r.first)))
            .or_else(before_verb)
        else {
            return Vec::new();
        };
        let lower = self.lw(noun);
        let people = PAIR_PEOPLE.contains(&lower);
        if !people && !PAIR_PARTIES.contains(&lower) {
            return Vec::new();
        }
        let before = |k: usize| noun.checked_sub(k).map(|i| self.lw(i));
        let paired = before(1) == Some("both")
            || before(1) == Some("two") && matches!(before(2), Some("the" | "both"));
        if !paired {
            return Vec::new();
        }
        let fits = |m: &Mention| match m.kind {
            MentionKind::Person => true,
            MentionKind::State | MentionKind::Org | MentionKind::Group => !people,
            _ => false,
        };
        for back in 1..=2 {
            let Some(s) = r.sentence.checked_sub(back) else {
                break;
            };
            // "…, an official said, after Biden met Xi. The two leaders…":
            // people named by name before those named by a role alone
            for by_name in [people, false] {
                let mut pair: Vec<usize> = Vec::new();
                let named = |m: &&Mention| !by_name || m.name.is_some();
                for m in self
                    .sentence_mentions(s)
                    .iter()
                    .filter(|m| fits(m))
                    .filter(named)
                {
                    if let Some(a) = m.actor.filter(|a| !pair.contains(a)) {
                        pair.push(a);
                    }
                }
                if pair.len() >= 2 {
                    pair.truncate(2);
                    return pair;
                }
            }
        }
        Vec::new()
    }

    /// The target the cue's own pattern and slots name: an actor in the gap
    /// of its pattern, its slots in order, the prepositions its type takes,
    /// then the first actor after it.
    fn cue_targets(&self, r: &Reading) -> Vec<usize> {
        let mut t = self.cue_targets_by_position(r);
        let thing = self
            .thing_acted_on(r)
            .or_else(|| self.proposal_acted_on(r, false));
        if let Some(w) = thing {
            t.retain(|&a| self.named_by_the_thing(r, w).any(|m| m.actor == Some(a)));
        }
        t
    }

    /// "Police released footage of a fight between attackers", "fought the
    /// project in court": the thing an act done only to people (`kb/words.tsv`
    /// `acts_on_people`) is done to, where the tree gives one; it acts on no
    /// one but those the thing itself names ("released the bodies of the crew").
    fn thing_acted_on(&self, r: &Reading) -> Option<usize> {
        if !(r.is_verb() && ACTS_ON_PEOPLE.contains(&self.doc.tokens[r.head].lemma.as_str())) {
            return None;
        }
        // "a photo released by the police": a participle's noun is what it acts on
        let modified = self
            .modified_noun(r.first)
            .filter(|&n| self.lw(r.first + 1) == "by" && self.actor_holding(r, n).is_none());
        modified.or_else(|| crate::tree::object_thing(self.doc, self.mentions, r.head))
    }

    /// The proposal a violent cue is done to ("attacked the budget plan",
    /// "an attack on the ruling"), where the tree gives one.
    fn proposal_acted_on(&self, r: &Reading, passive: bool) -> Option<usize> {
        if r.cue.event != EventType::Assault {
            return None;
        }
        let doc = self.doc;
        let of_verb = r
            .is_verb()
            .then(|| crate::tree::proposal_acted_on(doc, r.head, true, passive));
        // "launched an attack on the budget policy": the noun of a verb's pattern
        of_verb
            .flatten()
            .or_else(|| crate::tree::proposal_acted_on(doc, r.last, false, passive))
    }

    /// The act a reading names before modals and intentions: a strike by
    /// workers is a protest, violence done to a proposal is done to words.
    fn act_read(
        &self,
        r: &Reading,
        labour_strike: bool,
        passive: bool,
        p: &mut Participants,
        actors: &[Actor],
    ) -> EventType {
        if labour_strike {
            return EventType::Protest;
        }
        // "police stormed the embassy": forces of the state storming a
        // building raid it; only a crowd storming one riots
        let riot = r.is_verb()
            && r.cue.event == EventType::Protest
            && r.cue.mode.as_deref().is_some_and(|m| m.starts_with("riot"));
        let by_forces = !p.sources.is_empty()
            && p.sources
                .iter()
                .all(|&s| matches!(actors[s].sector, Some(Sector::Mil | Sector::Cop)));
        if riot && by_forces {
            return EventType::Coerce;
        }
        self.violence_to_words(r, passive, p).unwrap_or(r.cue.event)
    }

    /// Violence done to words is not violence: an attack on a plan, a
    /// ruling or a bill criticises it (ACCUSE), and a verb that ends it
    /// (`kb/words.tsv` `ending_acts`: "killed the bill") rejects it.
    /// Its targets are only those the proposal names ("Japan's plan").
    fn violence_to_words(
        &self,
        r: &Reading,
        passive: bool,
        p: &mut Participants,
    ) -> Option<EventType> {
        let proposal = self.proposal_acted_on(r, passive)?;
        let named: Vec<usize> = self
            .named_by_the_thing(r, proposal)
            .filter_map(|m| m.actor)
            .collect();
        p.targets.retain(|t| named.contains(t));
        let lemma = self.doc.tokens[r.head].lemma.as_str();
        Some(if r.is_verb() && ENDING_ACTS.contains(&lemma) {
            EventType::Reject
        } else {
            EventType::Accuse
        })
    }

    /// The actor of the mention in the reading's clause that holds token `i`.
    fn actor_holding(&self, r: &Reading, i: usize) -> Option<usize> {
        r.clause
            .actors
            .iter()
            .find(|x| x.tokens.contains(&i))
            .and_then(|x| x.actor)
    }

    /// The actors' mentions of the clause that thing `w` names.
    fn named_by_the_thing<'r>(
        &'r self,
        r: &'r Reading,
        w: usize,
    ) -> impl Iterator<Item = &'r Mention> {
        r.clause
            .actors
            .iter()
            .copied()
            .filter(move |m| m.actor.is_some() && crate::tree::attached_to(self.doc, m, w))
    }

    /// [`Self::cue_targets`] by the cue's pattern, slots and word positions.
    fn cue_targets_by_position(&self, r: &Reading) -> Vec<usize> {
        let (first, last, cue) = (r.first, r.last, r.cue);
        if cue.targets.is_empty() && r.tokens.len() > 1 {
            // "reject the Chinese plan": the proposal's author stands in the
            // gap; "summoned the Swedish ambassador": the envoy's mention
            // starts there and takes in the cue's last word
            // "received his Sudanese counterpart": the nationality after the
            // possessive pronoun ("summoned its ambassador" keeps the pronoun)
            let actors = &r.clause.actors;
            let in_gap: Vec<usize> = actors
                .iter()
                .position(|x| x.tokens.start > first && x.tokens.start <= last)
                .map(|k| match actors.get(k + 1) {
                    Some(next)
                        if matches!(actors[k].kind, MentionKind::Pronoun(_))
                            && next.tokens.start == actors[k].tokens.end
                            && next.tokens.start <= last
                            && next.toponym.is_some()
                            && next.country_entry.is_none() =>
                    {
                        k + 1
                    }
                    _ => k,
                })
                // "his Ugandan counterpart Yoweri Museveni": the name after the role
                .map(|k| {
                    actors
                        .iter()
                        .position(|x| x.tokens.start == last + 1 && x.kind == MentionKind::Person)
                        .unwrap_or(k)
                })
                .and_then(|k| actors[k].actor)
                .into_iter()
                .collect();
            if !in_gap.is_empty() {
                return in_gap;
            }
        }
        // "demanded Russia's withdrawal from Ukraine", "called for Beijing's
        // cooperation": the owner of the act the pattern names is the one
        // the act is asked of, before any place the pattern's slots name
        let owner = r.clause.actors.iter().find(|x| {
            let in_gap = r.tokens.len() > 1
                && x.tokens.start > first
                && x.tokens.end < last
                && last - x.tokens.end <= 3;
            let right_after = r.is_verb() && x.tokens.start == last + 1;
            (in_gap || right_after)
                && self
                    .doc
                    .tokens
                    .get(x.tokens.end)
                    .is_some_and(|t| t.is_possessive())
                && !matches!(x.kind, MentionKind::Pronoun(_))
        });
        if let Some(a) = owner.and_then(|x| x.actor) {
            return vec![a];
        }
        for slot in &cue.targets {
            let t = match slot {
                // objects may stand inside a gapped pattern ("reject the Chinese plan")
                // the agent of a participle after the object is none ("rescued
                // schoolgirls kidnapped by Boko Haram")
                TargetSlot::Object if r.is_verb() => {
                    let mut t = r.clause.object_right_skipping(
                        first + 1,
                        7 + last - first,
                        false,
                        r.tokens,
                    );
                    t.retain(|&a| !self.agent_after(r, a));
                    t
                }
                TargetSlot::Object => r.clause.object_right(last + 1, 7, false),
                TargetSlot::Prep(p) => r.clause.prep_object(last + 1, p),
            };
            if !t.is_empty() {
                return t;
            }
        }
        // a rejected proposal names its author: "calls by Belarus", "an offer from Kabul"
        if !cue.targets.is_empty() || cue.event == EventType::Reject {
            for p in fallback_preps(cue.event) {
                let t = r.clause.prep_object(last + 1, p);
                if !t.is_empty() {
                    return t;
                }
            }
        }
        // Last resort: the first actor after the trigger in its clause.
        if !cue.targets.is_empty() {
            let mut t = r.clause.object_right_skipping(last + 1, 12, true, r.tokens);
            // "India and Pakistan met in Geneva", "… signed an accord in
            // Washington": where a meeting or a signing happens is no party
            // to it (a material act on a place acts on its country)
            if cue.event.is_reciprocal() || cue.event == EventType::Support {
                t.retain(|&a| !self.placed_after(r, a));
            }
            // "a deal brokered by China": the agent of a passive that
            // modifies something after the cue is no party to the act
            t.retain(|&a| !self.agent_after(r, a));
            // "Iran denied that it supplied drones": a pronoun opening what
            // was said is the speaker's subject, not the one it was said to
            t.retain(|&a| !self.pronoun_after_that(r, a));
            return t;
        }
        Vec::new()
    }

    /// Whether actor `a` is named after the cue only by a pronoun right
    /// after "that" ("denied that it supplied").
    fn pronoun_after_that(&self, r: &Reading, a: usize) -> bool {
        r.clause
            .actors
            .iter()
            .filter(|m| m.tokens.start > r.last + 1)
            .find(|m| m.actor == Some(a))
            .is_some_and(|m| {
                matches!(m.kind, MentionKind::Pronoun(_)) && self.lw(m.tokens.start - 1) == "that"
            })
    }

    /// Whether actor `a` is named after the cue as the agent of a passive
    /// participle, after "by" or joined to one who is ("a deal brokered by
    /// China", "a truce mediated by Qatar and Egypt").
    fn agent_after(&self, r: &Reading, a: usize) -> bool {
        let mut agent = false;
        let mut prev_end = None;
        for m in r
            .clause
            .actors
            .iter()
            .filter(|m| m.tokens.start > r.last + 1)
        {
            // "by the United Arab Emirates": the article before the name
            let by = if self.lw(m.tokens.start - 1) == "the" {
                m.tokens.start.saturating_sub(2)
            } else {
                m.tokens.start - 1
            };
            let joined = prev_end.is_some_and(|end: usize| {
                (end..m.tokens.start).all(|i| matches!(self.lw(i), "and" | "," | "the"))
            });
            // the agent of a participle ("brokered by"), not of a noun ("an admission by Moscow")
            let by_participle = self.lw(by) == "by" && by >= 1 && {
                let mut w = by - 1;
                // "carried out by", "taken over by": the particle's verb
                if w > 0 && matches!(self.lw(w), "out" | "up" | "off" | "over" | "down") {
                    w -= 1;
                }
                match crate::tree::upos(self.doc, w) {
                    Some(u) => u == Upos::Verb,
                    None => self.lw(w).ends_with("ed"),
                }
            };
            agent = by_participle || (agent && joined);
            if agent && m.actor == Some(a) {
                return true;
            }
            prev_end = Some(m.tokens.end);
        }
        false
    }

    /// Whether actor `a` is named after the cue only as a place something
    /// happens in ("in Geneva", "at the capital").
    fn placed_after(&self, r: &Reading, a: usize) -> bool {
        r.clause
            .actors
            .iter()
            .any(|m| m.actor == Some(a) && m.tokens.start > r.last && m.names_a_location(self.doc))
    }

    /// With no other target, an actor of the source's own country later in
    /// the clause; a coercive act on a place of that country, the country.
    fn target_of_own_country(&self, r: &Reading, p: &mut Participants, actors: &mut Vec<Actor>) {
        let own: Vec<&str> = p
            .sources
            .iter()
            .filter_map(|&s| actors[s].country)
            .collect();
        // "reneged on his commitment to the Zambian people"; not where a
        // meeting happened ("Putin and Xi met in Beijing")
        let reciprocal = r.cue.event.is_reciprocal();
        // "rejected calls to withdraw its troops": not inside the infinitive
        // of another act
        let infinitive = (r.last + 1..r.range.end.saturating_sub(1))
            .find(|&i| crate::tree::opens_infinitive(self.doc, i));
        let reach = r.last + 1..infinitive.unwrap_or(r.range.end);
        if p.targets.is_empty() {
            p.targets = r
                .clause
                .actors
                .iter()
                .filter(|x| {
                    reach.contains(&x.tokens.start) && !(reciprocal && x.names_a_location(self.doc))
                })
                .filter_map(|x| x.actor)
                .filter(|a| {
                    !p.sources.contains(a)
                        && actors[*a].country.is_some_and(|c| own.contains(&c))
                        && !self.agent_after(r, *a)
                })
                .take(1)
                .collect();
        }
        // "prepared to impose martial law … in central Baghdad": a coercive act with
        // no target, on a place of the source's own country later in the sentence, is
        // done to that country
        // (a target that is the source itself, "until they gain…", counts as none)
        let no_target = p.targets.iter().all(|t| p.sources.contains(t));
        let event = r.cue.event;
        if no_target && (event.quad_class().0 >= 3 || event == EventType::Concede) {
            let domestic = self.sentence_mentions(r.sentence).iter().find_map(|x| {
                // a place of it, or the country named ("near Macedonia's border")
                let country = (x.country_entry.is_some() || x.place.is_some())
                    .then(|| x.country_or_first_place(self.kb))
                    .flatten();
                country.filter(|c| x.tokens.start > r.last && own.contains(c))
            });
            if let Some(c) = domestic {
                p.targets = vec![ensure_state(self.kb, actors, c)];
                p.domestic_self = true;
            }
        }
    }

    /// The event type and modality that the words governing the trigger
    /// give it: an infinitive's governor, or a modal before it.
    fn modality(&self, r: &Reading, act: EventType) -> (EventType, Modality) {
        let mut event_type = act;
        if self.is_requested(r) || self.is_counterfactual(r) {
            return (event_type, Modality::Hypothetical);
        }
        let mut modality = Modality::Asserted;
        // "would resign after the protests": the protests are no part of what would be
        let own_phrase = r.is_verb() || !crate::tree::in_settled_event_phrase(self.doc, r.head);
        let modal_before = r
            .before
            .iter()
            .rev()
            .take(r.reach)
            .filter(|&&i| own_phrase && self.modal_reaches_noun(r, i))
            .map(|&i| self.lw(i))
            .find(|w| FUTURE.contains(w) || CONDITIONAL.contains(w) || HYPOTHETICAL.contains(w));
        let intention =
            |t: EventType, w: Option<&str>| stated_intention(t, w, self.doc, r.range.clone());
        match (self.infinitive_governor(r), modal_before) {
            // "is scheduled to meet": a scheduled act, of its own type
            (Some(w), _) if SCHEDULES.contains(&w) => modality = Modality::Future,
            (Some(w), _) if INTENTION.contains(&w) => {
                if event_type != EventType::Agree && !event_type.is_verbal() {
                    event_type = intention(event_type, Some(w));
                } else if event_type != EventType::Agree {
                    modality = Modality::Future;
                }
            }
            // an attempted attack is an attack
            (Some(w), _)
                if event_type == EventType::Assault
                    && matches!(w, "attempt" | "attempted" | "try" | "tried" | "tries") => {}
            (Some(_), _) => modality = Modality::Hypothetical,
            (None, Some(w)) if FUTURE.contains(&w) => {
                let verbal_conflict = event_type.is_verbal() && event_type.quad_class().0 != 1;
                if self.is_scheduled(r) || verbal_conflict || event_type == EventType::Agree {
                    modality = Modality::Future;
                } else {
                    event_type = intention(event_type, None);
                }
            }
            (None, Some(w)) if CONDITIONAL.contains(&w) => {
                // "would meet him if…", "would support": an offer; "would condemn": speculation
                if event_type.is_verbal() && event_type.quad_class().0 != 1 {
                    modality = Modality::Hypothetical;
                } else if event_type != EventType::Agree {
                    event_type = intention(event_type, None);
                }
            }
            (None, Some(_)) => modality = Modality::Hypothetical,
            _ => {}
        }
        (event_type, modality)
    }

    /// Whether word `modal` may govern the reading's act: for a noun the
    /// parse attaches, only as a modal of the verb whose argument it is
    /// ("will hold talks"), not of a verb further up ("will heal hearing
    /// this verdict") nor of one it is an oblique of ("will respond to these
    /// sanctions"). Verbs and unparsed words: yes.
    fn modal_reaches_noun(&self, r: &Reading, modal: usize) -> bool {
        if r.is_verb() || crate::tree::upos(self.doc, r.head).is_none() {
            return true;
        }
        // up the noun's phrase ("their peacekeeping force") to the word governing it
        let mut top = r.head;
        let mut governor = self.doc.syntax.get(top).and_then(|s| s.head);
        for _ in 0..4 {
            let Some(g) = governor.map(|g| g as usize) else {
                return true;
            };
            if !matches!(
                crate::tree::upos(self.doc, g),
                Some(Upos::Noun | Upos::Propn)
            ) {
                break;
            }
            top = g;
            governor = self.doc.syntax.get(g).and_then(|s| s.head);
        }
        // "will respond to these sanctions": what a verb answers is no part of it
        let argument = self
            .doc
            .syntax
            .get(top)
            .is_some_and(|s| !matches!(s.deprel.universal(), "obl" | "advcl" | "nmod"));
        argument
            && self
                .doc
                .syntax
                .get(modal)
                .is_none_or(|s| s.head == governor)
    }

    /// Whether an accord or tie named by a noun is something its subject
    /// has ("has only one trade agreement", "which have a dozen trade
    /// agreements"): the noun is the object of "have", which the parse
    /// says or, unparsed, which stands before its phrase. Meetings had are
    /// held ("had talks"), so only accords, ties, support and aid.
    fn is_possessed(&self, r: &Reading) -> bool {
        let relation = matches!(
            r.cue.event,
            EventType::Agree | EventType::Cooperate | EventType::Support | EventType::Aid
        );
        if r.is_verb() || !relation {
            return false;
        }
        let governor = if crate::tree::upos(self.doc, r.head).is_some() {
            self.doc.syntax.get(r.head).and_then(|s| {
                (s.deprel.universal() == "obj")
                    .then_some(s.head)
                    .flatten()
                    .map(|h| h as usize)
            })
        } else {
            // back over the noun's determiners, numbers and modifiers
            let mut p = r.first;
            // (a participle is a verb of its own: "has revived a proposal")
            let modifier = |w: &str| {
                DETERMINERS.contains(&w)
                    || w.chars().all(|c| c.is_ascii_digit())
                    || !(PREPOSITIONS.contains(&w)
                        || w.ends_with("ed")
                        || w.ends_with("ing")
                        || matches!(w, "," | ";" | ":" | "have" | "has" | "had"))
            };
            while p > r.range.start
                && r.first - p < 5
                && self.doc.tokens[p - 1].shape != Shape::Capitalized
                && self.verb_act_at[p - 1].is_none()
                && modifier(self.lw(p - 1))
            {
                p -= 1;
            }
            p.checked_sub(1).filter(|&g| g >= r.range.start)
        };
        governor.is_some_and(|g| self.doc.tokens[g].lemma == "have")
    }

    /// "would have met", "could have given … agreements": a modal's perfect
    /// tells what did not happen (or is guessed at), for the verb and for an
    /// event noun that is its object.
    fn is_counterfactual(&self, r: &Reading) -> bool {
        let verb = if r.is_verb() {
            Some(r.first)
        } else if crate::tree::upos(self.doc, r.head).is_some() {
            self.doc.syntax.get(r.head).and_then(|s| {
                (s.deprel.universal() == "obj")
                    .then_some(s.head)
                    .flatten()
                    .map(|h| h as usize)
            })
        } else {
            // unparsed: the nearest word before the noun, in its clause, right after "have"
            (r.range.start + 2..r.first)
                .rev()
                .take(8)
                .take_while(|&i| !matches!(self.lw(i), "," | ";" | ":" | "that" | "which"))
                .find(|&i| matches!(self.lw(i - 1), "have" | "'ve"))
        };
        let Some(v) = verb else { return false };
        // back over an adverb ("would not have", "would surely have")
        let mut i = v;
        let start = r.range.start;
        if i > start
            && self.doc.tokens[i - 1].shape == Shape::Lower
            && self.lw(i - 1).ends_with("ly")
        {
            i -= 1;
        }
        i >= start + 2
            && matches!(self.lw(i - 1), "have" | "'ve")
            && matches!(
                self.lw(i - 2),
                "would" | "could" | "might" | "should" | "must" | "may"
            )
    }

    /// Whether an event noun is what a request asks for ("called for
    /// Beijing's cooperation", "demanded the release of"): the parse makes
    /// it the object of a verb read as a request, and it has not happened.
    fn is_requested(&self, r: &Reading) -> bool {
        if r.is_verb() {
            return self.is_gerund_asked_for(r);
        }
        // "called for talks", not "in talks with Lavrov, Blinken urged"
        let asked_for = |s: &herald_core::syntax::TokenSyntax| match s.deprel.universal() {
            "obj" => true,
            "obl" => crate::tree::has_case(self.doc, r.head, |c| c == "for"),
            _ => false,
        };
        // "calls by aid groups for a ceasefire": after a noun of asking
        let after_a_request_noun = |s: &herald_core::syntax::TokenSyntax| {
            matches!(s.deprel.universal(), "nmod" | "obl")
                && crate::tree::has_case(self.doc, r.head, |c| c == "for")
                && s.head.is_some_and(|h| {
                    REQUEST_NOUNS.contains(&self.doc.tokens[h as usize].lemma.as_str())
                })
        };
        self.doc.syntax.get(r.head).is_some_and(|s| {
            asked_for(s)
                && s.head.is_some_and(|h| {
                    self.verb_act_at.get(h as usize) == Some(&Some(EventType::Request))
                })
                || after_a_request_noun(s)
        })
    }

    /// "a UN appeal for deploying troops", "called for sending aid": a
    /// gerund right after the "for" of a request is what it asks for, read
    /// from the words (the cues before it).
    fn is_gerund_asked_for(&self, r: &Reading) -> bool {
        let request = Some(EventType::Request);
        let first = r.first;
        if !(self.lw(first).ends_with("ing") && first >= r.range.start + 2) {
            return false;
        }
        let asked_at = |i: usize| self.noun_act_at[i] == request || self.verb_act_at[i] == request;
        self.lw(first - 1) == "for" && (asked_at(first - 1) || asked_at(first - 2))
    }

    /// The first word of the infinitive a cue belongs to: the cue itself
    /// after "to", or the infinitive the tree coordinates a verb cue with
    /// ("urged to call police or contact the hotline").
    fn to_infinitive_of(&self, r: &Reading) -> Option<usize> {
        let after_to = |i: usize| i > r.range.start && self.lw(i - 1) == "to";
        if after_to(r.first) {
            return Some(r.first);
        }
        let s = self.doc.syntax.get(r.head).filter(|_| r.is_verb())?;
        let h = s.head? as usize;
        (s.deprel.universal() == "conj" && h < r.first && after_to(h)).then_some(h)
    }

    /// The word that governs a trigger after "to": a word of intention or
    /// of what has not happened, skipping an object ("urged Russia to"),
    /// or "for" after a noun phrase (an infinitive of purpose).
    fn infinitive_governor(&self, r: &Reading) -> Option<&'a str> {
        let range = &r.range;
        let first = self.to_infinitive_of(r)?;
        // the tree's governor, however far ("asked Lavrov on the sidelines of
        // the G20 in New Delhi to rejoin")
        let governor = self
            .doc
            .syntax
            .get(first)
            .filter(|s| s.deprel.universal() == "xcomp")
            .and_then(|s| s.head)
            .map(|h| h as usize);
        // the word or its lemma: "hoping to" as "hope to"
        let governing = |j: usize| {
            [self.lw(j), self.doc.tokens[j].lemma.as_str()]
                .into_iter()
                .find(|w| INTENTION.contains(w) || UNREALISED.contains(w) || SCHEDULES.contains(w))
        };
        if let Some(w) = governor.filter(|&h| h < first).and_then(governing) {
            return Some(w);
        }
        let mut j = first - 1;
        let mut steps = 0;
        while j > range.start && steps < 6 {
            j -= 1;
            steps += 1;
            if let Some(w) = governing(j) {
                return Some(w);
            }
        }
        // "a smokescreen to allow…", "the troops to attack…": an infinitive of purpose
        // after a noun phrase states what something is for, not what was done; so
        // does one the parse hangs on a noun or reads as a purpose ("reasons to allow")
        let infinitive = if first == r.first { r.head } else { first };
        if self
            .doc
            .syntax
            .get(infinitive)
            .is_some_and(|s| s.head.is_some() && matches!(s.deprel.universal(), "acl" | "advcl"))
        {
            return Some("for");
        }
        let before_to = (range.start..first - 1).rev().take(4);
        let noun_phrase = before_to
            .take_while(|&j| {
                self.doc.tokens[j].shape == Shape::Lower || matches!(self.lw(j), "a" | "an" | "the")
            })
            .any(|j| matches!(self.lw(j), "a" | "an" | "the") && j + 1 < first - 1);
        noun_phrase.then_some("for")
    }

    /// "will meet on Friday" is scheduled; "said on Monday it will meet" is a
    /// stated intention ("…, the agency said on Monday": the date of the
    /// saying schedules nothing).
    fn is_scheduled(&self, r: &Reading) -> bool {
        let date_of_saying = |start: usize| {
            (start.saturating_sub(2)..start)
                .any(|v| SPEECH_VERBS.contains(&self.doc.tokens[v].lemma.as_str()))
        };
        dates_in(self.doc, self.dates, r.sentence)
            .iter()
            .any(|d| d.tokens.start > r.first && !date_of_saying(d.tokens.start))
    }

    /// The speaker of an act told in a quote, or of a verbal act the
    /// sentence's speech verb reports ("…, the White House announced").
    fn speaker_sources(&self, r: &Reading, quote: Option<usize>, event: EventType) -> Vec<usize> {
        if let Some(q) = quote {
            return self.quotes[q].speaker.into_iter().collect();
        }
        if !(event.is_verbal() && r.is_verb()) {
            return Vec::new();
        }
        let speech = (r.head + 1..r.range.end)
            .find(|&v| SPEECH_VERBS.contains(&self.doc.tokens[v].lemma.as_str()));
        speech.map_or_else(Vec::new, |v| {
            r.clause
                .subject_left(v)
                .into_iter()
                .chain(r.clause.object_right(v + 1, 4, false))
                .take(1)
                .collect()
        })
    }

    /// Where an event happened: the nearest place of its sentence that the
    /// text places something in (not the topic of a noun, "the war in
    /// Ukraine"), else the dateline's.
    fn event_location(&self, r: &Reading) -> Option<(usize, LocationBasis)> {
        self.sentence_mentions(r.sentence)
            .iter()
            .filter(|x| x.place.is_some() && !x.holds_a_place_in_its_name())
            .filter(|x| crate::places::is_located(self.doc, x.tokens.start))
            .filter(|x| !is_topic_place(self.doc, x.tokens.start, r.first..r.last + 1))
            .min_by_key(|x| x.tokens.start.abs_diff(r.head))
            .map(|x| (x.place.unwrap_or(0), LocationBasis::Text))
            .or(self.dateline_place.map(|p| (p, LocationBasis::Dateline)))
    }

    /// The country of place `p` (an index into the story's places).
    fn country_of_place(&self, p: usize) -> Option<&'static str> {
        self.places
            .get(p)
            .and_then(|&kp| self.kb.places[kp as usize].country)
    }

    /// A town says more about where an event happened than a country.
    fn place_specificity(&self, p: usize) -> u8 {
        self.places
            .get(p)
            .map_or(0, |&kp| match self.kb.places[kp as usize].kind {
                PlaceKind::City => 3,
                PlaceKind::County | PlaceKind::Admin1 => 2,
                PlaceKind::Region => 1,
                PlaceKind::Country | PlaceKind::Continent => 0,
            })
    }

    /// Actors the text leaves unnamed, found from where the act happened
    /// (`placed_in`, the country the text places it in) or whom it struck.
    fn implicit_actors(
        &self,
        r: &Reading,
        p: &mut Participants,
        event: EventType,
        passive: bool,
        placed_in: Option<&'static str>,
        actors: &mut Vec<Actor>,
    ) {
        let target_country =
            |p: &Participants, actors: &[Actor]| p.targets.iter().find_map(|&t| actors[t].country);
        // Unidentified attackers are coded by the country they struck, where
        // the text places the attack; an explosion or a blast named as a noun
        // may be an accident, so only an attack told with a verb gets an
        // implicit attacker.
        if p.sources.is_empty()
            && event == EventType::Assault
            && r.is_verb()
            && !self.names_an_accidental_cause(r)
        {
            if let Some(c) = placed_in.or_else(|| target_country(p, actors)) {
                p.sources.push(ensure_state(self.kb, actors, c));
            }
        }
        // "was arrested", "were convicted": an act of law enforcement told
        // without its agent is done by the authorities where it happens
        if p.sources.is_empty() && passive && enforces_law(event, &r.cue.pattern[0]) {
            if let Some(c) = placed_in
                .or(self.focus)
                .or_else(|| target_country(p, actors))
            {
                p.sources.push(ensure_state(self.kb, actors, c));
            }
        }
        // A material act or concession with no named target acts on the place
        // it happens in: another country ("strengthened its forces in
        // Lebanon") or the source's own ("shortened the curfew in Sudan").
        let material = matches!(event.quad_class().0, 2 | 4)
            || matches!(event, EventType::Agree | EventType::Concede);
        if p.targets.is_empty() && material && !matches!(event, EventType::Protest) {
            if let Some(c) = placed_in {
                let a = ensure_state(self.kb, actors, c);
                if !p.sources.contains(&a) {
                    p.targets.push(a);
                }
            }
        }
    }

    /// Whether the words right after a verb (past a determiner, a number
    /// and a modifier) name a disaster rather than someone: "fought two
    /// apartment fires".
    fn object_is_accidental_cause(&self, verb: usize) -> bool {
        let end = self.doc.sentences[self.doc.sentence_of(verb)].tokens.end;
        (verb + 1..(verb + 4).min(end))
            .take_while(|&i| self.doc.tokens[i].shape != Shape::Capitalized)
            .take_while(|&i| !PREPOSITIONS.contains(&self.lw(i)))
            .any(|i| ACCIDENTAL_CAUSES.contains(&self.doc.tokens[i].lemma.as_str()))
    }

    /// Whether the sentence names a natural or accidental cause ("an
    /// explosion … injured 37 people", "killed when a tree fell"): harm
    /// without an attacker.
    fn names_an_accidental_cause(&self, r: &Reading) -> bool {
        r.range
            .clone()
            .any(|i| ACCIDENTAL_CAUSES.contains(&self.doc.tokens[i].lemma.as_str()))
    }

    /// The state of the first source with a country, as target.
    fn target_own_state(&self, p: &mut Participants, actors: &mut Vec<Actor>) {
        if let Some(c) = p.sources.iter().find_map(|&s| actors[s].country) {
            let a = ensure_state(self.kb, actors, c);
            if !p.sources.contains(&a) {
                p.targets.push(a);
            }
        }
    }

    /// How sure the coding is: higher with a source, with a target where
    /// the cue takes one, and for a cue of several words; lower for a
    /// capitalised trigger inside a sentence (likely part of a name).
    fn confidence(&self, r: &Reading, p: &Participants) -> f64 {
        let mut confidence: f64 = 0.45;
        if !p.sources.is_empty() {
            confidence += 0.2;
        }
        if !p.targets.is_empty() || r.cue.targets.is_empty() {
            confidence += 0.15;
        }
        if r.cue.pattern.len() > 1 {
            confidence += 0.1;
        }
        if self.doc.tokens[r.head].shape == Shape::Capitalized && r.head != r.range.start {
            confidence -= 0.1;
        }
        (confidence * 100.0).round() / 100.0
    }
}

/// How many words before a cue a form of "deny" governs it ("denied that
/// it had supplied").
const DENIAL_WITHIN: usize = 4;

/// CAMEO's "sign formal agreement": an act between its signatories.
const SIGN_AGREEMENT: &str = "057";

/// Removes repeats, and a target that is its own source, unless the act is
/// domestic; "A and B met", "A and B accused each other" (`mutual`): a
/// reciprocal act between coordinated actors is A with B.
fn settle_self_and_reciprocal(
    p: &mut Participants,
    event: EventType,
    mutual: bool,
    actors: &[Actor],
) {
    dedup(&mut p.sources);
    dedup(&mut p.targets);
    // a coercive or conceding act whose only target is its own source's state
    // ("… in central Baghdad" after "Iraq") is domestic, not an act on itself to drop
    let coercive = event.quad_class().0 >= 3 || event == EventType::Concede;
    // of two or more sources ("Armenia and Azerbaijan exchanged fire along
    // their border"), one is no target of all of them
    let onto_itself = p.sources.len() == 1
        && !p.targets.is_empty()
        && p.targets
            .iter()
            .all(|t| p.sources.contains(t) && actors[*t].kind == ActorKind::State);
    if !(p.domestic_self || coercive && onto_itself) {
        let sources = &p.sources;
        p.targets.retain(|t| !sources.contains(t));
    }
    let reciprocal = event.is_reciprocal() && !p.mediation;
    if (reciprocal || mutual) && p.targets.is_empty() && p.sources.len() >= 2 {
        p.targets = p.sources.split_off(1);
    } else if reciprocal && p.sources.is_empty() && p.targets.len() >= 2 {
        p.sources = vec![p.targets.remove(0)];
    }
}

/// The parties of the last act told in sentence `sentence` before a
/// mediation ("Israel and Hamas agreed to a truce brokered by Qatar"):
/// its doers and those it was done to, other than the mediators.
fn mediated_parties(events: &[Event], sentence: usize, mediators: &[usize]) -> Vec<usize> {
    // (not the mediators' own reading of the deal: "a deal brokered by China")
    let act = events
        .iter()
        .rev()
        .take_while(|e| e.sentence == sentence)
        .find(|e| e.sources.iter().any(|a| !mediators.contains(a)));
    let Some(act) = act else {
        return Vec::new();
    };
    let parties = act.sources.iter().chain(&act.targets).copied();
    let mut parties: Vec<usize> = parties.filter(|a| !mediators.contains(a)).collect();
    dedup(&mut parties);
    parties
}

/// An event read from what an actor said rather than from a cue word.
fn reported_event(
    event: EventType,
    cameo: &str,
    sources: Vec<usize>,
    targets: Vec<usize>,
    sentence: usize,
    trigger: Range<usize>,
    published: Option<&str>,
) -> Event {
    Event {
        event,
        mode: None,
        context: Vec::new(),
        sources,
        targets,
        sentence,
        trigger,
        date: published.map(|p| (p.to_string(), DatePrecision::Day, DateBasis::Published)),
        location: None,
        modality: Modality::Reported,
        negated: false,
        quote: None,
        cameo: cameo.to_string(),
        confidence: 0.5,
        passive: false,
        cue: String::new(),
        unanchored_noun: false,
        possessed: false,
        uncoded_recipient: false,
    }
}

/// "Putin has never shown interest in peace", said by someone else: to deny
/// an actor's good faith is to accuse it (ACCUSE of the speaker on the actor).
fn denied_good_faith(
    doc: &Doc,
    mentions: &[Mention],
    quotes: &[Quote],
    published: Option<&str>,
) -> Vec<Event> {
    let mut out = Vec::new();
    let in_sentence = crate::mentions::by_sentence(doc, mentions);
    for (si, s) in doc.sentences.iter().enumerate() {
        let toks: Vec<usize> = s.tokens.clone().collect();
        for (k, &i) in toks.iter().enumerate() {
            if !GOOD_FAITH.contains(&doc.tokens[i].lower.as_str()) {
                continue;
            }
            // a disposition within four words before, a negation within four words before that
            let Some(d) = toks[k.saturating_sub(4)..k]
                .iter()
                .rev()
                .copied()
                .find(|&t| DISPOSITIONS.contains(&doc.tokens[t].lower.as_str()))
            else {
                continue;
            };
            let window = toks.iter().copied().filter(|&t| t + 5 >= d && t < d);
            if !window
                .clone()
                .any(|t| matches!(doc.tokens[t].lower.as_str(), "not" | "n't" | "never" | "no"))
            {
                continue;
            }
            let clause = Clause {
                doc,
                actors: mentions[in_sentence[si].clone()]
                    .iter()
                    .filter(|x| x.actor.is_some())
                    .collect(),
                range: s.tokens.clone(),
            };
            let accused = clause.subject_left(d);
            let quote = quote_holding(quotes, doc.tokens[i].span);
            let Some(speaker) = quote.and_then(|q| quotes[q].speaker) else {
                continue;
            };
            let targets: Vec<usize> = accused.into_iter().filter(|&a| a != speaker).collect();
            if targets.is_empty() {
                continue;
            }
            let mut e = reported_event(
                EventType::Accuse,
                "111",
                vec![speaker],
                targets,
                si,
                d..i + 1,
                published,
            );
            e.quote = quote;
            e.cue =
                "SPEAKER: Y (never|not) DISPOSITION ... GOOD-FAITH (denied good faith)".to_string();
            out.push(e);
        }
    }
    out
}

/// What a speaker's reported clause says of its subject, read from the
/// word at `i`: "Y must/should" lays an obligation (REQUEST); "Y was
/// (partly) responsible for", "Y is to blame" lays blame (ACCUSE). The type,
/// its CAMEO code, the entry written as the cue, and whether "not" negates it.
fn reported_judgement(
    doc: &Doc,
    i: usize,
) -> Option<(EventType, &'static str, &'static str, bool)> {
    let lower = |k: usize| doc.tokens.get(k).map_or("", |t| t.lower.as_str());
    let not_after = |k: usize| matches!(lower(k + 1), "not" | "n't");
    match lower(i) {
        "must" | "should" => Some((
            EventType::Request,
            "10",
            "SPEAKER said X must (obligation)",
            not_after(i),
        )),
        // "was partially responsible for", "was not to blame": a form of "be" within three words before
        "responsible" | "blame" => {
            let blame = lower(i) == "blame";
            if (blame && lower(i.checked_sub(1)?) != "to") || (!blame && lower(i + 1) != "for") {
                return None;
            }
            let words = (i.saturating_sub(4)..i).rev();
            let be = words.clone().find(|&k| BE_FORMS.contains(&lower(k)))?;
            let negated = (be + 1..i).any(|k| matches!(lower(k), "not" | "n't" | "never"));
            Some((
                EventType::Accuse,
                "112",
                "SPEAKER said X was responsible for (blame)",
                negated,
            ))
        }
        _ => None,
    }
}

/// "X said that Y must do Z" (REQUEST), "X said Y was responsible for Z"
/// (ACCUSE): what the speaker says of Y is the speaker's act on Y.
fn reported_judgements(
    doc: &Doc,
    kb: &Kb,
    mentions: &[Mention],
    published: Option<&str>,
) -> Vec<Event> {
    let mut out = Vec::new();
    // their finite forms, from the lemmatizer's own inflection ("declared": it
    // cannot tell that lemma from the word), made once a sentence needs them
    let mut obliging_forms: Option<Vec<String>> = None;
    let in_sentence = crate::mentions::by_sentence(doc, mentions);
    for (si, s) in doc.sentences.iter().enumerate() {
        if !s
            .tokens
            .clone()
            .any(|i| reported_judgement(doc, i).is_some())
        {
            continue;
        }
        let clause = Clause {
            doc,
            actors: mentions[in_sentence[si].clone()]
                .iter()
                .filter(|x| x.actor.is_some())
                .collect(),
            range: s.tokens.clone(),
        };
        for i in s.tokens.clone() {
            let Some((event, cameo, cue, negated)) = reported_judgement(doc, i) else {
                continue;
            };
            let obliged = clause.subject_left(i);
            let Some(first_obliged) = clause
                .actors
                .iter()
                .filter(|m| m.actor.is_some_and(|a| obliged.contains(&a)))
                .map(|m| m.tokens.start)
                .min()
            else {
                continue;
            };
            // the speaker: the subject of a saying verb before the obliged party
            let Some(verb) = (s.tokens.start..first_obliged).rev().find(|&v| {
                doc.tokens[v].shape == Shape::Lower
                    && (SPEECH_VERBS.contains(&doc.tokens[v].lemma.as_str()) || {
                        let forms = obliging_forms.get_or_insert_with(|| {
                            OBLIGING_VERBS
                                .iter()
                                .flat_map(|v| kb.lemmatizer.verb_forms(v))
                                .filter(|f| !f.ends_with("ing"))
                                .collect()
                        });
                        forms.contains(&doc.tokens[v].lower)
                    })
            }) else {
                continue;
            };
            let speakers = clause.subject_left(verb);
            let targets: Vec<usize> = obliged
                .iter()
                .copied()
                .filter(|t| !speakers.contains(t))
                .collect();
            if speakers.is_empty() || targets.is_empty() {
                continue;
            }
            let mut e = reported_event(event, cameo, speakers, targets, si, i..i + 1, published);
            e.negated = negated;
            e.confidence = 0.55;
            e.cue = cue.to_string();
            out.push(e);
        }
    }
    out
}

/// "threatened to strike the United States": a request or threat without a
/// target takes the target of the act it governs. A rejected call or
/// proposal ("rejected calls to withdraw from Ukraine") is aimed at its
/// author, not at whom the act it asked for was to be done to.
fn borrow_complement_targets(doc: &Doc, events: &mut [Event]) {
    for i in 0..events.len() {
        let rejects_a_proposal = events[i].event == EventType::Reject
            && crate::tree::upos(doc, events[i].trigger.end - 1) == Some(Upos::Noun);
        if !events[i].targets.is_empty()
            || rejects_a_proposal
            || !matches!(
                events[i].event,
                EventType::Threaten | EventType::Request | EventType::Reject | EventType::Agree
            )
        {
            continue;
        }
        if let Some(j) = (i + 1..events.len())
            .take_while(|&j| events[j].sentence == events[i].sentence)
            .find(|&j| {
                events[j].modality == Modality::Hypothetical && !events[j].targets.is_empty()
            })
        {
            let sources = events[i].sources.clone();
            events[i].targets = events[j]
                .targets
                .iter()
                .copied()
                .filter(|t| !sources.contains(t))
                .collect();
        }
    }
}

/// "Two soldiers were killed when troops opened fire": violence suffered
/// with no one named doing it (no source, or the state coded for unnamed
/// attackers), in a sentence with a clause "when/as/after X did" violence
/// (X the doer, named in that clause before the verb), is X's act: the
/// harm takes X as its doer, and X's act, if it names no one it was done
/// to, the harmed.
fn join_harm_to_its_cause(doc: &Doc, mentions: &[Mention], actors: &[Actor], events: &mut [Event]) {
    // the doer named between the clause's opening word and its verb
    let clause_of = |cause: &Event, from: usize| {
        let start = from.max(cause.trigger.start.saturating_sub(8));
        let opener = (start..cause.trigger.start)
            .rev()
            .find(|&i| matches!(doc.tokens[i].lower.as_str(), "when" | "as" | "after"))?;
        // mentions are in text order: only those between opener and verb
        let first = mentions.partition_point(|m| m.tokens.start <= opener);
        mentions[first..]
            .iter()
            .take_while(|m| m.tokens.start < cause.trigger.start)
            .any(|m| {
                m.tokens.end <= cause.trigger.start
                    && m.actor.is_some_and(|a| cause.sources.contains(&a))
            })
            .then_some(())
    };
    for h in 0..events.len() {
        let harm = &events[h];
        // with no agent after "by", a state as source is the one coded for
        // attackers the text does not name
        let by_agent = doc
            .tokens
            .get(harm.trigger.end)
            .is_some_and(|t| t.lower == "by");
        let unnamed_source = harm
            .sources
            .iter()
            .all(|&s| actors[s].kind == ActorKind::State && !by_agent);
        if !(harm.event == EventType::Assault
            && harm.passive
            && harm.modality == Modality::Asserted
            && unnamed_source
            && !harm.targets.is_empty())
        {
            continue;
        }
        // events are in text order: the cause is among the harm's neighbours
        let cause = (h.saturating_sub(8)..(h + 8).min(events.len())).find(|&c| {
            let e = &events[c];
            let sentence_start = doc.sentences[e.sentence].tokens.start;
            // the clause opens after the harm, or opens the sentence before it
            let from = if c > h {
                harm.trigger.end
            } else {
                sentence_start
            };
            c != h
                && e.sentence == harm.sentence
                && e.event == EventType::Assault
                && !e.passive
                && e.modality == Modality::Asserted
                && e.cue.ends_with("(V)")
                && !e.sources.is_empty()
                && clause_of(e, from).is_some()
        });
        if let Some(c) = cause {
            let (sources, targets) = (events[c].sources.clone(), events[h].targets.clone());
            events[h].sources = sources;
            if events[c].targets.is_empty() {
                events[c].targets = targets;
            }
        }
    }
}

/// Whether the place starting at token `start` follows "in"/"at" after a
/// topic noun outside the trigger ("the war in Ukraine").
fn is_topic_place(doc: &Doc, start: usize, trigger: Range<usize>) -> bool {
    let mut i = start;
    for _ in 0..4 {
        if i == 0 {
            return false;
        }
        i -= 1;
        match doc.tokens[i].lower.as_str() {
            "in" | "at" | "inside" | "across" | "throughout" => {
                return i > 0
                    && !trigger.contains(&(i - 1))
                    && TOPIC_NOUNS.contains(&doc.tokens[i - 1].lemma.as_str());
            }
            "the" | "eastern" | "western" | "northern" | "southern" | "central" => {}
            _ => return false,
        }
    }
    false
}

/// Repeated mentions of one event become one event: same type, actors,
/// date and polarity. The merged event keeps the most specific place the
/// mentions give (`specificity` of a place index, higher is finer).
fn merge_repeats(events: Vec<Event>, specificity: &dyn Fn(usize) -> u8) -> Vec<Event> {
    // what makes two readings one event; looked up in a map, not by pairs
    type RepeatKey = (
        EventType,
        Vec<usize>,
        Vec<usize>,
        bool,
        Modality,
        Option<String>,
    );
    let key = |e: &Event| -> RepeatKey {
        let mut s = e.sources.clone();
        s.sort();
        let mut t = e.targets.clone();
        t.sort();
        let date = e.date.as_ref().map(|d| d.0.clone());
        (e.event, s, t, e.negated, e.modality, date)
    };
    let mut out: Vec<Event> = Vec::new();
    let mut seen: std::collections::HashMap<RepeatKey, usize> = std::collections::HashMap::new();
    for e in events {
        let k = key(&e);
        let dup = seen.get(&k).map(|&i| &mut out[i]);
        match dup {
            Some(o) => {
                o.confidence = (o.confidence + 0.05).min(0.99);
                // one anchored reading makes the event reported; one that names
                // a target no code places tells who the event was done to
                o.unanchored_noun &= e.unanchored_noun;
                o.possessed &= e.possessed;
                o.uncoded_recipient |= e.uncoded_recipient;
                let rank = |l: &Option<(usize, LocationBasis)>| {
                    l.map(|(p, basis)| (basis == LocationBasis::Text, specificity(p)))
                };
                if rank(&e.location) > rank(&o.location) {
                    o.location = e.location;
                }
            }
            None => {
                seen.insert(k, out.len());
                out.push(e);
            }
        }
    }
    out
}

/// The last act of `kind` with a doer among `events`, told in sentence
/// `sentence` or the two before: the one a definite noun of that act names.
fn last_act_of(
    events: &[Event],
    kind: EventType,
    sentence: usize,
    named_at: usize,
) -> Option<&Event> {
    // (not the act the noun itself was read as: "The visit was condemned by Poland")
    events.iter().rev().find(|e| {
        e.event == kind
            && e.sentence + 2 >= sentence
            && !e.sources.is_empty()
            && !e.trigger.contains(&named_at)
    })
}

/// Workers who strike walk out: a strike whose doers are all labour is a
/// protest, not an attack ("cabin crew are preparing to strike").
fn is_a_labour_strike(r: &Reading, p: &Participants, actors: &[Actor]) -> bool {
    r.is_verb()
        && r.cue.event == EventType::Assault
        && r.cue.pattern[0] == "strike"
        && !p.sources.is_empty()
        && p.sources
            .iter()
            .all(|&a| actors[a].sector == Some(Sector::Lab))
}

/// A state or its government protesting ("Japan protested to China over
/// the detention") complains officially (ACCUSE), as "lodged a protest"
/// does; protest in the street is civilians', and so is that of soldiers or
/// police walking out over their pay.
fn is_an_official_protest(r: &Reading, p: &Participants, actors: &[Actor], lemma: &str) -> bool {
    let official = |a: &Actor| {
        a.kind == crate::actors::ActorKind::State
            || matches!(
                a.sector,
                Some(Sector::Gov | Sector::Leg | Sector::Jud | Sector::Igo)
            )
    };
    r.is_verb()
        && r.cue.event == EventType::Protest
        && lemma == "protest"
        && !p.sources.is_empty()
        && p.sources.iter().all(|&a| official(&actors[a]))
}

/// Acts that are said or given, so that "X from A" names A as their
/// source ("criticism from", "aid from", "sanctions from"); a withdrawal
/// or an attack "from" a place names where it started instead.
fn comes_from_someone(event: EventType) -> bool {
    matches!(
        event,
        EventType::Accuse
            | EventType::Request
            | EventType::Threaten
            | EventType::Support
            | EventType::Aid
            | EventType::Agree
            | EventType::Reject
            | EventType::Sanction
    )
}

/// A visit is a meeting of political actors: a tourist's trip or migrants
/// travelling is no CONSULT (only states, officials, forces, legislators,
/// courts and international bodies visit). Police arriving at a scene or
/// travelling on a case are no visit either, nor is an arrival at someone who
/// holds no public role ("arrived and piled on the young man") or travel at
/// home ("soldiers arrived in Nairobi").
fn is_a_visit(p: &Participants, actors: &[Actor]) -> bool {
    let diplomatic = |a: &Actor| is_political(a) && a.sector != Some(Sector::Cop);
    let home = |t: usize| {
        actors[t].country.is_some()
            && p.sources
                .iter()
                .all(|&s| actors[s].country == actors[t].country)
    };
    (p.sources.is_empty() || p.sources.iter().any(|&s| diplomatic(&actors[s])))
        && (p.targets.is_empty()
            || p.targets
                .iter()
                .any(|&t| is_political(&actors[t]) && !home(t)))
}

/// Whether an actor acts in politics: a state, or a person or body of its
/// government, forces, legislature or courts, or an international body.
fn is_political(a: &Actor) -> bool {
    a.kind == crate::actors::ActorKind::State
        || a.org.is_some()
        || matches!(
            a.sector,
            Some(Sector::Gov | Sector::Mil | Sector::Leg | Sector::Jud | Sector::Igo | Sector::Cop)
        )
}

/// The quote a token stands in.
fn quote_holding(quotes: &[Quote], token: herald_core::Span) -> Option<usize> {
    crate::quotes::span_holding(quotes, |q| q.span, token)
}

/// The dates of one sentence: dates come in text order, so a binary search
/// finds them without reading every date of a long article.
fn dates_in<'d>(doc: &Doc, dates: &'d [DateExpr], sentence: usize) -> &'d [DateExpr] {
    let tokens = &doc.sentences[sentence].tokens;
    let lo = dates.partition_point(|d| d.tokens.start < tokens.start);
    let hi = dates.partition_point(|d| d.tokens.start < tokens.end);
    &dates[lo..hi.max(lo)]
}

fn nearest_date<'d>(
    doc: &Doc,
    dates: &'d [DateExpr],
    head: usize,
    sentence: usize,
) -> Option<&'d DateExpr> {
    dates_in(doc, dates, sentence).iter().min_by_key(|d| {
        if d.tokens.start > head {
            d.tokens.start - head
        } else {
            head - d.tokens.end + 1
        }
    })
}

/// Whether an act is one the police, prosecutors or courts do: arrests and
/// detentions, convictions and sentences, charges.
fn enforces_law(event: EventType, verb: &str) -> bool {
    matches!(event, EventType::Coerce | EventType::Sanction)
        || event == EventType::Accuse
            && matches!(verb, "charge" | "indict" | "arraign" | "prosecute" | "book")
}

/// The state actor of a country, made if the story has none yet.
fn ensure_state(kb: &Kb, actors: &mut Vec<Actor>, iso3: &str) -> usize {
    crate::actors::state_actor(kb, actors, iso3, None)
}

#[cfg(test)]
mod tests {
    use crate::testing;
    use herald_core::{EventOut, EventType, Record, UnresolvedReason};

    /// Each actor of `ids` by its country code (else its name).
    fn keys<'r>(r: &'r Record, ids: &[String]) -> Vec<&'r str> {
        ids.iter()
            .map(|id| {
                let a = r.actors.iter().find(|a| &a.id == id).expect("actor");
                a.country.as_deref().unwrap_or(&a.name)
            })
            .collect()
    }

    /// The names of actors `ids`.
    fn names<'r>(r: &'r Record, ids: &[String]) -> Vec<&'r str> {
        ids.iter()
            .filter_map(|id| r.actors.iter().find(|a| &a.id == id))
            .map(|a| a.name.as_str())
            .collect()
    }

    /// The one event of type `kind` in a record.
    fn only(r: &Record, kind: EventType) -> &EventOut {
        let found: Vec<&EventOut> = r.events.iter().filter(|e| e.kind == kind).collect();
        assert_eq!(found.len(), 1, "{kind:?} events: {:#?}", r.events);
        found[0]
    }

    /// The first event of kind `kind`, complete or unresolved.
    fn first_of(r: &Record, kind: EventType) -> &EventOut {
        every_event(r)
            .find(|e| e.kind == kind)
            .unwrap_or_else(|| panic!("no {kind:?} event: {:#?}", r.events))
    }

    /// Every event of a record, complete or unresolved.
    fn every_event(r: &Record) -> impl Iterator<Item = &EventOut> {
        r.events.iter().chain(r.unresolved.iter().map(|u| &u.event))
    }

    /// (source keys, target keys) of an event.
    fn sides<'r>(r: &'r Record, e: &EventOut) -> (Vec<&'r str>, Vec<&'r str>) {
        (keys(r, &e.source), keys(r, &e.target))
    }

    /// A sentence, the kind of its one event, and that event's (source keys, target keys).
    type SidesCase<'a> = (&'a str, EventType, (Vec<&'a str>, Vec<&'a str>));

    /// Asserts, for each sentence, the (source keys, target keys) of its one event of the kind.
    fn assert_sides(cases: &[SidesCase]) {
        for (text, kind, want) in cases {
            let r = testing::record(text);
            assert_eq!(&sides(&r, only(&r, *kind)), want, "{text}");
        }
    }

    #[test]
    fn a_verb_is_done_by_its_subject_to_its_object_when_and_where_the_sentence_says() {
        let r =
            testing::record("Russian forces attacked Ukrainian positions near Kharkiv on Tuesday.");
        let e = only(&r, EventType::Assault);
        assert_eq!(sides(&r, e), (vec!["RUS"], vec!["UKR"]));
        assert_eq!(e.trigger.text, "attacked");
        assert_eq!(e.modality, "asserted");
        let date = e.date.as_ref().expect("date");
        assert_eq!(
            (date.value.as_str(), date.basis.as_str()),
            ("2024-05-14", "text")
        );
        assert_eq!(e.location_basis.as_deref(), Some("text"));
        let place = r.places.iter().find(|p| Some(&p.id) == e.location.as_ref());
        assert_eq!(place.map(|p| p.name.as_str()), Some("Kharkiv"));
    }

    #[test]
    fn an_object_pronoun_is_not_its_own_verbs_subject() {
        assert_sides(&[
            (
                "Iran said Israel attacked it on Friday.",
                EventType::Assault,
                (vec!["ISR"], vec!["IRN"]),
            ),
            (
                "Greece said Turkey had threatened it over the islands.",
                EventType::Threaten,
                (vec!["TUR"], vec!["GRC"]),
            ),
            // the subject of the clause itself is still "it"
            (
                "Ukraine said it attacked Russia.",
                EventType::Assault,
                (vec!["UKR"], vec!["RUS"]),
            ),
            // with no one before it in its sentence, the subject of the one before
            (
                "Ukrainian soldiers held the square in Kupiansk. Russian troops shelled them overnight.",
                EventType::Assault,
                (vec!["RUS"], vec!["UKR"]),
            ),
        ]);
    }

    #[test]
    fn those_who_exchange_or_trade_an_act_do_it_to_each_other_not_to_one_of_them() {
        assert_sides(&[
            (
                "Armenia and Azerbaijan exchanged fire along their border overnight.",
                EventType::Assault,
                (vec!["ARM"], vec!["AZE"]),
            ),
            (
                "Israel and Hezbollah traded fire across the border.",
                EventType::Assault,
                (vec!["ISR"], vec!["LBN"]),
            ),
            (
                "Russia and Ukraine exchanged prisoners on Friday.",
                EventType::Retreat,
                (vec!["RUS"], vec!["UKR"]),
            ),
        ]);
    }

    #[test]
    fn an_envoy_summoned_stands_for_the_state_that_sent_them() {
        for (text, want) in [
            (
                "China summoned the Japanese ambassador over the visit.",
                (vec!["CHN"], vec!["JPN"]),
            ),
            (
                "Poland summoned Russia's ambassador on Tuesday.",
                (vec!["POL"], vec!["RUS"]),
            ),
            (
                "Turkey's foreign ministry summoned the Swedish ambassador in Ankara.",
                (vec!["TUR"], vec!["SWE"]),
            ),
        ] {
            let r = testing::record(text);
            assert_eq!(sides(&r, only(&r, EventType::Accuse)), want, "{text}");
        }
    }

    #[test]
    fn a_participle_with_its_agent_after_a_noun_is_that_agents_act_on_the_noun() {
        let r =
            testing::record("Nigerian soldiers rescued 20 schoolgirls kidnapped by Boko Haram.");
        let kidnap = only(&r, EventType::Assault);
        assert_eq!(names(&r, &kidnap.source), vec!["Boko Haram"]);
        // the agent is no one the rescue was done to
        let rescue = only(&r, EventType::Aid);
        assert!(
            !names(&r, &rescue.target).contains(&"Boko Haram"),
            "{rescue:?}"
        );
        let r = testing::record("The ministry rejected a plan proposed by Russia on Monday.");
        assert_eq!(
            names(&r, &only(&r, EventType::Agree).source),
            vec!["Russia"]
        );
        // a thing released is no one set free
        let r = testing::record("The newspaper printed a photo released by the Kenyan police.");
        assert!(
            r.events.iter().all(|e| e.kind != EventType::Retreat),
            "{:?}",
            r.events
        );
    }

    #[test]
    fn what_someone_must_do_has_not_happened() {
        let r = testing::record("Germany said Russia must withdraw its troops from Ukraine.");
        let withdraw = r
            .events
            .iter()
            .find(|e| e.kind == EventType::Retreat)
            .expect("the withdrawal");
        assert_eq!(withdraw.modality, "hypothetical");
        // the obligation itself is the speaker's request
        assert_eq!(
            sides(&r, only(&r, EventType::Request)),
            (vec!["DEU"], vec!["RUS"])
        );
    }

    #[test]
    fn violence_suffered_when_someone_did_violence_was_done_by_them() {
        let r = testing::record(
            "Two Indian soldiers were killed when Pakistani troops opened fire across the border.",
        );
        assert_eq!(
            sides(&r, only(&r, EventType::Assault)),
            (vec!["PAK"], vec!["IND"])
        );
        let r = testing::record(
            "A Ukrainian soldier was killed as Russian troops attacked positions near Bakhmut.",
        );
        let killed = r
            .events
            .iter()
            .find(|e| e.trigger.text == "killed")
            .expect("killed");
        assert_eq!(sides(&r, killed), (vec!["RUS"], vec!["UKR"]));
    }

    #[test]
    fn an_act_carried_out_by_someone_is_theirs() {
        let r = testing::record(
            "The attack on Iraqi soldiers was carried out by Islamic State militants, officials said.",
        );
        let attack = only(&r, EventType::Assault);
        assert_eq!(names(&r, &attack.source), vec!["Islamic State"]);
        assert_eq!(keys(&r, &attack.target), vec!["IRQ"]);
    }

    #[test]
    fn those_who_act_together_do_not_act_on_who_reports_it() {
        let r = testing::record(
            "South Korea and Japan agreed to resume military talks, officials in Seoul said.",
        );
        assert_eq!(
            sides(&r, only(&r, EventType::Agree)),
            (vec!["KOR"], vec!["JPN"])
        );
    }

    #[test]
    fn an_adjective_that_names_no_one_is_no_actor() {
        for (text, kind, want) in [
            (
                "Moscow sent an official letter to Kyiv demanding the return of its soldiers.",
                EventType::Request,
                "RUS",
            ),
            (
                "The national team of Brazil met Argentina in Rio de Janeiro.",
                EventType::Consult,
                "BRA",
            ),
        ] {
            let r = testing::record(text);
            assert_eq!(keys(&r, &only(&r, kind).source), vec![want], "{text}");
            assert!(
                r.actors
                    .iter()
                    .all(|a| a.name != "official" && a.name != "national"),
                "{text}: {:?}",
                r.actors
            );
        }
        let r = testing::record("Unions called a general strike against the government of Greece.");
        assert!(
            r.actors.iter().all(|a| a.name != "general"),
            "{:?}",
            r.actors
        );
        // "military targets": where the strikes fell, not on a phantom "military"
        let r = testing::record("The Kremlin said Russian forces only strike military targets.");
        assert!(
            r.actors.iter().all(|a| a.name != "military"),
            "{:?}",
            r.actors
        );
        let r = testing::record("The Russian military said it destroyed three tanks.");
        assert!(
            r.actors.iter().any(|a| a.name.contains("Russian")),
            "{:?}",
            r.actors
        );
        // the noun stays someone
        let r = testing::record("An official said Iran accused Iraq of lying.");
        assert!(
            r.actors.iter().any(|a| a.name == "official"),
            "{:?}",
            r.actors
        );
    }

    #[test]
    fn a_complaint_is_against_the_one_complained_about_not_the_one_told() {
        for (text, want) in [
            (
                "Lebanon complained to the United Nations about Israel on Tuesday.",
                ["LBN", "ISR"],
            ),
            (
                "Brazil lodged a complaint with the United Nations against Argentina on Monday.",
                ["BRA", "ARG"],
            ),
            // a day between the cue and the one complained about
            (
                "Lebanon complained to the United Nations on Tuesday over two Israeli air raids.",
                ["LBN", "ISR"],
            ),
            // told no one else, the one told is the one complained to
            ("Lebanon complained to Israel on Tuesday.", ["LBN", "ISR"]),
        ] {
            let r = testing::record(text);
            assert_eq!(
                sides(&r, only(&r, EventType::Accuse)),
                (vec![want[0]], vec![want[1]]),
                "{text}"
            );
        }
    }

    #[test]
    fn an_arrest_told_without_its_agent_is_done_by_the_state_where_it_happens() {
        let r = testing::record("Three activists were arrested in Cairo on Monday.");
        let e = only(&r, EventType::Coerce);
        assert_eq!(keys(&r, &e.source), ["EGY"]);
        assert_eq!(names(&r, &e.target), ["activists"]);
        assert_eq!(
            r.actors
                .iter()
                .find(|a| a.id == e.source[0])
                .map(|a| a.kind.as_str()),
            Some("state")
        );
        // told nowhere, nobody is placed as doing it
        let r = testing::record("Three activists were arrested on Monday.");
        assert!(r.events.is_empty(), "{:#?}", r.events);
    }

    #[test]
    fn a_passive_agent_after_by_also_does_the_participle_coordinated_with_it() {
        let r = testing::record(
            "Two journalists were arrested by Iranian police and charged with espionage.",
        );
        for kind in [EventType::Coerce, EventType::Accuse] {
            let e = only(&r, kind);
            assert_eq!(names(&r, &e.target), ["journalists"]);
            let source = r
                .actors
                .iter()
                .find(|a| a.id == e.source[0])
                .expect("source");
            assert_eq!(
                (source.kind.as_str(), source.country.as_deref()),
                ("organization", Some("IRN"))
            );
        }
    }

    #[test]
    fn talks_between_two_actors_and_a_meeting_of_coordinated_ones_pair_them() {
        let r = testing::record("The talks between Turkey and Greece resumed in Ankara.");
        assert_eq!(
            sides(&r, only(&r, EventType::Consult)),
            (vec!["TUR"], vec!["GRC"])
        );
        let r = testing::record("Japan and Australia met in Tokyo.");
        assert_eq!(
            sides(&r, only(&r, EventType::Consult)),
            (vec!["JPN"], vec!["AUS"])
        );
    }

    #[test]
    fn a_meeting_held_in_a_third_country_is_not_one_with_its_host() {
        let r = testing::record("India and Pakistan met in Geneva on Monday.");
        assert_eq!(
            sides(&r, only(&r, EventType::Consult)),
            (vec!["IND"], vec!["PAK"])
        );
        let r = testing::record("EU ministers met in Brussels on Monday.");
        assert!(only(&r, EventType::Consult).target.is_empty());
        // a visit is a meeting with the host
        let r = testing::record("Blinken visited Kyiv on Monday.");
        assert_eq!(sides(&r, only(&r, EventType::Consult)).1, ["UKR"]);
    }

    #[test]
    fn signatories_sign_with_each_other_not_with_the_place_of_signing() {
        // the target was the United States, for Washington
        let r = testing::record("Armenia and Azerbaijan signed a peace agreement in Washington.");
        assert_eq!(
            sides(&r, only(&r, EventType::Support)),
            (vec!["ARM"], vec!["AZE"])
        );
        // a party named after "with" stays the target
        let r = testing::record("Britain signed a trade agreement with Japan in Tokyo.");
        assert_eq!(
            sides(&r, only(&r, EventType::Support)),
            (vec!["GBR"], vec!["JPN"])
        );
    }

    #[test]
    fn an_object_named_after_a_possessor_is_the_one_named() {
        let r = testing::record(
            "Erdogan met his Russian counterpart Vladimir Putin in Sochi on Friday.",
        );
        let e = only(&r, EventType::Consult);
        assert_eq!(names(&r, &e.target), ["Vladimir Putin"], "{:#?}", r.events);
        // the possessor of a thing is the one acted on
        let r = testing::record("Israeli jets struck Hamas's headquarters in Gaza on Monday.");
        assert_eq!(sides(&r, only(&r, EventType::Assault)).1, ["PSE"]);
        // an armed group's chief is the group's
        let r =
            testing::record("Israel killed Hamas's military chief Mohammed Deif in an airstrike.");
        let e = only(&r, EventType::Assault);
        assert_eq!(names(&r, &e.target), ["Mohammed Deif"]);
        assert_eq!(sides(&r, e).1, ["PSE"]);
    }

    #[test]
    fn the_possessor_of_an_act_named_by_a_noun_did_it_through_its_modifiers() {
        let r =
            testing::record("The Security Council condemned North Korea's latest missile launch.");
        let e = only(&r, EventType::Mobilize);
        assert_eq!(sides(&r, e).0, ["PRK"], "{:#?}", r.events);
    }

    #[test]
    fn the_agent_of_a_participle_after_the_cue_is_no_party_to_the_act() {
        let r = testing::record("Saudi Arabia and Iran agreed to a deal brokered by China.");
        let e = only(&r, EventType::Agree);
        assert_eq!(sides(&r, e), (vec!["SAU"], vec!["IRN"]), "{:#?}", r.events);
        let r = testing::record("Israel and Hamas agreed to a truce mediated by Qatar and Egypt.");
        let e = only(&r, EventType::Agree);
        assert_eq!(sides(&r, e), (vec!["ISR"], vec!["PSE"]), "{:#?}", r.events);
        // the agent of a noun is the one asked: "an admission by Moscow"
        let r =
            testing::record("Poland's parliament demanded an admission by Moscow of the killings.");
        assert_eq!(sides(&r, only(&r, EventType::Request)).1, ["RUS"]);
    }

    #[test]
    fn those_accused_after_their_name_are_accused_not_accusers() {
        let r = testing::record(
            "The Taliban executed two men accused of spying for the United States.",
        );
        assert!(
            !r.events
                .iter()
                .any(|e| e.kind == EventType::Accuse && !e.source.is_empty()),
            "{:#?}",
            r.events
        );
        let r = testing::record(
            "Police in Kenya arrested a man accused of attacking a police station.",
        );
        assert!(
            !r.events.iter().any(|e| e.kind == EventType::Accuse),
            "{:#?}",
            r.events
        );
        // a past tense after its subject is no participle
        let r = testing::record("U.S. officials alleged that North Korea had a uranium program.");
        assert_eq!(sides(&r, only(&r, EventType::Accuse)).0, ["USA"]);
    }

    #[test]
    fn a_denial_is_not_made_to_the_denier() {
        let r = testing::record("Iran denied that it supplied drones to Russia.");
        let e = only(&r, EventType::Reject);
        assert_eq!(sides(&r, e), (vec!["IRN"], vec![]), "{:#?}", r.events);
    }

    #[test]
    fn nationalities_sharing_a_role_act_together_or_on_each_other() {
        let r = testing::record("Russian and Ukrainian officials met in Istanbul.");
        assert_eq!(
            sides(&r, only(&r, EventType::Consult)),
            (vec!["RUS"], vec!["UKR"])
        );
        let r = testing::record("Indian and Chinese troops clashed in the Galwan Valley.");
        assert_eq!(
            sides(&r, only(&r, EventType::Assault)),
            (vec!["IND"], vec!["CHN"])
        );
    }

    #[test]
    fn a_place_retaken_is_taken_from_those_who_held_it() {
        let r = testing::record("Somali troops recaptured the town from al-Shabaab militants.");
        let e = only(&r, EventType::Assault);
        assert_eq!(
            names(&r, &e.target),
            ["al-Shabaab militants"],
            "{:#?}",
            r.events
        );
    }

    #[test]
    fn an_act_that_kills_was_done_by_whoever_did_it_not_by_who_told_it() {
        let r = testing::record(
            "Russia launched a missile attack on Ukraine overnight. \
             The strikes killed at least 12 civilians in Kyiv, officials said.",
        );
        let killing = r
            .events
            .iter()
            .find(|e| names(&r, &e.target) == ["civilians"])
            .expect("the killing of civilians");
        assert_eq!(keys(&r, &killing.source), ["RUS"], "{:#?}", r.events);
        let r = testing::record(
            "Russia attacked Kyiv on Monday. The attack killed 12 people, officials said.",
        );
        let killing = r
            .events
            .iter()
            .find(|e| e.sentence == 1)
            .expect("the second attack");
        assert_eq!(keys(&r, &killing.source), ["RUS"]);
        assert_eq!(
            names(&r, &killing.target),
            ["people"],
            "the speakers are no victims"
        );
    }

    #[test]
    fn actors_that_act_on_each_other_are_each_others_targets() {
        let r = testing::record("China and the Philippines accused each other of ramming vessels.");
        assert_eq!(
            sides(&r, only(&r, EventType::Accuse)),
            (vec!["CHN"], vec!["PHL"])
        );
    }

    #[test]
    fn a_mediator_meets_both_sides() {
        let r = testing::record("Qatar is mediating talks between Israel and Hamas.");
        let e = only(&r, EventType::Consult);
        assert_eq!(keys(&r, &e.source), ["QAT"]);
        assert_eq!(e.target.len(), 2);
        assert_eq!(e.mode.as_deref(), Some("mediate"));
    }

    #[test]
    fn the_actor_named_with_an_event_noun_does_it() {
        let r = testing::record("Two Turkish air raids hit northern Iraq.");
        let e = only(&r, EventType::Assault);
        assert_eq!(sides(&r, e), (vec!["TUR"], vec!["IRQ"]));
        assert_eq!(e.trigger.text, "air raids");
        let r = testing::record("Israel's attack on Lebanon killed ten people.");
        let attack = r
            .events
            .iter()
            .find(|e| e.trigger.text == "attack")
            .expect("attack");
        assert_eq!(sides(&r, attack), (vec!["ISR"], vec!["LBN"]));
    }

    #[test]
    fn a_modals_perfect_tells_what_did_not_happen() {
        // not an offer to meet: a meeting that did not take place
        let r = testing::record("Japan would have met China on Friday.");
        let e = only(&r, EventType::Consult);
        assert_eq!(e.modality, "hypothetical");
        // nor the accords that a deal would have brought
        let r = testing::record("The deal would have given Canadian firms seven new agreements.");
        assert!(
            r.events.iter().all(|e| e.modality == "hypothetical"),
            "{:#?}",
            r.events
        );
    }

    #[test]
    fn an_accord_someone_has_is_no_act() {
        let r = testing::record("Canada has only one trade agreement in Asia.");
        assert!(r.events.is_empty(), "{:#?}", r.events);
        assert_eq!(r.unresolved[0].reason, UnresolvedReason::Generic);
        let r = testing::record("Canada reached a trade agreement with Japan in Tokyo.");
        let e = only(&r, EventType::Agree);
        assert_eq!(sides(&r, e), (vec!["CAN"], vec!["JPN"]));
    }

    #[test]
    fn a_place_in_the_subject_phrase_tells_where_not_who() {
        let r = testing::record("A rally in a square in Moscow criticised Japan on Monday.");
        assert!(
            r.events.iter().all(|e| e.kind != EventType::Accuse),
            "{:#?}",
            r.events
        );
        // "from" tells who
        let r = testing::record("An envoy from Russia criticised Japan on Monday.");
        let e = only(&r, EventType::Accuse);
        assert_eq!(sides(&r, e), (vec!["RUS"], vec!["JPN"]));
    }

    #[test]
    fn an_event_noun_that_is_its_clauses_subject_is_not_done_by_another() {
        let r = testing::record(
            "Kenya must defend itself, and a retreat is the best defence, the minister said.",
        );
        assert!(
            r.events.iter().all(|e| e.kind != EventType::Retreat),
            "{:#?}",
            r.events
        );
    }

    #[test]
    fn workers_who_strike_protest_and_troops_who_strike_attack() {
        let r = testing::record("British rail workers are preparing to strike next week.");
        let e = only(&r, EventType::Threaten);
        assert_eq!(sides(&r, e), (vec!["GBR"], vec!["GBR"]));
        let r = testing::record("Russian troops are preparing to strike Kharkiv.");
        let e = only(&r, EventType::Mobilize);
        assert_eq!(sides(&r, e), (vec!["RUS"], vec!["UKR"]));
    }

    #[test]
    fn asking_a_question_is_no_request() {
        let r = testing::record("The Russian minister asked why Japan waited so long.");
        assert!(r.events.is_empty(), "{:#?}", r.events);
        let r = testing::record("The Russian minister asked Japan to release the sailors.");
        let e = only(&r, EventType::Request);
        assert_eq!(sides(&r, e), (vec!["RUS"], vec!["JPN"]));
    }

    #[test]
    fn an_act_a_request_asks_for_has_not_happened() {
        let r = testing::record("Japan called for China's cooperation on Monday.");
        let asked = r.events.iter().find(|e| e.kind == EventType::Cooperate);
        assert_eq!(
            asked.map(|e| e.modality.as_str()),
            Some("hypothetical"),
            "{:#?}",
            r.events
        );
    }

    #[test]
    fn what_is_said_or_given_from_someone_is_their_act_on_whoever_drew_it() {
        let r = testing::record("Poland drew criticism from the European Union on Monday.");
        let e = only(&r, EventType::Accuse);
        assert_eq!(sides(&r, e), (vec!["European Union"], vec!["POL"]));
        // a force withdrawn "from" a country: a place, not who acted
        let r = testing::record("Kenya will withdraw its peacekeeping force from Somalia.");
        assert!(
            r.events.iter().all(|e| keys(&r, &e.source) == vec!["KEN"]),
            "{:#?}",
            r.events
        );
    }

    #[test]
    fn an_act_that_another_verb_governs_is_not_its_subjects() {
        // France condemned; who attacked is not said
        let r = testing::record("France condemned the deadly attack on Mali.");
        assert!(
            r.events.iter().all(|e| e.kind != EventType::Assault),
            "{:?}",
            r.events
        );
        assert_eq!(sides(&r, only(&r, EventType::Accuse)).0, vec!["FRA"]);
        // a light verb carries the act: Russia attacked
        let r = testing::record("Russia launched an attack on Ukraine.");
        assert_eq!(
            sides(&r, only(&r, EventType::Assault)),
            (vec!["RUS"], vec!["UKR"])
        );
    }

    #[test]
    fn harm_from_an_accidental_cause_has_no_unidentified_attacker() {
        let r = testing::record("A tornado injured 12 people in Oklahoma on Monday.");
        assert!(
            r.events.iter().all(|e| e.kind != EventType::Assault),
            "{:?}",
            r.events
        );
        let r = testing::record("A man was killed when a tree fell on his car in Ohio.");
        assert!(
            r.events.iter().all(|e| e.kind != EventType::Assault),
            "{:?}",
            r.events
        );
        // a bomb is an attack by someone: the country it struck codes them
        let r = testing::record("A car bomb killed 12 people in Baghdad on Monday.");
        assert_eq!(sides(&r, only(&r, EventType::Assault)).0, vec!["IRQ"]);
    }

    #[test]
    fn weather_and_accidents_kill_without_an_attacker_even_when_officials_tell_of_it() {
        for text in [
            "Torrential rains killed 12 people in Nairobi overnight, police said.",
            "A heatwave has killed at least 50 people in Pakistan, hospital officials said.",
            "Strong winds and snow killed three people in Poland on Sunday.",
            "A bus plunged into a ravine in Peru, killing 24 passengers, authorities said.",
        ] {
            let r = testing::record(text);
            assert!(
                every_event(&r).all(|e| e.kind != EventType::Assault || e.source.is_empty()),
                "{text}: {:#?}",
                every_event(&r).collect::<Vec<_>>()
            );
        }
        // a disaster is the subject: no one does the act, not even the speaker
        let r =
            testing::record("Storms destroyed hundreds of homes in Bangladesh, officials said.");
        assert!(
            every_event(&r).all(|e| e.source.is_empty()),
            "{:#?}",
            r.events
        );
        // those who tell of an attack are not its attackers
        let r = testing::record(
            "Gunmen attacked a camp for refugees in Congo, killing 30 people, the United Nations said.",
        );
        assert!(
            every_event(&r)
                .filter(|e| e.kind == EventType::Assault)
                .all(|e| !names(&r, &e.source).contains(&"United Nations")),
            "{:#?}",
            r.events
        );
    }

    #[test]
    fn those_who_tell_of_force_are_not_those_it_was_used_on() {
        for text in [
            "Sri Lankan troops killed 23 rebels in fighting in the northeast, the defence ministry said.",
            "The Netherlands will send troops to reinforce the UN force in Bosnia, the Dutch defence minister said.",
        ] {
            let r = testing::record(text);
            let told_by_a_minister = every_event(&r)
                .filter(|e| matches!(e.kind, EventType::Assault | EventType::Mobilize))
                .flat_map(|e| names(&r, &e.target))
                .any(|n| n.contains("minist"));
            assert!(!told_by_a_minister, "{text}: {:#?}", r.events);
        }
    }

    #[test]
    fn a_role_word_as_an_adjective_far_after_the_verb_names_no_one() {
        let r = testing::record(
            "Germany and France signed an agreement on Monday to build a joint military helicopter.",
        );
        let e = only(&r, EventType::Support);
        assert!(
            names(&r, &e.target).iter().all(|&n| n != "military"),
            "{:#?}",
            r.actors
        );
    }

    #[test]
    fn a_rally_someone_speaks_to_is_their_audience_not_a_protest() {
        for text in [
            "President William Ruto told a rally in Nakuru that the country needed to cut its debt.",
            "Ruto addressed a rally of supporters in Nakuru on Sunday.",
        ] {
            let r = testing::record(text);
            assert!(every_event(&r).all(|e| e.kind != EventType::Protest), "{text}: {:#?}", r.events);
        }
        let r =
            testing::record("Kenyan students held a rally in Nairobi against the tax increase.");
        first_of(&r, EventType::Protest);
    }

    #[test]
    fn a_noun_inside_a_relative_clause_is_not_the_subject_of_the_verb_after_it() {
        let r = testing::record(
            "Demonstrators who gathered outside the Iranian embassy in London demanded the release \
             of political prisoners.",
        );
        let e = first_of(&r, EventType::Request);
        assert_eq!(names(&r, &e.source), ["Demonstrators"], "{:#?}", r.events);
    }

    #[test]
    fn what_came_under_attack_from_someone_was_attacked_by_them() {
        assert_sides(&[
            (
                "A Ukrainian village came under heavy shelling from Russian forces overnight.",
                EventType::Assault,
                (vec!["RUS"], vec!["UKR"]),
            ),
            (
                "Israeli positions came under rocket fire from Hezbollah on Sunday.",
                EventType::Assault,
                (vec!["LBN"], vec!["ISR"]),
            ),
        ]);
    }

    #[test]
    fn those_killed_in_clashes_with_others_were_killed_by_them() {
        assert_sides(&[
            (
                "Two Indian soldiers were killed in an exchange of fire with Pakistani troops.",
                EventType::Assault,
                (vec!["PAK"], vec!["IND"]),
            ),
            (
                "Three Colombian policemen were killed in clashes with Venezuelan soldiers.",
                EventType::Assault,
                (vec!["VEN"], vec!["COL"]),
            ),
        ]);
    }

    #[test]
    fn who_after_a_name_and_a_comma_stands_for_that_name() {
        let r = testing::record(
            "Shoukry also received a phone call from U.S. Secretary of State Antony Blinken, who \
             thanked Egypt for its mediation efforts.",
        );
        let e = first_of(&r, EventType::Support);
        assert_eq!(names(&r, &e.source), ["Antony Blinken"], "{:#?}", r.events);
    }

    /// The event, complete or unresolved, whose trigger opens with `w`.
    fn by_trigger<'r>(r: &'r Record, w: &str) -> &'r EventOut {
        every_event(r)
            .find(|e| e.trigger.text.starts_with(w))
            .unwrap_or_else(|| panic!("no {w}: {:#?}", r.events))
    }

    #[test]
    fn the_object_of_a_verb_of_object_control_does_its_infinitive() {
        assert_sides(&[(
            "The bombing prompted Israel to launch airstrikes on Gaza.",
            EventType::Assault,
            (vec!["ISR"], vec!["PSE"]),
        )]);
        let r = testing::record("Washington urged Moscow to halt the offensive in Ukraine.");
        assert_eq!(sides(&r, by_trigger(&r, "halt")).0, ["RUS"]);
    }

    #[test]
    fn a_hostile_act_on_its_own_source_through_a_possessive_is_on_the_one_above() {
        // the accuser is whose airspace it was
        let r = testing::record("Pakistan accused India of violating its airspace.");
        assert_eq!(
            sides(&r, by_trigger(&r, "violating")),
            (vec!["IND"], vec!["PAK"])
        );
        // nobody above: the act is on the doer's own, no one else
        // and told as coded with no target: no one else is its recipient
        let r = testing::record("Canada is set to impose new tariffs on its imports of steel.");
        let impose = r
            .events
            .iter()
            .find(|e| e.trigger.text.starts_with("impose"));
        assert_eq!(
            impose.map(|e| sides(&r, e)),
            Some((vec!["CAN"], vec![])),
            "{r:#?}"
        );
    }

    #[test]
    fn a_participle_after_a_report_is_done_by_the_reported_subject() {
        let r = testing::record(
            "Lebanon said Israeli forces shelled a village overnight, killing two farmers.",
        );
        assert_eq!(
            sides(&r, by_trigger(&r, "killing")),
            (vec!["ISR"], vec!["LBN"])
        );
    }

    #[test]
    fn a_gerund_a_request_asks_for_has_not_happened() {
        let r =
            testing::record("Mali rejected a French appeal for sending more troops to the north.");
        assert_eq!(by_trigger(&r, "sending").modality, "hypothetical");
        // nor has an act a noun of asking names ("calls … for")
        let r = testing::record("Sudan's army rejected calls by mediators for a truce in Darfur.");
        assert_eq!(
            by_trigger(&r, "truce").modality,
            "hypothetical",
            "{:#?}",
            r.events
        );
    }

    #[test]
    fn the_north_or_the_south_is_the_other_half_of_a_divided_country() {
        let r = testing::record("Seoul said the North fired artillery shells at the island.");
        assert_eq!(
            sides(&r, by_trigger(&r, "fired")).0,
            ["PRK"],
            "{:#?}",
            r.events
        );
        // the one accused right before "of" did the act, on the accuser's own
        assert_sides(&[(
            "South Sudan accused the North of bombing its oil fields.",
            EventType::Assault,
            (vec!["SDN"], vec!["SSD"]),
        )]);
        // no divided country named: no state
        let r = testing::record("Labour won seats across the North, Britain's opposition said.");
        assert!(
            r.actors.iter().all(|a| a.name != "North Korea"),
            "{:#?}",
            r.actors
        );
    }

    #[test]
    fn forces_of_the_state_storming_a_building_raid_it() {
        assert_sides(&[(
            "Ecuadorian police stormed the Mexican embassy in Quito on Friday.",
            EventType::Coerce,
            (vec!["ECU"], vec!["MEX"]),
        )]);
        // a crowd storming one riots
        let r = testing::record("Protesters stormed the parliament building in Nairobi.");
        assert_eq!(
            first_of(&r, EventType::Protest).trigger.text,
            "stormed the parliament"
        );
    }

    #[test]
    fn a_definite_act_condemned_in_the_passive_is_aimed_at_its_doer() {
        let r = testing::record(
            "Russian forces shelled Kharkiv on Monday. The shelling was condemned by France.",
        );
        assert_eq!(
            sides(&r, by_trigger(&r, "condemned")),
            (vec!["FRA"], vec!["RUS"])
        );
    }

    #[test]
    fn a_participle_the_parse_joins_to_an_object_is_the_subjects_act() {
        let r = testing::record(
            "Hungary's Prime Minister Viktor Orban met Russian President Vladimir Putin in \
             Moscow on Friday, drawing sharp criticism from EU leaders.",
        );
        assert_eq!(
            sides(&r, by_trigger(&r, "criticism")).1,
            ["HUN"],
            "{:#?}",
            r.events
        );
    }

    #[test]
    fn an_act_on_oneself_is_no_event() {
        for text in [
            "The mayor of Lyon often speaks to himself, a neighbour said.",
            "Hamas leaders talked among themselves in Doha on Monday.",
        ] {
            let r = testing::record(text);
            assert!(
                every_event(&r).all(|e| e.kind != EventType::Consult),
                "{text}: {:#?}",
                r.events
            );
        }
    }

    #[test]
    fn blocking_boats_or_convoys_is_coercion_of_their_owners() {
        assert_sides(&[(
            "Chinese coast guard vessels blocked Philippine supply boats near the shoal.",
            EventType::Coerce,
            (vec!["CHN"], vec!["PHL"]),
        )]);
    }

    #[test]
    fn a_compass_adjective_alone_names_no_one() {
        let r =
            testing::record("Russia rejected calls by Western countries to withdraw its troops.");
        assert!(
            r.actors.iter().all(|a| a.name != "Western"),
            "{:#?}",
            r.actors
        );
        // nor does a continent's adjective: the callers stay uncoded
        let r =
            testing::record("Moscow rejected calls by European leaders to withdraw its forces.");
        assert!(
            r.actors.iter().all(|a| a.name != "European"),
            "{:#?}",
            r.actors
        );
        assert_eq!(
            sides(&r, only(&r, EventType::Reject)),
            (vec!["RUS"], vec![])
        );
    }

    #[test]
    fn a_rejected_call_is_aimed_at_its_author_not_at_what_it_asked_for() {
        // not the place of the act asked for, by its preposition or borrowed
        // from that act, nor the rejecter's own forces inside it
        let r = testing::record("Moscow rejected calls to withdraw its forces from Moldova.");
        assert_eq!(
            sides(&r, only(&r, EventType::Reject)),
            (vec!["RUS"], vec![])
        );
        assert_sides(&[(
            "Turkey rejected an offer from Sweden on Tuesday.",
            EventType::Reject,
            (vec!["TUR"], vec!["SWE"]),
        )]);
    }

    #[test]
    fn an_amount_of_money_inside_a_cue_counts_as_no_word_of_its_gap() {
        assert_sides(&[
            (
                "Japan provided Ukraine with $4.5 billion in aid.",
                EventType::Aid,
                (vec!["JPN"], vec!["UKR"]),
            ),
            (
                "Japan will provide Ukraine with $4.5 billion in additional aid.",
                EventType::Agree,
                (vec!["JPN"], vec!["UKR"]),
            ),
        ]);
        // numbers that are no money count
        let r = testing::record("On March 13, Jones scored 26 points against Iowa State.");
        assert!(
            every_event(&r).all(|e| e.kind != EventType::Protest),
            "{:#?}",
            r.events
        );
    }

    #[test]
    fn a_storm_named_after_its_kind_is_no_person_or_place() {
        let r =
            testing::record("Cyclone Mocha slammed into the coast of Myanmar, killing 60 people.");
        assert!(
            r.actors.iter().all(|a| a.country.as_deref() != Some("YEM")),
            "{:#?}",
            r.actors
        );
        let r = testing::record("Hurricane Helene killed 40 people in Florida and Georgia.");
        assert!(
            r.actors.iter().all(|a| a.name != "Helene"),
            "{:#?}",
            r.actors
        );
        // a name that opens with the word is no storm's
        let r = testing::record("Police in Storm Lake, Iowa, arrested a man on Friday.");
        assert!(
            r.places.iter().any(|p| p.name.starts_with("Storm Lake")),
            "{:#?}",
            r.places
        );
    }

    #[test]
    fn fighting_a_disaster_is_no_attack() {
        let any_assault = |text: &str| {
            let r = testing::record(text);
            let any = every_event(&r).any(|e| e.kind == EventType::Assault);
            any
        };
        assert!(!any_assault(
            "Canadian firefighters were fighting two apartment fires in Toronto."
        ));
        assert!(any_assault(
            "Congolese troops were fighting rebels in Goma."
        ));
    }

    #[test]
    fn a_protest_verb_with_an_object_has_another_sense() {
        let protests = |text: &str| {
            let r = testing::record(text);
            r.events
                .iter()
                .filter(|e| e.kind == EventType::Protest)
                .count()
        };
        assert_eq!(
            protests("Kenyan athletes demonstrated great skill in Nairobi on Monday."),
            0
        );
        assert_eq!(
            protests("Thousands of Kenyans demonstrated in Nairobi on Monday."),
            1
        );
    }

    #[test]
    fn negation_is_kept_and_a_refusal_to_accept_is_a_rejection() {
        let r = testing::record("The Iranian government did not meet with the United States.");
        let e = only(&r, EventType::Consult);
        assert_eq!(sides(&r, e), (vec!["IRN"], vec!["USA"]));
        assert!(e.negated);
        let r = testing::record("India will not accept more refugees from Myanmar.");
        let e = only(&r, EventType::Reject);
        assert_eq!(sides(&r, e), (vec!["IND"], vec!["MMR"]));
        assert!(!e.negated);
        assert!(r.events.iter().all(|e| e.kind != EventType::Agree));
    }

    #[test]
    fn an_act_denied_is_negated_but_a_request_turned_down_was_made() {
        for text in [
            "Iran denied that it supplied drones to Russia.",
            "Iran denied supplying drones to Russia.",
        ] {
            let r = testing::record(text);
            let e = only(&r, EventType::Aid);
            assert_eq!(sides(&r, e), (vec!["IRN"], vec!["RUS"]), "{text}");
            assert!(e.negated, "{text}");
        }
        let r = testing::record("Egypt denied Jordan's request for more water.");
        let requests: Vec<_> = every_event(&r)
            .filter(|e| e.kind == EventType::Request)
            .collect();
        assert!(!requests.is_empty() && requests.iter().all(|e| !e.negated));
    }

    #[test]
    fn modals_and_stated_intentions_set_type_and_modality() {
        let cases = [
            (
                "Germany could send weapons to Ukraine.",
                EventType::Aid,
                "hypothetical",
            ),
            // a wish in any inflection is no act ("hoping to" as "hope to")
            (
                "Malian rebels are hoping to attack Bamako next week.",
                EventType::Assault,
                "hypothetical",
            ),
            // a future act with its date is scheduled
            (
                "China will meet Japan on Friday.",
                EventType::Consult,
                "future",
            ),
            // without one, an intention to attack is a threat
            ("China will attack Japan.", EventType::Threaten, "asserted"),
            // forces ready to attack hold a posture of force
            (
                "Brazil is prepared to attack Venezuela.",
                EventType::Mobilize,
                "asserted",
            ),
        ];
        for (text, kind, modality) in cases {
            let r = testing::record(text);
            let e = r
                .events
                .iter()
                .find(|e| e.kind == kind)
                .unwrap_or_else(|| panic!("{text}: {:#?}", r.events));
            assert_eq!(e.modality, modality, "{text}");
            assert_eq!(e.source.len(), 1, "{text}");
            assert_eq!(e.target.len(), 1, "{text}");
        }
    }

    #[test]
    fn a_quoted_act_is_its_speakers_and_an_obligation_a_request() {
        let r = testing::record("\"We will attack Georgia,\" the Russian defence minister said.");
        let e = only(&r, EventType::Threaten);
        assert_eq!(sides(&r, e), (vec!["RUS"], vec!["GEO"]));
        assert_eq!(e.modality, "reported");
        assert!(e.quote.is_some());
        let r = testing::record("President Biden said Iran must stop enriching uranium.");
        let e = only(&r, EventType::Request);
        assert_eq!(sides(&r, e), (vec!["USA"], vec!["IRN"]));
        assert_eq!(e.trigger.text, "must");
    }

    #[test]
    fn a_visit_is_a_meeting_with_the_government_of_a_political_actor_only() {
        let r = testing::record("Poland's president visited Lithuania.");
        let e = only(&r, EventType::Consult);
        assert_eq!(sides(&r, e), (vec!["POL"], vec!["LTU"]));
        assert_eq!(e.mode.as_deref(), Some("visit"));
        // tourists travelling meet nobody
        let r = testing::record("German tourists visited Rome.");
        assert!(r.events.is_empty(), "{:#?}", r.events);
        // police on a case, and troops travelling at home, visit nobody
        for text in [
            "Kenyan police travelled to Uganda on Monday.",
            "Kenyan soldiers arrived in Nairobi and beat the young man.",
        ] {
            let r = testing::record(text);
            assert!(
                r.events.iter().all(|e| e.kind != EventType::Consult),
                "{text}: {:#?}",
                r.events
            );
        }
    }

    #[test]
    fn an_act_named_by_a_noun_with_nobody_it_is_done_to_is_not_reported() {
        let r = testing::record("The investigation is continuing, Canadian police said on Monday.");
        assert!(r.events.is_empty(), "{:#?}", r.events);
        assert_eq!(r.unresolved.len(), 1);
        assert_eq!(r.unresolved[0].reason, UnresolvedReason::NotReported);
        // naming whom it is into, the same noun reports an act
        let r =
            testing::record("Canadian police opened an investigation into the Russian embassy.");
        let e = only(&r, EventType::Accuse);
        assert_eq!(sides(&r, e), (vec!["CAN"], vec!["RUS"]));
    }

    #[test]
    fn an_act_on_someone_no_code_places_is_left_unresolved() {
        let r = testing::record("Colombian soldiers attacked him near the border on Monday.");
        assert!(r.events.is_empty(), "{:#?}", r.events);
        assert_eq!(r.unresolved[0].reason, UnresolvedReason::UncodedTarget);
        let r =
            testing::record("Colombian soldiers attacked the rebels near the border on Monday.");
        let e = only(&r, EventType::Assault);
        assert_eq!(sides(&r, e), (vec!["COL"], vec!["COL"]));
        // force on a thing names no actor it was done to
        let r =
            testing::record("Colombian soldiers captured four rifles near the border on Monday.");
        assert!(r.events.is_empty(), "{:#?}", r.events);
        assert_eq!(r.unresolved[0].reason, UnresolvedReason::UncodedTarget);
        // a target slot the tree fills with people no code places
        let r = testing::record(
            "The Canadian government reached agreements with six landowners on Monday.",
        );
        assert!(r.events.is_empty(), "{:#?}", r.events);
        assert_eq!(r.unresolved[0].reason, UnresolvedReason::UncodedTarget);
        let r =
            testing::record("The Canadian government reached an agreement with Mexico on Monday.");
        let e = only(&r, EventType::Agree);
        assert_eq!(sides(&r, e), (vec!["CAN"], vec!["MEX"]));
        let r = testing::record(
            "The pipeline will be allowed to operate, the Canadian government said.",
        );
        assert!(r.events.is_empty(), "{:#?}", r.events);
        assert_eq!(r.unresolved[0].reason, UnresolvedReason::UncodedTarget);
        // told again without naming whom, it is still the act on him
        let r = testing::record(
            "Colombian soldiers attacked him near the border on Monday. \
             The soldiers also attacked near the river on Monday.",
        );
        assert!(r.events.is_empty(), "{:#?}", r.events);
        assert_eq!(r.unresolved[0].reason, UnresolvedReason::UncodedTarget);
    }

    #[test]
    fn a_verb_the_tagger_could_read_as_an_adjective_is_an_act() {
        // "wounded" is most often an adjective ("wounded soldiers"), never before "two"
        let r = testing::record(
            "Rebel fighters wounded two Nigerian soldiers near Maiduguri on Tuesday.",
        );
        let e = only(&r, EventType::Assault);
        assert_eq!(keys(&r, &e.target), ["NGA"]);
    }

    #[test]
    fn who_reports_violence_told_without_its_agent_did_not_do_it() {
        let r = testing::record(
            "Three fishermen were injured when a storm hit the harbour in Chittagong, Bangladeshi state media reported.",
        );
        assert!(r.events.is_empty(), "{:#?}", r.events);
        // an unidentified attacker is coded by the country struck, not as the police who tell of it
        let r = testing::record(
            "A woman was killed near the market in Kabul on Monday, Afghan police said.",
        );
        let e = only(&r, EventType::Assault);
        assert_eq!(names(&r, &e.source), ["Afghanistan"]);
    }

    #[test]
    fn asked_opening_a_sentence_tells_that_its_subject_was_asked() {
        let r = testing::record("Asked how Kenya could pay its debts, Finance Minister Njuguna Ndung'u said exports must grow.");
        assert!(
            r.events.iter().all(|e| e.kind != EventType::Request),
            "{:#?}",
            r.events
        );
        let r = testing::record("Kenya asked Uganda to reopen the border on Monday.");
        assert_eq!(
            sides(&r, only(&r, EventType::Request)),
            (vec!["KEN"], vec!["UGA"])
        );
    }

    #[test]
    fn saying_another_is_responsible_for_harm_accuses_it() {
        let r = testing::record(
            "Kenyan officials said Somalia was largely responsible for the border clashes.",
        );
        let e = only(&r, EventType::Accuse);
        assert_eq!(sides(&r, e), (vec!["KEN"], vec!["SOM"]));
        let r = testing::record(
            "Kenyan officials said Somalia was not to blame for the border clashes.",
        );
        assert!(
            r.events
                .iter()
                .filter(|e| e.kind == EventType::Accuse)
                .all(|e| e.negated),
            "{:#?}",
            r.events
        );
    }

    #[test]
    fn a_meeting_told_as_the_setting_of_a_clause_is_its_subjects() {
        let r = testing::record(
            "In a meeting with Chinese diplomat Yang Jiechi on Friday, South Korean President Moon Jae-in urged Beijing to cut emissions.",
        );
        let e = only(&r, EventType::Consult);
        assert_eq!(sides(&r, e), (vec!["KOR"], vec!["CHN"]));
    }

    #[test]
    fn an_infinitive_hung_on_a_noun_says_what_it_is_for() {
        let r = testing::record("The mayors listed three reasons to allow Canadian drivers to turn right, the Quebec government said.");
        let e = only(&r, EventType::Concede);
        assert_eq!(e.modality, "hypothetical");
    }

    #[test]
    fn a_march_against_something_is_a_protest_a_march_on_a_city_is_not() {
        let r = testing::record("Thousands of people marched in Paris against the pension reform.");
        assert_eq!(sides(&r, only(&r, EventType::Protest)).0, ["FRA"]);
        let r = testing::record("Russian troops marched on Kharkiv in Ukraine.");
        assert!(
            !r.events.iter().any(|e| e.kind == EventType::Protest),
            "{:#?}",
            r.events
        );
    }

    #[test]
    fn an_event_noun_set_after_a_future_act_happened_and_is_not_the_speakers() {
        let r =
            testing::record("Iran said it would respond after the attack on its embassy in Kabul.");
        assert!(
            r.events
                .iter()
                .all(|e| e.kind != EventType::Threaten && keys(&r, &e.source) != ["IRN"]),
            "{:#?}",
            r.events
        );
        let r = testing::record(
            "The Kenyan president said he would resign over the protests in Nairobi.",
        );
        assert!(
            r.events
                .iter()
                .all(|e| e.kind != EventType::Threaten && e.kind != EventType::Protest),
            "{:#?}",
            r.events
        );
        // the act the modal governs is still a threat
        let r =
            testing::record("Israel said it will launch an attack on Hezbollah after the talks.");
        assert_eq!(
            sides(&r, only(&r, EventType::Threaten)),
            (vec!["ISR"], vec!["LBN"])
        );
    }

    #[test]
    fn a_meeting_called_off_did_not_take_place_and_a_scheduled_one_is_future() {
        for text in [
            "Russia cancelled the talks with Ukraine.",
            "The talks between Russia and Ukraine were postponed.",
            "The summit between Kim Jong Un and Trump was called off.",
            "Putin was due to meet Erdogan in Ankara, but the meeting was postponed.",
        ] {
            let r = testing::record(text);
            assert!(
                r.events
                    .iter()
                    .filter(|e| e.kind == EventType::Consult)
                    .all(|e| e.negated),
                "{text}: {:#?}",
                r.events
            );
            assert!(
                r.events.iter().any(|e| e.negated),
                "{text}: {:#?}",
                r.events
            );
        }
        let r = testing::record("Putin is scheduled to meet Erdogan in Ankara on Friday.");
        let meet = only(&r, EventType::Consult);
        assert_eq!(
            (meet.modality.as_str(), meet.negated),
            ("future", false),
            "{meet:#?}"
        );
        assert_eq!(sides(&r, meet), (vec!["RUS"], vec!["TUR"]));
        // talks that were held stay asserted
        let r = testing::record("Russia held talks with Ukraine in Istanbul.");
        assert!(!only(&r, EventType::Consult).negated);
    }

    #[test]
    fn a_subject_the_coder_does_not_know_is_not_replaced_by_a_name_before_its_clause() {
        for text in [
            "Kenya hosted a summit in Nairobi, where delegates condemned the attack on Somalia.",
            "The ministry signed a deal with Qatar; analysts criticised the agreement.",
        ] {
            let r = testing::record(text);
            assert!(
                r.events.iter().all(|e| e.kind != EventType::Accuse),
                "{text}: {:#?}",
                r.events
            );
        }
        // a subject the coder knows in that clause is still its source
        assert_sides(&[(
            "Ethiopia sent troops to the border, where residents accused Eritrea of shelling.",
            EventType::Accuse,
            (vec!["ETH"], vec!["ERI"]),
        )]);
    }

    #[test]
    fn a_host_meets_the_counterpart_the_nationality_names() {
        assert_sides(&[
            (
                "Egyptian President Abdel Fattah al-Sisi hosted his Sudanese counterpart in Cairo on Sunday.",
                EventType::Consult,
                (vec!["EGY"], vec!["SDN"]),
            ),
            (
                "Egyptian President Abdel Fattah al-Sisi received his Sudanese counterpart in Cairo.",
                EventType::Consult,
                (vec!["EGY"], vec!["SDN"]),
            ),
            (
                "Kenyan President William Ruto welcomed his Ugandan counterpart Yoweri Museveni in Nairobi.",
                EventType::Consult,
                (vec!["KEN"], vec!["UGA"]),
            ),
        ]);
        // the possessive pronoun is the target's own where no nationality follows it
        let r = testing::record("Pakistan summoned its ambassador in Kabul for consultations.");
        assert!(
            r.events.iter().all(|e| keys(&r, &e.target) != ["AFG"]),
            "{:#?}",
            r.events
        );
    }

    #[test]
    fn talks_that_set_a_request_were_held_and_what_was_asked_far_back_was_not_done() {
        let r =
            testing::record("In talks with Lavrov, Blinken urged Russia to release Paul Whelan.");
        let talks = only(&r, EventType::Consult);
        assert_eq!(talks.modality, "asserted", "{talks:#?}");
        assert_eq!(sides(&r, talks), (vec!["USA"], vec!["RUS"]));
        // "called for talks" is still asked for, not held
        let r = testing::record("Blinken called for talks with Lavrov.");
        assert!(r
            .events
            .iter()
            .all(|e| e.kind != EventType::Consult || e.modality != "asserted"));
        // the tree's governor of the infinitive, eleven words back
        let r = testing::record(
            "Blinken asked Lavrov on the sidelines of the G20 summit in New Delhi to release Paul Whelan.",
        );
        assert!(
            r.events
                .iter()
                .filter(|e| e.kind == EventType::Retreat)
                .all(|e| e.modality == "hypothetical"),
            "{:#?}",
            r.events
        );
    }

    #[test]
    fn an_act_set_in_one_of_its_own_kind_shares_its_doer() {
        let r = testing::record(
            "British aircraft killed four Iraqis in an attack on a weapons depot in Basra.",
        );
        let attacks: Vec<_> = r
            .events
            .iter()
            .filter(|e| e.kind == EventType::Assault)
            .map(|e| sides(&r, e))
            .collect();
        assert!(
            attacks.len() == 2 && attacks.iter().all(|(s, _)| s == &vec!["GBR"]),
            "{:#?}",
            r.events
        );
        // a raid the parse hangs on the object is still the shooters'
        let r = testing::record(
            "Israeli troops shot dead a Palestinian teenager during a raid in Jenin, the Palestinian health ministry said.",
        );
        assert!(
            r.events
                .iter()
                .filter(|e| e.kind == EventType::Assault)
                .all(|e| keys(&r, &e.source) == ["ISR"]),
            "{:#?}",
            r.events
        );
    }

    #[test]
    fn a_participle_with_an_object_is_the_verb_of_the_whole_coordination() {
        // the parse hangs "signed" on "rebels" as a participle; with an object it is active
        assert_sides(&[(
            "Colombia's government and the ELN rebels signed a ceasefire agreement in Havana.",
            EventType::Support,
            (vec!["COL"], vec!["COL"]),
        )]);
    }

    #[test]
    fn a_past_tense_the_parse_hangs_on_the_sentences_root_noun_is_its_verb() {
        // the parse makes "army" the root and "agreed" a participle of
        // "Forces"; the truce's venue is no party to it
        assert_sides(&[(
            "Sudan's army and the Rapid Support Forces agreed to a truce in Jeddah on Saturday.",
            EventType::Agree,
            (vec!["SDN"], vec!["SDN"]),
        )]);
    }

    #[test]
    fn a_past_tense_with_the_preposition_of_its_own_target_is_active() {
        assert_sides(&[
            (
                "Rebels in Goma clashed with Rwandan troops overnight.",
                EventType::Assault,
                (vec!["COD"], vec!["RWA"]),
            ),
            (
                "Fishermen in Manila clashed with Chinese coast guard crews on Sunday.",
                EventType::Assault,
                (vec!["PHL"], vec!["CHN"]),
            ),
            // "with" is no target of charging: the participle stays passive
            (
                "A Briton in Dubai charged with fraud by Emirati prosecutors appeared in court.",
                EventType::Accuse,
                (vec!["ARE"], vec!["GBR"]),
            ),
        ]);
    }

    #[test]
    fn an_infinitive_of_purpose_is_the_subjects_but_one_after_pressing_is_the_objects() {
        // both infinitives are parsed as adverbial clauses of the verb
        let r =
            testing::record("Pakistan summoned the Afghan envoy to protest the border shooting.");
        let protest = every_event(&r)
            .find(|e| e.trigger.text == "protest")
            .expect("protest");
        assert_eq!(sides(&r, protest), (vec!["PAK"], vec![]));
        assert_sides(&[(
            "Egypt's president today pressed the Sudanese army to accept a truce.",
            EventType::Agree,
            (vec!["SDN"], vec![]),
        )]);
    }

    #[test]
    fn a_headline_passive_without_be_is_read_from_the_tree() {
        // no "were": the parse's passive subject says who was acted on
        assert_sides(&[
            (
                "Two Britons arrested by Egyptian police in Cairo.",
                EventType::Coerce,
                (vec!["EGY"], vec!["GBR"]),
            ),
            (
                "Five Americans detained by Iranian forces near the border.",
                EventType::Coerce,
                (vec!["IRN"], vec!["USA"]),
            ),
        ]);
    }

    #[test]
    fn a_participle_right_after_people_is_what_those_people_did() {
        // the parse hangs "demanding" on "fired" in both
        assert_sides(&[
            (
                "Iranian police fired tear gas at Afghan migrants demanding the right to stay.",
                EventType::Request,
                (vec!["AFG"], vec![]),
            ),
            (
                "Iranian police fired tear gas at Afghan migrants, demanding that they leave the square.",
                EventType::Request,
                (vec!["IRN"], vec![]),
            ),
        ]);
    }

    #[test]
    fn a_participles_clause_is_its_governors_subjects_act_unless_a_preposition_ties_it_to_the_object(
    ) {
        assert_sides(&[
            (
                "Moldova expelled a Russian diplomat after accusing him of espionage.",
                EventType::Accuse,
                (vec!["MDA"], vec!["RUS"]),
            ),
            // "charging X with backing": X backs
            (
                "Congo recalled its ambassador from Kigali, charging Rwanda with backing the M23 rebels.",
                EventType::Support,
                (vec!["RWA"], vec!["COD"]),
            ),
        ]);
    }

    #[test]
    fn congo_alone_is_the_democratic_republic() {
        assert_sides(&[(
            "Congo accused Rwanda of backing the M23 rebels.",
            EventType::Accuse,
            (vec!["COD"], vec!["RWA"]),
        )]);
    }

    #[test]
    fn the_group_is_the_organisation_named_before_it() {
        assert_sides(&[(
            "Hamas said it would free three hostages on Saturday. The movement accused Israel of blocking aid.",
            EventType::Accuse,
            (vec!["PSE"], vec!["ISR"]),
        )]);
        // not a state's army, though named first
        let r = testing::record(
            "The Israeli army said it struck Hezbollah positions overnight. The group fired rockets at northern Israel.",
        );
        let fired = r
            .events
            .iter()
            .find(|e| e.trigger.text.starts_with("fired"));
        assert_eq!(
            fired.map(|e| sides(&r, e)),
            Some((vec!["LBN"], vec!["ISR"])),
            "{:#?}",
            r.events
        );
        // nor an organisation where a group of people was named
        let r = testing::record(
            "A group of students met Amnesty International in Tehran. The group accused Iranian police of torture.",
        );
        let accusers: Vec<&str> = every_event(&r)
            .filter(|e| e.kind == EventType::Accuse)
            .flat_map(|e| names(&r, &e.source))
            .collect();
        assert!(!accusers.contains(&"Amnesty International"), "{accusers:?}");
    }

    #[test]
    fn a_noun_cue_at_the_end_of_the_parsed_words_is_parsed_whole() {
        // the parse used to stop after "military", which then headed the
        // object and named the target
        assert_sides(&[(
            "Turkey threatened to launch a new military operation against Syria.",
            EventType::Threaten,
            (vec!["TUR"], vec!["SYR"]),
        )]);
    }

    #[test]
    fn a_noun_cue_modifying_a_thing_is_no_act_but_one_modifying_people_is() {
        let r = testing::record(
            "Prosecutors in Lagos filed a murder charge against the Nigerian businessman.",
        );
        let assaults = every_event(&r)
            .filter(|e| e.kind == EventType::Assault)
            .count();
        assert_eq!(assaults, 0, "{:#?}", r.unresolved);
        assert_sides(&[(
            "Turkish peacekeeping troops arrived in Kosovo on Monday.",
            EventType::Aid,
            (vec!["TUR"], vec!["XKX"]),
        )]);
    }

    #[test]
    fn the_agent_of_a_participle_after_the_cue_is_no_party_even_after_the() {
        assert_sides(&[(
            "Ukraine and Russia exchanged 95 prisoners of war on Friday in a deal mediated by the United Arab Emirates.",
            EventType::Retreat,
            (vec!["UKR"], vec!["RUS"]),
        )]);
    }

    #[test]
    fn officials_from_a_country_are_its_own_not_the_venues() {
        assert_sides(&[(
            "Officials from Iran met Saudi officials in Beijing on Friday.",
            EventType::Consult,
            (vec!["IRN"], vec!["SAU"]),
        )]);
    }

    #[test]
    fn an_unknown_word_before_a_role_qualifies_it_and_names_no_one() {
        // "Kurdish" was an actor of its own, of the story's country
        assert_sides(&[(
            "Turkish jets bombed Kurdish fighters in northern Syria on Monday.",
            EventType::Assault,
            (vec!["TUR"], vec!["SYR"]),
        )]);
    }

    #[test]
    fn a_past_tense_the_treebank_never_showed_is_read_as_a_verb() {
        // the tagger read "withdrew" after "troops" as a noun: no act
        assert_sides(&[(
            "The Rwandan army withdrew from Goma on Monday.",
            EventType::Retreat,
            (vec!["RWA"], vec!["COD"]),
        )]);
    }

    #[test]
    fn a_states_protest_is_a_complaint_to_the_state_named_after_it() {
        assert_sides(&[
            (
                "Japan protested to China over the detention of a Japanese businessman in Beijing.",
                EventType::Accuse,
                (vec!["JPN"], vec!["CHN"]),
            ),
            (
                "Vietnam protested against China's deployment of an oil rig.",
                EventType::Accuse,
                (vec!["VNM"], vec!["CHN"]),
            ),
        ]);
        // people in the street protest; they do not complain officially
        let r = testing::record(
            "Thousands of students protested against the tuition fees in Santiago.",
        );
        assert!(
            every_event(&r).any(|e| e.kind == EventType::Protest),
            "{:#?}",
            r.events
        );
        assert!(
            every_event(&r).all(|e| e.kind != EventType::Accuse),
            "{:#?}",
            r.events
        );
    }

    #[test]
    fn a_reaction_a_verb_brings_on_is_aimed_at_that_verbs_doer() {
        assert_sides(&[
            (
                "Hungary blocked an EU aid package for Ukraine, drawing criticism from Poland.",
                EventType::Accuse,
                (vec!["POL"], vec!["HUN"]),
            ),
            // a thing brought it on: its owner
            (
                "Israel's decision to expand settlements drew sharp criticism from Germany.",
                EventType::Accuse,
                (vec!["DEU"], vec!["ISR"]),
            ),
            // a parse that misses the verb: the subject before it
            (
                "China's military drills near Taiwan drew condemnation from the United States and Japan.",
                EventType::Accuse,
                (vec!["USA", "JPN"], vec!["CHN"]),
            ),
        ]);
        // a thing nobody owns: at no one, and never at its critic
        let r = testing::record("The ruling sparked condemnation from Washington.");
        let e = first_of(&r, EventType::Accuse);
        assert_eq!(sides(&r, e), (vec!["USA"], vec![]));
    }

    #[test]
    fn mediators_act_together_on_the_parties_they_mediate_between() {
        assert_sides(&[
            (
                "Israel and Hamas agreed to a truce brokered by Qatar and Egypt.",
                EventType::Consult,
                (vec!["QAT", "EGY"], vec!["ISR", "PSE"]),
            ),
            // a mediator joined to the act by a hyphen is its agent
            (
                "Israel and Hamas agreed to a Qatari-mediated truce.",
                EventType::Consult,
                (vec!["QAT"], vec!["ISR", "PSE"]),
            ),
        ]);
        // the parties, not the mediator's own reading of the deal it brokered
        assert_sides(&[(
            "Saudi Arabia restored diplomatic ties with Iran in a deal brokered by China.",
            EventType::Consult,
            (vec!["CHN"], vec!["SAU", "IRN"]),
        )]);
        // with no parties told, co-mediators still do not meet each other
        let r = testing::record("The ceasefire was brokered by Qatar and Egypt.");
        let consult = first_of(&r, EventType::Consult);
        assert_eq!(sides(&r, consult), (vec!["QAT", "EGY"], vec![]));
        // a sentence whose verb the parse leaves under a noun: the whole
        // coordinated subject agrees, once the short rest is parsed too
        let r = testing::record(
            "Sudan's army and the Rapid Support Forces agreed to a 72-hour ceasefire brokered by Saudi Arabia and the United States.",
        );
        let agree = first_of(&r, EventType::Agree);
        let (sources, targets) = sides(&r, agree);
        assert_eq!(sources.len() + targets.len(), 2, "{:#?}", r.events);
    }

    #[test]
    fn a_force_named_right_before_an_act_noun_does_it() {
        assert_sides(&[
            (
                "A Saudi-led coalition air strike hit a prison in Yemen on Monday.",
                EventType::Assault,
                (vec!["SAU"], vec!["YEM"]),
            ),
            (
                "The Turkish government crackdown on journalists drew criticism.",
                EventType::Coerce,
                (vec!["TUR"], vec!["TUR"]),
            ),
        ]);
    }

    #[test]
    fn a_place_named_before_a_visit_noun_is_where_it_went() {
        assert_sides(&[
            (
                "Alberta premier Rachel Notley returned from the China trip on Monday.",
                EventType::Consult,
                (vec!["CAN"], vec!["CHN"]),
            ),
            // a nationality before it is the visitor's
            (
                "The Turkish visit to Athens went ahead on Monday.",
                EventType::Consult,
                (vec!["TUR"], vec!["GRC"]),
            ),
        ]);
    }

    #[test]
    fn the_owner_of_the_act_asked_for_is_the_one_asked() {
        assert_sides(&[
            (
                "Germany demanded Russia's withdrawal from Ukraine.",
                EventType::Request,
                (vec!["DEU"], vec!["RUS"]),
            ),
            (
                "Japan called for Beijing's cooperation in Seoul's efforts.",
                EventType::Request,
                (vec!["JPN"], vec!["CHN"]),
            ),
        ]);
    }

    #[test]
    fn a_verb_joined_to_a_reported_state_is_the_speakers_act() {
        assert_sides(&[(
            "South Korean President Moon Jae-in said China was partly responsible for the smog and called for talks.",
            EventType::Request,
            (vec!["KOR"], vec![]),
        )]);
        // a verb joined to a reported act stays the reported subject's
        assert_sides(&[(
            "Ukraine said Russia shelled Kharkiv and attacked Odesa.",
            EventType::Assault,
            (vec!["RUS"], vec!["UKR"]),
        )]);
    }

    #[test]
    fn a_victim_of_an_act_is_its_target_never_its_doer() {
        assert_sides(&[(
            "The Kenyan journalist said he was the victim of an assault by police.",
            EventType::Assault,
            (vec!["KEN"], vec!["KEN"]),
        )]);
        let r = testing::record(
            "Kenyan opposition leader Raila Odinga said he was the victim of defamation and harassment.",
        );
        let coerce = first_of(&r, EventType::Coerce);
        assert_eq!(sides(&r, coerce), (vec![], vec!["KEN"]));
    }

    #[test]
    fn those_accused_of_an_act_do_it_and_are_accused() {
        let r = testing::record(
            "The United States imposed sanctions on Chinese companies accused of supplying Russia with drone parts.",
        );
        let aid = first_of(&r, EventType::Aid);
        assert_eq!(sides(&r, aid), (vec!["CHN"], vec!["RUS"]));
        let accuse = first_of(&r, EventType::Accuse);
        assert_eq!(sides(&r, accuse), (vec![], vec!["CHN"]));
    }

    #[test]
    fn the_act_struck_back_at_is_done_by_those_struck() {
        let r = testing::record(
            "Hezbollah fired rockets at Israel in response to the assassination of a senior commander in Beirut.",
        );
        let killing = every_event(&r)
            .find(|e| e.trigger.text == "assassination")
            .expect("assassination");
        assert_eq!(sides(&r, killing).0, vec!["ISR"], "{:#?}", r.events);
        // whom it strikes back at may stand between the word and "for"
        let r = testing::record(
            "Iran's supreme leader vowed revenge against Israel for the killing of a general in Damascus.",
        );
        let killing = every_event(&r)
            .find(|e| e.trigger.text == "killing")
            .expect("killing");
        assert_eq!(sides(&r, killing).0, vec!["ISR"], "{:#?}", r.events);
    }

    #[test]
    fn condemning_the_act_named_before_is_done_to_its_doers() {
        assert_sides(&[
            (
                "Israel struck Hezbollah positions in southern Lebanon. Iran condemned the strikes.",
                EventType::Accuse,
                (vec!["IRN"], vec!["ISR"]),
            ),
            // both sides of a mutual act
            (
                "Saudi Arabia and Iran reached an agreement on Friday. Japan welcomed the deal.",
                EventType::Support,
                (vec!["JPN"], vec!["SAU", "IRN"]),
            ),
            // the event noun inside the verb's own pattern
            (
                "Poland accused Belarus of orchestrating the migrant crisis. Minsk denied the accusations.",
                EventType::Reject,
                (vec!["BLR"], vec!["POL"]),
            ),
        ]);
        // a material act on what the act gave is no reaction to its doer
        let r = testing::record("Germany sent weapons to Ukraine in March. The Hungarian government said it would cut the aid.");
        let cut = first_of(&r, EventType::Threaten);
        assert!(!sides(&r, cut).1.contains(&"DEU"), "{:#?}", r.events);
        // an act of another kind is not the one named
        let r = testing::record(
            "Israel struck Hezbollah positions in southern Lebanon. Iran condemned the deal.",
        );
        let accuse = first_of(&r, EventType::Accuse);
        assert!(sides(&r, accuse).1.is_empty(), "{:#?}", r.events);
    }

    #[test]
    fn the_two_leaders_or_both_sides_are_the_pair_named_before() {
        assert_sides(&[
            (
                "Chinese President Xi Jinping met US President Joe Biden in San Francisco. The two leaders agreed to resume military communications.",
                EventType::Agree,
                (vec!["CHN"], vec!["USA"]),
            ),
            (
                "Kenya and Uganda held talks on their border dispute. Both sides agreed to maintain peace along the frontier.",
                EventType::Agree,
                (vec!["KEN"], vec!["UGA"]),
            ),
        ]);
        // "the two ministers" is a mention of its own; "his Qatari
        // counterpart" is a person of Qatar
        assert_sides(&[(
            "Egypt's foreign minister Sameh Shoukry held talks with his Qatari counterpart in \
             Cairo. The two ministers agreed to continue coordination, the Egyptian foreign \
             ministry said.",
            EventType::Agree,
            (vec!["EGY"], vec!["QAT"]),
        )]);
        // those named by name, not one named by a role alone
        let r = testing::record(
            "Talks resumed, a senior British official said, after President Joe Biden met Chinese \
             leader Xi Jinping. The two leaders agreed to curb the flow of fentanyl.",
        );
        let e = only(&r, EventType::Agree);
        assert_eq!(
            (names(&r, &e.source), names(&r, &e.target)),
            (vec!["Joe Biden"], vec!["Xi Jinping"])
        );
    }

    #[test]
    fn the_owner_of_a_decision_or_offer_does_what_it_intends() {
        assert_sides(&[
            (
                "Poland's decision to close its border with Belarus angered Minsk.",
                EventType::Coerce,
                (vec!["POL"], vec!["BLR"]),
            ),
            // the pair after "between" is whom the owner acts on
            (
                "China's offer to mediate between Russia and Ukraine was welcomed.",
                EventType::Agree,
                (vec!["CHN"], vec!["RUS", "UKR"]),
            ),
            (
                "China's offer to mediate between Russia and Ukraine was welcomed.",
                EventType::Consult,
                (vec!["CHN"], vec!["RUS", "UKR"]),
            ),
        ]);
    }

    #[test]
    fn suspects_and_captives_are_people_acted_on() {
        for (text, kind, target) in [
            (
                "Police in Lagos said three suspects were arrested after the attack.",
                EventType::Coerce,
                "suspects",
            ),
            (
                "Rebels freed 20 captives on Sunday.",
                EventType::Retreat,
                "captives",
            ),
        ] {
            let r = testing::record(text);
            let e = every_event(&r).find(|e| e.kind == kind).expect(text);
            assert_eq!(names(&r, &e.target), vec![target], "{text}");
        }
    }

    #[test]
    fn a_verb_cue_the_parse_makes_a_noun_after_a_number_is_no_act() {
        // "the 500 block of Taylor Street" is a city block, no road blocked
        let r =
            testing::record("Police arrested a man in the 500 block of Taylor Street on Friday.");
        assert!(
            !every_event(&r).any(|e| e.kind == EventType::Protest),
            "{:#?}",
            r.events
        );
        // a number that is the subject leaves the verb a verb
        let r = testing::record("Of the 300 workers, 200 refused to comply with the order.");
        assert!(
            every_event(&r).any(|e| e.kind == EventType::Reject),
            "{:#?}",
            r.events
        );
    }

    #[test]
    fn the_adjective_of_a_country_names_it() {
        // "Philippine", not the person noun "Filipino"; "Surinamese", not "Surinamer"
        assert_sides(&[
            (
                "A Chinese coast guard ship fired water cannon at a Philippine supply boat.",
                EventType::Coerce,
                (vec!["CHN"], vec!["PHL"]),
            ),
            (
                "Surinamese police arrested two Brazilian miners.",
                EventType::Coerce,
                (vec!["SUR"], vec!["BRA"]),
            ),
            (
                "Comorian authorities detained a French journalist.",
                EventType::Coerce,
                (vec!["COM"], vec!["FRA"]),
            ),
        ]);
    }

    #[test]
    fn two_leaders_who_met_in_a_capital_met_each_other_not_its_country() {
        assert_sides(&[
            (
                "Vladimir Putin and Xi Jinping met in Beijing.",
                EventType::Consult,
                (vec!["RUS"], vec!["CHN"]),
            ),
            // the parse sets the second name in apposition after "and"
            (
                "Russian President Vladimir Putin and Chinese President Xi Jinping met in Beijing.",
                EventType::Consult,
                (vec!["RUS"], vec!["CHN"]),
            ),
            // and the second hangs on a word inside the first name
            (
                "Russian President Vladimir Putin and Chinese leader Xi Jinping held talks in Beijing.",
                EventType::Consult,
                (vec!["RUS"], vec!["CHN"]),
            ),
        ]);
    }

    #[test]
    fn a_crowd_that_disperses_or_residents_who_evacuate_move_themselves() {
        for text in [
            "The crowd in Nairobi dispersed after two hours.",
            "Thousands of Florida residents evacuated ahead of the hurricane.",
            // an infinitive's subject is its governor's
            "The Mexican government said the caravan of migrants had begun to disperse.",
        ] {
            let r = testing::record(text);
            assert!(r.events.is_empty(), "{text}: {:#?}", r.events);
        }
        assert_sides(&[
            (
                "Kenyan police dispersed the protesters in Nairobi.",
                EventType::Coerce,
                (vec!["KEN"], vec!["KEN"]),
            ),
            (
                "Kenyan police began to disperse the protesters in Nairobi.",
                EventType::Coerce,
                (vec!["KEN"], vec!["KEN"]),
            ),
        ]);
    }

    #[test]
    fn a_verb_coordinated_with_an_infinitive_shares_what_governs_it() {
        for text in [
            "Washington urged Moscow to halt the offensive and withdraw its troops from Ukraine.",
            "Residents are urged to call the police or contact the French embassy in Rome.",
        ] {
            let r = testing::record(text);
            let asserted: Vec<_> = r
                .events
                .iter()
                .filter(|e| matches!(e.kind, EventType::Retreat | EventType::Consult))
                .filter(|e| e.modality == "asserted")
                .collect();
            assert!(asserted.is_empty(), "{text}: {asserted:#?}");
        }
    }

    #[test]
    fn a_modal_reaches_only_a_noun_its_own_verb_takes_as_argument() {
        for text in [
            "Russia said it will respond to the sanctions imposed by Britain.",
            "The Kenyan president said the country would heal by remembering the attack on Garissa.",
        ] {
            let r = testing::record(text);
            assert!(r.events.iter().all(|e| e.kind != EventType::Threaten), "{text}: {:#?}", r.events);
        }
        assert_sides(&[(
            "Pakistan said it would consider sanctions against India.",
            EventType::Threaten,
            (vec!["PAK"], vec!["IND"]),
        )]);
    }

    #[test]
    fn this_act_after_a_sentence_of_acts_points_back_to_one_of_them() {
        let r = testing::record(
            "A court in Auckland sentenced the man to life in jail.\n\
             \"We will heal a lot hearing this guilty verdict,\" his sister, Mary Jones, said.",
        );
        assert_eq!(r.events.len(), 1, "{:#?}", r.events);
        // opening the story, it is the act itself
        let r =
            testing::record("This attack by Israeli jets killed two Iranian generals in Damascus.");
        assert!(
            r.events.iter().any(|e| e.trigger.text == "attack"),
            "{:#?}",
            r.events
        );
    }

    #[test]
    fn approving_anothers_bid_to_join_supports_it() {
        assert_sides(&[
            (
                "Turkey's parliament approved Sweden's bid to join NATO.",
                EventType::Support,
                (vec!["TUR"], vec!["SWE"]),
            ),
            (
                "Hungary approved Finland's membership in NATO on Monday.",
                EventType::Support,
                (vec!["HUN"], vec!["FIN"]),
            ),
        ]);
    }

    #[test]
    fn violence_done_to_a_proposal_criticises_or_rejects_it() {
        assert_sides(&[
            (
                "Republicans attacked the Mexican government's budget plan on Tuesday.",
                EventType::Accuse,
                (vec!["USA"], vec!["MEX"]),
            ),
            (
                "The Pakistani prime minister's speech was attacked by Indian officials.",
                EventType::Accuse,
                (vec!["IND"], vec!["PAK"]),
            ),
            // violence to people stays violence
            (
                "Israel attacked Hamas positions in Gaza on Monday.",
                EventType::Assault,
                (vec!["ISR"], vec!["PSE"]),
            ),
        ]);
        // ending one rejects it, done to no one but whom it names ("Japan's")
        let r = testing::record("Brazil's vote killed Japan's trade deal.");
        assert!(
            r.events.iter().all(|e| e.kind != EventType::Assault),
            "{:#?}",
            r.events
        );
        assert_eq!(
            sides(&r, only(&r, EventType::Reject)),
            (vec!["BRA"], vec!["JPN"])
        );
        let r = testing::record("Germany's vote killed the plan that France had backed.");
        assert_eq!(
            sides(&r, only(&r, EventType::Reject)),
            (vec!["DEU"], vec![])
        );
    }

    #[test]
    fn an_act_on_people_done_to_a_thing_acts_only_on_those_it_names() {
        let r = testing::record(
            "Police have released footage of a fight between armed attackers in London.",
        );
        assert!(
            !r.events.iter().any(|e| e.kind == EventType::Retreat),
            "{:#?}",
            r.events
        );
        let r = testing::record("Israel released the bodies of two Hamas fighters.");
        assert_eq!(
            sides(&r, only(&r, EventType::Retreat)),
            (vec!["ISR"], vec!["PSE"])
        );
        let r = testing::record("Russia released two American journalists.");
        assert_eq!(
            sides(&r, only(&r, EventType::Retreat)),
            (vec!["RUS"], vec!["USA"])
        );
        // fighting a plan in court is no assault on the court
        let r = testing::record("Canadian farmers have fought the dam project in court.");
        assert!(
            r.events.iter().all(|e| e.kind != EventType::Assault),
            "{:#?}",
            r.events
        );
        let r = testing::record("Syrian troops fought the rebels near Aleppo.");
        assert_eq!(sides(&r, only(&r, EventType::Assault)).0, ["SYR"]);
        // eliminating jobs kills no one; eliminating fighters does
        let r = testing::record("Kenyan officials eliminated 5,000 civil service jobs last year.");
        assert!(
            every_event(&r).all(|e| e.kind != EventType::Assault),
            "{:#?}",
            r.events
        );
        let r = testing::record("The Nigerian army said it eliminated 20 Boko Haram fighters.");
        assert_eq!(sides(&r, only(&r, EventType::Assault)).0, ["NGA"]);
    }

    #[test]
    fn a_protest_without_a_target_faces_its_own_state() {
        let r = testing::record("Thousands of farmers protested in Paris.");
        let e = only(&r, EventType::Protest);
        assert_eq!(sides(&r, e), (vec!["FRA"], vec!["FRA"]));
        let target = r
            .actors
            .iter()
            .find(|a| a.id == e.target[0])
            .expect("target");
        assert_eq!(target.kind, "state");
    }

    #[test]
    fn a_repeated_event_is_coded_once_and_more_surely() {
        let r = testing::record("Russia attacked Ukraine. Russia attacked Ukraine again.");
        let e = only(&r, EventType::Assault);
        assert_eq!(sides(&r, e), (vec!["RUS"], vec!["UKR"]));
        assert!((e.confidence - 0.85).abs() < 1e-9, "{}", e.confidence);
    }
}
