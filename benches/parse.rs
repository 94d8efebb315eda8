//! Throughput of the whole parse and of the layout stage alone, per input kind.
//!
//! `cargo bench -p gongkai-benches` prints MB/s (bytes) and, in a second group, reports/s
//! (elements) for each input kind.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gongkai_benches::groups;

fn full_parse(c: &mut Criterion) {
    for inputs in groups() {
        let mut g = c.benchmark_group("parse");
        g.throughput(Throughput::Bytes(inputs.bytes()));
        g.bench_function(inputs.name, |b| {
            b.iter(|| {
                for f in &inputs.files {
                    std::hint::black_box(gongkai::parse_bytes(f).ok());
                }
            })
        });
        g.finish();
        let mut g = c.benchmark_group("reports");
        g.throughput(Throughput::Elements(inputs.files.len() as u64));
        g.bench_function(inputs.name, |b| {
            b.iter(|| {
                for f in &inputs.files {
                    std::hint::black_box(gongkai::parse_bytes(f).ok());
                }
            })
        });
        g.finish();
    }
}

fn layout_stage(c: &mut Criterion) {
    let text = groups().remove(0);
    let texts: Vec<String> = text
        .files
        .iter()
        .map(|f| String::from_utf8(f.clone()).expect("corpus is UTF-8"))
        .collect();
    let mut g = c.benchmark_group("layout");
    g.throughput(Throughput::Bytes(text.bytes()));
    g.bench_function("text", |b| {
        b.iter(|| {
            for t in &texts {
                let lines = gongkai::text::lines(t);
                std::hint::black_box(gongkai::layout::grid(&lines));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, full_parse, layout_stage);
criterion_main!(benches);
