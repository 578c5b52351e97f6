//! Building one large vector on all cores without copying it: each piece
//! of work writes its values into its own stretch of a vector allocated
//! once. The places table is the knowledge base's largest allocation, and
//! on a fresh process every page of a copy costs a page fault.

/// Runs `work` on every piece, each on its own thread, and returns the
/// values it emits in piece order, with what each piece's work returned.
/// A piece emits at most `bound` values (its second field); the slots it
/// leaves unused are removed after.
pub(crate) fn fill_in_order<P: Send, T: Send, R: Send, E: Send>(
    pieces: Vec<(P, usize)>,
    blank: impl Fn() -> T,
    work: impl Fn(P, &mut dyn FnMut(T)) -> Result<R, E> + Sync,
) -> Result<(Vec<T>, Vec<R>), E> {
    let bounds: Vec<usize> = pieces.iter().map(|p| p.1).collect();
    let mut out: Vec<T> = Vec::new();
    out.resize_with(bounds.iter().sum(), blank);
    let mut stretches = Vec::with_capacity(pieces.len());
    let mut rest = out.as_mut_slice();
    for &n in &bounds {
        let (stretch, tail) = rest.split_at_mut(n);
        stretches.push(stretch);
        rest = tail;
    }
    let work = &work;
    let results: Vec<Result<(usize, R), E>> = std::thread::scope(|s| {
        let handles: Vec<_> = pieces
            .into_iter()
            .zip(stretches)
            .map(|((piece, _), stretch)| {
                s.spawn(move || {
                    let mut written = 0;
                    let r = work(piece, &mut |v| {
                        stretch[written] = v; // a piece giving more than its bound is a bug
                        written += 1;
                    })?;
                    Ok((written, r))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("worker thread"))
            .collect()
    });
    let (counts, returned): (Vec<usize>, Vec<R>) = results
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .unzip();
    // drop the unused slots at each stretch's end, last stretch first
    let mut end = out.len();
    for (&bound, &written) in bounds.iter().zip(&counts).rev() {
        let start = end - bound;
        if written < bound {
            out.drain(start + written..end);
        }
        end = start;
    }
    Ok((out, returned))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_come_in_piece_order_without_the_unused_slots() {
        let pieces = vec![
            ((0..5).collect::<Vec<i32>>(), 7),
            (vec![], 3),
            ((10..12).collect(), 2),
            ((20..21).collect(), 4),
        ];
        let out = fill_in_order(
            pieces,
            || -1,
            |values, emit| {
                values.iter().copied().for_each(&mut *emit);
                Ok::<_, ()>(values.len())
            },
        );
        assert_eq!(
            out.unwrap(),
            (vec![0, 1, 2, 3, 4, 10, 11, 20], vec![5, 0, 2, 1])
        );
        let failed = fill_in_order(
            vec![(1, 1), (2, 1)],
            || 0,
            |p, emit| {
                if p == 2 {
                    Err("piece 2")
                } else {
                    emit(p);
                    Ok(())
                }
            },
        );
        assert_eq!(failed, Err("piece 2"));
    }
}
