//! JSON-Schema-shape checks: the subset of JSON Schema that OpenAPI descriptions use.
//!
//! Schemas are read as written (local `$ref`s followed on the fly, never inlined), so a
//! check costs only the part of the schema the value actually exercises. Supported:
//! `type` (string or list, `nullable`, `x-nullable`), `enum`, `const`, `properties`,
//! `required`, `additionalProperties`, `items`, `allOf`, `anyOf`, `oneOf` (checked like
//! `anyOf`: overlapping alternatives are common in real specs), `minLength`/`maxLength`,
//! `minimum`/`maximum`, `minItems`/`maxItems`, and in requests the formats `ipv4`, `ipv6`,
//! `email`, `date`, `date-time` and `uuid`, `pattern` (as an unanchored search; a pattern
//! the `regex` crate cannot compile, e.g. one with look-around, is not checked) and `not`.
//! Not checked: other formats; `pattern` and `not` in responses (generated data does not
//! follow them).

use crate::spec::lookup;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

mod check;
mod contradiction;

pub use check::{Direction, validate, validate_as};
pub use contradiction::contradictions;
pub(crate) use contradiction::{admitted_types, type_bits};

/// Compiled `pattern`s (`None`: not a pattern the `regex` crate supports), shared by all worlds.
static PATTERNS: LazyLock<Mutex<HashMap<String, Option<regex::Regex>>>> = LazyLock::new(Default::default);

/// Whether `text` matches the JSON Schema `pattern` (unanchored); `None` when it cannot be compiled.
pub fn pattern_matches(pattern: &str, text: &str) -> Option<bool> {
    let mut cache = PATTERNS.lock().unwrap_or_else(|p| p.into_inner());
    if cache.len() > 4096 {
        cache.clear();
    }
    cache
        .entry(pattern.to_string())
        .or_insert_with(|| regex::Regex::new(pattern).ok())
        .as_ref()
        .map(|re| re.is_match(text))
}

/// Nesting depth below which values are no longer checked (and no longer generated).
pub const MAX_DEPTH: usize = 12;

/// At most this many problems are reported for one value.
pub const MAX_ERRORS: usize = 8;

/// Follows a chain of local `$ref`s; an unresolvable reference yields an empty (any) schema.
pub fn resolve<'a>(doc: &'a Value, mut schema: &'a Value) -> &'a Value {
    static ANY: Value = Value::Bool(true);
    for _ in 0..32 {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(r) => match lookup(doc, r) {
                Some(target) => schema = target,
                None => return &ANY,
            },
            None => return schema,
        }
    }
    &ANY
}

/// Whether a schema allows `null` (OpenAPI 3.0 `nullable`, Swagger `x-nullable`, 3.1 type lists).
pub fn nullable(schema: &Value) -> bool {
    let flag = |k: &str| schema.get(k).and_then(Value::as_bool).unwrap_or(false);
    flag("nullable")
        || flag("x-nullable")
        || match schema.get("type") {
            Some(Value::Array(types)) => types.iter().any(|t| t == "null"),
            Some(Value::String(t)) => t == "null",
            _ => false,
        }
}

/// The declared non-null types of a schema (empty when it declares none).
pub fn types(schema: &Value) -> Vec<&str> {
    match schema.get("type") {
        Some(Value::String(t)) if t != "null" => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).filter(|t| *t != "null").collect(),
        _ => Vec::new(),
    }
}

/// Finds the schema of property `name`, looking through `$ref`, `allOf`, `anyOf` and `oneOf`.
pub fn find_property<'a>(doc: &'a Value, schema: &'a Value, name: &str) -> Option<&'a Value> {
    find_property_at(doc, schema, name, 0)
}

fn find_property_at<'a>(doc: &'a Value, schema: &'a Value, name: &str, depth: usize) -> Option<&'a Value> {
    if depth > 8 {
        return None;
    }
    let schema = resolve(doc, schema);
    if let Some(p) = schema.get("properties").and_then(|p| p.get(name)) {
        return Some(p);
    }
    // Later `allOf` parts refine earlier ones (a common envelope first, the specific result last).
    for sub in schema
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .rev()
    {
        if let Some(p) = find_property_at(doc, sub, name, depth + 1) {
            return Some(p);
        }
    }
    for key in ["anyOf", "oneOf"] {
        for sub in schema.get(key).and_then(Value::as_array).into_iter().flatten() {
            if let Some(p) = find_property_at(doc, sub, name, depth + 1) {
                return Some(p);
            }
        }
    }
    None
}

