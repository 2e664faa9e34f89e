//! Places in source text: line and column of a byte offset, a short quote of the text at a
//! fault, a reader's message on one line, and the messages of the readers duibiao uses (TOML,
//! JSON, CSV, workbooks, the system's reads) in both languages. Shared by every reader (plans,
//! products, standards).

use crate::error::{t, Error, ErrorKind, Text};
use crate::number::clip;

/// The messages of the readers duibiao uses: serde's wordings of a field or a type that does
/// not fit, serde_json's wordings of a syntax fault, the system's wordings of a read that
/// failed, each written again in both languages; a reader's text that is none of these is
/// quoted inside a frame naming the reader.
pub(crate) mod msg {
    crate::error::messages! {
        /// Text of the input quoted before what is wrong with it, as it is in every language.
        QUOTE = "{0}", "{0}";
        TOML_SAYS = "the TOML reader says: \"{0}\"", "TOML 读取器提示：\"{0}\"";
        JSON_SAYS = "the JSON reader says: \"{0}\"", "JSON 读取器提示：\"{0}\"";
        CSV_SAYS = "the CSV reader says: \"{0}\"", "CSV 读取器提示：\"{0}\"";
        WORKBOOK_SAYS = "the workbook reader says: \"{0}\"", "工作簿读取器提示：\"{0}\"";
        SYSTEM_SAYS = "the system says: \"{0}\"", "系统提示：\"{0}\"";
        TOML_WRITER_SAYS = "the TOML writer says: \"{0}\"", "TOML 写出器提示：\"{0}\"";
        JSON_WRITER_SAYS = "the JSON writer says: \"{0}\"", "JSON 写出器提示：\"{0}\"";
        // serde's wordings (`serde::de::Error`), word for word in English.
        UNKNOWN_FIELD = "unknown field `{0}`", "未知字段 `{0}`";
        UNKNOWN_FIELD_EXPECTED = "unknown field `{0}`, expected {1}", "未知字段 `{0}`，应为 {1}";
        UNKNOWN_FIELD_NONE = "unknown field `{0}`, there are no fields", "未知字段 `{0}`，此处不含任何字段";
        UNKNOWN_VARIANT = "unknown variant `{0}`, expected {1}", "未知取值 `{0}`，应为 {1}";
        UNKNOWN_VARIANT_NONE = "unknown variant `{0}`, there are no variants", "未知取值 `{0}`，此处没有可选取值";
        MISSING_FIELD = "missing field `{0}`", "缺少字段 `{0}`";
        FIELD_TWICE = "field \"{0}\" is given twice", "字段 \"{0}\" 出现两次";
        INVALID_TYPE = "invalid type: {0}, expected {1}", "类型不符：{0}，应为 {1}";
        INVALID_VALUE = "invalid value: {0}, expected {1}", "取值不符：{0}，应为 {1}";
        INVALID_LENGTH = "invalid length {0}, expected {1}", "长度不符：{0}，应为 {1}";
        ONE_OF = "one of {0}", "{0} 之一";
        EITHER = "{0} or {1}", "{0} 或 {1}";
        // serde_json's wordings of a syntax fault, word for word in English.
        EOF_LIST = "end of file while parsing a list", "读取数组时文件意外结束";
        EOF_OBJECT = "end of file while parsing an object", "读取对象时文件意外结束";
        EOF_STRING = "end of file while parsing a string", "读取字符串时文件意外结束";
        EOF_VALUE = "end of file while parsing a value", "读取值时文件意外结束";
        EXPECTED_VALUE = "expected value", "此处应为一个值";
        EXPECTED_COLON = "expected `:`", "此处应为 `:`";
        EXPECTED_COMMA_LIST = "expected `,` or `]`", "此处应为 `,` 或 `]`";
        EXPECTED_COMMA_OBJECT = "expected `,` or `}`", "此处应为 `,` 或 `}`";
        EXPECTED_IDENT = "expected ident", "此处应为 true、false 或 null";
        TRAILING_CHARACTERS = "trailing characters", "JSON 之后还有多余字符";
        TRAILING_COMMA = "trailing comma", "末尾多了一个逗号";
        KEY_MUST_BE_STRING = "key must be a string", "键必须是字符串";
        INVALID_NUMBER = "invalid number", "数字无效";
        NUMBER_OUT_OF_RANGE = "number out of range", "数字超出范围";
        INVALID_ESCAPE = "invalid escape", "转义序列无效";
        CONTROL_CHARACTER = "control character (\\u0000-\\u001F) found while parsing a string",
            "字符串中有控制字符（\\u0000-\\u001F）";
        RECURSION_LIMIT = "recursion limit exceeded", "嵌套层数超出限制";
        CSV_NOT_UTF8 = "the text is not UTF-8: save the file as UTF-8", "文本不是 UTF-8，请将文件另存为 UTF-8";
        CSV_LENGTHS = "{0} fields where the first row has {1}", "有 {0} 个字段，而第一行有 {1} 个";
        // The system's wordings of a read that failed.
        NOT_FOUND = "no such file or directory", "没有该文件或目录";
        PERMISSION_DENIED = "permission denied: the file may not be read", "没有权限读取该文件";
        IS_A_DIRECTORY = "a directory, not a file", "这是目录，不是文件";
        INVALID_DATA = "the data are not valid: {0}", "数据无效：{0}";
        UNEXPECTED_EOF = "the file ended before it was complete", "文件在读完之前就结束了";
        INTERRUPTED = "the read was interrupted", "读取被中断";
    }
}

