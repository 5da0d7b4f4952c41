//! The HTTP server: one listener, many isolated episodes, a request log per episode.
//!
//! Each episode lives under its own base URL `http://127.0.0.1:PORT/ep/<id>` followed by
//! the spec's base path (e.g. `/client/v4`); API paths are appended to it. A server may
//! also have a *root episode* served at `http://127.0.0.1:PORT` directly (what
//! `cmbench serve` uses). Episodes never share state.
//!
//! Every episode keeps a *virtual clock*: it starts at [`CLOCK_START_MS`] (the worlds'
//! fixed "now", 2026-11-20T12:00:00Z) and advances only by rule, never by wall-clock time:
//! each request costs [`REQUEST_COST`] plus its injected latency (requests are counted one
//! after another, even when they overlap), and the episode runner (or anyone, through
//! [`Episode::advance`] or the `/_mock/episodes/<id>/clock` control endpoint) adds model
//! time and explicit waits. Rate-limit windows count on this clock, and every answer
//! carries the clock after the request in the `x-cmbench-clock-ms` header (Unix
//! milliseconds), so the sandbox's `Date.now()` can follow it.

use super::engine::{Ctx, execute, generated};
use super::faults::{FaultState, Faults};
use super::route::Routed;
use super::store::{Diff, Snapshot, Store};
use super::validate::{Answer, check_request, error_answer};
use super::world::World;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

/// One logged request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogEntry {
    /// 1-based position in the episode.
    pub seq: u64,
    /// Upper-case HTTP method.
    pub method: String,
    /// Path after the episode prefix (including the spec's base path if sent).
    pub path: String,
    /// Operation id, when the request routed to one.
    pub operation_id: Option<String>,
    /// Whether the operation only reads state (from its method).
    pub read: bool,
    /// Raw query string.
    pub query: String,
    /// Request body (parsed JSON when it was JSON, else text; `Null` when empty).
    pub body: Value,
    /// Response status.
    pub status: u16,
    /// Request body bytes.
    pub bytes_in: usize,
    /// Response body bytes.
    pub bytes_out: usize,
    /// Time spent handling the request, injected latency excluded (microseconds).
    pub server_us: u64,
    /// Injected latency (microseconds).
    pub injected_us: u64,
    /// Injected fault, if any: `rate_limited`, `error` or `oversize`.
    pub fault: Option<String>,
    /// Virtual time of arrival: milliseconds on the episode clock since the episode began.
    pub at_ms: u64,
}

/// Virtual time one request costs on the episode clock besides its injected latency. A
/// fixed figure, not the measured server time, so the clock is the same on every run.
pub const REQUEST_COST: Duration = Duration::from_millis(1);

/// Where every episode clock starts: 2026-11-20T12:00:00Z in Unix milliseconds, the fixed
/// "now" generated worlds are seeded under.
pub const CLOCK_START_MS: i64 = 1_795_176_000_000;

/// Header naming where an operation's success schema contradicts itself (no answer can match it).
pub const CONTRADICTION_HEADER: &str = "x-cmbench-schema-contradiction";

/// Header carrying the episode clock (Unix milliseconds) after the request, on every answer.
pub const CLOCK_HEADER: &str = "x-cmbench-clock-ms";

/// Mutable state of one episode.
#[derive(Debug)]
pub(super) struct EpisodeState {
    /// The world this episode runs in: the server's, or a variant of it over the same spec.
    world: Arc<World>,
    pub(super) store: Store,
    pub(super) log: Vec<LogEntry>,
    faults: Faults,
    dice: FaultState,
    created: u64,
    /// Virtual time since the episode began.
    pub(super) clock: Duration,
}

/// What every request handler shares.
pub(super) struct Shared {
    pub(super) world: Arc<World>,
    pub(super) faults: Faults,
    pub(super) episodes: RwLock<HashMap<String, Arc<Mutex<EpisodeState>>>>,
    pub(super) next_id: AtomicU64,
    root: Option<String>,
    log_stderr: bool,
    addr: SocketAddr,
}

