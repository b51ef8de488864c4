import { useSyncExternalStore } from "react";
import type { Slice } from "../workspace/Slice";

/** Subscribes a component to one slice of the workspace; it re-renders only when the slice changes. */
export function useSlice<T>(slice: Slice<T>): T {
  return useSyncExternalStore(slice.subscribe, slice.getSnapshot);
}
