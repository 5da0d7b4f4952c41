//! Finding success schemas that contradict themselves: parts (through `$ref`s, `allOf`,
//! and the alternatives of `anyOf`/`oneOf`) that admit disjoint JSON types at one place.

use super::*;

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

pub(super) fn contradictions_at(
    doc: &Value,
    parts: &[&Value],
    at: &str,
    depth: usize,
    budget: &mut usize,
    out: &mut Vec<String>,
) {
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

pub(super) const NULL_TYPE: u8 = 1;
pub(super) const BOOLEAN_TYPE: u8 = 2;
pub(super) const INTEGER_TYPE: u8 = 4;
pub(super) const NUMBER_TYPE: u8 = 8;
pub(super) const STRING_TYPE: u8 = 16;
pub(super) const ARRAY_TYPE: u8 = 32;
pub(super) const OBJECT_TYPE: u8 = 64;
pub(super) const ALL_TYPES: u8 = 127;

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
pub(super) fn value_bits(value: &Value) -> u8 {
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
pub(super) fn type_names(bits: u8) -> String {
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
pub(super) fn own_types(doc: &Value, schema: &Value, depth: usize) -> u8 {
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
