//! The shared benchmark workload (shared/bench): the plan in `benches/workload/plan.toml`
//! reproduces the generator's exact verdict counts. `tests/data/workload-2000.csv` and its
//! expected counts were written by `gen_data.py --products 2000` (seed 20260501), whose
//! counts come from the generator's own zones, not from duibiao.

use duibiao::verdict::Class;
use duibiao::{product, Plan};

#[test]
fn counts_equal_the_generators() {
    let root = env!("CARGO_MANIFEST_DIR");
    let plan = std::fs::read_to_string(format!("{root}/benches/workload/plan.toml")).unwrap();
    let engine = Plan::from_toml_str(&plan).unwrap().compile().unwrap();
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{root}/tests/data/workload-2000.expected.json")).unwrap(),
    )
    .unwrap();
    let file = std::fs::File::open(format!("{root}/tests/data/workload-2000.csv")).unwrap();
    let (mut leader, mut follower, mut gap) = (0u64, 0u64, 0u64);
    for p in product::read_csv(file) {
        match engine.evaluate(&p.unwrap()).unwrap().class {
            Class::Leader => leader += 1,
            Class::Follower => follower += 1,
            _ => gap += 1,
        }
    }
    assert_eq!(expected["n"], 2000);
    assert_eq!(leader, expected["counts"]["leader"].as_u64().unwrap());
    assert_eq!(follower, expected["counts"]["follower"].as_u64().unwrap());
    assert_eq!(gap, expected["counts"]["gap"].as_u64().unwrap());
}

#[test]
fn the_fast_path_and_its_batches_agree_with_the_exact_path() {
    let root = env!("CARGO_MANIFEST_DIR");
    let plan = std::fs::read_to_string(format!("{root}/benches/workload/plan.toml")).unwrap();
    let engine = Plan::from_toml_str(&plan).unwrap().compile().unwrap();
    let fast = engine.classifier().unwrap();
    let file = std::fs::File::open(format!("{root}/tests/data/workload-2000.csv")).unwrap();
    let products: Vec<_> = product::read_csv(file).map(Result::unwrap).collect();
    let exact: Vec<Class> = products
        .iter()
        .map(|p| engine.evaluate(p).unwrap().class)
        .collect();
    let prepared: Vec<_> = products
        .iter()
        .map(|p| fast.prepare(p).unwrap().unwrap())
        .collect();
    assert_eq!(fast.class_batch(&prepared), exact);
    let mut out = vec![Class::Gap; prepared.len()];
    fast.class_into(&prepared, &mut out);
    assert_eq!(out, exact);
    #[cfg(feature = "rayon")]
    assert_eq!(fast.class_batch_parallel(&prepared), exact);
}
