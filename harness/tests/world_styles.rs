//! World styles of generated specs (`envelope`, `paging`, `errors` in resources.toml): each
//! style is generated from one small description, served by the mock and read over HTTP.

mod common;

use common::{call, serve};
use harness::mock::World;
use harness::spec::Spec;
use harness::worlds::{Description, generate_from, pad::style_of};
use serde_json::{Value, json};
use std::path::Path;
use std::sync::Arc;

/// A project with 25 issues, in the style given by the `head` lines.
fn description(head: &str) -> String {
    format!(
        r#"title = "Styles"
version = "1.0.0"
server = "https://api.styles.example/v1"
description = "A world to test styles."
seed = 7
{head}
[tags]
Projects = "Projects."
Issues = "Issues."

[[resource]]
id = "projects"
name = "project"
tag = "Projects"
path = "/projects"
item = "project_id"
ops = "list get"
seed = 1
fields = ["id id | Identifier", "name string req | Name"]

[[resource]]
id = "issues"
name = "issue"
tag = "Issues"
path = "/projects/{{project_id}}/issues"
item = "issue_id"
ops = "list create get delete"
per_page = [10, 50]
sort = ["title"]
seed = 25
fields = ["id id | Identifier", "title string req | Title", "state enum(open,closed) filter | State"]
"#
    )
}

/// The world generated from `head`, its spec text, and the id of its one project.
fn world(head: &str) -> (Arc<World>, Value, String) {
    let desc = Description::parse(&description(head), Path::new("styles.toml")).expect("description parses");
    let generated = generate_from("styles", &desc);
    let doc: Value = serde_json::from_str(&generated.spec).expect("spec is JSON");
    let spec = Arc::new(Spec::from_text(&generated.spec, Path::new("styles.json")).expect("spec loads"));
    let mut world = World::new(spec, 1);
    let fixtures: Value = serde_json::from_str(&generated.fixtures).expect("fixtures are JSON");
    world.apply_fixtures(&fixtures).expect("fixtures apply");
    let project = world.initial.collections["/projects"]
        .keys()
        .next()
        .expect("one project")
        .clone();
    (Arc::new(world), doc, project)
}

fn ids(items: &Value) -> Vec<String> {
    items
        .as_array()
        .expect("an array of items")
        .iter()
        .map(|i| i["id"].as_str().expect("id").to_string())
        .collect()
}

#[tokio::test]
async fn bare_page_lists_are_arrays_with_link_headers() {
    let (world, doc, project) = world("envelope = \"bare\"\npaging = \"page\"");
    assert!(doc.pointer("/components/schemas/ApiResponse").is_none());
    assert!(doc.pointer("/components/schemas/Error").is_some());
    let server = serve(world, "").await;
    let base = server.episode().base_url().to_string();
    let client = reqwest::Client::new();
    let list = format!("{base}/projects/{project}/issues");
    let first = call(&client, "GET", &format!("{list}?per_page=10"), None).await;
    assert_eq!(first.status, 200);
    assert_eq!(ids(&first.body).len(), 10);
    let link = first.headers["link"].to_str().expect("text");
    assert!(link.contains("page=2") && link.contains("rel=\"next\""), "{link}");
    let last = call(&client, "GET", &format!("{list}?per_page=10&page=3"), None).await;
    assert_eq!(ids(&last.body).len(), 5);
    assert!(last.headers.get("link").is_none());
    let all = call(&client, "GET", &format!("{list}?per_page=50"), None).await;
    let open = call(&client, "GET", &format!("{list}?per_page=50&state=open"), None).await;
    let expected = all
        .body
        .as_array()
        .expect("array")
        .iter()
        .filter(|i| i["state"] == "open")
        .count();
    assert_eq!(ids(&open.body).len(), expected);
    let created = call(
        &client,
        "POST",
        &list,
        Some(json!({"title": "Login fails", "state": "open"})),
    )
    .await;
    assert_eq!(created.status, 200, "{}", created.body);
    assert_eq!(created.body["title"], "Login fails");
    let id = created.body["id"].as_str().expect("new id");
    let got = call(&client, "GET", &format!("{list}/{id}"), None).await;
    assert_eq!(got.body["title"], "Login fails");
    let missing = call(&client, "GET", &format!("{list}/nope"), None).await;
    assert_eq!(missing.status, 404);
    assert!(missing.body["message"].is_string(), "{}", missing.body);
    let invalid = call(&client, "POST", &list, Some(json!({"state": "open"}))).await;
    assert_eq!(invalid.status, 400, "{}", invalid.body);
    assert!(invalid.body["message"].is_string(), "{}", invalid.body);
}

