//! The output formats (docs/outputs.md): CSV written through one CSV writer and read back by
//! the `csv` crate, the crate's own products reader and Python's `csv` module; Markdown cells
//! that hold any text; terminal tables aligned by display width; the byte order mark; JSON
//! Lines; the wide and long CSV.

mod common;

use duibiao::rank::Ranker;
use duibiao::report::{Format, Lang, Report, RowWriter};
use duibiao::verdict::Summary;
use duibiao::{Engine, Plan, Product, Verdict};

const PLAN: &str = r#"
schema_version = 1
category = { zh = "智能坐便器", en = "smart toilet" }
[[standards]]
code = "T/CZGX 001-2022"
role = "benchmark"
[[indicators]]
id = "flush-water"
name = { zh = "冲洗平均用水量", en = "flush water, average" }
unit = "L"
direction = "lower-is-better"
requirements = { "T/CZGX 001-2022" = "≤ 4.0 L" }
[[indicators]]
id = "noise"
unit = "dB"
direction = "lower-is-better"
requirements = { "T/CZGX 001-2022" = "≤ 50 dB" }
"#;

/// Ids that break a naive CSV or Markdown writer.
const HOSTILE: [&str; 8] = [
    "a,b",
    "say \"hi\"",
    "line\nbreak",
    "carriage\rreturn",
    "crlf\r\nend",
    "pipe|cell",
    "back\\|slash",
    "<b>html</b> & co",
];

fn engine() -> (Plan, Engine) {
    let plan = Plan::from_toml_str(PLAN).unwrap();
    let engine = plan.compile().unwrap();
    (plan, engine)
}

fn verdicts(engine: &Engine, ids: &[&str]) -> Vec<Verdict> {
    ids.iter()
        .enumerate()
        .map(|(k, id)| {
            let water = ["3.60", "4.2", "4.0", "3.2"][k % 4];
            let p = Product::new(*id)
                .with("flush-water", water)
                .unwrap()
                .with("noise", "45")
                .unwrap();
            engine.evaluate(&p).unwrap()
        })
        .collect()
}

/// Every record of a CSV text, read by the `csv` crate.
fn records(text: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn evaluate_csv(format: Format, vs: &[Verdict], engine: &Engine) -> Vec<u8> {
    let mut out = Vec::new();
    let mut w = RowWriter::for_engine(format, engine, &mut out).unwrap();
    for v in vs {
        w.verdict(v).unwrap();
    }
    w.finish().unwrap();
    out
}

/// Python's `csv` module reads the text back to these records (skipped, with a note, where
/// no `python3` is installed).
fn python_reads(text: &[u8], expected: &[Vec<String>]) {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let script = "import csv, io, json, sys\n\
        data = sys.stdin.buffer.read().decode('utf-8-sig')\n\
        print(json.dumps(list(csv.reader(io.StringIO(data, newline='')))))\n";
    let child = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        eprintln!("note: no python3, the Python csv check is skipped");
        return;
    };
    child.stdin.take().unwrap().write_all(text).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read: Vec<Vec<String>> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(read, expected);
}

/// The ids read back by the crate's own products reader: the first column renamed `id`.
fn products_reader_ids(text: &[u8]) -> Vec<String> {
    let text = String::from_utf8(text.to_vec()).unwrap();
    let (head, rest) = text.split_once('\n').unwrap();
    let (_, head) = head.split_once(',').unwrap();
    let renamed = format!("id,{head}\n{rest}");
    duibiao::product::CsvRows::new(renamed.as_bytes(), &duibiao::Limits::default())
        .unwrap()
        .keep_only(std::iter::empty::<&str>())
        .map(|p| p.unwrap().id)
        .collect()
}

