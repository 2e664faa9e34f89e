//! duibiao (对标): judge products and product standards against advanced standards.
//!
//! China's benchmarking campaign (对标达标提升专项行动) compares the standard an enterprise
//! implements (执行标准) and the products made to it with advanced standards, indicator by
//! indicator, and names leaders (领跑者), followers (跟跑者) and the gaps to close. Testing labs
//! judge measured values against limits with the rules of GB/T 8170-2008. This crate does that
//! work exactly, over [`rust_decimal::Decimal`]: no binary floating point on any decision path,
//! and the digits a limit was written with are kept (`97.0` and `97` are different limits).
//!
//! # Example
//!
//! ```
//! use duibiao::decision::{evidence, Conformity, Method};
//! use duibiao::rounding::{Interval, Rounding, RoundingMode};
//! use duibiao::Limit;
//!
//! // Rounding (数值修约, GB/T 8170-2008 clause 3): half to even, once, by magnitude.
//! let ten: Interval = "10".parse()?;
//! assert_eq!(ten.round("-355".parse()?)?.to_string(), "-360");
//! let up = Rounding::new("1".parse()?).mode(RoundingMode::Up); // 只进不舍
//! assert_eq!(up.round("12.01".parse::<rust_decimal::Decimal>()?)?.to_string(), "13");
//!
//! // Limits (极限数值, clause 4.2) are conforming sets, read from the forms standards use.
//! let tensile: Limit = "≥ 14×100 MPa".parse()?;
//!
//! // Judgement (clause 4.3): full-value (全数值比较法) or rounded-value (修约值比较法).
//! let e = evidence("1351".parse::<rust_decimal::Decimal>()?, &tensile, Method::RoundedValue, None)?;
//! assert_eq!(e.rounded.map(|r| r.to_string()).as_deref(), Some("1400"));
//! assert_eq!(e.outcome, Conformity::Pass);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! New to benchmarking or to the crate? Start with the [`guide`]: the job in five minutes,
//! then every concept (quantity → limit → judgement → indicator → plan → engine → verdict →
//! ranking → report) with an example.
//!
//! # Overview
//!
//! | module | what it holds |
//! |---|---|
//! | [`rounding`] | rounding intervals k×10ⁿ, half-to-even and one-direction modes, reported values with (+)/(−) marks |
//! | [`limit`] | [`Limit`]: the conforming set of a requirement, parsed from symbols, Chinese and English |
//! | [`decision`] | judging a value: full-value and rounded-value comparison, decision rules with measurement uncertainty (ILAC-G8: guarded acceptance / rejection, non-binary), with evidence |
//! | [`unit`](mod@unit) | the unit table with exact factors checked against uom, [`Quantity`], conversions, quantity kinds |
//! | [`Measurement`] | a value as labs report it: `16.5(+)`, `3.9 ± 0.1 L`, `4800 mL` |
//! | [`rank`] | ranking peers of one category by score and choosing leaders (公开—排行—领跑) |
//! | [`report`] | reports over verdicts and a ranking: Markdown, CSV, JSON, labels in Chinese, English or both |
//! | [`standard`] | [`StandardCode`] (GB/T 8170-2008, ISO 9001:2015, ASTM D3745/D3745M-95(2015)e1 …) and [`Standard`] |
//!
//! # What the crate does not do
//!
//! - It never rounds silently: text with more than 28 significant digits is refused,
//!   arithmetic that would overflow returns an [`Error`], and a unit conversion is exact or
//!   refused, except where the ratio of the units does not terminate as a decimal (°F → K,
//!   km/h → m/s): then it is rounded once to 28 significant digits, never to 0
//!   (`docs/units.md`).
//! - It never reads without bound: plan and products files, numbers, units and limit text
//!   have limits far beyond real plans ([`Limits`], `docs/limits.md`), and a reader refuses
//!   input beyond them with a message naming the limit rather than processing it.
//! - It never guesses a form that a standard leaves open: `10以上` (is 10 included?) and
//!   `4,0` (a decimal comma or a thousands separator?) are refused with a message.
//!
//! # Features
//!
//! - `cli` (default): the `duibiao` command-line tool (clap, indicatif; and `xlsx`). Library
//!   users can turn it off with `default-features = false`.
//! - `rayon`: `Classifier::class_batch_parallel` judges batches on every core, results
//!   in input order.
//! - `xlsx` (on with `cli`): products from Excel workbooks, `product::CsvRows::xlsx` and
//!   `stream::Source::xlsx` (calamine).
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::string_slice
    )
)]

mod encoding;
mod error;
mod limits;
mod measurement;
mod number;
mod schema_text;
mod text;
mod unique;

pub mod decision;
pub mod engine;
#[doc = include_str!("../docs/guide.md")]
pub mod guide {}
pub mod indicator;
pub mod limit;
pub mod model;
pub mod plan;
pub mod product;
pub mod rank;
pub mod report;
pub mod rounding;
pub mod standard;
pub mod stream;
pub mod unit;
pub mod verdict;

pub use decision::{judge, judge_with, Conformity, DecisionRule, Judgement, Method};
pub use engine::Engine;
pub use error::{Error, ErrorKind, Lang, Span};
pub use indicator::{Direction, Indicator, IndicatorClass};
pub use limit::{Bound, Limit, Strictness};
pub use limits::Limits;
pub use measurement::Measurement;
pub use plan::Plan;
pub use product::Product;
pub use rounding::{Interval, ReportedValue, Rounding, RoundingMode};
pub use standard::{
    Adoption, AdoptionDegree, Amendment, AmendmentKind, Family, Level, Names, Standard,
    StandardCode, StandardCodeParts, StandardKind, Status,
};
pub use unit::{
    check_same_kind, convert_difference, convert_value, Converted, Dimension, Quantity,
    QuantityKind, Unit,
};
pub use verdict::{Class, Outcome, Verdict};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// Every message template of the crate, with its English and Chinese texts: what the catalogue
/// test reads. Not part of the stable API.
#[doc(hidden)]
pub fn __message_catalogue() -> Vec<&'static error::Msg> {
    let modules: &[&[&'static error::Msg]] = &[
        error::msg::ALL,
        number::msg::ALL,
        text::msg::ALL,
        unique::msg::ALL,
        measurement::msg::ALL,
        decision::msg::ALL,
        decision::rule::msg::ALL,
        indicator::msg::ALL,
        model::msg::ALL,
        engine::compile::msg::ALL,
        engine::evaluate::msg::ALL,
        engine::fast::msg::ALL,
        engine::rules::msg::ALL,
        engine::standards::msg::ALL,
        limit::msg::ALL,
        limit::parse::msg::ALL,
        rounding::msg::ALL,
        standard::msg::ALL,
        standard::code::msg::ALL,
        unit::dimension::msg::ALL,
        unit::kind::msg::ALL,
        unit::parse::msg::ALL,
        unit::quantity::msg::ALL,
        unit::uom_door::msg::ALL,
        encoding::msg::ALL,
        limits::msg::ALL,
        product::msg::ALL,
        #[cfg(feature = "xlsx")]
        product::xlsx::msg::ALL,
        plan::msg::ALL,
        plan::check::msg::ALL,
        plan::check::tiers::msg::ALL,
        rank::msg::ALL,
        rank::compact_msg::ALL,
        verdict::msg::ALL,
    ];
    modules.iter().flat_map(|m| m.iter().copied()).collect()
}

/// The nouns messages name what was read with (`limit "≥ abc"`), English and Chinese. Not part
/// of the stable API.
#[doc(hidden)]
pub fn __message_nouns() -> &'static [(&'static str, &'static str)] {
    error::NOUNS
}
