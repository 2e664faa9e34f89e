//! What `docs/stability.md` promises: every public type is `Send + Sync`; a plan written for
//! schema version 1 loads in every later version and gives the same verdicts; evaluation is
//! deterministic whatever the order of the products or of the columns.

use duibiao::decision::{Evidence, GuardBandFactor, Zone};
use duibiao::engine::{Classifier, FastOutcome, Prepared};
use duibiao::indicator::{Band, Bands, Grade, Tolerance};
use duibiao::plan::{Fault, MissingPolicy, PlanStandard, Policy, Report, Role, Severity};
use duibiao::product::Value;
use duibiao::rounding::Mark;
use duibiao::verdict::{
    GradeReached, IndicatorVerdict, LevelRequirement, Margin, PolicyApplied,
    StandardIndicatorVerdict, StandardOutcome, StandardVerdict,
};
use duibiao::*;

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn every_public_type_is_send_and_sync() {
    // The crate root.
    assert_send_sync::<Adoption>();
    assert_send_sync::<AdoptionDegree>();
    assert_send_sync::<Amendment>();
    assert_send_sync::<AmendmentKind>();
    assert_send_sync::<Bound>();
    assert_send_sync::<Class>();
    assert_send_sync::<Conformity>();
    assert_send_sync::<DecisionRule>();
    assert_send_sync::<Dimension>();
    assert_send_sync::<Direction>();
    assert_send_sync::<Engine>();
    assert_send_sync::<Error>();
    assert_send_sync::<Family>();
    assert_send_sync::<Indicator>();
    assert_send_sync::<IndicatorClass>();
    assert_send_sync::<Interval>();
    assert_send_sync::<Judgement>();
    assert_send_sync::<Level>();
    assert_send_sync::<Limit>();
    assert_send_sync::<Limits>();
    assert_send_sync::<Measurement>();
    assert_send_sync::<Method>();
    assert_send_sync::<Names>();
    assert_send_sync::<Outcome>();
    assert_send_sync::<Plan>();
    assert_send_sync::<Product>();
    assert_send_sync::<Quantity>();
    assert_send_sync::<QuantityKind>();
    assert_send_sync::<ReportedValue>();
    assert_send_sync::<Rounding>();
    assert_send_sync::<RoundingMode>();
    assert_send_sync::<Standard>();
    assert_send_sync::<StandardCode>();
    assert_send_sync::<StandardCodeParts>();
    assert_send_sync::<StandardKind>();
    assert_send_sync::<Status>();
    assert_send_sync::<Strictness>();
    assert_send_sync::<Unit>();
    assert_send_sync::<Verdict>();
    // The modules.
    assert_send_sync::<Evidence>();
    assert_send_sync::<GuardBandFactor>();
    assert_send_sync::<Zone>();
    assert_send_sync::<Classifier>();
    assert_send_sync::<FastOutcome>();
    assert_send_sync::<Prepared>();
    assert_send_sync::<Band>();
    assert_send_sync::<Bands>();
    assert_send_sync::<Grade>();
    assert_send_sync::<Tolerance>();
    assert_send_sync::<Fault>();
    assert_send_sync::<MissingPolicy>();
    assert_send_sync::<PlanStandard>();
    assert_send_sync::<Policy>();
    assert_send_sync::<Report>();
    assert_send_sync::<Role>();
    assert_send_sync::<Severity>();
    assert_send_sync::<Value>();
    assert_send_sync::<Mark>();
    assert_send_sync::<GradeReached>();
    assert_send_sync::<IndicatorVerdict>();
    assert_send_sync::<LevelRequirement>();
    assert_send_sync::<Margin>();
    assert_send_sync::<PolicyApplied>();
    assert_send_sync::<StandardIndicatorVerdict>();
    assert_send_sync::<StandardOutcome>();
    assert_send_sync::<StandardVerdict>();
}

