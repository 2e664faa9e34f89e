//! A measured or declared value as a product file or a lab report gives it: a number, perhaps
//! with a GB/T 8170 rounding mark, perhaps an expanded uncertainty (with its coverage factor), perhaps a unit.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{t, Error};
use crate::number::{parse_decimal, truncate};
use crate::rounding::ReportedValue;
use crate::unit::Unit;

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        NEGATIVE_UNCERTAINTY = "an expanded uncertainty is never negative", "扩展不确定度 U 不能为负";
        COVERAGE_NOT_POSITIVE = "a coverage factor k is positive", "包含因子 k 应为正数";
        COVERAGE_WITHOUT_UNCERTAINTY = "the value \"{0}\" has no expanded uncertainty for k to belong to",
            "数值 \"{0}\" 未给出扩展不确定度 U，包含因子 k 无所依附";
        EXPECTED_VALUE = "expected a number such as \"3.9 L\"", "应为数值，如 \"3.9 L\"";
        EXPECTED_NUMBER = "expected a number such as \"3.9\", \"4800 mL\" or \"16.5(+)\"",
            "应为数值，如 \"3.9\"、\"4800 mL\" 或 \"16.5(+)\"";
        EXPECTED_MARK = "expected a mark \"(+)\" or \"(−)\" after the number, found \"{0}\"",
            "数值之后应为标记 \"(+)\" 或 \"(−)\"，却是 \"{0}\"";
        TWO_UNITS = "the value is in \"{0}\" and its uncertainty in \"{1}\": write one unit",
            "数值的单位是 \"{0}\"，其不确定度的单位却是 \"{1}\"，请只写一种单位";
    }
}

/// `value "…"`, the place of a fault inside a measurement's text.
fn at_value(text: &str) -> impl Fn(Error) -> Error + '_ {
    move |e| e.place(t!(crate::error::msg::PLACE_VALUE, text))
}

/// The longest measurement text read at all.
pub(crate) const MAX_MEASUREMENT_LEN: usize = 128;

/// A value to judge: `4800 mL`, `16.5(+)`, `3.9 ± 0.1 L`, `-40 °C`, or a bare number.
///
/// A bare number is taken in the unit of the limit it is judged against. The uncertainty is the
/// expanded uncertainty U, in the value's unit, stated with a coverage factor k (2 unless
/// written otherwise: `9.8 ± 0.3 mg/kg (k = 3)`). Decision rules use U as given; k is carried
/// for the record.
///
/// ```
/// use duibiao::Measurement;
///
/// let m: Measurement = "3.9 ± 0.1 L".parse()?;
/// assert_eq!(m.value().value().to_string(), "3.9");
/// assert_eq!(m.uncertainty().map(|u| u.to_string()).as_deref(), Some("0.1"));
/// assert_eq!(m.unit().map(|u| u.to_string()).as_deref(), Some("L"));
/// assert_eq!(m.to_string(), "3.9 ± 0.1 L");
/// assert_eq!(m.coverage_factor().map(|k| k.to_string()).as_deref(), Some("2"));
///
/// let m: Measurement = "9.8 ± 0.3 mg/kg (k = 3)".parse()?;
/// assert_eq!(m.coverage_factor().map(|k| k.to_string()).as_deref(), Some("3"));
/// assert_eq!(m.to_string(), "9.8 ± 0.3 mg/kg (k = 3)");
/// # Ok::<(), duibiao::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Measurement {
    value: ReportedValue,
    uncertainty: Option<Decimal>,
    unit: Option<Unit>,
    /// The coverage factor k of the uncertainty; meaningful only with one.
    coverage: Decimal,
    /// Written with a leading `Δ`: a temperature difference (a rise), never an absolute
    /// temperature.
    difference: bool,
}

/// The coverage factor assumed when none is stated (about 95 % coverage for a normal
/// distribution).
const DEFAULT_COVERAGE: Decimal = Decimal::TWO;

