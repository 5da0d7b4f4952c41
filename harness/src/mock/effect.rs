//! Action effects: what an action endpoint (`POST .../pulls/{n}/merge`) does to the item it
//! acts on, declared in the spec so the generic mock can apply it.
//!
//! An operation carries `x-cmbench-effect` (the world generator writes it from a resource's
//! `[resource.action_effects]`):
//!
//! ```json
//! {"when": {"state": "open", "draft": false},
//!  "set": {"state": "closed", "merged": true, "merged_at": "$now", "merge_method": "$body.merge_method"}}
//! ```
//!
//! - `when`: field -> the value it must hold, or an array of allowed values. An item that does
//!   not qualify gets a 409 naming the field, its value and what the action needs.
//! - `set`: field -> a literal, or a token: `$now` (the episode clock; RFC 3339 text, or Unix
//!   seconds where the item schema declares an integer), `$null` (null where the item schema
//!   allows it, else the field is removed, as fixtures leave unset fields out), `$inc` (adds one to a
//!   number), `$body.<field>` (a request body field, else its schema default, else left
//!   alone), `$item.<field>` (another field of the item).
//!
//! The answer is the item after the change. A malformed declaration is not skipped: the
//! operation answers 500 with the problem, naming the operation and the field.

use super::plan::{Kind, Plan, shape_of};
use super::schema::{find_property, nullable, resolve, types};
use crate::spec::{Operation, Spec};
use serde_json::{Map, Value};

/// The extension that declares an effect.
pub const EXTENSION: &str = "x-cmbench-effect";

/// One action's effect on its item.
#[derive(Debug, Clone, PartialEq)]
pub struct Effect {
    /// Conditions: field and the values it may hold.
    pub when: Vec<(String, Vec<Value>)>,
    /// Changes: field and the value (literal or token) it receives.
    pub set: Vec<(String, Value)>,
    /// Path template of the item's collection (`/repos/{owner}/{repo}/pulls`).
    pub collection: String,
    /// Path parameter that names the item (`pull_number`).
    pub item_param: String,
    /// An item operation of that collection (its plan knows the key field and item schema).
    pub item_op: usize,
    /// The action's name (last path segment), for messages.
    pub action: String,
}

/// Reads the effect declared on `op`, if any; `plans` are the generic plans of every operation.
pub fn parse(spec: &Spec, op: &Operation, plans: &[Plan]) -> Option<Result<Effect, String>> {
    let raw = spec.doc.pointer(&op.pointer)?.get(EXTENSION)?;
    Some(parse_value(op, raw, plans).map_err(|e| format!("{EXTENSION} of operation {}: {e}", op.operation_id)))
}

