//! `code-mode`: the two tools `search` (JavaScript over the spec) and `execute` (JavaScript
//! with `api.request()` against the API), in the shape of Cloudflare's Code Mode MCP server.

use super::{Surface, render_template};
use crate::spec::Spec;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// How many tags the `search` description lists before summarising the rest.
const LISTED_TAGS: usize = 30;

/// The `search` + `execute` pair.
#[derive(Debug, Clone, Copy, Default)]
pub struct CodeMode;

/// A tool whose only argument is `code`, a JavaScript async arrow function.
pub fn code_tool(name: &str, description: String, code_description: &str) -> Value {
    json!({
        "type": "function",
        "function": {
            "name": name,
            "description": description,
            "parameters": {
                "type": "object",
                "properties": {"code": {"type": "string", "description": code_description}},
                "required": ["code"]
            }
        }
    })
}

/// Tags ordered by how many operations carry them (ties by name).
pub fn tags_by_use(spec: &Spec) -> Vec<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for op in &spec.operations {
        for t in &op.tags {
            *counts.entry(t.as_str()).or_default() += 1;
        }
    }
    let mut tags: Vec<(&str, usize)> = counts.into_iter().collect();
    tags.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    tags.into_iter().map(|(t, _)| t.to_string()).collect()
}

/// The operation used in examples: the first GET without path parameters, else the first GET, else the first.
fn example_operation(spec: &Spec) -> Option<&crate::spec::Operation> {
    spec.operations
        .iter()
        .find(|o| o.method == "get" && !o.path.contains('{'))
        .or_else(|| spec.operations.iter().find(|o| o.method == "get"))
        .or_else(|| spec.operations.first())
}

impl CodeMode {
    /// The `search` tool's description for this spec.
    pub fn search_description(spec: &Spec) -> String {
        let tags = tags_by_use(spec);
        let listed = if tags.is_empty() {
            "(none)".to_string()
        } else if tags.len() > LISTED_TAGS {
            format!("{}, ... ({} total)", tags[..LISTED_TAGS].join(", "), tags.len())
        } else {
            tags.join(", ")
        };
        let example = example_operation(spec);
        render_template(
            include_str!("templates/code_mode_search.txt"),
            &[
                ("title", spec.title.as_str()),
                ("operations", &spec.operations.len().to_string()),
                ("tags", &listed),
                ("tag", tags.first().map(String::as_str).unwrap_or("example")),
                ("path", example.map(|o| o.path.as_str()).unwrap_or("/")),
                ("method", example.map(|o| o.method.as_str()).unwrap_or("get")),
            ],
        )
    }

    /// The `execute` tool's description for this spec.
    pub fn execute_description(spec: &Spec) -> String {
        let example = example_operation(spec);
        render_template(
            include_str!("templates/code_mode_execute.txt"),
            &[
                ("title", spec.title.as_str()),
                ("path", example.map(|o| o.path.as_str()).unwrap_or("/")),
            ],
        )
    }
}

impl Surface for CodeMode {
    fn name(&self) -> &'static str {
        "code-mode"
    }

    fn variant(&self) -> &'static str {
        "default"
    }

    fn tools(&self, spec: &Spec) -> Vec<Value> {
        vec![
            code_tool(
                "search",
                Self::search_description(spec),
                "JavaScript async arrow function that searches `spec` and returns what it found",
            ),
            code_tool(
                "execute",
                Self::execute_description(spec),
                "JavaScript async arrow function that calls api.request() and returns the result",
            ),
        ]
    }
}
