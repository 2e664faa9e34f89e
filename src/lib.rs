//! duibiao (对标)
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod error;
mod number;
pub mod unit;

pub use error::Error;
pub use unit::{
    check_same_kind, convert_difference, convert_value, Dimension, Quantity, QuantityKind, Unit,
};
