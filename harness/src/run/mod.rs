//! Runs: many episodes (tasks x pipelines x trials), written to `records.jsonl` as they
//! finish, with a manifest; resumable after a kill and shardable across machines.
//!
//! One mock server per world (and per distinct task fixture override), one sandbox per
//! world, pipelines built once per world; episodes run concurrently up to
//! `concurrency`, each against a fresh mock episode. Each record is appended and flushed
//! when its episode ends, so a killed run loses only the episodes in flight, and
//! `--resume` runs exactly the episodes missing from the file.

pub mod manifest;
pub mod merge;
pub mod summary;

pub use manifest::Manifest;

use crate::episode::{self, EpisodeConfig, EpisodeInput};
use crate::mock::{Faults, MockServer, ServerOptions, World, WorldFiles};
use crate::model::Model;
use crate::model::cassette::{Recorder, ReplayModel};
use crate::model::openai::{OpenAiConfig, OpenAiModel};
use crate::model::oracle::{self, OracleModel};
use crate::pipeline::{self, Pipeline, Prompt};
use crate::record::{RecordWriter, SCHEMA_VERSION, read_records};
use crate::sandbox::{Sandbox, SandboxConfig};
use crate::spec::Spec;
use crate::task::{self, Task};
use crate::tokens::PrefixCache;
use futures::StreamExt;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

/// The most sandbox worker processes a run starts per world.
pub const MAX_SANDBOX_WORKERS: usize = 64;

/// Which model a run uses.
#[derive(Debug, Clone)]
pub enum ModelChoice {
    /// The offline ideal agent.
    Oracle {
        /// Whether json-tools turns may hold several calls.
        parallel_tool_calls: bool,
    },
    /// An OpenAI-compatible endpoint, optionally recording a cassette.
    OpenAi {
        /// Endpoint and model.
        config: OpenAiConfig,
        /// Cassette to record every call to.
        record: Option<PathBuf>,
    },
    /// Answers from a cassette.
    Replay(PathBuf),
}

impl ModelChoice {
    fn label(&self) -> String {
        match self {
            Self::Oracle { .. } => "oracle".into(),
            Self::OpenAi { config, .. } => format!("openai:{}", config.model),
            Self::Replay(p) => format!("replay:{}", p.display()),
        }
    }
}

/// Everything a run needs.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Task corpus directory (`tasks/`).
    pub tasks_dir: PathBuf,
    /// Worlds directory (`specs/`).
    pub specs_dir: PathBuf,
    /// Only tasks whose id matches this ([`task::id_matches`]: comma-separated substrings or globs).
    pub filter: Option<String>,
    /// Pipelines to run.
    pub pipelines: Vec<String>,
    /// The model.
    pub model: ModelChoice,
    /// Trials per task and pipeline.
    pub trials: u32,
    /// Episodes in flight at once.
    pub concurrency: usize,
    /// Faults for every episode (`--faults` syntax).
    pub faults: Option<String>,
    /// Output directory.
    pub out: PathBuf,
    /// Continue a run in `out` instead of refusing to touch it.
    pub resume: bool,
    /// Run only shard `i` of `n` (1-based).
    pub shard: Option<(u32, u32)>,
    /// World and fault seed.
    pub seed: u64,
    /// Episode settings (encoding, turn cap, sampling, profile).
    pub episode: EpisodeConfig,
    /// The `cmbench` binary the sandbox runs as its worker.
    pub worker_bin: PathBuf,
    /// Sandbox worker processes per world.
    pub sandbox_workers: usize,
    /// Show a progress bar on stderr.
    pub progress: bool,
}

/// What a run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunSummary {
    /// Episodes this run (or shard) covers.
    pub planned: usize,
    /// Of which already in the records file (resumed).
    pub skipped: usize,
    /// Of which run now.
    pub ran: usize,
    /// The records file.
    pub records: PathBuf,
}

/// One planned episode.
#[derive(Debug, Clone)]
struct Planned {
    task: usize,
    pipeline: String,
    trial: u32,
}

fn episode_key(task: &str, pipeline: &str, model: &str, trial: u32) -> String {
    format!("{task}|{pipeline}|{model}|{trial}")
}

