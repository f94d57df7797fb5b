//! Walking a list the server pages with offset and limit, to the end, for the client-side table:
//! the rows are reported as they arrive, and the walk is cancelled when its future is dropped (the
//! screen was left).
//!
//! Servers are not trusted to be consistent: a page may be shorter than the limit asked for (the
//! server cuts a large limit down), the count a separate call gave may change during the walk or
//! disagree with what the pages hold. So the walk goes on until a page comes back shorter than the
//! longest page seen so far, or empty; and it never asks for more than twice the expected total
//! (plus a page), so a server that ignores the offset cannot keep it going forever.

use super::devices::Progress;
use super::ApiError;
use std::future::Future;

/// Walks every page: `fetch(offset, limit)` answers one page's rows. `total` is what a count
/// call said, if there was one (for progress, and as the bound against runaway servers).
pub async fn walk<T, F, Fut>(
    limit: usize,
    total: Option<usize>,
    mut fetch: F,
    progress: &dyn Progress<T>,
) -> Result<Vec<T>, ApiError>
where
    F: FnMut(usize, usize) -> Fut,
    Fut: Future<Output = Result<Vec<T>, ApiError>>,
{
    let limit = limit.max(1);
    let mut rows: Vec<T> = Vec::with_capacity(total.unwrap_or(0).min(200_000));
    let bound = total.map(|t| t.saturating_mul(2).saturating_add(limit));
    let mut longest = 0;
    loop {
        let page = fetch(rows.len(), limit).await?;
        let n = page.len();
        rows.extend(page);
        // The count may have grown during the walk: never report less than what arrived.
        progress.partial(&rows, total.map(|t| t.max(rows.len())));
        longest = longest.max(n);
        let short = n == 0 || n < longest;
        if short || bound.is_some_and(|b| rows.len() >= b) {
            return Ok(rows);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    struct Seen(RefCell<Reports>);
    impl Progress<u32> for Seen {
        fn partial(&self, rows: &[u32], total: Option<usize>) {
            self.0.borrow_mut().push((rows.len(), total));
        }
    }

    type Page = std::future::Ready<Result<Vec<u32>, ApiError>>;
    /// What the progress was told: (rows so far, total).
    type Reports = Vec<(usize, Option<usize>)>;

    /// A server holding `n` rows that serves at most `max` per page.
    fn server(n: u32, max: usize) -> impl FnMut(usize, usize) -> Page {
        move |offset, limit| {
            let end = (offset + limit.min(max)).min(n as usize);
            std::future::ready(Ok((offset as u32..end as u32).collect()))
        }
    }

    fn run(
        limit: usize,
        total: Option<usize>,
        fetch: impl FnMut(usize, usize) -> Page,
    ) -> (Result<Vec<u32>, ApiError>, Reports) {
        let seen = Seen(RefCell::new(Vec::new()));
        let r = futures::executor::block_on(walk(limit, total, fetch, &seen));
        (r, seen.0.into_inner())
    }

    #[test]
    fn every_row_once_with_progress() {
        let (r, seen) = run(100, Some(250), server(250, 1000));
        assert_eq!(r.unwrap(), (0..250).collect::<Vec<_>>());
        assert_eq!(
            seen,
            vec![(100, Some(250)), (200, Some(250)), (250, Some(250))]
        );
    }

    #[test]
    fn a_limit_cut_down_by_the_server_does_not_end_the_walk() {
        // Asked for 500, the server serves 200 at most: 200-row pages are not the end.
        let (r, seen) = run(500, Some(650), server(650, 200));
        assert_eq!(r.unwrap().len(), 650);
        assert_eq!(seen.len(), 4);
    }

    #[test]
    fn a_total_that_changes_mid_walk_neither_stops_short_nor_loops() {
        // The count said 150 but 300 are there (devices enrolled meanwhile).
        let (r, seen) = run(100, Some(150), server(300, 100));
        assert_eq!(r.unwrap().len(), 300);
        assert_eq!(seen.last(), Some(&(300, Some(300))));
        // The count said 500 but only 120 are left (devices retired meanwhile).
        let (r, _) = run(100, Some(500), server(120, 100));
        assert_eq!(r.unwrap().len(), 120);
        // A list that ends exactly on a page boundary needs one empty page to know it.
        let (r, seen) = run(100, None, server(200, 100));
        assert_eq!(r.unwrap().len(), 200);
        assert_eq!(seen.len(), 3);
    }

    #[test]
    fn a_server_ignoring_the_offset_cannot_loop_forever() {
        let same_page =
            |_: usize, limit: usize| std::future::ready(Ok((0..limit as u32).collect()));
        let (r, _) = run(50, Some(100), same_page);
        assert_eq!(r.unwrap().len(), 250);
    }

    #[test]
    fn an_error_stops_the_walk() {
        let failing = move |offset: usize, _| {
            std::future::ready(if offset == 0 {
                Ok(vec![1, 2])
            } else {
                Err(ApiError::server(503, ""))
            })
        };
        let (r, seen) = run(2, Some(10), failing);
        assert!(r.unwrap_err().is_transient());
        assert_eq!(seen, vec![(2, Some(10))]);
    }
}
