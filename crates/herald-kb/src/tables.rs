//! The knowledge tables as typed records, parsed from `kb/*.tsv`.

use crate::name_key;
use crate::tsv::rows;
use crate::KbError;
use herald_core::{EventType, Sector};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone)]
pub struct Country {
    pub iso3: &'static str,
    pub iso2: String,
    pub name: &'static str,
    pub aliases: Vec<String>,
    pub demonyms: Vec<String>,
    pub capital: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonames_id: Option<u64>,
    pub region: String,
    pub borders: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PlaceKind {
    #[default]
    City,
    Admin1,
    /// A US county: its state and the centroid of its outline.
    County,
    Country,
    Continent,
    /// A named region or natural feature: "West Bank", "Darfur", "Red River".
    Region,
}

impl PlaceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::City => "city",
            PlaceKind::Admin1 => "admin1",
            PlaceKind::County => "county",
            PlaceKind::Country => "country",
            PlaceKind::Continent => "continent",
            PlaceKind::Region => "region",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Place {
    pub geonames_id: Option<u64>,
    pub name: &'static str,
    pub country: Option<&'static str>,
    pub admin1: &'static str,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub population: u64,
    pub kind: PlaceKind,
    pub aliases: Vec<&'static str>,
}

impl Place {
    /// A town or a county: a point that places what lies beside it within a
    /// few kilometres, as a state's or a country's centre does not.
    pub fn is_town(&self) -> bool {
        matches!(self.kind, PlaceKind::City | PlaceKind::County)
    }

    /// A town known only by its post office (`postal_towns.tsv`): no
    /// GeoNames id and no count of people.
    pub fn post_office_only(&self) -> bool {
        self.kind == PlaceKind::City && self.geonames_id.is_none()
    }
}

#[derive(Debug, Clone)]
pub struct Org {
    pub key: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub country: Option<&'static str>,
    pub sector: Sector,
    pub kind: String,
}

#[derive(Debug, Clone)]
pub struct Metonym {
    pub name: String,
    pub aliases: Vec<String>,
    pub country: &'static str,
    pub sector: Sector,
}

#[derive(Debug, Clone)]
pub struct Role {
    pub phrase: String,
    pub sector: Sector,
    pub role: Option<String>,
    /// A single person ("minister") rather than a group ("troops").
    pub person: bool,
    /// The one country whose office this is, where the office holders
    /// list its holders in that country alone ("Pope": VAT, "Taoiseach":
    /// IRL); set by [`set_role_homes`].
    pub home: Option<&'static str>,
}

/// A date bound as `yyyymmdd`, with the precision it was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct DateBound(pub u32);

impl DateBound {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `end` widens partial dates to their last day.
    pub fn parse(s: &str, end: bool) -> Option<DateBound> {
        let parts: Vec<&str> = s.split('-').collect();
        let y: u32 = parts
            .first()?
            .parse()
            .ok()
            .filter(|y| (1000..3000).contains(y))?;
        let m: u32 = match parts.get(1) {
            Some(m) => m.parse().ok().filter(|m| (1..=12).contains(m))?,
            None => {
                if end {
                    12
                } else {
                    1
                }
            }
        };
        let d: u32 = match parts.get(2) {
            Some(d) => d.parse().ok().filter(|d| (1..=31).contains(d))?,
            None => {
                if end {
                    31
                } else {
                    1
                }
            }
        };
        if parts.len() > 3 {
            return None;
        }
        Some(DateBound(y * 10000 + m * 100 + d))
    }
}

#[derive(Debug, Clone)]
pub struct OfficeHolder {
    pub name: String,
    pub aliases: Vec<String>,
    pub country: Option<&'static str>,
    pub org: Option<String>,
    pub role: String,
    pub sector: Sector,
    pub start: DateBound,
    pub start_text: String,
    /// None while in office.
    pub end: Option<DateBound>,
    pub end_text: String,
}

impl OfficeHolder {
    /// Whether the tenure covers a date given as `yyyymmdd`.
    pub fn covers(&self, date: u32) -> bool {
        self.start.0 <= date && self.end.is_none_or(|e| date <= e.0)
    }

