/** Job ids are pg-boss's UUIDs; anything else is answered 404 before the database sees it (uuid casts throw). */
export const isJobId = (s: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
