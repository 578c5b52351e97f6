//! The record of `shared/SCHEMA.md` from a coded [`Document`]: ids in text
//! order (`m…` entities, `a…` actors, `p…` places, `q…` quotes, `v…` events,
//! `u…` unresolved readings) and the completeness policy that splits events
//! from unresolved readings.

use crate::actors::Actor;
use crate::events::Event;
use crate::mentions::{Mention, MentionKind};
use crate::pipeline::Document;
use herald_core::{
    ActorOut, Dateline, Doc, Entity, EventDate, EventOut, PlaceOut, QuoteOut, Record, SentenceOut,
    Trigger, UnresolvedOut, UnresolvedReason,
};
use herald_kb::Kb;

/// The record of a document whose events are read.
pub fn assemble(d: &Document, kb: &Kb) -> Record {
    // events number implied actors after the named ones
    let actors: Vec<Actor> = d.actors.iter().chain(&d.implicit_actors).cloned().collect();
    let doc = &d.doc;
    let (mut entities, entity_id) = entities_of(doc, &d.mentions);
    let actor_order = actors_in_order(&d.mentions, &actors, &d.events, &entity_id);
    let mut actor_id = vec![None; actors.len()];
    for (n, &a) in actor_order.iter().enumerate() {
        actor_id[a] = Some(format!("a{}", n + 1));
    }
    // entities were made in mention order, skipping pronouns
    let named = d
        .mentions
        .iter()
        .zip(&entity_id)
        .filter(|(_, e)| e.is_some());
    for (entity, (m, _)) in entities.iter_mut().zip(named) {
        entity.actor = m.actor.and_then(|a| actor_id[a].clone());
    }
    let quote_id = |q: usize| format!("q{}", q + 1);
    let (events, unresolved) = split_complete(doc, &d.events, &actors, &actor_id, quote_id);
    Record {
        id: d.article.id.clone(),
        url: d.article.url.clone(),
        title: d.article.title.clone(),
        published: d.article.published.clone(),
        dateline: d.article.dateline.as_ref().map(|dl| Dateline {
            place: d.dateline_place.map(place_id),
            agency: dl.agency.clone(),
            text: dl.place.clone(),
        }),
        focus_country: d.focus.map(String::from),
        language: "en".to_string(),
        text: doc.text.clone(),
        sentences: doc
            .sentences
            .iter()
            .map(|s| SentenceOut {
                start: s.span.start,
                end: s.span.end,
            })
            .collect(),
        entities,
        actors: actors_out(&d.mentions, &actors, &actor_order, &actor_id, &entity_id),
        places: places_out(d, kb, &entity_id),
        events,
        quotes: quotes_out(d, &actor_id),
        unresolved,
        warnings: d.warnings.clone(),
    }
}

/// Entities: every mention but pronouns and adjectives that name no one
/// ("official talks"), in text order, with each mention's entity id. An
/// actor left with no entity and no event is not written.
fn entities_of(doc: &Doc, mentions: &[Mention]) -> (Vec<Entity>, Vec<Option<String>>) {
    let mut entity_id = vec![None; mentions.len()];
    let mut entities = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        if matches!(m.kind, MentionKind::Pronoun(_)) || crate::tree::is_adjective_sense(doc, m) {
            continue;
        }
        let id = format!("m{}", entities.len() + 1);
        entity_id[i] = Some(id.clone());
        entities.push(Entity {
            id,
            start: m.span.start,
            end: m.span.end,
            text: m.text(doc).to_string(),
            kind: m.entity_type.to_string(),
            actor: None,
        });
    }
    (entities, entity_id)
}

/// Actors that have a named mention or take part in an event, in order of first appearance.
fn actors_in_order(
    mentions: &[Mention],
    actors: &[Actor],
    events: &[Event],
    entity_id: &[Option<String>],
) -> Vec<usize> {
    let mut in_event = vec![false; actors.len()];
    for e in events {
        for &a in e.sources.iter().chain(&e.targets) {
            in_event[a] = true;
        }
    }
    let used = |a: usize| in_event[a] || actors[a].mentions.iter().any(|&m| entity_id[m].is_some());
    // an actor only an event implies has no mention and comes last
    let first_pos = |a: usize| {
        actors[a]
            .mentions
            .iter()
            .map(|&m| mentions[m].span.start)
            .min()
    };
    let mut order: Vec<usize> = (0..actors.len()).filter(|&a| used(a)).collect();
    order.sort_by_cached_key(|&a| {
        let first = first_pos(a);
        (first.is_none(), first, a)
    });
    order
}