    /// Whether the holder had taken office by a date (`yyyymmdd`) and had
    /// not left it more than `years` before.
    pub fn recent_at(&self, date: u32, years: u32) -> bool {
        self.start.0 <= date && self.end.is_none_or(|e| date <= e.0 + years * 10_000)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CuePos {
    Verb,
    Noun,
}

/// Where a cue's target stands: its direct object, or after a preposition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetSlot {
    Object,
    Prep(String),
}

#[derive(Debug, Clone)]
pub struct Cue {
    /// Lemmas; `...` marks a gap of up to four words.
    pub pattern: Vec<String>,
    pub pos: CuePos,
    pub event: EventType,
    pub mode: Option<String>,
    pub context: Option<String>,
    pub cameo: String,
    /// Empty when the cue takes no target.
    pub targets: Vec<TargetSlot>,
}

/// The known ISO3 country codes, for checking the tables' country columns.
pub type CountryCodes = rustc_hash::FxHashSet<&'static str>;

pub(crate) fn check_country(
    row: &crate::tsv::Row,
    code: &str,
    known: &CountryCodes,
) -> Result<(), KbError> {
    if known.contains(code) {
        Ok(())
    } else {
        Err(row.error(format!("unknown country code `{code}`")))
    }
}

/// An optional country code in column `col`, checked when present.
fn optional_country<'a>(
    row: &crate::tsv::Row<'a>,
    col: usize,
    known: &CountryCodes,
) -> Result<Option<&'a str>, KbError> {
    let country = row.opt(col);
    if let Some(c) = country {
        check_country(row, c, known)?;
    }
    Ok(country)
}

fn sector(row: &crate::tsv::Row, col: usize) -> Result<Sector, KbError> {
    row.get(col).parse().map_err(|e: String| row.error(e))
}

pub fn parse_countries(text: &'static str) -> Result<Vec<Country>, KbError> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for r in rows("countries.tsv", text)? {
        let iso3 = r.get(0);
        if iso3.len() != 3 || !iso3.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(r.error(format!("bad ISO3 code `{iso3}`")));
        }
        if !seen.insert(iso3) {
            return Err(r.error(format!("duplicate country `{iso3}`")));
        }
        out.push(Country {
            iso3,
            iso2: r.get(1).to_string(),
            name: r.get(2),
            aliases: r.list(3).into_iter().map(String::from).collect(),
            demonyms: r.list(4).into_iter().map(String::from).collect(),
            capital: r.opt(5).map(String::from),
            lat: r.f64(6)?,
            lon: r.f64(7)?,
            geonames_id: r.u64(8)?,
            region: r.get(9).to_string(),
            borders: r.list(11).into_iter().map(String::from).collect(),
        });
    }
    Ok(out)
}

pub fn parse_places(text: &'static str, countries: &CountryCodes) -> Result<Vec<Place>, KbError> {
    // the largest table: read on all cores
    let out = crate::tsv::parse_rows_parallel("places.tsv", text, |r| place_row(r, countries))?;
    let mut seen = rustc_hash::FxHashSet::default();
    seen.reserve(out.len());
    for p in &out {
        let id = p.geonames_id.unwrap_or_default();
        if !seen.insert(id) {
            // the second row with that id, for the message
            let line = text
                .lines()
                .enumerate()
                .filter(|(_, l)| l.split('\t').next() == Some(id.to_string().as_str()))
                .nth(1)
                .map_or(0, |(n, _)| n + 1);
            return Err(KbError {
                file: "places.tsv",
                line,
                msg: format!("duplicate geonames_id {id}"),
            });
        }
    }
    Ok(out)
}

fn place_row(r: &crate::tsv::Row<'static>, countries: &CountryCodes) -> Result<Place, KbError> {
    let id = r
        .u64(0)?
        .ok_or_else(|| r.error("missing geonames_id".into()))?;
    let country = optional_country(r, 2, countries)?;
    let kind = match r.get(7) {
        "continent" => PlaceKind::Continent,
        _ => PlaceKind::City,
    };
    Ok(Place {
        geonames_id: Some(id),
        name: r.get(1),
        country,
        admin1: r.get(3),
        lat: r.f64(4)?,
        lon: r.f64(5)?,
        population: r.u64(6)?.unwrap_or(0),
        kind,
        aliases: r.list(8),
    })
}

/// US towns that name a post office and that `places.tsv` lacks
/// (`postal_towns.tsv`, made by `scripts/build_postal_towns.py`): towns
/// without a GeoNames id or a count of people.
pub fn parse_postal_towns(text: &'static str) -> Result<Vec<Place>, KbError> {
    let mut out = Vec::new();
    for r in rows("postal_towns.tsv", text)? {
        out.push(Place {
            geonames_id: None,
            name: r.get(0),
            country: Some("USA"),
            admin1: r.get(1),
            lat: r.f64(2)?,
            lon: r.f64(3)?,
            population: 0,
            kind: PlaceKind::City,
            aliases: Vec::new(),
        });
    }
    Ok(out)
}

