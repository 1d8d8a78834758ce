// Builds a real self-signed X.509 certificate (DER) for a test key with node:crypto, for `x5c` key-injection cases.
import { sign, type KeyObject } from 'node:crypto';

// Just enough DER (X.690) for a v3 certificate without extensions.
function tlv(tag: number, content: Buffer): Buffer {
  const length = content.length;
  if (length < 0x80) return Buffer.concat([Buffer.from([tag, length]), content]);
  const hex = length.toString(16);
  const bytes = Buffer.from(hex.length % 2 === 1 ? `0${hex}` : hex, 'hex');
  return Buffer.concat([Buffer.from([tag, 0x80 | bytes.length]), bytes, content]);
}

const sequence = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items));
const integer = (value: Buffer): Buffer =>
  tlv(0x02, (value[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), value]) : value);
const utf8String = (text: string): Buffer => tlv(0x0c, Buffer.from(text, 'utf8'));
const NULL = Buffer.from([0x05, 0x00]);

function objectId(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * first + second];
  for (const arc of rest) {
    const groups = [arc & 0x7f];
    for (let v = arc >>> 7; v > 0; v >>>= 7) groups.unshift((v & 0x7f) | 0x80);
    bytes.push(...groups);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function utcTime(date: Date): Buffer {
  const iso = date.toISOString(); // 2026-11-23T12:00:00.000Z -> 261123120000Z
  const text = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return tlv(0x17, Buffer.from(text, 'ascii'));
}

const SHA256_WITH_RSA = sequence(objectId('1.2.840.113549.1.1.11'), NULL);

/** A self-signed RSA certificate for `commonName`, valid for one year from `notBefore`; returned as DER. */
export function selfSignedCertificate(
  keys: { publicKey: KeyObject; privateKey: KeyObject },
  commonName: string,
  notBefore = new Date(Date.UTC(2026, 0, 1)),
): Buffer {
  const name = sequence(set(sequence(objectId('2.5.4.3'), utf8String(commonName))));
  const notAfter = new Date(notBefore.getTime() + 365 * 24 * 3600 * 1000);
  const tbs = sequence(
    tlv(0xa0, integer(Buffer.from([2]))), // [0] EXPLICIT version v3
    integer(Buffer.from('0badc0de', 'hex')),
    SHA256_WITH_RSA,
    name,
    sequence(utcTime(notBefore), utcTime(notAfter)),
    name,
    keys.publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, keys.privateKey);
  return sequence(tbs, SHA256_WITH_RSA, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
}
