//! `tool-search`: progressive discovery. `search_tools` calls load matching json-tools
//! definitions into the session; loaded tools run exactly as in `json-tools`.

use super::json_tools::{operations_by_tool_name, run_call};
use super::{CallOutcome, CallsFuture, Env, Pipeline, Prompt, Session};
use crate::model::ToolCall;
use crate::sandbox::host::TypedOp;
use crate::spec::Spec;
use crate::surface::tool_search::{DEFAULT_LIMIT, MAX_LIMIT, ToolIndex, ToolSearch};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

/// The tool-search pipeline of one world.
pub struct ToolSearchPipeline {
    spec: Arc<Spec>,
    index: ToolIndex,
    search_tool: Value,
    ops: HashMap<String, TypedOp>,
}

impl ToolSearchPipeline {
    /// Indexes the world's operations once.
    pub fn new(spec: Arc<Spec>) -> Self {
        Self {
            index: ToolIndex::new(&spec),
            search_tool: ToolSearch::search_tool(&spec),
            ops: operations_by_tool_name(&spec),
            spec,
        }
    }
}

struct SearchSession<'p> {
    p: &'p ToolSearchPipeline,
    loaded: Vec<usize>,
    tools_json: String,
}

impl SearchSession<'_> {
    fn rebuild(&mut self) {
        let mut tools = vec![self.p.search_tool.clone()];
        tools.extend(self.p.index.definitions(&self.p.spec, &self.loaded));
        self.tools_json = Value::Array(tools).to_string();
    }

    fn search(&mut self, c: &ToolCall) -> CallOutcome {
        let args = match c.parse_arguments() {
            Ok(a) => a,
            Err(m) => return CallOutcome::failed("model:malformed_arguments", m),
        };
        let Some(query) = args
            .get("query")
            .and_then(Value::as_str)
            .filter(|q| !q.trim().is_empty())
        else {
            return CallOutcome::failed("model:bad_arguments", "search_tools needs a non-empty string `query`");
        };
        let limit = args
            .get("limit")
            .and_then(Value::as_u64)
            .map(|l| l as usize)
            .unwrap_or(DEFAULT_LIMIT)
            .clamp(1, MAX_LIMIT);
        let found = self.p.index.search(query, limit);
        for &i in &found {
            if !self.loaded.contains(&i) {
                self.loaded.push(i);
            }
        }
        self.rebuild();
        let defs = self.p.index.definitions(&self.p.spec, &found);
        CallOutcome {
            content: json!({ "tools": defs, "note": "these tools are now callable" }).to_string(),
            ..CallOutcome::default()
        }
    }
}

impl Session for SearchSession<'_> {
    fn tools_json(&self) -> &str {
        &self.tools_json
    }

    fn run<'a>(&'a mut self, env: Env<'a>, calls: &'a [ToolCall]) -> CallsFuture<'a> {
        Box::pin(async move {
            // Searches change what is callable, so they run first, in order; the other calls
            // of the turn then run concurrently against the tools loaded before the turn.
            let loaded_before: Vec<String> = self
                .loaded
                .iter()
                .map(|&i| self.p.index.tool_name(i).to_string())
                .collect();
            let mut out: Vec<Option<CallOutcome>> = vec![None; calls.len()];
            for (i, c) in calls.iter().enumerate() {
                if c.name == "search_tools" {
                    out[i] = Some(self.search(c));
                }
            }
            let ops = &self.p.ops;
            let pending = calls
                .iter()
                .enumerate()
                .filter(|(_, c)| c.name != "search_tools")
                .map(|(i, c)| {
                    let loaded = loaded_before.contains(&c.name);
                    async move {
                        let r = if loaded {
                            run_call(ops, env, c).await
                        } else if ops.contains_key(&c.name) {
                            CallOutcome::failed(
                                "model:undiscovered_tool",
                                format!("tool {:?} is not loaded yet: find it with search_tools first", c.name),
                            )
                        } else {
                            CallOutcome::failed("model:unknown_tool", format!("there is no tool named {:?}", c.name))
                        };
                        (i, r)
                    }
                });
            for (i, r) in futures::future::join_all(pending).await {
                out[i] = Some(r);
            }
            out.into_iter().map(Option::unwrap_or_default).collect()
        })
    }
}

impl Pipeline for ToolSearchPipeline {
    fn name(&self) -> &'static str {
        "tool-search"
    }

    fn prompt(&self) -> Prompt {
        Prompt::for_pipeline("tool-search").expect("tool-search has a prompt")
    }

    fn needs_sandbox(&self) -> bool {
        false
    }

    fn session(&self) -> Box<dyn Session + '_> {
        let mut s = SearchSession {
            p: self,
            loaded: Vec::new(),
            tools_json: String::new(),
        };
        s.rebuild();
        Box::new(s)
    }
}
