//! Host bindings of one run: `api.request`, typed operation functions, `console`, the
//! clock behind `Date` and the waits behind `sleep`/`setTimeout`, with their per-run state
//! (call budget, logs, base URL, clock) in a thread-local.
//!
//! Against a mock episode the clock is the episode's virtual clock: it is read from the
//! mock's control endpoint when a run starts, follows the `x-cmbench-clock-ms` header of
//! every answer (the header is not shown to the code), and a wait moves it forward on the
//! mock without sleeping. Against any other base URL, `Date` is the real clock and waits
//! really sleep.

use super::http::{ApiRequest, Refused, check_path, parse_options, push_query, response_value};
use super::types::{ErrorKind, SandboxError, TracedRequest};
use crate::spec::{ParamLocation, Spec};
use crate::surface::CodeModeTyped;
use crate::surface::json_tools::{ArgTarget, arguments};
use boa_engine::{Context, JsError, JsNativeError, JsResult, JsValue, js_string};
use serde_json::{Map, Value};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;

/// One typed function: the operation it calls and where each input key goes.
#[derive(Debug, Clone)]
pub struct TypedOp {
    /// Upper-case method.
    pub method: String,
    /// Path template.
    pub path: String,
    /// Input keys and their targets.
    pub args: Vec<(String, ArgTarget)>,
}

impl TypedOp {
    /// The call of one operation: its method, path template and argument mapping.
    pub fn of(op: &crate::spec::Operation) -> Self {
        Self {
            method: op.method.to_ascii_uppercase(),
            path: op.path.clone(),
            args: arguments(op),
        }
    }
}

/// The typed functions of a spec, by function name, plus the names in spec order.
#[derive(Debug, Default)]
pub struct TypedOps {
    /// Function name -> operation.
    pub by_name: HashMap<String, TypedOp>,
    /// Function names in `spec.operations` order.
    pub names: Vec<String>,
}

impl TypedOps {
    /// The typed functions `code-mode-typed` declares for `spec`.
    pub fn new(spec: &Spec) -> Self {
        let names = CodeModeTyped::function_names(spec);
        let by_name = names
            .iter()
            .zip(&spec.operations)
            .map(|(n, op)| (n.clone(), TypedOp::of(op)))
            .collect();
        Self { by_name, names }
    }
}

/// Per-run host state.
pub struct RunState {
    /// Base URL paths are appended to (no trailing `/`).
    pub base_url: String,
    /// Calls made so far.
    pub calls: usize,
    /// Most calls allowed.
    pub max_calls: usize,
    /// A limit or capability violation seen during the run.
    pub violation: Option<SandboxError>,
    /// Captured console lines.
    pub logs: Vec<String>,
    /// Characters of console output kept so far.
    pub log_chars: usize,
    /// Most characters of console output kept.
    pub max_log_chars: usize,
    /// Characters of console output dropped.
    pub log_dropped: usize,
    /// Typed functions, when offered.
    pub typed: Option<Rc<TypedOps>>,
    /// Timeout of one HTTP request.
    pub http_timeout: Duration,
    /// Requests started so far.
    pub trace: Vec<TracedRequest>,
    /// The mock episode's virtual clock, when the API is a mock episode (set by [`sync_clock`]).
    pub clock: Option<VirtualClock>,
}

/// The virtual clock of a mock episode as this run last saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct VirtualClock {
    /// The episode's clock control URL.
    pub url: String,
    /// Unix milliseconds last seen.
    pub now_ms: i64,
}

/// Header in which the mock reports its episode clock (Unix ms) after each request.
pub const CLOCK_HEADER: &str = "x-cmbench-clock-ms";

/// Longest single wait (`sleep(ms)` / `setTimeout`) in milliseconds.
pub const MAX_WAIT_MS: f64 = 60_000.0;

