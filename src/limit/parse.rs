//! Reading limit text (GB/T 8170-2008 4.2 forms, Chinese and English words).

use rust_decimal::Decimal;

use super::{Form, Limit, Num};
use crate::error::{t, Error, Text};
use crate::number::{exact, parse_decimal, truncate};
use crate::unit::Unit;

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        PLACE_LIMIT = "limit \"{0}\"", "限值 \"{0}\"";
        EXPECTED_LIMIT = "expected a limit such as \"≥ 97.0 %\"", "应为限值，如 \"≥ 97.0 %\"";
        UNCLOSED_EXCLUSION = "expected \")\" to close \"(不含\" at the end of the limit",
            "限值末尾的 \"(不含\" 缺少与之配对的 \")\"";
        OPEN_BOUNDARY = "\"以上\"/\"以下\" leave the boundary open to doubt: write \"及以上\", \"及以下\", \"不小于\" or \"不大于\"",
            "\"以上\"/\"以下\" 是否包含界限值不明确：请写 \"及以上\"、\"及以下\"、\"不小于\" 或 \"不大于\"";
        EXCLUSION_ONLY_DEVIATIONS = "\"(不含…)\" applies only to deviations such as \"10 ± 0.1\"",
            "\"(不含…)\" 只用于偏差形式，如 \"10 ± 0.1\"";
        EXPECTED_NUMBER = "expected a number", "应为数字";
        EXPECTED_FORM = "expected a comparison (≥, >, ≤, <, 不小于 …), a range (A ~ B) or a deviation (A ± b) around the number",
            "数字前后应有比较符号（≥、>、≤、<、不小于 …）、范围（A ~ B）或偏差（A ± b）";
        EXPECTED_RELATIVE_FOUND = "expected \"(1 ± b%)\", found \"({0})\"", "应为 \"(1 ± b%)\"，却是 \"({0})\"";
        COMMA = "a comma is not a decimal separator here: write the decimal point \".\"",
            "此处逗号不是小数点：请写小数点 \".\"";
        EXPECTED_NUMBER_FOUND = "expected a number, found \"{0}\"", "应为数字，却是 \"{0}\"";
        EXPECTED_NUMBER_AFTER = "expected a number after \"{0}\", found \"{1}\"", "\"{0}\" 之后应为数字，却是 \"{1}\"";
        EXPECTED_NUMBER_AFTER_NOTHING = "expected a number after \"{0}\", found nothing", "\"{0}\" 之后应为数字，却什么也没有";
        EXPECTED_NUMBER_AFTER_OPERATOR = "expected a number after \"{0}\", found an operator", "\"{0}\" 之后应为数字，却是运算符";
        EXPECTED_NUMBER_AFTER_WORD = "expected a number after \"{0}\"", "\"{0}\" 之后应为数字";
        UNEXPECTED = "unexpected \"{0}\": expected a number, a unit or one of ≥ > ≤ < ~ ±",
            "多余的 \"{0}\"：应为数字、单位或 ≥ > ≤ < ~ ± 之一";
        NUMBER_COMMA = "\"{0}\": a comma is not a decimal separator here: write the decimal point \".\" and no thousands separator",
            "\"{0}\"：此处逗号不是小数点：请写小数点 \".\"，且不要写千位分隔符";
        EXPECTED_POWER_SUPERSCRIPT = "expected a power of ten such as \"10³\" after \"{0}×\"", "\"{0}×\" 之后应为 10 的幂，如 \"10³\"";
        EXPECTED_POWER_FOUND = "expected a power of ten (10, 100, 10³ …) after \"{0}×\", found \"{1}\"",
            "\"{0}×\" 之后应为 10 的幂（10、100、10³ …），却是 \"{1}\"";
        POWER_BEYOND = "the power of ten 10^{0} is beyond what a decimal holds", "10 的幂 10^{0} 超出小数所能容纳的范围";
        POWER_OVERFLOW = "limit \"{0}\": {1}×10^{2}", "限值 \"{0}\"：{1}×10^{2}";
        TWO_UNITS = "the numbers are written in two units, \"{0}\" and \"{1}\": write one unit",
            "数字写了两个单位 \"{0}\" 和 \"{1}\"：请只写一个单位";
        UNEXPECTED_AFTER_ONE_SIDED = "unexpected text after \"{0}\": a one-sided limit holds one number and its unit",
            "\"{0}\" 之后有多余文字：单侧限值只含一个数字及其单位";
        RANGE_LOWER_OPEN = "a range opens its lower end with \">\" only", "范围的下端只能用 \">\" 表示不含该值";
        EXPECTED_RANGE_LOWER = "expected the lower end of a range such as \"10 ~ 20\"", "应为范围的下端，如 \"10 ~ 20\"";
        EXPECTED_TILDE = "expected \"~\" between the two ends of a range", "范围的两端之间应为 \"~\"";
        RANGE_UPPER_OPEN = "a range opens its upper end with \"<\" only", "范围的上端只能用 \"<\" 表示不含该值";
        DASH_AMBIGUOUS = "\"-\" between numbers is ambiguous with a minus sign here: write the range with \"~\"",
            "此处数字之间的 \"-\" 可能被当作负号：请用 \"~\" 写范围";
        EXPECTED_RANGE_UPPER = "expected the upper end of the range after \"~\"", "\"~\" 之后应为范围的上端";
        UNEXPECTED_AFTER_RANGE = "unexpected text after the upper end of the range", "范围的上端之后有多余文字";
        EXPECTED_NOMINAL = "expected the nominal value before \"(1 ± b%)\"", "\"(1 ± b%)\" 之前应为基本数值";
        UNEXPECTED_AFTER_RELATIVE = "unexpected text after \"(1 ± b%)\"", "\"(1 ± b%)\" 之后有多余文字";
        UNEXPECTED_AFTER_DEVIATION = "unexpected text after the deviation \"± b\"", "偏差 \"± b\" 之后有多余文字";
        EXPECTED_NUMBER_AFTER_SIGN = "expected a number after the sign of the deviation", "偏差的符号之后应为数字";
        EXPECTED_BOTH_DEVIATIONS = "expected both deviations, \"+b₁\" and \"-b₂\", such as \"10 +0.2 -0.1\"",
            "应写出上下两个偏差 \"+b₁\" 和 \"-b₂\"，如 \"10 +0.2 -0.1\"";
        UNEXPECTED_AFTER_DEVIATIONS = "unexpected text after the deviations", "偏差之后有多余文字";
        SIDE_BELOW = "below", "之下";
        SIDE_ABOVE = "above", "之上";
        SAME_SIDE_DEVIATIONS = "both deviations lie {0} the nominal value: write the range they mean, \"{1}\"",
            "两个偏差都在标称值{0}：请写出它们表示的范围 \"{1}\"";
        EXPECTED_DEVIATION = "expected \"± b\", \"+b₁ -b₂\" or \"(1 ± b%)\" after the nominal value",
            "基本数值之后应为 \"± b\"、\"+b₁ -b₂\" 或 \"(1 ± b%)\"";
        DEVIATION_SIGN = "a deviation is written without a sign after ± (\"10 ± 0.1\")", "± 之后的偏差不带符号（\"10 ± 0.1\"）";
        RELATIVE_FORM = "a relative deviation is written \"A(1 ± b%)\"", "相对偏差写作 \"A(1 ± b%)\"";
        EXPECTED_EXCLUDED = "expected the excluded deviation inside \"(不含…)\", such as \"(不含0.1)\"",
            "\"(不含…)\" 中应写出不含的偏差，如 \"(不含0.1)\"";
        JOINED_SAME_SIDE = "the two conditions joined by \"{0}\" both bound the {1} end: a combined limit joins a lower and an upper limit, such as \"大于或等于A且小于或等于B\"",
            "以 \"{0}\" 连接的两个条件都限定{1}：组合限值应连接一个下限和一个上限，如 \"大于或等于A且小于或等于B\"";
        END_LOWER = "lower", "下端";
        END_UPPER = "upper", "上端";
        JOINED_NOT_ONE_SIDED = "\"{0}\" is not a one-sided condition: a combined limit joins a lower and an upper limit, such as \"大于或等于A且小于或等于B\"",
            "\"{0}\" 不是单侧条件：组合限值应连接一个下限和一个上限，如 \"大于或等于A且小于或等于B\"";
        LOWER_ABOVE_UPPER = "the lower end \"{0}\" lies above the upper end \"{1}\", so no value can conform: write the smaller number first",
            "下端 \"{0}\" 高于上端 \"{1}\"，任何数值都不能符合：请先写较小的数";
        CHAIN_MIXED = "\"{0}\" and \"{1}\" point different ways: write both signs the same way, \"A ≤ X ≤ B\" or \"B ≥ X ≥ A\"",
            "\"{0}\" 与 \"{1}\" 方向相反：两个符号应同向，写作 \"A ≤ X ≤ B\" 或 \"B ≥ X ≥ A\"";
        INCLUSION_ONLY_ABOVE_BELOW = "\"(含…)\" follows \"A以上\" or \"A以下\" only, such as \"10以上(含10)\"",
            "\"(含…)\" 只用于 \"A以上\" 或 \"A以下\" 之后，如 \"10以上(含10)\"";
        INCLUSION_OTHER_NUMBER = "\"({0}{1})\" names another value than the limit's \"{2}\": write the same number, such as \"{2}以上({0}{2})\"",
            "\"({0}{1})\" 与限值的 \"{2}\" 不是同一数值：请写同一个数，如 \"{2}以上({0}{2})\"";
        PERCENT_AMBIGUOUS = "a deviation in % on a nominal value in % may mean percentage points or a share of the nominal value: write \"{0} % ± {1} pp\" (or \"± {1} 个百分点\") for points, \"{0}(1 ± {1}%) %\" for a share",
            "以 % 表示的基本数值带 % 偏差，可能是百分点，也可能是基本数值的百分比：百分点写作 \"{0} % ± {1} pp\"（或 \"± {1} 个百分点\"），百分比写作 \"{0}(1 ± {1}%) %\"";
        POINTS_ON_UNIT = "percentage points (\"pp\", \"个百分点\") apply to a nominal value in % only, not in \"{0}\"",
            "百分点（\"pp\"、\"个百分点\"）只用于以 % 表示的基本数值，不能用于 \"{0}\"";
        EXCLUSION_NAMES_NONE = "\"(不含{0})\" names no deviation of the limit (+{1}, -{2})",
            "\"(不含{0})\" 不是该限值的偏差（+{1}、-{2}）";
    }
}

