//! Bad inputs and their messages, word for word: what was being read, where (path, line and
//! column for files), the offending text quoted, what was expected. One table per error kind.

mod common;

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
    let out = common::duibiao()
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

/// Asserts an error's English and Chinese messages, word for word.
#[track_caller]
fn both<T: std::fmt::Debug>(result: Result<T, duibiao::Error>, en: &str, zh: &str) {
    let e = result.expect_err(en);
    assert_eq!(e.message(duibiao::Lang::En), en);
    assert_eq!(e.to_string(), en);
    assert_eq!(e.message(duibiao::Lang::Zh), zh);
}

/// Values, judgements, decision rules and the engine speak Chinese too (issue 13).
#[test]
fn judging_in_english_and_chinese() {
    use duibiao::decision::{judge_with, Conformity, DecisionRule};
    use duibiao::indicator::Tolerance;

    both(
        value("3.9 ± -1 L"),
        r#"value "3.9 ± -1 L": uncertainty "-1": an expanded uncertainty is never negative"#,
        r#"数值 "3.9 ± -1 L"：不确定度 "-1"：扩展不确定度 U 不能为负"#,
    );
    both(
        value(""),
        r#"value "": expected a number such as "3.9 L""#,
        r#"数值 ""：应为数值，如 "3.9 L""#,
    );
    both(
        value("mm"),
        r#"value "mm": expected a number such as "3.9", "4800 mL" or "16.5(+)""#,
        r#"数值 "mm"：应为数值，如 "3.9"、"4800 mL" 或 "16.5(+)""#,
    );
    both(
        value("3,9 L"),
        r#"value "3,9 L": a comma is not a decimal separator here: write the decimal point "." and no thousands separator"#,
        r#"数值 "3,9 L"：此处逗号不是小数点：请写小数点 "."，且不要写千位分隔符"#,
    );
    both(
        value("3.9 (k = 2)"),
        r#"value "3.9 (k = 2)": coverage factor "2": the value "3.9" has no expanded uncertainty for k to belong to"#,
        r#"数值 "3.9 (k = 2)"：包含因子 "2"：数值 "3.9" 未给出扩展不确定度 U，包含因子 k 无所依附"#,
    );
    both(
        value("3.9 ± 0.1 (k = 0)"),
        r#"value "3.9 ± 0.1 (k = 0)": coverage factor "0": a coverage factor k is positive"#,
        r#"数值 "3.9 ± 0.1 (k = 0)"：包含因子 "0"：包含因子 k 应为正数"#,
    );
    both(
        "maybe".parse::<Conformity>(),
        r#"outcome "maybe": expected "pass", "fail", "conditional-pass" or "conditional-fail""#,
        r#"判定结果 "maybe"：应为 "pass"、"fail"、"conditional-pass" 或 "conditional-fail""#,
    );
    both(
        "exact".parse::<Method>(),
        r#"judgement method "exact": expected "full-value" (全数值比较法) or "rounded-value" (修约值比较法)"#,
        r#"判定方法 "exact"：应为 "full-value"（全数值比较法）或 "rounded-value"（修约值比较法）"#,
    );
    both(
        "guarded".parse::<DecisionRule>(),
        r#"decision rule "guarded": expected "simple", "guarded-acceptance", "guarded-rejection" or "non-binary""#,
        r#"判定规则 "guarded"：应为 "simple"、"guarded-acceptance"、"guarded-rejection" 或 "non-binary""#,
    );
    both(
        "simple (r = 2)".parse::<DecisionRule>(),
        r#"decision rule "simple (r = 2)": simple acceptance has no guard band (w = 0)"#,
        r#"判定规则 "simple (r = 2)"：简单接受没有保护带（w = 0）"#,
    );
    both(
        "non-binary (r = -1)".parse::<DecisionRule>(),
        r#"decision rule "non-binary (r = -1)": guard band factor "-1": a guard band factor r (w = r·U) is never negative"#,
        r#"判定规则 "non-binary (r = -1)"：保护带因子 "-1"：保护带因子 r（w = r·U）不能为负"#,
    );
    both(
        "non-binary (r = 2".parse::<DecisionRule>(),
        r#"decision rule "non-binary (r = 2": expected ")" after the factor"#,
        r#"判定规则 "non-binary (r = 2"：保护带因子之后应为 ")""#,
    );
    both(
        DecisionRule::Simple.try_with_guard_band_factor("2".parse().unwrap()),
        r#"guard band "2": the simple rule has none (w = 0); choose guarded-acceptance, guarded-rejection or non-binary"#,
        r#"保护带 "2"：简单接受规则没有保护带（w = 0）；请选择 guarded-acceptance、guarded-rejection 或 non-binary"#,
    );
    both(
        "-1".parse::<Tolerance>(),
        r#"equivalence tolerance "-1": a tolerance is never negative"#,
        r#"等同容差 "-1"：容差不能为负"#,
    );
    let limit: Limit = "≤ 10".parse().unwrap();
    both(
        judge_with(
            "9.8".parse::<Measurement>().unwrap(),
            &limit,
            DecisionRule::guarded_acceptance(),
        ),
        r#"value "9.8": the decision rule "guarded-acceptance (r = 1)" needs the expanded uncertainty U of the value (write "9.8 ± U")"#,
        r#"数值 "9.8"：判定规则 "guarded-acceptance (r = 1)" 需要数值的扩展不确定度 U（请写作 "9.8 ± U"）"#,
    );
    both(
        judge_with(
            "3 L".parse::<Measurement>().unwrap(),
            &limit,
            Method::FullValue,
        ),
        r#"value "3 L" against limit "≤ 10": the value is in "L" but the limit has no unit"#,
        r#"数值 "3 L" 对照限值 "≤ 10"：数值的单位是 "L"，但限值没有单位"#,
    );
    const MAX: &str = "79228162514264337593543950335";
    both(
        judge_with(
            format!("1 ± {MAX}").parse::<Measurement>().unwrap(),
            &limit,
            DecisionRule::non_binary().with_guard_band_factor("3".parse().unwrap()),
        ),
        &format!(
            r#"value "1 ± {MAX}" against limit "≤ 10": the guard band 3 × {MAX} of rule "non-binary (r = 3)": the result does not fit in 28 significant digits"#
        ),
        &format!(
            r#"数值 "1 ± {MAX}" 对照限值 "≤ 10"：判定规则 "non-binary (r = 3)" 的保护带 3 × {MAX}：结果超出 28 位有效数字"#
        ),
    );
    both(
        judge_with(
            format!("1 ± {MAX}").parse::<Measurement>().unwrap(),
            &limit,
            DecisionRule::guarded_rejection(),
        ),
        &format!(
            r#"value "1 ± {MAX}" against limit "≤ 10": moving the limit end 10 by the guard band {MAX}: the result does not fit in 28 significant digits"#
        ),
        &format!(
            r#"数值 "1 ± {MAX}" 对照限值 "≤ 10"：将限值端点 10 移动保护带 {MAX}：结果超出 28 位有效数字"#
        ),
    );

    let engine = Plan::from_toml_str(PLAN).unwrap().compile().unwrap();
    both(
        engine.evaluate(&Product::new("P1").with("flush-water", "合格").unwrap()),
        r#"product "P1": indicator "flush-water": value "pass": a pass/fail value for a lower-is-better indicator, which takes a number"#,
        r#"产品 "P1"：指标 "flush-water"：数值 "pass"：lower-is-better 指标应为数值，却给出合格/不合格值"#,
    );
    both(
        engine.compare_standards(),
        r#"the plan has no standard with role "subject" to compare"#,
        r#"方案中没有 role 为 "subject" 的标准（执行标准）可供对比"#,
    );
    let rows = engine.read_standards("code,flush-water\nQ/A 1-2024,≤ 3.8 L\n".as_bytes());
    both(
        rows.into_iter().next().unwrap(),
        r#"standards: line 1: the first column must be "id""#,
        r#"标准文件：第 1 行：第一列必须是 "id""#,
    );
    let rounded = Plan::from_toml_str(&PLAN.replace(
        "direction = \"lower-is-better\"",
        "direction = \"lower-is-better\"\njudgement = \"rounded-value\"",
    ))
    .unwrap()
    .compile()
    .unwrap();
    both(
        rounded.classifier(),
        r#"indicator "flush-water": outside the fast path: rounded-value judgement"#,
        r#"指标 "flush-water"：超出快速判定的范围：修约值比较法"#,
    );
}

