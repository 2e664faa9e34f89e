//! Exact decimal numbers as people write them.
//!
//! Every number on a decision path is a [`Decimal`] parsed exactly: the written digits are kept
//! (`97.0` has scale 1, `97` scale 0) and nothing is rounded silently. Text that a 96-bit decimal
//! cannot hold (more than 28 significant digits, or beyond ±79,228,162,514,264,337,593,543,950,335)
//! is refused with an error that says so.

use rust_decimal::Decimal;

use crate::error::{t, Error};

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        LONGER_THAN_BYTES = "longer than {0} bytes", "长度超过 {0} 字节";
        DECIMAL_COMMA = "a comma is not a decimal separator here: write the decimal point \".\" and no thousands separator",
            "此处逗号不是小数点：请写小数点 \".\"，且不要写千位分隔符";
        EXPECTED_DECIMAL_FOUND = "expected a decimal number, found \"{0}\"", "应为十进制数，却是 \"{0}\"";
        EXPECTED_DECIMAL = "expected a decimal number such as \"97.0\" or \"-3.5\"", "应为十进制数，如 \"97.0\" 或 \"-3.5\"";
        TOO_MANY_DIGITS = "more digits than a decimal holds (at most 28 significant digits)", "位数超出小数所能容纳（至多 28 位有效数字）";
        EXPECTED_EXACT = "expected a decimal number of at most 28 significant digits, such as \"0.5\"",
            "应为至多 28 位有效数字的十进制数，如 \"0.5\"";
        FLOAT_DIGITS = "decimal {0}: a number with more than 15 significant digits may have lost digits as a binary float: write it as a string, with the digits you meant",
            "小数 {0}：超过 15 位有效数字的数可能已在二进制浮点数中丢失数字，请写成字符串，写出您所指的各位数字";
    }
}

/// The longest number text read at all, in bytes; anything longer is refused before any work is done.
pub(crate) const MAX_NUMBER_LEN: usize = 64;

/// Maps the full-width digits, point and signs of Chinese documents (`０`–`９`, `．`, `＋`, `－`)
/// and the Unicode minus `−` onto ASCII. Returns `None` for any other character.
pub(crate) fn ascii_number_char(c: char) -> Option<char> {
    match c {
        '0'..='9' | '.' | '+' | '-' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        '．' => Some('.'),
        '＋' => Some('+'),
        '－' | '−' => Some('-'),
        _ => None,
    }
}

/// Parses a plain decimal number: optional sign, digits, optional point and digits.
///
/// Accepts full-width digits and the Unicode minus. Refuses a decimal comma (`4,0`), a missing
/// digit before or after the point (`.5`, `5.`), exponents, and anything beyond 28 significant
/// digits. `what` names the thing being read for the message (`"number"`, `"value"`).
pub(crate) fn parse_decimal(text: &str, what: &'static str) -> Result<Decimal, Error> {
    if text.len() > MAX_NUMBER_LEN {
        return Err(Error::invalid(
            what,
            &truncate(text),
            t!(msg::LONGER_THAN_BYTES, MAX_NUMBER_LEN),
        ));
    }
    let mut ascii = String::with_capacity(text.len());
    for c in text.chars() {
        match ascii_number_char(c) {
            Some(a) => ascii.push(a),
            None if c == ',' || c == '，' => {
                return Err(Error::syntax(what, text, t!(msg::DECIMAL_COMMA)))
            }
            None => {
                return Err(Error::syntax(
                    what,
                    text,
                    t!(msg::EXPECTED_DECIMAL_FOUND, c.to_string()),
                ))
            }
        }
    }
    let unsigned = ascii
        .strip_prefix('-')
        .or_else(|| ascii.strip_prefix('+'))
        .unwrap_or(&ascii);
    let (int, frac) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let digits_ok = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits_ok(int) || frac.is_some_and(|f| !digits_ok(f)) {
        return Err(Error::syntax(what, text, t!(msg::EXPECTED_DECIMAL)));
    }
    Decimal::from_str_exact(&ascii)
        .map_err(|_| Error::invalid(what, text, t!(msg::TOO_MANY_DIGITS)))
}

