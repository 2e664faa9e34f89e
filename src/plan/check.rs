//! Checking a plan's content: every fault at once, each with its path.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;

use super::spans::{At, Spans};
use super::{Plan, PlanStandard, Role};
use crate::error::Span;
use crate::indicator::{Bands, Direction, Grade, Indicator, IndicatorClass};
use crate::limit::{ends_inside, ends_overlap, ends_strictness, Ends, Limit, Strictness};
use crate::standard::{StandardCode, Status};
use crate::text::line_cols;
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
    /// The bytes of the source text the fault is about (the key or the value at `path`, or
    /// the nearest enclosing part written in the text), when known; its line and column are
    /// `line` and `column`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
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

/// The faults found in a plan, in plan order: the first [`Limits::faults`] of them, and the
/// count of those found beyond (`omitted_errors`, `omitted_warnings`), so a plan with a
/// million faults is answered with its first faults and the count of the rest.
///
/// [`Limits::faults`]: crate::Limits::faults
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The faults kept, errors and warnings, in plan order.
    pub faults: Vec<Fault>,
    /// Errors found after the first [`Limits::faults`](crate::Limits::faults) faults, not
    /// kept.
    pub omitted_errors: usize,
    /// Warnings found after the first [`Limits::faults`](crate::Limits::faults) faults, not
    /// kept.
    pub omitted_warnings: usize,
}

impl Report {
    /// Adds an error at `path`, with no place in a text.
    pub(crate) fn push_error(&mut self, path: String, message: String) {
        self.faults.push(Fault {
            severity: Severity::Error,
            path,
            line: None,
            column: None,
            span: None,
            message,
        });
    }

    /// A report of one error at the plan's top.
    pub(crate) fn single(message: String) -> Report {
        let mut report = Report::default();
        report.push_error("plan".into(), message);
        report
    }

    /// True when no fault is an error (warnings allowed), the omitted ones included.
    pub fn is_ok(&self) -> bool {
        self.omitted_errors == 0 && self.errors().next().is_none()
    }

    /// The errors kept.
    pub fn errors(&self) -> impl Iterator<Item = &Fault> {
        self.faults.iter().filter(|f| f.severity == Severity::Error)
    }

    /// The warnings kept.
    pub fn warnings(&self) -> impl Iterator<Item = &Fault> {
        self.faults
            .iter()
            .filter(|f| f.severity == Severity::Warning)
    }

    /// How many faults were found beyond those kept.
    pub fn omitted(&self) -> usize {
        self.omitted_errors.saturating_add(self.omitted_warnings)
    }

    /// The line that says how many faults were not kept, if any:
    /// `2 more faults not shown (1 error, 1 warning; limit `faults`)`.
    pub fn omitted_line(&self) -> Option<String> {
        let n = self.omitted();
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        (n > 0).then(|| {
            format!(
                "{} not shown ({}, {}; limit `faults`)",
                plural(n, "more fault"),
                plural(self.omitted_errors, "error"),
                plural(self.omitted_warnings, "warning")
            )
        })
    }
}

impl fmt::Display for Report {
    /// One fault a line, then the count of the faults not kept, if any.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for fault in &self.faults {
            writeln!(f, "{fault}")?;
        }
        if let Some(line) = self.omitted_line() {
            writeln!(f, "{line}")?;
        }
        Ok(())
    }
}

/// The text a plan was read from, with the spans of its parts.
pub(crate) struct Source<'a> {
    pub(crate) text: &'a str,
    pub(crate) spans: &'a Spans,
}

/// Where a fault points: the key or the value of its path, or of another path.
struct Loc {
    path: Option<String>,
    at: At,
}

impl Loc {
    /// The key at the fault's path (the entry as a whole).
    fn key() -> Loc {
        Loc {
            path: None,
            at: At::Key,
        }
    }

    /// The value at the fault's path.
    fn value() -> Loc {
        Loc {
            path: None,
            at: At::Value,
        }
    }

    /// The key at `path`.
    fn key_of(path: String) -> Loc {
        Loc {
            path: Some(path),
            at: At::Key,
        }
    }

    /// The value at `path`.
    fn value_of(path: String) -> Loc {
        Loc {
            path: Some(path),
            at: At::Value,
        }
    }
}

struct Checker {
    /// The faults kept, each with where it points.
    faults: Vec<(Fault, Loc)>,
    /// The most faults kept.
    limit: usize,
    omitted_errors: usize,
    omitted_warnings: usize,
}

