//! Every limit wording of GB/T 8170-2008 4.2, word for word: the text, the conforming set it
//! means and the clause it comes from; the near-misses refused with their message; and the
//! table of `docs/rules.md`, checked against the parser so that it cannot drift.

use duibiao::{Bound, Lang, Limit};

/// One wording: the text, the conforming set (lower, upper: `[a`, `(a`, `b]`, `b)`, `-` for
/// none), the unit, and the source.
struct Row {
    text: &'static str,
    lower: &'static str,
    upper: &'static str,
    unit: Option<&'static str>,
    source: &'static str,
}

const T1: &str = "GB/T 8170-2008 4.2.1 表1";
const T2: &str = "GB/T 8170-2008 4.2.2 表2";
const DEV: &str = "GB/T 8170-2008 4.2.3";
const TABLE: &str = "standards' tables (GB/T 8170-2008 4.2.1 表1 with the boundary named)";

const fn row(
    text: &'static str,
    lower: &'static str,
    upper: &'static str,
    unit: Option<&'static str>,
    source: &'static str,
) -> Row {
    Row {
        text,
        lower,
        upper,
        unit,
        source,
    }
}

/// The wordings, one row each.
const ROWS: &[Row] = &[
    // 表1: the basic terms and their synonyms.
    row("大于97.0", "(97.0", "-", None, T1),
    row("多于97.0", "(97.0", "-", None, T1),
    row("高于97.0", "(97.0", "-", None, T1),
    row("超过97.0", "(97.0", "-", None, T1),
    row("小于97.0", "-", "97.0)", None, T1),
    row("少于97.0", "-", "97.0)", None, T1),
    row("低于97.0", "-", "97.0)", None, T1),
    row("不足97.0", "-", "97.0)", None, T1),
    row("大于或等于97.0", "[97.0", "-", None, T1),
    row("大于等于97.0", "[97.0", "-", None, T1),
    row("不小于97.0", "[97.0", "-", None, T1),
    row("不少于97.0", "[97.0", "-", None, T1),
    row("不低于97.0", "[97.0", "-", None, T1),
    row("小于或等于97.0", "-", "97.0]", None, T1),
    row("小于等于97.0", "-", "97.0]", None, T1),
    row("不大于97.0", "-", "97.0]", None, T1),
    row("不多于97.0", "-", "97.0]", None, T1),
    row("不高于97.0", "-", "97.0]", None, T1),
    row("> 97.0", "(97.0", "-", None, T1),
    row("< 97.0", "-", "97.0)", None, T1),
    row("≥ 97.0", "[97.0", "-", None, T1),
    row("≤ 97.0", "-", "97.0]", None, T1),
    // 表2: the combined terms, their permitted wordings and the three symbol forms.
    row("大于或等于10且小于或等于20", "[10", "20]", None, T2),
    row("从10到20", "[10", "20]", None, T2),
    row("10 ≤ X ≤ 20", "[10", "20]", None, T2),
    row("10 ≤ · ≤ 20", "[10", "20]", None, T2),
    row("10～20", "[10", "20]", None, T2),
    row("大于10且小于或等于20", "(10", "20]", None, T2),
    row("超过10到20", "(10", "20]", None, T2),
    row("10 < X ≤ 20", "(10", "20]", None, T2),
    row("10 < · ≤ 20", "(10", "20]", None, T2),
    row(">10～20", "(10", "20]", None, T2),
    row("大于或等于10且小于20", "[10", "20)", None, T2),
    row("至少10不足20", "[10", "20)", None, T2),
    row("10 ≤ X < 20", "[10", "20)", None, T2),
    row("10 ≤ · < 20", "[10", "20)", None, T2),
    row("10～<20", "[10", "20)", None, T2),
    row("大于10且小于20", "(10", "20)", None, T2),
    row("超过10不足20", "(10", "20)", None, T2),
    row("10 < X < 20", "(10", "20)", None, T2),
    row("10 < · < 20", "(10", "20)", None, T2),
    // The symbol forms with another letter for the quantity, and written downward.
    row("10 ≤ x ≤ 20", "[10", "20]", None, T2),
    row("0 < t ≤ 30 min", "(0", "30]", Some("min"), T2),
    row("20 ≥ X ≥ 10", "[10", "20]", None, T2),
    row("20 > X ≥ 10", "[10", "20)", None, T2),
    row("10 mm ≤ d ≤ 20 mm", "[10", "20]", Some("mm"), T2),
    row("-5 ≤ X ≤ +5", "[-5", "5]", None, T2),
    // 4.2.3: deviations.
    row("10.0 ± 0.1 mm", "[9.9", "10.1]", Some("mm"), DEV),
    row("10 +0.2 -0.1", "[9.9", "10.2]", None, DEV),
    row("10 ± 0.1 (不含0.1)", "(9.9", "10.1)", None, DEV),
    row("60(1 ± 3%) lm/W", "[58.20", "61.80]", Some("lm/W"), DEV),
    row("60 lm/W ± 3 %", "[58.20", "61.80]", Some("lm/W"), DEV),
    row("0.90 ± 3 %", "[0.8730", "0.9270]", None, DEV),
    row("0.90(1 ± 3%)", "[0.8730", "0.9270]", None, DEV),
    row("90 % ± 3 pp", "[87", "93]", Some("%"), DEV),
    row("90 % ± 3 个百分点", "[87", "93]", Some("%"), DEV),
    row("90 ± 3 pp", "[87", "93]", Some("%"), DEV),
    row("90(1 ± 3%) %", "[87.30", "92.70]", Some("%"), DEV),
    // Tables of standards: the boundary named in the clause.
    row("10以上(含10)", "[10", "-", None, TABLE),
    row("10以下(含10)", "-", "10]", None, TABLE),
    row("10以上（含10）", "[10", "-", None, TABLE),
    row("10以上(不含10)", "(10", "-", None, TABLE),
    row("10以下(不含10)", "-", "10)", None, TABLE),
    row("0.06N以上(含0.06N)", "[0.06", "-", Some("N"), TABLE),
    row("0.06 N以下(含0.06)", "-", "0.06]", Some("N"), TABLE),
    row("10或以上", "[10", "-", None, TABLE),
    row("10或以下", "-", "10]", None, TABLE),
    row("0.06 N或以上", "[0.06", "-", Some("N"), TABLE),
    row("10及以上", "[10", "-", None, TABLE),
    row("10及以下", "-", "10]", None, TABLE),
];

