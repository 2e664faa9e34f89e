//! Products files as Excel and other programs write them: every encoding read (UTF-8 with or
//! without a byte order mark, GB18030, UTF-16 LE and BE with one) and every `.xlsx` sheet gives
//! the same verdicts as the UTF-8 CSV file; a column headed by an indicator's Chinese name is
//! that indicator; a file that is none of these, and a header that is not one, are refused
//! (their messages, word for word, are in `tests/error_messages.rs`). The reproducers of problem 18
//! (`shared/findings/wrong-answers-2026-12.md`) are in `tests/data/findings/`.

mod common;

use common::{csv_rows, example, finding, finding_engine, rows_of, Rows};
use duibiao::product::{CsvRows, Encoding};
use duibiao::stream::Source;
use duibiao::verdict::Summary;
use duibiao::{Engine, Limits, Plan};

const PLANS: [&str; 4] = [
    "smart-toilet",
    "room-air-conditioner",
    "steel-and-caustic-soda",
    "led-lamp",
];

fn engine(name: &str) -> Engine {
    Plan::from_toml_str(&example(&format!("{name}.toml")))
        .unwrap()
        .compile()
        .unwrap()
}

fn gb18030(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xfe, 0xff]
    } else {
        vec![0xff, 0xfe]
    };
    for unit in text.encode_utf16() {
        out.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

/// The file in every encoding read, with the encoding to name.
fn encoded(text: &str) -> Vec<(Vec<u8>, Encoding)> {
    vec![
        (text.as_bytes().to_vec(), Encoding::Utf8),
        (
            [&b"\xef\xbb\xbf"[..], text.as_bytes()].concat(),
            Encoding::Utf8,
        ),
        (gb18030(text), Encoding::Gb18030),
        (utf16(text, false), Encoding::Utf16Le),
        (utf16(text, true), Encoding::Utf16Be),
    ]
}

#[test]
fn every_encoding_gives_the_verdicts_of_the_utf8_file() {
    for name in PLANS {
        let engine = engine(name);
        let text = example(&format!("{name}.products.csv"));
        let expected = csv_rows(text.as_bytes(), &engine, Encoding::Utf8);
        assert!(expected.0.len() > 10, "{name}");
        assert_eq!(expected.0, expected.1, "{name}: fast and exact agree");
        for (bytes, named) in encoded(&text) {
            for encoding in [named, Encoding::Auto] {
                assert_eq!(
                    csv_rows(&bytes, &engine, encoding),
                    expected,
                    "{name} as {named}, read as {encoding}"
                );
            }
        }
    }
}

/// The smart-toilet products with Chinese text in them (ids, a remark), and the header written
/// with each indicator's Chinese name, as a lab's Excel sheet has it.
fn chinese_products(engine: &Engine) -> (String, String) {
    let text = example("smart-toilet.products.csv");
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let zh: Vec<String> = header
        .split(',')
        .map(|column| {
            engine
                .indicator_names()
                .find(|(id, _)| *id == column)
                .and_then(|(_, names)| names.zh.clone())
                .unwrap_or_else(|| column.to_owned())
        })
        .collect();
    assert!(zh.iter().skip(1).all(|c| !c.is_ascii()), "{zh:?}");
    let body: String = lines
        .map(|l| format!("{},送检样品\n", l.replacen("ST-", "样品-", 1)))
        .collect();
    (
        format!("{header},备注\n{body}"),
        format!("{},备注\n{body}", zh.join(",")),
    )
}

#[test]
fn chinese_column_names_read_as_their_indicators_in_every_encoding() {
    let engine = engine("smart-toilet");
    let (by_id, by_name) = chinese_products(&engine);
    let expected = csv_rows(by_id.as_bytes(), &engine, Encoding::Utf8);
    assert!(expected
        .0
        .iter()
        .any(|r| r.as_ref().is_ok_and(|s| s.product == "样品-001")));
    for (bytes, named) in encoded(&by_name) {
        for encoding in [named, Encoding::Auto] {
            assert_eq!(
                csv_rows(&bytes, &engine, encoding),
                expected,
                "read as {encoding}"
            );
        }
    }
    let source = Source::csv(by_name.as_bytes(), &engine, &Limits::default()).unwrap();
    assert_eq!(source.ignored(), ["备注"]);
}

#[test]
fn a_chinese_name_trimmed_as_column_names_are_reads_as_the_id() {
    let plan = |second_zh: &str| {
        Plan::from_toml_str(&format!(
            r#"
schema_version = 1
category = {{ en = "smart toilet" }}
[[standards]]
code = "T/CZGX 001-2022"
role = "benchmark"
[[indicators]]
id = "flush-water"
name = {{ zh = "冲水量" }}
direction = "lower-is-better"
requirements = {{ "T/CZGX 001-2022" = "≤ 4.0" }}
[[indicators]]
id = "flush-water-2"
name = {{ zh = "{second_zh}" }}
direction = "lower-is-better"
requirements = {{ "T/CZGX 001-2022" = "≤ 5.0" }}
"#
        ))
        .unwrap()
        .compile()
        .unwrap()
    };
    let one = plan("二次冲水量");
    // The Chinese name, trimmed as column names are, reads as the id.
    let rows: Vec<_> = Source::csv(
        " id , 冲水量 ,二次冲水量\nP1,3.9,4.5\n".as_bytes(),
        &one,
        &Limits::default(),
    )
    .unwrap()
    .verdicts(&one)
    .collect();
    let verdict = rows[0].as_ref().unwrap();
    assert_eq!(
        verdict
            .indicators
            .iter()
            .map(|i| (i.id.as_str(), i.outcome.as_str()))
            .collect::<Vec<_>>(),
        [("flush-water", "exceeds"), ("flush-water-2", "exceeds")]
    );
}

#[test]
fn the_gbk_gb18030_and_utf16_reproducers_read_as_their_utf8_forms() {
    let plan2 = finding_engine("plan2.toml");
    let utf8 = csv_rows(&finding("bom_zh.csv"), &plan2, Encoding::Utf8);
    assert_eq!(utf8.0.len(), 1);
    assert!(utf8.0[0].as_ref().is_ok_and(|s| s.product == "P1"));
    for (name, named) in [
        ("gbk_zh.csv", Encoding::Gb18030),
        ("gb18030_zh.csv", Encoding::Gb18030),
    ] {
        for encoding in [named, Encoding::Auto] {
            assert_eq!(csv_rows(&finding(name), &plan2, encoding), utf8, "{name}");
        }
    }
    // gb18030_zh.csv writes "3.5 升" (litres in Chinese) and CRLF line ends.
    let plan = finding_engine("plan.toml");
    let expected = csv_rows(b"id,flush-water\nP1,3.5\n", &plan, Encoding::Utf8);
    for name in ["utf16.csv", "gbk_values.csv"] {
        assert_eq!(
            csv_rows(&finding(name), &plan, Encoding::Auto),
            expected,
            "{name}"
        );
    }
    let ids: Vec<String> = csv_rows(&finding("gbk_id.csv"), &plan, Encoding::Auto)
        .0
        .into_iter()
        .map(|r| r.unwrap().product)
        .collect();
    assert_eq!(ids, ["样品1", "样品2"]);
}

#[test]
fn a_gbk_plan_is_decoded() {
    let text = Encoding::Auto.decode(&finding("p_gbk.toml")).unwrap();
    assert!(
        text.contains("category = { en = \"智能坐便器\" }"),
        "{text}"
    );
    let error = Plan::from_toml_str(&text).unwrap_err().to_string();
    assert!(error.contains("subjec智能坐便器"), "{error}");
    let bom = Encoding::Auto.decode(&finding("p_bom.toml")).unwrap();
    assert!(
        bom.starts_with("schema_version"),
        "the byte order mark is gone"
    );
}

#[test]
fn decoding_streams_within_the_row_bound() {
    // An endless first row in GB18030 is refused at `row_bytes`, never read whole.
    struct Endless;
    impl std::io::Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            for pair in buf.chunks_mut(2) {
                pair.copy_from_slice(&b"\xc3\xfb"[..pair.len()]);
            }
            Ok(buf.len() - buf.len() % 2)
        }
    }
    let mut limits = Limits::default();
    limits.row_bytes = 1000;
    let error = CsvRows::with_encoding(Endless, &limits, Encoding::Auto)
        .err()
        .unwrap()
        .to_string();
    assert_eq!(
        error,
        "products: line 1: a row longer than 1000 bytes (limit `row_bytes`)"
    );
}