pub fn parse_admin1(text: &'static str, countries: &CountryCodes) -> Result<Vec<Place>, KbError> {
    let mut out = Vec::new();
    for r in rows("admin1.tsv", text)? {
        check_country(&r, r.get(0), countries)?;
        out.push(Place {
            geonames_id: r.u64(6)?,
            name: r.get(2),
            country: Some(r.get(0)),
            admin1: r.get(1),
            lat: r.f64(4)?,
            lon: r.f64(5)?,
            population: 0,
            kind: PlaceKind::Admin1,
            aliases: r.list(3),
        });
    }
    Ok(out)
}

pub fn parse_counties(text: &'static str, countries: &CountryCodes) -> Result<Vec<Place>, KbError> {
    let mut out = Vec::new();
    for r in rows("counties.tsv", text)? {
        check_country(&r, r.get(0), countries)?;
        out.push(Place {
            geonames_id: r.u64(6)?,
            name: r.get(2),
            country: Some(r.get(0)),
            admin1: r.get(1),
            lat: r.f64(4)?,
            lon: r.f64(5)?,
            population: 0,
            kind: PlaceKind::County,
            aliases: Vec::new(),
        });
    }
    Ok(out)
}

/// Kinds of regions that are the subdivision of their name where their
/// country has one ("Bavaria", "Abkhazia", "Sicily"); a desert or a
/// mountain ("Atacama Desert", "Mount Kilimanjaro") is not. The same
/// list is in `scripts/build_kb.py`, which joins such regions to GeoNames.
const REGION_KINDS_LIKE_SUBDIVISIONS: [&str; 4] = ["region", "territory", "island", "islands"];

/// Regions and natural features; their demonyms ("South Ossetian") name
/// them too. A region that is a first-level subdivision of its country
/// by name takes the subdivision's GeoNames id from `admin1` (its own
/// point stays), so that it is the same place as the gazetteer's.
pub fn parse_regions(
    text: &'static str,
    countries: &CountryCodes,
    admin1: &[Place],
) -> Result<Vec<Place>, KbError> {
    let mut subdivision_ids: HashMap<(String, &str), u64> = HashMap::new();
    for a in admin1 {
        if let (Some(id), Some(country)) = (a.geonames_id, a.country) {
            for name in std::iter::once(&a.name).chain(&a.aliases) {
                subdivision_ids
                    .entry((name_key(name), country))
                    .or_insert(id);
            }
        }
    }
    let mut out = Vec::new();
    for r in rows("regions.tsv", text)? {
        let country = optional_country(&r, 2, countries)?;
        let mut aliases = r.list(1);
        aliases.extend(r.list(6));
        let geonames_id = country
            .filter(|_| REGION_KINDS_LIKE_SUBDIVISIONS.contains(&r.get(5)))
            .and_then(|c| subdivision_ids.get(&(name_key(r.get(0)), c)).copied());
        out.push(Place {
            geonames_id,
            name: r.get(0),
            country,
            admin1: "",
            lat: r.f64(3)?,
            lon: r.f64(4)?,
            population: 0,
            kind: PlaceKind::Region,
            aliases,
        });
    }
    Ok(out)
}

pub fn parse_orgs(
    file: &'static str,
    text: &'static str,
    countries: &CountryCodes,
) -> Result<Vec<Org>, KbError> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for r in rows(file, text)? {
        let name = r.get(1).to_string();
        if !seen.insert(name.clone()) {
            return Err(r.error(format!("duplicate name `{name}`")));
        }
        let country = optional_country(&r, 3, countries)?;
        out.push(Org {
            key: r.get(0).to_string(),
            name,
            aliases: r.list(2).into_iter().map(String::from).collect(),
            country,
            sector: sector(&r, 4)?,
            kind: r.get(5).to_string(),
        });
    }
    Ok(out)
}

