//! Times reading and cleaning (chrome, repeated lines, datelines) of growing
//! prefixes of one text file, to show that the cost is linear in its length.
//! Usage: `cargo run --release -p herald-ingest --example clean_scale FILE`.

use herald_ingest::{read_text, ReadOptions};
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: clean_scale FILE");
    let raw = std::fs::read(&path).expect("a readable file");
    let opts = ReadOptions {
        max_bytes: usize::MAX,
        ..Default::default()
    };
    println!("{:>8} {:>10} {:>10}", "MB", "seconds", "s/MB");
    for fraction in [0.1, 0.2, 0.4, 0.8, 1.0] {
        let part = &raw[..(raw.len() as f64 * fraction) as usize];
        let t = Instant::now();
        let read = read_text(&path, part, &opts);
        let secs = t.elapsed().as_secs_f64();
        let mb = part.len() as f64 / 1e6;
        let kept = read.map(|a| a.text.len()).unwrap_or(0);
        println!(
            "{mb:>8.2} {secs:>10.3} {:>10.3}  ({kept} bytes kept)",
            secs / mb
        );
    }
}
