//! The sandbox against a test HTTP server: search, execute, typed functions, concurrency.

mod common;

use common::{sandbox, server, test_limits};
use harness::sandbox::{ErrorKind, Limits};
use serde_json::json;
use std::time::Instant;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_execute_and_typed_functions() {
    let (base, hits) = server().await;
    let sb = sandbox(1, test_limits()).await;

    // search: the spec view, refs inlined, in each accepted code shape.
    let o = sb
        .search(
            "async () => Object.entries(spec.paths).filter(([p, i]) => i.get?.tags?.includes('zones')).map(([p]) => p)",
        )
        .await;
    assert_eq!(o.result, json!(["/zones", "/zones/{zone_id}"]), "{o:?}");
    let o = sb
        .search("```js\nconst op = spec.paths['/zones'].get;\nreturn op.responses['200'].content['application/json'].schema.items.properties.id.type;\n```")
        .await;
    assert_eq!(o.result, json!("string"), "{o:?}");
    let o = sb.search("async () => { return 5; };\n// done").await;
    assert_eq!(o.result, json!(5), "{o:?}");
    let o = sb.search("async function main() { return 6 }\nmain()").await;
    assert_eq!(o.result, json!(6), "{o:?}");
    let o = sb.search("Object.keys(spec.paths).length").await;
    assert_eq!(o.result, json!(4), "{o:?}");
    // The spec object is shared and frozen: one run cannot change what the next sees.
    let o = sb
        .search("spec.paths['/zones'].get.summary = 'x'; delete spec.paths['/slow']; return 1")
        .await;
    assert_eq!(o.result, json!(1), "{o:?}");
    let o = sb.search("'use strict'; spec.paths['/zones'].get.summary = 'x'").await;
    assert_eq!(o.error_kind(), Some(ErrorKind::Runtime), "{o:?}");
    let o = sb
        .search("async () => [spec.paths['/zones'].get.summary, '/slow' in spec.paths]")
        .await;
    assert_eq!(o.result, json!(["List zones", true]), "{o:?}");

    // execute: api.request with method, query and body; console captured.
    let code = r#"async () => {
        console.log("start", {n: 1});
        console.warn("careful");
        const r = await api.request({ method: "POST", path: "/zones/z1/records", query: { page: 2, tag: ["a", "b"] }, body: { name: "www" } });
        return { status: r.status, body: r.body, ct: r.headers["content-type"] };
    }"#;
    let o = sb.execute(code, &base, false).await;
    assert!(o.error.is_none(), "{o:?}");
    assert_eq!(o.result["status"], 200);
    assert_eq!(o.result["body"]["method"], "POST");
    assert_eq!(o.result["body"]["path"], "/zones/z1/records");
    assert_eq!(o.result["body"]["query"], "page=2&tag=a&tag=b");
    assert_eq!(o.result["body"]["body"], json!({"name": "www"}));
    assert_eq!(o.result["ct"], "application/json");
    assert_eq!(
        o.logs,
        vec!["start {\"n\":1}".to_string(), "[warn] careful".to_string()]
    );
    assert_eq!(o.api_calls, 1);

    // Error statuses come back as values from api.request.
    let o = sb
        .execute(
            "const r = await api.request({path: '/zones/missing'}); return [r.status, r.body.error]",
            &base,
            false,
        )
        .await;
    assert_eq!(o.result, json!([404, "no such zone"]), "{o:?}");

    // typed functions: inputs map to path/query/body; errors carry status and body.
    let o = sb
        .execute(
            "async () => { const a = await api.listZones({ name: 'x y' }); const b = await api.createRecord({ zone_id: 'z9', body: { t: 1 } }); return [a.query, b.path, b.body]; }",
            &base,
            true,
        )
        .await;
    assert_eq!(o.result, json!(["name=x%20y", "/zones/z9/records", {"t": 1}]), "{o:?}");
    let o = sb
        .execute("try { await api.getZone({ zone_id: 'missing' }); return 'no error' } catch (e) { return [e.status, e.body, e.message] }", &base, true)
        .await;
    assert_eq!(
        o.result,
        json!([404, {"error": "no such zone"}, "api.getZone failed with HTTP 404"]),
        "{o:?}"
    );
    let o = sb.execute("return await api.getZone({})", &base, true).await;
    assert_eq!(o.error_kind(), Some(ErrorKind::Runtime));
    assert!(o.error.unwrap().message.contains("zone_id"));
    // Without `typed`, only api.request exists.
    let o = sb.execute("return typeof api.listZones", &base, false).await;
    assert_eq!(o.result, json!("undefined"));
    // Besides the sandbox's own read of the episode clock, every request stayed in the episode.
    assert!(
        hits.lock()
            .unwrap()
            .iter()
            .all(|h| h.contains(" /ep/1/") || h == "GET /_mock/episodes/1/clock")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn promise_all_runs_calls_concurrently() {
    let (base, hits) = server().await;
    let sb = sandbox(
        1,
        Limits {
            timeout_ms: 8_000,
            ..test_limits()
        },
    )
    .await;
    let started = Instant::now();
    let o = sb
        .execute(
            "const rs = await Promise.all(Array.from({length: 100}, (_, i) => api.request({path: '/slow', query: {ms: 100}}))); return rs.filter(r => r.status === 200).length",
            &base,
            false,
        )
        .await;
    let took = started.elapsed();
    assert_eq!(o.result, json!(100), "{o:?}");
    let calls = hits.lock().unwrap().iter().filter(|h| h.contains(" /ep/1/")).count();
    assert_eq!(calls, 100);
    // Sequential calls would take 100 x 100 ms = 10 s.
    assert!(took.as_millis() < 3_000, "100 concurrent 100 ms calls took {took:?}");
    println!("100 concurrent calls at 100 ms: {took:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn segments_follow_causes_not_timing() {
    // Two chains in parallel: each awaits one response, then makes its next call. Whichever
    // response arrives first, each second call is one segment after its own first call, and
    // sorting by (segment, key) gives the same order.
    let (base, _) = server().await;
    let sb = sandbox(1, test_limits()).await;
    let mut orders = Vec::new();
    for (fast, slow) in [(10, 300), (300, 10)] {
        let code = format!(
            "const chain = async (ms, tag) => {{ await api.request({{path: '/slow', query: {{ms}}}}); \
             return api.request({{path: '/zones/' + tag}}); }}; \
             await Promise.all([chain({fast}, 'a'), chain({slow}, 'b')]); \
             await api.request({{path: '/zones/last'}}); return 1"
        );
        let o = sb.execute(&code, &base, false).await;
        assert_eq!(o.result, json!(1), "{o:?}");
        let mut trace = o.trace.clone();
        trace.sort_by(|a, b| (a.segment, &a.key).cmp(&(b.segment, &b.key)));
        let order: Vec<(u64, String)> = trace.iter().map(|r| (r.segment, r.path.clone())).collect();
        orders.push(order);
    }
    assert_eq!(orders[0], orders[1], "the same code gives the same causal order");
    assert_eq!(
        orders[0],
        [
            (1, "/slow".to_string()),
            (1, "/slow".to_string()),
            (2, "/zones/a".to_string()),
            (2, "/zones/b".to_string()),
            (3, "/zones/last".to_string()),
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limits_are_typed_errors() {
    let (base, _) = server().await;
    let limits = Limits {
        max_api_calls: 3,
        max_output_chars: 100,
        max_log_chars: 50,
        ..test_limits()
    };
    let sb = sandbox(1, limits).await;
    let o = sb
        .execute(
            "for (let i = 0; i < 5; i++) await api.request({path: '/zones'}); return 'done'",
            &base,
            false,
        )
        .await;
    assert_eq!(o.error_kind(), Some(ErrorKind::TooManyCalls), "{o:?}");
    assert_eq!(o.api_calls, 3);
    let o = sb.search("return 'x'.repeat(1000)").await;
    assert_eq!(o.error_kind(), Some(ErrorKind::OutputTruncated), "{o:?}");
    assert_eq!(o.result.as_str().unwrap().chars().count(), 100);
    let o = sb
        .search("for (let i = 0; i < 100; i++) console.log('line ' + i); return 1")
        .await;
    assert_eq!(o.result, json!(1));
    assert!(
        o.logs
            .last()
            .unwrap()
            .contains("more characters of console output were cut"),
        "{o:?}"
    );
    let o = sb
        .search("async (): Promise<number> => { const n: number = 1; return n; }")
        .await;
    assert_eq!(o.error_kind(), Some(ErrorKind::Typescript), "{o:?}");
    let o = sb.search("return (1 +").await;
    assert_eq!(o.error_kind(), Some(ErrorKind::Syntax), "{o:?}");
    let o = sb.search("throw new TypeError('boom')").await;
    assert!(o.error.unwrap().message.starts_with("TypeError: boom"));
    let o = sb.search("const a = {}; a.self = a; return a").await;
    assert_eq!(o.error_kind(), Some(ErrorKind::Runtime), "{o:?}");
    let o = sb.search("return undefined").await;
    assert!(o.error.is_none() && o.result.is_null());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_point_at_the_models_lines() {
    let sb = sandbox(1, test_limits()).await;
    let o = sb
        .search("const a = 1;\nconst b = 2;\nthrow new Error('third line');")
        .await;
    let msg = o.error.unwrap().message;
    assert!(msg.contains(":3:"), "{msg}");
    let o = sb.search("async () => {\n  return spec.nope.deeper;\n}").await;
    let msg = o.error.unwrap().message;
    assert!(msg.starts_with("TypeError") && msg.contains(":2:"), "{msg}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workers_run_in_parallel_and_bad_setups_are_errors() {
    let (base, _) = server().await;
    let sb = std::sync::Arc::new(sandbox(2, test_limits()).await);
    let started = Instant::now();
    let code = "return (await api.request({path: '/slow', query: {ms: 1000}})).status";
    let (a, b) = tokio::join!(sb.execute(code, &base, false), sb.execute(code, &base, false));
    assert_eq!((a.result, b.result), (json!(200), json!(200)));
    assert!(
        started.elapsed().as_millis() < 1_900,
        "two workers ran one after the other: {:?}",
        started.elapsed()
    );

    let mut config = harness::sandbox::SandboxConfig::new(Some("/nonexistent/spec.json".into()));
    config.worker_bin = env!("CARGO_BIN_EXE_cmbench").into();
    let err = harness::sandbox::Sandbox::new(config)
        .await
        .err()
        .expect("a missing spec is an error");
    assert!(err.to_string().contains("cannot load the spec"), "{err}");
    let mut config = harness::sandbox::SandboxConfig::new(None);
    config.worker_bin = "/nonexistent/cmbench".into();
    assert!(harness::sandbox::Sandbox::new(config).await.is_err());
    // search without a world is an internal error, not a crash.
    let mut config = harness::sandbox::SandboxConfig::new(None);
    config.worker_bin = env!("CARGO_BIN_EXE_cmbench").into();
    let bare = harness::sandbox::Sandbox::new(config).await.unwrap();
    assert_eq!(bare.search("return 1").await.error_kind(), Some(ErrorKind::Internal));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn whole_numbers_travel_as_javascript_writes_them() {
    let (base, _) = server().await;
    let sb = sandbox(1, test_limits()).await;
    // parseInt and arithmetic give doubles inside the engine; JSON.stringify writes them
    // without a fraction, and so must queries, bodies and results.
    let code = r#"async () => {
        const page = parseInt("5", 10);
        const r = await api.request({ method: "POST", path: "/zones/z1/records",
            query: { page, per: 100 / 4, half: 2.5 }, body: { n: page * 2, ratio: 1 / 4, big: 2 ** 60 } });
        return { query: r.body.query, body: r.body.body, total: 7.0 / 1, neg: -0, big: 2 ** 60 };
    }"#;
    let o = sb.execute(code, &base, false).await;
    assert!(o.error.is_none(), "{o:?}");
    assert_eq!(o.result["query"], "page=5&per=25&half=2.5");
    assert_eq!(o.result["body"]["n"].to_string(), "10");
    assert_eq!(o.result["body"]["ratio"], json!(0.25));
    assert_eq!(o.result["total"].to_string(), "7");
    assert_eq!(o.result["neg"].to_string(), "0");
    // Beyond 2^53 a double is not an exact integer any more: it stays a float.
    assert_eq!(o.result["big"].as_f64(), Some(2f64.powi(60)));
}
