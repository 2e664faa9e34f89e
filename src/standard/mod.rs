//! Standards and their numbers (标准与标准编号).
//!
//! A [`StandardCode`] is a standard number read from what people type and kept in one canonical
//! form; a [`Standard`] is the plain record a benchmarking plan keeps about a standard (its
//! number, title, kind, adoption of an international standard, status).
//!
//! # Families
//!
//! | Family | Level | Examples |
//! |---|---|---|
//! | Chinese national (国家标准) | national | `GB 4706.1-2005`, `GB/T 8170-2008`, `GB/Z 20000.1-2001`, `GBZ 2.1-2019` |
//! | Chinese industry (行业标准) | industry | `JB/T 13368-2018`, `YB/T 081-2013`, `HJ 2.2-2018`, `SN/T 1234-2010` |
//! | Chinese local (地方标准) | local | `DB52/T 380-2017`, `DB11/ 139-2015` (mandatory) |
//! | Chinese group (团体标准) | group | `T/CZGX 001-2022` |
//! | Chinese enterprise (企业标准) | enterprise | `Q/MP102-2021`, `Q/ABC 001-2024` |
//! | amendment sheets (修改单) | as the base | `GB 4706.1-2005/XG1-2006` |
//! | dual numbers of adoptions | as the base | `GB/T 19001-2016/ISO 9001:2015` |
//! | ISO, IEC, ISO/IEC, CISPR | international | `ISO 14044:2006/Amd 2:2020`, `ISO 9001:2008/Cor 1:2009`, `ISO/IEC 27001:2013`, `IEC 60335-2-84:2005`, `IEC 60335-1:2010/AMD1:2013`, `IEC 60529:1989+AMD1:1999+AMD2:2013 CSV`, `IEC TS 62443-1-1:2009`, `CISPR 14-1:2020` |
//! | ITU | international | `ITU-T Rec. G.8013/Y.1731 (08/2019)`, `ITU-T G.652`, `ITU-R BT.709-6` |
//! | EN, BS, DIN, NF | foreign | `EN 60335-1:2012+A11:2014`, `BS EN ISO 4413:2010`, `DIN EN ISO 9001:2015-11`, `NF C 15-100` |
//! | ASTM | foreign | `ASTM D3745/D3745M-95(2015)e1`, `ASTM A36/A36M-19`, `ASTM E84-19a` |
//! | JIS | foreign | `JIS A 4422:2011` |
//! | ANSI, IEEE, UL, AS/NZS | foreign | `ANSI Z87.1-2020`, `IEEE 802.3-2018`, `UL 94`, `AS/NZS 3112:2017` |
//! | CEN, CENELEC and adoptions | foreign | `EN 60335-1:2012/AC:2014`, `CEN/TS 14972:2011`, `CEN/CLC Guide 25:2023`, `BS ISO/IEC 27001:2013`, `PD CEN/TS 16415:2013`, `DIN VDE 0100-410:2018-10` |
//! | Guides and other deliverables | as the body | `ISO/IEC Guide 98-4:2012`, `ISO/R 1:1951`, `IEC SRD 62913-1:2019`, `IWA 32:2019` |
//! | JCGM, ILAC | international | `JCGM 106:2012`, `ILAC-G8:09/2019` |
//! | EU acts, US CFR | foreign | `(EU) 2019/2015`, `Regulation (EU) No 1194/2012`, `Directive 2009/125/EC`, `10 CFR 430` |
//!
//! Chinese industry codes are those of the official list of industry standard codes
//! (行业标准代号, kept by the Standardization Administration of China; listed in
//! `docs/standard-numbers.md`), optionally followed by `/T` or `/Z`. Other letters are refused,
//! with a suggestion where the slash was left out (`GBT8170-2008`: did you mean
//! `GB/T 8170-2008`?).
//!
//! # What is accepted
//!
//! - Em dash `—`, en dash `–`, other Unicode dashes and the full-width hyphen `－` for `-`;
//!   full-width forms of ASCII (`／`, `：`, `０`–`９`, `Ｔ`); `ε` for ASTM's `e`.
//! - Any whitespace, repeated or missing: `GB/T8170-2008`, `ISO 14044 : 2006 / Amd 2 : 2020`,
//!   surrounding spaces.
//! - Two-digit years: Chinese (`GB 8170—87`) and ASTM (`-19`). `50`–`99` mean 1950–1999,
//!   `00`–`49` mean 2000–2049.
//! - Undated references (`GB 6952`, `ISO 9001`): the latest edition.
//! - Language and edition suffixes (`ISO 31000:2018(en)`, `(en,fr)`, `(E)`, `Ed 2`): read
//!   into [`StandardCode::languages`] and [`StandardCode::edition`], not part of the key (a
//!   translation names the same standard).
//! - Deliverables written with a space or a slash (`ISO TR 10013`, `IEC/TS 62443`), `GUIDE`
//!   in capitals, `Amd.1`, any case of `Amd`/`AMD`/`Cor`/`COR`.
//!
//! # The canonical form
//!
//! What [`StandardCode`] prints, serializes and compares by:
//!
//! - ASCII hyphens and single spaces; one space between the prefix and the number except for
//!   enterprise standards (`Q/MP102-2021`, the enterprise's code is part of the number as
//!   written) and no space around `/`, `+`, `-`, `:`.
//! - Chinese years always in four digits: `GB 8170—87` prints `GB 8170-1987`, so the old and the
//!   new spelling of one edition are the same key. Zero padding of numbers is kept
//!   (`T/CZGX 001-2022`, `YB/T 081-2013`).
//! - A mandatory local standard prints with the slash and a space, as published:
//!   `DB11/ 139-2015`.
//! - ASTM years in two digits as ASTM writes them (`-19`, `-95`) for 1950–2049, four digits
//!   otherwise; revision letter, reapproval year and editorial change as written.
//! - Amendments are spelt as the base document's publisher spells them, whatever was typed:
//!   ISO, ISO/IEC and any other body `/Amd 2:2020` and `/Cor 1:2007`; IEC and CISPR
//!   `/AMD1:2017`, `/COR1:2019`, `/ISH1:2016`; CEN/CENELEC and the bodies adopting their
//!   standards (and BSI's own) `+A11:2014`, `/AC:2014`. So `/AMD 1:1998` and `/Amd 1:1998` on
//!   an ISO number are one key. The joiner (`/` or `+`) is kept as written; leading zeros of
//!   amendment numbers are dropped.
//! - Deliverables: `ISO/TR`, `ISO/TS`, `CEN/TS`, `CEN/CLC/TR` with a slash after ISO alone and
//!   CEN/CENELEC; `IEC TS`, `ISO/IEC TR`, `CISPR TR` with a space otherwise; `Guide` always
//!   after a space.
//! - ITU's word `Rec.` is kept when written; IEEE's word `Std` is dropped.
//!
//! The law: for every text `t` that parses, `t.parse::<StandardCode>()?.to_string()` parses to
//! an equal code and prints the same text again.
//!
//! ```
//! use duibiao::{Level, StandardCode};
//!
//! let code: StandardCode = "GB 8170—87".parse()?;
//! assert_eq!(code.to_string(), "GB 8170-1987");
//! assert_eq!(code.year(), Some(1987));
//!
//! let iec: StandardCode = "IEC 60335-2-84:2005".parse()?;
//! assert_eq!(iec.number(), "60335");
//! assert_eq!(iec.parts(), ["2", "84"]);
//! assert_eq!(iec.level(), Level::International);
//! # Ok::<(), duibiao::Error>(())
//! ```

