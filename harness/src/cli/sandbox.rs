//! `cmbench sandbox`: run one Code Mode snippet by hand and print `{result, logs, error}`.

use super::CliError;
use crate::sandbox::{EngineKind, Limits, Sandbox, SandboxConfig, Task};
use clap::ValueEnum;
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

/// Which tool the snippet is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Tool {
    /// `search`: the code sees `spec`.
    Search,
    /// `execute`: the code sees `api.request` (and typed functions with `--typed`).
    Execute,
}

/// Arguments of `cmbench sandbox`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The tool to run the code as.
    #[arg(value_enum)]
    pub tool: Tool,
    /// OpenAPI file of the world (required for `search` and `--typed`).
    #[arg(long)]
    pub spec: Option<PathBuf>,
    /// A world by name (reserved: worlds are not available yet).
    #[arg(long)]
    pub world: Option<String>,
    /// Base URL of the API `execute` calls (for example a mock episode URL).
    #[arg(long)]
    pub base_url: Option<String>,
    /// File holding the JavaScript (`-` for stdin).
    #[arg(long)]
    pub code: PathBuf,
    /// Offer the typed functions of `code-mode-typed` (`api.<operation>(input)`).
    #[arg(long)]
    pub typed: bool,
    /// Wall-clock timeout in milliseconds.
    #[arg(long, default_value_t = Limits::default().timeout_ms)]
    pub timeout_ms: u64,
    /// Most API calls one execution may make.
    #[arg(long, default_value_t = Limits::default().max_api_calls)]
    pub max_calls: usize,
    /// Longest result JSON, in characters.
    #[arg(long, default_value_t = Limits::default().max_output_chars)]
    pub max_output: usize,
    /// The JavaScript engine.
    #[arg(long, value_enum, default_value_t = EngineKind::Boa)]
    pub engine: EngineKind,
    /// Worker address-space cap in MiB.
    #[arg(long, default_value_t = Limits::default().memory_bytes >> 20)]
    pub memory_mib: u64,
}

/// Arguments of the hidden `cmbench sandbox-worker`.
#[derive(Debug, clap::Args)]
pub struct WorkerArgs {
    /// The world's spec.
    #[arg(long)]
    pub spec: Option<PathBuf>,
    /// Do not build the search view.
    #[arg(long)]
    pub no_search: bool,
    /// The JavaScript engine.
    #[arg(long, value_enum, default_value_t = EngineKind::Boa)]
    pub engine: EngineKind,
}

fn read_code(path: &PathBuf) -> Result<String, CliError> {
    if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| CliError::bad_input(format!("reading code from stdin: {e}")))?;
        return Ok(s);
    }
    std::fs::read_to_string(path).map_err(|e| CliError::bad_input(format!("--code {}: {e}", path.display())))
}

/// Runs `cmbench sandbox`, writing the outcome JSON to `out`.
pub fn run(args: &Args, out: &mut dyn Write) -> Result<(), CliError> {
    if let Some(w) = &args.world {
        return Err(CliError::bad_input(format!(
            "--world {w}: worlds are not available yet; pass --spec (and --base-url for execute)"
        )));
    }
    let code = read_code(&args.code)?;
    let task = match args.tool {
        Tool::Search => {
            if args.spec.is_none() {
                return Err(CliError::bad_input("search needs --spec"));
            }
            Task::Search { code }
        }
        Tool::Execute => {
            let Some(base_url) = args.base_url.clone() else {
                return Err(CliError::bad_input(
                    "execute needs --base-url (the API the code calls, e.g. http://127.0.0.1:PORT/ep/ID)",
                ));
            };
            if !base_url.starts_with("http://") && !base_url.starts_with("https://") {
                return Err(CliError::bad_input(format!(
                    "--base-url {base_url:?}: not an http(s) URL"
                )));
            }
            if args.typed && args.spec.is_none() {
                return Err(CliError::bad_input("--typed needs --spec"));
            }
            Task::Execute {
                code,
                base_url,
                typed: args.typed,
            }
        }
    };
    if let Some(spec) = &args.spec {
        crate::spec::Spec::load(spec)?;
    }
    let mut config = SandboxConfig::new(args.spec.clone());
    config.search = args.tool == Tool::Search;
    config.engine = args.engine;
    config.limits = Limits {
        timeout_ms: args.timeout_ms,
        max_api_calls: args.max_calls,
        max_output_chars: args.max_output,
        memory_bytes: args.memory_mib << 20,
        ..Limits::default()
    };
    config.startup_timeout = Duration::from_secs(600);
    let limits = config.limits.clone();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::failure(format!("cannot start a runtime: {e}")))?;
    let outcome = runtime.block_on(async {
        let sandbox = Sandbox::new(config).await.map_err(CliError::failure)?;
        Ok::<_, CliError>(sandbox.run(task, &limits).await)
    })?;
    let text = serde_json::to_string_pretty(&outcome).map_err(CliError::failure)?;
    writeln!(out, "{text}").map_err(|e| CliError::failure(format!("writing output: {e}")))?;
    Ok(())
}

/// Runs the hidden worker loop.
pub fn run_worker(args: &WorkerArgs) -> Result<(), CliError> {
    match crate::sandbox::worker::worker_main(args.engine, args.spec.clone(), !args.no_search) {
        0 => Ok(()),
        code => Err(CliError {
            code,
            message: "sandbox worker stopped".into(),
        }),
    }
}
