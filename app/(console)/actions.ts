'use server';
/** Server actions of the console shell. */
import { signOut } from '~/server/auth/nextauth';

export async function signOutAction() {
  await signOut({ redirectTo: '/signin?signedOut=1' });
}
