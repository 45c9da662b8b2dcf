// Bundles src/main.ts and copies the page shell into api/static/, which the API serves at /
// and /assets/. The page's script is app.js; what only one view needs (Cytoscape.js, for the
// graph) is split into a chunk under assets/chunks/, fetched when that view first opens.
// Every asset is also written gzipped and brotli'd beside itself (app.js.gz, app.js.br), for
// the API to send to a browser that accepts them: nothing is compressed per request, and
// nothing is fetched from elsewhere.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from "node:zlib";

const out = new URL("../api/static/", import.meta.url).pathname;
mkdirSync(out + "assets", { recursive: true });
// Chunk names carry a hash: an old build's chunks would linger, so the folder starts empty.
// (app.js.LEGAL.txt likewise: the licences it held are now the chunk's.)
rmSync(out + "assets/chunks", { recursive: true, force: true });
rmSync(out + "assets/app.js.LEGAL.txt", { force: true });
await build({
  entryPoints: { app: "src/main.ts" },
  bundle: true,
  splitting: true,
  minify: true,
  format: "esm",
  target: "es2022",
  legalComments: "linked",
  outdir: out + "assets",
  chunkNames: "chunks/[name]-[hash]",
  logLevel: "warning",
});
copyFileSync("static/index.html", out + "index.html");
copyFileSync("static/favicon.svg", out + "assets/favicon.svg");
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

// Compressed copies of every text asset worth compressing (1 KB and up). A copy is
// rewritten only when its source changed, so an unchanged vendored bundle keeps its
// (slow to make) brotli file and the commit stays small.
const COMPRESSIBLE = /\.(js|css|svg|json)$/;
function compressAll(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) compressAll(path);
    else if (COMPRESSIBLE.test(entry.name) && statSync(path).size >= 1024) {
      const source = readFileSync(path);
      for (const [ext, squeeze] of [
        [".gz", () => gzipSync(source, { level: 9 })],
        [".br", () => brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length } })],
      ]) {
        if (isFresh(path + ext, source)) continue;
        writeFileSync(path + ext, squeeze());
      }
    }
  }
}
// A compressed copy is fresh when it decompresses to the source byte for byte.
function isFresh(copy, source) {
  try {
    const packed = readFileSync(copy);
    const unpacked = copy.endsWith(".gz") ? gunzipSync(packed) : brotliDecompressSync(packed);
    return unpacked.equals(source);
  } catch {
    return false;
  }
}
compressAll(out + "assets");
