//! The command line's exact contract: output, exit codes, no panics.

mod common;

use std::process::Output;

use proptest::prelude::*;

fn run(args: &[&str]) -> Output {
    common::duibiao()
        .args(args)
        .output()
        .expect("the binary runs")
}

#[track_caller]
fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[track_caller]
fn bad(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    err
}

#[test]
fn round_prints_the_value_alone() {
    assert_eq!(ok(&["round", "-355", "--interval", "10"]), "-360\n");
    assert_eq!(ok(&["round", "60.25", "--interval", "0.5"]), "60.0\n");
    assert_eq!(ok(&["round", "16.5(+)", "--interval", "1"]), "17\n");
    assert_eq!(
        ok(&["round", "12.01", "--interval", "1", "--mode", "up"]),
        "13\n"
    );
    assert_eq!(
        ok(&["round", "-12.99", "--interval", "1", "--mode", "down"]),
        "-12\n"
    );
}

#[test]
fn judge_prints_pass_or_fail() {
    assert_eq!(ok(&["judge", "96.96", "≥97.0 %"]), "fail\n");
    assert_eq!(
        ok(&["judge", "96.96", "≥97.0 %", "--method", "rounded-value"]),
        "pass\n"
    );
    assert_eq!(
        ok(&[
            "judge",
            "1351",
            "≥14×100 MPa",
            "--method",
            "rounded-value",
            "--interval",
            "100"
        ]),
        "pass\n"
    );
    assert_eq!(ok(&["judge", "-3", "≥ -5"]), "pass\n");
}

