//! Decision rules with measurement uncertainty (ILAC-G8:09/2019 clause 4.2, JCGM 106:2012):
//! the published vectors, tables per rule and limit shape, boundaries, and the laws.

mod util;

use duibiao::decision::{judge_with, Conformity, DecisionRule, GuardBandFactor, Judgement, Method};
use duibiao::{Limit, Measurement};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn rule(name: &str, r: &str) -> DecisionRule {
    name.parse::<DecisionRule>()
        .unwrap()
        .with_guard_band_factor(r.parse().unwrap())
}

/// The outcome of `value ± u` against `limit` with `rule` (full-value comparison).
#[track_caller]
fn outcome(limit: &str, value: &str, u: &str, rule: DecisionRule) -> &'static str {
    let limit: Limit = limit.parse().unwrap();
    let m: Measurement = format!("{value} ± {u}").parse().unwrap();
    judge_with(m, &limit, rule).unwrap().outcome.as_str()
}

#[test]
fn published_vectors() {
    let rows = util::vectors("decision.csv");
    assert_eq!(rows.len(), 5);
    for row in rows {
        let limit: Limit = row.get("limit").parse().unwrap();
        let mut m: Measurement = row.get("value").parse().unwrap();
        if let Some(u) = row.opt("uncertainty_U") {
            m = Measurement::new(m.value(), Some(d(u)), m.unit().cloned()).unwrap();
        }
        if let Some(k) = row.opt("k") {
            m = m.with_coverage_factor(d(k)).unwrap();
        }
        let mut rule: DecisionRule = row.get("rule").parse().unwrap();
        if let Some(r) = row.opt("guard_band_r") {
            rule = rule.with_guard_band_factor(r.parse().unwrap());
        }
        let e = judge_with(m, &limit, rule).unwrap();
        assert_eq!(
            e.outcome.as_str(),
            row.get("expected"),
            "line {}: {} against {} ({})",
            row.line,
            row.get("value"),
            row.get("limit"),
            row.get("source")
        );
        assert_eq!(e.rule, rule);
    }
}

#[test]
fn the_vectors_acceptance_limits_are_the_ones_stated() {
    // decision.csv line 4: AL = 0.002 on both sides of the deviation ±0.003 mm.
    let e = judge_with(
        "0.0017 ± 0.0010".parse::<Measurement>().unwrap(),
        &"±0.003 mm".parse().unwrap(),
        DecisionRule::non_binary(),
    )
    .unwrap();
    let acc = e.acceptance.unwrap();
    assert_eq!(acc.lower.unwrap().value, d("-0.002"));
    assert_eq!(acc.upper.unwrap().value, d("0.002"));
    let rej = e.non_rejection.unwrap();
    assert_eq!(rej.lower.unwrap().value, d("-0.004"));
    assert_eq!(rej.upper.unwrap().value, d("0.004"));
    assert_eq!(e.guard_band, Some(d("0.0010")));
    assert_eq!(e.coverage_factor, Some(Decimal::TWO));
}

#[test]
fn upper_limit_each_rule() {
    // ≤ 10, U = 0.3, r = 1: AL = 9.7, TL + w = 10.3.
    // Columns: simple (4.2.1), guarded acceptance (4.2.2), guarded rejection (4.2.2),
    // non-binary (4.2.3).
    let table = [
        ("9.5", ["pass", "pass", "pass", "pass"]),
        ("9.7", ["pass", "pass", "pass", "pass"]), // on AL
        ("9.8", ["pass", "fail", "pass", "conditional-pass"]),
        ("10", ["pass", "fail", "pass", "conditional-pass"]), // on TL
        ("10.1", ["fail", "fail", "pass", "conditional-fail"]),
        ("10.3", ["fail", "fail", "pass", "conditional-fail"]), // on TL + w
        ("10.31", ["fail", "fail", "fail", "fail"]),
    ];
    let rules = [
        DecisionRule::Simple,
        DecisionRule::guarded_acceptance(),
        DecisionRule::guarded_rejection(),
        DecisionRule::non_binary(),
    ];
    for (value, expected) in table {
        for (rule, want) in rules.iter().zip(expected) {
            assert_eq!(
                outcome("≤ 10 mg/kg", value, "0.3", *rule),
                want,
                "{value} with {rule}"
            );
        }
    }
}

