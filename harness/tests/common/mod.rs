//! Helpers shared by the mock server integration tests.
#![allow(dead_code)]

use harness::mock::{Faults, MockServer, ServerOptions, World};
use harness::spec::Spec;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;

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
