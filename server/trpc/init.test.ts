/** The tRPC procedure chain refuses inputs holding text PostgreSQL cannot store, before the procedure runs. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCallerFactory, createTRPCRouter, publicProcedure, type TRPCContext } from './init';

let ran = 0;
const router = createTRPCRouter({
  echo: publicProcedure.input(z.object({ name: z.string() })).mutation(({ input }) => {
    ran++;
    return input.name;
  }),
});
const caller = createCallerFactory(router)({ requestId: 't', headers: new Headers(), user: null } as unknown as TRPCContext);

describe('tRPC inputs', () => {
  it('pass ordinary text', async () => {
    await expect(caller.echo({ name: 'Wien 🏔️' })).resolves.toBe('Wien 🏔️');
  });

  it('refuse a NUL or a lone surrogate with BAD_REQUEST naming the field, before the procedure runs', async () => {
    const before = ran;
    await expect(caller.echo({ name: 'a\u0000b' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'input name: contains a NUL character (U+0000), which cannot be stored',
    });
    await expect(caller.echo({ name: '\ud800' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(ran).toBe(before);
  });
});
