//! The languages duibiao writes in: its reports' labels and its error messages.

use std::fmt;

use super::{msg, t, Error};

/// A language of labels and messages: Chinese, English or both side by side.
///
/// Reports label their columns in it ([`crate::report::Report::to_markdown`]) and every error
/// renders in it ([`Error::message`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Lang {
    /// 中文.
    Zh,
    /// English.
    En,
    /// Chinese, then English (the default).
    #[default]
    Both,
}

impl std::str::FromStr for Lang {
    type Err = Error;

    /// `zh`, `en` or `both`.
    ///
    /// ```
    /// use duibiao::Lang;
    /// assert_eq!("zh".parse::<Lang>()?, Lang::Zh);
    /// assert!("fr".parse::<Lang>().is_err());
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    fn from_str(s: &str) -> Result<Lang, Error> {
        match s.trim() {
            "zh" => Ok(Lang::Zh),
            "en" => Ok(Lang::En),
            "both" => Ok(Lang::Both),
            other => Err(Error::invalid("language", other, t!(msg::LANGUAGE))),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::Both => "both",
        })
    }
}

impl Lang {
    /// The language a locale names (`zh_CN.UTF-8`, `zh-Hans`, `en_US`, `C`): Chinese for any
    /// `zh` locale, English otherwise.
    ///
    /// ```
    /// use duibiao::Lang;
    /// assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::Zh);
    /// assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
    /// assert_eq!(Lang::from_locale("C"), Lang::En);
    /// ```
    pub fn from_locale(locale: &str) -> Lang {
        let lower = locale.trim().to_ascii_lowercase();
        if lower == "zh"
            || lower.starts_with("zh_")
            || lower.starts_with("zh-")
            || lower.starts_with("zh.")
        {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}
