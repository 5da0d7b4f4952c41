//! Grouped figures: per pipeline x model, optionally within a task, pattern or world (success
//! with a Wilson interval, pass@k and pass^k, token, latency and cost distributions), label
//! breakdowns, and the grouped table for CSV and Parquet.

use super::tables::{EpisodeRow, col_f64, col_str, col_u64};
use crate::report::stats::{Z95, mean, pass_at_k, pass_hat_k, quantile, wilson};
use polars::prelude::{DataFrame, PolarsResult};
use serde::Serialize;
use std::collections::BTreeMap;

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

pub(super) fn breakdown(rows: &[EpisodeRow], label: impl Fn(&EpisodeRow) -> Option<String>) -> Breakdown {
    let mut by: BTreeMap<(String, String), BTreeMap<String, u64>> = BTreeMap::new();
    for r in rows {
        let e = by.entry((r.pipeline.clone(), r.model.clone())).or_default();
        if let Some(l) = label(r) {
            *e.entry(l).or_default() += 1;
        }
    }
    by.into_iter().map(|((p, m), c)| (p, m, c)).collect()
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