#[test]
fn evaluate_csv_quotes_every_hostile_field_and_reads_back() {
    let (_, engine) = engine();
    let vs = verdicts(&engine, &HOSTILE);
    let out = evaluate_csv(Format::Csv, &vs, &engine);
    let text = String::from_utf8(out.clone()).unwrap();
    // Each field that holds a comma, quote, CR or LF is quoted, quotes doubled.
    for needle in [
        "\"a,b\"",
        "\"say \"\"hi\"\"\"",
        "\"line\nbreak\"",
        "\"carriage\rreturn\"",
        "\"crlf\r\nend\"",
    ] {
        assert!(text.contains(needle), "{needle:?} not in {text:?}");
    }
    // Fields without them are not quoted.
    assert!(text.contains("\npipe|cell,"), "{text:?}");
    let rows = records(&out);
    assert_eq!(rows.len(), 1 + HOSTILE.len());
    let ids: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, HOSTILE);
    assert!(rows.iter().all(|r| r.len() == rows[0].len()));
    assert_eq!(products_reader_ids(&out), HOSTILE);
    python_reads(&out, &rows);
}

#[test]
fn error_rows_quote_the_message() {
    let (_, engine) = engine();
    let mut out = Vec::new();
    let mut w = RowWriter::for_engine(Format::Csv, &engine, &mut out).unwrap();
    let e = Product::new("x,y")
        .with("flush-water", "4,0 L")
        .unwrap_err();
    assert!(e.message(Lang::En).contains(','));
    w.error_of(Some("x,y"), &e).unwrap();
    w.finish().unwrap();
    let rows = records(&out);
    assert_eq!(rows[1][0], "x,y");
    assert_eq!(rows[1][1], "error");
    assert_eq!(rows[1].last().unwrap(), &e.message(Lang::En));
    assert_eq!(rows[1].len(), rows[0].len());
    python_reads(&out, &rows);
}

#[test]
fn ranking_csv_quotes_and_reads_back() {
    let (_, engine) = engine();
    let vs = verdicts(&engine, &HOSTILE);
    let ranking = Ranker::new(&engine).unwrap().rank(&vs).unwrap();
    let text = duibiao::report::ranking(&ranking, Format::Csv);
    let rows = records(text.as_bytes());
    let mut ids: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    ids.sort_unstable();
    let mut expected = HOSTILE.to_vec();
    expected.sort_unstable();
    assert_eq!(ids, expected);
    assert!(rows.iter().all(|r| r.len() == rows[0].len()));
    python_reads(text.as_bytes(), &rows);
}

#[test]
fn report_csv_quotes_and_reads_back() {
    let (plan, engine) = engine();
    let vs = verdicts(&engine, &HOSTILE);
    let ranking = Ranker::new(&engine).unwrap().rank(&vs).unwrap();
    let report = Report::new(engine.category(), &vs, Some(&ranking)).with_names(&plan);
    let text = report.to_csv(Lang::En);
    // The indicator name holds a comma.
    assert!(text.contains(",\"flush water, average\","), "{text}");
    let rows = records(text.as_bytes());
    assert_eq!(rows.len(), 1 + 2 * HOSTILE.len());
    let ids: Vec<&str> = rows[1..].iter().step_by(2).map(|r| r[0].as_str()).collect();
    assert_eq!(ids, HOSTILE);
    assert!(rows.iter().all(|r| r.len() == rows[0].len()));
    python_reads(text.as_bytes(), &rows);
}

#[test]
fn standard_verdict_csv_reads_back() {
    let plan = Plan::from_toml_str(&format!(
        "{PLAN}\n[[standards]]\ncode = \"Q/ABC 1-2024\"\nrole = \"subject\"\n"
    ))
    .unwrap();
    let engine = plan.compile().unwrap();
    let v = engine.compare_standards().unwrap();
    let text = duibiao::report::standard_verdict(&v, Format::Csv);
    let rows = records(text.as_bytes());
    assert_eq!(rows[0][0], "indicator");
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1][0], "flush-water");
    assert_eq!(rows[1][5], "T/CZGX 001-2022: ≤ 4.0 L");
    python_reads(text.as_bytes(), &rows);
}

#[test]
fn summaries_and_verdicts_write_the_same_csv() {
    let (_, engine) = engine();
    let vs = verdicts(&engine, &HOSTILE);
    let from_verdicts = evaluate_csv(Format::Csv, &vs, &engine);
    let mut out = Vec::new();
    let mut w = RowWriter::for_engine(Format::Csv, &engine, &mut out).unwrap();
    for v in &vs {
        w.summary(&Summary::of(v)).unwrap();
    }
    w.finish().unwrap();
    assert_eq!(out, from_verdicts);
}

