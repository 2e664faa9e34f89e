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
/// cannot hold ([`crate::number::exact::try_mul`]).
pub(crate) fn exact_mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    crate::number::exact::try_mul(a, b).ok()
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

/// Every spelling a suggestion may name (symbols and spellings, not the Chinese names), in
/// table order, with its row and its letters in lower case. Built once.
fn spellings() -> &'static [(&'static str, &'static Entry, Vec<char>)] {
    static SPELLINGS: OnceLock<Vec<(&'static str, &'static Entry, Vec<char>)>> = OnceLock::new();
    SPELLINGS.get_or_init(|| {
        TABLE
            .iter()
            .flat_map(|e| {
                std::iter::once(e.symbol)
                    .chain(e.spellings.iter().copied())
                    .map(move |s| (s, e))
            })
            .map(|(s, e)| (s, e, s.to_lowercase().chars().collect()))
            .collect()
    })
}

/// The rows of every spelling in lower case (`kpa` → kPa). Built once.
fn by_lower_case() -> &'static HashMap<String, Vec<&'static Entry>> {
    static LOWER: OnceLock<HashMap<String, Vec<&'static Entry>>> = OnceLock::new();
    LOWER.get_or_init(|| {
        let mut map: HashMap<String, Vec<&'static Entry>> = HashMap::new();
        for &(s, e, _) in spellings() {
            let rows = map.entry(s.to_lowercase()).or_default();
            if !rows.iter().any(|r| std::ptr::eq(*r, e)) {
                rows.push(e);
            }
        }
        map
    })
}

/// The table row spelled `text`, if any.
pub(crate) fn lookup(text: &str) -> Option<&'static Entry> {
    index().get(text).and_then(|&i| TABLE.get(i))
}

/// The SI prefixes (symbols and names) with their powers of ten. `u` and the Greek `μ` are
/// read as the micro sign, as the table's spellings do.
const PREFIXES: &[(&str, i32)] = &[
    ("da", 1),
    ("q", -30),
    ("r", -27),
    ("y", -24),
    ("z", -21),
    ("a", -18),
    ("f", -15),
    ("p", -12),
    ("n", -9),
    ("µ", -6),
    ("μ", -6),
    ("u", -6),
    ("m", -3),
    ("c", -2),
    ("d", -1),
    ("h", 2),
    ("k", 3),
    ("M", 6),
    ("G", 9),
    ("T", 12),
    ("P", 15),
    ("E", 18),
    ("Z", 21),
    ("Y", 24),
    ("R", 27),
    ("Q", 30),
    ("quecto", -30),
    ("ronto", -27),
    ("yocto", -24),
    ("zepto", -21),
    ("atto", -18),
    ("femto", -15),
    ("pico", -12),
    ("nano", -9),
    ("micro", -6),
    ("milli", -3),
    ("centi", -2),
    ("deci", -1),
    ("deca", 1),
    ("hecto", 2),
    ("kilo", 3),
    ("mega", 6),
    ("giga", 9),
    ("tera", 12),
    ("peta", 15),
    ("exa", 18),
    ("zetta", 21),
    ("yotta", 24),
    ("ronna", 27),
    ("quetta", 30),
];

/// The SI prefix `spelling` of the table carries, if it is a prefixed unit: the spelling is a
/// prefix followed by the spelling of another row of the same dimension, and its factor is that
/// row's times the prefix (`kg` = k·g, `kilowatt` = kilo·watt), or its square or cube for a
/// squared or cubed unit (`cm³` = (c·m)³). `Pa`, `min` and `cd` are no prefixed units.
fn prefix_of(spelling: &str, entry: &Entry) -> Option<&'static str> {
    PREFIXES.iter().find_map(|&(prefix, exp)| {
        let rest = spelling.strip_prefix(prefix)?;
        let base = lookup(rest).filter(|b| b.dimension == entry.dimension)?;
        // factor(entry) = (10^exp)^n × factor(base), as exact ratios.
        let left = exact_mul(entry.factor.num, base.factor.den)?;
        (1..=3).find_map(|n| {
            let power = pow10(exp.checked_mul(n)?)?;
            let right = exact_mul(exact_mul(power, base.factor.num)?, entry.factor.den)?;
            (left == right).then_some(prefix)
        })
    })
}

/// 10^exp as a decimal, when a decimal holds it.
fn pow10(exp: i32) -> Option<Decimal> {
    if exp >= 0 {
        10i128
            .checked_pow(exp.unsigned_abs())
            .and_then(|v| Decimal::try_from_i128_with_scale(v, 0).ok())
    } else {
        Decimal::try_from_i128_with_scale(1, exp.unsigned_abs()).ok()
    }
}

