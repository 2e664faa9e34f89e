//! Products from a sheet of an Excel workbook (.xlsx), read with calamine: the same table as a
//! products CSV file, located by sheet row.
//!
//! A cell's text is:
//!
//! - a text cell: its text, trimmed as CSV cells are;
//! - a number cell: the shortest decimal that reads back as the same binary number, which is
//!   the number as typed (Excel keeps 15 significant digits) less its trailing zeros: `97.0`
//!   typed in a number cell reads `97`, the same value (a limit's written digits come from the
//!   plan, never from a value). A number of more than 15 significant digits cannot have been
//!   typed: it is a formula's result with binary rounding (`=0.1*3` is
//!   0.30000000000000004), and the cell is refused rather than judged at digits nobody wrote;
//! - a boolean, date, time or error cell (`#DIV/0!`): refused, with what to write instead;
//! - empty: no value.
//!
//! A number cell formatted as a percentage (Excel's `0%`, `0.00%` or a custom format with `%`)
//! holds the fraction (`97%` is 0.97) and reads as the percentage it shows, with its unit:
//! `97 %` (the shortest decimal of the number, its point moved two places: exact). The value
//! is then judged as any value written with a unit: in an indicator in `%` it is 97 %; in a
//! dimensionless indicator 0.97; in an indicator of another dimension (`L`) the row is refused,
//! as a text cell `97 %` would be. The cells' formats are read from the workbook's
//! `xl/styles.xml` and the sheet's XML (see `percent`), streamed.
//!
//! The workbook is read whole (a zip archive cannot be read as a stream): its size is checked
//! against [`Limits::workbook_bytes`] before anything is read, the sizes its parts declare
//! uncompressed against 16 times that, and the cells held against 16 times that again.

use std::io::{Read, Seek, SeekFrom};

use calamine::{DataRef, Reader};

mod percent;

use crate::error::msg::{PLACE_PRODUCTS, PLACE_ROW};
use crate::error::{t, Error, ErrorKind, Text};
use crate::limits::Limits;

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        CANNOT_READ = "the workbook cannot be read: {0}", "无法读取该工作簿：{0}";
        NO_SHEET = "it has no sheet", "其中没有工作表";
        TOO_LARGE = "the workbook is {0} bytes, more than the {1} a workbook may hold (limit `workbook_bytes`)",
            "工作簿有 {0} 字节，超过工作簿可容纳的 {1} 字节（限额 `workbook_bytes`）";
        SHEET_UNKNOWN = "no sheet \"{0}\" in the workbook (its sheets: {1})",
            "工作簿中没有工作表 \"{0}\"（现有工作表：{1}）";
        SHEET_EMPTY = "sheet \"{0}\" is empty: a products sheet starts with a header row such as \"id | flush-water\" (the product id, then one column per indicator id)",
            "工作表 \"{0}\" 为空，产品工作表应以表头行开头，如 \"id | flush-water\"（先是产品编号，然后每个指标编号一列）";
        PARTS = "the workbook's parts hold {0} bytes uncompressed, more than the {1} a workbook may expand to (16 times the limit `workbook_bytes`)",
            "工作簿各部分解压后共 {0} 字节，超过工作簿解压后可达的 {1} 字节（限额 `workbook_bytes` 的 16 倍）";
        PERCENT_CELLS = "the sheet has more than {0} cells formatted as a percentage (an eighth of the limit `workbook_bytes`)",
            "工作表中设为百分比格式的单元格超过 {0} 个（限额 `workbook_bytes` 的八分之一）";
        CELLS_HELD = "the sheet's cells hold more than {0} bytes (16 times the limit `workbook_bytes`)",
            "工作表的单元格合计超过 {0} 字节（限额 `workbook_bytes` 的 16 倍）";
        PLACE_HEADER_COLUMN = "the header's column {0}", "表头第 {0} 列";
        BOOLEAN = "a TRUE/FALSE cell: write pass or fail (合格 or 不合格) as text",
            "这是 TRUE/FALSE 单元格，请以文本写 pass 或 fail（合格或不合格）";
        DATE = "a date or time cell: format the cell as a number or as text",
            "这是日期或时间单元格，请把单元格格式设为数值或文本";
        ERROR_CELL = "an error cell: correct the formula, or leave the cell empty for a missing value",
            "这是错误值单元格，请修正公式；或留空表示缺少数值";
        NOT_A_NUMBER = "not a number", "不是数值";
        DIGITS = "a number cell with more than 15 significant digits, which Excel never keeps for a typed number: a formula's binary rounding? Round it in the sheet (ROUND) or write the value as text",
            "数值单元格有超过 15 位有效数字，而 Excel 保存手工输入的数字时从不超过 15 位：是公式的二进制舍入吗？请在表中修约（ROUND），或以文本写出数值";
    }
}

