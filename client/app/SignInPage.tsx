import { type FormEvent, useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { errorMessage } from "../i18n/errorMessage";
import { signIn } from "./session";

/** The sign-in form every signed-out visit sees; on success the page it was opened at appears. */
export function SignInPage({ notice }: { notice?: string | undefined }) {
  const { t } = useTranslation();
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
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="page signin">
      <h1>Cuboidal</h1>
      <form onSubmit={submit} className="form" aria-label={t("signIn.title")}>
        <label>
          {t("signIn.username")}
          <input
            data-testid="signin-username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label>
          {t("signIn.password")}
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
          {t("signIn.submit")}
        </button>
        {(error ?? notice) && (
          <p className="error" role="alert" data-testid="signin-error">
            {error ?? notice}
          </p>
        )}
      </form>
      <p className="muted">
        <Trans i18nKey="signIn.firstStart" components={{ code: <code /> }} />
      </p>
    </main>
  );
}
