//! Reading the dependency tree of a parsed sentence for the argument rules:
//! whether a cue word is used as a verb, and who its subject is.
//!
//! Owns only queries over `Doc::syntax` (tags, heads, relations written by
//! the syntax stage); writes nothing. Every query answers "unknown" for a
//! sentence that was not parsed, so rules fall back to word positions.

use crate::mentions::{is_object_pronoun, Mention, MentionKind};
use herald_core::{DepRel, Doc, Upos};
use herald_kb::words::{
    ACCIDENTAL_CAUSES, ADJECTIVE_SENSES, OBJECT_CONTROL, REACTION_CAUSES, SPEECH_VERBS, STAND_INS,
};
use herald_kb::TargetSlot;

/// The part-of-speech tag of token `i`, when its sentence was parsed.
pub fn upos(doc: &Doc, i: usize) -> Option<Upos> {
    let s = doc.syntax.get(i)?;
    (s.upos != Upos::X || s.head.is_some()).then_some(s.upos)
}

/// Whether the parse reads token `i` as something other than a verb
/// ("their back", "hands-free phone use"); false when unparsed.
pub fn is_not_verb(doc: &Doc, i: usize) -> bool {
    upos(doc, i).is_some_and(|u| !matches!(u, Upos::Verb | Upos::Aux))
}

/// The direct object of verb `verb` in the parse, if any.
pub fn object_word(doc: &Doc, verb: usize) -> Option<usize> {
    dependents(doc, verb, "obj", true).next()
}

/// Whether the parse gives verb `i` a direct object; false when unparsed.
pub fn has_object(doc: &Doc, i: usize) -> bool {
    dependents(doc, i, "obj", true).next().is_some()
}

/// Whether the tree names someone that verb `verb` is done to: its direct
/// or indirect object, or for a passive its subject, is a person's pronoun,
/// a proper noun or a word inside a mention ("stabbed a man", "attacked
/// him", "Smith was charged"). A reflexive or "it" names nobody else; when
/// unparsed, a person's pronoun right after the verb.
pub fn names_someone_acted_on(doc: &Doc, mentions: &[Mention], verb: usize, passive: bool) -> bool {
    // unparsed ("Thank you to everyone"): a person's pronoun right after an active verb
    if upos(doc, verb).is_none() {
        return !passive
            && doc
                .tokens
                .get(verb + 1)
                .is_some_and(|t| is_object_pronoun(&t.lower));
    }
    let relations: &[&str] = if passive {
        &["nsubj:pass"]
    } else {
        &["obj", "iobj"]
    };
    relations.iter().any(|&rel| {
        dependents(doc, verb, rel, true).any(|w| {
            let lower = doc.tokens[w].lower.as_str();
            is_object_pronoun(lower) || upos(doc, w) == Some(Upos::Propn) || mention_at(mentions, w)
        })
    })
}

/// Whether the tree fills one of a cue's target slots with words no
/// coded mention may stand for, when the rules found no target: the
/// object of a verb cue that is a name or a person's pronoun (a common
/// noun there is often a thing, "accepted a formula"), the subject of a
/// passive one ("the pipeline will be allowed"), or a phrase under the
/// slot's preposition ("reached agreements with six landowners"). `cue` are
/// the matched words; false when unparsed.
pub fn fills_target_slot(
    doc: &Doc,
    mentions: &[Mention],
    cue: &[usize],
    verb: bool,
    passive: bool,
    slots: &[TargetSlot],
) -> bool {
    let Some(&head) = cue.first() else {
        return false;
    };
    if upos(doc, head).is_none() {
        return false;
    }
    // an object that is a common noun is often a thing ("accepted a
    // formula"): only a name, a pronoun or a mention there names a party
    let names_a_party = |w: usize, noun_is_party: bool| {
        let lower = doc.tokens[w].lower.as_str();
        is_object_pronoun(lower)
            || matches!(lower, "everyone" | "everybody")
            || upos(doc, w) == Some(Upos::Propn)
            || (noun_is_party && upos(doc, w) == Some(Upos::Noun))
            || mention_at(mentions, w)
    };
    slots.iter().any(|slot| match slot {
        TargetSlot::Object if verb => {
            let relations: &[&str] = if passive {
                &["nsubj:pass"]
            } else {
                &["obj", "iobj"]
            };
            relations
                .iter()
                .any(|&rel| dependents(doc, head, rel, true).any(|w| names_a_party(w, passive)))
        }
        TargetSlot::Object => false,
        TargetSlot::Prep(prep) => cue.iter().any(|&c| {
            ["obl", "nmod"].iter().any(|&rel| {
                dependents(doc, c, rel, false)
                    .any(|w| has_case(doc, w, |c| c == *prep) && names_a_party(w, true))
            })
        }),
    })
}

/// Whether word `w` has a preposition (a `case` dependent) that `is`
/// accepts, by its lower-case text ("on" in "an attack on the ruling").
pub(crate) fn has_case(doc: &Doc, w: usize, is: impl Fn(&str) -> bool) -> bool {
    dependents(doc, w, "case", true).any(|k| is(doc.tokens[k].lower.as_str()))
}

/// Whether some mention holds token `w`.
fn mention_at(mentions: &[Mention], w: usize) -> bool {
    let end = mentions.partition_point(|m| m.tokens.start <= w);
    mentions[end.saturating_sub(16)..end]
        .iter()
        .any(|m| m.tokens.contains(&w))
}

/// Whether the parse makes token `i` a possessor ("her" in "met her
/// counterpart"); false when unparsed.
pub fn is_possessor(doc: &Doc, i: usize) -> bool {
    doc.syntax
        .get(i)
        .is_some_and(|s| s.deprel.as_str() == "nmod:poss")
}

/// The word the parse makes the active subject of verb `verb` ("strikes"
/// in "The strikes killed …"); none when unparsed or without one.
pub fn subject_word(doc: &Doc, verb: usize) -> Option<usize> {
    upos(doc, verb)?;
    dependents(doc, verb, "nsubj", true).next()
}

/// The passive subject of verb `verb` ("the visit" of "the visit was
/// condemned"), where parsed.
pub fn passive_subject_word(doc: &Doc, verb: usize) -> Option<usize> {
    upos(doc, verb)?;
    dependents(doc, verb, "nsubj:pass", true).next()
}