fn actors_out(
    mentions: &[Mention],
    actors: &[Actor],
    order: &[usize],
    actor_id: &[Option<String>],
    entity_id: &[Option<String>],
) -> Vec<ActorOut> {
    order
        .iter()
        .map(|&a| {
            let x = &actors[a];
            let mut ms: Vec<usize> = x.mentions.clone();
            ms.sort_by_key(|&m| mentions[m].span.start);
            ActorOut {
                id: actor_id[a].clone().unwrap_or_default(),
                name: x.name.clone(),
                kind: x.kind.as_str().to_string(),
                country: x.country.map(String::from),
                org: x.org.clone(),
                sector: x.sector,
                role: x.role.clone(),
                mentions: ms.iter().filter_map(|&m| entity_id[m].clone()).collect(),
            }
        })
        .collect()
}

/// The record id of the place at index `i` of the record's places (the
/// gazetteer's first, then those it lacks).
fn place_id(i: usize) -> String {
    format!("p{}", i + 1)
}

fn places_out(d: &Document, kb: &Kb, entity_id: &[Option<String>]) -> Vec<PlaceOut> {
    let listed = d.places.iter().map(|p| {
        let pl = &kb.places[p.place as usize];
        let name = match p.state {
            Some(s) => format!("{}, {}", pl.name, kb.places[s as usize].name),
            None => pl.name.to_string(),
        };
        PlaceOut {
            id: String::new(),
            name,
            country: pl.country.map(String::from),
            lat: pl.lat,
            lon: pl.lon,
            geonames_id: pl.geonames_id,
            coordinates_of: None,
            mentions: p
                .mentions
                .iter()
                .filter_map(|&m| entity_id[m].clone())
                .collect(),
        }
    });
    // after the gazetteer's places: named as written, with the coordinates
    // of the town or county they lie by, if any
    let unlisted = d.unlisted_places.iter().map(|u| {
        let near = u.near.map(|p| &kb.places[d.places[p].place as usize]);
        PlaceOut {
            id: String::new(),
            name: d.mentions[u.mention].text(&d.doc).to_string(),
            country: u.country.map(String::from),
            lat: near.and_then(|p| p.lat),
            lon: near.and_then(|p| p.lon),
            geonames_id: None,
            mentions: entity_id[u.mention].iter().cloned().collect(),
            coordinates_of: u.near.map(place_id),
        }
    });
    listed
        .chain(unlisted)
        .enumerate()
        .map(|(i, p)| PlaceOut {
            id: place_id(i),
            ..p
        })
        .collect()
}

fn quotes_out(d: &Document, actor_id: &[Option<String>]) -> Vec<QuoteOut> {
    d.quotes
        .iter()
        .enumerate()
        .map(|(i, q)| QuoteOut {
            id: format!("q{}", i + 1),
            speaker: q.speaker.and_then(|a| actor_id[a].clone()),
            start: q.span.start,
            end: q.span.end,
            text: q.span.slice(&d.doc.text).to_string(),
            kind: if q.direct { "direct" } else { "indirect" }.to_string(),
            cue: q.cue.clone(),
        })
        .collect()
}

/// Whether an actor is placed by a code: a country, an international body, IMG.
fn is_coded(a: &Actor) -> bool {
    a.country.is_some() || a.org.is_some() || a.sector == Some(herald_core::Sector::Img)
}

/// SCHEMA.md's completeness policy: `events` holds readings whose source a
/// code places and whose named target, if any, a code places; uncoded
/// members of a coded side are dropped, and every other reading goes to
/// `unresolved` with its reason. A noun reading that names no target and is
/// not anchored by a count, date or place is not reported as happening.
fn split_complete(
    doc: &Doc,
    events: &[Event],
    actors: &[Actor],
    actor_id: &[Option<String>],
    quote_id: impl Fn(usize) -> String,
) -> (Vec<EventOut>, Vec<UnresolvedOut>) {
    let mut complete = Vec::new();
    let mut unresolved = Vec::new();
    for e in events {
        let coded = |side: &[usize]| -> Vec<usize> {
            side.iter()
                .copied()
                .filter(|&a| is_coded(&actors[a]))
                .collect()
        };
        let (sources, targets) = (coded(&e.sources), coded(&e.targets));
        let reason = if sources.is_empty() {
            Some(UnresolvedReason::NoSource)
        } else if targets.is_empty() && (!e.targets.is_empty() || e.uncoded_recipient) {
            Some(UnresolvedReason::UncodedTarget)
        } else if e.possessed {
            // an accord someone has is a state of affairs
            Some(UnresolvedReason::Generic)
        } else if e.targets.is_empty() && e.unanchored_noun {
            // an act named by a noun with nobody it is done to and no count, date
            // or place ("the agreement", "an investigation") is spoken of, not
            // reported as happening
            Some(UnresolvedReason::NotReported)
        } else {
            None
        };
        let ids = |side: &[usize]| -> Vec<String> {
            side.iter().filter_map(|&a| actor_id[a].clone()).collect()
        };
        match reason {
            None => {
                let id = format!("v{}", complete.len() + 1);
                complete.push(event_out(
                    doc,
                    e,
                    id,
                    ids(&sources),
                    ids(&targets),
                    &quote_id,
                ));
            }
            Some(reason) => {
                let id = format!("u{}", unresolved.len() + 1);
                let event = event_out(doc, e, id, ids(&e.sources), ids(&e.targets), &quote_id);
                unresolved.push(UnresolvedOut { event, reason });
            }
        }
    }
    (complete, unresolved)
}

