//! The plan file: the shipped examples validate, faults come all at once with path, line and
//! column, TOML and JSON read the same model, unknown schema versions are refused.

mod common;

use common::example;
use duibiao::plan::{Plan, Severity};

const EXAMPLES: [&str; 4] = [
    "smart-toilet.toml",
    "room-air-conditioner.toml",
    "steel-and-caustic-soda.toml",
    "led-lamp.toml",
];

#[test]
fn shipped_examples_validate_without_faults() {
    for name in EXAMPLES {
        let text = example(name);
        let plan = Plan::from_toml_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let report = plan.check_in(&text);
        assert!(report.faults.is_empty(), "{name}:\n{report}");
    }
}

#[test]
fn toml_and_json_read_the_same_model() {
    for name in EXAMPLES {
        let plan = Plan::from_toml_str(&example(name)).unwrap();
        let json = plan.to_json_string().unwrap();
        assert_eq!(Plan::from_json_str(&json).unwrap(), plan, "{name} via JSON");
        let toml = plan.to_toml_string().unwrap();
        assert_eq!(Plan::from_toml_str(&toml).unwrap(), plan, "{name} via TOML");
        // Decimals are strings, never floats.
        assert!(
            !json.contains("\"weight\": 2") && !json.contains("\"leader-share\": 0.5"),
            "{json}"
        );
    }
}

const BROKEN: &str = r#"schema_version = 1
category = { en = "test" }

[[standards]]
code = "Q/ABC 001-2024"
role = "subject"

[[standards]]
code = "GB/T 23131-2019"
role = "benchmark"

[[standards]]
code = "ISO 9001:2015"
role = "benchmark"

[[indicators]]
id = "flush-water"
unit = "L"
direction = "lower-is-better"
requirements = { "Q/ABC 001-2024" = "≤ 3.8 kg", "GB/T 23131-2019" = "≤ 4,0 L", "T/XX 1-2020" = "≤ 4.0 L" }
grades = [
  { name = { en = "qualified" }, limit = "≤ 5.6 L" },
  { name = { en = "leading" }, limit = "≤ 4.0 L" },
]

[[indicators]]
id = "flush-water"
unit = "furlong"
direction = "higher-is-better"
requirements = { "Q/ABC 001-2024" = "≤ 3" }
"#;

#[test]
fn every_fault_at_once_with_its_place() {
    let plan = Plan::from_toml_str(BROKEN).unwrap();
    let report = plan.check_in(BROKEN);
    let shown: Vec<String> = report.faults.iter().map(|f| f.to_string()).collect();
    let expected = [
        r#"error: line 20, column 69: indicators[0].requirements."GB/T 23131-2019": limit "≤ 4,0 L": "4,0": a comma is not a decimal separator here: write the decimal point "." and no thousands separator"#,
        r#"error: line 20, column 37: indicators[0].requirements."Q/ABC 001-2024": limit "≤ 3.8 kg" is in "kg" (mass), the indicator in "L" (volume)"#,
        r#"error: line 20, column 80: indicators[0].requirements."T/XX 1-2020": standard "T/XX 1-2020" is not listed in the plan's standards"#,
        r#"error: line 23, column 40: indicators[0].grades[1].limit: grades go from best to worst, so "≤ 4.0 L" must hold every value of grade 0 "≤ 5.6 L""#,
        r#"error: line 27, column 6: indicators[1].id: indicator id "flush-water" is used twice (first by indicators[0])"#,
        r#"error: line 28, column 8: indicators[1].unit: unit "furlong": unknown unit"#,
        r#"warning: line 30, column 37: indicators[1].requirements."Q/ABC 001-2024": limit "≤ 3" has no lower end but the indicator is higher-is-better"#,
        r#"error: line 13, column 8: standards[2]: benchmark "ISO 9001:2015" states no requirement for any indicator"#,
    ];
    for (got, want) in shown.iter().zip(expected) {
        assert_eq!(got, want);
    }
    assert_eq!(shown.len(), expected.len(), "{report}");
    assert!(!report.is_ok());
    assert_eq!(report.warnings().count(), 1);
    assert!(report
        .faults
        .iter()
        .any(|f| f.severity == Severity::Warning));
}

