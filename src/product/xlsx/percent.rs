//! The cells of a sheet formatted as a percentage, read from the workbook's own XML (calamine
//! does not tell a cell's number format).
//!
//! A cell's style is an index into `cellXfs` of `xl/styles.xml`; a style is a percentage when
//! its `numFmtId` is a built-in percent format (9 `0%`, 10 `0.00%`) or a custom `numFmt` whose
//! code holds `%` outside quoted text (`"%"`), an escape (`\%`) and the padding marks
//! (`_%`, `*%`) — Excel shows such a number ×100. The sheet's XML is then streamed once for the
//! cells whose `s` is such a style. Both parts are streamed from the archive, whose sizes were
//! checked against the limits before.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, Read, Seek};

use quick_xml::events::{BytesStart, Event};

use super::workbook_error;
use crate::error::msg::PLACE_PRODUCTS;
use crate::error::{t, Error};

/// The positions (row, column, from 0) of the cells of the sheet `name` (the first when
/// `None`) whose style is a percentage. Empty when the workbook has no percent style, when
/// the sheet is not found (calamine says so) or when a part cannot be read (calamine reads
/// the same parts and says what is wrong). `max` bounds the positions kept.
pub(super) fn cells<W: Read + Seek>(
    workbook: &mut W,
    name: Option<&str>,
    max: usize,
) -> Result<BTreeSet<(u32, u32)>, Error> {
    let mut archive = zip::ZipArchive::new(workbook).map_err(workbook_error)?;
    let styles = match archive.by_name("xl/styles.xml") {
        Ok(part) => percent_styles(std::io::BufReader::new(part))?,
        Err(_) => return Ok(BTreeSet::new()),
    };
    if styles.is_empty() {
        return Ok(BTreeSet::new());
    }
    let Some(path) = sheet_path(&mut archive, name)? else {
        return Ok(BTreeSet::new());
    };
    let part = match archive.by_name(&path) {
        Ok(part) => part,
        Err(_) => return Ok(BTreeSet::new()),
    };
    styled_cells(std::io::BufReader::new(part), &styles, max)
}

fn xml_error(e: impl std::fmt::Display) -> Error {
    workbook_error(e)
}

/// The value of the attribute `key` (local name), unescaped.
fn attribute<R>(
    reader: &quick_xml::Reader<R>,
    e: &BytesStart<'_>,
    key: &[u8],
) -> Result<Option<String>, Error> {
    for a in e.attributes() {
        let a = a.map_err(xml_error)?;
        if a.key.local_name().as_ref() == key {
            return a
                .decode_and_unescape_value(reader.decoder())
                .map(|v| Some(v.into_owned()))
                .map_err(xml_error);
        }
    }
    Ok(None)
}

/// Whether a number format code shows the number as a percentage: a `%` outside quoted text,
/// escapes, padding marks and bracketed parts (`[Red]`).
pub(super) fn is_percent_code(code: &str) -> bool {
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '%' => return true,
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    false
}

