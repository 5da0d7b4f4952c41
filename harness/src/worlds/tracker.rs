//! The `tracker` world's realistic fixtures: the Northwind Labs workspace with 36 users,
//! 4 teams, 8 projects, their components, versions, labels and sprints, 2,000 issues and
//! about 4,000 comments, plus watchers, worklogs, attachments and links on some issues.
//!
//! Everything is drawn from the description's seed, so the data is varied but fixed; a few
//! facts tasks rely on are planted on top: [`PAY_142`], the departed [`DEPARTED`] user
//! (deactivated, still holding unfinished issues) next to the active [`DEPARTED_DECOY`], and
//! Safari bugs in the web project, some of them already closed ([`SAFARI_TITLES`]).

use super::desc::{Description, Resource};
use super::fixtures::{Ctx, NOW, generate, hex, rfc3339};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};

/// The tracker world's fixtures from its description.
pub fn fixtures(desc: &Description, seed: u64) -> Value {
    let mut value = generate(desc, seed, &custom);
    // Issues without comments, watchers, worklogs, attachments or links need no entry:
    // the mock lists a collection it does not know as empty.
    if let Some(Value::Object(collections)) = value.get_mut("collections") {
        collections.retain(|_, items| items.as_array().is_none_or(|a| !a.is_empty()));
    }
    value
}

/// Workspace users: (name, email local part, role, active, title).
pub const USERS: [(&str, &str, &str, bool, &str); 36] = [
    (
        "Priya Raman",
        "priya.raman",
        "admin",
        true,
        "Engineering Manager, Payments",
    ),
    ("Marcus Chen", "marcus.chen", "member", true, "Senior Software Engineer"),
    ("Sofia Alvarez", "sofia.alvarez", "member", true, "Software Engineer"),
    ("Tom Becker", "tom.becker", "member", false, "Software Engineer"),
    ("Aisha Okafor", "aisha.okafor", "member", true, "QA Engineer"),
    ("Daniel Kim", "daniel.kim", "member", true, "iOS Engineer"),
    ("Lena Fischer", "lena.fischer", "member", true, "Mobile Lead"),
    ("Ravi Patel", "ravi.patel", "member", true, "Android Engineer"),
    ("Hannah Schultz", "hannah.schultz", "member", true, "Product Designer"),
    ("Jonas Weber", "jonas.weber", "member", true, "Web Lead"),
    ("Emily Brooks", "emily.brooks", "member", true, "Frontend Engineer"),
    ("Kenji Tanaka", "kenji.tanaka", "member", true, "Frontend Engineer"),
    ("Olivia Martin", "olivia.martin", "member", true, "QA Engineer"),
    ("Noah Williams", "noah.williams", "admin", true, "Platform Lead"),
    (
        "Fatima Zahra",
        "fatima.zahra",
        "member",
        true,
        "Site Reliability Engineer",
    ),
    ("Lucas Moreau", "lucas.moreau", "member", true, "Backend Engineer"),
    ("Grace Liu", "grace.liu", "member", true, "Backend Engineer"),
    ("Mateo Rossi", "mateo.rossi", "member", true, "Data Engineering Lead"),
    ("Chloe Dubois", "chloe.dubois", "member", true, "Data Engineer"),
    ("Arjun Mehta", "arjun.mehta", "member", true, "Analytics Engineer"),
    ("Sara Lindqvist", "sara.lindqvist", "member", true, "Operations Lead"),
    ("Ben Carter", "ben.carter", "member", true, "Site Reliability Engineer"),
    ("Yuki Sato", "yuki.sato", "member", true, "Growth Lead"),
    ("Omar Haddad", "omar.haddad", "member", true, "Growth Engineer"),
    ("Nina Petrova", "nina.petrova", "member", true, "Product Designer"),
    (
        "Priya Ramanathan",
        "priya.ramanathan",
        "guest",
        true,
        "Contract Security Auditor",
    ),
    ("Tom Baker", "tom.baker", "member", true, "Support Engineer"),
    ("Carlos Mendes", "carlos.mendes", "member", true, "Product Manager"),
    ("Julia Nowak", "julia.nowak", "member", true, "Product Manager"),
    ("Ahmed Saleh", "ahmed.saleh", "member", true, "Support Engineer"),
    ("Mia Johansson", "mia.johansson", "member", true, "Support Engineer"),
    ("Liam O'Brien", "liam.obrien", "member", false, "Backend Engineer"),
    ("Eva Horvat", "eva.horvat", "guest", true, "Agency Designer"),
    ("Samuel Osei", "samuel.osei", "member", true, "Backend Engineer"),
    ("Zoe Adams", "zoe.adams", "member", true, "Frontend Engineer"),
    ("Victor Huang", "victor.huang", "admin", true, "IT Administrator"),
];

/// The departed engineer: deactivated, still assigned unfinished Payments and Web issues.
pub const DEPARTED: &str = "Tom Becker";

/// An active user whose name is close to [`DEPARTED`]'s.
pub const DEPARTED_DECOY: &str = "Tom Baker";

