//! `json-tools`: native function calling with one tool per operation. A turn's calls run
//! concurrently; each result is the JSON the API returned (with the status on errors).

use super::http::call;
use super::{CallOutcome, CallsFuture, Env, Pipeline, Prompt, Session};
use crate::model::ToolCall;
use crate::sandbox::host::TypedOp;
use crate::spec::Spec;
use crate::surface::json_tools::Variant;
use crate::surface::{JsonTools, Rendered, names};
use serde_json::json;
use std::collections::HashMap;
use std::sync::Arc;

/// The json-tools pipeline of one world.
pub struct JsonToolsPipeline {
    tools: Rendered,
    ops: HashMap<String, TypedOp>,
}

impl JsonToolsPipeline {
    /// Renders the world's tools once.
    pub fn new(spec: Arc<Spec>) -> Self {
        let tools = Rendered::new(&JsonTools { variant: Variant::Full }, &spec);
        Self {
            tools,
            ops: operations_by_tool_name(&spec),
        }
    }
}

/// Every operation under its json-tools name, with its argument mapping.
pub fn operations_by_tool_name(spec: &Spec) -> HashMap<String, TypedOp> {
    let names = names::tool_names(spec.operations.iter().map(|o| o.operation_id.as_str()));
    names
        .into_iter()
        .zip(&spec.operations)
        .map(|(n, op)| (n, TypedOp::of(op)))
        .collect()
}

/// Runs one json-tools call against the episode's API.
pub async fn run_call(ops: &HashMap<String, TypedOp>, env: Env<'_>, c: &ToolCall) -> CallOutcome {
    let Some(op) = ops.get(&c.name) else {
        return CallOutcome::failed("model:unknown_tool", format!("there is no tool named {:?}", c.name));
    };
    let args = match c.parse_arguments() {
        Ok(a) => a,
        Err(m) => return CallOutcome::failed("model:malformed_arguments", m),
    };
    match call(env.http, env.base_url, &c.name, op, &args).await {
        Err(m) => CallOutcome::failed("model:bad_arguments", m),
        Ok(Err(m)) => CallOutcome::failed("infrastructure:api_unreachable", m),
        Ok(Ok(answer)) => {
            let ok = answer.status < 400;
            CallOutcome {
                content: if ok {
                    answer.body.to_string()
                } else {
                    let mut e = json!({"status": answer.status, "error": answer.body});
                    if let Some(secs) = answer.retry_after {
                        e["retry_after_seconds"] = json!(secs);
                    }
                    e.to_string()
                },
                error: (!ok).then(|| format!("api:{}", answer.status)),
                api_calls: 1,
                api_ms: answer.elapsed.as_secs_f64() * 1e3,
                ..CallOutcome::default()
            }
        }
    }
}

struct JsonToolsSession<'p> {
    p: &'p JsonToolsPipeline,
}

impl Session for JsonToolsSession<'_> {
    fn tools_json(&self) -> &str {
        &self.p.tools.json
    }

    fn run<'a>(&'a mut self, env: Env<'a>, calls: &'a [ToolCall]) -> CallsFuture<'a> {
        let ops = &self.p.ops;
        Box::pin(futures::future::join_all(
            calls.iter().map(move |c| run_call(ops, env, c)),
        ))
    }
}

impl Pipeline for JsonToolsPipeline {
    fn name(&self) -> &'static str {
        "json-tools"
    }

    fn prompt(&self) -> Prompt {
        Prompt::for_pipeline("json-tools").expect("json-tools has a prompt")
    }

    fn needs_sandbox(&self) -> bool {
        false
    }

    fn session(&self) -> Box<dyn Session + '_> {
        Box::new(JsonToolsSession { p: self })
    }
}
