//! Actual figures: the observations read from data files.
//!
//! Readers turn files into [`Observation`]s and collect every problem as a
//! [`Diagnostic`]; they never compute anything.

mod csv;
mod row;
pub mod value;

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result};

use crate::diagnostic::Diagnostic;
use crate::targets::Resolution;

/// One actual figure: an indicator's value in a year, for a member when the
/// indicator's target applies to each member.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// Index into [`Resolution::indicators`].
    pub indicator: usize,
    /// Year the figure is for.
    pub year: i32,
    /// The member (sector, households, ...) for "each" indicators.
    pub member: Option<String>,
    /// The figure, finite, in the indicator's unit.
    pub value: f64,
    /// Index into [`Actuals::files`].
    pub file: usize,
    /// Physical line in that file.
    pub line: u64,
}

/// Everything read from the data files.
#[derive(Debug, Default)]
pub struct Actuals {
    /// The files as the user named them (`-` is standard input).
    pub files: Vec<String>,
    /// Every valid observation, in file order.
    pub observations: Vec<Observation>,
    /// Problems that make a row unusable.
    pub problems: Vec<Diagnostic>,
    /// Notices that do not stop a report (e.g. ignored columns).
    pub warnings: Vec<String>,
    /// (indicator, year, member) -> where it was first seen, for duplicates.
    seen: HashMap<(usize, i32, Option<String>), (usize, u64)>,
}

/// Options for reading data files.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// Field delimiter; detected from the header line when `None`.
    pub delimiter: Option<u8>,
}

impl Actuals {
    /// Reads every file (`-` for standard input) against the resolution.
    ///
    /// Fails only when a file cannot be read at all; problems inside files
    /// are collected in [`Actuals::problems`].
    pub fn load(
        paths: &[String],
        resolution: &Resolution,
        options: ReadOptions,
    ) -> Result<Actuals> {
        let mut actuals = Actuals::default();
        for path in paths {
            let bytes = read_input(path)?;
            actuals.add_csv(&bytes, path, resolution, options);
        }
        Ok(actuals)
    }

    /// Reads CSV bytes; `name` names the file in messages.
    pub fn add_csv(
        &mut self,
        bytes: &[u8],
        name: &str,
        resolution: &Resolution,
        options: ReadOptions,
    ) {
        let file = self.files.len();
        self.files.push(name.to_string());
        csv::read(bytes, file, resolution, options, self);
    }

    /// Records an observation, or a duplicate problem naming both places.
    fn push(&mut self, obs: Observation, column: u64) {
        let key = (obs.indicator, obs.year, obs.member.clone());
        if let Some(&(file, line)) = self.seen.get(&key) {
            let first = &self.files[file];
            let here = &self.files[obs.file];
            let place = if file == obs.file {
                format!("line {line}")
            } else {
                format!("{first}:{line}")
            };
            let member = obs
                .member
                .as_deref()
                .map(|m| format!(", breakdown {m}"))
                .unwrap_or_default();
            let msg = format!(
                "duplicate row for this indicator, year {}{member}: already given at {place}",
                obs.year
            );
            self.problems.push(Diagnostic::at(
                here,
                obs.line,
                column,
                Some("indicator"),
                "duplicate",
                msg,
            ));
        } else {
            self.seen.insert(key, (obs.file, obs.line));
            self.observations.push(obs);
        }
    }

    /// The latest year of any observation.
    pub fn latest_year(&self) -> Option<i32> {
        self.observations.iter().map(|o| o.year).max()
    }
}

fn read_input(path: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
    } else {
        let p = Path::new(path);
        if p.is_dir() {
            anyhow::bail!("cannot read data file {path}: it is a directory");
        }
        bytes = std::fs::read(p).with_context(|| format!("cannot read data file {path}"))?;
    }
    Ok(bytes)
}