/// The clock control URL of the mock episode behind `base_url`
/// (`http://H/ep/<id>/...` -> `http://H/_mock/episodes/<id>/clock`; a URL without `/ep/`
/// is a server's root episode). `None` when the URL is not `http://host/...`.
pub fn clock_url(base_url: &str) -> Option<String> {
    let rest = base_url.strip_prefix("http://")?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.is_empty() {
        return None;
    }
    let id = match path.strip_prefix("ep/") {
        Some(after) => after.split('/').next().filter(|s| !s.is_empty())?,
        None => "root",
    };
    Some(format!("http://{host}/_mock/episodes/{id}/clock"))
}

async fn clock_call(req: reqwest::RequestBuilder) -> Option<i64> {
    let resp = req.timeout(Duration::from_secs(5)).send().await.ok()?;
    if !resp.status().is_success() {
        return None;
    }
    let v: Value = resp.json().await.ok()?;
    v.get("now_ms").and_then(Value::as_i64)
}

/// Reads the episode clock at the start of a run; without a mock behind the base URL the
/// run keeps the real clock.
pub async fn sync_clock() {
    let Some(url) = with_state(|st| clock_url(&st.base_url)).flatten() else {
        return;
    };
    let now = clock_call(CLIENT.with(|c| c.get(&url))).await;
    with_state(|st| st.clock = now.map(|now_ms| VirtualClock { url, now_ms }));
}

fn observe_clock(now_ms: i64) {
    with_state(|st| {
        if let Some(c) = &mut st.clock {
            c.now_ms = c.now_ms.max(now_ms);
        }
    });
}

fn real_now_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1e3)
        .unwrap_or(0.0)
        .floor()
}

/// `clock()`: what `Date.now()` answers: the episode's virtual clock, else the real one.
pub fn clock(_this: &JsValue, _args: &[JsValue], _ctx: &mut Context) -> JsResult<JsValue> {
    let virtual_now = with_state(|st| st.clock.as_ref().map(|c| c.now_ms)).flatten();
    Ok(JsValue::from(
        virtual_now.map(|ms| ms as f64).unwrap_or_else(real_now_ms),
    ))
}

/// The milliseconds of a wait, or the message of a `RangeError`.
pub fn wait_ms(v: Option<f64>) -> Result<f64, String> {
    match v {
        None => Ok(0.0),
        Some(ms) if ms.is_nan() || ms < 0.0 => {
            Err(format!("sleep({ms}): the delay must be a number of milliseconds >= 0"))
        }
        Some(ms) if ms > MAX_WAIT_MS => Err(format!(
            "sleep({ms}): one wait is at most {MAX_WAIT_MS} ms; wait in steps or check Retry-After"
        )),
        Some(ms) => Ok(ms.ceil()),
    }
}

/// `wait(ms)`: resolves after `ms` milliseconds of the episode clock (moved forward on the
/// mock, no real sleeping), or of real time when the API is not a mock.
pub async fn wait(_this: &JsValue, args: &[JsValue], ctx: &RefCell<&mut Context>) -> JsResult<JsValue> {
    let ms = match args.first().filter(|v| !v.is_undefined()) {
        Some(v) => Some(v.to_number(&mut ctx.borrow_mut())?),
        None => None,
    };
    let ms = wait_ms(ms).map_err(|m| JsError::from(JsNativeError::range().with_message(m)))?;
    let target = with_state(|st| st.clock.as_ref().map(|c| (c.url.clone(), c.now_ms + ms as i64))).flatten();
    match target {
        Some((url, until)) => {
            let req = CLIENT.with(|c| c.post(format!("{url}?until_ms={until}")));
            match clock_call(req).await {
                Some(now) => observe_clock(now),
                None => {
                    return Err(JsNativeError::error()
                        .with_message("sleep: the API's clock did not answer")
                        .into());
                }
            }
        }
        None => tokio::time::sleep(Duration::from_millis(ms as u64)).await,
    }
    Ok(JsValue::undefined())
}

thread_local! {
    static STATE: RefCell<Option<RunState>> = const { RefCell::new(None) };
    static CLIENT: reqwest::Client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .build()
        .unwrap_or_default();
}

/// Installs the state of a new run.
pub fn begin(state: RunState) {
    super::jobs::reset_segments();
    STATE.with(|s| *s.borrow_mut() = Some(state));
}

