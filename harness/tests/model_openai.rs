//! The `openai:` backend over real HTTP against a scripted OpenAI-compatible server:
//! tool calls, usage, counted retries, context overflow, recording and exact replay.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use harness::model::cassette::{Recorder, ReplayModel};
use harness::model::openai::{OpenAiConfig, OpenAiModel};
use harness::model::{ChatMessage, Model, ModelError, ModelRequest, SamplingParams};
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

#[derive(Default)]
struct Script {
    calls: AtomicU32,
}

/// Behaves according to the last user message.
async fn chat(State(script): State<Arc<Script>>, Json(body): Json<Value>) -> Response {
    let n = script.calls.fetch_add(1, Ordering::SeqCst);
    let last = body["messages"]
        .as_array()
        .and_then(|m| m.last())
        .cloned()
        .unwrap_or_default();
    let prompt = last["content"].as_str().unwrap_or_default().to_string();
    let reply = |message: Value, finish: &str| {
        Json(json!({
            "id": "x", "object": "chat.completion", "model": body["model"],
            "choices": [{"index": 0, "message": message, "finish_reason": finish}],
            "usage": {"prompt_tokens": 42, "completion_tokens": 7, "total_tokens": 49,
                      "prompt_tokens_details": {"cached_tokens": 32}}
        }))
        .into_response()
    };
    match prompt.as_str() {
        "flaky" if n < 2 => (
            StatusCode::TOO_MANY_REQUESTS,
            Json(json!({"error": {"message": "slow down", "type": "rate_limit_error", "param": null, "code": null}})),
        )
            .into_response(),
        "down" => (StatusCode::SERVICE_UNAVAILABLE, "upstream unavailable").into_response(),
        "huge" => (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": {"message": "This model's maximum context length is 8192 tokens", "type": "invalid_request_error", "param": "messages", "code": "context_length_exceeded"}})),
        )
            .into_response(),
        "call" => {
            assert!(body["tools"].is_array(), "tools are sent");
            assert_eq!(body["parallel_tool_calls"], true);
            reply(
                json!({"role": "assistant", "content": null, "tool_calls": [
                    {"id": "c1", "type": "function", "function": {"name": "listZones", "arguments": "{\"page\": 2}"}},
                    {"id": "c2", "type": "function", "function": {"name": "getZone", "arguments": "{\"zone_id\": "}}
                ]}),
                "tool_calls",
            )
        }
        // What llama.cpp's server answers when max_tokens cuts a fenced tool call in half.
        "cut" => reply(
            json!({"role": "assistant", "content": "```json\n{\"name\": \"list"}),
            "length",
        ),
        _ => reply(json!({"role": "assistant", "content": format!("echo: {prompt}")}), "stop"),
    }
}

async fn server() -> (String, Arc<Script>) {
    let script = Arc::new(Script::default());
    let app = Router::new()
        .route("/v1/chat/completions", post(chat))
        .with_state(script.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}/v1"), script)
}

fn config(base_url: &str) -> OpenAiConfig {
    OpenAiConfig {
        base_url: base_url.to_string(),
        api_key_env: "CMBENCH_TEST_NO_SUCH_KEY".into(),
        timeout: Duration::from_secs(10),
        max_retries: 3,
        backoff: Duration::from_millis(5),
        ..OpenAiConfig::new("test-model")
    }
}

const TOOLS: &str =
    r#"[{"type":"function","function":{"name":"listZones","parameters":{"type":"object","properties":{}}}}]"#;

async fn ask(model: &dyn Model, prompt: &str, trial: u32) -> Result<harness::model::ModelReply, ModelError> {
    let messages = [ChatMessage::system("You manage zones."), ChatMessage::user(prompt)];
    let params = SamplingParams {
        temperature: Some(0.0),
        seed: Some(1),
        ..SamplingParams::default()
    };
    let request = ModelRequest {
        messages: &messages,
        tools_json: TOOLS,
        params: &params,
        trial,
    };
    model.complete(&request).await
}

#[tokio::test]
async fn tool_calls_usage_and_malformed_arguments() {
    let (url, _) = server().await;
    let model = OpenAiModel::new(config(&url), None).unwrap();
    assert_eq!(model.name(), "openai:test-model");
    let reply = ask(&model, "call", 0).await.unwrap();
    assert_eq!(reply.finish_reason.as_deref(), Some("tool_calls"));
    let calls = &reply.message.tool_calls;
    assert_eq!(calls[0].parse_arguments().unwrap(), json!({"page": 2}));
    // The model's broken JSON arrives intact, to be recorded as a model error.
    assert!(calls[1].parse_arguments().is_err());
    let usage = reply.usage.unwrap();
    assert_eq!(
        (usage.prompt_tokens, usage.completion_tokens, usage.cached_tokens),
        (42, 7, Some(32))
    );
    assert_eq!(reply.retries, 0);
}