#[test]
fn lower_limit_each_rule() {
    // ≥ 97.0 %, U = 0.2, r = 1.5 → w = 0.3: AL = 97.3, TL − w = 96.7.
    let table = [
        ("97.5", ["pass", "pass", "pass", "pass"]),
        ("97.3", ["pass", "pass", "pass", "pass"]), // on AL
        ("97.2", ["pass", "fail", "pass", "conditional-pass"]),
        ("97.0", ["pass", "fail", "pass", "conditional-pass"]), // on TL
        ("96.9", ["fail", "fail", "pass", "conditional-fail"]),
        ("96.7", ["fail", "fail", "pass", "conditional-fail"]), // on TL − w
        ("96.69", ["fail", "fail", "fail", "fail"]),
    ];
    let r = "1.5";
    let rules = [
        DecisionRule::Simple,
        rule("guarded-acceptance", r),
        rule("guarded-rejection", r),
        rule("non-binary", r),
    ];
    for (value, expected) in table {
        for (rule, want) in rules.iter().zip(expected) {
            assert_eq!(
                outcome("≥ 97.0 %", value, "0.2", *rule),
                want,
                "{value} with {rule}"
            );
        }
    }
}

#[test]
fn two_sided_limits_shrink_and_widen_both_ends() {
    // 10.0 ± 0.1 mm, U = 0.02: AL = 9.92 … 10.08, TL ± w = 9.88 … 10.12 (ILAC-G8 4.2.3).
    let nb = DecisionRule::non_binary();
    for (value, want) in [
        ("9.87", "fail"),
        ("9.88", "conditional-fail"),
        ("9.9", "conditional-pass"),
        ("9.92", "pass"),
        ("10", "pass"),
        ("10.08", "pass"),
        ("10.09", "conditional-pass"),
        ("10.1", "conditional-pass"),
        ("10.12", "conditional-fail"),
        ("10.13", "fail"),
    ] {
        assert_eq!(outcome("10.0 ± 0.1 mm", value, "0.02", nb), want, "{value}");
        assert_eq!(outcome("9.9 ~ 10.1 mm", value, "0.02", nb), want, "{value}");
    }
    // Unequal deviations: 10 +0.2 -0.1, w = 0.05 → AL 9.95 … 10.15.
    let ga = DecisionRule::guarded_acceptance();
    assert_eq!(outcome("10 +0.2 -0.1", "9.95", "0.05", ga), "pass");
    assert_eq!(outcome("10 +0.2 -0.1", "9.94", "0.05", ga), "fail");
    assert_eq!(outcome("10 +0.2 -0.1", "10.15", "0.05", ga), "pass");
    assert_eq!(outcome("10 +0.2 -0.1", "10.16", "0.05", ga), "fail");
}

#[test]
fn open_limits_put_every_boundary_on_the_worse_side() {
    // The written-end convention: `< 10` is open, so AL = 9.7, TL and TL + w are open too.
    let nb = DecisionRule::non_binary();
    let ga = DecisionRule::guarded_acceptance();
    let gr = DecisionRule::guarded_rejection();
    assert_eq!(outcome("< 10", "9.69", "0.3", nb), "pass");
    assert_eq!(outcome("< 10", "9.7", "0.3", nb), "conditional-pass");
    assert_eq!(outcome("< 10", "9.7", "0.3", ga), "fail");
    assert_eq!(outcome("< 10", "10", "0.3", nb), "conditional-fail");
    assert_eq!(outcome("< 10", "10.29", "0.3", gr), "pass");
    assert_eq!(outcome("< 10", "10.3", "0.3", nb), "fail");
    assert_eq!(outcome("< 10", "10.3", "0.3", gr), "fail");
    // A lower open end, and an open deviation end.
    assert_eq!(outcome("> 5", "5.1", "0.1", ga), "fail");
    assert_eq!(outcome("> 5", "5.11", "0.1", ga), "pass");
    assert_eq!(
        outcome("10 ± 0.1 (不含+0.1)", "10.1", "0.01", nb),
        "conditional-fail"
    );
    assert_eq!(
        outcome("10 ± 0.1 (不含+0.1)", "9.9", "0.01", nb),
        "conditional-pass"
    );
}

