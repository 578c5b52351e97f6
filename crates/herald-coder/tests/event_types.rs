//! Each of the 16 PLOVER types, coded from sentences written for these tests,
//! with negated and hypothetical cases: what an analyst would check.

use herald_coder::Coder;
use herald_core::Article;
use herald_kb::Kb;
use std::sync::OnceLock;

fn kb() -> &'static Kb {
    static KB: OnceLock<Kb> = OnceLock::new();
    KB.get_or_init(|| Kb::embedded().expect("embedded knowledge base"))
}

/// (type, source key, target key, negated, modality) of every event.
fn code(text: &str) -> Vec<(String, String, String, bool, String)> {
    let coder = Coder::new(kb());
    let article = Article {
        id: "t".into(),
        published: Some("2024-05-16".into()),
        text: text.into(),
        ..Default::default()
    };
    let rec = coder.code(&article);
    let key = |id: &String| {
        let a = rec.actors.iter().find(|a| &a.id == id).expect("actor");
        a.country
            .clone()
            .or_else(|| (a.sector.map(|s| s.as_str()) == Some("IMG")).then(|| "IMG".to_string()))
            .or(a.org.clone())
            .unwrap_or("-".into())
    };
    let mut out = Vec::new();
    for e in &rec.events {
        let srcs: Vec<String> = if e.source.is_empty() {
            vec!["-".into()]
        } else {
            e.source.iter().map(key).collect()
        };
        let tgts: Vec<String> = if e.target.is_empty() {
            vec!["-".into()]
        } else {
            e.target.iter().map(key).collect()
        };
        for s in &srcs {
            for t in &tgts {
                out.push((
                    e.kind.as_str().to_string(),
                    s.clone(),
                    t.clone(),
                    e.negated,
                    e.modality.clone(),
                ));
            }
        }
    }
    out
}

fn assert_event(text: &str, typ: &str, src: &str, tgt: &str) {
    let got = code(text);
    assert!(
        got.iter().any(|(t, s, g, neg, m)| t == typ
            && s == src
            && (g == tgt || tgt == "*")
            && !neg
            && m != "hypothetical"),
        "want {typ} {src}->{tgt} in {text:?}, got {got:?}"
    );
}

fn assert_not_scored(text: &str, typ: &str) {
    let got = code(text);
    assert!(
        !got.iter()
            .any(|(t, _, _, neg, m)| t == typ && !neg && m != "hypothetical"),
        "no scored {typ} expected in {text:?}, got {got:?}"
    );
}

#[test]
fn agree() {
    assert_event(
        "Germany pledged to send more air defence systems to Ukraine, the chancellor said.",
        "AGREE",
        "DEU",
        "*",
    );
    assert_event(
        "Egypt offered to host a new round of negotiations between the two sides.",
        "AGREE",
        "EGY",
        "*",
    );
    assert_event(
        "Japan and Australia agreed to deepen their defence ties.",
        "AGREE",
        "JPN",
        "*",
    );
    // a stated intention is an offer, even when the statement itself is dated
    assert_event(
        "Kenya said on Monday it would host talks between the two sides.",
        "AGREE",
        "KEN",
        "*",
    );
    assert_event(
        "Brazil said on Tuesday that it will support Argentina's bid.",
        "AGREE",
        "BRA",
        "ARG",
    );
    // a meeting set for a day is a future meeting of its own type, not yet an event
    let got = code("Sergei Lavrov will meet Antony Blinken in Geneva on Friday.");
    assert!(
        got.iter()
            .any(|(t, _, _, _, m)| t == "CONSULT" && m == "future"),
        "{got:?}"
    );
    assert_not_scored(
        "Sergei Lavrov will meet Antony Blinken in Geneva on Friday.",
        "AGREE",
    );
}

#[test]
fn consult() {
    assert_event(
        "French President Emmanuel Macron met Chinese President Xi Jinping in Paris on Monday.",
        "CONSULT",
        "FRA",
        "CHN",
    );
    assert_event(
        "Indian Prime Minister Narendra Modi visited Moscow last week.",
        "CONSULT",
        "IND",
        "*",
    );
    assert_event(
        "Turkey hosted talks between Russia and Ukraine.",
        "CONSULT",
        "TUR",
        "*",
    );
    assert_not_scored(
        "The foreign ministers of Iran and Saudi Arabia did not meet on Tuesday.",
        "CONSULT",
    );
}

