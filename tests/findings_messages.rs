//! Problem 18 of the findings (wrong-answers-2026-12): plan fields whose messages misled, each
//! now read or refused with what to write, word for word in both languages.

mod common;

use duibiao::{Lang, Plan};

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
fn a_tolerance_with_a_unit_says_a_tolerance_takes_none() {
    for (tolerance, unit) in [("200 mL", "mL"), ("5 L", "L"), ("0.2 ‰", "‰")] {
        let err =
            Plan::from_toml_str(&plan_with(&format!("tolerance = \"{tolerance}\""))).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "line 11, column 13: equivalence tolerance \"{tolerance}\": a tolerance takes no unit (\"{unit}\"): write it in the indicator's unit as a bare number (\"0.2\"), or as a share of the benchmark level (\"2 %\")"
            )
        );
    }
    // The full-width percent sign is a percent sign.
    let plan = Plan::from_toml_str(&plan_with("tolerance = \"5 ％\"")).unwrap();
    assert_eq!(plan.indicators[0].tolerance.unwrap().to_string(), "5 %");
    let zh = "200 mL"
        .parse::<duibiao::indicator::Tolerance>()
        .unwrap_err();
    assert_eq!(
        zh.message(Lang::Zh),
        "等同容差 \"200 mL\"：容差不带单位（\"mL\"）：请以指标的单位写出纯数值（\"0.2\"），或写成对标水平的百分比（\"2 %\"）"
    );
}

#[test]
fn a_float_with_few_significant_digits_is_read_exactly() {
    // 1e28 has one significant digit (0.1.0: "more than 15 significant digits").
    let plan = Plan::from_toml_str(&plan_with("weight = 1e28")).unwrap();
    assert_eq!(
        plan.indicators[0].weight.to_string(),
        "10000000000000000000000000000"
    );
    let err = Plan::from_toml_str(&plan_with("weight = 0.1234567890123456789")).unwrap_err();
    assert!(
        err.to_string()
            .contains("a number with more than 15 significant digits may have lost digits"),
        "{err}"
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

#[test]
fn a_coverage_factor_written_in_the_value_and_another_given_is_refused() {
    let out = common::duibiao()
        .args([
            "judge",
            "9.8 ± 0.3 (k=3)",
            "≤ 10",
            "--k",
            "2",
            "--rule",
            "guarded-acceptance",
            "--lang",
            "en",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: value \"9.8 ± 0.3 (k = 3)\": its coverage factor k = 3 differs from --k \"2\"\n"
    );
}

#[test]
fn a_schema_version_that_is_no_version_is_quoted_as_written() {
    for (written, file) in [
        ("1.0", "schema_version = 1.0\n"),
        ("-1", "schema_version = -1\n"),
        ("\"1\"", "schema_version = \"1\"\n"),
    ] {
        let err = Plan::from_toml_str(&format!("{file}category = {{ en = \"t\" }}\n")).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("schema_version {written}: not a schema version, which is a whole number such as 1 (this build reads schema versions 1)")
        );
    }
    let err =
        Plan::from_json_str(r#"{"schema_version": 99999999999999999999, "category": {"en": "t"}}"#)
            .unwrap_err();
    assert_eq!(
        err.to_string(),
        "schema_version 99999999999999999999: not a schema version, which is a whole number such as 1 (this build reads schema versions 1)"
    );
    let err = Plan::from_toml_str("schema_version = 99\ncategory = { en = \"t\" }\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "schema_version 99: this build reads schema versions 1"
    );
}

#[test]
fn a_share_beyond_the_whole_names_the_share_as_typed() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = common::duibiao()
        .args([
            "rank",
            &format!("{root}/examples/plans/smart-toilet.toml"),
            "--products",
            &format!("{root}/examples/plans/smart-toilet.products.csv"),
            "--share",
            "150%",
            "--lang",
            "en",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: --share \"150%\": policy.ranking: leaders.share \"1.50\": a share is above 0 and at most 1\n"
    );
}
