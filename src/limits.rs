//! Bounds on what a plan or a products file may hold, so that hostile input is refused quickly
//! instead of being processed.
//!
//! The defaults ([`Limits::default`]) lie far beyond any real plan (a real plan has tens of
//! indicators, a handful of standards and grades, names of a few dozen characters) and are
//! listed with their reasons in `docs/limits.md`. A plan or products file beyond a limit is
//! refused with a message that names the limit:
//!
//! ```
//! use duibiao::{Limits, Plan};
//!
//! let mut limits = Limits::default();
//! limits.indicators = 1;
//! let text = r#"
//! schema_version = 1
//! category = { en = "smart toilet" }
//! standards = [{ code = "T/CZGX 001-2022", role = "benchmark" }]
//! [[indicators]]
//! id = "flush-water"
//! direction = "lower-is-better"
//! [[indicators]]
//! id = "noise"
//! direction = "lower-is-better"
//! "#;
//! let err = Plan::from_toml_str_with(text, &limits).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "plan: indicators: 2 indicators, more than the 1 a plan may hold (limit `indicators`)"
//! );
//! # Ok::<(), duibiao::Error>(())
//! ```
//!
//! Text read by the parsers on their own (limit text, numbers, units, standard numbers, values)
//! has fixed bounds, given as associated constants: [`Limits::LIMIT_TEXT_BYTES`] and the rest.

use crate::error::{t, Error, Text};

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        /// `{0} {1}`: a count and what is counted; `{3}`: what may hold them.
        EXCEEDED = "{0} {1}, more than the {2} {3} may hold (limit `{4}`)",
            "{0} 个{1}，超过{3}可容纳的 {2} 个（限额 `{4}`）";
        TOO_LONG = "\"{0}\" is {1} bytes, longer than {2} (limit `{3}`)",
            "\"{0}\" 长 {1} 字节，超过 {2} 字节（限额 `{3}`）";
        PLAN_BYTES = "the plan is {0} bytes, more than the {1} a plan may hold (limit `plan_bytes`)",
            "方案有 {0} 字节，超过方案可容纳的 {1} 字节（限额 `plan_bytes`）";
        DIGITS = "a run of {0} digits, longer than {1} (limit `digits`): no number in a plan has more than 28 significant digits",
            "连续 {0} 位数字，超过 {1} 位（限额 `digits`），方案中的数值最多有 28 位有效数字";
        VALUES = "more than {0} keys, values and array items, the most a plan may hold (limit `values`): a real plan holds a few thousand; a program reading larger plans can raise `Limits::values`",
            "键、值与数组元素多于 {0} 个，超过方案可容纳的数量（限额 `values`）：实际方案只有几千个；读取更大方案的程序可提高 `Limits::values`";
        NESTING = "tables and arrays nested {0} deep, deeper than {1} (limit `nesting`)",
            "表与数组嵌套 {0} 层，超过 {1} 层（限额 `nesting`）";
        /// A place inside a plan, as a path (`indicators[2].id`).
        PATH = "{0}", "{0}";
        GRADES = "grades", "等级";
        REQUIREMENTS = "requirements", "要求";
        BANDS = "bands", "分档";
        STANDARDS = "standards", "标准";
        INDICATORS = "indicators", "指标";
        A_GRADE_TABLE = "a grade table", "一个等级表";
        AN_INDICATOR = "an indicator", "一个指标";
        A_PLAN = "a plan", "一个方案";
    }
}

/// A word of an [`exceeded`] message in both languages (as written, when it has no template).
fn word(text: &str) -> Text {
    let known = [
        msg::GRADES,
        msg::REQUIREMENTS,
        msg::BANDS,
        msg::STANDARDS,
        msg::INDICATORS,
        msg::A_GRADE_TABLE,
        msg::AN_INDICATOR,
        msg::A_PLAN,
    ];
    match known.into_iter().find(|m| m.en == text) {
        Some(m) => t!(m),
        None => t!(msg::PATH, text),
    }
}

