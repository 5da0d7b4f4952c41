//! `cmbench tasks check` / `list` on a throwaway corpus: a world copied from the mock test
//! world and a handful of tasks, good and bad in the ways the check must catch.

mod common;

use harness::task::corpus::{ProblemKind, TaskReport};
use harness::task::{CheckOptions, Difficulty, Listing, Pattern, check_corpus, load_dir_all};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Pauses every active zone that is not paused; its fixtures add a zone the world lacks.
const GOOD: &str = r#"
title = "Pause the active zones"
prompt = "Pause every active zone that is not paused yet and tell me which."
pattern = "fan-out-writes"
difficulty = "medium"
allowed_writes = ["/zones"]

[fixtures.collections]
"/zones" = [
  { id = "z1", name = "example.com", status = "active", paused = false },
  { id = "z9", name = "extra.io", status = "active", paused = false },
  { id = "z3", name = "alpha.net", status = "active", paused = true },
]

[[check]]
kind = "absent"
collection = "/zones"
where = { status = "active", paused = false }

[[check]]
kind = "unchanged"
collection = "/customers"

[answer]
contains = ["example.com", "extra.io"]
excludes = ["alpha.net"]
"#;

const GOOD_JS: &str = "async () => {
  const zones = (await api.request({ method: 'GET', path: '/zones' })).body.result;
  const open = zones.filter(z => z.status === 'active' && !z.paused);
  await Promise.all(open.map(z => api.request({ method: 'PATCH', path: `/zones/${z.id}`, body: { paused: true } })));
  return `Paused ${open.map(z => z.name).join(', ')}`;
}";

/// Its only check already holds before anything happens.
const VACUOUS: &str = r#"
title = "Count zones"
prompt = "How many zones do I have?"
pattern = "single-lookup"
difficulty = "easy"
allowed_writes = ["/zones"]

[[check]]
kind = "absent"
collection = "/zones"
where = { name = "nope.example" }
"#;

const VACUOUS_JS: &str = "async () => (await api.request({ method: 'GET', path: '/zones' })).body.result.length";

/// Its reference solution also edits a zone the task says must stay as it is, and
/// tool-search's ideal agent needs more turns than its cap.
const BREAKS: &str = r#"
title = "Pause example.com"
prompt = "Pause example.com and leave the other zones alone."
pattern = "single-lookup"
difficulty = "easy"
allowed_writes = ["/zones"]
max_turns = 3

[[check]]
kind = "changed"
collection = "/zones"
id = "z1"
where = { paused = true }

[[check]]
kind = "unchanged"
collection = "/zones"
id = "z3"
note = "alpha.net is left alone"
"#;

const BREAKS_JS: &str = "async () => {
  await api.request({ method: 'PATCH', path: '/zones/z1', body: { paused: true } });
  await api.request({ method: 'PATCH', path: '/zones/z3', body: { plan: 'business' } });
  return null;
}";

/// Two tasks judged the same way (notes and check order aside).
const TWIN_A: &str = r#"
title = "Upgrade example.org"
prompt = "Move example.org to the business plan."
pattern = "single-lookup"
difficulty = "easy"
allowed_writes = ["/zones"]

[[check]]
kind = "changed"
collection = "/zones"
id = "z2"
where = { plan = "business" }
note = "upgraded"

[[check]]
kind = "unchanged"
collection = "/customers"
"#;

const TWIN_B: &str = r#"
title = "Business plan for the pending zone"
prompt = "The pending zone needs the business plan."
pattern = "sequential-chain"
difficulty = "medium"
allowed_writes = ["/zones"]

[[check]]
kind = "unchanged"
collection = "/customers"

[[check]]
kind = "changed"
collection = "/zones"
id = "z2"
where = { plan = "business" }
"#;

const TWIN_JS: &str = "async () => { await api.request({ method: 'PATCH', path: '/zones/z2', body: { plan: 'business' } }); return 'done'; }";

/// Sends a query parameter the spec does not declare (json-tools could not express it)
/// and checks a collection the world does not have.
const ODD: &str = r#"
title = "Red zones"
prompt = "Which zones are red?"
pattern = "large-result-filtering"
difficulty = "hard"

[[check]]
kind = "unchanged"
collection = "/zone"

[answer]
contains = ["example.com"]
"#;

const ODD_JS: &str = "async () => (await api.request({ method: 'GET', path: '/zones', query: { colour: 'red' } })).body.result.map(z => z.name).join(', ')";

