//! Every span the coder writes slices back to its text, for any text.

use herald_coder::Coder;
use herald_core::Article;
use herald_kb::Kb;
use proptest::prelude::*;
use std::sync::OnceLock;

fn kb() -> &'static Kb {
    static KB: OnceLock<Kb> = OnceLock::new();
    KB.get_or_init(|| Kb::embedded().expect("embedded knowledge base"))
}

const WORDS: &[&str] = &[
    "Russia",
    "Ukraine",
    "the",
    "United",
    "States",
    "attacked",
    "met",
    "Blinken",
    "said",
    "“",
    "”",
    "\"",
    ".",
    ",",
    "police",
    "arrested",
    "protesters",
    "in",
    "Kyiv",
    "on",
    "Monday",
    "did",
    "not",
    "will",
    "he",
    "she",
    "they",
    "NATO",
    "U.S.",
    "Mr.",
    "a",
    "week",
    "ago",
    "Lavrov",
    "talks",
    "with",
    "é",
    "Erdoğan",
    "—",
    "\n\n",
    "2018",
    "sanctions",
    "urged",
    "to",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn spans_slice_back(words in proptest::collection::vec(0..WORDS.len(), 1..80)) {
        let text: String = words.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" ");
        let article = Article { id: "p".into(), published: Some("2023-03-02".into()), text: text.clone(), ..Default::default() };
        let rec = Coder::new(kb()).code(&article);
        for s in &rec.sentences {
            prop_assert!(text.get(s.start..s.end).is_some());
        }
        for e in &rec.entities {
            prop_assert_eq!(&text[e.start..e.end], e.text.as_str());
        }
        for e in &rec.events {
            prop_assert_eq!(&text[e.trigger.start..e.trigger.end], e.trigger.text.as_str());
            prop_assert!(e.sentence < rec.sentences.len());
        }
        for q in &rec.quotes {
            prop_assert_eq!(&text[q.start..q.end], q.text.as_str());
        }
    }
}
