//! Whole-article coding as an analyst checks it: who is placed as the actor,
//! which readings are left out of `events` and why, and who said each quote.
//! Every story here was written for these tests.

mod common;

use common::{code, code_parsed, kb};
use herald_coder::Coder;
use herald_core::{Article, Record, UnresolvedReason};

fn actor_name<'a>(rec: &'a Record, id: &str) -> &'a str {
    rec.actors
        .iter()
        .find(|a| a.id == id)
        .map_or("", |a| a.name.as_str())
}

/// The speaker's name of the quote whose text starts with `start`.
fn speaker_of<'a>(rec: &'a Record, start: &str) -> Option<&'a str> {
    let q = rec.quotes.iter().find(|q| q.text.starts_with(start))?;
    q.speaker.as_deref().map(|id| actor_name(rec, id))
}

#[test]
fn an_event_nobody_is_placed_as_doing_goes_to_unresolved() {
    let rec = code("Gunmen attacked the convoy near the old bridge on Tuesday.");
    assert!(rec.events.is_empty(), "{:?}", rec.events);
    let u = rec
        .unresolved
        .iter()
        .find(|u| u.event.trigger.text == "attacked")
        .expect("the attack is kept as an unresolved reading");
    assert_eq!(u.reason, UnresolvedReason::NoSource);
    assert!(u.event.id.starts_with('u'));
}

#[test]
fn without_the_parser_a_pronoun_after_the_verb_is_someone_no_code_places() {
    let rec = code("Colombian soldiers attacked him near the border on Monday.");
    assert!(rec.events.is_empty(), "{:?}", rec.events);
    assert_eq!(rec.unresolved[0].reason, UnresolvedReason::UncodedTarget);
}

#[test]
fn every_event_has_a_coded_source_and_no_uncoded_target() {
    let rec = code(
        "French President Emmanuel Macron met Greek Prime Minister Kyriakos Mitsotakis in Athens. \
         Police in Paris arrested a man who had threatened his neighbours.",
    );
    let coded = |id: &String| {
        let a = rec.actors.iter().find(|a| &a.id == id).unwrap();
        a.key().is_some()
    };
    assert!(!rec.events.is_empty());
    for e in &rec.events {
        assert!(!e.source.is_empty() && e.source.iter().all(coded), "{e:?}");
        assert!(e.target.iter().all(coded), "{e:?}");
    }
}

#[test]
fn a_local_person_takes_the_country_of_the_story() {
    let rec = code(
        "Toronto police arrested Jonathan Whitfield on Monday after a robbery at a bank. \
         Whitfield was charged with robbery.",
    );
    let whitfield = rec
        .actors
        .iter()
        .find(|a| a.name.contains("Whitfield"))
        .expect("Whitfield is an actor");
    assert_eq!(whitfield.country.as_deref(), Some("CAN"));
}

#[test]
fn a_name_hyphened_to_a_common_word_is_no_person() {
    let rec = code("Talks on European-based missiles resumed in Geneva on Monday.");
    assert!(
        rec.actors.iter().all(|a| a.name != "European"),
        "{:?}",
        rec.actors
    );
}

#[test]
fn a_town_name_after_said_is_the_person_of_that_surname() {
    let rec = code(
        "Fire Marshal Doug Logan inspected the house on Friday. \"The blaze was set on purpose,\" said Logan.",
    );
    assert!(speaker_of(&rec, "The blaze").is_some_and(|s| s.ends_with("Doug Logan")));
}

#[test]
fn the_speaker_is_the_last_name_of_the_run_after_said() {
    let rec = code(
        "The city will not change its rules. \"We have to learn to live together first,\" said \
         Montreal Mayor Denis Coderre on Tuesday.",
    );
    assert_eq!(speaker_of(&rec, "We have to learn"), Some("Denis Coderre"));
}

