//! Episodes in a variant world (a task's fixture overrides) share the server of the base
//! world but not its state.

mod common;

use harness::mock::World;
use harness::spec::Spec;
use serde_json::json;
use std::sync::Arc;

#[tokio::test]
async fn an_episode_in_a_variant_world_sees_its_overrides_only() {
    let base = common::test_world(1);
    let server = common::serve(base.clone(), "").await;
    let fixtures = common::world_dir().join("fixtures.json");
    let mut variant = World::from_files(base.spec.clone(), 1, Some(&fixtures)).unwrap();
    variant
        .apply_fixtures(&json!({"collections": {"/zones": [{"id": "z9", "name": "extra.io", "status": "active", "paused": false}]}}))
        .unwrap();
    let in_variant = server.episode_in(Arc::new(variant)).unwrap();
    let plain = server.episode();
    let http = reqwest::Client::new();
    let zones = |base_url: &str| format!("{base_url}/zones");
    let v = common::call(&http, "GET", &zones(in_variant.base_url()), None).await;
    assert_eq!(common::ids(&v.body), vec!["z9"]);
    let p = common::call(&http, "GET", &zones(plain.base_url()), None).await;
    assert_eq!(common::ids(&p.body), vec!["z1", "z2", "z3"]);
    // Customers come from the world's own fixtures in both.
    let c = common::call(&http, "GET", &format!("{}/customers", in_variant.base_url()), None).await;
    assert_eq!(c.status, 200);
    assert_eq!(in_variant.log().len(), 2);
    assert_eq!(plain.log().len(), 1);

    // A world over another spec cannot share the server.
    let other = Spec::load(common::world_dir().join("openapi.json")).unwrap();
    let err = server
        .episode_in(Arc::new(World::new(Arc::new(other), 1)))
        .err()
        .unwrap();
    assert!(err.contains("share the server's spec"), "{err}");
}
