//! `cmbench serve`: run a mock API standalone (for curl and outside agents).

use super::CliError;
use crate::mock::{Faults, MockServer, ServerOptions, Timing, World, warm, world_files};
use crate::spec::Spec;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Arguments of `cmbench serve`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["world", "spec"])))]
pub struct Args {
    /// A world under the specs directory (`specs/NAME/openapi.json` + optional `fixtures.json`).
    #[arg(long, value_name = "NAME")]
    pub world: Option<String>,
    /// An OpenAPI 3.0/3.1 or Swagger 2.0 file, JSON or YAML.
    #[arg(long, value_name = "PATH")]
    pub spec: Option<PathBuf>,
    /// Initial state (JSON fixtures); without it, data is generated from the seed.
    #[arg(long, value_name = "FILE")]
    pub fixtures: Option<PathBuf>,
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Faults, e.g. `latency=50ms+-10ms,rate=10/1s,error=0.05,page=5,oversize=0.1,seed=7`.
    #[arg(long, value_name = "SPEC", value_parser = parse_faults)]
    pub faults: Option<Faults>,
    /// Seed of generated data.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Where worlds live.
    #[arg(long, default_value = "specs", value_name = "DIR")]
    pub specs_dir: PathBuf,
}

fn parse_faults(s: &str) -> Result<Faults, String> {
    s.parse::<Faults>().map_err(|e| e.to_string())
}

/// Resolves `--world`/`--spec`/`--fixtures` to (spec file, fixtures file).
fn sources(args: &Args) -> Result<(PathBuf, Option<PathBuf>), CliError> {
    if let Some(spec) = &args.spec {
        return Ok((spec.clone(), args.fixtures.clone()));
    }
    let name = args.world.as_deref().unwrap_or_default();
    let files =
        world_files(&args.specs_dir, name).map_err(|e| CliError::bad_input(format!("--world {name:?}: {e}")))?;
    Ok((files.spec, args.fixtures.clone().or(files.fixtures)))
}

/// Builds the world a `serve` invocation describes.
pub fn load_world(spec_path: &Path, fixtures: Option<&Path>, seed: u64) -> Result<World, CliError> {
    let spec = Arc::new(Spec::load(spec_path)?);
    World::from_files(spec, seed, fixtures).map_err(CliError::bad_input)
}

/// Runs `cmbench serve` until Ctrl-C (or SIGTERM), printing the base URL to `out`.
pub fn run(args: &Args, out: &mut dyn Write) -> Result<(), CliError> {
    let (spec_path, fixtures) = sources(args)?;
    let world = Arc::new(load_world(&spec_path, fixtures.as_deref(), args.seed)?);
    let warmed = warm(&world);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| CliError::failure(format!("starting the async runtime: {e}")))?;
    runtime.block_on(async {
        let options = ServerOptions {
            port: args.port,
            faults: args.faults.clone().unwrap_or_else(|| world.faults.clone()),
            root_episode: true,
            log_stderr: true,
        };
        let server = MockServer::start(world.clone(), options)
            .await
            .map_err(|e| CliError::failure(format!("binding 127.0.0.1:{}: {e}", args.port)))?;
        // Listen for Ctrl-C before announcing the URL, so an early interrupt still stops cleanly.
        let stop = stop_signal().map_err(|e| CliError::failure(format!("listening for Ctrl-C: {e}")))?;
        let Some(episode) = server.root_episode() else {
            return Err(CliError::failure("the server has no root episode"));
        };
        eprintln!(
            "serving {} ({} operations, {} ms to prepare) at {}; more isolated episodes: POST http://{}/_mock/episodes; Ctrl-C stops",
            world.spec.title,
            world.spec.operations.len(),
            warmed.as_millis(),
            episode.base_url(),
            server.addr()
        );
        writeln!(out, "{}", episode.base_url())
            .and_then(|()| out.flush())
            .map_err(|e| CliError::failure(format!("writing output: {e}")))?;
        stop.await;
        let log = episode.log();
        let t = Timing::of(&log);
        let diff = episode.diff();
        let writes = log.iter().filter(|e| !e.read).count();
        eprintln!(
            "served {} requests ({} writes); server time median {} us, p95 {} us, max {} us; state: {} created, {} changed, {} deleted; hash {}",
            t.requests,
            writes,
            t.median_us,
            t.p95_us,
            t.max_us,
            diff.created.len(),
            diff.changed.len(),
            diff.deleted.len(),
            episode.snapshot().hash
        );
        server.shutdown().await;
        Ok(())
    })
}

/// Registers for Ctrl-C (and SIGTERM on Unix) now; the returned future resolves on either.
#[cfg(unix)]
fn stop_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
    })
}

/// Registers for Ctrl-C; the returned future resolves on it.
#[cfg(not(unix))]
fn stop_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}
