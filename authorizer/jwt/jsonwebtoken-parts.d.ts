// Types for the jsonwebtoken modules imported one by one (its verify and error classes), from @types/jsonwebtoken.
declare module 'jsonwebtoken/verify' {
  import type { verify } from 'jsonwebtoken';
  const verifyToken: typeof verify;
  export default verifyToken;
}
declare module 'jsonwebtoken/lib/TokenExpiredError' {
  import type { TokenExpiredError } from 'jsonwebtoken';
  const TokenExpired: typeof TokenExpiredError;
  export default TokenExpired;
}
declare module 'jsonwebtoken/lib/NotBeforeError' {
  import type { NotBeforeError } from 'jsonwebtoken';
  const NotBefore: typeof NotBeforeError;
  export default NotBefore;
}
