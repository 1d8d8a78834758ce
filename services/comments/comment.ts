// The comment as the service and its callers see it: no storage attributes (keys, index keys, version).

export interface Comment {
  id: string;
  /**
   * The creator's provider-qualified identity (AuthIdentity.userId), as the authorizer established it: ownership
   * keys on it, since two providers may issue one `sub` to two people. Undefined only on a comment written before
   * ownership was qualified and not yet migrated (migrate-legacy-authors.ts); such a comment has no owner.
   */
  authorId?: string;
  displayName?: string;
  text: string;
  visible: boolean;
  /** ISO-8601, UTC, millisecond precision (Date#toISOString). */
  createdAt: string;
  /** ISO-8601, UTC, millisecond precision (Date#toISOString). */
  updatedAt: string;
}
