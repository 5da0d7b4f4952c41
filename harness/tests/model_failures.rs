//! Episodes against a scripted OpenAI-compatible server that fails the way real models and
//! providers do: a reply cut off by the output cap, a request refused for context overflow,
//! one kept back by the profile's window, malformed tool calls, a malformed reply, an outage.
//! Every model call must be a turn with its exact token counts, and each ending its own class.

mod common;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use harness::episode::{self, EpisodeConfig, EpisodeInput};
use harness::model::cassette::{Recorder, ReplayModel};
use harness::model::openai::{OpenAiConfig, OpenAiModel};
use harness::model::profile::Profile;
use harness::model::{Model, SamplingParams};
use harness::pipeline;
use harness::record::{CallStatus, FailureClass, Record, Termination};
use harness::spec::Spec;
use harness::task::{Check, Difficulty, Pattern, Task};
use harness::tokens::{MessageKind, PrefixCache, count_message};
use serde_json::{Value, json};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the scripted server does on one call.
#[derive(Debug, Clone)]
enum Step {
    /// A tool call with these arguments (raw text).
    Call(&'static str, &'static str),
    /// A final answer.
    Answer(&'static str),
    /// A reply cut off by `max_tokens`, with this partial text.
    Cut(&'static str),
    /// HTTP 400 `context_length_exceeded`, as OpenAI sends it.
    Overflow,
    /// HTTP 400 as llama.cpp's server sends it when the prompt exceeds its context.
    LlamaOverflow,
    /// A 200 without choices.
    NoChoices,
    /// HTTP 503.
    Down,
}

#[derive(Default)]
struct Script {
    steps: Mutex<Vec<Step>>,
    bodies: Mutex<Vec<Value>>,
}

const PROMPT_TOKENS: u64 = 4321;
const COMPLETION_TOKENS: u64 = 64;

async fn chat(State(script): State<Arc<Script>>, Json(body): Json<Value>) -> Response {
    script.bodies.lock().unwrap().push(body.clone());
    let step = {
        let mut steps = script.steps.lock().unwrap();
        if steps.len() > 1 {
            steps.remove(0)
        } else {
            steps[0].clone()
        }
    };
    let ok = |message: Value, finish: &str| {
        Json(json!({
            "id": "x", "object": "chat.completion", "model": body["model"],
            "choices": [{"index": 0, "message": message, "finish_reason": finish}],
            "usage": {"prompt_tokens": PROMPT_TOKENS, "completion_tokens": COMPLETION_TOKENS}
        }))
        .into_response()
    };
    match step {
        Step::Call(name, args) => ok(
            json!({"role": "assistant", "content": null, "tool_calls": [
                {"id": "c1", "type": "function", "function": {"name": name, "arguments": args}}]}),
            "tool_calls",
        ),
        Step::Answer(text) => ok(json!({"role": "assistant", "content": text}), "stop"),
        Step::Cut(text) => ok(json!({"role": "assistant", "content": text}), "length"),
        Step::Overflow => (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": {"message": "This model's maximum context length is 8192 tokens", "type": "invalid_request_error", "param": "messages", "code": "context_length_exceeded"}})),
        )
            .into_response(),
        Step::LlamaOverflow => (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": {"code": 400, "message": "the request exceeds the available context size, try increasing it", "type": "exceed_context_size_error", "n_prompt_tokens": 17000, "n_ctx": 16384}})),
        )
            .into_response(),
        Step::NoChoices => Json(json!({"id": "x", "object": "chat.completion", "choices": []})).into_response(),
        Step::Down => (StatusCode::SERVICE_UNAVAILABLE, "upstream unavailable").into_response(),
    }
}

async fn server(steps: Vec<Step>) -> (String, Arc<Script>) {
    let script = Arc::new(Script {
        steps: Mutex::new(steps),
        bodies: Mutex::new(Vec::new()),
    });
    let app = Router::new()
        .route("/v1/chat/completions", post(chat))
        .with_state(script.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}/v1"), script)
}

fn openai(url: &str, recorder: Option<Arc<Recorder>>) -> OpenAiModel {
    let config = OpenAiConfig {
        base_url: url.to_string(),
        api_key_env: "CMBENCH_TEST_NO_SUCH_KEY".into(),
        timeout: Duration::from_secs(10),
        max_retries: 2,
        backoff: Duration::from_millis(2),
        ..OpenAiConfig::new("scripted")
    };
    OpenAiModel::new(config, recorder).unwrap()
}

fn pause_task() -> Task {
    let check: Check =
        toml::from_str("kind = \"changed\"\ncollection = \"/zones\"\nid = \"z2\"\nwhere = { paused = true }").unwrap();
    Task {
        id: "test/pause-zone".into(),
        world: "test".into(),
        title: "Pause a zone".into(),
        prompt: "Pause example.org.".into(),
        tags: vec![],
        pattern: Pattern::SingleLookup,
        difficulty: Difficulty::Easy,
        fixtures: None,
        checks: vec![check],
        answer: None,
        allowed_writes: vec!["/zones".into()],
        max_turns: Some(3),
        file: PathBuf::from("pause-zone.toml"),
        solution: "async () => {}".into(),
    }
}

fn config(context_window: Option<u64>) -> EpisodeConfig {
    let mut profile = Profile::load("gpt-4o").unwrap();
    if let Some(w) = context_window {
        profile.context_window = w;
    }
    EpisodeConfig {
        params: SamplingParams {
            temperature: Some(0.0),
            max_tokens: Some(64),
            ..SamplingParams::default()
        },
        profile: Some(profile),
        ..EpisodeConfig::default()
    }
}

async fn episode(model: &dyn Model, config: &EpisodeConfig) -> Record {
    let spec = Arc::new(Spec::load(common::world_dir().join("openapi.json")).unwrap());
    let server = common::serve(common::test_world(3), "").await;
    let mock = server.episode();
    let p = pipeline::build("json-tools", spec.clone()).unwrap();
    let http = reqwest::Client::new();
    let cache = PrefixCache::new();
    let task = pause_task();
    episode::run(EpisodeInput {
        task: &task,
        api_title: &spec.title,
        pipeline: p.as_ref(),
        model,
        mock: &mock,
        sandbox: None,
        http: &http,
        trial: 0,
        seed: 3,
        prefix_cache: &cache,
        config,
    })
    .await
}

/// Runs the script and returns the record and the request bodies the server saw.
async fn scripted(steps: Vec<Step>, config: &EpisodeConfig) -> (Record, Vec<Value>) {
    let (url, script) = server(steps).await;
    let r = episode(&openai(&url, None), config).await;
    let bodies = script.bodies.lock().unwrap().clone();
    (r, bodies)
}

/// Output tokens of an assistant message with this text, as the harness counts them.
fn output_tokens(text: &str) -> usize {
    let enc = EpisodeConfig::default().encoding;
    count_message(enc, MessageKind::Assistant, text, None, &[])
        - count_message(enc, MessageKind::Assistant, "", None, &[])
}

const LIST: Step = Step::Call("listZones", r#"{"name": "example.org"}"#);

#[tokio::test]
async fn a_cut_off_reply_is_a_counted_turn_ending_in_token_cap() {
    let cfg = config(None);
    // The same opening answered normally: the reference for what the first request costs.
    let (reference, _) = scripted(vec![Step::Answer("Done.")], &cfg).await;
    let partial = "```json\n{\"name\": \"editZone\", \"arguments\": {\"zone_id\": \"z2\", \"bo";
    let (r, bodies) = scripted(vec![Step::Cut(partial)], &cfg).await;
    assert_eq!(bodies.len(), 1);
    assert_eq!(bodies[0]["max_tokens"], 64, "the output cap is sent");
    assert_eq!(r.turns.len(), 1);
    let t = &r.turns[0];
    assert_eq!(t.status, CallStatus::TokenCap);
    assert_eq!(t.finish_reason.as_deref(), Some("length"));
    assert_eq!(t.input, reference.turns[0].input, "the cut-off request counts in full");
    assert!(t.input.tool_definitions > 1000);
    assert_eq!(t.output_tokens, output_tokens(partial));
    assert_eq!(t.provider_usage.unwrap().completion_tokens, COMPLETION_TOKENS);
    assert_eq!(t.assistant, partial);
    assert!(t.error.as_deref().unwrap().contains("max_tokens 64"), "{:?}", t.error);
    assert_eq!(r.termination, Termination::TokenCap);
    assert_eq!(r.failure_class, Some(FailureClass::TokenCap));
    assert_eq!((r.answer.as_str(), r.success), ("", false));
    assert_eq!(r.input_tokens(), reference.input_tokens());
    assert_eq!(r.output_tokens(), output_tokens(partial));
    assert_eq!(r.round_trips(), 1);
    assert!(t.latency_ms.model > 0.0);
}

#[tokio::test]
async fn a_refused_request_is_counted_as_what_was_sent() {
    let cfg = config(None);
    let (reference, _) = scripted(vec![LIST, Step::Answer("Done.")], &cfg).await;
    assert_eq!(reference.turns.len(), 2);
    for overflow in [Step::Overflow, Step::LlamaOverflow] {
        let (r, bodies) = scripted(vec![LIST, overflow.clone()], &cfg).await;
        assert_eq!(bodies.len(), 2, "{overflow:?}");
        assert_eq!(r.turns.len(), 2, "{overflow:?}");
        let t = &r.turns[1];
        assert_eq!((t.status, t.sent), (CallStatus::ContextOverflow, true), "{overflow:?}");
        assert_eq!(t.input, reference.turns[1].input, "{overflow:?}");
        assert_eq!(t.output_tokens, 0);
        assert!(t.error.as_deref().unwrap().contains("context"), "{:?}", t.error);
        assert_eq!(r.termination, Termination::ContextOverflow);
        assert_eq!(r.failure_class, Some(FailureClass::ContextOverflow));
        assert_eq!(r.input_tokens(), reference.input_tokens());
        assert_eq!(r.round_trips(), 2);
        assert_eq!(r.api.calls, 1, "the first turn's call ran");
    }
}

#[tokio::test]
async fn a_request_over_the_profiles_window_is_kept_back_and_counted() {
    let (reference, _) = scripted(vec![Step::Answer("Done.")], &config(None)).await;
    let window = reference.turns[0].input.total() as u64 - 1;
    let (r, bodies) = scripted(vec![Step::Answer("Done.")], &config(Some(window))).await;
    assert!(bodies.is_empty(), "nothing was sent");
    assert_eq!(r.turns.len(), 1);
    let t = &r.turns[0];
    assert_eq!((t.status, t.sent), (CallStatus::ContextOverflow, false));
    assert_eq!(t.input, reference.turns[0].input);
    assert!(
        t.error
            .as_deref()
            .unwrap()
            .contains(&format!("context window of {window} tokens"))
    );
    assert_eq!(r.termination, Termination::ContextOverflow);
    assert_eq!(r.failure_class, Some(FailureClass::ContextOverflow));
    assert_eq!(r.input_tokens(), reference.input_tokens());
    assert_eq!(r.round_trips(), 0, "a request kept back is not a round trip");
}

#[tokio::test]
async fn malformed_tool_calls_and_replies_have_their_own_classes() {
    let cfg = config(None);
    // Arguments that are not JSON: the call fails, the model is told, the turn cap ends it.
    let (r, _) = scripted(vec![Step::Call("editZone", r#"{"zone_id": "z2", "body": "#)], &cfg).await;
    assert_eq!(r.turns.len(), 3);
    assert!(r.turns.iter().all(|t| t.status == CallStatus::Ok));
    assert_eq!(
        r.turns[0].tool_calls[0].error.as_deref(),
        Some("model:malformed_arguments")
    );
    assert_eq!(r.termination, Termination::MaxTurns);
    assert_eq!(r.failure_class, Some(FailureClass::MalformedToolCall));
    // A tool that does not exist.
    let (r, _) = scripted(vec![Step::Call("pauseEverything", "{}"), Step::Answer("Done.")], &cfg).await;
    assert_eq!(r.termination, Termination::Answered);
    assert_eq!(r.failure_class, Some(FailureClass::InventedFunction));
    // A 200 that holds no assistant message: a counted turn, ended as a malformed reply.
    let (reference, _) = scripted(vec![Step::Answer("Done.")], &cfg).await;
    let (r, _) = scripted(vec![Step::NoChoices], &cfg).await;
    assert_eq!(r.turns.len(), 1);
    assert_eq!(r.turns[0].status, CallStatus::MalformedReply);
    assert_eq!(r.turns[0].input, reference.turns[0].input);
    assert_eq!(r.termination, Termination::ModelError);
    assert_eq!(r.failure_class, Some(FailureClass::MalformedReply));
    // Looping to the turn cap with calls that succeed.
    let (r, _) = scripted(vec![LIST], &cfg).await;
    assert_eq!((r.termination, r.turns.len()), (Termination::MaxTurns, 3));
    assert_eq!(r.failure_class, Some(FailureClass::TurnCap));
}

#[tokio::test]
async fn an_outage_is_an_infrastructure_turn_with_its_retries() {
    let cfg = config(None);
    let (r, bodies) = scripted(vec![LIST, Step::Down], &cfg).await;
    assert_eq!(bodies.len(), 1 + 3, "one call, then the failing one with 2 retries");
    assert_eq!(r.turns.len(), 2);
    let t = &r.turns[1];
    assert_eq!(t.status, CallStatus::InfrastructureError);
    assert_eq!(t.retries, 2);
    assert!(t.error.as_deref().unwrap().contains("3 attempt(s)"), "{:?}", t.error);
    assert_eq!(r.termination, Termination::InfrastructureError);
    assert!(r.termination.is_infrastructure());
    assert_eq!(r.failure_class, Some(FailureClass::InfrastructureError));
}

#[tokio::test]
async fn failures_are_recorded_and_replay_identically() {
    let dir = std::env::temp_dir().join(format!("cmbench-failures-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let cfg = config(None);
    let mut live = Vec::new();
    for (i, steps) in [
        vec![LIST, Step::Overflow],
        vec![Step::Cut("```json\n{\"name\"")],
        vec![LIST, Step::Down],
    ]
    .into_iter()
    .enumerate()
    {
        let path = dir.join(format!("{i}.cassette.jsonl"));
        let (url, _) = server(steps).await;
        let rec = Arc::new(Recorder::open(&path).unwrap());
        let r = episode(&openai(&url, Some(rec)), &cfg).await;
        let replay = ReplayModel::load(&path).unwrap();
        let again = episode(&replay, &cfg).await;
        let strip = |r: &Record| {
            let mut v = serde_json::to_value(r).unwrap();
            v["latency_ms"] = Value::Null;
            for t in v["turns"].as_array_mut().unwrap() {
                t["latency_ms"] = Value::Null;
            }
            v
        };
        assert_eq!(strip(&r), strip(&again), "episode {i} replays to the same record");
        live.push(r.termination);
    }
    assert_eq!(
        live,
        [
            Termination::ContextOverflow,
            Termination::TokenCap,
            Termination::InfrastructureError
        ]
    );
    // A request the cassette lacks: a counted turn ending on a cassette miss.
    let replay = ReplayModel::load(dir.join("1.cassette.jsonl")).unwrap();
    let mut other = config(None);
    other.params.max_tokens = Some(65);
    let r = episode(&replay, &other).await;
    assert_eq!(r.termination, Termination::CassetteMiss);
    assert_eq!(r.turns[0].status, CallStatus::CassetteMiss);
    assert!(
        r.turns[0]
            .error
            .as_deref()
            .unwrap()
            .contains("/max_tokens: recorded 64, now 65"),
        "{:?}",
        r.turns[0].error
    );
    assert_eq!(r.failure_class, Some(FailureClass::CassetteMiss));
    let _ = std::fs::remove_dir_all(&dir);
}
