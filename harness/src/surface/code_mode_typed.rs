//! `code-mode-typed`: one `execute` tool whose description declares every operation as a
//! typed TypeScript function (`api.listZones(input): Promise<Output>`), the style of
//! Cloudflare's agents SDK. Its size grows with the API, like `json-tools`.
//!
//! Every schema reached through a `$ref` is declared once as a named type (`type Zone =
//! {...}`) and referred to by name, as TypeScript generators do; recursive schemas are
//! then just recursive types, and densely linked specs do not blow up.

use super::code_mode::code_tool;
use super::json_tools::{ArgTarget, arguments, description};
use super::typescript::{RefNames, jsdoc, property_key, ts_type_named};
use super::{Surface, names, render_template};
use crate::spec::{Operation, Spec};
use rayon::prelude::*;
use serde_json::Value;
use std::collections::{HashSet, VecDeque};
use std::fmt::Write;

/// One `execute` tool with a typed function per operation.
#[derive(Debug, Clone, Copy, Default)]
pub struct CodeModeTyped;

/// The declaration block of one operation: its input and output types and its signature.
struct Declared {
    types: String,
    signature: String,
}

/// Every `$ref` target reachable from the operations' parameters, bodies and success
/// responses, in first-seen order, each with a unique type name.
fn named_types(spec: &Spec, reserved: &HashSet<String>) -> (Vec<String>, RefNames) {
    let mut queue: VecDeque<String> = VecDeque::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut order = Vec::new();
    let push_refs = |v: &Value, queue: &mut VecDeque<String>| collect_refs(v, queue);
    for op in &spec.operations {
        for p in &op.parameters {
            push_refs(&p.schema, &mut queue);
        }
        if let Some(b) = &op.request_body {
            push_refs(&b.schema, &mut queue);
        }
        if let Some(schema) = op.success_response().and_then(|r| r.schema.as_ref()) {
            push_refs(schema, &mut queue);
        }
    }
    while let Some(r) = queue.pop_front() {
        if !r.starts_with('#') || !seen.insert(r.clone()) {
            continue;
        }
        if let Some(target) = crate::spec::lookup(&spec.doc, &r) {
            collect_refs(target, &mut queue);
            order.push(r);
        }
    }
    let mut taken: HashSet<String> = reserved.clone();
    let mut names = RefNames::new();
    for r in &order {
        let last = r.rsplit('/').next().unwrap_or("Type");
        let base = names::pascal(&names::js_identifier(&crate::spec::unescape_pointer_token(last)));
        let mut name = base.clone();
        let mut n = 2;
        while !taken.insert(name.clone()) {
            name = format!("{base}{n}");
            n += 1;
        }
        names.insert(r.clone(), name);
    }
    (order, names)
}