/// Problem 18 of the findings (wrong-answers-2026-12): the limits and values whose messages
/// misled, each now read or refused with the form it means, in both languages.
#[test]
fn problem_18_limits_and_values_as_people_write_them() {
    // A signed end of a range is a range, not a deviation.
    let signed: Limit = "-5 ~ +5".parse().unwrap();
    assert_eq!(signed, "-5 ~ 5".parse::<Limit>().unwrap());
    let upper: Limit = "5 ~ +10".parse().unwrap();
    assert_eq!(upper, "5 ~ 10".parse::<Limit>().unwrap());
    both(
        "10 -0.1 -0.2".parse::<Limit>(),
        r#"limit "10 -0.1 -0.2": both deviations lie below the nominal value: write the range they mean, "9.8 ~ 9.9""#,
        r#"限值 "10 -0.1 -0.2"：两个偏差都在标称值之下：请写出它们表示的范围 "9.8 ~ 9.9""#,
    );
    both(
        "10 +0.1 +0.2 mm".parse::<Limit>(),
        r#"limit "10 +0.1 +0.2 mm": both deviations lie above the nominal value: write the range they mean, "10.1 ~ 10.2 mm""#,
        r#"限值 "10 +0.1 +0.2 mm"：两个偏差都在标称值之上：请写出它们表示的范围 "10.1 ~ 10.2 mm""#,
    );
    both(
        "≥ 5 且 ≤ 3".parse::<Limit>(),
        r#"limit "≥ 5 且 ≤ 3": two conditions joined by "且" are not one limit: write the range they mean, "A ~ B" for "≥ A 且 ≤ B""#,
        r#"限值 "≥ 5 且 ≤ 3"：以 "且" 连接的两个条件不是一个限值：请写出它们表示的范围，"≥ A 且 ≤ B" 写作 "A ~ B""#,
    );
    // "+-" is read as "±", as "+/-" is; a byte order mark pasted before a limit or a value is
    // not part of it.
    assert_eq!(
        "9.8 +- 0.3".parse::<Measurement>().unwrap(),
        "9.8 ± 0.3".parse::<Measurement>().unwrap()
    );
    assert_eq!(
        "\u{feff}≥ 4".parse::<Limit>().unwrap(),
        "≥ 4".parse::<Limit>().unwrap()
    );
    assert_eq!(
        "\u{feff}9.8".parse::<Measurement>().unwrap(),
        "9.8".parse::<Measurement>().unwrap()
    );
}

