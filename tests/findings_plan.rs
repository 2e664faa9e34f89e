//! Plan content that cannot be meant is refused by `Plan::check`, each fault with its path,
//! line and column (wrong-answers-2026-12, problems 4, 7 and 15). The plans are the findings'
//! reproducers, copied into `tests/data/findings/`.

mod common;

use std::process::Output;

use duibiao::plan::Plan;

fn path(name: &str) -> String {
    format!("{}/tests/data/findings/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn text(name: &str) -> String {
    std::fs::read_to_string(path(name)).unwrap()
}

fn read(name: &str, text: &str) -> Result<Plan, duibiao::Error> {
    if name.ends_with(".json") {
        Plan::from_json_str(text)
    } else {
        Plan::from_toml_str(text)
    }
}

/// Every fault of a plan given as text, as `validate` prints it (severity, line and column,
/// path, message).
fn faults_of(name: &str, text: &str) -> Vec<String> {
    let plan = read(name, text).unwrap_or_else(|e| panic!("{name}: {e}"));
    plan.check_in(text)
        .faults
        .iter()
        .map(|f| f.to_string())
        .collect()
}

/// The faults of a reproducer in Chinese.
fn faults_zh(name: &str) -> Vec<String> {
    let text = text(name);
    let plan = read(name, &text).unwrap_or_else(|e| panic!("{name}: {e}"));
    plan.check_in(&text)
        .faults
        .iter()
        .map(|f| f.to_string_in(duibiao::Lang::Zh))
        .collect()
}

/// The faults of a reproducer.
fn faults(name: &str) -> Vec<String> {
    faults_of(name, &text(name))
}

/// The reading error of a reproducer that does not read.
fn refused(name: &str) -> String {
    match read(name, &text(name)) {
        Ok(_) => panic!("{name} was read"),
        Err(e) => e.to_string(),
    }
}

fn run(args: &[&str]) -> Output {
    common::duibiao()
        .args(args)
        .output()
        .expect("the binary runs")
}

const MINI: &str = r#"schema_version = 1
category = { en = "t" }

[[standards]]
code = "GB/T 1-2000"
role = "benchmark"
"#;

// Problem 4.

#[test]
fn a_limit_with_a_unit_on_an_indicator_without_unit_is_an_error() {
    assert_eq!(
        faults("nounit_mixed.toml"),
        [
            r#"error: line 15, column 34: indicators[0].requirements."GB/T 1-2000": limit "≤ 4.0 L" is in "L" (volume) but the indicator has no unit"#,
            r#"error: line 15, column 61: indicators[0].requirements."GB/T 2-2000": limit "≤ 3500 mL" is in "mL" (volume) but the indicator has no unit"#,
        ]
    );
    // A grade limit likewise.
    assert_eq!(
        faults("grades_same.toml"),
        [
            r#"error: line 20, column 85: indicators[0].grades[1].limit: limit "≤ 5000 m" is in "m" (length) but the indicator has no unit"#
        ]
    );
}

#[test]
fn a_dimensionless_indicator_refuses_a_limit_with_a_unit() {
    // Without a unit a percentage is refused too, as a value in % is: write unit = "1" or "%".
    let plan = format!(
        r#"{MINI}
[[indicators]]
id = "power-factor"
direction = "higher-is-better"
requirements = {{ "GB/T 1-2000" = "≥ 90 %" }}

[[indicators]]
id = "index"
unit = "1"
direction = "higher-is-better"
requirements = {{ "GB/T 1-2000" = "≥ 4 L" }}
"#
    );
    assert_eq!(
        faults_of("inline.toml", &plan),
        [
            r#"error: line 11, column 34: indicators[0].requirements."GB/T 1-2000": limit "≥ 90 %" is in "%" (dimensionless) but the indicator has no unit"#,
            r#"error: line 17, column 34: indicators[1].requirements."GB/T 1-2000": limit "≥ 4 L" is in "L" (volume), the indicator in "1" (dimensionless)"#,
        ]
    );
}

#[test]
fn a_band_condition_is_checked_against_the_selectors_unit() {
    let plan = format!(
        r#"{MINI}
[[indicators]]
id = "cap"
direction = "higher-is-better"
class = "innovation"
requirements = {{ "GB/T 1-2000" = "≥ 1000" }}

[[indicators]]
id = "apf"
direction = "higher-is-better"
requirements = {{ "GB/T 1-2000" = "≥ 4.50" }}
[indicators.bands]
by = "cap"
[[indicators.bands.bands]]
when = "≤ 4500 W"
grades = [{{ name = {{ en = "1" }}, limit = "≥ 5.00" }}, {{ name = {{ en = "2" }}, limit = "≥ 4.50" }}]
"#
    );
    assert_eq!(
        faults_of("inline.toml", &plan),
        [
            r#"error: line 21, column 8: indicators[1].bands.bands[0].when: condition "≤ 4500 W" is in "W" (power) but the selector "cap" has no unit"#
        ]
    );
}

// Problem 7, the plan's parts.

#[test]
fn two_requirement_keys_for_one_standard_are_an_error() {
    assert_eq!(
        faults("dup_code_variant.toml"),
        [
            r#"error: line 12, column 49: indicators[0].requirements."GB/T23131—2019": standard "GB/T23131—2019" is stated twice (also as "GB/T 23131-2019")"#
        ]
    );
}

#[test]
fn duplicate_json_keys_in_requirements_are_refused() {
    assert_eq!(
        refused("dup_keys.json"),
        r#"line 10, column 71: standard "GB/T 23131-2019" is stated twice in requirements"#
    );
}

#[test]
fn duplicate_json_keys_in_ranking_weights_are_refused() {
    let plan = r#"{
  "schema_version": 1,
  "category": { "en": "a" },
  "standards": [ { "code": "GB/T 23131-2019", "role": "benchmark" } ],
  "indicators": [
    { "id": "standby-power", "unit": "W", "direction": "lower-is-better",
      "requirements": { "GB/T 23131-2019": "≤ 1.0 W" } }
  ],
  "policy": { "ranking": { "weights": { "standby-power": "1", "standby-power": "0" } } }
}"#;
    assert_eq!(
        Plan::from_json_str(plan).unwrap_err().to_string(),
        r#"line 9, column 77: indicator "standby-power" is weighted twice in weights"#
    );
}

