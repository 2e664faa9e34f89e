//! The messages of products files in English and Chinese, word for word, and their kinds
//! (issue 13): a header without `id`, an encoding refusal, a row beyond `row_bytes`, a JSON
//! entry's fault, a column or key given twice, a read that failed, a plan beyond a limit.

use duibiao::product::{CsvRows, Encoding, JsonRows};
use duibiao::{Error, ErrorKind, Lang, Limits, Plan};

/// The error's kind, English and Chinese messages.
fn check(e: &Error, kind: ErrorKind, en: &str, zh: &str) {
    assert_eq!(e.kind(), kind, "{e}");
    assert_eq!(e.code(), kind.code());
    assert_eq!(e.to_string(), en);
    assert_eq!(e.message(Lang::En), en);
    assert_eq!(e.message(Lang::Zh), zh);
    assert_eq!(e.message(Lang::Both), format!("{zh} — {en}"));
}

fn header_error(text: &str) -> Error {
    CsvRows::new(text.as_bytes(), &Limits::default())
        .err()
        .expect("refused")
}

#[test]
fn a_header_without_id() {
    check(
        &header_error("P1,flush-water\n"),
        ErrorKind::Syntax,
        r#"products: line 1: the first column must be "id", found "P1""#,
        r#"产品文件：第 1 行：第一列必须是 "id"，却是 "P1""#,
    );
    check(
        &header_error("ID,flush-water\n"),
        ErrorKind::Syntax,
        r#"products: line 1: the first column must be "id", found "ID": write it in lower case"#,
        r#"产品文件：第 1 行：第一列必须是 "id"，却是 "ID"，请用小写"#,
    );
    check(
        &header_error("id;flush-water\n"),
        ErrorKind::Syntax,
        r#"products: line 1: the columns are separated by ";", not commas: save the file as comma-separated CSV ("CSV UTF-8 (逗号分隔)")"#,
        r#"产品文件：第 1 行：各列以分号（";"）分隔，而不是逗号，请另存为逗号分隔的 CSV（"CSV UTF-8 (逗号分隔)"）"#,
    );
    check(
        &header_error(""),
        ErrorKind::Syntax,
        r#"products: the file is empty: a products file starts with a header such as "id,flush-water" (the product id, then one column per indicator id)"#,
        r#"产品文件：文件为空，产品文件应以表头开头，如 "id,flush-water"（先是产品编号，然后每个指标编号一列）"#,
    );
}

#[test]
fn a_column_or_key_given_twice() {
    check(
        &header_error("id,a,a\n"),
        ErrorKind::Duplicate,
        r#"products: line 1: column "a" appears twice (columns 2 and 3): which value counts?"#,
        r#"产品文件：第 1 行：列 "a" 出现两次（第 2 列和第 3 列），应以哪一列的数值为准？"#,
    );
    let text = br#"[{"id": "P1", "values": {"a": "1", "a": "2"}}, {"id": "P2", "id": "P3"}]"#;
    let errors: Vec<Error> = JsonRows::array(&text[..], &Limits::default())
        .unwrap()
        .filter_map(Result::err)
        .collect();
    check(
        &errors[0],
        ErrorKind::Duplicate,
        r#"products[0]: product "P1": "a" appears twice in values"#,
        r#"产品条目 products[0]：产品 "P1"："a" 在 values 中出现两次"#,
    );
    // The JSON reader's own words are shown as they are.
    check(
        &errors[1],
        ErrorKind::Duplicate,
        "products[1]: duplicate field `id`",
        "产品条目 products[1]：duplicate field `id`",
    );
}

