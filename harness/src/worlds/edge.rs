//! The `edge` world's realistic fixtures: accounts, zones, DNS records, members,
//! certificates, access rules and a request log with a few clearly noisy clients.
//!
//! The request log of `example.com` (zone 0) holds, within the last hour before
//! [`super::fixtures::NOW`], [`NOISY`] clients above 1,000 requests and [`DECOYS`] just
//! below or spread over the whole window, so tasks like "block every IP with more than
//! 1,000 requests in the last hour" have one right answer that needs paging and counting.

use super::desc::{Description, Resource};
use super::fixtures::{Ctx, NOW, generate, hex, pick, rfc3339};
use rand::Rng;
use serde_json::{Value, json};

/// Clients of `example.com` above 1,000 requests in the last hour: (ip, requests in the last hour).
pub const NOISY: [(&str, usize); 3] = [("203.0.113.45", 1_240), ("198.51.100.77", 1_105), ("45.83.12.9", 1_012)];

/// Busy clients of `example.com` that stay at or below 1,000 in the last hour:
/// (ip, requests in the last hour, requests in the five hours before).
pub const DECOYS: [(&str, usize, usize); 2] = [("192.0.2.200", 930, 40), ("198.51.100.23", 240, 1_100)];

/// The edge world's fixtures from its description.
pub fn fixtures(desc: &Description, seed: u64) -> Value {
    generate(desc, seed, &custom)
}

const ZONES: [(&str, usize, &str, &str); 4] = [
    ("example.com", 0, "enterprise", "active"),
    ("example.org", 0, "business", "active"),
    ("acme-shop.io", 0, "pro", "active"),
    ("staging.example.net", 1, "free", "pending"),
];

fn custom(r: &Resource, ctx: &mut Ctx<'_>) -> Option<Vec<Value>> {
    match r.id.as_str() {
        "accounts" => Some(
            [("Acme Corp", "enterprise"), ("Acme Labs", "standard")]
                .iter()
                .map(|(name, ty)| {
                    json!({"id": hex(ctx.rng, 32), "name": name, "type": ty,
                           "created_on": rfc3339(NOW - ctx.rng.random_range(400..900) * 86_400)})
                })
                .collect(),
        ),
        "zones" => {
            let accounts = ctx.ids("account_id");
            Some(
                ZONES
                    .iter()
                    .map(|(name, account, plan, status)| {
                        let created = NOW - ctx.rng.random_range(30..800) * 86_400;
                        json!({"id": hex(ctx.rng, 32), "name": name, "status": status, "paused": false, "type": "full",
                               "plan": plan, "account_id": accounts.get(*account).cloned().unwrap_or_default(),
                               "name_servers": ["ada.ns.edge.example", "bob.ns.edge.example"],
                               "created_on": rfc3339(created), "modified_on": rfc3339(created + 86_400 * 7)})
                    })
                    .collect(),
            )
        }
        "dns-records" => Some(dns_records(ctx)),
        "request-logs" => Some(request_logs(ctx)),
        "account-members" => Some(members(ctx)),
        "custom-certificates" => Some(certificates(ctx)),
        "access-rules" | "account-access-rules" => Some(access_rules(ctx)),
        "worker-scripts" => Some(worker_scripts(ctx)),
        "kv-namespaces" => Some(kv_namespaces(ctx)),
        "kv-values" => Some(kv_values(ctx)),
        _ => None,
    }
}

fn zone_name(ctx: &Ctx<'_>) -> String {
    ctx.parent
        .and_then(|p| p.get("name"))
        .and_then(Value::as_str)
        .unwrap_or("example.com")
        .to_string()
}

