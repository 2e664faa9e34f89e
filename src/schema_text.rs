//! Schema placeholders for the text fields of the file model (a decimal, a limit, a unit
//! written as text), shared by `indicator` and `plan`.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

/// The schema of a decimal written as a string (`"2"`, `"0.5"`); for
/// `#[schemars(with = "DecimalText")]` on `Decimal` fields.
pub(crate) struct DecimalText;

impl JsonSchema for DecimalText {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "DecimalText".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "An exact decimal written as a string; a JSON number is refused, so no digit is lost to binary floating point.",
            "pattern": r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$",
            "examples": ["1", "2", "0.5"]
        })
    }
}

/// The schema of a limit written as text (`≤ 4.0 L`), read by [`crate::Limit`]'s parser.
pub(crate) struct LimitText;

impl JsonSchema for LimitText {
    fn schema_name() -> Cow<'static, str> {
        "LimitText".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "duibiao::plan::LimitText".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "minLength": 1,
            "description": "A limit (极限数值) as a standard writes it: a one-sided bound, a range or a nominal value with deviations, in symbols, Chinese or English, optionally with a unit. The digits written are significant: 97.0 asks for a value to 0.1. Every form is listed in docs/rules.md §2.",
            "examples": ["≤ 4.0 L", "≥ 97.0 %", "10.0 ± 0.1 mm", "≥ 14×100 MPa", "不小于 5.00", ">4500 ~ 7100 W"]
        })
    }
}

/// The schema of a unit written as text (`L`, `W·h/(W·h)`).
pub(crate) struct UnitText;

impl JsonSchema for UnitText {
    fn schema_name() -> Cow<'static, str> {
        "UnitText".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "duibiao::plan::UnitText".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "minLength": 1,
            "description": "A unit from the unit table (docs/units.md) or an expression over its symbols: products with · or *, quotients with /, powers as m², m2, m^2 or m**2; the Chinese name is accepted too.",
            "examples": ["L", "W", "mA", "°C", "%", "MPa", "dB(A)", "W·h/(W·h)", "W/(m·K)"]
        })
    }
}

/// The JSON Schema (draft 2020-12) of an output type `T`, as pretty JSON ending in a newline:
/// what a reader of that output accepts (fields with a default are optional; unknown fields
/// are not refused). The content of a `docs/schema/*-v1.schema.json` file.
pub(crate) fn output_json_schema<T: JsonSchema>() -> String {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator()
        .into_root_schema_for::<T>();
    format!("{:#}\n", schema.as_value())
}
