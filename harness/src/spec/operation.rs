//! The operation index: one entry per (method, path) with parameters, body and responses.

use super::SpecFormat;
use super::error::{SpecError, escape_token};
use super::resolve::deref;
use serde::Serialize;
use serde_json::{Map, Value, json};
use std::collections::HashSet;
use std::path::Path;

/// HTTP methods an OpenAPI path item may hold, in the order operations are indexed.
pub const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Where a parameter is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamLocation {
    /// A `{name}` segment of the path template.
    Path,
    /// A query-string parameter.
    Query,
    /// A request header.
    Header,
    /// A cookie.
    Cookie,
}

impl ParamLocation {
    /// The OpenAPI spelling (`path`, `query`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Path => "path",
            Self::Query => "query",
            Self::Header => "header",
            Self::Cookie => "cookie",
        }
    }
}

/// One parameter of an operation (path-level parameters merged in).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parameter {
    /// Parameter name.
    pub name: String,
    /// Where it is sent.
    #[serde(rename = "in")]
    pub location: ParamLocation,
    /// Whether the caller must send it (always true for path parameters).
    pub required: bool,
    /// Its description, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether the spec marks it deprecated.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// Its JSON Schema, as written (may hold `$ref`s; inline with `Spec::inline`).
    pub schema: Value,
}

/// The request body of an operation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestBody {
    /// Whether a body must be sent.
    pub required: bool,
    /// Its description, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The preferred media type (JSON when offered).
    pub content_type: String,
    /// Its JSON Schema, as written (may hold `$ref`s).
    pub schema: Value,
}

/// One documented response of an operation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Response {
    /// Status code or range as written (`200`, `2XX`, `default`).
    pub status: String,
    /// Its description, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The preferred media type, when the response has a body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// The body's JSON Schema, as written, when the response has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<Value>,
}

/// One operation of the API.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Operation {
    /// Lower-case HTTP method.
    pub method: String,
    /// Path template as written in the spec (`/zones/{zone_id}`).
    pub path: String,
    /// The operationId, synthesised from method and path when missing or duplicated.
    pub operation_id: String,
    /// True when `operation_id` was synthesised rather than taken from the spec.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub operation_id_synthesized: bool,
    /// Short summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Longer description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Whether the spec marks it deprecated.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// Parameters (path-level ones merged in, operation-level ones win).
    pub parameters: Vec<Parameter>,
    /// Request body, if the operation takes one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_body: Option<RequestBody>,
    /// Documented responses in spec order.
    pub responses: Vec<Response>,
    /// JSON pointer of the operation object in the document.
    pub pointer: String,
}

impl Operation {
    /// True for methods that do not change server state (GET, HEAD, OPTIONS, TRACE).
    pub fn is_read(&self) -> bool {
        matches!(self.method.as_str(), "get" | "head" | "options" | "trace")
    }

    /// The first 2xx response (or `default`), the one a successful call returns.
    pub fn success_response(&self) -> Option<&Response> {
        self.responses
            .iter()
            .find(|r| r.status.starts_with('2'))
            .or_else(|| self.responses.iter().find(|r| r.status == "default"))
    }
}

