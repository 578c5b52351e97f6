//! The knowledge base: countries, places, organizations, armed groups,
//! government metonyms, role nouns, office holders and event cues, with the
//! name index and cue matcher built over them.
//!
//! Owns: parsing and validating `kb/*.tsv` (embedded in the binary, so every
//! command works from any directory), the [`NameIndex`] and [`CueIndex`],
//! and look-ups by name. It is immutable once built and shared by reference
//! across threads; it never writes annotations on a document.

mod cues;
mod fill;
mod fold;
mod names;
mod tables;
mod tsv;

pub use cues::{CueIndex, CueMatch};
pub use fold::{fold_token, name_key};
pub use names::{Entry, NameHit, NameIndex, NameMatch};
pub use tables::*;

use herald_nlp::Lemmatizer;
use rustc_hash::FxHashMap;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// A surname alone can stand for its holder only when it cannot be a
/// pronoun, a particle or a regnal number ("I", "al-", "II"): `min_letters`
/// letters or more, capitalised, no common word.
fn usable_surname(s: &str, min_letters: usize) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    let roman = s.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    letters >= min_letters
        && !roman
        && s.chars().next().is_some_and(|c| c.is_uppercase())
        && !herald_nlp::is_common_word(&s.to_lowercase())
}

/// Countries whose leaders English news names family name first, and
/// whose family names are seldom English words ("Xi Jinping" is "Xi";
/// Korea's "Park", "Moon" and "Kim" would take "Knox Park" and "Kim said").
const FAMILY_NAME_FIRST: [&str; 5] = ["CHN", "TWN", "HKG", "MAC", "SGP"];

/// The surname a holder's full name is known by alone: the last word, or
/// the first where the family name comes first (two letters will do there:
/// "Xi", "Li"); none for a one-word name or a word that is no name.
fn surname_of<'n>(name: &'n str, country: Option<&str>) -> Option<&'n str> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    if country.is_some_and(|c| FAMILY_NAME_FIRST.contains(&c)) {
        let first = words[0];
        return (usable_surname(first, 2) && !herald_nlp::is_given_name(&first.to_lowercase()))
            .then_some(first);
    }
    words.last().copied().filter(|s| usable_surname(s, 3))
}

/// "lt. gen." -> "Lt. Gen."
fn capitalise_words(phrase: &str) -> String {
    phrase
        .split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The other usual spellings of a place name that opens with "Saint",
/// "Mount" or "Fort", whole or abbreviated ("St. Louis", "Saint Louis").
fn abbreviation_variants(name: &str) -> impl Iterator<Item = String> + '_ {
    const FORMS: [&[&str]; 3] = [
        &["Saint", "St.", "St"],
        &["Mount", "Mt.", "Mt"],
        &["Fort", "Ft.", "Ft"],
    ];
    let split = name.split_once(' ');
    let forms = split.and_then(|(first, _)| FORMS.iter().find(|f| f.contains(&first)));
    forms.into_iter().flat_map(move |forms| {
        let (first, rest) = split.unwrap_or_default();
        forms
            .iter()
            .filter(move |&&f| f != first)
            .map(move |f| format!("{f} {rest}"))
    })
}

/// A data-file problem, naming the file and line.
#[derive(Debug, Clone, PartialEq)]
pub struct KbError {
    pub file: &'static str,
    pub line: usize,
    pub msg: String,
}

impl fmt::Display for KbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "kb/{}:{}: {}", self.file, self.line, self.msg)
    }
}

impl std::error::Error for KbError {}

/// The texts of the knowledge files.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    pub countries: &'a str,
    pub places: &'a str,
    pub postal_towns: &'a str,
    pub admin1: &'a str,
    pub counties: &'a str,
    pub regions: &'a str,
    pub organizations: &'a str,
    pub groups: &'a str,
    pub metonyms: &'a str,
    pub roles: &'a str,
    pub officeholders: &'a str,
    pub cues: &'a str,
}