/// How much larger than the file its parts (uncompressed) and the cells held may be.
const EXPANSION: u64 = 16;

/// One row of a sheet as read: its number, its cells' text, and the cells that hold no value.
struct Row {
    number: u32,
    cells: csv::StringRecord,
    faults: Vec<(usize, Text)>,
}

/// A sheet read into rows, handed over one at a time.
pub(crate) struct Sheet {
    header_row: u32,
    rows: std::vec::IntoIter<Row>,
}

impl Sheet {
    /// The sheet row (from 1) of the header.
    pub(crate) fn header_row(&self) -> u32 {
        self.header_row
    }

    /// The next row into `record` and `faults`: `Some(Ok(row number))`, `None` at the end.
    pub(crate) fn next_row(
        &mut self,
        record: &mut csv::StringRecord,
        faults: &mut Vec<(usize, Text)>,
    ) -> Option<Result<u64, Error>> {
        let row = self.rows.next()?;
        *record = row.cells;
        *faults = row.faults;
        Some(Ok(u64::from(row.number)))
    }
}

fn workbook_error(detail: impl std::fmt::Display) -> Error {
    cannot_read(t!(
        crate::text::msg::WORKBOOK_SAYS,
        crate::number::clip(detail)
    ))
}

fn cannot_read(detail: Text) -> Error {
    Error::of(ErrorKind::Io, t!(msg::CANNOT_READ, detail)).place(t!(PLACE_PRODUCTS))
}

/// Reads the header and rows of the sheet `name` (the first sheet when `None`).
pub(crate) fn read<W: Read + Seek>(
    mut workbook: W,
    name: Option<&str>,
    limits: &Limits,
) -> Result<(Vec<String>, Sheet), Error> {
    let size = workbook
        .seek(SeekFrom::End(0))
        .and_then(|size| workbook.seek(SeekFrom::Start(0)).map(|_| size))
        .map_err(workbook_error)?;
    let max = u64::try_from(limits.workbook_bytes).unwrap_or(u64::MAX);
    if size > max {
        return Err(Error::limit(t!(msg::TOO_LARGE, size, max)).place(t!(PLACE_PRODUCTS)));
    }
    let expanded = max.saturating_mul(EXPANSION);
    check_parts(&mut workbook, expanded)?;
    let percent = percent::cells(&mut workbook, name, limits.workbook_bytes / 8)?;
    workbook.seek(SeekFrom::Start(0)).map_err(workbook_error)?;
    let mut xlsx: calamine::Xlsx<W> = calamine::Xlsx::new(workbook).map_err(workbook_error)?;
    let names = xlsx.sheet_names();
    let sheet = match name {
        None => names
            .first()
            .cloned()
            .ok_or_else(|| cannot_read(t!(msg::NO_SHEET)))?,
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .cloned()
            .ok_or_else(|| {
                let known: Vec<String> = names
                    .iter()
                    .map(|n| format!("\"{}\"", crate::number::truncate(n)))
                    .collect();
                Error::of(
                    ErrorKind::Invalid,
                    t!(
                        msg::SHEET_UNKNOWN,
                        crate::number::truncate(wanted),
                        known.join(", ")
                    ),
                )
                .place(t!(PLACE_PRODUCTS))
            })?,
    };
    let mut cells = xlsx
        .worksheet_cells_reader(&sheet)
        .map_err(workbook_error)?;
    let mut rows = Rows::new(limits, expanded);
    rows.percent = percent;
    while let Some(cell) = cells.next_cell().map_err(workbook_error)? {
        let (row, column) = cell.get_position();
        rows.cell(row, column, cell.get_value())?;
    }
    rows.finish()?;
    let header = rows.header.ok_or_else(|| {
        Error::of(
            ErrorKind::Syntax,
            t!(msg::SHEET_EMPTY, crate::number::truncate(&sheet)),
        )
        .place(t!(PLACE_PRODUCTS))
    })?;
    Ok((
        header.1,
        Sheet {
            header_row: header.0,
            rows: rows.rows.into_iter(),
        },
    ))
}

