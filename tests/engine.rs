//! The verdict engine on the example plans: classes, outcomes and evidence.

use duibiao::verdict::{Class, Outcome, StandardOutcome};
use duibiao::{Plan, Product};

fn plan(name: &str) -> Plan {
    let text = std::fs::read_to_string(format!(
        "{}/examples/plans/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    Plan::from_toml_str(&text).unwrap()
}

fn product(id: &str, values: &[(&str, &str)]) -> Product {
    values
        .iter()
        .fold(Product::new(id), |p, (k, v)| p.with(k, v).unwrap())
}

#[test]
fn smart_toilet_products() {
    let engine = plan("smart-toilet.toml").compile().unwrap();
    // Level: flush water ≤ 4.0 L (T/CZGX, stricter than GB/T's 5.0 L); standby ≤ 1.0 W;
    // water temperature 38 ± 3 °C; leakage ≤ 0.75 mA (basic).
    let leader = product(
        "L",
        &[
            ("flush-water", "3.5 L"),
            ("standby-power", "0.5 W"),
            ("water-temperature", "38.5"),
            ("leakage-current", "0.3 mA"),
        ],
    );
    let v = engine.evaluate(&leader).unwrap();
    assert_eq!(v.class, Class::Leader, "{v:#?}");
    let flush = &v.indicators[0];
    assert_eq!(flush.outcome, Outcome::Exceeds);
    assert_eq!(flush.standard.as_deref(), Some("T/CZGX 001-2022"));
    assert_eq!(flush.limit.as_deref(), Some("≤ 4.0 L"));
    assert_eq!(flush.margin.unwrap().value.to_string(), "0.5");
    assert_eq!(flush.grade.as_ref().unwrap().rank, 0);

    // 4.0 L exactly meets; standby 0.96 W exceeds the 1.0 W level by 0.04 < 0.05 tolerance → meets.
    let follower = product(
        "F",
        &[
            ("flush-water", "4000 mL"),
            ("standby-power", "0.96"),
            ("water-temperature", "40 °C"),
            ("leakage-current", "0.5"),
        ],
    );
    let v = engine.evaluate(&follower).unwrap();
    assert_eq!(v.class, Class::Follower, "{v:#?}");
    assert_eq!(v.indicators[0].outcome, Outcome::Meets);
    assert_eq!(v.indicators[1].outcome, Outcome::Meets);

    let gap = product(
        "G",
        &[
            ("flush-water", "4.3"),
            ("standby-power", "0.5"),
            ("water-temperature", "38"),
            ("leakage-current", "0.3"),
        ],
    );
    let v = engine.evaluate(&gap).unwrap();
    assert_eq!(v.class, Class::Gap);
    assert_eq!(v.decided_by, vec!["flush-water"]);
    let m = v.indicators[0].margin.unwrap();
    assert_eq!(m.value.to_string(), "-0.3");
    assert_eq!(m.share.unwrap().to_string(), "-0.075");
    assert_eq!(v.indicators[0].grade.as_ref().unwrap().rank, 1);

    // A failing basic indicator makes a gap, a missing core one too.
    let v = engine
        .evaluate(&product(
            "B",
            &[
                ("flush-water", "3.5"),
                ("standby-power", "0.5"),
                ("water-temperature", "38"),
                ("leakage-current", "0.8"),
            ],
        ))
        .unwrap();
    assert_eq!(
        (v.class, v.decided_by.clone()),
        (Class::Gap, vec!["leakage-current".to_owned()])
    );
    let v = engine
        .evaluate(&product(
            "M",
            &[
                ("flush-water", "3.5"),
                ("water-temperature", "38"),
                ("leakage-current", "0.3"),
            ],
        ))
        .unwrap();
    assert_eq!(
        (v.class, v.decided_by.clone()),
        (Class::Gap, vec!["standby-power".to_owned()])
    );
    assert_eq!(v.indicators[1].outcome, Outcome::Missing);

    // A value in another dimension is an error naming product and indicator.
    let err = engine
        .evaluate(&product("X", &[("flush-water", "3 kg")]))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"product "X": indicator "flush-water": value "3 kg": cannot convert "kg" (mass) to "L" (volume)"#
    );
}

#[test]
fn subject_standard_against_the_level() {
    let engine = plan("smart-toilet.toml").compile().unwrap();
    let v = engine.compare_standards().unwrap();
    assert_eq!(v.standard, "Q/ABC 001-2024");
    let outcomes: Vec<_> = v
        .indicators
        .iter()
        .map(|i| (i.id.as_str(), i.outcome))
        .collect();
    assert_eq!(
        outcomes,
        [
            ("flush-water", StandardOutcome::Stricter),
            ("standby-power", StandardOutcome::Stricter),
            ("water-temperature", StandardOutcome::Stricter),
            ("leakage-current", StandardOutcome::Stricter),
        ]
    );
    // Stricter sets, judged as any standard is: ≤ 3.8 L lies within the 0.2 L tolerance and
    // 38 ± 2 °C has no tolerance to exceed by, so only standby power (of three core) exceeds.
    let judged: Vec<_> = v.indicators.iter().map(|i| i.judged).collect();
    assert_eq!(
        judged,
        [
            Outcome::Meets,
            Outcome::Exceeds,
            Outcome::Meets,
            Outcome::Exceeds
        ]
    );
    assert_eq!(v.class, Class::Follower);
}

#[test]
fn air_conditioner_grades_by_band() {
    let engine = plan("room-air-conditioner.toml").compile().unwrap();
    // Level of the first band: APF ≥ 4.50 (T/CAS, stricter than GB 21455's ≥ 3.30 there);
    // rounded-value at 0.01.
    let v = engine
        .evaluate(&product(
            "A",
            &[
                ("cooling-capacity", "3500 W"),
                ("apf", "5.204"),
                ("noise", "36 dB(A)"),
                ("refrigerant-leak", "pass"),
            ],
        ))
        .unwrap();
    let apf = &v.indicators[1];
    assert_eq!(apf.grade.as_ref().unwrap().rank, 0, "{apf:#?}");
    assert_eq!(apf.compared.unwrap().to_string(), "5.20");
    // The level guarantees grade 2; grade 1 exceeds it.
    assert_eq!(apf.outcome, Outcome::Exceeds);
    assert_eq!(v.class, Class::Leader, "{v:#?}");
    assert_eq!(apf.limit.as_deref(), Some("≥ 4.50"));
    let band = apf.band.as_ref().unwrap();
    assert_eq!(
        (
            band.by.as_str(),
            band.value.as_deref(),
            band.when.as_deref()
        ),
        ("cooling-capacity", Some("3500 W"), Some("≤ 4500 W"))
    );
    // Each band its own level: the stricter of GB 21455-2019's grade 5 and T/CAS's grade 2
    // of that band; no requirement is stated once for the indicator but the subject's.
    assert!(engine.benchmark_level("apf").is_empty());
    let levels: Vec<(&str, Vec<String>)> = engine
        .band_levels("apf")
        .into_iter()
        .map(|(when, level)| {
            let level = level.iter().map(|(c, l)| format!("{c} {l}")).collect();
            (when, level)
        })
        .collect();
    assert_eq!(
        levels,
        [
            ("≤ 4500 W", vec!["T/CAS 100-2020 ≥ 4.50".to_owned()]),
            (">4500 ~ 7100 W", vec!["T/CAS 100-2020 ≥ 4.00".to_owned()]),
            (">7100 ~ 14000 W", vec!["T/CAS 100-2020 ≥ 3.70".to_owned()]),
        ]
    );
    // In the second band 4.50 is grade 1 and the level (≥ 4.00) grade 2: it exceeds.
    let v = engine
        .evaluate(&product(
            "B",
            &[
                ("cooling-capacity", "5000 W"),
                ("apf", "4.50"),
                ("noise", "36"),
                ("refrigerant-leak", "pass"),
            ],
        ))
        .unwrap();
    assert_eq!(v.indicators[1].grade.as_ref().unwrap().rank, 0);
    assert_eq!(
        v.indicators[1].outcome,
        Outcome::Exceeds,
        "level 4.00 is grade 2 here"
    );
    assert_eq!(v.indicators[1].limit.as_deref(), Some("≥ 4.00"));
    // 4.45 in the second band meets its level; the first band's 4.50 would make it a gap.
    let v = engine
        .evaluate(&product(
            "E",
            &[
                ("cooling-capacity", "7000 W"),
                ("apf", "4.45"),
                ("noise", "36"),
                ("refrigerant-leak", "pass"),
            ],
        ))
        .unwrap();
    assert_eq!(v.indicators[1].outcome, Outcome::Meets);
    assert_eq!(v.class, Class::Follower);
    // Rounded-value comparison (修约值比较法) at the level's digit, 0.01, half to even.
    for (apf, outcome) in [
        ("4.495", Outcome::Meets),
        ("4.494", Outcome::FallsShort),
        ("4.485", Outcome::FallsShort),
    ] {
        let v = engine
            .evaluate(&product(
                "D",
                &[
                    ("cooling-capacity", "3500 W"),
                    ("apf", apf),
                    ("noise", "36"),
                    ("refrigerant-leak", "pass"),
                ],
            ))
            .unwrap();
        assert_eq!(v.indicators[1].outcome, outcome, "{apf}");
    }
    // Above 14000 W, the end of GB 21455-2019's scope, no band applies: the APF has no
    // requirement to be judged against, so it is missing (a gap under the default policy),
    // never judged against a band guessed.
    let v = engine
        .evaluate(&product(
            "C",
            &[
                ("cooling-capacity", "15000 W"),
                ("apf", "5.00"),
                ("noise", "36"),
                ("refrigerant-leak", "fail"),
            ],
        ))
        .unwrap();
    assert_eq!(v.indicators[1].outcome, Outcome::Missing);
    assert_eq!(v.indicators[1].limit, None);
    let band = v.indicators[1].band.as_ref().unwrap();
    assert_eq!(
        (band.value.as_deref(), band.when.as_deref()),
        (Some("15000 W"), None)
    );
    assert_eq!(v.class, Class::Gap);
    assert_eq!(v.decided_by, vec!["apf", "refrigerant-leak"]);
}

#[test]
fn decision_rules_with_uncertainty_apply_per_indicator() {
    let plan = |rule: &str| {
        Plan::from_toml_str(&format!(
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
        ))
        .unwrap()
        .compile()
        .unwrap()
    };
    let p = product("P", &[("leakage-current", "0.70 ± 0.10")]);
    // Guarded acceptance, w = U = 0.10: the acceptance limit is 0.65 mA, 0.70 fails.
    let v = plan(r#"{ kind = "guarded-acceptance" }"#)
        .evaluate(&p)
        .unwrap();
    assert_eq!(v.indicators[0].outcome, Outcome::FallsShort);
    assert_eq!(v.indicators[0].decision.map(|d| d.as_str()), Some("fail"));
    assert_eq!(v.class, Class::Gap);
    // Non-binary: between AL and TL is a conditional pass, which conforms.
    let v = plan(r#"{ kind = "non-binary", r = "1" }"#)
        .evaluate(&p)
        .unwrap();
    assert_eq!(
        v.indicators[0].decision.map(|d| d.as_str()),
        Some("conditional-pass")
    );
    assert_eq!(v.indicators[0].outcome, Outcome::Exceeds);
    // 0.80 ± 0.10 in µA-free text: beyond TL, within TL + w: conditional fail, falls short.
    let v = plan(r#"{ kind = "non-binary" }"#)
        .evaluate(&product("Q", &[("leakage-current", "0.80 ± 0.10 mA")]))
        .unwrap();
    assert_eq!(
        v.indicators[0].decision.map(|d| d.as_str()),
        Some("conditional-fail")
    );
    assert_eq!(v.indicators[0].outcome, Outcome::FallsShort);
    // Guarded rejection (benefit to the producer): 0.80 ≤ TL + w passes.
    let v = plan(r#"{ kind = "guarded-rejection" }"#)
        .evaluate(&product("R", &[("leakage-current", "0.80 ± 0.10 mA")]))
        .unwrap();
    assert_eq!(v.indicators[0].decision.map(|d| d.as_str()), Some("pass"));
    assert_eq!(v.class, Class::Follower);
    // Simple acceptance ignores U; the fast path refuses guarded rules.
    let simple = plan(r#"{ kind = "simple" }"#);
    assert_eq!(simple.evaluate(&p).unwrap().indicators[0].decision, None);
    assert!(plan(r#"{ kind = "non-binary" }"#).classifier().is_err());
}

#[test]
fn the_checked_model_is_what_compiles_and_round_trips() {
    use duibiao::model::{CheckedIndicator, CheckedPlan};
    use duibiao::plan::Role;
    for name in [
        "smart-toilet.toml",
        "room-air-conditioner.toml",
        "steel-and-caustic-soda.toml",
        "led-lamp.toml",
    ] {
        let file = plan(name);
        let checked = file.checked().unwrap();
        // Typed values written back as text read back to the same model.
        assert_eq!(checked.to_plan().checked().unwrap(), checked, "{name}");
        // The file and its checked model judge alike.
        let products = format!(
            "{}/examples/plans/{}.products.csv",
            env!("CARGO_MANIFEST_DIR"),
            name.trim_end_matches(".toml")
        );
        let (a, b) = (file.compile().unwrap(), checked.compile().unwrap());
        for p in duibiao::product::read_csv(std::fs::File::open(&products).unwrap()).flatten() {
            assert_eq!(a.evaluate(&p).unwrap(), b.evaluate(&p).unwrap(), "{name}");
        }
    }
    // Built from typed values: no text; checked by the file's rules.
    let built = CheckedPlan::new(duibiao::Names::en("x"))
        .standard("GB/T 1-2000".parse().unwrap(), Role::Benchmark)
        .indicator(
            CheckedIndicator::new("a", duibiao::Direction::HigherIsBetter)
                .requirement("GB/T 1-2000".parse().unwrap(), "≥ 5 L".parse().unwrap()),
        );
    assert_eq!(
        built.compile().unwrap_err().to_string(),
        "the plan has 1 fault: error: indicators[0].requirements.\"GB/T 1-2000\": limit \"≥ 5 L\" is in \"L\" (volume) but the indicator has no unit"
    );
}
