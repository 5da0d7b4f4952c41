//! Enveloped answers follow the whole success schema as Cloudflare writes it: every `allOf`
//! part that describes `result` (or a list's items) holds, and fields required beside the
//! envelope are sent.

mod common;

use harness::mock::World;
use harness::mock::schema::validate;
use harness::spec::Spec;
use serde_json::{Value, json};
use std::path::Path;
use std::sync::Arc;

fn envelope(result: Value) -> Value {
    json!({"allOf": [
        {"$ref": "#/components/schemas/common"},
        {"properties": {"result": result}}
    ]})
}

fn ok(schema: Value) -> Value {
    json!({"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}})
}

fn spec() -> Value {
    let report_rows = json!({"type": "array", "items": {"type": "object", "required": ["dimensions"],
        "properties": {"dimensions": {"type": "array", "items": {"type": "string"}}}}});
    let report = json!({"allOf": [
        {"type": "object", "required": ["rows", "data"], "properties": {"rows": {"type": "number"}, "data": report_rows}},
        {"properties": {"data": {"items": {"required": ["metrics"],
            "properties": {"metrics": {"type": "array", "items": {"type": "number"}}}}}}}
    ]});
    json!({
        "openapi": "3.0.3",
        "info": {"title": "envelopes", "version": "1"},
        "paths": {
            "/zones/{zone_id}/report": {"get": {"operationId": "getReport",
                "parameters": [{"name": "zone_id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": ok(envelope(report))}},
            "/events": {"get": {"operationId": "listEvents",
                "responses": ok(json!({"allOf": [
                    {"$ref": "#/components/schemas/common"},
                    {"properties": {
                        "result": {"type": "object", "required": ["events"], "properties": {"events": {"type": "array", "items": {"type": "string"}}}},
                        "result_info": {"type": "object", "required": ["count", "page"],
                            "properties": {"count": {"type": "integer"}, "page": {"type": "integer"}}}},
                     "required": ["result_info"]}]}))}},
            "/queues": {"get": {"operationId": "listQueues",
                "responses": ok(json!({"allOf": [
                    {"$ref": "#/components/schemas/common"},
                    {"properties": {"result": {"type": "array", "items": {"type": "object",
                        "properties": {"queue_id": {"type": "string"}}}}},
                     "required": ["queue_name", "created_on"], "type": "object"}]}))}},
            "/queues/{queue_id}": {"delete": {"operationId": "deleteQueue",
                "parameters": [{"name": "queue_id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": ok(json!({"allOf": [
                    {"$ref": "#/components/schemas/common"},
                    {"properties": {"result": {"type": "array", "nullable": true, "items": {}}}},
                    {"properties": {"result": {}}}]}))}},
            "/datasets/{dataset_id}/fields": {"get": {"operationId": "getFields",
                "parameters": [{"name": "dataset_id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": ok(envelope(json!({"type": "object",
                    "items": {"type": "object", "properties": {"key": {"type": "string"}}}})))}}
        },
        "components": {"schemas": {"common": {"type": "object", "required": ["success", "errors", "messages", "result"],
            "properties": {
                "success": {"type": "boolean"},
                "errors": {"type": "array", "items": {}},
                "messages": {"type": "array", "items": {}},
                "result": {"anyOf": [{"type": "object"}, {"type": "array", "items": {}}, {"type": "string"}]}}}}}
    })
}

#[tokio::test]
async fn enveloped_answers_match_every_part_of_their_success_schema() {
    let doc = spec();
    let spec = Arc::new(Spec::from_text(&doc.to_string(), Path::new("envelopes.json")).expect("spec loads"));
    let server = common::serve(Arc::new(World::new(spec.clone(), 5)), "").await;
    let ep = server.episode();
    let http = reqwest::Client::new();
    let base = ep.base_url().to_string();
    let schema_of = |id: &str| {
        let op = spec
            .operations
            .iter()
            .find(|o| o.operation_id == id)
            .expect("operation");
        op.success_response().and_then(|r| r.schema.clone()).expect("schema")
    };
    let mut misses = Vec::new();
    for (id, method, path) in [
        ("getReport", "GET", "/zones/z1/report"),
        ("listEvents", "GET", "/events"),
        ("listQueues", "GET", "/queues"),
        ("deleteQueue", "DELETE", "/queues/q1"),
        ("getFields", "GET", "/datasets/d1/fields"),
    ] {
        let reply = common::call(&http, method, &format!("{base}{path}"), None).await;
        let problems = validate(&spec.doc, &schema_of(id), &reply.body, "response");
        if reply.status != 200 || !problems.is_empty() {
            misses.push(format!(
                "{id} -> {}: {} {}",
                reply.status,
                problems.join("; "),
                reply.body
            ));
        }
    }
    assert!(
        misses.is_empty(),
        "answers that miss their schema:\n{}",
        misses.join("\n")
    );
    // List rows carry what each part of the row schema requires.
    let report = common::call(&http, "GET", &format!("{base}/zones/z1/report"), None).await;
    let row = &report.body["result"]["data"][0];
    assert!(row["dimensions"].is_array() && row["metrics"].is_array(), "{row}");
    // `items` beside `type: object` does not make a list.
    let fields = common::call(&http, "GET", &format!("{base}/datasets/d1/fields"), None).await;
    assert!(fields.body["result"].is_object(), "{}", fields.body);
    server.shutdown().await;
}
