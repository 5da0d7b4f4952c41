//! The oracle: the reference solution's trace becomes each pipeline's ideal turns, and
//! those turns succeed through the real pipelines, mock and sandbox.

mod common;

use harness::episode::{self, EpisodeConfig, EpisodeInput};
use harness::model::oracle::{self, OracleModel};
use harness::model::profile::Profile;
use harness::pipeline;
use harness::sandbox::{Sandbox, SandboxConfig};
use harness::spec::Spec;
use harness::task::{AnswerCheck, Check, Difficulty, Pattern, Task};
use harness::tokens::PrefixCache;
use std::path::PathBuf;
use std::sync::Arc;

const SOLUTION: &str = "async () => {
  const zones = (await api.request({ method: 'GET', path: '/zones', query: { status: 'active' } })).body.result;
  const open = zones.filter(z => !z.paused);
  await Promise.all(open.map(z => api.request({ method: 'PATCH', path: `/zones/${z.id}`, body: { paused: true } })));
  const user = (await api.request({ method: 'GET', path: '/user' })).body.result;
  return `Paused ${open.length} active zone(s) for ${user.email ?? user.id}: ${open.map(z => z.name).join(', ')}`;
}";

fn task() -> Task {
    let check: Check =
        toml::from_str("kind = \"absent\"\ncollection = \"/zones\"\nwhere = { status = \"active\", paused = false }")
            .unwrap();
    let untouched: Check = toml::from_str("kind = \"unchanged\"\ncollection = \"/customers\"").unwrap();
    Task {
        id: "test/pause-active".into(),
        world: "test".into(),
        title: "Pause every active zone".into(),
        prompt: "Pause every active zone that is not paused yet and tell me which.".into(),
        tags: vec![],
        pattern: Pattern::FanOutWrites,
        difficulty: Difficulty::Medium,
        fixtures: None,
        checks: vec![check, untouched],
        answer: Some(AnswerCheck {
            contains: vec!["example.com".into()],
            excludes: vec!["alpha.net".into()],
            number: Some(1.0),
            tolerance: 0.0,
        }),
        allowed_writes: vec!["/zones".into()],
        max_turns: None,
        file: PathBuf::from("pause-active.toml"),
        solution: SOLUTION.into(),
    }
}

async fn sandbox() -> Sandbox {
    let mut config = SandboxConfig::new(Some(common::world_dir().join("openapi.json")));
    config.worker_bin = PathBuf::from(env!("CARGO_BIN_EXE_cmbench"));
    config.workers = 1;
    config.limits = common::test_limits();
    Sandbox::new(config).await.unwrap()
}

#[tokio::test]
async fn oracle_succeeds_on_every_pipeline_with_the_fewest_round_trips() {
    let spec = Arc::new(Spec::load(common::world_dir().join("openapi.json")).unwrap());
    let server = common::serve(common::test_world(5), "").await;
    let sb = sandbox().await;
    let t = task();

    // Trace once against a fresh episode.
    let tracing = server.episode();
    let trace = oracle::trace(&sb, tracing.base_url(), &t.solution).await.unwrap();
    let segments: Vec<(u64, &str)> = trace.requests.iter().map(|r| (r.segment, r.method.as_str())).collect();
    assert_eq!(segments.len(), 3, "{segments:?}");
    assert_eq!(segments[1].1, "PATCH");
    assert!(
        segments[0].0 < segments[1].0 && segments[1].0 < segments[2].0,
        "{segments:?}"
    );

    let http = reqwest::Client::new();
    let cache = PrefixCache::new();
    let config = EpisodeConfig {
        profile: Some(Profile::load("gpt-4o").unwrap()),
        ..EpisodeConfig::default()
    };
    let mut round_trips = Vec::new();
    for name in pipeline::NAMES {
        let p = pipeline::build(name, spec.clone()).unwrap();
        let turns = oracle::plan(name, &spec, &t.solution, &trace, true).unwrap();
        let model = OracleModel::new(turns);
        let mock = server.episode();
        let record = episode::run(EpisodeInput {
            task: &t,
            api_title: &spec.title,
            pipeline: p.as_ref(),
            model: &model,
            mock: &mock,
            sandbox: Some(&sb),
            http: &http,
            trial: 0,
            seed: 5,
            prefix_cache: &cache,
            config: &config,
        })
        .await;
        assert!(
            record.success,
            "{name}: {:?}\n{:#?}",
            record.checks,
            record.turns.iter().map(|t| &t.tool_calls).collect::<Vec<_>>()
        );
        assert_eq!(record.model, "oracle");
        assert_eq!(record.api.writes, 1, "{name}");
        // The model time is the profile's estimate.
        assert!(record.latency_ms.model > 0.0);
        round_trips.push((name, record.round_trips()));
    }
    // json-tools: list, patch, user, answer; code-mode: search, execute, answer;
    // typed: execute, answer; tool-search: searches, then json-tools' turns.
    assert_eq!(
        round_trips,
        vec![
            ("json-tools", 4),
            ("code-mode", 3),
            ("code-mode-typed", 2),
            ("tool-search", 5)
        ]
    );

    // Without parallel tool calls json-tools needs one turn per request (here the same,
    // since only one zone needed pausing; the plan still has one call per turn).
    let serial = oracle::plan("json-tools", &spec, &t.solution, &trace, false).unwrap();
    assert!(serial.iter().all(|m| m.tool_calls.len() <= 1));
}

#[test]
fn undeclared_query_parameters_are_reported() {
    let spec = Spec::load(common::world_dir().join("openapi.json")).unwrap();
    let names = harness::surface::names::tool_names(spec.operations.iter().map(|o| o.operation_id.as_str()));
    let req = harness::sandbox::TracedRequest {
        segment: 1,
        key: vec![],
        method: "GET".into(),
        path: "/zones".into(),
        query: vec![("per_page".into(), "50".into()), ("colour".into(), "red".into())],
        headers: vec![],
        body: None,
        status: 200,
    };
    let err = oracle::tool_call(&spec, &names, &req, "c".into()).unwrap_err();
    assert!(err.contains("query parameter \"colour\""), "{err}");
    let ok = harness::sandbox::TracedRequest {
        query: vec![("per_page".into(), "50".into())],
        ..req
    };
    let call = oracle::tool_call(&spec, &names, &ok, "c".into()).unwrap();
    assert_eq!(
        (call.name.as_str(), call.arguments.as_str()),
        ("listZones", "{\"per_page\":50}")
    );
}
