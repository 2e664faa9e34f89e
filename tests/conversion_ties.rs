//! Comparisons between two numbers both converted through a ratio that does not terminate
//! (docs/limits.md, "Open limit"): each is rounded to 28 significant digits before they meet.
//! What the docs claim holds: equal numbers stay equal, and numbers that differ within their
//! first 26 significant digits keep their order, on the exact and the fast path.

use duibiao::{Class, Outcome, Plan, Product};

/// An indicator in m/s whose benchmark writes km/h (× 5/18: no decimal holds 120 km/h in m/s).
fn plan() -> Plan {
    Plan::from_toml_str(
        r#"
schema_version = 1
category = { en = "vehicle" }
standards = [{ code = "GB/T 1-2020", role = "benchmark" }]
[[indicators]]
id = "speed"
unit = "m/s"
direction = "lower-is-better"
requirements = { "GB/T 1-2020" = "≤ 120 km/h" }
"#,
    )
    .unwrap()
}

fn judged(value: &str) -> (Outcome, Class) {
    let engine = plan().compile().unwrap();
    let p = Product::new("P").with("speed", value).unwrap();
    let v = engine.evaluate(&p).unwrap();
    if let Ok(fast) = engine.classifier() {
        if let Some(prepared) = fast.prepare(&p).unwrap() {
            assert_eq!(fast.class(&prepared), v.class, "{value}: fast = exact");
        }
    }
    (v.indicators[0].outcome, v.class)
}

#[test]
fn equal_numbers_stay_equal_through_two_roundings() {
    // 120 km/h is 33.333… m/s on both sides: rounded alike, so it meets (≤ holds).
    assert_eq!(judged("120 km/h").0, Outcome::Meets);
    assert_eq!(judged("120 km/h").1, Class::Follower);
    // Written in m/s to 28 digits it is a hair above the level: refused by the level.
    assert_eq!(
        judged("33.33333333333333333333333334 m/s").0,
        Outcome::FallsShort
    );
}

#[test]
fn numbers_that_differ_early_keep_their_order() {
    for (value, outcome) in [
        ("120.0000000000000000000001 km/h", Outcome::FallsShort),
        // Below the level by any margin exceeds it (no tolerance, no grades).
        ("119.9999999999999999999999 km/h", Outcome::Exceeds),
        ("120.1 km/h", Outcome::FallsShort),
        ("119.9 km/h", Outcome::Exceeds),
    ] {
        assert_eq!(judged(value).0, outcome, "{value}");
    }
}
