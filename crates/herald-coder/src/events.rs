//! Events: cue matches turned into PLOVER events with source and target
//! actors, by a clause analysis without a parser: subjects to the left,
//! objects and prepositional targets to the right, passives, nominal events,
//! coordination, complements of requests and threats, negation, modality.

use crate::actors::{Actor, ActorKind};
use crate::dates::DateExpr;
use crate::mentions::{Mention, MentionKind};
use crate::quotes::{Quote, SPEECH_VERBS};
use crate::tree::TreeSubject;
use herald_core::{Doc, EventType, Sector, Shape};
use herald_kb::{CuePos, Kb, PlaceKind, TargetSlot};
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
    pub date: Option<(String, &'static str, &'static str)>,
    pub location: Option<(usize, &'static str)>,
    pub modality: &'static str,
    pub negated: bool,
    pub quote: Option<usize>,
    pub cameo: String,
    pub confidence: f64,
    /// Read as a passive (target is the subject); coordinated participles inherit it.
    pub passive: bool,
    /// The lexicon entry that fired, as written in `kb/cues.tsv`.
    pub cue: String,
}

const PREPOSITIONS: &[&str] = &[
    "of",
    "in",
    "at",
    "with",
    "from",
    "to",
    "for",
    "on",
    "by",
    "against",
    "between",
    "near",
    "about",
    "over",
    "into",
    "after",
    "before",
    "during",
    "since",
    "under",
    "among",
    "amid",
    "across",
    "through",
    "toward",
    "towards",
    "without",
    "like",
    "than",
    "via",
    "including",
    "outside",
    "inside",
    "behind",
    "per",
];
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "this", "that", "these", "those", "our", "two",
    "three", "both",
];
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

/// Verbs that carry an event noun without adding to it.
const LIGHT_VERBS: &[&str] = &[
    "hold",
    "conduct",
    "stage",
    "carry",
    "launch",
    "begin",
    "start",
    "continue",
    "resume",
    "have",
    "make",
    "take",
    "give",
    "announce",
    "organize",
    "organise",
    "mount",
    "undertake",
    "perform",
    "join",
    "attend",
    "plan",
    "hold out",
    // a noun of help carried by the verb that hands it over: "provide food aid", "send relief"
    "provide",
    "send",
    "deliver",
    "supply",
    "ship",
    "grant",
    "extend",
];

/// Measures before "of" that leave a noun the object of the verb ("tons of aid").
const MEASURES: &[&str] = &[
    "tons",
    "tonnes",
    "ton",
    "tonne",
    "kilograms",
    "kilos",
    "pounds",
    "barrels",
    "litres",
    "liters",
    "gallons",
    "dollars",
    "euros",
    "millions",
    "billions",
    "worth",
    "amount",
    "amounts",
    "shipment",
    "shipments",
    "load",
    "loads",
    "cargo",
    "package",
    "packages",
    "consignment",
    "batch",
    "truckloads",
    "planeloads",
    "supplies",
    "quantities",
    "lots",
];