/// Teams: (name, key, lead user index, member user indices).
const TEAMS: [(&str, &str, usize, &[usize]); 4] = [
    ("Payments", "PAYT", 0, &[0, 1, 2, 4, 33]),
    ("Mobile", "MOBL", 6, &[5, 6, 7, 8]),
    ("Web", "WEBT", 9, &[9, 10, 11, 12, 34]),
    ("Platform", "PLAT", 13, &[13, 14, 15, 16, 20, 21]),
];

/// A project: key, name, lead, team, issue count, assignees, components, archived.
struct Project {
    key: &'static str,
    name: &'static str,
    lead: usize,
    team: Option<usize>,
    issues: usize,
    people: &'static [usize],
    components: &'static [&'static str],
    archived: bool,
}

const PROJECTS: [Project; 8] = [
    Project {
        key: "PAY",
        name: "Payments",
        lead: 0,
        team: Some(0),
        issues: 600,
        people: &[1, 2, 3, 4, 33, 0],
        components: &["Checkout", "Invoicing", "Refunds", "Fraud", "Payouts", "Ledger"],
        archived: false,
    },
    Project {
        key: "MOB",
        name: "Mobile App",
        lead: 6,
        team: Some(1),
        issues: 300,
        people: &[5, 6, 7, 8],
        components: &["iOS", "Android", "Push Notifications", "Offline Sync"],
        archived: false,
    },
    Project {
        key: "WEB",
        name: "Web Frontend",
        lead: 9,
        team: Some(2),
        issues: 350,
        people: &[10, 11, 12, 34, 9, 3],
        components: &["Storefront", "Account Settings", "Search", "Design System"],
        archived: false,
    },
    Project {
        key: "PLAT",
        name: "Platform",
        lead: 13,
        team: Some(3),
        issues: 300,
        people: &[14, 15, 16, 13, 31],
        components: &["Auth", "API Gateway", "CI/CD", "Observability", "Database"],
        archived: false,
    },
    Project {
        key: "DATA",
        name: "Data Pipeline",
        lead: 17,
        team: None,
        issues: 150,
        people: &[17, 18, 19],
        components: &["Ingestion", "Warehouse", "Reporting"],
        archived: false,
    },
    Project {
        key: "OPS",
        name: "Operations",
        lead: 20,
        team: Some(3),
        issues: 150,
        people: &[20, 21, 14],
        components: &["On-call", "Runbooks", "Networking"],
        archived: false,
    },
    Project {
        key: "GRO",
        name: "Growth",
        lead: 22,
        team: None,
        issues: 100,
        people: &[22, 23, 24],
        components: &["Experiments", "Onboarding", "Referrals"],
        archived: false,
    },
    Project {
        key: "LEG",
        name: "Legacy Billing",
        lead: 0,
        team: Some(0),
        issues: 50,
        people: &[31, 1, 3],
        components: &["Billing Core"],
        archived: true,
    },
];

/// Labels every project has: (name, color, description).
const LABELS: [(&str, &str, &str); 10] = [
    ("regression", "#d73a4a", "Worked before, broken now"),
    ("customer-reported", "#0e8a16", "Reported by a customer through support"),
    ("security", "#b60205", "Security impact; handle before anything else"),
    ("tech-debt", "#c5def5", "Cleanup that slows us down if left"),
    ("performance", "#fbca04", "Latency, memory or throughput"),
    ("ux", "#d4c5f9", "Usability and visual polish"),
    ("flaky-test", "#e99695", "A test that fails intermittently"),
    ("needs-triage", "#ededed", "Not yet prioritised"),
    ("accessibility", "#1d76db", "WCAG and assistive technology support"),
    ("duplicate", "#cfd3d7", "Already reported in another issue"),
];

/// The planted Payments issue: key, title, assignee, story points, status, priority, fix version.
pub const PAY_142: (&str, &str, &str, u64, &str, &str, &str) = (
    "PAY-142",
    "Refund webhook retries forever on 410 Gone",
    "Marcus Chen",
    8,
    "in_review",
    "high",
    "2.2.0",
);

/// Titles of Safari bugs planted in the web project: (title, status, priority).
pub const SAFARI_TITLES: [(&str, &str); 9] = [
    (
        "Safari: checkout button unresponsive after Apple Pay sheet closes",
        "todo",
    ),
    ("Date picker renders off-screen in Safari 17", "in_progress"),
    ("Safari private mode loses cart on reload", "backlog"),
    ("Search suggestions flicker on Safari iPad", "todo"),
    ("Safari: sticky header overlaps account menu", "in_review"),
    ("Font smoothing broken in Safari on product pages", "backlog"),
    ("Safari autofill fills the wrong address fields", "done"),
    ("Safari 16 crashes on the order history page", "cancelled"),
    ("Login form zooms in on focus in Safari", "todo"),
];

