//! The compact records a ranking or a report keeps per product: decimals in 8 bytes
//! ([`Packed`]), and the texts a verdict repeats from its plan (indicator ids, units, limits,
//! standards, grade names) held once and named by a number ([`Interner`], [`Keys`]).
//!
//! A [`Decimal`] is 16 bytes. Nearly every decimal a verdict carries (a value as compared, a
//! margin, a share rounded to 6 places, a score) has a coefficient below 2⁵⁸ and fits in one
//! `u64`: the scale in the low 5 bits, the sign in bit 5, the coefficient above. A decimal
//! with a larger coefficient is kept whole in a side table and the `u64` holds its index. The
//! round trip is exact: the same coefficient, scale and sign, so `4.00` stays `4.00`.

use std::collections::BTreeMap;

/// The messages of the compact records.
pub(crate) mod msg {
    crate::error::messages! {
        MORE_THAN = "more than 4294967295 {0}", "{0}超过 4294967295 个";
        DISTINCT_TEXTS = "distinct texts", "不同文本";
        INDICATORS = "indicators", "指标";
        PRODUCTS = "products", "产品";
        BYTES_IN_VALUE = "bytes in a value", "单个数值的字节数";
        GRADES = "grades", "等级";
    }
}

use rust_decimal::Decimal;

use crate::error::Error;
use crate::indicator::IndicatorClass;
use crate::verdict::Outcome;

/// The low bits: the scale (0 to 28), or one of the two marks below.
const SCALE_BITS: u32 = 5;
const SCALE_MASK: u64 = (1 << SCALE_BITS) - 1;
/// Scale field of a decimal kept in the side table.
const SPILLED: u64 = 29;
/// Scale field of no decimal (`None`).
const ABSENT: u64 = 30;
const SIGN: u64 = 1 << SCALE_BITS;
const SHIFT: u32 = SCALE_BITS + 1;
/// The largest coefficient held inline: 2⁵⁸ − 1.
const MAX_INLINE: u128 = (1 << (64 - SHIFT)) - 1;

/// An optional decimal in 8 bytes; read it back with [`Decimals::get`] of the table that
/// packed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Packed(u64);

impl Packed {
    /// No decimal.
    pub(crate) const NONE: Packed = Packed(ABSENT);
}

/// The side table of the decimals too large to pack inline.
#[derive(Clone, Debug, Default)]
pub(crate) struct Decimals {
    spilled: Vec<Decimal>,
}

impl Decimals {
    /// Packs a decimal: inline when its coefficient fits, else in the side table.
    pub(crate) fn pack(&mut self, d: Decimal) -> Packed {
        let m = d.mantissa().unsigned_abs();
        let sign = if d.is_sign_negative() { SIGN } else { 0 };
        if m <= MAX_INLINE {
            // m < 2^58 and the scale ≤ 28 < 29: both fit their fields.
            let m = u64::try_from(m).unwrap_or_default();
            return Packed(m << SHIFT | sign | u64::from(d.scale()));
        }
        let index = self.spilled.len() as u64;
        self.spilled.push(d);
        Packed(index << SHIFT | SPILLED)
    }

    /// The bytes its side table holds.
    pub(crate) fn bytes_held(&self) -> usize {
        self.spilled.capacity() * std::mem::size_of::<Decimal>()
    }

    pub(crate) fn shrink(&mut self) {
        self.spilled.shrink_to_fit();
    }

    /// Packs an optional decimal.
    pub(crate) fn pack_opt(&mut self, d: Option<Decimal>) -> Packed {
        d.map_or(Packed::NONE, |d| self.pack(d))
    }

    /// The decimal packed, or `None` for [`Packed::NONE`].
    pub(crate) fn get(&self, p: Packed) -> Option<Decimal> {
        let scale = p.0 & SCALE_MASK;
        let high = p.0 >> SHIFT;
        match scale {
            ABSENT => None,
            SPILLED => usize::try_from(high)
                .ok()
                .and_then(|i| self.spilled.get(i).copied()),
            _ => {
                let lo = (high & 0xffff_ffff) as u32;
                let mid = (high >> 32) as u32;
                Some(Decimal::from_parts(
                    lo,
                    mid,
                    0,
                    p.0 & SIGN != 0,
                    scale as u32,
                ))
            }
        }
    }

    /// The decimal packed, 0 for none (for fields that always hold one).
    pub(crate) fn value(&self, p: Packed) -> Decimal {
        self.get(p).unwrap_or_default()
    }
}

