// Bundles src/main.ts (with Cytoscape.js) and copies the page shell into api/static/, which
// the API serves at / and /assets/. One file of JS, one of CSS: nothing is fetched from elsewhere.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";

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
// One stylesheet: the page's own, then each area's (static/css/*.css, in name order).
const areaStyles = readdirSync("static/css").filter((n) => n.endsWith(".css")).sort();
writeFileSync(
  out + "assets/app.css",
  [readFileSync("static/app.css", "utf8"), ...areaStyles.map((n) => readFileSync("static/css/" + n, "utf8"))].join("\n"),
);

// /docs: Swagger UI from the swagger-ui-dist package (pinned in package-lock.json), served
// by the API itself with its own starter script. Source-map comments are dropped: the maps
// are not shipped.
const swagger = "node_modules/swagger-ui-dist/";
const noMap = (text) => text.replace(/\n\/[/*]# sourceMappingURL=\S+(\s*\*\/)?\s*$/, "\n");
for (const name of ["swagger-ui-bundle.js", "swagger-ui.css"]) {
  writeFileSync(out + "assets/" + name, noMap(readFileSync(swagger + name, "utf8")));
}
copyFileSync(swagger + "LICENSE", out + "assets/swagger-ui.LICENSE.txt");
copyFileSync("static/docs.html", out + "docs.html");
copyFileSync("static/docs.js", out + "assets/docs.js");

// /redoc: ReDoc's standalone bundle from the redoc package, the same way. The one thing
// it would load from elsewhere, its footer's logo, becomes an empty image (which ReDoc
// hides): the page fetches nothing from another host, and the CSP has nothing to refuse.
const redoc = "node_modules/redoc/";
const logo = "https://cdn.redoc.ly/redoc/logo-mini.svg";
const redocBundle = noMap(readFileSync(redoc + "bundles/redoc.standalone.js", "utf8"));
if (!redocBundle.includes(logo)) console.warn("build.mjs: ReDoc's logo URL moved; check /redoc");
writeFileSync(out + "assets/redoc.standalone.js", redocBundle.replaceAll(logo, "data:,"));
copyFileSync(redoc + "LICENSE", out + "assets/redoc.LICENSE.txt");
copyFileSync("static/redoc.html", out + "redoc.html");
copyFileSync("static/redoc-init.js", out + "assets/redoc-init.js");
