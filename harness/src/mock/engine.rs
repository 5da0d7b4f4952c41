//! The generic REST rules: what each kind of operation does to an episode's state.

use super::generate::Generator;
use super::plan::{Envelope, Kind, Plan};
use super::route::fill;
use super::schema::{find_property, required_names, resolve, validate};
use super::store::Store;
use super::validate::{Answer, Checked, error_answer};
use super::world::{HookContext, World, key_string};
use serde_json::{Map, Value, json};
use std::sync::Arc;

/// Everything one request may touch.
pub struct Ctx<'a> {
    /// The world.
    pub world: &'a World,
    /// The episode's state.
    pub store: &'a mut Store,
    /// Items created so far in this episode (drives new ids).
    pub created: &'a mut u64,
    /// Largest page size (from faults), if capped.
    pub page_cap: Option<usize>,
    /// The request URL without its query (for `Link` headers).
    pub url: &'a str,
    /// The API path of the request (`/v1/customers`), for `url` fields of list objects.
    pub api_path: &'a str,
    /// The episode clock when the request arrived (Unix milliseconds), for `$now` in effects.
    pub now_ms: i64,
}

/// Runs one checked request and returns the answer (envelope applied).
pub fn execute(ctx: &mut Ctx<'_>, op_index: usize, params: &[(String, String)], req: &Checked) -> Answer {
    let world = ctx.world;
    let op = &world.spec.operations[op_index];
    if let Some(fixed) = world.overrides.get(&op.operation_id) {
        return Answer::new(fixed.status, fixed.body.clone());
    }
    if let Some(hook) = world.hooks.get(&op.operation_id) {
        let mut hc = HookContext {
            operation_id: &op.operation_id,
            path_params: params,
            query: &req.query,
            body: &req.body,
            state: &mut ctx.store.current,
        };
        if let Some(fixed) = hook(&mut hc) {
            return Answer::new(fixed.status, fixed.body);
        }
    }
    let plan = &world.plans[op_index];
    if let Some(missing) = missing_parent(ctx, plan, params) {
        return missing;
    }
    let collection = fill(&plan.collection, params);
    let key = plan
        .item_param
        .as_ref()
        .and_then(|p| params.iter().find(|(n, _)| n == p))
        .map(|(_, v)| v.clone());
    match (plan.kind, key) {
        (Kind::List, _) => super::list::list(ctx, op_index, &collection, &req.query),
        (Kind::Create, _) => create(ctx, op_index, &collection, &req.body),
        (Kind::Read, Some(key)) => match find_item(ctx, op_index, &collection, &key) {
            Some(item) => wrap(plan, plan.status, answer_body(world, op_index, item), None),
            None => not_found(world, plan, &key),
        },
        (Kind::Replace | Kind::Update, Some(key)) => {
            let existing = find_item(ctx, op_index, &collection, &key);
            if existing.is_none() && plan.kind == Kind::Update {
                return not_found(world, plan, &key);
            }
            let mut base = existing.unwrap_or_else(|| new_item(ctx, op_index, &collection, &key));
            if plan.kind == Kind::Replace
                && req.body.is_object()
                && let (Value::Object(fields), Some(schema)) = (&mut base, &plan.item_schema)
            {
                // PUT replaces: only the id and the fields the schema requires survive from before.
                let required = required_names(&world.spec.doc, schema);
                fields.retain(|k, _| *k == plan.id_field || required.contains(k));
            }
            let item = merge_fields(world, plan, base, &req.body);
            if let Some(conflict) = duplicate(ctx, plan, &collection, &key, &item) {
                return conflict;
            }
            set_item(ctx.store, &collection, &key, item.clone());
            wrap(plan, plan.status, answer_body(world, op_index, item), None)
        }
        (Kind::Delete, Some(key)) => {
            if find_item(ctx, op_index, &collection, &key).is_none() {
                return not_found(world, plan, &key);
            }
            if let Some(c) = ctx.store.current.collections.get_mut(&collection) {
                c.shift_remove(&key);
            }
            let body = generated(world, op_index).as_ref().clone();
            let body = with_id(plan, body, &key);
            wrap(plan, plan.status, body, None)
        }
        (Kind::SingletonRead, _) => match singleton(ctx, op_index, &collection) {
            Some(v) => wrap(plan, plan.status, answer_body(world, op_index, v), None),
            None => not_found(world, plan, &collection),
        },
        (Kind::SingletonWrite, _) => {
            let base =
                singleton(ctx, op_index, &collection).unwrap_or_else(|| generated(world, op_index).as_ref().clone());
            let v = merge_fields(world, plan, base, &req.body);
            ctx.store.current.singletons.insert(collection, v.clone());
            wrap(plan, plan.status, answer_body(world, op_index, v), None)
        }
        (Kind::Action, _) if plan.effect.is_some() => act(ctx, op_index, params, &req.body),
        (Kind::SingletonDelete, _) => {
            if ctx.store.current.singletons.remove(&collection).is_none() && !world.generate {
                return not_found(world, plan, &collection);
            }
            wrap(plan, plan.status, generated(world, op_index).as_ref().clone(), None)
        }
        _ => wrap(plan, plan.status, generated(world, op_index).as_ref().clone(), None),
    }
}