fn dns_records(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let zone = zone_name(ctx);
    let count = [120, 80, 70, 30].get(ctx.parent_index).copied().unwrap_or(20);
    let hosts = [
        "www", "api", "shop", "blog", "docs", "cdn", "mail", "status", "app", "auth", "admin", "assets", "media", "m",
        "staging", "dev", "vpn", "git", "grafana", "search",
    ];
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let rng = &mut *ctx.rng;
        let host = hosts[i % hosts.len()];
        let name = match i {
            0..=1 => zone.clone(),
            _ if i < hosts.len() + 2 => format!("{host}.{zone}"),
            _ => format!("{host}-{}.{zone}", i / hosts.len()),
        };
        let (ty, content, priority) = match (i, rng.random_range(0..10)) {
            (0, _) => ("A", format!("203.0.113.{}", 10 + ctx.parent_index), None),
            (1, _) => ("MX", format!("mx1.{zone}"), Some(10)),
            (_, 0..=3) => ("A", format!("198.51.100.{}", rng.random_range(2..250)), None),
            (_, 4..=5) => (
                "CNAME",
                format!("{}.{zone}", hosts[rng.random_range(0..hosts.len())]),
                None,
            ),
            (_, 6) => (
                "AAAA",
                format!("2001:db8:{:x}::{:x}", 0x100 + ctx.parent_index, i),
                None,
            ),
            (_, 7) => (
                "TXT",
                pick(
                    rng,
                    &[
                        "v=spf1 include:_spf.mail.example ~all",
                        "google-site-verification=5fa7c1d0",
                        "v=DMARC1; p=quarantine",
                    ],
                )
                .to_string(),
                None,
            ),
            (_, 8) => (
                "MX",
                format!("mx{}.{zone}", rng.random_range(2..5)),
                Some(rng.random_range(1..5) * 10),
            ),
            _ => ("A", format!("192.0.2.{}", rng.random_range(2..250)), None),
        };
        let proxied = matches!(ty, "A" | "AAAA" | "CNAME") && rng.random_bool(0.6);
        let created = NOW - rng.random_range(1..700) * 86_400;
        let mut record = json!({"id": hex(rng, 32), "type": ty, "name": name, "content": content,
            "ttl": if proxied { 1 } else { *[300, 3600, 86400].get(rng.random_range(0..3)).unwrap_or(&300) },
            "proxied": proxied, "created_on": rfc3339(created), "modified_on": rfc3339(created + rng.random_range(0..86_400))});
        if let Some(p) = priority {
            record["priority"] = json!(p);
        }
        out.push(record);
    }
    out
}

fn request_logs(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let zone = zone_name(ctx);
    let background = [700, 160, 110, 40].get(ctx.parent_index).copied().unwrap_or(30);
    let hour = 3_600;
    let window = 6 * hour;
    // (ip, count, window start in seconds before NOW, window end).
    let mut clients: Vec<(String, usize, i64, i64)> = Vec::new();
    if ctx.parent_index == 0 {
        for (ip, n) in NOISY {
            clients.push((ip.to_string(), n, hour, 0));
        }
        for (ip, last_hour, before) in DECOYS {
            clients.push((ip.to_string(), last_hour, hour, 0));
            clients.push((ip.to_string(), before, window, hour + 1));
        }
    }
    for _ in 0..background {
        let ip = match ctx.rng.random_range(0..4) {
            0 => format!(
                "2001:db8:{:x}::{:x}",
                ctx.rng.random_range(1..0xffff),
                ctx.rng.random_range(1..0xff)
            ),
            _ => format!(
                "{}.{}.{}.{}",
                pick(ctx.rng, &["81", "93", "104", "151", "172", "185", "203", "212"]),
                ctx.rng.random_range(0..256),
                ctx.rng.random_range(0..256),
                ctx.rng.random_range(1..255)
            ),
        };
        clients.push((ip, 1, window, 0));
    }
    let paths = [
        "/",
        "/login",
        "/api/v1/products",
        "/api/v1/cart",
        "/search",
        "/static/app.js",
        "/images/logo.png",
        "/checkout",
        "/wp-login.php",
        "/api/v1/session",
    ];
    let agents = [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "Go-http-client/1.1",
    ];
    let mut entries: Vec<(i64, Value)> = Vec::new();
    for (ip, n, from, to) in clients {
        let noisy = n > 100;
        let country = pick(ctx.rng, &["US", "DE", "FR", "BR", "IN", "NL", "SG", "GB", "RU", "CN"]).to_string();
        for _ in 0..n {
            let rng = &mut *ctx.rng;
            let t = NOW - rng.random_range(to..=from);
            let path = if noisy {
                pick(rng, &["/login", "/api/v1/session", "/wp-login.php", "/"])
            } else {
                pick(rng, &paths)
            };
            let status = if noisy {
                *[401, 403, 429, 200].get(rng.random_range(0..4)).unwrap_or(&200)
            } else {
                *[200, 200, 200, 200, 304, 404, 301, 500]
                    .get(rng.random_range(0..8))
                    .unwrap_or(&200)
            };
            let method = if path.contains("login") || path.contains("session") || path == "/checkout" {
                "POST"
            } else {
                "GET"
            };
            let agent = if noisy {
                agents[rng.random_range(2..5)]
            } else {
                agents[rng.random_range(0..2)]
            };
            entries.push((
                t,
                json!({"ray_id": hex(rng, 16), "datetime": rfc3339(t), "client_ip": ip, "client_country": country,
                    "method": method, "host": zone, "path": path, "status": status,
                    "edge_response_bytes": rng.random_range(200..60_000), "user_agent": agent,
                    "cache_status": pick(rng, &["hit", "miss", "dynamic", "expired"]), "action": "allow"}),
            ));
        }
    }
    // Newest first, like a log viewer; ties keep generation order.
    entries.sort_by_key(|e| std::cmp::Reverse(e.0));
    entries.into_iter().map(|(_, v)| v).collect()
}

