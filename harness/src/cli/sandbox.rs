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
    /// A world by name (`specs/<NAME>/openapi.json` + `fixtures.json`).
    #[arg(long, conflicts_with = "spec")]
    pub world: Option<String>,
    /// Directory of the worlds.
    #[arg(long, default_value = "specs")]
    pub specs_dir: PathBuf,
    /// Base URL of the API `execute` calls; without it, `execute` runs against a fresh mock
    /// world of the spec and reports what the code changed.
    #[arg(long)]
    pub base_url: Option<String>,
    /// World seed, for the fresh mock world.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
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
    let world = match &args.world {
        Some(w) => Some(
            crate::mock::world_files(&args.specs_dir, w)
                .map_err(|e| CliError::bad_input(format!("--world {w:?}: {e}")))?,
        ),
        None => None,
    };
    let spec_path = world.as_ref().map(|w| w.spec.clone()).or_else(|| args.spec.clone());
    let code = read_code(&args.code)?;
    if args.tool == Tool::Search && spec_path.is_none() {
        return Err(CliError::bad_input("search needs --spec or --world"));
    }
    if args.typed && spec_path.is_none() {
        return Err(CliError::bad_input("--typed needs --spec or --world"));
    }
    if let Some(base_url) = &args.base_url
        && !base_url.starts_with("http://")
        && !base_url.starts_with("https://")
    {
        return Err(CliError::bad_input(format!(
            "--base-url {base_url:?}: not an http(s) URL"
        )));
    }
    if args.tool == Tool::Execute && args.base_url.is_none() && spec_path.is_none() {
        return Err(CliError::bad_input(
            "execute needs --spec or --world (a fresh mock world is started) or --base-url (an API already running)",
        ));
    }
    let spec = match &spec_path {
        Some(p) => Some(std::sync::Arc::new(crate::spec::Spec::load(p)?)),
        None => None,
    };
    let mut config = SandboxConfig::new(spec_path.clone());
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
    let value = runtime.block_on(async {
        // Without --base-url, execute runs against a fresh mock world of the spec.
        let mut mock = None;
        let task = match args.tool {
            Tool::Search => Task::Search { code },
            Tool::Execute => {
                let base_url = match (&args.base_url, &spec) {
                    (Some(u), _) => u.clone(),
                    (None, Some(spec)) => {
                        let fixtures = world.as_ref().and_then(|f| f.fixtures.as_deref());
                        let w = crate::mock::World::from_files(spec.clone(), args.seed, fixtures)
                            .map_err(CliError::bad_input)?;
                        let server = crate::mock::MockServer::start(std::sync::Arc::new(w), Default::default())
                            .await
                            .map_err(|e| CliError::failure(format!("starting the mock world: {e}")))?;
                        let episode = server.episode();
                        let url = episode.base_url().to_string();
                        mock = Some((server, episode));
                        url
                    }
                    (None, None) => {
                        return Err(CliError::bad_input("execute needs --spec, --world or --base-url"));
                    }
                };
                Task::Execute {
                    code,
                    base_url,
                    typed: args.typed,
                }
            }
        };
        let sandbox = Sandbox::new(config).await.map_err(CliError::failure)?;
        let outcome = sandbox.run(task, &limits).await;
        let mut value = serde_json::to_value(&outcome).map_err(CliError::failure)?;
        if let (Some((_, episode)), Some(obj)) = (&mock, value.as_object_mut()) {
            obj.insert(
                "changes".into(),
                serde_json::to_value(episode.diff()).map_err(CliError::failure)?,
            );
        }
        Ok::<_, CliError>(value)
    })?;
    let text = serde_json::to_string_pretty(&value).map_err(CliError::failure)?;
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
