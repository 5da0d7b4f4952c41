//! Episode records: the contract between the run engine and reports.
//!
//! One JSON object per episode, one per line of a run's `records.jsonl`, carrying
//! `"schema": SCHEMA_VERSION`. Changes within a major version are additive only; a reader
//! refuses a newer major version with a message saying so. Field meanings are documented
//! on each type and in `harness/RECORDS.md`.

mod io;

pub use io::{RecordWriter, read_records, records_file};

use crate::model::ProviderUsage;
use crate::tokens::InputBreakdown;
use serde::{Deserialize, Serialize};

/// The record schema's major version.
pub const SCHEMA_VERSION: u32 = 1;

/// Why an episode ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Termination {
    /// The model gave a final answer (no more tool calls).
    Answered,
    /// The turn cap was reached.
    MaxTurns,
    /// The conversation outgrew the model's context window.
    ContextOverflow,
    /// The sandbox failed in a way the episode could not continue past.
    SandboxError,
    /// The model produced something unusable (a malformed response).
    ModelError,
    /// The model's reply was cut off by the output cap (`max_tokens`, `finish_reason: "length"`).
    TokenCap,
    /// The provider or network failed after retries (not the model's doing).
    InfrastructureError,
    /// A replayed run asked for a request its cassette does not hold (not a measurement).
    CassetteMiss,
}

impl Termination {
    /// True for endings caused by the harness's surroundings (provider, network, cassette)
    /// rather than by the model or the pipeline: such an episode is not a measurement.
    pub fn is_infrastructure(self) -> bool {
        matches!(self, Self::InfrastructureError | Self::CassetteMiss)
    }
}

/// The first cause a failed episode is attributed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureClass {
    /// TypeScript syntax in code that must be JavaScript.
    TsInJs,
    /// A call to a tool or function that does not exist.
    InventedFunction,
    /// A request to a path or method the API does not have.
    WrongEndpoint,
    /// Arguments the API or tool rejected (validation errors, malformed JSON).
    BadArguments,
    /// An exception thrown by the model's code.
    RuntimeException,
    /// Code that ran past its time limit.
    Timeout,
    /// Output cut at the size limit, losing what the model needed.
    TruncatedOutput,
    /// Tool-call arguments that are not valid JSON (or not an object).
    MalformedToolCall,
    /// An API error the model left unhandled that is neither a wrong endpoint nor bad arguments.
    ApiError,
    /// The conversation outgrew the model's context window.
    ContextOverflow,
    /// The model's reply was cut off by the output cap.
    TokenCap,
    /// The provider answered with something that is not an assistant message.
    MalformedReply,
    /// The turn cap was reached with no call error to blame.
    TurnCap,
    /// The task was done, but the model also wrote outside what the task allows.
    CollateralDamage,
    /// The end state or answer is wrong although nothing above happened.
    WrongAnswer,
    /// The provider or network failed (not the model's doing; not a measurement).
    InfrastructureError,
    /// The cassette of a replayed run lacks a request (not a measurement).
    CassetteMiss,
}

/// Wall time split by where it was spent, in milliseconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct LatencySplit {
    /// Waiting for the model (measured, or estimated from the profile for the oracle).
    pub model: f64,
    /// Running code in the sandbox, API time excluded.
    pub sandbox: f64,
    /// Waiting for the mock API.
    pub api: f64,
    /// Everything else the harness did (counting, bookkeeping).
    pub harness: f64,
}

impl LatencySplit {
    /// Sum of the parts.
    pub fn total(&self) -> f64 {
        self.model + self.sandbox + self.api + self.harness
    }
}

/// API traffic of a turn or an episode.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiTraffic {
    /// Requests made.
    pub calls: u64,
    /// Of which reads (GET, HEAD, ...).
    pub reads: u64,
    /// Of which writes.
    pub writes: u64,
    /// Bytes sent to the API.
    pub bytes_out: u64,
    /// Bytes received from the API.
    pub bytes_in: u64,
    /// Requests to a path and method the API does not have (no operation matched): an
    /// invented endpoint, whether a tool call or code inside the sandbox sent it.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub unrouted: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// One tool call of a turn, as executed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolCallRecord {
    /// Tool name.
    pub name: String,
    /// Arguments as the model wrote them.
    pub arguments: String,
    /// What was fed back to the model.
    pub result: String,
    /// Tokens of the result message.
    pub result_tokens: usize,
    /// Error kind when the call failed (`sandbox:timeout`, `api:422`, `model:malformed_arguments`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Console output of code, when the tool ran code.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub logs: Vec<String>,
}

/// How a turn's model call ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallStatus {
    /// The model replied with a usable message.
    #[default]
    Ok,
    /// The reply was cut off by the output cap; its tool calls (if any) were not run.
    TokenCap,
    /// The request exceeded the context window: refused by the provider, or not sent because
    /// the profile's window was exceeded (`sent: false`). Its input is what would have been sent.
    ContextOverflow,
    /// The provider's answer was not a usable assistant message.
    MalformedReply,
    /// The provider or network failed after the retries counted in `retries`.
    InfrastructureError,
    /// The request was not in the replayed cassette.
    CassetteMiss,
}

impl CallStatus {
    /// True for the default, so records of successful calls stay as they were.
    pub fn is_ok(&self) -> bool {
        *self == Self::Ok
    }

