//! The generated `codehost` world: its spec, regeneration, fixtures that fit their schemas,
//! the planted facts tasks rely on, and GitHub-style lists (bare arrays, `Link` headers).

mod common;

use common::worlds::{assert_fixtures_fit_schemas, assert_regenerates, committed_world, count_items};
use common::{call, serve};
use harness::mock::World;
use harness::worlds::codehost::{GATEWAY_PROD, NO_2FA, OLD_CI_HOOKS, RED_MAIN, STALE_PROTECTED_WEBAPP, STALE_WEBAPP};
use serde_json::{Value, json};
use std::collections::HashSet;
use std::sync::Arc;

fn codehost_world() -> Arc<World> {
    committed_world("codehost")
}

fn items<'a>(world: &'a World, path: &str) -> Vec<&'a Value> {
    world
        .initial
        .collections
        .get(path)
        .unwrap_or_else(|| panic!("no collection {path}"))
        .values()
        .collect()
}

#[test]
fn spec_has_120_described_operations_with_unique_ids() {
    let world = codehost_world();
    let spec = &world.spec;
    assert!(spec.operations.len() >= 120, "{} operations", spec.operations.len());
    let mut seen = HashSet::new();
    for op in &spec.operations {
        assert!(seen.insert(op.operation_id.clone()), "duplicate {}", op.operation_id);
        assert!(!op.operation_id_synthesized, "{} {}", op.method, op.path);
        assert!(
            op.summary.as_deref().is_some_and(|s| !s.is_empty()),
            "{}",
            op.operation_id
        );
        assert!(
            op.parameters.iter().all(|p| p.description.is_some()),
            "{}",
            op.operation_id
        );
    }
    for id in [
        "pulls-merge",
        "workflow-runs-rerun",
        "workflow-runs-cancel",
        "issues-update",
        "labels-create",
    ] {
        assert!(spec.operation(id).is_some(), "{id}");
    }
    // Pull requests, issues and milestones are addressed by their number.
    let pulls = &world.plans[spec
        .operations
        .iter()
        .position(|o| o.operation_id == "pulls-get")
        .expect("pulls-get")];
    assert_eq!((pulls.id_field.as_str(), pulls.integer_ids), ("number", true));
}

#[test]
fn regeneration_is_byte_identical() {
    assert_regenerates("codehost", 6_000_000);
}

#[test]
fn every_fixture_matches_its_schema_and_the_big_collections_are_big() {
    let world = codehost_world();
    assert!(assert_fixtures_fit_schemas(&world) > 5_000);
    let runs = count_items(&world, "/actions/runs");
    assert!((2_400..2_800).contains(&runs), "{runs} runs");
    let commits = count_items(&world, "/commits");
    assert!((1_500..1_800).contains(&commits), "{commits} commits");
}

