//! Places in source text: line and column of a byte offset, a short quote of the text at a
//! fault, a reader's message on one line. Shared by every reader (plans, products, standards).

use crate::number::clip;

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

/// A serde_json error as `line L, column C: "found": message` (serde_json's own text ends in
/// the position, said once here instead).
pub(crate) fn json_error(text: &str, e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full);
    // serde's "duplicate field `direction`", in the house style.
    let twice = message
        .strip_prefix("duplicate field `")
        .and_then(|m| m.strip_suffix('`'))
        .map(|field| format!("field \"{field}\" is given twice"));
    let message = twice.as_deref().unwrap_or(message);
    if e.line() == 0 {
        return clip(message);
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
    clip(match quote_at(text, at, token_end) {
        Some(q) if e.is_syntax() => format!("line {l}, column {c}: {q}: {message}"),
        _ => format!("line {l}, column {c}: {message}"),
    })
}
