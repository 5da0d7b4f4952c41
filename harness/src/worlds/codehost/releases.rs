//! Releases, assets, environments and deployments, deploy keys, webhooks with deliveries, and dependency alerts of the `codehost` repositories.

use super::*;

pub(super) fn releases(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
    let mut list: Vec<(String, bool, bool, i64)> = Vec::new();
    if repo.acme("payments-service") {
        for minor in 0..=8 {
            list.push((
                format!("v3.{minor}.0"),
                false,
                false,
                NOW - (8 - minor) * 19 * DAY - 8 * DAY - 7 * 3_600,
            ));
        }
        list.push(("v2.9.4".into(), false, false, NOW - 200 * DAY));
        list.push(("v3.9.0-rc.1".into(), false, true, NOW - 2 * DAY));
        list.push(("v3.9.0".into(), true, false, NOW - DAY));
    } else if repo.acme("web-app") {
        for (i, t) in ["v2.2.0", "v2.3.0", "v2.3.1", "v2.4.0", "v2.4.1"].iter().enumerate() {
            list.push((t.to_string(), false, false, NOW - (120 - i as i64 * 24) * DAY));
        }
    } else if repo.spec.7 > 0 {
        for i in 0..3 {
            list.push((format!("v1.{i}.0"), false, false, NOW - (200 - i * 60) * DAY));
        }
    }
    list.sort_by_key(|r| std::cmp::Reverse(r.3));
    let people = contributors(&repo.name);
    list.into_iter()
        .map(|(tag, draft, pre, at)| {
            let rng = &mut *ctx.rng;
            let id = hex(rng, 32);
            let mut r = json!({"id": id, "tag_name": tag, "target_commitish": "main", "name": tag,
                "body": format!("## Changes\n- {} {}\n- {} {}", VERBS[rng.random_range(0..VERBS.len())], WORDS[rng.random_range(0..WORDS.len())],
                                VERBS[rng.random_range(0..VERBS.len())], WORDS[rng.random_range(0..WORDS.len())]),
                "draft": draft, "prerelease": pre, "author": people[rng.random_range(0..people.len())],
                "created_at": rfc3339(at - 3_600), "published_at": rfc3339(at),
                "html_url": format!("https://codehost.example/{}/{}/releases/{tag}", repo.org, repo.name)});
            if draft {
                if let Some(m) = r.as_object_mut() {
                    m.remove("published_at");
                }
                r["html_url"] = json!(format!("https://codehost.example/{}/{}/releases/draft-{}", repo.org, repo.name, &hex(rng, 8)));
            }
            r
        })
        .collect()
}

pub(super) fn release_assets(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
    let Some(rel) = ctx.parent else { return Vec::new() };
    let tag = rel.get("tag_name").and_then(Value::as_str).unwrap_or("").to_string();
    let draft = rel.get("draft").and_then(Value::as_bool).unwrap_or(false);
    let published = rel
        .get("published_at")
        .and_then(Value::as_str)
        .map(parse_time)
        .unwrap_or(NOW);
    let files: Vec<(String, &str)> = match repo.name.as_str() {
        "payments-service" => vec![
            (format!("payments-service-{tag}.jar"), "application/java-archive"),
            (format!("payments-service-{tag}-sbom.json"), "application/json"),
        ],
        "web-app" => vec![(format!("web-app-{tag}.tar.gz"), "application/gzip")],
        _ => vec![(format!("{}-{tag}-linux-amd64.tar.gz", repo.name), "application/gzip")],
    };
    files
        .into_iter()
        .map(|(name, ty)| {
            let rng = &mut *ctx.rng;
            let days = ((NOW - published) / DAY).max(1);
            let downloads = if draft {
                0
            } else {
                rng.random_range(days..days * 12 + 5)
            };
            json!({"id": hex(rng, 32), "name": name, "content_type": ty, "size": rng.random_range(100_000..90_000_000),
                   "download_count": downloads, "created_at": rfc3339(published - 600)})
        })
        .collect()
}

