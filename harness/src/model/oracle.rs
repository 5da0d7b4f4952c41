//! `oracle`: the deterministic ideal agent of each pipeline, derived from a task's
//! reference solution. It measures each pipeline's cost floor: fewest round trips, exact
//! tokens, no mistakes.
//!
//! The reference solution is first run once in the sandbox against a fresh world
//! ([`trace`]), recording every API request and its segment, its causal depth: requests
//! the code's start issued are segment 1, and a request issued once a response arrived is
//! one segment after that response's request, so a request belongs to the turn after the
//! responses it awaited and the plan is the same on every run. [`plan`] then writes the turns:
//! - `json-tools`: one turn per segment with its requests as parallel tool calls (one call
//!   per turn when parallel calls are off), then the final answer;
//! - `code-mode`: one `search` returning the operations the solution uses, one `execute`
//!   of the solution, the final answer;
//! - `code-mode-typed`: one `execute` of the solution, the final answer;
//! - `tool-search`: one turn of `search_tools` calls finding every needed tool, then the
//!   json-tools turns.
//!
//! The final answer is the solution's return value (a string as is, anything else as JSON).
//!
//! Rate limits: requests the solution saw answered 429 are left out of the json-tools
//! turns (the solution retried them). When a json-tools call meets a 429 while the oracle
//! plays, the oracle's next turn repeats the rate-limited calls (ids `retry_<n>_<i>`), as a
//! model without a way to sleep would: the turn's model time moves the episode clock on,
//! and the plan resumes once they pass. Code pipelines wait inside the solution itself.

use super::{ChatMessage, Model, ModelError, ModelFuture, ModelReply, ModelRequest, ToolCall};
use crate::sandbox::{Sandbox, TracedRequest};
use crate::spec::{Operation, ParamLocation, Spec};
use crate::surface::json_tools::{ArgTarget, arguments};
use crate::surface::names;
use crate::surface::tool_search::{MAX_LIMIT, ToolIndex};
use crate::tokens::MessageKind;
use serde_json::{Map, Value, json};
use std::time::Duration;

/// What the reference solution did.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    /// Its API requests in causal order: by segment, then causal key (see [`TracedRequest`]).
    pub requests: Vec<TracedRequest>,
    /// Its return value.
    pub result: Value,
}

/// Runs a reference solution in the sandbox against `base_url` and records what it did.
pub async fn trace(sandbox: &Sandbox, base_url: &str, solution: &str) -> Result<Trace, String> {
    let outcome = sandbox.execute(solution, base_url, false).await;
    if let Some(e) = &outcome.error {
        return Err(format!("reference solution failed in the sandbox: {e:?}"));
    }
    // Causal order: by segment (depth), then causal key; the same on every run, however
    // concurrent responses interleaved in this one.
    let mut requests = outcome.trace;
    requests.sort_by(|a, b| (a.segment, &a.key).cmp(&(b.segment, &b.key)));
    Ok(Trace {
        requests,
        result: outcome.result,
    })
}

/// Matches a concrete path against a template; returns the path parameters on a match.
fn match_path(template: &str, path: &str) -> Option<Vec<(String, String)>> {
    let t: Vec<&str> = template.trim_matches('/').split('/').collect();
    let p: Vec<&str> = path.split('?').next()?.trim_matches('/').split('/').collect();
    if t.len() != p.len() {
        return None;
    }
    let mut params = Vec::new();
    for (ts, ps) in t.iter().zip(&p) {
        match (ts.find('{'), ts.find('}')) {
            (Some(open), Some(close)) if close > open => {
                let (prefix, suffix) = (&ts[..open], &ts[close + 1..]);
                if ps.len() < prefix.len() + suffix.len() + 1 || !ps.starts_with(prefix) || !ps.ends_with(suffix) {
                    return None;
                }
                let value = &ps[prefix.len()..ps.len() - suffix.len()];
                params.push((ts[open + 1..close].to_string(), crate::spec::percent_decode(value)));
            }
            _ if ts == ps => {}
            _ => return None,
        }
    }
    Some(params)
}

/// A matched operation: its index in the spec, the operation, and its path parameters.
pub type Matched<'s> = (usize, &'s Operation, Vec<(String, String)>);

/// The operation a traced request went to (the most specific matching template).
pub fn operation_of<'s>(spec: &'s Spec, method: &str, path: &str) -> Option<Matched<'s>> {
    spec.operations
        .iter()
        .enumerate()
        .filter(|(_, o)| o.method.eq_ignore_ascii_case(method))
        .filter_map(|(i, o)| match_path(&o.path, path).map(|p| (i, o, p)))
        .max_by_key(|(i, o, _)| (o.path.split('/').filter(|s| !s.contains('{')).count(), usize::MAX - i))
}