impl Sources<'static> {
    /// The files under `kb/`, as embedded at build time.
    pub fn embedded() -> Self {
        Sources {
            countries: include_str!("../../../kb/countries.tsv"),
            places: include_str!("../../../kb/places.tsv"),
            postal_towns: include_str!("../../../kb/postal_towns.tsv"),
            admin1: include_str!("../../../kb/admin1.tsv"),
            counties: include_str!("../../../kb/counties.tsv"),
            regions: include_str!("../../../kb/regions.tsv"),
            organizations: include_str!("../../../kb/organizations.tsv"),
            groups: include_str!("../../../kb/groups.tsv"),
            metonyms: include_str!("../../../kb/metonyms.tsv"),
            roles: include_str!("../../../kb/roles.tsv"),
            officeholders: include_str!("../../../kb/officeholders.tsv"),
            cues: include_str!("../../../kb/cues.tsv"),
        }
    }
}

/// Row counts, for `herald kb stats`.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    pub countries: usize,
    pub countries_with_demonyms: usize,
    pub places: usize,
    pub admin1: usize,
    pub organizations: usize,
    pub groups: usize,
    pub metonyms: usize,
    pub roles: usize,
    pub office_holder_tenures: usize,
    pub office_holders: usize,
    pub cues: usize,
    pub cues_per_type: Vec<(herald_core::EventType, usize)>,
    pub names: usize,
}

#[derive(Debug)]
pub struct Kb {
    pub countries: Vec<Country>,
    /// Cities and continents, then US post-office towns, first-level
    /// subdivisions, US counties, regions, then one place per country.
    pub places: Vec<Place>,
    /// International organizations, then groups and national institutions.
    pub orgs: Vec<Org>,
    pub metonyms: Vec<Metonym>,
    pub roles: Vec<Role>,
    pub holders: Vec<OfficeHolder>,
    pub cues: Vec<Cue>,
    pub names: NameIndex,
    pub cue_index: CueIndex,
    pub lemmatizer: Lemmatizer,
    country_by_code: FxHashMap<&'static str, u32>,
    /// every code the tables may use: the countries' and a few more ("PSE")
    country_codes: CountryCodes,
    country_place: Vec<u32>,
    capital_place: Vec<Option<u32>>,
    n_organizations: usize,
    n_admin1: usize,
}

/// All places, with their names in an unfinished index.
struct Gazetteer {
    places: Vec<Place>,
    names: NameIndex,
    country_place: Vec<u32>,
    n_admin1: usize,
}

/// The tables other than places, and the cue matcher.
struct Lexicons {
    orgs: Vec<Org>,
    n_organizations: usize,
    metonyms: Vec<Metonym>,
    roles: Vec<Role>,
    holders: Vec<OfficeHolder>,
    cues: Vec<Cue>,
    lemmatizer: Lemmatizer,
    cue_index: CueIndex,
}

impl Lexicons {
    fn build(src: Sources<'static>, codes: &CountryCodes) -> Result<Lexicons, KbError> {
        let mut orgs = parse_orgs("organizations.tsv", src.organizations, codes)?;
        let n_organizations = orgs.len();
        orgs.extend(parse_orgs("groups.tsv", src.groups, codes)?);
        let cues = parse_cues(src.cues)?;
        let lemmatizer = Lemmatizer::english();
        let cue_index = CueIndex::build(&cues, &lemmatizer);
        let holders = parse_holders(src.officeholders, codes)?;
        let mut roles = parse_roles(src.roles)?;
        set_role_homes(&mut roles, &holders);
        Ok(Lexicons {
            orgs,
            n_organizations,
            metonyms: parse_metonyms(src.metonyms, codes)?,
            roles,
            holders,
            cues,
            lemmatizer,
            cue_index,
        })
    }
}

impl Kb {
    /// The knowledge base embedded in the binary.
    pub fn embedded() -> Result<Kb, KbError> {
        Kb::from_sources(Sources::embedded())
    }

    pub fn from_sources(src: Sources<'static>) -> Result<Kb, KbError> {
        let countries = parse_countries(src.countries)?;
        let mut codes: CountryCodes = countries.iter().map(|c| c.iso3).collect();
        codes.extend(["XKX", "PSE", "TWN"]);
        // The smaller tables and the cue matcher are built beside the places,
        // on a core the places leave idle in their serial steps.
        std::thread::scope(|s| {
            let lexicons = s.spawn(|| Lexicons::build(src, &codes));
            let places = Kb::places_and_names(src, &countries, &codes);
            let lexicons = lexicons.join().expect("lexicon thread")?;
            Ok((lexicons, places?))
        })
        .and_then(|(lexicons, gazetteer)| Kb::assemble(countries, codes, lexicons, gazetteer))
    }