/// The longest limit text read at all.
pub(crate) const MAX_LIMIT_LEN: usize = 256;

const WHAT: &str = "limit";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cmp {
    Ge,
    Gt,
    Le,
    Lt,
}

/// Words before the number, longest first within each language so that `不小于` wins over `小于`.
const PREFIX_WORDS: &[(&str, Cmp)] = &[
    ("大于或等于", Cmp::Ge),
    ("大于等于", Cmp::Ge),
    ("小于或等于", Cmp::Le),
    ("小于等于", Cmp::Le),
    ("不小于", Cmp::Ge),
    ("不低于", Cmp::Ge),
    ("不少于", Cmp::Ge),
    ("至少", Cmp::Ge),
    ("不大于", Cmp::Le),
    ("不高于", Cmp::Le),
    ("不多于", Cmp::Le),
    ("不超过", Cmp::Le),
    ("至多", Cmp::Le),
    ("大于", Cmp::Gt),
    ("超过", Cmp::Gt),
    ("高于", Cmp::Gt),
    ("多于", Cmp::Gt),
    ("小于", Cmp::Lt),
    ("不足", Cmp::Lt),
    ("低于", Cmp::Lt),
    ("少于", Cmp::Lt),
    ("greater than or equal to", Cmp::Ge),
    ("less than or equal to", Cmp::Le),
    ("not less than", Cmp::Ge),
    ("no less than", Cmp::Ge),
    ("at least", Cmp::Ge),
    ("minimum", Cmp::Ge),
    ("min.", Cmp::Ge),
    ("min", Cmp::Ge),
    ("not more than", Cmp::Le),
    ("no more than", Cmp::Le),
    ("not greater than", Cmp::Le),
    ("at most", Cmp::Le),
    ("maximum", Cmp::Le),
    ("max.", Cmp::Le),
    ("max", Cmp::Le),
    ("greater than", Cmp::Gt),
    ("more than", Cmp::Gt),
    ("less than", Cmp::Lt),
];

const SUFFIX_WORDS: &[(&str, Cmp)] = &[
    ("及以上", Cmp::Ge),
    ("及以下", Cmp::Le),
    ("或以上", Cmp::Ge),
    ("或以下", Cmp::Le),
    ("or more", Cmp::Ge),
    ("or above", Cmp::Ge),
    ("and above", Cmp::Ge),
    ("or less", Cmp::Le),
    ("or below", Cmp::Le),
    ("and below", Cmp::Le),
];

/// Maps the full-width and look-alike characters of Chinese documents onto the ASCII or
/// symbol forms the grammar reads. Superscript and subscript deviations (`10⁺⁰·²₋₀.₁`) become
/// `10 +0.2 -0.1`.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut script = false; // inside a ⁺…/₋… deviation
    for c in text.chars() {
        let mapped = match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '（' => '(',
            '）' => ')',
            '～' | '〜' | '∼' => '~',
            '＞' => '>',
            '＜' => '<',
            '＝' => '=',
            '≧' | '⩾' => '≥',
            '≦' | '⩽' => '≤',
            '＋' => '+',
            '－' | '−' | '–' => '-',
            '％' => '%',
            '\u{3000}' | '\u{a0}' => ' ',
            '⁺' => {
                script = true;
                out.push(' ');
                '+'
            }
            '₋' => {
                script = true;
                out.push(' ');
                '-'
            }
            _ if script => match c {
                '⁰' | '₀' => '0',
                '¹' | '₁' => '1',
                '²' | '₂' => '2',
                '³' | '₃' => '3',
                '⁴' | '₄' => '4',
                '⁵' | '₅' => '5',
                '⁶' | '₆' => '6',
                '⁷' | '₇' => '7',
                '⁸' | '₈' => '8',
                '⁹' | '₉' => '9',
                '·' | '.' => '.',
                _ => {
                    script = false;
                    c
                }
            },
            _ => c,
        };
        out.push(mapped);
    }
    out
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Num(Num),
    Unit(Unit),
    Cmp(Cmp),
    Tilde,
    PlusMinus,
    Plus,
    Minus,
    /// `(1 ± b%)`
    Relative(Num),
    /// `pp`, `个百分点`: percentage points.
    Points,
}

