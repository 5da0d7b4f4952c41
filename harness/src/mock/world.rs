//! A world: a spec, its initial state (fixtures or generated), envelope and overrides.
//!
//! Fixtures file (JSON), every field optional:
//!
//! ```json
//! {
//!   "generate": false,
//!   "collections": {"/zones": [{"id": "z1", "name": "example.com"}]},
//!   "singletons": {"/user": {"id": "u1", "email": "me@example.com"}},
//!   "overrides": {"zones-0-delete": {"status": 403, "body": {"message": "locked"}}},
//!   "faults": "latency=20ms,rate=100/60s"
//! }
//! ```
//!
//! `collections` are keyed by concrete collection path (without the spec's base path);
//! items are keyed by their id field (see [`super::plan::Plan::id_field`]). `generate`
//! (default: true without fixtures, false with) makes collections and items not listed in
//! the fixtures appear on first use with schema-shaped data derived from the seed.
//! `overrides` give fixed answers for operation ids. Behaviour the generic rules cannot
//! express is added in Rust with [`World::with_hook`].

use super::plan::{Plan, plan_all};
use super::route::Routes;
use super::store::State;
use crate::spec::Spec;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// How error bodies are shaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorStyle {
    /// `{"success": false, "errors": [{"code", "message"}], "messages": [], "result": null}`.
    Cloudflare,
    /// `{"error": {"type", "message", "param"}}`.
    Stripe,
    /// `{"message", "errors": [...]}` (GitHub and most others).
    Message,
}

/// A fixed answer for one operation.
#[derive(Debug, Clone, PartialEq)]
pub struct FixedResponse {
    /// Status code.
    pub status: u16,
    /// Body (sent as is, no envelope).
    pub body: Value,
}

/// What a [`Hook`] sees and may change.
pub struct HookContext<'a> {
    /// The operation id.
    pub operation_id: &'a str,
    /// Path parameters by name.
    pub path_params: &'a [(String, String)],
    /// Query parameters, coerced to their schema types.
    pub query: &'a Map<String, Value>,
    /// The request body (null when none).
    pub body: &'a Value,
    /// The episode's current state (changes are recorded in the diff).
    pub state: &'a mut State,
}

/// Per-world behaviour: returns `Some` to answer instead of the generic rule.
pub type Hook = Arc<dyn Fn(&mut HookContext<'_>) -> Option<FixedResponse> + Send + Sync>;

/// A spec with its initial state and behaviour, shared by all episodes of a server.
pub struct World {
    /// The API description.
    pub spec: Arc<Spec>,
    /// Plan of each operation (same order as `spec.operations`).
    pub plans: Vec<Plan>,
    /// Routing table.
    pub routes: Routes,
    /// Initial state of every episode.
    pub initial: State,
    /// Whether unseen collections/items are generated on first use.
    pub generate: bool,
    /// Items generated per collection on first use.
    pub generated_items: usize,
    /// Seed of generated data.
    pub seed: u64,
    /// Error body style.
    pub error_style: ErrorStyle,
    /// Fixed answers by operation id.
    pub overrides: HashMap<String, FixedResponse>,
    /// Faults of this world (used when a run gives none).
    pub faults: super::faults::Faults,
    /// Rust behaviour by operation id.
    pub hooks: HashMap<String, Hook>,
    /// Generated response bodies by operation index (actions, singletons), computed once.
    pub(crate) generated: Mutex<HashMap<usize, Arc<Value>>>,
    /// Whether items of a given top-level shape fit an operation's answer schema, by (operation, shape hash).
    pub(crate) shape_ok: Mutex<HashMap<(usize, u64), bool>>,
    /// Self-contradictions of each operation's success schema, found on first use.
    pub(crate) contradictions: Mutex<HashMap<usize, Arc<Vec<String>>>>,
}

impl std::fmt::Debug for World {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("World")
            .field("spec", &self.spec.title)
            .field("operations", &self.plans.len())
            .field("seed", &self.seed)
            .finish_non_exhaustive()
    }
}

/// A world that cannot be built, with a message naming the file and field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct WorldError(pub String);

impl World {
    /// A world of `spec` with generated data only.
    pub fn new(spec: Arc<Spec>, seed: u64) -> Self {
        let plans = plan_all(&spec);
        let routes = Routes::new(&spec);
        let error_style = detect_error_style(&spec, &plans);
        Self {
            spec,
            plans,
            routes,
            initial: State::default(),
            generate: true,
            generated_items: 3,
            seed,
            error_style,
            overrides: HashMap::new(),
            faults: super::faults::Faults::default(),
            hooks: HashMap::new(),
            generated: Mutex::new(HashMap::new()),
            shape_ok: Mutex::new(HashMap::new()),
            contradictions: Mutex::new(HashMap::new()),
        }
    }

