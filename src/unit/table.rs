//! The unit table: every unit symbol duibiao knows, its spellings, names, dimension, exact
//! factor to the coherent SI unit and offset.
//!
//! Factors are exact rationals `num / den` of decimals: `den` is 1 except where the factor does
//! not terminate as a decimal (°F: 5/9; psi: lbf / in² = 4.4482216152605 / 0.00064516).

use std::collections::HashMap;
use std::sync::OnceLock;

use rust_decimal::Decimal;

use super::dimension::{Dimension, Level};

/// An exact ratio of two decimals: the factor of a unit to the coherent SI unit.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Ratio {
    pub(crate) num: Decimal,
    pub(crate) den: Decimal,
}

impl Ratio {
    pub(crate) const ONE: Ratio = Ratio {
        num: Decimal::ONE,
        den: Decimal::ONE,
    };

    /// `self × other^power`, or `None` when a decimal cannot hold the product.
    pub(crate) fn checked_mul_pow(self, other: Ratio, power: i8) -> Option<Ratio> {
        let (mut num, mut den) = (self.num, self.den);
        let (n, d) = if power < 0 {
            (other.den, other.num)
        } else {
            (other.num, other.den)
        };
        for _ in 0..power.unsigned_abs() {
            num = exact_mul(num, n)?;
            den = exact_mul(den, d)?;
        }
        Some(Ratio { num, den })
    }
}

/// Multiplies two decimals exactly, refusing (rather than rounding) a product that a decimal
/// cannot hold. Trailing zeros are dropped only when needed to fit.
pub(crate) fn exact_mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    let mut mantissa = a.mantissa().checked_mul(b.mantissa())?;
    let mut scale = a.scale() + b.scale();
    while scale > 28 || mantissa.unsigned_abs() >= 1u128 << 96 {
        if mantissa % 10 != 0 || scale == 0 {
            return None;
        }
        mantissa /= 10;
        scale -= 1;
    }
    Decimal::try_from_i128_with_scale(mantissa, scale).ok()
}

/// A decimal `mantissa × 10^-scale`, usable in constants.
const fn d(mantissa: u64, scale: u32) -> Decimal {
    Decimal::from_parts(mantissa as u32, (mantissa >> 32) as u32, 0, false, scale)
}

/// One row of the unit table.
#[derive(Debug)]
pub(crate) struct Entry {
    /// The canonical symbol, used for `Display`.
    pub(crate) symbol: &'static str,
    /// Other accepted spellings (ASCII forms, words, the Chinese name is accepted as well).
    pub(crate) spellings: &'static [&'static str],
    /// English name.
    pub(crate) en: &'static str,
    /// Chinese name.
    pub(crate) zh: &'static str,
    pub(crate) dimension: Dimension,
    /// Exact factor to the coherent SI unit.
    pub(crate) factor: Ratio,
    /// For absolute temperatures: the value (in this unit) added before the factor applies, so
    /// that `SI = (value + offset) × factor`.
    pub(crate) offset: Option<Decimal>,
}

const L: Dimension = Dimension::new([1, 0, 0, 0, 0, 0, 0]);
const L2: Dimension = Dimension::new([2, 0, 0, 0, 0, 0, 0]);
const L3: Dimension = Dimension::new([3, 0, 0, 0, 0, 0, 0]);
const M: Dimension = Dimension::new([0, 1, 0, 0, 0, 0, 0]);
const T: Dimension = Dimension::new([0, 0, 1, 0, 0, 0, 0]);
const TEMP: Dimension = Dimension::new([0, 0, 0, 0, 1, 0, 0]);
const FORCE: Dimension = Dimension::new([1, 1, -2, 0, 0, 0, 0]);
const PRESSURE: Dimension = Dimension::new([-1, 1, -2, 0, 0, 0, 0]);
const ENERGY: Dimension = Dimension::new([2, 1, -2, 0, 0, 0, 0]);
const POWER: Dimension = Dimension::new([2, 1, -3, 0, 0, 0, 0]);
const VOLT: Dimension = Dimension::new([2, 1, -3, -1, 0, 0, 0]);
const CURRENT: Dimension = Dimension::new([0, 0, 0, 1, 0, 0, 0]);
const OHM: Dimension = Dimension::new([2, 1, -3, -2, 0, 0, 0]);
const HERTZ: Dimension = Dimension::new([0, 0, -1, 0, 0, 0, 0]);
const LUMINOUS: Dimension = Dimension::new([0, 0, 0, 0, 0, 0, 1]);
const LUX: Dimension = Dimension::new([-2, 0, 0, 0, 0, 0, 1]);
const DIMLESS: Dimension = Dimension::new([0; 7]);