fn opt_string(map: &Map<String, Value>, key: &str) -> Option<String> {
    map.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Picks the media type a client would use: JSON first, then any `+json`, then the first.
fn pick_media(content: &Map<String, Value>) -> Option<(&String, &Value)> {
    content
        .iter()
        .find(|(k, _)| k.as_str() == "application/json")
        .or_else(|| content.iter().find(|(k, _)| k.contains("json")))
        .or_else(|| content.iter().next())
}

/// Builds the operation index of a parsed document.
pub fn index(doc: &Value, format: SpecFormat, file: &Path) -> Result<Vec<Operation>, SpecError> {
    let Some(paths) = doc.get("paths") else {
        return Err(SpecError::at(file, "", "no 'paths' object: not an API description"));
    };
    let paths = paths
        .as_object()
        .ok_or_else(|| SpecError::at(file, "/paths", "'paths' must be an object"))?;
    let global_consumes = string_list(doc.get("consumes"));
    let mut ops = Vec::new();
    for (path, item) in paths {
        let item_ptr = format!("/paths/{}", escape_token(path));
        if !path.starts_with('/') {
            if path.starts_with("x-") {
                continue;
            }
            return Err(SpecError::at(
                file,
                item_ptr,
                format!("path {path:?} must start with '/'"),
            ));
        }
        let item = deref(doc, item, &item_ptr, file)?;
        let item = item
            .as_object()
            .ok_or_else(|| SpecError::at(file, &item_ptr, "path item must be an object"))?;
        let shared = match item.get("parameters") {
            Some(p) => parameters(doc, p, &format!("{item_ptr}/parameters"), format, file)?,
            None => Parameters::default(),
        };
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            let op_ptr = format!("{item_ptr}/{method}");
            let op = op
                .as_object()
                .ok_or_else(|| SpecError::at(file, &op_ptr, "operation must be an object"))?;
            let own = match op.get("parameters") {
                Some(p) => parameters(doc, p, &format!("{op_ptr}/parameters"), format, file)?,
                None => Parameters::default(),
            };
            let mut params = shared.params.clone();
            for p in own.params {
                if let Some(existing) = params.iter_mut().find(|e| e.name == p.name && e.location == p.location) {
                    *existing = p;
                } else {
                    params.push(p);
                }
            }
            for name in template_names(path) {
                if !params
                    .iter()
                    .any(|p| p.location == ParamLocation::Path && p.name == name)
                {
                    // Real specs sometimes forget to declare a path parameter; the path still needs it.
                    params.push(Parameter {
                        name: name.clone(),
                        location: ParamLocation::Path,
                        required: true,
                        description: None,
                        deprecated: false,
                        schema: json!({"type": "string"}),
                    });
                }
            }
            let request_body = match format {
                SpecFormat::Swagger20 => {
                    let consumes = string_list(op.get("consumes")).or_else(|| global_consumes.clone());
                    swagger_body(
                        own.body.or(shared.body.clone()),
                        own.form.or(shared.form.clone()),
                        consumes,
                    )
                }
                _ => match op.get("requestBody") {
                    Some(b) => Some(request_body(doc, b, &format!("{op_ptr}/requestBody"), file)?),
                    None => None,
                },
            };
            let responses = match op.get("responses") {
                Some(r) => responses(doc, r, &format!("{op_ptr}/responses"), format, file)?,
                None => Vec::new(),
            };
            ops.push(Operation {
                method: method.to_string(),
                path: path.clone(),
                operation_id: opt_string(op, "operationId").unwrap_or_default(),
                operation_id_synthesized: false,
                summary: opt_string(op, "summary"),
                description: opt_string(op, "description"),
                tags: op
                    .get("tags")
                    .and_then(Value::as_array)
                    .map(|t| t.iter().filter_map(Value::as_str).map(str::to_string).collect())
                    .unwrap_or_default(),
                deprecated: op.get("deprecated").and_then(Value::as_bool).unwrap_or(false),
                parameters: params,
                request_body,
                responses,
                pointer: op_ptr,
            });
        }
    }
    assign_ids(&mut ops);
    Ok(ops)
}

fn string_list(v: Option<&Value>) -> Option<Vec<String>> {
    v.and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
}

/// Names of `{name}` segments in a path template.
pub fn template_names(path: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        names.push(rest[start + 1..start + len].to_string());
        rest = &rest[start + len + 1..];
    }
    names
}

/// A Swagger 2.0 `formData` field: name, schema, required, description.
type FormField = (String, Value, bool, Option<String>);

/// A Swagger 2.0 `in: body` parameter: schema, required, description.
type BodyParam = (Value, bool, Option<String>);

#[derive(Default, Clone)]
struct Parameters {
    params: Vec<Parameter>,
    /// Swagger 2.0 `in: body` schema.
    body: Option<BodyParam>,
    /// Swagger 2.0 `in: formData` fields (name, schema, required, description).
    form: Option<Vec<FormField>>,
}

/// Keys of a Swagger 2.0 non-body parameter that belong in its schema.
const SWAGGER_SCHEMA_KEYS: [&str; 16] = [
    "type",
    "format",
    "items",
    "enum",
    "default",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "multipleOf",
];

