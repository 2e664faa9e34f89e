//! A products stream judged on several threads gives what the sequential iterators give, row
//! for row: the same verdicts and summaries, the same errors, places, product ids and
//! `stopped`, in input order, whatever the thread count and chunk size; and the command line's
//! output is byte-identical to `--threads 1` in every format.

mod common;

use std::io::{BufRead, Read};
use std::num::NonZeroUsize;
use std::process::Stdio;

use common::duibiao;
use duibiao::stream::{Parallel, Place, Source};
use duibiao::{Engine, Limits, Plan};
use proptest::prelude::*;

fn path(rel: &str) -> String {
    format!("{}/{rel}", env!("CARGO_MANIFEST_DIR"))
}

fn engine(plan: &str) -> Engine {
    let text = std::fs::read_to_string(path(plan)).unwrap();
    Plan::from_toml_str(&text).unwrap().compile().unwrap()
}

/// One row as an iterator yields it: the result (a verdict or summary as JSON, or the error's
/// message), then the place, product id and `stopped` asked right after.
type Row = (Result<String, String>, Option<Place>, Option<String>, bool);

macro_rules! rows_of {
    ($rows:expr) => {{
        let mut rows = $rows;
        let mut out: Vec<Row> = Vec::new();
        while let Some(row) = rows.next() {
            out.push((
                row.map(|v| serde_json::to_string(&v).unwrap())
                    .map_err(|e| e.to_string()),
                rows.place(),
                rows.product_id().map(str::to_owned),
                rows.stopped(),
            ));
        }
        out
    }};
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Csv,
    Json,
    JsonLines,
}

fn open<'a>(
    kind: Kind,
    text: &'a [u8],
    engine: &Engine,
    limits: &Limits,
) -> Result<Source<&'a [u8]>, duibiao::Error> {
    match kind {
        Kind::Csv => Source::csv(text, engine, limits),
        Kind::Json => Source::json(text, engine, limits),
        Kind::JsonLines => Source::json_lines(text, engine, limits),
    }
}

fn source<'a>(kind: Kind, text: &'a [u8], engine: &Engine, limits: &Limits) -> Source<&'a [u8]> {
    open(kind, text, engine, limits).unwrap()
}

/// Checks both paths of `text` on `threads` threads with chunks of `chunk` rows against the
/// sequential iterators; the number of rows read.
fn same_rows(
    kind: Kind,
    text: &[u8],
    engine: &Engine,
    limits: &Limits,
    threads: usize,
    chunk: usize,
) -> usize {
    let parallel = Parallel::new(NonZeroUsize::new(threads).unwrap())
        .chunk_rows(NonZeroUsize::new(chunk).unwrap());
    // A file that is no products file (empty JSON) is refused before any row is judged.
    if open(kind, text, engine, limits).is_err() {
        return 0;
    }
    let sequential = rows_of!(source(kind, text, engine, limits).verdicts(engine));
    let got = rows_of!(source(kind, text, engine, limits).verdicts_parallel(engine, parallel));
    assert_eq!(
        got, sequential,
        "verdicts, {kind:?}, {threads} threads, chunk {chunk}"
    );
    let sequential_summaries = rows_of!(source(kind, text, engine, limits).summaries(engine));
    let got = rows_of!(source(kind, text, engine, limits).summaries_parallel(engine, parallel));
    assert_eq!(
        got, sequential_summaries,
        "summaries, {kind:?}, {threads} threads, chunk {chunk}"
    );
    sequential.len()
}

/// The cells a generated row may hold: plain numbers (the fast path), units and marks (the
/// exact path), empty cells, unreadable values.
const CELLS: &[&str] = &[
    "3.5", "3.2", "4.8", "0.45", "0.6", "38.0", "0.21", "3.2 L", "0.60 W", "37.5 °C", "4200 mL",
    "", "abc", "-1", "1e3", "3.50", "16.5(+)", "≤ 3", "0.18 mA",
];

const COLUMNS: [&str; 4] = [
    "flush-water",
    "standby-power",
    "water-temperature",
    "leakage-current",
];

/// A generated row: an id (some read twice, some empty), four cells, sometimes one too many,
/// sometimes one far too long (a fault that stops the reading).
#[derive(Clone, Debug)]
struct GenRow {
    id: u8,
    cells: [usize; 4],
    extra: bool,
    long: bool,
}

