//! Plan faults located from the reader's own spans, in time linear in the plan's size, and a
//! plan with hundreds of thousands of faults answered with the first ones and the count of the
//! rest (wrong-answers-2026-12, problems 8 and 14). The 4 MB plan is generated here; the
//! small reproducers are in `tests/data/findings/`.

mod common;

use duibiao::plan::{Fault, Report, Severity};
use duibiao::{Limits, Plan};

fn data(name: &str) -> String {
    format!("{}/tests/data/findings/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The findings' `faults_NxM` shape: `indicators` indicators, each with 1000 requirement keys
/// `k0 = ""` … that are no standard number.
fn faults_plan(indicators: usize) -> String {
    let mut text = String::from(
        "schema_version = 1\ncategory = { zh = \"智能坐便器\", en = \"smart toilet\" }\n\n[[standards]]\ncode = \"Q/ABC 001-2024\"\nrole = \"subject\"\n\n[[standards]]\ncode = \"T/CZGX 001-2022\"\nrole = \"benchmark\"\n",
    );
    for i in 0..indicators {
        text.push_str(&format!(
            "\n[[indicators]]\nid = \"i{i}\"\nunit = \"L\"\ndirection = \"lower-is-better\"\n[indicators.requirements]\n"
        ));
        for k in 0..1000 {
            text.push_str(&format!("k{k} = \"\"\n"));
        }
    }
    text
}

/// Line and column (1-based, in characters) of byte `offset`, counted here on their own.
fn place(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, column)
}

/// The text a fault's span covers, after checking that its line and column are the span's.
fn spanned<'t>(text: &'t str, fault: &Fault) -> &'t str {
    let span = fault.span.unwrap_or_else(|| panic!("no span: {fault}"));
    assert_eq!((span.line, span.column), place(text, span.start), "{fault}");
    assert_eq!(
        (fault.line, fault.column),
        (Some(span.line), Some(span.column))
    );
    &text[span.start..span.end]
}

