/**
 * Tokens the server signs (HS256) and checks itself:
 * - host tokens: given to whoever creates a room, they make their bearer its moderator;
 * - session tokens: short-lived, issued at join, carrying identity and role, so a reconnecting
 *   participant gets its role back. Nothing secret is in them, and guests get nothing else.
 */
import { jwtVerify, SignJWT } from 'jose';

const ISSUER = 'webconf';

import type { Role } from '../../common/signaling';

export type { Role };

export interface SessionClaims {
  roomId: string;
  participantId: string;
  role: Role;
  displayName: string;
  agent: boolean;
}

export class TokenIssuer {
  constructor(
    private readonly secret: Uint8Array,
    private readonly hostTokenTtlSeconds: number,
    /** Long enough for a long meeting: the same token opens the room's shared notes. */
    private readonly sessionTokenTtlSeconds = 4 * 3600,
  ) {}

  issueHostToken(roomId: string): Promise<string> {
    return this.sign({ typ: 'host' }, roomId, this.hostTokenTtlSeconds);
  }

  async isHostOf(token: string | undefined, roomId: string): Promise<boolean> {
    const payload = token ? await this.verify(token, roomId) : null;
    return payload?.typ === 'host';
  }

  /** Lets a knocker a moderator admitted past the lobby, for a few minutes. */
  issueAdmissionToken(roomId: string, knockId: string): Promise<string> {
    return this.sign({ typ: 'admission', knockId }, roomId, 5 * 60);
  }

  async isAdmitted(token: string | undefined, roomId: string): Promise<boolean> {
    const payload = token ? await this.verify(token, roomId) : null;
    return payload?.typ === 'admission';
  }

  issueSessionToken(claims: SessionClaims): Promise<string> {
    const { roomId, ...rest } = claims;
    return this.sign({ typ: 'session', ...rest }, roomId, this.sessionTokenTtlSeconds);
  }

  async readSessionToken(token: string | undefined, roomId: string): Promise<SessionClaims | null> {
    const payload = token ? await this.verify(token, roomId) : null;
    if (payload?.typ !== 'session') return null;
    const { participantId, role, displayName, agent } = payload;
    if (typeof participantId !== 'string' || (role !== 'moderator' && role !== 'participant')) return null;
    return { roomId, participantId, role, displayName: String(displayName ?? ''), agent: agent === true };
  }

  private sign(claims: Record<string, unknown>, roomId: string, ttlSeconds: number): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(roomId)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(this.secret);
  }

  private async verify(token: string, roomId: string): Promise<Record<string, unknown> | null> {
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        issuer: ISSUER,
        audience: roomId,
        algorithms: ['HS256'],
      });
      return payload;
    } catch {
      return null; // expired, forged, for another room: the bearer is simply a guest
    }
  }
}