/// A corpus under a fresh temp dir: `specs/test/` and `tasks/{test,nowhere}/`.
fn corpus(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("cmbench-corpus-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let world = root.join("specs/test");
    std::fs::create_dir_all(&world).unwrap();
    for f in ["openapi.json", "fixtures.json"] {
        std::fs::copy(common::world_dir().join(f), world.join(f)).unwrap();
    }
    let tasks = root.join("tasks");
    let files = [
        ("test/pause-active", GOOD, GOOD_JS),
        ("test/count-zones", VACUOUS, VACUOUS_JS),
        ("test/pause-one", BREAKS, BREAKS_JS),
        ("test/upgrade-a", TWIN_A, TWIN_JS),
        ("test/upgrade-b", TWIN_B, TWIN_JS),
        ("nowhere/find-it", VACUOUS, VACUOUS_JS),
        ("test/odd", ODD, ODD_JS),
    ];
    for (id, toml, js) in files {
        let path = tasks.join(id);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path.with_extension("toml"), toml).unwrap();
        std::fs::write(path.with_extension("js"), js).unwrap();
    }
    root
}

fn options(root: &Path) -> CheckOptions {
    let mut o = CheckOptions::new(root.join("tasks"), root.join("specs"));
    o.worker_bin = PathBuf::from(env!("CARGO_BIN_EXE_cmbench"));
    o.limits = common::test_limits();
    o
}

fn find<'a>(reports: &'a [TaskReport], id: &str) -> &'a TaskReport {
    reports
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no report for {id}"))
}

fn messages(r: &TaskReport) -> String {
    r.problems
        .iter()
        .map(|p| p.message.as_str())
        .collect::<Vec<_>>()
        .join(" | ")
}

#[tokio::test]
async fn check_passes_good_tasks_and_names_every_broken_one() {
    let root = corpus("check");
    let mut seen = Vec::new();
    let report = check_corpus(&options(&root), &mut |r| seen.push(r.id.clone()))
        .await
        .unwrap();
    assert_eq!(seen.len(), 7, "{seen:?}");
    assert_eq!(report.corpus, 7);
    let t = &report.tasks;

    // The good task passes, with its fixture overrides applied (extra.io exists only there).
    let good = find(t, "test/pause-active");
    assert!(good.ok(), "{}", messages(good));
    assert_eq!(good.requests, 3);
    assert!(good.to_string().starts_with("ok    test/pause-active"), "{good}");

    let vacuous = find(t, "test/count-zones");
    assert!(messages(vacuous).contains("vacuous"), "{}", messages(vacuous));
    assert!(vacuous.problems.iter().all(|p| p.kind == ProblemKind::Task));

    let breaks = find(t, "test/pause-one");
    let m = messages(breaks);
    assert!(
        m.contains("after the reference solution, check fails: alpha.net is left alone"),
        "{m}"
    );
    assert!(!m.contains("vacuous"), "{m}");
    assert!(
        m.contains("tool-search: the oracle needs 4 turns but the turn cap is 3"),
        "{m}"
    );
    assert_eq!(breaks.problems.len(), 2, "{m}");
    assert!(breaks.to_string().starts_with("FAIL  test/pause-one  "), "{breaks}");
    assert!(breaks.to_string().contains("pause-one.toml"), "{breaks}");

    for (id, twin) in [
        ("test/upgrade-a", "test/upgrade-b"),
        ("test/upgrade-b", "test/upgrade-a"),
    ] {
        let r = find(t, id);
        assert_eq!(r.problems.len(), 1, "{}", messages(r));
        assert!(messages(r).contains(&format!("as {twin}")), "{}", messages(r));
    }

    let lost = find(t, "nowhere/find-it");
    assert!(lost.file.ends_with("tasks/nowhere/find-it.toml"));
    assert_eq!(lost.problems[0].kind, ProblemKind::Input);
    let m = messages(lost);
    assert!(
        m.contains("world \"nowhere\"") && m.contains("available worlds") && m.contains("test"),
        "{m}"
    );

    let odd = find(t, "test/odd");
    let m = messages(odd);
    assert!(
        m.contains("check[0].collection \"/zone\" names no collection of world \"test\""),
        "{m}"
    );
    for p in ["json-tools", "tool-search"] {
        assert!(
            m.contains(&format!("{p}: the oracle cannot plan")) && m.contains("colour"),
            "{m}"
        );
    }
    assert!(!m.contains("code-mode"), "{m}");

    assert!(!report.passed());
    assert_eq!(report.exit_code(), 2, "a missing world is unusable input");
    assert!(
        report
            .summary()
            .starts_with("7 task(s) checked: 1 ok, 6 failed (2 with unusable input)"),
        "{}",
        report.summary()
    );
}

