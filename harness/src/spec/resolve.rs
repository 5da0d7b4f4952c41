//! Local `$ref` resolution: lookup, shallow dereferencing and deep inlining with guards.
//!
//! Inlining never recurses without bound: a reference already being expanded on the
//! current path is a cycle and is cut, and nesting deeper than [`MAX_INLINE_DEPTH`] is cut
//! too. Every cut is counted in [`InlineStats`] so reports can say how much was elided.

use super::error::{SpecError, escape_token};
use serde_json::{Map, Value};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Deepest nesting of values an inlined schema may reach before it is cut.
pub const MAX_INLINE_DEPTH: usize = 64;

/// Most values one inlined schema may hold before further references are cut. Densely
/// cross-referenced specs (Stripe's expandable objects) otherwise expand combinatorially
/// even without cycles; real operations stay far below this (see `InlineStats::largest`).
pub const MAX_INLINE_NODES: usize = 50_000;

/// Longest chain of `$ref` -> `$ref` followed when dereferencing one object.
const MAX_REF_CHAIN: usize = 32;

/// Counts of what inlining had to cut, accumulated over a spec's lifetime.
#[derive(Debug, Default)]
pub struct InlineStats {
    /// References not expanded because they were already being expanded (recursive schemas).
    pub cycles_cut: AtomicU64,
    /// Subtrees not expanded because they were nested deeper than [`MAX_INLINE_DEPTH`].
    pub depth_cut: AtomicU64,
    /// References not expanded because the inlined schema already held [`MAX_INLINE_NODES`] values.
    pub size_cut: AtomicU64,
    /// The most values any one inlined schema held.
    pub largest: AtomicU64,
}

impl InlineStats {
    /// A snapshot of the counters.
    pub fn snapshot(&self) -> InlineCounts {
        InlineCounts {
            cycles_cut: self.cycles_cut.load(Ordering::Relaxed),
            depth_cut: self.depth_cut.load(Ordering::Relaxed),
            size_cut: self.size_cut.load(Ordering::Relaxed),
            largest: self.largest.load(Ordering::Relaxed),
        }
    }
}

/// A snapshot of [`InlineStats`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct InlineCounts {
    /// Recursive references cut.
    pub cycles_cut: u64,
    /// Over-deep subtrees cut.
    pub depth_cut: u64,
    /// References cut because the schema hit the size budget.
    pub size_cut: u64,
    /// The most values any one inlined schema held.
    pub largest: u64,
}

/// What a load-time walk over every `$ref` in the document found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RefReport {
    /// Number of `$ref` occurrences in the document.
    pub refs: usize,
    /// Distinct local targets referenced.
    pub targets: usize,
    /// References to other files or URLs, left as they are (not resolved).
    pub external: Vec<String>,
    /// Targets that reach themselves through references (recursive schemas), sorted.
    pub recursive: Vec<String>,
}

/// Looks up a local reference (`#/components/schemas/Zone`) in the document.
pub fn lookup<'a>(doc: &'a Value, reference: &str) -> Option<&'a Value> {
    let fragment = reference.strip_prefix('#')?;
    doc.pointer(&super::percent_decode(fragment))
}

/// The `$ref` string of an object, if it has one.
pub fn ref_of(value: &Value) -> Option<&str> {
    value.as_object()?.get("$ref")?.as_str()
}

/// Follows `$ref` chains on an object (a parameter, response, request body or path item)
/// until a non-reference is reached. Errors name the pointer of the offending reference.
pub fn deref<'a>(doc: &'a Value, value: &'a Value, at: &str, file: &Path) -> Result<&'a Value, SpecError> {
    let mut current = value;
    let mut pointer = at.to_string();
    for _ in 0..MAX_REF_CHAIN {
        let Some(r) = ref_of(current) else {
            return Ok(current);
        };
        if !r.starts_with('#') {
            return Err(SpecError::at(
                file,
                format!("{pointer}/$ref"),
                format!("external reference {r:?} is not supported here (only local '#/...' references)"),
            ));
        }
        current = lookup(doc, r).ok_or_else(|| {
            SpecError::at(
                file,
                format!("{pointer}/$ref"),
                format!("reference {r:?} points to nothing in this document"),
            )
        })?;
        pointer = r.trim_start_matches('#').to_string();
    }
    Err(SpecError::at(
        file,
        at,
        format!("reference chain longer than {MAX_REF_CHAIN} (a reference loop?)"),
    ))
}

/// Deeply inlines every local `$ref` under `value`, returning a self-contained copy.
///
/// Sibling keys of a `$ref` (allowed in OpenAPI 3.1) override the target's keys. When
/// `strip_extensions` is set, vendor `x-*` keys are dropped from the result.
pub fn inline(doc: &Value, value: &Value, stats: &InlineStats, strip_extensions: bool) -> Value {
    let mut walk = Walk {
        doc,
        stats,
        strip: strip_extensions,
        stack: Vec::new(),
        nodes: 0,
    };
    let out = walk.inline(value, 0);
    stats.largest.fetch_max(walk.nodes as u64, Ordering::Relaxed);
    out
}

