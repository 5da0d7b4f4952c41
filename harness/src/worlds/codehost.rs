//! The `codehost` world's realistic fixtures: two organizations (`acme`, `acme-labs`) with
//! members and teams, sixteen repositories with ~1,600 commits, ~2,500 CI workflow runs,
//! branches, pull requests and reviews, issues and comments, releases, deployments,
//! webhooks, secrets and dependency alerts.
//!
//! Facts tasks rely on are planted here as named constants (members without two-factor
//! authentication, stale branches, a rollback target, webhooks of a retired CI server...),
//! each with decoys (the `acme-labs` copy of `api-gateway`, protected stale branches, a
//! failed deployment between the current one and the rollback target) so that a careless
//! solution fails. Everything is drawn from the description's seed under the fixed clock
//! [`super::fixtures::NOW`].

use super::desc::{Description, Resource};
use super::fixtures::{Ctx, Instance, NOW, generate, hex, pick, rfc3339};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};

const DAY: i64 = 86_400;

/// Members of `acme` who have not turned on two-factor authentication.
pub const NO_2FA: [&str; 6] = [
    "gus-moreau",
    "jo-park",
    "quinn-murphy",
    "wen-li",
    "mia-costa",
    "paula-frost",
];

/// Unprotected `acme/web-app` branches whose last commit is older than 2026-05-20.
pub const STALE_WEBAPP: [&str; 14] = [
    "feature/legacy-cart",
    "feature/paypal-v1",
    "feature/holiday-banner-2025",
    "fix/ie11-polyfills",
    "chore/upgrade-webpack4",
    "feature/old-onboarding",
    "spike/graphql-client",
    "fix/safari-15-flexbox",
    "feature/ab-test-hero",
    "chore/remove-moment",
    "feature/gift-cards-v0",
    "fix/cookie-banner-z-index",
    "spike/service-worker",
    "feature/newsletter-popup",
];

/// Protected `acme/web-app` branches that are just as old (must survive a clean-up).
pub const STALE_PROTECTED_WEBAPP: [&str; 2] = ["release/2025.10", "release/2025.12"];

/// `acme/web-app` branches a clean-up request names: the first four exist, the last two were deleted already.
pub const MERGED_WEBAPP: [&str; 6] = [
    "feature/csv-export",
    "feature/onboarding-tour",
    "fix/login-redirect",
    "chore/bump-eslint",
    "feature/old-checkout",
    "fix/safari-scroll",
];

/// `acme` repositories with a webhook to the retired CI server `old-ci.acme.example`.
pub const OLD_CI_HOOKS: [&str; 5] = ["api-gateway", "web-app", "payments-service", "infra", "docs"];

/// `acme` repositories whose latest CI run on `main` failed.
pub const RED_MAIN: [&str; 3] = ["web-app", "auth-service", "search-service"];

/// One repository: (org, name, language, description, topics, archived, commits, runs, branches, issues + pull requests, share of pull requests).
type RepoSpec = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    bool,
    usize,
    usize,
    usize,
    usize,
    f64,
);

const REPOS: [RepoSpec; 16] = [
    (
        "acme",
        "api-gateway",
        "Go",
        "Edge API gateway: routing, auth and rate limits",
        &["backend", "gateway"],
        false,
        600,
        1100,
        260,
        560,
        0.72,
    ),
    (
        "acme",
        "web-app",
        "TypeScript",
        "The customer-facing web application",
        &["frontend"],
        false,
        300,
        500,
        80,
        500,
        0.3,
    ),
    (
        "acme",
        "payments-service",
        "Java",
        "Payments, refunds and payouts",
        &["backend", "payments"],
        false,
        200,
        350,
        25,
        220,
        0.6,
    ),
    (
        "acme",
        "mobile-app",
        "Kotlin",
        "Android and iOS apps",
        &["mobile"],
        false,
        80,
        150,
        15,
        160,
        0.25,
    ),
    (
        "acme",
        "infra",
        "HCL",
        "Terraform for every environment",
        &["infra"],
        false,
        60,
        120,
        10,
        70,
        0.5,
    ),
    (
        "acme",
        "docs",
        "Markdown",
        "Public documentation site",
        &["docs"],
        false,
        150,
        40,
        6,
        40,
        0.5,
    ),
    (
        "acme",
        "auth-service",
        "Go",
        "Login, sessions and tokens",
        &["backend", "security"],
        false,
        50,
        90,
        8,
        60,
        0.5,
    ),
    (
        "acme",
        "search-service",
        "Python",
        "Product search and ranking",
        &["backend"],
        false,
        40,
        70,
        8,
        50,
        0.5,
    ),
    (
        "acme",
        "design-system",
        "TypeScript",
        "Shared UI components",
        &["frontend"],
        false,
        40,
        40,
        6,
        40,
        0.5,
    ),
    (
        "acme",
        "data-pipeline",
        "Python",
        "Nightly ETL into the warehouse",
        &["data"],
        false,
        30,
        60,
        6,
        30,
        0.5,
    ),
    (
        "acme",
        "legacy-monolith",
        "PHP",
        "The old shop, replaced by web-app",
        &["deprecated"],
        false,
        10,
        0,
        3,
        20,
        0.3,
    ),
    (
        "acme",
        "old-admin-portal",
        "JavaScript",
        "Back office before 2024",
        &["deprecated", "frontend"],
        false,
        8,
        0,
        2,
        10,
        0.3,
    ),
    (
        "acme",
        "jenkins-config",
        "Groovy",
        "Jenkins jobs (retired)",
        &["deprecated", "infra"],
        true,
        5,
        0,
        2,
        5,
        0.3,
    ),
    (
        "acme-labs",
        "ml-experiments",
        "Python",
        "Model experiments",
        &["research"],
        false,
        15,
        20,
        3,
        10,
        0.5,
    ),
    (
        "acme-labs",
        "playground",
        "JavaScript",
        "Try things out",
        &["deprecated"],
        false,
        5,
        0,
        2,
        5,
        0.5,
    ),
    (
        "acme-labs",
        "api-gateway",
        "Go",
        "Experimental fork of acme/api-gateway",
        &["backend", "gateway"],
        false,
        20,
        20,
        4,
        60,
        0.7,
    ),
];