pub(crate) mod code;

pub(crate) use code::MAX_CODE_LEN;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{t, Error};

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        ADOPTION_DEGREE = "expected \"IDT\", \"MOD\" or \"NEQ\"", "应为 \"IDT\"、\"MOD\" 或 \"NEQ\"";
    }
}

pub use code::{Amendment, AmendmentKind, Family, Level, StandardCode, StandardCodeParts};

/// A name or title in Chinese, English or both (名称), as standards and indicators carry them.
/// A names table holds `zh` and `en` only: any other field is refused, so a name can never
/// carry data of its own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Names {
    /// `zh`: the Chinese name (`数值修约规则与极限数值的表示和判定`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zh: Option<String>,
    /// `en`: the English name (`Rules of rounding off for numerical values …`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Names {
    /// A Chinese name only.
    pub fn zh(name: impl Into<String>) -> Self {
        Names {
            zh: Some(name.into()),
            en: None,
        }
    }

    /// An English name only.
    pub fn en(name: impl Into<String>) -> Self {
        Names {
            zh: None,
            en: Some(name.into()),
        }
    }

    /// True when neither name is given.
    pub fn is_empty(&self) -> bool {
        self.zh.is_none() && self.en.is_none()
    }
}

/// What kind of standard it is in a benchmarking plan (对标依据): the campaign's classes of
/// advanced standards plus the domestic levels.
///
/// Serialized in kebab-case (`"foreign-advanced"`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum StandardKind {
    /// An international standard (国际标准): ISO, IEC, ITU.
    International,
    /// A leading foreign standard (国外先进标准): EN, ASTM, JIS, DIN, BS ….
    ForeignAdvanced,
    /// A domestic standard at an internationally leading level (国内领先标准), of any domestic
    /// level. Never chosen by [`default_for`](Self::default_for): a plan says so.
    #[schemars(
        description = "A domestic standard at an internationally leading level (国内领先标准), of any domestic level. Never the default: a plan says so."
    )]
    DomesticLeading,
    /// A national standard (国家标准).
    National,
    /// An industry standard (行业标准).
    Industry,
    /// A local standard (地方标准).
    Local,
    /// A group standard (团体标准).
    Group,
    /// An enterprise standard (企业标准).
    Enterprise,
}

