//! `dtcalc validate`: check data files (or just the targets file) and list
//! every problem as it is found; exit 1 when there is any.

use std::io::{BufWriter, Write};

use anyhow::Result;

use super::data::read_options;
use super::{lang, load_targets, targets_name};
use crate::cli::ValidateArgs;
use crate::diagnostic::Diagnostics;
use crate::exit::Outcome;
use crate::msg::{Failure, Notice, warning_prefix};
use crate::read::{self, Sink};
use crate::report::output::stdout_error;
use crate::validate::Printer;

pub fn run(args: ValidateArgs) -> Result<Outcome> {
    crate::report::output::stdout_usable()?;
    let lang = lang(&args.common);
    let mut options = read_options(&args.input)?;
    if args.data.is_empty() && args.common.targets.is_none() {
        return Err(Failure::NothingToValidate.into());
    }
    let stdout = std::io::stdout();
    let mut printer = Printer::new(BufWriter::new(stdout.lock()), args.format, lang);
    let mut data_files = 0;
    // an areas file with problems is a finding too: the data is then read
    // without it
    if let Some(path) = &args.input.areas {
        match read::areas::load(path, options.encoding) {
            Ok(h) => options.areas = Some(std::sync::Arc::new(h)),
            Err(err) => match err.downcast::<Diagnostics>() {
                Ok(found) => found.0.into_iter().for_each(|d| printer.problem(d)),
                Err(err) => return Err(err),
            },
        }
    }
    match load_targets(&args.common) {
        Ok(resolution) if !args.data.is_empty() => {
            let mut store = read::store_for(&resolution, &options);
            let into = read::Into {
                store: &mut store,
                cells: None,
            };
            let outcome = read::read(&args.data, &resolution, &options, into, &mut printer)?;
            data_files = outcome.files.len();
        }
        Ok(_) => {}
        // A targets file with problems is a finding; one that cannot be
        // read at all means validate could not run.
        Err(err) => match err.downcast::<Diagnostics>() {
            Ok(found) => {
                for d in found.0 {
                    printer.problem(d);
                }
                if !args.data.is_empty() {
                    eprintln!(
                        "{}{}",
                        warning_prefix(lang),
                        Notice::DataNotChecked.say(lang)
                    );
                }
            }
            Err(err) => return Err(err),
        },
    }
    let problems = printer.problems();
    printer
        .finish(data_files, &targets_name(&args.common))
        .map_err(stdout_error)?;
    std::io::stdout().flush().map_err(stdout_error)?;
    Ok(if problems == 0 {
        Outcome::Success
    } else {
        Outcome::CheckFailed
    })
}
