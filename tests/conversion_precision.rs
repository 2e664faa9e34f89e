//! Conversion precision (issue 14): a conversion through a ratio that does not terminate is the
//! exact result rounded once, half to even, to 28 significant digits however small it is
//! ([`Converted`]'s text), and `duibiao convert` prints that.

mod common;

use duibiao::{Converted, Quantity, Unit};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, Zero};
use proptest::prelude::*;
use rust_decimal::Decimal;

#[track_caller]
fn convert(value: &str, from: &str, to: &str) -> Converted {
    let q = Quantity::new(
        Decimal::from_str_exact(value).unwrap(),
        from.parse().unwrap(),
    );
    q.convert(&to.parse().unwrap())
        .unwrap_or_else(|e| panic!("{value} {from} → {to}: {e}"))
}

#[test]
fn one_nanometre_in_inches_has_28_significant_digits() {
    // 10⁻⁹ / 0.0254 = 3.937007874015748031496062992125984…e-8 (40 digits, Python's decimal).
    let c = convert("1", "nm", "in");
    assert_eq!(c.to_string(), "0.00000003937007874015748031496062992");
    assert!(!c.is_exact());
    // The decimal keeps what convert_value gives: 28 decimal places.
    assert_eq!(c.value().to_string(), "0.000000039370078740157480315");
    assert_eq!(
        duibiao::convert_value(Decimal::ONE, &"nm".parse().unwrap(), &"in".parse().unwrap())
            .unwrap(),
        c.value()
    );
}

#[test]
fn exact_results_are_written_as_they_are() {
    let c = convert("1", "kW·h", "MJ");
    assert!(c.is_exact());
    assert_eq!(c.to_string(), "3.6");
    let c = convert("79228162514264337593543950335", "mm", "km");
    assert!(c.is_exact());
    assert_eq!(c.to_string(), "79228162514264337593543.950335");
    // Large and rounded: the 28th significant digit, then zeros.
    let c = convert("70000000000000000000000000000", "in", "ft");
    assert_eq!(c.to_string(), "5833333333333333333333333333");
    let c = convert("70000000000000000000000000000", "mm", "m");
    assert!(c.is_exact());
    let c = convert("70000000000000000000000000000", "km/h", "m/s");
    assert_eq!(c.to_string(), "19444444444444444444444444440");
    // Rounding never changes the sign; 28 significant digits below 10⁻²⁰.
    let c = convert("-0.000000000000000000001", "km/h", "m/s");
    assert_eq!(
        c.to_string(),
        "-0.0000000000000000000002777777777777777777777777778"
    );
}

#[test]
fn the_command_line_prints_28_significant_digits() {
    let out = common::duibiao()
        .args(["convert", "1", "nm", "in"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "0.00000003937007874015748031496062992\n"
    );
}

/// Vectors computed with Python's fractions and decimal (tests/data/conversions_28.py).
#[test]
fn python_reference_vectors() {
    let text = include_str!("data/conversions_28.csv");
    let mut n = 0;
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let [value, from, to, expected] = f[..] else {
            panic!("{line}")
        };
        assert_eq!(convert(value, from, to).to_string(), expected, "{line}");
        n += 1;
    }
    assert_eq!(n, 301);
}

/// The reference: `num / den` (den > 0) rounded half to even to 28 significant digits by long
/// division, one digit at a time.
fn reference(num: &BigInt, den: &BigInt) -> String {
    if num.is_zero() {
        return "0".into();
    }
    let ten = BigInt::from(10);
    let (int, mut rem) = num.abs().div_rem(den);
    // Digits of the integer part, then of the fraction, until 28 significant ones and a
    // remainder are known.
    let int_digits = if int.is_zero() {
        String::new()
    } else {
        int.to_string()
    };
    let mut frac = String::new();
    let mut significant = int_digits.len();
    while significant < 28 {
        rem *= &ten;
        let (d, r) = rem.div_rem(den);
        frac.push_str(&d.to_string());
        rem = r;
        if significant > 0 || !frac.trim_start_matches('0').is_empty() {
            significant += 1;
        }
    }
    // The digits kept as one integer; the part dropped compared with one half.
    let dropped_int = int_digits.len().saturating_sub(28);
    let kept_text = format!("{int_digits}{frac}");
    let kept_len = kept_text.len() - dropped_int;
    let mut kept: BigInt = kept_text[..kept_len].parse().unwrap_or_default();
    let (dropped_num, dropped_den) = if dropped_int > 0 {
        let tail: BigInt = kept_text[kept_len..].parse().unwrap();
        (tail * den + &rem, ten.pow(dropped_int as u32) * den)
    } else {
        (rem.clone(), den.clone())
    };
    let twice = dropped_num * 2;
    if twice > dropped_den || (twice == dropped_den && kept.is_odd()) {
        kept += 1;
    }
    // kept × 10^(dropped_int − frac.len())
    let exponent = dropped_int as i64 - frac.len() as i64;
    let v = duibiao_text(kept, exponent);
    if num.is_negative() {
        format!("-{v}")
    } else {
        v
    }
}

