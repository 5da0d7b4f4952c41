//! Charts of a run (SVG and 1600x900 PNG) on a messy synthetic run, the edge cases (one
//! pipeline, zero tokens, long task ids, empty runs, no prices), `cmbench charts`, and a small
//! `cmbench sweep` end to end.

mod common;

use harness::model::profile::{Prices, Profile};
use harness::record::{Record, RecordWriter, read_records};
use harness::report::charts::{self, HEIGHT, Pricing, WIDTH};
use std::path::{Path, PathBuf};
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

fn baseline() -> Vec<Record> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../reports/baseline");
    read_records(harness::record::records_file(&dir)).unwrap()
}

/// The prices of the shipped gpt-4o profile.
fn gpt4o() -> Pricing {
    Pricing {
        profile: "gpt-4o".into(),
        prices: Profile::load("gpt-4o").unwrap().price_per_million,
    }
}

/// The baseline run made messy: a second model that fails often and takes more turns, a task
/// with a very long id, an episode with no turns (zero tokens), and an unknown pipeline.
fn messy() -> Vec<Record> {
    let base = baseline();
    let mut out = base.clone();
    for (i, r) in base.iter().enumerate() {
        let mut m = r.clone();
        m.model = "openai:qwen2.5-coder-32b-instruct".into();
        m.success = i % 3 != 0;
        if let Some(t) = m.turns.last().cloned() {
            let mut extra = t.clone();
            extra.index += 1;
            extra.input.history += 900;
            m.turns.push(extra);
        }
        m.latency_ms.model *= 2.5;
        out.push(m);
    }
    let mut long = base[0].clone();
    long.task = format!("edge/{}", "a-task-id-that-goes-on-and-on-".repeat(5));
    out.push(long);
    // An episode with no turns (each episode appears once: a run holds no duplicates).
    out[1].turns.clear();
    out[1].success = false;
    let mut other = base[2].clone();
    other.pipeline = "my-experimental-pipeline".into();
    out.push(other);
    out
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{} is not a PNG", path.display());
    let be = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    (be(16), be(20))
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cmbench-charts-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn every_run_chart_renders_a_messy_run() {
    let records = messy();
    let svgs = charts::render_svgs(&records, &gpt4o()).unwrap();
    let names: Vec<&str> = svgs.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "tokens-per-task",
            "success-vs-tokens",
            "success-vs-cost",
            "latency-cdf",
            "tokens-per-turn",
            "round-trips-per-task"
        ]
    );
    for c in &svgs {
        assert!(
            c.svg.starts_with("<svg"),
            "{}: {}",
            c.name,
            &c.svg[..80.min(c.svg.len())]
        );
        assert!(c.svg.contains(&format!("width=\"{WIDTH}\"")), "{}", c.name);
        assert!(c.svg.contains(&c.title), "{}: title missing", c.name);
        for p in [
            "json-tools",
            "code-mode",
            "code-mode-typed",
            "tool-search",
            "my-experimental-pipeline",
        ] {
            assert!(c.svg.contains(p), "{}: no legend entry for {p}", c.name);
        }
        // Subtitle: both models and the trial count.
        assert!(c.svg.contains("2 models") && c.svg.contains("1 trial "), "{}", c.name);
    }
    // 128 tasks: the per-task charts group them by pattern.
    assert!(svgs[0].title.contains("grouped by pattern"), "{}", svgs[0].title);
    // A run under the row limit labels each task, long ids shortened.
    let keep: std::collections::BTreeSet<String> = records.iter().map(|r| r.task.clone()).take(1).collect();
    let few: Vec<Record> = records
        .iter()
        .filter(|r| keep.contains(&r.task) || r.task.contains("a-task-id-that-goes-on") || r.task.contains("a-500s"))
        .cloned()
        .collect();
    let tasks = &charts::render_svgs(&few, &gpt4o()).unwrap()[0].svg;
    assert!(tasks.contains("edge/a-500s-top-path"));
    assert!(
        !tasks.contains(&"a-task-id-that-goes-on-and-on-".repeat(5)),
        "long ids are shortened"
    );
    assert!(tasks.contains("…"), "long ids show where they were cut");
    // The Pareto chart marks both models and draws the interval of the failing one.
    let pareto = &svgs[1].svg;
    assert!(pareto.contains("qwen2.5-coder-32b-instruct"));
    // The cost chart prices with the profile and explains its hollow and filled markers.
    let cost = &svgs[2].svg;
    assert!(cost.contains("gpt-4o prices"), "the x axis names the profile");
    assert!(cost.contains("hollow: without prefix caching") && cost.contains("filled: with prefix caching"));
    assert!(cost.contains("$0."), "dollar tick labels");
    assert!(!cost.contains("No cost to plot"));
}

