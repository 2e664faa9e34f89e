//! Limits (极限数值): the set of values that conform to a requirement.
//!
//! A [`Limit`] is a conforming set on the number line — a lower and an upper [`Bound`], each
//! closed, open or absent — together with the digits it was written with and its unit. Judging
//! a value is set membership ([`Limit::contains`]); the written digits are the default rounding
//! interval of rounded-value judgement ([`Limit::written_interval`], GB/T 8170-2008 4.3.3):
//! `≥ 97.0 %` asks for a value to 0.1, `≥ 97 %` to 1, and the two limits are different.
//!
//! # Accepted text (GB/T 8170-2008 clause 4.2, in symbols, Chinese and English)
//!
//! | form | examples | conforming set |
//! |---|---|---|
//! | at least | `≥ 97.0 %`, `>= 97.0`, `大于或等于 97.0`, `不小于 97.0 %`, `不低于`, `不少于`, `至少`, `97.0 % 及以上`, `at least 97.0`, `min 97.0` | x ≥ A |
//! | more than | `> A`, `大于 A`, `多于 A`, `超过 A`, `高于 A`, `more than A` | x > A |
//! | at most | `≤ A`, `<= A`, `小于或等于 A`, `不大于 A`, `不高于`, `不多于`, `至多`, `A 及以下`, `at most A`, `max A` | x ≤ A |
//! | less than | `< A`, `小于 A`, `少于 A`, `不足 A`, `低于 A`, `less than A` | x < A |
//! | range | `A ~ B`, `A～B`, `A-B` (both numbers unsigned), `从A到B`, `A至B`, `>A ~ B`, `A ~ <B` | A ≤ x ≤ B, ends opened by `>`/`<` |
//! | deviation | `10.0 ± 0.1 mm`, `±0.003 mm`, `10 +0.2 -0.1`, `10⁺⁰·²₋₀.₁` | A − b₂ ≤ x ≤ A + b₁ |
//! | open deviation | `10 ± 0.1 (不含0.1)`, `(不含+0.1)`, `(不含-0.1)`, `10 +0.2 -0.1 (不含0.2和0.1)` | ends excluded |
//! | relative | `60(1 ± 3%) lm/W`, `60 lm/W ± 3 %`, `0.90 ± 3 %` | A(1 − b%) ≤ x ≤ A(1 + b%) |
//! | percentage points | `97.0 % ± 0.5 pp`, `97.0 ± 0.5 个百分点` | A − b ≤ x ≤ A + b, in % |
//! | combined (GB/T 8170 表2) | `大于或等于A且小于或等于B`, `超过A到B`, `至少A不足B`, `超过A不足B`, `A ≤ X ≤ B`, `A < · ≤ B` | the range, ends as written |
//! | table forms | `A以上(含A)`, `A以下(含A)`, `A以上(不含A)`, `A或以上`, `A或以下` | x ≥ A, x ≤ A, x > A … |
//! | power of ten | `≥ 14×100 MPa`, `≥ 1.4×10³`, `1.4×10^3` | the value A×10ⁿ, written digit 10ⁿ⁻ˢᶜᵃˡᵉ |
//!
//! A unit may follow the number(s); written once at the end it applies to all of them.
//!
//! **Percent: relative deviation or percentage points.** A deviation in `%` on a nominal not
//! written in `%` is relative: `0.90 ± 3 %` is 0.873 … 0.927, `60 lm/W ± 3 %` is 58.2 …
//! 61.8 lm/W, both shown as `A(1 ± b%)`. Percentage points are written `pp` or `个百分点`
//! (`97.0 % ± 0.5 pp`). `97.0 % ± 0.5 %` could mean either and is refused with a message
//! naming both forms. Every accepted wording, with its set, is listed in `docs/rules.md`.
//!
//! Full-width digits and signs (`９７．０`, `＞`, `～`, `（不含０．１）`) are read as their ASCII
//! counterparts. A comma is never a decimal separator: `≤ 4,0 L` is refused with a message.
//!
//! ```
//! use duibiao::Limit;
//!
//! let limit: Limit = "不小于 97.0 %".parse()?;
//! assert_eq!(limit.to_string(), "≥ 97.0 %");
//! assert!(limit.contains("97.01".parse::<rust_decimal::Decimal>()?));
//! assert!(!limit.contains("96.96".parse::<rust_decimal::Decimal>()?));
//! assert_eq!(limit.written_interval().to_string(), "0.1");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub(crate) mod maximal;
pub(crate) mod parse;

