//! `cmbench compare`: paired comparison of two runs, or of two pipelines within one run.

use super::CliError;
use crate::report::{compare, load_run};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `cmbench compare`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Run directory A.
    pub run_a: PathBuf,
    /// Run directory B (default: A, to compare two pipelines of one run).
    pub run_b: Option<PathBuf>,
    /// Pipeline of A (default: every pipeline both runs have, compared one by one).
    #[arg(long)]
    pub a_pipeline: Option<String>,
    /// Pipeline of B (default: the same as A's).
    #[arg(long)]
    pub b_pipeline: Option<String>,
}

/// Runs `cmbench compare`, printing Markdown.
pub fn run(args: &Args, out: &mut dyn Write) -> Result<(), CliError> {
    let a = load_run(&args.run_a).map_err(CliError::bad_input)?;
    let b = match &args.run_b {
        Some(dir) => load_run(dir).map_err(CliError::bad_input)?,
        None => a.clone(),
    };
    let pairs: Vec<(String, String)> = match (&args.a_pipeline, &args.b_pipeline) {
        (Some(pa), pb) => vec![(pa.clone(), pb.clone().unwrap_or_else(|| pa.clone()))],
        (None, Some(_)) => return Err(CliError::bad_input("--b-pipeline needs --a-pipeline")),
        (None, None) => {
            if args.run_b.is_none() {
                return Err(CliError::bad_input(
                    "comparing a run with itself needs --a-pipeline and --b-pipeline (e.g. json-tools and code-mode)",
                ));
            }
            let mut names: Vec<String> = a.iter().map(|r| r.pipeline.clone()).collect();
            names.sort();
            names.dedup();
            names
                .into_iter()
                .filter(|p| b.iter().any(|r| &r.pipeline == p))
                .map(|p| (p.clone(), p))
                .collect()
        }
    };
    if pairs.is_empty() {
        return Err(CliError::bad_input("the two runs have no pipeline in common"));
    }
    let label = |dir: &Option<PathBuf>, fallback: &PathBuf| dir.as_ref().unwrap_or(fallback).display().to_string();
    let io = |e: std::io::Error| CliError::failure(format!("writing output: {e}"));
    for (pa, pb) in pairs {
        let ra: Vec<_> = a.iter().filter(|r| r.pipeline == pa).collect();
        let rb: Vec<_> = b.iter().filter(|r| r.pipeline == pb).collect();
        if ra.is_empty() || rb.is_empty() {
            return Err(CliError::bad_input(format!(
                "no episodes of pipeline {:?}",
                if ra.is_empty() { &pa } else { &pb }
            )));
        }
        let (la, lb) = if args.run_b.is_none() {
            (pa.clone(), pb.clone())
        } else {
            (
                format!("{pa} @ {}", args.run_a.display()),
                format!("{pb} @ {}", label(&args.run_b, &args.run_a)),
            )
        };
        let c = compare::compare(&la, &ra, &lb, &rb);
        writeln!(out, "{}", compare::markdown(&c)).map_err(io)?;
    }
    Ok(())
}
