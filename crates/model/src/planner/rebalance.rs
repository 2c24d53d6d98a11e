//! `redis-cli --cluster rebalance`: even out slots by weight, with its 2% threshold.

use super::reshard::reshard_table;
use super::{Plan, PlanError};
use crate::node_id::NodeIdx;

/// Options of a rebalance.
#[derive(Clone, Debug, PartialEq)]
pub struct RebalanceOptions {
    /// Per-node weights (default 1).
    pub weights: Vec<(NodeIdx, f32)>,
    /// The threshold in percent (default 2).
    pub threshold: f32,
    /// Give slots to masters that have none (`--cluster-use-empty-masters`).
    pub use_empty_masters: bool,
}

impl Default for RebalanceOptions {
    fn default() -> Self {
        RebalanceOptions {
            weights: Vec::new(),
            threshold: 2.0,
            use_empty_masters: false,
        }
    }
}

/// Plans a rebalance. When every node is within the threshold, the plan is a comment with
/// redis-cli's no-op message.
pub fn rebalance(plan: &mut Plan, opts: &RebalanceOptions) -> Result<(), PlanError> {
    plan.check()?;
    let mut involved: Vec<(NodeIdx, f32, i64)> = Vec::new(); // node, weight, balance
    let mut total_weight = 0.0f32;
    for m in plan.masters() {
        let count = plan.slots_of(m).len();
        let weight = opts
            .weights
            .iter()
            .find(|(n, _)| *n == m)
            .map_or(1.0, |(_, w)| *w);
        if (!opts.use_empty_masters && count == 0) || weight == 0.0 {
            continue;
        }
        total_weight += weight;
        involved.push((m, weight, 0));
    }
    if involved.len() < 2 || total_weight <= 0.0 {
        return Err(PlanError(
            "*** No enough nodes involved in rebalancing".into(),
        ));
    }
    let mut threshold_reached = false;
    let mut total_balance: i64 = 0;
    for entry in involved.iter_mut() {
        let count = plan.slots_of(entry.0).len() as i64;
        let expected = (crate::slot::SLOT_COUNT as f32 / total_weight * entry.1) as i64;
        entry.2 = count - expected;
        total_balance += entry.2;
        let over = if count > 0 {
            (100.0 - 100.0 * expected as f64 / count as f64).abs() > f64::from(opts.threshold)
        } else {
            expected > 1
        };
        threshold_reached |= over && opts.threshold > 0.0;
    }
    if !threshold_reached {
        plan.comment(&format!(
            "*** No rebalancing needed! All nodes are within the {}% threshold.",
            super::two_decimals(f64::from(opts.threshold))
        ));
        return Ok(());
    }
    while total_balance > 0 {
        for entry in involved.iter_mut() {
            if entry.2 <= 0 && total_balance > 0 {
                entry.2 -= 1;
                total_balance -= 1;
            }
        }
    }
    crate::sort::sort_by_key(&mut involved, |e| e.2);
    let (mut dst, mut src) = (0usize, involved.len() - 1);
    while dst < src {
        let numslots = involved[dst].2.abs().min(involved[src].2.abs());
        if numslots > 0 {
            let (to, from) = (involved[dst].0, involved[src].0);
            plan.comment(&format!(
                "Moving {numslots} slots from {} to {}",
                plan.name(from),
                plan.name(to)
            ));
            let table = reshard_table(plan, &[from], numslots as usize);
            if table.len() as i64 != numslots {
                return Err(PlanError(
                    "*** Assertion failed: Reshard table != number of slots".into(),
                ));
            }
            for (source, slot) in table {
                plan.move_slot(source, to, slot)?;
            }
        }
        involved[dst].2 += numslots;
        involved[src].2 -= numslots;
        if involved[dst].2 == 0 {
            dst += 1;
        }
        if involved[src].2 == 0 {
            src = src.saturating_sub(1);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::planner::{ratio_two_decimals, two_decimals};

    #[test]
    fn two_decimals_like_printf() {
        assert_eq!(two_decimals(2.0), "2.00");
        assert_eq!(two_decimals(0.5), "0.50");
        assert_eq!(two_decimals(0.125), "0.12");
        assert_eq!(two_decimals(f64::from(0.1f32)), "0.10");
        assert_eq!(ratio_two_decimals(0, 16384), "0.00");
        assert_eq!(
            ratio_two_decimals(31_747, 16384),
            format!("{:.2}", 31_747.0 / 16384.0)
        );
        for keys in (0..200_000).step_by(97) {
            assert_eq!(
                ratio_two_decimals(keys, 16384),
                format!("{:.2}", keys as f64 / 16384.0)
            );
        }
    }
}