impl Shared {
    /// The base URL of episode `id`.
    pub(super) fn base_url(&self, id: &str) -> String {
        let prefix = if Some(id) == self.root.as_deref() {
            String::new()
        } else {
            format!("/ep/{id}")
        };
        format!("http://{}{prefix}{}", self.addr, self.world.spec.base_path)
    }
}

/// Options of a mock server.
#[derive(Debug, Clone, Default)]
pub struct ServerOptions {
    /// Port on 127.0.0.1 (0 = any free port).
    pub port: u16,
    /// Faults applied to every episode (unless an episode gets its own).
    pub faults: Faults,
    /// Serve a root episode at the server root as well as under `/ep/<id>`.
    pub root_episode: bool,
    /// Print one line per request to stderr.
    pub log_stderr: bool,
}

/// A running mock server.
pub struct MockServer {
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

/// A handle on one episode: its base URL, log and state.
#[derive(Clone)]
pub struct Episode {
    id: String,
    base_url: String,
    state: Arc<Mutex<EpisodeState>>,
    shared: Arc<Shared>,
}

/// Summary of server time over a set of log entries.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Timing {
    /// Number of requests.
    pub requests: usize,
    /// Median server time (microseconds).
    pub median_us: u64,
    /// 95th percentile server time (microseconds).
    pub p95_us: u64,
    /// Largest server time (microseconds).
    pub max_us: u64,
}

impl Timing {
    /// Timing over `entries` (all zero when empty).
    pub fn of(entries: &[LogEntry]) -> Self {
        let mut t: Vec<u64> = entries.iter().map(|e| e.server_us).collect();
        t.sort_unstable();
        let at = |q: f64| {
            t.get(((t.len() as f64 - 1.0) * q).round() as usize)
                .copied()
                .unwrap_or(0)
        };
        Self {
            requests: t.len(),
            median_us: at(0.5),
            p95_us: at(0.95),
            max_us: t.last().copied().unwrap_or(0),
        }
    }
}

