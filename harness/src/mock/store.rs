//! The resource state of one episode, its snapshots, canonical hash and diff.
//!
//! State is a set of *collections* (keyed by concrete collection path such as
//! `/zones/z1/dns_records`, each an ordered map from item key to item) and *singletons*
//! (keyed by concrete path). The *baseline* is the state the episode started from; when a
//! world generates data on demand, newly revealed data is added to both the baseline and
//! the current state, so it never shows up as a change.

use serde::Serialize;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// Resource state: collections of items plus singleton resources.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    /// Collection path -> item key -> item, items in insertion order.
    pub collections: BTreeMap<String, Map<String, Value>>,
    /// Resource path -> value.
    pub singletons: BTreeMap<String, Value>,
}

impl State {
    /// The state as one JSON value: `{"collections": {...}, "singletons": {...}}`.
    pub fn to_json(&self) -> Value {
        json!({
            "collections": self.collections.iter().map(|(k, v)| (k.clone(), Value::Object(v.clone()))).collect::<Map<_, _>>(),
            "singletons": self.singletons.iter().map(|(k, v)| (k.clone(), v.clone())).collect::<Map<_, _>>(),
        })
    }
}

/// A frozen copy of a state with its canonical hash.
#[derive(Debug, Clone, Serialize)]
pub struct Snapshot {
    /// SHA-256 (hex) of the canonical JSON of `state`.
    pub hash: String,
    /// The state as JSON (`{"collections": ..., "singletons": ...}`).
    pub state: Value,
}

impl Snapshot {
    /// Freezes `state`.
    pub fn of(state: &State) -> Self {
        let state = state.to_json();
        Self {
            hash: canonical_hash(&state),
            state,
        }
    }
}

/// Writes `value` as JSON with object keys sorted at every level (no whitespace).
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write_canonical(&map[k], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(v, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// SHA-256 (hex) of [`canonical_json`].
pub fn canonical_hash(value: &Value) -> String {
    hex::encode(Sha256::digest(canonical_json(value).as_bytes()))
}

/// One resource that differs between two states.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Collection path (or the singleton's path).
    pub collection: String,
    /// Item key (`None` for singletons).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The value before (`None` when created).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<Value>,
    /// The value after (`None` when deleted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<Value>,
}

/// What changed between two states.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Diff {
    /// Resources that exist only afterwards.
    pub created: Vec<Change>,
    /// Resources that exist in both with different values.
    pub changed: Vec<Change>,
    /// Resources that exist only before.
    pub deleted: Vec<Change>,
}

impl Diff {
    /// Compares `before` with `after`, in collection then key order.
    pub fn between(before: &State, after: &State) -> Self {
        let mut diff = Diff::default();
        let names: BTreeSet<&String> = before.collections.keys().chain(after.collections.keys()).collect();
        let empty = Map::new();
        for name in names {
            let b = before.collections.get(name).unwrap_or(&empty);
            let a = after.collections.get(name).unwrap_or(&empty);
            let keys: BTreeSet<&String> = b.keys().chain(a.keys()).collect();
            for key in keys {
                diff.push(name, Some(key), b.get(key), a.get(key));
            }
        }
        let names: BTreeSet<&String> = before.singletons.keys().chain(after.singletons.keys()).collect();
        for name in names {
            diff.push(name, None, before.singletons.get(name), after.singletons.get(name));
        }
        diff
    }

    fn push(&mut self, collection: &str, id: Option<&String>, before: Option<&Value>, after: Option<&Value>) {
        let change = Change {
            collection: collection.to_string(),
            id: id.cloned(),
            before: before.cloned(),
            after: after.cloned(),
        };
        match (before, after) {
            (None, Some(_)) => self.created.push(change),
            (Some(_), None) => self.deleted.push(change),
            (Some(b), Some(a)) if b != a => self.changed.push(change),
            _ => {}
        }
    }

    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.created.is_empty() && self.changed.is_empty() && self.deleted.is_empty()
    }
}

/// The baseline and current state of one episode.
#[derive(Debug, Clone, Default)]
pub struct Store {
    /// The state the episode started from (grows as generated data is revealed).
    pub baseline: State,
    /// The state now.
    pub current: State,
}

impl Store {
    /// Starts from `initial`.
    pub fn new(initial: State) -> Self {
        Self {
            baseline: initial.clone(),
            current: initial,
        }
    }

    /// Whether the collection at `path` was ever seen (in the baseline).
    pub fn knows_collection(&self, path: &str) -> bool {
        self.baseline.collections.contains_key(path) || self.current.collections.contains_key(path)
    }

    /// Adds pre-existing items to a collection (baseline and current alike).
    pub fn reveal_items(&mut self, path: &str, items: Map<String, Value>) {
        let base = self.baseline.collections.entry(path.to_string()).or_default();
        let cur = self.current.collections.entry(path.to_string()).or_default();
        for (k, v) in items {
            if !base.contains_key(&k) {
                base.insert(k.clone(), v.clone());
                cur.insert(k, v);
            }
        }
    }

    /// Adds a pre-existing singleton (baseline and current alike), unless it was seen before.
    pub fn reveal_singleton(&mut self, path: &str, value: Value) {
        if !self.baseline.singletons.contains_key(path) {
            self.baseline.singletons.insert(path.to_string(), value.clone());
            self.current.singletons.insert(path.to_string(), value);
        }
    }

    /// Whether the item existed in the baseline (so it must not be generated again once deleted).
    pub fn item_was_seen(&self, path: &str, key: &str) -> bool {
        self.baseline.collections.get(path).is_some_and(|c| c.contains_key(key))
    }

    /// What changed since the baseline.
    pub fn diff(&self) -> Diff {
        Diff::between(&self.baseline, &self.current)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_hash_ignores_key_order_and_diff_classifies() {
        assert_eq!(
            canonical_hash(&json!({"a": 1, "b": [1, {"y": 2, "x": 1}]})),
            canonical_hash(&json!({"b": [1, {"x": 1, "y": 2}], "a": 1}))
        );
        let mut before = State::default();
        let mut items = Map::new();
        items.insert("1".into(), json!({"id": "1", "n": 1}));
        items.insert("2".into(), json!({"id": "2"}));
        before.collections.insert("/t".into(), items);
        let mut after = before.clone();
        let t = after.collections.get_mut("/t").expect("collection");
        t.insert("1".into(), json!({"id": "1", "n": 2}));
        t.shift_remove("2");
        t.insert("3".into(), json!({"id": "3"}));
        let d = Diff::between(&before, &after);
        assert_eq!(d.created.len(), 1);
        assert_eq!(d.changed.len(), 1);
        assert_eq!(d.deleted[0].id.as_deref(), Some("2"));
        assert!(Diff::between(&after, &after).is_empty());
        assert_ne!(Snapshot::of(&before).hash, Snapshot::of(&after).hash);
    }
}
