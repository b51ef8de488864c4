/**
 * A job failed for a reason that a second run would meet again (its input names a deleted
 * sequence, a format it cannot write): the queue marks it failed at once, without the automatic
 * retry that transient failures (a lost connection, a server stopping) get.
 */
export class JobInputError extends Error {
  override readonly name: string = "JobInputError";
}
