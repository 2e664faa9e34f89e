//! The unit table: every unit symbol duibiao knows, its spellings, names, dimension, exact
//! factor to the coherent SI unit and offset.
//!
//! The table is built once from two lists: the units typed here ([`BASES`], each with the SI
//! prefixes it takes) and the 24 SI prefixes ([`SI_PREFIXES`]). Every prefixed unit (`mW`,
//! `kV`, `MΩ`, `µg`, `mPa`, `kW·h`, `cm³`) is generated: its symbol is the prefix before the
//! unit's symbol (and before each ASCII spelling: `kWh`, `uS`, `kohm`), its word the prefix name
//! before the unit's word (`milliwatt`), its Chinese name the Chinese prefix before the unit's
//! short Chinese name (毫瓦, 千伏, 兆欧, also 毫瓦特), its factor the unit's times 10ⁿ exactly
//! (or 10²ⁿ, 10³ⁿ for a square or cube). A generated spelling never replaces a typed one: exact
//! lookup wins, so `cd` is the candela (not centi·day), `Pa` the pascal, `min` the minute, `ft`
//! the foot, `h` the hour (the hecto prefix only before a unit: `hPa`), `u` the atomic mass unit.
//!
//! Factors are exact rationals `num / den × 10^exp` of decimals: `den` is 1 except where the
//! factor does not terminate as a decimal (°F: 5/9; psi: lbf / in²; kn: 1852 / 3600), `exp` is
//! 0 except where a decimal cannot hold the power of ten of a prefix (`qeV`, `QW·h`).

use std::collections::HashMap;
use std::sync::OnceLock;

use rust_decimal::Decimal;

use super::dimension::{Dimension, Level};

/// An exact ratio of two decimals times a power of ten: the factor of a unit to the coherent SI
/// unit.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Ratio {
    pub(crate) num: Decimal,
    pub(crate) den: Decimal,
    pub(crate) exp: i32,
}

impl Ratio {
    pub(crate) const ONE: Ratio = Ratio {
        num: Decimal::ONE,
        den: Decimal::ONE,
        exp: 0,
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
        let exp = self
            .exp
            .checked_add(other.exp.checked_mul(i32::from(power))?)?;
        Some(Ratio { num, den, exp }.folded())
    }

    /// The same ratio with as much of the power of ten moved into `num` or `den` as they hold
    /// exactly: `exp` is 0 for every factor a ratio of two decimals can write.
    pub(crate) fn folded(self) -> Ratio {
        let Ratio {
            mut num,
            mut den,
            mut exp,
        } = self;
        let ten = Decimal::TEN;
        while exp != 0 {
            let step = if exp > 0 {
                exact_mul(num, ten)
                    .map(|n| num = n)
                    .or_else(|| div10(den).map(|d| den = d))
            } else {
                div10(num)
                    .map(|n| num = n)
                    .or_else(|| exact_mul(den, ten).map(|d| den = d))
            };
            if step.is_none() {
                break;
            }
            exp -= exp.signum();
        }
        Ratio { num, den, exp }
    }
}

