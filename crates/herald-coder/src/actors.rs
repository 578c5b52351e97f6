//! Actors: mentions merged per real-world actor (office holders, surnames,
//! titles, metonyms, pronouns), each coded with country, org, sector, role.

use crate::mentions::{Mention, MentionKind, Pronoun};
use herald_core::{Doc, EntityType, Sector, Shape};
use herald_kb::words::{COUNTRY_ANAPHORS, FEMALE_WORDS, LOCATIVE, MALE_WORDS, SPEECH_VERBS};
use herald_kb::{Kb, PlaceKind};
use herald_nlp::Sex;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    Person,
    Organization,
    State,
    Group,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organization => "organization",
            ActorKind::State => "state",
            ActorKind::Group => "group",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Actor {
    pub name: String,
    pub kind: ActorKind,
    pub country: Option<&'static str>,
    pub org: Option<String>,
    pub sector: Option<Sector>,
    pub role: Option<String>,
    pub role_phrase: Option<String>,
    pub holder: Option<u32>,
    /// Lowercased last word of a person's name, for surname coreference.
    pub surname: Option<String>,
    /// Indexes into the mention list.
    pub mentions: Vec<usize>,
}

fn title_case_repair(name: &str) -> String {
    name.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) if f.is_lowercase() && w.len() > 3 && !w.contains('-') => {
                    f.to_uppercase().collect::<String>() + c.as_str()
                }
                _ => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn strip_determiner(s: &str) -> &str {
    for d in ["the ", "The ", "a ", "A ", "an ", "An "] {
        if let Some(rest) = s.strip_prefix(d) {
            return rest;
        }
    }
    s
}

/// Whether a place mention is used as an actor: a capital standing for its
/// "Real Madrid", "Inter Milan": a place name right after a capitalised word
/// inside a sentence ends a longer name (a club's), and is neither a
/// government nor the place's country as an actor.
fn ends_a_longer_name(doc: &Doc, m: &Mention) -> bool {
    let start = m.tokens.start;
    start > 0
        && doc.tokens[start - 1].shape == herald_core::Shape::Capitalized
        && doc.sentences[doc.sentence_of(start)].tokens.start < start - 1
}

/// government ("Moscow holds back"), not after a locative preposition.
pub fn capital_as_government(
    doc: &Doc,
    kb: &Kb,
    m: &Mention,
    resolved: Option<u32>,
) -> Option<u32> {
    let place = resolved.or_else(|| m.places.first().copied())?;
    // only the capital itself: Dublin, Ohio speaks for no government
    let country = kb.capital_of(place)?;
    let prev = doc.lower_before(m.tokens.start);
    if LOCATIVE.contains(&prev) || kb.places[place as usize].kind != PlaceKind::City {
        return None;
    }
    if ends_a_longer_name(doc, m) {
        return None;
    }
    // "New Delhi, India": a place with its country after it is a location
    let next = doc
        .tokens
        .get(m.tokens.end)
        .map(|t| t.lower.as_str())
        .unwrap_or("");
    if next == ","
        && doc
            .tokens
            .get(m.tokens.end + 1)
            .is_some_and(|t| t.shape == herald_core::Shape::Capitalized)
    {
        return None;
    }
    Some(country)
}

/// "CCTV footage" in a London story: a bare acronym that the knowledge
/// base knows only as one foreign country's organisation (China Central
/// Television), in a story that names that country nowhere else, means
/// something else here (one sense per story).
fn is_a_stray_acronym(
    doc: &Doc,
    kb: &Kb,
    mentions: &[Mention],
    mi: usize,
    focus: Option<&'static str>,
    place_of: &impl Fn(&Mention) -> Option<u32>,
) -> bool {
    let m = &mentions[mi];
    let word = m.text(doc);
    let acronym =
        m.tokens.len() == 1 && word.len() >= 2 && word.chars().all(|c| c.is_ascii_uppercase());
    acronym && foreign_to_the_story(kb, mentions, mi, focus, place_of).is_some()
}

/// "a bill passed by Congress" in a story about Argentina: a legislature
/// named by one bare word that the knowledge base knows as one foreign
/// country's ("Congress"), in a story that names that country nowhere
/// else, is the legislature of the story's own country.
fn is_a_legislature_of_the_story(
    kb: &Kb,
    mentions: &[Mention],
    mi: usize,
    focus: Option<&'static str>,
    place_of: &impl Fn(&Mention) -> Option<u32>,
) -> bool {
    let m = &mentions[mi];
    // the cheap tests first: the story-wide search only for a legislature
    m.tokens.len() == 1
        && m.org
            .is_some_and(|o| kb.orgs[o as usize].sector == Sector::Leg)
        && foreign_to_the_story(kb, mentions, mi, focus, place_of).is_some()
}

/// The knowledge base's organisation of mention `mi` when it is one
/// country's, not the story's focus, and no other mention names that
/// country or a place in it.
fn foreign_to_the_story(
    kb: &Kb,
    mentions: &[Mention],
    mi: usize,
    focus: Option<&'static str>,
    place_of: &impl Fn(&Mention) -> Option<u32>,
) -> Option<u32> {
    let org = mentions[mi].org?;
    let country = kb.orgs[org as usize].country?;
    if focus.is_none_or(|f| f == country) {
        return None;
    }
    let names_it = |(k, o): (usize, &Mention)| {
        k != mi
            && (o.country == Some(country)
                || place_of(o).and_then(|p| kb.places[p as usize].country) == Some(country))
    };
    (!mentions.iter().enumerate().any(names_it)).then_some(org)
}

