/** One message, validated and normalised, ready to be written. */
export type IngestEvent = {
  messageId: string;
  name: string;
  /** null: not named by the message; resolved from the user's latest group call when written. */
  accountId: string | null;
  userId: string | null;
  anonymousId: string | null;
  timestamp: Date;
  properties: Record<string, unknown>;
  /** identify: traits to merge into the user. */
  userTraits?: Record<string, unknown>;
  /** group: traits to merge into the account. */
  accountTraits?: Record<string, unknown>;
};
