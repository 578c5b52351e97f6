//! Criterion benchmarks of the default path on real text: loading the
//! knowledge base, finding names, and coding whole articles (the example
//! article and, when ../shared/eval is present, the LGL development
//! articles). Run with `cargo bench -p herald-coder`; `herald bench` gives
//! the whole-pipeline figures (articles/s, MB/s, stages, memory).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use herald_coder::Coder;
use herald_core::Article;
use herald_kb::Kb;
use std::path::Path;

fn example() -> Article {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/g20-blinken-lavrov.txt");
    let raw = std::fs::read(path).expect("example article");
    let opts = herald_ingest::ReadOptions {
        published_default: Some("2023-03-02".into()),
        ..Default::default()
    };
    herald_ingest::read_text("example", &raw, &opts).expect("example reads")
}

/// Up to `n` development articles (LGL local news), when the gold sets are beside the checkout.
fn dev_articles(n: usize) -> Vec<Article> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/lgl.geo.jsonl");
    let Ok(file) = std::fs::File::open(path) else {
        return Vec::new();
    };
    let opts = herald_ingest::ReadOptions::default();
    let mut rows = herald_ingest::JsonlReader::new("lgl.geo.jsonl", std::io::BufReader::new(file));
    let mut out = Vec::new();
    while let Some(row) = rows.next_row() {
        if let Ok(a) = row.and_then(|r| r.parse("lgl.geo.jsonl", &opts)) {
            out.push(a);
        }
        if out.len() == n {
            break;
        }
    }
    out
}

fn benches(c: &mut Criterion) {
    let mut g = c.benchmark_group("knowledge base");
    g.sample_size(10);
    g.bench_function("load embedded", |b| b.iter(|| Kb::embedded().expect("kb")));
    g.finish();

    let kb = Kb::embedded().expect("kb");
    let coder = Coder::new(&kb);
    let article = example();
    let mut g = c.benchmark_group("coding");
    g.throughput(Throughput::Bytes(article.text.len() as u64));
    g.bench_function("example article", |b| b.iter(|| coder.code(&article)));
    let dev = dev_articles(200);
    if !dev.is_empty() {
        let bytes: usize = dev.iter().map(|a| a.text.len()).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function(
            format!("{} development articles, one thread", dev.len()),
            |b| {
                b.iter_batched(
                    || (),
                    |_| {
                        dev.iter()
                            .map(|a| coder.code(a).events.len())
                            .sum::<usize>()
                    },
                    BatchSize::SmallInput,
                )
            },
        );
    }
    g.finish();

    let doc = herald_nlp::Nlp::new().analyze(&article.text);
    let mut g = c.benchmark_group("name matcher");
    g.throughput(Throughput::Bytes(article.text.len() as u64));
    g.bench_function("example article", |b| b.iter(|| kb.names.find(&doc).len()));
    g.finish();
}

criterion_group!(coding, benches);
criterion_main!(coding);