/// Runs an action with a declared effect: finds its item, checks the conditions (409 when
/// unmet) and applies the changes; answers with the item.
fn act(ctx: &mut Ctx<'_>, op_index: usize, params: &[(String, String)], body: &Value) -> Answer {
    let world = ctx.world;
    let plan = &world.plans[op_index];
    let effect = match &plan.effect {
        Some(Ok(e)) => e,
        Some(Err(problem)) => {
            return error_answer(
                world.error_style,
                500,
                &format!("The API description is unusable: {problem}"),
                &[],
                None,
            );
        }
        None => return wrap(plan, plan.status, generated(world, op_index).as_ref().clone(), None),
    };
    let item_plan = &world.plans[effect.item_op];
    let collection = fill(&effect.collection, params);
    let Some(key) = params
        .iter()
        .find(|(n, _)| *n == effect.item_param)
        .map(|(_, v)| v.clone())
    else {
        return error_answer(
            world.error_style,
            500,
            &format!("No {} in the path", effect.item_param),
            &[],
            None,
        );
    };
    let Some(mut item) = find_item(ctx, effect.item_op, &collection, &key) else {
        return not_found(world, item_plan, &key);
    };
    if let Some(why) = super::effect::refusal(effect, &item) {
        let what = singular(collection.rsplit('/').next().unwrap_or("resource"));
        return error_answer(
            world.error_style,
            409,
            &format!("The {what} {key:?} cannot be acted on: {why}"),
            &[],
            effect.when.first().map(|(f, _)| f.as_str()),
        );
    }
    let doc = &world.spec.doc;
    let body_schema = world.spec.operations[op_index].request_body.as_ref().map(|b| &b.schema);
    super::effect::apply(
        effect,
        doc,
        &mut item,
        body,
        body_schema,
        item_plan.item_schema.as_ref(),
        ctx.now_ms,
    );
    set_item(ctx.store, &collection, &key, item.clone());
    wrap(plan, plan.status, answer_body(world, op_index, item), None)
}

/// A 404 naming what was not found.
pub fn not_found(world: &World, plan: &Plan, key: &str) -> Answer {
    let what = plan
        .collection
        .rsplit('/')
        .find(|s| !s.starts_with('{'))
        .unwrap_or("resource");
    error_answer(
        world.error_style,
        404,
        &format!("No such {}: {key:?}", singular(what)),
        &[],
        plan.item_param.as_deref(),
    )
}

/// `zones` -> `zone`, `policies` -> `policy`, `dns_records` -> `dns record`.
fn singular(segment: &str) -> String {
    let s = segment.replace(['_', '-'], " ");
    if let Some(stem) = s.strip_suffix("ies") {
        format!("{stem}y")
    } else if s.ends_with("ss") {
        s
    } else {
        s.strip_suffix('s').map(str::to_string).unwrap_or(s)
    }
}

