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

/// A standard's requirement as a plan writes it: a limit as text (`"≤ 4.0 L"`), or a class of
/// the indicator's grades (`{ class = "A" }`: that class or better, see
/// [`Requirement::Class`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Requirement {
    /// A limit, as text (`≤ 4.0 L`).
    Limit(String),
    /// A class of the indicator's `grades`, named by its Chinese or English name (`A`, `1级`):
    /// the values of that class or a better one, to the class's worse end (holes between
    /// better classes included).
    Class(String),
}

impl Requirement {
    /// The limit text, when the requirement is written as a limit.
    pub fn limit(&self) -> Option<&str> {
        match self {
            Requirement::Limit(l) => Some(l),
            Requirement::Class(_) => None,
        }
    }

    /// The class named, when the requirement is written as a class.
    pub fn class(&self) -> Option<&str> {
        match self {
            Requirement::Class(c) => Some(c),
            Requirement::Limit(_) => None,
        }
    }

    /// The text as written: the limit, or the class name.
    pub fn text(&self) -> &str {
        match self {
            Requirement::Limit(t) | Requirement::Class(t) => t,
        }
    }
}

impl From<&str> for Requirement {
    fn from(limit: &str) -> Requirement {
        Requirement::Limit(limit.to_owned())
    }
}

impl From<String> for Requirement {
    fn from(limit: String) -> Requirement {
        Requirement::Limit(limit)
    }
}