fn parameters(doc: &Value, list: &Value, ptr: &str, format: SpecFormat, file: &Path) -> Result<Parameters, SpecError> {
    let list = list
        .as_array()
        .ok_or_else(|| SpecError::at(file, ptr, "'parameters' must be an array"))?;
    let mut out = Parameters::default();
    for (i, p) in list.iter().enumerate() {
        let p_ptr = format!("{ptr}/{i}");
        let p = deref(doc, p, &p_ptr, file)?;
        let p = p
            .as_object()
            .ok_or_else(|| SpecError::at(file, &p_ptr, "parameter must be an object"))?;
        let name = opt_string(p, "name")
            .ok_or_else(|| SpecError::at(file, format!("{p_ptr}/name"), "parameter has no 'name'"))?;
        let location = p
            .get("in")
            .and_then(Value::as_str)
            .ok_or_else(|| SpecError::at(file, format!("{p_ptr}/in"), format!("parameter {name:?} has no 'in'")))?;
        let required = p.get("required").and_then(Value::as_bool).unwrap_or(false);
        let description = opt_string(p, "description");
        let location = match location {
            "path" => ParamLocation::Path,
            "query" => ParamLocation::Query,
            "header" => ParamLocation::Header,
            "cookie" => ParamLocation::Cookie,
            "body" if format == SpecFormat::Swagger20 => {
                let schema = p.get("schema").cloned().unwrap_or_else(|| json!({}));
                out.body = Some((schema, required, description));
                continue;
            }
            "formData" if format == SpecFormat::Swagger20 => {
                out.form
                    .get_or_insert_with(Vec::new)
                    .push((name, swagger_schema(p), required, description));
                continue;
            }
            other => {
                return Err(SpecError::at(
                    file,
                    format!("{p_ptr}/in"),
                    format!(
                        "parameter {name:?} has unknown location {other:?} (expected path, query, header or cookie{})",
                        if format == SpecFormat::Swagger20 {
                            ", body or formData"
                        } else {
                            ""
                        }
                    ),
                ));
            }
        };
        let schema = match format {
            SpecFormat::Swagger20 => swagger_schema(p),
            _ => match (p.get("schema"), p.get("content").and_then(Value::as_object)) {
                (Some(s), _) => s.clone(),
                (None, Some(content)) => pick_media(content)
                    .and_then(|(_, m)| m.get("schema").cloned())
                    .unwrap_or_else(|| json!({})),
                (None, None) => json!({}),
            },
        };
        out.params.push(Parameter {
            required: required || location == ParamLocation::Path,
            name,
            location,
            description,
            deprecated: p.get("deprecated").and_then(Value::as_bool).unwrap_or(false),
            schema,
        });
    }
    Ok(out)
}

/// The JSON Schema of a Swagger 2.0 non-body parameter (its schema keys live on the parameter itself).
fn swagger_schema(p: &Map<String, Value>) -> Value {
    let mut schema = Map::new();
    for key in SWAGGER_SCHEMA_KEYS {
        if let Some(v) = p.get(key) {
            schema.insert(key.to_string(), v.clone());
        }
    }
    if schema.get("type").and_then(Value::as_str) == Some("file") {
        schema.insert("type".into(), json!("string"));
        schema.insert("format".into(), json!("binary"));
    }
    Value::Object(schema)
}

fn swagger_body(
    body: Option<BodyParam>,
    form: Option<Vec<FormField>>,
    consumes: Option<Vec<String>>,
) -> Option<RequestBody> {
    let consumes = consumes.unwrap_or_default();
    if let Some((schema, required, description)) = body {
        let content_type = consumes
            .iter()
            .find(|c| c.contains("json"))
            .or_else(|| consumes.first())
            .cloned()
            .unwrap_or_else(|| "application/json".into());
        return Some(RequestBody {
            required,
            description,
            content_type,
            schema,
        });
    }
    let fields = form?;
    let multipart = consumes.iter().any(|c| c.starts_with("multipart/"))
        || fields
            .iter()
            .any(|(_, s, _, _)| s.get("format").and_then(Value::as_str) == Some("binary"));
    let mut properties = Map::new();
    let mut required = Vec::new();
    for (name, mut schema, req, description) in fields {
        if let (Some(d), Value::Object(m)) = (description, &mut schema) {
            m.insert("description".into(), Value::String(d));
        }
        if req {
            required.push(Value::String(name.clone()));
        }
        properties.insert(name, schema);
    }
    let any_required = !required.is_empty();
    let mut schema = json!({"type": "object", "properties": properties});
    if any_required {
        schema["required"] = Value::Array(required);
    }
    Some(RequestBody {
        required: any_required,
        description: None,
        content_type: if multipart {
            "multipart/form-data"
        } else {
            "application/x-www-form-urlencoded"
        }
        .into(),
        schema,
    })
}

