//! The place ranker: what is known about a (toponym, candidate place) pair
//! as numbers, and the weights that turn them into a score. The weights are
//! learned from toponym gold (`herald train places`) by a conditional logit
//! over each toponym's candidates, fitted by Newton's method: deterministic,
//! and small enough to ship as text (`model/place_ranker.tsv`).

use std::sync::OnceLock;

/// The features, in the order their weights are stored.
pub const FEATURES: [&str; 25] = [
    "log_population",
    "no_coordinates",
    "town_by_another_name",
    "county",
    "county_state_support",
    "country",
    "country_abroad_beside_domestic_state",
    "admin1",
    "continent",
    "region",
    "focus_country",
    "dateline_country",
    "other_names_in_country",
    "town_state_support",
    "neighbours",
    "capital",
    "city_state_qualifier",
    "other_names_in_country_votes",
    "written_as_alias",
    "town_in_story_state",
    "names_within_200_km",
    "publisher_town",
    "publisher_country",
    "near_publisher_town",
    "county_by_short_name",
];

/// How many features a candidate has.
pub const N: usize = FEATURES.len();

/// One candidate's feature values.
pub type Features = [f64; N];

/// Weights over [`FEATURES`]; a candidate's score is their dot product.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceRanker {
    pub weights: [f64; N],
}

const EMBEDDED: &str = include_str!("../model/place_ranker.tsv");
const PRIOR: &str = include_str!("../model/place_prior.tsv");

impl PlaceRanker {
    /// The ranker shipped in the binary.
    pub fn embedded() -> &'static PlaceRanker {
        static RANKER: OnceLock<PlaceRanker> = OnceLock::new();
        RANKER.get_or_init(|| {
            PlaceRanker::from_tsv(EMBEDDED).expect("the embedded place ranker parses")
        })
    }

    /// The hand-set weights training starts from and is pulled towards.
    pub fn prior() -> PlaceRanker {
        PlaceRanker::from_tsv(PRIOR).expect("the embedded place prior parses")
    }

    /// Reads `name<TAB>weight` lines (`#` lines are comments); every feature
    /// must be given once, and no other.
    pub fn from_tsv(text: &str) -> Result<PlaceRanker, String> {
        let mut weights = [f64::NAN; N];
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (name, value) = line
                .split_once('\t')
                .ok_or_else(|| format!("line {}: expected `feature<TAB>weight`", n + 1))?;
            let i = FEATURES
                .iter()
                .position(|f| *f == name)
                .ok_or_else(|| format!("line {}: unknown feature {name:?}", n + 1))?;
            if !weights[i].is_nan() {
                return Err(format!("line {}: {name} given twice", n + 1));
            }
            weights[i] = value
                .trim()
                .parse()
                .map_err(|_| format!("line {}: {value:?} is not a number", n + 1))?;
        }
        if let Some(i) = weights.iter().position(|w| w.is_nan()) {
            return Err(format!("no weight for {}", FEATURES[i]));
        }
        Ok(PlaceRanker { weights })
    }

    /// The weights as `from_tsv` reads them, after `header` comment lines.
    pub fn to_tsv(&self, header: &[String]) -> String {
        let mut out = String::new();
        for h in header {
            out.push_str(&format!("# {h}\n"));
        }
        for (name, w) in FEATURES.iter().zip(self.weights) {
            out.push_str(&format!("{name}\t{w}\n"));
        }
        out
    }

    /// The weight of the feature named `name` (0 for a name not in [`FEATURES`]).
    pub fn weight(&self, name: &str) -> f64 {
        FEATURES
            .iter()
            .position(|f| *f == name)
            .map_or(0.0, |i| self.weights[i])
    }

    pub fn score(&self, f: &Features) -> f64 {
        let mut s = 0.0;
        for (w, x) in self.weights.iter().zip(f) {
            if *x != 0.0 {
                s += w * x;
            }
        }
        s
    }
}

/// One gold toponym for training: its candidates' features and which
/// candidate is right.
#[derive(Debug, Clone)]
pub struct Choice {
    pub candidates: Vec<Features>,
    pub gold: usize,
}

/// Fits weights that make each choice's gold candidate likely among its
/// candidates (conditional logit), by Newton's method from `prior`, with an
/// L2 penalty of `l2` on the distance from it: evidence the gold set never
/// shows (datelines in local news) keeps its prior weight. Choices with
/// fewer than two candidates teach nothing.
pub fn fit(choices: &[Choice], l2: f64, prior: &PlaceRanker) -> PlaceRanker {
    let p = &prior.weights;
    let mut w = *p;
    for _ in 0..50 {
        let (grad, hess) = derivatives(choices, &w, l2, p);
        let step = solve(hess, grad);
        let before = log_likelihood(choices, &w, l2, p);
        // halve the step until the penalised likelihood does not fall
        let mut t = 1.0;
        let mut next = w;
        while t > 1e-6 {
            for i in 0..N {
                next[i] = w[i] + t * step[i];
            }
            if log_likelihood(choices, &next, l2, p) >= before {
                break;
            }
            t /= 2.0;
        }
        let moved = (0..N).map(|i| (next[i] - w[i]).abs()).fold(0.0, f64::max);
        w = next;
        if moved < 1e-9 {
            break;
        }
    }
    PlaceRanker { weights: w }
}

