//! Query parameters of pages and API routes, checked: unknown codes, bad
//! dates, sorts and cursors are refused with a message naming the
//! parameter, never silently ignored.

use crate::AppState;
use axum::extract::Query;
use herald_core::EventType;
use herald_store::{ArticleQuery, EventQuery, Sort};
use std::collections::HashMap;

/// Query parameters as given.
pub(crate) type Params = Query<HashMap<String, String>>;

/// A parameter, trimmed; empty counts as absent.
pub(crate) fn param(p: &HashMap<String, String>, k: &str) -> Option<String> {
    p.get(k)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// A limit, clamped to `1..=max`; a non-number is refused.
pub(crate) fn limit(
    p: &HashMap<String, String>,
    default: usize,
    max: usize,
) -> Result<usize, String> {
    match param(p, "limit") {
        None => Ok(default.clamp(1, max)),
        Some(v) => v
            .parse::<usize>()
            .map(|n| n.clamp(1, max))
            .map_err(|_| format!("limit must be a number, not {v:?}")),
    }
}

/// A YYYY-MM-DD day.
pub(crate) fn date(p: &HashMap<String, String>, k: &str) -> Result<Option<String>, String> {
    let Some(v) = param(p, k) else {
        return Ok(None);
    };
    match chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d") {
        Ok(d) if v.len() == 10 => Ok(Some(d.format("%Y-%m-%d").to_string())),
        _ => Err(format!("{k} must be a day as YYYY-MM-DD, not {v:?}")),
    }
}

/// An actor code the knowledge base knows (ISO alpha-3, IGO code, IMG, -).
pub(crate) fn code(
    state: &AppState,
    p: &HashMap<String, String>,
    k: &str,
) -> Result<Option<String>, String> {
    let Some(v) = param(p, k) else {
        return Ok(None);
    };
    let upper = v.to_ascii_uppercase();
    if state.names.contains_key(&upper) {
        Ok(Some(upper))
    } else {
        Err(format!(
            "{k}: unknown actor code {v:?}; use an ISO 3166 alpha-3 code such as RUS, or an organization code such as NATO"
        ))
    }
}

fn event_type(p: &HashMap<String, String>) -> Result<Option<String>, String> {
    let Some(v) = param(p, "type") else {
        return Ok(None);
    };
    v.to_ascii_uppercase()
        .parse::<EventType>()
        .map(|t| Some(t.as_str().to_string()))
        .map_err(|_| {
            let all: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
            format!("type: unknown PLOVER type {v:?}; one of {}", all.join(", "))
        })
}

fn sort(p: &HashMap<String, String>, relevance: bool) -> Result<Sort, String> {
    match param(p, "sort") {
        None => Ok(Sort::Newest),
        Some(v) => match Sort::parse(&v) {
            Some(Sort::Relevance) if !relevance => Err("sort must be newest or oldest".into()),
            Some(s) => Ok(s),
            None if relevance => Err(format!(
                "sort must be relevance, newest or oldest, not {v:?}"
            )),
            None => Err(format!("sort must be newest or oldest, not {v:?}")),
        },
    }
}

fn cursor(p: &HashMap<String, String>) -> Result<Option<String>, String> {
    let Some(v) = param(p, "after") else {
        return Ok(None);
    };
    if v.len() <= 2048 && v.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(Some(v))
    } else {
        Err(format!("after is not a page cursor: {v:?}"))
    }
}

fn ordered(
    from: Option<String>,
    to: Option<String>,
) -> Result<(Option<String>, Option<String>), String> {
    if let (Some(f), Some(t)) = (&from, &to) {
        if f > t {
            return Err(format!("from ({f}) is after to ({t})"));
        }
    }
    Ok((from, to))
}

pub(crate) fn article_query(
    state: &AppState,
    p: &HashMap<String, String>,
    default_limit: usize,
) -> Result<ArticleQuery, String> {
    let text = param(p, "q").map(|q| q.chars().take(200).collect::<String>());
    let (from, to) = ordered(date(p, "from")?, date(p, "to")?)?;
    let sort = match (param(p, "sort").is_some(), sort(p, true)?) {
        (false, _) if text.is_some() => Sort::Relevance,
        (_, Sort::Relevance) if text.is_none() => Sort::Newest,
        (_, s) => s,
    };
    Ok(ArticleQuery {
        text,
        country: code(state, p, "country")?,
        from,
        to,
        sort,
        limit: limit(p, default_limit, 200)?,
        after: cursor(p)?,
    })
}

pub(crate) fn event_query(
    state: &AppState,
    p: &HashMap<String, String>,
    default_limit: usize,
    max: usize,
) -> Result<EventQuery, String> {
    let (from, to) = ordered(date(p, "from")?, date(p, "to")?)?;
    let pair = match (code(state, p, "a")?, code(state, p, "b")?) {
        (Some(a), Some(b)) => Some((a, b)),
        (None, None) => None,
        _ => return Err("a dyad needs both a and b (?a=USA&b=RUS)".into()),
    };
    let quad_class = match param(p, "quad") {
        None => None,
        Some(v) => Some(
            v.parse::<u8>()
                .ok()
                .filter(|q| (1..=4).contains(q))
                .ok_or_else(|| format!("quad must be 1, 2, 3 or 4, not {v:?}"))?,
        ),
    };
    Ok(EventQuery {
        kind: event_type(p)?,
        quad_class,
        country: code(state, p, "country")?,
        source: code(state, p, "source")?,
        target: code(state, p, "target")?,
        pair,
        from,
        to,
        place: param(p, "place").map(|q| q.chars().take(200).collect()),
        article: param(p, "article"),
        include_negated: param(p, "negated").is_some_and(|v| v == "1" || v == "true"),
        sort: sort(p, false)?,
        limit: limit(p, default_limit, max)?,
        after: cursor(p)?,
    })
}

/// The filters of an event list, for links: (parameter, value) pairs.
pub(crate) const EVENT_FILTERS: [&str; 11] = [
    "type", "quad", "country", "source", "target", "a", "b", "from", "to", "place", "article",
];

/// The query string of the filters set in `p`, with `set` changed or added
/// and `drop` left out.
pub(crate) fn filter_query(
    p: &HashMap<String, String>,
    set: &[(&str, &str)],
    drop: &[&str],
) -> String {
    let mut parts: Vec<String> = EVENT_FILTERS
        .iter()
        .chain(["negated", "sort", "limit"].iter())
        .filter(|k| !drop.contains(k) && !set.iter().any(|(s, _)| s == *k))
        .filter_map(|k| param(p, k).map(|v| format!("{k}={}", crate::html::url_encode(&v))))
        .collect();
    parts.extend(
        set.iter()
            .map(|(k, v)| format!("{k}={}", crate::html::url_encode(v))),
    );
    parts.join("&")
}

/// The name of a PLOVER quad class.
pub(crate) fn quad_name(q: i64) -> &'static str {
    match q {
        1 => "verbal cooperation",
        2 => "material cooperation",
        3 => "verbal conflict",
        4 => "material conflict",
        _ => "unknown",
    }
}

/// A readable name of a PLOVER type.
pub(crate) fn type_name(t: &str) -> String {
    let lower = t.to_ascii_lowercase();
    let mut c = lower.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}