#[tokio::test]
async fn bare_offset_lists_carry_total_offset_and_limit() {
    let (world, doc, project) = world("envelope = \"bare\"\npaging = \"offset\"");
    let params: Vec<&str> = doc
        .pointer("/paths/~1projects~1{project_id}~1issues/get/parameters")
        .and_then(Value::as_array)
        .expect("list parameters")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(params, ["offset", "limit", "state", "order", "direction"]);
    let server = serve(world, "").await;
    let base = server.episode().base_url().to_string();
    let client = reqwest::Client::new();
    let list = format!("{base}/projects/{project}/issues");
    let first = call(&client, "GET", &list, None).await;
    assert_eq!(first.status, 200);
    assert_eq!(
        (&first.body["total"], &first.body["offset"], &first.body["limit"]),
        (&json!(25), &json!(0), &json!(10))
    );
    assert_eq!(ids(&first.body["items"]).len(), 10);
    let tail = call(&client, "GET", &format!("{list}?offset=20&limit=10"), None).await;
    assert_eq!((&tail.body["total"], &tail.body["offset"]), (&json!(25), &json!(20)));
    assert_eq!(ids(&tail.body["items"]).len(), 5);
    // Walking the pages sees every issue once.
    let mut seen = Vec::new();
    let mut offset = 0;
    loop {
        let page = call(&client, "GET", &format!("{list}?offset={offset}&limit=7"), None).await;
        let got = ids(&page.body["items"]);
        if got.is_empty() {
            break;
        }
        offset += got.len();
        seen.extend(got);
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 25);
    let sorted = call(
        &client,
        "GET",
        &format!("{list}?limit=50&order=title&direction=desc"),
        None,
    )
    .await;
    let titles: Vec<&str> = sorted.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["title"].as_str())
        .collect();
    assert!(titles.windows(2).all(|w| w[0] >= w[1]), "{titles:?}");
    let deleted = call(&client, "DELETE", &format!("{list}/{}", seen[0]), None).await;
    assert_eq!(deleted.status, 200);
    let after = call(&client, "GET", &list, None).await;
    assert_eq!(after.body["total"], json!(24));
}

#[tokio::test]
async fn bare_cursor_lists_are_list_objects_with_stripe_errors() {
    let (world, doc, project) = world("envelope = \"bare\"\npaging = \"cursor\"\nerrors = \"stripe\"");
    assert!(doc.pointer("/components/schemas/error/properties/error").is_some());
    let server = serve(world, "").await;
    let base = server.episode().base_url().to_string();
    let client = reqwest::Client::new();
    let list = format!("{base}/projects/{project}/issues");
    let mut seen = Vec::new();
    let mut url = format!("{list}?limit=10");
    loop {
        let page = call(&client, "GET", &url, None).await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert_eq!(page.body["object"], "list");
        assert!(
            page.body["url"].as_str().is_some_and(|u| u.ends_with("/issues")),
            "{}",
            page.body
        );
        let got = ids(&page.body["data"]);
        seen.extend(got.clone());
        if page.body["has_more"] != json!(true) {
            break;
        }
        url = format!("{list}?limit=10&starting_after={}", got.last().expect("a full page"));
    }
    assert_eq!(seen.len(), 25);
    let before = call(
        &client,
        "GET",
        &format!("{list}?limit=5&ending_before={}", seen[10]),
        None,
    )
    .await;
    assert_eq!(ids(&before.body["data"]), seen[5..10]);
    let missing = call(&client, "GET", &format!("{list}/nope"), None).await;
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.body["error"]["type"], "invalid_request_error",
        "{}",
        missing.body
    );
    let bad_cursor = call(&client, "GET", &format!("{list}?starting_after=nope"), None).await;
    assert_eq!(bad_cursor.status, 400);
    assert_eq!(
        bad_cursor.body["error"]["param"], "starting_after",
        "{}",
        bad_cursor.body
    );
}

