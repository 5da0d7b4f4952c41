//! `cmbench worlds`: generate described worlds and pad specs with distractor operations.

use super::CliError;
use crate::spec::Spec;
use crate::worlds::{generate_world, pad, pretty};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `cmbench worlds`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: WorldsCommand,
}

/// The `worlds` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum WorldsCommand {
    /// Regenerate `specs/NAME/openapi.json` and `fixtures.json` from `specs/NAME/resources.toml`.
    Generate {
        /// The world (a directory under the specs directory).
        name: String,
        /// Where worlds live.
        #[arg(long, default_value = "specs", value_name = "DIR")]
        specs_dir: PathBuf,
        /// Do not write: fail when the committed files differ from regeneration.
        #[arg(long)]
        check: bool,
    },
    /// Print a spec padded with N extra realistic operations (JSON on stdout).
    Pad {
        /// The OpenAPI 3.x file to pad (JSON or YAML).
        #[arg(long, value_name = "PATH")]
        spec: PathBuf,
        /// Number of operations to add.
        #[arg(long, value_name = "N")]
        ops: usize,
        /// Seed choosing the distractor families.
        #[arg(long, default_value_t = 0)]
        seed: u64,
    },
}

/// Runs `cmbench worlds`.
pub fn run(args: &Args, out: &mut dyn Write) -> Result<(), CliError> {
    let write_err = |e: std::io::Error| CliError::failure(format!("writing output: {e}"));
    match &args.command {
        WorldsCommand::Generate { name, specs_dir, check } => {
            let generated = generate_world(specs_dir, name).map_err(CliError::bad_input)?;
            let dir = specs_dir.join(name);
            let files = [
                ("openapi.json", &generated.spec),
                ("fixtures.json", &generated.fixtures),
            ];
            for (file, text) in files {
                let path = dir.join(file);
                if *check {
                    let current = std::fs::read_to_string(&path).unwrap_or_default();
                    if current != *text {
                        return Err(CliError::failure(format!(
                            "{} differs from its regeneration: run `cmbench worlds generate {name}`",
                            path.display()
                        )));
                    }
                    writeln!(out, "{}: up to date", path.display()).map_err(write_err)?;
                } else {
                    std::fs::write(&path, text)
                        .map_err(|e| CliError::failure(format!("{}: cannot write: {e}", path.display())))?;
                    writeln!(out, "wrote {} ({} bytes)", path.display(), text.len()).map_err(write_err)?;
                }
            }
            Ok(())
        }
        WorldsCommand::Pad { spec, ops, seed } => {
            let loaded = Spec::load(spec)?;
            let padded =
                pad(&loaded.doc, *ops, *seed).map_err(|e| CliError::bad_input(format!("{}: {e}", spec.display())))?;
            out.write_all(pretty(&padded).as_bytes()).map_err(write_err)
        }
    }
}
