//! Bad inputs and their messages, word for word: what was being read, where (path, line and
//! column for files), the offending text quoted, what was expected. One table per error kind.

use std::process::Command;

use duibiao::decision::{judge, Method};
use duibiao::rounding::Interval;
use duibiao::{product, Limit, Measurement, Plan, Product, Quantity, StandardCode, Unit};

/// Asserts the message and the kind of each error.
#[track_caller]
fn table(kind: fn(&duibiao::Error) -> bool, rows: &[(Result<(), duibiao::Error>, &str)]) {
    for (result, want) in rows {
        let e = result.as_ref().expect_err(want);
        assert_eq!(e.to_string(), *want);
        assert!(kind(e), "wrong kind: {want}");
        assert!(!e.to_string().contains("invalid input"), "{want}");
    }
}

fn limit(t: &str) -> Result<(), duibiao::Error> {
    t.parse::<Limit>().map(drop)
}
fn unit(t: &str) -> Result<(), duibiao::Error> {
    t.parse::<Unit>().map(drop)
}
fn value(t: &str) -> Result<(), duibiao::Error> {
    t.parse::<Measurement>().map(drop)
}
fn quantity(t: &str) -> Result<(), duibiao::Error> {
    t.parse::<Quantity>().map(drop)
}
fn code(t: &str) -> Result<(), duibiao::Error> {
    t.parse::<StandardCode>().map(drop)
}
fn interval(t: &str) -> Result<(), duibiao::Error> {
    t.parse::<Interval>().map(drop)
}