/// Whether the tree reads verb `verb` as done by its subject with no
/// object, in the active voice ("the crowd dispersed", "residents
/// evacuated"), not as a passive or a participle of a noun ("protesters
/// dispersed by police"). The subject of an infinitive is its governor's
/// ("the migrants had begun to disperse"). False when unparsed.
pub fn has_subject_and_no_object(doc: &Doc, verb: usize) -> bool {
    let Some(here) = doc.syntax.get(verb) else {
        return false;
    };
    let is_clause_verb = !matches!(here.deprel.universal(), "acl" | "amod");
    let has_subject = dependents(doc, verb, "nsubj", true).next().is_some()
        || here.deprel.as_str() == "xcomp"
            && here
                .head
                .is_some_and(|g| dependents(doc, g as usize, "nsubj", true).next().is_some());
    upos(doc, verb) == Some(Upos::Verb)
        && is_clause_verb
        && has_subject
        && ["obj", "iobj", "aux:pass", "nsubj:pass", "ccomp", "xcomp"]
            .iter()
            .all(|rel| dependents(doc, verb, rel, true).next().is_none())
}

/// Whether the tree reads verb `verb` as a passive: it has a passive
/// subject or auxiliary ("Two Britons arrested by Egyptian police", a
/// headline without "were"; an agent alone may be a particle's "by", as
/// in "stood by"). False when unparsed.
pub fn is_passive_verb(doc: &Doc, verb: usize) -> bool {
    upos(doc, verb) == Some(Upos::Verb)
        && ["nsubj:pass", "aux:pass"]
            .iter()
            .any(|rel| dependents(doc, verb, rel, true).next().is_some())
}

/// Whether the tree gives verb `verb` an object that is a noun (for a
/// passive, its subject): "captured four medals", "set the house ablaze".
/// False when unparsed.
pub fn has_noun_object(doc: &Doc, verb: usize, passive: bool) -> bool {
    let rel = if passive { "nsubj:pass" } else { "obj" };
    dependents(doc, verb, rel, true).any(|w| upos(doc, w) == Some(Upos::Noun))
}

/// The thing verb `verb` is done to, where the tree gives it one: an
/// active verb's object that is a common noun no mention holds and that
/// counts or measures nothing ("released footage", not "dozens of
/// protesters"); none when unparsed.
pub fn object_thing(doc: &Doc, mentions: &[Mention], verb: usize) -> Option<usize> {
    upos(doc, verb)?;
    dependents(doc, verb, "obj", true).find(|&w| {
        let lower = doc.tokens[w].lower.as_str();
        upos(doc, w) == Some(Upos::Noun)
            && !mention_at(mentions, w)
            && !herald_kb::words::MEASURES.contains(&lower)
            && !herald_kb::words::QUANTITY_HEADS.contains(&lower)
    })
}

/// The proposal (`kb/words.tsv` `proposals`: "plan", "bill", "ruling")
/// that cue word `cue` does its act to, where the tree says so: a verb's
/// object, a passive verb's subject, a noun's "on" or "against" phrase
/// ("attacked the budget plan", "the bill was killed", "an attack on the
/// ruling"). None when unparsed.
pub fn proposal_acted_on(doc: &Doc, cue: usize, verb: bool, passive: bool) -> Option<usize> {
    let is_proposal = |w: &usize| {
        upos(doc, *w) == Some(Upos::Noun)
            && herald_kb::words::PROPOSALS.contains(&doc.tokens[*w].lemma.as_str())
    };
    upos(doc, cue)?;
    if !verb {
        return dependents(doc, cue, "nmod", false)
            .filter(is_proposal)
            .find(|&w| has_case(doc, w, |c| matches!(c, "on" | "against")));
    }
    let rel = if passive { "nsubj:pass" } else { "obj" };
    dependents(doc, cue, rel, true).find(is_proposal)
}

/// Whether the tree sets noun `noun` in a phrase of another word that
/// tells what came before or around it (`kb/words.tsv`
/// `settled_event_preps`: "would resign after the protests", "would
/// respond over the attack"). False when unparsed.
pub fn in_settled_event_phrase(doc: &Doc, noun: usize) -> bool {
    upos(doc, noun).is_some()
        && doc
            .syntax
            .get(noun)
            .is_some_and(|s| s.head.is_some() && matches!(s.deprel.universal(), "obl" | "nmod"))
        && has_case(doc, noun, |c| {
            herald_kb::words::SETTLED_EVENT_PREPS.contains(&c)
        })
}

/// Whether the tree makes event noun `noun` (or the head of the phrase it
/// is a compound in: "peace talks") what a verb of calling off stops
/// (`kb/words.tsv` `calling_off`): the object of "cancelled the talks",
/// the passive subject of "the summit was postponed", or modified by "the
/// called-off visit". The act did not take place. False when unparsed.
pub fn called_off(doc: &Doc, noun: usize) -> bool {
    if upos(doc, noun).is_none() {
        return false;
    }
    let mut head = noun;
    for _ in 0..3 {
        match doc.syntax.get(head) {
            Some(s) if s.deprel.universal() == "compound" => match s.head {
                Some(h) => head = h as usize,
                None => break,
            },
            _ => break,
        }
    }
    let taken_by_verb = doc.syntax.get(head).is_some_and(|s| {
        matches!(s.deprel.as_str(), "obj" | "nsubj:pass")
            && s.head.is_some_and(|v| calls_off(doc, v as usize))
    });
    taken_by_verb || dependents(doc, head, "amod", true).any(|v| calls_off(doc, v))
}

/// Whether word `v` is a verb of calling off (`kb/words.tsv` `calling_off`,
/// "call off" with its particle), as the tree reads it. False when unparsed.
pub fn calls_off(doc: &Doc, v: usize) -> bool {
    upos(doc, v).is_some_and(|u| matches!(u, Upos::Verb | Upos::Adj))
        && is_calling_off(&doc.tokens[v].lemma, |particle| {
            dependents(doc, v, "compound", false).any(|p| doc.tokens[p].lower == particle)
        })
}

/// Whether a verb of lemma `lemma` is one of `kb/words.tsv` `calling_off`,
/// `has_particle` saying whether it has the particle an entry names ("off"
/// of "call off").
pub fn is_calling_off(lemma: &str, has_particle: impl Fn(&str) -> bool) -> bool {
    herald_kb::words::CALLING_OFF
        .iter()
        .any(|entry| match entry.split_once(' ') {
            Some((verb, particle)) => lemma == verb && has_particle(particle),
            None => lemma == *entry,
        })
}

