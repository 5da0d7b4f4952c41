//! Rules a world description puts on items: `unique` fields (the spec's `x-cmbench-unique`,
//! a duplicate answers 409) and `[resource.action_effects.<action>]`, what an item action does
//! to its item (the spec's `x-cmbench-effect`, applied by `mock::effect`).

use serde::Deserialize;
use std::collections::BTreeMap;

/// One uniqueness rule: a single field name, or a group of fields that together must differ.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Unique {
    /// One field (`"name"`).
    Field(String),
    /// Several fields taken together (`["name", "type"]`).
    Group(Vec<String>),
}

impl Unique {
    /// The field names of the rule.
    pub fn fields(&self) -> Vec<String> {
        match self {
            Self::Field(f) => vec![f.clone()],
            Self::Group(g) => g.clone(),
        }
    }
}

/// What an item action does to its item (emitted as `x-cmbench-effect`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionEffect {
    /// Field -> required value (or list of allowed values); an item that differs gets a 409.
    #[serde(default)]
    pub when: BTreeMap<String, toml::Value>,
    /// Field -> new value: a literal or a token (`$now`, `$null`, `$inc`, `$body.<f>`, `$item.<f>`).
    pub set: BTreeMap<String, toml::Value>,
}

/// Checks an action effect against the resource's fields and the action's body fields.
pub fn check(effect: &ActionEffect, fields: &[String], body: &[String]) -> Result<(), String> {
    if effect.set.is_empty() {
        return Err("set: empty, the action would change nothing".into());
    }
    for (part, map) in [("when", &effect.when), ("set", &effect.set)] {
        for (field, value) in map {
            if !fields.contains(field) {
                return Err(format!("{part}.{field}: not a field of the resource"));
            }
            let Some(token) = value.as_str().filter(|t| t.starts_with('$')) else {
                continue;
            };
            if part == "when" {
                return Err(format!("{part}.{field}: conditions take literal values, not {token:?}"));
            }
            let ok = match token {
                "$now" | "$null" | "$inc" => true,
                t if t.starts_with("$body.") => body.iter().any(|b| *b == t["$body.".len()..]),
                t if t.starts_with("$item.") => fields.iter().any(|f| *f == t["$item.".len()..]),
                _ => false,
            };
            if !ok {
                return Err(format!(
                    "{part}.{field}: {token:?} is not $now, $null, $inc, $body.<action field> or $item.<field>"
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn effect(text: &str) -> ActionEffect {
        toml::from_str(text).expect("effect parses")
    }

    #[test]
    fn effects_are_checked_against_fields_and_action_body() {
        let fields = ["state".to_string(), "merged".to_string(), "merged_at".to_string()];
        let body = ["merge_method".to_string()];
        let ok = effect("when = { state = 'open' }\nset = { state = 'closed', merged = true, merged_at = '$now' }");
        assert_eq!(check(&ok, &fields, &body), Ok(()));
        let cases = [
            ("set = {}", "set: empty"),
            ("set = { colour = 'red' }", "set.colour: not a field"),
            (
                "when = { colour = 'red' }\nset = { merged = true }",
                "when.colour: not a field",
            ),
            (
                "when = { state = '$now' }\nset = { merged = true }",
                "when.state: conditions take literal values",
            ),
            (
                "set = { merged_at = '$tomorrow' }",
                "set.merged_at: \"$tomorrow\" is not",
            ),
            ("set = { state = '$body.strategy' }", "set.state: \"$body.strategy\""),
            ("set = { state = '$item.colour' }", "set.state: \"$item.colour\""),
        ];
        for (text, want) in cases {
            let e = check(&effect(text), &fields, &body).expect_err(text);
            assert!(e.contains(want), "{text}: {e}");
        }
        assert_eq!(
            check(&effect("set = { state = '$body.merge_method' }"), &fields, &body),
            Ok(())
        );
        let e = toml::from_str::<ActionEffect>("when = {}\nset = {}\nunless = {}").expect_err("unknown key");
        assert!(e.to_string().contains("unless"), "{e}");
    }

    #[test]
    fn descriptions_name_the_action_effect_at_fault() {
        use crate::worlds::desc::Description;
        use std::path::Path;
        let text = "title='t'\nversion='1'\nserver='https://x/v1'\ndescription='d'\n[tags]\nA='a'\n[[resource]]\nid='a'\nname='a'\ntag='A'\npath='/a'\nitem='a_id'\nops='list get'\nfields=['state enum(open,closed) | S']\nactions=['close item | Close it', 'sweep collection | Sweep']\n";
        let ok = format!("{text}[resource.action_effects.close]\nwhen={{state='open'}}\nset={{state='closed'}}\n");
        let parsed = Description::parse(&ok, Path::new("r.toml")).expect("valid effect");
        assert_eq!(parsed.resources[0].action_effects.len(), 1);
        let e = Description::parse(&ok.replace("effects.close", "effects.open"), Path::new("r.toml"))
            .expect_err("no such action");
        assert!(
            e.0.contains("r.toml: resource[0] (\"a\").action_effects.open: no such action"),
            "{e}"
        );
        let e = Description::parse(&ok.replace("effects.close", "effects.sweep"), Path::new("r.toml"))
            .expect_err("collection");
        assert!(e.0.contains("action_effects.sweep: only item actions"), "{e}");
        let e = Description::parse(
            &ok.replace("set={state='closed'}", "set={status='closed'}"),
            Path::new("r.toml"),
        )
        .expect_err("unknown field");
        assert!(e.0.contains("action_effects.close.set.status: not a field"), "{e}");
    }
}
