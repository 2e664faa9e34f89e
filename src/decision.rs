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
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::limit::Limit;
use crate::measurement::Measurement;
use crate::rounding::{round_exact, Interval, RoundingMode};
use crate::unit::{convert_difference, convert_value};

/// How a value is compared with a limit (GB/T 8170-2008 4.3).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
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
/// written digit ([`Limit::written_interval`]). See [`evidence`] for units.
///
/// # Errors
///
/// When the value's unit does not convert into the limit's, or when rounding overflows.
pub fn judge(
    value: impl Into<Measurement>,
    limit: &Limit,
    method: Method,
) -> Result<Conformity, Error> {
    Ok(evidence(value, limit, method, None)?.outcome)
}

/// The outcome of a judgement with everything that led to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Evidence {
    /// The value as given (with its mark, uncertainty and unit, if any).
    pub value: Measurement,
    /// The value converted into the limit's unit, when it was given in another unit. The
    /// limit's written digits stay the reference: the value is converted, never the limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub converted: Option<Decimal>,
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
/// A value in another unit than the limit's is converted into the limit's unit first (exactly
/// where the factors are decimal); a bare number is taken in the limit's unit. Against a
/// deviation without a nominal value (`±2 °C`) the value is a difference and converts without
/// the temperature offset.
///
/// ```
/// use duibiao::decision::{evidence, Conformity, Method};
/// use duibiao::Measurement;
///
/// let e = evidence("1351".parse::<Measurement>()?, &"≥ 14×100 MPa".parse()?, Method::RoundedValue, None)?;
/// assert_eq!(e.rounded.unwrap().to_string(), "1400");
/// assert_eq!(e.interval.unwrap().to_string(), "100");
/// assert_eq!(e.outcome, Conformity::Pass);
///
/// let e = evidence("4800 mL".parse::<Measurement>()?, &"≤ 5.0 L".parse()?, Method::FullValue, None)?;
/// assert_eq!(e.converted.unwrap().to_string(), "4.8");
/// assert_eq!(e.outcome, Conformity::Pass);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// When the value's unit does not convert into the limit's (another dimension), when the
/// value has a unit and the limit none, or when rounding overflows.
pub fn evidence(
    value: impl Into<Measurement>,
    limit: &Limit,
    method: Method,
    interval: Option<Interval>,
) -> Result<Evidence, Error> {
    let value = value.into();
    let raw = value.value().value();
    let mark = value.value().mark();
    let place = || format!("value \"{value}\" against limit \"{limit}\"");
    let converted = match (value.unit(), limit.unit()) {
        (Some(from), Some(to)) if from != to => Some(
            if limit.is_deviation_only() {
                convert_difference(raw, from, to)
            } else {
                convert_value(raw, from, to)
            }
            .map_err(|e| e.context(place()))?,
        ),
        (Some(from), None) => {
            return Err(Error::incompatible(format!(
                "{}: the value is in \"{from}\" but the limit has no unit",
                place()
            )))
        }
        _ => None,
    };
    let x = converted.unwrap_or(raw);
    let (rounded, interval, outcome) = match method {
        Method::FullValue => (None, None, Conformity::of(limit.contains_marked(x, mark))),
        Method::RoundedValue => {
            let interval = interval.unwrap_or_else(|| limit.written_interval());
            let rounded = round_exact(x, mark, interval, RoundingMode::HalfEven)
                .ok_or_else(|| Error::overflow(format!("rounding {x} to interval {interval}")))?;
            (
                Some(rounded),
                Some(interval),
                Conformity::of(limit.contains(rounded)),
            )
        }
    };
    Ok(Evidence {
        value,
        converted,
        rounded,
        limit: limit.clone(),
        method,
        interval,
        outcome,
    })
}
