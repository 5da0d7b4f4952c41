//! The sandbox over the real specs in `../shared/specs/` (skipped when they are absent).

mod common;

use harness::sandbox::{Limits, Sandbox, SandboxConfig};
use serde_json::Value;
use std::path::{Path, PathBuf};

const CLOUDFLARE: &str = "../../shared/specs/cloudflare_openapi_2024-08-06.json";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cloudflare_search_and_typed_execute() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(CLOUDFLARE);
    if !path.exists() {
        println!(
            "skipping: {} not found (real specs live in ../shared/specs/)",
            path.display()
        );
        return;
    }
    let (base, hits) = common::server().await;
    let mut config = SandboxConfig::new(Some(path));
    config.worker_bin = PathBuf::from(env!("CARGO_BIN_EXE_cmbench"));
    config.limits = Limits {
        timeout_ms: 5_000,
        ..Limits::default()
    };
    let sb = Sandbox::new(config).await.unwrap();
    let code = "async () => { const found = []; for (const [path, item] of Object.entries(spec.paths)) for (const [method, op] of Object.entries(item)) if (op.tags?.includes('DNS Records for a Zone')) found.push({ method, path, op: op.operationId }); return found; }";
    let o = sb.search(code).await;
    assert!(o.error.is_none(), "{o:?}");
    let found = o.result.as_array().cloned().unwrap_or_default();
    assert!(found.len() > 5, "{o:?}");
    println!(
        "cloudflare tag search: {} operations in {:.1} ms",
        found.len(),
        o.elapsed_ms
    );
    // No $ref survives in the search view.
    let o = sb
        .search("return JSON.stringify(spec.paths['/zones']).includes('$ref')")
        .await;
    assert_eq!(o.result, Value::Bool(false), "{o:?}");
    // Typed functions exist for every operation.
    let o = sb.execute("return Object.keys(api).length", &base, true).await;
    assert!(o.result.as_u64().unwrap_or(0) > 1000, "{o:?}");
    println!("typed execute with {} functions: {:.1} ms", o.result, o.elapsed_ms);
    // No API call: the episode clock read at the start of the run is the only request.
    let hits = hits.lock().unwrap();
    assert!(hits.iter().all(|h| h.contains("/_mock/")), "{hits:?}");
}
