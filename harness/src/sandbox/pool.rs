//! The harness side: a pool of worker processes, each under an rlimit, killed and
//! replaced when it overruns its deadline or dies.

use super::EngineKind;
use super::types::{ErrorKind, Limits, Outcome, Task};
use super::worker::{WorkerReply, WorkerRequest};
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};
use tokio::sync::Semaphore;

/// How a [`Sandbox`] starts its workers.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// The `cmbench` binary workers run as (`cmbench sandbox-worker`).
    pub worker_bin: PathBuf,
    /// The JavaScript engine workers run.
    pub engine: EngineKind,
    /// The world's spec, for `search` and typed functions.
    pub spec: Option<PathBuf>,
    /// Whether workers build the search view (needs `spec`).
    pub search: bool,
    /// Number of worker processes (concurrent runs).
    pub workers: usize,
    /// Default limits of each run.
    pub limits: Limits,
    /// How long a worker may take to load the spec and report ready.
    pub startup_timeout: Duration,
    /// Extra time past the run's timeout before a worker is killed.
    pub kill_grace: Duration,
}

impl SandboxConfig {
    /// A config with default limits, one worker, and the running executable as worker binary.
    pub fn new(spec: Option<PathBuf>) -> Self {
        Self {
            worker_bin: std::env::current_exe().unwrap_or_else(|_| PathBuf::from("cmbench")),
            engine: EngineKind::default(),
            search: spec.is_some(),
            spec,
            workers: 1,
            limits: Limits::default(),
            startup_timeout: Duration::from_secs(300),
            kill_grace: Duration::from_millis(500),
        }
    }
}

/// Why a sandbox could not start.
#[derive(Debug, thiserror::Error)]
#[error("sandbox: {0}")]
pub struct SetupError(pub String);

/// One worker process.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    stderr: Arc<Mutex<String>>,
    stderr_task: tokio::task::JoinHandle<()>,
    ready: bool,
}

/// Most characters of a worker's stderr kept for diagnosis.
const STDERR_TAIL: usize = 4096;

