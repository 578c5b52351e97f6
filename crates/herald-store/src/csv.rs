//! Events as CSV rows (RFC 4180 quoting), for exports and downloads.

use crate::EventRow;

/// The column names, in row order.
pub const HEADER: &[&str] = &[
    "article_id",
    "event_id",
    "date",
    "date_precision",
    "type",
    "mode",
    "quad_class",
    "cameo",
    "source",
    "source_names",
    "target",
    "target_names",
    "place",
    "place_country",
    "lat",
    "lon",
    "location_basis",
    "negated",
    "modality",
    "confidence",
    "trigger",
    "sentence",
    "title",
    "url",
    "published",
];

fn field(s: &str) -> String {
    // a spreadsheet runs a cell that starts like a formula: make it text
    let guarded;
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_inert(s) {
        guarded = format!("'{s}");
        guarded.as_str()
    } else {
        s
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Numbers and actor-key lists such as `-;USA` (`-` is the unknown actor).
fn is_inert(s: &str) -> bool {
    s.parse::<f64>().is_ok()
        || s.split(';')
            .all(|k| k == "-" || (!k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric())))
}

fn opt_num(x: Option<f64>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

pub fn row(e: &EventRow) -> String {
    let fields: Vec<String> = vec![
        e.article_id.clone(),
        e.event_id.clone(),
        e.date.clone().unwrap_or_default(),
        e.date_precision.clone().unwrap_or_default(),
        e.kind.clone(),
        e.mode.clone().unwrap_or_default(),
        e.quad_class.to_string(),
        e.cameo.clone(),
        e.source.join(";"),
        e.source_names.join(";"),
        e.target.join(";"),
        e.target_names.join(";"),
        e.place.clone().unwrap_or_default(),
        e.place_country.clone().unwrap_or_default(),
        opt_num(e.lat),
        opt_num(e.lon),
        e.location_basis.clone().unwrap_or_default(),
        e.negated.to_string(),
        e.modality.clone(),
        format!("{:.2}", e.confidence),
        e.trigger.clone(),
        e.sentence.clone(),
        e.title.clone().unwrap_or_default(),
        e.url.clone().unwrap_or_default(),
        e.published.clone().unwrap_or_default(),
    ];
    fields
        .iter()
        .map(|f| field(f))
        .collect::<Vec<_>>()
        .join(",")
}
