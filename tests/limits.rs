//! The bounds on what a plan or a products file may hold (`docs/limits.md`): each is enforced
//! with a message naming it, and hostile sizes are refused quickly.

use std::time::{Duration, Instant};

use duibiao::{product, Limits, Measurement, Plan, Product, Quantity, Unit};

const PLAN: &str = r#"
schema_version = 1
category = { en = "smart toilet" }

[[standards]]
code = "T/CZGX 001-2022"
role = "benchmark"

[[indicators]]
id = "flush-water"
unit = "L"
direction = "lower-is-better"
WEIGHT
requirements = { "T/CZGX 001-2022" = "≤ 4.0 L" }
"#;

fn plan_with(line: &str) -> String {
    PLAN.replace("WEIGHT", line)
}

/// Runs `f`, asserting it is an error within `limit`; returns the message.
#[track_caller]
fn refused_within<T: std::fmt::Debug>(
    limit: Duration,
    f: impl FnOnce() -> Result<T, duibiao::Error>,
) -> String {
    let start = Instant::now();
    let result = f();
    let took = start.elapsed();
    assert!(took < limit, "took {took:?}");
    result.expect_err("refused").to_string()
}

/// A hang detector, not a speed claim (speed is measured in the benches): refusing must not
/// process the input, so it ends long before this even on a busy CI machine.
const QUICK: Duration = Duration::from_secs(30);

#[test]
fn defaults_lie_far_beyond_real_plans() {
    let l = Limits::default();
    assert_eq!(l.plan_bytes, duibiao::plan::MAX_PLAN_BYTES);
    assert_eq!(l.plan_bytes, 4 * 1024 * 1024);
    assert_eq!(l.nesting, 32);
    assert_eq!(l.digits, 256);
    assert_eq!(l.standards, 1_000);
    assert_eq!(l.indicators, 10_000);
    assert_eq!(l.requirements, 1_000);
    assert_eq!(l.grades, 100);
    assert_eq!(l.bands, 100);
    assert_eq!(l.id_bytes, 256);
    assert_eq!(l.text_bytes, 4_096);
    assert_eq!(l.columns, 10_001);
    assert_eq!(l.row_bytes, 1024 * 1024);
    assert_eq!(l.values, 500_000);
    for name in [
        "smart-toilet",
        "room-air-conditioner",
        "steel-and-caustic-soda",
    ] {
        let text = std::fs::read_to_string(format!("examples/plans/{name}.toml")).unwrap();
        let plan = Plan::from_toml_str(&text).unwrap();
        let mut tight = Limits::default();
        tight.standards = 10;
        tight.indicators = 20;
        tight.grades = 10;
        tight.bands = 10;
        tight.requirements = 10;
        tight.id_bytes = 64;
        tight.text_bytes = 256;
        tight.nesting = 9;
        tight.values = 1_000;
        tight.check_plan(&plan).unwrap();
        Plan::from_toml_str_with(&text, &tight).unwrap();
        Plan::from_json_str_with(&plan.to_json_string().unwrap(), &tight).unwrap();
    }
}

#[test]
fn a_100_mb_plan_is_refused_before_it_is_read() {
    let huge = format!("schema_version = 1\n# {}\n", "x".repeat(100 * 1024 * 1024));
    let message = refused_within(QUICK, || Plan::from_toml_str(&huge));
    assert_eq!(
        message,
        "the plan is 104857622 bytes, more than the 4194304 a plan may hold (limit `plan_bytes`)"
    );
    let message = refused_within(QUICK, || Plan::from_json_str(&huge));
    assert!(message.contains("(limit `plan_bytes`)"), "{message}");
}

