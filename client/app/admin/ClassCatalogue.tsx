import { useEffect, useState } from "react";
import type { ClassDefinition } from "../../../core/model/ClassDefinition";
import { sendJson } from "../api";
import { ActionResult, useAction } from "../useAction";

/** The project's class catalogue: name, colour and default size (the fit's size prior) per class. */
export function ClassCatalogue({
  base,
  classes,
  onSaved,
}: {
  base: string;
  classes: ClassDefinition[];
  onSaved: () => void;
}) {
  const [rows, setRows] = useState(classes);
  useEffect(() => setRows(classes), [classes]);
  const action = useAction();
  const update = (i: number, patch: Partial<ClassDefinition>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const size = (i: number, key: "lengthM" | "widthM" | "heightM", v: string) =>
    update(i, { defaultSize: { ...rows[i]!.defaultSize, [key]: Number(v) } });
  return (
    <section>
      <h2>Class catalogue</h2>
      <table className="grid" data-testid="classes">
        <thead>
          <tr>
            <th>Class</th>
            <th>Colour</th>
            <th>Length m</th>
            <th>Width m</th>
            <th>Height m</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; names change as typed
            <tr key={i}>
              <td>
                <input value={c.name} onChange={(e) => update(i, { name: e.target.value })} maxLength={100} />
              </td>
              <td>
                <input type="color" value={c.color} onChange={(e) => update(i, { color: e.target.value })} />
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
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        onClick={() =>
          setRows([
            ...rows,
            {
              name: `Class ${rows.length + 1}`,
              color: "#8ecae6",
              defaultSize: { lengthM: 1, widthM: 1, heightM: 1 },
              attributes: [],
            },
          ])
        }
      >
        Add class
      </button>{" "}
      <button
        type="button"
        onClick={() =>
          void action.run(async () => {
            await sendJson("PATCH", base, { classes: rows });
            onSaved();
            return "Classes saved.";
          })
        }
      >
        Save classes
      </button>
      <ActionResult action={action} />
    </section>
  );
}
