//! The generated `commerce` world: its spec, regeneration, fixtures against their schemas,
//! the planted facts tasks rely on, and cursor paging over HTTP.

mod common;

use common::worlds::{assert_fixtures_fit_schemas, assert_regenerates, committed_world};
use common::{call, serve};
use harness::mock::plan::{Envelope, Paging};
use harness::mock::{State, World};
use harness::worlds::commerce::{BIG_SPENDERS, HIGH_RISK, RECENT_FAILURES, REFUNDED_SPENDER, STUCK_DAYS, YEAR_START};
use harness::worlds::fixtures::{NOW, rfc3339};
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

fn commerce_world() -> Arc<World> {
    committed_world("commerce")
}

fn items<'a>(state: &'a State, path: &str) -> Vec<&'a Value> {
    state.collections[path].values().collect()
}

fn text(v: &Value, k: &str) -> String {
    v[k].as_str().unwrap_or_default().to_string()
}

#[test]
fn spec_has_120_described_operations_with_unique_ids() {
    let world = commerce_world();
    let spec = &world.spec;
    assert!(spec.operations.len() >= 120, "{} operations", spec.operations.len());
    let mut seen = HashSet::new();
    for op in &spec.operations {
        assert!(seen.insert(op.operation_id.clone()), "duplicate {}", op.operation_id);
        assert!(!op.operation_id_synthesized, "{} {}", op.method, op.path);
        assert!(
            op.description.as_deref().is_some_and(|s| s.len() > 20),
            "{}",
            op.operation_id
        );
        assert!(
            op.parameters.iter().all(|p| p.description.is_some()),
            "{} has an undescribed parameter",
            op.operation_id
        );
    }
    assert!(
        spec.doc["info"]["description"]
            .as_str()
            .expect("description")
            .contains("2026-11-20T12:00:00Z")
    );
}

#[test]
fn regeneration_is_byte_identical() {
    assert_regenerates("commerce", 6_000_000);
}

/// Collections built by `commerce.rs`, newest first like the API they imitate.
const ORDERED: [&str; 11] = [
    "/customers",
    "/products",
    "/prices",
    "/orders",
    "/charges",
    "/refunds",
    "/disputes",
    "/subscriptions",
    "/invoices",
    "/payouts",
    "/payment_methods",
];

#[test]
fn every_fixture_matches_its_schema_and_lists_are_newest_first() {
    let world = commerce_world();
    let checked = assert_fixtures_fit_schemas(&world);
    assert!(checked > 8_000, "{checked} fixtures checked");
    for path in ORDERED {
        let created: Vec<&str> = world.initial.collections[path]
            .values()
            .filter_map(|item| item["created"].as_str())
            .collect();
        assert!(created.windows(2).all(|w| w[0] >= w[1]), "{path}: out of order");
    }
    let orders = world.initial.collections["/orders"].len();
    let charges = world.initial.collections["/charges"].len();
    assert!((2_900..3_300).contains(&orders), "{orders} orders");
    assert!((2_900..3_400).contains(&charges), "{charges} charges");
}

