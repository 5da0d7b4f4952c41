//! The compact resource description a world's spec is generated from (`specs/<world>/resources.toml`).
//!
//! ```toml
//! title = "Edge Platform API"
//! version = "4.0.0"
//! envelope = "cloudflare"         # or "bare"; default "cloudflare"
//! paging = "page"                 # or "offset", "cursor"; default "page"
//! errors = "cloudflare"           # "message" or "stripe" with a bare envelope (default "message")
//! server = "https://api.edge.example/client/v4"
//! description = "..."
//! [tags]
//! DNS = "Manage the DNS records of a zone."
//!
//! [[resource]]
//! id = "dns-records"              # operationId prefix: dns-records-list
//! name = "DNS record"             # singular, for summaries
//! tag = "DNS"
//! path = "/zones/{zone_id}/dns_records"
//! item = "dns_record_id"          # item path parameter; absent = a singleton
//! ops = "list create get update replace delete"
//! per_page = [100, 5000]          # default and largest page size
//! sort = ["name", "type"]         # fields the list can be ordered by
//! seed = 12                       # fixture items per parent
//! fields = ["name hostname req filter | Record name, e.g. www.example.com"]
//! actions = ["import collection | Import records from a BIND zone file"]
//! ```
//!
//! A field is `"<name> <type> <flags...> | <description>"`. Types: `id`, `ref`, `string`,
//! `hostname`, `ipv4`, `ipv6`, `ip`, `email`, `uri`, `uuid`, `datetime`, `date`,
//! `integer`, `number`, `boolean`, `strings`, `object`, `enum(a,b,c)`. Flags: `req`
//! (required), `ro` (server-set, never sent), `filter` (a list query parameter),
//! `min=N`, `max=N`, `default=V`. An action is `"<name> item|collection | <summary>"`
//! (a `POST` to `<path>[/{item}]/<name>`); `[resource.action_fields]` maps an action name
//! to the field lines of its request body. `unique = ["name"]` or `unique = [["name", "type"]]`
//! lists fields (or groups of fields) no two items of the collection may share: the spec
//! declares them as `x-cmbench-unique` on the item schema and the mock answers 409.
//! `[resource.action_effects.<action>]` says what an item action does to its item:
//! `when = { state = "open" }` (a value, or a list of allowed values; else 409) and
//! `set = { state = "closed", merged_at = "$now" }` (literals, or `$now`, `$null`, `$inc`,
//! `$body.<action field>`, `$item.<field>`); the spec declares it as `x-cmbench-effect` and
//! the mock applies it (see `mock::effect`).

pub use super::rules::Unique;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// A description that cannot be used, naming the file and the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DescError(pub String);

/// How success bodies are wrapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EnvelopeStyle {
    /// Cloudflare's `{success, errors, messages, result, result_info}` around every body.
    #[default]
    Cloudflare,
    /// The resource itself is the body; lists per [`PagingStyle`].
    Bare,
}

/// How lists page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PagingStyle {
    /// `page` + `per_page`; bare lists are arrays with a `Link` header.
    #[default]
    Page,
    /// `offset` + `limit`; bare lists are `{items, total, offset, limit}`.
    Offset,
    /// `limit` + `starting_after` / `ending_before` (item ids); bare lists are `{object, data, has_more, url}`.
    Cursor,
}

/// The body of failed responses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ErrorStyle {
    /// `{success: false, errors: [{code, message}], ...}` (only with the Cloudflare envelope).
    Cloudflare,
    /// `{message, errors?}`.
    Message,
    /// `{error: {type, message, param?}}`.
    Stripe,
}

/// The wire style of a whole world.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    /// Wrapping of success bodies.
    pub envelope: EnvelopeStyle,
    /// Paging of lists.
    pub paging: PagingStyle,
    /// Shape of error bodies.
    pub errors: Option<ErrorStyle>,
}

