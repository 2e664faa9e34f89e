//! Values near the largest decimal (79 228 162 514 264 337 593 543 950 335 ≈ 7.9 × 10²⁸)
//! through every public entry point: an error that says the result does not fit, never a panic
//! and never a silently different answer.

use duibiao::decision::{evidence, judge_with, DecisionRule, GuardBandFactor, Judgement, Method};
use duibiao::rounding::{Interval, ReportedValue, Rounding, RoundingMode};
use duibiao::unit::{convert_difference, convert_value};
use duibiao::{Limit, Measurement, Plan, Product, Quantity, Unit};
use rust_decimal::Decimal;

const MAX: &str = "79228162514264337593543950335";
const FITS: &str = "28 significant digits";

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn u(s: &str) -> Unit {
    s.parse().unwrap()
}

/// The error of a result inside the range of a decimal that needs more digits than it holds.
#[track_caller]
fn inexact<T: std::fmt::Debug>(what: &str, r: Result<T, duibiao::Error>) -> String {
    let e = r.expect_err(what);
    assert_eq!(e.kind(), duibiao::ErrorKind::Inexact, "{what}: {e}");
    let m = e.to_string();
    assert!(
        m.ends_with("needs more than 28 significant digits (or 28 decimal places), which a decimal cannot hold: it would be rounded"),
        "{what}: {m}"
    );
    m
}

#[track_caller]
fn overflows<T: std::fmt::Debug>(what: &str, r: Result<T, duibiao::Error>) -> String {
    let e = r.expect_err(what);
    assert!(e.is_overflow(), "{what}: {e}");
    let m = e.to_string();
    assert!(
        m.ends_with("the result does not fit in 28 significant digits"),
        "{what}: {m}"
    );
    m
}

#[test]
fn limit_text() {
    for text in [
        format!("{MAX} ± 1"),
        format!("{MAX} +1 -0"),
        format!("-{MAX} ± 1"),
        format!("{MAX} (1 ± 10%)"),
        format!("{MAX} mm ± 10 %"),
        "8×10^28".to_owned(),
        "≥ 8×10^28".to_owned(),
        "≥ 1×10^29".to_owned(),
    ] {
        let e = text.parse::<Limit>().expect_err(&text);
        assert!(e.is_overflow() || e.is_invalid(), "{text}: {e}");
        assert!(e.to_string().contains("limit \""), "{text}: {e}");
    }
    // At the edge itself, a limit still holds.
    let at: Limit = format!("≤ {MAX}").parse().unwrap();
    assert!(at.contains(d(MAX)));
    let at: Limit = format!("{MAX} ± 0").parse().unwrap();
    assert!(at.contains(d(MAX)));
}

#[test]
fn quantity_conversion() {
    overflows("km → mm", convert_value(d(MAX), &u("km"), &u("mm")));
    overflows("°C → K", convert_value(d(MAX), &u("°C"), &u("K")));
    overflows("K → °F", convert_value(d(MAX), &u("K"), &u("°F")));
    overflows(
        "difference km → mm",
        convert_difference(d(MAX), &u("km"), &u("mm")),
    );
    let q: Quantity = format!("{MAX} km").parse().unwrap();
    overflows("Quantity::to", q.to(&u("mm")));
    overflows("Quantity::checked_add", q.checked_add(&q));
    overflows("Quantity::checked_mul", q.checked_mul(Decimal::TWO));
    let small: Quantity = "1 mm".parse().unwrap();
    // Comparing in a common unit may not fit either.
    let _ = q.checked_cmp(&small);
    // A value that does not fit in the limit's unit.
    let limit: Limit = "≤ 10 mm".parse().unwrap();
    let m: Measurement = format!("{MAX} km").parse().unwrap();
    let r = evidence(m, &limit, Method::FullValue, None);
    overflows("judging km against mm", r);
    // The other way round the value fits and is judged.
    let limit: Limit = format!("≤ {MAX} km").parse().unwrap();
    let m: Measurement = "1 mm".parse().unwrap();
    assert!(evidence(m, &limit, Method::FullValue, None).is_ok());
}

