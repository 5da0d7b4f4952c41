//! Actions (`POST <item>/<name>`, with their declared effects) and per-setting singletons of
//! generated specs.

use super::*;

/// The request body of an action: its described fields, else a free-form object.
pub(super) fn action_body(r: &Resource, action: &str) -> Value {
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

impl Builder {
    pub(super) fn add_actions(&mut self, r: &Resource, item_path: &str, owner: &str) {
        for a in r.parsed_actions() {
            let base = if a.on_item { item_path } else { r.path.as_str() };
            let path = format!("{base}/{}", a.name);
            let target = if a.on_item {
                format!("one {}", r.name)
            } else {
                format!("the {} of {owner}", r.plural())
            };
            let summary = a.summary.trim_end_matches('.').to_string() + ".";
            let mut o = json!({
                "operationId": format!("{}-{}", r.id, a.name.replace('_', "-")),
                "summary": a.summary,
                "description": format!("{summary} Acts on {target}; the result reports what was done."),
                "tags": [r.tag],
                "requestBody": action_body(r, &a.name),
                "responses": responses(&self.style, json!({"type": "object", "properties": {
                    "id": {"type": "string", "description": "Identifier of the job or item acted on."},
                    "status": {"type": "string", "enum": ["queued", "in_progress", "completed"], "description": "Progress of the action."}
                }}), false, "The action was accepted."),
            });
            if let Some(effect) = r.action_effects.get(&a.name) {
                let when: Vec<String> = effect
                    .when
                    .iter()
                    .map(|(f, v)| match v {
                        toml::Value::Array(any) => {
                            let any: Vec<String> = any.iter().map(toml::Value::to_string).collect();
                            format!("{f} is one of {}", any.join(", "))
                        }
                        v => format!("{f} is {v}"),
                    })
                    .collect();
                let mut text = summary;
                if !when.is_empty() {
                    text += &format!(" Only when its {}; otherwise 409.", when.join(" and "));
                }
                text += &format!(" Answers with the updated {}.", r.name);
                o["description"] = json!(text);
                o["responses"] = responses(
                    &self.style,
                    schema_ref(&r.schema_name()),
                    false,
                    &format!("The updated {}.", r.name),
                );
                o["x-cmbench-effect"] = json!({
                    "when": serde_json::to_value(&effect.when).unwrap_or_default(),
                    "set": serde_json::to_value(&effect.set).unwrap_or_default(),
                });
            }
            self.path_item(&path).insert("post".into(), o);
        }
    }

    /// Adds one setting (`GET` + `PATCH` on `<settings.path>/<name>`).
    pub fn add_setting(&mut self, s: &crate::worlds::desc::Settings, f: &Field) {
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
        get["responses"] = responses(&self.style, schema_ref(&schema), false, "The setting.");
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
        patch["responses"] = responses(&self.style, schema_ref(&schema), false, "The updated setting.");
        let item = self.path_item(&format!("{}/{}", s.path, f.name));
        item.insert("get".into(), get);
        item.insert("patch".into(), patch);
    }
}
