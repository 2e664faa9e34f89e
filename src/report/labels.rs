//! The labels of the reports in Chinese and English: one table that the Markdown and HTML
//! renderers read, public so that a downstream crate renders its own template with the same
//! words.
//!
//! ```
//! use duibiao::report::{Label, Lang};
//!
//! assert_eq!(Label::Summary.zh(), "摘要");
//! assert_eq!(Label::Summary.en(), "Summary");
//! assert_eq!(Label::Summary.key(), "summary");
//! assert_eq!(Label::Summary.in_lang(Lang::Both), "摘要 Summary");
//! // Every label, for a template's dictionary: `{{ labels["gap-causes"].zh }}`.
//! let en: std::collections::BTreeMap<&str, &str> =
//!     Label::ALL.iter().map(|l| (l.key(), l.en())).collect();
//! assert_eq!(en["gap-causes"], "To raise the standard");
//! ```

use std::borrow::Cow;

use crate::error::Lang;
use crate::plan::Role;
use crate::verdict::StandardOutcome;

macro_rules! labels {
    ($($(#[$doc:meta])* $name:ident = $key:literal, $zh:literal, $en:literal;)*) => {
        /// A label of the reports, in Chinese ([`Label::zh`]) and English ([`Label::en`]).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Label {
            $($(#[$doc])* #[doc = concat!("`", $key, "`: ", $zh, " / ", $en, ".")] $name,)*
        }

        impl Label {
            /// Every label, in the order the reports first use them.
            pub const ALL: &'static [Label] = &[$(Label::$name),*];

            /// The label's key, kebab-case (`gap-causes`): stable, for a template's dictionary.
            pub fn key(self) -> &'static str {
                match self { $(Label::$name => $key,)* }
            }

            /// The Chinese label.
            pub fn zh(self) -> &'static str {
                match self { $(Label::$name => $zh,)* }
            }

            /// The English label.
            pub fn en(self) -> &'static str {
                match self { $(Label::$name => $en,)* }
            }
        }
    };
}

labels! {
    /// The report's title.
    Report = "report", "对标报告", "Benchmarking report";
    Category = "category", "产品类别", "category";
    PlanVersion = "plan-version", "方案版本", "plan version";
    Date = "date", "日期", "date";
    CrateVersion = "crate-version", "duibiao 版本", "duibiao version";
    Policy = "policy", "判定规则", "policy";
    Standards = "standards", "标准", "Standards";
    Code = "code", "标准编号", "code";
    Title = "title", "标准名称", "title";
    Role = "role", "角色", "role";
    Kind = "kind", "类型", "kind";
    RoleSubject = "role-subject", "企业标准", "subject";
    RoleBenchmark = "role-benchmark", "对标标准", "benchmark";
    RoleReference = "role-reference", "引用标准", "reference";
    /// The heading of the subject standard's comparison.
    StandardComparison = "standard-comparison", "企业标准对标", "The enterprise standard against the benchmark level";
    Standard = "standard", "标准", "standard";
    SubjectRequirement = "subject-requirement", "企业标准要求", "subject requirement";
    BenchmarkLevel = "benchmark-level", "对标水平", "benchmark level";
    Comparison = "comparison", "比较", "comparison";
    Judged = "judged", "判定", "judged";
    Stricter = "stricter", "严于", "stricter";
    Equal = "equal", "等同", "equal";
    Looser = "looser", "宽于", "looser";
    Incomparable = "incomparable", "不可比", "incomparable";
    StandardMissing = "standard-missing", "缺失", "missing";
    FillsBlank = "fills-blank", "填补空白", "fills a blank";
    NotStated = "not-stated", "未规定", "not stated";
    Summary = "summary", "摘要", "Summary";
    Item = "item", "项目", "item";
    Count = "count", "数量", "count";
    Products = "products", "产品", "products";
    Ranked = "ranked", "入榜", "ranked";
    ChosenLeaders = "chosen-leaders", "领跑者", "chosen leaders";
    /// The heading of the gap causes (达标提升).
    GapCauses = "gap-causes", "达标提升", "To raise the standard";
    NoGaps = "no-gaps", "无差距。", "No gaps.";
    Indicator = "indicator", "指标", "indicator";
    ProductsWithGap = "products-with-gap", "差距产品", "products with a gap";
    WorstShare = "worst-share", "最大差距比例", "worst share";
    MedianShare = "median-share", "差距比例中位数", "median share";
    WorstMargin = "worst-margin", "最大差距", "worst margin";
    Ranking = "ranking", "排行", "Ranking";
    Rank = "rank", "名次", "rank";
    Product = "product", "产品", "product";
    Score = "score", "得分", "score";
    Exceeding = "exceeding", "优于项", "exceeding";
    Class = "class", "类别", "class";
    ChosenLeader = "chosen-leader", "领跑者", "chosen leader";
    TierRanks = "tier-ranks", "层级名次", "tier ranks";
    LeftOut = "left-out", "各方数值相同、不排名的指标", "Left out of the ranking, every ranked entry states the same value";
    NotRanked = "not-ranked", "未入榜", "not ranked";
    Because = "because", "原因", "because";
    /// The heading of the per-product section.
    ProductsHeading = "products-heading", "产品", "Products";
    DecidedBy = "decided-by", "判定依据", "decided by";
    Value = "value", "值", "value";
    Grade = "grade", "等级", "grade";
    Limit = "limit", "限值", "limit";
    Margin = "margin", "余量", "margin";
    Share = "share", "余量比例", "share";
    Outcome = "outcome", "结果", "outcome";
    Unit = "unit", "单位", "unit";
    Direction = "direction", "方向", "direction";
    Weight = "weight", "权重", "weight";
    Grades = "grades", "等级划分", "grades";
    /// The heading of the class counts chart.
    ClassCounts = "class-counts", "类别分布", "Classes";
    /// The heading of the distributions of the core indicators.
    Distributions = "distributions", "核心指标分布", "Core indicators: the values against the level";
    Better = "better", "更优", "better";
    Leaders = "leaders", "领跑者名单", "Leaders";
    Values = "values", "数值", "values";
    Band = "band", "分档", "band";
    NotCharted = "not-charted", "无可绘制的数值", "no value to chart";
    HigherIsBetter = "higher-is-better", "越高越好", "higher is better";
    LowerIsBetter = "lower-is-better", "越低越好", "lower is better";
    NominalIsBest = "nominal-is-best", "越接近标称越好", "nominal is best";
    Qualitative = "qualitative", "定性", "qualitative";
}

