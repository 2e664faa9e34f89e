//! Standard numbers (标准编号): parsing, the canonical form, and the parts of a number.
//!
//! A [`StandardCode`] is read once from what people type and kept in one canonical form, which
//! is what it prints, serializes to and compares by. See the [module documentation](super) for
//! the families accepted and the rules of the canonical form.

use std::cmp::Ordering;
use std::fmt::{self, Write as _};
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{t, Error, Text};

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        EXPECTED_ASCII = "expected letters, digits and punctuation, found \"{0}\"", "应为字母、数字和标点，却是 \"{0}\"";
        TOO_LONG = "expected at most {0} characters", "应至多 {0} 个字符";
        TOO_LONG_CANONICAL = "expected at most {0} characters, written canonically as \"{1}\"",
            "应至多 {0} 个字符，规范写法为 \"{1}\"";
        NOTHING_AFTER = "expected nothing after \"{0}\", found \"{1}\"", "\"{0}\" 之后不应再有内容，却是 \"{1}\"";
        UNKNOWN_PREFIX = "expected a known prefix such as \"GB/T\", \"ISO\" or \"EN\", found \"{0}\"",
            "应为已知的标准代号，如 \"GB/T\"、\"ISO\" 或 \"EN\"，却是 \"{0}\"";
        FOUR_DIGIT_YEAR = "expected a four-digit year after \"{0}\"", "\"{0}\" 之后应为四位数的年份";
        TWO_OR_FOUR_DIGIT_YEAR = "expected a year of two or four digits after \"{0}\"", "\"{0}\" 之后应为两位或四位数的年份";
        EXPECTED_CODE = "expected a standard number such as \"GB/T 8170-2008\" or \"ISO 9001:2015\"",
            "应为标准编号，如 \"GB/T 8170-2008\" 或 \"ISO 9001:2015\"";
        EXPECTED_PREFIX = "expected a standard prefix such as \"GB/T\" or \"ISO\", found \"{0}\"",
            "应为标准代号，如 \"GB/T\" 或 \"ISO\"，却是 \"{0}\"";
        GROUP_CODE = "expected the group's code after \"T/\"", "\"T/\" 之后应为社会团体代号";
        PROVINCE = "expected a province code of two digits (or four or six for a city) after \"DB\"",
            "\"DB\" 之后应为两位数的省级行政区划代码（市级为四位或六位）";
        NUMBER_AFTER = "expected a number after \"{0}\"", "\"{0}\" 之后应为顺序号";
        ENTERPRISE = "expected the enterprise's code and number after \"Q/\"", "\"Q/\" 之后应为企业代号和顺序号";
        XG_NUMBER = "expected the amendment sheet's number after \"XG\"", "\"XG\" 之后应为修改单的编号";
        AMENDMENT_OR_ADOPTED = "expected an amendment sheet or an adopted standard after \"{0}\"",
            "\"{0}\" 之后应为修改单或所采用的标准";
        JIS_DIVISION = "expected a division letter after \"JIS\"", "\"JIS\" 之后应为部门字母";
        NUMBER_WITHOUT_POINTS = "expected a number without points after \"{0}\", found \"{1}\"",
            "\"{0}\" 之后应为不带点的顺序号，却是 \"{1}\"";
        MONTH_AFTER_YEAR = "expected a two-digit month after the year and \"-\"", "年份和 \"-\" 之后应为两位数的月份";
        AMENDMENT_AFTER_PLUS = "expected an amendment such as \"A1\" or \"AMD1\" after \"{0}+\"",
            "\"{0}+\" 之后应为修正案，如 \"A1\" 或 \"AMD1\"";
        AMENDMENT_NUMBER = "expected the amendment's number after \"{0}\"", "\"{0}\" 之后应为修正案的编号";
        ASTM_DESIGNATION = "expected a designation such as \"D3745\" after \"ASTM\"", "\"ASTM\" 之后应为标准号，如 \"D3745\"";
        ASTM_COMPANION = "expected the metric companion \"{0}\" after \"{1}/\"", "\"{1}/\" 之后应为对应的公制标准 \"{0}\"";
        REAPPROVAL_CLOSE = "expected \")\" after the year of reapproval", "重新确认的年份之后应为 \")\"";
        EDITORIAL = "expected the editorial change's number after \"e\"", "\"e\" 之后应为编辑性修改的序号";
        RECOMMENDATION = "expected a recommendation such as \"{0}\" after \"{1}\"", "\"{1}\" 之后应为建议书编号，如 \"{0}\"";
        MONTH_AFTER_PAREN = "expected a two-digit month after \"(\"", "\"(\" 之后应为两位数的月份";
        SLASH_MONTH_YEAR = "expected \"/\" between the month and the year", "月份和年份之间应为 \"/\"";
        CLOSE_AFTER_YEAR = "expected \")\" after the year", "年份之后应为 \")\"";
    }
}

/// What the error messages call the text being read.
const WHAT: &str = "standard number";

/// The longest text read at all (in characters); anything longer is refused before parsing.
pub(crate) const MAX_CODE_LEN: usize = 200;

/// The level of the body that issued a standard, as the benchmarking campaign sorts them.
///
/// Serialized in kebab-case (`"international"`, `"foreign"`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Level {
    /// International standards (国际标准): ISO, IEC, ISO/IEC, CISPR, ITU-T, ITU-R.
    International,
    /// Foreign standards (国外标准): EN, BS, DIN, NF, ASTM, JIS, ANSI, UL, IEEE, AS/NZS.
    Foreign,
    /// Chinese national standards (国家标准): GB, GB/T, GB/Z, GBZ.
    National,
    /// Chinese industry standards (行业标准): JB/T, YB/T, HJ, QB/T, SN/T, NY/T …
    Industry,
    /// Chinese local standards (地方标准): DB + province code, e.g. DB52/T.
    Local,
    /// Chinese group standards (团体标准): T/ + the group's code, e.g. T/CZGX.
    Group,
    /// Chinese enterprise standards (企业标准): Q/ + the enterprise's code.
    Enterprise,
}