#[test]
fn planted_facts_hold() {
    let world = commerce_world();
    let s = &world.initial;
    let customers: HashMap<String, String> = items(s, "/customers")
        .iter()
        .map(|c| (text(c, "id"), text(c, "name")))
        .collect();
    // Net 2026 revenue per customer: the three big spenders lead; the refunded spender does not.
    let year = rfc3339(YEAR_START);
    let mut refunded: HashMap<String, i64> = HashMap::new();
    for r in items(s, "/refunds") {
        *refunded.entry(text(r, "charge")).or_default() += r["amount"].as_i64().unwrap_or(0);
    }
    let mut net: HashMap<String, i64> = HashMap::new();
    let mut gross: HashMap<String, i64> = HashMap::new();
    for c in items(s, "/charges") {
        if c["status"] == json!("succeeded") && text(c, "created") >= year {
            let amount = c["amount"].as_i64().unwrap_or(0);
            *gross.entry(text(c, "customer")).or_default() += amount;
            *net.entry(text(c, "customer")).or_default() += amount - refunded.get(&text(c, "id")).copied().unwrap_or(0);
        }
    }
    let mut ranked: Vec<(i64, String)> = net.iter().map(|(k, v)| (*v, customers[k].clone())).collect();
    ranked.sort_by(|a, b| b.cmp(a));
    let top: Vec<&str> = ranked.iter().take(3).map(|r| r.1.as_str()).collect();
    assert_eq!(top, BIG_SPENDERS.map(|b| b.0).to_vec());
    let mut by_gross: Vec<(i64, String)> = gross.iter().map(|(k, v)| (*v, customers[k].clone())).collect();
    by_gross.sort_by(|a, b| b.cmp(a));
    assert!(
        by_gross.iter().take(3).any(|r| r.1 == REFUNDED_SPENDER.0),
        "the decoy leads by gross revenue"
    );
    assert!(
        ranked[3].0 < 1_200_000,
        "the fourth customer nets {} cents",
        ranked[3].0
    );
    // Orders stuck in processing for more than ten days.
    let ten = rfc3339(NOW - 10 * 86_400);
    let stuck = items(s, "/orders")
        .iter()
        .filter(|o| o["status"] == json!("processing") && text(o, "created") < ten)
        .count();
    assert_eq!(stuck, STUCK_DAYS.len());
    // Failed charges in the last seven days are exactly the planted ones.
    let week = rfc3339(NOW - 7 * 86_400);
    let failed: Vec<i64> = items(s, "/charges")
        .iter()
        .filter(|c| {
            c["status"] == json!("failed")
                && text(c, "created") >= week
                && c["failure_code"] == json!("insufficient_funds")
        })
        .map(|c| c["amount"].as_i64().unwrap_or(0))
        .collect();
    let planted: Vec<i64> = RECENT_FAILURES
        .iter()
        .filter(|(d, code, _)| *d < 7 && *code == "insufficient_funds")
        .map(|f| f.2)
        .collect();
    assert_eq!(failed.iter().sum::<i64>(), planted.iter().sum::<i64>());
    assert_eq!(failed.len(), planted.len());
    // Highest-risk charges of the last 30 days that are neither refunded nor disputed.
    let month = rfc3339(NOW - 30 * 86_400);
    let open: i64 = items(s, "/charges")
        .iter()
        .filter(|c| {
            c["risk_level"] == json!("highest")
                && c["status"] == json!("succeeded")
                && text(c, "created") >= month
                && c["amount_refunded"] == json!(0)
                && c["disputed"] == json!(false)
        })
        .map(|c| c["amount"].as_i64().unwrap_or(0))
        .sum();
    let expected: i64 = HIGH_RISK
        .iter()
        .filter(|h| h.0 <= 30 && h.2 == "open")
        .map(|h| h.1)
        .sum();
    assert_eq!(open, expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lists_are_bare_and_page_with_cursors() {
    let world = commerce_world();
    let list = world
        .spec
        .operations
        .iter()
        .position(|o| o.operation_id == "orders-list")
        .expect("orders-list");
    let plan = &world.plans[list];
    assert_eq!(plan.envelope, Envelope::Bare);
    assert_eq!(plan.list_field.as_deref(), Some("data"));
    assert!(
        matches!(&plan.paging, Paging::Cursor { after, before: Some(b), size: Some(l) } if after == "starting_after" && b == "ending_before" && l == "limit"),
        "{:?}",
        plan.paging
    );
    let all: Vec<String> = world.initial.collections["/orders"].keys().cloned().collect();
    let server = serve(world, "").await;
    let ep = server.episode();
    let base = ep.base_url().to_string();
    let c = reqwest::Client::new();
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let url = match &after {
            Some(a) => format!("{base}/orders?limit=100&starting_after={a}"),
            None => format!("{base}/orders?limit=100"),
        };
        let page = call(&c, "GET", &url, None).await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert_eq!(page.body["object"], json!("list"));
        let data = page.body["data"].as_array().expect("data");
        seen.extend(data.iter().map(|o| text(o, "id")));
        if page.body["has_more"] != json!(true) {
            break;
        }
        after = data.last().map(|o| text(o, "id"));
    }
    assert_eq!(seen, all, "cursor paging visits every order once, in order");
    let processing = call(&c, "GET", &format!("{base}/orders?status=processing&limit=100"), None).await;
    assert!(
        processing.body["data"]
            .as_array()
            .expect("data")
            .iter()
            .all(|o| o["status"] == json!("processing"))
    );
    let missing = call(&c, "GET", &format!("{base}/customers/cus_nobody"), None).await;
    assert_eq!(missing.status, 404);
    assert!(missing.body["error"]["message"].is_string(), "{}", missing.body);
    let duplicate = call(
        &c,
        "POST",
        &format!("{base}/coupons"),
        Some(json!({"id": "BLACKFRIDAY", "percent_off": 30, "duration": "once"})),
    )
    .await;
    assert_eq!(duplicate.status, 409, "{}", duplicate.body);
}
