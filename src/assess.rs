//! One area assessed from the store: its series, the kernel's results and
//! summaries ([`calc::assess`]) and, when asked for, progress by the
//! methods ([`progress::assess`]). Every command that assesses an area
//! (`report`, `report --area`, each area of `--by area`, `check`) comes
//! through here.

use crate::calc::{self, Assessment, Options};
use crate::progress::{self, Method, ProgressReport};
use crate::store::{AreaId, AreaSeries, Store};
use crate::targets::Resolution;

/// Assesses `area` (`None`: no data at all) by the kernel, and progress by
/// `methods` (none: no progress is computed).
pub fn area(
    resolution: &Resolution,
    store: &Store,
    area: Option<AreaId>,
    options: &Options,
    methods: &[Method],
) -> (Assessment, ProgressReport) {
    let mut series = AreaSeries::default();
    if let Some(a) = area {
        store.series_of(a, &mut series);
    }
    let assessment = calc::assess(resolution, &series, store, options);
    let progress = match methods {
        [] => ProgressReport::default(),
        _ => progress::assess(resolution, &series, store, &assessment, methods),
    };
    (assessment, progress)
}