#[test]
fn unknown_schema_versions_are_refused_with_the_ones_read() {
    let err =
        Plan::from_toml_str("schema_version = 2\ncategory = {}\nstandards = []\nindicators = []\n")
            .unwrap_err();
    assert_eq!(
        err.to_string(),
        "schema_version 2: this build reads schema versions 1"
    );
    let err = Plan::from_json_str(r#"{"schema_version": 7}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "schema_version 7: this build reads schema versions 1"
    );
}

#[test]
fn syntax_faults_carry_line_and_column() {
    let err = Plan::from_toml_str(
        "schema_version = 1\ncategory = {}\nstandards = []\nindicators = []\nsurprise = 1\n",
    )
    .unwrap_err();
    assert!(err.is_plan());
    assert!(
        err.to_string()
            .starts_with("line 5, column 1: unknown field `surprise`"),
        "{err}"
    );
}

#[test]
fn unknown_fields_of_a_standard_are_refused() {
    // `role` and the standard's own fields share one table; a misspelt field is not dropped.
    let err = Plan::from_toml_str(
        "schema_version = 1\ncategory = {}\nindicators = []\n\n[[standards]]\ncode = \"GB 1-2000\"\nrole = \"reference\"\nsuperseded_by = \"GB 1-2010\"\n",
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("line 5, column 1: unknown field `superseded_by`"),
        "{err}"
    );
}

#[test]
fn floats_in_a_plan_are_exact_or_refused() {
    let text = example("smart-toilet.toml");
    // Up to 15 significant digits a float is recovered exactly.
    let plan = Plan::from_toml_str(&text.replacen("weight = \"2\"", "weight = 1.25", 1)).unwrap();
    assert_eq!(plan.indicators[0].weight.to_string(), "1.25");
    // Beyond, digits may already be lost: refused, with the place.
    let err =
        Plan::from_toml_str(&text.replacen("weight = \"2\"", "weight = 0.12345678901234567", 1))
            .unwrap_err();
    assert!(
        err.to_string().contains("more than 15 significant digits may have lost digits as a binary float: write it as a string"),
        "{err}"
    );
}

/// `engine::PlanFile` checks a plan file once and compiles it from that check: the engine
/// `Plan::compile` builds from the plan, the faults `Plan::check_in` finds, and for a plan with
/// faults the refusal listing them.
#[test]
fn a_plan_file_is_checked_once_and_compiled_as_compile_does() {
    use duibiao::engine::PlanFile;
    let limits = duibiao::Limits::default();
    for name in EXAMPLES {
        let path = format!("{}/examples/plans/{name}", env!("CARGO_MANIFEST_DIR"));
        let file = PlanFile::read(std::path::Path::new(&path), &limits).unwrap();
        assert_eq!(file.text, example(name));
        assert_eq!(file.report, file.plan.check_in(&file.text), "{name}");
        let engine = file.engine.as_ref().unwrap();
        let compiled = Plan::from_toml_str(&example(name))
            .unwrap()
            .compile()
            .unwrap();
        assert_eq!(format!("{engine:?}"), format!("{compiled:?}"), "{name}");
    }
    let dir = std::env::temp_dir().join(format!("duibiao-plan-file-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("faults.toml");
    // A fault of content the check finds: an unknown unit.
    let faulty = example("smart-toilet.toml").replacen("unit = \"L\"", "unit = \"Lx\"", 1);
    std::fs::write(&path, &faulty).unwrap();
    let read = PlanFile::read(&path, &limits);
    std::fs::remove_dir_all(&dir).unwrap();
    let file = read.unwrap();
    assert!(!file.report.is_ok());
    let refused = file.engine.unwrap_err();
    assert_eq!(refused.faults().len(), file.report.errors().count());
    assert_eq!(
        Plan::from_toml_str(&faulty)
            .unwrap()
            .compile()
            .unwrap_err()
            .faults()
            .len(),
        file.report.errors().count()
    );
}
