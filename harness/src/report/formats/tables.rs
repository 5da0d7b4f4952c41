//! The report's tables, built once and rendered by the Markdown and HTML formats.

use super::ReportInput;
use crate::report::analysis::{Breakdown, Group};
use crate::report::compare::Comparison;
use std::collections::{BTreeMap, BTreeSet};

/// One titled table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Section title.
    pub title: String,
    /// A sentence under the title (what the figures mean).
    pub note: String,
    /// Column headers.
    pub header: Vec<String>,
    /// Rows of cells.
    pub rows: Vec<Vec<String>>,
    /// Columns before this index are labels (left-aligned); the rest are figures.
    pub labels: usize,
}

/// Whole number with thousands separators.
pub fn int(v: f64) -> String {
    if !v.is_finite() {
        return "n/a".into();
    }
    let s = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if v < -0.5 { format!("-{out}") } else { out }
}

fn one(v: f64) -> String {
    if v.is_finite() { format!("{v:.1}") } else { "n/a".into() }
}

fn pct(v: f64) -> String {
    if v.is_finite() {
        format!("{:.0}%", 100.0 * v)
    } else {
        "n/a".into()
    }
}

fn usd(v: f64) -> String {
    if v.is_finite() {
        format!("${v:.4}")
    } else {
        "n/a".into()
    }
}

/// `k/n (p%, 95% CI lo-hi%)`.
pub fn success(g: &Group) -> String {
    format!(
        "{}/{} ({}, CI {:.0}-{:.0}%)",
        g.successes,
        g.episodes,
        pct(g.success_rate()),
        100.0 * g.success_ci.0,
        100.0 * g.success_ci.1
    )
}

fn overall(groups: &[Group]) -> Table {
    Table {
        title: "Per pipeline and model".into(),
        note: "Success with its 95% Wilson interval; pass@k / pass^k over k trials per task (k = the fewest \
               trials of any task), averaged over tasks; tokens per episode (mean / median / p95); latency per \
               episode; cost per episode from the model profile, without and with prefix caching."
            .into(),
        header: [
            "pipeline",
            "model",
            "success",
            "k",
            "pass@k",
            "pass^k",
            "input tok mean",
            "median",
            "p95",
            "output tok",
            "cached tok",
            "round trips",
            "API calls",
            "latency p50 ms",
            "p95 ms",
            "cost",
            "cost cached",
        ]
        .map(String::from)
        .to_vec(),
        rows: groups
            .iter()
            .map(|g| {
                vec![
                    g.pipeline.clone(),
                    g.model.clone(),
                    success(g),
                    g.k.to_string(),
                    pct(g.pass_at_k),
                    pct(g.pass_hat_k),
                    int(g.input_tokens.mean),
                    int(g.input_tokens.median),
                    int(g.input_tokens.p95),
                    int(g.output_tokens.mean),
                    int(g.cached_tokens),
                    one(g.round_trips),
                    one(g.api_calls),
                    int(g.latency_p50),
                    int(g.latency_p95),
                    usd(g.cost_usd),
                    usd(g.cost_usd_cached),
                ]
            })
            .collect(),
        labels: 2,
    }
}

fn split(groups: &[Group], title: &str, note: &str, parts: [&str; 4], of: fn(&Group) -> [f64; 4]) -> Table {
    let mut header = vec!["pipeline".to_string(), "model".into()];
    header.extend(parts.iter().map(|p| p.to_string()));
    header.push("total".into());
    Table {
        title: title.into(),
        note: note.into(),
        header,
        rows: groups
            .iter()
            .map(|g| {
                let v = of(g);
                let mut row = vec![g.pipeline.clone(), g.model.clone()];
                row.extend(v.iter().map(|x| int(*x)));
                row.push(int(v.iter().sum()));
                row
            })
            .collect(),
        labels: 2,
    }
}

fn scoped(groups: &[Group], title: &str, scope: &str) -> Table {
    Table {
        title: title.into(),
        note: format!(
            "Per {scope}, pipeline and model: success, mean input tokens, round trips and API calls per episode, median latency."
        ),
        header: [
            scope,
            "pipeline",
            "model",
            "success",
            "input tok",
            "round trips",
            "API calls",
            "latency p50 ms",
        ]
        .map(String::from)
        .to_vec(),
        rows: groups
            .iter()
            .map(|g| {
                vec![
                    g.scope.clone(),
                    g.pipeline.clone(),
                    g.model.clone(),
                    success(g),
                    int(g.input_tokens.mean),
                    one(g.round_trips),
                    one(g.api_calls),
                    int(g.latency_p50),
                ]
            })
            .collect(),
        labels: 3,
    }
}