/// `x / 10` exactly, when a decimal holds it.
fn div10(x: Decimal) -> Option<Decimal> {
    if x.scale() < 28 {
        Decimal::try_from_i128_with_scale(x.mantissa(), x.scale() + 1).ok()
    } else if x.mantissa() % 10 == 0 {
        Decimal::try_from_i128_with_scale(x.mantissa() / 10, x.scale()).ok()
    } else {
        None
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
    /// For a generated prefixed unit: the prefix and the typed unit it stands before.
    pub(crate) prefixed: Option<(&'static Prefix, &'static str)>,
}

const L: Dimension = Dimension::new([1, 0, 0, 0, 0, 0, 0]);
const L2: Dimension = Dimension::new([2, 0, 0, 0, 0, 0, 0]);
const L3: Dimension = Dimension::new([3, 0, 0, 0, 0, 0, 0]);
const M: Dimension = Dimension::new([0, 1, 0, 0, 0, 0, 0]);
const T: Dimension = Dimension::new([0, 0, 1, 0, 0, 0, 0]);
const TEMP: Dimension = Dimension::new([0, 0, 0, 0, 1, 0, 0]);
const AMOUNT: Dimension = Dimension::new([0, 0, 0, 0, 0, 1, 0]);
const FORCE: Dimension = Dimension::new([1, 1, -2, 0, 0, 0, 0]);
const PRESSURE: Dimension = Dimension::new([-1, 1, -2, 0, 0, 0, 0]);
const ENERGY: Dimension = Dimension::new([2, 1, -2, 0, 0, 0, 0]);
const POWER: Dimension = Dimension::new([2, 1, -3, 0, 0, 0, 0]);
const VOLT: Dimension = Dimension::new([2, 1, -3, -1, 0, 0, 0]);
const CURRENT: Dimension = Dimension::new([0, 0, 0, 1, 0, 0, 0]);
const OHM: Dimension = Dimension::new([2, 1, -3, -2, 0, 0, 0]);
const SIEMENS: Dimension = Dimension::new([-2, -1, 3, 2, 0, 0, 0]);
const CHARGE: Dimension = Dimension::new([0, 0, 1, 1, 0, 0, 0]);
const FARAD: Dimension = Dimension::new([-2, -1, 4, 2, 0, 0, 0]);
const HENRY: Dimension = Dimension::new([2, 1, -2, -2, 0, 0, 0]);
const TESLA: Dimension = Dimension::new([0, 1, -2, -1, 0, 0, 0]);
const WEBER: Dimension = Dimension::new([2, 1, -2, -1, 0, 0, 0]);
const HERTZ: Dimension = Dimension::new([0, 0, -1, 0, 0, 0, 0]);
const DOSE: Dimension = Dimension::new([2, 0, -2, 0, 0, 0, 0]);
const VELOCITY: Dimension = Dimension::new([1, 0, -1, 0, 0, 0, 0]);
const LINEAR_DENSITY: Dimension = Dimension::new([-1, 1, 0, 0, 0, 0, 0]);
const LUMINOUS: Dimension = Dimension::new([0, 0, 0, 0, 0, 0, 1]);
const LUX: Dimension = Dimension::new([-2, 0, 0, 0, 0, 0, 1]);
const DIMLESS: Dimension = Dimension::new([0; 7]);
const ANGLE: Dimension = Dimension::angle(1, 0);
const ROTATION: Dimension = Dimension::angle(1, -1);

/// An SI prefix (SI Brochure, 9th edition, Table 7; GB 3100-1993 Table 5, with the four of
/// 2022): symbol, power of ten, English name, Chinese name (the short form GB 3100 allows).
#[derive(Debug)]
pub(crate) struct Prefix {
    pub(crate) symbol: &'static str,
    pub(crate) exp: i32,
    pub(crate) name: &'static str,
    pub(crate) zh: &'static str,
    /// Other spellings of the symbol: `u` and the Greek `μ` for the micro sign `µ`.
    pub(crate) aliases: &'static [&'static str],
}

const fn prefix(symbol: &'static str, exp: i32, name: &'static str, zh: &'static str) -> Prefix {
    Prefix {
        symbol,
        exp,
        name,
        zh,
        aliases: &[],
    }
}

/// The 24 SI prefixes, from 10⁻³⁰ to 10³⁰.
pub(crate) static SI_PREFIXES: [Prefix; 24] = [
    prefix("q", -30, "quecto", "亏"),
    prefix("r", -27, "ronto", "柔"),
    prefix("y", -24, "yocto", "幺"),
    prefix("z", -21, "zepto", "仄"),
    prefix("a", -18, "atto", "阿"),
    prefix("f", -15, "femto", "飞"),
    prefix("p", -12, "pico", "皮"),
    prefix("n", -9, "nano", "纳"),
    Prefix {
        symbol: "µ",
        exp: -6,
        name: "micro",
        zh: "微",
        aliases: &["u", "μ"],
    },
    prefix("m", -3, "milli", "毫"),
    prefix("c", -2, "centi", "厘"),
    prefix("d", -1, "deci", "分"),
    prefix("da", 1, "deca", "十"),
    prefix("h", 2, "hecto", "百"),
    prefix("k", 3, "kilo", "千"),
    prefix("M", 6, "mega", "兆"),
    prefix("G", 9, "giga", "吉"),
    prefix("T", 12, "tera", "太"),
    prefix("P", 15, "peta", "拍"),
    prefix("E", 18, "exa", "艾"),
    prefix("Z", 21, "zetta", "泽"),
    prefix("Y", 24, "yotta", "尧"),
    prefix("R", 27, "ronna", "容"),
    prefix("Q", 30, "quetta", "昆"),
];

/// Which SI prefixes a typed unit takes.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Takes {
    /// None: `kg` (already prefixed), `min`, `h`, `d`, `a`, `°C`, `%`, the non-SI units.
    No,
    /// All 24.
    All,
    /// Only these symbols (`bar`: `mbar` only).
    Only(&'static [&'static str]),
}

