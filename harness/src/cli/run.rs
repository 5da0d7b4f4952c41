//! `cmbench run`: run the task corpus through pipelines with a model.

use super::CliError;
use crate::episode::EpisodeConfig;
use crate::model::SamplingParams;
use crate::model::openai::OpenAiConfig;
use crate::model::profile::Profile;
use crate::pipeline;
use crate::record::read_records;
use crate::run::{self, ModelChoice, RunOptions};
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

/// Arguments of `cmbench run`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only tasks whose id matches: comma-separated alternatives, each a substring of the id
    /// or a glob (`tracker/*,commerce/refund-*`).
    #[arg(long = "tasks", value_name = "FILTER")]
    pub filter: Option<String>,
    /// Pipelines, comma-separated (default: all four).
    #[arg(long, value_delimiter = ',')]
    pub pipelines: Option<Vec<String>>,
    /// `oracle` (offline), `openai:<model>` or `replay:<cassette>` (default: oracle).
    #[arg(long)]
    pub model: Option<String>,
    /// Trials per task and pipeline (default: 3).
    #[arg(long)]
    pub trials: Option<u32>,
    /// Episodes in flight at once (default: 4).
    #[arg(long)]
    pub concurrency: Option<usize>,
    /// Faults for every episode, e.g. `latency=50ms+-10ms,rate=10/1s`.
    #[arg(long)]
    pub faults: Option<String>,
    /// Output directory (default: reports/latest).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Continue the run in --out, running only the episodes it lacks.
    #[arg(long)]
    pub resume: bool,
    /// Run shard I of N (1-based), e.g. `2/4`.
    #[arg(long, value_parser = run::parse_shard)]
    pub shard: Option<(u32, u32)>,
    /// Task corpus directory (default: tasks).
    #[arg(long)]
    pub tasks_dir: Option<PathBuf>,
    /// Worlds directory (default: specs).
    #[arg(long)]
    pub specs_dir: Option<PathBuf>,
    /// World and fault seed (default: 7).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Turn cap for tasks that set none (default: 12).
    #[arg(long)]
    pub max_turns: Option<u32>,
    /// Model profile, a shipped name or a TOML file (default: gpt-4o).
    #[arg(long)]
    pub profile: Option<String>,
    /// Base URL of an OpenAI-compatible endpoint (with `/v1`).
    #[arg(long)]
    pub base_url: Option<String>,
    /// Environment variable holding the API key (default: OPENAI_API_KEY).
    #[arg(long)]
    pub api_key_env: Option<String>,
    /// Record every model call to this cassette (openai models).
    #[arg(long)]
    pub record: Option<PathBuf>,
    /// Sampling temperature.
    #[arg(long)]
    pub temperature: Option<f32>,
    /// Cap on generated tokens per reply (default: the profile's `max_output_tokens`).
    #[arg(long)]
    pub max_tokens: Option<u32>,
    /// Forbid several tool calls per turn.
    #[arg(long)]
    pub no_parallel_tool_calls: bool,
    /// Sandbox worker processes per world (default: 2).
    #[arg(long)]
    pub sandbox_workers: Option<usize>,
    /// A TOML file of run settings (keys as the long options, with `_` for `-`);
    /// options given on the command line win.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
}

/// Settings a `--config` file may hold; every key is optional.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    tasks: Option<String>,
    pipelines: Option<Vec<String>>,
    model: Option<String>,
    trials: Option<u32>,
    concurrency: Option<usize>,
    faults: Option<String>,
    out: Option<PathBuf>,
    tasks_dir: Option<PathBuf>,
    specs_dir: Option<PathBuf>,
    seed: Option<u64>,
    max_turns: Option<u32>,
    profile: Option<String>,
    base_url: Option<String>,
    api_key_env: Option<String>,
    record: Option<PathBuf>,
    temperature: Option<f32>,
    max_tokens: Option<u32>,
    no_parallel_tool_calls: Option<bool>,
    sandbox_workers: Option<usize>,
}

