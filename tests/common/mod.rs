//! The one way the integration tests spawn the command line: in English whatever the
//! developer's locale (the CLI picks its messages' language from `--lang`, else `LC_ALL`,
//! `LC_MESSAGES`, `LANG`), so that the tests asserting English messages hold under a Chinese
//! locale too. A test that means another language says so with `--lang` or `.env(…)`.
#![allow(dead_code)]

use std::process::Command;

/// The `duibiao` binary, with `LANG=C` and neither `LC_ALL` nor `LC_MESSAGES`.
pub fn duibiao() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_duibiao"));
    c_locale(&mut cmd);
    cmd
}

/// `cmd` (a shell that runs the binary) with `LANG=C` and neither `LC_ALL` nor `LC_MESSAGES`.
pub fn c_locale(cmd: &mut Command) -> &mut Command {
    cmd.env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
}
