//! The checked model of a plan: every unit, limit and standard number already read into its
//! type, ready to compile. [`Plan::checked`] checks a plan file and converts it once; Rust
//! callers can also build a [`CheckedPlan`] from typed values, with no text at all, and
//! [`CheckedPlan::compile`] checks it by the same rules as a file.
//!
//! ```
//! use duibiao::model::{CheckedIndicator, CheckedPlan};
//! use duibiao::plan::Role;
//! use duibiao::{Class, Direction, Names, Product};
//!
//! let plan = CheckedPlan::new(Names::en("smart toilet"))
//!     .standard("T/CZGX 001-2022".parse()?, Role::Benchmark)
//!     .indicator(
//!         CheckedIndicator::new("flush-water", Direction::LowerIsBetter)
//!             .unit("L".parse()?)
//!             .requirement("T/CZGX 001-2022".parse()?, "≤ 4.0 L".parse()?),
//!     );
//! let engine = plan.compile()?;
//! let verdict = engine.evaluate(&Product::new("P1").with("flush-water", "3.6")?)?;
//! assert_eq!(verdict.class, Class::Leader);
//! # Ok::<(), duibiao::Error>(())
//! ```

use rust_decimal::Decimal;

use crate::decision::{DecisionRule, Method};
use crate::error::{t, Error};
use crate::indicator::{Direction, IndicatorClass, Tolerance};
use crate::limit::Limit;
use crate::plan::{Plan, PlanStandard, Policy, Report, Role};
use crate::rounding::Interval;
use crate::standard::{Names, Standard, StandardCode};
use crate::unit::Unit;

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        STATED_TWICE = "standard \"{0}\" is stated twice (first as requirements[{1}])",
            "标准 \"{0}\" 的要求给出了两次（第一次为 requirements[{1}]）";
        CLASS_STATED_TWICE = "standard \"{0}\" is stated twice as a class",
            "标准 \"{0}\" 以等级给出了两次要求";
    }
}

/// A standard of a checked plan, with its role.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CheckedStandard {
    /// The standard (number, title, kind, adoption, status).
    pub standard: Standard,
    /// Subject, benchmark or reference.
    pub role: Role,
}

/// One grade of a table, best first in its list.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CheckedGrade {
    /// The grade's name.
    pub name: Names,
    /// The limit a value must meet to reach it.
    pub limit: Limit,
}

/// A band: a condition on the selector and the grades and requirements that apply within it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CheckedBand {
    /// The condition on the selector's value.
    pub when: BandWhen,
    /// The band's grades, best first.
    pub grades: Vec<CheckedGrade>,
    /// The requirements stated for this band, in standard-number order.
    pub requirements: Vec<(StandardCode, Limit)>,
}

impl CheckedBand {
    /// A band of a selector indicator: its condition and grades, no requirement of its own.
    pub fn new(when: BandWhen, grades: Vec<CheckedGrade>) -> CheckedBand {
        CheckedBand {
            when,
            grades,
            requirements: Vec::new(),
        }
    }

    /// With a standard's requirement for this band (kept in standard-number order).
    #[must_use]
    pub fn requirement(mut self, code: StandardCode, limit: Limit) -> Self {
        let at = self.requirements.partition_point(|(c, _)| *c <= code);
        self.requirements.insert(at, (code, limit));
        self
    }
}

/// The condition of a band: a limit on the selector indicator, or a declared value of the
/// selector attribute.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BandWhen {
    /// A limit on the selector indicator's value (`≤ 4500 W`).
    Limit(Limit),
    /// A declared value of the selector attribute (`new`).
    Value(String),
}

impl std::fmt::Display for BandWhen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BandWhen::Limit(l) => write!(f, "{l}"),
            BandWhen::Value(v) => f.write_str(v),
        }
    }
}

/// Grades and requirements chosen by another indicator's value or a declared attribute.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CheckedBands {
    /// The selector indicator's or attribute's id.
    pub by: String,
    /// The bands.
    pub bands: Vec<CheckedBand>,
}

