//! Checking a plan's content: every fault at once, each with its path.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;

use super::{Plan, Role};
use crate::indicator::{Direction, Grade, Indicator};
use crate::limit::{ends_inside, Limit};
use crate::standard::StandardCode;
use crate::text::line_col;
use crate::unit::Unit;

/// How serious a fault is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Severity {
    /// The plan cannot be used until it is fixed.
    Error,
    /// Suspicious but usable (a higher-is-better indicator with only an upper limit).
    Warning,
}

/// One fault found in a plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Fault {
    /// Error or warning.
    pub severity: Severity,
    /// Where in the plan: `indicators[2].requirements."GB/T 23131-2019"`.
    pub path: String,
    /// Line (1-based) in the source text, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Column (1-based, in characters) in the source text, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// What is wrong, in the house style.
    pub message: String,
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}: ")?;
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, "line {l}, column {c}: ")?;
        }
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// The faults found in a plan, in plan order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Every fault, errors and warnings.
    pub faults: Vec<Fault>,
}

impl Report {
    /// True when no fault is an error (warnings allowed).
    pub fn is_ok(&self) -> bool {
        self.errors().next().is_none()
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Fault> {
        self.faults.iter().filter(|f| f.severity == Severity::Error)
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Fault> {
        self.faults
            .iter()
            .filter(|f| f.severity == Severity::Warning)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for fault in &self.faults {
            writeln!(f, "{fault}")?;
        }
        Ok(())
    }
}

struct Checker<'a> {
    source: Option<&'a str>,
    faults: Vec<Fault>,
    /// A key searched after the anchor, while checking a part of an indicator (`grades`).
    section: Option<&'static str>,
}

impl Checker<'_> {
    /// Records a fault; `needle` is text to locate in the source (searched after `anchor`).
    fn fault(
        &mut self,
        severity: Severity,
        path: String,
        message: String,
        anchor: Option<&str>,
        needle: Option<&str>,
    ) {
        let (line, column) = match (self.source, needle) {
            (Some(src), Some(n)) => {
                let mut start = anchor.and_then(|a| src.find(a)).unwrap_or(0);
                if let Some(section) = self.section {
                    start += src.get(start..).and_then(|s| s.find(section)).unwrap_or(0);
                }
                match src.get(start..).and_then(|s| s.find(n)) {
                    Some(p) => {
                        let (l, c) = line_col(src, start + p);
                        (Some(l), Some(c))
                    }
                    None => (None, None),
                }
            }
            _ => (None, None),
        };
        self.faults.push(Fault {
            severity,
            path,
            line,
            column,
            message,
        });
    }

    fn error(&mut self, path: String, message: String, anchor: Option<&str>, needle: Option<&str>) {
        self.fault(Severity::Error, path, message, anchor, needle);
    }
}

fn quoted(s: &str) -> String {
    format!("\"{s}\"")
}

pub(crate) fn check(plan: &Plan, source: Option<&str>) -> Report {
    let mut c = Checker {
        source,
        faults: Vec::new(),
        section: None,
    };

    // Standards: unique codes, one subject at most, at least one benchmark.
    let mut codes: BTreeMap<StandardCode, usize> = BTreeMap::new();
    for (i, s) in plan.standards.iter().enumerate() {
        let code = s.standard.code.clone();
        if let Some(first) = codes.insert(code.clone(), i) {
            c.error(
                format!("standards[{i}].code"),
                format!("standard \"{code}\" is listed twice (first as standards[{first}])"),
                None,
                None,
            );
        }
    }
    let subjects = plan
        .standards
        .iter()
        .filter(|s| s.role == Role::Subject)
        .count();
    if subjects > 1 {
        c.error(
            "standards".into(),
            format!("{subjects} standards have role \"subject\": a plan has at most one"),
            None,
            None,
        );
    }
    let benchmarks: Vec<&StandardCode> = plan
        .standards
        .iter()
        .filter(|s| s.role == Role::Benchmark)
        .map(|s| &s.standard.code)
        .collect();
    if benchmarks.is_empty() {
        c.error(
            "standards".into(),
            "no standard has role \"benchmark\": a plan compares against at least one".into(),
            None,
            None,
        );
    }
    if plan.indicators.is_empty() {
        c.error(
            "indicators".into(),
            "the plan has no indicator".into(),
            None,
            None,
        );
    }
    if plan.policy.leader_share <= rust_decimal::Decimal::ZERO
        || plan.policy.leader_share > rust_decimal::Decimal::ONE
    {
        c.error(
            "policy.leader-share".into(),
            format!("{} is outside 0 < share ≤ 1", plan.policy.leader_share),
            None,
            Some("leader-share"),
        );
    }

    // Indicators.
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    let mut stated: BTreeSet<StandardCode> = BTreeSet::new();
    for (i, ind) in plan.indicators.iter().enumerate() {
        if let Some(first) = ids.insert(ind.id.as_str(), i) {
            c.error(
                format!("indicators[{i}].id"),
                format!(
                    "indicator id \"{}\" is used twice (first by indicators[{first}])",
                    ind.id
                ),
                None,
                None,
            );
        }
        check_indicator(&mut c, plan, i, ind, &codes, &mut stated);
    }
    for (i, s) in plan.standards.iter().enumerate() {
        if s.role == Role::Benchmark && !stated.contains(&s.standard.code) {
            c.error(
                format!("standards[{i}]"),
                format!(
                    "benchmark \"{}\" states no requirement for any indicator",
                    s.standard.code
                ),
                None,
                Some(&quoted(&s.standard.code.to_string())),
            );
        }
    }
    Report { faults: c.faults }
}

