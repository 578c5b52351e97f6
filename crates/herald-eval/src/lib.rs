//! Scoring article records against gold files, figure for figure as
//! `shared/eval/score.py` does (the reference): document event triples,
//! PLOVER gold sentences, actor coding, toponyms and quote attribution.
//!
//! Owns the metric definitions only; it reads records and gold rows as JSON
//! values and knows nothing of how records are made.

use herald_core::geo::km;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};

const RECIPROCAL: &[&str] = &["CONSULT", "AGREE", "COOPERATE"];

/// ISO 3166-1 alpha-3 codes, to tell states from organizations.
#[derive(Debug, Clone, Default)]
pub struct Iso3(pub BTreeSet<String>);

impl Iso3 {
    /// Debian's iso-codes list when present (as score.py reads it), plus XKX, PSE, TWN.
    pub fn load(extra: impl IntoIterator<Item = String>) -> Iso3 {
        let mut set: BTreeSet<String> = extra.into_iter().collect();
        if let Ok(text) = std::fs::read_to_string("/usr/share/iso-codes/json/iso_3166-1.json") {
            if let Ok(v) = serde_json::from_str::<Value>(&text) {
                for c in v["3166-1"].as_array().into_iter().flatten() {
                    if let Some(a) = c["alpha_3"].as_str() {
                        set.insert(a.to_string());
                    }
                }
            }
        }
        set.extend(["XKX", "PSE", "TWN"].map(String::from));
        Iso3(set)
    }
}

pub type Triple = (String, String, String);

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

/// An actor's scoring key: country, else IMG, else org, else "-".
pub fn actor_key(actor: Option<&Value>) -> String {
    let Some(a) = actor else { return "-".into() };
    if let Some(c) = a["country"].as_str().filter(|c| !c.is_empty()) {
        return c.to_uppercase();
    }
    if a["sector"]
        .as_str()
        .unwrap_or("")
        .eq_ignore_ascii_case("IMG")
    {
        return "IMG".into();
    }
    if let Some(o) = a["org"].as_str().filter(|o| !o.is_empty()) {
        return o.to_uppercase();
    }
    "-".into()
}

/// Scored triples of a record: events neither negated nor hypothetical.
pub fn predicted_triples(rec: &Value) -> BTreeSet<Triple> {
    let actors: HashMap<&str, &Value> = rec["actors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| (s(&a["id"]), a))
        .collect();
    let mut out = BTreeSet::new();
    for e in rec["events"].as_array().into_iter().flatten() {
        if e["negated"].as_bool().unwrap_or(false) || s(&e["modality"]) == "hypothetical" {
            continue;
        }
        let keys = |field: &str| -> Vec<String> {
            let v: Vec<String> = e[field]
                .as_array()
                .into_iter()
                .flatten()
                .map(|id| actor_key(actors.get(s(id)).copied()))
                .collect();
            if v.is_empty() {
                vec!["-".into()]
            } else {
                v
            }
        };
        for src in keys("source") {
            for tgt in keys("target") {
                out.insert((s(&e["type"]).to_string(), src.clone(), tgt));
            }
        }
    }
    out
}

fn is_org(k: &str, iso: &Iso3) -> bool {
    if iso.0.is_empty() {
        k != "-" && (k.len() != 3 || matches!(k, "IGO" | "IMG" | "NGO"))
    } else {
        k != "-" && !iso.0.contains(k)
    }
}

fn same_actor(g: &str, p: &str, iso: &Iso3) -> bool {
    g == p || (g == "IGO" && is_org(p, iso) && p != "IMG" && p != "NGO")
}

pub fn triple_matches(g: &Triple, p: &Triple, relaxed: bool, iso: &Iso3) -> bool {
    if g.0 != p.0 {
        return false;
    }
    if same_actor(&g.1, &p.1, iso) && (same_actor(&g.2, &p.2, iso) || (relaxed && g.2 == "-")) {
        return true;
    }
    relaxed
        && RECIPROCAL.contains(&g.0.as_str())
        && same_actor(&g.1, &p.2, iso)
        && same_actor(&g.2, &p.1, iso)
}

fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        0.0
    };
    let r = if tp + fn_ > 0 {
        tp as f64 / (tp + fn_) as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn gold_triples(g: &Value, optional: Option<bool>) -> BTreeSet<Triple> {
    g["events"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| optional.is_none_or(|o| e["optional"].as_bool().unwrap_or(false) == o))
        .map(|e| {
            (
                s(&e["type"]).to_string(),
                s(&e["source"]).to_string(),
                s(&e["target"]).to_string(),
            )
        })
        .collect()
}

/// One error for `--errors`: a missed gold triple or a false event.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorItem {
    pub id: String,
    pub kind: &'static str,
    pub triple: String,
    pub sentence: String,
    /// Why the engine wrote what it wrote: the readings behind a false
    /// triple, or what it read in a missed triple's sentence.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct EventScores {
    pub docs: usize,
    pub missing: usize,
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub per_type: BTreeMap<String, (usize, usize, usize)>,
}

