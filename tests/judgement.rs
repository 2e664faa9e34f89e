//! Judging values against limits (GB/T 8170-2008 4.3): the worked table and the laws.

mod util;

use duibiao::decision::{evidence, judge, Conformity, Method};
use duibiao::rounding::Interval;
use duibiao::Limit;
use proptest::prelude::*;
use rust_decimal::Decimal;

#[test]
fn published_table() {
    let rows = util::vectors("judgement.csv");
    assert_eq!(rows.len(), 17);
    for row in rows {
        let limit: Limit = row.get("limit").parse().unwrap();
        let value: Decimal = row.get("value").parse().unwrap();
        let method: Method = row.get("method").parse().unwrap();
        let interval = row.opt("interval").map(|i| i.parse::<Interval>().unwrap());
        let e = evidence(value, &limit, method, interval).unwrap();
        assert_eq!(
            e.outcome.as_str(),
            row.get("expected"),
            "line {}: {} against {} ({})",
            row.line,
            row.get("value"),
            row.get("limit"),
            row.get("source")
        );
        // The interval the table names is the limit's written digit: the default gives the
        // same answer.
        if let Some(i) = interval {
            if i == limit.written_interval() {
                assert_eq!(judge(value, &limit, method).unwrap(), e.outcome);
            }
        }
    }
}

#[test]
fn open_ends_can_reject_what_full_value_accepts() {
    // GB/T 8170-2008 4.3.3 note: with an open end, rounding can move a value onto the end.
    let limit: Limit = "< 97.0".parse().unwrap();
    let v: Decimal = "96.96".parse().unwrap();
    assert_eq!(
        judge(v, &limit, Method::FullValue).unwrap(),
        Conformity::Pass
    );
    assert_eq!(
        judge(v, &limit, Method::RoundedValue).unwrap(),
        Conformity::Fail
    );
}

fn scaled(m: i64, scale: u32) -> Decimal {
    Decimal::new(m, scale)
}

/// Closed limits: one-sided, ranges and deviations.
fn closed_limit() -> impl Strategy<Value = Limit> {
    prop_oneof![
        (-100_000i64..100_000, 0u32..3, any::<bool>()).prop_map(|(m, s, up)| {
            let op = if up { "≥" } else { "≤" };
            format!("{op} {}", scaled(m, s)).parse().unwrap()
        }),
        (-100_000i64..100_000, 1i64..10_000, 0u32..3).prop_map(|(m, w, s)| {
            format!("{} ~ {}", scaled(m, s), scaled(m + w, s))
                .parse()
                .unwrap()
        }),
        (-100_000i64..100_000, 1i64..1000, 0u32..3).prop_map(|(m, w, s)| {
            format!("{} ± {}", scaled(m, s), scaled(w, s))
                .parse()
                .unwrap()
        }),
    ]
}

fn value() -> impl Strategy<Value = Decimal> {
    (-200_000_000i64..200_000_000, 0u32..6).prop_map(|(m, s)| scaled(m, s))
}

proptest! {
    #[test]
    fn full_value_pass_implies_rounded_value_pass(limit in closed_limit(), x in value()) {
        if judge(x, &limit, Method::FullValue).unwrap().is_pass() {
            prop_assert!(judge(x, &limit, Method::RoundedValue).unwrap().is_pass());
        }
    }

    #[test]
    fn a_value_inside_the_set_passes_full_value(limit in closed_limit(), t in 0u32..=100) {
        // A point between the ends (or beyond the one end of a one-sided limit) passes.
        let lo = limit.lower().map(|b| b.value);
        let hi = limit.upper().map(|b| b.value);
        let x = match (lo, hi) {
            (Some(l), Some(h)) => l + (h - l) * Decimal::from(t) / Decimal::ONE_HUNDRED,
            (Some(l), None) => l + Decimal::from(t),
            (None, Some(h)) => h - Decimal::from(t),
            (None, None) => Decimal::ZERO,
        };
        prop_assert_eq!(judge(x, &limit, Method::FullValue).unwrap(), Conformity::Pass);
    }

    #[test]
    fn judging_is_unchanged_by_a_common_power_of_ten(
        m in -100_000i64..100_000, w in 1i64..1000, s in 0u32..3, x in value(), k in -3i32..=3,
        method in prop::sample::select(vec![Method::FullValue, Method::RoundedValue]),
    ) {
        let shift = |d: Decimal| {
            if k >= 0 { d * Decimal::from(10i64.pow(k as u32)) } else { d / Decimal::from(10i64.pow((-k) as u32)) }
        };
        let a = scaled(m, s);
        let b = scaled(w, s);
        let limit: Limit = format!("{a} ± {b}").parse().unwrap();
        // The same limit written k places over: digits move with the value.
        let moved: Limit = if k >= 0 {
            format!("{}×10^{k} ± {}×10^{k}", a, b).parse().unwrap()
        } else {
            format!("{} ± {}", shift(a), shift(b)).parse().unwrap()
        };
        prop_assert_eq!(
            judge(x, &limit, method).unwrap(),
            judge(shift(x), &moved, method).unwrap(),
            "{} vs {} for {}", limit, moved, x
        );
    }
}

