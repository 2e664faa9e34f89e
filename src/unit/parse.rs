//! Unit expressions: table symbols joined by `·` `*` `.` `⋅` `×` (product) and `/` (quotient),
//! raised to powers (`²`, `⁻¹`, `^2`, `^-1`, `**2`, a trailing `2` as in `m2`), grouped with
//! parentheses: `W/(m·K)`, `kg/m³`, `m²·K/W`, `N/mm**2`.
//!
//! The parser keeps the structure as written and renders it canonically (table symbols, `·`,
//! `/`, Unicode superscripts), so `FromStr` and `Display` round-trip.

use std::fmt::Write as _;

use crate::error::{t, Error, Text};
use crate::number::truncate;

use super::dimension::{write_superscript, Dimension};
use super::table::{self, Entry, Ratio};

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        PLACE_UNIT = "unit \"{0}\"", "单位 \"{0}\"";
        UNEXPECTED = "unexpected \"{0}\"", "多余的 \"{0}\"";
        LEVEL_COMBINED = "a level in decibels cannot be combined with other units or raised to a power",
            "以分贝表示的级不能与其他单位组合，也不能乘方";
        OVERFLOW_FACTOR = "unit \"{0}\": factor or dimension", "单位 \"{0}\"：换算系数或量纲";
        SYMBOL_BEFORE_POWER = "expected a unit symbol before \"**\"", "\"**\" 之前应为单位符号";
        PRODUCT_AFTER_SLASH = "a product after \"/\" is ambiguous: put the denominator in parentheses, such as \"W/(m·K)\"",
            "\"/\" 之后的乘积有歧义：请把分母放在括号中，如 \"W/(m·K)\"";
        TOO_DEEP = "parentheses nested too deeply", "括号嵌套过深";
        EXPECTED_CLOSE = "expected \")\"", "应为 \")\"";
        TWO_POWERS = "two powers in a row", "连续写了两个幂";
        POWER_ZERO = "a power of zero", "幂为零";
        EXPECTED_SYMBOL = "expected a unit symbol such as \"mm\" or \"W/(m·K)\"", "应为单位符号，如 \"mm\" 或 \"W/(m·K)\"";
        EXPECTED_SYMBOL_FOUND = "expected a unit symbol, found \"{0}\"", "应为单位符号，却是 \"{0}\"";
        POWER_TOO_LARGE = "power too large in \"{0}\"", "\"{0}\" 中的幂过大";
        WHOLE_POWER = "expected a whole-number power such as \"²\" or \"^-1\"", "应为整数的幂，如 \"²\" 或 \"^-1\"";
    }
}

/// The longest unit text read at all, in bytes.
pub(crate) const MAX_UNIT_LEN: usize = 100;
/// The deepest nesting of parentheses accepted.
pub(crate) const MAX_UNIT_DEPTH: usize = 8;

/// A parsed unit expression, already evaluated.
pub(crate) struct Parsed {
    /// Canonical text.
    pub(crate) text: String,
    pub(crate) dimension: Dimension,
    pub(crate) factor: Ratio,
}

struct Term {
    divide: bool,
    atom: Atom,
    power: i8,
}

enum Atom {
    Entry(&'static Entry),
    Group(Vec<Term>),
}

struct Parser<'a> {
    input: &'a str,
    rest: &'a str,
    depth: usize,
}

