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
        UNKNOWN_CODE_SUGGEST = "expected a known standard code such as \"GB/T\", \"JB/T\" or \"ISO\", found \"{0}\"; did you mean \"{1}\"?",
            "应为已知的标准代号，如 \"GB/T\"、\"JB/T\" 或 \"ISO\"，却是 \"{0}\"；是否应为 \"{1}\"？";
        UNKNOWN_INDUSTRY = "expected a known standard code such as \"GB/T\", \"JB/T\" or \"ISO\", found \"{0}\", which is no industry standard code",
            "应为已知的标准代号，如 \"GB/T\"、\"JB/T\" 或 \"ISO\"，却是 \"{0}\"，它不是行业标准代号";
        ILAC_DOCUMENT = "expected a document such as \"G8\" after \"ILAC-\"", "\"ILAC-\" 之后应为文件编号，如 \"G8\"";
        ILAC_ISSUE = "expected the issue as month and year (\"09/2019\") or a four-digit year after \":\"",
            "\":\" 之后应为发布的月份和年份（\"09/2019\"）或四位数的年份";
        MONTH_BEFORE_SLASH = "expected a month from 01 to 12 before \"/\"", "\"/\" 之前应为 01 到 12 的月份";
        EU_ACT = "expected an EU act such as \"(EU) 2019/2015\" or \"Regulation (EU) No 1194/2012\"",
            "应为欧盟法规编号，如 \"(EU) 2019/2015\" 或 \"Regulation (EU) No 1194/2012\"";
        EU_DIRECTIVE = "expected a directive such as \"Directive 2009/125/EC\"", "应为欧盟指令编号，如 \"Directive 2009/125/EC\"";
        EDITION_NUMBER = "expected the edition's number after \"Ed\"", "\"Ed\" 之后应为版次";
        CFR_PART = "expected the part after \"CFR\", such as \"10 CFR 430\"", "\"CFR\" 之后应为部分编号，如 \"10 CFR 430\"";
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
    /// The Joint Committee for Guides in Metrology (BIPM, IEC, ISO, OIML …): `JCGM 106:2012`.
    Jcgm,
    /// ILAC documents: `ILAC-G8:09/2019` (issue month and year).
    Ilac,
    /// European Union acts: `(EU) 2019/2015`, `Regulation (EU) No 1194/2012`,
    /// `Directive 2009/125/EC`. Not standards, but the basis many plans cite.
    EuAct,
    /// The US Code of Federal Regulations: `10 CFR 430` (title, part and section).
    Cfr,
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
            Family::Iso
            | Family::Iec
            | Family::IsoIec
            | Family::Cispr
            | Family::Itu
            | Family::Jcgm
            | Family::Ilac => Level::International,
            Family::En
            | Family::Bs
            | Family::Din
            | Family::Nf
            | Family::Astm
            | Family::Jis
            | Family::Ansi
            | Family::Ul
            | Family::Ieee
            | Family::AsNzs
            | Family::EuAct
            | Family::Cfr => Level::Foreign,
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
            Family::Ilac => Syntax::Ilac,
            Family::EuAct => Syntax::EuAct,
            Family::Cfr => Syntax::Cfr,
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
    /// `ILAC-G8:09/2019`.
    Ilac,
    /// `(EU) 2019/2015`, `Regulation (EU) No 1194/2012`, `Directive 2009/125/EC`.
    EuAct,
    /// `10 CFR 430`, `10 CFR 430.32`.
    Cfr,
}

