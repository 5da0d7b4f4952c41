//! `json-tools`: one OpenAI function tool per operation, as native function calling sends them.

use super::{Surface, names};
use crate::spec::{Operation, ParamLocation, Spec};
use rayon::prelude::*;
use serde_json::{Map, Value, json};

/// Which parameters a `json-tools` surface declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// Every path, query and header parameter and the whole body schema.
    Full,
    /// Only required parameters, and only the required properties of a required body.
    RequiredOnly,
}

/// One function tool per operation.
#[derive(Debug, Clone, Copy)]
pub struct JsonTools {
    /// Which parameters to declare.
    pub variant: Variant,
}

/// Where a tool argument goes when the call is turned into an HTTP request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgTarget {
    /// A path, query or header parameter with this name.
    Param(ParamLocation, String),
    /// The request body.
    Body,
}

/// The argument names of an operation's tool and where each goes. Names are the
/// parameter names; a clash (same name in two locations) prefixes the later one with
/// its location (`header_name`); the body is always `body`. Cookies are not exposed.
pub fn arguments(op: &Operation) -> Vec<(String, ArgTarget)> {
    let mut out: Vec<(String, ArgTarget)> = Vec::new();
    let body_taken = op.request_body.is_some();
    for p in &op.parameters {
        if p.location == ParamLocation::Cookie {
            continue;
        }
        let clash = |n: &str| out.iter().any(|(k, _)| k == n) || (body_taken && n == "body");
        let mut key = p.name.clone();
        if clash(&key) {
            key = format!("{}_{}", p.location.as_str(), p.name);
        }
        while clash(&key) {
            key.push('_');
        }
        out.push((key, ArgTarget::Param(p.location, p.name.clone())));
    }
    if body_taken {
        out.push(("body".to_string(), ArgTarget::Body));
    }
    out
}

/// The tool description: summary, then description when it adds something.
pub fn description(op: &Operation) -> String {
    match (&op.summary, &op.description) {
        (Some(s), Some(d)) if d != s && !d.starts_with(s.as_str()) => format!("{s}\n\n{d}"),
        (Some(s), Some(d)) if d.starts_with(s.as_str()) => d.clone(),
        (Some(s), _) => s.clone(),
        (None, Some(d)) => d.clone(),
        (None, None) => format!("{} {}", op.method.to_uppercase(), op.path),
    }
}

impl JsonTools {
    /// The JSON Schema of one operation's arguments.
    pub fn parameters(&self, spec: &Spec, op: &Operation) -> Value {
        let mut properties = Map::new();
        let mut required = Vec::new();
        let by_name = arguments(op);
        for (key, target) in &by_name {
            match target {
                ArgTarget::Param(location, name) => {
                    let Some(p) = op
                        .parameters
                        .iter()
                        .find(|p| p.location == *location && &p.name == name)
                    else {
                        continue;
                    };
                    if self.variant == Variant::RequiredOnly && !p.required {
                        continue;
                    }
                    let mut schema = spec.inline(&p.schema);
                    if let (Some(d), Value::Object(m)) = (&p.description, &mut schema)
                        && !m.contains_key("description")
                    {
                        m.insert("description".into(), Value::String(d.clone()));
                    }
                    if p.required {
                        required.push(Value::String(key.clone()));
                    }
                    properties.insert(key.clone(), schema);
                }
                ArgTarget::Body => {
                    let Some(body) = &op.request_body else { continue };
                    if self.variant == Variant::RequiredOnly && !body.required {
                        continue;
                    }
                    let mut schema = spec.inline(&body.schema);
                    if self.variant == Variant::RequiredOnly {
                        schema = required_only(schema);
                    }
                    if let (Some(d), Value::Object(m)) = (&body.description, &mut schema)
                        && !m.contains_key("description")
                    {
                        m.insert("description".into(), Value::String(d.clone()));
                    }
                    if body.required {
                        required.push(Value::String(key.clone()));
                    }
                    properties.insert(key.clone(), schema);
                }
            }
        }
        let mut params = json!({"type": "object", "properties": properties});
        if !required.is_empty() {
            params["required"] = Value::Array(required);
        }
        params
    }
}