pub(crate) use parse::MAX_LIMIT_LEN;

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{t, Error};
use crate::number::exact;
use crate::rounding::{Interval, Mark, ReportedValue};
use crate::unit::Unit;

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        OVERFLOW_BOUNDS = "the bounds of limit \"{0}\"", "限值 \"{0}\" 的界限";
        EMPTY = "the lower end lies above the upper end, so no value can conform",
            "下端高于上端，任何数值都不能符合";
    }
}

/// One end of a conforming set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Bound {
    /// `value`: where the set ends.
    #[schemars(with = "crate::schema_text::DecimalText")]
    pub value: Decimal,
    /// `inclusive`: whether `value` itself conforms (closed end, `≥`/`≤`) or not (open end, `>`/`<`).
    pub inclusive: bool,
}

/// A number as written in a limit: a decimal mantissa (with its written digits) times a power
/// of ten (`14×10²`, `1.4×10³`, or plainly `97.0` with exponent 0).
///
/// Two numbers are equal only when their written digits are equal: `97.0` ≠ `97`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Num {
    pub(crate) mantissa: Decimal,
    pub(crate) exp: i32,
    /// mantissa × 10^exp, computed once.
    pub(crate) value: Decimal,
}

impl PartialEq for Num {
    fn eq(&self, other: &Num) -> bool {
        self.mantissa == other.mantissa
            && self.mantissa.scale() == other.mantissa.scale()
            && self.exp == other.exp
    }
}

impl Eq for Num {}

impl Num {
    pub(crate) fn plain(value: Decimal) -> Num {
        Num {
            mantissa: value,
            exp: 0,
            value,
        }
    }

    /// The exponent of the last written digit: −1 for `97.0`, 0 for `97`, 2 for `14×10²`.
    fn last_digit_exponent(&self) -> i32 {
        self.exp - self.mantissa.scale() as i32
    }
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.mantissa)?;
        if self.exp != 0 {
            write!(f, "×10{}", superscript(self.exp))?;
        }
        Ok(())
    }
}

fn superscript(n: i32) -> String {
    n.to_string()
        .chars()
        .map(|c| match c {
            '-' => '⁻',
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            _ => '⁹',
        })
        .collect()
}

/// The written form of a limit; `Display` prints it back in canonical symbols.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// `≥ A` (inclusive) or `> A`.
    Lower { at: Num, inclusive: bool },
    /// `≤ A` (inclusive) or `< A`.
    Upper { at: Num, inclusive: bool },
    /// `A ~ B` with each end closed or open.
    Range {
        low: Num,
        low_inclusive: bool,
        high: Num,
        high_inclusive: bool,
    },
    /// `A +b₁ −b₂`, `A ± b`, or `±b` without a nominal (a deviation from the nominal value).
    Deviation {
        nominal: Option<Num>,
        plus: Num,
        minus: Num,
        plus_open: bool,
        minus_open: bool,
    },
    /// `A(1 ± b%)`.
    Relative {
        nominal: Num,
        percent: Num,
        plus_open: bool,
        minus_open: bool,
    },
}

/// The set of values that conform to a requirement, as written (see the [module docs](self)
/// for every accepted text form).
///
/// Build it from text with `FromStr`, or with [`Limit::at_least`], [`Limit::at_most`] and
/// [`Limit::between`]. `Display` prints a canonical symbolic form that parses back to an equal
/// limit. Equality compares the written form, digits and unit: `≥ 97.0 %` ≠ `≥ 97 %` although
/// their sets are equal ([`Limit::same_set`] compares sets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limit {
    form: Form,
    unit: Option<Unit>,
    lower: Option<Bound>,
    upper: Option<Bound>,
    /// The exponent of the finest written digit.
    digit: i32,
}

