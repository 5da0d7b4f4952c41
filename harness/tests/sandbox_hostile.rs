//! Hostile snippets: whatever the code does, the harness neither hangs nor dies, and each
//! failure is a typed error. Workers that must be killed are replaced transparently.

mod common;

use common::{sandbox, server, test_limits};
use harness::sandbox::{ErrorKind, Limits};
use serde_json::json;
use std::time::{Duration, Instant};

/// Runs `code` as `execute` and checks the error kind and that the run ended in time.
async fn expect(sb: &harness::sandbox::Sandbox, base: &str, code: &str, kind: ErrorKind) {
    let started = Instant::now();
    let o = sb.execute(code, base, false).await;
    let took = started.elapsed();
    assert_eq!(o.error_kind(), Some(kind), "{code}: {o:?}");
    assert!(took < Duration::from_secs(10), "{code}: took {took:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn infinite_loops_are_stopped() {
    let (base, _) = server().await;
    let limits = Limits {
        timeout_ms: 1_000,
        loop_iterations: u64::MAX,
        ..test_limits()
    };
    let sb = sandbox(1, limits).await;
    // Top level: interrupted inside the worker.
    expect(&sb, &base, "while (true) {}", ErrorKind::Timeout).await;
    // Inside a native callback and after an await: the worker is killed and replaced.
    expect(&sb, &base, "[1].forEach(() => { while (true) {} })", ErrorKind::Timeout).await;
    expect(
        &sb,
        &base,
        "await api.request({path: '/zones'}); while (true) {}",
        ErrorKind::Timeout,
    )
    .await;
    expect(
        &sb,
        &base,
        "async () => { await null; for (;;) {} }",
        ErrorKind::Timeout,
    )
    .await;
    // The pool keeps working after the kills.
    let o = sb.execute("return 40 + 2", &base, false).await;
    assert_eq!(o.result, json!(42), "{o:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn loop_recursion_and_memory_limits() {
    let (base, _) = server().await;
    let limits = Limits {
        timeout_ms: 4_000,
        loop_iterations: 100_000,
        memory_bytes: 768 << 20,
        ..test_limits()
    };
    let sb = sandbox(1, limits).await;
    expect(&sb, &base, "let i = 0; while (true) { i++ }", ErrorKind::LoopLimit).await;
    expect(
        &sb,
        &base,
        "const f = (n) => f(n + 1); return f(0)",
        ErrorKind::Recursion,
    )
    .await;
    expect(
        &sb,
        &base,
        "function f() { return [1].map(f) } return f()",
        ErrorKind::Recursion,
    )
    .await;
    // Memory bombs: the worker hits its address-space cap (or boa refuses the size).
    let limits = Limits {
        timeout_ms: 8_000,
        memory_bytes: 768 << 20,
        ..test_limits()
    };
    let sb = sandbox(1, limits).await;
    let bomb =
        "const a = []; const s = 'x'.repeat(1 << 20); for (let j = 0; j < 10000; j++) a.push(s + j); return a.length";
    expect(&sb, &base, bomb, ErrorKind::Memory).await;
    let strings = "let s = 'x'; for (let i = 0; i < 64; i++) s = s + s; return s.length";
    expect(&sb, &base, strings, ErrorKind::Memory).await;
    let o = sb.execute("return 'x'.repeat(2 ** 31).length", &base, false).await;
    assert!(
        matches!(o.error_kind(), Some(ErrorKind::Memory | ErrorKind::Runtime)),
        "{o:?}"
    );
    // Deep nesting overflows native recursion (result conversion, JSON.stringify): contained.
    expect(
        &sb,
        &base,
        "let a = []; for (let i = 0; i < 2e5; i++) a = [a]; return a",
        ErrorKind::Recursion,
    )
    .await;
    expect(&sb, &base, "await new Promise(() => {}); return 1", ErrorKind::Runtime).await;
    let o = sb.execute("return 'still alive'", &base, false).await;
    assert_eq!(o.result, json!("still alive"), "{o:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn globals_are_absent_and_bindings_cannot_be_hijacked() {
    let (base, hits) = server().await;
    let sb = sandbox(1, test_limits()).await;
    let probe = "return ['fetch','require','process','import','XMLHttpRequest','WebSocket','Deno','Bun','setInterval','module','exports','global','window','__host','std','os'].filter(n => { try { return typeof globalThis[n] !== 'undefined' } catch { return true } })";
    let o = sb.execute(probe, &base, false).await;
    assert_eq!(o.result, json!([]), "{o:?}");
    expect(
        &sb,
        &base,
        "return await fetch('http://example.com')",
        ErrorKind::Forbidden,
    )
    .await;
    expect(
        &sb,
        &base,
        "const fs = require('fs'); return fs.readFileSync('/etc/passwd')",
        ErrorKind::Forbidden,
    )
    .await;
    expect(&sb, &base, "return process.env", ErrorKind::Forbidden).await;
    expect(&sb, &base, "import fs from 'fs';\nreturn 1", ErrorKind::Forbidden).await;
    let o = sb
        .execute(
            "try { return await import('fs') } catch (e) { return 'refused' }",
            &base,
            false,
        )
        .await;
    assert!(o.result == json!("refused") || o.error.is_some(), "{o:?}");
    // api and console are frozen; changing them fails or is ignored.
    let o = sb
        .execute("api.request = () => 'hijacked'; api.evil = 1; console.log = null; console.log('x'); return [typeof api.evil, (await api.request({path: '/zones'})).status]", &base, false)
        .await;
    assert_eq!(o.result, json!(["undefined", 200]), "{o:?}");
    // Prototype pollution does not leak into requests or into the next run.
    let o = sb
        .execute("Object.prototype.method = 'DELETE'; Object.prototype.path = '/admin'; Array.prototype.x = 1; const r = await api.request({path: '/zones'}); return r.body.method", &base, false)
        .await;
    assert_eq!(o.result, json!("GET"), "{o:?}");
    let o = sb.execute("return [({}).method, [].x]", &base, false).await;
    assert_eq!(o.result, json!([null, null]), "{o:?}");
    let o = sb.search("Object.getPrototypeOf(spec).polluted = 1; Object.getPrototypeOf(spec.paths['/zones'].get.tags).includes = () => false; return 1").await;
    assert!(o.result == json!(1) || o.error.is_some());
    let o = sb
        .search("return [spec.polluted, spec.paths['/zones'].get.tags.includes('zones')]")
        .await;
    assert_eq!(o.result, json!([null, true]), "{o:?}");
    // Nothing reached the server outside the episode (besides the sandbox's own read of the
    // episode clock, at a URL derived from the base URL that code cannot steer).
    assert!(
        api_hits(&hits).iter().all(|h| h.contains(" /ep/1/")),
        "{:?}",
        hits.lock().unwrap()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_cannot_leave_the_api() {
    let (base, hits) = server().await;
    let sb = sandbox(1, test_limits()).await;
    for path in [
        "http://127.0.0.1:1/x",
        "//evil.example/x",
        "/../admin",
        "/zones/%2e%2e/%2e%2e/admin",
        "zones",
        "/zones\\\\..\\\\admin",
        "/zones/{zone_id}",
    ] {
        let code = format!("return await api.request({{ path: {path:?} }})");
        expect(&sb, &base, &code, ErrorKind::Forbidden).await;
    }
    expect(
        &sb,
        &base,
        "return await api.request({ method: 'CONNECT', path: '/zones' })",
        ErrorKind::Forbidden,
    )
    .await;
    // The base URL is not visible to the code.
    let o = sb
        .execute(
            "return JSON.stringify(Object.getOwnPropertyNames(api)) + String(api.request)",
            &base,
            false,
        )
        .await;
    assert!(!o.result.to_string().contains("127.0.0.1"), "{o:?}");
    // A caught violation still lets the code continue; a later, different error is its own kind.
    let o = sb
        .execute(
            "try { await api.request({path: '//x'}) } catch {} throw new RangeError('mine')",
            &base,
            false,
        )
        .await;
    assert_eq!(o.error_kind(), Some(ErrorKind::Runtime), "{o:?}");
    let o = sb
        .execute(
            "try { await api.request({path: '//x'}) } catch (e) { return 'caught: ' + e.message }",
            &base,
            false,
        )
        .await;
    assert!(o.result.as_str().unwrap_or("").starts_with("caught: path"), "{o:?}");
    assert!(api_hits(&hits).is_empty(), "{:?}", hits.lock().unwrap());
    // Typed path parameters cannot climb out either ('/' is encoded; '.' and '..' segments,
    // even encoded ones, are refused).
    for id in ["..", ".", "../../admin"] {
        let code = format!("return await api.getZone({{ zone_id: {id:?} }})");
        let o = sb.execute(&code, &base, true).await;
        assert_eq!(o.error_kind(), Some(ErrorKind::Forbidden), "{code}: {o:?}");
    }
    let o = sb
        .execute("return (await api.getZone({ zone_id: 'a/b c' })).path", &base, true)
        .await;
    assert_eq!(o.result, json!("/zones/a%2Fb%20c"), "{o:?}");
    let seen = api_hits(&hits);
    assert_eq!(seen, vec!["GET /ep/1/zones/a%2Fb%20c".to_string()]);
}

/// The requests code made: everything but the sandbox's read of the episode clock.
fn api_hits(hits: &common::Hits) -> Vec<String> {
    let clock = "GET /_mock/episodes/1/clock";
    hits.lock()
        .unwrap()
        .iter()
        .filter(|h| h.as_str() != clock)
        .cloned()
        .collect()
}
