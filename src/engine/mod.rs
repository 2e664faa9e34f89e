//! The verdict engine: compile a plan once, then judge many products (and the subject standard
//! itself) against the benchmark level and classify them as leader, follower or gap.
//!
//! Compiling ([`Plan::compile`](crate::Plan::compile)) reads every limit once, converts its conforming set into the
//! indicator's unit, finds each indicator's **benchmark level** — the strictest benchmark
//! requirement by inclusion of conforming sets; benchmark requirements that are incomparable
//! with each other are all kept and a value must meet each — and prepares the grade tables
//! and bands. The [`Engine`] is `Send + Sync`, holds no I/O and never parses text while judging
//! except a product's own values.
//!
//! ```
//! use duibiao::{Plan, Product};
//! use duibiao::verdict::Class;
//!
//! let plan = Plan::from_toml_str(r#"
//! schema_version = 1
//! category = { en = "smart toilet" }
//! [[standards]]
//! code = "T/CZGX 001-2022"
//! role = "benchmark"
//! [[indicators]]
//! id = "flush-water"
//! unit = "L"
//! direction = "lower-is-better"
//! requirements = { "T/CZGX 001-2022" = "≤ 4.0 L" }
//! "#)?;
//! let engine = plan.compile()?;
//! let verdict = engine.evaluate(&Product::new("P1").with("flush-water", "3600 mL")?)?;
//! assert_eq!(verdict.class, Class::Leader);
//! let verdict = engine.evaluate(&Product::new("P2").with("flush-water", "4.2")?)?;
//! assert_eq!(verdict.class, Class::Gap);
//! # Ok::<(), duibiao::Error>(())
//! ```

pub(crate) mod compile;

pub(crate) mod evaluate;
pub(crate) mod fast;
pub(crate) mod rules;
pub(crate) mod standards;

pub use compile::PlanFile;
pub use standards::{Requirements, StandardRows, Stated};

pub use fast::{Classifier, FastOutcome, Prepared};

use rust_decimal::Decimal;

use crate::decision::{DecisionRule, Method};
use crate::error::Lang;
use crate::indicator::{Direction, IndicatorClass, Tolerance};
use crate::limit::{Ends, Limit};
use crate::plan::{Policy, Role};
use crate::rounding::Interval;
use crate::standard::{Names, StandardCode};
use crate::unit::Unit;

/// A requirement of one standard for one indicator, read and converted once.
#[derive(Clone, Debug)]
pub(crate) struct Requirement {
    pub(crate) code: StandardCode,
    pub(crate) role: Role,
    pub(crate) limit: Limit,
    /// The conforming set in the indicator's unit.
    pub(crate) ends: Ends,
    /// The values the requirement accepts under the indicator's judgement, in the
    /// indicator's unit ([`crate::decision::accepted_ends`]): what strictness compares.
    pub(crate) accepted: Ends,
    /// The canonical texts, made once for the evidence.
    pub(crate) limit_text: String,
    pub(crate) code_text: String,
    /// The class of the indicator's grades the requirement names, when stated as a class
    /// (`limit` is then the limit it stands for).
    pub(crate) class: Option<String>,
}

#[derive(Clone, Debug)]
pub(crate) struct Grade {
    pub(crate) name: Names,
    pub(crate) limit: Limit,
    pub(crate) ends: Ends,
}

#[derive(Clone, Debug)]
pub(crate) struct GradeTable {
    pub(crate) grades: Vec<Grade>,
    /// The best grade the benchmark level guarantees (its set lies inside "the grade or
    /// better").
    pub(crate) level_grade: Option<usize>,
}

#[derive(Clone, Debug)]
pub(crate) enum Grading {
    None,
    Table(GradeTable),
    Banded {
        /// Index of the selector indicator.
        selector: usize,
        /// Each band's condition as a set in the selector's unit, and its grades.
        bands: Vec<(Ends, GradeTable)>,
    },
}

/// What chooses an indicator's band: another indicator's value (by index) or a declared
/// attribute of the product (by index into the engine's attributes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Chooser {
    Indicator(usize),
    Attribute(usize),
}

