//! Every pipeline end to end against the mock's test world: tool calls become HTTP requests
//! (json-tools, tool-search) or sandboxed JavaScript (code-mode, code-mode-typed), and
//! mistakes come back as typed outcomes, never panics.

mod common;

use harness::model::ToolCall;
use harness::pipeline::{self, CallOutcome, Env};
use harness::sandbox::{Sandbox, SandboxConfig};
use harness::spec::Spec;
use serde_json::{Value, json};
use std::path::PathBuf;
use std::sync::Arc;

fn spec() -> Arc<Spec> {
    Arc::new(Spec::load(common::world_dir().join("openapi.json")).unwrap())
}

fn call(id: &str, name: &str, args: Value) -> ToolCall {
    ToolCall {
        id: id.into(),
        name: name.into(),
        arguments: args.to_string(),
    }
}

fn body(o: &CallOutcome) -> Value {
    serde_json::from_str(&o.content).unwrap_or_else(|e| panic!("{e}: {}", o.content))
}

async fn sandbox() -> Sandbox {
    let mut config = SandboxConfig::new(Some(common::world_dir().join("openapi.json")));
    config.worker_bin = PathBuf::from(env!("CARGO_BIN_EXE_cmbench"));
    config.workers = 2;
    config.limits = common::test_limits();
    Sandbox::new(config).await.unwrap()
}

#[tokio::test]
async fn json_tools_calls_run_concurrently_and_fail_typed() {
    let server = common::serve(common::test_world(1), "").await;
    let episode = server.episode();
    let http = reqwest::Client::new();
    let env = Env {
        base_url: episode.base_url(),
        http: &http,
        sandbox: None,
    };
    let p = pipeline::build("json-tools", spec()).unwrap();
    assert!(!p.needs_sandbox());
    let mut s = p.session();
    let tools: Vec<Value> = serde_json::from_str(s.tools_json()).unwrap();
    assert_eq!(tools.len(), 18);
    let calls = [
        call("1", "getZone", json!({"zone_id": "z1"})),
        call("2", "listDnsRecords", json!({"zone_id": "z1"})),
        call("3", "getZone", json!({"zone_id": "nope"})),
        call("4", "getZone", json!({})),
        call("5", "getZones", json!({})),
        ToolCall {
            id: "6".into(),
            name: "getZone".into(),
            arguments: "{\"zone_id\": ".into(),
        },
    ];
    let out = s.run(env, &calls).await;
    assert_eq!(out.len(), 6);
    assert_eq!(body(&out[0])["result"]["name"], "example.com");
    assert_eq!((out[0].error.as_deref(), out[0].api_calls), (None, 1));
    assert!(body(&out[1])["result"].as_array().is_some_and(|r| !r.is_empty()));
    assert_eq!(out[2].error.as_deref(), Some("api:404"));
    assert_eq!(body(&out[2])["status"], 404);
    assert_eq!(out[3].error.as_deref(), Some("model:bad_arguments"));
    assert!(
        out[3].content.contains("missing path parameter \\\"zone_id\\\""),
        "{}",
        out[3].content
    );
    assert_eq!(out[4].error.as_deref(), Some("model:unknown_tool"));
    assert_eq!(out[5].error.as_deref(), Some("model:malformed_arguments"));
    // Only the three well-formed calls reached the API.
    assert_eq!(episode.log().len(), 3);
}

#[tokio::test]
async fn tool_search_loads_tools_before_they_can_be_called() {
    let server = common::serve(common::test_world(1), "").await;
    let episode = server.episode();
    let http = reqwest::Client::new();
    let env = Env {
        base_url: episode.base_url(),
        http: &http,
        sandbox: None,
    };
    let p = pipeline::build("tool-search", spec()).unwrap();
    let mut s = p.session();
    let start: Vec<Value> = serde_json::from_str(s.tools_json()).unwrap();
    assert_eq!(start.len(), 1);
    let out = s.run(env, &[call("1", "listZones", json!({}))]).await;
    assert_eq!(out[0].error.as_deref(), Some("model:undiscovered_tool"));
    let out = s
        .run(
            env,
            &[
                call("2", "search_tools", json!({"query": "list zones", "limit": 2})),
                call("3", "listZones", json!({})),
            ],
        )
        .await;
    let found: Vec<String> = body(&out[0])["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["function"]["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(found[0], "listZones");
    // A call in the same turn as its search still fails: the model had not seen the tool.
    assert_eq!(out[1].error.as_deref(), Some("model:undiscovered_tool"));
    let now: Vec<Value> = serde_json::from_str(s.tools_json()).unwrap();
    assert_eq!(now.len(), 3);
    let out = s.run(env, &[call("4", "listZones", json!({}))]).await;
    assert_eq!(out[0].error, None);
    assert_eq!(body(&out[0])["result"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn code_pipelines_run_javascript_against_the_episode() {
    let server = common::serve(common::test_world(1), "").await;
    let episode = server.episode();
    let http = reqwest::Client::new();
    let sb = sandbox().await;
    let env = Env {
        base_url: episode.base_url(),
        http: &http,
        sandbox: Some(&sb),
    };

    let p = pipeline::build("code-mode", spec()).unwrap();
    assert!(p.needs_sandbox());
    let mut s = p.session();
    let search = "async () => Object.keys(spec.paths).filter(p => p.includes('dns_records'))";
    let execute = "async () => { const r = await api.request({ method: 'GET', path: '/zones' }); \
                   const names = r.body.result.map(z => z.name); console.log(names.length); return names; }";
    let out = s
        .run(
            env,
            &[
                call("1", "search", json!({"code": search})),
                call("2", "execute", json!({"code": execute})),
            ],
        )
        .await;
    assert_eq!(
        body(&out[0])["result"],
        json!([
            "/zones/{zone_id}/dns_records",
            "/zones/{zone_id}/dns_records/{dns_record_id}"
        ])
    );
    assert_eq!(
        body(&out[1])["result"],
        json!(["example.com", "example.org", "alpha.net"])
    );
    assert_eq!(out[1].logs, vec!["3"]);
    assert_eq!(out[1].api_calls, 1);
    let out = s
        .run(
            env,
            &[call("3", "execute", json!({"code": "async () => { while (true) {} }"}))],
        )
        .await;
    assert_eq!(out[0].error.as_deref(), Some("sandbox:loop_limit"));
    let out = s.run(env, &[call("4", "execute", json!({"script": "x"}))]).await;
    assert_eq!(out[0].error.as_deref(), Some("model:bad_arguments"));

    let typed = pipeline::build("code-mode-typed", spec()).unwrap();
    let mut s = typed.session();
    let out = s
        .run(
            env,
            &[call(
                "5",
                "execute",
                json!({"code": "async () => (await api.getZone({ zone_id: 'z2' })).result.plan"}),
            )],
        )
        .await;
    assert_eq!(body(&out[0])["result"], "pro", "{}", out[0].content);
    let out = s
        .run(env, &[call("6", "search", json!({"code": "async () => 1"}))])
        .await;
    assert_eq!(out[0].error.as_deref(), Some("model:unknown_tool"));
}
