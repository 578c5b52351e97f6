//! The article record of `shared/SCHEMA.md`: field names are a contract.

use crate::codes::{EventType, Sector};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
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
    /// Event readings left out of `events`, each with the reason (SCHEMA.md).
    #[serde(default)]
    pub unresolved: Vec<UnresolvedOut>,
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

impl ActorOut {
    /// The code an actor is counted under (SCHEMA.md, "How events are scored"):
    /// its country, else `IMG` for transnational armed groups, else its
    /// international body's code; `None` when no code places it.
    pub fn key(&self) -> Option<&str> {
        self.country
            .as_deref()
            .or_else(|| (self.sector == Some(Sector::Img)).then_some("IMG"))
            .or(self.org.as_deref())
    }
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
    /// For a place the gazetteer lacks: the listed town or county whose
    /// coordinates it is given, the one the text puts it in, else the one of
    /// its country the story names most ("Neches River" by "Palestine");
    /// absent for listed places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinates_of: Option<String>,
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

/// Why an event reading is not in `events` (SCHEMA.md's closed list).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum UnresolvedReason {
    /// Nobody placed by a code is the actor.
    NoSource,
    /// The text names a target that no code places.
    UncodedTarget,
    /// An event noun the article does not report as happening.
    NotReported,
    /// A generic or habitual statement.
    Generic,
    /// The publisher's own voice.
    Opinion,
}

impl UnresolvedReason {
    pub fn as_str(self) -> &'static str {
        match self {
            UnresolvedReason::NoSource => "no_source",
            UnresolvedReason::UncodedTarget => "uncoded_target",
            UnresolvedReason::NotReported => "not_reported",
            UnresolvedReason::Generic => "generic",
            UnresolvedReason::Opinion => "opinion",
        }
    }
}

/// An event reading left out of `events`: the event's fields (id `u1`, `u2`…) and why.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct UnresolvedOut {
    #[serde(flatten)]
    pub event: EventOut,
    pub reason: UnresolvedReason,
}