/// An indicator of a checked plan: the fields of [`crate::Indicator`], typed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CheckedIndicator {
    /// The id, unique in the plan.
    pub id: String,
    /// The name.
    pub name: Names,
    /// The unit values and limits are compared in.
    pub unit: Option<Unit>,
    /// The quantity kind, where one dimension carries several (`APF`).
    pub kind: Option<String>,
    /// Which way is better.
    pub direction: Direction,
    /// Basic, core or innovation.
    pub class: IndicatorClass,
    /// The weight among core indicators.
    pub weight: Decimal,
    /// Full-value or rounded-value judgement.
    pub judgement: Method,
    /// The decision rule for values with an uncertainty.
    pub decision_rule: DecisionRule,
    /// The rounding interval for rounded-value judgement.
    pub interval: Option<Interval>,
    /// The equivalence tolerance.
    pub tolerance: Option<Tolerance>,
    /// The standard of the test method.
    pub test_method: Option<StandardCode>,
    /// Each standard's requirement, in standard-number order.
    pub requirements: Vec<(StandardCode, Limit)>,
    /// The requirements stated as a class of `grades` (`{ class = "A" }`: that class or
    /// better), in standard-number order; compiling reads each into its limit.
    pub requirement_classes: Vec<(StandardCode, String)>,
    /// Graded levels, best first.
    pub grades: Vec<CheckedGrade>,
    /// Grades chosen by band.
    pub bands: Option<CheckedBands>,
}

impl CheckedIndicator {
    /// Whether the indicator's values are temperature differences (`kind =
    /// "temperature-difference"`, `温差` or `温升`; [`crate::unit::is_temperature_difference`]):
    /// then every limit, grade, value and uncertainty converts without the offset.
    ///
    /// ```
    /// use duibiao::indicator::Direction;
    /// use duibiao::model::CheckedIndicator;
    ///
    /// let mut rise = CheckedIndicator::new("winding-rise", Direction::LowerIsBetter);
    /// assert!(!rise.values_are_differences());
    /// rise.kind = Some("温升".into());
    /// assert!(rise.values_are_differences());
    /// ```
    pub fn values_are_differences(&self) -> bool {
        self.kind
            .as_deref()
            .is_some_and(crate::unit::is_temperature_difference)
    }

    /// An indicator with the defaults of a plan file: core, weight 1, full-value judgement,
    /// simple acceptance, no unit, no requirement.
    pub fn new(id: impl Into<String>, direction: Direction) -> CheckedIndicator {
        CheckedIndicator {
            id: id.into(),
            name: Names::default(),
            unit: None,
            kind: None,
            direction,
            class: IndicatorClass::Core,
            weight: Decimal::ONE,
            judgement: Method::FullValue,
            decision_rule: DecisionRule::Simple,
            interval: None,
            tolerance: None,
            test_method: None,
            requirements: Vec::new(),
            requirement_classes: Vec::new(),
            grades: Vec::new(),
            bands: None,
        }
    }

    /// With a name.
    #[must_use]
    pub fn name(mut self, name: Names) -> Self {
        self.name = name;
        self
    }

    /// With a unit.
    #[must_use]
    pub fn unit(mut self, unit: Unit) -> Self {
        self.unit = Some(unit);
        self
    }

    /// With a class.
    #[must_use]
    pub fn class(mut self, class: IndicatorClass) -> Self {
        self.class = class;
        self
    }

    /// With a weight.
    #[must_use]
    pub fn weight(mut self, weight: Decimal) -> Self {
        self.weight = weight;
        self
    }

    /// With a judgement method.
    #[must_use]
    pub fn judgement(mut self, method: Method) -> Self {
        self.judgement = method;
        self
    }

    /// With a decision rule.
    #[must_use]
    pub fn decision_rule(mut self, rule: DecisionRule) -> Self {
        self.decision_rule = rule;
        self
    }

    /// With a rounding interval for rounded-value judgement.
    #[must_use]
    pub fn interval(mut self, interval: Interval) -> Self {
        self.interval = Some(interval);
        self
    }

