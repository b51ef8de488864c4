import { useEffect } from "react";
import { Trans, useTranslation } from "react-i18next";
import { AccountPage } from "./account/AccountPage";
import { AuditPage } from "./admin/AuditPage";
import { ProjectPage } from "./admin/ProjectPage";
import { ProjectsPage } from "./admin/ProjectsPage";
import { UsersPage } from "./admin/UsersPage";
import { SequenceListPage } from "./SequenceListPage";
import { UploadPage } from "./UploadPage";
import { refreshSession, useSession } from "./session";
import { SignInPage } from "./SignInPage";
import { TeamPage } from "./team/TeamPage";
import { UserMenu } from "./UserMenu";
import { useRoute } from "./useRoute";
import { WorkspacePage } from "./WorkspacePage";

export function App() {
  const { t } = useTranslation();
  const route = useRoute();
  const session = useSession();
  useEffect(() => {
    void refreshSession();
  }, []);
  if (session.status === "loading") return <main className="page">{t("common.loading")}</main>;
  if (session.status === "signedOut") return <SignInPage notice={session.message} />;
  const { me } = session;
  if (route.page === "workspace")
    return (
      <WorkspacePage
        key={`${route.sequenceId}:${route.taskId ?? ""}`}
        sequenceId={route.sequenceId}
        frameIndex={route.frameIndex}
        taskId={route.taskId}
        username={me.user.username}
      />
    );
  return (
    <>
      <UserMenu me={me} />
      {route.page === "list" && <SequenceListPage me={me} />}
      {route.page === "upload" && <UploadPage me={me} />}
      {route.page === "account" && <AccountPage />}
      {route.page === "adminUsers" && <UsersPage />}
      {route.page === "adminProjects" && <ProjectsPage me={me} />}
      {route.page === "adminProject" && <ProjectPage projectId={route.projectId} me={me} />}
      {route.page === "adminAudit" && <AuditPage />}
      {route.page === "team" && <TeamPage key={route.projectId} me={me} projectId={route.projectId} />}
      {route.page === "notFound" && (
        <main className="page">
          <p>
            <Trans i18nKey="app.notFound" values={{ path: route.path }} components={{ code: <code /> }} />{" "}
            <a href="/">{t("common.home")}</a>
          </p>
        </main>
      )}
    </>
  );
}