#[test]
fn plan_content_in_chinese() {
    for (text, want) in [
        (
            PLAN.replace("≤ 4.0 L", "≤ 4.0 kg"),
            r#"错误：第 12 行第 33 列：indicators[0].requirements."T/A 1-2024"：限值 "≤ 4.0 kg" 的单位为 "kg"（质量），指标的单位为 "L"（体积）"#,
        ),
        (
            PLAN.replace("unit = \"L\"", "unit = \"LL\""),
            r#"错误：第 10 行第 8 列：indicators[0].unit：单位 "LL"：未知单位，是否应为 "L"？"#,
        ),
    ] {
        let plan = Plan::from_toml_str(&text).unwrap();
        let report = plan.check_in(&text);
        let first = report.errors().next().unwrap();
        assert_eq!(first.to_string_in(duibiao::Lang::Zh), want);
    }
    let err = toml(&PLAN.replace("schema_version = 1", "schema_version = 2")).unwrap_err();
    assert_eq!(
        err.message(duibiao::Lang::Zh),
        "schema_version 2：本版本只能读取方案格式版本 1"
    );
}

/// The command line's own messages (its options, files and warnings), word for word in English
/// and Chinese: they follow `--lang` as the library's do.
mod cli_messages {
    use super::common;
    use std::io::Write;

