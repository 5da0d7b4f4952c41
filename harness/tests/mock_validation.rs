//! Request validation over real HTTP beyond types and enums: `pattern`, `not` and header
//! parameters; `pattern` and `format` on query and path parameters.

use harness::mock::{MockServer, ServerOptions, World};
use harness::spec::Spec;
use serde_json::{Value, json};
use std::sync::Arc;

const SPEC: &str = r##"{
  "openapi": "3.0.3",
  "info": {"title": "Things", "version": "1"},
  "paths": {
    "/things": {
      "get": {"operationId": "list-things",
        "parameters": [
          {"name": "name", "in": "query", "schema": {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"}},
          {"name": "since", "in": "query", "schema": {"type": "string", "format": "date-time"}}
        ],
        "responses": {"200": {"description": "ok",
        "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}}}}}},
      "post": {
        "operationId": "create-thing",
        "parameters": [
          {"name": "X-Request-Id", "in": "header", "required": true, "schema": {"type": "string", "pattern": "^[0-9a-f]{8}$"}},
          {"name": "X-Mode", "in": "header", "schema": {"type": "string", "enum": ["fast", "safe"]}},
          {"name": "X-Retries", "in": "header", "schema": {"type": "integer", "maximum": 3}},
          {"name": "Content-Type", "in": "header", "required": true, "schema": {"type": "string"}}
        ],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
        "responses": {"201": {"description": "created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                      "422": {"description": "invalid"}}
      }
    },
    "/things/{thing_id}": {
      "get": {"operationId": "get-thing",
        "parameters": [{"name": "thing_id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^th_[0-9]+$"}}],
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}}
    }
  },
  "components": {"schemas": {"Thing": {
    "type": "object", "required": ["name"],
    "properties": {
      "id": {"type": "string", "readOnly": true},
      "name": {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"},
      "kind": {"type": "string", "not": {"enum": ["root", "system"]}}
    }
  }}}
}"##;

async fn things() -> (MockServer, String) {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("cmbench-validation-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("things.json");
    std::fs::write(&path, SPEC).unwrap();
    let spec = Arc::new(Spec::load(&path).expect("spec loads"));
    let mut world = World::new(spec, 1);
    world.generate = false;
    let server = MockServer::start(Arc::new(world), ServerOptions::default())
        .await
        .unwrap();
    let base = server.episode().base_url().to_string();
    (server, base)
}

async fn post(base: &str, headers: &[(&str, &str)], body: Value) -> (u16, Value) {
    let mut req = reqwest::Client::new().post(format!("{base}/things")).json(&body);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn headers_patterns_and_not_are_enforced() {
    let (server, base) = things().await;
    let id = ("X-Request-Id", "0badcafe");
    let (status, body) = post(&base, &[], json!({"name": "a"})).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["message"], "Invalid request headers");
    assert_eq!(body["errors"], json!(["header X-Request-Id: is required"]));
    let (status, body) = post(
        &base,
        &[("X-Request-Id", "nope"), ("X-Mode", "turbo"), ("X-Retries", "9")],
        json!({"name": "a"}),
    )
    .await;
    assert_eq!(status, 400, "{body}");
    let text = body["errors"].to_string();
    assert!(
        text.contains("header X-Request-Id: must match the pattern ^[0-9a-f]{8}$"),
        "{text}"
    );
    assert!(
        text.contains("header X-Mode: must be one of \\\"fast\\\", \\\"safe\\\""),
        "{text}"
    );
    assert!(text.contains("header X-Retries: must be <= 3, got 9"), "{text}");
    let (status, body) = post(&base, &[id], json!({"name": "Not Valid", "kind": "root"})).await;
    assert_eq!(status, 422, "{body}");
    let text = body["errors"].to_string();
    assert!(
        text.contains("body.name: must match the pattern ^[a-z][a-z0-9-]*$"),
        "{text}"
    );
    assert!(
        text.contains("body.kind: must not be one of \\\"root\\\", \\\"system\\\""),
        "{text}"
    );
    let (status, body) = post(
        &base,
        &[id, ("X-Mode", "safe"), ("X-Retries", "2")],
        json!({"name": "web-1", "kind": "app"}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["name"], "web-1");
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn query_and_path_parameters_are_held_to_pattern_and_format() {
    let (server, base) = things().await;
    let get = |url: String| async move {
        let resp = reqwest::get(url).await.unwrap();
        (
            resp.status().as_u16(),
            resp.json::<Value>().await.unwrap_or(Value::Null),
        )
    };
    let (status, body) = get(format!("{base}/things?name=Not%20Valid&since=yesterday")).await;
    assert_eq!(status, 400, "{body}");
    let text = body["errors"].to_string();
    assert!(
        text.contains("query parameter name: must match the pattern ^[a-z][a-z0-9-]*$"),
        "{text}"
    );
    assert!(
        text.contains("query parameter since") && text.contains("date-time"),
        "{text}"
    );
    let (status, body) = get(format!("{base}/things?name=web-1&since=2026-11-20T12:00:00Z")).await;
    assert_eq!(status, 200, "{body}");
    // A path parameter that cannot match names nothing that exists: 404 with the reason.
    let (status, body) = get(format!("{base}/things/42")).await;
    assert_eq!(status, 404, "{body}");
    assert!(
        body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("path parameter thing_id: must match the pattern ^th_[0-9]+$"),
        "{body}"
    );
    let (status, _) = get(format!("{base}/things/th_42")).await;
    assert_eq!(status, 404, "a well-formed id of a missing thing is still not found");
    server.shutdown().await;
}
