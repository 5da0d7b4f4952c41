//! Matching request paths against the spec's path templates.

use crate::spec::Spec;
use std::collections::HashMap;

/// One segment of a path template: fixed text with at most one `{param}` inside.
#[derive(Debug, Clone)]
enum Segment {
    Literal(String),
    Param {
        prefix: String,
        name: String,
        suffix: String,
    },
}

/// One path template with its operations by method.
#[derive(Debug, Clone)]
struct Template {
    path: String,
    segments: Vec<Segment>,
    literals: usize,
    methods: Vec<(String, usize)>,
}

/// The routing table of a spec.
#[derive(Debug, Clone, Default)]
pub struct Routes {
    by_len: HashMap<usize, Vec<Template>>,
}

/// The outcome of routing one request.
#[derive(Debug)]
pub enum Routed {
    /// An operation (its index in `spec.operations`) and the path parameter values.
    Found(usize, Vec<(String, String)>),
    /// The path exists but not with this method; the allowed methods (upper case).
    MethodNotAllowed(Vec<String>),
    /// No template matches.
    NotFound,
}

fn parse_segment(s: &str) -> Segment {
    match (s.find('{'), s.rfind('}')) {
        (Some(a), Some(b)) if a < b => Segment::Param {
            prefix: s[..a].to_string(),
            name: s[a + 1..b].to_string(),
            suffix: s[b + 1..].to_string(),
        },
        _ => Segment::Literal(s.to_string()),
    }
}

fn split(path: &str) -> Vec<&str> {
    path.trim_matches('/').split('/').filter(|s| !s.is_empty()).collect()
}

impl Routes {
    /// Builds the table for every operation of `spec`.
    pub fn new(spec: &Spec) -> Self {
        let mut templates: Vec<Template> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (i, op) in spec.operations.iter().enumerate() {
            let t = *index.entry(op.path.clone()).or_insert_with(|| {
                let segments: Vec<Segment> = split(&op.path).into_iter().map(parse_segment).collect();
                let literals = segments.iter().filter(|s| matches!(s, Segment::Literal(_))).count();
                templates.push(Template {
                    path: op.path.clone(),
                    segments,
                    literals,
                    methods: Vec::new(),
                });
                templates.len() - 1
            });
            templates[t].methods.push((op.method.clone(), i));
        }
        let mut by_len: HashMap<usize, Vec<Template>> = HashMap::new();
        for t in templates {
            by_len.entry(t.segments.len()).or_default().push(t);
        }
        for list in by_len.values_mut() {
            // Most literal segments first, so `/zones/settings` beats `/zones/{id}`.
            list.sort_by(|a, b| b.literals.cmp(&a.literals).then_with(|| a.path.cmp(&b.path)));
        }
        Self { by_len }
    }

    /// Routes `method` (any case) and a concrete `path` (percent-decoded segments).
    pub fn route(&self, method: &str, path: &str) -> Routed {
        let parts: Vec<String> = split(path).into_iter().map(percent_decode).collect();
        let Some(candidates) = self.by_len.get(&parts.len()) else {
            return Routed::NotFound;
        };
        let method = method.to_ascii_lowercase();
        let mut allowed: Option<Vec<String>> = None;
        for t in candidates {
            let Some(params) = match_template(t, &parts) else {
                continue;
            };
            if let Some((_, op)) = t.methods.iter().find(|(m, _)| *m == method) {
                return Routed::Found(*op, params);
            }
            if allowed.is_none() {
                allowed = Some(t.methods.iter().map(|(m, _)| m.to_ascii_uppercase()).collect());
            }
        }
        match allowed {
            Some(m) => Routed::MethodNotAllowed(m),
            None => Routed::NotFound,
        }
    }
}

fn match_template(t: &Template, parts: &[String]) -> Option<Vec<(String, String)>> {
    let mut params = Vec::new();
    for (seg, part) in t.segments.iter().zip(parts) {
        match seg {
            Segment::Literal(l) => {
                if l != part {
                    return None;
                }
            }
            Segment::Param { prefix, name, suffix } => {
                let value = part.strip_prefix(prefix.as_str())?.strip_suffix(suffix.as_str())?;
                if value.is_empty() {
                    return None;
                }
                params.push((name.clone(), value.to_string()));
            }
        }
    }
    Some(params)
}

pub use crate::spec::percent_decode;

/// Encodes one path segment (everything but unreserved characters).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Fills a path template with parameter values (`/zones/{id}` + id=z1 -> `/zones/z1`).
pub fn fill(template: &str, params: &[(String, String)]) -> String {
    let mut out = template.to_string();
    for (k, v) in params {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn routes() -> (Spec, Routes) {
        let text = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {
            "/zones/{id}": {"get": {"operationId": "getZone", "responses": {}}, "delete": {"operationId": "delZone", "responses": {}}},
            "/zones/settings": {"get": {"operationId": "settings", "responses": {}}},
            "/files/{name}.json": {"get": {"operationId": "file", "responses": {}}}
        }}"#;
        let spec = Spec::from_text(text, Path::new("t.json")).expect("spec");
        let routes = Routes::new(&spec);
        (spec, routes)
    }

    fn op<'a>(spec: &'a Spec, r: &Routed) -> Option<(&'a str, Vec<(String, String)>)> {
        match r {
            Routed::Found(i, p) => Some((spec.operations[*i].operation_id.as_str(), p.clone())),
            _ => None,
        }
    }

    #[test]
    fn literals_win_params_decode_and_methods_are_listed() {
        let (spec, r) = routes();
        assert_eq!(
            op(&spec, &r.route("GET", "/zones/settings")).map(|o| o.0),
            Some("settings")
        );
        assert_eq!(
            op(&spec, &r.route("get", "/zones/a%20b/")),
            Some(("getZone", vec![("id".to_string(), "a b".to_string())]))
        );
        assert_eq!(
            op(&spec, &r.route("GET", "/files/report.json")),
            Some(("file", vec![("name".to_string(), "report".to_string())]))
        );
        match r.route("PUT", "/zones/z1") {
            Routed::MethodNotAllowed(m) => assert_eq!(m, ["GET", "DELETE"]),
            other => panic!("expected 405, got {other:?}"),
        }
        assert!(matches!(r.route("GET", "/zones"), Routed::NotFound));
        assert!(matches!(r.route("GET", "/files/.json"), Routed::NotFound));
        assert_eq!(percent_decode("%E2%9C%93%zz%"), "✓%zz%");
        assert_eq!(percent_encode("a b/ü"), "a%20b%2F%C3%BC");
        assert_eq!(
            fill(
                "/z/{id}/r/{rid}",
                &[("id".into(), "1".into()), ("rid".into(), "2".into())]
            ),
            "/z/1/r/2"
        );
    }
}
