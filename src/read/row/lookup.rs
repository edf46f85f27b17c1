//! The checker's lookups, each behind a small cache (rows come grouped):
//! indicator ids, members of a breakdown, areas in the store, and units
//! of the areas file in force in a year.

use super::Checker;
use crate::hierarchy::UnitId;
use crate::msg::Problem;
use crate::read::field::{self, Member};
use crate::store::{AreaId, MemberId, Store};

impl Checker<'_> {
    /// The unit of area `name` in the areas file, checked to be in force in
    /// `year`; `Ok(None)` without an areas file.
    pub(super) fn unit(&mut self, name: &str, year: i32) -> Result<Option<UnitId>, Problem> {
        let Some(h) = &self.areas else {
            return Ok(None);
        };
        let unit = match &self.last_unit {
            Some((last, unit)) if last == name => *unit,
            _ => {
                let unit = h.find(name);
                self.last_unit = Some((name.to_string(), unit));
                unit
            }
        };
        let Some(id) = unit else {
            return Err(Problem::AreaNotListed {
                area: name.to_string(),
                areas_file: h.file.to_string(),
            });
        };
        match h.unit(id) {
            Some(u) if !u.in_force(year) => Err(Problem::AreaNotInForce {
                area: h.label(id),
                year,
                from: u.from.filter(|f| f.year > year).map(|f| f.to_string()),
                to: u
                    .to
                    .filter(|t| t.year <= year)
                    .map(|t| (t.to_string(), u.parent.map(|p| h.label(p)))),
            }),
            _ => Ok(Some(id)),
        }
    }

    /// The index of the indicator with this id, or the problem with the
    /// nearest known id as a hint.
    pub(super) fn indicator(&mut self, id: &str) -> Result<usize, Problem> {
        if let Some(i) = self.last_indicator
            && self
                .resolution
                .indicators
                .get(i)
                .is_some_and(|ind| ind.id == id)
        {
            return Ok(i);
        }
        if let Some(i) = self.resolution.indicator(id) {
            self.last_indicator = Some(i);
            return Ok(i);
        }
        let near = match self.hints.get(id) {
            Some(near) => near.clone(),
            None => {
                let near = field::nearest_indicator(id, self.resolution);
                if self.hints.len() < 10_000 {
                    self.hints.insert(id.into(), near.clone());
                }
                near
            }
        };
        Err(Problem::UnknownIndicator {
            id: id.to_string(),
            near,
        })
    }

    /// The member a breakdown names, checked once per (indicator, spelling).
    pub(super) fn member(
        &mut self,
        indicator: usize,
        breakdown: &str,
        store: &mut Store,
    ) -> Result<Option<MemberId>, Problem> {
        if let Some((i, b, id)) = &self.last_member
            && *i == indicator
            && b == breakdown
        {
            return Ok(Some(*id));
        }
        if let Some(&id) = self.members.get(indicator).and_then(|m| m.get(breakdown)) {
            remember(&mut self.last_member, (indicator, breakdown, id));
            return Ok(Some(id));
        }
        let Some(ind) = self.resolution.indicators.get(indicator) else {
            return Ok(None);
        };
        let id = match field::member(ind, breakdown)? {
            Member::None => return Ok(None),
            Member::Declared(k) => ind.members.get(k).and_then(|m| store.member(m)),
            Member::Free(name) => store.member(name),
        };
        let Some(id) = id else { return Ok(None) };
        if let Some(m) = self.members.get_mut(indicator) {
            m.insert(breakdown.into(), id);
        }
        remember(&mut self.last_member, (indicator, breakdown, id));
        Ok(Some(id))
    }

    /// The id of an area, remembering the last one.
    pub(super) fn area(&mut self, name: &str, store: &mut Store) -> Option<AreaId> {
        if let Some((last, id)) = &self.last_area
            && last == name
        {
            return Some(*id);
        }
        let id = store.area(name)?;
        match &mut self.last_area {
            Some((last, last_id)) => {
                last.clear();
                last.push_str(name);
                *last_id = id;
            }
            None => self.last_area = Some((name.to_string(), id)),
        }
        Some(id)
    }
}

/// Keeps the last member looked up, reusing its buffer.
fn remember(
    last: &mut Option<(usize, String, MemberId)>,
    (indicator, breakdown, id): (usize, &str, MemberId),
) {
    match last {
        Some((i, b, m)) => {
            *i = indicator;
            b.clear();
            b.push_str(breakdown);
            *m = id;
        }
        None => *last = Some((indicator, breakdown.to_string(), id)),
    }
}