impl Limit {
    pub(crate) fn from_form(form: Form, unit: Option<Unit>) -> Result<Limit, Error> {
        let overflow = |f: exact::Fault| f.error(t!(msg::OVERFLOW_BOUNDS, show(&form, &unit)));
        let hundred = Decimal::ONE_HUNDRED;
        let (lower, upper, digit) = match &form {
            Form::Lower { at, inclusive } => (
                Some(Bound {
                    value: at.value,
                    inclusive: *inclusive,
                }),
                None,
                at.last_digit_exponent(),
            ),
            Form::Upper { at, inclusive } => (
                None,
                Some(Bound {
                    value: at.value,
                    inclusive: *inclusive,
                }),
                at.last_digit_exponent(),
            ),
            Form::Range {
                low,
                low_inclusive,
                high,
                high_inclusive,
            } => (
                Some(Bound {
                    value: low.value,
                    inclusive: *low_inclusive,
                }),
                Some(Bound {
                    value: high.value,
                    inclusive: *high_inclusive,
                }),
                low.last_digit_exponent().min(high.last_digit_exponent()),
            ),
            Form::Deviation {
                nominal,
                plus,
                minus,
                plus_open,
                minus_open,
            } => {
                let centre = nominal.map(|n| n.value).unwrap_or(Decimal::ZERO);
                let lo = exact::try_sub(centre, minus.value).map_err(overflow)?;
                let hi = exact::try_add(centre, plus.value).map_err(overflow)?;
                let mut digit = plus.last_digit_exponent().min(minus.last_digit_exponent());
                if let Some(n) = nominal {
                    digit = digit.min(n.last_digit_exponent());
                }
                (
                    Some(Bound {
                        value: lo,
                        inclusive: !minus_open,
                    }),
                    Some(Bound {
                        value: hi,
                        inclusive: !plus_open,
                    }),
                    digit,
                )
            }
            Form::Relative {
                nominal,
                percent,
                plus_open,
                minus_open,
            } => {
                // Exact: a percentage of a decimal terminates; beyond 28 decimal places it is
                // an error, never a rounded bound.
                let delta = exact::try_mul(nominal.value.abs(), percent.value)
                    .and_then(|x| exact::try_div(x, hundred))
                    .map_err(overflow)?;
                let lo = exact::try_sub(nominal.value, delta).map_err(overflow)?;
                let hi = exact::try_add(nominal.value, delta).map_err(overflow)?;
                let bound_digit = -(lo.normalize().scale().max(hi.normalize().scale()) as i32);
                (
                    Some(Bound {
                        value: lo,
                        inclusive: !minus_open,
                    }),
                    Some(Bound {
                        value: hi,
                        inclusive: !plus_open,
                    }),
                    nominal.last_digit_exponent().min(bound_digit),
                )
            }
        };
        if let (Some(l), Some(u)) = (lower, upper) {
            let empty = l.value > u.value || (l.value == u.value && !(l.inclusive && u.inclusive));
            if empty {
                return Err(Error::invalid("limit", &show(&form, &unit), t!(msg::EMPTY)));
            }
        }
        Ok(Limit {
            form,
            unit,
            lower,
            upper,
            digit,
        })
    }

    /// `x ≥ value` (不小于), written with the digits of `value`.
    ///
    /// ```
    /// use duibiao::Limit;
    /// let limit = Limit::at_least("97.0".parse()?, Some("%".parse()?))?;
    /// assert_eq!(limit.to_string(), "≥ 97.0 %");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Never for these forms; the `Result` keeps the constructors alike.
    pub fn at_least(value: Decimal, unit: Option<Unit>) -> Result<Limit, Error> {
        Limit::from_form(
            Form::Lower {
                at: Num::plain(value),
                inclusive: true,
            },
            unit,
        )
    }

    /// `x ≤ value` (不大于), written with the digits of `value`.
    ///
    /// # Errors
    ///
    /// Never for these forms; the `Result` keeps the constructors alike.
    pub fn at_most(value: Decimal, unit: Option<Unit>) -> Result<Limit, Error> {
        Limit::from_form(
            Form::Upper {
                at: Num::plain(value),
                inclusive: true,
            },
            unit,
        )
    }

    /// `low ≤ x ≤ high` (从 low 到 high).
    ///
    /// # Errors
    ///
    /// When `low > high`.
    pub fn between(low: Decimal, high: Decimal, unit: Option<Unit>) -> Result<Limit, Error> {
        Limit::from_form(
            Form::Range {
                low: Num::plain(low),
                low_inclusive: true,
                high: Num::plain(high),
                high_inclusive: true,
            },
            unit,
        )
    }

    /// The lower end of the conforming set, if any.
    pub fn lower(&self) -> Option<Bound> {
        self.lower
    }

    /// The upper end of the conforming set, if any.
    pub fn upper(&self) -> Option<Bound> {
        self.upper
    }

    /// The unit the limit was written in, if any.
    pub fn unit(&self) -> Option<&Unit> {
        self.unit.as_ref()
    }

