//! `plan_check/*`: reading and checking plans full of faults, the shape of the findings'
//! `faults_NxM` reproducers: N indicators, each with 1000 requirement keys `k0 = ""` … that
//! are no standard number, so every key is a fault. Generated here; every benchmark checks the
//! fault count inside the loop.
//!
//! - `plan_check/read_toml/{0.1,1,4} MB`: [`Plan::read_toml`] (one parse, the check, each kept
//!   fault located by line, column and span). The time must grow linearly with the size.
//! - `plan_check/read_json/{0.1,1,4} MB`: the same plans as JSON, [`Plan::read_json`].
//! - `plan_check/parse_toml/4 MB` and `plan_check/check/4 MB`: the two halves of the 4 MB case.
//! - `plan_check/level/{equal,ranges,rounded ranges,mixed digits}`: [`Plan::read_toml`] and
//!   [`CheckedPlan::compile`] of a plan of 1000 benchmark standards and 100 indicators, each
//!   stating a requirement from every standard (about 3.4 MB): all equal (`≤ 4.0`), 1000
//!   overlapping ranges none inside another (`s ~ s+1000`, every one in the level), the same
//!   under rounded-value judgement, and ranges to mixed digits (`0 ~ 1000`, `1 ~ 1000.2`, …:
//!   rounding intervals that order them against their sets, the n × m comparison). The level
//!   is checked.
//! - `plan_check/names/2M values`: a TOML plan of two million tiny values in a names table,
//!   refused by `values` before it is parsed.

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

/// 1000 benchmark standards and `indicators` indicators, each stating one requirement from
/// every standard: `kind` picks them.
fn level_plan(indicators: usize, kind: &str) -> String {
    let mut text = String::from("schema_version = 1\ncategory = { en = \"t\" }\n");
    for s in 0..1000 {
        text.push_str(&format!(
            "[[standards]]\ncode = \"T/CZGX {}-2022\"\nrole = \"benchmark\"\n",
            s + 1
        ));
    }
    for i in 0..indicators {
        text.push_str(&format!(
            "[[indicators]]\nid = \"i{i}\"\nunit = \"L\"\ndirection = \"lower-is-better\"\n"
        ));
        if kind != "equal" && kind != "ranges" {
            text.push_str("judgement = \"rounded-value\"\n");
        }
        text.push_str("[indicators.requirements]\n");
        for s in 0..1000 {
            let limit = match kind {
                "equal" => "≤ 4.0".to_owned(),
                // Odd ones to 0.1: `1 ~ 1000.2`, once rounded tighter than `0 ~ 1000` at both
                // ends, yet not inside it as sets.
                "mixed digits" if s % 2 == 1 => format!("{s} ~ {}.2", s + 999),
                _ => format!("{s} ~ {}", s + 1000),
            };
            text.push_str(&format!("\"T/CZGX {}-2022\" = \"{limit}\"\n", s + 1));
        }
    }
    text
}

fn bench_level(c: &mut Criterion) {
    let limits = Limits::default();
    let mut group = c.benchmark_group("plan_check");
    group.sample_size(10);
    for kind in ["equal", "ranges", "rounded ranges", "mixed digits"] {
        let text = level_plan(100, kind);
        assert!(text.len() <= limits.plan_bytes);
        // The level's size on the first indicator, as the pairwise definition gives it.
        let want = match kind {
            "equal" => 1,
            _ => 1000,
        };
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("level", kind), &text, |b, text| {
            b.iter(|| {
                let (plan, report) = Plan::read_toml(black_box(text), &limits).expect("reads");
                assert!(report.is_ok(), "{:?}", report.faults.first());
                let engine = plan.compile().expect("compiles");
                assert_eq!(engine.benchmark_level("i0").len(), want);
                assert_eq!(engine.benchmark_level("i99").len(), want);
            });
        });
    }
    let names = format!(
        "schema_version = 1\ncategory = {{ en = \"t\", x = [{}] }}\n",
        vec!["1"; 2_000_000].join(",")
    );
    group.throughput(Throughput::Bytes(names.len() as u64));
    group.bench_with_input(BenchmarkId::new("names", "2M values"), &names, |b, text| {
        b.iter(|| {
            let e = Plan::read_toml(black_box(text), &limits).expect_err("refused");
            assert!(e.to_string().contains("(limit `values`)"));
        });
    });
    group.finish();
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

criterion_group!(benches, bench_read, bench_level);
criterion_main!(benches);
