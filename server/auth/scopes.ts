/** Scope strings (RFC 6749 §3.3: space-separated, case-sensitive). */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

export function parseScope(value: string | null | undefined): string[] {
  if (!value) return [];
  return [...new Set(value.split(' ').filter(Boolean))];
}

export const isValidScopeString = (value: string) =>
  value
    .split(' ')
    .filter(Boolean)
    .every((s) => SCOPE_TOKEN.test(s));

/** The scopes a token gets: the requested ones the client is allowed, or all allowed ones when none is requested. */
export function grantScopes(requested: string[], allowed: string[]): string[] {
  if (requested.length === 0) return [...allowed].sort();
  return requested.filter((s) => allowed.includes(s)).sort();
}