fn collect_refs(v: &Value, out: &mut VecDeque<String>) {
    match v {
        Value::Object(m) => {
            if let Some(r) = m.get("$ref").and_then(Value::as_str) {
                out.push_back(r.to_string());
            }
            m.values().for_each(|v| collect_refs(v, out));
        }
        Value::Array(a) => a.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

fn declare(op: &Operation, function: &str, refs: &RefNames) -> Declared {
    let type_base = names::pascal(function);
    let mut types = String::new();
    let args = arguments(op);
    let mut any_required = false;
    let input = if args.is_empty() {
        None
    } else {
        let mut s = String::from("{\n");
        for (key, target) in &args {
            let (schema, doc, required) = match target {
                ArgTarget::Param(location, name) => {
                    let Some(p) = op
                        .parameters
                        .iter()
                        .find(|p| p.location == *location && &p.name == name)
                    else {
                        continue;
                    };
                    (&p.schema, p.description.clone(), p.required)
                }
                ArgTarget::Body => {
                    let Some(b) = &op.request_body else { continue };
                    (&b.schema, b.description.clone(), b.required)
                }
            };
            any_required |= required;
            let doc = doc.or_else(|| schema.get("description").and_then(Value::as_str).map(str::to_string));
            if let Some(doc) = jsdoc(doc.as_deref()) {
                let _ = writeln!(s, "  {doc}");
            }
            let _ = writeln!(
                s,
                "  {}{}: {};",
                property_key(key),
                if required { "" } else { "?" },
                ts_type_named(schema, 2, refs)
            );
        }
        s.push('}');
        let _ = writeln!(types, "type {type_base}Input = {s};");
        Some(format!("{type_base}Input"))
    };
    let output = match op.success_response().and_then(|r| r.schema.as_ref()) {
        Some(schema) => {
            let t = ts_type_named(schema, 0, refs);
            if t.contains('\n') {
                let _ = writeln!(types, "type {type_base}Output = {t};");
                format!("{type_base}Output")
            } else {
                t
            }
        }
        None => "unknown".to_string(),
    };
    let params = match input {
        None => String::new(),
        Some(t) if any_required => format!("input: {t}"),
        Some(t) => format!("input?: {t}"),
    };
    let summary = description(op);
    let first_line = summary.lines().next().unwrap_or_default();
    let doc = jsdoc(Some(&format!(
        "{first_line} ({} {})",
        op.method.to_uppercase(),
        op.path
    )))
    .unwrap_or_default();
    Declared {
        types,
        signature: format!("  {doc}\n  {function}({params}): Promise<{output}>;\n"),
    }
}

impl CodeModeTyped {
    /// The full TypeScript declaration block for a spec: types, then `declare const api`.
    pub fn declarations(spec: &Spec) -> String {
        let functions = Self::function_names(spec);
        let reserved: HashSet<String> = functions
            .iter()
            .flat_map(|f| {
                [
                    format!("{}Input", names::pascal(f)),
                    format!("{}Output", names::pascal(f)),
                ]
            })
            .collect();
        let (order, refs) = named_types(spec, &reserved);
        let named: Vec<String> = order
            .par_iter()
            .map(|r| {
                let target = crate::spec::lookup(&spec.doc, r).unwrap_or(&Value::Null);
                let doc = jsdoc(target.get("description").and_then(Value::as_str))
                    .map(|d| d + "\n")
                    .unwrap_or_default();
                format!("{doc}type {} = {};\n", refs[r], ts_type_named(target, 0, &refs))
            })
            .collect();
        let declared: Vec<Declared> = spec
            .operations
            .par_iter()
            .zip(functions.par_iter())
            .map(|(op, f)| declare(op, f, &refs))
            .collect();
        let mut out = named.concat();
        for d in &declared {
            out.push_str(&d.types);
        }
        out.push_str("declare const api: {\n");
        for d in &declared {
            out.push_str(&d.signature);
        }
        out.push_str("};");
        out
    }

    /// The JavaScript function name of each operation, in spec order.
    pub fn function_names(spec: &Spec) -> Vec<String> {
        names::js_identifiers(spec.operations.iter().map(|o| o.operation_id.as_str()))
    }
}

impl Surface for CodeModeTyped {
    fn name(&self) -> &'static str {
        "code-mode-typed"
    }

    fn variant(&self) -> &'static str {
        "default"
    }

    fn tools(&self, spec: &Spec) -> Vec<Value> {
        let functions = Self::function_names(spec);
        let (function, example_input) = spec
            .operations
            .iter()
            .zip(&functions)
            .find(|(o, _)| o.method == "get" && !o.path.contains('{'))
            .map(|(_, f)| (f.clone(), String::new()))
            .or_else(|| functions.first().map(|f| (f.clone(), "{ /* ... */ }".to_string())))
            .unwrap_or_default();
        let description = render_template(
            include_str!("templates/code_mode_typed_execute.txt"),
            &[
                ("title", spec.title.as_str()),
                ("declarations", &Self::declarations(spec)),
                ("function", &function),
                ("example_input", &example_input),
            ],
        );
        vec![code_tool(
            "execute",
            description,
            "JavaScript async arrow function that calls the functions on `api` and returns the result",
        )]
    }
}
