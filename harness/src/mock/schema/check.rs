//! Checking a value against a schema, for one side of the exchange (requests are held to
//! `pattern`, `not`, formats and `readOnly`; responses are not).

use super::*;

/// Which side of an exchange a value is on (`readOnly` fields are not required in requests,
/// `writeOnly` fields not in responses).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Sent by a client.
    Request,
    /// Sent by the server.
    Response,
}

/// Checks `value` against `schema`; returns readable problems (`at` names the root, e.g. `body`).
pub fn validate(doc: &Value, schema: &Value, value: &Value, at: &str) -> Vec<String> {
    validate_as(doc, schema, value, at, Direction::Response)
}

/// Like [`validate`], for one side of the exchange.
pub fn validate_as(doc: &Value, schema: &Value, value: &Value, at: &str, direction: Direction) -> Vec<String> {
    let mut errors = Vec::new();
    check(doc, schema, value, at, 0, direction, &mut errors);
    errors
}

/// Whether a property schema carries `flag` (`readOnly`/`writeOnly`), directly or in an `allOf` part.
pub(super) fn flagged(doc: &Value, schema: &Value, flag: &str, depth: usize) -> bool {
    let schema = resolve(doc, schema);
    depth < 6
        && (schema.get(flag).and_then(Value::as_bool) == Some(true)
            || schema
                .get("allOf")
                .and_then(Value::as_array)
                .is_some_and(|all| all.iter().any(|s| flagged(doc, s, flag, depth + 1))))
}

pub(super) fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

pub(super) fn type_matches(t: &str, value: &Value) -> bool {
    match t {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|f| f.fract() == 0.0),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "null" => value.is_null(),
        // `file` (Swagger) and unknown types: accept anything.
        _ => true,
    }
}

pub(super) fn short(value: &Value) -> String {
    let s = value.to_string();
    if s.len() > 60 {
        format!("{}...", &s[..s.floor_char_boundary(57)])
    } else {
        s
    }
}

pub(super) fn check(
    doc: &Value,
    schema: &Value,
    value: &Value,
    at: &str,
    depth: usize,
    direction: Direction,
    errors: &mut Vec<String>,
) {
    if depth >= MAX_DEPTH || errors.len() >= MAX_ERRORS {
        return;
    }
    let schema = resolve(doc, schema);
    let Some(obj) = schema.as_object() else {
        if schema == &Value::Bool(false) {
            errors.push(format!("{at}: no value is allowed here"));
        }
        return;
    };
    if value.is_null() && nullable(schema) {
        return;
    }
    if let Some(all) = obj.get("allOf").and_then(Value::as_array) {
        for sub in all {
            check(doc, sub, value, at, depth + 1, direction, errors);
        }
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(options) = obj.get(key).and_then(Value::as_array) {
            if value.is_null() && options.iter().any(|o| nullable(resolve(doc, o))) {
                continue;
            }
            let mut first_errors = None;
            let ok = options.iter().any(|o| {
                let mut e = Vec::new();
                check(doc, o, value, at, depth + 1, direction, &mut e);
                if first_errors.is_none() {
                    first_errors = Some(e.clone());
                }
                e.is_empty()
            });
            if !ok && !options.is_empty() {
                let detail = first_errors.unwrap_or_default().into_iter().next().unwrap_or_default();
                errors.push(format!(
                    "{at}: matches none of the {} allowed shapes (first: {detail})",
                    options.len()
                ));
            }
        }
    }
    let declared = types(schema);
    if !declared.is_empty() && !declared.iter().any(|t| type_matches(t, value)) {
        errors.push(format!(
            "{at}: expected {}, got {} {}",
            declared.join(" or "),
            describe(value),
            short(value)
        ));
        return;
    }
    if let Some(options) = obj.get("enum").and_then(Value::as_array)
        && !options.is_empty()
        && !options.contains(value)
        && !(value.is_null() && nullable(schema))
    {
        let listed: Vec<String> = options.iter().take(12).map(|o| o.to_string()).collect();
        let more = if options.len() > 12 { ", ..." } else { "" };
        errors.push(format!(
            "{at}: must be one of {}{more}; got {}",
            listed.join(", "),
            short(value)
        ));
    }
    if let Some(c) = obj.get("const")
        && c != value
    {
        errors.push(format!("{at}: must be {c}; got {}", short(value)));
    }
    if direction == Direction::Request
        && let Some(excluded) = obj.get("not")
    {
        let mut e = Vec::new();
        check(doc, excluded, value, at, depth + 1, direction, &mut e);
        if e.is_empty() {
            let excluded = resolve(doc, excluded);
            let what = match excluded.get("enum").and_then(Value::as_array) {
                Some(values) => format!(
                    "one of {}",
                    values.iter().map(Value::to_string).collect::<Vec<_>>().join(", ")
                ),
                None => format!("the excluded shape {}", short(excluded)),
            };
            errors.push(format!("{at}: must not be {what}; got {}", short(value)));
        }
    }
    match value {
        Value::String(s) => {
            check_string(obj, s, at, errors);
            if direction == Direction::Request
                && let Some(pattern) = obj.get("pattern").and_then(Value::as_str)
                && pattern_matches(pattern, s) == Some(false)
            {
                errors.push(format!("{at}: must match the pattern {pattern}; got {}", short(value)));
            }
            if direction == Direction::Request
                && let Some(format) = obj.get("format").and_then(Value::as_str)
                && let Some(expected) = format_problem(format, s)
            {
                errors.push(format!("{at}: must be {expected}; got {}", short(value)));
            }
        }
        Value::Number(_) => check_number(obj, value, at, errors),
        Value::Array(items) => {
            let len = items.len() as u64;
            if let Some(min) = obj.get("minItems").and_then(Value::as_u64)
                && len < min
            {
                errors.push(format!("{at}: needs at least {min} items, got {len}"));
            }
            if let Some(max) = obj.get("maxItems").and_then(Value::as_u64)
                && len > max
            {
                errors.push(format!("{at}: allows at most {max} items, got {len}"));
            }
            if let Some(item_schema) = obj.get("items") {
                for (i, item) in items.iter().enumerate() {
                    check(
                        doc,
                        item_schema,
                        item,
                        &format!("{at}[{i}]"),
                        depth + 1,
                        direction,
                        errors,
                    );
                }
            }
        }
        Value::Object(map) => check_object(doc, schema, map, at, depth, direction, errors),
        _ => {}
    }
}