impl MockServer {
    /// Binds `127.0.0.1:port` and serves `world` until [`MockServer::shutdown`] or drop.
    pub async fn start(world: Arc<World>, options: ServerOptions) -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", options.port)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            world,
            faults: options.faults,
            episodes: RwLock::new(HashMap::new()),
            next_id: AtomicU64::new(1),
            root: options.root_episode.then(|| "root".to_string()),
            log_stderr: options.log_stderr,
            addr,
        });
        if let Some(root) = &shared.root {
            insert_episode(&shared, root, shared.faults.clone(), shared.world.clone());
        }
        let app = Router::new()
            .fallback(handle)
            .layer(DefaultBodyLimit::max(16 * 1024 * 1024))
            .with_state(shared.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        });
        Ok(Self {
            shared,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.shared.addr
    }

    /// The world served.
    pub fn world(&self) -> &Arc<World> {
        &self.shared.world
    }

    /// A new isolated episode with the server's faults.
    pub fn episode(&self) -> Episode {
        self.episode_with_faults(self.shared.faults.clone())
    }

    /// A new isolated episode with its own faults.
    pub fn episode_with_faults(&self, faults: Faults) -> Episode {
        let id = format!("e{}", self.shared.next_id.fetch_add(1, Ordering::Relaxed));
        let state = insert_episode(&self.shared, &id, faults, self.shared.world.clone());
        self.handle(&id, state)
    }

    /// A new isolated episode in `world`, a variant of the served world over the same spec
    /// (e.g. with a task's fixture overrides), with that world's faults. Errors when
    /// `world` describes a different spec.
    pub fn episode_in(&self, world: Arc<World>) -> Result<Episode, String> {
        if !Arc::ptr_eq(&world.spec, &self.shared.world.spec) {
            return Err(format!(
                "episode_in: the world must share the server's spec ({}), got {}",
                self.shared.world.spec.title, world.spec.title
            ));
        }
        let id = format!("e{}", self.shared.next_id.fetch_add(1, Ordering::Relaxed));
        let faults = world.faults.clone();
        let state = insert_episode(&self.shared, &id, faults, world);
        Ok(self.handle(&id, state))
    }

    /// The root episode (served at the server root), when the server has one.
    pub fn root_episode(&self) -> Option<Episode> {
        self.shared.root.clone().and_then(|r| self.handle_of(&r))
    }

    fn handle_of(&self, id: &str) -> Option<Episode> {
        let state = self.shared.episodes.read().ok()?.get(id)?.clone();
        Some(self.handle(id, state))
    }

    fn handle(&self, id: &str, state: Arc<Mutex<EpisodeState>>) -> Episode {
        Episode {
            id: id.to_string(),
            base_url: self.shared.base_url(id),
            state,
            shared: self.shared.clone(),
        }
    }

    /// Stops accepting requests and waits for in-flight ones.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Registers a fresh episode under `id`.
pub(super) fn insert_episode(shared: &Shared, id: &str, faults: Faults, world: Arc<World>) -> Arc<Mutex<EpisodeState>> {
    let state = Arc::new(Mutex::new(EpisodeState {
        store: Store::new(world.initial.clone()),
        world,
        log: Vec::new(),
        dice: FaultState::new(&faults),
        faults,
        created: 0,
        clock: Duration::ZERO,
    }));
    let mut map = shared.episodes.write().unwrap_or_else(|p| p.into_inner());
    map.insert(id.to_string(), state.clone());
    state
}

impl Episode {
    /// The episode id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The base URL API paths are appended to (includes the spec's base path).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    fn with<T>(&self, f: impl FnOnce(&EpisodeState) -> T) -> T {
        let guard = self.state.lock().unwrap_or_else(|p| p.into_inner());
        f(&guard)
    }

    /// A copy of the request log so far.
    pub fn log(&self) -> Vec<LogEntry> {
        self.with(|s| s.log.clone())
    }

    /// The state the episode started from (including data generated on first use).
    pub fn start_snapshot(&self) -> Snapshot {
        self.with(|s| Snapshot::of(&s.store.baseline))
    }

    /// The state now.
    pub fn snapshot(&self) -> Snapshot {
        self.with(|s| Snapshot::of(&s.store.current))
    }

    /// What changed since the start.
    pub fn diff(&self) -> Diff {
        self.with(|s| s.store.diff())
    }

    /// Server-time summary of this episode's requests.
    pub fn timing(&self) -> Timing {
        self.with(|s| Timing::of(&s.log))
    }

    /// Virtual time since the episode began.
    pub fn clock(&self) -> Duration {
        self.with(|s| s.clock)
    }

    /// The episode clock as Unix milliseconds.
    pub fn now_ms(&self) -> i64 {
        CLOCK_START_MS + self.clock().as_millis() as i64
    }

    /// Moves the episode clock forward by `by` (model time, waits) and returns the new clock.
    pub fn advance(&self, by: Duration) -> Duration {
        let mut guard = self.state.lock().unwrap_or_else(|p| p.into_inner());
        guard.clock = guard.clock.saturating_add(by);
        guard.clock
    }

    /// Removes the episode from the server (its URL then answers 404); the handle stays readable.
    pub fn close(&self) {
        if let Ok(mut map) = self.shared.episodes.write() {
            map.remove(&self.id);
        }
    }
}

