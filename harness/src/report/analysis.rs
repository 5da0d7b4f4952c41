//! The analysis behind `cmbench report`: an episode table and a turn table (polars
//! DataFrames, one row per episode / per turn), grouped figures per pipeline x model and per
//! task, pattern and world (success with a Wilson interval, pass@k / pass^k, token, latency
//! and cost distributions), failure-class and termination breakdowns, and paired comparisons
//! of each pipeline against a reference pipeline (`compare.rs`).
//!
//! Cost comes from a model profile's prices. "With prefix caching" bills the cached tokens
//! the provider reported; when a turn has no provider usage (the oracle, replays without
//! usage) the cacheable prefix is estimated as the previous turn's whole input (an
//! append-only conversation resends it unchanged) when it reaches [`MIN_CACHED_PREFIX`].

use super::compare::{self, Comparison};
use super::stats::{Z95, mean, pass_at_k, pass_hat_k, quantile, wilson};
use crate::model::profile::Prices;
use crate::record::{Record, Turn};
use polars::prelude::{Column, DataFrame, PolarsResult};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The shortest prefix a provider caches (OpenAI: 1,024 tokens).
pub const MIN_CACHED_PREFIX: u64 = 1024;

/// One episode, flattened.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EpisodeRow {
    /// Task id.
    pub task: String,
    /// World name.
    pub world: String,
    /// Task pattern.
    pub pattern: String,
    /// Task difficulty.
    pub difficulty: String,
    /// Pipeline name.
    pub pipeline: String,
    /// Model name.
    pub model: String,
    /// Trial index.
    pub trial: u32,
    /// World seed.
    pub seed: u64,
    /// Whether every check passed.
    pub success: bool,
    /// First failure cause (`None` for successes or unclassified failures).
    pub failure_class: Option<String>,
    /// Why the episode ended.
    pub termination: String,
    /// Model round trips.
    pub round_trips: u64,
    /// Input tokens over all turns.
    pub input_tokens: u64,
    /// Output tokens over all turns.
    pub output_tokens: u64,
    /// Cached input tokens the provider reported.
    pub cached_tokens: u64,
    /// Input tokens of system prompts.
    pub input_system: u64,
    /// Input tokens of tool definitions.
    pub input_tool_definitions: u64,
    /// Input tokens of user/assistant history.
    pub input_history: u64,
    /// Input tokens of tool results.
    pub input_tool_results: u64,
    /// Tool calls made.
    pub tool_calls: u64,
    /// Tool calls that failed.
    pub tool_errors: u64,
    /// API requests.
    pub api_calls: u64,
    /// API writes.
    pub api_writes: u64,
    /// Model time, ms.
    pub latency_model_ms: f64,
    /// Sandbox time, ms.
    pub latency_sandbox_ms: f64,
    /// API time, ms.
    pub latency_api_ms: f64,
    /// Harness time, ms.
    pub latency_harness_ms: f64,
    /// Whole episode, ms.
    pub latency_total_ms: f64,
    /// Cost in USD with every input token billed as uncached.
    pub cost_usd: f64,
    /// Cost in USD with prefix caching (reported or estimated, see the module docs).
    pub cost_usd_cached: f64,
    /// Infrastructure retries of model calls.
    pub retries: u64,
}

/// The snake_case name serde gives a unit enum variant.
fn snake<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(e) => format!("<{e}>"),
    }
}

/// Cost of one request in USD.
fn cost(p: &Prices, input: u64, cached: u64, output: u64) -> f64 {
    let cached = cached.min(input);
    ((input - cached) as f64 * p.input + cached as f64 * p.cached_input + output as f64 * p.output) / 1e6
}

/// Cached input tokens used for the cached cost of `turn`, whose predecessor sent `prev_input` tokens.
pub fn cached_for_cost(turn: &Turn, prev_input: Option<u64>) -> u64 {
    if turn.provider_usage.is_some() || turn.cached_tokens > 0 {
        return turn.cached_tokens;
    }
    match prev_input {
        Some(p) if p >= MIN_CACHED_PREFIX => p.min(turn.input.total() as u64),
        _ => 0,
    }
}