/// Whether the tree gives noun `noun` a determiner that `is` accepts
/// ("this verdict"). False when unparsed.
pub fn determined_by(doc: &Doc, noun: usize, is: impl Fn(usize) -> bool) -> bool {
    upos(doc, noun).is_some() && dependents(doc, noun, "det", true).any(is)
}

/// Whether mention `m` hangs on word `w` itself, as its "of" phrase, its
/// possessor or a compound ("the homes of civilians", "Hamas's offices"),
/// not deeper ("footage of a fight between attackers").
pub fn attached_to(doc: &Doc, m: &Mention, w: usize) -> bool {
    m.tokens.clone().any(|t| {
        doc.syntax.get(t).is_some_and(|s| {
            s.head == Some(w as u32)
                && matches!(s.deprel.universal(), "nmod" | "compound" | "appos" | "conj")
        })
    })
}

/// Whether the tree reads one-word mention `m` as an adjective whose sense
/// names no one ("official talks", "a general strike", "the national
/// team"): a role word of `ADJECTIVE_SENSES` modifying a noun after it.
/// False when unparsed, and for the noun ("an official said").
pub fn is_adjective_sense(doc: &Doc, m: &Mention) -> bool {
    if m.tokens.len() != 1 || m.name.is_some() {
        return false;
    }
    let t = m.tokens.start;
    let Some(s) = doc.syntax.get(t) else {
        return false;
    };
    s.head
        .is_some_and(|h| h as usize > t && upos(doc, h as usize) == Some(Upos::Noun))
        && (s.deprel.universal() == "amod" || s.upos == Upos::Adj)
        && ADJECTIVE_SENSES.contains(&doc.tokens[t].lower.as_str())
}

/// The noun after noun `i` that the tree makes `i` a compound modifier
/// of ("show" for "talk" in "a talk show").
pub fn noun_modified_by(doc: &Doc, i: usize) -> Option<usize> {
    let s = doc.syntax.get(i)?;
    let h = s.head? as usize;
    (s.deprel.universal() == "compound" && h > i && upos(doc, h) == Some(Upos::Noun)).then_some(h)
}

/// The object pronoun of verb `verb` that the pronoun stage gave the
/// verb's own subject ("Iran said Israel attacked it": "it" went to Israel).
/// A pronoun that is not reflexive never stands for its clause's subject,
/// so that reading is wrong. Returns the pronoun's mention index.
pub fn object_pronoun_bound_by_subject(
    doc: &Doc,
    mentions: &[Mention],
    verb: usize,
) -> Option<usize> {
    let TreeSubject::Mentions(subject) = active_subject(doc, mentions, verb) else {
        return None;
    };
    ["obj", "iobj"].into_iter().find_map(|rel| {
        dependents(doc, verb, rel, true).find_map(|w| {
            let k = mention_holding(mentions, w)?;
            let m = &mentions[k];
            let reflexive =
                doc.tokens[w].lower.ends_with("self") || doc.tokens[w].lower.ends_with("selves");
            (matches!(m.kind, MentionKind::Pronoun(_))
                && !reflexive
                && subject
                    .iter()
                    .any(|&s| s != k && mentions[s].actor == m.actor))
            .then_some(k)
        })
    })
}

/// The dependents of token `head` with relation `rel` (the universal part,
/// "nsubj" matches "nsubj:pass" only when `exact` is false).
fn dependents<'a>(
    doc: &'a Doc,
    head: usize,
    rel: &'a str,
    exact: bool,
) -> impl Iterator<Item = usize> + 'a {
    let sentence = &doc.sentences[doc.sentence_of(head)];
    sentence.tokens.clone().filter(move |&i| {
        doc.syntax.get(i).is_some_and(|s| {
            s.head == Some(head as u32)
                && if exact {
                    s.deprel.as_str() == rel
                } else {
                    s.deprel.universal() == rel
                }
        })
    })
}

/// Who the tree says did a verb's act.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TreeSubject {
    /// Not parsed, or no subject in the tree: fall back to word positions.
    Unknown,
    /// The subject is (part of) these mentions.
    Mentions(Vec<usize>),
    /// The subject is a word that names no actor ("the grapefruit arrives").
    NotAnActor,
}

