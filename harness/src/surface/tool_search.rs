//! `tool-search`: progressive discovery. The model starts with one tool, `search_tools(query)`,
//! which returns the `json-tools` definitions of the best-matching operations; those become
//! callable for the rest of the episode.
//!
//! Matching is BM25 over each operation's words: its tool name (split at case and
//! punctuation), summary, description, tags, method and path segments, with name and
//! summary counted twice.

use super::json_tools::{JsonTools, Variant};
use super::{Surface, names};
use crate::spec::{Operation, Spec};
use serde_json::{Value, json};
use std::collections::HashMap;

/// Results `search_tools` returns when the model does not say.
pub const DEFAULT_LIMIT: usize = 5;
/// Most results one search may return.
pub const MAX_LIMIT: usize = 20;

/// The `search_tools` surface.
#[derive(Debug, Clone, Copy, Default)]
pub struct ToolSearch;

impl ToolSearch {
    /// The `search_tools` tool for a spec.
    pub fn search_tool(spec: &Spec) -> Value {
        json!({
            "type": "function",
            "function": {
                "name": "search_tools",
                "description": format!(
                    "Find tools for the {} API ({} operations) by describing what you want to do, e.g. \"list DNS records of a zone\". Returns the best-matching tool definitions; each becomes callable from then on. Search again whenever you need another operation.",
                    spec.title,
                    spec.operations.len()
                ),
                "parameters": {
                    "type": "object",
                    "properties": {
                        "query": {"type": "string", "description": "What you want to do, in a few words"},
                        "limit": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "description": format!("How many tools to return (default {DEFAULT_LIMIT})")}
                    },
                    "required": ["query"]
                }
            }
        })
    }
}

impl Surface for ToolSearch {
    fn name(&self) -> &'static str {
        "tool-search"
    }

    fn variant(&self) -> &'static str {
        "default"
    }

    fn tools(&self, spec: &Spec) -> Vec<Value> {
        vec![Self::search_tool(spec)]
    }
}

const STOPWORDS: [&str; 24] = [
    "a", "an", "the", "of", "for", "to", "in", "on", "by", "and", "or", "with", "all", "my", "me", "i", "is", "are",
    "be", "this", "that", "it", "from", "at",
];

/// Lower-cased words of `text`, split at punctuation and case boundaries (`listDNSRecords`
/// -> list, dns, record), stopwords dropped, plural `s` stripped from longer words.
pub fn words(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, out: &mut Vec<String>| {
        if current.is_empty() {
            return;
        }
        let mut w = std::mem::take(current);
        if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
            w.pop();
        }
        if !STOPWORDS.contains(&w.as_str()) {
            out.push(w);
        }
    };
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            flush(&mut current, &mut out);
            continue;
        }
        if c.is_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            // fooBar -> foo|Bar ; DNSRecords -> DNS|Records
            if prev.is_lowercase() || prev.is_ascii_digit() || (prev.is_uppercase() && next_lower) {
                flush(&mut current, &mut out);
            }
        }
        current.extend(c.to_lowercase());
    }
    flush(&mut current, &mut out);
    out
}

fn document(op: &Operation, tool_name: &str) -> Vec<String> {
    let mut d = Vec::new();
    for _ in 0..2 {
        d.extend(words(tool_name));
        d.extend(words(op.summary.as_deref().unwrap_or_default()));
    }
    d.extend(words(op.description.as_deref().unwrap_or_default()));
    for t in &op.tags {
        d.extend(words(t));
    }
    d.extend(words(&op.method));
    for seg in op.path.split('/').filter(|s| !s.starts_with('{')) {
        d.extend(words(seg));
    }
    d
}

/// A BM25 index over a spec's operations, built once per spec.
#[derive(Debug, Clone)]
pub struct ToolIndex {
    names: Vec<String>,
    postings: HashMap<String, Vec<(usize, u32)>>,
    lengths: Vec<usize>,
    average: f64,
}

impl ToolIndex {
    /// Indexes every operation of `spec` under its `json-tools` name.
    pub fn new(spec: &Spec) -> Self {
        let names = names::tool_names(spec.operations.iter().map(|o| o.operation_id.as_str()));
        let mut postings: HashMap<String, Vec<(usize, u32)>> = HashMap::new();
        let mut lengths = Vec::with_capacity(names.len());
        for (i, (op, name)) in spec.operations.iter().zip(&names).enumerate() {
            let doc = document(op, name);
            lengths.push(doc.len());
            let mut tf: HashMap<String, u32> = HashMap::new();
            for w in doc {
                *tf.entry(w).or_default() += 1;
            }
            for (w, n) in tf {
                postings.entry(w).or_default().push((i, n));
            }
        }
        let average = if lengths.is_empty() {
            1.0
        } else {
            lengths.iter().sum::<usize>() as f64 / lengths.len() as f64
        };
        Self {
            names,
            postings,
            lengths,
            average: average.max(1.0),
        }
    }

    /// Operation indices of the best `limit` matches, best first (ties by spec order).
    pub fn search(&self, query: &str, limit: usize) -> Vec<usize> {
        const K1: f64 = 1.2;
        const B: f64 = 0.75;
        let n = self.lengths.len() as f64;
        let mut scores: HashMap<usize, f64> = HashMap::new();
        let mut terms = words(query);
        terms.sort();
        terms.dedup();
        for term in terms {
            let Some(list) = self.postings.get(&term) else { continue };
            let idf = ((n - list.len() as f64 + 0.5) / (list.len() as f64 + 0.5) + 1.0).ln();
            for &(doc, tf) in list {
                let tf = tf as f64;
                let norm = K1 * (1.0 - B + B * self.lengths[doc] as f64 / self.average);
                *scores.entry(doc).or_default() += idf * tf * (K1 + 1.0) / (tf + norm);
            }
        }
        let mut ranked: Vec<(usize, f64)> = scores.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
            .into_iter()
            .take(limit.clamp(1, MAX_LIMIT))
            .map(|(i, _)| i)
            .collect()
    }

    /// The `json-tools` name of operation `i`.
    pub fn tool_name(&self, i: usize) -> &str {
        &self.names[i]
    }

    /// The full `json-tools` definitions of the given operations, as `search_tools` returns them.
    pub fn definitions(&self, spec: &Spec, ops: &[usize]) -> Vec<Value> {
        let surface = JsonTools { variant: Variant::Full };
        ops.iter()
            .map(|&i| {
                let op = &spec.operations[i];
                json!({
                    "type": "function",
                    "function": {
                        "name": self.names[i],
                        "description": super::json_tools::description(op),
                        "parameters": surface.parameters(spec, op),
                    }
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_case_and_plurals() {
        assert_eq!(
            words("listDNSRecords for the Zones"),
            vec!["list", "dns", "record", "zone"]
        );
        assert_eq!(
            words("dns-records_get v2Api"),
            vec!["dns", "record", "get", "v2", "api"]
        );
        assert_eq!(words("access address"), vec!["access", "address"]);
    }
}