#[test]
fn rounding() {
    overflows(
        "round up at the top",
        Interval::new(d("10")).unwrap().round(d(MAX)),
    );
    overflows(
        "round half even at the top",
        Interval::new(d("2")).unwrap().round(d(MAX)),
    );
    let up = Rounding::new(Interval::new(d("10")).unwrap()).mode(RoundingMode::Up);
    overflows(
        "round up at the top",
        up.round(d("79228162514264337593543950331")),
    );
    let marked: ReportedValue = format!("{MAX}(+)").parse().unwrap();
    overflows(
        "round a marked value",
        Rounding::new(Interval::new(d("10")).unwrap()).round(marked),
    );
    overflows(
        "significant figures",
        Interval::significant_figures(d(MAX), 1).and_then(|i| i.round(d(MAX))),
    );
    // Rounded-value judgement of such a value.
    let limit: Limit = "≤ 10".parse().unwrap();
    let r = judge_with(
        Measurement::from(d(MAX)),
        &limit,
        Judgement::new()
            .method(Method::RoundedValue)
            .interval(Interval::new(d("10")).unwrap()),
    );
    overflows("rounded-value judgement", r);
}

#[test]
fn guard_bands() {
    let limit: Limit = format!("≤ {MAX}").parse().unwrap();
    let m: Measurement = format!("1 ± {MAX}").parse().unwrap();
    let rule = DecisionRule::guarded_rejection()
        .with_guard_band_factor(GuardBandFactor::new(d("2")).unwrap());
    let r = judge_with(m.clone(), &limit, rule);
    // Either judged without the overflowing sum or refused; never a panic.
    if let Err(e) = r {
        assert!(e.is_overflow(), "{e}");
    }
    let r = judge_with(m, &limit, DecisionRule::guarded_acceptance());
    if let Err(e) = r {
        assert!(e.is_overflow(), "{e}");
    }
}

const PLAN: &str = r#"
schema_version = 1
category = { en = "x" }

[[standards]]
code = "T/A 1-2024"
role = "benchmark"

[[standards]]
code = "Q/S 1-2024"
role = "subject"

[[indicators]]
id = "length"
unit = "mm"
direction = "higher-is-better"
requirements = { "T/A 1-2024" = "≥ -1 mm", "Q/S 1-2024" = "≥ LOW" }

[[indicators]]
id = "mass"
unit = "kg"
direction = "lower-is-better"
class = "basic"
requirements = { "T/A 1-2024" = "≤ 10 kg" }
"#;

#[test]
fn products_evaluated_by_the_engine() {
    let engine = Plan::from_toml_str(&PLAN.replace("LOW", "0 mm"))
        .unwrap()
        .compile()
        .unwrap();
    // In range: judged.
    engine
        .evaluate(&Product::new("P0").with("length", "5").unwrap())
        .unwrap();
    // A value that does not fit in the indicator's unit.
    let p = Product::new("P1")
        .with("length", &format!("{MAX} km"))
        .unwrap();
    let m = overflows("km into mm", engine.evaluate(&p));
    assert!(m.starts_with("product \"P1\": indicator \"length\""), "{m}");
    // A value that fits, but whose margin to the level (x − (−1)) does not.
    let p = Product::new("P2").with("length", MAX).unwrap();
    let m = overflows("margin", engine.evaluate(&p));
    assert!(m.starts_with("product \"P2\": indicator \"length\""), "{m}");
    let p = Product::new("P3")
        .with("mass", &format!("-{MAX} t"))
        .unwrap();
    overflows("t into kg", engine.evaluate(&p));
    // The batch goes on after the bad product.
    let batch = engine.evaluate_batch(&[
        Product::new("P2").with("length", MAX).unwrap(),
        Product::new("P4").with("length", "5").unwrap(),
    ]);
    assert!(batch[0].is_err());
    assert!(batch[1].is_ok());
}

