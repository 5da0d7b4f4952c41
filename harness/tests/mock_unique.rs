//! Uniqueness over real HTTP: a generated world's `unique` fields make duplicate creates,
//! replaces and updates answer 409 naming the existing item, in the world's envelope.

use harness::mock::{MockServer, ServerOptions};
use serde_json::{Value, json};
use std::sync::Arc;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unique_fields_answer_409_naming_the_existing_item() {
    let specs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    if !specs.join("edge/openapi.json").exists() {
        eprintln!("skipped: no specs/edge");
        return;
    }
    let world = harness::mock::load_world(&specs, "edge", 0).expect("edge loads");
    let server = MockServer::start(Arc::new(world), ServerOptions::default())
        .await
        .unwrap();
    let base = server.episode().base_url().to_string();
    let c = reqwest::Client::new();
    let records = format!("{base}/zones/ee13fffd6a68deb659738b76b1519771/dns_records");
    let send = |method: reqwest::Method, url: String, body: Value| {
        let c = c.clone();
        async move {
            let r = c.request(method, url).json(&body).send().await.unwrap();
            (r.status().as_u16(), r.json::<Value>().await.unwrap())
        }
    };
    let apex = json!({"type": "A", "name": "example.com", "content": "203.0.113.10"});
    let (status, body) = send(reqwest::Method::POST, records.clone(), apex).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["success"], false);
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("1c0980292e7e736c20ca207bd771ff2d")
            && message.contains("name \"example.com\"")
            && message.contains("content \"203.0.113.10\""),
        "{message}"
    );
    // Another content is another record; updating it onto the first one's content is a duplicate again.
    let (status, body) = send(
        reqwest::Method::POST,
        records.clone(),
        json!({"type": "A", "name": "example.com", "content": "203.0.113.99"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let id = body["result"]["id"].as_str().unwrap().to_string();
    let (status, _) = send(
        reqwest::Method::PATCH,
        format!("{records}/{id}"),
        json!({"content": "203.0.113.10"}),
    )
    .await;
    assert_eq!(status, 409);
    let (status, _) = send(reqwest::Method::PATCH, format!("{records}/{id}"), json!({"ttl": 300})).await;
    assert_eq!(status, 200, "an item never conflicts with itself");
    let (status, body) = send(
        reqwest::Method::POST,
        format!("{base}/zones"),
        json!({"name": "example.org", "account_id": "80bd5d315ebe3bce7cadedcc8821cf86"}),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    // The rule is in the spec the model reads.
    let spec: Value = serde_json::from_str(&std::fs::read_to_string(specs.join("edge/openapi.json")).unwrap()).unwrap();
    assert_eq!(
        spec["components"]["schemas"]["DnsRecord"]["x-cmbench-unique"],
        json!([["name", "type", "content"]])
    );
    let create = spec["paths"]["/zones/{zone_id}/dns_records"]["post"]["description"]
        .as_str()
        .unwrap();
    assert!(create.contains("409 Conflict"), "{create}");
    server.shutdown().await;
}