#[test]
fn syntax() {
    table(
        duibiao::Error::is_syntax,
        &[
            (
                limit("≥ abc"),
                r#"limit "≥ abc": expected a number after "≥", found "abc""#,
            ),
            (
                limit("≥ 4,0 L"),
                r#"limit "≥ 4,0 L": "4,0": a comma is not a decimal separator here: write the decimal point "." and no thousands separator"#,
            ),
            (
                limit("10以上"),
                r#"limit "10以上": "以上"/"以下" leave the boundary open to doubt: write "及以上", "及以下", "不小于" or "不大于""#,
            ),
            (
                limit(""),
                r#"limit "": expected a limit such as "≥ 97.0 %""#,
            ),
            (
                limit("≥"),
                r#"limit "≥": expected a number after "≥", found nothing"#,
            ),
            (
                limit("(不含0.1"),
                r#"limit "(不含0.1": expected ")" to close "(不含" at the end of the limit"#,
            ),
            (
                unit("W/m·K"),
                r#"unit "W/m·K": a product after "/" is ambiguous: put the denominator in parentheses, such as "W/(m·K)""#,
            ),
            (unit("((m)"), r#"unit "((m)": expected ")""#),
            (
                value("abc"),
                r#"value "abc": expected a number such as "3.9", "4800 mL" or "16.5(+)""#,
            ),
            (
                value(".5"),
                r#"value ".5": reported value ".5": expected a decimal number such as "97.0" or "-3.5""#,
            ),
            (
                quantity("abc mm"),
                r#"quantity "abc mm": expected a number followed by a unit, such as "3.50 W/W""#,
            ),
            (
                code("GB/T"),
                r#"standard number "GB/T": expected a number after "GB/T""#,
            ),
            (
                code("GB/T 8170-08x"),
                r#"standard number "GB/T 8170-08x": expected nothing after "GB/T 8170-08", found "x""#,
            ),
            (
                interval("abc"),
                r#"rounding interval "abc": expected a decimal number, found "a""#,
            ),
        ],
    );
}

#[test]
fn invalid() {
    table(
        duibiao::Error::is_invalid,
        &[
            (
                limit("20 ~ 10"),
                r#"limit "20 ~ 10": the lower end lies above the upper end, so no value can conform"#,
            ),
            (
                limit("≥ 1×10^40"),
                r#"limit "≥ 1×10^40": the power of ten 10^40 is beyond what a decimal holds"#,
            ),
            (
                value("3.9 ± -1 L"),
                r#"value "3.9 ± -1 L": uncertainty "-1": an expanded uncertainty is never negative"#,
            ),
            (
                interval("3"),
                r#"rounding interval "3": expected k×10ⁿ with k = 1, 2 or 5 (such as 0.1, 0.5, 0.02, 1, 20, 100)"#,
            ),
            (
                limit(&format!("≥ {} L", "9".repeat(300))),
                r#"limit "≥ 99999999999999999999999999999999999999…": longer than 256 bytes"#,
            ),
            (
                limit("≥ 1.00000000000000000000000000001"),
                r#"limit "≥ 1.00000000000000000000000000001": number "1.00000000000000000000000000001": more digits than a decimal holds (at most 28 significant digits)"#,
            ),
        ],
    );
}

#[test]
fn unknown_unit() {
    table(
        duibiao::Error::is_unknown_unit,
        &[
            (
                limit("≥ 4.0 LL"),
                r#"limit "≥ 4.0 LL": unit "LL": unknown unit, did you mean "L"?"#,
            ),
            (value("1e3"), r#"value "1e3": unit "e3": unknown unit"#),
            (unit("furlong"), r#"unit "furlong": unknown unit"#),
        ],
    );
}

const PLAN: &str = r#"schema_version = 1
category = { en = "x" }

[[standards]]
code = "T/A 1-2024"
role = "benchmark"

[[indicators]]
id = "flush-water"
unit = "L"
direction = "lower-is-better"
requirements = { "T/A 1-2024" = "≤ 4.0 L" }
"#;

#[test]
fn incompatible() {
    let engine = Plan::from_toml_str(PLAN).unwrap().compile().unwrap();
    let mm: Quantity = "1 mm".parse().unwrap();
    let kg: Quantity = "1 kg".parse().unwrap();
    table(
        duibiao::Error::is_incompatible,
        &[
            (
                mm.checked_add(&kg).map(drop),
                r#"cannot convert "kg" (mass) to "mm" (length)"#,
            ),
            (
                judge(
                    "3 kg".parse::<Measurement>().unwrap(),
                    &"≤ 4 L".parse().unwrap(),
                    Method::FullValue,
                )
                .map(drop),
                r#"value "3 kg" against limit "≤ 4 L": cannot convert "kg" (mass) to "L" (volume)"#,
            ),
            (
                engine
                    .evaluate(&Product::new("P1").with("flush-water", "3 kg").unwrap())
                    .map(drop),
                r#"product "P1": indicator "flush-water": value "3 kg": cannot convert "kg" (mass) to "L" (volume)"#,
            ),
            (
                engine
                    .evaluate(&Product::new("P1").with("flush-water", "合格").unwrap())
                    .map(drop),
                r#"product "P1": indicator "flush-water": value "pass": a pass/fail value for a lower-is-better indicator, which takes a number"#,
            ),
        ],
    );
}

#[test]
fn overflow() {
    const MAX: &str = "79228162514264337593543950335";
    let engine = Plan::from_toml_str(PLAN).unwrap().compile().unwrap();
    table(
        duibiao::Error::is_overflow,
        &[
            (
                limit(&format!("{MAX} ± 1")),
                r#"the bounds of limit "79228162514264337593543950335 ± 1": the result does not fit in 28 significant digits"#,
            ),
            (
                limit("≥ 8×10^28"),
                r#"limit "≥ 8×10^28": 8×10^28: the result does not fit in 28 significant digits"#,
            ),
            (
                format!("{MAX} km")
                    .parse::<Quantity>()
                    .unwrap()
                    .to(&"mm".parse().unwrap())
                    .map(drop),
                r#"converting 79228162514264337593543950335 km to mm: the result does not fit in 28 significant digits"#,
            ),
            (
                Interval::new("10".parse().unwrap())
                    .unwrap()
                    .round(MAX.parse().unwrap())
                    .map(drop),
                r#"rounding 79228162514264337593543950335 to interval 10: the result does not fit in 28 significant digits"#,
            ),
            (
                engine
                    .evaluate(
                        &Product::new("P1")
                            .with("flush-water", &format!("{MAX} m³"))
                            .unwrap(),
                    )
                    .map(drop),
                r#"product "P1": indicator "flush-water": value "79228162514264337593543950335 m³": converting 79228162514264337593543950335 m³ to L: the result does not fit in 28 significant digits"#,
            ),
        ],
    );
}

fn toml(t: &str) -> Result<(), duibiao::Error> {
    Plan::from_toml_str(t).map(drop)
}
fn json(t: &str) -> Result<(), duibiao::Error> {
    Plan::from_json_str(t).map(drop)
}

#[test]
fn plan() {
    let json_plan = Plan::from_toml_str(PLAN).unwrap().to_json_string().unwrap();
    table(
        duibiao::Error::is_plan,
        &[
            (
                toml(&PLAN.replace("role = \"benchmark\"", "role = benchmark")),
                r#"line 6, column 8: "benchmark": invalid string, expected `"`, `'`"#,
            ),
            (
                toml(&PLAN.replace("role = \"benchmark\"", "role = \"benchmark\"\nrank = 1")),
                r#"line 4, column 1: unknown field `rank`"#,
            ),
            (
                toml(&PLAN.replace("direction = \"lower-is-better\"\n", "")),
                r#"line 8, column 1: missing field `direction`"#,
            ),
            (
                toml(&PLAN.replace("lower-is-better", "lower")),
                r#"line 11, column 13: unknown variant `lower`, expected one of `higher-is-better`, `lower-is-better`, `nominal-is-best`, `qualitative`"#,
            ),
            (
                toml(&PLAN.replace("code = \"T/A 1-2024\"", "code = \"T/\"")),
                r#"line 4, column 1: standard number "T/": expected the group's code after "T/""#,
            ),
            (
                toml(&PLAN.replace("schema_version = 1", "schema_version = 2")),
                r#"schema_version 2: this build reads schema versions 1"#,
            ),
            (
                toml(&PLAN.replace("unit = \"L\"", "unit = \"L\"\nweight = \"heavy\"")),
                r#"line 11, column 10: decimal "heavy": expected a decimal number of at most 28 significant digits, such as "0.5""#,
            ),
            (
                json(&json_plan.replace("\"benchmark\"", "benchmark")),
                r#"line 8, column 15: "benchmark": expected value"#,
            ),
            (
                json(&json_plan.replace("\"role\"", "\"rank\": 1, \"role\"")),
                r#"line 12, column 5: unknown field `rank`"#,
            ),
            (
                json(&json_plan.replace("\"schema_version\": 1", "\"schema_version\": 7")),
                r#"schema_version 7: this build reads schema versions 1"#,
            ),
            (
                json("[1, 2"),
                r#"line 1, column 5: EOF while parsing a list"#,
            ),
            // Columns count characters, also after Chinese text (serde_json counts bytes).
            (
                json(r#"{"category": {"zh": "智能坐便器", "en": x}}"#),
                r#"line 1, column 36: "x": expected value"#,
            ),
        ],
    );
}

#[test]
fn plan_content_with_line_and_column() {
    for (text, want) in [
        (
            PLAN.replace("≤ 4.0 L", "≤ 4,0 L"),
            r#"error: line 12, column 33: indicators[0].requirements."T/A 1-2024": limit "≤ 4,0 L": "4,0": a comma is not a decimal separator here: write the decimal point "." and no thousands separator"#,
        ),
        (
            PLAN.replace("unit = \"L\"", "unit = \"LL\""),
            r#"error: line 10, column 8: indicators[0].unit: unit "LL": unknown unit, did you mean "L"?"#,
        ),
        (
            PLAN.replace("≤ 4.0 L", "≤ 4.0 kg"),
            r#"error: line 12, column 33: indicators[0].requirements."T/A 1-2024": limit "≤ 4.0 kg" is in "kg" (mass), the indicator in "L" (volume)"#,
        ),
    ] {
        let plan = Plan::from_toml_str(&text).unwrap();
        let report = plan.check_in(&text);
        let first = report.errors().next().unwrap().to_string();
        assert_eq!(first, want);
        let e = plan.compile().unwrap_err();
        assert!(e.is_plan());
        assert!(
            e.to_string()
                .starts_with("the plan has 1 fault: error: indicators[0]"),
            "{e}"
        );
    }
}

#[test]
fn products() {
    let csv = |t: &str| -> Vec<String> {
        product::read_csv(t.as_bytes())
            .filter_map(|r| r.err().map(|e| e.to_string()))
            .collect()
    };
    assert_eq!(
        csv("name,a\nP1,1\n"),
        [r#"products: line 1: the first column must be "id", found "name""#]
    );
    assert_eq!(
        csv("id,flush-water\nP1,abc\nP2,4\n,1\nP3,1,2\n"),
        [
            r#"line 2: product "P1": indicator "flush-water": value "abc": expected a number such as "3.9", "4800 mL" or "16.5(+)""#,
            r#"line 4: product id "": a product needs an id"#,
            r#"line 5: row "P3": 3 cells for 2 columns"#,
        ]
    );
    let json = |t: &str| -> Vec<String> {
        match product::read_json(t) {
            Err(e) => vec![e.to_string()],
            Ok(items) => items
                .into_iter()
                .filter_map(|r| r.err().map(|e| e.to_string()))
                .collect(),
        }
    };
    assert_eq!(
        json("["),
        ["products: line 1, column 2: EOF while parsing a list"]
    );
    assert_eq!(
        json("{}"),
        [
            r#"products: expected a JSON array of products such as [{"id": "P1", "values": {"flush-water": "3.9 L"}}], found an object"#
        ]
    );
    assert_eq!(
        json(r#"[{"id": 1}, {"id": "P1", "values": {"a": "abc"}}, {"id": "P2", "vals": {}}]"#),
        [
            "products[0]: invalid type: integer `1`, expected a string",
            r#"products[1]: product "P1": indicator "a": value "abc": expected a number such as "3.9", "4800 mL" or "16.5(+)""#,
            "products[2]: unknown field `vals`, expected `id` or `values`",
        ]
    );
}

/// The command line names the file before the line and column.
#[test]
fn files_are_named() {
    let dir = std::env::temp_dir().join(format!("duibiao-messages-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.toml");
    std::fs::write(
        &path,
        PLAN.replace("role = \"benchmark\"", "role = benchmark"),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_duibiao"))
        .arg("validate")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: {}: line 6, column 8: \"benchmark\": invalid string, expected `\"`, `'`\n",
            path.display()
        )
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
