'use server';
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { getConsoleUser } from '~/server/auth/console-user';
import { getAppDeps } from '~/server/deps';
import { isAppError } from '~/server/errors';
import { clientIpOf } from '~/server/http/request';
import { changeOwnPassword } from '~/server/users/change-own-password';

export type PasswordState = { ok?: boolean; error?: string };

export async function changePasswordAction(_prev: PasswordState, form: FormData): Promise<PasswordState> {
  const user = await getConsoleUser();
  if (!user) return { error: 'Your session has ended; sign in again.' };
  const next = String(form.get('newPassword') ?? '');
  if (next !== String(form.get('confirmPassword') ?? '')) return { error: 'The two new passwords differ.' };
  try {
    const { db } = await getAppDeps();
    const h = await headers();
    await changeOwnPassword(db, {
      userId: user.id,
      currentPassword: String(form.get('currentPassword') ?? ''),
      newPassword: next,
      ip: clientIpOf(new Request('http://x', { headers: h })),
    });
    // The layout's "password generated for you" banner reads the account: render it again with the new state.
    revalidatePath('/', 'layout');
    return { ok: true };
  } catch (e) {
    if (isAppError(e) && e.status < 500) return { error: e.detail.replace(/^\w+: /, '') };
    throw e;
  }
}
