import { randomBytes } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * A new room id: 128 random bits, written in lower-case base32 (26 characters) so that it reads
 * out loud and survives case-folding in links, e-mails and chat tools.
 */
export function newRoomId(random: (size: number) => Buffer = randomBytes): string {
  const bytes = random(16);
  let bits = 0;
  let value = 0;
  let id = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      id += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) id += BASE32[(value << (5 - bits)) & 31];
  return id;
}
