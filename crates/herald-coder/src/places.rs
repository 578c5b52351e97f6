//! Places: toponyms resolved to GeoNames entries, ranked by population and
//! kind, the story's focus country, other places in the text, "City, State"
//! pairs and the dateline; the focus country itself; and the named places
//! the gazetteer lacks, with the country of their context.

use crate::mentions::{Mention, MentionKind};
use crate::place_rank::{Features, PlaceRanker, N};
use herald_core::geo::km;
use herald_core::{DatelineText, Doc, Shape, Span};
use herald_kb::words::{DIVISION_WORDS, GEO_HEADS, STREET_HEADS};
use herald_kb::{Entry, Kb, Place, PlaceKind};
use std::collections::{BTreeMap, HashMap};

/// Whether the mention starting at token `start` is a location: after "in",
/// "at", "near", "outside", possibly with "the town of", "northern" between.
pub fn is_located(doc: &Doc, start: usize) -> bool {
    let mut i = start;
    let mut steps = 0;
    while i > 0 && steps < 5 {
        i -= 1;
        steps += 1;
        match doc.tokens[i].lower.as_str() {
            "in" | "at" | "near" | "outside" | "inside" | "across" | "throughout" => return true,
            "the" | "of" | "a" | "city" | "town" | "village" | "capital" | "province"
            | "region" | "district" | "northern" | "southern" | "eastern" | "western"
            | "central" | "north" | "south" | "east" | "west" | "'s" | "’s" => {}
            _ => return false,
        }
    }
    false
}

/// A named place the gazetteer lacks ("Archibald Street", "Puge County",
/// "talks in Panmunjom"): its mention, and the country of its context. It
/// never becomes an event's location: its coordinates, where it has any,
/// are only those of a town or county beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct UnlistedPlace {
    pub mention: usize,
    pub country: Option<&'static str>,
    /// The resolved town or county (index into the resolved places) whose
    /// coordinates it takes: the one the text puts it in, else the one of
    /// its country that the story names most.
    pub near: Option<usize>,
}

/// How far (in tokens) a resolved place lends its country to an unlisted one.
const CONTEXT_TOKENS: usize = 80;

/// Whether a name of two or more words ends in a word that says what kind
/// of place it is: a street or venue, a division, a river or valley
/// ("Archibald Street", "Puge District", "Neches River"). A lone word after a
/// preposition ("in Makeen", but also "in Sidney Crosby's") is too weak, and
/// so is "bank" ("the West Bank" is listed; "Deutsche Bank" is a company).
fn names_a_place_kind(doc: &Doc, m: &Mention) -> bool {
    let last = doc.tokens[m.tokens.end - 1].lower.as_str();
    if crate::mentions::is_numbered_road(doc, &m.tokens)
        || crate::mentions::named_as_settlement(doc, m.tokens.start)
    {
        return true;
    }
    m.tokens.len() >= 2
        && doc.tokens[m.tokens.start].shape != Shape::Lower
        && last != "bank"
        && (STREET_HEADS.contains(&last)
            || DIVISION_WORDS.contains(&last)
            || GEO_HEADS.contains(&last))
}

/// Place mentions that no gazetteer entry matched and whose name says what
/// kind of place it is ([`names_a_place_kind`]), each with the country of the
/// nearest resolved place within [`CONTEXT_TOKENS`], else the story's
/// country, and the town or county whose coordinates it takes: the one the
/// text puts it in, else the story's town of that country ([`story_towns`]).
pub fn unlisted_places(
    doc: &Doc,
    kb: &Kb,
    mentions: &[Mention],
    places: &[ResolvedPlace],
    focus: Option<&'static str>,
) -> Vec<UnlistedPlace> {
    // the token and country of each resolved place that has a country, in text order
    let resolved: Vec<(usize, &'static str)> = mentions
        .iter()
        .filter_map(|m| {
            let p = places.get(m.place?)?;
            Some((m.tokens.start, kb.places[p.place as usize].country?))
        })
        .collect();
    let story_town = story_towns(kb, mentions, places);
    // a name the story resolves elsewhere is that place, not another one
    let resolved_names: std::collections::HashSet<String> = mentions
        .iter()
        .filter(|m| m.place.is_some())
        .map(|m| m.text(doc).to_lowercase())
        .collect();
    mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            m.kind == MentionKind::Place
                && m.place.is_none()
                && m.places.is_empty()
                && m.country_entry.is_none()
                && m.toponym.is_none()
                && (names_a_place_kind(doc, m) || m.namesake_abroad)
                && !resolved_names.contains(&m.text(doc).to_lowercase())
        })
        .map(|(mi, m)| {
            // "Kamenné Square in Bratislava": the place the text puts it in
            let container =
                written_after(doc, mentions, mi, &["in", ","]).and_then(|n| mentions[n].place);
            let container_country =
                container.and_then(|p| kb.places[places[p].place as usize].country);
            // else the nearest on either side (the earlier of two as near)
            let t = m.tokens.start;
            let near = nearest_within(&resolved, t).map(|&(_, c)| c);
            let country = container_country.or(near).or(focus);
            let town = container
                .filter(|&p| kb.places[places[p].place as usize].is_town())
                .or_else(|| story_town.get(country?).copied());
            UnlistedPlace {
                mention: mi,
                country,
                near: town,
            }
        })
        .collect()
}

/// Of `items` (token, value) in text order, the nearest to token `t` within
/// [`CONTEXT_TOKENS`] on either side (the earlier of two as near). Only the
/// items inside the window are read.
fn nearest_within<T>(items: &[(usize, T)], t: usize) -> Option<&(usize, T)> {
    let lo = items.partition_point(|(at, _)| *at + CONTEXT_TOKENS < t);
    items[lo..]
        .iter()
        .take_while(|(at, _)| *at <= t + CONTEXT_TOKENS)
        .min_by_key(|(at, _)| (at.abs_diff(t), *at))
}

/// For each country, the resolved town or county the story names most (the
/// first named of equals): a place the gazetteer lacks ("Neches River",
/// "Hamilton Township") lies, in a local story, by the town the story is
/// about more often than by whichever town is named next to it.
fn story_towns(
    kb: &Kb,
    mentions: &[Mention],
    places: &[ResolvedPlace],
) -> HashMap<&'static str, usize> {
    // for each country: (resolved place, its mentions, its first token)
    let mut best: HashMap<&'static str, (usize, usize, usize)> = HashMap::new();
    for (p, rp) in places.iter().enumerate() {
        let place = &kb.places[rp.place as usize];
        let Some(country) = place.country.filter(|_| place.is_town()) else {
            continue;
        };
        let n = rp.mentions.len();
        let first = rp
            .mentions
            .iter()
            .map(|&mi| mentions[mi].tokens.start)
            .min()
            .unwrap_or(usize::MAX);
        let held = best.entry(country).or_insert((p, n, first));
        if (n, std::cmp::Reverse(first)) > (held.1, std::cmp::Reverse(held.2)) {
            *held = (p, n, first);
        }
    }
    best.into_iter().map(|(c, (p, ..))| (c, p)).collect()
}

#[derive(Debug, Clone)]
pub struct ResolvedPlace {
    /// Index into `kb.places`.
    pub place: u32,
    pub mentions: Vec<usize>,
    /// The state (`kb.places` index) the text writes after a mention of
    /// this town, as in "Oxford, North Carolina": the record names the town
    /// with it, as readers and gazetteers tell namesakes apart.
    pub state: Option<u32>,
}

fn candidates(kb: &Kb, m: &Mention) -> Vec<u32> {
    let mut c = Vec::new();
    if let Some(ci) = m.country_entry {
        c.push(kb.country_place(ci));
    }
    if m.country_entry.is_none() {
        if let Some(ci) = m.toponym {
            c.push(kb.country_place(ci)); // a demonym stands for its country
        }
    }
    c.extend(m.places.iter().copied());
    c
}

/// How near another name's place must lie to support a candidate, and
/// the wider radius of the ranker's weaker evidence.
const NEIGHBOUR_KM: f64 = 60.0;
const REGION_KM: f64 = 200.0;

