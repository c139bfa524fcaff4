import type { Stage } from "../pipeline/types.js";

export const morphStage: Stage = {
  name: "morph",
  run() {
    return {};
  },
};