/// In worlds without generated data: a 404 when an ancestor item in the path does not exist.
fn missing_parent(ctx: &Ctx<'_>, plan: &Plan, params: &[(String, String)]) -> Option<Answer> {
    if ctx.world.generate {
        return None;
    }
    let mut prefix = String::new();
    for seg in plan.collection.split('/').filter(|s| !s.is_empty()) {
        if let Some(name) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            let parent = fill(&prefix, params);
            let key = params.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())?;
            if let Some(items) = ctx.store.current.collections.get(&parent)
                && !items.contains_key(key)
            {
                let what = prefix.rsplit('/').find(|s| !s.starts_with('{')).unwrap_or("resource");
                return Some(error_answer(
                    ctx.world.error_style,
                    404,
                    &format!("No such {}: {key:?}", singular(what)),
                    &[],
                    Some(name),
                ));
            }
        }
        prefix.push('/');
        prefix.push_str(seg);
    }
    None
}

/// Wraps a body in the plan's envelope.
pub fn wrap(plan: &Plan, status: u16, body: Value, result_info: Option<Value>) -> Answer {
    if status == 204 {
        return Answer::new(204, Value::Null);
    }
    let body = match plan.envelope {
        Envelope::Bare => body,
        Envelope::Cloudflare => {
            let mut env = json!({"success": true, "errors": [], "messages": [], "result": body});
            if let Some(info) = result_info {
                env["result_info"] = info;
            }
            if let Value::Object(m) = &mut env {
                for (k, v) in &plan.envelope_extras {
                    if !m.contains_key(k) {
                        m.insert(k.clone(), v.clone());
                    }
                }
            }
            env
        }
    };
    Answer::new(status, body)
}

/// The generated body of an operation (computed once per world).
pub fn generated(world: &World, op_index: usize) -> Arc<Value> {
    if let Ok(cache) = world.generated.lock()
        && let Some(v) = cache.get(&op_index)
    {
        return v.clone();
    }
    let plan = &world.plans[op_index];
    let value = match &plan.body_schema {
        Some(s) => Generator::new(
            &world.spec.doc,
            world.seed,
            &world.spec.operations[op_index].operation_id,
        )
        .value(s),
        None => json!({}),
    };
    let value = Arc::new(value);
    if let Ok(mut cache) = world.generated.lock() {
        cache.insert(op_index, value.clone());
    }
    value
}

/// Sets the id field of an object body (keeps its JSON type: numbers stay numbers).
fn with_id(plan: &Plan, mut body: Value, key: &str) -> Value {
    if let Value::Object(m) = &mut body
        && m.contains_key(&plan.id_field)
    {
        let v = match (plan.integer_ids, key.parse::<i64>()) {
            (true, Ok(n)) => json!(n),
            _ => json!(key),
        };
        m.insert(plan.id_field.clone(), v);
    }
    body
}

/// Schemas that describe items of a collection shape: reads first, then lists, then creates.
fn item_schemas<'a>(world: &'a World, shape: &str) -> Vec<(&'a Plan, &'a Value)> {
    let mut out: Vec<(&Plan, &Value)> = Vec::new();
    for kind in [Kind::Read, Kind::List, Kind::Create] {
        for p in world.plans.iter().filter(|p| p.kind == kind && p.shape == shape) {
            if let Some(s) = &p.item_schema {
                out.push((p, s));
            }
        }
    }
    out
}