/// Builds actors from mentions and sets each mention's actor.
/// `place_of` gives the resolved place (index into `kb.places`) of a mention.
pub fn build_actors(
    doc: &Doc,
    kb: &Kb,
    mentions: &mut [Mention],
    focus: Option<&'static str>,
    place_of: impl Fn(&Mention) -> Option<u32>,
    place_of_index: impl Fn(usize) -> Option<u32>,
    dateline: Option<herald_core::Span>,
) -> Vec<Actor> {
    let mut actors: Vec<Actor> = Vec::new();
    let n = mentions.len();
    people_of_a_place(doc, kb, mentions, &place_of);
    for mi in 0..n {
        let m = mentions[mi].clone();
        let found = match m.kind {
            MentionKind::Pronoun(_) => continue,
            // "LONDON (Reuters) -": where and by whom the story was filed, not who acts
            _ if dateline.is_some_and(|d| d.start <= m.span.start && m.span.end <= d.end) => {
                continue
            }
            MentionKind::Place => match capital_as_government(doc, kb, &m, place_of(&m)) {
                Some(c) => state_actor(
                    kb,
                    &mut actors,
                    kb.countries[c as usize].iso3,
                    Some(Sector::Gov),
                ),
                // a town stands, as an actor, for its country ("fighting in Juba"); events
                // read it as a location, never as a subject, since a preposition governs it
                None => match place_of(&m).and_then(|p| kb.places[p as usize].country) {
                    Some(c) if m.entity_type == EntityType::Gpe && !ends_a_longer_name(doc, &m) => {
                        state_actor(kb, &mut actors, c, None)
                    }
                    _ => continue,
                },
            },
            MentionKind::State => {
                let Some(c) = m.country else { continue };
                state_actor(kb, &mut actors, c, m.sector)
            }
            // "the Nigerian Union of Teachers (NUT)": an acronym in brackets names the actor before it
            // (an acronym the knowledge base knows keeps its own codes)
            MentionKind::Org if m.org.is_none() && bracketed_alias(doc, mentions, mi).is_some() => {
                bracketed_alias(doc, mentions, mi).unwrap_or(0)
            }
            MentionKind::Org if m.org.is_none() && m.entity_type == EntityType::Misc => continue, // a law
            MentionKind::Org if is_a_stray_acronym(doc, kb, mentions, mi, focus, &place_of) => {
                // nor does it place the people named beside it
                mentions[mi].country = None;
                mentions[mi].org = None;
                continue;
            }
            MentionKind::Org
                if is_a_legislature_of_the_story(kb, mentions, mi, focus, &place_of) =>
            {
                // an organisation the knowledge base does not place: its
                // sentence's country or the story's (place_unplaced_actors)
                let unplaced = &mut mentions[mi];
                unplaced.sector = Some(Sector::Leg);
                (unplaced.org, unplaced.country) = (None, None);
                org_actor(doc, kb, &mut actors, unplaced)
            }
            MentionKind::Org => org_actor(doc, kb, &mut actors, &m),
            MentionKind::Person => {
                if m.entity_type == EntityType::Misc {
                    continue;
                }
                person_actor(doc, kb, &mut actors, mentions, mi)
            }
            MentionKind::Group => group_actor(doc, kb, &mut actors, &m),
        };
        actors[found].mentions.push(mi);
        mentions[mi].actor = Some(found);
    }
    place_unplaced_actors(doc, kb, mentions, &mut actors, focus, place_of_index);
    actors
}

/// Groups, unnamed officials and organizations the knowledge base does not
/// place take a country from their possessor, their sentence or the story.
fn place_unplaced_actors(
    doc: &Doc,
    kb: &Kb,
    mentions: &[Mention],
    actors: &mut [Actor],
    focus: Option<&'static str>,
    place_of_index: impl Fn(usize) -> Option<u32>,
) {
    let possessor_country = possessor_countries(doc, mentions, actors);
    // Groups, unnamed officials and organizations the knowledge base does not
    // know ("La Prensa", "the United Bus Company") without a country take the
    // one their sentence names, else the story's focus.
    for (a, owned_by) in actors.iter_mut().zip(possessor_country) {
        // ("his counterpart" is of another country than the one it is said
        // of: no country the story or its sentence gives)
        if a.country.is_some()
            || a.kind == ActorKind::State
            || a.org.is_some()
            || a.sector == Some(Sector::Img)
            || a.role.as_deref() == Some("Counterpart")
        {
            continue;
        }
        // a named person nothing else places is a person of the story's country
        if a.kind == ActorKind::Person && a.role_phrase.is_none() {
            a.country = focus;
            continue;
        }
        if owned_by.is_some() {
            a.country = owned_by;
            continue;
        }
        if let Some(c) = the_countrys(doc, mentions, a.mentions[0]) {
            a.country = Some(c);
            continue;
        }
        let first = &mentions[a.mentions[0]];
        // an unresolved name ("Toronto" in "Toronto police") is read in the
        // story's country when it has a place there, else as its first candidate
        let place_country = |o: &Mention| {
            o.place
                .and_then(&place_of_index)
                .or_else(|| {
                    o.places
                        .iter()
                        .copied()
                        .find(|&p| focus.is_some() && kb.places[p as usize].country == focus)
                })
                .or_else(|| o.places.first().copied())
                .and_then(|p| kb.places[p as usize].country)
        };
        // where it happens first ("killed 23 people … in Tel Aviv"), then whatever else the sentence names
        // the sentence's mentions (in text order, so by binary search)
        let lo = mentions.partition_point(|o| o.sentence < first.sentence);
        let hi = mentions.partition_point(|o| o.sentence <= first.sentence);
        let same_sentence = &mentions[lo..hi.max(lo)];
        let located = same_sentence
            .iter()
            .filter(|o| !o.names_a_border(doc))
            .filter(|o| o.names_a_location(doc))
            .find_map(|o| o.country.or_else(|| place_country(o)));
        // "France recalled its envoy after the junta ordered him out",
        // "Niger's junta ordered French troops out. The junta said …": a
        // state's organ named by "the" alone is of the state named before
        // it in its sentence or as the last sentence's subject, not of a
        // party named after it
        let organ = is_definite_state_organ(doc, first, a.sector);
        let definite_organ = || {
            organ
                .then(|| {
                    // a country's name, or an organ named with its country
                    let state = |o: &Mention| {
                        let named = o.country_entry.is_some()
                            || is_state_organ(o.sector) && o.toponym.is_some();
                        (named && !o.names_a_location(doc))
                            .then_some(o.country)
                            .flatten()
                    };
                    let before = &mentions[..a.mentions[0]];
                    nearest_in_own_sentence(before, first.sentence, state)
                        .or_else(|| previous_subject(doc, before, first.sentence).and_then(state))
                })
                .flatten()
        };
        // "Russian forces shelled Kharkiv, killing three civilians": people
        // named after a town or region are most likely of its country, not
        // of the doers named first
        let place_before = || {
            (a.kind == ActorKind::Group)
                .then(|| {
                    let before = &mentions[lo..a.mentions[0].max(lo)];
                    before
                        .iter()
                        .rev()
                        .filter(|o| o.kind == MentionKind::Place && !o.names_a_border(doc))
                        .find_map(|o| o.country.or_else(|| place_country(o)))
                })
                .flatten()
        };
        let sentence_country = located
            .or_else(definite_organ)
            .or_else(place_before)
            .or_else(|| {
                same_sentence
                    .iter()
                    .filter(|o| !std::ptr::eq(*o, first) && !o.names_a_border(doc))
                    // "the foreign ministry protested to Seoul": a state's organ
                    // named by "the" is not of the party it acts on after it
                    .filter(|o| !(o.tokens.start > first.tokens.start && organ))
                    .find_map(|o| match o.kind {
                        MentionKind::Place | MentionKind::State => {
                            o.country.or_else(|| place_country(o))
                        }
                        MentionKind::Group | MentionKind::Org => o.country,
                        _ => None,
                    })
            });
        a.country = sentence_country.or(focus);
    }
}

