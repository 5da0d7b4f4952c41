//! Issues and pull requests of the `codehost` repositories, with reviews, comments, labels and milestones.

use super::*;

pub(super) const ISSUE_TITLES: [&str; 20] = [
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
pub(super) fn planted(repo: &RepoCtx, number: u64) -> Option<(bool, Value)> {
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

pub(super) const CRASH_TITLES: [(&str, bool); 12] = [
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

pub(super) fn issues_and_pulls(_ctx: &mut Ctx<'_>, repo: &RepoCtx, want_pulls: bool) -> Vec<Value> {
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

pub(super) fn requested_reviewers(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
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

pub(super) fn reviews(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
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

pub(super) fn review_comments(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
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

pub(super) fn issue_comments(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
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

pub(super) fn labels(repo: &RepoCtx) -> Vec<Value> {
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

pub(super) fn milestones(repo: &RepoCtx) -> Vec<Value> {
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

/// Seconds since the epoch of a fixture timestamp (0 for a malformed one).
pub(super) fn parse_time(s: &str) -> i64 {
    crate::time::parse_rfc3339(s).unwrap_or(0)
}
