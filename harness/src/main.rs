//! The `cmbench` binary.

use clap::Parser;
use harness::cli::{Cli, run};

fn main() -> std::process::ExitCode {
    run(Cli::parse())
}
