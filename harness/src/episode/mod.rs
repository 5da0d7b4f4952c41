//! One episode: a task run through a pipeline with a model against a fresh mock world,
//! producing one [`Record`] and nothing else.
//!
//! The loop: count the request's input (static prefix once, then each appended message),
//! ask the model, stop on a final answer, else run the turn's tool calls through the
//! pipeline session, feed the results back, repeat up to the turn cap. At the end the task's
//! checks run on the mock's start and end states.
//!
//! Latency per turn is split into model time (the call's wall time, or the profile's
//! estimate for models without one), API time (the mock's server + injected time of the
//! turn's requests, capped at the tool phase's wall time since calls overlap), sandbox time
//! (the rest of the tool phase for code pipelines) and harness time (everything else).
//!
//! The mock episode's virtual clock (rate-limit windows, `Date.now()` in the sandbox) moves
//! forward by each turn's model time: the measured latency of a live model, the recorded
//! latency of a replayed one, the profile's estimate for the oracle. Requests and sandbox
//! waits move it on the mock's side. The record keeps the clock (`virtual_ms`), so the same
//! task, pipeline, model or cassette and seed give the same clock on every run.

pub mod failure;

use crate::mock;
use crate::model::profile::Profile;
use crate::model::{ChatMessage, Model, ModelError, ModelRequest, SamplingParams};
use crate::pipeline::{Env, Pipeline};
use crate::record::{ApiTraffic, CallStatus, LatencySplit, Record, SCHEMA_VERSION, Termination, ToolCallRecord, Turn};
use crate::sandbox::Sandbox;
use crate::task::{self, Task};
use crate::tokens::{Conversation, Encoding, MessageKind, PrefixCache, count_message};
use std::time::{Duration, Instant};

/// Settings shared by the episodes of a run.
#[derive(Debug, Clone)]
pub struct EpisodeConfig {
    /// Run id records carry.
    pub run_id: String,
    /// Tokenizer for the harness's counts.
    pub encoding: Encoding,
    /// Turn cap when the task sets none.
    pub max_turns: u32,
    /// Sampling options.
    pub params: SamplingParams,
    /// Model profile, for estimated model time when the model reports no wall time.
    pub profile: Option<Profile>,
}

impl Default for EpisodeConfig {
    fn default() -> Self {
        Self {
            run_id: "adhoc".into(),
            encoding: Encoding::O200kBase,
            max_turns: 12,
            params: SamplingParams::default(),
            profile: None,
        }
    }
}

/// Everything one episode runs with.
pub struct EpisodeInput<'a> {
    /// The task.
    pub task: &'a Task,
    /// The API's title, for the system prompt.
    pub api_title: &'a str,
    /// The pipeline, built for the task's world.
    pub pipeline: &'a dyn Pipeline,
    /// The model.
    pub model: &'a dyn Model,
    /// A fresh mock episode of the task's world.
    pub mock: &'a mock::Episode,
    /// The world's sandbox, for code pipelines.
    pub sandbox: Option<&'a Sandbox>,
    /// HTTP client for json-tools calls.
    pub http: &'a reqwest::Client,
    /// Trial index.
    pub trial: u32,
    /// Seed of the world and faults.
    pub seed: u64,
    /// Shared static-prefix token cache.
    pub prefix_cache: &'a PrefixCache,
    /// Run settings.
    pub config: &'a EpisodeConfig,
}

fn traffic(entries: &[mock::LogEntry]) -> (ApiTraffic, f64) {
    let mut t = ApiTraffic::default();
    let mut ms = 0.0;
    for e in entries {
        t.calls += 1;
        if e.read {
            t.reads += 1;
        } else {
            t.writes += 1;
        }
        t.bytes_out += e.bytes_in as u64;
        t.bytes_in += e.bytes_out as u64;
        if e.operation_id.is_none() && e.fault.is_none() {
            t.unrouted += 1;
        }
        ms += (e.server_us + e.injected_us) as f64 / 1e3;
    }
    (t, ms)
}