/// "Protests erupted in Kenya. The country's president …": the country
/// that "the country's" (or "the island's", `kb/words.tsv`
/// `country_anaphors`, or "its") before role mention `mi`
/// stands for: the nearest country named before it in its sentence, else
/// the first named in the nearest of the three sentences before that names
/// one (most often its subject): a pronoun's antecedent (`antecedent`).
fn the_countrys(doc: &Doc, mentions: &[Mention], mi: usize) -> Option<&'static str> {
    let m = &mentions[mi];
    let start = m.tokens.start;
    let before = |k: usize| start.checked_sub(k).map(|i| doc.tokens[i].lower.as_str());
    let anaphor = before(3) == Some("the")
        && before(2).is_some_and(|w| COUNTRY_ANAPHORS.contains(&w))
        && before(1).is_some_and(herald_core::doc::is_possessive);
    m.role_phrase.as_ref()?;
    if anaphor {
        return antecedent(&mentions[..mi], m.sentence, |o| o.country);
    }
    // "The Philippines protested. Its defence secretary …": the state or
    // organisation "its" stands for (an international body has no country)
    if before(1) == Some("its") {
        // (a nationality before a noun is none: "Israeli jets struck its embassy")
        let owner = |o: &Mention| {
            let named = matches!(o.kind, MentionKind::State | MentionKind::Org);
            (named && !is_a_nationality(o)).then_some(o.country)
        };
        return antecedent(&mentions[..mi], m.sentence, owner).flatten();
    }
    None
}

/// A state named by its nationality word alone ("Israeli" in "Israeli
/// jets"): a modifier of a noun, never a thing "it" stands for.
fn is_a_nationality(m: &Mention) -> bool {
    m.kind == MentionKind::State && m.entity_type == EntityType::Norp
}

/// The mention opening sentence `sentence - 1` as its subject (within
/// its first three words), among mentions `before`.
fn previous_subject<'m>(doc: &Doc, before: &'m [Mention], sentence: usize) -> Option<&'m Mention> {
    let previous = sentence.checked_sub(1)?;
    let start = before.partition_point(|m| m.sentence < previous);
    let m = before.get(start).filter(|m| m.sentence == previous)?;
    (m.tokens.start < doc.sentences[previous].tokens.start + 3).then_some(m)
}

/// Whether a sector is that of a state's government, forces, legislature or courts.
fn is_state_organ(sector: Option<Sector>) -> bool {
    matches!(
        sector,
        Some(Sector::Gov | Sector::Mil | Sector::Leg | Sector::Jud)
    )
}

/// Whether mention `m`, of an actor of sector `sector`, is a state's
/// organ named by "the" and a common noun alone ("the junta", "the
/// government", "the army"), with no name or demonym of its own.
fn is_definite_state_organ(doc: &Doc, m: &Mention, sector: Option<Sector>) -> bool {
    let organ = is_state_organ(sector);
    let the = |i: usize| doc.tokens[i].lower == "the";
    let the_at = the_opening(doc, m);
    let common = m
        .tokens
        .clone()
        .all(|i| doc.tokens[i].shape == herald_core::Shape::Lower || the(i));
    // "the presidency of George Bush", "the official CTK agency": named after it
    let named_after = doc.tokens.get(m.tokens.end).is_some_and(|t| {
        use herald_core::Shape::{Capitalized, Upper};
        t.lower == "of" || matches!(t.shape, Capitalized | Upper)
    });
    // "the state" of a federation is no country
    let a_federal_state = doc.tokens[m.tokens.end - 1].lower == "state";
    // "China rejected the plan, the ministry's spokesman said": an
    // attribution after the clause speaks for its subject
    let speaks = the_at
        .and_then(|t| t.checked_sub(1))
        .is_some_and(|c| doc.tokens[c].lower == ",")
        && doc
            .tokens
            .get(m.tokens.end)
            .is_some_and(|t| SPEECH_VERBS.contains(&t.lemma.as_str()));
    organ && the_at.is_some() && common && !named_after && !a_federal_state && !speaks
}

/// The "the" that opens mention `m`, as its first word or right before it.
fn the_opening(doc: &Doc, m: &Mention) -> Option<usize> {
    let start = m.tokens.start;
    let the = |i: &usize| doc.tokens[*i].lower == "the";
    Some(start)
        .filter(the)
        .or_else(|| start.checked_sub(1).filter(the))
}

/// "Putin's spokesman", "Modi's lawyers": the country of the person an
/// office is held for, for each actor named by an office after a possessor.
fn possessor_countries(
    doc: &Doc,
    mentions: &[Mention],
    actors: &[Actor],
) -> Vec<Option<&'static str>> {
    actors
        .iter()
        .map(|a| {
            let first = &mentions[a.mentions[0]];
            let s = first.tokens.start.checked_sub(1)?;
            if a.role_phrase.is_none() || !doc.tokens[s].is_possessive() {
                return None;
            }
            let before = mentions.partition_point(|o| o.tokens.start < s);
            let owner = mentions[..before]
                .iter()
                .rev()
                .take(4)
                .find(|o| o.tokens.end == s)?;
            let owner = &actors[owner.actor?];
            (owner.kind == ActorKind::Person).then_some(owner.country)?
        })
        .collect()
}

/// "The Albanians of southern Serbia", "Kurds in northern Iraq": a people
/// named by a demonym and then placed is coded by the place's country. Not
/// a state's agents ("Israeli troops in Gaza", "Russian diplomats in
/// Vienna"): an office or force keeps its demonym's country.
fn people_of_a_place(
    doc: &Doc,
    kb: &Kb,
    mentions: &mut [Mention],
    place_of: &impl Fn(&Mention) -> Option<u32>,
) {
    for k in 0..mentions.len() {
        let m = &mentions[k];
        if m.kind != MentionKind::Group
            || m.toponym.is_none()
            || m.country_entry.is_some()
            || m.role_phrase.is_some()
        {
            continue;
        }
        let at = m.tokens.end;
        if !doc
            .tokens
            .get(at)
            .is_some_and(|t| matches!(t.lower.as_str(), "of" | "in"))
        {
            continue;
        }
        // "of southern Serbia": one lowercase word may stand between
        let place = mentions[k + 1..]
            .iter()
            .take(1)
            .find(|p| {
                p.sentence == m.sentence
                    && (p.tokens.start == at + 1
                        || p.tokens.start == at + 2
                            && doc.tokens[at + 1].shape == herald_core::Shape::Lower)
                    && matches!(p.kind, MentionKind::Place | MentionKind::State)
            })
            .and_then(|p| {
                p.country_entry
                    .map(|c| kb.countries[c as usize].iso3)
                    .or_else(|| place_of(p).and_then(|pl| kb.places[pl as usize].country))
            });
        if let Some(c) = place {
            mentions[k].country = Some(c);
        }
    }
}

/// The actor of the mention right before "(" when mention `mi` is a bracketed acronym.
fn bracketed_alias(doc: &Doc, mentions: &[Mention], mi: usize) -> Option<usize> {
    let m = &mentions[mi];
    let open = m.tokens.start.checked_sub(1)?;
    let close_ok = doc.tokens.get(m.tokens.end).is_some_and(|t| t.lower == ")");
    if doc.tokens[open].lower != "("
        || !close_ok
        || m.tokens.len() != 1
        || doc.tokens[m.tokens.start].shape != herald_core::Shape::Upper
    {
        return None;
    }
    let prev = mentions[..mi]
        .iter()
        .rev()
        .find(|p| !matches!(p.kind, MentionKind::Pronoun(_)))?;
    // the name may end in words the mention did not take ("Union of Teachers")
    (prev.tokens.end + 4 >= open && prev.sentence == m.sentence).then_some(prev.actor?)
}