    /// True for a deviation written without a nominal value (`±0.003 mm`): its set holds
    /// deviations from the nominal, so values judged against it are differences (a temperature
    /// deviation `±2 °C` is a difference of 2 K, converted without the offset).
    pub fn is_deviation_only(&self) -> bool {
        matches!(self.form, Form::Deviation { nominal: None, .. })
    }

    /// The nominal value of a deviation or relative limit (`10.0` in `10.0 ± 0.1`).
    pub fn nominal(&self) -> Option<Decimal> {
        match &self.form {
            Form::Deviation { nominal, .. } => Some(nominal.map(|n| n.value).unwrap_or_default()),
            Form::Relative { nominal, .. } => Some(nominal.value),
            _ => None,
        }
    }

    /// The interval of the finest digit the limit was written with: the default rounding
    /// interval for rounded-value judgement (修约值比较法). `0.1` for `≥ 97.0 %`, `100` for
    /// `≥ 14×100 MPa`, `0.1` for `10.0 ± 0.1 mm`.
    pub fn written_interval(&self) -> Interval {
        Interval::power_of_ten(self.digit)
    }

    /// Whether `value` belongs to the conforming set (full-value comparison, 全数值比较法).
    ///
    /// A reported value's mark is honoured: `16.5(+)` lies just above 16.5, so it does not
    /// conform to `≤ 16.5`.
    pub fn contains(&self, value: impl Into<ReportedValue>) -> bool {
        let v = value.into();
        self.contains_marked(v.value(), v.mark())
    }

    /// Membership of `x`, where a mark says the true value lies just beyond `x` in magnitude
    /// ((+)) or just short of it ((−)).
    pub(crate) fn contains_marked(&self, x: Decimal, mark: Option<Mark>) -> bool {
        ends_contain(&(self.lower, self.upper), x, mark)
    }

    /// Whether the two limits conform the same values (ignoring written digits and form):
    /// `≥ 97.0` and `≥ 97` have the same set; `10 ± 1` and `9 ~ 11` too.
    ///
    /// Units are compared as written; convert first to compare limits in different units.
    pub fn same_set(&self, other: &Limit) -> bool {
        self.lower == other.lower && self.upper == other.upper && self.unit == other.unit
    }
}

fn show(form: &Form, unit: &Option<Unit>) -> String {
    let mut s = String::new();
    let unit_suffix = |s: &mut String| {
        if let Some(u) = unit {
            s.push(' ');
            s.push_str(&u.to_string());
        }
    };
    match form {
        Form::Lower { at, inclusive } => {
            s.push_str(if *inclusive { "≥ " } else { "> " });
            s.push_str(&at.to_string());
            unit_suffix(&mut s);
        }
        Form::Upper { at, inclusive } => {
            s.push_str(if *inclusive { "≤ " } else { "< " });
            s.push_str(&at.to_string());
            unit_suffix(&mut s);
        }
        Form::Range {
            low,
            low_inclusive,
            high,
            high_inclusive,
        } => {
            if !low_inclusive {
                s.push('>');
            }
            s.push_str(&low.to_string());
            s.push_str(" ~ ");
            if !high_inclusive {
                s.push('<');
            }
            s.push_str(&high.to_string());
            unit_suffix(&mut s);
        }
        Form::Deviation {
            nominal,
            plus,
            minus,
            plus_open,
            minus_open,
        } => {
            // A deviation in percentage points: the nominal in %, the deviation in pp, so
            // that the text does not read as a relative deviation.
            let points = nominal.is_some() && unit.as_ref().is_some_and(|u| u.to_string() == "%");
            if let Some(n) = nominal {
                s.push_str(&n.to_string());
                s.push_str(if points { " % " } else { " " });
            }
            if plus == minus {
                s.push('±');
                if nominal.is_some() {
                    s.push(' ');
                }
                s.push_str(&plus.to_string());
            } else {
                s.push('+');
                s.push_str(&plus.to_string());
                s.push_str(" -");
                s.push_str(&minus.to_string());
            }
            if points {
                s.push_str(" pp");
            } else {
                unit_suffix(&mut s);
            }
            exclusion(&mut s, plus, minus, *plus_open, *minus_open, "");
        }
        Form::Relative {
            nominal,
            percent,
            plus_open,
            minus_open,
        } => {
            s.push_str(&nominal.to_string());
            s.push_str("(1 ± ");
            s.push_str(&percent.to_string());
            s.push_str("%)");
            unit_suffix(&mut s);
            exclusion(&mut s, percent, percent, *plus_open, *minus_open, "%");
        }
    }
    s
}

