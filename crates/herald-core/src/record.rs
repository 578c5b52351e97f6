//! The article record of `shared/SCHEMA.md`: field names are a contract.

use crate::codes::{EventType, Sector};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Record {
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub dateline: Option<Dateline>,
    pub focus_country: Option<String>,
    pub language: String,
    pub text: String,
    pub sentences: Vec<SentenceOut>,
    pub entities: Vec<Entity>,
    pub actors: Vec<ActorOut>,
    pub places: Vec<PlaceOut>,
    pub events: Vec<EventOut>,
    pub quotes: Vec<QuoteOut>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Dateline {
    /// Place id (`p1`…) when the dateline place was resolved.
    pub place: Option<String>,
    pub agency: Option<String>,
    /// The dateline place as written.
    #[serde(default)]
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SentenceOut {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entity {
    pub id: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub actor: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ActorOut {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub country: Option<String>,
    pub org: Option<String>,
    pub sector: Option<Sector>,
    pub role: Option<String>,
    pub mentions: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PlaceOut {
    pub id: String,
    pub name: String,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonames_id: Option<u64>,
    pub mentions: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Trigger {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EventDate {
    pub value: String,
    pub precision: String,
    pub basis: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EventOut {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EventType,
    pub mode: Option<String>,
    pub context: Vec<String>,
    pub source: Vec<String>,
    pub target: Vec<String>,
    pub sentence: usize,
    pub trigger: Trigger,
    pub date: Option<EventDate>,
    pub location: Option<String>,
    pub location_basis: Option<String>,
    pub modality: String,
    pub negated: bool,
    pub quote: Option<String>,
    pub cameo: String,
    pub quad_class: u8,
    pub confidence: f64,
    /// The cue-lexicon entry that fired ("impose ... sanction (V)"), so a user can check why.
    #[serde(default)]
    pub cue: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct QuoteOut {
    pub id: String,
    pub speaker: Option<String>,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: String,
    pub cue: Option<String>,
}
