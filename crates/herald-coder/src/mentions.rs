//! Mentions: knowledge-base names plus patterns (title + name, demonym +
//! role, possessives, organization shapes, unknown capitalised names), and
//! pronouns kept for coreference.

use herald_core::{Doc, EntityType, Sector, Shape, Span};
use herald_kb::words::{
    BACKING_PARTICIPLES, BARE_ROLE_PREPOSITIONS, COMPASS_WORDS, COUNTY_OFFICES, DIVISION_WORDS,
    DOCUMENT_HEADS, FACILITY_HEADS, GEO_HEADS, GIVEN_NAMES_OF_PLACES, GOVERNMENT_NOUNS, LANGUAGES,
    MONTHS_AND_DAYS, NAME_JOINERS, OFFICES_KNOWN_BY_SURNAME, ORGANISATION_ANAPHORS, ORG_HEADS,
    PERSON_TITLES, PLACE_NAME_LOWER_WORDS, REGION_ADJECTIVES, RESIDENT_NOUNS, ROAD_WORDS,
    SPEECH_AFTER_NAME, STOP, STORM_WORDS, STREET_HEADS,
};
use herald_kb::{Entry, Kb, PlaceKind};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// What kind of thing a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    Person,
    Org,
    /// A country or its government (name, capital used as actor, metonym, demonym as adjective).
    State,
    /// A collective coded by role: "Turkish police", "protesters".
    Group,
    /// A place that is not a country.
    Place,
    Pronoun(Pronoun),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pronoun {
    /// he, she, him, his, her
    Singular,
    /// they, them, their
    Plural,
    /// it, its
    Neuter,
    /// I, me, my, we, us, our: resolved to a quote's speaker
    FirstPerson,
    /// "the group", "the movement": an organisation named before
    Organisation,
}

#[derive(Debug, Clone)]
pub struct Mention {
    pub span: Span,
    pub tokens: Range<usize>,
    pub sentence: usize,
    pub kind: MentionKind,
    /// SCHEMA entity type: PERSON, ORG, GPE, LOC, NORP, FAC.
    pub entity_type: EntityType,
    pub country: Option<&'static str>,
    pub org: Option<u32>,
    pub sector: Option<Sector>,
    pub role: Option<String>,
    pub role_phrase: Option<String>,
    /// Office-holder rows whose names match.
    pub holders: Vec<u32>,
    /// The proper-name part, for persons ("Antony blinken").
    pub name: Option<String>,
    /// Place candidates for toponyms.
    pub places: Vec<u32>,
    /// The mention is a country name (its place is the country's).
    pub country_entry: Option<u32>,
    /// A country named inside the mention by a demonym or name ("Israeli soldiers"), a toponym too.
    pub toponym: Option<u32>,
    /// Where that country or place is written inside a longer mention
    /// ("Georgia" in "Georgia authorities").
    pub toponym_tokens: Option<Range<usize>>,
    /// Set by the actor stage.
    pub actor: Option<usize>,
    /// Set by the place stage.
    pub place: Option<usize>,
    /// "former Marine": the person no longer holds the role.
    pub former: bool,
    /// Set by the place stage: the gazetteer's only readings were small towns
    /// abroad that nothing else in the story supports, set aside (a place the
    /// gazetteer lacks, as "Heathrow" in a London story is no Florida town).
    pub namesake_abroad: bool,
}

impl Mention {
    /// "in Geneva", "at the capital": a place or state written where
    /// something happens, a location rather than a party to it.
    pub fn names_a_location(&self, doc: &Doc) -> bool {
        matches!(self.kind, MentionKind::Place | MentionKind::State)
            && crate::places::is_located(doc, self.tokens.start)
    }

    /// "near the Thai border", "on Syria's frontier", "Macedonia's border
    /// with Bulgaria": a country named for its edge, which lies as much in
    /// the country beside it, so it says nothing of the country of those
    /// who act there.
    pub fn names_a_border(&self, doc: &Doc) -> bool {
        let is_border = |i: usize| {
            doc.tokens.get(i).is_some_and(|t| {
                matches!(
                    t.lower.as_str(),
                    "border" | "borders" | "frontier" | "frontiers" | "boundary"
                )
            })
        };
        let end = self.tokens.end;
        let after = end + usize::from(doc.tokens.get(end).is_some_and(|t| t.is_possessive()));
        let start = self.tokens.start;
        let with_before =
            start >= 2 && matches!(doc.tokens[start - 1].lower.as_str(), "with" | "between");
        is_border(after) || (with_before && is_border(start - 2))
    }

    /// An organization whose name holds the name of a town or a state
    /// ("Paris Walmart", "Los Angeles Police Department"): its place is
    /// where its name says, not where things happen nor what a story is about.
    pub fn holds_a_place_in_its_name(&self) -> bool {
        self.kind == MentionKind::Org
            && self.toponym.is_none()
            && self.country_entry.is_none()
            && self.toponym_tokens.is_some()
            && !self.places.is_empty()
    }

    /// The country the mention names, or else that of its first candidate place.
    pub fn country_or_first_place(&self, kb: &Kb) -> Option<&'static str> {
        self.country.or_else(|| {
            self.places
                .first()
                .and_then(|&p| kb.places[p as usize].country)
        })
    }

    pub(crate) fn new(
        doc: &Doc,
        tokens: Range<usize>,
        sentence: usize,
        kind: MentionKind,
        entity_type: EntityType,
    ) -> Mention {
        let span = Span::new(
            doc.tokens[tokens.start].span.start,
            doc.tokens[tokens.end - 1].span.end,
        );
        Mention {
            span,
            tokens,
            sentence,
            kind,
            entity_type,
            country: None,
            org: None,
            sector: None,
            role: None,
            role_phrase: None,
            holders: Vec::new(),
            name: None,
            places: Vec::new(),
            country_entry: None,
            toponym: None,
            toponym_tokens: None,
            actor: None,
            place: None,
            former: false,
            namesake_abroad: false,
        }
    }
    pub fn text<'a>(&self, doc: &'a Doc) -> &'a str {
        self.span.slice(&doc.text)
    }
}

/// Whether a lowercase word is a personal pronoun as an object ("attacked
/// him", "told them"): someone acted on or spoken to.
pub(crate) fn is_object_pronoun(lower: &str) -> bool {
    matches!(lower, "him" | "her" | "them" | "us" | "me" | "you")
}

fn pronoun(lower: &str) -> Option<Pronoun> {
    Some(match lower {
        "he" | "him" | "his" | "she" | "her" | "hers" | "himself" | "herself" => Pronoun::Singular,
        "they" | "them" | "their" | "themselves" => Pronoun::Plural,
        "it" | "its" | "itself" => Pronoun::Neuter,
        "i" | "me" | "my" | "we" | "us" | "our" | "myself" | "ourselves" => Pronoun::FirstPerson,
        _ => return None,
    })
}

/// The mentions of each sentence as a range of indexes: mentions are in
/// text order, so each sentence's mentions stand together.
pub fn by_sentence(doc: &Doc, mentions: &[Mention]) -> Vec<Range<usize>> {
    (0..doc.sentences.len())
        .map(|s| {
            mentions.partition_point(|m| m.sentence < s)
                ..mentions.partition_point(|m| m.sentence <= s)
        })
        .collect()
}

/// Whether the text is written without case (all lower or all upper), in
/// which case capitalisation cannot mark names.
pub fn case_blind(doc: &Doc) -> bool {
    let mut upper = 0usize;
    let mut lower = 0usize;
    for c in doc.text.chars() {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    let letters = upper + lower;
    letters > 20 && (upper * 50 < letters || lower * 50 < letters)
}

#[derive(Debug, Clone)]
struct Atom {
    tokens: Range<usize>,
    entries: Vec<Entry>,
}

fn is_capitalised(doc: &Doc, i: usize, blind: bool) -> bool {
    blind || matches!(doc.tokens[i].shape, Shape::Capitalized | Shape::Upper)
}

/// Towns of at least this many people name one side of a hyphenated pair.
const PAIR_TOWN_POPULATION: u64 = 100_000;

/// Whether two words joined by a hyphen, the first capitalised, are a
/// name and another word: "Russia-Ukraine war", "Fargo-Moorhead",
/// "Arab-Israeli conflict", "a Cypriot-flagged ship". A capitalised one
/// (either, when both are) must be a country, a people, a state or a large
/// town, and no compass or common word ("East-West relations"); the pair
/// must be no name of the knowledge base ("Guinea-Bissau", "Winston-Salem")
/// and the first word no given name ("Jean-Bertrand"). The tokenizer asks
/// this to cut such words in two.
pub fn two_names(kb: &Kb, left: &str, right: &str) -> bool {
    let known = |word: &str| {
        let lower = word.to_lowercase();
        // "East-West relations": a compass word or a common word names no side
        if COMPASS_WORDS.contains(&lower.as_str()) || herald_nlp::is_common_word(&lower) {
            return false;
        }
        kb.names.get(word).iter().any(|hit| match hit.entry {
            Entry::Country(_) | Entry::Demonym(_) => hit.exact.as_deref().is_none_or(|e| e == word),
            Entry::Place(p) => {
                let place = &kb.places[p as usize];
                matches!(place.kind, PlaceKind::Country | PlaceKind::Admin1)
                    || (place.kind == PlaceKind::City && place.population >= PAIR_TOWN_POPULATION)
            }
            _ => false,
        })
    };
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    if !kb.names.get(&format!("{left}-{right}")).is_empty()
        || herald_nlp::is_given_name(&left.to_lowercase())
    {
        return false;
    }
    // a lower-case word before the hyphen is left whole: "anti-Syria",
    // "non-Russians" name no actor of that country
    match (capitalised(left), capitalised(right)) {
        (true, true) => known(left) || known(right),
        (true, false) => known(left),
        (false, _) => false,
    }
}

/// Finds the mentions of a document, in text order.
pub fn find_mentions(doc: &Doc, kb: &Kb, published: Option<u32>) -> Vec<Mention> {
    let blind = case_blind(doc);
    let mut atoms = known_names(doc, kb, blind);
    let filter = NameFilter::new(doc, kb, blind, &atoms);
    atoms.retain(|a| filter.keep(a));
    for a in atoms.iter_mut() {
        if filter.persons_surname_here(a) {
            a.entries.retain(|e| !matches!(e, Entry::Place(_)));
        }
    }
    atoms.retain(|a| !a.entries.is_empty());
    // "Chad Walker": one person's name of no known entry, where the two words stood
    let persons: Vec<Range<usize>> = atoms
        .iter()
        .filter(|a| filter.given_name_before_a_surname(a))
        .map(|a| a.tokens.start..a.tokens.end + 1)
        .collect();
    if !persons.is_empty() {
        atoms.retain(|a| {
            !persons
                .iter()
                .any(|p| a.tokens.start < p.end && p.start < a.tokens.end)
        });
        atoms.extend(persons.into_iter().map(|tokens| Atom {
            tokens,
            entries: Vec::new(),
        }));
    }
    let mut names = Names::longest_first(doc, atoms);
    let mut geo_features: Vec<Range<usize>> = Vec::new();
    if !blind {
        geo_features = names.add_geo_features(doc);
        names.merge_weak_words_into_names(doc, kb);
        names.add_unknown_names(doc, kb);
    }
    let mut chosen = names.chosen;
    chosen.sort_by_key(|a| a.tokens.start);
    let mut out = compose(doc, kb, &chosen, published, blind);
    geo_features.sort_by_key(|r| (r.start, r.end));
    for m in out.iter_mut() {
        if geo_features
            .binary_search_by_key(&(m.tokens.start, m.tokens.end), |r| (r.start, r.end))
            .is_ok()
        {
            m.kind = MentionKind::Place;
            m.entity_type = EntityType::Loc;
            m.name = None;
        }
        if m.kind == MentionKind::Org && m.toponym_tokens.is_none() && !blind {
            name_place_inside(doc, kb, m);
        }
    }
    if !blind {
        short_names_of_organizations(doc, kb, &mut out);
        acronyms_defined_in_text(doc, kb, &mut out);
        attach_place_qualifiers(doc, &mut out);
        attach_lowercase_division(doc, &mut out);
        drop_languages(doc, &mut out);
        drop_storm_names(doc, &mut out);
        counties_named_in_a_list(doc, kb, &mut out);
        party_homes_are_places(doc, kb, &mut out);
        party_members_homes(doc, kb, &mut out);
        nationalities_sharing_a_role(doc, &mut out);
    }
    lone_surnames_need_support(doc, kb, &mut out);
    if !blind {
        places_listed_with_places(doc, kb, &mut out);
        counties_by_their_short_names(doc, kb, &mut out);
        persons_by_one_of_their_names(doc, kb, &mut out);
        place_led_names_of_no_person(doc, kb, &mut out);
        the_other_half_of_a_divided_country(doc, kb, &mut out);
    }
    out
}

/// "South Korea accused the North", "Juba … the North": "the North" or
/// "the South" alone stands for the half of a divided country the story
/// does not name that way: "North Korea" beside "South Korea", "Sudan"
/// beside "South Sudan", "South Sudan" beside "Sudan".
fn the_other_half_of_a_divided_country(doc: &Doc, kb: &Kb, mentions: &mut [Mention]) {
    // by name, demonym or capital ("Seoul said the North …")
    let named: Vec<u32> = mentions
        .iter()
        .filter_map(|m| {
            let capital = || m.places.iter().find_map(|&p| kb.capital_of(p));
            m.country_entry.or(m.toponym).or_else(capital)
        })
        .collect();
    let country_named = |text: &str, not: u32| {
        kb.names.get(text).iter().find_map(|h| match h.entry {
            Entry::Country(c) if c != not && h.exact.as_deref().is_none_or(|e| e == text) => {
                Some(c)
            }
            _ => None,
        })
    };
    for m in mentions.iter_mut() {
        let t = m.tokens.start;
        let word = match doc.tokens[t].lower.as_str() {
            "north" => "North",
            "south" => "South",
            _ => continue,
        };
        let half = m.tokens.len() == 1
            && m.country_entry.is_none()
            && doc.tokens[t].shape == Shape::Capitalized
            && doc.lower_before(t) == "the";
        if !half {
            continue;
        }
        let other = named.iter().find_map(|&c| {
            let name = kb.countries[c as usize].name;
            let rest = name
                .strip_prefix("North ")
                .or_else(|| name.strip_prefix("South "));
            let (rest, halved) = rest.map_or((name, false), |r| (r, true));
            country_named(&format!("{word} {rest}"), c)
                .or_else(|| halved.then(|| country_named(rest, c)).flatten())
        });
        if let Some(c) = other {
            *m = Mention::new(
                doc,
                m.tokens.clone(),
                m.sentence,
                MentionKind::State,
                EntityType::Gpe,
            );
            m.country = Some(kb.countries[c as usize].iso3);
            m.country_entry = Some(c);
        }
    }
}

/// "says Conrad Rijnhout … According to Conrad", "Darryl Keith Warden …
/// Warden's home": a lone word that is a person's surname (of one whose name
/// opens with a given name or follows a title), or that is the first or last
/// word of a person the story names in full and speaks (before or after a
/// verb of speech, after "according to"), is that person, not a town of that
/// name; unless a preposition of place stands before it ("crews in
/// Hutchinson responded"), it is listed with places, or it names a state, a
/// country or a city of note ("Washington said").
fn persons_by_one_of_their_names(doc: &Doc, kb: &Kb, mentions: &mut [Mention]) {
    // each word: the first person it names, and whether it is the surname of
    // one whose name opens with a given name or follows a title ("Rev. Roy Jones")
    let mut persons: HashMap<&str, (usize, bool)> = HashMap::new();
    for (k, m) in mentions.iter().enumerate() {
        if m.kind == MentionKind::Person && m.tokens.len() >= 2 && m.name.is_some() {
            let first = m.tokens.start;
            // "Roy Jones", "the Rev. Roy Jones", "Mr. Jones"
            let titled = |t: usize| PERSON_TITLES.contains(&doc.tokens[t].lower.as_str());
            let named_as_a_person = (first..m.tokens.end - 1)
                .any(|t| herald_nlp::is_given_name(&doc.tokens[t].lower) || titled(t))
                || PERSON_TITLES.contains(&doc.lower_before(first))
                || m.role_phrase.is_some();
            let last = m.tokens.end - 1;
            let surname_like = !ends_a_name_of_a_thing(doc, last);
            for (t, surname) in [(first, false), (last, named_as_a_person && surname_like)] {
                if doc.tokens[t].shape == Shape::Capitalized {
                    persons.entry(doc.token_text(t)).or_insert((k, false)).1 |= surname;
                }
            }
        }
    }
    if persons.is_empty() {
        return;
    }
    // "Dodge City, Great Bend, Hutchinson, Kingman": a list of places
    let listed_with_places: HashSet<usize> = lists_of_names(doc, mentions)
        .into_iter()
        .filter(|run| {
            let places = run
                .clone()
                .filter(|&i| mentions[i].kind == MentionKind::Place);
            places.count() >= 2
        })
        .flatten()
        .collect();
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (k, m) in mentions.iter().enumerate() {
        if m.kind != MentionKind::Place
            || m.tokens.len() != 1
            || m.country_entry.is_some()
            || listed_with_places.contains(&k)
        {
            continue;
        }
        let Some(&(person, surname)) = persons.get(doc.token_text(m.tokens.start)) else {
            continue;
        };
        let notable = names_a_place_of_note(kb, m);
        let t = m.tokens.start;
        // "went to Warden's home": a possessor after the preposition is no location
        let possessor = doc.tokens.get(t + 1).is_some_and(|w| {
            let bare = matches!(w.lower.as_str(), "'" | "’") && doc.tokens[t].lower.ends_with('s');
            w.is_possessive() || bare
        });
        let located = herald_kb::words::LOCATIVE.contains(&doc.lower_before(t)) && !possessor;
        let speaker = according_to(doc, t) || (!located && (surname || speaks_at(doc, t)));
        if !notable && speaker {
            found.push((k, person));
        }
    }
    for (k, person) in found {
        let (tokens, span, sentence) = {
            let m = &mentions[k];
            (m.tokens.clone(), m.span, m.sentence)
        };
        mentions[k] = Mention {
            tokens,
            span,
            sentence,
            ..mentions[person].clone()
        };
    }
}

/// Whether the name at token `t` speaks before or after a verb of speech:
/// "Conrad continues", "…," says Conrad".
fn speaks_at(doc: &Doc, t: usize) -> bool {
    let speech = |k: usize| {
        doc.tokens
            .get(k)
            .is_some_and(|w| herald_kb::words::SPEECH_VERBS.contains(&w.lemma.as_str()))
    };
    let said_before = t >= 2 && speech(t - 1) && doc.tokens[t - 2].shape == Shape::Punct;
    speech(t + 1) || said_before
}

/// The dashes a dateline's place is written before ("WINONA --").
pub(crate) const DASHES: [&str; 4] = ["--", "—", "-", "–"];

/// Whether the name at `tokens` opens its sentence and one of `marks`
/// follows it: a dateline ("WINONA --", "WASHINGTON —").
pub(crate) fn opens_its_sentence_before(doc: &Doc, tokens: Range<usize>, marks: &[&str]) -> bool {
    doc.sentences[doc.sentence_of(tokens.start)].tokens.start == tokens.start
        && doc
            .tokens
            .get(tokens.end)
            .is_some_and(|t| marks.contains(&t.lower.as_str()))
}

/// Whether "according to" stands before token `t`.
fn according_to(doc: &Doc, t: usize) -> bool {
    t >= 2 && according_to_at(doc, t - 2)
}

/// Whether "according to" is written at token `i`.
pub(crate) fn according_to_at(doc: &Doc, i: usize) -> bool {
    doc.tokens.get(i).is_some_and(|t| t.lower == "according")
        && doc.tokens.get(i + 1).is_some_and(|t| t.lower == "to")
}

/// A state, a country or a city of note among a mention's places: it keeps
/// its own name before a person's or an organization's of that word
/// ("Texas", "Paris", "Washington said").
fn names_a_place_of_note(kb: &Kb, m: &Mention) -> bool {
    m.places.iter().any(|&p| {
        let pl = &kb.places[p as usize];
        pl.kind != PlaceKind::City || pl.population >= 100_000
    })
}

/// "Dublin Art Stroll", "Lincoln Day Dinner", "Paris PD": a longer name
/// that opens with a name the story also writes alone as a place and ends
/// in a common word or letters, with no given name, role or title of a
/// person, is a body or a thing of that place, no person ("Tyler Kivel",
/// "Paris Walmart" stay persons: a word like a surname may end one).
fn place_led_names_of_no_person(doc: &Doc, kb: &Kb, mentions: &mut [Mention]) {
    let places: HashSet<&str> = mentions
        .iter()
        .filter(|m| {
            m.kind == MentionKind::Place && !m.places.is_empty() && m.toponym_tokens.is_none()
        })
        .map(|m| m.text(doc))
        .collect();
    if places.is_empty() {
        return;
    }
    for m in mentions.iter_mut() {
        let n = m.tokens.len();
        if m.kind != MentionKind::Person
            || n < 2
            || m.role_phrase.is_some()
            || !m.holders.is_empty()
        {
            continue;
        }
        let personal = |t: usize| {
            let w = doc.tokens[t].lower.as_str();
            herald_nlp::is_given_name(w)
                || PERSON_TITLES.contains(&w)
                || kb
                    .names
                    .get(doc.token_text(t))
                    .iter()
                    .any(|h| matches!(h.entry, Entry::Role(_)))
        };
        let Some(k) = (1..n.min(4))
            .rev()
            .find(|&k| places.contains(span_text(doc, &(m.tokens.start..m.tokens.start + k))))
        else {
            continue;
        };
        let rest = m.tokens.start + k..m.tokens.end;
        if rest.clone().any(personal) || !ends_a_name_of_a_thing(doc, m.tokens.end - 1) {
            continue;
        }
        m.kind = MentionKind::Org;
        m.entity_type = EntityType::Org;
        m.name = None;
        m.sector = None;
        m.country = None;
        name_place_inside(doc, kb, m);
    }
}

/// Whether the word at token `t` ends a name as a thing's name ends, not
/// in a surname: a common word ("Art Stroll", "Sods Wilderness"), a word that
/// ends names of bodies, places or documents, or letters ("Paris PD").
fn ends_a_name_of_a_thing(doc: &Doc, t: usize) -> bool {
    let w = &doc.tokens[t];
    let heads = [
        ORG_HEADS,
        FACILITY_HEADS,
        STREET_HEADS,
        GEO_HEADS,
        DOCUMENT_HEADS,
    ];
    herald_nlp::is_common_word(&w.lower)
        || heads.iter().any(|h| h.contains(&w.lower.as_str()))
        || (w.shape == Shape::Upper && w.lower.len() >= 2)
}

/// Countries of fewer people than this (summed over the gazetteer's towns)
/// have leaders whose surnames alone need the story's support.
const WELL_KNOWN_COUNTRY_PEOPLE: u64 = 5_000_000;

/// A surname alone ("Carvalho said") names an office holder only where the
/// story also names that holder in full or names the holder's country: a
/// foreign president's surname in a story that never mentions the country
/// is someone else's (a Miami schools chief, not São Tomé's president).
/// A holder of a populous country is known by the surname alone ("Putin
/// met Xi"), unless that surname is also a given name or a word ("Kim",
/// "Green").
fn lone_surnames_need_support(doc: &Doc, kb: &Kb, mentions: &mut [Mention]) {
    let is_person = |m: &Mention| m.kind == MentionKind::Person;
    let named_in_full: HashSet<u32> = mentions
        .iter()
        .filter(|m| is_person(m) && m.tokens.len() > 1)
        .flat_map(|m| m.holders.iter().copied())
        .collect();
    // the leaders known by surname alone ("Putin met Xi"), by mention
    let leaders: Vec<Vec<u32>> = mentions
        .iter()
        .map(|m| {
            let alone = is_person(m) && m.tokens.len() == 1 && surname_names_one(doc, m);
            m.holders
                .iter()
                .copied()
                .filter(|&h| alone && known_by_surname(doc, kb, m, h))
                .collect()
        })
        .collect();
    // the countries the story names, and those of the holders it names
    // ("Putin ... Lavrov said": Lavrov is Russia's)
    let holders_countries = named_in_full
        .iter()
        .chain(leaders.iter().flatten())
        .filter_map(|&h| kb.holders[h as usize].country);
    let countries: HashSet<&str> = mentions
        .iter()
        .filter(|m| !is_person(m))
        .flat_map(|m| {
            let places = m
                .places
                .iter()
                .filter_map(|&p| kb.places[p as usize].country);
            m.country.into_iter().chain(places)
        })
        .chain(holders_countries)
        .collect();
    for (m, leaders) in mentions.iter_mut().zip(&leaders) {
        if !is_person(m) || m.tokens.len() != 1 || m.holders.is_empty() {
            continue;
        }
        m.holders.retain(|&h| {
            let country = kb.holders[h as usize].country;
            named_in_full.contains(&h)
                || country.is_some_and(|c| countries.contains(c))
                || leaders.contains(&h)
        });
    }
}

/// Whether a surname alone (mention `m`) may name one person: no given
/// name or word ("Kim"), and opening no longer name ("Green Party").
fn surname_names_one(doc: &Doc, m: &Mention) -> bool {
    let lower = doc.tokens[m.tokens.start].lower.as_str();
    let names_many = herald_nlp::is_given_name(lower) || herald_nlp::is_common_word(lower);
    let opens_a_name = doc
        .tokens
        .get(m.tokens.end)
        .is_some_and(|t| t.shape == Shape::Capitalized);
    !names_many && !opens_a_name
}

/// Whether a surname alone (mention `m`, [`surname_names_one`]) names
/// holder `h` with no support in the story: a holder of a populous country
/// and, unless a head of state or government ([`OFFICES_KNOWN_BY_SURNAME`]),
/// by a surname no town shares: "Blinken visited Kyiv", but "Walker, a
/// neighbor," is no foreign minister of Chile.
fn known_by_surname(doc: &Doc, kb: &Kb, m: &Mention, h: u32) -> bool {
    let holder = &kb.holders[h as usize];
    let leader = OFFICES_KNOWN_BY_SURNAME
        .iter()
        .any(|office| office.eq_ignore_ascii_case(&holder.role));
    // a minister's surname that a town shares names many people ("Walker", "Green")
    let a_towns_name = || {
        kb.names
            .get(doc.token_text(m.tokens.start))
            .iter()
            .any(|hit| matches!(hit.entry, Entry::Place(_)))
    };
    (leader || !a_towns_name())
        && holder
            .country
            .is_some_and(|c| country_people(kb, c) >= WELL_KNOWN_COUNTRY_PEOPLE)
}

/// The people of a country, as the gazetteer counts them (its towns summed).
fn country_people(kb: &Kb, iso3: &str) -> u64 {
    kb.country_index(iso3)
        .map_or(0, |i| kb.places[kb.country_place(i) as usize].population)
}

/// The plural division words that close a list of names, and the word
/// each name then takes: "Barrow, Jackson and Madison counties".
const LIST_DIVISIONS: [(&str, &str); 2] = [("counties", "County"), ("parishes", "Parish")];

/// "Barrow, Jackson and Madison counties", "Eastland and Callahan counties":
/// each name of a list that a plural division word closes is that division
/// ("Jackson County"), not the town of its name, nor a person's surname.
/// Names the gazetteer holds as such a division take those candidates
/// alone, as places; the others are left.
fn counties_named_in_a_list(doc: &Doc, kb: &Kb, mentions: &mut [Mention]) {
    for run in lists_of_names(doc, mentions) {
        let (i, j) = (run.start, run.end - 1);
        let closing = doc
            .tokens
            .get(mentions[j].tokens.end)
            .filter(|_| doc.sentence_of(mentions[j].tokens.end) == mentions[j].sentence)
            .and_then(|t| LIST_DIVISIONS.iter().find(|(w, _)| t.lower == *w));
        if let Some((_, head)) = closing {
            for m in mentions[i..=j]
                .iter_mut()
                .filter(|m| !matches!(m.kind, MentionKind::Pronoun(_)))
            {
                let divisions: Vec<u32> =
                    crate::places::counties_named(kb, m.text(doc), head).collect();
                if divisions.is_empty() {
                    continue;
                }
                // "Otter Tail, Swift and Wilkin counties": whatever the name
                // alone seemed (a surname, an unknown name), here it is a county
                read_as_place(doc, m, divisions);
            }
        }
    }
}

/// The runs of mentions joined by commas, "and", "or" ("Hutchinson, Pratt
/// and Wichita"), each as a range of mention indices; a mention no word
/// joins to another is a run of its own.
fn lists_of_names(doc: &Doc, mentions: &[Mention]) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < mentions.len() {
        let mut j = i;
        while let Some(next) = mentions.get(j + 1) {
            let between = mentions[j].tokens.end..next.tokens.start;
            let joined = !between.is_empty()
                && between
                    .clone()
                    .all(|t| matches!(doc.tokens[t].lower.as_str(), "," | "and" | "or" | "&"));
            if !joined {
                break;
            }
            j += 1;
        }
        runs.push(i..j + 1);
        i = j + 1;
    }
    runs
}