mod with_units {
    use super::*;
    use duibiao::decision::evidence;
    use duibiao::Measurement;

    fn m(s: &str) -> Measurement {
        s.parse().unwrap()
    }

    #[test]
    fn the_value_is_converted_never_the_limit() {
        let cases = [
            ("4800 mL", "≤ 5.0 L", Method::FullValue, "pass"),
            ("104.1 °F", "≤ 40 °C", Method::FullValue, "fail"),
            // 104.1 °F = 40.0556 °C: rounded to the limit's digit (1 °C) it is 40, which passes.
            ("104.1 °F", "≤ 40 °C", Method::RoundedValue, "pass"),
            ("68 °F", "20 ± 2 °C", Method::FullValue, "pass"),
            // A deviation without a nominal holds differences: 3.6 °F is 2 K, on the end.
            ("3.6 °F", "±2 °C", Method::FullValue, "pass"),
            ("3.7 °F", "±2 °C", Method::FullValue, "fail"),
            ("1.45 kN", "≥ 1400 N", Method::FullValue, "pass"),
            ("0.96 W/W", "≥ 97.0 %", Method::FullValue, "fail"),
            ("0.9696", "≥ 97.0 %", Method::FullValue, "fail"),
        ];
        for (value, limit, method, expected) in cases {
            let limit: Limit = limit.parse().unwrap();
            let e = evidence(m(value), &limit, method, None).unwrap();
            assert_eq!(
                e.outcome.as_str(),
                expected,
                "{value} against {limit} ({method})"
            );
        }
        let e = evidence(
            m("4800 mL"),
            &"≤ 5.0 L".parse().unwrap(),
            Method::FullValue,
            None,
        )
        .unwrap();
        assert_eq!(e.converted.unwrap().to_string(), "4.8");
        assert_eq!(e.limit.to_string(), "≤ 5.0 L");
    }

    #[test]
    fn other_dimensions_are_refused_with_both_named() {
        let err = judge(m("5 kg"), &"≤ 5 mm".parse().unwrap(), Method::FullValue).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"value "5 kg" against limit "≤ 5 mm": cannot convert "kg" (mass) to "mm" (length)"#
        );
        assert!(err.is_incompatible());
        let err = judge(m("5 kg"), &"≤ 5".parse().unwrap(), Method::FullValue).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"value "5 kg" against limit "≤ 5": the value is in "kg" but the limit has no unit"#
        );
    }

    /// Units of one kind with exact decimal factors between them.
    fn unit_pair() -> impl Strategy<Value = (&'static str, &'static str)> {
        prop::sample::select(vec![
            ("mm", "m"),
            ("mm", "cm"),
            ("in", "mm"),
            ("g", "kg"),
            ("mL", "L"),
            ("L", "m³"),
            ("kPa", "MPa"),
            ("MPa", "N/mm²"),
            ("kW·h", "MJ"),
            ("%", "‰"),
            ("h", "min"),
        ])
    }

    proptest! {
        #[test]
        fn judging_is_invariant_under_units_of_one_kind(
            (a, b) in unit_pair(), m1 in -100_000i64..100_000, s1 in 0u32..3, w in 1i64..10_000,
            x in -200_000i64..200_000, sx in 0u32..4,
            op in prop::sample::select(vec!["≥", ">", "≤", "<", "range"]),
        ) {
            let ua: duibiao::Unit = a.parse().unwrap();
            let ub: duibiao::Unit = b.parse().unwrap();
            let low = Decimal::new(m1, s1);
            let high = low + Decimal::new(w, s1);
            let conv = |v: Decimal| duibiao::convert_value(v, &ua, &ub).unwrap();
            let text = |l: Decimal, h: Decimal, u: &str| match op {
                "range" => format!("{l} ~ {h} {u}"),
                _ => format!("{op} {l} {u}"),
            };
            // The limit in unit a, and the same set written in unit b.
            let limit_a: Limit = text(low, high, a).parse().unwrap();
            let limit_b: Limit = text(conv(low), conv(high), b).parse().unwrap();
            let value = Decimal::new(x, sx);
            let in_a: Measurement = format!("{value} {a}").parse().unwrap();
            let in_b: Measurement = format!("{} {b}", conv(value)).parse().unwrap();
            let expected = judge(in_a.clone(), &limit_a, Method::FullValue).unwrap();
            prop_assert_eq!(judge(in_b.clone(), &limit_a, Method::FullValue).unwrap(), expected);
            prop_assert_eq!(judge(in_a, &limit_b, Method::FullValue).unwrap(), expected);
            prop_assert_eq!(judge(in_b, &limit_b, Method::FullValue).unwrap(), expected);
        }
    }
}
