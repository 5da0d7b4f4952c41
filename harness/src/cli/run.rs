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
    /// Only tasks whose id contains this text.
    #[arg(long = "tasks", value_name = "FILTER")]
    pub filter: Option<String>,
    /// Pipelines, comma-separated.
    #[arg(long, value_delimiter = ',', default_values_t = pipeline::NAMES.map(String::from))]
    pub pipelines: Vec<String>,
    /// `oracle` (offline), `openai:<model>` or `replay:<cassette>`.
    #[arg(long, default_value = "oracle")]
    pub model: String,
    /// Trials per task and pipeline.
    #[arg(long, default_value_t = 3)]
    pub trials: u32,
    /// Episodes in flight at once.
    #[arg(long, default_value_t = 4)]
    pub concurrency: usize,
    /// Faults for every episode, e.g. `latency=50ms+-10ms,rate=10/1s`.
    #[arg(long)]
    pub faults: Option<String>,
    /// Output directory.
    #[arg(long, default_value = "reports/latest")]
    pub out: PathBuf,
    /// Continue the run in --out, running only the episodes it lacks.
    #[arg(long)]
    pub resume: bool,
    /// Run shard I of N (1-based), e.g. `2/4`.
    #[arg(long, value_parser = run::parse_shard)]
    pub shard: Option<(u32, u32)>,
    /// Task corpus directory.
    #[arg(long, default_value = "tasks")]
    pub tasks_dir: PathBuf,
    /// Worlds directory.
    #[arg(long, default_value = "specs")]
    pub specs_dir: PathBuf,
    /// World and fault seed.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Turn cap for tasks that set none.
    #[arg(long, default_value_t = 12)]
    pub max_turns: u32,
    /// Model profile (shipped name or TOML file): prices, context window, latency model.
    #[arg(long, default_value = "gpt-4o")]
    pub profile: String,
    /// Base URL of an OpenAI-compatible endpoint (with `/v1`).
    #[arg(long)]
    pub base_url: Option<String>,
    /// Environment variable holding the API key.
    #[arg(long, default_value = "OPENAI_API_KEY")]
    pub api_key_env: String,
    /// Record every model call to this cassette (openai models).
    #[arg(long)]
    pub record: Option<PathBuf>,
    /// Sampling temperature.
    #[arg(long)]
    pub temperature: Option<f32>,
    /// Cap on generated tokens per turn.
    #[arg(long)]
    pub max_tokens: Option<u32>,
    /// Forbid several tool calls per turn.
    #[arg(long)]
    pub no_parallel_tool_calls: bool,
    /// Sandbox worker processes per world.
    #[arg(long, default_value_t = 2)]
    pub sandbox_workers: usize,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
}

fn model_choice(args: &Args) -> Result<ModelChoice, CliError> {
    let parallel = !args.no_parallel_tool_calls;
    if args.model == "oracle" {
        return Ok(ModelChoice::Oracle {
            parallel_tool_calls: parallel,
        });
    }
    if let Some(m) = args.model.strip_prefix("openai:").filter(|m| !m.is_empty()) {
        let mut config = OpenAiConfig::new(m);
        if let Some(u) = &args.base_url {
            config.base_url = u.clone();
        }
        config.api_key_env = args.api_key_env.clone();
        config.timeout = Duration::from_secs(600);
        return Ok(ModelChoice::OpenAi {
            config,
            record: args.record.clone(),
        });
    }
    if let Some(p) = args.model.strip_prefix("replay:").filter(|p| !p.is_empty()) {
        return Ok(ModelChoice::Replay(PathBuf::from(p)));
    }
    Err(CliError::bad_input(format!(
        "--model {:?}: expected oracle, openai:<model> or replay:<cassette>",
        args.model
    )))
}

/// Runs `cmbench run`.
pub fn run(args: &Args, out: &mut dyn Write) -> Result<(), CliError> {
    let model = model_choice(args)?;
    let profile = Profile::load(&args.profile).map_err(CliError::bad_input)?;
    let worker_bin = std::env::current_exe().map_err(|e| CliError::failure(format!("locating cmbench: {e}")))?;
    let opts = RunOptions {
        tasks_dir: args.tasks_dir.clone(),
        specs_dir: args.specs_dir.clone(),
        filter: args.filter.clone(),
        pipelines: args.pipelines.clone(),
        model,
        trials: args.trials.max(1),
        concurrency: args.concurrency.max(1),
        faults: args.faults.clone(),
        out: args.out.clone(),
        resume: args.resume,
        shard: args.shard,
        seed: args.seed,
        episode: EpisodeConfig {
            run_id: format!(
                "{}-{}",
                args.out
                    .file_name()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                args.seed
            ),
            encoding: profile.encoding,
            max_turns: args.max_turns,
            params: SamplingParams {
                temperature: args.temperature,
                seed: Some(args.seed),
                max_tokens: args.max_tokens,
                parallel_tool_calls: !args.no_parallel_tool_calls,
            },
            profile: Some(profile),
        },
        worker_bin,
        sandbox_workers: args.sandbox_workers,
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
    let io = |e: std::io::Error| CliError::failure(format!("writing output: {e}"));
    writeln!(
        out,
        "{} episodes planned, {} already recorded, {} run; records in {}",
        summary.planned,
        summary.skipped,
        summary.ran,
        summary.records.display()
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
    Ok(())
}
