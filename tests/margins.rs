//! The margin of a value that does not conform is never in its favour: a value beyond the end
//! its direction does not measure from (0.5 L against a lower-is-better `1 ~ 4 L`) is measured
//! from that end, negative, on the exact and the fast path (docs/rules.md §6).

use duibiao::{Outcome, Plan, Product};
use rust_decimal::Decimal;

fn plan(direction: &str, level: &str) -> Plan {
    Plan::from_toml_str(&format!(
        r#"
schema_version = 1
category = {{ en = "x" }}
standards = [{{ code = "GB/T 1-2020", role = "benchmark" }}]
[[indicators]]
id = "v"
unit = "L"
direction = "{direction}"
requirements = {{ "GB/T 1-2020" = "{level}" }}
"#
    ))
    .unwrap()
}

#[track_caller]
fn check(direction: &str, level: &str, value: &str, outcome: Outcome, margin: &str) {
    let engine = plan(direction, level).compile().unwrap();
    let p = Product::new("P").with("v", value).unwrap();
    let v = engine.evaluate(&p).unwrap();
    let i = &v.indicators[0];
    assert_eq!(i.outcome, outcome, "{direction} {level} {value}");
    let want: Decimal = margin.parse().unwrap();
    assert_eq!(
        i.margin.map(|m| m.value),
        Some(want),
        "{direction} {level} {value}"
    );
    let fast = engine.classifier().unwrap();
    let prepared = fast.prepare(&p).unwrap().expect("on the fast path");
    let mut out = Vec::new();
    assert_eq!(fast.outcomes_into(&prepared, &mut out), v.class);
    assert_eq!(
        out[0].margin(),
        Some(want),
        "fast: {direction} {level} {value}"
    );
}

#[test]
fn a_value_beyond_the_other_end_is_measured_from_it() {
    // Lower is better, the level bounded below too: 0.5 L lies below 1 L.
    check(
        "lower-is-better",
        "1 ~ 4",
        "0.5",
        Outcome::FallsShort,
        "-0.5",
    );
    check("lower-is-better", "1 ~ 4", "5", Outcome::FallsShort, "-1");
    check("lower-is-better", "1 ~ 4", "3", Outcome::Exceeds, "1");
    // Higher is better, bounded above too: 9 L lies above 8 L.
    check("higher-is-better", "2 ~ 8", "9", Outcome::FallsShort, "-1");
    check("higher-is-better", "2 ~ 8", "1", Outcome::FallsShort, "-1");
    check("higher-is-better", "2 ~ 8", "3", Outcome::Exceeds, "1");
}
