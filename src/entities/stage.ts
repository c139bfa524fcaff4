import type { Stage } from "../pipeline/types.js";

export const entitiesStage: Stage = {
  name: "entities",
  run() {
    return {};
  },
};
