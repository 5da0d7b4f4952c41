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

/// A plain-text table: per pipeline, episodes, successes, mean tokens, round trips, API
/// calls and latency.
pub fn table(records: &[Record]) -> String {
    let mut by: BTreeMap<(String, String), Vec<&Record>> = BTreeMap::new();
    for r in records {
        by.entry((r.pipeline.clone(), r.model.clone())).or_default().push(r);
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<16} {:<22} {:>8} {:>9} {:>12} {:>10} {:>7} {:>9} {:>11}",
        "pipeline", "model", "episodes", "success", "input tok", "output tok", "turns", "api calls", "latency ms"
    );
    for ((pipeline, model), rs) in by {
        let n = rs.len() as f64;
        let mean = |f: &dyn Fn(&Record) -> f64| rs.iter().map(|r| f(r)).sum::<f64>() / n;
        let ok = rs.iter().filter(|r| r.success).count();
        let _ = writeln!(
            out,
            "{:<16} {:<22} {:>8} {:>9} {:>12.0} {:>10.0} {:>7.1} {:>9.1} {:>11.0}",
            pipeline,
            model,
            rs.len(),
            format!("{ok}/{}", rs.len()),
            mean(&|r| r.input_tokens() as f64),
            mean(&|r| r.output_tokens() as f64),
            mean(&|r| r.round_trips() as f64),
            mean(&|r| r.api.calls as f64),
            mean(&|r| r.latency_ms.total()),
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