pub(super) fn environments(repo: &RepoCtx) -> Vec<Value> {
    if repo.spec.7 == 0 {
        return Vec::new();
    }
    let prod_reviewers: Vec<&str> = match repo.name.as_str() {
        "infra" => vec!["ana-lima", "ivan-petrov"],
        "payments-service" => vec!["priya-shah", "tariq-khan"],
        _ => vec!["bo-jensen"],
    };
    vec![
        json!({"name": "production", "wait_timer": if repo.name == "infra" { 10 } else { 0 }, "required_reviewers": prod_reviewers,
               "deployment_branch_policy": "protected", "created_at": "2025-03-01T10:00:00Z"}),
        json!({"name": "staging", "wait_timer": 0, "required_reviewers": [], "deployment_branch_policy": "all",
               "created_at": "2025-03-01T10:00:00Z"}),
    ]
}

/// `acme/api-gateway` production deployments, newest first: (sha, state). The newest is the
/// one that broke checkout; the one before it failed; the one before that is the rollback target.
pub const GATEWAY_PROD: [(&str, &str); 3] = [
    ("9f4e2b7c1d0a8e6f5b3c2d1e0f9a8b7c6d5e4f3a", "success"),
    ("e1d2c3b4a5968778695a4b3c2d1e0f1a2b3c4d5e", "failure"),
    ("4c7a1e9b2d5f8a3c6e0b9d2f5a8c1e4b7d0a3f6c", "success"),
];

pub(super) fn deployments(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
    if repo.spec.7 == 0 || repo.org != "acme" {
        return Vec::new();
    }
    let people = contributors(&repo.name);
    let n = if repo.name == "api-gateway" { 40 } else { 8 };
    let mut out = Vec::new();
    let mut prod = 0usize;
    for i in 0..n {
        let rng = &mut *ctx.rng;
        let env = if i % 3 == 1 { "staging" } else { "production" };
        let at = NOW - (i as i64 * 2 + 1) * DAY - rng.random_range(0..DAY / 2);
        let (sha, state) = if env == "production" && repo.name == "api-gateway" && prod < GATEWAY_PROD.len() {
            prod += 1;
            (GATEWAY_PROD[prod - 1].0.to_string(), GATEWAY_PROD[prod - 1].1)
        } else {
            let st = if env == "production" && prod == 0 {
                "success"
            } else if rng.random_bool(0.1) {
                "failure"
            } else {
                "inactive"
            };
            if env == "production" {
                prod += 1;
            }
            (hex(rng, 40), st)
        };
        out.push(json!({"id": hex(rng, 32), "sha": sha, "ref": "main", "environment": env,
            "description": format!("Deploy {} to {env}", &sha[..7]), "creator": people[rng.random_range(0..people.len())],
            "state": state, "created_at": rfc3339(at)}));
    }
    out
}

pub(super) fn deploy_keys(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
    let n = 1 + repo.spec.8 % 3;
    (0..n)
        .map(|i| {
            let rng = &mut *ctx.rng;
            let never = i == 1;
            let title = ["ci-readonly", "argo-cd", "backup-mirror"][i % 3];
            let mut key = json!({"id": hex(rng, 32), "title": title,
                   "key": format!("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{}", hex(rng, 40)), "read_only": i != 1,
                   "added_by": "ana-lima", "created_at": rfc3339(NOW - rng.random_range(100..800) * DAY),
                   "last_used": rfc3339(NOW - rng.random_range(1..60) * DAY)});
            if never && let Some(m) = key.as_object_mut() {
                m.remove("last_used");
            }
            key
        })
        .collect()
}