#[test]
fn he_said_in_a_run_of_quotes_is_the_person_quoted_last() {
    let rec = code(
        "Tourism chief Karikoga Kaseke spoke in London on Monday. \"Last time my minister, \
         Prisca Mupfumira, was here, she met the airline,\" Kaseke said. \"They say they prefer \
         business travellers,\" he said.",
    );
    assert_eq!(speaker_of(&rec, "They say"), Some("Karikoga Kaseke"));
}

#[test]
fn a_pronoun_outside_quotes_skips_names_inside_them() {
    let rec = code(
        "Judge Anna Berger spoke after the verdict. \"Nothing can excuse what Tom Hale did to \
         the victim,\" she said.",
    );
    assert_eq!(speaker_of(&rec, "Nothing can excuse"), Some("Anna Berger"));
}

#[test]
fn the_story_country_is_where_its_resolved_places_lie() {
    let rec = code(
        "Montreal-area mayors asked the Quebec government on Tuesday to allow right turns on red \
         lights. Montreal and New York City are the only places where the turn is barred, the \
         mayor of Beaconsfield said. Quebec will study the request, a spokesman in Montreal said.",
    );
    assert_eq!(rec.focus_country.as_deref(), Some("CAN"));
}

/// The (type, source key, target key) triples of the events, as the scorer reads them.
fn triples(rec: &Record) -> Vec<(String, String, String)> {
    let key = |id: &String| {
        rec.actors
            .iter()
            .find(|a| &a.id == id)
            .and_then(|a| a.key())
            .unwrap_or("-")
            .to_string()
    };
    let mut out = Vec::new();
    for e in &rec.events {
        for s in &e.source {
            let kind = serde_json::to_value(e.kind).unwrap();
            let kind = kind.as_str().unwrap_or("").to_string();
            if e.target.is_empty() {
                out.push((kind.clone(), key(s), "-".to_string()));
            }
            for t in &e.target {
                out.push((kind.clone(), key(s), key(t)));
            }
        }
    }
    out
}

#[test]
fn an_arrest_told_without_its_agent_is_by_the_authorities_where_it_happens() {
    let rec = code(
        "Two men were arrested in Liverpool on Friday after a brawl outside a nightclub. \
         The men were convicted of affray in March.",
    );
    let t = triples(&rec);
    assert!(
        t.contains(&("COERCE".into(), "GBR".into(), "GBR".into())),
        "{t:?}"
    );
}

#[test]
fn a_verb_cue_after_a_determiner_is_a_noun() {
    let rec = code(
        "Canadian Prime Minister Mark Carney hurt his back on Sunday. \
         He left his phone at the hotel in Ottawa.",
    );
    assert!(
        rec.events
            .iter()
            .all(|e| e.trigger.text != "back" && e.trigger.text != "phone"),
        "{:?}",
        rec.events
    );
}

#[test]
fn a_quote_running_into_the_next_paragraph_ends_there() {
    let rec = code(
        "Detective Constable Rob Jones said: \"The footage shows the men armed themselves.\n\
         \"Violence of this nature will not be tolerated by police.\"\n\
         The men will be sentenced in May.",
    );
    assert!(speaker_of(&rec, "Violence of this nature").is_some_and(|s| s.contains("Rob Jones")));
    assert!(rec.quotes.iter().all(|q| !q.text.contains("sentenced")));
}

#[test]
fn a_closing_attribution_names_the_speaker_of_the_next_he_said() {
    let rec = code(
        "Fire Marshal Doug Logan said the blaze was set on purpose. The truck then pulled up \
         beside the patrol car, State Police Lt. Michael Baylous said. The driver \"pulled a \
         handgun and shot at both officers,\" he said.",
    );
    assert!(
        speaker_of(&rec, "The truck then").is_some_and(|s| s.contains("Michael Baylous")),
        "{:?}",
        rec.quotes
    );
    assert!(speaker_of(&rec, "pulled a handgun").is_some_and(|s| s.contains("Michael Baylous")));
}