#[test]
fn judge_json_carries_the_evidence() {
    let out = ok(&[
        "judge",
        "9.85",
        "10.0±0.1 mm",
        "--method",
        "rounded-value",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["value"], "9.85");
    assert_eq!(v["rounded"], "9.8");
    assert_eq!(v["limit"], "10.0 ± 0.1 mm");
    assert_eq!(v["method"], "rounded-value");
    assert_eq!(v["interval"], "0.1");
    assert_eq!(v["outcome"], "fail");
}

#[test]
fn malformed_input_exits_2_with_the_text_quoted() {
    assert_eq!(
        bad(&["judge", "3", "≥ abc"]),
        "error: limit \"≥ abc\": expected a number after \"≥\", found \"abc\"\n"
    );
    assert!(bad(&["round", "1.5", "--interval", "3"]).contains("\"3\""));
    assert!(bad(&["round", "abc", "--interval", "1"]).contains("\"abc\""));
    assert!(bad(&["judge", "1", "≥ 1", "--method", "guess"]).contains("\"guess\""));
}

#[test]
fn judge_applies_decision_rules() {
    // tests/data/decision.csv lines 4 and 5 (ILAC-G8:09/2019 4.2.3).
    let nb = [
        "--uncertainty",
        "0.0010",
        "--k",
        "2",
        "--rule",
        "non-binary",
    ];
    let args = |value: &'static str| [&["judge", value, "±0.003 mm"][..], &nb[..]].concat();
    assert_eq!(ok(&args("0.0017")), "pass\n");
    assert_eq!(ok(&args("0.0025")), "conditional-pass\n");
    // decision.csv line 3, and the uncertainty written in the value.
    assert_eq!(
        ok(&[
            "judge",
            "9.8",
            "≤10 mg/kg",
            "--uncertainty",
            "0.3",
            "--rule",
            "guarded-acceptance"
        ]),
        "fail\n"
    );
    assert_eq!(
        ok(&[
            "judge",
            "9.8 ± 0.3",
            "≤10 mg/kg",
            "--rule",
            "guarded-rejection",
            "--guard-band",
            "1.5"
        ]),
        "pass\n"
    );
    assert_eq!(
        ok(&[
            "judge",
            "10.2 ± 0.3",
            "≤10 mg/kg",
            "--uncertainty",
            "0.30",
            "--rule",
            "non-binary"
        ]),
        "conditional-fail\n"
    );
    assert_eq!(
        ok(&["judge", "9.9", "≤10 mg/kg", "--rule", "simple"]),
        "pass\n"
    );
    let v: serde_json::Value = serde_json::from_str(&ok(&[
        "judge",
        "9.8",
        "≤10 mg/kg",
        "--uncertainty",
        "0.3",
        "--k",
        "2",
        "--rule",
        "non-binary",
        "--guard-band",
        "0.83",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(v["rule"]["kind"], "non-binary");
    assert_eq!(v["rule"]["r"], "0.83");
    assert_eq!(v["uncertainty"], "0.3");
    assert_eq!(v["coverage-factor"], "2");
    assert_eq!(v["guard-band"], "0.249");
    assert_eq!(v["acceptance"]["upper"]["value"], "9.751");
    assert_eq!(v["non-rejection"]["upper"]["value"], "10.249");
    assert_eq!(v["outcome"], "conditional-pass");
}

#[test]
fn judge_refuses_contradictory_or_malformed_rule_options() {
    assert_eq!(
        bad(&["judge", "9.8 ± 0.3", "≤10", "--uncertainty", "0.4"]),
        "error: value \"9.8 ± 0.3\": its uncertainty 0.3 differs from --uncertainty \"0.4\"\n"
    );
    assert_eq!(
        bad(&["judge", "9.8", "≤10", "--rule", "non-binary"]),
        "error: value \"9.8\": the decision rule \"non-binary (r = 1)\" needs the expanded uncertainty U of the value (write \"9.8 ± U\")\n"
    );
    assert!(bad(&["judge", "9.8", "≤10", "--uncertainty", "abc"]).contains("\"abc\""));
    assert!(bad(&["judge", "9.8", "≤10", "--uncertainty", "-0.1"]).contains("\"-0.1\""));
    assert!(bad(&["judge", "9.8 ± 0.1", "≤10", "--k", "0"]).contains("\"0\""));
    assert!(bad(&["judge", "9.8", "≤10", "--rule", "strict"]).contains("\"strict\""));
    assert!(bad(&[
        "judge",
        "9.8 ± 0.1",
        "≤10",
        "--rule",
        "non-binary",
        "--guard-band",
        "-1"
    ])
    .contains("\"-1\""));
    assert!(bad(&["judge", "9.8 ± 0.1", "≤10", "--guard-band", "2"]).contains("\"2\""));
}

#[test]
fn judge_converts_the_value_into_the_limit_unit() {
    assert_eq!(ok(&["judge", "4800 mL", "≤ 5.0 L"]), "pass\n");
    assert_eq!(ok(&["judge", "104.1 °F", "≤ 40 °C"]), "fail\n");
    let err = bad(&["judge", "5 kg", "≤ 5 mm"]);
    assert!(err.contains("(mass)") && err.contains("(length)"), "{err}");
}

#[test]
fn convert_prints_the_number_alone() {
    assert_eq!(ok(&["convert", "1", "in", "mm"]), "25.4\n");
    assert_eq!(ok(&["convert", "2", "K", "°F", "--difference"]), "3.6\n");
    assert_eq!(ok(&["convert", "20", "°C", "°F"]), "68\n");
    assert_eq!(ok(&["convert", "-40", "°C", "°F"]), "-40\n");
    assert_eq!(ok(&["convert", "1", "kW·h", "MJ"]), "3.6\n");
    assert_eq!(
        bad(&["convert", "1", "inn", "mm"]),
        "error: unit \"inn\": unknown unit, did you mean \"in\"?\n"
    );
    assert_eq!(
        bad(&["convert", "1", "kg", "mm"]),
        "error: cannot convert \"kg\" (mass) to \"mm\" (length)\n"
    );
}

#[test]
fn units_lists_the_table() {
    let text = ok(&["units"]);
    assert!(
        text.lines()
            .any(|l| l.starts_with("mm ") && l.contains("毫米")),
        "{text}"
    );
    let v: serde_json::Value = serde_json::from_str(&ok(&["units", "--format", "json"])).unwrap();
    let rows = v.as_array().unwrap();
    assert!(rows.len() > 60);
    let inch = rows.iter().find(|r| r["symbol"] == "in").unwrap();
    assert_eq!(inch["factor"], "0.0254");
    assert_eq!(inch["dimension"], "length");
}

#[test]
fn code_prints_the_canonical_form() {
    assert_eq!(ok(&["code", "GB/T8170—2008"]), "GB/T 8170-2008\n");
    assert_eq!(
        ok(&["code", "IEC 60335-2-84:2005"]),
        "IEC 60335-2-84:2005\n"
    );
    let v: serde_json::Value = serde_json::from_str(&ok(&[
        "code",
        "GB/T 19001-2016/ISO 9001:2015",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(v["canonical"], "GB/T 19001-2016/ISO 9001:2015");
    assert_eq!(v["level"], "national");
    assert_eq!(v["year"], 2016);
    assert_eq!(v["adopted"]["level"], "international");
    let err = bad(&["code", "hello world"]);
    assert!(err.contains("\"hello world\""), "{err}");
}

#[test]
fn demo_names_each_class_in_english_and_chinese() {
    let out = ok(&["demo"]);
    for line in [
        "ZT-101   leader   领跑",
        "ZT-103   follower 跟跑",
        "ZT-105   gap      差距",
    ] {
        assert!(out.contains(line), "{line}\n{out}");
    }
    assert!(
        out.contains("2 leader 领跑 · 2 follower 跟跑 · 4 gap 差距"),
        "{out}"
    );
}

/// Every line of the README's abbreviated demo output is a line of the demo's output.
#[test]
fn readme_demo_excerpt_matches_the_demo() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("The demo, abbreviated:")
        .expect("the README shows the demo");
    let block = &readme[start..];
    let block = &block[block.find("```text\n").unwrap() + 8..];
    let block = &block[..block.find("```").unwrap()];
    let out = ok(&["demo"]);
    let lines: Vec<&str> = out.lines().collect();
    let mut shown = 0;
    for line in block.lines().filter(|l| l.trim() != "...") {
        assert!(
            lines.contains(&line),
            "README line not in the demo: {line:?}\n{out}"
        );
        shown += 1;
    }
    assert!(shown >= 8, "{block}");
}

/// The demo says which of its limits are quoted from a standard and which are illustrative.
#[test]
fn demo_marks_its_illustrative_limits() {
    let out = ok(&["demo"]);
    let note = "  (the flush-water grades are quoted from T/CZGX 001-2022; \
                the other limits are illustrative: docs/examples.md)\n";
    assert!(out.contains(note), "{out}");
}

#[test]
fn evaluate_streams_one_verdict_per_product() {
    let plan = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/plans/smart-toilet.toml"
    );
    let products = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/demo/products.csv");
    let csv = ok(&["evaluate", plan, "--products", products, "--format", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("product,class,decided-by,exceeding-weight,core-weight,flush-water,flush-water.margin,standby-power,standby-power.margin,water-temperature,water-temperature.margin,leakage-current,leakage-current.margin,error")
    );
    assert_eq!(
        lines.next(),
        Some("ZT-101,leader,flush-water standby-power,3,4,exceeds,0.5,exceeds,0.55,meets,2.8,exceeds,0.45,")
    );
    assert_eq!(csv.lines().count(), 9);
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "evaluate",
        plan,
        "--products",
        products,
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json.as_array().unwrap().len(), 8);
    assert_eq!(json[4]["class"], "gap");
    assert_eq!(json[4]["indicators"][0]["margin"]["value"], "-0.3");
    // A bad row is reported in its place; the others still evaluate; exit 1.
    let dir = std::env::temp_dir().join(format!("duibiao-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad_products = dir.join("bad.csv");
    std::fs::write(&bad_products, "id,flush-water,standby-power,water-temperature,leakage-current\nA,3.5,0.5,38,0.3\nB,3 kg,0.5,38,0.3\nC,4.5,0.5,38,0.3\n").unwrap();
    let out = run(&[
        "evaluate",
        plan,
        "--products",
        bad_products.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(out.contains("error: line 3: product \"B\": indicator \"flush-water\": value \"3 kg\": cannot convert \"kg\" (mass) to \"L\" (volume)"), "{out}");
    assert!(
        out.contains("1 leader 领跑 · 0 follower 跟跑 · 1 gap 差距 · 1 unreadable"),
        "{out}"
    );
}

#[test]
fn the_fast_path_prints_exactly_what_the_exact_path_prints() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut cases: Vec<(String, String)> = [
        "smart-toilet",
        "room-air-conditioner",
        "steel-and-caustic-soda",
    ]
    .iter()
    .map(|n| {
        (
            format!("{root}/examples/plans/{n}.toml"),
            format!("{root}/examples/plans/{n}.products.csv"),
        )
    })
    .collect();
    cases.push((
        format!("{root}/examples/plans/smart-toilet.toml"),
        format!("{root}/examples/demo/products.csv"),
    ));
    cases.push((
        format!("{root}/benches/workload/plan.toml"),
        format!("{root}/tests/data/workload-2000.csv"),
    ));
    for (plan, products) in &cases {
        for format in ["csv", "table"] {
            let fast = ok(&["evaluate", plan, "--products", products, "--format", format]);
            let exact = ok(&[
                "evaluate",
                plan,
                "--products",
                products,
                "--format",
                format,
                "--exact",
            ]);
            assert!(fast == exact, "{products} as {format} differs");
        }
    }
}

#[test]
fn compare_judges_the_subject_standard() {
    let plan = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/plans/smart-toilet.toml"
    );
    // Every requirement is stricter than the level, but the class is decided as for any
    // standard (`rank --standards`): ≤ 3.8 L is within the 0.2 L tolerance of ≤ 4.0 L and
    // 38 ± 2 °C cannot exceed a nominal without a tolerance, so one core weight of three
    // exceeds: a follower.
    let out = ok(&["compare", plan]);
    assert!(out.starts_with("Q/ABC 001-2024: follower 跟跑"), "{out}");
    let v: serde_json::Value =
        serde_json::from_str(&ok(&["compare", plan, "--format", "json"])).unwrap();
    assert_eq!(v["indicators"][0]["outcome"], "stricter");
    assert_eq!(v["indicators"][0]["judged"], "meets");
    assert_eq!(v["indicators"][1]["judged"], "exceeds");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn arbitrary_arguments_never_panic(value in "\\PC{0,12}", limit in "\\PC{0,16}") {
        let out = run(&["judge", &value, &limit]);
        let code = out.status.code();
        prop_assert!(code == Some(0) || code == Some(2), "{:?} {:?}: {:?}", value, limit, out);
        let out = run(&["round", &value, "--interval", &limit]);
        let code = out.status.code();
        prop_assert!(code == Some(0) || code == Some(2), "{:?} {:?}: {:?}", value, limit, out);
    }
}

#[test]
fn schema_prints_the_committed_schema() {
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/schema/plan-v1.schema.json"
    ))
    .unwrap();
    assert_eq!(ok(&["schema"]), committed);
    assert_eq!(ok(&["schema", "--plan"]), committed);
    for (flag, file) in [
        ("--verdict", "verdict-v1"),
        ("--standard-verdict", "standard-verdict-v1"),
        ("--ranking", "ranking-v1"),
        ("--report", "report-v1"),
    ] {
        let committed = std::fs::read_to_string(format!(
            "{}/docs/schema/{file}.schema.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        assert_eq!(ok(&["schema", flag]), committed, "{flag}");
    }
    // One schema at a time.
    let out = common::duibiao()
        .args(["schema", "--verdict", "--ranking"])
        .output()
        .unwrap();
    assert!(!out.status.success());
}

#[test]
fn rank_prints_the_ranking_with_leaders_and_the_unranked() {
    let plan = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/plans/room-air-conditioner.toml"
    );
    let products = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/plans/room-air-conditioner.products.csv"
    );
    let table = ok(&["rank", plan, "--products", products]);
    assert!(table.starts_with("rank  id"), "{table}");
    assert!(
        table.contains("24 ranked · 3 leaders 领跑者 · 12 not ranked"),
        "{table}"
    );
    // --top replaces the plan's cap; --share combines with it (the smaller wins).
    let csv = ok(&[
        "rank",
        plan,
        "--products",
        products,
        "--top",
        "1",
        "--format",
        "csv",
    ]);
    assert_eq!(
        csv.lines().take(3).collect::<Vec<_>>(),
        [
            "rank,id,score,exceeding,class,leader,ineligible-because",
            "1,AC-028,146.88,2,leader,true,",
            "2,AC-027,141.98,2,leader,false,"
        ]
    );
    let json = ok(&[
        "rank",
        plan,
        "--products",
        products,
        "--share",
        "10%",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["leader-count"], 3);
    assert!(bad(&["rank", plan, "--products", products, "--share", "2"])
        .contains("a share is above 0 and at most 1"));
    assert!(
        ok(&["rank", plan, "--products", products, "--format", "md"]).starts_with("| rank 名次 |")
    );
}

#[test]
fn report_writes_markdown_csv_and_json() {
    let plan = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/plans/smart-toilet.toml"
    );
    let products = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/plans/smart-toilet.products.csv"
    );
    let md = ok(&["report", plan, "--products", products, "--lang", "en"]);
    assert!(
        md.starts_with("# Benchmarking report: smart toilet\n"),
        "{md}"
    );
    let csv = ok(&["report", plan, "--products", products, "--format", "csv"]);
    assert_eq!(csv.lines().count(), 1 + 36 * 4);
    let json = ok(&["report", plan, "--products", products, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["summary"]["gaps"], 14);
    let out = std::env::temp_dir().join(format!("duibiao-report-{}.md", std::process::id()));
    let written = ok(&[
        "report",
        plan,
        "--products",
        products,
        "--lang",
        "zh",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(written, "");
    let text = std::fs::read_to_string(&out).unwrap();
    std::fs::remove_file(&out).unwrap();
    assert!(text.starts_with("# 对标报告: 智能坐便器\n"));
    assert_eq!(
        bad(&["report", plan, "--products", products, "--lang", "fr"]),
        "error: language \"fr\": expected \"zh\", \"en\" or \"both\"\n"
    );
}

#[test]
fn rank_and_report_leave_out_a_bad_row_and_go_on() {
    let plan = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/plans/smart-toilet.toml"
    );
    let dir = std::env::temp_dir().join(format!("duibiao-rank-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let products = dir.join("bad.csv");
    std::fs::write(&products, "id,flush-water,standby-power,water-temperature,leakage-current\nA,3.5,0.5,38,0.3\nB,3 kg,0.5,38,0.3\nC,3.7,0.5,38,0.3\n").unwrap();
    for args in [
        vec!["rank", plan, "--products", products.to_str().unwrap()],
        vec!["report", plan, "--products", products.to_str().unwrap()],
    ] {
        let out = run(&args);
        // Some rows failed: exit 1, with the answer for the others.
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains("line 3: product \"B\": indicator \"flush-water\": value \"3 kg\""),
            "{err}"
        );
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains('A') && text.contains('C'));
    }
}

#[test]
fn validate_checks_the_ranking_policy_too() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/plans/smart-toilet.toml"
    ))
    .unwrap();
    let text = text.replacen(
        "[policy.ranking.leaders]",
        "[policy.ranking]\nmargin-cap = \"0\"\n\n[policy.ranking.leaders]",
        1,
    );
    let dir = std::env::temp_dir().join(format!("duibiao-validate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("plan.toml");
    std::fs::write(&path, text).unwrap();
    let out = run(&["validate", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.ends_with("error: policy.ranking: margin-cap \"0\": the cap must be above 0\n"),
        "{err}"
    );
}

#[test]
fn evaluate_warns_about_columns_that_name_no_indicator() {
    let plan = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/plans/smart-toilet.toml"
    );
    let dir = std::env::temp_dir().join(format!("duibiao-columns-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let products = dir.join("p.csv");
    std::fs::write(
        &products,
        "id,flush_water,standby-power,water-temperature,leakage-current\nA,3.5,0.5,38,0.3\n",
    )
    .unwrap();
    let out = run(&["evaluate", plan, "--products", products.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("column \"flush_water\" names no indicator of the plan: ignored"),
        "{err}"
    );
}

#[test]
fn rank_ranks_enterprise_standards_too() {
    let root = env!("CARGO_MANIFEST_DIR");
    let plan = format!("{root}/examples/plans/smart-toilet.toml");
    let standards = format!("{root}/examples/plans/smart-toilet.standards.csv");
    let out = ok(&["rank", &plan, "--standards", &standards, "--format", "csv"]);
    assert!(
        out.lines().nth(1).unwrap().contains("Q/DEF 002-2023"),
        "{out}"
    );
}

/// Messages follow `--lang`, else the locale (issue 13): Chinese for a zh locale, both side by
/// side with `--lang both`, English otherwise.
#[test]
fn messages_follow_lang_or_the_locale() {
    let run = |args: &[&str], locale: Option<&str>| {
        let mut cmd = common::duibiao();
        cmd.args(args)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES");
        match locale {
            Some(l) => cmd.env("LANG", l),
            None => cmd.env_remove("LANG"),
        };
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8(out.stderr).unwrap()
    };
    let en = "error: limit \"≥ abc\": expected a number after \"≥\", found \"abc\"\n";
    let zh = "error: 限值 \"≥ abc\"：\"≥\" 之后应为数字，却是 \"abc\"\n";
    assert_eq!(run(&["judge", "5", "≥ abc"], None), en);
    assert_eq!(run(&["judge", "5", "≥ abc"], Some("en_US.UTF-8")), en);
    assert_eq!(run(&["judge", "5", "≥ abc"], Some("zh_CN.UTF-8")), zh);
    assert_eq!(run(&["--lang", "zh", "judge", "5", "≥ abc"], None), zh);
    assert_eq!(
        run(
            &["judge", "5", "≥ abc", "--lang", "en"],
            Some("zh_CN.UTF-8")
        ),
        en
    );
    assert_eq!(
        run(&["judge", "5", "≥ abc", "--lang", "both"], None),
        format!("{} — {}", zh.trim_end(), en.trim_start_matches("error: "))
    );
    // A plan's faults too, with their line.
    let plan = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/findings/qual_with_num_req.toml"
    );
    let faults = run(&["validate", plan, "--lang", "zh"], None);
    assert_eq!(
        faults.lines().next().unwrap(),
        format!("{plan}: 错误：第 19 行第 34 列：indicators[0].requirements.\"GB/T 1-2000\"：定性指标上的限值 \"≥ 4\"：其值为 \"pass\" 或 \"fail\"，不能提出要求")
    );
}

/// Every command that takes a plan reads it once: from standard input (`/dev/stdin`, a pipe)
/// and from a process substitution (`<(cat plan.toml)`), with the same output as from the file.
#[cfg(unix)]
#[test]
fn every_command_reads_a_piped_plan_once() {
    use std::io::Write;
    let root = env!("CARGO_MANIFEST_DIR");
    let plan = format!("{root}/examples/plans/smart-toilet.toml");
    let products = format!("{root}/examples/plans/smart-toilet.products.csv");
    let standards = format!("{root}/examples/plans/smart-toilet.standards.csv");
    let text = std::fs::read(&plan).unwrap();
    let commands: [&[&str]; 7] = [
        &["validate", "PLAN"],
        &[
            "evaluate",
            "PLAN",
            "--products",
            &products,
            "--format",
            "csv",
        ],
        &["compare", "PLAN", "--format", "csv"],
        &["rank", "PLAN", "--products", &products, "--format", "csv"],
        &["rank", "PLAN", "--standards", &standards, "--format", "csv"],
        &["report", "PLAN", "--products", &products, "--format", "csv"],
        &["report", "PLAN", "--products", &products, "--format", "md"],
    ];
    for command in commands {
        let with = |p: &str| -> Vec<String> {
            command
                .iter()
                .map(|a| {
                    if *a == "PLAN" {
                        p.to_owned()
                    } else {
                        (*a).to_owned()
                    }
                })
                .collect()
        };
        let from_file = common::duibiao().args(with(&plan)).output().unwrap();
        assert_eq!(from_file.status.code(), Some(0), "{command:?}");
        assert!(!from_file.stdout.is_empty(), "{command:?}");
        // Standard input.
        let mut child = common::duibiao()
            .args(with("/dev/stdin"))
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(&text).unwrap();
        let piped = child.wait_with_output().unwrap();
        assert_eq!(
            piped.status.code(),
            Some(0),
            "{command:?}: {}",
            String::from_utf8_lossy(&piped.stderr)
        );
        assert_eq!(piped.stdout, from_file.stdout, "{command:?}");
        // A process substitution.
        if std::path::Path::new("/bin/bash").exists() {
            let line = format!(
                "{} {}",
                env!("CARGO_BIN_EXE_duibiao"),
                with(&format!("<(cat {plan})")).join(" ")
            );
            let out = common::c_locale(&mut std::process::Command::new("/bin/bash"))
                .args(["-c", &line])
                .output()
                .unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "{line}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert_eq!(out.stdout, from_file.stdout, "{line}");
        }
    }
}

/// The errors `evaluate` writes into its rows follow `--lang` (else the locale): Chinese with
/// `zh`, English with `en`, one cell `Chinese — English` with `both`; in every format.
#[test]
fn evaluate_row_errors_follow_lang() {
    use std::io::Write;
    let root = env!("CARGO_MANIFEST_DIR");
    let plan = format!("{root}/examples/plans/smart-toilet.toml");
    let products = "id,flush-water\nP1,abc\n";
    let run = |args: &[&str], locale: &str| {
        let mut child = common::duibiao()
            .args(["evaluate", &plan, "--products", "-"])
            .args(args)
            .env("LANG", locale)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(products.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8(out.stdout).unwrap()
    };
    let en = "line 2: product \"P1\": indicator \"flush-water\": value \"abc\": expected a number such as \"3.9\", \"4800 mL\" or \"16.5(+)\"";
    let zh = "第 2 行：产品 \"P1\"：指标 \"flush-water\"：数值 \"abc\"：应为数值，如 \"3.9\"、\"4800 mL\" 或 \"16.5(+)\"";
    let csv = |lang: &str, locale: &str| {
        run(&["--format", "csv", "--lang", lang], locale)
            .lines()
            .nth(1)
            .unwrap()
            .to_owned()
    };
    let row = |m: &str| format!("P1,error,,,,,,,,,,,,\"{}\"", m.replace('"', "\"\""));
    assert_eq!(csv("en", "zh_CN.UTF-8"), row(en));
    assert_eq!(csv("zh", "C"), row(zh));
    assert_eq!(csv("both", "C"), row(&format!("{zh} — {en}")));
    // Without --lang, the locale's.
    let locale = run(&["--format", "csv"], "zh_CN.UTF-8");
    assert_eq!(locale.lines().nth(1).unwrap(), row(zh));
    let json = run(&["--format", "json", "--lang", "zh"], "C");
    assert!(
        json.contains(&format!("\"error\":\"{}\"", zh.replace('"', "\\\""))),
        "{json}"
    );
    let table = run(&["--lang", "zh"], "C");
    assert!(table.contains(&format!("error: {zh}\n")), "{table}");
    let md = run(&["--format", "md", "--lang", "both"], "C");
    assert!(
        md.contains(&format!("| P1 | error | 错误 | {zh} — {en} |")),
        "{md}"
    );
}

/// A report is dated by `--date`, else by `SOURCE_DATE_EPOCH`, else today (UTC); the JSON
/// names the plan's version and the crate's.
#[test]
fn a_report_is_dated_and_names_the_versions() {
    let plan = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/plans/smart-toilet.toml"
    );
    let products = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/plans/smart-toilet.products.csv"
    );
    let json = |date: Option<&str>, epoch: Option<&str>| {
        let mut cmd = common::duibiao();
        cmd.args(["report", plan, "--products", products, "--format", "json"]);
        if let Some(d) = date {
            cmd.args(["--date", d]);
        }
        cmd.env_remove("SOURCE_DATE_EPOCH");
        if let Some(e) = epoch {
            cmd.env("SOURCE_DATE_EPOCH", e);
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{date:?} {epoch:?}");
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let v = json(Some("2026-12-01"), Some("0"));
    assert_eq!(v["date"], "2026-12-01");
    assert_eq!(v["version"], "2026-1");
    assert_eq!(v["crate-version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(v["standard-verdict"]["standard"], "Q/ABC 001-2024");
    assert_eq!(json(None, Some("1764633599"))["date"], "2025-12-01");
    let now = || {
        let s = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        duibiao::report::utc_date(i64::try_from(s).unwrap()).unwrap()
    };
    let before = now();
    let today = json(None, None)["date"].as_str().unwrap().to_owned();
    assert!(today == before || today == now(), "{today}");
    assert_eq!(
        bad(&[
            "report",
            plan,
            "--products",
            products,
            "--date",
            "2026-02-30"
        ]),
        "error: date \"2026-02-30\": expected a date written YYYY-MM-DD, such as 2026-12-01\n"
    );
}

/// A command that prints its answer whole (`units --format json`, 190 kB: more than a pipe
/// holds) into a pipe closed early ends with the message and exit status 1, never a panic.
#[test]
fn a_closed_pipe_is_a_message_not_a_panic() {
    let mut child = common::duibiao()
        .args(["units", "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(&mut out, &mut first).unwrap();
    drop(out);
    let done = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(done.stderr).unwrap();
    assert_eq!(done.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("error: writing the output: "),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}
