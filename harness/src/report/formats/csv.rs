//! CSV: the episode table, the turn table and the grouped figures.

use super::{ReportFormat, ReportInput};
use crate::report::analysis::{episode_frame, group_frame, turn_frame};
use polars::prelude::{CsvWriter, DataFrame, PolarsResult, SerWriter};
use std::path::{Path, PathBuf};

/// `episodes.csv`, `turns.csv`, `groups.csv`.
pub struct Csv;

/// Writes a frame as CSV with a header; the error names the file.
pub(super) fn write_frame(frame: PolarsResult<DataFrame>, path: &Path) -> Result<PathBuf, String> {
    let mut df = frame.map_err(|e| format!("{}: cannot build the table: {e}", path.display()))?;
    let mut file = std::fs::File::create(path).map_err(|e| format!("{}: cannot create: {e}", path.display()))?;
    CsvWriter::new(&mut file)
        .include_header(true)
        .finish(&mut df)
        .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    Ok(path.to_path_buf())
}

impl ReportFormat for Csv {
    fn name(&self) -> &'static str {
        "csv"
    }

    fn files(&self) -> &'static [&'static str] {
        &["episodes.csv", "turns.csv", "groups.csv"]
    }

    fn write(&self, input: &ReportInput, dir: &Path) -> Result<Vec<PathBuf>, String> {
        let a = input.analysis;
        Ok(vec![
            write_frame(episode_frame(&a.episodes), &dir.join("episodes.csv"))?,
            write_frame(turn_frame(input.records, &input.prices), &dir.join("turns.csv"))?,
            write_frame(group_frame(&a.all_groups()), &dir.join("groups.csv"))?,
        ])
    }
}
