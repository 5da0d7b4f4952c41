//! `cmbench serve` as a process: prints its base URL, serves, logs, stops on Ctrl-C with a summary.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn cmbench() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cmbench"))
}

#[test]
fn serve_prints_url_logs_requests_and_stops_on_ctrl_c() {
    let dir = common::world_dir();
    let mut child = cmbench()
        .args(["serve", "--spec"])
        .arg(dir.join("openapi.json"))
        .arg("--fixtures")
        .arg(dir.join("fixtures.json"))
        .args(["--seed", "3", "--faults", "page=2"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cmbench starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("base URL line");
    let base = line.trim().to_string();
    assert!(
        base.starts_with("http://127.0.0.1:") && base.ends_with("/client/v4"),
        "{base}"
    );
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let body = rt.block_on(async {
        let c = reqwest::Client::new();
        c.post(format!("{base}/zones"))
            .header("content-type", "application/json")
            .body(r#"{"name": "cli.example"}"#)
            .send()
            .await
            .expect("create");
        let r = c.get(format!("{base}/zones")).send().await.expect("list");
        r.json::<serde_json::Value>().await.expect("json")
    });
    assert_eq!(
        body["result"].as_array().map(Vec::len),
        Some(2),
        "page=2 fault applies: {body}"
    );
    let pid = child.id() as libc::pid_t;
    // SAFETY: sending SIGINT to the child process this test spawned.
    unsafe {
        libc::kill(pid, libc::SIGINT);
    }
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "serve did not stop on SIGINT"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("stderr text");
    assert!(err.contains("POST /client/v4/zones -> 200"), "{err}");
    assert!(err.contains("(createZone)"), "{err}");
    assert!(
        err.contains("served 2 requests (1 writes); server time median"),
        "{err}"
    );
    assert!(err.contains("1 created"), "{err}");
}

#[test]
fn serve_rejects_unknown_worlds_and_bad_faults_clearly() {
    let empty = std::env::temp_dir().join(format!("cmbench-no-worlds-{}", std::process::id()));
    std::fs::create_dir_all(&empty).expect("temp dir");
    let out = cmbench()
        .args(["serve", "--world", "shop", "--specs-dir"])
        .arg(&empty)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--world \"shop\"") && err.contains("available worlds") && err.contains("none yet"),
        "{err}"
    );
    std::fs::create_dir_all(empty.join("demo")).expect("world dir");
    std::fs::copy(
        common::world_dir().join("openapi.json"),
        empty.join("demo/openapi.json"),
    )
    .expect("copy");
    let out = cmbench()
        .args(["serve", "--world", "shop", "--specs-dir"])
        .arg(&empty)
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&out.stderr).contains(": demo)"));
    let _ = std::fs::remove_dir_all(&empty);

    let out = cmbench()
        .args(["serve", "--spec", "x.json", "--faults", "latency=10ms,rate=ten/1s"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--faults field \"rate\"") && err.contains("\"ten\""),
        "{err}"
    );

    let bad = std::env::temp_dir().join(format!("cmbench-bad-fixtures-{}.json", std::process::id()));
    std::fs::write(&bad, "{\"collections\": {\"/zones\": [{\"name\": \"no id\"}]}}").expect("write");
    let out = cmbench()
        .args(["serve", "--spec"])
        .arg(common::world_dir().join("openapi.json"))
        .arg("--fixtures")
        .arg(&bad)
        .output()
        .expect("runs");
    let _ = std::fs::remove_file(&bad);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("collections[\"/zones\"][0] has no \"id\" field"), "{err}");
}