    /// With an equivalence tolerance.
    #[must_use]
    pub fn tolerance(mut self, tolerance: Tolerance) -> Self {
        self.tolerance = Some(tolerance);
        self
    }

    /// With a standard's requirement (kept in standard-number order).
    #[must_use]
    pub fn requirement(mut self, code: StandardCode, limit: Limit) -> Self {
        let at = self.requirements.partition_point(|(c, _)| *c <= code);
        self.requirements.insert(at, (code, limit));
        self
    }

    /// With a standard's requirement stated as a class of the indicator's grades (that class or
    /// better; kept in standard-number order).
    #[must_use]
    pub fn requirement_class(mut self, code: StandardCode, class: impl Into<String>) -> Self {
        let at = self
            .requirement_classes
            .partition_point(|(c, _)| *c <= code);
        self.requirement_classes.insert(at, (code, class.into()));
        self
    }

    /// With one more grade (worse than those before).
    #[must_use]
    pub fn grade(mut self, name: Names, limit: Limit) -> Self {
        self.grades.push(CheckedGrade { name, limit });
        self
    }

    /// With grades chosen by band.
    #[must_use]
    pub fn bands(mut self, bands: CheckedBands) -> Self {
        self.bands = Some(bands);
        self
    }
}

/// A plan whose every text is read into its type: what [`CheckedPlan::compile`] compiles.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CheckedPlan {
    /// The product category.
    pub category: Names,
    /// The plan's own version (`"2026-1"`), shown in reports.
    pub version: Option<String>,
    /// The standards with their roles.
    pub standards: Vec<CheckedStandard>,
    /// The indicators, in plan order.
    pub indicators: Vec<CheckedIndicator>,
    /// The classification and ranking policy.
    pub policy: Policy,
    /// The declared attributes of a product.
    pub attributes: Vec<crate::plan::Attribute>,
}

impl CheckedPlan {
    /// An empty plan of a category, with the default policy.
    pub fn new(category: Names) -> CheckedPlan {
        CheckedPlan {
            category,
            version: None,
            standards: Vec::new(),
            indicators: Vec::new(),
            policy: Policy::default(),
            attributes: Vec::new(),
        }
    }

    /// With a standard (current, of the default kind for its number) in a role.
    #[must_use]
    pub fn standard(self, code: StandardCode, role: Role) -> Self {
        self.with_standard(Standard::new(code), role)
    }

    /// With a standard given whole.
    #[must_use]
    pub fn with_standard(mut self, standard: Standard, role: Role) -> Self {
        self.standards.push(CheckedStandard { standard, role });
        self
    }

    /// With an indicator.
    #[must_use]
    pub fn indicator(mut self, indicator: CheckedIndicator) -> Self {
        self.indicators.push(indicator);
        self
    }

    /// With a declared attribute.
    #[must_use]
    pub fn attribute(mut self, attribute: crate::plan::Attribute) -> Self {
        self.attributes.push(attribute);
        self
    }

    /// With a policy.
    #[must_use]
    pub fn policy(mut self, policy: Policy) -> Self {
        self.policy = policy;
        self
    }

