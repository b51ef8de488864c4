import { z } from "zod";

export const vec3Schema = z.object({ x: z.number(), y: z.number(), z: z.number() });
export const quatSchema = z.object({ w: z.number(), x: z.number(), y: z.number(), z: z.number() });
export const pose3Schema = z.object({ translationM: vec3Schema, rotation: quatSchema });
