//! `cmbench sweep`: how tool surfaces (and, with `--tasks`, whole episodes) grow with the size
//! of an API. For each requested operation count the spec is rebuilt at that size: below the
//! spec's own count, a deterministic subsample that keeps every operation the selected tasks
//! use; above it, padded with realistic distractors (`worlds::pad`). Writes `sweep.csv`,
//! `sweep.json` and the scaling chart (`scaling.svg` / `scaling.png`), and prints a table with
//! the sizes where one surface overtakes another.

use super::CliError;
use super::surface::thousands;
use crate::episode::EpisodeConfig;
use crate::model::SamplingParams;
use crate::model::profile::Profile;
use crate::pipeline;
use crate::record::read_records;
use crate::report::charts::scaling::{Crossing, ScalingChart, ScalingSeries, crossings};
use crate::report::charts::write_chart;
use crate::run::{self, ModelChoice, RunOptions};
use crate::spec::{Spec, Syntax};
use crate::surface::{self, names};
use crate::tokens::Encoding;
use crate::worlds::{pad, pretty};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `cmbench sweep`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// World to sweep (`SPECS_DIR/W/openapi.json`); its tasks can run at each size with --tasks.
    #[arg(long, conflicts_with = "spec", required_unless_present = "spec")]
    pub world: Option<String>,
    /// An OpenAPI 3.x (or Swagger 2.0, subsample only) file to sweep: surface sizes only.
    #[arg(long)]
    pub spec: Option<PathBuf>,
    /// Operation counts to build the spec at, e.g. 10,100,1000,2600.
    #[arg(long, value_delimiter = ',', required = true)]
    pub sizes: Vec<usize>,
    /// Seed of the subsample and of the padding (and of the worlds with --tasks).
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Output directory.
    #[arg(long, default_value = "reports/sweep")]
    pub out: PathBuf,
    /// Also run the oracle on the tasks whose id contains FILTER at every size (needs --world).
    #[arg(long = "tasks", value_name = "FILTER")]
    pub filter: Option<String>,
    /// Pipelines to run with --tasks (default: all).
    #[arg(long, value_delimiter = ',')]
    pub pipelines: Option<Vec<String>>,
    /// Task corpus directory.
    #[arg(long, default_value = "tasks")]
    pub tasks_dir: PathBuf,
    /// Worlds directory.
    #[arg(long, default_value = "specs")]
    pub specs_dir: PathBuf,
    /// Model profile of the oracle runs (its tokenizer also counts the surfaces).
    #[arg(long, default_value = "gpt-4o")]
    pub profile: String,
    /// No progress bars.
    #[arg(long)]
    pub quiet: bool,
}

/// One measured figure of a sweep: a surface's size, or a pipeline's episodes, at one size.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SweepRow {
    /// Requested operation count.
    pub size: usize,
    /// Operations the rebuilt spec has.
    pub operations: usize,
    /// `surface` (static tool definitions) or `episode` (oracle run, mean per episode).
    pub kind: &'static str,
    /// Surface or pipeline name.
    pub name: String,
    /// Surface variant (`-` for episodes).
    pub variant: String,
    /// Tools of the surface (0 for episodes).
    pub tools: usize,
    /// Tokens: of the tool definitions, or mean input tokens per episode.
    pub tokens: f64,
    /// Episodes run (0 for surfaces).
    pub episodes: usize,
    /// Episodes that succeeded (0 for surfaces).
    pub successes: usize,
}

/// Keeps exactly `size` operations of `spec` (whose parsed document is `doc`): every operation
/// in `keep` (`(method, path)`), the rest chosen by a shuffle seeded with `seed`. Path items
/// left without operations are removed. Errors when `keep` alone exceeds `size`.
pub fn subsample(
    doc: &Value,
    spec: &Spec,
    keep: &BTreeSet<(String, String)>,
    size: usize,
    seed: u64,
) -> Result<Value, String> {
    let kept: Vec<usize> = (0..spec.operations.len())
        .filter(|&i| keep.contains(&(spec.operations[i].method.clone(), spec.operations[i].path.clone())))
        .collect();
    if kept.len() > size {
        return Err(format!(
            "size {size} is below the {} operations the selected tasks use",
            kept.len()
        ));
    }
    let mut others: Vec<usize> = (0..spec.operations.len()).filter(|i| !kept.contains(i)).collect();
    others.shuffle(&mut ChaCha8Rng::seed_from_u64(seed));
    let dropped = &others[(size - kept.len()).min(others.len())..];
    let mut out = doc.clone();
    let paths = out
        .get_mut("paths")
        .and_then(Value::as_object_mut)
        .ok_or_else(|| "field \"paths\" must be an object".to_string())?;
    for &i in dropped {
        let op = &spec.operations[i];
        if let Some(item) = paths.get_mut(&op.path).and_then(Value::as_object_mut) {
            item.remove(&op.method);
        }
    }
    const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    paths.retain(|_, item| {
        item.as_object()
            .is_some_and(|o| o.keys().any(|k| METHODS.contains(&k.as_str())))
    });
    Ok(out)
}

