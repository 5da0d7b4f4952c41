//! Parquet: the episode table, the turn table and the grouped figures.

use super::{ReportFormat, ReportInput};
use crate::report::analysis::{episode_frame, group_frame, turn_frame};
use polars::prelude::{DataFrame, ParquetWriter, PolarsResult};
use std::path::{Path, PathBuf};

/// `episodes.parquet`, `turns.parquet`, `groups.parquet`.
pub struct Parquet;

fn write_frame(frame: PolarsResult<DataFrame>, path: &Path) -> Result<PathBuf, String> {
    let mut df = frame.map_err(|e| format!("{}: cannot build the table: {e}", path.display()))?;
    let file = std::fs::File::create(path).map_err(|e| format!("{}: cannot create: {e}", path.display()))?;
    ParquetWriter::new(file)
        .finish(&mut df)
        .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    Ok(path.to_path_buf())
}

impl ReportFormat for Parquet {
    fn name(&self) -> &'static str {
        "parquet"
    }

    fn files(&self) -> &'static [&'static str] {
        &["episodes.parquet", "turns.parquet", "groups.parquet"]
    }

    fn write(&self, input: &ReportInput, dir: &Path) -> Result<Vec<PathBuf>, String> {
        let a = input.analysis;
        Ok(vec![
            write_frame(episode_frame(&a.episodes), &dir.join("episodes.parquet"))?,
            write_frame(turn_frame(input.records, &input.prices), &dir.join("turns.parquet"))?,
            write_frame(group_frame(&a.all_groups()), &dir.join("groups.parquet"))?,
        ])
    }
}