#[cfg(feature = "xlsx")]
mod xlsx {
    use super::*;
    use rust_xlsxwriter::Workbook;

    /// A number cell for text that reads back as typed, less trailing zeros (`38.0` → 38);
    /// else a text cell.
    fn as_number(cell: &str) -> Option<f64> {
        let f: f64 = cell.parse().ok()?;
        let typed = if cell.contains('.') {
            cell.trim_end_matches('0').trim_end_matches('.')
        } else {
            cell
        };
        (format!("{f}") == typed).then_some(f)
    }

    /// The CSV as the first sheet of a workbook (another sheet after it), numbers as number
    /// cells.
    fn workbook(csv: &str, sheet: &str) -> Vec<u8> {
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        ws.set_name(sheet).unwrap();
        for (r, line) in csv.lines().enumerate() {
            for (c, cell) in line.split(',').enumerate() {
                let (r, c) = (r as u32, c as u16);
                match as_number(cell) {
                    Some(f) if r > 0 => ws.write_number(r, c, f).map(|_| ()),
                    _ if cell.is_empty() => Ok(()),
                    _ => ws.write_string(r, c, cell).map(|_| ()),
                }
                .unwrap();
            }
        }
        let other = book.add_worksheet();
        other.set_name("说明").unwrap();
        other.write_string(0, 0, "not products").unwrap();
        book.save_to_buffer().unwrap()
    }

