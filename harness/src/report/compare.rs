//! Paired comparison of two sets of episodes on the same tasks: per-task deltas, bootstrap
//! intervals of mean deltas, and McNemar's test on success.

use super::stats::{bootstrap_mean_ci, mcnemar, mean};
use crate::record::Record;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Bootstrap resamples for intervals.
pub const BOOTSTRAP_ITERATIONS: usize = 10_000;

/// A numeric measure of an episode.
#[derive(Debug, Clone, Copy)]
pub struct Metric {
    /// Name in reports.
    pub name: &'static str,
    /// The measure.
    pub of: fn(&Record) -> f64,
}

/// The measures compared.
pub const METRICS: [Metric; 5] = [
    Metric {
        name: "input tokens",
        of: |r| r.input_tokens() as f64,
    },
    Metric {
        name: "output tokens",
        of: |r| r.output_tokens() as f64,
    },
    Metric {
        name: "round trips",
        of: |r| r.round_trips() as f64,
    },
    Metric {
        name: "API calls",
        of: |r| r.api.calls as f64,
    },
    Metric {
        name: "latency ms",
        of: |r| r.latency_ms.total(),
    },
];

/// The difference of one measure between B and A over the pairs.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricDelta {
    /// Measure name.
    pub name: &'static str,
    /// Mean over A's episodes.
    pub mean_a: f64,
    /// Mean over B's episodes.
    pub mean_b: f64,
    /// Mean of per-pair differences (B - A).
    pub mean_delta: f64,
    /// 95% bootstrap interval of the mean difference.
    pub ci: (f64, f64),
}

impl MetricDelta {
    /// The mean difference relative to A's mean (0 when A's mean is 0).
    pub fn relative(&self) -> f64 {
        if self.mean_a == 0.0 {
            0.0
        } else {
            self.mean_delta / self.mean_a
        }
    }

    /// The interval relative to A's mean.
    pub fn relative_ci(&self) -> (f64, f64) {
        if self.mean_a == 0.0 {
            (0.0, 0.0)
        } else {
            (self.ci.0 / self.mean_a, self.ci.1 / self.mean_a)
        }
    }
}

/// A paired comparison of A and B.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// What A is.
    pub label_a: String,
    /// What B is.
    pub label_b: String,
    /// Episode pairs (same task and trial).
    pub pairs: usize,
    /// Successes of A over the pairs.
    pub success_a: u64,
    /// Successes of B over the pairs.
    pub success_b: u64,
    /// Pairs where only A succeeded.
    pub only_a: u64,
    /// Pairs where only B succeeded.
    pub only_b: u64,
    /// McNemar's p-value on success.
    pub mcnemar_p: f64,
    /// Whether every task's trials agree within A and within B (deterministic runs).
    pub deterministic: bool,
    /// Per-measure differences.
    pub metrics: Vec<MetricDelta>,
    /// Per task: mean input tokens of A and B, successes of A and B.
    pub per_task: Vec<(String, f64, f64, u64, u64)>,
    /// Episodes of A or B without a partner.
    pub unpaired: usize,
}

