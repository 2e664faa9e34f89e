//! Bad inputs and their messages, word for word: what was being read, where (path, line and
//! column for files), the offending text quoted, what was expected. One table per error kind,
//! then one `mod` per area (limits, units, products files, encodings, problem 18), each in
//! English and Chinese.

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
                r#"line 6, column 8: "benchmark": the TOML reader says: "invalid string, expected `"`, `'`""#,
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
                r#"line 1, column 5: end of file while parsing a list"#,
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
        ["products: line 1, column 2: end of file while parsing a list"]
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
            "error: {}: line 6, column 8: \"benchmark\": the TOML reader says: \"invalid string, expected `\"`, `'`\"\n",
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
        r#"limit "≥ 5 且 ≤ 3": the lower end "≥ 5" lies above the upper end "≤ 3", so no value can conform: write the smaller number first"#,
        r#"限值 "≥ 5 且 ≤ 3"：下端 "≥ 5" 高于上端 "≤ 3"，任何数值都不能符合：请先写较小的数"#,
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
    let err = duibiao::verdict::SchemaVersion::new(7).unwrap_err();
    assert_eq!(
        err.message(duibiao::Lang::En),
        "schema-version 7: this build reads schema versions 1"
    );
    assert_eq!(
        err.message(duibiao::Lang::Zh),
        "schema-version 7：本版本只能读取输出格式版本 1"
    );
    let err = toml(&PLAN.replace("schema_version = 1", "schema_version = 2")).unwrap_err();
    assert_eq!(
        err.message(duibiao::Lang::Zh),
        "schema_version 2：本版本只能读取方案格式版本 1"
    );
}

/// Limit text refused: every refusal in English and Chinese.
mod limits {
    use duibiao::{Lang, Limit};