#[test]
fn an_encoding_refusal() {
    let gbk = b"id,flush-water\nP1,3.5 \xc9\xfd\n"; // "3.5 升" in GBK
    let mut rows = CsvRows::with_encoding(&gbk[..], &Limits::default(), Encoding::Utf8).unwrap();
    check(
        &rows.next().unwrap().unwrap_err(),
        ErrorKind::Encoding,
        r#"products: line 2, byte 22: the file is not UTF-8 (it looks like GB18030, as Excel saves "CSV (逗号分隔)" on Chinese Windows): read it with --encoding gb18030, or save it as "CSV UTF-8 (逗号分隔)""#,
        r#"产品文件：第 2 行，字节偏移 22：文件不是 UTF-8（似乎是 GB18030，中文版 Windows 上的 Excel 保存 "CSV (逗号分隔)" 时用的就是它），可用 --encoding gb18030 读取；或请另存为 "CSV UTF-8 (逗号分隔)""#,
    );
    // A plan's text, decoded whole.
    check(
        &Encoding::Auto.decode(b"PK\x03\x04\x14\0\0\0").unwrap_err(),
        ErrorKind::Encoding,
        "line 1, byte 0: the file is an Excel workbook (.xlsx) or another zip archive, not text: save it as UTF-8 text",
        "第 1 行，字节偏移 0：该文件是 Excel 工作簿（.xlsx）或其他 zip 压缩文件，不是文本，请另存为 UTF-8 文本",
    );
    // A JSON entry that is not UTF-8.
    let text = b"[{\"id\": \"P\xff\"}]";
    let mut rows = JsonRows::array(&text[..], &Limits::default()).unwrap();
    check(
        &rows.next().unwrap().unwrap_err(),
        ErrorKind::Encoding,
        "products[0]: line 1, column 11: the text is not UTF-8: save the file as UTF-8",
        "产品条目 products[0]：第 1 行第 11 列：文本不是 UTF-8，请将文件另存为 UTF-8",
    );
    // An unknown encoding name is a value not allowed, not a file in an encoding.
    check(
        &"latin1".parse::<Encoding>().unwrap_err(),
        ErrorKind::Invalid,
        r#"encoding "latin1": expected auto, utf-8, gb18030, gbk, utf-16le or utf-16be"#,
        r#"编码 "latin1"：应为 auto、utf-8、gb18030、gbk、utf-16le 或 utf-16be"#,
    );
}

