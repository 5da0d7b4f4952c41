//! codemode-bench: a harness that measures Code Mode against JSON tool calling for LLM agents.
//!
//! Data flows one way: [`spec`] (load an API description) -> [`surface`] (how it is shown
//! to a model) -> [`tokens`] (what that costs). See ARCHITECTURE.md for the map.

pub mod cli;
pub mod sandbox;
pub mod spec;
pub mod surface;
pub mod tokens;