fn bound(text: &str) -> Option<Bound> {
    if text == "-" {
        return None;
    }
    let (inclusive, number) = if let Some(n) = text.strip_prefix('[') {
        (true, n)
    } else if let Some(n) = text.strip_prefix('(') {
        (false, n)
    } else if let Some(n) = text.strip_suffix(']') {
        (true, n)
    } else {
        (false, text.strip_suffix(')').unwrap())
    };
    Some(Bound {
        value: number.parse().unwrap(),
        inclusive,
    })
}

#[test]
fn every_wording_means_its_set() {
    for r in ROWS {
        let limit: Limit = r
            .text
            .parse()
            .unwrap_or_else(|e| panic!("{} ({}): {e}", r.text, r.source));
        let what = format!("{} ({})", r.text, r.source);
        assert_eq!(limit.lower(), bound(r.lower), "{what}: lower");
        assert_eq!(limit.upper(), bound(r.upper), "{what}: upper");
        assert_eq!(
            limit.unit().map(|u| u.to_string()).as_deref(),
            r.unit,
            "{what}: unit"
        );
        // The canonical display reads back as the same set.
        let again: Limit = limit.to_string().parse().unwrap();
        assert!(again.same_set(&limit), "{what}: {limit}");
    }
}

#[test]
fn a_relative_deviation_on_a_bare_number_keeps_the_power_factor_in_range() {
    // Finding: "0.90 ± 3 %" was read as 0.90 % ± 3 points, so −1 and 3.5 passed.
    let pf: Limit = "0.90 ± 3 %".parse().unwrap();
    for (x, ok) in [
        ("-1", false),
        ("3.5", false),
        ("0.872", false),
        ("0.873", true),
        ("0.927", true),
        ("0.928", false),
    ] {
        assert_eq!(
            pf.contains(x.parse::<rust_decimal::Decimal>().unwrap()),
            ok,
            "{x}"
        );
    }
    assert_eq!(pf.to_string(), "0.90(1 ± 3%)");
    assert_eq!(
        "90 % ± 3 pp".parse::<Limit>().unwrap().to_string(),
        "90 % ± 3 pp"
    );
}