/// Converts a text value to the JSON type its parameter schema asks for.
fn typed_value(spec: &Spec, schema: &Value, text: &str) -> Value {
    let schema = spec.inline(schema);
    match schema.get("type").and_then(Value::as_str) {
        Some("integer") => text.parse::<i64>().map(Value::from).unwrap_or_else(|_| json!(text)),
        Some("number") => text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .unwrap_or_else(|| json!(text)),
        Some("boolean") => match text {
            "true" => json!(true),
            "false" => json!(false),
            _ => json!(text),
        },
        _ => json!(text),
    }
}

/// The json-tools call that makes the same request as `req`.
pub fn tool_call(spec: &Spec, tool_names: &[String], req: &TracedRequest, id: String) -> Result<ToolCall, String> {
    let (index, op, path_params) = operation_of(spec, &req.method, &req.path)
        .ok_or_else(|| format!("{} {} matches no operation of the spec", req.method, req.path))?;
    let mut args = Map::new();
    let mut used_query: Vec<String> = Vec::new();
    for (key, target) in arguments(op) {
        let ArgTarget::Param(location, name) = &target else {
            if let Some(b) = &req.body {
                args.insert(key, b.clone());
            }
            continue;
        };
        let param = op
            .parameters
            .iter()
            .find(|p| p.location == *location && &p.name == name);
        let schema = param.map(|p| p.schema.clone()).unwrap_or(Value::Null);
        let values: Vec<&String> = match location {
            ParamLocation::Path => path_params.iter().filter(|(n, _)| n == name).map(|(_, v)| v).collect(),
            ParamLocation::Query => {
                used_query.push(name.clone());
                req.query.iter().filter(|(n, _)| n == name).map(|(_, v)| v).collect()
            }
            ParamLocation::Header => req
                .headers
                .iter()
                .filter(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v)
                .collect(),
            ParamLocation::Cookie => Vec::new(),
        };
        let value = match values.as_slice() {
            [] => continue,
            [one] => typed_value(spec, &schema, one),
            many => {
                let item = spec.inline(&schema).get("items").cloned().unwrap_or(Value::Null);
                Value::Array(many.iter().map(|v| typed_value(spec, &item, v)).collect())
            }
        };
        args.insert(key, value);
    }
    if let Some((undeclared, _)) = req.query.iter().find(|(n, _)| !used_query.contains(n)) {
        return Err(format!(
            "{} {} sends query parameter {undeclared:?}, which operation {} does not declare, so no tool call can send it",
            req.method, req.path, op.operation_id
        ));
    }
    Ok(ToolCall {
        id,
        name: tool_names[index].clone(),
        arguments: Value::Object(args).to_string(),
    })
}

fn assistant_calls(calls: Vec<ToolCall>) -> ChatMessage {
    ChatMessage {
        kind: MessageKind::Assistant,
        content: String::new(),
        tool_calls: calls,
        tool_call_id: None,
    }
}

/// The oracle's final answer for a solution's return value: a string as is, `null` as
/// "Done.", anything else as compact JSON.
pub fn answer_text(result: &Value) -> String {
    match result {
        Value::String(s) => s.clone(),
        Value::Null => "Done.".to_string(),
        other => other.to_string(),
    }
}

fn final_answer(result: &Value) -> ChatMessage {
    ChatMessage::assistant(answer_text(result))
}

/// Groups requests into turns: by segment, or one per turn without parallel calls.
fn batches(requests: &[TracedRequest], parallel: bool) -> Vec<Vec<&TracedRequest>> {
    let mut out: Vec<Vec<&TracedRequest>> = Vec::new();
    for r in requests {
        match out.last_mut() {
            Some(last) if parallel && last[0].segment == r.segment => last.push(r),
            _ => out.push(vec![r]),
        }
    }
    out
}

fn json_tool_turns(
    spec: &Spec,
    trace: &Trace,
    parallel: bool,
    next_id: &mut usize,
) -> Result<Vec<ChatMessage>, String> {
    let tool_names = names::tool_names(spec.operations.iter().map(|o| o.operation_id.as_str()));
    let mut turns = Vec::new();
    let served: Vec<TracedRequest> = trace.requests.iter().filter(|r| r.status != 429).cloned().collect();
    for batch in batches(&served, parallel) {
        let mut calls = Vec::new();
        for r in batch {
            *next_id += 1;
            calls.push(tool_call(spec, &tool_names, r, format!("call_{next_id}"))?);
        }
        turns.push(assistant_calls(calls));
    }
    Ok(turns)
}