/// Which reader a message comes from, for the frame of a text that is not classified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reader {
    Toml,
    Json,
}

/// A reader's message (one line, without its position) in both languages: serde's and
/// serde_json's wordings written again from templates, anything else quoted inside a frame that
/// names the reader.
pub(crate) fn reader_text(reader: Reader, message: &str) -> Text {
    let message = one_line(message);
    if let Some(text) = serde_text(&message) {
        return text;
    }
    if matches!(reader, Reader::Json) {
        if let Some(m) = json_syntax(&message) {
            return t!(m);
        }
    }
    let frame = match reader {
        Reader::Toml => msg::TOML_SAYS,
        Reader::Json => msg::JSON_SAYS,
    };
    t!(frame, clip(message))
}

/// serde_json's wordings of a syntax fault.
fn json_syntax(message: &str) -> Option<&'static crate::error::Msg> {
    Some(match message {
        "EOF while parsing a list" => msg::EOF_LIST,
        "EOF while parsing an object" => msg::EOF_OBJECT,
        "EOF while parsing a string" => msg::EOF_STRING,
        "EOF while parsing a value" => msg::EOF_VALUE,
        "expected value" => msg::EXPECTED_VALUE,
        "expected `:`" => msg::EXPECTED_COLON,
        "expected `,` or `]`" => msg::EXPECTED_COMMA_LIST,
        "expected `,` or `}`" => msg::EXPECTED_COMMA_OBJECT,
        "expected ident" => msg::EXPECTED_IDENT,
        "trailing characters" => msg::TRAILING_CHARACTERS,
        "trailing comma" => msg::TRAILING_COMMA,
        "key must be a string" => msg::KEY_MUST_BE_STRING,
        "invalid number" => msg::INVALID_NUMBER,
        "number out of range" => msg::NUMBER_OUT_OF_RANGE,
        "invalid escape" => msg::INVALID_ESCAPE,
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            msg::CONTROL_CHARACTER
        }
        "recursion limit exceeded" => msg::RECURSION_LIMIT,
        _ => return None,
    })
}

/// The one name in backquotes that `text` is (`` `direction` ``), without them.
fn quoted_name(text: &str) -> Option<&str> {
    text.strip_prefix('`')?
        .strip_suffix('`')
        .filter(|n| !n.contains('`'))
}

