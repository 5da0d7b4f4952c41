//! Model backends: turn messages + tools into an assistant message. One trait, one file each.
//!
//! - [`openai::OpenAiModel`] (`openai:<model>`): any OpenAI-compatible endpoint.
//! - [`cassette::ReplayModel`] (`replay:<cassette>`): answers from a recorded cassette.
//! - [`oracle::OracleModel`] (`oracle`): the ideal agent, planned from a task's reference solution.
//!
//! Every backend reports the provider's usage (when there is one) beside the harness's own
//! tiktoken count, the wall time of the call, and infrastructure retries separately from
//! model errors.

pub mod cassette;
pub mod message;
pub mod openai;
pub mod oracle;
pub mod profile;

pub use message::{ChatMessage, ToolCall};

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// Sampling and calling options sent with every request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SamplingParams {
    /// Temperature (provider default when `None`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f32>,
    /// Seed, for providers that honour it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Cap on generated tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_tokens: Option<u32>,
    /// Whether the model may call several tools in one turn.
    #[serde(default = "yes")]
    pub parallel_tool_calls: bool,
}

fn yes() -> bool {
    true
}

impl Default for SamplingParams {
    fn default() -> Self {
        Self {
            temperature: None,
            seed: None,
            max_tokens: None,
            parallel_tool_calls: true,
        }
    }
}

/// One request to a model.
#[derive(Debug, Clone)]
pub struct ModelRequest<'a> {
    /// The conversation so far.
    pub messages: &'a [ChatMessage],
    /// The compact JSON of the `tools` array (empty string for none), as a surface renders it.
    pub tools_json: &'a str,
    /// Sampling options.
    pub params: &'a SamplingParams,
    /// Trial index, so repeated trials of one request are told apart when recorded.
    pub trial: u32,
}

impl ModelRequest<'_> {
    /// The chat-completions request body for `model` (non-streaming).
    pub fn to_wire(&self, model: &str) -> Value {
        let mut body = json!({
            "model": model,
            "messages": self.messages.iter().map(ChatMessage::to_wire).collect::<Vec<_>>(),
            "stream": false,
        });
        if !self.tools_json.is_empty() && self.tools_json != "[]" {
            body["tools"] = serde_json::from_str(self.tools_json).unwrap_or(Value::Null);
            body["parallel_tool_calls"] = json!(self.params.parallel_tool_calls);
        }
        if let Some(t) = self.params.temperature {
            body["temperature"] = json!(t);
        }
        if let Some(s) = self.params.seed {
            body["seed"] = json!(s);
        }
        if let Some(m) = self.params.max_tokens {
            body["max_tokens"] = json!(m);
        }
        body
    }
}

/// Token usage as the provider reported it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderUsage {
    /// Prompt (input) tokens.
    pub prompt_tokens: u64,
    /// Completion (output) tokens.
    pub completion_tokens: u64,
    /// Prompt tokens served from the provider's prefix cache, when reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cached_tokens: Option<u64>,
    /// Hidden reasoning tokens within the completion, when reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning_tokens: Option<u64>,
}

impl ProviderUsage {
    /// Reads `usage` from a chat-completions response.
    pub fn from_wire(usage: &Value) -> Option<Self> {
        let n = |v: Option<&Value>| v.and_then(Value::as_u64);
        Some(Self {
            prompt_tokens: n(usage.get("prompt_tokens"))?,
            completion_tokens: n(usage.get("completion_tokens")).unwrap_or(0),
            cached_tokens: n(usage.pointer("/prompt_tokens_details/cached_tokens")),
            reasoning_tokens: n(usage.pointer("/completion_tokens_details/reasoning_tokens")),
        })
    }
}

/// What a model answered.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelReply {
    /// The assistant message (text and/or tool calls).
    pub message: ChatMessage,
    /// Provider usage, when the backend has one.
    pub usage: Option<ProviderUsage>,
    /// Why generation stopped (`stop`, `tool_calls`, `length`, ...).
    pub finish_reason: Option<String>,
    /// Wall time of the call, retries included.
    pub latency: Duration,
    /// Infrastructure retries (429, 5xx, timeouts) the call needed before it succeeded.
    pub retries: u32,
    /// The provider's raw response body, for cassettes and debugging.
    pub raw: Value,
}

/// Why a model call produced no reply.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ModelError {
    /// The provider or network failed even after retries (an infrastructure event, not the model's fault).
    #[error("infrastructure error after {attempts} attempt(s): {message}")]
    Infrastructure {
        /// What failed last.
        message: String,
        /// How many attempts were made.
        attempts: u32,
    },
    /// The provider answered, but not with a usable assistant message.
    #[error("malformed model response: {0}")]
    Malformed(String),
    /// The request exceeds the model's context window.
    #[error("context overflow: {0}")]
    ContextOverflow(String),
    /// A replayed run asked for a request the cassette does not hold.
    #[error("cassette miss: {0}")]
    CassetteMiss(String),
    /// The backend is misconfigured (missing key, bad URL, unreadable cassette).
    #[error("model configuration: {0}")]
    Config(String),
}

/// A future returned by [`Model::complete`].
pub type ModelFuture<'a> = Pin<Box<dyn Future<Output = Result<ModelReply, ModelError>> + Send + 'a>>;

/// A model backend.
pub trait Model: Send + Sync {
    /// The name records carry (`openai:gpt-4o-mini`, `replay:run.cassette.jsonl`).
    fn name(&self) -> String;
    /// Produces the next assistant message.
    fn complete<'a>(&'a self, request: &'a ModelRequest<'a>) -> ModelFuture<'a>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_wire_shape() {
        let msgs = [ChatMessage::system("s"), ChatMessage::user("u")];
        let params = SamplingParams {
            temperature: Some(0.0),
            seed: Some(7),
            max_tokens: Some(64),
            parallel_tool_calls: false,
        };
        let r = ModelRequest {
            messages: &msgs,
            tools_json: r#"[{"type":"function","function":{"name":"f","parameters":{}}}]"#,
            params: &params,
            trial: 0,
        };
        let w = r.to_wire("m");
        assert_eq!(w["model"], "m");
        assert_eq!(w["messages"][1], json!({"role": "user", "content": "u"}));
        assert_eq!(w["tools"][0]["function"]["name"], "f");
        assert_eq!(w["parallel_tool_calls"], false);
        assert_eq!(
            (w["temperature"].as_f64(), w["seed"].as_u64(), w["max_tokens"].as_u64()),
            (Some(0.0), Some(7), Some(64))
        );
        let no_tools = ModelRequest { tools_json: "", ..r };
        assert!(no_tools.to_wire("m").get("parallel_tool_calls").is_none());
    }

    #[test]
    fn usage_with_details() {
        let u = ProviderUsage::from_wire(
            &json!({"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120,
            "prompt_tokens_details": {"cached_tokens": 64}, "completion_tokens_details": {"reasoning_tokens": 5}}),
        )
        .unwrap();
        assert_eq!(
            u,
            ProviderUsage {
                prompt_tokens: 100,
                completion_tokens: 20,
                cached_tokens: Some(64),
                reasoning_tokens: Some(5)
            }
        );
        assert_eq!(ProviderUsage::from_wire(&json!({})), None);
    }
}