impl Level {
    /// The kebab-case name, as serialized (`"international"`, `"enterprise"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Level::International => "international",
            Level::Foreign => "foreign",
            Level::National => "national",
            Level::Industry => "industry",
            Level::Local => "local",
            Level::Group => "group",
            Level::Enterprise => "enterprise",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The family of a standard number: who publishes it and therefore how it is written.
///
/// Serialized in kebab-case (`"iso-iec"`, `"astm"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Family {
    /// Chinese national standards: `GB 4706.1-2005`, `GB/T 8170-2008`, `GB/Z …`, `GBZ …`.
    National,
    /// Chinese industry standards: `JB/T 13368-2018`, `HJ 2.2-2018`.
    Industry,
    /// Chinese local standards: `DB52/T 380-2017`.
    Local,
    /// Chinese group standards: `T/CZGX 001-2022`.
    Group,
    /// Chinese enterprise standards: `Q/MP102-2021`.
    Enterprise,
    /// ISO alone and its deliverables: `ISO 9001:2015`, `ISO/TS …`, `ISO/TR …`.
    Iso,
    /// IEC alone and its deliverables: `IEC 60335-2-84:2005`, `IEC TS …`.
    Iec,
    /// Joint ISO/IEC (and ISO/IEC/IEEE) standards: `ISO/IEC 27001:2013`.
    IsoIec,
    /// CISPR (IEC's radio interference committee): `CISPR 14-1:2020`.
    Cispr,
    /// ITU recommendations: `ITU-T Rec. G.8013/Y.1731 (08/2019)`, `ITU-R BT.709-6`.
    Itu,
    /// European standards: `EN 60335-1:2012+A11:2014`, `EN ISO 12100:2010`.
    En,
    /// British standards: `BS EN ISO 4413:2010`, `BS 1363-1:2016`.
    Bs,
    /// German standards: `DIN EN ISO 9001:2015-11`.
    Din,
    /// French standards: `NF EN 60335-1`, `NF C 15-100`.
    Nf,
    /// ASTM International: `ASTM D3745/D3745M-95(2015)e1`.
    Astm,
    /// Japanese industrial standards: `JIS A 4422:2011`.
    Jis,
    /// American national standards: `ANSI Z87.1-2020`.
    Ansi,
    /// UL standards: `UL 94`, `UL 60335-2-40`.
    Ul,
    /// IEEE standards: `IEEE 802.3-2018`.
    Ieee,
    /// Australian and New Zealand standards: `AS/NZS 3112:2017`.
    AsNzs,
}

impl Family {
    /// The level of the bodies of this family.
    pub fn level(self) -> Level {
        match self {
            Family::National => Level::National,
            Family::Industry => Level::Industry,
            Family::Local => Level::Local,
            Family::Group => Level::Group,
            Family::Enterprise => Level::Enterprise,
            Family::Iso | Family::Iec | Family::IsoIec | Family::Cispr | Family::Itu => {
                Level::International
            }
            Family::En
            | Family::Bs
            | Family::Din
            | Family::Nf
            | Family::Astm
            | Family::Jis
            | Family::Ansi
            | Family::Ul
            | Family::Ieee
            | Family::AsNzs => Level::Foreign,
        }
    }

    /// How numbers of this family are written.
    fn syntax(self) -> Syntax {
        match self {
            Family::National
            | Family::Industry
            | Family::Local
            | Family::Group
            | Family::Enterprise => Syntax::Chinese,
            Family::Itu => Syntax::Itu,
            Family::Astm => Syntax::Astm,
            Family::Ieee | Family::Ansi => Syntax::HyphenYear,
            _ => Syntax::ColonYear,
        }
    }
}

/// The grammars behind the families.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syntax {
    /// `PREFIX NUMBER-YEAR/XG1-YEAR/ADOPTED`.
    Chinese,
    /// `PREFIX NUMBER-PART-PART:YEAR/Amd 1:YEAR CSV` (ISO, IEC, EN, BS, DIN, JIS …).
    ColonYear,
    /// `PREFIX NUMBER-YEAR` with dotted numbers (IEEE, ANSI).
    HyphenYear,
    /// `ASTM D3745/D3745M-95(2015)e1`.
    Astm,
    /// `ITU-T Rec. G.8013/Y.1731 (08/2019)`.
    Itu,
}

/// The prefixes of the international and foreign families, as written in canonical form.
const PREFIXES: &[(&str, Family)] = &[
    ("ISO/IEC/IEEE", Family::IsoIec),
    ("ISO/IEC TS", Family::IsoIec),
    ("ISO/IEC TR", Family::IsoIec),
    ("ISO/IEC", Family::IsoIec),
    ("ISO/TS", Family::Iso),
    ("ISO/TR", Family::Iso),
    ("ISO/PAS", Family::Iso),
    ("ISO/ASTM", Family::Iso),
    ("ISO", Family::Iso),
    ("IEC/IEEE", Family::Iec),
    ("IEC TS", Family::Iec),
    ("IEC TR", Family::Iec),
    ("IEC PAS", Family::Iec),
    ("IEC/TS", Family::Iec),
    ("IEC/TR", Family::Iec),
    ("IEC", Family::Iec),
    ("CISPR", Family::Cispr),
    ("ITU-T", Family::Itu),
    ("ITU-R", Family::Itu),
    ("EN", Family::En),
    ("EN ISO", Family::En),
    ("EN IEC", Family::En),
    ("BS", Family::Bs),
    ("BS EN", Family::Bs),
    ("BS EN ISO", Family::Bs),
    ("BS EN IEC", Family::Bs),
    ("BS ISO", Family::Bs),
    ("BS IEC", Family::Bs),
    ("DIN", Family::Din),
    ("DIN EN", Family::Din),
    ("DIN EN ISO", Family::Din),
    ("DIN EN IEC", Family::Din),
    ("DIN ISO", Family::Din),
    ("DIN IEC", Family::Din),
    ("NF", Family::Nf),
    ("NF EN", Family::Nf),
    ("NF EN ISO", Family::Nf),
    ("NF ISO", Family::Nf),
    ("ASTM", Family::Astm),
    ("JIS", Family::Jis),
    ("ANSI", Family::Ansi),
    ("ANSI/UL", Family::Ansi),
    ("ANSI/IEEE", Family::Ansi),
    ("UL", Family::Ul),
    ("IEEE", Family::Ieee),
    ("AS/NZS", Family::AsNzs),
    ("AS", Family::AsNzs),
    ("NZS", Family::AsNzs),
];

