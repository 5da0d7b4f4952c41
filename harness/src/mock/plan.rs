//! How each operation of a spec behaves under the generic REST rules.
//!
//! A path whose last segment is a `{param}` is an *item*; the path without it is its
//! *collection*. `GET` on a collection whose success body holds an array is a list;
//! `POST` on a collection that has items (or a list) creates; `GET`/`PUT`/`PATCH`/`POST`/
//! `DELETE` on an item read, replace, merge, merge (Stripe style) and delete. Other
//! paths are *singletons* (read and written as one value); any other `POST` is an
//! *action* that answers with schema-shaped data and changes nothing unless the spec declares
//! its effect ([`super::effect`]) or a world override says otherwise.

use super::schema::{
    array_items, find_property, property_names, property_parts, required_names, resolve, says_nothing, types,
};
use crate::spec::{Operation, ParamLocation, Spec};
use serde_json::{Map, Value, json};
use std::collections::{HashMap, HashSet};

/// What an operation does to the state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// List a collection.
    List,
    /// Add an item to a collection.
    Create,
    /// Read one item.
    Read,
    /// Replace one item (`PUT`): sent fields replace the item, only its id and required fields survive.
    Replace,
    /// Merge fields into one item (`PATCH`, or `POST` on an item).
    Update,
    /// Remove one item.
    Delete,
    /// Read a singleton resource.
    SingletonRead,
    /// Replace or merge a singleton resource.
    SingletonWrite,
    /// Remove a singleton resource.
    SingletonDelete,
    /// Anything else: answers with generated data, and changes its item only when the spec
    /// declares an effect.
    Action,
}

/// How a list operation pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Paging {
    /// No paging parameters: everything at once.
    None,
    /// Page numbers (`page` + a size parameter).
    Page {
        /// The page-number query parameter.
        page: String,
        /// The page-size query parameter, when declared.
        size: Option<String>,
    },
    /// Opaque cursors or item ids (`starting_after`, `cursor`, `after`...).
    Cursor {
        /// The parameter that takes the cursor for the next page.
        after: String,
        /// The parameter that takes the cursor for the previous page, when declared.
        before: Option<String>,
        /// The page-size query parameter, when declared.
        size: Option<String>,
    },
    /// Offsets (`offset` + `limit`).
    Offset {
        /// The offset query parameter.
        offset: String,
        /// The page-size query parameter, when declared.
        size: Option<String>,
    },
}

/// A list filter: a query parameter matched against an item field.
#[derive(Debug, Clone, PartialEq)]
pub struct Filter {
    /// The query parameter.
    pub param: String,
    /// The item field it matches (dotted parameter names reach nested fields).
    pub path: Vec<String>,
    /// The value applied when the caller sends none (the parameter's schema default).
    pub default: Option<Value>,
}

/// Wrapping of success bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Envelope {
    /// The resource itself (or an array / a list object) is the body.
    Bare,
    /// Cloudflare's `{success, errors, messages, result, result_info}`.
    Cloudflare,
}

/// The generic behaviour of one operation, computed once when a world is built.
#[derive(Debug, Clone)]
pub struct Plan {
    /// What it does.
    pub kind: Kind,
    /// Path template of the collection (items and lists), or of the resource itself (singletons, actions).
    pub collection: String,
    /// `collection` with parameter names erased (`/zones/{}/dns_records`): templates that
    /// name the same parameter differently still share one collection.
    pub shape: String,
    /// Name of the path parameter that names the item (item operations).
    pub item_param: Option<String>,
    /// Field of an item that holds its key.
    pub id_field: String,
    /// Whether new keys are integers (counting up) rather than random strings.
    pub integer_ids: bool,
    /// Envelope of the success body.
    pub envelope: Envelope,
    /// Success status code.
    pub status: u16,
    /// Success body schema as written (unwrapped from the envelope), if any.
    pub body_schema: Option<Value>,
    /// Schema of one item (lists, creates, reads), if known.
    pub item_schema: Option<Value>,
    /// For lists: the property (inside the unwrapped body) holding the array; `None` = the body is the array.
    pub list_field: Option<String>,
    /// For lists: paging style.
    pub paging: Paging,
    /// For lists: page size when the caller sends none.
    pub default_size: usize,
    /// For lists: largest page size honoured.
    pub max_size: usize,
    /// For lists: query parameters that filter on an item field of the same name.
    pub filters: Vec<Filter>,
    /// For lists: `(sort-field parameter, direction parameter)` when declared.
    pub sort: Option<(String, Option<String>)>,
    /// Status of request-validation failures (422 when the spec documents it, else 400).
    pub invalid_status: u16,
    /// For actions: the declared effect on the item acted on (`x-cmbench-effect`), or why the
    /// declaration is unusable.
    pub effect: Option<Result<super::effect::Effect, String>>,
    /// Top-level fields the success schema requires beside the envelope (Cloudflare's
    /// `result_info` on a single value, fields some bodies declare next to `result`), with
    /// generated values; added to every success body that lacks them.
    pub envelope_extras: Map<String, Value>,
}

