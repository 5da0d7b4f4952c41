//! Options, tasks, outcomes and error kinds shared by the pool, the worker and the engines.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// Limits applied to one snippet run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Limits {
    /// Wall-clock time a snippet may run, in milliseconds.
    pub timeout_ms: u64,
    /// Most iterations of any one loop (per call frame).
    pub loop_iterations: u64,
    /// Deepest JavaScript call recursion.
    pub recursion: usize,
    /// Largest VM stack, in values.
    pub stack_size: usize,
    /// Address-space cap of a worker process, in bytes.
    pub memory_bytes: u64,
    /// Most `api.request` (or typed) calls one `execute` may make.
    pub max_api_calls: usize,
    /// Longest result JSON returned, in characters; longer results are cut and reported.
    pub max_output_chars: usize,
    /// Most characters of console output kept.
    pub max_log_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            timeout_ms: 10_000,
            loop_iterations: 10_000_000,
            recursion: 400,
            stack_size: 1024 * 1024,
            memory_bytes: 4 << 30,
            max_api_calls: 200,
            max_output_chars: 24_000,
            max_log_chars: 8_000,
        }
    }
}

/// What a snippet is run for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "task", rename_all = "snake_case")]
pub enum Task {
    /// The `search` tool: code with `spec` in scope.
    Search {
        /// The model's code.
        code: String,
    },
    /// The `execute` tool: code with `api.request` (and typed functions when `typed`).
    Execute {
        /// The model's code.
        code: String,
        /// Base URL API paths are appended to (`http://127.0.0.1:PORT/ep/ID`).
        base_url: String,
        /// Whether `api.<operation>(input)` functions are defined (the `code-mode-typed` surface).
        typed: bool,
    },
}

/// Why a snippet did not produce a clean result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// It ran past the wall-clock timeout.
    Timeout,
    /// It ran out of the memory cap.
    Memory,
    /// It recursed too deeply (or overflowed the VM stack).
    Recursion,
    /// A loop ran past the iteration limit.
    LoopLimit,
    /// The code does not parse as JavaScript.
    Syntax,
    /// The code is TypeScript, which the sandbox does not run.
    Typescript,
    /// It used something the sandbox does not offer (`fetch`, `require`, another host, ...).
    Forbidden,
    /// It made more API calls than allowed.
    TooManyCalls,
    /// Its result was longer than the output cap and was cut.
    OutputTruncated,
    /// It threw (or returned a value that cannot be turned into JSON).
    Runtime,
    /// The worker process died for another reason.
    Crash,
    /// The harness could not run it (bad setup, not the code's fault).
    Internal,
}

impl ErrorKind {
    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Timeout => "timeout",
            Self::Memory => "memory",
            Self::Recursion => "recursion",
            Self::LoopLimit => "loop_limit",
            Self::Syntax => "syntax",
            Self::Typescript => "typescript",
            Self::Forbidden => "forbidden",
            Self::TooManyCalls => "too_many_calls",
            Self::OutputTruncated => "output_truncated",
            Self::Runtime => "runtime",
            Self::Crash => "crash",
            Self::Internal => "internal",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A typed error an episode records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SandboxError {
    /// What kind of failure.
    pub kind: ErrorKind,
    /// A message written for the model.
    pub message: String,
}

impl SandboxError {
    /// An error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for SandboxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}

/// What one snippet run produced: `{result, logs, error}` plus counters.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Outcome {
    /// The returned value as JSON (`null` when nothing was returned); a string holding the
    /// first `max_output_chars` characters of the JSON when the result was cut.
    pub result: Value,
    /// Captured console output, one entry per call (`[warn] ...` for non-`log` levels).
    pub logs: Vec<String>,
    /// Why the run did not end cleanly, if it did not.
    pub error: Option<SandboxError>,
    /// API calls made.
    #[serde(default)]
    pub api_calls: usize,
    /// Wall-clock time of the run, in milliseconds.
    #[serde(default)]
    pub elapsed_ms: f64,
    /// Every API request the code started, in start order (not shown to the model).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trace: Vec<TracedRequest>,
}

/// One API request a run started, for tracing reference solutions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TracedRequest {
    /// Which synchronous stretch of the code started it: requests started between the same
    /// two awaits share a segment (they were issued together, e.g. under `Promise.all`).
    /// It is the request's causal depth: 1 for requests the code's synchronous start made,
    /// one more than the request whose response led to it otherwise, so the same code gives
    /// the same segments however concurrent responses interleave.
    pub segment: u64,
    /// Causal key: sorting by (segment, key) orders requests the same way on every run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key: Vec<u32>,
    /// Upper-case method.
    pub method: String,
    /// Path relative to the API.
    pub path: String,
    /// Query pairs in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query: Vec<(String, String)>,
    /// Extra headers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<(String, String)>,
    /// JSON body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
    /// Response status (0 when the request failed before an answer).
    pub status: u16,
}