/// Resolves every toponym mention with `ranker`; returns the places and the
/// focus country.
pub fn resolve_places(
    doc: &Doc,
    kb: &Kb,
    mentions: &mut [Mention],
    hints: StoryHints,
    ranker: &PlaceRanker,
) -> (Vec<ResolvedPlace>, Option<&'static str>) {
    let dateline = hints.dateline;
    let (mut chosen, focus) = with_scorer(doc, kb, mentions, hints, ranker, |s, story| {
        let (scored, qualified) = s.score_mentions(doc, mentions, story);
        (
            one_sense_per_story(&story.keys, &scored, &qualified),
            s.focus,
        )
    });
    // once its places are resolved, the story is about the country they and its actors name
    let dateline_mention =
        dateline.and_then(|d| mentions.iter().position(|m| m.span.overlaps(d.place_span)));
    let mut focus = story_country(kb, mentions, &chosen, dateline_mention).or(focus);
    let abroad = namesakes_abroad(doc, kb, mentions, &chosen, focus);
    if !abroad.is_empty() {
        for &mi in &abroad {
            chosen[mi] = None;
            mentions[mi].places.clear();
            mentions[mi].country = None;
            mentions[mi].namesake_abroad = true;
        }
        focus = story_country(kb, mentions, &chosen, dateline_mention).or(focus);
    }
    let mut places = assign_places(mentions, &chosen);
    for rp in &mut places {
        rp.state = rp
            .mentions
            .iter()
            .find_map(|&mi| written_state(doc, kb, mentions, &chosen, mi));
    }
    (places, focus)
}

/// What an article says of itself beside its text: the dateline's place,
/// and the URL, whose host may name the publisher's town.
#[derive(Debug, Default, Clone, Copy)]
pub struct StoryHints<'a> {
    pub dateline: Option<&'a DatelineText>,
    pub url: Option<&'a str>,
}

/// Country-code domains that sites anywhere use for their letters.
const BORROWED_COUNTRY_DOMAINS: [&str; 14] = [
    "ai", "am", "cc", "co", "fm", "gg", "io", "ly", "me", "nu", "to", "tv", "vc", "ws",
];

/// Labels under a country-code domain that say what kind of site it is.
const SECOND_LEVEL_KINDS: [&str; 7] = ["ac", "co", "com", "edu", "gov", "net", "org"];

/// The publisher as its URL tells it: a local paper is often named for its
/// town ("theparisnews.com", "gainesvilletimes.com", "thisisoxfordshire.co.uk"),
/// and a country-code domain tells its country.
#[derive(Debug, Default, Clone)]
struct Publisher {
    /// The host's labels, lower case, without the domain and "www".
    labels: Vec<String>,
    /// The country of a country-code domain (".co.uk", ".ru"); none for ".com".
    country: Option<&'static str>,
    /// The towns of [`PUBLISHER_TOWN_POPULATION`] or more whose name a label
    /// holds ("columbuslocalnews": every Columbus), in the domain's country.
    towns: Vec<u32>,
}

/// Towns named in a host are looked for from this size: small ones hide in
/// the words of a host ("heraldonline" holds a Herald, California).
const PUBLISHER_TOWN_POPULATION: u64 = 10_000;

/// Folded names shorter than this are not looked for in a host ("bath",
/// "rome" and "york" hide inside other words).
const PUBLISHER_NAME_MIN: usize = 5;

impl Publisher {
    fn of(kb: &Kb, url: Option<&str>) -> Publisher {
        let Some(url) = url else {
            return Publisher::default();
        };
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let host = rest
            .split(['/', '?', '#'])
            .next()
            .unwrap_or("")
            .rsplit('@')
            .next()
            .unwrap_or("");
        let host = host.split(':').next().unwrap_or("").to_ascii_lowercase();
        let mut labels: Vec<String> = host.split('.').map(str::to_string).collect();
        let tld = labels.pop().unwrap_or_default();
        let country = (tld.len() == 2 && !BORROWED_COUNTRY_DOMAINS.contains(&tld.as_str()))
            .then(|| {
                let iso2 = if tld == "uk" { "gb" } else { tld.as_str() };
                kb.countries
                    .iter()
                    .find(|c| c.iso2.eq_ignore_ascii_case(iso2))
                    .map(|c| c.iso3)
            })
            .flatten();
        if country.is_some() && labels.len() > 1 {
            if let Some(last) = labels.last() {
                if SECOND_LEVEL_KINDS.contains(&last.as_str()) {
                    labels.pop();
                }
            }
        }
        labels.retain(|l| l != "www" && !l.is_empty());
        let towns = towns_in_labels(kb, &labels, country);
        Publisher {
            labels,
            country,
            towns,
        }
    }

    /// Whether a town or county `p` lies near a town the host names, other
    /// than itself: "Dublin" in a story of columbuslocalnews.com is the
    /// Dublin beside Columbus, Ohio.
    fn near_its_town(&self, kb: &Kb, p: u32) -> bool {
        let pl = &kb.places[p as usize];
        let (Some(lat), Some(lon)) = (pl.lat, pl.lon) else {
            return false;
        };
        self.towns.iter().any(|&t| {
            let town = &kb.places[t as usize];
            t != p && town.country == pl.country && close((lat, lon), town, NEIGHBOUR_KM)
        })
    }

    /// Whether a label of the host holds the folded name `written`.
    fn names(&self, written: &str) -> bool {
        // asked for every candidate town: most articles give no URL
        if self.labels.is_empty() {
            return false;
        }
        let key: String = written.chars().filter(|c| c.is_alphanumeric()).collect();
        key.chars().count() >= PUBLISHER_NAME_MIN && self.labels.iter().any(|l| l.contains(&key))
    }
}

/// The towns whose folded names (of [`PUBLISHER_NAME_MIN`] letters or more)
/// stand inside the host's labels, in `country` where the domain tells one.
fn towns_in_labels(kb: &Kb, labels: &[String], country: Option<&'static str>) -> Vec<u32> {
    let mut towns: Vec<u32> = Vec::new();
    for label in labels.iter().filter(|l| l.is_ascii()) {
        for start in 0..label.len() {
            for end in start + PUBLISHER_NAME_MIN..=label.len() {
                for h in kb.names.get(&label[start..end]) {
                    let Entry::Place(p) = h.entry else { continue };
                    let pl = &kb.places[p as usize];
                    if pl.kind == PlaceKind::City
                        && pl.population >= PUBLISHER_TOWN_POPULATION
                        && country.is_none_or(|c| pl.country == Some(c))
                    {
                        towns.push(p);
                    }
                }
            }
        }
    }
    towns.sort_unstable();
    towns.dedup();
    towns
}

/// Towns of fewer people than this, abroad, need support in the story.
const ABROAD_TOWN_POPULATION: u64 = 100_000;

/// The mentions resolved to a small town in another country than the
/// story's when nothing else in the story is in that country: no country,
/// state or larger town of it, no actor of it, and no qualifier ("Enfield"
/// in a London story is no Connecticut town). Such a name is more likely a
/// place the gazetteer lacks than a namesake abroad.
fn namesakes_abroad(
    doc: &Doc,
    kb: &Kb,
    mentions: &[Mention],
    chosen: &[Option<u32>],
    focus: Option<&'static str>,
) -> Vec<usize> {
    let Some(focus) = focus else {
        return Vec::new();
    };
    // towns and counties only: a region ("Gaza Strip", "Dagestan") is no namesake
    let small_town = |p: u32| {
        let pl = &kb.places[p as usize];
        pl.is_town() && pl.population < ABROAD_TOWN_POPULATION
    };
    // a country has support when something other than a small town names it
    let supported: std::collections::HashSet<&str> = mentions
        .iter()
        .zip(chosen)
        .filter_map(|(m, ch)| match ch {
            Some(p) if !small_town(*p) => kb.places[*p as usize].country,
            Some(_) => None,
            None if m.places.is_empty() && m.kind != MentionKind::Place => m.country,
            None => None,
        })
        .collect();
    (0..mentions.len())
        .filter(|&mi| {
            let Some(p) = chosen[mi] else { return false };
            let country = kb.places[p as usize].country;
            small_town(p)
                && country.is_some_and(|c| c != focus && !supported.contains(c))
                && qualifier_after(doc, kb, mentions, mi).is_empty()
        })
        .collect()
}