pub(crate) fn parse_limit(input: &str) -> Result<Limit, Error> {
    if input.len() > MAX_LIMIT_LEN {
        return Err(Error::invalid(
            WHAT,
            &truncate(input),
            t!(crate::number::msg::LONGER_THAN_BYTES, MAX_LIMIT_LEN),
        ));
    }
    // A byte order mark pasted from a file is not part of the limit.
    let original = input.trim().trim_start_matches('\u{feff}').trim_start();
    if original.is_empty() {
        return Err(Error::syntax(WHAT, original, t!(msg::EXPECTED_LIMIT)));
    }
    let text = normalise(original);
    if let Some(joined) = joined(&text, original) {
        return joined;
    }
    if let Some(chained) = chained(&text, original) {
        return chained;
    }
    let mut body: &str = text.trim();

    // "A以上(含A)", "A以下(含A)": the clause names the boundary as included.
    if let Some(pos) = body.rfind("(含").filter(|_| body.ends_with(')')) {
        let (head, clause) = body.split_at_checked(pos).unwrap_or((body, ""));
        let inner = clause
            .strip_prefix("(含")
            .and_then(|c| c.strip_suffix(')'))
            .unwrap_or_default();
        return above_below(head.trim_end(), inner.trim(), "含", original);
    }

    // A trailing "(不含…)" opens ends of a deviation.
    let mut exclusion = None;
    if let Some(pos) = body.rfind("(不含") {
        let (head, clause) = body.split_at_checked(pos).unwrap_or((body, ""));
        let Some(inner) = clause
            .strip_prefix("(不含")
            .and_then(|c| c.strip_suffix(')'))
        else {
            return Err(Error::syntax(WHAT, original, t!(msg::UNCLOSED_EXCLUSION)));
        };
        let head = head.trim_end();
        // "A以上(不含A)", "A以下(不含A)": the boundary excluded.
        if head.ends_with("以上") || head.ends_with("以下") {
            return above_below(head, inner.trim(), "不含", original);
        }
        exclusion = Some(inner.trim().to_owned());
        body = head;
    }

    let mut cmp = None;
    // "至少A不足B", "超过A不足B": the infix "不足" opens the upper end.
    let infix;
    for (word, c) in PREFIX_WORDS {
        if let Some(rest) = strip_prefix_ignore_case(body, word) {
            cmp = Some((*c, (*word).to_owned()));
            body = rest.trim_start();
            if matches!(c, Cmp::Ge | Cmp::Gt) && body.contains("不足") {
                infix = body.replacen("不足", "~<", 1);
                body = &infix;
            }
            break;
        }
    }
    let mut from_to = false;
    if cmp.is_none() {
        if let Some(rest) = body
            .strip_prefix('从')
            .or_else(|| strip_prefix_ignore_case(body, "from "))
        {
            from_to = true;
            body = rest.trim_start();
        }
    }
    if cmp.is_none() && !from_to {
        for (word, c) in SUFFIX_WORDS {
            let cut = body.len().saturating_sub(word.len());
            if body
                .get(cut..)
                .is_some_and(|s| s.eq_ignore_ascii_case(word))
            {
                cmp = Some((*c, (*word).to_owned()));
                body = body.get(..cut).unwrap_or_default().trim_end();
                break;
            }
        }
        if cmp.is_none() && (body.ends_with("以上") || body.ends_with("以下")) {
            return Err(Error::syntax(WHAT, original, t!(msg::OPEN_BOUNDARY)));
        }
    }

    let lead = cmp.as_ref().map(|(_, w)| w.as_str());
    let tokens = tokenize(body, original, from_to, lead)?;
    if cmp.is_none() && !tokens.contains(&Token::Tilde) {
        if let Some(Token::Cmp(c)) = tokens.first() {
            let symbol = match c {
                Cmp::Ge => "≥",
                Cmp::Gt => ">",
                Cmp::Le => "≤",
                Cmp::Lt => "<",
            };
            if exclusion.is_some() {
                return Err(Error::syntax(
                    WHAT,
                    original,
                    t!(msg::EXCLUSION_ONLY_DEVIATIONS),
                ));
            }
            return one_sided(*c, symbol, tokens.get(1..).unwrap_or_default(), original);
        }
    }

    if let Some((c, word)) = cmp {
        if exclusion.is_some() {
            return Err(Error::syntax(
                WHAT,
                original,
                t!(msg::EXCLUSION_ONLY_DEVIATIONS),
            ));
        }
        // "超过A到B", "至少A不足B", "大于或等于A至B": a lower word opens a range.
        if matches!(c, Cmp::Ge | Cmp::Gt) && tokens.contains(&Token::Tilde) {
            let mut range_tokens = Vec::with_capacity(tokens.len() + 1);
            if c == Cmp::Gt {
                range_tokens.push(Token::Cmp(Cmp::Gt));
            }
            range_tokens.extend(tokens);
            return ordered_range(&range_tokens, original);
        }
        return one_sided(c, &word, &tokens, original);
    }
    if tokens.is_empty() {
        return Err(Error::syntax(WHAT, original, t!(msg::EXPECTED_NUMBER)));
    }
    // A leading comparison symbol that the prefix table did not take (a range like ">10~20").
    let has = |t: &Token| tokens.iter().any(|x| x == t);
    let relative = tokens.iter().any(|t| matches!(t, Token::Relative(_)));
    // A range may sign its ends: "-5 ~ +5", "5 ~ +10".
    if has(&Token::Tilde) && !has(&Token::PlusMinus) && !relative && exclusion.is_none() {
        return range(&tokens, original);
    }
    if let Some(e) = same_side_deviations(&tokens, original) {
        return Err(e);
    }
    if has(&Token::PlusMinus) || relative || has(&Token::Plus) {
        return deviation(&tokens, exclusion.as_deref(), original);
    }
    if exclusion.is_some() {
        return Err(Error::syntax(
            WHAT,
            original,
            t!(msg::EXCLUSION_ONLY_DEVIATIONS),
        ));
    }
    if has(&Token::Tilde) || has(&Token::Minus) {
        return range(&tokens, original);
    }
    Err(Error::syntax(WHAT, original, t!(msg::EXPECTED_FORM)))
}

/// The conditions of a combined limit joined by "且" (GB/T 8170-2008 4.2.2 表2:
/// `大于或等于A且小于或等于B`): one lower and one upper limit make a range.
fn joined(text: &str, original: &str) -> Option<Result<Limit, Error>> {
    let (at, joint) = ["并且", "且", " and "]
        .iter()
        .find_map(|j| text.find(j).map(|at| (at, *j)))?;
    let left = text.get(..at)?.trim();
    let right = text.get(at + joint.len()..)?.trim();
    Some(join(left, right, joint.trim(), original))
}

