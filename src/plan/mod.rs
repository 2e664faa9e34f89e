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
mod check;
pub mod policy;
mod schema;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub(crate) use crate::schema_text::DecimalText;
pub(crate) use crate::text::{json_error, line_col, one_line, quote_at};
pub use check::{Fault, Report, Severity};
pub use policy::{MissingPolicy, Policy};
pub use schema::plan_json_schema;

use crate::error::Error;
use crate::indicator::Indicator;
use crate::limits::{json_depth, toml_depth, Limits};
use crate::number::clip;
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
    /// The standards, each with its role.
    pub standards: Vec<PlanStandard>,
    /// The indicators compared.
    pub indicators: Vec<Indicator>,
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
        limits.check_plan_text(text)?;
        let well_formed = check_version_toml(text, limits)?;
        let plan: Plan = toml::from_str(text).map_err(|e| {
            let message = one_line(e.message());
            let located = e.span().map(|s| {
                let (l, c) = line_col(text, s.start);
                // A fault of syntax is quoted; a fault of a field names the field itself.
                match quote_at(text, s.start, s.end) {
                    Some(q) if !well_formed => format!("line {l}, column {c}: {q}: {message}"),
                    _ => format!("line {l}, column {c}: {message}"),
                }
            });
            Error::invalid_plan(clip(located.unwrap_or_else(|| format!("plan: {message}"))))
        })?;
        limits.check_plan(&plan)?;
        Ok(plan)
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
        limits.check_plan_text(text)?;
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| Error::invalid_plan(json_error(text, &e)))?;
        limits.check_nesting("plan", json_depth(&value))?;
        if let Some(v) = value.get("schema_version") {
            version_ok(v.as_u64())?;
        }
        drop(value);
        // Read again from the text, so that a fault of a field has its line and column.
        let plan: Plan =
            serde_json::from_str(text).map_err(|e| Error::invalid_plan(json_error(text, &e)))?;
        limits.check_plan(&plan)?;
        Ok(plan)
    }

    /// Checks the plan's content and returns every fault and warning at once.
    pub fn check(&self) -> Report {
        check::check(self, None)
    }

    /// Like [`Plan::check`], locating each fault in `source` (the text the plan was read from)
    /// by line and column.
    pub fn check_in(&self, source: &str) -> Report {
        check::check(self, Some(source))
    }

    /// Serializes the plan as TOML.
    ///
    /// # Errors
    ///
    /// Never for plans read from text; kept fallible for the serializer's sake.
    pub fn to_toml_string(&self) -> Result<String, Error> {
        toml::to_string(self).map_err(|e| Error::invalid_plan(e.to_string()))
    }

    /// Serializes the plan as pretty JSON.
    ///
    /// # Errors
    ///
    /// As [`Plan::to_toml_string`].
    pub fn to_json_string(&self) -> Result<String, Error> {
        serde_json::to_string_pretty(self).map_err(|e| Error::invalid_plan(e.to_string()))
    }
}

fn version_ok(v: Option<u64>) -> Result<(), Error> {
    match v {
        Some(n) if SCHEMA_VERSIONS.iter().any(|&s| u64::from(s) == n) => Ok(()),
        _ => Err(Error::invalid_plan(format!(
            "schema_version {}: this build reads schema versions {}",
            v.map(|n| n.to_string())
                .unwrap_or_else(|| "(not a number)".to_owned()),
            SCHEMA_VERSIONS
                .iter()
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Reads the version first, so a future plan is refused for its version, not its fields; and
/// the nesting, so a deep document is refused for its depth. Returns whether the text is
/// well-formed TOML: syntax errors are left to the second reading, which locates them.
fn check_version_toml(text: &str, limits: &Limits) -> Result<bool, Error> {
    let Ok(table) = toml::from_str::<toml::Table>(text) else {
        return Ok(false);
    };
    limits.check_nesting("plan", toml_depth(&table))?;
    if let Some(v) = table.get("schema_version") {
        version_ok(v.as_integer().and_then(|i| u64::try_from(i).ok()))?;
    }
    Ok(true)
}