/// A count as a `u32` index, or an overflow error naming `what`.
pub(crate) fn index(n: usize, what: &'static crate::error::Msg) -> Result<u32, Error> {
    u32::try_from(n)
        .map_err(|_| Error::overflow(crate::error::t!(msg::MORE_THAN, crate::error::t!(what))))
}

/// Values held once each, named by their index. `code` looks a value up in an ordered map, after
/// a check of the value last seen in the same slot (a column of a report), which is the usual
/// answer: a plan repeats the same few texts in every verdict.
#[derive(Clone, Debug)]
pub(crate) struct Interner<T> {
    values: Vec<T>,
    codes: BTreeMap<T, u32>,
    last: Vec<u32>,
}

impl<T> Default for Interner<T> {
    fn default() -> Self {
        Interner {
            values: Vec::new(),
            codes: BTreeMap::new(),
            last: Vec::new(),
        }
    }
}

impl<T: Clone + Ord> Interner<T> {
    /// The code of `value`, seen in `slot`.
    pub(crate) fn code<Q>(&mut self, slot: usize, value: &Q) -> Result<u32, Error>
    where
        T: std::borrow::Borrow<Q>,
        Q: Ord + ToOwned<Owned = T> + ?Sized,
    {
        if let Some(&c) = self.last.get(slot) {
            if self
                .values
                .get(c as usize)
                .is_some_and(|v| v.borrow() == value)
            {
                return Ok(c);
            }
        }
        let c = match self.codes.get(value) {
            Some(&c) => c,
            None => {
                let c = index(self.values.len(), msg::DISTINCT_TEXTS)?;
                self.values.push(value.to_owned());
                self.codes.insert(value.to_owned(), c);
                c
            }
        };
        if self.last.len() <= slot {
            self.last.resize(slot + 1, u32::MAX);
        }
        if let Some(l) = self.last.get_mut(slot) {
            *l = c;
        }
        Ok(c)
    }

    /// The code of the value `make` builds, seen in `slot`: `same` tells whether a value held
    /// is it, so that the value is built only when the slot's last one is not it.
    pub(crate) fn code_with(
        &mut self,
        slot: usize,
        same: impl Fn(&T) -> bool,
        make: impl FnOnce() -> T,
    ) -> Result<u32, Error> {
        if let Some(&c) = self.last.get(slot) {
            if self.values.get(c as usize).is_some_and(&same) {
                return Ok(c);
            }
        }
        self.code(slot, &make())
    }

    /// The value of a code.
    pub(crate) fn get(&self, code: u32) -> Option<&T> {
        self.values.get(code as usize)
    }

    /// How many distinct values.
    pub(crate) fn len(&self) -> usize {
        self.values.len()
    }
}

/// An indicator as a verdict names it: its id and class.
pub(crate) type Key = (String, IndicatorClass);

/// An indicator class as a number, for ordered maps; [`class_of`] reads it back.
pub(crate) fn class_code(c: IndicatorClass) -> u8 {
    match c {
        IndicatorClass::Basic => 0,
        IndicatorClass::Core => 1,
        IndicatorClass::Innovation => 2,
    }
}

/// The class of a [`class_code`].
pub(crate) fn class_of(code: u8) -> IndicatorClass {
    match code {
        0 => IndicatorClass::Basic,
        2 => IndicatorClass::Innovation,
        _ => IndicatorClass::Core,
    }
}

/// An outcome as a number, for ordered maps; [`outcome_of`] reads it back.
pub(crate) fn outcome_code(o: Outcome) -> u8 {
    match o {
        Outcome::Exceeds => 0,
        Outcome::Meets => 1,
        Outcome::FallsShort => 2,
        Outcome::Missing => 3,
        Outcome::NotCompared => 4,
        Outcome::Incomparable => 5,
    }
}

/// The outcome of an [`outcome_code`].
pub(crate) fn outcome_of(code: u8) -> Outcome {
    match code {
        0 => Outcome::Exceeds,
        1 => Outcome::Meets,
        2 => Outcome::FallsShort,
        4 => Outcome::NotCompared,
        5 => Outcome::Incomparable,
        _ => Outcome::Missing,
    }
}

/// The indicators verdicts name, each held once: a verdict's indicator at its plan position
/// (the engine's order) is named by that position without a look-up; any other is interned.
#[derive(Clone, Debug)]
pub(crate) struct Keys {
    plan: Vec<Key>,
    other: Interner<(String, u8)>,
    /// The code last given at each position.
    last: Vec<u32>,
}

