//! duibiao (对标)
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod error;
mod number;
pub mod standard;

pub use error::Error;
pub use standard::{
    Adoption, AdoptionDegree, Amendment, AmendmentKind, Family, Level, Names, Standard,
    StandardCode, StandardCodeParts, StandardKind, Status,
};
