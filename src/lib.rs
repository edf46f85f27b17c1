//! dtcalc: attainment of digital-transformation targets.
//!
//! Data flows one way: `cli -> cmd -> (targets, actuals) -> calc -> report`.
//! The library exposes every stage so tests, benches and fuzz targets can
//! call them directly.

pub mod assess;
pub mod calc;
pub mod cli;
pub mod cmd;
pub mod diagnostic;
pub mod exit;
pub mod hierarchy;
pub mod lang;
pub mod msg;
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