impl Keys {
    /// The keys of a plan's indicators, in plan order.
    pub(crate) fn new(plan: Vec<Key>) -> Keys {
        Keys {
            plan,
            other: Interner::default(),
            last: Vec::new(),
        }
    }

    /// The code of the indicator `id` of `class` at position `at` of a verdict.
    pub(crate) fn code(
        &mut self,
        at: usize,
        id: &str,
        class: IndicatorClass,
    ) -> Result<u32, Error> {
        if let Some((i, c)) = self.plan.get(at) {
            if i == id && *c == class {
                return index(at, msg::INDICATORS);
            }
        }
        if let Some(&c) = self.last.get(at) {
            if c != u32::MAX && self.get(c) == (id, class) {
                return Ok(c);
            }
        }
        let other = self.other.code(0, &(id.to_owned(), class_code(class)))?;
        let c = index(
            self.plan.len().saturating_add(other as usize),
            msg::INDICATORS,
        )?;
        if self.last.len() <= at {
            self.last.resize(at.saturating_add(1), u32::MAX);
        }
        if let Some(l) = self.last.get_mut(at) {
            *l = c;
        }
        Ok(c)
    }

    /// The id and class of a code.
    pub(crate) fn get(&self, code: u32) -> (&str, IndicatorClass) {
        let k = code as usize;
        let key = match k.checked_sub(self.plan.len()) {
            None => self.plan.get(k).map(|(i, c)| (i.as_str(), *c)),
            Some(j) => self
                .other
                .get(j as u32)
                .map(|(i, c)| (i.as_str(), class_of(*c))),
        };
        key.unwrap_or(("", IndicatorClass::default()))
    }

    /// How many codes there are.
    pub(crate) fn len(&self) -> usize {
        self.plan.len() + self.other.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(d: Decimal) {
        let mut t = Decimals::default();
        let p = t.pack(d);
        let back = t.get(p).unwrap();
        assert_eq!(back.serialize(), d.serialize(), "{d}");
        assert_eq!(back.to_string(), d.to_string());
    }

    #[test]
    fn every_decimal_comes_back_with_its_digits_scale_and_sign() {
        for text in [
            "0",
            "0.00",
            "-0.000",
            "4.00",
            "-4.2",
            "142.50",
            "0.000001",
            "-0.125000",
            "288230376151711743",  // 2^58 - 1: inline
            "288230376151711744",  // 2^58: spilled
            "-288230376151711744", // spilled, negative
            "79228162514264337593543950335",
            "-7.9228162514264337593543950335",
            "0.0000000000000000000000000001",
        ] {
            round_trip(text.parse().unwrap());
        }
        // Negative zero keeps its sign bit.
        round_trip(Decimal::from_parts(0, 0, 0, true, 3));
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..10_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let hi = if seed & 3 == 0 { (seed >> 8) as u32 } else { 0 };
            let d = Decimal::from_parts(
                (seed >> 32) as u32,
                (seed >> 2) as u32 & 0x03ff_ffff,
                hi,
                seed & 4 != 0,
                (seed >> 40) as u32 % 29,
            );
            round_trip(d);
        }
    }

    #[test]
    fn classes_and_outcomes_come_back_from_their_codes() {
        use IndicatorClass as C;
        for c in [C::Basic, C::Core, C::Innovation] {
            assert_eq!(class_of(class_code(c)), c);
        }
        use Outcome as O;
        for o in [
            O::Exceeds,
            O::Meets,
            O::FallsShort,
            O::Missing,
            O::NotCompared,
        ] {
            assert_eq!(outcome_of(outcome_code(o)), o);
        }
    }

    #[test]
    fn small_decimals_stay_inline_and_none_is_none() {
        let mut t = Decimals::default();
        t.pack("123.456".parse().unwrap());
        t.pack("-0.000001".parse().unwrap());
        assert!(t.spilled.is_empty());
        assert_eq!(t.get(Packed::NONE), None);
        let none = t.pack_opt(None);
        assert_eq!(t.get(none), None);
        let big: Decimal = "12345678901234567890.5".parse().unwrap();
        let p = t.pack(big);
        assert_eq!(t.spilled, [big]);
        assert_eq!(t.get(p), Some(big));
        assert_eq!(std::mem::size_of::<Packed>(), 8);
    }
}
