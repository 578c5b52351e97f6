//! `herald train places --gold FILE -o FILE` and `herald eval --cv K`: the
//! place ranker learned from toponym gold, and its figures by
//! cross-validation over articles (an article's toponyms never train the
//! ranker that resolves them).

use herald_coder::place_rank::{fit, Choice, PlaceRanker};
use herald_coder::Coder;
use herald_core::geo::km;
use herald_core::Article;
use herald_kb::Kb;
use rayon::prelude::*;
use serde_json::Value;

/// The penalty on the weights' size; set once, not tuned on the figures.
pub const L2: f64 = 1.0;

/// The training choices of each article: each gold toponym that a mention
/// of the same text covers, with the candidate of the gold GeoNames id, or
/// else the candidate nearest the gold point within 161 km, as the right one.
pub fn article_choices(
    coder: &Coder,
    kb: &Kb,
    gold: &[Value],
    articles: &[Article],
) -> Vec<Vec<Choice>> {
    gold.par_iter()
        .zip(articles)
        .map(|(g, a)| choices_of(coder, kb, g, a))
        .collect()
}

fn choices_of(coder: &Coder, kb: &Kb, g: &Value, a: &Article) -> Vec<Choice> {
    let text = g["text"].as_str().unwrap_or("");
    if text != a.text {
        return Vec::new(); // offsets would not fit: no examples rather than wrong ones
    }
    let byte_at: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .collect();
    let mentions = coder.toponym_choices(a);
    let mut out = Vec::new();
    for t in g["toponyms"].as_array().into_iter().flatten() {
        let (Some(start), Some(end)) = (t["start"].as_u64(), t["end"].as_u64()) else {
            continue;
        };
        let (Some(&bs), Some(&be)) = (byte_at.get(start as usize), byte_at.get(end as usize))
        else {
            continue;
        };
        let Some(m) = mentions
            .iter()
            .find(|m| m.span.start < be && m.span.end > bs)
        else {
            continue;
        };
        if m.candidates.len() < 2 {
            continue;
        }
        let gold_id = t["geonames_id"].as_u64();
        let gold_point = t["lat"].as_f64().zip(t["lon"].as_f64());
        let place = |p: u32| &kb.places[p as usize];
        let exact = m
            .candidates
            .iter()
            .position(|&(p, _)| gold_id.is_some() && place(p).geonames_id == gold_id);
        let nearest = || {
            let point = gold_point?;
            m.candidates
                .iter()
                .enumerate()
                .filter_map(|(i, &(p, _))| {
                    let pl = place(p);
                    Some((km(point, (pl.lat?, pl.lon?)), i))
                })
                .filter(|(d, _)| *d <= 161.0)
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, i)| i)
        };
        if let Some(gold) = exact.or_else(nearest) {
            out.push(Choice {
                candidates: m.candidates.iter().map(|(_, f)| *f).collect(),
                gold,
            });
        }
    }
    out
}

/// The ranker fitted on the choices of the articles `keep` accepts (by
/// index), from the hand-set prior, and how many toponyms taught it.
pub fn fit_articles(choices: &[Vec<Choice>], keep: impl Fn(usize) -> bool) -> (PlaceRanker, usize) {
    let train: Vec<Choice> = choices
        .iter()
        .enumerate()
        .filter(|(i, _)| keep(*i))
        .flat_map(|(_, c)| c.iter().cloned())
        .collect();
    (fit(&train, L2, &PlaceRanker::prior()), train.len())
}

/// Each article coded by the ranker of the folds it is not in.
pub fn cross_validated_records(
    coder: &Coder,
    kb: &Kb,
    gold: &[Value],
    articles: &[Article],
    k: usize,
    make_coder: &(dyn Fn(PlaceRanker) -> Coder<'static> + Sync),
) -> Vec<Value> {
    let choices = article_choices(coder, kb, gold, articles);
    let mut records = vec![Value::Null; articles.len()];
    for fold in 0..k {
        let (ranker, _) = fit_articles(&choices, |i| i % k != fold);
        let fold_coder = make_coder(ranker);
        let coded: Vec<(usize, Value)> = articles
            .par_iter()
            .enumerate()
            .filter(|(i, _)| i % k == fold)
            .map(|(i, a)| {
                (
                    i,
                    serde_json::to_value(fold_coder.code(a)).unwrap_or(Value::Null),
                )
            })
            .collect();
        for (i, r) in coded {
            records[i] = r;
        }
    }
    records
}