const SIZE_PARAMS: [&str; 6] = ["per_page", "page_size", "limit", "pageSize", "perPage", "size"];
const AFTER_PARAMS: [&str; 6] = [
    "starting_after",
    "cursor",
    "after",
    "page_token",
    "next_page_token",
    "next",
];
const BEFORE_PARAMS: [&str; 2] = ["ending_before", "before"];
const SORT_PARAMS: [&str; 4] = ["order", "sort", "sort_by", "order_by"];
const DIRECTION_PARAMS: [&str; 3] = ["direction", "sort_direction", "order_direction"];

fn last_segment_is_param(path: &str) -> Option<String> {
    let last = path.rsplit('/').next()?;
    (last.starts_with('{') && last.ends_with('}')).then(|| last[1..last.len() - 1].to_string())
}

/// A path template with parameter names erased: `/zones/{zone_id}` -> `/zones/{}`.
pub fn shape_of(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut in_param = false;
    for c in template.chars() {
        match c {
            '{' => {
                in_param = true;
                out.push_str("{}");
            }
            '}' => in_param = false,
            _ if in_param => {}
            _ => out.push(c),
        }
    }
    out
}

fn parent(path: &str) -> String {
    path.rsplit_once('/').map(|(p, _)| p.to_string()).unwrap_or_default()
}

/// Computes the plan of every operation of `spec`, in operation order.
pub fn plan_all(spec: &Spec) -> Vec<Plan> {
    let paths: HashSet<&str> = spec.operations.iter().map(|o| o.path.as_str()).collect();
    let has_item_child = |collection: &str| {
        paths
            .iter()
            .any(|p| parent(p) == collection && last_segment_is_param(p).is_some())
    };
    let list_paths: HashSet<String> = spec
        .operations
        .iter()
        .filter(|o| o.method == "get" && last_segment_is_param(&o.path).is_none())
        .filter(|o| list_field(spec, o).is_some())
        .map(|o| o.path.clone())
        .collect();
    let mut plans: Vec<Plan> = spec
        .operations
        .iter()
        .map(|op| plan_one(spec, op, &list_paths, &has_item_child))
        .collect();
    // Lists and creates learn the key field from the collection's item operations
    // (GitHub issues are keyed by `number`, which only `/issues/{issue_number}` reveals).
    let mut keys: HashMap<String, (String, bool)> = HashMap::new();
    for p in plans.iter().filter(|p| p.item_param.is_some() && p.kind == Kind::Read) {
        keys.entry(p.shape.clone())
            .or_insert_with(|| (p.id_field.clone(), p.integer_ids));
    }
    for p in plans.iter().filter(|p| p.item_param.is_some()) {
        keys.entry(p.shape.clone())
            .or_insert_with(|| (p.id_field.clone(), p.integer_ids));
    }
    for p in plans.iter_mut() {
        if let Some((field, integer)) = keys.get(&p.shape) {
            p.id_field = field.clone();
            p.integer_ids = *integer;
        }
    }
    let effects: Vec<_> = spec
        .operations
        .iter()
        .map(|op| super::effect::parse(spec, op, &plans))
        .collect();
    for (p, e) in plans.iter_mut().zip(effects) {
        if e.is_some() {
            p.kind = Kind::Action;
            p.effect = e;
        }
    }
    plans
}

/// The envelope of an operation's success body, from its schema.
fn envelope_of(spec: &Spec, op: &Operation) -> Envelope {
    let Some(schema) = op.success_response().and_then(|r| r.schema.as_ref()) else {
        return Envelope::Bare;
    };
    let doc = &spec.doc;
    if declares(doc, schema, "success") && declares(doc, schema, "result") {
        Envelope::Cloudflare
    } else {
        Envelope::Bare
    }
}