/// The distinct operations a trace uses, in first-use order.
fn used_operations<'s>(spec: &'s Spec, trace: &Trace) -> Result<Vec<(usize, &'s Operation)>, String> {
    let mut out: Vec<(usize, &Operation)> = Vec::new();
    for r in &trace.requests {
        let (i, op, _) = operation_of(spec, &r.method, &r.path)
            .ok_or_else(|| format!("{} {} matches no operation of the spec", r.method, r.path))?;
        if !out.iter().any(|(j, _)| *j == i) {
            out.push((i, op));
        }
    }
    Ok(out)
}

/// The oracle's turns for `pipeline`.
pub fn plan(
    pipeline: &str,
    spec: &Spec,
    solution: &str,
    trace: &Trace,
    parallel: bool,
) -> Result<Vec<ChatMessage>, String> {
    let mut next_id = 0usize;
    let mut turns = Vec::new();
    let code_call = |name: &str, code: String, id: &str| ToolCall {
        id: id.to_string(),
        name: name.to_string(),
        arguments: json!({ "code": code }).to_string(),
    };
    match pipeline {
        "json-tools" => turns.extend(json_tool_turns(spec, trace, parallel, &mut next_id)?),
        "code-mode" => {
            let ops = used_operations(spec, trace)?;
            if !ops.is_empty() {
                let keys: Vec<Value> = ops.iter().map(|(_, o)| json!([o.method, o.path])).collect();
                let code = format!(
                    "async () => {}.map(([m, p]) => {{ const op = spec.paths[p]?.[m]; return {{ method: m.toUpperCase(), path: p, summary: op?.summary, parameters: op?.parameters, requestBody: op?.requestBody }}; }})",
                    Value::Array(keys)
                );
                turns.push(assistant_calls(vec![code_call("search", code, "call_search")]));
            }
            turns.push(assistant_calls(vec![code_call(
                "execute",
                solution.to_string(),
                "call_execute",
            )]));
        }
        "code-mode-typed" => turns.push(assistant_calls(vec![code_call(
            "execute",
            solution.to_string(),
            "call_execute",
        )])),
        "tool-search" => {
            let index = ToolIndex::new(spec);
            let mut searches = Vec::new();
            for (i, op) in used_operations(spec, trace)? {
                let query = op.summary.clone().unwrap_or_else(|| index.tool_name(i).to_string());
                let limit = (1..=MAX_LIMIT)
                    .find(|&k| index.search(&query, k).contains(&i))
                    .ok_or_else(|| format!("search_tools cannot find {} with the query {query:?}", op.operation_id))?;
                next_id += 1;
                searches.push(ToolCall {
                    id: format!("call_{next_id}"),
                    name: "search_tools".into(),
                    arguments: json!({ "query": query, "limit": limit }).to_string(),
                });
            }
            if !searches.is_empty() {
                turns.push(assistant_calls(searches));
            }
            turns.extend(json_tool_turns(spec, trace, parallel, &mut next_id)?);
        }
        other => return Err(format!("the oracle has no plan for pipeline {other:?}")),
    }
    turns.push(final_answer(&trace.result));
    Ok(turns)
}

/// Whether the tool result answering call `id` is a json-tools 429 (`{"status": 429, ...}`).
fn rate_limited(messages: &[ChatMessage], id: &str) -> bool {
    messages
        .iter()
        .find(|m| m.kind == MessageKind::ToolResult && m.tool_call_id.as_deref() == Some(id))
        .and_then(|m| serde_json::from_str::<Value>(&m.content).ok())
        .is_some_and(|v| v.get("status").and_then(Value::as_u64) == Some(429))
}

/// Answers with planned turns, in order: turn N is the reply to a conversation holding N
/// assistant messages besides retries of rate-limited calls (see the module docs). Reports
/// no latency (the episode estimates it from the profile).
#[derive(Debug, Clone)]
pub struct OracleModel {
    turns: Vec<ChatMessage>,
}

impl OracleModel {
    /// An oracle that will play `turns`.
    pub fn new(turns: Vec<ChatMessage>) -> Self {
        Self { turns }
    }

    /// The planned turns.
    pub fn turns(&self) -> &[ChatMessage] {
        &self.turns
    }
}

impl Model for OracleModel {
    fn name(&self) -> String {
        "oracle".into()
    }

