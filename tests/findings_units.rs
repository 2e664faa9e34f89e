//! Problem 17 of the December 2026 findings: unit conversions never round silently.
//!
//! Where the ratio of two units terminates as a decimal a conversion is exact or refused; where
//! it does not (°F → K, km/h → m/s) it is rounded once to 28 significant digits, never to 0 and
//! never changing sign; an absolute temperature below absolute zero is refused.

mod common;

use std::process::Output;

use duibiao::{convert_difference, convert_value, judge, Limit, Measurement, Method, Unit};
use proptest::prelude::*;
use rust_decimal::Decimal;

#[track_caller]
fn unit(text: &str) -> Unit {
    text.parse()
        .unwrap_or_else(|e| panic!("unit {text:?} failed: {e}"))
}

#[track_caller]
fn dec(text: &str) -> Decimal {
    Decimal::from_str_exact(text).unwrap()
}

fn run(args: &[&str]) -> Output {
    common::duibiao()
        .args(args)
        .output()
        .expect("the binary runs")
}

/// stdout of a command that succeeds.
#[track_caller]
fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// stderr of a command that is refused (exit 2, nothing on stdout).
#[track_caller]
fn bad(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr).unwrap()
}

const TINY: &str = "0.0000000000000000000000000001";
const MAX: &str = "79228162514264337593543950335";

#[test]
fn an_underflow_to_zero_is_refused() {
    let e = convert_value(dec(TINY), &unit("mm"), &unit("km")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "converting 0.0000000000000000000000000001 mm to km: the result is not 0 but smaller than 10⁻²⁸, the smallest step of a decimal: it would be rounded to 0"
    );
    assert!(e.is_overflow());
    let e = convert_difference(dec("-0.00000000000000001"), &unit("nm"), &unit("km")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "converting -0.00000000000000001 nm to km: the result is not 0 but smaller than 10⁻²⁸, the smallest step of a decimal: it would be rounded to 0"
    );
    assert_eq!(
        bad(&["convert", TINY, "mm", "km"]),
        "error: converting 0.0000000000000000000000000001 mm to km: the result is not 0 but smaller than 10⁻²⁸, the smallest step of a decimal: it would be rounded to 0\n"
    );
}

#[test]
fn lost_digits_are_refused_where_the_ratio_terminates() {
    let e = convert_value(
        dec("1.234567890123456789012345678"),
        &unit("mm"),
        &unit("km"),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "converting 1.234567890123456789012345678 mm to km: the exact result has more digits than a decimal holds (28 decimal places, 28 significant digits): it would be rounded to 0.0000012345678901234567890123"
    );
    assert!(e.is_overflow());
    // 29 significant digits times 1.8, then an offset: exact needs 30 digits.
    let e = convert_value(
        dec("1.2345678901234567890123456789"),
        &unit("°C"),
        &unit("°F"),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "converting 1.2345678901234567890123456789 °C to °F: the exact result has more digits than a decimal holds (28 decimal places, 28 significant digits): it would be rounded to 34.22222220222222222022222222"
    );
}

#[test]
fn an_exact_result_that_fits_is_kept_whole() {
    // The exact result has 29 significant digits, and a decimal holds it.
    assert_eq!(
        convert_value(dec(MAX), &unit("mm"), &unit("km"))
            .unwrap()
            .to_string(),
        "79228162514264337593543.950335"
    );
    assert_eq!(
        ok(&["convert", MAX, "mm", "km"]),
        "79228162514264337593543.950335\n"
    );
    assert_eq!(
        convert_value(dec(TINY), &unit("km"), &unit("mm"))
            .unwrap()
            .to_string(),
        "0.0000000000000000000001"
    );
    // Still too large is an overflow, as before.
    assert_eq!(
        convert_value(dec(MAX), &unit("km"), &unit("mm"))
            .unwrap_err()
            .to_string(),
        "converting 79228162514264337593543950335 km to mm: the result does not fit in 28 significant digits"
    );
}

#[test]
fn the_command_line_reads_the_value_exactly() {
    // rust_decimal's parse rounds 29 decimal places to 0; the value is refused instead.
    let err = bad(&[
        "convert",
        "0.00000000000000000000000000001",
        "°F",
        "K",
        "--difference",
    ]);
    assert!(err.contains("more digits than a decimal holds"), "{err}");
}