/// Heads of "X of Y" subjects whose real actor is Y.
const QUANTITY_HEADS: &[&str] = &[
    "thousands",
    "hundreds",
    "dozens",
    "scores",
    "tens",
    "millions",
    "some",
    "many",
    "most",
    "all",
    "members",
    "leaders",
    "supporters",
    "groups",
    "group",
    "hundred",
    "thousand",
    "crowds",
    "crowd",
    "number",
    "units",
    "unit",
    "team",
    "delegation",
];
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
const NEGATORS: &[&str] = &[
    "not", "n't", "never", "no", "without", "neither", "nor", "nobody", "none", "cannot",
];
const BE_FORMS: &[&str] = &[
    "was", "were", "is", "are", "been", "being", "be", "get", "got", "gets", "'s", "’s", "am",
];
const FUTURE: &[&str] = &["will", "shall", "'ll", "wo"];
const HYPOTHETICAL: &[&str] = &[
    "could", "might", "may", "should", "can", "possibly", "perhaps", "maybe", "if", "unless",
    "whether",
];
const CONDITIONAL: &[&str] = &["would"];
/// Words after which an infinitive states an intention: emitted as AGREE.
const INTENTION: &[&str] = &[
    "ready",
    "willing",
    "prepared",
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "intended",
    "offer",
    "offered",
    "offers",
    "pledge",
    "pledged",
    "pledges",
    "promise",
    "promised",
    "promises",
    "vow",
    "vowed",
    "vows",
    "agree",
    "agreed",
    "agrees",
    "decide",
    "decided",
    "decides",
    "commit",
    "committed",
    "eager",
    "determined",
    "set",
    "poised",
    "preparing",
    "swear",
    "swore",
    "sworn",
    "swears",
];
/// Words after which an infinitive has not happened.
const UNREALISED: &[&str] = &[
    "want",
    "wants",
    "wanted",
    "hope",
    "hopes",
    "hoped",
    "seek",
    "seeks",
    "sought",
    "try",
    "tries",
    "tried",
    "aim",
    "aims",
    "aimed",
    "expect",
    "expects",
    "expected",
    "refuse",
    "refused",
    "refuses",
    "fail",
    "failed",
    "fails",
    "threaten",
    "threatened",
    "threatens",
    "urge",
    "urged",
    "urges",
    "ask",
    "asked",
    "asks",
    "demand",
    "demanded",
    "call",
    "called",
    "calls",
    "order",
    "ordered",
    "push",
    "pushed",
    "press",
    "pressed",
    "need",
    "needs",
    "must",
    "able",
    "unable",
    "likely",
    "unlikely",
    "chance",
    "attempt",
    "attempted",
    "effort",
    "efforts",
    "bid",
    "wish",
    "would",
    "could",
    "designed",
    "intended",
    "meant",
    "allow",
    "allowed",
    "help",
    "helped",
    "encourage",
    "encouraged",
    "invite",
    "invited",
    "persuade",
    "convince",
    "force",
    "forced",
    "pressure",
    "pressured",
];

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
        let mut best: Option<usize> = None;
        for (k, m) in self.actors.iter().enumerate().rev() {
            if m.tokens.end > before {
                continue;
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
            if m.tokens.end < self.doc.tokens.len()
                && matches!(self.lower(m.tokens.end), "'s" | "’s")
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
        out.iter()
            .map(|&k| self.actors[k].actor.unwrap_or(usize::MAX))
            .filter(|&a| a != usize::MAX)
            .collect()
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
        out.push(k);
        while k + 1 < self.actors.len() {
            let cur = self.actors[k];
            let next = self.actors[k + 1];
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

    /// The actor after preposition `prep` within a few tokens of `after`.
    fn prep_object(&self, after: usize, prep: &str) -> Vec<usize> {
        let limit = (after + 6).min(self.range.end);
        for i in after..limit {
            let w = self.lower(i);
            if w == prep {
                return self.object_right(i + 1, 6, false);
            }
            if matches!(w, "." | ";") {
                break;
            }
        }
        Vec::new()
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
    cue_matches: &[herald_kb::CueMatch],
) -> Vec<Event> {
    let in_sentence = crate::mentions::by_sentence(doc, mentions);
    let sentence_mentions = |s: usize| &mentions[in_sentence[s].clone()];
    // Name mentions (not pronouns, not role nouns) hide cue words inside them ("Rapid Support Forces").
    let in_name = |i: usize| {
        sentence_mentions(doc.sentence_of(i)).iter().any(|m| {
            m.tokens.contains(&i)
                && !matches!(m.kind, MentionKind::Pronoun(_))
                && (m.role_phrase.is_none()
                    || m.name.is_some()
                    || m.tokens.len() > 1 && m.role_phrase.is_none())
        })
    };
    // Keep the longest cue at each place: no two chosen cues share a token.
    let mut order: Vec<usize> = (0..cue_matches.len()).collect();
    // Longest first; between a verb and a noun reading of one word, the
    // noun after a determiner ("the arrest"), else the verb.
    let noun_context = |i: usize| {
        i > 0
            && matches!(
                doc.tokens[i - 1].lower.as_str(),
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
    };
    order.sort_by_key(|&i| {
        let m = &cue_matches[i];
        let cue = &kb.cues[m.cue as usize];
        let fits = (cue.pos == CuePos::Noun) == noun_context(m.tokens[0]);
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
    });
    let mut used = vec![false; doc.tokens.len()];
    let mut chosen = Vec::new();
    for i in order {
        let m = &cue_matches[i];
        if m.tokens.iter().any(|&t| used[t]) {
            continue;
        }
        let cue = &kb.cues[m.cue as usize];
        let head = if cue.pos == CuePos::Verb {
            m.tokens[0]
        } else {
            *m.tokens.last().unwrap_or(&m.tokens[0])
        };
        if in_name(head) {
            continue;
        }
        // "a proposed bill", "the detained men": a participle after an article is an adjective
        if cue.pos == CuePos::Verb
            && m.tokens.len() == 1
            && head > 0
            && matches!(doc.tokens[head - 1].lower.as_str(), "a" | "an" | "the")
            && doc.tokens[head].lower.ends_with("ed")
        {
            continue;
        }
        // The parse reads the word as a noun or adjective ("the back door",
        // "hands-free phone use"): no act
        if cue.pos == CuePos::Verb && m.tokens.len() == 1 && crate::tree::is_not_verb(doc, head) {
            continue;
        }
        // A verb cue read as a verb: not right after a determiner or possessive
        // ("the attack", "their back", "a phone" are nouns).
        if cue.pos == CuePos::Verb
            && noun_context(head)
            && !matches!(doc.tokens[head - 1].lower.as_str(), "that" | "of")
        {
            continue;
        }
        for &t in &m.tokens {
            used[t] = true;
        }
        chosen.push(m.clone());
    }
    chosen.sort_by_key(|m| m.tokens[0]);

    let mut events: Vec<Event> = Vec::new();
    for m in &chosen {
        let cue = &kb.cues[m.cue as usize];
        let first = m.tokens[0];
        let last = *m.tokens.last().unwrap_or(&first);
        let head = if cue.pos == CuePos::Verb { first } else { last };
        let sentence = doc.sentence_of(first);
        let range = doc.sentences[sentence].tokens.clone();
        let clause = Clause {
            doc,
            actors: sentence_mentions(sentence)
                .iter()
                .filter(|x| x.actor.is_some() && !x.tokens.contains(&head))
                .collect(),
            range: range.clone(),
        };
        let lw = |i: usize| doc.tokens[i].lower.as_str();
        // The words before the trigger that govern it; wider for nouns ("did not make any immediate comments").
        let reach = if cue.pos == CuePos::Noun { 6 } else { 4 };
        let mut before: Vec<usize> =
            (range.start.max(first.saturating_sub(reach))..first).collect();
        if let Some(cut) = before
            .iter()
            .rposition(|&i| matches!(lw(i), "," | ";" | ":" | "“" | "\"" | "but" | "and"))
        {
            before.drain(..=cut);
        }

        // Negation: "did not meet", "no negotiations", "never attacked"
        let mut negated = before
            .iter()
            .rev()
            .take(if cue.pos == CuePos::Noun { 6 } else { 3 })
            .any(|&i| NEGATORS.contains(&lw(i)))
            && !before.iter().any(|&i| matches!(lw(i), "only" | "but"));

        // Passive: "was arrested by police"
        // "Russia's foreign ministry condemned": a possessive, not "is"; "it's banned" is
        let possessive_s = |i: usize| {
            matches!(lw(i), "'s" | "’s")
                && !(i > range.start
                    && matches!(
                        lw(i - 1),
                        "it" | "he" | "she" | "that" | "what" | "who" | "there" | "here"
                    ))
        };
        let passive = cue.pos == CuePos::Verb
            && doc.tokens[first].lower != doc.tokens[first].lemma
            && !doc.tokens[first].lower.ends_with("ing")
            && !doc.tokens[first].lower.ends_with('s')
            && (before.iter().rev().take(3).any(|&i| BE_FORMS.contains(&lw(i)) && !possessive_s(i))
                // reduced relative: "Whelan, former Marine arrested in 2018"
                || (m.tokens.len() == 1
                    && sentence_mentions(sentence).iter().any(|x| {
                        x.tokens.end == first && x.tokens.start > range.start
                            && matches!(lw(x.tokens.start - 1), "," | "former" | "a" | "an")
                    })
                    && doc.tokens[first].lower.ends_with("ed")
                    && first + 1 < range.end
                    && matches!(lw(first + 1), "in" | "on" | "by" | "at" | "for" | "after" | "during" | "last" | "this" | "over")));
        // "arrested in 2018 and sentenced in 2020": a participle coordinated with a passive one
        let coordinated_passive = !passive
            && cue.pos == CuePos::Verb
            && first > range.start
            && lw(first - 1) == "and"
            && doc.tokens[first].lower.ends_with("ed")
            && events
                .last()
                .is_some_and(|e: &Event| e.sentence == sentence && e.passive);
        let passive = passive || coordinated_passive;

        let mut sources: Vec<usize>;
        let mut targets: Vec<usize> = Vec::new();
        // the parse names a subject that is no actor ("the grapefruit arrives"):
        // nobody is placed as doing the act, not even a quote's speaker
        let mut subject_not_actor = false;
        let tree_subject = |v: usize| {
            if cue.pos == CuePos::Verb {
                crate::tree::active_subject(doc, mentions, v)
            } else {
                TreeSubject::Unknown
            }
        };
        // a domestic act keeps its own state as target ("Iraq imposed martial law" is IRQ->IRQ)
        let mut domestic_self = false;
        if coordinated_passive {
            let prev = events.last().expect("checked above");
            targets = prev.targets.clone();
            sources = clause.prep_object(last + 1, "by");
            if sources.is_empty() {
                sources = prev.sources.clone();
            }
        } else if passive {
            targets = clause.subject_left(first);
            if targets.is_empty() {
                // "a camp for Congolese refugees was attacked": the nearest actor before
                targets = clause
                    .actors
                    .iter()
                    .rev()
                    .find(|x| x.tokens.end <= first)
                    .and_then(|x| x.actor)
                    .into_iter()
                    .collect();
            }
            sources = clause.prep_object(last + 1, "by");
        } else {
            // "a meeting between A and B"
            sources = Vec::new();
            // "a meeting between A and B": nouns, and verbs read as nouns ("Surprise meeting between…")
            let nounlike = cue.pos == CuePos::Noun || doc.tokens[first].lower.ends_with("ing");
            if nounlike {
                let between = (last + 1..(last + 10).min(range.end))
                    .take_while(|&i| !matches!(lw(i), "," | ";" | "." | "and"))
                    .find(|&i| lw(i) == "between");
                if let Some(b) = between {
                    let both = clause.object_right(b + 1, 8, false);
                    let mediation = cue.mode.as_deref() == Some("mediate")
                        || cue.pattern.iter().any(|w| w.starts_with("mediat"));
                    if mediation && !both.is_empty() {
                        // "a mediation effort between A and B": the mediator meets both
                        targets = both;
                    } else if both.len() >= 2 {
                        sources = vec![both[0]];
                        targets = both[1..].to_vec();
                    }
                }
                // "A's attack on B"
                if sources.is_empty() && first >= 2 && matches!(lw(first - 1), "'s" | "’s") {
                    if let Some(p) = clause.actors.iter().find(|x| x.tokens.end == first - 1) {
                        sources = p.actor.into_iter().collect();
                    }
                }
                if sources.is_empty() {
                    sources = clause.prep_object(last + 1, "by");
                }
                // "two Turkish air raids", "the UN aid convoy": the actor named right before the event noun
                if sources.is_empty() && cue.pos == CuePos::Noun {
                    let mut p = first;
                    while p > range.start
                        && first - p < 2
                        && doc.tokens[p - 1].shape == Shape::Lower
                        && !DETERMINERS.contains(&lw(p - 1))
                        && !PREPOSITIONS.contains(&lw(p - 1))
                    {
                        p -= 1;
                    }
                    // with words between, only a nationality ("Turkish air raids"), not a subject ("Manila held joint exercises")
                    let demonym = |x: &Mention| x.toponym.is_some() && x.country_entry.is_none();
                    if let Some(x) = clause.actors.iter().find(|x| {
                        x.tokens.end == p && x.tokens.len() == 1 && (p == first || demonym(x))
                    }) {
                        sources = x.actor.into_iter().collect();
                    }
                }
            }
            // A noun governed by a preposition ("the substance of the conversation")
            // is not the act of the clause's subject.
            let mut p = first;
            while p > range.start
                && (DETERMINERS.contains(&lw(p - 1))
                    || doc.tokens[p - 1].shape == Shape::Lower
                        && !PREPOSITIONS.contains(&lw(p - 1))
                        && cue.pos == CuePos::Noun
                        && p + 3 > first)
            {
                p -= 1;
            }
            // ("provide 25,000 tons of food aid": a measure of the noun does not govern it)
            let measured = p >= range.start + 2
                && lw(p - 1) == "of"
                && (MEASURES.contains(&lw(p - 2))
                    || lw(p - 2).chars().next().is_some_and(|c| c.is_ascii_digit()));
            let governed = cue.pos == CuePos::Noun
                && p > range.start
                && PREPOSITIONS.contains(&lw(p - 1))
                && !matches!(lw(p - 1), "to" | "for")
                && !measured;
            if sources.is_empty() && !governed {
                sources = match tree_subject(first) {
                    TreeSubject::Mentions(ms) => {
                        ms.iter().filter_map(|&k| mentions[k].actor).collect()
                    }
                    TreeSubject::NotAnActor => {
                        subject_not_actor = true;
                        Vec::new()
                    }
                    TreeSubject::Unknown => clause.subject_left(first),
                };
            }
            if targets.is_empty() && cue.targets.is_empty() && m.tokens.len() > 1 {
                // "reject the Chinese plan": the proposal's author stands in the gap
                targets = clause
                    .actors
                    .iter()
                    .filter(|x| x.tokens.start > first && x.tokens.end <= last)
                    .filter_map(|x| x.actor)
                    .take(1)
                    .collect();
            }
            if targets.is_empty() {
                for slot in &cue.targets {
                    let t = match slot {
                        // objects may stand inside a gapped pattern ("reject the Chinese plan")
                        TargetSlot::Object if cue.pos == CuePos::Verb => clause
                            .object_right_skipping(first + 1, 7 + last - first, false, &m.tokens),
                        TargetSlot::Object => clause.object_right(last + 1, 7, false),
                        TargetSlot::Prep(p) => clause.prep_object(last + 1, p),
                    };
                    if !t.is_empty() {
                        targets = t;
                        break;
                    }
                }
            }
            // a rejected proposal names its author: "calls by Belarus", "an offer from Kabul"
            if targets.is_empty() && (!cue.targets.is_empty() || cue.event == EventType::Reject) {
                for p in fallback_preps(cue.event) {
                    targets = clause.prep_object(last + 1, p);
                    if !targets.is_empty() {
                        break;
                    }
                }
            }
            // Last resort: the first actor after the trigger in its clause.
            if targets.is_empty() && !cue.targets.is_empty() {
                targets = clause.object_right_skipping(last + 1, 12, true, &m.tokens);
            }
            // "visited Moscow": a visit to a place is a meeting with its government
            if targets.is_empty() && cue.event == EventType::Consult {
                let place = sentence_mentions(sentence).iter().find(|x| {
                    x.place.is_some() && x.tokens.start > last && x.tokens.start <= last + 3
                });
                if let Some(c) = place.and_then(|x| x.country_or_first_place(kb)) {
                    targets = vec![ensure_state(kb, actors, c)];
                }
            }
            let own: Vec<&str> = sources.iter().filter_map(|&s| actors[s].country).collect();
            // "reneged on his commitment to the Zambian people": with no other
            // target, an actor of the source's own country later in the clause
            if targets.is_empty() {
                targets = clause
                    .actors
                    .iter()
                    .filter(|x| x.tokens.start > last)
                    .filter_map(|x| x.actor)
                    .filter(|a| {
                        !sources.contains(a) && actors[*a].country.is_some_and(|c| own.contains(&c))
                    })
                    .take(1)
                    .collect();
            }
            // "prepared to impose martial law … in central Baghdad": a coercive act with
            // no target, on a place of the source's own country later in the sentence, is
            // done to that country
            // (a target that is the source itself, "until they gain…", counts as none)
            let no_target = targets.iter().all(|t| sources.contains(t));
            if no_target && (cue.event.quad_class().0 >= 3 || cue.event == EventType::Concede) {
                let domestic = sentence_mentions(sentence).iter().find_map(|x| {
                    // a place of it, or the country named ("near Macedonia's border")
                    let country = (x.country_entry.is_some() || x.place.is_some())
                        .then(|| x.country_or_first_place(kb))
                        .flatten();
                    country.filter(|c| x.tokens.start > last && own.contains(c))
                });
                if let Some(c) = domestic {
                    targets = vec![ensure_state(kb, actors, c)];
                    domestic_self = true;
                }
            }
        }

        // Modality and complements.
        let mut event_type = cue.event;
        let mut modality = "asserted";
        let mut infinitive_of: Option<&str> = None;
        if first > range.start && lw(first - 1) == "to" {
            // the word governing the infinitive, skipping an object ("urged Russia to")
            let mut j = first - 1;
            let mut steps = 0;
            while j > range.start && steps < 6 {
                j -= 1;
                steps += 1;
                let w = lw(j);
                if INTENTION.contains(&w) || UNREALISED.contains(&w) {
                    infinitive_of = Some(w);
                    break;
                }
            }
            // "a smokescreen to allow…", "the troops to attack…": an infinitive of purpose
            // after a noun phrase states what something is for, not what was done
            if infinitive_of.is_none() {
                let before_to = (range.start..first - 1).rev().take(4);
                let noun_phrase = before_to
                    .take_while(|&j| {
                        doc.tokens[j].shape == herald_core::Shape::Lower
                            || matches!(lw(j), "a" | "an" | "the")
                    })
                    .any(|j| matches!(lw(j), "a" | "an" | "the") && j + 1 < first - 1);
                if noun_phrase {
                    infinitive_of = Some("for");
                }
            }
        }
        let modal_before =
            before.iter().rev().take(reach).map(|&i| lw(i)).find(|w| {
                FUTURE.contains(w) || CONDITIONAL.contains(w) || HYPOTHETICAL.contains(w)
            });
        match (infinitive_of, modal_before) {
            (Some(w), _) if INTENTION.contains(&w) => {
                if event_type != EventType::Agree && !event_type.is_verbal() {
                    event_type = stated_intention(event_type, Some(w), doc, range.clone());
                } else if event_type != EventType::Agree {
                    modality = "future";
                }
            }
            // an attempted attack is an attack
            (Some(w), _)
                if event_type == EventType::Assault
                    && matches!(w, "attempt" | "attempted" | "try" | "tried" | "tries") => {}
            (Some(_), _) => modality = "hypothetical",
            (None, Some(w)) if FUTURE.contains(&w) => {
                // "will meet on Friday" is scheduled; "said on Monday it will meet" is a stated intention
                // ("…, the agency said on Monday": the date of the saying schedules nothing)
                let date_of_saying = |start: usize| {
                    (start.saturating_sub(2)..start)
                        .any(|v| SPEECH_VERBS.contains(&doc.tokens[v].lemma.as_str()))
                };
                let scheduled = dates_in(doc, dates, sentence)
                    .iter()
                    .any(|d| d.tokens.start > first && !date_of_saying(d.tokens.start));
                let verbal_conflict = event_type.is_verbal() && event_type.quad_class().0 != 1;
                if scheduled || verbal_conflict || event_type == EventType::Agree {
                    modality = "future";
                } else {
                    event_type = stated_intention(event_type, None, doc, range.clone());
                }
            }
            (None, Some(w)) if CONDITIONAL.contains(&w) => {
                // "would meet him if…", "would support": an offer; "would condemn": speculation
                if event_type.is_verbal() && event_type.quad_class().0 != 1 {
                    modality = "hypothetical";
                } else if event_type != EventType::Agree {
                    event_type = stated_intention(event_type, None, doc, range.clone());
                }
            }
            (None, Some(_)) => modality = "hypothetical",
            _ => {}
        }
        // Reported speech: a speech verb of someone else governs the clause.
        let quote = quote_holding(quotes, doc.tokens[head].span);
        if modality == "asserted" && quote.is_some_and(|q| quotes[q].direct) {
            modality = "reported";
        }
        if sources.is_empty() && !subject_not_actor {
            if let Some(q) = quote {
                sources = quotes[q].speaker.into_iter().collect();
            } else if event_type.is_verbal() && cue.pos == CuePos::Verb {
                // "…, the White House announced": the sentence's speaker
                for v in head + 1..range.end {
                    if SPEECH_VERBS.contains(&doc.tokens[v].lemma.as_str()) {
                        sources = clause
                            .subject_left(v)
                            .into_iter()
                            .chain(clause.object_right(v + 1, 4, false))
                            .take(1)
                            .collect();
                        break;
                    }
                }
            }
        }
        dedup(&mut sources);
        dedup(&mut targets);
        // a coercive or conceding act whose only target is its own source's state
        // ("… in central Baghdad" after "Iraq") is domestic, not an act on itself to drop
        let coercive = event_type.quad_class().0 >= 3 || event_type == EventType::Concede;
        let onto_itself = !targets.is_empty()
            && targets
                .iter()
                .all(|t| sources.contains(t) && actors[*t].kind == ActorKind::State);
        if !(domestic_self || coercive && onto_itself) {
            targets.retain(|t| !sources.contains(t));
        }
        // "A and B met": a reciprocal act between coordinated actors is A with B.
        if event_type.is_reciprocal() && targets.is_empty() && sources.len() >= 2 {
            targets = sources.split_off(1);
        } else if event_type.is_reciprocal() && sources.is_empty() && targets.len() >= 2 {
            sources = vec![targets.remove(0)];
        }
        let location = sentence_mentions(sentence)
            .iter()
            .filter(|x| x.place.is_some())
            .filter(|x| crate::places::is_located(doc, x.tokens.start))
            .filter(|x| !is_topic_place(doc, x.tokens.start, first..last + 1))
            .min_by_key(|x| x.tokens.start.abs_diff(head))
            .map(|x| (x.place.unwrap_or(0), "text"))
            .or(dateline_place.map(|p| (p, "dateline")));
        let location_country = location
            .and_then(|(p, _)| places.get(p))
            .and_then(|&kp| kb.places[kp as usize].country);
        // Unidentified attackers are coded by the country they struck, where
        // the text places the attack (a dateline says where the story was
        // filed); an explosion or a blast named as a noun may be an accident,
        // so only an attack told with a verb gets an implicit attacker.
        let placed_here = location_country.filter(|_| location.is_some_and(|(_, b)| b == "text"));
        if sources.is_empty() && event_type == EventType::Assault && cue.pos == CuePos::Verb {
            if let Some(c) = placed_here.or_else(|| targets.iter().find_map(|&t| actors[t].country))
            {
                let a = ensure_state(kb, actors, c);
                sources.push(a);
            }
        }
        // "was arrested", "were convicted": an act of law enforcement told
        // without its agent is done by the authorities where it happens
        if sources.is_empty() && passive && enforces_law(event_type, &cue.pattern[0]) {
            let here = location_country.filter(|_| location.is_some_and(|(_, b)| b == "text"));
            if let Some(c) = here
                .or(focus)
                .or_else(|| targets.iter().find_map(|&t| actors[t].country))
            {
                sources.push(ensure_state(kb, actors, c));
            }
        }
        // A material act or concession with no named target acts on the place
        // it happens in: another country ("strengthened its forces in
        // Lebanon") or the source's own ("shortened the curfew in Sudan").
        let material = matches!(event_type.quad_class().0, 2 | 4)
            || matches!(event_type, EventType::Agree | EventType::Concede);
        if targets.is_empty() && material && !matches!(event_type, EventType::Protest) {
            if let Some(c) = location_country.filter(|_| location.is_some_and(|(_, b)| b == "text"))
            {
                let a = ensure_state(kb, actors, c);
                if !sources.contains(&a) {
                    targets.push(a);
                }
            }
        }
        // A visit is a meeting of political actors: a tourist's trip or migrants
        // travelling is no CONSULT (only states, officials, forces, legislators,
        // courts and international bodies visit)
        if event_type == EventType::Consult
            && cue.mode.as_deref() == Some("visit")
            && !sources.is_empty()
            && !sources.iter().any(|&s| is_political(&actors[s]))
        {
            continue;
        }
        // Protest and repression without a named target face the source's own state.
        if targets.is_empty()
            && modality == "asserted"
            && matches!(event_type, EventType::Protest | EventType::Coerce)
        {
            if let Some(c) = sources.iter().find_map(|&s| actors[s].country) {
                let a = ensure_state(kb, actors, c);
                if !sources.contains(&a) {
                    targets.push(a);
                }
            }
        }
        if sources.is_empty() && targets.is_empty() {
            continue;
        }
        let date = nearest_date(doc, dates, head, sentence)
            .map(|d| (d.value.clone(), d.precision, "text"))
            .or_else(|| published.map(|p| (p.to_string(), "day", "published")));
        let mut confidence: f64 = 0.45;
        if !sources.is_empty() {
            confidence += 0.2;
        }
        if !targets.is_empty() || cue.targets.is_empty() {
            confidence += 0.15;
        }
        // "will not accept more refugees", "did not agree to": a refusal
        if negated
            && cue.pos == CuePos::Verb
            && event_type == EventType::Agree
            && matches!(cue.pattern[0].as_str(), "accept" | "agree")
        {
            event_type = EventType::Reject;
            negated = false;
        }
        if cue.pattern.len() > 1 {
            confidence += 0.1;
        }
        if doc.tokens[head].shape == Shape::Capitalized && head != range.start {
            confidence -= 0.1;
        }
        events.push(Event {
            event: event_type,
            mode: if event_type == cue.event {
                cue.mode.clone()
            } else {
                None
            },
            context: cue.context.iter().cloned().collect(),
            sources,
            targets,
            sentence,
            trigger: first..last + 1,
            date,
            location,
            modality,
            negated,
            quote,
            cameo: if event_type == cue.event {
                cue.cameo.clone()
            } else {
                event_type.cameo_root().to_string()
            },
            confidence: (confidence * 100.0).round() / 100.0,
            passive,
            cue: format!(
                "{} ({})",
                cue.pattern.join(" "),
                if cue.pos == CuePos::Verb { "V" } else { "N" }
            ),
        });
    }
    borrow_complement_targets(&mut events);
    events.extend(reported_obligations(doc, kb, mentions, published));
    events.extend(denied_good_faith(doc, mentions, quotes, published));
    events.sort_by_key(|e| (e.sentence, e.trigger.start));
    // a town says more about where an event happened than a country
    let specificity = |p: usize| {
        places
            .get(p)
            .map_or(0, |&kp| match kb.places[kp as usize].kind {
                PlaceKind::City => 3,
                PlaceKind::County | PlaceKind::Admin1 => 2,
                PlaceKind::Region => 1,
                PlaceKind::Country | PlaceKind::Continent => 0,
            })
    };
    merge_repeats(events, &specificity)
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
        date: published.map(|p| (p.to_string(), "day", "published")),
        location: None,
        modality: "reported",
        negated: false,
        quote: None,
        cameo: cameo.to_string(),
        confidence: 0.5,
        passive: false,
        cue: String::new(),
    }
}

/// Objects of good faith: denying that an actor wants these is an accusation.
const GOOD_FAITH: &[&str] = &[
    "peace",
    "dialogue",
    "talks",
    "negotiation",
    "negotiations",
    "diplomacy",
    "compromise",
    "ceasefire",
    "settlement",
];
/// Dispositions toward them: "show interest in", "want", "be committed to", "be serious about".
const DISPOSITIONS: &[&str] = &[
    "interest",
    "interested",
    "want",
    "wants",
    "wanted",
    "committed",
    "commitment",
    "serious",
    "willing",
    "desire",
    "intention",
];

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

/// Verbs besides those of speech whose subject may lay an obligation on
/// another ("declared that China must…").
const OBLIGING_VERBS: &[&str] = &[
    "demand",
    "insist",
    "conclude",
    "reiterate",
    "declare",
    "urge",
    "warn",
    "stress",
];

/// "X said that Y must do Z": a demand of the speaker on Y (REQUEST).
fn reported_obligations(
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
            .any(|i| matches!(doc.tokens[i].lower.as_str(), "must" | "should"))
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
            if !matches!(doc.tokens[i].lower.as_str(), "must" | "should") {
                continue;
            }
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
            let negated = doc
                .tokens
                .get(i + 1)
                .is_some_and(|t| matches!(t.lower.as_str(), "not" | "n't"));
            let mut e = reported_event(
                EventType::Request,
                "10",
                speakers,
                targets,
                si,
                i..i + 1,
                published,
            );
            e.negated = negated;
            e.confidence = 0.55;
            e.cue = "SPEAKER said X must (obligation)".to_string();
            out.push(e);
        }
    }
    out
}

/// "threatened to strike the United States": a request or threat without a
/// target takes the target of the act it governs.
fn borrow_complement_targets(events: &mut [Event]) {
    for i in 0..events.len() {
        if !events[i].targets.is_empty()
            || !matches!(
                events[i].event,
                EventType::Threaten | EventType::Request | EventType::Reject | EventType::Agree
            )
        {
            continue;
        }
        if let Some(j) = (i + 1..events.len())
            .take_while(|&j| events[j].sentence == events[i].sentence)
            .find(|&j| events[j].modality == "hypothetical" && !events[j].targets.is_empty())
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

/// Nouns whose place is what they are about: in "talks on the war in
/// Ukraine" Ukraine is where the war is, not where the talks are.
const TOPIC_NOUNS: &[&str] = &[
    "war",
    "conflict",
    "crisis",
    "fighting",
    "violence",
    "situation",
    "unrest",
    "insurgency",
    "invasion",
    "occupation",
    "genocide",
    "famine",
    "election",
    "peace",
    "ceasefire",
    "truce",
    "relation",
    "development",
    "tension",
    "protest",
    "crackdown",
    "attack",
    "bombing",
    "offensive",
    "operation",
    "presence",
    "involvement",
    "intervention",
    "policy",
];

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
        &'static str,
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
                let rank = |l: &Option<(usize, &str)>| {
                    l.map(|(p, basis)| (basis == "text", specificity(p)))
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