/// The state resolved right after mention `mi` and a comma when it is the
/// state of the place `mi` resolved to ("Alvin, Texas"; not "Texas, USA").
fn written_state(
    doc: &Doc,
    kb: &Kb,
    mentions: &[Mention],
    chosen: &[Option<u32>],
    mi: usize,
) -> Option<u32> {
    let p = chosen[mi]?;
    let q = chosen[written_after(doc, mentions, mi, &[","])?]?;
    let town = !matches!(
        kb.places[p as usize].kind,
        PlaceKind::Country | PlaceKind::Admin1
    );
    (town && kb.places[q as usize].kind == PlaceKind::Admin1 && qualifies(kb, q, p)).then_some(q)
}

/// A toponym mention's candidates with the ranker's features of each, as
/// training reads them.
#[derive(Debug, Clone)]
pub struct ToponymChoices {
    pub span: Span,
    pub candidates: Vec<(u32, Features)>,
}

/// The candidates and features of every toponym mention, before any is chosen.
pub fn toponym_choices(
    doc: &Doc,
    kb: &Kb,
    mentions: &[Mention],
    hints: StoryHints,
) -> Vec<ToponymChoices> {
    // a ranker that weighs every feature, so that every feature is made
    let ranker = PlaceRanker { weights: [1.0; N] };
    with_scorer(doc, kb, mentions, hints, &ranker, |s, story| {
        (0..mentions.len())
            .filter_map(|mi| {
                let (_, candidates) = s.mention_features(doc, mentions, story, mi)?;
                Some(ToponymChoices {
                    span: mentions[mi].span,
                    candidates,
                })
            })
            .collect()
    })
}

/// The candidates of a story's toponyms and the folded names they are written with.
struct Story {
    cands: Vec<Vec<u32>>,
    keys: Vec<String>,
    by_name: BTreeMap<String, Vec<u32>>,
}

/// Gathers the story's evidence (votes, focus, dateline, nearness) and hands
/// `f` a scorer over it.
fn with_scorer<R>(
    doc: &Doc,
    kb: &Kb,
    mentions: &[Mention],
    hints: StoryHints,
    ranker: &PlaceRanker,
    f: impl FnOnce(&Scorer, &Story) -> R,
) -> R {
    let cands: Vec<Vec<u32>> = mentions
        .iter()
        .map(|m| toponym_candidates(doc, kb, m))
        .collect();
    // the folded name each mention's toponym is written with, once
    let keys: Vec<String> = mentions.iter().map(|m| toponym_key(doc, m)).collect();
    let story = Story {
        by_name: candidates_by_name(&cands, &keys),
        cands,
        keys,
    };
    let votes = Votes::count(kb, mentions, &story.cands, &story.keys);
    let nearness = nearness(kb, &story.by_name, NEIGHBOUR_KM);
    // the wider count and the story's state cost passes over the names and the
    // votes: made only when they weigh
    let region = if ranker.weight("names_within_200_km") != 0.0 {
        nearness_within(kb, &story.by_name, REGION_KM)
    } else {
        HashMap::new()
    };
    let top_states: HashMap<&str, Option<Admin>> = if ranker.weight("town_in_story_state") != 0.0 {
        story
            .by_name
            .keys()
            .map(|k| (k.as_str(), votes.top_state_without(k)))
            .collect()
    } else {
        HashMap::new()
    };
    let scorer = Scorer {
        kb,
        votes: &votes,
        focus: votes.focus(),
        dateline_country: dateline_country(kb, mentions, &story.cands, hints.dateline),
        publisher: Publisher::of(kb, hints.url),
        nearness: &nearness,
        region: &region,
        top_states: &top_states,
        ranker,
    };
    f(&scorer, &story)
}

/// The candidate places of a mention that names a place or a country, or
/// holds one ("Israeli soldiers"); none for the others.
fn toponym_candidates(doc: &Doc, kb: &Kb, m: &Mention) -> Vec<u32> {
    if m.kind == MentionKind::Place
        || m.country_entry.is_some()
        || m.toponym.is_some()
        || m.holds_a_place_in_its_name()
    {
        let mut c = candidates(kb, m);
        if m.kind == MentionKind::Place && !c.is_empty() && m.toponym_tokens.is_none() {
            c.extend(counties_by_short_name(kb, m.text(doc)));
        }
        c
    } else {
        Vec::new()
    }
}

/// Division words a county's name ends in, which news often leaves out
/// ("Douglas, Lancaster and Sarpy", "the Boone school board").
pub(crate) const COUNTY_HEADS: [&str; 2] = ["County", "Parish"];

/// The counties (and parishes) named `name` and a division word: the
/// county a town's name may stand for.
pub(crate) fn counties_by_short_name(kb: &Kb, name: &str) -> Vec<u32> {
    COUNTY_HEADS
        .iter()
        .flat_map(|head| counties_named(kb, name, head))
        .collect()
}

/// The counties the gazetteer names `name` followed by division word `head`
/// ("Jackson" and "County").
pub(crate) fn counties_named<'k>(
    kb: &'k Kb,
    name: &str,
    head: &str,
) -> impl Iterator<Item = u32> + 'k {
    kb.names
        .get(&format!("{name} {head}"))
        .iter()
        .filter_map(|h| match h.entry {
            Entry::Place(p) if kb.places[p as usize].kind == PlaceKind::County => Some(p),
            _ => None,
        })
}

/// A first-level subdivision: its country and its admin1 code.
type Admin = (&'static str, &'static str);

/// Evidence for the focus country and for first-level subdivisions, from
/// every mention's candidates before any is chosen.
#[derive(Default)]
struct Votes<'k> {
    country: BTreeMap<&'static str, f64>,
    /// the share of those votes cast by mentions of each name, which is no evidence for itself
    own: BTreeMap<(&'k str, &'static str), f64>,
    admin: BTreeMap<Admin, f64>,
    /// each name votes for subdivisions once, however often it is repeated
    admin_voters: BTreeMap<&'k str, Vec<(Admin, f64)>>,
}

impl<'k> Votes<'k> {
    fn count(kb: &Kb, mentions: &[Mention], cands: &[Vec<u32>], keys: &'k [String]) -> Self {
        let mut votes = Votes::default();
        for ((m, c), key) in mentions.iter().zip(cands).zip(keys) {
            votes.cast(kb, m, c, key);
        }
        votes
    }

    fn vote(&mut self, key: &'k str, iso: &'static str, w: f64) {
        *self.country.entry(iso).or_default() += w;
        *self.own.entry((key, iso)).or_default() += w;
    }

    /// The votes of one mention: its country name, the country inside it,
    /// and its candidate towns and states.
    fn cast(&mut self, kb: &Kb, m: &Mention, c: &[u32], key: &'k str) {
        // a country name that is also a town or state here ("Georgia") votes little
        let ambiguous = c.len() > 1;
        if let Some(ci) = m.country_entry {
            let w = if ambiguous { 0.5 } else { 2.0 };
            self.vote(key, kb.countries[ci as usize].iso3, w);
            if !ambiguous {
                return;
            }
        }
        if let Some(ci) = m.toponym {
            self.vote(key, kb.countries[ci as usize].iso3, 0.5);
        } else if m.kind == MentionKind::State && m.country_entry.is_none() {
            if let Some(iso) = m.country {
                self.vote(key, iso, 1.0);
            }
        }
        if m.kind != MentionKind::Place && m.country_entry.is_none() {
            return;
        }
        self.cast_towns(kb, c, key);
    }