/// Rebuilds `base` at `size` operations: itself, a subsample, or padded.
pub fn resize(base: &Spec, keep: &BTreeSet<(String, String)>, size: usize, seed: u64) -> Result<Spec, String> {
    let n = base.operations.len();
    let (doc, label) = match size.cmp(&n) {
        std::cmp::Ordering::Equal => (base.doc.clone(), base.path.clone()),
        std::cmp::Ordering::Less => (
            subsample(&base.doc, base, keep, size, seed)?,
            base.path.with_file_name(format!("openapi-{size}-ops.json")),
        ),
        std::cmp::Ordering::Greater => (
            pad(&base.doc, size - n, seed).map_err(|e| e.to_string())?,
            base.path.with_file_name(format!("openapi-{size}-ops.json")),
        ),
    };
    let spec = Spec::from_value(doc, Syntax::Json, &label).map_err(|e| e.to_string())?;
    if spec.operations.len() != size {
        return Err(format!(
            "rebuilding at {size} operations gave {} (the spec may define operations the rebuild cannot count)",
            spec.operations.len()
        ));
    }
    Ok(spec)
}

/// The lines of the scaling chart from the rows: one per surface variant, one per pipeline's episodes.
pub fn series(rows: &[SweepRow]) -> Vec<ScalingSeries> {
    let mut by: BTreeMap<(usize, String, String), ScalingSeries> = BTreeMap::new();
    let order = |kind: &str, name: &str| {
        let i = ["json-tools", "code-mode", "code-mode-typed", "tool-search"]
            .iter()
            .position(|p| *p == name)
            .unwrap_or(9);
        (kind == "episode") as usize * 10 + i
    };
    for r in rows {
        let plain = r.variant == "full" || r.variant == "default" || r.kind == "episode";
        let (label, pipeline) = if r.kind == "episode" {
            (format!("{} episode input", r.name), r.name.clone())
        } else if plain {
            (format!("{} tools", r.name), r.name.clone())
        } else {
            (
                format!("{} tools ({})", r.name, r.variant),
                format!("{}:{}", r.name, r.variant),
            )
        };
        by.entry((order(r.kind, &r.name), r.name.clone(), r.variant.clone()))
            .or_insert_with(|| ScalingSeries {
                label,
                pipeline,
                dashed: r.kind == "episode",
                group: r.kind.to_string(),
                points: Vec::new(),
            })
            .points
            .push((r.operations as f64, r.tokens));
    }
    let mut out: Vec<ScalingSeries> = by.into_values().collect();
    for s in &mut out {
        s.points.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    out
}

/// Runs `cmbench sweep`.
pub fn run(args: &Args, out: &mut dyn Write) -> Result<(), CliError> {
    let mut sizes = args.sizes.clone();
    sizes.sort_unstable();
    sizes.dedup();
    if sizes.is_empty() || sizes[0] == 0 {
        return Err(CliError::bad_input(
            "--sizes: give operation counts above 0, e.g. 10,100,1000",
        ));
    }
    if args.filter.is_some() && args.world.is_none() {
        return Err(CliError::bad_input(
            "--tasks needs --world (tasks run against a world's mock)",
        ));
    }
    let profile = Profile::load(&args.profile).map_err(CliError::bad_input)?;
    let encoding: Encoding = profile.encoding;
    let spec_path = match (&args.world, &args.spec) {
        (Some(w), _) => {
            crate::mock::world_files(&args.specs_dir, w)
                .map_err(|e| CliError::bad_input(format!("--world {w}: {e}")))?
                .spec
        }
        (None, Some(p)) => p.clone(),
        (None, None) => return Err(CliError::bad_input("give --world W or --spec PATH")),
    };
    let base = Spec::load(&spec_path)?;
    std::fs::create_dir_all(&args.out)
        .map_err(|e| CliError::failure(format!("{}: cannot create: {e}", args.out.display())))?;
    let pipelines = args
        .pipelines
        .clone()
        .unwrap_or_else(|| pipeline::NAMES.map(String::from).to_vec());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| CliError::failure(format!("starting the runtime: {e}")))?;
    let run_at = |specs_dir: &Path, out_dir: &Path, pipelines: &[String]| -> Result<(), CliError> {
        let opts = run_options(args, &profile, specs_dir, out_dir, pipelines)?;
        runtime
            .block_on(run::run(&opts))
            .map(|_| ())
            .map_err(|e| CliError::failure(format!("{}: {e}", out_dir.display())))
    };

    // The operations the selected tasks use: read off the oracle's json-tools calls at full size.
    let mut keep: BTreeSet<(String, String)> = BTreeSet::new();
    if args.filter.is_some() {
        let probe = args.out.join("probe");
        clear_run_dir(&probe)?;
        run_at(&args.specs_dir, &probe, &["json-tools".to_string()])?;
        let records = read_records(probe.join("records.jsonl")).map_err(CliError::failure)?;
        let tool_names = names::tool_names(base.operations.iter().map(|o| o.operation_id.as_str()));
        for r in &records {
            for c in r.turns.iter().flat_map(|t| &t.tool_calls) {
                if let Some(i) = tool_names.iter().position(|n| n == &c.name) {
                    let op = &base.operations[i];
                    keep.insert((op.method.clone(), op.path.clone()));
                }
            }
        }
        if keep.is_empty() {
            return Err(CliError::failure(format!(
                "{}: the selected tasks made no API calls, nothing to keep",
                probe.display()
            )));
        }
    }

    let mut rows: Vec<SweepRow> = Vec::new();
    for &size in &sizes {
        let spec = resize(&base, &keep, size, args.seed)
            .map_err(|e| CliError::bad_input(format!("{}: {e}", spec_path.display())))?;
        for s in surface::measure_all(&spec, encoding) {
            rows.push(SweepRow {
                size,
                operations: spec.operations.len(),
                kind: "surface",
                name: s.name,
                variant: s.variant,
                tools: s.tools,
                tokens: s.tokens as f64,
                episodes: 0,
                successes: 0,
            });
        }
        if let (Some(world), Some(_)) = (&args.world, &args.filter) {
            let dir = args.out.join(format!("size-{size}"));
            let world_dir = dir.join("specs").join(world);
            std::fs::create_dir_all(&world_dir)
                .map_err(|e| CliError::failure(format!("{}: cannot create: {e}", world_dir.display())))?;
            let spec_file = world_dir.join("openapi.json");
            std::fs::write(&spec_file, pretty(&spec.doc))
                .map_err(|e| CliError::failure(format!("{}: cannot write: {e}", spec_file.display())))?;
            let fixtures = args.specs_dir.join(world).join("fixtures.json");
            if fixtures.is_file() {
                std::fs::copy(&fixtures, world_dir.join("fixtures.json"))
                    .map_err(|e| CliError::failure(format!("{}: cannot copy: {e}", fixtures.display())))?;
            }
            let run_dir = dir.join("run");
            clear_run_dir(&run_dir)?;
            run_at(&dir.join("specs"), &run_dir, &pipelines)?;
            let records = read_records(run_dir.join("records.jsonl")).map_err(CliError::failure)?;
            for p in &pipelines {
                let rs: Vec<_> = records.iter().filter(|r| &r.pipeline == p).collect();
                if rs.is_empty() {
                    continue;
                }
                let tokens = rs.iter().map(|r| r.input_tokens() as f64).sum::<f64>() / rs.len() as f64;
                rows.push(SweepRow {
                    size,
                    operations: spec.operations.len(),
                    kind: "episode",
                    name: p.clone(),
                    variant: "-".into(),
                    tools: 0,
                    tokens,
                    episodes: rs.len(),
                    successes: rs.iter().filter(|r| r.success).count(),
                });
            }
        }
    }

    let lines = series(&rows);
    let crossed = crossings(&lines);
    write_outputs(args, &base, &spec_path, &rows, &crossed)?;
    let chart = ScalingChart {
        subject: format!("{} ({} operations)", base.title, thousands(base.operations.len())),
        series: lines,
        subtitle: format!(
            "{} · sizes {} · seed {} · {} tokens{}",
            spec_path.display(),
            sizes.iter().map(|s| thousands(*s)).collect::<Vec<_>>().join(", "),
            args.seed,
            encoding.name(),
            match &args.filter {
                Some(f) => format!(" · oracle episodes of tasks matching {f:?}"),
                None => String::new(),
            }
        ),
    };
    let mut files = Vec::new();
    write_chart(&chart, &args.out, &mut files).map_err(CliError::failure)?;
    print_table(out, &rows, &crossed, &files, &args.out)
        .map_err(|e| CliError::failure(format!("writing output: {e}")))?;
    Ok(())
}

