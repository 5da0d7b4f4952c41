//! Reading a spec file into a JSON value: JSON or YAML, detected by content.

use super::error::{Location, SpecError};
use serde_json::{Map, Value};
use std::path::Path;

/// The text syntax a spec was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// JSON.
    Json,
    /// YAML (1.2 core schema, as OpenAPI tools read it).
    Yaml,
}

/// Parses spec text into a JSON value. JSON is tried when the text starts with `{`,
/// YAML otherwise (YAML is a superset, so a JSON file with a leading comment still loads).
pub fn parse_text(text: &str, file: &Path) -> Result<(Value, Syntax), SpecError> {
    let trimmed = text.trim_start_matches('\u{feff}');
    if trimmed.trim_start().starts_with('{') {
        return serde_json::from_str::<Value>(trimmed)
            .map(|v| (v, Syntax::Json))
            .map_err(|e| SpecError {
                file: file.to_path_buf(),
                location: Location::Line {
                    line: e.line(),
                    column: e.column(),
                },
                message: format!("invalid JSON: {}", strip_position(&e.to_string())),
            });
    }
    let yaml: serde_yaml_ng::Value = serde_yaml_ng::from_str(trimmed).map_err(|e| {
        let location = e
            .location()
            .map(|l| Location::Line {
                line: l.line(),
                column: l.column(),
            })
            .unwrap_or(Location::File);
        SpecError {
            file: file.to_path_buf(),
            location,
            message: format!("invalid YAML: {}", strip_position(&e.to_string())),
        }
    })?;
    let value = yaml_to_json(yaml, file, &mut String::new())?;
    Ok((value, Syntax::Yaml))
}

/// Removes the " at line L column C" parsers put into messages, since we print the position ourselves.
fn strip_position(message: &str) -> String {
    let mut out = message.to_string();
    while let Some(i) = out.find(" at line ") {
        let rest = &out[i + " at line ".len()..];
        let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let n = digits(rest);
        let after_line = &rest[n..];
        let end = match after_line.strip_prefix(" column ") {
            Some(col) => n + " column ".len() + digits(col),
            None => n,
        };
        if n == 0 {
            break;
        }
        out.replace_range(i..i + " at line ".len() + end, "");
    }
    out
}

/// Converts YAML to JSON, turning scalar keys (`200:`) into strings as OpenAPI expects.
fn yaml_to_json(value: serde_yaml_ng::Value, file: &Path, pointer: &mut String) -> Result<Value, SpecError> {
    use serde_yaml_ng::Value as Y;
    Ok(match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                serde_json::Number::from_f64(f).map(Value::Number).ok_or_else(|| {
                    SpecError::at(
                        file,
                        pointer.clone(),
                        format!("number {f} cannot be represented in JSON"),
                    )
                })?
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.into_iter().enumerate() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&i.to_string());
                out.push(yaml_to_json(item, file, pointer)?);
                pointer.truncate(len);
            }
            Value::Array(out)
        }
        Y::Mapping(map) => {
            let mut out = Map::with_capacity(map.len());
            for (k, v) in map {
                let key = match k {
                    Y::String(s) => s,
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    Y::Null => "null".to_string(),
                    other => {
                        return Err(SpecError::at(
                            file,
                            pointer.clone(),
                            format!("mapping key must be a scalar, found {other:?}"),
                        ));
                    }
                };
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&super::error::escape_token(&key));
                let v = yaml_to_json(v, file, pointer)?;
                pointer.truncate(len);
                out.insert(key, v);
            }
            Value::Object(out)
        }
        Y::Tagged(tagged) => yaml_to_json(tagged.value, file, pointer)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_error_has_line_and_column() {
        let err = parse_text("{\n  \"a\": 1,\n  \"b\": }\n", Path::new("x.json")).unwrap_err();
        assert_eq!(err.location, Location::Line { line: 3, column: 8 });
        assert!(err.to_string().starts_with("x.json:3:8: invalid JSON"), "{err}");
    }

    #[test]
    fn yaml_numeric_keys_become_strings() {
        let (v, syntax) = parse_text("responses:\n  200:\n    description: ok\n", Path::new("x.yaml")).unwrap();
        assert_eq!(syntax, Syntax::Yaml);
        assert_eq!(v["responses"]["200"]["description"], "ok");
    }

    #[test]
    fn yaml_error_has_line() {
        let err = parse_text("a: [1, 2\nb: 3\n", Path::new("x.yaml")).unwrap_err();
        assert!(matches!(err.location, Location::Line { .. }), "{err:?}");
        assert!(err.to_string().starts_with("x.yaml:"), "{err}");
        assert!(!err.to_string().contains(" at line "), "position printed once: {err}");
    }
}
