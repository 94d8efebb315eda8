//! gongkai patch: a budget for the bytes decoded from streams, and a record of the streams
//! that could not be decoded.
//!
//! Upstream decodes every stream whole, whatever it inflates to: a 5 KB file of two
//! stacked Flate filters becomes a gigabyte, and a third layer tens of gigabytes. Nor does
//! it tell a caller that a stream was damaged, so a page whose content could not be
//! decoded looks like a page without text.
//!
//! A caller opens a [`DecodeScope`] on the thread that reads the document; while it is
//! open, every stream decoded on that thread is charged to it. Each filter stops as soon
//! as its output would pass what is left of the budget (counted as it inflates, not after),
//! and the stream is then refused. Without a scope, nothing is limited or recorded, as
//! upstream.

use core::cell::RefCell;

use crate::object::ObjectIdentifier;

/// What went wrong with one stream.
#[derive(Debug, Copy, Clone, PartialEq, Eq)]
pub enum DecodeProblem {
    /// Decoding it would pass the scope's budget; it was not decoded.
    OverBudget,
    /// Its data is damaged for the named filter (truncated, or not valid for the filter).
    Damaged(&'static str),
    /// Its data is damaged for the named filter, and only what came before the damage was
    /// recovered.
    Recovered(&'static str),
    /// It names a filter that is not supported.
    UnsupportedFilter,
}

/// What a [`DecodeScope`] saw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecodeReport {
    /// Bytes produced by all filters of all streams decoded (each stage counted).
    pub decoded_bytes: u64,
    /// Streams refused because they would pass the budget.
    pub over_budget: u32,
    /// Streams that could not be decoded, or only in part, or named unknown filters.
    pub damaged: u32,
    /// The first problem seen, with the stream's object number when it has one.
    pub first_problem: Option<(DecodeProblem, Option<ObjectIdentifier>)>,
}

#[derive(Debug)]
struct Ledger {
    limit: u64,
    report: DecodeReport,
}

std::thread_local! {
    static ACTIVE: RefCell<Vec<Ledger>> = const { RefCell::new(Vec::new()) };
}

/// An open budget on this thread: see the module's documentation. Scopes nest; the
/// innermost is charged. Dropping it closes it.
#[derive(Debug)]
pub struct DecodeScope {
    // Not Send: the scope belongs to the thread it was opened on.
    _not_send: core::marker::PhantomData<*const ()>,
}

impl DecodeScope {
    /// Opens a scope that lets at most `limit` bytes be decoded.
    pub fn open(limit: u64) -> Self {
        ACTIVE.with(|a| {
            a.borrow_mut().push(Ledger {
                limit,
                report: DecodeReport::default(),
            })
        });
        DecodeScope {
            _not_send: core::marker::PhantomData,
        }
    }

    /// What the scope has seen so far.
    pub fn report(&self) -> DecodeReport {
        ACTIVE.with(|a| {
            a.borrow()
                .last()
                .map(|l| l.report.clone())
                .unwrap_or_default()
        })
    }
}

impl Drop for DecodeScope {
    fn drop(&mut self) {
        ACTIVE.with(|a| {
            a.borrow_mut().pop();
        });
    }
}

/// The bytes the open scope still allows (`usize::MAX` without a scope).
pub(crate) fn room() -> usize {
    ACTIVE.with(|a| {
        a.borrow().last().map_or(usize::MAX, |l| {
            usize::try_from(l.limit.saturating_sub(l.report.decoded_bytes)).unwrap_or(usize::MAX)
        })
    })
}

/// Charges `bytes` decoded to the open scope.
pub(crate) fn charge(bytes: usize) {
    ACTIVE.with(|a| {
        if let Some(l) = a.borrow_mut().last_mut() {
            l.report.decoded_bytes = l.report.decoded_bytes.saturating_add(bytes as u64);
        }
    });
}

/// Records a problem with the stream `id` in the open scope.
pub(crate) fn record(problem: DecodeProblem, id: Option<ObjectIdentifier>) {
    ACTIVE.with(|a| {
        if let Some(l) = a.borrow_mut().last_mut() {
            if problem == DecodeProblem::OverBudget {
                l.report.over_budget += 1;
                // Nothing more may be decoded once one stream was refused: a smaller one
                // after it would make the document read with a hole in the middle.
                l.report.decoded_bytes = l.limit.max(l.report.decoded_bytes);
            } else {
                l.report.damaged += 1;
            }
            l.report.first_problem.get_or_insert((problem, id));
        }
    });
}
