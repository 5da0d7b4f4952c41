//! `cmbench report`: the analysis of a run in several formats (Markdown, HTML, CSV, Parquet, charts).

use super::CliError;
use crate::report::formats;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `cmbench report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Run directory (with records.jsonl and manifest.json).
    pub run_dir: PathBuf,
    /// Formats, comma-separated: md, html, csv, parquet, charts, or all.
    #[arg(long, default_value = "all")]
    pub formats: String,
    /// Output directory (default: RUN_DIR/report).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Model profile for costs, a shipped name or a TOML file (default: the run's profile, else gpt-4o).
    #[arg(long)]
    pub profile: Option<String>,
}

/// Runs `cmbench report`, printing the files written.
pub fn run(args: &Args, out: &mut dyn Write) -> Result<(), CliError> {
    let chosen = formats::parse(&args.formats).map_err(CliError::bad_input)?;
    let dir = args.out.clone().unwrap_or_else(|| args.run_dir.join("report"));
    let written =
        formats::write_report(&args.run_dir, &dir, &chosen, args.profile.as_deref()).map_err(|e| match e {
            formats::ReportError::BadInput(m) => CliError::bad_input(m),
            formats::ReportError::Write(m) => CliError::failure(m),
        })?;
    let io = |e: std::io::Error| CliError::failure(format!("writing output: {e}"));
    for f in written {
        writeln!(out, "{}", f.display()).map_err(io)?;
    }
    Ok(())
}