/// What an amendment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum AmendmentKind {
    /// An amendment (ISO `Amd 2:2020`, IEC `AMD1:2017`, CEN/CENELEC `A11:2014`).
    Amendment,
    /// A technical corrigendum (ISO `Cor 1:2007`, IEC `COR1:2019`).
    Corrigendum,
    /// A Chinese amendment sheet (修改单): `XG1-2006`.
    ModificationSheet,
}

/// How an amendment was spelt; each publisher has its own and the canonical form keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spelling {
    /// ISO `Amd 2`.
    IsoAmd,
    /// IEC `AMD2`.
    IecAmd,
    /// ISO `Cor 1`.
    IsoCor,
    /// IEC `COR1`.
    IecCor,
    /// CEN/CENELEC `A11`.
    En,
    /// Chinese `XG1`.
    Xg,
}

/// One amendment or corrigendum attached to a standard number (`/Amd 2:2020`, `+A11:2014`,
/// `/XG1-2006`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amendment {
    spelling: Spelling,
    number: u32,
    year: Option<u16>,
    /// Joined with `+` (incorporated, as in a consolidated edition) rather than `/`.
    plus: bool,
}

impl Amendment {
    /// Amendment, corrigendum or Chinese amendment sheet.
    pub fn kind(&self) -> AmendmentKind {
        match self.spelling {
            Spelling::IsoAmd | Spelling::IecAmd | Spelling::En => AmendmentKind::Amendment,
            Spelling::IsoCor | Spelling::IecCor => AmendmentKind::Corrigendum,
            Spelling::Xg => AmendmentKind::ModificationSheet,
        }
    }

    /// The amendment's sequence number (`2` in `Amd 2:2020`, `11` in `A11:2014`).
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The amendment's year, four digits, if written.
    pub fn year(&self) -> Option<u16> {
        self.year
    }

    /// True when the amendment is joined with `+` (incorporated into a consolidated text),
    /// false for `/`.
    pub fn is_incorporated(&self) -> bool {
        self.plus
    }
}

impl fmt::Display for Amendment {
    /// Writes the amendment with its joiner: `/Amd 2:2020`, `+AMD1:1999`, `/XG1-2006`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char(if self.plus { '+' } else { '/' })?;
        let n = self.number;
        match self.spelling {
            Spelling::IsoAmd => write!(f, "Amd {n}")?,
            Spelling::IecAmd => write!(f, "AMD{n}")?,
            Spelling::IsoCor => write!(f, "Cor {n}")?,
            Spelling::IecCor => write!(f, "COR{n}")?,
            Spelling::En => write!(f, "A{n}")?,
            Spelling::Xg => write!(f, "XG{n}")?,
        }
        match (self.year, self.spelling) {
            (Some(y), Spelling::Xg) => write!(f, "-{y:04}"),
            (Some(y), _) => write!(f, ":{y:04}"),
            (None, _) => Ok(()),
        }
    }
}

/// A standard number (标准编号) such as `GB/T 8170-2008`, `ISO 14044:2006/Amd 2:2020` or
/// `ASTM A36/A36M-19`, held in canonical form.
///
/// Read it with [`FromStr`] (`"GB/T8170—2008".parse()`), print it with [`Display`](fmt::Display).
/// Equality, hashing and ordering use the canonical text, so `GB/T8170-2008` and
/// `GB/T 8170-2008` are the same key. Serde writes the canonical string and reads any accepted
/// spelling.
///
/// ```
/// use duibiao::{Level, StandardCode};
///
/// let code: StandardCode = "GB/T8170—2008".parse()?;
/// assert_eq!(code.to_string(), "GB/T 8170-2008");
/// assert_eq!(code.prefix(), "GB/T");
/// assert_eq!(code.number(), "8170");
/// assert_eq!(code.year(), Some(2008));
/// assert_eq!(code.level(), Level::National);
///
/// let dual: StandardCode = "GB/T 19001-2016/ISO 9001:2015".parse()?;
/// assert_eq!(dual.adopted().map(|c| c.to_string()), Some("ISO 9001:2015".to_owned()));
/// # Ok::<(), duibiao::Error>(())
/// ```
#[derive(Clone)]
pub struct StandardCode {
    family: Family,
    /// `GB/T`, `DB52/T` (`DB11` for a mandatory local standard), `T/CZGX`, `Q/`, `ISO/IEC`,
    /// `ITU-T`, `ASTM`.
    prefix: String,
    /// ITU only: the word `Rec.` was written.
    rec: bool,
    /// JIS and NF: the division letter (`A` in `JIS A 4422`).
    division: Option<char>,
    /// The main number: `4706.1`, `60335`, `D3745`, `G.8013`, `MP102`.
    number: String,
    /// ASTM's metric companion (`D3745M`) or ITU's second number (`Y.1731`).
    companion: Option<String>,
    /// Hyphenated parts after the number (`2`, `84`); ITU-R: the revision.
    parts: Vec<String>,
    year: Option<u16>,
    /// DIN edition month (`:2015-11`) or ITU approval month (`(08/2019)`).
    month: Option<u8>,
    /// ASTM: revision letter after the year (`-19a`).
    year_letter: Option<char>,
    /// ASTM: year of reapproval (`(2015)`).
    reapproved: Option<u16>,
    /// ASTM: editorial change (`e1`).
    editorial: Option<u32>,
    amendments: Vec<Amendment>,
    /// IEC publication form after a space: `CSV`, `RLV`, `EXV`.
    form: Option<&'static str>,
    /// Chinese dual number: the adopted standard after the slash.
    adopted: Option<Box<StandardCode>>,
    /// The canonical text, computed once.
    canonical: String,
}