#[test]
fn a_judgement_in_a_coarser_unit_is_refused_never_a_silent_fail() {
    let value: Measurement = "0.0000000000000000000000001 mm".parse().unwrap();
    for (limit, text) in [("> 0 km", "> 0 km"), ("≤ 0 km", "≤ 0 km")] {
        let limit: Limit = limit.parse().unwrap();
        let e = judge(value.clone(), &limit, Method::FullValue).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("value \"0.0000000000000000000000001 mm\" against limit \"{text}\": converting 0.0000000000000000000000001 mm to km: the result is not 0 but smaller than 10⁻²⁸, the smallest step of a decimal: it would be rounded to 0")
        );
    }
    assert_eq!(
        bad(&["judge", "0.0000000000000000000000001 mm", "> 0 km"]),
        "error: value \"0.0000000000000000000000001 mm\" against limit \"> 0 km\": converting 0.0000000000000000000000001 mm to km: the result is not 0 but smaller than 10⁻²⁸, the smallest step of a decimal: it would be rounded to 0\n"
    );
    // In the finer unit the value is exact and passes.
    assert_eq!(
        ok(&["judge", "0.0000000000000000000000001 mm", "> 0 mm"]),
        "pass\n"
    );
}

#[test]
fn below_absolute_zero_is_refused() {
    let cases = [
        (
            "-500",
            "°F",
            "K",
            "temperature \"-500 °F\": below absolute zero (-459.67 °F)",
        ),
        (
            "-273.16",
            "°C",
            "°F",
            "temperature \"-273.16 °C\": below absolute zero (-273.15 °C)",
        ),
        (
            "-0.001",
            "K",
            "°C",
            "temperature \"-0.001 K\": below absolute zero (0 K)",
        ),
        (
            "-1",
            "K",
            "K",
            "temperature \"-1 K\": below absolute zero (0 K)",
        ),
    ];
    for (v, from, to, message) in cases {
        let e = convert_value(dec(v), &unit(from), &unit(to)).unwrap_err();
        assert_eq!(e.to_string(), message, "{v} {from} → {to}");
        assert!(e.is_invalid());
    }
    assert_eq!(
        bad(&["convert", "--", "-500", "°F", "K"]),
        "error: temperature \"-500 °F\": below absolute zero (-459.67 °F)\n"
    );
    // Absolute zero itself converts, and a difference may be negative.
    assert_eq!(
        convert_value(dec("-459.67"), &unit("°F"), &unit("K")).unwrap(),
        Decimal::ZERO
    );
    assert_eq!(
        convert_value(dec("-273.15"), &unit("°C"), &unit("°F")).unwrap(),
        dec("-459.67")
    );
    assert_eq!(
        convert_difference(dec("-500"), &unit("°F"), &unit("K"))
            .unwrap()
            .to_string(),
        "-277.7777777777777777777777778"
    );
    let limit: Limit = "≥ 0 K".parse().unwrap();
    let e = judge(
        "-500 °F".parse::<Measurement>().unwrap(),
        &limit,
        Method::FullValue,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "value \"-500 °F\" against limit \"≥ 0 K\": temperature \"-500 °F\": below absolute zero (-459.67 °F)"
    );
}