impl StandardKind {
    /// The kind a standard of this level has unless a plan says otherwise: international →
    /// international, foreign → foreign-advanced, each domestic level → itself.
    pub fn default_for(level: Level) -> Self {
        match level {
            Level::International => StandardKind::International,
            Level::Foreign => StandardKind::ForeignAdvanced,
            Level::National => StandardKind::National,
            Level::Industry => StandardKind::Industry,
            Level::Local => StandardKind::Local,
            Level::Group => StandardKind::Group,
            Level::Enterprise => StandardKind::Enterprise,
        }
    }
}

/// The degree of adoption of an international standard (采用程度). Serialized upper-case
/// (`"IDT"`), as printed in standards.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "UPPERCASE")]
pub enum AdoptionDegree {
    /// Identical (等同采用): same technical content and structure.
    Idt,
    /// Modified (修改采用): technical deviations, stated and explained.
    Mod,
    /// Not equivalent (非等效): not an adoption in the strict sense.
    Neq,
}

impl AdoptionDegree {
    /// The upper-case abbreviation (`"IDT"`, `"MOD"`, `"NEQ"`).
    pub fn as_str(self) -> &'static str {
        match self {
            AdoptionDegree::Idt => "IDT",
            AdoptionDegree::Mod => "MOD",
            AdoptionDegree::Neq => "NEQ",
        }
    }
}

impl std::fmt::Display for AdoptionDegree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for AdoptionDegree {
    type Err = Error;

    /// Reads `IDT`, `MOD` or `NEQ` in any case.
    ///
    /// # Errors
    ///
    /// A syntax error for anything else:
    /// `adoption degree "EQV": expected "IDT", "MOD" or "NEQ"`.
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_uppercase().as_str() {
            "IDT" => Ok(AdoptionDegree::Idt),
            "MOD" => Ok(AdoptionDegree::Mod),
            "NEQ" => Ok(AdoptionDegree::Neq),
            _ => Err(Error::syntax(
                "adoption degree",
                s,
                t!(msg::ADOPTION_DEGREE),
            )),
        }
    }
}

/// The international standard a standard adopts, and how closely.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Adoption {
    /// Identical, modified or not equivalent.
    pub degree: AdoptionDegree,
    /// The adopted standard (`ISO 9001:2015`).
    pub code: StandardCode,
}

/// Whether a standard is in force. Serialized in kebab-case.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Status {
    /// In force (现行).
    #[default]
    Current,
    /// Withdrawn or abolished (废止); see [`Standard::superseded_by`] for its replacement.
    #[schemars(
        description = "Withdrawn or abolished (废止); `superseded-by` names its replacement."
    )]
    Withdrawn,
}

/// What a benchmarking plan keeps about one standard. Plain data.
///
/// Serialized in kebab-case; when `kind` is missing on reading it is
/// [`StandardKind::default_for`] the code's level.
///
/// ```
/// use duibiao::{Standard, StandardCode, StandardKind};
///
/// let code: StandardCode = "T/CZGX 001-2022".parse()?;
/// let standard = Standard::new(code);
/// assert_eq!(standard.kind, StandardKind::Group);
/// # Ok::<(), duibiao::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", from = "StandardRecord")]
pub struct Standard {
    /// The standard number.
    pub code: StandardCode,
    /// The title in Chinese and/or English.
    #[serde(skip_serializing_if = "Names::is_empty")]
    pub title: Names,
    /// The kind of standard in the plan.
    pub kind: StandardKind,
    /// The international standard it adopts, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adoption: Option<Adoption>,
    /// In force or withdrawn.
    pub status: Status,
    /// The standard that replaces it, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<StandardCode>,
}

impl Standard {
    /// A current standard with no title or adoption, of the default kind for the code's level.
    pub fn new(code: StandardCode) -> Self {
        Standard {
            kind: StandardKind::default_for(code.level()),
            code,
            title: Names::default(),
            adoption: None,
            status: Status::Current,
            superseded_by: None,
        }
    }
}

/// The serialized shape of [`Standard`], with its optional fields.
#[derive(Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct StandardRecord {
    /// The standard number.
    code: StandardCode,
    /// The title in Chinese and/or English.
    #[serde(default)]
    title: Names,
    /// The kind of standard in the plan; when missing, the default for the code's level
    /// (international, foreign-advanced, national, industry, local, group or enterprise).
    #[serde(default)]
    kind: Option<StandardKind>,
    /// The international standard it adopts, if any.
    #[serde(default)]
    adoption: Option<Adoption>,
    /// In force (the default) or withdrawn.
    #[serde(default)]
    status: Status,
    /// The standard that replaces it, if known.
    #[serde(default)]
    superseded_by: Option<StandardCode>,
}

impl From<StandardRecord> for Standard {
    fn from(r: StandardRecord) -> Self {
        Standard {
            kind: r
                .kind
                .unwrap_or_else(|| StandardKind::default_for(r.code.level())),
            code: r.code,
            title: r.title,
            adoption: r.adoption,
            status: r.status,
            superseded_by: r.superseded_by,
        }
    }
}
