//! `cmbench worlds` as a process: `generate --check` on the committed worlds, `pad`, and bad input.

use std::path::PathBuf;
use std::process::Command;

fn cmbench() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cmbench"))
}

fn specs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

#[test]
fn generate_check_passes_on_the_committed_edge_world() {
    let out = cmbench()
        .args(["worlds", "generate", "edge", "--check", "--specs-dir"])
        .arg(specs_dir())
        .output()
        .expect("cmbench runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout.matches("up to date").count(), 2, "{stdout}");
}

#[test]
fn generate_names_the_file_and_field_of_a_bad_description() {
    let dir = std::env::temp_dir().join(format!("cmbench-worlds-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("bad")).expect("temp dir");
    std::fs::write(
        dir.join("bad/resources.toml"),
        "title='t'\nversion='1'\nserver='https://x/v1'\ndescription='d'\n[tags]\nA='a'\n[[resource]]\nid='a'\nname='a'\ntag='A'\npath='/a'\nitem='a_id'\nops='list'\nfields=['id uuidish | x']\n",
    )
    .expect("write");
    let out = cmbench()
        .args(["worlds", "generate", "bad", "--specs-dir"])
        .arg(&dir)
        .output()
        .expect("cmbench runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("resources.toml: resource[0] (\"a\").fields[0]") && stderr.contains("uuidish"),
        "{stderr}"
    );
    assert!(!dir.join("bad/openapi.json").exists(), "nothing written on bad input");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn pad_prints_a_spec_with_n_more_operations() {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mock_world/openapi.json");
    let out = cmbench()
        .args(["worlds", "pad", "--ops", "40", "--seed", "2", "--spec"])
        .arg(&spec)
        .output()
        .expect("cmbench runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let padded: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let count = |doc: &serde_json::Value| -> usize {
        doc["paths"]
            .as_object()
            .expect("paths")
            .values()
            .map(|item| {
                item.as_object()
                    .expect("item")
                    .keys()
                    .filter(|k| *k != "parameters")
                    .count()
            })
            .sum()
    };
    let original: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&spec).expect("spec")).expect("json");
    assert_eq!(count(&padded), count(&original) + 40);
    let bad = cmbench()
        .args(["worlds", "pad", "--ops", "5", "--spec", "/nonexistent/openapi.json"])
        .output()
        .expect("cmbench runs");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("/nonexistent/openapi.json"));
}
