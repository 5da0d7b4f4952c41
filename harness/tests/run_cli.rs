//! `cmbench run` and `cmbench merge` as users run them, on a throwaway corpus built from
//! the mock's test world: a full oracle run, refusing to overwrite, kill and resume, and
//! shards merged back into one run.

mod common;

use harness::record::read_records;
use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn cmbench(root: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cmbench"));
    c.current_dir(root)
        .args(args)
        .args(["--quiet"].iter().filter(|_| args[0] == "run"));
    c
}

fn keys(dir: &Path) -> Vec<String> {
    read_records(dir.join("records.jsonl"))
        .unwrap()
        .iter()
        .map(|r| r.episode_key())
        .collect()
}

#[test]
fn oracle_run_then_refuse_then_resume() {
    let root = common::corpus("full");
    let out = cmbench(&root, &["run", "--trials", "2", "--out", "runs/a"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}\n{}",
        stdout,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.starts_with("16 episodes planned, 0 already recorded, 16 run"),
        "{stdout}"
    );
    let records = read_records(root.join("runs/a/records.jsonl")).unwrap();
    assert_eq!(records.len(), 16);
    assert!(
        records.iter().all(|r| r.success),
        "{:?}",
        records
            .iter()
            .filter(|r| !r.success)
            .map(|r| (&r.task, &r.pipeline, &r.checks))
            .collect::<Vec<_>>()
    );
    assert_eq!(keys(&root.join("runs/a")).into_iter().collect::<HashSet<_>>().len(), 16);
    // The summary table has one row per pipeline.
    for p in ["json-tools", "code-mode", "code-mode-typed", "tool-search"] {
        assert!(
            stdout.lines().any(|l| l.starts_with(p) && l.contains("4/4")),
            "{p}: {stdout}"
        );
    }
    let summary = std::fs::read_to_string(root.join("runs/a/summary.md")).unwrap();
    assert!(
        summary.starts_with("# Run summary\n\n16 episodes: 2 tasks"),
        "{summary}"
    );
    assert!(
        summary.contains("| json-tools | oracle | 4/4 (100%, 95% CI 51-100%) |"),
        "{summary}"
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("runs/a/manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["tasks"], 2);
    assert_eq!(manifest["model"], "oracle");
    assert_eq!(manifest["prompt_hashes"].as_object().unwrap().len(), 4);
    assert_eq!(manifest["spec_hashes"]["test"].as_str().unwrap().len(), 64);

    let again = cmbench(&root, &["run", "--trials", "2", "--out", "runs/a"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("pass --resume"));
    let resumed = cmbench(&root, &["run", "--trials", "2", "--out", "runs/a", "--resume"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&resumed.stdout).starts_with("16 episodes planned, 16 already recorded, 0 run"));
    let other = cmbench(&root, &["run", "--trials", "3", "--out", "runs/a", "--resume"])
        .output()
        .unwrap();
    assert_eq!(other.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&other.stderr).contains("manifests differ in `trials` (set by --trials)"));
    let turns = cmbench(
        &root,
        &[
            "run",
            "--trials",
            "2",
            "--max-turns",
            "3",
            "--out",
            "runs/a",
            "--resume",
        ],
    )
    .output()
    .unwrap();
    assert_eq!(turns.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&turns.stderr).contains("manifests differ in `max_turns` (set by --max-turns)"),
        "{}",
        String::from_utf8_lossy(&turns.stderr)
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn settings_that_cannot_run_are_refused_before_anything_is_written() {
    let root = common::corpus("refuse");
    for (args, message) in [
        (&["--trials", "0"][..], "--trials must be at least 1"),
        (&["--concurrency", "0"][..], "--concurrency must be at least 1"),
        (&["--max-turns", "0"][..], "--max-turns must be at least 1"),
        (&["--sandbox-workers", "100000"][..], "at most 64 worker processes"),
        (
            &["--pipelines", "code-mode,json-tools,code-mode"][..],
            "--pipelines names \"code-mode\" twice",
        ),
    ] {
        let out = cmbench(&root, &[&["run", "--out", "runs/x"][..], args].concat())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(!root.join("runs/x").exists(), "{args:?}: nothing is written");
    }
    // A directory holding a compressed run is a run too: neither overwritten nor re-run.
    std::fs::create_dir_all(root.join("runs/gz")).unwrap();
    std::fs::write(root.join("runs/gz/records.jsonl.gz"), b"").unwrap();
    for resume in [false, true] {
        let args = if resume {
            vec!["run", "--out", "runs/gz", "--resume"]
        } else {
            vec!["run", "--out", "runs/gz"]
        };
        let out = cmbench(&root, &args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("holds a compressed run (records.jsonl.gz)"), "{stderr}");
        assert!(!root.join("runs/gz/manifest.json").exists());
    }
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn killed_run_resumes_without_repeating_or_dropping() {
    let root = common::corpus("kill");
    // Slow episodes down so the kill lands mid-run.
    let args = [
        "run",
        "--trials",
        "2",
        "--out",
        "runs/k",
        "--concurrency",
        "1",
        "--faults",
        "latency=60ms",
    ];
    let mut child = cmbench(&root, &args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let records = root.join("runs/k/records.jsonl");
    let started = Instant::now();
    loop {
        let n = std::fs::read_to_string(&records)
            .map(|t| t.lines().count())
            .unwrap_or(0);
        if n >= 3 || started.elapsed() > Duration::from_secs(120) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let before = std::fs::read_to_string(&records).unwrap().lines().count();
    assert!((3..16).contains(&before), "killed after {before} records");
    let mut resume_args = args.to_vec();
    resume_args.push("--resume");
    let out = cmbench(&root, &resume_args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let all = keys(&root.join("runs/k"));
    assert_eq!(all.len(), 16, "no episode repeated");
    assert_eq!(all.iter().collect::<HashSet<_>>().len(), 16, "no episode dropped");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn shards_merge_into_the_full_run() {
    let root = common::corpus("shard");
    for shard in ["1/2", "2/2"] {
        let dir = format!("runs/s{}", &shard[..1]);
        let out = cmbench(&root, &["run", "--trials", "1", "--shard", shard, "--out", &dir])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let (a, b) = (keys(&root.join("runs/s1")), keys(&root.join("runs/s2")));
    assert_eq!((a.len(), b.len()), (4, 4));
    assert!(a.iter().all(|k| !b.contains(k)), "shards are disjoint");
    let out = cmbench(&root, &["merge", "--out", "runs/m", "runs/s1", "runs/s2", "runs/s1"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("merged 8 records (4 duplicates dropped)"));
    assert_eq!(keys(&root.join("runs/m")).len(), 8);
    let bad = cmbench(&root, &["run", "--model", "gpt"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("expected oracle, openai:<model> or replay:<cassette>"));
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn config_file_sets_defaults_and_the_command_line_wins() {
    let root = common::corpus("config");
    std::fs::write(
        root.join("run.toml"),
        "pipelines = [\"json-tools\"]\ntrials = 2\nout = \"runs/from-config\"\nseed = 11\n",
    )
    .unwrap();
    let out = cmbench(&root, &["run", "--config", "run.toml", "--trials", "1"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // 2 tasks x 1 pipeline (config) x 1 trial (command line wins over the config's 2).
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("2 episodes planned"));
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("runs/from-config/manifest.json")).unwrap()).unwrap();
    assert_eq!(
        (manifest["seed"].as_u64(), manifest["trials"].as_u64()),
        (Some(11), Some(1))
    );
    std::fs::write(root.join("bad.toml"), "trails = 2\n").unwrap();
    let bad = cmbench(&root, &["run", "--config", "bad.toml"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("--config bad.toml") && err.contains("unknown field `trails`"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_tasks_fixture_faults_apply_to_its_episodes() {
    let root = common::corpus("faults");
    // The pagination task again, with its world forced to pages of at most 2 items.
    let capped = common::COUNT_TOML.replace("[answer]", "[fixtures]\nfaults = \"page=2\"\n\n[answer]");
    std::fs::write(root.join("tasks/test/count-records.toml"), capped).unwrap();
    let out = cmbench(
        &root,
        &[
            "run",
            "--trials",
            "1",
            "--pipelines",
            "code-mode",
            "--tasks",
            "count",
            "--out",
            "runs/f",
        ],
    )
    .output()
    .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let records = read_records(root.join("runs/f/records.jsonl")).unwrap();
    assert!(records[0].success, "{:?}", records[0].checks);
    // 7 records in pages of 2 (not the 3 the solution asks for): 4 requests.
    assert_eq!(records[0].api.calls, 4);
    let _ = std::fs::remove_dir_all(&root);
}
