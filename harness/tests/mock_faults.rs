//! Fault injection over real HTTP: rate limits, server errors, latency, small pages, oversized bodies.

mod common;

use common::{call, ids, serve, test_world};
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limit_trips_exactly_after_n_requests() {
    let server = serve(test_world(1), "rate=5/60s").await;
    let ep = server.episode();
    let c = reqwest::Client::new();
    let mut statuses = Vec::new();
    let mut retry = None;
    let mut remaining = Vec::new();
    for _ in 0..7 {
        let r = call(&c, "GET", &format!("{}/zones", ep.base_url()), None).await;
        let header = |name: &str| r.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        assert_eq!(header("x-ratelimit-limit").as_deref(), Some("5"));
        remaining.push(header("x-ratelimit-remaining").unwrap_or_default());
        if r.status == 429 {
            retry = r
                .headers
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            assert!(r.body.to_string().contains("Rate limit"), "{}", r.body);
        }
        statuses.push(r.status);
    }
    assert_eq!(statuses, [200, 200, 200, 200, 200, 429, 429]);
    assert_eq!(remaining, ["4", "3", "2", "1", "0", "0", "0"]);
    let retry: u64 = retry.expect("Retry-After").parse().expect("seconds");
    assert!((1..=60).contains(&retry), "{retry}");
    let log = ep.log();
    assert_eq!(log[5].fault.as_deref(), Some("rate_limited"));
    assert_eq!(log[4].fault, None);
    // Another episode has its own window.
    let other = server.episode();
    assert_eq!(
        call(&c, "GET", &format!("{}/zones", other.base_url()), None)
            .await
            .status,
        200
    );
    server.shutdown().await;
}

async fn error_pattern(faults: &str) -> Vec<u16> {
    let server = serve(test_world(1), faults).await;
    let ep = server.episode();
    let c = reqwest::Client::new();
    let mut out = Vec::new();
    for _ in 0..30 {
        out.push(
            call(&c, "GET", &format!("{}/zones/z1", ep.base_url()), None)
                .await
                .status,
        );
    }
    server.shutdown().await;
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn error_rate_is_seeded_and_deterministic() {
    let a = error_pattern("error=0.3:503,seed=9").await;
    let b = error_pattern("error=0.3:503,seed=9").await;
    let other = error_pattern("error=0.3:503,seed=10").await;
    assert_eq!(a, b);
    assert_ne!(a, other);
    let failures = a.iter().filter(|s| **s == 503).count();
    assert!((3..=18).contains(&failures), "{failures} of 30 at p=0.3: {a:?}");
    assert!(a.iter().all(|s| *s == 200 || *s == 503));
    assert!(error_pattern("error=1").await.iter().all(|s| *s == 500));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn latency_small_pages_and_oversize() {
    let server = serve(test_world(1), "latency=150ms+-10ms,page=2,oversize=1:20k,seed=3").await;
    let ep = server.episode();
    let c = reqwest::Client::new();
    let t = Instant::now();
    let r = call(
        &c,
        "GET",
        &format!("{}/zones/z1/dns_records?per_page=50", ep.base_url()),
        None,
    )
    .await;
    assert!(t.elapsed() >= Duration::from_millis(140), "{:?}", t.elapsed());
    assert_eq!(ids(&r.body).len(), 2, "page cap wins over per_page");
    assert_eq!(r.body["result_info"]["total_pages"], serde_json::json!(4));
    assert!(r.bytes > 20 * 1024, "{} bytes", r.bytes);
    let entry = &ep.log()[0];
    assert!(
        (140_000..=160_000).contains(&entry.injected_us),
        "{}",
        entry.injected_us
    );
    assert!(
        entry.server_us < 130_000,
        "server time excludes injected latency: {}",
        entry.server_us
    );
    assert_eq!(entry.fault.as_deref(), Some("oversize"));
    assert!(entry.bytes_out > 20 * 1024);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn per_episode_faults_and_world_faults() {
    let mut world = harness::mock::World::new(test_world(1).spec.clone(), 1);
    world
        .apply_fixtures(&serde_json::json!({"faults": "rate=1/60s"}))
        .expect("faults field");
    assert_eq!(world.faults.rate.map(|r| r.0), Some(1));
    let bad = world.apply_fixtures(&serde_json::json!({"faults": "rate=often"}));
    assert!(bad.expect_err("bad faults").to_string().contains("\"rate\""));
    let server = serve(test_world(1), "").await;
    let limited = server.episode_with_faults("rate=1/60s".parse().expect("faults"));
    let free = server.episode();
    let c = reqwest::Client::new();
    for _ in 0..2 {
        assert_eq!(
            call(&c, "GET", &format!("{}/zones", free.base_url()), None)
                .await
                .status,
            200
        );
    }
    assert_eq!(
        call(&c, "GET", &format!("{}/zones", limited.base_url()), None)
            .await
            .status,
        200
    );
    assert_eq!(
        call(&c, "GET", &format!("{}/zones", limited.base_url()), None)
            .await
            .status,
        429
    );
    server.shutdown().await;
}
