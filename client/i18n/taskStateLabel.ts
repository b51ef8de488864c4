import { t } from "./i18n";

/** Labels of values the server sends as codes: shown translated, unknown codes as they are. */
const TASK_STATES: Record<string, () => string> = {
  labeling: () => t("taskState.labeling"),
  review: () => t("taskState.review"),
  done: () => t("taskState.done"),
  rejected: () => t("taskState.rejected"),
  todo: () => t("taskState.todo"),
  submitted: () => t("taskState.submitted"),
  "in-review": () => t("taskState.in-review"),
  accepted: () => t("taskState.accepted"),
  rework: () => t("taskState.rework"),
};
export const taskStateLabel = (state: string): string => TASK_STATES[state]?.() ?? state;

const ROLES: Record<string, () => string> = {
  admin: () => t("role.admin"),
  lead: () => t("role.lead"),
  annotator: () => t("role.annotator"),
  reviewer: () => t("role.reviewer"),
  viewer: () => t("role.viewer"),
};
export const roleLabel = (role: string): string => ROLES[role]?.() ?? role;
