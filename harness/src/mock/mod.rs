//! The stateful mock API server every episode runs against.
//!
//! A [`World`] (spec + initial state + behaviour) is served by a [`MockServer`] on
//! `127.0.0.1`. Each [`Episode`] gets its own base URL
//! (`http://127.0.0.1:PORT/ep/<id>` + the spec's base path, e.g. `/client/v4`) and isolated
//! state; API paths are appended to it. An episode records a request log ([`LogEntry`]:
//! method, path, operation id, read/write, query, body, status, bytes in/out, server time,
//! injected faults), start and current [`Snapshot`]s with a canonical SHA-256 hash, and a
//! [`Diff`] (created / changed / deleted resources). Processes outside the harness use the
//! HTTP control endpoints under `/_mock/` ([`control`]).
//!
//! Behaviour is derived from the spec ([`plan`]): collections list (field filters from
//! query parameters, sorting, page / cursor / offset paging as declared), create, read,
//! replace (`PUT`), merge (`PATCH`, or `POST` on an item), delete; other paths are
//! singletons or actions. Requests are validated ([`validate`]) and bad ones get the
//! 400/404/405/422 answer in the API's own error style. Envelopes (Cloudflare's
//! `{success, errors, messages, result, result_info}` or bare JSON) are detected per
//! operation. Without fixtures, schema-shaped data is generated deterministically from the
//! seed on first use ([`generate`]). Per-world behaviour the rules cannot express is added
//! with fixed answers in the fixtures file or Rust [`Hook`]s ([`world`]). [`faults`] injects
//! latency, rate limits, server errors, small pages and oversized payloads, deterministically
//! under a seed.
//!
//! ```no_run
//! # async fn demo(spec: harness::spec::Spec) -> std::io::Result<()> {
//! use harness::mock::{MockServer, ServerOptions, World};
//! use std::sync::Arc;
//! let world = Arc::new(World::new(Arc::new(spec), 42));
//! let server = MockServer::start(world, ServerOptions::default()).await?;
//! let episode = server.episode();
//! // ... the pipeline sends its requests to episode.base_url() ...
//! let log = episode.log();
//! let changes = episode.diff();
//! let hash = episode.snapshot().hash;
//! # let _ = (log, changes, hash); Ok(()) }
//! ```

pub mod control;
pub mod effect;
mod engine;
pub mod faults;
pub mod generate;
mod list;
pub mod plan;
pub mod route;
pub mod schema;
mod server;
pub mod store;
pub mod validate;
pub mod world;

pub use faults::{Faults, FaultsError};
pub use server::{
    CLOCK_HEADER, CLOCK_START_MS, CONTRADICTION_HEADER, Episode, LogEntry, MockServer, REQUEST_COST, ServerOptions,
    Timing, warm,
};
pub use store::{Change, Diff, Snapshot, State, canonical_hash, canonical_json};
pub use validate::Answer;
pub use world::{
    ErrorStyle, FixedResponse, Hook, HookContext, World, WorldError, WorldFiles, available_worlds, load_world,
    world_files,
};
