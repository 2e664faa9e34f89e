//! The benchmarking plan (对标技术方案): standards with their roles, indicators with each
//! standard's requirement, grades, and the classification policy. Read from TOML (for people) or
//! JSON (for machines); [`Plan::check`] returns every fault at once, each with its path in the
//! plan and, for text files, its line and column.
//!
//! ```
//! use duibiao::plan::Plan;
//!
//! let plan = Plan::from_toml_str(r#"
//! schema_version = 1
//! category = { zh = "智能坐便器", en = "smart toilet" }
//!
//! [[standards]]
//! code = "Q/ABC 001-2024"
//! role = "subject"
//!
//! [[standards]]
//! code = "T/CZGX 001-2022"
//! role = "benchmark"
//! kind = "domestic-leading"
//!
//! [[indicators]]
//! id = "flush-water"
//! name = { zh = "冲洗平均用水量", en = "average flush water volume" }
//! unit = "L"
//! direction = "lower-is-better"
//! requirements = { "Q/ABC 001-2024" = "≤ 3.8 L", "T/CZGX 001-2022" = "≤ 4.0 L" }
//! "#)?;
//! assert!(plan.check().is_ok());
//! # Ok::<(), duibiao::Error>(())
//! ```

mod bounds;

/// The messages of reading a plan.
pub(crate) mod msg {
    crate::error::messages! {
        PLAN_BYTES = "the plan is {0} bytes, more than the {1} a plan may hold (limit `plan_bytes`)", "方案有 {0} 字节，超过方案允许的 {1} 字节（限额 `plan_bytes`）";
        PLAN_LONGER = "the plan is longer than {0} bytes, the most a plan may hold (limit `plan_bytes`)", "方案超过 {0} 字节，即方案允许的上限（限额 `plan_bytes`）";
        /// A plan file that could not be read, named as given.
        PLACE_PLAN_FILE = "plan \"{0}\"", "方案 \"{0}\"";
        SCHEMA_VERSION = "schema_version {0}: this build reads schema versions {1}", "schema_version {0}：本版本只能读取方案格式版本 {1}";
        SCHEMA_VERSION_WRITTEN = "schema_version {0}: not a schema version, which is a whole number such as 1 (this build reads schema versions {1})",
            "schema_version {0}：不是方案格式版本，版本应为整数，如 1（本版本只能读取方案格式版本 {1}）";
    }
}
pub(crate) mod check;
pub mod policy;
mod schema;
mod spans;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub(crate) use crate::schema_text::DecimalText;
pub(crate) use crate::text::{json_error, line_col, one_line, quote_at};
use crate::text::{reader_text, Reader};
pub use check::{Fault, Report, Severity};
pub use policy::{MissingPolicy, Policy, TierOn, TierRule, Unstated};
pub use schema::plan_json_schema;

use crate::error::{t, Error, ErrorKind, Text};
use crate::indicator::Indicator;
use crate::limits::{toml_depth, Limits};
use crate::standard::{Names, Standard};

/// The schema versions this build reads.
pub const SCHEMA_VERSIONS: &[u32] = &[1];

/// The largest plan text read at all (bytes): the default of [`Limits::plan_bytes`].
pub const MAX_PLAN_BYTES: usize = crate::limits::PLAN_BYTES;

/// The role of a standard in a plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Role {
    /// The enterprise's own standard (执行标准), the subject of the comparison.
    Subject,
    /// An advanced standard compared against (对标标准).
    Benchmark,
    /// Cited (a test method), neither subject nor benchmark.
    Reference,
}

/// A standard as a plan lists it: the standard and its role, in one table (`role` beside the
/// fields of [`Standard`]). Unknown fields are refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "A standard as the plan lists it: its role beside the fields of the standard. Unknown fields are refused."
)]
pub struct PlanStandard {
    /// Subject, benchmark or reference.
    pub role: Role,
    /// The standard.
    #[serde(flatten)]
    pub standard: Standard,
}

/// A declared categorical property of a product (`plant`: `new` or `existing`): a column of
/// the products file (a key of `values` in JSON), never judged; bands may be chosen by it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attribute {
    /// A short id, unique among indicators and attributes: the products column.
    pub id: String,
    /// The attribute's name.
    #[serde(default, skip_serializing_if = "Names::is_empty")]
    pub name: Names,
    /// The values a product may take, each once.
    pub values: Vec<AttributeValue>,
}

/// One declared value of an attribute.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttributeValue {
    /// The value as products write it (`new`).
    pub id: String,
    /// The value's name (`{ zh = "新建企业", en = "new plant" }`).
    #[serde(default, skip_serializing_if = "Names::is_empty")]
    pub name: Names,
}