/// The bodies of the international and foreign families, as their prefixes are built: one or
/// more groups (`BS`, `EN`, `ISO/IEC`) and an optional deliverable (`TS`, `TR`, `Guide` …).
/// The rank orders the groups: a national adopter (0) comes before a European body (1), which
/// comes before an international one (2): `BS EN ISO/IEC`, `DIN VDE`, `PD CEN/TS`.
const BODIES: &[(&str, Family, u8)] = &[
    ("ISO", Family::Iso, 2),
    ("IEC", Family::Iec, 2),
    ("CISPR", Family::Cispr, 2),
    ("IEEE", Family::Ieee, 2),
    ("ASTM", Family::Astm, 2),
    ("CIE", Family::Iso, 2),
    ("HL7", Family::Iso, 2),
    ("SAE", Family::Iso, 2),
    ("IWA", Family::Iso, 2),
    ("JCGM", Family::Jcgm, 2),
    ("EN", Family::En, 1),
    ("ENV", Family::En, 1),
    ("CEN", Family::En, 1),
    ("CLC", Family::En, 1),
    ("HD", Family::En, 1),
    ("CWA", Family::En, 1),
    ("BS", Family::Bs, 0),
    ("PD", Family::Bs, 0),
    ("DD", Family::Bs, 0),
    ("PAS", Family::Bs, 0),
    ("DIN", Family::Din, 0),
    ("VDE", Family::Din, 0),
    ("NF", Family::Nf, 0),
    ("JIS", Family::Jis, 0),
    ("ANSI", Family::Ansi, 0),
    ("UL", Family::Ul, 0),
    ("AS", Family::AsNzs, 0),
    ("NZS", Family::AsNzs, 0),
];

/// The deliverables written after the bodies (`ISO/TS`, `IEC TR`, `ISO/IEC Guide`, `ISO/R`),
/// as written canonically. `GUIDE` reads as `Guide`.
const DELIVERABLES: &[&str] = &["TS", "TR", "PAS", "ISP", "TTA", "SRD", "R", "Guide"];

/// The publication forms IEC writes after a space: consolidated (`CSV`), redline (`RLV`),
/// extended (`EXV`), commented (`CMV`), series (`SER`), preview (`PRV`) and database (`DB`).
const FORMS: &[&str] = &["CSV", "RLV", "EXV", "CMV", "SER", "PRV", "DB"];

/// Chinese industry standard codes (行业标准代号), from the list of industry standard codes
/// kept by the Standardization Administration of China (国家标准化管理委员会, SAC) for
/// industry standards (行业标准, 《中华人民共和国标准化法》 article 12), with the industry each
/// belongs to. `DB` is also the code of local standards, told apart by the province digits.
pub(crate) const INDUSTRY_CODES: &[(&str, &str)] = &[
    ("AQ", "安全生产"),
    ("BB", "包装"),
    ("CB", "船舶"),
    ("CH", "测绘"),
    ("CJ", "城镇建设"),
    ("CY", "新闻出版"),
    ("DA", "档案"),
    ("DB", "地震"),
    ("DL", "电力"),
    ("DZ", "地质矿产"),
    ("EJ", "核工业"),
    ("FZ", "纺织"),
    ("GA", "公共安全"),
    ("GH", "供销合作"),
    ("GM", "密码"),
    ("GY", "广播电影电视"),
    ("HB", "航空"),
    ("HG", "化工"),
    ("HJ", "生态环境"),
    ("HS", "海关"),
    ("HY", "海洋"),
    ("JB", "机械"),
    ("JC", "建材"),
    ("JG", "建筑工业"),
    ("JR", "金融"),
    ("JT", "交通"),
    ("JY", "教育"),
    ("LB", "旅游"),
    ("LD", "劳动和劳动安全"),
    ("LS", "粮食"),
    ("LY", "林业"),
    ("MH", "民用航空"),
    ("MT", "煤炭"),
    ("MZ", "民政"),
    ("NB", "能源"),
    ("NY", "农业"),
    ("QB", "轻工"),
    ("QC", "汽车"),
    ("QJ", "航天"),
    ("QX", "气象"),
    ("RB", "认证认可"),
    ("SB", "国内贸易"),
    ("SC", "水产"),
    ("SF", "司法"),
    ("SH", "石油化工"),
    ("SJ", "电子"),
    ("SL", "水利"),
    ("SN", "出入境检验检疫"),
    ("SW", "税务"),
    ("SY", "石油天然气"),
    ("TB", "铁路运输"),
    ("TD", "土地管理"),
    ("TY", "体育"),
    ("WB", "物资管理"),
    ("WH", "文化"),
    ("WJ", "兵工民品"),
    ("WM", "外经贸"),
    ("WS", "卫生"),
    ("WW", "文物保护"),
    ("XB", "稀土"),
    ("XF", "消防救援"),
    ("YB", "黑色冶金"),
    ("YC", "烟草"),
    ("YD", "通信"),
    ("YJ", "应急管理"),
    ("YS", "有色冶金"),
    ("YY", "医药"),
    ("YZ", "邮政"),
    ("ZY", "中医药"),
    // Engineering construction industry standards (工程建设行业标准).
    ("CJJ", "城镇建设工程"),
    ("JGJ", "建筑工程"),
    ("JTG", "公路工程"),
    ("JTJ", "交通工程"),
    ("JTS", "水运工程"),
    // National metrology technical norms (国家计量技术规范、检定规程), read as before.
    ("JJF", "计量技术规范"),
    ("JJG", "计量检定规程"),
];