impl Style {
    /// The error style in effect: as set, else the envelope's natural one.
    pub fn errors(&self) -> ErrorStyle {
        self.errors.unwrap_or(match self.envelope {
            EnvelopeStyle::Cloudflare => ErrorStyle::Cloudflare,
            EnvelopeStyle::Bare => ErrorStyle::Message,
        })
    }

    /// Query parameters the list operations use for paging and sorting.
    pub fn reserved_params(&self) -> &'static [&'static str] {
        match self.paging {
            PagingStyle::Page => &["page", "per_page", "order", "direction"],
            PagingStyle::Offset => &["offset", "limit", "order", "direction"],
            PagingStyle::Cursor => &["limit", "starting_after", "ending_before", "order", "direction"],
        }
    }
}

/// A whole world description.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Description {
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// `servers[0].url`.
    pub server: String,
    /// `info.description`.
    pub description: String,
    /// Seed of the generated fixtures.
    #[serde(default)]
    pub seed: u64,
    /// Wrapping of success bodies (default: Cloudflare's envelope).
    #[serde(default)]
    pub envelope: EnvelopeStyle,
    /// Paging of lists (default: page numbers).
    #[serde(default)]
    pub paging: PagingStyle,
    /// Shape of error bodies (default: the envelope's own).
    #[serde(default)]
    pub errors: Option<ErrorStyle>,
    /// Tag descriptions by tag name.
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    /// Resources in document order.
    #[serde(default, rename = "resource")]
    pub resources: Vec<Resource>,
    /// Groups of settings, each setting a singleton with a `value`.
    #[serde(default)]
    pub settings: Vec<Settings>,
}

/// One resource: a collection with items, or a singleton.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// operationId prefix (`dns-records`).
    pub id: String,
    /// Singular human name (`DNS record`).
    pub name: String,
    /// Plural human name (default: `name` + "s").
    #[serde(default)]
    pub plural: Option<String>,
    /// Component schema name (default: `name` in PascalCase).
    #[serde(default)]
    pub schema: Option<String>,
    /// Product tag.
    pub tag: String,
    /// Collection path (or the singleton's path).
    pub path: String,
    /// Item path parameter; `None` makes the resource a singleton.
    #[serde(default)]
    pub item: Option<String>,
    /// Operations, space separated: list create get update replace delete.
    pub ops: String,
    /// What the resource is (schema description).
    #[serde(default)]
    pub description: Option<String>,
    /// Default and largest page size of the list.
    #[serde(default)]
    pub per_page: Option<[u64; 2]>,
    /// Fields the list can be ordered by.
    #[serde(default)]
    pub sort: Vec<String>,
    /// Fixture items per parent instance.
    #[serde(default)]
    pub seed: Option<usize>,
    /// Field lines (see the module docs).
    pub fields: Vec<String>,
    /// Action lines (see the module docs).
    #[serde(default)]
    pub actions: Vec<String>,
    /// Request body fields of actions, by action name (field lines); without, the body is free-form.
    #[serde(default)]
    pub action_fields: BTreeMap<String, Vec<String>>,
    /// What item actions do to their item, by action name.
    #[serde(default)]
    pub action_effects: BTreeMap<String, super::rules::ActionEffect>,
    /// Field groups no two items may share (`["name"]`, `[["name", "type"]]`); a duplicate
    /// create, replace or update answers 409.
    #[serde(default)]
    pub unique: Vec<Unique>,
}

/// A group of settings under one path, e.g. `/zones/{zone_id}/settings`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// operationId prefix (`zone-settings`).
    pub id: String,
    /// Product tag.
    pub tag: String,
    /// Path holding one sub-path per setting.
    pub path: String,
    /// Whose settings these are (`zone`), for summaries.
    pub owner: String,
    /// One line per setting, in field syntax: the type is the type of `value`.
    pub items: Vec<String>,
}

