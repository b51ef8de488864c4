import { Fragment, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AttributeDefinition, ClassDefinition, DisplayNames } from "../../../core/model/ClassDefinition";
import { LANGUAGE_NAMES, LANGUAGES } from "../../i18n/i18n";
import { apiClient, ok, pathParam } from "../apiClient";
import { ActionResult, useAction } from "../useAction";

/** `names` with `lang` set to `value` (an empty value removes it; no names left: undefined). */
function withName(names: DisplayNames | undefined, lang: string, value: string): DisplayNames | undefined {
  const next = { ...names };
  if (value.trim()) next[lang] = value;
  else delete next[lang];
  return Object.keys(next).length > 0 ? next : undefined;
}

/**
 * The project's class catalogue: name, display names per UI language, colour and default size
 * (the fit's size prior) per class, and display names of its attributes. The name is canonical:
 * annotations and exports keep it; display names only change what the workspace shows.
 */
export function ClassCatalogue({
  projectId,
  classes,
  onSaved,
}: {
  projectId: string;
  classes: ClassDefinition[];
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [rows, setRows] = useState(classes);
  useEffect(() => setRows(classes), [classes]);
  const action = useAction();
  const update = (i: number, patch: Partial<ClassDefinition>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const setDisplayName = (i: number, lang: string, value: string) => {
    const row = rows[i];
    if (!row) return;
    const { displayNames: _old, ...rest } = row;
    const names = withName(row.displayNames, lang, value);
    setRows(rows.map((r, j) => (j === i ? { ...rest, ...(names ? { displayNames: names } : {}) } : r)));
  };
  const setAttributeName = (i: number, a: number, lang: string, value: string) => {
    const row = rows[i];
    if (!row) return;
    const attributes = row.attributes.map((attr, k): AttributeDefinition => {
      if (k !== a) return attr;
      const { displayNames: _old, ...rest } = attr;
      const names = withName(attr.displayNames, lang, value);
      return { ...rest, ...(names ? { displayNames: names } : {}) } as AttributeDefinition;
    });
    update(i, { attributes });
  };
  const size = (i: number, key: "lengthM" | "widthM" | "heightM", v: string) => {
    const row = rows[i];
    if (row) update(i, { defaultSize: { ...row.defaultSize, [key]: Number(v) } });
  };
  return (
    <section>
      <h2>{t("admin.classes.title")}</h2>
      <p className="muted">{t("admin.classes.hint")}</p>
      <table className="grid" data-testid="classes">
        <thead>
          <tr>
            <th>{t("admin.classes.name")}</th>
            {LANGUAGES.map((lang) => (
              <th key={lang}>{t("admin.classes.displayName", { language: LANGUAGE_NAMES[lang] })}</th>
            ))}
            <th>{t("admin.classes.colour")}</th>
            <th>{t("admin.classes.length")} m</th>
            <th>{t("admin.classes.width")} m</th>
            <th>{t("admin.classes.height")} m</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; names change as typed
            <Fragment key={i}>
              <tr>
                <td>
                  <input
                    value={c.name}
                    onChange={(e) => update(i, { name: e.target.value })}
                    maxLength={100}
                  />
                </td>
                {LANGUAGES.map((lang) => (
                  <td key={lang}>
                    <input
                      data-testid={`class-display-name-${lang}`}
                      value={c.displayNames?.[lang] ?? ""}
                      placeholder={c.name}
                      onChange={(e) => setDisplayName(i, lang, e.target.value)}
                      maxLength={100}
                    />
                  </td>
                ))}
                <td>
                  <input
                    type="color"
                    value={c.color}
                    onChange={(e) => update(i, { color: e.target.value })}
                  />
                </td>
                {(["lengthM", "widthM", "heightM"] as const).map((k) => (
                  <td key={k}>
                    <input
                      type="number"
                      step="0.1"
                      min="0.01"
                      value={c.defaultSize[k]}
                      onChange={(e) => size(i, k, e.target.value)}
                    />
                  </td>
                ))}
                <td>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => setRows(rows.filter((_, j) => j !== i))}
                  >
                    {t("common.remove")}
                  </button>
                </td>
              </tr>
              {c.attributes.map((attr, a) => (
                <tr key={attr.name} className="attribute-row">
                  <td className="muted">
                    {t("admin.classes.attribute")}: {attr.name}
                  </td>
                  {LANGUAGES.map((lang) => (
                    <td key={lang}>
                      <input
                        value={attr.displayNames?.[lang] ?? ""}
                        placeholder={attr.name}
                        onChange={(e) => setAttributeName(i, a, lang, e.target.value)}
                        maxLength={100}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </Fragment>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        onClick={() =>
          setRows([
            ...rows,
            {
              name: `Class ${rows.length + 1}`, // canonical names are data, not UI text
              color: "#8ecae6",
              defaultSize: { lengthM: 1, widthM: 1, heightM: 1 },
              attributes: [],
            },
          ])
        }
      >
        {t("admin.classes.add")}
      </button>{" "}
      <button
        type="button"
        onClick={() =>
          void action.run(async () => {
            await ok(
              apiClient.api.projects[":id"].$patch({
                param: { id: pathParam(projectId) },
                json: { classes: rows },
              }),
            );
            onSaved();
            return t("admin.classes.saved");
          })
        }
      >
        {t("admin.classes.save")}
      </button>
      <ActionResult action={action} />
    </section>
  );
}
