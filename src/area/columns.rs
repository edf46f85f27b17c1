//! The header of a `--by area` data file: the general reader's columns
//! ([`crate::actuals::row::Columns`], same names, same header problems) plus
//! the field the fast path reads for each role.

use crate::actuals::row;

/// Roles of the columns the calculation reads, as indices into a row's
/// field array.
pub const AREA: usize = 0;
pub const INDICATOR: usize = 1;
pub const YEAR: usize = 2;
pub const VALUE: usize = 3;
pub const BREAKDOWN: usize = 4;
pub const UNIT: usize = 5;
/// Number of roles.
pub const ROLES: usize = 6;

/// Where the known columns are in a file's header.
#[derive(Debug)]
pub struct Columns {
    /// The general reader's view of the header (its row checks use it).
    pub general: row::Columns,
    /// Per role: its field index.
    pub index: [Option<usize>; ROLES],
}

impl Columns {
    /// The roles of the general reader's columns.
    pub fn new(general: row::Columns) -> Columns {
        let index = [
            general.area,
            Some(general.indicator),
            Some(general.year),
            Some(general.value),
            general.breakdown,
            general.unit,
        ];
        Columns { general, index }
    }

    /// The field index of a role.
    pub fn of(&self, role: usize) -> Option<usize> {
        self.index.get(role).copied().flatten()
    }

    /// Number of fields in the header.
    pub fn width(&self) -> usize {
        self.general.names.len()
    }
}