/// Per-turn (uncached cost, cached cost) of an episode.
fn turn_costs(r: &Record, prices: &Prices) -> Vec<(f64, f64)> {
    let mut prev = None;
    r.turns
        .iter()
        .map(|t| {
            let input = t.input.total() as u64;
            let out = t.output_tokens as u64;
            let c = (
                cost(prices, input, 0, out),
                cost(prices, input, cached_for_cost(t, prev), out),
            );
            prev = Some(input);
            c
        })
        .collect()
}

/// Flattens records into episode rows, costed with `prices`.
pub fn episode_rows(records: &[Record], prices: &Prices) -> Vec<EpisodeRow> {
    records
        .iter()
        .map(|r| {
            let sum = |f: &dyn Fn(&Turn) -> u64| r.turns.iter().map(f).sum::<u64>();
            let costs = turn_costs(r, prices);
            EpisodeRow {
                task: r.task.clone(),
                world: r.world.clone(),
                pattern: r.pattern.clone(),
                difficulty: r.difficulty.clone(),
                pipeline: r.pipeline.clone(),
                model: r.model.clone(),
                trial: r.trial,
                seed: r.seed,
                success: r.success,
                failure_class: r.failure_class.as_ref().map(snake),
                termination: snake(&r.termination),
                round_trips: r.turns.len() as u64,
                input_tokens: r.input_tokens() as u64,
                output_tokens: r.output_tokens() as u64,
                cached_tokens: sum(&|t| t.cached_tokens),
                input_system: sum(&|t| t.input.system as u64),
                input_tool_definitions: sum(&|t| t.input.tool_definitions as u64),
                input_history: sum(&|t| t.input.history as u64),
                input_tool_results: sum(&|t| t.input.tool_results as u64),
                tool_calls: sum(&|t| t.tool_calls.len() as u64),
                tool_errors: sum(&|t| t.tool_calls.iter().filter(|c| c.error.is_some()).count() as u64),
                api_calls: r.api.calls,
                api_writes: r.api.writes,
                latency_model_ms: r.latency_ms.model,
                latency_sandbox_ms: r.latency_ms.sandbox,
                latency_api_ms: r.latency_ms.api,
                latency_harness_ms: r.latency_ms.harness,
                latency_total_ms: r.latency_ms.total(),
                cost_usd: costs.iter().map(|c| c.0).sum(),
                cost_usd_cached: costs.iter().map(|c| c.1).sum(),
                retries: sum(&|t| t.retries as u64),
            }
        })
        .collect()
}

fn col_str(name: &str, v: Vec<String>) -> Column {
    Column::new(name.into(), v)
}
fn col_u64(name: &str, v: Vec<u64>) -> Column {
    Column::new(name.into(), v)
}
fn col_f64(name: &str, v: Vec<f64>) -> Column {
    Column::new(name.into(), v)
}