/// Fills every option the command line left out from the config file, then from the defaults.
fn resolve(args: &Args) -> Result<Args, CliError> {
    let file = match &args.config {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| CliError::bad_input(format!("--config {}: cannot read: {e}", path.display())))?;
            toml::from_str::<ConfigFile>(&text).map_err(|e| {
                CliError::bad_input(format!("--config {}: {}", path.display(), e.to_string().trim_end()))
            })?
        }
        None => ConfigFile::default(),
    };
    Ok(Args {
        filter: args.filter.clone().or(file.tasks),
        pipelines: Some(
            args.pipelines
                .clone()
                .or(file.pipelines)
                .unwrap_or_else(|| pipeline::NAMES.map(String::from).to_vec()),
        ),
        model: Some(args.model.clone().or(file.model).unwrap_or_else(|| "oracle".into())),
        trials: Some(args.trials.or(file.trials).unwrap_or(3)),
        concurrency: Some(args.concurrency.or(file.concurrency).unwrap_or(4)),
        faults: args.faults.clone().or(file.faults),
        out: Some(args.out.clone().or(file.out).unwrap_or_else(|| "reports/latest".into())),
        resume: args.resume,
        shard: args.shard,
        tasks_dir: Some(
            args.tasks_dir
                .clone()
                .or(file.tasks_dir)
                .unwrap_or_else(|| "tasks".into()),
        ),
        specs_dir: Some(
            args.specs_dir
                .clone()
                .or(file.specs_dir)
                .unwrap_or_else(|| "specs".into()),
        ),
        seed: Some(args.seed.or(file.seed).unwrap_or(7)),
        max_turns: Some(args.max_turns.or(file.max_turns).unwrap_or(12)),
        profile: Some(args.profile.clone().or(file.profile).unwrap_or_else(|| "gpt-4o".into())),
        base_url: args.base_url.clone().or(file.base_url),
        api_key_env: Some(
            args.api_key_env
                .clone()
                .or(file.api_key_env)
                .unwrap_or_else(|| "OPENAI_API_KEY".into()),
        ),
        record: args.record.clone().or(file.record),
        temperature: args.temperature.or(file.temperature),
        max_tokens: args.max_tokens.or(file.max_tokens),
        no_parallel_tool_calls: args.no_parallel_tool_calls || file.no_parallel_tool_calls.unwrap_or(false),
        sandbox_workers: Some(args.sandbox_workers.or(file.sandbox_workers).unwrap_or(2)),
        quiet: args.quiet,
        config: args.config.clone(),
    })
}

fn model_choice(args: &Args) -> Result<ModelChoice, CliError> {
    let parallel = !args.no_parallel_tool_calls;
    let model = args.model.clone().unwrap_or_default();
    if model == "oracle" {
        return Ok(ModelChoice::Oracle {
            parallel_tool_calls: parallel,
        });
    }
    if let Some(m) = model.strip_prefix("openai:").filter(|m| !m.is_empty()) {
        let mut config = OpenAiConfig::new(m);
        if let Some(u) = &args.base_url {
            config.base_url = u.clone();
        }
        config.api_key_env = args.api_key_env.clone().unwrap_or_default();
        config.timeout = Duration::from_secs(600);
        return Ok(ModelChoice::OpenAi {
            config,
            record: args.record.clone(),
        });
    }
    if let Some(p) = model.strip_prefix("replay:").filter(|p| !p.is_empty()) {
        return Ok(ModelChoice::Replay(PathBuf::from(p)));
    }
    Err(CliError::bad_input(format!(
        "--model {model:?}: expected oracle, openai:<model> or replay:<cassette>"
    )))
}

