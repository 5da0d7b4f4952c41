//! Task files: loading, validation errors that name file and field, and check evaluation.

use harness::task::{self, Difficulty, Pattern};
use serde_json::json;
use std::path::{Path, PathBuf};

fn temp_tasks(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cmbench-tasks-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("demo")).unwrap();
    dir
}

fn write(dir: &Path, file: &str, text: &str) {
    std::fs::write(dir.join("demo").join(file), text).unwrap();
}

const TASK: &str = r#"
title = "Block the noisy IP"
prompt = "Something at 1.2.3.4 is hammering zone z1. Block it and tell me how many requests it made."
tags = ["security"]
pattern = "large-result-filtering"
difficulty = "medium"
allowed_writes = ["/zones/*/rules"]

[fixtures.collections]
"/zones/z1/rules" = []

[[check]]
kind = "exists"
collection = "/zones/z1/rules"
where = { mode = "block", ip = "1.2.3.4" }
count = 1
note = "exactly one block rule for 1.2.3.4"

[[check]]
kind = "unchanged"
collection = "/users"

[answer]
number = 1204
"#;

const SOLUTION: &str = "async () => { await api.request({ method: 'POST', path: '/zones/z1/rules', body: { mode: 'block', ip: '1.2.3.4' } }); return 'blocked; 1,204 requests'; }\n";

#[test]
fn a_throwaway_task_loads_and_judges() {
    let dir = temp_tasks("ok");
    write(&dir, "block-noisy-ip.toml", TASK);
    write(&dir, "block-noisy-ip.js", SOLUTION);
    let tasks = task::load_dir(&dir).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(tasks.len(), 1);
    let t = &tasks[0];
    assert_eq!((t.id.as_str(), t.world.as_str()), ("demo/block-noisy-ip", "demo"));
    assert_eq!(
        (t.pattern, t.difficulty),
        (Pattern::LargeResultFiltering, Difficulty::Medium)
    );
    assert_eq!(t.fixtures, Some(json!({"collections": {"/zones/z1/rules": []}})));
    assert!(!t.read_only());
    assert_eq!(t.solution, SOLUTION);

    let start = json!({"collections": {"/zones/z1/rules": {}, "/users": {"u1": {"id": "u1"}}}});
    // The untouched world fails: the task is not vacuous.
    let untouched = task::evaluate(t, &start, &start, "");
    assert!(!task::check::passed(&untouched));
    assert_eq!(
        untouched.state_failed,
        vec!["exactly one block rule for 1.2.3.4: 0 match(es), expected exactly 1"]
    );
    let mut end = start.clone();
    end["collections"]["/zones/z1/rules"]["r9"] = json!({"id": "r9", "mode": "block", "ip": "1.2.3.4"});
    let good = task::evaluate(t, &start, &end, "Blocked it. It made 1,204 requests.");
    assert!(task::check::passed(&good), "{good:?}");
    assert_eq!(good.state_passed, 2);
    let wrong_answer = task::evaluate(t, &start, &end, "Blocked it.");
    assert_eq!(wrong_answer.answer_passed, Some(false));
    assert!(
        wrong_answer
            .answer_error
            .unwrap()
            .contains("no number within 0 of 1204")
    );
    end["collections"]["/users"]["u1"]["name"] = json!("renamed");
    let damage = task::evaluate(t, &start, &end, "1204");
    assert_eq!(damage.collateral, vec!["changed /users [u1]"]);
    assert!(!task::check::passed(&damage));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn mistakes_name_the_file_and_field() {
    let cases: [(&str, &str, &str); 5] = [
        (
            &TASK.replace("difficulty = \"medium\"", "difficulty = \"brutal\""),
            SOLUTION,
            "unknown variant `brutal`",
        ),
        (
            &TASK.replace("tags = [\"security\"]", "tag = [\"security\"]"),
            SOLUTION,
            "unknown field `tag`",
        ),
        (
            &TASK.replace("allowed_writes = [\"/zones/*/rules\"]", ""),
            SOLUTION,
            "check[0] (exists) needs writes to \"/zones/z1/rules\", but allowed_writes does not cover it",
        ),
        (
            &TASK.replace("number = 1204", "tolerance = 1"),
            SOLUTION,
            "answer: give `contains` or `number`",
        ),
        (TASK, "   \n", "reference solution"),
    ];
    for (i, (toml_text, js, needle)) in cases.iter().enumerate() {
        let dir = temp_tasks(&format!("bad{i}"));
        write(&dir, "t.toml", toml_text);
        write(&dir, "t.js", js);
        let errors = task::load_dir(&dir).unwrap_err();
        assert_eq!(errors.len(), 1);
        let msg = errors[0].to_string();
        assert!(msg.contains("demo/t.toml"), "names the file: {msg}");
        assert!(msg.contains(needle), "case {i}: {msg}");
        let _ = std::fs::remove_dir_all(&dir);
    }
    // TOML syntax errors carry the line.
    let dir = temp_tasks("syntax");
    write(&dir, "t.toml", "title = \"x\"\nprompt = \n");
    write(&dir, "t.js", SOLUTION);
    let msg = task::load_dir(&dir).unwrap_err()[0].to_string();
    assert!(msg.contains("line 2"), "{msg}");
    // A solution without a task file is reported, not skipped.
    write(&dir, "orphan.js", SOLUTION);
    let msgs: Vec<String> = task::load_dir(&dir)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("orphan.js: reference solution without a task file")),
        "{msgs:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