fn counts(b: &Breakdown, title: &str, note: &str) -> Table {
    let labels: BTreeSet<&String> = b.iter().flat_map(|(_, _, c)| c.keys()).collect();
    let mut header = vec!["pipeline".to_string(), "model".into()];
    header.extend(labels.iter().map(|l| l.to_string()));
    Table {
        title: title.into(),
        note: note.into(),
        header,
        rows: b
            .iter()
            .map(|(p, m, c): &(String, String, BTreeMap<String, u64>)| {
                let mut row = vec![p.clone(), m.clone()];
                row.extend(labels.iter().map(|l| c.get(*l).copied().unwrap_or(0).to_string()));
                row
            })
            .collect(),
        labels: 2,
    }
}

/// A paired comparison as a table of measures (B - A).
pub fn comparison(c: &Comparison) -> Table {
    Table {
        title: format!("{} vs {}", c.label_a, c.label_b),
        note: format!(
            "{} pairs (same task and trial){}. Success {} {}/{}, {} {}/{}; only {} succeeded: {}, only {} succeeded: {}; McNemar p = {:.4}.",
            c.pairs,
            if c.unpaired > 0 {
                format!(", {} episodes without a partner left out", c.unpaired)
            } else {
                String::new()
            },
            c.label_a,
            c.success_a,
            c.pairs,
            c.label_b,
            c.success_b,
            c.pairs,
            c.label_a,
            c.only_a,
            c.label_b,
            c.only_b,
            c.mcnemar_p
        ),
        header: [
            "measure (mean per episode)",
            c.label_a.as_str(),
            c.label_b.as_str(),
            "difference",
            "95% CI",
            "relative",
        ]
        .map(String::from)
        .to_vec(),
        rows: c
            .metrics
            .iter()
            .map(|m| {
                vec![
                    m.name.to_string(),
                    one(m.mean_a),
                    one(m.mean_b),
                    format!("{:+.1}", m.mean_delta),
                    format!("[{:+.1}, {:+.1}]", m.ci.0, m.ci.1),
                    format!("{:+.1}%", 100.0 * m.relative()),
                ]
            })
            .collect(),
        labels: 1,
    }
}

/// Every summary table of the report, in reading order (paired comparisons apart).
pub fn tables(input: &ReportInput) -> Vec<Table> {
    let a = input.analysis;
    let mut out = vec![
        overall(&a.overall),
        split(
            &a.overall,
            "Input tokens by source",
            "Mean input tokens per episode, summed over turns, by where they come from.",
            ["system", "tool definitions", "history", "tool results"],
            |g| g.input_split,
        ),
        split(
            &a.overall,
            "Latency by component",
            "Mean milliseconds per episode by where the time went.",
            ["model", "sandbox", "API", "harness"],
            |g| g.latency_split,
        ),
    ];
    let failed: u64 = a.failure_classes.iter().flat_map(|(_, _, c)| c.values()).sum();
    if failed > 0 {
        out.push(counts(
            &a.failure_classes,
            "Failure classes",
            "Failed episodes by their first cause (`unclassified` when the record names none).",
        ));
    }
    out.push(counts(
        &a.terminations,
        "Termination reasons",
        "Episodes by why they ended.",
    ));
    out.push(scoped(&a.by_pattern, "By pattern", "pattern"));
    out.push(scoped(&a.by_world, "By world", "world"));
    out.push(scoped(&a.by_task, "Per task", "task"));
    out
}

/// One line describing the run: episodes, tasks, pipelines, models, trials, seed, profile.
pub fn run_line(input: &ReportInput) -> String {
    let r = input.records;
    let distinct = |f: fn(&crate::record::Record) -> &str| {
        let s: BTreeSet<&str> = r.iter().map(f).collect();
        s.into_iter().collect::<Vec<_>>()
    };
    let tasks = distinct(|x| &x.task).len();
    let trials = r.iter().map(|x| x.trial).max().map_or(0, |t| t + 1);
    let mut line = format!(
        "{} episodes: {} tasks, pipelines {}, model(s) {}, up to {} trial(s) per task",
        r.len(),
        tasks,
        distinct(|x| &x.pipeline).join(", "),
        distinct(|x| &x.model).join(", "),
        trials
    );
    if let Some(m) = input.manifest {
        line.push_str(&format!(", seed {}", m.seed));
        if let Some(f) = &m.faults {
            line.push_str(&format!(", faults {f}"));
        }
        line.push_str(&format!(", harness {} at {}", m.harness_version, short(&m.git_commit)));
    }
    line.push_str(&format!(". Costs use the `{}` profile's prices.", input.profile));
    line
}

fn short(s: &str) -> &str {
    s.get(..10).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(int(0.0), "0");
        assert_eq!(int(999.4), "999");
        assert_eq!(int(1234567.0), "1,234,567");
        assert_eq!(int(-1500.0), "-1,500");
        assert_eq!(int(f64::NAN), "n/a");
    }
}
