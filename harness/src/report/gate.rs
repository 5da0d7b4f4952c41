//! The CI gate: compare a run against a baseline and fail when a bound is crossed.
//!
//! Per pipeline (and model), episodes are paired by task and trial. A cost bound (tokens,
//! latency) is crossed when the whole 95% bootstrap interval of the relative increase lies
//! above it; for deterministic runs (the oracle) the interval is the point. The success
//! bound is crossed when the drop in success rate exceeds it and the drop is real: the runs
//! are deterministic, or McNemar's test rejects equality at 5%. A current run that lacks
//! baseline episodes fails too: a gate must compare like with like.

use super::compare::{Comparison, METRICS, compare};
use super::stats::{bootstrap_mean_ci, mean};
use crate::record::Record;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The bounds a change must stay within.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    /// Largest allowed relative increase of tokens per episode (input + output), e.g. 0.05.
    pub max_token_increase: f64,
    /// Largest allowed drop of the success rate, as a fraction (0.02 = 2 percentage points).
    pub max_success_drop: f64,
    /// Largest allowed relative increase of latency per episode, if bounded.
    pub max_latency_increase: Option<f64>,
}

/// One checked bound.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// `pipeline (model)`.
    pub group: String,
    /// `tokens`, `success`, `latency` or `coverage`.
    pub check: &'static str,
    /// Whether the bound held.
    pub passed: bool,
    /// What was measured against what.
    pub detail: String,
}

/// The gate's result.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// Every checked bound.
    pub findings: Vec<Finding>,
    /// The comparisons behind them.
    pub comparisons: Vec<Comparison>,
}

impl Verdict {
    /// True when every bound held.
    pub fn passed(&self) -> bool {
        self.findings.iter().all(|f| f.passed)
    }
}

/// Parses `5%` (or `5`) into 0.05.
pub fn parse_percent(s: &str) -> Result<f64, String> {
    let t = s.trim().trim_end_matches('%');
    let v: f64 = t
        .parse()
        .map_err(|_| format!("{s:?}: expected a percentage such as 5%"))?;
    if !v.is_finite() || v < 0.0 {
        return Err(format!("{s:?}: must be a non-negative percentage"));
    }
    Ok(v / 100.0)
}

/// Parses `2pp` (or `2`) percentage points into 0.02.
pub fn parse_pp(s: &str) -> Result<f64, String> {
    let t = s.trim().trim_end_matches("pp");
    let v: f64 = t
        .parse()
        .map_err(|_| format!("{s:?}: expected percentage points such as 2pp"))?;
    if !v.is_finite() || v < 0.0 {
        return Err(format!("{s:?}: must be non-negative percentage points"));
    }
    Ok(v / 100.0)
}

fn group_of(r: &Record) -> String {
    format!("{} ({})", r.pipeline, r.model)
}

fn cost_finding(group: &str, check: &'static str, pairs_a: &[f64], pairs_b: &[f64], bound: f64) -> Finding {
    let base = mean(pairs_a);
    let deltas: Vec<f64> = pairs_a.iter().zip(pairs_b).map(|(a, b)| b - a).collect();
    let (lo, hi) = bootstrap_mean_ci(&deltas, super::compare::BOOTSTRAP_ITERATIONS, 1).unwrap_or((0.0, 0.0));
    let rel = |x: f64| if base == 0.0 { 0.0 } else { x / base };
    let point = rel(mean(&deltas));
    Finding {
        group: group.to_string(),
        check,
        passed: rel(lo) <= bound,
        detail: format!(
            "{:+.2}% per episode (95% CI [{:+.2}%, {:+.2}%]), bound +{:.2}%",
            100.0 * point,
            100.0 * rel(lo),
            100.0 * rel(hi),
            100.0 * bound
        ),
    }
}

