//! Products: the values a product declares or a lab measured, one per indicator, read from CSV
//! or JSON.
//!
//! CSV: a header with an `id` column and one column per indicator id; each cell a value as
//! [`Measurement`] reads it (`3.9 L`, `3.9 ± 0.1 L`, `16.5(+)`, a bare number in the
//! indicator's unit), `pass`/`fail` (`合格`/`不合格`) for qualitative indicators, or empty for a
//! missing value. JSON: an array of `{ "id": "P1", "values": { "flush-water": "3.9 L" } }`;
//! JSON Lines: one such object per line.
//!
//! Reading streams: [`read_csv`] ([`CsvRows`]) yields one product per row and [`JsonRows`] one
//! per JSON entry or line, with flat memory; a bad row or entry is an error for it alone, with
//! its place ([`Place`]: `line 7`, `products[3]`).

use std::collections::BTreeMap;
use std::io::Read;

use serde::{Deserialize, Serialize};

pub use crate::encoding::{Decoder, Encoding};
use crate::error::msg::{
    PLACE_INDICATOR, PLACE_LINE, PLACE_LINE_COLUMN, PLACE_PRODUCT, PLACE_PRODUCTS,
    PLACE_PRODUCTS_ENTRY, PLACE_ROW,
};
use crate::error::{t, Error, ErrorKind, Text};
use crate::limits::Limits;
use crate::measurement::Measurement;

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        /// Text of the input quoted before what is wrong with it.
        QUOTE = "{0}", "{0}";
        NAMED_ID_AND_ZH = "column {0} \"{1}\" is the id of indicator \"{2}\" and the Chinese name of {3}: name the column by the id it means ({4})",
            "第 {0} 列 \"{1}\" 既是指标 \"{2}\" 的编号，又是{3}的中文名称，请用所指指标的编号作列名（{4}）";
        NAMED_ZH = "column {0} \"{1}\" is the Chinese name of {2}: name the column by the id it means ({3})",
            "第 {0} 列 \"{1}\" 是{2}的中文名称，请用所指指标的编号作列名（{3}）";
        NAMED_BOTH = "columns {0} \"{1}\" and {2} \"{3}\" both name indicator \"{4}\" (by its id and by its Chinese name): keep one",
            "第 {0} 列 \"{1}\" 和第 {2} 列 \"{3}\" 都指向指标 \"{4}\"（分别按编号和中文名称），请只保留一列";
        INDICATOR_ONE = "indicator {0}", "指标 {0}";
        INDICATORS_MANY = "indicators {0} and {1}", "指标 {0} 和 {1}";
        LIST_COMMA = "{0}, {1}", "{0}、{1}";
        LIST_OR = "{0} or {1}", "{0} 或 {1}";
        ID_MISSING = "a product needs an id", "产品需要编号";
        ID_TOO_LONG = "longer than {0} bytes (limit `id_bytes`)", "超过 {0} 字节（限额 `id_bytes`）";
        ROW_CELLS = "{0} cells for {1} columns", "有 {0} 个单元格，但只有 {1} 列";
        CELL_TOO_LONG = "longer than {0} bytes", "超过 {0} 字节";
        COLUMNS = "{0} columns, more than the {1} a products file may hold (limit `columns`)",
            "{0} 列，超过产品文件可容纳的 {1} 列（限额 `columns`）";
        COLUMN_TWICE = "column \"{0}\" appears twice (columns {1} and {2}): which value counts?",
            "列 \"{0}\" 出现两次（第 {1} 列和第 {2} 列），应以哪一列的数值为准？";
        EMPTY_CSV = "the file is empty: a products file starts with a header such as \"id,flush-water\" (the product id, then one column per indicator id)",
            "文件为空，产品文件应以表头开头，如 \"id,flush-water\"（先是产品编号，然后每个指标编号一列）";
        DELIMITER = "the columns are separated by {0}, not commas: save the file as comma-separated CSV (\"CSV UTF-8 (逗号分隔)\")",
            "各列以{0}分隔，而不是逗号，请另存为逗号分隔的 CSV（\"CSV UTF-8 (逗号分隔)\"）";
        SEMICOLON = "\";\"", "分号（\";\"）";
        TABS = "tabs", "制表符";
        FIRST_COLUMN_CASE = "the first column must be \"id\", found \"{0}\": write it in lower case",
            "第一列必须是 \"id\"，却是 \"{0}\"，请用小写";
        FIRST_COLUMN_MOVE = "the first column must be \"id\", found \"{0}\": move column {1} \"{2}\" first",
            "第一列必须是 \"id\"，却是 \"{0}\"，请把第 {1} 列 \"{2}\" 移到最前";
        FIRST_COLUMN = "the first column must be \"id\", found \"{0}\"", "第一列必须是 \"id\"，却是 \"{0}\"";
        ROW_TOO_LONG = "a row longer than {0} bytes (limit `row_bytes`)", "一行超过 {0} 字节（限额 `row_bytes`）";
        ENTRY_TOO_LONG = "an entry longer than {0} bytes (limit `row_bytes`)", "条目超过 {0} 字节（限额 `row_bytes`）";
        LINE_TOO_LONG = "a line longer than {0} bytes (limit `row_bytes`)", "一行超过 {0} 字节（限额 `row_bytes`）";
        PRODUCTS_BYTES = "{0} bytes, more than the {1} a products file may hold (limit `products_bytes`)",
            "{0} 字节，超过产品文件可容纳的 {1} 字节（限额 `products_bytes`）";
        NOT_AN_ARRAY = "expected a JSON array of products such as [{0}], found {1}",
            "应为产品的 JSON 数组，如 [{0}]，却是{1}";
        AN_OBJECT = "an object", "一个对象";
        A_STRING = "a string", "一个字符串";
        A_BOOLEAN = "a boolean", "一个布尔值";
        NULL = "null", "null（空值）";
        A_NUMBER = "a number", "一个数字";
        EXPECTED_ARRAY = "expected a JSON array of products such as [{0}]", "应为产品的 JSON 数组，如 [{0}]";
        EMPTY_ARRAY = "the file is empty: expected a JSON array of products such as [{0}]",
            "文件为空，应为产品的 JSON 数组，如 [{0}]";
        EMPTY_LINES = "the file is empty: expected one product per line such as {0}",
            "文件为空，应每行一个产品，如 {0}";
        LINES_ARRAY = "a JSON array, but JSON Lines holds one product object per line: read the file as a JSON array (.json)",
            "这是 JSON 数组，而 JSON Lines 每行一个产品对象，请按 JSON 数组（.json）读取该文件";
        NOT_UTF8 = "the text is not UTF-8: save the file as UTF-8", "文本不是 UTF-8，请将文件另存为 UTF-8";
        AFTER_ARRAY = "text after the end of the array", "数组结束之后还有文本";
        TRAILING_COMMA = "trailing comma: remove the \",\" before \"]\"", "多余的逗号，请删除 \"]\" 之前的 \",\"";
        EXPECTED_PRODUCT = "expected a product such as {0}", "应为产品，如 {0}";
        EXPECTED_VERDICT = "expected a verdict such as {0}", "应为判定结果，如 {0}";
        PLACE_VERDICTS = "verdicts", "判定结果文件";
        /// An entry of a verdicts JSON array, counted from 0 as in `verdicts[0]`.
        PLACE_VERDICTS_ENTRY = "verdicts[{0}]", "判定结果条目 verdicts[{0}]";
        VALUES_NO_ID = "\"{0}\" in values: a value needs an indicator id",
            "values 中的 \"{0}\" 不是指标编号，每个数值都需要指标编号";
        VALUES_SPACE = "\"{0}\" in values has leading or trailing whitespace: write \"{1}\"",
            "values 中的 \"{0}\" 首尾有空白，请写 \"{1}\"";
        VALUES_TWICE = "\"{0}\" appears twice in values", "\"{0}\" 在 values 中出现两次";
        BEYOND_HEADER = "beyond the header", "超出表头的列";
    }
}

/// One declared or measured value. In JSON it is its text, as a products file writes it
/// (`"3.9 L"`, `"pass"`); `true` and `false` are read as `pass` and `fail` too.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Value {
    /// A number with its unit, uncertainty and mark as given.
    Measured(Measurement),
    /// The outcome of a qualitative test: `true` for pass.
    Qualitative(bool),
}

impl std::str::FromStr for Value {
    type Err = Error;

    fn from_str(s: &str) -> Result<Value, Error> {
        match s.trim() {
            "pass" | "PASS" | "Pass" | "合格" | "符合" => Ok(Value::Qualitative(true)),
            "fail" | "FAIL" | "Fail" | "不合格" | "不符合" => Ok(Value::Qualitative(false)),
            text => text.parse().map(Value::Measured),
        }
    }
}

impl Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Value;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(r#"a value such as "3.9 L" or "pass""#)
            }

            fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<Value, E> {
                Ok(Value::Qualitative(b))
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Value, E> {
                text.parse().map_err(Error::into_serde)
            }
        }
        d.deserialize_any(V)
    }
}