fn join(left: &str, right: &str, joint: &str, original: &str) -> Result<Limit, Error> {
    let half = |s: &str| -> Result<Limit, Error> {
        let limit = parse_limit(s).map_err(|e| e.place(place(original)))?;
        match limit.form {
            Form::Lower { .. } | Form::Upper { .. } => Ok(limit),
            _ => Err(Error::syntax(
                WHAT,
                original,
                t!(msg::JOINED_NOT_ONE_SIDED, s),
            )),
        }
    };
    let (a, b) = (half(left)?, half(right)?);
    let (lower, upper) = match (&a.form, &b.form) {
        (Form::Lower { .. }, Form::Upper { .. }) => (a, b),
        (Form::Upper { .. }, Form::Lower { .. }) => (b, a),
        (Form::Lower { .. }, _) => {
            return Err(Error::syntax(
                WHAT,
                original,
                t!(msg::JOINED_SAME_SIDE, joint, t!(msg::END_LOWER)),
            ))
        }
        _ => {
            return Err(Error::syntax(
                WHAT,
                original,
                t!(msg::JOINED_SAME_SIDE, joint, t!(msg::END_UPPER)),
            ))
        }
    };
    let (
        Form::Lower {
            at: low,
            inclusive: low_inclusive,
        },
        Form::Upper {
            at: high,
            inclusive: high_inclusive,
        },
    ) = (&lower.form, &upper.form)
    else {
        return Err(Error::syntax(WHAT, original, t!(msg::EXPECTED_FORM)));
    };
    let unit = one_unit(&[lower.unit.clone(), upper.unit.clone()], original)?;
    let form = Form::Range {
        low: *low,
        low_inclusive: *low_inclusive,
        high: *high,
        high_inclusive: *high_inclusive,
    };
    check_order(&form, &unit, original)?;
    Limit::from_form(form, unit)
}

/// Refuses a combined form whose lower end lies above its upper end, naming both ends.
fn check_order(form: &Form, unit: &Option<Unit>, original: &str) -> Result<(), Error> {
    let Form::Range {
        low,
        low_inclusive,
        high,
        high_inclusive,
    } = form
    else {
        return Ok(());
    };
    let crossed =
        low.value > high.value || (low.value == high.value && !(*low_inclusive && *high_inclusive));
    if !crossed {
        return Ok(());
    }
    let with_unit = |sym: &str, n: &Num| match unit {
        Some(u) => format!("{sym} {n} {u}"),
        None => format!("{sym} {n}"),
    };
    Err(Error::invalid(
        WHAT,
        original,
        t!(
            msg::LOWER_ABOVE_UPPER,
            with_unit(if *low_inclusive { "≥" } else { ">" }, low),
            with_unit(if *high_inclusive { "≤" } else { "<" }, high)
        ),
    ))
}

/// A range read from a combined form, its ends checked for order first.
fn ordered_range(tokens: &[Token], original: &str) -> Result<Limit, Error> {
    let limit = match range(tokens, original) {
        Ok(limit) => return Ok(limit),
        Err(e) => e,
    };
    // Name both ends when they are crossed; any other fault as the range reader says.
    if let Some(form) = range_form(tokens) {
        let unit = one_unit(
            &tokens
                .iter()
                .map(|t| match t {
                    Token::Unit(u) => Some(u.clone()),
                    _ => None,
                })
                .collect::<Vec<_>>(),
            original,
        )?;
        check_order(&form, &unit, original)?;
    }
    Err(limit)
}

/// The ends of `[>]A [U] ~ [<]B [U]`, without the checks of [`range`].
fn range_form(tokens: &[Token]) -> Option<Form> {
    let (low_inclusive, t) = match tokens {
        [Token::Cmp(Cmp::Gt), rest @ ..] => (false, rest),
        _ => (true, tokens),
    };
    let (low, _, rest) = signed_quantity(t)?;
    let rest = rest.strip_prefix(&[Token::Tilde])?;
    let (high_inclusive, rest) = match rest {
        [Token::Cmp(Cmp::Lt), r @ ..] => (false, r),
        _ => (true, rest),
    };
    let (high, _, _) = signed_quantity(rest)?;
    Some(Form::Range {
        low,
        low_inclusive,
        high,
        high_inclusive,
    })
}

/// Whether `text` stands for the quantity in a symbol form `A ≤ X ≤ B` (GB/T 8170-2008
/// 4.2.2 表2): a letter or word (`X`, `x`, `t`, `温升`) or a centred dot `·`.
fn is_placeholder(text: &str) -> bool {
    !text.is_empty()
        && text.chars().count() <= 8
        && text.chars().all(|c| {
            (c.is_alphabetic() || matches!(c, '·' | '⋅' | '•' | '∙' | '_')) && !c.is_ascii_digit()
        })
}

/// `A ≤ X ≤ B`, `A < · ≤ B`, `B ≥ X ≥ A`: two comparisons around a placeholder.
fn chained(text: &str, original: &str) -> Option<Result<Limit, Error>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut ops: Vec<(usize, usize, Cmp)> = Vec::new();
    let mut i = 0;
    while let Some(&(pos, c)) = chars.get(i) {
        let eq = matches!(chars.get(i + 1), Some((_, '=')));
        let op = match (c, eq) {
            ('≤', _) => Some((Cmp::Le, 1)),
            ('≥', _) => Some((Cmp::Ge, 1)),
            ('<', true) => Some((Cmp::Le, 2)),
            ('>', true) => Some((Cmp::Ge, 2)),
            ('<', false) => Some((Cmp::Lt, 1)),
            ('>', false) => Some((Cmp::Gt, 1)),
            _ => None,
        };
        match op {
            Some((cmp, n)) => {
                let end = chars.get(i + n).map(|&(p, _)| p).unwrap_or(text.len());
                ops.push((pos, end, cmp));
                i += n;
            }
            None => i += 1,
        }
    }
    let [(s1, e1, c1), (s2, e2, c2)] = ops.as_slice() else {
        return None;
    };
    let left = text.get(..*s1)?.trim();
    let middle = text.get(*e1..*s2)?.trim();
    let right = text.get(*e2..)?.trim();
    if left.is_empty() || right.is_empty() || !is_placeholder(middle) {
        return None;
    }
    let upward = |c: &Cmp| matches!(c, Cmp::Le | Cmp::Lt);
    if upward(c1) != upward(c2) {
        return Some(Err(Error::syntax(
            WHAT,
            original,
            t!(
                msg::CHAIN_MIXED,
                text.get(*s1..*e1).unwrap_or_default(),
                text.get(*s2..*e2).unwrap_or_default()
            ),
        )));
    }
    let (low, low_open, high, high_open) = if upward(c1) {
        (left, *c1 == Cmp::Lt, right, *c2 == Cmp::Lt)
    } else {
        (right, *c2 == Cmp::Gt, left, *c1 == Cmp::Gt)
    };
    let build = || -> Result<Limit, Error> {
        let mut tokens = Vec::new();
        if low_open {
            tokens.push(Token::Cmp(Cmp::Gt));
        }
        tokens.extend(tokenize(low, original, false, None)?);
        tokens.push(Token::Tilde);
        if high_open {
            tokens.push(Token::Cmp(Cmp::Lt));
        }
        tokens.extend(tokenize(high, original, false, None)?);
        ordered_range(&tokens, original)
    };
    Some(build())
}

