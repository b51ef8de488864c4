import { must } from "../../core/model/must";
import type { Principal } from "./Principal";

/**
 * The principal of a request behind a guard (requireUser, requireProjectRole, requireSequenceRole):
 * the guard answered 401 before the handler ran when there was none, so a missing one here is a
 * route declared without its guard, and fails loudly instead of acting for nobody.
 */
export function signedIn(c: { get(key: "principal"): Principal | null }): Principal {
  return must(c.get("principal"), "the signed-in principal (is the route's guard missing?)");
}
