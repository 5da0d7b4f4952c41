//! Branches (with protection), commits and tags of the `codehost` repositories.

use super::*;

pub(super) const WORDS: [&str; 40] = [
    "rate-limit",
    "retry",
    "cache",
    "metrics",
    "tracing",
    "auth",
    "oauth",
    "jwt",
    "cors",
    "timeouts",
    "pagination",
    "search",
    "checkout",
    "cart",
    "invoice",
    "refunds",
    "webhooks",
    "logging",
    "healthcheck",
    "grpc",
    "graphql",
    "config",
    "feature-flags",
    "i18n",
    "dark-mode",
    "a11y",
    "sso",
    "audit",
    "quota",
    "billing",
    "export",
    "import",
    "uploads",
    "thumbnails",
    "notifications",
    "sessions",
    "cookies",
    "proxy",
    "tls",
    "dns",
];

pub(super) fn branches(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
    let count = repo.spec.8;
    let people = contributors(&repo.name);
    let mut names: Vec<(String, i64, bool)> = vec![("main".to_string(), NOW - ctx.rng.random_range(600..30_000), true)];
    let push = |names: &mut Vec<(String, i64, bool)>, name: String, at: i64, protected: bool| {
        if !names.iter().any(|n| n.0 == name) {
            names.push((name, at, protected));
        }
    };
    if repo.acme("web-app") {
        for (i, b) in STALE_WEBAPP.iter().enumerate() {
            push(&mut names, b.to_string(), NOW - (190 + i as i64 * 23) * DAY, false);
        }
        for (i, b) in STALE_PROTECTED_WEBAPP.iter().enumerate() {
            push(&mut names, b.to_string(), NOW - (250 + i as i64 * 60) * DAY, true);
        }
        push(&mut names, "feature/pwa-install-prompt".into(), NOW - 179 * DAY, false);
        push(&mut names, "release/2026.11".into(), NOW - 9 * DAY, true);
        for b in &MERGED_WEBAPP[..4] {
            push(
                &mut names,
                b.to_string(),
                NOW - ctx.rng.random_range(5..60) * DAY,
                false,
            );
        }
    }
    if repo.acme("api-gateway") {
        for (i, b) in [
            "hotfix/jwt-clock-skew",
            "hotfix/cors-preflight",
            "hotfix/rate-limit-burst",
            "hotfix/tls-1.3-handshake",
            "hotfix/upstream-timeout",
            "hotfix/header-size",
            "hotfix/memory-leak-pool",
        ]
        .iter()
        .enumerate()
        {
            push(&mut names, b.to_string(), NOW - (3 + i as i64 * 17) * DAY, false);
        }
        push(&mut names, "fix/hotfix-runbook-typo".into(), NOW - 40 * DAY, false);
        push(&mut names, "docs/hotfix-process".into(), NOW - 70 * DAY, false);
        for r in ["release/2026.09", "release/2026.10", "release/2026.11"] {
            push(&mut names, r.to_string(), NOW - ctx.rng.random_range(5..80) * DAY, true);
        }
    }
    let prefixes = ["feature", "fix", "chore", "deps", "refactor", "test", "perf", "spike"];
    let mut n = 0usize;
    while names.len() < count {
        let rng = &mut *ctx.rng;
        let p = prefixes[rng.random_range(0..prefixes.len())];
        let w = WORDS[rng.random_range(0..WORDS.len())];
        let name = if n.is_multiple_of(3) {
            format!("{p}/{w}")
        } else {
            format!("{p}/{w}-{}", rng.random_range(2..400))
        };
        n += 1;
        let at = if repo.acme("web-app") {
            NOW - rng.random_range(1..170) * DAY - rng.random_range(0..DAY)
        } else {
            NOW - rng.random_range(1..400) * DAY - rng.random_range(0..DAY)
        };
        if name.starts_with("hotfix") {
            continue;
        }
        push(&mut names, name, at, false);
    }
    names.sort_by(|a, b| a.0.cmp(&b.0));
    names
        .into_iter()
        .map(|(name, at, protected)| {
            let rng = &mut *ctx.rng;
            let author = people[rng.random_range(0..people.len())];
            json!({"name": name, "sha": hex(rng, 40), "protected": protected, "last_commit_at": rfc3339(at),
                   "last_commit_author": author})
        })
        .collect()
}

pub(super) fn protection(ctx: &mut Ctx<'_>) -> Value {
    let protected = ctx
        .parent
        .and_then(|p| p.get("protected"))
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let name = ctx
        .parent
        .and_then(|p| p.get("name"))
        .and_then(Value::as_str)
        .unwrap_or("");
    if !protected {
        return json!({"required_approving_review_count": 0, "dismiss_stale_reviews": false,
                      "require_code_owner_reviews": false, "required_status_checks": [], "enforce_admins": false,
                      "allow_force_pushes": true});
    }
    let approvals = if name == "main" {
        1 + ctx.rng.random_range(0..2)
    } else {
        1
    };
    json!({"required_approving_review_count": approvals, "dismiss_stale_reviews": name == "main",
           "require_code_owner_reviews": ctx.rng.random_bool(0.5), "required_status_checks": ["CI / test", "CI / build"],
           "enforce_admins": false, "allow_force_pushes": false})
}

pub(super) const VERBS: [&str; 12] = [
    "Add", "Fix", "Refactor", "Remove", "Update", "Improve", "Handle", "Document", "Bump", "Simplify", "Test",
    "Speed up",
];

pub(super) fn commits(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
    let count = repo.spec.6;
    let people = contributors(&repo.name);
    let span = if repo.acme("docs") { 720 } else { 400 };
    let mut out: Vec<(i64, Value)> = Vec::with_capacity(count);
    for _ in 0..count {
        let rng = &mut *ctx.rng;
        let at = NOW - rng.random_range(600..span * DAY);
        let branch = if rng.random_bool(0.72) {
            "main".to_string()
        } else {
            format!(
                "{}/{}",
                pick(rng, &["feature", "fix", "chore"]),
                WORDS[rng.random_range(0..WORDS.len())]
            )
        };
        let author = if rng.random_bool(0.04) {
            "renovate-bot"
        } else {
            people[rng.random_range(0..people.len())]
        };
        let message = if author == "renovate-bot" {
            format!(
                "Bump {} from 1.{}.0 to 1.{}.0",
                WORDS[rng.random_range(0..WORDS.len())],
                rng.random_range(1..9),
                rng.random_range(10..20)
            )
        } else {
            format!(
                "{} {} {}",
                VERBS[rng.random_range(0..VERBS.len())],
                WORDS[rng.random_range(0..WORDS.len())],
                pick(
                    rng,
                    &[
                        "handling",
                        "support",
                        "tests",
                        "config",
                        "edge cases",
                        "docs",
                        "for large payloads"
                    ]
                )
            )
        };
        out.push((
            at,
            json!({"sha": hex(rng, 40), "branch": branch, "author": author, "message": message,
            "committed_at": rfc3339(at), "additions": rng.random_range(1..400), "deletions": rng.random_range(0..200),
            "verified": rng.random_bool(0.8)}),
        ));
    }
    out.sort_by_key(|e| std::cmp::Reverse(e.0));
    out.into_iter().map(|(_, v)| v).collect()
}

pub(super) fn tags(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
    let n = if repo.spec.7 > 0 { 6 + repo.spec.7 % 7 } else { 2 };
    (0..n)
        .rev()
        .map(|i| json!({"name": format!("v{}.{}.0", 1 + i / 4, i % 4), "sha": hex(ctx.rng, 40)}))
        .collect()
}
