//! Outputs read back: every output type written to JSON and read again is the same value, and
//! written again is the same text, byte for byte. Verdicts (and their summaries), rankings and
//! standards' verdicts of random plans and products (the differential oracle's generator,
//! `tests/oracle/mod.rs`), the products themselves, judgements' evidence, and the golden files.

mod common;

mod oracle;

use std::fmt::Debug;

use duibiao::decision::{judge_with, DecisionRule, Evidence};
use duibiao::engine::Stated;
use duibiao::rank::{Ranker, Ranking};
use duibiao::verdict::{StandardVerdict, Summary};
use duibiao::{product, Measurement, Plan, Product, Verdict};
use oracle::{Cell, Rng};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Written, read back and written again: the same value and the same text (compact and
/// pretty). With `versioned`, `schema-version` is the first key.
fn round_trip<T>(x: &T, versioned: bool) -> Result<(), TestCaseError>
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let text = serde_json::to_string(x).unwrap();
    let back: T =
        serde_json::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
    prop_assert_eq!(&back, x, "{}", text);
    prop_assert_eq!(serde_json::to_string(&back).unwrap(), text.clone());
    let pretty = serde_json::to_string_pretty(x).unwrap();
    let back: T = serde_json::from_str(&pretty).unwrap();
    prop_assert_eq!(serde_json::to_string_pretty(&back).unwrap(), pretty);
    if versioned {
        prop_assert!(text.starts_with("{\"schema-version\":1,"), "{}", text);
    }
    Ok(())
}

/// One random plan with its products: every output made from them round-trips.
/// The number of verdicts, standards' verdicts and rankings checked.
fn check_seed(seed: u64) -> Result<[usize; 3], TestCaseError> {
    let mut rng = Rng::new(seed);
    let plan = oracle::gen_plan(&mut rng);
    let Ok(compiled) = oracle::compile(&plan) else {
        return Ok([0; 3]);
    };
    let engine = &compiled.engine;
    let mut verdicts = Vec::new();
    let (mut standards, mut rankings) = (0, 0);
    for gp in oracle::gen_products(&mut rng, &plan, 6) {
        let Ok(p) = gp.product(&plan) else { continue };
        round_trip(&p, false)?;
        let Ok(v) = engine.evaluate(&p) else { continue };
        round_trip(&v, true)?;
        round_trip(&Summary::of(&v), true)?;
        // A standard stating each numeric value as its upper limit.
        let requirements = plan
            .indicators
            .iter()
            .zip(&gp.cells)
            .filter_map(|(ind, cell)| match cell {
                Cell::Num { x, .. } => {
                    Some((ind.id.clone(), format!("≤ {x}").parse::<Stated>().ok()?))
                }
                _ => None,
            })
            .collect();
        if let Ok(s) = engine.evaluate_standard("Q/RT 1-2026", &requirements) {
            round_trip(&s, true)?;
            standards += 1;
        }
        verdicts.push(v);
    }
    if let Ok(ranker) = Ranker::new(engine) {
        if let Ok(r) = ranker.rank(&verdicts) {
            round_trip(&r, true)?;
            rankings += 1;
        }
    }
    if let Ok(s) = engine.compare_standards() {
        round_trip(&s, true)?;
        standards += 1;
    }
    Ok([verdicts.len(), standards, rankings])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn outputs_of_random_plans_round_trip(seed in any::<u64>()) {
        check_seed(seed)?;
    }

    #[test]
    fn evidence_round_trips(
        x in -100_000i64..100_000, scale in 0u32..4, u in proptest::option::of(0i64..500),
        bound in -100_000i64..100_000, rule in 0usize..4,
    ) {
        let x = rust_decimal::Decimal::new(x, scale);
        let text = match u {
            Some(u) => format!("{x} ± {}", rust_decimal::Decimal::new(u, scale)),
            None => x.to_string(),
        };
        let m: Measurement = text.parse().unwrap();
        let limit = format!("≤ {}", rust_decimal::Decimal::new(bound, 1)).parse().unwrap();
        let rule = [
            DecisionRule::Simple,
            DecisionRule::guarded_acceptance(),
            "guarded-rejection (r = 0.5)".parse().unwrap(),
            DecisionRule::non_binary(),
        ][rule];
        if let Ok(e) = judge_with(m, &limit, rule) {
            round_trip::<Evidence>(&e, false)?;
        }
    }
}

/// Enough random plans compile and give verdicts for the property above to mean something.
#[test]
fn the_random_plans_give_verdicts() {
    let mut n = [0; 3];
    for seed in 0..40u64 {
        let k = check_seed(seed).unwrap();
        for (n, k) in n.iter_mut().zip(k) {
            *n += k;
        }
    }
    let [verdicts, standards, rankings] = n;
    assert!(verdicts > 60, "{verdicts} verdicts from 40 plans");
    assert!(
        standards > 20,
        "{standards} standards' verdicts from 40 plans"
    );
    assert!(rankings > 10, "{rankings} rankings from 40 plans");
}

fn root(path: &str) -> String {
    format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))
}

