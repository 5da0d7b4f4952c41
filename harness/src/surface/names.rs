//! Names a model sees: OpenAI tool names and JavaScript function names, unique per spec.

use sha2::{Digest, Sha256};
use std::collections::HashSet;

/// Longest function name the OpenAI API accepts.
pub const MAX_TOOL_NAME: usize = 64;

/// Sanitises an operationId into an OpenAI function name: `[a-zA-Z0-9_-]`, at most 64 chars.
///
/// Other characters become `_` (runs collapsed). A name longer than 64 keeps a 55-char
/// prefix plus `_` and 8 hex digits of the full id's SHA-256, so long ids stay distinct.
pub fn sanitize_tool_name(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        let c = if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            c
        } else {
            '_'
        };
        if c == '_' && out.ends_with('_') {
            continue;
        }
        out.push(c);
    }
    let trimmed = out.trim_matches('_');
    let mut name = if trimmed.is_empty() {
        "op".to_string()
    } else {
        trimmed.to_string()
    };
    if name.len() > MAX_TOOL_NAME {
        let digest = hex::encode(&Sha256::digest(id.as_bytes())[..4]);
        name.truncate(MAX_TOOL_NAME - 9);
        name.push('_');
        name.push_str(&digest);
    }
    name
}

/// Unique sanitised tool names, one per operation id, in order.
pub fn tool_names<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    unique(ids.into_iter().map(sanitize_tool_name), MAX_TOOL_NAME)
}

/// A camelCase JavaScript identifier for an operation id: `zones-0-get` -> `zones0Get`.
pub fn js_identifier(id: &str) -> String {
    let mut out = String::new();
    let mut upper_next = false;
    for c in id.chars() {
        if c.is_ascii_alphanumeric() || c == '$' {
            if out.is_empty() {
                out.push(c.to_ascii_lowercase());
            } else if upper_next {
                out.push(c.to_ascii_uppercase());
            } else {
                out.push(c);
            }
            upper_next = false;
        } else {
            upper_next = !out.is_empty();
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// Unique JavaScript identifiers, one per operation id, in order.
pub fn js_identifiers<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    unique(ids.into_iter().map(js_identifier), usize::MAX)
}

/// PascalCase form of a camelCase identifier, for type names.
pub fn pascal(ident: &str) -> String {
    let mut chars = ident.trim_start_matches('_').chars();
    match chars.next() {
        Some(c) => c.to_ascii_uppercase().to_string() + chars.as_str(),
        None => "Op".to_string(),
    }
}

/// Makes names unique by appending `_2`, `_3`, ... (shortening to stay within `max`).
fn unique(names: impl Iterator<Item = String>, max: usize) -> Vec<String> {
    let names: Vec<String> = names.collect();
    let mut taken: HashSet<String> = HashSet::with_capacity(names.len());
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let mut candidate = name.clone();
        let mut n = 2;
        while taken.contains(&candidate) {
            let suffix = format!("_{n}");
            let mut base = name.clone();
            if base.len() + suffix.len() > max {
                base.truncate(max - suffix.len());
            }
            candidate = base + &suffix;
            n += 1;
        }
        taken.insert(candidate.clone());
        out.push(candidate);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizes_to_the_openai_alphabet() {
        assert_eq!(sanitize_tool_name("zones-0-get"), "zones-0-get");
        assert_eq!(
            sanitize_tool_name("dns-records-for-a-zone.list dns/records"),
            "dns-records-for-a-zone_list_dns_records"
        );
        assert_eq!(sanitize_tool_name("GET /users/{id}"), "GET_users_id");
        assert_eq!(sanitize_tool_name("???"), "op");
    }

    #[test]
    fn long_names_keep_a_hash_and_stay_distinct() {
        let a = "a".repeat(70) + "x";
        let b = "a".repeat(70) + "y";
        let (na, nb) = (sanitize_tool_name(&a), sanitize_tool_name(&b));
        assert_eq!(na.len(), 64);
        assert_eq!(nb.len(), 64);
        assert_ne!(na, nb);
        assert!(na.starts_with(&"a".repeat(55)));
    }

    #[test]
    fn collisions_get_suffixes() {
        let names = tool_names(["a.b", "a/b", "a_b"]);
        assert_eq!(names, vec!["a_b", "a_b_2", "a_b_3"]);
        for n in tool_names([&"z".repeat(64) as &str, &"z".repeat(64)]) {
            assert!(n.len() <= 64, "{n}");
        }
    }

    #[test]
    fn js_identifiers_are_camel_case() {
        assert_eq!(js_identifier("zones-0-get"), "zones0Get");
        assert_eq!(js_identifier("listZones"), "listZones");
        assert_eq!(js_identifier("repos/get-content"), "reposGetContent");
        assert_eq!(js_identifier("3d-secure"), "_3dSecure");
        assert_eq!(js_identifiers(["a-b", "aB"]), vec!["aB", "aB_2"]);
        assert_eq!(pascal("listZones"), "ListZones");
    }
}
