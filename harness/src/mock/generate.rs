//! Schema-shaped example data, generated deterministically from a seed.
//!
//! The output satisfies [`super::schema::validate`] for the same schema: enums pick a
//! listed value, `anyOf`/`oneOf` take the first non-null alternative, `allOf` parts are
//! merged, string lengths and number bounds are honoured. Deep or cyclic schemas are cut:
//! past a few levels only required properties are filled, and a node budget keeps one
//! value small even for densely linked specs.

use super::schema::{MAX_DEPTH, nullable, resolve, types};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

/// Depth from which optional properties are left out.
const OPTIONAL_DEPTH: usize = 3;

/// Nodes generated for one value before everything optional is left out.
const NODE_BUDGET: usize = 1500;

/// A seeded generator of example values.
pub struct Generator<'a> {
    doc: &'a Value,
    rng: ChaCha8Rng,
    nodes: usize,
}

/// Derives a 64-bit seed from a base seed and a label (an operation id, a path...).
pub fn derive_seed(seed: u64, label: &str) -> u64 {
    let mut h = Sha256::new();
    h.update(seed.to_le_bytes());
    h.update(label.as_bytes());
    let out = h.finalize();
    u64::from_le_bytes(out[..8].try_into().unwrap_or([0; 8]))
}

impl<'a> Generator<'a> {
    /// A generator over `doc`'s schemas, seeded from `seed` and `label`.
    pub fn new(doc: &'a Value, seed: u64, label: &str) -> Self {
        Self {
            doc,
            rng: ChaCha8Rng::seed_from_u64(derive_seed(seed, label)),
            nodes: 0,
        }
    }

    /// A value for `schema`.
    pub fn value(&mut self, schema: &Value) -> Value {
        self.nodes = 0;
        self.gen_value(schema, "", 0)
    }