fn members(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let people = [
        ("Ana Lima", "administrator"),
        ("Bo Jensen", "super_administrator"),
        ("Chen Wei", "dns_admin"),
        ("Dara Okafor", "firewall_admin"),
        ("Eli Cohen", "workers_admin"),
        ("Farah Haddad", "analytics_read"),
        ("Gus Moreau", "billing"),
        ("Hana Sato", "dns_admin"),
        ("Ivan Petrov", "ssl_admin"),
        ("Jo Park", "read_only"),
        ("Kim Nguyen", "firewall_admin"),
        ("Lea Novak", "workers_admin"),
    ];
    let (count, domain) = if ctx.parent_index == 0 {
        (12, "acme.example")
    } else {
        (4, "labs.acme.example")
    };
    people
        .iter()
        .take(count)
        .enumerate()
        .map(|(i, (name, role))| {
            let rng = &mut *ctx.rng;
            let email = format!("{}@{domain}", name.to_lowercase().replace(' ', "."));
            let status = if i % 5 == 4 { "pending" } else { "accepted" };
            let mut roles = vec![*role];
            if i % 3 == 2 {
                roles.push("analytics_read");
            }
            json!({"id": hex(rng, 32), "email": email, "name": name, "status": status, "roles": roles,
                   "two_factor_enabled": i % 4 != 3,
                   "created_on": rfc3339(NOW - rng.random_range(10..700) * 86_400)})
        })
        .collect()
}

fn certificates(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let zone = zone_name(ctx);
    // Days until expiry: two expire within 30 days on the first zone, one already expired.
    let days: &[i64] = match ctx.parent_index {
        0 => &[12, 27, 210],
        1 => &[-3, 160],
        _ => &[90],
    };
    days.iter()
        .enumerate()
        .map(|(i, d)| {
            let rng = &mut *ctx.rng;
            let hosts = if i == 0 {
                json!([zone, format!("*.{zone}")])
            } else {
                json!([format!("{}.{zone}", ["api", "shop", "www"][i % 3])])
            };
            json!({"id": hex(rng, 32), "hosts": hosts, "issuer": pick(rng, &["DigiCert", "Let's Encrypt", "Sectigo"]),
                   "status": if *d < 0 { "expired" } else { "active" }, "bundle_method": "ubiquitous",
                   "expires_on": rfc3339(NOW + d * 86_400), "uploaded_on": rfc3339(NOW + d * 86_400 - 365 * 86_400),
                   "priority": i as i64 * 10})
        })
        .collect()
}