/// The active subject of verb `verb`: its `nsubj`, else that of the verb it
/// is coordinated with or the complement of ("arrested and charged", "vowed
/// to retaliate"); a relative pronoun stands for the noun its clause
/// modifies. Mentions are indexes into `mentions`.
pub fn active_subject(doc: &Doc, mentions: &[Mention], verb: usize) -> TreeSubject {
    if upos(doc, verb).is_none() {
        return TreeSubject::Unknown;
    }
    let mut v = verb;
    for _ in 0..4 {
        // of two subjects ("watchdog Amnesty International"), the one that names an actor
        let mut subject = TreeSubject::Unknown;
        for s in dependents(doc, v, "nsubj", true) {
            subject = match (subject_at(doc, mentions, v, s), subject) {
                (found @ TreeSubject::Mentions(_), _) => return found,
                (TreeSubject::NotAnActor, _) => TreeSubject::NotAnActor,
                (TreeSubject::Unknown, before) => before,
            };
        }
        if subject != TreeSubject::Unknown {
            return subject;
        }
        if dependents(doc, v, "nsubj:pass", true).next().is_some() {
            return TreeSubject::Unknown;
        }
        let here = doc.syntax[v];
        match (here.deprel.universal(), here.head) {
            // "Moon said China was responsible and called for talks": a verb
            // the parse joins to a reported state ("was responsible") is the
            // speaker's next act, not the reported subject's
            ("conj", Some(h)) if let Some(speech) = reported_state(doc, h as usize) => v = speech,
            // "the attack prompted Israel to launch airstrikes": the object
            // of a verb of object control does its infinitive
            ("xcomp", Some(h)) if let Some(o) = controlling_object(doc, v, h as usize) => {
                return subject_at(doc, mentions, v, o)
            }
            // "met Putin in Moscow, drawing criticism": a verb the parse
            // coordinates with a noun is an adjunct of the verb over that noun
            ("conj", Some(h)) if let Some(over) = verb_over_noun(doc, v, h as usize) => v = over,
            ("conj" | "xcomp", Some(h)) => v = h as usize,
            // "India recalled its ambassador to protest": an infinitive of
            // purpose is done by its governor's subject, not its object
            // (but "urged China to release": see `object_control`)
            ("advcl", Some(h)) if is_infinitive_of_purpose(doc, v, h as usize) => v = h as usize,
            // "police fired at students demanding reforms": a participle
            // the parse hangs on the verb but written right after people
            // the verb names says what those people did
            ("advcl", Some(h))
                if let Some(n) = people_before_participle(doc, mentions, v, h as usize) =>
            {
                return subject_at(doc, mentions, v, n)
            }
            // "Moldova expelled a diplomat after accusing him of spying",
            // "Ukraine rejected the offer, calling it a ploy": a clause of
            // a present participle without a subject is its governor's
            // subject's act (but "charged X with supporting": X's)
            // "Ukraine said Russian forces shelled Kherson, killing three":
            // the participle after a report tells what the reported act
            // did, not the saying
            ("advcl", Some(h))
                if let Some(c) = reported_act_before(doc, v, h as usize)
                    .filter(|_| is_adjunct_participle(doc, v)) =>
            {
                v = c
            }
            ("advcl", Some(h)) if is_adjunct_participle(doc, v) => v = h as usize,
            // "the man who attacked": the relative clause's noun
            ("acl", Some(h)) => {
                let h = h as usize;
                let first = match doc.syntax[h].head {
                    Some(g) if doc.syntax[h].deprel.universal() == "conj" => g as usize,
                    _ => h,
                };
                // "Demonstrators who gathered outside the embassy demanded…":
                // a noun inside a relative clause stands for no subject; the
                // noun the clause is about does
                let first = owner_of_relative_clause_holding(doc, first).unwrap_or(first);
                // "Colombia's government and the ELN rebels signed an
                // agreement": an -ed participle takes no object, so one that
                // has one is the clause's verb, done by the whole coordination;
                // so is one whose noun the parse leaves as the sentence's
                // root when the sentence has no other verb ("Sudan's army and
                // the RSF agreed to a truce"), unless an agent follows
                // ("protesters detained by police")
                let ed = doc.tokens[v].lower.ends_with("ed");
                let has_object = dependents(doc, v, "obj", true).next().is_some();
                if ed && (has_object || the_only_predicate(doc, v, first)) {
                    return subject_at(doc, mentions, v, first);
                }
                if let Some(owner) = owner_of_the_intent(doc, v, h) {
                    return subject_at(doc, mentions, v, owner);
                }
                return mention_holding(mentions, h)
                    .map_or(TreeSubject::Unknown, |m| TreeSubject::Mentions(vec![m]));
            }
            _ => return TreeSubject::Unknown,
        }
    }
    TreeSubject::Unknown
}

/// The noun that the relative clause holding noun `n` (as its object or
/// oblique) is about: "Demonstrators" for "embassy" in "Demonstrators who
/// gathered outside the embassy".
fn owner_of_relative_clause_holding(doc: &Doc, n: usize) -> Option<usize> {
    let s = doc.syntax.get(n)?;
    if !matches!(s.deprel.universal(), "obl" | "obj" | "nmod") {
        return None;
    }
    let verb = s.head? as usize;
    let v = doc.syntax.get(verb)?;
    (v.deprel.as_str() == "acl:relcl").then_some(v.head? as usize)
}

/// The verb right before noun `noun` (within three words) that brings on
/// a reaction (`kb/words.tsv` `reaction_causes`: "sparked sharp
/// criticism"), read from the words alone.
pub fn reaction_cause_before(doc: &Doc, noun: usize) -> Option<usize> {
    let sentence_start = doc.sentences[doc.sentence_of(noun)].tokens.start;
    (noun.saturating_sub(3).max(sentence_start)..noun)
        .rev()
        .find(|&i| REACTION_CAUSES.contains(&doc.tokens[i].lemma.as_str()))
}

/// Whom reaction noun `noun` (criticism, protests) is aimed at when it is
/// the object of a verb that brings it on (`kb/words.tsv`
/// `reaction_causes`): that verb's subject ("Hungary blocked the package,
/// drawing criticism from Poland": Hungary), else the owner or agent of a
/// thing that brought it on ("Israel's decision sparked protests"), else
/// the place that thing is in ("a camp in Mexico that drew criticism"). A
/// thing nobody owns ("the ruling sparked criticism") is `NotAnActor`;
/// `Unknown` where the tree shows no such verb over the noun.
pub fn brought_on_by(doc: &Doc, mentions: &[Mention], noun: usize) -> TreeSubject {
    let Some(cause) = doc
        .syntax
        .get(noun)
        .filter(|s| s.deprel.universal() == "obj")
        .and_then(|s| s.head)
        .map(|h| h as usize)
        .filter(|&h| REACTION_CAUSES.contains(&doc.tokens[h].lemma.as_str()))
    else {
        return TreeSubject::Unknown;
    };
    if let named @ TreeSubject::Mentions(_) = active_subject(doc, mentions, cause) {
        return named;
    }
    // the thing that brought it on: the subject, or the noun "that" stands for
    let thing = subject_word(doc, cause).and_then(|w| {
        if !STAND_INS.contains(&doc.tokens[w].lower.as_str()) {
            return Some(w);
        }
        let s = doc.syntax[cause];
        (s.deprel.universal() == "acl")
            .then_some(s.head)
            .flatten()
            .map(|h| h as usize)
    });
    let Some(thing) = thing else {
        return TreeSubject::Unknown;
    };
    let owner = dependents(doc, thing, "nmod:poss", true)
        .chain(dependents(doc, thing, "nmod", true).filter(|&n| has_case(doc, n, |c| c == "by")))
        .find_map(|w| mention_in_phrase(doc, mentions, w));
    let sentence = doc.sentences[doc.sentence_of(thing)].tokens.clone();
    let place_inside = || {
        sentence
            .clone()
            .filter(|&i| in_phrase_of(doc, i, thing, 12))
            .filter_map(|i| mention_holding(mentions, i))
            .find(|&m| matches!(mentions[m].kind, MentionKind::Place | MentionKind::State))
    };
    owner
        .or_else(place_inside)
        .map_or(TreeSubject::NotAnActor, |m| TreeSubject::Mentions(vec![m]))
}

