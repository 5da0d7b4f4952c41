//! `openai:<model>`: any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, llama.cpp
//! server, Ollama, OpenRouter), through async-openai with bring-your-own JSON types so that
//! every provider's variations of the response parse.
//!
//! Retries with exponential backoff on 429, 5xx, timeouts and connection errors are done
//! here, so each one is counted as an infrastructure event in the reply rather than hidden:
//! the client is given async-openai's plain transport service, without the retry layer its
//! default client wraps around every request.

use super::cassette::{Entry, RecordedError, Recorder, ReplayModel, canonical_request, key};
use super::{ChatMessage, Model, ModelError, ModelFuture, ModelReply, ModelRequest, ProviderUsage};
use async_openai::Client;
use async_openai::config::OpenAIConfig;
use async_openai::error::OpenAIError;
use async_openai::middleware::ReqwestService;
use serde_json::Value;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// OpenAI's own endpoint, used when no base URL is given.
pub const DEFAULT_BASE_URL: &str = "https://api.openai.com/v1";

/// How an [`OpenAiModel`] is reached and how hard it retries.
#[derive(Debug, Clone)]
pub struct OpenAiConfig {
    /// The model id sent in requests (`gpt-4o-mini`, `qwen2.5-coder`).
    pub model: String,
    /// Base URL up to and including `/v1`.
    pub base_url: String,
    /// Name of the environment variable holding the API key.
    pub api_key_env: String,
    /// Per-attempt timeout.
    pub timeout: Duration,
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// First backoff delay; doubled after each retry.
    pub backoff: Duration,
}

impl OpenAiConfig {
    /// Defaults for `model` at OpenAI.
    pub fn new(model: impl Into<String>) -> Self {
        Self {
            model: model.into(),
            base_url: DEFAULT_BASE_URL.into(),
            api_key_env: "OPENAI_API_KEY".into(),
            timeout: Duration::from_secs(600),
            max_retries: 4,
            backoff: Duration::from_secs(1),
        }
    }
}

/// A model behind an OpenAI-compatible endpoint.
pub struct OpenAiModel {
    config: OpenAiConfig,
    client: Client<OpenAIConfig>,
    recorder: Option<Arc<Recorder>>,
    prior: Option<ReplayModel>,
}

impl std::fmt::Debug for OpenAiModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenAiModel").field("config", &self.config).finish()
    }
}

impl OpenAiModel {
    /// Builds the client. The key comes from `config.api_key_env`; it may be unset only for a
    /// non-OpenAI base URL (local servers usually need none).
    pub fn new(config: OpenAiConfig, recorder: Option<Arc<Recorder>>) -> Result<Self, ModelError> {
        let key = std::env::var(&config.api_key_env).ok().filter(|k| !k.is_empty());
        if key.is_none() && config.base_url.starts_with(DEFAULT_BASE_URL) {
            return Err(ModelError::Config(format!(
                "set {} to an API key for {} (or pass --base-url for another server)",
                config.api_key_env, config.base_url
            )));
        }
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .build()
            .map_err(|e| ModelError::Config(format!("HTTP client: {e}")))?;
        let oa = OpenAIConfig::new()
            .with_api_base(config.base_url.trim_end_matches('/'))
            .with_api_key(key.unwrap_or_else(|| "no-key".into()));
        Ok(Self {
            client: Client::with_config(oa).with_http_service(ReqwestService::new(http)),
            config,
            recorder,
            prior: None,
        })
    }

    /// Answers requests that `cassette` already holds from it instead of calling the
    /// endpoint, so that recording into an existing cassette continues an interrupted
    /// recording: episodes recorded before replay, the rest go live and are appended.
    /// The cassette must hold calls of this model.
    pub fn with_prior(mut self, cassette: ReplayModel) -> Result<Self, ModelError> {
        if cassette.name() != self.name() {
            return Err(ModelError::Config(format!(
                "the cassette being recorded into holds calls of {}, not {}: record into another file",
                cassette.name(),
                self.name()
            )));
        }
        self.prior = Some(cassette);
        Ok(self)
    }

    async fn call_once(&self, body: &Value) -> Result<Value, OpenAIError> {
        self.client.chat().create_byot::<&Value, Value>(body).await
    }
}

/// What to do with a failed attempt.
enum Failure {
    Retry(String),
    Fatal(ModelError),
}

/// Whether a provider's error says the request exceeds the model's context window
/// (OpenAI's `context_length_exceeded`, llama.cpp's `exceed_context_size_error`, and the
/// phrases other servers use).
fn is_context_overflow(code: &str, kind: &str, message: &str) -> bool {
    let lower = message.to_lowercase();
    code == "context_length_exceeded"
        || kind == "exceed_context_size_error"
        || lower.contains("context length")
        || lower.contains("maximum context")
        || lower.contains("context window")
        || lower.contains("exceeds the available context")
}