impl Checker {
    /// Records a fault, or counts it when `limit` faults are kept already (its path and
    /// message are then never written).
    fn fault(
        &mut self,
        severity: Severity,
        path: impl FnOnce() -> String,
        message: impl FnOnce() -> String,
        loc: Loc,
    ) {
        if self.faults.len() >= self.limit {
            match severity {
                Severity::Error => self.omitted_errors = self.omitted_errors.saturating_add(1),
                Severity::Warning => {
                    self.omitted_warnings = self.omitted_warnings.saturating_add(1);
                }
            }
            return;
        }
        self.faults.push((
            Fault {
                severity,
                path: path(),
                line: None,
                column: None,
                span: None,
                message: message(),
            },
            loc,
        ));
    }

    fn error(&mut self, path: impl FnOnce() -> String, message: impl FnOnce() -> String, loc: Loc) {
        self.fault(Severity::Error, path, message, loc);
    }

    /// The report, each fault located in `source` when given: one lookup a fault, then one
    /// pass over the text for every line and column.
    fn report(self, source: Option<&Source<'_>>) -> Report {
        let mut faults: Vec<Fault> = Vec::with_capacity(self.faults.len());
        let mut ranges = Vec::new();
        for (fault, loc) in self.faults {
            if let Some(source) = source {
                let path = loc.path.as_deref().unwrap_or(&fault.path);
                if let Some(range) = source.spans.find(path, loc.at) {
                    ranges.push((faults.len(), range));
                }
            }
            faults.push(fault);
        }
        if let Some(source) = source {
            let starts: Vec<usize> = ranges.iter().map(|(_, r)| r.start).collect();
            let places = line_cols(source.text, &starts);
            for ((k, range), (line, column)) in ranges.into_iter().zip(places) {
                if let Some(fault) = faults.get_mut(k) {
                    fault.line = Some(line);
                    fault.column = Some(column);
                    fault.span = Some(Span::new(range.start, range.end, line, column));
                }
            }
        }
        Report {
            faults,
            omitted_errors: self.omitted_errors,
            omitted_warnings: self.omitted_warnings,
        }
    }
}

/// An id quoted for a message, whitespace other than the space and control characters
/// escaped (`"flush-water\u{3000}"`): the id that looks right shows what is wrong with it.
fn shown_id(id: &str) -> String {
    let mut out = String::with_capacity(id.len() + 2);
    out.push('"');
    for ch in id.chars() {
        if ch != ' ' && (ch.is_whitespace() || ch.is_control()) {
            out.push_str(&format!("\\u{{{:04x}}}", u32::from(ch)));
        } else {
            out.push(ch);
        }
    }
    out.push('"');
    out
}

fn code_point(ch: char) -> String {
    format!("U+{:04X}", u32::from(ch))
}

/// What is wrong with an id that is not blank: a control character, or whitespace at an end
/// (products files trim their column names, so no column could name the indicator).
fn id_fault(id: &str) -> Option<String> {
    let shown = shown_id(id);
    if let Some(ch) = id.chars().find(|c| c.is_control()) {
        return Some(format!(
            "indicator id {shown} holds a control character ({})",
            code_point(ch)
        ));
    }
    let first = id.chars().next().filter(|c| c.is_whitespace());
    let last = id.chars().next_back().filter(|c| c.is_whitespace());
    let place = match (first, last) {
        (Some(a), Some(b)) => format!(
            "begins and ends with whitespace ({}, {})",
            code_point(a),
            code_point(b)
        ),
        (Some(a), None) => format!("begins with whitespace ({})", code_point(a)),
        (None, Some(b)) => format!("ends with whitespace ({})", code_point(b)),
        (None, None) => return None,
    };
    Some(format!(
        "indicator id {shown} {place}: column names are trimmed, so no products column could name it"
    ))
}

/// A benchmark requirement as the checker keeps it: the key and limit as written, and the
/// conforming set in the indicator's unit.
struct Stated<'p> {
    code: &'p str,
    limit: &'p str,
    ends: Ends,
}