/// Removes and returns the state of the finished run.
pub fn finish() -> Option<RunState> {
    STATE.with(|s| s.borrow_mut().take())
}

/// The violation recorded so far, if any.
pub fn violation() -> Option<SandboxError> {
    STATE.with(|s| s.borrow().as_ref().and_then(|st| st.violation.clone()))
}

fn with_state<T>(f: impl FnOnce(&mut RunState) -> T) -> Option<T> {
    STATE.with(|s| s.borrow_mut().as_mut().map(f))
}

fn violate(kind: ErrorKind, message: String) -> JsError {
    with_state(|st| {
        if st.violation.is_none() {
            st.violation = Some(SandboxError::new(kind, message.clone()));
        }
    });
    JsNativeError::error().with_message(message).into()
}

fn refused(r: Refused) -> JsError {
    violate(ErrorKind::Forbidden, r.0)
}

/// `console.*`: `log(level, text)` appends one line, within the log budget.
pub fn log(_this: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let level = args
        .first()
        .map(|v| v.to_string(ctx))
        .transpose()?
        .map(|s| s.to_std_string_escaped())
        .unwrap_or_default();
    let text = args
        .get(1)
        .map(|v| v.to_string(ctx))
        .transpose()?
        .map(|s| s.to_std_string_escaped())
        .unwrap_or_default();
    with_state(|st| {
        let line = if level == "log" {
            text
        } else {
            format!("[{level}] {text}")
        };
        let len = line.chars().count();
        if st.log_chars + len <= st.max_log_chars {
            st.log_chars += len;
            st.logs.push(line);
        } else {
            let room = st.max_log_chars - st.log_chars;
            if room > 0 {
                st.logs.push(line.chars().take(room).collect());
                st.log_chars += room;
            }
            st.log_dropped += len - room;
        }
    });
    Ok(JsValue::undefined())
}

fn arg_json(args: &[JsValue], i: usize, ctx: &RefCell<&mut Context>) -> JsResult<Value> {
    let v = args.get(i).cloned().unwrap_or_default();
    Ok(js_numbers(v.to_json(&mut ctx.borrow_mut())?.unwrap_or(Value::Null)))
}

/// Writes whole numbers as JavaScript does (`JSON.stringify(parseInt("5"))` is `5`, not
/// `5.0`): boa hands doubles over as floats, which would reach query strings and bodies as
/// `5.0`. Only doubles that are exact integers within 2^53 change; -0 becomes 0.
pub fn js_numbers(value: Value) -> Value {
    const SAFE: f64 = 9_007_199_254_740_992.0;
    match value {
        Value::Number(n) if n.is_f64() => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() <= SAFE => Value::from(f as i64),
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(js_numbers).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, js_numbers(v))).collect()),
        other => other,
    }
}

fn encode(s: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || (keep_slash && b == b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The URL a request goes to: base URL + path + encoded query.
pub fn url_of(base_url: &str, req: &ApiRequest) -> String {
    let mut url = format!("{}{}", base_url.trim_end_matches('/'), req.path);
    if !req.query.is_empty() {
        url.push(if req.path.contains('?') { '&' } else { '?' });
        let pairs: Vec<String> = req
            .query
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k, false), encode(v, false)))
            .collect();
        url.push_str(&pairs.join("&"));
    }
    url
}

