import { useTranslation } from "react-i18next";
import { LanguageSelect } from "../i18n/LanguageSelect";
import { AppLink } from "./AppLink";
import { managesAny, type Me, signOut } from "./session";

/** The bar above every page but the workspace: who is signed in, where to go, language, sign out. */
export function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <nav className="user-menu" data-testid="user-menu">
      <AppLink href="/">{t("userMenu.home")}</AppLink>
      {managesAny(me) && <AppLink href="/admin/projects">{t("userMenu.projects")}</AppLink>}
      {me.projects.length > 0 && (
        <AppLink href="/team" testId="team-link">
          {managesAny(me) ? t("userMenu.team") : t("userMenu.myFigures")}
        </AppLink>
      )}
      {me.user.isAdmin && <AppLink href="/admin/users">{t("userMenu.users")}</AppLink>}
      {me.user.isAdmin && <AppLink href="/admin/audit">{t("userMenu.audit")}</AppLink>}
      <span className="spacer" />
      <LanguageSelect />
      <AppLink href="/account" testId="user-name">
        {me.user.displayName}
      </AppLink>
      <button type="button" data-testid="sign-out" onClick={() => void signOut()}>
        {t("userMenu.signOut")}
      </button>
    </nav>
  );
}