/// "Hutchinson, Kingman, Larned, Pratt and West Wichita": a one-word name
/// that read as someone nobody knows or a surname of no head of state or
/// government ("Pratt"), listed only with two or more places the gazetteer
/// holds, is a place too where the gazetteer has one of its name.
fn places_listed_with_places(doc: &Doc, kb: &Kb, mentions: &mut [Mention]) {
    let known_place = |m: &Mention| {
        matches!(m.kind, MentionKind::Place | MentionKind::State)
            && (!m.places.is_empty() || m.country_entry.is_some())
    };
    // a leader known by surname ("Obama, Paris and Berlin") stays a person
    let leader = |h: &u32| {
        OFFICES_KNOWN_BY_SURNAME
            .iter()
            .any(|office| office.eq_ignore_ascii_case(&kb.holders[*h as usize].role))
    };
    let unknown_person = |m: &Mention| {
        m.kind == MentionKind::Person
            && m.tokens.len() == 1
            && !m.holders.iter().any(leader)
            && m.role.is_none()
            // "Eastern and Southern Europe": a compass word is no town here
            && !COMPASS_WORDS.contains(&doc.tokens[m.tokens.start].lower.as_str())
            && doc.tokens[m.tokens.start].shape == Shape::Capitalized
    };
    for run in lists_of_names(doc, mentions) {
        let listed = &mentions[run.clone()];
        let places = listed.iter().filter(|m| known_place(m)).count();
        let persons = listed.iter().filter(|m| unknown_person(m)).count();
        if places < 2 || places + persons != run.len() {
            continue;
        }
        for m in mentions[run].iter_mut().filter(|m| unknown_person(m)) {
            let towns = places_named(kb, m.text(doc));
            if !towns.is_empty() {
                read_as_place(doc, m, towns);
            }
        }
    }
}

/// The gazetteer's places of exactly this name.
fn places_named(kb: &Kb, name: &str) -> Vec<u32> {
    let mut places: Vec<u32> = kb
        .names
        .get(name)
        .iter()
        .filter_map(|h| match h.entry {
            Entry::Place(p) => Some(p),
            _ => None,
        })
        .collect();
    places.sort_unstable();
    places.dedup();
    places
}

/// "DuPage Sheriff", "Henrico police", "Pointe Coupee teen": whether the
/// name at `tokens` is a county's (or parish's) without its division word,
/// right before an office or people of a county ([`COUNTY_OFFICES`],
/// [`RESIDENT_NOUNS`]).
fn county_before_its_office(doc: &Doc, kb: &Kb, tokens: Range<usize>) -> bool {
    before_a_county_office(doc, &tokens)
        && !crate::places::counties_by_short_name(kb, span_text(doc, &tokens)).is_empty()
}

/// Whether an office or people of a county follow the name at `tokens`.
fn before_a_county_office(doc: &Doc, tokens: &Range<usize>) -> bool {
    doc.tokens.get(tokens.end).is_some_and(|t| {
        let w = t.lower.as_str();
        COUNTY_OFFICES.contains(&w) || RESIDENT_NOUNS.contains(&w)
    })
}

/// The text of a run of tokens.
fn span_text<'d>(doc: &'d Doc, tokens: &Range<usize>) -> &'d str {
    Span::new(
        doc.tokens[tokens.start].span.start,
        doc.tokens[tokens.end - 1].span.end,
    )
    .slice(&doc.text)
}

/// A name read as someone nobody knows that is a county's without its
/// division word, before a county's office or people ("Henrico police"),
/// where the words around place it ("the Sarpy area"), or where the story
/// also names it with its division word ("Oconee County … Clarke and
/// Oconee"), is that county.
fn counties_by_their_short_names(doc: &Doc, kb: &Kb, mentions: &mut [Mention]) {
    let written_whole: HashSet<String> = mentions
        .iter()
        .filter(|m| m.tokens.len() >= 2)
        .filter(|m| {
            let last = doc.token_text(m.tokens.end - 1);
            crate::places::COUNTY_HEADS
                .iter()
                .any(|h| h.eq_ignore_ascii_case(last))
        })
        .map(|m| span_text(doc, &(m.tokens.start..m.tokens.end - 1)).to_string())
        .collect();
    for m in mentions.iter_mut() {
        let unknown = m.kind == MentionKind::Person
            && m.tokens.len() <= 2
            && m.holders.is_empty()
            && m.role.is_none()
            && m.org.is_none()
            && m.places.is_empty();
        let placed = before_a_county_office(doc, &m.tokens)
            || placed_by_the_words_around(doc, m.tokens.clone())
            || written_whole.contains(m.text(doc));
        if !(unknown && placed) {
            continue;
        }
        let counties = crate::places::counties_by_short_name(kb, m.text(doc));
        if !counties.is_empty() {
            read_as_place(doc, m, counties);
        }
    }
}

/// "Russian and Ukrainian officials", "US and South Korean forces": a
/// nationality or country joined by "and" to a group named by nationality
/// and role shares that role, as a group of its own country; it is no state.
fn nationalities_sharing_a_role(doc: &Doc, mentions: &mut [Mention]) {
    for i in 1..mentions.len() {
        let (before, rest) = mentions.split_at_mut(i);
        let (a, b) = (&mut before[i - 1], &rest[0]);
        let joined = a.tokens.end + 1 == b.tokens.start && doc.tokens[a.tokens.end].lower == "and";
        let nationality = a.kind == MentionKind::State
            && a.tokens.len() <= 2
            && a.org.is_none()
            && (a.toponym.is_some() || a.country_entry.is_some());
        let group_by_nationality = b.kind == MentionKind::Group
            && b.role_phrase.is_some()
            && b.toponym.is_some()
            && b.org.is_none();
        if !(joined && nationality && group_by_nationality) {
            continue;
        }
        let own = a.toponym.or(a.country_entry);
        let (tokens, span, country) = (a.tokens.clone(), a.span, a.country);
        *a = b.clone();
        a.tokens = tokens.clone();
        a.span = span;
        a.country = country;
        a.toponym = own;
        a.toponym_tokens = Some(tokens);
        a.places.clear();
    }
}

/// Words for a party's member, capitalised after the member's home.
const PARTY_MEMBERS: [&str; 4] = ["democrat", "democrats", "republican", "republicans"];

/// "Chris Dodd, a Connecticut Democrat", "a Kettering Republican": a known
/// place's name before a party member's word is the member's home, a place,
/// and the two words are no person's name.
fn party_members_homes(doc: &Doc, kb: &Kb, mentions: &mut [Mention]) {
    for m in mentions.iter_mut() {
        let last = m.tokens.end.saturating_sub(1);
        if m.tokens.len() < 2
            || !matches!(m.kind, MentionKind::Person | MentionKind::Place)
            || !capitalised_in(doc, last, &PARTY_MEMBERS)
        {
            continue;
        }
        let home = Mention::new(
            doc,
            m.tokens.start..last,
            m.sentence,
            MentionKind::Place,
            EntityType::Gpe,
        );
        let places = places_named(kb, home.text(doc));
        if !places.is_empty() {
            *m = home;
            m.places = places;
        }
    }
}

/// Makes mention `m` a place with these candidates; a mention that read
/// as something else (a person, an unknown name) is read afresh.
fn read_as_place(doc: &Doc, m: &mut Mention, places: Vec<u32>) {
    if m.kind != MentionKind::Place {
        *m = Mention::new(
            doc,
            m.tokens.clone(),
            m.sentence,
            MentionKind::Place,
            EntityType::Gpe,
        );
    }
    m.places = places;
}

/// Party letters before a hyphen and a legislator's home: "D-Braxton".
const PARTY_LETTERS: [&str; 4] = ["d", "r", "i", "dfl"];

/// "Brent Boggs, D-Braxton,", "(R-Raleigh)": the name after a party's
/// letter and a hyphen is the legislator's home (a state, county or town),
/// not a person; the letter names no one. Its candidates are the places and
/// the counties of that name.
fn party_homes_are_places(doc: &Doc, kb: &Kb, mentions: &mut Vec<Mention>) {
    let word = |t: usize| doc.tokens[t].lower.as_str();
    let party_at = |t: usize| {
        t >= 1
            && PARTY_LETTERS.contains(&word(t))
            && doc.tokens[t].shape != Shape::Lower
            && matches!(word(t - 1), "," | "(")
    };
    let mut letters: Vec<usize> = Vec::new();
    for m in mentions.iter_mut() {
        let t = m.tokens.start;
        let home = t >= 3 && word(t - 1) == "-" && party_at(t - 2);
        if !home {
            continue;
        }
        letters.push(t - 2);
        if matches!(m.kind, MentionKind::Place | MentionKind::State) {
            continue; // "D-Calif."
        }
        let name = m.text(doc);
        let mut places = places_named(kb, name);
        places.extend(places_named(kb, &format!("{name} County")));
        places.sort_unstable();
        places.dedup();
        read_as_place(doc, m, places);
    }
    mentions.retain(|m| !(m.tokens.len() == 1 && letters.contains(&m.tokens.start)));
}

/// "published in English and Swahili", "said in Arabic on Monday": a
/// language named after "in", and the languages joined to it, names no
/// place, person or people. Not "in Turkish custody": a word after it that
/// is no function word makes it a modifier.
fn drop_languages(doc: &Doc, mentions: &mut Vec<Mention>) {
    let mut language_ends: Vec<usize> = Vec::new();
    mentions.retain(|m| {
        let t = m.tokens.start;
        let lone_language = m.tokens.len() == 1
            && m.country_entry.is_none()
            && LANGUAGES.contains(&doc.tokens[t].lower.as_str());
        let before = doc.lower_before(t);
        let introduced = matches!(before, "in" | "into")
            || (matches!(before, "and" | "or" | ",")
                && language_ends.last().is_some_and(|&end| end + 1 == t));
        // "in Turkish custody", "in Russian-American art"
        let modifier = doc.tokens.get(t + 1).is_some_and(|n| {
            (n.shape == Shape::Lower && !LANGUAGE_FOLLOWERS.contains(&n.lower.as_str()))
                || n.lower == "-"
        });
        if lone_language && introduced && !modifier {
            language_ends.push(t + 1);
            return false;
        }
        true
    });
}

/// "Hurricane Helene", "Cyclone Mocha": the name after a capitalised storm
/// word (`kb/words.tsv` `storm_words`) is a storm's, no person or place.
fn drop_storm_names(doc: &Doc, mentions: &mut Vec<Mention>) {
    // not inside a longer name ("Six Flags Hurricane Harbor")
    let storm_word = |t: usize| {
        doc.tokens[t].shape == Shape::Capitalized
            && STORM_WORDS.contains(&doc.tokens[t].lower.as_str())
            && (t == 0 || doc.tokens[t - 1].shape != Shape::Capitalized)
    };
    mentions.retain(|m| {
        let t = m.tokens.start;
        // (a name opening with the word is a place's: "Storm Lake", Iowa)
        !(t > 0 && storm_word(t - 1) && doc.sentence_of(t - 1) == m.sentence)
    });
}

/// Nouns for kinds of settlement that "of" and a name follow ("the village
/// of Xinmo"): the name is a place.
const SETTLEMENT_NOUNS: &[&str] = &[
    "village",
    "town",
    "city",
    "hamlet",
    "township",
    "suburb",
    "port",
    "settlement",
];

/// Words that may follow a language named after "in" ("in English and …").
const LANGUAGE_FOLLOWERS: &[&str] = &[
    "and", "or", "but", "on", "to", "with", "by", "for", "from", "at", "as", "in", "of", "about",
    "only", "instead",
];

/// "Maoxian county", "Puge county": wire copy writes the division word after
/// a place the gazetteer lacks in lower case. It belongs to the name, which
/// then says what kind of place it is (see `places::unlisted_places`).
/// A known place keeps its name alone ("Sichuan province" is Sichuan).
fn attach_lowercase_division(doc: &Doc, mentions: &mut [Mention]) {
    for i in 0..mentions.len() {
        let (start, end) = (mentions[i].tokens.start, mentions[i].tokens.end);
        let m = &mentions[i];
        let unknown_place = m.kind == MentionKind::Place
            && m.places.is_empty()
            && m.country_entry.is_none()
            && m.toponym.is_none()
            && m.toponym_tokens.is_none();
        // not "state": "a Qorvelan state senator" is a modifier
        let division = doc.tokens.get(end).is_some_and(|t| {
            t.shape == Shape::Lower
                && t.lower != "state"
                && DIVISION_WORDS.contains(&t.lower.as_str())
        }) && doc.sentence_of(end) == doc.sentence_of(start)
            && mentions.get(i + 1).is_none_or(|n| n.tokens.start > end);
        if unknown_place && division {
            let m = &mut mentions[i];
            m.tokens = start..end + 1;
            m.span = Span::new(m.span.start, doc.tokens[end].span.end);
        }
    }
}