impl Worker {
    fn spawn(config: &SandboxConfig) -> Result<Self, SetupError> {
        let mut cmd = Command::new(&config.worker_bin);
        cmd.arg("sandbox-worker").arg("--engine").arg(config.engine.as_str());
        if let Some(spec) = &config.spec {
            cmd.arg("--spec").arg(spec);
            if !config.search {
                cmd.arg("--no-search");
            }
        }
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .env("MALLOC_ARENA_MAX", "2")
            .kill_on_drop(true);
        let memory = config.limits.memory_bytes;
        // SAFETY: the closure only calls async-signal-safe setrlimit between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                let as_limit = libc::rlimit {
                    rlim_cur: memory as libc::rlim_t,
                    rlim_max: memory as libc::rlim_t,
                };
                libc::setrlimit(libc::RLIMIT_AS, &as_limit);
                let no_core = libc::rlimit {
                    rlim_cur: 0,
                    rlim_max: 0,
                };
                libc::setrlimit(libc::RLIMIT_CORE, &no_core);
                Ok(())
            });
        }
        let mut child = cmd
            .spawn()
            .map_err(|e| SetupError(format!("cannot start worker {}: {e}", config.worker_bin.display())))?;
        let (Some(stdin), Some(stdout), Some(mut err)) = (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            return Err(SetupError("worker pipes missing".into()));
        };
        let stderr = Arc::new(Mutex::new(String::new()));
        let tail = stderr.clone();
        let stderr_task = tokio::spawn(async move {
            let mut buf = [0u8; 1024];
            while let Ok(n) = err.read(&mut buf).await {
                if n == 0 {
                    break;
                }
                if let Ok(mut t) = tail.lock() {
                    t.push_str(&String::from_utf8_lossy(&buf[..n]));
                    if t.len() > STDERR_TAIL {
                        let cut = t.len() - STDERR_TAIL;
                        let cut = (cut..t.len()).find(|i| t.is_char_boundary(*i)).unwrap_or(t.len());
                        t.drain(..cut);
                    }
                }
            }
        });
        Ok(Self {
            child,
            stdin,
            stdout: BufReader::new(stdout),
            stderr,
            stderr_task,
            ready: false,
        })
    }

    async fn read_reply(&mut self) -> Option<WorkerReply> {
        let mut line = String::new();
        loop {
            line.clear();
            match self.stdout.read_line(&mut line).await {
                Ok(0) | Err(_) => return None,
                Ok(_) => {
                    if let Ok(r) = serde_json::from_str::<WorkerReply>(&line) {
                        return Some(r);
                    }
                }
            }
        }
    }

    async fn wait_ready(&mut self, timeout: Duration) -> Result<(), Outcome> {
        if self.ready {
            return Ok(());
        }
        match tokio::time::timeout(timeout, self.read_reply()).await {
            Ok(Some(r)) if r.ready.is_some() => {
                self.ready = true;
                Ok(())
            }
            Ok(Some(r)) => Err(r
                .outcome
                .unwrap_or_else(|| Outcome::failed(ErrorKind::Internal, "worker sent no ready line"))),
            Ok(None) => Err(Outcome::failed(
                ErrorKind::Internal,
                format!("worker exited during start-up: {}", self.stderr_tail()),
            )),
            Err(_) => Err(Outcome::failed(
                ErrorKind::Internal,
                format!("worker not ready after {} s", timeout.as_secs()),
            )),
        }
    }

    fn stderr_tail(&self) -> String {
        self.stderr.lock().map(|t| t.trim().to_string()).unwrap_or_default()
    }

    /// Ends the process (waiting briefly first when it is already exiting) and reports
    /// the signal that ended it and the tail of its stderr.
    async fn kill(mut self, exiting: bool) -> (Option<i32>, String) {
        let mut status = None;
        if exiting {
            status = tokio::time::timeout(Duration::from_secs(2), self.child.wait())
                .await
                .ok()
                .and_then(Result::ok);
        }
        if status.is_none() {
            let _ = self.child.start_kill();
            let _ = tokio::time::timeout(Duration::from_secs(5), self.child.wait()).await;
        }
        let _ = tokio::time::timeout(Duration::from_secs(1), &mut self.stderr_task).await;
        (status.and_then(|s| s.signal()), self.stderr_tail())
    }
}

/// A pool of sandbox worker processes for one world.
pub struct Sandbox {
    config: SandboxConfig,
    idle: Mutex<Vec<Worker>>,
    permits: Semaphore,
    next_id: AtomicU64,
}

impl Sandbox {
    /// Starts `config.workers` workers and waits until each has loaded the world.
    pub async fn new(config: SandboxConfig) -> Result<Self, SetupError> {
        let workers = config.workers.max(1);
        let mut started = Vec::with_capacity(workers);
        for _ in 0..workers {
            started.push(Worker::spawn(&config)?);
        }
        for w in &mut started {
            w.wait_ready(config.startup_timeout)
                .await
                .map_err(|o| SetupError(o.error.map(|e| e.message).unwrap_or_default()))?;
        }
        Ok(Self {
            permits: Semaphore::new(workers),
            idle: Mutex::new(started),
            next_id: AtomicU64::new(1),
            config,
        })
    }

    /// The default limits of this sandbox.
    pub fn limits(&self) -> &Limits {
        &self.config.limits
    }

    /// Runs `search` code against the world's spec.
    pub async fn search(&self, code: &str) -> Outcome {
        self.run(Task::Search { code: code.to_string() }, &self.config.limits)
            .await
    }

    /// Runs `execute` code against the API at `base_url` (`typed` adds `api.<operation>()` functions).
    pub async fn execute(&self, code: &str, base_url: &str, typed: bool) -> Outcome {
        let task = Task::Execute {
            code: code.to_string(),
            base_url: base_url.to_string(),
            typed,
        };
        self.run(task, &self.config.limits).await
    }

    fn take_idle(&self) -> Option<Worker> {
        self.idle.lock().ok().and_then(|mut v| v.pop())
    }

    fn put_idle(&self, w: Worker) {
        if let Ok(mut v) = self.idle.lock() {
            v.push(w);
        }
    }

