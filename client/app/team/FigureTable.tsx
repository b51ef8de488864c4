import { useTranslation } from "react-i18next";

export interface Column<T> {
  /** Catalogue key of the heading. */
  labelKey: string;
  value: (row: T) => string | number | null;
}

/**
 * A table of figures with a link to the same table as CSV: the API's ?format=csv, or a CSV made
 * here (`csvName` names the download) where the table shows translated names the server lacks.
 */
export function FigureTable<T>({
  titleKey,
  rows,
  columns,
  csvUrl,
  csvName,
  testId,
}: {
  titleKey: string;
  rows: readonly T[];
  columns: ReadonlyArray<Column<T>>;
  csvUrl: string;
  csvName?: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <section className="figure-table" data-testid={testId}>
      <h3>
        {t(titleKey)}{" "}
        <a href={csvUrl} download={csvName ?? true} data-testid={`${testId}-csv`}>
          {t("team.downloadCsv")}
        </a>
      </h3>
      {rows.length === 0 ? (
        <p className="muted">{t("team.noFigures")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.labelKey}>{t(c.labelKey)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are replaced whole, never reordered
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c.labelKey}>{c.value(r) ?? "—"}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