/// serde's list of expected names (`` `a` ``, `` `a` or `b` ``, `` one of `a`, `b`, `c` ``)
/// in both languages; the names are shown as they are.
fn one_of(text: &str) -> Text {
    if let Some(names) = text.strip_prefix("one of ") {
        return t!(msg::ONE_OF, names);
    }
    match text.split_once(" or ") {
        Some((a, b)) if quoted_name(a).is_some() && quoted_name(b).is_some() => {
            t!(msg::EITHER, a, b)
        }
        _ => t!(msg::QUOTE, text),
    }
}

/// serde's own wordings (`serde::de::Error`'s defaults): an unknown or missing field, a
/// duplicate one, a value of the wrong type.
fn serde_text(message: &str) -> Option<Text> {
    let (head, tail) = match message.split_once(", ") {
        Some((h, t)) => (h, Some(t)),
        None => (message, None),
    };
    if let Some(name) = head.strip_prefix("unknown field ").and_then(quoted_name) {
        return Some(match tail {
            None => t!(msg::UNKNOWN_FIELD, name),
            Some("there are no fields") => t!(msg::UNKNOWN_FIELD_NONE, name),
            Some(t) => t!(
                msg::UNKNOWN_FIELD_EXPECTED,
                name,
                one_of(t.strip_prefix("expected ")?)
            ),
        });
    }
    if let Some(name) = head.strip_prefix("unknown variant ").and_then(quoted_name) {
        return Some(match tail? {
            "there are no variants" => t!(msg::UNKNOWN_VARIANT_NONE, name),
            t => t!(
                msg::UNKNOWN_VARIANT,
                name,
                one_of(t.strip_prefix("expected ")?)
            ),
        });
    }
    if tail.is_none() {
        if let Some(name) = message.strip_prefix("missing field ").and_then(quoted_name) {
            return Some(t!(msg::MISSING_FIELD, name));
        }
        if let Some(name) = message
            .strip_prefix("duplicate field ")
            .and_then(quoted_name)
        {
            return Some(t!(msg::FIELD_TWICE, name));
        }
    }
    for (prefix, m) in [
        ("invalid type: ", msg::INVALID_TYPE),
        ("invalid value: ", msg::INVALID_VALUE),
        ("invalid length ", msg::INVALID_LENGTH),
    ] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let (found, expected) = rest.rsplit_once(", expected ")?;
            return Some(t!(m, clip(found), clip(expected)));
        }
    }
    None
}

/// A fault of the CSV reader in both languages: a read that failed as [`io_text`] says it,
/// text that is not UTF-8 or a row of another length from templates, any other quoted.
pub(crate) fn csv_text(e: &csv::Error) -> Text {
    match e.kind() {
        csv::ErrorKind::Io(io) => io_text(io),
        csv::ErrorKind::Utf8 { .. } => t!(msg::CSV_NOT_UTF8),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => t!(msg::CSV_LENGTHS, *len, *expected_len),
        _ => t!(msg::CSV_SAYS, clip(one_line(&e.to_string()))),
    }
}