    /// Every candidate town or state votes for its country and subdivision, in shares.
    fn cast_towns(&mut self, kb: &Kb, c: &[u32], key: &'k str) {
        let towns: Vec<u32> = c
            .iter()
            .copied()
            .filter(|&p| {
                matches!(
                    kb.places[p as usize].kind,
                    PlaceKind::City | PlaceKind::Admin1 | PlaceKind::County
                )
            })
            .collect();
        if towns.is_empty() {
            return;
        }
        let share = 1.0 / towns.len() as f64;
        let first_of_name = !self.admin_voters.contains_key(key);
        for &p in &towns {
            let pl = &kb.places[p as usize];
            let iso = pl.country.unwrap_or_default();
            self.vote(key, iso, share);
            if first_of_name {
                // "Henry County" (ten states) still says a little for each of them, and
                // a state or county named outright says more than a town that shares a name
                let weight = if matches!(pl.kind, PlaceKind::Admin1 | PlaceKind::County) {
                    2.0
                } else {
                    1.0
                };
                *self.admin.entry((iso, pl.admin1)).or_default() += weight * share.sqrt();
                self.admin_voters
                    .entry(key)
                    .or_default()
                    .push(((iso, pl.admin1), weight * share.sqrt()));
            }
        }
    }

    /// The country with the most votes; none when two tie (one "Coral Gables"
    /// in Florida and one in the Caymans say nothing about the story).
    fn focus(&self) -> Option<&'static str> {
        let mut ranked: Vec<(&'static str, f64)> =
            self.country.iter().map(|(&c, &v)| (c, v)).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        match ranked.as_slice() {
            [(c, _)] => Some(*c),
            [(c, best), (_, next), ..] if best > next => Some(*c),
            _ => None,
        }
    }

    /// The votes for a country cast by names other than `written`.
    fn other_evidence(&self, written: &str, iso: &str) -> f64 {
        self.country.get(iso).copied().unwrap_or(0.0)
            - self.own.get(&(written, iso)).copied().unwrap_or(0.0)
    }

    /// The state that names other than `written` vote for most; none on a tie.
    fn top_state_without(&self, written: &str) -> Option<Admin> {
        let own = self.admin_voters.get(written);
        let mut best: Option<(Admin, f64)> = None;
        let mut tied = false;
        for (&admin, &v) in &self.admin {
            let mine: f64 = own.map_or(0.0, |o| {
                o.iter().filter(|a| a.0 == admin).map(|a| a.1).sum()
            });
            let v = v - mine;
            if v <= 1e-9 {
                continue;
            }
            match best {
                Some((_, b)) if (v - b).abs() < 1e-9 => tied = true,
                Some((_, b)) if v < b => {}
                _ => {
                    best = Some((admin, v));
                    tied = false;
                }
            }
        }
        if tied {
            None
        } else {
            best.map(|b| b.0)
        }
    }

    /// The story's other places in the same state ("Madison County" among Georgia towns).
    fn state_support(&self, written: &str, admin: Admin) -> f64 {
        let own: f64 = self.admin_voters.get(written).map_or(0.0, |v| {
            v.iter().filter(|a| a.0 == admin).map(|a| a.1).sum()
        });
        let votes = self.admin.get(&admin).copied().unwrap_or(0.0) - own;
        (votes * 3.0).min(9.0)
    }
}

/// The country of the dateline's place, at its most populous candidate.
fn dateline_country(
    kb: &Kb,
    mentions: &[Mention],
    cands: &[Vec<u32>],
    dateline: Option<&DatelineText>,
) -> Option<&'static str> {
    dateline.and_then(|d| {
        mentions
            .iter()
            .zip(cands)
            .find(|(m, _)| m.span.overlaps(d.place_span))
            .and_then(|(_, c)| c.iter().max_by_key(|&&p| kb.places[p as usize].population))
            .and_then(|&p| kb.places[p as usize].country)
    })
}

/// Mentions of one name share their candidates: "Georgia" and "Georgia
/// authorities" both may mean the state.
fn candidates_by_name(cands: &[Vec<u32>], keys: &[String]) -> BTreeMap<String, Vec<u32>> {
    let mut by_name: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (c, key) in cands.iter().zip(keys) {
        if !c.is_empty() {
            let union = by_name.entry(key.clone()).or_default();
            union.extend(c.iter().filter(|p| !union.contains(p)).collect::<Vec<_>>());
        }
    }
    by_name
}

/// For each name's candidates (once, however often the name is repeated),
/// how many other names of the story have a town or county near it, or
/// inside it for a state. Two names of a story with places close together
/// are most likely those places ("Paris" and "Henry County" are Paris,
/// Tennessee, in Henry County), a coincidence that sharing a state alone
/// does not make rare enough to trust.
fn nearness<'n>(
    kb: &Kb,
    by_name: &'n BTreeMap<String, Vec<u32>>,
    radius_km: f64,
) -> HashMap<(&'n str, u32), usize> {
    // where each name's towns and counties lie
    let spots: Vec<(&str, Vec<&Place>)> = by_name
        .iter()
        .map(|(key, c)| {
            let local = c
                .iter()
                .map(|&p| &kb.places[p as usize])
                .filter(|pl| pl.is_town() && pl.lat.is_some() && pl.lon.is_some());
            (key.as_str(), local.collect())
        })
        .collect();
    let mut nearness = HashMap::new();
    for (written, c) in by_name {
        for &p in c {
            let pl = &kb.places[p as usize];
            let near = match (pl.kind, pl.lat, pl.lon) {
                (PlaceKind::City | PlaceKind::County, Some(lat), Some(lon)) => {
                    neighbours(&spots, written, |q| close((lat, lon), q, radius_km))
                }
                (PlaceKind::Admin1, ..) => neighbours(&spots, written, |q| {
                    q.country == pl.country && q.admin1 == pl.admin1
                }),
                _ => 0,
            };
            nearness.insert((written.as_str(), p), near);
        }
    }
    nearness
}

/// How many names other than `written` have a town or county that is `near`.
fn neighbours(
    spots: &[(&str, Vec<&Place>)],
    written: &str,
    near: impl Fn(&Place) -> bool,
) -> usize {
    spots
        .iter()
        .filter(|(key, places)| *key != written && places.iter().any(|q| near(q)))
        .count()
}

/// How many other names have a town or county within `radius_km` of each
/// town or county candidate (states and countries get none).
fn nearness_within<'n>(
    kb: &Kb,
    by_name: &'n BTreeMap<String, Vec<u32>>,
    radius_km: f64,
) -> HashMap<(&'n str, u32), usize> {
    let mut near = nearness(kb, by_name, radius_km);
    near.retain(|&(_, p), _| kb.places[p as usize].is_town());
    near
}

/// Whether place `q` lies within `radius_km` of the point `a`.
fn close(a: (f64, f64), q: &Place, radius_km: f64) -> bool {
    // a degree of latitude is 111 km: most pairs are ruled out before the trigonometry
    let max_degrees = radius_km / 111.0;
    let (lat, lon) = (q.lat.unwrap_or(0.0), q.lon.unwrap_or(0.0));
    (a.0 - lat).abs() <= max_degrees && km(a, (lat, lon)) <= radius_km
}

/// What ranks a mention's candidates: the story's votes, its focus and
/// dateline countries, and the nearness of other names' places.
struct Scorer<'a> {
    kb: &'a Kb,
    votes: &'a Votes<'a>,
    focus: Option<&'static str>,
    dateline_country: Option<&'static str>,
    publisher: Publisher,
    nearness: &'a HashMap<(&'a str, u32), usize>,
    /// the same within `REGION_KM`
    region: &'a HashMap<(&'a str, u32), usize>,
    /// the state the story's other names vote for most, by name
    top_states: &'a HashMap<&'a str, Option<Admin>>,
    ranker: &'a PlaceRanker,
}

