//! A progress bar on stderr for large inputs, only when stderr is a terminal.

use std::io;

/// A progress bar on stderr for large inputs, only when stderr is a terminal and not quiet.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    pub fn new(quiet: bool) -> Progress {
        use std::io::IsTerminal;
        let bar = (!quiet && io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} {human_pos} products judged in {elapsed}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            bar
        });
        Progress { bar }
    }

    #[inline]
    pub fn tick(&self, row: usize) {
        if let Some(bar) = &self.bar {
            if row % 65_536 == 0 {
                bar.set_position(row as u64);
            }
        }
    }

    pub fn finish(&self, rows: usize) {
        if let Some(bar) = &self.bar {
            bar.set_position(rows as u64);
            bar.finish_and_clear();
        }
    }
}