/// The JSON type of a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldType {
    /// A 32-hex identifier set by the server.
    Id,
    /// A 32-hex identifier of another resource.
    Ref,
    /// A string with an optional `format`.
    Str(Option<&'static str>),
    /// An IP address or CIDR, v4 or v6.
    Ip,
    /// An integer.
    Integer,
    /// A number.
    Number,
    /// A boolean.
    Boolean,
    /// An array of strings.
    Strings,
    /// An object of string values.
    Object,
    /// One of fixed strings.
    Enum(Vec<String>),
}

/// One field of a resource.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Property name.
    pub name: String,
    /// Type.
    pub ty: FieldType,
    /// Required in items and in create bodies.
    pub required: bool,
    /// Set by the server only.
    pub read_only: bool,
    /// Offered as a list filter.
    pub filter: bool,
    /// `minimum` / `minLength`.
    pub min: Option<i64>,
    /// `maximum` / `maxLength`.
    pub max: Option<i64>,
    /// Schema default.
    pub default: Option<serde_json::Value>,
    /// Description.
    pub description: String,
}

/// One action: a `POST` on a collection or on an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    /// Last path segment and operationId suffix.
    pub name: String,
    /// Whether it sits under the item path.
    pub on_item: bool,
    /// Summary.
    pub summary: String,
}

/// The operations a resource declares.
pub const OPS: [&str; 6] = ["list", "create", "get", "update", "replace", "delete"];

impl Description {
    /// The world's wire style.
    pub fn style(&self) -> Style {
        Style {
            envelope: self.envelope,
            paging: self.paging,
            errors: self.errors,
        }
    }

    /// Reads and validates a description file.
    pub fn load(path: &Path) -> Result<Self, DescError> {
        let text =
            std::fs::read_to_string(path).map_err(|e| DescError(format!("{}: cannot read: {e}", path.display())))?;
        Self::parse(&text, path)
    }