/// A JSON `{"message"}` answer outside any API's error style.
pub(super) fn plain(status: u16, message: &str) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        code,
        [("content-type", "application/json")],
        serde_json::json!({"message": message}).to_string(),
    )
        .into_response()
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let started = Instant::now();
    let full = uri.path();
    if let Some(rest) = full.strip_prefix("/_mock/") {
        return super::control::control(&shared, &method, rest, uri.query().unwrap_or(""));
    }
    let (episode_id, rest) = match full.strip_prefix("/ep/") {
        Some(after) => {
            let (id, rest) = after
                .split_once('/')
                .map(|(i, r)| (i, format!("/{r}")))
                .unwrap_or((after, "/".into()));
            (id.to_string(), rest)
        }
        None => match &shared.root {
            Some(root) => (root.clone(), full.to_string()),
            None => return plain(404, "Unknown path: episode URLs look like /ep/<id>/..."),
        },
    };
    let Some(state) = shared.episodes.read().ok().and_then(|m| m.get(&episode_id).cloned()) else {
        return plain(404, &format!("No such episode {episode_id:?}"));
    };
    let world = state.lock().unwrap_or_else(|p| p.into_inner()).world.clone();
    let world = &world;
    let base = &world.spec.base_path;
    let api_path = match rest.strip_prefix(base.as_str()) {
        Some(p) if !base.is_empty() && (p.is_empty() || p.starts_with('/')) => p.to_string(),
        _ => rest.clone(),
    };
    let query = uri.query().unwrap_or("").to_string();
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let routed = world.routes.route(method.as_str(), &api_path);
    let (answer, op_index, fault, delay, at, contradiction) = {
        let mut guard = state.lock().unwrap_or_else(|p| p.into_inner());
        let ep = &mut *guard;
        let at = ep.clock;
        let decision = ep.dice.decide(&ep.faults, at);
        ep.clock = at.saturating_add(REQUEST_COST).saturating_add(decision.delay);
        let mut fault = None;
        let mut op_index = None;
        let answer = if let Some(retry) = decision.rate_limited {
            fault = Some("rate_limited".to_string());
            let mut a = error_answer(
                world.error_style,
                429,
                "Rate limit exceeded: slow down and retry later",
                &[],
                None,
            );
            a.headers.push(("retry-after".into(), retry.to_string()));
            a
        } else if let Some(status) = decision.error {
            fault = Some("error".to_string());
            error_answer(
                world.error_style,
                status,
                "Internal server error: please retry",
                &[],
                None,
            )
        } else {
            match routed {
                Routed::NotFound => error_answer(
                    world.error_style,
                    404,
                    &format!("No route for {} {api_path}", method.as_str()),
                    &[],
                    None,
                ),
                Routed::MethodNotAllowed(allowed) => {
                    let mut a = error_answer(
                        world.error_style,
                        405,
                        &format!(
                            "Method {} not allowed on {api_path} (allowed: {})",
                            method.as_str(),
                            allowed.join(", ")
                        ),
                        &[],
                        None,
                    );
                    a.headers.push(("allow".into(), allowed.join(", ")));
                    a
                }
                Routed::Found(i, params) => {
                    op_index = Some(i);
                    match check_request(world, i, &params, &headers, &query, &content_type, &body) {
                        Err(a) => a,
                        Ok(checked) => {
                            let url = format!("http://{}{}", shared.addr, full);
                            let mut ctx = Ctx {
                                world,
                                store: &mut ep.store,
                                created: &mut ep.created,
                                page_cap: ep.faults.page_cap,
                                url: &url,
                                api_path: &api_path,
                                now_ms: CLOCK_START_MS + at.as_millis() as i64,
                            };
                            let mut a = execute(&mut ctx, i, &params, &checked);
                            if decision.oversize
                                && (200..300).contains(&a.status)
                                && pad(&mut a, ep.faults.oversize_bytes)
                            {
                                fault = Some("oversize".to_string());
                            }
                            a
                        }
                    }
                }
            }
        };
        let mut answer = answer;
        if let Some((limit, remaining)) = decision.quota {
            answer.headers.push(("x-ratelimit-limit".into(), limit.to_string()));
            answer
                .headers
                .push(("x-ratelimit-remaining".into(), remaining.to_string()));
        }
        let contradiction = match op_index {
            Some(i) if (200..300).contains(&answer.status) => {
                let found = world.contradictions(i);
                found.first().map(|first| match found.len() {
                    1 => first.clone(),
                    n => format!("{first} (+{} more)", n - 1),
                })
            }
            _ => None,
        };
        if let Some(c) = &contradiction {
            answer.headers.push((CONTRADICTION_HEADER.into(), c.clone()));
        }
        answer.headers.push((
            CLOCK_HEADER.into(),
            (CLOCK_START_MS + ep.clock.as_millis() as i64).to_string(),
        ));
        (answer, op_index, fault, decision.delay, at, contradiction)
    };
    let bytes = if answer.body.is_null() {
        Vec::new()
    } else {
        // `Display` runs serde_json's own (optimised) serializer even in debug builds of the harness.
        answer.body.to_string().into_bytes()
    };
    let server_us = started.elapsed().as_micros() as u64;
    let op = op_index.map(|i| &world.spec.operations[i]);
    let entry = LogEntry {
        seq: 0,
        method: method.as_str().to_string(),
        path: rest,
        operation_id: op.map(|o| o.operation_id.clone()),
        read: op
            .map(|o| o.is_read())
            .unwrap_or(matches!(method, Method::GET | Method::HEAD | Method::OPTIONS)),
        query,
        body: if body.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&body).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&body).into_owned()))
        },
        status: answer.status,
        bytes_in: body.len(),
        bytes_out: bytes.len(),
        server_us,
        injected_us: delay.as_micros() as u64,
        fault,
        at_ms: at.as_millis() as u64,
    };
    {
        let mut guard = state.lock().unwrap_or_else(|p| p.into_inner());
        let mut entry = entry;
        entry.seq = guard.log.len() as u64 + 1;
        if shared.log_stderr {
            eprintln!(
                "[{}] #{} {} {}{}{} -> {} {}B {}us{}{}",
                episode_id,
                entry.seq,
                entry.method,
                entry.path,
                if entry.query.is_empty() { "" } else { "?" },
                entry.query,
                entry.status,
                entry.bytes_out,
                entry.server_us,
                entry
                    .operation_id
                    .as_deref()
                    .map(|o| format!(" ({o})"))
                    .unwrap_or_default(),
                contradiction
                    .as_deref()
                    .map(|c| format!(
                        " [the spec's success schema contradicts itself: {c}; answered its best instance]"
                    ))
                    .unwrap_or_default()
            );
        }
        guard.log.push(entry);
    }
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    to_response(answer, bytes)
}