#[test]
fn duplicate_json_fields_are_refused_in_the_house_style() {
    assert_eq!(
        refused("dup_field.json"),
        r#"line 10, column 17: field "direction" is given twice"#
    );
    assert_eq!(
        refused("dup_names.json"),
        r#"line 3, column 31: field "en" is given twice"#
    );
    assert_eq!(
        refused("dup_version.json"),
        r#"line 3, column 18: field "schema_version" is given twice"#
    );
}

// Problem 15.

#[test]
fn a_qualitative_indicator_takes_no_requirements_and_no_grades() {
    assert_eq!(
        faults("qual_with_num_req.toml"),
        [
            r#"error: line 19, column 34: indicators[0].requirements."GB/T 1-2000": limit "≥ 4" on a qualitative indicator: its values are "pass" or "fail", so it takes no requirements"#,
            r#"error: line 19, column 57: indicators[0].requirements."GB/T 2-2000": limit "≥ 4" on a qualitative indicator: its values are "pass" or "fail", so it takes no requirements"#,
        ]
    );
    assert_eq!(
        faults_zh("qual_with_num_req.toml"),
        [
            r#"错误：第 19 行第 34 列：indicators[0].requirements."GB/T 1-2000"：定性指标上的限值 "≥ 4"：其值为 "pass" 或 "fail"，不能提出要求"#,
            r#"错误：第 19 行第 57 列：indicators[0].requirements."GB/T 2-2000"：定性指标上的限值 "≥ 4"：其值为 "pass" 或 "fail"，不能提出要求"#,
        ]
    );
    assert_eq!(
        faults("qual_with_grades.toml"),
        [
            r#"error: line 19, column 1: indicators[0].grades: a qualitative indicator takes no grades: its values are "pass" or "fail""#,
            r#"warning: line 23, column 57: indicators[1].requirements."GB/T 2-2000": limit "≥ 4" has no upper end but the indicator is lower-is-better"#,
        ]
    );
}

#[test]
fn leader_min_exceeding_must_be_reachable() {
    assert_eq!(
        faults("minexc0.toml"),
        [
            r#"error: line 17, column 1: policy.leader-min-exceeding: 0 is outside 1 ≤ n ≤ 1, the number of core indicators: no product could ever be a leader"#
        ]
    );
    assert_eq!(
        faults("minexc5.toml"),
        [
            r#"error: line 17, column 1: policy.leader-min-exceeding: 5 is outside 1 ≤ n ≤ 1, the number of core indicators: no product could ever be a leader"#
        ]
    );
}

