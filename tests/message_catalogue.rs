//! Every message duibiao writes has an English and a Chinese text (issue 13): the templates,
//! the nouns that name what was read, and the kinds' titles. The checks are the laws a
//! translation must keep: both texts present, the same arguments, Chinese that is Chinese, and
//! the house style (lower case, no full stop).

use std::collections::BTreeSet;

use duibiao::{ErrorKind, Lang};

fn placeholders(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(at) = rest.find('{') {
        let after = &rest[at + 1..];
        match after.find('}') {
            Some(c) if after[..c].parse::<usize>().is_ok() => {
                out.insert(after[..c].to_owned());
                rest = &after[c + 1..];
            }
            _ => rest = after,
        }
    }
    out
}

fn has_cjk(text: &str) -> bool {
    text.chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c))
}

#[test]
fn every_template_has_both_texts_with_the_same_arguments() {
    let catalogue = duibiao::__message_catalogue();
    assert!(catalogue.len() >= 5, "{} templates", catalogue.len());
    let mut ids = BTreeSet::new();
    for m in &catalogue {
        assert!(ids.insert(m.id), "{} declared twice", m.id);
        assert!(!m.en.trim().is_empty(), "{}: no English text", m.id);
        assert!(!m.zh.trim().is_empty(), "{}: no Chinese text", m.id);
        assert_eq!(
            placeholders(m.en),
            placeholders(m.zh),
            "{}: the English and Chinese texts take different arguments",
            m.id
        );
        // A template that is all argument ("{0}") needs no words of its own.
        let words = m.zh.replace(|c: char| !c.is_alphanumeric(), "");
        let bare = words.chars().all(|c| c.is_ascii_digit());
        assert!(
            bare || has_cjk(m.zh),
            "{}: the Chinese text {:?} holds no Chinese",
            m.id,
            m.zh
        );
        assert!(
            !m.en.ends_with('.'),
            "{}: a message ends without a full stop",
            m.id
        );
        assert!(
            !m.zh.ends_with('。'),
            "{}: a message ends without a full stop",
            m.id
        );
        let first = m.en.chars().next().unwrap();
        assert!(
            !first.is_uppercase(),
            "{}: a message begins in lower case: {:?}",
            m.id,
            m.en
        );
    }
}

#[test]
fn every_kind_has_a_code_and_both_titles() {
    let mut codes = BTreeSet::new();
    for kind in ErrorKind::ALL {
        assert!(codes.insert(kind.code()), "{kind:?}: code used twice");
        let en = kind.title(Lang::En);
        let zh = kind.title(Lang::Zh);
        assert!(!en.is_empty() && has_cjk(&zh), "{kind:?}: {en:?} / {zh:?}");
        assert_eq!(kind.to_string(), kind.code());
    }
    assert_eq!(codes.len(), 12);
}

/// The nouns passed to the error constructors, found in the sources.
fn nouns_in_sources() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for ctor in ["Error::syntax(", "Error::invalid("] {
                    for (at, _) in text.match_indices(ctor) {
                        let rest = text[at + ctor.len()..].trim_start();
                        if let Some(lit) = rest.strip_prefix('"') {
                            if let Some(end) = lit.find('"') {
                                out.insert(lit[..end].to_owned());
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

#[test]
fn every_noun_a_message_names_has_a_chinese_name() {
    let nouns = duibiao::__message_nouns();
    let missing: Vec<String> = nouns_in_sources()
        .into_iter()
        .filter(|n| !nouns.iter().any(|(en, zh)| en == n && has_cjk(zh)))
        .collect();
    assert!(
        missing.is_empty(),
        "nouns without a Chinese name: {missing:?}"
    );
}

#[test]
fn a_message_renders_in_both_languages() {
    let err = "fr".parse::<Lang>().unwrap_err();
    let en = err.message(Lang::En);
    let zh = err.message(Lang::Zh);
    assert_eq!(en, err.to_string());
    assert_eq!(en, r#"language "fr": expected "zh", "en" or "both""#);
    assert_eq!(zh, r#"语言 "fr"：应为 "zh"、"en" 或 "both""#);
    assert_eq!(err.message(Lang::Both), format!("{zh} — {en}"));
    // An error is Clone, and Debug shows the message.
    let copy = err.clone();
    assert_eq!(copy.to_string(), en);
    assert!(format!("{err:?}").contains(&format!("{en:?}")), "{err:?}");
}