const NAMES: [&str; 3] = [
    "smart-toilet",
    "room-air-conditioner",
    "steel-and-caustic-soda",
];

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The plans as schema version 1 was first written, frozen in `tests/data/schema-v1/` (TOML and
/// JSON): they load and check clean in this version, and give the verdicts of the golden files
/// that the example plans give.
#[test]
fn schema_version_1_plans_still_load_and_judge_alike() {
    assert!(plan::SCHEMA_VERSIONS.contains(&1));
    for name in NAMES {
        let toml =
            Plan::from_toml_str(&read(&format!("tests/data/schema-v1/{name}.toml"))).unwrap();
        let json =
            Plan::from_json_str(&read(&format!("tests/data/schema-v1/{name}.json"))).unwrap();
        assert_eq!(toml, json, "{name}");
        assert_eq!(toml.schema_version, 1);
        assert!(toml.check().is_ok(), "{name}: {}", toml.check());
        let frozen = toml.compile().unwrap();
        // An example rewritten since, to say what its standard says (the air conditioner's
        // requirements per band, 0.2.0), changed its verdicts: the frozen plan still gives
        // the verdicts the example gave when it was frozen.
        let verdicts = format!("tests/data/schema-v1/{name}.verdicts.json");
        // Frozen before verdicts carried `schema-version`: they say the same without it, and
        // read back (a missing version reads as 1) they are the verdicts given now.
        if std::path::Path::new(&verdicts).exists() {
            let text = read(&verdicts);
            let old: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
            let mut got = Vec::new();
            for (p, old) in products(name).iter().zip(&old) {
                got.push(match frozen.evaluate(p) {
                    Ok(v) => {
                        let back: duibiao::Verdict = serde_json::from_value(old.clone()).unwrap();
                        assert_eq!(back, v, "{name}: {}", p.id);
                        let mut v = serde_json::to_value(v).unwrap();
                        assert_eq!(
                            v.as_object_mut().unwrap().remove("schema-version"),
                            Some(1.into())
                        );
                        v
                    }
                    Err(e) => serde_json::json!({ "error": e.to_string() }),
                });
            }
            assert_eq!(old.len(), products(name).len(), "{name}");
            assert_eq!(
                serde_json::to_string_pretty(&got).unwrap() + "\n",
                text,
                "{name}"
            );
            continue;
        }
        let current = Plan::from_toml_str(&read(&format!("examples/plans/{name}.toml")))
            .unwrap()
            .compile()
            .unwrap();
        for product in products(name) {
            assert_eq!(
                json_of(&frozen.evaluate(&product)),
                json_of(&current.evaluate(&product)),
                "{name}: {}",
                product.id
            );
        }
    }
}

fn products(name: &str) -> Vec<Product> {
    let text = read(&format!("examples/plans/{name}.products.csv"));
    product::read_csv(text.as_bytes())
        .map(|r| r.unwrap())
        .collect()
}

fn json_of(v: &Result<Verdict, Error>) -> String {
    match v {
        Ok(v) => serde_json::to_string(v).unwrap(),
        Err(e) => format!("error: {e}"),
    }
}

/// A permutation of `0..n` from a seed (a small LCG: no dependency, the same on every machine).
fn permutation(n: usize, seed: u64) -> Vec<usize> {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let j = (state >> 33) as usize % (i + 1);
        order.swap(i, j);
    }
    order
}

/// Evaluates a products CSV text; returns each product's verdict JSON, sorted by product id.
fn verdicts(engine: &Engine, csv: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = product::read_csv(csv.as_bytes())
        .map(|r| {
            let p = r.unwrap();
            (p.id.clone(), json_of(&engine.evaluate(&p)))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn shuffled_products_files_give_byte_identical_verdicts() {
    for name in NAMES {
        let engine = Plan::from_toml_str(&read(&format!("examples/plans/{name}.toml")))
            .unwrap()
            .compile()
            .unwrap();
        let text = read(&format!("examples/plans/{name}.products.csv"));
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
        assert!(
            rows.iter().all(|r| r.len() == header.len()),
            "{name}: plain CSV"
        );
        let expected = verdicts(&engine, &text);
        assert_eq!(expected.len(), rows.len());

        for seed in 0..8 {
            // Rows shuffled, and the indicator columns shuffled behind the id column.
            let row_order = permutation(rows.len(), seed);
            let mut columns = vec![0];
            columns.extend(
                permutation(header.len() - 1, seed + 100)
                    .iter()
                    .map(|c| c + 1),
            );
            let line = |cells: &[&str]| {
                columns
                    .iter()
                    .map(|&c| cells[c])
                    .collect::<Vec<_>>()
                    .join(",")
            };
            let mut shuffled = line(&header) + "\n";
            for &r in &row_order {
                shuffled.push_str(&line(&rows[r]));
                shuffled.push('\n');
            }
            assert_eq!(
                verdicts(&engine, &shuffled),
                expected,
                "{name}, seed {seed}"
            );

            // The batch entry point gives the same, in input order.
            let products: Vec<Product> = product::read_csv(shuffled.as_bytes())
                .map(|r| r.unwrap())
                .collect();
            let mut batch: Vec<(String, String)> = products
                .iter()
                .zip(engine.evaluate_batch(&products))
                .map(|(p, v)| (p.id.clone(), json_of(&v)))
                .collect();
            batch.sort();
            assert_eq!(batch, expected, "{name}, seed {seed}, batch");
        }
    }
}

/// The library holds no `HashMap` or `HashSet` whose iteration order could reach an output
/// (the one `HashMap`, the unit table's index, is only looked up).
#[test]
fn no_hash_map_iteration_in_the_library() {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if !path.ends_with("bin") {
                    walk(&path, out);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(std::path::Path::new("src"), &mut files);
    files.sort();
    let mut uses = Vec::new();
    for f in &files {
        for (i, line) in read(f.to_str().unwrap()).lines().enumerate() {
            if line.contains("HashMap") || line.contains("HashSet") {
                uses.push(format!("{}:{}", f.display(), i + 1));
            }
        }
    }
    assert!(
        uses.iter().all(|u| u.starts_with("src/unit/table.rs:")),
        "hash maps outside the unit table's index: {uses:?}"
    );
}