fn exclusion(
    s: &mut String,
    plus: &Num,
    minus: &Num,
    plus_open: bool,
    minus_open: bool,
    pct: &str,
) {
    match (plus_open, minus_open) {
        (false, false) => {}
        (true, true) if plus == minus => s.push_str(&format!(" (不含{plus}{pct})")),
        (true, true) => s.push_str(&format!(" (不含+{plus}{pct}和-{minus}{pct})")),
        (true, false) => s.push_str(&format!(" (不含+{plus}{pct})")),
        (false, true) => s.push_str(&format!(" (不含-{minus}{pct})")),
    }
}

/// How two requirements compare by inclusion of their conforming sets.
///
/// `a` is **stricter** than `b` when every value conforming to `a` conforms to `b` and some
/// value conforming to `b` does not conform to `a` (set `a` ⊂ set `b`); **equivalent** when the
/// sets are equal (written digits may differ: `≥ 97.0` and `≥ 97`); **looser** in the mirror
/// case; **incomparable** when neither set holds the other (`5 ~ 10` and `8 ~ 12`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strictness {
    /// The first set lies strictly inside the second.
    Stricter,
    /// The sets are equal.
    Equivalent,
    /// The second set lies strictly inside the first.
    Looser,
    /// Neither set holds the other.
    Incomparable,
}

impl Strictness {
    /// `stricter`, `equivalent`, `looser` or `incomparable`.
    pub fn as_str(self) -> &'static str {
        match self {
            Strictness::Stricter => "stricter",
            Strictness::Equivalent => "equivalent",
            Strictness::Looser => "looser",
            Strictness::Incomparable => "incomparable",
        }
    }
}

/// The ends of a conforming set.
pub(crate) type Ends = (Option<Bound>, Option<Bound>);

/// Membership of `x` in a set, where a mark says the true value lies just beyond `x` in
/// magnitude ((+)) or just short of it ((−)).
pub(crate) fn ends_contain(ends: &Ends, x: Decimal, mark: Option<Mark>) -> bool {
    // The direction the true value lies in relative to x: +1 above, −1 below, 0 exactly.
    let lean = match mark {
        None => 0,
        Some(Mark::Plus) if x.is_sign_negative() => -1,
        Some(Mark::Plus) => 1,
        Some(Mark::Minus) if x.is_sign_negative() => 1,
        Some(Mark::Minus) => -1,
    };
    let above_lower = ends
        .0
        .is_none_or(|b| x > b.value || (x == b.value && (lean > 0 || (lean == 0 && b.inclusive))));
    let below_upper = ends
        .1
        .is_none_or(|b| x < b.value || (x == b.value && (lean < 0 || (lean == 0 && b.inclusive))));
    above_lower && below_upper
}

/// Whether set `a` is empty: its lower end above its upper one, or both at one value with
/// either end open (`> 2 ~ < 1`; under rounded-value comparison `> -2 ~ < -1` rounded to whole
/// numbers accepts nothing).
pub(crate) fn ends_empty(a: &Ends) -> bool {
    match a {
        (Some(l), Some(u)) => {
            l.value > u.value || (l.value == u.value && !(l.inclusive && u.inclusive))
        }
        _ => false,
    }
}

/// Whether set `a` lies inside set `b` (both in one unit), by their ends (an empty `a` is
/// not told apart here: [`ends_strictness`] does).
pub(crate) fn ends_inside(a: &Ends, b: &Ends) -> bool {
    let lower_ok = match (a.0, b.0) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(x), Some(y)) => {
            x.value > y.value || (x.value == y.value && (y.inclusive || !x.inclusive))
        }
    };
    let upper_ok = match (a.1, b.1) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(x), Some(y)) => {
            x.value < y.value || (x.value == y.value && (y.inclusive || !x.inclusive))
        }
    };
    lower_ok && upper_ok
}

/// Whether sets `a` and `b` (both in one unit) have a value in common. Sets on a line are
/// intervals, so a family of them has a common value exactly when every two of them do.
pub(crate) fn ends_overlap(a: &Ends, b: &Ends) -> bool {
    // The tighter of two lower (upper) ends is the one whose half-line lies inside the other's.
    let lower = match (a.0, b.0) {
        (Some(x), Some(y)) if ends_inside(&(Some(y), None), &(Some(x), None)) => Some(y),
        (x, y) => x.or(y),
    };
    let upper = match (a.1, b.1) {
        (Some(x), Some(y)) if ends_inside(&(None, Some(y)), &(None, Some(x))) => Some(y),
        (x, y) => x.or(y),
    };
    match (lower, upper) {
        (Some(l), Some(u)) => {
            l.value < u.value || (l.value == u.value && l.inclusive && u.inclusive)
        }
        _ => true,
    }
}

