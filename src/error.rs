//! The one error type of the crate.
//!
//! [`Error`] is opaque: a private kind (built with `thiserror`) plus the places it was found in,
//! outermost first. Its message follows one house style: lower case, no full stop, the offending
//! text quoted, where it was found first, then what was expected, for example
//!
//! ```text
//! indicator "flush-water": limit "≤ 4,0 L": expected a number after "≤"
//! ```
//!
//! Callers who must branch use the `is_*` predicates; everything else reads the message.

use std::fmt;

/// Where a fault is in a source text: the byte range, and the 1-based line and column (in
/// characters) of its start.
///
/// ```
/// let span = duibiao::Span::new(4, 7, 2, 1);
/// assert_eq!((span.start, span.end, span.line, span.column), (4, 7, 2, 1));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column of `start`, in characters.
    pub column: usize,
}

impl Span {
    /// A span of bytes `start..end` starting at `line`, `column`.
    pub fn new(start: usize, end: usize, line: usize, column: usize) -> Span {
        Span {
            start,
            end,
            line,
            column,
        }
    }
}

/// Everything that can go wrong in duibiao: malformed text, a value that is not allowed, units
/// that do not fit together, arithmetic beyond what a decimal holds.
///
/// The message names what was being read, where, the offending text and what was expected:
///
/// ```
/// let err = "≥ abc".parse::<duibiao::Limit>().unwrap_err();
/// assert_eq!(err.to_string(), r#"limit "≥ abc": expected a number after "≥", found "abc""#);
/// assert!(err.is_syntax());
/// ```
pub struct Error {
    inner: Box<Inner>,
}

struct Inner {
    /// Where the fault was found, outermost first (`indicator "flush-water"`, `line 3`).
    context: Vec<String>,
    kind: ErrorKind,
}

/// The private kinds. Variants may be added freely: callers only see predicates and messages.
#[derive(Debug, thiserror::Error)]
#[allow(dead_code)] // the unit variants are constructed once the unit table lands
pub(crate) enum ErrorKind {
    /// Text that does not follow the grammar of what was being read.
    #[error("{what} \"{input}\": {detail}")]
    Syntax {
        what: &'static str,
        input: String,
        detail: String,
    },
    /// Well-formed text or a value that the rules do not allow.
    #[error("{what} \"{input}\": {detail}")]
    Invalid {
        what: &'static str,
        input: String,
        detail: String,
    },
    /// A unit symbol that is not in the unit table.
    #[error("unit \"{input}\": unknown unit{}", suggestion.as_ref().map(|s| format!(", did you mean \"{s}\"?")).unwrap_or_default())]
    UnknownUnit {
        input: String,
        suggestion: Option<String>,
    },
    /// Two quantities whose dimensions or kinds differ were compared or converted.
    #[error("{detail}")]
    Incompatible { detail: String },
    /// A plan file that cannot be read as a plan.
    #[error("{detail}")]
    Plan { detail: String },
    /// Arithmetic that a 96-bit decimal cannot hold.
    #[error("{detail}: the result does not fit in 28 significant digits")]
    Overflow { detail: String },
    /// A result a decimal cannot hold exactly where the crate refuses to round (a conversion
    /// with a terminating ratio whose result has more than 28 decimal places, or one that
    /// would round to 0); `detail` says why.
    #[error("{detail}")]
    Inexact { detail: String },
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Self {
        Error {
            inner: Box::new(Inner {
                context: Vec::new(),
                kind,
            }),
        }
    }

    /// Text that does not follow the grammar of `what`.
    pub(crate) fn syntax(what: &'static str, input: &str, detail: impl Into<String>) -> Self {
        Error::new(ErrorKind::Syntax {
            what,
            input: input.to_owned(),
            detail: detail.into(),
        })
    }

    /// Well-formed `what` whose value the rules refuse.
    pub(crate) fn invalid(what: &'static str, input: &str, detail: impl Into<String>) -> Self {
        Error::new(ErrorKind::Invalid {
            what,
            input: input.to_owned(),
            detail: detail.into(),
        })
    }

    /// A unit symbol missing from the unit table, with the nearest known spelling if any.
    pub(crate) fn unknown_unit(input: &str, suggestion: Option<&str>) -> Self {
        Error::new(ErrorKind::UnknownUnit {
            input: input.to_owned(),
            suggestion: suggestion.map(str::to_owned),
        })
    }

    /// A result that a decimal cannot hold exactly, where rounding would be silent.
    pub(crate) fn inexact(detail: impl Into<String>) -> Self {
        Error::new(ErrorKind::Inexact {
            detail: detail.into(),
        })
    }

    /// Units or kinds that do not fit together.
    #[allow(dead_code)]
    pub(crate) fn incompatible(detail: impl Into<String>) -> Self {
        Error::new(ErrorKind::Incompatible {
            detail: detail.into(),
        })
    }

    /// A plan file that is not a plan (syntax, fields, schema version).
    pub(crate) fn invalid_plan(detail: impl Into<String>) -> Self {
        Error::new(ErrorKind::Plan {
            detail: detail.into(),
        })
    }

    /// Arithmetic beyond 28 significant digits.
    pub(crate) fn overflow(detail: impl Into<String>) -> Self {
        Error::new(ErrorKind::Overflow {
            detail: detail.into(),
        })
    }

    /// Adds an outer place to the error (`indicator "flush-water"`, `line 3`, a file name),
    /// printed before the places already there.
    ///
    /// ```
    /// let err = "≥ abc".parse::<duibiao::Limit>().unwrap_err().context("line 3");
    /// assert!(err.to_string().starts_with("line 3: limit \"≥ abc\""));
    /// ```
    #[must_use]
    pub fn context(mut self, place: impl Into<String>) -> Self {
        self.inner.context.insert(0, place.into());
        self
    }

    /// True when text did not follow the grammar of what was being read (a limit, a number, a
    /// unit expression, a standard number).
    pub fn is_syntax(&self) -> bool {
        matches!(self.inner.kind, ErrorKind::Syntax { .. })
    }

    /// True when well-formed input holds a value the rules refuse (a rounding interval of 3,
    /// an inverted range).
    pub fn is_invalid(&self) -> bool {
        matches!(self.inner.kind, ErrorKind::Invalid { .. })
    }

    /// True when a unit symbol is not in the unit table.
    pub fn is_unknown_unit(&self) -> bool {
        matches!(self.inner.kind, ErrorKind::UnknownUnit { .. })
    }

    /// True when two quantities of different dimensions or kinds met.
    pub fn is_incompatible(&self) -> bool {
        matches!(self.inner.kind, ErrorKind::Incompatible { .. })
    }

    /// True when a plan file could not be read as a plan.
    pub fn is_plan(&self) -> bool {
        matches!(self.inner.kind, ErrorKind::Plan { .. })
    }

    /// True when arithmetic went beyond what a 96-bit decimal holds: a result beyond 28
    /// significant digits, or one it cannot hold exactly where duibiao refuses to round (a unit
    /// conversion whose exact result needs more than 28 decimal places or would round to 0).
    pub fn is_overflow(&self) -> bool {
        matches!(
            self.inner.kind,
            ErrorKind::Overflow { .. } | ErrorKind::Inexact { .. }
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for place in &self.inner.context {
            write!(f, "{place}: ")?;
        }
        write!(f, "{}", self.inner.kind)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("context", &self.inner.context)
            .field("kind", &self.inner.kind)
            .field("message", &self.to_string())
            .finish()
    }
}

impl std::error::Error for Error {}