fn run_options(
    args: &Args,
    profile: &Profile,
    specs_dir: &Path,
    out_dir: &Path,
    pipelines: &[String],
) -> Result<RunOptions, CliError> {
    let worker_bin = std::env::current_exe().map_err(|e| CliError::failure(format!("locating cmbench: {e}")))?;
    Ok(RunOptions {
        tasks_dir: args.tasks_dir.clone(),
        specs_dir: specs_dir.to_path_buf(),
        filter: args.filter.clone(),
        pipelines: pipelines.to_vec(),
        model: ModelChoice::Oracle {
            parallel_tool_calls: true,
        },
        trials: 1,
        concurrency: 2,
        faults: None,
        out: out_dir.to_path_buf(),
        resume: false,
        shard: None,
        seed: args.seed,
        episode: EpisodeConfig {
            run_id: format!(
                "sweep-{}",
                out_dir
                    .parent()
                    .and_then(|p| p.file_name())
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            ),
            encoding: profile.encoding,
            max_turns: 12,
            params: SamplingParams {
                temperature: None,
                seed: Some(args.seed),
                max_tokens: None,
                parallel_tool_calls: true,
            },
            profile: Some(profile.clone()),
        },
        worker_bin,
        sandbox_workers: 2,
        progress: !args.quiet,
    })
}

