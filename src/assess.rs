//! Areas assessed from the store: each area's series, the kernel's results
//! and summaries ([`Kernel`]) and, when asked for, progress by the
//! methods ([`progress::assess`]). Every command that assesses an area
//! (`report`, `report --area`, each area of `--by area`, `check`) comes
//! through here.

use crate::calc::{Assessment, Kernel, Options};
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
    Assessor::new(resolution, store, options, methods).area(area)
}

/// Assesses one area after another with what they share set up once (the
/// kernel) and the buffer of an area's series reused.
pub struct Assessor<'a> {
    resolution: &'a Resolution,
    store: &'a Store,
    methods: &'a [Method],
    kernel: Kernel<'a>,
    series: AreaSeries,
}

impl<'a> Assessor<'a> {
    /// An assessor by `options`, with progress by `methods` (none: no
    /// progress).
    pub fn new(
        resolution: &'a Resolution,
        store: &'a Store,
        options: &'a Options,
        methods: &'a [Method],
    ) -> Self {
        Assessor {
            resolution,
            store,
            methods,
            kernel: Kernel::new(resolution, store, options),
            series: AreaSeries::default(),
        }
    }

    /// Assesses `area` (`None`: no data at all).
    pub fn area(&mut self, area: Option<AreaId>) -> (Assessment, ProgressReport) {
        match area {
            Some(a) => self.store.series_of(a, &mut self.series),
            None => self.series.clear(),
        }
        let assessment = self.kernel.assess(&self.series);
        let progress = match self.methods {
            [] => ProgressReport::default(),
            _ => progress::assess(
                self.resolution,
                &self.series,
                self.store,
                &assessment,
                self.methods,
            ),
        };
        (assessment, progress)
    }
}
