//! Checking a plan's content: every fault at once, each with its path.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;

use super::spans::{At, Spans};
use super::{Plan, PlanStandard, Role};
use crate::error::{t, Error, Lang, Span, Text};
use crate::indicator::{Bands, Direction, Grade, Indicator, IndicatorClass};
use crate::limit::{ends_inside, ends_overlap, Ends, Limit};
use crate::standard::{StandardCode, Status};
use crate::text::line_cols;
use crate::unit::Unit;

pub(crate) mod tiers;

/// The messages of the plan check.
pub(crate) mod msg {
    crate::error::messages! {
        LEVEL_ERROR = "error", "错误";
        LEVEL_WARNING = "warning", "警告";
        OMITTED = "{0} more faults not shown ({1} errors, {2} warnings; limit `faults`)", "另有 {0} 处问题未列出（{1} 处错误，{2} 处警告；限额 `faults`）";
        ID_CONTROL = "indicator id {0} holds a control character ({1})", "指标编号 {0} 含控制字符（{1}）";
        WS_BOTH = "begins and ends with whitespace ({0}, {1})", "首尾均为空白字符（{0}、{1}）";
        WS_BEGINS = "begins with whitespace ({0})", "以空白字符开头（{0}）";
        WS_ENDS = "ends with whitespace ({0})", "以空白字符结尾（{0}）";
        ID_WHITESPACE = "indicator id {0} {1}: column names are trimmed, so no products column could name it", "指标编号 {0} {1}，而列名会去除首尾空白，因此产品文件中没有列能对应它";
        LEVEL_ITEM = "\"{0}\" ({1})", "{1} 的 \"{0}\"";
        AND = "{0} and {1}", "{0} 和 {1}";
        NO_GRADE_HOLDS = "no grade holds the benchmark level {0}, so no value can exceed it by grade", "没有任何等级包含对标水平 {0}，因此没有数值能按等级优于它";
        SUPERSEDED_BY_ITSELF = "standard \"{0}\" is superseded by itself", "标准 \"{0}\" 被其自身代替";
        ADOPTS_ITSELF = "standard \"{0}\" adopts itself", "标准 \"{0}\" 采用了其自身";
        WITHDRAWN = "benchmark \"{0}\" is withdrawn: its requirements are no longer in force", "对标标准 \"{0}\" 已废止，其要求不再有效";
        WITHDRAWN_BY = "benchmark \"{0}\" is withdrawn (superseded by \"{1}\"): its requirements are no longer in force", "对标标准 \"{0}\" 已废止（被 \"{1}\" 代替），其要求不再有效";
        LISTED_TWICE = "standard \"{0}\" is listed twice (first as standards[{1}])", "标准 \"{0}\" 列出了两次（首次为 standards[{1}]）";
        SUBJECTS = "{0} standards have role \"subject\": a plan has at most one", "有 {0} 个标准的角色为 \"subject\"，一个方案至多有一个";
        NO_BENCHMARK = "no standard has role \"benchmark\": a plan compares against at least one", "没有标准的角色为 \"benchmark\"，方案至少要对照一个对标标准";
        NO_INDICATOR = "the plan has no indicator", "方案没有指标";
        SHARE_OUTSIDE = "{0} is outside 0 < share ≤ 1", "{0} 不在 0 < share ≤ 1 范围内";
        NO_CORE_MIN = "{0}: the plan has no core indicator, so no product could ever be a leader", "{0}：方案没有核心指标，因此任何产品都不可能成为领跑者";
        MIN_OUTSIDE = "{0} is outside 1 ≤ n ≤ {1}, the number of core indicators: no product could ever be a leader", "{0} 不在 1 ≤ n ≤ {1}（核心指标数）范围内，任何产品都不可能成为领跑者";
        ID_TWICE = "indicator id \"{0}\" is used twice (first by indicators[{1}])", "指标编号 \"{0}\" 使用了两次（首次在 indicators[{1}]）";
        NO_CORE = "no indicator is core, so no product could ever be a leader (leaders are decided on core indicators)", "没有核心指标，因此任何产品都不可能成为领跑者（领跑者按核心指标判定）";
        NO_CORE_WEIGHT = "weight \"{0}\": no core indicator has a weight above 0, so no product could ever be a leader (give one a weight above 0, or set policy.leader-min-exceeding)", "权重 \"{0}\"：没有核心指标的权重大于 0，因此任何产品都不可能成为领跑者（请给一个核心指标大于 0 的权重，或设置 policy.leader-min-exceeding）";
        STATES_NOTHING = "benchmark \"{0}\" states no requirement for any indicator", "对标标准 \"{0}\" 未对任何指标提出要求";
        ID_EMPTY = "an indicator id is never empty", "指标编号不能为空";
        VERSION_TEXT = "version \"{0}\": a plan version is one line of text, never blank (such as \"2026-1\")", "版本 \"{0}\"：方案版本应为一行非空文字（如 \"2026-1\"）";
        ID_IS_ID = "indicator id \"id\" is the name of the products file's product-id column: choose another id", "指标编号 \"id\" 是产品文件中产品编号列的列名，请另选编号";
        TOLERANCE_NEGATIVE = "tolerance \"{0}\": a tolerance is never negative", "等效容差 \"{0}\"：等效容差不能为负";
        WEIGHT_NEGATIVE = "weight {0} is negative", "权重 {0} 为负";
        LIMIT_UNIT_MISMATCH = "limit \"{0}\" is in \"{1}\" ({2}), the indicator in \"{3}\" ({4})", "限值 \"{0}\" 的单位为 \"{1}\"（{2}），指标的单位为 \"{3}\"（{4}）";
        LIMIT_NO_UNIT = "limit \"{0}\" is in \"{1}\" ({2}) but the indicator has no unit", "限值 \"{0}\" 的单位为 \"{1}\"（{2}），但指标没有单位";
        STATED_TWICE = "standard \"{0}\" is stated twice (also as \"{1}\")", "标准 \"{0}\" 给出了两次（另一次为 \"{1}\"）";
        NOT_LISTED = "standard \"{0}\" is not listed in the plan's standards", "标准 \"{0}\" 未列入方案的标准清单";
        QUALITATIVE_REQUIREMENT = "limit \"{0}\" on a qualitative indicator: its values are \"pass\" or \"fail\", so it takes no requirements", "定性指标上的限值 \"{0}\"：其值为 \"pass\" 或 \"fail\"，不能提出要求";
        LEVEL_EMPTY = "the benchmark level is empty: no value meets both \"{0}\" = \"{1}\" and \"{2}\" = \"{3}\"", "对标水平为空，没有数值能同时满足 \"{0}\" = \"{1}\" 和 \"{2}\" = \"{3}\"";
        QUALITATIVE_GRADES = "a qualitative indicator takes no grades: its values are \"pass\" or \"fail\"", "定性指标不分等级，其值为 \"pass\" 或 \"fail\"";
        BAND_AND_INDICATOR = "standard \"{0}\" states its requirement both for the indicator and in this band: state it once for the indicator, or in each band it applies to",
            "标准 \"{0}\" 的要求既在指标的 requirements 中给出，又在本分档中给出：请只为指标给出一次，或在其适用的各分档中分别给出";
        BAND_EMPTY = "the band states neither grades nor requirements: give it grades, requirements or both",
            "该分档既无等级（grades）也无要求（requirements）：请给出等级、要求或两者";
        BANDS_GRADED_MIXED = "band {0} has grades but this band has none: give every band its grades, or none",
            "第 {0} 档有等级（grades），本分档却没有：请为每个分档都给出等级，或都不给";
        NOT_A_VALUE = "\"{0}\" is not a declared value of attribute \"{1}\": write one of {2}",
            "\"{0}\" 不是属性 \"{1}\" 声明的取值：请写 {2} 之一";
        ATTRIBUTE_ID_EMPTY = "an attribute id is never empty", "属性编号不能为空";
        ATTRIBUTE_IS_ID = "attribute id \"id\" is the name of the products file's product-id column: choose another id",
            "属性编号 \"id\" 是产品文件中产品编号列的列名，请另选编号";
        ATTRIBUTE_TWICE = "attribute id \"{0}\" is used twice (first by attributes[{1}])", "属性编号 \"{0}\" 使用了两次（首次在 attributes[{1}]）";
        ATTRIBUTE_IS_INDICATOR = "attribute id \"{0}\" is also the id of indicators[{1}]: a products column names one of them, choose another id",
            "属性编号 \"{0}\" 也是 indicators[{1}] 的编号，产品文件的一列只能对应其中之一，请另选编号";
        ATTRIBUTE_NO_VALUES = "attribute \"{0}\" declares no values: list the values a product may take",
            "属性 \"{0}\" 未声明取值：请列出产品可取的值";
        VALUE_EMPTY = "a declared value is never empty", "声明的取值不能为空";
        VALUE_TWICE = "value \"{0}\" is declared twice (first as values[{1}])", "取值 \"{0}\" 声明了两次（首次为 values[{1}]）";
        GRADES_AND_BANDS = "the indicator has both grades and bands: write one of them", "指标同时有等级（grades）和分档（bands），请只写其中之一";
        QUALITATIVE_BANDS = "a qualitative indicator takes no bands: its values are \"pass\" or \"fail\"", "定性指标不分档，其值为 \"pass\" 或 \"fail\"";
        SELECTOR_MISSING = "indicator \"{0}\" chooses the band but is not in the plan", "指标 \"{0}\" 用于选择分档，但不在方案中";
        SELECTOR_SELF = "an indicator cannot choose its own band", "指标不能选择自身的分档";
        SELECTOR_QUALITATIVE = "indicator \"{0}\" chooses the band but is qualitative: a band condition needs a number", "指标 \"{0}\" 用于选择分档，但它是定性指标，分档条件需要数值";
        NO_BAND = "no band is given: write at least one band, or grades instead of bands", "没有给出分档，请至少写一个分档，或改用等级（grades）";
        BANDS_OVERLAP = "condition \"{0}\" overlaps band {1} \"{2}\": a value in both would always take band {1}", "条件 \"{0}\" 与第 {1} 档 \"{2}\" 重叠，同时满足两者的数值总是归入第 {1} 档";
        CONDITION_NO_UNIT = "condition \"{0}\" is in \"{1}\" ({2}) but the selector \"{3}\" has no unit", "条件 \"{0}\" 的单位为 \"{1}\"（{2}），但选择分档的指标 \"{3}\" 没有单位";
        CONDITION_UNIT_MISMATCH = "condition \"{0}\" is in \"{1}\" ({2}), the selector \"{3}\" in \"{4}\" ({5})", "条件 \"{0}\" 的单位为 \"{1}\"（{2}），选择分档的指标 \"{3}\" 的单位为 \"{4}\"（{5}）";
        NO_LOWER_END = "limit \"{0}\" has no lower end but the indicator is {1}", "限值 \"{0}\" 没有下限，但指标方向为 {1}";
        NO_UPPER_END = "limit \"{0}\" has no upper end but the indicator is {1}", "限值 \"{0}\" 没有上限，但指标方向为 {1}";
        GRADES_ORDER = "grades go from best to worst, so \"{0}\" must hold every value of grade {1} \"{2}\"", "等级按从优到劣排列，因此 \"{0}\" 必须包含第 {1} 级 \"{2}\" 的所有数值";
        GRADE_SAME = "grade {0} has the same limit as grade {1}: grades must differ", "第 {0} 级与第 {1} 级的限值相同，各等级必须不同";
        DIFFERENCE_UNIT = "kind \"{0}\" holds temperature differences, but the unit \"{1}\" is {2}: write a temperature unit (\"K\", \"°C\", \"°F\")", "种类 \"{0}\" 的数值为温差，但单位 \"{1}\" 是{2}，请写温度单位（\"K\"、\"°C\"、\"°F\"）";
        DIFFERENCE_NO_UNIT = "kind \"{0}\" holds temperature differences, but the indicator has no unit: write a temperature unit (\"K\", \"°C\", \"°F\")", "种类 \"{0}\" 的数值为温差，但指标没有单位，请写温度单位（\"K\"、\"°C\"、\"°F\"）";
        GRADES_OVERLAP = "grade {0} \"{1}\" overlaps grade {2} \"{3}\" without holding it: a class table either nests (each grade holds every value of the one before) or lists intervals with no value in common, best first",
            "第 {0} 级 \"{1}\" 与第 {2} 级 \"{3}\" 部分重叠而不包含它：等级表要么逐级包含（每一级包含前一级的所有数值），要么由互不重叠的区间组成，按从优到劣排列";
        INTERVALS_ORDER = "grades go from best to worst, so in a table of intervals \"{0}\" must lie wholly on the worse side of grade {1} \"{2}\" (the indicator is {3})",
            "等级按从优到劣排列，因此在区间等级表中 \"{0}\" 必须整体位于第 {1} 级 \"{2}\" 的较差一侧（指标方向为 {3}）";
        INTERVALS_DIRECTION = "grade {0} \"{1}\" has no value in common with grade {2} \"{3}\": a table of intervals needs the direction higher-is-better or lower-is-better, and a {4} table nests",
            "第 {0} 级 \"{1}\" 与第 {2} 级 \"{3}\" 没有共同数值：区间等级表要求指标方向为 higher-is-better 或 lower-is-better，方向为 {4} 的等级表须逐级包含";
        CLASS_NO_GRADES = "class \"{0}\": the indicator has no grades, so it has no class to name: write a limit, or give the indicator grades",
            "等级 \"{0}\"：指标没有等级（grades），无从指定等级：请写出限值，或为指标给出等级";
        CLASS_BANDED = "class \"{0}\": the indicator's grades are chosen by band, so a class names no single limit: write a limit",
            "等级 \"{0}\"：指标的等级按分档选择，一个等级对应不了唯一的限值：请写出限值";
        CLASS_UNKNOWN = "class \"{0}\" is not a grade of the indicator: its grades are {1}",
            "等级 \"{0}\" 不是该指标的等级：其等级为 {1}";
        CLASS_OPEN = "class \"{0}\" is open at its worse end, so \"{0} or better\" holds every value: name a class with a worse end, or write a limit",
            "等级 \"{0}\" 的较差一端是开放的，\"{0} 或更优\" 包含所有数值：请指定有较差端点的等级，或写出限值";
    }
}

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
    /// What is wrong, in the house style, in English ([`Fault::message_in`] gives it in
    /// every language).
    pub message: String,
    /// What is wrong in every language.
    #[serde(skip)]
    said: Said,
}