/// Compares two sets in one unit.
pub(crate) fn ends_strictness(a: &Ends, b: &Ends) -> Strictness {
    // The empty set lies inside every set.
    let inside = |x: &Ends, y: &Ends| ends_empty(x) || (!ends_empty(y) && ends_inside(x, y));
    match (inside(a, b), inside(b, a)) {
        (true, true) => Strictness::Equivalent,
        (true, false) => Strictness::Stricter,
        (false, true) => Strictness::Looser,
        (false, false) => Strictness::Incomparable,
    }
}

impl Limit {
    /// Whether the ends of this limit convert as differences (without a temperature's
    /// offset): on an indicator of temperature differences (`differences`, from
    /// `kind = "temperature-difference"`), and for a deviation without a nominal (`±2 °C`).
    pub(crate) fn converts_as_difference(&self, differences: bool) -> bool {
        differences || self.is_deviation_only()
    }

    /// The ends of the conforming set expressed in `unit` (as written when `unit` is `None`,
    /// the limit has no unit, or the units are equal). They convert as differences on an
    /// indicator of temperature differences (`differences`) and for a deviation without a
    /// nominal.
    ///
    /// # Errors
    ///
    /// When the limit's unit does not convert into `unit`.
    pub(crate) fn ends_in(&self, unit: Option<&Unit>, differences: bool) -> Result<Ends, Error> {
        let (from, to) = match (self.unit.as_ref(), unit) {
            (Some(from), Some(to)) if from != to => (from, to),
            _ => return Ok((self.lower, self.upper)),
        };
        let as_difference = self.converts_as_difference(differences);
        let convert = |b: Option<Bound>| -> Result<Option<Bound>, Error> {
            b.map(|b| {
                let value = if as_difference {
                    crate::unit::convert_difference(b.value, from, to)?
                } else {
                    crate::unit::convert_value(b.value, from, to)?
                };
                Ok(Bound {
                    value,
                    inclusive: b.inclusive,
                })
            })
            .transpose()
        };
        Ok((convert(self.lower)?, convert(self.upper)?))
    }

    /// How this requirement compares with `other` by inclusion of their plain conforming sets
    /// (full-value comparison, 全数值比较法), `other` converted into this limit's unit as an
    /// absolute value (a deviation without nominal as a difference).
    ///
    /// This is not always what a verdict sees: under rounded-value judgement `≥ 97.0 %` is
    /// stricter than `≥ 97 %` although their sets are equal, and on an indicator of temperature
    /// differences `25 ~ 40 °C` is 25 K … 40 K. [`crate::decision::strictness`] compares the
    /// sets each requirement *accepts* under an indicator's unit, method and interval, as
    /// `compare`, the benchmark level and the plan check do.
    ///
    /// ```
    /// use duibiao::limit::{Limit, Strictness};
    ///
    /// let a: Limit = "≤ 4.0 L".parse()?;
    /// assert_eq!(a.strictness(&"≤ 5000 mL".parse()?)?, Strictness::Stricter);
    /// assert_eq!(a.strictness(&"≤ 4 L".parse()?)?, Strictness::Equivalent);
    /// assert_eq!("5 ~ 10".parse::<Limit>()?.strictness(&"8 ~ 12".parse()?)?, Strictness::Incomparable);
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// When the two limits are in units of different dimensions.
    pub fn strictness(&self, other: &Limit) -> Result<Strictness, Error> {
        let mine = (self.lower, self.upper);
        let theirs = other.ends_in(self.unit.as_ref(), false)?;
        Ok(ends_strictness(&mine, &theirs))
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&show(&self.form, &self.unit))
    }
}

impl FromStr for Limit {
    type Err = Error;

    fn from_str(s: &str) -> Result<Limit, Error> {
        parse::parse_limit(s)
    }
}

impl Serialize for Limit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl schemars::JsonSchema for Limit {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Limit".into()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        "duibiao::Limit".into()
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        crate::schema_text::LimitText::json_schema(g)
    }
}

impl<'de> Deserialize<'de> for Limit {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(crate::error::Error::into_serde)
    }
}
