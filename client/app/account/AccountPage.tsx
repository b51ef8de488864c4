import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../i18n/format";
import { t as translate } from "../../i18n/i18n";
import { apiClient, ok, pathParam } from "../apiClient";
import { ActionResult, useAction } from "../useAction";
import { useApiCall } from "../useApiCall";

/** The signed-in user's own settings: password change and personal API tokens. */
export function AccountPage() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [tokenName, setTokenName] = useState("");
  const password = useAction();
  const tokens = useAction();
  const list = useApiCall(() => ok(apiClient.api.auth.tokens.$get()), []);
  const change = (e: FormEvent) => {
    e.preventDefault();
    void password.run(async () => {
      await ok(apiClient.api.auth.password.$post({ json: { currentPassword: current, newPassword: next } }));
      setCurrent("");
      setNext("");
      return translate("account.passwordChanged");
    });
  };
  const create = (e: FormEvent) => {
    e.preventDefault();
    void tokens.run(async () => {
      const made = await ok(apiClient.api.auth.tokens.$post({ json: { name: tokenName } }));
      setTokenName("");
      list.reload();
      return translate("account.newToken", { token: made.token });
    });
  };
  return (
    <main className="page">
      <h1>{t("account.title")}</h1>
      <h2>{t("account.changePassword")}</h2>
      <form className="form" onSubmit={change}>
        <label>
          {t("account.currentPassword")}
          <input
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            required
          />
        </label>
        <label>
          {t("account.newPassword")}
          <input
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
            required
            minLength={10}
          />
        </label>
        <button type="submit">{t("account.changePassword")}</button>
        <ActionResult action={password} />
      </form>
      <h2>{t("account.tokens")}</h2>
      <p className="muted">{t("account.tokensHint")}</p>
      <form className="form inline" onSubmit={create}>
        <input
          placeholder={t("account.tokenName")}
          value={tokenName}
          onChange={(e) => setTokenName(e.target.value)}
          required
          maxLength={100}
        />
        <button type="submit">{t("account.createToken")}</button>
      </form>
      <ActionResult action={tokens} />
      <table className="grid">
        <thead>
          <tr>
            <th>{t("account.name")}</th>
            <th>{t("account.created")}</th>
            <th>{t("account.lastUsed")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.data?.map((token) => (
            <tr key={token.id}>
              <td>{token.name}</td>
              <td>{formatDateTime(token.createdAt)}</td>
              <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t("account.never")}</td>
              <td>
                {token.revokedAt ? (
                  t("account.revoked")
                ) : (
                  <button
                    type="button"
                    className="danger"
                    onClick={() =>
                      void tokens.run(async () => {
                        await ok(
                          apiClient.api.auth.tokens[":tokenId"].$delete({
                            param: { tokenId: pathParam(token.id) },
                          }),
                        );
                        list.reload();
                      })
                    }
                  >
                    {t("account.revoke")}
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