/// What a fault says: a message from a template, or an error of the crate's own.
#[derive(Clone, Debug)]
pub(crate) enum Said {
    Text(Text),
    Error(Error),
}

impl Said {
    fn render(&self, lang: Lang) -> String {
        match self {
            Said::Text(t) => t.render(lang),
            Said::Error(e) => e.message(lang),
        }
    }
}

impl PartialEq for Said {
    fn eq(&self, other: &Said) -> bool {
        self.render(Lang::En) == other.render(Lang::En)
            && self.render(Lang::Zh) == other.render(Lang::Zh)
    }
}
impl Eq for Said {}

impl From<Text> for Said {
    fn from(t: Text) -> Said {
        Said::Text(t)
    }
}
impl From<Error> for Said {
    fn from(e: Error) -> Said {
        Said::Error(e)
    }
}

impl Fault {
    fn new(severity: Severity, path: String, said: Said) -> Fault {
        Fault {
            severity,
            path,
            line: None,
            column: None,
            span: None,
            message: said.render(Lang::En),
            said,
        }
    }

    /// What is wrong in `lang` ([`Lang::Both`]: the Chinese message, ` — `, the English one);
    /// in [`Lang::En`] it is [`Fault::message`].
    ///
    /// ```
    /// use duibiao::{Lang, Plan};
    /// let plan: Plan = toml::from_str(
    ///     r#"
    /// schema_version = 1
    /// category = { en = "t" }
    /// [[standards]]
    /// code = "GB/T 1-2020"
    /// role = "benchmark"
    /// [[indicators]]
    /// id = "x"
    /// direction = "qualitative"
    /// requirements = { "GB/T 1-2020" = "≤ 1" }
    /// "#,
    /// )
    /// .unwrap();
    /// let report = plan.check();
    /// let fault = report.errors().next().unwrap();
    /// assert!(fault.message_in(Lang::En).starts_with(r#"limit "≤ 1" on a qualitative"#));
    /// assert!(fault.message_in(Lang::Zh).starts_with(r#"定性指标上的限值 "≤ 1"：其值为"#));
    /// ```
    pub fn message_in(&self, lang: Lang) -> String {
        self.message_in_lang(lang)
    }