fn check_indicator(
    c: &mut Checker<'_>,
    plan: &Plan,
    i: usize,
    ind: &Indicator,
    codes: &BTreeMap<StandardCode, usize>,
    stated: &mut BTreeSet<StandardCode>,
) {
    let base = format!("indicators[{i}]");
    let anchor = format!("\"{}\"", ind.id);
    let anchor = Some(anchor.as_str());
    if ind.id.trim().is_empty() {
        c.error(
            format!("{base}.id"),
            "an indicator id is never empty".into(),
            None,
            None,
        );
    }
    let unit: Option<Unit> = match ind.unit.as_deref() {
        None => None,
        Some(text) => match text.parse::<Unit>() {
            Ok(u) => Some(u),
            Err(e) => {
                c.error(
                    format!("{base}.unit"),
                    e.to_string(),
                    anchor,
                    Some(&quoted(text)),
                );
                None
            }
        },
    };
    if ind.weight.is_sign_negative() {
        c.error(
            format!("{base}.weight"),
            format!("weight {} is negative", ind.weight),
            anchor,
            Some("weight"),
        );
    }
    if let Some(t) = &ind.test_method {
        if let Err(e) = t.parse::<StandardCode>() {
            c.error(
                format!("{base}.test-method"),
                e.to_string(),
                anchor,
                Some(&quoted(t)),
            );
        }
    }
    let read_limit = |c: &mut Checker<'_>, path: String, text: &str| -> Option<Limit> {
        match text.parse::<Limit>() {
            Ok(limit) => {
                if let (Some(lu), Some(iu)) = (limit.unit(), unit.as_ref()) {
                    if !lu.is_compatible(iu) {
                        c.error(
                            path,
                            format!(
                                "limit \"{text}\" is in \"{lu}\" ({}), the indicator in \"{iu}\" ({})",
                                lu.dimension(),
                                iu.dimension()
                            ),
                            anchor,
                            Some(&quoted(text)),
                        );
                        return None;
                    }
                }
                Some(limit)
            }
            Err(e) => {
                c.error(path, e.to_string(), anchor, Some(&quoted(text)));
                None
            }
        }
    };
    for (code_text, limit_text) in &ind.requirements {
        let path = format!("{base}.requirements.\"{code_text}\"");
        let code = match code_text.parse::<StandardCode>() {
            Ok(code) => code,
            Err(e) => {
                c.error(path, e.to_string(), anchor, Some(&quoted(code_text)));
                continue;
            }
        };
        if !codes.contains_key(&code) {
            c.error(
                path.clone(),
                format!("standard \"{code}\" is not listed in the plan's standards"),
                anchor,
                Some(&quoted(code_text)),
            );
        }
        stated.insert(code);
        if let Some(limit) = read_limit(c, path.clone(), limit_text) {
            direction_warning(c, &path, ind.direction, &limit, limit_text, anchor);
        }
    }
    c.section = Some("grades");
    check_grades(
        c,
        &format!("{base}.grades"),
        &ind.grades,
        ind.direction,
        unit.as_ref(),
        anchor,
        &read_limit,
    );
    c.section = Some("bands");
    if ind.bands.is_some() && !ind.grades.is_empty() {
        c.fault(
            Severity::Warning,
            format!("{base}.grades"),
            "the indicator has both grades and bands: the bands' grades are used, these are ignored".into(),
            anchor,
            Some("grades"),
        );
    }
    if let Some(bands) = &ind.bands {
        let selector = plan.indicators.iter().find(|o| o.id == bands.by);
        match selector {
            None => c.error(
                format!("{base}.bands.by"),
                format!(
                    "indicator \"{}\" chooses the band but is not in the plan",
                    bands.by
                ),
                anchor,
                Some(&quoted(&bands.by)),
            ),
            Some(s) if s.id == ind.id => c.error(
                format!("{base}.bands.by"),
                "an indicator cannot choose its own band".into(),
                anchor,
                None,
            ),
            Some(_) => {}
        }
        for (b, band) in bands.bands.iter().enumerate() {
            let path = format!("{base}.bands.bands[{b}]");
            if let Err(e) = band.when.parse::<Limit>() {
                c.error(
                    format!("{path}.when"),
                    e.to_string(),
                    anchor,
                    Some(&quoted(&band.when)),
                );
            }
            check_grades(
                c,
                &format!("{path}.grades"),
                &band.grades,
                ind.direction,
                unit.as_ref(),
                anchor,
                &read_limit,
            );
        }
    }
    c.section = None;
}