#[test]
fn list_counts_the_corpus() {
    let root = corpus("list");
    let (tasks, errors) = load_dir_all(&root.join("tasks"));
    assert!(errors.is_empty(), "{errors:?}");
    let l = Listing::new(&tasks);
    assert_eq!(l.rows.len(), 7);
    assert_eq!(l.worlds(), vec!["nowhere", "test"]);
    assert_eq!(l.count_pattern(Some("test"), Pattern::SingleLookup), 3);
    assert_eq!(l.count_pattern(None, Pattern::SingleLookup), 4);
    assert_eq!(l.count_pattern(Some("test"), Pattern::FanOutWrites), 1);
    assert_eq!(l.count_pattern(Some("nowhere"), Pattern::Pagination), 0);
    assert_eq!(l.count_difficulty(None, Difficulty::Easy), 4);
    assert_eq!(l.count_difficulty(Some("test"), Difficulty::Medium), 2);
    assert_eq!(l.count_difficulty(None, Difficulty::Hard), 1);
    assert_eq!(l.count_pattern(Some("test"), Pattern::LargeResultFiltering), 1);
    let json = l.json();
    assert_eq!(json["total"], 7);
    assert_eq!(json["counts"]["pattern"]["test"]["single-lookup"], 3);
    assert_eq!(json["counts"]["difficulty"]["nowhere"]["easy"], 1);
    assert_eq!(json["tasks"][0]["id"], "nowhere/find-it");
    let table = l.table();
    assert!(table.contains("test/pause-active  fan-out-writes"), "{table}");
    assert!(table.contains("writes"), "{table}");
    let row = table.lines().find(|l| l.starts_with("single-lookup")).unwrap();
    assert_eq!(
        row.split_whitespace().collect::<Vec<_>>(),
        ["single-lookup", "1", "3", "4"]
    );
    assert!(
        table.contains("test/odd           large-result-filtering  hard        read-only  Red zones"),
        "{table}"
    );
}

fn cmbench(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_cmbench")).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_binary_exits_0_1_or_2() {
    let root = corpus("cli");
    let tasks = root.join("tasks");
    let specs = root.join("specs");
    let (t, s) = (tasks.to_str().unwrap(), specs.to_str().unwrap());

    let (code, out, err) = cmbench(&["tasks", "check", "--tasks", t, "--specs", s, "--filter", "pause-active"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("ok    test/pause-active"), "{out}");
    assert!(
        out.contains("1 task(s) checked: 1 ok, 0 failed; 7 task file(s) in the corpus"),
        "{out}"
    );

    let (code, out, err) = cmbench(&["tasks", "check", "--tasks", t, "--specs", s, "--filter", "count-zones"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.starts_with("FAIL  test/count-zones"), "{out}");
    let (code, out, _) = cmbench(&[
        "tasks",
        "check",
        "--tasks",
        t,
        "--specs",
        s,
        "--filter",
        "count-zones",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!((v["exit_code"].as_u64(), v["corpus"].as_u64()), (Some(1), Some(7)));
    assert_eq!(v["tasks"][0]["id"], "test/count-zones");
    assert_eq!(v["tasks"][0]["problems"][0]["kind"], "task");

    // A task file the loader rejects is reported with the rest; exit 2.
    std::fs::write(tasks.join("test/typo.toml"), GOOD.replace("difficulty", "dificulty")).unwrap();
    std::fs::write(tasks.join("test/typo.js"), GOOD_JS).unwrap();
    let (code, out, err) = cmbench(&["tasks", "check", "--tasks", t, "--specs", s, "--filter", "t"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.contains("FAIL  test/typo") && out.contains("dificulty"), "{out}");
    assert!(out.contains("ok    test/pause-active"), "{out}");
    assert!(out.contains("FAIL  nowhere/find-it"), "{out}");

    let (code, _, err) = cmbench(&["tasks", "check", "--tasks", t, "--specs", s, "--filter", "zzz"]);
    assert_eq!(code, 2);
    assert!(err.contains("matches no task"), "{err}");

    let empty = root.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let (code, _, err) = cmbench(&["tasks", "check", "--tasks", empty.to_str().unwrap(), "--specs", s]);
    assert_eq!(code, 2);
    assert!(err.contains("no task files"), "{err}");

    std::fs::remove_file(tasks.join("test/typo.toml")).unwrap();
    std::fs::remove_file(tasks.join("test/typo.js")).unwrap();
    let (code, out, err) = cmbench(&["tasks", "list", "--tasks", t, "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().next(), Some("id,world,pattern,difficulty,access,title"));
    assert!(
        out.contains("\ntest/count-zones,test,single-lookup,easy,writes,Count zones\n"),
        "{out}"
    );
    let (code, out, _) = cmbench(&["tasks", "list", "--tasks", t, "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"], 7);
}