fn access_rules(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let mut rules = vec![
        (
            "block",
            "ip",
            "185.220.101.4".to_string(),
            "Tor exit node seen scraping checkout",
        ),
        (
            "challenge",
            "country",
            "KP".to_string(),
            "Challenge traffic from high-risk regions",
        ),
        ("whitelist", "ip_range", "192.0.2.0/24".to_string(), "Office network"),
    ];
    if ctx.parent_index == 0 {
        rules.push((
            "block",
            "ip",
            "93.184.215.14".to_string(),
            "Credential stuffing, incident 2291",
        ));
        rules.push(("js_challenge", "asn", "AS14061".to_string(), "Hosting provider bots"));
    }
    rules
        .into_iter()
        .map(|(mode, target, value, notes)| {
            let rng = &mut *ctx.rng;
            let created = NOW - rng.random_range(2..300) * 86_400;
            json!({"id": hex(rng, 32), "mode": mode, "target": target, "value": value, "notes": notes,
                   "created_on": rfc3339(created), "modified_on": rfc3339(created)})
        })
        .collect()
}

fn worker_scripts(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let names: &[&str] = if ctx.parent_index == 0 {
        &[
            "api-router",
            "image-resizer",
            "auth-edge",
            "ab-testing",
            "maintenance-page",
        ]
    } else {
        &["labs-playground", "webhook-relay"]
    };
    names
        .iter()
        .map(|name| {
            let rng = &mut *ctx.rng;
            let created = NOW - rng.random_range(20..400) * 86_400;
            json!({"id": name, "compatibility_date": rfc3339(created)[..10].to_string(), "usage_model": "standard",
                   "logpush": rng.random_bool(0.3), "created_on": rfc3339(created),
                   "modified_on": rfc3339(created + rng.random_range(1..20) * 86_400)})
        })
        .collect()
}

fn kv_namespaces(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let titles: &[&str] = if ctx.parent_index == 0 {
        &["production-config", "user-sessions", "feature-flags", "redirects"]
    } else {
        &["labs-cache"]
    };
    titles
        .iter()
        .map(|t| json!({"id": hex(ctx.rng, 32), "title": t, "supports_url_encoding": true}))
        .collect()
}

fn kv_values(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let title = ctx
        .parent
        .and_then(|p| p.get("title"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let rng = &mut *ctx.rng;
    match title.as_str() {
        "production-config" => [
            ("config:origin", "https://origin.example.com"),
            ("config:maintenance", "false"),
            ("config:rate-limit-per-minute", "600"),
            ("config:allowed-countries", "US,CA,GB,DE,FR,NL"),
            ("config:cache-ttl-seconds", "3600"),
            ("config:api-version", "2026-10-01"),
        ]
        .iter()
        .map(|(k, v)| json!({"name": k, "value": v}))
        .collect(),
        "feature-flags" => ["new-checkout", "dark-mode", "search-v2", "recommendations", "beta-dashboard", "edge-images"]
            .iter()
            .map(|k| json!({"name": format!("flag:{k}"), "value": if rng.random_bool(0.5) { "on" } else { "off" },
                             "metadata": {"owner": pick(rng, &["growth", "platform", "search"])}}))
            .collect(),
        "redirects" => ["/old-shop", "/blog/2024", "/promo", "/careers", "/help", "/docs/v1", "/pricing-old", "/summer-sale"]
            .iter()
            .map(|k| json!({"name": format!("redirect:{k}"), "value": format!("https://example.com{}", k.replace("old-", "").replace("-old", ""))}))
            .collect(),
        _ => (0..40)
            .map(|_| {
                json!({"name": format!("session:{}", hex(rng, 24)), "value": format!("{{\"user\":\"u{}\"}}", rng.random_range(1000..9999)),
                       "expiration": NOW + rng.random_range(600..86_400)})
            })
            .collect(),
    }
}
