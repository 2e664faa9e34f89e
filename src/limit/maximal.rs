//! The strictest of many requirements, in n·log n: the maximal elements of a set of points
//! under a product of two orders, found by one sort and one sweep instead of comparing every
//! point with every other.
//!
//! Each coordinate of a point is a *tightness* (greater is tighter) and a *class*: `a` holds at
//! least what `b` holds in that coordinate when its tightness is greater or its class is the
//! same (points of equal tightness but different classes are incomparable there, as rounded
//! ends of different rounding intervals are). Equal classes must have equal tightness.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use super::{Bound, Ends};

/// One coordinate of a point: its tightness and its class.
pub(crate) type Coord<T, C> = (T, C);

/// A point: its two coordinates.
pub(crate) type Point<X, C, Y, D> = (Coord<X, C>, Coord<Y, D>);

/// Whether each point is maximal: no other point holds at least what it holds in both
/// coordinates. The points must be distinct (no two with both classes equal); any two
/// distinct points that hold each other in both coordinates would have equal classes.
pub(crate) fn undominated<X, C, Y, D>(points: &[Point<X, C, Y, D>]) -> Vec<bool>
where
    X: Ord,
    C: Ord,
    Y: Ord,
    D: Ord,
{
    let mut order: Vec<usize> = (0..points.len()).collect();
    // Tightest first in x; a class's points together.
    order.sort_by(|&a, &b| match (points.get(a), points.get(b)) {
        (Some(((xa, ca), _)), Some(((xb, cb), _))) => xb.cmp(xa).then_with(|| ca.cmp(cb)),
        _ => std::cmp::Ordering::Equal,
    });
    let mut out = vec![true; points.len()];
    // What the points strictly tighter in x hold in y: the tightest, and every class.
    let mut before_top: Option<&Y> = None;
    let mut before_classes: BTreeSet<&D> = BTreeSet::new();
    let mut start = 0;
    while start < order.len() {
        let x_of = |k: usize| {
            order
                .get(k)
                .and_then(|&i| points.get(i))
                .map(|((x, _), _)| x)
        };
        let mut end = start;
        while end < order.len() && x_of(end) == x_of(start) {
            end += 1;
        }
        let group = order.get(start..end).unwrap_or(&[]);
        // Within the group (equal x), only points of the same x class hold each other in x:
        // the tightest y of each class.
        let mut class_top: BTreeMap<&C, &Y> = BTreeMap::new();
        for &i in group {
            if let Some(((_, c), (y, _))) = points.get(i) {
                let top = class_top.entry(c).or_insert(y);
                if y > *top {
                    *top = y;
                }
            }
        }
        for &i in group {
            let Some(((_, c), (y, d))) = points.get(i) else {
                continue;
            };
            let by_before = before_top.is_some_and(|t| t > y) || before_classes.contains(d);
            let by_class = class_top.get(c).is_some_and(|t| *t > y);
            if by_before || by_class {
                if let Some(flag) = out.get_mut(i) {
                    *flag = false;
                }
            }
        }
        for &i in group {
            if let Some((_, (y, d))) = points.get(i) {
                if before_top.is_none_or(|t| y > t) {
                    before_top = Some(y);
                }
                before_classes.insert(d);
            }
        }
        start = end;
    }
    out
}

/// A lower end as a tightness: absent loosest, then by value, an open end tighter than a
/// closed one at the same value.
pub(crate) type LowerKey = Option<(Decimal, bool)>;
/// An upper end as a tightness: absent loosest, then a smaller value tighter, an open end
/// tighter than a closed one at the same value.
pub(crate) type UpperKey = Option<(Reverse<Decimal>, bool)>;

pub(crate) fn lower_key(b: Option<Bound>) -> LowerKey {
    b.map(|b| (b.value, !b.inclusive))
}

pub(crate) fn upper_key(b: Option<Bound>) -> UpperKey {
    b.map(|b| (Reverse(b.value), !b.inclusive))
}

