//! Strictness is decided by one rule: the sets of values each requirement *accepts* under its
//! indicator's judgement (GB/T 8170-2008 4.3: full-value or rounded-value comparison). Checked
//! against the verdict function itself, and through `compare` (the standards comparison).

use duibiao::decision::{judge, strictness, Method};
use duibiao::verdict::StandardOutcome;
use duibiao::{Limit, Plan, Strictness};
use proptest::prelude::*;
use rust_decimal::Decimal;

#[test]
fn written_digits_count_under_rounded_value_judgement() {
    let a: Limit = "≥ 97.0 %".parse().unwrap();
    let b: Limit = "≥ 97 %".parse().unwrap();
    let unit = Some("%".parse().unwrap());
    let s = |m| strictness(&a, &b, unit.as_ref(), m, None).unwrap();
    assert_eq!(s(Method::FullValue), Strictness::Equivalent);
    assert_eq!(s(Method::RoundedValue), Strictness::Stricter);
    // 96.6 … 96.9 pass "≥ 97" when rounded, and fail "≥ 97.0"; 96.5 rounds to 96 (half to even).
    for (x, by_a, by_b) in [
        ("96.5", false, false),
        ("96.51", false, true),
        ("96.94", false, true),
        ("96.95", true, true),
    ] {
        let x: Decimal = x.parse().unwrap();
        assert_eq!(
            judge(x, &a, Method::RoundedValue).unwrap().is_pass(),
            by_a,
            "{x}"
        );
        assert_eq!(
            judge(x, &b, Method::RoundedValue).unwrap().is_pass(),
            by_b,
            "{x}"
        );
    }
}

fn plan_with(judgement: &str) -> Plan {
    let text = format!(
        r#"
schema_version = 1
category = {{ en = "caustic soda" }}
standards = [
  {{ code = "GB/T 209-2018", role = "benchmark" }},
  {{ code = "Q/ABC 001-2024", role = "subject" }},
]
[[indicators]]
id = "naoh"
unit = "%"
direction = "higher-is-better"
judgement = "{judgement}"
requirements = {{ "GB/T 209-2018" = "≥ 97 %", "Q/ABC 001-2024" = "≥ 97.0 %" }}
"#
    );
    Plan::from_toml_str(&text).unwrap()
}

#[test]
fn compare_sees_the_written_digits_under_rounded_value_judgement() {
    let outcome = |j: &str| {
        plan_with(j)
            .compile()
            .unwrap()
            .compare_standards()
            .unwrap()
            .indicators[0]
            .outcome
    };
    assert_eq!(outcome("full-value"), StandardOutcome::Equal);
    assert_eq!(outcome("rounded-value"), StandardOutcome::Stricter);
}

/// A limit written with 0 to 2 decimals: one-sided or a range.
fn limit_text() -> impl Strategy<Value = String> {
    let num = (-300i64..300, 0u32..3).prop_map(|(m, s)| Decimal::new(m, s));
    let width = (1i64..300, 0u32..3).prop_map(|(m, s)| Decimal::new(m, s));
    prop_oneof![
        (prop::sample::select(vec!["≥", ">", "≤", "<"]), num.clone())
            .prop_map(|(op, a)| format!("{op} {a}")),
        (num, width, any::<bool>(), any::<bool>()).prop_map(|(a, w, lo, hi)| format!(
            "{}{a} ~ {}{}",
            if lo { ">" } else { "" },
            if hi { "<" } else { "" },
            a + w
        )),
    ]
}

/// Values around every end of both limits, at half and whole intervals of both limits'
/// written digits, and just beside each: every end of an accepted set is among them.
fn samples(a: &Limit, b: &Limit) -> Vec<Decimal> {
    let eps = Decimal::new(1, 6);
    let mut out = Vec::new();
    let intervals = [a.written_interval().value(), b.written_interval().value()];
    for l in [a, b] {
        for end in [l.lower(), l.upper()].into_iter().flatten() {
            for i in intervals {
                let half = i / Decimal::TWO;
                for k in -3i64..=3 {
                    let at = end.value + half * Decimal::from(k);
                    out.extend([at - eps, at, at + eps]);
                }
            }
        }
    }
    out.push(Decimal::new(-10_000, 0));
    out.push(Decimal::new(10_000, 0));
    out
}

proptest! {
    /// A is stricter than B exactly when every sampled value A accepts B accepts and some
    /// value B accepts A does not — accepted as the verdict function judges.
    #[test]
    fn strictness_is_inclusion_of_what_the_verdict_accepts(
        a in limit_text(),
        b in limit_text(),
        rounded in any::<bool>(),
    ) {
        let (a, b): (Limit, Limit) = (a.parse().unwrap(), b.parse().unwrap());
        let method = if rounded { Method::RoundedValue } else { Method::FullValue };
        let s = strictness(&a, &b, None, method, None).unwrap();
        let (mut a_only, mut b_only) = (false, false);
        for x in samples(&a, &b) {
            let pa = judge(x, &a, method).unwrap().is_pass();
            let pb = judge(x, &b, method).unwrap().is_pass();
            a_only |= pa && !pb;
            b_only |= pb && !pa;
        }
        let expected = match (a_only, b_only) {
            (false, false) => Strictness::Equivalent,
            (false, true) => Strictness::Stricter,
            (true, false) => Strictness::Looser,
            (true, true) => Strictness::Incomparable,
        };
        prop_assert_eq!(s, expected, "{} vs {} ({:?})", a, b, method);
    }
}

/// The plan check's "benchmark level is empty" error compares the sets each requirement
/// accepts under the indicator's method, as the verdict does: under rounded-value judgement
/// 96.55 rounds to 97 (meets `≥ 97`) and to 96.6 (meets `≤ 96.6`), so the level is not empty.
#[test]
fn the_plan_check_sees_the_accepted_sets() {
    let text = |judgement: &str| {
        format!(
            r#"
schema_version = 1
category = {{ en = "caustic soda" }}
standards = [
  {{ code = "GB/T 209-2018", role = "benchmark" }},
  {{ code = "T/A 1-2024", role = "benchmark" }},
]
[[indicators]]
id = "naoh"
unit = "%"
direction = "nominal-is-best"
judgement = "{judgement}"
requirements = {{ "GB/T 209-2018" = "≥ 97 %", "T/A 1-2024" = "≤ 96.6 %" }}
"#
        )
    };
    let full = Plan::from_toml_str(&text("full-value")).unwrap();
    let first = full.check().errors().next().map(|e| e.to_string());
    assert_eq!(
        first.as_deref(),
        Some(
            r#"error: indicators[0].requirements."T/A 1-2024": the benchmark level is empty: no value meets both "GB/T 209-2018" = "≥ 97 %" and "T/A 1-2024" = "≤ 96.6 %""#
        )
    );
    let rounded = Plan::from_toml_str(&text("rounded-value")).unwrap();
    assert!(
        rounded.check().is_ok(),
        "{:?}",
        rounded
            .check()
            .errors()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
    );
    let engine = rounded.compile().unwrap();
    let p = duibiao::Product::new("P").with("naoh", "96.55").unwrap();
    let v = engine.evaluate(&p).unwrap();
    assert_ne!(v.indicators[0].outcome, duibiao::Outcome::FallsShort);
}