/// A generated item for `key` in the collection at a concrete path (not stored).
///
/// The operation's own item schema comes first; fields from the collection's other item
/// schemas (the read, the list, the create) are added, and a field is swapped for the other
/// schema's value when only that one satisfies both, so one item answers every view of it.
fn new_item(ctx: &Ctx<'_>, op_index: usize, collection: &str, key: &str) -> Value {
    let world = ctx.world;
    let doc = &world.spec.doc;
    let plan = &world.plans[op_index];
    let mut schemas: Vec<&Value> = plan.item_schema.iter().collect();
    for (_, s) in item_schemas(world, &plan.shape) {
        if schemas.len() < 3 && !schemas.contains(&s) {
            schemas.push(s);
        }
    }
    let label = format!("{collection}/{key}");
    let mut item = match schemas.first() {
        Some(s) => Generator::new(doc, world.seed, &label).value(s),
        None => Value::Object(Map::new()),
    };
    let Value::Object(acc) = &mut item else {
        return item;
    };
    for other in schemas.iter().skip(1) {
        let Value::Object(more) = Generator::new(doc, world.seed, &label).value(other) else {
            continue;
        };
        for (k, v) in more {
            match acc.get(&k) {
                None => {
                    acc.insert(k, v);
                }
                Some(mine) => {
                    let fits = |schema: &Value, value: &Value| {
                        find_property(doc, schema, &k).is_none_or(|p| validate(doc, p, value, &k).is_empty())
                    };
                    if !fits(other, mine) && fits(schemas[0], &v) {
                        acc.insert(k, v);
                    }
                }
            }
        }
    }
    // The key goes into the id field only where the schema describes that field and the key fits it.
    let id_schema = schemas.iter().find_map(|s| find_property(doc, s, &plan.id_field));
    let fits = |v: &Value| id_schema.is_some_and(|p| validate(doc, p, v, "id").is_empty());
    let as_number = key.parse::<i64>().ok().map(|n| json!(n));
    let id = match as_number {
        Some(n) if fits(&n) => Some(n),
        _ if fits(&json!(key)) => Some(json!(key)),
        _ if schemas.is_empty() => Some(json!(key)),
        _ => None,
    };
    if let Some(id) = id {
        acc.insert(plan.id_field.clone(), id);
    }
    item
}

/// The body an item operation answers with: the item when it matches the operation's success
/// schema, else the operation's own generated body (some writes answer with something else).
fn answer_body(world: &World, op_index: usize, item: Value) -> Value {
    let plan = &world.plans[op_index];
    let Some(schema) = &plan.body_schema else { return item };
    // Items of one collection share their shape, so the verdict is remembered per operation and
    // top-level shape (field names and JSON types): large items are walked once, not per request.
    let signature = shape_signature(&item);
    let known = world
        .shape_ok
        .lock()
        .ok()
        .and_then(|c| c.get(&(op_index, signature)).copied());
    let fits = known.unwrap_or_else(|| {
        let ok = validate(&world.spec.doc, schema, &item, "body").is_empty();
        if let Ok(mut cache) = world.shape_ok.lock() {
            cache.insert((op_index, signature), ok);
        }
        ok
    });
    if fits {
        item
    } else {
        generated(world, op_index).as_ref().clone()
    }
}

/// A hash of a value's top-level field names and JSON types.
fn shape_signature(value: &Value) -> u64 {
    use std::hash::{Hash, Hasher};
    let tag = |v: &Value| match v {
        Value::Null => 0u8,
        Value::Bool(_) => 1,
        Value::Number(_) => 2,
        Value::String(_) => 3,
        Value::Array(_) => 4,
        Value::Object(_) => 5,
    };
    let mut h = std::collections::hash_map::DefaultHasher::new();
    tag(value).hash(&mut h);
    if let Value::Object(m) = value {
        for (k, v) in m {
            k.hash(&mut h);
            tag(v).hash(&mut h);
        }
    }
    h.finish()
}

/// Sets the fields that the collection's lists filter on by default (GitHub's `state=open`)
/// to that default, so a default listing shows new and generated items.
fn apply_list_defaults(world: &World, shape: &str, item: &mut Value) {
    for list in world.plans.iter().filter(|p| p.kind == Kind::List && p.shape == shape) {
        for f in &list.filters {
            if let (Some(d), Some((last, parents))) = (&f.default, f.path.split_last())
                && d != "all"
                && let Some(Value::Object(m)) = parents.iter().try_fold(&mut *item, |v, k| v.get_mut(k))
            {
                m.insert(last.clone(), d.clone());
            }
        }
    }
}