/// Refuses an archive whose parts declare more than `max` bytes uncompressed.
fn check_parts<W: Read + Seek>(workbook: &mut W, max: u64) -> Result<(), Error> {
    let mut archive = zip::ZipArchive::new(&mut *workbook).map_err(workbook_error)?;
    let mut total = 0u64;
    for k in 0..archive.len() {
        let part = archive.by_index_raw(k).map_err(workbook_error)?;
        total = total.saturating_add(part.size());
    }
    drop(archive);
    workbook.seek(SeekFrom::Start(0)).map_err(workbook_error)?;
    if total > max {
        return Err(Error::limit(t!(msg::PARTS, total, max)).place(t!(PLACE_PRODUCTS)));
    }
    Ok(())
}

/// Rows assembled from the cells, in sheet order.
struct Rows {
    limits: Limits,
    columns: usize,
    /// The longest cell text kept: enough for the cell and id limits to see it is too long.
    keep: usize,
    held: u64,
    max_held: u64,
    header: Option<(u32, Vec<String>)>,
    /// The cells (row, column, from 0) formatted as a percentage.
    percent: std::collections::BTreeSet<(u32, u32)>,
    rows: Vec<Row>,
    current: Option<u32>,
    cells: Vec<(usize, String)>,
    faults: Vec<(usize, Text)>,
}

impl Rows {
    fn new(limits: &Limits, max_held: u64) -> Rows {
        Rows {
            limits: limits.clone(),
            columns: limits.columns,
            keep: Limits::CELL_BYTES.max(limits.id_bytes).saturating_add(1),
            held: 0,
            max_held,
            header: None,
            percent: std::collections::BTreeSet::new(),
            rows: Vec::new(),
            current: None,
            cells: Vec::new(),
            faults: Vec::new(),
        }
    }

    fn cell(&mut self, row: u32, column: u32, value: &DataRef<'_>) -> Result<(), Error> {
        if self.current != Some(row) {
            self.finish()?;
            self.current = Some(row);
        }
        let shown_as_percent = self.percent.contains(&(row, column));
        let column = usize::try_from(column).unwrap_or(usize::MAX);
        let (text, fault) = match cell_text(value, shown_as_percent) {
            Ok(text) => (text, None),
            Err((text, fault)) => (text, Some(fault)),
        };
        if text.is_empty() && fault.is_none() {
            return Ok(());
        }
        if column >= self.columns {
            // Beyond any header: the row is refused, its cell not kept.
            self.faults.push((column, t!(super::msg::BEYOND_HEADER)));
            return Ok(());
        }
        let mut text = text;
        if text.len() > self.keep {
            let mut end = self.keep;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.truncate(end);
        }
        self.held = self.held.saturating_add(text.len() as u64 + 16);
        if self.held > self.max_held {
            return Err(Error::limit(t!(msg::CELLS_HELD, self.max_held))
                .place(t!(PLACE_ROW, u64::from(row) + 1))
                .place(t!(PLACE_PRODUCTS)));
        }
        if let Some(fault) = fault {
            self.faults.push((column, fault));
        }
        self.cells.push((column, text));
        Ok(())
    }

