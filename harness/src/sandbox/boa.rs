//! The boa_engine implementation of [`Engine`]: a fresh Context per run, the world's
//! frozen `spec` object built once and shared by every `search` run.

use super::host::{self, RunState, TypedOps};
use super::jobs::Executor;
use super::source::{self, Shape};
use super::types::{ErrorKind, Limits, Outcome, SandboxError, Task, cap_result};
use super::{Engine, World};
use boa_engine::builtins::promise::PromiseState;
use boa_engine::context::ContextBuilder;
use boa_engine::job::JobExecutor;
use boa_engine::object::builtins::{JsArray, JsPromise};
use boa_engine::object::{FunctionObjectBuilder, IntegrityLevel};
use boa_engine::{Context, JsError, JsObject, JsValue, NativeFunction, Script, Source, js_string};
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};

/// Instructions the VM runs between checks of the wall-clock deadline.
const BUDGET: u32 = 20_000;

/// Sets up console, api and spec in a fresh realm; the host functions stay in its closure.
const SETUP: &str = include_str!("setup.js");

/// Freezes every object reachable from the global object (run in the realm shared objects come from).
const LOCKDOWN: &str = include_str!("lockdown.js");

/// Runs snippets with boa_engine.
pub struct BoaEngine {
    typed: Option<Rc<TypedOps>>,
    runtime: tokio::runtime::Runtime,
    /// The realm the shared objects were built in; kept alive as long as they are.
    _home: Context,
    /// The frozen search view, when the world has one.
    spec_object: Option<JsValue>,
    /// Frozen array of typed function names.
    names: Option<JsValue>,
}

impl BoaEngine {
    /// An engine for `world` (or none: `execute` with `api.request` only). The world's
    /// search view becomes a frozen object and its typed functions a table; the parsed
    /// spec itself is not kept.
    pub fn new(mut world: Option<World>) -> Result<Self, String> {
        let view = world.as_mut().and_then(|w| w.search_view.take());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start a runtime: {e}"))?;
        let mut home = Context::default();
        home.eval(Source::from_bytes(LOCKDOWN))
            .map_err(|e| format!("lockdown failed: {e}"))?;
        let mut names = None;
        let mut typed = None;
        if let Some(w) = world {
            let t = Rc::new(TypedOps::new(&w.spec));
            let list = JsArray::from_iter(t.names.iter().map(|n| JsValue::from(js_string!(n.as_str()))), &mut home);
            let _ = list.set_integrity_level(IntegrityLevel::Frozen, &mut home);
            names = Some(JsValue::from(list));
            typed = Some(t);
            // The parsed spec is no longer needed; free it before building the JS view.
            drop(w);
        }
        let spec_object = match view {
            Some(view) => Some(frozen(&view, &mut home).map_err(|e| format!("building spec: {e}"))?),
            None => None,
        };
        Ok(Self {
            typed,
            runtime,
            _home: home,
            spec_object,
            names,
        })
    }
}

/// Builds a deeply frozen JavaScript value from JSON.
pub fn frozen(v: &Value, ctx: &mut Context) -> Result<JsValue, JsError> {
    Ok(match v {
        Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                out.push(frozen(item, ctx)?);
            }
            let arr = JsArray::from_iter(out, ctx);
            arr.set_integrity_level(IntegrityLevel::Frozen, ctx)?;
            arr.into()
        }
        Value::Object(map) => {
            let obj = JsObject::with_object_proto(ctx.intrinsics());
            for (k, item) in map {
                let item = frozen(item, ctx)?;
                obj.create_data_property_or_throw(js_string!(k.as_str()), item, ctx)?;
            }
            obj.set_integrity_level(IntegrityLevel::Frozen, ctx)?;
            obj.into()
        }
        other => JsValue::from_json(other, ctx)?,
    })
}