/// The cells of a Markdown table row as GitHub Flavored Markdown splits it: at each `|` not
/// escaped by a backslash; with backslash escapes of punctuation undone.
fn md_cells(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut chars = line.trim().trim_matches('|').chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n) if n.is_ascii_punctuation() => cells.last_mut().unwrap().push(n),
                Some(n) => {
                    cells.last_mut().unwrap().push('\\');
                    cells.last_mut().unwrap().push(n);
                }
                None => cells.last_mut().unwrap().push('\\'),
            },
            '|' => cells.push(String::new()),
            c => cells.last_mut().unwrap().push(c),
        }
    }
    cells.iter().map(|c| c.trim().to_owned()).collect()
}

/// Every table row of a Markdown text has its header's cell count, no raw `<`, and no line
/// break inside a cell; returns the body rows' cells (header and separator left out).
fn md_tables(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut width = None;
    let mut at = 0;
    for line in text.lines() {
        if !line.starts_with('|') {
            width = None;
            at = 0;
            continue;
        }
        at += 1;
        let cells = md_cells(line);
        let w = *width.get_or_insert(cells.len());
        assert_eq!(cells.len(), w, "{line:?}");
        let raw_lt = line
            .char_indices()
            .any(|(k, c)| c == '<' && !line[..k].ends_with('\\'));
        assert!(!raw_lt, "{line:?}");
        if at > 2 {
            rows.push(cells);
        }
    }
    rows
}

#[test]
fn markdown_cells_hold_hostile_ids() {
    let (plan, engine) = engine();
    let vs = verdicts(&engine, &HOSTILE);
    let shown = |id: &str| id.replace("\r\n", " ").replace(['\r', '\n'], " ");
    let text = String::from_utf8(evaluate_csv(Format::Md, &vs, &engine)).unwrap();
    let rows = md_tables(&text);
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    let expected: Vec<String> = HOSTILE.iter().map(|id| shown(id)).collect();
    assert_eq!(ids, expected);

    let ranking = Ranker::new(&engine).unwrap().rank(&vs).unwrap();
    let text = duibiao::report::ranking(&ranking, Format::Md);
    let rows = md_tables(&text);
    let mut ids: Vec<String> = rows
        .iter()
        .map(|r| {
            if r.len() == 2 {
                r[0].clone()
            } else {
                r[1].clone()
            }
        })
        .collect();
    ids.sort_unstable();
    let mut sorted = expected.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted);

    let report = Report::new(engine.category(), &vs, Some(&ranking)).with_names(&plan);
    let text = report.to_markdown(Lang::En);
    md_tables(&text);
    for id in &expected {
        assert!(
            text.contains(&duibiao::report::markdown_cell(id)),
            "{id:?} in {text}"
        );
    }
}

#[test]
fn markdown_cell_escapes() {
    use duibiao::report::markdown_cell as md;
    for (raw, cell) in [
        ("a|b", "a\\|b"),
        ("a\\|b", "a\\\\\\|b"),
        ("end\\", "end\\\\"),
        ("<script>", "\\<script>"),
        ("&lt;", "\\&lt;"),
        ("`code|x`", "\\`code\\|x\\`"),
        ("a\r\nb\nc\rd", "a b c d"),
        ("冲水量 ≤ 4.0 L", "冲水量 ≤ 4.0 L"),
    ] {
        assert_eq!(md(raw), cell, "{raw:?}");
        // Read back as GFM reads a cell: the text as written, line breaks as spaces.
        assert_eq!(
            md_cells(&format!("| {} |", md(raw))),
            [raw.replace("\r\n", " ").replace(['\r', '\n'], " ").trim()]
        );
    }
}

/// The display column at which `needle` starts in `line`.
fn column_of(line: &str, needle: &str) -> usize {
    let at = line
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in {line:?}"));
    duibiao::report::display_width(&line[..at])
}