/// Two benchmark requirements with no value in common, if the benchmark level is empty (in
/// plan order). Sets on a line have a common value when every two of them do, and the two to
/// name are those holding the tightest lower and the tightest upper end.
fn disjoint_pair(stated: &[Stated<'_>]) -> Option<(usize, usize)> {
    let mut lower: Option<(usize, Ends)> = None;
    let mut upper: Option<(usize, Ends)> = None;
    for (k, s) in stated.iter().enumerate() {
        let (l, u) = s.ends;
        if let Some(l) = l {
            let half = (Some(l), None);
            // Half-lines are nested: a new one is tighter when the current does not lie in it.
            if lower.is_none_or(|(_, cur)| !ends_inside(&cur, &half)) {
                lower = Some((k, half));
            }
        }
        if let Some(u) = u {
            let half = (None, Some(u));
            if upper.is_none_or(|(_, cur)| !ends_inside(&cur, &half)) {
                upper = Some((k, half));
            }
        }
    }
    let ((a, l), (b, u)) = (lower?, upper?);
    (a != b && !ends_overlap(&l, &u)).then(|| (a.min(b), a.max(b)))
}

/// The benchmark level as the engine takes it: the requirements not strictly looser than
/// another, the first of equivalent ones.
fn level_of(stated: &[Stated<'_>]) -> Vec<usize> {
    let mut level: Vec<usize> = Vec::new();
    for (k, s) in stated.iter().enumerate() {
        let dominated = stated
            .iter()
            .any(|o| ends_strictness(&o.ends, &s.ends) == Strictness::Stricter);
        let duplicate = level.iter().any(|&m| {
            stated
                .get(m)
                .is_some_and(|o| ends_strictness(&o.ends, &s.ends) == Strictness::Equivalent)
        });
        if !dominated && !duplicate {
            level.push(k);
        }
    }
    level
}

/// Warns when no grade of a table holds the benchmark level: no value could exceed by grade.
fn level_in_no_grade(c: &mut Checker, path: String, stated: &[Stated<'_>], grades: &[Ends]) {
    if stated.is_empty() || grades.is_empty() {
        return;
    }
    let held = stated
        .iter()
        .any(|s| grades.iter().any(|g| ends_inside(&s.ends, g)));
    if held {
        return;
    }
    let shown: Vec<String> = level_of(stated)
        .iter()
        .filter_map(|&k| stated.get(k))
        .map(|s| format!("\"{}\" ({})", s.limit, s.code))
        .collect();
    c.fault(
        Severity::Warning,
        || path,
        || {
            format!(
                "no grade holds the benchmark level {}, so no value can exceed it by grade",
                shown.join(" and ")
            )
        },
        Loc::key(),
    );
}

fn check_standard(c: &mut Checker, i: usize, s: &PlanStandard) {
    let code = &s.standard.code;
    if s.standard.superseded_by.as_ref() == Some(code) {
        c.error(
            || format!("standards[{i}].superseded-by"),
            || format!("standard \"{code}\" is superseded by itself"),
            Loc::key(),
        );
    }
    if s.standard
        .adoption
        .as_ref()
        .is_some_and(|a| &a.code == code)
    {
        c.error(
            || format!("standards[{i}].adoption.code"),
            || format!("standard \"{code}\" adopts itself"),
            Loc::key_of(format!("standards[{i}].adoption")),
        );
    }
    if s.role == Role::Benchmark && s.standard.status == Status::Withdrawn {
        let by = s
            .standard
            .superseded_by
            .as_ref()
            .filter(|b| *b != code)
            .map(|b| format!(" (superseded by \"{b}\")"))
            .unwrap_or_default();
        c.fault(
            Severity::Warning,
            || format!("standards[{i}].status"),
            || {
                format!(
                "benchmark \"{code}\" is withdrawn{by}: its requirements are no longer in force"
            )
            },
            Loc::key(),
        );
    }
}

/// Checks `plan`, keeping the first `limit` faults, each located in `source` when given.
pub(crate) fn check(plan: &Plan, source: Option<&Source<'_>>, limit: usize) -> Report {
    let mut c = Checker {
        faults: Vec::new(),
        limit,
        omitted_errors: 0,
        omitted_warnings: 0,
    };

    // Standards: unique codes, one subject at most, at least one benchmark.
    let mut codes: BTreeMap<StandardCode, usize> = BTreeMap::new();
    for (i, s) in plan.standards.iter().enumerate() {
        let code = s.standard.code.clone();
        if let Some(&first) = codes.get(&code) {
            c.error(
                || format!("standards[{i}].code"),
                || format!("standard \"{code}\" is listed twice (first as standards[{first}])"),
                Loc::value(),
            );
        } else {
            codes.insert(code, i);
        }
        check_standard(&mut c, i, s);
    }
    let subjects = plan
        .standards
        .iter()
        .filter(|s| s.role == Role::Subject)
        .count();
    if subjects > 1 {
        c.error(
            || "standards".into(),
            || format!("{subjects} standards have role \"subject\": a plan has at most one"),
            Loc::key(),
        );
    }
    let benchmarks = plan
        .standards
        .iter()
        .filter(|s| s.role == Role::Benchmark)
        .count();
    if benchmarks == 0 {
        c.error(
            || "standards".into(),
            || "no standard has role \"benchmark\": a plan compares against at least one".into(),
            Loc::key(),
        );
    }
    if plan.indicators.is_empty() {
        c.error(
            || "indicators".into(),
            || "the plan has no indicator".into(),
            Loc::key(),
        );
    }
    if plan.policy.leader_share <= rust_decimal::Decimal::ZERO
        || plan.policy.leader_share > rust_decimal::Decimal::ONE
    {
        c.error(
            || "policy.leader-share".into(),
            || format!("{} is outside 0 < share ≤ 1", plan.policy.leader_share),
            Loc::key(),
        );
    }
    let core: Vec<(usize, &Indicator)> = plan
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, ind)| ind.class == IndicatorClass::Core)
        .collect();
    if let (Some(n), false) = (plan.policy.leader_min_exceeding, plan.indicators.is_empty()) {
        let count = u64::try_from(core.len()).unwrap_or(u64::MAX);
        let message = if core.is_empty() {
            Some(format!(
                "{n}: the plan has no core indicator, so no product could ever be a leader"
            ))
        } else if n == 0 || u64::from(n) > count {
            Some(format!(
                "{n} is outside 1 ≤ n ≤ {count}, the number of core indicators: no product could ever be a leader"
            ))
        } else {
            None
        };
        if let Some(message) = message {
            c.error(
                || "policy.leader-min-exceeding".into(),
                || message,
                Loc::key(),
            );
        }
    }

    // Indicators, each id to its first place (a band's selector is looked up here).
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, ind) in plan.indicators.iter().enumerate() {
        first.entry(ind.id.as_str()).or_insert(i);
    }
    let mut stated: BTreeSet<StandardCode> = BTreeSet::new();
    for (i, ind) in plan.indicators.iter().enumerate() {
        if let Some(&f) = first.get(ind.id.as_str()).filter(|&&f| f != i) {
            c.error(
                || format!("indicators[{i}].id"),
                || {
                    format!(
                        "indicator id \"{}\" is used twice (first by indicators[{f}])",
                        ind.id
                    )
                },
                Loc::value(),
            );
        }
        check_indicator(&mut c, plan, &first, i, ind, &codes, &mut stated);
    }

    // A leader by share needs core weight; by count, see leader-min-exceeding above.
    if plan.policy.leader_min_exceeding.is_none() && !plan.indicators.is_empty() {
        let negative = core.iter().any(|(_, ind)| ind.weight.is_sign_negative());
        let weighed = core
            .iter()
            .any(|(_, ind)| ind.weight > rust_decimal::Decimal::ZERO);
        if core.is_empty() {
            c.error(
                || "indicators".into(),
                || "no indicator is core, so no product could ever be a leader (leaders are decided on core indicators)".into(),
                Loc::key());
        } else if let (Some((k, ind)), false, false) = (core.first(), weighed, negative) {
            c.error(
                || format!("indicators[{k}].weight"),
                || format!(
                    "weight \"{}\": no core indicator has a weight above 0, so no product could ever be a leader (give one a weight above 0, or set policy.leader-min-exceeding)",
                    ind.weight
                ),
                Loc::key());
        }
    }

    for (i, s) in plan.standards.iter().enumerate() {
        if s.role == Role::Benchmark && !stated.contains(&s.standard.code) {
            c.error(
                || format!("standards[{i}]"),
                || {
                    format!(
                        "benchmark \"{}\" states no requirement for any indicator",
                        s.standard.code
                    )
                },
                Loc::value_of(format!("standards[{i}].code")),
            );
        }
    }
    c.report(source)
}