fn duibiao_text(kept: BigInt, exponent: i64) -> String {
    let mut s = kept.to_string();
    if exponent >= 0 {
        s.push_str(&"0".repeat(exponent as usize));
        return s;
    }
    let places = (-exponent) as usize;
    if s.len() <= places {
        s = format!("{}{s}", "0".repeat(places - s.len() + 1));
    }
    s.insert(s.len() - places, '.');
    let s = s.trim_end_matches('0');
    s.trim_end_matches('.').to_owned()
}

fn big(d: Decimal) -> (BigInt, BigInt) {
    (BigInt::from(d.mantissa()), BigInt::from(10).pow(d.scale()))
}

fn any_decimal() -> impl Strategy<Value = Decimal> {
    let mantissa = prop_oneof![
        (-1000i128..1000),
        (-(1i128 << 96) + 1..(1i128 << 96)),
        (-1_000_000_000_000i128..1_000_000_000_000),
    ];
    (mantissa, 0u32..=28).prop_map(|(m, s)| Decimal::from_i128_with_scale(m, s))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// On random values and unit pairs, the text is the exact result rounded once to 28
    /// significant digits, and the decimal is what convert_difference gives.
    #[test]
    fn text_is_the_exact_result_at_28_significant_digits(v in any_decimal(), (a, b) in proptest::sample::select(&[
        ("nm", "in"), ("mm", "in"), ("in", "mm"), ("km/h", "m/s"), ("m/s", "km/h"), ("h", "month"),
        ("in", "ft"), ("psi", "Pa"), ("kPa", "psi"), ("kg", "lb"), ("mm", "km"), ("kW·h", "MJ"),
        ("bar", "psi"), ("°F", "K"), ("µg/m³", "mg/m³"), ("lb", "g"),
    ][..])) {
        let (ua, ub): (Unit, Unit) = (a.parse().unwrap(), b.parse().unwrap());
        // As a difference, without offsets (the Python vectors hold the offsets).
        let q = Quantity::difference(v, ua.clone());
        let Ok(c) = q.convert(&ub) else { return Ok(()) };
        prop_assert_eq!(c.value(), duibiao::convert_difference(v, &ua, &ub).unwrap());
        let ((an, ad), (bn, bd)) = (ua.exact_factor(), ub.exact_factor());
        let parts = [v, an, bd, ad, bn].map(big);
        let [(vn, vd), (ann, and), (bdn, bdd), (adn, add), (bnn, bnd)] = parts;
        let num = vn * ann * bdn * &add * &bnd;
        let den = vd * and * bdd * adn * bnn;
        let (num, den) = if den.is_negative() { (-num, -den) } else { (num, den) };
        if c.is_exact() {
            // Exact, up to the 29 digits a decimal holds: written as it is.
            let (xn, xd) = big(c.value());
            prop_assert_eq!(&xn * &den, &num * &xd, "{} {} → {}", v, a, b);
            prop_assert_eq!(c.to_string(), c.value().normalize().to_string());
        } else {
            prop_assert_eq!(c.to_string(), reference(&num, &den), "{} {} → {}", v, a, b);
        }
    }
}

/// Finding 17 and issue 14's conversions with wrong last digits: the reproducers, each the
/// exact result (Python's fractions), through the library and the command line.
#[test]
fn findings_conversions_have_the_exact_last_digits() {
    let text = include_str!("data/findings/conversions_17.csv");
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let [value, from, to, expected] = f[..] else {
            panic!("{line}")
        };
        assert_eq!(convert(value, from, to).to_string(), expected, "{line}");
        let out = common::duibiao()
            .args(["convert", value, from, to])
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            format!("{expected}\n"),
            "{line}"
        );
    }
}