const NAMED: [&str; 40] = [
    "ana-lima",
    "bo-jensen",
    "chen-wei",
    "dara-okafor",
    "eli-cohen",
    "farah-haddad",
    "gus-moreau",
    "hana-sato",
    "ivan-petrov",
    "jo-park",
    "kim-nguyen",
    "lea-novak",
    "marco-rossi",
    "nina-berg",
    "omar-aziz",
    "priya-shah",
    "quinn-murphy",
    "rosa-diaz",
    "sam-taylor",
    "tariq-khan",
    "victor-lang",
    "wen-li",
    "xavier-dupont",
    "yusuf-demir",
    "zoe-martin",
    "alex-kim",
    "ben-okoro",
    "carla-mendes",
    "dev-patel",
    "emma-fischer",
    "finn-olsen",
    "grace-ho",
    "hugo-silva",
    "iris-wang",
    "jonas-meyer",
    "kai-tanaka",
    "liam-walsh",
    "mia-costa",
    "noah-weber",
    "olga-ivanova",
];
const FILLER_FIRST: [&str; 18] = [
    "adam", "bella", "cody", "diana", "erik", "fiona", "george", "helen", "ian", "julia", "kevin", "laura", "mike",
    "nadia", "oscar", "paula", "rick", "sara",
];
const FILLER_LAST: [&str; 5] = ["brown", "cruz", "evans", "frost", "gray"];

/// Teams of `acme`: (slug, name, description, maintainers, members).
/// A team: (slug, name, description, maintainers, members).
type Team = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

const TEAMS: [Team; 8] = [
    (
        "platform",
        "Platform",
        "Shared infrastructure and the API gateway",
        &["ana-lima", "bo-jensen"],
        &["dara-okafor", "eli-cohen", "ivan-petrov", "kai-tanaka"],
    ),
    (
        "sre",
        "SRE",
        "Reliability, on-call and incident response",
        &["ivan-petrov"],
        &["dara-okafor", "liam-walsh", "finn-olsen"],
    ),
    (
        "security",
        "Security",
        "Application and infrastructure security",
        &["chen-wei"],
        &["dara-okafor", "zoe-martin"],
    ),
    (
        "payments",
        "Payments",
        "Payments, refunds and payouts",
        &["priya-shah", "tariq-khan", "marco-rossi"],
        &["nina-berg", "rosa-diaz", "sam-taylor"],
    ),
    (
        "frontend",
        "Frontend",
        "Web app and design system",
        &["hana-sato"],
        &["jo-park", "grace-ho", "iris-wang", "emma-fischer"],
    ),
    (
        "mobile",
        "Mobile",
        "Android and iOS apps",
        &["kim-nguyen"],
        &["lea-novak", "alex-kim"],
    ),
    (
        "backend",
        "Backend",
        "Services behind the gateway",
        &["chen-wei"],
        &["eli-cohen", "farah-haddad", "ben-okoro", "carla-mendes", "dev-patel"],
    ),
    (
        "data",
        "Data",
        "Pipelines and the warehouse",
        &["wen-li"],
        &["hugo-silva", "jonas-meyer", "noah-weber"],
    ),
];

/// The `acme` members of a repository's teams write its code.
fn contributors(repo: &str) -> Vec<&'static str> {
    let teams: &[&str] = match repo {
        "api-gateway" => &["platform", "backend"],
        "web-app" | "design-system" | "old-admin-portal" => &["frontend"],
        "payments-service" => &["payments"],
        "mobile-app" => &["mobile"],
        "infra" | "jenkins-config" => &["platform", "sre"],
        "auth-service" => &["security", "backend"],
        "search-service" | "legacy-monolith" => &["backend"],
        "data-pipeline" | "ml-experiments" => &["data"],
        _ => &["platform", "frontend"],
    };
    let mut out: Vec<&str> = Vec::new();
    for (slug, _, _, maint, members) in TEAMS {
        if teams.contains(&slug) {
            for m in maint.iter().chain(members.iter()) {
                if !out.contains(m) {
                    out.push(m);
                }
            }
        }
    }
    out
}

