//! The harness on real, large API descriptions from `../shared/specs/` (skipped when absent).

use harness::spec::{Spec, SpecFormat};
use harness::surface;
use harness::tokens::Encoding;
use std::path::PathBuf;

fn shared_spec(file: &str) -> Option<Spec> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/specs")
        .join(file);
    if !path.exists() {
        eprintln!(
            "skipped: {} not found (the real specs live in ../shared/specs beside the repository)",
            path.display()
        );
        return None;
    }
    Some(Spec::load(&path).unwrap_or_else(|e| panic!("{e}")))
}

#[test]
fn cloudflare_reproduces_the_headline_gap() {
    let Some(spec) = shared_spec("cloudflare_openapi_2024-08-06.json") else {
        return;
    };
    assert_eq!(spec.format, SpecFormat::OpenApi30);
    assert_eq!(spec.operations.len(), 1_533);
    assert_eq!(spec.paths, 965);
    assert_eq!(spec.operations.iter().filter(|o| o.operation_id_synthesized).count(), 0);
    let sizes = surface::measure_all(&spec, Encoding::O200kBase);
    let tokens = |name: &str, variant: &str| {
        sizes
            .iter()
            .find(|s| s.name == name && s.variant == variant)
            .map(|s| s.tokens)
            .unwrap()
    };
    // Python tiktoken agrees with these exactly (scripts/tiktoken-crosscheck.py).
    assert_eq!(tokens("json-tools", "full"), 1_007_472);
    assert_eq!(tokens("json-tools", "required-only"), 292_689);
    assert_eq!(tokens("code-mode", "default"), 889);
    assert!(tokens("code-mode", "default") < 1_500);
    let cuts = spec.inline_stats.snapshot();
    assert_eq!((cuts.depth_cut, cuts.size_cut), (0, 0), "{cuts:?}");
}

#[test]
fn github_loads_and_measures() {
    let Some(spec) = shared_spec("github_api.github.com_octokit-openapi-23.0.2.json") else {
        return;
    };
    assert_eq!(spec.operations.len(), 1_223);
    assert_eq!(spec.paths, 811);
    let sizes = surface::measure_all(&spec, Encoding::O200kBase);
    assert_eq!(sizes[0].tools, 1_223);
    assert!(sizes[2].tokens < 1_500, "code-mode stays small: {}", sizes[2].tokens);
    assert!(sizes[0].tokens > 100 * sizes[2].tokens);
}

#[test]
fn stripe_yaml_loads_and_stays_bounded() {
    let Some(spec) = shared_spec("stripe_spec3_2023-09-12.yaml") else {
        return;
    };
    assert_eq!(spec.format, SpecFormat::OpenApi30);
    assert_eq!(spec.operations.len(), 468);
    assert_eq!(spec.paths, 318);
    assert!(spec.refs.recursive.len() > 50, "Stripe's schemas are densely recursive");
    let sizes = surface::measure_all(&spec, Encoding::O200kBase);
    // Densely linked schemas must not blow up any surface.
    for s in &sizes {
        assert!(s.bytes < 5_000_000, "{} {} is {} bytes", s.name, s.variant, s.bytes);
    }
}

#[test]
fn tool_search_ranks_real_operations() {
    use harness::surface::tool_search::ToolIndex;
    let Some(spec) = shared_spec("cloudflare_openapi_2024-08-06.json") else {
        return;
    };
    let index = ToolIndex::new(&spec);
    let top = |q: &str| -> Vec<String> {
        index
            .search(q, 3)
            .into_iter()
            .map(|i| spec.operations[i].operation_id.clone())
            .collect()
    };
    for (query, expected) in [
        ("list DNS records of a zone", "dns-records-for-a-zone-list-dns-records"),
        ("purge cached content", "zone-purge"),
        (
            "create a worker KV namespace",
            "workers-kv-namespace-create-a-namespace",
        ),
    ] {
        let got = top(query);
        assert!(
            got.iter().any(|g| g == expected),
            "{query:?}: expected {expected} in the top 3, got {got:?}"
        );
    }
}
