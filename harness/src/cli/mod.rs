//! The `cmbench` command line: one file per subcommand.

pub mod charts;
pub mod compare;
pub mod gate;
pub mod merge;
pub mod report;
pub mod run;
pub mod sandbox;
pub mod serve;
pub mod surface;
pub mod sweep;
pub mod tasks;
pub mod worlds;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Exit code for bad input (a spec, task or config that cannot be used).
pub const EXIT_BAD_INPUT: u8 = 2;

/// codemode-bench: when does Code Mode beat JSON tool calling?
#[derive(Debug, Parser)]
#[command(name = "cmbench", version, about, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load an OpenAPI description and print each tool surface's size in tokens.
    Surface(surface::Args),
    /// Run the task corpus through pipelines with a model and record every episode.
    Run(run::Args),
    /// Merge the shards of a run into one run directory.
    Merge(merge::Args),
    /// Paired comparison of two runs, or of two pipelines of one run (Markdown).
    Compare(compare::Args),
    /// Write a run's charts as SVG and PNG (1600x900).
    Charts(charts::Args),
    /// Check a run against a baseline; exit 1 when a bound is crossed.
    Gate(gate::Args),
    /// Report on a run: Markdown, self-contained HTML, CSV, Parquet and charts.
    Report(report::Args),
    /// Measure tool surfaces (and oracle episodes) at several API sizes; write the scaling chart.
    Sweep(sweep::Args),
    /// Serve a stateful mock of an API over HTTP on 127.0.0.1.
    Serve(serve::Args),
    /// Run one Code Mode snippet (`search` or `execute`) in the sandbox and print {result, logs, error}.
    Sandbox(sandbox::Args),
    /// Check the task corpus (`tasks check`) or list it (`tasks list`).
    Tasks(tasks::Args),
    /// Generate described worlds (`specs/NAME/resources.toml`) and pad specs with distractor operations.
    Worlds(worlds::Args),
    /// Internal: a sandbox worker process (newline-delimited JSON on stdin/stdout).
    #[command(hide = true)]
    SandboxWorker(sandbox::WorkerArgs),
}

/// An error from a subcommand, with the exit code it maps to.
#[derive(Debug)]
pub struct CliError {
    /// Process exit code.
    pub code: u8,
    /// Message printed to stderr.
    pub message: String,
}

impl CliError {
    /// Bad input: exit code 2.
    pub fn bad_input(message: impl std::fmt::Display) -> Self {
        Self {
            code: EXIT_BAD_INPUT,
            message: message.to_string(),
        }
    }

    /// Any other failure: exit code 1.
    pub fn failure(message: impl std::fmt::Display) -> Self {
        Self {
            code: 1,
            message: message.to_string(),
        }
    }
}

impl From<crate::spec::SpecError> for CliError {
    fn from(e: crate::spec::SpecError) -> Self {
        Self::bad_input(e)
    }
}

/// Runs a parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Surface(args) => surface::run(&args, &mut std::io::stdout().lock()),
        Command::Run(args) => run::run(&args, &mut std::io::stdout().lock()),
        Command::Merge(args) => merge::run(&args, &mut std::io::stdout().lock()),
        Command::Compare(args) => compare::run(&args, &mut std::io::stdout().lock()),
        Command::Charts(args) => charts::run(&args, &mut std::io::stdout().lock()),
        Command::Gate(args) => gate::run(&args, &mut std::io::stdout().lock()),
        Command::Report(args) => report::run(&args, &mut std::io::stdout().lock()),
        Command::Sweep(args) => sweep::run(&args, &mut std::io::stdout().lock()),
        Command::Serve(args) => serve::run(&args, &mut std::io::stdout()),
        Command::Sandbox(args) => sandbox::run(&args, &mut std::io::stdout().lock()),
        Command::Tasks(args) => tasks::run(&args, &mut std::io::stdout().lock()),
        Command::Worlds(args) => worlds::run(&args, &mut std::io::stdout().lock()),
        Command::SandboxWorker(args) => sandbox::run_worker(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", e.message);
            ExitCode::from(e.code)
        }
    }
}
