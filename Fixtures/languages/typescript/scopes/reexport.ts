// Uses of a namespace that barrel.ts exports again.
import { figures } from "./barrel";
export const measure = figures.area;
