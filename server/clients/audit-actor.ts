/** Who performs an admin operation, for the audit log. */
export type Actor = { type: 'user' | 'client' | 'system'; id: string; ip?: string; requestId?: string };

export const auditActor = (a: Actor) => ({ actorType: a.type, actorId: a.id, ip: a.ip, requestId: a.requestId });

/** The admin command line (scripts/cli.ts). */
export const CLI_ACTOR: Actor = { type: 'system', id: 'cli' };