fn title_case(login: &str) -> String {
    login
        .split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Logins of `acme` members in the order they joined.
fn acme_members() -> Vec<String> {
    let mut out: Vec<String> = NAMED.iter().map(|s| s.to_string()).collect();
    for f in FILLER_FIRST {
        for l in FILLER_LAST {
            out.push(format!("{f}-{l}"));
        }
    }
    out
}

/// The codehost world's fixtures from its description.
pub fn fixtures(desc: &Description, seed: u64) -> Value {
    generate(desc, seed, &custom)
}

fn custom(r: &Resource, ctx: &mut Ctx<'_>) -> Option<Vec<Value>> {
    let repo = RepoCtx::of(ctx);
    match r.id.as_str() {
        "user" => Some(vec![
            json!({"login": "ana-lima", "name": "Ana Lima", "email": "ana.lima@acme.example",
            "company": "Acme Corp", "location": "Lisbon", "two_factor_enabled": true}),
        ]),
        "orgs" => Some(vec![
            json!({"name": "acme", "display_name": "Acme Corp", "description": "Acme builds the shop, the apps and the payments behind them",
                   "billing_email": "billing@acme.example", "two_factor_requirement_enabled": false,
                   "default_repository_permission": "read", "created_at": rfc3339(NOW - 2_200 * DAY)}),
            json!({"name": "acme-labs", "display_name": "Acme Labs", "description": "Experiments and prototypes",
                   "billing_email": "labs@acme.example", "two_factor_requirement_enabled": false,
                   "default_repository_permission": "write", "created_at": rfc3339(NOW - 700 * DAY)}),
        ]),
        "org-members" => Some(org_members(ctx)),
        "org-hooks" => Some(org_hooks(ctx)),
        "org-secrets" => Some(org_secrets(ctx)),
        "runners" => Some(runners(ctx)),
        "teams" => Some(teams(ctx)),
        "team-members" => Some(team_members(ctx)),
        "team-repos" => Some(team_repos(ctx)),
        "repos" => Some(repos(ctx)),
        "users" => Some(users(ctx)),
        "branch-protection" => Some(vec![protection(ctx)]),
        "hook-deliveries" => Some(deliveries(ctx)),
        _ => {
            let repo = repo?;
            match r.id.as_str() {
                "collaborators" => Some(collaborators(&repo)),
                "branches" => Some(branches(ctx, &repo)),
                "commits" => Some(commits(ctx, &repo)),
                "tags" => Some(tags(ctx, &repo)),
                "pulls" => Some(issues_and_pulls(ctx, &repo, true)),
                "issues" => Some(issues_and_pulls(ctx, &repo, false)),
                "requested-reviewers" => Some(requested_reviewers(ctx, &repo)),
                "reviews" => Some(reviews(ctx, &repo)),
                "review-comments" => Some(review_comments(ctx, &repo)),
                "issue-comments" => Some(issue_comments(ctx, &repo)),
                "labels" => Some(labels(&repo)),
                "milestones" => Some(milestones(&repo)),
                "workflows" => Some(workflows(ctx, &repo)),
                "workflow-runs" => Some(runs(ctx, &repo)),
                "workflow-jobs" => Some(jobs(ctx, &repo)),
                "artifacts" => Some(artifacts(ctx, &repo)),
                "repo-secrets" => Some(repo_secrets(&repo)),
                "repo-variables" => Some(repo_variables(&repo)),
                "releases" => Some(releases(ctx, &repo)),
                "release-assets" => Some(release_assets(ctx, &repo)),
                "environments" => Some(environments(&repo)),
                "deployments" => Some(deployments(ctx, &repo)),
                "deploy-keys" => Some(deploy_keys(ctx, &repo)),
                "hooks" => Some(hooks(ctx, &repo)),
                "dependabot-alerts" => Some(alerts(ctx, &repo)),
                _ => None,
            }
        }
    }
}

/// Which repository the current parent belongs to, and the parent item's own number if any.
#[derive(Debug, Clone)]
struct RepoCtx {
    org: String,
    name: String,
    spec: RepoSpec,
    /// Number of the pull request or issue that is the parent, if it is one.
    number: Option<u64>,
}

impl RepoCtx {
    fn of(ctx: &Ctx<'_>) -> Option<Self> {
        let parent = ctx.parent?;
        let (org, name, number) = if let Some(full) = parent.get("full_name").and_then(Value::as_str) {
            let (o, n) = full.split_once('/')?;
            (o.to_string(), n.to_string(), None)
        } else if let Some(url) = parent.get("html_url").and_then(Value::as_str) {
            // https://codehost.example/<org>/<repo>/<kind>/<number or tag>
            let mut parts = url.trim_start_matches("https://codehost.example/").split('/');
            let org = parts.next()?.to_string();
            let name = parts.next()?.to_string();
            let _kind = parts.next();
            let number = parts.next().and_then(|n| n.parse().ok());
            (org, name, number)
        } else {
            return None;
        };
        let spec = *REPOS.iter().find(|r| r.0 == org && r.1 == name)?;
        Some(Self {
            org,
            name,
            spec,
            number,
        })
    }

    fn prefix(&self) -> String {
        format!("/orgs/{}/repos/{}", self.org, self.name)
    }

    fn is(&self, org: &str, name: &str) -> bool {
        self.org == org && self.name == name
    }

    fn acme(&self, name: &str) -> bool {
        self.is("acme", name)
    }
}

fn instances_under<'a>(ctx: &'a Ctx<'_>, param: &str, prefix: &str) -> Vec<&'a Instance> {
    ctx.instances
        .get(param)
        .map(|l| l.iter().filter(|i| i.path.starts_with(prefix)).collect())
        .unwrap_or_default()
}

fn minutes(rng: &mut ChaCha8Rng, lo: i64, hi: i64) -> i64 {
    rng.random_range(lo..=hi) * 60
}

// ---------------------------------------------------------------- people and organizations

fn org_members(ctx: &mut Ctx<'_>) -> Vec<Value> {
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

fn users(ctx: &mut Ctx<'_>) -> Vec<Value> {
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

fn org_hooks(ctx: &mut Ctx<'_>) -> Vec<Value> {
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

fn org_secrets(ctx: &mut Ctx<'_>) -> Vec<Value> {
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

fn runners(ctx: &mut Ctx<'_>) -> Vec<Value> {
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

fn teams(ctx: &mut Ctx<'_>) -> Vec<Value> {
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

fn team_members(ctx: &mut Ctx<'_>) -> Vec<Value> {
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

fn team_repos(ctx: &mut Ctx<'_>) -> Vec<Value> {
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

fn repos(ctx: &mut Ctx<'_>) -> Vec<Value> {
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

fn collaborators(repo: &RepoCtx) -> Vec<Value> {
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

// ---------------------------------------------------------------- branches, commits, tags

const WORDS: [&str; 40] = [
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

fn branches(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
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

fn protection(ctx: &mut Ctx<'_>) -> Value {
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

const VERBS: [&str; 12] = [
    "Add", "Fix", "Refactor", "Remove", "Update", "Improve", "Handle", "Document", "Bump", "Simplify", "Test",
    "Speed up",
];

fn commits(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
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

fn tags(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
    let n = if repo.spec.7 > 0 { 6 + repo.spec.7 % 7 } else { 2 };
    (0..n)
        .rev()
        .map(|i| json!({"name": format!("v{}.{}.0", 1 + i / 4, i % 4), "sha": hex(ctx.rng, 40)}))
        .collect()
}

// ---------------------------------------------------------------- pull requests and issues

const ISSUE_TITLES: [&str; 20] = [
    "Timeouts when {} is enabled",
    "Document {} behaviour",
    "{} breaks on large inputs",
    "Flaky test in {}",
    "Support {} in the admin UI",
    "Error message for {} is unclear",
    "Memory grows with {}",
    "{} returns 500 for empty body",
    "Add metrics for {}",
    "Slow {} under load",
    "Deprecate old {} endpoint",
    "{} ignores configuration",
    "Race condition in {}",
    "Make {} configurable",
    "Broken link in {} guide",
    "Validate input of {}",
    "{} fails after upgrade",
    "Add retries to {}",
    "Translate {} strings",
    "Clean up {} code",
];

/// Planted issues and pull requests: (org, repo, number, is pull request, fields).
fn planted(repo: &RepoCtx, number: u64) -> Option<(bool, Value)> {
    let v = match (repo.org.as_str(), repo.name.as_str(), number) {
        ("acme", "api-gateway", 42) => (
            true,
            json!({"title": "Send RateLimit headers on 429 responses", "user": "eli-cohen",
            "head": "feature/rate-limit-headers", "state": "closed", "merged": true, "draft": false}),
        ),
        ("acme-labs", "api-gateway", 42) => (
            true,
            json!({"title": "Try a Rust rewrite of the router", "user": "omar-aziz",
            "head": "spike/rust-router", "state": "open", "merged": false, "draft": true}),
        ),
        ("acme", "web-app", 342) => (
            false,
            json!({"title": "Dark mode", "user": "iris-wang", "state": "open",
            "labels": ["enhancement", "frontend"], "comments": 240}),
        ),
        ("acme", "web-app", 455) => (
            false,
            json!({"title": "Login button does nothing on Safari", "user": "jo-park",
            "state": "open", "labels": ["bug"], "assignees": ["grace-ho"]}),
        ),
        ("acme", "web-app", 470) => (
            false,
            json!({"title": "Login button unresponsive on Safari 18", "user": "emma-fischer",
            "state": "open", "labels": ["bug", "needs-triage"], "assignees": []}),
        ),
        ("acme", "payments-service", 205) => (
            true,
            json!({"title": "Add idempotency keys to the refund endpoint",
            "user": "priya-shah", "head": "feature/refund-idempotency", "state": "open", "merged": false, "draft": false}),
        ),
        _ => return None,
    };
    Some(v)
}

const CRASH_TITLES: [(&str, bool); 12] = [
    ("App crashes when rotating the checkout screen", true),
    ("Crash on startup on Android 15", true),
    ("Crashes after enabling biometric login", true),
    ("iOS: crash when opening a push notification", true),
    ("Crash in image picker with HEIC files", true),
    ("App crashes offline when the cart is empty", true),
    ("Random crash on the order history tab", true),
    ("Crash when switching accounts quickly", true),
    ("Tablet layout crash in landscape", true),
    ("Crash on logout (fixed in 4.2)", false),
    ("Startup crash on Android 9", false),
    ("Crash when sharing a product link", false),
];

/// `acme/mobile-app` issue numbers of the crash reports (open ones first).
pub const MOBILE_CRASH_NUMBERS: [u64; 12] = [118, 121, 124, 127, 131, 134, 138, 142, 147, 60, 75, 90];

/// Titles of the closed issues of the `v2.5` milestone of `acme/web-app`, by number.
pub const V25_ISSUES: [(u64, &str); 6] = [
    (402, "Checkout total ignores gift card balance"),
    (409, "Add CSV export to order history"),
    (415, "Keyboard navigation in the product carousel"),
    (421, "Show delivery estimates on the cart page"),
    (433, "Password reset email links expire too early"),
    (440, "Lazy-load product images below the fold"),
];

/// Open `acme/web-app` issues assigned to hana-sato (some with a co-assignee).
pub const HANA_OPEN: [u64; 7] = [351, 362, 377, 388, 396, 446, 461];

/// `acme/infra` issues a clean-up names: open ones, one already closed, and one that does not exist.
pub const INFRA_CLOSE: [u64; 5] = [12, 18, 19, 23, 99];

fn issues_and_pulls(_ctx: &mut Ctx<'_>, repo: &RepoCtx, want_pulls: bool) -> Vec<Value> {
    let total = repo.spec.9 as u64;
    let share = repo.spec.10;
    let people = contributors(&repo.name);
    let created0 = NOW - 700 * DAY;
    // Both kinds share one numbering and one random stream per repository.
    let mut own: ChaCha8Rng = rand::SeedableRng::seed_from_u64(
        repo.name
            .bytes()
            .chain(repo.org.bytes())
            .fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64)),
    );
    let rng: &mut ChaCha8Rng = &mut own;
    let mut out = Vec::new();
    for number in 1..=total {
        let at = created0 + (number as i64 * 700 * DAY) / (total as i64 + 1) + rng.random_range(0..DAY / 2);
        let age = NOW - at;
        let planted = planted(repo, number);
        let mut is_pull = rng.random_bool(share);
        let crash = repo
            .acme("mobile-app")
            .then(|| MOBILE_CRASH_NUMBERS.iter().position(|n| *n == number))
            .flatten();
        let v25 = repo
            .acme("web-app")
            .then(|| V25_ISSUES.iter().find(|(n, _)| *n == number))
            .flatten();
        let hana = repo.acme("web-app") && HANA_OPEN.contains(&number);
        let infra = repo.acme("infra") && INFRA_CLOSE.contains(&number);
        if let Some((p, _)) = &planted {
            is_pull = *p;
        }
        if crash.is_some() || v25.is_some() || hana || infra {
            is_pull = false;
        }
        let w = WORDS[rng.random_range(0..WORDS.len())];
        let title = ISSUE_TITLES[rng.random_range(0..ISSUE_TITLES.len())].replace("{}", w);
        let author = people[rng.random_range(0..people.len())];
        let open_p = if age < 30 * DAY {
            0.8
        } else if age < 120 * DAY {
            0.3
        } else {
            0.05
        };
        let open = rng.random_bool(open_p);
        let closed_at = at + rng.random_range(3_600..20 * DAY).min(age - 60);
        let updated = if open {
            at + rng.random_range(0..age.max(2))
        } else {
            closed_at
        };
        let mut labels: Vec<&str> = Vec::new();
        if rng.random_bool(0.5) {
            labels.push(pick(
                rng,
                &["bug", "enhancement", "documentation", "performance", "tech-debt"],
            ));
        }
        let url_kind = if is_pull { "pull" } else { "issues" };
        let mut item = if is_pull {
            let draft = open && rng.random_bool(0.2);
            let merged = !open && rng.random_bool(0.85);
            let mut p = json!({"number": number, "title": title, "body": format!("This changes {w}.\n\nTesting: unit tests and a manual check."),
                "state": if open { "open" } else { "closed" }, "draft": draft, "merged": merged,
                "head": format!("{}/{w}-{number}", pick(rng, &["feature", "fix", "chore"])), "base": "main", "user": author,
                "labels": labels, "additions": rng.random_range(1..900), "deletions": rng.random_range(0..400),
                "created_at": rfc3339(at), "updated_at": rfc3339(updated)});
            if !open {
                p["closed_at"] = json!(rfc3339(closed_at));
                if merged {
                    p["merged_at"] = json!(rfc3339(closed_at));
                }
            }
            p
        } else {
            let mut assignees: Vec<&str> = Vec::new();
            if rng.random_bool(0.6) {
                assignees.push(people[rng.random_range(0..people.len())]);
            }
            if repo.acme("web-app") {
                assignees.retain(|a| *a != "hana-sato");
            }
            let mut i = json!({"number": number, "title": title, "body": format!("Steps to reproduce and details about {w}."),
                "state": if open { "open" } else { "closed" }, "user": author, "assignees": assignees, "labels": labels,
                "comments": rng.random_range(0..6), "created_at": rfc3339(at), "updated_at": rfc3339(updated)});
            if !open {
                i["closed_at"] = json!(rfc3339(closed_at));
                i["state_reason"] = json!(if rng.random_bool(0.85) {
                    "completed"
                } else {
                    "not_planned"
                });
            }
            if repo.acme("web-app") && !open && rng.random_bool(0.2) {
                i["milestone"] = json!(1);
            }
            i
        };
        // Crash titles in mobile-app are only the planted ones.
        if repo.acme("mobile-app")
            && item["title"]
                .as_str()
                .is_some_and(|t| t.to_lowercase().contains("crash"))
        {
            item["title"] = json!(format!("Improve {w} screen"));
        }
        if let Some(k) = crash {
            let (t, open) = CRASH_TITLES[k];
            item["title"] = json!(t);
            item["state"] = json!(if open { "open" } else { "closed" });
            item["labels"] = json!(match k % 3 {
                0 => vec!["bug"],
                1 => vec!["bug", "android"],
                _ => vec![],
            });
            if open {
                if let Some(m) = item.as_object_mut() {
                    m.remove("closed_at");
                    m.remove("state_reason");
                }
            } else {
                item["closed_at"] = json!(rfc3339(at + 5 * DAY));
                item["state_reason"] = json!("completed");
            }
        }
        if let Some((_, t)) = v25 {
            item["title"] = json!(t);
            item["state"] = json!("closed");
            item["state_reason"] = json!("completed");
            item["milestone"] = json!(2);
            item["closed_at"] = json!(rfc3339(NOW - 12 * DAY + number as i64 * 600));
        } else if repo.acme("web-app")
            && item["milestone"] == json!(2)
            && let Some(m) = item.as_object_mut()
        {
            m.remove("milestone");
        }
        if repo.acme("web-app") && !is_pull && v25.is_none() && number > 440 && number.is_multiple_of(9) {
            item["milestone"] = json!(3);
        }
        if hana {
            item["state"] = json!("open");
            item["assignees"] = json!(if number.is_multiple_of(2) {
                vec!["hana-sato", "grace-ho"]
            } else {
                vec!["hana-sato"]
            });
            if let Some(m) = item.as_object_mut() {
                m.remove("closed_at");
                m.remove("state_reason");
            }
        } else if repo.acme("web-app") && !is_pull && !open && number.is_multiple_of(5) {
            item["assignees"] = json!(["hana-sato"]);
        }
        if infra {
            let open = number != 19;
            item["state"] = json!(if open { "open" } else { "closed" });
            item["title"] = json!(match number {
                12 => "Terraform state lock times out in CI",
                18 => "Rotate the staging database password",
                19 => "Upgrade the EKS node group AMI",
                _ => "Move DNS zones to the new provider",
            });
            if open && let Some(m) = item.as_object_mut() {
                m.remove("closed_at");
                m.remove("state_reason");
            }
        }
        if let Some((_, fields)) = planted
            && let (Some(m), Value::Object(f)) = (item.as_object_mut(), fields)
        {
            let open = f.get("state").and_then(Value::as_str) == Some("open");
            for (k, v) in f {
                m.insert(k, v);
            }
            if open {
                m.remove("closed_at");
                m.remove("merged_at");
                m.remove("state_reason");
            } else if m.get("merged") == Some(&json!(true)) {
                let c = m.get("closed_at").cloned().unwrap_or_else(|| json!(rfc3339(at + DAY)));
                m.insert("closed_at".into(), c.clone());
                m.insert("merged_at".into(), c);
            }
        }
        item["html_url"] = json!(format!(
            "https://codehost.example/{}/{}/{url_kind}/{number}",
            repo.org, repo.name
        ));
        if is_pull == want_pulls {
            out.push(item);
        }
    }
    out
}

fn requested_reviewers(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
    let Some(pr) = ctx.parent else { return Vec::new() };
    if pr.get("state").and_then(Value::as_str) != Some("open") {
        return Vec::new();
    }
    if repo.acme("payments-service") && repo.number == Some(205) {
        return vec![json!({"login": "nina-berg", "requested_at": rfc3339(NOW - 2 * DAY)})];
    }
    let author = pr.get("user").and_then(Value::as_str).unwrap_or("");
    let people: Vec<&str> = contributors(&repo.name).into_iter().filter(|p| *p != author).collect();
    let n = ctx.rng.random_range(0..3usize).min(people.len());
    let mut out: Vec<Value> = Vec::new();
    for _ in 0..n {
        let who = people[ctx.rng.random_range(0..people.len())];
        if !out.iter().any(|v| v["login"] == who) {
            out.push(json!({"login": who, "requested_at": rfc3339(NOW - ctx.rng.random_range(1..10) * DAY)}));
        }
    }
    out
}

fn reviews(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
    let Some(pr) = ctx.parent else { return Vec::new() };
    let author = pr.get("user").and_then(Value::as_str).unwrap_or("").to_string();
    let merged = pr.get("merged").and_then(Value::as_bool).unwrap_or(false);
    let created = pr
        .get("created_at")
        .and_then(Value::as_str)
        .map(parse_time)
        .unwrap_or(NOW - DAY);
    let end = pr
        .get("closed_at")
        .and_then(Value::as_str)
        .map(parse_time)
        .unwrap_or(NOW);
    let people: Vec<&str> = contributors(&repo.name).into_iter().filter(|p| *p != author).collect();
    if people.is_empty() {
        return Vec::new();
    }
    let n = if merged {
        ctx.rng.random_range(1..4)
    } else {
        ctx.rng.random_range(0..3)
    };
    let mut out = Vec::new();
    for i in 0..n {
        let rng = &mut *ctx.rng;
        let who = people[rng.random_range(0..people.len())];
        let state = if merged && i == n - 1 {
            "APPROVED"
        } else {
            pick(rng, &["APPROVED", "COMMENTED", "CHANGES_REQUESTED", "COMMENTED"])
        };
        let at = created + (end - created).max(2) * (i as i64 + 1) / (n as i64 + 1);
        out.push(json!({"id": hex(rng, 32), "user": who, "state": state,
            "body": match state { "APPROVED" => "LGTM", "CHANGES_REQUESTED" => "A few things to fix first.", _ => "Left some comments." },
            "submitted_at": rfc3339(at)}));
    }
    out
}

fn review_comments(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
    let Some(pr) = ctx.parent else { return Vec::new() };
    if pr.get("state").and_then(Value::as_str) != Some("open") {
        return Vec::new();
    }
    let people = contributors(&repo.name);
    (0..ctx.rng.random_range(0..3))
        .map(|_| {
            let rng = &mut *ctx.rng;
            json!({"id": hex(rng, 32), "user": people[rng.random_range(0..people.len())],
                   "path": format!("src/{}.{}", WORDS[rng.random_range(0..WORDS.len())], pick(rng, &["go", "ts", "java", "py"])),
                   "line": rng.random_range(1..300), "body": pick(rng, &["Nit: naming.", "Can we add a test for this?", "Why not reuse the helper?"]),
                   "created_at": rfc3339(NOW - rng.random_range(1..20) * DAY)})
        })
        .collect()
}

/// Commenters on `acme/web-app` issue #342 and how often they commented.
pub const DARK_MODE_COMMENTERS: [(&str, usize); 16] = [
    ("grace-ho", 31),
    ("iris-wang", 28),
    ("emma-fischer", 25),
    ("jo-park", 22),
    ("hana-sato", 15),
    ("ana-lima", 14),
    ("bella-cruz", 13),
    ("cody-evans", 13),
    ("diana-gray", 12),
    ("erik-brown", 12),
    ("fiona-frost", 11),
    ("george-cruz", 11),
    ("helen-evans", 10),
    ("ian-gray", 9),
    ("julia-brown", 8),
    ("kevin-frost", 6),
];

fn issue_comments(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
    let Some(issue) = ctx.parent else { return Vec::new() };
    let count = issue.get("comments").and_then(Value::as_u64).unwrap_or(0) as usize;
    let created = issue
        .get("created_at")
        .and_then(Value::as_str)
        .map(parse_time)
        .unwrap_or(NOW - DAY);
    let people = contributors(&repo.name);
    let mut authors: Vec<&str> = Vec::new();
    if repo.acme("web-app") && repo.number == Some(342) {
        for (who, n) in DARK_MODE_COMMENTERS {
            authors.extend(std::iter::repeat_n(who, n));
        }
        // Shuffle deterministically so the top commenter is spread over every page.
        for i in (1..authors.len()).rev() {
            let j = ctx.rng.random_range(0..=i);
            authors.swap(i, j);
        }
    } else {
        for _ in 0..count {
            authors.push(people[ctx.rng.random_range(0..people.len())]);
        }
    }
    let n = authors.len() as i64;
    authors
        .into_iter()
        .enumerate()
        .map(|(i, who)| {
            let rng = &mut *ctx.rng;
            let at = created + (NOW - created).max(n + 1) * (i as i64 + 1) / (n + 1);
            json!({"id": hex(rng, 32), "user": who, "body": pick(rng, &["+1", "Any update on this?", "I can reproduce this.",
                "Fixed in the latest build for me.", "Here is a screenshot.", "Would love this!", "Same here on Firefox."]),
                "created_at": rfc3339(at)})
        })
        .collect()
}

fn labels(repo: &RepoCtx) -> Vec<Value> {
    let mut out: Vec<Value> = [
        ("bug", "d73a4a", "Something isn't working"),
        ("documentation", "0075ca", "Improvements or additions to documentation"),
        ("duplicate", "cfd3d7", "This issue or pull request already exists"),
        ("enhancement", "a2eeef", "New feature or request"),
        ("good first issue", "7057ff", "Good for newcomers"),
        ("help wanted", "008672", "Extra attention is needed"),
        ("needs-triage", "fbca04", "Not looked at yet"),
        ("wontfix", "ffffff", "This will not be worked on"),
        ("performance", "5319e7", "Speed and resource use"),
        ("tech-debt", "c5def5", "Cleanup and refactoring"),
    ]
    .iter()
    .map(|(n, c, d)| json!({"name": n, "color": c, "description": d}))
    .collect();
    let security = match (repo.org.as_str(), repo.name.as_str()) {
        ("acme", "api-gateway") => Some("ee0701"),
        ("acme", "auth-service") => Some("b60205"),
        ("acme", "payments-service") => Some("d73a4a"),
        ("acme", "infra") => Some("ff0000"),
        _ => None,
    };
    if let Some(c) = security {
        out.push(json!({"name": "security", "color": c, "description": "Security issue"}));
    }
    match repo.name.as_str() {
        "mobile-app" => {
            out.push(json!({"name": "crash", "color": "b60205", "description": "The app crashes"}));
            out.push(json!({"name": "android", "color": "3ddc84", "description": "Android only"}));
        }
        "web-app" => out.push(json!({"name": "frontend", "color": "1d76db", "description": "UI work"})),
        _ => {}
    }
    out
}

fn milestones(repo: &RepoCtx) -> Vec<Value> {
    if !repo.acme("web-app") {
        return vec![
            json!({"number": 1, "title": "Backlog", "description": "Someday", "state": "open",
                           "open_issues": 3, "closed_issues": 1}),
        ];
    }
    vec![
        json!({"number": 1, "title": "v2.4", "description": "Autumn release", "state": "closed", "due_on": "2026-10-15T00:00:00Z",
               "open_issues": 0, "closed_issues": 21}),
        json!({"number": 2, "title": "v2.5", "description": "Checkout polish", "state": "open", "due_on": "2026-11-25T00:00:00Z",
               "open_issues": 0, "closed_issues": 6}),
        json!({"number": 3, "title": "v2.6", "description": "Holiday features", "state": "open", "due_on": "2026-12-20T00:00:00Z",
               "open_issues": 5, "closed_issues": 2}),
    ]
}

fn parse_time(s: &str) -> i64 {
    // YYYY-MM-DDTHH:MM:SSZ -> seconds (days from civil, Howard Hinnant's algorithm).
    let num = |a: usize, b: usize| s.get(a..b).and_then(|x| x.parse::<i64>().ok()).unwrap_or(0);
    let (y, m, d) = (num(0, 4), num(5, 7), num(8, 10));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * DAY + num(11, 13) * 3_600 + num(14, 16) * 60 + num(17, 19)
}

// ---------------------------------------------------------------- actions

const WORKFLOWS: [(&str, &str); 5] = [
    ("CI", ".github/workflows/ci.yml"),
    ("Deploy", ".github/workflows/deploy.yml"),
    ("Nightly", ".github/workflows/nightly.yml"),
    ("CodeQL", ".github/workflows/codeql.yml"),
    ("Release Drafter", ".github/workflows/release-drafter.yml"),
];

fn workflows(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
    if repo.spec.7 == 0 {
        return Vec::new();
    }
    WORKFLOWS
        .iter()
        .map(|(name, path)| {
            json!({"id": hex(ctx.rng, 32), "name": name, "path": path,
                   "state": if *name == "Release Drafter" { "disabled_manually" } else { "active" },
                   "created_at": rfc3339(NOW - ctx.rng.random_range(300..900) * DAY)})
        })
        .collect()
}

fn runs(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
    let count = repo.spec.7;
    if count == 0 {
        return Vec::new();
    }
    let prefix = repo.prefix();
    let workflows: Vec<(String, String)> = instances_under(ctx, "workflow_id", &format!("{prefix}/actions/workflows/"))
        .iter()
        .map(|i| {
            (
                i.item["id"].as_str().unwrap_or("").to_string(),
                i.item["name"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    // Main commits, newest first, to attach runs to the commit they built.
    let main_commits: Vec<(i64, String, String)> = instances_under(ctx, "sha", &format!("{prefix}/commits/"))
        .iter()
        .filter(|i| i.item["branch"] == "main")
        .map(|i| {
            (
                parse_time(i.item["committed_at"].as_str().unwrap_or("")),
                i.item["sha"].as_str().unwrap_or("").to_string(),
                i.item["author"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let people = contributors(&repo.name);
    let mut raw: Vec<(i64, usize, String, String, String, String)> = Vec::with_capacity(count);
    for _ in 0..count {
        let rng = &mut *ctx.rng;
        let at = NOW - rng.random_range(900..90 * DAY);
        let w = match rng.random_range(0..100) {
            0..=59 => 0,
            60..=74 => 1,
            75..=84 => 2,
            _ => 3,
        };
        let (event, branch) = match w {
            1 => ("push", "main".to_string()),
            2 => ("schedule", "main".to_string()),
            3 => ("push", "main".to_string()),
            _ if rng.random_bool(0.45) => ("push", "main".to_string()),
            _ => (
                "pull_request",
                format!(
                    "{}/{}",
                    pick(rng, &["feature", "fix", "chore"]),
                    WORDS[rng.random_range(0..WORDS.len())]
                ),
            ),
        };
        let commit = main_commits.iter().find(|c| c.0 <= at);
        let (sha, actor) = match (branch.as_str(), commit) {
            ("main", Some(c)) => (
                c.1.clone(),
                if event == "schedule" {
                    "ci-bot".to_string()
                } else {
                    c.2.clone()
                },
            ),
            _ => (hex(rng, 40), people[rng.random_range(0..people.len())].to_string()),
        };
        raw.push((at, w, event.to_string(), branch, sha, actor));
    }
    raw.sort_by_key(|r| std::cmp::Reverse(r.0));
    // Run numbers count up per workflow in time order.
    let mut numbers = [0i64; 5];
    let mut number_of = vec![0i64; raw.len()];
    for (i, r) in raw.iter().enumerate().rev() {
        numbers[r.1] += 1;
        number_of[i] = numbers[r.1] + 100;
    }
    let mut newest_ci_main = true;
    let mut newest_deploy_main = 0;
    let mut out = Vec::with_capacity(raw.len());
    for (i, (at, w, event, branch, sha, actor)) in raw.into_iter().enumerate() {
        let rng = &mut *ctx.rng;
        let conclusion = match w {
            0 => match rng.random_range(0..100) {
                0..=81 => "success",
                82..=92 => "failure",
                93..=97 => "cancelled",
                _ => "timed_out",
            },
            1 => match rng.random_range(0..100) {
                0..=84 => "success",
                85..=94 => "failure",
                _ => "cancelled",
            },
            2 => {
                if rng.random_bool(0.7) {
                    "success"
                } else {
                    "failure"
                }
            }
            _ => {
                if rng.random_bool(0.95) {
                    "success"
                } else {
                    "failure"
                }
            }
        };
        let mut conclusion = conclusion.to_string();
        if w == 0 && branch == "main" && newest_ci_main {
            newest_ci_main = false;
            conclusion = if repo.org == "acme" && RED_MAIN.contains(&repo.name.as_str()) {
                "failure"
            } else {
                "success"
            }
            .into();
        }
        if w == 1 && branch == "main" && repo.acme("web-app") {
            newest_deploy_main += 1;
            if newest_deploy_main == 1 || newest_deploy_main == 3 {
                conclusion = "failure".into();
            } else if newest_deploy_main == 2 {
                conclusion = "success".into();
            }
        }
        let duration = match w {
            0 => minutes(rng, 3, 25),
            1 => minutes(rng, 5, 15),
            2 => minutes(rng, 30, 90),
            _ => minutes(rng, 8, 20),
        };
        let duration = if conclusion == "cancelled" {
            duration / 3 / 60 * 60 + 60
        } else {
            duration
        };
        let started = at + minutes(rng, 0, 3);
        let running = i < 3 && branch != "main" && NOW - at < 3 * DAY;
        let (wid, wname) = workflows.get(w).cloned().unwrap_or_default();
        let mut run = json!({"id": hex(rng, 32), "name": wname, "workflow_id": wid, "run_number": number_of[i],
            "run_attempt": if rng.random_bool(0.05) { 2 } else { 1 }, "event": event, "status": "completed",
            "conclusion": conclusion, "head_branch": branch, "head_sha": sha, "actor": actor,
            "created_at": rfc3339(at), "run_started_at": rfc3339(started), "updated_at": rfc3339(started + duration)});
        if running {
            run["status"] = json!(if i == 0 { "queued" } else { "in_progress" });
            if let Some(m) = run.as_object_mut() {
                m.remove("conclusion");
            }
            run["updated_at"] = json!(rfc3339(started));
        }
        out.push(run);
    }
    out
}

fn jobs(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
    let prefix = repo.prefix();
    let runs: Vec<Value> = instances_under(ctx, "run_id", &format!("{prefix}/actions/runs/"))
        .iter()
        .map(|i| i.item.clone())
        .collect();
    let mut out = Vec::new();
    let mut deploy_main = 0;
    for (i, run) in runs.iter().enumerate() {
        let name = run["name"].as_str().unwrap_or("");
        let planted_deploy = name == "Deploy" && run["head_branch"] == "main" && repo.acme("web-app") && {
            deploy_main += 1;
            deploy_main <= 3
        };
        if i >= 40 && !planted_deploy {
            continue;
        }
        let names: &[&str] = match name {
            "CI" => &["lint", "test", "build"],
            "Deploy" => &["build", "deploy"],
            "Nightly" => &["e2e"],
            _ => &["analyze"],
        };
        let conclusion = run["conclusion"].as_str().unwrap_or("");
        let failing = if conclusion == "failure" {
            ctx.rng.random_range(0..names.len())
        } else {
            usize::MAX
        };
        let start = run["run_started_at"].as_str().map(parse_time).unwrap_or(NOW);
        let end = run["updated_at"].as_str().map(parse_time).unwrap_or(NOW);
        for (j, job) in names.iter().enumerate() {
            let rng = &mut *ctx.rng;
            let failing = if planted_deploy && conclusion == "failure" {
                names.len() - 1
            } else {
                failing
            };
            let c = match conclusion {
                "success" => "success",
                "failure" if j == failing => "failure",
                "failure" if j > failing => "skipped",
                "failure" => "success",
                "cancelled" | "timed_out" => "cancelled",
                _ => "",
            };
            let mut job_v = json!({"id": hex(rng, 32), "run_id": run["id"], "name": job,
                "status": if c.is_empty() { "in_progress" } else { "completed" },
                "runner_name": pick(rng, &["codehost-hosted-ubuntu", "build-linux-01", "build-linux-02"]),
                "started_at": rfc3339(start + (end - start) * j as i64 / names.len() as i64),
                "completed_at": rfc3339(start + (end - start) * (j as i64 + 1) / names.len() as i64)});
            if !c.is_empty() {
                job_v["conclusion"] = json!(c);
            }
            if c == "failure" {
                let step = if planted_deploy {
                    if deploy_main == 1 {
                        "Upload assets to CDN"
                    } else {
                        "Run database migrations"
                    }
                } else {
                    match *job {
                        "lint" => "Run eslint",
                        "test" => pick(rng, &["Run unit tests", "Run integration tests"]),
                        "build" => "Build image",
                        "deploy" => "Apply manifests",
                        "e2e" => "Run Playwright suite",
                        _ => "Perform analysis",
                    }
                };
                job_v["failed_step"] = json!(step);
            }
            out.push(job_v);
        }
    }
    out
}

fn artifacts(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
    let prefix = repo.prefix();
    let runs: Vec<(String, i64)> = instances_under(ctx, "run_id", &format!("{prefix}/actions/runs/"))
        .iter()
        .filter(|i| i.item["conclusion"] == "success")
        .map(|i| {
            (
                i.item["id"].as_str().unwrap_or("").to_string(),
                parse_time(i.item["created_at"].as_str().unwrap_or("")),
            )
        })
        .collect();
    if runs.is_empty() {
        return Vec::new();
    }
    let big = repo.acme("data-pipeline");
    let n = if big { 300 } else { 20 };
    let huge_every = 43;
    (0..n)
        .map(|i| {
            let rng = &mut *ctx.rng;
            let (run, at) = runs[rng.random_range(0..runs.len())].clone();
            let size: i64 = if big && i % huge_every == 7 {
                rng.random_range(1_100_000_000..3_500_000_000)
            } else if big {
                rng.random_range(5_000_000..900_000_000)
            } else {
                rng.random_range(50_000..80_000_000)
            };
            let expires = at + 30 * DAY;
            json!({"id": hex(rng, 32), "name": if big { pick(rng, &["warehouse-snapshot", "dbt-docs", "parquet-export", "test-reports"]) }
                   else { pick(rng, &["coverage", "test-reports", "dist", "sbom"]) },
                   "run_id": run, "size_in_bytes": size, "expired": expires < NOW, "created_at": rfc3339(at),
                   "expires_at": rfc3339(expires)})
        })
        .collect()
}

fn repo_secrets(repo: &RepoCtx) -> Vec<Value> {
    let list: &[(&str, &str, &str)] = match (repo.org.as_str(), repo.name.as_str()) {
        ("acme", "web-app") => &[
            ("CDN_PURGE_KEY", "2026-03-02T10:00:00Z", "2026-09-30T16:20:00Z"),
            ("NPM_TOKEN", "2025-06-11T08:00:00Z", "2026-08-14T09:30:00Z"),
            ("SENTRY_DSN", "2025-02-01T12:00:00Z", "2025-02-01T12:00:00Z"),
        ],
        ("acme", "api-gateway") => &[
            ("AWS_ROLE_ARN", "2025-01-10T09:00:00Z", "2025-01-10T09:00:00Z"),
            ("DOCKERHUB_TOKEN", "2025-05-05T09:00:00Z", "2026-10-01T09:00:00Z"),
        ],
        ("acme", "auth-service") => &[("JWT_SIGNING_KEY", "2025-04-01T00:00:00Z", "2026-10-01T00:00:00Z")],
        ("acme", "payments-service") => &[("STRIPE_API_KEY", "2025-03-03T00:00:00Z", "2026-06-01T00:00:00Z")],
        _ => &[],
    };
    list.iter()
        .map(|(n, c, u)| json!({"name": n, "created_at": c, "updated_at": u}))
        .collect()
}

fn repo_variables(repo: &RepoCtx) -> Vec<Value> {
    if repo.spec.7 == 0 {
        return Vec::new();
    }
    vec![
        json!({"name": "DEPLOY_REGION", "value": "eu-west-1", "created_at": "2025-06-01T00:00:00Z", "updated_at": "2025-06-01T00:00:00Z"}),
        json!({"name": "NODE_VERSION", "value": "22", "created_at": "2025-06-01T00:00:00Z", "updated_at": "2026-05-12T00:00:00Z"}),
    ]
}

// ---------------------------------------------------------------- releases and deployments

fn releases(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
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

fn release_assets(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
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

fn environments(repo: &RepoCtx) -> Vec<Value> {
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

fn deployments(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
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

// ---------------------------------------------------------------- keys, hooks, alerts

fn deploy_keys(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
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

fn hooks(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
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

fn deliveries(ctx: &mut Ctx<'_>) -> Vec<Value> {
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

fn alerts(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
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
