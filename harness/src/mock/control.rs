//! Control endpoints under `/_mock/` for processes outside the harness (curl, outside agents).
//!
//! | request | answer |
//! |---|---|
//! | `POST /_mock/episodes` | 201 `{"id", "base_url"}`: a fresh isolated episode |
//! | `GET /_mock/episodes` | the ids of live episodes |
//! | `GET /_mock/episodes/<id>/log` | the request log (array of entries) |
//! | `GET /_mock/episodes/<id>/snapshot` | the current state `{"hash", "state"}` |
//! | `GET /_mock/episodes/<id>/start_snapshot` | the state the episode started from |
//! | `GET /_mock/episodes/<id>/diff` | `{"created", "changed", "deleted"}` since the start |
//! | `GET /_mock/episodes/<id>/timing` | server time summary (median, p95, max in microseconds) |
//! | `GET /_mock/episodes/<id>/clock` | the virtual clock `{"now_ms", "elapsed_ms"}` (Unix ms; ms since the start) |
//! | `POST /_mock/episodes/<id>/clock?advance_ms=N` | moves the clock forward by N ms; answers like `GET` |
//! | `POST /_mock/episodes/<id>/clock?until_ms=T` | moves the clock to Unix ms T unless it is already later |
//! | `DELETE /_mock/episodes/<id>` | 204; the episode's URLs answer 404 from then on |
//!
//! The root episode of `cmbench serve` has the id `root`.

use super::server::{CLOCK_START_MS, Shared, Timing, insert_episode, plain};
use super::store::Snapshot;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

fn json_answer(status: StatusCode, value: &impl Serialize) -> Response {
    let body = serde_json::to_vec(value).unwrap_or_default();
    (status, [("content-type", "application/json")], body).into_response()
}

/// Answers one control request; `rest` is the path after `/_mock/`.
pub(super) fn control(shared: &Arc<Shared>, method: &Method, rest: &str, query: &str) -> Response {
    let parts: Vec<&str> = rest.trim_matches('/').split('/').collect();
    match (method.as_str(), parts.as_slice()) {
        ("POST", ["episodes"]) => {
            let id = format!("e{}", shared.next_id.fetch_add(1, Ordering::Relaxed));
            insert_episode(shared, &id, shared.faults.clone(), shared.world.clone());
            json_answer(
                StatusCode::CREATED,
                &json!({"id": id, "base_url": shared.base_url(&id)}),
            )
        }
        ("GET", ["episodes"]) => {
            let mut ids: Vec<String> = shared
                .episodes
                .read()
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            ids.sort();
            json_answer(StatusCode::OK, &json!({"episodes": ids}))
        }
        (m, ["episodes", id, what @ ..]) => {
            let Some(state) = shared.episodes.read().ok().and_then(|e| e.get(*id).cloned()) else {
                return plain(404, &format!("No such episode {id:?}"));
            };
            if m == "DELETE" && what.is_empty() {
                if let Ok(mut map) = shared.episodes.write() {
                    map.remove(*id);
                }
                return StatusCode::NO_CONTENT.into_response();
            }
            if what == ["clock"] {
                let mut ep = state.lock().unwrap_or_else(|p| p.into_inner());
                if m == "POST" {
                    match clock_target(query, CLOCK_START_MS + ep.clock.as_millis() as i64) {
                        Ok(target) => {
                            let elapsed = Duration::from_millis((target - CLOCK_START_MS).max(0) as u64);
                            ep.clock = ep.clock.max(elapsed);
                        }
                        Err(message) => return plain(400, &message),
                    }
                } else if m != "GET" {
                    return plain(405, &format!("{m} is not allowed on the clock (GET or POST)"));
                }
                let elapsed = ep.clock.as_millis() as i64;
                return json_answer(
                    StatusCode::OK,
                    &json!({"now_ms": CLOCK_START_MS + elapsed, "elapsed_ms": elapsed}),
                );
            }
            if m != "GET" {
                return plain(405, &format!("{m} is not allowed here"));
            }
            let ep = state.lock().unwrap_or_else(|p| p.into_inner());
            match what {
                ["log"] => json_answer(StatusCode::OK, &ep.log),
                ["snapshot"] => json_answer(StatusCode::OK, &Snapshot::of(&ep.store.current)),
                ["start_snapshot"] => json_answer(StatusCode::OK, &Snapshot::of(&ep.store.baseline)),
                ["diff"] => json_answer(StatusCode::OK, &ep.store.diff()),
                ["timing"] => json_answer(StatusCode::OK, &Timing::of(&ep.log)),
                _ => plain(
                    404,
                    "Unknown control path (known: log, snapshot, start_snapshot, diff, timing, clock)",
                ),
            }
        }
        _ => plain(
            404,
            "Unknown control path: POST/GET /_mock/episodes, GET /_mock/episodes/<id>/{log,snapshot,start_snapshot,diff,timing,clock}, POST /_mock/episodes/<id>/clock, DELETE /_mock/episodes/<id>",
        ),
    }
}

/// The Unix ms a clock `POST` asks for: `advance_ms=N` (from `now_ms`) or `until_ms=T`.
fn clock_target(query: &str, now_ms: i64) -> Result<i64, String> {
    let mut target = None;
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let n: i64 = v
            .parse()
            .ok()
            .filter(|n| *n >= 0)
            .ok_or_else(|| format!("clock: {k}={v:?} is not a whole non-negative number of milliseconds"))?;
        target = Some(match k {
            "advance_ms" => now_ms.saturating_add(n),
            "until_ms" => n,
            other => {
                return Err(format!(
                    "clock: unknown parameter {other:?} (use advance_ms or until_ms)"
                ));
            }
        });
    }
    target.ok_or_else(|| "clock: POST needs advance_ms=N or until_ms=T".to_string())
}