    /// A random lowercase hex string of `len` characters.
    pub fn hex(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| char::from_digit(self.rng.random_range(0..16), 16).unwrap_or('0'))
            .collect()
    }

    fn gen_value(&mut self, schema: &Value, name: &str, depth: usize) -> Value {
        self.nodes += 1;
        let schema = resolve(self.doc, schema);
        if depth >= MAX_DEPTH || !schema.is_object() {
            return Value::Null;
        }
        if (self.nodes > NODE_BUDGET || depth > OPTIONAL_DEPTH + 3) && nullable(schema) {
            return Value::Null;
        }
        if let Some(c) = schema.get("const") {
            return c.clone();
        }
        if let Some(d) = schema.get("default")
            && !d.is_null()
            && super::schema::validate_as(self.doc, schema, d, "default", super::schema::Direction::Request).is_empty()
        {
            return d.clone();
        }
        if let Some(options) = schema.get("enum").and_then(Value::as_array) {
            // Real specs sometimes list enum values their own length limits reject: avoid those.
            let min = schema.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
            let max = schema
                .get("maxLength")
                .and_then(Value::as_u64)
                .map_or(usize::MAX, |m| m as usize);
            let fits = |o: &&Value| match o {
                Value::Null => false,
                Value::String(s) => (min..=max).contains(&s.chars().count()),
                _ => true,
            };
            let good: Vec<&Value> = options.iter().filter(fits).collect();
            let pool: Vec<&Value> = if good.is_empty() {
                options.iter().filter(|o| !o.is_null()).collect()
            } else {
                good
            };
            if !pool.is_empty() {
                let i = self.rng.random_range(0..pool.len());
                return pool[i].clone();
            }
            if !options.is_empty() {
                return Value::Null;
            }
        }
        if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
            let merged = self.merge_all_of(schema, all);
            return self.gen_value(&merged, name, depth);
        }
        for key in ["anyOf", "oneOf"] {
            if let Some(options) = schema.get(key).and_then(Value::as_array) {
                // The first alternative that is not only null and fits the schema's own `type`
                // (an object whose `oneOf` lists strings and objects takes an object).
                let own = types(schema).iter().fold(0u8, |a, t| a | super::schema::type_bits(t));
                let not_null = |o: &&Value| {
                    let r = resolve(self.doc, o);
                    !(types(r).is_empty() && r.get("type").is_some_and(|t| t == "null"))
                };
                let fits_own = |o: &&Value| own == 0 || super::schema::admitted_types(self.doc, o, 0) & own != 0;
                let pick = options
                    .iter()
                    .find(|o| not_null(o) && fits_own(o))
                    .or_else(|| options.iter().find(not_null))
                    .or(options.first());
                if let Some(pick) = pick {
                    // The chosen alternative combined with the sibling keywords (properties, type...).
                    let mut siblings = schema.clone();
                    if let Value::Object(m) = &mut siblings {
                        m.remove("anyOf");
                        m.remove("oneOf");
                    }
                    let merged = self.merge_all_of(&siblings, std::slice::from_ref(pick));
                    return self.gen_value(&merged, name, depth + 1);
                }
            }
        }
        let declared = types(schema);
        let t = declared
            .first()
            .copied()
            .unwrap_or(if schema.get("properties").is_some() {
                "object"
            } else if schema.get("items").is_some() {
                "array"
            } else {
                "string"
            });
        match t {
            "object" => self.object(schema, depth),
            "array" => {
                let min = schema.get("minItems").and_then(Value::as_u64).unwrap_or(0) as usize;
                let max = schema
                    .get("maxItems")
                    .and_then(Value::as_u64)
                    .map_or(usize::MAX, |m| m as usize);
                let count = if depth <= OPTIONAL_DEPTH && self.nodes < NODE_BUDGET {
                    min.max(1).min(max)
                } else {
                    min
                };
                let items = schema.get("items").cloned().unwrap_or(json!({}));
                Value::Array((0..count).map(|_| self.gen_value(&items, name, depth + 1)).collect())
            }
            "integer" => {
                let (lo, hi) = self.bounds(schema, 1.0, 1000.0);
                Value::from(
                    self.rng
                        .random_range(lo.ceil() as i64..=hi.floor().max(lo.ceil()) as i64),
                )
            }
            "number" => {
                let (lo, hi) = self.bounds(schema, 0.0, 100.0);
                let v = (self.rng.random_range(lo..=hi) * 100.0).round() / 100.0;
                json!(v.clamp(lo, hi))
            }
            "boolean" => Value::Bool(self.rng.random_bool(0.5)),
            "null" => Value::Null,
            _ => Value::String(self.string(schema, name)),
        }
    }

    fn bounds(&self, schema: &Value, lo: f64, hi: f64) -> (f64, f64) {
        let min = schema.get("minimum").and_then(Value::as_f64);
        let max = schema.get("maximum").and_then(Value::as_f64);
        let step = |k: &str| {
            if schema.get(k).and_then(Value::as_bool) == Some(true) {
                1.0
            } else {
                0.0
            }
        };
        let lo = min
            .map(|m| m + step("exclusiveMinimum"))
            .unwrap_or(lo.min(max.unwrap_or(lo)));
        let hi = max.map(|m| m - step("exclusiveMaximum")).unwrap_or(hi.max(lo));
        // Keep the span finite and modest so sampling never overflows.
        let hi = if (hi - lo).is_finite() && hi - lo <= 1e9 {
            hi
        } else {
            lo + 1e9
        };
        if hi < lo || !hi.is_finite() { (lo, lo) } else { (lo, hi) }
    }

    /// Merges `allOf` parts (and the schema's own keywords) into one schema. Alternatives
    /// (`anyOf`/`oneOf`) inside parts contribute their first non-null option; a property
    /// described by several parts must satisfy all of its descriptions.
    fn merge_all_of(&self, schema: &Value, all: &[Value]) -> Value {
        let mut acc = Map::new();
        for part in all {
            self.absorb(part, &mut acc, 0);
        }
        let mut own = schema.clone();
        if let Value::Object(m) = &mut own {
            m.remove("allOf");
        }
        self.absorb(&own, &mut acc, 0);
        // Parts that require disjoint types contradict each other (real specs do): the best
        // instance takes the type most parts ask for (the last part's on a tie).
        let declared: Vec<Vec<&str>> = all
            .iter()
            .chain(std::iter::once(schema))
            .map(|p| types(resolve(self.doc, p)))
            .filter(|t| !t.is_empty())
            .collect();
        let fits = |t: &str, l: &[&str]| l.contains(&t) || (t == "integer" && l.contains(&"number"));
        let shared = declared.iter().flatten().any(|t| declared.iter().all(|l| fits(t, l)));
        if !shared && declared.len() > 1 {
            let mut best: Option<(&str, usize)> = None;
            for t in declared.iter().flatten() {
                let votes = declared.iter().filter(|l| fits(t, l)).count();
                if best.is_none_or(|(_, v)| votes >= v) {
                    best = Some((t, votes));
                }
            }
            if let Some((t, _)) = best {
                acc.insert("type".into(), json!(t));
            }
        }
        Value::Object(acc)
    }

    fn absorb(&self, part: &Value, acc: &mut Map<String, Value>, depth: usize) {
        if depth > 8 {
            return;
        }
        let Some(obj) = resolve(self.doc, part).as_object() else {
            return;
        };
        for (k, v) in obj {
            match k.as_str() {
                "properties" => {
                    let props = acc.entry("properties").or_insert_with(|| Value::Object(Map::new()));
                    if let (Value::Object(props), Some(more)) = (props, v.as_object()) {
                        for (name, schema) in more {
                            let combined = match props.remove(name) {
                                Some(old) if old != *schema => json!({"allOf": [old, schema]}),
                                _ => schema.clone(),
                            };
                            props.insert(name.clone(), combined);
                        }
                    }
                }
                "required" => {
                    let req = acc.entry("required").or_insert_with(|| Value::Array(Vec::new()));
                    if let Value::Array(req) = req {
                        for name in v.as_array().into_iter().flatten() {
                            if !req.contains(name) {
                                req.push(name.clone());
                            }
                        }
                    }
                }
                "allOf" => {
                    for sub in v.as_array().into_iter().flatten() {
                        self.absorb(sub, acc, depth + 1);
                    }
                }
                "anyOf" | "oneOf" => {
                    let options = v.as_array().map(Vec::as_slice).unwrap_or_default();
                    let pick = options
                        .iter()
                        .find(|o| resolve(self.doc, o).get("type").is_none_or(|t| t != "null"))
                        .or(options.first());
                    if let Some(pick) = pick {
                        self.absorb(pick, acc, depth + 1);
                    }
                }
                "$ref" => {}
                _ => {
                    acc.insert(k.clone(), v.clone());
                }
            }
        }
    }

    fn object(&mut self, schema: &Value, depth: usize) -> Value {
        let mut out = Map::new();
        let required: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let props = schema.get("properties").and_then(Value::as_object);
        for (k, s) in props.into_iter().flatten() {
            let keep = required.contains(&k.as_str()) || (depth < OPTIONAL_DEPTH && self.nodes < NODE_BUDGET);
            if keep {
                let v = self.gen_value(s, k, depth + 1);
                out.insert(k.clone(), v);
            }
        }
        // Required names the schema forgot to describe still need a value.
        for k in required {
            if !out.contains_key(k) {
                let extra = match schema.get("additionalProperties") {
                    Some(a @ Value::Object(_)) => a.clone(),
                    _ => json!({"type": "string"}),
                };
                let v = self.gen_value(&extra, k, depth + 1);
                out.insert(k.to_string(), v);
            }
        }
        Value::Object(out)
    }

    fn string(&mut self, schema: &Value, name: &str) -> String {
        let format = schema.get("format").and_then(Value::as_str).unwrap_or("");
        let n: u32 = self.rng.random_range(0..100_000);
        let lower = name.to_ascii_lowercase();
        let mut s = match format {
            "date-time" => format!("2024-{:02}-{:02}T{:02}:00:00Z", 1 + n % 12, 1 + n % 28, n % 24),
            "date" => format!("2024-{:02}-{:02}", 1 + n % 12, 1 + n % 28),
            "email" => format!("user{n}@example.com"),
            "uri" | "url" => format!("https://example.com/{lower}/{n}"),
            "uuid" => {
                let h = self.hex(32);
                format!("{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..])
            }
            "ipv4" => format!("192.0.2.{}", n % 255),
            "ipv6" => format!("2001:db8::{:x}", n % 65535),
            _ if lower == "id" || lower.ends_with("_id") => self.hex(32),
            _ if lower.contains("email") => format!("user{n}@example.com"),
            _ if lower.contains("url") => format!("https://example.com/{n}"),
            _ if lower.is_empty() => format!("value-{n}"),
            _ => format!("{lower}-{n}"),
        };
        let min = schema.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
        let max = schema.get("maxLength").and_then(Value::as_u64).map(|m| m as usize);
        while s.chars().count() < min {
            s.push('x');
        }
        if let Some(max) = max
            && s.chars().count() > max
        {
            s = s.chars().take(max).collect();
        }
        if let Some(pattern) = schema.get("pattern").and_then(Value::as_str)
            && super::schema::pattern_matches(pattern, &s) == Some(false)
        {
            let fits = |c: &String| {
                let len = c.chars().count();
                len >= min && max.is_none_or(|m| len <= m) && super::schema::pattern_matches(pattern, c) == Some(true)
            };
            if let Some(found) = pattern_candidates(schema, n, &lower).into_iter().find(fits) {
                s = found;
            }
        }
        s
    }
}

