//! `dtcalc man [DIR]`: man pages (roff) from the same clap definitions as
//! `--help` (clap_mangen), each with its command's exit status, examples
//! and related pages. Without DIR the main page, dtcalc(1), goes to stdout;
//! with DIR it and one page per command (dtcalc-report(1), ...) are
//! written there. Man pages are English, as `--help` is.

use std::path::Path;

use anyhow::Result;
use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};

use super::emit;
use crate::cli::{Cli, ManArgs};
use crate::exit::Outcome;
use crate::msg::{Failure, Reason};
use crate::report::output;

pub fn run(args: ManArgs) -> Result<Outcome> {
    let cmd = command();
    match args.dir {
        None => emit(&page(&cmd, &cmd)?)?,
        Some(dir) => write_pages(&cmd, &dir)?,
    }
    Ok(Outcome::Success)
}

/// The command line as the pages show it: built (subcommands know their
/// page names, `dtcalc-report`), without the `help` subcommand.
fn command() -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// The visible subcommands, in their order of definition.
fn subcommands(cmd: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cmd.get_subcommands().filter(|s| !s.is_hide_set())
}

/// Writes dtcalc.1 and one page per subcommand into `dir`, creating it;
/// each file atomically.
fn write_pages(cmd: &clap::Command, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Failure::CannotWrite {
        path: dir.display().to_string(),
        reason: Reason::from(e),
    })?;
    for c in std::iter::once(cmd).chain(subcommands(cmd)) {
        let man = Man::new(c.clone());
        output::write_atomically(&dir.join(man.get_filename()), &page(cmd, c)?)?;
    }
    Ok(())
}

/// The page of `c` (the main command or one of its subcommands): clap's
/// rendering with EXIT STATUS, EXAMPLES and SEE ALSO before its VERSION
/// section (the main page's), else at the end.
fn page(main: &clap::Command, c: &clap::Command) -> Result<Vec<u8>> {
    let source = format!("dtcalc {}", env!("CARGO_PKG_VERSION"));
    let mut clap_page = Vec::new();
    Man::new(c.clone()).source(source).render(&mut clap_page)?;
    let clap_page = String::from_utf8(clap_page)?;
    let mut roff = Roff::new();
    exit_status(&mut roff, c.get_name());
    examples(&mut roff, c.get_name());
    see_also(&mut roff, main, c);
    // Both renderings open with the same preamble (how to print `'`).
    let preamble = Roff::new().render();
    let ours = roff.render();
    let ours = ours.strip_prefix(&preamble).unwrap_or(&ours);
    let at = clap_page
        .find("\n.SH VERSION")
        .map_or(clap_page.len(), |i| i + 1);
    Ok([&clap_page[..at], ours, &clap_page[at..]]
        .concat()
        .into_bytes())
}

/// Exit status 0, 1 and 2 and what they mean for the command `name`.
fn exit_status(roff: &mut Roff, name: &str) {
    let ok = match name {
        "validate" => "the data (and targets) have no problem.",
        "check" => "every selected indicator (in every area with --by area) passes.",
        "dtcalc" => "the command ran; for validate and check, the answer is yes.",
        _ => "the output was written.",
    };
    let no = match name {
        "validate" => "the command ran and found at least one problem; each is listed.",
        "check" => "the command ran and at least one indicator (or area) fails; each is named.",
        "dtcalc" => {
            "the command ran and the answer is no: validate found problems, or an indicator failed check."
        }
        _ => "not used by this command.",
    };
    let cannot = "the command could not run: a usage error, a file that cannot be read, \
                  invalid targets or data, or an output that cannot be written. \
                  The reason is printed on standard error.";
    roff.control("SH", ["EXIT STATUS"]);
    for (code, text) in [("0", ok), ("1", no), ("2", cannot)] {
        roff.control("TP", [])
            .text([bold(code)])
            .text([roman(text)]);
    }
}

