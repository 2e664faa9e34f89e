//! What a report says about its plan: the standards with their roles, the subject standard's
//! comparison, and per indicator its unit, direction, class, weight, benchmark level and grade
//! boundaries (the bounds in the indicator's unit, for charts), taken from the compiled plan.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::engine::{Engine, Grading};
use crate::error::Error;
use crate::indicator::{Direction, IndicatorClass};
use crate::limit::{Bound, Ends};
use crate::plan::Role;
use crate::schema_text::DecimalText;
use crate::standard::{Names, StandardKind};
use crate::verdict::{PolicyApplied, StandardVerdict};

use super::{md, Label, Lang, Report};

/// One standard of the plan, as the plan lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct StandardEntry {
    /// `code`: the standard number, canonical (`GB 1-2000`).
    pub code: String,
    /// `title`: the title in Chinese and/or English, where the plan gives one.
    #[serde(default, skip_serializing_if = "Names::is_empty")]
    pub title: Names,
    /// `role`: subject (the enterprise's own standard), benchmark or reference.
    pub role: Role,
    /// `kind`: the kind of standard (national, group, enterprise, international …).
    pub kind: StandardKind,
}

/// One limit of a benchmark level or of a grade, with its ends in the indicator's unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct LevelLimit {
    /// `standard`: the standard that states it.
    pub standard: String,
    /// `limit`: the limit, canonical, as the standard writes it (`≤ 4.0 L`).
    pub limit: String,
    /// `class`: the class of the indicator's grades the standard names, when it states the
    /// requirement as a class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
    /// `lower`: the lower end of the conforming set in the indicator's unit, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub lower: Option<Decimal>,
    /// `upper`: the upper end of the conforming set in the indicator's unit, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub upper: Option<Decimal>,
}

/// One grade (level, 等级) of an indicator: its name and limit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct GradeEntry {
    /// `name`: the grade's name (`1级`, `A`).
    pub name: Names,
    /// `limit`: the grade's limit, canonical.
    pub limit: String,
    /// `lower`: the lower end of the grade's set in the indicator's unit, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub lower: Option<Decimal>,
    /// `upper`: the upper end of the grade's set in the indicator's unit, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub upper: Option<Decimal>,
}

/// Where an indicator's requirements or grades vary with a band: one band.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct BandEntry {
    /// `when`: the band's condition, canonical (`>4500 ~ 7100 W`, `new`).
    pub when: String,
    /// `level`: the benchmark level in this band.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub level: Vec<LevelLimit>,
    /// `grades`: the grades in this band, best first as the plan lists them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grades: Vec<GradeEntry>,
}

/// One indicator of the plan: what a chart and a reader need to place its values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct IndicatorEntry {
    /// `id`: the indicator's id.
    pub id: String,
    /// `name`: its name, where the plan gives one.
    #[serde(default, skip_serializing_if = "Names::is_empty")]
    pub name: Names,
    /// `unit`: the unit values are compared in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// `direction`: which way is better.
    pub direction: Direction,
    /// `class`: basic, core or innovation.
    pub class: IndicatorClass,
    /// `weight`: its weight in the core weight.
    #[schemars(with = "DecimalText")]
    pub weight: Decimal,
    /// `level`: the benchmark level (several limits when they are incomparable), with their
    /// standards; empty where no benchmark states it or where it varies with a band.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub level: Vec<LevelLimit>,
    /// `grades`: the grade boundaries, as the plan lists them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grades: Vec<GradeEntry>,
    /// `bands`: where the requirements or grades vary with a band, each band's level and
    /// grades.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<BandEntry>,
}

/// What the report says about its plan, taken from the compiled plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct About {
    pub(crate) version: Option<String>,
    pub(crate) policy: PolicyApplied,
    pub(crate) standards: Vec<StandardEntry>,
    pub(crate) standard_verdict: Option<StandardVerdict>,
    pub(crate) indicators: Vec<IndicatorEntry>,
}