fn gen_row() -> impl Strategy<Value = GenRow> {
    (
        0u8..40,
        prop::array::uniform4(0..CELLS.len()),
        prop::bool::weighted(0.05),
        prop::bool::weighted(0.01),
    )
        .prop_map(|(id, cells, extra, long)| GenRow {
            id,
            cells,
            extra,
            long,
        })
}

fn id_of(row: &GenRow) -> String {
    if row.id == 0 {
        String::new()
    } else {
        format!("ST-{}", row.id)
    }
}

fn csv_text(rows: &[GenRow]) -> Vec<u8> {
    let mut text = format!("id,{}\n", COLUMNS.join(","));
    for row in rows {
        let mut cells: Vec<String> = vec![id_of(row)];
        cells.extend(row.cells.iter().map(|&c| CELLS[c].to_owned()));
        if row.extra {
            cells.push("x".to_owned());
        }
        if row.long {
            cells[1] = "9".repeat(300);
        }
        text.push_str(&cells.join(","));
        text.push('\n');
    }
    text.into_bytes()
}

fn json_entry(row: &GenRow) -> String {
    let mut values = serde_json::Map::new();
    for (column, &c) in COLUMNS.iter().zip(&row.cells) {
        if !CELLS[c].is_empty() {
            values.insert((*column).to_owned(), CELLS[c].into());
        }
    }
    if row.long {
        values.insert("flush-water".to_owned(), "9".repeat(300).into());
    }
    let entry = serde_json::json!({ "id": id_of(row), "values": values });
    if row.extra {
        // Not a product: an entry refused alone.
        format!("{{\"id\": \"{}\", \"values\": 7}}", id_of(row))
    } else {
        entry.to_string()
    }
}

fn json_text(rows: &[GenRow], lines: bool, cut: bool) -> Vec<u8> {
    let entries: Vec<String> = rows.iter().map(json_entry).collect();
    let mut text = if lines {
        entries.iter().map(|e| format!("{e}\n")).collect::<String>()
    } else {
        format!("[{}]", entries.join(",\n"))
    };
    if cut {
        // The file cut short: a fault that stops the reading.
        let keep = text.len() * 2 / 3;
        let mut at = keep;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text.truncate(at);
    }
    text.into_bytes()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn parallel_rows_are_the_sequential_rows(
        rows in prop::collection::vec(gen_row(), 0..160),
        threads in 1usize..=4,
        chunk in 1usize..=9,
        cut in prop::bool::weighted(0.2),
    ) {
        let engine = engine("examples/plans/smart-toilet.toml");
        let mut limits = Limits::default();
        limits.row_bytes = 200;
        same_rows(Kind::Csv, &csv_text(&rows), &engine, &limits, threads, chunk);
        same_rows(Kind::Json, &json_text(&rows, false, cut), &engine, &limits, threads, chunk);
        same_rows(Kind::JsonLines, &json_text(&rows, true, cut), &engine, &limits, threads, chunk);
    }
}

#[test]
fn a_fault_that_stops_the_reading_is_the_last_row_on_every_thread_count() {
    let engine = engine("examples/plans/smart-toilet.toml");
    let mut limits = Limits::default();
    limits.row_bytes = 200;
    let mut text = String::from("id,flush-water\n");
    for i in 0..100 {
        text.push_str(&format!("P{i},3.{}\n", i % 10));
    }
    text.push_str(&format!("P100,{}\n", "9".repeat(300)));
    text.push_str("P101,3.5\n");
    for threads in 1..=4 {
        for chunk in [1, 3, 100, 101, 256] {
            let parallel = Parallel::new(NonZeroUsize::new(threads).unwrap())
                .chunk_rows(NonZeroUsize::new(chunk).unwrap());
            let got = rows_of!(source(Kind::Csv, text.as_bytes(), &engine, &limits)
                .summaries_parallel(&engine, parallel));
            assert_eq!(got.len(), 101, "{threads} threads, chunk {chunk}");
            let (last, place, id, stopped) = got.last().unwrap();
            assert!(*stopped && place.is_none() && id.is_none());
            assert!(
                last.as_ref().unwrap_err().contains("longer than 200 bytes"),
                "{last:?}"
            );
            assert!(got[..100]
                .iter()
                .all(|(r, _, _, stopped)| r.is_ok() && !stopped));
            assert_eq!(got[99].1, Some(Place::Line(101)));
            assert_eq!(got[99].2.as_deref(), Some("P99"));
        }
    }
}