#[test]
fn plans_near_the_edge() {
    // A subject requirement whose ends do not fit in the indicator's unit.
    let plan = Plan::from_toml_str(&PLAN.replace("LOW", &format!("{MAX} km"))).unwrap();
    let r = plan
        .compile()
        .and_then(|e| e.compare_standards().map(|_| ()));
    let e = r.expect_err("refused");
    assert!(e.is_overflow() || e.is_plan(), "{e}");
    assert!(e.to_string().contains(FITS), "{e}");

    // Weights whose total does not fit.
    let mut text = PLAN.replace("LOW", "0 mm");
    text = text.replace(
        "direction = \"higher-is-better\"",
        &format!("direction = \"higher-is-better\"\nweight = \"{MAX}\""),
    );
    text.push_str(&format!(
        "\n[[indicators]]\nid = \"w\"\ndirection = \"higher-is-better\"\nweight = \"{MAX}\"\nrequirements = {{ \"T/A 1-2024\" = \"≥ 1\" }}\n"
    ));
    let plan = Plan::from_toml_str(&text).unwrap();
    let m = overflows("total weight", plan.compile());
    assert_eq!(
        m,
        "the total core weight: the result does not fit in 28 significant digits"
    );

    // Weights that fit in a decimal but not in the fast path's integers.
    let big = "9000000000000000000";
    let text = PLAN
        .replace("LOW", "0 mm")
        .replace(
            "direction = \"higher-is-better\"",
            &format!("direction = \"higher-is-better\"\nweight = \"{big}\""),
        )
        + &format!(
            "\n[[indicators]]\nid = \"w\"\ndirection = \"higher-is-better\"\nweight = \"{big}\"\nrequirements = {{ \"T/A 1-2024\" = \"≥ 1\" }}\n"
        );
    let engine = Plan::from_toml_str(&text).unwrap().compile().unwrap();
    if let Err(e) = engine.classifier() {
        assert!(
            e.is_overflow() || e.to_string().contains("fast path"),
            "{e}"
        );
    }
}

/// A plan of one higher-is-better indicator `x` whose level is `≥ 0.00000000000000000001`
/// (10⁻²⁰), with an equivalence tolerance.
fn tiny_level(tolerance: &str) -> duibiao::Engine {
    Plan::from_toml_str(&format!(
        r#"
schema_version = 1
category = {{ en = "x" }}
[[standards]]
code = "T/A 1-2024"
role = "benchmark"
[[indicators]]
id = "x"
direction = "higher-is-better"
tolerance = "{tolerance}"
requirements = {{ "T/A 1-2024" = "≥ 0.00000000000000000001" }}
"#
    ))
    .unwrap()
    .compile()
    .unwrap()
}

#[test]
fn margin_shares() {
    use duibiao::verdict::Outcome;
    // The margin 10¹⁰ − 10⁻²⁰ needs 30 significant digits: refused, naming the operands,
    // never rounded to 10¹⁰ (0.1.0 and rust_decimal's checked arithmetic round it).
    let engine = tiny_level("5 %");
    let p = Product::new("P1").with("x", "10000000000").unwrap();
    let m = inexact("margin", engine.evaluate(&p));
    assert_eq!(
        m,
        "product \"P1\": indicator \"x\": the margin 10000000000 − 0.00000000000000000001: the \
         exact result needs more than 28 significant digits (or 28 decimal places), which a \
         decimal cannot hold: it would be rounded"
    );
    // A margin that fits has a share that fits: the margin's scale is at least the bound's,
    // so the share's digits are at most the margin's.
    // The share 10²⁷ − 1 fits, its percentage (≈ 10²⁹) does not: beyond every tolerance a
    // decimal holds, the largest included, exactly.
    let engine = tiny_level(&format!("{MAX} %"));
    let p = Product::new("P2").with("x", "10000000").unwrap();
    let v = engine.evaluate(&p).unwrap();
    let x = &v.indicators[0];
    assert_eq!(
        x.margin
            .and_then(|m| m.share)
            .map(|s| s.to_string())
            .as_deref(),
        Some("999999999999999999999999999")
    );
    assert_eq!(x.outcome, Outcome::Exceeds);
    // A margin below its bound's size stays judged by its share: 1 % of the bound is not
    // beyond 5 %.
    let engine = tiny_level("5 %");
    let p = Product::new("P3")
        .with("x", "0.0000000000000000000101")
        .unwrap();
    let v = engine.evaluate(&p).unwrap();
    assert_eq!(v.indicators[0].outcome, Outcome::Meets);
}

