//! `cmbench charts`: write a run's charts (SVG and 1600x900 PNG) into a directory.

use super::CliError;
use crate::report::charts::Pricing;
use crate::report::formats::{read_manifest, run_profile};
use crate::report::{charts, load_run};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `cmbench charts`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Run directory (with records.jsonl).
    pub run: PathBuf,
    /// Where to write the charts (default: RUN/charts).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Model profile for the cost chart, a shipped name or a TOML file (default: the run's profile, else gpt-4o).
    #[arg(long)]
    pub profile: Option<String>,
}

/// Runs `cmbench charts`, printing the files written.
pub fn run(args: &Args, out: &mut dyn Write) -> Result<(), CliError> {
    let records = load_run(&args.run).map_err(CliError::bad_input)?;
    let manifest = read_manifest(&args.run).map_err(CliError::bad_input)?;
    let (profile, prices) = run_profile(manifest.as_ref(), args.profile.as_deref()).map_err(CliError::bad_input)?;
    let pricing = Pricing { profile, prices };
    let dir = args.out.clone().unwrap_or_else(|| args.run.join("charts"));
    let files = charts::write_files(&records, &pricing, &dir)
        .map_err(|e| CliError::failure(format!("{}: {e}", args.run.display())))?;
    let io = |e: std::io::Error| CliError::failure(format!("writing output: {e}"));
    for f in files {
        writeln!(out, "{}", f.display()).map_err(io)?;
    }
    Ok(())
}