    /// What is wrong as an error of kind [`crate::ErrorKind::Plan`], in every language.
    pub(crate) fn to_error(&self) -> Error {
        match &self.said {
            Said::Text(t) => Error::invalid_plan(t.clone()),
            Said::Error(e) => e.clone().with_kind(crate::ErrorKind::Plan),
        }
    }

    fn message_in_lang(&self, lang: Lang) -> String {
        match lang {
            Lang::Both => format!(
                "{} — {}",
                self.said.render(Lang::Zh),
                self.said.render(Lang::En)
            ),
            one => self.said.render(one),
        }
    }

    /// The fault as `Display` writes it, in `lang`: its level, its line and column when known,
    /// its path and its message.
    pub fn to_string_in(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        let level = match self.severity {
            Severity::Error => t!(msg::LEVEL_ERROR),
            Severity::Warning => t!(msg::LEVEL_WARNING),
        };
        let mut out = level.render(lang);
        out.push('：');
        if let (Some(l), Some(c)) = (self.line, self.column) {
            out.push_str(&t!(crate::error::msg::PLACE_LINE_COLUMN, l, c).render(lang));
            out.push('：');
        }
        out.push_str(&self.path);
        out.push('：');
        out.push_str(&self.message_in(lang));
        out
    }
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
    pub(crate) fn push_error(&mut self, path: String, message: impl Into<Said>) {
        self.faults
            .push(Fault::new(Severity::Error, path, message.into()));
    }

    /// A report of one error at the plan's top.
    pub(crate) fn single(message: impl Into<Said>) -> Report {
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
        self.omitted_line_in(Lang::En)
    }

    /// [`Report::omitted_line`] in `lang`.
    pub fn omitted_line_in(&self, lang: Lang) -> Option<String> {
        let n = self.omitted();
        if n == 0 {
            return None;
        }
        if lang == Lang::En {
            let plural =
                |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
            return Some(format!(
                "{} not shown ({}, {}; limit `faults`)",
                plural(n, "more fault"),
                plural(self.omitted_errors, "error"),
                plural(self.omitted_warnings, "warning")
            ));
        }
        Some(t!(msg::OMITTED, n, self.omitted_errors, self.omitted_warnings).render(lang))
    }

    /// The report as `Display` writes it, in `lang`: one fault a line, then the count of the
    /// faults not kept, if any.
    pub fn to_string_in(&self, lang: Lang) -> String {
        let mut out = String::new();
        for fault in &self.faults {
            out.push_str(&fault.to_string_in(lang));
            out.push('\n');
        }
        if let Some(line) = self.omitted_line_in(lang) {
            out.push_str(&line);
            out.push('\n');
        }
        out
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
    /// Reading the worst grade of a table of intervals, which is open at its worse end by
    /// design: no warning that a limit lacks the end its direction measures from.
    worst_interval: bool,
}

impl Checker {
    /// Records a fault, or counts it when `limit` faults are kept already (its path and
    /// message are then never written).
    fn fault<M: Into<Said>>(
        &mut self,
        severity: Severity,
        path: impl FnOnce() -> String,
        message: impl FnOnce() -> M,
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
        self.faults
            .push((Fault::new(severity, path(), message().into()), loc));
    }

