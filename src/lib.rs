//! duibiao (对标)
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod error;
mod number;

pub use error::Error;
pub mod rounding;

pub use rounding::{Interval, ReportedValue, Rounding, RoundingMode};
pub mod limit;
pub use limit::{Bound, Limit};
pub mod decision;
pub use decision::{judge, Conformity, Method};