/// A benchmarking plan (对标技术方案), schema version 1.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "duibiao plan, schema version 1")]
pub struct Plan {
    /// The version of the plan format; this build reads [`SCHEMA_VERSIONS`].
    #[schemars(
        description = "The version of the plan format: 1.",
        extend("const" = 1)
    )]
    pub schema_version: u32,
    /// The product category.
    pub category: Names,
    /// The plan's own version, free text on one line (`"2026-1"`), shown in reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The standards, each with its role.
    pub standards: Vec<PlanStandard>,
    /// The indicators compared.
    pub indicators: Vec<Indicator>,
    /// Declared categorical properties of a product (`plant`: new or existing), read from the
    /// products file and never judged: bands may be chosen by one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<Attribute>,
    /// The classification policy.
    #[serde(default)]
    pub policy: Policy,
}

impl Plan {
    /// Reads a plan from TOML.
    ///
    /// # Errors
    ///
    /// When the text is not a plan (TOML syntax, a missing or mistyped field, an unknown schema
    /// version), with line and column; when the plan holds more than [`Limits::default`]
    /// allows. Faults of content are found by [`Plan::check`].
    pub fn from_toml_str(text: &str) -> Result<Plan, Error> {
        Plan::from_toml_str_with(text, &Limits::default())
    }

    /// Reads a plan from TOML within `limits`.
    ///
    /// # Errors
    ///
    /// As [`Plan::from_toml_str`], with `limits` in place of the defaults.
    pub fn from_toml_str_with(text: &str, limits: &Limits) -> Result<Plan, Error> {
        toml_plan(text, limits, false).map(|(plan, _)| plan)
    }

    /// Reads a plan from JSON.
    ///
    /// # Errors
    ///
    /// As [`Plan::from_toml_str`].
    pub fn from_json_str(text: &str) -> Result<Plan, Error> {
        Plan::from_json_str_with(text, &Limits::default())
    }

    /// Reads a plan from JSON within `limits`.
    ///
    /// # Errors
    ///
    /// As [`Plan::from_toml_str`], with `limits` in place of the defaults.
    pub fn from_json_str_with(text: &str, limits: &Limits) -> Result<Plan, Error> {
        json_plan(text, limits, false).map(|(plan, _)| plan)
    }

