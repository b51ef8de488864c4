import { SequenceListPage } from "./SequenceListPage";
import { UploadPage } from "./UploadPage";
import { useRoute } from "./useRoute";
import { WorkspacePage } from "./WorkspacePage";

export function App() {
  const route = useRoute();
  switch (route.page) {
    case "list":
      return <SequenceListPage />;
    case "upload":
      return <UploadPage />;
    case "workspace":
      return (
        <WorkspacePage key={route.sequenceId} sequenceId={route.sequenceId} frameIndex={route.frameIndex} />
      );
    case "notFound":
      return (
        <main className="page">
          <p>
            No page at <code>{route.path}</code>. <a href="/">All sequences</a>
          </p>
        </main>
      );
  }
}