    /// Ends the current row: the header if none yet, else a product row; empty rows are
    /// skipped as CSV skips empty lines.
    fn finish(&mut self) -> Result<(), Error> {
        let Some(row) = self.current.take() else {
            return Ok(());
        };
        let cells = std::mem::take(&mut self.cells);
        let faults = std::mem::take(&mut self.faults);
        let number = row.saturating_add(1);
        if cells.is_empty() && faults.is_empty() {
            return Ok(());
        }
        let place = t!(PLACE_ROW, u64::from(number));
        let Some((_, header)) = &self.header else {
            if let Some((column, fault)) = faults.first() {
                return Err(Error::of(ErrorKind::Syntax, fault.clone())
                    .place(t!(msg::PLACE_HEADER_COLUMN, column + 1))
                    .place(place)
                    .place(t!(PLACE_PRODUCTS)));
            }
            let width = cells.iter().map(|(c, _)| c + 1).max().unwrap_or(0);
            let mut columns = vec![String::new(); width];
            for (c, text) in cells {
                if let Some(slot) = columns.get_mut(c) {
                    *slot = text;
                }
            }
            super::check_header(&columns, &self.limits, place)?;
            self.header = Some((number, columns));
            return Ok(());
        };
        let width = header.len();
        let mut record = csv::StringRecord::new();
        let mut faults = faults;
        for (c, text) in cells {
            if c >= width {
                faults.push((c, t!(super::msg::BEYOND_HEADER)));
                continue;
            }
            while record.len() < c {
                record.push_field("");
            }
            record.push_field(&text);
        }
        self.rows.push(Row {
            number,
            cells: record,
            faults,
        });
        Ok(())
    }
}

/// The text of a cell, or its text and why it holds no value (see the module documentation);
/// a number cell formatted as a percentage reads as the percentage it shows (`97 %`).
fn cell_text(value: &DataRef<'_>, percent: bool) -> Result<String, (String, Text)> {
    if percent {
        let number = match value {
            DataRef::Int(i) => Some(Ok(i.to_string())),
            DataRef::Float(f) => Some(number_text(*f)),
            _ => None,
        };
        if let Some(number) = number {
            return number.map(|n| format!("{} %", percent::times_100(&n)));
        }
    }
    match value {
        DataRef::String(s) => Ok(s.trim().to_owned()),
        DataRef::SharedString(s) => Ok(s.trim().to_owned()),
        DataRef::Empty => Ok(String::new()),
        DataRef::Int(i) => Ok(i.to_string()),
        DataRef::Float(f) => number_text(*f),
        DataRef::Bool(b) => Err((
            if *b { "TRUE" } else { "FALSE" }.to_owned(),
            t!(msg::BOOLEAN),
        )),
        DataRef::DateTime(d) => Err((d.to_string(), t!(msg::DATE))),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Err((s.clone(), t!(msg::DATE))),
        DataRef::Error(e) => Err((e.to_string(), t!(msg::ERROR_CELL))),
    }
}

/// A number cell's text: the shortest decimal that reads back as `f`, if it has at most 15
/// significant digits.
fn number_text(f: f64) -> Result<String, (String, Text)> {
    let text = format!("{f}");
    if !f.is_finite() {
        return Err((text, t!(msg::NOT_A_NUMBER)));
    }
    let digits: Vec<u8> = text.bytes().filter(u8::is_ascii_digit).collect();
    let first = digits.iter().position(|&d| d != b'0');
    let last = digits.iter().rposition(|&d| d != b'0');
    let significant = match (first, last) {
        (Some(a), Some(b)) => b - a + 1,
        _ => 0,
    };
    if significant > 15 {
        return Err((text, t!(msg::DIGITS)));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_typed_up_to_15_digits() {
        for (f, text) in [
            (97.0, "97"),
            (3.65, "3.65"),
            (0.1, "0.1"),
            (-0.000_012_5, "-0.0000125"),
            (1e20, "100000000000000000000"),
            (123_456_789_012_345.0, "123456789012345"),
            (0.123_456_789_012_345, "0.123456789012345"),
        ] {
            assert_eq!(number_text(f).ok().as_deref(), Some(text), "{f}");
        }
        for f in [0.1 * 3.0, 1.0 / 3.0, 3_599.999_999_999_999_5] {
            let (text, fault) = number_text(f).unwrap_err();
            assert_eq!(text, format!("{f}"));
            assert!(fault
                .render(crate::Lang::En)
                .starts_with("a number cell with more than 15 significant digits"));
            assert!(fault
                .render(crate::Lang::Zh)
                .starts_with("数值单元格有超过 15 位有效数字"));
        }
        assert!(number_text(f64::NAN).is_err());
    }
}