async fn send(req: ApiRequest) -> JsResult<Value> {
    let allowed = with_state(|st| {
        st.calls += 1;
        (
            st.calls <= st.max_calls,
            st.max_calls,
            st.base_url.clone(),
            st.http_timeout,
        )
    });
    let Some((ok, max, base, timeout)) = allowed else {
        return Err(JsNativeError::error()
            .with_message("the API is not available here")
            .into());
    };
    if !ok {
        return Err(violate(
            ErrorKind::TooManyCalls,
            format!("more than {max} API calls in one execution; make fewer, larger requests"),
        ));
    }
    let traced = with_state(|st| {
        st.trace.push(TracedRequest {
            segment: super::jobs::current_segment(),
            key: super::jobs::current_key(),
            method: req.method.clone(),
            path: req.path.clone(),
            query: req.query.clone(),
            headers: req.headers.clone(),
            body: req.body.clone(),
            status: 0,
        });
        st.trace.len() - 1
    });
    let url = url_of(&base, &req);
    let method = reqwest::Method::from_bytes(req.method.as_bytes())
        .map_err(|_| JsNativeError::typ().with_message("bad method"))?;
    let mut rb = CLIENT.with(|c| c.request(method, &url)).timeout(timeout);
    for (k, v) in &req.headers {
        rb = rb.header(k.as_str(), v.as_str());
    }
    if let Some(body) = &req.body {
        rb = rb.header("content-type", "application/json").body(body.to_string());
    }
    let err = |e: reqwest::Error| JsError::from(JsNativeError::error().with_message(format!("request failed: {e}")));
    let resp = rb.send().await.map_err(err)?;
    let status = resp.status().as_u16();
    if let Some(i) = traced {
        with_state(|st| {
            if let Some(t) = st.trace.get_mut(i) {
                t.status = status;
            }
        });
    }
    let mut headers = Map::new();
    for (k, v) in resp.headers() {
        if k.as_str() == CLOCK_HEADER
            && let Some(ms) = v.to_str().ok().and_then(|t| t.parse::<i64>().ok())
        {
            observe_clock(ms);
        }
        if k.as_str().starts_with("x-cmbench-") {
            // The harness's own headers (clock, schema notes) are not part of the API.
            continue;
        }
        headers.insert(
            k.as_str().to_string(),
            Value::String(String::from_utf8_lossy(v.as_bytes()).into_owned()),
        );
    }
    let text = resp.text().await.map_err(err)?;
    Ok(response_value(status, headers, &text))
}

/// `api.request(options)`: one HTTP call to the episode's API.
pub async fn api_request(_this: &JsValue, args: &[JsValue], ctx: &RefCell<&mut Context>) -> JsResult<JsValue> {
    let options = arg_json(args, 0, ctx)?;
    let req = parse_options(&options).map_err(refused)?;
    let resp = send(req).await?;
    JsValue::from_json(&resp, &mut ctx.borrow_mut())
}

/// Builds the request of typed function `name` from its `input`.
pub fn typed_request(name: &str, op: &TypedOp, input: &Value) -> Result<ApiRequest, String> {
    let empty = Map::new();
    let input = match input {
        Value::Null => &empty,
        Value::Object(m) => m,
        _ => return Err(format!("api.{name} expects one object argument")),
    };
    let known: Vec<&str> = op.args.iter().map(|(k, _)| k.as_str()).collect();
    if let Some(bad) = input.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(format!(
            "api.{name}: unknown input key {bad:?} (expected: {})",
            if known.is_empty() {
                "none".to_string()
            } else {
                known.join(", ")
            }
        ));
    }
    let mut path = op.path.clone();
    let mut req = ApiRequest {
        method: op.method.clone(),
        path: String::new(),
        query: Vec::new(),
        headers: Vec::new(),
        body: None,
    };
    for (key, target) in &op.args {
        let Some(v) = input.get(key).filter(|v| !v.is_null()) else {
            continue;
        };
        match target {
            ArgTarget::Body => req.body = Some(v.clone()),
            ArgTarget::Param(ParamLocation::Path, n) => {
                let s = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                path = path.replace(&format!("{{{n}}}"), &encode(&s, false));
            }
            ArgTarget::Param(ParamLocation::Query, n) => push_query(&mut req.query, n, v),
            ArgTarget::Param(ParamLocation::Header, n) => {
                let s = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                req.headers.push((n.clone(), s));
            }
            ArgTarget::Param(ParamLocation::Cookie, _) => {}
        }
    }
    if let Some(start) = path.find('{') {
        let missing: String = path[start + 1..].chars().take_while(|c| *c != '}').collect();
        return Err(format!("api.{name}: missing path parameter {missing:?}"));
    }
    req.path = path;
    Ok(req)
}

