import { type FormEvent, useState } from "react";
import { sendJson } from "../api";
import { ActionResult, useAction } from "../useAction";
import { useApi } from "../useApi";

interface TokenRow {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The signed-in user's own settings: password change and personal API tokens. */
export function AccountPage() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [tokenName, setTokenName] = useState("");
  const password = useAction();
  const tokens = useAction();
  const list = useApi<TokenRow[]>("/api/auth/tokens");
  const change = (e: FormEvent) => {
    e.preventDefault();
    void password.run(async () => {
      await sendJson("POST", "/api/auth/password", { currentPassword: current, newPassword: next });
      setCurrent("");
      setNext("");
      return "Password changed; your other sessions were signed out.";
    });
  };
  const create = (e: FormEvent) => {
    e.preventDefault();
    void tokens.run(async () => {
      const made = await sendJson<{ token: string }>("POST", "/api/auth/tokens", { name: tokenName });
      setTokenName("");
      list.reload();
      return `New token (shown once; send it as "Authorization: Bearer …"): ${made.token}`;
    });
  };
  return (
    <main className="page">
      <h1>Account</h1>
      <h2>Change password</h2>
      <form className="form" onSubmit={change}>
        <label>
          Current password
          <input
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            required
          />
        </label>
        <label>
          New password (10+ characters)
          <input
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
            required
            minLength={10}
          />
        </label>
        <button type="submit">Change password</button>
        <ActionResult action={password} />
      </form>
      <h2>API tokens</h2>
      <p className="muted">For scripts and command-line tools: each token acts as you until revoked.</p>
      <form className="form inline" onSubmit={create}>
        <input
          placeholder="token name"
          value={tokenName}
          onChange={(e) => setTokenName(e.target.value)}
          required
          maxLength={100}
        />
        <button type="submit">Create token</button>
      </form>
      <ActionResult action={tokens} />
      <table className="grid">
        <thead>
          <tr>
            <th>Name</th>
            <th>Created</th>
            <th>Last used</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.data?.map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td>
              <td>{new Date(t.createdAt).toLocaleString()}</td>
              <td>{t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString() : "never"}</td>
              <td>
                {t.revokedAt ? (
                  "revoked"
                ) : (
                  <button
                    type="button"
                    className="danger"
                    onClick={() =>
                      void tokens.run(async () => {
                        await sendJson("DELETE", `/api/auth/tokens/${t.id}`);
                        list.reload();
                      })
                    }
                  >
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