/// Results inside the range of a decimal that need 29 or more significant digits: each an
/// error naming the value, never a rounded verdict.
#[test]
fn results_beyond_28_significant_digits() {
    // A margin: 28 digits at 2 decimals against a bound at 3 decimals needs 29, beyond
    // the 96 bits of a decimal's digits (the mantissa 92345678901234567890123452775).
    let engine = Plan::from_toml_str(&PLAN.replace("LOW", "0 mm").replace("≥ -1 mm", "≥ 4.005 mm"))
        .unwrap()
        .compile()
        .unwrap();
    let p = Product::new("P1")
        .with("length", "92345678901234567890123456.78")
        .unwrap();
    let m = inexact("margin", engine.evaluate(&p));
    assert!(
        m.starts_with("product \"P1\": indicator \"length\": the margin 92345678901234567890123456.78 − 4.005: "),
        "{m}"
    );
    // The batch goes on, and the fast path answers what the exact path answers.
    let batch =
        engine.evaluate_batch(&[p.clone(), Product::new("P2").with("length", "5").unwrap()]);
    assert_eq!(batch[0].as_ref().unwrap_err().to_string(), m);
    assert!(batch[1].is_ok());

    // A sum of quantities and a product by a number.
    let big: Quantity = "10000000000 m".parse().unwrap();
    let tiny: Quantity = "0.00000000000000000001 m".parse().unwrap();
    let m = inexact("Quantity::checked_add", big.checked_add(&tiny));
    assert!(m.starts_with("adding "), "{m}");
    inexact("Quantity::checked_sub", big.checked_sub(&tiny));
    let q: Quantity = "1234567890123456.7 L".parse().unwrap();
    inexact(
        "Quantity::checked_mul",
        q.checked_mul(d("1.00000000000001")),
    );

    // A conversion whose exact result needs 30 digits (1.000…001 in × 25.4 mm/in).
    let m = inexact_or_digits(convert_value(
        d("1.000000000000000000000000001"),
        &u("in"),
        &u("mm"),
    ));
    assert!(m.contains("1.000000000000000000000000001"), "{m}");

    // A limit's bounds: 12 ± 10⁻²⁷ at 28 digits is 12.000…001 (29 digits).
    let e = "1234567 ± 0.000000000000000000000000001"
        .parse::<Limit>()
        .unwrap_err();
    assert_eq!(e.kind(), duibiao::ErrorKind::Inexact, "{e}");
    assert!(
        e.to_string()
            .starts_with("the bounds of limit \"1234567 ± 0.000000000000000000000000001\": "),
        "{e}"
    );

    // A guard band's zone end: TL − r·U needs 32 digits.
    let limit: Limit = "≤ 12345.6".parse().unwrap();
    let m: Measurement = "12000 ± 0.000000000000000000000000123".parse().unwrap();
    let r = judge_with(m, &limit, DecisionRule::guarded_acceptance());
    let m = inexact("zone end", r);
    assert!(m.contains("12345.6"), "{m}");
}

/// A conversion refused for its digits (the unit layer's own wording).
#[track_caller]
fn inexact_or_digits<T: std::fmt::Debug>(r: Result<T, duibiao::Error>) -> String {
    let e = r.expect_err("conversion");
    assert!(e.is_overflow(), "{e}");
    e.to_string()
}
