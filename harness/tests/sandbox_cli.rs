//! `cmbench sandbox`: runs one snippet and prints `{result, logs, error}`; exit 0 whenever
//! the sandbox contained the code, 2 for unusable arguments.

mod common;

use serde_json::{Value, json};
use std::path::PathBuf;
use std::process::Command;

fn code_file(name: &str, code: &str) -> PathBuf {
    let path = common::spec_file().with_file_name(name);
    std::fs::write(&path, code).unwrap();
    path
}

fn cmbench(args: &[&str]) -> (i32, Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_cmbench")).args(args).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let json = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (
        out.status.code().unwrap_or(-1),
        json,
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn search_prints_the_outcome() {
    let spec = common::spec_file();
    let code = code_file(
        "cli-search.js",
        "async () => { console.log('n'); return Object.keys(spec.paths).length }",
    );
    let (status, out, err) = cmbench(&[
        "sandbox",
        "search",
        "--spec",
        spec.to_str().unwrap(),
        "--code",
        code.to_str().unwrap(),
    ]);
    assert_eq!(status, 0, "{err}");
    assert_eq!(out["result"], json!(4));
    assert_eq!(out["logs"], json!(["n"]));
    assert_eq!(out["error"], Value::Null);
}

#[test]
fn contained_failures_exit_zero_with_a_kind() {
    let spec = common::spec_file();
    let code = code_file("cli-loop.js", "[1].forEach(() => { while (true) {} })");
    let (status, out, err) = cmbench(&[
        "sandbox",
        "search",
        "--spec",
        spec.to_str().unwrap(),
        "--code",
        code.to_str().unwrap(),
        "--timeout-ms",
        "500",
    ]);
    assert_eq!(status, 0, "{err}");
    // Whichever limit fires first, the run is contained and typed.
    let kind = out["error"]["kind"].as_str().unwrap_or_default().to_string();
    assert!(kind == "timeout" || kind == "loop_limit", "{out}");
}

#[test]
fn unusable_arguments_exit_two() {
    let spec = common::spec_file();
    let code = code_file("cli-one.js", "return 1");
    let (status, _, err) = cmbench(&["sandbox", "execute", "--code", code.to_str().unwrap()]);
    assert_eq!(status, 2);
    assert!(err.contains("--base-url"), "{err}");
    let (status, _, err) = cmbench(&[
        "sandbox",
        "search",
        "--world",
        "cloudflare",
        "--code",
        code.to_str().unwrap(),
    ]);
    assert_eq!(status, 2);
    assert!(
        err.contains("world \"cloudflare\": no specs/cloudflare/openapi.json"),
        "{err}"
    );
    let (status, _, _) = cmbench(&["sandbox", "search", "--code", code.to_str().unwrap()]);
    assert_eq!(status, 2);
    let (status, _, _) = cmbench(&[
        "sandbox",
        "search",
        "--spec",
        spec.to_str().unwrap(),
        "--code",
        "/nonexistent/x.js",
    ]);
    assert_eq!(status, 2);
}

#[test]
fn execute_without_base_url_runs_against_a_fresh_mock_world() {
    let dir = common::world_dir();
    let code = code_file(
        "cli-world.js",
        "async () => { const r = await api.request({ method: 'PATCH', path: '/zones/z2', body: { paused: true } }); return r.body.result.paused; }",
    );
    let specs = dir.parent().unwrap().to_path_buf();
    let world = dir.file_name().unwrap().to_str().unwrap().to_string();
    let (status, out, err) = cmbench(&[
        "sandbox",
        "execute",
        "--world",
        &world,
        "--specs-dir",
        specs.to_str().unwrap(),
        "--code",
        code.to_str().unwrap(),
    ]);
    assert_eq!(status, 0, "{err}");
    assert_eq!(out["result"], true, "{out}");
    assert_eq!(out["changes"]["changed"][0]["collection"], "/zones", "{out}");
    assert_eq!(out["changes"]["changed"][0]["id"], "z2", "{out}");
    assert_eq!(out["trace"][0]["method"], "PATCH", "{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn execute_calls_the_given_base_url() {
    let (base, hits) = common::server().await;
    let spec = common::spec_file();
    let code = code_file("cli-exec.js", "return await api.getZone({ zone_id: 'z1' })");
    let spec_arg = spec.to_str().unwrap().to_string();
    let code_arg = code.to_str().unwrap().to_string();
    let (status, out, err) = tokio::task::spawn_blocking(move || {
        cmbench(&[
            "sandbox",
            "execute",
            "--spec",
            &spec_arg,
            "--base-url",
            &base,
            "--typed",
            "--code",
            &code_arg,
        ])
    })
    .await
    .unwrap();
    assert_eq!(status, 0, "{err}");
    assert_eq!(out["result"]["path"], "/zones/z1", "{out}");
    // One API call; the episode clock read at the start of the run is the only other request.
    let hits = hits.lock().unwrap();
    let api: Vec<_> = hits.iter().filter(|h| !h.contains("/_mock/")).collect();
    assert_eq!(api.len(), 1, "{hits:?}");
}