/// The golden verdicts read back are the verdicts the examples give now.
#[test]
fn golden_files_read_back_into_the_verdicts() {
    for name in [
        "smart-toilet",
        "room-air-conditioner",
        "steel-and-caustic-soda",
        "led-lamp",
    ] {
        let plan = Plan::from_toml_str(
            &std::fs::read_to_string(root(&format!("examples/plans/{name}.toml"))).unwrap(),
        )
        .unwrap();
        let engine = plan.compile().unwrap();
        let golden: Vec<serde_json::Value> = serde_json::from_str(
            &std::fs::read_to_string(root(&format!("tests/golden/{name}.products.json"))).unwrap(),
        )
        .unwrap();
        let file =
            std::fs::File::open(root(&format!("examples/plans/{name}.products.csv"))).unwrap();
        let products: Vec<_> = product::read_csv(file).collect();
        assert_eq!(products.len(), golden.len(), "{name}");
        let mut read = 0;
        for (p, g) in products.into_iter().zip(golden) {
            let Ok(v) = p.and_then(|p| engine.evaluate(&p)) else {
                assert!(g.get("error").is_some(), "{name}");
                continue;
            };
            let back: Verdict = serde_json::from_value(g).unwrap();
            assert_eq!(back, v, "{name}: {}", v.product);
            read += 1;
        }
        assert!(read > 0, "{name}");
        if name != "led-lamp" {
            let golden: StandardVerdict = serde_json::from_str(
                &std::fs::read_to_string(root(&format!("tests/golden/{name}.compare.json")))
                    .unwrap(),
            )
            .unwrap();
            assert_eq!(golden, engine.compare_standards().unwrap(), "{name}");
            let report: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(root(&format!("tests/snapshots/{name}.json"))).unwrap(),
            )
            .unwrap();
            let ranking: Ranking = serde_json::from_value(report["ranking"].clone()).unwrap();
            assert!(!ranking.ranked.is_empty(), "{name}");
        }
    }
}

/// A product written as JSON is an entry of a products file, read back by the products reader.
#[test]
fn a_product_is_written_as_a_products_file_entry() {
    let p = Product::new("P1")
        .with("flush-water", "3.9 L")
        .unwrap()
        .with("safety", "pass")
        .unwrap();
    let text = serde_json::to_string(&p).unwrap();
    assert_eq!(
        text,
        r#"{"id":"P1","values":{"flush-water":"3.9 L","safety":"pass"}}"#
    );
    let read: Vec<Product> = product::read_json(&format!("[{text}]"))
        .unwrap()
        .into_iter()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(read, std::slice::from_ref(&p));
    let with = p.with_attribute("plant", "new");
    assert_eq!(
        serde_json::to_string(&with).unwrap(),
        r#"{"id":"P1","values":{"flush-water":"3.9 L","safety":"pass"},"attributes":{"plant":"new"}}"#
    );
    let back: Product = serde_json::from_str(&serde_json::to_string(&with).unwrap()).unwrap();
    assert_eq!(back, with);
    // Written before values were text: a qualitative value as a JSON boolean.
    let old: Product = serde_json::from_str(r#"{"id":"P1","values":{"safety":false}}"#).unwrap();
    assert_eq!(old, Product::new("P1").with("safety", "fail").unwrap());
}

/// A report of each example plan (with its ranking, standards, indicators and subject
/// standard's comparison), written, read back and written again: the same report, the same
/// bytes; the streaming report writes the same bytes as the report it stands for, and each
/// committed report snapshot reads back into the report the example gives now.
#[test]
fn reports_read_back_into_the_reports() {
    use duibiao::report::{Report, ReportBuilder};
    for name in [
        "smart-toilet",
        "room-air-conditioner",
        "steel-and-caustic-soda",
        "led-lamp",
    ] {
        let plan = Plan::from_toml_str(
            &std::fs::read_to_string(root(&format!("examples/plans/{name}.toml"))).unwrap(),
        )
        .unwrap();
        let engine = plan.compile().unwrap();
        let file =
            std::fs::File::open(root(&format!("examples/plans/{name}.products.csv"))).unwrap();
        let verdicts: Vec<Verdict> = product::read_csv(file)
            .filter_map(|p| p.and_then(|p| engine.evaluate(&p)).ok())
            .collect();
        let ranker = Ranker::new(&engine).unwrap();
        let ranking = ranker.rank(&verdicts).unwrap();
        let report = Report::new(engine.category(), &verdicts, Some(&ranking))
            .with_names(&plan)
            .with_plan(&engine)
            .unwrap()
            .dated("2026-12-01");
        round_trip(&report, true).unwrap();
        let text = report.to_json().unwrap();
        let back: Report = serde_json::from_str(&text).unwrap();
        assert_eq!(back, report, "{name}");
        assert_eq!(back.to_json().unwrap(), text, "{name}");
        let mut builder = ReportBuilder::new(engine.category()).ranked_by(&ranker);
        for v in &verdicts {
            builder.push(v).unwrap();
        }
        let compact = builder
            .finish()
            .unwrap()
            .with_names(&plan)
            .with_plan(&engine)
            .unwrap()
            .dated("2026-12-01");
        let mut streamed = Vec::new();
        compact.write_json(&mut streamed).unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), text, "{name}");
        if name != "led-lamp" {
            let snapshot: Report = serde_json::from_str(
                &std::fs::read_to_string(root(&format!("tests/snapshots/{name}.json"))).unwrap(),
            )
            .unwrap();
            assert_eq!(snapshot, report, "{name}");
        }
        // Written before the field existed: a report without `schema-version` reads as 1.
        let mut old: serde_json::Value = serde_json::from_str(&text).unwrap();
        old.as_object_mut().unwrap().remove("schema-version");
        let old: Report = serde_json::from_value(old).unwrap();
        assert_eq!(old, report, "{name}");
    }
}