pub fn parse_metonyms(
    text: &'static str,
    countries: &CountryCodes,
) -> Result<Vec<Metonym>, KbError> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for r in rows("metonyms.tsv", text)? {
        let name = r.get(0).to_string();
        if !seen.insert(name.clone()) {
            return Err(r.error(format!("duplicate name `{name}`")));
        }
        check_country(&r, r.get(2), countries)?;
        out.push(Metonym {
            name,
            aliases: r.list(1).into_iter().map(String::from).collect(),
            country: r.get(2),
            sector: sector(&r, 3)?,
        });
    }
    Ok(out)
}

pub fn parse_roles(text: &str) -> Result<Vec<Role>, KbError> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for r in rows("roles.tsv", text)? {
        let phrase = r.get(0).to_lowercase();
        if !seen.insert(phrase.clone()) {
            return Err(r.error(format!("duplicate phrase `{phrase}`")));
        }
        out.push(Role {
            phrase,
            sector: sector(&r, 1)?,
            role: r.opt(2).map(String::from),
            person: r.get(3) == "person",
            home: None,
        });
    }
    Ok(out)
}

/// Sets each role's home: the country of all its office holders, when they
/// are all of one country (none when any holds it for an organisation).
pub fn set_role_homes(roles: &mut [Role], holders: &[OfficeHolder]) {
    let mut homes: HashMap<&str, Option<&'static str>> = HashMap::new();
    for h in holders {
        homes
            .entry(h.role.as_str())
            .and_modify(|home| {
                if *home != h.country {
                    *home = None;
                }
            })
            .or_insert(h.country);
    }
    for r in roles.iter_mut() {
        r.home = r
            .role
            .as_deref()
            .and_then(|n| homes.get(n).copied().flatten());
    }
}

pub fn parse_holders(
    text: &'static str,
    countries: &CountryCodes,
) -> Result<Vec<OfficeHolder>, KbError> {
    let mut out = Vec::new();
    for r in rows("officeholders.tsv", text)? {
        let country = optional_country(&r, 2, countries)?;
        let start = DateBound::parse(r.get(6), false)
            .ok_or_else(|| r.error(format!("bad start date `{}`", r.get(6))))?;
        let end = match r.opt(7) {
            None => None,
            Some(e) => Some(
                DateBound::parse(e, true).ok_or_else(|| r.error(format!("bad end date `{e}`")))?,
            ),
        };
        if end.is_some_and(|e| e < start) {
            return Err(r.error("tenure ends before it starts".into()));
        }
        out.push(OfficeHolder {
            name: r.get(0).to_string(),
            aliases: r.list(1).into_iter().map(String::from).collect(),
            country,
            org: r.opt(3).map(String::from),
            role: r.get(4).to_string(),
            sector: sector(&r, 5)?,
            start,
            start_text: r.get(6).to_string(),
            end,
            end_text: r.get(7).to_string(),
        });
    }
    Ok(out)
}

