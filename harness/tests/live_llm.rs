//! Live runs against a real OpenAI-compatible model server, by default the local llama.cpp
//! server that `scripts/local-llm.sh start qwen2.5-coder-0.5b` runs (Qwen2.5-Coder-0.5B-Instruct,
//! one thread; the script's default model is the slower 1.5B).
//!
//! Needs `CMBENCH_LIVE_BASE_URL` (e.g. `http://127.0.0.1:PORT/v1`); `CMBENCH_LIVE_MODEL`
//! names the model (default `qwen2.5-coder-0.5b`). Without the URL the test prints why it is
//! skipped and passes; `.ci/run` starts the server and sets it, so there it must pass.
//!
//! It runs the tiny `notes` world's tasks (`tests/fixtures/live/`) through json-tools and
//! code-mode with `--record`, replays the cassette, and checks what must hold whatever the
//! model's skill: every episode ends with a termination reason, provider usage sits beside
//! our own count, latency is split, the replay gives identical records, and a reply cut in
//! half by `--max-tokens` is recorded as a model error instead of crashing the run.

mod common;

use harness::record::{CallStatus, FailureClass, Record, Termination, read_records};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const PIPELINES: &str = "json-tools,code-mode";
const PROFILE: &str = "local-qwen2.5-coder-0.5b";

fn live_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/live")
}

