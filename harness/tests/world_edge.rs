//! The generated `edge` world: its spec, its fixtures, regeneration and serving every operation.

mod common;

use common::worlds::{
    assert_fixtures_fit_schemas, assert_regenerates, assert_singletons_fit_schemas, committed_spec, committed_world,
    concrete_path, count_items, smoke_order, specs_dir,
};
use common::{call, serve};
use harness::mock::generate::Generator;
use harness::mock::{State, World};
use harness::spec::Spec;
use harness::worlds::edge::{DECOYS, NOISY};
use harness::worlds::fixtures::NOW;
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

fn edge_spec() -> Arc<Spec> {
    committed_spec("edge")
}

fn edge_world() -> Arc<World> {
    committed_world("edge")
}

/// The concrete collection path of the first zone named `name`.
fn zone_id(state: &State, name: &str) -> String {
    state.collections["/zones"]
        .iter()
        .find(|(_, z)| z["name"] == json!(name))
        .map(|(k, _)| k.clone())
        .expect("zone exists")
}

#[test]
fn spec_has_400_described_operations_with_unique_ids() {
    let spec = edge_spec();
    assert!(spec.operations.len() >= 400, "{} operations", spec.operations.len());
    let mut seen = HashSet::new();
    for op in &spec.operations {
        assert!(seen.insert(op.operation_id.clone()), "duplicate {}", op.operation_id);
        assert!(!op.operation_id_synthesized, "{} {}", op.method, op.path);
        assert!(
            op.operation_id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{}",
            op.operation_id
        );
        assert!(
            op.summary.as_deref().is_some_and(|s| !s.is_empty()),
            "{}",
            op.operation_id
        );
        assert!(
            op.description.as_deref().is_some_and(|s| s.len() > 20),
            "{}",
            op.operation_id
        );
        assert_eq!(op.tags.len(), 1, "{}", op.operation_id);
        assert!(
            op.parameters.iter().all(|p| p.description.is_some()),
            "{} has an undescribed parameter",
            op.operation_id
        );
    }
    assert!(spec.operation("dns-records-list").is_some());
    assert!(spec.operation("access-rules-create").is_some());
    assert!(spec.operation("request-logs-list").is_some());
    assert!(spec.refs.external.is_empty());
}

#[test]
fn regeneration_is_byte_identical() {
    assert_regenerates("edge", 4_000_000);
}

#[test]
fn every_fixture_matches_its_schema() {
    let world = edge_world();
    let checked = assert_fixtures_fit_schemas(&world) + assert_singletons_fit_schemas(&world);
    assert!(checked > 7_000, "{checked} fixtures checked");
    let dns = count_items(&world, "/dns_records");
    assert!((250..=400).contains(&dns), "{dns} DNS records");
}