/// State of one deep inlining.
struct Walk<'a> {
    doc: &'a Value,
    stats: &'a InlineStats,
    strip: bool,
    /// References being expanded on the current path.
    stack: Vec<String>,
    /// Values emitted so far.
    nodes: usize,
}

fn cut(reason: &str, reference: &str) -> Value {
    let name = reference.rsplit('/').next().unwrap_or(reference);
    let mut m = Map::new();
    m.insert(
        "description".into(),
        Value::String(format!("{reason} {name} (not expanded)")),
    );
    Value::Object(m)
}

impl Walk<'_> {
    fn inline(&mut self, value: &Value, depth: usize) -> Value {
        self.nodes += 1;
        match value {
            Value::Object(map) => {
                if depth >= MAX_INLINE_DEPTH {
                    self.stats.depth_cut.fetch_add(1, Ordering::Relaxed);
                    return cut("nested too deeply:", ref_of(value).unwrap_or("object"));
                }
                if let Some(r) = map.get("$ref").and_then(Value::as_str) {
                    if !r.starts_with('#') {
                        return value.clone();
                    }
                    if self.stack.iter().any(|s| s == r) {
                        self.stats.cycles_cut.fetch_add(1, Ordering::Relaxed);
                        return cut("recursive reference to", r);
                    }
                    if self.nodes >= MAX_INLINE_NODES {
                        self.stats.size_cut.fetch_add(1, Ordering::Relaxed);
                        return cut("schema too large to inline further:", r);
                    }
                    let Some(target) = lookup(self.doc, r) else {
                        // Dangling references are rejected at load time; keep the ref if one slips through.
                        return value.clone();
                    };
                    self.stack.push(r.to_string());
                    let mut resolved = self.inline(target, depth + 1);
                    self.stack.pop();
                    if map.len() > 1
                        && let Value::Object(out) = &mut resolved
                    {
                        for (k, v) in map {
                            if k != "$ref" && !(self.strip && k.starts_with("x-")) {
                                let v = self.inline(v, depth + 1);
                                out.insert(k.clone(), v);
                            }
                        }
                    }
                    return resolved;
                }
                let mut out = Map::with_capacity(map.len());
                for (k, v) in map {
                    if self.strip && k.starts_with("x-") {
                        continue;
                    }
                    let v = self.inline(v, depth + 1);
                    out.insert(k.clone(), v);
                }
                Value::Object(out)
            }
            Value::Array(items) => {
                if depth >= MAX_INLINE_DEPTH {
                    self.stats.depth_cut.fetch_add(1, Ordering::Relaxed);
                    return Value::Array(Vec::new());
                }
                Value::Array(items.iter().map(|v| self.inline(v, depth + 1)).collect())
            }
            other => other.clone(),
        }
    }
}

/// Walks the whole document once: checks that every local reference resolves (an error
/// names the pointer of the first that does not), counts references, and finds the
/// recursive ones.
pub fn check_refs(doc: &Value, file: &Path) -> Result<RefReport, SpecError> {
    let mut report = RefReport::default();
    // Edges from each pointer prefix that holds refs: we only need edges between targets,
    // so walk each target once and record the refs found inside it.
    let mut all_refs: Vec<(String, String)> = Vec::new(); // (pointer of $ref, target)
    collect_refs(doc, &mut String::new(), &mut all_refs);
    report.refs = all_refs.len();
    let mut external = BTreeSet::new();
    let mut targets: Vec<String> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (at, target) in &all_refs {
        if !target.starts_with('#') {
            external.insert(target.clone());
            continue;
        }
        if lookup(doc, target).is_none() {
            return Err(SpecError::at(
                file,
                format!("{at}/$ref"),
                format!("reference {target:?} points to nothing in this document"),
            ));
        }
        if !index.contains_key(target) {
            index.insert(target.clone(), targets.len());
            targets.push(target.clone());
        }
    }
    report.external = external.into_iter().collect();
    report.targets = targets.len();

    // Graph: target -> targets referenced inside it.
    let mut edges: Vec<Vec<usize>> = Vec::with_capacity(targets.len());
    for t in &targets {
        let mut inner = Vec::new();
        if let Some(v) = lookup(doc, t) {
            collect_refs(v, &mut String::new(), &mut inner);
        }
        let mut out: Vec<usize> = inner.iter().filter_map(|(_, r)| index.get(r).copied()).collect();
        out.sort_unstable();
        out.dedup();
        edges.push(out);
    }
    let mut recursive: Vec<String> = tarjan_cyclic(&edges).into_iter().map(|i| targets[i].clone()).collect();
    recursive.sort();
    report.recursive = recursive;
    Ok(report)
}

fn collect_refs(value: &Value, pointer: &mut String, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            if let Some(r) = map.get("$ref").and_then(Value::as_str) {
                out.push((pointer.clone(), r.to_string()));
            }
            for (k, v) in map {
                if matches!(v, Value::Object(_) | Value::Array(_)) {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&escape_token(k));
                    collect_refs(v, pointer, out);
                    pointer.truncate(len);
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                if matches!(v, Value::Object(_) | Value::Array(_)) {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&i.to_string());
                    collect_refs(v, pointer, out);
                    pointer.truncate(len);
                }
            }
        }
        _ => {}
    }
}