const BUG_TITLES: [&str; 24] = [
    "{c}: 500 error when the request has an empty body",
    "{c} page times out for accounts with many records",
    "Wrong currency shown in {c} for EUR customers",
    "{c}: duplicate entries after retrying a failed save",
    "Null pointer in {c} when the user has no avatar",
    "{c} ignores the user's time zone",
    "Pagination skips items in {c}",
    "{c}: rounding error on totals above 10,000",
    "Race condition in {c} under concurrent updates",
    "{c} shows stale data after logout and login",
    "Memory leak in {c} worker after 24 hours",
    "{c}: error message is not translated",
    "Broken link in {c} emails",
    "{c} crashes when the name contains an emoji",
    "Timeout talking to the {c} service from eu-west",
    "{c}: validation accepts negative quantities",
    "Sorting by date in {c} is alphabetical",
    "{c} returns 403 for users with the viewer role",
    "{c}: retries hammer the upstream after an outage",
    "CSV export from {c} drops the last row",
    "{c}: tooltip hidden behind the modal",
    "Flaky test in {c} integration suite",
    "{c} logs personal data at info level",
    "Slow query in {c} on the reporting replica",
];

const TASK_TITLES: [&str; 20] = [
    "Add metrics for {c} latency",
    "Migrate {c} to the new config service",
    "Write runbook for {c} failures",
    "Upgrade {c} dependencies",
    "Remove the deprecated {c} endpoint",
    "Add audit events to {c}",
    "Document the {c} API for partners",
    "Backfill missing {c} records",
    "Add feature flag around {c} rollout",
    "Load test {c} before the holiday peak",
    "Clean up unused {c} tables",
    "Alert when {c} error rate exceeds 1%",
    "Split {c} into smaller modules",
    "Add retries with backoff to {c} client",
    "Review {c} access permissions",
    "Automate {c} release checklist",
    "Rotate credentials used by {c}",
    "Add end-to-end test for {c}",
    "Improve {c} error messages",
    "Cache {c} lookups",
];

const STORY_TITLES: [&str; 14] = [
    "As a customer I can save my {c} preferences",
    "As an admin I can export {c} data",
    "As a user I see a summary of my {c} activity",
    "Bulk edit in {c}",
    "Dark mode for {c}",
    "As a merchant I get notified about {c} changes",
    "Filter {c} by date range",
    "Share a {c} link with a teammate",
    "As a user I can undo changes in {c}",
    "Keyboard shortcuts for {c}",
    "Onboarding tips for {c}",
    "As a support agent I can look up {c} history",
    "Show {c} status on the dashboard",
    "Multi-currency support in {c}",
];

const INCIDENT_TITLES: [&str; 10] = [
    "Elevated 5xx rate on {c}",
    "{c} degraded in eu-west",
    "Certificate expiry alert for {c}",
    "Disk filling up on {c} hosts",
    "Paging storm from {c} monitors",
    "DNS resolution failures affecting {c}",
    "Latency spike on {c} after deploy",
    "{c} queue backlog above threshold",
    "Partial outage of {c}",
    "Database failover triggered for {c}",
];

const COMMENTS: [&str; 20] = [
    "I can reproduce this on staging.",
    "Could you attach the logs from the failing run?",
    "Looks related to the change we shipped last week.",
    "Raised the priority: two more customers hit this today.",
    "Fix is up for review.",
    "Verified on staging, looks good to me.",
    "This is blocked until the API change lands.",
    "Moving this to next sprint, we ran out of time.",
    "Can we split this into smaller pieces?",
    "Added a test that covers the edge case.",
    "Not reproducible anymore after the last deploy.",
    "Support says the customer is still waiting on this.",
    "Design is attached, feedback welcome.",
    "I paired with QA on this, the fix holds.",
    "Rolling back the flag until we understand the impact.",
    "The root cause is a missing index.",
    "Deployed to production.",
    "Who owns this now that the team changed?",
    "Let's discuss in the standup tomorrow.",
    "Closing as the behaviour is expected.",
];

const DAY: i64 = 86_400;