/// A typed unit: its row, the prefixes it takes, and what a prefix goes before.
pub(crate) struct Base {
    pub(crate) row: Entry,
    pub(crate) takes: Takes,
    /// 1, or 2 and 3 for a square and a cube (the prefix is squared or cubed: `cm³`).
    power: u8,
    /// ASCII and other spellings of the symbol that take a prefix symbol (`Wh` for `W·h`, `l`
    /// for `L`, `ohm` and `Ω` for `Ω`).
    symbols: &'static [&'static str],
    /// Words that take a prefix name (`watt` → `milliwatt`).
    words: &'static [&'static str],
    /// The Chinese names a Chinese prefix goes before, the first for the prefixed unit's name
    /// (`瓦`, `瓦特`: 毫瓦, also 毫瓦特); after 平方 / 立方 for a square or cube.
    zh_stems: &'static [&'static str],
}

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
            exp: 0,
        },
        offset: None,
        prefixed: None,
    }
}

/// A unit with the exact factor `num / den`.
const fn ratio_unit(
    symbol: &'static str,
    spellings: &'static [&'static str],
    en: &'static str,
    zh: &'static str,
    dimension: Dimension,
    num: Decimal,
    den: Decimal,
) -> Entry {
    Entry {
        symbol,
        spellings,
        en,
        zh,
        dimension,
        factor: Ratio { num, den, exp: 0 },
        offset: None,
        prefixed: None,
    }
}

/// A unit that takes no prefix.
const fn plain(row: Entry) -> Base {
    Base {
        row,
        takes: Takes::No,
        power: 1,
        symbols: &[],
        words: &[],
        zh_stems: &[],
    }
}

/// A unit that takes every SI prefix.
const fn si(
    row: Entry,
    symbols: &'static [&'static str],
    words: &'static [&'static str],
    zh_stems: &'static [&'static str],
) -> Base {
    Base {
        row,
        takes: Takes::All,
        power: 1,
        symbols,
        words,
        zh_stems,
    }
}

/// The square or cube of a unit that takes every SI prefix.
const fn si_power(row: Entry, power: u8, zh_stems: &'static [&'static str]) -> Base {
    Base {
        row,
        takes: Takes::All,
        power,
        symbols: &[],
        words: &[],
        zh_stems,
    }
}

/// The dimensionless unit `1`.
const ONE_ENTRY: Entry = unit("1", &["dimensionless"], "one", "一", DIMLESS, 1, 0);

/// The kilogram of standard coal equivalent, in joules: 29 307.6 kJ (GB/T 2589-2020, the term
/// 标准煤 / coal equivalent).
const KGCE: u64 = 29_307_600;