/// The one state actor of a country: found, or made.
pub fn state_actor(kb: &Kb, actors: &mut Vec<Actor>, iso3: &str, sector: Option<Sector>) -> usize {
    if let Some(i) = recent_position(actors, |a| {
        a.kind == ActorKind::State && a.country == Some(iso3)
    }) {
        if actors[i].sector.is_none() {
            actors[i].sector = sector;
        }
        return i;
    }
    let name = kb
        .country(iso3)
        .map_or_else(|| iso3.to_string(), |c| c.name.to_string());
    actors.push(Actor {
        name,
        kind: ActorKind::State,
        country: kb.country_code(iso3),
        org: None,
        sector,
        role: None,
        role_phrase: None,
        holder: None,
        surname: None,
        mentions: Vec::new(),
    });
    actors.len() - 1
}

fn org_actor(doc: &Doc, kb: &Kb, actors: &mut Vec<Actor>, m: &Mention) -> usize {
    let (name, country, org, sector) = match m.org {
        Some(o) => {
            let row = &kb.orgs[o as usize];
            let international = row.country.is_none();
            (
                row.name.clone(),
                row.country,
                international.then(|| row.key.clone()),
                Some(row.sector),
            )
        }
        None => (
            strip_determiner(m.text(doc)).to_string(),
            m.country,
            None,
            m.sector,
        ),
    };
    if let Some(i) = recent_position(actors, |a| {
        a.kind == ActorKind::Organization && a.name == name
    }) {
        return i;
    }
    actors.push(Actor {
        name,
        kind: ActorKind::Organization,
        country,
        org,
        sector,
        role: None,
        role_phrase: None,
        holder: None,
        surname: None,
        mentions: Vec::new(),
    });
    actors.len() - 1
}

/// How many of the latest actors a new mention is compared with, and how far
/// ahead a title looks for the name it stands for: coreference works in a
/// bounded window, so coding cost stays linear in the article's length.
const ACTOR_WINDOW: usize = 256;
const LOOKAHEAD_MENTIONS: usize = 64;

/// The first of the actors a new mention is compared with.
fn window_start(actors: &[Actor]) -> usize {
    actors.len().saturating_sub(ACTOR_WINDOW)
}

/// `position` over the recent actors, as an index into all of them.
fn recent_position(actors: &[Actor], f: impl FnMut(&Actor) -> bool) -> Option<usize> {
    let from = window_start(actors);
    actors[from..].iter().position(f).map(|i| i + from)
}

/// `rposition` over the recent actors, as an index into all of them.
fn recent_rposition(actors: &[Actor], f: impl FnMut(&Actor) -> bool) -> Option<usize> {
    let from = window_start(actors);
    actors[from..].iter().rposition(f).map(|i| i + from)
}

fn group_actor(doc: &Doc, kb: &Kb, actors: &mut Vec<Actor>, m: &Mention) -> usize {
    if let Some(i) = armed_group_named_before(doc, actors, m) {
        return i;
    }
    let phrase = m.role_phrase.clone();
    // "EU ministers": the body's key
    let org = m.org.map(|o| kb.orgs[o as usize].key.clone());
    if let Some(i) = recent_position(actors, |a| {
        a.kind == ActorKind::Group
            && a.sector == m.sector
            && a.role_phrase == phrase
            && (m.country.is_none() || a.country == m.country)
            && a.org == org
    }) {
        return i;
    }
    actors.push(Actor {
        name: strip_determiner(m.text(doc)).to_string(),
        kind: ActorKind::Group,
        country: m.country,
        org,
        sector: if m.former {
            Some(Sector::Cvl)
        } else {
            m.sector
        },
        role: m.role.clone(),
        role_phrase: phrase,
        holder: None,
        surname: None,
        mentions: Vec::new(),
    });
    actors.len() - 1
}

/// "The Houthis attacked a ship. The rebels said …": irregular fighters
/// named by "the" and a role alone ("the rebels", "the militants") are the
/// armed organisation named most recently before them, if any.
fn armed_group_named_before(doc: &Doc, actors: &[Actor], m: &Mention) -> Option<usize> {
    let armed = |s: Option<Sector>| matches!(s, Some(Sector::Reb | Sector::Ins | Sector::Img));
    let definite = the_opening(doc, m).is_some();
    let bare = m.country.is_none() && m.toponym.is_none() && m.org.is_none() && m.tokens.len() <= 2;
    if !(definite && bare && armed(m.sector)) {
        return None;
    }
    recent_rposition(actors, |a| {
        a.kind == ActorKind::Organization && armed(a.sector)
    })
}

fn person_actor(
    doc: &Doc,
    kb: &Kb,
    actors: &mut Vec<Actor>,
    mentions: &[Mention],
    mi: usize,
) -> usize {
    let m = &mentions[mi];
    let holder = m.holders.first().copied();
    let surname = m
        .name
        .as_deref()
        .and_then(|n| n.split_whitespace().last())
        .map(|s| s.to_lowercase());
    // Same office holder, or same surname.
    if let Some(h) = holder {
        let hname = &kb.holders[h as usize].name;
        if let Some(i) = recent_position(actors, |a| {
            a.holder
                .is_some_and(|x| &kb.holders[x as usize].name == hname)
        }) {
            return i;
        }
    }
    if let Some(s) = &surname {
        if let Some(i) = recent_rposition(actors, |a| {
            a.kind == ActorKind::Person && a.surname.as_deref() == Some(s)
        }) {
            if actors[i].holder.is_none() {
                actors[i].holder = holder;
            }
            return i;
        }
    }
    // An unnamed official ("the secretary of state"): the named person with that role.
    if m.name.is_none() {
        let same_role = |a: &Actor| {
            a.kind == ActorKind::Person
                && (a.role_phrase.is_some() && a.role_phrase == m.role_phrase
                    || (a.role.is_some() && a.role == m.role))
                && (m.country.is_none() || a.country == m.country)
        };
        if let Some(i) = recent_rposition(actors, |a| same_role(a) && a.surname.is_some()) {
            return i;
        }
        // "the minister" after "Foreign Minister Ana Lopez": a definite bare
        // office is the last named person whose office it heads
        let definite = m.tokens.start > 0 && doc.tokens[m.tokens.start - 1].lower == "the";
        if let Some(head) = m.role.as_deref().filter(|r| definite && !r.contains(' ')) {
            let heads = |a: &Actor| {
                a.role
                    .as_deref()
                    .and_then(|r| r.split_whitespace().last())
                    .is_some_and(|h| h.eq_ignore_ascii_case(head))
            };
            if let Some(i) = recent_rposition(actors, |a| {
                a.kind == ActorKind::Person
                    && a.surname.is_some()
                    && heads(a)
                    && (m.country.is_none() || a.country == m.country)
            }) {
                return i;
            }
            // "the general" after "army chief Abdel Fattah al-Burhan": a
            // definite bare rank of the forces is the last named officer
            if let Some(forces) = m.sector.filter(|s| matches!(s, Sector::Mil | Sector::Cop)) {
                if let Some(i) = recent_rposition(actors, |a| {
                    a.kind == ActorKind::Person
                        && a.surname.is_some()
                        && a.sector == Some(forces)
                        && (m.country.is_none() || a.country == m.country)
                }) {
                    return i;
                }
            }
        }
        // cataphora: a later mention names them
        if let Some(later) = mentions[mi + 1..]
            .iter()
            .take(LOOKAHEAD_MENTIONS)
            .find(|o| {
                o.kind == MentionKind::Person
                    && o.name.is_some()
                    && (o.role_phrase == m.role_phrase || (o.role.is_some() && o.role == m.role))
                    && (m.country.is_none() || o.country.is_none() || o.country == m.country)
            })
        {
            let s = later
                .name
                .as_deref()
                .and_then(|n| n.split_whitespace().last())
                .map(|s| s.to_lowercase());
            if let Some(i) = recent_position(actors, |a| a.surname.is_some() && a.surname == s) {
                return i;
            }
            let mut a = new_person(doc, kb, later);
            a.mentions.clear();
            actors.push(a);
            return actors.len() - 1;
        }
        if let Some(i) = recent_rposition(actors, same_role) {
            return i;
        }
    }
    actors.push(new_person(doc, kb, m));
    actors.len() - 1
}

