//! Code types: PLOVER event types with their quad classes, actor sectors,
//! and the closed vocabularies of an event's modality, date and place.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name { $(#[serde(rename = $text)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(&self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }
        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s { $($text => Ok($name::$variant),)+ _ => Err(format!("unknown {} `{}`", stringify!($name), s)) }
            }
        }
    };
}

string_enum!(
    /// The 16 PLOVER event types.
    EventType {
        Agree => "AGREE", Consult => "CONSULT", Support => "SUPPORT", Concede => "CONCEDE",
        Cooperate => "COOPERATE", Aid => "AID", Retreat => "RETREAT", Request => "REQUEST",
        Accuse => "ACCUSE", Reject => "REJECT", Threaten => "THREATEN", Protest => "PROTEST",
        Sanction => "SANCTION", Mobilize => "MOBILIZE", Coerce => "COERCE", Assault => "ASSAULT",
    }
);

string_enum!(
    /// CAMEO-style actor sectors.
    Sector {
        Gov => "GOV", Mil => "MIL", Leg => "LEG", Jud => "JUD", Cop => "COP", Opp => "OPP",
        Reb => "REB", Ins => "INS", Cvl => "CVL", Bus => "BUS", Med => "MED", Edu => "EDU",
        Ngo => "NGO", Igo => "IGO", Img => "IMG", Rel => "REL", Hlh => "HLH", Lab => "LAB",
        Spy => "SPY",
    }
);

string_enum!(
    /// The kind of thing an entity names (SCHEMA.md's entity types); a
    /// pronoun's mention is never written as an entity.
    EntityType {
        Person => "PERSON", Org => "ORG", Gpe => "GPE", Loc => "LOC", Norp => "NORP",
        Fac => "FAC", Misc => "MISC", Pronoun => "PRON",
    }
);

string_enum!(
    /// How the text tells an event: as fact, in someone's words, as planned, or as possible.
    Modality {
        Asserted => "asserted", Reported => "reported", Future => "future",
        Hypothetical => "hypothetical",
    }
);

string_enum!(
    /// How much of a date the text gives.
    DatePrecision { Day => "day", Month => "month", Year => "year" }
);

string_enum!(
    /// Where an event's date comes from: a date in the text, or the publication date.
    DateBasis { Text => "text", Published => "published" }
);

string_enum!(
    /// Where an event's place comes from: a place in the text, or the dateline.
    LocationBasis { Text => "text", Dateline => "dateline" }
);

/// PLOVER quad class: 1 verbal cooperation … 4 material conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuadClass(pub u8);

impl EventType {
    pub fn quad_class(self) -> QuadClass {
        use EventType::*;
        QuadClass(match self {
            Agree | Consult | Support | Concede => 1,
            Cooperate | Aid | Retreat => 2,
            Request | Accuse | Reject | Threaten => 3,
            Protest | Sanction | Mobilize | Coerce | Assault => 4,
        })
    }
    /// Types whose dyad is symmetric for scoring (A meets B = B meets A).
    /// The CAMEO root nearest the type, for an event whose type was
    /// inferred rather than read from a cue ("will strike" read as a threat).
    pub fn cameo_root(self) -> &'static str {
        use EventType::*;
        match self {
            Agree => "030",
            Consult => "040",
            Support => "050",
            Concede => "080",
            Cooperate => "060",
            Aid => "070",
            Retreat => "087",
            Request => "020",
            Accuse => "110",
            Reject => "120",
            Threaten => "130",
            Protest => "140",
            Sanction => "160",
            Mobilize => "150",
            Coerce => "170",
            Assault => "190",
        }
    }

    pub fn is_reciprocal(self) -> bool {
        matches!(
            self,
            EventType::Consult | EventType::Agree | EventType::Cooperate
        )
    }
    /// Verbal types: a statement is itself the act, so they may come from quotes.
    pub fn is_verbal(self) -> bool {
        matches!(self.quad_class().0, 1 | 3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_types_round_trip_and_quad_classes_match_plover() {
        assert_eq!(EventType::ALL.len(), 16);
        for t in EventType::ALL {
            assert_eq!(t.as_str().parse::<EventType>().unwrap(), *t);
        }
        assert_eq!(EventType::Consult.quad_class().0, 1);
        assert_eq!(EventType::Retreat.quad_class().0, 2);
        assert_eq!(EventType::Threaten.quad_class().0, 3);
        assert_eq!(EventType::Mobilize.quad_class().0, 4);
        assert!("MEET".parse::<EventType>().is_err());
    }

    #[test]
    fn sectors_parse() {
        assert_eq!("IMG".parse::<Sector>().unwrap(), Sector::Img);
        assert!("gov".parse::<Sector>().is_err());
    }
}