#[test]
fn support() {
    assert_event(
        "Brazil praised Argentina for its handling of the crisis.",
        "SUPPORT",
        "BRA",
        "ARG",
    );
    assert_event(
        "Spain formally recognized Palestine as a state on Tuesday.",
        "SUPPORT",
        "ESP",
        "PSE",
    );
}

#[test]
fn concede() {
    assert_event(
        "Israel eased restrictions on aid deliveries into Gaza on Sunday.",
        "CONCEDE",
        "ISR",
        "*",
    );
    assert_event(
        "The Japanese government apologized to South Korea for wartime abuses.",
        "CONCEDE",
        "JPN",
        "KOR",
    );
}

#[test]
fn cooperate() {
    assert_event(
        "Poland extradited a Ukrainian citizen to Germany on Friday.",
        "COOPERATE",
        "POL",
        "DEU",
    );
    assert_event(
        "Vietnam and the Philippines held joint naval exercises in the South China Sea.",
        "COOPERATE",
        "VNM",
        "*",
    );
}

#[test]
fn aid() {
    assert_event(
        "Japan sent humanitarian aid to Turkey after the earthquake.",
        "AID",
        "JPN",
        "TUR",
    );
    assert_event(
        "Sweden granted asylum to three Belarusian dissidents.",
        "AID",
        "SWE",
        "BLR",
    );
    // a measure of the aid leaves it the object of the verb
    assert_event(
        "Canada provided 300 tons of food aid to Haiti on Monday.",
        "AID",
        "CAN",
        "HTI",
    );
}

#[test]
fn retreat() {
    assert_event(
        "Russia withdrew its troops from the Kherson region.",
        "RETREAT",
        "RUS",
        "*",
    );
    assert_event(
        "Iran released two French citizens on Thursday.",
        "RETREAT",
        "IRN",
        "FRA",
    );
    assert_not_scored(
        "The United States urged Iran to release two French citizens.",
        "RETREAT",
    );
}

#[test]
fn request() {
    assert_event(
        "The European Union urged Serbia to recognize Kosovo.",
        "REQUEST",
        "EU",
        "SRB",
    );
    assert_event(
        "Pakistan called on India to resume talks over Kashmir.",
        "REQUEST",
        "PAK",
        "IND",
    );
}

#[test]
fn accuse() {
    assert_event(
        "China accused the United States of interfering in its internal affairs.",
        "ACCUSE",
        "CHN",
        "USA",
    );
    assert_event(
        "Canada condemned Russia for the attack on civilians.",
        "ACCUSE",
        "CAN",
        "RUS",
    );
    // denying an actor's good faith, in a quote, accuses it
    assert_event("“The Kremlin is not serious about negotiations,” British Foreign Secretary David Cameron said.", "ACCUSE", "GBR", "RUS");
    assert_not_scored(
        "“We are serious about negotiations,” Russian Foreign Minister Sergei Lavrov said.",
        "ACCUSE",
    );
}

#[test]
fn reject() {
    assert_event(
        "North Korea rejected South Korea's offer of talks.",
        "REJECT",
        "PRK",
        "KOR",
    );
    assert_event(
        "Venezuela refused to accept the election observers from the European Union.",
        "REJECT",
        "VEN",
        "*",
    );
}

#[test]
fn threaten() {
    assert_event(
        "Russia threatened to cut gas supplies to Moldova.",
        "THREATEN",
        "RUS",
        "MDA",
    );
    assert_event(
        "Iran warned Israel against any attack on its nuclear sites.",
        "THREATEN",
        "IRN",
        "ISR",
    );
}

#[test]
fn protest() {
    assert_event(
        "Thousands of Kenyan protesters rallied in Nairobi against the new tax bill.",
        "PROTEST",
        "KEN",
        "*",
    );
    assert_event(
        "Georgian demonstrators protested outside parliament in Tbilisi on Sunday.",
        "PROTEST",
        "GEO",
        "*",
    );
}

