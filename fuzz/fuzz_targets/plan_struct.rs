//! Structure-aware: a plan and products built from `arbitrary` shapes (`common/mod.rs`), read,
//! checked, compiled and evaluated on every path. The laws: every fault is located inside the
//! text; a plan's JSON reads back with the same check; a plan that checks clean compiles; the
//! CSV and the JSON of the same products get the same verdicts; the fast path's class is the
//! exact one; the ranking does not depend on the order of the products.
#![no_main]

#[path = "common/mod.rs"]
mod common;

use arbitrary::Unstructured;
use duibiao::rank::Ranker;
use duibiao::stream::Source;
use duibiao::{Limits, Plan};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Some(shape) = common::take::<common::PlanShape>(&mut u) else {
        return;
    };
    let text = shape.toml();
    let Ok(plan) = Plan::from_toml_str(&text) else {
        return;
    };
    let report = plan.check_in(&text);
    let lines = text.lines().count() + 1;
    for fault in &report.faults {
        if let Some(line) = fault.line {
            assert!(line <= lines, "fault at line {line} of {lines}: {fault}\n{text}");
        }
    }
    let json = plan.to_json_string().expect("a plan writes as JSON");
    let again = Plan::from_json_str(&json).expect("a plan's JSON reads back");
    assert_eq!(again.check().is_ok(), report.is_ok(), "{text}");
    let engine = match plan.compile() {
        Ok(engine) => engine,
        Err(e) => {
            assert!(!report.is_ok(), "a plan that checks clean does not compile: {e}\n{text}");
            return;
        }
    };
    let ids = shape.ids();
    let units: Vec<usize> = shape.indicators.iter().map(|i| usize::from(i.unit)).collect();
    let products: Vec<common::ProductShape> = (0..6).filter_map(|_| common::take(&mut u)).collect();
    let (csv, json) = common::products(&products, &ids, &units);
    let limits = Limits::default();
    let (Ok(from_csv), Ok(from_json)) = (
        Source::csv(csv.as_bytes(), &engine, &limits),
        Source::json(json.as_bytes(), &engine, &limits),
    ) else {
        return;
    };
    let by_csv: Vec<_> = from_csv.verdicts(&engine).collect();
    let by_json: Vec<_> = from_json.verdicts(&engine).collect();
    assert_eq!(by_csv.len(), by_json.len());
    for (c, j) in by_csv.iter().zip(&by_json) {
        match (c, j) {
            (Ok(c), Ok(j)) => assert_eq!(c.class, j.class, "CSV and JSON disagree on {}\n{text}\n{csv}", c.product),
            (Err(_), Err(_)) => {}
            (c, j) => panic!("CSV {c:?} but JSON {j:?}\n{text}\n{csv}"),
        }
    }
    let fast: Vec<_> = Source::csv(csv.as_bytes(), &engine, &limits)
        .expect("read above")
        .summaries(&engine)
        .collect();
    for (s, v) in fast.iter().zip(&by_csv) {
        if let (Ok(s), Ok(v)) = (s, v) {
            assert_eq!(s.class, v.class, "fast and exact disagree on {}\n{text}\n{csv}", v.product);
        }
    }
    let mut verdicts: Vec<_> = by_csv.into_iter().flatten().collect();
    verdicts.sort_by(|a, b| a.product.cmp(&b.product));
    verdicts.dedup_by(|a, b| a.product == b.product);
    if let Ok(ranker) = Ranker::new(&engine) {
        let forward = ranker.rank(&verdicts);
        verdicts.reverse();
        let backward = ranker.rank(&verdicts);
        match (forward, backward) {
            (Ok(f), Ok(b)) => assert_eq!(f, b, "the ranking depends on the order of the products"),
            (Err(_), Err(_)) => {}
            (f, b) => panic!("the ranking depends on the order: {f:?} / {b:?}"),
        }
    }
});