    /// Where the success schema of operation `op_index` contradicts itself (no answer can
    /// match it); empty for sound schemas. The mock still answers with its best instance
    /// and reports these in the `x-cmbench-schema-contradiction` header.
    pub fn contradictions(&self, op_index: usize) -> Arc<Vec<String>> {
        if let Ok(cache) = self.contradictions.lock()
            && let Some(found) = cache.get(&op_index)
        {
            return found.clone();
        }
        let found = self.spec.operations[op_index]
            .success_response()
            .and_then(|r| r.schema.as_ref())
            .map(|s| super::schema::contradictions(&self.spec.doc, s))
            .unwrap_or_default();
        let found = Arc::new(found);
        if let Ok(mut cache) = self.contradictions.lock() {
            cache.insert(op_index, found.clone());
        }
        found
    }

    /// A world of `spec` whose initial state comes from a fixtures file.
    pub fn with_fixtures_file(spec: Arc<Spec>, seed: u64, path: &Path) -> Result<Self, WorldError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| WorldError(format!("{}: cannot read fixtures: {e}", path.display())))?;
        let value: Value = serde_json::from_str(&text).map_err(|e| {
            WorldError(format!(
                "{}: line {}, column {}: not valid JSON: {e}",
                path.display(),
                e.line(),
                e.column()
            ))
        })?;
        let mut world = Self::new(spec, seed);
        world.generate = false;
        world
            .apply_fixtures(&value)
            .map_err(|e| WorldError(format!("{}: {}", path.display(), e.0)))?;
        Ok(world)
    }

    /// Adds a Rust hook for an operation id (errors when the spec has no such operation).
    pub fn with_hook(mut self, operation_id: &str, hook: Hook) -> Result<Self, WorldError> {
        if self.spec.operation(operation_id).is_none() {
            return Err(WorldError(format!("hook for unknown operation id {operation_id:?}")));
        }
        self.hooks.insert(operation_id.to_string(), hook);
        Ok(self)
    }

    /// Loads fixtures from parsed JSON (see the module docs for the shape).
    pub fn apply_fixtures(&mut self, value: &Value) -> Result<(), WorldError> {
        let obj = value
            .as_object()
            .ok_or_else(|| WorldError("fixtures must be a JSON object".into()))?;
        for key in obj.keys() {
            if ![
                "generate",
                "collections",
                "singletons",
                "overrides",
                "generated_items",
                "faults",
            ]
            .contains(&key.as_str())
            {
                return Err(WorldError(format!(
                    "unknown field {key:?} (known: generate, generated_items, collections, singletons, overrides, faults)"
                )));
            }
        }
        if let Some(g) = obj.get("generate") {
            self.generate = g
                .as_bool()
                .ok_or_else(|| WorldError("field \"generate\" must be true or false".into()))?;
        }
        if let Some(n) = obj.get("generated_items") {
            self.generated_items = n
                .as_u64()
                .filter(|n| *n <= 1000)
                .ok_or_else(|| WorldError("field \"generated_items\" must be a whole number up to 1000".into()))?
                as usize;
        }
        if let Some(f) = obj.get("faults") {
            let text = f
                .as_str()
                .ok_or_else(|| WorldError("field \"faults\" must be a string in --faults syntax".into()))?;
            self.faults = text.parse().map_err(|e| WorldError(format!("field \"faults\": {e}")))?;
        }
        if let Some(c) = obj.get("collections") {
            let c = c
                .as_object()
                .ok_or_else(|| WorldError("field \"collections\" must be an object of path -> array".into()))?;
            for (path, items) in c {
                let list = items
                    .as_array()
                    .ok_or_else(|| WorldError(format!("collections[{path:?}] must be an array of objects")))?;
                let id_field = self.id_field_for(path);
                let mut map = Map::new();
                for (i, item) in list.iter().enumerate() {
                    let key = item.get(&id_field).and_then(key_string).ok_or_else(|| {
                        WorldError(format!(
                            "collections[{path:?}][{i}] has no {id_field:?} field (string or number) to key it by"
                        ))
                    })?;
                    if map.insert(key.clone(), item.clone()).is_some() {
                        return Err(WorldError(format!("collections[{path:?}][{i}]: duplicate key {key:?}")));
                    }
                }
                self.initial.collections.insert(path.clone(), map);
            }
        }
        if let Some(s) = obj.get("singletons") {
            let s = s
                .as_object()
                .ok_or_else(|| WorldError("field \"singletons\" must be an object of path -> value".into()))?;
            for (path, v) in s {
                self.initial.singletons.insert(path.clone(), v.clone());
            }
        }
        if let Some(o) = obj.get("overrides") {
            let o = o
                .as_object()
                .ok_or_else(|| WorldError("field \"overrides\" must be an object of operationId -> answer".into()))?;
            for (op_id, answer) in o {
                if self.spec.operation(op_id).is_none() {
                    return Err(WorldError(format!("overrides: unknown operation id {op_id:?}")));
                }
                let status = answer
                    .get("status")
                    .and_then(Value::as_u64)
                    .filter(|s| (100..600).contains(s))
                    .ok_or_else(|| WorldError(format!("overrides[{op_id:?}].status must be an HTTP status code")))?;
                self.overrides.insert(
                    op_id.clone(),
                    FixedResponse {
                        status: status as u16,
                        body: answer.get("body").cloned().unwrap_or(Value::Null),
                    },
                );
            }
        }
        Ok(())
    }

    /// The id field of the collection at a concrete path (from the first matching plan).
    pub fn id_field_for(&self, concrete: &str) -> String {
        let parts: Vec<&str> = concrete.trim_matches('/').split('/').collect();
        self.plans
            .iter()
            .find(|p| {
                let t: Vec<&str> = p.collection.trim_matches('/').split('/').collect();
                t.len() == parts.len()
                    && t.iter()
                        .zip(&parts)
                        .all(|(a, b)| a == b || (a.starts_with('{') && a.ends_with('}')))
                    && p.item_param.is_some()
            })
            .map(|p| p.id_field.clone())
            .unwrap_or_else(|| "id".to_string())
    }
}