impl Measurement {
    /// A value with an optional expanded uncertainty and unit.
    ///
    /// # Errors
    ///
    /// When the uncertainty is negative.
    pub fn new(
        value: impl Into<ReportedValue>,
        uncertainty: Option<Decimal>,
        unit: Option<Unit>,
    ) -> Result<Measurement, Error> {
        let value = value.into();
        if let Some(u) = uncertainty {
            if u.is_sign_negative() && !u.is_zero() {
                return Err(Error::invalid(
                    "uncertainty",
                    &u.to_string(),
                    t!(msg::NEGATIVE_UNCERTAINTY),
                ));
            }
        }
        Ok(Measurement {
            value,
            uncertainty,
            unit,
            coverage: DEFAULT_COVERAGE,
            difference: false,
        })
    }

    /// The same measurement with its uncertainty stated at coverage factor `k`.
    ///
    /// ```
    /// use duibiao::Measurement;
    /// let m = "9.8 ± 0.3".parse::<Measurement>()?.with_coverage_factor("3".parse()?)?;
    /// assert_eq!(m.to_string(), "9.8 ± 0.3 (k = 3)");
    /// assert!("9.8".parse::<Measurement>()?.with_coverage_factor("2".parse()?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// When `k` is not positive, or when the measurement has no uncertainty for it to belong
    /// to.
    pub fn with_coverage_factor(self, k: Decimal) -> Result<Measurement, Error> {
        if k.is_sign_negative() || k.is_zero() {
            return Err(Error::invalid(
                "coverage factor",
                &k.to_string(),
                t!(msg::COVERAGE_NOT_POSITIVE),
            ));
        }
        if self.uncertainty.is_none() {
            return Err(Error::invalid(
                "coverage factor",
                &k.to_string(),
                t!(msg::COVERAGE_WITHOUT_UNCERTAINTY, self.to_string()),
            ));
        }
        Ok(Measurement {
            coverage: k,
            ..self
        })
    }

    /// The value as reported, with its mark.
    pub fn value(&self) -> ReportedValue {
        self.value
    }

    /// The expanded uncertainty U, if given.
    pub fn uncertainty(&self) -> Option<Decimal> {
        self.uncertainty
    }

    /// The unit, if given.
    pub fn unit(&self) -> Option<&Unit> {
        self.unit.as_ref()
    }

    /// The coverage factor k of the expanded uncertainty (2 unless stated), if there is an
    /// uncertainty.
    ///
    /// ```
    /// use duibiao::Measurement;
    /// assert_eq!("9.8".parse::<Measurement>()?.coverage_factor(), None);
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn coverage_factor(&self) -> Option<Decimal> {
        self.uncertainty.map(|_| self.coverage)
    }

    /// True for a temperature difference written with a leading `Δ` (`Δ30 °C`, a rise of
    /// 30 K): it converts without the offset, and an indicator of absolute temperatures refuses
    /// it. A value without `Δ` on an indicator of `kind = "temperature-difference"` is a
    /// difference too (the indicator says so); this flag records what the value itself says.
    ///
    /// ```
    /// use duibiao::Measurement;
    /// let m: Measurement = "Δ30 °C".parse()?;
    /// assert!(m.is_difference());
    /// assert_eq!(m.to_string(), "Δ30 °C");
    /// assert!(!"30 °C".parse::<Measurement>()?.is_difference());
    /// assert!("Δ30 mm".parse::<Measurement>().is_err());
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn is_difference(&self) -> bool {
        self.difference
    }
}

impl From<Decimal> for Measurement {
    fn from(value: Decimal) -> Self {
        Measurement {
            value: value.into(),
            uncertainty: None,
            unit: None,
            coverage: DEFAULT_COVERAGE,
            difference: false,
        }
    }
}