/// Every description of property `name` in a schema and its `allOf` parts (through `$ref`),
/// parts in order and the schema's own last: each must hold for the value.
pub fn property_parts<'a>(doc: &'a Value, schema: &'a Value, name: &str) -> Vec<&'a Value> {
    let mut out = Vec::new();
    collect_property_parts(doc, schema, name, &mut out, 0);
    out
}

fn collect_property_parts<'a>(doc: &'a Value, schema: &'a Value, name: &str, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    let schema = resolve(doc, schema);
    for sub in schema.get("allOf").and_then(Value::as_array).into_iter().flatten() {
        collect_property_parts(doc, sub, name, out, depth + 1);
    }
    if let Some(p) = schema.get("properties").and_then(|p| p.get(name)) {
        out.push(p);
    }
}

/// Whether a schema constrains nothing (`{}`, or only annotations such as `description`).
pub fn says_nothing(doc: &Value, schema: &Value) -> bool {
    match resolve(doc, schema) {
        Value::Bool(true) => true,
        Value::Object(m) => m
            .keys()
            .all(|k| matches!(k.as_str(), "description" | "title" | "example" | "examples")),
        _ => false,
    }
}

/// Names of every property a schema declares (through `$ref` and `allOf`/`anyOf`/`oneOf`), in order.
pub fn property_names(doc: &Value, schema: &Value) -> Vec<String> {
    let mut out = Vec::new();
    collect_names(doc, schema, &mut out, 0);
    out
}

fn collect_names(doc: &Value, schema: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > 8 {
        return;
    }
    let schema = resolve(doc, schema);
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        for k in props.keys() {
            if !out.contains(k) {
                out.push(k.clone());
            }
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        for sub in schema.get(key).and_then(Value::as_array).into_iter().flatten() {
            collect_names(doc, sub, out, depth + 1);
        }
    }
}

/// Names a schema requires (through `$ref` and `allOf`).
pub fn required_names(doc: &Value, schema: &Value) -> Vec<String> {
    let mut out = Vec::new();
    collect_required(doc, schema, &mut out, 0);
    out
}

fn collect_required(doc: &Value, schema: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > 8 {
        return;
    }
    let schema = resolve(doc, schema);
    for name in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
        if let Some(n) = name.as_str()
            && !out.iter().any(|o| o == n)
        {
            out.push(n.to_string());
        }
    }
    for sub in schema.get("allOf").and_then(Value::as_array).into_iter().flatten() {
        collect_required(doc, sub, out, depth + 1);
    }
}

/// The element schema when `schema` describes an array (through `$ref` and `allOf`); `items`
/// beside a declared non-array `type` is ignored, as [`validate`] ignores it.
pub fn array_items<'a>(doc: &'a Value, schema: &'a Value) -> Option<&'a Value> {
    let schema = resolve(doc, schema);
    let declared = types(schema);
    if declared.contains(&"array") || (declared.is_empty() && schema.get("items").is_some()) {
        return Some(schema.get("items").unwrap_or(&Value::Bool(true)));
    }
    for sub in schema.get("allOf").and_then(Value::as_array).into_iter().flatten() {
        if let Some(items) = array_items(doc, sub) {
            return Some(items);
        }
    }
    None
}

