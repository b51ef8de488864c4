import { type FormEvent, useState } from "react";
import { sendJson } from "../api";
import { ActionResult, useAction } from "../useAction";
import { useApi } from "../useApi";

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  isAdmin: boolean;
  disabled: boolean;
  lockedUntil: string | null;
}

/** The admin's user list: create (a generated password shown once), reset a password, disable. */
export function UsersPage() {
  const users = useApi<UserRow[]>("/api/users");
  const action = useAction();
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [isAdmin, setIsAdmin] = useState(false);
  const create = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const made = await sendJson<{ user: UserRow; password: string }>("POST", "/api/users", {
        username,
        ...(displayName ? { displayName } : {}),
        isAdmin,
      });
      setUsername("");
      setDisplayName("");
      setIsAdmin(false);
      users.reload();
      return `Created ${made.user.username} with password ${made.password} (shown once)`;
    });
  };
  const reset = (u: UserRow) =>
    action.run(async () => {
      const r = await sendJson<{ password: string }>("POST", `/api/users/${u.id}/password`, {});
      users.reload();
      return `New password of ${u.username}: ${r.password} (shown once)`;
    });
  const toggle = (u: UserRow) =>
    action.run(async () => {
      await sendJson("PATCH", `/api/users/${u.id}`, { disabled: !u.disabled });
      users.reload();
    });
  return (
    <main className="page">
      <h1>Users</h1>
      <form className="form inline" onSubmit={create} aria-label="Create user">
        <input
          data-testid="new-username"
          placeholder="user name"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
        />
        <input
          data-testid="new-display-name"
          placeholder="display name"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
        />
        <label>
          <input type="checkbox" checked={isAdmin} onChange={(e) => setIsAdmin(e.target.checked)} /> admin
        </label>
        <button data-testid="create-user" type="submit">
          Create user
        </button>
      </form>
      <ActionResult action={action} />
      {users.error && <p className="error">{users.error}</p>}
      <table className="grid" data-testid="users">
        <thead>
          <tr>
            <th>User</th>
            <th>Name</th>
            <th>Admin</th>
            <th>State</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.data?.map((u) => (
            <tr key={u.id} data-testid={`user-${u.username}`}>
              <td>{u.username}</td>
              <td>{u.displayName}</td>
              <td>{u.isAdmin ? "yes" : ""}</td>
              <td>
                {u.disabled
                  ? "disabled"
                  : u.lockedUntil
                    ? `locked until ${new Date(u.lockedUntil).toLocaleTimeString()}`
                    : "active"}
              </td>
              <td>
                <button type="button" onClick={() => void reset(u)}>
                  Reset password
                </button>{" "}
                <button type="button" className={u.disabled ? "" : "danger"} onClick={() => void toggle(u)}>
                  {u.disabled ? "Enable" : "Disable"}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