fn check_indicator(
    c: &mut Checker,
    plan: &Plan,
    first: &BTreeMap<&str, usize>,
    i: usize,
    ind: &Indicator,
    codes: &BTreeMap<StandardCode, usize>,
    stated: &mut BTreeSet<StandardCode>,
) {
    let base = format!("indicators[{i}]");
    if ind.id.trim().is_empty() {
        c.error(
            || format!("{base}.id"),
            || "an indicator id is never empty".into(),
            Loc::value(),
        );
    } else if let Some(message) = id_fault(&ind.id) {
        c.error(|| format!("{base}.id"), || message, Loc::value());
    } else if ind.id == "id" {
        c.error(
            || format!("{base}.id"),
            || "indicator id \"id\" is the name of the products file's product-id column: choose another id".into(),
            Loc::value());
    }
    if let Some(t) = ind.tolerance {
        let (crate::indicator::Tolerance::Absolute(d) | crate::indicator::Tolerance::Relative(d)) =
            t;
        if d.is_sign_negative() && !d.is_zero() {
            c.error(
                || format!("{base}.tolerance"),
                || format!("tolerance \"{t}\": a tolerance is never negative"),
                Loc::key(),
            );
        }
    }
    // `Err` when the unit text is faulty (reported here), so units are not compared at all.
    let unit: Result<Option<Unit>, ()> = match ind.unit.as_deref() {
        None => Ok(None),
        Some(text) => match text.parse::<Unit>() {
            Ok(u) => Ok(Some(u)),
            Err(e) => {
                c.error(|| format!("{base}.unit"), || e.to_string(), Loc::value());
                Err(())
            }
        },
    };
    if ind.weight.is_sign_negative() {
        c.error(
            || format!("{base}.weight"),
            || format!("weight {} is negative", ind.weight),
            Loc::key(),
        );
    }
    if let Some(t) = &ind.test_method {
        if let Err(e) = t.parse::<StandardCode>() {
            c.error(
                || format!("{base}.test-method"),
                || e.to_string(),
                Loc::value(),
            );
        }
    }
    // A limit and its set in the indicator's unit (`None` for the set when units are faulty);
    // a fault points at the limit, the value at `path`.
    let read_limit = |c: &mut Checker,
                      path: &dyn Fn() -> String,
                      text: &str|
     -> Option<(Limit, Option<Ends>)> {
        match text.parse::<Limit>() {
            Ok(limit) => {
                match (limit.unit(), &unit) {
                    (Some(lu), Ok(Some(iu))) if !lu.is_compatible(iu) => {
                        c.error(
                            path,
                            || format!(
                                "limit \"{text}\" is in \"{lu}\" ({}), the indicator in \"{iu}\" ({})",
                                lu.dimension(),
                                iu.dimension()
                            ),
                            Loc::value());
                        return None;
                    }
                    (Some(lu), Ok(None)) => {
                        c.error(
                            path,
                            || format!(
                                "limit \"{text}\" is in \"{lu}\" ({}) but the indicator has no unit",
                                lu.dimension()
                            ),
                            Loc::value());
                        return None;
                    }
                    _ => {}
                }
                let ends = match &unit {
                    Ok(u) => match limit.ends_in(u.as_ref()) {
                        Ok(ends) => Some(ends),
                        Err(e) => {
                            c.error(path, || e.to_string(), Loc::value());
                            return None;
                        }
                    },
                    Err(()) => None,
                };
                direction_warning(c, path, ind.direction, &limit, text);
                Some((limit, ends))
            }
            Err(e) => {
                c.error(path, || e.to_string(), Loc::value());
                None
            }
        }
    };
    let qualitative = ind.direction == Direction::Qualitative;
    // Each standard once, by its number: the key as first written.
    let mut seen: BTreeMap<StandardCode, &str> = BTreeMap::new();
    let mut benchmark: Vec<Stated<'_>> = Vec::new();
    for (code_text, limit_text) in &ind.requirements {
        let path = || format!("{base}.requirements.\"{code_text}\"");
        let code = match code_text.parse::<StandardCode>() {
            Ok(code) => code,
            Err(e) => {
                c.error(path, || e.to_string(), Loc::key());
                continue;
            }
        };
        if let Some(first) = seen.get(&code) {
            c.error(
                path,
                || format!("standard \"{code_text}\" is stated twice (also as \"{first}\")"),
                Loc::key(),
            );
            continue;
        }
        let role = codes
            .get(&code)
            .and_then(|&k| plan.standards.get(k))
            .map(|s| s.role);
        if role.is_none() {
            c.error(
                path,
                || format!("standard \"{code}\" is not listed in the plan's standards"),
                Loc::key(),
            );
        }
        stated.insert(code.clone());
        seen.insert(code, code_text.as_str());
        if qualitative {
            c.error(
                path,
                || format!("limit \"{limit_text}\" on a qualitative indicator: its values are \"pass\" or \"fail\", so it takes no requirements"),
                Loc::value());
            continue;
        }
        if let Some((_, ends)) = read_limit(c, &path, limit_text) {
            if let (Some(ends), Some(Role::Benchmark)) = (ends, role) {
                benchmark.push(Stated {
                    code: code_text,
                    limit: limit_text,
                    ends,
                });
            }
        }
    }
    if let Some((a, b)) = disjoint_pair(&benchmark) {
        if let (Some(a), Some(b)) = (benchmark.get(a), benchmark.get(b)) {
            c.error(
                || format!("{base}.requirements.\"{}\"", b.code),
                || format!(
                    "the benchmark level is empty: no value meets both \"{}\" = \"{}\" and \"{}\" = \"{}\"",
                    a.code, a.limit, b.code, b.limit
                ),
                Loc::key());
        }
        // An empty level lies in no grade either: said once.
        benchmark.clear();
    }
    if qualitative && !ind.grades.is_empty() {
        c.error(
            || format!("{base}.grades"),
            || {
                "a qualitative indicator takes no grades: its values are \"pass\" or \"fail\""
                    .into()
            },
            Loc::key(),
        );
    } else {
        let table = check_grades(c, &format!("{base}.grades"), &ind.grades, &read_limit);
        if let (Some(table), None) = (table, &ind.bands) {
            level_in_no_grade(c, format!("{base}.grades"), &benchmark, &table);
        }
        if ind.bands.is_some() && !ind.grades.is_empty() {
            c.error(
                || format!("{base}.grades"),
                || "the indicator has both grades and bands: write one of them".into(),
                Loc::key(),
            );
        }
    }
    if let Some(bands) = &ind.bands {
        if qualitative {
            c.error(
                || format!("{base}.bands"),
                || {
                    "a qualitative indicator takes no bands: its values are \"pass\" or \"fail\""
                        .into()
                },
                Loc::key(),
            );
        } else {
            check_bands(c, plan, first, &base, ind, bands, &benchmark, &read_limit);
        }
    }
}