impl Scorer<'_> {
    /// Each mention's candidates with their scores, and whether a "City,
    /// State" qualifier beside it decided between them.
    fn score_mentions(
        &self,
        doc: &Doc,
        mentions: &[Mention],
        story: &Story,
    ) -> (Vec<Vec<(f64, u32)>>, Vec<bool>) {
        let mut scored: Vec<Vec<(f64, u32)>> = vec![Vec::new(); mentions.len()];
        let mut qualified: Vec<bool> = vec![false; mentions.len()];
        for mi in 0..mentions.len() {
            let Some((q, candidates)) = self.mention_features(doc, mentions, story, mi) else {
                continue;
            };
            qualified[mi] = q;
            scored[mi] = candidates
                .iter()
                .map(|(p, f)| (self.ranker.score(f), *p))
                .collect();
            // a dateline names a town, and names it for the whole story
            if !q && written_as_a_dateline(doc, &mentions[mi]) {
                let town = |p: u32| self.kb.places[p as usize].kind == PlaceKind::City;
                if scored[mi].iter().any(|&(_, p)| town(p)) {
                    scored[mi].retain(|&(_, p)| town(p));
                    qualified[mi] = true;
                }
            }
        }
        (scored, qualified)
    }

    /// The candidates of mention `mi` (those of every mention of its name)
    /// with their features, and whether a "City, State" qualifier beside it
    /// fits one of them; none for a mention that names no place.
    fn mention_features(
        &self,
        doc: &Doc,
        mentions: &[Mention],
        story: &Story,
        mi: usize,
    ) -> Option<(bool, Vec<(u32, Features)>)> {
        if story.cands[mi].is_empty() {
            return None;
        }
        let kb = self.kb;
        let written = &story.keys[mi];
        let c = &story.by_name[written];
        let qualifier = qualifier_after(doc, kb, mentions, mi);
        let domestic_admin = self.has_domestic_admin(c, written);
        let qualified = c
            .iter()
            .any(|&p| qualifier.iter().any(|&q| qualifies(kb, q, p)));
        let features = c
            .iter()
            .map(|&p| (p, self.features(p, written, &qualifier, domestic_admin)))
            .collect();
        Some((qualified, features))
    }

    /// "Georgia" in a story about Atlanta is the state: a foreign country
    /// loses its edge when the focus country has a subdivision of that name
    /// and nothing else in the text points abroad.
    fn has_domestic_admin(&self, c: &[u32], written: &str) -> bool {
        c.iter().any(|&p| {
            let pl = &self.kb.places[p as usize];
            matches!(pl.kind, PlaceKind::Admin1 | PlaceKind::City)
                && pl.country == self.focus
                && (pl.kind == PlaceKind::Admin1 || pl.population >= 5_000)
                && herald_kb::name_key(pl.name) == *written // its own name, not a stray alias
        })
    }

    /// What is known of candidate `p` of a mention of the name `written`,
    /// as the ranker's features (`place_rank::FEATURES`, in that order).
    fn features(&self, p: u32, written: &str, qualifier: &[u32], domestic_admin: bool) -> Features {
        let kb = self.kb;
        let focus = self.focus;
        let pl = &kb.places[p as usize];
        let iso = pl.country.unwrap_or("");
        let other_evidence = self.votes.other_evidence(written, iso);
        let own_name = herald_kb::name_key(pl.name) == *written;
        let state_support = || self.votes.state_support(written, (iso, pl.admin1));
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        let kind = |k: PlaceKind| flag(pl.kind == k);
        let abroad_beside_domestic_state =
            domestic_admin && focus != Some(iso) && other_evidence < 1.0;
        // other names of the story with a town or county near this place, or inside this state
        let near = self.nearness.get(&(written, p)).copied().unwrap_or(0);
        [
            ((pl.population + 1) as f64).ln(),
            // a place we cannot put on a map is a last resort
            flag(pl.lat.is_none()),
            // "Salisbury" is a town of that name before it is Harare's old name
            flag(pl.kind == PlaceKind::City && !own_name),
            kind(PlaceKind::County),
            if pl.kind == PlaceKind::County {
                state_support()
            } else {
                0.0
            },
            flag(pl.kind == PlaceKind::Country && !abroad_beside_domestic_state),
            flag(pl.kind == PlaceKind::Country && abroad_beside_domestic_state),
            kind(PlaceKind::Admin1),
            kind(PlaceKind::Continent),
            // named for being known: ranks as a city of about a million
            kind(PlaceKind::Region),
            flag(focus == Some(iso)),
            flag(self.dateline_country == Some(iso)),
            flag(other_evidence > 0.0),
            if pl.kind == PlaceKind::City {
                state_support()
            } else {
                0.0
            },
            near.min(3) as f64,
            // a capital named alone is the capital before a state of its name ("Washington")
            flag(kb.capital_of(p).is_some()),
            flag(qualifier.iter().any(|&q| qualifies(kb, q, p))),
            other_evidence.clamp(0.0, 5.0),
            flag(!own_name),
            flag(
                pl.is_town()
                    && self.top_states.get(written).copied().flatten() == Some((iso, pl.admin1)),
            ),
            self.region.get(&(written, p)).copied().unwrap_or(0).min(3) as f64,
            flag(
                pl.is_town()
                    && self.publisher.country.or(focus) == Some(iso)
                    && self.publisher.names(written),
            ),
            // a paper of a country-code domain writes first of its own country
            flag(self.publisher.country == Some(iso)),
            // the host's town says the country: no focus needed
            flag(pl.is_town() && self.publisher.near_its_town(kb, p)),
            // "Douglas" for Douglas County: a county named without its division word
            flag(pl.kind == PlaceKind::County && !own_name),
        ]
    }
}

/// The candidates of the place written after mention `mi` and a comma:
/// "Alexandria, Louisiana" / "Alexandria, La." / "Paris, France".
fn qualifier_after(doc: &Doc, kb: &Kb, mentions: &[Mention], mi: usize) -> Vec<u32> {
    written_after(doc, mentions, mi, &[","])
        .map(|n| candidates(kb, &mentions[n]))
        .unwrap_or_default()
}

/// The mention right after mention `mi` and one word of `joiners` ("Paris,
/// Texas", "Kamenné Square in Bratislava"), if any.
fn written_after(doc: &Doc, mentions: &[Mention], mi: usize, joiners: &[&str]) -> Option<usize> {
    let end = mentions[mi].tokens.end;
    mentions
        .get(mi + 1)
        .filter(|n| n.tokens.start == end + 1 && joiners.contains(&doc.tokens[end].lower.as_str()))
        .map(|_| mi + 1)
}

/// The resolved places, one for each place chosen, with the mentions that
/// name it; each mention learns the index of its place.
fn assign_places(mentions: &mut [Mention], chosen: &[Option<u32>]) -> Vec<ResolvedPlace> {
    let mut out: Vec<ResolvedPlace> = Vec::new();
    for (mi, ch) in chosen.iter().enumerate() {
        let Some(p) = *ch else { continue };
        let idx = match out.iter().position(|r| r.place == p) {
            Some(i) => i,
            None => {
                out.push(ResolvedPlace {
                    place: p,
                    mentions: Vec::new(),
                    state: None,
                });
                out.len() - 1
            }
        };
        out[idx].mentions.push(mi);
        mentions[mi].place = Some(idx);
    }
    out
}

/// The country a story is mainly about, from what was resolved: each place
/// mention counts for its resolved country, each country name, and each
/// organisation or demonym for its country, half; the dateline counts two.
/// Of a tie, the country named first.
fn story_country(
    kb: &Kb,
    mentions: &[Mention],
    chosen: &[Option<u32>],
    dateline: Option<usize>,
) -> Option<&'static str> {
    let mut weight: Vec<(&'static str, f64, usize)> = Vec::new();
    for (mi, (m, ch)) in mentions.iter().zip(chosen).enumerate() {
        // "the New York Times reported": an organization counts by its country
        let ch = ch.filter(|_| !m.holds_a_place_in_its_name());
        let (country, w) = match (ch.and_then(|p| kb.places[p as usize].country), m.kind) {
            (Some(c), _) if m.country_entry.is_some() => (c, 1.0),
            (Some(c), _) => (c, 1.0),
            (None, MentionKind::State | MentionKind::Org | MentionKind::Group) => match m.country {
                Some(c) => (c, 0.5),
                None => continue,
            },
            _ => continue,
        };
        let w = if dateline == Some(mi) { w + 2.0 } else { w };
        match weight.iter_mut().find(|(c, _, _)| *c == country) {
            Some(entry) => entry.1 += w,
            None => weight.push((country, w, mi)),
        }
    }
    weight
        .iter()
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.2.cmp(&a.2)))
        .map(|(c, _, _)| *c)
}

