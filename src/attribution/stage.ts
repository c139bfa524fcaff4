import type { Stage } from "../pipeline/types.js";

export const attributionStage: Stage = {
  name: "attribution",
  run() {
    return {};
  },
};
