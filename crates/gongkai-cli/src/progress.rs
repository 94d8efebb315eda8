//! A progress line on standard error for long batches: files done of all, reports a
//! second, time left. Shown when standard error is a terminal (or with `--progress`),
//! never with `--quiet`; a batch of one file shows none.
//!
//! Workers count each file as it ends (an atomic counter), and a thread of its own redraws
//! the line a few times a second, so a batch of slow scans shows life between chunks and
//! the workers never wait on the terminal. Messages printed during the batch go through
//! [`Progress::message`], which clears the line first so that the two never mix.

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// When the progress line is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Show {
    /// When standard error is a terminal.
    Auto,
    /// Always (`--progress`: for a log followed with `tail -f`).
    Always,
    /// Never (`--quiet`).
    Never,
}

/// How often the line is redrawn.
const TICK: Duration = Duration::from_millis(250);

struct Shared {
    start: Instant,
    total: usize,
    done: AtomicUsize,
    finished: AtomicBool,
    /// Held while writing to standard error; the condition wakes the drawer at the end.
    stderr: Mutex<()>,
    wake: Condvar,
    /// Standard error is a terminal: the line is redrawn in place. Otherwise one line is
    /// written per redraw that changed.
    terminal: bool,
}

/// The progress of one batch.
pub(crate) struct Progress {
    shared: Option<Arc<Shared>>,
    drawer: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts the line for a batch of `total` files, if `show` and the batch call for it.
    pub(crate) fn start(total: usize, show: Show) -> Progress {
        let terminal = io::stderr().is_terminal();
        let on = total > 1
            && match show {
                Show::Auto => terminal,
                Show::Always => true,
                Show::Never => false,
            };
        if !on {
            return Progress {
                shared: None,
                drawer: None,
            };
        }
        let shared = Arc::new(Shared {
            start: Instant::now(),
            total,
            done: AtomicUsize::new(0),
            finished: AtomicBool::new(false),
            stderr: Mutex::new(()),
            wake: Condvar::new(),
            terminal,
        });
        let drawer = {
            let shared = Arc::clone(&shared);
            std::thread::Builder::new()
                .name("gongkai-progress".into())
                .spawn(move || draw_until_finished(&shared))
                .ok()
        };
        Progress {
            shared: Some(shared),
            drawer,
        }
    }

    /// Counts one file as done (called from the workers).
    pub(crate) fn done(&self) {
        if let Some(s) = &self.shared {
            s.done.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Prints a message on standard error without mixing it into the progress line.
    pub(crate) fn message(&self, text: &str) {
        let Some(s) = &self.shared else {
            eprintln!("{text}");
            return;
        };
        let _held = s.stderr.lock().unwrap_or_else(|e| e.into_inner());
        let mut err = io::stderr().lock();
        if s.terminal {
            let _ = write!(err, "\r\x1b[K");
        }
        let _ = writeln!(err, "{text}");
    }

    /// Ends the line: the drawer stops and the line is cleared on a terminal, so that the
    /// summary after it starts clean; in a log, the last count is written.
    pub(crate) fn finish(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        if let Some(s) = self.shared.take() {
            s.finished.store(true, Ordering::Relaxed);
            s.wake.notify_all();
            if let Some(d) = self.drawer.take() {
                let _ = d.join();
            }
            let mut err = io::stderr().lock();
            let _ = if s.terminal {
                write!(err, "\r\x1b[K")
            } else {
                let done = s.done.load(Ordering::Relaxed);
                writeln!(err, "{}", line(done, s.total, s.start.elapsed()))
            };
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Redraws the line every [`TICK`] until the batch is finished.
fn draw_until_finished(s: &Shared) {
    let mut last = usize::MAX;
    let mut held = s.stderr.lock().unwrap_or_else(|e| e.into_inner());
    while !s.finished.load(Ordering::Relaxed) {
        let done = s.done.load(Ordering::Relaxed);
        // Off a terminal, a line is written only when the count moved.
        if s.terminal || done != last {
            let line = line(done, s.total, s.start.elapsed());
            let mut err = io::stderr().lock();
            let _ = if s.terminal {
                write!(err, "\r\x1b[K{line}")
            } else {
                writeln!(err, "{line}")
            };
            let _ = err.flush();
            last = done;
        }
        held = match s.wake.wait_timeout(held, TICK) {
            Ok((g, _)) => g,
            Err(e) => e.into_inner().0,
        };
    }
}

/// `gongkai: 120/1000 files, 35.2 a second, about 25 s left`.
pub(crate) fn line(done: usize, total: usize, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64();
    let mut s = format!("gongkai: {done}/{total} files");
    if done > 0 && secs > 0.0 {
        let rate = done as f64 / secs;
        s.push_str(&format!(", {rate:.1} a second"));
        let left = (total - done.min(total)) as f64 / rate;
        s.push_str(&format!(", about {} left", duration_text(left)));
    }
    s
}

/// `25 s`, `4 min 10 s`, `2 h 5 min`.
fn duration_text(secs: f64) -> String {
    let secs = secs.round() as u64;
    match secs {
        0..=59 => format!("{secs} s"),
        60..=3599 => format!("{} min {} s", secs / 60, secs % 60),
        _ => format!("{} h {} min", secs / 3600, secs % 3600 / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_says_files_rate_and_time_left() {
        assert_eq!(line(0, 10, Duration::ZERO), "gongkai: 0/10 files");
        assert_eq!(
            line(120, 1000, Duration::from_secs(4)),
            "gongkai: 120/1000 files, 30.0 a second, about 29 s left"
        );
        assert_eq!(
            line(1, 1000, Duration::from_secs(3)),
            "gongkai: 1/1000 files, 0.3 a second, about 49 min 57 s left"
        );
        assert_eq!(duration_text(7500.0), "2 h 5 min");
    }
}
