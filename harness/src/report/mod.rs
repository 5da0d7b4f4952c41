//! Reports: turning records into what each user came for. Today: statistics, paired
//! comparisons of two pipelines or runs (`cmbench compare`) and the CI gate (`cmbench gate`).

pub mod compare;
pub mod gate;
pub mod stats;

use crate::record::{Record, read_records};
use std::path::Path;

/// Reads a run directory's records (`DIR/records.jsonl`); errors name the file.
pub fn load_run(dir: &Path) -> Result<Vec<Record>, String> {
    let file = dir.join("records.jsonl");
    if !file.is_file() {
        return Err(format!(
            "{}: no records.jsonl (is this a run directory?)",
            dir.display()
        ));
    }
    let records = read_records(&file)?;
    if records.is_empty() {
        return Err(format!("{}: the run has no records", file.display()));
    }
    Ok(records)
}
