// Runs the CLI from sources (under tsx), so the corpus tests do not depend on a fresh `npm run build`.
import { run } from "../../src/cli/main.js";

process.exitCode = await run(process.argv);