    fn places_and_names(
        src: Sources<'static>,
        countries: &[Country],
        codes: &CountryCodes,
    ) -> Result<Gazetteer, KbError> {
        let mut places = parse_places(src.places, codes)?;
        places.extend(parse_postal_towns(src.postal_towns)?);
        let admin1 = parse_admin1(src.admin1, codes)?;
        // A subdivision weighs as much as the people of its places.
        let mut admin_population: FxHashMap<(&str, &str), u64> = FxHashMap::default();
        for p in &places {
            if let (PlaceKind::City, Some(c)) = (p.kind, p.country) {
                *admin_population.entry((c, p.admin1)).or_default() += p.population;
            }
        }
        let mut admin1 = admin1;
        for a in admin1.iter_mut() {
            let key = (a.country.unwrap_or_default(), a.admin1);
            a.population = admin_population.get(&key).copied().unwrap_or(0);
        }
        let n_admin1 = admin1.len();
        let regions = parse_regions(src.regions, codes, &admin1)?;
        places.extend(admin1);
        places.extend(parse_counties(src.counties, codes)?);
        places.extend(regions);
        let mut country_population: FxHashMap<&str, u64> = FxHashMap::default();
        for ((c, _), n) in &admin_population {
            *country_population.entry(c).or_default() += n;
        }
        let mut country_place = Vec::with_capacity(countries.len());
        for c in countries {
            country_place.push(places.len() as u32);
            places.push(Place {
                geonames_id: c.geonames_id,
                name: c.name,
                country: Some(c.iso3),
                admin1: "",
                lat: c.lat,
                lon: c.lon,
                population: country_population.get(c.iso3).copied().unwrap_or(0),
                kind: PlaceKind::Country,
                aliases: Vec::new(),
            });
        }
        let non_countries = || {
            places
                .iter()
                .enumerate()
                .filter(|(_, p)| p.kind != PlaceKind::Country)
        }; // countries are found through Entry::Country
        let mut place_names: Vec<(&str, Entry)> =
            Vec::with_capacity(non_countries().map(|(_, p)| 1 + p.aliases.len()).sum());
        for (i, p) in non_countries() {
            place_names.push((p.name, Entry::Place(i as u32)));
            place_names.extend(p.aliases.iter().map(|&a| (a, Entry::Place(i as u32))));
        }
        // "St. Petersburg" is Saint Petersburg; "Mt. Hood", Mount Hood
        let variants: Vec<(String, Entry)> = place_names
            .iter()
            .flat_map(|&(n, e)| abbreviation_variants(n).map(move |v| (v, e)))
            .collect();
        place_names.extend(variants.iter().map(|(v, e)| (v.as_str(), *e)));
        let mut names = NameIndex::default();
        names.insert_all(&place_names);
        drop(place_names);
        for (i, c) in countries.iter().enumerate() {
            let i = i as u32;
            names.insert(c.name, Entry::Country(i));
            for a in &c.aliases {
                names.insert(a, Entry::Country(i));
            }
            for d in &c.demonyms {
                names.insert(d, Entry::Demonym(i));
            }
        }
        Ok(Gazetteer {
            places,
            names,
            country_place,
            n_admin1,
        })
    }

