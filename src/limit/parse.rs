//! Reading limit text (GB/T 8170-2008 4.2 forms, Chinese and English words).

use rust_decimal::Decimal;

use super::{Form, Limit, Num};
use crate::error::Error;
use crate::number::{parse_decimal, truncate};
use crate::unit::Unit;

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
    ("小于", Cmp::Lt),
    ("不足", Cmp::Lt),
    ("低于", Cmp::Lt),
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
}

pub(crate) fn parse_limit(input: &str) -> Result<Limit, Error> {
    if input.len() > MAX_LIMIT_LEN {
        return Err(Error::invalid(
            WHAT,
            &truncate(input),
            format!("longer than {MAX_LIMIT_LEN} bytes"),
        ));
    }
    let original = input.trim();
    if original.is_empty() {
        return Err(Error::syntax(
            WHAT,
            original,
            "expected a limit such as \"≥ 97.0 %\"",
        ));
    }
    let text = normalise(original);
    let mut body: &str = text.trim();

    // A trailing "(不含…)" opens ends of a deviation.
    let mut exclusion = None;
    if let Some(pos) = body.rfind("(不含") {
        let (head, clause) = body.split_at_checked(pos).unwrap_or((body, ""));
        let Some(inner) = clause
            .strip_prefix("(不含")
            .and_then(|c| c.strip_suffix(')'))
        else {
            return Err(Error::syntax(
                WHAT,
                original,
                "expected \")\" to close \"(不含\" at the end of the limit",
            ));
        };
        exclusion = Some(inner.trim().to_owned());
        body = head.trim_end();
    }

    let mut cmp = None;
    for (word, c) in PREFIX_WORDS {
        if let Some(rest) = strip_prefix_ignore_case(body, word) {
            cmp = Some((*c, (*word).to_owned()));
            body = rest.trim_start();
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
            return Err(Error::syntax(
                WHAT,
                original,
                "\"以上\"/\"以下\" leave the boundary open to doubt: write \"及以上\", \"及以下\", \"不小于\" or \"不大于\"",
            ));
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
                    "\"(不含…)\" applies only to deviations such as \"10 ± 0.1\"",
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
                "\"(不含…)\" applies only to deviations such as \"10 ± 0.1\"",
            ));
        }
        return one_sided(c, &word, &tokens, original);
    }
    if tokens.is_empty() {
        return Err(Error::syntax(WHAT, original, "expected a number"));
    }
    // A leading comparison symbol that the prefix table did not take (a range like ">10~20").
    let has = |t: &Token| tokens.iter().any(|x| x == t);
    if has(&Token::PlusMinus)
        || tokens.iter().any(|t| matches!(t, Token::Relative(_)))
        || has(&Token::Plus)
    {
        return deviation(&tokens, exclusion.as_deref(), original);
    }
    if exclusion.is_some() {
        return Err(Error::syntax(
            WHAT,
            original,
            "\"(不含…)\" applies only to deviations such as \"10 ± 0.1\"",
        ));
    }
    if has(&Token::Tilde) || has(&Token::Minus) {
        return range(&tokens, original);
    }
    Err(Error::syntax(
        WHAT,
        original,
        "expected a comparison (≥, >, ≤, <, 不小于 …), a range (A ~ B) or a deviation (A ± b) around the number",
    ))
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
                        format!("expected \"(1 ± b%)\", found \"({inner})\""),
                    ));
                };
                let n = parse_decimal(number.trim(), "number")
                    .map_err(|e| e.context(format!("{WHAT} \"{original}\"")))?;
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
            ',' | '，' => {
                return Err(Error::syntax(
                    WHAT,
                    original,
                    "a comma is not a decimal separator here: write the decimal point \".\"",
                ))
            }
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
                let unit = match check_unit(text) {
                    Ok(u) => u,
                    // Where a number belongs, say so rather than that the word is no unit.
                    Err(_) if !tokens.iter().any(|t| matches!(t, Token::Num(_))) => {
                        let after = match (tokens.last(), lead) {
                            (Some(Token::Cmp(Cmp::Ge)), _) => " after \"≥\"".to_owned(),
                            (Some(Token::Cmp(Cmp::Gt)), _) => " after \">\"".to_owned(),
                            (Some(Token::Cmp(Cmp::Le)), _) => " after \"≤\"".to_owned(),
                            (Some(Token::Cmp(Cmp::Lt)), _) => " after \"<\"".to_owned(),
                            (_, Some(word)) => format!(" after \"{word}\""),
                            _ => String::new(),
                        };
                        return Err(Error::syntax(
                            WHAT,
                            original,
                            format!("expected a number{after}, found \"{text}\""),
                        ));
                    }
                    Err(e) => return Err(e.context(format!("{WHAT} \"{original}\""))),
                };
                tokens.push(Token::Unit(unit));
                i = j;
            }
            _ => {
                let shown: String = tail(body, pos).chars().take(12).collect();
                return Err(Error::syntax(
                    WHAT,
                    original,
                    format!(
                        "unexpected \"{shown}\": expected a number, a unit or one of ≥ > ≤ < ~ ±"
                    ),
                ));
            }
        }
    }
    Ok(tokens)
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
        return Err(Error::syntax(
            WHAT,
            original,
            format!("\"{shown}\": a comma is not a decimal separator here: write the decimal point \".\" and no thousands separator"),
        ));
    }
    let from = chars.get(start).map(|&(p, _)| p).unwrap_or(0);
    let to = chars.get(j).map(|&(p, _)| p).unwrap_or(body.len());
    let mantissa = parse_decimal(body.get(from..to).unwrap_or_default(), "number")
        .map_err(|e| e.context(format!("{WHAT} \"{original}\"")))?;
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
                format!("expected a power of ten such as \"10³\" after \"{mantissa}×\""),
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
            format!("expected a power of ten (10, 100, 10³ …) after \"{mantissa}×\", found \"{digits}\""),
        ));
    }
    if !(-28..=28).contains(&exp) {
        return Err(Error::invalid(
            WHAT,
            original,
            format!("the power of ten 10^{exp} is beyond what a decimal holds"),
        ));
    }
    let value = scale_by(mantissa, exp)
        .ok_or_else(|| Error::overflow(format!("{WHAT} \"{original}\": {mantissa}×10^{exp}")))?;
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
        mantissa.checked_mul(Decimal::from_i128_with_scale(
            10i128.checked_pow(exp as u32)?,
            0,
        ))
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
                    format!(
                        "the numbers are written in two units, \"{f}\" and \"{u}\": write one unit"
                    ),
                ))
            }
        }
    }
    Ok(found.cloned())
}

