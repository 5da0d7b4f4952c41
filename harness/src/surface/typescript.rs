//! A small JSON Schema -> TypeScript type emitter, for typed declarations shown to models.
//!
//! No maintained Rust crate turns (OpenAPI-flavoured) JSON Schema into TypeScript, so this
//! one covers what API specs use: objects, arrays, enums/const, `oneOf`/`anyOf`/`allOf`,
//! `nullable` (3.0) and type arrays (3.1), `additionalProperties`, and descriptions as
//! JSDoc comments. A `$ref` becomes the type name the caller's [`RefNames`] gives it
//! (`unknown` when it has none); nesting is capped.

use serde_json::{Map, Value};
use std::collections::HashMap;
use std::fmt::Write;

/// Type names for `$ref` targets (`#/components/schemas/Zone` -> `Zone`).
pub type RefNames = HashMap<String, String>;

/// Nesting beyond which a type is emitted as `unknown`.
const MAX_DEPTH: usize = 24;

/// Renders `schema` with `$ref`s printed as the names in `names`.
pub fn ts_type_named(schema: &Value, indent: usize, names: &RefNames) -> String {
    let mut out = String::new();
    Emitter { names: Some(names) }.emit(schema, indent, 0, &mut out);
    out
}

/// Renders `schema` as a TypeScript type expression; `indent` is the current indentation.
pub fn ts_type(schema: &Value, indent: usize) -> String {
    let mut out = String::new();
    Emitter { names: None }.emit(schema, indent, 0, &mut out);
    out
}

/// Emits types, resolving `$ref`s through `names` when given.
#[derive(Clone, Copy)]
struct Emitter<'a> {
    names: Option<&'a RefNames>,
}

/// Quotes a property name unless it is a plain identifier.
pub fn property_key(name: &str) -> String {
    let ident = !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if ident {
        name.to_string()
    } else {
        serde_json::to_string(name).unwrap_or_else(|_| format!("\"{name}\""))
    }
}

/// A one-line JSDoc comment for a description (`None` when empty).
pub fn jsdoc(description: Option<&str>) -> Option<String> {
    let d = description?.split_whitespace().collect::<Vec<_>>().join(" ");
    if d.is_empty() {
        return None;
    }
    Some(format!("/** {} */", d.replace("*/", "*\\/")))
}

