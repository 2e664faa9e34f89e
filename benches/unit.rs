//! Unit benchmarks: reading quantities and converting them.

use criterion::{criterion_group, criterion_main, Criterion};
use duibiao::{convert_value, Quantity, Unit};
use rust_decimal::Decimal;
use std::hint::black_box;

fn parse_quantity(c: &mut Criterion) {
    let mut g = c.benchmark_group("unit/parse_quantity");
    for (text, unit) in [
        ("3.50 W/W", "W/W"),
        ("25.4 mm", "mm"),
        ("20°C", "°C"),
        ("0.035 W/(m·K)", "W/(m·K)"),
    ] {
        let want: Unit = unit.parse().unwrap();
        g.bench_function(text, |b| {
            b.iter(|| {
                let q: Quantity = black_box(text).parse().unwrap();
                assert_eq!(q.unit(), &want);
            })
        });
    }
    g.finish();
}

fn convert(c: &mut Criterion) {
    let mut g = c.benchmark_group("unit/convert");
    for (value, from, to, want) in [
        ("1", "in", "mm", "25.4"),
        ("1", "kW·h", "MJ", "3.6"),
        ("20", "°C", "°F", "68"),
        ("36", "km/h", "m/s", "10"),
    ] {
        let (value, want) = (
            Decimal::from_str_exact(value).unwrap(),
            Decimal::from_str_exact(want).unwrap(),
        );
        let (from, to): (Unit, Unit) = (from.parse().unwrap(), to.parse().unwrap());
        g.bench_function(format!("{from} to {to}"), |b| {
            b.iter(|| {
                let v = convert_value(black_box(value), &from, &to).unwrap();
                assert_eq!(v, want);
            })
        });
    }
    g.finish();
}

fn judge_converted(c: &mut Criterion) {
    use duibiao::decision::{judge, Conformity, Method};
    use duibiao::{Limit, Measurement};
    let mut g = c.benchmark_group("unit/judge_converted");
    for (value, limit, expected) in [
        ("4800 mL", "≤ 5.0 L", Conformity::Pass),
        ("104.1 °F", "≤ 40 °C", Conformity::Fail),
        ("1.45 kN", "≥ 1400 N", Conformity::Pass),
    ] {
        let m: Measurement = value.parse().unwrap();
        let l: Limit = limit.parse().unwrap();
        g.bench_function(format!("{value} against {limit}"), |b| {
            b.iter(|| {
                let r = judge(std::hint::black_box(m.clone()), &l, Method::FullValue).unwrap();
                assert_eq!(r, expected);
                r
            })
        });
    }
    g.finish();
}

criterion_group!(benches, parse_quantity, convert, judge_converted);
criterion_main!(benches);
