//! Whole episodes with a scripted model: the loop, token accounting, latency split, checks
//! and failure classes, through real pipelines, a real mock and a real sandbox.

mod common;

use harness::episode::{self, EpisodeConfig, EpisodeInput};
use harness::model::{ChatMessage, Model, ModelFuture, ModelReply, ModelRequest, ToolCall};
use harness::pipeline;
use harness::record::{FailureClass, Termination};
use harness::sandbox::{Sandbox, SandboxConfig};
use harness::spec::Spec;
use harness::task::{Check, CheckKind, Difficulty, Pattern, Task};
use harness::tokens::{MessageKind, PrefixCache};
use serde_json::{Value, json};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Replies from a script, one per call; records the tools it was offered.
struct Scripted {
    replies: Mutex<Vec<ChatMessage>>,
    seen_tools: Mutex<Vec<usize>>,
}

impl Scripted {
    fn new(mut replies: Vec<ChatMessage>) -> Self {
        replies.reverse();
        Self {
            replies: Mutex::new(replies),
            seen_tools: Mutex::new(Vec::new()),
        }
    }
}

impl Model for Scripted {
    fn name(&self) -> String {
        "scripted".into()
    }

    fn complete<'a>(&'a self, request: &'a ModelRequest<'a>) -> ModelFuture<'a> {
        Box::pin(async move {
            let tools: Vec<Value> = serde_json::from_str(request.tools_json).unwrap_or_default();
            self.seen_tools.lock().unwrap().push(tools.len());
            let message = self
                .replies
                .lock()
                .unwrap()
                .pop()
                .unwrap_or_else(|| calls(&[("get", "listZones", json!({}))]));
            Ok(ModelReply {
                message,
                usage: None,
                finish_reason: None,
                latency: Duration::from_millis(5),
                retries: 0,
                raw: Value::Null,
            })
        })
    }
}

fn calls(list: &[(&str, &str, Value)]) -> ChatMessage {
    ChatMessage {
        kind: MessageKind::Assistant,
        content: String::new(),
        tool_calls: list
            .iter()
            .map(|(id, name, args)| ToolCall {
                id: id.to_string(),
                name: name.to_string(),
                arguments: args.to_string(),
            })
            .collect(),
        tool_call_id: None,
    }
}

fn pause_task() -> Task {
    let check: Check =
        toml::from_str("kind = \"changed\"\ncollection = \"/zones\"\nid = \"z2\"\nwhere = { paused = true }").unwrap();
    assert_eq!(check.kind, CheckKind::Changed);
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
        max_turns: Some(4),
        file: PathBuf::from("pause-zone.toml"),
        solution: "async () => {}".into(),
    }
}

async fn run(pipeline_name: &str, model: &Scripted, sandbox: Option<&Sandbox>) -> harness::record::Record {
    let spec = Arc::new(Spec::load(common::world_dir().join("openapi.json")).unwrap());
    let server = common::serve(common::test_world(3), "").await;
    let mock = server.episode();
    let p = pipeline::build(pipeline_name, spec.clone()).unwrap();
    let http = reqwest::Client::new();
    let cache = PrefixCache::new();
    let task = pause_task();
    let config = EpisodeConfig::default();
    episode::run(EpisodeInput {
        task: &task,
        api_title: &spec.title,
        pipeline: p.as_ref(),
        model,
        mock: &mock,
        sandbox,
        http: &http,
        trial: 0,
        seed: 3,
        prefix_cache: &cache,
        config: &config,
    })
    .await
}

#[tokio::test]
async fn json_tools_episode_succeeds_and_accounts_tokens() {
    let model = Scripted::new(vec![
        calls(&[("c1", "listZones", json!({"name": "example.org"}))]),
        calls(&[("c2", "editZone", json!({"zone_id": "z2", "body": {"paused": true}}))]),
        ChatMessage::assistant("Paused example.org (z2)."),
    ]);
    let r = run("json-tools", &model, None).await;
    assert!(r.success, "{:?}", r.checks);
    assert_eq!(r.termination, Termination::Answered);
    assert_eq!(r.failure_class, None);
    assert_eq!(r.turns.len(), 3);
    assert_eq!((r.api.calls, r.api.reads, r.api.writes), (2, 1, 1));
    assert_eq!(r.answer, "Paused example.org (z2).");
    // The static prefix is the same every turn; history and tool results only grow.
    let t = &r.turns;
    assert!(t[0].input.tool_definitions > 1000);
    assert!(
        t.windows(2)
            .all(|w| w[0].input.tool_definitions == w[1].input.tool_definitions)
    );
    assert_eq!(t[0].input.tool_results, 0);
    assert!(t[1].input.tool_results > 0 && t[2].input.tool_results > t[1].input.tool_results);
    assert!(t[1].input.history > t[0].input.history);
    assert_eq!(t[1].input.tool_results, t[0].tool_calls[0].result_tokens);
    assert!(t.iter().all(|t| t.output_tokens > 0));
    assert!((t[0].latency_ms.model - 5.0).abs() < 1e-9);
    assert_eq!(r.prompt_hash.len(), 64);
    assert_eq!(*model.seen_tools.lock().unwrap(), vec![18, 18, 18]);
}

#[tokio::test]
async fn failed_episodes_are_classified() {
    // A call to a path that does not exist, then giving up.
    let model = Scripted::new(vec![
        calls(&[("c1", "getZone", json!({"zone_id": "nope"}))]),
        ChatMessage::assistant("I could not find it."),
    ]);
    let r = run("json-tools", &model, None).await;
    assert!(!r.success);
    assert_eq!(r.termination, Termination::Answered);
    assert_eq!(r.failure_class, Some(FailureClass::WrongEndpoint));
    assert_eq!(r.checks.state_failed.len(), 1);
    // A model that never stops calling tools hits the turn cap.
    let model = Scripted::new(vec![]);
    let r = run("json-tools", &model, None).await;
    assert_eq!((r.termination, r.turns.len()), (Termination::MaxTurns, 4));
    assert_eq!(r.failure_class, Some(FailureClass::TurnCap));
}

#[tokio::test]
async fn code_mode_episode_runs_code_and_splits_latency() {
    let mut config = SandboxConfig::new(Some(common::world_dir().join("openapi.json")));
    config.worker_bin = PathBuf::from(env!("CARGO_BIN_EXE_cmbench"));
    config.workers = 1;
    config.limits = common::test_limits();
    let sandbox = Sandbox::new(config).await.unwrap();
    let code = "async () => { const z = (await api.request({ method: 'GET', path: '/zones', query: { name: 'example.org' } })).body.result[0];\n\
                const r = await api.request({ method: 'PATCH', path: `/zones/${z.id}`, body: { paused: true } }); return r.status; }";
    let model = Scripted::new(vec![
        calls(&[("c1", "execute", json!({"code": code}))]),
        ChatMessage::assistant("Done."),
    ]);
    let r = run("code-mode", &model, Some(&sandbox)).await;
    assert!(r.success, "{:?} {:?}", r.checks, r.turns[0].tool_calls);
    assert_eq!(r.turns.len(), 2);
    assert_eq!(r.api.calls, 2);
    assert_eq!(
        r.turns[0].tool_calls[0].result,
        "{\"result\":200,\"logs\":[],\"error\":null}"
    );
    let l = r.turns[0].latency_ms;
    assert!(l.sandbox > 0.0 && l.api >= 0.0 && l.model > 0.0, "{l:?}");
    assert!(
        r.turns[0].input.tool_definitions < 1500,
        "code-mode's two tools are small"
    );
}
