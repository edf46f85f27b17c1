//! Thin entry point: parse arguments, run, map the outcome to an exit code,
//! print an error once.

use std::process::ExitCode;

use clap::Parser;
use dtcalc::cli::Cli;
use dtcalc::exit::COULD_NOT_RUN;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { COULD_NOT_RUN } else { 0 });
        }
    };
    let lang = dtcalc::cmd::lang_of(&cli);
    match dtcalc::cmd::run(cli) {
        Ok(outcome) => ExitCode::from(outcome.code()),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let prefix = dtcalc::msg::error_prefix(lang);
            eprintln!("{prefix}{}", dtcalc::cmd::error_text(&err, lang));
            ExitCode::from(COULD_NOT_RUN)
        }
    }
}

/// Notes a standard output closed at start (`dtcalc ... >&-`). Rust's
/// runtime opens /dev/null in place of a closed standard stream before
/// `main`, so this runs earlier, from the ELF start-up array. Linux only:
/// elsewhere a closed stdout still reads as /dev/null.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static NOTE_CLOSED_STDOUT: extern "C" fn() = {
    extern "C" fn note() {
        let fds = std::path::Path::new("/proc/self/fd");
        let closed = fds.is_dir()
            && std::fs::symlink_metadata(fds.join("1"))
                .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound);
        if closed {
            dtcalc::report::output::note_stdout_closed();
        }
    }
    note
};

/// A closed stdout (`dtcalc report x.csv | head`) ends quietly.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