fn refused(text: &str) -> (String, String) {
    let e = text
        .parse::<Limit>()
        .expect_err(&format!("{text} should be refused"));
    (e.to_string(), e.message(Lang::Zh))
}

#[test]
fn near_misses_are_refused_with_located_messages() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "10 ≤ X ≥ 20",
            r#"limit "10 ≤ X ≥ 20": "≤" and "≥" point different ways: write both signs the same way, "A ≤ X ≤ B" or "B ≥ X ≥ A""#,
            r#"限值 "10 ≤ X ≥ 20"："≤" 与 "≥" 方向相反：两个符号应同向，写作 "A ≤ X ≤ B" 或 "B ≥ X ≥ A""#,
        ),
        (
            "20 ≤ X ≤ 10",
            r#"limit "20 ≤ X ≤ 10": the lower end "≥ 20" lies above the upper end "≤ 10", so no value can conform: write the smaller number first"#,
            r#"限值 "20 ≤ X ≤ 10"：下端 "≥ 20" 高于上端 "≤ 10"，任何数值都不能符合：请先写较小的数"#,
        ),
        (
            "大于或等于20且小于或等于10",
            r#"limit "大于或等于20且小于或等于10": the lower end "≥ 20" lies above the upper end "≤ 10", so no value can conform: write the smaller number first"#,
            r#"限值 "大于或等于20且小于或等于10"：下端 "≥ 20" 高于上端 "≤ 10"，任何数值都不能符合：请先写较小的数"#,
        ),
        (
            "超过20不足10",
            r#"limit "超过20不足10": the lower end "> 20" lies above the upper end "< 10", so no value can conform: write the smaller number first"#,
            r#"限值 "超过20不足10"：下端 "> 20" 高于上端 "< 10"，任何数值都不能符合：请先写较小的数"#,
        ),
        (
            "≥ 5 且 ≥ 3",
            r#"limit "≥ 5 且 ≥ 3": the two conditions joined by "且" both bound the lower end: a combined limit joins a lower and an upper limit, such as "大于或等于A且小于或等于B""#,
            r#"限值 "≥ 5 且 ≥ 3"：以 "且" 连接的两个条件都限定下端：组合限值应连接一个下限和一个上限，如 "大于或等于A且小于或等于B""#,
        ),
        (
            "10以上(含20)",
            r#"limit "10以上(含20)": "(含20)" names another value than the limit's "10": write the same number, such as "10以上(含10)""#,
            r#"限值 "10以上(含20)"："(含20)" 与限值的 "10" 不是同一数值：请写同一个数，如 "10以上(含10)""#,
        ),
        (
            "10 ± 1 (含1)",
            r#"limit "10 ± 1 (含1)": "(含…)" follows "A以上" or "A以下" only, such as "10以上(含10)""#,
            r#"限值 "10 ± 1 (含1)"："(含…)" 只用于 "A以上" 或 "A以下" 之后，如 "10以上(含10)""#,
        ),
        (
            "90 % ± 3 %",
            r#"limit "90 % ± 3 %": a deviation in % on a nominal value in % may mean percentage points or a share of the nominal value: write "90 % ± 3 pp" (or "± 3 个百分点") for points, "90(1 ± 3%) %" for a share"#,
            r#"限值 "90 % ± 3 %"：以 % 表示的基本数值带 % 偏差，可能是百分点，也可能是基本数值的百分比：百分点写作 "90 % ± 3 pp"（或 "± 3 个百分点"），百分比写作 "90(1 ± 3%) %""#,
        ),
        (
            "60 lm/W ± 3 pp",
            r#"limit "60 lm/W ± 3 pp": percentage points ("pp", "个百分点") apply to a nominal value in % only, not in "lm/W""#,
            r#"限值 "60 lm/W ± 3 pp"：百分点（"pp"、"个百分点"）只用于以 % 表示的基本数值，不能用于 "lm/W""#,
        ),
        (
            "10以上",
            r#"limit "10以上": "以上"/"以下" leave the boundary open to doubt: write "及以上", "及以下", "不小于" or "不大于""#,
            r#"限值 "10以上"："以上"/"以下" 是否包含界限值不明确：请写 "及以上"、"及以下"、"不小于" 或 "不大于""#,
        ),
        (
            "0.06N以上",
            r#"limit "0.06N以上": "以上"/"以下" leave the boundary open to doubt: write "及以上", "及以下", "不小于" or "不大于""#,
            r#"限值 "0.06N以上"："以上"/"以下" 是否包含界限值不明确：请写 "及以上"、"及以下"、"不小于" 或 "不大于""#,
        ),
    ];
    for (text, en, zh) in cases {
        let (e, z) = refused(text);
        assert_eq!(&e, en, "{text}");
        assert_eq!(&z, zh, "{text}");
    }
}