/// `A以上(含A)`, `A以下(含A)`, `A以上(不含A)`, `A以下(不含A)`: the clause names the boundary
/// and settles whether it conforms. `word` is `含` or `不含`.
fn above_below(head: &str, inner: &str, word: &str, original: &str) -> Result<Limit, Error> {
    let (number, above) = if let Some(n) = head.strip_suffix("以上") {
        (n.trim_end(), true)
    } else if let Some(n) = head.strip_suffix("以下") {
        (n.trim_end(), false)
    } else {
        return Err(Error::syntax(
            WHAT,
            original,
            t!(msg::INCLUSION_ONLY_ABOVE_BELOW),
        ));
    };
    let included = word == "含";
    let c = match (above, included) {
        (true, true) => Cmp::Ge,
        (true, false) => Cmp::Gt,
        (false, true) => Cmp::Le,
        (false, false) => Cmp::Lt,
    };
    let tokens = tokenize(number, original, false, None)?;
    let named = tokenize(inner, original, false, None)?;
    let same = match (signed_quantity(&tokens), signed_quantity(&named)) {
        (Some((a, au, [])), Some((b, bu, []))) => a.value == b.value && (bu.is_none() || bu == au),
        _ => false,
    };
    if !same {
        return Err(Error::syntax(
            WHAT,
            original,
            t!(msg::INCLUSION_OTHER_NUMBER, word, inner, number),
        ));
    }
    let shown = if above { "以上" } else { "以下" };
    one_sided(c, shown, &tokens, original)
}

/// Splits the body into numbers, units and operators.
fn tokenize(
    body: &str,
    original: &str,
    from_to: bool,
    lead: Option<&str>,
) -> Result<Vec<Token>, Error> {
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(&(pos, c)) = chars.get(i) {
        match c {
            ' ' | '\t' => i += 1,
            '~' => {
                tokens.push(Token::Tilde);
                i += 1;
            }
            '至' | '到'
                if from_to || matches!(tokens.last(), Some(Token::Num(_) | Token::Unit(_))) =>
            {
                tokens.push(Token::Tilde);
                i += 1;
            }
            't' | 'T'
                if from_to
                    && body
                        .get(pos..pos + 3)
                        .is_some_and(|w| w.eq_ignore_ascii_case("to "))
                    && matches!(tokens.last(), Some(Token::Num(_) | Token::Unit(_))) =>
            {
                tokens.push(Token::Tilde);
                i += 2;
            }
            '±' => {
                tokens.push(Token::PlusMinus);
                i += 1;
            }
            '+' if tail(body, pos).starts_with("+/-") || tail(body, pos).starts_with("+-") => {
                tokens.push(Token::PlusMinus);
                i += if tail(body, pos).starts_with("+/-") {
                    3
                } else {
                    2
                };
            }
            '+' => {
                tokens.push(Token::Plus);
                i += 1;
            }
            '-' => {
                tokens.push(Token::Minus);
                i += 1;
            }
            '≥' => {
                tokens.push(Token::Cmp(Cmp::Ge));
                i += 1;
            }
            '≤' => {
                tokens.push(Token::Cmp(Cmp::Le));
                i += 1;
            }
            '>' | '<' => {
                let eq = matches!(chars.get(i + 1), Some((_, '=')));
                tokens.push(Token::Cmp(match (c, eq) {
                    ('>', false) => Cmp::Gt,
                    ('>', true) => Cmp::Ge,
                    ('<', false) => Cmp::Lt,
                    _ => Cmp::Le,
                }));
                i += if eq { 2 } else { 1 };
            }
            '(' if is_relative(tail(body, pos)) => {
                let close = tail(body, pos)
                    .find(')')
                    .map(|p| pos + p)
                    .unwrap_or(body.len());
                // '(' is one byte: the text inside starts right after it.
                let inner = body.get(pos + 1..close).unwrap_or_default();
                let pct = inner
                    .trim_start_matches('1')
                    .trim_start()
                    .trim_start_matches('±')
                    .trim();
                let Some(number) = pct.strip_suffix('%') else {
                    return Err(Error::syntax(
                        WHAT,
                        original,
                        t!(msg::EXPECTED_RELATIVE_FOUND, inner),
                    ));
                };
                let n =
                    parse_decimal(number.trim(), "number").map_err(|e| e.place(place(original)))?;
                tokens.push(Token::Relative(Num::plain(n)));
                i = chars
                    .iter()
                    .position(|&(p, _)| p > close)
                    .unwrap_or(chars.len());
            }
            '0'..='9' | '.' => {
                let (num, next) = number(&chars, i, body, original)?;
                tokens.push(Token::Num(num));
                i = next;
            }
            ',' | '，' => return Err(Error::syntax(WHAT, original, t!(msg::COMMA))),
            _ if starts_unit(c) => {
                let start = pos;
                let mut j = i;
                let mut depth = 0i32;
                while let Some(&(_, u)) = chars.get(j) {
                    let prev = j.checked_sub(1).and_then(|k| chars.get(k)).map(|&(_, p)| p);
                    let ok = match u {
                        '(' => {
                            depth += 1;
                            true
                        }
                        ')' if depth > 0 => {
                            depth -= 1;
                            true
                        }
                        '-' => prev == Some('^'),
                        '+' | '~' | '±' | ' ' | '\t' | ')' | ',' | '，' | '≥' | '≤' | '>' | '<' => {
                            false
                        }
                        '至' | '到' => false,
                        _ => true,
                    };
                    if !ok {
                        break;
                    }
                    j += 1;
                }
                let end = chars.get(j).map(|&(p, _)| p).unwrap_or(body.len());
                let text = body.get(start..end).unwrap_or_default();
                if matches!(text, "pp" | "个百分点" | "百分点") {
                    tokens.push(Token::Points);
                    i = j;
                    continue;
                }
                let unit = match check_unit(text) {
                    Ok(u) => u,
                    // Where a number belongs, say so rather than that the word is no unit.
                    Err(_) if !tokens.iter().any(|t| matches!(t, Token::Num(_))) => {
                        let after = match (tokens.last(), lead) {
                            (Some(Token::Cmp(Cmp::Ge)), _) => Some("≥"),
                            (Some(Token::Cmp(Cmp::Gt)), _) => Some(">"),
                            (Some(Token::Cmp(Cmp::Le)), _) => Some("≤"),
                            (Some(Token::Cmp(Cmp::Lt)), _) => Some("<"),
                            (_, Some(word)) => Some(word),
                            _ => None,
                        };
                        let detail = match after {
                            Some(after) => t!(msg::EXPECTED_NUMBER_AFTER, after, text),
                            None => t!(msg::EXPECTED_NUMBER_FOUND, text),
                        };
                        return Err(Error::syntax(WHAT, original, detail));
                    }
                    Err(e) => return Err(e.place(place(original))),
                };
                tokens.push(Token::Unit(unit));
                i = j;
            }
            _ => {
                let shown: String = tail(body, pos).chars().take(12).collect();
                return Err(Error::syntax(WHAT, original, t!(msg::UNEXPECTED, shown)));
            }
        }
    }
    Ok(tokens)
}