/// The units typed here, in table order. Order matters only for suggestions (earlier rows win
/// ties) and for `docs/units.md`; each one's prefixed units follow it.
pub(crate) static BASES: &[Base] = &[
    // dimensionless fractions
    plain(ONE_ENTRY),
    plain(unit(
        "%",
        &["percent", "％"],
        "percent",
        "百分之一",
        DIMLESS,
        1,
        2,
    )),
    plain(unit(
        "‰",
        &["permille"],
        "per mille",
        "千分之一",
        DIMLESS,
        1,
        3,
    )),
    plain(unit(
        "ppm",
        &[],
        "part per million",
        "百万分之一",
        DIMLESS,
        1,
        6,
    )),
    // plane and solid angle: the radian and the steradian are the coherent SI units (of
    // dimension one); the degree, minute, second and revolution are exact among themselves
    // but π away from the radian, so they have their own dimension.
    si(
        unit("rad", &["radian"], "radian", "弧度", DIMLESS, 1, 0),
        &[],
        &["radian"],
        &["弧度"],
    ),
    plain(unit(
        "sr",
        &["steradian"],
        "steradian",
        "球面度",
        DIMLESS,
        1,
        0,
    )),
    plain(unit("°", &["deg", "degree"], "degree", "度", ANGLE, 1, 0)),
    plain(ratio_unit(
        "′",
        &["arcmin"],
        "minute of arc",
        "角分",
        ANGLE,
        d(1, 0),
        d(60, 0),
    )),
    plain(ratio_unit(
        "″",
        &["arcsec"],
        "second of arc",
        "角秒",
        ANGLE,
        d(1, 0),
        d(3600, 0),
    )),
    plain(unit(
        "r",
        &["rev", "revolution"],
        "revolution",
        "转",
        ANGLE,
        360,
        0,
    )),
    plain(unit(
        "r/min",
        &["rpm", "转每分", "转/分", "r·min⁻¹"],
        "revolution per minute",
        "转每分",
        ROTATION,
        6,
        0,
    )),
    plain(unit(
        "r/s",
        &["rps", "转/秒"],
        "revolution per second",
        "转每秒",
        ROTATION,
        360,
        0,
    )),
    // length
    si(
        unit("m", &["meter", "metre"], "metre", "米", L, 1, 0),
        &[],
        &["meter", "metre"],
        &["米"],
    ),
    plain(unit("in", &["inch"], "inch", "英寸", L, 254, 4)),
    plain(unit("ft", &["foot", "feet"], "foot", "英尺", L, 3048, 4)),
    plain(unit(
        "n mile",
        &["nmi", "nautical mile"],
        "nautical mile",
        "海里",
        L,
        1852,
        0,
    )),
    // area
    si_power(
        unit("m²", &[], "square metre", "平方米", L2, 1, 0),
        2,
        &["米"],
    ),
    plain(unit("ha", &["hectare"], "hectare", "公顷", L2, 10000, 0)),
    // volume
    si(
        unit("L", &["l", "liter", "litre", "ℓ"], "litre", "升", L3, 1, 3),
        &["l"],
        &["liter", "litre"],
        &["升"],
    ),
    si_power(
        unit("m³", &[], "cubic metre", "立方米", L3, 1, 0),
        3,
        &["米"],
    ),
    // mass (the gram takes the prefixes; its kilo is the kilogram)
    si(
        unit("g", &["gram"], "gram", "克", M, 1, 3),
        &[],
        &["gram"],
        &["克"],
    ),
    plain(unit("t", &["tonne"], "tonne", "吨", M, 1000, 0)),
    plain(unit("lb", &["pound"], "pound", "磅", M, 45359237, 8)),
    plain(ratio_unit(
        "u",
        &["Da", "dalton"],
        "unified atomic mass unit",
        "原子质量单位",
        M,
        // 1.660 539 066 60 × 10⁻²⁷ kg (CODATA 2018), as 1.660 539 066 60 × 10⁻¹⁷ / 10¹⁰.
        d(166053906660, 28),
        d(10000000000, 0),
    )),
    // time
    si(
        unit("s", &["second", "sec"], "second", "秒", T, 1, 0),
        &[],
        &["second"],
        &["秒"],
    ),
    plain(unit("min", &["minute"], "minute", "分钟", T, 60, 0)),
    plain(unit("h", &["hour", "hr", "时"], "hour", "小时", T, 3600, 0)),
    plain(unit("d", &["day", "日"], "day", "天", T, 86400, 0)),
    plain(unit(
        "a",
        &["year", "yr", "julian year"],
        "Julian year (365.25 d)",
        "年",
        T,
        31557600,
        0,
    )),
    plain(unit(
        "a_365",
        &["common year", "a365"],
        "common year (365 d)",
        "平年",
        T,
        31536000,
        0,
    )),
    plain(unit(
        "month",
        &[],
        "month (Julian year / 12)",
        "月",
        T,
        2629800,
        0,
    )),
    // temperature
    si(
        unit("K", &["kelvin"], "kelvin", "开尔文", TEMP, 1, 0),
        &[],
        &["kelvin"],
        &["开", "开尔文"],
    ),
    plain(Entry {
        symbol: "°C",
        spellings: &["degC", "℃", "celsius"],
        en: "degree Celsius",
        zh: "摄氏度",
        dimension: TEMP,
        factor: Ratio::ONE,
        offset: Some(d(27315, 2)),
        prefixed: None,
    }),
    plain(Entry {
        symbol: "°F",
        spellings: &["degF", "℉", "fahrenheit"],
        en: "degree Fahrenheit",
        zh: "华氏度",
        dimension: TEMP,
        factor: Ratio {
            num: d(5, 0),
            den: d(9, 0),
            exp: 0,
        },
        offset: Some(d(45967, 2)),
        prefixed: None,
    }),
    // amount of substance
    si(
        unit("mol", &["mole"], "mole", "摩尔", AMOUNT, 1, 0),
        &[],
        &["mole"],
        &["摩", "摩尔"],
    ),
    // velocity
    plain(ratio_unit(
        "kn",
        &["knot"],
        "knot (n mile/h)",
        "节",
        VELOCITY,
        d(1852, 0),
        d(3600, 0),
    )),
    // force
    si(
        unit("N", &["newton"], "newton", "牛顿", FORCE, 1, 0),
        &[],
        &["newton"],
        &["牛", "牛顿"],
    ),
    plain(unit(
        "lbf",
        &[],
        "pound-force",
        "磅力",
        FORCE,
        44482216152605,
        13,
    )),
    // pressure
    si(
        unit("Pa", &["pascal"], "pascal", "帕斯卡", PRESSURE, 1, 0),
        &[],
        &["pascal"],
        &["帕", "帕斯卡"],
    ),
    Base {
        row: unit("bar", &[], "bar", "巴", PRESSURE, 100000, 0),
        takes: Takes::Only(&["m"]),
        power: 1,
        symbols: &[],
        words: &["bar"],
        zh_stems: &["巴"],
    },
    plain(unit(
        "atm",
        &[],
        "standard atmosphere",
        "标准大气压",
        PRESSURE,
        101325,
        0,
    )),
    plain(ratio_unit(
        "psi",
        &[],
        "pound-force per square inch",
        "磅力每平方英寸",
        PRESSURE,
        d(44482216152605, 13),
        d(64516, 8),
    )),
    // energy
    si(
        unit("J", &["joule"], "joule", "焦耳", ENERGY, 1, 0),
        &[],
        &["joule"],
        &["焦", "焦耳"],
    ),
    si(
        unit("W·h", &["Wh"], "watt hour", "瓦时", ENERGY, 3600, 0),
        &["Wh"],
        &[],
        &["瓦时", "瓦特小时"],
    ),
    si(
        ratio_unit(
            "eV",
            &["electronvolt"],
            "electronvolt",
            "电子伏",
            ENERGY,
            // 1.602 176 634 × 10⁻¹⁹ J exactly (SI 2019).
            d(1602176634, 28),
            Decimal::ONE,
        ),
        &[],
        &["electronvolt"],
        &["电子伏", "电子伏特"],
    ),
    plain(unit(
        "gce",
        &["克标准煤"],
        "gram of coal equivalent",
        "克标准煤",
        ENERGY,
        KGCE / 100,
        1,
    )),
    plain(unit(
        "kgce",
        &["千克标准煤", "kg标准煤"],
        "kilogram of coal equivalent",
        "千克标准煤",
        ENERGY,
        KGCE,
        0,
    )),
    plain(unit(
        "tce",
        &["吨标准煤", "t标准煤"],
        "tonne of coal equivalent",
        "吨标准煤",
        ENERGY,
        KGCE * 1000,
        0,
    )),
    // power
    si(
        unit("W", &["watt"], "watt", "瓦特", POWER, 1, 0),
        &[],
        &["watt"],
        &["瓦", "瓦特"],
    ),
    // electric and magnetic
    si(
        unit("V", &["volt"], "volt", "伏特", VOLT, 1, 0),
        &[],
        &["volt"],
        &["伏", "伏特"],
    ),
    si(
        unit("A", &["ampere", "amp"], "ampere", "安培", CURRENT, 1, 0),
        &[],
        &["ampere"],
        &["安", "安培"],
    ),
    si(
        unit("Ω", &["ohm", "Ω"], "ohm", "欧姆", OHM, 1, 0),
        &["Ω", "ohm"],
        &["ohm"],
        &["欧", "欧姆"],
    ),
    si(
        unit("S", &["siemens"], "siemens", "西门子", SIEMENS, 1, 0),
        &[],
        &["siemens"],
        &["西", "西门子"],
    ),
    si(
        unit("C", &["coulomb"], "coulomb", "库仑", CHARGE, 1, 0),
        &[],
        &["coulomb"],
        &["库", "库仑"],
    ),
    si(
        unit("F", &["farad"], "farad", "法拉", FARAD, 1, 0),
        &[],
        &["farad"],
        &["法", "法拉"],
    ),
    si(
        unit("H", &["henry"], "henry", "亨利", HENRY, 1, 0),
        &[],
        &["henry"],
        &["亨", "亨利"],
    ),
    si(
        unit("T", &["tesla"], "tesla", "特斯拉", TESLA, 1, 0),
        &[],
        &["tesla"],
        &["特", "特斯拉"],
    ),
    si(
        unit("Wb", &["weber"], "weber", "韦伯", WEBER, 1, 0),
        &[],
        &["weber"],
        &["韦", "韦伯"],
    ),
    // frequency, radioactivity, dose
    si(
        unit("Hz", &["hertz"], "hertz", "赫兹", HERTZ, 1, 0),
        &[],
        &["hertz"],
        &["赫", "赫兹"],
    ),
    si(
        unit("Bq", &["becquerel"], "becquerel", "贝可勒尔", HERTZ, 1, 0),
        &[],
        &["becquerel"],
        &["贝可", "贝可勒尔"],
    ),
    si(
        unit("Gy", &["gray"], "gray", "戈瑞", DOSE, 1, 0),
        &[],
        &["gray"],
        &["戈", "戈瑞"],
    ),
    si(
        unit("Sv", &["sievert"], "sievert", "希沃特", DOSE, 1, 0),
        &[],
        &["sievert"],
        &["希", "希沃特"],
    ),
    // linear density of yarns
    si(
        unit("tex", &[], "tex", "特克斯", LINEAR_DENSITY, 1, 6),
        &[],
        &["tex"],
        &["特克斯"],
    ),
    // luminous (the steradian is dimensionless, so lm has the dimension of cd)
    si(
        unit("cd", &["candela"], "candela", "坎德拉", LUMINOUS, 1, 0),
        &[],
        &["candela"],
        &["坎", "坎德拉"],
    ),
    si(
        unit("lm", &["lumen"], "lumen", "流明", LUMINOUS, 1, 0),
        &[],
        &["lumen"],
        &["流", "流明"],
    ),
    si(
        unit("lx", &["lux"], "lux", "勒克斯", LUX, 1, 0),
        &[],
        &["lux"],
        &["勒", "勒克斯"],
    ),
    // levels: compared as levels only
    plain(Entry {
        symbol: "dB",
        spellings: &["decibel"],
        en: "decibel",
        zh: "分贝",
        dimension: Dimension::level(Level::Decibel),
        factor: Ratio::ONE,
        offset: None,
        prefixed: None,
    }),
    plain(Entry {
        symbol: "dB(A)",
        spellings: &["dBA", "dB (A)"],
        en: "A-weighted decibel",
        zh: "A计权分贝",
        dimension: Dimension::level(Level::DecibelA),
        factor: Ratio::ONE,
        offset: None,
        prefixed: None,
    }),
];

