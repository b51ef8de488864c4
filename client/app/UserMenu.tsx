import { AppLink } from "./AppLink";
import { managesAny, type Me, signOut } from "./session";

/** The bar above every page but the workspace: who is signed in, where to go, sign out. */
export function UserMenu({ me }: { me: Me }) {
  return (
    <nav className="user-menu" data-testid="user-menu">
      <AppLink href="/">Home</AppLink>
      {managesAny(me) && <AppLink href="/admin/projects">Projects</AppLink>}
      {me.user.isAdmin && <AppLink href="/admin/users">Users</AppLink>}
      {me.user.isAdmin && <AppLink href="/admin/audit">Audit log</AppLink>}
      <span className="spacer" />
      <AppLink href="/account" testId="user-name">
        {me.user.displayName}
      </AppLink>
      <button type="button" data-testid="sign-out" onClick={() => void signOut()}>
        Sign out
      </button>
    </nav>
  );
}
