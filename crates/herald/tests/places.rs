//! The place ranker end to end: `herald train places` on toponym gold
//! (the same bytes twice), `herald eval --cv K` out of fold, and candidate
//! scores in `herald kb lookup`.

use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn herald(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_herald"))
        .args(args)
        .output()
        .expect("herald runs")
}

/// A fresh folder of this test process.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("herald-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Stories written for this test, each naming a Paris or a Springfield, with
/// the GeoNames id of the one meant.
fn write_gold(path: &Path) {
    let stories = [
        (
            "Paris",
            2988507,
            48.8534,
            2.3488,
            "Police in Paris closed the Louvre after a threat, French officials said.",
        ),
        (
            "Paris",
            4717560,
            33.6609,
            -95.5555,
            "A storm hit Paris, Texas, and nearby Dallas on Monday, the Texas governor said.",
        ),
        (
            "Springfield",
            4250542,
            39.8017,
            -89.6437,
            "Lawmakers met in Springfield, Illinois, near Chicago and Peoria on Tuesday.",
        ),
        (
            "Springfield",
            4409896,
            37.2153,
            -93.2982,
            "Floods reached Springfield, Missouri, and Branson, Missouri, overnight.",
        ),
        (
            "Paris",
            2988507,
            48.8534,
            2.3488,
            "Thousands marched in Paris and Lyon against the pension law in France.",
        ),
        (
            "Springfield",
            4951788,
            42.1015,
            -72.5898,
            "Snow fell on Springfield, Massachusetts, and Boston.",
        ),
    ];
    let mut out = String::new();
    for (i, (name, id, lat, lon, text)) in stories.iter().enumerate() {
        let start = text.find(name).expect("the name is in the story");
        let row = json!({
            "id": format!("place-{i}"),
            "published": "2024-05-16",
            "text": text,
            "toponyms": [{"start": start, "end": start + name.len(), "phrase": name,
                          "geonames_id": id, "lat": lat, "lon": lon}],
        });
        out.push_str(&row.to_string());
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}

#[test]
fn the_place_ranker_trains_reproducibly_and_is_scored_out_of_fold() {
    let dir = scratch("ranker");
    let gold = dir.join("toponyms.geo.jsonl");
    write_gold(&gold);
    let (a, b) = (dir.join("a.tsv"), dir.join("b.tsv"));
    for out in [&a, &b] {
        let run = herald(&[
            "train",
            "places",
            "--gold",
            gold.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let weights = std::fs::read_to_string(&a).unwrap();
    assert_eq!(
        weights,
        std::fs::read_to_string(&b).unwrap(),
        "same bytes twice"
    );
    assert!(weights.lines().any(|l| l.starts_with("log_population\t")));
    assert!(weights
        .lines()
        .any(|l| l.starts_with("city_state_qualifier\t")));

    let cv = herald(&["eval", "--gold", gold.to_str().unwrap(), "--cv", "3"]);
    let text = String::from_utf8_lossy(&cv.stdout);
    assert!(
        cv.status.success(),
        "{}",
        String::from_utf8_lossy(&cv.stderr)
    );
    assert!(text.contains("cv folds=3"), "{text}");
    assert!(text.contains("geo toponyms=6 found=1.000"), "{text}");

    // cross-validation trains the place ranker: other gold is refused by name
    let news = dir.join("news.jsonl");
    std::fs::write(&news, "{\"id\":\"n\",\"text\":\"Hello.\",\"events\":[]}\n").unwrap();
    let refused = herald(&["eval", "--gold", news.to_str().unwrap(), "--cv", "3"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("toponym gold"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn kb_lookup_scores_each_candidate_place() {
    let out = herald(&["kb", "lookup", "Paris"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let score = |country: &str| -> f64 {
        text.lines()
            .find(|l| l.starts_with("place") && l.contains(&format!("country={country} ")))
            .and_then(|l| l.split("score=").nth(1))
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or_else(|| panic!("no scored {country} Paris in:\n{text}"))
    };
    assert!(
        score("FRA") > score("USA"),
        "the capital before a Texan town, named alone"
    );
}
