//! A whole run recorded against an OpenAI-compatible server replays to the same records.

mod common;

use axum::routing::post;
use axum::{Json, Router};
use harness::record::read_records;
use serde_json::{Value, json};
use std::path::PathBuf;
use std::process::Command;

/// A scripted agent: the first turn calls the first tool offered (with no arguments, and a
/// malformed call when asked about DNS), later turns answer with what the tool returned.
async fn chat(Json(body): Json<Value>) -> Json<Value> {
    let messages = body["messages"].as_array().cloned().unwrap_or_default();
    let first_tool = body["tools"][0]["function"]["name"]
        .as_str()
        .unwrap_or("none")
        .to_string();
    let last = messages.last().cloned().unwrap_or_default();
    let message = if last["role"] == "user" {
        let malformed = last["content"].as_str().unwrap_or_default().contains("DNS");
        json!({"role": "assistant", "content": null, "tool_calls": [{"id": "c1", "type": "function",
            "function": {"name": first_tool, "arguments": if malformed { "{\"x\": " } else { "{}" }}}]})
    } else {
        let seen = last["content"]
            .as_str()
            .unwrap_or_default()
            .chars()
            .take(60)
            .collect::<String>();
        json!({"role": "assistant", "content": format!("Done: {seen}")})
    };
    let prompt_tokens = serde_json::to_string(&body["messages"]).unwrap().len() / 4;
    Json(
        json!({"choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": 9}}),
    )
}

#[test]
fn a_recorded_run_replays_to_identical_records() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    rt.spawn(async move { axum::serve(listener, Router::new().route("/v1/chat/completions", post(chat))).await });
    let root = common::corpus("replay");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_cmbench"))
            .current_dir(&root)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    let base = format!("http://{addr}/v1");
    let common_args = [
        "run",
        "--quiet",
        "--trials",
        "2",
        "--pipelines",
        "json-tools,code-mode",
        "--api-key-env",
        "CMBENCH_NO_KEY",
    ];
    run(&[
        &common_args[..],
        &[
            "--model",
            "openai:scripted",
            "--base-url",
            &base,
            "--record",
            "live.cassette.jsonl",
            "--out",
            "runs/live",
        ],
    ]
    .concat());
    run(&[
        &common_args[..],
        &["--model", "replay:live.cassette.jsonl", "--out", "runs/replay"],
    ]
    .concat());
    let live = common::normalised_records(&root.join("runs/live"));
    let replay = common::normalised_records(&root.join("runs/replay"));
    assert_eq!(live.len(), 8);
    assert_eq!(live, replay);
    // The live run recorded provider usage beside our own count, and the malformed call as a model error.
    let records = read_records(root.join("runs/live/records.jsonl")).unwrap();
    assert!(records.iter().all(|r| r.model == "openai:scripted"));
    assert!(
        records
            .iter()
            .all(|r| r.turns[0].provider_usage.is_some() && r.turns[0].prompt_token_delta.is_some())
    );
    let malformed = records
        .iter()
        .find(|r| r.task.ends_with("count-records") && r.pipeline == "json-tools")
        .unwrap();
    assert_eq!(
        malformed.turns[0].tool_calls[0].error.as_deref(),
        Some("model:malformed_arguments")
    );
    // Every request carried the profile's output cap.
    let cassette = std::fs::read_to_string(root.join("live.cassette.jsonl")).unwrap();
    assert!(
        cassette
            .lines()
            .all(|l| serde_json::from_str::<Value>(l).unwrap()["request"]["max_tokens"] == 4096)
    );

    // Recording into the same cassette again continues it: everything it holds is answered
    // from it (here with no server at all), and nothing is appended.
    let before = std::fs::read_to_string(root.join("live.cassette.jsonl")).unwrap();
    run(&[
        &common_args[..],
        &[
            "--model",
            "openai:scripted",
            "--base-url",
            "http://127.0.0.1:9/v1",
            "--record",
            "live.cassette.jsonl",
            "--out",
            "runs/continued",
        ],
    ]
    .concat());
    assert_eq!(common::normalised_records(&root.join("runs/continued")), live);
    assert_eq!(
        std::fs::read_to_string(root.join("live.cassette.jsonl")).unwrap(),
        before
    );

    // Episodes whose opening the harness keeps back (over the profile's window) need no
    // cassette entry: the replay starts, and each ends as a context overflow.
    let small = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("profiles/gpt-4o.toml"))
        .unwrap()
        .replace("context_window = 128000", "context_window = 100")
        .replace("max_output_tokens = 4096", "max_output_tokens = 50");
    std::fs::write(root.join("small.toml"), small).unwrap();
    let empty_cassette = root.join("one.cassette.jsonl");
    std::fs::write(&empty_cassette, cassette.lines().next().unwrap().to_string() + "\n").unwrap();
    run(&[
        &common_args[..],
        &[
            "--model",
            "replay:one.cassette.jsonl",
            "--profile",
            "small.toml",
            "--max-tokens",
            "4096",
            "--out",
            "runs/small",
        ],
    ]
    .concat());
    let small = read_records(root.join("runs/small/records.jsonl")).unwrap();
    assert!(
        small
            .iter()
            .all(|r| r.termination == harness::record::Termination::ContextOverflow && !r.turns[0].sent)
    );

    // Options that change the requests: refused before anything runs, naming what differs.
    let out = Command::new(env!("CARGO_BIN_EXE_cmbench"))
        .current_dir(&root)
        .args(common_args)
        .args([
            "--model",
            "replay:live.cassette.jsonl",
            "--max-tokens",
            "100",
            "--out",
            "runs/changed",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("lacks the opening request of 8 of 8 planned episodes"),
        "{stderr}"
    );
    assert!(stderr.contains("/max_tokens: recorded 4096, now 100"), "{stderr}");
    assert!(!root.join("runs/changed").exists(), "nothing was written");

    // A cassette that holds the openings but not a later turn: the run completes, writes
    // every record, and exits 1 saying how many episodes missed.
    let text: Vec<&str> = cassette.lines().collect();
    let kept: Vec<&str> = text
        .iter()
        .copied()
        .filter(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            v["request"]["messages"].as_array().unwrap().len() == 2
        })
        .collect();
    assert!(kept.len() < text.len());
    std::fs::write(root.join("openings.cassette.jsonl"), kept.join("\n") + "\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_cmbench"))
        .current_dir(&root)
        .args(common_args)
        .args(["--model", "replay:openings.cassette.jsonl", "--out", "runs/partial"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let partial = read_records(root.join("runs/partial/records.jsonl")).unwrap();
    assert_eq!(partial.len(), 8);
    let missed = partial
        .iter()
        .filter(|r| r.termination == harness::record::Termination::CassetteMiss)
        .count();
    assert!(missed > 0);
    assert!(
        stderr.contains(&format!(
            "{missed} of 8 episodes ended on an infrastructure error ({missed} cassette misses"
        )),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&root);
}
