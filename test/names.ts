/** Naming of test databases, derived from the configured database URL (same server, other database names). */
export const templateName = (url: string) => `${new URL(url).pathname.slice(1)}_test`;

export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