/// `error` at `place` (`plan: indicators[0].id`): `plan` in every language, the path after
/// it as written.
fn at(error: Error, place: &str) -> Error {
    let mut parts: Vec<&str> = place.split(": ").collect();
    let mut error = error;
    while let Some(part) = parts.pop() {
        error = if part == "plan" {
            error.place(t!(crate::error::msg::PLACE_PLAN))
        } else {
            error.place(t!(msg::PATH, part))
        };
    }
    error
}

/// Bounds on what a plan or a products file may hold. Build one with [`Limits::default`] and
/// change the fields you need; new fields may be added in minor releases.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// The largest plan text, in bytes (default 4 MiB).
    pub plan_bytes: usize,
    /// The longest run of digits anywhere in a plan text (default 256). A number holds at most
    /// 28 significant digits and 64 characters; this lets a plan holding a number of a million
    /// digits be refused in one pass over the text, before the TOML or JSON reader sees it.
    pub digits: usize,
    /// The deepest nesting of tables and arrays in a plan file, TOML or JSON, and in one entry
    /// of a products JSON array (the array counts as one) or line of a JSON Lines file
    /// (default 32; a plan nests at most 8 deep).
    pub nesting: usize,
    /// The most standards a plan lists (default 1 000).
    pub standards: usize,
    /// The most indicators a plan holds (default 10 000).
    pub indicators: usize,
    /// The most requirements one indicator states (default 1 000).
    pub requirements: usize,
    /// The most grades in one grade table (default 100).
    pub grades: usize,
    /// The most bands of one indicator (default 100).
    pub bands: usize,
    /// The longest id (an indicator id, a product id, a `bands.by`), in bytes (default 256).
    pub id_bytes: usize,
    /// The longest name, title or other free text in a plan, in bytes (default 4 096).
    pub text_bytes: usize,
    /// The most columns in a products CSV file, the `id` column included (default 10 001).
    pub columns: usize,
    /// The longest row of a products CSV file, entry of a products JSON array or line of a
    /// JSON Lines file, in bytes (default 1 MiB): the most a products reader holds at once.
    pub row_bytes: usize,
    /// The longest products text given whole to [`crate::product::read_json_with`], in bytes
    /// (default 1 GiB). Files read as a stream (CSV, a JSON array, JSON Lines: the
    /// [`crate::stream::Source`] readers, the command line) hold one row at a time and are
    /// not bounded in size.
    pub products_bytes: usize,
    /// The largest Excel workbook read as products (`.xlsx`), in bytes (default 16 MiB); its
    /// parts uncompressed and the cells held may each be 16 times that (a workbook is a zip
    /// archive, read whole).
    pub workbook_bytes: usize,
    /// The most faults a plan's check keeps (default 1 000): the first ones, in plan order;
    /// the rest are counted ([`crate::plan::Report::omitted_errors`] and
    /// [`crate::plan::Report::omitted_warnings`]), so a plan with a million faults is answered
    /// quickly with a short report.
    pub faults: usize,
    /// The most keys, values and array items in a plan text (default 500 000), counted in one
    /// pass over the text before it is parsed (every `=`, `,`, `.`, `[` and `{` outside strings
    /// and comments in TOML; every `,`, `[` and `{` outside strings in JSON), so that a plan
    /// of millions of tiny values never reaches the reader, whose document costs some 200
    /// bytes a value. The generated 4 MB plan of 400 000 faults counts about 403 000.
    pub values: usize,
}