    /// Starts a replacement worker in the background (it loads while idle).
    fn replace(&self) -> Option<Outcome> {
        match Worker::spawn(&self.config) {
            Ok(w) => {
                self.put_idle(w);
                None
            }
            Err(e) => Some(Outcome::failed(ErrorKind::Internal, e.0)),
        }
    }

    /// Runs `task` under `limits` in a worker; whatever the code does, returns an outcome.
    pub async fn run(&self, task: Task, limits: &Limits) -> Outcome {
        let started = std::time::Instant::now();
        let mut outcome = self.run_in_worker(task, limits).await;
        if outcome.elapsed_ms == 0.0 {
            outcome.elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
        }
        outcome
    }

    async fn run_in_worker(&self, task: Task, limits: &Limits) -> Outcome {
        let Ok(_permit) = self.permits.acquire().await else {
            return Outcome::failed(ErrorKind::Internal, "sandbox is shut down");
        };
        let mut worker = match self.take_idle() {
            Some(w) => w,
            None => match Worker::spawn(&self.config) {
                Ok(w) => w,
                Err(e) => return Outcome::failed(ErrorKind::Internal, e.0),
            },
        };
        if let Err(o) = worker.wait_ready(self.config.startup_timeout).await {
            worker.kill(false).await;
            self.replace();
            return o;
        }
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let mut line = match serde_json::to_string(&WorkerRequest {
            id,
            task,
            limits: limits.clone(),
        }) {
            Ok(l) => l,
            Err(e) => return Outcome::failed(ErrorKind::Internal, format!("cannot encode request: {e}")),
        };
        line.push('\n');
        let deadline = Duration::from_millis(limits.timeout_ms) + self.config.kill_grace;
        let sent = worker.stdin.write_all(line.as_bytes()).await.is_ok() && worker.stdin.flush().await.is_ok();
        let reply = if sent {
            tokio::time::timeout(deadline, worker.read_reply()).await
        } else {
            Ok(None)
        };
        match reply {
            Ok(Some(r)) if r.id == id => {
                self.put_idle(worker);
                r.outcome
                    .unwrap_or_else(|| Outcome::failed(ErrorKind::Internal, "worker sent an empty reply"))
            }
            Ok(_) => {
                let (signal, tail) = worker.kill(true).await;
                self.replace();
                died(signal, &tail, limits)
            }
            Err(_) => {
                worker.kill(false).await;
                self.replace();
                Outcome::failed(
                    ErrorKind::Timeout,
                    format!("the code ran longer than {} ms and was stopped", limits.timeout_ms),
                )
            }
        }
    }
}

/// The outcome of a worker that died mid-run.
fn died(signal: Option<i32>, stderr: &str, limits: &Limits) -> Outcome {
    let mb = limits.memory_bytes >> 20;
    if stderr.contains("memory allocation") || stderr.contains("out of memory") || stderr.contains("Cannot allocate") {
        return Outcome::failed(
            ErrorKind::Memory,
            format!("the code used more than the {mb} MiB memory cap"),
        );
    }
    if stderr.contains("overflowed its stack") {
        return Outcome::failed(
            ErrorKind::Recursion,
            "the code nested too deeply and overflowed the stack",
        );
    }
    if signal == Some(libc::SIGXCPU) {
        return Outcome::failed(
            ErrorKind::Timeout,
            format!(
                "the code used more than its CPU time ({} ms timeout)",
                limits.timeout_ms
            ),
        );
    }
    if signal == Some(libc::SIGABRT) || signal == Some(libc::SIGSEGV) || signal == Some(libc::SIGKILL) {
        return Outcome::failed(
            ErrorKind::Memory,
            format!(
                "the sandbox worker was killed (signal {}), most likely by the {mb} MiB memory cap",
                signal.unwrap_or(0)
            ),
        );
    }
    let lines: Vec<&str> = stderr.lines().collect();
    let last = match lines.iter().position(|l| l.contains("panicked at")) {
        Some(i) => lines[i..(i + 2).min(lines.len())].join(" "),
        None => lines.last().unwrap_or(&"no message").to_string(),
    };
    Outcome::failed(ErrorKind::Crash, format!("the sandbox worker died: {last}"))
}
