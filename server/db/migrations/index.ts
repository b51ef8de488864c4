import type { Migration } from "kysely";
import * as m0001 from "./0001_initial";
import * as m0002 from "./0002_accounts";
import * as m0003 from "./0003_dataio";
import * as m0004 from "./0004_review";
import * as m0005 from "./0005_locale";
import * as m0007 from "./0007_analytics";
import * as m0009 from "./0009_qa_config";
import * as m0010 from "./0010_analytics_slots";
import * as m0011 from "./0011_jobs";
import * as m0015 from "./0015_batch_indexes";
import * as m0016 from "./0016_job_attempts";
import * as m0018 from "./0018_estimated_poses";

/** Every migration, in order; Kysely's Migrator runs them through a static provider on both stores. */
export const MIGRATIONS: Record<string, Migration> = {
  "0001_initial": m0001,
  "0002_accounts": m0002,
  "0003_dataio": m0003,
  "0004_review": m0004,
  "0005_locale": m0005,
  "0007_analytics": m0007,
  "0009_qa_config": m0009,
  "0010_analytics_slots": m0010,
  "0011_jobs": m0011,
  "0015_batch_indexes": m0015,
  "0016_job_attempts": m0016,
  "0018_estimated_poses": m0018,
};
