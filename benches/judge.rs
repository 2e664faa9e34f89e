//! `judge/*`: parsing a limit and judging a value with each GB/T 8170 method and with the
//! ILAC-G8 decision rules.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use duibiao::decision::{judge, judge_with, Conformity, DecisionRule, Method};
use duibiao::{Limit, Measurement};
use rust_decimal::Decimal;

fn judging(c: &mut Criterion) {
    let mut g = c.benchmark_group("judge");
    for (name, text) in [
        ("parse_symbol", "≥ 97.0 %"),
        ("parse_chinese", "不小于 97.0 %"),
        ("parse_deviation", "10.0±0.1 mm"),
        ("parse_power_of_ten", "≥ 14×100 MPa"),
    ] {
        let expected: Limit = text.parse().unwrap();
        g.bench_function(name, |b| {
            b.iter(|| {
                let l: Limit = black_box(text).parse().unwrap();
                assert_eq!(l, expected);
                l
            })
        });
    }
    let naoh: Limit = "≥ 97.0 %".parse().unwrap();
    let value: Decimal = "96.96".parse().unwrap();
    g.bench_function("full_value", |b| {
        b.iter(|| {
            let r = judge(black_box(value), &naoh, Method::FullValue).unwrap();
            assert_eq!(r, Conformity::Fail);
            r
        })
    });
    g.bench_function("rounded_value", |b| {
        b.iter(|| {
            let r = judge(black_box(value), &naoh, Method::RoundedValue).unwrap();
            assert_eq!(r, Conformity::Pass);
            r
        })
    });
    let wire: Limit = "10.0±0.1 mm".parse().unwrap();
    let diameter: Decimal = "9.85".parse().unwrap();
    g.bench_function("rounded_value_deviation", |b| {
        b.iter(|| {
            let r = judge(black_box(diameter), &wire, Method::RoundedValue).unwrap();
            assert_eq!(r, Conformity::Fail);
            r
        })
    });
    let lead: Limit = "≤ 10 mg/kg".parse().unwrap();
    let measured: Measurement = "9.8 ± 0.3".parse().unwrap();
    g.bench_function("guarded_acceptance", |b| {
        b.iter(|| {
            let e = judge_with(
                black_box(measured.clone()),
                &lead,
                DecisionRule::guarded_acceptance(),
            )
            .unwrap();
            assert_eq!(e.outcome, Conformity::Fail);
            e
        })
    });
    let gauge: Limit = "±0.003 mm".parse().unwrap();
    let deviation: Measurement = "0.0025 ± 0.0010".parse().unwrap();
    g.bench_function("non_binary", |b| {
        b.iter(|| {
            let e = judge_with(
                black_box(deviation.clone()),
                &gauge,
                DecisionRule::non_binary(),
            )
            .unwrap();
            assert_eq!(e.outcome, Conformity::ConditionalPass);
            e
        })
    });
    g.finish();
}

criterion_group!(benches, judging);
criterion_main!(benches);
