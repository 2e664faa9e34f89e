//! Golden files: the verdicts of the example plans are committed; a change that alters any
//! verdict fails here. Rewrite them deliberately with `UPDATE_GOLDEN=1 cargo test --test golden`
//! and review the diff.

use duibiao::{product, Plan};

fn root(path: &str) -> String {
    format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))
}

fn check(name: &str, actual: &str) {
    let path = root(&format!("tests/golden/{name}"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e} (run with UPDATE_GOLDEN=1 to create it)"));
    assert!(expected == actual, "{name} changed; if intended, run UPDATE_GOLDEN=1 cargo test --test golden and review the diff");
}

fn verdicts(plan: &str, products: &str) -> String {
    let plan = Plan::from_toml_str(&std::fs::read_to_string(root(plan)).unwrap()).unwrap();
    let engine = plan.compile().unwrap();
    let file = std::fs::File::open(root(products)).unwrap();
    let verdicts: Vec<serde_json::Value> = product::read_csv(file)
        .map(|p| match p.and_then(|p| engine.evaluate(&p)) {
            Ok(v) => serde_json::to_value(v).unwrap(),
            Err(e) => serde_json::json!({ "error": e.to_string() }),
        })
        .collect();
    serde_json::to_string_pretty(&verdicts).unwrap() + "\n"
}

#[test]
fn demo_products_verdicts() {
    check(
        "smart-toilet.demo.json",
        &verdicts(
            "examples/plans/smart-toilet.toml",
            "examples/demo/products.csv",
        ),
    );
}

#[test]
fn example_products_verdicts() {
    for name in [
        "smart-toilet",
        "room-air-conditioner",
        "steel-and-caustic-soda",
        "led-lamp",
    ] {
        check(
            &format!("{name}.products.json"),
            &verdicts(
                &format!("examples/plans/{name}.toml"),
                &format!("examples/plans/{name}.products.csv"),
            ),
        );
    }
}

#[test]
fn subject_standards_verdicts() {
    for name in [
        "smart-toilet",
        "room-air-conditioner",
        "steel-and-caustic-soda",
    ] {
        let plan = Plan::from_toml_str(
            &std::fs::read_to_string(root(&format!("examples/plans/{name}.toml"))).unwrap(),
        )
        .unwrap();
        let v = plan.compile().unwrap().compare_standards().unwrap();
        check(
            &format!("{name}.compare.json"),
            &(serde_json::to_string_pretty(&v).unwrap() + "\n"),
        );
    }
}
