//! The episode and turn tables: one flattened row per episode ([`EpisodeRow`], costed with a
//! model profile's prices, with and without prefix caching) and their polars DataFrames.

use crate::model::profile::Prices;
use crate::record::{Record, Turn};
use polars::prelude::{Column, DataFrame, PolarsResult};
use serde::Serialize;

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

/// Per-turn (uncached cost, cached cost) of an episode: calls a provider does not bill
/// (refused for context overflow, failed, kept back) cost nothing.
fn turn_costs(r: &Record, prices: &Prices) -> Vec<(f64, f64)> {
    let mut prev = None;
    r.turns
        .iter()
        .map(|t| {
            if !t.status.billed() || !t.sent {
                return (0.0, 0.0);
            }
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

pub(super) fn col_str(name: &str, v: Vec<String>) -> Column {
    Column::new(name.into(), v)
}
pub(super) fn col_u64(name: &str, v: Vec<u64>) -> Column {
    Column::new(name.into(), v)
}
pub(super) fn col_f64(name: &str, v: Vec<f64>) -> Column {
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
