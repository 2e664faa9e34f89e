//! GB/T 8170-2008 rounding: the published examples (`tests/data/rounding.csv`) and the laws.

mod util;

use duibiao::rounding::{Interval, Mark, ReportedValue, Rounding, RoundingMode};
use duibiao::Lang;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn published_examples() {
    let rows = util::vectors("rounding.csv");
    assert_eq!(rows.len(), 20);
    for row in rows {
        let value: ReportedValue = row.get("value").parse().unwrap();
        let interval: Interval = row.get("interval").parse().unwrap();
        let mode: RoundingMode = row.get("mode").parse().unwrap();
        let got = Rounding::new(interval).mode(mode).round(value).unwrap();
        // Compared as text: the written precision is part of the answer (60.0, not 60).
        assert_eq!(
            got.to_string(),
            row.get("expected"),
            "line {}: {} ({})",
            row.line,
            row.get("value"),
            row.get("source")
        );
    }
}

#[test]
fn one_direction_modes_work_on_the_magnitude() {
    let cases = [
        ("12.01", "1", RoundingMode::Up, "13"),
        ("-12.01", "1", RoundingMode::Up, "-13"),
        ("12.00", "1", RoundingMode::Up, "12"),
        ("12.99", "1", RoundingMode::Down, "12"),
        ("-12.99", "1", RoundingMode::Down, "-12"),
        ("60.26", "0.5", RoundingMode::Up, "60.5"),
        ("60.49", "0.5", RoundingMode::Down, "60.0"),
        ("821", "20", RoundingMode::Up, "840"),
        ("839", "20", RoundingMode::Down, "820"),
    ];
    for (value, interval, mode, expected) in cases {
        let got = Rounding::new(interval.parse().unwrap())
            .mode(mode)
            .round(d(value))
            .unwrap();
        assert_eq!(got.to_string(), expected, "{value} {interval} {mode}");
    }
}

#[test]
fn marks_decide_only_exact_halves() {
    // GB/T 8170-2008 3.4.2 table: reported value → rounded to the unit.
    let cases = [
        ("15.5(−)", "15"),
        ("-15.5(−)", "-15"),
        ("16.5(+)", "17"),
        ("-16.5(+)", "-17"),
        ("17.5", "18"),
        ("-17.5", "-18"),
        ("15.5(-)", "15"),
        ("15.5（－）", "15"),
    ];
    for (reported, expected) in cases {
        let v: ReportedValue = reported.parse().unwrap();
        let got = Rounding::new(Interval::ONE).round(v).unwrap();
        assert_eq!(got.to_string(), expected, "{reported}");
    }
    // The true value of 16.5(+) is above 16.5: rounding up to 0.5 carries, down does not.
    let v: ReportedValue = "16.5(+)".parse().unwrap();
    let half: Interval = "0.5".parse().unwrap();
    assert_eq!(Rounding::new(half).round(v).unwrap().to_string(), "16.5");
    let up = Rounding::new(half).mode(RoundingMode::Up);
    assert_eq!(up.round(v).unwrap().to_string(), "17.0");
    let v: ReportedValue = "16.5(−)".parse().unwrap();
    let down = Rounding::new(half).mode(RoundingMode::Down);
    assert_eq!(down.round(v).unwrap().to_string(), "16.0");
}

#[test]
fn marks_only_on_a_trailing_five() {
    let err = "16.4(+)".parse::<ReportedValue>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "reported value \"16.4(+)\": a (+) or (−) mark belongs only to a value whose last non-zero digit is 5"
    );
    assert!("16.50(+)".parse::<ReportedValue>().is_ok());
    let err = "16.5(x)".parse::<ReportedValue>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "reported value \"16.5(x)\": expected a mark \"(+)\" or \"(−)\", found \"(x)\""
    );
    assert_eq!(
        "16.5(+)".parse::<ReportedValue>().unwrap().mark(),
        Some(Mark::Plus)
    );
}

