import { type KeyboardEvent, useId } from "react";
import { useTranslation } from "react-i18next";
import type { Cuboid } from "../../core/model/Cuboid";
import { useEditorState } from "../app/useEditorState";
import {
  deleteSelected,
  setAttributeOfSelected,
  setClassOfSelected,
  updateCuboid,
} from "../editor/commands/editCuboids";
import { copySelectedToFrame } from "../editor/commands/frames";
import type { Editor } from "../editor/createEditor";
import { selectedCuboid } from "../editor/selectors";
import { attributeDisplayName, attributeValueDisplayName, classDisplayName } from "../i18n/classDisplayName";
import { provenanceLabel } from "../i18n/codeLabels";
import { trackLabel } from "../i18n/trackLabel";

const DEG = 180 / Math.PI;

interface Field {
  id: string;
  /** Catalogue key of the field's name. */
  labelKey: string;
  unit: string;
  get(c: Cuboid): number;
  set(c: Cuboid, v: number): Partial<Cuboid>;
  min?: number;
}

const FIELDS: Field[] = [
  {
    id: "x",
    labelKey: "inspector.x",
    unit: "m",
    get: (c) => c.centerM.x,
    set: (c, v) => ({ centerM: { ...c.centerM, x: v } }),
  },
  {
    id: "y",
    labelKey: "inspector.y",
    unit: "m",
    get: (c) => c.centerM.y,
    set: (c, v) => ({ centerM: { ...c.centerM, y: v } }),
  },
  {
    id: "z",
    labelKey: "inspector.z",
    unit: "m",
    get: (c) => c.centerM.z,
    set: (c, v) => ({ centerM: { ...c.centerM, z: v } }),
  },
  {
    id: "length",
    labelKey: "inspector.length",
    unit: "m",
    min: 0.01,
    get: (c) => c.size.lengthM,
    set: (c, v) => ({ size: { ...c.size, lengthM: v } }),
  },
  {
    id: "width",
    labelKey: "inspector.width",
    unit: "m",
    min: 0.01,
    get: (c) => c.size.widthM,
    set: (c, v) => ({ size: { ...c.size, widthM: v } }),
  },
  {
    id: "height",
    labelKey: "inspector.height",
    unit: "m",
    min: 0.01,
    get: (c) => c.size.heightM,
    set: (c, v) => ({ size: { ...c.size, heightM: v } }),
  },
  {
    id: "yaw",
    labelKey: "inspector.yaw",
    unit: "°",
    get: (c) => c.yawRad * DEG,
    set: (_c, v) => ({ yawRad: v / DEG }),
  },
];

/** Exact numbers of the selected box, editable; class, attributes, track, delete and copy. */
export function Inspector({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const c = useEditorState(editor, selectedCuboid);
  const activeClass = useEditorState(editor, (s) => s.activeClassName);
  const frameIndex = useEditorState(editor, (s) => s.frameIndex);
  const frameCount = useEditorState(editor, (s) => s.frameCount);
  const uid = useId();
  const classDef = editor.classes.find((k) => k.name === (c?.className ?? activeClass));

  const commit = (f: Field, text: string) => {
    if (!c) return;
    const v = Number(text);
    if (!Number.isFinite(v) || (f.min !== undefined && v < f.min)) return;
    if (Math.abs(v - f.get(c)) < 1e-9) return;
    updateCuboid(editor, c.id, f.set(c, v));
  };
  const onKey = (f: Field) => (e: KeyboardEvent<HTMLInputElement>) => {
    e.stopPropagation(); // typing digits must not trigger shortcuts
    if (e.key === "Enter") commit(f, e.currentTarget.value);
    if (e.key === "Escape") e.currentTarget.blur();
  };

  return (
    <section className="inspector" data-testid="inspector">
      <label className="row">
        <span>{t("inspector.class")}</span>
        <select
          data-testid="class-select"
          value={c?.className ?? activeClass}
          onChange={(e) => {
            setClassOfSelected(editor, e.target.value);
            e.currentTarget.blur(); // give the keys back to the shortcuts
          }}
        >
          {editor.classes.map((k) => (
            <option key={k.name} value={k.name}>
              {k.hotkey ? `${k.hotkey} · ` : ""}
              {classDisplayName(k)}
            </option>
          ))}
        </select>
      </label>
      {!c && <p className="muted">{t("inspector.noSelection")}</p>}
      {c && (
        <>
          <div className="row">
            <span>{t("inspector.track")}</span>
            <code data-testid="inspector-track" data-track={c.trackId} title={c.trackId}>
              {trackLabel(c.trackId)}
            </code>
            <span className="muted" title={c.id} data-testid="inspector-provenance">
              {provenanceLabel(c.provenance)}
            </span>
          </div>
          {FIELDS.map((f) => (
            <label className="row" key={f.id} htmlFor={`${uid}-${f.id}`}>
              <span>{t(f.labelKey)}</span>
              <input
                id={`${uid}-${f.id}`}
                data-testid={`inspector-${f.id}`}
                key={`${c.id}:${f.get(c)}`}
                defaultValue={f.get(c).toFixed(f.unit === "°" ? 2 : 3)}
                inputMode="decimal"
                onKeyDown={onKey(f)}
                onBlur={(e) => commit(f, e.currentTarget.value)}
              />
              <span className="unit">{f.unit}</span>
            </label>
          ))}
          {classDef?.attributes.map((a) => (
            <div className="row" key={a.name}>
              <span>{attributeDisplayName(a)}</span>
              {a.kind === "boolean" ? (
                <input
                  type="checkbox"
                  data-testid={`attribute-${a.name}`}
                  checked={c.attributes[a.name] === true}
                  onChange={(e) => setAttributeOfSelected(editor, a.name, e.target.checked)}
                />
              ) : (
                <select
                  data-testid={`attribute-${a.name}`}
                  value={String(c.attributes[a.name] ?? "")}
                  onChange={(e) => setAttributeOfSelected(editor, a.name, e.target.value)}
                >
                  <option value="">—</option>
                  {a.values.map((v) => (
                    <option key={v} value={v}>
                      {attributeValueDisplayName(a, v)}
                    </option>
                  ))}
                </select>
              )}
            </div>
          ))}
          <div className="row buttons">
            <button
              type="button"
              data-testid="copy-prev"
              title={t("inspector.copyPrevTitle")}
              disabled={frameIndex === 0}
              onClick={() => copySelectedToFrame(editor, -1)}
            >
              ◂ {t("inspector.copy")} [
            </button>
            <button
              type="button"
              data-testid="copy-next"
              title={t("inspector.copyNextTitle")}
              disabled={frameIndex >= frameCount - 1}
              onClick={() => copySelectedToFrame(editor, 1)}
            >
              {t("inspector.copy")} ] ▸
            </button>
            <button
              type="button"
              data-testid="delete-cuboid"
              className="danger"
              onClick={() => deleteSelected(editor)}
            >
              {t("inspector.delete")}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
