//! Charts: every chart of the run as SVG and PNG under `charts/`.

use super::{ReportFormat, ReportInput};
use std::path::{Path, PathBuf};

/// `charts/*.svg` and `charts/*.png`.
pub struct Charts;

impl ReportFormat for Charts {
    fn name(&self) -> &'static str {
        "charts"
    }

    fn files(&self) -> &'static [&'static str] {
        &["charts/"]
    }

    fn write(&self, input: &ReportInput, dir: &Path) -> Result<Vec<PathBuf>, String> {
        let out = dir.join("charts");
        std::fs::create_dir_all(&out).map_err(|e| format!("{}: cannot create: {e}", out.display()))?;
        crate::report::charts::write_files(input.records, &input.pricing(), &out)
    }
}