impl Engine for BoaEngine {
    fn name(&self) -> &'static str {
        "boa"
    }

    fn run(&mut self, task: &Task, limits: &Limits) -> Outcome {
        let started = Instant::now();
        let (code, base_url, typed, search) = match task {
            Task::Search { code } => (code.as_str(), String::new(), false, true),
            Task::Execute { code, base_url, typed } => (code.as_str(), base_url.clone(), *typed, false),
        };
        if search && self.spec_object.is_none() {
            return Outcome::failed(
                ErrorKind::Internal,
                "search needs a spec: this sandbox has no world loaded",
            );
        }
        if typed && self.typed.is_none() {
            return Outcome::failed(
                ErrorKind::Internal,
                "typed functions need a spec: this sandbox has no world loaded",
            );
        }
        host::begin(RunState {
            base_url,
            calls: 0,
            max_calls: limits.max_api_calls,
            violation: None,
            logs: Vec::new(),
            log_chars: 0,
            max_log_chars: limits.max_log_chars,
            log_dropped: 0,
            typed: if typed { self.typed.clone() } else { None },
            http_timeout: Duration::from_millis(limits.timeout_ms),
            trace: Vec::new(),
            clock: None,
        });
        let executor = Rc::new(Executor::default());
        let result = match ContextBuilder::new().job_executor(executor.clone()).build() {
            Ok(mut ctx) => {
                let rl = ctx.runtime_limits_mut();
                rl.set_loop_iteration_limit(limits.loop_iterations);
                rl.set_recursion_limit(limits.recursion);
                rl.set_stack_size_limit(limits.stack_size);
                let spec = if search { self.spec_object.clone() } else { None };
                let names = if typed { self.names.clone() } else { None };
                let api = !search;
                let local = tokio::task::LocalSet::new();
                let timeout = Duration::from_millis(limits.timeout_ms);
                let fut = async {
                    if api {
                        host::sync_clock().await;
                    }
                    install(&mut ctx, api, names, spec)?;
                    evaluate(&mut ctx, &executor, code).await
                };
                match self
                    .runtime
                    .block_on(local.run_until(async { tokio::time::timeout(timeout, fut).await }))
                {
                    Ok(r) => r,
                    Err(_) => Err(SandboxError::new(
                        ErrorKind::Timeout,
                        format!("the code ran longer than {} ms and was stopped", limits.timeout_ms),
                    )),
                }
            }
            Err(e) => Err(SandboxError::new(
                ErrorKind::Internal,
                format!("cannot create a context: {e}"),
            )),
        };
        let state = host::finish();
        let mut outcome = Outcome::default();
        match result {
            Ok(v) => outcome.result = v,
            Err(e) => outcome.error = Some(e),
        }
        if let Some(st) = state {
            outcome.api_calls = st.calls.min(st.max_calls);
            outcome.trace = st.trace;
            outcome.logs = st.logs;
            if st.log_dropped > 0 {
                outcome.logs.push(format!(
                    "[harness] {} more characters of console output were cut",
                    st.log_dropped
                ));
            }
        }
        cap_result(&mut outcome, limits.max_output_chars);
        outcome.elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
        outcome
    }
}

fn install(ctx: &mut Context, api: bool, names: Option<JsValue>, spec: Option<JsValue>) -> Result<(), SandboxError> {
    let internal = |e: JsError| SandboxError::new(ErrorKind::Internal, format!("sandbox setup failed: {e}"));
    let setup = ctx.eval(Source::from_bytes(SETUP)).map_err(internal)?;
    let Some(setup) = setup.as_callable() else {
        return Err(SandboxError::new(
            ErrorKind::Internal,
            "sandbox setup is not a function",
        ));
    };
    let realm = ctx.realm().clone();
    let log = FunctionObjectBuilder::new(&realm, NativeFunction::from_fn_ptr(host::log)).build();
    let mut args = vec![JsValue::from(log)];
    if api {
        let request = FunctionObjectBuilder::new(&realm, NativeFunction::from_async_fn(host::api_request)).build();
        args.push(request.into());
    } else {
        args.push(JsValue::undefined());
    }
    if let Some(names) = names {
        let typed = FunctionObjectBuilder::new(&realm, NativeFunction::from_async_fn(host::api_typed)).build();
        args.push(typed.into());
        args.push(names);
    } else {
        args.push(JsValue::undefined());
        args.push(JsValue::undefined());
    }
    args.push(spec.unwrap_or_default());
    if api {
        let clock = FunctionObjectBuilder::new(&realm, NativeFunction::from_fn_ptr(host::clock)).build();
        let wait = FunctionObjectBuilder::new(&realm, NativeFunction::from_async_fn(host::wait)).build();
        args.push(clock.into());
        args.push(wait.into());
    }
    setup.call(&JsValue::undefined(), &args, ctx).map_err(internal)?;
    Ok(())
}

/// Parses `code` in the first shape that parses, runs it and awaits its result.
async fn evaluate(ctx: &mut Context, executor: &Rc<Executor>, code: &str) -> Result<Value, SandboxError> {
    let code = source::strip_fences(code);
    let mut parsed = None;
    let mut first_error = None;
    for (shape, text) in source::candidates(code) {
        match Script::parse(Source::from_bytes(text.as_bytes()), None, ctx) {
            Ok(script) => {
                parsed = Some((shape, script));
                break;
            }
            Err(e) => {
                // Report the error of the shape the code most likely meant.
                let meant = match shape {
                    Shape::Function => code.starts_with("async") || code.starts_with('('),
                    Shape::Body => true,
                    Shape::Script => false,
                };
                if meant && first_error.is_none() {
                    first_error = Some(e.to_string());
                }
            }
        }
    }
    let Some((shape, script)) = parsed else {
        let msg = first_error.unwrap_or_else(|| "the code does not parse".into());
        return Err(syntax_error(code, &msg));
    };
    let value = script
        .evaluate_async_with_budget(ctx, BUDGET)
        .await
        .map_err(|e| classify(e, ctx))?;
    // A function (or a script ending in one, e.g. `async () => {...};`) is called.
    let value = match (shape, value.as_callable()) {
        (Shape::Function | Shape::Script, Some(f)) => {
            f.call(&JsValue::undefined(), &[], ctx).map_err(|e| classify(e, ctx))?
        }
        _ => value,
    };
    let value = match value.as_object().and_then(|o| JsPromise::from_object(o.clone()).ok()) {
        Some(promise) => {
            run_jobs(ctx, executor).await?;
            match promise.state() {
                PromiseState::Fulfilled(v) => v,
                PromiseState::Rejected(e) => return Err(classify(JsError::from_opaque(e), ctx)),
                PromiseState::Pending => {
                    return Err(SandboxError::new(
                        ErrorKind::Runtime,
                        "the returned promise never settled (it waits on something that never happens)",
                    ));
                }
            }
        }
        None => {
            run_jobs(ctx, executor).await?;
            value
        }
    };
    match value.to_json(ctx) {
        Ok(v) => Ok(super::host::js_numbers(v.unwrap_or(Value::Null))),
        Err(e) => Err(SandboxError::new(
            ErrorKind::Runtime,
            format!("the result cannot be turned into JSON: {}", describe(e, ctx)),
        )),
    }
}

