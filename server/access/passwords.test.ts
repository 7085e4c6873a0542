import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords';

describe('room passwords', () => {
  it('verifies the right password only, with a salt of its own each time', async () => {
    const first = await hashPassword('Sésame 2026');
    const second = await hashPassword('Sésame 2026');
    expect(first).not.toBe(second);
    expect(first).not.toContain('Sésame');
    expect(await verifyPassword('Sésame 2026', first)).toBe(true);
    expect(await verifyPassword('sésame 2026', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
  });

  it('treats a damaged stored hash as a wrong password', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$zz$')).toBe(false);
  });
});