fn lower(e: &Ends) -> Option<Decimal> {
    e.0.map(|b: Bound| b.value)
}

fn upper(e: &Ends) -> Option<Decimal> {
    e.1.map(|b: Bound| b.value)
}

fn level_of(ind: &crate::engine::CompiledIndicator) -> Vec<LevelLimit> {
    ind.level_requirements()
        .map(|r| LevelLimit {
            standard: r.code_text.clone(),
            limit: r.limit_text.clone(),
            class: r.class.clone(),
            lower: lower(&r.ends),
            upper: upper(&r.ends),
        })
        .collect()
}

fn grades_of(g: &crate::engine::GradeTable) -> Vec<GradeEntry> {
    g.grades
        .iter()
        .map(|g| GradeEntry {
            name: g.name.clone(),
            limit: g.limit.to_string(),
            lower: lower(&g.ends),
            upper: upper(&g.ends),
        })
        .collect()
}

/// A selector's band written as its ends: `> 4500 ~ ≤ 7100`, `≥ 4500`, `< 7100`.
fn ends_text(e: &Ends, unit: Option<&str>) -> String {
    let lo =
        e.0.map(|b| format!("{}{}", if b.inclusive { "≥" } else { ">" }, b.value));
    let hi =
        e.1.map(|b| format!("{}{}", if b.inclusive { "≤" } else { "<" }, b.value));
    let text = match (lo, hi) {
        (Some(l), Some(h)) => format!("{l} ~ {h}"),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => "—".to_owned(),
    };
    match unit {
        Some(u) if !u.is_empty() => format!("{text} {u}"),
        _ => text,
    }
}

impl About {
    /// What the report says about the plan `engine` was compiled from; the subject
    /// standard's comparison when the plan names one.
    pub(crate) fn of(engine: &Engine) -> Result<About, Error> {
        let standards = engine
            .standards
            .iter()
            .map(|s| StandardEntry {
                code: s.standard.code.to_string(),
                title: s.standard.title.clone(),
                role: s.role,
                kind: s.standard.kind,
            })
            .collect();
        let standard_verdict = match engine.subject {
            Some(_) => Some(engine.compare_standards()?),
            None => None,
        };
        let indicators = engine
            .indicators
            .iter()
            .map(|i| {
                let mut bands = Vec::new();
                let mut grades = Vec::new();
                match &i.grading {
                    Grading::None => {}
                    Grading::Table(t) => grades = grades_of(t),
                    Grading::Banded { selector, bands: b } => {
                        let sel = engine.indicators.get(*selector);
                        for (ends, t) in b {
                            bands.push(BandEntry {
                                when: format!(
                                    "{} {}",
                                    sel.map_or("", |s| s.id.as_str()),
                                    ends_text(ends, sel.and_then(|s| s.unit_text.as_deref()))
                                ),
                                level: Vec::new(),
                                grades: grades_of(t),
                            });
                        }
                    }
                }
                if let Some(b) = &i.banded {
                    for case in &b.bands {
                        let judged = &case.judged;
                        bands.push(BandEntry {
                            when: format!("{} {}", b.by, case.when_text),
                            level: level_of(judged),
                            grades: match &judged.grading {
                                Grading::Table(t) => grades_of(t),
                                _ => Vec::new(),
                            },
                        });
                    }
                }
                IndicatorEntry {
                    id: i.id.clone(),
                    name: i.name.clone(),
                    unit: i.unit_text.clone(),
                    direction: i.direction,
                    class: i.class,
                    weight: i.weight.normalize(),
                    level: if i.banded.is_some() {
                        Vec::new()
                    } else {
                        level_of(i)
                    },
                    grades,
                    bands,
                }
            })
            .collect();
        Ok(About {
            version: engine.version.clone(),
            policy: engine.policy_applied(),
            standards,
            standard_verdict,
            indicators,
        })
    }
}

