//! Action effects over real HTTP: actions that declare `x-cmbench-effect` change their item
//! (merge a pull request, pay an invoice, re-run a workflow run), refuse with a 409 that names
//! the field when the item does not qualify, show up in the episode's diff, and a malformed
//! declaration answers 500 naming the operation instead of being skipped.

use harness::mock::{MockServer, ServerOptions, World};
use harness::spec::Spec;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn specs() -> Option<PathBuf> {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    if specs.join("codehost/openapi.json").exists() && specs.join("commerce/openapi.json").exists() {
        Some(specs)
    } else {
        eprintln!("skipped: specs/codehost or specs/commerce is missing");
        None
    }
}

async fn send(c: &reqwest::Client, method: &str, url: &str, body: Option<Value>) -> (u16, Value, Option<i64>) {
    let mut req = c.request(method.parse().unwrap(), url);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let r = req.send().await.unwrap();
    let clock = r
        .headers()
        .get("x-cmbench-clock-ms")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok());
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null), clock)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn merging_a_pull_request_closes_it_once_and_drafts_are_refused() {
    let Some(specs) = specs() else { return };
    let world = harness::mock::load_world(&specs, "codehost", 0).expect("codehost loads");
    let server = MockServer::start(Arc::new(world), ServerOptions::default())
        .await
        .unwrap();
    let episode = server.episode();
    let pulls = format!("{}/orgs/acme/repos/api-gateway/pulls", episode.base_url());
    let c = reqwest::Client::new();

    let (status, pr, clock) = send(
        &c,
        "POST",
        &format!("{pulls}/25/merge"),
        Some(json!({"merge_method": "squash"})),
    )
    .await;
    assert_eq!(status, 200, "{pr}");
    assert_eq!(
        (pr["number"].clone(), pr["state"].clone(), pr["merged"].clone()),
        (json!(25), json!("closed"), json!(true))
    );
    // `$now` is the episode clock when the request arrived, as RFC 3339 text.
    let merged_at = pr["merged_at"].as_str().expect("merged_at set");
    assert!(
        merged_at.starts_with("2026-11-20T12:00:00"),
        "{merged_at} (clock {clock:?})"
    );
    assert_eq!(pr["closed_at"], pr["merged_at"]);
    let (_, read, _) = send(&c, "GET", &format!("{pulls}/25"), None).await;
    assert_eq!(read["state"], "closed", "the change is stored, not only answered");

    let (status, again, _) = send(&c, "POST", &format!("{pulls}/25/merge"), None).await;
    assert_eq!(status, 409, "{again}");
    let message = again["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("state is \"closed\"") && message.contains("\"open\""),
        "{message}"
    );

    let (status, draft, _) = send(&c, "POST", &format!("{pulls}/53/merge"), None).await;
    assert_eq!(status, 409, "{draft}");
    assert!(
        draft["message"].as_str().unwrap_or_default().contains("draft is true"),
        "{draft}"
    );

    let (status, missing, _) = send(&c, "POST", &format!("{pulls}/99999/merge"), None).await;
    assert_eq!(status, 404, "{missing}");

    let diff = episode.diff();
    let changed: Vec<String> = diff
        .changed
        .iter()
        .map(|c| format!("{}/{}", c.collection, c.id.clone().unwrap_or_default()))
        .collect();
    assert_eq!(
        changed,
        vec!["/orgs/acme/repos/api-gateway/pulls/25".to_string()],
        "{diff:?}"
    );
    assert!(diff.created.is_empty() && diff.deleted.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rerun_counts_attempts_and_invoice_payment_copies_the_amount() {
    let Some(specs) = specs() else { return };
    let c = reqwest::Client::new();

    let world = harness::mock::load_world(&specs, "codehost", 0).expect("codehost loads");
    let server = MockServer::start(Arc::new(world), ServerOptions::default())
        .await
        .unwrap();
    let runs = format!(
        "{}/orgs/acme/repos/api-gateway/actions/runs",
        server.episode().base_url()
    );
    let failed = "c7feee260adc33df6cdc5e187047c173";
    let (status, run, _) = send(&c, "POST", &format!("{runs}/{failed}/rerun_failed_jobs"), None).await;
    assert_eq!(status, 200, "{run}");
    assert_eq!(
        (
            run["status"].clone(),
            run["conclusion"].clone(),
            run["run_attempt"].clone()
        ),
        (json!("queued"), Value::Null, json!(2))
    );
    let (status, run, _) = send(&c, "POST", &format!("{runs}/{failed}/cancel"), None).await;
    assert_eq!(status, 200, "{run}");
    assert_eq!(
        (run["status"].clone(), run["conclusion"].clone()),
        (json!("completed"), json!("cancelled"))
    );
    let (status, run, _) = send(&c, "POST", &format!("{runs}/{failed}/rerun"), None).await;
    assert_eq!(status, 200, "{run}");
    assert_eq!(run["run_attempt"], 3, "every re-run adds one attempt");
    let (status, body, _) = send(
        &c,
        "POST",
        &format!("{runs}/8c8acfbfefc24edc34c693c4a70dc451/rerun_failed_jobs"),
        None,
    )
    .await;
    assert_eq!(status, 409, "a successful run has no failed jobs: {body}");
    assert!(
        body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("conclusion is \"success\""),
        "{body}"
    );

    let world = harness::mock::load_world(&specs, "commerce", 0).expect("commerce loads");
    let server = MockServer::start(Arc::new(world), ServerOptions::default())
        .await
        .unwrap();
    let base = server.episode().base_url().to_string();
    let invoice = format!("{base}/invoices/in_ik81hduiNAAUSP6XcdsNLUGO");
    let (status, paid, _) = send(&c, "POST", &format!("{invoice}/pay"), None).await;
    assert_eq!(status, 200, "{paid}");
    assert_eq!(
        (
            paid["status"].clone(),
            paid["amount_paid"].clone(),
            paid["attempt_count"].clone()
        ),
        (json!("paid"), json!(9900), json!(5))
    );
    // Stripe-style error: the message says why, `param` names the field.
    let (status, err, _) = send(&c, "POST", &format!("{invoice}/void"), None).await;
    assert_eq!(status, 409, "{err}");
    assert_eq!(err["error"]["param"], "status");
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("status is \"paid\""),
        "{err}"
    );

    // `$body.customer` copies the request's field; `$null` clears it.
    let (_, methods, _) = send(&c, "GET", &format!("{base}/payment_methods?limit=1"), None).await;
    let pm = methods["data"][0]["id"].as_str().expect("a payment method").to_string();
    let (_, customers, _) = send(&c, "GET", &format!("{base}/customers?limit=1"), None).await;
    let customer = customers["data"][0]["id"].as_str().expect("a customer").to_string();
    let (status, attached, _) = send(
        &c,
        "POST",
        &format!("{base}/payment_methods/{pm}/attach"),
        Some(json!({"customer": customer})),
    )
    .await;
    assert_eq!(status, 200, "{attached}");
    assert_eq!(attached["customer"], json!(customer));
    let (status, detached, _) = send(&c, "POST", &format!("{base}/payment_methods/{pm}/detach"), None).await;
    assert_eq!(status, 200, "{detached}");
    assert_eq!(detached["customer"], Value::Null);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_effect_answers_500_naming_the_operation() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mock_world/openapi.json");
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    // Declare an effect with an unknown token on a POST action of the test world.
    let action_path = "/zones/{zone_id}/purge_cache";
    doc["paths"][action_path]["post"]["x-cmbench-effect"] = json!({"set": {"status": "$tomorrow"}});
    let dir = tempdir();
    let file = dir.join("openapi.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    let spec = Spec::load(&file).expect("spec loads");
    let world = World::new(Arc::new(spec), 0);
    let server = MockServer::start(Arc::new(world), ServerOptions::default())
        .await
        .unwrap();
    let url = format!("{}{}", server.episode().base_url(), action_path.replace(['{', '}'], ""));
    let (status, body, _) = send(&reqwest::Client::new(), "POST", &url, Some(json!({}))).await;
    assert_eq!(status, 500, "{body}");
    let text = body.to_string();
    assert!(
        text.contains("x-cmbench-effect of operation") && text.contains("$tomorrow"),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

fn tempdir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cmbench-effects-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