    fn assemble(
        countries: Vec<Country>,
        codes: CountryCodes,
        lexicons: Lexicons,
        gazetteer: Gazetteer,
    ) -> Result<Kb, KbError> {
        let Lexicons {
            orgs,
            n_organizations,
            metonyms,
            roles,
            holders,
            cues,
            lemmatizer,
            cue_index,
        } = lexicons;
        let Gazetteer {
            places,
            mut names,
            country_place,
            n_admin1,
        } = gazetteer;
        let country_by_code: FxHashMap<&'static str, u32> = countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.iso3, i as u32))
            .collect();
        for (i, o) in orgs.iter().enumerate() {
            names.insert(&o.name, Entry::Org(i as u32));
            for a in &o.aliases {
                names.insert(a, Entry::Org(i as u32));
            }
        }
        for (i, m) in metonyms.iter().enumerate() {
            names.insert(&m.name, Entry::Metonym(i as u32));
            for a in &m.aliases {
                names.insert(a, Entry::Metonym(i as u32));
            }
        }
        for (i, r) in roles.iter().enumerate() {
            names.insert(&r.phrase, Entry::Role(i as u32));
            // "Gov." keeps its period as one token only when capitalised, as titles are written
            if r.phrase.contains('.') {
                names.insert(&capitalise_words(&r.phrase), Entry::Role(i as u32));
            }
        }
        for (i, h) in holders.iter().enumerate() {
            let i = i as u32;
            for n in std::iter::once(&h.name).chain(h.aliases.iter()) {
                names.insert(n, Entry::Holder(i));
                if let Some(surname) = surname_of(n, h.country) {
                    names.insert(surname, Entry::Surname(i));
                }
            }
        }
        // A demonym shared by a state and its territories ("French") reads
        // as the larger one first, by its number of places.
        let mut size = vec![0i64; countries.len()];
        for p in &places {
            if let Some(ci) = p.country.and_then(|c| country_by_code.get(c)) {
                size[*ci as usize] += 1;
            }
        }
        names.finish(|e| match e {
            Entry::Demonym(c) | Entry::Country(c) => size[*c as usize],
            _ => 0,
        });
        // A capital is the most populous place of its name in its country.
        let mut capital_place = vec![None; countries.len()];
        for (ci, c) in countries.iter().enumerate() {
            let Some(capital) = &c.capital else { continue };
            // "Washington D.C." is the town "Washington"; "City of Victoria" is "Victoria"
            let without_tail = capital
                .rsplit_once(' ')
                .map(|(head, _)| head.trim_end_matches(','));
            let without_head = capital.strip_prefix("City of ");
            let best = [Some(capital.as_str()), without_head, without_tail]
                .into_iter()
                .flatten()
                .find_map(|name| {
                    names
                        .get(name)
                        .iter()
                        .filter_map(|h| match h.entry {
                            Entry::Place(p) => Some(p),
                            _ => None,
                        })
                        .filter(|&p| {
                            places[p as usize].country == Some(c.iso3)
                                && places[p as usize].kind == PlaceKind::City
                        })
                        .max_by_key(|&p| places[p as usize].population)
                });
            capital_place[ci] = best;
        }
        Ok(Kb {
            countries,
            places,
            orgs,
            metonyms,
            roles,
            holders,
            cues,
            names,
            cue_index,
            lemmatizer,
            country_by_code,
            country_codes: codes,
            country_place,
            capital_place,
            n_organizations,
            n_admin1,
        })
    }

    pub fn country(&self, iso3: &str) -> Option<&Country> {
        self.country_by_code
            .get(iso3)
            .map(|&i| &self.countries[i as usize])
    }