/// Makes sure a collection exists in generated worlds (first use reveals a few generated items).
pub fn ensure_collection(ctx: &mut Ctx<'_>, op_index: usize, collection: &str) {
    let world = ctx.world;
    if !world.generate || ctx.store.knows_collection(collection) {
        return;
    }
    let plan = &world.plans[op_index];
    let mut items = Map::new();
    for i in 0..world.generated_items {
        let key = if plan.integer_ids {
            (i + 1).to_string()
        } else {
            Generator::new(&world.spec.doc, world.seed, &format!("{collection}#{i}")).hex(32)
        };
        let mut item = new_item(ctx, op_index, collection, &key);
        apply_list_defaults(world, &plan.shape, &mut item);
        items.insert(key, item);
    }
    ctx.store.reveal_items(collection, items);
}

/// The item at `key`, generating it in generated worlds when it was never seen.
fn find_item(ctx: &mut Ctx<'_>, op_index: usize, collection: &str, key: &str) -> Option<Value> {
    ensure_collection(ctx, op_index, collection);
    if let Some(v) = ctx.store.current.collections.get(collection).and_then(|c| c.get(key)) {
        return Some(v.clone());
    }
    if !ctx.world.generate || ctx.store.item_was_seen(collection, key) {
        return None;
    }
    let item = new_item(ctx, op_index, collection, key);
    let mut one = Map::new();
    one.insert(key.to_string(), item.clone());
    ctx.store.reveal_items(collection, one);
    Some(item)
}

fn set_item(store: &mut Store, collection: &str, key: &str, item: Value) {
    store
        .current
        .collections
        .entry(collection.to_string())
        .or_default()
        .insert(key.to_string(), item);
}

fn singleton(ctx: &mut Ctx<'_>, op_index: usize, path: &str) -> Option<Value> {
    if let Some(v) = ctx.store.current.singletons.get(path) {
        return Some(v.clone());
    }
    if !ctx.world.generate || ctx.store.baseline.singletons.contains_key(path) {
        return None;
    }
    let v = generated(ctx.world, op_index).as_ref().clone();
    ctx.store.reveal_singleton(path, v.clone());
    Some(v)
}

/// Copies body fields onto `base` where the item schema declares them with a matching type.
fn merge_fields(world: &World, plan: &Plan, mut base: Value, body: &Value) -> Value {
    let (Value::Object(target), Value::Object(fields)) = (&mut base, body) else {
        return if base.is_null() { body.clone() } else { base };
    };
    let doc = &world.spec.doc;
    for (k, v) in fields {
        if *k == plan.id_field && target.contains_key(k) {
            continue;
        }
        let fits = match plan.item_schema.as_ref().or(plan.body_schema.as_ref()) {
            Some(schema) => find_property(doc, schema, k).is_some_and(|s| validate(doc, s, v, k).is_empty()),
            None => true,
        };
        if fits {
            target.insert(k.clone(), v.clone());
        }
    }
    base
}

/// The uniqueness rules of a collection: `x-cmbench-unique` on one of its item schemas
/// (a list of field groups; a plain string is a group of one).
pub fn unique_groups(world: &World, plan: &Plan) -> Vec<Vec<String>> {
    let doc = &world.spec.doc;
    let own = plan.item_schema.iter().map(|s| (plan, s));
    for (_, schema) in own.chain(item_schemas(world, &plan.shape)) {
        if let Some(Value::Array(rules)) = resolve(doc, schema).get("x-cmbench-unique") {
            return rules
                .iter()
                .filter_map(|r| match r {
                    Value::String(f) => Some(vec![f.clone()]),
                    Value::Array(g) => Some(g.iter().filter_map(|f| f.as_str().map(str::to_string)).collect()),
                    _ => None,
                })
                .filter(|g: &Vec<String>| !g.is_empty())
                .collect();
        }
    }
    Vec::new()
}