impl StandardCode {
    /// The family (who publishes the standard and how its numbers are written).
    pub fn family(&self) -> Family {
        self.family
    }

    /// The level of the issuing body (international, foreign, national, industry, local,
    /// group, enterprise).
    pub fn level(&self) -> Level {
        self.family.level()
    }

    /// The prefix as written in canonical form: `GB/T`, `JB/T`, `DB52/T`, `T/CZGX`, `Q/`,
    /// `ISO/IEC`, `BS EN ISO`, `ITU-T`, `ASTM`. A mandatory local standard gives `DB11`.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The main number without parts or year: `4706.1`, `001`, `MP102`, `60335`, `D3745`,
    /// `G.8013`. Zero padding is kept.
    pub fn number(&self) -> &str {
        &self.number
    }

    /// The hyphenated parts after the number: `["2", "84"]` for `IEC 60335-2-84:2005`; for
    /// ITU-R the revision (`["6"]` for `ITU-R BT.709-6`). Chinese part numbers use a point
    /// and stay in [`number`](Self::number).
    pub fn parts(&self) -> &[String] {
        &self.parts
    }

    /// The division letter of JIS (and NF) numbers: `A` in `JIS A 4422:2011`.
    pub fn division(&self) -> Option<char> {
        self.division
    }

    /// The second number of the same document: ASTM's metric companion (`D3745M`) or ITU's
    /// common number (`Y.1731` in `G.8013/Y.1731`).
    pub fn companion(&self) -> Option<&str> {
        self.companion.as_deref()
    }

    /// The year of the edition, four digits: `2008` for `GB/T 8170-2008`, `1987` for
    /// `GB 8170-87`, `2019` for `ASTM A36/A36M-19`, `2006` for `ISO 14044:2006/Amd 2:2020`
    /// (the base edition, not the amendment), `2019` for `ITU-T Rec. G.8013/Y.1731 (08/2019)`.
    /// `None` for an undated reference.
    pub fn year(&self) -> Option<u16> {
        self.year
    }

    /// True when the number names an edition by its year; an undated reference (`GB 6952`)
    /// means the latest edition.
    pub fn is_dated(&self) -> bool {
        self.year.is_some()
    }

    /// The amendments, corrigenda and Chinese amendment sheets, in written order.
    pub fn amendments(&self) -> &[Amendment] {
        &self.amendments
    }

    /// The adopted standard of a Chinese dual number: `ISO 9001:2015` for
    /// `GB/T 19001-2016/ISO 9001:2015`.
    pub fn adopted(&self) -> Option<&StandardCode> {
        self.adopted.as_deref()
    }

    /// The same number without its year, amendments or adopted standard: the reference to the
    /// latest edition (`GB/T 8170` for `GB/T 8170-2008`).
    pub fn undated(&self) -> StandardCode {
        let mut code = self.clone();
        code.year = None;
        code.month = None;
        code.year_letter = None;
        code.reapproved = None;
        code.editorial = None;
        code.amendments.clear();
        code.form = None;
        code.adopted = None;
        code.canonical = code.render();
        code
    }

    /// A plain view of the parts, for printing as JSON.
    pub fn details(&self) -> StandardCodeParts {
        StandardCodeParts {
            canonical: self.canonical.clone(),
            level: self.level(),
            family: self.family,
            prefix: self.prefix.clone(),
            number: self.number.clone(),
            parts: self.parts.clone(),
            division: self.division,
            companion: self.companion.clone(),
            year: self.year,
            amendments: self.amendments.iter().map(|a| a.to_string()).collect(),
            adopted: self.adopted.as_ref().map(|a| Box::new(a.details())),
        }
    }

    /// Writes the canonical text.
    fn render(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = self.write_canonical(&mut out);
        out
    }