    /// Parses and validates description text; `path` labels errors.
    pub fn parse(text: &str, path: &Path) -> Result<Self, DescError> {
        let desc: Description =
            toml::from_str(text).map_err(|e| DescError(format!("{}: {}", path.display(), e.to_string().trim())))?;
        let at = |what: String| DescError(format!("{}: {what}", path.display()));
        let style = desc.style();
        match (style.envelope, style.errors()) {
            (EnvelopeStyle::Cloudflare, ErrorStyle::Cloudflare)
            | (EnvelopeStyle::Bare, ErrorStyle::Message | ErrorStyle::Stripe) => {}
            (EnvelopeStyle::Cloudflare, _) => {
                return Err(at(
                    "errors: the cloudflare envelope has its own errors; leave `errors` out".into(),
                ));
            }
            (EnvelopeStyle::Bare, _) => {
                return Err(at(
                    "errors: with envelope = \"bare\" use \"message\" or \"stripe\"".into()
                ));
            }
        }
        let mut ids = std::collections::HashSet::new();
        // Item parameters of the resources seen so far: a path may only use those.
        let mut known: Vec<String> = Vec::new();
        for (i, r) in desc.resources.iter().enumerate() {
            let here = format!("resource[{i}] ({:?})", r.id);
            if !ids.insert(r.id.clone()) {
                return Err(at(format!("{here}.id: duplicate resource id")));
            }
            if r.id.is_empty()
                || !r
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                return Err(at(format!("{here}.id: use lowercase letters, digits and '-'")));
            }
            check_path(&r.path, &known).map_err(|e| at(format!("{here}.path: {e}")))?;
            if let Some(item) = &r.item {
                if !is_name(item) {
                    return Err(at(format!("{here}.item: {item:?} must be letters, digits and '_'")));
                }
                known.push(item.clone());
            }
            for op in r.ops.split_whitespace() {
                if !OPS.contains(&op) {
                    return Err(at(format!(
                        "{here}.ops: unknown operation {op:?} (known: {})",
                        OPS.join(" ")
                    )));
                }
            }
            for (j, f) in r.fields.iter().enumerate() {
                let field = parse_field(f).map_err(|e| at(format!("{here}.fields[{j}]: {e}")))?;
                if field.filter && r.has("list") && style.reserved_params().contains(&field.name.as_str()) {
                    return Err(at(format!(
                        "{here}.fields[{j}]: filter {:?} clashes with a paging or sorting parameter",
                        field.name
                    )));
                }
            }
            let mut actions = Vec::new();
            for (j, a) in r.actions.iter().enumerate() {
                actions.push(
                    parse_action(a)
                        .map_err(|e| at(format!("{here}.actions[{j}]: {e}")))?
                        .name,
                );
            }
            for (name, lines) in &r.action_fields {
                if !actions.contains(name) {
                    return Err(at(format!("{here}.action_fields.{name}: no such action in `actions`")));
                }
                for (j, f) in lines.iter().enumerate() {
                    parse_field(f).map_err(|e| at(format!("{here}.action_fields.{name}[{j}]: {e}")))?;
                }
            }
            let names: Vec<String> = r.parsed_fields().into_iter().map(|f| f.name).collect();
            for (name, effect) in &r.action_effects {
                let here = format!("{here}.action_effects.{name}");
                let action = r.parsed_actions().into_iter().find(|a| &a.name == name);
                match action {
                    None => return Err(at(format!("{here}: no such action in `actions`"))),
                    Some(a) if !a.on_item => {
                        return Err(at(format!("{here}: only item actions can change their item")));
                    }
                    Some(_) => {}
                }
                let body: Vec<String> = r
                    .action_fields
                    .get(name)
                    .map(|lines| {
                        lines
                            .iter()
                            .filter_map(|l| parse_field(l).ok())
                            .map(|f| f.name)
                            .collect()
                    })
                    .unwrap_or_default();
                super::rules::check(effect, &names, &body).map_err(|e| at(format!("{here}.{e}")))?;
            }
            for (j, u) in r.unique.iter().enumerate() {
                let group = u.fields();
                if group.is_empty() {
                    return Err(at(format!("{here}.unique[{j}]: an empty group")));
                }
                if r.item.is_none() {
                    return Err(at(format!(
                        "{here}.unique[{j}]: a singleton has no items to keep unique"
                    )));
                }
                if let Some(bad) = group.iter().find(|g| !names.contains(g)) {
                    return Err(at(format!(
                        "{here}.unique[{j}]: {bad:?} is not a field of the resource"
                    )));
                }
            }
            if r.tag.is_empty() || !desc.tags.contains_key(&r.tag) {
                return Err(at(format!("{here}.tag: {:?} has no entry in [tags]", r.tag)));
            }
        }
        for (i, s) in desc.settings.iter().enumerate() {
            check_path(&s.path, &known).map_err(|e| at(format!("settings[{i}].path: {e}")))?;
            for (j, f) in s.items.iter().enumerate() {
                parse_field(f).map_err(|e| at(format!("settings[{i}].items[{j}]: {e}")))?;
            }
            if !desc.tags.contains_key(&s.tag) {
                return Err(at(format!("settings[{i}].tag: {:?} has no entry in [tags]", s.tag)));
            }
        }
        Ok(desc)
    }
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A path starts with '/', has no empty segments, and uses only `{param}`s of earlier resources.
fn check_path(path: &str, known: &[String]) -> Result<(), String> {
    let Some(rest) = path.strip_prefix('/') else {
        return Err(format!("{path:?} must start with '/'"));
    };
    for seg in rest.split('/') {
        if seg.is_empty() {
            return Err(format!("{path:?} has an empty segment"));
        }
        if seg.contains(['{', '}']) {
            let name = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')).unwrap_or("");
            if !is_name(name) {
                return Err(format!("{path:?}: segment {seg:?} must be a whole {{param}}"));
            }
            if !known.iter().any(|k| k == name) {
                return Err(format!(
                    "{path:?}: parameter {{{name}}} is not the `item` of an earlier resource"
                ));
            }
        }
    }
    Ok(())
}

impl Resource {
    /// Plural human name.
    pub fn plural(&self) -> String {
        self.plural.clone().unwrap_or_else(|| format!("{}s", self.name))
    }