fn add(a: &mut ApiTraffic, b: &ApiTraffic) {
    a.calls += b.calls;
    a.reads += b.reads;
    a.writes += b.writes;
    a.bytes_out += b.bytes_out;
    a.bytes_in += b.bytes_in;
    a.unrouted += b.unrouted;
}

fn add_latency(a: &mut LatencySplit, b: &LatencySplit) {
    a.model += b.model;
    a.sandbox += b.sandbox;
    a.api += b.api;
    a.harness += b.harness;
}

/// The system prompt, the opening messages and the tools of an episode: the first request
/// its model receives (a replayed run checks its cassette holds it before starting).
pub fn opening(task: &Task, pipeline: &dyn Pipeline, api_title: &str) -> (Vec<ChatMessage>, String) {
    let system = pipeline.prompt().render(api_title);
    let session = pipeline.session();
    (
        vec![ChatMessage::system(system), ChatMessage::user(task.prompt.clone())],
        session.tools_json().to_string(),
    )
}

/// Whether the harness keeps the episode's opening request back because it exceeds the
/// profile's context window (the model is then never called).
pub fn opening_kept_back(task: &Task, pipeline: &dyn Pipeline, api_title: &str, config: &EpisodeConfig) -> bool {
    let Some(profile) = &config.profile else {
        return false;
    };
    let (messages, tools_json) = opening(task, pipeline, api_title);
    let prefix = PrefixCache::new().get_or_count(config.encoding, "opening", &messages[0].content, &tools_json);
    let mut conversation = Conversation::new(config.encoding, prefix);
    conversation.push(MessageKind::User, &task.prompt, None, &[]);
    conversation.next_input().total() as u64 > profile.context_window
}

/// How a failed model call is recorded: the turn's status and the episode's termination.
fn failed_call(e: &ModelError) -> (CallStatus, Termination, u32) {
    match e {
        ModelError::ContextOverflow(_) => (CallStatus::ContextOverflow, Termination::ContextOverflow, 0),
        ModelError::Malformed(_) => (CallStatus::MalformedReply, Termination::ModelError, 0),
        ModelError::Infrastructure { attempts, .. } => (
            CallStatus::InfrastructureError,
            Termination::InfrastructureError,
            attempts.saturating_sub(1),
        ),
        ModelError::CassetteMiss(_) => (CallStatus::CassetteMiss, Termination::CassetteMiss, 0),
        ModelError::Config(_) => (CallStatus::InfrastructureError, Termination::InfrastructureError, 0),
    }
}

/// Why a reply was cut off, with what it had written (tool calls included).
fn cut_off_reason(msg: &ChatMessage, cap: Option<u32>, usage: Option<crate::model::ProviderUsage>) -> String {
    let mut s = String::from("reply cut off by the output cap");
    if let Some(c) = cap {
        s.push_str(&format!(" (max_tokens {c})"));
    }
    if let Some(u) = usage {
        s.push_str(&format!(" after {} completion tokens", u.completion_tokens));
    }
    if !msg.tool_calls.is_empty() {
        let calls: Vec<String> = msg
            .tool_calls
            .iter()
            .map(|c| format!("{}({})", c.name, c.arguments.chars().take(200).collect::<String>()))
            .collect();
        s.push_str(&format!("; unfinished tool calls, not run: {}", calls.join(" ")));
    }
    s
}