/// docs/limits.md, `values`: a plan text of millions of tiny values is refused before it is
/// parsed, TOML and JSON, at the place where the count passes the limit; separators inside
/// strings and comments are not values; a program can raise the limit.
#[test]
fn values_are_counted_before_parsing() {
    let many = vec!["1"; 2_000_000].join(",");
    let toml = format!("schema_version = 1\ncategory = {{ en = \"t\", x = [{many}] }}\n");
    let message = refused_within(QUICK, || Plan::from_toml_str(&toml));
    assert_eq!(
        message,
        "line 2, column 1000016: more than 500000 keys, values and array items, the most a plan may hold (limit `values`): a real plan holds a few thousand; a program reading larger plans can raise `Limits::values`"
    );
    let error = Plan::from_toml_str(&toml).unwrap_err();
    assert_eq!(error.kind(), duibiao::ErrorKind::Limit);
    assert_eq!(
        error.message(duibiao::Lang::Zh),
        "第 2 行第 1000016 列：键、值与数组元素多于 500000 个，超过方案可容纳的数量（限额 `values`）：实际方案只有几千个；读取更大方案的程序可提高 `Limits::values`"
    );
    let json =
        format!("{{\"schema_version\": 1, \"category\": {{\"en\": \"t\", \"x\": [{many}]}}}}");
    let message = refused_within(QUICK, || Plan::from_json_str(&json));
    assert!(
        message.starts_with("line 1, column 1000044: more than 500000 keys"),
        "{message}"
    );
    // Raised, the same text reaches the reader, which refuses the unknown field.
    let mut raised = Limits::default();
    raised.values = 3_000_000;
    let message = Plan::from_json_str_with(&json, &raised)
        .unwrap_err()
        .to_string();
    assert!(message.contains("unknown field `x`"), "{message}");

    // Commas, dots and brackets in strings and comments are not counted.
    let mut tight = Limits::default();
    tight.values = 40;
    let noisy = plan_with(&format!(
        "# {}\nkind = \"{}\"\ntest-method = '{}'\nname = {{ en = \"\"\"\n{}\\\"\"\"\n\"\"\" }}",
        ",.[{=".repeat(100),
        ",.[{='\\\"".repeat(100),
        ",.[{=\"".repeat(100),
        ",.[{=\"".repeat(100),
    ));
    Plan::from_toml_str_with(&noisy, &tight).unwrap();
    tight.values = 12;
    let message = Plan::from_toml_str_with(&noisy, &tight)
        .unwrap_err()
        .to_string();
    assert!(message.contains("(limit `values`)"), "{message}");
}

#[test]
fn a_million_digit_number_is_refused_quickly_everywhere() {
    let digits = "9".repeat(1_000_000);
    let m = refused_within(QUICK, || format!("≥ {digits} mm").parse::<duibiao::Limit>());
    assert!(m.ends_with("longer than 256 bytes"), "{m}");
    let m = refused_within(QUICK, || format!("{digits} mm").parse::<Quantity>());
    assert!(m.contains("longer than"), "{m}");
    let m = refused_within(QUICK, || digits.parse::<Measurement>());
    assert!(m.contains("longer than 128 bytes"), "{m}");
    let m = refused_within(QUICK, || digits.parse::<duibiao::Interval>());
    assert!(m.contains("longer than 64 bytes"), "{m}");
    let m = refused_within(QUICK, || digits.parse::<duibiao::ReportedValue>());
    assert!(m.contains("longer than 64 bytes"), "{m}");
    let m = refused_within(QUICK, || Product::new("P1").with("flush-water", &digits));
    assert!(m.contains("longer than 128 bytes"), "{m}");
    let cell = refused_within(QUICK, || {
        let csv = format!("id,flush-water\nP1,{digits}\n");
        let first = product::read_csv(csv.as_bytes()).next().unwrap();
        first
    });
    assert!(cell.contains("longer than 256 bytes"), "{cell}");

    // In a plan: a string, a fraction, a bare TOML integer and a JSON number.
    for line in [
        format!("weight = \"{digits}\""),
        format!("weight = \"0.{digits}\""),
        format!("weight = {digits}"),
    ] {
        let text = plan_with(&line);
        let m = refused_within(QUICK, || Plan::from_toml_str(&text));
        assert!(m.starts_with("line 13, column 1"), "{m}");
        assert!(
            m.ends_with("a run of 1000000 digits, longer than 256 (limit `digits`): no number in a plan has more than 28 significant digits"),
            "{m}"
        );
    }
    let json = format!(
        r#"{{"schema_version": 1, "category": {{"en": "x"}}, "standards": [], "indicators": [{{"id": "a", "direction": "qualitative", "weight": {digits}}}]}}"#
    );
    let m = refused_within(QUICK, || Plan::from_json_str(&json));
    assert!(
        m.ends_with("(limit `digits`): no number in a plan has more than 28 significant digits"),
        "{m}"
    );
    // Just within the run of digits, a long number is still refused by the number's own
    // bounds, with its text shortened in the message.
    let text = plan_with(&format!("weight = \"{}\"", "9".repeat(256)));
    let m = refused_within(QUICK, || Plan::from_toml_str(&text));
    assert_eq!(
        m,
        "line 13, column 10: decimal \"9999999999999999999999999999999999999999…\": longer than 64 bytes"
    );
}

