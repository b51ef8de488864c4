import { useSyncExternalStore } from "react";
import { currentHref, parseRoute, type Route, subscribeRoute } from "./route";

export { navigate, parseRoute, type Route } from "./route";

export function useRoute(): Route {
  const href = useSyncExternalStore(subscribeRoute, currentHref);
  const url = new URL(href, "http://x");
  return parseRoute(url.pathname, url.search);
}