/// Runs `cmbench run`.
pub fn run(args: &Args, out: &mut dyn Write) -> Result<(), CliError> {
    let args = &resolve(args)?;
    let model = model_choice(args)?;
    let profile = Profile::load(args.profile.as_deref().unwrap_or_default()).map_err(CliError::bad_input)?;
    let out_dir = args.out.clone().unwrap_or_default();
    let worker_bin = std::env::current_exe().map_err(|e| CliError::failure(format!("locating cmbench: {e}")))?;
    let seed = args.seed.unwrap_or(7);
    let opts = RunOptions {
        tasks_dir: args.tasks_dir.clone().unwrap_or_default(),
        specs_dir: args.specs_dir.clone().unwrap_or_default(),
        filter: args.filter.clone(),
        pipelines: args.pipelines.clone().unwrap_or_default(),
        model,
        trials: args.trials.unwrap_or(1),
        concurrency: args.concurrency.unwrap_or(1),
        faults: args.faults.clone(),
        out: out_dir.clone(),
        resume: args.resume,
        shard: args.shard,
        seed,
        episode: EpisodeConfig {
            run_id: format!(
                "{}-{seed}",
                out_dir
                    .file_name()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            ),
            encoding: profile.encoding,
            max_turns: args.max_turns.unwrap_or(12),
            params: SamplingParams {
                temperature: args.temperature,
                seed: Some(seed),
                max_tokens: Some(args.max_tokens.unwrap_or(profile.max_output_tokens)),
                parallel_tool_calls: !args.no_parallel_tool_calls,
            },
            profile: Some(profile),
        },
        worker_bin,
        sandbox_workers: args.sandbox_workers.unwrap_or(2),
        progress: !args.quiet,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| CliError::failure(format!("starting the async runtime: {e}")))?;
    let started = std::time::Instant::now();
    let summary = runtime.block_on(run::run(&opts)).map_err(CliError::bad_input)?;
    let wall = started.elapsed().as_secs_f64();
    let records = read_records(&summary.records).map_err(CliError::failure)?;
    let dir = summary
        .records
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    let manifest: run::Manifest = std::fs::read_to_string(dir.join("manifest.json"))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .ok_or_else(|| CliError::failure(format!("{}: cannot read the manifest", dir.display())))?;
    let md_path = dir.join("summary.md");
    std::fs::write(&md_path, run::summary::markdown(&records, &manifest))
        .map_err(|e| CliError::failure(format!("{}: cannot write: {e}", md_path.display())))?;
    let io = |e: std::io::Error| CliError::failure(format!("writing output: {e}"));
    writeln!(
        out,
        "{} episodes planned, {} already recorded, {} run; records in {}, summary in {}",
        summary.planned,
        summary.skipped,
        summary.ran,
        summary.records.display(),
        md_path.display()
    )
    .map_err(io)?;
    if summary.ran > 0 {
        writeln!(
            out,
            "{:.1} episodes/s over {:.1} s wall (start-up included); harness overhead per turn: median {:.2} ms",
            summary.ran as f64 / wall,
            wall,
            run::summary::median_harness_ms_per_turn(&records).unwrap_or(0.0)
        )
        .map_err(io)?;
    }
    writeln!(out).map_err(io)?;
    write!(out, "{}", run::summary::table(&records)).map_err(io)?;
    let infra: Vec<&crate::record::Record> = records.iter().filter(|r| r.termination.is_infrastructure()).collect();
    if !infra.is_empty() {
        let misses = infra
            .iter()
            .filter(|r| r.termination == crate::record::Termination::CassetteMiss)
            .count();
        return Err(CliError::failure(format!(
            "{} of {} episodes ended on an infrastructure error ({} cassette misses, {} provider or network failures): they are not measurements of the model. Their turns' `error` says what failed (first: {} {} trial {}: {})",
            infra.len(),
            records.len(),
            misses,
            infra.len() - misses,
            infra[0].task,
            infra[0].pipeline,
            infra[0].trial,
            infra[0]
                .turns
                .last()
                .and_then(|t| t.error.as_deref())
                .unwrap_or("(no error text)")
        )));
    }
    Ok(())
}
