//! Indicators (关键技术指标): what is compared, in which unit, which way is better, and how it is
//! judged and graded.

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::decision::{DecisionRule, Method};
use crate::rounding::Interval;
use crate::standard::Names;

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        NEGATIVE_TOLERANCE = "a tolerance is never negative", "容差不能为负";
        TOLERANCE_UNIT = "a tolerance takes no unit (\"{0}\"): write it in the indicator's unit as a bare number (\"0.2\"), or as a share of the benchmark level (\"2 %\")",
            "容差不带单位（\"{0}\"）：请以指标的单位写出纯数值（\"0.2\"），或写成对标水平的百分比（\"2 %\"）";
    }
}

/// Which way an indicator is better. Each variant states the inequality it implies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Direction {
    /// Larger values are better: a requirement is a lower limit (`≥ A` conforms when x ≥ A, the
    /// boundary included; `> A` when x > A, the boundary excluded). Efficiency, strength.
    HigherIsBetter,
    /// Smaller values are better: a requirement is an upper limit (`≤ A`: x ≤ A, boundary
    /// included; `< A`: boundary excluded). Water use, energy, emissions.
    LowerIsBetter,
    /// Closeness to a nominal value is better: a requirement is a range or a deviation
    /// (`A ± b`: A − b ≤ x ≤ A + b, ends included unless written `(不含…)`). Dimensions.
    NominalIsBest,
    /// Pass or fail with no order (a requirement is met or not). Values are `pass`/`fail`.
    Qualitative,
}

impl Direction {
    /// The kebab-case name used in plan files.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "higher-is-better",
            Direction::LowerIsBetter => "lower-is-better",
            Direction::NominalIsBest => "nominal-is-best",
            Direction::Qualitative => "qualitative",
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The class of an indicator in an evaluation scheme (企业标准"领跑者" 评估方案).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum IndicatorClass {
    /// 基础指标: mandatory, not graded; failing one makes a gap.
    Basic,
    /// 核心指标: quantifiable and gradable; the verdict is decided on these.
    #[default]
    Core,
    /// 创新指标: reported, never makes a gap.
    Innovation,
}

impl IndicatorClass {
    /// The kebab-case name used in plan files: `basic`, `core` or `innovation`.
    pub fn as_str(self) -> &'static str {
        match self {
            IndicatorClass::Basic => "basic",
            IndicatorClass::Core => "core",
            IndicatorClass::Innovation => "innovation",
        }
    }
}

/// The tolerance within which a value better than the benchmark level still only *meets* it:
/// absolute in the indicator's unit (`"0.05"`) or relative to the level (`"2 %"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Tolerance {
    /// In the indicator's unit.
    Absolute(Decimal),
    /// A share of the benchmark level, in percent.
    Relative(Decimal),
}

impl fmt::Display for Tolerance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tolerance::Absolute(d) => write!(f, "{d}"),
            Tolerance::Relative(p) => write!(f, "{p} %"),
        }
    }
}

impl std::str::FromStr for Tolerance {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Tolerance, crate::Error> {
        let t = s.trim();
        let (number, relative) = match t.strip_suffix('%').or_else(|| t.strip_suffix('％')) {
            Some(n) => (n.trim(), true),
            None => (t, false),
        };
        // A number, then a unit: a tolerance is in the indicator's unit, or a percentage.
        let digits = number
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+')))
            .filter(|&at| at > 0);
        if let Some(at) = digits {
            let unit = number.get(at..).unwrap_or_default().trim();
            if !unit.is_empty() {
                return Err(crate::Error::invalid(
                    "equivalence tolerance",
                    t,
                    crate::error::t!(msg::TOLERANCE_UNIT, unit),
                ));
            }
        }
        let d = crate::number::parse_decimal(number, "equivalence tolerance")?;
        if d.is_sign_negative() {
            return Err(crate::Error::invalid(
                "equivalence tolerance",
                t,
                crate::error::t!(msg::NEGATIVE_TOLERANCE),
            ));
        }
        Ok(if relative {
            Tolerance::Relative(d)
        } else {
            Tolerance::Absolute(d)
        })
    }
}

