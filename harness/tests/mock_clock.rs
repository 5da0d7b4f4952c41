//! The episode's virtual clock over real HTTP: rate-limit windows that count on it, the
//! control endpoint that moves it, the sandbox's `Date`/`sleep`/`setTimeout` that follow it,
//! and a rate-limited task that runs to identical records twice.

mod common;

use common::{call, serve, test_world};
use harness::mock::{CLOCK_HEADER, CLOCK_START_MS};
use harness::record::{Record, read_records};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn clock_of(r: &common::Reply) -> i64 {
    r.headers
        .get(CLOCK_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("every answer carries the clock")
}

#[test]
fn the_clock_starts_at_the_worlds_now_and_both_sides_name_one_header() {
    assert_eq!(CLOCK_START_MS, harness::worlds::fixtures::NOW * 1000);
    assert_eq!(harness::sandbox::host::CLOCK_HEADER, CLOCK_HEADER);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limit_windows_count_on_the_virtual_clock() {
    let server = serve(test_world(1), "rate=2/10s").await;
    let ep = server.episode();
    let c = reqwest::Client::new();
    let zones = format!("{}/zones", ep.base_url());
    let first = call(&c, "GET", &zones, None).await;
    assert_eq!((first.status, clock_of(&first)), (200, CLOCK_START_MS + 1));
    assert_eq!(call(&c, "GET", &zones, None).await.status, 200);
    let limited = call(&c, "GET", &zones, None).await;
    assert_eq!(limited.status, 429);
    let retry = limited.headers.get("retry-after").and_then(|v| v.to_str().ok());
    assert_eq!(retry, Some("10"), "2 ms into a 10 s window");
    // Wall-clock time does not open the window; virtual time does.
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(call(&c, "GET", &zones, None).await.status, 429);
    ep.advance(Duration::from_millis(4_000));
    let later = call(&c, "GET", &zones, None).await;
    assert_eq!(later.status, 429);
    assert_eq!(
        later.headers.get("retry-after").and_then(|v| v.to_str().ok()),
        Some("6")
    );
    // The control endpoint moves the clock too (never backwards).
    let root = format!("http://{}/_mock/episodes/{}/clock", server.addr(), ep.id());
    let moved = call(&c, "POST", &format!("{root}?advance_ms=6000"), None).await;
    assert_eq!(moved.status, 200, "{}", moved.body);
    let now = moved.body["now_ms"].as_i64().expect("now_ms");
    assert_eq!(now, CLOCK_START_MS + 10_005);
    let back = call(&c, "POST", &format!("{root}?until_ms={}", CLOCK_START_MS), None).await;
    assert_eq!(
        back.body["now_ms"].as_i64(),
        Some(now),
        "the clock never runs backwards"
    );
    assert_eq!(call(&c, "GET", &zones, None).await.status, 200);
    let log = ep.log();
    let at: Vec<u64> = log.iter().map(|e| e.at_ms).collect();
    assert_eq!(at, [0, 1, 2, 3, 4_004, 10_005]);
    assert_eq!(ep.now_ms(), CLOCK_START_MS + 10_006);
    for bad in ["advance_ms=-1", "advance_ms=soon", "hours=1", ""] {
        let r = call(&c, "POST", &format!("{root}?{bad}"), None).await;
        assert_eq!(r.status, 400, "{bad}: {}", r.body);
        assert!(
            r.body["message"].as_str().unwrap_or_default().contains("clock"),
            "{}",
            r.body
        );
    }
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn injected_latency_moves_the_clock_by_the_seeded_plan() {
    let server = serve(test_world(1), "latency=20ms").await;
    let ep = server.episode();
    let c = reqwest::Client::new();
    for _ in 0..3 {
        call(&c, "GET", &format!("{}/zones", ep.base_url()), None).await;
    }
    // 1 ms per request plus 20 ms of injected latency each.
    assert_eq!(ep.clock(), Duration::from_millis(63));
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sandbox_reads_and_advances_the_episode_clock_without_sleeping() {
    let server = serve(test_world(1), "rate=1/30s").await;
    let ep = server.episode();
    let sb = common::sandbox(1, common::test_limits()).await;
    let code = r#"async () => {
      const t0 = Date.now();
      const d0 = new Date().toISOString();
      const a = await api.request({ path: "/zones" });
      const b = await api.request({ path: "/zones" });
      await sleep(Number(b.headers["retry-after"]) * 1000);
      const c = await api.request({ path: "/zones" });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const cancelled = setTimeout(() => { throw new Error("cancelled timers never fire"); }, 0);
      clearTimeout(cancelled);
      return { t0, d0, statuses: [a.status, b.status, c.status], after: Date.now(),
               hidden: Object.keys(c.headers).filter(h => h.startsWith("x-cmbench")),
               isDate: new Date() instanceof Date, parsed: new Date("2020-01-02T00:00:00Z").getTime() };
    }"#;
    let started = Instant::now();
    let o = sb.execute(code, ep.base_url(), false).await;
    assert!(o.error.is_none(), "{o:?}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "waits must not sleep for real"
    );
    let r = &o.result;
    let num = |v: &Value| v.as_f64().unwrap_or(f64::NAN);
    assert_eq!(num(&r["t0"]), CLOCK_START_MS as f64);
    assert_eq!(r["d0"], json!("2026-11-20T12:00:00.000Z"));
    let statuses: Vec<f64> = r["statuses"].as_array().expect("statuses").iter().map(num).collect();
    assert_eq!(statuses, [200.0, 429.0, 200.0]);
    // Two requests (2 ms), a 30 s Retry-After wait from there, one more request, a 1.5 s timer.
    assert_eq!(num(&r["after"]), (CLOCK_START_MS + 30_002 + 1 + 1_500) as f64);
    assert_eq!(r["hidden"], json!([]));
    assert_eq!(r["isDate"], json!(true));
    assert_eq!(num(&r["parsed"]), 1_577_923_200_000.0);
    assert_eq!(ep.now_ms(), CLOCK_START_MS + 31_503);
    // A wait beyond the cap is a clear error, not a hang.
    let o = sb
        .execute("async () => { await sleep(60001); }", ep.base_url(), false)
        .await;
    let err = o.error.expect("over the cap");
    assert!(err.message.contains("at most 60000 ms"), "{err:?}");
    server.shutdown().await;
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn normalised(dir: &Path) -> BTreeMap<String, Value> {
    let strip = |r: &Record| {
        let mut v = serde_json::to_value(r).unwrap();
        // Wall-clock fields differ between any two runs; everything else must not.
        v["latency_ms"] = Value::Null;
        v["run_id"] = Value::Null;
        for t in v["turns"].as_array_mut().unwrap() {
            t["latency_ms"] = Value::Null;
            for c in t["tool_calls"].as_array_mut().unwrap() {
                // The sandbox reports its own elapsed time in execute results.
                if let Some(text) = c["result"].as_str()
                    && let Ok(mut parsed) = serde_json::from_str::<Value>(text)
                    && parsed.get("elapsed_ms").is_some()
                {
                    parsed["elapsed_ms"] = Value::Null;
                    c["result"] = Value::String(parsed.to_string());
                }
            }
        }
        v
    };
    read_records(dir.join("records.jsonl"))
        .unwrap()
        .iter()
        .map(|r| (r.episode_key(), strip(r)))
        .collect()
}

#[test]
fn a_rate_limited_task_runs_to_identical_records_twice() {
    let repo = repo();
    let specs = repo.join("specs");
    if !specs.join("edge/openapi.json").exists() {
        eprintln!("skipped: no specs/edge in {}", repo.display());
        return;
    }
    let out = std::env::temp_dir().join(format!("cmbench-clock-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let run = |name: &str| {
        let dir = out.join(name);
        let o = Command::new(env!("CARGO_BIN_EXE_cmbench"))
            .args([
                "run",
                "--quiet",
                "--tasks",
                "c-freeze-flags-ratelimited",
                "--trials",
                "1",
            ])
            .arg("--tasks-dir")
            .arg(repo.join("tasks"))
            .arg("--specs-dir")
            .arg(&specs)
            .arg("--out")
            .arg(&dir)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        dir
    };
    let first = normalised(&run("a"));
    let second = normalised(&run("b"));
    assert_eq!(first.len(), 4, "one episode per pipeline");
    assert_eq!(first, second);
    for (key, r) in &first {
        assert_eq!(r["success"], json!(true), "{key}: {}", r["checks"]);
        assert!(r["virtual_ms"].as_u64().unwrap_or(0) > 0, "{key}");
    }
    // The code pipelines met the limit and waited it out inside one execution.
    let code = first
        .values()
        .find(|r| r["pipeline"] == "code-mode")
        .expect("code-mode");
    assert!(code["api"]["calls"].as_u64().unwrap_or(0) > 5, "{}", code["api"]);
    assert!(
        code["virtual_ms"].as_u64().unwrap_or(0) >= 10_000,
        "{}",
        code["virtual_ms"]
    );
    let _ = std::fs::remove_dir_all(&out);
}