    /// Reads a plan from TOML within `limits` and checks it, each fault located by line,
    /// column and span: what [`Plan::from_toml_str_with`] and [`Plan::check_in`] do together,
    /// with the text parsed once (the faults are located from the reader's own spans).
    ///
    /// ```
    /// use duibiao::{Limits, Plan};
    ///
    /// let text = "schema_version = 1\ncategory = { en = \"t\" }\nstandards = [{ code = \"GB/T 1-2000\", role = \"benchmark\" }]\n\n[[indicators]]\nid = \"a\"\ndirection = \"lower-is-better\"\nrequirements = { \"GB/T 1-2000\" = \"≤ 4,0\" }\n";
    /// let (plan, report) = Plan::read_toml(text, &Limits::default())?;
    /// let fault = &report.faults[0];
    /// assert_eq!(fault.path, r#"indicators[0].requirements."GB/T 1-2000""#);
    /// assert_eq!((fault.line, fault.column), (Some(8), Some(34)));
    /// let span = fault.span.unwrap();
    /// assert_eq!(&text[span.start..span.end], "\"≤ 4,0\"");
    /// assert_eq!(plan.indicators.len(), 1);
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Plan::from_toml_str_with`].
    pub fn read_toml(text: &str, limits: &Limits) -> Result<(Plan, Report), Error> {
        let (plan, spans) = toml_plan(text, limits, true)?;
        let report = plan.report(text, spans.as_ref(), limits);
        Ok((plan, report))
    }

    /// Reads a plan from JSON within `limits` and checks it, each fault located by line,
    /// column and span, as [`Plan::read_toml`] does for TOML.
    ///
    /// # Errors
    ///
    /// As [`Plan::from_json_str_with`].
    pub fn read_json(text: &str, limits: &Limits) -> Result<(Plan, Report), Error> {
        let (plan, spans) = json_plan(text, limits, true)?;
        let report = plan.report(text, spans.as_ref(), limits);
        Ok((plan, report))
    }

    /// Checks the plan's content and returns every fault and warning at once (the first
    /// [`Limits::faults`] of [`Limits::default`], with the count of the rest).
    pub fn check(&self) -> Report {
        self.check_with(&Limits::default())
    }

    /// Like [`Plan::check`], keeping the first `limits.faults` faults.
    pub fn check_with(&self, limits: &Limits) -> Report {
        check::check(self, None, limits.faults)
    }

    /// Like [`Plan::check`], locating each fault in `source` (the text the plan was read from,
    /// TOML, or JSON when it begins with `{`) by line, column and span. The text is read once
    /// more, for its spans; [`Plan::read_toml`] and [`Plan::read_json`] read it only once. A
    /// text beyond [`Limits::plan_bytes`] or [`Limits::values`] of [`Limits::default`] is not
    /// read again: its faults come without their place.
    pub fn check_in(&self, source: &str) -> Report {
        let limits = Limits::default();
        let json = source
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('{');
        // A text beyond the readers' limits is not read again for its spans: the faults are
        // given without their place.
        let bounded =
            limits.check_plan_text(source).is_ok() && limits.check_values(source, json).is_ok();
        let spans = if !bounded {
            None
        } else if json {
            spans::scan_json(source, true).and_then(|s| s.spans)
        } else {
            toml_edit::ImDocument::parse(source)
                .ok()
                .map(|doc| spans::Spans::of_toml(&doc))
        };
        self.report(source, spans.as_ref(), &limits)
    }

    fn report(&self, text: &str, spans: Option<&spans::Spans>, limits: &Limits) -> Report {
        let source = spans.map(|spans| check::Source { text, spans });
        check::check(self, source.as_ref(), limits.faults)
    }

    /// Serializes the plan as TOML.
    ///
    /// # Errors
    ///
    /// Never for plans read from text; kept fallible for the serializer's sake.
    pub fn to_toml_string(&self) -> Result<String, Error> {
        toml::to_string(self).map_err(|e| {
            Error::invalid_plan(t!(
                crate::text::msg::TOML_WRITER_SAYS,
                one_line(&e.to_string())
            ))
        })
    }

    /// Serializes the plan as pretty JSON.
    ///
    /// # Errors
    ///
    /// As [`Plan::to_toml_string`].
    pub fn to_json_string(&self) -> Result<String, Error> {
        serde_json::to_string_pretty(self).map_err(|e| {
            Error::invalid_plan(t!(
                crate::text::msg::JSON_WRITER_SAYS,
                one_line(&e.to_string())
            ))
        })
    }
}

/// Reads a plan file: JSON when its name ends in `.json`, else TOML, within `limits`, and
/// checks it as [`Plan::read_toml`] does. The file is measured before it is read: one larger
/// than [`Limits::plan_bytes`] is refused without reading it (and a pipe is read no further
/// than one byte past the limit).
///
/// # Errors
///
/// When the file cannot be read, is too large, or is not a plan, the message beginning with
/// the file's name.
pub fn read_file(path: &std::path::Path, limits: &Limits) -> Result<(Plan, Report), Error> {
    read_file_with_text(path, limits).map(|(plan, report, _)| (plan, report))
}

/// Like [`read_file`], also returning the plan's text as read (decoded), so that a caller can
/// show each fault's line ([`Fault::span`]) without reading the file twice (a pipe can be read
/// only once).
///
/// # Errors
///
/// As [`read_file`].
pub fn read_file_with_text(
    path: &std::path::Path,
    limits: &Limits,
) -> Result<(Plan, Report, String), Error> {
    let shown = path.display().to_string();
    let text = read_bounded(path, &shown, limits)?;
    let read = if path.extension().is_some_and(|e| e == "json") {
        Plan::read_json(&text, limits)
    } else {
        Plan::read_toml(&text, limits)
    };
    let (plan, report) = read.map_err(|e| e.context(shown))?;
    Ok((plan, report, text))
}

/// The text of a plan file, measured first.
fn read_bounded(path: &std::path::Path, shown: &str, limits: &Limits) -> Result<String, Error> {
    use std::io::Read;
    let io = |e: std::io::Error| {
        Error::invalid_plan(crate::text::io_text(&e)).place(t!(msg::PLACE_PLAN_FILE, shown))
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let too_large = |message: Text| Error::invalid_plan(message).context(shown);
    let most = u64::try_from(limits.plan_bytes).unwrap_or(u64::MAX);
    let metadata = file.metadata().map_err(io)?;
    if metadata.is_file() && metadata.len() > most {
        return Err(too_large(t!(
            msg::PLAN_BYTES,
            metadata.len(),
            limits.plan_bytes
        )));
    }
    // A pipe, or a file that grew: read one byte past the limit at most.
    let mut bytes = Vec::new();
    file.take(most.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() > limits.plan_bytes {
        return Err(too_large(t!(msg::PLAN_LONGER, limits.plan_bytes)));
    }
    // UTF-8 (with or without a byte order mark), UTF-16 with one, or GB18030, detected.
    crate::encoding::Encoding::Auto
        .decode(&bytes)
        .map_err(|e| e.context(shown))
}

/// Reads a TOML plan: the text parsed once into a document that keeps its spans; nesting and
/// version checked on it; the plan read from it; its spans indexed when `index`.
fn toml_plan(
    text: &str,
    limits: &Limits,
    index: bool,
) -> Result<(Plan, Option<spans::Spans>), Error> {
    limits.check_plan_text(text)?;
    limits.check_values(text, false)?;
    // The reader's place (line, column, span) added to an error of the reader or of a field.
    let located = |error: Error, span: Option<std::ops::Range<usize>>, quote: bool| {
        let error = error.with_kind(ErrorKind::Plan);
        match span {
            Some(s) => {
                let (l, c) = line_col(text, s.start);
                // A fault of syntax is quoted; a fault of a field names the field itself.
                let error = match quote_at(text, s.start, s.end) {
                    Some(q) if quote => error.place(t!(crate::text::msg::QUOTE, q)),
                    _ => error,
                };
                // The span travels with the error, for callers that point at the text themselves.
                error
                    .place(t!(crate::error::msg::PLACE_LINE_COLUMN, l, c))
                    .at(crate::error::Span::new(s.start, s.end, l, c))
            }
            None => error.place(t!(crate::error::msg::PLACE_PLAN)),
        }
    };
    let doc = toml_edit::ImDocument::parse(text).map_err(|e| {
        let said = Error::invalid_plan(reader_text(Reader::Toml, e.message()));
        located(said, e.span(), true)
    })?;
    limits.check_nesting("plan", toml_depth(doc.as_item()))?;
    // The version first, so a future plan is refused for its version, not its fields.
    if let Some(v) = doc.get("schema_version") {
        let written = v
            .as_value()
            .map_or_else(|| "a table".to_owned(), |v| v.to_string());
        version_ok(
            written.trim(),
            v.as_integer().and_then(|i| u64::try_from(i).ok()),
        )?;
    }
    let spans = index.then(|| spans::Spans::of_toml(&doc));
    let plan = Plan::deserialize(toml_edit::de::Deserializer::from(doc)).map_err(|e| {
        // A field's own error (a limit, a unit, a decimal) comes back whole, in every
        // language; serde's and the reader's words are written again or quoted.
        let message = one_line(e.message());
        let said = Error::from_serde(&message)
            .unwrap_or_else(|| Error::invalid_plan(reader_text(Reader::Toml, &message)));
        located(said, e.span(), false)
    })?;
    limits.check_plan(&plan)?;
    Ok((plan, spans))
}

/// Reads a JSON plan: one scan for nesting and version (no tree is built), the plan read from
/// the text, then, when `index`, a scan for the spans of the plan read.
fn json_plan(
    text: &str,
    limits: &Limits,
    index: bool,
) -> Result<(Plan, Option<spans::Spans>), Error> {
    limits.check_plan_text(text)?;
    limits.check_values(text, true)?;
    let refused = |e: serde_json::Error| json_error(text, &e);
    match spans::scan_json(text, false) {
        Some(scan) => {
            limits.check_nesting("plan", scan.depth)?;
            if let Some(v) = scan.schema_version.and_then(|r| text.get(r)) {
                version_ok(v.trim(), v.trim().parse::<u64>().ok())?;
            }
        }
        // Not JSON: its reader says where, reading nothing into memory.
        None => {
            serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(refused)?;
        }
    }
    let plan: Plan = serde_json::from_str(text).map_err(refused)?;
    limits.check_plan(&plan)?;
    let spans = if index {
        spans::scan_json(text, true).and_then(|s| s.spans)
    } else {
        None
    };
    Ok((plan, spans))
}

/// The schema version as written (`1`, `1.0`, `"1"`), and read as a whole number if it is one.
fn version_ok(written: &str, v: Option<u64>) -> Result<(), Error> {
    let versions = SCHEMA_VERSIONS
        .iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    match v {
        Some(n) if SCHEMA_VERSIONS.iter().any(|&s| u64::from(s) == n) => Ok(()),
        Some(n) => Err(Error::invalid_plan(t!(msg::SCHEMA_VERSION, n, versions))),
        None => Err(Error::invalid_plan(t!(
            msg::SCHEMA_VERSION_WRITTEN,
            written,
            versions
        ))),
    }
}
