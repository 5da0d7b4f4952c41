//! Seeded initial state for a described world: every collection gets `seed` items per
//! parent instance and every singleton a value, from field types and names; a world adds
//! realistic items for chosen resources through a [`Custom`] function.

use super::desc::{Description, Field, FieldType, Resource, parse_field};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// The fixed clock of generated worlds: 2026-11-20T12:00:00Z (seconds since the epoch).
pub const NOW: i64 = 1_795_176_000;

/// One generated item and its concrete path.
#[derive(Debug, Clone)]
pub struct Instance {
    /// Concrete item path (`/zones/0123.../dns_records/4567...`).
    pub path: String,
    /// The item.
    pub item: Value,
}

/// What a custom generator sees.
pub struct Ctx<'a> {
    /// The random source (shared, so output depends on call order only).
    pub rng: &'a mut ChaCha8Rng,
    /// The parent item (a zone for `/zones/{zone_id}/...`), if any.
    pub parent: Option<&'a Value>,
    /// Index of the parent among its siblings.
    pub parent_index: usize,
    /// Instances generated so far, by item path parameter.
    pub instances: &'a HashMap<String, Vec<Instance>>,
}

impl Ctx<'_> {
    /// The `id`s of the instances generated so far for the item path parameter `param`.
    pub fn ids(&self, param: &str) -> Vec<String> {
        self.instances
            .get(param)
            .map(|l| {
                l.iter()
                    .filter_map(|i| i.item.get("id").and_then(Value::as_str).map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Realistic items for a resource under one parent; `None` falls back to generic items.
pub type Custom = dyn Fn(&Resource, &mut Ctx<'_>) -> Option<Vec<Value>>;

pub use crate::time::rfc3339;

/// `n` random lowercase hex digits.
pub fn hex(rng: &mut ChaCha8Rng, n: usize) -> String {
    (0..n)
        .map(|_| char::from_digit(rng.random_range(0..16u32), 16).unwrap_or('0'))
        .collect()
}

/// One of `options` (the first when empty is impossible by construction).
pub fn pick<'a>(rng: &mut ChaCha8Rng, options: &[&'a str]) -> &'a str {
    options[rng
        .random_range(0..options.len().max(1))
        .min(options.len().saturating_sub(1))]
}

const WORDS: [&str; 24] = [
    "api", "edge", "shop", "blog", "docs", "assets", "auth", "billing", "cdn", "status", "mail", "app", "media",
    "search", "gateway", "admin", "static", "images", "portal", "partners", "support", "events", "metrics", "video",
];

/// The domain of the nearest zone-like parent (`name` with a dot), else `example.com`.
fn domain(parent: Option<&Value>) -> String {
    parent
        .and_then(|p| p.get("name"))
        .and_then(Value::as_str)
        .filter(|n| n.contains('.'))
        .unwrap_or("example.com")
        .to_string()
}

/// A value for a field from its type and name.
pub fn field_value(rng: &mut ChaCha8Rng, f: &Field, parent: Option<&Value>, index: usize) -> Value {
    if let Some(d) = &f.default
        && rng.random_bool(0.6)
    {
        return d.clone();
    }
    let name = f.name.as_str();
    match &f.ty {
        FieldType::Id | FieldType::Ref => json!(hex(rng, 32)),
        FieldType::Enum(values) => json!(values[rng.random_range(0..values.len())]),
        FieldType::Boolean => json!(rng.random_bool(0.5)),
        FieldType::Integer if name == "expiration" => json!(NOW + rng.random_range(1..90) * 86_400),
        FieldType::Integer | FieldType::Number => {
            let lo = f.min.unwrap_or(0);
            let hi = f.max.unwrap_or(match name {
                n if n.contains("port") => 65_535,
                n if n.contains("ttl") => 86_400,
                n if n.contains("priority") || n.contains("weight") => 100,
                _ => 1_000,
            });
            // Plausible magnitudes: counts and priorities stay small unless the field is a size or rate.
            let wide = ["port", "ttl", "bytes", "ratelimit", "requests", "count"]
                .iter()
                .any(|w| name.contains(w));
            let hi = if wide { hi } else { hi.min(lo.saturating_add(1_000)) };
            json!(rng.random_range(lo..=hi.max(lo)))
        }
        FieldType::Str(Some("date-time")) => {
            let future = name.starts_with("expire") || name.contains("expires") || name.ends_with("_until");
            let offset = rng.random_range(3_600..180 * 86_400);
            let at = match name {
                n if n.contains("start") => NOW + 7 * 86_400 + index as i64 * 86_400,
                n if n.contains("end") => NOW + 7 * 86_400 + index as i64 * 86_400 + 6 * 3_600,
                _ if future => NOW + offset,
                _ => NOW - offset,
            };
            json!(rfc3339(at))
        }
        FieldType::Str(Some("date")) => json!(rfc3339(NOW - rng.random_range(0..365 * 86_400))[..10].to_string()),
        FieldType::Str(Some("hostname")) => json!(format!(
            "{}.{}",
            WORDS[rng.random_range(0..WORDS.len())],
            domain(parent)
        )),
        FieldType::Str(Some("email")) => {
            let first = pick(
                rng,
                &["ana", "bo", "chen", "dara", "eli", "farah", "gus", "hana", "ivan", "jo"],
            );
            json!(format!("{first}.{index}@{}", domain(parent)))
        }
        FieldType::Str(Some("uri")) => json!(format!(
            "https://{}.{}/{}",
            WORDS[rng.random_range(0..WORDS.len())],
            domain(parent),
            WORDS[rng.random_range(0..WORDS.len())]
        )),
        FieldType::Str(Some("ipv4")) | FieldType::Ip => {
            json!(format!("198.51.100.{}", rng.random_range(1..255)))
        }
        FieldType::Str(Some("ipv6")) => json!(format!("2001:db8:{:x}::{:x}", rng.random_range(1..0xffff), index + 1)),
        FieldType::Str(Some("uuid")) => {
            let h = hex(rng, 32);
            json!(format!(
                "{}-{}-4{}-a{}-{}",
                &h[..8],
                &h[8..12],
                &h[13..16],
                &h[17..20],
                &h[20..]
            ))
        }
        FieldType::Str(_) => {
            let w = WORDS[rng.random_range(0..WORDS.len())];
            let text = match name {
                "description" | "notes" | "comment" | "message" => format!("Managed by the {w} team"),
                "name" | "title" | "label" | "queue_name" => format!("{w}-{}", index + 1),
                n if n.contains("country") => pick(rng, &["US", "DE", "GB", "FR", "JP", "BR", "IN", "NL"]).to_string(),
                "first_name" => pick(rng, &["Ana", "Bo", "Chen", "Dara", "Eli", "Farah"]).to_string(),
                "last_name" => pick(rng, &["Lima", "Jensen", "Wei", "Okafor", "Cohen", "Haddad"]).to_string(),
                "company" => "Acme Corp".to_string(),
                n if n.contains("colo") => pick(rng, &["FRA", "AMS", "LHR", "IAD", "SJC", "SIN", "NRT"]).to_string(),
                "protocol" => pick(rng, &["tcp/22", "tcp/3389", "tcp/25565", "udp/27015"]).to_string(),
                "expression" => format!("(http.request.uri.path contains \"/{w}\")"),
                "pattern" | "url_pattern" | "target" => format!("{}/{w}/*", domain(parent)),
                "path" => format!("/{w}"),
                "content" => "export default { fetch() { return new Response('ok') } }".to_string(),
                "csr" | "certificate" | "private_key" => {
                    "-----BEGIN CERTIFICATE REQUEST-----\nMIIC...\n-----END CERTIFICATE REQUEST-----".to_string()
                }
                "address" | "origin" => format!("origin.{}", domain(parent)),
                "cron" => "*/30 * * * *".to_string(),
                "version" | "algorithm" | "client_version" => format!("{}", rng.random_range(2..20)),
                "production_branch" | "branch" => "main".to_string(),
                "session_duration" => "24h".to_string(),
                "expected_codes" => "2xx".to_string(),
                "environment" => "production".to_string(),
                "common_name" | "domain" => format!("{}.{}", WORDS[index % WORDS.len()], domain(parent)),
                "user_agent" => pick(
                    rng,
                    &["MJ12bot/v1.4.8", "AhrefsBot/7.0", "python-requests/2.31", "Scrapy/2.11"],
                )
                .to_string(),
                "destination" => format!("ops@{}", domain(parent)),
                _ => format!("{w}-{}", hex(rng, 6)),
            };
            let max = f.max.map(|m| m.max(1) as usize).unwrap_or(usize::MAX);
            let mut text: String = text.chars().take(max).collect();
            while (text.len() as i64) < f.min.unwrap_or(0) {
                text.push('x');
            }
            json!(text)
        }
        FieldType::Strings => match name {
            "schedules" => json!(["*/30 * * * *", "0 3 * * *"]),
            "ingress" => json!([
                format!(
                    "{}.{}=http://localhost:8080",
                    WORDS[index % WORDS.len()],
                    domain(parent)
                ),
                "http_status:404".to_string()
            ]),
            "hosts" | "hostnames" | "domains" => json!([domain(parent), format!("*.{}", domain(parent))]),
            "origins" | "upstream_ips" | "origin_direct" => json!([format!("198.51.100.{}", rng.random_range(1..255))]),
            "policies" => json!([pick(
                rng,
                &[
                    "zone.dns.edit",
                    "zone.read",
                    "account.firewall.edit",
                    "workers.scripts.edit"
                ]
            )]),
            "permissions" => json!([
                "zone.read",
                pick(rng, &["dns.edit", "firewall.edit", "analytics.read", "ssl.edit"])
            ]),
            "include" | "exclude" => json!([format!("email_domain={}", domain(parent))]),
            "actions" => json!([pick(
                rng,
                &[
                    "cache_level=cache_everything",
                    "always_use_https=on",
                    "security_level=high"
                ]
            )]),
            "urls" => json!([format!("{}/admin/*", domain(parent))]),
            "ip_ranges" | "networks" => json!(["192.0.2.0/24"]),
            "methods" => json!(["POST"]),
            "mechanisms" => json!(["secops@acme.example"]),
            "rules" => json!(["(cf.threat_score gt 40)", "(http.request.uri.path eq \"/login\")"]),
            "colos" => json!(["FRA", "AMS", "LHR"]),
            "default_pools" => json!([hex(rng, 32)]),
            _ => json!([WORDS[rng.random_range(0..WORDS.len())]]),
        },
        FieldType::Object => json!({"team": WORDS[rng.random_range(0..WORDS.len())]}),
    }
}

/// A generic item: every required field and most optional ones.
pub fn generic_item(rng: &mut ChaCha8Rng, fields: &[Field], parent: Option<&Value>, index: usize) -> Value {
    let mut m = Map::new();
    for f in fields {
        if f.required || f.ty == FieldType::Id || rng.random_bool(0.85) {
            m.insert(f.name.clone(), field_value(rng, f, parent, index));
        }
    }
    Value::Object(m)
}

/// The key field of an item under an item parameter (`dns_record_id` -> `id`, `key_name` -> `name`,
/// `pull_number` -> `number`, `team_slug` -> `slug`), as the mock server keys them.
pub fn key_field(item_param: &str, fields: &[Field]) -> String {
    let mut candidates = vec![item_param.to_string()];
    for suffix in ["_number", "_id", "_name", "_key", "_slug"] {
        if item_param.ends_with(suffix) {
            candidates.push(suffix[1..].to_string());
        }
    }
    candidates.extend(["id".to_string(), "name".to_string()]);
    candidates
        .into_iter()
        .find(|c| fields.iter().any(|f| &f.name == c))
        .unwrap_or_else(|| "id".to_string())
}

/// Concrete instances of `template`'s deepest parameter: (concrete prefix, parent item, index).
fn parents(template: &str, instances: &HashMap<String, Vec<Instance>>) -> Vec<(String, Option<Value>, usize)> {
    let segments: Vec<&str> = template.split('/').collect();
    let last = segments.iter().rposition(|s| s.starts_with('{'));
    let Some(at) = last else {
        return vec![(template.to_string(), None, 0)];
    };
    let param = &segments[at][1..segments[at].len() - 1];
    let rest = segments[at + 1..].join("/");
    instances
        .get(param)
        .map(|list| {
            list.iter()
                .enumerate()
                .map(|(i, inst)| {
                    let path = if rest.is_empty() {
                        inst.path.clone()
                    } else {
                        format!("{}/{rest}", inst.path)
                    };
                    (path, Some(inst.item.clone()), i)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The fixtures of a description: `{"generate": false, "collections": {...}, "singletons": {...}}`.
pub fn generate(desc: &Description, seed: u64, custom: &Custom) -> Value {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut instances: HashMap<String, Vec<Instance>> = HashMap::new();
    let mut collections = Map::new();
    let mut singletons = Map::new();
    for r in &desc.resources {
        let fields = r.parsed_fields();
        let mut found: Vec<Instance> = Vec::new();
        for (concrete, parent, parent_index) in parents(&r.path, &instances) {
            let Some(item_param) = &r.item else {
                if r.has("get") {
                    let mut ctx = Ctx {
                        rng: &mut rng,
                        parent: parent.as_ref(),
                        parent_index,
                        instances: &instances,
                    };
                    let value = custom(r, &mut ctx)
                        .and_then(|mut v| v.pop())
                        .unwrap_or_else(|| generic_item(&mut rng, &fields, parent.as_ref(), 0));
                    singletons.insert(concrete, value);
                }
                continue;
            };
            if !r.has("list") && !r.has("get") {
                continue;
            }
            let mut ctx = Ctx {
                rng: &mut rng,
                parent: parent.as_ref(),
                parent_index,
                instances: &instances,
            };
            let items = custom(r, &mut ctx).unwrap_or_else(|| {
                (0..r.seed.unwrap_or(3))
                    .map(|i| generic_item(&mut rng, &fields, parent.as_ref(), i))
                    .collect()
            });
            let key = key_field(item_param, &fields);
            let mut list = Vec::with_capacity(items.len());
            for mut item in items {
                if let Value::Object(m) = &mut item
                    && !m.contains_key(&key)
                {
                    m.insert(key.clone(), json!(hex(&mut rng, 32)));
                }
                let id = item.get(&key).map(|k| match k {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                });
                if let Some(id) = id {
                    found.push(Instance {
                        path: format!("{concrete}/{id}"),
                        item: item.clone(),
                    });
                }
                list.push(item);
            }
            collections.insert(concrete, Value::Array(list));
        }
        if let Some(p) = &r.item
            && !found.is_empty()
        {
            instances.entry(p.clone()).or_default().extend(found);
        }
    }
    for s in &desc.settings {
        let fields: Vec<Field> = s.items.iter().filter_map(|l| parse_field(l).ok()).collect();
        for (concrete, parent, _) in parents(&s.path, &instances) {
            for f in &fields {
                let value = field_value(&mut rng, f, parent.as_ref(), 0);
                let modified = rfc3339(NOW - rng.random_range(86_400..400 * 86_400));
                singletons.insert(
                    format!("{concrete}/{}", f.name),
                    json!({"id": f.name, "value": value, "editable": true, "modified_on": modified}),
                );
            }
        }
    }
    json!({"generate": false, "collections": collections, "singletons": singletons})
}

/// Fixtures text: pretty at the top, one item per line (readable and compact).
pub fn to_text(fixtures: &Value) -> String {
    let mut out = String::from("{\n");
    let Value::Object(top) = fixtures else {
        return format!("{fixtures}\n");
    };
    let n = top.len();
    for (i, (k, v)) in top.iter().enumerate() {
        out.push_str(&format!("  {}: ", Value::String(k.clone())));
        match v {
            Value::Object(groups) if !groups.is_empty() => {
                out.push_str("{\n");
                let g = groups.len();
                for (j, (path, value)) in groups.iter().enumerate() {
                    out.push_str(&format!("    {}: ", Value::String(path.clone())));
                    match value {
                        Value::Array(items) if !items.is_empty() => {
                            out.push_str("[\n");
                            for (x, item) in items.iter().enumerate() {
                                let comma = if x + 1 < items.len() { "," } else { "" };
                                out.push_str(&format!("      {item}{comma}\n"));
                            }
                            out.push_str("    ]");
                        }
                        other => out.push_str(&other.to_string()),
                    }
                    out.push_str(if j + 1 < g { ",\n" } else { "\n" });
                }
                out.push_str("  }");
            }
            other => out.push_str(&other.to_string()),
        }
        out.push_str(if i + 1 < n { ",\n" } else { "\n" });
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_formats_as_rfc3339() {
        assert_eq!(rfc3339(NOW), "2026-11-20T12:00:00Z");
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }
}
