import type { Stage } from "../pipeline/types.js";

export const sentencesStage: Stage = {
  name: "sentences",
  run() {
    return {};
  },
};