fn task_set_hash(tasks: &[Task]) -> String {
    let mut h = Sha256::new();
    for t in tasks {
        h.update(t.id.as_bytes());
        h.update([0]);
        h.update(std::fs::read(&t.file).unwrap_or_default());
        h.update([0]);
        h.update(t.solution.as_bytes());
        h.update([0]);
    }
    hex::encode(h.finalize())
}

/// Parses `i/n` (1-based).
pub fn parse_shard(s: &str) -> Result<(u32, u32), String> {
    let (i, n) = s
        .split_once('/')
        .ok_or_else(|| format!("--shard {s:?}: expected I/N, e.g. 1/4"))?;
    let (i, n): (u32, u32) = (
        i.trim()
            .parse()
            .map_err(|_| format!("--shard {s:?}: {i:?} is not a number"))?,
        n.trim()
            .parse()
            .map_err(|_| format!("--shard {s:?}: {n:?} is not a number"))?,
    );
    if n == 0 || i == 0 || i > n {
        return Err(format!("--shard {s:?}: need 1 <= I <= N"));
    }
    Ok((i, n))
}

/// Runs (or resumes) a run; errors name the file or option at fault.
pub async fn run(opts: &RunOptions) -> Result<RunSummary, String> {
    let tasks = task::load_dir(&opts.tasks_dir)
        .map_err(|errors| errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))?;
    let tasks: Vec<Task> = tasks
        .into_iter()
        .filter(|t| opts.filter.as_deref().is_none_or(|f| task::id_matches(&t.id, f)))
        .collect();
    if tasks.is_empty() {
        return Err(format!(
            "no tasks in {}{}",
            opts.tasks_dir.display(),
            opts.filter
                .as_deref()
                .map(|f| format!(" match {f:?}"))
                .unwrap_or_default()
        ));
    }
    for (what, n) in [
        ("--trials", u64::from(opts.trials)),
        ("--concurrency", opts.concurrency as u64),
        ("--max-turns", u64::from(opts.episode.max_turns)),
        ("--sandbox-workers", opts.sandbox_workers as u64),
    ] {
        if n == 0 {
            return Err(format!("{what} must be at least 1"));
        }
    }
    if opts.sandbox_workers > MAX_SANDBOX_WORKERS {
        return Err(format!(
            "--sandbox-workers {}: at most {MAX_SANDBOX_WORKERS} worker processes per world",
            opts.sandbox_workers
        ));
    }
    if opts.pipelines.is_empty() {
        return Err("--pipelines names no pipeline".into());
    }
    if let Some(p) = opts
        .pipelines
        .iter()
        .enumerate()
        .find_map(|(i, p)| opts.pipelines[..i].contains(p).then_some(p))
    {
        return Err(format!(
            "--pipelines names {p:?} twice: each episode (task, pipeline, trial) is run once"
        ));
    }
    for p in &opts.pipelines {
        if !pipeline::NAMES.contains(&p.as_str()) {
            return Err(format!(
                "unknown pipeline {p:?} (known: {})",
                pipeline::NAMES.join(", ")
            ));
        }
    }
    let faults: Faults = match &opts.faults {
        Some(f) => f.parse().map_err(|e| format!("--faults: {e}"))?,
        None => Faults::default(),
    };

    // Worlds, by name.
    let mut world_files: BTreeMap<String, WorldFiles> = BTreeMap::new();
    for t in &tasks {
        if !world_files.contains_key(&t.world) {
            let files = crate::mock::world_files(&opts.specs_dir, &t.world)
                .map_err(|e| format!("{}: world {:?}: {e}", t.file.display(), t.world))?;
            world_files.insert(t.world.clone(), files);
        }
    }
    let mut specs: BTreeMap<String, Arc<Spec>> = BTreeMap::new();
    let mut spec_hashes = BTreeMap::new();
    for (name, files) in &world_files {
        specs.insert(
            name.clone(),
            Arc::new(Spec::load(&files.spec).map_err(|e| e.to_string())?),
        );
        spec_hashes.insert(name.clone(), manifest::file_hash(&files.spec)?);
    }

    let model_label = opts.model.label();
    let manifest = Manifest {
        record_schema: SCHEMA_VERSION,
        harness_version: env!("CARGO_PKG_VERSION").into(),
        git_commit: manifest::git_commit(),
        task_set_hash: task_set_hash(&tasks),
        tasks: tasks.len(),
        spec_hashes,
        prompt_hashes: opts
            .pipelines
            .iter()
            .filter_map(|p| Prompt::for_pipeline(p).map(|pr| (p.clone(), pr.hash())))
            .collect(),
        pipelines: opts.pipelines.clone(),
        model: model_label.clone(),
        model_config: serde_json::to_value(&opts.episode.params).unwrap_or_default(),
        profile: opts.episode.profile.as_ref().map(|p| p.name.clone()),
        trials: opts.trials,
        seed: opts.seed,
        faults: opts.faults.clone(),
        filter: opts.filter.clone(),
        shard: opts.shard.map(|(i, n)| format!("{i}/{n}")),
        max_turns: Some(opts.episode.max_turns),
    };

    // The episodes this run covers, in a stable order; sharding takes every n-th.
    let mut planned: Vec<Planned> = Vec::new();
    for (ti, _) in tasks.iter().enumerate() {
        for p in &opts.pipelines {
            for trial in 0..opts.trials {
                planned.push(Planned {
                    task: ti,
                    pipeline: p.clone(),
                    trial,
                });
            }
        }
    }
    if let Some((i, n)) = opts.shard {
        planned = planned
            .into_iter()
            .enumerate()
            .filter(|(k, _)| *k as u32 % n == i - 1)
            .map(|(_, p)| p)
            .collect();
    }

    // Pipelines per world.
    let mut pipelines: HashMap<(String, String), Box<dyn Pipeline>> = HashMap::new();
    for (name, spec) in &specs {
        for p in &opts.pipelines {
            pipelines.insert((name.clone(), p.clone()), pipeline::build(p, spec.clone())?);
        }
    }

    // A replayed run first checks that its cassette holds the opening request of every
    // planned episode: a harness or option change since recording shows here, before
    // anything runs, rather than as episodes that end on a cassette miss.
    let replay = match &opts.model {
        ModelChoice::Replay(path) => Some(Arc::new(ReplayModel::load(path).map_err(|e| e.to_string())?)),
        _ => None,
    };
    if let Some(r) = &replay {
        let mut misses: Vec<String> = Vec::new();
        for p in &planned {
            let t = &tasks[p.task];
            let pipeline = pipelines[&(t.world.clone(), p.pipeline.clone())].as_ref();
            let (messages, tools_json) = episode::opening(t, pipeline, &specs[&t.world].title);
            let request = crate::model::ModelRequest {
                messages: &messages,
                tools_json: &tools_json,
                params: &opts.episode.params,
                trial: p.trial,
            };
            if let Err(e) = r.check(&request)
                && !episode::opening_kept_back(t, pipeline, &specs[&t.world].title, &opts.episode)
            {
                misses.push(format!("{} {} trial {}: {e}", t.id, p.pipeline, p.trial));
            }
        }
        if let Some(first) = misses.first() {
            return Err(format!(
                "the cassette lacks the opening request of {} of {} planned episodes: the prompts, tools, tasks or sampling options (--max-tokens, --temperature, the profile's output cap) differ from when it was recorded, so replaying it would not reproduce the run; record it again with --record. First: {first}",
                misses.len(),
                planned.len()
            ));
        }
    }

    // Output directory, resume.
    std::fs::create_dir_all(&opts.out).map_err(|e| format!("{}: cannot create: {e}", opts.out.display()))?;
    let records_path = opts.out.join("records.jsonl");
    let manifest_path = opts.out.join("manifest.json");
    let mut done: HashSet<String> = HashSet::new();
    if !records_path.exists() && opts.out.join("records.jsonl.gz").exists() {
        return Err(format!(
            "{} holds a compressed run (records.jsonl.gz): choose another --out, or gunzip it to resume it",
            opts.out.display()
        ));
    }
    if records_path.exists() {
        if !opts.resume {
            return Err(format!(
                "{} already holds a run: pass --resume to continue it, or choose another --out",
                opts.out.display()
            ));
        }
        let old: Manifest = serde_json::from_str(
            &std::fs::read_to_string(&manifest_path)
                .map_err(|e| format!("{}: cannot read: {e}", manifest_path.display()))?,
        )
        .map_err(|e| format!("{}: {e}", manifest_path.display()))?;
        old.compatible(&manifest)
            .map_err(|e| format!("cannot resume {}: {e}", opts.out.display()))?;
        for r in read_records(&records_path).or_else(|e| recover_truncated(&records_path, e))? {
            done.insert(r.episode_key());
        }
    }
    std::fs::write(
        &manifest_path,
        serde_json::to_string_pretty(&manifest).unwrap_or_default(),
    )
    .map_err(|e| format!("{}: cannot write: {e}", manifest_path.display()))?;

    let todo: Vec<Planned> = planned
        .iter()
        .filter(|p| {
            !done.contains(&episode_key(
                &tasks[p.task].id,
                &p.pipeline,
                &recorded_model_name(&opts.model, &model_label),
                p.trial,
            ))
        })
        .cloned()
        .collect();
    let skipped = planned.len() - todo.len();
    let writer = RecordWriter::append(&records_path).map_err(|e| format!("{}: {e}", records_path.display()))?;
    if todo.is_empty() {
        return Ok(RunSummary {
            planned: planned.len(),
            skipped,
            ran: 0,
            records: records_path,
        });
    }

    // Servers: one per world, plus one per task with fixture overrides.
    let needed_tasks: HashSet<usize> = todo.iter().map(|p| p.task).collect();
    let mut servers: HashMap<String, MockServer> = HashMap::new();
    for &ti in &needed_tasks {
        let t = &tasks[ti];
        let key = server_key(t);
        if servers.contains_key(&key) {
            continue;
        }
        let files = &world_files[&t.world];
        let mut world = World::from_files(specs[&t.world].clone(), opts.seed, files.fixtures.as_deref())
            .map_err(|e| format!("{}: {e}", t.file.display()))?;
        if let Some(overrides) = &t.fixtures {
            world
                .apply_fixtures(overrides)
                .map_err(|e| format!("{}: fixtures: {e}", t.file.display()))?;
        }
        // Run-level --faults replace the world's (and the task's) own; otherwise the
        // faults the world and the task's fixtures set apply to every episode.
        let episode_faults = if opts.faults.is_some() {
            faults.clone()
        } else {
            world.faults.clone()
        };
        let server = MockServer::start(
            Arc::new(world),
            ServerOptions {
                faults: episode_faults,
                ..ServerOptions::default()
            },
        )
        .await
        .map_err(|e| format!("starting the mock server for {}: {e}", t.world))?;
        servers.insert(key, server);
    }

    // Sandboxes, for code pipelines and for tracing the oracle's reference solutions.
    let needs_sandbox =
        matches!(opts.model, ModelChoice::Oracle { .. }) || opts.pipelines.iter().any(|p| p.starts_with("code-mode"));
    let mut sandboxes: HashMap<String, Sandbox> = HashMap::new();
    if needs_sandbox {
        for (name, files) in &world_files {
            let mut config = SandboxConfig::new(Some(files.spec.clone()));
            config.worker_bin = opts.worker_bin.clone();
            config.workers = opts.sandbox_workers.max(1);
            let sb = Sandbox::new(config)
                .await
                .map_err(|e| format!("starting the sandbox for {name}: {e}"))?;
            sandboxes.insert(name.clone(), sb);
        }
    }

    // Models.
    let shared: Option<Arc<dyn Model>> = match &opts.model {
        ModelChoice::Oracle { .. } => None,
        ModelChoice::OpenAi { config, record } => {
            // Recording into a cassette that already holds calls continues it: requests it
            // holds are answered from it, the others go to the model and are appended.
            let prior = match record {
                Some(path) if std::fs::metadata(path).is_ok_and(|m| m.len() > 0) => {
                    Some(ReplayModel::load(path).map_err(|e| e.to_string())?)
                }
                _ => None,
            };
            let recorder = match record {
                Some(path) => Some(Arc::new(Recorder::open(path).map_err(|e| e.to_string())?)),
                None => None,
            };
            let mut model = OpenAiModel::new(config.clone(), recorder).map_err(|e| e.to_string())?;
            if let Some(p) = prior {
                model = model.with_prior(p).map_err(|e| e.to_string())?;
            }
            Some(Arc::new(model))
        }
        ModelChoice::Replay(_) => replay.clone().map(|r| r as Arc<dyn Model>),
    };
    let mut oracles: HashMap<(usize, String), OracleModel> = HashMap::new();
    if let ModelChoice::Oracle { parallel_tool_calls } = opts.model {
        for &ti in &needed_tasks {
            let t = &tasks[ti];
            let server = &servers[&server_key(t)];
            let ep = server.episode();
            let trace = oracle::trace(&sandboxes[&t.world], ep.base_url(), &t.solution)
                .await
                .map_err(|e| format!("{}: {e}", t.file.display()))?;
            ep.close();
            for p in &opts.pipelines {
                let turns = oracle::plan(p, &specs[&t.world], &t.solution, &trace, parallel_tool_calls)
                    .map_err(|e| format!("{}: oracle for {p}: {e}", t.file.display()))?;
                oracles.insert((ti, p.clone()), OracleModel::new(turns));
            }
        }
    }

    let bar = if opts.progress {
        indicatif::ProgressBar::new(todo.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {pos}/{len} episodes {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let http = reqwest::Client::new();
    let cache = PrefixCache::new();
    let failures = std::sync::Mutex::new(Vec::<String>::new());
    let ran = futures::stream::iter(todo.iter())
        .map(|p| {
            let t = &tasks[p.task];
            let server = &servers[&server_key(t)];
            let pipeline = pipelines[&(t.world.clone(), p.pipeline.clone())].as_ref();
            let model: &dyn Model = match &shared {
                Some(m) => m.as_ref(),
                None => &oracles[&(p.task, p.pipeline.clone())],
            };
            let (http, cache, writer, bar, failures) = (&http, &cache, &writer, &bar, &failures);
            let sandbox = sandboxes.get(&t.world);
            let spec = &specs[&t.world];
            async move {
                let mock = server.episode();
                let record = episode::run(EpisodeInput {
                    task: t,
                    api_title: &spec.title,
                    pipeline,
                    model,
                    mock: &mock,
                    sandbox,
                    http,
                    trial: p.trial,
                    seed: opts.seed,
                    prefix_cache: cache,
                    config: &opts.episode,
                })
                .await;
                mock.close();
                if let Err(e) = writer.write(&record) {
                    failures
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(format!("{}: {e}", writer.path().display()));
                }
                bar.inc(1);
                if !record.success {
                    bar.set_message(format!("(last failure: {} {})", record.task, record.pipeline));
                }
            }
        })
        .buffer_unordered(opts.concurrency.max(1))
        .count()
        .await;
    bar.finish_and_clear();
    if let Some(e) = failures.into_inner().unwrap_or_default().into_iter().next() {
        return Err(e);
    }
    Ok(RunSummary {
        planned: planned.len(),
        skipped,
        ran,
        records: records_path,
    })
}

/// The model name records carry: a replay carries the recorded model's name.
fn recorded_model_name(choice: &ModelChoice, label: &str) -> String {
    match choice {
        ModelChoice::Replay(p) => ReplayModel::load(p)
            .map(|m| m.name())
            .unwrap_or_else(|_| label.to_string()),
        _ => label.to_string(),
    }
}

fn server_key(t: &Task) -> String {
    match &t.fixtures {
        Some(f) => format!("{}#{}", t.world, hex::encode(Sha256::digest(f.to_string().as_bytes()))),
        None => t.world.clone(),
    }
}

/// A run killed mid-write can leave a partial last line: drop it (it is re-run) and keep the rest.
fn recover_truncated(path: &std::path::Path, error: String) -> Result<Vec<crate::record::Record>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if text.ends_with('\n') || text.is_empty() {
        return Err(error);
    }
    let keep = &text[..text.rfind('\n').map(|i| i + 1).unwrap_or(0)];
    std::fs::write(path, keep).map_err(|e| format!("{}: {e}", path.display()))?;
    read_records(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse() {
        assert_eq!(parse_shard("2/4"), Ok((2, 4)));
        assert!(parse_shard("0/4").unwrap_err().contains("1 <= I <= N"));
        assert!(parse_shard("5/4").is_err());
        assert!(parse_shard("x").unwrap_err().contains("expected I/N"));
    }
}