/// The wording table of `docs/rules.md`: every Chinese, symbol and English text of a row parses
/// (with A = 10, B = 20, b = 1) to the row's set, so the table cannot drift from the parser.
#[test]
fn the_wording_table_in_the_rules_is_what_the_parser_reads() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md")).unwrap();
    let table = doc
        .split("<!-- wordings:begin -->")
        .nth(1)
        .and_then(|t| t.split("<!-- wordings:end -->").next())
        .expect("docs/rules.md holds the wording table");
    let mut rows = 0;
    for line in table
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Chinese"))
    {
        let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
        let [zh, sym, en, set] = cells.as_slice() else {
            panic!("{line}");
        };
        let (lower, upper, unit) = match *set {
            "x > A" => ("(10", "-", None),
            "x < A" => ("-", "10)", None),
            "x ≥ A" => ("[10", "-", None),
            "x ≤ A" => ("-", "10]", None),
            "A ≤ x ≤ B" => ("[10", "20]", None),
            "A < x ≤ B" => ("(10", "20]", None),
            "A ≤ x < B" => ("[10", "20)", None),
            "A < x < B" => ("(10", "20)", None),
            "A − b₂ ≤ x ≤ A + b₁" => ("[9", "11]", None),
            "A − b < x < A + b" => ("(9", "11)", None),
            "−b ≤ x ≤ b, a deviation from the nominal" => ("[-1", "1]", None),
            "A(1 − b%) ≤ x ≤ A(1 + b%)" => ("[9.9", "10.1]", None),
            "A − b ≤ x ≤ A + b, in %" => ("[9", "11]", Some("%")),
            other => panic!("no set for {other:?}"),
        };
        for cell in [zh, sym, en] {
            for text in cell.split(", ").filter(|t| *t != "—") {
                let text = text
                    .replace("A +b₁ -b₂", "A +1 -1")
                    .replace('b', "1")
                    .replace('A', "10")
                    .replace('B', "20");
                // The English words with letters A/B/b were replaced too: undo inside words.
                let text = text
                    .replace("at le1st", "at least")
                    .replace("gre10ter", "greater")
                    .replace("1elow", "below");
                let limit: Limit = text
                    .parse()
                    .unwrap_or_else(|e| panic!("docs/rules.md: {text}: {e}"));
                let what = format!("docs/rules.md: {text} ({set})");
                // Relative rows are written without a unit, or with one other than %.
                let (lo, hi) = (bound(lower), bound(upper));
                assert_eq!(
                    limit.lower().map(|b| (b.value.normalize(), b.inclusive)),
                    lo.map(|b| (b.value.normalize(), b.inclusive)),
                    "{what}"
                );
                assert_eq!(
                    limit.upper().map(|b| (b.value.normalize(), b.inclusive)),
                    hi.map(|b| (b.value.normalize(), b.inclusive)),
                    "{what}"
                );
                if unit.is_some() {
                    assert_eq!(
                        limit.unit().map(|u| u.to_string()).as_deref(),
                        unit,
                        "{what}"
                    );
                }
                rows += 1;
            }
        }
    }
    assert!(rows > 60, "{rows} wordings checked");
}