fn event_out(
    doc: &Doc,
    e: &Event,
    id: String,
    source: Vec<String>,
    target: Vec<String>,
    quote_id: impl Fn(usize) -> String,
) -> EventOut {
    let start = doc.tokens[e.trigger.start].span.start;
    let end = doc.tokens[e.trigger.end - 1].span.end;
    EventOut {
        id,
        kind: e.event,
        mode: e.mode.clone(),
        context: e.context.clone(),
        source,
        target,
        sentence: e.sentence,
        trigger: Trigger {
            start,
            end,
            text: doc.text[start..end].to_string(),
        },
        date: e.date.as_ref().map(|&(ref v, p, b)| EventDate {
            value: v.clone(),
            precision: p.to_string(),
            basis: b.to_string(),
        }),
        location: e.location.map(|(p, _)| place_id(p)),
        location_basis: e.location.map(|(_, b)| b.to_string()),
        modality: e.modality.to_string(),
        negated: e.negated,
        quote: e.quote.map(quote_id),
        cameo: e.cameo.clone(),
        quad_class: e.event.quad_class().0,
        confidence: e.confidence,
        cue: e.cue.clone(),
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::record;
    use herald_core::UnresolvedReason;

    #[test]
    fn ids_follow_the_text_and_link_entities_to_actors() {
        let r =
            record("Germany condemned the attack. Chancellor Olaf Scholz said Berlin would help.");
        let ids: Vec<&str> = r.entities.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids[..2], ["m1", "m2"]);
        assert_eq!(r.actors[0].id, "a1");
        assert_eq!(r.actors[0].country.as_deref(), Some("DEU"));
        assert_eq!(r.entities[0].actor.as_deref(), Some("a1"));
        // every actor's mentions are entities of the record
        for a in &r.actors {
            for m in &a.mentions {
                assert!(r.entities.iter().any(|e| &e.id == m), "{m}");
            }
        }
    }

    #[test]
    fn an_event_without_a_coded_source_is_unresolved() {
        // a person nothing places, in a story without a country
        let r = record("Smith attacked the plan on Monday.");
        assert!(r.events.is_empty(), "{:?}", r.events);
        assert!(r
            .unresolved
            .iter()
            .any(|u| u.reason == UnresolvedReason::NoSource && u.event.id.starts_with('u')));
    }

    #[test]
    fn a_complete_event_names_coded_actors_only() {
        let r = record("Russia attacked Ukraine on Monday.");
        let e = &r.events[0];
        assert_eq!(e.id, "v1");
        let country = |id: &str| {
            r.actors
                .iter()
                .find(|a| a.id == id)
                .and_then(|a| a.country.clone())
        };
        assert_eq!(country(&e.source[0]).as_deref(), Some("RUS"));
        assert_eq!(country(&e.target[0]).as_deref(), Some("UKR"));
        assert_eq!(e.trigger.text, "attacked");
    }

    #[test]
    fn an_arrest_by_unnamed_police_is_coded_to_the_implied_authorities() {
        // the police are implied, not named: an actor with no mention, listed after the named ones
        let r = record("Kenyan opposition leader Raila Odinga was arrested on Monday.");
        let e = r.events.first().expect("the arrest");
        let source = r.actors.iter().find(|a| a.id == e.source[0]).unwrap();
        assert!(source.mentions.is_empty());
        assert_eq!(source.country.as_deref(), Some("KEN"));
        assert_eq!(source.id, format!("a{}", r.actors.len()));
    }
}