/// The verb of speech or thought that word `w` is the reported clause of,
/// where `w` is a state told with a copula ("said China was responsible"):
/// a noun or adjective with "be" and a subject of its own.
fn reported_state(doc: &Doc, w: usize) -> Option<usize> {
    let s = doc.syntax.get(w)?;
    let state = matches!(s.upos, Upos::Adj | Upos::Noun)
        && dependents(doc, w, "cop", true).next().is_some()
        && dependents(doc, w, "nsubj", true).next().is_some();
    let speech = s.head.map(|h| h as usize)?;
    let said =
        s.deprel.as_str() == "ccomp" && SPEECH_VERBS.contains(&doc.tokens[speech].lemma.as_str());
    (state && said).then_some(speech)
}

/// "Poland's decision to close the border", "Iran's threat to close the
/// strait": the possessor of noun `noun` whose "to" infinitive `v` is,
/// who does what the noun intends; not where the noun names another who
/// is to do it ("the EU's call on Russia to withdraw").
fn owner_of_the_intent(doc: &Doc, v: usize, noun: usize) -> Option<usize> {
    // "from X's practices to imposing tariffs": no infinitive
    let infinitive = has_to_marker(doc, v) && doc.tokens[v].lemma == doc.tokens[v].lower;
    let names_another =
        dependents(doc, noun, "nmod", false).any(|n| doc.syntax[n].deprel.as_str() != "nmod:poss");
    if !infinitive || names_another {
        return None;
    }
    dependents(doc, noun, "nmod:poss", true).next()
}

/// The verb that governs noun `noun` (through at most two nouns: "met
/// Putin in Moscow"), when verb `v` is coordinated with the noun, which a
/// verb cannot be.
fn verb_over_noun(doc: &Doc, v: usize, noun: usize) -> Option<usize> {
    let nominal = |w: usize| matches!(upos(doc, w), Some(Upos::Noun | Upos::Propn | Upos::Pron));
    if upos(doc, v) != Some(Upos::Verb) || !nominal(noun) {
        return None;
    }
    let mut w = noun;
    for _ in 0..3 {
        w = doc.syntax.get(w)?.head? as usize;
        if upos(doc, w) == Some(Upos::Verb) {
            return Some(w);
        }
        if !nominal(w) {
            return None;
        }
    }
    None
}

/// Whether verb `v` is marked as a "to" infinitive in the tree.
fn has_to_marker(doc: &Doc, v: usize) -> bool {
    dependents(doc, v, "mark", true).any(|m| doc.tokens[m].lower == "to")
}

/// Whether word `i` is the "to" of an infinitive, the word after it read
/// as a verb ("calls to withdraw"), where parsed; the caller keeps `i + 1`
/// inside its sentence.
pub fn opens_infinitive(doc: &Doc, i: usize) -> bool {
    doc.tokens[i].lower == "to" && upos(doc, i + 1) == Some(Upos::Verb)
}

/// The object of verb `governor` that does its "to" infinitive `v` when
/// the governor is a verb of object control (`kb/words.tsv`
/// `object_control`): "prompted Israel to launch", "called on Iran to free".
fn controlling_object(doc: &Doc, v: usize, governor: usize) -> Option<usize> {
    if !OBJECT_CONTROL.contains(&doc.tokens[governor].lemma.as_str()) || !has_to_marker(doc, v) {
        return None;
    }
    let object = dependents(doc, governor, "obj", true)
        .chain(dependents(doc, governor, "iobj", true))
        .find(|&o| o < v);
    object.or_else(|| {
        dependents(doc, governor, "obl", true)
            .filter(|&o| o < v)
            .find(|&o| has_case(doc, o, |c| matches!(c, "on" | "upon")))
    })
}

/// Whether `v`, an adverbial clause of verb `governor`, is a "to"
/// infinitive that its governor's subject does: any governor but one
/// whose object does it (`kb/words.tsv` `object_control`).
fn is_infinitive_of_purpose(doc: &Doc, v: usize, governor: usize) -> bool {
    has_to_marker(doc, v) && !OBJECT_CONTROL.contains(&doc.tokens[governor].lemma.as_str())
}

/// The common noun naming people right before present participle `v`, an
/// adverbial clause of verb `governor` with no subject or marker of its
/// own, when that noun is part of the governor's phrase and nothing stands
/// between them ("fired at students demanding"; not "shelled Ukraine
/// killing", a name, nor "fired, killing").
fn people_before_participle(
    doc: &Doc,
    mentions: &[Mention],
    v: usize,
    governor: usize,
) -> Option<usize> {
    let noun = v.checked_sub(1)?;
    (is_present_participle(doc, v)
        && upos(doc, noun) == Some(Upos::Noun)
        && doc.sentence_of(noun) == doc.sentence_of(v)
        && dependents(doc, v, "mark", true).next().is_none()
        && in_phrase_of(doc, noun, governor, 12)
        && mention_holding(mentions, noun).is_some())
    .then_some(noun)
}

/// Whether verb `v` is a present participle ("accusing").
fn is_present_participle(doc: &Doc, v: usize) -> bool {
    doc.tokens[v].lower.ends_with("ing") && upos(doc, v) == Some(Upos::Verb)
}

/// Whether present participle `v` opens an adjunct clause ("after
/// accusing", ", calling"), not the complement of a preposition that
/// often tells the object's act ("charged X with supporting", "accused X
/// of", "praised X for helping").
fn is_adjunct_participle(doc: &Doc, v: usize) -> bool {
    is_present_participle(doc, v)
        && !dependents(doc, v, "mark", true)
            .any(|m| matches!(doc.tokens[m].lower.as_str(), "of" | "with" | "for"))
}

/// The verb of the clause that speech verb `speech` reports, last before
/// word `v`: its complement clause, or a participle with an object that
/// the parse hangs on the speech verb's object ("said Russian forces
/// shelled Kherson": an -ed participle takes no object of its own, so it
/// is the reported clause's verb).
fn reported_act_before(doc: &Doc, v: usize, speech: usize) -> Option<usize> {
    let speaks = |w: usize| SPEECH_VERBS.contains(&doc.tokens[w].lemma.as_str());
    // "…, adding that": the speaker's own next words
    if !speaks(speech) || speaks(v) {
        return None;
    }
    let complement = dependents(doc, speech, "ccomp", true).filter(|&c| c < v);
    let reported_on_object = dependents(doc, speech, "obj", true)
        .flat_map(|o| dependents(doc, o, "acl", true))
        .filter(|&a| a < v && dependents(doc, a, "obj", true).next().is_some());
    complement.chain(reported_on_object).max()
}