/// The best candidate of each mention, where mentions of one name in a story
/// name one place ("Georgia" is the state throughout or the country
/// throughout): the candidates of all of them compete, each at its best
/// score. A mention that a "City, State" qualifier decided keeps its choice,
/// and that choice is the place of the name's other mentions ("Springfield,
/// Ohio — … the Springfield Bus Co.") unless qualifiers of the name disagree.
fn one_sense_per_story(
    keys: &[String],
    scored: &[Vec<(f64, u32)>],
    qualified: &[bool],
) -> Vec<Option<u32>> {
    let best = |pairs: &mut dyn Iterator<Item = (f64, u32)>| {
        pairs
            .max_by(|a, b| {
                a.0.partial_cmp(&b.0)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(b.1.cmp(&a.1))
            })
            .map(|b| b.1)
    };
    let mut by_name: BTreeMap<String, BTreeMap<u32, f64>> = BTreeMap::new();
    let mut decided: BTreeMap<&str, Option<u32>> = BTreeMap::new();
    for (mi, sc) in scored.iter().enumerate() {
        if qualified[mi] {
            if let Some(p) = best(&mut sc.iter().copied()) {
                let d = decided.entry(keys[mi].as_str()).or_insert(Some(p));
                if *d != Some(p) {
                    *d = None;
                }
            }
        }
        if qualified[mi] || sc.is_empty() {
            continue;
        }
        let per_place = by_name.entry(keys[mi].clone()).or_default();
        for &(s, p) in sc {
            let e = per_place.entry(p).or_insert(f64::NEG_INFINITY);
            *e = e.max(s);
        }
    }
    scored
        .iter()
        .enumerate()
        .map(|(mi, sc)| {
            if qualified[mi] || sc.is_empty() {
                return best(&mut sc.iter().copied());
            }
            if let Some(&Some(p)) = decided.get(keys[mi].as_str()) {
                if sc.iter().any(|&(_, c)| c == p) {
                    return Some(p);
                }
            }
            best(&mut by_name[&keys[mi]].iter().map(|(&p, &s)| (s, p)))
        })
        .collect()
}

/// Whether a mention is written as a dateline: in capitals, opening its
/// sentence, before a dash or an agency in brackets ("WASHINGTON —",
/// "HAMMOND, Ind. (AP)" has its state after it instead).
fn written_as_a_dateline(doc: &Doc, m: &Mention) -> bool {
    use crate::mentions::{opens_its_sentence_before, DASHES};
    let capitals = m
        .tokens
        .clone()
        .all(|t| doc.tokens[t].shape == Shape::Upper)
        && m.text(doc).chars().filter(|c| c.is_alphabetic()).count() >= 3;
    // an agency's bracket, or cp1252's dashes as a scraped text may keep them
    let other_marks = ["(", "\u{96}", "\u{97}"];
    capitals
        && (opens_its_sentence_before(doc, m.tokens.clone(), &DASHES)
            || opens_its_sentence_before(doc, m.tokens.clone(), &other_marks))
}

/// Whether place `q`, written after a comma, qualifies place `p`: its
/// state ("Alexandria, La.") or its country ("Paris, France").
fn qualifies(kb: &Kb, q: u32, p: u32) -> bool {
    let (qp, pl) = (&kb.places[q as usize], &kb.places[p as usize]);
    qp.country.is_some()
        && qp.country == pl.country
        && (qp.kind == PlaceKind::Country
            || (qp.kind == PlaceKind::Admin1 && qp.admin1 == pl.admin1))
}

