//! Markdown: the summary tables and paired comparisons, ready to paste into a README or a
//! pull-request comment.

use super::tables::{Table, run_line, tables};
use super::{ReportFormat, ReportInput, write_text};
use crate::report::compare;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// `report.md`.
pub struct Markdown;

/// A cell with Markdown table syntax neutralised (pipes escaped, newlines flattened).
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// A table in GitHub-flavoured Markdown.
pub fn table(t: &Table) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "## {}\n\n{}\n", t.title, t.note);
    let _ = writeln!(
        s,
        "| {} |",
        t.header.iter().map(|h| cell(h)).collect::<Vec<_>>().join(" | ")
    );
    let aligns: Vec<&str> = (0..t.header.len())
        .map(|i| if i < t.labels { "---" } else { "---:" })
        .collect();
    let _ = writeln!(s, "|{}|", aligns.join("|"));
    for row in &t.rows {
        let _ = writeln!(s, "| {} |", row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | "));
    }
    s
}

/// The whole report as Markdown.
pub fn render(input: &ReportInput) -> String {
    let mut s = String::new();
    let run_id = input.records.first().map(|r| r.run_id.as_str()).unwrap_or("");
    let _ = writeln!(s, "# cmbench report: run `{}`\n\n{}\n", cell(run_id), run_line(input));
    let all = tables(input);
    let (head, rest) = all.split_at(all.len().min(3));
    for t in head {
        let _ = writeln!(s, "{}", table(t));
    }
    if !input.analysis.comparisons.is_empty() {
        let _ = writeln!(
            s,
            "## Paired comparisons\n\nEach pipeline against the reference pipeline on the same tasks and trials: \
             differences B - A with 95% bootstrap intervals, McNemar's test on success.\n"
        );
        for c in &input.analysis.comparisons {
            let _ = writeln!(s, "{}", compare::markdown(c));
        }
    }
    for t in rest {
        let _ = writeln!(s, "{}", table(t));
    }
    s
}

impl ReportFormat for Markdown {
    fn name(&self) -> &'static str {
        "md"
    }

    fn files(&self) -> &'static [&'static str] {
        &["report.md"]
    }

    fn write(&self, input: &ReportInput, dir: &Path) -> Result<Vec<PathBuf>, String> {
        Ok(vec![write_text(&dir.join("report.md"), &render(input))?])
    }
}
