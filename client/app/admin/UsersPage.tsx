import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../i18n/format";
import { t as translate } from "../../i18n/i18n";
import { apiClient, ok, pathParam } from "../apiClient";
import { ActionResult, useAction } from "../useAction";
import { useApiCall } from "../useApiCall";

import type { UserRow } from "../../../core/api/accounts";

export type { UserRow };

/** The admin's user list: create (a generated password shown once), reset a password, disable. */
export function UsersPage() {
  const { t } = useTranslation();
  const users = useApiCall(() => ok(apiClient.api.users.$get()), []);
  const action = useAction();
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [isAdmin, setIsAdmin] = useState(false);
  const create = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const made = await ok(
        apiClient.api.users.$post({ json: { username, ...(displayName ? { displayName } : {}), isAdmin } }),
      );
      setUsername("");
      setDisplayName("");
      setIsAdmin(false);
      users.reload();
      return translate("admin.users.created", { user: made.user.username, password: made.password });
    });
  };
  const reset = (u: UserRow) =>
    action.run(async () => {
      const r = await ok(
        apiClient.api.users[":userId"].password.$post({ param: { userId: pathParam(u.id) }, json: {} }),
      );
      users.reload();
      return translate("admin.users.newPassword", { user: u.username, password: r.password });
    });
  const toggle = (u: UserRow) =>
    action.run(async () => {
      await ok(
        apiClient.api.users[":userId"].$patch({
          param: { userId: pathParam(u.id) },
          json: { disabled: !u.disabled },
        }),
      );
      users.reload();
    });
  return (
    <main className="page">
      <h1>{t("admin.users.title")}</h1>
      <form className="form inline" onSubmit={create} aria-label={t("admin.users.create")}>
        <input
          data-testid="new-username"
          placeholder={t("admin.users.usernamePlaceholder")}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
        />
        <input
          data-testid="new-display-name"
          placeholder={t("admin.users.displayNamePlaceholder")}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
        />
        <label>
          <input type="checkbox" checked={isAdmin} onChange={(e) => setIsAdmin(e.target.checked)} />{" "}
          {t("admin.users.admin")}
        </label>
        <button data-testid="create-user" type="submit">
          {t("admin.users.create")}
        </button>
      </form>
      <ActionResult action={action} />
      {users.error && <p className="error">{users.error}</p>}
      <table className="grid" data-testid="users">
        <thead>
          <tr>
            <th>{t("admin.users.user")}</th>
            <th>{t("admin.users.name")}</th>
            <th>{t("admin.users.admin")}</th>
            <th>{t("admin.users.state")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.data?.map((u) => (
            <tr key={u.id} data-testid={`user-${u.username}`}>
              <td>{u.username}</td>
              <td>{u.displayName}</td>
              <td>{u.isAdmin ? t("admin.users.yes") : ""}</td>
              <td>
                {u.disabled
                  ? t("admin.users.disabled")
                  : u.lockedUntil
                    ? t("admin.users.lockedUntil", { time: formatDateTime(u.lockedUntil) })
                    : t("admin.users.active")}
              </td>
              <td>
                <button type="button" onClick={() => void reset(u)}>
                  {t("admin.users.resetPassword")}
                </button>{" "}
                <button type="button" className={u.disabled ? "" : "danger"} onClick={() => void toggle(u)}>
                  {u.disabled ? t("admin.users.enable") : t("admin.users.disable")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
