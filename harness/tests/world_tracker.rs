//! The generated `tracker` world: regeneration, fixtures against their schemas, planted
//! facts, and serving every operation in its bare, offset-paged style.

mod common;

use common::worlds::{
    assert_fixtures_fit_schemas, assert_regenerates, committed_world, concrete_path, concrete_path_from, count_items,
    smoke_order,
};
use common::{call, serve};
use harness::mock::generate::Generator;
use harness::mock::plan::Kind;
use harness::mock::{State, World};
use harness::worlds::tracker::{DEPARTED, DEPARTED_DECOY, PAY_142, SAFARI_TITLES};
use serde_json::{Value, json};
use std::collections::HashSet;
use std::sync::Arc;

fn tracker_world() -> Arc<World> {
    committed_world("tracker")
}

/// Every issue of the world with its project's path.
fn issues(state: &State) -> Vec<(&String, &Value)> {
    state
        .collections
        .iter()
        .filter(|(p, _)| p.ends_with("/issues"))
        .flat_map(|(p, c)| c.values().map(move |i| (p, i)))
        .collect()
}

fn user_id(state: &State, name: &str) -> String {
    state.collections["/users"]
        .iter()
        .find(|(_, u)| u["name"] == json!(name))
        .map(|(k, _)| k.clone())
        .expect("user exists")
}

#[test]
fn regeneration_is_byte_identical() {
    assert_regenerates("tracker", 6_000_000);
}

#[test]
fn spec_has_120_described_operations_in_the_bare_offset_style() {
    let world = tracker_world();
    let spec = &world.spec;
    assert!(spec.operations.len() >= 120, "{} operations", spec.operations.len());
    let mut seen = HashSet::new();
    for op in &spec.operations {
        assert!(seen.insert(op.operation_id.clone()), "duplicate {}", op.operation_id);
        assert!(
            op.description.as_deref().is_some_and(|s| s.len() > 20),
            "{}",
            op.operation_id
        );
        assert!(
            op.parameters.iter().all(|p| p.description.is_some()),
            "{}",
            op.operation_id
        );
    }
    assert!(spec.doc.pointer("/components/schemas/ApiResponse").is_none());
    assert_eq!(world.error_style, harness::mock::ErrorStyle::Message);
    let lists: Vec<_> = world.plans.iter().filter(|p| p.kind == Kind::List).collect();
    assert!(!lists.is_empty());
    for plan in lists {
        assert_eq!(plan.list_field.as_deref(), Some("items"), "{}", plan.collection);
        assert!(
            matches!(&plan.paging, harness::mock::plan::Paging::Offset { size: Some(s), .. } if s == "limit"),
            "{}",
            plan.collection
        );
    }
}

#[test]
fn every_fixture_matches_its_schema_and_the_sizes_hold() {
    let world = tracker_world();
    assert!(assert_fixtures_fit_schemas(&world) > 6_000);
    let count = |suffix: &str| count_items(&world, suffix);
    assert_eq!(count("/issues"), 2_000);
    assert!(
        (3_500..4_500).contains(&count("/comments")),
        "{} comments",
        count("/comments")
    );
    let keys: HashSet<&str> = issues(&world.initial)
        .iter()
        .filter_map(|(_, i)| i["key"].as_str())
        .collect();
    assert_eq!(keys.len(), 2_000, "issue keys are unique");
}