#[test]
fn an_empty_acceptance_zone_passes_nothing() {
    // ±0.003 with w = 0.004: AL would be +0.001 … −0.001, crossed.
    let limit: Limit = "±0.003 mm".parse().unwrap();
    let e = judge_with(
        "0 ± 0.004".parse::<Measurement>().unwrap(),
        &limit,
        DecisionRule::non_binary(),
    )
    .unwrap();
    assert!(e.acceptance.unwrap().is_empty());
    assert_eq!(e.outcome, Conformity::ConditionalPass);
    assert_eq!(
        outcome(
            "±0.003 mm",
            "0",
            "0.004",
            DecisionRule::guarded_acceptance()
        ),
        "fail"
    );
    // Exactly 2w wide with closed ends: one point passes.
    assert_eq!(
        outcome(
            "±0.003 mm",
            "0",
            "0.003",
            DecisionRule::guarded_acceptance()
        ),
        "pass"
    );
}

#[test]
fn uncertainty_converts_into_the_limit_unit_as_a_difference() {
    // ≤ 5.0 L; 4.7 L ± 200 mL → U = 0.2 L, AL = 4.8.
    let limit: Limit = "≤ 5.0 L".parse().unwrap();
    let e = judge_with(
        "4700 mL ± 200 mL".parse::<Measurement>().unwrap(),
        &limit,
        DecisionRule::guarded_acceptance(),
    )
    .unwrap();
    assert_eq!(e.uncertainty, Some(d("0.2")));
    assert_eq!(e.outcome, Conformity::Pass);
    // °F → °C: a difference, no offset. ≤ 40 °C, 100.4 °F = 38 °C, U = 1.8 °F = 1 K.
    let e = judge_with(
        "100.4 °F ± 1.8 °F".parse::<Measurement>().unwrap(),
        &"≤ 40 °C".parse().unwrap(),
        DecisionRule::non_binary().with_guard_band_factor(GuardBandFactor::ONE),
    )
    .unwrap();
    assert_eq!(e.uncertainty.map(|u| u.normalize()), Some(Decimal::ONE));
    assert_eq!(e.outcome, Conformity::Pass); // 38 ≤ AL = 39
}

#[test]
fn rounded_value_comparison_rounds_first_then_applies_the_rule() {
    // ≥ 97.0 %: 96.96 rounds to 97.0 (on TL). With U = 0.1: conditional pass, not pass.
    let limit: Limit = "≥ 97.0 %".parse().unwrap();
    let options = Judgement::from(Method::RoundedValue).rule(DecisionRule::non_binary());
    let e = judge_with(
        "96.96 ± 0.1".parse::<Measurement>().unwrap(),
        &limit,
        options,
    )
    .unwrap();
    assert_eq!(e.rounded, Some(d("97.0")));
    assert_eq!(e.outcome, Conformity::ConditionalPass);
    // Full-value: 96.96 is below TL, within w → conditional fail.
    let e = judge_with(
        "96.96 ± 0.1".parse::<Measurement>().unwrap(),
        &limit,
        DecisionRule::non_binary(),
    )
    .unwrap();
    assert_eq!(e.outcome, Conformity::ConditionalFail);
}

#[test]
fn marked_values_lean_across_the_acceptance_limit() {
    // ≤ 10, w = 0.5 → AL = 9.5: 9.5(+) lies just above AL, 9.5(−) just below.
    let ga = DecisionRule::guarded_acceptance();
    assert_eq!(outcome("≤ 10", "9.5(+)", "0.5", ga), "fail");
    assert_eq!(outcome("≤ 10", "9.5(-)", "0.5", ga), "pass");
}

#[test]
fn a_guard_band_needs_an_uncertainty() {
    let limit: Limit = "≤ 10 mg/kg".parse().unwrap();
    let err = judge_with(d("9.8"), &limit, DecisionRule::guarded_acceptance()).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"value "9.8": the decision rule "guarded-acceptance (r = 1)" needs the expanded uncertainty U of the value (write "9.8 ± U")"#
    );
    assert!(err.is_invalid());
    // Simple acceptance needs none, and records U when given.
    assert_eq!(
        judge_with(d("9.8"), &limit, DecisionRule::Simple)
            .unwrap()
            .outcome,
        Conformity::Pass
    );
    let e = judge_with(
        "9.8 ± 0.3".parse::<Measurement>().unwrap(),
        &limit,
        DecisionRule::Simple,
    )
    .unwrap();
    assert_eq!(
        (e.uncertainty, e.guard_band),
        (Some(d("0.3")), Some(Decimal::ZERO))
    );
    assert_eq!((e.acceptance, e.non_rejection), (None, None));
}

