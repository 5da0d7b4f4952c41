//! codemode-bench: a harness that measures Code Mode against JSON tool calling for LLM agents.
//!
//! Data flows one way: [`spec`] (load an API description) -> [`surface`] (how it is shown
//! to a model) -> [`tokens`] (what that costs). [`mock`] serves a spec as a stateful HTTP
//! API that episodes run against; [`sandbox`] runs Code Mode's JavaScript in isolated worker
//! processes. See ARCHITECTURE.md for the map.

pub mod cli;
pub mod episode;
pub mod mock;
pub mod model;
pub mod pipeline;
pub mod record;
pub mod report;
pub mod run;
pub mod sandbox;
pub mod spec;
pub mod surface;
pub mod task;
pub mod time;
pub mod tokens;
pub mod worlds;