#[test]
fn the_workload_and_the_examples_are_the_same_on_every_thread_count() {
    let limits = Limits::default();
    let workload = std::fs::read(path("tests/data/workload-2000.csv")).unwrap();
    let workload_engine = engine("benches/workload/plan.toml");
    for (threads, chunk) in [(1, 256), (2, 256), (3, 7), (4, 1000)] {
        let n = same_rows(
            Kind::Csv,
            &workload,
            &workload_engine,
            &limits,
            threads,
            chunk,
        );
        assert_eq!(n, 2000);
    }
    for (plan, products) in examples() {
        let engine = engine(&plan);
        let text = std::fs::read(path(&products)).unwrap();
        let kind = if products.ends_with(".json") {
            Kind::Json
        } else {
            Kind::Csv
        };
        for (threads, chunk) in [(2, 1), (3, 4)] {
            let n = same_rows(kind, &text, &engine, &limits, threads, chunk);
            assert!(n > 0, "{products}");
        }
    }
}

/// Each example plan with a products file, and the products file.
fn examples() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let dir = std::fs::read_dir(path("examples/plans")).unwrap();
    let mut names: Vec<String> = dir
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in &names {
        let Some(stem) = name.strip_suffix(".toml") else {
            continue;
        };
        for ext in ["products.csv", "products.json"] {
            let products = format!("{stem}.{ext}");
            if names.contains(&products) {
                out.push((
                    format!("examples/plans/{name}"),
                    format!("examples/plans/{products}"),
                ));
            }
        }
    }
    assert!(out.len() >= 7, "{out:?}");
    out
}

/// Runs the CLI with `args` and `--threads N` for N in 1..=3: stdout, stderr and status
/// byte-identical.
fn same_output(args: &[&str], stdin: Option<&[u8]>) {
    let run = |threads: &str| {
        let mut cmd = duibiao();
        cmd.args(args).args(["--threads", threads]);
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        let mut input = child.stdin.take().unwrap();
        let bytes = stdin.unwrap_or_default().to_vec();
        // Written beside the reading of the output (a pipe holds little); a command that
        // stops reading (a fault of the file) breaks the pipe: expected.
        let writer = std::thread::spawn(move || {
            let _ = std::io::Write::write_all(&mut input, &bytes);
        });
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap();
        out
    };
    let one = run("1");
    for threads in ["2", "3"] {
        let got = run(threads);
        assert_eq!(
            got.status.code(),
            one.status.code(),
            "{args:?} --threads {threads}"
        );
        assert!(
            got.stdout == one.stdout,
            "{args:?} --threads {threads}: stdout differs"
        );
        assert_eq!(
            String::from_utf8_lossy(&got.stderr),
            String::from_utf8_lossy(&one.stderr),
            "{args:?} --threads {threads}"
        );
    }
}

/// Products with rows that fail: values that cannot be read, an id read twice, an id that
/// cannot be read, a row with a cell too many; 700 rows, so that they span chunks.
fn faulty_csv() -> String {
    let mut text = String::from("id,flush-water,standby-power,water-temperature,leakage-current\n");
    for i in 0..700 {
        let row = match i % 97 {
            5 => format!("P{i},abc,0.5,38,0.2"),
            17 => "P3,3.5,0.5,38,0.2".to_owned(),
            33 => ",3.5,0.5,38,0.2".to_owned(),
            50 => format!("P{i},3.5,0.5,38,0.2,x"),
            61 => format!("P{i},4200 mL,0.50 W,37.5 °C,0.18 mA"),
            _ => format!(
                "P{i},{}.{},0.{},3{},0.2{}",
                3 + i % 2,
                i % 10,
                i % 7,
                i % 10,
                i % 5
            ),
        };
        text.push_str(&row);
        text.push('\n');
    }
    text
}

