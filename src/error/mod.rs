//! The one error type of the crate.
//!
//! An [`Error`] has a public [`ErrorKind`] with a stable [`code`](ErrorKind::code), the places it
//! was found in (outermost first), where in a source text it is ([`Span`]), the path inside a
//! plan, and, for a plan that failed its check, every fault found. Its message follows one house
//! style: lower case, no full stop, the offending text quoted, where it was found first, then
//! what was expected, for example
//!
//! ```text
//! indicator "flush-water": limit "≤ 4,0 L": expected a number after "≤"
//! ```
//!
//! Every message is written from a template that has an English and a Chinese text
//! ([`Error::message`] with a [`Lang`]); `Display` writes the English one. Text quoted from the
//! input, and the messages of the TOML, JSON and CSV readers quoted inside a message, are shown
//! as they are in both languages.

use std::fmt;

mod lang;
pub use lang::Lang;

/// Where a fault is in a source text: the byte range, and the 1-based line and column (in
/// characters) of its start.
///
/// ```
/// let span = duibiao::Span::new(4, 7, 2, 1);
/// assert_eq!((span.start, span.end, span.line, span.column), (4, 7, 2, 1));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column of `start`, in characters.
    pub column: usize,
}

impl Span {
    /// A span of bytes `start..end` starting at `line`, `column`.
    pub fn new(start: usize, end: usize, line: usize, column: usize) -> Span {
        Span {
            start,
            end,
            line,
            column,
        }
    }
}

/// What kind of fault an [`Error`] is, with a stable [`code`](ErrorKind::code) that programs
/// can branch on. Kinds may be added in a minor release.
///
/// ```
/// use duibiao::ErrorKind;
/// let err = "≥ abc".parse::<duibiao::Limit>().unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Syntax);
/// assert_eq!(err.code(), "syntax");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Text that does not follow the grammar of what was being read (a limit, a number, a unit
    /// expression, a standard number).
    Syntax,
    /// Well-formed input holding a value the rules refuse (a rounding interval of 3, an
    /// inverted range).
    Invalid,
    /// A unit symbol that is not in the unit table.
    UnknownUnit,
    /// Quantities whose dimensions or kinds differ met.
    Incompatible,
    /// A plan file that cannot be read as a plan (syntax, a missing or mistyped field, an
    /// unknown schema version).
    Plan,
    /// A plan read, but whose check found faults; [`Error::faults`] lists them.
    Faults,
    /// Arithmetic beyond what a 96-bit decimal holds (28 significant digits).
    Overflow,
    /// A result a decimal cannot hold exactly where duibiao refuses to round.
    Inexact,
    /// Input beyond a documented bound ([`crate::Limits`]).
    Limit,
    /// A file that is not in a text encoding duibiao reads, or not in the one named.
    Encoding,
    /// The same thing given twice (a column, a key, a product id).
    Duplicate,
    /// A file or stream that could not be read.
    Io,
}

