import { type FormEvent, useState } from "react";
import { signIn } from "./session";

/** The sign-in form every signed-out visit sees; on success the page it was opened at appears. */
export function SignInPage({ notice }: { notice?: string | undefined }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username, password);
    } catch (err) {
      setError((err as Error).message.replace(/^.*? — /, ""));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="page signin">
      <h1>Cuboidal</h1>
      <form onSubmit={submit} className="form" aria-label="Sign in">
        <label>
          User name
          <input
            data-testid="signin-username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label>
          Password
          <input
            data-testid="signin-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <button data-testid="signin-submit" type="submit" disabled={busy}>
          Sign in
        </button>
        {(error ?? notice) && (
          <p className="error" role="alert" data-testid="signin-error">
            {error ?? notice}
          </p>
        )}
      </form>
      <p className="muted">
        First start: user <code>admin</code>, with the password the server printed (also in{" "}
        <code>DATA_DIR/admin-password.txt</code>).
      </p>
    </main>
  );
}