/// Prunes an object schema to its required properties, recursively (through arrays and combinators).
fn required_only(schema: Value) -> Value {
    let Value::Object(mut map) = schema else { return schema };
    if let Some(Value::Object(props)) = map.remove("properties") {
        let required: Vec<String> = map
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).map(str::to_string).collect())
            .unwrap_or_default();
        let kept: Map<String, Value> = props
            .into_iter()
            .filter(|(k, _)| required.contains(k))
            .map(|(k, v)| (k, required_only(v)))
            .collect();
        map.insert("properties".into(), Value::Object(kept));
    }
    if let Some(items) = map.remove("items") {
        map.insert("items".into(), required_only(items));
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(Value::Array(vs)) = map.remove(key) {
            map.insert(key.into(), Value::Array(vs.into_iter().map(required_only).collect()));
        }
    }
    Value::Object(map)
}

impl Surface for JsonTools {
    fn name(&self) -> &'static str {
        "json-tools"
    }

    fn variant(&self) -> &'static str {
        match self.variant {
            Variant::Full => "full",
            Variant::RequiredOnly => "required-only",
        }
    }

    fn tools(&self, spec: &Spec) -> Vec<Value> {
        let names = names::tool_names(spec.operations.iter().map(|o| o.operation_id.as_str()));
        spec.operations
            .par_iter()
            .zip(names.into_par_iter())
            .map(|(op, name)| {
                json!({
                    "type": "function",
                    "function": {
                        "name": name,
                        "description": description(op),
                        "parameters": self.parameters(spec, op),
                    }
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn spec() -> Spec {
        let text = r##"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{
          "/zones/{zone_id}/dns_records": {
            "parameters": [{"name":"zone_id","in":"path","required":true,"schema":{"type":"string"}}],
            "post": {"operationId":"dns.create","summary":"Create DNS record",
              "parameters":[{"name":"body","in":"query","schema":{"type":"string"}},
                            {"name":"ttl","in":"header","schema":{"type":"integer"}},
                            {"name":"ttl","in":"query","required":true,"schema":{"type":"integer"}},
                            {"name":"sid","in":"cookie","schema":{"type":"string"}}],
              "requestBody":{"required":true,"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Rec"}}}},
              "responses":{"200":{"description":"ok"}}}}},
          "components":{"schemas":{"Rec":{"type":"object","required":["name"],"properties":{
             "name":{"type":"string"},"comment":{"type":"string"},
             "meta":{"type":"object","required":["a"],"properties":{"a":{"type":"string"},"b":{"type":"string"}}}}}}}}"##;
        Spec::from_text(text, Path::new("t.json")).unwrap()
    }

    #[test]
    fn argument_names_disambiguate_and_skip_cookies() {
        let s = spec();
        let args: Vec<String> = arguments(&s.operations[0]).into_iter().map(|(k, _)| k).collect();
        assert_eq!(args, vec!["zone_id", "query_body", "ttl", "query_ttl", "body"]);
    }

    #[test]
    fn full_and_required_only_parameters() {
        let s = spec();
        let full = JsonTools { variant: Variant::Full }.tools(&s);
        let f = &full[0]["function"];
        assert_eq!(f["name"], "dns_create");
        assert_eq!(f["description"], "Create DNS record");
        assert_eq!(f["parameters"]["required"], json!(["zone_id", "query_ttl", "body"]));
        assert_eq!(
            f["parameters"]["properties"]["body"]["properties"]["meta"]["properties"]["b"],
            json!({"type": "string"})
        );
        let min = JsonTools {
            variant: Variant::RequiredOnly,
        }
        .tools(&s);
        let p = &min[0]["function"]["parameters"];
        assert_eq!(
            p["properties"].as_object().unwrap().keys().collect::<Vec<_>>(),
            vec!["zone_id", "query_ttl", "body"]
        );
        assert_eq!(p["properties"]["body"]["properties"].as_object().unwrap().len(), 1);
        assert!(p["properties"]["body"]["properties"]["name"].is_object());
    }
}
