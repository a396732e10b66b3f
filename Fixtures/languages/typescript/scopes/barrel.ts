// A namespace import exported again: where it is imported, it names the module.
import * as figures from "./casts";
export { figures };