#[test]
fn planted_facts_hold() {
    let world = tracker_world();
    let state = &world.initial;
    let all = issues(state);
    let (key, title, assignee, points, status, _, _) = PAY_142;
    let pay = all.iter().find(|(_, i)| i["key"] == json!(key)).expect("PAY-142").1;
    assert_eq!(
        (&pay["title"], &pay["assignee_id"], &pay["story_points"], &pay["status"]),
        (
            &json!(title),
            &json!(user_id(state, assignee)),
            &json!(points),
            &json!(status)
        )
    );
    let open = |i: &Value| !matches!(i["status"].as_str(), Some("done" | "cancelled"));
    let departed = user_id(state, DEPARTED);
    let held: Vec<&str> = all
        .iter()
        .filter(|(_, i)| i["assignee_id"] == json!(departed) && open(i))
        .filter_map(|(_, i)| i["key"].as_str())
        .collect();
    assert!(
        held.len() >= 7 && held.iter().any(|k| k.starts_with("WEB-")),
        "{held:?}"
    );
    let decoy = user_id(state, DEPARTED_DECOY);
    assert!(all.iter().any(|(_, i)| i["assignee_id"] == json!(decoy) && open(i)));
    let users = &state.collections["/users"];
    assert!(
        users
            .values()
            .any(|u| u["name"] == json!(DEPARTED) && u["active"] == json!(false))
    );
    for (title, status) in SAFARI_TITLES {
        let found = all
            .iter()
            .find(|(_, i)| i["title"] == json!(title))
            .expect("Safari issue");
        assert_eq!(found.1["status"], json!(status), "{title}");
    }
    for (_, i) in &all {
        assert_eq!(open(i), i.get("resolved_at").is_none(), "{}", i["key"]);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_answers_2xx_and_lists_page_by_offset() {
    let world = tracker_world();
    let state = world.initial.clone();
    let spec = world.spec.clone();
    let server = serve(world, "").await;
    let ep = server.episode();
    let base = ep.base_url().to_string();
    let c = reqwest::Client::new();
    let projects = call(&c, "GET", &format!("{base}/projects?key=PAY"), None).await;
    let pay = projects.body["items"][0]["id"].as_str().expect("PAY").to_string();
    let page = call(
        &c,
        "GET",
        &format!("{base}/projects/{pay}/issues?offset=550&limit=100&order=key"),
        None,
    )
    .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(
        (&page.body["total"], &page.body["offset"], &page.body["limit"]),
        (&json!(600), &json!(550), &json!(100))
    );
    assert_eq!(page.body["items"].as_array().expect("items").len(), 50);
    let missing = call(&c, "GET", &format!("{base}/projects/{pay}/issues/nope"), None).await;
    assert_eq!(missing.status, 404);
    assert!(missing.body["message"].is_string(), "{}", missing.body);
    // Creating a label that exists is a conflict (labels are keyed by name).
    let dup = call(
        &c,
        "POST",
        &format!("{base}/projects/{pay}/labels"),
        Some(json!({"name": "security", "color": "#000000"})),
    )
    .await;
    assert_eq!(dup.status, 409, "{}", dup.body);
    // Reads and writes first, deletes last and deepest first, so parents outlive their children.
    for i in smoke_order(&spec) {
        let op = &spec.operations[i];
        let path = concrete_path(&state, &op.path)
            .or_else(|| {
                // Sub-collections of issues without fixtures: the first issue that has some.
                let (prefix, rest) = op.path.split_once("/{issue_id}/")?;
                let issues = concrete_path(&state, prefix)?;
                let sub = format!("/{}", rest.split('/').next()?);
                let item = state
                    .collections
                    .keys()
                    .find(|k| k.starts_with(&issues) && k.ends_with(&sub))?;
                concrete_path_from(&state, item, rest.split_once('/').map_or("", |(_, r)| r))
            })
            .unwrap_or_else(|| panic!("no fixture path for {}", op.path));
        let body = op.request_body.as_ref().map(|b| {
            let schema = spec.inline(&b.schema);
            Generator::new(&spec.doc, 7, &op.operation_id).value(&schema)
        });
        let reply = call(&c, &op.method.to_uppercase(), &format!("{base}{path}"), body.clone()).await;
        assert!(
            (200..300).contains(&reply.status) && reply.body.get("success").is_none(),
            "{} {} {path} with {body:?}: {} {}",
            op.operation_id,
            op.method,
            reply.status,
            reply.body
        );
    }
}