/// An item key as text (strings as is, numbers printed).
pub fn key_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn detect_error_style(spec: &Spec, plans: &[Plan]) -> ErrorStyle {
    let cloudflare = plans
        .iter()
        .filter(|p| p.envelope == super::plan::Envelope::Cloudflare)
        .count();
    if cloudflare * 2 > plans.len() {
        return ErrorStyle::Cloudflare;
    }
    let stripe_like = spec.doc.pointer("/components/schemas/error/properties/error").is_some();
    if stripe_like {
        ErrorStyle::Stripe
    } else {
        ErrorStyle::Message
    }
}

/// The files of a named world: `<specs_dir>/<name>/openapi.json` and the optional
/// `<specs_dir>/<name>/fixtures.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorldFiles {
    /// The world's OpenAPI description.
    pub spec: PathBuf,
    /// Its fixtures file, when there is one.
    pub fixtures: Option<PathBuf>,
}

/// Finds the files of world `name` under `specs_dir`; the error lists the worlds there are.
pub fn world_files(specs_dir: &Path, name: &str) -> Result<WorldFiles, WorldError> {
    let dir = specs_dir.join(name);
    let spec = dir.join("openapi.json");
    if name.is_empty() || name.contains(['/', '\\']) || name == ".." || !spec.is_file() {
        let known = available_worlds(specs_dir);
        return Err(WorldError(format!(
            "no {} (available worlds in {}: {})",
            spec.display(),
            specs_dir.display(),
            if known.is_empty() {
                "none yet".to_string()
            } else {
                known.join(", ")
            }
        )));
    }
    let fixtures = dir.join("fixtures.json");
    Ok(WorldFiles {
        spec,
        fixtures: fixtures.is_file().then_some(fixtures),
    })
}

impl World {
    /// A world of `spec` from an optional fixtures file (generated data only without one).
    pub fn from_files(spec: Arc<Spec>, seed: u64, fixtures: Option<&Path>) -> Result<Self, WorldError> {
        match fixtures {
            Some(f) => Self::with_fixtures_file(spec, seed, f),
            None => Ok(Self::new(spec, seed)),
        }
    }
}

/// Loads world `name` from `specs_dir`: its spec and, when present, its fixtures.
pub fn load_world(specs_dir: &Path, name: &str, seed: u64) -> Result<World, WorldError> {
    let files = world_files(specs_dir, name)?;
    let spec = Spec::load(&files.spec).map_err(|e| WorldError(e.to_string()))?;
    World::from_files(Arc::new(spec), seed, files.fixtures.as_deref())
}

/// Names of the worlds under `specs/` (directories holding an `openapi.json`).
pub fn available_worlds(specs_dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(specs_dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().join("openapi.json").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