    /// Checks the plan by the rules a plan file is checked by ([`Plan::check`]): every fault,
    /// each with its path.
    pub fn check(&self) -> Report {
        let mut report = self.to_plan().check();
        // What the file model cannot hold, so its check cannot see: a standard given two
        // requirements (a file's map keeps one key).
        for (i, ind) in self.indicators.iter().enumerate() {
            // The first place of each standard number, one lookup per requirement.
            let mut seen: std::collections::BTreeMap<&StandardCode, usize> =
                std::collections::BTreeMap::new();
            for (k, (code, _)) in ind.requirements.iter().enumerate() {
                if let Some(&first) = seen.get(code) {
                    report.push_error(
                        format!("indicators[{i}].requirements[{k}]"),
                        t!(msg::STATED_TWICE, code.to_string(), first),
                    );
                } else {
                    seen.insert(code, k);
                }
            }
            let mut classes = std::collections::BTreeSet::new();
            for (k, (code, _)) in ind.requirement_classes.iter().enumerate() {
                let first = seen.get(code).copied();
                if let Some(first) = first.filter(|_| !classes.contains(code)) {
                    report.push_error(
                        format!("indicators[{i}].requirement-classes[{k}]"),
                        t!(msg::STATED_TWICE, code.to_string(), first),
                    );
                } else if !classes.insert(code) {
                    report.push_error(
                        format!("indicators[{i}].requirement-classes[{k}]"),
                        t!(msg::CLASS_STATED_TWICE, code.to_string()),
                    );
                }
            }
            let bands = ind.bands.iter().flat_map(|b| b.bands.iter().enumerate());
            for (b, band) in bands {
                let mut seen: std::collections::BTreeMap<&StandardCode, usize> =
                    std::collections::BTreeMap::new();
                for (k, (code, _)) in band.requirements.iter().enumerate() {
                    if let Some(&first) = seen.get(code) {
                        report.push_error(
                            format!("indicators[{i}].bands.bands[{b}].requirements[{k}]"),
                            t!(msg::STATED_TWICE, code.to_string(), first),
                        );
                    } else {
                        seen.insert(code, k);
                    }
                }
            }
        }
        report
    }

    /// The plan file model of this plan (for writing it as TOML or JSON): every typed value
    /// in its canonical text, which reads back to an equal value.
    pub fn to_plan(&self) -> Plan {
        let grades = |gs: &[CheckedGrade]| {
            gs.iter()
                .map(|g| crate::indicator::Grade {
                    name: g.name.clone(),
                    limit: g.limit.to_string(),
                })
                .collect::<Vec<_>>()
        };
        Plan {
            schema_version: 1,
            category: self.category.clone(),
            version: self.version.clone(),
            standards: self
                .standards
                .iter()
                .map(|s| PlanStandard {
                    role: s.role,
                    standard: s.standard.clone(),
                })
                .collect(),
            indicators: self
                .indicators
                .iter()
                .map(|i| crate::indicator::Indicator {
                    id: i.id.clone(),
                    name: i.name.clone(),
                    unit: i.unit.as_ref().map(Unit::to_string),
                    kind: i.kind.clone(),
                    direction: i.direction,
                    class: i.class,
                    weight: i.weight,
                    judgement: i.judgement,
                    decision_rule: i.decision_rule,
                    interval: i.interval,
                    tolerance: i.tolerance,
                    test_method: i.test_method.as_ref().map(StandardCode::to_string),
                    requirements: i
                        .requirements
                        .iter()
                        .map(|(c, l)| (c.to_string(), l.to_string().into()))
                        .chain(i.requirement_classes.iter().map(|(c, k)| {
                            (
                                c.to_string(),
                                crate::indicator::Requirement::Class(k.clone()),
                            )
                        }))
                        .collect(),
                    grades: grades(&i.grades),
                    bands: i.bands.as_ref().map(|b| crate::indicator::Bands {
                        by: b.by.clone(),
                        bands: b
                            .bands
                            .iter()
                            .map(|band| crate::indicator::Band {
                                when: band.when.to_string(),
                                grades: grades(&band.grades),
                                requirements: band
                                    .requirements
                                    .iter()
                                    .map(|(c, l)| (c.to_string(), l.to_string()))
                                    .collect(),
                            })
                            .collect(),
                    }),
                })
                .collect(),
            policy: self.policy.clone(),
            attributes: self.attributes.clone(),
        }
    }
}

impl Plan {
    /// Checks the plan and reads it into its [`CheckedPlan`], each text read once.
    ///
    /// # Errors
    ///
    /// The [`Report`] of [`Plan::check`] when it holds an error.
    pub fn checked(&self) -> Result<CheckedPlan, Report> {
        checked(self, self.check())
    }

    /// Like [`Plan::checked`], locating each fault in `source` (the text the plan was read
    /// from).
    ///
    /// # Errors
    ///
    /// As [`Plan::checked`].
    pub fn checked_in(&self, source: &str) -> Result<CheckedPlan, Report> {
        checked(self, self.check_in(source))
    }
}

