//! Toponym resolution as a map user would check it: the place each name is
//! put at, from stories written for these tests.

mod common;

use common::code;
use herald_core::geo::km;
use herald_core::{PlaceOut, Record};

/// The places whose mentions include one written `name`.
fn places_named<'a>(rec: &'a Record, name: &str) -> Vec<&'a PlaceOut> {
    rec.places
        .iter()
        .filter(|p| {
            p.mentions.iter().any(|m| {
                rec.entities
                    .iter()
                    .any(|e| &e.id == m && e.text.contains(name))
            })
        })
        .collect()
}

fn assert_near(rec: &Record, name: &str, at: (f64, f64)) {
    let found = places_named(rec, name);
    assert!(
        !found.is_empty(),
        "{name} not placed; places: {:?}",
        rec.places
    );
    for p in found {
        let (lat, lon) = (p.lat.expect("coordinates"), p.lon.expect("coordinates"));
        assert!(
            km((lat, lon), at) < 161.0,
            "{name} put at {} ({lat}, {lon}), want near {at:?}",
            p.name
        );
    }
}

#[test]
fn a_county_is_put_on_the_map() {
    let rec = code(
        "Deputies in Rapides Parish arrested two men on Tuesday after a fire near Alexandria.",
    );
    assert_near(&rec, "Rapides Parish", (31.2, -92.5));
    // the parish puts Alexandria in Louisiana, not Virginia or Egypt
    assert_near(&rec, "Alexandria", (31.31, -92.45));
}

#[test]
fn one_name_is_one_place_throughout_a_story() {
    let rec = code(
        "ATLANTA - Georgia authorities said on Monday that the man had moved to Atlanta in 2007. \
         Schools across Georgia closed early. Officials in Fulton County said roads were icy.",
    );
    let georgia = places_named(&rec, "Georgia");
    assert!(!georgia.is_empty());
    assert!(
        georgia.iter().all(|p| p.country.as_deref() == Some("USA")),
        "Georgia read as the country: {georgia:?}"
    );
}

#[test]
fn regions_and_features_have_points() {
    let rec = code(
        "Clashes broke out in the West Bank on Friday, and boats were stopped in the Black Sea.",
    );
    assert_near(&rec, "West Bank", (31.9, 35.2));
    assert_near(&rec, "Black Sea", (43.4, 34.0));
}

#[test]
fn a_province_in_a_canadian_story() {
    let rec = code("Police in London, Ontario, said the fire started in a kitchen. Ontario fire officials are investigating.");
    assert_near(&rec, "London", (42.98, -81.23));
}

#[test]
fn two_names_joined_by_a_hyphen_are_both_places() {
    let rec = code("Officials marked the anniversary of Israeli-Egyptian peace in Cairo.");
    assert!(
        !places_named(&rec, "Egyptian").is_empty(),
        "places: {:?}",
        rec.places
    );
}

#[test]
fn a_given_name_is_a_person_unless_the_text_places_it() {
    let rec = code("Linda Moore runs the shelter. Linda said the council would vote on Tuesday.");
    assert!(
        places_named(&rec, "Linda").is_empty(),
        "Linda put on the map: {:?}",
        rec.places
    );
    let rec = code("WINONA -- The body of a man was found behind a Winona residence. Winona police are investigating.");
    let winona = places_named(&rec, "Winona");
    assert!(
        !winona.is_empty(),
        "a town the dateline places stays a place: {:?}",
        rec.places
    );
}

#[test]
fn washington_alone_is_the_capital() {
    let rec =
        code("Egypt cooperated closely with Washington at times when US policies were positive.");
    assert_near(&rec, "Washington", (38.9, -77.0));
    // with its state beside it, the town is the town
    let rec = code("The fair opened in Spokane, Washington, on Saturday.");
    assert_near(&rec, "Spokane", (47.66, -117.43));
}

#[test]
fn a_town_near_the_stories_other_places_is_the_one_meant() {
    // Walker County lies in three states, but only in Texas is a Huntsville inside it
    let rec = code("Deputies from Walker County searched a field outside Huntsville on Sunday.");
    assert_near(&rec, "Huntsville", (30.72, -95.55));
    let rec = code("Engineers in Huntsville tested the rocket engine on Sunday.");
    assert_near(&rec, "Huntsville", (34.73, -86.59));
}

#[test]
fn saint_written_short_is_the_same_place() {
    let rec = code("The delegation flew on to St. Petersburg, where Russian officials met them.");
    assert_near(&rec, "St. Petersburg", (59.94, 30.31));
}

