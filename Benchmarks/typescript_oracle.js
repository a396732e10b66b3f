// TypeScript's language service as a go-to-definition and references oracle for JavaScript and TypeScript,
// for Benchmarks/navigation_ts.py. Reads one JSON request per line on stdin, answers one JSON line each:
//
//   {"op": "uses", "file": REL}                       identifiers of a file that are not declaration names:
//                                                     [{line, column, name, member, local}]
//   {"op": "def", "file": REL, "line": L, "column": C} the definitions: {targets: [{file, line, column, kind,
//                                                     local}], external: N}
//   {"op": "refs", "file": REL, "line": L, "column": C} the references: {refs: [{file, line, column}], external: N}
//
// Lines and columns are 1-based, columns in UTF-8 bytes as indexer counts them. Every .ts/.tsx/.js/.jsx/
// .mjs/.cjs file of the tree is a root of one program (allowJs), so scripts see each other's globals and
// relative imports resolve as Node does; targets outside the tree (lib.d.ts, packages) count as external.
//
//   node typescript_oracle.js ROOT
"use strict";
const fs = require("fs");
const path = require("path");
const readline = require("readline");
let ts;
try {
  ts = require("typescript");
} catch (e) {
  ts = require("/usr/share/nodejs/typescript");
}

const root = fs.realpathSync(process.argv[2]);
const extensions = [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts"];

function walk(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === ".indexer" || entry.name === ".git" || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (extensions.some((e) => entry.name.endsWith(e))) out.push(full);
  }
  return out;
}

const files = walk(root, []);
const texts = new Map();
function text(file) {
  if (!texts.has(file)) texts.set(file, fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined);
  return texts.get(file);
}

const options = {
  allowJs: true,
  checkJs: false,
  noEmit: true,
  target: ts.ScriptTarget.ESNext,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.NodeJs,
  jsx: ts.JsxEmit.Preserve,
  esModuleInterop: true,
  allowSyntheticDefaultImports: true,
  skipLibCheck: true,
  experimentalDecorators: true,
};
const host = {
  getScriptFileNames: () => files,
  getScriptVersion: () => "1",
  getScriptSnapshot: (f) => (text(f) === undefined ? undefined : ts.ScriptSnapshot.fromString(text(f))),
  getCurrentDirectory: () => root,
  getCompilationSettings: () => options,
  getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
  fileExists: (f) => fs.existsSync(f),
  readFile: (f) => text(f),
  readDirectory: ts.sys.readDirectory,
  directoryExists: ts.sys.directoryExists,
  getDirectories: ts.sys.getDirectories,
};
const service = ts.createLanguageService(host, ts.createDocumentRegistry());

function sourceFile(file) {
  return service.getProgram().getSourceFile(file);
}

/// UTF-16 offset of a 1-based line and byte column.
function offset(sf, line, column) {
  const start = sf.getLineStarts()[line - 1];
  const lineText = sf.text.slice(start, sf.getLineEndOfPosition(start));
  return start + Buffer.from(lineText, "utf8").subarray(0, column - 1).toString("utf8").length;
}

/// 1-based line and byte column of a UTF-16 offset.
function place(sf, pos) {
  const lc = sf.getLineAndCharacterOfPosition(pos);
  const start = sf.getLineStarts()[lc.line];
  return { line: lc.line + 1, column: Buffer.byteLength(sf.text.slice(start, start + lc.character), "utf8") + 1 };
}

function isFunctionLike(n) {
  return ts.isFunctionLike(n) && n.kind !== ts.SyntaxKind.FunctionType && n.kind !== ts.SyntaxKind.ConstructorType;
}

/// Whether the declaration whose name starts at `pos` is inside a function (a local or a parameter).
function isLocal(sf, pos) {
  let found;
  (function visit(n) {
    if (n.pos > pos || n.end < pos) return;
    if (n.getStart && n.getStart(sf) === pos && ts.isIdentifier(n)) found = n;
    ts.forEachChild(n, visit);
  })(sf);
  // A declaration's own name: start from what encloses the declaration, not the declaration itself.
  let n = found && found.parent;
  if (n && isDeclarationName(found)) n = n.parent;
  for (; n; n = n.parent) if (isFunctionLike(n)) return true;
  return false;
}

function isDeclarationName(node) {
  const parent = node.parent;
  return parent && ts.isDeclaration(parent) && parent.name === node;
}

function inside(file) {
  const real = fs.existsSync(file) ? fs.realpathSync(file) : file;
  return real.startsWith(root + path.sep) && !real.includes("/node_modules/") ? path.relative(root, real) : null;
}

function uses(rel) {
  const sf = sourceFile(path.join(root, rel));
  if (!sf) return [];
  const out = [];
  (function visit(n) {
    if (ts.isIdentifier(n) && !isDeclarationName(n)) {
      const parent = n.parent;
      const member = (ts.isPropertyAccessExpression(parent) && parent.name === n) || (ts.isQualifiedName(parent) && parent.right === n);
      const at = place(sf, n.getStart(sf));
      out.push({ line: at.line, column: at.column, name: n.text, member });
    }
    ts.forEachChild(n, visit);
  })(sf);
  return out;
}

function definitions(rel, line, column) {
  const file = path.join(root, rel);
  const sf = sourceFile(file);
  if (!sf) return { targets: [], external: 0 };
  const found = service.getDefinitionAtPosition(file, offset(sf, line, column)) || [];
  const targets = [];
  let external = 0;
  for (const d of found) {
    const target = inside(d.fileName);
    if (target === null) {
      external++;
      continue;
    }
    const tsf = sourceFile(d.fileName);
    const at = place(tsf, d.textSpan.start);
    targets.push({ file: target, line: at.line, column: at.column, kind: d.kind, local: isLocal(tsf, d.textSpan.start) });
  }
  return { targets, external };
}

function references(rel, line, column) {
  const file = path.join(root, rel);
  const sf = sourceFile(file);
  if (!sf) return { refs: [], external: 0 };
  const found = service.getReferencesAtPosition(file, offset(sf, line, column)) || [];
  const refs = [];
  let external = 0;
  for (const r of found) {
    const target = inside(r.fileName);
    if (target === null) {
      external++;
      continue;
    }
    const at = place(sourceFile(r.fileName), r.textSpan.start);
    refs.push({ file: target, line: at.line, column: at.column });
  }
  return { refs, external };
}

const input = readline.createInterface({ input: process.stdin });
input.on("line", (l) => {
  const request = JSON.parse(l);
  let answer;
  try {
    if (request.op === "uses") answer = uses(request.file);
    else if (request.op === "def") answer = definitions(request.file, request.line, request.column);
    else if (request.op === "refs") answer = references(request.file, request.line, request.column);
    else answer = { error: "unknown op" };
  } catch (e) {
    answer = { error: String(e) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