impl From<ReportedValue> for Measurement {
    fn from(value: ReportedValue) -> Self {
        Measurement {
            value,
            uncertainty: None,
            unit: None,
            coverage: DEFAULT_COVERAGE,
            difference: false,
        }
    }
}

impl fmt::Display for Measurement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.difference {
            f.write_str("Δ")?;
        }
        write!(f, "{}", self.value)?;
        if let Some(u) = self.uncertainty {
            write!(f, " ± {u}")?;
        }
        if let Some(unit) = &self.unit {
            write!(f, " {unit}")?;
        }
        if self.uncertainty.is_some() && self.coverage != DEFAULT_COVERAGE {
            write!(f, " (k = {})", self.coverage)?;
        }
        Ok(())
    }
}

/// Splits `16.5(+) mm` into `16.5(+)` and `mm`.
fn split_number(text: &str) -> (&str, &str) {
    let mut end = 0;
    for (i, c) in text.char_indices() {
        let numeric = c.is_ascii_digit()
            || matches!(c, '.' | '．' | '０'..='９')
            || (i == 0 && matches!(c, '-' | '+' | '−' | '－' | '＋'));
        if !numeric {
            break;
        }
        end = i + c.len_utf8();
    }
    let (number, rest) = text.split_at(end);
    // A mark right after the number.
    let trimmed = rest.trim_start();
    for mark in [
        "(+)",
        "(-)",
        "(−)",
        "（+）",
        "（-）",
        "（−）",
        "（＋）",
        "（－）",
    ] {
        if let Some(after) = trimmed.strip_prefix(mark) {
            let mark_end = text.len() - after.len();
            return text.split_at(mark_end);
        }
    }
    (number, rest)
}

/// Splits a trailing coverage factor `(k = 2)` (also `(k=2)`, full-width brackets) off `text`.
fn split_coverage(text: &str) -> Result<(&str, Option<Decimal>), Error> {
    let Some(body) = text.strip_suffix(')').or_else(|| text.strip_suffix('）')) else {
        return Ok((text, None));
    };
    let Some(open) = body.rfind(['(', '（']) else {
        return Ok((text, None));
    };
    let (head, group) = body.split_at(open);
    let inner = group.trim_start_matches(['(', '（']).trim();
    let Some(k) = inner
        .strip_prefix('k')
        .and_then(|rest| rest.trim_start().strip_prefix('='))
    else {
        return Ok((text, None));
    };
    let k = parse_decimal(k.trim(), "coverage factor").map_err(at_value(text))?;
    Ok((head.trim_end(), Some(k)))
}

fn unit_of(text: &str, whole: &str) -> Result<Option<Unit>, Error> {
    let t = text.trim();
    if t.is_empty() {
        Ok(None)
    } else {
        t.parse::<Unit>().map(Some).map_err(at_value(whole))
    }
}

impl FromStr for Measurement {
    type Err = Error;