impl schemars::JsonSchema for Value {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Value".into()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        "duibiao::product::Value".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": ["string", "boolean"],
            "description": "A value as a products file writes it: a number with its digits, optionally a unit, an uncertainty and a mark, or the outcome of a qualitative test (pass, fail, 合格, 不合格; true and false are read as pass and fail).",
            "examples": ["3.9 L", "9.8 ± 0.3 mg/kg", "pass"]
        })
    }
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Measured(m) => write!(f, "{m}"),
            Value::Qualitative(true) => f.write_str("pass"),
            Value::Qualitative(false) => f.write_str("fail"),
        }
    }
}

/// A product: its id and its values by indicator id. An indicator without a value is missing.
///
/// In JSON a product without attributes is an entry of a products file
/// (`{"id": "P1", "values": {"flush-water": "3.9 L"}}`, [`read_json`]); its attributes, if
/// any, are the object `attributes` (a products file gives them as keys of `values`, which
/// only a plan tells apart). Reading back gives the same product.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Product {
    /// `id`: the product's id (model, sample or enterprise code).
    pub id: String,
    /// `values`: the values, by indicator id.
    #[serde(default)]
    pub values: BTreeMap<String, Value>,
    /// `attributes`: the declared attributes' values (`plant` → `new`), by attribute id, as
    /// written (trimmed): never judged, they choose bands.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
}

impl Product {
    /// A product with no values yet.
    pub fn new(id: impl Into<String>) -> Product {
        Product {
            id: id.into(),
            values: BTreeMap::new(),
            attributes: BTreeMap::new(),
        }
    }

    /// Adds a declared attribute's value (`plant` = `new`), trimmed; an empty text is a
    /// missing value.
    ///
    /// ```
    /// let p = duibiao::Product::new("P1").with_attribute("plant", "new");
    /// assert_eq!(p.attributes["plant"], "new");
    /// ```
    #[must_use]
    pub fn with_attribute(mut self, attribute: &str, text: &str) -> Product {
        let text = text.trim();
        if !text.is_empty() {
            self.attributes
                .insert(attribute.to_owned(), text.to_owned());
        }
        self
    }

    /// Adds a value read from text (`3.9 L`, `pass`).
    ///
    /// ```
    /// let p = duibiao::Product::new("P1").with("flush-water", "3.9 L")?;
    /// assert_eq!(p.values["flush-water"].to_string(), "3.9 L");
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// When the text is not a value.
    pub fn with(mut self, indicator: &str, text: &str) -> Result<Product, Error> {
        let value = text.parse().map_err(|e: Error| {
            e.place(t!(PLACE_INDICATOR, indicator))
                .place(t!(PLACE_PRODUCT, &self.id))
        })?;
        self.values.insert(indicator.to_owned(), value);
        Ok(self)
    }
}

#[cfg(feature = "xlsx")]
pub(crate) mod xlsx;

/// The longest cell read at all.
const MAX_CELL: usize = Limits::CELL_BYTES;

/// Reads products from CSV, one per row, streaming. Each item is a product or the error of its
/// row (`line 7: indicator "flush-water": value "abc": …`); reading goes on after a bad row.
/// Every column but `id` is read as a value: this reader knows no plan. To read products for a
/// plan, with the columns that name no indicator ignored, use [`CsvRows::keep_only`] (the
/// stream API, [`crate::stream`], does).
///
/// # Errors
///
/// The iterator's items are errors for rows that cannot be read; the header itself is read on
/// the first call and its faults are the first item.
pub fn read_csv<R: Read>(reader: R) -> impl Iterator<Item = Result<Product, Error>> {
    read_csv_with(reader, &Limits::default())
}

/// Like [`read_csv`], within `limits`: at most [`Limits::columns`] columns, rows of at most
/// [`Limits::row_bytes`] bytes, ids of at most [`Limits::id_bytes`] bytes. A row too long
/// ends the reading with an error (the reader cannot find the next row without reading it).
///
/// # Errors
///
/// As [`read_csv`].
pub fn read_csv_with<R: Read>(
    reader: R,
    limits: &Limits,
) -> impl Iterator<Item = Result<Product, Error>> {
    let (first, rows) = match CsvRows::new(reader, limits) {
        Ok(rows) => (None, Some(rows)),
        Err(e) => (Some(Err(e)), None),
    };
    first.into_iter().chain(rows.into_iter().flatten())
}

/// A products CSV read row by row within [`Limits`]: the header checked once (`id` first,
/// no column twice, at most [`Limits::columns`]), each row bounded by [`Limits::row_bytes`]
/// while it is read, ids by [`Limits::id_bytes`], cells by [`Limits::CELL_BYTES`]. As an
/// iterator it yields one product (or the error of its row, with its line) per row.
///
/// The file is decoded as it is read ([`Decoder`]): UTF-8 with or without a byte order mark,
/// GB18030 (GBK) and UTF-16 with a byte order mark are detected ([`CsvRows::new`]) or named
/// ([`CsvRows::with_encoding`]). With the `xlsx` feature, [`CsvRows::xlsx`] reads the same
/// table from the first sheet of an Excel workbook (or a named one).
///
/// ```
/// use duibiao::product::CsvRows;
///
/// let text = "id,flush-water,备注\nP1,3.5,送检样品\n";
/// let rows = CsvRows::new(text.as_bytes(), &duibiao::Limits::default())?.keep_only(["flush-water"]);
/// assert_eq!(rows.ignored().collect::<Vec<_>>(), ["备注"]);
/// let products: Vec<_> = rows.collect::<Result<_, _>>()?;
/// assert_eq!(products[0].values.len(), 1); // the remark is not read
/// # Ok::<(), duibiao::Error>(())
/// ```
pub struct CsvRows<R> {
    records: Records<R>,
    columns: Vec<String>,
    /// Per column: read as a value (`id` and ignored columns are not).
    keep: Vec<bool>,
    /// Per column: read as a declared attribute's text (empty: none is).
    attributes: Vec<bool>,
    record: csv::StringRecord,
    /// The cells of the current row that hold no value (a workbook's dates, errors, booleans
    /// and numbers beyond 15 digits), by column, with what is wrong.
    faults: Vec<(usize, Text)>,
    id_bytes: usize,
    /// A row too long leaves the reader nowhere: no more rows.
    stopped: bool,
}

/// Where the rows come from.
enum Records<R> {
    Csv(Box<csv::Reader<RowBound<Decoder<R>>>>),
    #[cfg(feature = "xlsx")]
    Sheet(xlsx::Sheet),
}

impl<R: Read> CsvRows<R> {
    /// Reads and checks the header, detecting the encoding ([`Encoding::Auto`]).
    ///
    /// # Errors
    ///
    /// When the header cannot be read (not text in an encoding read, beyond a limit), the
    /// file is empty, the header does not start with `id` (a `;` or tab delimiter, `ID`), or
    /// names a column twice: each with its line and what to do.
    pub fn new(reader: R, limits: &Limits) -> Result<CsvRows<R>, Error> {
        CsvRows::with_encoding(reader, limits, Encoding::Auto)
    }