/// The episode table: one row per episode, the columns of [`EpisodeRow`].
pub fn episode_frame(rows: &[EpisodeRow]) -> PolarsResult<DataFrame> {
    let s = |f: fn(&EpisodeRow) -> &str| rows.iter().map(|r| f(r).to_string()).collect::<Vec<_>>();
    let u = |f: fn(&EpisodeRow) -> u64| rows.iter().map(f).collect::<Vec<_>>();
    let x = |f: fn(&EpisodeRow) -> f64| rows.iter().map(f).collect::<Vec<_>>();
    DataFrame::new(
        rows.len(),
        vec![
            col_str("task", s(|r| &r.task)),
            col_str("world", s(|r| &r.world)),
            col_str("pattern", s(|r| &r.pattern)),
            col_str("difficulty", s(|r| &r.difficulty)),
            col_str("pipeline", s(|r| &r.pipeline)),
            col_str("model", s(|r| &r.model)),
            col_u64("trial", u(|r| r.trial as u64)),
            col_u64("seed", u(|r| r.seed)),
            Column::new("success".into(), rows.iter().map(|r| r.success).collect::<Vec<_>>()),
            Column::new(
                "failure_class".into(),
                rows.iter().map(|r| r.failure_class.clone()).collect::<Vec<_>>(),
            ),
            col_str("termination", s(|r| &r.termination)),
            col_u64("round_trips", u(|r| r.round_trips)),
            col_u64("input_tokens", u(|r| r.input_tokens)),
            col_u64("output_tokens", u(|r| r.output_tokens)),
            col_u64("cached_tokens", u(|r| r.cached_tokens)),
            col_u64("input_system", u(|r| r.input_system)),
            col_u64("input_tool_definitions", u(|r| r.input_tool_definitions)),
            col_u64("input_history", u(|r| r.input_history)),
            col_u64("input_tool_results", u(|r| r.input_tool_results)),
            col_u64("tool_calls", u(|r| r.tool_calls)),
            col_u64("tool_errors", u(|r| r.tool_errors)),
            col_u64("api_calls", u(|r| r.api_calls)),
            col_u64("api_writes", u(|r| r.api_writes)),
            col_f64("latency_model_ms", x(|r| r.latency_model_ms)),
            col_f64("latency_sandbox_ms", x(|r| r.latency_sandbox_ms)),
            col_f64("latency_api_ms", x(|r| r.latency_api_ms)),
            col_f64("latency_harness_ms", x(|r| r.latency_harness_ms)),
            col_f64("latency_total_ms", x(|r| r.latency_total_ms)),
            col_f64("cost_usd", x(|r| r.cost_usd)),
            col_f64("cost_usd_cached", x(|r| r.cost_usd_cached)),
            col_u64("retries", u(|r| r.retries)),
        ],
    )
}

/// The turn table: one row per turn of every episode.
pub fn turn_frame(records: &[Record], prices: &Prices) -> PolarsResult<DataFrame> {
    let mut task = Vec::new();
    let mut pipeline = Vec::new();
    let mut model = Vec::new();
    let mut trial = Vec::new();
    let mut turn = Vec::new();
    let mut nums: [Vec<u64>; 11] = Default::default();
    let mut lat: [Vec<f64>; 6] = Default::default();
    for r in records {
        for (t, (c, cc)) in r.turns.iter().zip(turn_costs(r, prices)) {
            task.push(r.task.clone());
            pipeline.push(r.pipeline.clone());
            model.push(r.model.clone());
            trial.push(r.trial as u64);
            turn.push(t.index as u64);
            for (v, x) in nums.iter_mut().zip([
                t.input.system,
                t.input.tool_definitions,
                t.input.history,
                t.input.tool_results,
                t.input.total(),
                t.output_tokens,
                t.cached_tokens as usize,
                t.tool_calls.len(),
                t.tool_calls.iter().filter(|c| c.error.is_some()).count(),
                t.api.calls as usize,
                t.retries as usize,
            ]) {
                v.push(x as u64);
            }
            for (v, x) in lat.iter_mut().zip([
                t.latency_ms.model,
                t.latency_ms.sandbox,
                t.latency_ms.api,
                t.latency_ms.harness,
                c,
                cc,
            ]) {
                v.push(x);
            }
        }
    }
    let height = task.len();
    let mut cols = vec![
        col_str("task", task),
        col_str("pipeline", pipeline),
        col_str("model", model),
        col_u64("trial", trial),
        col_u64("turn", turn),
    ];
    let num_names = [
        "input_system",
        "input_tool_definitions",
        "input_history",
        "input_tool_results",
        "input_tokens",
        "output_tokens",
        "cached_tokens",
        "tool_calls",
        "tool_errors",
        "api_calls",
        "retries",
    ];
    for (name, v) in num_names.iter().zip(nums) {
        cols.push(col_u64(name, v));
    }
    let lat_names = [
        "latency_model_ms",
        "latency_sandbox_ms",
        "latency_api_ms",
        "latency_harness_ms",
        "cost_usd",
        "cost_usd_cached",
    ];
    for (name, v) in lat_names.iter().zip(lat) {
        cols.push(col_f64(name, v));
    }
    DataFrame::new(height, cols)
}

