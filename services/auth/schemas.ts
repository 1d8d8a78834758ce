// Request schemas of sign-up and sign-in: what a client may send, validated before Cognito is called.
import { z } from 'zod';

/** RFC 5321 caps a forward path at 256 octets including the angle brackets, so an address at 254. */
export const MAX_EMAIL_LENGTH = 254;
export const MIN_PASSWORD_LENGTH = 8;
/** Cognito's own limit on the Password parameter. */
export const MAX_PASSWORD_LENGTH = 256;

// Deliberately plain, not RFC 5322: a dot-atom local part (≤ 64) and a dotted host name of LDH labels (≤ 63 each).
// Quoted local parts and IP-literal domains are refused: real mailboxes used for sign-up do not need them.
const ATOM = "[a-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LABEL = '[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?';
const TOP_LABEL = '[a-z]([a-z0-9-]{0,61}[a-z0-9])?';
// Each repeated part ends at a character the next cannot start with, so backtracking stays linear (under 1 ms on a 16 KB input).
const EMAIL = new RegExp(`^(?=[^@]{1,64}@)${ATOM}(\\.${ATOM})*@(${LABEL}\\.)+${TOP_LABEL}$`);

const email = z
  .string({ error: (issue) => (issue.input === undefined ? 'email is required' : 'email must be a string') })
  .trim()
  // Lower-cased so Alice@Example.com and alice@example.com are one account, whatever the pool's case setting.
  .toLowerCase()
  .max(MAX_EMAIL_LENGTH, { error: `email must be at most ${MAX_EMAIL_LENGTH} characters` })
  .regex(EMAIL, { error: 'email must be an e-mail address such as name@example.com' });

// Never trimmed: spaces are part of a password. Messages never quote the value.
const password = z
  .string({ error: (issue) => (issue.input === undefined ? 'password is required' : 'password must be a string') })
  .min(MIN_PASSWORD_LENGTH, { error: `password must be at least ${MIN_PASSWORD_LENGTH} characters` })
  .max(MAX_PASSWORD_LENGTH, { error: `password must be at most ${MAX_PASSWORD_LENGTH} characters` });

/** POST /auth/signup. Strict: anything else (a group, a "confirmed" flag) is refused, never passed on. */
export const signUpBody = z.strictObject({ email, password });

/** POST /auth/signin. */
export const signInBody = z.strictObject({ email, password });

export type SignUpBody = z.infer<typeof signUpBody>;
export type SignInBody = z.infer<typeof signInBody>;