impl Emitter<'_> {
    fn emit(self, schema: &Value, indent: usize, depth: usize, out: &mut String) {
        let Some(map) = schema.as_object() else {
            // `true` / `{}`-like schemas accept anything.
            out.push_str(if schema == &Value::Bool(false) {
                "never"
            } else {
                "unknown"
            });
            return;
        };
        if depth > MAX_DEPTH {
            out.push_str("unknown");
            return;
        }
        let nullable = map.get("nullable").and_then(Value::as_bool).unwrap_or(false);
        let start = out.len();
        self.emit_inner(map, indent, depth, out);
        if nullable && !out[start..].ends_with("| null") && &out[start..] != "unknown" {
            out.push_str(" | null");
        }
    }

    fn emit_inner(self, map: &Map<String, Value>, indent: usize, depth: usize, out: &mut String) {
        if let Some(r) = map.get("$ref").and_then(Value::as_str) {
            out.push_str(
                self.names
                    .and_then(|n| n.get(r))
                    .map(String::as_str)
                    .unwrap_or("unknown"),
            );
            return;
        }
        if let Some(c) = map.get("const") {
            out.push_str(&literal(c));
            return;
        }
        if let Some(values) = map.get("enum").and_then(Value::as_array)
            && !values.is_empty()
        {
            let parts: Vec<String> = values.iter().map(literal).collect();
            out.push_str(&parts.join(" | "));
            return;
        }
        for (key, joiner) in [("oneOf", " | "), ("anyOf", " | "), ("allOf", " & ")] {
            if let Some(variants) = map.get(key).and_then(Value::as_array)
                && !variants.is_empty()
            {
                // Keys beside the combinator (e.g. `properties` next to `allOf`) form one more member.
                let mut rest = map.clone();
                rest.remove(key);
                rest.remove("description");
                rest.remove("nullable");
                let mut members: Vec<String> = variants
                    .iter()
                    .map(|v| self.ts_type_depth(v, indent, depth + 1))
                    .collect();
                if rest.contains_key("properties") || rest.contains_key("type") && key == "allOf" {
                    members.push(self.ts_type_depth(&Value::Object(rest), indent, depth + 1));
                }
                members.dedup();
                if members.len() == 1 {
                    out.push_str(&members[0]);
                } else {
                    let wrapped: Vec<String> = members
                        .into_iter()
                        .map(|m| {
                            if m.contains(" | ") || m.contains(" & ") {
                                format!("({m})")
                            } else {
                                m
                            }
                        })
                        .collect();
                    out.push_str(&wrapped.join(joiner));
                }
                return;
            }
        }
        let types: Vec<&str> = match map.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ if map.contains_key("properties") || map.contains_key("additionalProperties") => vec!["object"],
            _ if map.contains_key("items") => vec!["array"],
            _ => vec![],
        };
        if types.is_empty() {
            out.push_str("unknown");
            return;
        }
        let parts: Vec<String> = types
            .iter()
            .map(|t| match *t {
                "string" => "string".to_string(),
                "integer" | "number" => "number".to_string(),
                "boolean" => "boolean".to_string(),
                "null" => "null".to_string(),
                "array" => {
                    let item = map
                        .get("items")
                        .map(|i| self.ts_type_depth(i, indent, depth + 1))
                        .unwrap_or_else(|| "unknown".into());
                    if item.contains(' ') && !item.starts_with('{') {
                        format!("({item})[]")
                    } else {
                        format!("{item}[]")
                    }
                }
                "object" => self.object(map, indent, depth),
                _ => "unknown".to_string(),
            })
            .collect();
        out.push_str(&parts.join(" | "));
    }

    fn ts_type_depth(self, schema: &Value, indent: usize, depth: usize) -> String {
        let mut s = String::new();
        self.emit(schema, indent, depth, &mut s);
        s
    }

    fn object(self, map: &Map<String, Value>, indent: usize, depth: usize) -> String {
        let props = map.get("properties").and_then(Value::as_object);
        let additional = match map.get("additionalProperties") {
            Some(Value::Bool(true)) => Some("unknown".to_string()),
            Some(v @ Value::Object(_)) => Some(self.ts_type_depth(v, indent + 2, depth + 1)),
            _ => None,
        };
        let Some(props) = props.filter(|p| !p.is_empty()) else {
            return match additional {
                Some(t) => format!("Record<string, {t}>"),
                None => "Record<string, unknown>".to_string(),
            };
        };
        let required: Vec<&str> = map
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let pad = " ".repeat(indent + 2);
        let mut s = String::from("{\n");
        for (name, prop) in props {
            if let Some(doc) = jsdoc(prop.get("description").and_then(Value::as_str)) {
                let _ = writeln!(s, "{pad}{doc}");
            }
            let optional = if required.contains(&name.as_str()) { "" } else { "?" };
            let _ = writeln!(
                s,
                "{pad}{}{optional}: {};",
                property_key(name),
                self.ts_type_depth(prop, indent + 2, depth + 1)
            );
        }
        if let Some(t) = additional {
            let _ = writeln!(s, "{pad}[key: string]: {t};");
        }
        s.push_str(&" ".repeat(indent));
        s.push('}');
        s
    }
}

fn literal(v: &Value) -> String {
    match v {
        Value::String(_) | Value::Number(_) | Value::Bool(_) | Value::Null => v.to_string(),
        _ => "unknown".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn emits_objects_with_optional_and_docs() {
        let s = json!({
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": {"type": "string", "description": "Zone  name\n(domain)"},
                "paused": {"type": "boolean"},
                "x-y": {"type": "array", "items": {"type": "integer"}},
                "kind": {"type": "string", "enum": ["full", "partial"], "nullable": true}
            }
        });
        assert_eq!(
            ts_type(&s, 0),
            "{\n  /** Zone name (domain) */\n  name: string;\n  paused?: boolean;\n  \"x-y\"?: number[];\n  kind?: \"full\" | \"partial\" | null;\n}"
        );
    }

    #[test]
    fn emits_combinators_and_31_type_arrays() {
        assert_eq!(
            ts_type(&json!({"oneOf": [{"type": "string"}, {"type": "integer"}]}), 0),
            "string | number"
        );
        assert_eq!(ts_type(&json!({"type": ["string", "null"]}), 0), "string | null");
        assert_eq!(
            ts_type(
                &json!({"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "boolean"}]}}),
                0
            ),
            "(string | boolean)[]"
        );
        assert_eq!(
            ts_type(&json!({"additionalProperties": {"type": "string"}}), 0),
            "Record<string, string>"
        );
        assert_eq!(ts_type(&json!({}), 0), "unknown");
        assert_eq!(ts_type(&json!({"const": 3}), 0), "3");
    }

    #[test]
    fn refs_print_as_names() {
        let mut names = RefNames::new();
        names.insert("#/components/schemas/Zone".into(), "Zone".into());
        let s = json!({"type": "array", "items": {"$ref": "#/components/schemas/Zone"}});
        assert_eq!(ts_type_named(&s, 0, &names), "Zone[]");
        assert_eq!(ts_type(&s, 0), "unknown[]");
    }

    #[test]
    fn deep_nesting_is_capped() {
        let mut s = json!({"type": "string"});
        for _ in 0..100 {
            s = json!({"type": "array", "items": s});
        }
        assert!(ts_type(&s, 0).starts_with("unknown"));
    }
}