/// Whether token `t` is a capitalised word of `list`.
fn capitalised_in(doc: &Doc, t: usize, list: &[&str]) -> bool {
    doc.tokens
        .get(t)
        .is_some_and(|tok| tok.shape == Shape::Capitalized && list.contains(&tok.lower.as_str()))
}

/// Whether token `t` is a capitalised division word ("Province", "State")
/// of sentence `sentence`.
fn division_word_at(doc: &Doc, t: usize, sentence: usize) -> bool {
    capitalised_in(doc, t, DIVISION_WORDS) && doc.sentence_of(t) == sentence
}

/// "the Lindsay area", "a Tennessee Colony man": whether the words around
/// the name at `tokens` make it a place.
fn placed_by_the_words_around(doc: &Doc, tokens: Range<usize>) -> bool {
    let next = doc.tokens.get(tokens.end);
    let area_after = next.is_some_and(|t| t.lower == "area" && t.shape == Shape::Lower);
    let resident_after = next.is_some_and(|t| RESIDENT_NOUNS.contains(&t.lower.as_str()))
        && matches!(doc.lower_before(tokens.start), "a" | "an");
    area_after || resident_after
}

/// "the village of Xinmo", "the town of Qorvelo": whether the name at token
/// `start` follows a kind of settlement and "of", and so names a place.
pub(crate) fn named_as_settlement(doc: &Doc, start: usize) -> bool {
    doc.lower_before(start) == "of"
        && SETTLEMENT_NOUNS.contains(&doc.lower_before(start.saturating_sub(1)))
}

/// "Interstate 64", "Highway 1": whether `tokens` are a road word and its number.
pub(crate) fn is_numbered_road(doc: &Doc, tokens: &Range<usize>) -> bool {
    numbered_road_at(doc, tokens, tokens.start) == Some(tokens.clone())
}

/// "North London", "Western Canada", "Oaxaca State": a capitalised compass
/// word right before a known place's name, or a capitalised division word
/// right after it, belongs to that name. The mention takes the word in (its
/// toponym stays the name alone, which is what resolves), and a division
/// word is then no mention of its own.
fn attach_place_qualifiers(doc: &Doc, mentions: &mut Vec<Mention>) {
    let known_place = |m: &Mention| {
        m.country_entry.is_some() || (m.kind == MentionKind::Place && !m.places.is_empty())
    };
    // the word at token `t` is free to join a name: no mention holds it, or
    // only a one-word mention of its own that the knowledge base does not
    // know, or knows only as a town ("West Wichita" is no town West beside Wichita)
    let free = |t: usize, near: Option<&Mention>| match near {
        Some(n) if n.tokens.contains(&t) => {
            let compass_town = n.kind == MentionKind::Place
                && COMPASS_WORDS.contains(&doc.tokens[t].lower.as_str());
            n.tokens.len() == 1
                && (n.places.is_empty() || compass_town)
                && n.country_entry.is_none()
                && n.org.is_none()
        }
        _ => true,
    };
    let mut absorbed = vec![false; mentions.len()];
    for i in 0..mentions.len() {
        if !known_place(&mentions[i]) || mentions[i].toponym_tokens.is_some() {
            continue;
        }
        let (start, end) = (mentions[i].tokens.start, mentions[i].tokens.end);
        let mut tokens = start..end;
        let next = mentions.get(i + 1);
        if division_word_at(doc, end, doc.sentence_of(start)) && free(end, next) {
            tokens.end = end + 1;
            if next.is_some_and(|n| n.tokens.start == end) {
                absorbed[i + 1] = true;
            }
        }
        let prev = i.checked_sub(1).map(|j| &mentions[j]);
        if start > 0
            && doc.sentence_of(start - 1) == doc.sentence_of(start)
            && capitalised_in(doc, start - 1, COMPASS_WORDS)
            && free(start - 1, prev)
        {
            tokens.start = start - 1;
            if prev.is_some_and(|p| p.tokens.end == start) {
                absorbed[i - 1] = true;
            }
        }
        if tokens != (start..end) {
            let m = &mut mentions[i];
            m.toponym_tokens = Some(start..end);
            m.span = Span::new(
                doc.tokens[tokens.start].span.start,
                doc.tokens[tokens.end - 1].span.end,
            );
            m.tokens = tokens;
        }
    }
    let mut k = 0;
    mentions.retain(|_| {
        k += 1;
        !absorbed[k - 1]
    });
}

/// "500 B.C.", "AD 79": an era beside a year, no name (nor British Columbia).
fn is_era(doc: &Doc, i: usize) -> bool {
    let number = |k: usize| doc.tokens.get(k).is_some_and(|t| t.shape == Shape::Number);
    match doc.token_text(i) {
        "B.C." | "BC" | "BCE" | "A.D." => i > 0 && number(i - 1),
        "AD" => (i > 0 && number(i - 1)) || number(i + 1),
        _ => false,
    }
}

/// "the trans-Pacific Partnership (TPP)": an acronym that the article
/// defines in parentheses after a name stands for that name here. A known
/// name gives its reading to the acronym's mentions. An unknown one takes
/// the knowledge base's entry for the letters when that entry's name starts
/// with the same word ("International Labor Office (ILO)"); else the
/// letters read as the name, or, where no mention names it, are dropped
/// (not the Taiwan People's Party).
fn acronyms_defined_in_text(doc: &Doc, kb: &Kb, mentions: &mut Vec<Mention>) {
    // each acronym and the reading its mentions take (none: dropped)
    let mut defined: Vec<(&str, Option<Mention>)> = Vec::new();
    for i in 1..doc.tokens.len().saturating_sub(2) {
        if doc.token_text(i) != "(" || doc.token_text(i + 2) != ")" {
            continue;
        }
        let letters = doc.token_text(i + 1);
        if letters.len() < 2
            || !letters.chars().all(|c| c.is_ascii_uppercase())
            || defined.iter().any(|(l, _)| *l == letters)
        {
            continue;
        }
        let Some(start) = spelled_by(doc, i, letters) else {
            continue;
        };
        let first_word = doc.token_text(start);
        let name = mentions
            .iter()
            .position(|m| m.tokens.end == i && m.tokens.start >= start);
        let known = |m: &Mention| m.org.is_some() || m.country_entry.is_some();
        let entry_fits = |m: &Mention| {
            m.span.slice(&doc.text) == letters
                && m.org.is_some_and(|o| {
                    let entry = &kb.orgs[o as usize].name;
                    entry
                        .split(' ')
                        .next()
                        .is_some_and(|w| w.eq_ignore_ascii_case(first_word))
                })
        };
        let reading = match name {
            Some(k) if known(&mentions[k]) => Some(mentions[k].clone()),
            _ => match mentions.iter().find(|m| entry_fits(m)).cloned() {
                Some(entry) => {
                    if let Some(k) = name {
                        take_reading(&mut mentions[k], &entry);
                    }
                    Some(entry)
                }
                None => name.map(|k| mentions[k].clone()),
            },
        };
        defined.push((letters, reading));
    }
    mentions.retain_mut(|m| {
        let text = m.span.slice(&doc.text);
        match defined.iter().find(|(l, _)| *l == text) {
            None => true,
            Some((_, None)) => false,
            Some((_, Some(reading))) => {
                take_reading(m, reading);
                true
            }
        }
    });
}

/// Mention `m` reads as `other`, keeping its own place in the text.
fn take_reading(m: &mut Mention, other: &Mention) {
    let (span, tokens, sentence) = (m.span, m.tokens.clone(), m.sentence);
    *m = Mention {
        span,
        tokens,
        sentence,
        toponym_tokens: None,
        ..other.clone()
    };
}

/// Where the words before token `paren` start whose initials spell
/// `letters` ("World Trade Organization", "trans-Pacific Partnership"),
/// passing over small words ("of", "the", "and"); none if they do not.
fn spelled_by(doc: &Doc, paren: usize, letters: &str) -> Option<usize> {
    let want: Vec<char> = letters.chars().rev().collect();
    let mut k = 0;
    let mut i = paren;
    while k < want.len() && i > 0 && paren - i < 10 {
        i -= 1;
        let word = doc.token_text(i);
        if matches!(word, "of" | "the" | "and" | "for" | "on" | "&" | "de") {
            continue;
        }
        // a hyphened word gives each part's initial, last part first
        for part in word.rsplit('-') {
            let initial = part.chars().next()?.to_ascii_uppercase();
            if k < want.len() && initial == want[k] {
                k += 1;
            } else {
                return None;
            }
        }
    }
    (k == want.len()).then_some(i)
}

/// The knowledge-base names of the text whose case fits: proper names must
/// start capitalised; role nouns may not.
fn known_names(doc: &Doc, kb: &Kb, blind: bool) -> Vec<Atom> {
    let mut atoms: Vec<Atom> = Vec::new();
    for m in kb.names.find(doc) {
        let entries: Vec<Entry> = m
            .hits
            .iter()
            .map(|h| h.entry)
            .filter(|e| match e {
                Entry::Role(_) => true,
                // "a Ukrainian village" is no "Ukrainian Village": a place's
                // name is capitalised but for its joining words
                Entry::Place(_) if !blind && !later_words_capitalised(doc, m.start..m.end) => false,
                _ => {
                    is_capitalised(doc, m.start, blind)
                        || doc.tokens[m.start].lower.starts_with("al-")
                }
            })
            .collect();
        if !entries.is_empty() {
            atoms.push(Atom {
                tokens: m.start..m.end,
                entries,
            });
        }
    }
    atoms
}

/// Whether the words of a name after its first are capitalised, but for
/// joining words and short words (`place_name_lower_words`: "Bosnia and Herzegovina",
/// "Stratford-upon-Avon", "Rio de Janeiro", "Isle of Man").
fn later_words_capitalised(doc: &Doc, name: Range<usize>) -> bool {
    name.skip(1).all(|t| {
        let tok = &doc.tokens[t];
        tok.shape != Shape::Lower
            || NAME_JOINERS.contains(&tok.lower.as_str())
            || PLACE_NAME_LOWER_WORDS.contains(&tok.lower.as_str())
    })
}

/// Whether the tokens from `end` give a person's age, as news writes it
/// after a name: ", 26," or ", 26." ("Fisher, 26, was charged"). A town is
/// followed by a distance or a year, not by a bare number under 120.
fn aged(doc: &Doc, end: usize) -> bool {
    let t = |i: usize| doc.tokens.get(end + i).map(|t| t.lower.as_str());
    t(0) == Some(",")
        && t(1).is_some_and(|n| n.parse::<u16>().is_ok_and(|age| age < 120))
        && matches!(t(2), Some("," | "." | ";" | ")"))
}

/// The lowercase words of a name, joined by spaces.
fn words_of(doc: &Doc, a: &Atom) -> String {
    let words: Vec<&str> = a
        .tokens
        .clone()
        .map(|t| doc.tokens[t].lower.as_str())
        .collect();
    words.join(" ")
}

/// Whether every entry of a name is a place or a surname: a name that
/// may be a common word or a person's as well.
fn is_weak(a: &Atom) -> bool {
    a.entries
        .iter()
        .all(|e| matches!(e, Entry::Place(_) | Entry::Surname(_)))
}

/// What decides whether a known name stands for what the knowledge base
/// says: where states and countries are named, the names the story places
/// somewhere, and the towns' names it uses as surnames.
struct NameFilter<'a> {
    doc: &'a Doc,
    kb: &'a Kb,
    blind: bool,
    state_or_country_starts: Vec<bool>,
    /// a name the story places once ("in Winona", "WINONA --") is a place throughout
    placed: HashSet<&'a str>,
    /// towns' names written after a given name or a title ("Matt Turner")
    surnames: HashSet<&'a str>,
    /// any capitalised word written after a given name ("Arlene Boon"): "the
    /// Boons" are her family, not the town once called so
    family_names: HashSet<&'a str>,
    /// the tokens where a lone town's name or surname starts ([`is_weak`])
    weak_word_starts: Vec<bool>,
    /// names of towns known only by their post office that the story firmly locates once
    firmly_placed: HashSet<&'a str>,
    /// post offices' names of several words written after a given name ("Jana Van Voorhis")
    long_surnames: HashSet<String>,
}

impl<'a> NameFilter<'a> {
    fn new(doc: &'a Doc, kb: &'a Kb, blind: bool, atoms: &[Atom]) -> Self {
        let mut state_or_country_starts = vec![false; doc.tokens.len() + 1];
        let mut weak_word_starts = vec![false; doc.tokens.len() + 1];
        for b in atoms {
            weak_word_starts[b.tokens.start] |= b.tokens.len() == 1 && is_weak(b);
            let big = b.entries.iter().any(|e| match e {
                Entry::Country(_) => true,
                Entry::Place(p) => kb.places[*p as usize].kind == PlaceKind::Admin1,
                _ => false,
            });
            state_or_country_starts[b.tokens.start] |= big;
        }
        let mut filter = NameFilter {
            doc,
            kb,
            blind,
            state_or_country_starts,
            placed: HashSet::new(),
            surnames: HashSet::new(),
            family_names: (1..doc.tokens.len())
                .filter(|&i| {
                    doc.tokens[i].shape == Shape::Capitalized
                        && herald_nlp::is_given_name(&doc.tokens[i - 1].lower)
                        && doc.tokens[i - 1].shape == Shape::Capitalized
                })
                .map(|i| doc.tokens[i].lower.as_str())
                .collect(),
            weak_word_starts,
            firmly_placed: HashSet::new(),
            long_surnames: HashSet::new(),
        };
        let placed = atoms
            .iter()
            .filter(|a| {
                filter.needs_place_context(a)
                    && filter.located(a.tokens.start)
                    && (a.tokens.start == 0 || !opens_sentence(doc, a.tokens.start))
            })
            .map(|a| doc.tokens[a.tokens.start].lower.as_str())
            .collect();
        let surnames = atoms
            .iter()
            .filter(|a| is_weak(a) && a.tokens.len() == 1 && filter.surname_here(a))
            .map(|a| doc.tokens[a.tokens.start].lower.as_str())
            .collect();
        let firmly_placed = atoms
            .iter()
            .filter(|a| filter.post_office_as_a_name(a) && filter.firmly_located(a.tokens.start))
            .map(|a| doc.tokens[a.tokens.start].lower.as_str())
            .collect();
        let long_surnames = atoms
            .iter()
            .filter(|a| {
                a.tokens.len() > 1
                    && filter.after_first_name(a.tokens.start)
                    && filter.post_office_only(a)
            })
            .map(|a| words_of(doc, a))
            .collect();
        filter.placed = placed;
        filter.surnames = surnames;
        filter.firmly_placed = firmly_placed;
        filter.long_surnames = long_surnames;
        filter
    }

    /// A common word or given name ("David", "Linda") is no small town or
    /// surname when it opens a sentence ("Surprise meeting…") or stands inside
    /// a longer capitalised name ("City Council"); elsewhere it needs a
    /// place's context ("in Mobile", "Hope, Ark."). So does a town known
    /// only by its post office, named in one word or after a given name
    /// ("Fithian", "Kit Carson").
    fn needs_place_context(&self, a: &Atom) -> bool {
        let kb = self.kb;
        let lower = self.doc.tokens[a.tokens.start].lower.as_str();
        let given_name = herald_nlp::is_given_name(lower)
            && a.entries.iter().all(
                |e| matches!(e, Entry::Place(p) if kb.places[*p as usize].population < 100_000),
            );
        is_weak(a)
            && ((a.tokens.len() == 1 && (herald_nlp::is_common_word(lower) || given_name))
                || self.post_office_as_a_name(a))
    }

    /// Whether the name is only that of towns known by their post office
    /// (and perhaps a holder's surname).
    fn post_office_only(&self, a: &Atom) -> bool {
        let kb = self.kb;
        let post_office =
            |e: &Entry| matches!(e, Entry::Place(p) if kb.places[*p as usize].post_office_only());
        a.entries.iter().any(post_office)
            && a.entries
                .iter()
                .all(|e| post_office(e) || matches!(e, Entry::Surname(_)))
    }

    /// A post office's name ([`Self::post_office_only`]) in one word or
    /// after a given name: as often a person's name ("Carter", "Fithian",
    /// "Kit Carson").
    fn post_office_as_a_name(&self, a: &Atom) -> bool {
        (a.tokens.len() == 1 || herald_nlp::is_given_name(&self.doc.tokens[a.tokens.start].lower))
            && self.post_office_only(a)
    }

    /// Where a town known only by its post office may be read as one: "in",
    /// "near", "from" or "outside" before it, or "of" after a name, a number
    /// or a comma ("Troop 208 of Coleridge", "Watson, 30, of Ten Mile"), and
    /// no possessive after it; a state or country after a comma; a
    /// dateline. "the investigation of Weems", "at Carter's" name people.
    fn firmly_located(&self, i: usize) -> bool {
        let doc = self.doc;
        let possessive = doc
            .tokens
            .get(i + 1)
            .is_some_and(|t| matches!(t.lower.as_str(), "'s" | "’s" | "'" | "’"));
        let of_after_a_name = i >= 2 && doc.tokens[i - 1].lower == "of" && {
            let before = &doc.tokens[i - 2];
            before.lower == "," || before.shape != Shape::Lower
        };
        let preposition = i > 0
            && (of_after_a_name
                || matches!(
                    doc.tokens[i - 1].lower.as_str(),
                    "in" | "near" | "from" | "outside"
                ));
        (preposition && !possessive) || self.headed_as_a_place(i)
    }

    fn state_or_country_at(&self, i: usize) -> bool {
        self.state_or_country_starts
            .get(i)
            .copied()
            .unwrap_or(false)
    }

    /// "in Mobile", "Hope, Ark.", a dateline "WINONA --"; not "Richmond Street, London"
    fn located(&self, i: usize) -> bool {
        let doc = self.doc;
        // "Ministry of Commerce": "of" after an organization's head names its field, not a place
        let of_an_organization = i >= 2
            && doc.tokens[i - 1].lower == "of"
            && doc.tokens[i - 2].shape == Shape::Capitalized
            && ORG_HEADS.contains(&doc.tokens[i - 2].lower.as_str());
        i > 0
            && !of_an_organization
            && matches!(
                doc.tokens[i - 1].lower.as_str(),
                "in" | "at" | "near" | "from" | "to" | "of"
            )
            || self.headed_as_a_place(i)
            || placed_by_the_words_around(doc, i..i + 1)
    }

    /// "Hope, Ark.", "WINONA --": a state or country after the name and a
    /// comma, or the name opening its sentence before a dash (a dateline).
    fn headed_as_a_place(&self, i: usize) -> bool {
        let doc = self.doc;
        let after = doc.tokens.get(i + 1).map(|t| t.lower.as_str());
        (after == Some(",") && self.state_or_country_at(i + 2))
            || opens_its_sentence_before(doc, i..i + 1, &DASHES)
    }

    /// "Senator Mark Wagner", "Joseph F. Wagner": one word the knowledge
    /// base knows as an organisation's short name, written right after a
    /// given name (and perhaps an initial), is that person's surname; one
    /// it knows as an office holder's surname but that is a given name
    /// opening a longer capitalised name is part of that name ("Sam Houston
    /// State University"), not the holder.
    fn part_of_a_persons_name(&self, a: &Atom) -> bool {
        let doc = self.doc;
        if self.blind || a.tokens.len() != 1 {
            return false;
        }
        let i = a.tokens.start;
        let kb = self.kb;
        // towns so named are read apart (`Self::surname_here`)
        let only = |f: fn(&Entry) -> bool| {
            let town = |e: &Entry| matches!(e, Entry::Place(p) if kb.places[*p as usize].kind != PlaceKind::Admin1);
            a.entries.iter().any(f) && a.entries.iter().all(|e| f(e) || town(e))
        };
        let after_given_name = self.after_first_name(i)
            && !PERSON_TITLES.contains(&doc.tokens[i - 1].lower.as_str())
            && !(i >= 2
                && PERSON_TITLES.contains(&doc.tokens[i - 2].lower.as_str())
                && doc.token_text(i - 1).ends_with('.'));
        let opens_a_longer_name = herald_nlp::is_given_name(&doc.tokens[i].lower)
            && doc.tokens.get(i + 1).is_some_and(|t| {
                t.shape == Shape::Capitalized && doc.sentence_of(i + 1) == doc.sentence_of(i)
            });
        // the given name of a holder of the surname is that holder's ("Recep Erdogan")
        // read only after a given name: it lowercases holders' names
        let holds_the_given_name = || {
            let given = doc.tokens[i - 1].lower.as_str();
            a.entries.iter().any(|e| {
                matches!(e, Entry::Surname(h) if kb.holders[*h as usize].name.to_lowercase().split(' ').any(|w| w == given))
            })
        };
        let an_organisation = a.entries.iter().any(|e| matches!(e, Entry::Org(_)));
        (after_given_name
            && an_organisation
            && only(|e| matches!(e, Entry::Org(_) | Entry::Surname(_)))
            && !holds_the_given_name())
            || (opens_a_longer_name && only(|e| matches!(e, Entry::Surname(_))))
    }

