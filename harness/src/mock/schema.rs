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

/// Places where `schema` contradicts itself, so that no value can match it: `allOf` parts
/// (nested, through `$ref`s and down through properties they share) that admit disjoint
/// JSON types at the same place, counting `type`, `enum`, `const`, `nullable` and the
/// alternatives of `anyOf`/`oneOf`, e.g. `result: allOf parts require array and object`.
/// At most 8 are reported; the walk is bounded in depth and size.
pub fn contradictions(doc: &Value, schema: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut budget = 4096usize;
    contradictions_at(doc, &[schema], "", 0, &mut budget, &mut out);
    out
}

fn contradictions_at(doc: &Value, parts: &[&Value], at: &str, depth: usize, budget: &mut usize, out: &mut Vec<String>) {
    if depth > 8 || out.len() >= 8 || *budget == 0 {
        return;
    }
    let mut flat: Vec<&Value> = Vec::new();
    let mut stack: Vec<&Value> = parts.iter().rev().copied().collect();
    while let Some(p) = stack.pop() {
        *budget = budget.saturating_sub(1);
        if *budget == 0 || flat.len() > 64 {
            return;
        }
        let p = resolve(doc, p);
        if !p.is_object() || flat.iter().any(|f| std::ptr::eq(*f, p)) {
            continue;
        }
        flat.push(p);
        if let Some(all) = p.get("allOf").and_then(Value::as_array) {
            stack.extend(all.iter().rev());
        }
    }
    // A value must satisfy every part: the JSON types each part admits (its `type`, `enum`,
    // `const` and `anyOf`/`oneOf` alternatives, `null` where nullable) must share one.
    let admitted = parts.iter().fold(ALL_TYPES, |acc, p| acc & admitted_types(doc, p, 0));
    if admitted == 0 {
        let listed: Vec<String> = flat
            .iter()
            .map(|p| own_types(doc, p, 0))
            .filter(|m| *m != ALL_TYPES)
            .map(|m| {
                let names = type_names(m);
                if names.contains(' ') {
                    format!("({names})")
                } else {
                    names
                }
            })
            .collect();
        let place = if at.is_empty() { "the body" } else { at };
        out.push(format!("{place}: allOf parts require {}", listed.join(" and ")));
        return;
    }
    let mut names: Vec<(&str, Vec<&Value>)> = Vec::new();
    for p in &flat {
        for (name, sub) in p.get("properties").and_then(Value::as_object).into_iter().flatten() {
            match names.iter_mut().find(|(n, _)| n == name) {
                Some((_, subs)) => subs.push(sub),
                None => names.push((name.as_str(), vec![sub])),
            }
        }
    }
    for (name, subs) in names {
        let here = if at.is_empty() {
            name.to_string()
        } else {
            format!("{at}.{name}")
        };
        contradictions_at(doc, &subs, &here, depth + 1, budget, out);
    }
}

const NULL_TYPE: u8 = 1;
const BOOLEAN_TYPE: u8 = 2;
const INTEGER_TYPE: u8 = 4;
const NUMBER_TYPE: u8 = 8;
const STRING_TYPE: u8 = 16;
const ARRAY_TYPE: u8 = 32;
const OBJECT_TYPE: u8 = 64;
const ALL_TYPES: u8 = 127;

/// The JSON types (a bit set) a value of this type name may have.
pub(crate) fn type_bits(name: &str) -> u8 {
    match name {
        "null" => NULL_TYPE,
        "boolean" => BOOLEAN_TYPE,
        "integer" => INTEGER_TYPE,
        "number" => NUMBER_TYPE | INTEGER_TYPE,
        "string" => STRING_TYPE,
        "array" => ARRAY_TYPE,
        "object" => OBJECT_TYPE,
        _ => ALL_TYPES,
    }
}

/// The JSON types (a bit set) of one value.
fn value_bits(value: &Value) -> u8 {
    match value {
        Value::Null => NULL_TYPE,
        Value::Bool(_) => BOOLEAN_TYPE,
        Value::Number(n) if n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0) => {
            INTEGER_TYPE | NUMBER_TYPE
        }
        Value::Number(_) => NUMBER_TYPE,
        Value::String(_) => STRING_TYPE,
        Value::Array(_) => ARRAY_TYPE,
        Value::Object(_) => OBJECT_TYPE,
    }
}