fn ids_of(ctx: &Ctx<'_>, param: &str) -> Vec<String> {
    ctx.instances
        .get(param)
        .map(|l| {
            l.iter()
                .filter_map(|i| i.item.get("id").and_then(Value::as_str).map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Items of `param` whose paths lie under the parent item at `prefix`.
fn items_under(ctx: &Ctx<'_>, param: &str, prefix: &str) -> Vec<Value> {
    ctx.instances
        .get(param)
        .map(|l| {
            l.iter()
                .filter(|i| i.path.starts_with(&format!("{prefix}/")))
                .map(|i| i.item.clone())
                .collect()
        })
        .unwrap_or_default()
}

fn date(secs: i64) -> String {
    rfc3339(secs)[..10].to_string()
}

fn custom(r: &Resource, ctx: &mut Ctx<'_>) -> Option<Vec<Value>> {
    match r.id.as_str() {
        "users" => Some(users(ctx.rng)),
        "teams" => {
            let users = ids_of(ctx, "user_id");
            Some(
                TEAMS
                    .iter()
                    .map(|(name, key, lead, _)| {
                        json!({"id": hex(ctx.rng, 32), "name": name, "key": key,
                               "description": format!("The {name} team."), "lead_id": users[*lead]})
                    })
                    .collect(),
            )
        }
        "team-members" => {
            let users = ids_of(ctx, "user_id");
            let (_, _, lead, members) = TEAMS.get(ctx.parent_index)?;
            Some(
                members
                    .iter()
                    .map(|u| {
                        json!({"id": hex(ctx.rng, 32), "user_id": users[*u],
                               "role": if u == lead { "lead" } else { "member" },
                               "joined_at": rfc3339(NOW - ctx.rng.random_range(60..700) * DAY)})
                    })
                    .collect(),
            )
        }
        "workflows" => Some(vec![
            json!({"id": hex(ctx.rng, 32), "name": "Software development", "description": "Default workflow of engineering projects.",
                   "statuses": ["backlog", "todo", "in_progress", "in_review", "done", "cancelled"], "default_status": "backlog"}),
            json!({"id": hex(ctx.rng, 32), "name": "Incident response", "description": "Incidents go straight to work and are closed after review.",
                   "statuses": ["todo", "in_progress", "done", "cancelled"], "default_status": "todo"}),
        ]),
        "workflow-transitions" => {
            let flow: &[(&str, &str, &str)] = if ctx.parent_index == 0 {
                &[
                    ("Plan", "backlog", "todo"),
                    ("Start progress", "todo", "in_progress"),
                    ("Request review", "in_progress", "in_review"),
                    ("Request changes", "in_review", "in_progress"),
                    ("Done", "in_review", "done"),
                    ("Cancel", "backlog", "cancelled"),
                    ("Reopen", "done", "todo"),
                ]
            } else {
                &[
                    ("Acknowledge", "todo", "in_progress"),
                    ("Resolve", "in_progress", "done"),
                    ("Dismiss", "todo", "cancelled"),
                ]
            };
            Some(
                flow.iter()
                    .map(|(name, from, to)| {
                        json!({"id": hex(ctx.rng, 32), "name": name, "from_status": from, "to_status": to})
                    })
                    .collect(),
            )
        }
        "projects" => {
            let users = ids_of(ctx, "user_id");
            let teams = ids_of(ctx, "team_id");
            let flows = ids_of(ctx, "workflow_id");
            Some(
                PROJECTS
                    .iter()
                    .map(|p| {
                        let mut v = json!({"id": hex(ctx.rng, 32), "key": p.key, "name": p.name,
                            "description": format!("Everything about {}.", p.name.to_lowercase()),
                            "lead_id": users[p.lead],
                            "workflow_id": flows[usize::from(p.key == "OPS")],
                            "status": if p.archived { "archived" } else { "active" },
                            "created_at": rfc3339(NOW - ctx.rng.random_range(500..1200) * DAY)});
                        if let Some(t) = p.team {
                            v["team_id"] = json!(teams[t]);
                        }
                        v
                    })
                    .collect(),
            )
        }
        "project-roles" => {
            let users = ids_of(ctx, "user_id");
            let p = PROJECTS.get(ctx.parent_index)?;
            let mut out = vec![json!({"id": hex(ctx.rng, 32), "user_id": users[p.lead], "role": "administrator"})];
            for u in p.people.iter().filter(|u| **u != p.lead) {
                out.push(json!({"id": hex(ctx.rng, 32), "user_id": users[*u], "role": "developer"}));
            }
            out.push(json!({"id": hex(ctx.rng, 32), "user_id": users[27 + ctx.parent_index % 2], "role": "viewer"}));
            Some(out)
        }
        "components" => {
            let users = ids_of(ctx, "user_id");
            let p = PROJECTS.get(ctx.parent_index)?;
            Some(
                p.components
                    .iter()
                    .enumerate()
                    .map(|(i, name)| {
                        json!({"id": hex(ctx.rng, 32), "name": name,
                               "description": format!("{name} of {}.", p.name),
                               "lead_id": users[p.people[i % p.people.len()]]})
                    })
                    .collect(),
            )
        }
        "versions" => Some(versions(ctx)),
        "labels" => {
            let p = PROJECTS.get(ctx.parent_index)?;
            let mut out: Vec<Value> = LABELS
                .iter()
                .map(|(name, color, description)| json!({"name": name, "color": color, "description": description}))
                .collect();
            if p.key == "WEB" {
                out.push(json!({"name": "old-ui", "color": "#bfdadc", "description": "Pages of the pre-2025 design"}));
                out.push(json!({"name": "ie11", "color": "#bfdadc", "description": "Internet Explorer 11 quirks"}));
            }
            if p.key == "MOB" {
                out.push(json!({"name": "ios-15", "color": "#bfdadc", "description": "Only on iOS 15"}));
            }
            Some(out)
        }
        "sprints" => Some(sprints(ctx)),
        "boards" => {
            let p = PROJECTS.get(ctx.parent_index)?;
            let scrum = !matches!(p.key, "OPS" | "LEG");
            Some(vec![
                json!({"id": hex(ctx.rng, 32), "name": format!("{} board", p.name), "type": if scrum { "scrum" } else { "kanban" },
                       "columns": ["To do", "In progress", "In review", "Done"]}),
            ])
        }
        "issues" => Some(issues(ctx)),
        "comments" => Some(comments(ctx)),
        "watchers" => Some(watchers(ctx)),
        "worklogs" => Some(worklogs(ctx)),
        "attachments" => Some(attachments(ctx)),
        "issue-links" => Some(links(ctx)),
        "issue-types" => Some(
            [
                ("bug", "Something is broken."),
                ("task", "A piece of work."),
                ("story", "A feature from a user's point of view."),
                ("epic", "A large body of work grouping stories and tasks."),
                ("incident", "An unplanned interruption of a service."),
            ]
            .iter()
            .map(|(n, d)| json!({"id": hex(ctx.rng, 32), "name": n, "description": d, "subtask": false}))
            .collect(),
        ),
        "audit-log" => Some(audit_log(ctx)),
        _ => None,
    }
}

fn users(rng: &mut ChaCha8Rng) -> Vec<Value> {
    let zones = [
        "Europe/Berlin",
        "America/New_York",
        "Europe/London",
        "Asia/Tokyo",
        "America/Los_Angeles",
    ];
    USERS
        .iter()
        .enumerate()
        .map(|(i, (name, local, role, active, title))| {
            let domain = if *role == "guest" {
                "partners.example"
            } else {
                "northwind.example"
            };
            json!({"id": hex(rng, 32), "name": name, "email": format!("{local}@{domain}"), "role": role,
                   "active": active, "title": title, "timezone": zones[i % zones.len()],
                   "created_at": rfc3339(NOW - rng.random_range(90..1500) * DAY)})
        })
        .collect()
}

/// Versions of a project: two released, the next two planned, one archived.
fn versions(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let major = 2 + ctx.parent_index as i64 % 4;
    let plan: [(i64, &str, i64); 5] = [
        (9, "archived", -400),
        (10, "released", -75),
        (11, "released", -20),
        (12, "unreleased", 11),
        (13, "unreleased", 56),
    ];
    plan.iter()
        .map(|(minor, status, day)| {
            let name = if *minor == 9 {
                format!("{}.9.0", major - 1)
            } else {
                format!("{major}.{}.0", minor - 10)
            };
            json!({"id": hex(ctx.rng, 32), "name": name, "status": status,
                   "description": format!("Release {name}."),
                   "start_date": date(NOW + (day - 42) * DAY), "release_date": date(NOW + day * DAY)})
        })
        .collect()
}

/// Sprint number `n` of a project runs two weeks from `sprint_start(n)`; sprint 42 is active.
fn sprint_start(n: i64) -> i64 {
    // 2026-11-16 is the Monday sprint 42 started.
    NOW - 4 * DAY - 12 * 3_600 + (n - 42) * 14 * DAY
}

fn sprints(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let Some(p) = PROJECTS.get(ctx.parent_index) else {
        return Vec::new();
    };
    if matches!(p.key, "OPS" | "LEG") {
        return Vec::new();
    }
    let goals = [
        "Stabilise refunds and ship the ledger export",
        "Offline mode for the order list",
        "New search results page behind a flag",
        "Token service migration, phase 2",
        "Nightly loads under 30 minutes",
        "Referral program experiment",
    ];
    (36..=43)
        .map(|n| {
            let state = match n {
                42 => "active",
                43 => "future",
                _ => "closed",
            };
            let goal = if n == 42 {
                goals[ctx.parent_index.min(goals.len() - 1)].to_string()
            } else {
                format!("Sprint {n} commitments")
            };
            json!({"id": hex(ctx.rng, 32), "name": format!("{} Sprint {n}", p.key), "goal": goal, "state": state,
                   "start_date": date(sprint_start(n)), "end_date": date(sprint_start(n) + 13 * DAY)})
        })
        .collect()
}

fn issues(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let Some(p) = PROJECTS.get(ctx.parent_index) else {
        return Vec::new();
    };
    let users = ids_of(ctx, "user_id");
    let project_path = format!(
        "/projects/{}",
        ctx.parent
            .and_then(|v| v.get("id"))
            .and_then(Value::as_str)
            .unwrap_or("")
    );
    let components = items_under(ctx, "component_id", &project_path);
    let versions = items_under(ctx, "version_id", &project_path);
    let sprints = items_under(ctx, "sprint_id", &project_path);
    let sprint_id = |n: i64| {
        sprints
            .iter()
            .find(|s| s["name"].as_str().is_some_and(|x| x.ends_with(&format!(" {n}"))))
            .and_then(|s| s["id"].as_str())
            .map(str::to_string)
    };
    let reporters = [27, 28, 29, 30, 4, 12];
    let rng = &mut *ctx.rng;
    let span = if p.archived { 1_100 } else { 420 };
    // Creation times, oldest first, so keys count up with time.
    let mut created: Vec<i64> = (0..p.issues)
        .map(|_| {
            let back = rng.random_range(0..span * DAY);
            let back = if p.archived { back + 300 * DAY } else { back };
            NOW - back.max(3_600)
        })
        .collect();
    created.sort_unstable();
    let mut out = Vec::with_capacity(p.issues);
    let mut epics: Vec<String> = Vec::new();
    for (i, at) in created.into_iter().enumerate() {
        let number = i + 1;
        let key = format!("{}-{number}", p.key);
        let age_days = (NOW - at) / DAY;
        let ty = match (p.key, rng.random_range(0..100)) {
            ("OPS", 0..=64) => "incident",
            ("OPS", _) => "task",
            (_, 0..=3) => "epic",
            (_, 4..=39) => "bug",
            (_, 40..=74) => "task",
            _ => "story",
        };
        let c = rng.random_range(0..components.len().max(1));
        let component = components.get(c);
        let cname = component.and_then(|x| x["name"].as_str()).unwrap_or(p.name);
        let templates: &[&str] = match ty {
            "bug" => &BUG_TITLES,
            "incident" => &INCIDENT_TITLES,
            "story" | "epic" => &STORY_TITLES,
            _ => &TASK_TITLES,
        };
        let title = templates[rng.random_range(0..templates.len())].replace("{c}", cname);
        let title = if ty == "epic" {
            format!("{cname} overhaul")
        } else {
            title
        };
        // Older work is mostly finished; recent work mostly open.
        let done_chance = (age_days as f64 / 120.0).min(0.93);
        let status = if p.archived || rng.random_bool(done_chance) {
            if rng.random_bool(0.88) { "done" } else { "cancelled" }
        } else {
            ["backlog", "backlog", "todo", "todo", "in_progress", "in_review"][rng.random_range(0..6)]
        };
        let open = !matches!(status, "done" | "cancelled");
        let priority = match rng.random_range(0..100) {
            0..=4 => "urgent",
            5..=24 => "high",
            25..=64 => "medium",
            65..=89 => "low",
            _ => "none",
        };
        let priority = if ty == "incident" && priority == "none" {
            "high"
        } else {
            priority
        };
        let mut issue = json!({
            "id": hex(rng, 32), "key": key, "title": title,
            "description": format!("Reported for {cname}. See the comments for details."),
            "type": ty, "status": status, "priority": priority,
            "reporter_id": users[reporters[rng.random_range(0..reporters.len())]],
            "labels": [],
            "created_at": rfc3339(at),
        });
        if !(status == "backlog" && rng.random_bool(0.5)) {
            let who = p.people[rng.random_range(0..p.people.len())];
            // The departed engineer's old work is finished; only a few open issues stay with them.
            let who = if who == 3 && open && rng.random_bool(0.8) {
                p.people[0]
            } else {
                who
            };
            issue["assignee_id"] = json!(users[who]);
        }
        if let Some(comp) = component {
            issue["component_id"] = comp["id"].clone();
        }
        if ty != "epic" && ty != "incident" {
            issue["story_points"] = json!([1, 2, 3, 3, 5, 5, 8, 13][rng.random_range(0..8)]);
        }
        let mut labels: Vec<&str> = Vec::new();
        for (name, chance) in [
            ("regression", if ty == "bug" { 0.15 } else { 0.0 }),
            ("customer-reported", if ty == "bug" { 0.2 } else { 0.0 }),
            ("security", 0.04),
            ("tech-debt", if ty == "task" { 0.2 } else { 0.02 }),
            ("performance", 0.06),
            ("ux", if ty == "story" { 0.2 } else { 0.03 }),
            ("flaky-test", if title.contains("Flaky") { 1.0 } else { 0.0 }),
            ("needs-triage", if status == "backlog" { 0.25 } else { 0.0 }),
            ("accessibility", 0.03),
            ("duplicate", if ty == "bug" && open { 0.03 } else { 0.0 }),
        ] {
            if chance > 0.0 && rng.random_bool(chance) {
                labels.push(name);
            }
        }
        issue["labels"] = json!(labels);
        if let Some(v) = versions.get(match (open, rng.random_range(0..10)) {
            (true, 0..=3) => 3,
            (true, 4..=5) => 4,
            (false, 0..=2) => 2,
            (false, 3..=4) => 1,
            _ => 99,
        }) {
            issue["fix_version_id"] = v["id"].clone();
        }
        if open && rng.random_bool(0.45) {
            issue["due_date"] = json!(date(NOW + rng.random_range(-40..60) * DAY));
        }
        let updated = if open {
            NOW - rng.random_range(3_600..(NOW - at).clamp(7_200, 90 * DAY))
        } else {
            (at + rng.random_range(DAY..40 * DAY)).min(NOW - 3_600)
        };
        issue["updated_at"] = json!(rfc3339(updated));
        if !open {
            issue["resolved_at"] = json!(rfc3339(updated));
        }
        // Sprints: finished work sat in the sprint it was finished in; open work is in the
        // active or next sprint, or in the backlog.
        let n = 42 + (updated - sprint_start(42)).div_euclid(14 * DAY);
        let sprint = match (open, ty) {
            (_, "epic") => None,
            (false, _) if (36..=42).contains(&n) => sprint_id(n),
            (true, _) if status != "backlog" && rng.random_bool(0.55) => {
                sprint_id(if status == "todo" && rng.random_bool(0.3) {
                    43
                } else {
                    42
                })
            }
            _ => None,
        };
        if let Some(s) = sprint {
            issue["sprint_id"] = json!(s);
        }

        if ty == "epic" {
            if let Value::String(id) = &issue["id"] {
                epics.push(id.clone());
            }
        } else if !epics.is_empty() && rng.random_bool(0.35) {
            issue["epic_id"] = json!(epics[rng.random_range(0..epics.len())]);
        }
        out.push(issue);
    }
    plant(p, &mut out, &users, &versions);
    out
}

/// The planted facts of one project's issues.
fn plant(p: &Project, issues: &mut [Value], users: &[String], versions: &[Value]) {
    let by_key = |issues: &mut [Value], key: &str| issues.iter().position(|i| i["key"] == key);
    match p.key {
        "PAY" => {
            let (key, title, _, points, status, priority, _) = PAY_142;
            if let Some(i) = by_key(issues, key) {
                let it = &mut issues[i];
                it["title"] = json!(title);
                it["type"] = json!("bug");
                it["status"] = json!(status);
                it["priority"] = json!(priority);
                it["story_points"] = json!(points);
                it["assignee_id"] = json!(users[1]);
                it["fix_version_id"] = versions[3]["id"].clone();
                if let Value::Object(m) = it {
                    m.remove("resolved_at");
                }
                it["updated_at"] = json!(rfc3339(NOW - 2 * DAY));
            }
            // The departed engineer still holds these unfinished issues.
            for (n, status) in [
                (512, "in_progress"),
                (530, "todo"),
                (547, "backlog"),
                (561, "in_review"),
                (577, "todo"),
                (589, "in_progress"),
            ] {
                if let Some(i) = by_key(issues, &format!("PAY-{n}")) {
                    let it = &mut issues[i];
                    it["assignee_id"] = json!(users[3]);
                    it["status"] = json!(status);
                    if let Value::Object(m) = it {
                        m.remove("resolved_at");
                    }
                }
            }
            // ... and the decoy holds some too.
            for n in [520, 566] {
                if let Some(i) = by_key(issues, &format!("PAY-{n}")) {
                    issues[i]["assignee_id"] = json!(users[26]);
                    issues[i]["status"] = json!("todo");
                    if let Value::Object(m) = &mut issues[i] {
                        m.remove("resolved_at");
                    }
                }
            }
        }
        "WEB" => {
            for (k, (title, status)) in SAFARI_TITLES.iter().enumerate() {
                let n = 200 + k * 17;
                if let Some(i) = by_key(issues, &format!("WEB-{n}")) {
                    let it = &mut issues[i];
                    it["title"] = json!(title);
                    it["type"] = json!(if k == 4 { "story" } else { "bug" });
                    it["status"] = json!(status);
                    if matches!(*status, "done" | "cancelled") {
                        it["resolved_at"] = it["updated_at"].clone();
                    } else if let Value::Object(m) = it {
                        m.remove("resolved_at");
                    }
                }
            }
            if let Some(i) = by_key(issues, "WEB-331") {
                issues[i]["assignee_id"] = json!(users[3]);
                issues[i]["status"] = json!("todo");
                if let Value::Object(m) = &mut issues[i] {
                    m.remove("resolved_at");
                }
            }
        }
        _ => {}
    }
    // Unfinished issues have no resolution date; the decoy's planted issues keep theirs consistent too.
    for it in issues.iter_mut() {
        let open = !matches!(it["status"].as_str(), Some("done" | "cancelled"));
        if open && let Value::Object(m) = it {
            m.remove("resolved_at");
        }
    }
}

/// Of the parent issue: whether it is unfinished, when it was created, and its status.
fn parent_issue(ctx: &Ctx<'_>) -> (bool, i64, String) {
    let p = ctx.parent;
    let status = p.and_then(|i| i["status"].as_str()).unwrap_or("done");
    let created = p
        .and_then(|i| i["created_at"].as_str())
        .and_then(parse_time)
        .unwrap_or(NOW - 30 * DAY);
    (!matches!(status, "done" | "cancelled"), created, status.to_string())
}

/// Seconds since the epoch of an RFC 3339 UTC text made by [`rfc3339`].
fn parse_time(text: &str) -> Option<i64> {
    let n = |a: usize, b: usize| text.get(a..b).and_then(|s| s.parse::<i64>().ok());
    let (y, m, d) = (n(0, 4)?, n(5, 7)?, n(8, 10)?);
    let (hh, mm, ss) = (n(11, 13)?, n(14, 16)?, n(17, 19)?);
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * DAY + hh * 3_600 + mm * 60 + ss)
}

fn comments(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let users = ids_of(ctx, "user_id");
    let (open, created, _) = parent_issue(ctx);
    let rng = &mut *ctx.rng;
    let count = match rng.random_range(0..10) {
        0..=1 => 0,
        2..=3 => 1,
        4..=6 => 2,
        7..=8 => 3,
        _ => 7,
    };
    let end = if open { NOW } else { (created + 40 * DAY).min(NOW) };
    let mut times: Vec<i64> = (0..count)
        .map(|_| rng.random_range(created..end.max(created + 1)))
        .collect();
    times.sort_unstable();
    times
        .into_iter()
        .map(|at| {
            let mut c = json!({"id": hex(rng, 32), "author_id": users[rng.random_range(0..users.len())],
                "body": COMMENTS[rng.random_range(0..COMMENTS.len())], "internal": rng.random_bool(0.1),
                "created_at": rfc3339(at)});
            if rng.random_bool(0.08) {
                c["edited_at"] = json!(rfc3339((at + 3_600).min(NOW)));
            }
            c
        })
        .collect()
}

fn watchers(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let users = ids_of(ctx, "user_id");
    let high = ctx
        .parent
        .and_then(|i| i["priority"].as_str())
        .is_some_and(|p| matches!(p, "urgent" | "high"));
    let (open, created, _) = parent_issue(ctx);
    if !open || !high {
        return Vec::new();
    }
    let rng = &mut *ctx.rng;
    let n = rng.random_range(0..3);
    let mut picked: Vec<usize> = Vec::new();
    for _ in 0..n {
        let u = rng.random_range(0..users.len());
        if !picked.contains(&u) && USERS[u].3 {
            picked.push(u);
        }
    }
    picked
        .into_iter()
        .map(|u| {
            json!({"id": hex(rng, 32), "user_id": users[u],
                   "created_at": rfc3339(rng.random_range(created..NOW))})
        })
        .collect()
}

fn worklogs(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let (_, created, status) = parent_issue(ctx);
    let Some(assignee) = ctx.parent.and_then(|i| i["assignee_id"].as_str()).map(str::to_string) else {
        return Vec::new();
    };
    if !matches!(status.as_str(), "in_progress" | "in_review" | "done") || NOW - created > 120 * DAY {
        return Vec::new();
    }
    let rng = &mut *ctx.rng;
    let n = rng.random_range(0..4);
    (0..n)
        .map(|_| {
            let at = rng.random_range(created..NOW);
            json!({"id": hex(rng, 32), "author_id": assignee, "hours": f64::from(rng.random_range(1..=16u32)) / 2.0,
                   "started_on": date(at), "comment": "Implementation and review"})
        })
        .collect()
}

fn attachments(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let bug = ctx.parent.and_then(|i| i["type"].as_str()) == Some("bug");
    let (_, created, _) = parent_issue(ctx);
    let users = ids_of(ctx, "user_id");
    let rng = &mut *ctx.rng;
    if !bug || !rng.random_bool(0.08) {
        return Vec::new();
    }
    let (file, kind) = [
        ("trace.har", "application/json"),
        ("screenshot.png", "image/png"),
        ("server.log", "text/plain"),
        ("repro.mp4", "video/mp4"),
    ][rng.random_range(0..4)];
    vec![json!({"id": hex(rng, 32), "filename": file, "content_type": kind,
                "size_bytes": rng.random_range(2_000..9_000_000), "uploader_id": users[rng.random_range(0..users.len())],
                "created_at": rfc3339(rng.random_range(created..NOW))})]
}

/// Duplicates point at an earlier issue; a few unfinished issues are blocked by another.
fn links(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let labels = ctx.parent.and_then(|i| i["labels"].as_array());
    let duplicate = labels.is_some_and(|l| l.contains(&json!("duplicate")));
    let (open, _, _) = parent_issue(ctx);
    let blocked = open && ctx.rng.random_bool(0.03);
    if !duplicate && !blocked {
        return Vec::new();
    }
    let Some(all) = ctx.instances.get("issue_id") else {
        return Vec::new();
    };
    let own = ctx.parent_index;
    let project = all[own].path.rsplit_once("/issues/").map(|(p, _)| p.to_string());
    let target = (1..own.min(40))
        .map(|back| &all[own - back])
        .find(|t| t.path.rsplit_once("/issues/").map(|(p, _)| p.to_string()) == project);
    let Some(target) = target else {
        return Vec::new();
    };
    vec![json!({"id": hex(ctx.rng, 32),
        "type": if duplicate { "duplicates" } else { "is_blocked_by" },
        "target_issue_id": target.item["id"], "target_key": target.item["key"]})]
}

fn audit_log(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let users = ids_of(ctx, "user_id");
    let admins = [0, 13, 35];
    let rng = &mut *ctx.rng;
    let mut times: Vec<i64> = (0..400).map(|_| NOW - rng.random_range(3_600..180 * DAY)).collect();
    times.sort_unstable();
    times
        .into_iter()
        .map(|at| {
            let (action, target) = match rng.random_range(0..10) {
                0..=3 => (
                    "permission.changed",
                    format!("project {}", PROJECTS[rng.random_range(0..8)].key),
                ),
                4..=5 => ("workflow.changed", "Software development".to_string()),
                6..=7 => ("user.invited", USERS[rng.random_range(0..USERS.len())].0.to_string()),
                8 => ("project.created", PROJECTS[rng.random_range(0..8)].name.to_string()),
                _ => ("project.archived", "Legacy Billing".to_string()),
            };
            json!({"id": hex(rng, 32), "actor_id": users[admins[rng.random_range(0..3)]], "action": action,
                   "target": target, "created_at": rfc3339(at)})
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_round_trip() {
        for t in [NOW, 0, 951_782_400, NOW - 400 * DAY + 12_345] {
            assert_eq!(parse_time(&rfc3339(t)), Some(t));
        }
        assert_eq!(parse_time("nonsense"), None);
        assert_eq!(date(sprint_start(42)), "2026-11-16");
    }
}