    /// The knowledge base's own copy of a country code it knows.
    pub fn country_code(&self, iso3: &str) -> Option<&'static str> {
        self.country_codes.get(iso3).copied()
    }

    pub fn country_index(&self, iso3: &str) -> Option<u32> {
        self.country_by_code.get(iso3).copied()
    }

    /// The place standing for a whole country.
    pub fn country_place(&self, country: u32) -> u32 {
        self.country_place[country as usize]
    }

    /// The capital city's place, when known.
    pub fn capital_place(&self, country: u32) -> Option<u32> {
        self.capital_place[country as usize]
    }

    /// The country a place is the capital of.
    pub fn capital_of(&self, place: u32) -> Option<u32> {
        let p = &self.places[place as usize];
        let ci = self.country_index(p.country?)?;
        (self.capital_place[ci as usize] == Some(place)).then_some(ci)
    }

    /// Whether a lowercased lemma is a word of the lexicons (a cue word or a
    /// role noun), so a capitalised sentence opener is no name. (The general
    /// list of common English words is `herald_nlp::is_common_word`.)
    pub fn is_lexicon_word(&self, lemma: &str) -> bool {
        self.cue_index.has_lemma(lemma)
            || self
                .names
                .get(lemma)
                .iter()
                .any(|h| matches!(h.entry, Entry::Role(_)))
    }

    pub fn stats(&self) -> Stats {
        let mut per_type: HashMap<herald_core::EventType, usize> = HashMap::new();
        for c in &self.cues {
            *per_type.entry(c.event).or_default() += 1;
        }
        let cues_per_type = herald_core::EventType::ALL
            .iter()
            .map(|t| (*t, per_type.get(t).copied().unwrap_or(0)))
            .collect();
        let people: HashSet<&str> = self.holders.iter().map(|h| h.name.as_str()).collect();
        Stats {
            countries: self.countries.len(),
            countries_with_demonyms: self
                .countries
                .iter()
                .filter(|c| !c.demonyms.is_empty())
                .count(),
            places: self
                .places
                .iter()
                .filter(|p| p.kind == PlaceKind::City)
                .count(),
            admin1: self.n_admin1,
            organizations: self.n_organizations,
            groups: self.orgs.len() - self.n_organizations,
            metonyms: self.metonyms.len(),
            roles: self.roles.len(),
            office_holder_tenures: self.holders.len(),
            office_holders: people.len(),
            cues: self.cues.len(),
            cues_per_type,
            names: self.names.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviated_titles_are_found_capitalised() {
        let kb = Kb::embedded().unwrap();
        for title in ["Gov.", "Lt. Gen.", "Rep."] {
            assert!(
                kb.names
                    .get(title)
                    .iter()
                    .any(|h| matches!(h.entry, Entry::Role(_))),
                "{title}"
            );
        }
    }

    #[test]
    fn saint_mount_and_fort_are_found_whole_or_abbreviated() {
        let v: Vec<String> = abbreviation_variants("St. Petersburg").collect();
        assert_eq!(v, ["Saint Petersburg", "St Petersburg"]);
        assert_eq!(abbreviation_variants("Mount Pleasant").count(), 2);
        assert_eq!(abbreviation_variants("Stanford").count(), 0);
        let kb = Kb::embedded().unwrap();
        let russian = kb.names.get("St. Petersburg").iter().any(
            |h| matches!(h.entry, Entry::Place(p) if kb.places[p as usize].country == Some("RUS")),
        );
        assert!(russian, "St. Petersburg finds Saint Petersburg, Russia");
    }

    #[test]
    fn towns_known_only_by_their_post_office_are_places_without_an_id() {
        let kb = Kb::embedded().unwrap();
        let towns = |name: &str| -> Vec<&Place> {
            kb.names
                .get(name)
                .iter()
                .filter_map(|h| match h.entry {
                    Entry::Place(p) => Some(&kb.places[p as usize]),
                    _ => None,
                })
                .collect()
        };
        let meadow_grove = towns("Meadow Grove");
        assert!(
            meadow_grove
                .iter()
                .any(|p| p.post_office_only() && p.admin1 == "NE" && p.lat.is_some()),
            "{meadow_grove:?}"
        );
        // a word of English is no post office's town ("Hall, Montana")
        assert!(towns("Hall").iter().all(|p| !p.post_office_only()));
        // American towns only, beside the gazetteer's (which keep their ids)
        let post_offices: Vec<&Place> = kb.places.iter().filter(|p| p.post_office_only()).collect();
        assert!(post_offices.len() > 10_000, "{}", post_offices.len());
        assert!(post_offices.iter().all(|p| p.country == Some("USA")));
        assert!(towns("Paris")
            .iter()
            .any(|p| p.geonames_id == Some(2988507)));
    }

    #[test]
    fn embedded_knowledge_base_loads() {
        let kb = Kb::embedded().expect("embedded kb is valid");
        let s = kb.stats();
        assert!(s.countries >= 249, "{s:?}");
        assert!(s.places >= 30_000, "{s:?}");
        let rus = kb.country("RUS").unwrap();
        assert_eq!(rus.name, "Russia");
        let ci = kb.country_index("IND").unwrap();
        let capital = kb.capital_place(ci).map(|p| kb.places[p as usize].name);
        assert_eq!(capital, Some("New Delhi"));
    }
}

/// The coder's closed word lists, made from `kb/words.tsv` at build time.
pub mod words {
    include!(concat!(env!("OUT_DIR"), "/words.rs"));
}