/// Strings tried, in order, when a generated string misses its schema's `pattern`: the
/// schema's own examples, then common shapes (hex ids, digits, words, base64, durations,
/// versions).
fn pattern_candidates(schema: &Value, n: u32, name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for key in ["example", "x-example", "default"] {
        if let Some(e) = schema.get(key).and_then(Value::as_str) {
            out.push(e.to_string());
        }
    }
    if let Some(Value::Array(examples)) = schema.get("examples") {
        out.extend(examples.iter().filter_map(|e| e.as_str().map(str::to_string)));
    }
    let hex = format!(
        "{:032x}",
        u128::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835)
    );
    let word: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
    out.extend([
        hex.clone(),
        format!("sha256:{hex}{hex}"),
        format!("{hex}{}", &hex[..8]),
        format!("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{} {word}@example.com", &hex[..16]),
        hex[..8].to_string(),
        n.to_string(),
        format!("{word}{n}"),
        format!("{word}-{n}"),
        format!("{word}_{n}"),
        word.clone(),
        "example".into(),
        "a".into(),
        "A".into(),
        "AAAA".into(),
        "7d".into(),
        format!("{}.{}.{}", n % 10, n % 7, n % 13),
        format!("{}-{}", &hex[..8], &hex[8..12]),
        "example.com".into(),
        "https://example.com".into(),
        "/".into(),
    ]);
    out
}