impl Outcome {
    /// An outcome holding only an error.
    pub fn failed(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            error: Some(SandboxError::new(kind, message)),
            ..Self::default()
        }
    }

    /// The tool result shown to the model: compact `{"result", "logs", "error"}` JSON.
    pub fn for_model(&self) -> String {
        let v = serde_json::json!({ "result": self.result, "logs": self.logs, "error": self.error });
        v.to_string()
    }

    /// The error kind, if any.
    pub fn error_kind(&self) -> Option<ErrorKind> {
        self.error.as_ref().map(|e| e.kind)
    }
}

/// Cuts the JSON of `result` at `max_chars` characters, reporting the cut in `error`.
pub fn cap_result(outcome: &mut Outcome, max_chars: usize) {
    if outcome.result.is_null() {
        return;
    }
    let text = outcome.result.to_string();
    let total = text.chars().count();
    if total <= max_chars {
        return;
    }
    let cut: String = text.chars().take(max_chars).collect();
    outcome.result = Value::String(cut);
    if outcome.error.is_none() {
        outcome.error = Some(SandboxError::new(
            ErrorKind::OutputTruncated,
            format!(
                "the result was {total} characters of JSON; only the first {max_chars} are returned, \
                 as a string (the JSON is incomplete). Return less: filter, pick fields or paginate."
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn short_results_are_untouched() {
        let mut o = Outcome {
            result: json!({"a": 1}),
            ..Outcome::default()
        };
        cap_result(&mut o, 100);
        assert_eq!(o.result, json!({"a": 1}));
        assert!(o.error.is_none());
    }

    #[test]
    fn long_results_become_a_reported_string() {
        let mut o = Outcome {
            result: json!(vec!["é"; 100]),
            ..Outcome::default()
        };
        cap_result(&mut o, 50);
        let s = o.result.as_str().unwrap();
        assert_eq!(s.chars().count(), 50);
        assert_eq!(o.error_kind(), Some(ErrorKind::OutputTruncated));
        assert!(o.error.unwrap().message.contains("401 characters"));
    }

    #[test]
    fn model_view_has_result_logs_and_error_only() {
        let mut o = Outcome::failed(ErrorKind::Timeout, "slow");
        o.logs.push("a".into());
        o.api_calls = 3;
        let v: Value = serde_json::from_str(&o.for_model()).unwrap();
        assert_eq!(
            v,
            json!({"result": null, "logs": ["a"], "error": {"kind": "timeout", "message": "slow"}})
        );
    }

    #[test]
    fn outcome_round_trips_as_json() {
        let o = Outcome::failed(ErrorKind::TooManyCalls, "x");
        let text = serde_json::to_string(&o).unwrap();
        assert!(text.contains("\"too_many_calls\""));
        assert_eq!(serde_json::from_str::<Outcome>(&text).unwrap(), o);
    }
}