#[test]
fn plan_decimals_are_read_exactly_or_refused() {
    let text = plan_with(r#"weight = "0.12345678901234567890123456789012""#);
    let message = Plan::from_toml_str(&text).unwrap_err().to_string();
    assert_eq!(
        message,
        r#"line 13, column 10: decimal "0.12345678901234567890123456789012": expected a decimal number of at most 28 significant digits, such as "0.5""#
    );
    // Forms plans already use keep working.
    for (line, weight) in [
        (r#"weight = "2""#, "2"),
        ("weight = 1.5", "1.5"),
        ("weight = 3", "3"),
        (r#"weight = "1e1""#, "10"),
    ] {
        let plan = Plan::from_toml_str(&plan_with(line)).unwrap();
        assert_eq!(plan.indicators[0].weight.to_string(), weight, "{line}");
    }
}

#[test]
fn counts_are_bounded_with_a_message_naming_the_limit() {
    let base = Plan::from_toml_str(&plan_with("")).unwrap();
    let tight = |f: fn(&mut Limits)| {
        let mut l = Limits::default();
        f(&mut l);
        l
    };

    let mut plan = base.clone();
    plan.indicators.push(plan.indicators[0].clone());
    let message = tight(|l| l.indicators = 1)
        .check_plan(&plan)
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "plan: indicators: 2 indicators, more than the 1 a plan may hold (limit `indicators`)"
    );

    let mut plan = base.clone();
    plan.standards.push(plan.standards[0].clone());
    let message = tight(|l| l.standards = 1)
        .check_plan(&plan)
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "plan: standards: 2 standards, more than the 1 a plan may hold (limit `standards`)"
    );

    let text = plan_with(
        r#"grades = [{ name = { en = "a" }, limit = "≤ 4.0 L" }, { name = { en = "b" }, limit = "≤ 5.0 L" }]"#,
    );
    let message = Plan::from_toml_str_with(&text, &tight(|l| l.grades = 1))
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "plan: indicators[0].grades: 2 grades, more than the 1 a grade table may hold (limit `grades`)"
    );

    let text = plan_with(
        r#"bands = { by = "flush-water", bands = [{ when = "≤ 1 L", grades = [] }, { when = "> 1 L", grades = [] }] }"#,
    );
    let message = Plan::from_toml_str_with(&text, &tight(|l| l.bands = 1))
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "plan: indicators[0].bands.bands: 2 bands, more than the 1 an indicator may hold (limit `bands`)"
    );

    let message = Plan::from_toml_str_with(&plan_with(""), &tight(|l| l.requirements = 0))
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "plan: indicators[0].requirements: 1 requirements, more than the 0 an indicator may hold (limit `requirements`)"
    );
}

#[test]
fn the_default_counts_hold() {
    // 10 001 indicators in a plan of about 1 MB: refused for the count, quickly.
    let mut text = String::from("schema_version = 1\ncategory = { en = \"x\" }\nstandards = []\n");
    for i in 0..10_001 {
        text.push_str(&format!(
            "[[indicators]]\nid = \"i{i}\"\ndirection = \"qualitative\"\n"
        ));
    }
    let message = refused_within(QUICK, || Plan::from_toml_str(&text));
    assert_eq!(
        message,
        "plan: indicators: 10001 indicators, more than the 10000 a plan may hold (limit `indicators`)"
    );
}

#[test]
fn text_lengths_are_bounded() {
    let long_id = "x".repeat(257);
    let text = plan_with("").replace("\"flush-water\"", &format!("\"{long_id}\""));
    let message = Plan::from_toml_str(&text).unwrap_err().to_string();
    assert_eq!(
        message,
        "plan: indicators[0].id: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…\" is 257 bytes, longer than 256 (limit `id_bytes`)"
    );

    let text = plan_with("").replace("\"smart toilet\"", &format!("\"{}\"", "名".repeat(2_000)));
    let message = Plan::from_toml_str(&text).unwrap_err().to_string();
    assert!(
        message.starts_with("plan: category.en: \"名名名"),
        "{message}"
    );
    assert!(
        message.ends_with("…\" is 6000 bytes, longer than 4096 (limit `text_bytes`)"),
        "{message}"
    );

    let text = plan_with("").replace("≤ 4.0 L", &format!("≤ 4.0{}L", " ".repeat(300)));
    let message = Plan::from_toml_str(&text).unwrap_err().to_string();
    assert!(
        message.starts_with("plan: indicators[0].requirements.\"T/CZGX 001-2022\": \"≤ 4.0   "),
        "{message}"
    );
    assert!(
        message.ends_with("is 308 bytes, longer than 256 (limit `LIMIT_TEXT_BYTES`)"),
        "{message}"
    );
    assert_eq!(Limits::LIMIT_TEXT_BYTES, 256);
    assert_eq!(Limits::NUMBER_TEXT_BYTES, 64);
    assert_eq!(Limits::UNIT_TEXT_BYTES, 100);
    assert_eq!(Limits::UNIT_NESTING, 8);
    assert_eq!(Limits::STANDARD_CODE_CHARS, 200);
    assert_eq!(Limits::VALUE_TEXT_BYTES, 128);
    assert_eq!(Limits::CELL_BYTES, 256);
}

