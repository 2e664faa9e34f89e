//! Judging a value against a limit (GB/T 8170-2008 4.3).
//!
//! Two methods, fixed before judging:
//!
//! - **Full-value comparison** (全数值比较法, [`Method::FullValue`], the default unless the
//!   standard says otherwise): the value as measured, unrounded, must lie in the limit's
//!   conforming set. Any excursion fails: 96.96 fails `≥ 97.0`.
//! - **Rounded-value comparison** (修约值比较法, [`Method::RoundedValue`]): the value is first
//!   rounded (GB/T 8170 rules, round half to even, once) to the limit's written digit — or to a
//!   given interval — and the rounded value must lie in the set: 96.96 → 97.0 passes `≥ 97.0`.
//!   For closed limits it accepts a little more than full-value comparison; with open ends it
//!   can reject what full-value comparison accepts.
//!
//! ```
//! use duibiao::decision::{judge, Conformity, Method};
//! use duibiao::Limit;
//!
//! let naoh: Limit = "≥ 97.0 %".parse()?;
//! assert_eq!(judge("96.96".parse::<rust_decimal::Decimal>()?, &naoh, Method::FullValue)?, Conformity::Fail);
//! assert_eq!(judge("96.96".parse::<rust_decimal::Decimal>()?, &naoh, Method::RoundedValue)?, Conformity::Pass);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::limit::Limit;
use crate::rounding::{Interval, ReportedValue, Rounding};

/// How a value is compared with a limit (GB/T 8170-2008 4.3).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Method {
    /// 全数值比较法: the unrounded value must lie in the conforming set (a value exactly on a
    /// closed end passes, on an open end fails).
    #[default]
    FullValue,
    /// 修约值比较法: the value rounded once to the interval (by default the limit's written
    /// digit) must lie in the conforming set.
    RoundedValue,
}

impl Method {
    /// `full-value` or `rounded-value`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::FullValue => "full-value",
            Method::RoundedValue => "rounded-value",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Method {
    type Err = Error;

    fn from_str(s: &str) -> Result<Method, Error> {
        match s.trim() {
            "full-value" | "全数值比较法" => Ok(Method::FullValue),
            "rounded-value" | "修约值比较法" => Ok(Method::RoundedValue),
            other => Err(Error::syntax(
                "judgement method",
                other,
                "expected \"full-value\" (全数值比较法) or \"rounded-value\" (修约值比较法)",
            )),
        }
    }
}

/// The outcome of judging one value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Conformity {
    /// The value conforms.
    Pass,
    /// The value does not conform.
    Fail,
}

impl Conformity {
    /// `pass` or `fail`.
    pub fn as_str(self) -> &'static str {
        match self {
            Conformity::Pass => "pass",
            Conformity::Fail => "fail",
        }
    }

    /// True for [`Conformity::Pass`].
    pub fn is_pass(self) -> bool {
        self == Conformity::Pass
    }

    fn of(pass: bool) -> Conformity {
        if pass {
            Conformity::Pass
        } else {
            Conformity::Fail
        }
    }
}

impl fmt::Display for Conformity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Judges `value` against `limit` with `method`; rounded-value comparison rounds to the limit's
/// written digit ([`Limit::written_interval`]).
///
/// # Errors
///
/// Only when rounding overflows (values near 7.9×10²⁸).
pub fn judge(
    value: impl Into<ReportedValue>,
    limit: &Limit,
    method: Method,
) -> Result<Conformity, Error> {
    Ok(evidence(value, limit, method, None)?.outcome)
}

/// The outcome of a judgement with everything that led to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Evidence {
    /// The value as given (with its mark, if any).
    pub value: ReportedValue,
    /// The value after rounding, for rounded-value comparison.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rounded: Option<Decimal>,
    /// The limit, in canonical form.
    pub limit: Limit,
    /// The method used.
    pub method: Method,
    /// The rounding interval used, for rounded-value comparison.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<Interval>,
    /// The outcome.
    pub outcome: Conformity,
}

/// Judges like [`judge`] and returns the evidence; `interval` overrides the limit's written
/// digit for rounded-value comparison (it is ignored by full-value comparison).
///
/// ```
/// use duibiao::decision::{evidence, Conformity, Method};
///
/// let e = evidence("1351".parse::<rust_decimal::Decimal>()?, &"≥ 14×100 MPa".parse()?, Method::RoundedValue, None)?;
/// assert_eq!(e.rounded.unwrap().to_string(), "1400");
/// assert_eq!(e.interval.unwrap().to_string(), "100");
/// assert_eq!(e.outcome, Conformity::Pass);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// Only when rounding overflows (values near 7.9×10²⁸).
pub fn evidence(
    value: impl Into<ReportedValue>,
    limit: &Limit,
    method: Method,
    interval: Option<Interval>,
) -> Result<Evidence, Error> {
    let value = value.into();
    let (rounded, interval, outcome) = match method {
        Method::FullValue => (None, None, Conformity::of(limit.contains(value))),
        Method::RoundedValue => {
            let interval = interval.unwrap_or_else(|| limit.written_interval());
            let rounded = Rounding::new(interval).round(value)?;
            (
                Some(rounded),
                Some(interval),
                Conformity::of(limit.contains(rounded)),
            )
        }
    };
    Ok(Evidence {
        value,
        rounded,
        limit: limit.clone(),
        method,
        interval,
        outcome,
    })
}