    #[test]
    fn refusals_say_what_and_why() {
        let cases = [
            (
                "≥ abc",
                r#"limit "≥ abc": expected a number after "≥", found "abc""#,
            ),
            (
                "≤ 4,0 L",
                r#"limit "≤ 4,0 L": "4,0": a comma is not a decimal separator here: write the decimal point "." and no thousands separator"#,
            ),
            ("", r#"limit "": expected a limit such as "≥ 97.0 %""#),
            (
                "97.0",
                r#"limit "97.0": expected a comparison (≥, >, ≤, <, 不小于 …), a range (A ~ B) or a deviation (A ± b) around the number"#,
            ),
            (
                "20~10",
                r#"limit "20 ~ 10": the lower end lies above the upper end, so no value can conform"#,
            ),
            (
                "-5-10",
                r#"limit "-5-10": "-" between numbers is ambiguous with a minus sign here: write the range with "~""#,
            ),
            (
                "10以上",
                r#"limit "10以上": "以上"/"以下" leave the boundary open to doubt: write "及以上", "及以下", "不小于" or "不大于""#,
            ),
            (
                "10 ± 0.1 (不含0.2)",
                r#"limit "10 ± 0.1 (不含0.2)": "(不含0.2)" names no deviation of the limit (+0.1, -0.1)"#,
            ),
            (
                "≥ 14×3",
                r#"limit "≥ 14×3": expected a power of ten (10, 100, 10³ …) after "14×", found "3""#,
            ),
            (
                "≥ 5 mm ~",
                r#"limit "≥ 5 mm ~": expected the upper end of the range after "~""#,
            ),
            (
                "≥ 5 mm 6",
                r#"limit "≥ 5 mm 6": unexpected text after "≥ 5": a one-sided limit holds one number and its unit"#,
            ),
            (
                "10 mm ~ 20 cm",
                r#"limit "10 mm ~ 20 cm": the numbers are written in two units, "mm" and "cm": write one unit"#,
            ),
            (
                "≥ 1.2.3",
                r#"limit "≥ 1.2.3": number "1.2.3": expected a decimal number such as "97.0" or "-3.5""#,
            ),
            (
                "≥ 5 # 3",
                r##"limit "≥ 5 # 3": unexpected "# 3": expected a number, a unit or one of ≥ > ≤ < ~ ±"##,
            ),
        ];
        for (text, message) in cases {
            let err = text.parse::<Limit>().unwrap_err();
            assert_eq!(err.to_string(), message, "{text}");
        }
    }

    /// The same refusals in Chinese, word for word: the input quoted as written, the place joined
    /// with "：".
    #[test]
    fn refusals_in_chinese() {
        let cases = [
            ("≥ abc", r#"限值 "≥ abc"："≥" 之后应为数字，却是 "abc""#),
            (
                "≤ 4,0 L",
                r#"限值 "≤ 4,0 L"："4,0"：此处逗号不是小数点：请写小数点 "."，且不要写千位分隔符"#,
            ),
            ("", r#"限值 ""：应为限值，如 "≥ 97.0 %""#),
            ("≥", r#"限值 "≥"："≥" 之后应为数字，却什么也没有"#),
            (
                "97.0",
                r#"限值 "97.0"：数字前后应有比较符号（≥、>、≤、<、不小于 …）、范围（A ~ B）或偏差（A ± b）"#,
            ),
            (
                "20~10",
                r#"限值 "20 ~ 10"：下端高于上端，任何数值都不能符合"#,
            ),
            (
                "-5-10",
                r#"限值 "-5-10"：此处数字之间的 "-" 可能被当作负号：请用 "~" 写范围"#,
            ),
            (
                "10以上",
                r#"限值 "10以上"："以上"/"以下" 是否包含界限值不明确：请写 "及以上"、"及以下"、"不小于" 或 "不大于""#,
            ),
            (
                "10 ± 0.1 (不含0.2)",
                r#"限值 "10 ± 0.1 (不含0.2)"："(不含0.2)" 不是该限值的偏差（+0.1、-0.1）"#,
            ),
            (
                "≥ 14×3",
                r#"限值 "≥ 14×3"："14×" 之后应为 10 的幂（10、100、10³ …），却是 "3""#,
            ),
            (
                "≥ 1×10^40",
                r#"限值 "≥ 1×10^40"：10 的幂 10^40 超出小数所能容纳的范围"#,
            ),
            (
                "≥ 5 mm 6",
                r#"限值 "≥ 5 mm 6"："≥ 5" 之后有多余文字：单侧限值只含一个数字及其单位"#,
            ),
            (
                "10 mm ~ 20 cm",
                r#"限值 "10 mm ~ 20 cm"：数字写了两个单位 "mm" 和 "cm"：请只写一个单位"#,
            ),
            (
                "10 +0.1",
                r#"限值 "10 +0.1"：应写出上下两个偏差 "+b₁" 和 "-b₂"，如 "10 +0.2 -0.1""#,
            ),
            (
                "≥ 1.2.3",
                r#"限值 "≥ 1.2.3"：数值 "1.2.3"：应为十进制数，如 "97.0" 或 "-3.5""#,
            ),
            (
                "≥ 4.0 LL",
                r#"限值 "≥ 4.0 LL"：单位 "LL"：未知单位，是否应为 "L"？"#,
            ),
            (
                "≥ 8×10^28",
                r#"限值 "≥ 8×10^28"：8×10^28：结果超出 28 位有效数字"#,
            ),
        ];
        for (text, message) in cases {
            let err = text.parse::<Limit>().unwrap_err();
            assert_eq!(err.message(Lang::Zh), message, "{text}");
            assert_eq!(
                err.message(Lang::Both),
                format!("{message} — {err}"),
                "{text}"
            );
        }
    }
}

/// Units and quantities refused, and the hints for unknown units.
mod units {
    use std::str::FromStr;

    use duibiao::{check_same_kind, Lang, Quantity, QuantityKind, Unit};
    use rust_decimal::Decimal;

    #[track_caller]
    fn unit(text: &str) -> Unit {
        text.parse()
            .unwrap_or_else(|e| panic!("unit {text:?} failed: {e}"))
    }

    #[track_caller]
    fn quantity(text: &str) -> Quantity {
        text.parse()
            .unwrap_or_else(|e| panic!("quantity {text:?} failed: {e}"))
    }

    /// J/kg is both specific energy (kgce/t, the unit of energy-consumption standards) and
    /// absorbed dose (Gy): the dimension's name says both, never "absorbed dose" alone for kgce/t.
    #[test]
    fn energy_per_mass_is_named_for_both_readings() {
        let err = quantity("1 kg").to(&unit("kgce/t")).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"cannot convert "kg" (mass) to "kgce/t" (specific energy or absorbed dose)"#
        );
        assert_eq!(
            err.message(Lang::Zh),
            r#"不能将 "kg"（质量）换算为 "kgce/t"（比能或吸收剂量）"#
        );
    }

    /// Problem 18 of the December 2026 findings: a hint never names the same unit with another SI
    /// prefix (`mW` is not "MW", 10⁹ times larger), nor an unrelated unit two letters away (`rad`
    /// is not "gram"). Slips of case away from the prefix and doubled letters are still corrected.
    #[test]
    fn suggestions_keep_the_prefix() {
        // Units of the table since issue 14 (SI prefixes, the radian).
        for text in ["mW", "rad", "Mm", "ML", "GW", "hPa", "milliwatt"] {
            assert!(Unit::from_str(text).is_ok(), "{text}");
        }
        for text in ["Nm", "microin", "kbar", "mft", "Mmin"] {
            assert_eq!(
                Unit::from_str(text).unwrap_err().to_string(),
                format!(r#"unit "{text}": unknown unit"#),
                "{text}"
            );
        }
        for (text, meant) in [
            ("kpa", "kPa"),
            ("Mpa", "MPa"),
            ("KW", "kW"),
            ("kwh", "kWh"),
            ("pa", "Pa"),
            ("hz", "Hz"),
            ("KG", "kg"),
            ("kgg", "kg"),
            // A slip of case after the prefix keeps the prefix: never `MW`, never `MPa`.
            ("mw", "mW"),
            ("mpa", "mPa"),
            ("wat", "watt"),
            ("celcius", "celsius"),
        ] {
            assert_eq!(
                Unit::from_str(text).unwrap_err().to_string(),
                format!(r#"unit "{text}": unknown unit, did you mean "{meant}"?"#),
                "{text}"
            );
            // The hint reads back as a unit.
            assert!(Unit::from_str(meant).is_ok(), "{meant}");
        }
        // In a limit, as the finding had it.
        assert_eq!(
            "≤ 500 mWW"
                .parse::<duibiao::Limit>()
                .unwrap_err()
                .to_string(),
            r#"limit "≤ 500 mWW": unit "mWW": unknown unit, did you mean "mW"?"#
        );
    }

    /// The messages of the unit module in Chinese, word for word.
    #[test]
    fn error_messages_in_chinese() {
        let zh = |e: duibiao::Error| e.message(Lang::Zh);
        for (text, message) in [
            ("kgg", r#"单位 "kgg"：未知单位，是否应为 "kg"？"#),
            ("furlong", r#"单位 "furlong"：未知单位"#),
            (
                "W/(m·Kk)",
                r#"单位 "W/(m·Kk)"：单位 "Kk"：未知单位，是否应为 "K"？"#,
            ),
            ("", r#"单位 ""：应为单位符号，如 "mm" 或 "W/(m·K)""#),
            (
                "W/m·K",
                r#"单位 "W/m·K"："/" 之后的乘积有歧义：请把分母放在括号中，如 "W/(m·K)""#,
            ),
            ("W/(m·K", r#"单位 "W/(m·K"：应为 ")""#),
            ("m)", r#"单位 "m)"：多余的 ")""#),
            ("m^", r#"单位 "m^"：应为整数的幂，如 "²" 或 "^-1""#),
            ("m^0", r#"单位 "m^0"：幂为零"#),
            (
                "dB/m",
                r#"单位 "dB/m"：以分贝表示的级不能与其他单位组合，也不能乘方"#,
            ),
            (
                "((((((((((m))))))))))",
                r#"单位 "((((((((((m))))))))))"：括号嵌套过深"#,
            ),
        ] {
            assert_eq!(zh(Unit::from_str(text).unwrap_err()), message, "{text:?}");
        }
        for (text, message) in [
            ("abc", r#"量值 "abc"：应为数字加单位，如 "3.50 W/W""#),
            (
                "5 kgg",
                r#"量值 "5 kgg"：单位 "kgg"：未知单位，是否应为 "kg"？"#,
            ),
            (
                "4,0 L",
                r#"量值 "4,0 L"：数值 "4,0"：此处逗号不是小数点：请写小数点 "."，且不要写千位分隔符"#,
            ),
            ("Δ5 m", r#"量值 "Δ5 m"：差值符号 "Δ" 只用于温度"#),
        ] {
            assert_eq!(
                zh(Quantity::from_str(text).unwrap_err()),
                message,
                "{text:?}"
            );
        }
        let q = |t: &str| Quantity::from_str(t).unwrap();
        // Dimensions are named in Chinese too, composite ones factor by factor.
        assert_eq!(
            zh(q("1 mm").checked_add(&q("1 kg")).unwrap_err()),
            r#"不能将 "kg"（质量）换算为 "mm"（长度）"#
        );
        assert_eq!(
            zh(q("1 kg/m³").to(&unit("W")).unwrap_err()),
            r#"不能将 "kg/m³"（质量·长度⁻³）换算为 "W"（功率）"#
        );
        assert_eq!(
            zh(q("20 °C").checked_add(&q("30 °C")).unwrap_err()),
            r#"不能将两个绝对温度 "20 °C" 和 "30 °C" 相加：请加上温差，如 "Δ2 K""#
        );
        assert_eq!(
            zh(q("Δ2 K").checked_cmp(&q("2 K")).unwrap_err()),
            r#"不能比较 "Δ2 K" 与 "2 K"：一个是温差，另一个是绝对温度"#
        );
        assert_eq!(
            zh(q("60 dB").checked_add(&q("60 dB")).unwrap_err()),
            r#"量值 "60 dB"：不能对以分贝表示的级做加法：分贝是对数单位"#
        );
        assert_eq!(
            zh(q("79228162514264337593543950335 km")
                .to(&unit("mm"))
                .unwrap_err()),
            "将 79228162514264337593543950335 km 换算为 mm：结果超出 28 位有效数字"
        );
        assert_eq!(
            zh(check_same_kind(Some("APF"), Some("SEER")).unwrap_err()),
            "不能比较 APF 与 SEER"
        );
    }

    /// Error messages, word for word.
    #[test]
    fn error_messages() {
        let units = [
            ("kgg", r#"unit "kgg": unknown unit, did you mean "kg"?"#),
            ("KG", r#"unit "KG": unknown unit, did you mean "kg"?"#),
            ("xyzzy", r#"unit "xyzzy": unknown unit"#),
            (
                "W/(m·Kk)",
                r#"unit "W/(m·Kk)": unit "Kk": unknown unit, did you mean "K"?"#,
            ),
            (
                "",
                r#"unit "": expected a unit symbol such as "mm" or "W/(m·K)""#,
            ),
            (
                "W/m·K",
                r#"unit "W/m·K": a product after "/" is ambiguous: put the denominator in parentheses, such as "W/(m·K)""#,
            ),
            ("W/(m·K", r#"unit "W/(m·K": expected ")""#),
            ("m)", r#"unit "m)": unexpected ")""#),
            (
                "m^",
                r#"unit "m^": expected a whole-number power such as "²" or "^-1""#,
            ),
            ("m^0", r#"unit "m^0": a power of zero"#),
            (
                "m/",
                r#"unit "m/": expected a unit symbol such as "mm" or "W/(m·K)""#,
            ),
            (
                "dB/m",
                r#"unit "dB/m": a level in decibels cannot be combined with other units or raised to a power"#,
            ),
            (
                "((((((((((m))))))))))",
                r#"unit "((((((((((m))))))))))": parentheses nested too deeply"#,
            ),
        ];
        for (text, message) in units {
            let err = Unit::from_str(text).unwrap_err();
            assert_eq!(err.to_string(), message, "{text:?}");
        }
        assert!(Unit::from_str("kgg").unwrap_err().is_unknown_unit());
        assert!(Unit::from_str("W/m·K").unwrap_err().is_syntax());

        let quantities = [
            (
                "abc",
                r#"quantity "abc": expected a number followed by a unit, such as "3.50 W/W""#,
            ),
            (
                "5 kgg",
                r#"quantity "5 kgg": unit "kgg": unknown unit, did you mean "kg"?"#,
            ),
            (
                "4,0 L",
                r#"quantity "4,0 L": number "4,0": a comma is not a decimal separator here: write the decimal point "." and no thousands separator"#,
            ),
            (
                "1.2.3 m",
                r#"quantity "1.2.3 m": number "1.2.3": expected a decimal number such as "97.0" or "-3.5""#,
            ),
            (
                "Δ5 m",
                r#"quantity "Δ5 m": a difference "Δ" applies to temperatures only"#,
            ),
        ];
        for (text, message) in quantities {
            let err = Quantity::from_str(text).unwrap_err();
            assert_eq!(err.to_string(), message, "{text:?}");
        }

        let convert = |q: &str, u: &str| quantity(q).to(&unit(u)).unwrap_err().to_string();
        assert_eq!(
            convert("1 kg", "mm"),
            r#"cannot convert "kg" (mass) to "mm" (length)"#
        );
        assert_eq!(
            convert("1 MPa", "kW·h"),
            r#"cannot convert "MPa" (pressure) to "kW·h" (energy)"#
        );
        assert_eq!(
            convert("60 dB", "dB(A)"),
            r#"cannot convert "dB" (level) to "dB(A)" (A-weighted level)"#
        );
        assert_eq!(
            convert("1 kg/m³", "m"),
            r#"cannot convert "kg/m³" (mass·length⁻³) to "m" (length)"#
        );

        let add = |a: &str, b: &str| {
            quantity(a)
                .checked_add(&quantity(b))
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            add("20 °C", "30 °C"),
            r#"cannot add two absolute temperatures "20 °C" and "30 °C": add a difference such as "Δ2 K""#
        );
        assert_eq!(
            add("60 dB", "60 dB"),
            r#"quantity "60 dB": cannot add a level in decibels: decibels are logarithmic"#
        );
        assert_eq!(
            quantity("Δ2 K")
                .checked_sub(&quantity("20 °C"))
                .unwrap_err()
                .to_string(),
            r#"cannot subtract the absolute temperature "20 °C" from the difference "Δ2 K""#
        );
        assert_eq!(
            quantity("20 °C")
                .checked_mul(Decimal::TWO)
                .unwrap_err()
                .to_string(),
            r#"quantity "20 °C": cannot multiply an absolute temperature on a scale with an offset: convert to K first"#
        );

        assert_eq!(
            check_same_kind(Some("APF"), Some("SEER"))
                .unwrap_err()
                .to_string(),
            "cannot compare APF with SEER"
        );
        let apf = QuantityKind::new("APF", &unit("W/W"));
        let pf = QuantityKind::new("APF", &unit("W"));
        assert_eq!(
            apf.check_comparable(&pf).unwrap_err().to_string(),
            "cannot compare APF (dimensionless) with APF (power)"
        );
    }
}

/// The messages of products files in English and Chinese, word for word, and their kinds
///: a header without `id`, an encoding refusal, a row
/// beyond `row_bytes`, a JSON entry's fault, a column or key given twice, a read that failed, a
/// plan beyond a limit.
mod products_files {
    use duibiao::product::{CsvRows, Encoding, JsonRows};
    use duibiao::{Error, ErrorKind, Lang, Limits, Plan};

    /// The error's kind, English and Chinese messages.
    fn check(e: &Error, kind: ErrorKind, en: &str, zh: &str) {
        assert_eq!(e.kind(), kind, "{e}");
        assert_eq!(e.code(), kind.code());
        assert_eq!(e.to_string(), en);
        assert_eq!(e.message(Lang::En), en);
        assert_eq!(e.message(Lang::Zh), zh);
        assert_eq!(e.message(Lang::Both), format!("{zh} — {en}"));
    }

    fn header_error(text: &str) -> Error {
        CsvRows::new(text.as_bytes(), &Limits::default())
            .err()
            .expect("refused")
    }

    #[test]
    fn a_header_without_id() {
        check(
            &header_error("P1,flush-water\n"),
            ErrorKind::Syntax,
            r#"products: line 1: the first column must be "id", found "P1""#,
            r#"产品文件：第 1 行：第一列必须是 "id"，却是 "P1""#,
        );
        check(
            &header_error("ID,flush-water\n"),
            ErrorKind::Syntax,
            r#"products: line 1: the first column must be "id", found "ID": write it in lower case"#,
            r#"产品文件：第 1 行：第一列必须是 "id"，却是 "ID"，请用小写"#,
        );
        check(
            &header_error("id;flush-water\n"),
            ErrorKind::Syntax,
            r#"products: line 1: the columns are separated by ";", not commas: save the file as comma-separated CSV ("CSV UTF-8 (逗号分隔)")"#,
            r#"产品文件：第 1 行：各列以分号（";"）分隔，而不是逗号，请另存为逗号分隔的 CSV（"CSV UTF-8 (逗号分隔)"）"#,
        );
        check(
            &header_error(""),
            ErrorKind::Syntax,
            r#"products: the file is empty: a products file starts with a header such as "id,flush-water" (the product id, then one column per indicator id)"#,
            r#"产品文件：文件为空，产品文件应以表头开头，如 "id,flush-water"（先是产品编号，然后每个指标编号一列）"#,
        );
    }

    #[test]
    fn a_column_or_key_given_twice() {
        check(
            &header_error("id,a,a\n"),
            ErrorKind::Duplicate,
            r#"products: line 1: column "a" appears twice (columns 2 and 3): which value counts?"#,
            r#"产品文件：第 1 行：列 "a" 出现两次（第 2 列和第 3 列），应以哪一列的数值为准？"#,
        );
        let text = br#"[{"id": "P1", "values": {"a": "1", "a": "2"}}, {"id": "P2", "id": "P3"}]"#;
        let errors: Vec<Error> = JsonRows::array(&text[..], &Limits::default())
            .unwrap()
            .filter_map(Result::err)
            .collect();
        check(
            &errors[0],
            ErrorKind::Duplicate,
            r#"products[0]: product "P1": "a" appears twice in values"#,
            r#"产品条目 products[0]：产品 "P1"："a" 在 values 中出现两次"#,
        );
        // The JSON reader's words, written again in both languages.
        check(
            &errors[1],
            ErrorKind::Duplicate,
            r#"products[1]: field "id" is given twice"#,
            r#"产品条目 products[1]：字段 "id" 出现两次"#,
        );
    }

    #[test]
    fn an_encoding_refusal() {
        let gbk = b"id,flush-water\nP1,3.5 \xc9\xfd\n"; // "3.5 升" in GBK
        let mut rows =
            CsvRows::with_encoding(&gbk[..], &Limits::default(), Encoding::Utf8).unwrap();
        check(
            &rows.next().unwrap().unwrap_err(),
            ErrorKind::Encoding,
            r#"products: line 2, byte 22: the file is not UTF-8 (it looks like GB18030, as Excel saves "CSV (逗号分隔)" on Chinese Windows): read it with --encoding gb18030, or save it as "CSV UTF-8 (逗号分隔)""#,
            r#"产品文件：第 2 行，字节偏移 22：文件不是 UTF-8（似乎是 GB18030，中文版 Windows 上的 Excel 保存 "CSV (逗号分隔)" 时用的就是它），可用 --encoding gb18030 读取；或请另存为 "CSV UTF-8 (逗号分隔)""#,
        );
        // A plan's text, decoded whole.
        check(
            &Encoding::Auto.decode(b"PK\x03\x04\x14\0\0\0").unwrap_err(),
            ErrorKind::Encoding,
            "line 1, byte 0: the file is an Excel workbook (.xlsx) or another zip archive, not text: save it as UTF-8 text",
            "第 1 行，字节偏移 0：该文件是 Excel 工作簿（.xlsx）或其他 zip 压缩文件，不是文本，请另存为 UTF-8 文本",
        );
        // A JSON entry that is not UTF-8.
        let text = b"[{\"id\": \"P\xff\"}]";
        let mut rows = JsonRows::array(&text[..], &Limits::default()).unwrap();
        check(
            &rows.next().unwrap().unwrap_err(),
            ErrorKind::Encoding,
            "products[0]: line 1, column 11: the text is not UTF-8: save the file as UTF-8",
            "产品条目 products[0]：第 1 行第 11 列：文本不是 UTF-8，请将文件另存为 UTF-8",
        );
        // An unknown encoding name is a value not allowed, not a file in an encoding.
        check(
            &"latin1".parse::<Encoding>().unwrap_err(),
            ErrorKind::Invalid,
            r#"encoding "latin1": expected auto, utf-8, gb18030, gbk, utf-16le or utf-16be"#,
            r#"编码 "latin1"：应为 auto、utf-8、gb18030、gbk、utf-16le 或 utf-16be"#,
        );
    }

    #[test]
    fn beyond_a_limit() {
        let mut limits = Limits::default();
        limits.row_bytes = 12;
        let rows = CsvRows::new(&b"id,a\nP1,1\nP2,12345678901234\n"[..], &limits).unwrap();
        let results: Vec<_> = rows.collect();
        assert!(results[0].is_ok());
        check(
            results[1].as_ref().unwrap_err(),
            ErrorKind::Limit,
            "products: a row longer than 12 bytes (limit `row_bytes`)",
            "产品文件：一行超过 12 字节（限额 `row_bytes`）",
        );
        let text = br#"[{"id": "P1"}, {"id": "P2", "values": {"flush-water": "3.5 L"}}]"#;
        let mut rows = JsonRows::array(&text[..], &limits).unwrap();
        check(
            &rows.nth(1).unwrap().unwrap_err(),
            ErrorKind::Limit,
            "products[1]: an entry longer than 12 bytes (limit `row_bytes`)",
            "产品条目 products[1]：条目超过 12 字节（限额 `row_bytes`）",
        );
        let mut limits = Limits::default();
        limits.id_bytes = 2;
        let mut rows = CsvRows::new(&b"id,a\nP12,1\n"[..], &limits).unwrap();
        check(
            &rows.next().unwrap().unwrap_err(),
            ErrorKind::Limit,
            r#"line 2: product id "P12": longer than 2 bytes (limit `id_bytes`)"#,
            r#"第 2 行：产品编号 "P12"：超过 2 字节（限额 `id_bytes`）"#,
        );
        limits.columns = 2;
        check(
            &CsvRows::new(&b"id,a,b\n"[..], &limits).err().unwrap(),
            ErrorKind::Limit,
            "products: line 1: 3 columns, more than the 2 a products file may hold (limit `columns`)",
            "产品文件：第 1 行：3 列，超过产品文件可容纳的 2 列（限额 `columns`）",
        );
        // A plan beyond a limit.
        let mut limits = Limits::default();
        limits.indicators = 1;
        let plan = r#"
schema_version = 1
category = { en = "smart toilet" }
standards = [{ code = "T/CZGX 001-2022", role = "benchmark" }]
[[indicators]]
id = "flush-water"
direction = "lower-is-better"
[[indicators]]
id = "noise"
direction = "lower-is-better"
"#;
        check(
            &Plan::from_toml_str_with(plan, &limits).unwrap_err(),
            ErrorKind::Limit,
            "plan: indicators: 2 indicators, more than the 1 a plan may hold (limit `indicators`)",
            "方案：indicators：2 个指标，超过一个方案可容纳的 1 个（限额 `indicators`）",
        );
        limits.nesting = 2;
        check(
            &Plan::from_json_str_with(r#"{"a": [[1]]}"#, &limits).unwrap_err(),
            ErrorKind::Limit,
            "plan: tables and arrays nested 3 deep, deeper than 2 (limit `nesting`)",
            "方案：表与数组嵌套 3 层，超过 2 层（限额 `nesting`）",
        );
    }

    #[test]
    fn a_json_entry_fault() {
        let text = br#"[{"id": "P1", "values": {"a": "x"}}, {"id": "P2", "values": {" a": "1"}}, {"id": "P3", "values": {"a": "1"} x}]"#;
        let errors: Vec<Error> = JsonRows::array(&text[..], &Limits::default())
            .unwrap()
            .filter_map(Result::err)
            .collect();
        check(
            &errors[0],
            ErrorKind::Syntax,
            r#"products[0]: product "P1": indicator "a": value "x": expected a number such as "3.9", "4800 mL" or "16.5(+)""#,
            r#"产品条目 products[0]：产品 "P1"：指标 "a"：数值 "x"：应为数值，如 "3.9"、"4800 mL" 或 "16.5(+)""#,
        );
        check(
            &errors[1],
            ErrorKind::Invalid,
            r#"products[1]: product "P2": " a" in values has leading or trailing whitespace: write "a""#,
            r#"产品条目 products[1]：产品 "P2"：values 中的 " a" 首尾有空白，请写 "a""#,
        );
        check(
            &errors[2],
            ErrorKind::Syntax,
            r#"products[2]: line 1, column 109: "x": expected `,` or `}`"#,
            r#"产品条目 products[2]：第 1 行第 109 列："x"：此处应为 `,` 或 `}`"#,
        );
        // A fault of the file stops the reading.
        let mut rows = JsonRows::array(&b"[{\"id\": \"P1\"},"[..], &Limits::default()).unwrap();
        assert!(rows.next().unwrap().is_ok());
        check(
            &rows.next().unwrap().unwrap_err(),
            ErrorKind::Syntax,
            "products: line 1, column 15: end of file while parsing a list",
            "产品文件：第 1 行第 15 列：读取数组时文件意外结束",
        );
        assert!(rows.stopped());
        check(
            &JsonRows::lines(&b"[]"[..], &Limits::default()).err().unwrap(),
            ErrorKind::Syntax,
            "products: line 1, column 1: a JSON array, but JSON Lines holds one product object per line: read the file as a JSON array (.json)",
            "产品文件：第 1 行第 1 列：这是 JSON 数组，而 JSON Lines 每行一个产品对象，请按 JSON 数组（.json）读取该文件",
        );
    }

    /// A reader whose every read fails.
    struct Broken;

    impl std::io::Read for Broken {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("the disk is gone"))
        }
    }

    #[test]
    fn a_read_that_failed() {
        let limits = Limits::default();
        for e in [
            JsonRows::array(Broken, &limits).err().unwrap(),
            CsvRows::new(Broken, &limits).err().unwrap(),
        ] {
            check(
                &e,
                ErrorKind::Io,
                r#"products: line 1: the system says: "the disk is gone""#,
                r#"产品文件：第 1 行：系统提示："the disk is gone""#,
            );
        }
    }
}

/// Products files and plans in no encoding read, and headers that are not one
/// the reproducers of problem 18 are in `tests/data/findings/`.
mod encodings {
    use super::common::{csv_rows, finding, finding_engine};
    use duibiao::product::{CsvRows, Encoding};
    use duibiao::stream::Source;
    use duibiao::{Engine, Limits, Plan};

    fn header_error(bytes: &[u8], encoding: Encoding) -> String {
        CsvRows::with_encoding(bytes, &Limits::default(), encoding)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    fn first_error(bytes: &[u8], encoding: Encoding) -> String {
        match CsvRows::with_encoding(bytes, &Limits::default(), encoding) {
            Err(e) => e.to_string(),
            Ok(rows) => rows
                .filter_map(Result::err)
                .map(|e| e.to_string())
                .next()
                .unwrap_or_default(),
        }
    }

    #[test]
    fn a_file_in_no_encoding_read_is_refused_with_its_place_and_what_to_do() {
        assert_eq!(
            first_error(&finding("gbk_values.csv"), Encoding::Utf8),
            "products: line 2, byte 22: the file is not UTF-8 (it looks like GB18030, as Excel saves \"CSV (逗号分隔)\" on Chinese Windows): read it with --encoding gb18030, or save it as \"CSV UTF-8 (逗号分隔)\""
        );
        assert_eq!(
            header_error(&finding("gbk_zh.csv"), Encoding::Utf8),
            "products: line 1, byte 3: the file is not UTF-8 (it looks like GB18030, as Excel saves \"CSV (逗号分隔)\" on Chinese Windows): read it with --encoding gb18030, or save it as \"CSV UTF-8 (逗号分隔)\""
        );
        assert_eq!(
            header_error(&finding("utf16.csv"), Encoding::Gb18030),
            "products: line 1, byte 0: the file starts with the byte order mark of UTF-16 LE, so it is not GB18030: read it with --encoding utf-16le, or save it as \"CSV UTF-8 (逗号分隔)\""
        );
        // Binary: a NUL byte in the first line; a workbook given as CSV.
        assert_eq!(
            header_error(b"\x00\x01\x02\x03binary", Encoding::Auto),
            "products: line 1, byte 0: a NUL byte in the first line: the file is not text (a binary file?): save it as \"CSV UTF-8 (逗号分隔)\""
        );
        assert_eq!(
            header_error(b"PK\x03\x04\x14\x00\x06\x00", Encoding::Auto),
            "products: line 1, byte 0: the file is an Excel workbook (.xlsx) or another zip archive, not text: read it as a workbook (a file named .xlsx), or save it as \"CSV UTF-8 (逗号分隔)\""
        );
        // The rows before the fault are read and judged.
        let plan = finding_engine("plan.toml");
        let rows = csv_rows(
            b"id,flush-water\nP1,3.5\nP2,3.5 \xff\n",
            &plan,
            Encoding::Auto,
        );
        assert!(rows.0[0].is_ok());
        assert_eq!(
            rows.0[1].as_ref().unwrap_err(),
            "products: line 3, byte 29: the file is not UTF-8 (nor GB18030 or UTF-16 with a byte order mark): save it as \"CSV UTF-8 (逗号分隔)\""
        );
        assert_eq!(rows.0.len(), 2);
    }

    #[test]
    fn a_header_that_is_not_one_says_what_to_do() {
        for (name, message) in [
            ("semicolon.csv", "products: line 1: the columns are separated by \";\", not commas: save the file as comma-separated CSV (\"CSV UTF-8 (逗号分隔)\")"),
            ("tab.tsv", "products: line 1: the columns are separated by tabs, not commas: save the file as comma-separated CSV (\"CSV UTF-8 (逗号分隔)\")"),
            ("header_case.csv", "products: line 1: the first column must be \"id\", found \"ID\": write it in lower case"),
            ("empty.csv", "products: the file is empty: a products file starts with a header such as \"id,flush-water\" (the product id, then one column per indicator id)"),
        ] {
            assert_eq!(header_error(&finding(name), Encoding::Auto), message, "{name}");
        }
        assert_eq!(
            header_error(b"\xef\xbb\xbf", Encoding::Auto),
            "products: the file is empty: a products file starts with a header such as \"id,flush-water\" (the product id, then one column per indicator id)"
        );
        assert_eq!(
            header_error("型号,id,flush-water\n".as_bytes(), Encoding::Auto),
            "products: line 1: the first column must be \"id\", found \"型号\": move column 2 \"id\" first"
        );
        assert_eq!(
            header_error(b"name,flush-water\n", Encoding::Auto),
            "products: line 1: the first column must be \"id\", found \"name\""
        );
    }

    #[test]
    fn a_chinese_name_that_could_be_two_indicators_is_refused_naming_the_ids() {
        let plan = |second_zh: &str| {
            Plan::from_toml_str(&format!(
                r#"
schema_version = 1
category = {{ en = "smart toilet" }}
[[standards]]
code = "T/CZGX 001-2022"
role = "benchmark"
[[indicators]]
id = "flush-water"
name = {{ zh = "冲水量" }}
direction = "lower-is-better"
requirements = {{ "T/CZGX 001-2022" = "≤ 4.0" }}
[[indicators]]
id = "flush-water-2"
name = {{ zh = "{second_zh}" }}
direction = "lower-is-better"
requirements = {{ "T/CZGX 001-2022" = "≤ 5.0" }}
"#
            ))
            .unwrap()
            .compile()
            .unwrap()
        };
        let error = |engine: &Engine, csv: &str| {
            Source::csv(csv.as_bytes(), engine, &Limits::default())
                .err()
                .unwrap()
                .to_string()
        };
        let twice = plan("冲水量");
        assert_eq!(
            error(&twice, "id,冲水量\nP1,3\n"),
            r#"products: line 1: column 2 "冲水量" is the Chinese name of indicators "flush-water" and "flush-water-2": name the column by the id it means ("flush-water" or "flush-water-2")"#
        );
        let one = plan("二次冲水量");
        assert_eq!(
            error(&one, "id,flush-water,冲水量\nP1,3,3\n"),
            r#"products: line 1: columns 2 "flush-water" and 3 "冲水量" both name indicator "flush-water" (by its id and by its Chinese name): keep one"#
        );
        // A column that is one indicator's id and another's Chinese name.
        let crossed = plan("flush-water");
        assert_eq!(
            error(&crossed, "id,flush-water\nP1,3\n"),
            r#"products: line 1: column 2 "flush-water" is the id of indicator "flush-water" and the Chinese name of indicator "flush-water-2": name the column by the id it means ("flush-water" or "flush-water-2")"#
        );
    }

    #[test]
    fn a_binary_plan_is_refused() {
        assert_eq!(
            Encoding::Auto.decode(&finding("p_binary.toml")).unwrap_err().to_string(),
            "line 1, byte 0: the file is not UTF-8 text (it holds NUL bytes: a binary file?): save it as UTF-8"
        );
    }
}

/// Problem 18 of the findings (wrong-answers-2026-12):
/// plan fields whose messages misled, each now refused with what to write, word for word in
/// both languages.
mod problem_18 {
    use super::common;

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
            let err = Plan::from_toml_str(&plan_with(&format!("tolerance = \"{tolerance}\"")))
                .unwrap_err();
            assert_eq!(
                err.to_string(),
                format!(
                    "line 11, column 13: equivalence tolerance \"{tolerance}\": a tolerance takes no unit (\"{unit}\"): write it in the indicator's unit as a bare number (\"0.2\"), or as a share of the benchmark level (\"2 %\")"
                )
            );
        }
        let zh = "200 mL"
            .parse::<duibiao::indicator::Tolerance>()
            .unwrap_err();
        assert_eq!(
            zh.message(Lang::Zh),
            "等同容差 \"200 mL\"：容差不带单位（\"mL\"）：请以指标的单位写出纯数值（\"0.2\"），或写成对标水平的百分比（\"2 %\"）"
        );
    }

    #[test]
    fn a_float_with_more_than_15_significant_digits_is_refused() {
        let err = Plan::from_toml_str(&plan_with("weight = 0.1234567890123456789")).unwrap_err();
        assert!(
            err.to_string()
                .contains("a number with more than 15 significant digits may have lost digits"),
            "{err}"
        );
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
            let err =
                Plan::from_toml_str(&format!("{file}category = {{ en = \"t\" }}\n")).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("schema_version {written}: not a schema version, which is a whole number such as 1 (this build reads schema versions 1)")
            );
        }
        let err = Plan::from_json_str(
            r#"{"schema_version": 99999999999999999999, "category": {"en": "t"}}"#,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "schema_version 99999999999999999999: not a schema version, which is a whole number such as 1 (this build reads schema versions 1)"
        );
        let err =
            Plan::from_toml_str("schema_version = 99\ncategory = { en = \"t\" }\n").unwrap_err();
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
}

/// The readers' messages in both languages: a field's own error read by the TOML or JSON
/// reader keeps every language and gains the reader's place (line, column, span); serde's and
/// serde_json's wordings are written again; any other reader text is quoted in a frame.
mod readers {
    use duibiao::{ErrorKind, Lang, Plan};

    use super::PLAN;

    #[track_caller]
    fn both(e: &duibiao::Error, en: &str, zh: &str) {
        assert_eq!(e.to_string(), en);
        assert_eq!(e.message(Lang::Zh), zh);
        assert_eq!(e.kind(), ErrorKind::Plan, "{en}");
    }

    #[test]
    fn a_fields_own_error_keeps_its_languages_and_gains_the_place() {
        let text = PLAN.replace("unit = \"L\"", "unit = \"L\"\ntolerance = \"200 mL\"");
        let e = Plan::from_toml_str(&text).unwrap_err();
        both(
            &e,
            r#"line 11, column 13: equivalence tolerance "200 mL": a tolerance takes no unit ("mL"): write it in the indicator's unit as a bare number ("0.2"), or as a share of the benchmark level ("2 %")"#,
            r#"第 11 行第 13 列：等同容差 "200 mL"：容差不带单位（"mL"）：请以指标的单位写出纯数值（"0.2"），或写成对标水平的百分比（"2 %"）"#,
        );
        let span = e.span().unwrap();
        assert_eq!((span.line, span.column), (11, 13));
        assert_eq!(&text[span.start..span.end], "\"200 mL\"");
        let e =
            Plan::from_toml_str(&PLAN.replace("unit = \"L\"", "unit = \"L\"\nweight = \"heavy\""))
                .unwrap_err();
        both(
            &e,
            r#"line 11, column 10: decimal "heavy": expected a decimal number of at most 28 significant digits, such as "0.5""#,
            r#"第 11 行第 10 列：小数 "heavy"：应为至多 28 位有效数字的十进制数，如 "0.5""#,
        );
        let e = Plan::from_toml_str(&PLAN.replace("code = \"T/A 1-2024\"", "code = \"T/\""))
            .unwrap_err();
        both(
            &e,
            r#"line 4, column 1: standard number "T/": expected the group's code after "T/""#,
            &format!(
                "第 4 行第 1 列：{}",
                "T/".parse::<duibiao::StandardCode>()
                    .unwrap_err()
                    .message(Lang::Zh)
            ),
        );
        // The same through the JSON reader.
        let json = Plan::from_toml_str(PLAN).unwrap().to_json_string().unwrap();
        let json = json.replace("\"unit\": \"L\"", "\"unit\": \"L\", \"weight\": \"heavy\"");
        let e = Plan::from_json_str(&json).unwrap_err();
        let span = e.span().unwrap();
        assert_eq!(
            e.message(Lang::Zh),
            format!(
                r#"第 {} 行第 {} 列：小数 "heavy"：应为至多 28 位有效数字的十进制数，如 "0.5""#,
                span.line, span.column
            )
        );
    }

    #[test]
    fn a_key_given_twice_in_json_names_it_in_both_languages() {
        let json = Plan::from_toml_str(PLAN).unwrap().to_json_string().unwrap();
        let twice = json.replace(
            "\"T/A 1-2024\": \"≤ 4.0 L\"",
            "\"T/A 1-2024\": \"≤ 4.0 L\", \"T/A 1-2024\": \"≤ 5 L\"",
        );
        let e = Plan::from_json_str(&twice).unwrap_err();
        assert!(
            e.to_string()
                .ends_with(r#": standard "T/A 1-2024" is stated twice in requirements"#),
            "{e}"
        );
        assert!(
            e.message(Lang::Zh)
                .ends_with(r#"：标准 "T/A 1-2024" 在 requirements 中出现两次"#),
            "{}",
            e.message(Lang::Zh)
        );
    }

    #[test]
    fn serdes_wordings_are_written_again() {
        let toml = |from: &str, to: &str| Plan::from_toml_str(&PLAN.replace(from, to)).unwrap_err();
        both(
            &toml("role = \"benchmark\"", "role = \"benchmark\"\nrank = 1"),
            "line 4, column 1: unknown field `rank`",
            "第 4 行第 1 列：未知字段 `rank`",
        );
        both(
            &toml("direction = \"lower-is-better\"\n", ""),
            "line 8, column 1: missing field `direction`",
            "第 8 行第 1 列：缺少字段 `direction`",
        );
        both(
            &toml("lower-is-better", "lower"),
            "line 11, column 13: unknown variant `lower`, expected one of `higher-is-better`, `lower-is-better`, `nominal-is-best`, `qualitative`",
            "第 11 行第 13 列：未知取值 `lower`，应为 `higher-is-better`, `lower-is-better`, `nominal-is-best`, `qualitative` 之一",
        );
        both(
            &Plan::from_json_str("[1, 2").unwrap_err(),
            "line 1, column 5: end of file while parsing a list",
            "第 1 行第 5 列：读取数组时文件意外结束",
        );
        both(
            &Plan::from_json_str(r#"{"category": {"zh": "智能坐便器", "en": x}}"#).unwrap_err(),
            r#"line 1, column 36: "x": expected value"#,
            r#"第 1 行第 36 列："x"：此处应为一个值"#,
        );
    }

    #[test]
    fn the_toml_readers_own_words_are_quoted_and_its_place_is_ours() {
        let text = PLAN.replace("role = \"benchmark\"", "role = benchmark");
        let e = Plan::from_toml_str(&text).unwrap_err();
        both(
            &e,
            r#"line 6, column 8: "benchmark": the TOML reader says: "invalid string, expected `"`, `'`""#,
            r#"第 6 行第 8 列："benchmark"：TOML 读取器提示："invalid string, expected `"`, `'`""#,
        );
        let span = e.span().unwrap();
        assert_eq!((span.line, span.column), (6, 8));
    }

    #[test]
    fn a_plan_file_that_cannot_be_read_says_why_in_both_languages() {
        let limits = duibiao::Limits::default();
        let missing = std::path::Path::new("/nonexistent-duibiao/plan.toml");
        let e = duibiao::plan::read_file(missing, &limits).unwrap_err();
        both(
            &e,
            r#"plan "/nonexistent-duibiao/plan.toml": no such file or directory"#,
            r#"方案 "/nonexistent-duibiao/plan.toml"：没有该文件或目录"#,
        );
        let dir = std::env::temp_dir();
        let e = duibiao::plan::read_file(&dir, &limits).unwrap_err();
        assert_eq!(
            e.message(Lang::Zh),
            format!("方案 \"{}\"：这是目录，不是文件", dir.display())
        );
        assert_eq!(
            e.to_string(),
            format!("plan \"{}\": a directory, not a file", dir.display())
        );
    }

    #[test]
    fn a_plan_refused_by_its_check_lists_its_faults_in_chinese() {
        let text = PLAN.replace("≤ 4.0 L", "≤ 4,0 L");
        let e = Plan::from_toml_str(&text).unwrap().compile().unwrap_err();
        assert!(
            e.message(Lang::Zh)
                .starts_with("方案有 1 处错误：错误：indicators[0].requirements.\"T/A 1-2024\"：限值 \"≤ 4,0 L\"：\"4,0\"：此处逗号不是小数点"),
            "{}",
            e.message(Lang::Zh)
        );
        assert_eq!(
            e.faults()[0].message(Lang::Zh),
            r#"限值 "≤ 4,0 L"："4,0"：此处逗号不是小数点：请写小数点 "."，且不要写千位分隔符"#
        );
    }
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
            "error: -: products: line 1, column 55: end of file while parsing a list (the rows after it were not read)",
            "error: -：产品文件：第 1 行第 55 列：读取数组时文件意外结束（其后各行未读取）",
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

/// A standards file (`rank --standards`): a row cut at an unquoted comma is refused, never read
/// as a shorter limit.
mod standards_files {
    use duibiao::{ErrorKind, Lang, Plan};

    /// `head`, then `x` without end; counts the bytes it gave.
    struct Endless {
        head: &'static [u8],
        given: usize,
    }

    impl std::io::Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = if self.given < self.head.len() {
                let rest = &self.head[self.given..];
                let n = rest.len().min(buf.len());
                buf[..n].copy_from_slice(&rest[..n]);
                n
            } else {
                buf.fill(b'x');
                buf.len()
            };
            self.given += n;
            Ok(n)
        }
    }

    /// A line of a standards file is capped by `row_bytes` as a products row is: an endless
    /// line (a header or a row) stops the reading with the limit, after the rows before it,
    /// having read little more than the limit.
    #[test]
    fn an_endless_line_stops_at_the_row_limit() {
        let plan =
            Plan::from_toml_str(include_str!("../examples/plans/smart-toilet.toml")).unwrap();
        let engine = plan.compile().unwrap();
        let row_bytes = duibiao::Limits::default().row_bytes;
        let mut file = Endless {
            head: "id,flush-water\nT/A 1-2024,≤ 3.9 L\nT/A 2-2024,".as_bytes(),
            given: 0,
        };
        let rows: Vec<_> = engine.standards(&mut file).unwrap().collect();
        assert_eq!(rows.len(), 2, "the reading stops");
        assert!(rows[0].is_ok(), "the row before it reads");
        let e = rows[1].as_ref().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Limit);
        assert_eq!(
            e.to_string(),
            "standards: a row longer than 1048576 bytes (limit `row_bytes`)"
        );
        assert_eq!(
            e.message(Lang::Zh),
            "标准文件：一行超过 1048576 字节（限额 `row_bytes`）"
        );
        assert!(file.given < 2 * row_bytes, "{} bytes read", file.given);

        let mut header = Endless {
            head: b"id,",
            given: 0,
        };
        let e = engine.standards(&mut header).err().unwrap();
        assert_eq!(e.kind(), ErrorKind::Limit);
        assert_eq!(
            e.to_string(),
            "standards: a row longer than 1048576 bytes (limit `row_bytes`)"
        );
        assert!(header.given < 2 * row_bytes, "{} bytes read", header.given);
    }

    #[test]
    fn a_row_with_more_cells_than_columns_is_refused_in_both_languages() {
        let plan =
            Plan::from_toml_str(include_str!("../examples/plans/smart-toilet.toml")).unwrap();
        let engine = plan.compile().unwrap();
        let file = "id,flush-water\nT/A 1-2024,≤ 3,9 L\nT/A 2-2024,≤ 3.9 L\n";
        let rows: Vec<_> = engine.standards(file.as_bytes()).unwrap().collect();
        let e = rows[0].as_ref().unwrap_err();
        assert_eq!(
            e.to_string(),
            "standards: line 2: row \"T/A 1-2024\": 3 cells for 2 columns: a cell that holds a comma must be quoted (\"≤ 3.9 L\" in double quotes) or the comma removed"
        );
        assert_eq!(
            e.message(Lang::Zh),
            "标准文件：第 2 行：行 \"T/A 1-2024\"：有 3 个单元格，但只有 2 列：含逗号的单元格须加双引号，或去掉逗号"
        );
        assert!(rows[1].is_ok(), "the next row still reads");
    }

    /// The messages of a standards row, in English and Chinese.
    fn row_errors(plan: &str, file: &str) -> Vec<(String, String)> {
        let engine = Plan::from_toml_str(plan).unwrap().compile().unwrap();
        engine
            .standards(file.as_bytes())
            .unwrap()
            .filter_map(Result::err)
            .map(|e| (e.to_string(), e.message(Lang::Zh)))
            .collect()
    }

    #[test]
    fn a_qualitative_requirement_other_than_the_accepted_words_is_refused_with_its_place() {
        let file = "id,cooling-capacity,refrigerant-leak\n\
                    Q/ABC 1-2024,≥ 3500 W,合格\n\
                    Q/ABC 2-2024,≥ 3500 W,fail\n\
                    Q/ABC 3-2024,≥ 3500 W,符合 not a code\n\
                    Q/ABC 4-2024,≥ 3500 W,≥ 1 g/a\n\
                    Q/ABC 5-2024,合格,合格\n";
        let errors = row_errors(
            include_str!("../examples/plans/room-air-conditioner.toml"),
            file,
        );
        assert_eq!(
            errors,
            [
                (
                    r#"standards: line 3: standard "Q/ABC 2-2024": indicator "refrigerant-leak": requirement "fail": a qualitative indicator takes "合格", "pass" or "符合 <standard number>" (leave the cell empty where the standard does not state it)"#.to_owned(),
                    r#"标准文件：第 3 行：标准 "Q/ABC 2-2024"：指标 "refrigerant-leak"：要求 "fail"：定性指标只接受 "合格"、"pass" 或 "符合 <标准编号>"（标准未规定时留空）"#.to_owned(),
                ),
                (
                    r#"standards: line 4: standard "Q/ABC 3-2024": indicator "refrigerant-leak": requirement "符合 not a code": after "符合": standard number "not a code": expected a standard prefix such as "GB/T" or "ISO", found "not""#.to_owned(),
                    r#"标准文件：第 4 行：标准 "Q/ABC 3-2024"：指标 "refrigerant-leak"：要求 "符合 not a code"："符合" 之后：标准编号 "not a code"：应为标准代号，如 "GB/T" 或 "ISO"，却是 "not""#.to_owned(),
                ),
                (
                    r#"standards: line 5: standard "Q/ABC 4-2024": indicator "refrigerant-leak": requirement "≥ 1 g/a": a qualitative indicator takes "合格", "pass" or "符合 <standard number>" (leave the cell empty where the standard does not state it)"#.to_owned(),
                    r#"标准文件：第 5 行：标准 "Q/ABC 4-2024"：指标 "refrigerant-leak"：要求 "≥ 1 g/a"：定性指标只接受 "合格"、"pass" 或 "符合 <标准编号>"（标准未规定时留空）"#.to_owned(),
                ),
                (
                    r#"standards: line 6: standard "Q/ABC 5-2024": indicator "cooling-capacity": limit "合格": expected a number, found "合格""#.to_owned(),
                    r#"标准文件：第 6 行：标准 "Q/ABC 5-2024"：指标 "cooling-capacity"：限值 "合格"：应为数字，却是 "合格""#.to_owned(),
                ),
            ]
        );
    }

    #[test]
    fn a_requirement_of_another_dimension_is_refused_on_its_line() {
        let file = "id,flush-water\nQ/A 1-2024,≤ 3 L\nQ/I 1-2024,≤ 3 kg\n";
        let errors = row_errors(include_str!("../examples/plans/smart-toilet.toml"), file);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].0.starts_with(
                r#"standards: line 3: standard "Q/I 1-2024": indicator "flush-water": cannot convert "kg""#
            ),
            "{:?}",
            errors[0]
        );
        assert!(
            errors[0]
                .1
                .starts_with("标准文件：第 3 行：标准 \"Q/I 1-2024\"："),
            "{:?}",
            errors[0]
        );
    }

    #[test]
    fn a_qualitative_requirement_for_a_numeric_indicator_is_refused() {
        let plan =
            Plan::from_toml_str(include_str!("../examples/plans/smart-toilet.toml")).unwrap();
        let engine = plan.compile().unwrap();
        let reqs: duibiao::engine::Requirements =
            [("flush-water".to_owned(), "合格".parse().unwrap())]
                .into_iter()
                .collect();
        let e = engine.evaluate_standard("Q/A 1-2024", &reqs).unwrap_err();
        assert_eq!(
            e.to_string(),
            r#"standard "Q/A 1-2024": indicator "flush-water": requirement "合格": a numeric indicator takes a limit as a plan writes it ("≤ 3.8 L")"#
        );
        assert_eq!(
            e.message(Lang::Zh),
            r#"标准 "Q/A 1-2024"：指标 "flush-water"：要求 "合格"：数值型指标须写限值，写法与方案相同（"≤ 3.8 L"）"#
        );
        let plan = Plan::from_toml_str(include_str!("../examples/plans/room-air-conditioner.toml"))
            .unwrap();
        let engine = plan.compile().unwrap();
        let reqs: duibiao::engine::Requirements =
            [("refrigerant-leak".to_owned(), "≤ 1 g".parse().unwrap())]
                .into_iter()
                .collect();
        let e = engine.evaluate_standard("Q/A 1-2024", &reqs).unwrap_err();
        assert_eq!(
            e.to_string(),
            r#"standard "Q/A 1-2024": indicator "refrigerant-leak": limit "≤ 1 g": a qualitative indicator takes no limit (write "合格", "pass" or "符合 <standard number>", or leave it empty)"#
        );
        assert_eq!(
            e.message(Lang::Zh),
            r#"标准 "Q/A 1-2024"：指标 "refrigerant-leak"：限值 "≤ 1 g"：定性指标不设限值（请写 "合格"、"pass" 或 "符合 <标准编号>"，或留空）"#
        );
    }
}

#[test]
fn temperature_differences() {
    let plan = |unit: &str| {
        let text = format!(
            "schema_version = 1\ncategory = {{ en = \"motor\" }}\nstandards = [{{ code = \"GB/T 755-2019\", role = \"benchmark\" }}]\n[[indicators]]\nid = \"rise\"\n{unit}kind = \"温升\"\ndirection = \"lower-is-better\"\n"
        );
        Plan::from_toml_str(&text).unwrap()
    };
    let report = plan("unit = \"mm\"\n").check();
    let e = report.errors().next().unwrap();
    assert_eq!(
        e.to_string(),
        "error: indicators[0].kind: kind \"温升\" holds temperature differences, but the unit \"mm\" is length: write a temperature unit (\"K\", \"°C\", \"°F\")"
    );
    assert_eq!(
        e.message_in(duibiao::Lang::Zh),
        "种类 \"温升\" 的数值为温差，但单位 \"mm\" 是长度，请写温度单位（\"K\"、\"°C\"、\"°F\"）"
    );
    let report = plan("").check();
    let e = report.errors().next().unwrap();
    assert_eq!(
        e.to_string(),
        "error: indicators[0].kind: kind \"温升\" holds temperature differences, but the indicator has no unit: write a temperature unit (\"K\", \"°C\", \"°F\")"
    );
    assert_eq!(
        e.message_in(duibiao::Lang::Zh),
        "种类 \"温升\" 的数值为温差，但指标没有单位，请写温度单位（\"K\"、\"°C\"、\"°F\"）"
    );
    let e = "Δ30 mm".parse::<Measurement>().unwrap_err();
    assert_eq!(
        e.to_string(),
        "value \"Δ30 mm\": a difference \"Δ\" applies to temperatures only"
    );
    assert_eq!(
        e.message(duibiao::Lang::Zh),
        "数值 \"Δ30 mm\"：差值符号 \"Δ\" 只用于温度"
    );
}

/// Class tables and requirements stated as a class (issue 15), each message in English and
/// Chinese, located at the grade or the requirement.
mod classes {
    use duibiao::{Lang, Limits, Plan};

    fn plan(requirement: &str, grades: &str) -> String {
        format!(
            "schema_version = 1\ncategory = {{ en = \"t\" }}\n[[standards]]\ncode = \"GB/T 1-2000\"\nrole = \"benchmark\"\n[[indicators]]\nid = \"x\"\ndirection = \"lower-is-better\"\nrequirements = {{ \"GB/T 1-2000\" = {requirement} }}\ngrades = [{grades}]\n"
        )
    }

    fn first(text: &str, lang: Lang) -> String {
        let (_, report) = Plan::read_toml(text, &Limits::default()).unwrap();
        report.faults[0].to_string_in(lang)
    }

    const AB: &str = r#"{ name = { en = "A" }, limit = "≤ 10" }, { name = { en = "B" }, limit = ">12 ~ 20" }, { name = { en = "C" }, limit = "> 20" }"#;

    #[test]
    fn class_messages() {
        let cases: [(String, &str, &str); 6] = [
            (
                plan(r#""≤ 20""#, r#"{ name = { en = "A" }, limit = "≤ 10" }, { name = { en = "B" }, limit = "5 ~ 20" }"#),
                r#"error: line 10, column 83: indicators[0].grades[1].limit: grade 1 "5 ~ 20" overlaps grade 0 "≤ 10" without holding it: a class table either nests (each grade holds every value of the one before) or lists intervals with no value in common, best first"#,
                r#"错误：第 10 行第 83 列：indicators[0].grades[1].limit：第 1 级 "5 ~ 20" 与第 0 级 "≤ 10" 部分重叠而不包含它：等级表要么逐级包含（每一级包含前一级的所有数值），要么由互不重叠的区间组成，按从优到劣排列"#,
            ),
            (
                plan(r#""≤ 20""#, r#"{ name = { en = "B" }, limit = ">10 ~ 20" }, { name = { en = "A" }, limit = "≤ 10" }"#),
                r#"error: line 10, column 87: indicators[0].grades[1].limit: grades go from best to worst, so in a table of intervals "≤ 10" must lie wholly on the worse side of grade 0 ">10 ~ 20" (the indicator is lower-is-better)"#,
                r#"错误：第 10 行第 87 列：indicators[0].grades[1].limit：等级按从优到劣排列，因此在区间等级表中 "≤ 10" 必须整体位于第 0 级 ">10 ~ 20" 的较差一侧（指标方向为 lower-is-better）"#,
            ),
            (
                plan(r#"{ class = "E" }"#, AB),
                r#"error: line 9, column 34: indicators[0].requirements."GB/T 1-2000": class "E" is not a grade of the indicator: its grades are "A", "B", "C""#,
                r#"错误：第 9 行第 34 列：indicators[0].requirements."GB/T 1-2000"：等级 "E" 不是该指标的等级：其等级为 "A", "B", "C""#,
            ),
            (
                plan(r#"{ class = "C" }"#, AB),
                r#"error: line 9, column 34: indicators[0].requirements."GB/T 1-2000": class "C" is open at its worse end, so "C or better" holds every value: name a class with a worse end, or write a limit"#,
                r#"错误：第 9 行第 34 列：indicators[0].requirements."GB/T 1-2000"：等级 "C" 的较差一端是开放的，"C 或更优" 包含所有数值：请指定有较差端点的等级，或写出限值"#,
            ),
            (
                plan(r#"{ class = "A" }"#, ""),
                r#"error: line 9, column 34: indicators[0].requirements."GB/T 1-2000": class "A": the indicator has no grades, so it has no class to name: write a limit, or give the indicator grades"#,
                r#"错误：第 9 行第 34 列：indicators[0].requirements."GB/T 1-2000"：等级 "A"：指标没有等级（grades），无从指定等级：请写出限值，或为指标给出等级"#,
            ),
            (
                plan(r#""≤ 20""#, r#"{ name = { en = "A" }, limit = "9 ~ 10" }, { name = { en = "B" }, limit = "12 ~ 20" }"#)
                    .replace("lower-is-better", "nominal-is-best")
                    .replace(r#""≤ 20""#, r#""9 ~ 20""#),
                r#"error: line 10, column 85: indicators[0].grades[1].limit: grade 1 "12 ~ 20" has no value in common with grade 0 "9 ~ 10": a table of intervals needs the direction higher-is-better or lower-is-better, and a nominal-is-best table nests"#,
                r#"错误：第 10 行第 85 列：indicators[0].grades[1].limit：第 1 级 "12 ~ 20" 与第 0 级 "9 ~ 10" 没有共同数值：区间等级表要求指标方向为 higher-is-better 或 lower-is-better，方向为 nominal-is-best 的等级表须逐级包含"#,
            ),
        ];
        for (text, en, zh) in &cases {
            assert_eq!(first(text, Lang::En), *en, "{text}");
            assert_eq!(first(text, Lang::Zh), *zh, "{text}");
        }
    }

    #[test]
    fn banded_class() {
        let text = "schema_version = 1\ncategory = { en = \"t\" }\n[[standards]]\ncode = \"GB/T 1-2000\"\nrole = \"benchmark\"\n[[indicators]]\nid = \"s\"\ndirection = \"higher-is-better\"\nclass = \"innovation\"\n[[indicators]]\nid = \"x\"\ndirection = \"lower-is-better\"\nrequirements = { \"GB/T 1-2000\" = { class = \"A\" } }\n[indicators.bands]\nby = \"s\"\n[[indicators.bands.bands]]\nwhen = \"≤ 5\"\ngrades = [{ name = { en = \"A\" }, limit = \"≤ 10\" }]\n";
        assert_eq!(
            first(text, Lang::En),
            r#"error: line 13, column 34: indicators[1].requirements."GB/T 1-2000": class "A": the indicator's grades are chosen by band, so a class names no single limit: write a limit"#
        );
        assert_eq!(
            first(text, Lang::Zh),
            r#"错误：第 13 行第 34 列：indicators[1].requirements."GB/T 1-2000"：等级 "A"：指标的等级按分档选择，一个等级对应不了唯一的限值：请写出限值"#
        );
    }
}

/// Bands that state requirements and attributes that choose bands: every fault of the plan
/// check, located, in English and Chinese.
mod bands {
    use duibiao::{Lang, Plan};

    const BASE: &str = r#"schema_version = 1
category = { en = "cement" }

[[attributes]]
id = "plant"
values = [{ id = "existing" }, { id = "new" }]

[[standards]]
code = "GB 16780-2012"
role = "benchmark"

[[indicators]]
id = "energy"
unit = "kgce/t"
direction = "lower-is-better"

[indicators.bands]
by = "plant"

[[indicators.bands.bands]]
when = "existing"
requirements = { "GB 16780-2012" = "≤ 128" }

[[indicators.bands.bands]]
when = "new"
requirements = { "GB 16780-2012" = "≤ 118" }
"#;

    fn faults(text: &str) -> Vec<(String, String)> {
        let plan = Plan::from_toml_str(text).unwrap();
        plan.check_in(text)
            .errors()
            .map(|f| (f.to_string(), f.to_string_in(Lang::Zh)))
            .collect()
    }

    #[test]
    fn the_base_plan_checks() {
        assert!(faults(BASE).is_empty());
    }

    #[test]
    fn every_fault_is_located_in_both_languages() {
        let cases: [(String, &str, &str); 11] = [
            (
                BASE.replace(
                    "unit = \"kgce/t\"",
                    "unit = \"kgce/t\"\nrequirements = { \"GB 16780-2012\" = \"≤ 130\" }",
                ),
                r#"error: line 23, column 18: indicators[0].bands.bands[0].requirements."GB 16780-2012": standard "GB 16780-2012" states its requirement both for the indicator and in this band: state it once for the indicator, or in each band it applies to"#,
                r#"错误：第 23 行第 18 列：indicators[0].bands.bands[0].requirements."GB 16780-2012"：标准 "GB 16780-2012" 的要求既在指标的 requirements 中给出，又在本分档中给出：请只为指标给出一次，或在其适用的各分档中分别给出"#,
            ),
            (
                BASE.replace(
                    "when = \"new\"\nrequirements = { \"GB 16780-2012\" = \"≤ 118\" }",
                    "when = \"new\"",
                ),
                r#"error: line 24, column 1: indicators[0].bands.bands[1]: the band states neither grades nor requirements: give it grades, requirements or both"#,
                r#"错误：第 24 行第 1 列：indicators[0].bands.bands[1]：该分档既无等级（grades）也无要求（requirements）：请给出等级、要求或两者"#,
            ),
            (
                BASE.replace(
                    "when = \"existing\"",
                    "when = \"existing\"\ngrades = [{ name = { en = \"1\" }, limit = \"≤ 110\" }]",
                ),
                r#"error: line 25, column 1: indicators[0].bands.bands[1]: band 0 has grades but this band has none: give every band its grades, or none"#,
                r#"错误：第 25 行第 1 列：indicators[0].bands.bands[1]：第 0 档有等级（grades），本分档却没有：请为每个分档都给出等级，或都不给"#,
            ),
            (
                BASE.replace("when = \"new\"", "when = \"old\""),
                r#"error: line 25, column 8: indicators[0].bands.bands[1].when: "old" is not a declared value of attribute "plant": write one of "existing", "new""#,
                r#"错误：第 25 行第 8 列：indicators[0].bands.bands[1].when："old" 不是属性 "plant" 声明的取值：请写 "existing", "new" 之一"#,
            ),
            (
                BASE.replace("when = \"new\"", "when = \"existing\""),
                r#"error: line 25, column 8: indicators[0].bands.bands[1].when: condition "existing" overlaps band 0 "existing": a value in both would always take band 0"#,
                r#"错误：第 25 行第 8 列：indicators[0].bands.bands[1].when：条件 "existing" 与第 0 档 "existing" 重叠，同时满足两者的数值总是归入第 0 档"#,
            ),
            (
                BASE.replace("id = \"plant\"", "id = \"\""),
                r#"error: line 5, column 6: attributes[0].id: an attribute id is never empty"#,
                r#"错误：第 5 行第 6 列：attributes[0].id：属性编号不能为空"#,
            ),
            (
                BASE.replace("id = \"plant\"", "id = \"id\""),
                r#"error: line 5, column 6: attributes[0].id: attribute id "id" is the name of the products file's product-id column: choose another id"#,
                r#"错误：第 5 行第 6 列：attributes[0].id：属性编号 "id" 是产品文件中产品编号列的列名，请另选编号"#,
            ),
            (
                BASE.replace(
                    "[[standards]]",
                    "[[attributes]]\nid = \"plant\"\nvalues = [{ id = \"a\" }]\n\n[[standards]]",
                ),
                r#"error: line 9, column 6: attributes[1].id: attribute id "plant" is used twice (first by attributes[0])"#,
                r#"错误：第 9 行第 6 列：attributes[1].id：属性编号 "plant" 使用了两次（首次在 attributes[0]）"#,
            ),
            (
                BASE.replace("id = \"plant\"", "id = \"energy\"")
                    .replace("by = \"plant\"", "by = \"energy\""),
                r#"error: line 5, column 6: attributes[0].id: attribute id "energy" is also the id of indicators[0]: a products column names one of them, choose another id"#,
                r#"错误：第 5 行第 6 列：attributes[0].id：属性编号 "energy" 也是 indicators[0] 的编号，产品文件的一列只能对应其中之一，请另选编号"#,
            ),
            (
                BASE.replace(
                    "values = [{ id = \"existing\" }, { id = \"new\" }]",
                    "values = []",
                ),
                r#"error: line 6, column 1: attributes[0].values: attribute "plant" declares no values: list the values a product may take"#,
                r#"错误：第 6 行第 1 列：attributes[0].values：属性 "plant" 未声明取值：请列出产品可取的值"#,
            ),
            (
                BASE.replace("{ id = \"new\" }", "{ id = \"existing\" }"),
                r#"error: line 6, column 39: attributes[0].values[1].id: value "existing" is declared twice (first as values[0])"#,
                r#"错误：第 6 行第 39 列：attributes[0].values[1].id：取值 "existing" 声明了两次（首次为 values[0]）"#,
            ),
        ];
        let mut wrong = Vec::new();
        for (text, en, zh) in cases {
            let got = faults(&text);
            let first = got.first().cloned().unwrap_or_default();
            if (first.0.as_str(), first.1.as_str()) != (en, zh) {
                wrong.push(first);
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    /// An empty value and an empty band level.
    #[test]
    fn an_empty_value_and_an_empty_level_in_a_band() {
        let text = BASE.replace("{ id = \"new\" }", "{ id = \" \" }");
        assert!(faults(&text).iter().any(|f| f.0
            == r#"error: line 6, column 39: attributes[0].values[1].id: a declared value is never empty"#
            && f.1 == r#"错误：第 6 行第 39 列：attributes[0].values[1].id：声明的取值不能为空"#));
        let text = BASE
            .replace("role = \"benchmark\"", "role = \"benchmark\"\n\n[[standards]]\ncode = \"T/A 1-2024\"\nrole = \"benchmark\"")
            .replace("unit = \"kgce/t\"", "unit = \"kgce/t\"\nrequirements = { \"T/A 1-2024\" = \"≥ 120\" }");
        let got = faults(&text);
        assert_eq!(
            got.first().map(|f| f.0.as_str()),
            Some(
                r#"error: line 31, column 18: indicators[0].bands.bands[1].requirements."GB 16780-2012": the benchmark level is empty: no value meets both "T/A 1-2024" = "≥ 120" and "GB 16780-2012" = "≤ 118""#
            ),
            "{got:?}"
        );
    }
}

/// Leaders by tier (`policy.leader`) and `policy.unstated`: the plan check's messages.
mod tiers {
    use duibiao::{Lang, Plan};

    const PLAN: &str = include_str!("../examples/plans/clothes-rack-leader.toml");

    fn faults(text: &str, lang: Lang) -> Vec<String> {
        let plan = Plan::from_toml_str(text).unwrap();
        plan.check()
            .errors()
            .map(|f| format!("{}: {}", f.path, f.message_in(lang)))
            .collect()
    }

    /// A plan with a stated core indicator `a` (weight `wa`) and an unstated one `b` (weight
    /// `wb`), under `policy` lines.
    fn unstated(policy: &str, wa: &str, wb: &str) -> String {
        format!(
            "schema_version = 1\ncategory = {{ en = \"x\" }}\n[policy]\n{policy}\n[[standards]]\ncode = \"GB 1-2000\"\nrole = \"benchmark\"\n[[standards]]\ncode = \"Q/ABC 1-2024\"\nrole = \"subject\"\n[[indicators]]\nid = \"a\"\ndirection = \"higher-is-better\"\nweight = \"{wa}\"\nrequirements = {{ \"GB 1-2000\" = \"≥ 10\" }}\n[[indicators]]\nid = \"b\"\ndirection = \"higher-is-better\"\nweight = \"{wb}\"\nrequirements = {{ \"Q/ABC 1-2024\" = \"≥ 5\" }}\n"
        )
    }

    #[test]
    fn tier_messages() {
        let looser = PLAN.replace("limit = \"≥ 20 kg\" }", "limit = \"≥ 15 kg\" }");
        let unknown = PLAN.replace("tier = \"领跑者水平\"", "tier = \"标杆水平\"");
        let four = PLAN.replace("on = \"all\"", "on = 4");
        let both = PLAN.replace("[policy]\n", "[policy]\nleader-min-exceeding = 2\n");
        let cases: [(&str, &str, &str); 4] = [
            (
                &looser,
                "indicators[0].grades[2].limit: the lowest tier \"基准水平\" (\"≥ 15 kg\") is looser than \"GB/T 36507-2018\" = \"≥ 20 kg\", a national standard: the lowest tier may not be looser than the national or industry standard",
                "indicators[0].grades[2].limit: 最低层级 \"基准水平\"（\"≥ 15 kg\"）宽于国家标准 \"GB/T 36507-2018\" 的要求 \"≥ 20 kg\"，最低层级不得低于国家标准或行业标准",
            ),
            (
                &unknown,
                "indicators[0].grades: the leader tier \"标杆水平\" is not among the grades of core indicator \"rated-load\" (\"领跑者水平\", \"先进水平\", \"基准水平\"): name a tier every core indicator with tiers holds",
                "indicators[0].grades: 领跑者层级 \"标杆水平\" 不在核心指标 \"rated-load\" 的等级（\"领跑者水平\", \"先进水平\", \"基准水平\"）之中，请指定每个分层级的核心指标都有的层级",
            ),
            (
                &four,
                "policy.leader.on: 4 is outside 1 ≤ n ≤ 3, the number of core indicators with tiers: no product could ever be a leader",
                "policy.leader.on: 4 不在 1 ≤ n ≤ 3（分层级的核心指标数）范围内，任何产品都不可能成为领跑者",
            ),
            (
                &both,
                "policy.leader-min-exceeding: 2: not read when policy.leader sets leaders by tier: write one of them",
                "policy.leader-min-exceeding: 2：policy.leader 已按层级判定领跑者，此项不会被读取，请只写其中之一",
            ),
        ];
        for (text, en, zh) in cases {
            assert_eq!(faults(text, Lang::En)[0], en);
            assert_eq!(faults(text, Lang::Zh)[0], zh);
        }
    }

    #[test]
    fn unstated_messages() {
        let no_tiers = unstated("leader = { tier = \"1\" }", "1", "1");
        let min = unstated(
            "unstated = \"leave-out\"\nleader-min-exceeding = 2",
            "1",
            "1",
        );
        let weight = unstated("unstated = \"leave-out\"", "0", "1");
        let none = "schema_version = 1\ncategory = { en = \"x\" }\n[policy]\nunstated = \"leave-out\"\n[[standards]]\ncode = \"GB 1-2000\"\nrole = \"benchmark\"\n[[standards]]\ncode = \"Q/ABC 1-2024\"\nrole = \"subject\"\n[[indicators]]\nid = \"a\"\nclass = \"basic\"\ndirection = \"higher-is-better\"\nrequirements = { \"GB 1-2000\" = \"≥ 10\" }\n[[indicators]]\nid = \"b\"\ndirection = \"higher-is-better\"\nrequirements = { \"Q/ABC 1-2024\" = \"≥ 5\" }\n";
        let cases: [(&str, &str, &str); 4] = [
            (
                &no_tiers,
                "policy.leader.tier: tier \"1\": no core indicator has grades to read as tiers, so no product could ever be a leader",
                "policy.leader.tier: 层级 \"1\"：没有核心指标分级（grades）可作为层级，因此任何产品都不可能成为领跑者",
            ),
            (
                &min,
                "policy.leader-min-exceeding: 2 is outside 1 ≤ n ≤ 1, the number of core indicators that count (unstated = \"leave-out\" leaves out those no benchmark states): no product could ever be a leader",
                "policy.leader-min-exceeding: 2 不在 1 ≤ n ≤ 1（计入的核心指标数；unstated = \"leave-out\" 排除了没有对标标准规定的核心指标）范围内，任何产品都不可能成为领跑者",
            ),
            (
                &weight,
                "indicators[0].weight: weight \"0\": no core indicator a benchmark states has a weight above 0 (unstated = \"leave-out\" leaves out the others), so no product could ever be a leader (give one a weight above 0, or set policy.leader-min-exceeding)",
                "indicators[0].weight: 权重 \"0\"：对标标准规定的核心指标中没有权重大于 0 的（unstated = \"leave-out\" 排除了其余核心指标），因此任何产品都不可能成为领跑者（请给其中一个大于 0 的权重，或设置 policy.leader-min-exceeding）",
            ),
            (
                none,
                "policy.unstated: leave-out: every core indicator is left out (no benchmark states any), so no product could ever be a leader",
                "policy.unstated: leave-out：所有核心指标均被排除（没有对标标准规定任何一个），因此任何产品都不可能成为领跑者",
            ),
        ];
        for (text, en, zh) in cases {
            assert_eq!(faults(text, Lang::En), [en]);
            assert_eq!(faults(text, Lang::Zh), [zh]);
        }
        // Under unstated = "count" the range is the number of core indicators, as before.
        let count = unstated("leader-min-exceeding = 3", "1", "1");
        assert_eq!(
            faults(&count, Lang::En),
            ["policy.leader-min-exceeding: 3 is outside 1 ≤ n ≤ 2, the number of core indicators: no product could ever be a leader"]
        );
    }
}

/// The plan's own version and a report's date.
mod version_and_date {
    use duibiao::{Lang, Plan};

    const PLAN: &str = r#"schema_version = 1
category = { en = "x" }
version = "2026-1"
[[standards]]
code = "GB 1-2000"
role = "benchmark"
[[indicators]]
id = "a"
direction = "lower-is-better"
requirements = { "GB 1-2000" = "≤ 4" }
"#;

    fn faults(text: &str) -> Vec<(String, String)> {
        let plan = Plan::from_toml_str(text).unwrap();
        plan.check_in(text)
            .errors()
            .map(|f| (f.to_string(), f.to_string_in(Lang::Zh)))
            .collect()
    }

    #[test]
    fn a_plan_version_is_one_line_never_blank() {
        assert!(faults(PLAN).is_empty());
        assert_eq!(
            Plan::from_toml_str(PLAN).unwrap().version.as_deref(),
            Some("2026-1")
        );
        for (text, written) in [
            (PLAN.replace("\"2026-1\"", "\" \""), " "),
            (PLAN.replace("\"2026-1\"", "\"2026\\n1\""), "2026\\n1"),
        ] {
            assert_eq!(
                faults(&text),
                [(
                    format!(
                        r#"error: line 3, column 11: version: version "{written}": a plan version is one line of text, never blank (such as "2026-1")"#
                    ),
                    format!(
                        r#"错误：第 3 行第 11 列：version：版本 "{written}"：方案版本应为一行非空文字（如 "2026-1"）"#
                    ),
                )],
                "{text}"
            );
        }
    }

    #[test]
    fn a_report_date_is_written_yyyy_mm_dd() {
        let e = duibiao::report::date_text("2026-13-01").unwrap_err();
        assert_eq!(
            e.message(Lang::En),
            r#"date "2026-13-01": expected a date written YYYY-MM-DD, such as 2026-12-01"#
        );
        assert_eq!(
            e.message(Lang::Zh),
            r#"日期 "2026-13-01"：应写作 YYYY-MM-DD，如 2026-12-01"#
        );
        let e = duibiao::report::date_of_epoch("soon").unwrap_err();
        assert_eq!(
            e.message(Lang::En),
            r#"SOURCE_DATE_EPOCH "soon": expected whole seconds since 1970-01-01 00:00 UTC, such as 1764547200"#
        );
        assert_eq!(
            e.message(Lang::Zh),
            r#"SOURCE_DATE_EPOCH "soon"：应为自 1970-01-01 00:00 UTC 起的整秒数，如 1764547200"#
        );
        assert_eq!(
            duibiao::report::date_of_epoch("1764547200").unwrap(),
            "2025-12-01"
        );
    }
}

mod stored_verdicts {
    use duibiao::verdict::VerdictRows;
    use duibiao::{Error, ErrorKind, Lang, Limits, Plan, Product};

    fn check(e: &Error, kind: ErrorKind, en: &str, zh: &str) {
        assert_eq!(e.kind(), kind, "{e}");
        assert_eq!(e.to_string(), en);
        assert_eq!(e.message(Lang::Zh), zh);
    }

    fn plan(ids: &[&str]) -> Plan {
        let mut text = String::from(
            "schema_version = 1\ncategory = { en = \"lamp\" }\n[[standards]]\ncode = \"GB 1-2000\"\nrole = \"benchmark\"\n",
        );
        for id in ids {
            text.push_str(&format!("[[indicators]]\nid = \"{id}\"\ndirection = \"higher-is-better\"\nrequirements = {{ \"GB 1-2000\" = \"≥ 5\" }}\n"));
        }
        Plan::from_toml_str(&text).unwrap()
    }

    /// Verdicts of the plan `a, b` read for the plan `a, c`: refused, naming the entry, the
    /// product and both lists.
    #[test]
    fn a_verdict_of_another_plan() {
        let judged = plan(&["a", "b"]).compile().unwrap();
        let text = (1..=3)
            .map(|n| {
                let p = Product::new(format!("P{n}"))
                    .with("a", "6")
                    .unwrap()
                    .with("b", "4")
                    .unwrap();
                serde_json::to_string(&judged.evaluate(&p).unwrap()).unwrap()
            })
            .collect::<Vec<_>>();
        let array = format!("[{}]", text.join(",\n"));
        let other = plan(&["a", "c"]).compile().unwrap();
        let mut rows = VerdictRows::array(array.as_bytes(), &Limits::default())
            .unwrap()
            .fitting(other.indicator_ids());
        let e = rows.nth(2).unwrap().unwrap_err();
        check(
            &e,
            ErrorKind::Invalid,
            r#"verdicts[2]: product "P3": the verdict's indicators "a, b" are not the plan's "a, c": judge the products with this plan again"#,
            r#"判定结果条目 verdicts[2]：产品 "P3"：判定结果的指标 "a, b" 与方案的指标 "a, c" 不符，请用本方案重新判定这些产品"#,
        );
        let lines = text.join("\n");
        let e = VerdictRows::lines(lines.as_bytes(), &Limits::default())
            .unwrap()
            .fitting(other.indicator_ids())
            .nth(1)
            .unwrap()
            .unwrap_err();
        check(
            &e,
            ErrorKind::Invalid,
            r#"line 2: product "P2": the verdict's indicators "a, b" are not the plan's "a, c": judge the products with this plan again"#,
            r#"第 2 行：产品 "P2"：判定结果的指标 "a, b" 与方案的指标 "a, c" 不符，请用本方案重新判定这些产品"#,
        );
        // The same verdicts for their own plan: all read.
        let rows = VerdictRows::array(array.as_bytes(), &Limits::default())
            .unwrap()
            .fitting(judged.indicator_ids());
        assert_eq!(rows.filter(Result::is_ok).count(), 3);
    }

    /// A verdicts file's own faults name the file as `verdicts`, its entries `verdicts[1]`.
    #[test]
    fn a_broken_verdicts_file() {
        let e = VerdictRows::array("[{\"product\": 1}".as_bytes(), &Limits::default())
            .unwrap()
            .next()
            .unwrap()
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "verdicts: line 1, column 16: end of file while parsing a list"
        );
        let e = VerdictRows::array("[{}, {\"product\": 1}]".as_bytes(), &Limits::default())
            .unwrap()
            .nth(1)
            .unwrap()
            .unwrap_err();
        assert!(
            e.to_string().starts_with("verdicts[1]: line 1, column "),
            "{e}"
        );
        let e = VerdictRows::array("".as_bytes(), &Limits::default())
            .err()
            .unwrap();
        assert!(
            e.to_string().starts_with("verdicts: the file is empty"),
            "{e}"
        );
    }
}