    fn xlsx_rows(bytes: &[u8], engine: &Engine, sheet: Option<&str>) -> Rows {
        let limits = Limits::default();
        let open = || {
            Source::<&'static [u8]>::xlsx(std::io::Cursor::new(bytes), engine, &limits, sheet)
                .unwrap()
        };
        rows_of(open, engine)
    }

    /// The CSV file's rows with its places as a sheet's (`line 7` is `row 7`).
    fn as_sheet_rows(rows: Rows) -> Rows {
        let relabel = |v: Vec<Result<Summary, String>>| {
            v.into_iter()
                .map(|r| r.map_err(|e| e.replacen("line ", "row ", 1)))
                .collect()
        };
        (relabel(rows.0), relabel(rows.1))
    }

    #[test]
    fn a_sheet_gives_the_verdicts_of_the_csv_file() {
        for name in PLANS {
            let engine = engine(name);
            let text = example(&format!("{name}.products.csv"));
            let expected = as_sheet_rows(csv_rows(text.as_bytes(), &engine, Encoding::Utf8));
            let book = workbook(&text, "检测结果");
            assert_eq!(xlsx_rows(&book, &engine, None), expected, "{name}");
            assert_eq!(
                xlsx_rows(&book, &engine, Some("检测结果")),
                expected,
                "{name}"
            );
        }
        // Chinese column names, in a sheet too.
        let engine = engine("smart-toilet");
        let (by_id, by_name) = chinese_products(&engine);
        assert_eq!(
            xlsx_rows(&workbook(&by_name, "Sheet1"), &engine, None),
            as_sheet_rows(csv_rows(by_id.as_bytes(), &engine, Encoding::Utf8))
        );
    }