/// The messages of rounding in Chinese, word for word, and problem 18's interval beyond the
/// largest one: it is k×10ⁿ, so the message says what is wrong with it instead.
#[test]
fn messages_in_chinese() {
    let zh = |e: duibiao::Error| e.message(Lang::Zh);
    assert_eq!(
        zh("3".parse::<Interval>().unwrap_err()),
        r#"修约间隔 "3"：应为 k×10ⁿ，k = 1、2 或 5（如 0.1、0.5、0.02、1、20、100）"#
    );
    assert_eq!(
        zh("abc".parse::<Interval>().unwrap_err()),
        r#"修约间隔 "abc"：应为十进制数，却是 "a""#
    );
    let big = "50000000000000000000000000000"
        .parse::<Interval>()
        .unwrap_err();
    assert!(big.is_invalid());
    assert_eq!(
        big.to_string(),
        r#"rounding interval "50000000000000000000000000000": 5×10²⁸ is beyond the largest interval, 5×10²⁷ (twice an interval must fit in a decimal)"#
    );
    assert_eq!(
        zh(big),
        r#"修约间隔 "50000000000000000000000000000"：5×10²⁸ 超出最大的修约间隔 5×10²⁷（修约间隔的两倍须在小数的范围内）"#
    );
    assert!("5000000000000000000000000000".parse::<Interval>().is_ok());
    assert_eq!(
        Interval::new("10000000000000000000000000000".parse().unwrap())
            .unwrap_err()
            .to_string(),
        r#"rounding interval "10000000000000000000000000000": 1×10²⁸ is beyond the largest interval, 5×10²⁷ (twice an interval must fit in a decimal)"#
    );
    assert_eq!(
        zh("fast".parse::<RoundingMode>().unwrap_err()),
        r#"修约方式 "fast"：应为 "half-even"、"up" 或 "down""#
    );
    assert_eq!(
        zh("16.4(+)".parse::<ReportedValue>().unwrap_err()),
        r#"报出值 "16.4(+)"：(+) 或 (−) 标记只用于末位非零数字为 5 的数值"#
    );
    assert_eq!(
        zh("16.5(x)".parse::<ReportedValue>().unwrap_err()),
        r#"报出值 "16.5(x)"：应为标记 "(+)" 或 "(−)"，却是 "(x)""#
    );
    assert_eq!(
        zh(Interval::significant_figures(Decimal::ONE, 0).unwrap_err()),
        r#"有效位数 "0"：应至少保留一位有效数字"#
    );
    let max: Decimal = "79228162514264337593543950335".parse().unwrap();
    assert_eq!(
        zh(Interval::new(Decimal::TEN).unwrap().round(max).unwrap_err()),
        "按修约间隔 10 修约 79228162514264337593543950335：结果超出 28 位有效数字"
    );
}

#[test]
fn intervals_are_k_times_a_power_of_ten() {
    let err = "3".parse::<Interval>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "rounding interval \"3\": expected k×10ⁿ with k = 1, 2 or 5 (such as 0.1, 0.5, 0.02, 1, 20, 100)"
    );
    assert!(err.is_invalid());
    for (text, places) in [
        ("0.5", 1),
        ("0.02", 2),
        ("20", 0),
        ("1000", 0),
        ("0.001", 3),
    ] {
        assert_eq!(text.parse::<Interval>().unwrap().decimal_places(), places);
    }
}

#[test]
fn significant_figures_map_onto_an_interval() {
    // GB/T 8170-2008 3.3: 8.53459 to three significant figures is 8.53.
    let i = Interval::significant_figures(d("8.53459"), 3).unwrap();
    assert_eq!(i.round(d("8.53459")).unwrap().to_string(), "8.53");
    let i = Interval::significant_figures(d("1268"), 2).unwrap();
    assert_eq!(i.round(d("1268")).unwrap().to_string(), "1300");
    let i = Interval::significant_figures(d("9.996"), 3).unwrap();
    assert_eq!(i.round(d("9.996")).unwrap().to_string(), "10.00");
    assert!(Interval::significant_figures(Decimal::ZERO, 3).is_err());
}

#[test]
fn overflow_is_an_error_not_a_wrong_answer() {
    let big = Decimal::MAX;
    let r = Interval::decimals(28).round(big);
    assert!(r.unwrap_err().is_overflow());
}

