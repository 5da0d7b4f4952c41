//! Request checks against the spec, and the error answers a real API would send.

use super::schema::{Direction, coerce, resolve, types, validate_as};
use super::world::{ErrorStyle, World};
use crate::spec::{Operation, ParamLocation};
use axum::http::HeaderMap;
use serde_json::{Map, Value, json};

/// An answer: status, extra headers and a JSON body (`Value::Null` = empty body).
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// Extra response headers.
    pub headers: Vec<(String, String)>,
    /// Body; `Null` sends no body.
    pub body: Value,
}

impl Answer {
    /// An answer with no extra headers.
    pub fn new(status: u16, body: Value) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body,
        }
    }
}

/// An error answer in the world's style; `param` names the offending parameter or field when known.
pub fn error_answer(style: ErrorStyle, status: u16, message: &str, details: &[String], param: Option<&str>) -> Answer {
    let body = match style {
        ErrorStyle::Cloudflare => {
            let code = match status {
                400 | 422 => 10001,
                404 => 10007,
                405 => 10405,
                429 => 10429,
                _ => 10000 + u64::from(status),
            };
            let mut errors = vec![json!({"code": code, "message": message})];
            errors.extend(details.iter().map(|d| json!({"code": code, "message": d})));
            json!({"success": false, "errors": errors, "messages": [], "result": null})
        }
        ErrorStyle::Stripe => {
            let kind = match status {
                429 => "rate_limit_error",
                s if s >= 500 => "api_error",
                _ => "invalid_request_error",
            };
            let full = if details.is_empty() {
                message.to_string()
            } else {
                format!("{message}: {}", details.join("; "))
            };
            let mut error = json!({"type": kind, "message": full});
            if let Some(p) = param {
                error["param"] = json!(p);
            }
            json!({"error": error})
        }
        ErrorStyle::Message => {
            let mut body = json!({"message": message});
            if !details.is_empty() {
                body["errors"] = json!(details);
            }
            body
        }
    };
    Answer::new(status, body)
}

/// A checked request: coerced query and parsed body.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// Query parameters (declared ones coerced to their types; undeclared kept as strings).
    pub query: Map<String, Value>,
    /// The body (`Null` when none or not JSON/form).
    pub body: Value,
}

/// Parses `a=1&b=x%20y` into pairs (`+` is a space).
pub fn parse_pairs(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            let dec = |s: &str| super::route::percent_decode(&s.replace('+', " "));
            (dec(k), dec(v))
        })
        .collect()
}

/// Turns form pairs with bracket keys (`metadata[k]=v`, `items[0][price]=p`, `tags[]=x`) into JSON.
pub fn form_to_json(pairs: &[(String, String)]) -> Value {
    let mut root = Value::Object(Map::new());
    for (key, value) in pairs {
        let mut path: Vec<String> = Vec::new();
        let (head, rest) = key
            .split_once('[')
            .map(|(h, r)| (h, Some(r)))
            .unwrap_or((key.as_str(), None));
        path.push(head.to_string());
        if let Some(rest) = rest {
            for part in format!("[{rest}").split('[').skip(1) {
                path.push(part.trim_end_matches(']').to_string());
            }
        }
        insert_path(&mut root, &path, Value::String(value.clone()));
    }
    numeric_maps_to_arrays(root)
}

fn insert_path(node: &mut Value, path: &[String], value: Value) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    if first.is_empty() {
        // `tags[]=x`: append.
        if !node.is_array() {
            *node = Value::Array(Vec::new());
        }
        if let Value::Array(a) = node {
            if rest.is_empty() {
                a.push(value);
            } else {
                let mut child = Value::Object(Map::new());
                insert_path(&mut child, rest, value);
                a.push(child);
            }
        }
        return;
    }
    if !node.is_object() {
        *node = Value::Object(Map::new());
    }
    if let Value::Object(m) = node {
        if rest.is_empty() {
            m.insert(first.clone(), value);
        } else {
            let child = m.entry(first.clone()).or_insert_with(|| Value::Object(Map::new()));
            insert_path(child, rest, value);
        }
    }
}

fn numeric_maps_to_arrays(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            let all_numeric = !m.is_empty() && m.keys().all(|k| k.parse::<usize>().is_ok());
            let m: Map<String, Value> = m.into_iter().map(|(k, v)| (k, numeric_maps_to_arrays(v))).collect();
            if all_numeric {
                let mut entries: Vec<(usize, Value)> =
                    m.into_iter().map(|(k, v)| (k.parse().unwrap_or(0), v)).collect();
                entries.sort_by_key(|(i, _)| *i);
                Value::Array(entries.into_iter().map(|(_, v)| v).collect())
            } else {
                Value::Object(m)
            }
        }
        Value::Array(a) => Value::Array(a.into_iter().map(numeric_maps_to_arrays).collect()),
        other => other,
    }
}

