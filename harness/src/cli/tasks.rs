//! `cmbench tasks`: check the task corpus (`check`) and show what it covers (`list`).

use super::CliError;
use crate::task::{CheckOptions, Listing, check_corpus, load_dir_all};
use clap::{Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `cmbench tasks`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to do with the corpus.
    #[command(subcommand)]
    pub command: TasksCommand,
}

/// The `tasks` subcommands.
#[derive(Debug, Subcommand)]
pub enum TasksCommand {
    /// Lint every task file, then run each reference solution against a fresh mock world
    /// and require its checks to pass (and to fail on the untouched world).
    Check(CheckArgs),
    /// Print one row per task and counts per world x pattern and per difficulty.
    List(ListArgs),
}

/// Arguments of `cmbench tasks check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The task directory (`<dir>/<world>/<id>.toml` + `.js`).
    #[arg(long, default_value = "tasks", value_name = "DIR")]
    pub tasks: PathBuf,
    /// Where worlds live (`<dir>/<world>/openapi.json` + optional `fixtures.json`).
    #[arg(long, default_value = "specs", value_name = "DIR")]
    pub specs: PathBuf,
    /// Check only tasks whose id (`world/stem`) contains this.
    #[arg(long, value_name = "SUBSTR")]
    pub filter: Option<String>,
    /// Seed of the mock worlds.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Output: one line per task as it is checked (`text`), or one JSON report at the end.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

/// Output formats of `cmbench tasks check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// `ok` / `FAIL` lines, then a summary.
    Text,
    /// `{"tasks": [{id, file, problems: [{kind, message}], requests, millis}], "corpus", "summary", "exit_code"}`.
    Json,
}

/// Output formats of `cmbench tasks list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned text: rows, then count tables.
    Table,
    /// One JSON object: rows and counts.
    Json,
    /// One CSV line per task (counts are in `table` and `json`).
    Csv,
}

/// Arguments of `cmbench tasks list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// The task directory.
    #[arg(long, default_value = "tasks", value_name = "DIR")]
    pub tasks: PathBuf,
    /// List only tasks whose id contains this.
    #[arg(long, value_name = "SUBSTR")]
    pub filter: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

fn write_err(e: std::io::Error) -> CliError {
    CliError::failure(format!("writing output: {e}"))
}

/// Runs `cmbench tasks ...`, writing to `out`.
pub fn run(args: &Args, out: &mut dyn Write) -> Result<(), CliError> {
    match &args.command {
        TasksCommand::Check(a) => check(a, out),
        TasksCommand::List(a) => list(a, out),
    }
}

fn check(args: &CheckArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let options = CheckOptions {
        filter: args.filter.clone(),
        seed: args.seed,
        ..CheckOptions::new(&args.tasks, &args.specs)
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| CliError::failure(format!("starting the async runtime: {e}")))?;
    let text = args.format == CheckFormat::Text;
    let mut written = Ok(());
    let report = runtime.block_on(check_corpus(&options, &mut |r| {
        if text && written.is_ok() {
            written = writeln!(out, "{r}").and_then(|()| out.flush());
        }
    }));
    written.map_err(write_err)?;
    let report = report.map_err(|e| CliError {
        code: if e.bad_input { super::EXIT_BAD_INPUT } else { 1 },
        message: e.message,
    })?;
    if text {
        writeln!(out, "{}", report.summary()).map_err(write_err)?;
    } else {
        let json = serde_json::json!({
            "tasks": report.tasks,
            "corpus": report.corpus,
            "summary": report.summary(),
            "exit_code": report.exit_code(),
        });
        writeln!(out, "{json:#}").map_err(write_err)?;
    }
    match report.exit_code() {
        0 => Ok(()),
        code => Err(CliError {
            code,
            message: format!(
                "{} of {} task(s) failed (see the FAIL lines)",
                report.tasks.iter().filter(|t| !t.ok()).count(),
                report.tasks.len()
            ),
        }),
    }
}

fn list(args: &ListArgs, out: &mut dyn Write) -> Result<(), CliError> {
    if !args.tasks.is_dir() {
        return Err(CliError::bad_input(format!(
            "{}: no such task directory",
            args.tasks.display()
        )));
    }
    let (mut tasks, errors) = load_dir_all(&args.tasks);
    if !errors.is_empty() {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        return Err(CliError::bad_input(format!(
            "{} task file(s) cannot be loaded (run `cmbench tasks check` after fixing them):\n{}",
            errors.len(),
            lines.join("\n")
        )));
    }
    if tasks.is_empty() {
        return Err(CliError::bad_input(format!(
            "{}: no task files (expected <world>/<id>.toml with <id>.js; see tasks/README.md)",
            args.tasks.display()
        )));
    }
    if let Some(f) = &args.filter {
        tasks.retain(|t| t.id.contains(f.as_str()));
    }
    let listing = Listing::new(&tasks);
    let text = match args.format {
        Format::Table => listing.table(),
        Format::Json => format!("{:#}\n", listing.json()),
        Format::Csv => listing.csv(),
    };
    out.write_all(text.as_bytes()).map_err(write_err)
}
