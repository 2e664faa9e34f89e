//! `rounding/*`: GB/T 8170 rounding of one value, per interval kind and mode.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use duibiao::rounding::{Interval, ReportedValue, Rounding, RoundingMode};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn rounding(c: &mut Criterion) {
    let mut g = c.benchmark_group("rounding");
    let cases = [
        (
            "half_even_0.1",
            "12.1498",
            "0.1",
            RoundingMode::HalfEven,
            "12.1",
        ),
        (
            "half_even_tie",
            "0.35",
            "0.1",
            RoundingMode::HalfEven,
            "0.4",
        ),
        (
            "half_unit_0.5",
            "60.25",
            "0.5",
            RoundingMode::HalfEven,
            "60.0",
        ),
        (
            "fifth_unit_20",
            "-930",
            "20",
            RoundingMode::HalfEven,
            "-920",
        ),
        ("up", "12.01", "1", RoundingMode::Up, "13"),
        ("down", "12.99", "1", RoundingMode::Down, "12"),
    ];
    for (name, value, interval, mode, expected) in cases {
        let rounding = Rounding::new(interval.parse().unwrap()).mode(mode);
        let value = d(value);
        let expected = d(expected);
        g.bench_function(name, |b| {
            b.iter(|| {
                let r = rounding.round(black_box(value)).unwrap();
                assert_eq!(r, expected);
                r
            })
        });
    }
    let marked: ReportedValue = "16.5(+)".parse().unwrap();
    let unit = Rounding::new(Interval::ONE);
    g.bench_function("marked", |b| {
        b.iter(|| {
            let r = unit.round(black_box(marked)).unwrap();
            assert_eq!(r, Decimal::from(17));
            r
        })
    });
    g.bench_function("parse_reported_value", |b| {
        b.iter(|| {
            let v: ReportedValue = black_box("15.5(−)").parse().unwrap();
            assert_eq!(v.value(), d("15.5"));
            v
        })
    });
    g.finish();
}

criterion_group!(benches, rounding);
criterion_main!(benches);
