//! `cmbench merge`: join the shards of a run.

use super::CliError;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `cmbench merge`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output directory (must not hold a run yet).
    #[arg(long)]
    pub out: PathBuf,
    /// Shard run directories.
    #[arg(required = true)]
    pub shards: Vec<PathBuf>,
}

/// Runs `cmbench merge`.
pub fn run(args: &Args, out: &mut dyn Write) -> Result<(), CliError> {
    let s = crate::run::merge::merge(&args.out, &args.shards).map_err(CliError::bad_input)?;
    writeln!(
        out,
        "merged {} records ({} duplicates dropped) into {}",
        s.records,
        s.duplicates,
        args.out.display()
    )
    .map_err(|e| CliError::failure(format!("writing output: {e}")))
}