/// Whether participle `v` of noun `noun` can only be its sentence's verb:
/// the parse makes the noun the root of the whole sentence (a sentence
/// parsed only up to its last cue may have its verb further on), no verb
/// or auxiliary stands outside `v`'s own phrase, and no "by" phrase names
/// an agent of `v` or of a verb coordinated with it ("trips coordinated
/// and carried out by students").
fn the_only_predicate(doc: &Doc, v: usize, noun: usize) -> bool {
    if doc.syntax[noun].head.is_some() {
        return false;
    }
    let sentence = &doc.sentences[doc.sentence_of(v)];
    let inside_v = |w: usize| w == v || in_phrase_of(doc, w, v, 64);
    let unparsed = |w: usize| doc.syntax[w].head.is_none() && doc.syntax[w].deprel != DepRel::ROOT;
    if sentence.tokens.clone().any(unparsed) {
        return false;
    }
    let verbs_outside = sentence
        .tokens
        .clone()
        .any(|w| matches!(upos(doc, w), Some(Upos::Verb | Upos::Aux)) && !inside_v(w));
    let with_agent =
        |w: usize| dependents(doc, w, "obl", false).any(|o| has_case(doc, o, |c| c == "by"));
    !verbs_outside && !with_agent(v) && !dependents(doc, v, "conj", true).any(with_agent)
}

/// The mentions a subject word `s` of verb `v` stands in, with the mentions
/// coordinated with it ("Japan and Australia").
fn subject_at(doc: &Doc, mentions: &[Mention], v: usize, s: usize) -> TreeSubject {
    let lower = doc.tokens[s].lower.as_str();
    if STAND_INS.contains(&lower) && doc.syntax[v].deprel.universal() == "acl" {
        if let Some(h) = doc.syntax[v].head {
            if let Some(m) = mention_holding(mentions, h as usize) {
                return TreeSubject::Mentions(vec![m]);
            }
        }
        return TreeSubject::Unknown;
    }
    // "…from Antony Blinken, who thanked Egypt": a relative pronoun the
    // parse hangs elsewhere still stands for the name right before it
    if matches!(lower, "who" | "which") && s >= 2 && doc.tokens[s - 1].lower == "," {
        if let Some(m) = mention_holding(mentions, s - 2) {
            return TreeSubject::Mentions(vec![m]);
        }
    }
    let mut found: Vec<usize> = Vec::new();
    // "Russian President Vladimir Putin and Chinese President Xi Jinping":
    // a name the parse sets in apposition after an "and" is coordinated
    let coordinated_appos = dependents(doc, s, "appos", true)
        .filter(move |&a| (s..a).any(|i| doc.tokens[i].lower == "and"));
    // a conjunct may hang on any word of the subject's name ("Putin and …")
    let conjuncts = std::iter::once(s)
        .chain(dependents(doc, s, "flat", true))
        .flat_map(|w| dependents(doc, w, "conj", true))
        .chain(coordinated_appos);
    for w in std::iter::once(s).chain(conjuncts) {
        match mention_in_phrase(doc, mentions, w) {
            Some(m) => {
                // "Russian and Ukrainian officials": the group sharing the role
                found.extend(sharing_the_role(doc, mentions, m));
                found.push(owner_before_of(doc, mentions, m).unwrap_or(m));
            }
            None if w == s => {
                // a word the coder may not know as a name: only a common noun
                // or a number is surely no actor
                // plural nouns are often people the lexicon lacks ("experts urged"):
                // only a singular common noun is surely no actor
                let plural = lower.ends_with('s') && !lower.ends_with("ss");
                // "torrential rains killed 12 people": a disaster is nobody
                if ACCIDENTAL_CAUSES.contains(&doc.tokens[s].lemma.as_str()) {
                    return TreeSubject::NotAnActor;
                }
                return match upos(doc, s) {
                    Some(Upos::Noun) if !plural && !STAND_INS.contains(&lower) => {
                        TreeSubject::NotAnActor
                    }
                    _ => TreeSubject::Unknown,
                };
            }
            None => {}
        }
    }
    TreeSubject::Mentions(found)
}

/// The group joined by "and" right before group mention `m` with the same
/// role ("Russian" of "Russian and Ukrainian officials", which the parse
/// makes a modifier of the one subject).
fn sharing_the_role(doc: &Doc, mentions: &[Mention], m: usize) -> Option<usize> {
    let before = &mentions[m.checked_sub(1)?];
    let this = &mentions[m];
    (this.kind == MentionKind::Group
        && before.kind == MentionKind::Group
        && before.role_phrase == this.role_phrase
        && before.actor.is_some()
        && before.tokens.end + 1 == this.tokens.start
        && doc.tokens[before.tokens.end].lower == "and")
        .then_some(m - 1)
}

/// "Mayor Karen Bass of Los Angeles met ...": no subject follows "of"; where
/// the parse takes the place after it for the subject, the actor named
/// right before "of" is the one meant.
fn owner_before_of(doc: &Doc, mentions: &[Mention], m: usize) -> Option<usize> {
    let start = mentions[m].tokens.start;
    if start < 2 || doc.tokens[start - 1].lower != "of" {
        return None;
    }
    mention_holding(mentions, start - 2).filter(|&o| mentions[o].tokens.end == start - 1)
}

/// The mention holding token `i`.
fn mention_holding(mentions: &[Mention], i: usize) -> Option<usize> {
    // mentions are in text order and a name is a few tokens long: a binary
    // search, then a short walk back
    let end = mentions.partition_point(|m| m.tokens.start <= i);
    (end.saturating_sub(16)..end)
        .rev()
        .find(|&k| mentions[k].tokens.contains(&i) && mentions[k].actor.is_some())
}

/// Whether token `i` is inside the phrase headed by `head`: its chain of
/// heads reaches `head` within `depth` steps (a bound: trees are shallow).
fn in_phrase_of(doc: &Doc, mut i: usize, head: usize, depth: usize) -> bool {
    for _ in 0..depth {
        match doc.syntax.get(i).and_then(|s| s.head) {
            Some(h) if h as usize == head => return true,
            Some(h) => i = h as usize,
            None => return false,
        }
    }
    false
}

