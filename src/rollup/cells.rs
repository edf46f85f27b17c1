//! The sums a roll-up needs, per parent, indicator, member and year, added
//! to as rows are read: memory grows with parents, never with rows.
//!
//! Sums are kept exactly, in billionths ([`Sum`]), so that they do not
//! depend on the order rows are added in: a file read on two threads gives
//! the same figures as on one.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::plan::Plan;
use crate::hierarchy::UnitId;
use crate::store::MemberId;

/// (parent, indicator, member code (0: none, else id + 1), year).
pub type Key = (UnitId, u32, u32, i32);

/// What the areas under one parent gave for one indicator, member and year.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Cell {
    /// Areas that gave a figure.
    pub areas: u32,
    /// Of those, areas that gave a numerator and a denominator; the sums.
    pub with_parts: u32,
    pub numerator: Sum,
    pub denominator: Sum,
    /// Sum of denominator x value over the areas with parts.
    pub by_denominator: Sum,
    /// Areas that gave a weight; sum of weights, sum of weight x value.
    pub with_weight: u32,
    pub weights: Sum,
    pub weighted: Sum,
    /// Sum of the values.
    pub sum: Sum,
    /// Areas that gave only a denominator, and its sum.
    pub known: u32,
    pub known_denominator: Sum,
    /// The most decimals a value was written with.
    pub decimals: u8,
    /// The first area that gave anything, and an area of another level
    /// that gave something too (a figure counted twice).
    pub first: Option<UnitId>,
    pub other_level: Option<UnitId>,
}

/// A sum of numbers in billionths: exact, so its result does not depend on
/// the order of its terms. A whole number is taken exactly; any other to
/// the nearest billionth.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sum(i128);

/// Billionths in one.
const SCALE: i128 = 1_000_000_000;

impl Sum {
    /// Adds `x` (finite).
    pub fn add(&mut self, x: f64) {
        // Through i64 where it fits, rounding by hand: conversions the
        // processor does, where `fract` and `round` are library calls. Half
        // a billionth goes away from zero, as `round` does (a sum a
        // billionth apart in rare ties, the same in any order).
        const FITS: f64 = 9.0e18;
        let term = if x.abs() < FITS && (x as i64) as f64 == x {
            i128::from(x as i64) * SCALE
        } else {
            let scaled = x * SCALE as f64;
            match scaled.abs() < FITS {
                true => i128::from((scaled + 0.5f64.copysign(scaled)) as i64),
                false => scaled.round() as i128,
            }
        };
        self.0 = self.0.saturating_add(term);
    }

    /// The sum.
    pub fn get(self) -> f64 {
        let (whole, rest) = (self.0 / SCALE, self.0 % SCALE);
        whole as f64 + rest as f64 / SCALE as f64
    }

    fn plus(self, other: Sum) -> Sum {
        Sum(self.0.saturating_add(other.0))
    }
}

/// One area's figure, as the cells take it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Given {
    pub value: f64,
    pub decimals: u8,
    pub fraction: Option<(f64, f64)>,
    pub weight: Option<f64>,
}

/// The sums of a roll-up.
#[derive(Debug)]
pub struct Cells {
    plan: Arc<Plan>,
    table: Table,
}

/// The cells of a roll-up, by key.
#[derive(Debug, Default)]
struct Table {
    /// Where each key's cell is in `cells`.
    index: FxHashMap<Key, usize>,
    /// The cells, in the order their keys were first seen.
    cells: Vec<(Key, Cell)>,
    /// For the n-th parent of a row, the cell after the one the last row
    /// went to: the areas under a parent are written in the same order of
    /// indicator, member and year, so the next row's cell is usually that
    /// one, found without hashing and next to the last in memory.
    next: [usize; GUESSED],
}

/// The parents of a row whose next cell is guessed.
const GUESSED: usize = 4;

impl Cells {
    /// No sums yet, for `plan`.
    pub fn new(plan: Arc<Plan>) -> Cells {
        Cells {
            plan,
            table: Table::default(),
        }
    }

    /// Empty cells for the same plan (the second half of a file).
    pub fn empty_like(&self) -> Cells {
        Cells::new(Arc::clone(&self.plan))
    }

