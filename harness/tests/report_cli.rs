//! `cmbench report` on a synthetic run built from the committed baseline: two models, three
//! trials, failures of several classes and hostile strings in task ids, answers and tool
//! results. Checks every format's files, the tables' row counts, the HTML's escaping and the
//! errors for bad input.

use harness::record::{FailureClass, Record, RecordWriter, Termination, read_records};
use polars::prelude::{ParquetReader, SerReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const HOSTILE: &str = "</script><script>alert(1)</script><!-- </SCRIPT > & a|b \u{2028}";

fn cmbench(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cmbench")).args(args).output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn baseline() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../reports/baseline")
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cmbench-report-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The baseline's episodes for two models and three trials, with failures and hostile text.
fn synthetic_run(dir: &Path) -> Vec<Record> {
    let base = read_records(harness::record::records_file(&baseline())).unwrap();
    let mut out = Vec::new();
    for (m, model) in ["oracle", "openai:test-model"].iter().enumerate() {
        for trial in 0..3u32 {
            for (i, r) in base.iter().enumerate() {
                let mut r = r.clone();
                r.model = model.to_string();
                r.trial = trial;
                if m == 1 && (i + trial as usize).is_multiple_of(4) {
                    r.success = false;
                    r.failure_class = Some(if i.is_multiple_of(2) {
                        FailureClass::WrongEndpoint
                    } else {
                        FailureClass::RuntimeException
                    });
                    r.termination = if i.is_multiple_of(3) {
                        Termination::MaxTurns
                    } else {
                        Termination::Answered
                    };
                }
                if i == 0 {
                    r.task = format!("edge/{HOSTILE}");
                    r.answer = HOSTILE.to_string();
                    if let Some(c) = r.turns.first_mut().and_then(|t| t.tool_calls.first_mut()) {
                        c.result = format!("{HOSTILE} {}", "x".repeat(9000));
                    }
                }
                out.push(r);
            }
        }
    }
    let w = RecordWriter::append(dir.join("records.jsonl")).unwrap();
    for r in &out {
        w.write(r).unwrap();
    }
    std::fs::copy(baseline().join("manifest.json"), dir.join("manifest.json")).unwrap();
    out
}

fn lines(path: &Path) -> usize {
    std::fs::read_to_string(path).unwrap().lines().count()
}

#[test]
fn report_writes_every_table_format_with_matching_row_counts() {
    let dir = temp("formats");
    let records = synthetic_run(&dir);
    let turns: usize = records.iter().map(|r| r.turns.len()).sum();
    let run = dir.display().to_string();
    let o = cmbench(&["report", &run, "--formats", "md,csv,parquet,html"]);
    assert!(o.status.success(), "{}", text(&o));
    let report = dir.join("report");
    let listed = String::from_utf8_lossy(&o.stdout).to_string();
    for f in [
        "report.md",
        "report.html",
        "episodes.csv",
        "turns.csv",
        "groups.csv",
        "episodes.parquet",
        "turns.parquet",
        "groups.parquet",
    ] {
        assert!(report.join(f).is_file(), "{f} missing");
        assert!(listed.contains(f), "{f} not listed: {listed}");
    }
    // One CSV line per episode / turn plus the header (no field of these tables holds a newline).
    assert_eq!(lines(&report.join("episodes.csv")), records.len() + 1);
    assert_eq!(lines(&report.join("turns.csv")), turns + 1);
    let height = |f: &str| {
        ParquetReader::new(std::fs::File::open(report.join(f)).unwrap())
            .finish()
            .unwrap()
            .height()
    };
    assert_eq!(height("episodes.parquet"), records.len());
    assert_eq!(height("turns.parquet"), turns);
    // Groups: 4 pipelines x 2 models overall, plus per pattern, world and task.
    let groups = std::fs::read_to_string(report.join("groups.csv")).unwrap();
    assert_eq!(groups.lines().filter(|l| l.starts_with("all,")).count(), 8, "{groups}");

    let md = std::fs::read_to_string(report.join("report.md")).unwrap();
    for needle in [
        "## Per pipeline and model",
        "## Input tokens by source",
        "## Latency by component",
        "## Paired comparisons",
        "### json-tools (openai:test-model) vs code-mode (openai:test-model)",
        "## Failure classes",
        "wrong_endpoint",
        "runtime_exception",
        "## Termination reasons",
        "max_turns",
        "## Per task",
        "Costs use the `gpt-4o` profile's prices.",
    ] {
        assert!(md.contains(needle), "report.md lacks {needle:?}:\n{md}");
    }
    // Success per pipeline and model as counted from the records; the test model has failures.
    for model in ["oracle", "openai:test-model"] {
        let of: Vec<&Record> = records
            .iter()
            .filter(|r| r.pipeline == "json-tools" && r.model == model)
            .collect();
        let ok = of.iter().filter(|r| r.success).count();
        let row = format!("| json-tools | {model} | {ok}/{} (", of.len());
        assert!(md.contains(&row), "{row}\n{md}");
    }
    let failed = |m: &str| records.iter().filter(|r| r.model == m && !r.success).count();
    assert!(failed("openai:test-model") > failed("oracle"));
    assert!(md.contains("\\|"), "pipes in cells must be escaped");
}

#[test]
fn html_report_is_self_contained_and_escapes_hostile_text() {
    let dir = temp("html");
    let records = synthetic_run(&dir);
    let out = dir.join("out");
    let o = cmbench(&[
        "report",
        &dir.display().to_string(),
        "--formats",
        "html",
        "--out",
        &out.display().to_string(),
    ]);
    assert!(o.status.success(), "{}", text(&o));
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    // The headline table, then the charts, then the breakdowns: the top of the page shows both.
    let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("no {needle}"));
    assert!(at("<table class=\"summary\"") < at("<h2 id=\"charts\">"));
    assert!(at("<h2 id=\"charts\">") < at("<h2 id=\"breakdowns\">"));
    assert_eq!(
        html[..at("<h2 id=\"breakdowns\">")]
            .matches("<table class=\"summary\"")
            .count(),
        1
    );
    let lower = html.to_lowercase();
    // Exactly our two script elements: no record text closes one or opens another.
    assert_eq!(lower.matches("<script").count(), 2, "script openings");
    assert_eq!(lower.matches("</script").count(), 2, "script closings");
    assert!(!html.contains(HOSTILE));
    assert!(
        html.contains("&lt;/script&gt;&lt;script&gt;alert(1)"),
        "table cells escape task ids"
    );
    // Nothing loaded from elsewhere.
    for external in ["src=", "href=\"http", "@import", "url("] {
        assert!(!lower.contains(external), "external reference {external:?}");
    }
    // The embedded data parses back to every episode, hostile text intact, long text cut.
    let start = html.find("id=\"cmbench-data\">").unwrap() + "id=\"cmbench-data\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    let data: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    let eps = data["episodes"].as_array().unwrap();
    assert_eq!(eps.len(), records.len());
    assert_eq!(eps[0]["answer"], HOSTILE);
    let result = eps[0]["turns"][0]["tool_calls"][0]["result"].as_str().unwrap();
    assert!(
        result.starts_with(HOSTILE) && result.contains("more characters not embedded"),
        "{result:.200}"
    );
    for id in [
        "episode-rows",
        "f-task",
        "f-pipeline",
        "f-model",
        "f-outcome",
        "episode-detail",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
    }
}

#[test]
fn bad_inputs_get_clear_errors() {
    let dir = temp("bad");
    let o = cmbench(&["report", &dir.display().to_string()]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("no records.jsonl"), "{}", text(&o));

    synthetic_run(&dir);
    let o = cmbench(&["report", &dir.display().to_string(), "--formats", "md,pdf"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("unknown format \"pdf\""), "{}", text(&o));

    let o = cmbench(&["report", &dir.display().to_string(), "--profile", "no-such-profile"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("no-such-profile"), "{}", text(&o));

    std::fs::write(dir.join("manifest.json"), "{\"record_schema\": 1").unwrap();
    let o = cmbench(&["report", &dir.display().to_string(), "--formats", "md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("manifest.json: not a run manifest"), "{}", text(&o));

    let newer = temp("newer");
    let mut r = serde_json::to_value(&read_records(harness::record::records_file(&baseline())).unwrap()[0]).unwrap();
    r["schema"] = 2.into();
    std::fs::write(newer.join("records.jsonl"), format!("{r}\n")).unwrap();
    let o = cmbench(&["report", &newer.display().to_string()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).contains("record schema 2 is newer than this harness reads"),
        "{}",
        text(&o)
    );
}