pub fn parse_cues(text: &str) -> Result<Vec<Cue>, KbError> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for r in rows("cues.tsv", text)? {
        let pattern: Vec<String> = r
            .get(0)
            .split_whitespace()
            .map(|s| s.to_lowercase())
            .collect();
        if pattern.is_empty() || pattern[0] == "..." || pattern.last().is_some_and(|t| t == "...") {
            return Err(r.error(format!("bad pattern `{}`", r.get(0))));
        }
        let pos = match r.get(1) {
            "V" => CuePos::Verb,
            "N" => CuePos::Noun,
            other => return Err(r.error(format!("bad pos `{other}`"))),
        };
        if !seen.insert((r.get(0).to_string(), r.get(1).to_string())) {
            return Err(r.error(format!("duplicate cue `{}` {}", r.get(0), r.get(1))));
        }
        let event: EventType = r.get(2).parse().map_err(|e: String| r.error(e))?;
        let cameo = r.get(5).to_string();
        if cameo.is_empty() || !cameo.chars().all(|c| c.is_ascii_digit()) {
            return Err(r.error(format!("bad CAMEO code `{cameo}`")));
        }
        let targets = r
            .list(6)
            .into_iter()
            .filter(|t| *t != "-")
            .map(|t| {
                if t == "obj" {
                    TargetSlot::Object
                } else {
                    TargetSlot::Prep(t.to_string())
                }
            })
            .collect();
        out.push(Cue {
            pattern,
            pos,
            event,
            mode: r.opt(3).map(String::from),
            context: r.opt(4).map(String::from),
            cameo,
            targets,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes() -> CountryCodes {
        ["RUS", "USA"].into_iter().collect()
    }

    /// The tables borrow from their text, which the binary embeds; a test's text lives as long.
    fn embedded(text: String) -> &'static str {
        text.leak()
    }

    #[test]
    fn duplicate_and_unknown_codes_are_rejected() {
        let head = "# columns: key\tname\taliases\tcountry\tsector\tkind\n";
        let dup =
            format!("{head}UN\tUnited Nations\t\t\tIGO\tigo\nUN\tUnited Nations\t\t\tIGO\tigo\n");
        let e = parse_orgs("organizations.tsv", embedded(dup), &codes()).unwrap_err();
        assert!(e.to_string().contains("organizations.tsv:3"), "{e}");
        let unknown = format!("{head}X\tX Front\t\tXXX\tREB\tarmed\n");
        assert!(parse_orgs("groups.tsv", embedded(unknown), &codes())
            .unwrap_err()
            .to_string()
            .contains("unknown country"));
        let bad_sector = format!("{head}X\tX Front\t\tRUS\tREBEL\tarmed\n");
        assert!(parse_orgs("groups.tsv", embedded(bad_sector), &codes()).is_err());
    }

    #[test]
    fn a_repeated_place_id_is_named_by_its_second_line() {
        let head =
            "# columns: geonames_id\tname\tcountry\tadmin1\tlat\tlon\tpopulation\tkind\taliases\n";
        let text = format!("{head}1\tA\tUSA\tTX\t1\t2\t10\tcity\t\n2\tB\tUSA\tTX\t1\t2\t10\tcity\t\n1\tC\tRUS\t\t1\t2\t10\tcity\t\n");
        let e = parse_places(embedded(text), &codes()).unwrap_err();
        assert!(
            e.to_string().contains("places.tsv:4")
                && e.to_string().contains("duplicate geonames_id 1"),
            "{e}"
        );
        let ok = format!("{head}1\tA\tUSA\tTX\t1\t2\t10\tcity\tAa|Ab\n");
        assert_eq!(
            parse_places(embedded(ok), &codes()).unwrap()[0].aliases,
            ["Aa", "Ab"]
        );
    }

    #[test]
    fn an_office_held_in_one_country_alone_is_that_countrys() {
        let holders = "# columns: name\taliases\tcountry\torg\trole\tsector\tstart\tend\n\
            A B\t\tRUS\t\tPatriarch\tGOV\t2009\t\n\
            C D\t\tRUS\t\tPresident\tGOV\t2000\t\n\
            E F\t\tUSA\t\tPresident\tGOV\t2001\t2009\n\
            G H\t\t\tUN\tSecretary-General\tGOV\t2017\t\n";
        let roles = "# columns: phrase\tsector\trole\tkind\n\
            patriarch\tREL\tPatriarch\tperson\n\
            president\tGOV\tPresident\tperson\n\
            secretary-general\tGOV\tSecretary-General\tperson\n\
            troops\tMIL\t\tgroup\n";
        let mut roles = parse_roles(roles).unwrap();
        set_role_homes(&mut roles, &parse_holders(holders, &codes()).unwrap());
        let homes: Vec<_> = roles.iter().map(|r| r.home).collect();
        assert_eq!(homes, [Some("RUS"), None, None, None]);
    }

    #[test]
    fn tenures_cover_dates() {
        let text = "# columns: name\taliases\tcountry\torg\trole\tsector\tstart\tend\nSergei Lavrov\t\tRUS\t\tForeign Minister\tGOV\t2004-03-09\t\nA B\t\tUSA\t\tPresident\tGOV\t2001\t2009-01\n";
        let h = parse_holders(text, &codes()).unwrap();
        assert!(h[0].covers(20230302));
        assert!(!h[0].covers(20000101));
        assert!(h[1].covers(20010101) && h[1].covers(20090131) && !h[1].covers(20090201));
    }

    #[test]
    fn cues_parse_targets() {
        let text = "# columns: pattern\tpos\ttype\tmode\tcontext\tcameo\ttarget\tnotes\nmeet\tV\tCONSULT\t\t\t040\tobj|with\t\n";
        let c = parse_cues(text).unwrap();
        assert_eq!(
            c[0].targets,
            vec![TargetSlot::Object, TargetSlot::Prep("with".into())]
        );
        let bad = "# columns: pattern\tpos\ttype\tmode\tcontext\tcameo\ttarget\tnotes\nmeet\tV\tMEET\t\t\t040\tobj\t\n";
        assert!(parse_cues(bad).is_err());
    }
}