/// What a string fails to be for a well-known `format` (`None` when it fits or the format is not checked).
pub(super) fn format_problem(format: &str, s: &str) -> Option<&'static str> {
    let digits = |t: &str, n: usize| t.len() == n && t.bytes().all(|b| b.is_ascii_digit());
    let date = |d: &str| {
        let p: Vec<&str> = d.split('-').collect();
        p.len() == 3 && digits(p[0], 4) && digits(p[1], 2) && digits(p[2], 2)
    };
    let ok = match format {
        "ipv4" => s.parse::<std::net::Ipv4Addr>().is_ok(),
        "ipv6" => s.parse::<std::net::Ipv6Addr>().is_ok(),
        "email" => s
            .split_once('@')
            .is_some_and(|(user, domain)| !user.is_empty() && domain.contains('.') && !domain.contains('@')),
        "date" => date(s),
        "date-time" => s
            .split_once(['T', 't', ' '])
            .is_some_and(|(d, t)| date(d) && t.len() >= 8 && t.as_bytes().get(2) == Some(&b':')),
        "uuid" => {
            let p: Vec<&str> = s.split('-').collect();
            p.len() == 5
                && [8, 4, 4, 4, 12].iter().zip(&p).all(|(n, part)| part.len() == *n)
                && p.iter().all(|part| part.bytes().all(|b| b.is_ascii_hexdigit()))
        }
        _ => return None,
    };
    (!ok).then_some(match format {
        "ipv4" => "an IPv4 address",
        "ipv6" => "an IPv6 address",
        "email" => "an email address",
        "date" => "a date (YYYY-MM-DD)",
        "date-time" => "a date-time (RFC 3339, e.g. 2024-01-31T12:00:00Z)",
        _ => "a UUID",
    })
}

pub(super) fn check_string(obj: &Map<String, Value>, s: &str, at: &str, errors: &mut Vec<String>) {
    let len = s.chars().count() as u64;
    if let Some(min) = obj.get("minLength").and_then(Value::as_u64)
        && len < min
    {
        errors.push(format!("{at}: must be at least {min} characters long, got {len}"));
    }
    if let Some(max) = obj.get("maxLength").and_then(Value::as_u64)
        && len > max
    {
        errors.push(format!("{at}: must be at most {max} characters long, got {len}"));
    }
}

pub(super) fn check_number(obj: &Map<String, Value>, value: &Value, at: &str, errors: &mut Vec<String>) {
    let Some(n) = value.as_f64() else { return };
    let exclusive = |k: &str| obj.get(k).and_then(Value::as_bool).unwrap_or(false);
    if let Some(min) = obj.get("minimum").and_then(Value::as_f64)
        && (n < min || (exclusive("exclusiveMinimum") && n == min))
    {
        errors.push(format!("{at}: must be >= {min}, got {value}"));
    }
    if let Some(max) = obj.get("maximum").and_then(Value::as_f64)
        && (n > max || (exclusive("exclusiveMaximum") && n == max))
    {
        errors.push(format!("{at}: must be <= {max}, got {value}"));
    }
}

pub(super) fn check_object(
    doc: &Value,
    schema: &Value,
    map: &Map<String, Value>,
    at: &str,
    depth: usize,
    direction: Direction,
    errors: &mut Vec<String>,
) {
    let Some(obj) = schema.as_object() else { return };
    let props = obj.get("properties").and_then(Value::as_object);
    let skip = match direction {
        Direction::Request => "readOnly",
        Direction::Response => "writeOnly",
    };
    for name in obj.get("required").and_then(Value::as_array).into_iter().flatten() {
        if let Some(name) = name.as_str()
            && !map.contains_key(name)
            && !props
                .and_then(|p| p.get(name))
                .or_else(|| find_property(doc, schema, name))
                .is_some_and(|p| flagged(doc, p, skip, 0))
        {
            errors.push(format!("{at}.{name}: is required"));
        }
    }
    for (k, v) in map {
        let child = format!("{at}.{k}");
        match props.and_then(|p| p.get(k)) {
            Some(s) => check(doc, s, v, &child, depth + 1, direction, errors),
            None => match obj.get("additionalProperties") {
                Some(Value::Bool(false)) => {
                    let known: Vec<&str> = props
                        .map(|p| p.keys().map(String::as_str).collect())
                        .unwrap_or_default();
                    errors.push(format!("{at}: unknown field {k:?} (known: {})", known.join(", ")));
                }
                Some(extra @ Value::Object(_)) => check(doc, extra, v, &child, depth + 1, direction, errors),
                _ => {}
            },
        }
    }
}
