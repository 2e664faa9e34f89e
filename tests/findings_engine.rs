//! Regression tests for the wrong answers of 0.1.0 found by hostile use
//! (`shared/findings/wrong-answers-2026-12.md`): one verdict however it is asked for. Each test
//! names its problem; the reproducers are in `tests/data/findings/`.

mod common;

use duibiao::verdict::{Class, Outcome};
use duibiao::{Plan, Product};

fn data(name: &str) -> String {
    format!("{}/tests/data/findings/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn engine(name: &str) -> duibiao::Engine {
    let text = std::fs::read_to_string(data(name)).unwrap();
    Plan::from_toml_str(&text).unwrap().compile().unwrap()
}

/// Runs the command line; returns stdout, asserting exit 0.
#[track_caller]
fn cli(args: &[&str]) -> String {
    let out = common::duibiao().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The class of product `id` as each output of `evaluate`, `rank` and `report` gives it.
fn classes_everywhere(plan: &str, products: &str, id: &str) -> Vec<(String, String)> {
    let (plan, products) = (data(plan), data(products));
    let mut out = Vec::new();
    for format in ["csv", "table", "json", "md"] {
        for exact in [false, true] {
            let mut args = vec![
                "evaluate",
                &plan,
                "--products",
                &products,
                "--format",
                format,
            ];
            if exact {
                args.push("--exact");
            }
            let text = cli(&args);
            let class = match format {
                "json" => {
                    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
                    v.as_array()
                        .unwrap()
                        .iter()
                        .find(|v| v["product"] == id)
                        .map(|v| v["class"].as_str().unwrap().to_owned())
                }
                _ => text
                    .lines()
                    .map(|l| l.trim_start_matches('|').trim())
                    .find(|l| l.starts_with(&format!("{id} ")) || l.starts_with(&format!("{id},")))
                    .and_then(|l| {
                        l.split([',', ' ', '|'])
                            .filter(|w| !w.is_empty())
                            .nth(1)
                            .map(str::to_owned)
                    }),
            };
            out.push((
                format!("evaluate {format} exact={exact}"),
                class.unwrap_or_default(),
            ));
        }
    }
    let report = cli(&["report", &plan, "--products", &products, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&report).unwrap();
    let class = v["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .map(|p| p["class"].as_str().unwrap().to_owned());
    out.push(("report json".into(), class.unwrap_or_default()));
    out
}

#[test]
fn problem_1_a_core_indicator_no_benchmark_states_is_not_compared_on_every_path() {
    // `noise` is stated by the subject only (填补空白) and left empty: not compared, never a
    // gap; standby power 0.5 W is 0.5 W inside ≤ 1.0 W: exceeds, so a leader everywhere.
    for products in [
        "fast_exact_notcompared.csv",
        "fast_exact_notcompared.reordered.csv",
        "fast_exact_notcompared.unit.csv",
    ] {
        for (path, class) in classes_everywhere("fast_exact_notcompared.toml", products, "P1") {
            assert_eq!(class, "leader", "{products}: {path}");
        }
    }
    let e = engine("fast_exact_notcompared.toml");
    let p = Product::new("P1").with("standby-power", "0.5").unwrap();
    let v = e.evaluate(&p).unwrap();
    assert_eq!(v.indicators[1].outcome, Outcome::NotCompared);
    assert_eq!(v.class, Class::Leader);
    let fast = e.classifier().unwrap();
    let prepared = fast.prepare(&p).unwrap().unwrap();
    let mut outcomes = Vec::new();
    assert_eq!(fast.outcomes_into(&prepared, &mut outcomes), Class::Leader);
    assert_eq!(outcomes[1].outcome, Outcome::NotCompared);
    // With a value the indicator is still not compared.
    let v = e.evaluate(&p.clone().with("noise", "55").unwrap()).unwrap();
    assert_eq!(
        (v.class, v.indicators[1].outcome),
        (Class::Leader, Outcome::NotCompared)
    );
}

#[test]
fn problem_2_rounded_value_margins_are_in_the_indicators_unit() {
    // ≤ 4000 mL on an L indicator, rounded-value: 3.5 L = 3500 mL rounds (1 mL) to 3500 and
    // conforms; the margin is 0.5 L, a share of 0.125: exceeds.
    let e = engine("rv_unit.toml");
    let v = e
        .evaluate(&Product::new("P1").with("flush-water", "3.5").unwrap())
        .unwrap();
    let i = &v.indicators[0];
    assert_eq!(i.outcome, Outcome::Exceeds);
    assert_eq!(i.compared.unwrap().to_string(), "3.5");
    assert_eq!(i.margin.unwrap().value.to_string(), "0.5");
    assert_eq!(i.margin.unwrap().share.unwrap().to_string(), "0.125");
    assert_eq!(v.class, Class::Leader);
    // 4.0004 L = 4000.4 mL rounds to 4000 mL: conforms, margin 0 L: meets.
    let v = e
        .evaluate(&Product::new("P5").with("flush-water", "4.0004").unwrap())
        .unwrap();
    assert_eq!(v.indicators[0].outcome, Outcome::Meets);
    assert_eq!(v.indicators[0].compared.unwrap().to_string(), "4");
    // The other direction: W indicator, ≤ 4.0 kW; 4200 W rounds (0.1 kW) to 4.2 kW: falls
    // short by 200 W, a share of 0.05.
    let e = engine("rv_unit_w_kw.toml");
    let v = e
        .evaluate(&Product::new("A").with("power", "4200").unwrap())
        .unwrap();
    let i = &v.indicators[0];
    assert_eq!(i.outcome, Outcome::FallsShort);
    assert_eq!(i.margin.unwrap().value.to_string(), "-200");
    assert_eq!(i.margin.unwrap().share.unwrap().to_string(), "-0.05");
    // `rank` scores 3.5 L and 4.0 L differently: 100 + 50 × 0.125 / 0.2 = 131.25, and 100.
    let out = cli(&[
        "rank",
        &data("rv_unit.toml"),
        "--products",
        &data("rv_unit.csv"),
        "--format",
        "csv",
    ]);
    assert!(out.contains(",P1,131.25,"), "{out}");
    assert!(out.contains(",P2,100.00,"), "{out}");
}

#[test]
fn problem_3_rounded_value_grades_round_at_the_grade_limits_written_digit_in_its_unit() {
    // Grades ≤ 4000 mL, ≤ 5000 mL; 4.4 L = 4400 mL > 4000 mL: grade 2, the level's grade:
    // meets, a follower (0.1.0 rounded 4.4 at "1" and called it grade 1, a leader).
    let e = engine("rv_grade_unit.toml");
    let v = e
        .evaluate(&Product::new("P1").with("flush-water", "4.4").unwrap())
        .unwrap();
    let i = &v.indicators[0];
    assert_eq!(i.grade.as_ref().map(|g| g.rank), Some(1));
    assert_eq!(i.outcome, Outcome::Meets);
    assert_eq!(v.class, Class::Follower);
    let v = e
        .evaluate(&Product::new("P2").with("flush-water", "3.9").unwrap())
        .unwrap();
    assert_eq!(v.indicators[0].grade.as_ref().map(|g| g.rank), Some(0));
    assert_eq!(v.class, Class::Leader);
}

#[test]
fn problem_6_a_standard_equal_to_an_open_level_meets_it() {
    let e = engine("std_open.toml");
    let file = std::fs::File::open(data("std_open.csv")).unwrap();
    let verdicts: Vec<_> = e
        .read_standards(file)
        .into_iter()
        .map(|r| {
            let (code, reqs) = r.unwrap();
            e.evaluate_standard(&code, &reqs).unwrap()
        })
        .collect();
    let same = &verdicts[0];
    assert_eq!(same.product, "Q/SAME 1-2024");
    let outcomes: Vec<_> = same.indicators.iter().map(|i| i.outcome).collect();
    assert_eq!(outcomes, [Outcome::Meets, Outcome::Meets]);
    assert_eq!(same.class, Class::Follower);
    // Stricter by 0.1 L and 0.5 %: exceeds on both, a leader.
    assert_eq!(verdicts[1].class, Class::Leader);
    // `compare` of the same requirements as the subject gives the same class.
    let subject = engine("std_open_subject.toml").compare_standards().unwrap();
    assert_eq!(subject.class, Class::Follower);
    let out = cli(&[
        "rank",
        &data("std_open.toml"),
        "--standards",
        &data("std_open.csv"),
    ]);
    assert!(!out.contains("未入榜:"), "{out}");
    assert!(out.contains("2 ranked"), "{out}");
}

#[test]
fn problem_9_a_standard_at_the_edge_of_a_decimal_is_an_error_not_a_panic() {
    // −79228162514264337593543950335 ~ 0 against 1 ~ 79228…: the margin of the lower end does
    // not fit a decimal. An error for that standard, which `rank` leaves out (exit 1: a row
    // failed, the others are ranked).
    let out = common::duibiao()
        .args([
            "rank",
            &data("std_overflow.toml"),
            "--standards",
            &data("std_overflow.csv"),
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("does not fit in 28 significant digits"),
        "{stderr}"
    );
    let e = engine("std_overflow.toml");
    let reqs = [(
        "x".to_owned(),
        "-79228162514264337593543950335 ~ 0".parse().unwrap(),
    )]
    .into_iter()
    .collect();
    let err = e.evaluate_standard("Q/A 1-2024", &reqs).unwrap_err();
    assert_eq!(
        err.to_string(),
        "standard \"Q/A 1-2024\": indicator \"x\": the margin -79228162514264337593543950335 − 1: the result does not fit in 28 significant digits"
    );
}

#[test]
fn problem_16_standards_with_qualitative_and_guarded_indicators_are_ranked() {
    let root = env!("CARGO_MANIFEST_DIR");
    // A qualitative basic indicator: `pass` or `合格` states the requirement (it conforms);
    // an empty cell does not (missing: a gap, so not ranked).
    let rac = format!("{root}/examples/plans/room-air-conditioner.toml");
    let out = cli(&[
        "rank",
        &rac,
        "--standards",
        &data("prod_rac_stds.csv"),
        "--format",
        "csv",
    ]);
    for code in ["Q/B 1-2024", "Q/C 1-2024"] {
        assert!(
            out.contains(&format!("1,{code},132.29,2,leader,true,")),
            "{out}"
        );
    }
    assert!(
        out.contains(",Q/A 1-2024,,,gap,false,refrigerant-leak missing"),
        "{out}"
    );
    // A guarded-acceptance indicator: a requirement is judged as written, with no U. The
    // qualitative photobiological-safety is left empty in the reproducer: missing.
    let led = format!("{root}/examples/plans/led-lamp.toml");
    let out = cli(&[
        "rank",
        &led,
        "--standards",
        &data("prod_led_stds.csv"),
        "--format",
        "csv",
    ]);
    assert!(
        out.contains(",Q/A 1-2024,,,gap,false,photobiological-safety missing"),
        "{out}"
    );
    assert!(!out.contains("standby-power"), "{out}");
}

#[test]
fn problem_16_a_requirement_unbounded_on_the_side_that_matters_falls_short() {
    let e = engine("prod_plan.toml");
    let reqs = [("flush-water".to_owned(), "≥ 1 L".parse().unwrap())]
        .into_iter()
        .collect();
    let v = e.evaluate_standard("Q/E 1-2024", &reqs).unwrap();
    assert_eq!(v.indicators[0].outcome, Outcome::FallsShort);
    assert_eq!(v.class, Class::Gap);
    // A standards file whose id is not a standard number is refused for that row.
    let file = std::fs::File::open(data("prod_stds2.csv")).unwrap();
    let rows = e.read_standards(file);
    let bad = rows
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(|e| e.to_string())
        .find(|e| e.contains("not a code"))
        .unwrap();
    assert!(
        bad.starts_with("standards: line 10: column \"id\": standard number \"not a code\""),
        "{bad}"
    );
}

/// The summaries (fast path where it holds) and the verdicts (exact path) of a products CSV,
/// each row as its class or its error text.
fn both_paths(plan: &str, csv: &str) -> (Vec<String>, Vec<String>) {
    use duibiao::stream::Source;
    let e = engine(plan);
    let limits = duibiao::Limits::default();
    let show = |r: Result<Class, duibiao::Error>| match r {
        Ok(c) => c.to_string(),
        Err(e) => e.to_string(),
    };
    let fast = Source::csv(csv.as_bytes(), &e, &limits)
        .unwrap()
        .summaries(&e)
        .map(|s| show(s.map(|s| s.class)))
        .collect();
    let exact = Source::csv(csv.as_bytes(), &e, &limits)
        .unwrap()
        .verdicts(&e)
        .map(|v| show(v.map(|v| v.class)))
        .collect();
    (fast, exact)
}

#[test]
fn problem_10_the_fast_path_keeps_every_limit_the_exact_path_keeps() {
    // A 257-byte id: refused on both paths (0.1.0 judged it on the fast path).
    let long = "P".repeat(257);
    let (fast, exact) = both_paths(
        "prod_plan.toml",
        &format!("id,flush-water\n{long},3.5\nP2,3.5\n"),
    );
    assert_eq!(fast, exact);
    assert!(
        fast[0].contains("longer than 256 bytes (limit `id_bytes`)"),
        "{fast:?}"
    );
    assert_eq!(fast[1], "leader");
    // A cell of 300 characters that is a plain number: refused as too long on both paths.
    let cell = format!("{}3.5", "0".repeat(297));
    let (fast, exact) = both_paths("prod_plan.toml", &format!("id,flush-water\nP1,{cell}\n"));
    assert_eq!(fast, exact);
    assert!(fast[0].contains("longer than 256 bytes"), "{fast:?}");
    // A row longer than `row_bytes` (1 MiB) stops the reading with the limit named, on both.
    let row = format!("id,flush-water\nP1,3.5\nP2,{}\n", "9".repeat(2 << 20));
    let (fast, exact) = both_paths("prod_plan.toml", &row);
    assert_eq!(fast, exact);
    assert_eq!(fast[0], "leader");
    assert!(fast[1].contains("limit `row_bytes`"), "{fast:?}");
    assert_eq!(fast.len(), 2);
}

#[test]
fn problem_20_rows_are_located_at_their_own_line_after_a_quoted_line_break() {
    // "P\n1" spans lines 2 and 3; P2's bad cell is on line 4.
    let csv = "id,flush-water\n\"P\n1\",3.5\nP2,abc\n";
    let (fast, exact) = both_paths("prod_plan.toml", csv);
    assert_eq!(fast, exact);
    assert!(exact[1].starts_with("line 4: product \"P2\""), "{exact:?}");
}

#[test]
fn problem_5_and_7_columns_naming_no_indicator_are_ignored_and_none_may_appear_twice() {
    let plan = data("prod_plan.toml");
    for format in ["csv", "json", "table", "md"] {
        let out = cli(&[
            "evaluate",
            &plan,
            "--products",
            &data("prod_extra_col_remark.csv"),
            "--format",
            format,
        ]);
        assert!(!out.contains("expected a number"), "{format}: {out}");
        let p1 = out.lines().find(|l| l.contains("P1")).unwrap_or_default();
        assert!(p1.contains("leader"), "{format}: {out}");
    }
    let out = cli(&[
        "rank",
        &plan,
        "--products",
        &data("prod_extra_col_remark.csv"),
        "--format",
        "csv",
    ]);
    assert!(out.contains(",P1,"), "{out}");
    // A column twice: the file is refused, exit 2, whatever the format.
    for format in ["csv", "json"] {
        let out = common::duibiao()
            .args([
                "evaluate",
                &plan,
                "--products",
                &data("prod_dup_cols.csv"),
                "--format",
                format,
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&out.stderr)
                .contains("column \"flush-water\" appears twice (columns 2 and 3)"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn problem_12_products_from_a_pipe_are_read_once() {
    use std::io::Write;
    let text = std::fs::read_to_string(data("prod_extra_col_remark.csv")).unwrap();
    let mut child = common::duibiao()
        .args([
            "evaluate",
            &data("prod_plan.toml"),
            "--products",
            "-",
            "--format",
            "csv",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "product,class,decided-by,exceeding-weight,core-weight,flush-water,flush-water.margin,error\nP1,leader,flush-water,1,1,exceeds,0.5,\nP2,gap,flush-water,0,1,falls-short,-0.2,\n"
    );
}

// Found by red-teaming the 0.2 changes.

#[test]
fn json_products_keys_naming_no_indicator_are_ignored_and_json_reads_from_a_pipe() {
    use std::io::Write;
    let plan = data("prod_plan.toml");
    let out = cli(&[
        "evaluate",
        &plan,
        "--products",
        &data("prod_extra.json"),
        "--format",
        "csv",
    ]);
    assert!(out.contains("\nP1,leader,"), "{out}");
    let text = std::fs::read_to_string(data("prod_extra.json")).unwrap();
    let mut child = common::duibiao()
        .args(["evaluate", &plan, "--products", "-", "--format", "csv"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap();
    assert!(out.contains("\nP1,leader,"), "{out}");
}

#[test]
fn an_indicator_cannot_be_called_id() {
    let plan = Plan::from_toml_str(
        r#"
schema_version = 1
category = { en = "x" }
[[standards]]
code = "GB/T 1-2000"
role = "benchmark"
[[indicators]]
id = "id"
direction = "higher-is-better"
requirements = { "GB/T 1-2000" = "≥ 5" }
"#,
    )
    .unwrap();
    let faults: Vec<String> = plan.check().errors().map(|f| f.to_string()).collect();
    assert_eq!(
        faults,
        ["error: indicators[0].id: indicator id \"id\" is the name of the products file's product-id column: choose another id"]
    );
}

#[test]
fn a_number_longer_than_the_reader_takes_is_refused_on_both_paths() {
    let cell = format!("{}3.5", "0".repeat(70));
    let (fast, exact) = both_paths("prod_plan.toml", &format!("id,flush-water\nZ,{cell}\n"));
    assert_eq!(fast, exact);
    assert!(fast[0].contains("longer than 64 bytes"), "{fast:?}");
}

#[test]
fn a_plan_built_in_code_is_checked_by_every_rule_a_file_is() {
    use duibiao::indicator::Tolerance;
    use duibiao::model::{CheckedIndicator, CheckedPlan};
    use duibiao::plan::Role;
    let base = || {
        CheckedIndicator::new("p", duibiao::Direction::LowerIsBetter)
            .unit("W".parse().unwrap())
            .requirement(
                "GB/T 23131-2019".parse().unwrap(),
                "≤ 0.5 W".parse().unwrap(),
            )
    };
    let plan = |i: CheckedIndicator| {
        CheckedPlan::new(duibiao::Names::en("x"))
            .standard("GB/T 23131-2019".parse().unwrap(), Role::Benchmark)
            .indicator(i)
    };
    // One standard given two requirements (a file's map cannot even hold it).
    let twice = plan(base().requirement(
        "GB/T23131—2019".parse().unwrap(),
        "≤ 1.0 W".parse().unwrap(),
    ));
    let faults: Vec<String> = twice.check().errors().map(|f| f.to_string()).collect();
    assert_eq!(
        faults,
        ["error: indicators[0].requirements[1]: standard \"GB/T 23131-2019\" is stated twice (first as requirements[0])"]
    );
    assert!(twice.compile().is_err());
    // A negative tolerance (a file's text reader refuses it; the check does too).
    let negative = plan(base().tolerance(Tolerance::Absolute("-1".parse().unwrap())));
    let faults: Vec<String> = negative.check().errors().map(|f| f.to_string()).collect();
    assert_eq!(
        faults,
        ["error: indicators[0].tolerance: tolerance \"-1\": a tolerance is never negative"]
    );
}

#[test]
fn a_plan_whose_indicators_leave_no_way_to_lead_is_warned_about() {
    // Core `a` is stated by the benchmark; core `b` and `c` by the subject only: at most 1 of
    // 3 core weight can exceed, below the leader share 0.5.
    let e = engine("nolead.toml");
    assert_eq!(
        e.warnings(),
        ["policy.leader-share: 0.5: no product could ever be a leader: the core indicators that can exceed their level (\"a\") carry a weight of 1 of 3; the other core indicators are not stated by a benchmark, qualitative, nominal-is-best without a tolerance or grades, or graded with the level at the best grade"]
    );
    assert_eq!(e.warnings_in(duibiao::Lang::En), e.warnings());
    assert_eq!(
        e.warnings_in(duibiao::Lang::Zh),
        ["policy.leader-share：0.5：任何产品都不可能成为领跑者：能够优于对标水平的核心指标（\"a\"）的权重合计为 1，核心指标总权重为 3；其余核心指标或无对标依据规定，或为定性指标，或为望目指标（nominal-is-best）而无等效容差或等级，或已分级而对标水平处于最高等级"]
    );
    assert_eq!(
        e.warnings_in(duibiao::Lang::Both),
        [format!(
            "{} — {}",
            e.warnings_in(duibiao::Lang::Zh)[0],
            e.warnings()[0]
        )]
    );
    // By count: two core indicators must exceed, and only "a" can.
    let text = std::fs::read_to_string(data("nolead.toml")).unwrap();
    let by_count = Plan::from_toml_str(&text.replace(
        "category = { en = \"t\" }",
        "category = { en = \"t\" }\npolicy = { leader-min-exceeding = 2 }",
    ))
    .unwrap()
    .compile()
    .unwrap();
    assert_eq!(
        by_count.warnings(),
        ["policy.leader-min-exceeding: 2: no product could ever be a leader: only 1 core indicators can exceed their level (\"a\"); the other core indicators are not stated by a benchmark, qualitative, nominal-is-best without a tolerance or grades, or graded with the level at the best grade"]
    );
    assert_eq!(
        by_count.warnings_in(duibiao::Lang::Zh),
        ["policy.leader-min-exceeding：2：任何产品都不可能成为领跑者：只有 1 个核心指标能够优于对标水平（\"a\"）；其余核心指标或无对标依据规定，或为定性指标，或为望目指标（nominal-is-best）而无等效容差或等级，或已分级而对标水平处于最高等级"]
    );
    let out = common::duibiao()
        .args(["validate", &data("nolead.toml")])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no product could ever be a leader"));
    // The smart toilet plan can lead: no warning.
    let root = env!("CARGO_MANIFEST_DIR");
    let text = std::fs::read_to_string(format!("{root}/examples/plans/smart-toilet.toml")).unwrap();
    assert!(Plan::from_toml_str(&text)
        .unwrap()
        .compile()
        .unwrap()
        .warnings()
        .is_empty());
}