/// The mention that the phrase headed by `head` names: the one holding the
/// head word, else the first one inside the phrase ("Pakistan, a key U.S.
/// ally", "leaders of the opposition").
fn mention_in_phrase(doc: &Doc, mentions: &[Mention], head: usize) -> Option<usize> {
    if let Some(m) = mention_holding(mentions, head) {
        return Some(m);
    }
    let sentence = doc.sentences[doc.sentence_of(head)].tokens.clone();
    let inside = |i: usize| in_phrase_of(doc, i, head, 12);
    // "an explosion in a supermarket in Shiraz": a place the phrase puts
    // something in tells where, not who ("an envoy from Russia" tells who)
    let case_of = |i: usize| {
        sentence.clone().find(|&k| {
            doc.syntax
                .get(k)
                .is_some_and(|s| s.head == Some(i as u32) && s.deprel.as_str() == "case")
        })
    };
    let located = |m: &Mention| {
        // membership is no place: "America's allies in NATO"
        if !matches!(m.kind, MentionKind::Place | MentionKind::State) {
            return false;
        }
        let mut i = m.tokens.start;
        for _ in 0..12 {
            if i == head {
                return false;
            }
            if case_of(i).is_some_and(|c| {
                matches!(
                    doc.tokens[c].lower.as_str(),
                    "in" | "at"
                        | "near"
                        | "outside"
                        | "inside"
                        | "across"
                        | "around"
                        | "throughout"
                        | "within"
                )
            }) {
                return true;
            }
            match doc.syntax.get(i).and_then(|s| s.head) {
                Some(h) => i = h as usize,
                None => return false,
            }
        }
        false
    };
    let within = |m: &Mention| m.actor.is_some() && m.tokens.clone().any(inside) && !located(m);
    // a possessor ("bin Laden's network") is not who the phrase names
    let possessor = |m: &Mention| m.tokens.clone().any(|i| is_possessor(doc, i));
    // only the sentence's mentions
    let range = crate::mentions::starting_within(mentions, sentence.clone());
    let lo = range.start;
    let here = &mentions[range];
    here.iter()
        .position(|m| within(m) && !possessor(m))
        .or_else(|| here.iter().position(within))
        .map(|k| k + lo)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mentions::MentionKind;
    use herald_core::{EntityType, Sentence, Shape, Span, Token, TokenSyntax};

    /// A parsed one-sentence document: (word, tag, head index or 0 for root, relation),
    /// heads counted from 1 as CoNLL-U does.
    fn parsed(rows: &[(&str, Upos, usize, &str)]) -> Doc {
        let mut text = String::new();
        let mut tokens = Vec::new();
        for (w, ..) in rows {
            if !text.is_empty() {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(w);
            tokens.push(Token {
                span: Span::new(start, text.len()),
                lemma: w.to_lowercase(),
                lower: w.to_lowercase(),
                shape: Shape::Lower,
                para_start: false,
            });
        }
        let syntax = rows
            .iter()
            .map(|&(_, upos, head, rel)| TokenSyntax {
                upos,
                head: (head > 0).then(|| head as u32 - 1),
                deprel: DepRel::parse(rel),
            })
            .collect();
        Doc {
            sentences: vec![Sentence {
                span: Span::new(0, text.len()),
                tokens: 0..rows.len(),
            }],
            text,
            tokens,
            syntax,
        }
    }

    fn mention(doc: &Doc, tokens: std::ops::Range<usize>, actor: usize) -> Mention {
        let mut m = Mention::new(doc, tokens, 0, MentionKind::Person, EntityType::Person);
        m.actor = Some(actor);
        m
    }

    #[test]
    fn the_subject_of_an_active_verb_is_its_nsubj() {
        // Police arrested two protesters
        let doc = parsed(&[
            ("Police", Upos::Noun, 2, "nsubj"),
            ("arrested", Upos::Verb, 0, "root"),
            ("two", Upos::Num, 4, "nummod"),
            ("protesters", Upos::Noun, 2, "obj"),
        ]);
        let ms = vec![mention(&doc, 0..1, 0), mention(&doc, 3..4, 1)];
        assert_eq!(active_subject(&doc, &ms, 1), TreeSubject::Mentions(vec![0]));
    }

    #[test]
    fn a_place_after_of_taken_for_the_subject_gives_way_to_the_name_before_it() {
        // Karen Bass of Los Angeles met Newsom, parsed with "Los Angeles" as the subject
        let doc = parsed(&[
            ("Karen", Upos::Propn, 0, "root"),
            ("Bass", Upos::Propn, 1, "flat"),
            ("of", Upos::Adp, 6, "mark"),
            ("Los", Upos::Propn, 6, "nsubj"),
            ("Angeles", Upos::Propn, 4, "flat"),
            ("met", Upos::Verb, 1, "acl"),
            ("Newsom", Upos::Propn, 6, "obj"),
        ]);
        let ms = vec![
            mention(&doc, 0..2, 0),
            mention(&doc, 3..5, 1),
            mention(&doc, 6..7, 2),
        ];
        assert_eq!(active_subject(&doc, &ms, 5), TreeSubject::Mentions(vec![0]));
    }

    /// "Sudan's army and the militia agreed to a truce", parsed with the
    /// verb hung on "militia" and "army" as the root; `agent` adds "by
    /// mediators" to the verb, `tail` another verb after it.
    fn root_noun_with_participle(agent: bool, tail: bool) -> Doc {
        let mut rows = vec![
            ("army", Upos::Noun, 0, "root"),
            ("and", Upos::Cconj, 3, "cc"),
            ("militia", Upos::Noun, 1, "conj"),
            ("agreed", Upos::Verb, 3, "acl"),
            ("to", Upos::Adp, 7, "case"),
            ("a", Upos::Det, 7, "det"),
            ("truce", Upos::Noun, 4, "obl"),
        ];
        if agent {
            rows.extend([
                ("by", Upos::Adp, 9, "case"),
                ("mediators", Upos::Noun, 4, "obl"),
            ]);
        }
        if tail {
            rows.extend([("collapsed", Upos::Verb, 1, "acl")]);
        }
        parsed(&rows)
    }

    #[test]
    fn a_participle_on_a_root_noun_is_the_verb_of_a_sentence_with_no_other() {
        let doc = root_noun_with_participle(false, false);
        let ms = vec![mention(&doc, 0..1, 0), mention(&doc, 2..3, 1)];
        assert_eq!(
            active_subject(&doc, &ms, 3),
            TreeSubject::Mentions(vec![0, 1])
        );
        // an agent makes it a passive participle: the noun it hangs on is no doer of both
        let doc = root_noun_with_participle(true, false);
        assert_eq!(active_subject(&doc, &ms, 3), TreeSubject::Mentions(vec![1]));
        // with another verb in the sentence, that one may be the verb
        let doc = root_noun_with_participle(false, true);
        assert_eq!(active_subject(&doc, &ms, 3), TreeSubject::Mentions(vec![1]));
        // a sentence parsed only partly may have its verb in what is left
        let mut doc = root_noun_with_participle(false, true);
        doc.syntax[7] = TokenSyntax {
            upos: Upos::X,
            head: None,
            deprel: DepRel::DEP,
        };
        assert_eq!(active_subject(&doc, &ms, 3), TreeSubject::Mentions(vec![1]));
    }

    #[test]
    fn a_common_noun_subject_is_no_actor() {
        // The grapefruit arrives on Monday
        let doc = parsed(&[
            ("The", Upos::Det, 2, "det"),
            ("grapefruit", Upos::Noun, 3, "nsubj"),
            ("arrives", Upos::Verb, 0, "root"),
            ("on", Upos::Adp, 5, "case"),
            ("Monday", Upos::Propn, 3, "obl"),
        ]);
        assert_eq!(active_subject(&doc, &[], 2), TreeSubject::NotAnActor);
    }

    #[test]
    fn a_coordinated_verb_takes_the_subject_of_the_first() {
        // Soldiers entered the village and burned houses
        let doc = parsed(&[
            ("Soldiers", Upos::Noun, 2, "nsubj"),
            ("entered", Upos::Verb, 0, "root"),
            ("the", Upos::Det, 4, "det"),
            ("village", Upos::Noun, 2, "obj"),
            ("and", Upos::Cconj, 6, "cc"),
            ("burned", Upos::Verb, 2, "conj"),
            ("houses", Upos::Noun, 6, "obj"),
        ]);
        let ms = vec![mention(&doc, 0..1, 0)];
        assert_eq!(active_subject(&doc, &ms, 5), TreeSubject::Mentions(vec![0]));
    }

    #[test]
    fn a_relative_clause_is_done_by_the_noun_it_modifies() {
        // the rebels who attacked the town
        let doc = parsed(&[
            ("the", Upos::Det, 2, "det"),
            ("rebels", Upos::Noun, 0, "root"),
            ("who", Upos::Pron, 4, "nsubj"),
            ("attacked", Upos::Verb, 2, "acl:relcl"),
            ("the", Upos::Det, 6, "det"),
            ("town", Upos::Noun, 4, "obj"),
        ]);
        let ms = vec![mention(&doc, 1..2, 0)];
        assert_eq!(active_subject(&doc, &ms, 3), TreeSubject::Mentions(vec![0]));
    }

    #[test]
    fn an_unparsed_sentence_says_nothing() {
        // tokens and sentences only, as before the syntax stage
        let doc = crate::testing::doc("Police left.");
        assert_eq!(active_subject(&doc, &[], 1), TreeSubject::Unknown);
        assert!(!is_not_verb(&doc, 1));
        assert_eq!(upos(&doc, 1), None);
    }

    #[test]
    fn a_complement_verb_takes_the_subject_of_the_verb_it_completes() {
        // Iran vowed to retaliate
        let doc = parsed(&[
            ("Iran", Upos::Propn, 2, "nsubj"),
            ("vowed", Upos::Verb, 0, "root"),
            ("to", Upos::Part, 4, "mark"),
            ("retaliate", Upos::Verb, 2, "xcomp"),
        ]);
        let ms = vec![mention(&doc, 0..1, 0)];
        assert_eq!(active_subject(&doc, &ms, 3), TreeSubject::Mentions(vec![0]));
    }

    #[test]
    fn a_passive_verb_does_not_borrow_the_subject_of_its_conjunct() {
        // Police came and protesters were arrested
        let doc = parsed(&[
            ("Police", Upos::Noun, 2, "nsubj"),
            ("came", Upos::Verb, 0, "root"),
            ("and", Upos::Cconj, 6, "cc"),
            ("protesters", Upos::Noun, 6, "nsubj:pass"),
            ("were", Upos::Aux, 6, "aux:pass"),
            ("arrested", Upos::Verb, 2, "conj"),
        ]);
        let ms = vec![mention(&doc, 0..1, 0), mention(&doc, 3..4, 1)];
        assert_eq!(active_subject(&doc, &ms, 5), TreeSubject::Unknown);
    }

    #[test]
    fn a_subject_phrase_names_the_actor_inside_it() {
        // leaders of the opposition protested
        let doc = parsed(&[
            ("leaders", Upos::Noun, 5, "nsubj"),
            ("of", Upos::Adp, 4, "case"),
            ("the", Upos::Det, 4, "det"),
            ("opposition", Upos::Noun, 1, "nmod"),
            ("protested", Upos::Verb, 0, "root"),
        ]);
        let ms = vec![mention(&doc, 3..4, 0)];
        assert_eq!(active_subject(&doc, &ms, 4), TreeSubject::Mentions(vec![0]));
    }

    #[test]
    fn a_possessor_in_a_subject_phrase_gives_way_to_another_actor() {
        // America's allies in NATO condemned
        let doc = parsed(&[
            ("America", Upos::Propn, 3, "nmod:poss"),
            ("'s", Upos::Part, 1, "case"),
            ("allies", Upos::Noun, 6, "nsubj"),
            ("in", Upos::Adp, 5, "case"),
            ("NATO", Upos::Propn, 3, "nmod"),
            ("condemned", Upos::Verb, 0, "root"),
        ]);
        let ms = vec![mention(&doc, 0..1, 0), mention(&doc, 4..5, 1)];
        assert_eq!(active_subject(&doc, &ms, 5), TreeSubject::Mentions(vec![1]));
    }

    #[test]
    fn a_word_tagged_as_a_noun_is_not_a_verb() {
        let doc = parsed(&[
            ("their", Upos::Pron, 2, "nmod:poss"),
            ("back", Upos::Noun, 0, "root"),
        ]);
        assert!(is_not_verb(&doc, 1));
    }
}