/// The folded name of the toponym a mention holds: the whole mention, or the
/// place named inside it ("georgia" for "Georgia authorities").
fn toponym_key(doc: &Doc, m: &Mention) -> String {
    match &m.toponym_tokens {
        Some(t) => herald_kb::name_key(
            Span::new(
                doc.tokens[t.start].span.start,
                doc.tokens[t.end - 1].span.end,
            )
            .slice(&doc.text),
        ),
        None => herald_kb::name_key(m.text(doc)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mentions::find_mentions;
    use crate::testing;

    /// A mention resolved: its text, and its place's name, country and admin1 code.
    type Resolved = (String, &'static str, Option<&'static str>, &'static str);

    /// The place each toponym of a text resolves to, and the focus country;
    /// `dateline` is the place name the text opens with, if any.
    fn resolved(text: &str, dateline: Option<&str>) -> (Vec<Resolved>, Option<&'static str>) {
        resolved_from(text, dateline, None)
    }

    /// The same for an article published at `url`.
    fn resolved_from(
        text: &str,
        dateline: Option<&str>,
        url: Option<&str>,
    ) -> (Vec<Resolved>, Option<&'static str>) {
        let kb = testing::kb();
        let doc = testing::doc(text);
        let mut mentions = find_mentions(&doc, kb, None);
        let dateline = dateline.map(|d| DatelineText {
            place: d.to_string(),
            place_span: Span::new(0, d.len()),
            agency: None,
        });
        let hints = StoryHints {
            dateline: dateline.as_ref(),
            url,
        };
        let (places, focus) =
            resolve_places(&doc, kb, &mut mentions, hints, PlaceRanker::embedded());
        let chosen = mentions
            .iter()
            .filter_map(|m| {
                let pl = &kb.places[places[m.place?].place as usize];
                Some((m.text(&doc).to_string(), pl.name, pl.country, pl.admin1))
            })
            .collect();
        (chosen, focus)
    }

    /// The place named `name` in the record of `text` (the test fails
    /// with the record's places when there is none).
    fn listed(text: &str, name: &str) -> herald_core::PlaceOut {
        let record = testing::record(text);
        let place = record.places.iter().find(|p| p.name == name).cloned();
        place.unwrap_or_else(|| panic!("no place {name} in {text}: {:?}", record.places))
    }

    fn place(
        text: &str,
        name: &'static str,
        country: &'static str,
        admin1: &'static str,
    ) -> Resolved {
        (text.to_string(), name, Some(country), admin1)
    }

    #[test]
    fn city_state_pair_picks_the_town_in_that_state() {
        assert_eq!(
            resolved(
                "Protesters gathered in Alexandria, Louisiana, on Sunday.",
                None
            ),
            (
                vec![
                    place("Alexandria", "Alexandria", "USA", "LA"),
                    place("Louisiana", "Louisiana", "USA", "LA"),
                ],
                Some("USA")
            )
        );
        assert_eq!(
            resolved("Officials in Paris, Texas, closed the school.", None).0,
            [
                place("Paris", "Paris", "USA", "TX"),
                place("Texas", "Texas", "USA", "TX"),
            ]
        );
    }

    #[test]
    fn a_town_its_state_qualified_once_is_that_town_throughout() {
        // Boston pulls an unqualified Springfield to another state
        let text = "The mayor of Springfield, Ohio, spoke on Monday. \
                    Teachers from Springfield met officials in Boston.";
        let (places, _) = resolved(text, None);
        let springfields: Vec<_> = places.iter().filter(|p| p.0 == "Springfield").collect();
        assert_eq!(springfields.len(), 2);
        assert!(springfields.iter().all(|p| p.3 == "OH"), "{places:?}");
        // qualifiers that disagree leave each unqualified mention to its score
        let two_states = "Springfield, Ohio, and Springfield, Illinois, signed the pact. \
                          Springfield will host the next meeting.";
        let (places, _) = resolved(two_states, None);
        assert_eq!(places.iter().filter(|p| p.0 == "Springfield").count(), 3);
        assert_eq!(
            places.iter().filter(|p| p.3 == "OH").count(),
            2,
            "{places:?}"
        );
    }

    #[test]
    fn a_town_an_organization_is_named_for_is_a_place_the_story_names() {
        let text = "A lieutenant of the Los Angeles Police Department said \
                    two men were held in Chicago.";
        let (places, _) = resolved(text, None);
        assert!(
            places.contains(&place(
                "Los Angeles Police Department",
                "Los Angeles",
                "USA",
                "CA"
            )),
            "{places:?}"
        );
        // it is where the organization is, not where the act was
        let record = testing::record(
            "Police arrested two protesters at the Los Angeles Police Department on Monday.",
        );
        assert_eq!(record.events.len(), 1);
        assert_eq!(record.events[0].location, None);
        // and a paper named for its city says nothing of the story's country
        let (_, focus) = resolved(
            "The United States cut aid to Bosnia and the Bosnian army, the New York Times reported.",
            None,
        );
        assert_eq!(focus, Some("BIH"));
        // a common word or the organization's own name is no town in it
        let (places, _) = resolved(
            "Inmates of the South Regional Jail spoke to the Xinhua news agency.",
            None,
        );
        assert_eq!(places, []);
    }

    #[test]
    fn a_dateline_in_capitals_names_a_town_for_the_whole_story() {
        let text = "Bill passes. WASHINGTON — Lawmakers in Washington voted to tax bonuses \
                    paid in Seattle, where Washington residents protested.";
        let (places, _) = resolved(text, None);
        let washingtons: Vec<_> = places.iter().filter(|p| p.1 == "Washington").collect();
        assert_eq!(washingtons.len(), 3, "{places:?}");
        assert!(washingtons.iter().all(|p| p.3 == "DC"), "{places:?}");
    }

    #[test]
    fn a_countrys_majority_people_name_the_country_their_language_none() {
        let (places, _) = resolved("The Sinhalese majority resents the deal.", None);
        assert_eq!(places, [place("Sinhalese", "Sri Lanka", "LKA", "")]);
        let (places, _) = resolved("The film was dubbed in Sinhalese.", None);
        assert_eq!(places, []);
    }

    #[test]
    fn west_virginia_abbreviated_with_a_space_is_west_virginia() {
        let (places, _) = resolved("A man of Wood County, W. Va., is held in jail.", None);
        assert!(
            places.contains(&place("W. Va.", "West Virginia", "USA", "WV")),
            "{places:?}"
        );
    }

    #[test]
    fn famous_city_named_alone_is_the_famous_one() {
        assert_eq!(
            resolved("Officials in Paris closed the school.", None),
            (vec![place("Paris", "Paris", "FRA", "11")], Some("FRA"))
        );
    }

    #[test]
    fn a_town_the_publisher_is_named_for_is_the_local_one() {
        // the host says the Paris is the paper's own, in the story's country;
        // which of that country's towns of the name is left to other evidence
        let text = "Police in Paris arrested two men after the fire on Main Street. \
                    The men were flown to a hospital in Seattle, Washington.";
        let country = |url| resolved_from(text, None, Some(url)).0[0].2;
        assert_eq!(
            country("http://www.theparisnews.com/story/123"),
            Some("USA")
        );
        // a host that names no town leaves the famous Paris
        assert_eq!(
            country("https://www.example-daily.com/story/123"),
            Some("FRA")
        );
        // a country-code domain says which country the publisher is in
        let richmond = resolved_from(
            "Officials in Richmond closed the bridge.",
            None,
            Some("http://www.richmondandtwickenhamtimes.co.uk/news/1"),
        );
        assert_eq!(richmond.0[0].2, Some("GBR"));
        assert_eq!(
            resolved("Officials in Richmond closed the bridge.", None).0[0].2,
            Some("USA")
        );
    }

    #[test]
    fn a_paper_of_a_country_code_domain_writes_first_of_its_own_country() {
        let text = "Officials in Perth closed the bridge after the storm.";
        let country = |url| resolved_from(text, None, Some(url)).0[0].2;
        assert_eq!(country("http://www.thecourier.co.uk/news/1"), Some("GBR"));
        assert_eq!(country("http://www.example-daily.com/news/1"), Some("AUS"));
    }

    #[test]
    fn a_town_near_the_one_the_publisher_is_named_for_is_the_local_one() {
        let text = "Dublin police arrested two men from Springfield on Monday.";
        let country = |url| resolved_from(text, None, url).0[0].2;
        assert_eq!(
            country(Some("http://columbuslocalnews.com/articles/1")),
            Some("USA")
        );
        assert_eq!(country(None), Some("IRL"));
        let kb = testing::kb();
        let p = Publisher::of(kb, Some("http://columbuslocalnews.com/a"));
        assert!(p
            .towns
            .iter()
            .any(|&t| kb.places[t as usize].admin1 == "OH"));
    }

    #[test]
    fn a_publishers_host_is_read_for_its_words_and_country() {
        let kb = testing::kb();
        let p = Publisher::of(kb, Some("https://user@News.Gainesville.co.uk:8080/a/b?c=d"));
        assert_eq!(p.labels, ["news", "gainesville"]);
        assert_eq!(p.country, Some("GBR"));
        assert!(p.names("gainesville"));
        assert!(
            !p.names("news"),
            "a name under five letters is not looked for"
        );
        let borrowed = Publisher::of(kb, Some("http://kansascity.tv/x"));
        assert_eq!(borrowed.country, None, ".tv is used by sites anywhere");
        assert!(borrowed.names("kansas city"));
        assert_eq!(Publisher::of(kb, Some("not a url")).country, None);
        assert!(Publisher::of(kb, None).labels.is_empty());
    }

    #[test]
    fn repeated_name_keeps_the_state_given_once() {
        assert_eq!(
            resolved(
                "The mayor of Springfield, Ill., spoke. Springfield has grown.",
                None
            )
            .0,
            [
                place("Springfield", "Springfield", "USA", "IL"),
                place("Ill.", "Illinois", "USA", "IL"),
                place("Springfield", "Springfield", "USA", "IL"),
            ]
        );
    }

    #[test]
    fn georgia_among_american_towns_is_the_state() {
        assert_eq!(
            resolved(
                "Voters in Atlanta and Savannah said Georgia needs more roads.",
                None
            ),
            (
                vec![
                    place("Atlanta", "Atlanta", "USA", "GA"),
                    place("Savannah", "Savannah", "USA", "GA"),
                    place("Georgia", "Georgia", "USA", "GA"),
                ],
                Some("USA")
            )
        );
    }

    #[test]
    fn georgia_beside_tbilisi_is_the_country() {
        assert_eq!(
            resolved(
                "Talks in Tbilisi ended. Georgia and Russia signed a deal.",
                None
            ),
            (
                vec![
                    place("Tbilisi", "Tbilisi", "GEO", "51"),
                    place("Georgia", "Georgia", "GEO", ""),
                    place("Russia", "Russia", "RUS", ""),
                ],
                Some("GEO")
            )
        );
    }

    #[test]
    fn story_of_french_towns_is_about_france() {
        let (_, focus) = resolved(
            "Fire crews in Lyon, Marseille and Toulouse fought the flames.",
            None,
        );
        assert_eq!(focus, Some("FRA"));
    }

    #[test]
    fn a_place_name_written_with_a_lowercase_word_is_no_place() {
        // "Ukrainian Village" is a part of Chicago
        let r = crate::testing::record("Troops searched a Ukrainian village near the border.");
        assert!(
            r.places.iter().all(|p| !p.name.contains("Village")),
            "{:#?}",
            r.places
        );
        let r = crate::testing::record("Talks opened in Dar es Salaam and Rio de Janeiro.");
        assert_eq!(r.places.len(), 2, "{:#?}", r.places);
    }

    #[test]
    fn capital_named_alone_is_the_capital() {
        assert_eq!(
            resolved("Washington said the sanctions would stay.", None).0,
            [place("Washington", "Washington", "USA", "DC")]
        );
    }

    #[test]
    fn names_of_neighbouring_places_choose_each_other() {
        // Paris, Tennessee lies in Henry County, Tennessee
        assert_eq!(
            resolved(
                "The sheriff of Henry County said a man from Paris was arrested.",
                None
            )
            .0,
            [
                place("Henry County", "Henry County", "USA", "TN"),
                place("Paris", "Paris", "USA", "TN"),
            ]
        );
    }

    #[test]
    fn dateline_counts_for_the_story_country() {
        let text = "PARIS -- Officials in Moscow and Novosibirsk met.";
        assert_eq!(resolved(text, Some("PARIS")).1, Some("FRA"));
        assert_eq!(resolved(text, None).1, Some("RUS"));
    }

    #[test]
    fn record_lists_each_place_once_with_its_country() {
        let record = testing::record(
            "Police in Alexandria, Louisiana, arrested two men. Alexandria has a curfew.",
        );
        let places: Vec<(&str, Option<&str>, usize)> = record
            .places
            .iter()
            .map(|p| (p.name.as_str(), p.country.as_deref(), p.mentions.len()))
            .collect();
        assert_eq!(
            places,
            [
                ("Alexandria, Louisiana", Some("USA"), 2),
                ("Louisiana", Some("USA"), 1)
            ]
        );
        assert_eq!(record.focus_country.as_deref(), Some("USA"));
    }

    #[test]
    fn a_town_is_named_with_the_state_written_after_it() {
        let names = |text: &str| -> Vec<String> {
            testing::record(text)
                .places
                .into_iter()
                .map(|p| p.name)
                .collect()
        };
        // the state's own name, not its abbreviation as written
        assert_eq!(
            names("The mayor of Springfield, Ill., spoke."),
            ["Springfield, Illinois", "Illinois"]
        );
        // a town without its state, and a state after a comma that is not the town's
        assert_eq!(names("The mayor of Springfield spoke."), ["Springfield"]);
        assert_eq!(
            names("Police in Dallas, Texas and Ohio searched."),
            ["Dallas, Texas", "Texas", "Ohio"]
        );
        // a country after its city names no state
        assert_eq!(
            names("Officials in Paris, France, met."),
            ["Paris", "France"]
        );
    }

    #[test]
    fn a_small_namesake_abroad_is_a_place_the_gazetteer_lacks() {
        let places = |text: &str| -> Vec<(String, Option<String>, bool)> {
            testing::record(text)
                .places
                .into_iter()
                .map(|p| (p.name, p.country, p.geonames_id.is_some()))
                .collect()
        };
        let london = |s: &str| (s.to_string(), Some("GBR".to_string()), true);
        // a Florida town of the name, with nothing American in a London story
        assert_eq!(
            places("British officials in London said flights were cancelled at Heathrow."),
            [
                london("United Kingdom"),
                london("London"),
                ("Heathrow".to_string(), Some("GBR".to_string()), false)
            ]
        );
        // in a story of its own country it is that town
        let named = places("Officials in Orlando said the storm hit Heathrow and Sanford.");
        assert!(
            named
                .iter()
                .any(|(n, c, at)| n == "Heathrow" && c.as_deref() == Some("USA") && *at),
            "{named:?}"
        );
    }

    #[test]
    fn an_unlisted_place_takes_the_country_of_the_place_it_is_in() {
        let square = listed(
            "Tourists from Austin crowded Qorvel Square in Bratislava.",
            "Qorvel Square",
        );
        assert_eq!(square.country.as_deref(), Some("SVK"), "{square:?}");
    }

    #[test]
    fn an_unlisted_place_has_the_coordinates_of_the_town_it_is_in() {
        let record = testing::record("Tourists from Austin crowded Qorvel Square in Bratislava.");
        let city = record
            .places
            .iter()
            .find(|p| p.name == "Bratislava")
            .unwrap();
        let square = record
            .places
            .iter()
            .find(|p| p.name == "Qorvel Square")
            .unwrap();
        assert_eq!((square.lat, square.lon), (city.lat, city.lon), "{square:?}");
        assert_eq!(square.coordinates_of.as_deref(), Some(city.id.as_str()));
        assert_eq!(square.geonames_id, None, "{square:?}");
    }

    #[test]
    fn an_unlisted_place_lies_by_the_town_the_story_names_most() {
        // the river is written next to Tyler, but the story is Palestine's
        let record = testing::record(
            "Palestine, Texas, will draw its water from a new intake. The Palestine \
             council voted on Monday. Engineers from Tyler said the Quivan River \
             is low. Palestine residents were asked to save water.",
        );
        let town = record
            .places
            .iter()
            .find(|p| p.name == "Palestine, Texas")
            .unwrap();
        let river = record
            .places
            .iter()
            .find(|p| p.name == "Quivan River")
            .unwrap();
        assert_eq!(town.country.as_deref(), Some("USA"), "{town:?}");
        assert_eq!(
            (river.lat, river.lon),
            (town.lat, town.lon),
            "{:?}",
            record.places
        );
        assert_eq!(river.coordinates_of.as_deref(), Some(town.id.as_str()));
    }

    #[test]
    fn an_unlisted_place_in_a_story_of_no_town_has_no_coordinates() {
        let river = listed(
            "Floods along the Quivan River forced thousands from their homes in Bangladesh.",
            "Quivan River",
        );
        assert_eq!(river.country.as_deref(), Some("BGD"), "{river:?}");
        assert_eq!((river.lat, river.coordinates_of), (None, None));
    }

    #[test]
    fn a_numbered_road_is_listed_with_the_country_of_its_context() {
        let road = listed(
            "A truck overturned on Interstate 64 near Charleston, West Virginia.",
            "Interstate 64",
        );
        let town = listed(
            "A truck overturned on Interstate 64 near Charleston, West Virginia.",
            "Charleston, West Virginia",
        );
        assert_eq!(
            (road.country.as_deref(), road.lat, road.lon),
            (Some("USA"), town.lat, town.lon),
            "{road:?}"
        );
    }

    #[test]
    fn a_village_named_as_one_is_listed() {
        let village = listed(
            "The landslide hit the village of Qelmoxi in Sichuan province.",
            "Qelmoxi",
        );
        assert_eq!(village.country.as_deref(), Some("CHN"), "{village:?}");
        // a town the story resolves elsewhere is not listed twice
        let record = testing::record(
            "Police in Sevierville, Tennessee, searched the lake. A spokesman for the city of Sevierville said two men drowned.",
        );
        let names: Vec<&str> = record.places.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Sevierville, Tennessee", "Tennessee"]);
    }

    #[test]
    fn a_region_that_is_a_subdivision_carries_its_geonames_id() {
        let id_of = |text: &str, name: &str| listed(text, name).geonames_id;
        // the region row (with its demonym) is the gazetteer's subdivision
        assert_eq!(
            id_of("Abkhaz separatists met officials on Monday.", "Abkhazia"),
            Some(6643410)
        );
        // also where GeoNames counts it first level and ISO 3166-2 lists
        // other divisions (the West Bank's governorates)
        assert_eq!(
            id_of("Settlers moved into the West Bank on Monday.", "West Bank"),
            Some(285153)
        );
        // a mountain is not the region of its name
        assert_eq!(
            id_of(
                "Climbers died on Mount Kilimanjaro on Monday.",
                "Mount Kilimanjaro"
            ),
            None
        );
    }

    #[test]
    fn washington_dc_without_a_comma_is_the_capital() {
        for text in [
            "He flew to Washington DC on Monday.",
            "Protesters gathered in Washington D.C. on Monday.",
        ] {
            let (chosen, _) = resolved(text, None);
            assert!(
                chosen.iter().any(|c| c.1 == "Washington" && c.3 == "DC"),
                "{text}: {chosen:?}"
            );
        }
    }

    #[test]
    fn the_people_of_a_state_or_province_name_it() {
        let (chosen, _) = resolved(
            "Ohioans were slow to receive the money, and many Ontarians and a Texan waited too.",
            None,
        );
        for (written, state) in [
            ("Ohioans", "Ohio"),
            ("Ontarians", "Ontario"),
            ("Texan", "Texas"),
        ] {
            assert!(
                chosen.iter().any(|c| c.0 == written && c.1 == state),
                "{written}: {chosen:?}"
            );
        }
    }

    #[test]
    fn weather_opening_a_sentence_is_no_town() {
        for text in [
            "Rain hit the region on Monday, officials said.",
            "Hail damaged the crops, officials said.",
            "Frost killed the vines, officials said.",
        ] {
            let record = testing::record(text);
            assert!(record.places.is_empty(), "{text}: {:?}", record.places);
            assert!(
                record.actors.iter().all(|a| a.country.is_none()),
                "{text}: {:?}",
                record.actors
            );
        }
    }

    #[test]
    fn located_after_a_preposition_and_place_words() {
        let doc =
            testing::doc("Clashes broke out in the northern city of Mosul. Mosul residents fled.");
        let at = |word: &str, nth: usize| {
            (0..doc.tokens.len())
                .filter(|&i| doc.token_text(i) == word)
                .nth(nth)
                .unwrap()
        };
        assert!(is_located(&doc, at("Mosul", 0)));
        assert!(!is_located(&doc, at("Mosul", 1)));
    }
}
