//! Helpers shared by the integration tests: the mock world and HTTP calls (mock tests), a
//! scripted test API and a sandbox factory (sandbox tests).
#![allow(dead_code)]

pub mod worlds;

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::IntoResponse;
use harness::mock::{Faults, MockServer, ServerOptions, World};
use harness::sandbox::{Limits, Sandbox, SandboxConfig};
use harness::spec::Spec;
use serde_json::{Value, json};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The test world's directory.
pub fn world_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mock_world")
}

/// The test world with its fixtures.
pub fn test_world(seed: u64) -> Arc<World> {
    let dir = world_dir();
    let spec = Arc::new(Spec::load(dir.join("openapi.json")).expect("test spec loads"));
    Arc::new(World::with_fixtures_file(spec, seed, &dir.join("fixtures.json")).expect("fixtures load"))
}

/// A server for `world` with `faults`.
pub async fn serve(world: Arc<World>, faults: &str) -> MockServer {
    let faults: Faults = faults.parse().expect("faults parse");
    MockServer::start(
        world,
        ServerOptions {
            faults,
            ..ServerOptions::default()
        },
    )
    .await
    .expect("server starts")
}

/// A response: status, headers and JSON body (`Null` when empty or not JSON).
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub bytes: usize,
}

/// Sends a request with an optional JSON body.
pub async fn call(client: &reqwest::Client, method: &str, url: &str, body: Option<Value>) -> Reply {
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
    let mut req = client.request(method, url);
    if let Some(b) = body {
        req = req.header("content-type", "application/json").body(b.to_string());
    }
    finish(req).await
}

/// Sends a form-encoded body.
pub async fn call_form(client: &reqwest::Client, method: &str, url: &str, form: &str) -> Reply {
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
    let req = client
        .request(method, url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form.to_string());
    finish(req).await
}

async fn finish(req: reqwest::RequestBuilder) -> Reply {
    let resp = req.send().await.expect("request reaches the mock");
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let bytes = resp.bytes().await.expect("body");
    Reply {
        status,
        headers,
        body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        bytes: bytes.len(),
    }
}

/// Ids of the items in a Cloudflare-style list answer.
pub fn ids(body: &Value) -> Vec<String> {
    body["result"]
        .as_array()
        .or_else(|| body["data"].as_array())
        .expect("a list")
        .iter()
        .map(|i| i["id"].as_str().expect("id").to_string())
        .collect()
}

/// A small spec with list, get and create operations.
pub const SPEC: &str = r##"{"openapi":"3.0.0","info":{"title":"Test API","version":"1"},
 "paths":{
  "/zones":{"get":{"operationId":"listZones","tags":["zones"],"summary":"List zones",
     "parameters":[{"name":"name","in":"query","schema":{"type":"string"}}],
     "responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Zones"}}}}}}},
  "/zones/{zone_id}":{"get":{"operationId":"getZone","tags":["zones"],
     "parameters":[{"name":"zone_id","in":"path","required":true,"schema":{"type":"string"}}],
     "responses":{"200":{"description":"ok"}}}},
  "/zones/{zone_id}/records":{"post":{"operationId":"createRecord","tags":["dns"],
     "parameters":[{"name":"zone_id","in":"path","required":true,"schema":{"type":"string"}}],
     "requestBody":{"required":true,"content":{"application/json":{"schema":{"type":"object"}}}},
     "responses":{"200":{"description":"ok"}}}},
  "/slow":{"get":{"operationId":"slow","tags":["misc"],"responses":{"200":{"description":"ok"}}}}
 },
 "components":{"schemas":{"Zone":{"type":"object","properties":{"id":{"type":"string"}}},
   "Zones":{"type":"array","items":{"$ref":"#/components/schemas/Zone"}}}}}"##;

/// Every request the test server saw, as `METHOD uri`.
pub type Hits = Arc<Mutex<Vec<String>>>;