#[test]
fn a_county_named_without_its_division_word_is_that_county() {
    // Boone, Iowa is a town; here "Boone" is the county the story is in
    let rec = code(
        "School boards in Boone and Hendricks met on Monday in Lebanon, Indiana. \
         Boone has grown faster than Hendricks since Zionsville annexed land.",
    );
    assert_near(&rec, "Boone", (40.05, -86.47));
    assert_near(&rec, "Hendricks", (39.77, -86.51));
}

#[test]
fn short_names_of_great_cities_are_those_cities() {
    let rec = code("Tour traces L.A.'s spiritual diversity. Its author moved to NYC in 2001.");
    assert_near(&rec, "L.A.", (34.05, -118.24));
    assert_near(&rec, "NYC", (40.71, -74.01));
}

#[test]
fn a_town_name_after_a_given_name_is_a_persons_surname() {
    let rec = code("Deputy John Harman said the road was closed. Harman added that crews would work overnight.");
    assert!(
        places_named(&rec, "Harman").is_empty(),
        "Harman read as a town: {:?}",
        rec.places
    );
    let rec = code("The road to Harman was closed on Tuesday after the storm.");
    assert!(
        !places_named(&rec, "Harman").is_empty(),
        "a town the text places stays a town"
    );
}

#[test]
fn streets_halls_and_speakers_named_like_towns_are_not_places() {
    let rec = code(
        "Traffic on Richmond Street slowed on Friday. The plane took off from London International Airport -- \
         a crucial link -- on time. White said the delay was short.",
    );
    // a street or an airport may be a place the gazetteer lacks, without a
    // GeoNames id; never the town it is named after
    for name in ["Richmond", "Airport", "White"] {
        assert!(
            places_named(&rec, name)
                .iter()
                .all(|p| p.geonames_id.is_none()),
            "{name} read as a town: {:?}",
            rec.places
        );
    }
    assert!(places_named(&rec, "White").is_empty());
    assert!(!places_named(&rec, "London").is_empty());
}

#[test]
fn a_name_alone_decides_no_focus_country() {
    // one Coral Gables in Florida, one in the Cayman Islands: the larger wins, not the first code
    let rec = code("Police in Coral Gables said the man fled on foot.");
    assert_near(&rec, "Coral Gables", (25.72, -80.27));
}

#[test]
fn a_street_the_gazetteer_lacks_is_a_place_of_its_towns_country_and_point() {
    let rec = code(
        "Police closed Qorvel Street in Melbourne on Monday after a gas leak. \
         Residents of Zimtova District were moved to a school, officials said.",
    );
    let street = places_named(&rec, "Qorvel Street");
    assert_eq!(street.len(), 1, "places: {:?}", rec.places);
    assert_eq!(street[0].name, "Qorvel Street");
    assert_eq!(street[0].country.as_deref(), Some("AUS"));
    let melbourne = places_named(&rec, "Melbourne");
    assert_eq!(
        (street[0].lat, street[0].lon, street[0].geonames_id),
        (melbourne[0].lat, melbourne[0].lon, None)
    );
    assert_eq!(street[0].coordinates_of.as_ref(), Some(&melbourne[0].id));
    let district = places_named(&rec, "Zimtova District");
    assert_eq!(
        district[0].country.as_deref(),
        Some("AUS"),
        "the story's country"
    );
    // the town keeps its point, and events keep located on places with one
    assert_near(&rec, "Melbourne", (-37.81, 144.96));
    for e in &rec.events {
        let place = e
            .location
            .as_ref()
            .and_then(|l| rec.places.iter().find(|p| &p.id == l));
        assert!(place.is_none_or(|p| p.lat.is_some()), "{e:?}");
    }
}

#[test]
fn a_name_that_does_not_say_it_is_a_place_is_not_made_one() {
    let rec = code(
        "The fund moved its accounts to Qorvel Bank in Frankfurt. \
         Fans in Zimtov Arkhangel's home town cheered, and the team played in Euro Qorvel.",
    );
    for name in ["Qorvel Bank", "Zimtov", "Euro Qorvel"] {
        assert!(
            places_named(&rec, name).is_empty(),
            "{name}: {:?}",
            rec.places
        );
    }
}

#[test]
fn a_town_only_its_post_office_knows_is_placed_in_its_state() {
    // Meadow Grove, Nebraska (about 300 people) is in no GeoNames cities500 table
    let rec = code(
        "Richard Pehrson of Meadow Grove was charged in Madison County, Nebraska, \
         with assault.",
    );
    assert_near(&rec, "Meadow Grove", (42.01, -97.73));
    let town = places_named(&rec, "Meadow Grove");
    assert_eq!(
        (town[0].country.as_deref(), town[0].geonames_id),
        (Some("USA"), None)
    );
}