/// Whether a schema names a property (described or only listed as required), through `$ref` and `allOf`.
fn declares(doc: &Value, schema: &Value, name: &str) -> bool {
    find_property(doc, schema, name).is_some() || requires(doc, schema, name, 0)
}

fn requires(doc: &Value, schema: &Value, name: &str, depth: usize) -> bool {
    let schema = resolve(doc, schema);
    depth < 8
        && (schema
            .get("required")
            .and_then(Value::as_array)
            .is_some_and(|r| r.iter().any(|n| n == name))
            || schema
                .get("allOf")
                .and_then(Value::as_array)
                .is_some_and(|all| all.iter().any(|s| requires(doc, s, name, depth + 1))))
}

/// The success body schema with the envelope removed.
fn body_schema(spec: &Spec, op: &Operation, envelope: Envelope) -> Option<Value> {
    let schema = op.success_response()?.schema.as_ref()?;
    match envelope {
        Envelope::Bare => Some(schema.clone()),
        // The last part that says something about `result` (a later bare `{}` adds nothing).
        Envelope::Cloudflare => {
            let parts = property_parts(&spec.doc, schema, "result");
            parts
                .iter()
                .rev()
                .find(|p| !says_nothing(&spec.doc, p))
                .or(parts.last())
                .copied()
                .or_else(|| find_property(&spec.doc, schema, "result"))
                .cloned()
        }
    }
}

/// Fields of the enveloped body that the success schema requires beyond `success`, `errors`,
/// `messages` and `result`, with values generated from that schema.
fn envelope_extras(spec: &Spec, op: &Operation, envelope: Envelope) -> Map<String, Value> {
    let mut out = Map::new();
    let Some(schema) = op.success_response().and_then(|r| r.schema.as_ref()) else {
        return out;
    };
    if envelope != Envelope::Cloudflare {
        return out;
    }
    let doc = &spec.doc;
    let extra: Vec<String> = required_names(doc, schema)
        .into_iter()
        .filter(|n| !matches!(n.as_str(), "success" | "errors" | "messages" | "result"))
        .collect();
    if extra.is_empty() {
        return out;
    }
    let example = super::generate::Generator::new(doc, 0, &format!("{} envelope", op.operation_id)).value(schema);
    for name in extra {
        let value = example.get(&name).cloned().unwrap_or(Value::Null);
        out.insert(name, value);
    }
    out
}

/// The element schema of the list held in property `field` of `body`: every `allOf` part that
/// describes the property adds its element schema (each part's required fields must be met).
fn list_items(doc: &Value, body: &Value, field: &str) -> Option<Value> {
    let mut items: Vec<&Value> = Vec::new();
    for part in property_parts(doc, body, field) {
        if let Some(i) = array_items(doc, part)
            && !items.contains(&i)
        {
            items.push(i);
        }
    }
    match items.as_slice() {
        [] => find_property(doc, body, field)
            .and_then(|p| array_items(doc, p))
            .cloned(),
        [one] => Some((*one).clone()),
        many => Some(json!({"allOf": many})),
    }
}

/// For a list: `Some(None)` when the unwrapped body is an array, `Some(Some(field))` when a property holds it.
fn list_field(spec: &Spec, op: &Operation) -> Option<Option<String>> {
    let body = body_schema(spec, op, envelope_of(spec, op))?;
    let doc = &spec.doc;
    if array_items(doc, &body).is_some() {
        return Some(None);
    }
    for name in ["data", "items", "results", "result", "records", "entries"] {
        if let Some(p) = find_property(doc, &body, name)
            && array_items(doc, p).is_some()
        {
            return Some(Some(name.to_string()));
        }
    }
    None
}

fn query_names(op: &Operation) -> Vec<&str> {
    op.parameters
        .iter()
        .filter(|p| p.location == ParamLocation::Query)
        .map(|p| p.name.as_str())
        .collect()
}