    fn write_canonical(&self, f: &mut String) -> fmt::Result {
        match self.family.syntax() {
            Syntax::Chinese => {
                match self.family {
                    Family::Enterprise => write!(f, "{}{}", self.prefix, self.number)?,
                    Family::Local if !self.prefix.contains('/') => {
                        write!(f, "{}/ {}", self.prefix, self.number)?
                    }
                    _ => write!(f, "{} {}", self.prefix, self.number)?,
                }
                if let Some(y) = self.year {
                    write!(f, "-{y:04}")?;
                }
            }
            Syntax::ColonYear | Syntax::HyphenYear => {
                f.push_str(&self.prefix);
                f.push(' ');
                if let Some(d) = self.division {
                    write!(f, "{d} ")?;
                }
                f.push_str(&self.number);
                for p in &self.parts {
                    write!(f, "-{p}")?;
                }
                if let Some(y) = self.year {
                    if self.family.syntax() == Syntax::HyphenYear {
                        write!(f, "-{y:04}")?;
                    } else {
                        write!(f, ":{y:04}")?;
                    }
                }
                if let Some(m) = self.month {
                    write!(f, "-{m:02}")?;
                }
            }
            Syntax::Astm => {
                write!(f, "{} {}", self.prefix, self.number)?;
                if let Some(c) = &self.companion {
                    write!(f, "/{c}")?;
                }
                if let Some(y) = self.year {
                    if (1950..=2049).contains(&y) {
                        write!(f, "-{:02}", y % 100)?;
                    } else {
                        write!(f, "-{y:04}")?;
                    }
                }
                if let Some(l) = self.year_letter {
                    f.push(l);
                }
                if let Some(r) = self.reapproved {
                    write!(f, "({r:04})")?;
                }
                if let Some(e) = self.editorial {
                    write!(f, "e{e}")?;
                }
            }
            Syntax::Itu => {
                f.push_str(&self.prefix);
                if self.rec {
                    f.push_str(" Rec.");
                }
                write!(f, " {}", self.number)?;
                if let Some(c) = &self.companion {
                    write!(f, "/{c}")?;
                }
                for p in &self.parts {
                    write!(f, "-{p}")?;
                }
                if let (Some(m), Some(y)) = (self.month, self.year) {
                    write!(f, " ({m:02}/{y:04})")?;
                }
            }
        }
        for a in &self.amendments {
            write!(f, "{a}")?;
        }
        if let Some(form) = self.form {
            write!(f, " {form}")?;
        }
        if let Some(a) = &self.adopted {
            write!(f, "/{a}")?;
        }
        Ok(())
    }
}

/// The parts of a [`StandardCode`] as plain data, for the command line's JSON output
/// (`duibiao code TEXT --format json`). Built by [`StandardCode::details`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct StandardCodeParts {
    /// The canonical text.
    pub canonical: String,
    /// The level of the issuing body.
    pub level: Level,
    /// The family.
    pub family: Family,
    /// The prefix (`GB/T`, `ISO/IEC`).
    pub prefix: String,
    /// The main number (`4706.1`, `60335`).
    pub number: String,
    /// Hyphenated parts (`["2", "84"]`).
    pub parts: Vec<String>,
    /// JIS / NF division letter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub division: Option<char>,
    /// ASTM metric companion or ITU common number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub companion: Option<String>,
    /// Year of the edition, four digits; `null` when undated.
    pub year: Option<u16>,
    /// Amendments in canonical text with their joiner (`/Amd 2:2020`).
    pub amendments: Vec<String>,
    /// The adopted standard of a Chinese dual number.
    pub adopted: Option<Box<StandardCodeParts>>,
}

impl fmt::Display for StandardCode {
    /// Writes the canonical form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical)
    }
}

impl fmt::Debug for StandardCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "StandardCode({:?})", self.canonical)
    }
}

impl PartialEq for StandardCode {
    fn eq(&self, other: &Self) -> bool {
        self.canonical == other.canonical
    }
}

impl Eq for StandardCode {}

impl Hash for StandardCode {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.canonical.hash(state);
    }
}

impl PartialOrd for StandardCode {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for StandardCode {
    /// Orders by canonical text.
    fn cmp(&self, other: &Self) -> Ordering {
        self.canonical.cmp(&other.canonical)
    }
}

impl FromStr for StandardCode {
    type Err = Error;

    /// Reads a standard number in any accepted spelling.
    ///
    /// # Errors
    ///
    /// A syntax error ([`Error::is_syntax`]) naming the part that was expected, for example
    /// `standard number "GB/T abc": expected a number after "GB/T"`.
    fn from_str(s: &str) -> Result<Self, Error> {
        parse(s)
    }
}

impl Serialize for StandardCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.canonical)
    }
}

impl<'de> Deserialize<'de> for StandardCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(crate::error::Error::into_serde)
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing

/// Maps what people type onto the ASCII the grammar reads: full-width forms, dashes, the
/// epsilon of ASTM editorial changes; collapses whitespace to single spaces and drops it next to
/// `/`, `+`, `-` and `:`.
fn normalize(original: &str) -> Result<String, Error> {
    let mut mapped: Vec<char> = Vec::with_capacity(original.len());
    for c in original.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' => '-',
            'ε' => 'e',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if !c.is_ascii() || c.is_ascii_control() {
            return Err(Error::syntax(
                WHAT,
                original,
                t!(msg::EXPECTED_ASCII, c.to_string()),
            ));
        }
        mapped.push(c);
    }
    let glue = |c: Option<&char>| matches!(c, Some('/' | '+' | '-' | ':') | None);
    let mut out = String::with_capacity(mapped.len());
    for (i, &c) in mapped.iter().enumerate() {
        if c == ' '
            && (glue(out.chars().last().as_ref())
                || out.ends_with(' ')
                || glue(
                    mapped
                        .get(i + 1..)
                        .and_then(|r| r.iter().find(|&&n| n != ' ')),
                ))
        {
            continue;
        }
        out.push(c);
    }
    Ok(out)
}

fn parse(text: &str) -> Result<StandardCode, Error> {
    let original = text.trim();
    if original.chars().count() > MAX_CODE_LEN {
        return Err(Error::invalid(
            WHAT,
            &crate::number::truncate(original),
            t!(msg::TOO_LONG, MAX_CODE_LEN),
        ));
    }
    let norm = normalize(original)?;
    let mut p = Parser {
        original,
        s: &norm,
        pos: 0,
    };
    let code = p.code(true)?;
    if !p.rest().is_empty() {
        return Err(p.error(t!(
            msg::NOTHING_AFTER,
            p.consumed().trim_end(),
            p.rest().trim_start()
        )));
    }
    // The canonical form may be longer than the text (`NF E2` → `NF E 2`): bound it too, so
    // that what displays always reads back (the canonical form is a fixed point).
    let canonical = code.to_string();
    if canonical.chars().count() > MAX_CODE_LEN {
        return Err(Error::invalid(
            WHAT,
            &crate::number::truncate(original),
            t!(
                msg::TOO_LONG_CANONICAL,
                MAX_CODE_LEN,
                crate::number::truncate(&canonical)
            ),
        ));
    }
    Ok(code)
}