    /// The plan.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Every key, in no particular order.
    pub fn keys(&self) -> impl Iterator<Item = Key> + '_ {
        self.table.cells.iter().map(|&(k, _)| k)
    }

    /// The cell of a key.
    pub fn get(&self, key: &Key) -> Option<&Cell> {
        let &i = self.table.index.get(key)?;
        self.table.cells.get(i).map(|(_, c)| c)
    }

    /// Adds a figure of `unit` to every parent it counts for.
    pub fn figure(
        &mut self,
        unit: UnitId,
        (indicator, member, year): (usize, Option<MemberId>, i32),
        given: Given,
    ) {
        let products = given.fraction.map(|(_, d)| d * given.value);
        let weighted = given.weight.map(|w| w * given.value);
        for (nth, &parent) in self.plan.parents_of(unit).iter().enumerate() {
            let key = (parent, indicator, member, year);
            let cell = self.table.cell(&self.plan, nth, key, unit);
            cell.areas += 1;
            cell.sum.add(given.value);
            cell.decimals = cell.decimals.max(given.decimals);
            if let (Some((n, d)), Some(dv)) = (given.fraction, products) {
                cell.with_parts += 1;
                cell.numerator.add(n);
                cell.denominator.add(d);
                cell.by_denominator.add(dv);
            }
            if let (Some(w), Some(wv)) = (given.weight, weighted) {
                cell.with_weight += 1;
                cell.weights.add(w);
                cell.weighted.add(wv);
            }
        }
    }

    /// Adds a denominator given without a figure.
    pub fn known(
        &mut self,
        unit: UnitId,
        (indicator, member, year): (usize, Option<MemberId>, i32),
        denominator: f64,
    ) {
        for (nth, &parent) in self.plan.parents_of(unit).iter().enumerate() {
            let key = (parent, indicator, member, year);
            let cell = self.table.cell(&self.plan, nth, key, unit);
            cell.known += 1;
            cell.known_denominator.add(denominator);
        }
    }

    /// Adds a weighted figure computed after reading (a weight that is
    /// another indicator's figure).
    pub fn weighted(
        &mut self,
        unit: UnitId,
        (indicator, member, year): (usize, Option<MemberId>, i32),
        (value, weight): (f64, f64),
    ) {
        for (nth, &parent) in self.plan.parents_of(unit).iter().enumerate() {
            let key = (parent, indicator, member, year);
            let cell = self.table.cell(&self.plan, nth, key, unit);
            cell.with_weight += 1;
            cell.weights.add(weight);
            cell.weighted.add(weight * value);
        }
    }

    /// Forgets the weights a `weight` column gave `indicator`, whose
    /// weight is another indicator's figure instead.
    pub fn forget_weights(&mut self, indicator: usize) {
        for (key, cell) in &mut self.table.cells {
            if key.1 as usize == indicator {
                cell.with_weight = 0;
                cell.weights = Sum::default();
                cell.weighted = Sum::default();
            }
        }
    }

    /// Adds the sums of `later` (read from the second half of a file, with
    /// its own member ids, which `member` maps to this side's).
    pub fn absorb(&mut self, later: Cells, member: impl Fn(MemberId) -> Option<MemberId>) {
        for ((parent, indicator, code, year), c) in later.table.cells {
            let code = match code {
                0 => 0,
                c => member(c - 1).map_or(0, |m| m + 1),
            };
            let mine = self.table.slot((parent, indicator, code, year));
            let first = mine.first;
            let mut other = mine.other_level;
            if let (Some(a), Some(b)) = (first, c.first) {
                let level = |u: UnitId| self.plan.hierarchy.unit(u).map(|x| x.level);
                if other.is_none() && level(a) != level(b) {
                    other = Some(b);
                }
            }
            *mine = Cell {
                areas: mine.areas + c.areas,
                with_parts: mine.with_parts + c.with_parts,
                numerator: mine.numerator.plus(c.numerator),
                denominator: mine.denominator.plus(c.denominator),
                by_denominator: mine.by_denominator.plus(c.by_denominator),
                with_weight: mine.with_weight + c.with_weight,
                weights: mine.weights.plus(c.weights),
                weighted: mine.weighted.plus(c.weighted),
                sum: mine.sum.plus(c.sum),
                known: mine.known + c.known,
                known_denominator: mine.known_denominator.plus(c.known_denominator),
                decimals: mine.decimals.max(c.decimals),
                first: first.or(c.first),
                other_level: other.or(c.other_level),
            };
        }
    }
}

impl Table {
    /// Where the cell of `key` is, a new one if it has none.
    fn at(&mut self, key: Key) -> usize {
        let Table { index, cells, .. } = self;
        *index.entry(key).or_insert_with(|| {
            cells.push((key, Cell::default()));
            cells.len() - 1
        })
    }

    /// The cell of `key`, a new one if it has none.
    fn slot(&mut self, key: Key) -> &mut Cell {
        let at = self.at(key);
        &mut self.cells[at].1
    }

    /// The cell of the `nth` parent of a row, `parent`, for (indicator,
    /// member, year), noting `unit` as an area that gave something to it.
    fn cell(
        &mut self,
        plan: &Plan,
        nth: usize,
        (parent, indicator, member, year): (UnitId, usize, Option<MemberId>, i32),
        unit: UnitId,
    ) -> &mut Cell {
        let key = (parent, indicator as u32, member.map_or(0, |m| m + 1), year);
        let guess = self.next.get(nth).map_or(usize::MAX, |&g| g);
        let at = match self.cells.get(guess) {
            Some((k, _)) if *k == key => guess,
            _ => self.at(key),
        };
        if let Some(n) = self.next.get_mut(nth) {
            *n = at + 1;
        }
        let cell = &mut self.cells[at].1;
        match cell.first {
            None => cell.first = Some(unit),
            Some(first) if cell.other_level.is_none() && first != unit => {
                let level = |u: UnitId| plan.hierarchy.unit(u).map(|x| x.level);
                if level(first) != level(unit) {
                    cell.other_level = Some(unit);
                }
            }
            Some(_) => {}
        }
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_are_exact_whatever_the_order() {
        // 0.1 + 0.2 + 0.3 in floating point depends on the order; in
        // billionths it is 600,000,000 either way
        let terms = [0.1, 0.2, 0.3, 1e15, -1e15, 12.345];
        let mut a = Sum::default();
        let mut b = Sum::default();
        for t in terms {
            a.add(t);
        }
        for t in terms.iter().rev() {
            b.add(*t);
        }
        assert_eq!(a, b);
        assert_eq!(a.get(), 12.945);
        // whole numbers beyond 2^53 / 1e9 are still exact
        let mut big = Sum::default();
        big.add(98_765_432_101.0);
        big.add(1.0);
        assert_eq!(big.get(), 98_765_432_102.0);
    }
}