fn paging(op: &Operation) -> (Paging, usize, usize) {
    let names = query_names(op);
    let find = |options: &[&str]| options.iter().find(|n| names.contains(n)).map(|n| n.to_string());
    let size = find(&SIZE_PARAMS);
    let (default, max) = size
        .as_ref()
        .and_then(|s| op.parameters.iter().find(|p| &p.name == s))
        .map(|p| {
            let d = p.schema.get("default").and_then(Value::as_u64).unwrap_or(20) as usize;
            let m = p.schema.get("maximum").and_then(Value::as_u64).unwrap_or(100) as usize;
            (d.max(1), m.max(1))
        })
        .unwrap_or((20, 100));
    let style = if names.contains(&"page") {
        Paging::Page {
            page: "page".into(),
            size,
        }
    } else if let Some(after) = find(&AFTER_PARAMS) {
        Paging::Cursor {
            after,
            before: find(&BEFORE_PARAMS),
            size,
        }
    } else if names.contains(&"offset") {
        Paging::Offset {
            offset: "offset".into(),
            size,
        }
    } else if size.is_some() {
        Paging::Page {
            page: "page".into(),
            size,
        }
    } else {
        Paging::None
    };
    (style, default, max)
}

/// The item field that holds an item's key, given the item path parameter.
fn id_field(spec: &Spec, item_schema: Option<&Value>, param: Option<&str>) -> String {
    let names = item_schema.map(|s| property_names(&spec.doc, s)).unwrap_or_default();
    let mut candidates: Vec<String> = Vec::new();
    if let Some(p) = param {
        candidates.push(p.to_string());
        for suffix in ["_number", "_id", "_name", "_key", "_slug"] {
            if let Some(stripped) = p.strip_suffix(suffix) {
                candidates.push(suffix[1..].to_string());
                candidates.push(format!("{stripped}{suffix}"));
            }
        }
    }
    candidates.extend(["id".to_string(), "name".to_string()]);
    candidates
        .into_iter()
        .find(|c| names.contains(c))
        .unwrap_or_else(|| "id".to_string())
}