/// Spellings of generated units beyond the rule (`micron`, `cc`, `公斤`).
const EXTRA: &[(&str, &[&str])] = &[
    ("km", &["公里"]),
    ("µm", &["micron"]),
    ("cm³", &["cc"]),
    ("kg", &["公斤"]),
    ("MΩ", &["megohm"]),
    ("kW·h", &["kilowatt hour"]),
];

/// Leaks a string built once for the table (the table lives as long as the program).
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn leak_all(v: Vec<&'static str>) -> &'static [&'static str] {
    Box::leak(v.into_boxed_slice())
}

/// The unit table: every typed unit followed by its prefixed units, built once.
pub(crate) fn table() -> &'static [Entry] {
    static TABLE: OnceLock<Vec<Entry>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut out = Vec::new();
        for base in BASES {
            let row = &base.row;
            let mut spellings: Vec<&'static str> = row.spellings.to_vec();
            for s in base.zh_stems {
                let s = if base.power == 1 {
                    *s
                } else {
                    leak(format!("{}{s}", head_zh(base.power)))
                };
                if s != row.zh && !spellings.contains(&s) {
                    spellings.push(s);
                }
            }
            out.push(Entry {
                spellings: leak_all(spellings),
                ..clone_entry(row)
            });
            for p in SI_PREFIXES.iter().filter(|p| takes(base.takes, p)) {
                out.push(prefixed(base, p));
            }
        }
        out
    })
}