/// Two or three command lines per page (`dtcalc` for the main page), each
/// after what it does; they run as printed in the source directory.
const EXAMPLES: [(&str, &[(&str, &str)]); 8] = [
    (
        "dtcalc",
        &[
            (
                "Report on the example figures:",
                "dtcalc report examples/actuals.csv",
            ),
            (
                "Check the data, then fail a script below 90 % of a 2025 target:",
                "dtcalc validate examples/actuals.csv && dtcalc check examples/actuals.csv --horizon 2025 --min-attainment 90",
            ),
            (
                "Install the man pages for the current user:",
                "dtcalc man ~/.local/share/man/man1",
            ),
        ],
    ),
    (
        "report",
        &[
            (
                "Report on the example figures in the terminal:",
                "dtcalc report examples/actuals.csv",
            ),
            (
                "An HTML page for 2025, in Vietnamese:",
                "dtcalc report examples/actuals.csv --horizon 2025 --lang vi -o report.html",
            ),
            (
                "A workbook ranking the provinces against the national programme:",
                "dtcalc report examples/provinces.csv --targets examples/national-749.toml --by area -o areas.xlsx",
            ),
        ],
    ),
    (
        "targets",
        &[
            ("The built-in targets per pillar:", "dtcalc targets"),
            (
                "Another resolution's targets as CSV:",
                "dtcalc targets --targets examples/national-749.toml -o targets.csv",
            ),
        ],
    ),
    (
        "validate",
        &[
            (
                "List every problem in a data file:",
                "dtcalc validate examples/actuals.csv",
            ),
            (
                "Check a targets file alone:",
                "dtcalc validate --targets examples/national-749.toml",
            ),
            (
                "Annotations for GitHub Actions:",
                "dtcalc validate examples/actuals.csv --format github",
            ),
        ],
    ),
    (
        "template",
        &[
            (
                "A data-entry sheet for two years:",
                "dtcalc template --years 2024,2025 -o entry.csv",
            ),
            (
                "The same as an Excel workbook:",
                "dtcalc template --years 2024,2025 --format xlsx -o entry.xlsx",
            ),
        ],
    ),
    (
        "check",
        &[
            (
                "Fail when an indicator is below 90 % of its 2025 target:",
                "dtcalc check examples/actuals.csv --horizon 2025 --min-attainment 90",
            ),
            (
                "Require digital government to be on track:",
                "dtcalc check examples/actuals.csv --pillar government --require substantial",
            ),
            (
                "Name every province that misses a target:",
                "dtcalc check examples/provinces.csv --targets examples/national-749.toml --by area",
            ),
        ],
    ),
    (
        "completions",
        &[
            (
                "Install bash completion for the current user:",
                "dtcalc completions bash > ~/.local/share/bash-completion/completions/dtcalc",
            ),
            (
                "The same for fish:",
                "dtcalc completions fish > ~/.config/fish/completions/dtcalc.fish",
            ),
        ],
    ),
    (
        "man",
        &[
            (
                "Read the main page without installing it:",
                "dtcalc man | man -l -",
            ),
            (
                "Install every page for the current user:",
                "dtcalc man ~/.local/share/man/man1",
            ),
        ],
    ),
];

/// The EXAMPLES section of the page `name`.
fn examples(roff: &mut Roff, name: &str) {
    let lines = EXAMPLES.iter().find(|(page, _)| *page == name);
    roff.control("SH", ["EXAMPLES"]);
    for (what, line) in lines.map_or(&[][..], |(_, lines)| lines) {
        roff.control("PP", []).text([roman(*what)]);
        roff.control("RS", ["4"]).control("nf", []);
        roff.text([bold(*line)]);
        roff.control("fi", []).control("RE", []);
    }
}

/// The other pages: every subcommand's from the main page, the main page
/// and the other subcommands' from a subcommand's. Names in bold and not
/// hyphenated, as man-pages(7) asks.
fn see_also(roff: &mut Roff, main: &clap::Command, c: &clap::Command) {
    let others = std::iter::once(main)
        .chain(subcommands(main))
        .filter(|s| s.get_name() != c.get_name());
    let mut names = Vec::new();
    for (k, s) in others.enumerate() {
        if k > 0 {
            names.push(roman(", "));
        }
        names.push(bold(s.get_display_name().unwrap_or_else(|| s.get_name())));
        names.push(roman("(1)"));
    }
    roff.control("SH", ["SEE ALSO"]).control("nh", []);
    roff.text(names).control("hy", []);
}
