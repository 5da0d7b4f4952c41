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
use crate::time::{date, parse_rfc3339};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};

mod activity;
mod issues;

use activity::*;
use issues::*;

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

fn custom(r: &Resource, ctx: &mut Ctx<'_>) -> Option<Vec<Value>> {
    match r.id.as_str() {
        "users" => Some(users(ctx.rng)),
        "teams" => {
            let users = ctx.ids("user_id");
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
            let users = ctx.ids("user_id");
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
            let users = ctx.ids("user_id");
            let teams = ctx.ids("team_id");
            let flows = ctx.ids("workflow_id");
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
            let users = ctx.ids("user_id");
            let p = PROJECTS.get(ctx.parent_index)?;
            let mut out = vec![json!({"id": hex(ctx.rng, 32), "user_id": users[p.lead], "role": "administrator"})];
            for u in p.people.iter().filter(|u| **u != p.lead) {
                out.push(json!({"id": hex(ctx.rng, 32), "user_id": users[*u], "role": "developer"}));
            }
            out.push(json!({"id": hex(ctx.rng, 32), "user_id": users[27 + ctx.parent_index % 2], "role": "viewer"}));
            Some(out)
        }
        "components" => {
            let users = ctx.ids("user_id");
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sprints_start_on_mondays() {
        assert_eq!(date(sprint_start(42)), "2026-11-16");
    }
}
