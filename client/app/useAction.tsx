import { useState } from "react";
import { errorMessage } from "../i18n/errorMessage";

/** Runs a user action, keeping its error (or a result line) to show beside the form. */
export function useAction(): {
  run: (f: () => Promise<unknown>) => Promise<void>;
  error: string | null;
  note: string | null;
} {
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  return {
    error,
    note,
    run: async (f) => {
      setError(null);
      setNote(null);
      try {
        const note = await f();
        setNote(typeof note === "string" ? note : null);
      } catch (e) {
        setError(errorMessage(e));
      }
    },
  };
}

/** The error and note of a useAction, as the pages show them. */
export function ActionResult({ action }: { action: { error: string | null; note: string | null } }) {
  return (
    <>
      {action.error && (
        <p className="error" role="alert" data-testid="action-error">
          {action.error}
        </p>
      )}
      {action.note && (
        <p className="note" data-testid="action-note">
          {action.note}
        </p>
      )}
    </>
  );
}
