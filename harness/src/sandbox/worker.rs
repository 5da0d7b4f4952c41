//! The worker process side: `cmbench sandbox-worker` reads one JSON request per line on
//! stdin and answers one JSON line on stdout.

use super::types::{ErrorKind, Limits, Outcome, Task};
use super::{EngineKind, World, new_engine};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};
use std::path::PathBuf;

/// One request to a worker.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WorkerRequest {
    /// Request number, echoed in the reply.
    pub id: u64,
    /// What to run.
    pub task: Task,
    /// Limits of this run.
    pub limits: Limits,
}

/// One line a worker writes: the ready line at start-up, then one reply per request.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WorkerReply {
    /// Request number (0 for the ready line).
    pub id: u64,
    /// Set on the ready line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready: Option<String>,
    /// The run's outcome (on the ready line: an error when start-up failed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
}

/// Sets the CPU-time soft limit to what this process has used plus `seconds`.
fn limit_cpu(seconds: u64) {
    // SAFETY: getrusage/setrlimit only write to the structs passed to them.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_SELF, &mut usage) != 0 {
            return;
        }
        let used = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) as u64 + 1;
        let mut lim: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(libc::RLIMIT_CPU, &mut lim) != 0 {
            return;
        }
        lim.rlim_cur = used.saturating_add(seconds).min(lim.rlim_max);
        libc::setrlimit(libc::RLIMIT_CPU, &lim);
    }
}

fn write_line(out: &mut impl Write, reply: &WorkerReply) -> bool {
    let Ok(text) = serde_json::to_string(reply) else {
        return false;
    };
    writeln!(out, "{text}").and_then(|()| out.flush()).is_ok()
}

/// Runs the worker loop until stdin closes; returns the process exit code.
pub fn worker_main(engine: EngineKind, spec: Option<PathBuf>, search: bool) -> u8 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let world = match spec.as_deref().map(|p| World::load(p, search)).transpose() {
        Ok(w) => w,
        Err(e) => {
            let o = Outcome::failed(ErrorKind::Internal, format!("worker cannot load the spec: {e}"));
            write_line(
                &mut out,
                &WorkerReply {
                    id: 0,
                    ready: None,
                    outcome: Some(o),
                },
            );
            return 1;
        }
    };
    let mut engine = match new_engine(engine, world) {
        Ok(e) => e,
        Err(e) => {
            let o = Outcome::failed(ErrorKind::Internal, format!("worker cannot start its engine: {e}"));
            write_line(
                &mut out,
                &WorkerReply {
                    id: 0,
                    ready: None,
                    outcome: Some(o),
                },
            );
            return 1;
        }
    };
    let ready = WorkerReply {
        id: 0,
        ready: Some(engine.name().to_string()),
        outcome: None,
    };
    if !write_line(&mut out, &ready) {
        return 1;
    }
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { return 1 };
        if line.trim().is_empty() {
            continue;
        }
        let reply = match serde_json::from_str::<WorkerRequest>(&line) {
            Ok(req) => {
                limit_cpu(req.limits.timeout_ms.div_ceil(1000).saturating_add(2));
                let outcome = engine.run(&req.task, &req.limits);
                WorkerReply {
                    id: req.id,
                    ready: None,
                    outcome: Some(outcome),
                }
            }
            Err(e) => WorkerReply {
                id: 0,
                ready: None,
                outcome: Some(Outcome::failed(ErrorKind::Internal, format!("bad worker request: {e}"))),
            },
        };
        if !write_line(&mut out, &reply) {
            return 1;
        }
    }
    0
}