    fn one_row(write: impl Fn(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        ws.write_string(0, 0, "id").unwrap();
        ws.write_string(0, 1, "flush-water").unwrap();
        ws.write_string(1, 0, "P1").unwrap();
        write(ws);
        book.save_to_buffer().unwrap()
    }

    fn sheet_error(bytes: &[u8]) -> String {
        let engine = finding_engine("plan.toml");
        let rows = xlsx_rows(bytes, &engine, None);
        rows.1.into_iter().find_map(Result::err).unwrap_or_default()
    }

    #[test]
    fn number_cells_read_as_typed_and_cells_without_a_value_are_refused() {
        let engine = finding_engine("plan.toml");
        // 3.8 typed reads 3.8; 97.0 (here 4.0) typed reads 4, the same value.
        for (f, class) in [(3.8, "leader"), (4.0, "follower"), (4.1, "gap")] {
            let book = one_row(|ws| {
                ws.write_number(1, 1, f).unwrap();
            });
            let rows = xlsx_rows(&book, &engine, None);
            assert_eq!(rows.0, rows.1);
            assert_eq!(rows.0[0].as_ref().unwrap().class.as_str(), class, "{f}");
        }
        let formula = one_row(|ws| {
            ws.write_formula(1, 1, "=0.1*3")
                .unwrap()
                .set_formula_result(1, 1, "0.30000000000000004");
        });
        assert_eq!(
            sheet_error(&formula),
            "row 2: product \"P1\": indicator \"flush-water\": value \"0.30000000000000004\": a number cell with more than 15 significant digits, which Excel never keeps for a typed number: a formula's binary rounding? Round it in the sheet (ROUND) or write the value as text"
        );
        let boolean = one_row(|ws| {
            ws.write_boolean(1, 1, true).unwrap();
        });
        assert_eq!(
            sheet_error(&boolean),
            "row 2: product \"P1\": indicator \"flush-water\": value \"TRUE\": a TRUE/FALSE cell: write pass or fail (合格 or 不合格) as text"
        );
        let date = one_row(|ws| {
            let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
            let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 1, 5).unwrap();
            ws.write_datetime_with_format(1, 1, &day, &format).unwrap();
        });
        assert_eq!(
            sheet_error(&date),
            "row 2: product \"P1\": indicator \"flush-water\": value \"45296\": a date or time cell: format the cell as a number or as text"
        );
        let division = one_row(|ws| {
            ws.write_formula(1, 1, "=1/0")
                .unwrap()
                .set_formula_result(1, 1, "#DIV/0!");
        });
        assert_eq!(
            sheet_error(&division),
            "row 2: product \"P1\": indicator \"flush-water\": value \"#DIV/0!\": an error cell: correct the formula, or leave the cell empty for a missing value"
        );
        // A date in a column no indicator reads (a test date) changes nothing.
        let dated = one_row(|ws| {
            ws.write_number(1, 1, 3.5).unwrap();
            ws.write_string(0, 2, "检测日期").unwrap();
            let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
            let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 1, 5).unwrap();
            ws.write_datetime_with_format(1, 2, &day, &format).unwrap();
        });
        let rows = xlsx_rows(&dated, &engine, None);
        assert_eq!(rows.0, rows.1);
        assert_eq!(rows.0[0].as_ref().unwrap().class.as_str(), "leader");
        let beyond = one_row(|ws| {
            ws.write_number(1, 1, 3.5).unwrap();
            ws.write_string(1, 4, "stray").unwrap();
        });
        assert_eq!(
            sheet_error(&beyond),
            "row 2: row \"P1\": 5 cells for 2 columns"
        );
    }

    /// A number cell formatted as a percentage (built-in `0%` and `0.00%`, a custom `0.0%`)
    /// holds the fraction and reads as the percentage it shows, with its unit: the rows are
    /// those of the CSV file with `98.2 %` written; a `%` shown as quoted text or escaped is no
    /// percentage and the number reads as it is.
    #[test]
    fn a_percent_cell_reads_as_the_percentage_it_shows() {
        let engine = engine("steel-and-caustic-soda");
        let csv = "id,tensile-strength,diameter,naoh\nWR-1,1520,10.0,98.2 %\nWR-2,1520,10.0,97 %\nWR-3,1520,10.0,96.95 %\nWR-4,1520,10.0,0.982\n";
        let expected = as_sheet_rows(csv_rows(csv.as_bytes(), &engine, Encoding::Utf8));
        // 96.95 % rounds to the benchmark's 97.0 %; the fraction read as a number is a gap: the
        // law is not vacuous.
        let classes: Vec<&str> = expected
            .0
            .iter()
            .map(|r| r.as_ref().unwrap().class.as_str())
            .collect();
        assert_eq!(classes, ["leader", "follower", "follower", "gap"]);
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        for (c, head) in ["id", "tensile-strength", "diameter", "naoh"]
            .iter()
            .enumerate()
        {
            ws.write_string(0, c as u16, *head).unwrap();
        }
        let formats = [
            rust_xlsxwriter::Format::new().set_num_format("0.0%"),
            rust_xlsxwriter::Format::new().set_num_format_index(9),
            rust_xlsxwriter::Format::new().set_num_format_index(10),
            rust_xlsxwriter::Format::new().set_num_format("0.000\"%\""),
        ];
        for (r, (fraction, format)) in [0.982, 0.97, 0.9695, 0.982]
            .into_iter()
            .zip(&formats)
            .enumerate()
        {
            let r = r as u32 + 1;
            ws.write_string(r, 0, format!("WR-{r}")).unwrap();
            ws.write_number(r, 1, 1520.0).unwrap();
            ws.write_number(r, 2, 10.0).unwrap();
            ws.write_number_with_format(r, 3, fraction, format).unwrap();
        }
        let book = book.save_to_buffer().unwrap();
        assert_eq!(xlsx_rows(&book, &engine, None), expected);

        // In a dimensionless indicator a percentage is its fraction (96 % is 0.96); in an
        // indicator of another dimension the row is refused, as the text `96 %` would be.
        let engine = engine_of_led();
        let percent = rust_xlsxwriter::Format::new().set_num_format_index(9);
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        ws.write_string(0, 0, "id").unwrap();
        ws.write_string(0, 1, "power-factor").unwrap();
        ws.write_string(0, 2, "efficacy").unwrap();
        ws.write_string(1, 0, "L-1").unwrap();
        ws.write_number_with_format(1, 1, 0.96, &percent).unwrap();
        ws.write_number(1, 2, 128.0).unwrap();
        ws.write_string(2, 0, "L-2").unwrap();
        ws.write_number(2, 1, 0.96).unwrap();
        ws.write_number_with_format(2, 2, 1.28, &percent).unwrap();
        let book = book.save_to_buffer().unwrap();
        let csv = "id,power-factor,efficacy\nL-1,96 %,128\nL-2,0.96,128 %\n";
        let expected = as_sheet_rows(csv_rows(csv.as_bytes(), &engine, Encoding::Utf8));
        assert!(expected.0[0].is_ok(), "{:?}", expected.0[0]);
        assert_eq!(
            expected.0[1].as_ref().unwrap_err(),
            "row 3: product \"L-2\": indicator \"efficacy\": value \"128 %\": cannot convert \"%\" (dimensionless) to \"lm/W\" (luminous efficacy)"
        );
        assert_eq!(xlsx_rows(&book, &engine, None), expected);
    }

    /// The percent cells kept are bounded: an eighth of `workbook_bytes`.
    #[test]
    fn percent_cells_are_bounded() {
        let engine = engine("steel-and-caustic-soda");
        let percent = rust_xlsxwriter::Format::new().set_num_format_index(9);
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        ws.write_string(0, 0, "id").unwrap();
        ws.write_string(0, 1, "naoh").unwrap();
        // Cells alike compress well: 20,000 percent cells in a few bytes each.
        for r in 1..=100 {
            ws.write_string(r, 0, format!("P{r}")).unwrap();
            for c in 1..=200 {
                ws.write_number_with_format(r, c, 0.98, &percent).unwrap();
            }
        }
        let book = book.save_to_buffer().unwrap();
        let mut limits = Limits::default();
        limits.workbook_bytes = book.len();
        assert!(book.len() / 8 < 20_000, "{}", book.len());
        let error =
            Source::<&'static [u8]>::xlsx(std::io::Cursor::new(&book), &engine, &limits, None)
                .err()
                .unwrap();
        assert_eq!(
            error.to_string(),
            format!(
                "products: the sheet has more than {} cells formatted as a percentage (an eighth of the limit `workbook_bytes`)",
                book.len() / 8
            )
        );
        assert_eq!(
            error.message(duibiao::Lang::Zh),
            format!(
                "产品文件：工作表中设为百分比格式的单元格超过 {} 个（限额 `workbook_bytes` 的八分之一）",
                book.len() / 8
            )
        );
        assert_eq!(error.code(), "limit");
        // Within the default limits the same workbook is read.
        assert!(Source::<&'static [u8]>::xlsx(
            std::io::Cursor::new(&book),
            &engine,
            &Limits::default(),
            None
        )
        .is_ok());
    }

    fn engine_of_led() -> Engine {
        engine("led-lamp")
    }

    #[test]
    fn a_workbook_is_bounded_and_its_header_checked_as_csv() {
        let engine = finding_engine("plan.toml");
        let book = one_row(|ws| {
            ws.write_number(1, 1, 3.5).unwrap();
        });
        let open = |limits: &Limits, sheet: Option<&str>| {
            Source::<&'static [u8]>::xlsx(std::io::Cursor::new(&book), &engine, limits, sheet)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        let mut small = Limits::default();
        small.workbook_bytes = 1000;
        assert_eq!(
            open(&small, None),
            format!(
                "products: the workbook is {} bytes, more than the 1000 a workbook may hold (limit `workbook_bytes`)",
                book.len()
            )
        );
        // A workbook that expands more than 16 times (here long remarks of one letter) is
        // refused before its cells are read, as an archive of huge parts (a zip bomb) is.
        let mut repeated = Workbook::new();
        let ws = repeated.add_worksheet();
        ws.write_string(0, 0, "id").unwrap();
        for r in 1..20 {
            ws.write_string(r, 0, format!("P{r}")).unwrap();
            ws.write_string(r, 1, format!("{}{r}", "a".repeat(30_000)))
                .unwrap();
        }
        let repeated = repeated.save_to_buffer().unwrap();
        let mut tight = Limits::default();
        tight.workbook_bytes = repeated.len();
        let error =
            Source::<&'static [u8]>::xlsx(std::io::Cursor::new(&repeated), &engine, &tight, None)
                .err()
                .unwrap()
                .to_string();
        assert!(
            error.starts_with("products: the workbook's parts hold ")
                && error.ends_with(&format!(
                    "bytes uncompressed, more than the {} a workbook may expand to (16 times the limit `workbook_bytes`)",
                    16 * repeated.len()
                )),
            "{error}"
        );
        assert_eq!(
            open(&Limits::default(), Some("结果")),
            "products: no sheet \"结果\" in the workbook (its sheets: \"Sheet1\")"
        );
        let upper = {
            let mut b = Workbook::new();
            let ws = b.add_worksheet();
            ws.write_string(2, 0, "ID").unwrap();
            ws.write_string(2, 1, "flush-water").unwrap();
            b.save_to_buffer().unwrap()
        };
        let error = Source::<&'static [u8]>::xlsx(
            std::io::Cursor::new(&upper),
            &engine,
            &Limits::default(),
            None,
        )
        .err()
        .unwrap()
        .to_string();
        assert_eq!(
            error,
            "products: row 3: the first column must be \"id\", found \"ID\": write it in lower case"
        );
        let csv_as_xlsx = Source::<&'static [u8]>::xlsx(
            std::io::Cursor::new(b"id,flush-water\n".to_vec()),
            &engine,
            &Limits::default(),
            None,
        )
        .err()
        .unwrap()
        .to_string();
        assert!(
            csv_as_xlsx.starts_with("products: the workbook cannot be read: "),
            "{csv_as_xlsx}"
        );
    }
}