/// `limit "…"`, the place of an error found inside a limit.
fn place(original: &str) -> Text {
    t!(msg::PLACE_LIMIT, original)
}

/// The text from byte `pos` on (a char boundary from `char_indices`), or "" past the end.
fn tail(body: &str, pos: usize) -> &str {
    body.get(pos..).unwrap_or_default()
}

fn strip_prefix_ignore_case<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    text.get(..word.len())
        .filter(|head| head.eq_ignore_ascii_case(word))
        .and_then(|_| text.get(word.len()..))
}

fn is_relative(rest: &str) -> bool {
    let Some(inner) = rest.strip_prefix('(').map(str::trim_start) else {
        return false;
    };
    inner
        .strip_prefix('1')
        .is_some_and(|after| after.trim_start().starts_with('±'))
}

fn starts_unit(c: char) -> bool {
    c.is_alphabetic()
        || matches!(
            c,
            '%' | '‰' | '°' | '℃' | '℉' | 'µ' | 'μ' | 'Ω' | 'Å' | '\'' | '"' | '′' | '″'
        )
}

/// Reads a number with an optional power of ten (`14×100`, `1.4×10³`, `1.4×10^3`).
fn number(
    chars: &[(usize, char)],
    start: usize,
    body: &str,
    original: &str,
) -> Result<(Num, usize), Error> {
    let mut j = start;
    while matches!(chars.get(j), Some((_, '0'..='9' | '.'))) {
        j += 1;
    }
    if matches!(chars.get(j), Some((_, ',' | '，')))
        && matches!(chars.get(j + 1), Some((_, '0'..='9')))
    {
        let end = chars.get(j + 2).map(|&(p, _)| p).unwrap_or(body.len());
        let shown = body
            .get(chars.get(start).map(|&(p, _)| p).unwrap_or(0)..end)
            .unwrap_or_default();
        return Err(Error::syntax(WHAT, original, t!(msg::NUMBER_COMMA, shown)));
    }
    let from = chars.get(start).map(|&(p, _)| p).unwrap_or(0);
    let to = chars.get(j).map(|&(p, _)| p).unwrap_or(body.len());
    let mantissa = parse_decimal(body.get(from..to).unwrap_or_default(), "number")
        .map_err(|e| e.place(place(original)))?;
    // Power of ten?
    let mut k = j;
    while matches!(chars.get(k), Some((_, ' '))) {
        k += 1;
    }
    let times = matches!(chars.get(k), Some((_, '×' | '*' | 'x' | 'X' | '✕')));
    let after_times = {
        let mut m = k + 1;
        while matches!(chars.get(m), Some((_, ' '))) {
            m += 1;
        }
        m
    };
    if !times || !matches!(chars.get(after_times), Some((_, '0'..='9'))) {
        return Ok((Num::plain(mantissa), j));
    }
    let mut m = after_times;
    while matches!(chars.get(m), Some((_, '0'..='9'))) {
        m += 1;
    }
    let digits: String = chars
        .get(after_times..m)
        .unwrap_or_default()
        .iter()
        .map(|&(_, c)| c)
        .collect();
    let exp: i32;
    let mut next = m;
    // 10^n, 10ⁿ or 10**n
    let mut sup = String::new();
    let mut n = m;
    if digits == "10" {
        if matches!(chars.get(n), Some((_, '^')))
            || (matches!(chars.get(n), Some((_, '*')))
                && matches!(chars.get(n + 1), Some((_, '*'))))
        {
            n += if matches!(chars.get(n), Some((_, '^'))) {
                1
            } else {
                2
            };
            if matches!(chars.get(n), Some((_, '-' | '+'))) {
                sup.push(chars.get(n).map(|&(_, c)| c).unwrap_or('+'));
                n += 1;
            }
            while let Some(&(_, c @ '0'..='9')) = chars.get(n) {
                sup.push(c);
                n += 1;
            }
        } else {
            while let Some(&(_, c)) = chars.get(n) {
                let d = match c {
                    '⁻' => '-',
                    '⁰' => '0',
                    '¹' => '1',
                    '²' => '2',
                    '³' => '3',
                    '⁴' => '4',
                    '⁵' => '5',
                    '⁶' => '6',
                    '⁷' => '7',
                    '⁸' => '8',
                    '⁹' => '9',
                    _ => break,
                };
                sup.push(d);
                n += 1;
            }
        }
    }
    if !sup.is_empty() {
        exp = sup.parse::<i32>().map_err(|_| {
            Error::syntax(
                WHAT,
                original,
                t!(msg::EXPECTED_POWER_SUPERSCRIPT, mantissa.to_string()),
            )
        })?;
        next = n;
    } else if digits
        .strip_prefix('1')
        .is_some_and(|zeros| !zeros.is_empty() && zeros.bytes().all(|b| b == b'0'))
    {
        exp = digits.len() as i32 - 1;
    } else if digits == "1" {
        exp = 0;
    } else {
        return Err(Error::syntax(
            WHAT,
            original,
            t!(msg::EXPECTED_POWER_FOUND, mantissa.to_string(), digits),
        ));
    }
    if !(-28..=28).contains(&exp) {
        return Err(Error::invalid(
            WHAT,
            original,
            t!(msg::POWER_BEYOND, exp.to_string()),
        ));
    }
    let value = scale_by(mantissa, exp).ok_or_else(|| {
        Error::overflow(t!(
            msg::POWER_OVERFLOW,
            original,
            mantissa.to_string(),
            exp.to_string()
        ))
    })?;
    Ok((
        Num {
            mantissa,
            exp,
            value,
        },
        next,
    ))
}

fn scale_by(mantissa: Decimal, exp: i32) -> Option<Decimal> {
    if exp >= 0 {
        exact::try_mul(
            mantissa,
            Decimal::try_from_i128_with_scale(10i128.checked_pow(exp as u32)?, 0).ok()?,
        )
        .ok()
    } else {
        let mut v = mantissa;
        let scale = v.scale().checked_add(exp.unsigned_abs())?;
        if scale > 28 {
            return None;
        }
        v.set_scale(scale).ok()?;
        Some(v)
    }
}

/// Reads unit text with the unit table.
pub(crate) fn check_unit(text: &str) -> Result<Unit, Error> {
    text.trim().parse::<Unit>()
}

/// Pulls `Num [Unit]` from the front of `tokens`.
fn quantity(tokens: &[Token]) -> Option<(Num, Option<Unit>, &[Token])> {
    match tokens {
        [Token::Num(n), Token::Unit(u), rest @ ..] => Some((*n, Some(u.clone()), rest)),
        [Token::Num(n), rest @ ..] => Some((*n, None, rest)),
        _ => None,
    }
}

