//! Listing a collection: filters, sorting and the three paging styles.

use super::engine::{Ctx, ensure_collection, generated, wrap};
use super::plan::{Envelope, Paging};
use super::validate::{Answer, error_answer};
use serde_json::{Map, Value, json};
use std::cmp::Ordering;

fn as_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn as_usize(v: Option<&Value>) -> Option<usize> {
    v.and_then(|v| {
        v.as_u64()
            .or_else(|| v.as_f64().filter(|f| *f >= 0.0 && f.fract() == 0.0).map(|f| f as u64))
            .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
    })
    .map(|n| n as usize)
}

fn compare(a: Option<&Value>, b: Option<&Value>) -> Ordering {
    match (a, b) {
        (Some(Value::Number(x)), Some(Value::Number(y))) => {
            x.as_f64().unwrap_or(0.0).total_cmp(&y.as_f64().unwrap_or(0.0))
        }
        (Some(x), Some(y)) => as_text(x).cmp(&as_text(y)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Answers a list operation on the collection at concrete path `collection`.
pub fn list(ctx: &mut Ctx<'_>, op_index: usize, collection: &str, query: &Map<String, Value>) -> Answer {
    ensure_collection(ctx, op_index, collection);
    let world = ctx.world;
    let plan = &world.plans[op_index];
    // Work on references; only the page returned is copied.
    let mut items: Vec<(&String, &Value)> = ctx
        .store
        .current
        .collections
        .get(collection)
        .map(|c| c.iter().collect())
        .unwrap_or_default();
    for f in &plan.filters {
        // A documented default filters too (GitHub lists only open issues unless told `state=all`).
        let Some(wanted) = query.get(&f.param).or(f.default.as_ref()) else {
            continue;
        };
        let wanted: Vec<String> = match wanted {
            Value::Array(a) => a.iter().map(as_text).collect(),
            other => vec![as_text(other)],
        };
        if wanted.iter().any(|w| w == "all") {
            continue;
        }
        items.retain(|(_, item)| {
            let field = f.path.iter().try_fold(*item, |v, k| v.get(k));
            field.is_some_and(|v| match v {
                Value::Array(a) => a.iter().any(|x| wanted.contains(&as_text(x))),
                v => wanted.contains(&as_text(v)),
            })
        });
    }
    if let Some((sort_param, dir_param)) = &plan.sort
        && let Some(field) = query.get(sort_param).map(as_text)
    {
        let field = match items.first().and_then(|(_, i)| i.as_object()) {
            Some(obj) if !obj.contains_key(&field) => {
                obj.keys().find(|k| k.starts_with(&field)).cloned().unwrap_or(field)
            }
            _ => field,
        };
        if field != "asc" && field != "desc" {
            items.sort_by(|(_, a), (_, b)| compare(a.get(&field), b.get(&field)));
        }
        let direction = dir_param
            .as_ref()
            .and_then(|d| query.get(d))
            .map(as_text)
            .unwrap_or_default();
        if direction.eq_ignore_ascii_case("desc") {
            items.reverse();
        }
    }
    let total = items.len();
    let size_param = match &plan.paging {
        Paging::Page { size, .. } | Paging::Cursor { size, .. } | Paging::Offset { size, .. } => size.clone(),
        Paging::None => None,
    };
    let mut size = size_param
        .as_ref()
        .and_then(|p| as_usize(query.get(p)))
        .unwrap_or(if plan.paging == Paging::None {
            usize::MAX
        } else {
            plan.default_size
        })
        .min(if plan.paging == Paging::None {
            usize::MAX
        } else {
            plan.max_size
        })
        .max(1);
    if let Some(cap) = ctx.page_cap {
        size = size.min(cap);
    }
    let mut info = Map::new();
    let mut link_next: Option<String> = None;
    let mut has_more = false;
    let mut next_cursor: Option<String> = None;
    // The position of an offset page, for `offset` / `limit` fields of a list object.
    let mut offset_at: Option<(usize, usize)> = None;
    let page_items: Vec<(&String, &Value)> = match &plan.paging {
        Paging::Page { page, .. } => {
            let n = as_usize(query.get(page)).unwrap_or(1).max(1);
            let start = (n - 1).saturating_mul(size).min(total);
            let end = start.saturating_add(size).min(total);
            has_more = end < total;
            let pages = total.div_ceil(size).max(1);
            info.insert("page".into(), json!(n));
            info.insert("per_page".into(), json!(size));
            info.insert("count".into(), json!(end - start));
            info.insert("total_count".into(), json!(total));
            info.insert("total_pages".into(), json!(pages));
            if has_more {
                let size_name = size_param.clone().unwrap_or_else(|| "per_page".into());
                link_next = Some(format!(
                    "<{}?{page}={}&{size_name}={size}>; rel=\"next\", <{}?{page}={pages}&{size_name}={size}>; rel=\"last\"",
                    ctx.url,
                    n + 1,
                    ctx.url
                ));
            }
            items[start..end].to_vec()
        }
        Paging::Offset { offset, .. } => {
            let start = as_usize(query.get(offset)).unwrap_or(0).min(total);
            let end = start.saturating_add(size).min(total);
            has_more = end < total;
            offset_at = Some((start, size));
            info.insert("offset".into(), json!(start));
            info.insert("count".into(), json!(end - start));
            info.insert("total_count".into(), json!(total));
            items[start..end].to_vec()
        }
        Paging::Cursor { after, before, .. } => {
            let position = |cursor: &str| items.iter().position(|(k, _)| k.as_str() == cursor);
            let (start, end) = if let Some(c) = query.get(after).map(as_text).filter(|c| !c.is_empty()) {
                let Some(i) = position(&c) else {
                    return error_answer(
                        world.error_style,
                        400,
                        &format!("Invalid cursor {c:?}: no such item in this list"),
                        &[],
                        Some(after),
                    );
                };
                let start = i + 1;
                (start, start.saturating_add(size).min(total))
            } else if let Some(c) = before.as_ref().and_then(|b| query.get(b)).map(as_text) {
                let Some(i) = position(&c) else {
                    return error_answer(
                        world.error_style,
                        400,
                        &format!("Invalid cursor {c:?}: no such item in this list"),
                        &[],
                        before.as_deref(),
                    );
                };
                (i.saturating_sub(size), i)
            } else {
                (0, size.min(total))
            };
            has_more = end < total;
            if has_more {
                next_cursor = items.get(end.saturating_sub(1)).map(|(k, _)| (*k).clone());
            }
            info.insert("count".into(), json!(end - start));
            info.insert("per_page".into(), json!(size));
            if let Some(c) = &next_cursor {
                info.insert("cursor".into(), json!(c));
            }
            items[start..end].to_vec()
        }
        Paging::None => items,
    };
    let page: Vec<Value> = page_items.into_iter().map(|(_, v)| v.clone()).collect();
    let body = match &plan.list_field {
        None => Value::Array(page),
        Some(field) => {
            let mut skeleton = generated(world, op_index).as_ref().clone();
            if !skeleton.is_object() {
                skeleton = json!({});
            }
            if let Value::Object(m) = &mut skeleton {
                m.insert(field.clone(), Value::Array(page));
                for (k, v) in [
                    ("has_more", json!(has_more)),
                    ("total_count", json!(total)),
                    ("total", json!(total)),
                ] {
                    if m.contains_key(k) {
                        m.insert(k.into(), v);
                    }
                }
                for k in ["next_cursor", "next_page_token", "cursor"] {
                    if m.contains_key(k) {
                        m.insert(k.into(), next_cursor.clone().map(Value::String).unwrap_or(Value::Null));
                    }
                }
                if let Some((start, size)) = offset_at {
                    for (k, v) in [("offset", start), ("limit", size)] {
                        if m.contains_key(k) {
                            m.insert(k.into(), json!(v));
                        }
                    }
                }
                if m.contains_key("url") {
                    m.insert("url".into(), json!(ctx.api_path));
                }
            }
            skeleton
        }
    };
    if info.is_empty() {
        for (k, v) in [
            ("page", 1),
            ("per_page", total),
            ("count", total),
            ("total_count", total),
            ("total_pages", 1),
        ] {
            info.insert(k.into(), json!(v));
        }
    }
    let info = (plan.envelope == Envelope::Cloudflare).then_some(Value::Object(info));
    let mut answer = wrap(plan, plan.status, body, info);
    if let Some(link) = link_next {
        answer.headers.push(("link".into(), link));
    }
    answer
}