#[test]
fn sanction() {
    assert_event(
        "The United States imposed new sanctions on Iran on Thursday.",
        "SANCTION",
        "USA",
        "IRN",
    );
    assert_event(
        "Niger expelled the French ambassador.",
        "SANCTION",
        "NER",
        "FRA",
    );
}

#[test]
fn mobilize() {
    assert_event(
        "China deployed warships near Taiwan on Saturday.",
        "MOBILIZE",
        "CHN",
        "*",
    );
    assert_event(
        "Armenia put its troops on high alert.",
        "MOBILIZE",
        "ARM",
        "*",
    );
}

#[test]
fn coerce() {
    assert_event(
        "Turkish police detained dozens of Kurdish activists in Istanbul.",
        "COERCE",
        "TUR",
        "*",
    );
    assert_event(
        "Russia banned the American journalist from entering the country.",
        "COERCE",
        "RUS",
        "USA",
    );
}

#[test]
fn assault() {
    assert_event(
        "Israeli forces bombed a refugee camp in Gaza, killing 20 Palestinians.",
        "ASSAULT",
        "ISR",
        "*",
    );
    assert_event(
        "Russian missiles struck Kharkiv overnight.",
        "ASSAULT",
        "RUS",
        "*",
    );
    assert_not_scored(
        "Officials fear that the militants could attack the capital.",
        "ASSAULT",
    );
}

#[test]
fn negation_is_kept_and_not_scored() {
    let got = code("Russia did not attack Ukraine on Monday, the ministry said.");
    assert!(
        got.iter().any(|(t, _, _, neg, _)| t == "ASSAULT" && *neg),
        "{got:?}"
    );
}

#[test]
fn passive_voice_swaps_source_and_target() {
    assert_event(
        "Five Afghan soldiers were killed by Taliban fighters.",
        "ASSAULT",
        "AFG",
        "AFG",
    );
    assert_event(
        "A Chinese journalist was arrested by Indian police.",
        "COERCE",
        "IND",
        "CHN",
    );
}

#[test]
fn all_caps_and_lowercase_feeds_still_yield_actors() {
    for text in [
        "RUSSIAN FOREIGN MINISTER SERGEI LAVROV MET CHINESE PRESIDENT XI JINPING IN MOSCOW ON MONDAY, OFFICIALS SAID, AND THE TWO SIDES SIGNED AN AGREEMENT.",
        "russian foreign minister sergei lavrov met chinese president xi jinping in moscow on monday, officials said, and the two sides signed an agreement.",
    ] {
        let coder = Coder::new(kb());
        let rec = coder.code(&Article { id: "c".into(), published: Some("2023-03-02".into()), text: text.into(), ..Default::default() });
        let countries: Vec<&str> = rec.actors.iter().filter_map(|a| a.country.as_deref()).collect();
        assert!(countries.contains(&"RUS") && countries.contains(&"CHN"), "{text}: {:?}", rec.actors);
    }
}

#[test]
fn accepting_a_plan_and_allowing_what_was_barred() {
    assert_event(
        "Norway accepted a formula for ending its fishing dispute with Iceland, officials said.",
        "AGREE",
        "NOR",
        "*",
    );
    assert_event(
        "Jordan allowed Syrian refugees to cross the border on Tuesday.",
        "CONCEDE",
        "JOR",
        "*",
    );
    // what a thing is for is not something done
    assert_not_scored(
        "Peru called the proposal a smokescreen to allow Chile to keep the disputed waters.",
        "CONCEDE",
    );
}

#[test]
fn forces_ready_to_strike_are_mobilized_not_yet_fighting() {
    assert_event(
        "The Serbian army prepared to resume shelling rebel positions near the border.",
        "MOBILIZE",
        "SRB",
        "*",
    );
    assert_not_scored(
        "The Serbian army prepared to resume shelling rebel positions near the border.",
        "ASSAULT",
    );
    // a condition makes it a threat
    assert_event(
        "Serbia said it was ready to attack Kosovo unless the blockade ended.",
        "THREATEN",
        "SRB",
        "*",
    );
}