fn one_unit(units: &[Option<Unit>], original: &str) -> Result<Option<Unit>, Error> {
    let mut found: Option<&Unit> = None;
    for u in units.iter().flatten() {
        match found {
            None => found = Some(u),
            Some(f) if f == u => {}
            Some(f) => {
                return Err(Error::syntax(
                    WHAT,
                    original,
                    t!(msg::TWO_UNITS, f.to_string(), u.to_string()),
                ))
            }
        }
    }
    Ok(found.cloned())
}

fn one_sided(c: Cmp, word: &str, tokens: &[Token], original: &str) -> Result<Limit, Error> {
    let Some((at, unit, rest)) = quantity(tokens) else {
        let detail = match tokens.first() {
            None => t!(msg::EXPECTED_NUMBER_AFTER_NOTHING, word),
            Some(Token::Unit(u)) => t!(msg::EXPECTED_NUMBER_AFTER, word, u.to_string()),
            Some(Token::Minus) | Some(Token::Plus) => {
                return signed_one_sided(c, word, tokens, original);
            }
            Some(_) => t!(msg::EXPECTED_NUMBER_AFTER_OPERATOR, word),
        };
        return Err(Error::syntax(WHAT, original, detail));
    };
    if !rest.is_empty() {
        return Err(Error::syntax(
            WHAT,
            original,
            t!(msg::UNEXPECTED_AFTER_ONE_SIDED, format!("{word} {at}")),
        ));
    }
    make_one_sided(c, at, unit)
}

fn signed_one_sided(c: Cmp, word: &str, tokens: &[Token], original: &str) -> Result<Limit, Error> {
    let negative = matches!(tokens.first(), Some(Token::Minus));
    let rest = tokens.get(1..).unwrap_or_default();
    let Some((mut at, unit, tail)) = quantity(rest) else {
        return Err(Error::syntax(
            WHAT,
            original,
            t!(msg::EXPECTED_NUMBER_AFTER_WORD, word),
        ));
    };
    if !tail.is_empty() {
        return Err(Error::syntax(
            WHAT,
            original,
            t!(msg::UNEXPECTED_AFTER_ONE_SIDED, word),
        ));
    }
    if negative {
        at = negate(at);
    }
    make_one_sided(c, at, unit)
}

fn negate(n: Num) -> Num {
    Num {
        mantissa: -n.mantissa,
        exp: n.exp,
        value: -n.value,
    }
}

fn make_one_sided(c: Cmp, at: Num, unit: Option<Unit>) -> Result<Limit, Error> {
    let form = match c {
        Cmp::Ge => Form::Lower {
            at,
            inclusive: true,
        },
        Cmp::Gt => Form::Lower {
            at,
            inclusive: false,
        },
        Cmp::Le => Form::Upper {
            at,
            inclusive: true,
        },
        Cmp::Lt => Form::Upper {
            at,
            inclusive: false,
        },
    };
    Limit::from_form(form, unit)
}

/// `[>]A [U] (~|-) [<]B [U]`, with optional signs on each number.
fn range(tokens: &[Token], original: &str) -> Result<Limit, Error> {
    let mut t = tokens;
    let mut low_inclusive = true;
    if let [Token::Cmp(c), rest @ ..] = t {
        match c {
            Cmp::Gt => low_inclusive = false,
            Cmp::Ge => {}
            _ => return Err(Error::syntax(WHAT, original, t!(msg::RANGE_LOWER_OPEN))),
        }
        t = rest;
    }
    let (low, low_unit, rest) = signed_quantity(t)
        .ok_or_else(|| Error::syntax(WHAT, original, t!(msg::EXPECTED_RANGE_LOWER)))?;
    let (dash, rest) = match rest {
        [Token::Tilde, rest @ ..] => (false, rest),
        [Token::Minus, rest @ ..] => (true, rest),
        _ => return Err(Error::syntax(WHAT, original, t!(msg::EXPECTED_TILDE))),
    };
    let mut rest = rest;
    let mut high_inclusive = true;
    if let [Token::Cmp(c), r @ ..] = rest {
        match c {
            Cmp::Lt => high_inclusive = false,
            Cmp::Le => {}
            _ => return Err(Error::syntax(WHAT, original, t!(msg::RANGE_UPPER_OPEN))),
        }
        rest = r;
    }
    if dash
        && (matches!(rest.first(), Some(Token::Minus | Token::Plus))
            || low.value.is_sign_negative()
            || !low_inclusive
            || !high_inclusive)
    {
        return Err(Error::syntax(WHAT, original, t!(msg::DASH_AMBIGUOUS)));
    }
    let (high, high_unit, tail) = signed_quantity(rest)
        .ok_or_else(|| Error::syntax(WHAT, original, t!(msg::EXPECTED_RANGE_UPPER)))?;
    if !tail.is_empty() {
        return Err(Error::syntax(
            WHAT,
            original,
            t!(msg::UNEXPECTED_AFTER_RANGE),
        ));
    }
    let unit = one_unit(&[low_unit, high_unit], original)?;
    Limit::from_form(
        Form::Range {
            low,
            low_inclusive,
            high,
            high_inclusive,
        },
        unit,
    )
}

/// `A -b₁ -b₂` or `A +b₁ +b₂`: two deviations on one side of the nominal, as tolerance tables
/// write a shifted zone (`10 -0.1 -0.2` is 9.8 … 9.9). Not a form duibiao reads: the error
/// names the range it means.
fn same_side_deviations(tokens: &[Token], original: &str) -> Option<Error> {
    let strip_unit = |t: &[Token]| -> Vec<Token> {
        t.iter()
            .filter(|x| !matches!(x, Token::Unit(_)))
            .cloned()
            .collect()
    };
    let plain = strip_unit(tokens);
    let [Token::Num(a), s1, Token::Num(b1), s2, Token::Num(b2)] = plain.as_slice() else {
        return None;
    };
    let below = matches!((s1, s2), (Token::Minus, Token::Minus));
    let above = matches!((s1, s2), (Token::Plus, Token::Plus));
    if !below && !above {
        return None;
    }
    let unit = tokens.iter().find_map(|t| match t {
        Token::Unit(u) => Some(format!(" {u}")),
        _ => None,
    });
    let (x, y) = if below {
        (
            exact::try_sub(a.value, b2.value).ok()?,
            exact::try_sub(a.value, b1.value).ok()?,
        )
    } else {
        (
            exact::try_add(a.value, b1.value).ok()?,
            exact::try_add(a.value, b2.value).ok()?,
        )
    };
    let (low, high) = if x <= y { (x, y) } else { (y, x) };
    let range = format!("{low} ~ {high}{}", unit.unwrap_or_default());
    let side = if below {
        t!(msg::SIDE_BELOW)
    } else {
        t!(msg::SIDE_ABOVE)
    };
    Some(Error::syntax(
        WHAT,
        original,
        t!(msg::SAME_SIDE_DEVIATIONS, side, range),
    ))
}

fn signed_quantity(tokens: &[Token]) -> Option<(Num, Option<Unit>, &[Token])> {
    match tokens {
        [Token::Minus, rest @ ..] => quantity(rest).map(|(n, u, r)| (negate(n), u, r)),
        [Token::Plus, rest @ ..] => quantity(rest),
        _ => quantity(tokens),
    }
}