fn takes(takes: Takes, p: &Prefix) -> bool {
    match takes {
        Takes::No => false,
        Takes::All => true,
        Takes::Only(list) => list.contains(&p.symbol),
    }
}

fn clone_entry(e: &Entry) -> Entry {
    Entry {
        symbol: e.symbol,
        spellings: e.spellings,
        en: e.en,
        zh: e.zh,
        dimension: e.dimension,
        factor: e.factor,
        offset: e.offset,
        prefixed: e.prefixed,
    }
}

fn head_zh(power: u8) -> &'static str {
    match power {
        2 => "平方",
        3 => "立方",
        _ => "",
    }
}

/// The row of `p` before `base`.
fn prefixed(base: &Base, p: &'static Prefix) -> Entry {
    let row = &base.row;
    let symbol = leak(format!("{}{}", p.symbol, row.symbol));
    let mut spellings: Vec<&'static str> = Vec::new();
    let mut push = |s: String| {
        if s != symbol && !spellings.contains(&s.as_str()) {
            spellings.push(leak(s));
        }
    };
    let symbols = std::iter::once(row.symbol).chain(base.symbols.iter().copied());
    for s in symbols {
        for ps in std::iter::once(p.symbol).chain(p.aliases.iter().copied()) {
            push(format!("{ps}{s}"));
        }
    }
    for w in base.words {
        push(format!("{}{w}", p.name));
    }
    let head = head_zh(base.power);
    for z in base.zh_stems.iter().skip(1) {
        push(format!("{head}{}{z}", p.zh));
    }
    if let Some((_, extra)) = EXTRA.iter().find(|(s, _)| *s == symbol) {
        for e in *extra {
            push((*e).to_owned());
        }
    }
    let stem = base.zh_stems.first().copied().unwrap_or(row.zh);
    let zh = leak(format!("{head}{}{stem}", p.zh));
    let en = match base.power {
        2 => format!("square {}{}", p.name, row.en.trim_start_matches("square ")),
        3 => format!("cubic {}{}", p.name, row.en.trim_start_matches("cubic ")),
        _ => format!("{}{}", p.name, row.en),
    };
    let exp = p.exp * i32::from(base.power);
    Entry {
        symbol,
        spellings: leak_all(spellings),
        en: leak(en),
        zh,
        dimension: row.dimension,
        factor: Ratio {
            exp: row.factor.exp + exp,
            ..row.factor
        }
        .folded(),
        offset: None,
        prefixed: Some((p, row.symbol)),
    }
}