/// Converts a query/path/form string to the JSON type its schema declares (left as a string when it does not parse).
pub fn coerce(doc: &Value, schema: &Value, raw: &str) -> Value {
    let schema = resolve(doc, schema);
    let mut declared = types(schema);
    if declared.is_empty() {
        for key in ["anyOf", "oneOf", "allOf"] {
            for sub in schema.get(key).and_then(Value::as_array).into_iter().flatten() {
                declared.extend(types(resolve(doc, sub)));
            }
        }
    }
    for t in declared {
        match t {
            "integer" => {
                if let Ok(i) = raw.parse::<i64>() {
                    return Value::from(i);
                }
            }
            "number" => {
                if let Ok(f) = raw.parse::<f64>()
                    && let Some(n) = serde_json::Number::from_f64(f)
                {
                    return Value::Number(n);
                }
            }
            "boolean" => match raw {
                "true" => return Value::Bool(true),
                "false" => return Value::Bool(false),
                _ => {}
            },
            "array" => {
                let items = schema.get("items").unwrap_or(&Value::Bool(true));
                return Value::Array(raw.split(',').map(|p| coerce(doc, items, p)).collect());
            }
            _ => {}
        }
    }
    Value::String(raw.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reports_type_enum_required_and_unknown_fields() {
        let doc = json!({"components": {"schemas": {"T": {"type": "string", "enum": ["A", "MX"]}}}});
        let schema = json!({
            "type": "object", "required": ["name", "type"], "additionalProperties": false,
            "properties": {"name": {"type": "string", "maxLength": 3}, "type": {"$ref": "#/components/schemas/T"}}
        });
        let errors = validate(&doc, &schema, &json!({"type": "B", "name": "long", "x": 1}), "body");
        let text = errors.join("\n");
        assert!(text.contains("body.type: must be one of \"A\", \"MX\""), "{text}");
        assert!(text.contains("body.name: must be at most 3 characters"), "{text}");
        assert!(text.contains("unknown field \"x\""), "{text}");
        assert!(validate(&doc, &schema, &json!({"type": "A", "name": "ab"}), "body").is_empty());
        let missing = validate(&doc, &schema, &json!({"type": "A"}), "body");
        assert_eq!(missing, vec!["body.name: is required".to_string()]);
    }

    #[test]
    fn requests_are_held_to_pattern_and_not() {
        let doc = json!({});
        let schema = json!({"type": "object", "properties": {
            "tag": {"type": "string", "pattern": "^[a-z0-9-]{1,10}$"},
            "name": {"type": "string", "not": {"enum": ["root", "admin"]}},
            "code": {"type": "string", "pattern": "(?<=x)y"},
            "n": {"type": "integer", "not": {"type": "string"}}
        }});
        let req = |v: Value| validate_as(&doc, &schema, &v, "body", Direction::Request);
        let e = req(json!({"tag": "Bad Tag"}));
        assert_eq!(
            e,
            vec!["body.tag: must match the pattern ^[a-z0-9-]{1,10}$; got \"Bad Tag\"".to_string()]
        );
        let e = req(json!({"name": "root"}));
        assert_eq!(
            e,
            vec!["body.name: must not be one of \"root\", \"admin\"; got \"root\"".to_string()]
        );
        // Look-around is not in the regex crate: such a pattern is not checked rather than refused.
        assert!(req(json!({"tag": "ok-1", "name": "ana", "code": "zzz", "n": 3})).is_empty());
        assert_eq!(pattern_matches("(?<=x)y", "xy"), None);
        // Generated responses need not follow them.
        assert!(validate(&doc, &schema, &json!({"tag": "Bad Tag", "name": "root"}), "body").is_empty());
    }

    #[test]
    fn self_contradictions_are_found_where_allof_parts_meet() {
        let doc = json!({"components": {"schemas": {
            "Envelope": {"type": "object", "properties": {"result": {"type": "object"}, "success": {"type": "boolean"}}},
            "List": {"type": "object", "properties": {"result": {"type": "array", "items": {}}}}
        }}});
        let broken =
            json!({"allOf": [{"$ref": "#/components/schemas/Envelope"}, {"$ref": "#/components/schemas/List"}]});
        assert_eq!(
            contradictions(&doc, &broken),
            vec!["result: allOf parts require object and array".to_string()]
        );
        let fine = json!({"allOf": [{"$ref": "#/components/schemas/Envelope"},
            {"properties": {"result": {"type": ["object", "null"], "properties": {"n": {"type": "number"}}}}},
            {"properties": {"result": {"properties": {"n": {"type": "integer"}}}}}]});
        assert!(contradictions(&doc, &fine).is_empty());
        // Alternatives count: an array cannot be an object or a string, whatever a later part says.
        let alternatives = json!({"allOf": [
            {"properties": {"result": {"anyOf": [{"type": "object", "nullable": true}, {"type": "string"}]}}},
            {"properties": {"result": {"type": "array", "items": {}}}}]});
        assert_eq!(
            contradictions(&doc, &alternatives),
            vec!["result: allOf parts require (string or object or null) and array".to_string()]
        );
        let widened = json!({"allOf": [
            {"properties": {"result": {"anyOf": [{"type": "object"}, {"type": "array", "items": {}}]}}},
            {"properties": {"result": {"type": "array", "items": {}}}}]});
        assert!(contradictions(&doc, &widened).is_empty());
        // `enum: [null]` on a nullable object admits only null, which a plain object part refuses.
        let only_null = json!({"allOf": [{"$ref": "#/components/schemas/Envelope"},
            {"properties": {"result": {"type": "object", "nullable": true, "enum": [null]}}}]});
        assert_eq!(
            contradictions(&doc, &only_null),
            vec!["result: allOf parts require object and null".to_string()]
        );
        let nullable_both = json!({"allOf": [{"properties": {"result": {"type": "object", "nullable": true}}},
            {"properties": {"result": {"type": "object", "nullable": true, "enum": [null]}}}]});
        assert!(contradictions(&doc, &nullable_both).is_empty());
        let top = json!({"allOf": [{"type": "string"}, {"type": "object"}]});
        assert_eq!(
            contradictions(&doc, &top),
            vec!["the body: allOf parts require string and object".to_string()]
        );
    }

    #[test]
    fn items_beside_another_type_do_not_make_an_array() {
        let doc = json!({});
        let object = json!({"type": "object", "items": {"type": "string"}});
        assert!(array_items(&doc, &object).is_none());
        let untyped = json!({"items": {"type": "string"}});
        assert_eq!(array_items(&doc, &untyped), Some(&json!({"type": "string"})));
        let typed = json!({"type": ["array", "null"], "items": {"type": "string"}});
        assert_eq!(array_items(&doc, &typed), Some(&json!({"type": "string"})));
    }

    #[test]
    fn read_only_fields_are_not_required_in_requests() {
        let doc = json!({"components": {"schemas": {"Id": {"type": "string", "readOnly": true}}}});
        let schema = json!({"type": "object", "required": ["id", "name"], "properties": {
            "id": {"allOf": [{"$ref": "#/components/schemas/Id"}]}, "name": {"type": "string"}}});
        let body = json!({"name": "x"});
        assert!(validate_as(&doc, &schema, &body, "body", Direction::Request).is_empty());
        assert_eq!(
            validate(&doc, &schema, &body, "body"),
            vec!["body.id: is required".to_string()]
        );
    }

    #[test]
    fn request_formats_are_checked() {
        let doc = json!({});
        let ip = json!({"type": "string", "format": "ipv4"});
        let bad = validate_as(&doc, &ip, &json!("example.com"), "body.content", Direction::Request);
        assert_eq!(
            bad,
            vec!["body.content: must be an IPv4 address; got \"example.com\"".to_string()]
        );
        assert!(validate_as(&doc, &ip, &json!("192.0.2.1"), "b", Direction::Request).is_empty());
        assert!(
            validate(&doc, &ip, &json!("example.com"), "b").is_empty(),
            "answers are not format-checked"
        );
        for (format, good, wrong) in [
            ("email", "a@b.io", "a.b.io"),
            ("date", "2024-01-31", "31/01/2024"),
            ("date-time", "2024-01-31T12:00:00Z", "2024-01-31"),
            ("uuid", "123e4567-e89b-12d3-a456-426614174000", "123e4567"),
            ("ipv6", "2001:db8::1", "2001:zz::1"),
        ] {
            let schema = json!({"type": "string", "format": format});
            assert!(
                validate_as(&doc, &schema, &json!(good), "b", Direction::Request).is_empty(),
                "{format}"
            );
            assert_eq!(
                validate_as(&doc, &schema, &json!(wrong), "b", Direction::Request).len(),
                1,
                "{format}"
            );
        }
    }

    #[test]
    fn nullable_any_of_and_coercion() {
        let doc = json!({});
        let schema = json!({"anyOf": [{"type": "integer"}, {"type": "string", "enum": ["auto"]}], "nullable": true});
        assert!(validate(&doc, &schema, &json!(3), "q").is_empty());
        assert!(validate(&doc, &schema, &json!("auto"), "q").is_empty());
        assert!(validate(&doc, &schema, &Value::Null, "q").is_empty());
        assert_eq!(validate(&doc, &schema, &json!("x"), "q").len(), 1);
        assert_eq!(coerce(&doc, &json!({"type": "integer"}), "42"), json!(42));
        assert_eq!(coerce(&doc, &json!({"type": "boolean"}), "true"), json!(true));
        assert_eq!(coerce(&doc, &json!({"type": "integer"}), "x"), json!("x"));
        assert_eq!(
            find_property(
                &doc,
                &json!({"allOf": [{"properties": {"a": {"type": "string"}}}]}),
                "a"
            ),
            Some(&json!({"type": "string"}))
        );
    }
}