/// `[A [U]] ± b [U]`, `A [U] +b₁ -b₂ [U]`, `A (1 ± b%) [U]`, `A U ± b %`.
fn deviation(tokens: &[Token], exclusion: Option<&str>, original: &str) -> Result<Limit, Error> {
    // "± 3 pp", "± 3 个百分点": percentage points on a nominal value in %.
    let (tokens, points) = match tokens {
        [head @ .., Token::Points] if !head.contains(&Token::Points) => (head, true),
        _ => (tokens, false),
    };
    let (nominal, nominal_unit, rest) = match signed_quantity(tokens) {
        Some((n, u, r)) => (Some(n), u, r),
        None => (None, None, tokens),
    };
    // A (1 ± b%) [U]
    if let [Token::Relative(pct), tail @ ..] = rest {
        let Some(nominal) = nominal else {
            return Err(Error::syntax(WHAT, original, t!(msg::EXPECTED_NOMINAL)));
        };
        let unit = match tail {
            [] => None,
            [Token::Unit(u)] => Some(u.clone()),
            _ => {
                return Err(Error::syntax(
                    WHAT,
                    original,
                    t!(msg::UNEXPECTED_AFTER_RELATIVE),
                ))
            }
        };
        let unit = one_unit(&[nominal_unit, unit], original)?;
        let (plus_open, minus_open) = opened(exclusion, pct, pct, original)?;
        return Limit::from_form(
            Form::Relative {
                nominal,
                percent: *pct,
                plus_open,
                minus_open,
            },
            unit,
        );
    }
    let (plus, minus, units) = match rest {
        [Token::PlusMinus, tail @ ..] => {
            let Some((b, u, tail)) = quantity(tail) else {
                return Err(Error::syntax(
                    WHAT,
                    original,
                    t!(msg::EXPECTED_NUMBER_AFTER_WORD, "±"),
                ));
            };
            if !tail.is_empty() {
                return Err(Error::syntax(
                    WHAT,
                    original,
                    t!(msg::UNEXPECTED_AFTER_DEVIATION),
                ));
            }
            (b, b, vec![u])
        }
        [Token::Plus, tail @ ..] | [Token::Minus, tail @ ..] => {
            let first_plus = matches!(rest.first(), Some(Token::Plus));
            let (b1, u1, tail) = quantity(tail).ok_or_else(|| {
                Error::syntax(WHAT, original, t!(msg::EXPECTED_NUMBER_AFTER_SIGN))
            })?;
            let (b2, u2, tail) = match tail {
                [Token::Minus, t @ ..] if first_plus => quantity(t),
                [Token::Plus, t @ ..] if !first_plus => quantity(t),
                _ => None,
            }
            .ok_or_else(|| Error::syntax(WHAT, original, t!(msg::EXPECTED_BOTH_DEVIATIONS)))?;
            if !tail.is_empty() {
                return Err(Error::syntax(
                    WHAT,
                    original,
                    t!(msg::UNEXPECTED_AFTER_DEVIATIONS),
                ));
            }
            let (plus, minus) = if first_plus { (b1, b2) } else { (b2, b1) };
            (plus, minus, vec![u1, u2])
        }
        _ => return Err(Error::syntax(WHAT, original, t!(msg::EXPECTED_DEVIATION))),
    };
    if plus.value.is_sign_negative() || minus.value.is_sign_negative() {
        return Err(Error::invalid(WHAT, original, t!(msg::DEVIATION_SIGN)));
    }
    let dev_unit = one_unit(&units, original)?;
    let is_percent = |u: &Unit| u.to_string() == "%";
    if points {
        // Percentage points: the nominal is in % (written or implied), the deviation bare.
        if let Some(u) = nominal_unit
            .iter()
            .chain(dev_unit.iter())
            .find(|u| !is_percent(u))
        {
            return Err(Error::syntax(
                WHAT,
                original,
                t!(msg::POINTS_ON_UNIT, u.to_string()),
            ));
        }
        let percent = check_unit("%")?;
        let (plus_open, minus_open) = opened(exclusion, &plus, &minus, original)?;
        return Limit::from_form(
            Form::Deviation {
                nominal,
                plus,
                minus,
                plus_open,
                minus_open,
            },
            Some(percent),
        );
    }
    // Relative: a deviation in % on a nominal value that is not in % (a bare number or another
    // unit). On a nominal in % the reading is open (points or a share), so it is refused.
    if let (Some(n), Some(du)) = (nominal, dev_unit.as_ref()) {
        if is_percent(du) && nominal_unit.as_ref().is_some_and(is_percent) {
            return Err(Error::syntax(
                WHAT,
                original,
                t!(msg::PERCENT_AMBIGUOUS, n.to_string(), plus.to_string()),
            ));
        }
        if is_percent(du) {
            if plus != minus {
                return Err(Error::syntax(WHAT, original, t!(msg::RELATIVE_FORM)));
            }
            let (plus_open, minus_open) = opened(exclusion, &plus, &minus, original)?;
            return Limit::from_form(
                Form::Relative {
                    nominal: n,
                    percent: plus,
                    plus_open,
                    minus_open,
                },
                nominal_unit,
            );
        }
    }
    let unit = one_unit(&[nominal_unit, dev_unit], original)?;
    let (plus_open, minus_open) = opened(exclusion, &plus, &minus, original)?;
    Limit::from_form(
        Form::Deviation {
            nominal,
            plus,
            minus,
            plus_open,
            minus_open,
        },
        unit,
    )
}

/// Reads the `(不含…)` clause: which ends of `+plus -minus` it opens.
fn opened(
    exclusion: Option<&str>,
    plus: &Num,
    minus: &Num,
    original: &str,
) -> Result<(bool, bool), Error> {
    let Some(text) = exclusion else {
        return Ok((false, false));
    };
    let mut plus_open = false;
    let mut minus_open = false;
    let items: Vec<&str> = text
        .split(['和', '、', ',', '，', '及', '与'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if items.is_empty() {
        return Err(Error::syntax(WHAT, original, t!(msg::EXPECTED_EXCLUDED)));
    }
    for item in items {
        let item = item.trim_end_matches('%').trim();
        let (sign, number) = if let Some(rest) = item.strip_prefix('+') {
            (Some(true), rest)
        } else if let Some(rest) = item.strip_prefix('-') {
            (Some(false), rest)
        } else {
            (None, item)
        };
        let n = parse_decimal(number.trim(), "number").map_err(|e| e.place(place(original)))?;
        let matches_plus = n == plus.mantissa && plus.exp == 0 || n == plus.value;
        let matches_minus = n == minus.mantissa && minus.exp == 0 || n == minus.value;
        match sign {
            Some(true) if matches_plus => plus_open = true,
            Some(false) if matches_minus => minus_open = true,
            None if matches_plus || matches_minus => {
                plus_open |= matches_plus;
                minus_open |= matches_minus;
            }
            _ => {
                return Err(Error::syntax(
                    WHAT,
                    original,
                    t!(
                        msg::EXCLUSION_NAMES_NONE,
                        item,
                        plus.to_string(),
                        minus.to_string()
                    ),
                ))
            }
        }
    }
    Ok((plus_open, minus_open))
}
