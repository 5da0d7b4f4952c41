//! `cmbench surface`: what each tool surface of a spec costs in tokens.

use super::CliError;
use crate::spec::Spec;
use crate::surface::{self, Rendered, SurfaceSize};
use crate::tokens::Encoding;
use clap::ValueEnum;
use serde_json::json;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

/// Output formats of `cmbench surface`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A human-readable table.
    Table,
    /// One JSON object.
    Json,
    /// CSV with a header row, one row per surface.
    Csv,
}

/// Arguments of `cmbench surface`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// OpenAPI 3.0/3.1 or Swagger 2.0 file, JSON or YAML.
    #[arg(long)]
    pub spec: PathBuf,
    /// Tokenizer encoding.
    #[arg(long, default_value = "o200k_base", value_parser = parse_encoding)]
    pub encoding: Encoding,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Print the exact `tools` JSON of one surface (`json-tools`, `json-tools:required-only`,
    /// `code-mode`, `code-mode-typed`, `tool-search`) instead of the summary.
    #[arg(long, value_name = "SURFACE[:VARIANT]")]
    pub dump: Option<String>,
}

fn parse_encoding(s: &str) -> Result<Encoding, String> {
    s.parse()
}

/// Runs `cmbench surface`, writing to `out`.
pub fn run(args: &Args, out: &mut dyn Write) -> Result<(), CliError> {
    let started = Instant::now();
    let spec = Spec::load(&args.spec)?;
    let loaded = started.elapsed();
    let io = |e: std::io::Error| CliError::failure(format!("writing output: {e}"));
    if let Some(which) = &args.dump {
        let (name, variant) = match which.split_once(':') {
            Some((n, v)) => (n, Some(v)),
            None => (which.as_str(), None),
        };
        let s = surface::by_name(name, variant).ok_or_else(|| {
            let known: Vec<String> = surface::all()
                .iter()
                .map(|s| format!("{}:{}", s.name(), s.variant()))
                .collect();
            CliError::bad_input(format!(
                "--dump: unknown surface {which:?} (known: {})",
                known.join(", ")
            ))
        })?;
        let rendered = Rendered::new(s.as_ref(), &spec);
        writeln!(out, "{}", rendered.json).map_err(io)?;
        return Ok(());
    }
    let sizes = surface::measure_all(&spec, args.encoding);
    let elapsed = started.elapsed();
    match args.format {
        Format::Json => {
            let v = json!({
                "spec": {
                    "path": args.spec.display().to_string(),
                    "format": spec.format.to_string(),
                    "operations": spec.operations.len(),
                    "paths": spec.paths,
                },
                "encoding": args.encoding.name(),
                "surfaces": sizes.iter().map(|s| json!({
                    "name": s.name, "variant": s.variant, "tools": s.tools, "tokens": s.tokens,
                })).collect::<Vec<_>>(),
            });
            writeln!(out, "{v}").map_err(io)?;
        }
        Format::Csv => {
            writeln!(
                out,
                "spec,format,operations,paths,encoding,surface,variant,tools,tokens,bytes"
            )
            .map_err(io)?;
            for s in &sizes {
                writeln!(
                    out,
                    "{},{},{},{},{},{},{},{},{},{}",
                    csv_field(&args.spec.display().to_string()),
                    spec.format,
                    spec.operations.len(),
                    spec.paths,
                    args.encoding,
                    s.name,
                    s.variant,
                    s.tools,
                    s.tokens,
                    s.bytes
                )
                .map_err(io)?;
            }
        }
        Format::Table => write_table(out, args, &spec, &sizes, loaded, elapsed).map_err(io)?,
    }
    Ok(())
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// `1234567` -> `1,234,567`.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn write_table(
    out: &mut dyn Write,
    args: &Args,
    spec: &Spec,
    sizes: &[SurfaceSize],
    loaded: std::time::Duration,
    elapsed: std::time::Duration,
) -> std::io::Result<()> {
    writeln!(
        out,
        "spec        {} ({}, {:?}): {}",
        args.spec.display(),
        spec.format,
        spec.syntax,
        spec.title
    )?;
    writeln!(
        out,
        "operations  {} on {} paths ({} ids synthesised)",
        thousands(spec.operations.len()),
        thousands(spec.paths),
        spec.operations.iter().filter(|o| o.operation_id_synthesized).count()
    )?;
    let cuts = spec.inline_stats.snapshot();
    writeln!(
        out,
        "refs        {} to {} targets; {} recursive, {} external",
        thousands(spec.refs.refs),
        thousands(spec.refs.targets),
        spec.refs.recursive.len(),
        spec.refs.external.len(),
    )?;
    writeln!(
        out,
        "inlining    largest schema {} values; cut {} recursive, {} too deep, {} over the {}-value budget",
        thousands(cuts.largest as usize),
        cuts.cycles_cut,
        cuts.depth_cut,
        cuts.size_cut,
        thousands(crate::spec::MAX_INLINE_NODES),
    )?;
    writeln!(out, "encoding    {}", args.encoding)?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<16} {:<14} {:>6} {:>12} {:>12}",
        "surface", "variant", "tools", "tokens", "bytes"
    )?;
    for s in sizes {
        writeln!(
            out,
            "{:<16} {:<14} {:>6} {:>12} {:>12}",
            s.name,
            s.variant,
            thousands(s.tools),
            thousands(s.tokens),
            thousands(s.bytes)
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "loaded in {:.0} ms, measured in {:.0} ms",
        loaded.as_secs_f64() * 1e3,
        elapsed.as_secs_f64() * 1e3
    )?;
    Ok(())
}
