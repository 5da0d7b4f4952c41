//! The `spec` object the `search` tool's code sees: `{ paths: { [path]: { [method]: Operation } } }`
//! with every `$ref` inlined, shaped as the `search` tool's declaration promises.
//!
//! Inlining here is bounded per schema so densely cross-linked specs stay small: a
//! component already expanded once in the same schema is repeated only when it is small,
//! otherwise it is replaced by a marker naming it. Stripe's spec would otherwise expand
//! to over a gigabyte of JSON.

use crate::spec::{Operation, Spec, lookup};
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// Per-schema value budgets, largest first; the first whose estimated view fits [`VIEW_NODE_BUDGET`] is used.
pub const SCHEMA_NODE_BUDGETS: [usize; 3] = [25_000, 4_000, 1_000];
/// Most values the whole view should hold (estimated from a sample) before a smaller per-schema budget is used.
pub const VIEW_NODE_BUDGET: usize = 3_000_000;
/// A component expanded earlier in the same schema is repeated only if it has at most this many values.
pub const REPEAT_NODE_LIMIT: usize = 64;
/// Most `$ref`s expanded inside one another; deeper ones become markers naming the component.
pub const MAX_REF_NESTING: usize = 5;
/// Deepest nesting of an inlined schema.
const MAX_DEPTH: usize = 48;

/// Builds the search view of `spec` (refs inlined, vendor extensions dropped).
pub fn search_view(spec: &Spec) -> Value {
    let budget = choose_budget(spec);
    view_within(spec, budget, usize::MAX).unwrap_or_else(|| json!({ "paths": {} }))
}

/// Operations sampled (one in this many) to estimate a view's size before building it.
const SAMPLE_EVERY: usize = 8;

/// The largest per-schema budget whose estimated view fits [`VIEW_NODE_BUDGET`], estimated
/// from a sample of operations so the full view is built only once.
fn choose_budget(spec: &Spec) -> usize {
    let last = SCHEMA_NODE_BUDGETS[SCHEMA_NODE_BUDGETS.len() - 1];
    for budget in SCHEMA_NODE_BUDGETS {
        let mut b = Budget {
            schema: budget,
            total: 0,
        };
        for op in spec.operations.iter().step_by(SAMPLE_EVERY) {
            operation_view(spec, op, &mut b);
            if b.total.saturating_mul(SAMPLE_EVERY) > VIEW_NODE_BUDGET {
                break;
            }
        }
        if b.total.saturating_mul(SAMPLE_EVERY) <= VIEW_NODE_BUDGET {
            return budget;
        }
    }
    last
}

/// The view with per-schema budget `budget`, or `None` once it exceeds `limit` values in total.
fn view_within(spec: &Spec, budget: usize, limit: usize) -> Option<Value> {
    let mut b = Budget {
        schema: budget,
        total: 0,
    };
    let mut paths: Map<String, Value> = Map::new();
    for op in &spec.operations {
        let view = operation_view(spec, op, &mut b);
        if b.total > limit {
            return None;
        }
        let item = paths
            .entry(op.path.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(item) = item {
            item.insert(op.method.clone(), view);
        }
    }
    Some(json!({ "paths": paths }))
}

/// Value budgets while building one view.
struct Budget {
    /// Most values per schema.
    schema: usize,
    /// Values emitted so far in the whole view.
    total: usize,
}

fn content(spec: &Spec, content_type: &str, schema: &Value, b: &mut Budget) -> Value {
    json!({ content_type: { "schema": inline(spec, schema, b) } })
}

/// Inlines every local `$ref` under `value` within the per-schema budget.
fn inline(spec: &Spec, value: &Value, b: &mut Budget) -> Value {
    let mut walk = Walk {
        doc: &spec.doc,
        stack: Vec::new(),
        done: HashMap::new(),
        nodes: 0,
        budget: b.schema,
    };
    let v = walk.inline(value, 0);
    b.total += walk.nodes;
    v
}

struct Walk<'a> {
    budget: usize,
    doc: &'a Value,
    stack: Vec<&'a str>,
    /// Components expanded so far in this schema, with their expansion when small.
    done: HashMap<&'a str, Option<Value>>,
    nodes: usize,
}

fn marker(reason: &str, reference: &str) -> Value {
    let name = reference.rsplit('/').next().unwrap_or(reference);
    json!({ "description": format!("{name}: {reason}") })
}

impl<'a> Walk<'a> {
    fn inline(&mut self, value: &'a Value, depth: usize) -> Value {
        self.nodes += 1;
        match value {
            Value::Object(map) => {
                if depth >= MAX_DEPTH {
                    return marker("nested too deeply (not expanded)", "object");
                }
                if let Some(r) = map.get("$ref").and_then(Value::as_str) {
                    return self.reference(map, r, depth);
                }
                let mut out = Map::with_capacity(map.len());
                for (k, v) in map {
                    if !k.starts_with("x-") {
                        out.insert(k.clone(), self.inline(v, depth + 1));
                    }
                }
                Value::Object(out)
            }
            Value::Array(items) if depth < MAX_DEPTH => {
                Value::Array(items.iter().map(|v| self.inline(v, depth + 1)).collect())
            }
            Value::Array(_) => Value::Array(Vec::new()),
            other => other.clone(),
        }
    }