#[test]
fn rules_read_and_print_back() {
    for (text, shown) in [
        ("simple", "simple"),
        ("guarded-acceptance", "guarded-acceptance (r = 1)"),
        ("guarded-rejection (r = 1.5)", "guarded-rejection (r = 1.5)"),
        ("non-binary (r=0.83)", "non-binary (r = 0.83)"),
    ] {
        let rule: DecisionRule = text.parse().unwrap();
        assert_eq!(rule.to_string(), shown);
        assert_eq!(shown.parse::<DecisionRule>().unwrap(), rule);
    }
    for (bad, message) in [
        (
            "guarded",
            r#"decision rule "guarded": expected "simple", "guarded-acceptance", "guarded-rejection" or "non-binary""#,
        ),
        (
            "simple (r = 1)",
            r#"decision rule "simple (r = 1)": simple acceptance has no guard band (w = 0)"#,
        ),
        (
            "non-binary (r = -1)",
            r#"decision rule "non-binary (r = -1)": guard band factor "-1": a guard band factor r (w = r·U) is never negative"#,
        ),
        (
            "non-binary (k = 2)",
            r#"decision rule "non-binary (k = 2)": expected "(r = R)" with the guard band factor R"#,
        ),
    ] {
        assert_eq!(
            bad.parse::<DecisionRule>().unwrap_err().to_string(),
            message
        );
    }
}