/// Converts form strings inside `value` to the types `schema` declares, recursively.
pub fn coerce_tree(doc: &Value, schema: &Value, value: Value, depth: usize) -> Value {
    if depth > 10 {
        return value;
    }
    let schema = resolve(doc, schema);
    match value {
        Value::String(s) => {
            if s.is_empty() && schema.get("anyOf").is_some() {
                return Value::String(s);
            }
            let declared = types(schema);
            if declared.contains(&"string") {
                Value::String(s)
            } else {
                coerce(doc, schema, &s)
            }
        }
        Value::Object(m) => {
            let mut out = Map::new();
            for (k, v) in m {
                let sub = super::schema::find_property(doc, schema, &k)
                    .or_else(|| schema.get("additionalProperties").filter(|a| a.is_object()))
                    .cloned()
                    .unwrap_or(Value::Bool(true));
                out.insert(k, coerce_tree(doc, &sub, v, depth + 1));
            }
            Value::Object(out)
        }
        Value::Array(a) => {
            let items = super::schema::array_items(doc, schema)
                .cloned()
                .unwrap_or(Value::Bool(true));
            Value::Array(a.into_iter().map(|v| coerce_tree(doc, &items, v, depth + 1)).collect())
        }
        other => other,
    }
}

/// Header parameters OpenAPI says to ignore (they are set by the content and security fields).
const IGNORED_HEADERS: [&str; 3] = ["accept", "content-type", "authorization"];