impl Limits {
    /// The longest limit text (`≥ 97.0 %`), in bytes.
    pub const LIMIT_TEXT_BYTES: usize = crate::limit::MAX_LIMIT_LEN;
    /// The longest number text, in bytes; a number also holds at most 28 significant digits,
    /// so a number of a million digits is refused before any digit is read.
    pub const NUMBER_TEXT_BYTES: usize = crate::number::MAX_NUMBER_LEN;
    /// The longest unit text (`W/(m·K)`), in bytes.
    pub const UNIT_TEXT_BYTES: usize = crate::unit::MAX_UNIT_LEN;
    /// The deepest nesting of parentheses in a unit expression.
    pub const UNIT_NESTING: usize = crate::unit::MAX_UNIT_DEPTH;
    /// The longest standard number (`GB/T 8170-2008`), in characters.
    pub const STANDARD_CODE_CHARS: usize = crate::standard::MAX_CODE_LEN;
    /// The longest value text (`3.9 ± 0.1 L`), in bytes.
    pub const VALUE_TEXT_BYTES: usize = crate::measurement::MAX_MEASUREMENT_LEN;
    /// The longest cell of a products file, in bytes.
    pub const CELL_BYTES: usize = 256;
}

/// The default of [`Limits::values`].
pub(crate) const VALUES: usize = 500_000;

/// The default of [`Limits::plan_bytes`].
pub(crate) const PLAN_BYTES: usize = 4 * 1024 * 1024;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            plan_bytes: PLAN_BYTES,
            digits: 256,
            nesting: 32,
            standards: 1_000,
            indicators: 10_000,
            requirements: 1_000,
            grades: 100,
            bands: 100,
            id_bytes: 256,
            text_bytes: 4_096,
            columns: 10_001,
            row_bytes: 1024 * 1024,
            products_bytes: 1024 * 1024 * 1024,
            workbook_bytes: 16 * 1024 * 1024,
            faults: 1_000,
            values: VALUES,
        }
    }
}

pub(crate) fn exceeded(
    place: &str,
    count: usize,
    noun: &str,
    max: usize,
    holder: &str,
    name: &str,
) -> Error {
    at(
        Error::limit(t!(
            msg::EXCEEDED,
            count,
            word(noun),
            max,
            word(holder),
            name
        )),
        place,
    )
}

pub(crate) fn too_long(place: &str, text: &str, max: usize, name: &str) -> Error {
    at(
        Error::limit(t!(
            msg::TOO_LONG,
            crate::number::truncate(text),
            text.len(),
            max,
            name
        )),
        place,
    )
}

impl Limits {
    /// Refuses text longer than [`Limits::plan_bytes`] or with a run of digits longer than
    /// [`Limits::digits`], before it is read.
    pub(crate) fn check_plan_text(&self, text: &str) -> Result<(), Error> {
        if text.len() > self.plan_bytes {
            return Err(Error::limit(t!(
                msg::PLAN_BYTES,
                text.len(),
                self.plan_bytes
            )));
        }
        let mut run = 0usize;
        for (i, b) in text.bytes().enumerate() {
            if b.is_ascii_digit() {
                run += 1;
                if run > self.digits {
                    let start = i + 1 - run;
                    let (l, c) = crate::text::line_col(text, start);
                    let length = text
                        .get(start..)
                        .map_or(run, |r| r.bytes().take_while(u8::is_ascii_digit).count());
                    return Err(Error::limit(t!(msg::DIGITS, length, self.digits)).place(t!(
                        crate::error::msg::PLACE_LINE_COLUMN,
                        l,
                        c
                    )));
                }
            } else {
                run = 0;
            }
        }
        Ok(())
    }

    /// Refuses a plan text of more than [`Limits::values`] keys, values and array items,
    /// counted before it is parsed (an upper bound: the separators and openings outside
    /// strings and comments), located where the count passes the limit.
    pub(crate) fn check_values(&self, text: &str, json: bool) -> Result<(), Error> {
        match count_values(text, json, self.values) {
            None => Ok(()),
            Some(at) => {
                let (l, c) = crate::text::line_col(text, at);
                Err(Error::limit(t!(msg::VALUES, self.values)).place(t!(
                    crate::error::msg::PLACE_LINE_COLUMN,
                    l,
                    c
                )))
            }
        }
    }