#[test]
fn evidence_serializes_the_rule_and_zones() {
    let e = judge_with(
        "9.8 ± 0.3 mg/kg".parse::<Measurement>().unwrap(),
        &"≤ 10 mg/kg".parse().unwrap(),
        DecisionRule::GuardedAcceptance {
            r: GuardBandFactor::ISO_14253_1,
        },
    )
    .unwrap();
    let v = serde_json::to_value(&e).unwrap();
    assert_eq!(v["rule"]["kind"], "guarded-acceptance");
    assert_eq!(v["rule"]["r"], "0.83");
    assert_eq!(v["uncertainty"], "0.3");
    assert_eq!(v["coverage-factor"], "2");
    assert_eq!(v["guard-band"], "0.249");
    assert_eq!(v["acceptance"]["upper"]["value"], "9.751");
    assert_eq!(v["outcome"], "fail");
    // The rule deserializes back, r defaulting to 1.
    let rule: DecisionRule = serde_json::from_value(v["rule"].clone()).unwrap();
    assert_eq!(rule, e.rule);
    let rule: DecisionRule = serde_json::from_str(r#"{"kind":"non-binary"}"#).unwrap();
    assert_eq!(rule, DecisionRule::non_binary());
    assert!(serde_json::from_str::<DecisionRule>(r#"{"kind":"non-binary","r":"-1"}"#).is_err());
}

// ---------------------------------------------------------------------------------------------
// Laws.

fn scaled(m: i64, scale: u32) -> Decimal {
    Decimal::new(m, scale)
}

/// Limits of every shape, open and closed.
fn any_limit() -> impl Strategy<Value = Limit> {
    prop_oneof![
        (
            -100_000i64..100_000,
            0u32..3,
            prop::sample::select(vec!["≥", ">", "≤", "<"])
        )
            .prop_map(|(m, s, op)| format!("{op} {}", scaled(m, s)).parse().unwrap()),
        (
            -100_000i64..100_000,
            1i64..10_000,
            0u32..3,
            any::<bool>(),
            any::<bool>()
        )
            .prop_map(|(m, w, s, lo, hi)| {
                let lo = if lo { "" } else { ">" };
                let hi = if hi { "" } else { "<" };
                format!("{lo}{} ~ {hi}{}", scaled(m, s), scaled(m + w, s))
                    .parse()
                    .unwrap()
            }),
        (-100_000i64..100_000, 1i64..1000, 0u32..3).prop_map(|(m, w, s)| {
            format!("{} ± {}", scaled(m, s), scaled(w, s))
                .parse()
                .unwrap()
        }),
        (1i64..1000, 0u32..4).prop_map(|(w, s)| format!("±{}", scaled(w, s)).parse().unwrap()),
    ]
}

/// Closed limits only (for the monotonicity law, where distance alone must decide).
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
    ]
}

/// A limit and a value near one of its ends (so that every zone is reached).
fn near<L: Strategy<Value = Limit>>(limits: L) -> impl Strategy<Value = (Limit, Decimal)> {
    (limits, any::<bool>(), -5_000i64..5_000, 0u32..3).prop_map(|(limit, low, m, s)| {
        let end = if low {
            limit.lower().or(limit.upper())
        } else {
            limit.upper().or(limit.lower())
        };
        let x = end.map(|b| b.value).unwrap_or_default() + scaled(m, s);
        (limit, x)
    })
}

fn uncertainty() -> impl Strategy<Value = Decimal> {
    (0i64..3_000, 0u32..3).prop_map(|(m, s)| scaled(m, s))
}

fn factor() -> impl Strategy<Value = GuardBandFactor> {
    (0i64..400, 0u32..3).prop_map(|(m, s)| GuardBandFactor::new(scaled(m, s)).unwrap())
}

fn measured(x: Decimal, u: Decimal) -> Measurement {
    Measurement::new(x, Some(u), None).unwrap()
}

fn judged(x: Decimal, u: Decimal, limit: &Limit, rule: DecisionRule) -> Conformity {
    judge_with(measured(x, u), limit, rule).unwrap().outcome
}

/// Worse outcomes rank higher.
fn rank(c: Conformity) -> u8 {
    match c {
        Conformity::Pass => 0,
        Conformity::ConditionalPass => 1,
        Conformity::ConditionalFail => 2,
        _ => 3,
    }
}

/// Signed distance from the conforming set of a closed limit: ≤ 0 inside, > 0 outside.
fn distance(limit: &Limit, x: Decimal) -> Decimal {
    let below = limit.lower().map(|b| b.value - x);
    let above = limit.upper().map(|b| x - b.value);
    match (below, above) {
        (Some(a), Some(b)) => a.max(b),
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => Decimal::MIN,
    }
}

proptest! {
    #[test]
    fn widening_the_guard_band_never_helps_under_acceptance_nor_hurts_under_rejection(
        (limit, x) in near(any_limit()), u in uncertainty(), du in uncertainty(),
        r1 in factor(), r2 in factor(),
    ) {
        // ILAC-G8 4.2.2: a larger w (larger r or larger U) moves AL inward and TL + w outward.
        let (small, large) = if r1 <= r2 { (r1, r2) } else { (r2, r1) };
        let u_large = u + du;
        let ga = |r| DecisionRule::GuardedAcceptance { r };
        let gr = |r| DecisionRule::GuardedRejection { r };
        if judged(x, u, &limit, ga(small)) == Conformity::Fail {
            prop_assert_eq!(judged(x, u, &limit, ga(large)), Conformity::Fail);
            prop_assert_eq!(judged(x, u_large, &limit, ga(small)), Conformity::Fail);
        }
        if judged(x, u, &limit, gr(small)) == Conformity::Pass {
            prop_assert_eq!(judged(x, u, &limit, gr(large)), Conformity::Pass);
            prop_assert_eq!(judged(x, u_large, &limit, gr(small)), Conformity::Pass);
        }
    }

    #[test]
    fn with_no_uncertainty_every_rule_is_simple_acceptance(
        (limit, x) in near(any_limit()), r in factor(),
        method in prop::sample::select(vec![Method::FullValue, Method::RoundedValue]),
    ) {
        let simple = judge_with(measured(x, Decimal::ZERO), &limit, method).unwrap().outcome;
        for rule in [
            DecisionRule::GuardedAcceptance { r },
            DecisionRule::GuardedRejection { r },
            DecisionRule::NonBinary { r },
        ] {
            let options = Judgement::from(method).rule(rule);
            prop_assert_eq!(judge_with(measured(x, Decimal::ZERO), &limit, options).unwrap().outcome, simple);
        }
    }

    #[test]
    fn non_binary_outcome_is_monotone_in_the_distance_from_the_set(
        (limit, x1) in near(closed_limit()), d2 in -5_000i64..5_000, u in uncertainty(), r in factor(),
    ) {
        // ILAC-G8 4.2.3: pass, conditional pass, conditional fail, fail, in this order as the
        // value moves away from the conforming set.
        let x2 = x1 + scaled(d2, 2);
        let (near, far) = if distance(&limit, x1) <= distance(&limit, x2) { (x1, x2) } else { (x2, x1) };
        let rule = DecisionRule::NonBinary { r };
        prop_assert!(rank(judged(near, u, &limit, rule)) <= rank(judged(far, u, &limit, rule)));
    }

    #[test]
    fn guarded_acceptance_pass_implies_simple_pass_implies_guarded_rejection_pass(
        (limit, x) in near(any_limit()), u in uncertainty(), r in factor(),
    ) {
        let ga = judged(x, u, &limit, DecisionRule::GuardedAcceptance { r });
        let simple = judged(x, u, &limit, DecisionRule::Simple);
        let gr = judged(x, u, &limit, DecisionRule::GuardedRejection { r });
        if ga.is_pass() {
            prop_assert!(simple.is_pass());
        }
        if simple.is_pass() {
            prop_assert!(gr.is_pass());
        }
        // And the non-binary rule refines both binary guarded rules.
        let nb = judged(x, u, &limit, DecisionRule::NonBinary { r });
        prop_assert_eq!(nb.is_pass(), ga.is_pass());
        prop_assert_eq!(nb == Conformity::Fail, gr == Conformity::Fail);
    }
}

/// A plan of one indicator with `decision-rule = RULE` (line 10).
fn plan_with_rule(rule: &str) -> String {
    format!(
        r#"schema_version = 1
category = {{ en = "rule test" }}
[[standards]]
code = "IEC 60335-2-84:2019"
role = "benchmark"
[[indicators]]
id = "leakage-current"
unit = "mA"
direction = "lower-is-better"
decision-rule = {rule}
requirements = {{ "IEC 60335-2-84:2019" = "≤ 0.75 mA" }}
"#
    )
}

/// Simple acceptance (ILAC-G8 4.2.1) has no guard band: a plan that gives it an `r` is refused
/// where it is read, located at the rule, saying which kinds take `r` (0.1.0 ignored it).
#[test]
fn simple_takes_no_guard_band_factor() {
    use duibiao::{ErrorKind, Lang, Limits, Plan};
    let text = plan_with_rule(r#"{ kind = "simple", r = "2" }"#);
    let e = Plan::from_toml_str(&text).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Plan, "{e}");
    let m = e.to_string();
    assert!(m.starts_with("line 10, column 17: "), "{m}");
    assert!(
        m.contains(
            "decision-rule: kind \"simple\" takes no guard band factor \"r\" (simple acceptance \
             has w = 0): remove \"r\", or choose kind \"guarded-acceptance\", \
             \"guarded-rejection\" or \"non-binary\", which take it"
        ),
        "{m}"
    );
    let span = e.span().expect("located");
    assert_eq!(span.line, 10);
    assert_eq!(
        &text[span.start..span.end],
        r#"{ kind = "simple", r = "2" }"#
    );
    assert!(Plan::read_toml(&text, &Limits::default()).is_err());
    // The rule's own message survives the TOML reader, in Chinese too.
    assert_eq!(
        e.message(Lang::Zh),
        "第 10 行第 17 列：decision-rule：种类 \"simple\" 不带保护带因子 \"r\"（简单接受 w = 0）：\
         请删去 \"r\"，或选择带 r 的种类 \"guarded-acceptance\"、\"guarded-rejection\" 或 \"non-binary\""
    );
    assert!(!m.contains("the TOML reader says"), "{m}");
    // Also as a TOML number.
    assert!(Plan::from_toml_str(&plan_with_rule(r#"{ kind = "simple", r = 1 }"#)).is_err());
    // Without r, simple reads; the other kinds take r; a field no kind takes is refused.
    Plan::from_toml_str(&plan_with_rule(r#"{ kind = "simple" }"#)).unwrap();
    Plan::from_toml_str(&plan_with_rule(r#"{ kind = "non-binary", r = "0.83" }"#)).unwrap();
    let e = Plan::from_toml_str(&plan_with_rule(
        r#"{ kind = "guarded-acceptance", w = "1" }"#,
    ))
    .unwrap_err();
    assert!(e.to_string().contains("unknown field `w`"), "{e}");
}
