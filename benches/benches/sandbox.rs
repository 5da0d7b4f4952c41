//! Sandbox benchmarks: fresh context, one-call execute (in-process engine and through a
//! worker process), `search` over the Cloudflare spec, and 100 concurrent calls.
//!
//! Targets: fresh context < 5 ms; 1-call round trip < 10 ms median; Cloudflare tag search
//! < 250 ms; 100 calls under `Promise.all` in about the time of the slowest call.

use axum::Router;
use axum::http::Uri;
use criterion::{Criterion, criterion_group, criterion_main};
use harness::sandbox::boa::BoaEngine;
use harness::sandbox::{Engine, Limits, Sandbox, SandboxConfig, Task, World};
use std::path::{Path, PathBuf};
use std::time::Duration;

const CLOUDFLARE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/specs/cloudflare_openapi_2024-08-06.json"
);

/// Starts an echo API (with `/slow?ms=N`) on 127.0.0.1 in a background thread.
fn start_server() -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("server runtime");
        rt.block_on(async move {
            let app = Router::new().fallback(|uri: Uri| async move {
                if uri.path().ends_with("/slow") {
                    let ms = uri
                        .query()
                        .and_then(|q| q.strip_prefix("ms="))
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(20);
                    tokio::time::sleep(Duration::from_millis(ms)).await;
                }
                axum::Json(serde_json::json!({"path": uri.path(), "ok": true}))
            });
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
            let _ = tx.send(listener.local_addr().expect("addr"));
            let _ = axum::serve(listener, app).await;
        });
    });
    let addr = rx.recv().expect("server address");
    format!("http://{addr}/ep/1")
}

fn execute(code: &str, base: &str) -> Task {
    Task::Execute {
        code: code.into(),
        base_url: base.into(),
        typed: false,
    }
}

fn engine_benches(c: &mut Criterion) {
    let base = start_server();
    let limits = Limits::default();
    let mut engine = BoaEngine::new(None).expect("engine");
    let mut g = c.benchmark_group("engine");
    g.bench_function("fresh_context_small_eval", |b| {
        let task = execute("return 1 + 1", &base);
        b.iter(|| engine.run(&task, &limits))
    });
    g.bench_function("execute_one_call", |b| {
        let task = execute("return (await api.request({path: '/zones'})).status", &base);
        b.iter(|| engine.run(&task, &limits))
    });
    g.sample_size(10);
    g.bench_function("promise_all_100_calls_20ms", |b| {
        let code = "await Promise.all(Array.from({length: 100}, () => api.request({path: '/slow', query: {ms: 20}}))); return 1";
        let task = execute(code, &base);
        b.iter(|| engine.run(&task, &limits))
    });
    g.finish();
}

fn search_benches(c: &mut Criterion) {
    if !Path::new(CLOUDFLARE).exists() {
        println!("skipping search benches: {CLOUDFLARE} not found");
        return;
    }
    let world = World::load(Path::new(CLOUDFLARE), true).expect("cloudflare spec");
    let mut engine = BoaEngine::new(Some(world)).expect("engine");
    let limits = Limits::default();
    let code = "async () => { const found = []; for (const [path, item] of Object.entries(spec.paths)) for (const [method, op] of Object.entries(item)) if (op.tags?.includes('DNS Records for a Zone')) found.push({ method, path, summary: op.summary }); return found; }";
    let task = Task::Search { code: code.into() };
    let mut g = c.benchmark_group("search");
    g.sample_size(10);
    g.bench_function("cloudflare_filter_by_tag", |b| b.iter(|| engine.run(&task, &limits)));
    g.finish();
}

/// The `cmbench` binary next to this bench executable, or `CMBENCH_BIN`.
fn worker_bin() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("CMBENCH_BIN") {
        return Some(PathBuf::from(p));
    }
    let exe = std::env::current_exe().ok()?;
    let candidate = exe.parent()?.parent()?.join("cmbench");
    candidate.exists().then_some(candidate)
}

fn pool_benches(c: &mut Criterion) {
    let Some(bin) = worker_bin() else {
        println!("skipping pool benches: no cmbench binary found (build it or set CMBENCH_BIN)");
        return;
    };
    let base = start_server();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let mut config = SandboxConfig::new(None);
    config.worker_bin = bin;
    let sandbox: Sandbox = rt.block_on(Sandbox::new(config)).expect("sandbox");
    let mut g = c.benchmark_group("pool");
    g.bench_function("execute_one_call_round_trip", |b| {
        let code = "return (await api.request({path: '/zones'})).status";
        b.iter(|| rt.block_on(sandbox.execute(code, &base, false)))
    });
    g.finish();
}

criterion_group!(benches, engine_benches, search_benches, pool_benches);
criterion_main!(benches);