/// Checks `current` against `baseline` within `bounds`.
pub fn gate(baseline: &[Record], current: &[Record], bounds: Bounds) -> Verdict {
    let mut groups: BTreeMap<String, (Vec<&Record>, Vec<&Record>)> = BTreeMap::new();
    for r in baseline {
        groups.entry(group_of(r)).or_default().0.push(r);
    }
    for r in current {
        groups.entry(group_of(r)).or_default().1.push(r);
    }
    let mut findings = Vec::new();
    let mut comparisons = Vec::new();
    for (group, (a, b)) in groups {
        if a.is_empty() {
            continue; // New in the current run: nothing to regress against.
        }
        let c = compare("baseline", &a, "current", &b);
        let covered = c.pairs == a.len();
        findings.push(Finding {
            group: group.clone(),
            check: "coverage",
            passed: covered,
            detail: format!("{} of {} baseline episodes found in the current run", c.pairs, a.len()),
        });
        if c.pairs == 0 {
            comparisons.push(c);
            continue;
        }
        let bmap: BTreeMap<(String, u32), &Record> = b.iter().map(|r| ((r.task.clone(), r.trial), *r)).collect();
        let pairs: Vec<(&Record, &Record)> = a
            .iter()
            .filter_map(|x| bmap.get(&(x.task.clone(), x.trial)).map(|y| (*x, *y)))
            .collect();
        let tokens = |r: &Record| (r.input_tokens() + r.output_tokens()) as f64;
        let ta: Vec<f64> = pairs.iter().map(|(x, _)| tokens(x)).collect();
        let tb: Vec<f64> = pairs.iter().map(|(_, y)| tokens(y)).collect();
        findings.push(cost_finding(&group, "tokens", &ta, &tb, bounds.max_token_increase));
        let drop = (c.success_a as f64 - c.success_b as f64) / c.pairs as f64;
        let real = c.deterministic || c.mcnemar_p < 0.05;
        findings.push(Finding {
            group: group.clone(),
            check: "success",
            passed: !(drop > bounds.max_success_drop + 1e-12 && real),
            detail: format!(
                "{}/{} -> {}/{} ({:+.1} pp; {}), bound -{:.1} pp",
                c.success_a,
                c.pairs,
                c.success_b,
                c.pairs,
                -100.0 * drop,
                if c.deterministic {
                    "deterministic runs".to_string()
                } else {
                    format!("McNemar p = {:.4}", c.mcnemar_p)
                },
                100.0 * bounds.max_success_drop
            ),
        });
        if let Some(max) = bounds.max_latency_increase {
            let lat = METRICS[4].of;
            let la: Vec<f64> = pairs.iter().map(|(x, _)| lat(x)).collect();
            let lb: Vec<f64> = pairs.iter().map(|(_, y)| lat(y)).collect();
            findings.push(cost_finding(&group, "latency", &la, &lb, max));
        }
        comparisons.push(c);
    }
    Verdict { findings, comparisons }
}

/// The verdict as Markdown (for a PR comment).
pub fn markdown(v: &Verdict) -> String {
    let mut s = String::new();
    let failed = v.findings.iter().filter(|f| !f.passed).count();
    let _ = writeln!(
        s,
        "## cmbench gate: {}\n",
        if failed == 0 {
            "passed".to_string()
        } else {
            format!("FAILED ({failed} bound(s) crossed)")
        }
    );
    let _ = writeln!(s, "| pipeline (model) | check | result | measured |");
    let _ = writeln!(s, "|---|---|---|---|");
    for f in &v.findings {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            f.group,
            f.check,
            if f.passed { "ok" } else { "**FAIL**" },
            f.detail
        );
    }
    s
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The verdict as JUnit XML: one test case per checked bound.
pub fn junit(v: &Verdict) -> String {
    let failures = v.findings.iter().filter(|f| !f.passed).count();
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        s,
        "<testsuite name=\"cmbench gate\" tests=\"{}\" failures=\"{failures}\">",
        v.findings.len()
    );
    for f in &v.findings {
        let name = xml_escape(&format!("{} {}", f.group, f.check));
        if f.passed {
            let _ = writeln!(s, "  <testcase classname=\"cmbench.gate\" name=\"{name}\"/>");
        } else {
            let _ = writeln!(
                s,
                "  <testcase classname=\"cmbench.gate\" name=\"{name}\"><failure message=\"{}\"/></testcase>",
                xml_escape(&f.detail)
            );
        }
    }
    s.push_str("</testsuite>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_parse() {
        assert_eq!(parse_percent("5%"), Ok(0.05));
        assert_eq!(parse_pp("2pp"), Ok(0.02));
        assert!(parse_percent("five").unwrap_err().contains("expected a percentage"));
        assert!(parse_pp("-1pp").is_err());
    }

    #[test]
    fn junit_escapes() {
        let v = Verdict {
            findings: vec![Finding {
                group: "a<b>".into(),
                check: "tokens",
                passed: false,
                detail: "x & \"y\"".into(),
            }],
            comparisons: vec![],
        };
        let x = junit(&v);
        assert!(x.contains("name=\"a&lt;b&gt; tokens\""));
        assert!(x.contains("message=\"x &amp; &quot;y&quot;\""));
        assert!(x.contains("failures=\"1\""));
    }
}