/// The strictest of `sets` as the engine takes them: the indices, in order, of the sets that
/// no other lies strictly inside, the first of equal ones. Equal to comparing every two sets
/// by [`super::ends_inside`], in n·log n.
pub(crate) fn strictest(sets: &[Ends]) -> Vec<usize> {
    // Equal sets once, at their first index.
    let mut first: BTreeMap<(LowerKey, UpperKey), usize> = BTreeMap::new();
    for (i, (l, u)) in sets.iter().enumerate() {
        first.entry((lower_key(*l), upper_key(*u))).or_insert(i);
    }
    let (keys, index): (Vec<_>, Vec<usize>) = first.into_iter().unzip();
    let points: Vec<_> = keys.into_iter().map(|(l, u)| ((l, l), (u, u))).collect();
    let mut level: Vec<usize> = undominated(&points)
        .into_iter()
        .zip(index)
        .filter_map(|(keep, i)| keep.then_some(i))
        .collect();
    level.sort_unstable();
    level
}

/// Whether tightness `r` determines tightness `k` in order: of two points, the one at least
/// as tight in `r` is at least as tight in `k`. Then holding in `r` implies holding in `k`.
pub(crate) fn determines<R: Ord, K: Ord>(mut pairs: Vec<(R, K)>) -> bool {
    pairs.sort();
    // Sorted by `r`: each group of equal `r` must have one `k`, at least the `k` before it.
    pairs.windows(2).all(|w| match w {
        [(r1, k1), (r2, k2)] => k1 == k2 || (r1 < r2 && k1 < k2),
        _ => true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limit::ends_inside;
    use proptest::prelude::*;

    /// The definition: the sets no other lies strictly inside, the first of equal ones,
    /// comparing every two.
    fn pairwise(sets: &[Ends]) -> Vec<usize> {
        let mut level: Vec<usize> = Vec::new();
        for (k, s) in sets.iter().enumerate() {
            let dominated = sets.iter().any(|o| ends_inside(o, s) && !ends_inside(s, o));
            let duplicate = level
                .iter()
                .any(|&m| sets.get(m).is_some_and(|o| ends_inside(o, s)));
            if !dominated && !duplicate {
                level.push(k);
            }
        }
        level
    }

    fn bound() -> impl Strategy<Value = Option<Bound>> {
        // Few values, so that ties and equal sets are common; 1.0 and 1 are equal values.
        let value = prop_oneof![
            (0i64..5).prop_map(Decimal::from),
            (0i64..5).prop_map(|v| Decimal::new(v * 10, 1)),
        ];
        proptest::option::of(
            (value, any::<bool>()).prop_map(|(value, inclusive)| Bound { value, inclusive }),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn strictest_is_the_pairwise_definition(sets in proptest::collection::vec((bound(), bound()), 0..12)) {
            prop_assert_eq!(strictest(&sets), pairwise(&sets));
        }
    }

    #[test]
    fn an_antichain_is_kept_whole_and_equal_sets_once() {
        let b = |v: i64| {
            Some(Bound {
                value: Decimal::from(v),
                inclusive: true,
            })
        };
        // Overlapping ranges, none inside another: every one is strictest.
        let ranges: Vec<Ends> = (0..1000).map(|i| (b(i), b(i + 1000))).collect();
        assert_eq!(strictest(&ranges), (0..1000).collect::<Vec<_>>());
        // A thousand equal limits: the first.
        let equal: Vec<Ends> = (0..1000).map(|_| (None, b(4))).collect();
        assert_eq!(strictest(&equal), vec![0]);
        // Nested ranges: the innermost.
        let nested: Vec<Ends> = (0..1000).map(|i| (b(i), b(3000 - i))).collect();
        assert_eq!(strictest(&nested), vec![999]);
    }

    #[test]
    fn one_order_determining_another() {
        assert!(determines(vec![(1, 1), (2, 2), (2, 2), (3, 5)]));
        assert!(determines(vec![(3, 7), (1, 0), (2, 0)]));
        // Equal in the first, different in the second.
        assert!(!determines(vec![(1, 1), (1, 0), (2, 1)]));
        assert!(!determines(vec![(1, 2), (2, 1)]));
    }
}
