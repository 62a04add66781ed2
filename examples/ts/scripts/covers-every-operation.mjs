// Fails when openapi.json has an operation that src/main.ts never calls, so that a new
// operation cannot reach the spec without an example of its use. openapi-fetch calls name
// the method and the path template literally: client.GET("/courses/{slug}", ...).
import { readFileSync } from "node:fs";

const spec = JSON.parse(readFileSync(new URL("../../../openapi.json", import.meta.url), "utf8"));
const program = readFileSync(new URL("../src/main.ts", import.meta.url), "utf8");
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

const missing = [];
let count = 0;
for (const [path, item] of Object.entries(spec.paths)) {
  for (const method of METHODS.filter((m) => m in item)) {
    count += 1;
    const call = `.${method.toUpperCase()}(${JSON.stringify(path)}`;
    if (!program.replace(/\(\s+/g, "(").includes(call)) {
      missing.push(`${method.toUpperCase()} ${path} (${item[method].operationId})`);
    }
  }
}
if (missing.length > 0) {
  console.error(`src/main.ts calls no client method for:\n  ${missing.join("\n  ")}`);
  process.exit(1);
}
console.log(`src/main.ts calls all ${count} operations in openapi.json`);
