//! OpenAPI 3.1 from a [`Description`]: paths, operations, parameters and component schemas
//! in Cloudflare's envelope style (`{success, errors, messages, result, result_info}`).

use super::desc::{Description, Field, FieldType, Resource, parse_field, pascal};
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// Accumulates paths, schemas and tags of generated resources.
#[derive(Debug, Default)]
pub struct Builder {
    /// `paths` of the document, in order of first use.
    pub paths: Vec<(String, Map<String, Value>)>,
    /// `components.schemas`.
    pub schemas: Map<String, Value>,
    /// Tags in order of first use, with descriptions.
    pub tags: Vec<(String, String)>,
    /// Human names of path parameters (`zone_id` -> `zone`).
    pub param_names: HashMap<String, String>,
}

/// The document of a description (deterministic: same description, same value).
pub fn build(desc: &Description) -> Value {
    let mut b = Builder::default();
    for r in &desc.resources {
        if let Some(item) = &r.item {
            b.param_names.insert(item.clone(), r.name.clone());
        }
    }
    for r in &desc.resources {
        let tag_desc = desc.tags.get(&r.tag).cloned().unwrap_or_default();
        b.add_resource(r, &tag_desc);
    }
    for s in &desc.settings {
        let tag_desc = desc.tags.get(&s.tag).cloned().unwrap_or_default();
        b.add_tag(&s.tag, &tag_desc);
        for line in &s.items {
            let Ok(field) = parse_field(line) else { continue };
            b.add_setting(s, &field);
        }
    }
    b.document(&desc.title, &desc.version, &desc.description, &desc.server)
}

