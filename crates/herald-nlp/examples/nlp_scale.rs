//! Times tokenizing, lemmatizing and sentence splitting of growing prefixes
//! of one text file, to show that the cost is linear in its length.
//! Usage: `cargo run --release -p herald-nlp --example nlp_scale FILE`.

use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: nlp_scale FILE");
    let text = std::fs::read_to_string(&path).expect("a UTF-8 text file");
    let nlp = herald_nlp::Nlp::new();
    println!(
        "{:>8} {:>10} {:>10} {:>10}",
        "MB", "tokens", "seconds", "s/MB"
    );
    for fraction in [0.1, 0.2, 0.4, 0.8, 1.0] {
        let mut cut = (text.len() as f64 * fraction) as usize;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let part = &text[..cut];
        let t = Instant::now();
        let doc = nlp.analyze(part);
        let secs = t.elapsed().as_secs_f64();
        let mb = part.len() as f64 / 1e6;
        println!(
            "{mb:>8.2} {:>10} {secs:>10.3} {:>10.3}",
            doc.tokens.len(),
            secs / mb
        );
    }
}