fn new_person(doc: &Doc, kb: &Kb, m: &Mention) -> Actor {
    let holder = m.holders.first().copied();
    let h = holder.map(|h| &kb.holders[h as usize]);
    let name = match (h, &m.name) {
        (Some(h), _) => h.name.clone(),
        (None, Some(n)) => title_case_repair(n),
        (None, None) => strip_determiner(m.text(doc)).to_string(),
    };
    let country = m.country.or_else(|| h.and_then(|h| h.country));
    let org = h
        .and_then(|h| h.org.clone())
        .or_else(|| m.org.map(|o| kb.orgs[o as usize].key.clone()));
    let sector = if m.former {
        Some(Sector::Cvl)
    } else {
        m.sector.or(h.map(|h| h.sector))
    };
    let role = m.role.clone().or_else(|| h.map(|h| h.role.clone()));
    let surname = m
        .name
        .as_deref()
        .and_then(|n| n.split_whitespace().last())
        .map(|s| s.to_lowercase());
    Actor {
        name,
        kind: ActorKind::Person,
        country,
        org,
        sector: if org_is_igo(&m.sector) {
            Some(Sector::Igo)
        } else {
            sector
        },
        role,
        role_phrase: m.role_phrase.clone(),
        holder,
        surname,
        mentions: Vec::new(),
    }
}

fn org_is_igo(s: &Option<Sector>) -> bool {
    *s == Some(Sector::Igo)
}

/// The sex of each actor where the text tells it: a person's given name
/// ("Angela Merkel"), a title or role word in one of their mentions or
/// their role ("Mrs Jones", "spokeswoman Maria Zakharova"). Signs that
/// disagree tell none.
pub fn actor_sexes(doc: &Doc, mentions: &[Mention], actors: &[Actor]) -> Vec<Option<Sex>> {
    let word_sex = |w: &str| {
        let w = w.trim_end_matches('.');
        if FEMALE_WORDS.contains(&w) {
            Some(Sex::Female)
        } else if MALE_WORDS.contains(&w) {
            Some(Sex::Male)
        } else {
            None
        }
    };
    let mut signs: Vec<(Option<Sex>, bool)> = vec![(None, false); actors.len()];
    let mut note = |a: usize, sex: Sex| {
        let (known, conflict) = &mut signs[a];
        match *known {
            Some(k) if k != sex => *conflict = true,
            _ => *known = Some(sex),
        }
    };
    for m in mentions {
        let Some(a) = m.actor.filter(|&a| actors[a].kind == ActorKind::Person) else {
            continue;
        };
        if matches!(m.kind, MentionKind::Pronoun(_)) {
            continue;
        }
        // the first given name of a name of two words or more tells it, if
        // it tells any ("Martin" alone may be a surname)
        let last = m.tokens.end - 1;
        let given = m
            .tokens
            .clone()
            .filter(|&t| t < last && doc.tokens[t].shape == Shape::Capitalized)
            .map(|t| herald_kb::fold_token(&doc.tokens[t].lower))
            .find(|w| herald_nlp::is_given_name(w));
        if let Some(sex) = given.and_then(|w| herald_nlp::given_name_sex(&w)) {
            note(a, sex);
        }
        for t in m.tokens.clone() {
            if let Some(sex) = word_sex(&doc.tokens[t].lower) {
                note(a, sex);
            }
        }
    }
    for (a, actor) in actors.iter().enumerate() {
        let role_words = actor.role_phrase.iter().flat_map(|r| r.split_whitespace());
        for w in role_words {
            if let Some(sex) = word_sex(&w.to_lowercase()) {
                note(a, sex);
            }
        }
    }
    signs
        .into_iter()
        .map(|(sex, conflict)| sex.filter(|_| !conflict))
        .collect()
}

/// The sex a third-person pronoun tells: "he", "his" or "she", "her".
pub fn pronoun_sex(lower: &str) -> Option<Sex> {
    match lower {
        "he" | "him" | "his" | "himself" => Some(Sex::Male),
        "she" | "her" | "hers" | "herself" => Some(Sex::Female),
        _ => None,
    }
}