/// Removes a previous sweep's run directory (a sweep always measures afresh).
fn clear_run_dir(dir: &Path) -> Result<(), CliError> {
    if dir.join("records.jsonl").is_file() {
        std::fs::remove_dir_all(dir)
            .map_err(|e| CliError::failure(format!("{}: cannot clear the previous sweep: {e}", dir.display())))?;
    }
    Ok(())
}

fn write_outputs(
    args: &Args,
    base: &Spec,
    spec_path: &Path,
    rows: &[SweepRow],
    crossed: &[Crossing],
) -> Result<(), CliError> {
    let csv_path = args.out.join("sweep.csv");
    let mut csv = String::from("size,operations,kind,name,variant,tools,tokens,episodes,successes\n");
    for r in rows {
        csv.push_str(&format!(
            "{},{},{},{},{},{},{:.1},{},{}\n",
            r.size, r.operations, r.kind, r.name, r.variant, r.tools, r.tokens, r.episodes, r.successes
        ));
    }
    std::fs::write(&csv_path, csv).map_err(|e| CliError::failure(format!("{}: {e}", csv_path.display())))?;
    let json_path = args.out.join("sweep.json");
    let json = serde_json::json!({
        "spec": spec_path.display().to_string(),
        "title": base.title,
        "operations": base.operations.len(),
        "seed": args.seed,
        "tasks": args.filter,
        "rows": rows,
        "crossings": crossed.iter().map(|c| serde_json::json!({
            "cheaper_below": c.cheaper_below,
            "cheaper_above": c.cheaper_above,
            "operations": c.operations,
            "tokens": c.tokens,
        })).collect::<Vec<_>>(),
    });
    std::fs::write(&json_path, serde_json::to_string_pretty(&json).unwrap_or_default())
        .map_err(|e| CliError::failure(format!("{}: {e}", json_path.display())))
}