    /// Like [`CsvRows::new`], reading the file in `encoding` ([`Encoding::Auto`] detects it).
    ///
    /// ```
    /// use duibiao::product::{CsvRows, Encoding};
    ///
    /// let gbk = b"id,flush-water\nP1,3.5 \xc9\xfd\n"; // "3.5 升" in GBK
    /// let limits = duibiao::Limits::default();
    /// let mut rows = CsvRows::with_encoding(&gbk[..], &limits, Encoding::Gb18030)?;
    /// assert_eq!(rows.next().transpose()?.map(|p| p.values["flush-water"].to_string()), Some("3.5 L".into()));
    /// let mut rows = CsvRows::with_encoding(&gbk[..], &limits, Encoding::Utf8)?;
    /// assert!(rows.next().unwrap().unwrap_err().to_string().starts_with(
    ///     "products: line 2, byte 22: the file is not UTF-8 (it looks like GB18030"));
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`CsvRows::new`].
    pub fn with_encoding(
        reader: R,
        limits: &Limits,
        encoding: Encoding,
    ) -> Result<CsvRows<R>, Error> {
        let decoder = Decoder::of_kind(reader, encoding, crate::encoding::Kind::Csv);
        let mut records = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(RowBound::new(decoder, limits.row_bytes));
        let columns: Vec<String> = records
            .headers()
            .map(|h| h.iter().map(str::to_owned).collect())
            .map_err(|e| header_error(&e))?;
        check_header(&columns, limits, t!(PLACE_LINE, 1usize))?;
        Ok(CsvRows::of(
            Records::Csv(Box::new(records)),
            columns,
            limits,
        ))
    }

    /// Reads and checks the header of the first sheet of an Excel workbook (`.xlsx`), or of the
    /// sheet named `sheet`: the same table as a CSV file, each row located by its sheet row
    /// (`row 7`), within the same limits, and the workbook within
    /// [`Limits::workbook_bytes`]. No reader is kept (the sheet is read whole), so `R` is
    /// free: the reader type of the caller's other sources.
    ///
    /// A cell's text: a text cell's text; a number cell's shortest decimal that reads back as
    /// the same binary number (`97.0` typed in a number cell reads `97`, the same value; a
    /// number beyond 15 significant digits, a formula's binary rounding, is refused); a
    /// boolean, date or error cell is refused. A number cell formatted as a percentage reads
    /// as the percentage it shows, with its unit (`97%`, stored 0.97, reads `97 %`).
    ///
    /// # Errors
    ///
    /// When the workbook is larger than [`Limits::workbook_bytes`], cannot be read, has no
    /// sheet `sheet`, or its header is not a products header (as [`CsvRows::new`]).
    #[cfg(feature = "xlsx")]
    pub fn xlsx<W: Read + std::io::Seek>(
        workbook: W,
        limits: &Limits,
        sheet: Option<&str>,
    ) -> Result<CsvRows<R>, Error> {
        let (columns, sheet) = xlsx::read(workbook, sheet, limits)?;
        Ok(CsvRows::of(Records::Sheet(sheet), columns, limits))
    }

    fn of(records: Records<R>, columns: Vec<String>, limits: &Limits) -> CsvRows<R> {
        let keep = columns.iter().enumerate().map(|(k, _)| k > 0).collect();
        CsvRows {
            records,
            columns,
            keep,
            attributes: Vec::new(),
            record: csv::StringRecord::new(),
            faults: Vec::new(),
            id_bytes: limits.id_bytes,
            stopped: false,
        }
    }

    /// Reads only the columns named in `ids` (a plan's indicator ids); the others are ignored,
    /// never parsed (a remark, a model or a date column is normal in a lab sheet).
    #[must_use]
    pub fn keep_only<'a>(mut self, ids: impl IntoIterator<Item = &'a str>) -> CsvRows<R> {
        let ids: std::collections::BTreeSet<&str> = ids.into_iter().collect();
        self.keep = self
            .columns
            .iter()
            .enumerate()
            .map(|(k, c)| k > 0 && ids.contains(c.as_str()))
            .collect();
        self
    }

    /// Reads only the columns naming one of `indicators`, given as (id, Chinese name): a
    /// column is the indicator whose id it is, or whose Chinese name (`names.zh`, trimmed as
    /// column names are) it is; the others are ignored as with [`CsvRows::keep_only`]. A
    /// column read by its Chinese name reads as the indicator's id from then on.
    ///
    /// ```
    /// use duibiao::product::CsvRows;
    ///
    /// let text = "id,冲洗平均用水量\nP1,3.5\n";
    /// let rows = CsvRows::new(text.as_bytes(), &duibiao::Limits::default())?
    ///     .keep_named([("flush-water", Some("冲洗平均用水量"))])?;
    /// assert_eq!(rows.columns(), ["id", "flush-water"]);
    /// let p = rows.into_iter().next().unwrap()?;
    /// assert_eq!(p.values["flush-water"].to_string(), "3.5");
    ///
    /// let both = "id,flush-water,冲洗平均用水量\nP1,3.5,3.6\n";
    /// let error = CsvRows::new(both.as_bytes(), &duibiao::Limits::default())?
    ///     .keep_named([("flush-water", Some("冲洗平均用水量"))])
    ///     .err().unwrap();
    /// assert_eq!(
    ///     error.to_string(),
    ///     r#"products: line 1: columns 2 "flush-water" and 3 "冲洗平均用水量" both name indicator "flush-water" (by its id and by its Chinese name): keep one"#
    /// );
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// When a column could be two indicators (the id of one and the Chinese name of another,
    /// or the Chinese name of two), or two columns name the same indicator: the message names
    /// the ids to write instead.
    pub fn keep_named<'a>(
        mut self,
        indicators: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
    ) -> Result<CsvRows<R>, Error> {
        let indicators: Vec<(&str, Option<&str>)> = indicators
            .into_iter()
            .map(|(id, zh)| (id, zh.map(str::trim).filter(|z| !z.is_empty())))
            .collect();
        let header = self.header_place();
        let mut named: Vec<Option<&str>> = vec![None; self.columns.len()];
        for (k, column) in self.columns.iter().enumerate().skip(1) {
            let by_id = indicators.iter().find(|(id, _)| *id == column.as_str());
            let by_zh: Vec<&str> = indicators
                .iter()
                .filter(|(id, zh)| *zh == Some(column.as_str()) && Some(*id) != by_id.map(|i| i.0))
                .map(|(id, _)| *id)
                .collect();
            let shown = crate::number::truncate(column);
            let list = |ids: &[&str]| {
                let mut quoted = ids
                    .iter()
                    .map(|id| t!(msg::QUOTE, format!("\"{}\"", crate::number::truncate(id))));
                let first = quoted.next().unwrap_or_else(|| t!(msg::QUOTE, ""));
                quoted.fold(first, |all, next| t!(msg::LIST_OR, all, next))
            };
            let indicator = match (by_id, by_zh.as_slice()) {
                (Some((id, _)), []) => Some(id),
                (None, [id]) => Some(id),
                (None, []) => None,
                (Some((id, _)), others) => {
                    return Err(Error::of(
                        ErrorKind::Invalid,
                        t!(
                            msg::NAMED_ID_AND_ZH,
                            k + 1,
                            shown,
                            crate::number::truncate(id),
                            indicators_named(others),
                            list(&[&[*id][..], others].concat())
                        ),
                    )
                    .place(header)
                    .place(t!(PLACE_PRODUCTS)))
                }
                (None, several) => {
                    return Err(Error::of(
                        ErrorKind::Invalid,
                        t!(
                            msg::NAMED_ZH,
                            k + 1,
                            shown,
                            indicators_named(several),
                            list(several)
                        ),
                    )
                    .place(header)
                    .place(t!(PLACE_PRODUCTS)))
                }
            };
            if let Some(slot) = named.get_mut(k) {
                *slot = indicator.copied();
            }
        }
        let mut seen: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for (k, id) in named.iter().enumerate() {
            let Some(id) = id else { continue };
            if let Some(first) = seen.insert(id, k) {
                let column = |k: usize| {
                    crate::number::truncate(self.columns.get(k).map_or("", String::as_str))
                };
                return Err(Error::of(
                    ErrorKind::Duplicate,
                    t!(
                        msg::NAMED_BOTH,
                        first + 1,
                        column(first),
                        k + 1,
                        column(k),
                        crate::number::truncate(id)
                    ),
                )
                .place(header)
                .place(t!(PLACE_PRODUCTS)));
            }
        }
        self.keep = named.iter().map(Option::is_some).collect();
        for (column, id) in self.columns.iter_mut().zip(&named) {
            if let Some(id) = id {
                (*id).clone_into(column);
            }
        }
        Ok(self)
    }

    /// Also reads the columns named by `ids` (a plan's declared attributes, `plant`) as text,
    /// into [`Product::attributes`]; call it after [`CsvRows::keep_only`] or
    /// [`CsvRows::keep_named`].
    ///
    /// ```
    /// use duibiao::product::CsvRows;
    ///
    /// let text = "id,flush-water,plant\nP1,3.5,new\n";
    /// let rows = CsvRows::new(text.as_bytes(), &duibiao::Limits::default())?
    ///     .keep_only(["flush-water"])
    ///     .keep_attributes(["plant"]);
    /// let p = rows.into_iter().next().unwrap()?;
    /// assert_eq!(p.attributes["plant"], "new");
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    #[must_use]
    pub fn keep_attributes<'a>(mut self, ids: impl IntoIterator<Item = &'a str>) -> CsvRows<R> {
        let ids: std::collections::BTreeSet<&str> = ids.into_iter().collect();
        if ids.is_empty() {
            return self;
        }
        self.attributes = self
            .columns
            .iter()
            .enumerate()
            .map(|(k, c)| k > 0 && ids.contains(c.as_str()))
            .collect();
        for (keep, attribute) in self.keep.iter_mut().zip(&self.attributes) {
            *keep |= *attribute;
        }
        self
    }

    /// The header's columns, `id` first (a column read by an indicator's Chinese name as the
    /// indicator's id, after [`CsvRows::keep_named`]).
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// The columns that are not read (after [`CsvRows::keep_only`]), in header order.
    pub fn ignored(&self) -> impl Iterator<Item = &str> {
        self.columns
            .iter()
            .zip(&self.keep)
            .skip(1)
            .filter(|(_, keep)| !**keep)
            .map(|(c, _)| c.as_str())
    }

    /// Where the header is: `line 1`, or the sheet row of a workbook.
    fn header_place(&self) -> Text {
        match &self.records {
            Records::Csv(_) => t!(PLACE_LINE, 1usize),
            #[cfg(feature = "xlsx")]
            Records::Sheet(sheet) => t!(PLACE_ROW, u64::from(sheet.header_row())),
        }
    }

    /// The place of row `n` as [`CsvRows::advance`] gives it: `line 7` in a CSV file, `row 7`
    /// in a sheet.
    pub(crate) fn place(&self, n: u64) -> Place {
        match &self.records {
            Records::Csv(_) => Place::Line(n),
            #[cfg(feature = "xlsx")]
            Records::Sheet(_) => Place::Row(n),
        }
    }

    /// Reads the next row into the reader's record: `Some(Ok(line))` (the sheet row in a
    /// workbook), `Some(Err)` for a row the CSV reader refuses, `None` at the end.
    #[cfg_attr(not(feature = "xlsx"), allow(clippy::infallible_destructuring_match))]
    pub(crate) fn advance(&mut self) -> Option<Result<u64, Error>> {
        if self.stopped {
            return None;
        }
        let records = match &mut self.records {
            Records::Csv(records) => records,
            #[cfg(feature = "xlsx")]
            Records::Sheet(sheet) => return sheet.next_row(&mut self.record, &mut self.faults),
        };
        match records.read_record(&mut self.record) {
            Ok(true) => Some(Ok(self.record.position().map_or(0, csv::Position::line))),
            Ok(false) => None,
            Err(e) => {
                // An I/O error (a row beyond `row_bytes`, a byte the decoder refuses) leaves the
                // reader nowhere: stop.
                self.stopped = matches!(e.kind(), csv::ErrorKind::Io(_));
                let line = e.position().map(csv::Position::line);
                let error = csv_error(&e).place(t!(PLACE_PRODUCTS));
                Some(Err(match line {
                    Some(l) if !self.stopped => error.place(t!(PLACE_LINE, l)),
                    _ => error,
                }))
            }
        }
    }

    /// True when the last error ended the reading (a row beyond `row_bytes`, a read that
    /// failed).
    pub(crate) fn stopped(&self) -> bool {
        self.stopped
    }

    /// The current row read against the header ([`RowView`]).
    pub(crate) fn view(&self) -> RowView<'_> {
        RowView {
            columns: &self.columns,
            keep: &self.keep,
            attributes: &self.attributes,
            id_bytes: self.id_bytes,
            record: &self.record,
            faults: &self.faults,
        }
    }

    /// What the header says of every row, for reading rows detached by
    /// [`CsvRows::swap_row`].
    pub(crate) fn shape(&self) -> RowShape {
        RowShape {
            columns: self.columns.clone(),
            keep: self.keep.clone(),
            attributes: self.attributes.clone(),
            id_bytes: self.id_bytes,
        }
    }

    /// Swaps the current row with `row`: the row just read is detached (to be checked and
    /// judged elsewhere), and `row`'s buffers are reused for the next read.
    pub(crate) fn swap_row(&mut self, row: &mut CsvRow) {
        std::mem::swap(&mut self.record, &mut row.record);
        std::mem::swap(&mut self.faults, &mut row.faults);
        self.faults.clear();
    }

    /// The current row's id ([`RowView::id`]).
    pub(crate) fn id(&self) -> Result<&str, Error> {
        self.view().id()
    }

    /// The current row as a product ([`RowView::to_product`]).
    pub(crate) fn to_product(&self) -> Result<Product, Error> {
        self.view().to_product()
    }
}

