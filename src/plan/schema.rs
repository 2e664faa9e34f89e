//! The JSON Schema of the plan file, generated from the plan model with `schemars` and committed
//! as `docs/schema/plan-v1.schema.json`.
//!
//! The schema describes what the readers accept (the *deserialize* side): fields with a default
//! are optional, unknown fields are refused where the reader refuses them. Values that the model
//! holds as parsed types but writes as text (standard numbers, decimals, rounding intervals,
//! tolerances, limits, units) are strings in the schema, with a pattern where a simple one is
//! exact enough and with examples. The schema checks the shape of a plan; [`Plan::check`] checks
//! its content (limits parse, units agree, standards are listed).
//!
//! [`Plan::check`]: super::Plan::check

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

use super::Plan;
use crate::indicator::Tolerance;
use crate::rounding::Interval;
use crate::standard::StandardCode;

/// The JSON Schema (draft 2020-12) of a plan, schema version 1, as pretty JSON ending in a
/// newline: the content of `docs/schema/plan-v1.schema.json`.
///
/// ```
/// let schema = duibiao::plan::plan_json_schema();
/// assert!(schema.contains("\"schema_version\""));
/// ```
pub fn plan_json_schema() -> String {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator()
        .into_root_schema_for::<Plan>();
    format!("{:#}\n", schema.as_value())
}

impl JsonSchema for StandardCode {
    fn schema_name() -> Cow<'static, str> {
        "StandardCode".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "duibiao::StandardCode".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "minLength": 1,
            "description": "A standard number (标准编号): Chinese national, industry, local, group and enterprise standards, ISO, IEC, ITU, EN, BS, DIN, ASTM, JIS …, with parts, years and amendments. Written variants (em dash, full-width forms, no space, two-digit years) are read and kept in one canonical form.",
            "examples": ["GB/T 8170-2008", "T/CZGX 001-2022", "Q/ABC 001-2024", "IEC 60335-2-84:2019", "ISO 9001:2015", "DB52/T 380-2017"]
        })
    }
}

impl JsonSchema for Interval {
    fn schema_name() -> Cow<'static, str> {
        "Interval".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "duibiao::rounding::Interval".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A rounding interval (修约间隔) k×10ⁿ with k = 1, 2 or 5, written as a decimal string.",
            "pattern": r"^\s*\+?[0-9]+(\.[0-9]+)?\s*$",
            "examples": ["0.1", "0.5", "0.02", "1", "20", "100"]
        })
    }
}

impl JsonSchema for Tolerance {
    fn schema_name() -> Cow<'static, str> {
        "Tolerance".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "duibiao::indicator::Tolerance".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "An equivalence tolerance, never negative: absolute in the indicator's unit (\"0.05\") or relative to the benchmark level with a percent sign (\"2 %\").",
            "pattern": r"^\s*\+?[0-9]+(\.[0-9]+)?\s*%?\s*$",
            "examples": ["0.05", "2 %"]
        })
    }
}
