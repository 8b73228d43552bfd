import { describe, expect, it } from 'vitest';
import { newSecret } from '../secret-store.js';

describe('newSecret', () => {
  it('never starts with "-" or "_", so a generated password can be passed on a command line as typed', () => {
    // 0xF8 and 0xFC start base64url with "-" and "_"; the third draw starts with a letter.
    const draws = [Buffer.alloc(24, 0xf8), Buffer.alloc(24, 0xfc), Buffer.alloc(24, 0x41)];
    let calls = 0;
    const secret = newSecret(() => draws[calls++] ?? Buffer.alloc(24));
    expect(calls).toBe(3);
    expect(secret).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{31}$/);
    expect(Buffer.alloc(24, 0xf8).toString('base64url')[0]).toBe('-');
  });

  it('is 24 random bytes as base64url, a different one each time', () => {
    const a = newSecret();
    expect(a).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{31}$/);
    expect(newSecret()).not.toBe(a);
  });
});
