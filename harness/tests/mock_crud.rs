//! The mock server over real HTTP: CRUD, filters, paging, validation, state tracking, isolation.

mod common;

use common::{call, call_form, ids, serve, test_world};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crud_round_trip_and_diff() {
    let server = serve(test_world(1), "").await;
    let ep = server.episode();
    let base = ep.base_url().to_string();
    assert!(base.ends_with("/client/v4"), "{base}");
    let c = reqwest::Client::new();

    let created = call(
        &c,
        "POST",
        &format!("{base}/zones"),
        Some(json!({"name": "new.example"})),
    )
    .await;
    assert_eq!(created.status, 200, "{}", created.body);
    assert_eq!(created.body["success"], json!(true));
    assert_eq!(created.body["result"]["name"], json!("new.example"));
    let id = created.body["result"]["id"].as_str().expect("id").to_string();

    let got = call(&c, "GET", &format!("{base}/zones/{id}"), None).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.body["result"], created.body["result"]);

    let patched = call(
        &c,
        "PATCH",
        &format!("{base}/zones/z1"),
        Some(json!({"paused": true, "plan": "pro"})),
    )
    .await;
    assert_eq!(patched.status, 200, "{}", patched.body);
    assert_eq!(patched.body["result"]["paused"], json!(true));
    assert_eq!(patched.body["result"]["name"], json!("example.com"));

    let deleted = call(&c, "DELETE", &format!("{base}/zones/z2"), None).await;
    assert_eq!(deleted.status, 200);
    assert_eq!(deleted.body["result"]["id"], json!("z2"));
    let gone = call(&c, "GET", &format!("{base}/zones/z2"), None).await;
    assert_eq!(gone.status, 404);
    assert!(
        gone.body["errors"][0]["message"].as_str().unwrap_or("").contains("z2"),
        "{}",
        gone.body
    );

    let rec = call(
        &c,
        "POST",
        &format!("{base}/zones/z1/dns_records"),
        Some(json!({"type": "A", "name": "x.example.com", "content": "192.0.2.9", "ttl": 60})),
    )
    .await;
    assert_eq!(rec.status, 200, "{}", rec.body);
    let rec_id = rec.body["result"]["id"].as_str().expect("record id").to_string();
    assert_eq!(
        rec.body["result"].get("proxied"),
        None,
        "unsent optional fields stay unset"
    );
    let put = call(
        &c,
        "PUT",
        &format!("{base}/zones/z1/dns_records/{rec_id}"),
        Some(json!({"type": "A", "name": "x.example.com", "content": "192.0.2.10"})),
    )
    .await;
    assert_eq!(put.body["result"]["content"], json!("192.0.2.10"));
    assert_eq!(
        put.body["result"].get("ttl"),
        None,
        "PUT replaces: the unsent optional ttl is gone"
    );
    assert_eq!(put.body["result"]["id"], json!(rec_id));

    let diff = ep.diff();
    let created: Vec<(&str, &str)> = diff
        .created
        .iter()
        .map(|c| (c.collection.as_str(), c.id.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        created,
        vec![("/zones", id.as_str()), ("/zones/z1/dns_records", rec_id.as_str())]
    );
    assert_eq!(diff.changed.len(), 1);
    assert_eq!(diff.changed[0].id.as_deref(), Some("z1"));
    assert_eq!(diff.changed[0].before.as_ref().expect("before")["paused"], json!(false));
    assert_eq!(diff.deleted.len(), 1);
    assert_eq!(diff.deleted[0].id.as_deref(), Some("z2"));
    assert_ne!(ep.start_snapshot().hash, ep.snapshot().hash);

    let log = ep.log();
    assert_eq!(log.len(), 7);
    assert_eq!(log[0].operation_id.as_deref(), Some("createZone"));
    assert!(!log[0].read && log[1].read);
    assert_eq!(log[4].status, 404);
    assert!(log.iter().all(|e| e.bytes_out > 0 && e.seq > 0));
    assert_eq!(log[0].body["name"], json!("new.example"));
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filters_sorting_and_page_paging() {
    let server = serve(test_world(1), "").await;
    let base = server.episode().base_url().to_string();
    let c = reqwest::Client::new();
    let a = call(&c, "GET", &format!("{base}/zones/z1/dns_records?type=A"), None).await;
    assert_eq!(ids(&a.body), ["r1", "r2", "r7"]);
    let by_name = call(
        &c,
        "GET",
        &format!("{base}/zones/z1/dns_records?type=A&order=name&direction=desc"),
        None,
    )
    .await;
    assert_eq!(ids(&by_name.body), ["r2", "r1", "r7"]);
    let ttl = call(&c, "GET", &format!("{base}/zones/z1/dns_records?order=ttl"), None).await;
    assert_eq!(ids(&ttl.body)[..2], ["r7", "r5"]);
    let active = call(&c, "GET", &format!("{base}/zones?status=active"), None).await;
    assert_eq!(ids(&active.body), ["z1", "z3"]);
    let nested = call(&c, "GET", &format!("{base}/zones?account.id=acc1"), None).await;
    assert_eq!(ids(&nested.body), ["z1", "z2"]);

    let mut seen = Vec::new();
    for page in 1..=4 {
        let r = call(
            &c,
            "GET",
            &format!("{base}/zones/z1/dns_records?per_page=3&page={page}"),
            None,
        )
        .await;
        assert_eq!(r.status, 200);
        let info = &r.body["result_info"];
        assert_eq!(
            (info["page"].as_u64(), info["total_count"].as_u64()),
            (Some(page), Some(7))
        );
        assert_eq!(info["total_pages"], json!(3));
        let link = r.headers.get("link").map(|l| l.to_str().unwrap_or("").to_string());
        assert_eq!(link.is_some(), page < 3, "page {page}: {link:?}");
        if let Some(l) = link {
            assert!(l.contains(&format!("page={}", page + 1)), "{l}");
        }
        seen.extend(ids(&r.body));
    }
    assert_eq!(seen, ["r1", "r2", "r3", "r4", "r5", "r6", "r7"]);
    let unknown_zone = call(&c, "GET", &format!("{base}/zones/nope/dns_records"), None).await;
    assert_eq!(unknown_zone.status, 404, "{}", unknown_zone.body);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cursor_paging_and_form_bodies() {
    let server = serve(test_world(1), "").await;
    let base = server.episode().base_url().to_string();
    let c = reqwest::Client::new();
    let mut after: Option<String> = None;
    let mut all = Vec::new();
    loop {
        let url = match &after {
            Some(a) => format!("{base}/customers?limit=2&starting_after={a}"),
            None => format!("{base}/customers?limit=2"),
        };
        let r = call(&c, "GET", &url, None).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.body["object"], json!("list"));
        assert_eq!(r.body["url"], json!("/customers"));
        let page = ids(&r.body);
        assert!(page.len() <= 2);
        after = page.last().cloned();
        all.extend(page);
        if r.body["has_more"] != json!(true) {
            break;
        }
    }
    assert_eq!(all, ["cus_1", "cus_2", "cus_3", "cus_4", "cus_5"]);
    let before = call(
        &c,
        "GET",
        &format!("{base}/customers?limit=2&ending_before=cus_4"),
        None,
    )
    .await;
    assert_eq!(ids(&before.body), ["cus_2", "cus_3"]);
    let bad = call(&c, "GET", &format!("{base}/customers?starting_after=cus_404"), None).await;
    assert_eq!(bad.status, 400);

    let made = call_form(
        &c,
        "POST",
        &format!("{base}/customers"),
        "email=ada%40example.com&name=Ada+Lovelace&balance=250&metadata[team]=math",
    )
    .await;
    assert_eq!(made.status, 200, "{}", made.body);
    assert_eq!(made.body["email"], json!("ada@example.com"));
    assert_eq!(made.body["balance"], json!(250));
    assert_eq!(made.body["metadata"], json!({"team": "math"}));
    let found = call(&c, "GET", &format!("{base}/customers?email=ada@example.com"), None).await;
    assert_eq!(found.body["data"][0]["name"], json!("Ada Lovelace"));
    assert_eq!(
        made.body["delinquent"],
        json!(false),
        "schema default fills unsent fields"
    );
    let upd = call_form(
        &c,
        "POST",
        &format!("{base}/customers/cus_1"),
        "name=Renamed&delinquent=true",
    )
    .await;
    assert_eq!(upd.body["name"], json!("Renamed"));
    // `delinquent` defaults to false, so the default listing hides cus_1 now.
    let listed = call(&c, "GET", &format!("{base}/customers?limit=100"), None).await;
    assert_eq!(
        ids(&listed.body),
        [
            "cus_2",
            "cus_3",
            "cus_4",
            "cus_5",
            made.body["id"].as_str().unwrap_or("")
        ]
    );
    let flagged = call(&c, "GET", &format!("{base}/customers?delinquent=true"), None).await;
    assert_eq!(ids(&flagged.body), ["cus_1"]);
    let del = call(&c, "DELETE", &format!("{base}/customers/cus_2"), None).await;
    assert_eq!((del.status, &del.body["id"]), (200, &json!("cus_2")));
    let user = call(
        &c,
        "PATCH",
        &format!("{base}/user"),
        Some(json!({"first_name": "Grace"})),
    )
    .await;
    assert_eq!(
        user.body["result"],
        json!({"id": "u1", "email": "me@example.com", "first_name": "Grace"})
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn validation_errors_teach_the_caller() {
    let server = serve(test_world(1), "").await;
    let base = server.episode().base_url().to_string();
    let c = reqwest::Client::new();
    let msg = |r: &common::Reply| r.body.to_string();

    let missing = call(
        &c,
        "POST",
        &format!("{base}/zones"),
        Some(json!({"account": {"id": "a"}})),
    )
    .await;
    assert_eq!(missing.status, 400);
    assert!(msg(&missing).contains("body.name: is required"), "{}", msg(&missing));
    let unknown = call(
        &c,
        "POST",
        &format!("{base}/zones"),
        Some(json!({"name": "abc.com", "colour": 1})),
    )
    .await;
    assert!(
        msg(&unknown).contains("unknown field \\\"colour\\\""),
        "{}",
        msg(&unknown)
    );
    let short = call(&c, "POST", &format!("{base}/zones"), Some(json!({"name": "ab"}))).await;
    assert!(msg(&short).contains("at least 3 characters"), "{}", msg(&short));
    let bad_enum = call(&c, "GET", &format!("{base}/zones?status=gone"), None).await;
    assert_eq!(bad_enum.status, 400);
    assert!(
        msg(&bad_enum).contains("\\\"active\\\", \\\"pending\\\""),
        "{}",
        msg(&bad_enum)
    );
    let bad_type = call(&c, "GET", &format!("{base}/zones?per_page=lots"), None).await;
    assert!(msg(&bad_type).contains("expected integer"), "{}", msg(&bad_type));
    let too_big = call(&c, "GET", &format!("{base}/zones?per_page=500"), None).await;
    assert!(msg(&too_big).contains("<= 50"), "{}", msg(&too_big));
    let rec = call(
        &c,
        "POST",
        &format!("{base}/zones/z1/dns_records"),
        Some(json!({"type": "SRV"})),
    )
    .await;
    assert_eq!(rec.status, 422, "documented 422 is used: {}", msg(&rec));
    let broken = c
        .post(format!("{base}/zones"))
        .header("content-type", "application/json")
        .body("{\"name\": ")
        .send()
        .await
        .expect("send");
    assert_eq!(broken.status().as_u16(), 400);
    assert!(
        broken
            .text()
            .await
            .unwrap_or_default()
            .contains("Problems parsing JSON")
    );
    let no_body = call(&c, "POST", &format!("{base}/zones"), None).await;
    assert!(msg(&no_body).contains("request body is required"), "{}", msg(&no_body));
    let route = call(&c, "GET", &format!("{base}/nothing/here"), None).await;
    assert_eq!(route.status, 404);
    let method = call(&c, "DELETE", &format!("{base}/zones"), None).await;
    assert_eq!(method.status, 405);
    assert_eq!(
        method.headers.get("allow").and_then(|v| v.to_str().ok()),
        Some("GET, POST")
    );
    let dup = call(&c, "POST", &format!("{base}/customers"), None).await;
    assert_eq!(dup.status, 200, "optional body may be omitted");
    let form_bad = call_form(&c, "POST", &format!("{base}/customers"), "balance=lots").await;
    assert_eq!(form_bad.status, 400);
    assert!(
        msg(&form_bad).contains("body.balance: expected integer"),
        "{}",
        msg(&form_bad)
    );
    let stray_episode = call(&c, "GET", &format!("http://{}/ep/e999/zones", server.addr()), None).await;
    assert_eq!(stray_episode.status, 404);
    server.shutdown().await;
}

async fn scripted_run(seed: u64, generated: bool) -> (String, String, usize) {
    let world = if generated {
        let spec = test_world(seed).spec.clone();
        std::sync::Arc::new(harness::mock::World::new(spec, seed))
    } else {
        test_world(seed)
    };
    let server = serve(world, "").await;
    let ep = server.episode();
    let base = ep.base_url().to_string();
    let c = reqwest::Client::new();
    call(&c, "GET", &format!("{base}/zones"), None).await;
    call(
        &c,
        "POST",
        &format!("{base}/zones"),
        Some(json!({"name": "scripted.example"})),
    )
    .await;
    call(&c, "GET", &format!("{base}/zones/z1/dns_records"), None).await;
    call(
        &c,
        "POST",
        &format!("{base}/zones/z1/purge_cache"),
        Some(json!({"purge_everything": true})),
    )
    .await;
    call_form(&c, "POST", &format!("{base}/customers"), "email=x%40y.z").await;
    let start = ep.start_snapshot().hash;
    let end = ep.snapshot().hash;
    let changes = ep.diff().created.len();
    server.shutdown().await;
    (start, end, changes)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn snapshots_hash_stably_under_a_seed() {
    let a = scripted_run(5, false).await;
    let b = scripted_run(5, false).await;
    assert_eq!(a, b);
    assert_eq!(a.2, 2);
    let g1 = scripted_run(5, true).await;
    let g2 = scripted_run(5, true).await;
    let g3 = scripted_run(6, true).await;
    assert_eq!(g1, g2, "generated worlds repeat under the same seed");
    assert_ne!(g1.0, g3.0, "another seed generates other data");
    assert_ne!(g1.0, g1.1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_episodes_are_isolated() {
    let server = serve(test_world(1), "").await;
    let episodes: Vec<_> = (0..6).map(|_| server.episode()).collect();
    let c = reqwest::Client::new();
    let mut tasks = Vec::new();
    for (n, ep) in episodes.iter().enumerate() {
        let base = ep.base_url().to_string();
        let c = c.clone();
        tasks.push(tokio::spawn(async move {
            for k in 0..5 {
                let name = format!("ep{n}-zone{k}.example");
                let r = call(&c, "POST", &format!("{base}/zones"), Some(json!({"name": name}))).await;
                assert_eq!(r.status, 200);
            }
            call(&c, "DELETE", &format!("{base}/zones/z{}", 1 + n % 3), None).await;
            let list = call(&c, "GET", &format!("{base}/zones?per_page=50"), None).await;
            list.body["result"]
                .as_array()
                .expect("list")
                .iter()
                .map(|z| z["name"].as_str().unwrap_or("").to_string())
                .collect::<Vec<_>>()
        }));
    }
    for (n, t) in tasks.into_iter().enumerate() {
        let names = t.await.expect("task");
        let own = names.iter().filter(|x| x.starts_with(&format!("ep{n}-"))).count();
        let foreign = names
            .iter()
            .filter(|x| x.starts_with("ep") && !x.starts_with(&format!("ep{n}-")))
            .count();
        assert_eq!((own, foreign, names.len()), (5, 0, 7), "episode {n}: {names:?}");
        let diff = episodes[n].diff();
        assert_eq!((diff.created.len(), diff.deleted.len()), (5, 1));
    }
    let fresh = server.episode();
    assert!(fresh.diff().is_empty());
    assert_eq!(fresh.snapshot().hash, fresh.start_snapshot().hash);
    episodes[0].close();
    let closed = call(&c, "GET", &format!("{}/zones", episodes[0].base_url()), None).await;
    assert_eq!(closed.status, 404);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn control_endpoints_serve_outside_processes() {
    let server = serve(test_world(1), "").await;
    let root = format!("http://{}/_mock", server.addr());
    let c = reqwest::Client::new();
    let made = call(&c, "POST", &format!("{root}/episodes"), None).await;
    assert_eq!(made.status, 201);
    let id = made.body["id"].as_str().expect("id").to_string();
    let base = made.body["base_url"].as_str().expect("base_url").to_string();
    assert!(base.ends_with(&format!("/ep/{id}/client/v4")), "{base}");
    call(&c, "DELETE", &format!("{base}/zones/z3"), None).await;
    let diff = call(&c, "GET", &format!("{root}/episodes/{id}/diff"), None).await;
    assert_eq!(diff.body["deleted"][0]["id"], json!("z3"));
    assert_eq!(diff.body["created"], json!([]));
    let log = call(&c, "GET", &format!("{root}/episodes/{id}/log"), None).await;
    assert_eq!(log.body[0]["operation_id"], json!("deleteZone"));
    let start = call(&c, "GET", &format!("{root}/episodes/{id}/start_snapshot"), None).await;
    let now = call(&c, "GET", &format!("{root}/episodes/{id}/snapshot"), None).await;
    assert_eq!(start.body["hash"].as_str().map(str::len), Some(64));
    assert_ne!(start.body["hash"], now.body["hash"]);
    assert!(now.body["state"]["collections"]["/zones"].get("z3").is_none());
    let timing = call(&c, "GET", &format!("{root}/episodes/{id}/timing"), None).await;
    assert_eq!(timing.body["requests"], json!(1));
    let listed = call(&c, "GET", &format!("{root}/episodes"), None).await;
    assert_eq!(listed.body["episodes"], json!([id]));
    assert_eq!(
        call(&c, "GET", &format!("{root}/episodes/{id}/nope"), None)
            .await
            .status,
        404
    );
    assert_eq!(
        call(&c, "DELETE", &format!("{root}/episodes/{id}"), None).await.status,
        204
    );
    assert_eq!(call(&c, "GET", &format!("{base}/zones"), None).await.status, 404);
    assert_eq!(
        call(&c, "GET", &format!("{root}/episodes/{id}/log"), None).await.status,
        404
    );
    server.shutdown().await;
}