    /// Component schema name.
    pub fn schema_name(&self) -> String {
        self.schema.clone().unwrap_or_else(|| pascal(&self.name))
    }

    /// Whether the resource declares an operation.
    pub fn has(&self, op: &str) -> bool {
        self.ops.split_whitespace().any(|o| o == op)
    }

    /// Parsed fields (the description was validated on load).
    pub fn parsed_fields(&self) -> Vec<Field> {
        self.fields.iter().filter_map(|f| parse_field(f).ok()).collect()
    }

    /// Parsed actions.
    pub fn parsed_actions(&self) -> Vec<Action> {
        self.actions.iter().filter_map(|a| parse_action(a).ok()).collect()
    }
}

/// `DNS record` -> `DnsRecord`, `load-balancer` -> `LoadBalancer`.
pub fn pascal(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower = w.to_ascii_lowercase();
            let mut c = lower.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn split_desc(line: &str) -> Result<(&str, String), String> {
    let (head, desc) = line
        .split_once('|')
        .ok_or_else(|| format!("{line:?}: expected \"<name> <type> <flags> | <description>\""))?;
    let desc = desc.trim();
    if desc.is_empty() {
        return Err(format!("{line:?}: the description after '|' is empty"));
    }
    Ok((head.trim(), desc.to_string()))
}

/// Parses one field line.
pub fn parse_field(line: &str) -> Result<Field, String> {
    let (head, description) = split_desc(line)?;
    let mut words = head.split_whitespace();
    let name = words.next().ok_or_else(|| format!("{line:?}: missing field name"))?;
    let ty_text = words
        .next()
        .ok_or_else(|| format!("{line:?}: missing type after {name:?}"))?;
    let ty = match ty_text {
        "id" => FieldType::Id,
        "ref" => FieldType::Ref,
        "string" => FieldType::Str(None),
        "hostname" => FieldType::Str(Some("hostname")),
        "ipv4" => FieldType::Str(Some("ipv4")),
        "ipv6" => FieldType::Str(Some("ipv6")),
        "email" => FieldType::Str(Some("email")),
        "uri" => FieldType::Str(Some("uri")),
        "uuid" => FieldType::Str(Some("uuid")),
        "datetime" => FieldType::Str(Some("date-time")),
        "date" => FieldType::Str(Some("date")),
        "ip" => FieldType::Ip,
        "integer" => FieldType::Integer,
        "number" => FieldType::Number,
        "boolean" => FieldType::Boolean,
        "strings" => FieldType::Strings,
        "object" => FieldType::Object,
        t if t.starts_with("enum(") && t.ends_with(')') => {
            let values: Vec<String> = t[5..t.len() - 1]
                .split(',')
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
                .collect();
            if values.is_empty() {
                return Err(format!("{line:?}: enum() needs at least one value"));
            }
            FieldType::Enum(values)
        }
        other => return Err(format!("{line:?}: unknown type {other:?}")),
    };
    let mut field = Field {
        name: name.to_string(),
        ty,
        required: false,
        read_only: false,
        filter: false,
        min: None,
        max: None,
        default: None,
        description,
    };
    for flag in words {
        let number = |v: &str| {
            v.parse::<i64>()
                .map_err(|_| format!("{line:?}: {flag:?} needs a whole number"))
        };
        match flag.split_once('=') {
            None if flag == "req" => field.required = true,
            None if flag == "ro" => field.read_only = true,
            None if flag == "filter" => field.filter = true,
            Some(("min", v)) => field.min = Some(number(v)?),
            Some(("max", v)) => field.max = Some(number(v)?),
            Some(("default", v)) => {
                let value = match &field.ty {
                    FieldType::Integer => serde_json::json!(number(v)?),
                    FieldType::Boolean => serde_json::json!(
                        v.parse::<bool>()
                            .map_err(|_| format!("{line:?}: default of a boolean must be true or false"))?
                    ),
                    FieldType::Enum(values) if !values.iter().any(|x| x == v) => {
                        return Err(format!("{line:?}: default {v:?} is not one of the enum values"));
                    }
                    _ => serde_json::json!(v),
                };
                field.default = Some(value);
            }
            _ => {
                return Err(format!(
                    "{line:?}: unknown flag {flag:?} (known: req ro filter min= max= default=)"
                ));
            }
        }
    }
    Ok(field)
}

/// Parses one action line.
pub fn parse_action(line: &str) -> Result<Action, String> {
    let (head, summary) = split_desc(line)?;
    let mut words = head.split_whitespace();
    let name = words.next().ok_or_else(|| format!("{line:?}: missing action name"))?;
    let on_item = match words.next() {
        Some("item") => true,
        Some("collection") => false,
        _ => {
            return Err(format!(
                "{line:?}: expected \"item\" or \"collection\" after the action name"
            ));
        }
    };
    Ok(Action {
        name: name.to_string(),
        on_item,
        summary,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_lines_parse_and_bad_ones_are_named() {
        let f = parse_field("ttl integer min=1 max=86400 default=1 filter | Time to live").expect("parses");
        assert_eq!(f.ty, FieldType::Integer);
        assert_eq!((f.min, f.max, f.filter), (Some(1), Some(86400), true));
        assert_eq!(f.default, Some(serde_json::json!(1)));
        let e = parse_field("mode enum(block,challenge) default=allow | Mode").expect_err("bad default");
        assert!(e.contains("not one of the enum values"), "{e}");
        let e = parse_field("x float | X").expect_err("bad type");
        assert!(e.contains("unknown type \"float\""), "{e}");
        assert!(parse_field("x string").is_err());
        assert_eq!(pascal("DNS record"), "DnsRecord");
    }

    #[test]
    fn description_errors_name_file_and_field() {
        let text = "title='t'\nversion='1'\nserver='https://x/v1'\ndescription='d'\n[tags]\nA='a'\n[[resource]]\nid='a'\nname='a'\ntag='A'\npath='/a'\nitem='a_id'\nops='list fetch'\nfields=[]\n";
        let e = Description::parse(text, Path::new("r.toml")).expect_err("bad op");
        assert!(e.0.starts_with("r.toml: resource[0] (\"a\").ops"), "{e}");
        let orphan = text
            .replace("path='/a'", "path='/b/{b_id}/a'")
            .replace("list fetch", "list");
        let e = Description::parse(&orphan, Path::new("r.toml")).expect_err("unknown parent");
        assert!(
            e.0.contains("resource[0] (\"a\").path") && e.0.contains("{b_id}"),
            "{e}"
        );
        let broken = text.replace("path='/a'", "path='/a/{'").replace("list fetch", "list");
        let e = Description::parse(&broken, Path::new("r.toml")).expect_err("broken param");
        assert!(e.0.contains("whole {param}"), "{e}");
        let ok = text.replace("list fetch", "list get");
        let with_field = ok.replace("fields=[]", "fields=['name string req | N', 'kind string | K']");
        let unique = format!("{with_field}unique=['name', ['name', 'kind']]\n");
        let parsed = Description::parse(&unique, Path::new("r.toml")).expect("valid unique");
        assert_eq!(
            parsed.resources[0]
                .unique
                .iter()
                .map(Unique::fields)
                .collect::<Vec<_>>(),
            vec![vec!["name".to_string()], vec!["name".to_string(), "kind".to_string()]]
        );
        let e = Description::parse(&format!("{with_field}unique=['title']\n"), Path::new("r.toml"))
            .expect_err("unknown unique field");
        assert!(
            e.0.contains("resource[0] (\"a\").unique[0]") && e.0.contains("\"title\""),
            "{e}"
        );
        let e = Description::parse(&format!("{with_field}unique=[[]]\n"), Path::new("r.toml")).expect_err("empty");
        assert!(e.0.contains("unique[0]: an empty group"), "{e}");
        assert_eq!(
            Description::parse(&ok, Path::new("r.toml"))
                .expect("valid")
                .resources
                .len(),
            1
        );
    }
}
