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

mod actions;
mod code;
mod issues;
mod people;
mod releases;

use actions::*;
use code::*;
use issues::*;
pub use issues::{DARK_MODE_COMMENTERS, HANA_OPEN, INFRA_CLOSE, MOBILE_CRASH_NUMBERS, V25_ISSUES};
use people::*;
pub use releases::GATEWAY_PROD;
use releases::*;

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