fn one_sided(c: Cmp, word: &str, tokens: &[Token], original: &str) -> Result<Limit, Error> {
    let Some((at, unit, rest)) = quantity(tokens) else {
        let found = match tokens.first() {
            None => "nothing".to_owned(),
            Some(Token::Unit(u)) => format!("\"{u}\""),
            Some(Token::Minus) | Some(Token::Plus) => {
                return signed_one_sided(c, word, tokens, original);
            }
            Some(_) => "an operator".to_owned(),
        };
        return Err(Error::syntax(
            WHAT,
            original,
            format!("expected a number after \"{word}\", found {found}"),
        ));
    };
    if !rest.is_empty() {
        return Err(Error::syntax(
            WHAT,
            original,
            format!("unexpected text after \"{word} {at}\": a one-sided limit holds one number and its unit"),
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
            format!("expected a number after \"{word}\""),
        ));
    };
    if !tail.is_empty() {
        return Err(Error::syntax(
            WHAT,
            original,
            format!(
                "unexpected text after \"{word}\": a one-sided limit holds one number and its unit"
            ),
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
            _ => {
                return Err(Error::syntax(
                    WHAT,
                    original,
                    "a range opens its lower end with \">\" only",
                ))
            }
        }
        t = rest;
    }
    let (low, low_unit, rest) = signed_quantity(t).ok_or_else(|| {
        Error::syntax(
            WHAT,
            original,
            "expected the lower end of a range such as \"10 ~ 20\"",
        )
    })?;
    let (dash, rest) = match rest {
        [Token::Tilde, rest @ ..] => (false, rest),
        [Token::Minus, rest @ ..] => (true, rest),
        _ => {
            return Err(Error::syntax(
                WHAT,
                original,
                "expected \"~\" between the two ends of a range",
            ))
        }
    };
    let mut rest = rest;
    let mut high_inclusive = true;
    if let [Token::Cmp(c), r @ ..] = rest {
        match c {
            Cmp::Lt => high_inclusive = false,
            Cmp::Le => {}
            _ => {
                return Err(Error::syntax(
                    WHAT,
                    original,
                    "a range opens its upper end with \"<\" only",
                ))
            }
        }
        rest = r;
    }
    if dash
        && (matches!(rest.first(), Some(Token::Minus | Token::Plus))
            || low.value.is_sign_negative()
            || !low_inclusive
            || !high_inclusive)
    {
        return Err(Error::syntax(
            WHAT,
            original,
            "\"-\" between numbers is ambiguous with a minus sign here: write the range with \"~\"",
        ));
    }
    let (high, high_unit, tail) = signed_quantity(rest).ok_or_else(|| {
        Error::syntax(
            WHAT,
            original,
            "expected the upper end of the range after \"~\"",
        )
    })?;
    if !tail.is_empty() {
        return Err(Error::syntax(
            WHAT,
            original,
            "unexpected text after the upper end of the range",
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

fn signed_quantity(tokens: &[Token]) -> Option<(Num, Option<Unit>, &[Token])> {
    match tokens {
        [Token::Minus, rest @ ..] => quantity(rest).map(|(n, u, r)| (negate(n), u, r)),
        [Token::Plus, rest @ ..] => quantity(rest),
        _ => quantity(tokens),
    }
}

/// `[A [U]] ± b [U]`, `A [U] +b₁ -b₂ [U]`, `A (1 ± b%) [U]`, `A U ± b %`.
fn deviation(tokens: &[Token], exclusion: Option<&str>, original: &str) -> Result<Limit, Error> {
    let (nominal, nominal_unit, rest) = match signed_quantity(tokens) {
        Some((n, u, r)) => (Some(n), u, r),
        None => (None, None, tokens),
    };
    // A (1 ± b%) [U]
    if let [Token::Relative(pct), tail @ ..] = rest {
        let Some(nominal) = nominal else {
            return Err(Error::syntax(
                WHAT,
                original,
                "expected the nominal value before \"(1 ± b%)\"",
            ));
        };
        let unit = match tail {
            [] => None,
            [Token::Unit(u)] => Some(u.clone()),
            _ => {
                return Err(Error::syntax(
                    WHAT,
                    original,
                    "unexpected text after \"(1 ± b%)\"",
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
                    "expected a number after \"±\"",
                ));
            };
            if !tail.is_empty() {
                return Err(Error::syntax(
                    WHAT,
                    original,
                    "unexpected text after the deviation \"± b\"",
                ));
            }
            (b, b, vec![u])
        }
        [Token::Plus, tail @ ..] | [Token::Minus, tail @ ..] => {
            let first_plus = matches!(rest.first(), Some(Token::Plus));
            let (b1, u1, tail) = quantity(tail).ok_or_else(|| {
                Error::syntax(
                    WHAT,
                    original,
                    "expected a number after the sign of the deviation",
                )
            })?;
            let (b2, u2, tail) = match tail {
                [Token::Minus, t @ ..] if first_plus => quantity(t),
                [Token::Plus, t @ ..] if !first_plus => quantity(t),
                _ => None,
            }
            .ok_or_else(|| {
                Error::syntax(
                    WHAT,
                    original,
                    "expected both deviations, \"+b₁\" and \"-b₂\", such as \"10 +0.2 -0.1\"",
                )
            })?;
            if !tail.is_empty() {
                return Err(Error::syntax(
                    WHAT,
                    original,
                    "unexpected text after the deviations",
                ));
            }
            let (plus, minus) = if first_plus { (b1, b2) } else { (b2, b1) };
            (plus, minus, vec![u1, u2])
        }
        _ => {
            return Err(Error::syntax(
                WHAT,
                original,
                "expected \"± b\", \"+b₁ -b₂\" or \"(1 ± b%)\" after the nominal value",
            ))
        }
    };
    if plus.value.is_sign_negative() || minus.value.is_sign_negative() {
        return Err(Error::invalid(
            WHAT,
            original,
            "a deviation is written without a sign after ± (\"10 ± 0.1\")",
        ));
    }
    let dev_unit = one_unit(&units, original)?;
    // Relative: the nominal has its own unit, not %, and the deviation is in %.
    let is_percent = |u: &Unit| u.to_string() == "%";
    if let (Some(n), Some(nu), Some(du)) = (nominal, nominal_unit.as_ref(), dev_unit.as_ref()) {
        if is_percent(du) && !is_percent(nu) {
            if plus != minus {
                return Err(Error::syntax(
                    WHAT,
                    original,
                    "a relative deviation is written \"A(1 ± b%)\"",
                ));
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
        return Err(Error::syntax(
            WHAT,
            original,
            "expected the excluded deviation inside \"(不含…)\", such as \"(不含0.1)\"",
        ));
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
        let n = parse_decimal(number.trim(), "number")
            .map_err(|e| e.context(format!("{WHAT} \"{original}\"")))?;
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
                    format!("\"(不含{item})\" names no deviation of the limit (+{plus}, -{minus})"),
                ))
            }
        }
    }
    Ok((plus_open, minus_open))
}
