import {
  type AttributeDefinition,
  type ClassDefinition,
  type DisplayNames,
  displayNameIn,
} from "../../core/model/ClassDefinition";
import { currentLanguage } from "./i18n";

/**
 * What the workspace shows for a class, attribute or enum value: the project's display name in the
 * UI language when it gives one, else the canonical name (which annotations and exports keep).
 */
export const classDisplayName = (cls: Pick<ClassDefinition, "name" | "displayNames">): string =>
  displayNameIn(cls, currentLanguage());

/** By canonical class name, looked up in the project's classes (unknown names show as they are). */
export const classNameForDisplay = (
  classes: readonly Pick<ClassDefinition, "name" | "displayNames">[],
  name: string,
): string => {
  const cls = classes.find((c) => c.name === name);
  return cls ? classDisplayName(cls) : name;
};

export const attributeDisplayName = (attr: Pick<AttributeDefinition, "name" | "displayNames">): string =>
  displayNameIn(attr, currentLanguage());

export const attributeValueDisplayName = (attr: AttributeDefinition, value: string): string => {
  if (attr.kind !== "enum") return value;
  const names: DisplayNames | undefined = attr.valueDisplayNames?.[value];
  return names ? displayNameIn({ name: value, displayNames: names }, currentLanguage()) : value;
};