/// Readable names of a type bit set (`object or null`).
fn type_names(bits: u8) -> String {
    let mut names = Vec::new();
    for (bit, name) in [
        (BOOLEAN_TYPE, "boolean"),
        (INTEGER_TYPE, "integer"),
        (NUMBER_TYPE, "number"),
        (STRING_TYPE, "string"),
        (ARRAY_TYPE, "array"),
        (OBJECT_TYPE, "object"),
        (NULL_TYPE, "null"),
    ] {
        if bits & bit != 0 && !(bit == INTEGER_TYPE && bits & NUMBER_TYPE != 0) {
            names.push(name);
        }
    }
    if names.is_empty() {
        "nothing".to_string()
    } else {
        names.join(" or ")
    }
}

/// The JSON types a schema's own keywords admit (`type`, `enum`, `const`, `anyOf`/`oneOf`),
/// leaving its `allOf` parts aside; `null` when nullable, as [`validate`] accepts it.
fn own_types(doc: &Value, schema: &Value, depth: usize) -> u8 {
    let schema = resolve(doc, schema);
    if schema == &Value::Bool(false) {
        return 0;
    }
    if depth > 8 || !schema.is_object() {
        return ALL_TYPES;
    }
    let mut bits = match schema.get("type") {
        // `null` is a type only through `nullable` (below), as in [`validate`].
        Some(Value::String(t)) if t != "null" => type_bits(t),
        Some(Value::Array(ts)) => match ts
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .fold(0, |a, t| a | type_bits(t))
        {
            0 => ALL_TYPES,
            bits => bits,
        },
        _ => ALL_TYPES,
    };
    if let Some(options) = schema.get("enum").and_then(Value::as_array)
        && !options.is_empty()
    {
        bits &= options.iter().fold(0, |a, v| a | value_bits(v));
    }
    if let Some(c) = schema.get("const") {
        bits &= value_bits(c);
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(options) = schema.get(key).and_then(Value::as_array)
            && !options.is_empty()
        {
            bits &= options.iter().fold(0, |a, o| a | admitted_types(doc, o, depth + 1));
        }
    }
    if nullable(schema) {
        bits |= NULL_TYPE;
    }
    bits
}

/// The JSON types a schema admits, `allOf` parts included (a bit set; 0: no value fits).
pub(crate) fn admitted_types(doc: &Value, schema: &Value, depth: usize) -> u8 {
    let resolved = resolve(doc, schema);
    let mut bits = own_types(doc, resolved, depth);
    if depth <= 8 {
        for part in resolved.get("allOf").and_then(Value::as_array).into_iter().flatten() {
            bits &= admitted_types(doc, part, depth + 1);
        }
    }
    if nullable(resolved) {
        bits |= NULL_TYPE;
    }
    bits
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
fn flagged(doc: &Value, schema: &Value, flag: &str, depth: usize) -> bool {
    let schema = resolve(doc, schema);
    depth < 6
        && (schema.get(flag).and_then(Value::as_bool) == Some(true)
            || schema
                .get("allOf")
                .and_then(Value::as_array)
                .is_some_and(|all| all.iter().any(|s| flagged(doc, s, flag, depth + 1))))
}

fn describe(value: &Value) -> &'static str {
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

fn type_matches(t: &str, value: &Value) -> bool {
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

fn short(value: &Value) -> String {
    let s = value.to_string();
    if s.len() > 60 {
        format!("{}...", &s[..s.floor_char_boundary(57)])
    } else {
        s
    }
}

fn check(
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
fn format_problem(format: &str, s: &str) -> Option<&'static str> {
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

fn check_string(obj: &Map<String, Value>, s: &str, at: &str, errors: &mut Vec<String>) {
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

fn check_number(obj: &Map<String, Value>, value: &Value, at: &str, errors: &mut Vec<String>) {
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

fn check_object(
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