/// The dimensionless row `1`.
pub(crate) fn one() -> &'static Entry {
    // The first row of the table is `1`.
    table().first().unwrap_or(&ONE_STATIC)
}

static ONE_STATIC: Entry = ONE_ENTRY;

/// Every accepted spelling (symbol, spellings, Chinese name) → row index. Built once, never
/// changed afterwards.
fn index() -> &'static HashMap<&'static str, usize> {
    static INDEX: OnceLock<HashMap<&'static str, usize>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map = HashMap::new();
        // Typed rows first, so that a generated spelling never replaces a typed one (`cd` is the
        // candela, not centi·day).
        for typed in [true, false] {
            for (i, e) in table().iter().enumerate() {
                if e.prefixed.is_none() != typed {
                    continue;
                }
                for s in std::iter::once(&e.symbol)
                    .chain(e.spellings)
                    .chain(std::iter::once(&e.zh))
                {
                    map.entry(*s).or_insert(i);
                }
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
        table()
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

/// The positions in [`spellings`] of every spelling, by its length in characters. Built once.
fn by_length() -> &'static HashMap<usize, Vec<usize>> {
    static BY_LENGTH: OnceLock<HashMap<usize, Vec<usize>>> = OnceLock::new();
    BY_LENGTH.get_or_init(|| {
        let mut map: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, (_, _, chars)) in spellings().iter().enumerate() {
            map.entry(chars.len()).or_default().push(i);
        }
        map
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
    index().get(text).and_then(|&i| table().get(i))
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
        same_factor(entry, exp, base).then_some(prefix)
    })
}

/// The ratio as an exact fraction `n / d` of big integers.
pub(crate) fn big_ratio(r: Ratio) -> (num_bigint::BigInt, num_bigint::BigInt) {
    use num_bigint::BigInt;
    let ten = |n: u32| BigInt::from(10u32).pow(n);
    let mut n = BigInt::from(r.num.mantissa()) * ten(r.den.scale());
    let mut d = BigInt::from(r.den.mantissa()) * ten(r.num.scale());
    if r.exp >= 0 {
        n *= ten(r.exp.unsigned_abs());
    } else {
        d *= ten(r.exp.unsigned_abs());
    }
    (n, d)
}

/// True when `a = b × 10^exp` exactly.
fn scaled_eq(a: Ratio, b: Ratio, exp: i32) -> bool {
    let Some(e) = b.exp.checked_add(exp) else {
        return false;
    };
    let (an, ad) = big_ratio(a);
    let (bn, bd) = big_ratio(Ratio { exp: e, ..b });
    an * bd == bn * ad
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
        // SI writes no prefix before a prefixed unit: `kgg` is no kilo·gigagram.
        let rows = by_lower_case().get(&rest.to_lowercase());
        out.extend(
            rows.into_iter()
                .flatten()
                .filter(|e| e.prefixed.is_none())
                .map(|&e| (exp, e)),
        );
    }
    out
}