/// Runs promise jobs and host futures until none are left.
async fn run_jobs(ctx: &mut Context, executor: &Rc<Executor>) -> Result<(), SandboxError> {
    let jobs = {
        let cell = RefCell::new(&mut *ctx);
        executor.clone().run_jobs_async(&cell).await
    };
    jobs.map_err(|e| classify(e, ctx))
}

fn syntax_error(code: &str, parser: &str) -> SandboxError {
    if source::looks_like_typescript(code) {
        return SandboxError::new(
            ErrorKind::Typescript,
            format!(
                "this looks like TypeScript, but the sandbox runs plain JavaScript: remove type annotations, \
                 interfaces, `as` casts and generics. Parser: {parser}"
            ),
        );
    }
    if source::uses_modules(code) {
        return SandboxError::new(
            ErrorKind::Forbidden,
            format!(
                "import/export are not available: the sandbox has no modules; use the globals provided. Parser: {parser}"
            ),
        );
    }
    SandboxError::new(ErrorKind::Syntax, parser.to_string())
}

/// `Name: message` of a thrown value, with `status`/`body` of typed API errors.
fn describe(e: JsError, ctx: &mut Context) -> String {
    let display = e.to_string().lines().next().unwrap_or("uncaught exception").to_string();
    if let Ok(native) = e.try_native(ctx) {
        return native.to_string();
    }
    let Ok(v) = e.into_opaque(ctx) else {
        return display;
    };
    if let Some(obj) = v.as_object() {
        let get = |k: &str, ctx: &mut Context| {
            obj.get(js_string!(k), ctx)
                .ok()
                .filter(|v| !v.is_undefined())
                .and_then(|v| v.to_string(ctx).ok())
                .map(|s| s.to_std_string_escaped())
        };
        if let Some(message) = get("message", ctx) {
            let name = get("name", ctx).unwrap_or_else(|| "Error".into());
            return format!("{name}: {message}");
        }
        if let Ok(Some(j)) = v.to_json(ctx) {
            return format!("uncaught {j}");
        }
    }
    match v.to_string(ctx) {
        Ok(s) => format!("uncaught {}", s.to_std_string_escaped()),
        Err(_) => "uncaught exception".into(),
    }
}

const FORBIDDEN_GLOBALS: [&str; 9] = [
    "fetch",
    "require",
    "process",
    "XMLHttpRequest",
    "WebSocket",
    "Deno",
    "Bun",
    "module",
    "setInterval",
];

/// Turns an uncaught error into a typed sandbox error.
pub fn classify(e: JsError, ctx: &mut Context) -> SandboxError {
    let text = describe(e, ctx);
    // A limit or capability violation that ended the run (not one the code caught and moved past).
    if let Some(v) = host::violation()
        && text.contains(&v.message)
    {
        return v;
    }
    let lower = text.to_ascii_lowercase();
    let kind = if lower.contains("loop iteration") || lower.contains("iteration loops") {
        ErrorKind::LoopLimit
    } else if lower.contains("recursi") || lower.contains("stack size") || lower.contains("call stack") {
        ErrorKind::Recursion
    } else if lower.contains("invalid string length")
        || lower.contains("invalid array length")
        || lower.contains("out of memory")
    {
        ErrorKind::Memory
    } else if text.starts_with("ReferenceError")
        && FORBIDDEN_GLOBALS
            .iter()
            .any(|g| text.contains(&format!("{g} is not defined")))
    {
        return SandboxError::new(
            ErrorKind::Forbidden,
            format!(
                "{text}: the sandbox offers only `api`, `spec` (search), `console`, `sleep(ms)` and `setTimeout`; no network, modules, intervals or process"
            ),
        );
    } else {
        ErrorKind::Runtime
    };
    SandboxError::new(kind, text)
}