impl Serialize for Tolerance {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Tolerance {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(crate::error::Error::into_serde)
    }
}

/// One named level of a graded table (`领先 ≤ 4.0 L`), best first in its list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Grade {
    /// The grade's name (`{ zh = "领先", en = "leading" }`, `1`).
    pub name: Names,
    /// The limit a value must meet to reach the grade, as text (`≤ 4.0 L`).
    #[schemars(with = "crate::schema_text::LimitText")]
    pub limit: String,
}

/// A row of grades, and of requirements, chosen by another indicator's value (an air
/// conditioner's APF grades and minimum allowable value by rated cooling capacity) or by a
/// declared attribute of the product (`plant = "new"`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// The condition on the selector: a limit on the selector indicator (`≤ 4500 W`), or one
    /// of the declared values of the selector attribute (`new`).
    #[schemars(with = "crate::schema_text::LimitText")]
    pub when: String,
    /// The grades of this band, best first (every band has grades, or none has).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grades: Vec<Grade>,
    /// The requirements each standard states for this band: standard number → limit text. A
    /// standard states its requirement either in the indicator's `requirements` or per band,
    /// never both; a standard a band does not name states nothing in that band.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "crate::unique::requirements"
    )]
    #[schemars(with = "BTreeMap<String, crate::schema_text::LimitText>")]
    pub requirements: BTreeMap<String, String>,
}

/// Grades and requirements chosen by band: `by` names the selector indicator or attribute.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bands {
    /// The id of the indicator whose value chooses the band, or of a declared attribute.
    pub by: String,
    /// The bands, each with its condition and grades.
    pub bands: Vec<Band>,
}

fn default_weight() -> Decimal {
    Decimal::ONE
}

fn is_simple(r: &DecisionRule) -> bool {
    *r == DecisionRule::Simple
}

fn is_one(d: &Decimal) -> bool {
    *d == Decimal::ONE
}

/// A key technical indicator (关键技术指标) with the requirement of each standard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Indicator {
    /// A short stable id (`flush-water`), unique in the plan.
    pub id: String,
    /// The indicator's name.
    #[serde(default)]
    pub name: Names,
    /// The unit values and limits are compared in (text, read with the unit table).
    #[serde(default)]
    #[schemars(with = "Option<crate::schema_text::UnitText>")]
    pub unit: Option<String>,
    /// The quantity kind, where one dimension carries several (`APF`, `SEER`: both W/W).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("examples" = ["APF", "SEER"]))]
    pub kind: Option<String>,
    /// Which way is better.
    pub direction: Direction,
    /// Basic, core or innovation.
    #[serde(default)]
    pub class: IndicatorClass,
    /// The weight among core indicators (default 1).
    #[serde(
        default = "default_weight",
        skip_serializing_if = "is_one",
        deserialize_with = "crate::number::deserialize_exact"
    )]
    #[schemars(with = "crate::schema_text::DecimalText", extend("default" = "1"))]
    pub weight: Decimal,
    /// Full-value (default) or rounded-value judgement.
    #[serde(default)]
    pub judgement: Method,
    /// The decision rule applied to measured values with an uncertainty (ILAC-G8): simple
    /// acceptance by default; `{ kind = "guarded-acceptance", r = "1" }`, `guarded-rejection`
    /// or `non-binary`. A conditional pass conforms, a conditional fail does not.
    #[serde(default, skip_serializing_if = "is_simple")]
    pub decision_rule: DecisionRule,
    /// The rounding interval for rounded-value judgement (default: each limit's written digit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<Interval>,
    /// Within this margin a better value only meets the benchmark level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<Tolerance>,
    /// The standard of the test method (`GB/T 23131-2019`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<crate::StandardCode>")]
    pub test_method: Option<String>,
    /// Each standard's requirement, keyed by standard number (each standard once), as limit text.
    #[serde(default, deserialize_with = "crate::unique::requirements")]
    #[schemars(with = "BTreeMap<String, crate::schema_text::LimitText>")]
    pub requirements: BTreeMap<String, String>,
    /// Graded levels, best first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grades: Vec<Grade>,
    /// Grades chosen by another indicator's value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bands: Option<Bands>,
}
