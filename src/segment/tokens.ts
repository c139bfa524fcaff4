import type { Stage } from "../pipeline/types.js";

export const tokensStage: Stage = {
  name: "tokens",
  run() {
    return {};
  },
};
