// The one permission rule: RFC 6749 §3.3 scope tokens, and the space-delimited list they travel in.
import fc from 'fast-check';
import { isPermission, joinPermissions, PERMISSION_PATTERN, splitPermissions } from '../../../shared/permission';

/** RFC 6749 §3.3: NQCHAR = %x21 / %x23-5B / %x5D-7E, written out from the RFC independently of the pattern. */
const NQCHARS = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i)).filter(
  (c) => c !== '"' && c !== '\\',
);

describe('isPermission', () => {
  it('accepts exactly the NQCHAR runs: every printable ASCII character but space, " and \\', () => {
    // Prepare
    const everyByte = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i));

    // Act
    const accepted = everyByte.filter((c) => isPermission(c));

    // Assess
    expect(accepted).toEqual(NQCHARS);
    expect(isPermission(NQCHARS.join(''))).toBe(true);
  });

  it.each([
    ['the empty string', ''],
    ['a space', 'comments:read comments:write'],
    ['a quote', 'comments:"read"'],
    ['a backslash', 'comments\\read'],
    ['a tab', 'comments:read\t'],
    ['a no-break space', 'comments:read\u00a0'],
    ['a non-ASCII letter', 'commënts:read'],
    ['a non-string', 42],
  ])('refuses %s', (_label, value) => {
    // Prepare: the value above

    // Act
    const result = isPermission(value);

    // Assess
    expect(result).toBe(false);
  });

  it('is stateless: the exported pattern has no global flag, so repeated tests agree', () => {
    // Prepare
    const value = 'comments:read';

    // Act
    const results = [PERMISSION_PATTERN.test(value), PERMISSION_PATTERN.test(value), isPermission(value)];

    // Assess
    expect(PERMISSION_PATTERN.flags).toBe('');
    expect(results).toEqual([true, true, true]);
  });
});

describe('joinPermissions / splitPermissions', () => {
  it('round-trips any list of permissions (property)', () => {
    // Prepare
    const permission = fc.stringMatching(/^[\x21\x23-\x5b\x5d-\x7e]{1,12}$/);

    // Act + Assess
    fc.assert(
      fc.property(fc.array(permission, { maxLength: 8 }), (list) => {
        expect(splitPermissions(joinPermissions(list))).toEqual(list);
      }),
    );
  });

  it('splits at single spaces only, dropping the empty pieces of doubled or outer spaces', () => {
    // Prepare
    const list = ' a  b\tc d\u00a0e ';

    // Act
    const pieces = splitPermissions(list);

    // Assess: a tab or a no-break space is no separator, so those pieces stay whole (and are no permission)
    expect(pieces).toEqual(['a', 'b\tc', 'd\u00a0e']);
    expect(pieces.filter(isPermission)).toEqual(['a']);
  });
});
