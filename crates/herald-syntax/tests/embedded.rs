//! The embedded model on sentences whose arcs the event coder reads:
//! subjects and objects of actives, passives with a `by` agent.

use herald_core::Upos;
use herald_syntax::Syntax;

fn syntax() -> Syntax {
    Syntax::embedded().expect("the embedded model loads")
}

/// The relation and head form of each token, by form.
fn arcs(s: &Syntax, text: &str) -> Vec<(String, String, String)> {
    let forms: Vec<&str> = text.split(' ').collect();
    let p = s.parse_tokens(&forms);
    (0..forms.len())
        .map(|i| {
            let head = match p.heads[i] {
                0 => "ROOT".to_string(),
                h => forms[h as usize - 1].to_string(),
            };
            (
                forms[i].to_string(),
                p.deprels[i].as_str().to_string(),
                head,
            )
        })
        .collect()
}

fn has(arcs: &[(String, String, String)], dep: &str, rel: &str, head: &str) -> bool {
    arcs.iter()
        .any(|(d, r, h)| d == dep && r == rel && h == head)
}

#[test]
fn active_subject_and_object() {
    let s = syntax();
    let a = arcs(&s, "Police arrested two protesters .");
    assert!(has(&a, "Police", "nsubj", "arrested"), "{a:?}");
    assert!(has(&a, "protesters", "obj", "arrested"), "{a:?}");
    assert!(has(&a, "arrested", "root", "ROOT"), "{a:?}");
}

#[test]
fn passive_with_agent() {
    let s = syntax();
    let a = arcs(&s, "The protesters were arrested by police on Monday .");
    assert!(has(&a, "protesters", "nsubj:pass", "arrested"), "{a:?}");
    assert!(has(&a, "were", "aux:pass", "arrested"), "{a:?}");
    assert!(has(&a, "police", "obl:agent", "arrested"), "{a:?}");
    assert!(has(&a, "by", "case", "police"), "{a:?}");
}

#[test]
fn doc_layers_cover_every_token_and_point_inside_their_sentence() {
    let s = syntax();
    let nlp = herald_nlp::Nlp::new();
    let mut doc =
        nlp.analyze("Russia's army didn't attack Kyiv. Talks were held in Geneva by U.S. envoys.");
    s.parse_sentences(&mut doc, |i| i == 1);
    assert_eq!(doc.syntax.len(), doc.tokens.len());
    let first = doc.sentences[0].tokens.clone();
    assert!(first
        .clone()
        .all(|i| doc.syntax[i] == herald_core::TokenSyntax::UNPARSED));
    s.parse_doc(&mut doc);
    for (si, sent) in doc.sentences.iter().enumerate() {
        let roots = sent
            .tokens
            .clone()
            .filter(|&i| doc.syntax[i].head.is_none())
            .count();
        assert_eq!(roots, 1, "sentence {si} has one root");
        for i in sent.tokens.clone() {
            if let Some(h) = doc.syntax[i].head {
                assert!(
                    sent.tokens.contains(&(h as usize)),
                    "head of token {i} leaves its sentence"
                );
            }
        }
    }
    let attack = (0..doc.tokens.len())
        .find(|&i| doc.token_text(i) == "attack")
        .unwrap();
    assert_eq!(doc.syntax[attack].upos, Upos::Verb);
}

#[test]
fn odd_and_very_long_input_parses_without_panic() {
    let s = syntax();
    let nlp = herald_nlp::Nlp::new();
    let long: String = (0..3000)
        .map(|i| if i % 7 == 6 { "and " } else { "word " })
        .collect();
    for text in [
        "",
        "\u{0}\u{FFFF} ?!",
        "\t\n",
        long.as_str(),
        "ü ñ 中文 🙂 -- '' \"\"",
    ] {
        let mut doc = nlp.analyze(text);
        s.parse_doc(&mut doc);
        assert_eq!(doc.syntax.len(), doc.tokens.len());
        for t in &doc.syntax {
            if let Some(h) = t.head {
                assert!((h as usize) < doc.tokens.len());
            }
        }
    }
}

#[test]
fn a_word_of_a_known_name_is_never_tagged_a_verb() {
    let s = syntax();
    let nlp = herald_nlp::Nlp::new();
    let mut doc = nlp.analyze("Turkish President Recep Tayyip Erdogan met Putin in Sochi.");
    let all = doc.sentences[0].tokens.clone();
    // the caller knows "Turkish President Recep Tayyip Erdogan" and "Putin" as names
    let names: Vec<bool> = (0..doc.tokens.len()).map(|i| i < 5 || i == 6).collect();
    s.parse_spans(&mut doc, &[all], &names);
    for i in [0, 1, 2, 3, 4, 6] {
        assert!(
            matches!(doc.syntax[i].upos, Upos::Propn | Upos::Adj | Upos::Noun),
            "{} tagged {:?}",
            doc.token_text(i),
            doc.syntax[i].upos
        );
    }
    let met = 5;
    assert_eq!(doc.syntax[met].upos, Upos::Verb);
    assert_eq!(doc.syntax[met].head, None, "'met' is the root");
}
