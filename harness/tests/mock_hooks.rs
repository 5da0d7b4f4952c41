//! Per-world behaviour the generic rules cannot express: Rust hooks and fixed overrides.

mod common;

use common::{call, serve, test_world};
use harness::mock::{FixedResponse, Hook, World};
use serde_json::json;
use std::sync::Arc;

fn world_with_hook() -> World {
    let base = test_world(1);
    let mut world = World::new(base.spec.clone(), 1);
    world.initial = base.initial.clone();
    world.generate = false;
    let purge: Hook = Arc::new(|ctx| {
        let zone = ctx
            .path_params
            .iter()
            .find(|(k, _)| k == "zone_id")
            .map(|(_, v)| v.clone())?;
        if ctx.body.get("purge_everything") != Some(&json!(true)) {
            return None;
        }
        let key = format!("/zones/{zone}/cache");
        let purges = ctx
            .state
            .singletons
            .get(&key)
            .and_then(|v| v["purges"].as_u64())
            .unwrap_or(0);
        ctx.state.singletons.insert(key, json!({"purges": purges + 1}));
        Some(FixedResponse {
            status: 200,
            body: json!({"success": true, "errors": [], "messages": [], "result": {"id": zone}}),
        })
    });
    world.with_hook("purgeCache", purge).expect("known operation")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hooks_change_state_and_overrides_answer_fixed() {
    let mut world = world_with_hook();
    world
        .apply_fixtures(&json!({"overrides": {"deleteZone": {"status": 403, "body": {"success": false, "errors": [{"code": 9109, "message": "zone is locked"}]}}}}))
        .expect("override");
    let server = serve(Arc::new(world), "").await;
    let ep = server.episode();
    let base = ep.base_url().to_string();
    let c = reqwest::Client::new();
    for _ in 0..2 {
        let r = call(
            &c,
            "POST",
            &format!("{base}/zones/z1/purge_cache"),
            Some(json!({"purge_everything": true})),
        )
        .await;
        assert_eq!(r.body["result"]["id"], json!("z1"));
    }
    // The hook declines (returns None): the generic action answer applies, state is untouched.
    let r = call(
        &c,
        "POST",
        &format!("{base}/zones/z3/purge_cache"),
        Some(json!({"files": ["a"]})),
    )
    .await;
    assert_eq!(r.status, 200);
    let locked = call(&c, "DELETE", &format!("{base}/zones/z1"), None).await;
    assert_eq!(locked.status, 403);
    assert_eq!(locked.body["errors"][0]["message"], json!("zone is locked"));
    let diff = ep.diff();
    assert_eq!(diff.created.len(), 1, "{diff:?}");
    assert_eq!(diff.created[0].collection, "/zones/z1/cache");
    assert_eq!(diff.created[0].after, Some(json!({"purges": 2})));
    assert!(diff.deleted.is_empty());
    server.shutdown().await;
}

#[test]
fn bad_hooks_and_fixtures_are_named() {
    let base = test_world(1);
    let noop: Hook = Arc::new(|_| None);
    let e = World::new(base.spec.clone(), 1)
        .with_hook("nope", noop)
        .expect_err("unknown op");
    assert!(e.to_string().contains("\"nope\""));
    let mut w = World::new(base.spec.clone(), 1);
    for (fixtures, needle) in [
        (json!([]), "must be a JSON object"),
        (json!({"colections": {}}), "unknown field \"colections\""),
        (
            json!({"overrides": {"nope": {"status": 200}}}),
            "unknown operation id \"nope\"",
        ),
        (
            json!({"overrides": {"getZone": {"status": 42}}}),
            "overrides[\"getZone\"].status",
        ),
        (
            json!({"collections": {"/zones": [{"id": "a"}, {"id": "a"}]}}),
            "duplicate key \"a\"",
        ),
        (json!({"collections": {"/zones": {"id": "a"}}}), "must be an array"),
        (json!({"generate": "yes"}), "\"generate\" must be true or false"),
    ] {
        let e = w.apply_fixtures(&fixtures).expect_err(needle);
        assert!(e.to_string().contains(needle), "{e} / {needle}");
    }
    let path = std::env::temp_dir().join(format!("cmbench-fixtures-{}.json", std::process::id()));
    std::fs::write(&path, "{\n  \"collections\": ,\n}").expect("write");
    let e = World::with_fixtures_file(base.spec.clone(), 1, &path).expect_err("bad json");
    let _ = std::fs::remove_file(&path);
    assert!(e.to_string().contains("line 2"), "{e}");
}