/// A value's kebab-case name as its serde form writes it (`domestic-leading`, `gap`).
pub(crate) fn kebab<T: Serialize>(x: &T) -> String {
    match serde_json::to_value(x) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// The policy applied in one line, by the plan's own keys: `leader-share 0.5, missing gap`.
pub(crate) fn policy_text(p: &PolicyApplied) -> String {
    let mut s = match (&p.leader, p.leader_min_exceeding) {
        (Some(t), _) => format!("leader {} on {}", t.tier, kebab(&t.on)),
        (None, Some(n)) => format!("leader-min-exceeding {n}"),
        (None, None) => format!("leader-share {}", p.leader_share),
    };
    s.push_str(", missing ");
    s.push_str(&kebab(&p.missing));
    if p.unstated != crate::plan::Unstated::Count {
        s.push_str(", unstated ");
        s.push_str(&kebab(&p.unstated));
    }
    s
}

/// The Markdown head of a report: the plan's version, the date, the crate version and the
/// policy; the standards; the subject standard's comparison.
pub(crate) fn markdown_head(s: &mut String, lang: Lang, head: &Report) {
    use std::fmt::Write as _;
    let l = |x: Label| x.in_lang(lang);
    let _ = writeln!(
        s,
        "- {}: {}",
        l(Label::Category),
        md(&lang.name(&head.category))
    );
    if let Some(v) = &head.version {
        let _ = writeln!(s, "- {}: {}", l(Label::PlanVersion), md(v));
    }
    if let Some(d) = &head.date {
        let _ = writeln!(s, "- {}: {}", l(Label::Date), md(d));
    }
    let _ = writeln!(
        s,
        "- {}: {}",
        l(Label::CrateVersion),
        md(&head.crate_version)
    );
    if let Some(p) = &head.policy {
        let _ = writeln!(s, "- {}: {}", l(Label::Policy), md(&policy_text(p)));
    }
    s.push('\n');
    if !head.standards.is_empty() {
        let _ = writeln!(s, "## {}\n", l(Label::Standards));
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            l(Label::Code),
            l(Label::Title),
            l(Label::Role),
            l(Label::Kind)
        );
        s.push_str("|---|---|---|---|\n");
        for st in &head.standards {
            let title = lang.name(&st.title);
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} |",
                md(&st.code),
                if title.is_empty() {
                    "—".to_owned()
                } else {
                    md(&title)
                },
                Label::of_role(st.role).in_lang(lang),
                md(&kebab(&st.kind))
            );
        }
        s.push('\n');
    }
    if let Some(v) = &head.standard_verdict {
        let _ = writeln!(s, "## {}\n", l(Label::StandardComparison));
        let _ = write!(
            s,
            "{}: {} — {}",
            l(Label::Standard),
            md(&v.standard),
            lang.class(v.class)
        );
        if !v.decided_by.is_empty() {
            let _ = write!(
                s,
                " ({}: {})",
                l(Label::DecidedBy),
                md(&v.decided_by.join(", "))
            );
        }
        s.push_str("\n\n");
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            l(Label::Indicator),
            l(Label::SubjectRequirement),
            l(Label::BenchmarkLevel),
            l(Label::Comparison),
            l(Label::Judged)
        );
        s.push_str("|---|---|---|---|---|\n");
        for i in &v.indicators {
            let id = match &i.band {
                Some(b) => format!("{} [{b}]", i.id),
                None => i.id.clone(),
            };
            let level: Vec<String> = i
                .level
                .iter()
                .map(|r| format!("{} ({})", r.shown(), r.standard))
                .collect();
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} |",
                md(&id),
                md(i.subject.as_deref().unwrap_or("—")),
                if level.is_empty() {
                    "—".to_owned()
                } else {
                    md(&level.join("; "))
                },
                Label::of_standard_outcome(i.outcome).in_lang(lang),
                lang.outcome(i.judged)
            );
        }
        s.push('\n');
    }
}
