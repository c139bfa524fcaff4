import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repo root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * `../shared` beside the repo: data sets and the reference scorer. A user's fresh clone does not have it;
 * CI does. Tests that read it use `describe.skipIf(!HAS_SHARED)` and say so in their name.
 */
export const SHARED = resolve(process.env.DZHERELO_SHARED ?? join(ROOT, "..", "shared"));
export const HAS_SHARED = existsSync(join(SHARED, "seed", "article.txt"));
if (!HAS_SHARED && process.env.CI === "true") {
  throw new Error(`CI=true but ../shared is missing at ${SHARED}`);
}
export const sharedPath = (...parts: string[]) => join(SHARED, ...parts);