fn plan_one(spec: &Spec, op: &Operation, list_paths: &HashSet<String>, has_item_child: &dyn Fn(&str) -> bool) -> Plan {
    let doc = &spec.doc;
    let item_param = last_segment_is_param(&op.path);
    let is_item = item_param.is_some();
    let collection = if is_item { parent(&op.path) } else { op.path.clone() };
    let is_collection = !is_item && (list_paths.contains(&op.path) || has_item_child(&op.path));
    let kind = match (op.method.as_str(), is_item) {
        ("get", true) => Kind::Read,
        ("put", true) => Kind::Replace,
        ("patch" | "post", true) => Kind::Update,
        ("delete", true) => Kind::Delete,
        ("get", false) if list_paths.contains(&op.path) => Kind::List,
        ("get", false) => Kind::SingletonRead,
        ("post", false) if is_collection => Kind::Create,
        ("put" | "patch", false) => Kind::SingletonWrite,
        ("delete", false) => Kind::SingletonDelete,
        _ => Kind::Action,
    };
    let envelope = envelope_of(spec, op);
    let body = body_schema(spec, op, envelope);
    let list = if kind == Kind::List { list_field(spec, op) } else { None };
    let item_schema = match (&kind, &body) {
        (Kind::List, Some(b)) => match &list {
            Some(None) => array_items(doc, b).cloned(),
            Some(Some(f)) => list_items(doc, b, f),
            None => None,
        },
        (_, b) => b.clone(),
    };
    let id_field = id_field(spec, item_schema.as_ref(), item_param.as_deref());
    let integer_ids = match (&item_param, &item_schema) {
        (Some(p), _) => op
            .parameters
            .iter()
            .find(|x| &x.name == p)
            .is_some_and(|x| types(resolve(doc, &x.schema)).contains(&"integer")),
        (None, Some(s)) => {
            find_property(doc, s, &id_field).is_some_and(|f| types(resolve(doc, f)).contains(&"integer"))
        }
        _ => false,
    };
    let (paging, default_size, max_size) = if kind == Kind::List {
        paging(op)
    } else {
        (Paging::None, 20, 100)
    };
    let item_props = item_schema.as_ref().map(|s| property_names(doc, s)).unwrap_or_default();
    let filters = if kind == Kind::List {
        op.parameters
            .iter()
            .filter(|p| p.location == ParamLocation::Query)
            .filter_map(|p| {
                // `status` filters on `status`; `account.id` on the nested field.
                let path: Vec<String> = p.name.split('.').map(str::to_string).collect();
                if !item_props.iter().any(|x| *x == path[0]) || SORT_PARAMS.contains(&p.name.as_str()) {
                    return None;
                }
                // A default only filters when it fits the item field (Cloudflare's boolean
                // `verified` parameter filters a date field: its default must not hide everything).
                let field = item_schema
                    .as_ref()
                    .and_then(|s| path.iter().try_fold(s, |schema, k| find_property(doc, schema, k)));
                let default = resolve(doc, &p.schema)
                    .get("default")
                    .filter(|d| field.is_some_and(|f| super::schema::validate(doc, f, d, "default").is_empty()))
                    .cloned();
                Some(Filter {
                    param: p.name.clone(),
                    path,
                    default,
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let names = query_names(op);
    let sort = (kind == Kind::List)
        .then(|| SORT_PARAMS.iter().find(|n| names.contains(n)))
        .flatten()
        .map(|s| {
            let dir = DIRECTION_PARAMS
                .iter()
                .find(|n| names.contains(n))
                .map(|d| d.to_string());
            (s.to_string(), dir)
        });
    let status = op
        .success_response()
        .and_then(|r| r.status.parse::<u16>().ok())
        .unwrap_or(if kind == Kind::Create { 201 } else { 200 });
    let invalid_status = if op.responses.iter().any(|r| r.status == "422") {
        422
    } else {
        400
    };
    Plan {
        kind,
        shape: shape_of(&collection),
        collection,
        item_param,
        id_field,
        integer_ids,
        envelope,
        status,
        body_schema: body,
        item_schema,
        list_field: list.flatten(),
        paging,
        default_size,
        max_size,
        filters,
        sort,
        invalid_status,
        effect: None,
        envelope_extras: envelope_extras(spec, op, envelope),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_world_operations_are_classified() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mock_world/openapi.json");
        let spec = Spec::load(path).expect("test world");
        let plans = plan_all(&spec);
        let of = |id: &str| {
            let i = spec
                .operations
                .iter()
                .position(|o| o.operation_id == id)
                .expect("operation");
            &plans[i]
        };
        let kinds: Vec<(&str, Kind)> = [
            "listZones",
            "createZone",
            "getZone",
            "editZone",
            "deleteZone",
            "updateDnsRecord",
            "purgeCache",
            "updateCustomer",
            "getUser",
            "editUser",
        ]
        .into_iter()
        .map(|id| (id, of(id).kind))
        .collect();
        use Kind::*;
        assert_eq!(
            kinds,
            [
                ("listZones", List),
                ("createZone", Create),
                ("getZone", Read),
                ("editZone", Update),
                ("deleteZone", Delete),
                ("updateDnsRecord", Replace),
                ("purgeCache", Action),
                ("updateCustomer", Update),
                ("getUser", SingletonRead),
                ("editUser", SingletonWrite),
            ]
        );
        let zones = of("listZones");
        assert_eq!(zones.envelope, Envelope::Cloudflare);
        assert_eq!(zones.list_field, None);
        assert_eq!(
            zones.paging,
            Paging::Page {
                page: "page".into(),
                size: Some("per_page".into())
            }
        );
        assert_eq!((zones.default_size, zones.max_size), (20, 50));
        let names: Vec<&str> = zones.filters.iter().map(|f| f.param.as_str()).collect();
        assert_eq!(names, ["name", "status", "account.id"]);
        assert_eq!(zones.sort, Some(("order".into(), Some("direction".into()))));
        let customers = of("listCustomers");
        assert_eq!(customers.envelope, Envelope::Bare);
        assert_eq!(customers.list_field.as_deref(), Some("data"));
        assert!(
            matches!(&customers.paging, Paging::Cursor { after, before: Some(b), .. } if after == "starting_after" && b == "ending_before")
        );
        assert_eq!(
            customers
                .filters
                .iter()
                .find(|f| f.param == "delinquent")
                .and_then(|f| f.default.clone()),
            Some(serde_json::json!(false))
        );
        assert_eq!(of("createDnsRecord").invalid_status, 422);
        assert_eq!(of("createZone").invalid_status, 400);
        assert_eq!(of("getDnsRecord").shape, "/zones/{}/dns_records");
        assert_eq!(of("getCustomer").id_field, "id");
    }
}
