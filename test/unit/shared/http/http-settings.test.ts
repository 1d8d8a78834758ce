// readHttpSettings: CORS origins and body limit from the environment; bad values stop startup naming the variable.
import { EnvError } from '../../../../shared/errors';
import { readHttpSettings } from '../../../../shared/http/http-settings';
import { caught } from '../../../helpers/caught';

describe('readHttpSettings', () => {
  it('reads origins, credentials and the body limit, with defaults', () => {
    expect(readHttpSettings({})).toEqual({ cors: { origins: [], credentials: false }, maxBodyBytes: 16384 });
    expect(
      readHttpSettings({
        CORS_ORIGINS: 'https://a.example, http://localhost:5173',
        CORS_CREDENTIALS: 'true',
        MAX_BODY_BYTES: '2048',
      }),
    ).toEqual({
      cors: { origins: ['https://a.example', 'http://localhost:5173'], credentials: true },
      maxBodyBytes: 2048,
    });
  });

  it.each([
    [{ CORS_ORIGINS: '*', CORS_CREDENTIALS: 'true' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://a.example/path' }, 'CORS_ORIGINS'],
    [{ CORS_CREDENTIALS: 'yes' }, 'CORS_CREDENTIALS'],
    [{ MAX_BODY_BYTES: '10' }, 'MAX_BODY_BYTES'],
    [{ MAX_BODY_BYTES: 'lots' }, 'MAX_BODY_BYTES'],
  ])('refuses %p naming %s', (env, variable) => {
    const err = caught(EnvError, () => readHttpSettings(env));
    expect(err.variable).toBe(variable);
    expect(err.code).toBe('invalid_env');
    expect(err.message).toContain(variable);
  });

  it('allows "*" without credentials', () => {
    expect(readHttpSettings({ CORS_ORIGINS: '*' }).cors).toEqual({ origins: ['*'], credentials: false });
  });
});