fn print_table(
    out: &mut dyn Write,
    rows: &[SweepRow],
    crossed: &[Crossing],
    files: &[PathBuf],
    dir: &Path,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{:>6} {:>10} {:<8} {:<16} {:<14} {:>6} {:>12} {:>9}",
        "size", "operations", "kind", "name", "variant", "tools", "tokens", "success"
    )?;
    for r in rows {
        let success = if r.kind == "episode" {
            format!("{}/{}", r.successes, r.episodes)
        } else {
            String::from("-")
        };
        writeln!(
            out,
            "{:>6} {:>10} {:<8} {:<16} {:<14} {:>6} {:>12} {:>9}",
            thousands(r.size),
            thousands(r.operations),
            r.kind,
            r.name,
            r.variant,
            thousands(r.tools),
            thousands(r.tokens.round() as usize),
            success
        )?;
    }
    writeln!(out)?;
    if crossed.is_empty() {
        writeln!(out, "no crossings: the order of the lines is the same at every size")?;
    }
    for c in crossed {
        writeln!(
            out,
            "crossing: at ~{} operations (~{} tokens) {} becomes cheaper than {}",
            thousands(c.operations.round() as usize),
            thousands(c.tokens.round() as usize),
            c.cheaper_above,
            c.cheaper_below
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "wrote {} and {}",
        dir.join("sweep.csv").display(),
        dir.join("sweep.json").display()
    )?;
    for f in files {
        writeln!(out, "wrote {}", f.display())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec_of(doc: Value) -> Spec {
        Spec::from_value(doc, Syntax::Json, Path::new("test.json")).unwrap()
    }

    fn doc(n: usize) -> Value {
        let mut paths = serde_json::Map::new();
        for i in 0..n {
            paths.insert(
                format!("/things{i}"),
                serde_json::json!({
                    "get": {"operationId": format!("getThing{i}"), "responses": {"200": {"description": "ok"}}},
                    "delete": {"operationId": format!("deleteThing{i}"), "responses": {"204": {"description": "gone"}}},
                }),
            );
        }
        serde_json::json!({"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": paths})
    }

    #[test]
    fn subsample_keeps_the_needed_operations_and_is_deterministic() {
        let base = spec_of(doc(20));
        let keep: BTreeSet<(String, String)> = [("delete".to_string(), "/things13".to_string())].into_iter().collect();
        let a = resize(&base, &keep, 5, 7).unwrap();
        let b = resize(&base, &keep, 5, 7).unwrap();
        assert_eq!(a.operations.len(), 5);
        assert!(
            a.operations
                .iter()
                .any(|o| o.method == "delete" && o.path == "/things13")
        );
        assert_eq!(a.doc, b.doc);
        let c = resize(&base, &keep, 5, 8).unwrap();
        assert_ne!(a.doc, c.doc, "another seed picks other operations");
        // Path items left empty are gone.
        let paths = a.doc["paths"].as_object().unwrap();
        assert!(paths.len() <= 5);
    }

    #[test]
    fn subsample_refuses_a_size_below_the_needed_operations() {
        let base = spec_of(doc(3));
        let keep: BTreeSet<(String, String)> = [("get", "/things0"), ("get", "/things1")]
            .into_iter()
            .map(|(m, p)| (m.to_string(), p.to_string()))
            .collect();
        let e = resize(&base, &keep, 1, 7).unwrap_err();
        assert!(e.contains("below the 2 operations"), "{e}");
    }

    #[test]
    fn resize_pads_above_the_spec_size() {
        let base = spec_of(doc(3));
        let s = resize(&base, &BTreeSet::new(), 40, 7).unwrap();
        assert_eq!(s.operations.len(), 40);
    }

    #[test]
    fn series_group_surfaces_and_episodes() {
        let row = |size, kind, name: &str, variant: &str, tokens| SweepRow {
            size,
            operations: size,
            kind,
            name: name.into(),
            variant: variant.into(),
            tools: 1,
            tokens,
            episodes: 0,
            successes: 0,
        };
        let rows = vec![
            row(100, "surface", "code-mode", "default", 900.0),
            row(10, "surface", "json-tools", "full", 200.0),
            row(100, "surface", "json-tools", "full", 2000.0),
            row(10, "surface", "code-mode", "default", 900.0),
            row(10, "episode", "json-tools", "-", 5000.0),
        ];
        let s = series(&rows);
        let labels: Vec<&str> = s.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(
            labels,
            ["json-tools tools", "code-mode tools", "json-tools episode input"]
        );
        assert_eq!(s[0].points, vec![(10.0, 200.0), (100.0, 2000.0)]);
        let x = crossings(&s);
        assert_eq!(x.len(), 1);
        assert!((x[0].operations - 45.0).abs() < 1e-6, "{x:?}");
    }
}