/// The inside of a language parenthesis when it is one: codes of one to three letters joined
/// by `,` or `/` (`en`, `en,fr,ru`, `E`, `R/E`).
fn inside_ok(inner: Option<&str>) -> Option<&str> {
    let inside = inner?;
    let ok = !inside.is_empty()
        && inside
            .split([',', '/'])
            .all(|c| (1..=3).contains(&c.len()) && c.chars().all(|ch| ch.is_ascii_alphabetic()));
    ok.then_some(inside)
}

fn is_industry_code(letters: &str) -> bool {
    INDUSTRY_CODES.iter().any(|&(c, _)| c == letters)
}

/// What an amendment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum AmendmentKind {
    /// An amendment (ISO `Amd 2:2020`, IEC `AMD1:2017`, CEN/CENELEC `A11:2014`).
    Amendment,
    /// A technical corrigendum (ISO `Cor 1:2007`, IEC `COR1:2019`, CEN/CENELEC `AC:2014`).
    Corrigendum,
    /// An IEC interpretation sheet (`ISH1:2021`).
    InterpretationSheet,
    /// A Chinese amendment sheet (修改单): `XG1-2006`.
    ModificationSheet,
}

/// How a publisher spells its amendments. The canonical form spells every amendment the way
/// the publisher of the base document does, whatever was typed, so that `/AMD 1:1998` and
/// `/Amd 1:1998` on one ISO number are one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// ISO (and ISO/IEC, and any other body): `Amd 2`, `Cor 1`.
    Iso,
    /// IEC and CISPR: `AMD2`, `COR1`, `ISH1`.
    Iec,
    /// CEN, CENELEC and the bodies adopting their standards: `A11`, `AC`, `AC1`.
    En,
    /// Chinese: `XG1`.
    Xg,
}

/// One amendment or corrigendum attached to a standard number (`/Amd 2:2020`, `+A11:2014`,
/// `/AC:2014`, `/ISH1:2021`, `/XG1-2006`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amendment {
    kind: AmendmentKind,
    style: Style,
    number: Option<u32>,
    year: Option<u16>,
    /// Joined with `+` (incorporated, as in a consolidated edition) rather than `/`.
    plus: bool,
}

impl Amendment {
    /// Amendment, corrigendum, interpretation sheet or Chinese amendment sheet.
    pub fn kind(&self) -> AmendmentKind {
        self.kind
    }

