//! The command line's exact contract: output, exit codes, no panics.

use std::process::{Command, Output};

use proptest::prelude::*;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_duibiao"))
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
fn demo_shows_the_worked_examples() {
    let out = ok(&["demo"]);
    assert!(out.contains("60.25"));
    assert!(out.contains("fail (→ 1300)"));
    assert!(out.contains("pass (→ 97.0)"));
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
}