/// Pairs A's and B's episodes by task and trial and compares them.
pub fn compare(label_a: &str, a: &[&Record], label_b: &str, b: &[&Record]) -> Comparison {
    let key = |r: &Record| (r.task.clone(), r.trial);
    let bmap: BTreeMap<(String, u32), &Record> = b.iter().map(|r| (key(r), *r)).collect();
    let pairs: Vec<(&Record, &Record)> = a
        .iter()
        .filter_map(|ra| bmap.get(&key(ra)).map(|rb| (*ra, *rb)))
        .collect();
    let unpaired = a.len() + b.len() - 2 * pairs.len();
    let (mut only_a, mut only_b, mut sa, mut sb) = (0, 0, 0, 0);
    for (x, y) in &pairs {
        sa += x.success as u64;
        sb += y.success as u64;
        match (x.success, y.success) {
            (true, false) => only_a += 1,
            (false, true) => only_b += 1,
            _ => {}
        }
    }
    let metrics = METRICS
        .iter()
        .map(|m| {
            let deltas: Vec<f64> = pairs.iter().map(|(x, y)| (m.of)(y) - (m.of)(x)).collect();
            MetricDelta {
                name: m.name,
                mean_a: mean(&pairs.iter().map(|(x, _)| (m.of)(x)).collect::<Vec<_>>()),
                mean_b: mean(&pairs.iter().map(|(_, y)| (m.of)(y)).collect::<Vec<_>>()),
                mean_delta: mean(&deltas),
                ci: bootstrap_mean_ci(&deltas, BOOTSTRAP_ITERATIONS, 1).unwrap_or((f64::NAN, f64::NAN)),
            }
        })
        .collect();
    let mut tasks: BTreeMap<String, (Vec<f64>, Vec<f64>, u64, u64)> = BTreeMap::new();
    for (x, y) in &pairs {
        let e = tasks.entry(x.task.clone()).or_default();
        e.0.push(x.input_tokens() as f64);
        e.1.push(y.input_tokens() as f64);
        e.2 += x.success as u64;
        e.3 += y.success as u64;
    }
    let consistent = |first: bool| {
        let mut by: BTreeMap<&str, Vec<bool>> = BTreeMap::new();
        for (x, y) in &pairs {
            let r = if first { x } else { y };
            by.entry(r.task.as_str()).or_default().push(r.success);
        }
        by.values().all(|v| v.iter().all(|s| *s == v[0]))
    };
    Comparison {
        label_a: label_a.into(),
        label_b: label_b.into(),
        pairs: pairs.len(),
        success_a: sa,
        success_b: sb,
        only_a,
        only_b,
        mcnemar_p: mcnemar(only_a, only_b).1,
        deterministic: consistent(true) && consistent(false),
        metrics,
        per_task: tasks
            .into_iter()
            .map(|(t, (a, b, sa, sb))| (t, mean(&a), mean(&b), sa, sb))
            .collect(),
        unpaired,
    }
}

/// The comparison as Markdown.
pub fn markdown(c: &Comparison) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "### {} vs {}\n", c.label_a, c.label_b);
    let pct = |k: u64| {
        if c.pairs == 0 {
            0.0
        } else {
            100.0 * k as f64 / c.pairs as f64
        }
    };
    let _ = writeln!(
        s,
        "{} paired episodes{}. Success: {} {}/{} ({:.1}%), {} {}/{} ({:.1}%); only {} succeeded: {}, only {} succeeded: {}; McNemar p = {:.4}.\n",
        c.pairs,
        if c.unpaired > 0 {
            format!(" ({} without a partner, left out)", c.unpaired)
        } else {
            String::new()
        },
        c.label_a,
        c.success_a,
        c.pairs,
        pct(c.success_a),
        c.label_b,
        c.success_b,
        c.pairs,
        pct(c.success_b),
        c.label_a,
        c.only_a,
        c.label_b,
        c.only_b,
        c.mcnemar_p
    );
    let _ = writeln!(
        s,
        "| measure (mean per episode) | {} | {} | difference | 95% CI | relative |",
        c.label_a, c.label_b
    );
    let _ = writeln!(s, "|---|---:|---:|---:|---:|---:|");
    for m in &c.metrics {
        let _ = writeln!(
            s,
            "| {} | {:.1} | {:.1} | {:+.1} | [{:+.1}, {:+.1}] | {:+.1}% |",
            m.name,
            m.mean_a,
            m.mean_b,
            m.mean_delta,
            m.ci.0,
            m.ci.1,
            100.0 * m.relative()
        );
    }
    let _ = writeln!(
        s,
        "\n| task | {} input tokens | {} input tokens | ratio | {} ok | {} ok |",
        c.label_a, c.label_b, c.label_a, c.label_b
    );
    let _ = writeln!(s, "|---|---:|---:|---:|---:|---:|");
    for (t, a, b, sa, sb) in &c.per_task {
        let _ = writeln!(
            s,
            "| {t} | {a:.0} | {b:.0} | {:.2} | {sa} | {sb} |",
            if *a == 0.0 { 0.0 } else { b / a }
        );
    }
    s
}