    /// A town's name after a given name or a title ("Matt Turner", "Mrs.
    /// Harding") is a person's surname there.
    fn after_first_name(&self, i: usize) -> bool {
        let doc = self.doc;
        // "Matthew D. Flores": a middle initial stands between
        let initial = |t: usize| {
            let w = doc.token_text(t);
            w.len() == 2 && w.ends_with('.') && w.starts_with(|c: char| c.is_ascii_uppercase())
        };
        let i = if i >= 2 && initial(i - 1) { i - 1 } else { i };
        i > 0 && !self.blind && doc.tokens[i - 1].shape == Shape::Capitalized && {
            let before = doc.tokens[i - 1].lower.as_str();
            herald_nlp::is_given_name(before) || PERSON_TITLES.contains(&before)
        }
    }

    /// A town's name written as a person's surname where it stands: after
    /// a given name or a title ("Matt Turner"), or, for a small town,
    /// before an age ("Fisher, 26,").
    fn surname_here(&self, a: &Atom) -> bool {
        self.after_first_name(a.tokens.start)
            || (self.small_town(a) && aged(self.doc, a.tokens.end))
    }

    fn city_only(&self, a: &Atom) -> bool {
        a.entries.iter().all(
            |e| matches!(e, Entry::Place(p) if self.kb.places[*p as usize].kind == PlaceKind::City),
        )
    }

    fn town_only(&self, a: &Atom) -> bool {
        a.tokens.len() == 1 && self.city_only(a)
    }

    fn small_town(&self, a: &Atom) -> bool {
        a.entries.iter().all(
            |e| matches!(e, Entry::Place(p) if self.kb.places[*p as usize].population < 100_000),
        )
    }

    /// Whether a known name stays: it names nothing else here, and a weak
    /// one stands where a place is written.
    fn keep(&self, a: &Atom) -> bool {
        !self.names_something_else(a)
            && (!self.needs_place_context(a) || self.placed_here(a))
            && (!self.post_office_as_a_name(a) || self.post_office_placed(a))
    }

    /// A town known only by its post office, named like a person, stands
    /// where it is firmly located, or where the story firmly locates its
    /// name elsewhere.
    fn post_office_placed(&self, a: &Atom) -> bool {
        let lower = self.doc.tokens[a.tokens.start].lower.as_str();
        self.firmly_located(a.tokens.start) || self.firmly_placed.contains(lower)
    }

    /// "Matthew D. Flores ... Flores was an engineer": whether the surname
    /// of a person the story names in full stands alone here for that
    /// person, where nothing places it, whatever towns or states share the
    /// name (its place readings then go); not a capital's name.
    fn persons_surname_here(&self, a: &Atom) -> bool {
        let (doc, kb) = (self.doc, self.kb);
        let i = a.tokens.start;
        // inside a longer name of words ("the Arlington Boys Club") it is
        // that name's; beside another name word ("Campbell Paterson") it is
        // still the person's
        let word_of_a_name = |t: usize| {
            is_name_token(doc, t) && {
                let w = doc.tokens[t].lower.as_str();
                herald_nlp::is_common_word(w) || ORG_HEADS.contains(&w)
            }
        };
        let inside_a_name =
            (i > 0 && word_of_a_name(i - 1)) || (i + 1 < doc.tokens.len() && word_of_a_name(i + 1));
        a.tokens.len() == 1
            && !inside_a_name
            && self.surnames.contains(doc.tokens[i].lower.as_str())
            && !self.located(i)
            && a.entries.iter().all(|e| match e {
                Entry::Place(p) => {
                    let kind = kb.places[*p as usize].kind;
                    matches!(
                        kind,
                        PlaceKind::City | PlaceKind::Admin1 | PlaceKind::County
                    ) && kb.capital_of(*p).is_none()
                }
                Entry::Surname(_) => true,
                _ => false,
            })
    }

    /// "Chad Walker", "Jordan Henderson": a place's name that is also a given
    /// name ([`GIVEN_NAMES_OF_PLACES`]), right before a surname or a town's
    /// name alone in its sentence that is no English word, month or head of
    /// a place's or organization's name ("Jordan Valley", "Georgia Power",
    /// "Chad Friday"), opens a person's name of those two words, not after
    /// "the". An unknown word after it is as often a team's or a firm's
    /// ("Dallas Cowboys", "Kenya Airways").
    fn given_name_before_a_surname(&self, a: &Atom) -> bool {
        let (doc, kb) = (self.doc, self.kb);
        let i = a.tokens.start;
        let next = a.tokens.end;
        let head_word = |w: &str| {
            [
                ORG_HEADS,
                GEO_HEADS,
                FACILITY_HEADS,
                STREET_HEADS,
                DIVISION_WORDS,
                MONTHS_AND_DAYS,
            ]
            .iter()
            .any(|list| list.contains(&w))
        };
        !self.blind
            && a.tokens.len() == 1
            && doc.tokens[i].shape == Shape::Capitalized
            && GIVEN_NAMES_OF_PLACES.contains(&doc.tokens[i].lower.as_str())
            && a
                .entries
                .iter()
                .all(|e| matches!(e, Entry::Place(_) | Entry::Country(_)))
            && next < doc.tokens.len()
            && doc.sentence_of(next) == doc.sentence_of(i)
            && doc.tokens[next].shape == Shape::Capitalized
            && self.weak_word_starts[next]
            // "the Augusta Herald", "Virginia Commonwealth University": a longer name
            && (i == 0 || doc.tokens[i - 1].lower != "the")
            && !(next + 1 < doc.tokens.len()
                && doc.sentence_of(next + 1) == doc.sentence_of(i)
                && is_name_token(doc, next + 1))
            && {
                let w = doc.tokens[next].lower.as_str();
                !herald_nlp::is_common_word(w)
                    && !kb.is_lexicon_word(&doc.tokens[next].lemma)
                    && !head_word(w)
            }
    }

    /// Whether the name is a surname, a facility's, a speaker's or a date here.
    fn names_something_else(&self, a: &Atom) -> bool {
        let doc = self.doc;
        let lower = doc.tokens[a.tokens.start].lower.as_str();
        if self.part_of_a_persons_name(a) {
            return true;
        }
        // "Jana Van Voorhis ... Van Voorhis said": a post office's name of
        // words written after a given name is her surname, there and alone
        if a.tokens.len() > 1
            && self.post_office_only(a)
            && (self.after_first_name(a.tokens.start)
                || self.long_surnames.contains(&words_of(doc, a)))
        {
            return true;
        }
        // a surname after a first name or before an age ("Fisher, 26,"),
        // and, for a small town the text does not place, wherever the story
        // repeats it ("Turner said")
        if self.town_only(a)
            && (self.surname_here(a)
                || (self.surnames.contains(lower)
                    && self.small_town(a)
                    && !self.located(a.tokens.start)))
        {
            return true;
        }
        let next = doc.tokens.get(a.tokens.end);
        // "Richmond Street", "Centennial Hall": a facility's name, not the town
        if !self.blind
            && next.is_some_and(|t| {
                t.shape == Shape::Capitalized && FACILITY_HEADS.contains(&t.lower.as_str())
            })
            && self.city_only(a)
        {
            return true;
        }
        // "the Alexandria Zoo", "the Hammond Marina": an organization's head
        // word after a name ends that name; it is no town of its own
        let after_a_name = a.tokens.start > 0
            && doc.sentence_of(a.tokens.start - 1) == doc.sentence_of(a.tokens.start)
            && doc.tokens[a.tokens.start - 1].shape == Shape::Capitalized;
        if !self.blind
            && a.tokens.len() == 1
            && after_a_name
            && ORG_HEADS.contains(&lower)
            && self.town_only(a)
        {
            return true;
        }
        // "White said": a small town does not speak; a person of that name does
        if self.town_only(a)
            && self.small_town(a)
            && !self.placed.contains(lower)
            && next.is_some_and(|t| SPEECH_AFTER_NAME.contains(&t.lower.as_str()))
        {
            return true;
        }
        if is_era(doc, a.tokens.start) {
            return true;
        }
        // "the Boons": a family named in the plural, not a place
        if a.tokens.len() == 1
            && lower
                .strip_suffix('s')
                .is_some_and(|stem| self.family_names.contains(stem))
        {
            return true;
        }
        // "the COAS met": capital letters spell an acronym, not a small town
        // (a dateline, "MAKEEN (Reuters) -", "PATASKALA --", opens its sentence or a dash follows)
        let dateline = doc.sentences[doc.sentence_of(a.tokens.start)].tokens.start
            == a.tokens.start
            || next
                .is_some_and(|t| matches!(t.span.slice(&doc.text), "(" | "-" | "--" | "—" | "–"));
        if !self.blind
            && a.tokens.len() == 1
            && doc.tokens[a.tokens.start].shape == Shape::Upper
            && self.town_only(a)
            && self.small_town(a)
            && !dateline
        {
            return true;
        }
        // "in March", "on Monday", "before Christmas, the union said": a month,
        // weekday or feast day is a date, not the town of that name ("Christmas,
        // Florida" is the town)
        let state_follows = doc.tokens.get(a.tokens.end).is_some_and(|t| t.lower == ",")
            && doc
                .tokens
                .get(a.tokens.end + 1)
                .is_some_and(|t| t.shape == Shape::Capitalized);
        is_weak(a) && a.tokens.len() == 1 && MONTHS_AND_DAYS.contains(&lower) && !state_follows
    }

    /// Whether a weak name stands where a place is written: placed elsewhere
    /// in the story and not opening a longer name, or located here, alone.
    fn placed_here(&self, a: &Atom) -> bool {
        let doc = self.doc;
        let lower = doc.tokens[a.tokens.start].lower.as_str();
        let i = a.tokens.start;
        let place_head = |w: &str| {
            ORG_HEADS.contains(&w) || matches!(w, "city" | "county" | "area" | "community")
        };
        if self.placed.contains(lower)
            && !doc
                .tokens
                .get(i + 1)
                .is_some_and(|t| t.shape == Shape::Capitalized && !place_head(&t.lower))
        {
            return true;
        }
        if opens_sentence(doc, i) {
            return false;
        }
        let capital_neighbour = (i > 0 && is_name_token(doc, i - 1))
            || (i + 1 < doc.tokens.len() && is_name_token(doc, i + 1));
        !capital_neighbour && self.located(i)
    }
}

/// The names chosen so far, which never overlap, and the tokens they take.
struct Names {
    chosen: Vec<Atom>,
    taken: Vec<bool>,
}

impl Names {
    /// Longest first, then leftmost; overlapping shorter names give way.
    fn longest_first(doc: &Doc, mut atoms: Vec<Atom>) -> Names {
        atoms.sort_by(|a, b| {
            (b.tokens.len(), a.tokens.start).cmp(&(a.tokens.len(), b.tokens.start))
        });
        let mut taken = vec![false; doc.tokens.len()];
        let mut chosen: Vec<Atom> = Vec::new();
        for a in atoms {
            if a.tokens.clone().any(|i| taken[i]) {
                continue;
            }
            // A lone lowercase determiner-like role word inside a capitalised name is not a role.
            for i in a.tokens.clone() {
                taken[i] = true;
            }
            chosen.push(a);
        }
        Names { chosen, taken }
    }

    /// "South China Sea", "Gulf of Aden": a capitalised run ending in a
    /// geographic word is one location, whatever names stand inside it.
    /// Returns the tokens of each.
    fn add_geo_features(&mut self, doc: &Doc) -> Vec<Range<usize>> {
        let mut geo_features = Vec::new();
        for s in &doc.sentences {
            for i in s.tokens.clone() {
                let Some(feature) = geo_feature_at(doc, s.tokens.clone(), i) else {
                    continue;
                };
                let (start, end) = (feature.start, feature.end);
                // a name the knowledge base knows whole ("Ivory Coast", "World Bank") stays
                if self.chosen.iter().any(|a| {
                    a.tokens.start <= start && a.tokens.end >= end && !a.entries.is_empty()
                }) {
                    continue;
                }
                self.chosen
                    .retain(|a| a.tokens.end <= start || a.tokens.start >= end);
                self.taken[start..end].fill(true);
                self.chosen.push(Atom {
                    tokens: start..end,
                    entries: Vec::new(),
                });
                geo_features.push(feature);
            }
        }
        geo_features
    }

    /// A lone town or surname inside a longer run of unknown capitalised
    /// words is part of a name ("Paul Whelan", "Marine Le Pen"): it gives
    /// way, and its token is free for that name.
    fn merge_weak_words_into_names(&mut self, doc: &Doc, kb: &Kb) {
        // the atom starting at each token (chosen atoms never overlap), for
        // look-ups in constant time
        let mut atom_at: Vec<Option<usize>> = vec![None; doc.tokens.len()];
        for (k, b) in self.chosen.iter().enumerate() {
            atom_at[b.tokens.start] = Some(k);
        }
        let dropped: Vec<bool> = (0..self.chosen.len())
            .map(|k| self.inside_unknown_name(doc, kb, &atom_at, k))
            .collect();
        for (a, _) in self.chosen.iter().zip(&dropped).filter(|(_, d)| **d) {
            for t in a.tokens.clone() {
                self.taken[t] = false;
            }
        }
        let mut k = 0;
        self.chosen.retain(|_| {
            k += 1;
            !dropped[k - 1]
        });
    }

    /// Whether the chosen atom `k`, a lone weak word, stands inside a run of
    /// name words that makes a person's name rather than an organization's.
    fn inside_unknown_name(&self, doc: &Doc, kb: &Kb, atom_at: &[Option<usize>], k: usize) -> bool {
        let (chosen, taken) = (&self.chosen, &self.taken);
        let a = &chosen[k];
        // an office holder known by a given name alone ("Philippe") is as
        // weak as a surname: "Mayor Philippe Roy" is someone else
        let given_name_of_holder = || {
            a.entries
                .iter()
                .all(|e| matches!(e, Entry::Holder(_) | Entry::Surname(_) | Entry::Place(_)))
                && herald_nlp::is_given_name(&doc.tokens[a.tokens.start].lower)
        };
        if !(is_weak(a) || given_name_of_holder()) || a.tokens.len() != 1 {
            return false;
        }
        // "Harrisburg, Pa. Smerecznsky said": a state written after a place and
        // a comma ends there; the name after it is someone else's
        let i = a.tokens.start;
        let a_state = a.entries.iter().any(
            |e| matches!(e, Entry::Place(p) if kb.places[*p as usize].kind == PlaceKind::Admin1),
        );
        let after_a_place = a_state && i >= 2 && doc.tokens[i - 1].lower == "," && {
            let before = (i.saturating_sub(5)..i - 1)
                .rev()
                .find_map(|t| atom_at[t].filter(|&b| chosen[b].tokens.end == i - 1));
            before.is_some_and(|b| {
                chosen[b]
                    .entries
                    .iter()
                    .any(|e| matches!(e, Entry::Place(_)))
            })
        };
        if after_a_place {
            return false;
        }
        let weak_single = |t: usize| {
            atom_at[t].is_some_and(|k| chosen[k].tokens.len() == 1 && is_weak(&chosen[k]))
        };
        let s = &doc.sentences[doc.sentence_of(i)];
        // the run of name words around it that no country, office or organization holds
        let free = |t: usize| !taken[t] || weak_single(t);
        let wide = name_run(doc, s.tokens.clone(), i);
        let mut lo = i;
        while lo > wide.start && free(lo - 1) {
            lo -= 1;
        }
        let mut hi = i + 1;
        while hi < wide.end && free(hi) {
            hi += 1;
        }
        let run = lo..hi;
        // "Ohio Department of Transportation" keeps its place; "Paul Whelan" and
        // "Ahmed Ben Bella" (a surname and a town inside) are one name
        let org_word = |t: usize| {
            ORG_HEADS.contains(&doc.tokens[t].lower.as_str())
                || kb.is_lexicon_word(&doc.tokens[t].lemma) && !is_name_token(doc, t)
        };
        // "of" after the run heads an organization's name ("Bank of America"),
        // not after a given name and a surname ("John Smith of Springfield")
        let given_name_first = herald_nlp::is_given_name(&doc.tokens[run.start].lower);
        let org_headed = org_word(run.end - 1)
            || ORG_HEADS.contains(&doc.tokens[wide.end - 1].lower.as_str())
            || (wide.end > run.end && herald_nlp::is_common_word(&doc.tokens[wide.end - 1].lower))
            || (!given_name_first && doc.tokens.get(run.end).is_some_and(|t| t.lower == "of"));
        // words that could be a given name: not taken, not common ("North Texas"
        // stays a place), no compass word ("Northeast Nebraska")
        let unknown_words = run
            .clone()
            .filter(|&t| {
                let w = doc.tokens[t].lower.as_str();
                t != i && !taken[t] && !herald_nlp::is_common_word(w) && !COMPASS_WORDS.contains(&w)
            })
            .count();
        let all_free = run.clone().all(|t| t == i || !taken[t]);
        // several weak words merge only where one is a surname: a person's name
        let has_surname = run.clone().any(|t| {
            atom_at[t].is_some_and(|k| {
                chosen[k]
                    .entries
                    .iter()
                    .any(|e| matches!(e, Entry::Surname(_)))
            })
        });
        let all_weak = run.clone().all(|t| t == i || !taken[t] || weak_single(t));
        // a given name opens a person's name ("John Smith"), even when every word has another sense
        run.len() >= 2
            && !org_headed
            && (unknown_words >= 1 || given_name_first)
            && (all_free || (has_surname && all_weak))
    }

    /// Unknown capitalised names: runs of name words no known name took.
    fn add_unknown_names(&mut self, doc: &Doc, kb: &Kb) {
        let named_inside = names_inside_sentences(doc);
        for s in &doc.sentences {
            let mut i = s.tokens.start;
            while i < s.tokens.end {
                if self.taken[i]
                    || !is_name_token(doc, i)
                    || (STOP.contains(&doc.tokens[i].lower.as_str()))
                    || is_era(doc, i)
                {
                    i += 1;
                    continue;
                }
                let mut start = i;
                let end = self.unknown_name_end(doc, s.tokens.clone(), start);
                // "Chief of Department Terence Monahan": an organization's head
                // word before a given name ends the office; the name starts after it
                if end >= start + 3
                    && ORG_HEADS.contains(&doc.tokens[start].lower.as_str())
                    && herald_nlp::is_given_name(&doc.tokens[start + 1].lower)
                {
                    start += 1;
                }
                // a lone capitalised word opening a sentence may be any word,
                // unless the story writes it capitalised inside a sentence too
                let sentence_initial_single = start == s.tokens.start
                    && end == start + 1
                    && !named_inside.contains(doc.tokens[start].lower.as_str())
                    && !county_before_its_office(doc, kb, start..end);
                let known_word = kb.is_lexicon_word(&doc.tokens[start].lemma);
                // "Ministry of Commerce" after a name that took "Ministry": the field of
                // that organization's name, no name of its own
                let field_of_taken_org = start >= 2
                    && self.taken[start - 2]
                    && doc.tokens[start - 1].lower == "of"
                    && ORG_HEADS.contains(&doc.tokens[start - 2].lower.as_str());
                // "before Christmas": a lone month, day or feast day names no one
                let date_word = end == start + 1 && {
                    let w = doc.tokens[start].lower.as_str();
                    MONTHS_AND_DAYS.contains(&w) || crate::dates::is_month(w)
                };
                // "Western allies", "Eastern European states": a compass
                // adjective alone names no one
                // ("calls by European leaders": nor does a continent's)
                let compass_adjective = end == start + 1 && {
                    let w = doc.tokens[start].lower.as_str();
                    COMPASS_WORDS.contains(&w) && w.ends_with("ern")
                        || REGION_ADJECTIVES.contains(&w)
                };
                if !(sentence_initial_single
                    || field_of_taken_org
                    || date_word
                    || compass_adjective
                    || (end == start + 1 && known_word))
                {
                    self.taken[start..end].fill(true);
                    self.chosen.push(Atom {
                        tokens: start..end,
                        entries: Vec::new(),
                    });
                }
                i = end;
            }
        }
    }