impl ErrorKind {
    /// Every kind, in code order.
    pub const ALL: &'static [ErrorKind] = &[
        ErrorKind::Syntax,
        ErrorKind::Invalid,
        ErrorKind::UnknownUnit,
        ErrorKind::Incompatible,
        ErrorKind::Plan,
        ErrorKind::Faults,
        ErrorKind::Overflow,
        ErrorKind::Inexact,
        ErrorKind::Limit,
        ErrorKind::Encoding,
        ErrorKind::Duplicate,
        ErrorKind::Io,
    ];

    /// The stable code of the kind: `syntax`, `invalid`, `unknown-unit`, `incompatible`,
    /// `plan`, `faults`, `overflow`, `inexact`, `limit`, `encoding`, `duplicate`, `io`.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::Syntax => "syntax",
            ErrorKind::Invalid => "invalid",
            ErrorKind::UnknownUnit => "unknown-unit",
            ErrorKind::Incompatible => "incompatible",
            ErrorKind::Plan => "plan",
            ErrorKind::Faults => "faults",
            ErrorKind::Overflow => "overflow",
            ErrorKind::Inexact => "inexact",
            ErrorKind::Limit => "limit",
            ErrorKind::Encoding => "encoding",
            ErrorKind::Duplicate => "duplicate",
            ErrorKind::Io => "io",
        }
    }

    /// A short title of the kind in `lang`.
    ///
    /// ```
    /// use duibiao::{ErrorKind, Lang};
    /// assert_eq!(ErrorKind::UnknownUnit.title(Lang::En), "unknown unit");
    /// assert_eq!(ErrorKind::UnknownUnit.title(Lang::Zh), "未知单位");
    /// ```
    pub fn title(self, lang: Lang) -> String {
        let (en, zh) = self.titles();
        match lang {
            Lang::Zh => zh.to_owned(),
            Lang::En => en.to_owned(),
            Lang::Both => format!("{zh} {en}"),
        }
    }

    fn titles(self) -> (&'static str, &'static str) {
        match self {
            ErrorKind::Syntax => ("syntax error", "格式错误"),
            ErrorKind::Invalid => ("value not allowed", "取值不允许"),
            ErrorKind::UnknownUnit => ("unknown unit", "未知单位"),
            ErrorKind::Incompatible => ("incompatible units", "单位量纲不符"),
            ErrorKind::Plan => ("not a plan", "不是有效的对标方案"),
            ErrorKind::Faults => ("faults in the plan", "对标方案有误"),
            ErrorKind::Overflow => ("arithmetic overflow", "数值溢出"),
            ErrorKind::Inexact => ("not exact", "无法精确表示"),
            ErrorKind::Limit => ("limit exceeded", "超出限额"),
            ErrorKind::Encoding => ("unreadable encoding", "文件编码无法读取"),
            ErrorKind::Duplicate => ("given twice", "重复"),
            ErrorKind::Io => ("cannot read", "无法读取"),
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A message template with its English and Chinese texts; `{0}`, `{1}` … are its arguments.
#[derive(Debug, PartialEq, Eq)]
#[doc(hidden)]
pub struct Msg {
    /// The template's name, unique in the crate (`duibiao::limit::parse::EXPECTED_NUMBER`).
    pub id: &'static str,
    /// The English text.
    pub en: &'static str,
    /// The Chinese text.
    pub zh: &'static str,
}

/// Declares message templates as constants (`NAME = "english {0}", "中文 {0}";`) and `ALL`, the
/// list of them, which the catalogue test reads.
macro_rules! messages {
    ($( $(#[$m:meta])* $name:ident = $en:literal, $zh:literal; )*) => {
        $(
            $(#[$m])*
            #[allow(dead_code)]
            pub(crate) const $name: &$crate::error::Msg = &$crate::error::Msg {
                id: concat!(module_path!(), "::", stringify!($name)),
                en: $en,
                zh: $zh,
            };
        )*
        /// Every template declared here.
        #[allow(dead_code)]
        pub(crate) const ALL: &[&$crate::error::Msg] = &[$($name),*];
    };
}
#[allow(unused_imports)]
pub(crate) use messages;

/// A message from a template: `t!(msg::NAME, arg, …)`.
macro_rules! t {
    ($msg:expr $(, $arg:expr)* $(,)?) => {
        $crate::error::Text::msg($msg, vec![$($crate::error::Arg::from($arg)),*])
    };
}
pub(crate) use t;

/// An argument of a template: text shown as it is, a message of its own, or an error's
/// message.
#[derive(Clone, Debug)]
pub(crate) enum Arg {
    Raw(String),
    Text(Text),
    Error(Box<Error>),
    /// Text already written in each language (a list of faults, each rendered in it).
    Each {
        en: String,
        zh: String,
    },
}

impl Arg {
    /// An argument written in English and in Chinese.
    pub(crate) fn each(en: String, zh: String) -> Arg {
        Arg::Each { en, zh }
    }
}

impl From<&Error> for Arg {
    fn from(e: &Error) -> Arg {
        Arg::Error(Box::new(e.clone()))
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Raw(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Raw(s.clone())
    }
}
impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Raw(s.to_owned())
    }
}
impl From<Text> for Arg {
    fn from(t: Text) -> Arg {
        Arg::Text(t)
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Raw(n.to_string())
    }
}
impl From<u64> for Arg {
    fn from(n: u64) -> Arg {
        Arg::Raw(n.to_string())
    }
}

/// Text in either language: a template with its arguments, or a place a caller of the crate
/// wrote ([`Error::context`]), shown as written in every language.
#[derive(Clone, Debug)]
pub(crate) enum Text {
    Raw(String),
    Msg(&'static Msg, Vec<Arg>),
}

impl Text {
    pub(crate) fn msg(msg: &'static Msg, args: Vec<Arg>) -> Text {
        Text::Msg(msg, args)
    }

    /// The text in `lang` (`Both` is written as Chinese).
    pub(crate) fn render(&self, lang: Lang) -> String {
        match self {
            Text::Raw(s) => s.clone(),
            Text::Msg(msg, args) => {
                let template = if lang == Lang::En { msg.en } else { msg.zh };
                fill(template, args, lang)
            }
        }
    }
}

/// `template` with `{0}` … replaced by the arguments rendered in `lang`.
fn fill(template: &str, args: &[Arg], lang: Lang) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let arg = after
            .split_once('}')
            .and_then(|(n, tail)| n.parse::<usize>().ok().map(|i| (i, tail)));
        match arg {
            Some((i, tail)) => {
                match args.get(i) {
                    Some(Arg::Raw(s)) => out.push_str(s),
                    Some(Arg::Text(t)) => out.push_str(&t.render(lang)),
                    Some(Arg::Error(e)) => out.push_str(&e.render(lang)),
                    Some(Arg::Each { en, zh }) => {
                        out.push_str(if lang == Lang::En { en } else { zh })
                    }
                    None => {}
                }
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The nouns that name what was being read (`limit "≥ abc"`), in English and Chinese.
pub(crate) const NOUNS: &[(&str, &str)] = &[
    ("limit", "限值"),
    ("number", "数值"),
    ("decimal", "小数"),
    ("unit", "单位"),
    ("value", "数值"),
    ("standard number", "标准编号"),
    ("rounding interval", "修约间隔"),
    ("rounding mode", "修约方式"),
    ("interval", "修约间隔"),
    ("language", "语言"),
    ("mark", "标记"),
    ("uncertainty", "不确定度"),
    ("coverage factor", "包含因子"),
    ("decision rule", "判定规则"),
    ("guard band factor", "保护带因子"),
    ("direction", "方向"),
    ("method", "判定方法"),
    ("share", "比例"),
    ("weight", "权重"),
    ("product", "产品"),
    ("products", "产品文件"),
    ("plan", "方案"),
    ("indicator", "指标"),
    ("standard", "标准"),
    ("status", "状态"),
    ("kind", "种类"),
    ("column", "列"),
    ("encoding", "编码"),
    ("adoption degree", "采用程度"),
    ("equivalence tolerance", "等同容差"),
    ("guard band", "保护带"),
    ("judgement method", "判定方法"),
    ("outcome", "判定结果"),
    ("product id", "产品编号"),
    ("quantity", "量值"),
    ("ranking", "排名"),
    ("ranking weights", "排名权重"),
    ("report", "报告"),
    ("reported value", "报出值"),
    ("row", "行"),
    ("requirement", "要求"),
    ("significant figures", "有效位数"),
    ("temperature", "温度"),
    ("grade-points", "等级分值"),
    ("margin-cap", "裕度上限"),
    ("margin-points", "裕度分值"),
    ("weights", "权重"),
    ("leaders.top", "领跑者名额"),
    ("leaders.share", "领跑者比例"),
];

fn noun(what: &str, lang: Lang) -> &str {
    if lang == Lang::En {
        return what;
    }
    NOUNS
        .iter()
        .find(|(en, _)| *en == what)
        .map_or(what, |(_, zh)| zh)
}

/// The crate's own templates (kinds' wordings that every module shares).
pub(crate) mod msg {
    messages! {
        LANGUAGE = "expected \"zh\", \"en\" or \"both\"", "应为 \"zh\"、\"en\" 或 \"both\"";
        UNKNOWN_UNIT = "unknown unit", "未知单位";
        UNKNOWN_UNIT_SUGGEST = "unknown unit, did you mean \"{0}\"?", "未知单位，是否应为 \"{0}\"？";
        OVERFLOW = "{0}: the result does not fit in 28 significant digits", "{0}：结果超出 28 位有效数字";
        FAULTS = "{0} faults in the plan, the first: {1}", "对标方案有 {0} 处错误，第一处：{1}";
        // Places, for `Error::place(t!(msg::PLACE_INDICATOR, id))`.
        PLACE_INDICATOR = "indicator \"{0}\"", "指标 \"{0}\"";
        PLACE_PRODUCT = "product \"{0}\"", "产品 \"{0}\"";
        PLACE_VALUE = "value \"{0}\"", "数值 \"{0}\"";
        PLACE_STANDARD = "standard \"{0}\"", "标准 \"{0}\"";
        PLACE_COLUMN = "column \"{0}\"", "列 \"{0}\"";
        PLACE_LINE = "line {0}", "第 {0} 行";
        PLACE_LINE_COLUMN = "line {0}, column {1}", "第 {0} 行第 {1} 列";
        PLACE_ENTRY = "entry {0}", "第 {0} 条";
        PLACE_PRODUCTS = "products", "产品文件";
        PLACE_STANDARDS = "standards", "标准文件";
        PLACE_PLAN = "plan", "方案";
        PLACE_ROW = "row {0}", "第 {0} 行";
        /// An entry of a products JSON array, counted from 0 as in `products[0]`.
        PLACE_PRODUCTS_ENTRY = "products[{0}]", "产品条目 products[{0}]";
    }
}

/// Everything that can go wrong in duibiao: malformed text, a value that is not allowed, units
/// that do not fit together, arithmetic beyond what a decimal holds, input beyond a limit.
///
/// The message names what was being read, where, the offending text and what was expected:
///
/// ```
/// use duibiao::{ErrorKind, Lang};
/// let err = "≥ abc".parse::<duibiao::Limit>().unwrap_err();
/// assert_eq!(err.to_string(), r#"limit "≥ abc": expected a number after "≥", found "abc""#);
/// assert_eq!(err.kind(), ErrorKind::Syntax);
/// assert!(err.is_syntax());
/// ```
#[derive(Clone)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Clone)]
struct Inner {
    kind: ErrorKind,
    /// Where the fault was found, outermost first (`indicator "flush-water"`, `line 3`).
    places: Vec<Text>,
    /// What was being read and the offending text: `limit "≥ abc"`.
    subject: Option<(&'static str, String)>,
    detail: Text,
    span: Option<Span>,
    path: Option<String>,
    faults: Vec<Error>,
}

impl Error {
    /// An error of `kind` saying `detail`.
    pub(crate) fn of(kind: ErrorKind, detail: impl Into<Text>) -> Self {
        Error {
            inner: Box::new(Inner {
                kind,
                places: Vec::new(),
                subject: None,
                detail: detail.into(),
                span: None,
                path: None,
                faults: Vec::new(),
            }),
        }
    }

    /// An error of `kind` from a template.
    pub(crate) fn new_msg(kind: ErrorKind, msg: &'static Msg, args: Vec<Arg>) -> Self {
        Error::of(kind, Text::msg(msg, args))
    }

    fn about(kind: ErrorKind, what: &'static str, input: &str, detail: Text) -> Self {
        let mut e = Error::of(kind, detail);
        e.inner.subject = Some((what, input.to_owned()));
        e
    }

    /// Text that does not follow the grammar of `what`.
    pub(crate) fn syntax(what: &'static str, input: &str, detail: impl Into<Text>) -> Self {
        Error::about(ErrorKind::Syntax, what, input, detail.into())
    }

    /// Well-formed `what` whose value the rules refuse.
    pub(crate) fn invalid(what: &'static str, input: &str, detail: impl Into<Text>) -> Self {
        Error::about(ErrorKind::Invalid, what, input, detail.into())
    }

    /// A unit symbol missing from the unit table, with the nearest known spelling if any.
    pub(crate) fn unknown_unit(input: &str, suggestion: Option<&str>) -> Self {
        let detail = match suggestion {
            Some(s) => t!(msg::UNKNOWN_UNIT_SUGGEST, s),
            None => t!(msg::UNKNOWN_UNIT),
        };
        Error::about(ErrorKind::UnknownUnit, "unit", input, detail)
    }

    /// A result that a decimal cannot hold exactly, where rounding would be silent.
    pub(crate) fn inexact(detail: impl Into<Text>) -> Self {
        Error::of(ErrorKind::Inexact, detail)
    }

    /// Units or kinds that do not fit together.
    pub(crate) fn incompatible(detail: impl Into<Text>) -> Self {
        Error::of(ErrorKind::Incompatible, detail)
    }

    /// A plan file that is not a plan (syntax, fields, schema version).
    pub(crate) fn invalid_plan(detail: impl Into<Text>) -> Self {
        Error::of(ErrorKind::Plan, detail)
    }

    /// Arithmetic beyond 28 significant digits.
    pub(crate) fn overflow(detail: impl Into<Text>) -> Self {
        Error::of(ErrorKind::Overflow, t!(msg::OVERFLOW, detail.into()))
    }

    /// Input beyond a documented bound.
    #[allow(dead_code)]
    pub(crate) fn limit(detail: impl Into<Text>) -> Self {
        Error::of(ErrorKind::Limit, detail)
    }

    /// A plan whose check found `faults` (errors), the first of them shown in the message.
    #[allow(dead_code)]
    pub(crate) fn from_faults(faults: Vec<Error>) -> Self {
        let first = faults.first().map_or(Arg::Raw(String::new()), Arg::from);
        let mut e = Error::new_msg(
            ErrorKind::Faults,
            msg::FAULTS,
            vec![faults.len().into(), first],
        );
        e.inner.faults = faults;
        e
    }

    /// The same error listing `faults` ([`Error::faults`]), of kind [`ErrorKind::Faults`].
    pub(crate) fn with_faults(mut self, faults: Vec<Error>) -> Self {
        self.inner.kind = ErrorKind::Faults;
        self.inner.faults = faults;
        self
    }

    /// The same error with `kind` (a reader's error recognised as, say, an encoding fault).
    #[allow(dead_code)]
    pub(crate) fn with_kind(mut self, kind: ErrorKind) -> Self {
        self.inner.kind = kind;
        self
    }

    /// The same error located at `span` in its source text.
    #[allow(dead_code)]
    pub(crate) fn at(mut self, span: Span) -> Self {
        self.inner.span = Some(span);
        self
    }

    /// The same error at `path` inside a plan (`indicators[2].requirements."GB 1-2000"`).
    #[allow(dead_code)]
    pub(crate) fn at_path(mut self, path: impl Into<String>) -> Self {
        self.inner.path = Some(path.into());
        self
    }

    /// Adds an outer place to the error (`indicator "flush-water"`, `line 3`, a file name),
    /// printed before the places already there, the same in every language.
    ///
    /// ```
    /// let err = "≥ abc".parse::<duibiao::Limit>().unwrap_err().context("line 3");
    /// assert!(err.to_string().starts_with("line 3: limit \"≥ abc\""));
    /// ```
    #[must_use]
    pub fn context(mut self, place: impl Into<String>) -> Self {
        self.inner.places.insert(0, Text::Raw(place.into()));
        self
    }

    /// Adds an outer place written from a template, so that it reads in every language.
    #[allow(dead_code)]
    pub(crate) fn place(mut self, place: Text) -> Self {
        self.inner.places.insert(0, place);
        self
    }

    /// The kind of fault.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The stable code of the kind ([`ErrorKind::code`]).
    ///
    /// ```
    /// let err = "fathom".parse::<duibiao::Unit>().unwrap_err();
    /// assert_eq!(err.code(), "unknown-unit");
    /// ```
    pub fn code(&self) -> &'static str {
        self.inner.kind.code()
    }

    /// The message in `lang`: [`Lang::Zh`], [`Lang::En`] (what `Display` writes), or
    /// [`Lang::Both`], the Chinese message, then ` — ` and the English one.
    ///
    /// ```
    /// use duibiao::Lang;
    /// let err = "furlong".parse::<duibiao::Unit>().unwrap_err();
    /// assert_eq!(err.message(Lang::En), r#"unit "furlong": unknown unit"#);
    /// assert_eq!(err.message(Lang::Zh), r#"单位 "furlong"：未知单位"#);
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Both => format!("{} — {}", self.render(Lang::Zh), self.render(Lang::En)),
            one => self.render(one),
        }
    }

    fn render(&self, lang: Lang) -> String {
        let sep = if lang == Lang::En { ": " } else { "：" };
        let mut out = String::new();
        for place in &self.inner.places {
            out.push_str(&place.render(lang));
            out.push_str(sep);
        }
        if let Some((what, input)) = &self.inner.subject {
            out.push_str(noun(what, lang));
            out.push_str(" \"");
            out.push_str(input);
            out.push('"');
            out.push_str(sep);
        }
        out.push_str(&self.inner.detail.render(lang));
        out
    }

    /// Where in its source text the fault is, when the reader knew.
    pub fn span(&self) -> Option<Span> {
        self.inner.span
    }

    /// Where inside the plan the fault is (`indicators[2].requirements."GB 1-2000"`), when it
    /// is in a plan.
    pub fn path(&self) -> Option<&str> {
        self.inner.path.as_deref()
    }

    /// Every fault found, for an error of kind [`ErrorKind::Faults`] (a plan that failed its
    /// check); empty otherwise.
    pub fn faults(&self) -> &[Error] {
        &self.inner.faults
    }

    /// True when text did not follow the grammar of what was being read (a limit, a number, a
    /// unit expression, a standard number).
    pub fn is_syntax(&self) -> bool {
        self.inner.kind == ErrorKind::Syntax
    }

    /// True when well-formed input holds a value the rules refuse (a rounding interval of 3,
    /// an inverted range).
    pub fn is_invalid(&self) -> bool {
        self.inner.kind == ErrorKind::Invalid
    }

    /// True when a unit symbol is not in the unit table.
    pub fn is_unknown_unit(&self) -> bool {
        self.inner.kind == ErrorKind::UnknownUnit
    }

    /// True when two quantities of different dimensions or kinds met.
    pub fn is_incompatible(&self) -> bool {
        self.inner.kind == ErrorKind::Incompatible
    }

    /// True when a plan file could not be read as a plan, or its check found faults.
    pub fn is_plan(&self) -> bool {
        matches!(self.inner.kind, ErrorKind::Plan | ErrorKind::Faults)
    }

    /// True when arithmetic went beyond what a 96-bit decimal holds: a result beyond 28
    /// significant digits, or one it cannot hold exactly where duibiao refuses to round (a unit
    /// conversion whose exact result needs more than 28 decimal places or would round to 0).
    pub fn is_overflow(&self) -> bool {
        matches!(self.inner.kind, ErrorKind::Overflow | ErrorKind::Inexact)
    }
}

/// The errors that `Deserialize` impls handed to serde ([`Error::into_serde`]), waiting for
/// the reader that called serde to take them back ([`Error::from_serde`]). Per thread, as a
/// deserialization runs on the thread that asked for it; a few at most (an enum tried variant
/// by variant may stash one error per variant and swallow them all).
mod stash {
    use super::Error;
    use std::cell::RefCell;

    /// Errors kept at most; the oldest goes first.
    const MOST: usize = 8;

    thread_local! {
        static SLOT: RefCell<Vec<Error>> = const { RefCell::new(Vec::new()) };
    }

    pub(super) fn put(e: Error) {
        // Never a panic: a slot already borrowed or gone (the thread ending) keeps nothing,
        // and the reader falls back to the English text.
        let _ = SLOT.try_with(|slot| {
            if let Ok(mut errors) = slot.try_borrow_mut() {
                if errors.len() >= MOST {
                    errors.remove(0);
                }
                errors.push(e);
            }
        });
    }

    /// The newest error whose English message is `message`; every error is dropped.
    pub(super) fn take(message: &str) -> Option<Error> {
        SLOT.try_with(|slot| {
            let mut errors = slot.try_borrow_mut().ok()?;
            let found = errors
                .iter()
                .rposition(|e| e.render(super::Lang::En) == message);
            let e = found.map(|i| errors.swap_remove(i));
            errors.clear();
            e
        })
        .ok()
        .flatten()
    }
}

impl Error {
    /// The error as a serde error, for a `Deserialize` impl: serde carries its English message
    /// through the reader (TOML, JSON), and the error itself waits (per thread) for the reader
    /// to take it back with [`Error::from_serde`], so that it keeps every language.
    pub(crate) fn into_serde<E: serde::de::Error>(self) -> E {
        let text = self.render(Lang::En);
        stash::put(self);
        E::custom(text)
    }

    /// The error a `Deserialize` impl gave serde ([`Error::into_serde`]) whose English
    /// message is `message` (a reader's message without its position), if there is one; the
    /// errors waiting are dropped either way.
    pub(crate) fn from_serde(message: &str) -> Option<Error> {
        stash::take(message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// Prints the code and the message (and the span and path when known).
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Error");
        d.field("code", &self.code())
            .field("message", &self.render(Lang::En));
        if let Some(span) = &self.inner.span {
            d.field("span", span);
        }
        if let Some(path) = &self.inner.path {
            d.field("path", path);
        }
        if !self.inner.faults.is_empty() {
            d.field("faults", &self.inner.faults.len());
        }
        d.finish()
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value that refuses every text but "ok" with an error of the crate's own.
    #[derive(Debug)]
    struct Picky;

    impl<'de> serde::Deserialize<'de> for Picky {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Picky, D::Error> {
            let text = <String as serde::Deserialize>::deserialize(d)?;
            if text == "ok" {
                Ok(Picky)
            } else {
                Err(Error::invalid("mark", &text, t!(msg::LANGUAGE)).into_serde())
            }
        }
    }

    /// An enum whose variants are tried in turn, each stashing an error and swallowing it.
    #[derive(Debug, serde::Deserialize)]
    #[serde(untagged)]
    #[allow(dead_code)]
    enum Either {
        One(Picky),
        Two(Picky),
    }

    fn message(e: &serde_json::Error) -> String {
        let full = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        full.strip_suffix(&suffix).unwrap_or(&full).to_owned()
    }

    #[test]
    fn a_nested_error_comes_back_whole_in_every_language() {
        let e = serde_json::from_str::<Vec<Vec<Picky>>>(r#"[["ok"], ["ok", "fr"]]"#).unwrap_err();
        let back = Error::from_serde(&message(&e)).expect("stashed");
        assert_eq!(
            back.message(Lang::En),
            r#"mark "fr": expected "zh", "en" or "both""#
        );
        assert_eq!(
            back.message(Lang::Zh),
            r#"标记 "fr"：应为 "zh"、"en" 或 "both""#
        );
        // Taken once: the slot is empty after.
        assert!(Error::from_serde(&message(&e)).is_none());
    }

    #[test]
    fn of_several_errors_the_one_the_reader_reports_is_found_and_the_rest_dropped() {
        Error::invalid("mark", "a", t!(msg::LANGUAGE)).into_serde::<serde_json::Error>();
        Error::invalid("mark", "b", t!(msg::LANGUAGE)).into_serde::<serde_json::Error>();
        let a = Error::from_serde(r#"mark "a": expected "zh", "en" or "both""#).unwrap();
        assert_eq!(
            a.message(Lang::Zh),
            r#"标记 "a"：应为 "zh"、"en" 或 "both""#
        );
        assert!(Error::from_serde(r#"mark "b": expected "zh", "en" or "both""#).is_none());
    }

    #[test]
    fn a_message_no_error_of_ours_wrote_finds_none_and_the_reader_keeps_its_text() {
        // The untagged enum stashes one error per variant, then reports its own words.
        let e = serde_json::from_str::<Either>(r#""fr""#).unwrap_err();
        assert!(Error::from_serde(&message(&e)).is_none(), "{e}");
        // The slot was emptied: the swallowed errors are gone.
        assert!(Error::from_serde(r#"mark "fr": expected "zh", "en" or "both""#).is_none());
    }

    #[test]
    fn the_slot_holds_a_few_errors_at_most() {
        for i in 0..100usize {
            Error::invalid("mark", &i.to_string(), t!(msg::LANGUAGE))
                .into_serde::<serde_json::Error>();
        }
        assert!(Error::from_serde(r#"mark "0": expected "zh", "en" or "both""#).is_none());
        for i in 0..100usize {
            Error::invalid("mark", &i.to_string(), t!(msg::LANGUAGE))
                .into_serde::<serde_json::Error>();
        }
        assert!(Error::from_serde(r#"mark "99": expected "zh", "en" or "both""#).is_some());
    }
}