/// A band selector as far as its conditions can be checked: its id and unit.
struct Selector<'p> {
    id: &'p str,
    unit: Option<Unit>,
}

#[allow(clippy::too_many_arguments)]
fn check_bands(
    c: &mut Checker,
    plan: &Plan,
    first: &BTreeMap<&str, usize>,
    base: &str,
    ind: &Indicator,
    bands: &Bands,
    benchmark: &[Stated<'_>],
    read_limit: &ReadLimit<'_>,
) {
    let by = format!("{base}.bands.by");
    let chosen = first
        .get(bands.by.as_str())
        .and_then(|&k| plan.indicators.get(k));
    let selector = match chosen {
        None => {
            c.error(
                || by,
                || {
                    format!(
                        "indicator \"{}\" chooses the band but is not in the plan",
                        bands.by
                    )
                },
                Loc::value(),
            );
            None
        }
        Some(s) if s.id == ind.id => {
            c.error(
                || by,
                || "an indicator cannot choose its own band".into(),
                Loc::value(),
            );
            None
        }
        Some(s) if s.direction == Direction::Qualitative => {
            c.error(
                || by,
                || format!(
                    "indicator \"{}\" chooses the band but is qualitative: a band condition needs a number",
                    s.id
                ),
                Loc::value());
            None
        }
        // A selector whose unit does not read is reported on the selector itself.
        Some(s) => match s.unit.as_deref().map(str::parse::<Unit>).transpose() {
            Ok(unit) => Some(Selector { id: &s.id, unit }),
            Err(_) => None,
        },
    };
    if bands.bands.is_empty() {
        c.error(
            || format!("{base}.bands.bands"),
            || "no band is given: write at least one band, or grades instead of bands".into(),
            Loc::key(),
        );
    }
    let mut conditions: Vec<(usize, &str, Ends)> = Vec::new();
    for (b, band) in bands.bands.iter().enumerate() {
        let path = format!("{base}.bands.bands[{b}]");
        match band.when.parse::<Limit>() {
            Err(e) => c.error(|| format!("{path}.when"), || e.to_string(), Loc::value()),
            Ok(when) => {
                if let Some(s) = &selector {
                    if let Some(ends) = condition(c, &format!("{path}.when"), &band.when, &when, s)
                    {
                        conditions.push((b, &band.when, ends));
                    }
                }
            }
        }
        let table = check_grades(c, &format!("{path}.grades"), &band.grades, read_limit);
        if let Some(table) = table {
            level_in_no_grade(c, format!("{path}.grades"), benchmark, &table);
        }
    }
    // The first band whose condition holds is used: two that overlap are a fault.
    for (k, (b, text, ends)) in conditions.iter().enumerate() {
        let earlier = conditions
            .iter()
            .take(k)
            .find(|(_, _, other)| ends_overlap(other, ends));
        if let Some((e, other_text, _)) = earlier {
            c.error(
                || format!("{base}.bands.bands[{b}].when"),
                || format!("condition \"{text}\" overlaps band {e} \"{other_text}\": a value in both would always take band {e}"),
                Loc::value());
        }
    }
}

/// A band condition's set in the selector's unit, or a fault.
fn condition(
    c: &mut Checker,
    path: &str,
    text: &str,
    when: &Limit,
    selector: &Selector<'_>,
) -> Option<Ends> {
    let message = match (when.unit(), &selector.unit) {
        (Some(wu), None) => Some(format!(
            "condition \"{text}\" is in \"{wu}\" ({}) but the selector \"{}\" has no unit",
            wu.dimension(),
            selector.id
        )),
        (Some(wu), Some(su)) if !wu.is_compatible(su) => Some(format!(
            "condition \"{text}\" is in \"{wu}\" ({}), the selector \"{}\" in \"{su}\" ({})",
            wu.dimension(),
            selector.id,
            su.dimension()
        )),
        _ => None,
    };
    let result = match message {
        Some(m) => Err(m),
        None => when
            .ends_in(selector.unit.as_ref())
            .map_err(|e| e.to_string()),
    };
    match result {
        Ok(ends) => Some(ends),
        Err(message) => {
            c.error(|| path.to_owned(), || message, Loc::value());
            None
        }
    }
}

fn direction_warning(
    c: &mut Checker,
    path: &dyn Fn() -> String,
    d: Direction,
    limit: &Limit,
    text: &str,
) {
    let suspicious = match d {
        Direction::HigherIsBetter => limit.lower().is_none(),
        Direction::LowerIsBetter => limit.upper().is_none(),
        _ => false,
    };
    if suspicious {
        c.fault(
            Severity::Warning,
            path,
            || {
                format!(
                    "limit \"{text}\" has no {} end but the indicator is {d}",
                    if d == Direction::HigherIsBetter {
                        "lower"
                    } else {
                        "upper"
                    }
                )
            },
            Loc::value(),
        );
    }
}

type ReadLimit<'r> =
    dyn Fn(&mut Checker, &dyn Fn() -> String, &str) -> Option<(Limit, Option<Ends>)> + 'r;

/// Grades are listed best first: each grade's conforming set lies inside the next one's.
/// Returns the grades' sets in the indicator's unit when every grade reads and is in order.
fn check_grades(
    c: &mut Checker,
    base: &str,
    grades: &[Grade],
    read_limit: &ReadLimit<'_>,
) -> Option<Vec<Ends>> {
    let mut table = Some(Vec::with_capacity(grades.len()));
    let mut previous: Option<(usize, Ends)> = None;
    for (g, grade) in grades.iter().enumerate() {
        let path = || format!("{base}[{g}].limit");
        let Some((limit, ends)) = read_limit(c, &path, &grade.limit) else {
            previous = None;
            table = None;
            continue;
        };
        match (&mut table, ends) {
            (Some(t), Some(e)) => t.push(e),
            _ => table = None,
        }
        // Units that do not read leave the limits as written.
        let ends = ends.unwrap_or((limit.lower(), limit.upper()));
        if let Some((p, prev)) = &previous {
            if !ends_inside(prev, &ends) {
                c.error(
                    path,
                    || format!(
                        "grades go from best to worst, so \"{}\" must hold every value of grade {p} \"{}\"",
                        grade.limit, grades.get(*p).map(|x| x.limit.as_str()).unwrap_or_default()
                    ),
                    Loc::value());
                table = None;
            } else if ends_inside(&ends, prev) {
                c.error(
                    path,
                    || format!("grade {g} has the same limit as grade {p}: grades must differ"),
                    Loc::value(),
                );
                table = None;
            }
        }
        previous = Some((g, ends));
    }
    table
}