    /// Refuses a document nested deeper than [`Limits::nesting`].
    pub(crate) fn check_nesting(&self, what: &str, depth: usize) -> Result<(), Error> {
        if depth > self.nesting {
            return Err(at(
                Error::limit(t!(msg::NESTING, depth, self.nesting)),
                what,
            ));
        }
        Ok(())
    }
}

/// The nesting depth of a TOML document, 0 for a scalar, 1 for a flat array or table (the document is 1).
pub(crate) fn toml_depth(root: &toml_edit::Item) -> usize {
    use toml_edit::{Item, Value};
    enum Node<'d> {
        Item(&'d Item),
        Value(&'d Value),
        Table(&'d toml_edit::Table),
    }
    // Iterative, so a deep document cannot overflow the stack here.
    let mut deepest = 0;
    let mut stack = vec![(Node::Item(root), 0usize)];
    while let Some((node, outer)) = stack.pop() {
        let inner = outer + 1;
        match node {
            Node::Item(Item::Table(t)) | Node::Table(t) => {
                deepest = deepest.max(inner);
                stack.extend(t.iter().map(|(_, v)| (Node::Item(v), inner)));
            }
            Node::Item(Item::ArrayOfTables(a)) => {
                deepest = deepest.max(inner);
                stack.extend(a.iter().map(|t| (Node::Table(t), inner)));
            }
            Node::Item(Item::Value(v)) | Node::Value(v) => match v {
                Value::Array(items) => {
                    deepest = deepest.max(inner);
                    stack.extend(items.iter().map(|x| (Node::Value(x), inner)));
                }
                Value::InlineTable(t) => {
                    deepest = deepest.max(inner);
                    stack.extend(t.iter().map(|(_, x)| (Node::Value(x), inner)));
                }
                _ => {}
            },
            Node::Item(Item::None) => {}
        }
    }
    deepest
}

/// The byte offset where the count of values in `text` passes `most`, if it does: every
/// separator and opening outside strings (and, in TOML, comments). Strings are skipped as
/// TOML and JSON write them: `"…"` with backslash escapes, TOML's `'…'`, `"""…"""` and
/// `'''…'''`; a one-line string ends at the line's end at the latest, as the readers refuse
/// it there.
pub(crate) fn count_values(text: &str, json: bool, most: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let starts = |at: usize, s: &[u8]| bytes.get(at..at + s.len()) == Some(s);
    let mut count = 0usize;
    let mut at = 0usize;
    while let Some(&b) = bytes.get(at) {
        match b {
            b'"' | b'\'' if !json && (starts(at, b"\"\"\"") || starts(at, b"\'\'\'")) => {
                let close: &[u8] = if b == b'"' { b"\"\"\"" } else { b"\'\'\'" };
                at += 3;
                while at < bytes.len() && !starts(at, close) {
                    at += if b == b'"' && bytes.get(at) == Some(&b'\\') {
                        2
                    } else {
                        1
                    };
                }
                at += 3;
                // Up to two more quotes belong to the string.
                while bytes.get(at) == Some(&b) {
                    at += 1;
                }
                continue;
            }
            b'"' | b'\'' if b == b'"' || !json => {
                at += 1;
                while let Some(&c) = bytes.get(at) {
                    if c == b || c == b'\n' {
                        break;
                    }
                    at += if b == b'"' && c == b'\\' { 2 } else { 1 };
                }
            }
            b'#' if !json => {
                while bytes.get(at).is_some_and(|&c| c != b'\n') {
                    at += 1;
                }
            }
            b',' | b'[' | b'{' => count += 1,
            b'=' | b'.' if !json => count += 1,
            _ => {}
        }
        if count > most {
            return Some(at);
        }
        at += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth() {
        let t = |s: &str| toml_depth(toml_edit::ImDocument::parse(s).unwrap().as_item());
        assert_eq!(t("a = 1"), 1);
        assert_eq!(t("a = [[1]]"), 3);
        assert_eq!(t("[x.y]\nz = 1"), 3);
    }
}