#[test]
fn non_terminating_ratios_round_once_never_to_zero() {
    // 5/9 of 10⁻²⁸ is 0.56 × 10⁻²⁸: rounded to 10⁻²⁸, not 0.
    assert_eq!(
        convert_difference(dec(TINY), &unit("°F"), &unit("K")).unwrap(),
        dec(TINY)
    );
    assert_eq!(
        convert_difference(-dec(TINY), &unit("°F"), &unit("K")).unwrap(),
        -dec(TINY)
    );
    // 5/18 of 10⁻²⁸ is below half the smallest step: refused.
    assert_eq!(
        convert_value(dec(TINY), &unit("km/h"), &unit("m/s"))
            .unwrap_err()
            .to_string(),
        "converting 0.0000000000000000000000000001 km/h to m/s: the result is not 0 but smaller than 10⁻²⁸, the smallest step of a decimal: it would be rounded to 0"
    );
    // One rounding of the exact result, half to even at the 28th significant digit.
    assert_eq!(
        convert_value(dec("1"), &unit("km/h"), &unit("m/s"))
            .unwrap()
            .to_string(),
        "0.2777777777777777777777777778"
    );
    assert_eq!(
        convert_value(dec("100"), &unit("°F"), &unit("K"))
            .unwrap()
            .to_string(),
        "310.9277777777777777777777778"
    );
    // An exact result is exact even where the ratio does not terminate.
    assert_eq!(
        convert_value(dec("212"), &unit("°F"), &unit("°C")).unwrap(),
        dec("100")
    );
    assert_eq!(
        convert_value(dec("36"), &unit("km/h"), &unit("m/s")).unwrap(),
        dec("10")
    );
}

// ---- laws -----------------------------------------------------------------------------

/// Groups of compatible units; within a group any two convert.
const GROUPS: &[&[&str]] = &[
    &["m", "km", "cm", "mm", "µm", "nm", "in", "ft"],
    &["m²", "cm²", "mm²"],
    &["L", "mL", "m³", "cm³"],
    &["kg", "g", "mg", "t", "lb"],
    &["s", "min", "h", "d", "a", "month"],
    &["K", "°C", "°F"],
    &["N", "kN", "lbf"],
    &["Pa", "kPa", "MPa", "bar", "mbar", "atm", "psi", "N/mm²"],
    &["J", "kJ", "MJ", "W·h", "kW·h"],
    &["W", "kW", "MW"],
    &["1", "%", "‰", "ppm", "W/W"],
    &["m/s", "km/h"],
    &["L/min", "m³/h"],
];

fn pair() -> impl Strategy<Value = (&'static str, &'static str)> {
    (0..GROUPS.len()).prop_flat_map(|g| {
        let group = GROUPS[g];
        (
            proptest::sample::select(group),
            proptest::sample::select(group),
        )
    })
}

/// Any decimal: every mantissa up to 2⁹⁶ − 1, every scale 0 to 28, small ones often.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    let mantissa = prop_oneof![
        (-1000i128..1000),
        (-(1i128 << 96) + 1..(1i128 << 96)),
        (-1_000_000_000_000i128..1_000_000_000_000),
    ];
    (mantissa, 0u32..=28).prop_map(|(m, s)| Decimal::from_i128_with_scale(m, s))
}

/// True when the ratio of the two units terminates as a decimal.
fn terminates(a: &Unit, b: &Unit) -> bool {
    let ((an, ad), (bn, bd)) = (a.exact_factor(), b.exact_factor());
    let (n, d) = (an * bd, ad * bn);
    let (mut n, mut d) = (n.mantissa().unsigned_abs(), d.mantissa().unsigned_abs());
    let mut x = d;
    while x != 0 {
        (n, x) = (x, n % x);
    }
    d /= n;
    for p in [2, 5] {
        while d % p == 0 {
            d /= p;
        }
    }
    d == 1
}