/// Pads a success body with an `x_padding` string field; false when the body has no object to pad.
fn pad(answer: &mut Answer, bytes: usize) -> bool {
    let filler = Value::String("x".repeat(bytes));
    match &mut answer.body {
        Value::Object(m) => {
            m.insert("x_padding".into(), filler);
            true
        }
        Value::Array(items) => match items.iter_mut().find(|i| i.is_object()) {
            Some(Value::Object(m)) => {
                m.insert("x_padding".into(), filler);
                true
            }
            _ => false,
        },
        _ => false,
    }
}

fn to_response(answer: Answer, bytes: Vec<u8>) -> Response {
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut resp = (status, bytes).into_response();
    let h = resp.headers_mut();
    if !answer.body.is_null() {
        h.insert("content-type", HeaderValue::from_static("application/json"));
    }
    for (k, v) in answer.headers {
        if let (Ok(k), Ok(v)) = (HeaderName::try_from(k), HeaderValue::try_from(v)) {
            h.append(k, v);
        }
    }
    resp
}

/// Pre-computes every generated response body of a world (so first requests are as fast as later ones).
pub fn warm(world: &World) -> Duration {
    let t = Instant::now();
    for i in 0..world.plans.len() {
        generated(world, i);
    }
    t.elapsed()
}
