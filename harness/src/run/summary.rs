//! A per-pipeline summary of records, printed at the end of a run.

use crate::record::Record;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Median of the harness's own time per turn across records, in milliseconds.
pub fn median_harness_ms_per_turn(records: &[Record]) -> Option<f64> {
    let mut v: Vec<f64> = records
        .iter()
        .flat_map(|r| r.turns.iter().map(|t| t.latency_ms.harness))
        .collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    Some(if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    })
}

/// One pipeline and model's figures over a set of records.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Pipeline name.
    pub pipeline: String,
    /// Model name.
    pub model: String,
    /// Episodes.
    pub episodes: u64,
    /// Successful episodes.
    pub successes: u64,
    /// Mean input tokens per episode.
    pub input_tokens: f64,
    /// Mean output tokens per episode.
    pub output_tokens: f64,
    /// Mean round trips per episode.
    pub round_trips: f64,
    /// Mean API calls per episode.
    pub api_calls: f64,
    /// Mean latency per episode, in milliseconds.
    pub latency_ms: f64,
}

/// Figures per pipeline and model, in name order.
pub fn rows(records: &[Record]) -> Vec<Row> {
    let mut by: BTreeMap<(String, String), Vec<&Record>> = BTreeMap::new();
    for r in records {
        by.entry((r.pipeline.clone(), r.model.clone())).or_default().push(r);
    }
    by.into_iter()
        .map(|((pipeline, model), rs)| {
            let n = rs.len() as f64;
            let mean = |f: &dyn Fn(&Record) -> f64| rs.iter().map(|r| f(r)).sum::<f64>() / n;
            Row {
                pipeline,
                model,
                episodes: rs.len() as u64,
                successes: rs.iter().filter(|r| r.success).count() as u64,
                input_tokens: mean(&|r| r.input_tokens() as f64),
                output_tokens: mean(&|r| r.output_tokens() as f64),
                round_trips: mean(&|r| r.round_trips() as f64),
                api_calls: mean(&|r| r.api.calls as f64),
                latency_ms: mean(&|r| r.latency_ms.total()),
            }
        })
        .collect()
}

/// The run's summary as Markdown (written to `summary.md` in the run directory).
pub fn markdown(records: &[Record], manifest: &super::Manifest) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Run summary\n\n{} episodes: {} tasks, pipelines {}, model `{}`, {} trial(s), seed {}{}.\n",
        records.len(),
        manifest.tasks,
        manifest.pipelines.join(", "),
        manifest.model,
        manifest.trials,
        manifest.seed,
        manifest
            .faults
            .as_deref()
            .map(|f| format!(", faults `{f}`"))
            .unwrap_or_default()
    );
    let _ = writeln!(
        out,
        "| pipeline | model | success | input tokens / episode | output tokens | round trips | API calls | latency ms / episode |"
    );
    let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---:|---:|");
    for r in rows(records) {
        let (lo, hi) = crate::report::stats::wilson(r.successes, r.episodes, crate::report::stats::Z95);
        let _ = writeln!(
            out,
            "| {} | {} | {}/{} ({:.0}%, 95% CI {:.0}-{:.0}%) | {:.0} | {:.0} | {:.1} | {:.1} | {:.0} |",
            r.pipeline,
            r.model,
            r.successes,
            r.episodes,
            100.0 * r.successes as f64 / r.episodes as f64,
            100.0 * lo,
            100.0 * hi,
            r.input_tokens,
            r.output_tokens,
            r.round_trips,
            r.api_calls,
            r.latency_ms,
        );
    }
    let _ = writeln!(
        out,
        "\nHarness {} at commit {}; task set {}; records in `records.jsonl` (schema {}).",
        manifest.harness_version,
        manifest.git_commit,
        &manifest.task_set_hash[..manifest.task_set_hash.len().min(12)],
        manifest.record_schema
    );
    out
}

/// A plain-text table: per pipeline, episodes, successes, mean tokens, round trips, API
/// calls and latency.
pub fn table(records: &[Record]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<16} {:<22} {:>8} {:>9} {:>12} {:>10} {:>7} {:>9} {:>11}",
        "pipeline", "model", "episodes", "success", "input tok", "output tok", "turns", "api calls", "latency ms"
    );
    for r in rows(records) {
        let _ = writeln!(
            out,
            "{:<16} {:<22} {:>8} {:>9} {:>12.0} {:>10.0} {:>7.1} {:>9.1} {:>11.0}",
            r.pipeline,
            r.model,
            r.episodes,
            format!("{}/{}", r.successes, r.episodes),
            r.input_tokens,
            r.output_tokens,
            r.round_trips,
            r.api_calls,
            r.latency_ms,
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_turn_overheads() {
        assert_eq!(median_harness_ms_per_turn(&[]), None);
    }
}
