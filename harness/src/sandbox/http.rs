//! The capability behind `api.request`: validated requests to the episode's own API only.

use serde_json::{Map, Value};

/// A request a snippet asked for, validated and ready to send.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiRequest {
    /// Upper-case HTTP method.
    pub method: String,
    /// Path relative to the API (starts with `/`, no `..`, no host).
    pub path: String,
    /// Query pairs, in order.
    pub query: Vec<(String, String)>,
    /// Extra headers (typed functions' header parameters).
    pub headers: Vec<(String, String)>,
    /// JSON body, if any.
    pub body: Option<Value>,
}

/// Methods `api.request` accepts.
pub const ALLOWED_METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// Why a request was refused: the message is shown to the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

/// Checks that `path` stays inside the API: relative, no scheme, host, `..`, backslash or control characters.
pub fn check_path(path: &str) -> Result<(), Refused> {
    let refuse = |why: &str| Err(Refused(format!("path {path:?} refused: {why}")));
    if !path.starts_with('/') {
        return refuse("it must start with '/' and be a path from the spec, not a URL");
    }
    if path.starts_with("//") || path.contains("://") {
        return refuse("it names another host; only the API's own paths are reachable");
    }
    if path
        .chars()
        .any(|c| c.is_control() || c == '\\' || c == '#' || c.is_whitespace())
    {
        return refuse("it contains a backslash, '#', whitespace or a control character");
    }
    let path_part = path.split('?').next().unwrap_or("");
    let decoded = crate::spec::percent_decode(path_part);
    if decoded.contains("//") || decoded.contains('\\') {
        return refuse("it contains an empty or encoded separator");
    }
    if decoded.split('/').any(|seg| seg == ".." || seg == ".") {
        return refuse("'.' and '..' segments are not allowed");
    }
    Ok(())
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Appends `value` under `key` to `out`: arrays repeat the key, objects are sent as JSON.
pub fn push_query(out: &mut Vec<(String, String)>, key: &str, value: &Value) {
    match value {
        Value::Null => {}
        Value::Array(items) => {
            for item in items {
                if let Some(s) = scalar(item) {
                    out.push((key.to_string(), s));
                }
            }
        }
        Value::Object(_) => out.push((key.to_string(), value.to_string())),
        other => {
            if let Some(s) = scalar(other) {
                out.push((key.to_string(), s));
            }
        }
    }
}

/// Reads `{method, path, query, body}` (own properties, already converted to JSON).
pub fn parse_options(options: &Value) -> Result<ApiRequest, Refused> {
    let Some(map) = options.as_object() else {
        return Err(Refused(
            "api.request expects one object: { method, path, query?, body? }".into(),
        ));
    };
    let method = match map.get("method") {
        None | Some(Value::Null) => "GET".to_string(),
        Some(Value::String(m)) => m.to_ascii_uppercase(),
        Some(_) => return Err(Refused("method must be a string such as \"GET\"".into())),
    };
    if !ALLOWED_METHODS.contains(&method.as_str()) {
        return Err(Refused(format!(
            "method {method:?} is not supported (use one of {})",
            ALLOWED_METHODS.join(", ")
        )));
    }
    let Some(path) = map.get("path").and_then(Value::as_str) else {
        return Err(Refused(
            "path is required: a path from the spec with its {parameters} filled in".into(),
        ));
    };
    check_path(path)?;
    if path.contains('{') || path.contains('}') {
        return Err(Refused(format!(
            "path {path:?} still holds a {{parameter}} placeholder; fill it in"
        )));
    }
    let mut query = Vec::new();
    match map.get("query") {
        None | Some(Value::Null) => {}
        Some(Value::Object(q)) => {
            for (k, v) in q {
                push_query(&mut query, k, v);
            }
        }
        Some(_) => return Err(Refused("query must be an object of names to values".into())),
    }
    Ok(ApiRequest {
        method,
        path: path.to_string(),
        query,
        headers: Vec::new(),
        body: map.get("body").filter(|b| !b.is_null()).cloned(),
    })
}

/// The `{status, headers, body}` object a response becomes; the body is JSON when it parses, else text.
pub fn response_value(status: u16, headers: Map<String, Value>, text: &str) -> Value {
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_string()))
    };
    let mut m = Map::new();
    m.insert("status".into(), Value::from(status));
    m.insert("headers".into(), Value::Object(headers));
    m.insert("body".into(), body);
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn escaping_paths_are_refused() {
        for bad in [
            "http://evil.example/x",
            "//evil.example/x",
            "zones",
            "/a/../../admin",
            "/a/%2e%2e/admin",
            "/a/%2F%2Fhost",
            "/a\\b",
            "/a b",
            "/./x",
        ] {
            assert!(check_path(bad).is_err(), "{bad} accepted");
        }
        for good in ["/zones", "/zones/abc-1/dns_records", "/search?q=a.b", "/files/v1.2"] {
            assert!(check_path(good).is_ok(), "{good} refused");
        }
    }

    #[test]
    fn options_are_parsed() {
        let r = parse_options(
            &json!({"path": "/z", "query": {"page": 2, "tags": ["a", "b"], "x": null}, "body": {"a": 1}}),
        )
        .unwrap();
        assert_eq!(r.method, "GET");
        assert_eq!(
            r.query,
            vec![
                ("page".into(), "2".into()),
                ("tags".into(), "a".into()),
                ("tags".into(), "b".into())
            ]
        );
        assert_eq!(r.body, Some(json!({"a": 1})));
        assert!(parse_options(&json!({"method": "TRACE", "path": "/z"})).is_err());
        assert!(parse_options(&json!({"path": "/z/{id}"})).is_err());
        assert!(parse_options(&json!("GET /z")).is_err());
        assert!(parse_options(&json!({"method": "get"})).is_err());
    }

    #[test]
    fn response_bodies_parse_as_json_or_stay_text() {
        assert_eq!(response_value(200, Map::new(), "{\"a\":1}")["body"]["a"], 1);
        assert_eq!(response_value(500, Map::new(), "oops")["body"], "oops");
        assert_eq!(response_value(204, Map::new(), "")["body"], Value::Null);
    }
}