    fn root(path: &str) -> String {
        format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))
    }

    /// Standard error of `duibiao --lang LANG ARGS` with `stdin`, and the exit status.
    fn stderr(lang: &str, args: &[&str], stdin: &str) -> (Option<i32>, String) {
        let mut child = common::duibiao()
            .arg("--lang")
            .arg(lang)
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        (out.status.code(), String::from_utf8(out.stderr).unwrap())
    }

    #[track_caller]
    fn says(args: &[&str], stdin: &str, code: i32, en: &str, zh: &str) {
        assert_eq!(stderr("en", args, stdin), (Some(code), format!("{en}\n")));
        assert_eq!(stderr("zh", args, stdin), (Some(code), format!("{zh}\n")));
    }

    #[test]
    fn options() {
        let plan = root("examples/plans/smart-toilet.toml");
        let products = root("examples/plans/smart-toilet.products.csv");
        says(
            &["judge", "9.8 ± 0.3", "≤ 10", "--uncertainty", "abc"],
            "",
            2,
            "error: uncertainty \"abc\": expected a decimal number",
            "error: 不确定度 \"abc\"：应为十进制数",
        );
        says(
            &["judge", "9.8", "≤ 10", "--k", "two"],
            "",
            2,
            "error: coverage factor \"two\": expected a decimal number",
            "error: 包含因子 \"two\"：应为十进制数",
        );
        says(
            &["judge", "9.8 ± 0.3", "≤ 10", "--uncertainty", "0.2"],
            "",
            2,
            "error: value \"9.8 ± 0.3\": its uncertainty 0.3 differs from --uncertainty \"0.2\"",
            "error: 数值 \"9.8 ± 0.3\"：其不确定度 0.3 与 --uncertainty \"0.2\" 不同",
        );
        says(
            &["judge", "9.8 ± 0.3 (k=3)", "≤ 10", "--k", "2"],
            "",
            2,
            "error: value \"9.8 ± 0.3 (k = 3)\": its coverage factor k = 3 differs from --k \"2\"",
            "error: 数值 \"9.8 ± 0.3 (k = 3)\"：其包含因子 k = 3 与 --k \"2\" 不同",
        );
        says(
            &["rank", &plan, "--products", &products, "--share", "abc"],
            "",
            2,
            "error: share \"abc\": expected a decimal number",
            "error: 比例 \"abc\"：应为十进制数",
        );
        says(
            &["rank", &plan, "--products", &products, "--share", "150%"],
            "",
            2,
            "error: --share \"150%\": policy.ranking: leaders.share \"1.50\": a share is above 0 and at most 1",
            "error: 选项 --share \"150%\"：排名规则 policy.ranking：领跑者比例 \"1.50\"：比例必须大于 0 且不超过 1",
        );
        // Both languages: one line, the Chinese, then the English.
        assert_eq!(
            stderr("both", &["judge", "9.8", "≤ 10", "--k", "two"], ""),
            (
                Some(2),
                "error: 包含因子 \"two\"：应为十进制数 — coverage factor \"two\": expected a decimal number\n"
                    .to_owned()
            )
        );
    }

    #[test]
    fn files() {
        let plan = root("examples/plans/smart-toilet.toml");
        let csv = root("examples/plans/smart-toilet.products.csv");
        let missing = root("tests/data/no-such-file.csv");
        says(
            &["evaluate", &plan, "--products", &csv, "--sheet", "S"],
            "",
            2,
            &format!(
                "error: {csv}: --sheet reads a sheet of an .xlsx workbook, and this is not one"
            ),
            &format!("error: {csv}：--sheet 用于读取 .xlsx 工作簿中的工作表，而该文件不是工作簿"),
        );
        // The system's own words for the fault stay as the system gives them.
        let os = std::fs::File::open(&missing).unwrap_err().to_string();
        says(
            &["evaluate", &plan, "--products", &missing],
            "",
            2,
            &format!("error: products \"{missing}\": {os}"),
            &format!("error: 产品文件 \"{missing}\"：{os}"),
        );
        says(
            &["rank", &plan, "--standards", &missing],
            "",
            2,
            &format!("error: standards \"{missing}\": {os}"),
            &format!("error: 标准文件 \"{missing}\"：{os}"),
        );
        let output = root("tests/data/no-such-dir/report.md");
        says(
            &["report", &plan, "--products", &csv, "--output", &output],
            "",
            2,
            &format!("error: output \"{output}\": {os}"),
            &format!("error: 输出文件 \"{output}\"：{os}"),
        );
        says(
            &["evaluate", &plan, "--products", "-"],
            "name\nx\n",
            2,
            "error: -: products: line 1: the first column must be \"id\", found \"name\"",
            "error: -：产品文件：第 1 行：第一列必须是 \"id\"，却是 \"name\"",
        );
        says(
            &["evaluate", &plan, "--products", "-", "--format", "csv"],
            "[{\"id\":\"P1\",\"values\":{\"flush-water\":\"3.5\"}},{\"id\":\"P2\"",
            2,
            "error: -: products: line 1, column 55: EOF while parsing a list (the rows after it were not read)",
            "error: -：产品文件：第 1 行第 55 列：EOF while parsing a list（其后各行未读取）",
        );
    }

    #[test]
    fn rows_and_warnings() {
        let plan = root("examples/plans/smart-toilet.toml");
        let rows = "id,flush-water,remark\nP1,3.5,x\nP1,abc,y\n";
        says(
            &["evaluate", &plan, "--products", "-", "--format", "csv"],
            rows,
            1,
            "warning: -: column \"remark\" names no indicator of the plan: ignored\n\
             warning: -: line 3: product \"P1\" appears twice (line 2 and line 3): both are judged; give each product its own id\n\
             error: -: 1 of 2 products could not be read or judged: their rows say why",
            "warning: -：列 \"remark\" 不是方案中的指标，已忽略\n\
             warning: -：第 3 行：产品 \"P1\" 出现两次（第 2 行和第 3 行），两者均已判定，请为每个产品给出各自的编号\n\
             error: -：2 个产品中有 1 个无法读取或判定，原因见各自的行",
        );
        says(
            &["rank", &plan, "--products", "-"],
            rows,
            1,
            "warning: -: column \"remark\" names no indicator of the plan: ignored\n\
             error: -: line 3: product \"P1\": indicator \"flush-water\": value \"abc\": expected a number such as \"3.9\", \"4800 mL\" or \"16.5(+)\" (left out)",
            "warning: -：列 \"remark\" 不是方案中的指标，已忽略\n\
             error: -：第 3 行：产品 \"P1\"：指标 \"flush-water\"：数值 \"abc\"：应为数值，如 \"3.9\"、\"4800 mL\" 或 \"16.5(+)\"（已略去）",
        );
        let many: String = (1..=12).map(|k| format!(",x{k}")).collect();
        says(
            &["evaluate", &plan, "--products", "-", "--format", "csv"],
            &format!("id,flush-water{many}\nP1,3.5\n"),
            0,
            &(1..=10)
                .map(|k| {
                    format!("warning: -: column \"x{k}\" names no indicator of the plan: ignored\n")
                })
                .chain([
                    "warning: -: 2 more columns name no indicator of the plan: ignored".to_owned(),
                ])
                .collect::<String>(),
            &(1..=10)
                .map(|k| format!("warning: -：列 \"x{k}\" 不是方案中的指标，已忽略\n"))
                .chain(["warning: -：另有 2 列不是方案中的指标，已忽略".to_owned()])
                .collect::<String>(),
        );
    }
}