/// A band's condition: a set of the selector indicator's values (in its unit) or a declared
/// value of the selector attribute.
#[derive(Clone, Debug)]
pub(crate) enum Case {
    Ends(Ends),
    Value(String),
}

/// One band of an indicator whose requirements vary with the band: the band's condition and
/// the indicator as judged in it (the indicator's requirements with the band's, the benchmark
/// level found among them by the one rule of every level, the band's grades).
#[derive(Clone, Debug)]
pub(crate) struct BandCase {
    pub(crate) when: Case,
    /// The condition in canonical form, for the evidence.
    pub(crate) when_text: String,
    pub(crate) judged: CompiledIndicator,
}

/// Requirements (and grades) chosen by band.
#[derive(Clone, Debug)]
pub(crate) struct Banded {
    /// The selector's id.
    pub(crate) by: String,
    pub(crate) chooser: Chooser,
    pub(crate) bands: Vec<BandCase>,
}

#[derive(Clone, Debug)]
pub(crate) struct CompiledIndicator {
    pub(crate) id: String,
    /// The name, for products columns headed by the Chinese name.
    pub(crate) name: Names,
    pub(crate) unit: Option<Unit>,
    pub(crate) unit_text: Option<String>,
    pub(crate) direction: Direction,
    pub(crate) class: IndicatorClass,
    pub(crate) weight: Decimal,
    pub(crate) method: Method,
    pub(crate) rule: DecisionRule,
    pub(crate) interval: Option<Interval>,
    /// The tolerance a margin must pass to exceed ([`rules::margin_tolerance`]); `None`: no
    /// margin exceeds.
    pub(crate) margin_tolerance: Option<Tolerance>,
    pub(crate) requirements: Vec<Requirement>,
    /// Indices into `requirements`: the benchmark level.
    pub(crate) level: Vec<usize>,
    /// The subject standard's requirement, if stated.
    pub(crate) subject: Option<usize>,
    /// Values are differences (the indicator's kind is `temperature-difference`, or the level
    /// is written `±b`, deviations from a nominal): convert them without the offset.
    pub(crate) deviations: bool,
    /// The indicator's kind says its values are temperature differences
    /// ([`crate::model::CheckedIndicator::values_are_differences`]): every limit converts as a
    /// difference, and a value written with `Δ` is accepted.
    pub(crate) differences: bool,
    pub(crate) grading: Grading,
    /// Where the requirements vary with a band, or the band is chosen by an attribute: each
    /// band compiled on its own (then `grading` is [`Grading::None`] and `level` is the
    /// level of the requirements stated once for the indicator, for no judgement).
    pub(crate) banded: Option<Box<Banded>>,
}

impl CompiledIndicator {
    /// The benchmark level's requirements, in level order.
    pub(crate) fn level_requirements(&self) -> impl Iterator<Item = &Requirement> + Clone {
        self.level.iter().filter_map(|&i| self.requirements.get(i))
    }

    /// Whether the indicator is judged against a level: a benchmark states it, or it is
    /// qualitative (judged pass or fail on its own).
    pub(crate) fn compared(&self) -> bool {
        self.direction == Direction::Qualitative
            || !self.level.is_empty()
            || self
                .banded
                .as_ref()
                .is_some_and(|b| b.bands.iter().any(|c| c.judged.compared()))
    }

    /// Whether the indicator has grades: its own, or (where its requirements vary with a band)
    /// a band's.
    pub(crate) fn graded(&self) -> bool {
        !matches!(self.grading, Grading::None)
            || self
                .banded
                .as_ref()
                .is_some_and(|b| b.bands.iter().any(|c| c.judged.graded()))
    }

    /// The subject standard's requirement, if it states one.
    pub(crate) fn subject_requirement(&self) -> Option<&Requirement> {
        self.subject.and_then(|i| self.requirements.get(i))
    }
}

