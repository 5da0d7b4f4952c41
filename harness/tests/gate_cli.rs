//! `cmbench gate` and `cmbench compare` on real runs: a run passes against itself, a
//! deliberately regressed copy fails with Markdown and JUnit reports, and two pipelines of
//! one run compare pairwise.

mod common;

use harness::record::{RecordWriter, read_records};
use std::path::Path;
use std::process::{Command, Output};

fn cmbench(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cmbench"))
        .current_dir(root)
        .args(args)
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn gate_passes_unchanged_runs_and_fails_regressed_ones() {
    let root = common::corpus("gate");
    let run = cmbench(
        &root,
        &[
            "run",
            "--quiet",
            "--trials",
            "2",
            "--pipelines",
            "json-tools,code-mode",
            "--out",
            "runs/base",
        ],
    );
    assert!(run.status.success(), "{}", text(&run));

    let same = cmbench(
        &root,
        &[
            "gate",
            "--baseline",
            "runs/base",
            "--current",
            "runs/base",
            "--out",
            "runs/g1",
        ],
    );
    assert!(same.status.success(), "{}", text(&same));
    assert!(String::from_utf8_lossy(&same.stdout).starts_with("## cmbench gate: passed"));
    let xml = std::fs::read_to_string(root.join("runs/g1/gate.xml")).unwrap();
    assert!(xml.contains("failures=\"0\"") && xml.contains("tests=\"6\""), "{xml}");

    // Regress: +20% tool-result tokens and 400 more history tokens per turn everywhere, and
    // code-mode fails the pagination task.
    let mut records = read_records(root.join("runs/base/records.jsonl")).unwrap();
    for r in &mut records {
        for t in &mut r.turns {
            t.input.tool_results = t.input.tool_results * 12 / 10 + 50;
            t.input.history += 400;
        }
        if r.pipeline == "code-mode" && r.task.ends_with("count-records") {
            r.success = false;
        }
    }
    std::fs::create_dir_all(root.join("runs/bad")).unwrap();
    let w = RecordWriter::append(root.join("runs/bad/records.jsonl")).unwrap();
    for r in &records {
        w.write(r).unwrap();
    }
    let bad = cmbench(
        &root,
        &[
            "gate",
            "--baseline",
            "runs/base",
            "--current",
            "runs/bad",
            "--max-token-increase",
            "5%",
        ],
    );
    assert_eq!(bad.status.code(), Some(1), "{}", text(&bad));
    let md = std::fs::read_to_string(root.join("runs/bad/gate.md")).unwrap();
    assert!(md.starts_with("## cmbench gate: FAILED"), "{md}");
    assert!(
        md.contains("| code-mode (oracle) | success | **FAIL** | 4/4 -> 2/4 (-50.0 pp; deterministic runs)"),
        "{md}"
    );
    assert!(md.contains("| json-tools (oracle) | tokens | **FAIL**"), "{md}");
    assert!(md.contains("| json-tools (oracle) | success | ok"), "{md}");
    let xml = std::fs::read_to_string(root.join("runs/bad/gate.xml")).unwrap();
    assert!(xml.contains("failures=\"3\""), "{xml}");
    // A looser bound lets the token increase through but not the success drop.
    let loose = cmbench(
        &root,
        &[
            "gate",
            "--baseline",
            "runs/base",
            "--current",
            "runs/bad",
            "--max-token-increase",
            "60%",
        ],
    );
    assert_eq!(loose.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&loose.stdout).contains("| json-tools (oracle) | tokens | ok"));

    // A current run missing baseline episodes fails coverage.
    std::fs::create_dir_all(root.join("runs/part")).unwrap();
    let w = RecordWriter::append(root.join("runs/part/records.jsonl")).unwrap();
    for r in read_records(root.join("runs/base/records.jsonl"))
        .unwrap()
        .iter()
        .filter(|r| r.trial == 0)
    {
        w.write(r).unwrap();
    }
    let part = cmbench(&root, &["gate", "--baseline", "runs/base", "--current", "runs/part"]);
    assert_eq!(part.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&part.stdout).contains("| coverage | **FAIL** | 2 of 4 baseline episodes"));

    let cmp = cmbench(
        &root,
        &[
            "compare",
            "runs/base",
            "--a-pipeline",
            "json-tools",
            "--b-pipeline",
            "code-mode",
        ],
    );
    assert!(cmp.status.success(), "{}", text(&cmp));
    let out = String::from_utf8_lossy(&cmp.stdout);
    assert!(out.starts_with("### json-tools vs code-mode"), "{out}");
    assert!(
        out.contains("4 paired episodes. Success: json-tools 4/4 (100.0%), code-mode 4/4 (100.0%)"),
        "{out}"
    );
    assert!(out.contains("| input tokens |"), "{out}");
    let none = cmbench(&root, &["compare", "runs/base"]);
    assert_eq!(none.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&root);
}