    fn from_str(s: &str) -> Result<Measurement, Error> {
        // A byte order mark pasted from a file is not part of the value.
        let text = s.trim().trim_start_matches('\u{feff}').trim_start();
        if text.len() > MAX_MEASUREMENT_LEN {
            return Err(Error::invalid(
                "value",
                &truncate(text),
                t!(crate::number::msg::LONGER_THAN_BYTES, MAX_MEASUREMENT_LEN),
            ));
        }
        if text.is_empty() {
            return Err(Error::syntax("value", text, t!(msg::EXPECTED_VALUE)));
        }
        let (difference, text_after) = match text.strip_prefix('Δ') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, text),
        };
        let (body, k) = split_coverage(text_after)?;
        let (head, tail) = match body
            .split_once('±')
            .or_else(|| body.split_once("+/-"))
            .or_else(|| body.split_once("+-"))
        {
            Some((h, t)) => (h.trim(), Some(t.trim())),
            None => (body, None),
        };
        let (number, unit_text) = split_number(head);
        let mut after = unit_text.chars();
        if matches!(after.next(), Some(',' | '，'))
            && after.next().is_some_and(|c| c.is_ascii_digit())
        {
            return Err(Error::syntax(
                "value",
                text,
                t!(crate::number::msg::DECIMAL_COMMA),
            ));
        }
        if number.is_empty() {
            return Err(Error::syntax("value", text, t!(msg::EXPECTED_NUMBER)));
        }
        let rest = unit_text.trim();
        if rest.starts_with(['(', '（']) && rest.chars().count() <= 4 {
            return Err(Error::syntax("value", text, t!(msg::EXPECTED_MARK, rest)));
        }
        let value: ReportedValue = number.trim().parse().map_err(at_value(text))?;
        let mut unit = unit_of(unit_text, text)?;
        let mut uncertainty = None;
        if let Some(tail) = tail {
            let (u, u_unit) = split_number(tail);
            let u = parse_decimal(u.trim(), "uncertainty").map_err(at_value(text))?;
            let u_unit = unit_of(u_unit, text)?;
            match (&unit, u_unit) {
                (_, None) => {}
                (None, Some(uu)) => unit = Some(uu),
                (Some(a), Some(b)) if *a == b => {}
                (Some(a), Some(b)) => {
                    return Err(Error::syntax(
                        "value",
                        text,
                        t!(msg::TWO_UNITS, a.to_string(), b.to_string()),
                    ))
                }
            }
            uncertainty = Some(u);
        }
        let mut m = Measurement::new(value, uncertainty, unit).map_err(at_value(text))?;
        if difference {
            if m.unit
                .as_ref()
                .is_none_or(|u| u.dimension() != crate::unit::Dimension::TEMPERATURE)
            {
                return Err(Error::invalid(
                    "value",
                    text,
                    t!(crate::unit::quantity::msg::DIFFERENCE_NOT_TEMPERATURE),
                ));
            }
            m.difference = true;
        }
        match k {
            Some(k) => m.with_coverage_factor(k).map_err(at_value(text)),
            None => Ok(m),
        }
    }
}

impl Serialize for Measurement {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl schemars::JsonSchema for Measurement {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Measurement".into()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        "duibiao::Measurement".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "minLength": 1,
            "description": "A measured or declared value as written: a number with its digits, optionally a unit, an expanded uncertainty and a mark.",
            "examples": ["3.9 L", "9.8 ± 0.3 mg/kg", "97.0 %"]
        })
    }
}

impl<'de> Deserialize<'de> for Measurement {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(crate::error::Error::into_serde)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_labs_write() {
        for (text, shown) in [
            ("4800 mL", "4800 mL"),
            ("16.5(+)", "16.5(+)"),
            ("16.5(-) mm", "16.5(−) mm"),
            ("-40 °C", "-40 °C"),
            ("20°C", "20 °C"),
            ("3.9±0.1 L", "3.9 ± 0.1 L"),
            ("3.9 L ± 0.1 L", "3.9 ± 0.1 L"),
            ("97.0 %", "97.0 %"),
            ("1351", "1351"),
            ("9.8 ± 0.3 mg/kg (k = 3)", "9.8 ± 0.3 mg/kg (k = 3)"),
            ("9.8±0.3 mg/kg（k=2）", "9.8 ± 0.3 mg/kg"),
        ] {
            let m: Measurement = text.parse().unwrap();
            assert_eq!(m.to_string(), shown, "{text}");
            assert_eq!(shown.parse::<Measurement>().unwrap(), m);
        }
        for bad in [
            "",
            "mm",
            "3.9 ± L",
            "3.9 kg ± 0.1 L",
            "3.9 furlongs",
            "3.9 ± -0.1",
            "3.9 (k = 2)",
            "3.9 ± 0.1 (k = 0)",
            "3.9 ± 0.1 (k = x)",
        ] {
            assert!(bad.parse::<Measurement>().is_err(), "{bad}");
        }
    }
}