/// A linear unit with a decimal factor `mantissa × 10^-scale`.
const fn unit(
    symbol: &'static str,
    spellings: &'static [&'static str],
    en: &'static str,
    zh: &'static str,
    dimension: Dimension,
    mantissa: u64,
    scale: u32,
) -> Entry {
    Entry {
        symbol,
        spellings,
        en,
        zh,
        dimension,
        factor: Ratio {
            num: d(mantissa, scale),
            den: Decimal::ONE,
        },
        offset: None,
    }
}

/// The dimensionless unit `1`.
const ONE_ENTRY: Entry = unit("1", &["dimensionless"], "one", "一", DIMLESS, 1, 0);
/// The same row, for callers that need it without a lookup.
pub(crate) static ONE: Entry = ONE_ENTRY;

/// The unit table. Order matters only for suggestions (earlier rows win ties) and for
/// `docs/units.md`.
pub(crate) static TABLE: &[Entry] = &[
    // dimensionless fractions
    ONE_ENTRY,
    unit(
        "%",
        &["percent", "％"],
        "percent",
        "百分之一",
        DIMLESS,
        1,
        2,
    ),
    unit("‰", &["permille"], "per mille", "千分之一", DIMLESS, 1, 3),
    unit("ppm", &[], "part per million", "百万分之一", DIMLESS, 1, 6),
    // length
    unit("m", &["meter", "metre"], "metre", "米", L, 1, 0),
    unit(
        "km",
        &["kilometer", "kilometre"],
        "kilometre",
        "千米",
        L,
        1000,
        0,
    ),
    unit(
        "cm",
        &["centimeter", "centimetre"],
        "centimetre",
        "厘米",
        L,
        1,
        2,
    ),
    unit(
        "mm",
        &["millimeter", "millimetre"],
        "millimetre",
        "毫米",
        L,
        1,
        3,
    ),
    unit(
        "µm",
        &["um", "μm", "micrometer", "micrometre", "micron"],
        "micrometre",
        "微米",
        L,
        1,
        6,
    ),
    unit(
        "nm",
        &["nanometer", "nanometre"],
        "nanometre",
        "纳米",
        L,
        1,
        9,
    ),
    unit("in", &["inch", "″"], "inch", "英寸", L, 254, 4),
    unit("ft", &["foot", "feet", "′"], "foot", "英尺", L, 3048, 4),
    // area
    unit("m²", &[], "square metre", "平方米", L2, 1, 0),
    unit("cm²", &[], "square centimetre", "平方厘米", L2, 1, 4),
    unit("mm²", &[], "square millimetre", "平方毫米", L2, 1, 6),
    // volume
    unit("L", &["l", "liter", "litre", "ℓ"], "litre", "升", L3, 1, 3),
    unit(
        "mL",
        &["ml", "milliliter", "millilitre"],
        "millilitre",
        "毫升",
        L3,
        1,
        6,
    ),
    unit("m³", &[], "cubic metre", "立方米", L3, 1, 0),
    unit("cm³", &["cc"], "cubic centimetre", "立方厘米", L3, 1, 6),
    // mass
    unit("kg", &["kilogram"], "kilogram", "千克", M, 1, 0),
    unit("g", &["gram"], "gram", "克", M, 1, 3),
    unit("mg", &["milligram"], "milligram", "毫克", M, 1, 6),
    unit("t", &["tonne"], "tonne", "吨", M, 1000, 0),
    unit("lb", &["pound"], "pound", "磅", M, 45359237, 8),
    // time
    unit("s", &["second", "sec"], "second", "秒", T, 1, 0),
    unit("min", &["minute"], "minute", "分钟", T, 60, 0),
    unit("h", &["hour", "hr"], "hour", "小时", T, 3600, 0),
    unit("d", &["day"], "day", "天", T, 86400, 0),
    unit(
        "a",
        &["year", "yr"],
        "Julian year (365.25 d)",
        "年",
        T,
        31557600,
        0,
    ),
    unit(
        "month",
        &[],
        "month (Julian year / 12)",
        "月",
        T,
        2629800,
        0,
    ),
    // temperature
    unit("K", &["kelvin"], "kelvin", "开尔文", TEMP, 1, 0),
    Entry {
        symbol: "°C",
        spellings: &["degC", "℃", "celsius"],
        en: "degree Celsius",
        zh: "摄氏度",
        dimension: TEMP,
        factor: Ratio::ONE,
        offset: Some(d(27315, 2)),
    },
    Entry {
        symbol: "°F",
        spellings: &["degF", "℉", "fahrenheit"],
        en: "degree Fahrenheit",
        zh: "华氏度",
        dimension: TEMP,
        factor: Ratio {
            num: d(5, 0),
            den: d(9, 0),
        },
        offset: Some(d(45967, 2)),
    },
    // force
    unit("N", &["newton"], "newton", "牛顿", FORCE, 1, 0),
    unit("kN", &["kilonewton"], "kilonewton", "千牛", FORCE, 1000, 0),
    unit("lbf", &[], "pound-force", "磅力", FORCE, 44482216152605, 13),
    // pressure
    unit("Pa", &["pascal"], "pascal", "帕斯卡", PRESSURE, 1, 0),
    unit(
        "kPa",
        &["kilopascal"],
        "kilopascal",
        "千帕",
        PRESSURE,
        1000,
        0,
    ),
    unit(
        "MPa",
        &["megapascal"],
        "megapascal",
        "兆帕",
        PRESSURE,
        1000000,
        0,
    ),
    unit("bar", &[], "bar", "巴", PRESSURE, 100000, 0),
    unit("mbar", &["millibar"], "millibar", "毫巴", PRESSURE, 100, 0),
    unit(
        "atm",
        &[],
        "standard atmosphere",
        "标准大气压",
        PRESSURE,
        101325,
        0,
    ),
    Entry {
        symbol: "psi",
        spellings: &[],
        en: "pound-force per square inch",
        zh: "磅力每平方英寸",
        dimension: PRESSURE,
        factor: Ratio {
            num: d(44482216152605, 13),
            den: d(64516, 8),
        },
        offset: None,
    },
    // energy
    unit("J", &["joule"], "joule", "焦耳", ENERGY, 1, 0),
    unit("kJ", &["kilojoule"], "kilojoule", "千焦", ENERGY, 1000, 0),
    unit(
        "MJ",
        &["megajoule"],
        "megajoule",
        "兆焦",
        ENERGY,
        1000000,
        0,
    ),
    unit("W·h", &["Wh"], "watt hour", "瓦时", ENERGY, 3600, 0),
    unit(
        "kW·h",
        &["kWh"],
        "kilowatt hour",
        "千瓦时",
        ENERGY,
        3600000,
        0,
    ),
    // power
    unit("W", &["watt"], "watt", "瓦特", POWER, 1, 0),
    unit("kW", &["kilowatt"], "kilowatt", "千瓦", POWER, 1000, 0),
    unit("MW", &["megawatt"], "megawatt", "兆瓦", POWER, 1000000, 0),
    // electric
    unit("V", &["volt"], "volt", "伏特", VOLT, 1, 0),
    unit("A", &["ampere", "amp"], "ampere", "安培", CURRENT, 1, 0),
    unit("mA", &["milliampere"], "milliampere", "毫安", CURRENT, 1, 3),
    unit(
        "µA",
        &["uA", "μA", "microampere"],
        "microampere",
        "微安",
        CURRENT,
        1,
        6,
    ),
    unit("Ω", &["ohm", "Ω"], "ohm", "欧姆", OHM, 1, 0),
    // frequency
    unit("Hz", &["hertz"], "hertz", "赫兹", HERTZ, 1, 0),
    // luminous (the steradian is dimensionless, so lm has the dimension of cd)
    unit("cd", &["candela"], "candela", "坎德拉", LUMINOUS, 1, 0),
    unit("lm", &["lumen"], "lumen", "流明", LUMINOUS, 1, 0),
    unit("lx", &["lux"], "lux", "勒克斯", LUX, 1, 0),
    // levels: compared as levels only
    Entry {
        symbol: "dB",
        spellings: &["decibel"],
        en: "decibel",
        zh: "分贝",
        dimension: Dimension::level(Level::Decibel),
        factor: Ratio::ONE,
        offset: None,
    },
    Entry {
        symbol: "dB(A)",
        spellings: &["dBA", "dB (A)"],
        en: "A-weighted decibel",
        zh: "A计权分贝",
        dimension: Dimension::level(Level::DecibelA),
        factor: Ratio::ONE,
        offset: None,
    },
];

