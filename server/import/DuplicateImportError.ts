/** The same recording was imported before: the caller chooses to update it or import a new copy. */
export class DuplicateImportError extends Error {
  override readonly name = "DuplicateImportError";
  constructor(
    readonly sequenceId: string,
    readonly sequenceName: string,
  ) {
    super(
      `this recording was already imported as sequence "${sequenceName}" (${sequenceId}): ` +
        `import it again with onDuplicate=update to replace that sequence's labels, or onDuplicate=new for a second copy`,
    );
  }
}