    fn error<M: Into<Said>>(
        &mut self,
        path: impl FnOnce() -> String,
        message: impl FnOnce() -> M,
        loc: Loc,
    ) {
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
fn id_fault(id: &str) -> Option<Text> {
    let shown = shown_id(id);
    if let Some(ch) = id.chars().find(|c| c.is_control()) {
        return Some(t!(msg::ID_CONTROL, shown, code_point(ch)));
    }
    let first = id.chars().next().filter(|c| c.is_whitespace());
    let last = id.chars().next_back().filter(|c| c.is_whitespace());
    let place = match (first, last) {
        (Some(a), Some(b)) => t!(msg::WS_BOTH, code_point(a), code_point(b)),
        (Some(a), None) => t!(msg::WS_BEGINS, code_point(a)),
        (None, Some(b)) => t!(msg::WS_ENDS, code_point(b)),
        (None, None) => return None,
    };
    Some(t!(msg::ID_WHITESPACE, shown, place))
}

/// A benchmark requirement as the checker keeps it: the key and limit as written, the
/// conforming set in the indicator's unit, and the set it accepts under the indicator's method
/// ([`crate::decision::accepted_ends`]): what the verdict and the benchmark level compare.
#[derive(Clone)]
struct Stated<'p> {
    code: &'p str,
    limit: std::borrow::Cow<'p, str>,
    ends: Ends,
    accepted: Ends,
}

/// Two benchmark requirements with no value in common, if the benchmark level is empty (in
/// plan order): no value is accepted by both under the indicator's method, as a product is
/// judged. Sets on a line have a common value when every two of them do, and the two to name
/// are those holding the tightest lower and the tightest upper end.
fn disjoint_pair(stated: &[Stated<'_>]) -> Option<(usize, usize)> {
    let mut lower: Option<(usize, Ends)> = None;
    let mut upper: Option<(usize, Ends)> = None;
    for (k, s) in stated.iter().enumerate() {
        let (l, u) = s.accepted;
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
/// another, the first of equivalent ones (one sort and one sweep, not every pair). Under
/// rounded-value judgement the engine keeps these and also those it cannot drop as accepted;
/// the grade table's level grade is found from these sets, as here.
fn level_of(stated: &[Stated<'_>]) -> Vec<usize> {
    let sets: Vec<Ends> = stated.iter().map(|s| s.ends).collect();
    crate::limit::maximal::strictest(&sets)
}

/// Warns when no grade of a table holds the benchmark level: no value could exceed by grade.
fn level_in_no_grade(
    c: &mut Checker,
    path: String,
    stated: &[Stated<'_>],
    grades: &[Ends],
    direction: Direction,
) {
    if stated.is_empty() || grades.is_empty() {
        return;
    }
    // A grade holds the level when the level lies in "the grade or better" (a nested table's
    // grade itself).
    let held = stated.iter().any(|s| {
        (0..grades.len()).any(|k| {
            crate::indicator::or_better(grades, k, direction)
                .is_some_and(|g| ends_inside(&s.ends, &g))
        })
    });
    if held {
        return;
    }
    let Some(shown) = level_of(stated)
        .iter()
        .filter_map(|&k| stated.get(k))
        .map(|s| t!(msg::LEVEL_ITEM, s.limit.as_ref(), s.code))
        .reduce(|a, b| t!(msg::AND, a, b))
    else {
        return;
    };
    c.fault(
        Severity::Warning,
        || path,
        || t!(msg::NO_GRADE_HOLDS, shown),
        Loc::key(),
    );
}

fn check_standard(c: &mut Checker, i: usize, s: &PlanStandard) {
    let code = &s.standard.code;
    if s.standard.superseded_by.as_ref() == Some(code) {
        c.error(
            || format!("standards[{i}].superseded-by"),
            || t!(msg::SUPERSEDED_BY_ITSELF, code.to_string()),
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
            || t!(msg::ADOPTS_ITSELF, code.to_string()),
            Loc::key_of(format!("standards[{i}].adoption")),
        );
    }
    if s.role == Role::Benchmark && s.standard.status == Status::Withdrawn {
        let by = s
            .standard
            .superseded_by
            .as_ref()
            .filter(|b| *b != code)
            .map(|b| b.to_string());
        c.fault(
            Severity::Warning,
            || format!("standards[{i}].status"),
            || match by {
                Some(by) => t!(msg::WITHDRAWN_BY, code.to_string(), by),
                None => t!(msg::WITHDRAWN, code.to_string()),
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
        worst_interval: false,
    };

    // Standards: unique codes, one subject at most, at least one benchmark.
    let mut codes: BTreeMap<StandardCode, usize> = BTreeMap::new();
    for (i, s) in plan.standards.iter().enumerate() {
        let code = s.standard.code.clone();
        if let Some(&first) = codes.get(&code) {
            c.error(
                || format!("standards[{i}].code"),
                || t!(msg::LISTED_TWICE, code.to_string(), first),
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
            || t!(msg::SUBJECTS, subjects),
            Loc::key(),
        );
    }
    let benchmarks = plan
        .standards
        .iter()
        .filter(|s| s.role == Role::Benchmark)
        .count();
    if benchmarks == 0 {
        c.error(|| "standards".into(), || t!(msg::NO_BENCHMARK), Loc::key());
    }
    if plan.indicators.is_empty() {
        c.error(|| "indicators".into(), || t!(msg::NO_INDICATOR), Loc::key());
    }
    if plan.policy.leader_share <= rust_decimal::Decimal::ZERO
        || plan.policy.leader_share > rust_decimal::Decimal::ONE
    {
        c.error(
            || "policy.leader-share".into(),
            || t!(msg::SHARE_OUTSIDE, plan.policy.leader_share.to_string()),
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
        // Under `unstated = "leave-out"`, the core indicators a benchmark states.
        let counted = core.iter().filter(|(_, i)| tiers::counted(plan, i)).count();
        let count = u64::try_from(counted).unwrap_or(u64::MAX);
        let message = if core.is_empty() {
            Some(t!(msg::NO_CORE_MIN, n.to_string()))
        } else if (n == 0 || u64::from(n) > count) && counted < core.len() {
            Some(t!(tiers::msg::MIN_OUTSIDE_COUNTED, n.to_string(), count))
        } else if n == 0 || u64::from(n) > count {
            Some(t!(msg::MIN_OUTSIDE, n.to_string(), count))
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

    if let Some(v) = &plan.version {
        if v.trim().is_empty() || v.chars().any(char::is_control) {
            c.error(
                || "version".into(),
                || t!(msg::VERSION_TEXT, v.escape_debug().to_string()),
                Loc::value(),
            );
        }
    }

    // Indicators, each id to its first place (a band's selector is looked up here).
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, ind) in plan.indicators.iter().enumerate() {
        first.entry(ind.id.as_str()).or_insert(i);
    }
    check_attributes(&mut c, plan, &first);
    let mut stated: BTreeSet<StandardCode> = BTreeSet::new();
    for (i, ind) in plan.indicators.iter().enumerate() {
        if let Some(&f) = first.get(ind.id.as_str()).filter(|&&f| f != i) {
            c.error(
                || format!("indicators[{i}].id"),
                || t!(msg::ID_TWICE, ind.id.as_str(), f),
                Loc::value(),
            );
        }
        check_indicator(&mut c, plan, &first, i, ind, &codes, &mut stated);
    }

    // A leader by share needs core weight; by count, see leader-min-exceeding above.
    if plan.policy.leader_min_exceeding.is_none() && !plan.indicators.is_empty() {
        let negative = core.iter().any(|(_, ind)| ind.weight.is_sign_negative());
        // Under `unstated = "leave-out"`, the weight of the core indicators a benchmark states.
        let counted: Vec<&(usize, &Indicator)> = core
            .iter()
            .filter(|(_, i)| tiers::counted(plan, i))
            .collect();
        let weighed = counted
            .iter()
            .any(|(_, ind)| ind.weight > rust_decimal::Decimal::ZERO);
        if core.is_empty() {
            c.error(|| "indicators".into(), || t!(msg::NO_CORE), Loc::key());
        } else if counted.is_empty() {
            // Every core indicator left out: the tier check's `policy.unstated` fault.
        } else if let (Some((k, ind)), false, false, true) = (
            counted.first(),
            weighed,
            negative,
            counted.len() < core.len(),
        ) {
            c.error(
                || format!("indicators[{k}].weight"),
                || t!(tiers::msg::NO_COUNTED_WEIGHT, ind.weight.to_string()),
                Loc::key(),
            );
        } else if let (Some((k, ind)), false, false) = (core.first(), weighed, negative) {
            c.error(
                || format!("indicators[{k}].weight"),
                || t!(msg::NO_CORE_WEIGHT, ind.weight.to_string()),
                Loc::key(),
            );
        }
    }

    tiers::check_policy(&mut c, plan);

    for (i, s) in plan.standards.iter().enumerate() {
        if s.role == Role::Benchmark && !stated.contains(&s.standard.code) {
            c.error(
                || format!("standards[{i}]"),
                || t!(msg::STATES_NOTHING, s.standard.code.to_string()),
                Loc::value_of(format!("standards[{i}].code")),
            );
        }
    }
    c.report(source)
}

/// The declared attributes: ids unique among attributes and indicators, written as a products
/// column can name them; values declared, each once.
fn check_attributes(c: &mut Checker, plan: &Plan, indicators: &BTreeMap<&str, usize>) {
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    for (a, attribute) in plan.attributes.iter().enumerate() {
        let id = attribute.id.as_str();
        let path = || format!("attributes[{a}].id");
        if id.trim().is_empty() {
            c.error(path, || t!(msg::ATTRIBUTE_ID_EMPTY), Loc::value());
        } else if let Some(message) = id_fault(id) {
            c.error(path, || message, Loc::value());
        } else if id == "id" {
            c.error(path, || t!(msg::ATTRIBUTE_IS_ID), Loc::value());
        } else if let Some(&f) = ids.get(id) {
            c.error(path, || t!(msg::ATTRIBUTE_TWICE, id, f), Loc::value());
        } else if let Some(&k) = indicators.get(id) {
            c.error(
                path,
                || t!(msg::ATTRIBUTE_IS_INDICATOR, id, k),
                Loc::value(),
            );
        }
        ids.entry(id).or_insert(a);
        if attribute.values.is_empty() {
            c.error(
                || format!("attributes[{a}].values"),
                || t!(msg::ATTRIBUTE_NO_VALUES, id),
                Loc::key(),
            );
        }
        let mut values: BTreeMap<&str, usize> = BTreeMap::new();
        for (v, value) in attribute.values.iter().enumerate() {
            let path = || format!("attributes[{a}].values[{v}].id");
            let text = value.id.as_str();
            if text.trim().is_empty() {
                c.error(path, || t!(msg::VALUE_EMPTY), Loc::value());
            } else if let Some(message) = id_fault(text) {
                c.error(path, || message, Loc::value());
            } else if let Some(&f) = values.get(text) {
                c.error(path, || t!(msg::VALUE_TWICE, text, f), Loc::value());
            }
            values.entry(text).or_insert(v);
        }
    }
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
        c.error(|| format!("{base}.id"), || t!(msg::ID_EMPTY), Loc::value());
    } else if let Some(message) = id_fault(&ind.id) {
        c.error(|| format!("{base}.id"), || message, Loc::value());
    } else if ind.id == "id" {
        c.error(|| format!("{base}.id"), || t!(msg::ID_IS_ID), Loc::value());
    }
    if let Some(t) = ind.tolerance {
        let (crate::indicator::Tolerance::Absolute(d) | crate::indicator::Tolerance::Relative(d)) =
            t;
        if d.is_sign_negative() && !d.is_zero() {
            c.error(
                || format!("{base}.tolerance"),
                || t!(msg::TOLERANCE_NEGATIVE, t.to_string()),
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
                c.error(|| format!("{base}.unit"), || e, Loc::value());
                Err(())
            }
        },
    };
    let differences = ind.values_are_differences();
    if let (Some(kind), true, Ok(u)) = (ind.kind.as_deref(), differences, &unit) {
        match u {
            Some(u) if u.dimension() == crate::unit::Dimension::TEMPERATURE => {}
            Some(u) => c.error(
                || format!("{base}.kind"),
                || {
                    t!(
                        msg::DIFFERENCE_UNIT,
                        kind,
                        u.to_string(),
                        u.dimension().text()
                    )
                },
                Loc::value(),
            ),
            None => c.error(
                || format!("{base}.kind"),
                || t!(msg::DIFFERENCE_NO_UNIT, kind),
                Loc::value(),
            ),
        }
    }
    if ind.weight.is_sign_negative() {
        c.error(
            || format!("{base}.weight"),
            || t!(msg::WEIGHT_NEGATIVE, ind.weight.to_string()),
            Loc::key(),
        );
    }
    if let Some(t) = &ind.test_method {
        if let Err(e) = t.parse::<StandardCode>() {
            c.error(|| format!("{base}.test-method"), || e, Loc::value());
        }
    }
    // A limit and its set in the indicator's unit (`None` for the set when units are faulty);
    // a fault points at the limit, the value at `path`.
    let read_limit =
        |c: &mut Checker, path: &dyn Fn() -> String, text: &str| -> Option<(Limit, Option<Ends>)> {
            match text.parse::<Limit>() {
                Ok(limit) => {
                    match (limit.unit(), &unit) {
                        (Some(lu), Ok(Some(iu))) if !lu.is_compatible(iu) => {
                            c.error(
                                path,
                                || {
                                    t!(
                                        msg::LIMIT_UNIT_MISMATCH,
                                        text,
                                        lu.to_string(),
                                        lu.dimension().text(),
                                        iu.to_string(),
                                        iu.dimension().text()
                                    )
                                },
                                Loc::value(),
                            );
                            return None;
                        }
                        (Some(lu), Ok(None)) => {
                            c.error(
                                path,
                                || {
                                    t!(
                                        msg::LIMIT_NO_UNIT,
                                        text,
                                        lu.to_string(),
                                        lu.dimension().text()
                                    )
                                },
                                Loc::value(),
                            );
                            return None;
                        }
                        _ => {}
                    }
                    let ends = match &unit {
                        Ok(u) => match limit.ends_in(u.as_ref(), differences) {
                            Ok(ends) => Some(ends),
                            Err(e) => {
                                c.error(path, || e, Loc::value());
                                return None;
                            }
                        },
                        Err(()) => None,
                    };
                    direction_warning(c, path, ind.direction, &limit, text);
                    Some((limit, ends))
                }
                Err(e) => {
                    c.error(path, || e, Loc::value());
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
                c.error(path, || e, Loc::key());
                continue;
            }
        };
        if let Some(first) = seen.get(&code) {
            c.error(
                path,
                || t!(msg::STATED_TWICE, code_text, *first),
                Loc::key(),
            );
            continue;
        }
        let role = codes
            .get(&code)
            .and_then(|&k| plan.standards.get(k))
            .map(|s| s.role);
        if role.is_none() {
            c.error(path, || t!(msg::NOT_LISTED, code.to_string()), Loc::key());
        }
        stated.insert(code.clone());
        seen.insert(code, code_text.as_str());
        if qualitative {
            c.error(
                path,
                || t!(msg::QUALITATIVE_REQUIREMENT, limit_text.text()),
                Loc::value(),
            );
            continue;
        }
        let limit_text: std::borrow::Cow<'_, str> = match limit_text {
            crate::indicator::Requirement::Class(class) => {
                match class_requirement(ind, class, unit.as_ref().ok().and_then(|u| u.as_ref())) {
                    Ok(limit) => limit.into(),
                    Err(message) => {
                        c.error(path, || message, Loc::value());
                        continue;
                    }
                }
            }
            other => other.text().into(),
        };
        if let Some((limit, ends)) = read_limit(c, &path, &limit_text) {
            if let (Some(ends), Some(Role::Benchmark), Ok(u)) = (ends, role, &unit) {
                let accepted = crate::decision::accepted_ends(
                    &limit,
                    u.as_ref(),
                    ind.judgement,
                    ind.interval,
                    differences,
                );
                match accepted {
                    Ok(accepted) => benchmark.push(Stated {
                        code: code_text,
                        limit: limit_text,
                        ends,
                        accepted,
                    }),
                    Err(e) => c.error(path, || e, Loc::value()),
                }
            }
        }
    }
    if let Some((a, b)) = disjoint_pair(&benchmark) {
        if let (Some(a), Some(b)) = (benchmark.get(a), benchmark.get(b)) {
            c.error(
                || format!("{base}.requirements.\"{}\"", b.code),
                || {
                    t!(
                        msg::LEVEL_EMPTY,
                        a.code,
                        a.limit.as_ref(),
                        b.code,
                        b.limit.as_ref()
                    )
                },
                Loc::key(),
            );
        }
        // An empty level lies in no grade either: said once.
        benchmark.clear();
    }
    if qualitative && !ind.grades.is_empty() {
        c.error(
            || format!("{base}.grades"),
            || t!(msg::QUALITATIVE_GRADES),
            Loc::key(),
        );
    } else {
        let table = check_grades(
            c,
            &format!("{base}.grades"),
            &ind.grades,
            &read_limit,
            ind.direction,
        );
        if let (Some(table), None) = (table, &ind.bands) {
            level_in_no_grade(
                c,
                format!("{base}.grades"),
                &benchmark,
                &table,
                ind.direction,
            );
        }
        if ind.bands.is_some() && !ind.grades.is_empty() {
            c.error(
                || format!("{base}.grades"),
                || t!(msg::GRADES_AND_BANDS),
                Loc::key(),
            );
        }
    }
    if let Some(bands) = &ind.bands {
        if qualitative {
            c.error(
                || format!("{base}.bands"),
                || t!(msg::QUALITATIVE_BANDS),
                Loc::key(),
            );
        } else {
            let stating = Stating {
                codes,
                for_indicator: seen.keys().cloned().collect(),
                stated,
            };
            check_bands(
                c,
                plan,
                first,
                &base,
                ind,
                bands,
                benchmark,
                &read_limit,
                stating,
            );
        }
    }
}

/// What a band's requirements are checked against: the listed standards, those the indicator
/// states once for every band, and the standards stated anywhere (each benchmark must state
/// something).
struct Stating<'a> {
    codes: &'a BTreeMap<StandardCode, usize>,
    for_indicator: BTreeSet<StandardCode>,
    stated: &'a mut BTreeSet<StandardCode>,
}

/// A band's requirements, as the indicator's are checked: each standard listed, once, not
/// also stated for the indicator, its limit read in the indicator's unit. Returns the
/// benchmark requirements.
fn check_band_requirements<'p>(
    c: &mut Checker,
    plan: &Plan,
    path: &str,
    ind: &Indicator,
    band: &'p crate::indicator::Band,
    read_limit: &ReadLimit<'_>,
    stating: &mut Stating<'_>,
) -> Vec<Stated<'p>> {
    // The indicator's unit; one that does not read is reported on the indicator.
    let unit = ind.unit.as_deref().map(str::parse::<Unit>).transpose();
    let mut seen: BTreeMap<StandardCode, &str> = BTreeMap::new();
    let mut benchmark = Vec::new();
    for (code_text, limit_text) in &band.requirements {
        let path = || format!("{path}.requirements.\"{code_text}\"");
        let code = match code_text.parse::<StandardCode>() {
            Ok(code) => code,
            Err(e) => {
                c.error(path, || e, Loc::key());
                continue;
            }
        };
        if let Some(first) = seen.get(&code) {
            c.error(
                path,
                || t!(msg::STATED_TWICE, code_text, *first),
                Loc::key(),
            );
            continue;
        }
        let role = stating
            .codes
            .get(&code)
            .and_then(|&k| plan.standards.get(k))
            .map(|s| s.role);
        if role.is_none() {
            c.error(path, || t!(msg::NOT_LISTED, code.to_string()), Loc::key());
        }
        if stating.for_indicator.contains(&code) {
            c.error(path, || t!(msg::BAND_AND_INDICATOR, code_text), Loc::key());
        }
        stating.stated.insert(code.clone());
        seen.insert(code, code_text.as_str());
        if let Some((limit, Some(ends))) = read_limit(c, &path, limit_text) {
            if let (Some(Role::Benchmark), Ok(unit)) = (role, &unit) {
                let accepted = crate::decision::accepted_ends(
                    &limit,
                    unit.as_ref(),
                    ind.judgement,
                    ind.interval,
                    ind.values_are_differences(),
                );
                match accepted {
                    Ok(accepted) => benchmark.push(Stated {
                        code: code_text,
                        limit: limit_text.as_str().into(),
                        ends,
                        accepted,
                    }),
                    Err(e) => c.error(path, || e, Loc::value()),
                }
            }
        }
    }
    benchmark
}

/// A band selector as far as its conditions can be checked: its id and unit.
struct Selector<'p> {
    id: &'p str,
    unit: Option<Unit>,
    /// The selector's values are temperature differences.
    differences: bool,
}

/// What chooses the bands: an indicator (its conditions are limits) or a declared attribute
/// (its conditions are declared values).
enum Chooser<'p> {
    Indicator(Selector<'p>),
    Attribute(&'p crate::plan::Attribute),
}

#[allow(clippy::too_many_arguments)]
fn check_bands(
    c: &mut Checker,
    plan: &Plan,
    first: &BTreeMap<&str, usize>,
    base: &str,
    ind: &Indicator,
    bands: &Bands,
    benchmark: Vec<Stated<'_>>,
    read_limit: &ReadLimit<'_>,
    mut stating: Stating<'_>,
) {
    let by = format!("{base}.bands.by");
    let chosen = first
        .get(bands.by.as_str())
        .and_then(|&k| plan.indicators.get(k));
    let attribute = plan.attributes.iter().find(|a| a.id == bands.by);
    let selector = match chosen {
        None if attribute.is_some() => attribute.map(Chooser::Attribute),
        None => {
            c.error(
                || by,
                || t!(msg::SELECTOR_MISSING, bands.by.as_str()),
                Loc::value(),
            );
            None
        }
        Some(s) if s.id == ind.id => {
            c.error(|| by, || t!(msg::SELECTOR_SELF), Loc::value());
            None
        }
        Some(s) if s.direction == Direction::Qualitative => {
            c.error(
                || by,
                || t!(msg::SELECTOR_QUALITATIVE, s.id.as_str()),
                Loc::value(),
            );
            None
        }
        // A selector whose unit does not read is reported on the selector itself.
        Some(s) => match s.unit.as_deref().map(str::parse::<Unit>).transpose() {
            Ok(unit) => Some(Chooser::Indicator(Selector {
                id: &s.id,
                unit,
                differences: s.values_are_differences(),
            })),
            Err(_) => None,
        },
    };
    let graded = bands.bands.iter().position(|b| !b.grades.is_empty());
    if bands.bands.is_empty() {
        c.error(
            || format!("{base}.bands.bands"),
            || t!(msg::NO_BAND),
            Loc::key(),
        );
    }
    let mut conditions: Vec<(usize, &str, Ends)> = Vec::new();
    let mut values: BTreeMap<&str, usize> = BTreeMap::new();
    for (b, band) in bands.bands.iter().enumerate() {
        let path = format!("{base}.bands.bands[{b}]");
        match &selector {
            Some(Chooser::Attribute(a)) => {
                let value = band.when.trim();
                if !a.values.iter().any(|v| v.id == value) {
                    let declared: Vec<String> =
                        a.values.iter().map(|v| format!("\"{}\"", v.id)).collect();
                    c.error(
                        || format!("{path}.when"),
                        || t!(msg::NOT_A_VALUE, value, a.id.as_str(), declared.join(", ")),
                        Loc::value(),
                    );
                } else if let Some(&e) = values.get(value) {
                    c.error(
                        || format!("{path}.when"),
                        || t!(msg::BANDS_OVERLAP, value, e, value),
                        Loc::value(),
                    );
                } else {
                    values.insert(value, b);
                }
            }
            _ => match band.when.parse::<Limit>() {
                Err(e) => c.error(|| format!("{path}.when"), || e, Loc::value()),
                Ok(when) => {
                    if let Some(Chooser::Indicator(s)) = &selector {
                        if let Some(ends) =
                            condition(c, &format!("{path}.when"), &band.when, &when, s)
                        {
                            conditions.push((b, &band.when, ends));
                        }
                    }
                }
            },
        }
        if band.grades.is_empty() && band.requirements.is_empty() {
            c.error(|| path.clone(), || t!(msg::BAND_EMPTY), Loc::key());
        } else if let (Some(g), true) = (graded, band.grades.is_empty()) {
            c.error(
                || path.clone(),
                || t!(msg::BANDS_GRADED_MIXED, g),
                Loc::key(),
            );
        }
        let own = check_band_requirements(c, plan, &path, ind, band, read_limit, &mut stating);
        let mut level: Vec<Stated<'_>> = benchmark.clone();
        level.extend(own);
        if let Some((x, y)) = disjoint_pair(&level) {
            if let (Some(x), Some(y)) = (level.get(x), level.get(y)) {
                let (code, limit) = (y.code, &y.limit);
                let in_band = band.requirements.contains_key(code);
                c.error(
                    || {
                        if in_band {
                            format!("{path}.requirements.\"{code}\"")
                        } else {
                            format!("{base}.requirements.\"{code}\"")
                        }
                    },
                    || {
                        t!(
                            msg::LEVEL_EMPTY,
                            x.code,
                            x.limit.as_ref(),
                            code,
                            limit.as_ref()
                        )
                    },
                    Loc::key(),
                );
            }
            level.clear();
        }
        let table = check_grades(
            c,
            &format!("{path}.grades"),
            &band.grades,
            read_limit,
            ind.direction,
        );
        if let Some(table) = table {
            level_in_no_grade(c, format!("{path}.grades"), &level, &table, ind.direction);
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
                || t!(msg::BANDS_OVERLAP, *text, *e, *other_text),
                Loc::value(),
            );
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
        (Some(wu), None) => Some(t!(
            msg::CONDITION_NO_UNIT,
            text,
            wu.to_string(),
            wu.dimension().text(),
            selector.id
        )),
        (Some(wu), Some(su)) if !wu.is_compatible(su) => Some(t!(
            msg::CONDITION_UNIT_MISMATCH,
            text,
            wu.to_string(),
            wu.dimension().text(),
            selector.id,
            su.to_string(),
            su.dimension().text()
        )),
        _ => None,
    };
    let result: Result<Ends, Said> = match message {
        Some(m) => Err(m.into()),
        None => when
            .ends_in(selector.unit.as_ref(), selector.differences)
            .map_err(Said::from),
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
    if suspicious && !c.worst_interval {
        c.fault(
            Severity::Warning,
            path,
            || {
                if d == Direction::HigherIsBetter {
                    t!(msg::NO_LOWER_END, text, d.to_string())
                } else {
                    t!(msg::NO_UPPER_END, text, d.to_string())
                }
            },
            Loc::value(),
        );
    }
}

/// The limit a requirement stated as a class stands for, as text ([`crate::indicator::class_limit`]),
/// or what is wrong: no grades, grades by band, no grade of that name, a class open at its
/// worse end. A table whose grades do not read is taken as written (its faults are reported
/// on the grades).
fn class_requirement(ind: &Indicator, class: &str, unit: Option<&Unit>) -> Result<String, Text> {
    if ind.bands.is_some() {
        return Err(t!(msg::CLASS_BANDED, class));
    }
    if ind.grades.is_empty() {
        return Err(t!(msg::CLASS_NO_GRADES, class));
    }
    let names = || ind.grades.iter().map(|g| &g.name);
    let Some(k) = crate::indicator::grade_named(names(), class) else {
        return Err(t!(
            msg::CLASS_UNKNOWN,
            class,
            crate::indicator::grade_names(names())
        ));
    };
    let limits: Vec<Limit> = ind
        .grades
        .iter()
        .filter_map(|g| g.limit.parse().ok())
        .collect();
    let sets: Vec<Ends> = limits
        .iter()
        .map(|l| {
            l.ends_in(unit, ind.values_are_differences())
                .unwrap_or((l.lower(), l.upper()))
        })
        .collect();
    if limits.len() != ind.grades.len() {
        // A grade that does not read is reported on the grade; the class's own limit stands.
        return ind
            .grades
            .get(k)
            .map(|g| g.limit.clone())
            .ok_or_else(|| t!(msg::CLASS_NO_GRADES, class));
    }
    crate::indicator::class_limit(&limits, &sets, k, ind.direction)
        .map(|l| l.to_string())
        .ok_or_else(|| t!(msg::CLASS_OPEN, class))
}

type ReadLimit<'r> =
    dyn Fn(&mut Checker, &dyn Fn() -> String, &str) -> Option<(Limit, Option<Ends>)> + 'r;

/// Grades are listed best first, as a nested table (each grade's conforming set lies inside
/// the next one's) or as a table of intervals (no two grades have a value in common, each on
/// the worse side of the one before): which one the first two grades read say.
/// Returns the grades' sets in the indicator's unit when every grade reads and is in order.
fn check_grades(
    c: &mut Checker,
    base: &str,
    grades: &[Grade],
    read_limit: &ReadLimit<'_>,
    direction: Direction,
) -> Option<Vec<Ends>> {
    let mut table = Some(Vec::with_capacity(grades.len()));
    let mut previous: Option<(usize, Ends)> = None;
    // A table of intervals (`Some(true)`) or a nested one, from the first two grades read.
    let mut intervals: Option<bool> = None;
    let limit_of = |p: usize| grades.get(p).map(|x| x.limit.as_str()).unwrap_or_default();
    // Whether the first two grades, as written, have no value in common: a table of
    // intervals, whose worst grade is open at its worse end.
    let written = |k: usize| {
        grades
            .get(k)
            .and_then(|g| g.limit.parse::<Limit>().ok())
            .map(|l| (l.lower(), l.upper()))
    };
    let apart_as_written = match (written(0), written(1)) {
        (Some(a), Some(b)) => !ends_overlap(&a, &b),
        _ => false,
    };
    for (g, grade) in grades.iter().enumerate() {
        let path = || format!("{base}[{g}].limit");
        c.worst_interval = apart_as_written && g + 1 == grades.len();
        let read = read_limit(c, &path, &grade.limit);
        c.worst_interval = false;
        let Some((limit, ends)) = read else {
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
            let apart = *intervals.get_or_insert(!ends_overlap(prev, &ends));
            if apart {
                if !ends_overlap(prev, &ends)
                    && !matches!(
                        direction,
                        Direction::LowerIsBetter | Direction::HigherIsBetter
                    )
                {
                    c.error(
                        path,
                        || {
                            t!(
                                msg::INTERVALS_DIRECTION,
                                g,
                                grade.limit.as_str(),
                                *p,
                                limit_of(*p),
                                direction.as_str()
                            )
                        },
                        Loc::value(),
                    );
                    table = None;
                } else if !crate::indicator::worse_side(prev, &ends, direction) {
                    c.error(
                        path,
                        || {
                            t!(
                                msg::INTERVALS_ORDER,
                                grade.limit.as_str(),
                                *p,
                                limit_of(*p),
                                direction.as_str()
                            )
                        },
                        Loc::value(),
                    );
                    table = None;
                }
            } else if !ends_inside(prev, &ends) {
                let message = if ends_overlap(prev, &ends) && !ends_inside(&ends, prev) {
                    t!(
                        msg::GRADES_OVERLAP,
                        g,
                        grade.limit.as_str(),
                        *p,
                        limit_of(*p)
                    )
                } else {
                    t!(msg::GRADES_ORDER, grade.limit.as_str(), *p, limit_of(*p))
                };
                c.error(path, || message, Loc::value());
                table = None;
            } else if ends_inside(&ends, prev) {
                c.error(path, || t!(msg::GRADE_SAME, g, *p), Loc::value());
                table = None;
            }
        }
        previous = Some((g, ends));
    }
    table
}