    /// The amendment's sequence number (`2` in `Amd 2:2020`, `11` in `A11:2014`); `None` for
    /// an unnumbered corrigendum (`/AC:2014`).
    pub fn number(&self) -> Option<u32> {
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
    /// Writes the amendment with its joiner, spelt as the base document's publisher spells
    /// it: `/Amd 2:2020`, `+AMD1:1999`, `/AC:2014`, `/ISH1:2021`, `/XG1-2006`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char(if self.plus { '+' } else { '/' })?;
        let label = match (self.style, self.kind) {
            (_, AmendmentKind::ModificationSheet) => "XG",
            (_, AmendmentKind::InterpretationSheet) => "ISH",
            (Style::Iso | Style::Xg, AmendmentKind::Amendment) => "Amd ",
            (Style::Iso | Style::Xg, AmendmentKind::Corrigendum) => "Cor ",
            (Style::Iec, AmendmentKind::Amendment) => "AMD",
            (Style::Iec, AmendmentKind::Corrigendum) => "COR",
            (Style::En, AmendmentKind::Amendment) => "A",
            (Style::En, AmendmentKind::Corrigendum) => "AC",
        };
        match self.number {
            Some(n) => write!(f, "{label}{n}")?,
            None => f.write_str(label.trim_end())?,
        }
        match (self.year, self.kind) {
            (Some(y), AmendmentKind::ModificationSheet) => write!(f, "-{y:04}"),
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
    /// IEC publication form after a space: `CSV`, `RLV`, `EXV` ….
    form: Option<&'static str>,
    /// How many of the amendments come before the form (`CSV/COR1:2002` corrects the
    /// consolidated version itself).
    form_at: usize,
    /// Language codes as written in parentheses (`en,fr` in `(en,fr)`, `E` in `(E)`); not part
    /// of the canonical form.
    languages: Option<String>,
    /// The edition number when written (`Ed 2`); not part of the canonical form.
    edition: Option<u32>,
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

    /// The language codes written in parentheses after the number, as written: `"en,fr"` for
    /// `ISO 1998-2:1976(en,fr)`, `"E"` for `ISO 10993-4:2002/Amd 1:2006(E)`. A translation
    /// names the same standard, so they are not part of the canonical form.
    pub fn languages(&self) -> Option<&str> {
        self.languages.as_deref()
    }

    /// The edition number when written (`2` for `ISO 14442:2006 Ed 2`); the year already names
    /// the edition, so it is not part of the canonical form.
    pub fn edition(&self) -> Option<u32> {
        self.edition
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
        code.form_at = 0;
        code.languages = None;
        code.edition = None;
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
            Syntax::Ilac => {
                write!(f, "{}-{}", self.prefix, self.number)?;
                match (self.month, self.year) {
                    (Some(m), Some(y)) => write!(f, ":{m:02}/{y:04}")?,
                    (None, Some(y)) => write!(f, ":{y:04}")?,
                    _ => {}
                }
            }
            Syntax::EuAct => {
                let no = if self.prefix.starts_with("Regulation") {
                    "No "
                } else {
                    ""
                };
                write!(f, "{} {no}{}", self.prefix, self.number)?;
            }
            Syntax::Cfr => write!(f, "{} {}", self.prefix, self.number)?,
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
        let (before, after) = self
            .amendments
            .split_at(self.form_at.min(self.amendments.len()));
        for a in before {
            write!(f, "{a}")?;
        }
        if let Some(form) = self.form {
            write!(f, " {form}")?;
        }
        for a in after {
            write!(f, "{a}")?;
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

    /// Letters that are no known code. Written without the slash of a recommended standard
    /// (`GBT 8170-2008`, `JBT 13368`), the message suggests the number with it; two or three
    /// capitals are said to be no industry code.
    fn unknown_code(&self, letters: &str) -> Error {
        let base = letters.get(..letters.len().saturating_sub(1)).unwrap_or("");
        let kind = letters.get(base.len()..).unwrap_or("");
        if matches!(kind, "T" | "Z") && (base == "GB" || is_industry_code(base)) {
            let rest = self.rest();
            let guess = format!("{base}/{kind} {}", rest.trim_start());
            if let Ok(code) = guess.parse::<StandardCode>() {
                return self.error(t!(msg::UNKNOWN_CODE_SUGGEST, letters, code.to_string()));
            }
        }
        if (2..=3).contains(&letters.len()) {
            return self.error(t!(msg::UNKNOWN_INDUSTRY, letters));
        }
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
            form_at: 0,
            languages: None,
            edition: None,
            adopted: None,
            canonical: String::new(),
        }
    }

    fn code(&mut self, allow_adopted: bool) -> Result<StandardCode, Error> {
        if self.rest().is_empty() {
            return Err(self.error(t!(msg::EXPECTED_CODE)));
        }
        let rest = self.rest();
        let mut code = if rest.starts_with("ITU-T") || rest.starts_with("ITU-R") {
            let prefix = rest.get(..5).unwrap_or_default().to_owned();
            self.pos += 5;
            self.itu(Self::blank(Family::Itu, prefix))?
        } else if rest.starts_with("ASTM") && !rest.starts_with("ASTM/") {
            self.pos += 4;
            self.astm(Self::blank(Family::Astm, "ASTM".to_owned()))?
        } else if rest.starts_with("ILAC") {
            self.pos += 4;
            self.ilac()?
        } else if let Some(code) = self.eu_act()? {
            code
        } else if let Some(code) = self.cfr()? {
            code
        } else if let Some((family, prefix, style)) = self.head() {
            let code = Self::blank(family, prefix);
            self.colon_or_hyphen(code, style)?
        } else {
            self.chinese(allow_adopted)?
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
            "DB" if self.peek() == Some('/') => {
                // 地震 (earthquake) industry standards: `DB/T 19-2020`.
                self.pos += 1;
                let mut prefix = "DB/".to_owned();
                match self.peek() {
                    Some(s @ ('T' | 'Z')) => {
                        self.pos += 1;
                        prefix.push(s);
                    }
                    _ => return Err(self.error(t!(msg::PROVINCE))),
                }
                Self::blank(Family::Industry, prefix)
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
            _ if matches!(letters, "GB" | "GBZ") || is_industry_code(letters) => {
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
            _ => return Err(self.unknown_code(letters)),
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
                kind: AmendmentKind::ModificationSheet,
                style: Style::Xg,
                number: Some(number),
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

    // --- the bodies of international and foreign numbers ------------------------------------

    /// The bodies and the deliverable before an international or foreign number
    /// (`BS EN ISO/IEC`, `ISO/TS`, `ISO TR`, `CEN/CLC Guide`, `DIN VDE`), read into the family,
    /// the canonical prefix and the spelling of amendments. `None`, with nothing read, when the
    /// text does not start with a known body.
    fn head(&mut self) -> Option<(Family, String, Style)> {
        let save = self.pos;
        let mut groups: Vec<Vec<&'static str>> = Vec::new();
        let mut group_rank = 0u8;
        let mut deliverable: Option<&'static str> = None;
        let mut joined = false;
        let mut last_end = self.pos;
        loop {
            let mut word = self.take_while(|c| c.is_ascii_alphabetic());
            if word == "HL" && self.eat('7') {
                word = "HL7";
            }
            let allowed = |d: &str, groups: &[Vec<&str>]| {
                groups.last().is_some_and(|g| {
                    if d == "R" {
                        g == &["ISO"]
                    } else {
                        g.iter()
                            .any(|b| matches!(*b, "ISO" | "IEC" | "CISPR" | "CEN" | "CLC" | "ASTM"))
                    }
                })
            };
            let as_deliverable = DELIVERABLES
                .iter()
                .find(|&&d| d == word || (d == "Guide" && word == "GUIDE"))
                .filter(|&&d| allowed(d, &groups));
            let body = BODIES.iter().find(|&&(b, _, _)| b == word);
            match (as_deliverable, body) {
                (Some(&d), _) => deliverable = Some(d),
                (None, Some(&(b, _, rank))) => {
                    if joined && !groups.is_empty() {
                        if let Some(g) = groups.last_mut() {
                            g.push(b);
                        }
                    } else if groups.is_empty() || rank >= group_rank {
                        groups.push(vec![b]);
                        group_rank = rank;
                    } else {
                        break;
                    }
                }
                (None, None) => break,
            }
            last_end = self.pos;
            let sep = self.peek();
            joined = match sep {
                Some('/' | '-') => true,
                Some(' ') => false,
                _ => break,
            };
            let rest = self.rest().get(1..).unwrap_or("");
            let next: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            let next_is_body = BODIES
                .iter()
                .any(|&(b, _, _)| b == next || (b == "HL7" && next == "HL"));
            let go_on = deliverable.is_none()
                && next.starts_with(|c: char| c.is_ascii_uppercase())
                && (sep != Some('-') || next_is_body);
            if !go_on {
                break;
            }
            self.pos += 1;
        }
        self.pos = last_end;
        let Some(first) = groups.first().and_then(|g| g.first()) else {
            self.pos = save;
            return None;
        };
        let mut family = BODIES
            .iter()
            .find(|&&(b, _, _)| b == *first)
            .map_or(Family::Iso, |&(_, f, _)| f);
        if family == Family::Iso && groups.first().is_some_and(|g| g.contains(&"IEC")) {
            family = Family::IsoIec;
        }
        let has = |names: &[&str]| groups.iter().flatten().any(|b| names.contains(b));
        let style = if has(&["EN", "ENV", "CEN", "CLC", "HD", "CWA"]) {
            Style::En
        } else if has(&["ISO"]) {
            Style::Iso
        } else if has(&["IEC", "CISPR"]) {
            Style::Iec
        } else if family == Family::Bs {
            Style::En
        } else {
            Style::Iso
        };
        // An IWA is ISO's own deliverable, written `IWA 32` with or without `ISO/`.
        if groups == [vec!["ISO", "IWA"]] {
            groups = vec![vec!["IWA"]];
        }
        let mut prefix = groups
            .iter()
            .map(|g| g.join("/"))
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(d) = deliverable {
            let slash = groups
                .last()
                .is_some_and(|g| g == &["ISO"] || g.iter().all(|b| matches!(*b, "CEN" | "CLC")));
            prefix.push(if slash && d != "Guide" { '/' } else { ' ' });
            prefix.push_str(d);
        }
        Some((family, prefix, style))
    }

    // --- ILAC, EU acts, CFR -------------------------------------------------------------------

    /// `ILAC-G8:09/2019`, `ILAC-P14:2013`: the document's letter and number, then its issue as
    /// month and year (or year alone).
    fn ilac(&mut self) -> Result<StandardCode, Error> {
        let mut code = Self::blank(Family::Ilac, "ILAC".to_owned());
        if !self.eat('-') {
            self.eat(' ');
        }
        let letters = self.take_while(|c| c.is_ascii_uppercase());
        let digits = self.digits();
        if letters.is_empty() || digits.is_empty() {
            return Err(self.error(t!(msg::ILAC_DOCUMENT)));
        }
        code.number = format!("{letters}{digits}");
        if self.eat(':') {
            let first = self.digits();
            if first.len() == 2 && self.eat('/') {
                let month = match first.parse::<u8>() {
                    Ok(v) if (1..=12).contains(&v) => v,
                    _ => return Err(self.error(t!(msg::MONTH_BEFORE_SLASH))),
                };
                code.month = Some(month);
                code.year = Some(self.four_digit_year("/")?);
            } else {
                match first.parse::<u16>() {
                    Ok(v) if first.len() == 4 && (1000..=2999).contains(&v) => code.year = Some(v),
                    _ => return Err(self.error(t!(msg::ILAC_ISSUE))),
                }
            }
        }
        Ok(code)
    }

    /// An EU act: `(EU) 2019/2015` and `Commission Delegated Regulation (EU) 2019/2015` (since
    /// 2015 one number, year first, across regulations, directives and decisions),
    /// `Regulation (EU) No 1194/2012` and `(EC) No 244/2009` (a regulation's number before
    /// 2015, number first), `Directive 2009/125/EC`. `None`, with nothing read, for anything
    /// else.
    fn eu_act(&mut self) -> Result<Option<StandardCode>, Error> {
        let save = self.pos;
        let mut directive = false;
        loop {
            let before = self.pos;
            let word = self.take_while(|c| c.is_ascii_alphabetic());
            match word {
                "Commission" | "Council" | "Delegated" | "Implementing" | "Regulation" => {}
                "Directive" => directive = true,
                _ => {
                    self.pos = before;
                    break;
                }
            }
            if !self.eat(' ') {
                break;
            }
        }
        let words = self.pos > save;
        if directive && self.peek().is_some_and(|c| c.is_ascii_digit()) {
            // Directive 2009/125/EC
            let year = self.digits().to_owned();
            let number = if self.eat('/') { self.digits() } else { "" };
            let ok = year.len() == 4 && !number.is_empty() && self.eat('/');
            let body = self.take_while(|c| c.is_ascii_uppercase());
            if !ok || !matches!(body, "EC" | "EU" | "EEC") {
                return Err(self.error(t!(msg::EU_DIRECTIVE)));
            }
            let mut code = Self::blank(Family::EuAct, "Directive".to_owned());
            code.number = format!("{year}/{number}/{body}");
            return Ok(Some(code));
        }
        if !self.eat('(') {
            self.pos = save;
            return Ok(None);
        }
        let body = self.take_while(|c| c.is_ascii_alphabetic());
        if !matches!(body, "EU" | "EC" | "EEC" | "Euratom") || !self.eat(')') {
            if words {
                return Err(self.error(t!(msg::EU_ACT)));
            }
            self.pos = save;
            return Ok(None);
        }
        self.eat(' ');
        let old_style = self.eat_str("No");
        if old_style {
            self.eat('.');
            self.eat(' ');
        }
        let a = self.digits().to_owned();
        let b = if self.eat('/') { self.digits() } else { "" };
        if a.is_empty() || b.is_empty() {
            return Err(self.error(t!(msg::EU_ACT)));
        }
        let mut code = if old_style {
            if b.len() != 4 && b.len() != 2 {
                return Err(self.error(t!(msg::EU_ACT)));
            }
            let mut code = Self::blank(Family::EuAct, format!("Regulation ({body})"));
            code.number = format!("{a}/{b}");
            code
        } else {
            if a.len() != 4 {
                return Err(self.error(t!(msg::EU_ACT)));
            }
            let mut code = Self::blank(Family::EuAct, format!("({body})"));
            code.number = format!("{a}/{b}");
            code
        };
        code.canonical.clear();
        Ok(Some(code))
    }

    /// `10 CFR 430`, `10 CFR Part 430`, `10 CFR 430.32`: title, part and section of the US Code
    /// of Federal Regulations. `None`, with nothing read, for anything else.
    fn cfr(&mut self) -> Result<Option<StandardCode>, Error> {
        let save = self.pos;
        let title = self.digits();
        if title.is_empty() || !self.eat_str(" CFR") {
            self.pos = save;
            return Ok(None);
        }
        self.eat(' ');
        if self.eat_str("Part") || self.eat_str("part") {
            self.eat(' ');
        }
        let part = self
            .dotted_number()
            .ok_or_else(|| self.error(t!(msg::CFR_PART)))?;
        let mut code = Self::blank(Family::Cfr, format!("{title} CFR"));
        code.number = part;
        Ok(Some(code))
    }

    // --- ISO, IEC, EN, BS, DIN, JIS, IEEE … -------------------------------------------------

    fn colon_or_hyphen(
        &mut self,
        mut code: StandardCode,
        style: Style,
    ) -> Result<StandardCode, Error> {
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
        self.languages(&mut code);
        while let Some(a) = self.amendment(style)? {
            code.amendments.push(a);
            self.languages(&mut code);
        }
        code.form_at = code.amendments.len();
        let rest = self.rest();
        if let Some(&form) = FORMS.iter().find(|&&f| {
            rest.get(..1) == Some(" ")
                && rest.get(1..).is_some_and(|r| {
                    r.starts_with(f)
                        && !r
                            .get(f.len()..)
                            .and_then(|t| t.chars().next())
                            .is_some_and(|c| c.is_ascii_alphanumeric())
                })
        }) {
            self.pos += 1 + form.len();
            code.form = Some(form);
            while let Some(a) = self.amendment(style)? {
                code.amendments.push(a);
            }
        }
        self.languages(&mut code);
        self.edition(&mut code)?;
        Ok(code)
    }

    /// Language codes in parentheses (`(en)`, `(en,fr)`, `(E)`, `(R/E)`): one to three letters
    /// each, kept as written but not in the canonical form.
    fn languages(&mut self, code: &mut StandardCode) {
        let rest = self.rest();
        let inner = rest
            .strip_prefix(" (")
            .or_else(|| rest.strip_prefix('('))
            .and_then(|r| r.split_once(')'))
            .map(|(inside, _)| inside);
        let Some(inside) = inside_ok(inner) else {
            return;
        };
        let open = if rest.starts_with(' ') { 2 } else { 1 };
        self.pos += open + inside.len() + 1;
        code.languages = Some(inside.to_owned());
    }

    /// An edition number after a space: `Ed 2`, `ED2`, `Ed. 2`; not in the canonical form.
    fn edition(&mut self, code: &mut StandardCode) -> Result<(), Error> {
        let rest = self.rest();
        let Some(after) = rest
            .strip_prefix(" Ed")
            .or_else(|| rest.strip_prefix(" ED"))
        else {
            return Ok(());
        };
        let skip = after.len() - after.trim_start_matches(['.', ' ']).len();
        if !after
            .get(skip..)
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        {
            return Ok(());
        }
        self.pos += 3 + skip;
        let n = self.digits();
        code.edition = Some(
            n.parse::<u32>()
                .map_err(|_| self.error(t!(msg::EDITION_NUMBER)))?,
        );
        Ok(())
    }

    /// One `/Amd 2:2020`, `/Cor 1:2007`, `/AMD1:2017`, `+AMD1:1999`, `+A11:2014`, `/AC:2014`,
    /// `/ISH1:2021`, if next, in any case and with an optional point (`/Amd.1`). It is spelt
    /// canonically in `style`, the style of the base document's publisher.
    fn amendment(&mut self, style: Style) -> Result<Option<Amendment>, Error> {
        let plus = match self.peek() {
            Some('+') => true,
            Some('/') => false,
            _ => return Ok(None),
        };
        let after = self.rest().get(1..).unwrap_or("");
        let label_len = after
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        let label = after.get(..label_len).unwrap_or("");
        let (kind, numbered) = match label.to_ascii_uppercase().as_str() {
            "AMD" | "A" => (AmendmentKind::Amendment, true),
            "COR" | "AC" => (AmendmentKind::Corrigendum, false),
            "ISH" => (AmendmentKind::InterpretationSheet, true),
            _ if plus => {
                return Err(self.error(t!(msg::AMENDMENT_AFTER_PLUS, self.consumed())));
            }
            _ => return Ok(None),
        };
        let next = after.get(label_len..).unwrap_or("");
        // `/A` is only an amendment when a number follows (`/A11`, `/A 1`).
        if label == "A" && !next.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
            return if plus {
                Err(self.error(t!(msg::AMENDMENT_AFTER_PLUS, self.consumed())))
            } else {
                Ok(None)
            };
        }
        self.pos += 1 + label_len;
        self.eat('.');
        self.eat(' ');
        let n = self.digits();
        let number = if n.is_empty() && !numbered && self.peek() == Some(':') {
            None
        } else {
            Some(
                n.parse::<u32>()
                    .map_err(|_| self.error(t!(msg::AMENDMENT_NUMBER, label)))?,
            )
        };
        let year = if self.eat(':') {
            Some(self.four_digit_year(":")?)
        } else {
            None
        };
        Ok(Some(Amendment {
            kind,
            style,
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