/// The units `text` reads as when it starts with an SI prefix (`mW` is milli·watt,
/// `microin` micro·inch, `pa` pico·year): the prefix's power of ten and the row after it
/// (spelled in any case).
fn readings(text: &str) -> Vec<(i32, &'static Entry)> {
    let mut out = Vec::new();
    for &(prefix, exp) in PREFIXES {
        let rest = if prefix.len() > 2 {
            strip_prefix_ignore_case(text, prefix)
        } else {
            text.strip_prefix(prefix)
        };
        let Some(rest) = rest.filter(|r| !r.is_empty()) else {
            continue;
        };
        let rows = by_lower_case().get(&rest.to_lowercase());
        out.extend(rows.into_iter().flatten().map(|&e| (exp, e)));
    }
    out
}

/// True when `entry` has the factor of `base` with the prefix `10^exp` before it (or its
/// square or cube, for a squared or cubed unit).
fn same_factor(entry: &Entry, exp: i32, base: &Entry) -> bool {
    let Some(left) = exact_mul(entry.factor.num, base.factor.den) else {
        return false;
    };
    (1..=3).any(|n| {
        exp.checked_mul(n)
            .and_then(pow10)
            .and_then(|p| exact_mul(p, base.factor.num))
            .and_then(|r| exact_mul(r, entry.factor.den))
            == Some(left)
    })
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    text.get(..prefix.len())
        .filter(|head| head.eq_ignore_ascii_case(prefix))
        .and_then(|_| text.get(prefix.len()..))
}

