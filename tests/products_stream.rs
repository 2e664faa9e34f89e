//! Products read as a stream: a JSON array or JSON Lines one entry at a time (the same verdicts
//! and messages as the text API, every entry's fault its own), duplicate ids found with flat
//! memory, standard input and pipes read once, and the exit status of every command that reads
//! products (0 all judged, 1 some rows failed, 2 the file cannot be read as a whole).

mod common;

use std::io::{Read, Write};
use std::process::{Command, Output, Stdio};

use duibiao::product::{self, JsonRows, Place};
use duibiao::stream::{DuplicateIds, Seen, Source};
use duibiao::{Engine, Limits, Plan};

fn path(rel: &str) -> String {
    format!("{}/{rel}", env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

const PLAN: &str = "examples/plans/smart-toilet.toml";
const JSON: &str = "examples/plans/smart-toilet.products.json";
const CSV: &str = "examples/plans/smart-toilet.products.csv";

fn engine() -> Engine {
    Plan::from_toml_str(&read(PLAN)).unwrap().compile().unwrap()
}

/// The example products as JSON Lines: one entry of the array per line.
fn json_lines() -> String {
    let entries: Vec<serde_json::Value> = serde_json::from_str(&read(JSON)).unwrap();
    entries
        .iter()
        .map(|e| format!("{}\n", serde_json::to_string(e).unwrap()))
        .collect()
}

/// Each row: the verdict as JSON, or the error's message.
fn rows<R: Read>(source: Source<R>, engine: &Engine) -> Vec<Result<String, String>> {
    source
        .verdicts(engine)
        .map(|v| {
            v.map(|v| serde_json::to_string(&v).unwrap())
                .map_err(|e| e.to_string())
        })
        .collect()
}

/// A reader that hands over at most a few bytes at a time, so that every entry, string and
/// escape is split across reads.
struct Trickle<'a> {
    bytes: &'a [u8],
    step: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.step = self.step % 7 + 1;
        let n = self.step.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

fn trickle(text: &str) -> Trickle<'_> {
    Trickle {
        bytes: text.as_bytes(),
        step: 0,
    }
}

#[test]
fn a_streamed_json_array_gives_the_verdicts_of_the_text_api_and_of_csv() {
    let engine = engine();
    let text = read(JSON);
    let by_text: Vec<Result<String, String>> = product::read_json(&text)
        .unwrap()
        .into_iter()
        .map(|p| {
            let v = engine.evaluate(&p.unwrap()).unwrap();
            Ok(serde_json::to_string(&v).unwrap())
        })
        .collect();
    assert_eq!(by_text.len(), 36);
    let limits = Limits::default();
    let streamed = rows(
        Source::json(text.as_bytes(), &engine, &limits).unwrap(),
        &engine,
    );
    assert_eq!(streamed, by_text);
    let trickled = rows(
        Source::json(trickle(&text), &engine, &limits).unwrap(),
        &engine,
    );
    assert_eq!(trickled, by_text);
    let csv = read(CSV);
    let from_csv = rows(
        Source::csv(csv.as_bytes(), &engine, &limits).unwrap(),
        &engine,
    );
    assert_eq!(from_csv, by_text);
    // JSON Lines, with a byte order mark, CRLF and blank lines, gives the same verdicts.
    let lines = format!(
        "\u{feff}\r\n{}\n  \n",
        json_lines().replace('\n', "\r\n\r\n")
    );
    let from_lines = rows(
        Source::json_lines(trickle(&lines), &engine, &limits).unwrap(),
        &engine,
    );
    assert_eq!(from_lines, by_text);
    // The summaries are the verdicts' summaries.
    let summaries: Vec<_> = Source::json(text.as_bytes(), &engine, &limits)
        .unwrap()
        .summaries(&engine)
        .map(Result::unwrap)
        .collect();
    let classes: Vec<_> = summaries.iter().map(|s| s.class.as_str()).collect();
    let expected: Vec<_> = by_text
        .iter()
        .map(|v| {
            let v: serde_json::Value = serde_json::from_str(v.as_ref().unwrap()).unwrap();
            v["class"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(classes, expected);
}

/// Each entry: its place, its product id (when readable) and its product id or message.
type Entry = (Option<Place>, Option<String>, Result<String, String>);

fn entries<R: Read>(mut rows: JsonRows<R>) -> (Vec<Entry>, bool) {
    let mut out = Vec::new();
    while let Some(item) = rows.next() {
        out.push((
            rows.place(),
            rows.product_id().map(str::to_owned),
            item.map(|p| p.id).map_err(|e| e.to_string()),
        ));
    }
    (out, rows.stopped())
}

#[test]
fn each_entry_stands_alone_and_names_its_place_and_product() {
    let text = "[\n  {\"id\": \"P1\", \"values\": {\"a\": \"3.5\"}},\n  {\"id\": \"P2\", \"values\": {\"a\": 3.5}},\n  {\"id\": \"P3\", \"values\": {\"a\": \"1\",}},\n  {\"id\": \"P4\", \"values\": {\"a\": \"x\"}},\n  {\"id\": \"P5\"} {\"id\": \"P6\"},\n  {\"id\": \"P7\", \"id\": \"P7\"},\n  ,\n  {\"id\": \"[{\\\"\\\\\", \"values\": {}}\n]\n";
    let (got, stopped) = entries(JsonRows::array(trickle(text), &Limits::default()).unwrap());
    assert!(!stopped);
    let e = |i: usize| Some(Place::Entry(i));
    let id = |s: &str| Some(s.to_owned());
    assert_eq!(
        got,
        [
            (e(0), id("P1"), Ok("P1".to_owned())),
            (
                e(1),
                id("P2"),
                Err("products[1]: invalid type: floating point `3.5`, expected a string".to_owned())
            ),
            (
                e(2),
                None,
                Err("products[2]: line 4, column 36: trailing comma".to_owned())
            ),
            (
                e(3),
                id("P4"),
                Err(r#"products[3]: product "P4": indicator "a": value "x": expected a number such as "3.9", "4800 mL" or "16.5(+)""#.to_owned())
            ),
            (
                e(4),
                None,
                Err(r#"products[4]: line 6, column 16: "{"id": "P6"": trailing characters"#.to_owned())
            ),
            (e(5), None, Err("products[5]: field \"id\" is given twice".to_owned())),
            (
                e(6),
                None,
                Err(r#"products[6]: line 8, column 3: ",": expected a product such as {"id": "P1", "values": {"flush-water": "3.9 L"}}"#.to_owned())
            ),
            (e(7), id("[{\"\\"), Ok("[{\"\\".to_owned())),
        ]
    );
    // The text API reads the same entries with the same messages.
    let by_text: Vec<_> = product::read_json(text)
        .unwrap()
        .into_iter()
        .map(|r| r.map(|p| p.id).map_err(|e| e.to_string()))
        .collect();
    let streamed: Vec<_> = got.into_iter().map(|(_, _, r)| r).collect();
    assert_eq!(by_text, streamed);
}

#[test]
fn json_lines_are_placed_by_line() {
    let text = "{\"id\": \"P1\", \"values\": {\"a\": \"3.5\"}}\n\n{\"id\": \"P2\", \"values\": {\"a\": \"x\"}}\n{\"id\": \"P3\", \"values\": {\"a\": \"1\"}\n7\r\n   \n{\"id\": \"P6\"}";
    let (got, stopped) = entries(JsonRows::lines(text.as_bytes(), &Limits::default()).unwrap());
    assert!(!stopped);
    let l = |n: u64| Some(Place::Line(n));
    assert_eq!(
        got,
        [
            (l(1), Some("P1".to_owned()), Ok("P1".to_owned())),
            (
                l(3),
                Some("P2".to_owned()),
                Err(r#"line 3: product "P2": indicator "a": value "x": expected a number such as "3.9", "4800 mL" or "16.5(+)""#.to_owned())
            ),
            (
                l(4),
                None,
                Err("line 4, column 33: end of file while parsing an object".to_owned())
            ),
            (
                l(5),
                None,
                Err(r#"line 5: invalid type: integer `7`, expected a product such as {"id": "P1", "values": {"flush-water": "3.9 L"}}"#.to_owned())
            ),
            (l(7), Some("P6".to_owned()), Ok("P6".to_owned())),
        ]
    );
}

#[test]
fn an_entry_beyond_the_limits_is_refused_alone() {
    let mut limits = Limits::default();
    limits.row_bytes = 64;
    limits.nesting = 3;
    let long = "x".repeat(100);
    let text = format!(
        "[{{\"id\": \"P1\"}}, {{\"id\": \"{long}\"}}, {{\"id\": \"P3\", \"values\": {{\"a\": \"1\"}}}}, [[[[1]]]], {{\"id\": \"P5\"}}]"
    );
    let (got, stopped) = entries(JsonRows::array(trickle(&text), &limits).unwrap());
    assert!(!stopped);
    let messages: Vec<_> = got.into_iter().map(|(_, _, r)| r).collect();
    assert_eq!(
        messages,
        [
            Ok("P1".to_owned()),
            Err("products[1]: an entry longer than 64 bytes (limit `row_bytes`)".to_owned()),
            Ok("P3".to_owned()),
            Err(
                "products[3]: tables and arrays nested 5 deep, deeper than 3 (limit `nesting`)"
                    .to_owned()
            ),
            Ok("P5".to_owned()),
        ]
    );
    let lines = format!("{{\"id\": \"P1\"}}\n{{\"id\": \"{long}\"}}\n{{\"id\": \"P3\"}}\n");
    let (got, _) = entries(JsonRows::lines(lines.as_bytes(), &limits).unwrap());
    let messages: Vec<_> = got.into_iter().map(|(_, _, r)| r).collect();
    assert_eq!(
        messages,
        [
            Ok("P1".to_owned()),
            Err("line 2: a line longer than 64 bytes (limit `row_bytes`)".to_owned()),
            Ok("P3".to_owned()),
        ]
    );
    // A million brackets deep, or a 20 MB entry: counted while scanning, never parsed.
    let deep = format!(
        "[{}{}, {{\"id\": \"P2\"}}]",
        "[".repeat(1 << 17),
        "]".repeat(1 << 17)
    );
    let (got, _) = entries(JsonRows::array(deep.as_bytes(), &Limits::default()).unwrap());
    assert_eq!(
        got[0].2,
        Err(
            "products[0]: tables and arrays nested 131073 deep, deeper than 32 (limit `nesting`)"
                .to_owned()
        )
    );
    assert_eq!(got[1].2, Ok("P2".to_owned()));
    let big = format!(
        "[{{\"id\": \"{}\"}}, {{\"id\": \"P2\"}}]",
        "x".repeat(20 << 20)
    );
    let (got, _) = entries(JsonRows::array(big.as_bytes(), &Limits::default()).unwrap());
    assert_eq!(
        got[0].2,
        Err("products[0]: an entry longer than 1048576 bytes (limit `row_bytes`)".to_owned())
    );
    assert_eq!(got[1].2, Ok("P2".to_owned()));
}

#[test]
fn faults_of_the_file_stop_the_stream_and_refuse_the_text() {
    let limits = Limits::default();
    for (text, message) in [
        (
            "[{\"id\": \"P1\"},\n",
            "products: line 2, column 1: end of file while parsing a list",
        ),
        (
            "[{\"id\": \"P1\"}, {\"id\": \"P2",
            "products: line 1, column 26: end of file while parsing a string",
        ),
        (
            "[{\"id\": \"P1\"}] [{\"id\": \"P2\"}]",
            "products: line 1, column 16: text after the end of the array",
        ),
        (
            "[{\"id\": \"P1\"},\n]",
            r#"products: line 2, column 1: trailing comma: remove the "," before "]""#,
        ),
    ] {
        let (got, stopped) = entries(JsonRows::array(text.as_bytes(), &limits).unwrap());
        assert!(stopped, "{text}");
        assert_eq!(got[0].2, Ok("P1".to_owned()), "{text}");
        let last = got.last().unwrap();
        assert_eq!(last, &(None, None, Err(message.to_owned())), "{text}");
        assert_eq!(
            product::read_json(text).unwrap_err().to_string(),
            message,
            "{text}"
        );
    }
    // Faults of the start are refused before any entry.
    let array = |text: &str| {
        JsonRows::array(text.as_bytes(), &limits)
            .err()
            .map(|e| e.to_string())
    };
    let example = r#"[{"id": "P1", "values": {"flush-water": "3.9 L"}}]"#;
    assert_eq!(
        array(" \n"),
        Some(format!(
            "products: the file is empty: expected a JSON array of products such as {example}"
        ))
    );
    assert_eq!(
        array("{\"id\": \"P1\"}"),
        Some(format!(
            "products: expected a JSON array of products such as {example}, found an object"
        ))
    );
    assert_eq!(
        array("\n id,flush-water"),
        Some(format!(
            "products: line 2, column 2: \"id\": expected a JSON array of products such as {example}"
        ))
    );
    assert_eq!(array("[]"), None);
    let lines = |text: &str| {
        JsonRows::lines(text.as_bytes(), &limits)
            .err()
            .map(|e| e.to_string())
    };
    assert_eq!(
        lines("\n\n"),
        Some(r#"products: the file is empty: expected one product per line such as {"id": "P1", "values": {"flush-water": "3.9 L"}}"#.to_owned())
    );
    assert_eq!(
        lines("\n[{\"id\": \"P1\"}]"),
        Some("products: line 2, column 1: a JSON array, but JSON Lines holds one product object per line: read the file as a JSON array (.json)".to_owned())
    );
}

#[test]
fn a_byte_order_mark_is_skipped() {
    // Problem 18: the JSON reproducer with a UTF-8 byte order mark.
    let text = read("tests/data/findings/j_bom.json");
    assert!(text.starts_with('\u{feff}'));
    let products = product::read_json(&text).unwrap();
    assert_eq!(products.len(), 1);
    assert_eq!(products[0].as_ref().unwrap().id, "P1");
    // Only at the start: elsewhere it is text that is not JSON.
    let inner = "[\u{feff}{\"id\": \"P1\"}]";
    assert_eq!(
        product::read_json(inner).unwrap()[0]
            .as_ref()
            .unwrap_err()
            .to_string(),
        "products[0]: line 1, column 2: \"\u{feff}{\"id\": \"P1\"\": expected value"
    );
}

#[test]
fn two_ids_or_keys_in_one_entry_are_refused_in_every_form() {
    let engine = Plan::from_toml_str(&read("tests/data/findings/prod_plan.toml"))
        .unwrap()
        .compile()
        .unwrap();
    let limits = Limits::default();
    for (name, message) in [
        ("j_dupid.json", "products[0]: field \"id\" is given twice"),
        (
            "j_dupkey.json",
            r#"products[0]: product "P1": "flush-water" appears twice in values"#,
        ),
    ] {
        let text = read(&format!("tests/data/findings/{name}"));
        assert_eq!(
            rows(
                Source::json(text.as_bytes(), &engine, &limits).unwrap(),
                &engine
            ),
            [Err(message.to_owned())]
        );
        let line = serde_json::to_string(
            &serde_json::from_str::<Vec<&serde_json::value::RawValue>>(&text).unwrap()[0],
        )
        .unwrap();
        let line = format!("\n{line}\n");
        assert_eq!(
            rows(
                Source::json_lines(line.as_bytes(), &engine, &limits).unwrap(),
                &engine
            ),
            [Err(message.replace("products[0]", "line 2"))]
        );
    }
}

#[test]
fn duplicate_ids_are_found_with_both_places() {
    let mut ids = DuplicateIds::new();
    assert_eq!(ids.cap(), 1_500_000);
    assert_eq!(ids.check("ST-001", Place::Entry(0)), Seen::First);
    assert_eq!(ids.check("ST-002", Place::Entry(1)), Seen::First);
    assert_eq!(
        ids.check("ST-001", Place::Entry(5)),
        Seen::Again(Place::Entry(0))
    );
    // 200 000 distinct ids: none is taken for another.
    let mut ids = DuplicateIds::with_cap(200_000);
    for i in 0..200_000u64 {
        assert_eq!(ids.check(&format!("P{i}"), Place::Line(i + 2)), Seen::First);
    }
    assert!(ids.is_full());
    assert_eq!(
        ids.check("P199999", Place::Line(9)),
        Seen::Again(Place::Line(200_001))
    );
}

// The command line.

fn duibiao(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = common::duibiao()
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(bytes) = stdin {
        // Written from another thread: the child reads while it writes its output.
        let mut pipe = child.stdin.take().unwrap();
        let bytes = bytes.to_vec();
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        });
    }
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn products_are_read_from_standard_input_once_in_every_form() {
    let plan = path(PLAN);
    let file = |args: &[&str]| {
        let out = duibiao(args, None);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        text(&out.stdout)
    };
    let commands: [&[&str]; 3] = [
        &["evaluate", &plan, "--format", "csv", "--products"],
        &["rank", &plan, "--format", "csv", "--products"],
        &["report", &plan, "--format", "csv", "--products"],
    ];
    let lines = json_lines();
    for command in commands {
        let csv = path(CSV);
        let expected = file(&[command, &[csv.as_str()]].concat());
        assert!(expected.lines().count() > 36, "{expected}");
        for input in [read(CSV), read(JSON), lines.clone()] {
            for name in ["-", "/dev/stdin"] {
                let args = [command, &[name]].concat();
                let out = duibiao(&args, Some(input.as_bytes()));
                assert_eq!(
                    out.status.code(),
                    Some(0),
                    "{args:?}: {}",
                    text(&out.stderr)
                );
                assert_eq!(text(&out.stdout), expected, "{args:?}");
            }
        }
        // A process substitution: a pipe under a path, read once.
        if std::path::Path::new("/bin/bash").exists() {
            let line = format!(
                "{} {} <(cat {JSON})",
                env!("CARGO_BIN_EXE_duibiao"),
                command.join(" ")
            );
            let out = common::c_locale(&mut Command::new("/bin/bash"))
                .args(["-c", &line])
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(0), "{line}: {}", text(&out.stderr));
            assert_eq!(text(&out.stdout), expected, "{line}");
        }
    }
    // A .jsonl file and a .ndjson file are JSON Lines by their extension.
    let dir = std::env::temp_dir().join(format!("duibiao-stream-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["p.jsonl", "p.ndjson"] {
        let p = dir.join(name);
        std::fs::write(&p, &lines).unwrap();
        let csv = path(CSV);
        assert_eq!(
            file(&[
                "evaluate",
                &plan,
                "--format",
                "csv",
                "--products",
                p.to_str().unwrap()
            ]),
            file(&["evaluate", &plan, "--format", "csv", "--products", &csv])
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn rows_that_fail_keep_their_product_and_exit_1() {
    let plan = path("tests/data/findings/prod_plan.toml");
    let csv = b"id,flush-water\nP1,3.5\nP2,abc\nP3,4.5\n";
    let json = br#"[{"id": "P1", "values": {"flush-water": "3.5"}}, {"id": "P2", "values": {"flush-water": "abc"}}, {"id": "P3", "values": {"flush-water": "4.5"}}]"#;
    for input in [&csv[..], &json[..]] {
        let out = duibiao(
            &["evaluate", &plan, "--products", "-", "--format", "csv"],
            Some(input),
        );
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        let stdout = text(&out.stdout);
        let rows: Vec<&str> = stdout.lines().collect();
        assert_eq!(rows.len(), 4, "{stdout}");
        assert!(rows[1].starts_with("P1,leader,"), "{stdout}");
        assert!(rows[2].starts_with("P2,error,,,,,"), "{stdout}");
        assert!(rows[2].contains(r#"product ""P2"": indicator ""flush-water"": value ""abc"""#));
        assert!(rows[3].starts_with("P3,gap,"), "{stdout}");
        assert_eq!(
            text(&out.stderr),
            "error: -: 1 of 3 products could not be read or judged: their rows say why\n"
        );
        // JSON names the product of the error too.
        let out = duibiao(
            &["evaluate", &plan, "--products", "-", "--format", "json"],
            Some(input),
        );
        assert_eq!(out.status.code(), Some(1));
        let verdicts: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(verdicts[1]["product"], "P2");
        assert!(verdicts[1]["error"].as_str().unwrap().contains("\"abc\""));
        // So does Markdown.
        let out = duibiao(
            &["evaluate", &plan, "--products", "-", "--format", "md"],
            Some(input),
        );
        assert_eq!(out.status.code(), Some(1));
        assert!(
            text(&out.stdout).contains("\n| P2 | error | 错误 | "),
            "{}",
            text(&out.stdout)
        );
        // rank leaves the row out, says so, and exits 1.
        let out = duibiao(&["rank", &plan, "--products", "-"], Some(input));
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        assert!(text(&out.stdout).contains("P1"));
        assert!(text(&out.stderr).contains("(left out)"));
    }
    // An id that cannot be read leaves the product column empty.
    let out = duibiao(
        &["evaluate", &plan, "--products", "-", "--format", "csv"],
        Some(br#"[{"id": 7}]"#),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("\n,error,"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn faults_of_the_file_exit_2_for_every_command() {
    let plan = path("tests/data/findings/prod_plan.toml");
    let cases: [(&[u8], &str); 4] = [
        (
            b"",
            "products: the file is empty: a products file starts with a header such as \"id,flush-water\" (the product id, then one column per indicator id)",
        ),
        (
            b"ID,flush-water\nP1,3.5\n",
            "products: line 1: the first column must be \"id\", found \"ID\": write it in lower case",
        ),
        (
            b"[\n",
            "products: line 2, column 1: end of file while parsing a list",
        ),
        (
            b"[{\"id\": \"P1\"}] x",
            "products: line 1, column 16: text after the end of the array",
        ),
    ];
    for (input, message) in cases {
        for command in ["evaluate", "rank", "report"] {
            let out = duibiao(&[command, &plan, "--products", "-"], Some(input));
            let stderr = text(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{command} {input:?}: {stderr}");
            assert!(stderr.contains(message), "{command} {input:?}: {stderr}");
            assert!(stderr.starts_with("error: -: "), "{command}: {stderr}");
        }
    }
    // An empty JSON file, named by its extension.
    let dir = std::env::temp_dir().join(format!("duibiao-faults-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["empty.json", "empty.jsonl"] {
        let p = dir.join(name);
        std::fs::write(&p, "").unwrap();
        let out = duibiao(
            &["evaluate", &plan, "--products", p.to_str().unwrap()],
            None,
        );
        assert_eq!(out.status.code(), Some(2));
        assert!(text(&out.stderr).contains("products: the file is empty: expected"));
        assert!(out.stdout.is_empty());
    }
    std::fs::remove_dir_all(&dir).unwrap();
    // The array cut short after a product: the rows before it are written, the fault is the
    // last row and on stderr, and the status is 2.
    let out = duibiao(
        &["evaluate", &plan, "--products", "-", "--format", "csv"],
        Some(br#"[{"id": "P1", "values": {"flush-water": "3.5"}}, {"id": "P2", "val"#),
    );
    assert_eq!(out.status.code(), Some(2));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("\nP1,leader,"), "{stdout}");
    assert!(
        stdout.ends_with(
            ",error,,,,,,\"products: line 1, column 67: end of file while parsing a string\"\n"
        ),
        "{stdout}"
    );
    assert_eq!(
        text(&out.stderr),
        "error: -: products: line 1, column 67: end of file while parsing a string (the rows after it were not read)\n"
    );
}

#[test]
fn evaluate_warns_of_ids_read_twice_with_both_places() {
    let plan = path("tests/data/findings/prod_plan.toml");
    let out = duibiao(
        &["evaluate", &plan, "--products", "-", "--format", "csv"],
        Some(b"id,flush-water\nP1,3.5\nP2,3.5\n\"P1\",4.5\n"),
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stderr),
        "warning: -: line 4: product \"P1\" appears twice (line 2 and line 4): both are judged; give each product its own id\n"
    );
    // Both are judged, in input order.
    assert_eq!(text(&out.stdout).lines().count(), 4);
    let out = duibiao(
        &["evaluate", &plan, "--products", "-", "--format", "json"],
        Some(br#"[{"id": "P1"}, {"id": "P2"}, {"id": "P1", "values": {"flush-water": "x"}}]"#),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with(
        "warning: -: products[2]: product \"P1\" appears twice (products[0] and products[2])"
    ));
    // rank refuses them, as before.
    let out = duibiao(
        &["rank", &plan, "--products", "-"],
        Some(b"id,flush-water\nP1,3.5\nP1,4.5\n"),
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}