/// How the engine read one event or unresolved reading, for `--errors`:
/// "TYPE 'trigger' [cue] source -> target (modality) [reason]".
fn describe_reading(rec: &Value, e: &Value) -> String {
    let actor = |id: &Value| {
        rec["actors"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|a| a["id"] == *id)
            .map(|a| format!("{} [{}]", s(&a["name"]), actor_key(Some(a))))
            .unwrap_or_default()
    };
    let side = |v: &Value| {
        let names: Vec<String> = v.as_array().into_iter().flatten().map(actor).collect();
        if names.is_empty() {
            "-".to_string()
        } else {
            names.join(", ")
        }
    };
    let mut out = format!(
        "{} '{}' [{}] {} -> {} ({}{})",
        s(&e["type"]),
        s(&e["trigger"]["text"]),
        s(&e["cue"]),
        side(&e["source"]),
        side(&e["target"]),
        s(&e["modality"]),
        if e["negated"].as_bool().unwrap_or(false) {
            ", negated"
        } else {
            ""
        }
    );
    if let Some(r) = e["reason"].as_str() {
        out.push_str(&format!(" unresolved: {r}"));
    }
    out
}

/// The readings (events and unresolved ones) of the sentence holding `evidence`.
fn readings_near(rec: &Value, evidence: &str) -> Vec<String> {
    let text = s(&rec["text"]);
    let probe: String = evidence.chars().take(30).collect();
    let Some(at) = (!probe.is_empty()).then(|| text.find(&probe)).flatten() else {
        return Vec::new();
    };
    let sentences = rec["sentences"].as_array().cloned().unwrap_or_default();
    let Some(si) = sentences.iter().position(|x| {
        x["start"].as_u64().unwrap_or(0) as usize <= at
            && at < x["end"].as_u64().unwrap_or(0) as usize
    }) else {
        return Vec::new();
    };
    ["events", "unresolved"]
        .iter()
        .flat_map(|k| rec[*k].as_array().into_iter().flatten())
        .filter(|e| e["sentence"].as_u64() == Some(si as u64))
        .map(|e| describe_reading(rec, e))
        .collect()
}

/// The events that yield triple `t`, described.
fn readings_of(rec: &Value, t: &Triple) -> Vec<String> {
    let single = |v: &Value| {
        let mut r = serde_json::Map::new();
        r.insert("actors".into(), rec["actors"].clone());
        r.insert("events".into(), Value::Array(vec![v.clone()]));
        Value::Object(r)
    };
    rec["events"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| predicted_triples(&single(e)).contains(t))
        .map(|e| describe_reading(rec, e))
        .collect()
}

fn sentence_of_event(rec: &Value, t: &Triple) -> String {
    let text = s(&rec["text"]);
    let sentences = rec["sentences"].as_array().cloned().unwrap_or_default();
    for e in rec["events"].as_array().into_iter().flatten() {
        if s(&e["type"]) == t.0 {
            if let Some(sent) = e["sentence"]
                .as_u64()
                .and_then(|i| sentences.get(i as usize))
            {
                let (a, b) = (
                    sent["start"].as_u64().unwrap_or(0) as usize,
                    sent["end"].as_u64().unwrap_or(0) as usize,
                );
                return text.get(a..b).unwrap_or("").to_string();
            }
        }
    }
    String::new()
}