/// `typed(name, input)`: calls the operation behind `api.<name>`; resolves to the body,
/// throws an Error with `status`, `body` and `headers` on an error status.
pub async fn api_typed(_this: &JsValue, args: &[JsValue], ctx: &RefCell<&mut Context>) -> JsResult<JsValue> {
    let name = arg_json(args, 0, ctx)?.as_str().unwrap_or_default().to_string();
    let input = arg_json(args, 1, ctx)?;
    let op = with_state(|st| st.typed.as_ref().and_then(|t| t.by_name.get(&name).cloned())).flatten();
    let Some(op) = op else {
        return Err(JsNativeError::typ()
            .with_message(format!("api.{name} is not a function"))
            .into());
    };
    let req = typed_request(&name, &op, &input).map_err(|m| JsError::from(JsNativeError::typ().with_message(m)))?;
    check_path(&req.path).map_err(refused)?;
    let resp = send(req).await?;
    let status = resp["status"].as_u64().unwrap_or(0);
    let mut c = ctx.borrow_mut();
    let body = JsValue::from_json(&resp["body"], &mut c)?;
    let headers = JsValue::from_json(&resp["headers"], &mut c)?;
    if status >= 400 {
        let err = JsNativeError::error()
            .with_message(format!("api.{name} failed with HTTP {status}"))
            .into_opaque(&mut c);
        err.set(js_string!("status"), JsValue::from(status as u32), false, &mut c)?;
        err.set(js_string!("body"), body, false, &mut c)?;
        err.set(js_string!("headers"), headers, false, &mut c)?;
        return Err(JsError::from_opaque(err.into()));
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn clock_urls_follow_the_episode_url() {
        assert_eq!(
            clock_url("http://127.0.0.1:80/ep/e7/client/v4").as_deref(),
            Some("http://127.0.0.1:80/_mock/episodes/e7/clock")
        );
        assert_eq!(
            clock_url("http://127.0.0.1:80/client/v4").as_deref(),
            Some("http://127.0.0.1:80/_mock/episodes/root/clock")
        );
        assert_eq!(clock_url("https://api.example.com/v1"), None);
        assert_eq!(clock_url("http:///x"), None);
        assert_eq!(wait_ms(None), Ok(0.0));
        assert_eq!(wait_ms(Some(1.2)), Ok(2.0));
        assert!(wait_ms(Some(60_001.0)).unwrap_err().contains("at most 60000 ms"));
        assert!(wait_ms(Some(f64::NAN)).is_err());
        assert!(wait_ms(Some(-1.0)).is_err());
    }

    #[test]
    fn urls_join_base_path_and_query() {
        let req = ApiRequest {
            method: "GET".into(),
            path: "/zones".into(),
            query: vec![("name".into(), "a b&c".into())],
            headers: vec![],
            body: None,
        };
        assert_eq!(url_of("http://h/ep/1/", &req), "http://h/ep/1/zones?name=a%20b%26c");
    }

    #[test]
    fn typed_inputs_map_to_path_query_and_body() {
        let op = TypedOp {
            method: "POST".into(),
            path: "/zones/{zone_id}/records".into(),
            args: vec![
                (
                    "zone_id".into(),
                    ArgTarget::Param(ParamLocation::Path, "zone_id".into()),
                ),
                ("page".into(), ArgTarget::Param(ParamLocation::Query, "page".into())),
                ("body".into(), ArgTarget::Body),
            ],
        };
        let r = typed_request("f", &op, &json!({"zone_id": "a/b", "page": 2, "body": {"x": 1}})).unwrap();
        assert_eq!(r.path, "/zones/a%2Fb/records");
        assert_eq!(r.query, vec![("page".into(), "2".into())]);
        assert_eq!(r.body, Some(json!({"x": 1})));
        assert!(typed_request("f", &op, &json!({})).unwrap_err().contains("zone_id"));
        assert!(
            typed_request("f", &op, &json!({"zone": 1}))
                .unwrap_err()
                .contains("unknown")
        );
        assert!(typed_request("f", &op, &json!(3)).is_err());
    }
}
