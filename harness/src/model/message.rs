//! Chat messages and tool calls, in the OpenAI chat-completions wire shape.

use crate::tokens::{MessageKind, ToolCallText};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// A tool call the model asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolCall {
    /// Provider-assigned call id, echoed back in the tool result.
    pub id: String,
    /// Function name.
    pub name: String,
    /// Arguments as the raw JSON text the model produced (possibly malformed).
    pub arguments: String,
}

impl ToolCall {
    /// Parses the arguments; an error names what is wrong, for the model-error record.
    pub fn parse_arguments(&self) -> Result<Value, String> {
        if self.arguments.trim().is_empty() {
            return Ok(json!({}));
        }
        let v: Value = serde_json::from_str(&self.arguments)
            .map_err(|e| format!("arguments of {} are not valid JSON: {e}", self.name))?;
        if v.is_object() {
            Ok(v)
        } else {
            Err(format!(
                "arguments of {} must be a JSON object, got {}",
                self.name,
                type_name(&v)
            ))
        }
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// One chat message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatMessage {
    /// Who speaks.
    pub kind: MessageKind,
    /// Text content (empty for an assistant message that only calls tools).
    pub content: String,
    /// Tool calls of an assistant message.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tool_calls: Vec<ToolCall>,
    /// For a tool result: the id of the call it answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_call_id: Option<String>,
}

impl ChatMessage {
    /// A system prompt.
    pub fn system(content: impl Into<String>) -> Self {
        Self::text(MessageKind::System, content)
    }

    /// A user message.
    pub fn user(content: impl Into<String>) -> Self {
        Self::text(MessageKind::User, content)
    }

    /// An assistant message with text only.
    pub fn assistant(content: impl Into<String>) -> Self {
        Self::text(MessageKind::Assistant, content)
    }

    /// A tool result answering `call_id`.
    pub fn tool_result(call_id: impl Into<String>, content: impl Into<String>) -> Self {
        Self {
            kind: MessageKind::ToolResult,
            content: content.into(),
            tool_calls: Vec::new(),
            tool_call_id: Some(call_id.into()),
        }
    }

    fn text(kind: MessageKind, content: impl Into<String>) -> Self {
        Self {
            kind,
            content: content.into(),
            tool_calls: Vec::new(),
            tool_call_id: None,
        }
    }

    /// The message as the chat-completions API receives it.
    pub fn to_wire(&self) -> Value {
        let mut m = json!({"role": self.kind.role()});
        match self.kind {
            MessageKind::Assistant if !self.tool_calls.is_empty() => {
                m["content"] = if self.content.is_empty() {
                    Value::Null
                } else {
                    json!(self.content)
                };
                m["tool_calls"] = self
                    .tool_calls
                    .iter()
                    .map(|c| json!({"id": c.id, "type": "function", "function": {"name": c.name, "arguments": c.arguments}}))
                    .collect();
            }
            _ => m["content"] = json!(self.content),
        }
        if let Some(id) = &self.tool_call_id {
            m["tool_call_id"] = json!(id);
        }
        m
    }

    /// Reads an assistant message from a chat-completions `choices[i].message`.
    pub fn from_wire_assistant(message: &Value) -> Result<Self, String> {
        let content = match message.get("content") {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(Value::Array(parts)) => parts
                .iter()
                .filter_map(|p| p.get("text").and_then(Value::as_str))
                .collect::<Vec<_>>()
                .join(""),
            Some(other) => return Err(format!("message.content has unexpected type: {other}")),
        };
        let mut tool_calls = Vec::new();
        if let Some(calls) = message.get("tool_calls").and_then(Value::as_array) {
            for (i, c) in calls.iter().enumerate() {
                let f = c
                    .get("function")
                    .ok_or_else(|| format!("message.tool_calls[{i}] has no 'function'"))?;
                let name = f
                    .get("name")
                    .and_then(Value::as_str)
                    .ok_or_else(|| format!("message.tool_calls[{i}].function has no 'name'"))?;
                let arguments = match f.get("arguments") {
                    Some(Value::String(s)) => s.clone(),
                    // Some servers send arguments as an object instead of a string.
                    Some(v @ Value::Object(_)) => v.to_string(),
                    None | Some(Value::Null) => String::new(),
                    Some(other) => other.to_string(),
                };
                let id = c
                    .get("id")
                    .and_then(Value::as_str)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("call_{i}"));
                tool_calls.push(ToolCall {
                    id,
                    name: name.to_string(),
                    arguments,
                });
            }
        }
        Ok(Self {
            kind: MessageKind::Assistant,
            content,
            tool_calls,
            tool_call_id: None,
        })
    }

    /// The tool calls as the token counter takes them.
    pub fn tool_call_texts(&self) -> Vec<ToolCallText<'_>> {
        self.tool_calls
            .iter()
            .map(|c| ToolCallText {
                name: &c.name,
                arguments: &c.arguments,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_round_trip_of_tool_calls() {
        let wire = json!({"role": "assistant", "content": null, "tool_calls": [
            {"id": "c1", "type": "function", "function": {"name": "listZones", "arguments": "{\"page\":1}"}},
            {"type": "function", "function": {"name": "search", "arguments": {"code": "x"}}}
        ]});
        let m = ChatMessage::from_wire_assistant(&wire).unwrap();
        assert_eq!(m.tool_calls[0].parse_arguments().unwrap(), json!({"page": 1}));
        assert_eq!(m.tool_calls[1].id, "call_1");
        assert_eq!(m.tool_calls[1].arguments, "{\"code\":\"x\"}");
        assert_eq!(m.to_wire()["tool_calls"][0], wire["tool_calls"][0]);
    }

    #[test]
    fn malformed_arguments_are_reported() {
        let call = ToolCall {
            id: "1".into(),
            name: "f".into(),
            arguments: "{\"a\": ".into(),
        };
        assert!(
            call.parse_arguments()
                .unwrap_err()
                .starts_with("arguments of f are not valid JSON")
        );
        let call = ToolCall {
            arguments: "[1]".into(),
            ..call
        };
        assert_eq!(
            call.parse_arguments().unwrap_err(),
            "arguments of f must be a JSON object, got an array"
        );
    }

    #[test]
    fn tool_results_carry_their_call_id() {
        let m = ChatMessage::tool_result("c9", "{\"ok\":true}");
        assert_eq!(
            m.to_wire(),
            json!({"role": "tool", "content": "{\"ok\":true}", "tool_call_id": "c9"})
        );
    }
}