#[cfg(test)]
mod tests {
    use super::super::schema::validate;
    use super::*;

    #[test]
    fn extreme_bounds_do_not_break_sampling() {
        let doc = json!({});
        for schema in [
            json!({"type": "number", "minimum": -1.7e308, "maximum": 1.7e308}),
            json!({"type": "integer", "minimum": 5, "maximum": 2}),
            json!({"type": "number", "minimum": 1e300}),
            json!({"type": "array", "items": {"type": "string"}, "maxItems": 0}),
            json!({"enum": [null]}),
        ] {
            let v = Generator::new(&doc, 1, "x").value(&schema);
            if schema
                .get("maximum")
                .is_none_or(|m| m.as_f64() > schema.get("minimum").and_then(|x| x.as_f64()))
            {
                assert_eq!(
                    validate(&doc, &schema, &v, "v"),
                    Vec::<String>::new(),
                    "{schema} -> {v}"
                );
            }
        }
    }

    #[test]
    fn alternatives_follow_the_declared_type() {
        let doc = json!({});
        let schema = json!({"type": "object", "properties": {"comment": {"type": "string"}},
            "oneOf": [{"type": "string"}, {"type": "integer"},
                {"properties": {"url": {"type": "string"}}, "required": ["url"]}]});
        let v = Generator::new(&doc, 3, "x").value(&schema);
        assert_eq!(validate(&doc, &schema, &v, "v"), Vec::<String>::new(), "{v}");
        assert!(v.get("url").is_some(), "{v}");
    }

    #[test]
    fn generated_values_validate_and_repeat_under_a_seed() {
        let doc = json!({"components": {"schemas": {
            "Node": {"type": "object", "required": ["id", "child"], "properties": {
                "id": {"type": "string", "maxLength": 8},
                "kind": {"type": "string", "enum": ["a", "b"]},
                "size": {"type": "integer", "minimum": 5, "maximum": 9},
                "child": {"nullable": true, "allOf": [{"$ref": "#/components/schemas/Node"}]},
                "tags": {"type": "array", "minItems": 2, "items": {"type": "string", "format": "email"}}
            }}
        }}});
        let schema = json!({"$ref": "#/components/schemas/Node"});
        let a = Generator::new(&doc, 7, "x").value(&schema);
        let b = Generator::new(&doc, 7, "x").value(&schema);
        let c = Generator::new(&doc, 8, "x").value(&schema);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(validate(&doc, &schema, &a, "value"), Vec::<String>::new(), "{a}");
    }
}