/// A row's cells detached from its reader ([`CsvRows::swap_row`]).
#[derive(Default)]
pub(crate) struct CsvRow {
    record: csv::StringRecord,
    faults: Vec<(usize, Text)>,
}

/// What the header says of every row: its columns, those read as values and as attributes,
/// the id limit.
#[derive(Default)]
pub(crate) struct RowShape {
    columns: Vec<String>,
    keep: Vec<bool>,
    attributes: Vec<bool>,
    id_bytes: usize,
}

impl RowShape {
    /// The header's columns, `id` first ([`CsvRows::columns`]).
    pub(crate) fn columns(&self) -> &[String] {
        &self.columns
    }

    /// A detached row read against this header.
    pub(crate) fn view<'a>(&'a self, row: &'a CsvRow) -> RowView<'a> {
        RowView {
            columns: &self.columns,
            keep: &self.keep,
            attributes: &self.attributes,
            id_bytes: self.id_bytes,
            record: &row.record,
            faults: &row.faults,
        }
    }
}

/// One row's cells read against the header: the checks and the product of a row, the same
/// for the reader's current row and for a row detached from it.
pub(crate) struct RowView<'a> {
    columns: &'a [String],
    keep: &'a [bool],
    attributes: &'a [bool],
    id_bytes: usize,
    record: &'a csv::StringRecord,
    faults: &'a [(usize, Text)],
}

impl<'a> RowView<'a> {
    /// The row's cells.
    pub(crate) fn record(&self) -> &'a csv::StringRecord {
        self.record
    }

    /// Whether a cell the current row reads (its id, a kept column, or one beyond the header)
    /// holds no value: a workbook's date, error or boolean cell.
    pub(crate) fn has_faults(&self) -> bool {
        self.faults
            .iter()
            .any(|(k, _)| *k == 0 || self.keep.get(*k).copied().unwrap_or(true))
    }

    /// The current row's id, checked as every path checks it: not empty, within `id_bytes`,
    /// and no more cells than columns.
    pub(crate) fn id(&self) -> Result<&'a str, Error> {
        let id = self.record.get(0).unwrap_or_default();
        if let Some((_, fault)) = self.faults.iter().find(|(k, _)| *k == 0) {
            return Err(Error::invalid("product id", id, fault.clone()));
        }
        check_id(id, self.id_bytes)?;
        let beyond = self.faults.iter().find(|(k, _)| *k >= self.columns.len());
        if self.record.len() > self.columns.len() || beyond.is_some() {
            let cells = beyond.map_or(self.record.len(), |(k, _)| k + 1);
            return Err(Error::invalid(
                "row",
                id,
                t!(msg::ROW_CELLS, cells, self.columns.len()),
            ));
        }
        Ok(id)
    }

    /// The current row as a product: its id and the value of each column read.
    pub(crate) fn to_product(&self) -> Result<Product, Error> {
        let id = self.id()?;
        let mut product = Product::new(id);
        for (k, ((column, cell), keep)) in self
            .columns
            .iter()
            .zip(self.record.iter())
            .zip(self.keep)
            .enumerate()
        {
            if !keep {
                continue;
            }
            let place = |e: Error| {
                e.place(t!(PLACE_INDICATOR, column))
                    .place(t!(PLACE_PRODUCT, id))
            };
            if let Some((_, fault)) = self.faults.iter().find(|(c, _)| *c == k) {
                return Err(place(Error::invalid(
                    "value",
                    &crate::number::truncate(cell),
                    fault.clone(),
                )));
            }
            if cell.is_empty() {
                continue;
            }
            if cell.len() > MAX_CELL {
                return Err(place(
                    Error::invalid(
                        "value",
                        &crate::number::truncate(cell),
                        t!(msg::CELL_TOO_LONG, MAX_CELL),
                    )
                    .with_kind(ErrorKind::Limit),
                ));
            }
            if self.attributes.get(k).copied().unwrap_or(false) {
                product = product.with_attribute(column, cell);
                continue;
            }
            product = product.with(column, cell)?;
        }
        Ok(product)
    }
}

/// "indicator "a"", or "indicators "a" and "b"".
fn indicators_named(ids: &[&str]) -> Text {
    let quoted: Vec<String> = ids
        .iter()
        .map(|id| format!("\"{}\"", crate::number::truncate(id)))
        .collect();
    match quoted.as_slice() {
        [one] => t!(msg::INDICATOR_ONE, one),
        [first, middle @ .., last] => {
            let init = middle.iter().fold(t!(msg::QUOTE, first), |all, next| {
                t!(msg::LIST_COMMA, all, next)
            });
            t!(msg::INDICATORS_MANY, init, last)
        }
        [] => t!(msg::QUOTE, ""),
    }
}

impl<R: Read> Iterator for CsvRows<R> {
    type Item = Result<Product, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        Some(self.advance()?.and_then(|line| {
            self.to_product()
                .map_err(|e| e.place(self.place(line).text()))
        }))
    }
}

/// The message for a header the CSV reader could not read: the decoder's or the row bound's
/// fault (which name their place), or the reader's own.
fn header_error(e: &csv::Error) -> Error {
    let error = csv_error(e);
    match e.kind() {
        csv::ErrorKind::Io(io) if crate::encoding::is_located(io) => error,
        _ => error.place(t!(PLACE_LINE, 1usize)),
    }
    .place(t!(PLACE_PRODUCTS))
}

/// A fault of the CSV reader: the crate's own (an encoding, a row beyond its bound) as it was
/// written, a read that failed, or the reader's message in its own words.
fn csv_error(e: &csv::Error) -> Error {
    match e.kind() {
        csv::ErrorKind::Io(io) => crate::encoding::read_error(io),
        _ => Error::of(ErrorKind::Syntax, crate::text::csv_text(e)),
    }
}

/// The header (at `place`, `line 1` or a sheet row): `id` first, at most `limits.columns`
/// columns, none twice. A header that is not one says what to do: a file saved with `;` or
/// tabs between the columns, `ID` in capitals, an empty file.
fn check_header(columns: &[String], limits: &Limits, place: Text) -> Result<(), Error> {
    if columns.len() > limits.columns {
        return Err(
            Error::limit(t!(msg::COLUMNS, columns.len(), limits.columns))
                .place(place)
                .place(t!(PLACE_PRODUCTS)),
        );
    }
    let first = columns.first().map(String::as_str).unwrap_or_default();
    if first != "id" {
        return Err(header_fault(columns, place).place(t!(PLACE_PRODUCTS)));
    }
    let mut seen = std::collections::BTreeMap::new();
    for (k, c) in columns.iter().enumerate() {
        if let Some(first) = seen.insert(c.as_str(), k) {
            return Err(Error::of(
                ErrorKind::Duplicate,
                t!(
                    msg::COLUMN_TWICE,
                    crate::number::truncate(c),
                    first + 1,
                    k + 1
                ),
            )
            .place(place)
            .place(t!(PLACE_PRODUCTS)));
        }
    }
    Ok(())
}

