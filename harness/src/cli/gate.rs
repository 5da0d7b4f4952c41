//! `cmbench gate`: fail CI when a run regresses against a baseline.

use super::CliError;
use crate::report::gate::{self, Bounds};
use crate::report::load_run;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `cmbench gate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The baseline run directory.
    #[arg(long)]
    pub baseline: PathBuf,
    /// The run to check.
    #[arg(long)]
    pub current: PathBuf,
    /// Largest allowed increase of tokens per episode.
    #[arg(long, default_value = "5%", value_parser = gate::parse_percent)]
    pub max_token_increase: f64,
    /// Largest allowed drop of the success rate.
    #[arg(long, default_value = "2pp", value_parser = gate::parse_pp)]
    pub max_success_drop: f64,
    /// Largest allowed increase of latency per episode (unbounded when absent).
    #[arg(long, value_parser = gate::parse_percent)]
    pub max_latency_increase: Option<f64>,
    /// Where to write `gate.md` and `gate.xml` (JUnit); default: the current run directory.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Runs `cmbench gate`: prints the Markdown verdict; exit 1 when a bound is crossed.
pub fn run(args: &Args, out: &mut dyn Write) -> Result<(), CliError> {
    let baseline = load_run(&args.baseline).map_err(CliError::bad_input)?;
    let current = load_run(&args.current).map_err(CliError::bad_input)?;
    let verdict = gate::gate(
        &baseline,
        &current,
        Bounds {
            max_token_increase: args.max_token_increase,
            max_success_drop: args.max_success_drop,
            max_latency_increase: args.max_latency_increase,
        },
    );
    let md = gate::markdown(&verdict);
    let dir = args.out.clone().unwrap_or_else(|| args.current.clone());
    std::fs::create_dir_all(&dir).map_err(|e| CliError::failure(format!("{}: {e}", dir.display())))?;
    for (file, text) in [("gate.md", md.clone()), ("gate.xml", gate::junit(&verdict))] {
        let p = dir.join(file);
        std::fs::write(&p, text).map_err(|e| CliError::failure(format!("{}: cannot write: {e}", p.display())))?;
    }
    write!(out, "{md}").map_err(|e| CliError::failure(format!("writing output: {e}")))?;
    if verdict.passed() {
        Ok(())
    } else {
        Err(CliError::failure(format!(
            "gate failed: a bound was crossed (details in {})",
            dir.join("gate.md").display()
        )))
    }
}