fn request_body(doc: &Value, body: &Value, ptr: &str, file: &Path) -> Result<RequestBody, SpecError> {
    let body = deref(doc, body, ptr, file)?;
    let body = body
        .as_object()
        .ok_or_else(|| SpecError::at(file, ptr, "requestBody must be an object"))?;
    let content = body.get("content").and_then(Value::as_object);
    let (content_type, schema) = match content.and_then(pick_media) {
        Some((ct, media)) => (ct.clone(), media.get("schema").cloned().unwrap_or_else(|| json!({}))),
        None => ("application/json".to_string(), json!({})),
    };
    Ok(RequestBody {
        required: body.get("required").and_then(Value::as_bool).unwrap_or(false),
        description: opt_string(body, "description"),
        content_type,
        schema,
    })
}

fn responses(
    doc: &Value,
    list: &Value,
    ptr: &str,
    format: SpecFormat,
    file: &Path,
) -> Result<Vec<Response>, SpecError> {
    let list = list
        .as_object()
        .ok_or_else(|| SpecError::at(file, ptr, "'responses' must be an object"))?;
    let mut out = Vec::new();
    for (status, r) in list {
        if status.starts_with("x-") {
            continue;
        }
        let r_ptr = format!("{ptr}/{}", escape_token(status));
        let r = deref(doc, r, &r_ptr, file)?;
        let Some(r) = r.as_object() else {
            return Err(SpecError::at(file, r_ptr, "response must be an object"));
        };
        let (content_type, schema) = match format {
            SpecFormat::Swagger20 => (
                r.get("schema").map(|_| "application/json".to_string()),
                r.get("schema").cloned(),
            ),
            _ => match r.get("content").and_then(Value::as_object).and_then(pick_media) {
                Some((ct, media)) => (Some(ct.clone()), media.get("schema").cloned()),
                None => (None, None),
            },
        };
        out.push(Response {
            status: status.clone(),
            description: opt_string(r, "description"),
            content_type,
            schema,
        });
    }
    Ok(out)
}

/// A stable identifier synthesised from method and path: `get /zones/{id}/dns` -> `get_zones_id_dns`.
pub fn synthesize_id(method: &str, path: &str) -> String {
    let mut id = method.to_string();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        let cleaned: String = segment
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let cleaned = cleaned.trim_matches('_');
        if !cleaned.is_empty() {
            id.push('_');
            id.push_str(cleaned);
        }
    }
    id
}

/// Gives every operation a unique id: missing ids are synthesised, later duplicates get a suffix.
fn assign_ids(ops: &mut [Operation]) {
    let declared: HashSet<String> = ops
        .iter()
        .filter(|o| !o.operation_id.is_empty())
        .map(|o| o.operation_id.clone())
        .collect();
    let mut taken: HashSet<String> = HashSet::new();
    for op in ops.iter_mut() {
        let (base, synthesized) = if op.operation_id.is_empty() {
            (synthesize_id(&op.method, &op.path), true)
        } else {
            (op.operation_id.clone(), false)
        };
        let mut id = base.clone();
        let mut n = 2;
        // A synthesised id also avoids every declared id, so later declared ids keep theirs.
        while taken.contains(&id) || (synthesized && declared.contains(&id)) {
            id = format!("{base}_{n}");
            n += 1;
        }
        op.operation_id_synthesized = synthesized || id != base;
        taken.insert(id.clone());
        op.operation_id = id;
    }
}
