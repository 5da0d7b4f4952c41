//! Surfaces of the fixture specs, and their token counts pinned to Python tiktoken's.
//!
//! The expected counts were produced by `scripts/tiktoken-crosscheck.py`, which counts the
//! `--dump` output of every surface with Python's tiktoken. A deliberate change to a
//! surface (a template, a schema rule) changes them: re-run the script and update.

use harness::spec::Spec;
use harness::surface::{self, Rendered};
use harness::tokens::Encoding;
use serde_json::Value;
use std::path::PathBuf;

fn load(name: &str) -> Spec {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/specs")
        .join(name);
    Spec::load(path).unwrap_or_else(|e| panic!("{e}"))
}

/// (spec, encoding, [json-tools full, json-tools required-only, code-mode, code-mode-typed]) from Python tiktoken 0.14.
const PINNED: [(&str, Encoding, [usize; 4]); 6] = [
    ("petstore-3.0.json", Encoding::O200kBase, [376, 297, 751, 647]),
    ("petstore-3.0.json", Encoding::Cl100kBase, [367, 290, 741, 642]),
    ("tracker-3.1.yaml", Encoding::O200kBase, [214, 152, 755, 490]),
    ("tracker-3.1.yaml", Encoding::Cl100kBase, [207, 148, 745, 487]),
    ("legacy-swagger-2.0.json", Encoding::O200kBase, [187, 152, 751, 383]),
    ("legacy-swagger-2.0.json", Encoding::Cl100kBase, [183, 148, 741, 379]),
];

#[test]
fn token_counts_match_python_tiktoken() {
    for (file, encoding, expected) in PINNED {
        let spec = load(file);
        let got: Vec<usize> = surface::measure_all(&spec, encoding).iter().map(|s| s.tokens).collect();
        assert_eq!(
            got, expected,
            "{file} {encoding}: re-verify with scripts/tiktoken-crosscheck.py"
        );
    }
}

#[test]
fn surfaces_have_the_expected_tools() {
    let spec = load("petstore-3.0.json");
    let sizes = surface::measure_all(&spec, Encoding::O200kBase);
    let shape: Vec<(String, String, usize)> = sizes
        .iter()
        .map(|s| (s.name.clone(), s.variant.clone(), s.tools))
        .collect();
    assert_eq!(
        shape,
        vec![
            ("json-tools".into(), "full".into(), 6),
            ("json-tools".into(), "required-only".into(), 6),
            ("code-mode".into(), "default".into(), 2),
            ("code-mode-typed".into(), "default".into(), 1),
        ]
    );
}