/// Reads a decimal field of a plan exactly: a string (`"0.5"`, `"1e3"`) or, where the format
/// hands a number to a string reader as TOML does, a TOML number (`1.5`) as plans have always
/// allowed; JSON numbers stay refused, as the JSON Schema says. Text longer than [`MAX_NUMBER_LEN`] bytes or with
/// more than 28 significant digits is refused, never rounded.
pub(crate) fn deserialize_exact<'de, D>(d: D) -> Result<Decimal, D::Error>
where
    D: serde::Deserializer<'de>,
{
    d.deserialize_str(ExactVisitor)
}

/// [`deserialize_exact`] where the value was buffered first (inside an internally tagged enum,
/// such as a decision rule's `r`): the buffered value says what it is, so a TOML integer or
/// float is read as [`deserialize_exact`] reads it, and a string as a decimal's text.
pub(crate) fn deserialize_exact_any<'de, D>(d: D) -> Result<Decimal, D::Error>
where
    D: serde::Deserializer<'de>,
{
    d.deserialize_any(ExactVisitor)
}

struct ExactVisitor;

impl ExactVisitor {
    fn text<E: serde::de::Error>(text: &str) -> Result<Decimal, E> {
        if text.len() > MAX_NUMBER_LEN {
            return Err(Error::invalid(
                "decimal",
                &truncate(text),
                t!(msg::LONGER_THAN_BYTES, MAX_NUMBER_LEN),
            )
            .into_serde());
        }
        let exact = if text.contains(['e', 'E']) {
            Decimal::from_scientific(text)
        } else {
            Decimal::from_str_exact(text)
        };
        exact.map_err(|_| Error::syntax("decimal", text, t!(msg::EXPECTED_EXACT)).into_serde())
    }
}

impl serde::de::Visitor<'_> for ExactVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a decimal number written as a string, such as \"0.5\"")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Decimal, E> {
        ExactVisitor::text(v)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Decimal, E> {
        // A float carries no written text. Any decimal of at most 15 significant digits reads
        // into a float whose shortest text is that decimal again, so such a float is recovered
        // exactly (`0.5`, `1.25`); a longer one may already have lost digits: refused.
        // The shortest text that reads back as this float, in scientific form, so that the
        // digits counted are the significant ones (`1e28` has one, not 29).
        let text = format!("{v:e}");
        let digits = text
            .split(['e', 'E'])
            .next()
            .unwrap_or_default()
            .chars()
            .filter(char::is_ascii_digit)
            .skip_while(|c| *c == '0')
            .count();
        if digits > 15 {
            return Err(Error::new_msg(
                crate::error::ErrorKind::Inexact,
                msg::FLOAT_DIGITS,
                vec![text.into()],
            )
            .into_serde());
        }
        ExactVisitor::text(&text)
    }
}

/// Shortens a message from a reader (serde, csv) that may quote hostile input at length: keeps
/// the head and the tail (where serde puts the line and column).
pub(crate) fn clip(message: impl std::fmt::Display) -> String {
    const HEAD: usize = 300;
    const TAIL: usize = 60;
    let message = message.to_string();
    let count = message.chars().count();
    if count <= HEAD + TAIL + 1 {
        return message;
    }
    let head: String = message.chars().take(HEAD).collect();
    let tail: String = message.chars().skip(count - TAIL).collect();
    format!("{head}…{tail}")
}

/// Shortens hostile input for quoting in a message.
pub(crate) fn truncate(text: &str) -> String {
    const KEEP: usize = 40;
    if text.chars().count() <= KEEP {
        text.to_owned()
    } else {
        let head: String = text.chars().take(KEEP).collect();
        format!("{head}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_written_digits() {
        assert_eq!(parse_decimal("97.0", "n").unwrap().scale(), 1);
        assert_eq!(parse_decimal("97", "n").unwrap().scale(), 0);
        assert_eq!(parse_decimal("−3.50", "n").unwrap().to_string(), "-3.50");
        assert_eq!(parse_decimal("９７．０", "n").unwrap().to_string(), "97.0");
    }

    #[test]
    fn refuses() {
        for bad in ["", "-", ".5", "5.", "4,0", "1e3", "1.2.3", "--1", "abc"] {
            assert!(parse_decimal(bad, "n").is_err(), "{bad}");
        }
        assert!(parse_decimal("12345678901234567890123456789012", "n").is_err());
    }
}