/// Parses a unit expression that is not a single table spelling.
pub(crate) fn parse(input: &str) -> Result<Parsed, Error> {
    if input.len() > MAX_UNIT_LEN {
        return Err(Error::invalid(
            "unit",
            &truncate(input),
            t!(crate::number::msg::LONGER_THAN_BYTES, MAX_UNIT_LEN),
        ));
    }
    let mut p = Parser {
        input,
        rest: input,
        depth: 0,
    };
    let terms = p.expr()?;
    p.skip_space();
    if let Some(c) = p.rest.chars().next() {
        return Err(p.syntax(t!(msg::UNEXPECTED, c.to_string())));
    }
    let single_level = match terms.as_slice() {
        [Term {
            atom: Atom::Entry(e),
            power: 1,
            divide: false,
        }] => e.dimension.is_level(),
        _ => false,
    };
    if !single_level && contains_level(&terms) {
        return Err(Error::invalid("unit", input, t!(msg::LEVEL_COMBINED)));
    }
    let mut text = String::new();
    write_terms(&mut text, &terms);
    let (dimension, factor) =
        evaluate(&terms, 1).ok_or_else(|| Error::overflow(t!(msg::OVERFLOW_FACTOR, input)))?;
    Ok(Parsed {
        text,
        dimension,
        factor,
    })
}

fn contains_level(terms: &[Term]) -> bool {
    terms.iter().any(|t| match &t.atom {
        Atom::Entry(e) => e.dimension.is_level(),
        Atom::Group(g) => contains_level(g),
    })
}

/// Dimension and factor of `terms` raised to `outer`.
fn evaluate(terms: &[Term], outer: i8) -> Option<(Dimension, Ratio)> {
    let mut dimension = Dimension::DIMENSIONLESS;
    let mut factor = Ratio::ONE;
    for t in terms {
        let mut power = t.power.checked_mul(outer)?;
        if t.divide {
            power = power.checked_neg()?;
        }
        let (d, f) = match &t.atom {
            Atom::Entry(e) => (e.dimension, e.factor),
            Atom::Group(g) => evaluate(g, 1)?,
        };
        dimension = dimension.checked_mul(d, power)?;
        factor = factor.checked_mul_pow(f, power)?;
    }
    Some((dimension, factor))
}

fn write_terms(out: &mut String, terms: &[Term]) {
    for (i, t) in terms.iter().enumerate() {
        if t.divide {
            out.push('/');
        } else if i > 0 {
            out.push('·');
        }
        match &t.atom {
            // A product symbol (`kW·h`) keeps its parentheses where it would otherwise split.
            Atom::Entry(e) if e.symbol.contains('·') && (t.divide || t.power != 1) => {
                out.push('(');
                out.push_str(e.symbol);
                out.push(')');
            }
            Atom::Entry(e) => out.push_str(e.symbol),
            Atom::Group(g) => {
                out.push('(');
                write_terms(out, g);
                out.push(')');
            }
        }
        if t.power != 1 {
            // Writing to a String cannot fail.
            let _ = write_superscript(out, t.power);
        }
    }
}

fn superscript_value(c: char) -> Option<u8> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴'..='⁹' => Some(c as u32 - '⁴' as u32 + 4).and_then(|v| u8::try_from(v).ok()),
        _ => None,
    }
}

fn is_operator(c: char) -> bool {
    matches!(
        c,
        '·' | '⋅' | '*' | '.' | '×' | '/' | '(' | ')' | '^' | '⁻' | '-' | '−'
    ) || c.is_whitespace()
        || superscript_value(c).is_some()
}

impl<'a> Parser<'a> {
    fn syntax(&self, detail: Text) -> Error {
        Error::syntax("unit", self.input, detail)
    }

    fn skip_space(&mut self) {
        self.rest = self.rest.trim_start();
    }