/// Every accepted spelling (symbol, spellings, Chinese name) → row index. Built once, never
/// changed afterwards.
fn index() -> &'static HashMap<&'static str, usize> {
    static INDEX: OnceLock<HashMap<&'static str, usize>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map = HashMap::new();
        for (i, e) in TABLE.iter().enumerate() {
            for s in std::iter::once(&e.symbol)
                .chain(e.spellings)
                .chain(std::iter::once(&e.zh))
            {
                map.entry(*s).or_insert(i);
            }
        }
        map
    })
}

/// The table row spelled `text`, if any.
pub(crate) fn lookup(text: &str) -> Option<&'static Entry> {
    index().get(text).and_then(|&i| TABLE.get(i))
}

/// The nearest known spelling to an unknown symbol: a case-insensitive match first, then the
/// smallest edit distance (at most 2, and less than the length of the text).
pub(crate) fn suggest(text: &str) -> Option<&'static str> {
    let spellings = || {
        TABLE
            .iter()
            .flat_map(|e| std::iter::once(e.symbol).chain(e.spellings.iter().copied()))
    };
    let lower = text.to_lowercase();
    if let Some(s) = spellings().find(|s| s.to_lowercase() == lower) {
        return Some(s);
    }
    let len = text.chars().count();
    let mut best: Option<(usize, &'static str)> = None;
    for s in spellings() {
        // The distance is at least the difference in length: skip what cannot be within 2, so
        // hostile long text costs no quadratic work.
        if s.chars().count().abs_diff(len) > 2 {
            continue;
        }
        let dist = edit_distance(text, s);
        if dist <= 2 && dist < len && best.is_none_or(|(b, _)| dist < b) {
            best = Some((dist, s));
        }
    }
    best.map(|(_, s)| s)
}

/// Levenshtein distance over characters (one row at a time).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let (mut diagonal, mut left) = (i, i + 1);
        let mut next = Vec::with_capacity(row.len());
        next.push(left);
        for (&cb, &up) in b.iter().zip(row.iter().skip(1)) {
            let v = (diagonal + usize::from(ca != cb)).min(up + 1).min(left + 1);
            diagonal = up;
            left = v;
            next.push(v);
        }
        row = next;
    }
    row.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_are_unique() {
        let mut seen = HashMap::new();
        for (i, e) in TABLE.iter().enumerate() {
            for s in std::iter::once(&e.symbol)
                .chain(e.spellings)
                .chain(std::iter::once(&e.zh))
            {
                assert_eq!(*seen.entry(*s).or_insert(i), i, "{s} is spelled twice");
            }
        }
    }

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("kgg", "kg"), 1);
        assert_eq!(edit_distance("", "kg"), 2);
        assert_eq!(edit_distance("µm", "um"), 1);
    }
}
