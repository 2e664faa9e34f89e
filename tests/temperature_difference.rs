//! Temperature rises (温升): an indicator of `kind = "temperature-difference"` (or `温升`,
//! `温差`) holds differences, so `25 ~ 40 °C` is 25 K … 40 K, never 298.15 K … 313.15 K, on
//! every path: the plan check, the benchmark level, the exact and the fast evaluation, the
//! standards comparison and `judge`.

mod common;

use duibiao::decision::{judge_with, Conformity, Judgement};
use duibiao::verdict::StandardOutcome;
use duibiao::{Class, Lang, Limit, Measurement, Outcome, Plan, Product};

/// A winding temperature rise (GB/T 755 style): lower is better.
fn plan(kind: &str, unit: &str, benchmark: &str, subject: &str) -> Plan {
    let kind = if kind.is_empty() {
        String::new()
    } else {
        format!("kind = \"{kind}\"\n")
    };
    let text = format!(
        r#"
schema_version = 1
category = {{ en = "motor" }}
standards = [
  {{ code = "GB/T 755-2019", role = "benchmark" }},
  {{ code = "Q/ABC 001-2024", role = "subject" }},
]
[[indicators]]
id = "rise"
unit = "{unit}"
{kind}direction = "nominal-is-best"
requirements = {{ "GB/T 755-2019" = "{benchmark}", "Q/ABC 001-2024" = "{subject}" }}
"#
    );
    Plan::from_toml_str(&text).unwrap()
}

#[test]
fn a_rise_in_celsius_is_stricter_than_a_wider_one_in_kelvin() {
    for kind in ["temperature-difference", "温升", "温差"] {
        let engine = plan(kind, "K", "15 ~ 40 K", "25 ~ 40 °C")
            .compile()
            .unwrap();
        let cmp = engine.compare_standards().unwrap();
        assert_eq!(
            cmp.indicators[0].outcome,
            StandardOutcome::Stricter,
            "{kind}"
        );
        // In °C on the indicator too: the same relation.
        let engine = plan(kind, "°C", "15 ~ 40 K", "25 ~ 40 °C")
            .compile()
            .unwrap();
        let cmp = engine.compare_standards().unwrap();
        assert_eq!(
            cmp.indicators[0].outcome,
            StandardOutcome::Stricter,
            "{kind}"
        );
    }
    // Without the kind the two are absolute temperatures: 298.15 … 313.15 K against 15 … 40 K
    // have no value in common.
    let absolute = plan("", "K", "15 ~ 40 K", "25 ~ 40 °C").compile().unwrap();
    let cmp = absolute.compare_standards().unwrap();
    assert_eq!(cmp.indicators[0].outcome, StandardOutcome::Incomparable);
    // A kind written otherwise is free text: absolute temperatures.
    let free = plan("Temperature-Difference", "K", "15 ~ 40 K", "25 ~ 40 °C")
        .compile()
        .unwrap();
    let cmp = free.compare_standards().unwrap();
    assert_eq!(cmp.indicators[0].outcome, StandardOutcome::Incomparable);
}

#[test]
fn values_limits_and_uncertainties_convert_without_the_offset_on_both_paths() {
    let engine = plan("temperature-difference", "K", "≤ 40 °C", "≤ 38 °F")
        .compile()
        .unwrap();
    let classifier = engine.classifier().unwrap();
    // (value, in the benchmark level ≤ 40 K)
    for (value, meets) in [
        ("30", true),
        ("30 °C", true),
        ("Δ30 °C", true),
        ("72 °F", true),     // 40 K
        ("72.18 °F", false), // 40.1 K
        ("Δ 41 K", false),
        ("40.5", false),
    ] {
        let p = Product::new("P").with("rise", value).unwrap();
        let v = engine.evaluate(&p).unwrap();
        let outcome = v.indicators[0].outcome;
        assert_eq!(
            outcome != Outcome::FallsShort,
            meets,
            "{value}: {outcome:?}"
        );
        if let Some(prepared) = classifier.prepare(&p).unwrap() {
            assert_eq!(classifier.class(&prepared), v.class, "{value}");
        }
    }
    let p = Product::new("P").with("rise", "30 °C").unwrap();
    let v = engine.evaluate(&p).unwrap();
    assert_eq!(
        v.indicators[0]
            .compared
            .map(|x| x.normalize().to_string())
            .as_deref(),
        Some("30")
    );
    assert_ne!(v.class, Class::Gap);
}