/// Nodes that lie on a cycle (strongly connected components of size > 1, or self-loops).
/// Iterative Tarjan, so a long reference chain cannot overflow the stack.
fn tarjan_cyclic(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut next = 0usize;
    let mut cyclic = Vec::new();
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&mut (v, ref mut ei)) = work.last_mut() {
            if *ei == 0 && index[v] == usize::MAX {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if *ei < edges[v].len() {
                let w = edges[v][*ei];
                *ei += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                loop {
                    let w = stack.pop().expect("tarjan stack holds the component");
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 || edges[v].contains(&v) {
                    cyclic.extend(component);
                }
            }
        }
    }
    cyclic
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc() -> Value {
        json!({
            "components": {"schemas": {
                "Node": {"type": "object", "properties": {"child": {"$ref": "#/components/schemas/Node"}, "tag": {"$ref": "#/components/schemas/Tag"}}},
                "Tag": {"type": "string", "x-internal": true},
                "A": {"properties": {"b": {"$ref": "#/components/schemas/B"}}},
                "B": {"properties": {"a": {"$ref": "#/components/schemas/A"}}},
                "Plain": {"type": "integer"},
                "Sp ace": {"type": "boolean"}
            }}
        })
    }

    #[test]
    fn inlines_and_cuts_cycles() {
        let d = doc();
        let stats = InlineStats::default();
        let out = inline(&d, &json!({"$ref": "#/components/schemas/Node"}), &stats, true);
        assert_eq!(out["properties"]["tag"], json!({"type": "string"}));
        assert_eq!(
            out["properties"]["child"]["description"],
            "recursive reference to Node (not expanded)"
        );
        assert_eq!((stats.snapshot().cycles_cut, stats.snapshot().depth_cut), (1, 0));
    }

    #[test]
    fn sibling_keys_override_target() {
        let d = doc();
        let stats = InlineStats::default();
        let out = inline(
            &d,
            &json!({"$ref": "#/components/schemas/Plain", "description": "count"}),
            &stats,
            false,
        );
        assert_eq!(out, json!({"type": "integer", "description": "count"}));
    }

    #[test]
    fn finds_recursive_targets_and_dangling_refs() {
        let mut d = doc();
        d["paths"] = json!({"/n": {"get": {"responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}}}}}});
        d["components"]["schemas"]["Uses"] = json!({"$ref": "#/components/schemas/Node"});
        let report = check_refs(&d, Path::new("t.json")).unwrap();
        assert_eq!(
            report.recursive,
            vec![
                "#/components/schemas/A",
                "#/components/schemas/B",
                "#/components/schemas/Node"
            ]
        );
        d["paths"]["/n"]["get"]["x"] = json!({"$ref": "#/components/schemas/Missing"});
        let err = check_refs(&d, Path::new("t.json")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.json: at /paths/~1n/get/x/$ref: reference \"#/components/schemas/Missing\" points to nothing in this document"
        );
    }

    #[test]
    fn size_budget_stops_combinatorial_expansion() {
        // Ten schemas, each referring to all later ones: no cycle, but 2^10 paths.
        let mut schemas = Map::new();
        for i in 0..24 {
            let props: Map<String, Value> = (i + 1..24)
                .map(|j| (format!("p{j}"), json!({"$ref": format!("#/components/schemas/S{j}")})))
                .collect();
            schemas.insert(format!("S{i}"), json!({"type": "object", "properties": props}));
        }
        let d = json!({"components": {"schemas": schemas}});
        let stats = InlineStats::default();
        let out = inline(&d, &json!({"$ref": "#/components/schemas/S0"}), &stats, false);
        let snap = stats.snapshot();
        assert!(snap.size_cut > 0, "{snap:?}");
        assert_eq!(snap.cycles_cut, 0);
        assert!(out.to_string().len() < 40 * MAX_INLINE_NODES, "output stays bounded");
    }

    #[test]
    fn percent_encoded_refs_resolve() {
        let d = doc();
        assert_eq!(
            lookup(&d, "#/components/schemas/Sp%20ace"),
            Some(&json!({"type": "boolean"}))
        );
    }

    #[test]
    fn depth_guard_cuts_deep_chains() {
        // A chain of 100 distinct refs, each nesting one level: no cycle, but too deep.
        let mut schemas = Map::new();
        for i in 0..100 {
            schemas.insert(
                format!("S{i}"),
                json!({"properties": {"next": {"$ref": format!("#/components/schemas/S{}", i + 1)}}}),
            );
        }
        schemas.insert("S100".into(), json!({"type": "string"}));
        let d = json!({"components": {"schemas": schemas}});
        let stats = InlineStats::default();
        let _ = inline(&d, &json!({"$ref": "#/components/schemas/S0"}), &stats, false);
        assert_eq!(stats.snapshot().cycles_cut, 0);
        assert!(stats.snapshot().depth_cut >= 1);
    }
}
