//! Helpers for the committed generated worlds (`specs/<world>/`): loading, the regeneration
//! check, the every-fixture-fits-its-schema walk, and concrete paths for path templates.

use harness::mock::plan::Kind;
use harness::mock::route::Routed;
use harness::mock::{State, World};
use harness::spec::Spec;
use std::path::PathBuf;
use std::sync::Arc;

/// The committed worlds' directory (`specs/`).
pub fn specs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

/// The spec of a committed world.
pub fn committed_spec(name: &str) -> Arc<Spec> {
    let path = specs_dir().join(name).join("openapi.json");
    Arc::new(Spec::load(&path).unwrap_or_else(|e| panic!("specs/{name}/openapi.json loads: {e}")))
}

/// A committed world with its fixtures, under seed 1.
pub fn committed_world(name: &str) -> Arc<World> {
    let path = specs_dir().join(name).join("fixtures.json");
    Arc::new(
        World::with_fixtures_file(committed_spec(name), 1, &path)
            .unwrap_or_else(|e| panic!("specs/{name}/fixtures.json loads: {e}")),
    )
}

/// Asserts that regenerating `name` from its `resources.toml` gives the committed files byte
/// for byte, and that its fixtures stay under `max_fixture_bytes`.
pub fn assert_regenerates(name: &str, max_fixture_bytes: usize) {
    let generated = harness::worlds::generate_world(&specs_dir(), name).expect("description loads");
    let spec = std::fs::read_to_string(specs_dir().join(name).join("openapi.json")).expect("spec file");
    let fixtures = std::fs::read_to_string(specs_dir().join(name).join("fixtures.json")).expect("fixtures file");
    assert!(
        generated.spec == spec,
        "specs/{name}/openapi.json drifted from resources.toml: run `cmbench worlds generate {name}`"
    );
    assert!(
        generated.fixtures == fixtures,
        "specs/{name}/fixtures.json drifted: run `cmbench worlds generate {name}`"
    );
    assert!(
        fixtures.len() < max_fixture_bytes,
        "fixtures are {} bytes",
        fixtures.len()
    );
}

/// Asserts that every fixture item is served by a list operation and fits that list's item
/// schema; returns how many items were checked.
pub fn assert_fixtures_fit_schemas(world: &World) -> usize {
    let doc = &world.spec.doc;
    let mut checked = 0;
    for (path, items) in &world.initial.collections {
        let Routed::Found(op, _) = world.routes.route("get", path) else {
            panic!("no list operation serves {path}");
        };
        let plan = &world.plans[op];
        assert_eq!(plan.kind, Kind::List, "{path}");
        let schema = plan.item_schema.as_ref().expect("item schema");
        for (key, item) in items {
            let errors = harness::mock::schema::validate(doc, schema, item, &format!("{path}/{key}"));
            assert!(errors.is_empty(), "{errors:?}");
            checked += 1;
        }
    }
    checked
}

/// Asserts that every singleton fixture is served by a read operation and fits its schema;
/// returns how many were checked. (Worlds whose keys hold slashes, like codehost's branch
/// names, cannot route their raw paths and check their singletons in their own tests.)
pub fn assert_singletons_fit_schemas(world: &World) -> usize {
    let doc = &world.spec.doc;
    let mut checked = 0;
    for (path, value) in &world.initial.singletons {
        let Routed::Found(op, _) = world.routes.route("get", path) else {
            panic!("no operation serves {path}");
        };
        let schema = world.plans[op].body_schema.as_ref().expect("body schema");
        let errors = harness::mock::schema::validate(doc, schema, value, path);
        assert!(errors.is_empty(), "{errors:?}");
        checked += 1;
    }
    checked
}

/// How many fixture items live in collections whose path ends with `suffix`.
pub fn count_items(world: &World, suffix: &str) -> usize {
    world
        .initial
        .collections
        .iter()
        .filter(|(p, _)| p.ends_with(suffix))
        .map(|(_, c)| c.len())
        .sum()
}

/// A concrete path for a template, taking the first fixture item for each parameter.
pub fn concrete_path(state: &State, template: &str) -> Option<String> {
    concrete_path_from(state, "", template)
}

/// `start` (a concrete path, or empty) followed by `rest` of a template, taking the first
/// fixture item for each parameter of `rest`.
pub fn concrete_path_from(state: &State, start: &str, rest: &str) -> Option<String> {
    let mut path = start.to_string();
    for seg in rest.split('/').filter(|s| !s.is_empty()) {
        path.push('/');
        if seg.starts_with('{') {
            let first = state.collections.get(&path[..path.len() - 1])?.keys().next()?.clone();
            path.push_str(&first);
        } else {
            path.push_str(seg);
        }
    }
    Some(path)
}

/// Operation indices in an order that keeps parents alive: reads and writes first, deletes
/// last and deepest first.
pub fn smoke_order(spec: &Spec) -> Vec<usize> {
    let mut order: Vec<usize> = (0..spec.operations.len()).collect();
    order.sort_by_key(|i| {
        let op = &spec.operations[*i];
        (op.method == "delete", std::cmp::Reverse(op.path.matches('/').count()))
    });
    order
}
