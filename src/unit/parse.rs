//! Unit expressions: table symbols joined by `·` `*` `.` `⋅` `×` (product) and `/` (quotient),
//! raised to powers (`²`, `⁻¹`, `^2`, `^-1`, `**2`, a trailing `2` as in `m2`), grouped with
//! parentheses: `W/(m·K)`, `kg/m³`, `m²·K/W`, `N/mm**2`.
//!
//! The parser keeps the structure as written and renders it canonically (table symbols, `·`,
//! `/`, Unicode superscripts), so `FromStr` and `Display` round-trip.

use std::fmt::Write as _;

use crate::error::Error;
use crate::number::truncate;

use super::dimension::{write_superscript, Dimension};
use super::table::{self, Entry, Ratio};

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
            format!("longer than {MAX_UNIT_LEN} bytes"),
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
        return Err(p.syntax(format!("unexpected \"{c}\"")));
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
        return Err(Error::invalid(
            "unit",
            input,
            "a level in decibels cannot be combined with other units or raised to a power",
        ));
    }
    let mut text = String::new();
    write_terms(&mut text, &terms);
    let (dimension, factor) = evaluate(&terms, 1)
        .ok_or_else(|| Error::overflow(format!("unit \"{input}\": factor or dimension")))?;
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
    fn syntax(&self, detail: impl Into<crate::error::Text>) -> Error {
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
                return Err(self.syntax("expected a unit symbol before \"**\""));
            } else if self.eat("/") {
                true
            } else if ['·', '⋅', '*', '.', '×'].iter().any(|c| self.eat_char(*c)) {
                if seen_divide {
                    return Err(self.syntax(
                        "a product after \"/\" is ambiguous: put the denominator in parentheses, such as \"W/(m·K)\"",
                    ));
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
                return Err(self.syntax("parentheses nested too deeply"));
            }
            let inner = self.expr()?;
            self.skip_space();
            if !self.eat(")") {
                return Err(self.syntax("expected \")\""));
            }
            self.depth -= 1;
            (Atom::Group(inner), 1)
        } else {
            self.word()?
        };
        if let Some(p) = self.power()? {
            if power != 1 {
                return Err(self.syntax("two powers in a row"));
            }
            power = p;
        }
        if power == 0 {
            return Err(self.syntax("a power of zero"));
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
                None => self.syntax("expected a unit symbol such as \"mm\" or \"W/(m·K)\""),
                Some(c) => self.syntax(format!("expected a unit symbol, found \"{c}\"")),
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
                    .ok_or_else(|| self.syntax(format!("power too large in \"{word}\"")))?;
                return Ok((Atom::Entry(e), power));
            }
        }
        let err = Error::unknown_unit(word, table::suggest(word));
        Err(if word == self.input {
            err
        } else {
            err.context(format!("unit \"{}\"", self.input))
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
            .map_err(|_| self.syntax("expected a whole-number power such as \"²\" or \"^-1\""))
    }
}
