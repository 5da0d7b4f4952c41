//! Activity on `tracker` issues: comments, watchers, worklogs, attachments, links, and the audit log.

use super::*;

pub(super) fn comments(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let users = ctx.ids("user_id");
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

pub(super) fn watchers(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let users = ctx.ids("user_id");
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

pub(super) fn worklogs(ctx: &mut Ctx<'_>) -> Vec<Value> {
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

pub(super) fn attachments(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let bug = ctx.parent.and_then(|i| i["type"].as_str()) == Some("bug");
    let (_, created, _) = parent_issue(ctx);
    let users = ctx.ids("user_id");
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
pub(super) fn links(ctx: &mut Ctx<'_>) -> Vec<Value> {
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

pub(super) fn audit_log(ctx: &mut Ctx<'_>) -> Vec<Value> {
    let users = ctx.ids("user_id");
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