impl Serialize for Requirement {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            Requirement::Limit(l) => s.serialize_str(l),
            Requirement::Class(c) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("class", c)?;
                m.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Requirement {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Requirement;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("limit text or a table { class = \"…\" }")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Requirement, E> {
                Ok(Requirement::Limit(v.to_owned()))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Requirement, A::Error> {
                let mut class: Option<String> = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key != "class" {
                        return Err(serde::de::Error::unknown_field(&key, &["class"]));
                    }
                    if class.is_some() {
                        return Err(serde::de::Error::duplicate_field("class"));
                    }
                    class = Some(map.next_value()?);
                }
                class
                    .map(Requirement::Class)
                    .ok_or_else(|| serde::de::Error::missing_field("class"))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Requirement {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Requirement".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let limit = generator.subschema_for::<crate::schema_text::LimitText>();
        schemars::json_schema!({
            "description": "A standard's requirement: a limit as text, or a class of the indicator's grades ({ \"class\": \"A\" }: that class or better).",
            "oneOf": [
                limit,
                {
                    "type": "object",
                    "properties": {
                        "class": {
                            "type": "string",
                            "minLength": 1,
                            "description": "The Chinese or English name of a grade of the indicator's `grades`: the requirement is that class or a better one, to the class's worse end.",
                            "examples": ["A", "1级"]
                        }
                    },
                    "required": ["class"],
                    "additionalProperties": false
                }
            ]
        })
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
    /// Free text, except the reserved `temperature-difference` (also `温升`, `温差`): the
    /// indicator's limits and values are temperature differences, converted without offset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("examples" = ["APF", "SEER", "temperature-difference"]))]
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
    /// Each standard's requirement, keyed by standard number (each standard once): limit text
    /// (`"≤ 4.0 L"`), or a class of the indicator's grades (`{ class = "A" }`).
    #[serde(default, deserialize_with = "crate::unique::requirements")]
    pub requirements: BTreeMap<String, Requirement>,
    /// Graded levels, best first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grades: Vec<Grade>,
    /// Grades chosen by another indicator's value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bands: Option<Bands>,
}

impl Indicator {
    /// Whether the indicator's values are temperature differences (`kind =
    /// "temperature-difference"`, `温差` or `温升`; [`crate::unit::is_temperature_difference`]).
    pub fn values_are_differences(&self) -> bool {
        self.kind
            .as_deref()
            .is_some_and(crate::unit::is_temperature_difference)
    }
}

/// The grade a class requirement names: the first whose Chinese or English name is `class`
/// (both trimmed).
pub(crate) fn grade_named<'g>(
    names: impl IntoIterator<Item = &'g Names>,
    class: &str,
) -> Option<usize> {
    let class = class.trim();
    names.into_iter().position(|n| {
        [n.zh.as_deref(), n.en.as_deref()]
            .into_iter()
            .flatten()
            .any(|x| x.trim() == class)
    })
}

/// The names of a table's grades, for a message: `"A", "B", "C"`.
pub(crate) fn grade_names<'g>(names: impl IntoIterator<Item = &'g Names>) -> String {
    names
        .into_iter()
        .filter_map(|n| n.en.as_deref().or(n.zh.as_deref()))
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether a table's grades (their sets in one unit, best first, a table the plan check
/// accepted) are a table of intervals: the first two do not nest (a checked table then has
/// no two grades in common). A table of one grade nests.
pub(crate) fn is_intervals(sets: &[crate::limit::Ends]) -> bool {
    match sets {
        [a, b, ..] => !crate::limit::ends_inside(a, b),
        _ => false,
    }
}

/// Whether grade set `next` lies wholly on the worse side of `prev` for `direction`: above it
/// for lower-is-better, below it for higher-is-better (a table of intervals, best first).
pub(crate) fn worse_side(
    prev: &crate::limit::Ends,
    next: &crate::limit::Ends,
    direction: Direction,
) -> bool {
    if crate::limit::ends_overlap(prev, next) {
        return false;
    }
    let (a, b) = match direction {
        Direction::LowerIsBetter => (prev.1, next.0),
        Direction::HigherIsBetter => (next.1, prev.0),
        _ => return false,
    };
    matches!((a, b), (Some(a), Some(b)) if a.value <= b.value)
}

/// The set of "this grade or better" for grade `k` of a table (sets best first): a nested
/// table's grade set itself; for a table of intervals, the half-line from the better end to
/// the grade's worse end (holes between better grades included).
pub(crate) fn or_better(
    sets: &[crate::limit::Ends],
    k: usize,
    direction: Direction,
) -> Option<crate::limit::Ends> {
    let g = *sets.get(k)?;
    if !is_intervals(sets) {
        return Some(g);
    }
    match direction {
        Direction::LowerIsBetter => Some((None, g.1)),
        Direction::HigherIsBetter => Some((g.0, None)),
        _ => Some(g),
    }
}

/// The limit a requirement stated as grade `k` stands for: a nested table's grade limit; for a
/// table of intervals, the one-sided limit at the grade's worse end, its digits and unit as the
/// grade writes them (`41 < x ≤ 51` gives `≤ 51`). `None` when that end is open: the grade
/// or better is every value.
pub(crate) fn class_limit(
    limits: &[crate::limit::Limit],
    sets: &[crate::limit::Ends],
    k: usize,
    direction: Direction,
) -> Option<crate::limit::Limit> {
    let limit = limits.get(k)?;
    if !is_intervals(sets) {
        return Some(limit.clone());
    }
    let (bound, op) = match direction {
        Direction::LowerIsBetter => {
            let b = limit.upper()?;
            (b, if b.inclusive { "≤" } else { "<" })
        }
        Direction::HigherIsBetter => {
            let b = limit.lower()?;
            (b, if b.inclusive { "≥" } else { ">" })
        }
        _ => return Some(limit.clone()),
    };
    let unit = limit.unit().map(|u| format!(" {u}")).unwrap_or_default();
    format!("{op} {}{unit}", bound.value).parse().ok()
}

/// For a value in no grade of a table of intervals (sets best first), the nearest grades: the
/// last one wholly on its better side and the first wholly on its worse side (`None` beyond
/// an end). For a nested table, the worst grade, on the better side.
pub(crate) fn nearest_grades(
    sets: &[crate::limit::Ends],
    x: Decimal,
    direction: Direction,
) -> (Option<usize>, Option<usize>) {
    if sets.is_empty() {
        return (None, None);
    }
    let last = sets.len() - 1;
    if !is_intervals(sets) {
        return (Some(last), None);
    }
    // How many grades lie wholly on the better side of x.
    let beyond = |e: &crate::limit::Ends| match direction {
        Direction::LowerIsBetter => {
            e.1.is_some_and(|b| x > b.value || (x == b.value && !b.inclusive))
        }
        Direction::HigherIsBetter => {
            e.0.is_some_and(|b| x < b.value || (x == b.value && !b.inclusive))
        }
        _ => false,
    };
    let p = sets.iter().take_while(|e| beyond(e)).count();
    (p.checked_sub(1), (p <= last).then_some(p))
}
