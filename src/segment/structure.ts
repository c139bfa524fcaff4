import type { Stage } from "../pipeline/types.js";

export const structureStage: Stage = {
  name: "structure",
  run() {
    return {};
  },
};