/// Runs `cmbench run` on the live corpus with `extra` arguments; panics with its stderr on failure.
fn cmbench_run(extra: &[&str]) {
    let live = live_dir();
    let tasks = live.join("tasks");
    let specs = live.join("specs");
    let mut args = vec![
        "run",
        "--quiet",
        "--tasks-dir",
        tasks.to_str().unwrap(),
        "--specs-dir",
        specs.to_str().unwrap(),
        "--pipelines",
        PIPELINES,
        "--trials",
        "1",
        "--concurrency",
        "1",
        "--profile",
        PROFILE,
        "--temperature",
        "0",
        "--api-key-env",
        "CMBENCH_LIVE_API_KEY",
    ];
    args.extend_from_slice(extra);
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_cmbench"))
        .args(&args)
        .output()
        .unwrap();
    println!(
        "cmbench {} ({:.1} s)\n{}",
        args.join(" "),
        started.elapsed().as_secs_f64(),
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        out.status.success(),
        "cmbench run failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

fn records(dir: &Path) -> Vec<Record> {
    read_records(dir.join("records.jsonl")).unwrap()
}

/// How many tasks the live corpus holds.
fn live_task_count() -> usize {
    std::fs::read_dir(live_dir().join("tasks/notes"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "toml"))
        .count()
}

#[test]
fn a_real_model_server_runs_records_and_replays() {
    let Some(base_url) = std::env::var("CMBENCH_LIVE_BASE_URL").ok().filter(|u| !u.is_empty()) else {
        println!(
            "SKIPPED: CMBENCH_LIVE_BASE_URL is not set; start a server with `scripts/local-llm.sh start qwen2.5-coder-0.5b` \
             and set it to the printed URL (.ci/run does this)"
        );
        return;
    };
    let name = std::env::var("CMBENCH_LIVE_MODEL").unwrap_or_else(|_| "qwen2.5-coder-0.5b".into());
    let model = format!("openai:{name}");
    let work = std::env::temp_dir().join(format!("cmbench-live-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    let cassette = work.join("live.cassette.jsonl");
    let (live_out, replay_out, cut_out) = (work.join("live"), work.join("replay"), work.join("cut"));
    let started = Instant::now();

    // 1. The live run, recorded.
    cmbench_run(&[
        "--model",
        &model,
        "--base-url",
        &base_url,
        "--max-tokens",
        "320",
        "--record",
        cassette.to_str().unwrap(),
        "--out",
        live_out.to_str().unwrap(),
    ]);
    let live = records(&live_out);
    let expected = live_task_count() * PIPELINES.split(',').count();
    assert_eq!(live.len(), expected, "one record per task and pipeline");
    for r in &live {
        let id = format!("{} / {}", r.task, r.pipeline);
        println!(
            "{id}: {:?}, success {}, {} turn(s), {} API call(s), latency model {:.0} ms, sandbox {:.0} ms, api {:.0} ms, harness {:.0} ms",
            r.termination,
            r.success,
            r.turns.len(),
            r.api.calls,
            r.latency_ms.model,
            r.latency_ms.sandbox,
            r.latency_ms.api,
            r.latency_ms.harness
        );
        assert_eq!(r.model, model, "{id}");
        // Every episode ends for a stated reason: an answer, the turn cap, a reply cut off by
        // the output cap or a malformed reply, never an infrastructure failure against a
        // healthy local server; every model call is a turn, a failed one with its reason.
        assert!(
            matches!(
                r.termination,
                Termination::Answered | Termination::MaxTurns | Termination::ModelError | Termination::TokenCap
            ),
            "{id}: unexpected termination {:?}: {:?}",
            r.termination,
            r.turns.last().and_then(|t| t.error.as_deref())
        );
        assert!(!r.turns.is_empty(), "{id}: no turn recorded");
        if matches!(r.termination, Termination::ModelError | Termination::TokenCap) {
            let last = r.turns.last().unwrap();
            assert!(last.error.is_some(), "{id}: a failed call without its reason");
            assert!(last.input.total() > 0, "{id}: the failed call's input is counted");
        }
        assert!(
            !r.success || r.termination == Termination::Answered,
            "{id}: success without an answer"
        );
        for t in r
            .turns
            .iter()
            .filter(|t| matches!(t.status, CallStatus::Ok | CallStatus::TokenCap))
        {
            // The provider's usage beside our tokenizer's count of the same request.
            let usage = t
                .provider_usage
                .unwrap_or_else(|| panic!("{id} turn {}: no provider usage", t.index));
            assert!(
                usage.prompt_tokens > 0,
                "{id} turn {}: no prompt tokens reported",
                t.index
            );
            assert_eq!(
                t.prompt_token_delta,
                Some(usage.prompt_tokens as i64 - t.input.total() as i64),
                "{id} turn {}",
                t.index
            );
            // Latency split: the model's time is measured, never estimated, for a live model.
            assert!(t.latency_ms.model > 0.0, "{id} turn {}: no model latency", t.index);
            let l = &t.latency_ms;
            assert!(
                [l.sandbox, l.api, l.harness].iter().all(|v| v.is_finite() && *v >= 0.0),
                "{id} turn {}: {l:?}",
                t.index
            );
            if t.api.calls > 0 {
                assert!(l.api > 0.0, "{id} turn {}: API calls without API time", t.index);
            }
            if r.pipeline == "code-mode" && t.tool_calls.iter().any(|c| c.name == "execute") {
                assert!(l.sandbox > 0.0, "{id} turn {}: code ran without sandbox time", t.index);
            }
            if r.pipeline == "json-tools" {
                assert_eq!(l.sandbox, 0.0, "{id} turn {}: json-tools has no sandbox", t.index);
            }
        }
        let turn_sum: f64 = r.turns.iter().map(|t| t.latency_ms.model).sum();
        assert!(
            (r.latency_ms.model - turn_sum).abs() < 1e-6,
            "{id}: episode model latency is the turns' sum"
        );
    }
    assert!(
        live.iter().any(|r| !r.turns.is_empty()),
        "no episode got as far as one model turn"
    );

    // 2. The cassette replays to identical records, offline.
    let cassette_arg = format!("replay:{}", cassette.display());
    cmbench_run(&[
        "--model",
        &cassette_arg,
        "--max-tokens",
        "320",
        "--out",
        replay_out.to_str().unwrap(),
    ]);
    assert_eq!(
        common::normalised_records(&live_out),
        common::normalised_records(&replay_out),
        "the replayed run differs from the recorded one"
    );

    // 3. A token cap that cuts the first reply short (one token: only an immediate end of
    // reply could finish in time): a counted turn ending the episode as token_cap.
    cmbench_run(&[
        "--model",
        &model,
        "--base-url",
        &base_url,
        "--max-tokens",
        "1",
        "--tasks",
        "notes/pin-plumber-note",
        "--out",
        cut_out.to_str().unwrap(),
    ]);
    let cut = records(&cut_out);
    assert_eq!(cut.len(), PIPELINES.split(',').count());
    for r in &cut {
        let id = format!("{} / {}", r.task, r.pipeline);
        assert_eq!(r.termination, Termination::TokenCap, "{id}");
        assert_eq!(r.failure_class, Some(FailureClass::TokenCap), "{id}");
        assert!(!r.success);
        assert_eq!(r.turns.len(), 1, "{id}");
        let t = &r.turns[0];
        assert_eq!(t.status, CallStatus::TokenCap, "{id}");
        assert_eq!(t.finish_reason.as_deref(), Some("length"), "{id}");
        assert_eq!(t.provider_usage.map(|u| u.completion_tokens), Some(1), "{id}");
        assert!(t.input.total() > 0 && t.output_tokens <= 2, "{id}: {:?}", t);
        assert!(
            t.error.as_deref().unwrap().contains("max_tokens 1"),
            "{id}: {:?}",
            t.error
        );
    }
    println!("live test took {:.1} s", started.elapsed().as_secs_f64());
    let _ = std::fs::remove_dir_all(&work);
}
