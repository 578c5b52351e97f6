//! `herald kb`: look-ups and counts over the embedded knowledge base.

use crate::{load_kb, parse_date_arg};
use clap::Subcommand;
use herald_kb::{Entry, Kb};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum KbCommand {
    /// Every candidate for a name, with its codes.
    Lookup {
        name: String,
        /// Keep office holders in office on this date (YYYY-MM-DD).
        #[arg(long)]
        date: Option<String>,
    },
    /// Counts of every table.
    Stats,
}

pub fn run(cmd: KbCommand) -> anyhow::Result<ExitCode> {
    let kb = load_kb()?;
    match cmd {
        KbCommand::Lookup { name, date } => {
            let date = date.as_deref().map(parse_date_arg).transpose()?;
            let lines = lookup(kb, &name, date.as_deref());
            if lines.is_empty() {
                println!("no entry for `{name}`");
                return Ok(ExitCode::from(1));
            }
            for l in lines {
                println!("{l}");
            }
        }
        KbCommand::Stats => {
            let s = kb.stats();
            println!("countries              {}", s.countries);
            println!("countries w/ demonyms  {}", s.countries_with_demonyms);
            println!("places (cities)        {}", s.places);
            println!("subdivisions           {}", s.admin1);
            println!("organizations          {}", s.organizations);
            println!("groups & institutions  {}", s.groups);
            println!("government metonyms    {}", s.metonyms);
            println!("role nouns             {}", s.roles);
            println!("office holders         {}", s.office_holders);
            println!("office-holder tenures  {}", s.office_holder_tenures);
            println!("event cues             {}", s.cues);
            for (t, n) in &s.cues_per_type {
                println!("  {:<10} {n}", t.as_str());
            }
            println!("indexed names          {}", s.names);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn opt<S: AsRef<str>>(s: &Option<S>) -> &str {
    s.as_ref().map_or("-", AsRef::as_ref)
}

/// One line per candidate entry.
pub fn lookup(kb: &Kb, name: &str, date: Option<&str>) -> Vec<String> {
    let scores = place_scores(kb, name);
    let date_num: Option<u32> = date.map(|d| d.replace('-', "").parse().unwrap_or(0));
    let mut hits = kb.names.get(name);
    if hits.is_empty() {
        // "the Kremlin": names are stored without their article
        if let Some(rest) = name
            .strip_prefix("the ")
            .or_else(|| name.strip_prefix("The "))
        {
            hits = kb.names.get(rest);
        }
    }
    let mut entries: Vec<Entry> = hits.iter().map(|h| h.entry).collect();
    entries.sort();
    entries.dedup();
    let mut out = Vec::new();
    for e in entries {
        match e {
            Entry::Country(c) => {
                let c = &kb.countries[c as usize];
                let p =
                    &kb.places[kb.country_place(kb.country_index(c.iso3).unwrap_or(0)) as usize];
                out.push(format!(
                    "country     {}  iso3={} geonames={} lat={} lon={} capital={} demonyms={}",
                    c.name,
                    c.iso3,
                    p.geonames_id.map(|g| g.to_string()).unwrap_or("-".into()),
                    c.lat.unwrap_or(0.0),
                    c.lon.unwrap_or(0.0),
                    opt(&c.capital),
                    c.demonyms.join("|")
                ));
            }
            Entry::Demonym(c) => {
                let c = &kb.countries[c as usize];
                out.push(format!(
                    "demonym     {name}  country={} ({})",
                    c.iso3, c.name
                ));
            }
            Entry::Place(p) => {
                let pl = &kb.places[p as usize];
                let capital = kb.capital_of(p).map(|_| " capital").unwrap_or("");
                let score = scores
                    .iter()
                    .find(|s| s.0 == p)
                    .map(|s| format!(" score={:.2}", s.1))
                    .unwrap_or_default();
                out.push(format!(
                    "place       {}  kind={}{capital} country={} admin1={} geonames={} lat={} lon={} population={}{score}",
                    pl.name, pl.kind.as_str(), opt(&pl.country), if pl.admin1.is_empty() { "-" } else { &pl.admin1 },
                    pl.geonames_id.map(|g| g.to_string()).unwrap_or("-".into()), pl.lat.unwrap_or(0.0), pl.lon.unwrap_or(0.0), pl.population
                ));
            }
            Entry::Org(o) => {
                let o = &kb.orgs[o as usize];
                out.push(format!(
                    "organization {}  org={} country={} sector={} kind={}",
                    o.name,
                    o.key,
                    opt(&o.country),
                    o.sector,
                    o.kind
                ));
            }
            Entry::Metonym(m) => {
                let m = &kb.metonyms[m as usize];
                out.push(format!(
                    "metonym     {}  country={} sector={}",
                    m.name, m.country, m.sector
                ));
            }
            Entry::Role(r) => {
                let r = &kb.roles[r as usize];
                out.push(format!(
                    "role        {}  sector={} role={} kind={}",
                    r.phrase,
                    r.sector,
                    opt(&r.role),
                    if r.person { "person" } else { "group" }
                ));
            }
            Entry::Holder(h) | Entry::Surname(h) => {
                let h = &kb.holders[h as usize];
                if let Some(d) = date_num {
                    if !h.covers(d) {
                        continue;
                    }
                }
                out.push(format!(
                    "person      {}  country={} org={} role={} sector={} tenure={}..{}",
                    h.name,
                    opt(&h.country),
                    opt(&h.org),
                    h.role,
                    h.sector,
                    h.start_text,
                    if h.end_text.is_empty() {
                        ""
                    } else {
                        &h.end_text
                    }
                ));
            }
        }
    }
    out.dedup();
    out
}

/// The place ranker's score of each candidate of `name` written alone (no
/// story around it: population, kind and capital decide).
fn place_scores(kb: &Kb, name: &str) -> Vec<(u32, f64)> {
    let coder = herald_coder::Coder::new(kb);
    let article = herald_core::Article {
        id: "lookup".into(),
        text: name.to_string(),
        ..Default::default()
    };
    let ranker = herald_coder::place_rank::PlaceRanker::embedded();
    coder
        .toponym_choices(&article)
        .first()
        .map(|c| {
            c.candidates
                .iter()
                .map(|(p, f)| (*p, ranker.score(f)))
                .collect()
        })
        .unwrap_or_default()
}