/// Mean, median and 95th percentile of a measure.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Dist {
    /// Mean.
    pub mean: f64,
    /// Median.
    pub median: f64,
    /// 95th percentile.
    pub p95: f64,
}

impl Dist {
    fn of(values: &[f64]) -> Self {
        Self {
            mean: mean(values),
            median: quantile(values, 0.5),
            p95: quantile(values, 0.95),
        }
    }
}

/// Figures of one group of episodes (a pipeline and model, optionally within one task,
/// pattern or world).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// What the group is scoped to: `all`, `task`, `pattern` or `world`.
    pub scope_kind: &'static str,
    /// The task, pattern or world (empty for `all`).
    pub scope: String,
    /// Pipeline name.
    pub pipeline: String,
    /// Model name.
    pub model: String,
    /// Episodes.
    pub episodes: u64,
    /// Successful episodes.
    pub successes: u64,
    /// 95% Wilson interval of the success rate.
    pub success_ci: (f64, f64),
    /// Trials k used for pass@k and pass^k (the fewest trials of any task in the group).
    pub k: u64,
    /// pass@k averaged over the group's tasks.
    pub pass_at_k: f64,
    /// pass^k averaged over the group's tasks.
    pub pass_hat_k: f64,
    /// Input tokens per episode.
    pub input_tokens: Dist,
    /// Output tokens per episode.
    pub output_tokens: Dist,
    /// Mean cached tokens per episode.
    pub cached_tokens: f64,
    /// Mean input tokens per episode by source: system, tool definitions, history, tool results.
    pub input_split: [f64; 4],
    /// Mean round trips.
    pub round_trips: f64,
    /// Mean API calls.
    pub api_calls: f64,
    /// Episode latency p50, ms.
    pub latency_p50: f64,
    /// Episode latency p95, ms.
    pub latency_p95: f64,
    /// Mean latency per episode by component: model, sandbox, API, harness (ms).
    pub latency_split: [f64; 4],
    /// Mean cost per episode in USD, without caching.
    pub cost_usd: f64,
    /// Mean cost per episode in USD, with prefix caching.
    pub cost_usd_cached: f64,
}

impl Group {
    /// Success rate (0 when there are no episodes).
    pub fn success_rate(&self) -> f64 {
        if self.episodes == 0 {
            0.0
        } else {
            self.successes as f64 / self.episodes as f64
        }
    }
}

fn group_of(scope_kind: &'static str, scope: String, rows: &[&EpisodeRow]) -> Group {
    let f = |g: fn(&EpisodeRow) -> f64| rows.iter().map(|r| g(r)).collect::<Vec<f64>>();
    let m = |g: fn(&EpisodeRow) -> f64| mean(&f(g));
    let successes = rows.iter().filter(|r| r.success).count() as u64;
    let mut per_task: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for r in rows {
        let e = per_task.entry(&r.task).or_default();
        e.0 += 1;
        e.1 += r.success as u64;
    }
    let k = per_task.values().map(|(n, _)| *n).min().unwrap_or(0);
    let avg = |p: fn(u64, u64, u64) -> Option<f64>| {
        mean(&per_task.values().filter_map(|(n, c)| p(*n, *c, k)).collect::<Vec<_>>())
    };
    let latency = f(|r| r.latency_total_ms);
    Group {
        scope_kind,
        scope,
        pipeline: rows.first().map(|r| r.pipeline.clone()).unwrap_or_default(),
        model: rows.first().map(|r| r.model.clone()).unwrap_or_default(),
        episodes: rows.len() as u64,
        successes,
        success_ci: wilson(successes, rows.len() as u64, Z95),
        k,
        pass_at_k: avg(pass_at_k),
        pass_hat_k: avg(pass_hat_k),
        input_tokens: Dist::of(&f(|r| r.input_tokens as f64)),
        output_tokens: Dist::of(&f(|r| r.output_tokens as f64)),
        cached_tokens: m(|r| r.cached_tokens as f64),
        input_split: [
            m(|r| r.input_system as f64),
            m(|r| r.input_tool_definitions as f64),
            m(|r| r.input_history as f64),
            m(|r| r.input_tool_results as f64),
        ],
        round_trips: m(|r| r.round_trips as f64),
        api_calls: m(|r| r.api_calls as f64),
        latency_p50: quantile(&latency, 0.5),
        latency_p95: quantile(&latency, 0.95),
        latency_split: [
            m(|r| r.latency_model_ms),
            m(|r| r.latency_sandbox_ms),
            m(|r| r.latency_api_ms),
            m(|r| r.latency_harness_ms),
        ],
        cost_usd: m(|r| r.cost_usd),
        cost_usd_cached: m(|r| r.cost_usd_cached),
    }
}

