//! CI of the `codehost` repositories: workflows, ~2,500 runs, jobs, artifacts, secrets and variables.

use super::*;

pub(super) const WORKFLOWS: [(&str, &str); 5] = [
    ("CI", ".github/workflows/ci.yml"),
    ("Deploy", ".github/workflows/deploy.yml"),
    ("Nightly", ".github/workflows/nightly.yml"),
    ("CodeQL", ".github/workflows/codeql.yml"),
    ("Release Drafter", ".github/workflows/release-drafter.yml"),
];

pub(super) fn workflows(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
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

pub(super) fn runs(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
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

pub(super) fn jobs(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
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

pub(super) fn artifacts(ctx: &mut Ctx<'_>, repo: &RepoCtx) -> Vec<Value> {
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

pub(super) fn repo_secrets(repo: &RepoCtx) -> Vec<Value> {
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

pub(super) fn repo_variables(repo: &RepoCtx) -> Vec<Value> {
    if repo.spec.7 == 0 {
        return Vec::new();
    }
    vec![
        json!({"name": "DEPLOY_REGION", "value": "eu-west-1", "created_at": "2025-06-01T00:00:00Z", "updated_at": "2025-06-01T00:00:00Z"}),
        json!({"name": "NODE_VERSION", "value": "22", "created_at": "2025-06-01T00:00:00Z", "updated_at": "2026-05-12T00:00:00Z"}),
    ]
}
