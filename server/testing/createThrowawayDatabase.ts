import { randomUUID } from "node:crypto";
import pg from "pg";

/**
 * A new, empty PostgreSQL database on the server of `adminUrl` (whose role may CREATE DATABASE),
 * for one test file or one benchmark run; drop() removes it, closing whatever still uses it.
 */
export async function createThrowawayDatabase(
  adminUrl: string,
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    },
  };
}
