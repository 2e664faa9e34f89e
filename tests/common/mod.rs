//! The one way the integration tests spawn the command line: in English whatever the
//! developer's locale (the CLI picks its messages' language from `--lang`, else `LC_ALL`,
//! `LC_MESSAGES`, `LANG`), so that the tests asserting English messages hold under a Chinese
//! locale too. A test that means another language says so with `--lang` or `.env(…)`.
//!
//! Also the files the tests read (the example plans, the findings' reproducers) and the rows a
//! products file gives on both paths.
#![allow(dead_code)]

use std::process::Command;

use duibiao::product::Encoding;
use duibiao::stream::Source;
use duibiao::verdict::Summary;
use duibiao::{Engine, Limits, Plan};

/// The `duibiao` binary, with `LANG=C` and neither `LC_ALL` nor `LC_MESSAGES`.
pub fn duibiao() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_duibiao"));
    c_locale(&mut cmd);
    cmd
}

/// `cmd` (a shell that runs the binary) with `LANG=C` and neither `LC_ALL` nor `LC_MESSAGES`,
/// and reports dated 2026-12-01 (`SOURCE_DATE_EPOCH`, the committed snapshots' date), so that
/// no test depends on the day it runs.
pub fn c_locale(cmd: &mut Command) -> &mut Command {
    cmd.env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("SOURCE_DATE_EPOCH", "1796083200")
}

/// The text of `examples/plans/NAME`.
pub fn example(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/examples/plans/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The bytes of the reproducer `tests/data/findings/NAME`.
pub fn finding(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/data/findings/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The engine of the TOML plan `tests/data/findings/NAME`.
pub fn finding_engine(name: &str) -> Engine {
    let text = String::from_utf8(finding(name)).unwrap();
    Plan::from_toml_str(&text).unwrap().compile().unwrap()
}

/// Each row as the summaries give it (fast path where it holds) and as the full verdicts give
/// it (exact path), errors as their messages.
pub type Rows = (Vec<Result<Summary, String>>, Vec<Result<Summary, String>>);

/// The rows of the source `open` gives, on both paths.
pub fn rows_of(open: impl Fn() -> Source<&'static [u8]>, engine: &Engine) -> Rows {
    let summaries = open()
        .summaries(engine)
        .map(|r| r.map_err(|e| e.to_string()))
        .collect();
    let verdicts = open()
        .verdicts(engine)
        .map(|r| r.map(|v| Summary::of(&v)).map_err(|e| e.to_string()))
        .collect();
    (summaries, verdicts)
}

/// The rows of the CSV products file `bytes` read in `encoding`, on both paths.
pub fn csv_rows(bytes: &[u8], engine: &Engine, encoding: Encoding) -> Rows {
    let bytes: &'static [u8] = Box::leak(bytes.to_vec().into_boxed_slice());
    rows_of(
        || Source::csv_with_encoding(bytes, engine, &Limits::default(), encoding).unwrap(),
        engine,
    )
}