fn interval() -> impl Strategy<Value = Interval> {
    (prop::sample::select(vec![1u8, 2, 5]), -6i32..=4).prop_map(|(k, n)| {
        let v = if n >= 0 {
            Decimal::from(i64::from(k) * 10i64.pow(n as u32))
        } else {
            Decimal::new(i64::from(k), (-n) as u32)
        };
        Interval::new(v).unwrap()
    })
}

fn value() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..=8).prop_map(|(m, s)| Decimal::new(m % 1_000_000_000_000, s))
}

fn mode() -> impl Strategy<Value = RoundingMode> {
    prop::sample::select(vec![
        RoundingMode::HalfEven,
        RoundingMode::Up,
        RoundingMode::Down,
    ])
}

proptest! {
    #[test]
    fn result_is_a_multiple_of_the_interval(x in value(), i in interval(), m in mode()) {
        let r = Rounding::new(i).mode(m).round(x).unwrap();
        prop_assert!((r % i.value()).is_zero());
        prop_assert_eq!(r.scale(), i.decimal_places());
    }

    #[test]
    fn error_is_at_most_half_an_interval(x in value(), i in interval()) {
        let r = i.round(x).unwrap();
        prop_assert!((x - r).abs() * Decimal::TWO <= i.value());
    }

    #[test]
    fn one_direction_error_is_below_one_interval(x in value(), i in interval(), m in mode()) {
        let r = Rounding::new(i).mode(m).round(x).unwrap();
        prop_assert!((x - r).abs() < i.value());
        match m {
            RoundingMode::Up => prop_assert!(r.abs() >= x.abs()),
            RoundingMode::Down => prop_assert!(r.abs() <= x.abs()),
            _ => {}
        }
    }

    #[test]
    fn rounding_is_idempotent(x in value(), i in interval(), m in mode()) {
        let rounding = Rounding::new(i).mode(m);
        let once = rounding.round(x).unwrap();
        prop_assert_eq!(rounding.round(once).unwrap(), once);
    }

    #[test]
    fn rounding_commutes_with_negation(x in value(), i in interval(), m in mode()) {
        let rounding = Rounding::new(i).mode(m);
        prop_assert_eq!(rounding.round(-x).unwrap(), -rounding.round(x).unwrap());
    }

    #[test]
    fn half_even_is_monotone(x in value(), y in value(), i in interval()) {
        let (lo, hi) = if x <= y { (x, y) } else { (y, x) };
        prop_assert!(i.round(lo).unwrap() <= i.round(hi).unwrap());
    }

    #[test]
    fn one_direction_modes_are_monotone_on_each_side_of_zero(
        x in value(), y in value(), i in interval(), m in mode()
    ) {
        // Up and down act on the magnitude, so they are monotone for values of one sign.
        let (lo, hi) = if x.abs() <= y.abs() { (x.abs(), y.abs()) } else { (y.abs(), x.abs()) };
        let rounding = Rounding::new(i).mode(m);
        prop_assert!(rounding.round(lo).unwrap() <= rounding.round(hi).unwrap());
    }

    #[test]
    fn exact_halves_go_to_the_even_multiple(n in -100_000i64..100_000, i in interval()) {
        // (n + 1/2) intervals: the result is the even one of n and n + 1 intervals.
        let step = i.value();
        let x = (Decimal::from(n) + Decimal::new(5, 1)) * step;
        let r = i.round(x).unwrap();
        let count = (r / step).abs();
        prop_assert!((count % Decimal::TWO).is_zero(), "{} -> {}", x, r);
        prop_assert_eq!((x - r).abs() * Decimal::TWO, step);
    }

    #[test]
    fn reported_values_round_trip(m in -1_000_000i64..1_000_000, s in 0u32..6, plus in any::<bool>()) {
        // The last non-zero digit is a 5, so a mark is allowed.
        let v = Decimal::new(m * 10 + 5, s);
        let mark = if plus { Mark::Plus } else { Mark::Minus };
        let r = ReportedValue::new(v, Some(mark)).unwrap();
        prop_assert_eq!(r.to_string().parse::<ReportedValue>().unwrap(), r);
    }
}