/// True when suggesting `spelling` (of `entry`) for `text` keeps the prefix the text was
/// written with. A prefixed spelling only for a text that starts with the same prefix (`K` for
/// `k`, the usual slip; a prefix name in any case); and where the text reads as a prefix before
/// a unit (`readings`), no spelling of that unit's dimension with another factor. `mW` is never
/// "MW" (10⁹ times larger) nor "W", `Mm` never "mm", `mpa` never "MPa", `microin` never
/// "micron".
fn keeps_prefix(
    text: &str,
    spelling: &str,
    entry: &Entry,
    readings: &[(i32, &'static Entry)],
) -> bool {
    let starts = match prefix_of(spelling, entry) {
        Some(prefix) if prefix.len() > 2 => strip_prefix_ignore_case(text, prefix).is_some(),
        Some("k") => text.starts_with('k') || text.starts_with('K'),
        Some(prefix) => text.starts_with(prefix),
        None => true,
    };
    starts
        && readings
            .iter()
            .all(|&(exp, base)| base.dimension != entry.dimension || same_factor(entry, exp, base))
}

/// How near an unknown `text` is to a known `spelling`, case aside: 0 when they differ only in
/// case, 1 for a character written twice or once too few (`kgg`, `LL`, `wat`) or, in a word of
/// four characters or more, two neighbours swapped (`gram` for `garm`), 2 for one more, missing
/// or wrong character in such a word (`metr`), 3 for two in a word of seven or more
/// (`farenhit`); `None` when the spelling is no obvious correction.
fn nearness(text: &[char], spelling: &[char]) -> Option<u8> {
    let (a, b) = (text, spelling);
    if a == b {
        return Some(0);
    }
    if a.len().abs_diff(b.len()) > 2 {
        return None;
    }
    // A swap in a symbol of two or three letters makes another unit (`ML` is not `lm`).
    if undoubled(a, b) || undoubled(b, a) || (a.len() >= 4 && swapped(a, b)) {
        return Some(1);
    }
    match edit_distance(a, b) {
        1 if a.len() >= 4 => Some(2),
        2 if a.len() >= 7 => Some(3),
        _ => None,
    }
}

/// True when `long` is `short` with one character written twice.
fn undoubled(long: &[char], short: &[char]) -> bool {
    long.len() == short.len() + 1
        && (1..long.len()).any(|i| {
            long.get(i) == long.get(i - 1)
                && long.get(..i) == short.get(..i)
                && long.get(i + 1..) == short.get(i..)
        })
}

/// True when `a` is `b` with two neighbouring characters swapped.
fn swapped(a: &[char], b: &[char]) -> bool {
    a.len() == b.len()
        && (1..a.len()).any(|i| {
            a.get(i - 1) == b.get(i)
                && a.get(i) == b.get(i - 1)
                && a.get(i - 1) != a.get(i)
                && a.get(..i - 1) == b.get(..i - 1)
                && a.get(i + 1..) == b.get(i + 1..)
        })
}

/// The known spelling an unknown symbol most likely meant, if there is an obvious one: the same
/// letters in another case, a doubled or swapped pair of characters, one character off in a
/// word (two in a long one). Never a suggestion that changes, adds or drops an SI prefix: a
/// unit a power of ten away from what was written is worse than no hint. Earlier rows of the
/// table win ties.
pub(crate) fn suggest(text: &str) -> Option<&'static str> {
    // Hostile long text costs nothing: no spelling is near it.
    if text.chars().count() > 40 {
        return None;
    }
    let readings = readings(text);
    let lower: Vec<char> = text.to_lowercase().chars().collect();
    let mut best: Option<(u8, &'static str)> = None;
    for &(s, e, ref spelled) in spellings() {
        let Some(rank) = nearness(&lower, spelled) else {
            continue;
        };
        if best.is_none_or(|(b, _)| rank < b) && keeps_prefix(text, s, e, &readings) {
            best = Some((rank, s));
        }
    }
    best.map(|(_, s)| s)
}

/// Levenshtein distance over characters (one row at a time).
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
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
    fn prefixed_spellings_are_recognised_by_their_factor() {
        let prefix = |s: &str| lookup(s).and_then(|e| prefix_of(s, e));
        for (s, p) in [
            ("kg", "k"),
            ("mm", "m"),
            ("µm", "µ"),
            ("um", "u"),
            ("cm³", "c"),
            ("mm²", "m"),
            ("MPa", "M"),
            ("kW·h", "k"),
            ("kWh", "k"),
            ("mbar", "m"),
            ("µA", "µ"),
            ("kilowatt", "kilo"),
            ("millilitre", "milli"),
            ("megapascal", "mega"),
        ] {
            assert_eq!(prefix(s), Some(p), "{s}");
        }
        // A first letter that is a prefix symbol does not make a prefixed unit.
        for s in [
            "Pa", "min", "cd", "ft", "dB", "m", "g", "psi", "ppm", "atm", "day", "mL",
        ] {
            if s == "mL" {
                assert_eq!(prefix(s), Some("m"));
            } else {
                assert_eq!(prefix(s), None, "{s}");
            }
        }
    }

    #[test]
    fn obvious_corrections() {
        for (text, spelling, rank) in [
            ("KG", "kg", Some(0)),
            ("kgg", "kg", Some(1)),
            ("LL", "L", Some(1)),
            ("wat", "watt", Some(1)),
            ("garm", "gram", Some(1)),
            ("metr", "meter", Some(2)),
            ("farenhit", "fahrenheit", Some(3)),
            ("ML", "lm", None),
            ("rad", "gram", None),
            ("mW", "mA", None),
            ("mW", "W", None),
            ("hPa", "kPa", None),
        ] {
            assert_eq!(
                nearness(&chars(text), &chars(spelling)),
                rank,
                "{text} → {spelling}"
            );
        }
    }

    /// Problem 18: a hint never names the same unit with another SI prefix. For every SI prefix
    /// before every unprefixed spelling of the table (`mW`, `GW`, `hPa`, `Mm`, `milliwatt`),
    /// written as in the table, in lower or in upper case after the prefix, a suggestion of
    /// the same dimension has the factor the text was written with.
    #[test]
    fn suggestions_never_change_a_prefix() {
        let mut suggested = 0;
        for e in TABLE {
            for u in std::iter::once(e.symbol).chain(e.spellings.iter().copied()) {
                if prefix_of(u, e).is_some() {
                    continue; // SI writes no prefix before a prefixed unit
                }
                for &(prefix, exp) in PREFIXES {
                    for v in [u.to_owned(), u.to_lowercase(), u.to_uppercase()] {
                        let text = format!("{prefix}{v}");
                        if lookup(&text).is_some() {
                            continue;
                        }
                        let Some(s) = suggest(&text) else { continue };
                        suggested += 1;
                        let got = lookup(s).unwrap();
                        assert!(
                            got.dimension != e.dimension || same_factor(got, exp, e),
                            "{text:?} → {s:?}"
                        );
                    }
                }
            }
        }
        // The law is not vacuous: case slips such as `kpa` and `Mpa` are still corrected.
        assert!(suggested > 10, "{suggested}");
        assert_eq!(suggest("kpa"), Some("kPa"));
        assert_eq!(suggest("Mpa"), Some("MPa"));
        for text in [
            "mW",
            "mw",
            "Mm",
            "ML",
            "mpa",
            "GW",
            "hPa",
            "kbar",
            "kK",
            "microin",
            "milliwatt",
            "gigawatt",
        ] {
            assert_eq!(suggest(text), None, "{text}");
        }
    }

    fn chars(s: &str) -> Vec<char> {
        s.to_lowercase().chars().collect()
    }

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance(&chars("kgg"), &chars("kg")), 1);
        assert_eq!(edit_distance(&chars(""), &chars("kg")), 2);
        assert_eq!(edit_distance(&chars("µm"), &chars("um")), 1);
    }
}