/// A cursor over normalized (ASCII) text.
struct Parser<'a> {
    original: &'a str,
    s: &'a str,
    pos: usize,
}

fn is_year_start(c: Option<char>) -> bool {
    matches!(c, Some('0'..='9'))
}

/// Two-digit years (old Chinese standards, ASTM): `50`–`99` are 1950–1999, `00`–`49` are 2000–2049.
fn expand_two_digit_year(yy: u16) -> u16 {
    if yy >= 50 {
        1900 + yy
    } else {
        2000 + yy
    }
}

impl<'a> Parser<'a> {
    fn error(&self, detail: Text) -> Error {
        Error::syntax(WHAT, self.original, detail)
    }

    fn unknown_prefix(&self, letters: &str) -> Error {
        self.error(t!(msg::UNKNOWN_PREFIX, letters))
    }

    fn rest(&self) -> &'a str {
        self.s.get(self.pos..).unwrap_or("")
    }

    fn consumed(&self) -> &'a str {
        self.s.get(..self.pos).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.rest().chars().nth(n)
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn eat_str(&mut self, t: &str) -> bool {
        if self.rest().starts_with(t) {
            self.pos += t.len();
            true
        } else {
            false
        }
    }

    fn take_while(&mut self, f: impl Fn(char) -> bool) -> &'a str {
        let rest = self.rest();
        let len: usize = rest.chars().take_while(|&c| f(c)).map(char::len_utf8).sum();
        self.pos += len;
        rest.get(..len).unwrap_or("")
    }

    fn digits(&mut self) -> &'a str {
        self.take_while(|c| c.is_ascii_digit())
    }

    /// Digits with single points between them: `4706.1`, `001`.
    fn dotted_number(&mut self) -> Option<String> {
        let first = self.digits();
        if first.is_empty() {
            return None;
        }
        let mut number = first.to_owned();
        while self.peek() == Some('.') && self.peek_at(1).is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
            number.push('.');
            number.push_str(self.digits());
        }
        Some(number)
    }

    fn four_digit_year(&mut self, after: &str) -> Result<u16, Error> {
        let y = self.digits();
        match y.parse::<u16>() {
            Ok(v) if y.len() == 4 && (1000..=2999).contains(&v) => Ok(v),
            _ => Err(self.error(t!(msg::FOUR_DIGIT_YEAR, after))),
        }
    }

    /// A year written with two or four digits; two digits are expanded with `expand`.
    fn short_or_long_year(&mut self, after: &str, expand: fn(u16) -> u16) -> Result<u16, Error> {
        let y = self.digits();
        match (y.len(), y.parse::<u16>()) {
            (2, Ok(v)) => Ok(expand(v)),
            (4, Ok(v)) if (1000..=2999).contains(&v) => Ok(v),
            _ => Err(self.error(t!(msg::TWO_OR_FOUR_DIGIT_YEAR, after))),
        }
    }

    fn blank(family: Family, prefix: String) -> StandardCode {
        StandardCode {
            family,
            prefix,
            rec: false,
            division: None,
            number: String::new(),
            companion: None,
            parts: Vec::new(),
            year: None,
            month: None,
            year_letter: None,
            reapproved: None,
            editorial: None,
            amendments: Vec::new(),
            form: None,
            adopted: None,
            canonical: String::new(),
        }
    }

    fn code(&mut self, allow_adopted: bool) -> Result<StandardCode, Error> {
        if self.rest().is_empty() {
            return Err(self.error(t!(msg::EXPECTED_CODE)));
        }
        let rest = self.rest();
        let known = PREFIXES
            .iter()
            .filter(|(p, _)| {
                rest.starts_with(p)
                    && !rest
                        .get(p.len()..)
                        .and_then(|r| r.chars().next())
                        .is_some_and(|c| c.is_ascii_alphabetic())
            })
            .max_by_key(|(p, _)| p.len());
        let mut code = match known {
            Some(&(prefix, family)) => {
                self.pos += prefix.len();
                let code = Self::blank(family, prefix.to_owned());
                match family.syntax() {
                    Syntax::Itu => self.itu(code)?,
                    Syntax::Astm => self.astm(code)?,
                    _ => self.colon_or_hyphen(code)?,
                }
            }
            None => self.chinese(allow_adopted)?,
        };
        code.canonical = code.render();
        Ok(code)
    }

    // --- Chinese ------------------------------------------------------------------------------

    fn chinese(&mut self, allow_adopted: bool) -> Result<StandardCode, Error> {
        let letters = self.take_while(|c| c.is_ascii_uppercase());
        let mut code = match letters {
            "" => {
                let word: String = self.rest().chars().take_while(|&c| c != ' ').collect();
                return Err(self.error(t!(msg::EXPECTED_PREFIX, word)));
            }
            "T" if self.eat('/') => {
                let org = self.take_while(|c| c.is_ascii_uppercase());
                if org.is_empty() {
                    return Err(self.error(t!(msg::GROUP_CODE)));
                }
                Self::blank(Family::Group, format!("T/{org}"))
            }
            "Q" if self.eat('/') => {
                let mut code = Self::blank(Family::Enterprise, "Q/".to_owned());
                code.number = self.enterprise_body()?;
                return self.chinese_tail(code, allow_adopted);
            }
            "DB" => {
                let province = self.digits();
                if !matches!(province.len(), 2 | 4 | 6) {
                    return Err(self.error(t!(msg::PROVINCE)));
                }
                let mut prefix = format!("DB{province}");
                if self.peek() == Some('/') {
                    match self.peek_at(1) {
                        Some(s @ ('T' | 'Z')) => {
                            self.pos += 2;
                            prefix.push('/');
                            prefix.push(s);
                        }
                        _ => self.pos += 1,
                    }
                }
                Self::blank(Family::Local, prefix)
            }
            _ if letters.len() <= 3 => {
                let family = match letters {
                    "GB" | "GBZ" => Family::National,
                    _ => Family::Industry,
                };
                let mut prefix = letters.to_owned();
                if self.peek() == Some('/')
                    && matches!(self.peek_at(1), Some('T' | 'Z'))
                    && !self.peek_at(2).is_some_and(|c| c.is_ascii_alphabetic())
                {
                    prefix.push('/');
                    prefix.extend(self.peek_at(1));
                    self.pos += 2;
                }
                Self::blank(family, prefix)
            }
            _ => return Err(self.unknown_prefix(letters)),
        };
        self.eat(' ');
        code.number = self
            .dotted_number()
            .ok_or_else(|| self.error(t!(msg::NUMBER_AFTER, self.consumed().trim_end())))?;
        self.chinese_tail(code, allow_adopted)
    }

    /// The enterprise's own code and number after `Q/`: letters, digits and points, with single
    /// spaces between words (`MP102`, `ABC 001`), ending in a digit.
    fn enterprise_body(&mut self) -> Result<String, Error> {
        let mut body = String::new();
        loop {
            let word =
                self.take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.');
            body.push_str(word);
            if !word.is_empty()
                && self.peek() == Some(' ')
                && self
                    .peek_at(1)
                    .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            {
                self.pos += 1;
                body.push(' ');
            } else {
                break;
            }
        }
        if !body.ends_with(|c: char| c.is_ascii_digit()) {
            return Err(self.error(t!(msg::ENTERPRISE)));
        }
        Ok(body)
    }

    /// `-YEAR`, amendment sheets `/XG1-2006`, then an adopted standard `/ISO 9001:2015`.
    fn chinese_tail(
        &mut self,
        mut code: StandardCode,
        allow_adopted: bool,
    ) -> Result<StandardCode, Error> {
        if self.eat('-') {
            code.year = Some(self.short_or_long_year("-", expand_two_digit_year)?);
        }
        while self.rest().starts_with("/XG") {
            self.pos += 3;
            let n = self.digits();
            let number = n
                .parse::<u32>()
                .map_err(|_| self.error(t!(msg::XG_NUMBER)))?;
            let year = if self.eat('-') {
                Some(self.short_or_long_year("-", expand_two_digit_year)?)
            } else {
                None
            };
            code.amendments.push(Amendment {
                spelling: Spelling::Xg,
                number,
                year,
                plus: false,
            });
        }
        if allow_adopted && self.peek() == Some('/') && code.year.is_some() {
            self.pos += 1;
            if self.rest().is_empty() {
                return Err(self.error(t!(msg::AMENDMENT_OR_ADOPTED, self.consumed())));
            }
            code.adopted = Some(Box::new(self.code(false)?));
        }
        Ok(code)
    }

    // --- ISO, IEC, EN, BS, DIN, JIS, IEEE … -------------------------------------------------

    fn colon_or_hyphen(&mut self, mut code: StandardCode) -> Result<StandardCode, Error> {
        let family = code.family;
        self.eat(' ');
        if matches!(family, Family::Jis | Family::Nf) {
            let letter = self.peek().filter(|c| c.is_ascii_uppercase());
            let follows = self.peek_at(1);
            match letter {
                Some(l) if follows == Some(' ') || is_year_start(follows) => {
                    self.pos += 1;
                    self.eat(' ');
                    code.division = Some(l);
                }
                _ if family == Family::Jis => return Err(self.error(t!(msg::JIS_DIVISION))),
                _ => {}
            }
        }
        if family == Family::Ieee {
            self.eat_str("Std ");
        }
        let letters = if family == Family::Ansi {
            self.take_while(|c| c.is_ascii_uppercase())
        } else {
            ""
        };
        let number = self
            .dotted_number()
            .ok_or_else(|| self.error(t!(msg::NUMBER_AFTER, self.consumed().trim_end())))?;
        if number.contains('.') && !matches!(family, Family::Ieee | Family::Ansi | Family::AsNzs) {
            return Err(self.error(t!(msg::NUMBER_WITHOUT_POINTS, &code.prefix, number)));
        }
        code.number = format!("{letters}{number}");
        let hyphen_year = family.syntax() == Syntax::HyphenYear;
        while self.peek() == Some('-') && self.peek_at(1).is_some_and(|c| c.is_ascii_alphanumeric())
        {
            let save = self.pos;
            self.pos += 1;
            let part = self.take_while(|c| c.is_ascii_alphanumeric());
            if hyphen_year && part.len() == 4 && part.chars().all(|c| c.is_ascii_digit()) {
                self.pos = save + 1;
                code.year = Some(self.four_digit_year("-")?);
                break;
            }
            code.parts.push(part.to_owned());
        }
        if !hyphen_year && self.eat(':') {
            code.year = Some(self.four_digit_year(":")?);
            if family == Family::Din && self.eat('-') {
                let m = self.digits();
                match m.parse::<u8>() {
                    Ok(v) if m.len() == 2 && (1..=12).contains(&v) => code.month = Some(v),
                    _ => return Err(self.error(t!(msg::MONTH_AFTER_YEAR))),
                }
            }
        }
        while let Some(a) = self.amendment()? {
            code.amendments.push(a);
        }
        for form in ["CSV", "RLV", "EXV"] {
            let rest = self.rest();
            if rest.get(..1) == Some(" ") && rest.get(1..) == Some(form) {
                self.pos += 1 + form.len();
                code.form = Some(form);
            }
        }
        Ok(code)
    }

    /// One `/Amd 2:2020`, `/Cor 1:2007`, `/AMD1:2017`, `+AMD1:1999`, `+A11:2014`, if next.
    fn amendment(&mut self) -> Result<Option<Amendment>, Error> {
        let plus = match self.peek() {
            Some('+') => true,
            Some('/') => false,
            _ => return Ok(None),
        };
        let after = self.rest().get(1..).unwrap_or("");
        let (spelling, label) = if after.starts_with("Amd") {
            (Spelling::IsoAmd, "Amd")
        } else if after.starts_with("AMD") {
            (Spelling::IecAmd, "AMD")
        } else if after.starts_with("Cor") {
            (Spelling::IsoCor, "Cor")
        } else if after.starts_with("COR") {
            (Spelling::IecCor, "COR")
        } else if after.starts_with('A')
            && after
                .get(1..)
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        {
            (Spelling::En, "A")
        } else if plus {
            return Err(self.error(t!(msg::AMENDMENT_AFTER_PLUS, self.consumed())));
        } else {
            return Ok(None);
        };
        self.pos += 1 + label.len();
        self.eat(' ');
        let n = self.digits();
        let number = n
            .parse::<u32>()
            .map_err(|_| self.error(t!(msg::AMENDMENT_NUMBER, label)))?;
        let year = if self.eat(':') {
            Some(self.four_digit_year(":")?)
        } else {
            None
        };
        Ok(Some(Amendment {
            spelling,
            number,
            year,
            plus,
        }))
    }

    // --- ASTM ---------------------------------------------------------------------------------

    /// `ASTM D3745/D3745M-95(2015)e1`: designation, metric companion, two-digit year (and a
    /// revision letter), reapproval year, editorial change.
    fn astm(&mut self, mut code: StandardCode) -> Result<StandardCode, Error> {
        self.eat(' ');
        let designation = self
            .astm_designation()
            .ok_or_else(|| self.error(t!(msg::ASTM_DESIGNATION)))?;
        if self.eat('/') {
            let expected = format!("{designation}M");
            if !self.eat_str(&expected) {
                return Err(self.error(t!(msg::ASTM_COMPANION, expected, designation)));
            }
            code.companion = Some(expected);
        }
        code.number = designation;
        if self.eat('-') {
            code.year = Some(self.short_or_long_year("-", expand_two_digit_year)?);
            if let Some(l) = self.peek().filter(|c| c.is_ascii_lowercase()) {
                let editorial = l == 'e' && self.peek_at(1).is_some_and(|c| c.is_ascii_digit());
                if !editorial {
                    self.pos += 1;
                    code.year_letter = Some(l);
                }
            }
        }
        if self.eat('(') {
            code.reapproved = Some(self.four_digit_year("(")?);
            if !self.eat(')') {
                return Err(self.error(t!(msg::REAPPROVAL_CLOSE)));
            }
        }
        if self.peek() == Some('e') && self.peek_at(1).is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
            let e = self.digits();
            code.editorial = Some(
                e.parse::<u32>()
                    .map_err(|_| self.error(t!(msg::EDITORIAL)))?,
            );
        }
        Ok(code)
    }

    fn astm_designation(&mut self) -> Option<String> {
        let letter = self.peek().filter(|c| c.is_ascii_uppercase())?;
        // `D638`, or `D 638` as sometimes typed.
        let gap = usize::from(self.peek_at(1) == Some(' '));
        if !self.peek_at(1 + gap).is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        self.pos += 1 + gap;
        Some(format!("{letter}{}", self.digits()))
    }

    // --- ITU ----------------------------------------------------------------------------------

    /// `ITU-T Rec. G.8013/Y.1731 (08/2019)`, `ITU-R BT.709-6`.
    fn itu(&mut self, mut code: StandardCode) -> Result<StandardCode, Error> {
        self.eat(' ');
        if self.eat_str("Rec.") {
            code.rec = true;
            self.eat(' ');
        }
        let number = self.itu_number().ok_or_else(|| {
            self.error(t!(
                msg::RECOMMENDATION,
                "G.8013",
                self.consumed().trim_end()
            ))
        })?;
        code.number = number;
        if self.eat('/') {
            code.companion =
                Some(self.itu_number().ok_or_else(|| {
                    self.error(t!(msg::RECOMMENDATION, "Y.1731", self.consumed()))
                })?);
        }
        if self.peek() == Some('-') && self.peek_at(1).is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
            code.parts.push(self.digits().to_owned());
        }
        let rest = self.rest();
        if rest.starts_with(" (") || rest.starts_with('(') {
            self.eat(' ');
            self.eat('(');
            let m = self.digits();
            let month = match m.parse::<u8>() {
                Ok(v) if m.len() == 2 && (1..=12).contains(&v) => v,
                _ => return Err(self.error(t!(msg::MONTH_AFTER_PAREN))),
            };
            if !self.eat('/') {
                return Err(self.error(t!(msg::SLASH_MONTH_YEAR)));
            }
            code.year = Some(self.four_digit_year("/")?);
            code.month = Some(month);
            if !self.eat(')') {
                return Err(self.error(t!(msg::CLOSE_AFTER_YEAR)));
            }
        }
        Ok(code)
    }

    /// A series of one to three letters, a point and a dotted number: `G.8013`, `BT.709`.
    fn itu_number(&mut self) -> Option<String> {
        let save = self.pos;
        let series = self.take_while(|c| c.is_ascii_uppercase());
        if series.is_empty() || series.len() > 3 || !self.eat('.') {
            self.pos = save;
            return None;
        }
        match self.dotted_number() {
            Some(n) => Some(format!("{series}.{n}")),
            None => {
                self.pos = save;
                None
            }
        }
    }
}
