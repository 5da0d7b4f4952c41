//! Report formats: one type per format, each writing its files into the report directory
//! (`cmbench report RUN_DIR --formats ...`).

mod charts;
mod csv;
mod html;
mod md;
mod parquet;
mod tables;

pub use html::render as render_html;
pub use md::render as render_markdown;

use super::analysis::Analysis;
use crate::model::profile::Prices;
use crate::record::Record;
use crate::run::Manifest;
use std::path::{Path, PathBuf};

/// What every format renders from.
pub struct ReportInput<'a> {
    /// The run directory the records came from.
    pub run_dir: &'a Path,
    /// The run's records.
    pub records: &'a [Record],
    /// The run's manifest, when the run has one.
    pub manifest: Option<&'a Manifest>,
    /// The model profile the costs were computed with.
    pub profile: &'a str,
    /// That profile's prices.
    pub prices: Prices,
    /// The analysis of the records.
    pub analysis: &'a Analysis,
}

impl ReportInput<'_> {
    /// The profile and prices the charts cost episodes with.
    pub fn pricing(&self) -> crate::report::charts::Pricing {
        crate::report::charts::Pricing {
            profile: self.profile.to_string(),
            prices: self.prices,
        }
    }
}

/// The model profile a run is costed with: `profile` when given, else the run manifest's,
/// else `gpt-4o`; returns its name and prices. Errors name the profile file or field.
pub fn run_profile(manifest: Option<&Manifest>, profile: Option<&str>) -> Result<(String, Prices), String> {
    let name = profile
        .map(str::to_string)
        .or_else(|| manifest.and_then(|m| m.profile.clone()))
        .unwrap_or_else(|| "gpt-4o".into());
    let loaded = crate::model::profile::Profile::load(&name).map_err(|e| e.to_string())?;
    Ok((name, loaded.price_per_million))
}

/// One output format of `cmbench report`.
pub trait ReportFormat {
    /// Name on the command line (`md`, `html`, ...).
    fn name(&self) -> &'static str;
    /// The files (or directories) it writes, relative to the report directory.
    fn files(&self) -> &'static [&'static str];
    /// Writes its files into `dir` (which exists); returns the paths written. Errors name the file.
    fn write(&self, input: &ReportInput, dir: &Path) -> Result<Vec<PathBuf>, String>;
}

/// Every format, in the order `all` writes them.
pub fn all() -> Vec<Box<dyn ReportFormat>> {
    vec![
        Box::new(md::Markdown),
        Box::new(html::Html),
        Box::new(csv::Csv),
        Box::new(parquet::Parquet),
        Box::new(charts::Charts),
    ]
}

/// Parses a `--formats` list (`md,html,csv,parquet,charts` or `all`) into formats in the order
/// of [`all`], without repeats; an unknown name is an error listing the known ones.
pub fn parse(list: &str) -> Result<Vec<Box<dyn ReportFormat>>, String> {
    let known = all();
    let names: Vec<&str> = known.iter().map(|f| f.name()).collect();
    let mut chosen: Vec<&str> = Vec::new();
    for item in list.split(',').map(str::trim) {
        if item == "all" {
            for n in &names {
                if !chosen.contains(n) {
                    chosen.push(n);
                }
            }
        } else if let Some(n) = names.iter().find(|n| **n == item) {
            if !chosen.contains(n) {
                chosen.push(n);
            }
        } else {
            return Err(format!(
                "--formats: unknown format {item:?} (known: {}, all)",
                names.join(", ")
            ));
        }
    }
    Ok(all().into_iter().filter(|f| chosen.contains(&f.name())).collect())
}

/// Reads a run's manifest (`DIR/manifest.json`) when there is one; errors name the file.
pub fn read_manifest(run_dir: &Path) -> Result<Option<Manifest>, String> {
    let path = run_dir.join("manifest.json");
    if !path.is_file() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| format!("{}: not a run manifest: {e}", path.display()))
}

/// Why a report could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportError {
    /// The run, its manifest or the profile cannot be used (names the file or field).
    BadInput(String),
    /// A report file could not be written (names the file).
    Write(String),
}

impl std::fmt::Display for ReportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::BadInput(m) | Self::Write(m) => f.write_str(m),
        }
    }
}

/// Writes a report of the run in `run_dir` into `out` (created if missing) in the given
/// formats, costing episodes with `profile` (default: the run's profile, else `gpt-4o`);
/// returns the files written.
pub fn write_report(
    run_dir: &Path,
    out: &Path,
    formats: &[Box<dyn ReportFormat>],
    profile: Option<&str>,
) -> Result<Vec<PathBuf>, ReportError> {
    let bad = ReportError::BadInput;
    let records = super::load_run(run_dir).map_err(bad)?;
    let manifest = read_manifest(run_dir).map_err(bad)?;
    let (profile_name, prices) = run_profile(manifest.as_ref(), profile).map_err(bad)?;
    let analysis = super::analysis::analyse(&records, &prices);
    std::fs::create_dir_all(out).map_err(|e| ReportError::Write(format!("{}: cannot create: {e}", out.display())))?;
    let input = ReportInput {
        run_dir,
        records: &records,
        manifest: manifest.as_ref(),
        profile: &profile_name,
        prices,
        analysis: &analysis,
    };
    let mut written = Vec::new();
    for f in formats {
        written.extend(f.write(&input, out).map_err(ReportError::Write)?);
    }
    Ok(written)
}

/// Writes `text` to `path`; the error names the file.
fn write_text(path: &Path, text: &str) -> Result<PathBuf, String> {
    std::fs::write(path, text).map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    Ok(path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_format_lists() {
        let names = |s: &str| parse(s).map(|v| v.iter().map(|f| f.name()).collect::<Vec<_>>());
        assert_eq!(names("all").unwrap(), ["md", "html", "csv", "parquet", "charts"]);
        assert_eq!(names("csv, md,csv").unwrap(), ["md", "csv"]);
        let e = names("md,pdf").unwrap_err();
        assert!(e.contains("\"pdf\"") && e.contains("parquet"), "{e}");
    }
}