fn parse_value(op: &Operation, raw: &Value, plans: &[Plan]) -> Result<Effect, String> {
    let Value::Object(fields) = raw else {
        return Err("expected an object with `when` and `set`".into());
    };
    if let Some(unknown) = fields.keys().find(|k| !matches!(k.as_str(), "when" | "set")) {
        return Err(format!("unknown key {unknown:?} (known: when, set)"));
    }
    if op.method != "post" {
        return Err(format!(
            "effects belong to POST actions, not {}",
            op.method.to_uppercase()
        ));
    }
    let (item_path, action) = op
        .path
        .rsplit_once('/')
        .ok_or_else(|| format!("path {:?} has no item before the action", op.path))?;
    let (collection, last) = item_path.rsplit_once('/').unwrap_or(("", item_path));
    let item_param = last
        .strip_prefix('{')
        .and_then(|l| l.strip_suffix('}'))
        .ok_or_else(|| {
            format!(
                "path {:?}: an effect needs an action on an item (`.../{{id}}/{action}`)",
                op.path
            )
        })?
        .to_string();
    let shape = shape_of(collection);
    let item_op = plans
        .iter()
        .position(|p| p.shape == shape && p.item_param.is_some() && p.kind == Kind::Read)
        .or_else(|| plans.iter().position(|p| p.shape == shape && p.item_param.is_some()))
        .ok_or_else(|| format!("no item operation on {collection}/{{{item_param}}} to act on"))?;
    let object = |key: &str| -> Result<Map<String, Value>, String> {
        match fields.get(key) {
            None => Ok(Map::new()),
            Some(Value::Object(m)) => Ok(m.clone()),
            Some(other) => Err(format!("`{key}` must be an object of field -> value, not {other}")),
        }
    };
    let when = object("when")?
        .into_iter()
        .map(|(k, v)| match v {
            Value::Array(allowed) if allowed.is_empty() => Err(format!("when.{k}: an empty list allows nothing")),
            Value::Array(allowed) => Ok((k, allowed)),
            v => Ok((k, vec![v])),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let set: Vec<(String, Value)> = object("set")?.into_iter().collect();
    if set.is_empty() {
        return Err("`set` is empty: the action would change nothing".into());
    }
    for (k, v) in &set {
        if let Some(token) = v.as_str().filter(|s| s.starts_with('$')) {
            let known = matches!(token, "$now" | "$null" | "$inc")
                || token.strip_prefix("$body.").is_some_and(|f| !f.is_empty())
                || token.strip_prefix("$item.").is_some_and(|f| !f.is_empty());
            if !known {
                return Err(format!(
                    "set.{k}: unknown token {token:?} (known: $now, $null, $inc, $body.<field>, $item.<field>)"
                ));
            }
        }
    }
    Ok(Effect {
        when,
        set,
        collection: collection.to_string(),
        item_param,
        item_op,
        action: action.to_string(),
    })
}

/// Why `item` does not qualify for the action, if it does not.
pub fn refusal(effect: &Effect, item: &Value) -> Option<String> {
    effect.when.iter().find_map(|(field, allowed)| {
        let actual = item.get(field).unwrap_or(&Value::Null);
        if allowed.contains(actual) {
            return None;
        }
        let need = match allowed.as_slice() {
            [one] => one.to_string(),
            many => format!(
                "one of {}",
                many.iter().map(Value::to_string).collect::<Vec<_>>().join(", ")
            ),
        };
        Some(format!("its {field} is {actual}, and {} needs {need}", effect.action))
    })
}

/// Applies the `set` list to `item`. `body` is the request body, `body_schema` its schema,
/// `item_schema` the item's schema (for the type of `$now`), `now_ms` the episode clock.
pub fn apply(
    effect: &Effect,
    doc: &Value,
    item: &mut Value,
    body: &Value,
    body_schema: Option<&Value>,
    item_schema: Option<&Value>,
    now_ms: i64,
) {
    let Value::Object(fields) = item else { return };
    for (field, value) in &effect.set {
        let new = match value.as_str() {
            Some("$now") => {
                let integer = item_schema
                    .and_then(|s| find_property(doc, s, field))
                    .is_some_and(|p| types(resolve(doc, p)).contains(&"integer"));
                if integer {
                    Some(Value::from(now_ms.div_euclid(1000)))
                } else {
                    Some(Value::from(crate::time::rfc3339(now_ms.div_euclid(1000))))
                }
            }
            Some("$null") => {
                let allows_null = item_schema
                    .and_then(|s| find_property(doc, s, field))
                    .is_some_and(|p| nullable(resolve(doc, p)));
                if !allows_null {
                    fields.remove(field);
                    continue;
                }
                Some(Value::Null)
            }
            Some("$inc") => Some(match fields.get(field).and_then(Value::as_f64) {
                Some(n) if n.fract() == 0.0 => Value::from(n as i64 + 1),
                Some(n) => Value::from(n + 1.0),
                None => Value::from(1),
            }),
            Some(token) if token.starts_with("$body.") => {
                let name = &token["$body.".len()..];
                body.get(name).cloned().or_else(|| {
                    body_schema
                        .and_then(|s| find_property(doc, s, name))
                        .and_then(|p| resolve(doc, p).get("default").cloned())
                })
            }
            Some(token) if token.starts_with("$item.") => fields.get(&token["$item.".len()..]).cloned(),
            _ => Some(value.clone()),
        };
        if let Some(new) = new {
            fields.insert(field.clone(), new);
        }
    }
}
