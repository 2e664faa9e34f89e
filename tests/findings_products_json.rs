//! Problems 7 and 19 of the December 2026 findings, products JSON: duplicate keys, an empty id
//! and space-padded keys are refused for their entry, never settled silently. The reproducers
//! are copied into `tests/data/findings/`.

mod common;

use duibiao::{product, Limits};

fn data(name: &str) -> String {
    format!("{}/tests/data/findings/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn read(name: &str) -> String {
    std::fs::read_to_string(data(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Each entry: the product's id, or the error's message.
fn entries(text: &str) -> Vec<Result<String, String>> {
    product::read_json(text)
        .unwrap()
        .into_iter()
        .map(|r| r.map(|p| p.id).map_err(|e| e.to_string()))
        .collect()
}

#[test]
fn the_reproducers_are_refused_with_their_message() {
    let cases = [
        (
            "j_dupkey.json",
            r#"products[0]: product "P1": "flush-water" appears twice in values"#,
        ),
        ("j_dupid.json", "products[0]: field \"id\" is given twice"),
        (
            "j_emptyid.json",
            r#"products[0]: product id "": a product needs an id"#,
        ),
        (
            "j_key_ws.json",
            r#"products[0]: product "P1": " flush-water " in values has leading or trailing whitespace: write "flush-water""#,
        ),
    ];
    for (file, message) in cases {
        assert_eq!(entries(&read(file)), [Err(message.to_owned())], "{file}");
    }
}

#[test]
fn duplicates_are_found_whatever_the_values() {
    let text = r#"[
        {"id": "A", "values": {"flush-water": "", "flush-water": "3.5"}},
        {"id": "B", "values": {"flush-water": "3.5", "flush-water": "3.5"}},
        {"id": "C", "values": {"a": "1"}, "values": {"b": "2"}},
        {"values": {"a": "1"}, "id": "D", "id": "D"}
    ]"#;
    assert_eq!(
        entries(text),
        [
            Err(r#"products[0]: product "A": "flush-water" appears twice in values"#.to_owned()),
            Err(r#"products[1]: product "B": "flush-water" appears twice in values"#.to_owned()),
            Err("products[2]: field \"values\" is given twice".to_owned()),
            Err("products[3]: field \"id\" is given twice".to_owned()),
        ]
    );
}

#[test]
fn blank_ids_and_keys_are_refused() {
    let text = "[
        {\"id\": \"   \", \"values\": {}},
        {\"id\": \"\\t\"},
        {\"id\": \"P3\", \"values\": {\"flush-water\\u3000\": \"3.5\"}},
        {\"id\": \"P4\", \"values\": {\"\": \"3.5\"}},
        {\"id\": \"P5\", \"values\": {\" \": \"3.5\"}},
        {\"id\": \"P6\", \"values\": {\"flush-water\": \"3.5\"}}
    ]";
    assert_eq!(
        entries(text),
        [
            Err(r#"products[0]: product id "   ": a product needs an id"#.to_owned()),
            Err("products[1]: product id \"\t\": a product needs an id".to_owned()),
            Err("products[2]: product \"P3\": \"flush-water\u{3000}\" in values has leading or trailing whitespace: write \"flush-water\"".to_owned()),
            Err(r#"products[3]: product "P4": "" in values: a value needs an indicator id"#.to_owned()),
            Err(r#"products[4]: product "P5": " " in values: a value needs an indicator id"#.to_owned()),
            Ok("P6".to_owned()),
        ]
    );
}

/// One bad entry never stops the others, and the old messages are kept.
#[test]
fn each_entry_stands_alone() {
    let text = r#"[
        {"id": "P1", "values": {"flush-water": "3.5", "flush-water": "4.5"}},
        {"id": "P2", "values": {"flush-water": "3.5"}},
        {"id": 1},
        {"id": "P4", "vals": {}},
        7,
        {"id": "P6", "values": {"flush-water": null}},
        {"id": "P7", "values": [1]},
        {"id": "P8"}
    ]"#;
    assert_eq!(
        entries(text),
        [
            Err(r#"products[0]: product "P1": "flush-water" appears twice in values"#.to_owned()),
            Ok("P2".to_owned()),
            Err("products[2]: invalid type: integer `1`, expected a string".to_owned()),
            Err("products[3]: unknown field `vals`, expected `id` or `values`".to_owned()),
            Err(r#"products[4]: invalid type: integer `7`, expected a product such as {"id": "P1", "values": {"flush-water": "3.9 L"}}"#.to_owned()),
            Err("products[5]: invalid type: null, expected a string".to_owned()),
            Err(r#"products[6]: invalid type: sequence, expected an object of values by indicator id such as {"flush-water": "3.9 L"}"#.to_owned()),
            Ok("P8".to_owned()),
        ]
    );
    // The values are read as before, in order, blank texts missing.
    let products =
        product::read_json(r#"[{"id": "P1", "values": {"b": "4.0 L", "a": "  ", "c": "pass"}}]"#)
            .unwrap();
    let p = products[0].as_ref().unwrap();
    assert_eq!(p.values.keys().collect::<Vec<_>>(), ["b", "c"]);
    assert_eq!(p.values["b"].to_string(), "4.0 L");
}

#[test]
fn the_limits_still_hold() {
    // Nesting is measured while the entries are split, before parsing: the reader's own
    // recursion limit is not what refuses it; the entry is refused, the file is not.
    assert_eq!(
        entries(&read("j_deep2.json")),
        [Err(
            "products[0]: tables and arrays nested 202 deep, deeper than 32 (limit `nesting`)"
                .to_owned()
        )]
    );
    // Brackets inside strings do not count.
    let text = format!(
        r#"[{{"id": "{}", "values": {{"a": "1"}}}}]"#,
        "[{".repeat(100)
    );
    assert_eq!(entries(&text), [Ok("[{".repeat(100))]);
    let mut tight = Limits::default();
    tight.nesting = 2;
    assert_eq!(
        entries_with(r#"[{"id": "P1", "values": {}}, {"id": "P2"}]"#, &tight),
        [
            Err(
                "products[0]: tables and arrays nested 3 deep, deeper than 2 (limit `nesting`)"
                    .to_owned()
            ),
            Ok("P2".to_owned())
        ]
    );
    tight = Limits::default();
    tight.id_bytes = 2;
    assert_eq!(
        entries_with(r#"[{"id": "P12"}, {"id": "P1"}]"#, &tight),
        [
            Err(
                r#"products[0]: product id "P12": longer than 2 bytes (limit `id_bytes`)"#
                    .to_owned()
            ),
            Ok("P1".to_owned()),
        ]
    );
    tight = Limits::default();
    tight.products_bytes = 4;
    assert_eq!(
        product::read_json_with("[   ]", &tight)
            .unwrap_err()
            .to_string(),
        "products: 5 bytes, more than the 4 a products file may hold (limit `products_bytes`)"
    );
    // Not an array, and broken text, as before.
    for (text, message) in [
        (
            "{}",
            r#"products: expected a JSON array of products such as [{"id": "P1", "values": {"flush-water": "3.9 L"}}], found an object"#,
        ),
        (
            "\"x\"",
            r#"products: expected a JSON array of products such as [{"id": "P1", "values": {"flush-water": "3.9 L"}}], found a string"#,
        ),
        (
            "3",
            r#"products: expected a JSON array of products such as [{"id": "P1", "values": {"flush-water": "3.9 L"}}], found a number"#,
        ),
        (
            "[",
            "products: line 1, column 2: end of file while parsing a list",
        ),
    ] {
        assert_eq!(
            product::read_json(text).unwrap_err().to_string(),
            message,
            "{text}"
        );
    }
}

fn entries_with(text: &str, limits: &Limits) -> Vec<Result<String, String>> {
    product::read_json_with(text, limits)
        .unwrap()
        .into_iter()
        .map(|r| r.map(|p| p.id).map_err(|e| e.to_string()))
        .collect()
}

/// `evaluate` reports the refused entry as that product's error, in that product's row.
#[test]
fn evaluate_reports_the_entry() {
    let out = common::duibiao()
        .args(["evaluate", &data("prod_plan.toml"), "--products"])
        .arg(data("j_dupkey.json"))
        .args(["--format", "csv"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(
            r#"P1,error,,,,,,"products[0]: product ""P1"": ""flush-water"" appears twice in values""#
        ),
        "{stdout}"
    );
    assert!(!stdout.contains("P1,gap"), "{stdout}");
}