#[test]
fn the_command_line_writes_the_same_bytes_on_every_thread_count() {
    let plan = path("examples/plans/smart-toilet.toml");
    let csv = faulty_csv();
    // The same rows as a JSON array, and cut short mid-file.
    let mut json = String::from("[");
    for (i, line) in csv.lines().skip(1).enumerate() {
        let cells: Vec<&str> = line.split(',').collect();
        if i > 0 {
            json.push(',');
        }
        json.push_str(&format!(
            "{{\"id\": \"{}\", \"values\": {{\"flush-water\": \"{}\", \"standby-power\": \"{}\"}}}}\n",
            cells[0], cells[1], cells[2]
        ));
    }
    json.push(']');
    let cut = &json[..json.len() / 2];
    let stopped_csv = format!("{csv}P-long,{}\nP-after,3.5\n", "9".repeat((1 << 20) + 16));
    for input in [&csv[..], &json[..], cut, &stopped_csv[..]] {
        for format in ["table", "csv", "json", "md"] {
            same_output(
                &["evaluate", &plan, "--products", "-", "--format", format],
                Some(input.as_bytes()),
            );
        }
        same_output(
            &[
                "evaluate",
                &plan,
                "--products",
                "-",
                "--format",
                "csv",
                "--exact",
            ],
            Some(input.as_bytes()),
        );
        for format in ["table", "csv", "json", "md"] {
            same_output(
                &["rank", &plan, "--products", "-", "--format", format],
                Some(input.as_bytes()),
            );
        }
        for format in ["md", "csv", "json"] {
            same_output(
                &["report", &plan, "--products", "-", "--format", format],
                Some(input.as_bytes()),
            );
        }
    }
    // The example plans with their products files, and the workload.
    for (plan, products) in examples() {
        let (plan, products) = (path(&plan), path(&products));
        for format in ["csv", "json", "md"] {
            same_output(
                &[
                    "evaluate",
                    &plan,
                    "--products",
                    &products,
                    "--format",
                    format,
                ],
                None,
            );
        }
        same_output(
            &["rank", &plan, "--products", &products, "--format", "csv"],
            None,
        );
        same_output(&["report", &plan, "--products", &products], None);
    }
    let plan = path("benches/workload/plan.toml");
    let workload = path("tests/data/workload-2000.csv");
    for format in ["table", "csv", "json", "md"] {
        same_output(
            &[
                "evaluate",
                &plan,
                "--products",
                &workload,
                "--format",
                format,
            ],
            None,
        );
    }
    same_output(
        &["rank", &plan, "--products", &workload, "--format", "csv"],
        None,
    );
    same_output(
        &["report", &plan, "--products", &workload, "--format", "md"],
        None,
    );
}

#[test]
fn a_closed_output_ends_the_command_without_a_hang() {
    // 20,000 products: far more than the chunks in flight, and than a pipe's buffer.
    let plan = path("benches/workload/plan.toml");
    let workload = std::fs::read_to_string(path("tests/data/workload-2000.csv")).unwrap();
    let mut lines = workload.lines();
    let header = lines.next().unwrap();
    let rows: Vec<&str> = lines.collect();
    let mut text = format!("{header}\n");
    for copy in 0..10 {
        for row in &rows {
            text.push_str(&format!("C{copy}-{row}\n"));
        }
    }
    for format in ["csv", "json"] {
        let mut child = duibiao()
            .args(["evaluate", &plan, "--products", "-", "--format", format])
            .args(["--threads", "2"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut input = child.stdin.take().unwrap();
        let bytes = text.clone().into_bytes();
        let writer = std::thread::spawn(move || {
            // The command may stop reading: a broken pipe here is expected.
            let _ = std::io::Write::write_all(&mut input, &bytes);
        });
        let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        out.read_line(&mut first).unwrap();
        assert!(!first.is_empty());
        // `| head -1`: the reading end goes away.
        drop(out);
        let started = std::time::Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            assert!(
                started.elapsed() < std::time::Duration::from_secs(60),
                "evaluate --format {format} hangs after its output closed"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        writer.join().unwrap();
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        assert_eq!(status.code(), Some(1), "{stderr}");
        assert!(
            stderr.starts_with("error: writing the verdicts: "),
            "{stderr}"
        );
    }
}