#[test]
fn planted_facts_hold() {
    let world = codehost_world();
    let members = items(&world, "/orgs/acme/members");
    let mut without: Vec<&str> = members
        .iter()
        .filter(|m| m["two_factor_enabled"] == json!(false))
        .map(|m| m["login"].as_str().expect("login"))
        .collect();
    without.sort_unstable();
    let mut want = NO_2FA.to_vec();
    want.sort_unstable();
    assert_eq!(without, want);
    assert!(members.len() > 100, "members need a second page at per_page=100");

    let branches = items(&world, "/orgs/acme/repos/web-app/branches");
    let mut stale: Vec<&str> = branches
        .iter()
        .filter(|b| b["last_commit_at"].as_str().expect("time") < "2026-05-20" && b["protected"] == json!(false))
        .map(|b| b["name"].as_str().expect("name"))
        .collect();
    stale.sort_unstable();
    let mut want = STALE_WEBAPP.to_vec();
    want.sort_unstable();
    assert_eq!(stale, want);
    for b in STALE_PROTECTED_WEBAPP {
        assert!(
            branches
                .iter()
                .any(|x| x["name"] == json!(b) && x["protected"] == json!(true)),
            "{b}"
        );
    }

    for repo in [
        "api-gateway",
        "web-app",
        "payments-service",
        "auth-service",
        "search-service",
        "infra",
        "docs",
    ] {
        let runs = items(&world, &format!("/orgs/acme/repos/{repo}/actions/runs"));
        let newest = runs
            .iter()
            .filter(|r| r["name"] == json!("CI") && r["head_branch"] == json!("main"))
            .max_by_key(|r| r["created_at"].as_str().expect("time").to_string())
            .expect("a CI run on main");
        let red = newest["conclusion"] == json!("failure");
        assert_eq!(red, RED_MAIN.contains(&repo), "{repo}");
        let commit = &world.initial.collections[&format!("/orgs/acme/repos/{repo}/commits")];
        assert!(
            commit.contains_key(newest["head_sha"].as_str().expect("sha")),
            "{repo}: run's commit exists"
        );
    }

    let hooks: usize = OLD_CI_HOOKS
        .iter()
        .map(|r| {
            items(&world, &format!("/orgs/acme/repos/{r}/hooks"))
                .iter()
                .filter(|h| h["url"].as_str().expect("url").contains("old-ci.acme.example"))
                .count()
        })
        .sum();
    assert_eq!(hooks, OLD_CI_HOOKS.len());

    let deployments = items(&world, "/orgs/acme/repos/api-gateway/deployments");
    let mut prod: Vec<&&Value> = deployments
        .iter()
        .filter(|d| d["environment"] == json!("production"))
        .collect();
    prod.sort_by_key(|d| std::cmp::Reverse(d["created_at"].as_str().expect("time").to_string()));
    for (d, (sha, state)) in prod.iter().zip(GATEWAY_PROD) {
        assert_eq!((d["sha"].as_str(), d["state"].as_str()), (Some(sha), Some(state)));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lists_are_bare_arrays_paged_by_link_headers() {
    let world = codehost_world();
    let total = world.initial.collections["/orgs/acme/repos/api-gateway/branches"].len();
    let next_issue = world.initial.collections["/orgs/acme/repos/infra/issues"]
        .keys()
        .filter_map(|k| k.parse::<u64>().ok())
        .max()
        .expect("infra issues")
        + 1;
    let server = serve(world, "").await;
    let ep = server.episode();
    let base = ep.base_url().to_string();
    let c = reqwest::Client::new();
    let url = format!("{base}/orgs/acme/repos/api-gateway/branches");
    let first = call(&c, "GET", &format!("{url}?per_page=100"), None).await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(
        first.body.as_array().map(Vec::len),
        Some(100),
        "a bare array of 100 branches"
    );
    let link = first
        .headers
        .get("link")
        .and_then(|v| v.to_str().ok())
        .expect("a Link header")
        .to_string();
    let pages = total.div_ceil(100);
    assert!(link.contains("page=2") && link.contains("rel=\"next\""), "{link}");
    assert!(
        link.contains(&format!("page={pages}&per_page=100>; rel=\"last\"")),
        "{link}"
    );
    let last = call(&c, "GET", &format!("{url}?per_page=100&page={pages}"), None).await;
    assert_eq!(last.body.as_array().map(Vec::len), Some(total - (pages - 1) * 100));
    assert!(last.headers.get("link").is_none(), "no next page after the last");

    let pr = call(&c, "GET", &format!("{base}/orgs/acme/repos/api-gateway/pulls/42"), None).await;
    assert_eq!(
        (pr.body["number"].clone(), pr.body["user"].clone()),
        (json!(42), json!("eli-cohen"))
    );
    let missing = call(&c, "GET", &format!("{base}/orgs/acme/repos/infra/issues/99"), None).await;
    assert_eq!(missing.status, 404);
    assert!(missing.body["message"].is_string(), "{}", missing.body);
    let dup = call(
        &c,
        "POST",
        &format!("{base}/orgs/acme/repos/api-gateway/labels"),
        Some(json!({"name": "security", "color": "d73a4a"})),
    )
    .await;
    assert_eq!(dup.status, 409, "{}", dup.body);
    let created = call(
        &c,
        "POST",
        &format!("{base}/orgs/acme/repos/infra/issues"),
        Some(json!({"title": "New issue"})),
    )
    .await;
    assert_eq!(created.status / 100, 2, "{}", created.body);
    assert_eq!(
        created.body["number"],
        json!(next_issue),
        "issues count up from the largest number"
    );
    let branch = call(
        &c,
        "DELETE",
        &format!("{base}/orgs/acme/repos/web-app/branches/feature%2Fcsv-export"),
        None,
    )
    .await;
    assert_eq!(
        branch.status / 100,
        2,
        "slashed branch names work percent-encoded: {}",
        branch.body
    );
}
