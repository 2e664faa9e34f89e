//! Products: the values a product declares or a lab measured, one per indicator, read from CSV
//! or JSON.
//!
//! CSV: a header with an `id` column and one column per indicator id; each cell a value as
//! [`Measurement`] reads it (`3.9 L`, `3.9 ± 0.1 L`, `16.5(+)`, a bare number in the
//! indicator's unit), `pass`/`fail` (`合格`/`不合格`) for qualitative indicators, or empty for a
//! missing value. JSON: an array of `{ "id": "P1", "values": { "flush-water": "3.9 L" } }`.
//!
//! Reading streams: [`read_csv`] yields one product per row, and a bad row is an error for that
//! row alone, with its line.

use std::collections::BTreeMap;
use std::io::Read;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::limits::Limits;
use crate::measurement::Measurement;

/// One declared or measured value.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
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
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Product {
    /// The product's id (model, sample or enterprise code).
    pub id: String,
    /// The values, by indicator id.
    pub values: BTreeMap<String, Value>,
}

impl Product {
    /// A product with no values yet.
    pub fn new(id: impl Into<String>) -> Product {
        Product {
            id: id.into(),
            values: BTreeMap::new(),
        }
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
            e.context(format!(
                "product \"{}\": indicator \"{indicator}\"",
                self.id
            ))
        })?;
        self.values.insert(indicator.to_owned(), value);
        Ok(self)
    }
}

/// The longest cell read at all.
pub(crate) const MAX_CELL: usize = 256;

