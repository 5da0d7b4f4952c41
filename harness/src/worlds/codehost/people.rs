//! People and organizations of the `codehost` world: members, users, teams, org webhooks, secrets and runners, repositories and collaborators.

use super::*;

pub(super) fn org_members(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let org = ctx
        .parent
        .and_then(|p| p.get("name"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let logins: Vec<String> = if org == "acme" {
        acme_members()
    } else {
        ["ana-lima", "omar-aziz", "nora-quist", "pete-ives", "dara-okafor"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    };
    let n = logins.len() as i64;
    logins
        .iter()
        .enumerate()
        .map(|(i, login)| {
            let admin = matches!(login.as_str(), "ana-lima" | "bo-jensen" | "chen-wei") || (org != "acme" && i == 1);
            let no_2fa = NO_2FA.contains(&login.as_str()) && org == "acme"
                || matches!(login.as_str(), "nora-quist" | "pete-ives");
            let joined = NOW - (n - i as i64) * 15 * DAY - ctx.rng.random_range(0..DAY);
            json!({"login": login, "name": title_case(login), "role": if admin { "admin" } else { "member" },
                   "two_factor_enabled": !no_2fa, "joined_at": rfc3339(joined)})
        })
        .collect()
}

pub(super) fn users(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let mut out = Vec::new();
    let mut people: Vec<String> = acme_members();
    for extra in [
        "nora-quist",
        "pete-ives",
        "uma-rao",
        "freelance-mk",
        "ext-jd-contractor",
    ] {
        people.push(extra.to_string());
    }
    for login in people {
        let created = NOW - ctx.rng.random_range(200..3_000) * DAY;
        out.push(json!({"login": login, "name": title_case(&login), "email": format!("{}@{}", login.replace('-', "."),
            if login.starts_with("ext-") || login.starts_with("freelance") { "contractors.example" } else { "acme.example" }),
            "type": "User", "site_admin": false, "created_at": rfc3339(created)}));
    }
    for bot in ["renovate-bot", "ci-bot"] {
        out.push(
            json!({"login": bot, "name": title_case(bot), "type": "Bot", "site_admin": false,
                        "created_at": rfc3339(NOW - 900 * DAY)}),
        );
    }
    out
}

pub(super) fn org_hooks(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let org = ctx
        .parent
        .and_then(|p| p.get("name"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let hooks: &[(&str, &[&str])] = if org == "acme" {
        &[
            ("https://audit.acme.example/codehost", &["*"]),
            ("https://chat.acme.example/hooks/codehost", &["repository", "member"]),
        ]
    } else {
        &[("https://chat.acme.example/hooks/labs", &["push"])]
    };
    hooks
        .iter()
        .map(|(url, events)| {
            json!({"id": hex(ctx.rng, 32), "url": url, "content_type": "json", "events": events, "active": true,
                   "created_at": rfc3339(NOW - ctx.rng.random_range(100..900) * DAY)})
        })
        .collect()
}

pub(super) fn org_secrets(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let org = ctx
        .parent
        .and_then(|p| p.get("name"))
        .and_then(Value::as_str)
        .unwrap_or("");
    if org != "acme" {
        return vec![
            json!({"name": "HF_TOKEN", "visibility": "all", "created_at": rfc3339(NOW - 300 * DAY),
                           "updated_at": rfc3339(NOW - 120 * DAY)}),
        ];
    }
    [
        ("NPM_TOKEN", "all", NOW - 49 * DAY + 3 * 3_600),
        ("DOCKERHUB_TOKEN", "private", NOW - 80 * DAY),
        ("SLACK_WEBHOOK_URL", "all", NOW - 400 * DAY),
        ("SONAR_TOKEN", "selected", NOW - 33 * DAY),
    ]
    .iter()
    .map(|(name, vis, updated)| {
        json!({"name": name, "visibility": vis, "created_at": rfc3339(updated - ctx.rng.random_range(30..600) * DAY),
               "updated_at": rfc3339(*updated)})
    })
    .collect()
}

pub(super) fn runners(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let org = ctx
        .parent
        .and_then(|p| p.get("name"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let list: &[(&str, &str, &str, bool, &[&str])] = if org == "acme" {
        &[
            (
                "build-linux-01",
                "linux",
                "online",
                true,
                &["self-hosted", "linux", "x64"],
            ),
            (
                "build-linux-02",
                "linux",
                "online",
                false,
                &["self-hosted", "linux", "x64"],
            ),
            (
                "build-linux-03",
                "linux",
                "offline",
                false,
                &["self-hosted", "linux", "x64"],
            ),
            (
                "gpu-runner-01",
                "linux",
                "online",
                false,
                &["self-hosted", "linux", "gpu"],
            ),
            (
                "mac-mini-01",
                "macos",
                "online",
                true,
                &["self-hosted", "macos", "arm64"],
            ),
            ("win-build-01", "windows", "offline", false, &["self-hosted", "windows"]),
        ]
    } else {
        &[("labs-gpu", "linux", "online", false, &["self-hosted", "gpu"])]
    };
    list.iter()
        .map(|(name, os, status, busy, labels)| {
            json!({"id": hex(ctx.rng, 32), "name": name, "os": os, "status": status, "busy": busy, "labels": labels})
        })
        .collect()
}

pub(super) fn teams(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let org = ctx
        .parent
        .and_then(|p| p.get("name"))
        .and_then(Value::as_str)
        .unwrap_or("");
    if org != "acme" {
        return vec![
            json!({"slug": "research", "name": "Research", "description": "Model and product experiments",
                           "privacy": "closed", "created_at": rfc3339(NOW - 600 * DAY)}),
        ];
    }
    TEAMS
        .iter()
        .map(|(slug, name, description, _, _)| {
            let mut t = json!({"slug": slug, "name": name, "description": description, "privacy": "closed",
                               "created_at": rfc3339(NOW - ctx.rng.random_range(300..2_000) * DAY)});
            if *slug == "sre" || *slug == "security" {
                t["parent_slug"] = json!("platform");
            }
            t
        })
        .collect()
}

pub(super) fn team_members(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let slug = ctx
        .parent
        .and_then(|p| p.get("slug"))
        .and_then(Value::as_str)
        .unwrap_or("");
    if slug == "research" {
        return ["omar-aziz", "dara-okafor", "nora-quist"]
            .iter()
            .enumerate()
            .map(|(i, l)| json!({"login": l, "role": if i == 0 { "maintainer" } else { "member" }}))
            .collect();
    }
    let Some((_, _, _, maint, members)) = TEAMS.iter().find(|t| t.0 == slug) else {
        return Vec::new();
    };
    maint
        .iter()
        .map(|l| json!({"login": l, "role": "maintainer"}))
        .chain(members.iter().map(|l| json!({"login": l, "role": "member"})))
        .collect()
}

pub(super) fn team_repos(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let slug = ctx
        .parent
        .and_then(|p| p.get("slug"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let list: &[(&str, &str)] = match slug {
        "platform" => &[
            ("api-gateway", "maintain"),
            ("infra", "admin"),
            ("jenkins-config", "admin"),
            ("docs", "push"),
        ],
        "sre" => &[("infra", "maintain"), ("api-gateway", "push")],
        "security" => &[
            ("auth-service", "admin"),
            ("api-gateway", "triage"),
            ("payments-service", "triage"),
        ],
        "payments" => &[("payments-service", "maintain")],
        "frontend" => &[
            ("web-app", "maintain"),
            ("design-system", "maintain"),
            ("old-admin-portal", "push"),
        ],
        "mobile" => &[("mobile-app", "maintain")],
        "backend" => &[
            ("api-gateway", "push"),
            ("auth-service", "push"),
            ("search-service", "maintain"),
            ("legacy-monolith", "push"),
        ],
        "data" => &[("data-pipeline", "maintain")],
        "research" => &[
            ("ml-experiments", "admin"),
            ("playground", "admin"),
            ("api-gateway", "admin"),
        ],
        _ => &[],
    };
    list.iter()
        .map(|(name, perm)| json!({"name": name, "permission": perm}))
        .collect()
}

pub(super) fn repos(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let org = ctx
        .parent
        .and_then(|p| p.get("name"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    REPOS
        .iter()
        .filter(|r| r.0 == org)
        .map(|(o, name, lang, description, topics, archived, _, runs, _, items, _)| {
            let rng = &mut *ctx.rng;
            let created = NOW - rng.random_range(500..2_000) * DAY;
            let pushed = if *archived || topics.contains(&"deprecated") {
                NOW - rng.random_range(200..700) * DAY
            } else {
                NOW - rng.random_range(600..40_000)
            };
            json!({"name": name, "full_name": format!("{o}/{name}"), "description": description,
                   "visibility": if *o == "acme" && (*name == "docs" || *name == "design-system") { "public" } else { "private" },
                   "default_branch": "main", "language": lang, "topics": topics, "archived": archived,
                   "has_issues": true, "open_issues_count": items / 6 + runs % 7,
                   "stargazers_count": rng.random_range(0..400), "created_at": rfc3339(created), "pushed_at": rfc3339(pushed)})
        })
        .collect()
}

pub(super) fn collaborators(repo: &RepoCtx) -> Vec<Value> {
    let mut out = vec![json!({"login": "ana-lima", "permission": "admin", "affiliation": "direct"})];
    let extra: &[(&str, &str, &str)] = match (repo.org.as_str(), repo.name.as_str()) {
        ("acme", "infra") => &[("dara-okafor", "admin", "direct"), ("liam-walsh", "push", "direct")],
        ("acme", "docs") => &[
            ("dara-okafor", "push", "direct"),
            ("ext-jd-contractor", "push", "outside"),
        ],
        ("acme", "web-app") => &[
            ("ext-jd-contractor", "triage", "outside"),
            ("grace-ho", "maintain", "direct"),
        ],
        ("acme", "design-system") => &[("freelance-mk", "push", "outside")],
        ("acme", "api-gateway") => &[("eli-cohen", "maintain", "direct")],
        ("acme-labs", _) => &[("dara-okafor", "admin", "direct"), ("omar-aziz", "admin", "direct")],
        _ => &[],
    };
    out.extend(
        extra
            .iter()
            .map(|(l, p, a)| json!({"login": l, "permission": p, "affiliation": a})),
    );
    out
}
