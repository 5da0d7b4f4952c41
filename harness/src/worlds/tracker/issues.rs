//! Issues of the `tracker` projects (~2,000, with planted facts and decoys).

use super::*;

pub(super) fn issues(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let Some(p) = PROJECTS.get(ctx.parent_index) else {
        return Vec::new();
    };
    let users = ctx.ids("user_id");
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
pub(super) fn plant(p: &Project, issues: &mut [Value], users: &[String], versions: &[Value]) {
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
pub(super) fn parent_issue(ctx: &Ctx<'_>) -> (bool, i64, String) {
    let p = ctx.parent;
    let status = p.and_then(|i| i["status"].as_str()).unwrap_or("done");
    let created = p
        .and_then(|i| i["created_at"].as_str())
        .and_then(parse_rfc3339)
        .unwrap_or(NOW - 30 * DAY);
    (!matches!(status, "done" | "cancelled"), created, status.to_string())
}