/// Checks path parameters, headers, query and body of a request routed to `op`.
pub fn check_request(
    world: &World,
    op_index: usize,
    path_params: &[(String, String)],
    headers: &HeaderMap,
    raw_query: &str,
    content_type: &str,
    body: &[u8],
) -> Result<Checked, Answer> {
    let op: &Operation = &world.spec.operations[op_index];
    let plan = &world.plans[op_index];
    let doc = &world.spec.doc;
    let style = world.error_style;
    let invalid = |message: &str, details: &[String], param: Option<&str>| {
        error_answer(style, plan.invalid_status, message, details, param)
    };
    for p in op.parameters.iter().filter(|p| p.location == ParamLocation::Path) {
        if let Some((_, raw)) = path_params.iter().find(|(n, _)| *n == p.name) {
            let v = coerce(doc, &p.schema, raw);
            let problems = validate_as(
                doc,
                &p.schema,
                &v,
                &format!("path parameter {}", p.name),
                Direction::Request,
            );
            if !problems.is_empty() {
                // A malformed id names nothing that exists.
                return Err(error_answer(
                    style,
                    404,
                    &format!("Not Found: {}", problems[0]),
                    &[],
                    Some(&p.name),
                ));
            }
        }
    }
    let mut problems = Vec::new();
    let mut first_header = None;
    for p in op.parameters.iter().filter(|p| p.location == ParamLocation::Header) {
        if IGNORED_HEADERS.contains(&p.name.to_ascii_lowercase().as_str()) {
            continue;
        }
        let at = format!("header {}", p.name);
        match headers.get(p.name.as_str()).map(|v| v.to_str()) {
            None if p.required => {
                problems.push(format!("{at}: is required"));
                first_header.get_or_insert(p.name.clone());
            }
            None => {}
            Some(Err(_)) => {
                problems.push(format!("{at}: must be visible ASCII text"));
                first_header.get_or_insert(p.name.clone());
            }
            Some(Ok(raw)) => {
                let v = coerce(doc, &p.schema, raw);
                let found = validate_as(doc, &p.schema, &v, &at, Direction::Request);
                if !found.is_empty() {
                    first_header.get_or_insert(p.name.clone());
                }
                problems.extend(found);
            }
        }
    }
    if !problems.is_empty() {
        return Err(error_answer(
            style,
            400,
            "Invalid request headers",
            &problems,
            first_header.as_deref(),
        ));
    }
    let pairs = parse_pairs(raw_query);
    let mut query = Map::new();
    let mut first_param = None;
    for p in op.parameters.iter().filter(|p| p.location == ParamLocation::Query) {
        let values: Vec<&String> = pairs
            .iter()
            .filter(|(k, _)| *k == p.name || *k == format!("{}[]", p.name))
            .map(|(_, v)| v)
            .collect();
        let schema = resolve(doc, &p.schema);
        if types(schema).contains(&"object") {
            // deepObject style (`scope[type]=account`), or the object as JSON text.
            let prefix = format!("{}[", p.name);
            let deep: Vec<(String, String)> = pairs.iter().filter(|(k, _)| k.starts_with(&prefix)).cloned().collect();
            let v = if !deep.is_empty() {
                form_to_json(&deep).get(&p.name).cloned().unwrap_or(Value::Null)
            } else if let Some(raw) = values.first() {
                serde_json::from_str(raw).unwrap_or_else(|_| Value::String(raw.to_string()))
            } else {
                Value::Null
            };
            if v.is_null() {
                if p.required {
                    problems.push(format!("query parameter {:?} is required", p.name));
                    first_param.get_or_insert(p.name.clone());
                }
                continue;
            }
            let v = coerce_tree(doc, &p.schema, v, 0);
            let found = validate_as(
                doc,
                &p.schema,
                &v,
                &format!("query parameter {}", p.name),
                Direction::Request,
            );
            if !found.is_empty() {
                first_param.get_or_insert(p.name.clone());
            }
            problems.extend(found);
            query.insert(p.name.clone(), v);
            continue;
        }
        if values.is_empty() {
            if p.required {
                problems.push(format!("query parameter {:?} is required", p.name));
                first_param.get_or_insert(p.name.clone());
            }
            continue;
        }
        let v = if types(schema).contains(&"array") && values.len() > 1 {
            let items = schema.get("items").unwrap_or(&Value::Bool(true));
            Value::Array(values.iter().map(|s| coerce(doc, items, s)).collect())
        } else {
            coerce(doc, &p.schema, values[0])
        };
        let found = validate_as(
            doc,
            &p.schema,
            &v,
            &format!("query parameter {}", p.name),
            Direction::Request,
        );
        if !found.is_empty() {
            first_param.get_or_insert(p.name.clone());
        }
        problems.extend(found);
        query.insert(p.name.clone(), v);
    }
    for (k, v) in &pairs {
        query.entry(k.clone()).or_insert_with(|| Value::String(v.clone()));
    }
    if !problems.is_empty() {
        return Err(invalid("Invalid query parameters", &problems, first_param.as_deref()));
    }
    let Some(rb) = &op.request_body else {
        return Ok(Checked {
            query,
            body: Value::Null,
        });
    };
    let trimmed = body.iter().position(|b| !b.is_ascii_whitespace()).map(|i| &body[i..]);
    let Some(bytes) = trimmed else {
        if rb.required {
            return Err(invalid(
                &format!("A request body is required ({})", rb.content_type),
                &[],
                None,
            ));
        }
        return Ok(Checked {
            query,
            body: Value::Null,
        });
    };
    let parsed = if content_type.contains("json") || bytes.starts_with(b"{") || bytes.starts_with(b"[") {
        match serde_json::from_slice::<Value>(bytes) {
            Ok(v) => v,
            Err(e) => {
                return Err(error_answer(
                    style,
                    400,
                    &format!("Problems parsing JSON: {e}"),
                    &[],
                    None,
                ));
            }
        }
    } else if content_type.contains("x-www-form-urlencoded") || rb.content_type.contains("x-www-form-urlencoded") {
        let text = String::from_utf8_lossy(bytes);
        coerce_tree(doc, &rb.schema, form_to_json(&parse_pairs(&text)), 0)
    } else {
        // Multipart, binary and text uploads are accepted as they are.
        return Ok(Checked {
            query,
            body: Value::String(String::from_utf8_lossy(bytes).into_owned()),
        });
    };
    let mut problems = validate_as(doc, &rb.schema, &parsed, "body", Direction::Request);
    if plan.kind == super::plan::Kind::Create {
        // The server assigns a new item's id, even where the spec reuses a schema requiring it.
        let id_required = format!("body.{}: is required", plan.id_field);
        problems.retain(|p| *p != id_required);
    }
    if !problems.is_empty() {
        let param = problems[0]
            .strip_prefix("body.")
            .and_then(|s| s.split([':', '.', '[']).next())
            .map(str::to_string);
        return Err(invalid("Invalid request body", &problems, param.as_deref()));
    }
    Ok(Checked { query, body: parsed })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_bodies_become_nested_json() {
        let pairs =
            parse_pairs("name=Ada+L&metadata[team]=x%2Fy&items[0][price]=p1&items[1][price]=p2&tags[]=a&tags[]=b");
        assert_eq!(
            form_to_json(&pairs),
            json!({"name": "Ada L", "metadata": {"team": "x/y"}, "items": [{"price": "p1"}, {"price": "p2"}], "tags": ["a", "b"]})
        );
        let doc = json!({});
        let schema = json!({"type": "object", "properties": {"n": {"type": "integer"}, "b": {"type": "boolean"}}});
        assert_eq!(
            coerce_tree(&doc, &schema, json!({"n": "5", "b": "true"}), 0),
            json!({"n": 5, "b": true})
        );
    }
}
