import type { Stage } from "../pipeline/types.js";

export const factsStage: Stage = {
  name: "facts",
  run() {
    return {};
  },
};