/// The checked plan of `plan`, given its check's report.
pub(crate) fn checked(plan: &Plan, report: Report) -> Result<CheckedPlan, Report> {
    if !report.is_ok() {
        return Err(report);
    }
    // A plan that checks reads: each parse below succeeded in the check. Should one fail, it
    // is reported as a fault, never a panic.
    typed(plan).map_err(Report::single)
}

fn typed_grades(grades: &[crate::indicator::Grade]) -> Result<Vec<CheckedGrade>, Error> {
    grades
        .iter()
        .map(|g| {
            Ok(CheckedGrade {
                name: g.name.clone(),
                limit: g.limit.parse()?,
            })
        })
        .collect()
}

fn typed_requirements(
    stated: &std::collections::BTreeMap<String, String>,
) -> Result<Vec<(StandardCode, Limit)>, Error> {
    let mut requirements = Vec::with_capacity(stated.len());
    for (code, limit) in stated {
        requirements.push((code.parse()?, limit.parse()?));
    }
    requirements.sort_by(|a: &(StandardCode, Limit), b| a.0.cmp(&b.0));
    Ok(requirements)
}

fn typed_indicator(
    ind: &crate::indicator::Indicator,
    attributes: &[crate::plan::Attribute],
) -> Result<CheckedIndicator, Error> {
    let mut requirements = Vec::with_capacity(ind.requirements.len());
    let mut requirement_classes = Vec::new();
    for (code, stated) in &ind.requirements {
        match stated {
            crate::indicator::Requirement::Class(class) => {
                requirement_classes.push((code.parse()?, class.clone()));
            }
            other => requirements.push((code.parse()?, other.text().parse()?)),
        }
    }
    requirements.sort_by(|a: &(StandardCode, Limit), b| a.0.cmp(&b.0));
    requirement_classes.sort_by(|a: &(StandardCode, String), b| a.0.cmp(&b.0));
    let by_attribute = ind
        .bands
        .as_ref()
        .is_some_and(|b| attributes.iter().any(|a| a.id == b.by));
    let bands = match &ind.bands {
        None => None,
        Some(b) => Some(CheckedBands {
            by: b.by.clone(),
            bands: b
                .bands
                .iter()
                .map(|band| {
                    Ok(CheckedBand {
                        when: if by_attribute {
                            BandWhen::Value(band.when.trim().to_owned())
                        } else {
                            BandWhen::Limit(band.when.parse()?)
                        },
                        grades: typed_grades(&band.grades)?,
                        requirements: typed_requirements(&band.requirements)?,
                    })
                })
                .collect::<Result<_, Error>>()?,
        }),
    };
    Ok(CheckedIndicator {
        id: ind.id.clone(),
        name: ind.name.clone(),
        unit: ind.unit.as_deref().map(str::parse).transpose()?,
        kind: ind.kind.clone(),
        direction: ind.direction,
        class: ind.class,
        weight: ind.weight,
        judgement: ind.judgement,
        decision_rule: ind.decision_rule,
        interval: ind.interval,
        tolerance: ind.tolerance,
        test_method: ind.test_method.as_deref().map(str::parse).transpose()?,
        requirements,
        requirement_classes,
        grades: typed_grades(&ind.grades)?,
        bands,
    })
}

fn typed(plan: &Plan) -> Result<CheckedPlan, Error> {
    Ok(CheckedPlan {
        category: plan.category.clone(),
        version: plan.version.clone(),
        standards: plan
            .standards
            .iter()
            .map(|s| CheckedStandard {
                standard: s.standard.clone(),
                role: s.role,
            })
            .collect(),
        indicators: plan
            .indicators
            .iter()
            .map(|i| {
                typed_indicator(i, &plan.attributes)
                    .map_err(|e| e.place(t!(crate::error::msg::PLACE_INDICATOR, &i.id)))
            })
            .collect::<Result<_, _>>()?,
        policy: plan.policy.clone(),
        attributes: plan.attributes.clone(),
    })
}
