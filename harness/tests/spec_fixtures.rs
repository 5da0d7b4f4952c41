//! The operation index of small fixture specs in each supported dialect.

use harness::spec::{ParamLocation, Spec, SpecFormat, Syntax};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/specs")
        .join(name)
}

fn load(name: &str) -> Spec {
    Spec::load(fixture(name)).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn openapi_30_json_index() {
    let s = load("petstore-3.0.json");
    assert_eq!(s.format, SpecFormat::OpenApi30);
    assert_eq!(s.syntax, Syntax::Json);
    assert_eq!(s.title, "Petstore");
    assert_eq!(s.version.as_deref(), Some("1.2.0"));
    assert_eq!(s.base_path, "/v1");
    assert_eq!(s.operations.len(), 6);
    assert_eq!(s.paths, 4);
    let ids: Vec<(&str, bool)> = s
        .operations
        .iter()
        .map(|o| (o.operation_id.as_str(), o.operation_id_synthesized))
        .collect();
    assert_eq!(
        ids,
        vec![
            ("listPets", false),
            ("createPet", false),
            ("get_pets_petId", true),
            // A declared id that repeats another operation's gets a stable suffix.
            ("createPet_2", true),
            (
                "stores.inventory/summary:get-the-inventory-summary-of-one-store-for-reporting-purposes",
                false
            ),
            ("get_categories_categoryId", true),
        ]
    );
    let list = &s.operations[0];
    let params: Vec<(&str, ParamLocation, bool)> = list
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.location, p.required))
        .collect();
    assert_eq!(
        params,
        vec![
            ("limit", ParamLocation::Query, false),
            ("status", ParamLocation::Query, false),
            ("X-Request-Id", ParamLocation::Header, false),
            ("session", ParamLocation::Cookie, false),
        ]
    );
    assert_eq!(list.parameters[0].description.as_deref(), Some("How many to return"));
    assert_eq!(
        list.responses.iter().map(|r| r.status.as_str()).collect::<Vec<_>>(),
        vec!["200", "default"]
    );
    assert_eq!(list.success_response().unwrap().status, "200");
    // Path-level parameters are merged into each operation.
    assert_eq!(s.operations[2].parameters[0].name, "petId");
    assert!(s.operations[2].parameters[0].required);
    // A path parameter the spec forgot to declare is still indexed.
    assert_eq!(s.operations[5].parameters[0].name, "categoryId");
    let body = s.operations[1].request_body.as_ref().unwrap();
    assert!(body.required);
    assert_eq!(body.content_type, "application/json");
    assert!(!s.operations[0].is_read() || s.operations[0].method == "get");
    assert!(!s.operations[1].is_read());
}

#[test]
fn refs_are_checked_counted_and_inlined_with_cycle_guard() {
    let s = load("petstore-3.0.json");
    assert_eq!(s.refs.refs, 12);
    assert_eq!(s.refs.targets, 6);
    assert_eq!(s.refs.recursive, vec!["#/components/schemas/Category"]);
    let schema = s.operations[5].success_response().unwrap().schema.clone().unwrap();
    let inlined = s.inline(&schema);
    assert_eq!(inlined["properties"]["name"]["type"], "string");
    assert_eq!(
        inlined["properties"]["parent"]["description"],
        "recursive reference to Category (not expanded)"
    );
    assert_eq!(s.inline_stats.snapshot().cycles_cut, 1);
    // Vendor extensions are dropped from inlined schemas.
    let body = s.inline(&s.operations[1].request_body.as_ref().unwrap().schema);
    assert!(body.get("x-internal-note").is_none());
    assert!(
        s.inline_keep_extensions(&s.operations[1].request_body.as_ref().unwrap().schema)["x-internal-note"].is_string()
    );
}

#[test]
fn openapi_31_yaml_index() {
    let s = load("tracker-3.1.yaml");
    assert_eq!(s.format, SpecFormat::OpenApi31);
    assert_eq!(s.syntax, Syntax::Yaml);
    assert_eq!(s.version.as_deref(), Some("2026-01"));
    assert_eq!(s.operations.len(), 3);
    assert_eq!(
        s.operations[2].operation_id,
        "post_projects_project_issues_number_close"
    );
    // Numeric YAML keys are response codes.
    assert_eq!(s.operations[0].responses[0].status, "200");
    // A `requestBodies` ref resolves; a `$ref` with a sibling description keeps the description.
    let body = s.inline(&s.operations[1].request_body.as_ref().unwrap().schema);
    assert_eq!(body["required"], serde_json::json!(["title"]));
    assert_eq!(body["properties"]["assignee"]["description"], "Who works on it");
    assert_eq!(body["properties"]["assignee"]["properties"]["login"]["type"], "string");
    // Path-level `$ref` parameters merge with the operation's own (no duplicate).
    let close = &s.operations[2];
    assert_eq!(close.parameters.iter().filter(|p| p.name == "project").count(), 1);
}

#[test]
fn swagger_20_index() {
    let s = load("legacy-swagger-2.0.json");
    assert_eq!(s.format, SpecFormat::Swagger20);
    assert_eq!(s.base_path, "/api/v2");
    assert_eq!(s.operations.len(), 3);
    let list = &s.operations[0];
    assert_eq!(
        list.parameters[0].schema,
        serde_json::json!({"type": "integer", "minimum": 1})
    );
    assert_eq!(
        list.success_response().unwrap().schema.as_ref().unwrap()["items"]["$ref"],
        "#/definitions/File"
    );
    // formData fields become a multipart object body; `type: file` a binary string.
    let upload = s.operations[1].request_body.as_ref().unwrap();
    assert_eq!(upload.content_type, "multipart/form-data");
    assert!(upload.required);
    assert_eq!(upload.schema["properties"]["file"]["format"], "binary");
    assert_eq!(upload.schema["properties"]["file"]["description"], "The content");
    assert_eq!(upload.schema["required"], serde_json::json!(["file"]));
    // `in: body` becomes the request body.
    let replace = &s.operations[2];
    assert_eq!(replace.parameters.len(), 1);
    let body = replace.request_body.as_ref().unwrap();
    assert_eq!(body.content_type, "application/json");
    assert_eq!(s.inline(&body.schema)["required"], serde_json::json!(["name"]));
}

#[test]
fn malformed_specs_name_file_and_position() {
    let cases = [
        (
            "trailing-comma.json",
            "trailing-comma.json:6:3: invalid JSON: trailing comma",
        ),
        (
            "dangling-ref.json",
            "dangling-ref.json:8: at /paths/~1a/get/responses/200/content/application~1json/schema/$ref: reference \"#/components/schemas/Missing\" points to nothing in this document",
        ),
        (
            "unknown-version.json",
            "unknown-version.json:1: at /openapi: unsupported OpenAPI version \"4.0.0\" (supported: 3.0.x, 3.1.x, Swagger 2.0)",
        ),
        (
            "parameter-without-in.yaml",
            "parameter-without-in.yaml: at /paths/~1a/get/parameters/0/in: parameter \"q\" has no 'in'",
        ),
        (
            "bad-syntax.yaml",
            "bad-syntax.yaml:3:6: invalid YAML: did not find expected ',' or '}'",
        ),
    ];
    for (file, expected) in cases {
        let err = Spec::load(fixture(&format!("malformed/{file}")))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(expected),
            "{file}:\n  got      {err}\n  expected {expected}"
        );
    }
    let missing = Spec::load(fixture("no-such-file.json")).unwrap_err().to_string();
    assert!(missing.contains("no-such-file.json: cannot read"), "{missing}");
}
