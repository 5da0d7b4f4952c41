//! Loading, surface building and token counting on the Cloudflare spec (1,533 operations).
//!
//! Run: `cargo bench -p cmbench-benches --bench surface`. Needs
//! `../shared/specs/cloudflare_openapi_2024-08-06.json`; prints why and does nothing when absent.

use criterion::{Criterion, criterion_group, criterion_main};
use harness::spec::Spec;
use harness::surface::{self, Rendered};
use harness::tokens::Encoding;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

fn cloudflare() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/specs/cloudflare_openapi_2024-08-06.json");
    if p.exists() {
        Some(p)
    } else {
        eprintln!(
            "skipped: {} not found (the real specs live in ../shared/specs)",
            p.display()
        );
        None
    }
}

fn bench(c: &mut Criterion) {
    let Some(path) = cloudflare() else { return };
    let mut g = c.benchmark_group("cloudflare");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.bench_function("load", |b| b.iter(|| black_box(Spec::load(&path).unwrap())));
    let spec = Spec::load(&path).unwrap();
    let full = surface::by_name("json-tools", Some("full")).unwrap();
    g.bench_function("build json-tools full", |b| {
        b.iter(|| black_box(Rendered::new(full.as_ref(), &spec)))
    });
    let rendered = Rendered::new(full.as_ref(), &spec);
    // Warm the BPE tables outside the measurement.
    Encoding::O200kBase.count("warm");
    g.bench_function("count json-tools full (o200k)", |b| {
        b.iter(|| black_box(rendered.tokens(Encoding::O200kBase)))
    });
    g.bench_function("load + every surface + count", |b| {
        b.iter(|| {
            let spec = Spec::load(&path).unwrap();
            black_box(surface::measure_all(&spec, Encoding::O200kBase))
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