    /// Whether a provider bills such a call: answered calls are billed (a cut-off reply
    /// included), refused or failed ones are not.
    pub fn billed(self) -> bool {
        matches!(self, Self::Ok | Self::TokenCap | Self::MalformedReply)
    }
}

fn is_true(b: &bool) -> bool {
    *b
}

fn yes() -> bool {
    true
}

/// One model turn and the tool calls it made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Turn {
    /// 0-based turn index.
    pub index: u32,
    /// Input tokens of the request by source (harness tokenizer).
    pub input: InputBreakdown,
    /// Output tokens of the reply (harness tokenizer).
    pub output_tokens: usize,
    /// Input tokens the provider served from cache (0 when unknown).
    pub cached_tokens: u64,
    /// Usage as the provider reported it, when there is a provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_usage: Option<ProviderUsage>,
    /// Provider prompt tokens minus the harness's count, when both exist.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_token_delta: Option<i64>,
    /// Assistant text of the turn.
    pub assistant: String,
    /// The tool calls, in the order the model made them; they ran as one concurrent batch.
    pub tool_calls: Vec<ToolCallRecord>,
    /// Wall time by component.
    pub latency_ms: LatencySplit,
    /// API traffic caused by this turn.
    pub api: ApiTraffic,
    /// Infrastructure retries of the model call.
    pub retries: u32,
    /// The episode's virtual clock when the turn ended (ms since the episode began).
    #[serde(default)]
    pub virtual_ms: u64,
    /// How the model call ended (`ok` when absent).
    #[serde(default, skip_serializing_if = "CallStatus::is_ok")]
    pub status: CallStatus,
    /// Whether the request reached the model (false only for a request the harness kept
    /// back because it exceeds the profile's context window).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub sent: bool,
    /// Why the provider stopped generating (`stop`, `tool_calls`, `length`), when it said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finish_reason: Option<String>,
    /// The model call's error, for a turn whose call failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl Turn {
    /// A turn whose model call has not answered yet: the input it sends, nothing else.
    pub fn new(index: u32, input: InputBreakdown) -> Self {
        Self {
            index,
            input,
            output_tokens: 0,
            cached_tokens: 0,
            provider_usage: None,
            prompt_token_delta: None,
            assistant: String::new(),
            tool_calls: Vec::new(),
            latency_ms: LatencySplit::default(),
            api: ApiTraffic::default(),
            retries: 0,
            virtual_ms: 0,
            status: CallStatus::Ok,
            sent: true,
            finish_reason: None,
            error: None,
        }
    }
}

/// Outcome of the task's checks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Checks {
    /// End-state checks that passed.
    pub state_passed: u32,
    /// End-state checks that failed, with why.
    pub state_failed: Vec<String>,
    /// Whether the answer check passed (`None` when the task has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_passed: Option<bool>,
    /// Why the answer check failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_error: Option<String>,
    /// Writes outside what the task allows (collateral damage).
    pub collateral: Vec<String>,
}

/// One episode: a task run through a pipeline with a model, against a fresh mock world.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Record schema major version ([`SCHEMA_VERSION`]).
    pub schema: u32,
    /// Run this episode belongs to.
    pub run_id: String,
    /// Task id.
    pub task: String,
    /// World name.
    pub world: String,
    /// Task pattern (single-lookup, pagination, ...).
    pub pattern: String,
    /// Task difficulty.
    pub difficulty: String,
    /// Pipeline name.
    pub pipeline: String,
    /// Model name.
    pub model: String,
    /// Trial index.
    pub trial: u32,
    /// Seed of the mock world and faults.
    pub seed: u64,
    /// Whether every check passed.
    pub success: bool,
    /// The checks in detail.
    pub checks: Checks,
    /// Why the episode ended.
    pub termination: Termination,
    /// First failure cause, for failed episodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_class: Option<FailureClass>,
    /// The model's final answer text.
    pub answer: String,
    /// Every turn.
    pub turns: Vec<Turn>,
    /// Wall time of the whole episode by component.
    pub latency_ms: LatencySplit,
    /// API traffic of the whole episode.
    pub api: ApiTraffic,
    /// SHA-256 of the system prompt template used.
    pub prompt_hash: String,
    /// Virtual time the episode took on the mock's clock, in milliseconds (model time,
    /// request costs, injected latency and waits; deterministic for replayed models).
    #[serde(default)]
    pub virtual_ms: u64,
}

impl Record {
    /// Input tokens summed over turns: every request the episode made or tried to make,
    /// including one refused (or kept back) for exceeding the context window.
    pub fn input_tokens(&self) -> usize {
        self.turns.iter().map(|t| t.input.total()).sum()
    }

    /// Output tokens summed over turns.
    pub fn output_tokens(&self) -> usize {
        self.turns.iter().map(|t| t.output_tokens).sum()
    }

    /// Model round trips: turns whose request reached the model.
    pub fn round_trips(&self) -> usize {
        self.turns.iter().filter(|t| t.sent).count()
    }

    /// The key that identifies an episode within a run (for resume and merge).
    pub fn episode_key(&self) -> String {
        format!("{}|{}|{}|{}", self.task, self.pipeline, self.model, self.trial)
    }
}
