//! Standard numbers as published catalogues write them: every `tests/data/pubid/*.txt` set is
//! read, its acceptance rate printed, the overall rate asserted at 98 % or more, and where a
//! line gives the publisher's own form, that form asserted to read to the same key.
//!
//! Each line is `input` or `input<TAB>canonical`; `#` starts a comment line. Setting
//! `DUIBIAO_PUBID_DIR` to a folder of files of the same shape checks those sets as well, with
//! the same law (the full public fixture sets are measured that way); `DUIBIAO_PUBID_ALL`
//! prints every refusal instead of the first 15 of a set.

use std::path::{Path, PathBuf};

use duibiao::StandardCode;

struct Rate {
    name: String,
    total: usize,
    accepted: usize,
    refused: Vec<String>,
    wrong: Vec<String>,
}

fn check_set(path: &Path) -> Rate {
    let text = std::fs::read_to_string(path).unwrap();
    let name = path.file_stem().unwrap().to_string_lossy().into_owned();
    let mut rate = Rate {
        name,
        total: 0,
        accepted: 0,
        refused: Vec::new(),
        wrong: Vec::new(),
    };
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (input, canonical) = match line.split_once('\t') {
            Some((i, c)) => (i, Some(c)),
            None => (line, None),
        };
        rate.total += 1;
        match input.parse::<StandardCode>() {
            Ok(code) => {
                rate.accepted += 1;
                // Where the set gives the publisher's form, both spellings are one key.
                if let Some(c) = canonical {
                    match c.parse::<StandardCode>() {
                        Ok(other) if other == code => {}
                        Ok(other) => rate.wrong.push(format!(
                            "{input:?} gave {code}, its form {c:?} gave {other}"
                        )),
                        Err(e) => rate.wrong.push(format!("{input:?}: its form {c:?}: {e}")),
                    }
                }
                // The law of the canonical form: it reads back to the same code.
                let again: StandardCode = code.to_string().parse().unwrap_or_else(|e| {
                    panic!("{input:?}: canonical {code} does not read back: {e}")
                });
                assert_eq!(again.to_string(), code.to_string(), "{input:?}");
            }
            Err(e) => rate.refused.push(format!("{input:?}: {e}")),
        }
    }
    rate
}

fn sets(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

fn check_dir(dir: &Path) {
    let files = sets(dir);
    assert!(!files.is_empty(), "no sets in {}", dir.display());
    let (mut total, mut accepted) = (0, 0);
    let mut wrong = Vec::new();
    for f in &files {
        let r = check_set(f);
        println!(
            "{:>6}: {:>5} of {:>5} accepted ({:.1} %)",
            r.name,
            r.accepted,
            r.total,
            100.0 * r.accepted as f64 / r.total.max(1) as f64
        );
        let shown = if std::env::var_os("DUIBIAO_PUBID_ALL").is_some() {
            usize::MAX
        } else {
            15
        };
        for line in r.refused.iter().take(shown) {
            println!("        refused {line}");
        }
        total += r.total;
        accepted += r.accepted;
        wrong.extend(r.wrong);
    }
    println!(
        "   all: {accepted} of {total} accepted ({:.1} %)",
        100.0 * accepted as f64 / total.max(1) as f64
    );
    assert!(
        wrong.is_empty(),
        "canonical forms differ:\n{}",
        wrong.join("\n")
    );
    // 98 % in whole numbers: accepted / total >= 98 / 100.
    assert!(
        accepted * 100 >= total * 98,
        "{accepted} of {total} accepted"
    );
}

#[test]
fn published_sets() {
    check_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pubid"));
}

#[test]
fn external_sets() {
    if let Some(dir) = std::env::var_os("DUIBIAO_PUBID_DIR") {
        check_dir(Path::new(&dir));
    }
}

/// `docs/standard-numbers.md` lists the Chinese industry codes: every code in its table reads
/// as an industry standard, and letters outside it are refused.
#[test]
fn the_documented_industry_codes() {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/standard-numbers.md"),
    )
    .unwrap();
    let codes: Vec<&str> = doc
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once('`').map(|(c, _)| c))
        .filter(|c| c.chars().all(|ch| ch.is_ascii_uppercase()))
        .collect();
    assert!(codes.len() >= 70, "{} codes", codes.len());
    for c in &codes {
        let text = format!("{c}/T 1-2020");
        let code: StandardCode = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(code.level(), duibiao::Level::Industry, "{text}");
    }
    for c in ["EP", "GBT", "ZZ", "ABC", "XY"] {
        assert!(!codes.contains(&c));
        let text = format!("{c} 210");
        assert!(text.parse::<StandardCode>().is_err(), "{text} was accepted");
    }
}