/// The candidates' probabilities under weights `w`.
fn probabilities(c: &Choice, w: &[f64; N]) -> Vec<f64> {
    let r = PlaceRanker { weights: *w };
    let scores: Vec<f64> = c.candidates.iter().map(|f| r.score(f)).collect();
    let top = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exp: Vec<f64> = scores.iter().map(|s| (s - top).exp()).collect();
    let sum: f64 = exp.iter().sum();
    exp.iter().map(|e| e / sum).collect()
}

fn log_likelihood(choices: &[Choice], w: &[f64; N], l2: f64, prior: &[f64; N]) -> f64 {
    let mut ll = 0.0;
    for c in choices.iter().filter(|c| c.candidates.len() > 1) {
        ll += probabilities(c, w)[c.gold].max(1e-300).ln();
    }
    ll - 0.5
        * l2
        * w.iter()
            .zip(prior)
            .map(|(x, p)| (x - p) * (x - p))
            .sum::<f64>()
}

/// The gradient and the negated Hessian of the penalised log-likelihood.
fn derivatives(
    choices: &[Choice],
    w: &[f64; N],
    l2: f64,
    prior: &[f64; N],
) -> ([f64; N], [[f64; N]; N]) {
    let mut grad = [0.0; N];
    let mut hess = [[0.0; N]; N];
    for c in choices.iter().filter(|c| c.candidates.len() > 1) {
        let p = probabilities(c, w);
        let mut mean = [0.0; N];
        for (f, pk) in c.candidates.iter().zip(&p) {
            for i in 0..N {
                mean[i] += pk * f[i];
            }
        }
        for i in 0..N {
            grad[i] += c.candidates[c.gold][i] - mean[i];
        }
        for (f, pk) in c.candidates.iter().zip(&p) {
            for i in 0..N {
                let di = f[i] - mean[i];
                if di == 0.0 {
                    continue;
                }
                for j in 0..N {
                    hess[i][j] += pk * di * (f[j] - mean[j]);
                }
            }
        }
    }
    for i in 0..N {
        grad[i] -= l2 * (w[i] - prior[i]);
        hess[i][i] += l2;
    }
    (grad, hess)
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting (`a` is
/// positive definite here: the penalty keeps it so).
fn solve(mut a: [[f64; N]; N], mut b: [f64; N]) -> [f64; N] {
    for col in 0..N {
        let pivot = (col..N)
            .max_by(|&x, &y| a[x][col].abs().total_cmp(&a[y][col].abs()))
            .unwrap_or(col);
        a.swap(col, pivot);
        b.swap(col, pivot);
        let d = a[col][col];
        if d.abs() < 1e-12 {
            continue;
        }
        for row in col + 1..N {
            let f = a[row][col] / d;
            if f == 0.0 {
                continue;
            }
            let pivot_row = a[col];
            for (v, p) in a[row][col..].iter_mut().zip(&pivot_row[col..]) {
                *v -= f * p;
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = [0.0; N];
    for row in (0..N).rev() {
        let mut s = b[row];
        for (v, xk) in a[row][row + 1..].iter().zip(&x[row + 1..]) {
            s -= v * xk;
        }
        x[row] = if a[row][row].abs() < 1e-12 {
            0.0
        } else {
            s / a[row][row]
        };
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(pairs: &[(usize, f64)]) -> Features {
        let mut f = [0.0; N];
        for &(i, v) in pairs {
            f[i] = v;
        }
        f
    }

    #[test]
    fn the_embedded_ranker_reads_and_writes_back_the_same() {
        let r = PlaceRanker::embedded();
        assert_eq!(&PlaceRanker::from_tsv(&r.to_tsv(&[])).unwrap(), r);
        assert!(PlaceRanker::from_tsv("log_population\t1\n").is_err());
    }

    #[test]
    fn fitting_learns_which_evidence_picks_the_right_place() {
        // the right place is the one the story's country agrees with, even
        // when a bigger place of the name lies abroad
        let focus = FEATURES.iter().position(|f| *f == "focus_country").unwrap();
        let choices: Vec<Choice> = (0..40)
            .map(|i| {
                let small_home = with(&[(0, 8.0), (focus, 1.0)]);
                let big_abroad = with(&[(0, 12.0 + (i % 3) as f64)]);
                Choice {
                    candidates: vec![big_abroad, small_home],
                    gold: 1,
                }
            })
            .collect();
        let zero = PlaceRanker { weights: [0.0; N] };
        let r = fit(&choices, 1.0, &zero);
        let wins = choices
            .iter()
            .filter(|c| r.score(&c.candidates[1]) > r.score(&c.candidates[0]))
            .count();
        assert_eq!(wins, choices.len());
        assert!(r.weights[focus] > 0.0);
        assert_eq!(
            fit(&choices, 1.0, &zero),
            r,
            "the same data gives the same weights"
        );
        // evidence the data never shows keeps the prior's weight
        let mut prior = zero.clone();
        let dateline = FEATURES
            .iter()
            .position(|f| *f == "dateline_country")
            .unwrap();
        prior.weights[dateline] = 2.0;
        assert_eq!(fit(&choices, 1.0, &prior).weights[dateline], 2.0);
    }
}
