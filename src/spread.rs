//! Work on every area spread over the machine's cores: the areas are cut
//! into one run of consecutive ids per core, each run is worked on by its
//! own thread with its own state, and the results come back in area
//! order, the same as on one core.

use std::ops::Range;

/// Below this many items, one thread: starting another costs more.
const ALONE: usize = 512;

/// The most threads used.
const MOST: usize = 8;

/// `work` over `0..n` cut into runs, one per core, results in order.
/// `work` gets a run of item numbers and returns one result per item.
pub fn runs<T: Send>(n: usize, work: impl Fn(Range<usize>) -> Vec<T> + Sync) -> Vec<T> {
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get().min(MOST));
    let threads = match n < ALONE {
        true => 1,
        false => cores,
    };
    if threads <= 1 {
        return work(0..n);
    }
    let per = n.div_ceil(threads);
    let cut = |k: usize| (k * per).min(n)..((k + 1) * per).min(n);
    std::thread::scope(|scope| {
        let work = &work;
        let later: Vec<_> = (1..threads)
            .map(|k| scope.spawn(move || work(cut(k))))
            .collect();
        let mut all = work(cut(0));
        for handle in later {
            match handle.join() {
                Ok(mut part) => all.append(&mut part),
                // a panic in a run is a panic here, as on one thread
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    })
}

#[cfg(test)]
mod tests {
    use super::runs;

    #[test]
    fn results_come_back_in_order_whatever_the_cut() {
        for n in [0, 1, 511, 512, 513, 10_601] {
            let got = runs(n, |r| r.map(|i| i * 2).collect());
            let want: Vec<usize> = (0..n).map(|i| i * 2).collect();
            assert_eq!(got, want, "n = {n}");
        }
    }
}
