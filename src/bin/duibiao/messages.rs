//! The command line's own messages, each in English and Chinese, written in the language of
//! messages (`--lang`, else the locale). The library's messages come with its errors; these
//! are the ones the command line adds: its options, its files, its warnings.

use duibiao::{Error, Lang};

/// A message template: `{0}`, `{1}` … are its arguments.
#[derive(Clone, Copy)]
pub struct Msg {
    pub en: &'static str,
    pub zh: &'static str,
}

/// An argument of a message: text as it is, another message (a noun) or a library error,
/// both rendered in the message's language.
pub enum Arg<'a> {
    Text(String),
    Msg(&'a Msg),
    Error(&'a Error),
}

/// Text as it is, in every language.
pub fn a(x: impl std::fmt::Display) -> Arg<'static> {
    Arg::Text(x.to_string())
}

impl Msg {
    /// The message in `lang`; [`Lang::Both`] as the library writes it: Chinese, ` — `,
    /// English.
    pub fn render(&self, lang: Lang, args: &[Arg<'_>]) -> String {
        match lang {
            Lang::Zh => fill(self.zh, Lang::Zh, args),
            Lang::Both => format!(
                "{} — {}",
                fill(self.zh, Lang::Zh, args),
                fill(self.en, Lang::En, args)
            ),
            _ => fill(self.en, Lang::En, args),
        }
    }
}

fn fill(template: &str, lang: Lang, args: &[Arg<'_>]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let n = after
            .find('}')
            .and_then(|close| after[..close].parse::<usize>().ok().map(|n| (n, close)));
        match n {
            Some((n, close)) => {
                match args.get(n) {
                    Some(Arg::Text(t)) => out.push_str(t),
                    Some(Arg::Msg(m)) => out.push_str(if lang == Lang::Zh { m.zh } else { m.en }),
                    Some(Arg::Error(e)) => out.push_str(&e.message(lang)),
                    None => {}
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

macro_rules! messages {
    ($($name:ident = $en:expr, $zh:expr;)*) => {
        $(pub const $name: Msg = Msg { en: $en, zh: $zh };)*
        /// Every message, with its name.
        #[cfg(test)]
        pub const ALL: &[(&str, Msg)] = &[$((stringify!($name), $name)),*];
    };
}

messages! {
    // Nouns.
    THE_VERDICTS = "the verdicts", "判定结果";
    THE_RANKING = "the ranking", "排行";
    THE_REPORT = "the report", "报告";
    THE_OUTPUT = "the output", "输出";
    UNCERTAINTY = "uncertainty", "不确定度";
    COVERAGE_FACTOR = "coverage factor", "包含因子";
    SHARE = "share", "比例";
    // Places.
    LINE = "line {0}", "第 {0} 行";
    ROW = "row {0}", "第 {0} 行";
    ENTRY = "products[{0}]", "products[{0}]";
    IN_FILE = "{0}: {1}", "{0}：{1}";
    PRODUCTS_FILE = "products \"{0}\": {1}", "产品文件 \"{0}\"：{1}";
    STANDARDS_FILE = "standards \"{0}\": {1}", "标准文件 \"{0}\"：{1}";
    VERDICTS_FILE = "verdicts \"{0}\": {1}", "判定结果文件 \"{0}\"：{1}";
    OUTPUT_FILE = "output \"{0}\": {1}", "输出文件 \"{0}\"：{1}";
    SHARE_GIVEN = "--share \"{0}\": {1}", "选项 --share \"{0}\"：{1}";
    // Faults.
    WRITING = "writing {0}: {1}", "写出{0}时出错：{1}";
    ROWS_AFTER = "{0}: {1} (the rows after it were not read)", "{0}：{1}（其后各行未读取）";
    ROWS_FAILED = "{0}: {1} of {2} products could not be read or judged: their rows say why",
        "{0}：{2} 个产品中有 {1} 个无法读取或判定，原因见各自的行";
    LEFT_OUT = "{0}: {1} (left out)", "{0}：{1}（已略去）";
    RANK_INPUT = "rank: give --products or --standards", "rank：请给出 --products 或 --standards";
    REPORT_INPUT = "report: give --products or --verdicts", "report：请给出 --products 或 --verdicts";
    NOT_A_DECIMAL = "{0} \"{1}\": expected a decimal number", "{0} \"{1}\"：应为十进制数";
    UNCERTAINTY_DIFFERS = "value \"{0}\": its uncertainty {1} differs from --uncertainty \"{2}\"",
        "数值 \"{0}\"：其不确定度 {1} 与 --uncertainty \"{2}\" 不同";
    K_DIFFERS = "value \"{0}\": its coverage factor k = {1} differs from --k \"{2}\"",
        "数值 \"{0}\"：其包含因子 k = {1} 与 --k \"{2}\" 不同";
    NOT_A_WORKBOOK = "{0}: --sheet reads a sheet of an .xlsx workbook, and this is not one",
        "{0}：--sheet 用于读取 .xlsx 工作簿中的工作表，而该文件不是工作簿";
    // Warnings.
    COLUMN_IGNORED = "{0}: column \"{1}\" names no indicator of the plan: ignored",
        "{0}：列 \"{1}\" 不是方案中的指标，已忽略";
    COLUMNS_IGNORED = "{0}: {1} more columns name no indicator of the plan: ignored",
        "{0}：另有 {1} 列不是方案中的指标，已忽略";
    DUPLICATE_ID = "{0}: {1}: product \"{2}\" appears twice ({3} and {4}): both are judged; give each product its own id",
        "{0}：{1}：产品 \"{2}\" 出现两次（{3}和{4}），两者均已判定，请为每个产品给出各自的编号";
    DUPLICATES_CAPPED = "{0}: {1}: more than {2} products: the ids from here on are checked for duplicates against the first {2} only",
        "{0}：{1}：产品超过 {2} 个，此后的编号只与前 {2} 个比对是否重复";
    DUPLICATES_UNCHECKED = "{0}: {1}: ids from here on are not checked for duplicates (beyond line or entry 2147483647)",
        "{0}：{1}：此后的编号不再检查是否重复（超过第 2147483647 行或条）";
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arguments(text: &str) -> std::collections::BTreeSet<usize> {
        let mut found = std::collections::BTreeSet::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            rest = &rest[open + 1..];
            if let Some(n) = rest.find('}').and_then(|c| rest[..c].parse().ok()) {
                found.insert(n);
            }
        }
        found
    }

    /// Every message has both texts with the same arguments; the Chinese holds Chinese (the
    /// places that are the same in both, `products[3]`, `{0}: {1}`, excepted), neither ends
    /// with a full stop, the English starts in lower case.
    #[test]
    fn every_message_has_both_texts() {
        assert!(ALL.len() >= 28);
        for (name, m) in ALL {
            assert!(!m.en.is_empty() && !m.zh.is_empty(), "{name}");
            assert_eq!(arguments(m.en), arguments(m.zh), "{name}");
            let chinese = m.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            assert!(
                chinese || matches!(*name, "ENTRY" | "IN_FILE"),
                "{name}: {}",
                m.zh
            );
            for text in [m.en, m.zh] {
                assert!(!text.ends_with(['.', '。']), "{name}: {text}");
            }
            assert!(
                !m.en.starts_with(|c: char| c.is_uppercase()),
                "{name}: {}",
                m.en
            );
        }
    }

    #[test]
    fn arguments_are_filled_in_the_language() {
        let args = [Arg::Msg(&SHARE), a("x")];
        assert_eq!(
            NOT_A_DECIMAL.render(Lang::En, &args),
            "share \"x\": expected a decimal number"
        );
        assert_eq!(
            NOT_A_DECIMAL.render(Lang::Zh, &args),
            "比例 \"x\"：应为十进制数"
        );
        assert_eq!(
            NOT_A_DECIMAL.render(Lang::Both, &args),
            "比例 \"x\"：应为十进制数 — share \"x\": expected a decimal number"
        );
        assert_eq!(fill("{a} {9} {", Lang::En, &args), "{a}  {");
    }
}
