//! OpenAPI 3.1 from a [`Description`]: paths, operations, parameters and component schemas
//! in the world's [`Style`]: Cloudflare's envelope (`{success, errors, messages, result,
//! result_info}`, the default) or bare bodies, with page, offset or cursor paging.

use super::desc::{
    Description, EnvelopeStyle, ErrorStyle, Field, FieldType, PagingStyle, Resource, Style, parse_field, pascal,
};
use serde_json::{Map, Value, json};
use std::collections::HashMap;

mod actions;
mod style;

pub use style::envelope_components;
use style::*;

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
    /// Wire style of the generated operations.
    pub style: Style,
}

/// The document of a description (deterministic: same description, same value).
pub fn build(desc: &Description) -> Value {
    let mut b = Builder {
        style: desc.style(),
        ..Builder::default()
    };
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

    /// The paging query parameters of a list.
    fn paging_params(&self, plural: &str, default: u64, max: u64) -> Vec<Value> {
        let size = |name: &str| {
            json!({"name": name, "in": "query", "description": format!("Number of {plural} per page."),
                   "schema": {"type": "integer", "minimum": 1, "maximum": max, "default": default}})
        };
        match self.style.paging {
            PagingStyle::Page => vec![
                json!({"name": "page", "in": "query", "description": "Page number of paginated results (1 is the first page).",
                       "schema": {"type": "integer", "minimum": 1, "default": 1}}),
                size("per_page"),
            ],
            PagingStyle::Offset => vec![
                json!({"name": "offset", "in": "query", "description": format!("Number of {plural} to skip (0 starts at the first)."),
                       "schema": {"type": "integer", "minimum": 0, "default": 0}}),
                size("limit"),
            ],
            PagingStyle::Cursor => vec![
                size("limit"),
                json!({"name": "starting_after", "in": "query",
                       "description": "Cursor for the next page: the identifier of the last item of the previous page.",
                       "schema": {"type": "string"}}),
                json!({"name": "ending_before", "in": "query",
                       "description": "Cursor for the previous page: the identifier of the first item of the next page.",
                       "schema": {"type": "string"}}),
            ],
        }
    }

    /// What a list's description says about reaching the other pages.
    fn paging_note(&self) -> &'static str {
        match (self.style.envelope, self.style.paging) {
            (EnvelopeStyle::Cloudflare, PagingStyle::Page) => {
                "`result_info` gives the total count and the number of pages."
            }
            (EnvelopeStyle::Cloudflare, PagingStyle::Offset) => {
                "`result_info` gives the offset of the page and the total count."
            }
            (EnvelopeStyle::Cloudflare, PagingStyle::Cursor) => {
                "`result_info.cursor`, when present, is the `starting_after` of the next page."
            }
            (EnvelopeStyle::Bare, PagingStyle::Page) => {
                "The body is an array; the `Link` header holds the URL of the next page until the last one."
            }
            (EnvelopeStyle::Bare, PagingStyle::Offset) => {
                "`total` counts the matches across all pages; raise `offset` by `limit` for the next page."
            }
            (EnvelopeStyle::Bare, PagingStyle::Cursor) => {
                "While `has_more` is true, pass the `id` of the last item as `starting_after` for the next page."
            }
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
                if p.ends_with("_number") {
                    return json!({"name": p, "in": "path", "required": true,
                        "description": format!("Number of the {}.", self.human_param(p)),
                        "schema": {"type": "integer", "minimum": 1}});
                }
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
                o["responses"] = responses(&self.style, schema_ref(&schema), false, &format!("The {name}."));
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
                    o["responses"] =
                        responses(&self.style, schema_ref(&schema), false, &format!("The updated {name}."));
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
                    &self.style,
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
            let mut params = self.paging_params(&plural, default, max);
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
                    "Lists the {plural} of {owner}, {default} per page by default and at most {max}. {}",
                    self.paging_note()
                ),
            );
            o["parameters"] = Value::Array(params);
            o["responses"] = responses(
                &self.style,
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
            o["responses"] = responses(&self.style, schema_ref(&schema), false, &format!("The new {name}."));
            collection_ops.push(("post", o));
        }
        let mut item_ops: Vec<(&str, Value)> = Vec::new();
        if r.has("get") {
            let mut o = op(
                format!("{}-get", r.id),
                format!("Get {name} details"),
                format!("Returns one {name} by its identifier."),
            );
            o["responses"] = responses(&self.style, schema_ref(&schema), false, &format!("The {name}."));
            item_ops.push(("get", o));
        }
        if r.has("update") {
            let mut o = op(
                format!("{}-update", r.id),
                format!("Update {} {name}", article(name)),
                format!("Changes the fields sent and keeps the others; returns the updated {name}.{conflict}"),
            );
            o["requestBody"] = json_body(schema_ref(&patch), true);
            o["responses"] = responses(&self.style, schema_ref(&schema), false, &format!("The updated {name}."));
            item_ops.push(("patch", o));
        }
        if r.has("replace") {
            let mut o = op(
                format!("{}-replace", r.id),
                format!("Overwrite {} {name}", article(name)),
                format!("Replaces the whole {name}: optional fields not sent are cleared.{conflict}"),
            );
            o["requestBody"] = json_body(schema_ref(&input), true);
            o["responses"] = responses(
                &self.style,
                schema_ref(&schema),
                false,
                &format!("The replaced {name}."),
            );
            item_ops.push(("put", o));
        }
        if r.has("delete") {
            let mut o = op(
                format!("{}-delete", r.id),
                format!("Delete {} {name}", article(name)),
                format!("Deletes the {name}. This cannot be undone."),
            );
            o["responses"] = responses(
                &self.style,
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

    /// The finished document, with the envelope components.
    pub fn document(mut self, title: &str, version: &str, description: &str, server: &str) -> Value {
        let mut schemas = match self.style.errors() {
            ErrorStyle::Cloudflare => envelope_components(self.style.paging),
            ErrorStyle::Message => error_component(
                "Error",
                json!({"type": "object", "description": "Body of a failed response.", "required": ["message"], "properties": {
                    "message": {"type": "string", "description": "What went wrong."},
                    "errors": {"type": "array", "items": {"type": "string"}, "description": "Details, one per problem (e.g. per invalid field)."}
                }}),
            ),
            ErrorStyle::Stripe => error_component(
                "error",
                json!({"type": "object", "description": "Body of a failed response.", "required": ["error"], "properties": {
                    "error": {"type": "object", "description": "What went wrong.", "required": ["type", "message"], "properties": {
                        "type": {"type": "string", "enum": ["api_error", "invalid_request_error", "rate_limit_error"], "description": "Kind of error."},
                        "message": {"type": "string", "description": "Human-readable text."},
                        "param": {"type": "string", "description": "The parameter or field at fault, when one is."}
                    }}
                }}),
            ),
        };
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
