// The comment as the service and its callers see it: no storage attributes (keys, index keys, version).

export interface Comment {
  id: string;
  /** principalId of the creator, as the authorizer established it. */
  author: string;
  displayName?: string;
  text: string;
  visible: boolean;
  /** ISO-8601, UTC, millisecond precision (Date#toISOString). */
  createdAt: string;
  /** ISO-8601, UTC, millisecond precision (Date#toISOString). */
  updatedAt: string;
}
