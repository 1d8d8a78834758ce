// The HTTP settings every service shares, read once from the environment: CORS origins and the body limit.
import { EnvError } from '../errors';
import { readBool, readInt, readList, type Env } from '../config/env';

export interface HttpSettings {
  cors: { origins: string[]; credentials: boolean };
  maxBodyBytes: number;
}

/**
 * CORS_ORIGINS: comma-separated allowed origins ("*" allowed only without credentials);
 * CORS_CREDENTIALS: true/false (default false); MAX_BODY_BYTES: default 16384.
 */
export function readHttpSettings(env: Env = process.env): HttpSettings {
  const origins = readList(env, 'CORS_ORIGINS');
  const credentials = readBool(env, 'CORS_CREDENTIALS', false);
  // With credentials, "*" would make http-cors reflect any Origin: every site could read authenticated responses.
  if (credentials && origins.includes('*'))
    throw new EnvError('CORS_ORIGINS', 'must not contain "*" when CORS_CREDENTIALS is true');
  for (const origin of origins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new EnvError('CORS_ORIGINS', `has "${origin}", which is not an origin such as https://app.example.com`);
    }
  }
  return {
    cors: { origins, credentials },
    maxBodyBytes: readInt(env, 'MAX_BODY_BYTES', 16_384, { min: 256, max: 6_000_000 }),
  };
}