#[test]
fn cost_points_are_the_mean_cached_and_uncached_cost_per_episode() {
    let records = messy();
    let pricing = gpt4o();
    let run = charts::RunData::new(&records, pricing.clone()).unwrap();
    let points = charts::SuccessVsCost::new(&run).points();
    let rows = harness::report::analysis::episode_rows(&records, &pricing.prices);
    for p in &points {
        let of: Vec<_> = rows
            .iter()
            .filter(|r| r.pipeline == p.pipeline && r.model == p.model)
            .collect();
        let n = of.len() as f64;
        let cached = of.iter().map(|r| r.cost_usd_cached).sum::<f64>() / n;
        let uncached = of.iter().map(|r| r.cost_usd).sum::<f64>() / n;
        assert!((p.cost - cached).abs() < 1e-12, "{p:?}");
        assert!((p.before.unwrap() - uncached).abs() < 1e-12, "{p:?}");
        assert!(p.cost <= p.before.unwrap(), "caching never makes {} dearer", p.pipeline);
    }
    assert!(
        points.iter().any(|p| p.cost < p.before.unwrap()),
        "multi-turn episodes gain from caching"
    );
    // The frontier is computed on the cached cost: nothing on it is dominated there.
    for p in points.iter().filter(|p| p.frontier) {
        assert!(
            !points.iter().any(|q| q.cost < p.cost && q.rate() >= p.rate()),
            "{p:?} is dominated"
        );
    }
    assert!(points.iter().any(|p| p.frontier));
}

#[test]
fn a_run_without_prices_says_so_instead_of_plotting_cost() {
    let free = Pricing {
        profile: "local-qwen2.5-coder-0.5b".into(),
        prices: Prices {
            input: 0.0,
            cached_input: 0.0,
            output: 0.0,
        },
    };
    let svgs = charts::render_svgs(&messy(), &free).unwrap();
    let cost = svgs.iter().find(|c| c.name == "success-vs-cost").unwrap();
    assert!(
        cost.svg.contains("No cost to plot"),
        "{}",
        &cost.svg[..400.min(cost.svg.len())]
    );
    assert!(cost.svg.contains("local-qwen2.5-coder-0.5b"));
    assert!(!cost.svg.contains("hollow: without prefix caching"), "no plot is drawn");
    // The same run priced draws the plot.
    let svgs = charts::render_svgs(&messy(), &gpt4o()).unwrap();
    let cost = svgs.iter().find(|c| c.name == "success-vs-cost").unwrap();
    assert!(!cost.svg.contains("No cost to plot"));
}

