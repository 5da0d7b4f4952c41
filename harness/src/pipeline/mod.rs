//! Pipelines: how one model turn's tool calls reach the API. One trait, one file each.
//!
//! A [`Pipeline`] is built once per world (rendering its tools once, which for a large API
//! is megabytes of JSON) and opens a [`Session`] per episode, which owns what the episode
//! changes (the tools `tool-search` has loaded). A session runs all tool calls of a turn
//! concurrently and returns one [`CallOutcome`] per call, in the calls' order.

pub mod code_mode;
pub mod http;
pub mod json_tools;
pub mod prompt;
pub mod tool_search;

pub use prompt::Prompt;

use crate::model::ToolCall;
use crate::sandbox::Sandbox;
use crate::spec::Spec;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// Names of every pipeline, in report order.
pub const NAMES: [&str; 4] = ["json-tools", "code-mode", "code-mode-typed", "tool-search"];

/// What a session needs from the episode: its API and, for code pipelines, the sandbox.
#[derive(Clone, Copy)]
pub struct Env<'a> {
    /// The episode's API base URL (paths from the spec are appended).
    pub base_url: &'a str,
    /// HTTP client for json-tools calls.
    pub http: &'a reqwest::Client,
    /// The world's sandbox (code pipelines only).
    pub sandbox: Option<&'a Sandbox>,
}

/// The result of one tool call.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CallOutcome {
    /// The tool result fed back to the model.
    pub content: String,
    /// `source:kind` when the call failed (`model:unknown_tool`, `model:malformed_arguments`,
    /// `model:bad_arguments`, `api:404`, `sandbox:timeout`, ...).
    pub error: Option<String>,
    /// Console output of code.
    pub logs: Vec<String>,
    /// API requests the call made.
    pub api_calls: u64,
    /// Wall time spent running code (API time included), in milliseconds.
    pub sandbox_ms: f64,
    /// Wall time of direct API requests (json-tools), in milliseconds.
    pub api_ms: f64,
}

impl CallOutcome {
    /// A failed call whose message is shown to the model.
    pub fn failed(kind: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        Self {
            content: serde_json::json!({ "error": message }).to_string(),
            error: Some(kind.to_string()),
            ..Self::default()
        }
    }
}

/// A future of a turn's call outcomes.
pub type CallsFuture<'a> = Pin<Box<dyn Future<Output = Vec<CallOutcome>> + Send + 'a>>;

/// A pipeline built for one world.
pub trait Pipeline: Send + Sync {
    /// Pipeline name.
    fn name(&self) -> &'static str;
    /// Its system prompt template.
    fn prompt(&self) -> Prompt;
    /// Whether episodes need the world's sandbox.
    fn needs_sandbox(&self) -> bool;
    /// Opens a session for one episode.
    fn session(&self) -> Box<dyn Session + '_>;
}

/// One episode's use of a pipeline.
pub trait Session: Send {
    /// The `tools` JSON of the next request.
    fn tools_json(&self) -> &str;
    /// Runs a turn's tool calls.
    fn run<'a>(&'a mut self, env: Env<'a>, calls: &'a [ToolCall]) -> CallsFuture<'a>;
}

/// Builds the named pipeline for a spec.
pub fn build(name: &str, spec: Arc<Spec>) -> Result<Box<dyn Pipeline>, String> {
    Ok(match name {
        "json-tools" => Box::new(json_tools::JsonToolsPipeline::new(spec)),
        "code-mode" => Box::new(code_mode::CodeModePipeline::new(spec, false)),
        "code-mode-typed" => Box::new(code_mode::CodeModePipeline::new(spec, true)),
        "tool-search" => Box::new(tool_search::ToolSearchPipeline::new(spec)),
        other => return Err(format!("unknown pipeline {other:?} (known: {})", NAMES.join(", "))),
    })
}