#[test]
fn an_empty_benchmark_level_is_an_error_naming_the_requirements() {
    assert_eq!(
        faults("empty_level.toml"),
        [
            r#"error: line 19, column 44: indicators[0].requirements."GB/T 2-2000": the benchmark level is empty: no value meets both "GB/T 1-2000" = "5 ~ 10" and "GB/T 2-2000" = "12 ~ 15""#
        ]
    );
    assert_eq!(
        faults_zh("empty_level.toml"),
        [
            r#"错误：第 19 行第 44 列：indicators[0].requirements."GB/T 2-2000"：对标水平为空，没有数值能同时满足 "GB/T 1-2000" = "5 ~ 10" 和 "GB/T 2-2000" = "12 ~ 15""#,
        ]
    );
    assert_eq!(
        faults("empty_level2.toml"),
        [
            r#"warning: line 19, column 34: indicators[0].requirements."GB/T 1-2000": limit "≥ 5" has no upper end but the indicator is lower-is-better"#,
            r#"error: line 19, column 41: indicators[0].requirements."GB/T 2-2000": the benchmark level is empty: no value meets both "GB/T 1-2000" = "≥ 5" and "GB/T 2-2000" = "≤ 3""#,
        ]
    );
    // A deviation (±2 °C, a difference) and a range of temperatures share no value.
    assert_eq!(
        faults("deviation_mixed.toml"),
        [
            r#"error: line 20, column 43: indicators[0].requirements."GB/T 2-2000": the benchmark level is empty: no value meets both "GB/T 1-2000" = "±2 °C" and "GB/T 2-2000" = "36 ~ 40 °C""#
        ]
    );
}

#[test]
fn an_indicator_id_with_whitespace_at_an_end_or_a_control_character_is_an_error() {
    assert_eq!(
        faults("id_ws.toml"),
        [
            r#"error: line 17, column 6: indicators[0].id: indicator id " a " begins and ends with whitespace (U+0020, U+0020): column names are trimmed, so no products column could name it"#
        ]
    );
    assert_eq!(
        faults("id_ideographic.toml"),
        [
            r#"error: line 13, column 6: indicators[0].id: indicator id "flush-water\u{3000}" ends with whitespace (U+3000): column names are trimmed, so no products column could name it"#
        ]
    );
    assert_eq!(
        faults("id_nbsp.toml"),
        [
            r#"error: line 13, column 6: indicators[0].id: indicator id "flush-water\u{00a0}" ends with whitespace (U+00A0): column names are trimmed, so no products column could name it"#
        ]
    );
    let plan = format!(
        "{MINI}\n[[indicators]]\nid = \"flush\\u0007water\"\ndirection = \"lower-is-better\"\nrequirements = {{ \"GB/T 1-2000\" = \"≤ 4\" }}\n"
    );
    assert_eq!(
        faults_of("inline.toml", &plan),
        [
            r#"error: line 9, column 6: indicators[0].id: indicator id "flush\u{0007}water" holds a control character (U+0007)"#
        ]
    );
}

#[test]
fn a_qualitative_band_selector_is_an_error() {
    assert_eq!(
        faults("bands_qual_selector.toml"),
        [
            r#"error: line 26, column 6: indicators[1].bands.by: indicator "leak" chooses the band but is qualitative: a band condition needs a number"#
        ]
    );
}

#[test]
fn no_band_is_an_error() {
    assert_eq!(
        faults("bands_empty.toml"),
        [
            r#"error: line 20, column 22: indicators[0].bands.bands: no band is given: write at least one band, or grades instead of bands"#
        ]
    );
}

#[test]
fn bands_and_grades_together_are_an_error() {
    assert_eq!(
        faults("bands_and_grades.toml"),
        [
            r#"error: line 20, column 1: indicators[0].grades: the indicator has both grades and bands: write one of them"#,
            r#"error: line 21, column 22: indicators[0].bands.bands: no band is given: write at least one band, or grades instead of bands"#,
        ]
    );
}

#[test]
fn overlapping_bands_are_an_error_naming_both() {
    assert_eq!(
        faults("bands_overlap.toml"),
        [
            r#"error: line 33, column 8: indicators[1].bands.bands[1].when: condition ">7100 ~ 14000 W" overlaps band 0 "≥ 3000 W": a value in both would always take band 0"#
        ]
    );
}

#[test]
fn a_band_condition_in_the_wrong_dimension_is_located() {
    assert_eq!(
        faults("bands_when_wrong_dim.toml"),
        [
            r#"error: line 30, column 8: indicators[1].bands.bands[0].when: condition "≤ 4500 kg" is in "kg" (mass), the selector "cap" in "W" (power)"#
        ]
    );
}

#[test]
fn a_benchmark_level_in_no_grade_is_a_warning() {
    let name = "grades_level_outside.toml";
    let plan = read(name, &text(name)).unwrap();
    let report = plan.check_in(&text(name));
    assert!(report.is_ok());
    assert_eq!(
        faults(name),
        [
            r#"warning: line 20, column 1: indicators[0].grades: no grade holds the benchmark level "≤ 10" (GB/T 1-2000), so no value can exceed it by grade"#
        ]
    );
}