const WIDE_PLAN: &str = r#"
schema_version = 1
category = { zh = "智能坐便器" }
[[standards]]
code = "T/CZGX 001-2022"
role = "benchmark"
[[standards]]
code = "Q/ABC 1-2024"
role = "subject"
[[indicators]]
id = "冲水量"
unit = "L"
direction = "lower-is-better"
requirements = { "T/CZGX 001-2022" = "≤ 4.0 L", "Q/ABC 1-2024" = "≤ 3.8 L" }
[[indicators]]
id = "noise"
unit = "dB"
direction = "lower-is-better"
requirements = { "T/CZGX 001-2022" = "≤ 50 dB", "Q/ABC 1-2024" = "≤ 55 dB" }
"#;

#[test]
fn terminal_tables_align_by_display_width() {
    let engine = Plan::from_toml_str(WIDE_PLAN).unwrap().compile().unwrap();
    let ids = ["P1", "智能坐便器甲", "混合A样品", "ＡＢＣ"];
    let vs: Vec<Verdict> = ids
        .iter()
        .enumerate()
        .map(|(k, id)| {
            let p = Product::new(*id)
                .with("冲水量", ["3.6", "4.2"][k % 2])
                .unwrap()
                .with("noise", "45")
                .unwrap();
            engine.evaluate(&p).unwrap()
        })
        .collect();
    // evaluate: the class column starts at one display column on every line.
    let text = String::from_utf8(evaluate_csv(Format::Table, &vs, &engine)).unwrap();
    let lines: Vec<&str> = text.lines().take(1 + ids.len()).collect();
    let at: Vec<usize> = lines
        .iter()
        .zip(["class", "leader", "gap", "leader", "gap"])
        .map(|(l, c)| column_of(l, c))
        .collect();
    assert!(at.iter().all(|&c| c == 17), "{at:?}\n{text}");
    // rank: the score column ends at one display column.
    let ranking = Ranker::new(&engine).unwrap().rank(&vs).unwrap();
    let text = duibiao::report::ranking(&ranking, Format::Table);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(column_of(lines[0], "  class"), 40, "{text}");
    let ranked: Vec<&str> = lines[1..]
        .iter()
        .take_while(|l| !l.is_empty())
        .copied()
        .collect();
    assert_eq!(ranked.len(), 2, "{text}");
    for l in ranked {
        assert_eq!(column_of(l, "  leader"), 40, "{text}");
    }
    let not_ranked: Vec<&str> = lines
        .iter()
        .filter(|l| l.contains("falls-short"))
        .copied()
        .collect();
    assert_eq!(not_ranked.len(), 2, "{text}");
    for l in not_ranked {
        assert_eq!(column_of(l, "冲水量 falls-short"), 19, "{text}");
    }
    // compare: the outcome column starts at one display column.
    let v = engine.compare_standards().unwrap();
    let text = duibiao::report::standard_verdict(&v, Format::Table);
    let at: Vec<usize> = text
        .lines()
        .filter(|l| l.starts_with("  "))
        .map(column_of_any)
        .collect();
    assert_eq!(at, [23, 23], "{text}");
}

/// The first outcome word of a standard verdict line.
fn column_of_any(line: &str) -> usize {
    ["stricter", "looser", "equal"]
        .iter()
        .filter(|w| line.contains(*w))
        .map(|w| column_of(line, w))
        .min()
        .unwrap_or(usize::MAX)
}

#[test]
fn units_table_aligns_by_display_width() {
    let out = common::duibiao().args(["units"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let head = column_of(lines[0], "dimension");
    let mut wide = 0;
    let w = duibiao::report::display_width;
    for (l, u) in lines[1..].iter().zip(duibiao::Unit::table()) {
        let (en, zh) = (u.name_en().unwrap_or(""), u.name_zh().unwrap_or(""));
        if w(&u.to_string()) > 10 || w(en) > 28 || w(zh) > 10 {
            continue; // wider than its column: pushes the rest along, as it must
        }
        // The dimension column starts after the Chinese name's padding on every line.
        let name_end = l
            .char_indices()
            .map(|(k, _)| k)
            .find(|&k| w(&l[..k]) == head)
            .unwrap_or_else(|| panic!("no character boundary at column {head}: {l:?}"));
        assert!(l[..name_end].ends_with(' '), "{l:?}");
        assert!(!l[name_end..].starts_with(' '), "{l:?}");
        wide += usize::from(w(zh) > zh.chars().count());
    }
    assert!(wide > 10, "{text}");
}

#[test]
fn json_lines_hold_the_json_arrays_elements() {
    let (_, engine) = engine();
    let vs = verdicts(&engine, &HOSTILE);
    let array: Vec<serde_json::Value> =
        serde_json::from_slice(&evaluate_csv(Format::Json, &vs, &engine)).unwrap();
    let mut out = Vec::new();
    let mut w = RowWriter::for_engine(Format::Jsonl, &engine, &mut out).unwrap();
    for v in &vs {
        w.verdict(v).unwrap();
    }
    let e = Product::new("P9").with("noise", "4,0").unwrap_err();
    w.error_of(Some("P9"), &e).unwrap();
    w.finish().unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), vs.len() + 1);
    assert_eq!(lines[..vs.len()], array[..]);
    // Compact: one verdict per line, nothing else.
    assert_eq!(text.lines().count(), vs.len() + 1);
    assert_eq!(
        lines[vs.len()],
        serde_json::json!({ "product": "P9", "error": e.message(Lang::En) })
    );
}