/// A compiled plan: judges products and the subject standard. Build it with
/// [`Plan::compile`](crate::Plan::compile).
#[derive(Clone, Debug)]
pub struct Engine {
    pub(crate) indicators: Vec<CompiledIndicator>,
    pub(crate) policy: Policy,
    pub(crate) core_weight: Decimal,
    /// The core indicators with tiers that count (the tier policy's `on = "all"`).
    pub(crate) tiered: usize,
    pub(crate) subject: Option<StandardCode>,
    pub(crate) category: Names,
    /// The plan's own version.
    pub(crate) version: Option<String>,
    /// The plan's standards with their roles, in plan order.
    pub(crate) standards: Vec<crate::model::CheckedStandard>,
    /// The plan's declared attributes.
    pub(crate) attributes: Vec<crate::plan::Attribute>,
}

impl Engine {
    /// The product category of the plan.
    pub fn category(&self) -> &Names {
        &self.category
    }

    /// The plan's own version (`"2026-1"`), when the plan states one.
    pub fn version(&self) -> Option<&str> {
        self.version.as_deref()
    }

    /// The plan's standards with their roles, in plan order.
    pub fn plan_standards(&self) -> &[crate::model::CheckedStandard] {
        &self.standards
    }

    /// The columns of a products file that name no indicator of the plan by its id or its
    /// Chinese name (a misspelt header would otherwise make every product miss that indicator).
    ///
    /// ```
    /// # let plan = duibiao::Plan::from_toml_str(r#"
    /// # schema_version = 1
    /// # category = { en = "x" }
    /// # [[standards]]
    /// # code = "GB 1-2000"
    /// # role = "benchmark"
    /// # [[indicators]]
    /// # id = "flush-water"
    /// # name = { zh = "冲水量" }
    /// # direction = "lower-is-better"
    /// # requirements = { "GB 1-2000" = "≤ 4" }
    /// # "#)?;
    /// let engine = plan.compile()?;
    /// let unknown: Vec<&str> = engine.unknown_columns(["id", "flush_water", "冲水量"]).collect();
    /// assert_eq!(unknown, ["flush_water"]);
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn unknown_columns<'a>(
        &'a self,
        columns: impl IntoIterator<Item = &'a str> + 'a,
    ) -> impl Iterator<Item = &'a str> + 'a {
        columns.into_iter().filter(move |c| {
            *c != "id"
                && !self.attributes.iter().any(|a| a.id == *c)
                && !self.indicators.iter().any(|i| {
                    i.id == *c
                        || i.name
                            .zh
                            .as_deref()
                            .map(str::trim)
                            .filter(|z| !z.is_empty())
                            == Some(c.trim())
                })
        })
    }

    /// Warnings about the compiled plan that its check cannot see without the benchmark levels:
    /// today, that no product could ever be a leader (too few core indicators, or too little
    /// core weight, can exceed their level). The command line prints them on stderr. In
    /// English; [`Engine::warnings_in`] writes them in another language.
    pub fn warnings(&self) -> Vec<String> {
        self.warnings_in(Lang::En)
    }

    /// The [`warnings`](Engine::warnings) in `lang` ([`Lang::Both`]: the Chinese text, then
    /// ` — ` and the English one, as [`crate::Error::message`] writes).
    ///
    /// ```
    /// // Only "a" is stated by a benchmark: 1 of the core weight 3 can exceed, below 0.5 × 3.
    /// let plan = duibiao::Plan::from_toml_str(r#"
    /// schema_version = 1
    /// category = { en = "x" }
    /// standards = [{ code = "Q/S 1-2024", role = "subject" }, { code = "GB 1-2000", role = "benchmark" }]
    /// [[indicators]]
    /// id = "a"
    /// direction = "lower-is-better"
    /// requirements = { "GB 1-2000" = "≤ 4" }
    /// [[indicators]]
    /// id = "b"
    /// direction = "lower-is-better"
    /// requirements = { "Q/S 1-2024" = "≤ 4" }
    /// [[indicators]]
    /// id = "c"
    /// direction = "lower-is-better"
    /// requirements = { "Q/S 1-2024" = "≤ 4" }
    /// "#)?;
    /// let engine = plan.compile()?;
    /// assert!(engine.warnings()[0].starts_with(
    ///     r#"policy.leader-share: 0.5: no product could ever be a leader: the core indicators that can exceed their level ("a") carry a weight of 1 of 3;"#
    /// ));
    /// assert!(engine.warnings_in(duibiao::Lang::Zh)[0].starts_with(
    ///     r#"policy.leader-share：0.5：任何产品都不可能成为领跑者：能够优于对标水平的核心指标（"a"）的权重合计为 1，核心指标总权重为 3；"#
    /// ));
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn warnings_in(&self, lang: Lang) -> Vec<String> {
        compile::leader_unreachable(&self.indicators, &self.policy, self.core_weight)
            .into_iter()
            .map(|w| match lang {
                Lang::Both => format!("{} — {}", w.render(Lang::Zh), w.render(Lang::En)),
                one => w.render(one),
            })
            .collect()
    }

    /// The total weight of the core indicators.
    pub fn core_weight(&self) -> Decimal {
        self.core_weight.normalize()
    }

    /// Whether leaders are chosen by tier (`policy.leader`): verdicts then say, per core
    /// indicator with tiers that counts, whether it reached the leader tier.
    pub fn by_tier(&self) -> bool {
        self.policy.leader.is_some()
    }

    /// The indicator ids, in plan order.
    pub fn indicator_ids(&self) -> impl Iterator<Item = &str> {
        self.indicators.iter().map(|i| i.id.as_str())
    }

    /// The ids of the plan's declared attributes (`plant`), in plan order: products columns
    /// read as text, never judged.
    pub fn attribute_ids(&self) -> impl Iterator<Item = &str> {
        self.attributes.iter().map(|a| a.id.as_str())
    }

    /// The ids of the indicators whose requirements are chosen by band (a band states
    /// requirements, or an attribute chooses the band), in plan order: the verdicts name the
    /// band of each ([`crate::verdict::BandChosen`]).
    pub fn banded_ids(&self) -> impl Iterator<Item = &str> {
        self.indicators
            .iter()
            .filter(|i| i.banded.is_some())
            .map(|i| i.id.as_str())
    }

    /// The indicator ids with their names, in plan order (a products column may be headed by
    /// the Chinese name: [`crate::product::CsvRows::keep_named`]).
    pub fn indicator_names(&self) -> impl Iterator<Item = (&str, &Names)> {
        self.indicators.iter().map(|i| (i.id.as_str(), &i.name))
    }

    /// Where an indicator's requirements vary with a band: each band's condition (canonical,
    /// `>4500 ~ 7100 W`, `new`) with the benchmark level in that band, as
    /// [`Engine::benchmark_level`] gives it; empty for an indicator not chosen by band.
    pub fn band_levels(&self, indicator: &str) -> Vec<(&str, Vec<(&StandardCode, &Limit)>)> {
        self.indicators
            .iter()
            .find(|i| i.id == indicator)
            .and_then(|i| i.banded.as_ref())
            .map(|b| {
                b.bands
                    .iter()
                    .map(|c| {
                        let level = c
                            .judged
                            .level_requirements()
                            .map(|r| (&r.code, &r.limit))
                            .collect();
                        (c.when_text.as_str(), level)
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The benchmark level of an indicator: the strictest benchmark requirements (several when
    /// they are incomparable), as (standard, limit) pairs. For an indicator whose requirements
    /// vary with a band, the level of the requirements stated once for the indicator (each
    /// band's level: [`Engine::band_levels`]).
    pub fn benchmark_level(&self, indicator: &str) -> Vec<(&StandardCode, &Limit)> {
        self.indicators
            .iter()
            .find(|i| i.id == indicator)
            .map(|i| {
                i.level
                    .iter()
                    .filter_map(|&k| i.requirements.get(k))
                    .map(|r| (&r.code, &r.limit))
                    .collect()
            })
            .unwrap_or_default()
    }
}