/// Whether two sexes, either perhaps unknown, may be one person's.
pub fn sexes_agree(a: Option<Sex>, b: Option<Sex>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// Resolves pronouns to the nearest compatible actor before them ("she"
/// to no one known as a man); first-person pronouns inside a quote go to
/// its speaker (`speaker_at` gives it).
pub fn resolve_pronouns(
    doc: &Doc,
    mentions: &mut [Mention],
    actors: &mut [Actor],
    first_person: bool,
    speaker_at: impl Fn(usize) -> Option<usize>,
    quoted: impl Fn(usize) -> bool,
) {
    // first-person pronouns go to a quote's speaker: no sex is read for them
    let sexes = if first_person {
        vec![None; actors.len()]
    } else {
        actor_sexes(doc, mentions, actors)
    };
    for i in 0..mentions.len() {
        let MentionKind::Pronoun(p) = mentions[i].kind else {
            continue;
        };
        if (p == Pronoun::FirstPerson) != first_person || mentions[i].actor.is_some() {
            continue;
        }
        let sentence = mentions[i].sentence;
        // a pronoun in the narrative refers to someone the narrative named, not a quote
        let in_narrative = !quoted(mentions[i].span.start);
        let resolved = match p {
            Pronoun::FirstPerson => speaker_at(mentions[i].span.start),
            _ => {
                let sex = pronoun_sex(&doc.tokens[mentions[i].tokens.start].lower);
                let fits = |m: &Mention| {
                    m.actor
                        .filter(|&a| pronoun_fits(p, &actors[a]) && sexes_agree(sex, sexes[a]))
                };
                // "Iran said Israeli jets struck its embassy": a nationality
                // before a noun names no thing that "it" could be
                let nationality = |m: &Mention| p == Pronoun::Neuter && is_a_nationality(m);
                let usable =
                    |m: &&Mention| !(nationality(m) || in_narrative && quoted(m.span.start));
                antecedent(&mentions[..i], sentence, |m| {
                    Some(m).filter(usable).and_then(fits)
                })
            }
        };
        if let Some(a) = resolved {
            mentions[i].actor = Some(a);
            actors[a].mentions.push(i);
        }
    }
}

/// The antecedent pronoun mention `i` would have were actor `not` out of
/// the running (the subject of its own clause, which it cannot stand for):
/// the nearest named actor before it in its sentence that fits, else the
/// first of the nearest sentence before ([`antecedent`]).
pub fn antecedent_other_than(
    mentions: &[Mention],
    actors: &[Actor],
    i: usize,
    not: usize,
) -> Option<usize> {
    let MentionKind::Pronoun(p) = mentions[i].kind else {
        return None;
    };
    antecedent(&mentions[..i], mentions[i].sentence, |m| {
        m.actor.filter(|&a| {
            a != not && !matches!(m.kind, MentionKind::Pronoun(_)) && pronoun_fits(p, &actors[a])
        })
    })
}

/// The nearest of the mentions before a pronoun (in text order) that are in
/// its own `sentence` and that `fits` gives an actor.
fn nearest_in_own_sentence<T>(
    before: &[Mention],
    sentence: usize,
    fits: impl Fn(&Mention) -> Option<T>,
) -> Option<T> {
    let own = before.partition_point(|m| m.sentence < sentence);
    before[own..].iter().rev().find_map(fits)
}

/// Whether a third-person pronoun can stand for this actor.
fn pronoun_fits(p: Pronoun, actor: &Actor) -> bool {
    let kind = actor.kind;
    match p {
        Pronoun::Singular => kind == ActorKind::Person,
        Pronoun::Plural => matches!(
            kind,
            ActorKind::Group | ActorKind::State | ActorKind::Organization
        ),
        // "the army said it …": a group named by a singular collective noun
        Pronoun::Neuter => {
            matches!(kind, ActorKind::State | ActorKind::Organization)
                || kind == ActorKind::Group && !actor.name.ends_with('s')
        }
        // "the group" is no state's institution (a ministry, an army, police)
        Pronoun::Organisation => {
            kind == ActorKind::Organization
                && !matches!(
                    actor.sector,
                    Some(Sector::Gov | Sector::Mil | Sector::Cop | Sector::Leg | Sector::Jud)
                )
        }
        Pronoun::FirstPerson => false,
    }
}

/// What `fits` gives of the antecedent of a pronoun (or of "the country's")
/// in `sentence`, among the mentions before it
/// (in text order): in its own sentence the nearest that fits; else, in the
/// nearest of the three sentences before that has one, the first that fits,
/// which is most often the sentence's subject ("Kaseke confirmed it at the
/// Zimndaba conference. … he said" is Kaseke).
fn antecedent<T>(
    before: &[Mention],
    sentence: usize,
    fits: impl Fn(&Mention) -> Option<T>,
) -> Option<T> {
    if let Some(a) = nearest_in_own_sentence(before, sentence, &fits) {
        return Some(a);
    }
    let mut end = before.partition_point(|m| m.sentence < sentence);
    for back in 1..=3 {
        let Some(s) = sentence.checked_sub(back) else {
            break;
        };
        let start = before[..end].partition_point(|m| m.sentence < s);
        if let Some(a) = before[start..end].iter().find_map(&fits) {
            return Some(a);
        }
        end = start;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    /// The actor of a story named `name`, as "kind | country | its mentions".
    fn actor(text: &str, name: &str) -> String {
        let r = testing::record(text);
        let a = r.actors.iter().find(|a| a.name == name).expect(name);
        let mentions: Vec<&str> = a
            .mentions
            .iter()
            .map(|m| {
                r.entities
                    .iter()
                    .find(|e| &e.id == m)
                    .unwrap()
                    .text
                    .as_str()
            })
            .collect();
        let country = a.country.as_deref().unwrap_or("-");
        format!("{} | {country} | {}", a.kind, mentions.join(", "))
    }

    /// Each pronoun of a story with the name of the actor it is resolved to,
    /// as the coder resolves pronouns outside quotes.
    fn pronouns(text: &str) -> Vec<(String, String)> {
        let (doc, kb) = (testing::doc(text), testing::kb());
        let mut mentions = crate::mentions::find_mentions(&doc, kb, Some(20240516));
        let (places, focus) = crate::places::resolve_places(
            &doc,
            kb,
            &mut mentions,
            crate::places::StoryHints::default(),
            crate::place_rank::PlaceRanker::embedded(),
        );
        let mut actors = build_actors(
            &doc,
            kb,
            &mut mentions,
            focus,
            |m| m.place.map(|p| places[p].place),
            |p| places.get(p).map(|r| r.place),
            None,
        );
        resolve_pronouns(&doc, &mut mentions, &mut actors, false, |_| None, |_| false);
        mentions
            .iter()
            .filter(|m| matches!(m.kind, MentionKind::Pronoun(_)))
            .map(|m| {
                let to = m.actor.map_or("-".into(), |a| actors[a].name.clone());
                (m.text(&doc).to_string(), to)
            })
            .collect()
    }

    const KENYA: &str = "Kenya's parliament met in Nairobi on Monday.";

    #[test]
    fn a_nationality_before_the_name_gives_the_person_its_country() {
        let text = format!("{KENYA} French lawyer Jean Dupont met students in Mombasa.");
        assert_eq!(
            actor(&text, "Jean Dupont"),
            "person | FRA | French lawyer Jean Dupont"
        );
    }

    #[test]
    fn a_states_force_placed_abroad_keeps_its_country_and_a_people_takes_its_place() {
        let text = "Gunmen attacked Israeli troops in Gaza. Russian diplomats in Vienna met.";
        assert_eq!(
            actor(text, "Israeli troops"),
            "group | ISR | Israeli troops"
        );
        assert_eq!(
            actor(text, "Russian diplomats"),
            "group | RUS | Russian diplomats"
        );
        let text = "The Albanians of southern Serbia voted on Sunday.";
        assert_eq!(actor(text, "Albanians"), "group | SRB | Albanians");
    }

    #[test]
    fn a_company_is_coded_by_the_country_of_its_headquarters() {
        let text =
            format!("{KENYA} Deutsche Bank lent money to Air Zimbabwe and Ethiopian Airlines.");
        assert_eq!(
            actor(&text, "Deutsche Bank"),
            "organization | DEU | Deutsche Bank"
        );
        assert_eq!(
            actor(&text, "Air Zimbabwe"),
            "organization | ZWE | Air Zimbabwe"
        );
        assert_eq!(
            actor(&text, "Ethiopian Airlines"),
            "organization | ETH | Ethiopian Airlines"
        );
    }

    #[test]
    fn an_apposition_after_the_name_gives_the_person_its_country() {
        let text = format!("{KENYA} Jean Dupont, a French lawyer, met students in Mombasa.");
        assert_eq!(actor(&text, "Jean Dupont"), "person | FRA | Jean Dupont");
    }

    #[test]
    fn an_office_held_for_a_person_is_of_that_persons_country() {
        let text = "Vladimir Putin's spokesman criticised Hollywood producers on Monday.";
        assert_eq!(actor(text, "spokesman"), "person | RUS | spokesman");
    }

    #[test]
    fn a_law_is_named_and_no_actor() {
        let r =
            testing::record("The farm will be seized under the Expropriation Act, Judy Law said.");
        let names: Vec<&str> = r.actors.iter().map(|a| a.name.as_str()).collect();
        assert!(!names.contains(&"Expropriation Act"), "{names:?}");
        assert!(names.contains(&"Judy Law"), "{names:?}");
    }

    #[test]
    fn a_foreign_bodys_acronym_in_a_story_that_never_names_its_country_means_something_else() {
        let r = testing::record(
            "CCTV footage shows the men attacked a shop in London, Detective Rob Jones said.",
        );
        let countries: Vec<_> = r.actors.iter().map(|a| a.country.as_deref()).collect();
        assert!(!countries.contains(&Some("CHN")), "{:#?}", r.actors);
        // where the story names the country, the acronym is its body
        let text = "CCTV reported that the leader visited Shanghai on Monday.";
        assert_eq!(
            actor(text, "China Central Television"),
            "organization | CHN | CCTV"
        );
    }

    #[test]
    fn a_bare_congress_in_a_story_about_another_country_is_that_countrys() {
        let us = ("United States Congress", "organization | USA | Congress");
        for (text, (name, want)) in [
            (
                "Chile's president vetoed a bill that Congress passed to raise pensions.",
                ("Congress", "organization | CHL | Congress"),
            ),
            // in a story about the United States, or one that names it, the knowledge base's
            ("The US president urged Congress to approve the bill.", us),
            (
                "Chile's president asked Washington and Congress for support.",
                us,
            ),
        ] {
            assert_eq!(actor(text, name), want, "{text}");
        }
    }

    #[test]
    fn an_office_of_one_country_is_that_countrys_wherever_it_acts() {
        // not the country of the place the sentence names
        let text = "The Pope called for a ceasefire in Gaza on Sunday.";
        assert_eq!(actor(text, "Pope"), "person | VAT | Pope");
        let text = "The pontiff called for a ceasefire in Gaza on Sunday.";
        assert_eq!(actor(text, "pontiff"), "person | VAT | pontiff");
        let text = "The Taoiseach met the British prime minister in London.";
        assert_eq!(actor(text, "Taoiseach"), "person | IRL | Taoiseach");
    }

    #[test]
    fn the_countrys_office_is_of_the_country_named_before() {
        // the first country of the sentence before, not the last one named
        let text = "Iran's president visited Russia last week. The country's foreign minister later met his Russian counterpart.";
        assert_eq!(
            actor(text, "foreign minister"),
            "person | IRN | foreign minister"
        );
        // "its" before an office: the state named before, not the one after
        let text = "The Philippines protested to Beijing. Its defence secretary accused China of aggression.";
        assert_eq!(
            actor(text, "defence secretary"),
            "person | PHL | defence secretary"
        );
        // an island country is "the island" ("the kingdom", "the republic")
        let text = "The Taiwanese government said Chinese warships had entered its waters. The island's defence minister accused Beijing of intimidation.";
        assert_eq!(
            actor(text, "defence minister"),
            "person | TWN | defence minister"
        );
    }

    #[test]
    fn the_junta_is_of_the_state_named_before_it_not_of_the_party_after_it() {
        let text = "France recalled its ambassador from Niger after the military junta ordered him to leave.";
        assert_eq!(
            actor(text, "military junta"),
            "group | NER | military junta"
        );
        // the last sentence's subject, though the story names France more
        let text = "Niger's military government ordered French troops to leave. The junta said the French presence was illegal and French bases must close.";
        assert_eq!(actor(text, "junta"), "group | NER | junta");
        // an attribution after the clause speaks for its subject
        let text = "China rejected a US proposal to resume military talks, the foreign ministry spokesman said.";
        assert_eq!(
            actor(text, "foreign ministry spokesman"),
            "person | CHN | foreign ministry spokesman"
        );
    }

    #[test]
    fn the_rebels_are_the_armed_group_named_before() {
        let text = "The Houthis attacked a cargo ship in the Red Sea. The rebels said the vessel was linked to Israel.";
        assert_eq!(
            actor(text, "Houthis"),
            "organization | YEM | Houthis, rebels"
        );
        // with none named, the rebels are a group of their own
        let text = "Rebels attacked a cargo ship in the Red Sea. The rebels said the vessel was linked to Israel.";
        assert!(actor(text, "Rebels").starts_with("group |"));
    }

    #[test]
    fn a_capital_ending_a_clubs_name_is_no_actor() {
        let r = testing::record(
            "Ronaldo missed the ceremony in Paris as Real Madrid had traveled to Japan on Monday.",
        );
        assert!(
            r.actors.iter().all(|a| a.country.as_deref() != Some("ESP")),
            "{:#?}",
            r.actors
        );
        assert!(
            r.events
                .iter()
                .all(|e| e.kind != herald_core::EventType::Consult),
            "{:#?}",
            r.events
        );
    }

    #[test]
    fn a_country_is_known_by_its_common_short_names() {
        // kb/countries.tsv aliases: "T&T" is Trinidad and Tobago, not a word of a US name
        let text = "The T&T mission in Washington objected to the plan on Monday.";
        assert_eq!(actor(text, "Trinidad and Tobago"), "state | TTO | T&T");
    }

    #[test]
    fn a_person_nothing_places_is_of_the_story_country() {
        let text = format!("{KENYA} Jean Dupont met students in Mombasa.");
        assert_eq!(actor(&text, "Jean Dupont"), "person | KEN | Jean Dupont");
    }

    #[test]
    fn police_are_placed_in_the_story_country() {
        let text = "President William Ruto spoke in Nairobi on Monday. \
                    Police arrested three protesters.";
        assert_eq!(actor(text, "Police"), "group | KEN | Police");
    }

    #[test]
    fn a_border_named_for_a_country_does_not_give_its_country_to_those_there() {
        let text = "Burmese troops attacked rebels near the Thai border on Monday.";
        assert_eq!(actor(text, "rebels"), "group | MMR | rebels");
        let text = "Syrian troops shelled militants on Turkey's frontier.";
        assert_eq!(actor(text, "militants"), "group | SYR | militants");
        let text =
            "Greek officials said gunmen attacked a post near Albania's border with Macedonia.";
        assert_eq!(actor(text, "gunmen"), "group | GRC | gunmen");
        // a country named as where it happens still places them
        let text = "Burmese troops attacked rebels in Thailand on Monday.";
        assert_eq!(actor(text, "rebels"), "group | THA | rebels");
    }

    #[test]
    fn a_state_organ_named_by_the_alone_is_not_of_the_party_it_acts_on() {
        let text = format!(
            "{KENYA} Fuel prices rose sharply this week. \
             The foreign ministry protested to Uganda over the remarks."
        );
        assert_eq!(
            actor(&text, "foreign ministry"),
            "group | KEN | foreign ministry"
        );
    }

    #[test]
    fn people_named_after_the_town_acted_on_are_of_its_country_not_the_doers() {
        let text = "Russian forces shelled the city of Kharkiv overnight, killing three civilians.";
        assert_eq!(actor(text, "civilians"), "group | UKR | civilians");
        let text = "Israeli air strikes on Rafah killed at least 40 people on Sunday.";
        assert_eq!(actor(text, "people"), "group | PSE | people");
        // named before any town, they keep the sentence's first country
        let text = "Russian soldiers shelled the city of Kharkiv overnight.";
        assert_eq!(
            actor(text, "Russian soldiers"),
            "group | RUS | Russian soldiers"
        );
    }

    #[test]
    fn police_acting_in_a_named_place_take_its_country() {
        let text = "President William Ruto spoke in Nairobi on Monday. \
                    Police arrested three men in Lagos.";
        assert_eq!(actor(text, "Police"), "group | NGA | Police");
    }

    #[test]
    fn a_capital_that_acts_stands_for_its_government() {
        let r = testing::record("Moscow rejected the offer on Monday.");
        let a = &r.actors[0];
        assert_eq!(
            (a.name.as_str(), a.kind.as_str(), a.country.as_deref()),
            ("Russia", "state", Some("RUS"))
        );
        assert_eq!(a.sector, Some(Sector::Gov));
    }

    #[test]
    fn an_acronym_in_brackets_joins_the_organisation_before_it() {
        assert_eq!(
            actor(
                "The National Union of Mineworkers (NUM) called a strike.",
                "National Union of Mineworkers"
            ),
            "organization | ZAF | National Union of Mineworkers, NUM"
        );
    }

    #[test]
    fn a_pronoun_is_the_person_named_before_it() {
        assert_eq!(
            pronouns("Jean Dupont arrived on Monday. He met the students."),
            [("He".to_string(), "Jean Dupont".to_string())]
        );
    }

    #[test]
    fn she_or_he_stands_for_no_one_the_text_tells_is_of_the_other_sex() {
        // a given name tells it
        assert_eq!(
            pronouns("Emmanuel Macron met Angela Merkel in Berlin. Later she praised the plan."),
            [("she".to_string(), "Angela Merkel".to_string())]
        );
        // so does a title
        assert_eq!(
            pronouns("Mr Jones met Alex Smith in Leeds. Later she praised the plan."),
            [("she".to_string(), "Alex Smith".to_string())]
        );
        // a surname alone tells nothing, though it may be a given name
        assert_eq!(
            pronouns("John Smith met Martin in Leeds. Later she praised the plan."),
            [("she".to_string(), "Martin".to_string())]
        );
        // of the same sex, the first of the sentence before, as before
        assert_eq!(
            pronouns("Emmanuel Macron met Olaf Scholz in Berlin. Later he praised the plan."),
            [("he".to_string(), "Emmanuel Macron".to_string())]
        );
    }

    #[test]
    fn a_pronoun_takes_the_nearest_actor_of_its_kind() {
        assert_eq!(
            pronouns("The students met Jean Dupont on Monday. They thanked him."),
            [
                ("They".to_string(), "students".to_string()),
                ("him".to_string(), "Jean Dupont".to_string())
            ]
        );
    }

    #[test]
    fn it_never_stands_for_a_nationality_before_a_noun() {
        assert_eq!(
            pronouns(
                "The Philippine coast guard said Chinese vessels fired water cannon at its boats."
            ),
            [("its".to_string(), "Philippine Coast Guard".to_string())]
        );
        // nor does "its" before an office or a mission
        let text = "Iran said Israeli jets struck its embassy in Damascus.";
        assert_eq!(actor(text, "embassy"), "group | IRN | embassy");
    }

    #[test]
    fn it_stands_for_a_group_named_by_a_singular_noun_not_a_plural_one() {
        assert_eq!(
            pronouns("The Nigerian military said its air strikes killed dozens of bandits."),
            [("its".to_string(), "Nigerian military".to_string())]
        );
        assert_eq!(
            pronouns("Israeli troops said it was unclear who fired first."),
            [("it".to_string(), "-".to_string())]
        );
    }

    #[test]
    fn a_pronoun_after_its_sentence_goes_to_the_subject_before_it() {
        // the nearest person before "she" is Paul Brandt, but the sentence is about Jane Okafor
        assert_eq!(
            pronouns("Jane Okafor spoke after meeting Paul Brandt in Lagos. She said the road would open."),
            [("She".to_string(), "Jane Okafor".to_string())]
        );
        // within its own sentence the nearest person still wins
        assert_eq!(
            pronouns("Jane Okafor thanked Paul Brandt after he signed."),
            [("he".to_string(), "Paul Brandt".to_string())]
        );
    }

    #[test]
    fn the_bare_office_is_the_person_named_with_it_before() {
        let r = testing::record(
            "Foreign Minister Ana Lopez met the envoy. \"We agree,\" the minister said.",
        );
        let lopez = r.actors.iter().find(|a| a.name == "Ana Lopez").unwrap();
        assert_eq!(r.actors.iter().filter(|a| a.kind == "person").count(), 2); // Lopez, the envoy
        assert_eq!(r.quotes[0].speaker.as_deref(), Some(lopez.id.as_str()));
    }

    #[test]
    fn a_counterpart_is_of_the_country_named_with_it_else_of_none() {
        assert_eq!(
            actor(
                "Shoukry met his Qatari counterpart in Cairo.",
                "Qatari counterpart"
            ),
            "person | QAT | Qatari counterpart"
        );
        // not of the story's country: a counterpart is of the other side
        assert_eq!(
            actor(
                "Bangladesh urged the counterpart to sign the agreement.",
                "counterpart"
            ),
            "person | - | counterpart"
        );
    }

    #[test]
    fn the_general_is_the_officer_named_before() {
        let r = testing::record(
            "Sudanese army chief Abdel Fattah al-Burhan rejected the plan. \
             \"There will be no talks,\" the general said.",
        );
        let burhan = r
            .actors
            .iter()
            .find(|a| a.name == "Abdel Fattah al-Burhan")
            .unwrap();
        assert_eq!(r.quotes[0].speaker.as_deref(), Some(burhan.id.as_str()));
    }

    #[test]
    fn a_rank_written_out_is_the_officer_named_with_it() {
        // "lieutenant" is the rank "Lt." abbreviates; "added" is a speech verb
        let r = testing::record(
            "Lt. Omar Reyes said the men fled. \"It was over,\" the police lieutenant added.",
        );
        let reyes = r.actors.iter().find(|a| a.name == "Omar Reyes").unwrap();
        assert_eq!(
            r.quotes.last().unwrap().speaker.as_deref(),
            Some(reyes.id.as_str())
        );
    }

    #[test]
    fn a_capital_ending_a_longer_name_is_no_government() {
        let governments = |text: &str| -> Vec<String> {
            let r = testing::record(text);
            r.actors
                .iter()
                .filter(|a| a.kind == "state" && a.sector == Some(Sector::Gov))
                .map(|a| a.name.clone())
                .collect()
        };
        assert!(governments("Fans cheered as Real Madrid won the cup.").is_empty());
        assert_eq!(
            governments("Officials said Madrid rejected the plan."),
            ["Spain"]
        );
    }
}