/// What is wrong with a header whose first column is not `id`, and what to do.
/// The error is of kind [`ErrorKind::Syntax`] and names `place` (but for an empty file).
fn header_fault(columns: &[String], place: Text) -> Error {
    let first = columns.first().map(String::as_str).unwrap_or_default();
    if columns.is_empty() || columns == [""] {
        return Error::of(ErrorKind::Syntax, t!(msg::EMPTY_CSV));
    }
    let syntax = |detail: Text| Error::of(ErrorKind::Syntax, detail).place(place.clone());
    for (delimiter, name) in [(';', msg::SEMICOLON), ('\t', msg::TABS)] {
        let head = first.split(delimiter).next().unwrap_or_default().trim();
        if columns.len() == 1 && first.contains(delimiter) && head.eq_ignore_ascii_case("id") {
            return syntax(t!(msg::DELIMITER, t!(name)));
        }
    }
    let shown = crate::number::truncate(first);
    if first.eq_ignore_ascii_case("id") {
        return syntax(t!(msg::FIRST_COLUMN_CASE, shown));
    }
    if let Some(k) = columns.iter().position(|c| c.eq_ignore_ascii_case("id")) {
        return syntax(t!(
            msg::FIRST_COLUMN_MOVE,
            shown,
            k + 1,
            crate::number::truncate(columns.get(k).map_or("", String::as_str))
        ));
    }
    syntax(t!(msg::FIRST_COLUMN, shown))
}

/// A product id: not empty, at most `id_bytes` long.
fn check_id(id: &str, id_bytes: usize) -> Result<(), Error> {
    if id.is_empty() {
        return Err(Error::invalid("product id", id, t!(msg::ID_MISSING)));
    }
    if id.len() > id_bytes {
        return Err(Error::invalid(
            "product id",
            &crate::number::truncate(id),
            t!(msg::ID_TOO_LONG, id_bytes),
        )
        .with_kind(ErrorKind::Limit));
    }
    Ok(())
}

/// A reader that fails once a CSV row (quoted line breaks included) grows past `max` bytes, so
/// that one endless row cannot take all memory.
pub(crate) struct RowBound<R> {
    inner: R,
    max: usize,
    row: usize,
    quoted: bool,
    /// The bytes before the long row were handed over; the next read fails.
    exceeded: bool,
}

impl<R> RowBound<R> {
    pub(crate) fn new(inner: R, max: usize) -> Self {
        RowBound {
            inner,
            max,
            row: 0,
            quoted: false,
            exceeded: false,
        }
    }
}

impl<R: Read> Read for RowBound<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let too_long =
            |max: usize| crate::encoding::Fault::io(ErrorKind::Limit, t!(msg::ROW_TOO_LONG, max));
        if self.exceeded {
            return Err(too_long(self.max));
        }
        let n = self.inner.read(buf)?;
        for (k, &b) in buf.get(..n).unwrap_or_default().iter().enumerate() {
            match b {
                b'"' => self.quoted = !self.quoted,
                b'\n' if !self.quoted => self.row = 0,
                _ => {}
            }
            self.row += 1;
            if self.row > self.max {
                // Hand over the rows before this one; fail on the next read.
                self.exceeded = true;
                return if k > 0 {
                    Ok(k)
                } else {
                    Err(too_long(self.max))
                };
            }
        }
        Ok(n)
    }
}

/// One entry of a products JSON file as written: its id and its values in the order given,
/// duplicates kept so that they can be refused (a map would keep the last one silently).
struct ProductRecord {
    id: String,
    values: Vec<(String, String)>,
}

const RECORD_FIELDS: &[&str] = &["id", "values"];

impl<'de> Deserialize<'de> for ProductRecord {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ProductRecord, D::Error> {
        d.deserialize_map(RecordVisitor)
    }
}

struct RecordVisitor;

impl<'de> serde::de::Visitor<'de> for RecordVisitor {
    type Value = ProductRecord;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(r#"a product such as {"id": "P1", "values": {"flush-water": "3.9 L"}}"#)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> Result<ProductRecord, A::Error> {
        use serde::de::Error as _;
        let mut id: Option<String> = None;
        let mut values: Option<Vec<(String, String)>> = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "id" if id.is_some() => return Err(A::Error::duplicate_field("id")),
                "id" => id = Some(map.next_value()?),
                "values" if values.is_some() => return Err(A::Error::duplicate_field("values")),
                "values" => values = Some(map.next_value::<RecordValues>()?.0),
                other => return Err(A::Error::unknown_field(other, RECORD_FIELDS)),
            }
        }
        Ok(ProductRecord {
            id: id.ok_or_else(|| A::Error::missing_field("id"))?,
            values: values.unwrap_or_default(),
        })
    }
}

/// The `values` object, every key and text in the order written.
struct RecordValues(Vec<(String, String)>);

impl<'de> Deserialize<'de> for RecordValues {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<RecordValues, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = RecordValues;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(
                    r#"an object of values by indicator id such as {"flush-water": "3.9 L"}"#,
                )
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RecordValues, A::Error> {
                let mut values = Vec::new();
                while let Some(entry) = map.next_entry::<String, String>()? {
                    values.push(entry);
                }
                Ok(RecordValues(values))
            }
        }
        d.deserialize_map(V)
    }
}

/// A serde_json message without its position (the position is in the entry, not the file),
/// in both languages.
fn entry_text(e: &serde_json::Error) -> Text {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full);
    crate::text::reader_text(crate::text::Reader::Json, message)
}

/// The kind of a serde_json fault of an entry: a key given twice, or JSON that is not a
/// product.
fn entry_kind(e: &serde_json::Error) -> ErrorKind {
    if e.is_data() && e.to_string().starts_with("duplicate field") {
        ErrorKind::Duplicate
    } else {
        ErrorKind::Syntax
    }
}

/// What a JSON text that is not an array starts, for the message.
fn json_kind(first: u8) -> Text {
    t!(match first {
        b'{' => msg::AN_OBJECT,
        b'"' => msg::A_STRING,
        b't' | b'f' => msg::A_BOOLEAN,
        b'n' => msg::NULL,
        _ => msg::A_NUMBER,
    })
}

/// The example every message about the shape of a products JSON file shows.
const JSON_EXAMPLE: &str = r#"{"id": "P1", "values": {"flush-water": "3.9 L"}}"#;

/// The example messages about the shape of a verdicts file show.
const VERDICT_EXAMPLE: &str = r#"{"schema-version": 1, "product": "P1", "class": "leader", …}"#;

/// Where a product was read: a line of a CSV or JSON Lines file, or an entry of a JSON array.
/// Shown as errors show it: `line 7`, `products[3]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Place {
    /// A 1-based line: a CSV row (its first line, when a quoted cell holds a line break) or a
    /// JSON Lines record.
    Line(u64),
    /// A 0-based entry of a JSON array.
    Entry(usize),
    /// A 1-based row of a workbook's sheet.
    Row(u64),
}

impl Place {
    /// The place as a message shows it, in every language.
    pub(crate) fn text(&self) -> Text {
        match *self {
            Place::Line(n) => t!(PLACE_LINE, n),
            Place::Entry(i) => t!(PLACE_PRODUCTS_ENTRY, i),
            Place::Row(n) => t!(PLACE_ROW, n),
        }
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Line(n) => write!(f, "line {n}"),
            Place::Entry(i) => write!(f, "products[{i}]"),
            Place::Row(n) => write!(f, "row {n}"),
        }
    }
}

/// Reads products from a JSON array of `{ "id": …, "values": { indicator: text } }`; each item
/// is a product or the error of its entry (`products[3]: …`). The text is read as
/// [`JsonRows::array`] reads a stream, so both give the same products and the same messages;
/// a fault that would stop the stream (the array cut short, text after it) refuses the whole
/// text here.
///
/// An entry is refused, the others read on, when it repeats a key (`"id"` twice, or an
/// indicator twice in `values`), when its id is empty or blank (as in CSV), when a key of
/// `values` has leading or trailing whitespace (it would name no indicator), when it is not
/// well-formed JSON, nests too deep or is too long.
///
/// # Errors
///
/// When the text is not a JSON array of such objects, or holds more than [`Limits::default`]
/// allows.
pub fn read_json(text: &str) -> Result<Vec<Result<Product, Error>>, Error> {
    read_json_with(text, &Limits::default())
}