#[test]
fn json_tools_names_are_sanitised_unique_and_short() {
    let spec = load("petstore-3.0.json");
    let r = Rendered::new(surface::by_name("json-tools", Some("full")).unwrap().as_ref(), &spec);
    let names: Vec<&str> = r
        .tools
        .iter()
        .map(|t| t["function"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(&names[..4], &["listPets", "createPet", "get_pets_petId", "createPet_2"]);
    let long = names[4];
    assert_eq!(long.len(), 64);
    assert_eq!(long, "stores_inventory_summary_get-the-inventory-summary-of-o_e125c2be");
    for n in &names {
        assert!(
            n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'),
            "{n}"
        );
    }
    // The wire JSON is compact and is exactly the serialised tools.
    assert!(!r.json.contains(": ") && !r.json.contains('\n'));
    assert_eq!(
        serde_json::from_str::<Value>(&r.json).unwrap(),
        Value::Array(r.tools.clone())
    );
}

#[test]
fn json_tools_parameters_follow_the_operation() {
    let spec = load("petstore-3.0.json");
    let full = Rendered::new(surface::by_name("json-tools", Some("full")).unwrap().as_ref(), &spec);
    let list = &full.tools[0]["function"];
    assert_eq!(list["description"], "List pets\n\nReturns pets, newest first.");
    let props = list["parameters"]["properties"].as_object().unwrap();
    // Cookies are not exposed; headers and queries are.
    assert_eq!(
        props.keys().collect::<Vec<_>>(),
        vec!["limit", "status", "X-Request-Id"]
    );
    assert_eq!(props["limit"]["description"], "How many to return");
    let create = &full.tools[1]["function"]["parameters"];
    assert_eq!(create["required"], serde_json::json!(["body"]));
    assert_eq!(create["properties"]["body"]["properties"]["name"]["type"], "string");
    let min = Rendered::new(
        surface::by_name("json-tools", Some("required-only")).unwrap().as_ref(),
        &spec,
    );
    assert_eq!(
        min.tools[0]["function"]["parameters"]["properties"],
        serde_json::json!({})
    );
    let body = &min.tools[1]["function"]["parameters"]["properties"]["body"];
    assert_eq!(
        body["properties"].as_object().unwrap().keys().collect::<Vec<_>>(),
        vec!["name"]
    );
}

#[test]
fn code_mode_describes_search_and_execute() {
    let spec = load("petstore-3.0.json");
    let r = Rendered::new(surface::by_name("code-mode", None).unwrap().as_ref(), &spec);
    let names: Vec<&str> = r
        .tools
        .iter()
        .map(|t| t["function"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["search", "execute"]);
    let search = r.tools[0]["function"]["description"].as_str().unwrap();
    assert!(
        search.starts_with("Search the Petstore OpenAPI description (6 operations)."),
        "{search}"
    );
    assert!(search.contains("declare const spec: { paths: Record<string, PathItem> };"));
    assert!(search.contains("Tags: pets, store"));
    assert!(search.contains(r#"op.tags?.includes("pets")"#));
    let execute = r.tools[1]["function"]["description"].as_str().unwrap();
    assert!(
        execute.contains("api.request({ method: \"GET\", path: \"/pets\" })"),
        "{execute}"
    );
    assert!(!execute.contains("{{"), "all placeholders filled");
    for t in &r.tools {
        assert_eq!(t["function"]["parameters"]["required"], serde_json::json!(["code"]));
    }
}

#[test]
fn code_mode_typed_declares_named_types_and_functions() {
    let spec = load("petstore-3.0.json");
    let r = Rendered::new(surface::by_name("code-mode-typed", None).unwrap().as_ref(), &spec);
    let d = r.tools[0]["function"]["description"].as_str().unwrap();
    // Component schemas are declared once and referred to by name; recursion is a recursive type.
    assert!(
        d.contains("type Category = {\n  name?: string;\n  parent?: Category;\n};"),
        "{d}"
    );
    assert!(d.contains("type Pet = NewPet & {\n  id: number;\n};"), "{d}");
    assert!(d.contains("  tag?: string | null;"), "{d}");
    assert!(
        d.contains("type ListPetsInput = {\n  /** How many to return */\n  limit?: number;"),
        "{d}"
    );
    assert!(d.contains("  listPets(input?: ListPetsInput): Promise<Pet[]>;"), "{d}");
    assert!(d.contains("  createPet(input: CreatePetInput): Promise<Pet>;"), "{d}");
    assert!(
        d.contains("  getPetsPetId(input: GetPetsPetIdInput): Promise<Pet>;"),
        "{d}"
    );
    assert!(
        d.contains("  createPet2(input: CreatePet2Input): Promise<unknown>;"),
        "{d}"
    );
    assert!(d.contains("  \"X-Request-Id\"?: string;"), "{d}");
    assert!(d.contains("return await api.listPets();"), "{d}");
}

#[test]
fn tool_search_finds_operations_by_intent() {
    use harness::surface::tool_search::ToolIndex;
    let spec = load("petstore-3.0.json");
    let index = ToolIndex::new(&spec);
    let names = |q: &str, k: usize| -> Vec<String> {
        index
            .search(q, k)
            .into_iter()
            .map(|i| index.tool_name(i).to_string())
            .collect()
    };
    assert_eq!(names("create a new pet", 1), vec!["createPet"]);
    assert_eq!(names("list pets", 1), vec!["listPets"]);
    assert_eq!(
        names("inventory summary of a store", 1)[0],
        "stores_inventory_summary_get-the-inventory-summary-of-o_e125c2be"
    );
    assert!(names("zzz unknown words", 5).is_empty());
    // Definitions returned to the model are the json-tools ones, byte for byte.
    let defs = index.definitions(&spec, &index.search("create pet", 1));
    let full = Rendered::new(surface::by_name("json-tools", Some("full")).unwrap().as_ref(), &spec);
    assert_eq!(defs[0], full.tools[1]);
    let start = Rendered::new(surface::by_name("tool-search", None).unwrap().as_ref(), &spec);
    assert_eq!(start.tools.len(), 1);
    assert_eq!(start.tools[0]["function"]["name"], "search_tools");
}