#[test]
fn files_are_svg_and_png_of_the_slide_size() {
    let dir = temp("files");
    let files = charts::write_files(&messy(), &gpt4o(), &dir).unwrap();
    assert_eq!(files.len(), 12);
    for f in &files {
        let len = std::fs::metadata(f).unwrap().len();
        match f.extension().and_then(|e| e.to_str()) {
            Some("png") => {
                assert_eq!(png_size(f), (WIDTH, HEIGHT), "{}", f.display());
                // A blank 1600x900 PNG compresses to a few KB; text and lines make it larger.
                assert!(len > 20_000, "{} is only {len} bytes", f.display());
            }
            Some("svg") => assert!(len > 5_000, "{} is only {len} bytes", f.display()),
            _ => panic!("unexpected file {}", f.display()),
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn one_pipeline_and_all_zero_tokens_still_draw() {
    let mut one: Vec<Record> = baseline().into_iter().filter(|r| r.pipeline == "code-mode").collect();
    assert!(charts::render_svgs(&one, &gpt4o()).unwrap().len() == 6);
    for r in &mut one {
        r.turns.clear();
        r.latency_ms = Default::default();
    }
    let svgs = charts::render_svgs(&one, &gpt4o()).unwrap();
    for c in &svgs {
        if c.name == "success-vs-cost" {
            // No tokens, so no cost at any price: the chart says so.
            assert!(c.svg.contains("No cost to plot") && c.svg.contains("used no tokens"));
        } else {
            assert!(c.svg.contains("code-mode"), "{}", c.name);
        }
    }
}

#[test]
fn an_empty_run_is_a_clear_error() {
    let e = charts::render_svgs(&[], &gpt4o()).unwrap_err();
    assert!(e.contains("no records"), "{e}");
    let e = charts::write_files(&[], &gpt4o(), &temp("empty")).unwrap_err();
    assert!(e.contains("no records"), "{e}");
}

#[test]
fn charts_command_writes_a_runs_charts() {
    let dir = temp("cli");
    let run = dir.join("run");
    std::fs::create_dir_all(&run).unwrap();
    let w = RecordWriter::append(run.join("records.jsonl")).unwrap();
    for r in messy() {
        w.write(&r).unwrap();
    }
    drop(w);
    let o = cmbench(&dir, &["charts", "run", "--out", "out"]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 12, "{}", text(&o));
    assert_eq!(png_size(&dir.join("out/latency-cdf.png")), (WIDTH, HEIGHT));
    let cost = std::fs::read_to_string(dir.join("out/success-vs-cost.svg")).unwrap();
    assert!(
        cost.contains("gpt-4o prices"),
        "without a manifest the default profile prices the run"
    );

    // --profile picks the prices; an unpriced profile gives the explanation, a missing one is bad input.
    let o = cmbench(
        &dir,
        &[
            "charts",
            "run",
            "--out",
            "free",
            "--profile",
            "local-qwen2.5-coder-0.5b",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let cost = std::fs::read_to_string(dir.join("free/success-vs-cost.svg")).unwrap();
    assert!(cost.contains("No cost to plot"));
    let o = cmbench(&dir, &["charts", "run", "--out", "x", "--profile", "no-such-profile"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("no-such-profile"), "{}", text(&o));

    let o = cmbench(&dir, &["charts", "nowhere"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("nowhere: no records.jsonl"), "{}", text(&o));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn sweep_measures_surfaces_and_runs_the_oracle_at_each_size() {
    let root = common::corpus("sweep");
    let full = harness::spec::Spec::load(root.join("specs/test/openapi.json"))
        .unwrap()
        .operations
        .len();
    let sizes = format!("3,{full},{}", full + 30);
    let o = cmbench(
        &root,
        &[
            "sweep",
            "--world",
            "test",
            "--sizes",
            &sizes,
            "--tasks",
            "count-records",
            "--pipelines",
            "json-tools,code-mode",
            "--quiet",
            "--out",
            "sweep",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let csv = std::fs::read_to_string(root.join("sweep/sweep.csv")).unwrap();
    let rows: Vec<Vec<&str>> = csv.lines().skip(1).map(|l| l.split(',').collect()).collect();
    for size in [3, full, full + 30] {
        let at: Vec<&Vec<&str>> = rows.iter().filter(|r| r[0] == size.to_string()).collect();
        // 4 surface variants and 2 pipelines' episodes, each at exactly that many operations.
        assert_eq!(at.len(), 6, "size {size}: {csv}");
        assert!(at.iter().all(|r| r[1] == size.to_string()), "{csv}");
        for r in at.iter().filter(|r| r[2] == "episode") {
            assert_eq!((r[7], r[8]), ("1", "1"), "the oracle succeeds at size {size}: {csv}");
        }
    }
    // json-tools definitions grow with the spec; code-mode's stay nearly flat.
    let tokens = |size: usize, name: &str, variant: &str| -> f64 {
        rows.iter()
            .find(|r| r[0] == size.to_string() && r[3] == name && r[4] == variant)
            .unwrap()[6]
            .parse()
            .unwrap()
    };
    assert!(tokens(full + 30, "json-tools", "full") > 5.0 * tokens(3, "json-tools", "full"));
    assert!(tokens(full + 30, "code-mode", "default") < 2.0 * tokens(3, "code-mode", "default"));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("crossing:") || stdout.contains("no crossings"),
        "{stdout}"
    );
    assert_eq!(png_size(&root.join("sweep/scaling.png")), (WIDTH, HEIGHT));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("sweep/sweep.json")).unwrap()).unwrap();
    assert_eq!(json["rows"].as_array().unwrap().len(), rows.len());

    // A zero size is refused as bad input.
    let o = cmbench(
        &root,
        &["sweep", "--world", "test", "--sizes", "1,0", "--out", "sweep2"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    std::fs::remove_dir_all(&root).unwrap();
}

/// `n` tasks over `worlds` worlds and `patterns` patterns, each run by the baseline's four
/// pipelines; task `i` is in world `w{i % worlds}`, pattern `p{(i / worlds) % patterns}`, and
/// takes `i % 4 + 1` round trips.
fn synthetic(n: usize, worlds: usize, patterns: usize) -> Vec<Record> {
    let base = baseline();
    let first = &base[0].task;
    let templates: Vec<&Record> = base.iter().filter(|r| &r.task == first).collect();
    assert_eq!(templates.len(), 4, "one baseline record per pipeline");
    let mut out = Vec::new();
    for i in 0..n {
        for t in &templates {
            let mut r = (*t).clone();
            r.task = format!("synthetic/task-{i:03}");
            r.world = format!("w{}", i % worlds);
            r.pattern = format!("p{}", (i / worlds) % patterns);
            let turn = r.turns[0].clone();
            r.turns = (0..i % 4 + 1).map(|_| turn.clone()).collect();
            out.push(r);
        }
    }
    out
}

/// The text of every `<text>` element of an SVG.
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("</text>")
        .filter_map(|piece| piece.rfind('>').map(|i| piece[i + 1..].trim().to_string()))
        .collect()
}

#[test]
fn per_task_charts_draw_one_row_per_task_up_to_the_limit() {
    let records = synthetic(charts::MAX_TASK_ROWS, 2, 3);
    let run = charts::RunData::new(&records, gpt4o()).unwrap();
    for chart in [
        charts::render_svgs(&records, &gpt4o()).unwrap().remove(0),
        charts::render_svgs(&records, &gpt4o()).unwrap().pop().unwrap(),
    ] {
        assert!(["tokens-per-task", "round-trips-per-task"].contains(&chart.name.as_str()));
        let texts = svg_texts(&chart.svg);
        let rows = texts.iter().filter(|t| t.starts_with("synthetic/task-")).count();
        assert_eq!(rows, charts::MAX_TASK_ROWS, "{}: one label per task", chart.name);
        assert!(!chart.title.contains("grouped"), "{}", chart.title);
        assert!(!texts.iter().any(|t| t.starts_with("w0 · p0")), "{}", chart.name);
    }
    let (rows, stats) = charts::RoundTripsPerTask::new(&run).rows();
    assert_eq!(rows.kind, charts::RowKind::Task);
    // Task 7 takes 7 % 4 + 1 = 4 round trips in every pipeline: no spread in a one-task row.
    let s = stats.iter().find(|s| s.row == 7 && s.pipeline == 0).unwrap();
    assert_eq!((s.mid, s.lo, s.hi, s.tasks), (4.0, 4.0, 4.0, 1));
}

#[test]
fn past_the_limit_tasks_are_grouped_by_world_and_pattern_when_that_fits() {
    // 60 tasks, 2 worlds x 3 patterns: 6 groups of 10.
    let records = synthetic(60, 2, 3);
    let run = charts::RunData::new(&records, gpt4o()).unwrap();
    let svgs = charts::render_svgs(&records, &gpt4o()).unwrap();
    for name in ["tokens-per-task", "round-trips-per-task"] {
        let chart = svgs.iter().find(|c| c.name == name).unwrap();
        assert!(
            chart.title.contains("grouped by world and pattern (10 tasks each)"),
            "{}",
            chart.title
        );
        let texts = svg_texts(&chart.svg);
        let mut labels: Vec<&String> = texts
            .iter()
            .filter(|t| t.starts_with('w') && t.ends_with("(10)"))
            .collect();
        labels.sort();
        labels.dedup();
        assert_eq!(labels.len(), 6, "{name}: {labels:?}");
        assert!(texts.iter().any(|t| t == "w1 · p2 (10)"), "{name}");
        assert!(
            !texts.iter().any(|t| t.starts_with('…')),
            "{name}: group labels are whole"
        );
        assert!(!chart.svg.contains("synthetic/task-"), "{name}: no per-task labels");
        assert!(chart.svg.contains("p25–p75"), "{name}: the axis explains the whisker");
    }
    // Group w0 · p0 holds tasks 0, 6, 12, ..., 54: five take 1 round trip and five take 3.
    let (rows, stats) = charts::RoundTripsPerTask::new(&run).rows();
    assert_eq!(rows.kind, charts::RowKind::WorldPattern);
    let row = rows.labels.iter().position(|l| l == "w0 · p0 (10)").unwrap();
    assert_eq!(rows.tasks[row].len(), 10);
    for j in 0..4 {
        let s = stats.iter().find(|s| s.row == row && s.pipeline == j).unwrap();
        assert_eq!((s.mid, s.lo, s.hi, s.tasks), (2.0, 1.0, 3.0, 10), "pipeline {j}");
    }
}

#[test]
fn past_the_limit_with_many_worlds_tasks_are_grouped_by_pattern() {
    // 81 tasks over 3 worlds x 9 patterns: 27 world x pattern groups is too many rows.
    let records = synthetic(81, 3, 9);
    let svgs = charts::render_svgs(&records, &gpt4o()).unwrap();
    for name in ["tokens-per-task", "round-trips-per-task"] {
        let chart = svgs.iter().find(|c| c.name == name).unwrap();
        assert!(
            chart.title.contains("grouped by pattern (9 tasks each)"),
            "{}",
            chart.title
        );
        let texts = svg_texts(&chart.svg);
        let labels: Vec<&String> = texts
            .iter()
            .filter(|t| t.starts_with('p') && t.ends_with("(9)"))
            .collect();
        assert_eq!(labels.len(), 9, "{name}: {labels:?}");
        assert!(!texts.iter().any(|t| t.starts_with("w0 · ")), "{name}");
    }
    let run = charts::RunData::new(&records, gpt4o()).unwrap();
    let (rows, _) = charts::TokensPerTask::new(&run).rows();
    assert_eq!(rows.kind, charts::RowKind::Pattern);
    assert_eq!(rows.labels.len(), 9);
}