pub(super) fn hooks(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
    let mut list: Vec<(String, Vec<&str>, bool)> = Vec::new();
    if repo.spec.7 > 0 {
        list.push((
            format!("https://ci.acme.example/hooks/{}", repo.name),
            vec!["push", "pull_request"],
            true,
        ));
    }
    if repo.org == "acme" && OLD_CI_HOOKS.contains(&repo.name.as_str()) {
        list.push((
            format!("https://old-ci.acme.example/webhook?repo={}", repo.name),
            vec!["push"],
            true,
        ));
    }
    if repo.is("acme-labs", "ml-experiments") {
        list.push((
            "https://old-ci.acme.example/webhook?repo=ml-experiments".into(),
            vec!["push"],
            true,
        ));
    }
    if matches!(repo.name.as_str(), "web-app" | "api-gateway" | "mobile-app") {
        list.push((
            "https://chat.acme.example/hooks/codehost".into(),
            vec!["pull_request", "issues", "release"],
            true,
        ));
    }
    if repo.acme("docs") {
        list.push(("https://docs-preview.acme.example/rebuild".into(), vec!["push"], false));
    }
    list.into_iter()
        .map(|(url, events, active)| {
            json!({"id": hex(ctx.rng, 32), "url": url, "content_type": "json", "events": events, "active": active,
                   "created_at": rfc3339(NOW - ctx.rng.random_range(60..900) * DAY)})
        })
        .collect()
}

pub(super) fn deliveries(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let url = ctx
        .parent
        .and_then(|p| p.get("url"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let failing = url.contains("old-ci");
    (0..12)
        .map(|i| {
            let rng = &mut *ctx.rng;
            let status = if failing {
                *[0, 502, 503].get(rng.random_range(0..3)).unwrap_or(&0)
            } else if rng.random_bool(0.95) {
                200
            } else {
                500
            };
            json!({"id": hex(rng, 32), "event": pick(rng, &["push", "pull_request", "issues"]), "status_code": status,
                   "duration": (rng.random_range(5..3_000) as f64) / 1000.0, "redelivery": false,
                   "delivered_at": rfc3339(NOW - i * 7_200 - rng.random_range(0..3_600))})
        })
        .collect()
}

pub(super) fn alerts(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
    let ecosystem = match repo.spec.2 {
        "Go" => "go",
        "TypeScript" | "JavaScript" => "npm",
        "Java" | "Kotlin" => "maven",
        "Python" => "pip",
        "PHP" | "Groovy" | "HCL" | "Markdown" => "npm",
        _ => "npm",
    };
    let packages: &[&str] = match ecosystem {
        "go" => &[
            "golang.org/x/net",
            "github.com/golang-jwt/jwt",
            "google.golang.org/grpc",
            "golang.org/x/crypto",
        ],
        "maven" => &[
            "com.fasterxml.jackson.core:jackson-databind",
            "org.springframework:spring-web",
            "io.netty:netty-codec-http",
        ],
        "pip" => &["requests", "urllib3", "jinja2", "pyyaml", "cryptography"],
        _ => &[
            "lodash",
            "axios",
            "semver",
            "express",
            "webpack-dev-server",
            "follow-redirects",
        ],
    };
    let manifest = match ecosystem {
        "go" => "go.mod",
        "maven" => "pom.xml",
        "pip" => "requirements.txt",
        _ => "package-lock.json",
    };
    let n = 4 + (repo.spec.6 / 25).min(22);
    (1..=n as u64)
        .map(|number| {
            let rng = &mut *ctx.rng;
            let severity = match rng.random_range(0..100) {
                0..=9 => "critical",
                10..=39 => "high",
                40..=79 => "medium",
                _ => "low",
            };
            let state = match rng.random_range(0..100) {
                0..=49 => "open",
                50..=79 => "fixed",
                80..=92 => "dismissed",
                _ => "auto_dismissed",
            };
            let mut a = json!({"number": number, "state": state, "severity": severity,
                "package": packages[rng.random_range(0..packages.len())], "ecosystem": ecosystem, "manifest_path": manifest,
                "advisory_id": format!("GHSA-{}-{}-{}", hex(rng, 4), hex(rng, 4), hex(rng, 4)),
                "created_at": rfc3339(NOW - rng.random_range(1..300) * DAY)});
            if state == "dismissed" {
                a["dismissed_reason"] = json!(pick(rng, &["tolerable_risk", "not_used", "inaccurate"]));
            }
            a
        })
        .collect()
}