#[test]
fn the_wide_csv_has_each_margin_after_its_outcome() {
    let (_, engine) = engine();
    let vs = verdicts(&engine, &["A", "B", "C"]);
    let rows = records(&evaluate_csv(Format::Csv, &vs, &engine));
    assert_eq!(
        rows[0][5..],
        [
            "flush-water",
            "flush-water.margin",
            "noise",
            "noise.margin",
            "error"
        ]
    );
    for (row, v) in rows[1..].iter().zip(&vs) {
        for (k, i) in v.indicators.iter().enumerate() {
            assert_eq!(row[5 + 2 * k], i.outcome.as_str());
            let m = i.margin.unwrap().value;
            // The verdict keeps its digits (0.40); the summary and the CSV normalize (0.4).
            assert_eq!(row[6 + 2 * k], m.normalize().to_string());
        }
    }
    assert_eq!(rows[1][6], "0.4");
    assert_eq!(
        vs[0].indicators[0].margin.unwrap().value.to_string(),
        "0.40"
    );
    assert_eq!(rows[2][6], "-0.2");
    // A missing value has no margin: the cell is empty.
    let v = engine
        .evaluate(&Product::new("M").with("noise", "45").unwrap())
        .unwrap();
    let rows = records(&evaluate_csv(Format::Csv, &[v], &engine));
    assert_eq!(rows[1][5..7], ["missing", ""]);
}

#[test]
fn the_long_csv_is_the_report_csv_without_the_ranking_columns() {
    let (plan, engine) = engine();
    let vs = verdicts(&engine, &HOSTILE);
    let report = Report::new(engine.category(), &vs, None).with_names(&plan);
    let report_rows = records(report.to_csv(Lang::En).as_bytes());
    let mut out = Vec::new();
    let mut w = RowWriter::for_engine(Format::CsvLong, &engine, &mut out).unwrap();
    for v in &vs {
        w.verdict(v).unwrap();
    }
    w.finish().unwrap();
    let long = records(&out);
    assert_eq!(long.len(), report_rows.len());
    for (l, r) in long.iter().zip(&report_rows) {
        let mut without: Vec<String> = r.clone();
        without.drain(2..5);
        assert_eq!(l[..l.len() - 1], without[..]);
    }
    assert_eq!(long[0].last().unwrap(), "error");
    assert_eq!(long[1][3], "flush water, average");
    python_reads(&out, &long);
}

#[test]
fn a_bom_goes_first_and_every_reader_reads_it_back() {
    let (_, engine) = engine();
    let vs = verdicts(&engine, &["冲水样品", "B"]);
    let mut out = Vec::new();
    let mut w = RowWriter::for_engine(Format::Csv, &engine, &mut out)
        .unwrap()
        .bom(true);
    for v in &vs {
        w.verdict(v).unwrap();
    }
    w.finish().unwrap();
    assert!(out.starts_with(duibiao::report::BOM));
    assert!(out[3..].starts_with(b"product,class,"));
    // The crate's products reader (encoding auto) sees the BOM and no "\u{feff}id" column.
    let mut text = out.clone();
    text.splice(3..10, b"id".iter().copied());
    let ids: Vec<String> =
        duibiao::product::CsvRows::new(text.as_slice(), &duibiao::Limits::default())
            .unwrap()
            .keep_only(std::iter::empty::<&str>())
            .map(|p| p.unwrap().id)
            .collect();
    assert_eq!(ids, ["冲水样品", "B"]);
    let rows = records(&out[3..]);
    python_reads(&out, &rows);
    // Without it, no BOM.
    assert!(evaluate_csv(Format::Csv, &vs, &engine).starts_with(b"product,"));
}