#[test]
fn not_accepting_is_rejecting_and_swearing_to_fight_is_a_threat() {
    assert_event(
        "Jordan says it will not accept any more refugees if war starts in Syria.",
        "REJECT",
        "JOR",
        "*",
    );
    assert_event("Kurdish rebels have sworn to fight until they gain control of the border villages, Turkish officials said.", "THREATEN", "TUR", "*");
}

#[test]
fn sharing_expertise_is_cooperation() {
    assert_event(
        "Iran has been sharing expertise with Venezuela on drone production, a report said.",
        "COOPERATE",
        "IRN",
        "*",
    );
}

#[test]
fn the_nationality_before_an_event_noun_is_its_source() {
    assert_event(
        "Villagers fled after two Turkish air raids near the border on Friday.",
        "ASSAULT",
        "TUR",
        "*",
    );
}

#[test]
fn a_coercive_act_at_home_is_domestic() {
    assert_event(
        "The Iraqi government imposed a curfew in Baghdad on Sunday.",
        "COERCE",
        "IRQ",
        "IRQ",
    );
    assert_event(
        "Turkish police banned a rally planned in Istanbul for Saturday.",
        "COERCE",
        "TUR",
        "TUR",
    );
}

#[test]
fn a_possessive_subject_is_no_passive() {
    assert_event(
        "Russia's foreign ministry condemned Ukraine on Monday.",
        "ACCUSE",
        "RUS",
        "UKR",
    );
}

#[test]
fn pressing_someone_is_a_request_and_the_ec_is_the_eu() {
    assert_event(
        "Chinese officials have been pressuring Vietnam to withdraw its survey ships.",
        "REQUEST",
        "CHN",
        "VNM",
    );
    assert_event(
        "The European Community urged Belgrade to accept the peace plan.",
        "REQUEST",
        "EU",
        "*",
    );
}

#[test]
fn a_person_takes_the_international_body_of_an_apposition() {
    assert_event(
        "Anna Lindqvist, the United Nations refugee coordinator, urged Chad to reopen its border.",
        "REQUEST",
        "UN",
        "TCD",
    );
}

#[test]
fn an_international_bodys_officials_act_for_it() {
    assert_event(
        "EU ministers demanded the withdrawal of Serbian forces on Monday.",
        "REQUEST",
        "EU",
        "SRB",
    );
}

#[test]
fn a_call_for_withdrawal_targets_who_should_withdraw() {
    assert_event(
        "Turkey urged the withdrawal of Armenian forces from the disputed region.",
        "REQUEST",
        "TUR",
        "ARM",
    );
}

#[test]
fn a_leader_of_a_named_country_acts_for_it() {
    // "Hassan" alone would be Jordan's crown prince of that time
    assert_event(
        "King Hassan of Morocco said on Monday he would host talks between Israel and the PLO.",
        "AGREE",
        "MAR",
        "ISR",
    );
}

#[test]
fn a_people_named_after_a_demonym_belongs_to_that_state() {
    assert_event(
        "Thousands of Syrian Kurds demonstrated in Qamishli on Sunday, witnesses said.",
        "PROTEST",
        "SYR",
        "*",
    );
    assert_event(
        "Bosnian Serbs demanded a truce on Monday.",
        "REQUEST",
        "BIH",
        "*",
    );
}

#[test]
fn a_declared_obligation_is_a_request() {
    assert_event(
        "The United States declared on Tuesday that China must drop its barriers to imports.",
        "REQUEST",
        "USA",
        "CHN",
    );
}

#[test]
fn the_date_of_a_saying_does_not_schedule_the_act_and_an_embassy_is_support() {
    assert_event("The United Nations will provide food aid to refugees in Chad, the World Food Programme said on Monday.", "AGREE", "UN", "*");
    assert_event(
        "Chile opened an embassy in Tehran on Wednesday, the foreign ministry said.",
        "SUPPORT",
        "CHL",
        "IRN",
    );
}

#[test]
fn a_threat_toward_the_country_named_later_is_domestic() {
    assert_event("Ethnic Albanian rebels have sworn to fight until they gain control of villages near Macedonia's border, Macedonian officials said.", "THREATEN", "MKD", "MKD");
}