/// Runs one episode to its record.
///
/// Every model call is a turn of the record, whatever became of it: a reply cut off by the
/// output cap (its text and tokens counted, its tool calls not run), a request refused for
/// context overflow or kept back because it exceeds the profile's window (counted as what
/// would have been sent), a malformed reply, a provider failure after retries, a cassette
/// miss. The turn's `status` says which; the episode ends there.
pub async fn run(input: EpisodeInput<'_>) -> Record {
    let EpisodeInput {
        task,
        pipeline,
        model,
        config,
        ..
    } = input;
    let enc = config.encoding;
    let prompt = pipeline.prompt();
    let system = prompt.render(input.api_title);
    let start_state = input.mock.start_snapshot().state;
    let mut session = pipeline.session();
    let env = Env {
        base_url: input.mock.base_url(),
        http: input.http,
        sandbox: input.sandbox,
    };
    let prefix_key = format!("{}|{}|{}", task.world, pipeline.name(), prompt.hash());
    let prefix = input
        .prefix_cache
        .get_or_count(enc, &prefix_key, &system, session.tools_json());
    let mut conversation = Conversation::new(enc, prefix);
    let mut messages = vec![ChatMessage::system(system), ChatMessage::user(task.prompt.clone())];
    conversation.push(MessageKind::User, &task.prompt, None, &[]);
    let max_turns = task.max_turns.unwrap_or(config.max_turns);
    let mut turns: Vec<Turn> = Vec::new();
    let mut total_latency = LatencySplit::default();
    let mut total_api = ApiTraffic::default();
    let mut answer = String::new();
    let mut termination = Termination::MaxTurns;
    let mut tools_seen = session.tools_json().to_string();

    for index in 0..max_turns {
        let turn_started = Instant::now();
        if session.tools_json() != tools_seen {
            tools_seen = session.tools_json().to_string();
            let key = format!("{prefix_key}|tools:{}", tools_seen.len());
            conversation.set_tool_definitions(input.prefix_cache.get_or_count(enc, &key, "", &tools_seen).tools);
        }
        let input_tokens = conversation.next_input();
        let mut turn = Turn::new(index, input_tokens);
        if let Some(p) = &config.profile
            && input_tokens.total() as u64 > p.context_window
        {
            // Kept back: the request is recorded as what would have been sent.
            turn.status = CallStatus::ContextOverflow;
            turn.sent = false;
            turn.error = Some(format!(
                "not sent: the request's {} input tokens exceed the context window of {} tokens (profile {})",
                input_tokens.total(),
                p.context_window,
                p.name
            ));
            turn.latency_ms.harness = turn_started.elapsed().as_secs_f64() * 1e3;
            add_latency(&mut total_latency, &turn.latency_ms);
            turn.virtual_ms = input.mock.clock().as_millis() as u64;
            turns.push(turn);
            termination = Termination::ContextOverflow;
            break;
        }
        let request = ModelRequest {
            messages: &messages,
            tools_json: session.tools_json(),
            params: &config.params,
            trial: input.trial,
        };
        let call_started = Instant::now();
        let reply = match model.complete(&request).await {
            Ok(r) => r,
            Err(e) => {
                // The failed call is a turn: its input counts, its time is model time, and
                // the episode ends (the virtual clock does not move: nothing was generated).
                let (status, ending, retries) = failed_call(&e);
                turn.status = status;
                turn.retries = retries;
                turn.error = Some(e.to_string());
                let model_wall = call_started.elapsed().as_secs_f64() * 1e3;
                turn.latency_ms = LatencySplit {
                    model: model_wall,
                    harness: (turn_started.elapsed().as_secs_f64() * 1e3 - model_wall).max(0.0),
                    ..LatencySplit::default()
                };
                add_latency(&mut total_latency, &turn.latency_ms);
                turn.virtual_ms = input.mock.clock().as_millis() as u64;
                turns.push(turn);
                termination = ending;
                break;
            }
        };
        let msg = reply.message.clone();
        let output_tokens = count_message(enc, MessageKind::Assistant, &msg.content, None, &msg.tool_call_texts())
            - count_message(enc, MessageKind::Assistant, "", None, &[]);
        conversation.push(MessageKind::Assistant, &msg.content, None, &msg.tool_call_texts());
        messages.push(msg.clone());
        let model_ms = if reply.latency.is_zero() {
            config
                .profile
                .as_ref()
                .map(|p| {
                    let cached = reply.usage.and_then(|u| u.cached_tokens).unwrap_or(0);
                    p.estimated_latency(
                        (input_tokens.total() as u64).saturating_sub(cached),
                        output_tokens as u64,
                    )
                    .as_secs_f64()
                        * 1e3
                })
                .unwrap_or(0.0)
        } else {
            reply.latency.as_secs_f64() * 1e3
        };
        input
            .mock
            .advance(Duration::try_from_secs_f64(model_ms / 1e3).unwrap_or(Duration::ZERO));
        turn.output_tokens = output_tokens;
        turn.cached_tokens = reply.usage.and_then(|u| u.cached_tokens).unwrap_or(0);
        turn.provider_usage = reply.usage;
        turn.prompt_token_delta = reply
            .usage
            .map(|u| u.prompt_tokens as i64 - input_tokens.total() as i64);
        turn.assistant = msg.content.clone();
        turn.retries = reply.retries;
        turn.finish_reason = reply.finish_reason.clone();
        let model_wall = reply.latency.as_secs_f64() * 1e3;
        let cut_off = reply.finish_reason.as_deref() == Some("length");
        if cut_off || msg.tool_calls.is_empty() {
            if cut_off {
                // A half-written reply is not the model's answer, and its calls do not run.
                turn.status = CallStatus::TokenCap;
                turn.error = Some(cut_off_reason(&msg, config.params.max_tokens, reply.usage));
                termination = Termination::TokenCap;
            } else {
                answer = msg.content.clone();
                termination = Termination::Answered;
            }
            let wall = turn_started.elapsed().as_secs_f64() * 1e3;
            turn.latency_ms = LatencySplit {
                model: model_ms,
                harness: (wall - model_wall).max(0.0),
                ..LatencySplit::default()
            };
            add_latency(&mut total_latency, &turn.latency_ms);
            turn.virtual_ms = input.mock.clock().as_millis() as u64;
            turns.push(turn);
            break;
        }
        let log_before = input.mock.log().len();
        let tools_started = Instant::now();
        let outcomes = session.run(env, &msg.tool_calls).await;
        let tools_wall = tools_started.elapsed().as_secs_f64() * 1e3;
        let log = input.mock.log();
        let (api, api_server_ms) = traffic(&log[log_before.min(log.len())..]);
        let api_ms = api_server_ms.min(tools_wall);
        let sandbox_ms = if pipeline.needs_sandbox() {
            tools_wall - api_ms
        } else {
            0.0
        };
        for (call, outcome) in msg.tool_calls.iter().zip(&outcomes) {
            let result_tokens = conversation.push(MessageKind::ToolResult, &outcome.content, None, &[]);
            messages.push(ChatMessage::tool_result(call.id.clone(), outcome.content.clone()));
            turn.tool_calls.push(ToolCallRecord {
                name: call.name.clone(),
                arguments: call.arguments.clone(),
                result: outcome.content.clone(),
                result_tokens,
                error: outcome.error.clone(),
                logs: outcome.logs.clone(),
            });
        }
        let wall = turn_started.elapsed().as_secs_f64() * 1e3;
        turn.latency_ms = LatencySplit {
            model: model_ms,
            sandbox: sandbox_ms,
            api: api_ms,
            harness: (wall - model_wall - tools_wall).max(0.0)
                + if pipeline.needs_sandbox() {
                    0.0
                } else {
                    tools_wall - api_ms
                },
        };
        turn.api = api;
        add(&mut total_api, &api);
        add_latency(&mut total_latency, &turn.latency_ms);
        turn.virtual_ms = input.mock.clock().as_millis() as u64;
        turns.push(turn);
    }

    let end_state = input.mock.snapshot().state;
    let checks = task::evaluate(task, &start_state, &end_state, &answer);
    let success = termination == Termination::Answered && task::check::passed(&checks);
    let failure_class = (!success).then(|| failure::classify(termination, &turns, &checks, &answer));
    Record {
        schema: SCHEMA_VERSION,
        run_id: config.run_id.clone(),
        task: task.id.clone(),
        world: task.world.clone(),
        pattern: task.pattern.name().to_string(),
        difficulty: task.difficulty.name().to_string(),
        pipeline: pipeline.name().to_string(),
        model: model.name(),
        trial: input.trial,
        seed: input.seed,
        success,
        checks,
        termination,
        failure_class,
        answer,
        turns,
        latency_ms: total_latency,
        api: total_api,
        prompt_hash: prompt.hash(),
        virtual_ms: input.mock.clock().as_millis() as u64,
    }
}
