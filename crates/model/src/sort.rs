//! One small stable sort for the whole model.
//!
//! The standard library's sorts are fast, but each element type gets its own copy of several
//! kilobytes of code, and the bundle had five of them. Here the sorting itself is one
//! function, `order`, a bottom-up merge sort of positions that compares through a `dyn`
//! closure; each element type adds only an insertion sort for short lists and the few
//! instructions of `permute`. Lists of up to 16 elements are sorted in place by insertion,
//! without allocating. The model sorts short lists (nodes, one slot's keys, at most 16384
//! slots), so the indirect calls cost nothing that shows. `clippy.toml` at the workspace root
//! refuses the standard library's sorts in the model and the app.

/// Up to this length, [`sort_by`] sorts in place by insertion.
const SHORT: usize = 16;

/// Sorts `v` stably, smallest first, by `less` (a strict "comes before").
pub fn sort_by<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    // Most lists here are short (a node's open slots, one slot's keys in a step): an
    // insertion sort in place, with no allocation, for those.
    if v.len() <= SHORT {
        for i in 1..v.len() {
            let mut j = i;
            while j > 0 && less(&v[j], &v[j - 1]) {
                v.swap(j, j - 1);
                j -= 1;
            }
        }
        return;
    }
    let idx = order(v.len(), &|a, b| less(&v[a], &v[b]));
    permute(v, idx);
}

/// Sorts `v` stably in ascending order.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, |a, b| a < b);
}

/// Sorts `v` stably by the key `key` gives, ascending.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a) < key(b));
}

/// The positions `0..n` in sorted order: `order(..)[k]` is the position of the element that
/// belongs at `k`. Equal elements keep their order.
fn order(n: usize, less: &dyn Fn(usize, usize) -> bool) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    let mut buf = idx.clone();
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            for slot in &mut buf[start..end] {
                // Take from the right run only when it is strictly smaller: stable.
                if j < end && (i >= mid || less(idx[j], idx[i])) {
                    *slot = idx[j];
                    j += 1;
                } else {
                    *slot = idx[i];
                    i += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut idx, &mut buf);
        width *= 2;
    }
    idx
}

/// Moves `v[idx[k]]` to `k` for every `k`, one cycle of the permutation at a time.
fn permute<T>(v: &mut [T], mut idx: Vec<usize>) {
    for start in 0..idx.len() {
        let mut at = start;
        loop {
            let from = idx[at];
            idx[at] = at;
            // Back at the start: the cycle is closed (or `start` was already in place).
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator for the tests.
    fn numbers(seed: u64, n: usize, modulo: u64) -> Vec<u64> {
        let mut x = seed;
        (0..n)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (x >> 33) % modulo
            })
            .collect()
    }

    #[test]
    fn sorts_like_the_standard_library_and_is_stable() {
        for n in [0, 1, 2, 3, 5, 8, 17, 64, 100, 1000, 4097] {
            for modulo in [2, 7, 1_000_000] {
                // Pairs (value, original position): stability shows in the positions.
                let mut ours: Vec<(u64, usize)> = numbers(n as u64 + modulo, n, modulo)
                    .into_iter()
                    .enumerate()
                    .map(|(i, x)| (x, i))
                    .collect();
                let mut std_sorted = ours.clone();
                std_sorted.sort_by_key(|e| e.0);
                sort_by_key(&mut ours, |e| e.0);
                assert_eq!(ours, std_sorted, "n={n} modulo={modulo}");
            }
        }
    }

    #[test]
    fn sorts_strings_and_reversed_keys() {
        let mut words = vec!["migrate", "asking", "cluster", "get", "asking"];
        sort(&mut words);
        assert_eq!(words, ["asking", "asking", "cluster", "get", "migrate"]);
        let mut by_len = vec![(1, "ab"), (2, "abc"), (3, "a"), (4, "abc")];
        sort_by_key(&mut by_len, |e| std::cmp::Reverse(e.1.len()));
        assert_eq!(by_len, [(2, "abc"), (4, "abc"), (1, "ab"), (3, "a")]);
    }
}