#[test]
fn beyond_a_limit() {
    let mut limits = Limits::default();
    limits.row_bytes = 12;
    let rows = CsvRows::new(&b"id,a\nP1,1\nP2,12345678901234\n"[..], &limits).unwrap();
    let results: Vec<_> = rows.collect();
    assert!(results[0].is_ok());
    check(
        results[1].as_ref().unwrap_err(),
        ErrorKind::Limit,
        "products: a row longer than 12 bytes (limit `row_bytes`)",
        "产品文件：一行超过 12 字节（限额 `row_bytes`）",
    );
    let text = br#"[{"id": "P1"}, {"id": "P2", "values": {"flush-water": "3.5 L"}}]"#;
    let mut rows = JsonRows::array(&text[..], &limits).unwrap();
    check(
        &rows.nth(1).unwrap().unwrap_err(),
        ErrorKind::Limit,
        "products[1]: an entry longer than 12 bytes (limit `row_bytes`)",
        "产品条目 products[1]：条目超过 12 字节（限额 `row_bytes`）",
    );
    let mut limits = Limits::default();
    limits.id_bytes = 2;
    let mut rows = CsvRows::new(&b"id,a\nP12,1\n"[..], &limits).unwrap();
    check(
        &rows.next().unwrap().unwrap_err(),
        ErrorKind::Limit,
        r#"line 2: product id "P12": longer than 2 bytes (limit `id_bytes`)"#,
        r#"第 2 行：产品编号 "P12"：超过 2 字节（限额 `id_bytes`）"#,
    );
    limits.columns = 2;
    check(
        &CsvRows::new(&b"id,a,b\n"[..], &limits).err().unwrap(),
        ErrorKind::Limit,
        "products: line 1: 3 columns, more than the 2 a products file may hold (limit `columns`)",
        "产品文件：第 1 行：3 列，超过产品文件可容纳的 2 列（限额 `columns`）",
    );
    // A plan beyond a limit.
    let mut limits = Limits::default();
    limits.indicators = 1;
    let plan = r#"
schema_version = 1
category = { en = "smart toilet" }
standards = [{ code = "T/CZGX 001-2022", role = "benchmark" }]
[[indicators]]
id = "flush-water"
direction = "lower-is-better"
[[indicators]]
id = "noise"
direction = "lower-is-better"
"#;
    check(
        &Plan::from_toml_str_with(plan, &limits).unwrap_err(),
        ErrorKind::Limit,
        "plan: indicators: 2 indicators, more than the 1 a plan may hold (limit `indicators`)",
        "方案：indicators：2 个指标，超过一个方案可容纳的 1 个（限额 `indicators`）",
    );
    limits.nesting = 2;
    check(
        &Plan::from_json_str_with(r#"{"a": [[1]]}"#, &limits).unwrap_err(),
        ErrorKind::Limit,
        "plan: tables and arrays nested 3 deep, deeper than 2 (limit `nesting`)",
        "方案：表与数组嵌套 3 层，超过 2 层（限额 `nesting`）",
    );
}

#[test]
fn a_json_entry_fault() {
    let text = br#"[{"id": "P1", "values": {"a": "x"}}, {"id": "P2", "values": {" a": "1"}}, {"id": "P3", "values": {"a": "1"} x}]"#;
    let errors: Vec<Error> = JsonRows::array(&text[..], &Limits::default())
        .unwrap()
        .filter_map(Result::err)
        .collect();
    check(
        &errors[0],
        ErrorKind::Syntax,
        r#"products[0]: product "P1": indicator "a": value "x": expected a number such as "3.9", "4800 mL" or "16.5(+)""#,
        r#"产品条目 products[0]：产品 "P1"：指标 "a"：数值 "x"：应为数值，如 "3.9"、"4800 mL" 或 "16.5(+)""#,
    );
    check(
        &errors[1],
        ErrorKind::Invalid,
        r#"products[1]: product "P2": " a" in values has leading or trailing whitespace: write "a""#,
        r#"产品条目 products[1]：产品 "P2"：values 中的 " a" 首尾有空白，请写 "a""#,
    );
    check(
        &errors[2],
        ErrorKind::Syntax,
        r#"products[2]: line 1, column 109: "x": expected `,` or `}`"#,
        r#"产品条目 products[2]：第 1 行第 109 列："x"：expected `,` or `}`"#,
    );
    // A fault of the file stops the reading.
    let mut rows = JsonRows::array(&b"[{\"id\": \"P1\"},"[..], &Limits::default()).unwrap();
    assert!(rows.next().unwrap().is_ok());
    check(
        &rows.next().unwrap().unwrap_err(),
        ErrorKind::Syntax,
        "products: line 1, column 15: EOF while parsing a list",
        "产品文件：第 1 行第 15 列：EOF while parsing a list",
    );
    assert!(rows.stopped());
    check(
        &JsonRows::lines(&b"[]"[..], &Limits::default()).err().unwrap(),
        ErrorKind::Syntax,
        "products: line 1, column 1: a JSON array, but JSON Lines holds one product object per line: read the file as a JSON array (.json)",
        "产品文件：第 1 行第 1 列：这是 JSON 数组，而 JSON Lines 每行一个产品对象，请按 JSON 数组（.json）读取该文件",
    );
}

/// A reader whose every read fails.
struct Broken;

impl std::io::Read for Broken {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        Err(std::io::Error::other("the disk is gone"))
    }
}

#[test]
fn a_read_that_failed() {
    let limits = Limits::default();
    for e in [
        JsonRows::array(Broken, &limits).err().unwrap(),
        CsvRows::new(Broken, &limits).err().unwrap(),
    ] {
        check(
            &e,
            ErrorKind::Io,
            "products: line 1: the disk is gone",
            "产品文件：第 1 行：the disk is gone",
        );
    }
}
