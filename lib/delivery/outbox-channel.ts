/** The LISTEN/NOTIFY channel a commit that queued deliveries notifies, waking every worker. */
export const OUTBOX_CHANNEL = 'signalboard_outbox';
