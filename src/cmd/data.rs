//! Reading the data files a command was given: standard input when piped,
//! problems and warnings on stderr as they are found, and refusing invalid
//! data unless `--skip-invalid`.

use std::io::IsTerminal;

use anyhow::Result;

use std::sync::Arc;

use crate::cli::{InputArgs, RollUpArgs};
use crate::diagnostic::{Diagnostic, Rule};
use crate::hierarchy::Hierarchy;
use crate::lang::Lang;
use crate::msg::{Failure, Notice, Word, skipped_prefix, warning_prefix};
use crate::read::value::Mark;
use crate::read::{self, Outcome, ReadOptions, Sink};
use crate::rollup::{self, Cells, Parents, Plan};
use crate::store::Store;
use crate::targets::Resolution;
use crate::validate::LIMIT;

/// The figures read and what reading found.
pub(super) struct Data {
    /// Every valid figure (for a roll-up: the parents' figures).
    pub store: Store,
    /// The files, counts and problems.
    pub outcome: Outcome,
}

/// The areas file of `--areas` and the roll-up asked for.
#[derive(Default)]
pub(super) struct Areas {
    /// The areas file: the data's areas are checked against it.
    pub hierarchy: Option<Arc<Hierarchy>>,
    /// The roll-up: `--roll-up LEVEL`, or `--area CODE` with `--areas`
    /// (that area's figure from the areas it holds).
    pub plan: Option<Arc<Plan>>,
}

/// Reads `--areas` and works out the roll-up that `--roll-up` and `--area`
/// (the areas `wanted`) ask for.
pub(super) fn areas(
    input: &InputArgs,
    roll: &RollUpArgs,
    (wanted, by_area): (&[String], bool),
) -> Result<Areas> {
    let Some(path) = &input.areas else {
        return Ok(Areas::default());
    };
    let h = Arc::new(read::areas::load(path, read_options(input)?.encoding)?);
    for code in wanted {
        if h.find(code).is_none() {
            return Err(Failure::AreaNotInAreasFile {
                area: code.clone(),
                file: h.file.to_string(),
            }
            .into());
        }
    }
    let parents = match (&roll.roll_up, wanted) {
        (Some(level), _) => Some(Parents::Level(h.level(level).ok_or_else(|| {
            Failure::UnknownLevel {
                level: level.clone(),
                known: h.levels.join(", "),
            }
        })?)),
        // one --area is rolled up to, unless it only picks a row of --by area
        (None, [code]) if !by_area => h.find(code).map(Parents::Area),
        (None, _) => None,
    };
    if parents.is_none() && roll.min_coverage.is_some() {
        return Err(Failure::CoverageWithoutRollUp.into());
    }
    let min_coverage = roll.min_coverage.unwrap_or(100.0) / 100.0;
    let plan = parents.map(|p| Arc::new(Plan::new(Arc::clone(&h), p, min_coverage)));
    Ok(Areas {
        hierarchy: Some(h),
        plan,
    })
}

/// The data files to read: as given, else `-` (standard input) when input
/// is piped; an error when nothing is given at a terminal.
pub(super) fn data_paths(data: &[String], command: &'static str) -> Result<Vec<String>> {
    if !data.is_empty() {
        return Ok(data.to_vec());
    }
    if std::io::stdin().is_terminal() {
        return Err(Failure::NoDataFile { command }.into());
    }
    Ok(vec!["-".to_string()])
}

/// How to read data files, from the shared input flags.
pub(super) fn read_options(input: &InputArgs) -> Result<ReadOptions> {
    let encoding = match &input.encoding {
        None => None,
        Some(label) => {
            Some(
                read::decode::by_label(label).ok_or_else(|| Failure::UnknownEncoding {
                    label: label.clone(),
                })?,
            )
        }
    };
    Ok(ReadOptions {
        delimiter: input.delimiter,
        encoding,
        sheet: input.sheet.clone(),
        lookback: input.lookback,
        decimal: input.decimal.and_then(|c| Mark::of(char::from(c))),
        ..ReadOptions::default()
    })
}

/// Problems and notices on stderr as they are found: at most [`LIMIT`]
/// problems listed, the rest counted.
struct Stderr {
    lang: Lang,
    skip_invalid: bool,
    shown: u64,
    more: u64,
}

impl Sink for Stderr {
    fn problem(&mut self, d: Diagnostic) {
        if self.shown >= LIMIT as u64 {
            self.more += 1;
            return;
        }
        self.shown += 1;
        let skipped = self.skip_invalid && !d.rule().is_whole_file();
        let prefix = if skipped {
            skipped_prefix(self.lang)
        } else {
            ""
        };
        let kept = match skipped && d.rule() == Rule::Duplicate {
            true => format!("; {}", Word::FirstKept.say(self.lang)),
            false => String::new(),
        };
        eprintln!("{prefix}{}{kept}", d.line_in(self.lang));
    }

    fn notice(&mut self, n: Notice) {
        eprintln!("{}{}", warning_prefix(self.lang), n.say(self.lang));
    }
}

/// Reads every data file, printing problems and warnings on stderr, and
/// refuses invalid data unless `skip_invalid` (then the invalid rows are
/// left out and counted; a problem with a whole file still refuses).
pub(super) fn load(
    paths: &[String],
    resolution: &Resolution,
    input: &InputArgs,
    (skip_invalid, lang): (bool, Lang),
    areas: &Areas,
    as_of: Option<i32>,
) -> Result<Data> {
    let mut options = read_options(input)?;
    options.areas = areas.hierarchy.clone();
    let mut store = read::store_for(resolution, &options);
    let mut cells = areas.plan.as_ref().map(|p| Cells::new(Arc::clone(p)));
    let mut sink = Stderr {
        lang,
        skip_invalid,
        shown: 0,
        more: 0,
    };
    let into = read::Into {
        store: &mut store,
        cells: cells.as_mut(),
    };
    let outcome = read::read(paths, resolution, &options, into, &mut sink)?;
    if sink.more > 0 {
        eprintln!("{}", Notice::MoreProblems { n: sink.more }.say(lang));
    }
    if outcome.problems > 0 {
        if !skip_invalid {
            return Err(Failure::ProblemsInData {
                n: outcome.problems,
            }
            .into());
        }
        if outcome.file_problems > 0 {
            return Err(Failure::FileProblems {
                n: outcome.file_problems,
            }
            .into());
        }
        let rows = outcome.rejected;
        eprintln!(
            "{}{}",
            warning_prefix(lang),
            Notice::SkippedRows { rows }.say(lang)
        );
    }
    let Some(cells) = cells else {
        return Ok(Data { store, outcome });
    };
    // the parents shown are those in force at the end of the as-of year
    let year = as_of.or(store.max_year()).unwrap_or(0);
    let rolled = rollup::finish(&store, cells, resolution, year)?;
    for n in &rolled.notices {
        eprintln!("{}{}", warning_prefix(lang), n.say(lang));
    }
    Ok(Data {
        store: rolled.store,
        outcome,
    })
}