impl Label {
    /// The label in `lang`: Chinese, English, or both side by side (`摘要 Summary`).
    pub fn in_lang(self, lang: Lang) -> Cow<'static, str> {
        match lang {
            Lang::Zh => Cow::Borrowed(self.zh()),
            Lang::En => Cow::Borrowed(self.en()),
            Lang::Both => Cow::Owned(format!("{} {}", self.zh(), self.en())),
        }
    }

    /// The label of a standard's role.
    pub fn of_role(role: Role) -> Label {
        match role {
            Role::Subject => Label::RoleSubject,
            Role::Benchmark => Label::RoleBenchmark,
            _ => Label::RoleReference,
        }
    }

    /// The label of the subject standard's outcome against the level.
    pub fn of_standard_outcome(o: StandardOutcome) -> Label {
        match o {
            StandardOutcome::Stricter => Label::Stricter,
            StandardOutcome::Equal => Label::Equal,
            StandardOutcome::Looser => Label::Looser,
            StandardOutcome::Incomparable => Label::Incomparable,
            StandardOutcome::Missing => Label::StandardMissing,
            StandardOutcome::FillsBlank => Label::FillsBlank,
            _ => Label::NotStated,
        }
    }

    /// The label of a direction.
    pub fn of_direction(d: crate::indicator::Direction) -> Label {
        use crate::indicator::Direction as D;
        match d {
            D::HigherIsBetter => Label::HigherIsBetter,
            D::LowerIsBetter => Label::LowerIsBetter,
            D::NominalIsBest => Label::NominalIsBest,
            _ => Label::Qualitative,
        }
    }
}

/// Writes a label in `lang` into `s` without allocating.
pub(crate) fn put(s: &mut String, lang: Lang, label: Label) {
    put_pair(s, lang, label.zh(), label.en());
}

/// Writes a (zh, en) pair in `lang` into `s` without allocating.
pub(crate) fn put_pair(s: &mut String, lang: Lang, zh: &str, en: &str) {
    match lang {
        Lang::Zh => s.push_str(zh),
        Lang::En => s.push_str(en),
        Lang::Both => {
            s.push_str(zh);
            s.push(' ');
            s.push_str(en);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_kebab_case_and_every_label_has_both_languages() {
        let mut keys = std::collections::BTreeSet::new();
        for l in Label::ALL {
            assert!(keys.insert(l.key()), "{} twice", l.key());
            assert!(l.key().chars().all(|c| c.is_ascii_lowercase() || c == '-'));
            assert!(!l.zh().is_empty() && !l.en().is_empty());
            assert!(!l.zh().is_ascii(), "{}: zh", l.key());
        }
    }
}