/// The command line: `--encoding` on the commands that read products, plans detected, the
/// file-level faults exit 2 with one located line, an `.xlsx` read by its name.
#[cfg(feature = "cli")]
mod cli {
    use super::*;

    fn data(name: &str) -> String {
        format!("{}/tests/data/findings/{name}", env!("CARGO_MANIFEST_DIR"))
    }

    fn run(args: &[&str]) -> (Option<i32>, String, String) {
        let out = common::duibiao().args(args).output().unwrap();
        (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }

    #[test]
    fn every_command_reads_gbk_products_and_refuses_them_as_utf8() {
        let (plan2, gbk) = (data("plan2.toml"), data("gbk_zh.csv"));
        let (code, out, err) = run(&["evaluate", &plan2, "--products", &gbk, "--format", "csv"]);
        assert_eq!((code, err.as_str()), (Some(0), ""));
        assert_eq!(
            out,
            "product,class,decided-by,exceeding-weight,core-weight,冲水量,冲水量.margin,待机功率,待机功率.margin,error\nP1,leader,冲水量 待机功率,2,2,exceeds,0.5,exceeds,0.5,\n"
        );
        for command in ["evaluate", "rank", "report"] {
            let (code, out, err) =
                run(&[command, &plan2, "--products", &gbk, "--encoding", "gb18030"]);
            assert_eq!(code, Some(0), "{command}: {err}");
            assert!(out.contains("P1"), "{command}: {out}");
            let (code, out, err) =
                run(&[command, &plan2, "--products", &gbk, "--encoding", "utf-8"]);
            assert_eq!((code, out.as_str()), (Some(2), ""), "{command}");
            assert_eq!(
                err,
                format!("error: {gbk}: products: line 1, byte 3: the file is not UTF-8 (it looks like GB18030, as Excel saves \"CSV (逗号分隔)\" on Chinese Windows): read it with --encoding gb18030, or save it as \"CSV UTF-8 (逗号分隔)\"\n"),
                "{command}"
            );
        }
        let (code, _, err) = run(&[
            "evaluate",
            &plan2,
            "--products",
            &gbk,
            "--encoding",
            "latin1",
        ]);
        assert_eq!(code, Some(2));
        assert_eq!(
            err,
            "error: encoding \"latin1\": expected auto, utf-8, gb18030, gbk, utf-16le or utf-16be\n"
        );
    }

    #[test]
    fn rank_reads_a_gbk_standards_file_as_its_utf8_form() {
        let plan = format!(
            "{}/examples/plans/smart-toilet.toml",
            env!("CARGO_MANIFEST_DIR")
        );
        let utf8 = format!(
            "{}/examples/plans/smart-toilet.standards.csv",
            env!("CARGO_MANIFEST_DIR")
        );
        let dir = std::env::temp_dir().join(format!("duibiao-standards-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let gbk = dir.join("standards.csv");
        std::fs::write(&gbk, gb18030(&std::fs::read_to_string(&utf8).unwrap())).unwrap();
        let expected = run(&["rank", &plan, "--standards", &utf8, "--format", "csv"]);
        assert_eq!(expected.0, Some(0), "{}", expected.2);
        assert!(expected.1.lines().count() > 2, "{}", expected.1);
        let gbk = gbk.to_str().unwrap();
        for encoding in ["auto", "gbk"] {
            let got = run(&[
                "rank",
                &plan,
                "--standards",
                gbk,
                "--format",
                "csv",
                "--encoding",
                encoding,
            ]);
            assert_eq!(got, expected, "{encoding}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_header_fault_exits_2_without_a_warning_about_its_columns() {
        let plan = data("plan.toml");
        for name in ["header_case.csv", "semicolon.csv", "empty.csv", "utf16.csv"] {
            let (code, out, err) = run(&[
                "evaluate",
                &plan,
                "--products",
                &data(name),
                "--encoding",
                "gb18030",
            ]);
            assert_eq!((code, out.as_str()), (Some(2), ""), "{name}");
            assert_eq!(err.lines().count(), 1, "{name}: {err}");
            assert!(!err.contains("names no indicator"), "{name}: {err}");
        }
        let (_, _, err) = run(&["evaluate", &plan, "--products", &data("header_case.csv")]);
        assert_eq!(
            err,
            format!("error: {}: products: line 1: the first column must be \"id\", found \"ID\": write it in lower case\n", data("header_case.csv"))
        );
    }

    #[test]
    fn json_products_and_plans_are_decoded_too() {
        let plan = data("plan.toml");
        let (code, out, err) = run(&[
            "evaluate",
            &plan,
            "--products",
            &data("j_gbk.json"),
            "--format",
            "csv",
        ]);
        assert_eq!((code, err.as_str()), (Some(0), ""));
        assert!(
            out.ends_with("样品,leader,flush-water,1,1,exceeds,0.5,\n"),
            "{out}"
        );
        let (code, out, _) = run(&["validate", &data("p_bom.toml")]);
        assert_eq!((code, out.as_str()), (Some(0), "ok\n"));
        let (code, _, err) = run(&["validate", &data("p_gbk.toml")]);
        assert_eq!(code, Some(2));
        assert!(err.contains("subjec智能坐便器"), "decoded: {err}");
        let (code, _, err) = run(&["validate", &data("p_binary.toml")]);
        assert_eq!(code, Some(2));
        assert_eq!(
            err,
            format!("error: {}: line 1, byte 0: the file is not UTF-8 text (it holds NUL bytes: a binary file?): save it as UTF-8\n", data("p_binary.toml"))
        );
    }

    #[cfg(feature = "xlsx")]
    #[test]
    fn an_xlsx_file_is_read_by_its_name_and_sheet() {
        let dir = std::env::temp_dir().join(format!("duibiao-xlsx-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("products.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet();
        ws.set_name("封面").unwrap();
        ws.write_string(0, 0, "检测报告").unwrap();
        let ws = book.add_worksheet();
        ws.set_name("结果").unwrap();
        ws.write_string(0, 0, "id").unwrap();
        ws.write_string(0, 1, "flush-water").unwrap();
        ws.write_string(1, 0, "P1").unwrap();
        ws.write_number(1, 1, 3.5).unwrap();
        book.save(&path).unwrap();
        let (plan, products) = (data("plan.toml"), path.to_str().unwrap().to_owned());
        let (code, out, err) = run(&[
            "evaluate",
            &plan,
            "--products",
            &products,
            "--sheet",
            "结果",
            "--format",
            "csv",
        ]);
        assert_eq!((code, err.as_str()), (Some(0), ""));
        assert_eq!(
            out,
            "product,class,decided-by,exceeding-weight,core-weight,flush-water,flush-water.margin,error\nP1,leader,flush-water,1,1,exceeds,0.5,\n"
        );
        let (code, _, err) = run(&["evaluate", &plan, "--products", &products]);
        assert_eq!(code, Some(2));
        assert_eq!(
            err,
            format!("error: {products}: products: row 1: the first column must be \"id\", found \"检测报告\"\n")
        );
        let (code, _, err) = run(&[
            "evaluate",
            &plan,
            "--products",
            &data("gbk_zh.csv"),
            "--sheet",
            "结果",
        ]);
        assert_eq!(code, Some(2));
        assert_eq!(
            err,
            format!(
                "error: {}: --sheet reads a sheet of an .xlsx workbook, and this is not one\n",
                data("gbk_zh.csv")
            )
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
