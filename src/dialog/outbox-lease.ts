// How long a process holds the replies it pushes, and how often it renews that hold while it lives.
//
// Short and renewed rather than long and fixed: a process that dies (kill -9) stops renewing, and the replies it held,
// with every later reply of those dialogs queued behind them, are taken over within one lease (issue 18), while a
// live process keeps a push that takes long (a slow connector) without a second process pushing the same reply.

export const OUTBOX_LEASE_MS = 6_000;
/** A third of the lease: two renewals may fail (a slow database moment) before the hold lapses. */
export const OUTBOX_RENEW_MS = 2_000;
