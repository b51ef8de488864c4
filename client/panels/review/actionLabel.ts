import type { TaskAction } from "../../../core/review/TaskState";
import { t } from "../../i18n/i18n";

/** A task action's button label (taskAction.* in the catalogues). */
export const actionLabel = (a: TaskAction | "set"): string => t(`taskAction.${a}`);