    fn complete<'a>(&'a self, request: &'a ModelRequest<'a>) -> ModelFuture<'a> {
        Box::pin(async move {
            let assistants: Vec<&ChatMessage> = request
                .messages
                .iter()
                .filter(|m| m.kind == MessageKind::Assistant)
                .collect();
            let is_retry = |m: &ChatMessage| m.tool_calls.first().is_some_and(|c| c.id.starts_with("retry_"));
            let retries = assistants.iter().filter(|m| is_retry(m)).count();
            let limited: Vec<ToolCall> = assistants
                .last()
                .map(|last| {
                    last.tool_calls
                        .iter()
                        .filter(|c| rate_limited(request.messages, &c.id))
                        .cloned()
                        .collect()
                })
                .unwrap_or_default();
            let message = if limited.is_empty() {
                None
            } else {
                let calls = limited
                    .into_iter()
                    .enumerate()
                    .map(|(i, c)| ToolCall {
                        id: format!("retry_{}_{i}", retries + 1),
                        ..c
                    })
                    .collect();
                Some(assistant_calls(calls))
            };
            let n = assistants.len() - retries;
            let message = message.or_else(|| self.turns.get(n).cloned()).ok_or_else(|| {
                ModelError::Malformed(format!(
                    "the oracle planned {} turns and was asked for turn {}",
                    self.turns.len(),
                    n + 1
                ))
            })?;
            Ok(ModelReply {
                message,
                usage: None,
                finish_reason: None,
                latency: Duration::ZERO,
                retries: 0,
                raw: Value::Null,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_templates() {
        assert_eq!(
            match_path("/zones/{id}", "/zones/z%201"),
            Some(vec![("id".into(), "z 1".into())])
        );
        assert_eq!(
            match_path("/files/{name}.json", "/files/a.json"),
            Some(vec![("name".into(), "a".into())])
        );
        assert_eq!(match_path("/zones/{id}", "/zones/z1/records"), None);
        assert_eq!(match_path("/zones/settings", "/zones/other"), None);
    }

    #[test]
    fn batches_follow_segments() {
        let r = |segment: u64| TracedRequest {
            segment,
            key: vec![],
            method: "GET".into(),
            path: "/x".into(),
            query: vec![],
            headers: vec![],
            body: None,
            status: 200,
        };
        let reqs = [r(1), r(2), r(2), r(2), r(5)];
        let sizes: Vec<usize> = batches(&reqs, true).iter().map(Vec::len).collect();
        assert_eq!(sizes, vec![1, 3, 1]);
        assert_eq!(batches(&reqs, false).len(), 5);
    }

    #[tokio::test]
    async fn rate_limited_calls_are_retried_before_the_plan_goes_on() {
        let call = ToolCall {
            id: "call_1".into(),
            name: "zones-list".into(),
            arguments: "{}".into(),
        };
        let oracle = OracleModel::new(vec![
            assistant_calls(vec![call.clone()]),
            ChatMessage::assistant("done"),
        ]);
        let params = crate::model::SamplingParams::default();
        let ask = |messages: Vec<ChatMessage>| {
            let oracle = oracle.clone();
            let params = params.clone();
            async move {
                let request = ModelRequest {
                    messages: &messages,
                    tools_json: "[]",
                    params: &params,
                    trial: 0,
                };
                oracle.complete(&request).await.expect("planned").message
            }
        };
        let mut messages = vec![ChatMessage::system("s"), ChatMessage::user("u")];
        assert_eq!(ask(messages.clone()).await.tool_calls[0].id, "call_1");
        messages.push(assistant_calls(vec![call.clone()]));
        messages.push(ChatMessage::tool_result("call_1", r#"{"status":429,"error":{}}"#));
        let retry = ask(messages.clone()).await;
        assert_eq!(retry.tool_calls.len(), 1);
        assert_eq!(retry.tool_calls[0].id, "retry_1_0");
        assert_eq!(
            (
                retry.tool_calls[0].name.as_str(),
                retry.tool_calls[0].arguments.as_str()
            ),
            ("zones-list", "{}")
        );
        messages.push(retry.clone());
        messages.push(ChatMessage::tool_result("retry_1_0", r#"{"status":429,"error":{}}"#));
        assert_eq!(ask(messages.clone()).await.tool_calls[0].id, "retry_2_0");
        messages.push(assistant_calls(vec![ToolCall {
            id: "retry_2_0".into(),
            ..call.clone()
        }]));
        messages.push(ChatMessage::tool_result("retry_2_0", r#"{"success":true}"#));
        assert_eq!(ask(messages).await.content, "done");
    }
}