#[test]
fn a_plan_where_no_product_can_lead_is_refused_by_check_alone() {
    assert_eq!(
        faults("weight0.toml"),
        [
            r#"error: line 19, column 1: indicators[0].weight: weight "0": no core indicator has a weight above 0, so no product could ever be a leader (give one a weight above 0, or set policy.leader-min-exceeding)"#
        ]
    );
    assert_eq!(
        faults("no_core.toml"),
        [
            r#"error: line 16, column 1: indicators: no indicator is core, so no product could ever be a leader (leaders are decided on core indicators)"#
        ]
    );
    // validate and evaluate refuse the plan with the same fault (validate used to name
    // policy.ranking, which the plan does not have, and evaluate accepted it).
    let plan = path("weight0.toml");
    let products = path("w.csv");
    let fault = format!(
        "{plan}: error: line 19, column 1: indicators[0].weight: weight \"0\": no core indicator has a weight above 0, so no product could ever be a leader (give one a weight above 0, or set policy.leader-min-exceeding)\n"
    );
    for args in [
        vec!["validate", plan.as_str()],
        vec!["evaluate", plan.as_str(), "--products", products.as_str()],
        vec![
            "evaluate",
            plan.as_str(),
            "--products",
            products.as_str(),
            "--format",
            "csv",
        ],
        vec!["rank", plan.as_str(), "--products", products.as_str()],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        let (first, snippet) = stderr.split_once('\n').unwrap();
        assert_eq!(format!("{first}\n"), fault, "{args:?}");
        assert_eq!(
            snippet,
            format!("  --> {plan}:19:1\n   |\n19 | weight = \"0\"\n   | ^^^^^^\n   |\n"),
            "{args:?}"
        );
    }
    // The library agrees: compiling refuses the plan.
    let err = Plan::from_toml_str(&text("weight0.toml"))
        .unwrap()
        .compile()
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("indicators[0].weight: weight \"0\": no core indicator has a weight above 0"),
        "{err}"
    );
}

#[test]
fn standards_that_point_at_themselves_or_are_withdrawn_benchmarks() {
    let name = "std_withdrawn_benchmark.toml";
    assert_eq!(
        faults(name),
        [
            r#"warning: line 6, column 1: standards[0].status: benchmark "GB/T 1-2000" is withdrawn (superseded by "GB/T 1-2020"): its requirements are no longer in force"#
        ]
    );
    assert!(read(name, &text(name)).unwrap().check().is_ok());
    assert_eq!(
        faults("std_superseded_self.toml"),
        [
            r#"error: line 6, column 1: standards[0].superseded-by: standard "GB/T 1-2000" is superseded by itself"#
        ]
    );
    assert_eq!(
        faults("std_adoption_self.toml"),
        [
            r#"error: line 6, column 1: standards[0].adoption.code: standard "GB/T 1-2000" adopts itself"#
        ]
    );
}

/// A plan whose one indicator has `field` (problem 18 of the findings).
fn plan_with(field: &str) -> String {
    format!(
        r#"schema_version = 1
category = {{ en = "t" }}
[[standards]]
code = "GB 1-2000"
role = "benchmark"
[[indicators]]
id = "a"
unit = "L"
direction = "lower-is-better"
class = "core"
{field}
requirements = {{ "GB 1-2000" = "≤ 4 L" }}
"#
    )
}

#[test]
fn a_full_width_percent_sign_in_a_tolerance_is_a_percent_sign() {
    let plan = Plan::from_toml_str(&plan_with("tolerance = \"5 ％\"")).unwrap();
    assert_eq!(plan.indicators[0].tolerance.unwrap().to_string(), "5 %");
}

#[test]
fn a_float_with_few_significant_digits_is_read_exactly() {
    // 1e28 has one significant digit (0.1.0: "more than 15 significant digits").
    let plan = Plan::from_toml_str(&plan_with("weight = 1e28")).unwrap();
    assert_eq!(
        plan.indicators[0].weight.to_string(),
        "10000000000000000000000000000"
    );
}

#[test]
fn a_guard_band_factor_may_be_a_toml_number_as_a_weight_may() {
    for r in ["1", "\"1\"", "0.83", "\"0.83\""] {
        let field = format!("decision-rule = {{ kind = \"guarded-acceptance\", r = {r} }}");
        let plan = Plan::from_toml_str(&plan_with(&field)).unwrap();
        assert!(plan.check().is_ok(), "{r}");
    }
}