/// The indices into `cellXfs` whose number format is a percentage.
fn percent_styles(part: impl BufRead) -> Result<BTreeSet<u32>, Error> {
    let mut reader = quick_xml::Reader::from_reader(part);
    let mut buf = Vec::new();
    let mut custom: BTreeMap<u32, bool> = BTreeMap::new();
    let mut in_cell_xfs = false;
    let mut index = 0u32;
    let mut percent = BTreeSet::new();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(xml_error)?;
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"numFmt" => {
                    let id = attribute(&reader, e, b"numFmtId")?.and_then(|v| v.parse().ok());
                    let code = attribute(&reader, e, b"formatCode")?.unwrap_or_default();
                    if let Some(id) = id {
                        custom.insert(id, is_percent_code(&code));
                    }
                }
                b"cellXfs" => {
                    in_cell_xfs = matches!(event, Event::Start(_));
                }
                b"xf" if in_cell_xfs => {
                    let id: Option<u32> =
                        attribute(&reader, e, b"numFmtId")?.and_then(|v| v.parse().ok());
                    let is_percent = match id {
                        Some(id) => custom.get(&id).copied().unwrap_or(matches!(id, 9 | 10)),
                        None => false,
                    };
                    if is_percent {
                        percent.insert(index);
                    }
                    index = index.saturating_add(1);
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == b"cellXfs" => in_cell_xfs = false,
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(percent)
}

/// The path in the archive of the sheet `name` (the first when `None`): its relationship id in
/// `xl/workbook.xml`, its target in `xl/_rels/workbook.xml.rels`.
fn sheet_path<W: Read + Seek>(
    archive: &mut zip::ZipArchive<W>,
    name: Option<&str>,
) -> Result<Option<String>, Error> {
    let id = {
        let Ok(part) = archive.by_name("xl/workbook.xml") else {
            return Ok(None);
        };
        let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
        let mut buf = Vec::new();
        let mut found = None;
        loop {
            match reader.read_event_into(&mut buf).map_err(xml_error)? {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"sheet" => {
                    let sheet = attribute(&reader, &e, b"name")?;
                    if name.is_none() || sheet.as_deref() == name {
                        found = attribute(&reader, &e, b"id")?;
                        break;
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        found
    };
    let Some(id) = id else {
        return Ok(None);
    };
    let Ok(part) = archive.by_name("xl/_rels/workbook.xml.rels") else {
        return Ok(None);
    };
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).map_err(xml_error)? {
            Event::Start(e) | Event::Empty(e)
                if e.local_name().as_ref() == b"Relationship"
                    && attribute(&reader, &e, b"Id")?.as_deref() == Some(id.as_str()) =>
            {
                let target = attribute(&reader, &e, b"Target")?.unwrap_or_default();
                return Ok(Some(match target.strip_prefix('/') {
                    Some(absolute) => absolute.to_owned(),
                    None => format!("xl/{target}"),
                }));
            }
            Event::Eof => return Ok(None),
            _ => {}
        }
        buf.clear();
    }
}

/// A cell reference's (row, column) from 0: `B2` is (1, 1).
fn position(reference: &str) -> Option<(u32, u32)> {
    let letters = reference
        .bytes()
        .take_while(u8::is_ascii_alphabetic)
        .count();
    let (column, row) = reference.split_at(letters);
    let mut c: u32 = 0;
    for b in column.bytes() {
        c = c
            .checked_mul(26)?
            .checked_add(u32::from(b.to_ascii_uppercase() - b'A' + 1))?;
    }
    let r: u32 = row.parse().ok()?;
    Some((r.checked_sub(1)?, c.checked_sub(1)?))
}

/// The positions of the cells of a sheet whose style is in `styles`.
fn styled_cells(
    part: impl BufRead,
    styles: &BTreeSet<u32>,
    max: usize,
) -> Result<BTreeSet<(u32, u32)>, Error> {
    let mut reader = quick_xml::Reader::from_reader(part);
    let mut buf = Vec::new();
    let mut cells = BTreeSet::new();
    // Where a row or cell gives no reference, it follows the one before (as calamine reads it).
    let mut row: u32 = 0;
    let mut next_row: u32 = 0;
    let mut column: u32 = 0;
    loop {
        match reader.read_event_into(&mut buf).map_err(xml_error)? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"row" => {
                    row = attribute(&reader, &e, b"r")?
                        .and_then(|r| r.parse::<u32>().ok())
                        .and_then(|r| r.checked_sub(1))
                        .unwrap_or(next_row);
                    next_row = row.saturating_add(1);
                    column = 0;
                }
                b"c" => {
                    let (r, c) = attribute(&reader, &e, b"r")?
                        .and_then(|r| position(&r))
                        .unwrap_or((row, column));
                    column = c.saturating_add(1);
                    let style = attribute(&reader, &e, b"s")?.and_then(|s| s.parse().ok());
                    if style.is_some_and(|s| styles.contains(&s)) {
                        if cells.len() >= max {
                            return Err(Error::limit(t!(super::msg::PERCENT_CELLS, max))
                                .place(t!(PLACE_PRODUCTS)));
                        }
                        cells.insert((r, c));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(cells)
}

/// The percentage a number cell shows, from the shortest decimal of its number: `0.97` shows
/// `97`, `0.0125` shows `1.25`, `-2` shows `-200`. Exact: the decimal point moves two places.
pub(super) fn times_100(text: &str) -> String {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let mut fraction = fraction.to_owned();
    while fraction.len() < 2 {
        fraction.push('0');
    }
    let (moved, rest) = fraction.split_at(2);
    let whole = format!("{whole}{moved}");
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    let rest = rest.trim_end_matches('0');
    let number = if rest.is_empty() {
        whole.to_owned()
    } else {
        format!("{whole}.{rest}")
    };
    if number == "0" {
        number
    } else {
        format!("{sign}{number}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_codes() {
        for code in ["0%", "0.00%", "0.0%;[Red]-0.0%", "#,##0.0 %", "[Color10]0%"] {
            assert!(is_percent_code(code), "{code}");
        }
        for code in [
            "0.0\"%\"",
            "0.0\\%",
            "0_%",
            "0*%",
            "General",
            "0.00",
            "[$%-409]0",
            "yyyy-mm-dd",
        ] {
            assert!(!is_percent_code(code), "{code}");
        }
    }

    #[test]
    fn the_point_moves_two_places() {
        for (text, shown) in [
            ("0.97", "97"),
            ("0.975", "97.5"),
            ("0.0125", "1.25"),
            ("1", "100"),
            ("-2", "-200"),
            ("0", "0"),
            ("-0", "0"),
            ("0.5", "50"),
            ("12.3456", "1234.56"),
            ("0.000001", "0.0001"),
            ("100000000000000000000", "10000000000000000000000"),
        ] {
            assert_eq!(times_100(text), shown, "{text}");
        }
    }

    #[test]
    fn references() {
        assert_eq!(position("A1"), Some((0, 0)));
        assert_eq!(position("B2"), Some((1, 1)));
        assert_eq!(position("AA10"), Some((9, 26)));
        assert_eq!(position("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(position("1"), None);
        assert_eq!(position("A0"), None);
        assert_eq!(position("ZZZZZZZZZ1"), None);
    }
}
