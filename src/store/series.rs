//! The read side of a store: [`Store::series_of`] fills an [`AreaSeries`]
//! (per indicator and member, the points in ascending years), and the
//! views the calculation reads: [`Series`], [`Figures`], [`Withheld`].

use super::{AreaId, MemberId, NONE, Point, Rolled, Store};

impl Store {
    /// Fills `out` with the series of `area`: per indicator, per member,
    /// the points in ascending years.
    pub fn series_of(&self, area: AreaId, out: &mut AreaSeries) {
        out.clear();
        let Some(block) = self.blocks.get(area as usize) else {
            return;
        };
        for (slot, &(indicator, code)) in block.iter().zip(&self.column_keys) {
            if slot.head == NONE {
                continue;
            }
            let from = out.points.len();
            let rolled = self.rolled_up;
            let mut i = slot.head;
            while let Some(m) = self.meta(i) {
                let year = i32::from(m.year);
                match self.rolled.get(i as usize) {
                    Some(r) if !r.coverage.complete => out.withheld.push(Withheld {
                        indicator: indicator as usize,
                        member: code.checked_sub(1),
                        year,
                        rolled: *r,
                    }),
                    _ => {
                        out.points.push((year, self.value(i)));
                        out.decimals.push(m.decimals());
                        if rolled {
                            out.tags.push(i);
                        }
                    }
                }
                i = m.next;
            }
            // lists run from the latest figure added: usually descending years
            let points = out.points.get_mut(from..).unwrap_or_default();
            let decimals = out.decimals.get_mut(from..).unwrap_or_default();
            let tags = out.tags.get_mut(from..).unwrap_or_default();
            if points.is_sorted_by(|a, b| a.0 > b.0) {
                points.reverse();
                decimals.reverse();
                tags.reverse();
            } else {
                let mut all: Vec<(Point, u8, u32)> = points
                    .iter()
                    .zip(decimals.iter())
                    .enumerate()
                    .map(|(k, (&p, &d))| (p, d, tags.get(k).copied().unwrap_or(NONE)))
                    .collect();
                all.sort_unstable_by_key(|p| p.0.0);
                for (k, (p, d, t)) in all.into_iter().enumerate() {
                    if let Some(to) = points.get_mut(k) {
                        *to = p;
                    }
                    if let Some(to) = decimals.get_mut(k) {
                        *to = d;
                    }
                    if let Some(to) = tags.get_mut(k) {
                        *to = t;
                    }
                }
            }
            out.series.push(Series {
                indicator: indicator as usize,
                member: code.checked_sub(1),
                from,
                to: out.points.len(),
            });
        }
        let key = |s: &Series| (s.indicator, s.member.map_or(0, |m| u64::from(m) + 1));
        if !out.series.is_sorted_by_key(key) {
            out.series.sort_unstable_by_key(key);
        }
    }
}

/// One key's series, as ranges into the points of an [`AreaSeries`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Series {
    /// Index into `Resolution::indicators`.
    pub indicator: usize,
    /// The member, for per-member indicators.
    pub member: Option<MemberId>,
    from: usize,
    to: usize,
}

/// The series of one area, in reused buffers: what the calculation reads.
#[derive(Debug, Default, Clone)]
pub struct AreaSeries {
    series: Vec<Series>,
    points: Vec<Point>,
    /// Per point: the decimals its value was written with (0 to 3).
    decimals: Vec<u8>,
    /// Per point of a store of rolled-up figures: the figure's index in
    /// the store; else empty.
    tags: Vec<u32>,
    /// Rolled-up figures withheld as incomplete: in no series.
    withheld: Vec<Withheld>,
}

/// A rolled-up figure withheld because too few areas gave it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Withheld {
    /// Index into `Resolution::indicators`.
    pub indicator: usize,
    /// The member, for per-member indicators.
    pub member: Option<MemberId>,
    /// Its year.
    pub year: i32,
    /// Its coverage.
    pub rolled: Rolled,
}

/// One series as the kernel reads it.
#[derive(Debug, Clone, Copy)]
pub struct Figures<'a> {
    /// The member, for per-member indicators.
    pub member: Option<MemberId>,
    /// The points in ascending years.
    pub points: &'a [Point],
    /// Per point, the decimals its value was written with.
    pub decimals: &'a [u8],
    /// Per point of a rolled-up store, its index in the store.
    pub tags: &'a [u32],
}

impl AreaSeries {
    /// Empties the series, keeping the buffers.
    pub fn clear(&mut self) {
        self.series.clear();
        self.points.clear();
        self.decimals.clear();
        self.tags.clear();
        self.withheld.clear();
    }

    /// The withheld figures of one indicator.
    pub fn withheld(&self, indicator: usize) -> impl Iterator<Item = &Withheld> {
        self.withheld
            .iter()
            .filter(move |w| w.indicator == indicator)
    }

    /// The series of one indicator, by member (ascending member id; the
    /// series without a member first).
    pub fn of(&self, indicator: usize) -> impl Iterator<Item = (Option<MemberId>, &[Point])> {
        self.of_indicator(indicator)
            .map(|s| (s.member, self.points.get(s.from..s.to).unwrap_or_default()))
    }

    /// [`AreaSeries::of`] with each point's decimals as written and, for
    /// rolled-up figures, its index in the store.
    pub fn figures(&self, indicator: usize) -> impl Iterator<Item = Figures<'_>> {
        self.of_indicator(indicator).map(|s| Figures {
            member: s.member,
            points: self.points.get(s.from..s.to).unwrap_or_default(),
            decimals: self.decimals.get(s.from..s.to).unwrap_or_default(),
            tags: self.tags.get(s.from..s.to).unwrap_or_default(),
        })
    }

    fn of_indicator(&self, indicator: usize) -> impl Iterator<Item = &Series> {
        let start = self.series.partition_point(|s| s.indicator < indicator);
        self.series
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(move |s| s.indicator == indicator)
    }

    /// Builds a series by hand (tests, and figures computed elsewhere):
    /// `points` must be in ascending years.
    pub fn push(&mut self, indicator: usize, member: Option<MemberId>, points: &[Point]) {
        let from = self.points.len();
        self.points.extend_from_slice(points);
        self.decimals.resize(self.points.len(), 1);
        self.series.push(Series {
            indicator,
            member,
            from,
            to: self.points.len(),
        });
        self.series
            .sort_by_key(|s| (s.indicator, s.member.map_or(0, |m| u64::from(m) + 1)));
    }

    /// The latest year of any point.
    pub fn max_year(&self) -> Option<i32> {
        self.points.iter().map(|p| p.0).max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Place;

    fn at(line: u32) -> Place {
        Place { file: 0, line }
    }

    #[test]
    fn series_come_back_per_indicator_and_member_in_year_order() {
        let mut s = Store::new(2017);
        let a = s.area("A").unwrap();
        let m = s.member("x").unwrap();
        s.add(a, 2, None, 2024, (3.0, 0), at(2)).unwrap();
        s.add(a, 1, Some(m), 2023, (5.0, 0), at(3)).unwrap();
        s.add(a, 2, None, 2022, (1.0, 0), at(4)).unwrap();
        let mut out = AreaSeries::default();
        s.series_of(a, &mut out);
        let two: Vec<_> = out.of(2).collect();
        assert_eq!(two, vec![(None, &[(2022, 1.0), (2024, 3.0)][..])]);
        let one: Vec<_> = out.of(1).collect();
        assert_eq!(one, vec![(Some(m), &[(2023, 5.0)][..])]);
        assert_eq!(out.of(0).count(), 0);
    }
}