/// Groups rows per pipeline and model and, unless `scope_kind` is `all`, per the scope
/// `scope_of` picks; ordered by scope, pipeline, model.
pub fn groups(rows: &[EpisodeRow], scope_kind: &'static str, scope_of: fn(&EpisodeRow) -> &str) -> Vec<Group> {
    let mut by: BTreeMap<(String, String, String), Vec<&EpisodeRow>> = BTreeMap::new();
    for r in rows {
        let scope = if scope_kind == "all" {
            String::new()
        } else {
            scope_of(r).to_string()
        };
        by.entry((scope, r.pipeline.clone(), r.model.clone()))
            .or_default()
            .push(r);
    }
    by.into_iter()
        .map(|((scope, _, _), rs)| group_of(scope_kind, scope, &rs))
        .collect()
}

/// Counts of a label per pipeline and model: (pipeline, model, label -> count).
pub type Breakdown = Vec<(String, String, BTreeMap<String, u64>)>;

fn breakdown(rows: &[EpisodeRow], label: impl Fn(&EpisodeRow) -> Option<String>) -> Breakdown {
    let mut by: BTreeMap<(String, String), BTreeMap<String, u64>> = BTreeMap::new();
    for r in rows {
        let e = by.entry((r.pipeline.clone(), r.model.clone())).or_default();
        if let Some(l) = label(r) {
            *e.entry(l).or_default() += 1;
        }
    }
    by.into_iter().map(|((p, m), c)| (p, m, c)).collect()
}

/// Everything a report shows.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// One row per episode.
    pub episodes: Vec<EpisodeRow>,
    /// Per pipeline and model.
    pub overall: Vec<Group>,
    /// Per pipeline, model and task.
    pub by_task: Vec<Group>,
    /// Per pipeline, model and pattern.
    pub by_pattern: Vec<Group>,
    /// Per pipeline, model and world.
    pub by_world: Vec<Group>,
    /// Failed episodes by failure class (`unclassified` when the record names none).
    pub failure_classes: Breakdown,
    /// Episodes by termination reason.
    pub terminations: Breakdown,
    /// Each pipeline against the reference pipeline, per model, paired by task and trial.
    pub comparisons: Vec<Comparison>,
}

/// The pipeline others are compared against: `json-tools` when present, else the first by name.
pub fn reference_pipeline(records: &[Record]) -> Option<String> {
    let names: BTreeSet<&str> = records.iter().map(|r| r.pipeline.as_str()).collect();
    if names.contains("json-tools") {
        Some("json-tools".into())
    } else {
        names.first().map(|s| s.to_string())
    }
}

/// Analyses a run's records with the given prices.
pub fn analyse(records: &[Record], prices: &Prices) -> Analysis {
    let episodes = episode_rows(records, prices);
    let mut comparisons = Vec::new();
    if let Some(reference) = reference_pipeline(records) {
        let models: BTreeSet<&str> = records.iter().map(|r| r.model.as_str()).collect();
        let pipelines: BTreeSet<&str> = records.iter().map(|r| r.pipeline.as_str()).collect();
        for model in &models {
            let of = |p: &str| -> Vec<&Record> {
                records
                    .iter()
                    .filter(|r| r.model == *model && r.pipeline == p)
                    .collect()
            };
            let a = of(&reference);
            if a.is_empty() {
                continue;
            }
            for p in pipelines.iter().filter(|p| **p != reference) {
                let b = of(p);
                if b.is_empty() {
                    continue;
                }
                let label = |p: &str| {
                    if models.len() > 1 {
                        format!("{p} ({model})")
                    } else {
                        p.to_string()
                    }
                };
                comparisons.push(compare::compare(&label(&reference), &a, &label(p), &b));
            }
        }
    }
    Analysis {
        overall: groups(&episodes, "all", |r| &r.pipeline),
        by_task: groups(&episodes, "task", |r| &r.task),
        by_pattern: groups(&episodes, "pattern", |r| &r.pattern),
        by_world: groups(&episodes, "world", |r| &r.world),
        failure_classes: breakdown(&episodes, |r| {
            (!r.success).then(|| r.failure_class.clone().unwrap_or_else(|| "unclassified".into()))
        }),
        terminations: breakdown(&episodes, |r| Some(r.termination.clone())),
        comparisons,
        episodes,
    }
}