/// `#/components/schemas/NAME`.
fn schema_ref(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

fn article(word: &str) -> &'static str {
    match word.chars().next().map(|c| c.to_ascii_lowercase()) {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

/// The JSON schema of one field.
pub fn field_schema(f: &Field) -> Value {
    let mut s = match &f.ty {
        FieldType::Id => json!({"type": "string", "maxLength": 32, "readOnly": true}),
        FieldType::Ref => json!({"type": "string", "maxLength": 32}),
        FieldType::Str(None) => json!({"type": "string"}),
        FieldType::Str(Some(format)) => json!({"type": "string", "format": format}),
        FieldType::Ip => json!({"type": "string", "maxLength": 49}),
        FieldType::Integer => json!({"type": "integer"}),
        FieldType::Number => json!({"type": "number"}),
        FieldType::Boolean => json!({"type": "boolean"}),
        FieldType::Strings => json!({"type": "array", "items": {"type": "string"}}),
        FieldType::Object => json!({"type": "object", "additionalProperties": {"type": "string"}}),
        FieldType::Enum(values) => json!({"type": "string", "enum": values}),
    };
    let numeric = matches!(f.ty, FieldType::Integer | FieldType::Number);
    if let Some(min) = f.min {
        s[if numeric { "minimum" } else { "minLength" }] = json!(min);
    }
    if let Some(max) = f.max {
        s[if numeric { "maximum" } else { "maxLength" }] = json!(max);
    }
    if let Some(d) = &f.default {
        s["default"] = d.clone();
    }
    if f.read_only {
        s["readOnly"] = json!(true);
    }
    s["description"] = json!(f.description);
    s
}

fn object_schema(description: &str, fields: &[&Field], required: &[&str], closed: bool) -> Value {
    let mut props = Map::new();
    for f in fields {
        props.insert(f.name.clone(), field_schema(f));
    }
    let mut s = json!({"type": "object", "description": description});
    if !required.is_empty() {
        s["required"] = json!(required);
    }
    s["properties"] = Value::Object(props);
    if closed {
        s["additionalProperties"] = json!(false);
    }
    s
}

/// The sentence operations that could create a duplicate add to their description (empty without rules).
fn conflict_note(name: &str, unique: &[Vec<String>]) -> String {
    if unique.is_empty() {
        return String::new();
    }
    let groups: Vec<String> = unique
        .iter()
        .map(|g| g.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(" and "))
        .collect();
    format!(
        " Fails with 409 Conflict, naming the existing {name}'s identifier, when another {name} already has the same {}.",
        groups.join(", or the same ")
    )
}

fn envelope(result: Value, list: bool) -> Value {
    let mut props = json!({"result": result});
    if list {
        props["result_info"] = schema_ref("ResultInfo");
    }
    json!({"allOf": [schema_ref("ApiResponse"), {"type": "object", "properties": props}]})
}

fn responses(result: Value, list: bool, description: &str) -> Value {
    json!({
        "200": {"description": description, "content": {"application/json": {"schema": envelope(result, list)}}},
        "4XX": {"description": "The request failed; `errors` says why.", "content": {"application/json": {"schema": schema_ref("ApiError")}}}
    })
}

/// The request body of an action: its described fields, else a free-form object.
fn action_body(r: &Resource, action: &str) -> Value {
    match r.action_fields.get(action) {
        Some(lines) => {
            let fields: Vec<Field> = lines.iter().filter_map(|l| parse_field(l).ok()).collect();
            let refs: Vec<&Field> = fields.iter().collect();
            let required: Vec<&str> = fields.iter().filter(|f| f.required).map(|f| f.name.as_str()).collect();
            json_body(
                object_schema("Options of the action.", &refs, &required, true),
                !required.is_empty(),
            )
        }
        None => json_body(
            json!({"type": "object", "description": "Options of the action.", "additionalProperties": true}),
            false,
        ),
    }
}

fn json_body(schema: Value, required: bool) -> Value {
    json!({"required": required, "content": {"application/json": {"schema": schema}}})
}

impl Builder {
    /// Records a tag (first use wins).
    pub fn add_tag(&mut self, name: &str, description: &str) {
        if !self.tags.iter().any(|(n, _)| n == name) {
            self.tags.push((name.to_string(), description.to_string()));
        }
    }

    fn human_param(&self, param: &str) -> String {
        self.param_names.get(param).cloned().unwrap_or_else(|| {
            param
                .strip_suffix("_id")
                .or_else(|| param.strip_suffix("_name"))
                .unwrap_or(param)
                .replace('_', " ")
        })
    }

    fn path_params(&self, path: &str) -> Vec<Value> {
        path.split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(|p| {
                let (what, max) = if p.ends_with("_id") {
                    (format!("Identifier of the {}.", self.human_param(p)), 32)
                } else {
                    (format!("Name of the {}.", self.human_param(p)), 512)
                };
                json!({"name": p, "in": "path", "required": true, "description": what,
                       "schema": {"type": "string", "minLength": 1, "maxLength": max}})
            })
            .collect()
    }

    fn path_item(&mut self, path: &str) -> &mut Map<String, Value> {
        let at = match self.paths.iter().position(|(p, _)| p == path) {
            Some(i) => i,
            None => {
                let params = self.path_params(path);
                let mut m = Map::new();
                if !params.is_empty() {
                    m.insert("parameters".into(), Value::Array(params));
                }
                self.paths.push((path.to_string(), m));
                self.paths.len() - 1
            }
        };
        &mut self.paths[at].1
    }

    fn owner_of(&self, path: &str) -> String {
        path.rsplit('/')
            .find_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(|p| format!("the {}", self.human_param(p)))
            .unwrap_or_else(|| "the account".to_string())
    }

    /// Adds every operation of one resource.
    pub fn add_resource(&mut self, r: &Resource, tag_description: &str) {
        self.add_tag(&r.tag, tag_description);
        let fields = r.parsed_fields();
        let name = &r.name;
        let plural = r.plural();
        let schema = r.schema_name();
        let owner = self.owner_of(&r.path);
        let description = r
            .description
            .clone()
            .unwrap_or_else(|| format!("{} {name} of {owner}.", pascal(article(name))));
        let all: Vec<&Field> = fields.iter().collect();
        let required: Vec<&str> = fields
            .iter()
            .filter(|f| f.required || f.ty == FieldType::Id)
            .map(|f| f.name.as_str())
            .collect();
        let mut item_schema = object_schema(&description, &all, &required, false);
        let unique: Vec<Vec<String>> = r.unique.iter().map(|u| u.fields()).collect();
        if !unique.is_empty() {
            item_schema["x-cmbench-unique"] = json!(unique);
        }
        self.schemas.insert(schema.clone(), item_schema);
        let conflict = conflict_note(name, &unique);
        let writable: Vec<&Field> = fields
            .iter()
            .filter(|f| !f.read_only && f.ty != FieldType::Id)
            .collect();
        let create_required: Vec<&str> = writable
            .iter()
            .filter(|f| f.required)
            .map(|f| f.name.as_str())
            .collect();
        let input = format!("{schema}Input");
        let patch = format!("{schema}Patch");
        if r.has("create") || r.has("replace") {
            self.schemas.insert(
                input.clone(),
                object_schema(
                    &format!("The fields of {} {name} that a client sets.", article(name)),
                    &writable,
                    &create_required,
                    true,
                ),
            );
        }
        if r.has("update") {
            let what = if r.item.is_some() {
                format!(
                    "Fields to change on {} {name}; fields left out keep their value.",
                    article(name)
                )
            } else {
                format!("Fields to change in the {name}; fields left out keep their value.")
            };
            self.schemas
                .insert(patch.clone(), object_schema(&what, &writable, &[], true));
        }
        let tag = json!([r.tag]);
        let op = |id: String, summary: String, description: String| json!({"operationId": id, "summary": summary, "description": description, "tags": tag.clone()});
        let Some(item_param) = &r.item else {
            // A singleton.
            let path = r.path.clone();
            let mut ops: Vec<(&str, Value)> = Vec::new();
            if r.has("get") {
                let mut o = op(
                    format!("{}-get", r.id),
                    format!("Get {name}"),
                    format!("Returns the {name} of {owner}."),
                );
                o["responses"] = responses(schema_ref(&schema), false, &format!("The {name}."));
                ops.push(("get", o));
            }
            for (verb, method, body_schema, summary) in [
                ("update", "patch", &patch, format!("Update {name}")),
                ("replace", "put", &input, format!("Replace {name}")),
            ] {
                if r.has(verb) {
                    let mut o = op(
                        format!("{}-{verb}", r.id),
                        summary,
                        format!("Changes the {name} of {owner} and returns it."),
                    );
                    o["requestBody"] = json_body(schema_ref(body_schema), true);
                    o["responses"] = responses(schema_ref(&schema), false, &format!("The updated {name}."));
                    ops.push((method, o));
                }
            }
            if r.has("delete") {
                let mut o = op(
                    format!("{}-delete", r.id),
                    format!("Delete {name}"),
                    format!("Removes the {name} of {owner}."),
                );
                o["responses"] = responses(
                    json!({"type": "object", "properties": {"id": {"type": "string", "description": "Identifier of what was removed."}}}),
                    false,
                    "Removed.",
                );
                ops.push(("delete", o));
            }
            let item = self.path_item(&path);
            for (m, o) in ops {
                item.insert(m.into(), o);
            }
            self.add_actions(r, &r.path, &owner);
            return;
        };
        let collection = r.path.clone();
        let item_path = format!("{collection}/{{{item_param}}}");
        let mut collection_ops: Vec<(&str, Value)> = Vec::new();
        if r.has("list") {
            let [default, max] = r.per_page.unwrap_or([20, 100]);
            let mut params = vec![
                json!({"name": "page", "in": "query", "description": "Page number of paginated results (1 is the first page).",
                       "schema": {"type": "integer", "minimum": 1, "default": 1}}),
                json!({"name": "per_page", "in": "query", "description": format!("Number of {plural} per page."),
                       "schema": {"type": "integer", "minimum": 1, "maximum": max, "default": default}}),
            ];
            for f in fields.iter().filter(|f| f.filter) {
                let mut s = field_schema(f);
                if let Value::Object(m) = &mut s {
                    m.remove("description");
                    m.remove("readOnly");
                    m.remove("default");
                }
                let (s, relation) = if f.ty == FieldType::Strings {
                    (json!({"type": "string"}), "includes")
                } else {
                    (s, "equals")
                };
                params.push(json!({"name": f.name, "in": "query",
                    "description": format!("Only {plural} whose `{}` {relation} this value.", f.name), "schema": s}));
            }
            if !r.sort.is_empty() {
                params.push(
                    json!({"name": "order", "in": "query", "description": "Field to order the results by.",
                                   "schema": {"type": "string", "enum": r.sort}}),
                );
                params.push(
                    json!({"name": "direction", "in": "query", "description": "Direction to order the results in.",
                                   "schema": {"type": "string", "enum": ["asc", "desc"]}}),
                );
            }
            let mut o = op(
                format!("{}-list", r.id),
                format!("List {plural}"),
                format!(
                    "Lists the {plural} of {owner}, {default} per page by default and at most {max}. \
                     `result_info` gives the total count and the number of pages."
                ),
            );
            o["parameters"] = Value::Array(params);
            o["responses"] = responses(
                json!({"type": "array", "items": schema_ref(&schema)}),
                true,
                &format!("One page of {plural}."),
            );
            collection_ops.push(("get", o));
        }
        if r.has("create") {
            let mut o = op(
                format!("{}-create", r.id),
                format!("Create {} {name}", article(name)),
                format!(
                    "Creates {} {name} in {owner} and returns it with its new identifier.{conflict}",
                    article(name)
                ),
            );
            o["requestBody"] = json_body(schema_ref(&input), true);
            o["responses"] = responses(schema_ref(&schema), false, &format!("The new {name}."));
            collection_ops.push(("post", o));
        }
        let mut item_ops: Vec<(&str, Value)> = Vec::new();
        if r.has("get") {
            let mut o = op(
                format!("{}-get", r.id),
                format!("Get {name} details"),
                format!("Returns one {name} by its identifier."),
            );
            o["responses"] = responses(schema_ref(&schema), false, &format!("The {name}."));
            item_ops.push(("get", o));
        }
        if r.has("update") {
            let mut o = op(
                format!("{}-update", r.id),
                format!("Update {} {name}", article(name)),
                format!("Changes the fields sent and keeps the others; returns the updated {name}.{conflict}"),
            );
            o["requestBody"] = json_body(schema_ref(&patch), true);
            o["responses"] = responses(schema_ref(&schema), false, &format!("The updated {name}."));
            item_ops.push(("patch", o));
        }
        if r.has("replace") {
            let mut o = op(
                format!("{}-replace", r.id),
                format!("Overwrite {} {name}", article(name)),
                format!("Replaces the whole {name}: optional fields not sent are cleared.{conflict}"),
            );
            o["requestBody"] = json_body(schema_ref(&input), true);
            o["responses"] = responses(schema_ref(&schema), false, &format!("The replaced {name}."));
            item_ops.push(("put", o));
        }
        if r.has("delete") {
            let mut o = op(
                format!("{}-delete", r.id),
                format!("Delete {} {name}", article(name)),
                format!("Deletes the {name}. This cannot be undone."),
            );
            o["responses"] = responses(
                json!({"type": "object", "required": ["id"], "properties": {"id": {"type": "string", "description": format!("Identifier of the deleted {name}.")}}}),
                false,
                "The identifier of the deleted item.",
            );
            item_ops.push(("delete", o));
        }
        if !collection_ops.is_empty() {
            let c = self.path_item(&collection);
            for (m, o) in collection_ops {
                c.insert(m.into(), o);
            }
        }
        if !item_ops.is_empty() {
            let c = self.path_item(&item_path);
            for (m, o) in item_ops {
                c.insert(m.into(), o);
            }
        }
        self.add_actions(r, &item_path, &owner);
    }

    fn add_actions(&mut self, r: &Resource, item_path: &str, owner: &str) {
        for a in r.parsed_actions() {
            let base = if a.on_item { item_path } else { r.path.as_str() };
            let path = format!("{base}/{}", a.name);
            let target = if a.on_item {
                format!("one {}", r.name)
            } else {
                format!("the {} of {owner}", r.plural())
            };
            let o = json!({
                "operationId": format!("{}-{}", r.id, a.name.replace('_', "-")),
                "summary": a.summary,
                "description": format!("{} Acts on {target}; the result reports what was done.", a.summary.trim_end_matches('.').to_string() + "."),
                "tags": [r.tag],
                "requestBody": action_body(r, &a.name),
                "responses": responses(json!({"type": "object", "properties": {
                    "id": {"type": "string", "description": "Identifier of the job or item acted on."},
                    "status": {"type": "string", "enum": ["queued", "in_progress", "completed"], "description": "Progress of the action."}
                }}), false, "The action was accepted."),
            });
            self.path_item(&path).insert("post".into(), o);
        }
    }

    /// Adds one setting (`GET` + `PATCH` on `<settings.path>/<name>`).
    pub fn add_setting(&mut self, s: &super::desc::Settings, f: &Field) {
        let schema = format!("{}{}", pascal(&s.id), pascal(&f.name));
        let mut value = field_schema(f);
        if let Value::Object(m) = &mut value {
            m.remove("readOnly");
        }
        self.schemas.insert(
            schema.clone(),
            json!({"type": "object", "description": f.description, "required": ["id", "value"], "properties": {
                "id": {"type": "string", "enum": [f.name], "description": "Name of the setting."},
                "value": value,
                "editable": {"type": "boolean", "readOnly": true, "description": "Whether the current plan allows changing the setting."},
                "modified_on": {"type": "string", "format": "date-time", "readOnly": true, "description": "When the setting last changed."}
            }}),
        );
        let human = f.name.replace('_', " ");
        let dashed = f.name.replace('_', "-");
        let owner = &s.owner;
        let mut get = json!({"operationId": format!("{}-get-{dashed}", s.id), "summary": format!("Get {human} setting"),
            "description": format!("{} Returns the current value for the {owner}.", f.description), "tags": [s.tag]});
        get["responses"] = responses(schema_ref(&schema), false, "The setting.");
        let mut value_only = field_schema(f);
        if let Value::Object(m) = &mut value_only {
            m.remove("readOnly");
            m.remove("default");
        }
        let mut patch = json!({"operationId": format!("{}-edit-{dashed}", s.id), "summary": format!("Change {human} setting"),
            "description": format!("{} Sets a new value for the {owner}.", f.description), "tags": [s.tag]});
        patch["requestBody"] = json_body(
            json!({"type": "object", "required": ["value"], "additionalProperties": false, "properties": {"value": value_only}}),
            true,
        );
        patch["responses"] = responses(schema_ref(&schema), false, "The updated setting.");
        let item = self.path_item(&format!("{}/{}", s.path, f.name));
        item.insert("get".into(), get);
        item.insert("patch".into(), patch);
    }

    /// The finished document, with the envelope components.
    pub fn document(mut self, title: &str, version: &str, description: &str, server: &str) -> Value {
        let mut schemas = envelope_components();
        schemas.append(&mut self.schemas);
        let tags: Vec<Value> = self
            .tags
            .iter()
            .map(|(n, d)| json!({"name": n, "description": d}))
            .collect();
        json!({
            "openapi": "3.1.0",
            "info": {"title": title, "version": version, "description": description},
            "servers": [{"url": server}],
            "tags": tags,
            "paths": Value::Object(self.paths.into_iter().map(|(p, m)| (p, Value::Object(m))).collect()),
            "components": {"schemas": Value::Object(schemas)}
        })
    }
}

/// `ApiResponse`, `ApiError`, `ResponseMessage` and `ResultInfo`.
pub fn envelope_components() -> Map<String, Value> {
    let v = json!({
        "ResponseMessage": {"type": "object", "description": "An error or informational message.", "required": ["code", "message"], "properties": {
            "code": {"type": "integer", "minimum": 1000, "description": "Numeric message code."},
            "message": {"type": "string", "description": "Human-readable text."}
        }},
        "ApiResponse": {"type": "object", "description": "Envelope of every successful response.", "required": ["success", "errors", "messages", "result"], "properties": {
            "success": {"type": "boolean", "enum": [true], "description": "Whether the call succeeded."},
            "errors": {"type": "array", "items": {"$ref": "#/components/schemas/ResponseMessage"}, "description": "Always empty on success."},
            "messages": {"type": "array", "items": {"$ref": "#/components/schemas/ResponseMessage"}, "description": "Informational messages."},
            "result": {"description": "The payload: an object, or an array for lists."}
        }},
        "ApiError": {"type": "object", "description": "Envelope of a failed response.", "required": ["success", "errors"], "properties": {
            "success": {"type": "boolean", "enum": [false], "description": "Always false."},
            "errors": {"type": "array", "items": {"$ref": "#/components/schemas/ResponseMessage"}, "description": "What went wrong."},
            "messages": {"type": "array", "items": {"$ref": "#/components/schemas/ResponseMessage"}, "description": "Informational messages."},
            "result": {"type": "null", "description": "Always null."}
        }},
        "ResultInfo": {"type": "object", "description": "Pagination of a list.", "properties": {
            "page": {"type": "integer", "description": "Current page (1-based)."},
            "per_page": {"type": "integer", "description": "Items per page."},
            "count": {"type": "integer", "description": "Items on this page."},
            "total_count": {"type": "integer", "description": "Items across all pages."},
            "total_pages": {"type": "integer", "description": "Number of pages."}
        }}
    });
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}
