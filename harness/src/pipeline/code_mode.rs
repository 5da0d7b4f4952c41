//! `code-mode` (`search` + `execute`) and `code-mode-typed` (one typed `execute`): tool
//! calls are JavaScript run in the world's sandbox against the episode's API.

use super::{CallOutcome, CallsFuture, Env, Pipeline, Prompt, Session};
use crate::model::ToolCall;
use crate::sandbox::Outcome;
use crate::spec::Spec;
use crate::surface::{CodeMode, CodeModeTyped, Rendered};
use serde_json::Value;
use std::sync::Arc;

/// A code pipeline of one world.
pub struct CodeModePipeline {
    typed: bool,
    tools: Rendered,
}

impl CodeModePipeline {
    /// `typed` selects `code-mode-typed`.
    pub fn new(spec: Arc<Spec>, typed: bool) -> Self {
        let tools = if typed {
            Rendered::new(&CodeModeTyped, &spec)
        } else {
            Rendered::new(&CodeMode, &spec)
        };
        Self { typed, tools }
    }
}

fn from_outcome(o: &Outcome) -> CallOutcome {
    CallOutcome {
        content: o.for_model(),
        error: o.error_kind().map(|k| {
            format!(
                "sandbox:{}",
                serde_json::to_value(k)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_else(|| format!("{k:?}"))
            )
        }),
        logs: o.logs.clone(),
        api_calls: o.api_calls as u64,
        sandbox_ms: o.elapsed_ms,
        api_ms: 0.0,
    }
}

async fn run_call(typed: bool, env: Env<'_>, c: &ToolCall) -> CallOutcome {
    let tool = c.name.as_str();
    if tool != "execute" && (typed || tool != "search") {
        let known = if typed { "execute" } else { "search, execute" };
        return CallOutcome::failed(
            "model:unknown_tool",
            format!("there is no tool named {tool:?} (tools: {known})"),
        );
    }
    let args = match c.parse_arguments() {
        Ok(a) => a,
        Err(m) => return CallOutcome::failed("model:malformed_arguments", m),
    };
    let Some(code) = args.get("code").and_then(Value::as_str) else {
        return CallOutcome::failed("model:bad_arguments", format!("{tool} needs a string argument `code`"));
    };
    let Some(sandbox) = env.sandbox else {
        return CallOutcome::failed("infrastructure:no_sandbox", "the sandbox is not available");
    };
    let outcome = if tool == "search" {
        sandbox.search(code).await
    } else {
        sandbox.execute(code, env.base_url, typed).await
    };
    from_outcome(&outcome)
}

struct CodeSession<'p> {
    p: &'p CodeModePipeline,
}

impl Session for CodeSession<'_> {
    fn tools_json(&self) -> &str {
        &self.p.tools.json
    }

    fn run<'a>(&'a mut self, env: Env<'a>, calls: &'a [ToolCall]) -> CallsFuture<'a> {
        let typed = self.p.typed;
        Box::pin(futures::future::join_all(
            calls.iter().map(move |c| run_call(typed, env, c)),
        ))
    }
}

impl Pipeline for CodeModePipeline {
    fn name(&self) -> &'static str {
        if self.typed { "code-mode-typed" } else { "code-mode" }
    }

    fn prompt(&self) -> Prompt {
        Prompt::for_pipeline(self.name()).expect("code pipelines have prompts")
    }

    fn needs_sandbox(&self) -> bool {
        true
    }

    fn session(&self) -> Box<dyn Session + '_> {
        Box::new(CodeSession { p: self })
    }
}
