//! Work shared out over the machine's cores: the one place Opmodel starts threads for a
//! computation (the analysis of a big model, the fixes of every finding). Results never
//! depend on how the work was shared, and when no thread can be started the work is done on
//! the calling thread instead.

/// Runs `a` and `b`, on two threads when `parallel`.
pub fn both<A: Send, B>(
    parallel: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B,
) -> (A, B) {
    if !parallel {
        return (a(), b());
    }
    // Kept where this thread can still reach it, in case no thread can be started.
    let a = std::sync::Mutex::new(Some(a));
    let take = || a.lock().ok().and_then(|mut a| a.take());
    std::thread::scope(|scope| {
        let helper = std::thread::Builder::new().spawn_scoped(scope, || take().map(|a| a()));
        let second = b();
        let first = match helper.map(|helper| helper.join()) {
            Ok(Ok(Some(first))) => first,
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            _ => take()
                .map(|a| a())
                .expect("the work is run here when no thread took it"),
        };
        (first, second)
    })
}

/// `work` done on `items` cut into one share per core, the shares' results joined in the
/// order of the items. Each call of `work` gets a whole share, so that what it sets up (a
/// working copy of a model) is set up once per share rather than once per item.
pub fn in_shares<T: Sync, R: Send>(items: &[T], work: impl Fn(&[T]) -> Vec<R> + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let share = items.len().div_ceil(cores).max(1);
    if items.len() <= share {
        return work(items);
    }
    let work = &work;
    std::thread::scope(|scope| {
        let mut shares = items.chunks(share);
        let first = shares.next().unwrap_or_default();
        let helpers: Vec<_> = shares
            .map(|s| {
                (
                    s,
                    std::thread::Builder::new().spawn_scoped(scope, move || work(s)),
                )
            })
            .collect();
        let mut done = work(first);
        for (s, helper) in helpers {
            match helper.map(|helper| helper.join()) {
                Ok(Ok(more)) => done.extend(more),
                Ok(Err(panic)) => std::panic::resume_unwind(panic),
                // No thread could be started for this share: it is done here.
                Err(_) => done.extend(work(s)),
            }
        }
        done
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_come_back_in_the_order_of_the_items() {
        let items: Vec<u32> = (0..1_001).collect();
        let doubled = in_shares(&items, |share| share.iter().map(|i| i * 2).collect());
        assert_eq!(doubled, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        assert!(in_shares(&[] as &[u32], |share| share.to_vec()).is_empty());
    }

    #[test]
    fn both_gives_each_result_its_place() {
        assert_eq!(both(true, || 1, || "two"), (1, "two"));
        assert_eq!(both(false, || 1, || "two"), (1, "two"));
    }
}