/// Starts the test API on 127.0.0.1; returns the episode base URL and the hit log.
pub async fn server() -> (String, Hits) {
    let hits: Hits = Arc::new(Mutex::new(Vec::new()));
    let log = hits.clone();
    let app = Router::new().fallback(move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
        let log = log.clone();
        async move { handle(log, method, uri, headers, body).await }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (format!("http://{addr}/ep/1"), hits)
}

async fn handle(log: Hits, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> axum::response::Response {
    log.lock().unwrap().push(format!("{method} {uri}"));
    let path = uri.path().to_string();
    let Some(rest) = path.strip_prefix("/ep/1") else {
        return (StatusCode::FORBIDDEN, "outside the episode").into_response();
    };
    let query = uri.query().unwrap_or("").to_string();
    if rest == "/slow" {
        let ms: u64 = query.strip_prefix("ms=").and_then(|v| v.parse().ok()).unwrap_or(100);
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    if rest.starts_with("/zones/missing") {
        return (StatusCode::NOT_FOUND, axum::Json(json!({"error": "no such zone"}))).into_response();
    }
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let header = headers.get("x-test").map(|v| v.to_str().unwrap_or("").to_string());
    axum::Json(json!({"method": method.as_str(), "path": rest, "query": query, "body": body, "x_test": header}))
        .into_response()
}

/// Writes the test spec to a temporary file (once per test process) and returns its path.
pub fn spec_file() -> PathBuf {
    static PATH: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    PATH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("cmbench-sandbox-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("spec.json");
        std::fs::write(&path, SPEC).unwrap();
        path
    })
    .clone()
}

/// A sandbox over the test spec with `workers` workers and a short timeout.
pub async fn sandbox(workers: usize, limits: Limits) -> Sandbox {
    let mut config = SandboxConfig::new(Some(spec_file()));
    config.worker_bin = PathBuf::from(env!("CARGO_BIN_EXE_cmbench"));
    config.workers = workers;
    config.limits = limits;
    Sandbox::new(config).await.unwrap()
}

/// Limits with a short timeout for tests.
pub fn test_limits() -> Limits {
    Limits {
        timeout_ms: 2_000,
        memory_bytes: 1 << 30,
        ..Limits::default()
    }
}

/// A fan-out task on the test world.
pub const PAUSE_TOML: &str = r#"
title = "Pause active zones"
prompt = "Pause every active zone that is not paused yet and tell me which ones."
pattern = "fan-out-writes"
difficulty = "easy"
allowed_writes = ["/zones"]

[[check]]
kind = "absent"
collection = "/zones"
where = { status = "active", paused = false }

[[check]]
kind = "unchanged"
collection = "/customers"

[answer]
contains = ["example.com"]
excludes = ["alpha.net"]
"#;

/// Its reference solution.
pub const PAUSE_JS: &str = "async () => {
  const zones = (await api.request({ method: 'GET', path: '/zones', query: { status: 'active' } })).body.result;
  const open = zones.filter(z => !z.paused);
  await Promise.all(open.map(z => api.request({ method: 'PATCH', path: `/zones/${z.id}`, body: { paused: true } })));
  return `Paused: ${open.map(z => z.name).join(', ')}`;
}
";

/// A read-only pagination task on the test world.
pub const COUNT_TOML: &str = r#"
title = "Count DNS records"
prompt = "How many DNS records does example.com have?"
pattern = "pagination"
difficulty = "easy"

[answer]
number = 7
"#;

/// Its reference solution.
pub const COUNT_JS: &str = "async () => {
  let page = 1, total = 0;
  for (;;) {
    const r = (await api.request({ method: 'GET', path: '/zones/z1/dns_records', query: { page, per_page: 3 } })).body;
    total += r.result.length;
    if (page >= r.result_info.total_pages) break;
    page++;
  }
  return `example.com has ${total} DNS records`;
}
";

/// A throwaway corpus in a temp dir: `specs/test` (the mock test world) and two tasks.
pub fn corpus(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("cmbench-run-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("specs/test")).unwrap();
    std::fs::create_dir_all(root.join("tasks/test")).unwrap();
    for f in ["openapi.json", "fixtures.json"] {
        std::fs::copy(world_dir().join(f), root.join("specs/test").join(f)).unwrap();
    }
    for (file, text) in [
        ("pause-active.toml", PAUSE_TOML),
        ("pause-active.js", PAUSE_JS),
        ("count-records.toml", COUNT_TOML),
        ("count-records.js", COUNT_JS),
    ] {
        std::fs::write(root.join("tasks/test").join(file), text).unwrap();
    }
    root
}

/// A run's records keyed by episode, with everything that differs between two runs of the
/// same conversation (measured wall times, the run id) blanked: a recorded run and its
/// replay must be equal under this.
pub fn normalised_records(dir: &std::path::Path) -> std::collections::BTreeMap<String, Value> {
    let strip = |r: &harness::record::Record| {
        let mut v = serde_json::to_value(r).unwrap();
        v["latency_ms"] = Value::Null;
        v["run_id"] = Value::Null;
        for t in v["turns"].as_array_mut().unwrap() {
            t["latency_ms"] = Value::Null;
        }
        v
    };
    harness::record::read_records(dir.join("records.jsonl"))
        .unwrap()
        .iter()
        .map(|r| (r.episode_key(), strip(r)))
        .collect()
}