/// Like [`read_json`], within `limits`: a text of at most [`Limits::products_bytes`] bytes,
/// entries of at most [`Limits::row_bytes`] bytes nested at most [`Limits::nesting`] deep (the
/// array counts as one), ids of at most [`Limits::id_bytes`] bytes.
///
/// # Errors
///
/// As [`read_json`].
pub fn read_json_with(text: &str, limits: &Limits) -> Result<Vec<Result<Product, Error>>, Error> {
    if text.len() > limits.products_bytes {
        return Err(
            Error::limit(t!(msg::PRODUCTS_BYTES, text.len(), limits.products_bytes))
                .place(t!(PLACE_PRODUCTS)),
        );
    }
    let mut rows = JsonRows::array(text.as_bytes(), limits)?;
    let mut out = Vec::new();
    while let Some(entry) = rows.next() {
        match entry {
            Err(e) if rows.stopped() => return Err(e),
            entry => out.push(entry),
        }
    }
    Ok(out)
}

/// A 1-based line and column (in characters) in a products file.
#[derive(Clone, Copy, Debug)]
struct Position {
    line: u64,
    column: u64,
}

impl Position {
    /// The position after `b`: a line break starts a line, a UTF-8 continuation byte is part
    /// of the character before.
    fn step(&mut self, b: u8) {
        if b == b'\n' {
            self.line = self.line.saturating_add(1);
            self.column = 1;
        } else if b & 0xC0 != 0x80 {
            self.column = self.column.saturating_add(1);
        }
    }

    /// The position `offset` bytes into `text`, which starts here.
    fn after(mut self, text: &[u8], offset: usize) -> Position {
        for &b in text.get(..offset).unwrap_or(text) {
            self.step(b);
        }
        self
    }
}

/// How an entry's scan ended.
#[derive(Clone, Copy, PartialEq, Eq)]
enum End {
    /// A `,` between entries of the array.
    Comma,
    /// The `]` closing the array.
    Close,
    /// A line break (JSON Lines).
    Newline,
    /// The end of the input.
    Eof,
}

/// One entry's bytes as scanned: where it starts, how deep it nests, whether it was cut.
struct Scan {
    start: Position,
    deepest: usize,
    too_long: bool,
    in_string: bool,
    blank: bool,
    end: End,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// After `[`: an entry or `]`.
    Open,
    /// After `,`: an entry.
    Next,
    /// After `]`: only whitespace may follow.
    Closed,
    /// Every entry read.
    Done,
    /// A fault of the file ended the reading.
    Stopped,
}

/// A products JSON file read one entry at a time, with flat memory: a JSON array of
/// `{ "id": …, "values": { indicator: text } }` ([`JsonRows::array`]) or JSON Lines, one such
/// object per line ([`JsonRows::lines`]). The reader splits the input into entries (tracking
/// strings, escapes and nesting, no entry held beyond [`Limits::row_bytes`]); each entry is
/// then read on its own, so an entry's fault is that entry's error alone (with its place:
/// `products[3]`, or `line 4` in JSON Lines) and the reading goes on. A UTF-8 byte order mark
/// at the start is skipped.
///
/// A fault of the file itself stops the reading with an error, after the entries before it:
/// the array cut short (`products: line 2, column 1: end of file while parsing a list`), text after
/// the array, a trailing comma, a read that fails ([`JsonRows::stopped`] tells it apart).
///
/// ```
/// use duibiao::product::{JsonRows, Place};
///
/// let text = "\u{feff}[{\"id\": \"P1\", \"values\": {\"a\": \"3.5\"}}, {\"id\": \"P2\", \"values\": {\"a\": \"x\"}}, {\"id\": \"P3\"}]";
/// let mut rows = JsonRows::array(text.as_bytes(), &duibiao::Limits::default())?;
/// assert_eq!(rows.next().unwrap()?.values["a"].to_string(), "3.5");
/// let error = rows.next().unwrap().unwrap_err().to_string();
/// assert!(error.starts_with(r#"products[1]: product "P2": indicator "a": value "x""#), "{error}");
/// assert_eq!((rows.place(), rows.product_id()), (Some(Place::Entry(1)), Some("P2")));
/// assert_eq!(rows.next().unwrap()?.id, "P3");
/// assert!(rows.next().is_none() && !rows.stopped());
/// # Ok::<(), duibiao::Error>(())
/// ```
pub struct JsonRows<R> {
    input: std::io::BufReader<R>,
    /// JSON Lines rather than one array.
    lines: bool,
    /// The indicator ids whose values are read (all, when `None`).
    keep: Option<std::collections::BTreeSet<String>>,
    /// The keys of `values` read as declared attributes' text.
    attributes: std::collections::BTreeSet<String>,
    id_bytes: usize,
    record_bytes: usize,
    nesting: usize,
    /// The current entry's bytes.
    record: Vec<u8>,
    /// The position of the next byte.
    at: Position,
    /// Entries of the array read so far.
    entries: usize,
    state: State,
    place: Option<Place>,
    product: Option<String>,
    /// Stored verdicts rather than products: the file and its entries are named `verdicts`.
    verdicts: bool,
}

impl<R: Read> JsonRows<R> {
    /// A JSON array of products, read entry by entry: the opening `[` is read and checked
    /// here.
    ///
    /// # Errors
    ///
    /// When the input is empty, cannot be read, or is not a JSON array.
    pub fn array(reader: R, limits: &Limits) -> Result<JsonRows<R>, Error> {
        JsonRows::array_of(reader, limits, false)
    }

    /// [`JsonRows::array`], of verdicts when `verdicts`: the file's entries are then read
    /// with [`JsonRows::next_raw`].
    pub(crate) fn array_of(
        reader: R,
        limits: &Limits,
        verdicts: bool,
    ) -> Result<JsonRows<R>, Error> {
        let mut rows = JsonRows::new(reader, limits, false);
        rows.verdicts = verdicts;
        match rows.start()? {
            Some(b'[') => {
                rows.bump(b'[');
                Ok(rows)
            }
            Some(b) if b"{\"tfn-0123456789".contains(&b) => Err(Error::of(
                ErrorKind::Syntax,
                t!(msg::NOT_AN_ARRAY, rows.example(), json_kind(b)),
            )
            .place(rows.file_place())),
            Some(_) => {
                let error = Error::of(ErrorKind::Syntax, t!(msg::EXPECTED_ARRAY, rows.example()));
                let error = match rows.quote_here() {
                    Some(quote) => error.place(t!(msg::QUOTE, quote)),
                    None => error,
                };
                Err(rows.file_error(error))
            }
            None => Err(
                Error::of(ErrorKind::Syntax, t!(msg::EMPTY_ARRAY, rows.example()))
                    .place(rows.file_place()),
            ),
        }
    }

    /// JSON Lines: one product object per line, such as `{"id": "P1", "values": {…}}`; blank
    /// lines are skipped and faults are placed by line (`line 4: …`).
    ///
    /// # Errors
    ///
    /// When the input is empty (or blank), cannot be read, or is a JSON array (read it with
    /// [`JsonRows::array`]).
    pub fn lines(reader: R, limits: &Limits) -> Result<JsonRows<R>, Error> {
        JsonRows::lines_of(reader, limits, false)
    }

    /// [`JsonRows::lines`], of verdicts when `verdicts`.
    pub(crate) fn lines_of(
        reader: R,
        limits: &Limits,
        verdicts: bool,
    ) -> Result<JsonRows<R>, Error> {
        let mut rows = JsonRows::new(reader, limits, true);
        rows.verdicts = verdicts;
        match rows.start()? {
            Some(b'[') => Err(rows.file_error(Error::of(ErrorKind::Syntax, t!(msg::LINES_ARRAY)))),
            Some(_) => Ok(rows),
            None => Err(
                Error::of(ErrorKind::Syntax, t!(msg::EMPTY_LINES, rows.example()))
                    .place(rows.file_place()),
            ),
        }
    }

    fn new(reader: R, limits: &Limits, lines: bool) -> JsonRows<R> {
        JsonRows {
            input: std::io::BufReader::with_capacity(1 << 16, reader),
            lines,
            keep: None,
            attributes: std::collections::BTreeSet::new(),
            id_bytes: limits.id_bytes,
            record_bytes: limits.row_bytes,
            nesting: limits.nesting,
            record: Vec::new(),
            at: Position { line: 1, column: 1 },
            entries: 0,
            state: State::Open,
            place: None,
            product: None,
            verdicts: false,
        }
    }

    /// The file's place in messages: `products` (or `verdicts`).
    fn file_place(&self) -> Text {
        if self.verdicts {
            t!(msg::PLACE_VERDICTS)
        } else {
            t!(PLACE_PRODUCTS)
        }
    }

    /// An entry's place in messages: `products[3]` (or `verdicts[3]`), `line 4`.
    fn place_text(&self, place: Place) -> Text {
        match place {
            Place::Entry(i) if self.verdicts => t!(msg::PLACE_VERDICTS_ENTRY, i),
            _ => place.text(),
        }
    }