/// Reads products from CSV, one per row, streaming. Each item is a product or the error of its
/// row (`line 7: indicator "flush-water": value "abc": …`); reading goes on after a bad row.
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
    let id_bytes = limits.id_bytes;
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(RowBound::new(reader, limits.row_bytes));
    let header: Result<Vec<String>, Error> = rdr
        .headers()
        .map(|h| h.iter().map(str::to_owned).collect())
        .map_err(|e| Error::invalid_plan(format!("products: header: {}", crate::number::clip(e))));
    let mut header_error = None;
    let columns = match header {
        Ok(cols) if cols.len() > limits.columns => {
            header_error = Some(Error::invalid_plan(format!(
                "products: line 1: {} columns, more than the {} a products file may hold (limit `columns`)",
                cols.len(),
                limits.columns
            )));
            Vec::new()
        }
        Ok(cols) => {
            if cols.first().map(String::as_str) != Some("id") {
                header_error = Some(Error::invalid_plan(format!(
                    "products: line 1: the first column must be \"id\", found \"{}\"",
                    cols.first().cloned().unwrap_or_default()
                )));
            }
            cols
        }
        Err(e) => {
            header_error = Some(e);
            Vec::new()
        }
    };
    let failed = header_error.is_some();
    let mut records = rdr.into_records();
    let mut stopped = failed;
    let rows = std::iter::from_fn(move || {
        if stopped {
            return None;
        }
        let record = match records.next()? {
            Ok(record) => record,
            Err(e) => {
                // An I/O error (a row beyond `row_bytes`) leaves the reader nowhere: stop.
                stopped = matches!(e.kind(), csv::ErrorKind::Io(_));
                return Some(Err(Error::invalid_plan(format!(
                    "products: {}",
                    crate::number::clip(e)
                ))));
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        Some(row(&columns, &record, id_bytes).map_err(|e| e.context(format!("line {line}"))))
    });
    header_error.into_iter().map(Err).chain(rows)
}

/// A reader that fails once a CSV row (quoted line breaks included) grows past `max` bytes, so
/// that one endless row cannot take all memory.
struct RowBound<R> {
    inner: R,
    max: usize,
    row: usize,
    quoted: bool,
    /// The bytes before the long row were handed over; the next read fails.
    exceeded: bool,
}

impl<R> RowBound<R> {
    fn new(inner: R, max: usize) -> Self {
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
        let too_long = |max: usize| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("a row longer than {max} bytes (limit `row_bytes`)"),
            )
        };
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

/// Builds a product from a row of cells under `columns` (the first column is the id), as
/// [`read_csv`] reads each row, with the default [`crate::Limits`].
///
/// # Errors
///
/// When the id is empty or too long, the row has more cells than columns, or a cell is not a
/// value.
pub fn from_cells(columns: &[String], cells: &[&str]) -> Result<Product, Error> {
    row_of(
        columns,
        cells.len(),
        cells.iter().copied(),
        crate::Limits::default().id_bytes,
    )
}

fn row(columns: &[String], record: &csv::StringRecord, id_bytes: usize) -> Result<Product, Error> {
    row_of(columns, record.len(), record.iter(), id_bytes)
}

fn row_of<'c>(
    columns: &[String],
    len: usize,
    cells: impl Iterator<Item = &'c str>,
    id_bytes: usize,
) -> Result<Product, Error> {
    let mut fields = cells;
    let id = fields.next().unwrap_or_default();
    if id.is_empty() {
        return Err(Error::invalid("product id", id, "a product needs an id"));
    }
    if id.len() > id_bytes {
        return Err(Error::invalid(
            "product id",
            &crate::number::truncate(id),
            format!("longer than {id_bytes} bytes (limit `id_bytes`)"),
        ));
    }
    if len > columns.len() {
        return Err(Error::invalid(
            "row",
            id,
            format!("{len} cells for {} columns", columns.len()),
        ));
    }
    let mut product = Product::new(id);
    for (column, cell) in columns.iter().skip(1).zip(fields) {
        if cell.is_empty() {
            continue;
        }
        if cell.len() > MAX_CELL {
            return Err(Error::invalid(
                "value",
                &crate::number::truncate(cell),
                format!("longer than {MAX_CELL} bytes"),
            )
            .context(format!("product \"{id}\": indicator \"{column}\"")));
        }
        product = product.with(column, cell)?;
    }
    Ok(product)
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

/// A serde_json message without its position: the position is in the entry, not the file.
fn entry_error(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    crate::number::clip(full.strip_suffix(&suffix).unwrap_or(&full))
}

/// How deep arrays and objects nest in JSON text, counted as [`crate::limits`] counts a value
/// (0 for a scalar, 1 for a flat array), in one pass over the bytes and before any parsing.
fn json_text_depth(text: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// What a JSON text that is not an array holds, for the message.
fn json_kind(text: &str) -> &'static str {
    match text.trim_start().bytes().next() {
        Some(b'{') => "an object",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// Reads products from a JSON array of `{ "id": …, "values": { indicator: text } }`; each item
/// is a product or the error of its entry (`products[3]: …`).
///
/// An entry is refused, the others read on, when it repeats a key (`"id"` twice, or an
/// indicator twice in `values`), when its id is empty or blank (as in CSV), or when a key of
/// `values` has leading or trailing whitespace (it would name no indicator).
///
/// # Errors
///
/// When the text is not a JSON array of such objects, or holds more than [`Limits::default`]
/// allows.
pub fn read_json(text: &str) -> Result<Vec<Result<Product, Error>>, Error> {
    read_json_with(text, &Limits::default())
}

/// Like [`read_json`], within `limits`: at most [`Limits::products_bytes`] bytes, nested at
/// most [`Limits::nesting`] deep, ids of at most [`Limits::id_bytes`] bytes.
///
/// # Errors
///
/// As [`read_json`].
pub fn read_json_with(text: &str, limits: &Limits) -> Result<Vec<Result<Product, Error>>, Error> {
    if text.len() > limits.products_bytes {
        return Err(Error::invalid_plan(format!(
            "products: {} bytes, more than the {} a products file may hold (limit `products_bytes`)",
            text.len(),
            limits.products_bytes
        )));
    }
    limits.check_nesting("products", json_text_depth(text))?;
    let file_error = |e: &serde_json::Error| {
        Error::invalid_plan(format!("products: {}", crate::plan::json_error(text, e)))
    };
    // Entries are kept as raw text: going through `serde_json::Value` or a map would settle
    // duplicate keys silently, the last one winning.
    let records: Vec<&serde_json::value::RawValue> = match serde_json::from_str(text) {
        Ok(records) => records,
        Err(e) if e.is_data() => {
            // Well-formed JSON that is not an array, or a fault the array reader met first.
            return Err(match serde_json::from_str::<&serde_json::value::RawValue>(text) {
                Err(e) => file_error(&e),
                Ok(_) => Error::invalid_plan(format!(
                    "products: expected a JSON array of products such as [{{\"id\": \"P1\", \"values\": {{\"flush-water\": \"3.9 L\"}}}}], found {}",
                    json_kind(text)
                )),
            });
        }
        Err(e) => return Err(file_error(&e)),
    };
    let id_bytes = limits.id_bytes;
    Ok(records
        .into_iter()
        .enumerate()
        .map(|(i, raw)| {
            json_product(raw.get(), id_bytes).map_err(|e| e.context(format!("products[{i}]")))
        })
        .collect())
}

/// One entry of a products JSON file.
fn json_product(raw: &str, id_bytes: usize) -> Result<Product, Error> {
    let record: ProductRecord =
        serde_json::from_str(raw).map_err(|e| Error::invalid_plan(entry_error(&e)))?;
    if record.id.trim().is_empty() {
        return Err(Error::invalid(
            "product id",
            &crate::number::truncate(&record.id),
            "a product needs an id",
        ));
    }
    if record.id.len() > id_bytes {
        return Err(Error::invalid(
            "product id",
            &crate::number::truncate(&record.id),
            format!("longer than {id_bytes} bytes (limit `id_bytes`)"),
        ));
    }
    let mut product = Product::new(record.id);
    let mut seen = std::collections::BTreeSet::new();
    for (indicator, text) in &record.values {
        let place = || format!("product \"{}\"", product.id);
        let trimmed = indicator.trim();
        if trimmed.is_empty() {
            return Err(Error::invalid_plan(format!(
                "{}: \"{}\" in values: a value needs an indicator id",
                place(),
                crate::number::truncate(indicator)
            )));
        }
        if trimmed != indicator {
            return Err(Error::invalid_plan(format!(
                "{}: \"{}\" in values has leading or trailing whitespace: write \"{}\"",
                place(),
                crate::number::truncate(indicator),
                crate::number::truncate(trimmed)
            )));
        }
        if !seen.insert(indicator.as_str()) {
            return Err(Error::invalid_plan(format!(
                "{}: \"{}\" appears twice in values",
                place(),
                crate::number::truncate(indicator)
            )));
        }
        if !text.trim().is_empty() {
            product = product.with(indicator, text)?;
        }
    }
    Ok(product)
}