    fn reference(&mut self, map: &'a Map<String, Value>, r: &'a str, depth: usize) -> Value {
        if !r.starts_with('#') {
            return Value::Object(map.clone());
        }
        if self.stack.contains(&r) {
            return marker("recursive reference (not expanded)", r);
        }
        if let Some(seen) = self.done.get(r) {
            return match seen {
                Some(v) => v.clone(),
                None => marker("expanded earlier in this schema (not repeated)", r),
            };
        }
        if self.stack.len() >= MAX_REF_NESTING {
            return marker("nested reference (not expanded; look it up by name)", r);
        }
        if self.nodes >= self.budget {
            return marker("schema too large to inline further (not expanded)", r);
        }
        let Some(target) = lookup(self.doc, r) else {
            return Value::Object(map.clone());
        };
        let before = self.nodes;
        self.stack.push(r);
        let mut resolved = self.inline(target, depth + 1);
        self.stack.pop();
        let size = self.nodes - before;
        self.done
            .insert(r, (size <= REPEAT_NODE_LIMIT).then(|| resolved.clone()));
        if map.len() > 1
            && let Value::Object(out) = &mut resolved
        {
            for (k, v) in map {
                if k != "$ref" && !k.starts_with("x-") {
                    out.insert(k.clone(), self.inline(v, depth + 1));
                }
            }
        }
        resolved
    }
}

fn operation_view(spec: &Spec, op: &Operation, b: &mut Budget) -> Value {
    let mut out = Map::new();
    out.insert("operationId".into(), Value::String(op.operation_id.clone()));
    if let Some(s) = &op.summary {
        out.insert("summary".into(), Value::String(s.clone()));
    }
    if let Some(d) = &op.description {
        out.insert("description".into(), Value::String(d.clone()));
    }
    if !op.tags.is_empty() {
        out.insert("tags".into(), json!(op.tags));
    }
    let params: Vec<Value> = op
        .parameters
        .iter()
        .map(|p| {
            let mut m = Map::new();
            m.insert("name".into(), Value::String(p.name.clone()));
            m.insert("in".into(), Value::String(p.location.as_str().into()));
            m.insert("required".into(), Value::Bool(p.required));
            if let Some(d) = &p.description {
                m.insert("description".into(), Value::String(d.clone()));
            }
            m.insert("schema".into(), inline(spec, &p.schema, b));
            Value::Object(m)
        })
        .collect();
    out.insert("parameters".into(), Value::Array(params));
    if let Some(body) = &op.request_body {
        let mut m = Map::new();
        m.insert("required".into(), Value::Bool(body.required));
        if let Some(d) = &body.description {
            m.insert("description".into(), Value::String(d.clone()));
        }
        m.insert("content".into(), content(spec, &body.content_type, &body.schema, b));
        out.insert("requestBody".into(), Value::Object(m));
    }
    let mut responses = Map::new();
    for r in &op.responses {
        let mut m = Map::new();
        m.insert(
            "description".into(),
            Value::String(r.description.clone().unwrap_or_default()),
        );
        if let (Some(ct), Some(schema)) = (&r.content_type, &r.schema) {
            m.insert("content".into(), content(spec, ct, schema, b));
        }
        responses.insert(r.status.clone(), Value::Object(m));
    }
    out.insert("responses".into(), Value::Object(responses));
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const SPEC: &str = r##"{"openapi":"3.0.0","info":{"title":"T","version":"1"},
      "paths":{"/zones/{id}":{"get":{"operationId":"getZone","tags":["zones"],"summary":"Get",
        "parameters":[{"name":"id","in":"path","required":true,"schema":{"$ref":"#/components/schemas/Id"}}],
        "responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Zone"}}}}}}}},
      "components":{"schemas":{"Id":{"type":"string"},"Zone":{"type":"object","properties":{"id":{"$ref":"#/components/schemas/Id"}}}}}}"##;

    /// A spec where each schema refers to every later one: inlining naively grows as 2^n.
    fn dense_spec(n: usize) -> String {
        let mut schemas = Vec::new();
        for i in 0..n {
            let props: Vec<String> = (i + 1..n)
                .map(|j| format!(r##""p{j}":{{"$ref":"#/components/schemas/S{j}"}}"##))
                .collect();
            schemas.push(format!(
                r#""S{i}":{{"type":"object","properties":{{{}}}}}"#,
                props.join(",")
            ));
        }
        format!(
            r##"{{"openapi":"3.0.0","info":{{"title":"D","version":"1"}},"paths":{{"/d":{{"get":{{"operationId":"d",
              "responses":{{"200":{{"description":"ok","content":{{"application/json":{{"schema":{{"$ref":"#/components/schemas/S0"}}}}}}}}}}}}}}}},
              "components":{{"schemas":{{{}}}}}}}"##,
            schemas.join(",")
        )
    }

    #[test]
    fn dense_cross_links_stay_bounded_and_are_marked() {
        let spec = Spec::from_text(&dense_spec(30), Path::new("d.json")).unwrap();
        let text = search_view(&spec).to_string();
        assert!(text.len() < 2_000_000, "view is {} bytes", text.len());
        assert!(
            text.contains("(not repeated)") || text.contains("(not expanded"),
            "no markers"
        );
        assert!(!text.contains("$ref"));
    }

    #[test]
    fn view_has_the_declared_shape_with_refs_inlined() {
        let spec = Spec::from_text(SPEC, Path::new("t.json")).unwrap();
        let v = search_view(&spec);
        let op = &v["paths"]["/zones/{id}"]["get"];
        assert_eq!(op["operationId"], "getZone");
        assert_eq!(op["tags"][0], "zones");
        assert_eq!(op["parameters"][0]["schema"]["type"], "string");
        let schema = &op["responses"]["200"]["content"]["application/json"]["schema"];
        assert_eq!(schema["properties"]["id"]["type"], "string");
        assert!(!v.to_string().contains("$ref"));
    }
}
