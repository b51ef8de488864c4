import type { Editor } from "../createEditor";
import type { KeyInput, Shortcut } from "../shortcuts";

const plain = (k: KeyInput) => !k.ctrlKey && !k.metaKey && !k.altKey;
const reviewing = (e: Editor | undefined) => e?.review?.store.get().reviewing === true;
const drafting = (e: Editor | undefined) => e?.review?.store.get().rejectDraft != null;
const pinning = (e: Editor | undefined) => e?.review?.store.get().pinDraft != null;

/**
 * Reviewer mode's keys, live only while reviewing and tried before the editing keys (a digit picks a
 * reason while a reject is open, not a class). Budget per box: 1 key to accept (Y), 3 to reject with
 * a reason (B, digit, Enter), a note typed before Enter being optional.
 */
export const REVIEW_SHORTCUTS: Shortcut[] = [
  {
    keys: "Y",
    descriptionKey: "shortcuts.reviewAccept",
    matches: (k, e) => reviewing(e) && !drafting(e) && plain(k) && k.code === "KeyY" && !k.shiftKey,
    run: (e) => void e.review?.acceptBox(),
  },
  {
    keys: "Shift+Y",
    descriptionKey: "shortcuts.reviewAcceptTrack",
    matches: (k, e) => reviewing(e) && !drafting(e) && plain(k) && k.code === "KeyY" && k.shiftKey,
    run: (e) => void e.review?.acceptTrack(),
  },
  {
    keys: "B",
    descriptionKey: "shortcuts.reviewReject",
    matches: (k, e) => reviewing(e) && !drafting(e) && plain(k) && k.code === "KeyB",
    run: (e) => e.review?.beginReject(),
  },
  {
    keys: "1 … 9",
    descriptionKey: "shortcuts.reviewReason",
    matches: (k, e) => reviewing(e) && drafting(e) && plain(k) && /^Digit[1-9]$/.test(k.code),
    run: (e, _t, k) => e.review?.pickReason(Number(k.code.slice(5))),
  },
  {
    keys: "Enter",
    descriptionKey: "shortcuts.reviewConfirmReject",
    matches: (k, e) => reviewing(e) && drafting(e) && k.key === "Enter",
    run: (e) => void e.review?.commitReject(),
  },
  {
    keys: "Esc",
    descriptionKey: "shortcuts.reviewCancel",
    matches: (k, e) => (drafting(e) || pinning(e)) && k.key === "Escape",
    run: (e) => e.review?.cancelDrafts(),
  },
  {
    keys: "K / Shift+K",
    descriptionKey: "shortcuts.reviewNext",
    matches: (k, e) => reviewing(e) && !drafting(e) && plain(k) && k.code === "KeyK",
    run: (e, _t, k) => e.review?.step(k.shiftKey ? -1 : 1),
  },
  {
    keys: "O / Shift+O",
    descriptionKey: "shortcuts.reviewPin",
    matches: (k, e) => reviewing(e) && !drafting(e) && plain(k) && k.code === "KeyO",
    run: (e, _t, k) => e.review?.beginPin(k.shiftKey ? "track" : "box"),
  },
];