/// The grouped figures as one table (every scope), for CSV and Parquet.
pub fn group_frame(groups: &[&Group]) -> PolarsResult<DataFrame> {
    let s = |f: fn(&Group) -> String| groups.iter().map(|g| f(g)).collect::<Vec<_>>();
    let u = |f: fn(&Group) -> u64| groups.iter().map(|g| f(g)).collect::<Vec<_>>();
    let x = |f: fn(&Group) -> f64| groups.iter().map(|g| f(g)).collect::<Vec<_>>();
    DataFrame::new(
        groups.len(),
        vec![
            col_str("scope_kind", s(|g| g.scope_kind.to_string())),
            col_str("scope", s(|g| g.scope.clone())),
            col_str("pipeline", s(|g| g.pipeline.clone())),
            col_str("model", s(|g| g.model.clone())),
            col_u64("episodes", u(|g| g.episodes)),
            col_u64("successes", u(|g| g.successes)),
            col_f64("success_rate", x(|g| g.success_rate())),
            col_f64("success_ci_low", x(|g| g.success_ci.0)),
            col_f64("success_ci_high", x(|g| g.success_ci.1)),
            col_u64("k", u(|g| g.k)),
            col_f64("pass_at_k", x(|g| g.pass_at_k)),
            col_f64("pass_hat_k", x(|g| g.pass_hat_k)),
            col_f64("input_tokens_mean", x(|g| g.input_tokens.mean)),
            col_f64("input_tokens_median", x(|g| g.input_tokens.median)),
            col_f64("input_tokens_p95", x(|g| g.input_tokens.p95)),
            col_f64("output_tokens_mean", x(|g| g.output_tokens.mean)),
            col_f64("output_tokens_median", x(|g| g.output_tokens.median)),
            col_f64("output_tokens_p95", x(|g| g.output_tokens.p95)),
            col_f64("cached_tokens_mean", x(|g| g.cached_tokens)),
            col_f64("input_system_mean", x(|g| g.input_split[0])),
            col_f64("input_tool_definitions_mean", x(|g| g.input_split[1])),
            col_f64("input_history_mean", x(|g| g.input_split[2])),
            col_f64("input_tool_results_mean", x(|g| g.input_split[3])),
            col_f64("round_trips_mean", x(|g| g.round_trips)),
            col_f64("api_calls_mean", x(|g| g.api_calls)),
            col_f64("latency_p50_ms", x(|g| g.latency_p50)),
            col_f64("latency_p95_ms", x(|g| g.latency_p95)),
            col_f64("latency_model_ms_mean", x(|g| g.latency_split[0])),
            col_f64("latency_sandbox_ms_mean", x(|g| g.latency_split[1])),
            col_f64("latency_api_ms_mean", x(|g| g.latency_split[2])),
            col_f64("latency_harness_ms_mean", x(|g| g.latency_split[3])),
            col_f64("cost_usd_mean", x(|g| g.cost_usd)),
            col_f64("cost_usd_cached_mean", x(|g| g.cost_usd_cached)),
        ],
    )
}

impl Analysis {
    /// Every group, overall first, then per pattern, world and task.
    pub fn all_groups(&self) -> Vec<&Group> {
        self.overall
            .iter()
            .chain(&self.by_pattern)
            .chain(&self.by_world)
            .chain(&self.by_task)
            .collect()
    }
}