    /// Where the unknown name opening at `start` ends: name words, joined by
    /// "bin", "de", "al-" and the like, or by "of" after an organization's
    /// head ("Ministry of Defence").
    fn unknown_name_end(&self, doc: &Doc, sentence: Range<usize>, start: usize) -> usize {
        let taken = &self.taken;
        let mut end = start + 1;
        while end < sentence.end && !taken[end] {
            if is_name_token(doc, end) && !STOP.contains(&doc.tokens[end].lower.as_str()) {
                end += 1;
            } else if NAME_JOINERS.contains(&doc.tokens[end].lower.as_str())
                && end + 1 < sentence.end
                && is_name_token(doc, end + 1)
                && !taken[end + 1]
            {
                end += 2;
            } else if doc.tokens[end].lower == "of"
                && ORG_HEADS.contains(&doc.tokens[end - 1].lower.as_str())
                && end + 1 < sentence.end
                && is_name_token(doc, end + 1)
            {
                end += 2; // "Ministry of Defence"
                while end < sentence.end && !taken[end] && is_name_token(doc, end) {
                    end += 1;
                }
            } else {
                break;
            }
        }
        end
    }
}

/// The geographic feature whose head word is token `i`: the run of name
/// words before it, and "of" and a name after it ("Gulf of Aden").
fn geo_feature_at(doc: &Doc, sentence: Range<usize>, i: usize) -> Option<Range<usize>> {
    if let Some(road) = numbered_road_at(doc, &sentence, i) {
        return Some(road);
    }
    if !GEO_HEADS.contains(&doc.tokens[i].lower.as_str()) || !is_name_token(doc, i) {
        return None;
    }
    let run = name_run(doc, sentence.clone(), i);
    let mut start = run.start;
    // "Gulf of Aden": head first, then "of" and a name
    let mut end = i + 1;
    if end + 1 < sentence.end && doc.tokens[end].lower == "of" && is_name_token(doc, end + 1) {
        end += 2;
    }
    if start == i && end == i + 1 {
        return None; // a lone "Sea" or "River" is no name
    }
    if start > sentence.start && doc.tokens[start - 1].lower == "the" {
        start = start.max(sentence.start);
    }
    Some(start..end)
}

/// "Interstate 64", "Highway 1": a capitalised road word and its number.
fn numbered_road_at(doc: &Doc, sentence: &Range<usize>, i: usize) -> Option<Range<usize>> {
    let road = doc.tokens[i].shape == Shape::Capitalized
        && ROAD_WORDS.contains(&doc.tokens[i].lower.as_str());
    let numbered = i + 1 < sentence.end
        && doc.tokens[i + 1]
            .span
            .slice(&doc.text)
            .bytes()
            .all(|b| b.is_ascii_digit());
    (road && numbered).then_some(i..i + 2)
}

/// The indexes of the mentions (in text order) that start at the tokens
/// `tokens`: a binary search, so a window costs no scan of the article.
pub fn starting_within(mentions: &[Mention], tokens: Range<usize>) -> Range<usize> {
    let lo = mentions.partition_point(|m| m.tokens.start < tokens.start);
    let hi = mentions.partition_point(|m| m.tokens.start < tokens.end);
    lo..hi.max(lo)
}

/// "BC Hydro … Hydro said": a lone capitalised word that ends the name of an
/// organisation named earlier in the story is that organisation, not a town
/// of that name, unless a preposition of place stands before it.
fn short_names_of_organizations(doc: &Doc, kb: &Kb, mentions: &mut [Mention]) {
    let mut heads: HashMap<String, usize> = HashMap::new();
    for k in 0..mentions.len() {
        let m = &mentions[k];
        if m.kind == MentionKind::Org && m.tokens.len() >= 2 {
            let last = m.tokens.end - 1;
            // "University of Georgia", "Bank of America": a name that ends in a place is no short name
            let ends_in_place = doc.tokens[last - 1].lower == "of"
                || m.toponym_tokens.as_ref().is_some_and(|t| t.contains(&last));
            if doc.tokens[last].shape == Shape::Capitalized
                && !ends_in_place
                && !ORG_HEADS.contains(&doc.tokens[last].lower.as_str())
            {
                heads.insert(doc.token_text(last).to_string(), k);
            }
            continue;
        }
        if m.kind != MentionKind::Place || m.tokens.len() != 1 {
            continue;
        }
        let Some(&org) = heads.get(doc.token_text(m.tokens.start)) else {
            continue;
        };
        let prev = doc.lower_before(m.tokens.start);
        let notable = names_a_place_of_note(kb, m);
        if notable || herald_kb::words::LOCATIVE.contains(&prev) {
            continue;
        }
        let o = mentions[org].clone();
        let m = &mut mentions[k];
        m.kind = MentionKind::Org;
        m.entity_type = EntityType::Org;
        m.country = o.country;
        m.org = o.org;
        m.sector = o.sector;
        m.places.clear();
        m.country_entry = None;
        m.toponym = None;
        m.toponym_tokens = None;
    }
}

/// "U.S. Senate", "Lebanese Army", "Paris Public Library": an organization
/// whose name opens with a country, demonym or place names that place too.
fn name_place_inside(doc: &Doc, kb: &Kb, m: &mut Mention) {
    let n = m.tokens.len();
    for k in (1..n.min(4)).rev() {
        let inner = m.tokens.start..m.tokens.start + k;
        if !inner
            .clone()
            .all(|t| is_name_token(doc, t) || doc.tokens[t].lower == ".")
        {
            continue;
        }
        let text = span_text(doc, &inner);
        // "South Regional Jail", "Alliance of Automobile Manufacturers"
        if k == 1 && herald_nlp::is_common_word(&doc.tokens[inner.start].lower) {
            continue;
        }
        let hits = kb.names.get(text);
        let surface_ok = |h: &&herald_kb::NameHit| h.exact.as_deref().is_none_or(|e| e == text);
        if let Some(c) = hits.iter().filter(surface_ok).find_map(|h| match h.entry {
            Entry::Country(c) | Entry::Demonym(c) => Some(c),
            _ => None,
        }) {
            m.toponym = Some(c);
            m.toponym_tokens = Some(inner);
            return;
        }
        // "Xinhua news agency": the words name the organization itself
        if hits.iter().any(|h| matches!(h.entry, Entry::Org(_))) {
            continue;
        }
        let places: Vec<u32> = hits
            .iter()
            .filter(surface_ok)
            .filter_map(|h| {
                if let Entry::Place(p) = h.entry {
                    Some(p)
                } else {
                    None
                }
            })
            .collect();
        if !places.is_empty() {
            m.places = places;
            m.toponym_tokens = Some(inner);
            return;
        }
    }
}

/// The words a story writes capitalised inside its sentences (not opening
/// one), and which are no common word: its names, as the story spells them.
fn names_inside_sentences(doc: &Doc) -> HashSet<&str> {
    (0..doc.tokens.len())
        .filter(|&i| doc.tokens[i].shape == Shape::Capitalized && !opens_sentence(doc, i))
        .map(|i| doc.tokens[i].lower.as_str())
        .filter(|w| !herald_nlp::is_common_word(w) && !STOP.contains(w))
        .collect()
}

/// The run of capitalised name tokens around token `i`, within `sentence`.
fn name_run(doc: &Doc, sentence: Range<usize>, i: usize) -> Range<usize> {
    let ok = |t: usize| is_name_token(doc, t) && !STOP.contains(&doc.tokens[t].lower.as_str());
    // a capitalised word opening a sentence may be any word, but a given name
    // that is no common word opens a name there too ("Mary Smith said")
    let given_name = |t: usize| {
        let lower = doc.tokens[t].lower.as_str();
        herald_nlp::is_given_name(lower) && !herald_nlp::is_common_word(lower)
    };
    let mut start = i;
    while start > sentence.start
        && ok(start - 1)
        && (!opens_sentence(doc, start - 1) || given_name(start - 1))
    {
        start -= 1;
    }
    let mut end = i + 1;
    while end < sentence.end && ok(end) {
        end += 1;
    }
    start..end
}

/// Whether token `i` opens a sentence, a quote or a clause after a colon or dash.
fn opens_sentence(doc: &Doc, i: usize) -> bool {
    let s = &doc.sentences[doc.sentence_of(i)];
    i == s.tokens.start
        || (i > 0
            && matches!(
                doc.token_text(i - 1),
                "“" | "\"" | ":" | "-" | "–" | "—" | "(" | "‘"
            ))
}

fn is_name_token(doc: &Doc, i: usize) -> bool {
    let t = &doc.tokens[i];
    matches!(t.shape, Shape::Capitalized | Shape::Upper)
        && t.span
            .slice(&doc.text)
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic())
}

fn role_of(entries: &[Entry]) -> Option<u32> {
    entries.iter().find_map(|e| match e {
        Entry::Role(r) => Some(*r),
        _ => None,
    })
}

fn demonym_or_country(entries: &[Entry]) -> Option<u32> {
    entries.iter().find_map(|e| match e {
        Entry::Demonym(c) | Entry::Country(c) => Some(*c),
        _ => None,
    })
}

fn country_of(entries: &[Entry]) -> Option<u32> {
    entries.iter().find_map(|e| match e {
        Entry::Country(c) => Some(*c),
        _ => None,
    })
}

fn demonym_of(entries: &[Entry]) -> Option<u32> {
    entries.iter().find_map(|e| match e {
        Entry::Demonym(c) => Some(*c),
        _ => None,
    })
}

fn org_of(entries: &[Entry]) -> Option<u32> {
    entries.iter().find_map(|e| match e {
        Entry::Org(o) => Some(*o),
        _ => None,
    })
}

fn metonym_of(entries: &[Entry]) -> Option<u32> {
    entries.iter().find_map(|e| match e {
        Entry::Metonym(x) => Some(*x),
        _ => None,
    })
}

fn places_of(entries: &[Entry]) -> Vec<u32> {
    entries
        .iter()
        .filter_map(|e| match e {
            Entry::Place(p) => Some(*p),
            _ => None,
        })
        .collect()
}

/// Turns atoms into mentions, joining title + name and demonym + role.
fn compose(
    doc: &Doc,
    kb: &Kb,
    atoms: &[Atom],
    published: Option<u32>,
    blind: bool,
) -> Vec<Mention> {
    let composer = Composer {
        doc,
        kb,
        atoms,
        published,
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k < atoms.len() {
        let sentence = doc.sentence_of(atoms[k].tokens.start);
        if let Some(phrase) = composer.role_phrase(k, sentence) {
            let (m, next) = composer.role_mention(phrase, sentence);
            out.extend(m);
            k = next;
            continue;
        }
        if let Some(m) = composer.leader_government(k, sentence) {
            out.push(m);
            k += 2;
            continue;
        }
        // A lone atom.
        out.extend(single(
            doc,
            kb,
            &atoms[k],
            sentence,
            published,
            blind,
            &atoms[..k],
        ));
        k += 1;
    }
    add_pronouns(doc, &mut out);
    out.sort_by_key(|m| m.tokens.start);
    apposition_countries(doc, kb, &mut out);
    out
}

/// What joining atoms into mentions reads.
struct Composer<'a> {
    doc: &'a Doc,
    kb: &'a Kb,
    atoms: &'a [Atom],
    published: Option<u32>,
}

/// [country/demonym ('s)?] [organization]? [role]+, found from atom `first`.
struct RolePhrase {
    first: usize,
    country: Option<u32>,
    /// the organization whose people the roles are ("EU ministers", "Hamas fighters")
    body: Option<u32>,
    role_start: usize,
    /// the last role of the run
    role: u32,
    /// the atom after the roles
    end: usize,
}

impl Composer<'_> {
    /// Whether atom `y` follows atom `x` in `sentence`, right after it or,
    /// where allowed, after a possessive or a backing participle.
    fn adjacent(&self, sentence: usize, x: &Atom, y: &Atom, allow_possessive: bool) -> bool {
        let doc = self.doc;
        if doc.sentence_of(y.tokens.start) != sentence {
            return false;
        }
        let gap = y.tokens.start - x.tokens.end;
        let w = |k: usize| doc.tokens[x.tokens.end + k].lower.as_str();
        gap == 0
            || (allow_possessive && gap == 1 && herald_core::is_possessive(w(0)))
            // "Vietnamese-led forces", "US-backed troops"
            || (allow_possessive
                && gap == 2
                && w(0) == "-"
                && BACKING_PARTICIPLES.contains(&w(1)))
    }

    /// The role phrase opening at atom `k`, if a role is there.
    fn role_phrase(&self, k: usize, sentence: usize) -> Option<RolePhrase> {
        let atoms = self.atoms;
        let (country, mut j) = self.country_before_role(k, sentence);
        // "EU ministers", "NATO officials", "Hamas fighters", "Hamas's military
        // chief": an organization's people
        let mut body: Option<u32> = None;
        if country.is_none()
            && j + 1 < atoms.len()
            && role_of(&atoms[j + 1].entries).is_some()
            && self.adjacent(sentence, &atoms[j], &atoms[j + 1], true)
        {
            body = org_of(&atoms[j].entries);
            // "Kurdish fighters", "Fano militiamen": a word the knowledge
            // base does not know, inside a sentence, qualifies the role (a
            // people or a group of no known country); the phrase is placed
            // as an unplaced group is, not named by that word alone
            let unknown_qualifier = atoms[j].entries.is_empty()
                && atoms[j].tokens.len() == 1
                && atoms[j].tokens.start > self.doc.sentences[sentence].tokens.start;
            if body.is_some() || unknown_qualifier {
                j += 1;
            }
        }
        let mut role: Option<u32> = None;
        let role_start = j;
        while j < atoms.len()
            && role_of(&atoms[j].entries).is_some()
            && (j == role_start || self.adjacent(sentence, &atoms[j - 1], &atoms[j], false))
        {
            role = role_of(&atoms[j].entries);
            j += 1;
        }
        role.map(|role| RolePhrase {
            first: k,
            country,
            body,
            role_start,
            role,
            end: j,
        })
    }

    /// A country or demonym at atom `k` before a role ("Russian officials",
    /// "Russia's ambassador", "Bosnian Serb forces"), and the atom after it.
    fn country_before_role(&self, k: usize, sentence: usize) -> (Option<u32>, usize) {
        let atoms = self.atoms;
        let j = k;
        if demonym_or_country(&atoms[j].entries).is_some()
            && j + 1 < atoms.len()
            && role_of(&atoms[j + 1].entries).is_some()
            && self.adjacent(sentence, &atoms[j], &atoms[j + 1], true)
        {
            return (demonym_or_country(&atoms[j].entries), j + 1);
        }
        if demonym_or_country(&atoms[j].entries).is_some()
            && j + 2 < atoms.len()
            && atoms[j + 1].tokens.len() == 1
            && (atoms[j + 1].entries.is_empty()
                || demonym_or_country(&atoms[j + 1].entries).is_some())
            && self.adjacent(sentence, &atoms[j], &atoms[j + 1], false)
            && role_of(&atoms[j + 2].entries).is_some()
            && self.adjacent(sentence, &atoms[j + 1], &atoms[j + 2], false)
        {
            // "Turkish Kurd refugees", "Bosnian Serb forces": the state named first
            return (demonym_or_country(&atoms[j].entries), j + 2);
        }
        (None, j)
    }

    /// The mention of a role phrase, with the name that may follow it, or
    /// none for a bare office; and the atom after it.
    fn role_mention(&self, p: RolePhrase, sentence: usize) -> (Option<Mention>, usize) {
        let (doc, kb, atoms) = (self.doc, self.kb, self.atoms);
        let (first, j) = (p.first, p.end);
        let mut country = p.country;
        let role_row = &kb.roles[p.role as usize];
        if self.is_bare_office(&p, sentence) {
            return (None, j); // "in general": a bare lowercase office is no actor
        }
        let organization = self.organization_named_after_roles(j, sentence);
        // a following name: holder, surname or unknown capitalised name
        let name_atom = atoms.get(j).filter(|n| {
            !organization
                && self.adjacent(sentence, &atoms[j - 1], n, false)
                && is_person_name(kb, &n.entries)
        });
        let last = if name_atom.is_some() || organization {
            j
        } else {
            j - 1
        };
        let tokens = atoms[first].tokens.start..atoms[last].tokens.end;
        let tokens = extend_left_former(doc, tokens);
        let mut m = if (role_row.person && !organization) || name_atom.is_some() {
            Mention::new(
                doc,
                tokens.clone(),
                sentence,
                MentionKind::Person,
                EntityType::Person,
            )
        } else {
            let entity_type = if country.is_some() && !organization {
                EntityType::Norp
            } else {
                EntityType::Org
            };
            Mention::new(
                doc,
                tokens.clone(),
                sentence,
                MentionKind::Group,
                entity_type,
            )
        };
        m.former = tokens.start < atoms[first].tokens.start;
        if country.is_none() && name_atom.is_none() {
            if let Some(of_country) = self.country_after_of(j) {
                country = Some(of_country);
            }
        }
        m.sector = Some(role_row.sector);
        m.role = role_row.role.clone().filter(|_| !organization);
        m.role_phrase = Some(role_row.phrase.clone());
        // "the Pope", "the Taoiseach": an office of one country is that country's
        m.country = country
            .map(|c| kb.countries[c as usize].iso3)
            .or(role_row.home);
        m.toponym = country;
        if let Some(o) = p.body {
            let org = &kb.orgs[o as usize];
            m.org = Some(o);
            match org.country {
                // an international body's people act for it, not for a state
                None => m.sector = Some(Sector::Igo),
                Some(c) => {
                    m.country = Some(c);
                    // an armed group's fighters, leaders or spokesmen are the group
                    if matches!(org.sector, Sector::Reb | Sector::Ins) {
                        m.sector = Some(org.sector);
                    }
                }
            }
            // "Palestinian Authority officials": the place the name holds is a toponym still
            name_place_inside(doc, kb, &mut m);
        }
        if country.is_some() && p.role_start > first {
            // "Georgia authorities": the name may also be a state or town
            let atom = &atoms[first];
            m.toponym_tokens = Some(atom.tokens.clone());
            m.places = places_of(&atom.entries);
        }
        // "ethnic Albanians": a minority is coded by where it lives, not by its name
        if first_token_after(doc, &atoms[first].tokens, "ethnic") {
            m.country = None;
        }
        if let Some(n) = name_atom {
            fill_person_name(doc, kb, &mut m, n, self.published);
        }
        (Some(m), last + 1)
    }

    /// "Police Department", "Senate Finance Committee": whether the name
    /// right after the roles ending before atom `j` ends in an organization's
    /// head word; the roles and it then name that organization, not a person.
    fn organization_named_after_roles(&self, j: usize, sentence: usize) -> bool {
        let (doc, atoms) = (self.doc, self.atoms);
        atoms.get(j).is_some_and(|n| {
            n.entries.is_empty()
                && self.adjacent(sentence, &atoms[j - 1], n, false)
                && ORG_HEADS.contains(&doc.tokens[n.tokens.end - 1].lower.as_str())
        })
    }

    /// "in general": a lowercase person's office after a preposition, with
    /// no country and no name, is an idiom.
    fn is_bare_office(&self, p: &RolePhrase, sentence: usize) -> bool {
        let (doc, kb, atoms) = (self.doc, self.kb, self.atoms);
        let (k, j) = (p.first, p.end);
        let prev_word = doc.lower_before(atoms[k].tokens.start);
        p.country.is_none()
            && kb.roles[p.role as usize].person
            && doc.tokens[atoms[k].tokens.start].shape == Shape::Lower
            && !atoms.get(j).is_some_and(|n| {
                self.adjacent(sentence, &atoms[j - 1], n, false) && is_person_name(kb, &n.entries)
            })
            && BARE_ROLE_PREPOSITIONS.contains(&prev_word)
    }

    /// "the president of Armenia", "the government of Sudan": the country
    /// named right after "of" or "from" following the role that ends before atom `j`.
    fn country_after_of(&self, j: usize) -> Option<u32> {
        let (doc, atoms) = (self.doc, self.atoms);
        atoms
            .get(j)
            .filter(|n| {
                // "officials of Iran", "officials from Iran"
                n.tokens.start == atoms[j - 1].tokens.end + 1
                    && matches!(
                        doc.tokens[atoms[j - 1].tokens.end].lower.as_str(),
                        "of" | "from"
                    )
            })
            .and_then(|n| country_of(&n.entries))
    }

    /// "the Bush administration", "the Putin government": a leader's name
    /// before a government noun, at atoms `k` and `k + 1`.
    fn leader_government(&self, k: usize, sentence: usize) -> Option<Mention> {
        let (doc, kb) = (self.doc, self.kb);
        let a = &self.atoms[k];
        let next = self
            .atoms
            .get(k + 1)
            .filter(|n| self.adjacent(sentence, a, n, false))?;
        let leader = a.entries.iter().find_map(|e| match e {
            Entry::Holder(h) | Entry::Surname(h) => Some(*h),
            _ => None,
        });
        let government = role_of(&next.entries)
            .filter(|&r| GOVERNMENT_NOUNS.contains(&kb.roles[r as usize].phrase.as_str()));
        let (Some(h), Some(r)) = (leader, government) else {
            return None;
        };
        let holder = &kb.holders[h as usize];
        let tokens = a.tokens.start..next.tokens.end;
        let mut m = Mention::new(doc, tokens, sentence, MentionKind::Group, EntityType::Org);
        m.country = holder.country;
        m.sector = Some(kb.roles[r as usize].sector);
        m.role_phrase = Some(kb.roles[r as usize].phrase.clone());
        Some(m)
    }
}

