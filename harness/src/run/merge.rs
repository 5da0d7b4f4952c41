//! Merging the shards of a run into one run directory.

use super::Manifest;
use crate::record::{RecordWriter, read_records};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeSummary {
    /// Records written.
    pub records: usize,
    /// Records dropped because another shard already had the same episode.
    pub duplicates: usize,
}

fn read_manifest(dir: &Path) -> Result<Manifest, String> {
    let path = dir.join("manifest.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Merges the run directories `inputs` into `out` (which must not hold a run yet). Shards
/// must come from the same run settings; each episode is kept once.
pub fn merge(out: &Path, inputs: &[PathBuf]) -> Result<MergeSummary, String> {
    if inputs.is_empty() {
        return Err("nothing to merge: give the shard directories".into());
    }
    let records_path = out.join("records.jsonl");
    if records_path.exists() {
        return Err(format!(
            "{} already holds a run; merge into an empty directory",
            out.display()
        ));
    }
    let mut manifest = read_manifest(&inputs[0])?;
    for dir in &inputs[1..] {
        let m = read_manifest(dir)?;
        manifest
            .compatible(&m)
            .map_err(|e| format!("{} and {}: {e}", inputs[0].display(), dir.display()))?;
    }
    std::fs::create_dir_all(out).map_err(|e| format!("{}: cannot create: {e}", out.display()))?;
    let writer = RecordWriter::append(&records_path).map_err(|e| format!("{}: {e}", records_path.display()))?;
    let mut seen = HashSet::new();
    let mut summary = MergeSummary {
        records: 0,
        duplicates: 0,
    };
    for dir in inputs {
        for r in read_records(dir.join("records.jsonl"))? {
            if seen.insert(r.episode_key()) {
                writer
                    .write(&r)
                    .map_err(|e| format!("{}: {e}", records_path.display()))?;
                summary.records += 1;
            } else {
                summary.duplicates += 1;
            }
        }
    }
    manifest.shard = None;
    let path = out.join("manifest.json");
    std::fs::write(&path, serde_json::to_string_pretty(&manifest).unwrap_or_default())
        .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    Ok(summary)
}
