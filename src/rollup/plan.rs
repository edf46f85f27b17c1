//! Which parents a roll-up computes, and for every area of the areas file
//! the parents its figures count for.

use std::sync::Arc;

use crate::hierarchy::{Hierarchy, UnitId};

/// The parents asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parents {
    /// Every area of this level (`--roll-up LEVEL`).
    Level(u16),
    /// One area, whatever its level (`--area CODE`).
    Area(UnitId),
}

/// A roll-up's fixed part, shared by the threads that read.
#[derive(Debug)]
pub struct Plan {
    /// The areas file.
    pub hierarchy: Arc<Hierarchy>,
    /// The parents asked for.
    pub parents: Parents,
    /// The share of its areas (0 to 1) below which a parent's figure is
    /// withheld as incomplete.
    pub min_coverage: f64,
    /// Per unit, `offsets[u]..offsets[u + 1]` in `targets`: the parents its
    /// figures count for (itself, if it is one).
    offsets: Vec<u32>,
    targets: Vec<UnitId>,
}

impl Plan {
    /// The plan for `parents`.
    pub fn new(hierarchy: Arc<Hierarchy>, parents: Parents, min_coverage: f64) -> Plan {
        let mut offsets = Vec::with_capacity(hierarchy.units.len() + 1);
        let mut targets = Vec::new();
        offsets.push(0);
        for u in 0..hierarchy.units.len() as UnitId {
            targets.extend(hierarchy.walk(u).filter(|&p| match parents {
                Parents::Area(a) => p == a,
                Parents::Level(l) => hierarchy.unit(p).is_some_and(|x| x.level == Some(l)),
            }));
            offsets.push(targets.len() as u32);
        }
        Plan {
            hierarchy,
            parents,
            min_coverage,
            offsets,
            targets,
        }
    }

    /// The parents the figures of `unit` count for.
    pub fn parents_of(&self, unit: UnitId) -> &[UnitId] {
        let at = |i: usize| self.offsets.get(i).copied().unwrap_or(0) as usize;
        let u = unit as usize;
        self.targets.get(at(u)..at(u + 1)).unwrap_or_default()
    }
}