/// Pronouns no mention covers ("US" written so is the country, not "us").
fn add_pronouns(doc: &Doc, out: &mut Vec<Mention>) {
    let mut covered = vec![false; doc.tokens.len()];
    for m in out.iter() {
        for t in m.tokens.clone() {
            covered[t] = true;
        }
    }
    for (si, s) in doc.sentences.iter().enumerate() {
        for i in s.tokens.clone() {
            let anaphor = || organisation_anaphor(doc, si, i).then_some(Pronoun::Organisation);
            if let Some(p) = pronoun(&doc.tokens[i].lower).or_else(anaphor) {
                if p == Pronoun::FirstPerson
                    && doc.tokens[i].lower == "us"
                    && doc.token_text(i) == "US"
                {
                    continue;
                }
                if covered[i] {
                    continue;
                }
                out.push(Mention::new(
                    doc,
                    i..i + 1,
                    si,
                    MentionKind::Pronoun(p),
                    EntityType::Pronoun,
                ));
            }
        }
    }
}

/// Whether token `i` of sentence `si` is "the group" (`kb/words.tsv`
/// organisation_anaphors) standing for an organisation: not "the group of
/// …", and no "group of" people in its sentence or the three before, whom
/// it may mean instead.
fn organisation_anaphor(doc: &Doc, si: usize, i: usize) -> bool {
    let lower = |k: usize| doc.tokens.get(k).map_or("", |t| t.lower.as_str());
    if i == 0 || lower(i - 1) != "the" || !ORGANISATION_ANAPHORS.contains(&lower(i)) {
        return false;
    }
    let from = doc.sentences[si.saturating_sub(3)].tokens.start;
    let end = doc.sentences[si].tokens.end;
    !(from..end).any(|k| ORGANISATION_ANAPHORS.contains(&lower(k)) && lower(k + 1) == "of")
}

/// "Paul Whelan, former Marine": a person takes the country of the
/// group, organization or demonym in an apposition right after the name;
/// "Kenzo Oshima, the United Nations relief coordinator", its international body.
fn apposition_countries(doc: &Doc, kb: &Kb, mentions: &mut [Mention]) {
    for k in 0..mentions.len().saturating_sub(1) {
        // "King Hassan of Morocco", "President Kabila of Congo": the country named wins
        if mentions[k].kind == MentionKind::Person
            && doc
                .tokens
                .get(mentions[k].tokens.end)
                .is_some_and(|t| t.lower == "of")
            && mentions[k + 1].tokens.start == mentions[k].tokens.end + 1
        {
            if let Some(ci) = mentions[k + 1].country_entry {
                let iso3 = kb.countries[ci as usize].iso3;
                if mentions[k].country != Some(iso3) {
                    mentions[k]
                        .holders
                        .retain(|&h| kb.holders[h as usize].country == Some(iso3));
                    mentions[k].country = Some(iso3);
                }
                continue;
            }
        }
        if mentions[k].kind != MentionKind::Person || mentions[k].country.is_some() {
            continue;
        }
        let end = mentions[k].tokens.end;
        if doc.tokens.get(end).is_none_or(|t| t.lower != ",") {
            continue;
        }
        let mut i = end + 1;
        let mut former = false;
        while let Some(t) = doc.tokens.get(i) {
            match t.lower.as_str() {
                "a" | "an" | "the" => i += 1,
                "former" | "ex-" | "retired" => {
                    former = true;
                    i += 1
                }
                _ => break,
            }
        }
        let next = mentions[k + 1].clone();
        if next.tokens.start != i && !(next.tokens.start + 1 == i && next.former) {
            continue;
        }
        if let Some(c) = next.country {
            mentions[k].country = Some(c);
            if former || next.former {
                mentions[k].sector = Some(Sector::Cvl);
            } else if mentions[k].sector.is_none() {
                mentions[k].sector = next.sector;
            }
        } else if let Some(o) = next
            .org
            .filter(|&o| kb.orgs[o as usize].country.is_none() && !former && !next.former)
        {
            mentions[k].org = Some(o);
            mentions[k].sector = Some(Sector::Igo);
        }
    }
}

/// Whether the word right before `tokens` is `word`.
fn first_token_after(doc: &Doc, tokens: &Range<usize>, word: &str) -> bool {
    tokens.start > 0 && doc.tokens[tokens.start - 1].lower == word
}

/// "former Marine": a preceding "former" belongs to the mention.
fn extend_left_former(doc: &Doc, tokens: Range<usize>) -> Range<usize> {
    if tokens.start > 0
        && matches!(
            doc.tokens[tokens.start - 1].lower.as_str(),
            "former" | "ex-" | "retired"
        )
    {
        tokens.start - 1..tokens.end
    } else {
        tokens
    }
}

/// Whether the tokens from `at` are a hyphen written tight between the word
/// before and a lowercase word ("European-based").
fn hyphened_to_word(doc: &Doc, at: usize) -> bool {
    let (Some(hyphen), Some(word)) = (doc.tokens.get(at), doc.tokens.get(at + 1)) else {
        return false;
    };
    at > 0
        && hyphen.lower == "-"
        && doc.tokens[at - 1].span.end == hyphen.span.start
        && hyphen.span.end == word.span.start
        && word.shape == Shape::Lower
}

fn is_person_name(kb: &Kb, entries: &[Entry]) -> bool {
    entries.is_empty()
        || entries
            .iter()
            .any(|e| matches!(e, Entry::Holder(_) | Entry::Surname(_)))
        || entries.iter().all(|e| match e {
            Entry::Place(p) => kb.places[*p as usize].population < 50_000,
            _ => false,
        })
}

/// Sets a person's name and office-holder candidates.
/// How many years after leaving office a holder's surname alone still names them.
const SURNAME_YEARS: u32 = 10;

fn fill_person_name(doc: &Doc, kb: &Kb, m: &mut Mention, n: &Atom, published: Option<u32>) {
    let text =
        &doc.text[doc.tokens[n.tokens.start].span.start..doc.tokens[n.tokens.end - 1].span.end];
    m.name = Some(text.to_string());
    let mut holders: Vec<u32> = n
        .entries
        .iter()
        .filter_map(|e| match e {
            Entry::Holder(h) | Entry::Surname(h) => Some(*h),
            _ => None,
        })
        .collect();
    holders.sort();
    holders.dedup();
    if let Some(date) = published {
        let current: Vec<u32> = holders
            .iter()
            .copied()
            .filter(|&h| kb.holders[h as usize].covers(date))
            .collect();
        if !current.is_empty() {
            holders = current;
        }
        // a surname alone ("Suarez") names a holder only while the office is
        // recent news; long after, it is as likely anyone of that name
        let full_name = n.entries.iter().any(|e| matches!(e, Entry::Holder(_)));
        if !full_name {
            holders.retain(|&h| kb.holders[h as usize].recent_at(date, SURNAME_YEARS));
        }
    }
    // Keep holders whose country agrees with the title's, when it has one.
    if let Some(c) = &m.country {
        let same: Vec<u32> = holders
            .iter()
            .copied()
            .filter(|&h| kb.holders[h as usize].country == Some(c))
            .collect();
        if !same.is_empty() {
            holders = same;
        }
    }
    m.holders = holders;
}

/// The mention of a lone atom: a country, organization, metonym, people,
/// person, demonym, place, office or unknown name, in that order of trust.
fn single(
    doc: &Doc,
    kb: &Kb,
    a: &Atom,
    sentence: usize,
    published: Option<u32>,
    blind: bool,
    before: &[Atom],
) -> Option<Mention> {
    let lone = Lone::new(doc, kb, a, sentence, before);
    let entries = &a.entries;
    if let Some(c) = country_of(entries) {
        return Some(lone.country(c));
    }
    // "Fars Province": a name that is an organization's and a place's is the
    // place before a capitalised division word
    let places = places_of(entries);
    if division_word_at(doc, a.tokens.end, sentence) && !places.is_empty() {
        return Some(lone.place(places));
    }
    if let Some(o) = org_of(entries) {
        return Some(lone.org(o));
    }
    if let Some(x) = metonym_of(entries) {
        // "Kiev" is a capital's name before it is its government's seat: a
        // place, that stands for its government as "Moscow" does
        let country = kb.metonyms[x as usize].country;
        let capital = places.iter().any(|&p| {
            kb.capital_of(p)
                .is_some_and(|ci| kb.countries[ci as usize].iso3 == country)
        });
        if !capital {
            return Some(lone.metonym(x));
        }
    }
    let state_named_first = lone.state_named_first();
    // an unknown people ("Kurds", "Nuer") is then a group of that state
    if entries.is_empty() && lone.tokens.len() == 1 && !blind {
        if let Some(d) = state_named_first {
            return Some(lone.people_of(d));
        }
    }
    if let Some(m) = lone.person(published) {
        return Some(m);
    }
    if let Some(d) = demonym_of(entries) {
        return Some(lone.demonym(d, state_named_first));
    }
    if !places.is_empty() {
        return Some(lone.place(places));
    }
    if let Some(r) = role_of(entries) {
        return lone.role(r);
    }
    Some(lone.unknown_name())
}

/// A lone atom and the words around it.
struct Lone<'a> {
    doc: &'a Doc,
    kb: &'a Kb,
    atom: &'a Atom,
    sentence: usize,
    /// the atoms before it, in text order
    before: &'a [Atom],
    tokens: Range<usize>,
    first_lower: &'a str,
    last_lower: &'a str,
    /// the word before it, or ""
    prev_lower: &'a str,
    plural: bool,
}

impl<'a> Lone<'a> {
    fn new(doc: &'a Doc, kb: &'a Kb, atom: &'a Atom, sentence: usize, before: &'a [Atom]) -> Self {
        let tokens = atom.tokens.clone();
        let last_lower = doc.tokens[tokens.end - 1].lower.as_str();
        Lone {
            doc,
            kb,
            atom,
            sentence,
            before,
            first_lower: doc.tokens[tokens.start].lower.as_str(),
            last_lower,
            prev_lower: doc.lower_before(tokens.start),
            plural: last_lower.ends_with('s') && !last_lower.ends_with("ss"),
            tokens,
        }
    }

    fn mention(&self, kind: MentionKind, entity_type: EntityType) -> Mention {
        Mention::new(
            self.doc,
            self.tokens.clone(),
            self.sentence,
            kind,
            entity_type,
        )
    }

    /// A country's name, which may also be a place's ("Georgia").
    fn country(&self, c: u32) -> Mention {
        let mut m = self.mention(MentionKind::State, EntityType::Gpe);
        m.country = Some(self.kb.countries[c as usize].iso3);
        m.country_entry = Some(c);
        m.places = places_of(&self.atom.entries);
        m
    }

    fn org(&self, o: u32) -> Mention {
        let org = &self.kb.orgs[o as usize];
        let mut m = self.mention(MentionKind::Org, EntityType::Org);
        m.org = Some(o);
        m.country = org.country;
        m.sector = Some(org.sector);
        m
    }

    /// "the Kremlin", "the White House": a building for its state.
    fn metonym(&self, x: u32) -> Mention {
        let met = &self.kb.metonyms[x as usize];
        let mut m = self.mention(MentionKind::State, EntityType::Fac);
        m.country = Some(met.country);
        m.sector = Some(met.sector);
        m
    }

    /// "Bosnian Serbs", "Iraqi Kurds": a people is coded by the state whose
    /// demonym comes right before.
    fn state_named_first(&self) -> Option<u32> {
        self.before
            .last()
            .filter(|b| self.plural && b.tokens.end == self.tokens.start && b.tokens.len() == 1)
            .and_then(|b| demonym_of(&b.entries))
    }

    /// An unknown people after a state's demonym: a group of that state.
    fn people_of(&self, d: u32) -> Mention {
        let mut m = self.mention(MentionKind::Group, EntityType::Norp);
        m.country = Some(self.kb.countries[d as usize].iso3);
        m.sector = Some(Sector::Cvl);
        m.toponym = Some(d);
        m
    }

    /// An office-holder's name, or a surname where no place is likelier:
    /// after a title, or for a small town not written after a preposition.
    fn person(&self, published: Option<u32>) -> Option<Mention> {
        let kb = self.kb;
        let entries = &self.atom.entries;
        let holders: Vec<u32> = entries
            .iter()
            .filter_map(|e| match e {
                Entry::Holder(h) => Some(*h),
                _ => None,
            })
            .collect();
        let surnames: Vec<u32> = entries
            .iter()
            .filter_map(|e| match e {
                Entry::Surname(h) => Some(*h),
                _ => None,
            })
            .collect();
        let places = places_of(entries);
        let biggest_place = places
            .iter()
            .map(|&p| kb.places[p as usize].population)
            .max()
            .unwrap_or(0);
        let titled = PERSON_TITLES.contains(&self.prev_lower);
        // "in Pratt", "the Pratt area", "a Pratt man"
        let locative = matches!(self.prev_lower, "in" | "at" | "near" | "from" | "to" | "of")
            || placed_by_the_words_around(self.doc, self.tokens.clone());
        let is_person = !holders.is_empty()
            || (!surnames.is_empty()
                && (titled || places.is_empty() || (biggest_place < 100_000 && !locative)));
        if !is_person {
            return None;
        }
        let mut m = self.mention(MentionKind::Person, EntityType::Person);
        fill_person_name(self.doc, kb, &mut m, self.atom, published);
        // A lone surname names a holder only when it names one person.
        if holders.is_empty()
            && m.holders
                .iter()
                .any(|&h| kb.holders[h as usize].name != kb.holders[m.holders[0] as usize].name)
        {
            m.holders.clear();
        }
        Some(m)
    }

    /// "the Russians" are a group; "Russian" before a noun stands for the state.
    fn demonym(&self, d: u32, state_named_first: Option<u32>) -> Mention {
        if self.prev_lower == "ethnic" {
            // "ethnic Albanians": coded by where they live, later, from the sentence
            let mut m = self.mention(MentionKind::Group, EntityType::Norp);
            m.sector = Some(Sector::Cvl);
            m.role_phrase = Some(format!("ethnic {}", self.last_lower));
            m.toponym = Some(d);
            return m;
        }
        let d = state_named_first.unwrap_or(d);
        let kind = if self.plural {
            MentionKind::Group
        } else {
            MentionKind::State
        };
        let mut m = self.mention(kind, EntityType::Norp);
        m.country = Some(self.kb.countries[d as usize].iso3);
        m.toponym = Some(d);
        m
    }

    /// A place; a continent's name is a location.
    fn place(&self, places: Vec<u32>) -> Mention {
        let kb = self.kb;
        let mut m = self.mention(MentionKind::Place, EntityType::Gpe);
        m.places = places;
        let any_city = m
            .places
            .iter()
            .any(|&p| kb.places[p as usize].kind == PlaceKind::City);
        if !any_city
            && m.places
                .iter()
                .all(|&p| kb.places[p as usize].kind == PlaceKind::Continent)
        {
            m.entity_type = EntityType::Loc;
        }
        m
    }

    /// An office or a collective by role ("the minister", "police"); none
    /// for a bare office after a preposition.
    fn role(&self, r: u32) -> Option<Mention> {
        let (doc, kb, tokens) = (self.doc, self.kb, &self.tokens);
        let role = &kb.roles[r as usize];
        // "in general", "at large": a bare lowercase singular office is no actor.
        // only after a preposition: "a prominent anti-Syria journalist" is someone
        if role.person
            && doc.tokens[tokens.start].shape == Shape::Lower
            && BARE_ROLE_PREPOSITIONS.contains(&self.prev_lower)
        {
            return None;
        }
        let (kind, entity_type) = if role.person {
            (MentionKind::Person, EntityType::Person)
        } else {
            (MentionKind::Group, EntityType::Org)
        };
        let with_former = extend_left_former(doc, tokens.clone());
        let mut m = Mention::new(doc, with_former, self.sentence, kind, entity_type);
        m.former = m.tokens.start < tokens.start;
        m.sector = Some(role.sector);
        m.role = role.role.clone();
        m.role_phrase = Some(role.phrase.clone());
        // "Russia's ambassador", "the country's police": a possessor before the role.
        if let Some(prev) = self.before.last() {
            if prev.tokens.end + 1 == tokens.start && herald_core::is_possessive(self.prev_lower) {
                m.country =
                    demonym_or_country(&prev.entries).map(|c| kb.countries[c as usize].iso3);
            }
        }
        Some(m)
    }