#[tokio::test]
async fn retries_are_counted_and_bounded() {
    let (url, script) = server().await;
    let model = OpenAiModel::new(config(&url), None).unwrap();
    let reply = ask(&model, "flaky", 0).await.unwrap();
    assert_eq!(reply.retries, 2);
    assert_eq!(script.calls.load(Ordering::SeqCst), 3);
    match ask(&model, "down", 0).await.unwrap_err() {
        ModelError::Infrastructure { attempts, message } => {
            assert_eq!(attempts, 4);
            assert!(message.contains("503"), "{message}");
        }
        other => panic!("expected an infrastructure error, got {other:?}"),
    }
    assert!(matches!(
        ask(&model, "huge", 0).await.unwrap_err(),
        ModelError::ContextOverflow(_)
    ));
}

#[tokio::test]
async fn recorded_calls_replay_identically() {
    let (url, _) = server().await;
    let path = std::env::temp_dir().join(format!("cmbench-openai-{}.cassette.jsonl", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let recorder = Arc::new(Recorder::open(&path).unwrap());
    let live = OpenAiModel::new(config(&url), Some(recorder)).unwrap();
    let mut live_replies = Vec::new();
    for (prompt, trial) in [("hello", 0), ("hello", 1), ("call", 0), ("flaky", 0)] {
        live_replies.push(ask(&live, prompt, trial).await.unwrap());
    }
    let replay = ReplayModel::load(&path).unwrap();
    assert_eq!(replay.name(), "openai:test-model");
    for (reply, (prompt, trial)) in live_replies
        .iter()
        .zip([("hello", 0), ("hello", 1), ("call", 0), ("flaky", 0)])
    {
        let again = ask(&replay, prompt, trial).await.unwrap();
        assert_eq!(again.message, reply.message);
        assert_eq!(again.usage, reply.usage);
        assert_eq!(again.retries, reply.retries);
        assert_eq!(again.raw, reply.raw);
        let drift = again.latency.as_secs_f64() - reply.latency.as_secs_f64();
        assert!(drift.abs() < 1e-6, "replayed latency is the recorded one");
    }
    let err = ask(&replay, "hello", 7).await.unwrap_err().to_string();
    assert!(err.contains("no recorded call for this request at trial 7"), "{err}");
    let _ = std::fs::remove_file(&path);
}

#[test]
fn openai_without_a_key_is_a_configuration_error() {
    let cfg = OpenAiConfig {
        api_key_env: "CMBENCH_TEST_NO_SUCH_KEY".into(),
        ..OpenAiConfig::new("gpt-4o")
    };
    let err = OpenAiModel::new(cfg, None).unwrap_err().to_string();
    assert!(err.contains("set CMBENCH_TEST_NO_SUCH_KEY"), "{err}");
}

#[tokio::test]
async fn a_reply_cut_off_by_the_token_cap_comes_back_as_written_live_and_replayed() {
    let (url, _) = server().await;
    let path = std::env::temp_dir().join(format!("cmbench-openai-cut-{}.cassette.jsonl", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let live = OpenAiModel::new(config(&url), Some(Arc::new(Recorder::open(&path).unwrap()))).unwrap();
    let reply = ask(&live, "cut", 0).await.unwrap();
    assert_eq!(reply.finish_reason.as_deref(), Some("length"));
    assert_eq!(reply.message.content, "```json\n{\"name\": \"list");
    assert_eq!(reply.usage.unwrap().completion_tokens, 7);
    // The raw reply was recorded, and replays the same.
    let replay = ReplayModel::load(&path).unwrap();
    let again = ask(&replay, "cut", 0).await.unwrap();
    assert_eq!(
        (again.message, again.finish_reason, again.usage),
        (reply.message, reply.finish_reason, reply.usage)
    );
    let _ = std::fs::remove_file(&path);
}

#[tokio::test]
async fn provider_failures_are_recorded_and_replay_as_the_same_error() {
    let (url, _) = server().await;
    let path = std::env::temp_dir().join(format!("cmbench-openai-fail-{}.cassette.jsonl", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let live = OpenAiModel::new(config(&url), Some(Arc::new(Recorder::open(&path).unwrap()))).unwrap();
    let overflow = ask(&live, "huge", 0).await.unwrap_err();
    assert!(matches!(overflow, ModelError::ContextOverflow(_)), "{overflow:?}");
    let down = ask(&live, "down", 0).await.unwrap_err();
    assert!(
        matches!(down, ModelError::Infrastructure { attempts: 4, .. }),
        "{down:?}"
    );
    let replay = ReplayModel::load(&path).unwrap();
    assert_eq!(replay.len(), 2);
    assert_eq!(ask(&replay, "huge", 0).await.unwrap_err(), overflow);
    assert_eq!(ask(&replay, "down", 0).await.unwrap_err(), down);
    let _ = std::fs::remove_file(&path);
}