    /// The example of an entry that messages show.
    fn example(&self) -> &'static str {
        if self.verdicts {
            VERDICT_EXAMPLE
        } else {
            JSON_EXAMPLE
        }
    }

    /// Reads only the values keyed by `ids` (a plan's indicator ids); the other keys are
    /// checked as keys (no repeat, no padding) but their values are never read.
    #[must_use]
    pub fn keep_only<'a>(mut self, ids: impl IntoIterator<Item = &'a str>) -> JsonRows<R> {
        self.keep = Some(ids.into_iter().map(str::to_owned).collect());
        self
    }

    /// Also reads the values keyed by `ids` (a plan's declared attributes, `plant`) as text,
    /// into [`Product::attributes`]: in JSON an attribute is a key of `values`, as in CSV it
    /// is a column.
    #[must_use]
    pub fn keep_attributes<'a>(mut self, ids: impl IntoIterator<Item = &'a str>) -> JsonRows<R> {
        self.attributes = ids.into_iter().map(str::to_owned).collect();
        self
    }

    /// The place of the entry read last.
    pub fn place(&self) -> Option<Place> {
        self.place
    }

    /// The product id of the entry read last, when it could be read (also when the entry is
    /// an error: its values were wrong, not its id).
    pub fn product_id(&self) -> Option<&str> {
        self.product.as_deref()
    }

    /// True when the last error was a fault of the file that ended the reading.
    pub fn stopped(&self) -> bool {
        self.state == State::Stopped
    }

    /// `error`, a fault of the file, at the current position.
    fn file_error(&self, error: Error) -> Error {
        error
            .place(t!(PLACE_LINE_COLUMN, self.at.line, self.at.column))
            .place(self.file_place())
    }

    /// A fault of the file's JSON at the current position, of kind [`ErrorKind::Syntax`].
    fn syntax_error(&self, detail: Text) -> Error {
        self.file_error(Error::of(ErrorKind::Syntax, detail))
    }

    /// A read that failed at the current line: the reading stops.
    fn read_failed(&mut self, e: &std::io::Error) -> Error {
        self.state = State::Stopped;
        crate::encoding::read_error(e)
            .place(t!(PLACE_LINE, self.at.line))
            .place(self.file_place())
    }

    /// The text at the current position quoted (`None` when there is none to show).
    fn quote_here(&mut self) -> Option<String> {
        let head = std::io::BufRead::fill_buf(&mut self.input)
            .map(|b| String::from_utf8_lossy(b.get(..160).unwrap_or(b)).into_owned())
            .unwrap_or_default();
        crate::text::quote_at(&head, 0, 0)
    }

    /// The next byte without reading it; `None` at the end.
    fn peek(&mut self) -> Result<Option<u8>, Error> {
        loop {
            match std::io::BufRead::fill_buf(&mut self.input) {
                Ok(buf) => return Ok(buf.first().copied()),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(self.read_failed(&e)),
            }
        }
    }

    /// Takes the byte `b` just peeked.
    fn bump(&mut self, b: u8) {
        std::io::BufRead::consume(&mut self.input, 1);
        self.at.step(b);
    }

    /// Skips JSON whitespace; the next byte, if any.
    fn skip_whitespace(&mut self) -> Result<Option<u8>, Error> {
        while let Some(b) = self.peek()? {
            if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                return Ok(Some(b));
            }
            self.bump(b);
        }
        Ok(None)
    }

    /// Skips the byte order mark and whitespace at the start; the first byte, if any.
    fn start(&mut self) -> Result<Option<u8>, Error> {
        // Byte by byte: a read may hand over less than the whole mark.
        if self.peek()? == Some(0xEF) {
            for b in [0xEF, 0xBB, 0xBF] {
                if self.peek()? != Some(b) {
                    return Err(self.file_error(Error::of(ErrorKind::Encoding, t!(msg::NOT_UTF8))));
                }
                std::io::BufRead::consume(&mut self.input, 1);
            }
        }
        self.skip_whitespace()
    }

    /// Scans one entry from the current byte into `record`: up to the `,` or `]` that ends
    /// it at the array's level (or the line break, in JSON Lines), which is consumed. Bytes
    /// beyond `record_bytes` are counted, never kept.
    fn scan(&mut self) -> Result<Scan, Error> {
        self.record.clear();
        let mut scan = Scan {
            start: self.at,
            deepest: 0,
            too_long: false,
            in_string: false,
            blank: true,
            end: End::Eof,
        };
        let (mut depth, mut escaped) = (0usize, false);
        loop {
            let buf = match std::io::BufRead::fill_buf(&mut self.input) {
                Ok(buf) => buf,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.read_failed(&e)),
            };
            if buf.is_empty() {
                scan.end = End::Eof;
                break;
            }
            let mut taken = buf.len();
            let mut end = None;
            for (k, &b) in buf.iter().enumerate() {
                if b == b'\n' && self.lines {
                    end = Some(End::Newline);
                } else if scan.in_string {
                    if escaped {
                        escaped = false;
                    } else if b == b'\\' {
                        escaped = true;
                    } else if b == b'"' {
                        scan.in_string = false;
                    }
                } else {
                    match b {
                        b'"' => scan.in_string = true,
                        b'[' | b'{' => {
                            depth += 1;
                            scan.deepest = scan.deepest.max(depth);
                        }
                        b']' | b'}' if depth > 0 => depth -= 1,
                        b']' if !self.lines => end = Some(End::Close),
                        b',' if depth == 0 && !self.lines => end = Some(End::Comma),
                        _ => {}
                    }
                }
                if end.is_some() {
                    taken = k;
                    break;
                }
                if !matches!(b, b' ' | b'\t' | b'\r') {
                    scan.blank = false;
                }
                self.at.step(b);
            }
            let bytes = buf.get(..taken).unwrap_or_default();
            if !scan.too_long {
                if self.record.len().saturating_add(bytes.len()) > self.record_bytes {
                    scan.too_long = true;
                    self.record.clear();
                } else {
                    self.record.extend_from_slice(bytes);
                }
            }
            match end {
                Some(e) => {
                    let terminator = if e == End::Comma { b',' } else { b']' };
                    let terminator = if e == End::Newline { b'\n' } else { terminator };
                    std::io::BufRead::consume(&mut self.input, taken + 1);
                    self.at.step(terminator);
                    scan.end = e;
                    break;
                }
                None => std::io::BufRead::consume(&mut self.input, taken),
            }
        }
        while self
            .record
            .last()
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
        {
            self.record.pop();
        }
        Ok(scan)
    }

    /// The next entry of the array scanned, with its place.
    fn next_entry(&mut self) -> Option<Result<(Place, Scan), Error>> {
        let stop = |rows: &mut Self, e: Error| {
            rows.state = State::Stopped;
            Some(Err(e))
        };
        loop {
            match self.state {
                State::Done | State::Stopped => return None,
                State::Closed => {
                    return match self.skip_whitespace() {
                        Err(e) => Some(Err(e)),
                        Ok(None) => {
                            self.state = State::Done;
                            None
                        }
                        Ok(Some(_)) => {
                            let e = self.syntax_error(t!(msg::AFTER_ARRAY));
                            stop(self, e)
                        }
                    };
                }
                State::Open | State::Next => {}
            }
            let first = match self.skip_whitespace() {
                Ok(b) => b,
                Err(e) => return Some(Err(e)),
            };
            match first {
                None => {
                    let e = self.syntax_error(t!(crate::text::msg::EOF_LIST));
                    return stop(self, e);
                }
                Some(b']') if self.state == State::Next => {
                    let e = self.syntax_error(t!(msg::TRAILING_COMMA));
                    return stop(self, e);
                }
                Some(b']') => {
                    self.bump(b']');
                    self.state = State::Closed;
                    continue;
                }
                Some(_) => {}
            }
            let scan = match self.scan() {
                Ok(scan) => scan,
                Err(e) => return Some(Err(e)),
            };
            match scan.end {
                End::Eof => {
                    let what = if scan.in_string {
                        crate::text::msg::EOF_STRING
                    } else {
                        crate::text::msg::EOF_LIST
                    };
                    let e = self.syntax_error(t!(what));
                    return stop(self, e);
                }
                End::Close => self.state = State::Closed,
                _ => self.state = State::Next,
            }
            let place = Place::Entry(self.entries);
            self.entries = self.entries.saturating_add(1);
            return Some(Ok((place, scan)));
        }
    }

    /// The next non-blank line of a JSON Lines file scanned, with its place.
    fn next_line(&mut self) -> Option<Result<(Place, Scan), Error>> {
        loop {
            if matches!(self.state, State::Done | State::Stopped) {
                return None;
            }
            let scan = match self.scan() {
                Ok(scan) => scan,
                Err(e) => return Some(Err(e)),
            };
            if scan.end == End::Eof {
                self.state = State::Done;
            }
            if scan.blank {
                continue;
            }
            return Some(Ok((Place::Line(scan.start.line), scan)));
        }
    }

    /// The next entry's text and place, whatever it holds (a verdict): file faults and the
    /// entry's own faults of shape (too long, too deep, empty, not UTF-8) as errors.
    pub(crate) fn next_raw(&mut self) -> Option<Result<RawEntry<'_>, Error>> {
        self.place = None;
        self.product = None;
        let next = if self.lines {
            self.next_line()
        } else {
            self.next_entry()
        };
        let (place, scan) = match next? {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        };
        self.place = Some(place);
        if let Err(e) = self.raw_text(place, &scan) {
            return Some(Err(e));
        }
        let place_text = self.place_text(place);
        Some(match std::str::from_utf8(&self.record) {
            Ok(text) => Ok(RawEntry {
                place,
                place_text,
                start: scan.start,
                text,
            }),
            Err(_) => Err(Error::of(ErrorKind::Encoding, t!(msg::NOT_UTF8))),
        })
    }

    /// Checks the shape of the entry just scanned: not too long, not too deep, not empty,
    /// UTF-8.
    fn raw_text(&self, place: Place, scan: &Scan) -> Result<(), Error> {
        let located = |at: Position, e: Error| located_at(place, self.place_text(place), at, e);
        let depth = scan.deepest.saturating_add(usize::from(!self.lines));
        if scan.too_long {
            let what = if self.lines {
                msg::LINE_TOO_LONG
            } else {
                msg::ENTRY_TOO_LONG
            };
            return Err(Error::limit(t!(what, self.record_bytes)).place(self.place_text(place)));
        }
        if depth > self.nesting {
            return Err(
                Error::limit(t!(crate::limits::msg::NESTING, depth, self.nesting))
                    .place(self.place_text(place)),
            );
        }
        if self.record.is_empty() {
            let expected = if self.verdicts {
                t!(msg::EXPECTED_VERDICT, VERDICT_EXAMPLE)
            } else {
                t!(msg::EXPECTED_PRODUCT, JSON_EXAMPLE)
            };
            return Err(located(
                scan.start,
                Error::of(ErrorKind::Syntax, expected).place(t!(msg::QUOTE, "\",\"")),
            ));
        }
        if let Err(e) = std::str::from_utf8(&self.record) {
            let at = scan.start.after(&self.record, e.valid_up_to());
            return Err(located(
                at,
                Error::of(ErrorKind::Encoding, t!(msg::NOT_UTF8)),
            ));
        }
        Ok(())
    }

    /// Reads the entry just scanned.
    fn entry(&mut self, place: Place, scan: &Scan) -> Result<Product, Error> {
        self.place = Some(place);
        self.product = None;
        self.raw_text(place, scan)?;
        let located = |at: Position, e: Error| located_at(place, place.text(), at, e);

        let Ok(text) = std::str::from_utf8(&self.record) else {
            return Err(Error::of(ErrorKind::Encoding, t!(msg::NOT_UTF8)));
        };
        let start = scan.start;
        let locate = |e: &serde_json::Error| {
            let offset = json_offset(text, e);
            let error = Error::of(entry_kind(e), entry_text(e));
            let at = start.after(text.as_bytes(), offset);
            let token_end = text
                .get(offset..)
                .and_then(|r| r.find([',', '}', ']', '\n']))
                .map_or(text.len(), |p| offset + p);
            match crate::text::quote_at(text, offset, token_end) {
                Some(q) if e.is_syntax() => located(at, error.place(t!(msg::QUOTE, q))),
                _ => located(at, error),
            }
        };
        match json_product(
            text,
            self.id_bytes,
            (self.keep.as_ref(), &self.attributes),
            &locate,
        ) {
            Ok(product) => {
                self.product = Some(product.id.clone());
                Ok(product)
            }
            Err(fault) => {
                self.product = fault.id;
                Err(if fault.located {
                    fault.error
                } else {
                    fault.error.place(place.text())
                })
            }
        }
    }
}

