/**
 * The cases GET /v1/auth/clients/{client_id}, GET /v1/auth/scopes/{client_id}, DELETE /v1/auth/clients/delete/{client_id}
 * and DELETE /v1/auth/tokens/delete/{client_id} share (admin only, one client by its client_id): call it inside the
 * endpoint's `describe`. An unknown client_id is 404 naming it; a user or stranger token 403, no token 401; nothing
 * written either way.
 */
import { it } from 'vitest';
import type { EndpointKit, RouteHandler } from '~/test/endpoint';

export function clientIdCases(
  api: EndpointKit,
  handler: RouteHandler,
  at: (id: string) => string,
  opts: {
    /** The HTTP method (default GET). */
    method?: string;
    /** Whose client_id the refused callers ask about. */
    target: 'user' | 'other';
    /** More checks after the refused calls (the target client unharmed). */
    afterRefused?: (clientId: string) => Promise<void>;
  },
) {
  const method = opts.method ?? 'GET';

  it('an unknown client_id is 404 naming it; nothing written', async () => {
    const r = await api.unchanged(() =>
      api.call(handler, at('no-such-client'), { as: 'admin', method, params: { client_id: 'no-such-client' } }),
    );
    api.expectProblem(r, 404, /no client with client_id no-such-client/);
  });

  it('a user or stranger token is 403, no token 401; nothing written', async () => {
    const id = api.clients[opts.target]!.clientId;
    const o = { method, params: { client_id: id } };
    api.expectProblem(await api.unchanged(() => api.call(handler, at(id), { ...o, as: 'user' })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(handler, at(id), { ...o, as: 'stranger' })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(handler, at(id), o)), 401);
    await opts.afterRefused?.(id);
  });
}