/// True when `entry` has the factor of `base` with the prefix `10^exp` before it (or its
/// square or cube, for a squared or cubed unit).
fn same_factor(entry: &Entry, exp: i32, base: &Entry) -> bool {
    (1..=3).any(|n| {
        exp.checked_mul(n)
            .is_some_and(|e| scaled_eq(entry.factor, base.factor, e))
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
    match edit_distance(a, b, most_edits(a.len()))? {
        1 => Some(2),
        2 => Some(3),
        _ => None,
    }
}

/// The most edits [`nearness`] accepts in a text of `len` characters: none below four
/// characters, one below seven, two from seven on.
fn most_edits(len: usize) -> usize {
    match len {
        0..4 => 0,
        4..7 => 1,
        _ => 2,
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
    let mut best: Option<(u8, usize, &'static str)> = None;
    // No spelling more characters away than `nearness` accepts edits (a doubled character is
    // one away) can be near.
    let reach = most_edits(lower.len()).max(1);
    let near = (lower.len().saturating_sub(reach)..=lower.len() + reach)
        .filter_map(|n| by_length().get(&n))
        .flatten();
    for &i in near {
        let Some(&(s, e, ref spelled)) = spellings().get(i) else {
            continue;
        };
        let Some(mut rank) = nearness(&lower, spelled) else {
            continue;
        };
        // `K` for `k` is the usual slip, but a nearer spelling without it wins: `KW` is `kW`,
        // `Kk` is `K`, not the kilokelvin.
        if text.starts_with('K') && s.starts_with('k') {
            rank = rank.saturating_add(2);
        }
        // Table order: earlier rows win ties.
        if best.is_none_or(|(b, j, _)| (rank, i) < (b, j)) && keeps_prefix(text, s, e, &readings) {
            best = Some((rank, i, s));
        }
    }
    best.map(|(_, _, s)| s)
}

/// Levenshtein distance over characters (one row at a time), if it is at most `max`: `None`
/// as soon as every entry of a row exceeds `max` (the distance never falls again). Before any
/// row, two cheap bounds: the difference in length, and the characters of one word found
/// nowhere in the other (each takes an edit of its own; "nowhere" is read from a 64-bit set of
/// the characters modulo 64, which may only find too many).
fn edit_distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let bit = |c: char| 1u64 << (u32::from(c) % 64);
    let set = |s: &[char]| s.iter().fold(0u64, |m, &c| m | bit(c));
    let absent = |s: &[char], set: u64| s.iter().filter(|&&c| set & bit(c) == 0).count();
    if absent(a, set(b)) > max || absent(b, set(a)) > max {
        return None;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    let mut next: Vec<usize> = Vec::with_capacity(row.len());
    for (i, &ca) in a.iter().enumerate() {
        let (mut diagonal, mut left) = (i, i + 1);
        next.clear();
        next.push(left);
        let mut least = left;
        for (&cb, &up) in b.iter().zip(row.iter().skip(1)) {
            let v = (diagonal + usize::from(ca != cb)).min(up + 1).min(left + 1);
            diagonal = up;
            left = v;
            least = least.min(v);
            next.push(v);
        }
        if least > max {
            return None;
        }
        std::mem::swap(&mut row, &mut next);
    }
    row.last().copied().filter(|&d| d <= max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_are_unique() {
        let mut seen = HashMap::new();
        for (i, e) in table().iter().enumerate() {
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
        for e in table().iter().filter(|e| e.prefixed.is_none()) {
            for u in std::iter::once(e.symbol).chain(e.spellings.iter().copied()) {
                if prefix_of(u, e).is_some() {
                    continue; // SI writes no prefix before a prefixed unit
                }
                for &(prefix, exp) in PREFIXES {
                    let cases = if prefix.len() > 2 {
                        vec![u.to_owned()]
                    } else {
                        vec![u.to_owned(), u.to_lowercase(), u.to_uppercase()]
                    };
                    for v in cases {
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
        // Another case after the prefix keeps the prefix: `mw` is `mW`, never `MW`; `mpa` is
        // the millipascal, `Mpa` the megapascal.
        assert_eq!(suggest("mw"), Some("mW"));
        assert_eq!(suggest("mpa"), Some("mPa"));
        assert_eq!(suggest("khz"), Some("kHz"));
        assert_eq!(suggest("kv"), Some("kV"));
        for text in ["kbar", "microin", "Mbar", "kmin", "mft", "c°C"] {
            assert_eq!(suggest(text), None, "{text}");
        }
    }

    fn chars(s: &str) -> Vec<char> {
        s.to_lowercase().chars().collect()
    }

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance(&chars("kgg"), &chars("kg"), 9), Some(1));
        assert_eq!(edit_distance(&chars(""), &chars("kg"), 9), Some(2));
        assert_eq!(edit_distance(&chars("µm"), &chars("um"), 9), Some(1));
        assert_eq!(
            edit_distance(&chars("kitten"), &chars("sitting"), 9),
            Some(3)
        );
        // Past the bound: no distance, whether the lengths or a row tell.
        assert_eq!(edit_distance(&chars("kitten"), &chars("sitting"), 2), None);
        assert_eq!(edit_distance(&chars(""), &chars("kg"), 1), None);
        assert_eq!(edit_distance(&chars("abcd"), &chars("wxyz"), 3), None);
        assert_eq!(edit_distance(&chars("abcd"), &chars("wxyz"), 4), Some(4));
        // The letters are shared, the order is not: the rows tell.
        assert_eq!(edit_distance(&chars("abcd"), &chars("dcba"), 2), None);
        assert_eq!(edit_distance(&chars("abcd"), &chars("dcba"), 4), Some(4));
    }
}