/// A 409 when `item` (to be stored under `key`) would share a unique field group with
/// another item of the collection; fields that are absent or null never conflict.
fn duplicate(ctx: &Ctx<'_>, plan: &Plan, collection: &str, key: &str, item: &Value) -> Option<Answer> {
    let groups = unique_groups(ctx.world, plan);
    if groups.is_empty() {
        return None;
    }
    let items = ctx.store.current.collections.get(collection)?;
    for group in &groups {
        let values: Option<Vec<&Value>> = group.iter().map(|f| item.get(f).filter(|v| !v.is_null())).collect();
        let Some(values) = values else { continue };
        let clash = items
            .iter()
            .find(|(k, other)| k.as_str() != key && group.iter().zip(&values).all(|(f, v)| other.get(f) == Some(*v)));
        if let Some((existing, _)) = clash {
            let what = plan
                .collection
                .rsplit('/')
                .find(|s| !s.starts_with('{'))
                .unwrap_or("resource");
            let fields: Vec<String> = group.iter().zip(&values).map(|(f, v)| format!("{f} {v}")).collect();
            return Some(error_answer(
                ctx.world.error_style,
                409,
                &format!(
                    "A {} with {} already exists ({} {existing:?}); change it or pick another value",
                    singular(what),
                    fields.join(" and "),
                    plan.id_field
                ),
                &[],
                group.first().map(String::as_str),
            ));
        }
    }
    None
}

fn create(ctx: &mut Ctx<'_>, op_index: usize, collection: &str, body: &Value) -> Answer {
    let world = ctx.world;
    let plan = &world.plans[op_index];
    ensure_collection(ctx, op_index, collection);
    *ctx.created += 1;
    let given = body.get(&plan.id_field).and_then(key_string);
    let existing = ctx.store.current.collections.get(collection);
    let key = match given {
        Some(k) => {
            if existing.is_some_and(|c| c.contains_key(&k)) {
                return error_answer(
                    world.error_style,
                    409,
                    &format!("An item with {} {k:?} already exists", plan.id_field),
                    &[],
                    Some(&plan.id_field),
                );
            }
            k
        }
        None if plan.integer_ids => {
            let max = existing
                .map(|c| c.keys().filter_map(|k| k.parse::<u64>().ok()).max().unwrap_or(0))
                .unwrap_or(0);
            (max + 1).to_string()
        }
        None => Generator::new(&world.spec.doc, world.seed, &format!("{collection}+{}", ctx.created)).hex(32),
    };
    let mut base = if world.generate || plan.item_schema.is_some() {
        new_item(ctx, op_index, collection, &key)
    } else {
        json!({})
    };
    if !world.generate
        && let (Value::Object(fields), Some(schema)) = (&mut base, &plan.item_schema)
    {
        // Fixture worlds fill only what the server must: the id, required fields and schema defaults.
        let doc = &world.spec.doc;
        let required = required_names(doc, schema);
        fields.retain(|k, _| {
            *k == plan.id_field
                || required.contains(k)
                || find_property(doc, schema, k)
                    .is_some_and(|p| super::schema::resolve(doc, p).get("default").is_some())
        });
    }
    let mut base = if base.as_object().is_some_and(Map::is_empty) && plan.item_schema.is_none() {
        let mut b = body.clone();
        if let Value::Object(m) = &mut b {
            m.insert(plan.id_field.clone(), json!(key));
        }
        b
    } else {
        base
    };
    apply_list_defaults(world, &plan.shape, &mut base);
    let item = merge_fields(world, plan, base, body);
    if let Some(conflict) = duplicate(ctx, plan, collection, &key, &item) {
        return conflict;
    }
    set_item(ctx.store, collection, &key, item.clone());
    let mut answer = wrap(plan, plan.status, answer_body(world, op_index, item), None);
    answer
        .headers
        .push(("location".into(), format!("{}/{}", ctx.url.trim_end_matches('/'), key)));
    answer
}