#[test]
fn a_4_mb_plan_of_380_000_faults_is_answered_with_the_first_faults_and_the_count_of_the_rest() {
    let text = faults_plan(380);
    assert!(text.len() > 3_700_000 && text.len() <= Limits::default().plan_bytes);
    let (plan, report) = Plan::read_toml(&text, &Limits::default()).unwrap();
    assert_eq!(plan.indicators.len(), 380);
    // 380 × 1000 keys, and the benchmark that states no requirement.
    assert_eq!(report.faults.len(), 1000);
    assert_eq!(report.omitted_errors, 380 * 1000 + 1 - 1000);
    assert_eq!(report.omitted_warnings, 0);
    assert_eq!(report.omitted(), 379_001);
    assert!(!report.is_ok());
    // In plan order: the first indicator's keys as its map holds them (k0, k1, k10, k100 …).
    let first = &report.faults[0];
    assert_eq!(first.path, r#"indicators[0].requirements."k0""#);
    assert_eq!(
        first.message,
        r#"standard number "k0": expected a standard prefix such as "GB/T" or "ISO", found "k0""#
    );
    assert_eq!((first.line, first.column), (Some(17), Some(1)));
    assert_eq!(spanned(&text, first), "k0");
    let last = report.faults.last().unwrap();
    assert_eq!(last.path, r#"indicators[0].requirements."k999""#);
    assert_eq!(spanned(&text, last), "k999");
    assert_eq!((last.line, last.column), (Some(17 + 999), Some(1)));
    assert!(report.faults.iter().all(|f| f.severity == Severity::Error));
    // The count of the rest closes the report's text.
    assert_eq!(
        report.to_string().lines().last(),
        Some("379001 more faults not shown (379001 errors, 0 warnings; limit `faults`)")
    );

    // The same plan as JSON: the same faults, located in the JSON text.
    let json = serde_json::to_string(&plan).unwrap();
    let (_, from_json) = Plan::read_json(&json, &Limits::default()).unwrap();
    assert_eq!(from_json.faults.len(), 1000);
    assert_eq!(from_json.omitted(), 379_001);
    assert_eq!(spanned(&json, &from_json.faults[0]), r#""k0""#);
    assert_eq!(spanned(&json, &from_json.faults[999]), r#""k999""#);

    // The check without a text keeps as many, unlocated.
    let unlocated = plan.check();
    assert_eq!(
        (unlocated.faults.len(), unlocated.omitted()),
        (1000, 379_001)
    );
    assert!(unlocated
        .faults
        .iter()
        .all(|f| f.line.is_none() && f.span.is_none()));
}

#[test]
fn the_faults_limit_sets_how_many_are_kept() {
    let text = faults_plan(10);
    let mut limits = Limits::default();
    limits.faults = 5_000;
    let (_, more) = Plan::read_toml(&text, &limits).unwrap();
    assert_eq!((more.faults.len(), more.omitted()), (5_000, 5_001));
    assert_eq!(
        more.faults[4_999].path,
        r#"indicators[4].requirements."k999""#
    );
    assert_eq!(spanned(&text, &more.faults[4_999]), "k999");
    // A limit of 0 keeps none and counts every one.
    limits.faults = 0;
    let (plan, none) = Plan::read_toml(&text, &limits).unwrap();
    assert_eq!((none.faults.len(), none.omitted_errors), (0, 10_001));
    assert!(!none.is_ok());
    assert_eq!(plan.check_with(&limits), none.clone());
}

#[test]
fn validate_prints_the_first_faults_and_a_line_counting_the_rest() {
    let path = data("faults_10x1000.toml");
    let out = common::duibiao()
        .args(["validate", &path])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    // Each fault is one line naming the file, then the plan's line with a caret under the
    // offending text.
    let lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with(&path)).collect();
    assert_eq!(lines.len(), 1001);
    let snippet: Vec<&str> = stderr.lines().skip(1).take(5).collect();
    assert_eq!(
        snippet,
        [
            format!("  --> {path}:17:1").as_str(),
            "   |",
            r#"17 | k0 = """#,
            "   | ^^",
            "   |"
        ]
    );
    assert_eq!(
        lines[0],
        format!(
            r#"{path}: error: line 17, column 1: indicators[0].requirements."k0": standard number "k0": expected a standard prefix such as "GB/T" or "ISO", found "k0""#
        )
    );
    assert_eq!(
        lines[1000],
        format!("{path}: 9001 more faults not shown (9001 errors, 0 warnings; limit `faults`)")
    );
    // Every command that reads the plan says the same.
    let out = common::duibiao()
        .args(["evaluate", &path, "--products", &data("prod_extra.json")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr.lines().filter(|l| l.starts_with(&path)).count(),
        1001
    );
    assert_eq!(stderr.lines().count(), 1001 + 5 * 1000);
    assert!(
        stderr.ends_with("9001 more faults not shown (9001 errors, 0 warnings; limit `faults`)\n")
    );
}

const DEPTHS: &str = r#"schema_version = 1
category = { en = "t" }

[[standards]]
code = "GB/T 1-2000"
role = "benchmark"
superseded-by = "GB/T 1-2000"

[[standards]]
code = "GB/T 2-2000"
role = "benchmark"

[policy]
leader-share = "1.5"

[[indicators]]
id = "a"
unit = "L"
direction = "lower-is-better"
requirements = { "GB/T 1-2000" = "≤ 4 L", "GB/T 9-2000" = "≤ 5 L" }
grades = [
  { name = { en = "1" }, limit = "≤ 5 L" },
  { name = { en = "2" }, limit = "≤ 4 L" },
]

[[indicators]]
id = "a"
unit = "W"
direction = "lower-is-better"
requirements = { "GB/T 1-2000" = "≤ 4 W" }

[[indicators]]
id = "b"
unit = "L"
direction = "lower-is-better"
requirements = { "GB/T 1-2000" = "≤ 4 L" }
[indicators.bands]
by = "a"
[[indicators.bands.bands]]
when = "≤ 5 kg"
grades = [ { name = { en = "1" }, limit = "≤ 3 L" } ]
"#;

/// Each fault's path and the text its span covers.
fn located<'t>(text: &'t str, report: &Report) -> Vec<(String, &'t str)> {
    report
        .faults
        .iter()
        .map(|f| (f.path.clone(), spanned(text, f)))
        .collect()
}

#[test]
fn faults_are_located_at_every_depth_in_toml_and_json() {
    let (plan, report) = Plan::read_toml(DEPTHS, &Limits::default()).unwrap();
    let shown: Vec<String> = report.faults.iter().map(|f| f.to_string()).collect();
    assert_eq!(
        shown,
        [
            r#"error: line 7, column 1: standards[0].superseded-by: standard "GB/T 1-2000" is superseded by itself"#,
            r#"error: line 14, column 1: policy.leader-share: 1.5 is outside 0 < share ≤ 1"#,
            r#"error: line 20, column 43: indicators[0].requirements."GB/T 9-2000": standard "GB/T 9-2000" is not listed in the plan's standards"#,
            r#"error: line 23, column 34: indicators[0].grades[1].limit: grades go from best to worst, so "≤ 4 L" must hold every value of grade 0 "≤ 5 L""#,
            r#"error: line 27, column 6: indicators[1].id: indicator id "a" is used twice (first by indicators[0])"#,
            r#"error: line 40, column 8: indicators[2].bands.bands[0].when: condition "≤ 5 kg" is in "kg" (mass), the selector "a" in "L" (volume)"#,
            r#"warning: line 41, column 1: indicators[2].bands.bands[0].grades: no grade holds the benchmark level "≤ 4 L" (GB/T 1-2000), so no value can exceed it by grade"#,
            r#"error: line 10, column 8: standards[1]: benchmark "GB/T 2-2000" states no requirement for any indicator"#,
        ]
    );
    let zh: Vec<String> = report
        .faults
        .iter()
        .map(|f| f.to_string_in(duibiao::Lang::Zh))
        .collect();
    // The same faults in Chinese: places, dimensions and levels translated.
    assert_eq!(
        zh,
        [
            r#"错误：第 7 行第 1 列：standards[0].superseded-by：标准 "GB/T 1-2000" 被其自身代替"#,
            r#"错误：第 14 行第 1 列：policy.leader-share：1.5 不在 0 < share ≤ 1 范围内"#,
            r#"错误：第 20 行第 43 列：indicators[0].requirements."GB/T 9-2000"：标准 "GB/T 9-2000" 未列入方案的标准清单"#,
            r#"错误：第 23 行第 34 列：indicators[0].grades[1].limit：等级按从优到劣排列，因此 "≤ 4 L" 必须包含第 0 级 "≤ 5 L" 的所有数值"#,
            r#"错误：第 27 行第 6 列：indicators[1].id：指标编号 "a" 使用了两次（首次在 indicators[0]）"#,
            r#"错误：第 40 行第 8 列：indicators[2].bands.bands[0].when：条件 "≤ 5 kg" 的单位为 "kg"（质量），选择分档的指标 "a" 的单位为 "L"（体积）"#,
            r#"警告：第 41 行第 1 列：indicators[2].bands.bands[0].grades：没有任何等级包含对标水平 GB/T 1-2000 的 "≤ 4 L"，因此没有数值能按等级优于它"#,
            r#"错误：第 10 行第 8 列：standards[1]：对标标准 "GB/T 2-2000" 未对任何指标提出要求"#,
        ]
    );
    let tokens = [
        ("standards[0].superseded-by", "superseded-by"),
        ("policy.leader-share", "leader-share"),
        (
            r#"indicators[0].requirements."GB/T 9-2000""#,
            r#""GB/T 9-2000""#,
        ),
        ("indicators[0].grades[1].limit", r#""≤ 4 L""#),
        ("indicators[1].id", r#""a""#),
        ("indicators[2].bands.bands[0].when", r#""≤ 5 kg""#),
        ("indicators[2].bands.bands[0].grades", "grades"),
        ("standards[1]", r#""GB/T 2-2000""#),
    ];
    let want: Vec<(String, &str)> = tokens.iter().map(|(p, t)| (p.to_string(), *t)).collect();
    assert_eq!(located(DEPTHS, &report), want);
    // `check_in` finds the same places, reading the text again.
    assert_eq!(plan.check_in(DEPTHS), report);
    // Kept to six: the warning and the last error are counted apart.
    let mut six = Limits::default();
    six.faults = 6;
    let (_, kept) = Plan::read_toml(DEPTHS, &six).unwrap();
    assert_eq!(kept.faults[..], report.faults[..6]);
    assert_eq!((kept.omitted_errors, kept.omitted_warnings), (1, 1));
    assert_eq!(
        kept.omitted_line().as_deref(),
        Some("2 more faults not shown (1 error, 1 warning; limit `faults`)")
    );
    assert_eq!(
        kept.omitted_line_in(duibiao::Lang::Zh).as_deref(),
        Some("另有 2 处问题未列出（1 处错误，1 处警告；限额 `faults`）")
    );

    // The same plan as pretty JSON: the same faults, each at its key or value there.
    let json = plan.to_json_string().unwrap();
    let (_, from_json) = Plan::read_json(&json, &Limits::default()).unwrap();
    let json_tokens: Vec<(String, &str)> = tokens
        .iter()
        .map(|(p, t)| {
            let t = match *t {
                "superseded-by" | "leader-share" | "grades" => format!("\"{t}\""),
                t => t.to_owned(),
            };
            (p.to_string(), &*Box::leak(t.into_boxed_str()))
        })
        .collect();
    assert_eq!(located(&json, &from_json), json_tokens);
    assert_eq!(plan.check_in(&json), from_json);
    let at = |path: &str| {
        let f = from_json.faults.iter().find(|f| f.path == path).unwrap();
        (f.line.unwrap(), f.column.unwrap())
    };
    // Pretty JSON: one entry a line, indented two spaces a level.
    assert_eq!(at("policy.leader-share"), (88, 5));
    assert_eq!(at("indicators[2].bands.bands[0].when"), (73, 21));
}

#[test]
fn a_place_not_written_is_located_at_the_nearest_enclosing_part() {
    // No weight is written: the fault points at the indicator it belongs to.
    let text = "schema_version = 1\ncategory = { en = \"t\" }\nstandards = [{ code = \"GB/T 1-2000\", role = \"benchmark\" }]\n\n[[indicators]]\nid = \"a\"\ndirection = \"lower-is-better\"\nweight = \"0\"\nrequirements = { \"GB/T 1-2000\" = \"≤ 4\" }\n\n[[indicators]]\nid = \"b\"\nclass = \"basic\"\ndirection = \"lower-is-better\"\n";
    let (_, report) = Plan::read_toml(text, &Limits::default()).unwrap();
    assert_eq!(report.faults.len(), 1, "{report}");
    assert_eq!(spanned(text, &report.faults[0]), "weight");
    // A fault about the plan as a whole points at the whole text.
    let text = "schema_version = 1\ncategory = { en = \"t\" }\nstandards = []\nindicators = []\n";
    let (_, report) = Plan::read_toml(text, &Limits::default()).unwrap();
    let shown: Vec<(String, &str)> = located(text, &report);
    assert_eq!(
        shown,
        [
            ("standards".to_owned(), "standards"),
            ("indicators".to_owned(), "indicators"),
        ]
    );
}

#[test]
fn names_tables_hold_zh_and_en_only() {
    let err = Plan::from_toml_str(&std::fs::read_to_string(data("names_unknown.toml")).unwrap())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 2, column 24: unknown field `x`, expected `zh` or `en`"
    );
    let err = Plan::from_json_str(&std::fs::read_to_string(data("names_unknown.json")).unwrap())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 1, column 44: unknown field `x`, expected `zh` or `en`"
    );
    // Inside every names table: an indicator's name, a grade's.
    let plan = "schema_version = 1\ncategory = { en = \"t\" }\nstandards = [{ code = \"GB/T 1-2000\", role = \"benchmark\" }]\n[[indicators]]\nid = \"a\"\ndirection = \"lower-is-better\"\nname = { fr = \"a\" }\n";
    let err = Plan::from_toml_str(plan).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 7, column 10: unknown field `fr`, expected `zh` or `en`"
    );
}

#[test]
fn a_plan_file_is_measured_before_it_is_read() {
    let dir = std::env::temp_dir().join(format!("duibiao-plan-faults-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A sparse file of 100 MB: refused by its size, never read.
    let big = dir.join("p_100mb.toml");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let err = duibiao::plan::read_file(&big, &Limits::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: the plan is 104857600 bytes, more than the 4194304 a plan may hold (limit `plan_bytes`)",
            big.display()
        )
    );
    // A stream without a size is read no further than one byte past the limit.
    #[cfg(unix)]
    {
        let mut limits = Limits::default();
        limits.plan_bytes = 1024;
        let err = duibiao::plan::read_file(std::path::Path::new("/dev/zero"), &limits).unwrap_err();
        assert_eq!(
            err.to_string(),
            "/dev/zero: the plan is longer than 1024 bytes, the most a plan may hold (limit `plan_bytes`)"
        );
    }
    // A plan within the limit reads and checks.
    let good = dir.join("p.toml");
    std::fs::write(&good, DEPTHS).unwrap();
    let (_, report) = duibiao::plan::read_file(&good, &Limits::default()).unwrap();
    assert_eq!(report.faults.len(), 8);
    std::fs::remove_dir_all(&dir).unwrap();
}