fn direction_warning(
    c: &mut Checker<'_>,
    path: &str,
    d: Direction,
    limit: &Limit,
    text: &str,
    anchor: Option<&str>,
) {
    let suspicious = match d {
        Direction::HigherIsBetter => limit.lower().is_none(),
        Direction::LowerIsBetter => limit.upper().is_none(),
        _ => false,
    };
    if suspicious {
        c.fault(
            Severity::Warning,
            path.to_owned(),
            format!(
                "limit \"{text}\" has no {} end but the indicator is {d}",
                if d == Direction::HigherIsBetter {
                    "lower"
                } else {
                    "upper"
                }
            ),
            anchor,
            Some(&quoted(text)),
        );
    }
}

type ReadLimit<'r> = dyn Fn(&mut Checker<'_>, String, &str) -> Option<Limit> + 'r;

/// Grades are listed best first: each grade's conforming set lies inside the next one's.
fn check_grades(
    c: &mut Checker<'_>,
    base: &str,
    grades: &[Grade],
    direction: Direction,
    unit: Option<&Unit>,
    anchor: Option<&str>,
    read_limit: &ReadLimit<'_>,
) {
    let mut previous: Option<(usize, Limit)> = None;
    for (g, grade) in grades.iter().enumerate() {
        let path = format!("{base}[{g}].limit");
        let Some(limit) = read_limit(c, path.clone(), &grade.limit) else {
            previous = None;
            continue;
        };
        direction_warning(c, &path, direction, &limit, &grade.limit, anchor);
        if let Some((p, prev)) = &previous {
            if !inside(prev, &limit, unit) {
                c.error(
                    path,
                    format!(
                        "grades go from best to worst, so \"{}\" must hold every value of grade {p} \"{}\"",
                        grade.limit, grades.get(*p).map(|x| x.limit.as_str()).unwrap_or_default()
                    ),
                    anchor,
                    Some(&quoted(&grade.limit)),
                );
            } else if same(prev, &limit, unit) {
                c.error(
                    path,
                    format!("grade {g} has the same limit as grade {p}: grades must differ"),
                    anchor,
                    Some(&quoted(&grade.limit)),
                );
            }
        }
        previous = Some((g, limit));
    }
}

/// Whether the set of `a` lies inside the set of `b`, both expressed in `unit`.
fn inside(a: &Limit, b: &Limit, unit: Option<&Unit>) -> bool {
    match (a.ends_in(unit), b.ends_in(unit)) {
        (Ok(x), Ok(y)) => ends_inside(&x, &y),
        _ => false,
    }
}

fn same(a: &Limit, b: &Limit, unit: Option<&Unit>) -> bool {
    inside(a, b, unit) && inside(b, a, unit)
}