#[tokio::test]
async fn cloudflare_envelope_with_offset_paging_reports_result_info() {
    let (world, doc, project) = world("paging = \"offset\"");
    assert!(
        doc.pointer("/components/schemas/ResultInfo/properties/offset")
            .is_some()
    );
    let server = serve(world, "").await;
    let base = server.episode().base_url().to_string();
    let client = reqwest::Client::new();
    let page = call(
        &client,
        "GET",
        &format!("{base}/projects/{project}/issues?offset=10"),
        None,
    )
    .await;
    assert_eq!(page.body["success"], true);
    assert_eq!(ids(&page.body["result"]).len(), 10);
    assert_eq!(page.body["result_info"]["offset"], 10);
    assert_eq!(page.body["result_info"]["total_count"], 25);
}

#[test]
fn default_style_is_cloudflare_with_pages() {
    let (_, doc, _) = world("");
    assert!(doc.pointer("/components/schemas/ApiResponse").is_some());
    assert!(
        doc.pointer("/components/schemas/ResultInfo/properties/total_pages")
            .is_some()
    );
    assert_eq!(style_of(&doc), Default::default());
}

#[test]
fn bad_styles_are_named() {
    let parse = |head: &str| Description::parse(&description(head), Path::new("styles.toml"));
    let e = parse("paging = \"keyset\"").expect_err("unknown paging");
    assert!(e.0.starts_with("styles.toml") && e.0.contains("keyset"), "{e}");
    let e = parse("errors = \"stripe\"").expect_err("stripe errors in the cloudflare envelope");
    assert!(e.0.contains("styles.toml: errors"), "{e}");
    let e = parse("envelope = \"bare\"\nerrors = \"cloudflare\"").expect_err("cloudflare errors without envelope");
    assert!(e.0.contains("styles.toml: errors"), "{e}");
    let clash = description("paging = \"offset\"").replace(
        "\"state enum(open,closed) filter | State\"",
        "\"state enum(open,closed) filter | State\", \"limit integer filter | Limit\"",
    );
    let e = Description::parse(&clash, Path::new("styles.toml")).expect_err("filter clashes with paging");
    assert!(
        e.0.contains("resource[1] (\"issues\").fields[3]") && e.0.contains("\"limit\""),
        "{e}"
    );
}

#[test]
fn padding_keeps_the_world_style() {
    let (_, doc, _) = world("envelope = \"bare\"\npaging = \"offset\"");
    let style = style_of(&doc);
    assert_eq!(
        (style.envelope, style.paging, style.errors()),
        (
            harness::worlds::desc::EnvelopeStyle::Bare,
            harness::worlds::desc::PagingStyle::Offset,
            harness::worlds::desc::ErrorStyle::Message
        )
    );
    let padded = harness::worlds::pad(&doc, 30, 3).expect("pads");
    assert!(padded.pointer("/components/schemas/ApiResponse").is_none());
    assert_eq!(style_of(&padded), style);
    let spec = Spec::from_value(padded, harness::spec::Syntax::Json, Path::new("padded.json")).expect("padded spec");
    assert_eq!(spec.operations.len(), 6 + 30);
    let world = World::new(Arc::new(spec), 1);
    assert_eq!(world.error_style, harness::mock::ErrorStyle::Message);
}
