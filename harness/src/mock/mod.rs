//! The stateful mock API server every episode runs against.
//!
//! A [`World`] (spec + initial state + behaviour) is served by a [`MockServer`] on
//! `127.0.0.1`; each [`Episode`] gets its own base URL and isolated state, a request log,
//! start/end snapshots with a canonical hash, and a diff. Routes, validation and REST
//! behaviour are derived from the spec ([`plan`]); [`faults`] injects latency, rate limits,
//! errors, small pages and oversized payloads, deterministically under a seed.
//!
//! ```no_run
//! # async fn demo(spec: harness::spec::Spec) -> std::io::Result<()> {
//! use harness::mock::{MockServer, ServerOptions, World};
//! use std::sync::Arc;
//! let world = Arc::new(World::new(Arc::new(spec), 42));
//! let server = MockServer::start(world, ServerOptions::default()).await?;
//! let episode = server.episode();
//! // ... send requests to episode.base_url() ...
//! let changes = episode.diff();
//! let hash = episode.snapshot().hash;
//! # let _ = (changes, hash); Ok(()) }
//! ```

mod control;
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
pub use server::{Episode, LogEntry, MockServer, ServerOptions, Timing, warm};
pub use store::{Change, Diff, Snapshot, State, canonical_hash, canonical_json};
pub use validate::Answer;
pub use world::{ErrorStyle, FixedResponse, Hook, HookContext, World, WorldError, available_worlds};