/// The failure of an error answer with this status, code, type and message.
fn api_failure(status: Option<u16>, code: &str, kind: &str, message: &str) -> Failure {
    let label = status
        .map(|s| format!("HTTP {s}"))
        .unwrap_or_else(|| "provider error".into());
    if status.is_some_and(|s| s == 429 || s >= 500) {
        Failure::Retry(format!("{label}: {message}"))
    } else if is_context_overflow(code, kind, message) {
        Failure::Fatal(ModelError::ContextOverflow(format!("{label}: {message}")))
    } else {
        Failure::Fatal(ModelError::Infrastructure {
            message: format!("{label}: {message}"),
            attempts: 1,
        })
    }
}

fn classify(e: OpenAIError) -> Failure {
    match e {
        OpenAIError::Reqwest(e) => Failure::Retry(format!("transport: {e}")),
        OpenAIError::ApiError(api) => api_failure(
            Some(api.status_code.as_u16()),
            api.api_error.code.as_deref().unwrap_or_default(),
            api.api_error.r#type.as_deref().unwrap_or_default(),
            &api.api_error.message,
        ),
        OpenAIError::JSONDeserialize(e, body) => {
            // An error answer in a server's own shape that async-openai cannot read as an API
            // error (llama.cpp's server sends `code` as the HTTP status number).
            let error = serde_json::from_str::<Value>(&body)
                .ok()
                .and_then(|v| v.get("error").cloned())
                .filter(|e| e.get("message").is_some_and(Value::is_string));
            match error {
                Some(err) => {
                    let text = |k: &str| match &err[k] {
                        Value::String(s) => s.clone(),
                        Value::Number(n) => n.to_string(),
                        _ => String::new(),
                    };
                    let status = err["code"].as_u64().and_then(|c| u16::try_from(c).ok());
                    api_failure(status, &text("code"), &text("type"), &text("message"))
                }
                None => Failure::Fatal(ModelError::Malformed(format!(
                    "response is not a chat completion ({e}): {}",
                    body.chars().take(200).collect::<String>()
                ))),
            }
        }
        other => Failure::Fatal(ModelError::Infrastructure {
            message: other.to_string(),
            attempts: 1,
        }),
    }
}

/// Reads the assistant message, usage and finish reason from a chat-completions response.
/// A reply cut off by the token cap comes back as it is, with `finish_reason: "length"`:
/// the episode records what was written and ends it as `token_cap`.
pub fn parse_completion(raw: &Value) -> Result<(ChatMessage, Option<ProviderUsage>, Option<String>), ModelError> {
    let choice = raw
        .get("choices")
        .and_then(Value::as_array)
        .and_then(|c| c.first())
        .ok_or_else(|| ModelError::Malformed(format!("no choices in response: {}", truncate(raw))))?;
    let message = choice
        .get("message")
        .ok_or_else(|| ModelError::Malformed(format!("choice has no message: {}", truncate(raw))))?;
    let message = ChatMessage::from_wire_assistant(message).map_err(ModelError::Malformed)?;
    let usage = raw.get("usage").and_then(ProviderUsage::from_wire);
    let finish = choice.get("finish_reason").and_then(Value::as_str).map(str::to_string);
    Ok((message, usage, finish))
}

fn truncate(v: &Value) -> String {
    v.to_string().chars().take(200).collect()
}

impl Model for OpenAiModel {
    fn name(&self) -> String {
        format!("openai:{}", self.config.model)
    }

    fn complete<'a>(&'a self, request: &'a ModelRequest<'a>) -> ModelFuture<'a> {
        Box::pin(async move {
            if let Some(prior) = &self.prior
                && prior.check(request).is_ok()
            {
                return prior.complete(request).await;
            }
            let body = request.to_wire(&self.config.model);
            let started = Instant::now();
            let mut retries = 0;
            let mut delay = self.config.backoff;
            let outcome = loop {
                match self.call_once(&body).await {
                    Ok(raw) => break Ok(raw),
                    Err(e) => match classify(e) {
                        Failure::Retry(_) if retries < self.config.max_retries => {
                            retries += 1;
                            tokio::time::sleep(delay).await;
                            delay = delay.saturating_mul(2);
                        }
                        Failure::Retry(message) => {
                            break Err(ModelError::Infrastructure {
                                message,
                                attempts: retries + 1,
                            });
                        }
                        Failure::Fatal(ModelError::Infrastructure { message, .. }) => {
                            break Err(ModelError::Infrastructure {
                                message,
                                attempts: retries + 1,
                            });
                        }
                        Failure::Fatal(e) => break Err(e),
                    },
                }
            };
            let latency = started.elapsed();
            // Failures are recorded too, so a replay meets the same overflow or outage.
            if let Some(rec) = &self.recorder {
                let canonical = canonical_request(request, &self.config.model);
                let (response, error) = match &outcome {
                    Ok(raw) => (raw.clone(), None),
                    Err(e) => (Value::Null, RecordedError::from_error(e)),
                };
                if response != Value::Null || error.is_some() {
                    rec.record(&Entry {
                        key: key(&canonical, request.trial),
                        trial: request.trial,
                        model: self.name(),
                        request: canonical,
                        response,
                        error,
                        latency_ms: latency.as_secs_f64() * 1e3,
                        retries,
                    })?;
                }
            }
            let raw = outcome?;
            let (message, usage, finish_reason) = parse_completion(&raw)?;
            Ok(ModelReply {
                message,
                usage,
                finish_reason,
                latency,
                retries,
                raw,
            })
        })
    }
}
