import { useState } from "react";
import { useTranslation } from "react-i18next";
import { apiClient, ok, pathParam } from "../apiClient";
import { ActionResult, useAction } from "../useAction";
import { useApiCall } from "../useApiCall";

/**
 * The project's model server for its lead (#14): the built-in pre-labeler until a URL and bearer
 * token are saved; the token is write-only (the server shows its last 4 characters). The server
 * refuses internal addresses unless its admin set PLUGIN_ALLOW_PRIVATE, and says so.
 */
export function ModelPluginSettings({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const param = { id: pathParam(projectId) };
  const plugin = useApiCall(() => ok(apiClient.api.projects[":id"].plugin.$get({ param })), [projectId]);
  const action = useAction();
  const [url, setUrl] = useState("");
  const [token, setToken] = useState("");
  if (!plugin.data) return null;
  const current = plugin.data;
  const save = () =>
    action.run(async () => {
      await ok(apiClient.api.projects[":id"].plugin.$put({ param, json: { url: url.trim(), token } }));
      setToken("");
      plugin.reload();
      return t("admin.modelPlugin.saved");
    });
  const restoreBuiltin = () =>
    action.run(async () => {
      await ok(apiClient.api.projects[":id"].plugin.$delete({ param }));
      plugin.reload();
      return t("admin.modelPlugin.builtinRestored");
    });
  return (
    <section data-testid="model-plugin">
      <h2>{t("admin.modelPlugin.title")}</h2>
      <p data-testid="model-plugin-current">
        {current.kind === "builtin"
          ? t("admin.modelPlugin.usingBuiltin")
          : t("admin.modelPlugin.usingExternal", { url: current.url, hint: current.tokenHint ?? "…" })}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          {t("admin.modelPlugin.url")}{" "}
          <input
            data-testid="model-plugin-url"
            type="url"
            required
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
        </label>{" "}
        <label>
          {t("admin.modelPlugin.token")}{" "}
          <input
            data-testid="model-plugin-token"
            type="password"
            autoComplete="off"
            required
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
        </label>{" "}
        <button type="submit" data-testid="model-plugin-save">
          {t("admin.modelPlugin.save")}
        </button>{" "}
        {current.kind === "external" && (
          <button type="button" data-testid="model-plugin-builtin" onClick={() => void restoreBuiltin()}>
            {t("admin.modelPlugin.useBuiltin")}
          </button>
        )}
      </form>
      <p className="muted">{t("admin.modelPlugin.hint")}</p>
      <ActionResult action={action} />
    </section>
  );
}