fn sign(d: Decimal) -> i8 {
    if d.is_zero() {
        0
    } else if d.is_sign_negative() {
        -1
    } else {
        1
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// A → B never returns 0 for a nonzero value, never flips the sign (differences; absolute
    /// temperatures keep the sign of their distance to absolute zero).
    #[test]
    fn never_zero_never_another_sign(v in any_decimal(), (a, b) in pair()) {
        let (ua, ub) = (unit(a), unit(b));
        if let Ok(d) = convert_difference(v, &ua, &ub) {
            prop_assert_eq!(sign(d), sign(v), "{} {} → {} {}", v, a, d, b);
        }
        if ua.offset().is_none() && ub.offset().is_none() {
            if let Ok(x) = convert_value(v, &ua, &ub) {
                prop_assert_eq!(sign(x), sign(v), "{} {} → {} {}", v, a, x, b);
            }
        }
    }

    /// Where the ratio terminates, A → B → A is the identity or an error, never another
    /// number; and every error is one of the documented ones.
    #[test]
    fn a_terminating_ratio_round_trips_or_refuses(v in any_decimal(), (a, b) in pair()) {
        let (ua, ub) = (unit(a), unit(b));
        for (there, name) in [
            (convert_value(v, &ua, &ub), "value"),
            (convert_difference(v, &ua, &ub), "difference"),
        ] {
            let there = match there {
                Ok(x) => x,
                Err(e) => {
                    prop_assert!(e.is_overflow() || e.is_invalid(), "{}: {}", name, e);
                    continue;
                }
            };
            let back = if name == "value" {
                convert_value(there, &ub, &ua)
            } else {
                convert_difference(there, &ub, &ua)
            };
            if terminates(&ua, &ub) {
                if let Ok(back) = back {
                    prop_assert_eq!(back, v, "{}: {} {} → {} {} → {}", name, v, a, there, b, back);
                }
            }
        }
    }

    /// An exact conversion agrees with exact arithmetic: where the ratio terminates and a
    /// result is given, converting it back by multiplication gives the value exactly.
    #[test]
    fn results_are_exact_where_the_ratio_terminates(m in -1_000_000_000i64..1_000_000_000, s in 0u32..12, (a, b) in pair()) {
        let v = Decimal::new(m, s);
        let (ua, ub) = (unit(a), unit(b));
        prop_assume!(terminates(&ua, &ub));
        if let Ok(x) = convert_difference(v, &ua, &ub) {
            let ((an, ad), (bn, bd)) = (ua.exact_factor(), ub.exact_factor());
            // x · bn · ad = v · an · bd, both sides exact for these small values.
            prop_assert_eq!(x * bn * ad, v * an * bd, "{} {} → {} {}", v, a, x, b);
        }
    }
}

/// `d` as an exact rational `mantissa / 10^scale`.
fn big(d: Decimal) -> (num_bigint::BigInt, num_bigint::BigInt) {
    (
        num_bigint::BigInt::from(d.mantissa()),
        num_bigint::BigInt::from(10u32).pow(d.scale()),
    )
}

proptest! {
    /// Where the ratio does not terminate, the result is the exact value rounded once: within
    /// half a unit of its last place, which is the 28th significant digit or the 28th decimal
    /// place.
    #[test]
    fn a_non_terminating_ratio_rounds_correctly(v in any_decimal(), (a, b) in proptest::sample::select(&[
        ("°F", "K"), ("°F", "°C"), ("km/h", "m/s"), ("h", "month"), ("min", "month"),
        ("in", "ft"), ("m", "ft"), ("mm", "in"), ("psi", "Pa"), ("kPa", "psi"), ("kg", "lb"),
    ][..])) {
        let (ua, ub) = (unit(a), unit(b));
        prop_assert!(!terminates(&ua, &ub), "{} → {}", a, b);
        let Ok(x) = convert_difference(v, &ua, &ub) else { return Ok(()) };
        // exact = v · an · bd / (ad · bn)
        let ((an, ad), (bn, bd)) = (ua.exact_factor(), ub.exact_factor());
        let parts = [v, an, bd, ad, bn].map(big);
        let [(vn, vd), (ann, and), (bdn, bdd), (adn, add), (bnn, bnd)] = parts;
        let num = vn * ann * bdn * &add * &bnd;
        let den = vd * and * bdd * adn * bnn;
        // |x − exact| ≤ ½·10^-p, p the last place kept: the 28th significant digit, or the
        // 28th decimal place below 1. ⇔ |2·(xn·den − num·xd)|·10^p ≤ xd·den.
        let (xn, xd) = big(x);
        let int_digits = x.abs().trunc();
        let int_digits = if int_digits.is_zero() { 0 } else { int_digits.to_string().len() as i32 };
        let p = 28 - int_digits;
        let ten = |n: i32| num_bigint::BigInt::from(10u32).pow(n.max(0) as u32);
        let lhs = (xn * &den - num * &xd).magnitude() * 2u32 * ten(p).magnitude();
        let rhs = (xd * den * ten(-p)).magnitude().clone();
        prop_assert!(lhs <= rhs, "{} {} → {} {}", v, a, x, b);
    }
}
