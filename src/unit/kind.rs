//! Quantity kinds: names that keep apart quantities of one dimension (APF, SEER, EER and COP
//! are all W/W) so that they never compare.

use std::fmt;

use crate::error::{t, Error};

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        KINDS = "cannot compare {0} with {1}", "不能比较 {0} 与 {1}";
        KINDS_DIMENSIONS = "cannot compare {0} ({1}) with {2} ({3})", "不能比较 {0}（{1}）与 {2}（{3}）";
    }
}

use super::{Dimension, Unit};

/// A kind of quantity (量的种类): a name over a dimension, such as `APF` over W/W.
///
/// Two quantities compare only when their kinds agree: equal dimensions are not enough.
///
/// ```
/// use duibiao::QuantityKind;
///
/// let apf = QuantityKind::new("APF", &"W/W".parse()?);
/// let seer = QuantityKind::new("SEER", &"W/W".parse()?);
/// assert_eq!(apf.check_comparable(&seer).unwrap_err().to_string(), "cannot compare APF with SEER");
/// assert!(apf.check_comparable(&apf.clone()).is_ok());
/// # Ok::<(), duibiao::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct QuantityKind {
    name: String,
    dimension: Dimension,
}

impl QuantityKind {
    /// A kind named `name` whose values are in units compatible with `unit`.
    ///
    /// ```
    /// let k = duibiao::QuantityKind::new("flush volume", &"L".parse()?);
    /// assert_eq!(k.name(), "flush volume");
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn new(name: impl Into<String>, unit: &Unit) -> QuantityKind {
        QuantityKind {
            name: name.into(),
            dimension: unit.dimension(),
        }
    }

    /// The name of the kind.
    ///
    /// ```
    /// assert_eq!(duibiao::QuantityKind::new("COP", &"W/W".parse()?).name(), "COP");
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The dimension of the kind's values.
    ///
    /// ```
    /// let k = duibiao::QuantityKind::new("COP", &"W/W".parse()?);
    /// assert_eq!(k.dimension().to_string(), "dimensionless");
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn dimension(&self) -> Dimension {
        self.dimension
    }

    /// Succeeds when values of the two kinds may be compared: same name and same dimension.
    ///
    /// ```
    /// let a = duibiao::QuantityKind::new("EER", &"W/W".parse()?);
    /// assert!(a.check_comparable(&duibiao::QuantityKind::new("EER", &"1".parse()?)).is_ok());
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// An incompatible error naming both kinds.
    pub fn check_comparable(&self, other: &QuantityKind) -> Result<(), Error> {
        check_same_kind(Some(&self.name), Some(&other.name))?;
        if self.dimension != other.dimension {
            return Err(Error::incompatible(t!(
                msg::KINDS_DIMENSIONS,
                &self.name,
                self.dimension.text(),
                &other.name,
                other.dimension.text()
            )));
        }
        Ok(())
    }
}

impl fmt::Display for QuantityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

/// Succeeds unless both kinds are named and the names differ. A missing kind (`None`) places
/// no restriction: kinds are attached only where an indicator names one.
///
/// ```
/// use duibiao::check_same_kind;
///
/// assert!(check_same_kind(Some("APF"), Some("APF")).is_ok());
/// assert!(check_same_kind(None, Some("APF")).is_ok());
/// let err = check_same_kind(Some("APF"), Some("SEER")).unwrap_err();
/// assert_eq!(err.to_string(), "cannot compare APF with SEER");
/// ```
///
/// # Errors
///
/// An incompatible error naming both kinds.
pub fn check_same_kind(a: Option<&str>, b: Option<&str>) -> Result<(), Error> {
    match (a, b) {
        (Some(a), Some(b)) if a != b => Err(Error::incompatible(t!(msg::KINDS, a, b))),
        _ => Ok(()),
    }
}

/// The reserved quantity kind of an indicator whose values are temperature differences: a
/// temperature rise (温升) or difference (温差), such as a winding's rise `≤ 65 K` or
/// `25 ~ 40 °C`. Every other `kind` is free text recorded for readers.
///
/// On such an indicator every limit, grade band, value and uncertainty is a difference and
/// converts without the offset: `25 °C` is 25 K, never 298.15 K.
pub const TEMPERATURE_DIFFERENCE: &str = "temperature-difference";

/// Whether an indicator's `kind` says its values are temperature differences: exactly
/// [`TEMPERATURE_DIFFERENCE`] or the Chinese terms `温差` (temperature difference) and `温升`
/// (temperature rise), which standards print in the indicator's name and which mean the same
/// kind. The one test every path asks (plan check, compile, the exact and fast evaluation,
/// the standards comparison).
///
/// ```
/// use duibiao::unit::is_temperature_difference;
///
/// assert!(is_temperature_difference("temperature-difference"));
/// assert!(is_temperature_difference("温升"));
/// assert!(is_temperature_difference("温差"));
/// assert!(!is_temperature_difference("Temperature-Difference"));
/// assert!(!is_temperature_difference("temperature"));
/// ```
pub fn is_temperature_difference(kind: &str) -> bool {
    matches!(kind, TEMPERATURE_DIFFERENCE | "温差" | "温升")
}