    /// Unknown capitalised name: a person unless it looks like an
    /// organization or stands where a place is written.
    fn unknown_name(&self) -> Mention {
        let (doc, tokens) = (self.doc, &self.tokens);
        let is_org = ORG_HEADS.contains(&self.last_lower)
            || tokens.clone().any(|i| doc.tokens[i].lower == "of")
            || doc.tokens[tokens.start].shape == Shape::Upper;
        // "the Expropriation Act", "the Paris Accord": a document acts for nobody
        // ("Judy Law" and "Law said" are people)
        if DOCUMENT_HEADS.contains(&self.last_lower)
            && tokens.len() >= 2
            && !herald_nlp::is_given_name(self.first_lower)
        {
            return self.mention(MentionKind::Org, EntityType::Misc);
        }
        if is_org {
            return self.mention(MentionKind::Org, EntityType::Org);
        }
        // "Wooster St.", "Archibald Street", "Jamsil Stadium", "Puge District": a
        // street, a venue or a division the gazetteer lacks, never a person
        if tokens.len() >= 2
            && (STREET_HEADS.contains(&self.last_lower)
                || DIVISION_WORDS.contains(&self.last_lower))
        {
            return self.mention(MentionKind::Place, EntityType::Loc);
        }
        // "Shiraz, Fars Province": the division word left after a place's name is
        // part of that place's name, no one's
        if tokens.len() == 1 && DIVISION_WORDS.contains(&self.first_lower) {
            return self.mention(MentionKind::Place, EntityType::Loc);
        }
        // "talks in Panmunjom", "at Makeen": after a preposition of place, a place
        // the gazetteer lacks, not a person ("in Smith's view" is one)
        let possessor = doc
            .tokens
            .get(tokens.end)
            .is_some_and(|t| t.is_possessive());
        if matches!(self.prev_lower, "in" | "at" | "near" | "outside") && !possessor {
            return self.mention(MentionKind::Place, EntityType::Loc);
        }
        if (named_as_settlement(doc, tokens.start)
            || placed_by_the_words_around(doc, tokens.clone()))
            && !possessor
        {
            return self.mention(MentionKind::Place, EntityType::Loc);
        }
        let mut m = self.mention(MentionKind::Person, EntityType::Person);
        m.name = Some(m.text(doc).to_string());
        // One capitalised word with no title is too weak to be a person actor.
        if tokens.len() == 1
            && !PERSON_TITLES.contains(&self.prev_lower)
            && self.first_lower.len() < 3
        {
            m.entity_type = EntityType::Misc;
        }
        // "European-based", "Kremlin-backed": a name hyphened to a common word modifies it
        if hyphened_to_word(doc, m.tokens.end) {
            m.entity_type = EntityType::Misc;
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    #[test]
    fn an_unknown_name_where_a_place_is_written_is_no_person() {
        let kinds = |text: &str| -> Vec<(String, MentionKind)> {
            found(text).into_iter().map(|(t, k, ..)| (t, k)).collect()
        };
        let k = kinds("Rebel leaders met in Zqarvo on Monday.");
        assert!(k.contains(&("Zqarvo".into(), MentionKind::Place)), "{k:?}");
        // a possessor is someone: "in Zqarvo's view"
        let k = kinds("The plan failed in Zqarvo's view.");
        assert!(k.contains(&("Zqarvo".into(), MentionKind::Person)), "{k:?}");
    }

    #[test]
    fn a_compass_word_before_a_place_and_a_division_word_after_it_are_part_of_its_name() {
        // first in the text too: nothing before the name to look at
        let k = found("North London and Western Canada had snow, and voters in Oaxaca State went to the polls.");
        for (name, kind) in [
            ("North London", MentionKind::Place),
            ("Western Canada", MentionKind::State),
            ("Oaxaca State", MentionKind::Place),
        ] {
            assert!(
                k.iter().any(|(t, k, ..)| t == name && *k == kind),
                "{name}: {k:?}"
            );
        }
        for alone in ["North", "Western", "State"] {
            assert!(!k.iter().any(|(t, ..)| t == alone), "{alone}: {k:?}");
        }
        // lowercase, it stays apart
        let k = found("Snow fell in northern London on Monday.");
        assert!(k.iter().any(|(t, ..)| t == "London"), "{k:?}");
    }

    #[test]
    fn a_lowercase_division_word_after_an_unknown_place_is_part_of_its_name() {
        let k = found(
            "Homes were buried in Qelvanxi county after the rain, far from Sichuan province.",
        );
        assert!(has(&k, "Qelvanxi county", MentionKind::Place), "{k:?}");
        // a place the gazetteer knows keeps its name alone
        assert!(k.iter().any(|(t, ..)| t == "Sichuan"), "{k:?}");
        // and a division word starts no name of its own
        assert!(!k.iter().any(|(t, ..)| t.ends_with("province")), "{k:?}");
    }

    #[test]
    fn a_known_short_name_inside_a_persons_name_is_part_of_it() {
        // an armed group's short name after a given name and an initial is a surname
        let k = found("Rep. Joseph F. Wagner said the committee would vote on the bill.");
        assert!(
            has(&k, "Rep. Joseph F. Wagner", MentionKind::Person),
            "{k:?}"
        );
        assert!(!k.iter().any(|(t, ..)| t == "Wagner"), "{k:?}");
        // an office holder's surname that is a given name opens a longer name
        let k = found("Students at Sam Houston State University and John Peter Smith Hospital staff protested.");
        assert!(!k.iter().any(|(t, ..)| t == "Sam" || t == "John"), "{k:?}");
        // elsewhere the name stays the group's
        let k = found("The Wagner Group withdrew, and Wagner fighters left Bakhmut.");
        assert!(
            k.iter()
                .any(|(t, _, _, c)| t.contains("Wagner") && *c == Some("RUS")),
            "{k:?}"
        );
    }

    #[test]
    fn a_language_after_in_names_nobody() {
        let k = found("The statement was published in English, French and Swahili in Nairobi.");
        for language in ["English", "French", "Swahili"] {
            assert!(!k.iter().any(|(t, ..)| t == language), "{language}: {k:?}");
        }
        assert!(k.iter().any(|(t, ..)| t == "Nairobi"), "{k:?}");
        // a people's word before a noun still names its state
        let k = found("The pilot remained in Turkish custody.");
        assert!(k.iter().any(|(t, ..)| t.starts_with("Turkish")), "{k:?}");
        let k = found("She works in Russian-American art.");
        assert!(k.iter().any(|(t, ..)| t.starts_with("Russian")), "{k:?}");
        // and a language named as the subject is left alone
        let k = found("English is spoken in Nairobi.");
        assert!(k.iter().any(|(t, ..)| t == "English"), "{k:?}");
    }

    #[test]
    fn a_numbered_road_is_a_place() {
        let k = found("A truck overturned on Interstate 64 and closed Highway 1 near Charleston.");
        for road in ["Interstate 64", "Highway 1"] {
            assert!(has(&k, road, MentionKind::Place), "{road}: {k:?}");
        }
        // a road word without its number names nothing
        let k = found("The Interstate was closed.");
        assert!(!has(&k, "Interstate", MentionKind::Place), "{k:?}");
    }

    #[test]
    fn a_name_after_the_village_of_is_a_place() {
        let k = found("The landslide hit the village of Qelmoxi at dawn.");
        assert!(has(&k, "Qelmoxi", MentionKind::Place), "{k:?}");
        // "the mayor of Qelmoxi" says nothing of what Qelmoxi is
        let k = found("The mayor of Qelmoxi spoke.");
        assert!(!has(&k, "Qelmoxi", MentionKind::Place), "{k:?}");
    }

    #[test]
    fn a_college_a_library_or_a_club_is_an_organization() {
        let k = found("She attended Qorvel Community College and works at the Zimtova Library.");
        for name in ["Qorvel Community College", "Zimtova Library"] {
            assert!(has(&k, name, MentionKind::Org), "{name}: {k:?}");
        }
    }

    #[test]
    fn a_street_or_a_venue_is_a_place_and_no_person() {
        let k = found("Police closed Archibald Street and Qorvel St. after the fire.");
        for street in ["Archibald Street", "Qorvel St."] {
            assert!(has(&k, street, MentionKind::Place), "{street}: {k:?}");
        }
        let k = found("A blast hit Shiraz in Fars Province on Monday.");
        assert!(!has(&k, "Province", MentionKind::Person), "{k:?}");
        // Fars is a news agency too; before "Province" it is the province
        let k = found("The governor of Fars Province said two died. Fars reported it.");
        assert!(has(&k, "Fars Province", MentionKind::Place), "{k:?}");
        assert!(has(&k, "Fars", MentionKind::Org), "{k:?}");
        // only a capitalised division word ends a division's name: a lowercase
        // one is often a modifier ("a Qorvelan state senator")
        let k = found("Floods hit Zimtova District, a Qorvelan state senator said.");
        let place = |name: &str| has(&k, name, MentionKind::Place);
        assert!(place("Zimtova District"), "{k:?}");
        assert!(!place("Qorvelan"), "{k:?}");
        // a person whose name ends in another word stays a person
        let k = found("Archibald Qorvel said the fire was out.");
        assert!(has(&k, "Archibald Qorvel", MentionKind::Person), "{k:?}");
    }

    #[test]
    fn a_province_by_its_abbreviation_and_not_an_era() {
        let k = found("Farmers in Fort St. John, B.C., sued the province on Monday.");
        assert!(has(&k, "B.C.", MentionKind::Place), "{k:?}");
        let k = found("The temple near Athens was built in 500 B.C. and restored in AD 79.");
        assert!(k.iter().all(|(t, ..)| t != "B.C." && t != "AD"), "{k:?}");
    }

    #[test]
    fn a_family_named_in_the_plural_is_no_place() {
        // "Boons" is an old name of Severna Park, Maryland
        let k = found("Arlene Boon said the farm was her grandfather's. The Boons have farmed there since 1950.");
        assert!(has(&k, "Boons", MentionKind::Person), "{k:?}");
    }

    #[test]
    fn a_town_before_a_local_office_is_a_place_and_the_holder_a_person() {
        let k = found("The fire was out by noon, said Litchfield Fire Chief Jim Koser.");
        assert!(has(&k, "Litchfield", MentionKind::Place), "{k:?}");
        let roles = each_of(
            "Fargo City Commissioner Tim Mahoney and Huntsville City Manager Bill Baine met.",
            MentionKind::Person,
            |m, _| (m.role.clone(), m.sector),
        );
        assert_eq!(
            roles,
            [
                (
                    "City Commissioner Tim Mahoney".to_string(),
                    (Some("City Commissioner".to_string()), Some(Sector::Gov))
                ),
                (
                    "City Manager Bill Baine".to_string(),
                    (Some("City Manager".to_string()), Some(Sector::Gov))
                )
            ]
        );
    }

    #[test]
    fn a_town_before_an_institutions_head_word_is_where_it_stands() {
        let k = found("The men escaped from the Branchville Correctional Facility on March 3.");
        assert!(has(&k, "Branchville", MentionKind::Place), "{k:?}");
        assert!(!k.iter().any(|m| m.1 == MentionKind::Person), "{k:?}");
        // the head word is no town of its own (a "Zoo" abroad)
        let k = found("The lion came in 2004 from the Alexandria Zoo.");
        assert!(has(&k, "Alexandria", MentionKind::Place), "{k:?}");
        assert!(!has(&k, "Zoo", MentionKind::Place), "{k:?}");
    }

    #[test]
    fn a_state_after_a_town_and_a_comma_ends_there() {
        let k = found("He trained in Harrisburg, Pa. Smerecznsky said he had never seen it.");
        assert!(has(&k, "Pa.", MentionKind::Place), "{k:?}");
        assert!(has(&k, "Smerecznsky", MentionKind::Person), "{k:?}");
    }

    #[test]
    fn a_place_before_a_party_members_word_is_the_members_home() {
        let k = found(
            "Chris Dodd, a Connecticut Democrat, and Jon Husted, a Kettering Republican, spoke.",
        );
        assert!(has(&k, "Connecticut", MentionKind::Place), "{k:?}");
        assert!(has(&k, "Kettering", MentionKind::Place), "{k:?}");
        assert!(
            !k.iter()
                .any(|m| m.0.ends_with("Democrat") || m.0.ends_with("Republican")),
            "{k:?}"
        );
        // an unknown home is left as it was read
        let k = found("Jon Husted, a Qorvelo Republican, spoke.");
        assert!(!has(&k, "Qorvelo", MentionKind::Place), "{k:?}");
    }

    #[test]
    fn a_capital_by_an_older_spelling_is_a_place_not_only_a_seat() {
        let k = found("Explosions hit Kiev and Sanaa, and Aso Rock said nothing.");
        assert!(has(&k, "Kiev", MentionKind::Place), "{k:?}");
        assert!(has(&k, "Sanaa", MentionKind::Place), "{k:?}");
        // a seat of government that names no capital stays the government's
        assert!(has(&k, "Aso Rock", MentionKind::State), "{k:?}");
    }

    #[test]
    fn a_firms_chief_officers_are_business_people_not_police() {
        let sectors = each_of(
            "The land will be seized, said the chief executive officer and the chief financial officer.",
            MentionKind::Person,
            |m, _| m.sector,
        );
        assert_eq!(
            sectors,
            [
                ("chief executive officer".to_string(), Some(Sector::Bus)),
                ("chief financial officer".to_string(), Some(Sector::Bus))
            ]
        );
    }

    #[test]
    fn a_county_named_without_its_division_word_before_its_office_is_that_county() {
        for (text, county) in [
            ("DuPage Sheriff John Zaruba is warning drivers.", "DuPage"),
            ("Henrico police seek a missing man.", "Henrico"),
            (
                "Deputies arrest Pointe Coupee teen on weapon count.",
                "Pointe Coupee",
            ),
        ] {
            let k = each_of(text, MentionKind::Place, |m, kb| {
                m.places
                    .iter()
                    .any(|&p| kb.places[p as usize].kind == PlaceKind::County)
            });
            assert_eq!(k, [(county.to_string(), true)], "{text}");
        }
        // an unknown name before other words is left as it was read
        let k = found("Zaruba wrote the report.");
        assert!(!has(&k, "Zaruba", MentionKind::Place), "{k:?}");
    }

    #[test]
    fn a_surname_listed_only_with_places_is_a_place() {
        let k =
            found("Armories opened in Great Bend, Hutchinson, Kingman, Larned, Pratt and Wichita.");
        assert!(has(&k, "Pratt", MentionKind::Place), "{k:?}");
        // beside people, or beside one place only, it stays a person
        let k = found("The award went to Hutchinson, Smith and Pratt.");
        assert!(has(&k, "Pratt", MentionKind::Person), "{k:?}");
        let k = found("The award went to Wichita and Pratt.");
        assert!(has(&k, "Pratt", MentionKind::Person), "{k:?}");
        // a leader known by surname stays a person
        let k = found("Talks between Obama, Paris and Berlin went on.");
        assert!(has(&k, "Obama", MentionKind::Person), "{k:?}");
        let k = found("Markets are the Netherlands, Scandinavia and Eastern and Southern Europe.");
        assert!(!has(&k, "Eastern", MentionKind::Place), "{k:?}");
    }

    #[test]
    fn one_name_of_a_person_named_in_full_is_that_person() {
        let text = "\"Prices will rise,\" says Conrad Rijnhout. \"We pack in May,\" \
                    Conrad continues. According to Conrad, demand grows. \
                    \"It is late,\" said Taylor. Ann Taylor agreed.";
        let k = found(text);
        let lone = |w: &str| {
            k.iter()
                .filter(|m| m.0 == w)
                .map(|m| m.1)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            lone("Conrad"),
            [MentionKind::Person, MentionKind::Person],
            "{k:?}"
        );
        assert_eq!(lone("Taylor"), [MentionKind::Person], "{k:?}");
        // where no such person speaks, or the town is where something is, it stays a town
        let k = found("Crews in Conrad responded on Monday. Conrad Rijnhout was there.");
        assert!(has(&k, "Conrad", MentionKind::Place), "{k:?}");
        // the surname of one named with a given name is that person anywhere
        let k = found(
            "Police arrested Darryl Keith Warden, 44. Officers went to Warden's home, \
             where Warden hit her.",
        );
        assert_eq!(lone("Warden"), [], "{k:?}");
        assert!(
            k.iter()
                .filter(|m| m.0 == "Warden")
                .all(|m| m.1 == MentionKind::Person),
            "{k:?}"
        );
        // a title in the name marks a person too; "of Jones' appointment" is no location
        let k = found("The Rev. Roy Jones' job ended. McCoy spoke of Jones' appointment.");
        assert!(
            k.iter()
                .filter(|m| m.0 == "Jones")
                .all(|m| m.1 == MentionKind::Person),
            "{k:?}"
        );
        // but not in a list of places, nor where a name ends as a thing's does
        let k = found(
            "Tom Hutchinson met Ann Dolly. Armories opened in Dodge City, \
             Hutchinson, Larned and Wichita.",
        );
        assert!(has(&k, "Hutchinson", MentionKind::Place), "{k:?}");
    }

    #[test]
    fn a_name_opened_by_a_town_and_ended_by_a_common_word_is_no_person() {
        let text = "The Richmond Winterfest Weekend drew crowds to Richmond. \
                    Paris PD said the threat to Paris was not real.";
        let k = found(text);
        assert!(
            has(&k, "Richmond Winterfest Weekend", MentionKind::Org),
            "{k:?}"
        );
        assert!(has(&k, "Paris PD", MentionKind::Org), "{k:?}");
        // a word like a surname, a given name or a title keeps a person
        let k = found("Tyler Kivel and Dallas Mayor Eric Johnson met in Tyler and Dallas.");
        assert!(has(&k, "Tyler Kivel", MentionKind::Person), "{k:?}");
        assert!(!k.iter().any(|m| m.1 == MentionKind::Org), "{k:?}");
    }

    #[test]
    fn a_county_the_story_names_whole_is_that_county_named_short() {
        let k =
            found("Vanderburgh County grew last year. Officials said Vanderburgh had lost people.");
        assert_eq!(
            k.iter().filter(|m| m.1 == MentionKind::Place).count(),
            2,
            "{k:?}"
        );
        // a name the story never writes with its division word stays a person
        let k = found("Officials said Vanderburgh had lost people.");
        assert!(has(&k, "Vanderburgh", MentionKind::Person), "{k:?}");
    }

    #[test]
    fn a_surname_before_area_or_after_a_before_a_resident_is_a_town() {
        let k = found("Snow fell in the Pratt area, and a Pratt man was hurt.");
        assert_eq!(
            k.iter()
                .filter(|m| m.0 == "Pratt" && m.1 == MentionKind::Place)
                .count(),
            2,
            "{k:?}"
        );
    }

    #[test]
    fn a_compass_word_joins_a_state_or_a_town_it_precedes() {
        let k = found("Scouts from Northeast Nebraska drove to West Wichita.");
        assert!(has(&k, "Northeast Nebraska", MentionKind::Place), "{k:?}");
        assert!(has(&k, "West Wichita", MentionKind::Place), "{k:?}");
        // the town of West, before a comma, stays itself
        let k = found("He moved to West, Texas, in 2010.");
        assert!(has(&k, "West", MentionKind::Place), "{k:?}");
    }

    #[test]
    fn a_legislators_home_after_the_party_letter_is_a_place() {
        let k = found(
            "Majority Leader Brent Boggs, D-Braxton, Clif Moore (R-McDowell) and Nancy Pelosi, D-Calif., spoke.",
        );
        assert!(has(&k, "Braxton", MentionKind::Place), "{k:?}");
        assert!(has(&k, "McDowell", MentionKind::Place), "{k:?}");
        assert!(!k.iter().any(|m| m.0 == "D" || m.0 == "R"), "{k:?}");
        let counties = each_of(
            "Sen. Ann Lee, D-Braxton, spoke.",
            MentionKind::Place,
            |m, kb| {
                m.places
                    .iter()
                    .any(|&p| kb.places[p as usize].kind == PlaceKind::County)
            },
        );
        assert_eq!(counties, [("Braxton".to_string(), true)]);
    }

    #[test]
    fn a_name_before_area_or_after_a_before_a_resident_is_a_place() {
        let k = found("Snow fell in the Lindsay area. A Tennessee Colony man was hurt.");
        assert!(has(&k, "Lindsay", MentionKind::Place), "{k:?}");
        assert!(has(&k, "Tennessee Colony", MentionKind::Place), "{k:?}");
        let k = found("Officials in Warren County's Hamilton Township met.");
        assert!(has(&k, "Hamilton Township", MentionKind::Place), "{k:?}");
        // a person's name stays one where nothing places it
        let k = found("Lindsay said the Tennessee Colony men left.");
        assert!(!has(&k, "Lindsay", MentionKind::Place), "{k:?}");
    }

    #[test]
    fn an_office_before_an_organizations_head_names_that_organization() {
        let groups = each_of(
            "The Athens Police Department arrested a man. Max Baucus, the chairman of the Senate Finance Committee, spoke.",
            MentionKind::Group,
            |m, _| (m.entity_type.as_str(), m.sector),
        );
        assert_eq!(
            groups,
            [
                ("Police Department".to_string(), ("ORG", Some(Sector::Cop))),
                (
                    "Senate Finance Committee".to_string(),
                    ("ORG", Some(Sector::Leg))
                )
            ]
        );
        // an office before a person's name still names that person
        let k = found("Police Chief Jim Koser said so.");
        assert!(
            has(&k, "Police Chief Jim Koser", MentionKind::Person),
            "{k:?}"
        );
    }

    #[test]
    fn a_drive_or_a_parkway_is_a_street_and_a_station_an_organization() {
        let k = found("Talmadge Drive between Pine Needle Drive and Sylvan Road will close.");
        assert!(has(&k, "Talmadge Drive", MentionKind::Place), "{k:?}");
        assert!(has(&k, "Pine Needle Drive", MentionKind::Place), "{k:?}");
        let k = found("The crews met at the Cottonport Fire Station on Monday.");
        assert!(!k.iter().any(|m| m.1 == MentionKind::Person), "{k:?}");
    }

    #[test]
    fn a_surname_after_a_middle_initial_is_the_persons_when_repeated() {
        let k = found("Who wanted Matthew D. Flores dead? Flores was an engineer.");
        assert!(!k.iter().any(|m| m.1 == MentionKind::Place), "{k:?}");
        assert!(has(&k, "Flores", MentionKind::Person), "{k:?}");
        let k = found("John F. Kennedy spoke. Kennedy was shot.");
        assert!(!k.iter().any(|m| m.1 == MentionKind::Place), "{k:?}");
        // beside another name word, the surname is still the person's
        let k = found("Campbell Paterson was killed. Mr Paterson had come from Auckland.");
        assert!(has(&k, "Campbell Paterson", MentionKind::Person), "{k:?}");
        // placed, or inside another name, the town stays
        let k = found(
            "Mr. Arlington won. He led the Arlington Boys Club and lived in Arlington, Texas.",
        );
        assert_eq!(
            k.iter()
                .filter(|m| m.0 == "Arlington" && m.1 == MentionKind::Place)
                .count(),
            2,
            "{k:?}"
        );
    }

    #[test]
    fn an_abbreviated_month_is_a_date_not_a_name() {
        let k = found("Tynes drove to the farm on Oct. 14 and to Richmond on Sept. 2.");
        assert!(k.iter().all(|(t, ..)| t != "Oct." && t != "Sept."), "{k:?}");
    }

    #[test]
    fn a_feast_day_is_a_date_not_the_town_so_named() {
        let k = found("Nurses in Leeds will march before Christmas, the British union said.");
        assert!(k.iter().all(|(t, ..)| t != "Christmas"), "{k:?}");
        let k = found("A fire destroyed a barn in Christmas, Florida on Monday.");
        assert!(has(&k, "Christmas", MentionKind::Place), "{k:?}");
    }

    #[test]
    fn a_lone_surname_names_a_holder_only_with_support_in_the_story() {
        let holders = |text: &str| each_of(text, MentionKind::Person, |m, _| !m.holders.is_empty());
        // nothing else in the story points to São Tomé and Príncipe: a namesake
        assert_eq!(
            holders("Schools will open on Monday, Carvalho told parents in Miami."),
            [("Carvalho".to_string(), false)]
        );
        // a populous country's leader is known by the surname alone, the
        // family name first where it comes first; not by a given name
        assert_eq!(
            holders("Putin met Xi in Beijing on Monday."),
            [("Putin".to_string(), true), ("Xi".to_string(), true)]
        );
        assert!(holders("Kim said the library would close.")
            .iter()
            .all(|(_, h)| !h));
        assert!(holders("The Green Party candidate spoke.")
            .iter()
            .all(|(_, h)| !h));
        // a minister is not: Walker was Chile's foreign minister, of 19 million
        assert_eq!(
            holders("Walker, a neighbor, called the fire department."),
            [("Walker".to_string(), false)]
        );
        // a leader known by surname speaks for his country's ministers
        assert_eq!(
            holders("Putin met Xi in Beijing. Lavrov said the talks went well."),
            [
                ("Putin".to_string(), true),
                ("Xi".to_string(), true),
                ("Lavrov".to_string(), true)
            ]
        );
        // the country named, or the holder named in full, keeps the holder
        assert_eq!(
            holders("Lavrov said Russia would not attend the talks."),
            [("Lavrov".to_string(), true)]
        );
        assert_eq!(
            holders("Sergei Lavrov arrived in Delhi. Lavrov said the talks went well."),
            [
                ("Sergei Lavrov".to_string(), true),
                ("Lavrov".to_string(), true)
            ]
        );
    }

    #[test]
    fn a_holder_known_by_a_given_name_alone_is_not_a_namesake() {
        // "Philippe" alone is the King of the Belgians
        let k = found("Mount Royal Mayor Philippe Roy spoke to reporters on Monday.");
        assert!(
            k.iter()
                .any(|(t, kind, _, country)| t.ends_with("Philippe Roy")
                    && *kind == MentionKind::Person
                    && country.is_none()),
            "{k:?}"
        );
    }

    #[test]
    fn capital_letters_spell_an_acronym_not_a_small_town() {
        // Coaș is a Romanian village; "COAS" here is an army's chief of staff
        let places = |text: &str| -> Vec<String> {
            found(text)
                .into_iter()
                .filter(|(_, kind, _, _)| *kind == MentionKind::Place)
                .map(|(t, ..)| t)
                .collect()
        };
        assert!(places("The COAS met tribal elders on Monday.").is_empty());
        // a dateline in capitals is a place
        assert_eq!(
            places("PATASKALA -- City officials met on Monday."),
            ["PATASKALA"]
        );
    }

    #[test]
    fn an_acronym_the_article_defines_stands_for_its_name() {
        let kb = testing::kb();
        let orgs = |text: &str| -> Vec<(String, Option<String>)> {
            let doc = testing::doc(text);
            find_mentions(&doc, kb, None)
                .iter()
                .map(|m| {
                    let org = m.org.map(|o| kb.orgs[o as usize].key.clone());
                    (m.text(&doc).to_string(), org)
                })
                .collect()
        };
        // a trade pact is no party of Taiwan, wherever its letters stand
        let found = orgs(
            "Canada will leave the trans-Pacific Partnership (TPP). The TPP was signed in 2016.",
        );
        assert!(found.iter().all(|(t, _)| t != "TPP"), "{found:?}");
        // a name the knowledge base spells otherwise takes the entry for its letters
        let found = orgs("The International Labor Office (ILO) urged Israel to act.");
        let ilo: Vec<_> = found
            .iter()
            .filter(|(_, o)| o.as_deref() == Some("ILO"))
            .collect();
        assert_eq!(ilo.len(), 2, "{found:?}");
    }

    /// Whether a mention with this text and kind was found.
    fn has(
        k: &[(String, MentionKind, &'static str, Option<&'static str>)],
        text: &str,
        kind: MentionKind,
    ) -> bool {
        k.iter().any(|(t, found, ..)| t == text && *found == kind)
    }

    #[test]
    fn a_country_or_large_town_joined_by_a_hyphen_is_a_name_of_its_own() {
        let k = found("The Russia-Ukraine war reached Fargo-Moorhead.");
        assert!(has(&k, "Russia", MentionKind::State), "{k:?}");
        assert!(has(&k, "Ukraine", MentionKind::State), "{k:?}");
        assert!(has(&k, "Fargo", MentionKind::Place), "{k:?}");
        let k = found("The Cypriot-flagged ship sailed to the Greek-majority island.");
        assert!(
            k.iter().any(|m| m.0 == "Cypriot" && m.3 == Some("CYP")),
            "{k:?}"
        );
        assert!(
            k.iter().any(|m| m.0 == "Greek" && m.3 == Some("GRC")),
            "{k:?}"
        );
        assert!(!k.iter().any(|m| m.0.contains("flagged")), "{k:?}");
        // a name of the knowledge base, a given name, compass words and a
        // lower-case prefix keep the word whole
        let k = found("Guinea-Bissau and Jean-Bertrand Aristide discussed East-West ties with an anti-Syria writer.");
        assert!(k.iter().any(|m| m.0 == "Guinea-Bissau"), "{k:?}");
        assert!(!k.iter().any(|m| m.0 == "Guinea" || m.0 == "Jean"), "{k:?}");
        assert!(!k.iter().any(|m| m.0 == "East" || m.0 == "West"), "{k:?}");
        assert!(!k.iter().any(|m| m.3 == Some("SYR")), "{k:?}");
    }

    /// Each mention found: its text, kind, entity type and country.
    /// The texts of the place mentions (GPE or LOC) found in `text`.
    fn places_found(text: &str) -> Vec<String> {
        found(text)
            .into_iter()
            .filter(|(_, _, t, _)| matches!(*t, "GPE" | "LOC"))
            .map(|(text, ..)| text)
            .collect()
    }

    fn found(text: &str) -> Vec<(String, MentionKind, &'static str, Option<&'static str>)> {
        let doc = testing::doc(text);
        find_mentions(&doc, testing::kb(), None)
            .iter()
            .map(|m| {
                (
                    m.text(&doc).to_string(),
                    m.kind,
                    m.entity_type.as_str(),
                    m.country,
                )
            })
            .collect()
    }

    /// Each mention of `kind` in `text` with what `of` reads from it.
    fn each_of<T>(
        text: &str,
        kind: MentionKind,
        of: impl Fn(&Mention, &Kb) -> T,
    ) -> Vec<(String, T)> {
        let (doc, kb) = (testing::doc(text), testing::kb());
        find_mentions(&doc, kb, None)
            .iter()
            .filter(|m| m.kind == kind)
            .map(|m| (m.text(&doc).to_string(), of(m, kb)))
            .collect()
    }

    fn one(
        text: &str,
        kind: MentionKind,
        entity_type: &'static str,
        country: Option<&'static str>,
    ) -> (String, MentionKind, &'static str, Option<&'static str>) {
        (text.to_string(), kind, entity_type, country)
    }

    #[test]
    fn demonym_before_role_is_a_group_of_that_country() {
        let doc = testing::doc("Israeli soldiers raided a farm.");
        let mentions = find_mentions(&doc, testing::kb(), None);
        assert_eq!(mentions.len(), 1);
        let m = &mentions[0];
        assert_eq!(m.text(&doc), "Israeli soldiers");
        assert_eq!(
            (m.kind, m.entity_type),
            (MentionKind::Group, EntityType::Norp)
        );
        assert_eq!(m.country, Some("ISR"));
        assert_eq!(m.sector, Some(Sector::Mil));
        // the demonym is the toponym inside the mention
        assert_eq!(m.toponym_tokens, Some(0..1));
    }

    #[test]
    fn title_joins_the_name_after_it() {
        assert_eq!(
            found("Foreign Minister Sergei Lavrov met Secretary of State Antony Blinken."),
            [
                one(
                    "Foreign Minister Sergei Lavrov",
                    MentionKind::Person,
                    "PERSON",
                    None
                ),
                one(
                    "Secretary of State Antony Blinken",
                    MentionKind::Person,
                    "PERSON",
                    None
                ),
            ]
        );
        let doc = testing::doc("Secretary of State Antony Blinken spoke.");
        let m = &find_mentions(&doc, testing::kb(), None)[0];
        assert_eq!(m.name.as_deref(), Some("Antony Blinken"));
        assert_eq!(m.role_phrase.as_deref(), Some("secretary of state"));
    }

    #[test]
    fn office_of_a_country_takes_that_country() {
        assert_eq!(
            found("The president of Armenia thanked Russia's ambassador."),
            [
                one("president", MentionKind::Person, "PERSON", Some("ARM")),
                one("Armenia", MentionKind::State, "GPE", Some("ARM")),
                one(
                    "Russia's ambassador",
                    MentionKind::Person,
                    "PERSON",
                    Some("RUS")
                ),
            ]
        );
    }

    #[test]
    fn leader_before_government_noun_is_that_government() {
        assert_eq!(
            found("The Bush administration rejected the plan."),
            [one(
                "Bush administration",
                MentionKind::Group,
                "ORG",
                Some("USA")
            )]
        );
    }

    #[test]
    fn people_after_a_demonym_belong_to_that_state() {
        assert_eq!(
            found("Bosnian Serbs rallied in Banja Luka."),
            [
                one("Bosnian", MentionKind::State, "NORP", Some("BIH")),
                one("Serbs", MentionKind::Group, "NORP", Some("BIH")),
                one("Banja Luka", MentionKind::Place, "GPE", None),
            ]
        );
        // a minority named "ethnic" is coded by where it lives, later
        assert_eq!(
            found("Thousands of ethnic Albanians marched."),
            [one("Albanians", MentionKind::Group, "NORP", None)]
        );
    }

    #[test]
    fn international_body_before_role_and_pronouns() {
        let doc = testing::doc("NATO officials said they would meet again.");
        let mentions = find_mentions(&doc, testing::kb(), None);
        let got: Vec<_> = mentions
            .iter()
            .map(|m| (m.text(&doc), m.kind, m.sector))
            .collect();
        assert_eq!(
            got,
            [
                ("NATO officials", MentionKind::Group, Some(Sector::Igo)),
                ("they", MentionKind::Pronoun(Pronoun::Plural), None),
            ]
        );
        assert!(mentions[0].org.is_some());
    }

    #[test]
    fn an_armed_groups_fighters_are_that_group() {
        let groups = each_of(
            "Hamas fighters attacked a post. Hezbollah militants fired rockets.",
            MentionKind::Group,
            |m, kb| {
                (
                    m.org.map(|o| kb.orgs[o as usize].name.clone()),
                    m.country,
                    m.sector,
                )
            },
        );
        assert_eq!(groups.len(), 2, "{groups:?}");
        for (name, (org, country, sector)) in &groups {
            assert!(org.is_some(), "{name}: {groups:?}");
            assert_eq!(*sector, Some(Sector::Reb), "{name}");
            assert!(country.is_some(), "{name}");
        }
        assert_eq!(groups[0].1 .1, Some("PSE"));
        assert_eq!(groups[1].1 .1, Some("LBN"));
        // a place inside the organization's name stays a toponym
        let doc = testing::doc("Palestinian Authority officials in Ramallah spoke.");
        let m = find_mentions(&doc, testing::kb(), None);
        assert!(
            m[0].toponym.is_some() || !m[0].places.is_empty(),
            "{:?}",
            m[0]
        );
    }

    #[test]
    fn building_stands_for_its_state() {
        assert_eq!(
            found("The Kremlin denied it."),
            [
                one("Kremlin", MentionKind::State, "FAC", Some("RUS")),
                one("it", MentionKind::Pronoun(Pronoun::Neuter), "PRON", None),
            ]
        );
    }

    #[test]
    fn names_listed_before_counties_are_counties() {
        let kinds = |text: &str| {
            each_of(text, MentionKind::Place, |m, kb| {
                let kinds: Vec<PlaceKind> = m
                    .places
                    .iter()
                    .map(|&p| kb.places[p as usize].kind)
                    .collect();
                kinds
            })
        };
        let listed = kinds("School boards in Barrow, Jackson and Madison counties met.");
        assert_eq!(listed.len(), 3, "{listed:?}");
        for (name, k) in &listed {
            assert!(
                !k.is_empty() && k.iter().all(|k| *k == PlaceKind::County),
                "{name}: {k:?}"
            );
        }
        // names that alone read as surnames or unknown names
        let listed = kinds("Jobs grew in Grant, Otter Tail, Swift and Wilkin counties.");
        assert_eq!(listed.len(), 4, "{listed:?}");
        assert!(
            listed
                .iter()
                .all(|(_, k)| !k.is_empty() && k.iter().all(|k| *k == PlaceKind::County)),
            "{listed:?}"
        );
        // a town named before a list of other things stays a town
        let town = kinds("Jackson and Madison residents met.");
        assert!(
            town.iter().any(|(_, k)| k.contains(&PlaceKind::City)),
            "{town:?}"
        );
    }

    #[test]
    fn a_town_name_before_an_age_is_a_surname() {
        let k = found("Tavion Fisher, 26, was charged on Monday. Fisher was held without bail.");
        assert!(
            !k.iter()
                .any(|(t, kind, ..)| t == "Fisher" && *kind == MentionKind::Place),
            "{k:?}"
        );
        // a town followed by a distance or a year stays a town
        let k = found("The men live in Dayton, 30 miles away, since Fisher, 2009.");
        assert!(
            k.iter()
                .any(|(t, kind, ..)| t == "Dayton" && *kind == MentionKind::Place),
            "{k:?}"
        );
    }

    #[test]
    fn town_name_after_a_given_name_is_a_surname() {
        assert_eq!(
            found("Police arrested Matt Turner in Winona on Monday. Later Turner met reporters."),
            [
                one("Police", MentionKind::Group, "ORG", None),
                one("Matt Turner", MentionKind::Person, "PERSON", None),
                one("Winona", MentionKind::Place, "GPE", None),
                one("Turner", MentionKind::Person, "PERSON", None),
                one("reporters", MentionKind::Group, "ORG", None),
            ]
        );
    }

    #[test]
    fn a_place_named_as_a_given_name_before_a_surname_is_a_person() {
        // "Walker" alone was a Chilean minister, "Chad" the country
        assert_eq!(
            found("Officers Ron Oakes and Chad Walker searched the house."),
            [
                one("Officers Ron Oakes", MentionKind::Person, "PERSON", None),
                one("Chad Walker", MentionKind::Person, "PERSON", None),
            ]
        );
        assert_eq!(
            found("Jordan Henderson scored twice."),
            [one("Jordan Henderson", MentionKind::Person, "PERSON", None)]
        );
        // a head word, a month or a longer name after it: the place stays
        assert_eq!(
            places_found("Farmers in the Jordan Valley protested."),
            ["Jordan Valley"]
        );
        assert_eq!(
            places_found("Rebels attacked a town in Chad Friday."),
            ["Chad"]
        );
        assert_eq!(
            places_found("The Augusta Herald reported it."),
            ["Augusta", "Herald"]
        );
    }

    #[test]
    fn a_town_only_its_post_office_knows_needs_a_firm_place_to_be_one() {
        // Fithian, Weems, Van Voorhis: post offices of Illinois, Virginia, Pennsylvania
        assert_eq!(
            places_found("A barn burned near Fithian. Crews from Fithian and Muncie came."),
            ["Fithian", "Fithian", "Muncie"]
        );
        assert!(places_found("The investigation of Weems ended. Weems resigned.").is_empty());
        assert!(places_found("Police searched Weems's car on Monday.").is_empty());
        assert!(
            places_found("Jana Van Voorhis died in 2007. Van Voorhis had been ill.").is_empty()
        );
    }

    #[test]
    fn a_creek_is_a_place_and_no_person() {
        assert_eq!(
            found("The boy fell into Quivan Creek."),
            [
                one("boy", MentionKind::Person, "PERSON", None),
                one("Quivan Creek", MentionKind::Place, "LOC", None)
            ]
        );
    }

    #[test]
    fn a_persons_name_before_of_and_a_town_is_one_name() {
        // "Smith" and "Pehrson" were people of their own, "John" and "Richard" others
        assert_eq!(
            found("Police said John Smith of Springfield was arrested."),
            [
                one("Police", MentionKind::Group, "ORG", None),
                one("John Smith", MentionKind::Person, "PERSON", None),
                one("Springfield", MentionKind::Place, "GPE", None),
            ]
        );
        assert_eq!(
            places_found("Richard Pehrson of Columbus, Nebraska, was arrested."),
            ["Columbus", "Nebraska"]
        );
        assert_eq!(
            found("Richard Pehrson of Columbus, Nebraska, was arrested.")[0].0,
            "Richard Pehrson"
        );
    }

    #[test]
    fn a_given_name_opens_a_persons_name_even_at_a_sentence_start() {
        // "John" alone is also the last word of an office holder's surname ("St. John")
        assert_eq!(
            found("John Smith met Paul Jones on Monday."),
            [
                one("John Smith", MentionKind::Person, "PERSON", None),
                one("Paul Jones", MentionKind::Person, "PERSON", None),
            ]
        );
        assert_eq!(
            found("Mary Smith criticised the plan."),
            [one("Mary Smith", MentionKind::Person, "PERSON", None)]
        );
    }

    #[test]
    fn a_lone_word_opening_a_sentence_is_a_name_where_the_story_writes_it_inside_one() {
        assert_eq!(
            found("Okonjo won the vote. Voters backed Okonjo in the north."),
            [
                one("Okonjo", MentionKind::Person, "PERSON", None),
                one("Voters", MentionKind::Group, "ORG", None),
                one("Okonjo", MentionKind::Person, "PERSON", None),
            ]
        );
        // written capitalised only where it opens a sentence: any word
        assert_eq!(
            found("Okonjo won the vote. Voters backed the plan."),
            [one("Voters", MentionKind::Group, "ORG", None)]
        );
    }

    #[test]
    fn a_surname_alone_names_a_holder_only_while_the_office_is_recent() {
        // "Suarez" is the last word of Hugo Banzer Suárez, Bolivia's president until 2001
        let holders = |published: u32| {
            let doc = testing::doc("Critics in Bolivia said Suarez had copied the work.");
            let mentions = find_mentions(&doc, testing::kb(), Some(published));
            let m = mentions.iter().find(|m| m.text(&doc) == "Suarez").unwrap();
            m.holders.len()
        };
        assert!(holders(19990601) > 0);
        assert_eq!(holders(20160601), 0);
    }

    #[test]
    fn an_organizations_head_word_before_a_given_name_is_no_part_of_the_name() {
        let doc = testing::doc("Officers fired, said Chief of Department Terence Malloy.");
        let mentions = find_mentions(&doc, testing::kb(), None);
        let names: Vec<&str> = mentions.iter().map(|m| m.text(&doc)).collect();
        assert!(names.contains(&"Terence Malloy"), "{names:?}");
    }

    #[test]
    fn the_field_of_a_ministry_is_no_town() {
        // "Commerce" is also a town in Texas and California
        let r = testing::record("China's Ministry of Commerce criticised the tariffs.");
        assert!(
            r.entities.iter().all(|e| e.text != "Commerce"),
            "{:?}",
            r.entities
        );
        assert!(r.places.iter().all(|p| p.name != "Commerce"));
        let e = &r.events[0];
        let source = r.actors.iter().find(|a| a.id == e.source[0]).unwrap();
        assert_eq!(source.country.as_deref(), Some("CHN"));
    }

    #[test]
    fn common_word_is_a_town_only_where_placed() {
        assert_eq!(
            found("Dozens of protesters blocked a road near Mobile."),
            [
                one("protesters", MentionKind::Group, "ORG", None),
                one("Mobile", MentionKind::Place, "GPE", None),
            ]
        );
        assert_eq!(
            found("Dozens of protesters blocked a road. Mobile phones were seized."),
            [one("protesters", MentionKind::Group, "ORG", None)]
        );
    }

    #[test]
    fn capitalised_run_ending_in_a_geographic_word_is_a_location() {
        assert_eq!(
            found("Boats crossed the Kessandra Sea and the Gulf of Tarvonia."),
            [
                one("Kessandra Sea", MentionKind::Place, "LOC", None),
                one("Gulf of Tarvonia", MentionKind::Place, "LOC", None),
            ]
        );
    }

    #[test]
    fn bare_office_after_a_preposition_is_no_actor() {
        assert_eq!(
            found("He spoke in general about the economy."),
            [one(
                "He",
                MentionKind::Pronoun(Pronoun::Singular),
                "PRON",
                None
            )]
        );
    }
}
