//! `cmbench surface` as users run it: output formats and exit codes.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/specs")
        .join(name)
        .display()
        .to_string()
}

fn cmbench(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cmbench"))
        .args(args)
        .output()
        .expect("cmbench runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn json_format_is_one_object_of_the_documented_shape() {
    let spec = fixture("petstore-3.0.json");
    let out = cmbench(&["surface", "--spec", &spec, "--format", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "exactly one JSON line: {text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        v,
        serde_json::json!({
            "spec": {"path": spec, "format": "openapi-3.0", "operations": 6, "paths": 4},
            "encoding": "o200k_base",
            "surfaces": [
                {"name": "json-tools", "variant": "full", "tools": 6, "tokens": 376},
                {"name": "json-tools", "variant": "required-only", "tools": 6, "tokens": 297},
                {"name": "code-mode", "variant": "default", "tools": 2, "tokens": 751},
                {"name": "code-mode-typed", "variant": "default", "tools": 1, "tokens": 647}
            ]
        })
    );
}

#[test]
fn csv_and_table_formats() {
    let spec = fixture("tracker-3.1.yaml");
    let out = cmbench(&[
        "surface",
        "--spec",
        &spec,
        "--format",
        "csv",
        "--encoding",
        "cl100k_base",
    ]);
    assert!(out.status.success());
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "spec,format,operations,paths,encoding,surface,variant,tools,tokens,bytes"
    );
    assert_eq!(lines.len(), 5);
    assert!(
        lines[3].ends_with(",openapi-3.1,3,2,cl100k_base,code-mode,default,2,745,3003"),
        "{}",
        lines[3]
    );
    let table = stdout(&cmbench(&["surface", "--spec", &spec]));
    assert!(
        table.contains("operations  3 on 2 paths (1 ids synthesised)"),
        "{table}"
    );
    assert!(
        table.contains("code-mode        default             2          755"),
        "{table}"
    );
}

#[test]
fn dump_prints_the_exact_tools_json() {
    let spec = fixture("legacy-swagger-2.0.json");
    let out = cmbench(&["surface", "--spec", &spec, "--dump", "json-tools:required-only"]);
    assert!(out.status.success());
    let tools: Vec<Value> = serde_json::from_str(stdout(&out).trim_end()).unwrap();
    assert_eq!(tools.len(), 3);
    assert_eq!(tools[1]["function"]["name"], "uploadFile");
    let bad = cmbench(&["surface", "--spec", &spec, "--dump", "nope"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown surface \"nope\" (known: json-tools:full"));
}

#[test]
fn bad_input_exits_2_naming_the_file() {
    for (file, needle) in [
        ("malformed/trailing-comma.json", "trailing-comma.json:6:3: invalid JSON"),
        (
            "malformed/dangling-ref.json",
            "dangling-ref.json:8: at /paths/~1a/get/responses/200",
        ),
        ("does-not-exist.yaml", "does-not-exist.yaml: cannot read"),
    ] {
        let out = cmbench(&["surface", "--spec", &fixture(file)]);
        assert_eq!(out.status.code(), Some(2), "{file}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("error: ") && err.contains(needle), "{file}: {err}");
        assert!(out.stdout.is_empty());
    }
    let bad_encoding = cmbench(&["surface", "--spec", &fixture("petstore-3.0.json"), "--encoding", "gpt2"]);
    assert_eq!(bad_encoding.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_encoding.stderr).contains("unknown encoding \"gpt2\""));
}
