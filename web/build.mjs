// Bundles src/main.ts (with Cytoscape.js) and copies the page shell into api/static/, which
// the API serves at / and /assets/. One file of JS, one of CSS: nothing is fetched from elsewhere.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";

const out = new URL("../api/static/", import.meta.url).pathname;
mkdirSync(out + "assets", { recursive: true });
await build({
  entryPoints: ["src/main.ts"],
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2022",
  legalComments: "linked",
  outfile: out + "assets/app.js",
  logLevel: "warning",
});
copyFileSync("static/index.html", out + "index.html");
copyFileSync("static/app.css", out + "assets/app.css");
