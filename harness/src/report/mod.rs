//! Reports: turning records into what each user came for: the analysis and its formats
//! (`cmbench report`), statistics, paired comparisons of two pipelines or runs (`cmbench
//! compare`) and the CI gate (`cmbench gate`).

pub mod analysis;
pub mod charts;
pub mod compare;
pub mod formats;
pub mod gate;
pub mod stats;

use crate::record::{Record, read_records};
use std::path::Path;

/// One chart rendered for embedding: a file-name stem, a human title and the SVG text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedChart {
    /// File-name stem, e.g. `tokens-per-task`.
    pub name: String,
    /// Human title, e.g. `Input tokens per task`.
    pub title: String,
    /// The chart as a standalone SVG document.
    pub svg: String,
}

/// Reads a run directory's records (`DIR/records.jsonl`, or `DIR/records.jsonl.gz`); errors
/// name the file.
pub fn load_run(dir: &Path) -> Result<Vec<Record>, String> {
    let file = crate::record::records_file(dir);
    if !file.is_file() {
        return Err(format!(
            "{}: no records.jsonl or records.jsonl.gz (is this a run directory?)",
            dir.display()
        ));
    }
    let records = read_records(&file)?;
    if records.is_empty() {
        return Err(format!("{}: the run has no records", file.display()));
    }
    Ok(records)
}
