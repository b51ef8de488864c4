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
    description: "Review: accept the box and go to the next box without a verdict",
    matches: (k, e) => reviewing(e) && !drafting(e) && plain(k) && k.code === "KeyY" && !k.shiftKey,
    run: (e) => void e.review?.acceptBox(),
  },
  {
    keys: "Shift+Y",
    description: "Review: accept every queued box of this track, then go on",
    matches: (k, e) => reviewing(e) && !drafting(e) && plain(k) && k.code === "KeyY" && k.shiftKey,
    run: (e) => void e.review?.acceptTrack(),
  },
  {
    keys: "B",
    description:
      "Review: reject the box; then a digit picks the reason, Enter confirms (type a note before it if you like)",
    matches: (k, e) => reviewing(e) && !drafting(e) && plain(k) && k.code === "KeyB",
    run: (e) => e.review?.beginReject(),
  },
  {
    keys: "1 … 9 (rejecting)",
    description: "Review: the reason for the reject, from the project's error types",
    matches: (k, e) => reviewing(e) && drafting(e) && plain(k) && /^Digit[1-9]$/.test(k.code),
    run: (e, _t, k) => e.review?.pickReason(Number(k.code.slice(5))),
  },
  {
    keys: "Enter (rejecting)",
    description: "Review: confirm the reject and go to the next box",
    matches: (k, e) => reviewing(e) && drafting(e) && k.key === "Enter",
    run: (e) => void e.review?.commitReject(),
  },
  {
    keys: "Esc (rejecting or pinning)",
    description: "Review: drop the reject or issue being written",
    matches: (k, e) => (drafting(e) || pinning(e)) && k.key === "Escape",
    run: (e) => e.review?.cancelDrafts(),
  },
  {
    keys: "K / Shift+K",
    description: "Review: next / previous box in the review queue",
    matches: (k, e) => reviewing(e) && !drafting(e) && plain(k) && k.code === "KeyK",
    run: (e, _t, k) => e.review?.step(k.shiftKey ? -1 : 1),
  },
  {
    keys: "O / Shift+O",
    description: "Review: pin an issue to the selected box / to its whole track (write it, then Enter)",
    matches: (k, e) => reviewing(e) && !drafting(e) && plain(k) && k.code === "KeyO",
    run: (e, _t, k) => e.review?.beginPin(k.shiftKey ? "track" : "box"),
  },
];