#[test]
fn the_cli_writes_a_bom_to_csv_files_by_default() {
    let dir = std::env::temp_dir().join(format!("duibiao-bom-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let plan = format!("{root}/examples/plans/smart-toilet.toml");
    let products = format!("{root}/examples/plans/smart-toilet.products.csv");
    let run = |args: &[&str]| {
        let out = common::duibiao().args(args).output().unwrap();
        assert!(
            out.status.code().is_some_and(|c| c <= 1),
            "{args:?}: {out:?}"
        );
        out.stdout
    };
    let file = |name: &str| dir.join(name).display().to_string();
    let bom = |bytes: &[u8]| bytes.starts_with(duibiao::report::BOM);
    for (cmd, format) in [
        ("evaluate", "csv"),
        ("evaluate", "csv-long"),
        ("rank", "csv"),
        ("report", "csv"),
    ] {
        let out = file(&format!("{cmd}-{format}.csv"));
        let args = [cmd, &plan, "--products", &products, "--format", format];
        assert!(run(&[&args[..], &["--output", &out]].concat()).is_empty());
        assert!(bom(&std::fs::read(&out).unwrap()), "{cmd} {format}");
        run(&[&args[..], &["--output", &out, "--no-bom"]].concat());
        assert!(!bom(&std::fs::read(&out).unwrap()), "{cmd} {format}");
        assert!(!bom(&run(&args)), "{cmd} {format}");
        assert!(
            bom(&run(&[&args[..], &["--bom"]].concat())),
            "{cmd} {format}"
        );
    }
    let out = file("compare.csv");
    run(&["compare", &plan, "--format", "csv", "--output", &out]);
    assert!(bom(&std::fs::read(&out).unwrap()));
    // Not CSV, no BOM, whatever the file's name.
    let out = file("json.csv");
    run(&[
        "evaluate",
        &plan,
        "--products",
        &products,
        "--format",
        "jsonl",
        "--output",
        &out,
    ]);
    let text = std::fs::read(&out).unwrap();
    assert!(text.starts_with(b"{\""));
    // Not a .csv file: no BOM unless asked.
    let out = file("verdicts.txt");
    run(&[
        "evaluate",
        &plan,
        "--products",
        &products,
        "--format",
        "csv",
        "--output",
        &out,
    ]);
    assert!(!bom(&std::fs::read(&out).unwrap()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn docs_outputs_name_the_headers_written() {
    let docs =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/outputs.md")).unwrap();
    let (plan, engine) = engine();
    let vs = verdicts(&engine, &["A"]);
    let mut out = Vec::new();
    let mut w = RowWriter::for_engine(Format::CsvLong, &engine, &mut out).unwrap();
    w.verdict(&vs[0]).unwrap();
    let e = Product::new("P9").with("noise", "4,0").unwrap_err();
    w.error_of(Some("P9"), &e).unwrap();
    w.finish().unwrap();
    let long = String::from_utf8(out.clone()).unwrap();
    let head = long.lines().next().unwrap();
    assert!(docs.contains(&format!("`{head}`")), "{head}");
    // A row that could not be judged: one row, class `error`, the message last.
    let rows = records(&out);
    let last = rows.last().unwrap();
    assert_eq!((last[0].as_str(), last[1].as_str()), ("P9", "error"));
    assert_eq!(last.last().unwrap(), &e.message(Lang::En));
    assert_eq!(last.len(), rows[0].len());
    let report = Report::new(engine.category(), &vs, None).with_names(&plan);
    let csv = report.to_csv(Lang::En);
    let head = csv.lines().next().unwrap();
    assert!(docs.contains(&format!("`{head}`")), "{head}");
}