#[test]
fn the_standards_ranking_reads_differences() {
    let engine = plan("温升", "K", "≤ 40 K", "≤ 30 °C").compile().unwrap();
    let mut reqs = duibiao::engine::Requirements::new();
    reqs.insert("rise".to_string(), "≤ 35 °C".parse().unwrap());
    let v = engine.evaluate_standard("Q/X 1-2024", &reqs).unwrap();
    assert_ne!(v.indicators[0].outcome, Outcome::FallsShort);
    reqs.insert("rise".to_string(), "≤ 45 °C".parse().unwrap());
    let v = engine.evaluate_standard("Q/X 1-2024", &reqs).unwrap();
    assert_eq!(v.indicators[0].outcome, Outcome::FallsShort);
}

#[test]
fn a_difference_on_an_absolute_indicator_is_refused() {
    let engine = plan("", "°C", "≤ 40 °C", "≤ 38 °C").compile().unwrap();
    let p = Product::new("P").with("rise", "Δ30 K").unwrap();
    let e = engine.evaluate(&p).unwrap_err();
    assert_eq!(
        e.to_string(),
        "product \"P\": indicator \"rise\": value \"Δ30 K\": the temperature difference \"Δ30 K\" cannot be compared with this indicator's absolute temperatures: an indicator of temperature rises writes kind = \"temperature-difference\""
    );
    assert_eq!(
        e.message(Lang::Zh),
        "产品 \"P\"：指标 \"rise\"：数值 \"Δ30 K\"：温差 \"Δ30 K\" 不能与该指标的绝对温度比较，温升指标应写 kind = \"temperature-difference\""
    );
}

#[test]
fn the_kind_needs_a_temperature_unit() {
    let p = plan("temperature-difference", "mm", "≤ 40 mm", "≤ 38 mm");
    let report = p.check();
    let e = report.errors().next().unwrap();
    assert_eq!(
        e.to_string(),
        "error: indicators[0].kind: kind \"temperature-difference\" holds temperature differences, but the unit \"mm\" is length: write a temperature unit (\"K\", \"°C\", \"°F\")"
    );
    assert!(p.compile().is_err());
}

#[test]
fn judge_takes_a_difference() {
    let limit: Limit = "≤ 40 K".parse().unwrap();
    let m = |t: &str| t.parse::<Measurement>().unwrap();
    let j = |v: &str, o: Judgement| judge_with(m(v), &limit, o).unwrap().outcome;
    assert_eq!(j("Δ30 °C", Judgement::new()), Conformity::Pass);
    assert_eq!(
        j("30 °C", Judgement::new().difference(true)),
        Conformity::Pass
    );
    assert_eq!(j("30 °C", Judgement::new()), Conformity::Fail);
    // U converts as a difference either way: 2 °F = 10/9 K.
    let e = judge_with(m("Δ72 ± 1.8 °F"), &limit, Judgement::new()).unwrap();
    assert_eq!(
        e.uncertainty.map(|u| u.normalize().to_string()).as_deref(),
        Some("1")
    );
    for (args, out) in [
        (&["judge", "Δ30 °C", "≤ 40 K"][..], "pass\n"),
        (&["judge", "--difference", "30 °C", "≤ 40 K"][..], "pass\n"),
        (&["judge", "30 °C", "≤ 40 K"][..], "fail\n"),
    ] {
        let o = common::duibiao().args(args).output().unwrap();
        assert_eq!(String::from_utf8_lossy(&o.stdout), out, "{args:?}");
    }
}