#[test]
fn request_log_has_exactly_the_noisy_clients_above_1000_in_the_last_hour() {
    let world = edge_world();
    let zone = zone_id(&world.initial, "example.com");
    let logs = &world.initial.collections[&format!("/zones/{zone}/logs/requests")];
    let cutoff = harness::worlds::fixtures::rfc3339(NOW - 3_600);
    let mut last_hour: HashMap<&str, usize> = HashMap::new();
    for entry in logs.values() {
        if entry["datetime"].as_str().expect("datetime") >= cutoff.as_str() {
            *last_hour.entry(entry["client_ip"].as_str().expect("ip")).or_default() += 1;
        }
    }
    let mut above: Vec<(&str, usize)> = last_hour
        .iter()
        .filter(|(_, n)| **n > 1_000)
        .map(|(k, v)| (*k, *v))
        .collect();
    above.sort_by_key(|b| std::cmp::Reverse(b.1));
    assert_eq!(above, NOISY.to_vec());
    for (ip, hour, _) in DECOYS {
        assert_eq!(last_hour[ip], hour, "{ip}");
    }
    let total: usize = world
        .initial
        .collections
        .iter()
        .filter(|(p, _)| p.ends_with("/logs/requests"))
        .map(|(_, c)| c.len())
        .sum();
    assert!((5_000..8_000).contains(&total), "{total} log entries");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn realistic_queries_page_and_filter() {
    let world = edge_world();
    let zone = zone_id(&world.initial, "example.com");
    let server = serve(world, "").await;
    let ep = server.episode();
    let base = ep.base_url().to_string();
    let c = reqwest::Client::new();
    let page = call(
        &c,
        "GET",
        &format!("{base}/zones/{zone}/dns_records?per_page=50&page=3"),
        None,
    )
    .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(
        page.body["result_info"],
        json!({"page": 3, "per_page": 50, "count": 20, "total_count": 120, "total_pages": 3})
    );
    let (ip, n) = NOISY[0];
    let logs = call(
        &c,
        "GET",
        &format!("{base}/zones/{zone}/logs/requests?client_ip={ip}&per_page=1000"),
        None,
    )
    .await;
    assert_eq!(logs.body["result_info"]["total_count"], json!(n));
    assert_eq!(logs.body["result_info"]["total_pages"], json!(2));
    assert!(
        logs.body["result"]
            .as_array()
            .expect("array")
            .iter()
            .all(|e| e["client_ip"] == json!(ip))
    );
    let zones = call(&c, "GET", &format!("{base}/zones?name=example.com"), None).await;
    assert_eq!(zones.body["result"][0]["id"], json!(zone));
    let rule = call(
        &c,
        "POST",
        &format!("{base}/zones/{zone}/firewall/access_rules/rules"),
        Some(json!({"mode": "block", "target": "ip", "value": ip, "notes": "DDoS"})),
    )
    .await;
    assert_eq!(rule.status, 200, "{}", rule.body);
    let blocked = call(
        &c,
        "GET",
        &format!("{base}/zones/{zone}/firewall/access_rules/rules?mode=block&value={ip}"),
        None,
    )
    .await;
    assert_eq!(blocked.body["result_info"]["total_count"], json!(1));
    let unknown = call(&c, "GET", &format!("{base}/zones/{zone}/dns_records/ffff"), None).await;
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.body["success"], json!(false));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_answers_2xx_in_the_envelope() {
    let world = edge_world();
    let state = world.initial.clone();
    let spec = world.spec.clone();
    let server = serve(world, "").await;
    let ep = server.episode();
    let base = ep.base_url().to_string();
    let c = reqwest::Client::new();
    // Reads and writes first, deletes last and deepest first, so parents outlive their children.
    for i in smoke_order(&spec) {
        let op = &spec.operations[i];
        let path = concrete_path(&state, &op.path).unwrap_or_else(|| panic!("no fixture path for {}", op.path));
        let body = op.request_body.as_ref().map(|b| {
            let schema = spec.inline(&b.schema);
            Generator::new(&spec.doc, 7, &op.operation_id).value(&schema)
        });
        let reply = call(&c, &op.method.to_uppercase(), &format!("{base}{path}"), body.clone()).await;
        assert!(
            (200..300).contains(&reply.status) && reply.body["success"] == json!(true),
            "{} {} {path} with {body:?}: {} {}",
            op.operation_id,
            op.method,
            reply.status,
            reply.body
        );
        assert!(reply.body.get("result").is_some(), "{}", op.operation_id);
    }
}

#[test]
fn padding_adds_exactly_n_operations_and_keeps_the_rest() {
    let dir = specs_dir();
    let original: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("edge/openapi.json")).expect("spec")).expect("json");
    let before = edge_spec();
    for n in [0, 1, 7, 250, 2_600 - before.operations.len()] {
        let padded = harness::worlds::pad(&original, n, 3).expect("pads");
        assert_eq!(
            padded,
            harness::worlds::pad(&original, n, 3).expect("pads"),
            "deterministic"
        );
        let spec = Spec::from_value(padded.clone(), harness::spec::Syntax::Json, &dir.join("padded.json"))
            .expect("padded spec loads");
        assert_eq!(spec.operations.len(), before.operations.len() + n);
        let ids: HashSet<&str> = spec.operations.iter().map(|o| o.operation_id.as_str()).collect();
        assert_eq!(ids.len(), spec.operations.len(), "unique operationIds");
        assert!(spec.operations.iter().all(|o| !o.operation_id_synthesized));
        for (path, item) in original["paths"].as_object().expect("paths") {
            assert_eq!(&padded["paths"][path], item, "{path} untouched");
        }
        for (name, schema) in original["components"]["schemas"].as_object().expect("schemas") {
            assert_eq!(&padded["components"]["schemas"][name], schema, "{name} untouched");
        }
        assert!(spec.refs.external.is_empty());
    }
    let too_many = harness::worlds::pad(&original, 1_000_000, 0).expect_err("too many");
    assert!(too_many.0.contains("only"), "{too_many}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_small_spec_pads_to_2600_operations_that_the_mock_serves() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mock_world/openapi.json");
    let small = Spec::load(&path).expect("test world");
    let n = 2_600 - small.operations.len();
    let padded = harness::worlds::pad(&small.doc, n, 11).expect("pads");
    // The test world's own `ResultInfo` differs from the generated one: it stays, ours is renamed.
    assert_eq!(
        padded["components"]["schemas"]["ResultInfo"],
        small.doc["components"]["schemas"]["ResultInfo"]
    );
    assert!(padded["components"]["schemas"].get("ResultInfo2").is_some());
    let spec = Arc::new(Spec::from_value(padded, harness::spec::Syntax::Json, &path).expect("loads"));
    assert_eq!(spec.operations.len(), 2_600);
    assert!(spec.refs.external.is_empty());
    let list = spec
        .operations
        .iter()
        .find(|o| o.operation_id.ends_with("-list") && o.path.starts_with("/accounts/"))
        .expect("a padded list")
        .path
        .replace("{account_id}", "acc1");
    let server = serve(Arc::new(World::new(spec, 5)), "").await;
    let ep = server.episode();
    let reply = call(
        &reqwest::Client::new(),
        "GET",
        &format!("{}{list}", ep.base_url()),
        None,
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["result_info"]["total_count"], json!(3));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_filter_by_role_and_status() {
    let world = edge_world();
    let account = world.initial.collections["/accounts"]
        .iter()
        .find(|(_, a)| a["name"] == json!("Acme Corp"))
        .map(|(k, _)| k.clone())
        .expect("account");
    let members = &world.initial.collections[&format!("/accounts/{account}/members")];
    let dns_admins = members
        .values()
        .filter(|m| m["roles"].as_array().is_some_and(|r| r.contains(&json!("dns_admin"))))
        .count();
    assert!(dns_admins >= 2, "{dns_admins}");
    let server = serve(world, "").await;
    let ep = server.episode();
    let url = format!(
        "{}/accounts/{account}/members?roles=dns_admin&status=accepted",
        ep.base_url()
    );
    let reply = call(&reqwest::Client::new(), "GET", &url, None).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let found = reply.body["result"].as_array().expect("array");
    assert!(!found.is_empty() && found.len() <= dns_admins);
    assert!(found.iter().all(
        |m| m["status"] == json!("accepted") && m["roles"].as_array().expect("roles").contains(&json!("dns_admin"))
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn padded_edge_spec_serves_the_edge_fixtures_with_empty_distractors() {
    let dir = specs_dir();
    let original: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("edge/openapi.json")).expect("spec")).expect("json");
    let padded = harness::worlds::pad(&original, 60, 9).expect("pads");
    let spec =
        Arc::new(Spec::from_value(padded, harness::spec::Syntax::Json, &dir.join("edge/padded.json")).expect("loads"));
    let distractor = spec
        .operations
        .iter()
        .find(|o| o.method == "get" && o.operation_id.ends_with("-list") && original["paths"].get(&o.path).is_none())
        .expect("a distractor list")
        .path
        .clone();
    let world = World::with_fixtures_file(spec, 1, &dir.join("edge/fixtures.json")).expect("fixtures load");
    let account = world.initial.collections["/accounts"]
        .keys()
        .next()
        .expect("account")
        .clone();
    let zone = zone_id(&world.initial, "example.com");
    let server = serve(Arc::new(world), "").await;
    let ep = server.episode();
    let c = reqwest::Client::new();
    let url = format!("{}{}", ep.base_url(), distractor.replace("{account_id}", &account));
    let empty = call(&c, "GET", &url, None).await;
    assert_eq!(empty.status, 200, "{}", empty.body);
    assert_eq!(empty.body["result_info"]["total_count"], json!(0));
    let records = call(&c, "GET", &format!("{}/zones/{zone}/dns_records", ep.base_url()), None).await;
    assert_eq!(records.body["result_info"]["total_count"], json!(120));
}
