//! dtcalc: attainment of digital-transformation targets.
//!
//! Data flows one way: `cli -> cmd -> (targets, read -> store [-> rollup])
//! -> assess/calc/progress -> report`. The library exposes every stage so
//! tests, benches and fuzz targets can call them directly.
//!
//! The module map:
//! - [`cli`]: the command line (clap); [`cmd`]: one short script per
//!   subcommand calling the stages; [`exit`]: exit codes.
//! - [`targets`]: the resolution read from TOML, checked with file, line
//!   and column; [`hierarchy`]: the areas of an areas file.
//! - [`read`]: the one streaming reader of data files (CSV dialects,
//!   workbooks) and its row checks; [`store`]: the figures read, one
//!   series per area, indicator and member; [`rollup`]: parents' figures
//!   from the areas they hold.
//! - [`assess`]: one area after another through the kernel [`calc`]
//!   (attainment, gap, status, summaries, ranks) and [`progress`]
//!   (progress over time); [`spread`]: areas on every core.
//! - [`report`]: one renderer per output format; [`validate`]: the
//!   problems `dtcalc validate` prints; [`template`]: the data-entry sheet.
//! - [`msg`]: every message and label in both languages; [`lang`]: the
//!   language and number style; [`diagnostic`]: a located problem;
//!   [`names`]: how names compare; [`number`]: computed numbers kept to 9
//!   decimals.

pub mod assess;
pub mod calc;
pub mod cli;
pub mod cmd;
pub mod diagnostic;
pub mod exit;
pub mod hierarchy;
pub mod lang;
pub mod msg;
pub mod names;
pub mod number;
pub mod progress;
pub mod read;
pub mod report;
pub mod rollup;
pub mod spread;
pub mod store;
pub mod targets;
pub mod template;
pub mod validate;