/// Document-level event triples.
pub fn score_events(
    gold: &[Value],
    out: &HashMap<String, Value>,
    iso: &Iso3,
    errors: &mut Vec<ErrorItem>,
) -> EventScores {
    let mut sc = EventScores {
        docs: gold.len(),
        ..Default::default()
    };
    let empty = Value::Object(Default::default());
    for g in gold {
        let id = id_of(g);
        let rec = match out.get(&id) {
            Some(r) => r,
            None => {
                sc.missing += 1;
                &empty
            }
        };
        let pred = predicted_triples(rec);
        let req = gold_triples(g, Some(false));
        let opt = gold_triples(g, Some(true));
        let matched: BTreeSet<&Triple> = req
            .iter()
            .filter(|t| pred.iter().any(|p| triple_matches(t, p, true, iso)))
            .collect();
        for t in &req {
            let e = sc.per_type.entry(t.0.clone()).or_default();
            if matched.contains(t) {
                e.0 += 1;
            } else {
                e.2 += 1;
                let evidence = g["events"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|e| {
                        s(&e["type"]) == t.0 && s(&e["source"]) == t.1 && s(&e["target"]) == t.2
                    })
                    .map(|e| s(&e["evidence"]).to_string())
                    .unwrap_or_default();
                let read = readings_near(rec, &evidence);
                errors.push(ErrorItem {
                    id: id.clone(),
                    kind: "missed",
                    triple: format!("{} {}->{}", t.0, t.1, t.2),
                    sentence: evidence,
                    reasons: if read.is_empty() {
                        vec!["no reading in that sentence".into()]
                    } else {
                        read.iter().map(|r| format!("read {r}")).collect()
                    },
                });
            }
        }
        sc.tp += matched.len();
        sc.fn_ += req.len() - matched.len();
        for p in &pred {
            if req
                .iter()
                .chain(opt.iter())
                .any(|t| triple_matches(t, p, true, iso))
            {
                continue;
            }
            sc.fp += 1;
            sc.per_type.entry(p.0.clone()).or_default().1 += 1;
            errors.push(ErrorItem {
                id: id.clone(),
                kind: "false",
                triple: format!("{} {}->{}", p.0, p.1, p.2),
                sentence: sentence_of_event(rec, p),
                reasons: readings_of(rec, p)
                    .iter()
                    .map(|r| format!("from {r}"))
                    .collect(),
            });
        }
    }
    let (p, r, f) = prf(sc.tp, sc.fp, sc.fn_);
    sc.precision = p;
    sc.recall = r;
    sc.f1 = f;
    sc
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct GsrScores {
    pub sentences: usize,
    pub type_recall: f64,
    pub dyad_recall: f64,
    pub precision: f64,
    pub predicted: usize,
    pub other: usize,
    pub per_type: BTreeMap<String, (usize, usize)>,
}

/// PLOVER gold sentences: one gold event each; precision over predicted
/// triples of the gold type only.
pub fn score_gsr(
    gold: &[Value],
    out: &HashMap<String, Value>,
    iso: &Iso3,
    errors: &mut Vec<ErrorItem>,
) -> GsrScores {
    let mut sc = GsrScores::default();
    let (mut hit_type, mut hit_dyad, mut pred_n, mut pred_ok) = (0, 0, 0, 0);
    let empty = Value::Object(Default::default());
    for g in gold {
        let id = id_of(g);
        let rec = out.get(&id).unwrap_or(&empty);
        let pred = predicted_triples(rec);
        let gt = gold_triples(g, None);
        let Some(first) = g["events"].as_array().and_then(|a| a.first()) else {
            continue;
        };
        let gtype = s(&first["type"]).to_string();
        sc.sentences += 1;
        sc.per_type.entry(gtype.clone()).or_default().1 += 1;
        let same: Vec<&Triple> = pred.iter().filter(|p| p.0 == gtype).collect();
        sc.other += pred.len() - same.len();
        if !same.is_empty() {
            hit_type += 1;
        }
        let dyad = gt
            .iter()
            .any(|t| same.iter().any(|p| triple_matches(t, p, true, iso)));
        if dyad {
            hit_dyad += 1;
            sc.per_type.entry(gtype.clone()).or_default().0 += 1;
        } else {
            let want: Vec<String> = gt
                .iter()
                .map(|t| format!("{} {}->{}", t.0, t.1, t.2))
                .collect();
            let got: Vec<String> = pred
                .iter()
                .map(|t| format!("{} {}->{}", t.0, t.1, t.2))
                .collect();
            errors.push(ErrorItem {
                id: id.clone(),
                kind: "missed",
                triple: format!("want [{}] got [{}]", want.join(", "), got.join(", ")),
                sentence: s(&g["text"]).to_string(),
                reasons: Vec::new(),
            });
        }
        pred_n += same.len();
        pred_ok += same
            .iter()
            .filter(|p| gt.iter().any(|t| triple_matches(t, p, true, iso)))
            .count();
    }
    let n = sc.sentences.max(1) as f64;
    sc.type_recall = hit_type as f64 / n;
    sc.dyad_recall = hit_dyad as f64 / n;
    sc.precision = if pred_n > 0 {
        pred_ok as f64 / pred_n as f64
    } else {
        0.0
    };
    sc.predicted = pred_n;
    sc
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct ActorScores {
    pub total: usize,
    pub found: f64,
    pub country_accuracy: f64,
}

/// Gold actor phrases: does an actor whose mention overlaps the phrase carry the gold country?
pub fn score_actors(
    gold: &[Value],
    out: &HashMap<String, Value>,
    iso: &Iso3,
    errors: &mut Vec<ErrorItem>,
) -> ActorScores {
    let (mut total, mut found, mut right) = (0usize, 0usize, 0usize);
    let empty = Value::Object(Default::default());
    for g in gold {
        let id = id_of(g);
        let rec = out.get(&id).unwrap_or(&empty);
        let text = s(&rec["text"]);
        let acts: HashMap<&str, &Value> = rec["actors"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|a| (s(&a["id"]), a))
            .collect();
        for ga in g["actors"].as_array().into_iter().flatten() {
            let code = s(&ga["code"]);
            if code.is_empty() || matches!(code, "XYZ" | "***" | "---") {
                continue;
            }
            let phrase = s(&ga["text"]);
            let Some(at) = text.find(phrase) else {
                continue;
            };
            total += 1;
            let hits: Vec<&Value> = rec["entities"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|m| {
                    let (ms, me) = (
                        m["start"].as_u64().unwrap_or(0) as usize,
                        m["end"].as_u64().unwrap_or(0) as usize,
                    );
                    ms < at + phrase.len() && me > at
                })
                .filter_map(|m| acts.get(s(&m["actor"])).copied())
                .collect();
            if hits.is_empty() {
                errors.push(ErrorItem {
                    id: id.clone(),
                    kind: "actor-missed",
                    triple: format!("{phrase} ({code})"),
                    sentence: s(&g["text"]).to_string(),
                    reasons: Vec::new(),
                });
                continue;
            }
            found += 1;
            if hits
                .iter()
                .any(|a| same_actor(code, &actor_key(Some(a)), iso))
            {
                right += 1;
            } else {
                let got: Vec<String> = hits.iter().map(|a| actor_key(Some(a))).collect();
                errors.push(ErrorItem {
                    id: id.clone(),
                    kind: "actor-wrong",
                    triple: format!("{phrase} ({code}) got {}", got.join("/")),
                    sentence: s(&g["text"]).to_string(),
                    reasons: Vec::new(),
                });
            }
        }
    }
    let t = total.max(1) as f64;
    ActorScores {
        total: total.max(1),
        found: found as f64 / t,
        country_accuracy: right as f64 / t,
    }
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct GeoScores {
    pub toponyms: usize,
    pub found: f64,
    pub exact: f64,
    pub acc161: f64,
}

fn char_to_byte(text: &str) -> Vec<usize> {
    let mut t: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    t.push(text.len());
    t
}

/// Toponyms: found (a place mention overlaps), exact GeoNames id, within 161 km.
pub fn score_geo(
    gold: &[Value],
    out: &HashMap<String, Value>,
    errors: &mut Vec<ErrorItem>,
) -> GeoScores {
    let (mut total, mut exact, mut near, mut found) = (0usize, 0usize, 0usize, 0usize);
    for g in gold {
        let tops = g["toponyms"].as_array().cloned().unwrap_or_default();
        total += tops.len();
        let id = id_of(g);
        let Some(rec) = out.get(&id) else { continue };
        if tops.is_empty() {
            continue;
        }
        let etext = s(&rec["text"]);
        let ents: HashMap<&str, &Value> = rec["entities"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|m| (s(&m["id"]), m))
            .collect();
        let mut spans: Vec<(usize, usize, &Value)> = Vec::new();
        for p in rec["places"].as_array().into_iter().flatten() {
            for mid in p["mentions"].as_array().into_iter().flatten() {
                if let Some(m) = ents.get(s(mid)) {
                    spans.push((
                        m["start"].as_u64().unwrap_or(0) as usize,
                        m["end"].as_u64().unwrap_or(0) as usize,
                        p,
                    ));
                }
            }
        }
        let gtext = s(&g["text"]);
        let same_text = etext == gtext;
        let c2b = char_to_byte(gtext);
        let nchars = gtext.chars().count().max(1);
        for t in &tops {
            let (ts, te) = (
                t["start"].as_u64().unwrap_or(0) as usize,
                t["end"].as_u64().unwrap_or(0) as usize,
            );
            let phrase = s(&t["phrase"]);
            let gold_slice: String = gtext.chars().skip(ts).take(te.saturating_sub(ts)).collect();
            let mut cands: Vec<(usize, usize, &Value)>;
            if same_text && te < c2b.len() && gold_slice == phrase {
                let (gs, ge) = (c2b[ts], c2b[te]);
                cands = spans
                    .iter()
                    .filter(|sp| sp.0 < ge && sp.1 > gs)
                    .cloned()
                    .collect();
            } else {
                cands = spans
                    .iter()
                    .filter(|sp| {
                        let sub = etext.get(sp.0..sp.1).unwrap_or("");
                        !phrase.is_empty() && (sub.contains(phrase) || phrase.contains(sub))
                    })
                    .cloned()
                    .collect();
                let rel = ts as f64 / nchars as f64;
                let elen = etext.len().max(1) as f64;
                cands.sort_by(|a, b| {
                    ((a.0 as f64 / elen) - rel)
                        .abs()
                        .partial_cmp(&((b.0 as f64 / elen) - rel).abs())
                        .unwrap_or(std::cmp::Ordering::Equal)
                });
            }
            let Some(c) = cands.first() else {
                errors.push(ErrorItem {
                    id: id.clone(),
                    kind: "toponym-missed",
                    triple: phrase.to_string(),
                    sentence: String::new(),
                    reasons: Vec::new(),
                });
                continue;
            };
            let p = c.2;
            found += 1;
            if p["geonames_id"].as_u64().is_some()
                && p["geonames_id"].as_u64() == t["geonames_id"].as_u64()
            {
                exact += 1;
            }
            let ok = match (
                p["lat"].as_f64(),
                p["lon"].as_f64(),
                t["lat"].as_f64(),
                t["lon"].as_f64(),
            ) {
                (Some(a), Some(b), Some(c), Some(d)) => km((a, b), (c, d)) <= 161.0,
                _ => false,
            };
            if ok {
                near += 1;
            } else {
                errors.push(ErrorItem {
                    id: id.clone(),
                    kind: "toponym-wrong",
                    triple: format!("{phrase} -> {} ({})", s(&p["name"]), s(&p["country"])),
                    sentence: String::new(),
                    reasons: Vec::new(),
                });
            }
        }
    }
    let t = total.max(1) as f64;
    GeoScores {
        toponyms: total,
        found: found as f64 / t,
        exact: exact as f64 / t,
        acc161: near as f64 / t,
    }
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct QuoteScores {
    pub total: usize,
    pub attributed: f64,
}

fn nfkc_lower(s: &str) -> String {
    // The gold and the records keep typographic marks; folding the common
    // compatibility forms is enough here.
    s.chars()
        .map(|c| match c {
            '\u{a0}' => ' ',
            'ﬁ' => 'f',
            _ => c,
        })
        .collect::<String>()
        .to_lowercase()
}

/// Quote attribution: a gold quote found with the right speaker.
pub fn score_quotes(
    gold: &[Value],
    out: &HashMap<String, Value>,
    errors: &mut Vec<ErrorItem>,
) -> QuoteScores {
    let (mut total, mut ok) = (0usize, 0usize);
    let empty = Value::Object(Default::default());
    for g in gold {
        let id = id_of(g);
        let rec = out.get(&id).unwrap_or(&empty);
        let actors: HashMap<&str, &Value> = rec["actors"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|a| (s(&a["id"]), a))
            .collect();
        for q in g["quotes"].as_array().into_iter().flatten() {
            total += 1;
            let start: String = nfkc_lower(s(&q["starts"])).chars().take(20).collect();
            let speaker = s(&q["speaker"]).to_lowercase();
            let mut good = false;
            let mut seen = false;
            for pq in rec["quotes"].as_array().into_iter().flatten() {
                if nfkc_lower(s(&pq["text"])).contains(&start) {
                    seen = true;
                    let who = actors
                        .get(s(&pq["speaker"]))
                        .map(|a| s(&a["name"]).to_lowercase())
                        .unwrap_or_default();
                    let last = speaker.split_whitespace().last().unwrap_or("");
                    good = !who.is_empty() && (speaker.contains(&who) || who.contains(last));
                    break;
                }
            }
            if good {
                ok += 1;
            } else {
                errors.push(ErrorItem {
                    id: id.clone(),
                    kind: if seen {
                        "quote-wrong-speaker"
                    } else {
                        "quote-missed"
                    },
                    triple: format!("{} <- {}", s(&q["starts"]), s(&q["speaker"])),
                    sentence: String::new(),
                    reasons: Vec::new(),
                });
            }
        }
    }
    QuoteScores {
        total,
        attributed: if total > 0 {
            ok as f64 / total as f64
        } else {
            0.0
        },
    }
}

/// Staying quiet (`score.py quiet`): on gold articles without a required
/// event, every predicted triple that matches no gold triple is false.
#[derive(Debug, Clone, Serialize, Default)]
pub struct QuietScores {
    pub articles: usize,
    pub false_triples: usize,
}

pub fn score_quiet(gold: &[Value], out: &HashMap<String, Value>, iso: &Iso3) -> QuietScores {
    let mut sc = QuietScores::default();
    let empty = Value::Object(Default::default());
    for g in gold {
        if !gold_triples(g, Some(false)).is_empty() {
            continue;
        }
        sc.articles += 1;
        let all = gold_triples(g, None);
        let rec = out.get(&id_of(g)).unwrap_or(&empty);
        sc.false_triples += predicted_triples(rec)
            .iter()
            .filter(|p| !all.iter().any(|t| triple_matches(t, p, true, iso)))
            .count();
    }
    sc
}

/// Article gold places (`score.py places`): found when a record place has the
/// gold name (folded) or one of its mentions is written so; right when that
/// place has the gold country.
#[derive(Debug, Clone, Serialize, Default)]
pub struct PlaceScores {
    pub total: usize,
    pub found: f64,
    pub country_accuracy: f64,
}

/// `score.py`'s fold: compatibility decomposition, non-ASCII dropped, lowercased.
/// Letters whose decomposition has no ASCII base (ø, đ, ı) are dropped, as there.
fn fold_ascii(x: &str) -> String {
    let base = |c: char| -> Option<char> {
        Some(match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => 'c',
            'ď' => 'd',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
            'ğ' | 'ĝ' | 'ġ' | 'ģ' => 'g',
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' => 'i',
            'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ō' | 'ŏ' | 'ő' => 'o',
            'ŕ' | 'ř' => 'r',
            'ś' | 'ş' | 'š' | 'ș' => 's',
            'ţ' | 'ť' | 'ț' => 't',
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
            'ý' | 'ÿ' => 'y',
            'ź' | 'ż' | 'ž' => 'z',
            c if c.is_ascii() => c,
            _ => return None,
        })
    };
    // lowercased first: an accented capital folds as its small letter does
    x.to_lowercase()
        .chars()
        .filter_map(base)
        .collect::<String>()
        .trim()
        .to_string()
}

pub fn score_places(gold: &[Value], out: &HashMap<String, Value>) -> PlaceScores {
    let (mut total, mut found, mut right) = (0usize, 0usize, 0usize);
    let empty = Value::Object(Default::default());
    for g in gold {
        let rec = out.get(&id_of(g)).unwrap_or(&empty);
        let text = s(&rec["text"]).as_bytes();
        let mention_text: HashMap<&str, String> = rec["entities"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|m| {
                let (a, b) = (m["start"].as_u64()? as usize, m["end"].as_u64()? as usize);
                let t = String::from_utf8_lossy(text.get(a..b)?).to_string();
                Some((s(&m["id"]), t))
            })
            .collect();
        for gp in g["places"].as_array().into_iter().flatten() {
            total += 1;
            let name = fold_ascii(s(&gp["name"]));
            let hits: Vec<&Value> = rec["places"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| {
                    fold_ascii(s(&p["name"])) == name
                        || p["mentions"].as_array().into_iter().flatten().any(|m| {
                            mention_text
                                .get(s(m))
                                .is_some_and(|t| fold_ascii(t) == name)
                        })
                })
                .collect();
            if !hits.is_empty() {
                found += 1;
                let want = s(&gp["country"]).to_uppercase();
                if hits.iter().any(|p| s(&p["country"]).to_uppercase() == want) {
                    right += 1;
                }
            }
        }
    }
    let t = total.max(1) as f64;
    PlaceScores {
        total,
        found: found as f64 / t,
        country_accuracy: right as f64 / t,
    }
}

/// A gold row's id as a string.
pub fn id_of(v: &Value) -> String {
    match &v["id"] {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Which figures a gold file supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum GoldKind {
    /// Articles with event triples (and actors, places, quotes).
    Articles,
    /// PLOVER gold sentences.
    Sentences,
    /// Toponym gold.
    Toponyms,
}

pub fn gold_kind(rows: &[Value]) -> GoldKind {
    if rows.iter().any(|r| r.get("toponyms").is_some()) {
        GoldKind::Toponyms
    } else if rows.iter().any(|r| {
        r["actors"]
            .as_array()
            .is_some_and(|a| a.iter().any(|x| x.get("code").is_some()))
    }) {
        GoldKind::Sentences
    } else {
        GoldKind::Articles
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn iso() -> Iso3 {
        Iso3(
            ["USA", "RUS", "CHN"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
        )
    }

    #[test]
    fn place_names_fold_as_the_reference_scorer_folds_them() {
        // the values score.py's NFKD fold gives
        assert_eq!(fold_ascii("Ñuñoa"), "nunoa");
        assert_eq!(fold_ascii("İstanbul"), "istanbul");
        assert_eq!(fold_ascii("Tromsø"), "troms");
        assert_eq!(fold_ascii(" São Paulo "), "sao paulo");
        assert_eq!(fold_ascii("ŚWINOUJŚCIE"), "swinoujscie");
    }

    #[test]
    fn relaxed_matching_follows_the_reference() {
        let i = iso();
        let t = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
        assert!(triple_matches(
            &t("CONSULT", "USA", "RUS"),
            &t("CONSULT", "RUS", "USA"),
            true,
            &i
        ));
        assert!(!triple_matches(
            &t("REQUEST", "USA", "RUS"),
            &t("REQUEST", "RUS", "USA"),
            true,
            &i
        ));
        assert!(triple_matches(
            &t("REQUEST", "USA", "-"),
            &t("REQUEST", "USA", "CHN"),
            true,
            &i
        ));
        assert!(triple_matches(
            &t("ACCUSE", "IGO", "RUS"),
            &t("ACCUSE", "UN", "RUS"),
            true,
            &i
        ));
        assert!(!triple_matches(
            &t("ACCUSE", "IGO", "RUS"),
            &t("ACCUSE", "IMG", "RUS"),
            true,
            &i
        ));
    }

    #[test]
    fn negated_and_hypothetical_events_do_not_count() {
        let rec = json!({"actors": [{"id": "a1", "country": "USA"}, {"id": "a2", "country": null, "sector": "IMG", "org": "ISIS"}],
            "events": [
                {"type": "ASSAULT", "source": ["a2"], "target": ["a1"], "negated": false, "modality": "asserted"},
                {"type": "CONSULT", "source": ["a1"], "target": [], "negated": true, "modality": "asserted"},
                {"type": "THREATEN", "source": ["a1"], "target": ["a2"], "negated": false, "modality": "hypothetical"}]});
        let t = predicted_triples(&rec);
        assert_eq!(t.len(), 1);
        assert!(t.contains(&("ASSAULT".into(), "IMG".into(), "USA".into())));
    }

    #[test]
    fn event_scores_count_optional_as_neither() {
        let gold = vec![json!({"id": "x", "events": [
            {"type": "CONSULT", "source": "USA", "target": "RUS"},
            {"type": "REQUEST", "source": "USA", "target": "RUS"},
            {"type": "AGREE", "source": "CHN", "target": "-", "optional": true}]})];
        let rec = json!({"id": "x", "actors": [{"id": "a1", "country": "USA"}, {"id": "a2", "country": "RUS"}, {"id": "a3", "country": "CHN"}],
            "events": [{"type": "CONSULT", "source": ["a2"], "target": ["a1"]}, {"type": "AGREE", "source": ["a3"], "target": []},
                       {"type": "ASSAULT", "source": ["a1"], "target": ["a2"]}]});
        let out: HashMap<String, Value> = [("x".to_string(), rec)].into_iter().collect();
        let sc = score_events(&gold, &out, &iso(), &mut Vec::new());
        assert_eq!((sc.tp, sc.fp, sc.fn_), (1, 1, 1));
    }
}