impl<R: Read> Iterator for JsonRows<R> {
    type Item = Result<Product, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.place = None;
        self.product = None;
        let next = if self.lines {
            self.next_line()
        } else {
            self.next_entry()
        };
        Some(next?.and_then(|(place, scan)| self.entry(place, &scan)))
    }
}

/// A fault located at `at` in the entry at `place` (shown as `place_text`): in JSON Lines
/// the place is the line, so a located fault names it once.
fn located_at(place: Place, place_text: Text, at: Position, e: Error) -> Error {
    let e = e.place(t!(PLACE_LINE_COLUMN, at.line, at.column));
    match place {
        Place::Line(_) | Place::Row(_) => e,
        Place::Entry(_) => e.place(place_text),
    }
}

/// One entry of a JSON array or JSON Lines file as text, with its place, not yet read
/// ([`JsonRows::next_raw`]).
pub(crate) struct RawEntry<'a> {
    /// Where the entry is.
    pub(crate) place: Place,
    /// The place as messages show it.
    pub(crate) place_text: Text,
    start: Position,
    /// The entry's JSON text.
    pub(crate) text: &'a str,
}

impl RawEntry<'_> {
    /// A serde_json fault of reading the entry, located at its line and column (with the text
    /// quoted, for a fault of the JSON text), placed at the entry.
    pub(crate) fn error(&self, e: &serde_json::Error) -> Error {
        let offset = json_offset(self.text, e);
        let error = Error::of(entry_kind(e), entry_text(e));
        let at = self.start.after(self.text.as_bytes(), offset);
        let token_end = self
            .text
            .get(offset..)
            .and_then(|r| r.find([',', '}', ']', '\n']))
            .map_or(self.text.len(), |p| offset + p);
        let placed = |e: Error| located_at(self.place, self.place_text.clone(), at, e);
        match crate::text::quote_at(self.text, offset, token_end) {
            Some(q) if e.is_syntax() => placed(error.place(t!(msg::QUOTE, q))),
            _ => placed(error),
        }
    }
}

/// The byte offset in `text` where a serde_json error points (its line and column, 1-based,
/// the column in bytes), on a character boundary.
fn json_offset(text: &str, e: &serde_json::Error) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(e.line().saturating_sub(1))
        .map(str::len)
        .sum();
    let mut at = line_start
        .saturating_add(e.column().saturating_sub(1))
        .min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The id of an entry that cannot be read as a product, when it has exactly one string id.
fn json_id(raw: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct IdOnly {
        id: String,
    }
    serde_json::from_str::<IdOnly>(raw)
        .ok()
        .map(|r| r.id)
        .filter(|id| !id.trim().is_empty())
}

/// Why an entry is not a product: the error, and the entry's id when it could be read.
struct Fault {
    id: Option<String>,
    error: Error,
    /// The error names its line and column already (a fault of the JSON text).
    located: bool,
}

impl Fault {
    fn of(id: Option<String>, error: Error) -> Fault {
        Fault {
            id,
            error,
            located: false,
        }
    }
}

/// One entry of a products JSON file. A fault of the JSON text itself is placed by `locate`.
fn json_product(
    raw: &str,
    id_bytes: usize,
    (keep, attributes): (
        Option<&std::collections::BTreeSet<String>>,
        &std::collections::BTreeSet<String>,
    ),
    locate: &dyn Fn(&serde_json::Error) -> Error,
) -> Result<Product, Fault> {
    let record: ProductRecord = serde_json::from_str(raw).map_err(|e| Fault {
        id: json_id(raw).filter(|id| id.len() <= id_bytes),
        located: !e.is_data(),
        error: if e.is_data() {
            Error::of(entry_kind(&e), entry_text(&e))
        } else {
            locate(&e)
        },
    })?;
    if record.id.trim().is_empty() {
        return Err(Fault::of(
            None,
            Error::invalid(
                "product id",
                &crate::number::truncate(&record.id),
                t!(msg::ID_MISSING),
            ),
        ));
    }
    if record.id.len() > id_bytes {
        return Err(Fault::of(
            None,
            Error::invalid(
                "product id",
                &crate::number::truncate(&record.id),
                t!(msg::ID_TOO_LONG, id_bytes),
            )
            .with_kind(ErrorKind::Limit),
        ));
    }
    let mut product = Product::new(record.id);
    let mut seen = std::collections::BTreeSet::new();
    for (indicator, text) in &record.values {
        let trimmed = indicator.trim();
        let fault = if trimmed.is_empty() {
            Some(Error::of(
                ErrorKind::Invalid,
                t!(msg::VALUES_NO_ID, crate::number::truncate(indicator)),
            ))
        } else if trimmed != indicator {
            Some(Error::of(
                ErrorKind::Invalid,
                t!(
                    msg::VALUES_SPACE,
                    crate::number::truncate(indicator),
                    crate::number::truncate(trimmed)
                ),
            ))
        } else if !seen.insert(indicator.as_str()) {
            Some(Error::of(
                ErrorKind::Duplicate,
                t!(msg::VALUES_TWICE, crate::number::truncate(indicator)),
            ))
        } else {
            None
        };
        if let Some(error) = fault {
            let error = error.place(t!(PLACE_PRODUCT, &product.id));
            return Err(Fault::of(Some(product.id), error));
        }
        if attributes.contains(indicator) {
            product = product.with_attribute(indicator, text);
            continue;
        }
        if keep.is_none_or(|k| k.contains(indicator)) && !text.trim().is_empty() {
            // As `Product::with` reads it, keeping the id for the fault.
            match text.parse::<Value>() {
                Ok(value) => {
                    product.values.insert(indicator.clone(), value);
                }
                Err(e) => {
                    let e = e
                        .place(t!(PLACE_INDICATOR, indicator))
                        .place(t!(PLACE_PRODUCT, &product.id));
                    return Err(Fault::of(Some(product.id), e));
                }
            }
        }
    }
    Ok(product)
}