    fn eat(&mut self, token: &str) -> bool {
        match self.rest.strip_prefix(token) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    /// term ((`·` | `/`) term)*
    fn expr(&mut self) -> Result<Vec<Term>, Error> {
        let mut terms = vec![self.term(false)?];
        let mut seen_divide = false;
        loop {
            self.skip_space();
            let divide = if self.rest.starts_with("**") {
                return Err(self.syntax(t!(msg::SYMBOL_BEFORE_POWER)));
            } else if self.eat("/") {
                true
            } else if ['·', '⋅', '*', '.', '×'].iter().any(|c| self.eat_char(*c)) {
                if seen_divide {
                    return Err(self.syntax(t!(msg::PRODUCT_AFTER_SLASH)));
                }
                false
            } else {
                return Ok(terms);
            };
            seen_divide |= divide;
            terms.push(self.term(divide)?);
        }
    }

    fn eat_char(&mut self, c: char) -> bool {
        let mut buf = [0; 4];
        self.eat(c.encode_utf8(&mut buf))
    }

    /// atom power?
    fn term(&mut self, divide: bool) -> Result<Term, Error> {
        self.skip_space();
        let (atom, mut power) = if self.eat("(") {
            self.depth += 1;
            if self.depth > MAX_UNIT_DEPTH {
                return Err(self.syntax(t!(msg::TOO_DEEP)));
            }
            let inner = self.expr()?;
            self.skip_space();
            if !self.eat(")") {
                return Err(self.syntax(t!(msg::EXPECTED_CLOSE)));
            }
            self.depth -= 1;
            (Atom::Group(inner), 1)
        } else {
            self.word()?
        };
        if let Some(p) = self.power()? {
            if power != 1 {
                return Err(self.syntax(t!(msg::TWO_POWERS)));
            }
            power = p;
        }
        if power == 0 {
            return Err(self.syntax(t!(msg::POWER_ZERO)));
        }
        Ok(Term {
            divide,
            atom,
            power,
        })
    }

    /// A table spelling, possibly followed by ASCII digits that are its power (`m3`).
    fn word(&mut self) -> Result<(Atom, i8), Error> {
        let mut end = self
            .rest
            .find(|c: char| is_operator(c))
            .unwrap_or(self.rest.len());
        // `dB(A)` and `dB (A)` are symbols that contain parentheses.
        for tail in ["(A)", " (A)"] {
            if self.rest.get(..end) == Some("dB")
                && self.rest.get(end..).is_some_and(|r| r.starts_with(tail))
            {
                end += tail.len();
            }
        }
        let word = self.rest.get(..end).unwrap_or_default();
        if word.is_empty() {
            return Err(match self.rest.chars().next() {
                None => self.syntax(t!(msg::EXPECTED_SYMBOL)),
                Some(c) => self.syntax(t!(msg::EXPECTED_SYMBOL_FOUND, c.to_string())),
            });
        }
        self.rest = self.rest.get(end..).unwrap_or_default();
        if let Some(e) = table::lookup(word) {
            return Ok((Atom::Entry(e), 1));
        }
        let stem = word.trim_end_matches(|c: char| c.is_ascii_digit());
        if !stem.is_empty() && stem.len() < word.len() {
            if let Some(e) = table::lookup(stem) {
                let power = word
                    .get(stem.len()..)
                    .and_then(|d| d.parse::<i8>().ok())
                    .ok_or_else(|| self.syntax(t!(msg::POWER_TOO_LARGE, word)))?;
                return Ok((Atom::Entry(e), power));
            }
        }
        let err = Error::unknown_unit(word, table::suggest(word));
        Err(if word == self.input {
            err
        } else {
            err.place(t!(msg::PLACE_UNIT, self.input))
        })
    }

    /// `^n`, `**n`, superscripts, each with an optional minus sign.
    fn power(&mut self) -> Result<Option<i8>, Error> {
        let ascii = self.eat("^") || self.eat("**");
        let mut text = String::new();
        if ascii {
            if self.eat("-") || self.eat("−") {
                text.push('-');
            }
            let digits = self
                .rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(self.rest.len());
            text.push_str(self.rest.get(..digits).unwrap_or_default());
            self.rest = self.rest.get(digits..).unwrap_or_default();
        } else {
            if self.eat("⁻") {
                text.push('-');
            }
            while let Some(c) = self.rest.chars().next() {
                let Some(v) = superscript_value(c) else { break };
                let _ = write!(text, "{v}");
                self.rest = self.rest.get(c.len_utf8()..).unwrap_or_default();
            }
            if text.is_empty() {
                return Ok(None);
            }
        }
        text.parse::<i8>()
            .map(Some)
            .map_err(|_| self.syntax(t!(msg::WHOLE_POWER)))
    }
}