/// Records built by hand for tests of the report module.
#[cfg(test)]
pub(crate) mod fixtures {
    use crate::record::{ApiTraffic, Checks, FailureClass, LatencySplit, Record, SCHEMA_VERSION, Termination, Turn};
    use crate::tokens::InputBreakdown;

    /// One turn with `input` tokens (split 100 system, rest tool definitions) and 10 output tokens.
    pub fn turn(index: u32, input: usize) -> Turn {
        Turn {
            virtual_ms: 0,
            index,
            input: InputBreakdown {
                system: 100,
                tool_definitions: input - 100,
                history: 0,
                tool_results: 0,
            },
            output_tokens: 10,
            cached_tokens: 0,
            provider_usage: None,
            prompt_token_delta: None,
            assistant: String::new(),
            tool_calls: Vec::new(),
            latency_ms: LatencySplit {
                model: 100.0,
                sandbox: 0.0,
                api: 0.0,
                harness: 1.0,
            },
            api: ApiTraffic::default(),
            retries: 0,
        }
    }

    /// An episode of `task` through `pipeline` with the given turns' input sizes.
    pub fn record(task: &str, pipeline: &str, trial: u32, success: bool, inputs: &[usize]) -> Record {
        Record {
            virtual_ms: 0,
            schema: SCHEMA_VERSION,
            run_id: "t".into(),
            task: task.into(),
            world: task.split('/').next().unwrap_or("w").into(),
            pattern: "single-lookup".into(),
            difficulty: "easy".into(),
            pipeline: pipeline.into(),
            model: "m".into(),
            trial,
            seed: 1,
            success,
            checks: Checks::default(),
            termination: if success {
                Termination::Answered
            } else {
                Termination::MaxTurns
            },
            failure_class: (!success).then_some(FailureClass::WrongEndpoint),
            answer: String::new(),
            turns: inputs.iter().enumerate().map(|(i, n)| turn(i as u32, *n)).collect(),
            latency_ms: LatencySplit {
                model: 100.0 * inputs.len() as f64,
                sandbox: 0.0,
                api: 0.0,
                harness: inputs.len() as f64,
            },
            api: ApiTraffic {
                calls: inputs.len() as u64,
                ..ApiTraffic::default()
            },
            prompt_hash: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::record;
    use super::*;

    const PRICES: Prices = Prices {
        input: 2.0,
        cached_input: 1.0,
        output: 10.0,
    };

    fn sample() -> Vec<Record> {
        vec![
            // json-tools on w/a: 3 trials, 2 successes; one turn of 2,000 tokens each.
            record("w/a", "json-tools", 0, true, &[2000]),
            record("w/a", "json-tools", 1, false, &[2000]),
            record("w/a", "json-tools", 2, true, &[2000]),
            // code-mode on w/a: 3 trials, all pass; two turns of 500 and 1,500 tokens.
            record("w/a", "code-mode", 0, true, &[500, 1500]),
            record("w/a", "code-mode", 1, true, &[500, 1500]),
            record("w/a", "code-mode", 2, true, &[500, 1500]),
        ]
    }

    #[test]
    fn costs_with_and_without_estimated_prefix_caching() {
        let rows = episode_rows(&[record("w/a", "p", 0, true, &[1200, 1500, 800])], &PRICES);
        let r = &rows[0];
        // Uncached: (1200 + 1500 + 800) * 2 + 3 * 10 * 10 = 7,300 per million.
        assert!((r.cost_usd - 7300.0 / 1e6).abs() < 1e-12, "{}", r.cost_usd);
        // Cached: turn 1 reuses 1,200 (>= 1,024) of its 1,500; turn 2 would reuse 1,500 but
        // sends only 800, so 800 cached. 7,300 - 1,200 - 800 = 5,300.
        assert!(
            (r.cost_usd_cached - 5300.0 / 1e6).abs() < 1e-12,
            "{}",
            r.cost_usd_cached
        );
        assert_eq!((r.input_tokens, r.input_system, r.round_trips), (3500, 300, 3));
    }

    #[test]
    fn reported_cached_tokens_win_over_the_estimate() {
        let mut rec = record("w/a", "p", 0, true, &[2000, 2000]);
        rec.turns[1].cached_tokens = 0;
        rec.turns[1].provider_usage = Some(crate::model::ProviderUsage {
            prompt_tokens: 2000,
            completion_tokens: 10,
            cached_tokens: Some(0),
            reasoning_tokens: None,
        });
        let r = &episode_rows(&[rec], &PRICES)[0];
        assert_eq!(r.cost_usd, r.cost_usd_cached);
    }

    #[test]
    fn grouped_figures_match_hand_computed_values() {
        let a = analyse(&sample(), &PRICES);
        assert_eq!(a.overall.len(), 2);
        let json = a.overall.iter().find(|g| g.pipeline == "json-tools").unwrap();
        assert_eq!((json.episodes, json.successes, json.k), (3, 2, 3));
        // pass@3 with 2 of 3: 1 - C(1,3)/C(3,3) = 1; pass^3 = C(2,3)/C(3,3) = 0.
        assert_eq!((json.pass_at_k, json.pass_hat_k), (1.0, 0.0));
        let (lo, hi) = json.success_ci;
        // Wilson 2/3: [0.2077, 0.9385].
        assert!((lo - 0.2077).abs() < 1e-3 && (hi - 0.9385).abs() < 1e-3, "{lo} {hi}");
        let code = a.overall.iter().find(|g| g.pipeline == "code-mode").unwrap();
        assert_eq!(code.input_tokens.mean, 2000.0);
        assert_eq!(code.round_trips, 2.0);
        assert_eq!(code.input_split, [200.0, 1800.0, 0.0, 0.0]);
        assert_eq!((code.latency_p50, code.api_calls), (202.0, 2.0));
        assert_eq!((code.pass_at_k, code.pass_hat_k), (1.0, 1.0));
        // One failure, classified; terminations of every episode.
        let (_, _, fc) = a.failure_classes.iter().find(|(p, _, _)| p == "json-tools").unwrap();
        assert_eq!(fc.get("wrong_endpoint"), Some(&1));
        let (_, _, t) = a.terminations.iter().find(|(p, _, _)| p == "json-tools").unwrap();
        assert_eq!((t.get("answered"), t.get("max_turns")), (Some(&2), Some(&1)));
        // code-mode compared against json-tools, paired by trial.
        assert_eq!(a.comparisons.len(), 1);
        let c = &a.comparisons[0];
        assert_eq!(
            (c.label_a.as_str(), c.label_b.as_str(), c.pairs),
            ("json-tools", "code-mode", 3)
        );
        assert_eq!((c.only_a, c.only_b), (0, 1));
        assert_eq!(a.by_task.len(), 2);
    }

    #[test]
    fn pass_k_uses_the_fewest_trials_of_any_task() {
        let mut rs = sample();
        rs.push(record("w/b", "json-tools", 0, true, &[100]));
        let a = analyse(&rs, &PRICES);
        let json = a.overall.iter().find(|g| g.pipeline == "json-tools").unwrap();
        // k = 1: pass@1 = pass^1 = the per-task success rate, averaged: (2/3 + 1) / 2.
        assert_eq!(json.k, 1);
        assert!((json.pass_at_k - 5.0 / 6.0).abs() < 1e-12);
        assert!((json.pass_hat_k - 5.0 / 6.0).abs() < 1e-12);
    }

    #[test]
    fn frames_have_one_row_per_episode_and_turn() {
        let rs = sample();
        let rows = episode_rows(&rs, &PRICES);
        let e = episode_frame(&rows).unwrap();
        assert_eq!(e.height(), 6);
        assert_eq!(e.column("failure_class").unwrap().null_count(), 5);
        let t = turn_frame(&rs, &PRICES).unwrap();
        assert_eq!(t.height(), 9);
        let a = analyse(&rs, &PRICES);
        let g = group_frame(&a.all_groups()).unwrap();
        assert_eq!(g.height(), a.all_groups().len());
    }
}