/// A read that failed, in both languages: the system's common faults from templates, any
/// other quoted inside a frame.
pub(crate) fn io_text(e: &std::io::Error) -> Text {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => t!(msg::NOT_FOUND),
        K::PermissionDenied => t!(msg::PERMISSION_DENIED),
        K::IsADirectory => t!(msg::IS_A_DIRECTORY),
        K::UnexpectedEof => t!(msg::UNEXPECTED_EOF),
        K::Interrupted => t!(msg::INTERRUPTED),
        K::InvalidData => t!(msg::INVALID_DATA, clip(one_line(&e.to_string()))),
        _ => t!(msg::SYSTEM_SAYS, clip(one_line(&e.to_string()))),
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    // An offset inside a character (or past the end) counts from the character's start.
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

/// [`line_col`] of each of `offsets`, in one pass over `text` (the offsets in any order): a
/// report of a thousand faults in a text of megabytes on one line costs one scan, not one each.
pub(crate) fn line_cols(text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
    let mut order: Vec<(usize, usize)> = offsets
        .iter()
        .enumerate()
        .map(|(k, &offset)| {
            // An offset inside a character (or past the end) counts from the character's start.
            let mut offset = offset.min(text.len());
            while !text.is_char_boundary(offset) {
                offset -= 1;
            }
            (offset, k)
        })
        .collect();
    order.sort_unstable();
    let mut out = vec![(1, 1); offsets.len()];
    let (mut line, mut column) = (1usize, 1usize);
    let mut pending = order.iter().peekable();
    for (at, b) in text.bytes().enumerate() {
        while let Some(&&(offset, k)) = pending.peek() {
            if offset != at {
                break;
            }
            if let Some(slot) = out.get_mut(k) {
                *slot = (line, column);
            }
            pending.next();
        }
        if pending.peek().is_none() {
            break;
        }
        if b == b'\n' {
            line += 1;
            column = 1;
        } else if b & 0xC0 != 0x80 {
            column += 1;
        }
    }
    // Offsets at the end of the text.
    for &(_, k) in pending {
        if let Some(slot) = out.get_mut(k) {
            *slot = (line, column);
        }
    }
    out
}

/// A reader's message on one line.
pub(crate) fn one_line(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The text at `start..end` quoted, when it is short and on one line; else the start of the
/// line from `start`; `None` at the end of the text.
pub(crate) fn quote_at(text: &str, start: usize, end: usize) -> Option<String> {
    let rest = text.get(start..)?;
    let span = text.get(start..end).unwrap_or_default();
    let token = || {
        rest.split(|c: char| c.is_whitespace() || matches!(c, ',' | ']' | '}'))
            .next()
            .unwrap_or_default()
    };
    let shown = if span.chars().count() <= 1 {
        // A reader pointing at one character: show the word it starts.
        token()
    } else if !span.trim().is_empty() && !span.contains('\n') && span.chars().count() <= 40 {
        span
    } else {
        rest.lines().next().unwrap_or_default()
    };
    let shown = shown.trim();
    // A quoted string is shown without its own quotes.
    let shown = shown
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .filter(|s| !s.is_empty())
        .unwrap_or(shown);
    let shown = shown.trim_matches(|c: char| c.is_control());
    (!shown.is_empty() && shown != "\"").then(|| format!("\"{}\"", crate::number::truncate(shown)))
}

/// A serde_json error of a plan as an error of kind [`ErrorKind::Plan`] at `line L, column
/// C` (a place, and the span), with the text found quoted for a fault of syntax: a field's own
/// error ([`Error::into_serde`]) whole, serde's and serde_json's wordings in both languages,
/// any other quoted (serde_json's own text ends in the position, said once here instead).
pub(crate) fn json_error(text: &str, e: &serde_json::Error) -> Error {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full);
    let error = Error::from_serde(message)
        .unwrap_or_else(|| Error::invalid_plan(reader_text(Reader::Json, message)))
        .with_kind(ErrorKind::Plan);
    if e.line() == 0 {
        return error;
    }
    // serde_json counts columns in bytes, 1-based, pointing at (or just past) the fault.
    let line_start: usize = text
        .split_inclusive('\n')
        .take(e.line().saturating_sub(1))
        .map(str::len)
        .sum();
    let mut at = (line_start + e.column().saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let (l, c) = line_col(text, at);
    let token_end = text
        .get(at..)
        .and_then(|r| r.find([',', '}', ']', '\n']))
        .map_or(text.len(), |p| at + p);
    let error = match quote_at(text, at, token_end) {
        Some(q) if e.is_syntax() => error.place(t!(msg::QUOTE, q)),
        _ => error,
    };
    error
        .place(t!(crate::error::msg::PLACE_LINE_COLUMN, l, c))
        .at(crate::error::Span::new(at, token_end, l, c))
}
