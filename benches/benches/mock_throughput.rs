//! Request throughput of the mock API server on loopback (one client, keep-alive).
//!
//! Serves the harness's test world and measures a read, a filtered page of a list and a
//! create, end to end over HTTP. After the run it prints the server-side time per request
//! (median and p95 from the episode's request log), the figure that shows whether the mock
//! could ever be the bottleneck of an episode.

use criterion::{Criterion, criterion_group, criterion_main};
use harness::mock::{MockServer, ServerOptions, World};
use harness::spec::Spec;
use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;

fn world() -> Arc<World> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../harness/tests/fixtures/mock_world");
    let spec = Arc::new(Spec::load(dir.join("openapi.json")).expect("test world spec"));
    Arc::new(World::with_fixtures_file(spec, 1, &dir.join("fixtures.json")).expect("test world fixtures"))
}

fn throughput(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let server = rt
        .block_on(MockServer::start(world(), ServerOptions::default()))
        .expect("server");
    let episode = server.episode();
    let base = episode.base_url().to_string();
    let client = reqwest::Client::new();
    let get = |url: String| {
        let client = client.clone();
        async move {
            let r = client.get(url).send().await.expect("response");
            r.bytes().await.expect("body").len()
        }
    };
    let mut group = c.benchmark_group("mock");
    group.bench_function("get_item", |b| {
        b.iter(|| black_box(rt.block_on(get(format!("{base}/zones/z1")))))
    });
    group.bench_function("list_filtered_page", |b| {
        b.iter(|| black_box(rt.block_on(get(format!("{base}/zones/z1/dns_records?type=A&per_page=2&page=1")))))
    });
    let body = serde_json::json!({"type": "TXT", "name": "bench.example.com", "content": "x"}).to_string();
    group.bench_function("create", |b| {
        b.iter(|| {
            let req = client
                .post(format!("{base}/zones/z2/dns_records"))
                .header("content-type", "application/json")
                .body(body.clone());
            black_box(rt.block_on(async { req.send().await.expect("response").status() }))
        })
    });
    group.finish();
    let t = episode.timing();
    println!(
        "mock server time over {} requests: median {} us, p95 {} us, max {} us",
        t.requests, t.median_us, t.p95_us, t.max_us
    );
    rt.block_on(server.shutdown());
}

criterion_group!(benches, throughput);
criterion_main!(benches);
