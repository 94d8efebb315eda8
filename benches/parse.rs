//! Throughput of the whole parse and of the layout stage alone, per input kind.
//!
//! `cargo bench -p gongkai-benches` prints MB/s (bytes) and, in a second group, reports/s
//! (elements) for each input kind, and MB/s for the PDFs of each producer of the matrix.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

// The adversarial shapes of the stress and memory tests, one source for all three.
#[path = "../crates/gongkai/tests/shapes/mod.rs"]
#[allow(missing_docs)]
mod shapes;
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

/// The layout stage alone: a corpus report's text to lines and a grid (the whole text
/// as one region), an HTML page to lines and tables, a .docx to lines and tables.
fn layout_stage(c: &mut Criterion) {
    let mut all = groups();
    let text = all.remove(0);
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
                std::hint::black_box(gongkai::__private::text_layout_rows(t));
            }
        })
    });
    for inputs in all.iter().filter(|i| i.name == "html" || i.name == "docx") {
        g.throughput(Throughput::Bytes(inputs.bytes()));
        g.bench_function(inputs.name, |b| {
            b.iter(|| {
                for f in &inputs.files {
                    if inputs.name == "html" {
                        let page = std::str::from_utf8(f).expect("UTF-8 page");
                        std::hint::black_box(gongkai::__private::html_layout(page));
                    } else {
                        std::hint::black_box(gongkai::__private::docx_layout(f).ok());
                    }
                }
            })
        });
    }
    g.finish();
}

/// Time per MB at 1, 10 and 50 MB: a report repeated, and one table region of wrapped
/// label lines (the shape that once made the aligned layout quadratic). Linear time
/// shows as the same MB/s at every size.
fn scaling(c: &mut Criterion) {
    let report = String::from_utf8(groups().remove(0).files.remove(0)).expect("UTF-8");
    let shapes = [
        ("report", report.as_str(), ""),
        (
            "label_lines",
            "某某标签文字\n\n某某标签文字\n0   0   0   0\n",
            "四、政府信息公开行政复议、行政诉讼情况\n",
        ),
    ];
    let mut g = c.benchmark_group("scaling");
    g.sample_size(10);
    for (name, unit, head) in shapes {
        for mb in [1usize, 10, 50] {
            let mut text = String::from(head);
            while text.len() < mb * 1_000_000 {
                text.push_str(unit);
            }
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_function(format!("{name}/{mb}MB"), |b| {
                b.iter(|| std::hint::black_box(gongkai::parse(&text)))
            });
        }
    }
    g.finish();

    // The adversarial shapes, each kind of input: time per MB stays flat from 1 MB to
    // 20 MB when every path is linear.
    let mut g = c.benchmark_group("scaling_shapes");
    g.sample_size(10);
    for shape in shapes::all() {
        for mb in [1usize, 20] {
            let input = (shape.build)(mb << 20);
            g.throughput(Throughput::Bytes(input.len() as u64));
            g.bench_function(format!("{}/{mb}MB", shape.name), |b| {
                b.iter(|| {
                    std::hint::black_box(gongkai::parse_bytes_as(&input, Some(shape.format)).ok())
                })
            });
        }
    }
    g.finish();
}

/// Whole parse of the producer matrix, one benchmark per producer: how the PDF reader's
/// speed depends on who made the PDF (browsers write a Type 3 font per glyph run, say).
/// MB/s; reports/s is the folder's file count over the time per iteration.
fn pdf_producers(c: &mut Criterion) {
    let mut g = c.benchmark_group("pdf_producers");
    g.sample_size(20);
    for (name, files) in gongkai_benches::pdf_producers() {
        g.throughput(Throughput::Bytes(
            files.iter().map(|f| f.len() as u64).sum(),
        ));
        g.bench_function(format!("{name} ({} files)", files.len()), |b| {
            b.iter(|| {
                for f in &files {
                    std::hint::black_box(gongkai::parse_bytes(f).ok());
                }
            })
        });
    }
    g.finish();
}

criterion_group!(benches, full_parse, layout_stage, scaling, pdf_producers);
criterion_main!(benches);
