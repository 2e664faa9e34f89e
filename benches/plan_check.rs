//! `plan_check/*`: reading and checking plans full of faults, the shape of the findings'
//! `faults_NxM` reproducers: N indicators, each with 1000 requirement keys `k0 = ""` … that
//! are no standard number, so every key is a fault. Generated here; every benchmark checks the
//! fault count inside the loop.
//!
//! - `plan_check/read_toml/{0.1,1,4} MB`: [`Plan::read_toml`] (one parse, the check, each kept
//!   fault located by line, column and span). The time must grow linearly with the size.
//! - `plan_check/read_json/{0.1,1,4} MB`: the same plans as JSON, [`Plan::read_json`].
//! - `plan_check/parse_toml/4 MB` and `plan_check/check/4 MB`: the two halves of the 4 MB case.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use duibiao::{Limits, Plan};

/// `indicators` indicators, each with 1000 requirement keys that are no standard number.
fn faults_plan(indicators: usize) -> String {
    let mut text = String::from(
        "schema_version = 1\ncategory = { zh = \"智能坐便器\", en = \"smart toilet\" }\n\n[[standards]]\ncode = \"Q/ABC 001-2024\"\nrole = \"subject\"\n\n[[standards]]\ncode = \"T/CZGX 001-2022\"\nrole = \"benchmark\"\n",
    );
    for i in 0..indicators {
        text.push_str(&format!(
            "\n[[indicators]]\nid = \"i{i}\"\nunit = \"L\"\ndirection = \"lower-is-better\"\n[indicators.requirements]\n"
        ));
        for k in 0..1000 {
            text.push_str(&format!("k{k} = \"\"\n"));
        }
    }
    text
}

/// The faults of `indicators` such indicators: one a key, and the benchmark that states no
/// requirement.
fn faults_in(indicators: usize) -> usize {
    indicators * 1000 + 1
}

fn bench_read(c: &mut Criterion) {
    let limits = Limits::default();
    let mut group = c.benchmark_group("plan_check");
    group.sample_size(10);
    for (label, indicators) in [("0.1 MB", 10), ("1 MB", 100), ("4 MB", 400)] {
        let toml = faults_plan(indicators);
        // Compact JSON, so the JSON plan is no larger than the TOML one.
        let plan = Plan::from_toml_str(&toml).expect("the plan reads");
        let json = serde_json::to_string(&plan).expect("the plan writes");
        let want = faults_in(indicators);
        group.throughput(Throughput::Bytes(toml.len() as u64));
        group.bench_with_input(BenchmarkId::new("read_toml", label), &toml, |b, text| {
            b.iter(|| {
                let (_, report) = Plan::read_toml(black_box(text), &limits).expect("reads");
                assert_eq!(report.faults.len() + report.omitted(), want);
                assert_eq!(report.faults.len(), limits.faults);
                assert!(report.faults.iter().all(|f| f.span.is_some()));
            });
        });
        group.throughput(Throughput::Bytes(json.len() as u64));
        group.bench_with_input(BenchmarkId::new("read_json", label), &json, |b, text| {
            b.iter(|| {
                let (_, report) = Plan::read_json(black_box(text), &limits).expect("reads");
                assert_eq!(report.faults.len() + report.omitted(), want);
                assert!(report.faults.iter().all(|f| f.span.is_some()));
            });
        });
        if indicators == 400 {
            group.bench_with_input(BenchmarkId::new("parse_toml", label), &toml, |b, text| {
                b.iter(|| {
                    let plan = Plan::from_toml_str(black_box(text)).expect("reads");
                    assert_eq!(plan.indicators.len(), indicators);
                });
            });
            let plan = Plan::from_toml_str(&toml).expect("reads");
            group.bench_with_input(BenchmarkId::new("check", label), &plan, |b, plan| {
                b.iter(|| {
                    let report = black_box(plan).check();
                    assert_eq!(report.faults.len() + report.omitted(), want);
                });
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_read);
criterion_main!(benches);