#[test]
fn with_the_parse_a_common_noun_subject_places_nobody() {
    // without the parse, the speaker of the quote would be taken as the one arriving
    let text = "\"The grapefruit arrives on an empty market this week,\" says Dutch importer \
                Conrad Rijnhout of Rotterdam.";
    let rec = code_parsed(text);
    assert!(
        rec.events.iter().all(|e| e.trigger.text != "arrives"),
        "{:?}",
        rec.events
    );
}

#[test]
fn with_the_parse_a_subject_before_a_long_relative_clause_is_the_source() {
    let rec = code_parsed(
        "Pakistan, which has for years been the closest ally of the United States in its \
         war on militants, has refused to deploy troops in Iraq.",
    );
    let t = triples(&rec);
    assert!(
        t.iter().any(|(ty, s, _)| ty == "REJECT" && s == "PAK"),
        "{t:?}"
    );
}

#[test]
fn a_visit_is_made_by_political_actors_only() {
    let tourists = code("Thousands of Canadian tourists travelled to Cuba in December.");
    assert!(
        tourists
            .events
            .iter()
            .all(|e| e.trigger.text != "travelled"),
        "{:?}",
        tourists.events
    );
    let minister = code("Canadian Foreign Minister Melanie Joly travelled to Cuba in December.");
    assert!(
        minister
            .events
            .iter()
            .any(|e| e.trigger.text == "travelled"),
        "{:?}",
        minister.events
    );
}

#[test]
fn the_names_of_a_dateline_are_not_actors() {
    let text = "LONDON (Reuters) - An explosion in a supermarket in Shiraz injured 37 people on \
                Saturday, Iranian state media reported.";
    let article = Article {
        id: "t".into(),
        published: Some("2024-05-16".into()),
        text: text.into(),
        dateline: Some(herald_core::DatelineText {
            place: "LONDON".into(),
            place_span: herald_core::Span::new(0, 6),
            agency: Some("Reuters".into()),
        }),
        ..Default::default()
    };
    let rec = Coder::new(kb()).code(&article);
    let t = triples(&rec);
    assert!(t.iter().all(|(_, s, _)| s != "GBR"), "{t:?}");
}

#[test]
fn an_unresolved_place_name_is_read_in_the_story_country() {
    let rec = code(
        "A young man and his mother have launched a lawsuit against Toronto police. Officers had \
         pinned him to the ground at a streetcar stop in Toronto, Ontario, in February.",
    );
    let man = rec
        .actors
        .iter()
        .find(|a| a.name.contains("man"))
        .expect("the man is an actor");
    assert_eq!(man.country.as_deref(), Some("CAN"), "{:?}", rec.actors);
}

#[test]
fn a_short_name_of_an_organisation_is_that_organisation() {
    let rec = code(
        "The farm will be seized for the dam, says BC Hydro's president. \
         The chief executive said Hydro also expropriated a second farm.",
    );
    let hydro: Vec<_> = rec.entities.iter().filter(|e| e.text == "Hydro").collect();
    assert!(!hydro.is_empty());
    assert!(hydro.iter().all(|e| e.kind == "ORG"), "{hydro:?}");
    assert!(
        rec.places.iter().all(|p| p.name != "Hydro"),
        "{:?}",
        rec.places
    );
}

#[test]
fn a_capitalised_word_in_a_name_is_no_speech_verb() {
    let rec = code(
        "A red truck pulled up alongside them, West Virginia State Police Lt. Michael Baylous \
         said.",
    );
    assert!(
        speaker_of(&rec, "A red truck").is_some_and(|s| s.contains("Michael Baylous")),
        "{:?}",
        rec.quotes
    );
}

#[test]
fn a_people_named_and_then_placed_is_coded_by_the_place() {
    let rec = code("The Hungarians of southern Slovakia protested against the new language law.");
    let people = rec
        .actors
        .iter()
        .find(|a| a.name.contains("Hungarians"))
        .expect("the Hungarians are an actor");
    assert_eq!(people.country.as_deref(), Some("SVK"), "{:?}", rec.actors);
}
