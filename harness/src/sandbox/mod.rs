//! The Code Mode sandbox: runs model-written JavaScript for the `search` and `execute`
//! tools, isolated in worker processes.
//!
//! [`Sandbox`] is a small pool of worker processes (the `cmbench` binary run as
//! `cmbench sandbox-worker`), each under an address-space rlimit, speaking
//! newline-delimited JSON over stdin/stdout. A worker keeps the world's spec object warm
//! and creates a fresh JavaScript context per run; a worker that overruns its deadline or
//! dies is killed and replaced, so no snippet can hang or crash the harness. Inside the
//! worker an [`Engine`] (boa_engine today) applies loop, recursion and time limits for fast,
//! typed errors.
//!
//! Using it from the run engine (one sandbox per world; share it behind an `Arc`):
//!
//! ```text
//! let mut config = SandboxConfig::new(Some(spec_path));   // worker_bin = current exe
//! config.workers = 2;                                      // concurrent runs
//! config.limits = Limits { timeout_ms: 10_000, ..Limits::default() };
//! let sandbox = Sandbox::new(config).await?;               // waits until workers are warm
//! let found = sandbox.search(code).await;                  // Outcome { result, logs, error, .. }
//! let done = sandbox.execute(code, &episode_base_url, typed).await;
//! let text = done.for_model();                             // the tool result the model sees
//! ```
//!
//! Every call returns an [`Outcome`]; failures are an [`ErrorKind`] in `outcome.error`,
//! never a panic or an `Err`. Per-run limits can be passed with [`Sandbox::run`].
//! Worker start-up (loading the spec and building the search view) is paid once per
//! worker and again only when a worker is replaced.

pub mod boa;
pub mod host;
pub mod http;
pub mod jobs;
pub mod pool;
pub mod search_spec;
pub mod source;
pub mod types;
pub mod worker;

pub use pool::{Sandbox, SandboxConfig, SetupError};
pub use types::{ErrorKind, Limits, Outcome, SandboxError, Task, TracedRequest};

use crate::spec::{Spec, SpecError};
use serde_json::Value;
use std::path::Path;

/// A JavaScript engine that runs one snippet at a time.
pub trait Engine {
    /// Engine name (`boa`).
    fn name(&self) -> &'static str;
    /// Runs `task` under `limits` in a fresh context and reports what happened.
    fn run(&mut self, task: &Task, limits: &Limits) -> Outcome;
}

/// What a world gives the sandbox: its spec, and the search view when `search` is used.
#[derive(Debug)]
pub struct World {
    /// The loaded spec (typed functions are derived from it).
    pub spec: Spec,
    /// The `spec` object `search` code sees, as JSON (taken by the engine when it builds it).
    pub search_view: Option<Value>,
}

impl World {
    /// Loads the spec at `path`, building the search view when `search` is set.
    pub fn load(path: &Path, search: bool) -> Result<Self, SpecError> {
        let spec = Spec::load(path)?;
        Ok(Self::from_spec(spec, search))
    }

    /// Wraps a loaded spec, building the search view when `search` is set.
    pub fn from_spec(spec: Spec, search: bool) -> Self {
        let search_view = search.then(|| search_spec::search_view(&spec));
        Self { spec, search_view }
    }
}

/// The JavaScript engines a worker can run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum EngineKind {
    /// boa_engine (pure Rust).
    #[default]
    Boa,
}

impl EngineKind {
    /// The name used on the worker command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Boa => "boa",
        }
    }
}

/// Creates an engine of `kind` for `world`.
pub fn new_engine(kind: EngineKind, world: Option<World>) -> Result<Box<dyn Engine>, String> {
    match kind {
        EngineKind::Boa => Ok(Box::new(boa::BoaEngine::new(world)?)),
    }
}