#[test]
fn nesting_is_bounded() {
    let deep = |n: usize| format!("{}1{}", "[".repeat(n), "]".repeat(n));
    let message = Plan::from_toml_str(&format!("schema_version = 1\nx = {}\n", deep(40)))
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "plan: tables and arrays nested 41 deep, deeper than 32 (limit `nesting`)"
    );
    let message = Plan::from_json_str(&format!(r#"{{"schema_version": 1, "x": {}}}"#, deep(40)))
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "plan: tables and arrays nested 41 deep, deeper than 32 (limit `nesting`)"
    );
    // Beyond the readers' own recursion limits: an error, not a stack overflow.
    for n in [1_000, 100_000] {
        assert!(Plan::from_toml_str(&format!("x = {}\n", deep(n))).is_err());
        assert!(Plan::from_json_str(&format!(r#"{{"x": {}}}"#, deep(n))).is_err());
        assert!(product::read_json(&deep(n)).unwrap()[0].is_err());
    }
    // A products entry nested too deep is refused alone.
    let message = product::read_json(&deep(40)).unwrap()[0]
        .as_ref()
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "products[0]: tables and arrays nested 40 deep, deeper than 32 (limit `nesting`)"
    );
    let unit = format!("{}m{}", "(".repeat(9), ")".repeat(9));
    let message = unit.parse::<Unit>().unwrap_err().to_string();
    assert_eq!(
        message,
        r#"unit "(((((((((m)))))))))": parentheses nested too deeply"#
    );
}

#[test]
fn products_files_are_bounded() {
    let mut header = String::from("id");
    for i in 0..10_001 {
        header.push_str(&format!(",c{i}"));
    }
    let csv = format!("{header}\nP1\n");
    let rows: Vec<_> = product::read_csv(csv.as_bytes()).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0].as_ref().unwrap_err().to_string(),
        "products: line 1: 10002 columns, more than the 10001 a products file may hold (limit `columns`)"
    );

    // One endless row stops the reading with an error, after the good rows.
    let csv = format!("id,a\nP1,1\nP2,{}\nP3,1\n", "\"x".repeat(1024 * 1024));
    let rows: Vec<_> = product::read_csv(csv.as_bytes()).collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0].as_ref().unwrap().id, "P1");
    let message = rows[1].as_ref().unwrap_err().to_string();
    assert!(
        message.ends_with("a row longer than 1048576 bytes (limit `row_bytes`)"),
        "{message}"
    );

    // With a small bound, the rows before the long one are still read.
    let mut small = Limits::default();
    small.row_bytes = 12;
    let csv = "id,a\nP1,1\nP2,1\nP3,123456789012345\nP4,1\n";
    let rows: Vec<_> = product::read_csv_with(csv.as_bytes(), &small).collect();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[1].as_ref().unwrap().id, "P2");
    assert!(rows[2]
        .as_ref()
        .unwrap_err()
        .to_string()
        .ends_with("a row longer than 12 bytes (limit `row_bytes`)"));

    let csv = format!("id,a\n{},1\nP2,1\n", "p".repeat(300));
    let rows: Vec<_> = product::read_csv(csv.as_bytes()).collect();
    assert_eq!(
        rows[0].as_ref().unwrap_err().to_string(),
        "line 2: product id \"pppppppppppppppppppppppppppppppppppppppp…\": longer than 256 bytes (limit `id_bytes`)"
    );
    assert_eq!(rows[1].as_ref().unwrap().id, "P2");

    let json = format!(r#"[{{"id": "{}"}}, {{"id": "P2"}}]"#, "p".repeat(300));
    let rows = product::read_json(&json).unwrap();
    assert_eq!(
        rows[0].as_ref().unwrap_err().to_string(),
        "products[0]: product id \"pppppppppppppppppppppppppppppppppppppppp…\": longer than 256 bytes (limit `id_bytes`)"
    );
    assert_eq!(rows[1].as_ref().unwrap().id, "P2");

    let mut small = Limits::default();
    small.products_bytes = 10;
    let message = product::read_json_with(&json, &small)
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "products: 326 bytes, more than the 10 a products file may hold (limit `products_bytes`)"
    );
}
