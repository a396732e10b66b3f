#!/usr/bin/env node
// The third opinion for Benchmarks/accuracy.py on JavaScript and TypeScript: where indexer and ctags
// disagree, a real parser (Babel's, taken from the node-js corpus: no package is installed) says whether a
// definition stands at (path, name, line). The rules below are the definitions a reader of the code looks
// up, written against Babel's syntax tree and independent of indexer's reader:
//
//   - function, class, interface, enum, type alias and namespace declarations, at any depth, and named
//     function and class expressions;
//   - class members (methods, accessors, constructors, fields; `#x` keeps its `#`), interface and type-literal
//     members, enum members;
//   - variables outside functions; inside a function only those holding a function, a class or an object
//     literal with members (locals holding values are not definitions); the body of an immediately invoked
//     function (`(function () { … })()`, `!function () {}()`, `(() => {})()`, `.call(this)`) is not a
//     function here: what it defines is module-level for its users;
//   - `a.b = <function | class | object literal>` and `name = <function>` assignments (the last name), and the
//     keys of `name = <object literal>` (not the name: it is declared elsewhere, or a global);
//   - the keys of an object literal that is such a variable's or assignment's value (nested literals too);
//   - the members of a variable's inline object type (`declare const x: { A: number }`).
//
// usage: referee.js BABEL_PARSER_JS ROOT < paths   (one relative path a line; prints JSON lines
//        {"path", "name", "line"}; a file Babel cannot parse prints {"path", "error"})
"use strict";
const fs = require("fs");
const path = require("path");
const readline = require("readline");

const [parserPath, root] = process.argv.slice(2);
const babel = require(path.resolve(parserPath));

function keyName(key, computed) {
  if (computed || !key) return null;
  switch (key.type) {
    case "Identifier": return key.name;
    case "StringLiteral": return key.value;
    case "NumericLiteral": return key.extra && key.extra.raw !== undefined ? key.extra.raw : String(key.value);
    case "PrivateName": return "#" + key.id.name;
    default: return null;
  }
}

const isFunction = (n) => n && (n.type === "FunctionExpression" || n.type === "ArrowFunctionExpression");
const isClass = (n) => n && n.type === "ClassExpression";
const isObject = (n) => n && n.type === "ObjectExpression" && n.properties.length > 0;
const functionTypes = new Set([
  "FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression", "ObjectMethod", "ClassMethod",
  "ClassPrivateMethod", "TSDeclareFunction", "TSDeclareMethod",
]);

function definitions(ast, emit) {
  const objectKeys = (object, depth) => {
    if (depth > 8) return;
    for (const p of object.properties) {
      if (p.type !== "ObjectProperty" && p.type !== "ObjectMethod") continue;
      const name = keyName(p.key, p.computed);
      if (name === null || p.shorthand) continue;
      emit(name, p.key.loc.start.line);
      if (p.type === "ObjectProperty" && isObject(p.value)) objectKeys(p.value, depth + 1);
    }
  };
  const typeMembers = (literal, depth) => {
    if (depth > 8 || !literal || literal.type !== "TSTypeLiteral") return;
    for (const m of literal.members) {
      const name = keyName(m.key, m.computed);
      if (name === null) continue;
      emit(name, m.key.loc.start.line);
      if (m.typeAnnotation) typeMembers(m.typeAnnotation.typeAnnotation, depth + 1);
    }
  };
  const invoked = new Set();  // the functions of IIFEs
  // An explicit stack: no input can exhaust node's own.
  const stack = [[ast.program, false]];
  while (stack.length > 0) {
    const [node, inFunction] = stack.pop();
    if (!node || typeof node !== "object") continue;
    if (Array.isArray(node)) {
      for (const child of node) stack.push([child, inFunction]);
      continue;
    }
    switch (node.type) {
      case "FunctionDeclaration": case "FunctionExpression": case "ClassDeclaration": case "ClassExpression":
      case "TSDeclareFunction": case "TSInterfaceDeclaration": case "TSEnumDeclaration": case "TSTypeAliasDeclaration":
        if (node.id) emit(node.id.name, node.id.loc.start.line);
        break;
      case "TSModuleDeclaration":
        if (node.id) emit(node.id.type === "StringLiteral" ? node.id.value : node.id.name, node.id.loc.start.line);
        break;
      case "ClassMethod": case "ClassPrivateMethod": case "ClassProperty": case "ClassPrivateProperty":
      case "ClassAccessorProperty": case "TSDeclareMethod": case "TSPropertySignature": case "TSMethodSignature":
      case "TSEnumMember": {
        const name = keyName(node.key || node.id, node.computed);
        if (name !== null) emit(name, (node.key || node.id).loc.start.line);
        break;
      }
      case "VariableDeclarator":
        if (node.id.type === "Identifier" && (!inFunction || isFunction(node.init) || isClass(node.init) || isObject(node.init))) {
          emit(node.id.name, node.id.loc.start.line);
          if (isObject(node.init)) objectKeys(node.init, 0);
          if (node.id.typeAnnotation) typeMembers(node.id.typeAnnotation.typeAnnotation, 0);
        }
        break;
      case "CallExpression": {
        let callee = node.callee;
        if (callee.type === "MemberExpression" && ["call", "apply"].includes(keyName(callee.property, callee.computed))) callee = callee.object;
        if (isFunction(callee)) invoked.add(callee);
        break;
      }
      case "AssignmentExpression": {
        const left = node.left, right = node.right;
        if (left.type === "MemberExpression" && (isFunction(right) || isClass(right) || isObject(right))) {
          const name = keyName(left.property, left.computed);
          if (name !== null) {  // `cache[key] = { … }` builds a record: no definition
            emit(name, left.property.loc.start.line);
            if (isObject(right)) objectKeys(right, 0);
          }
        } else if (left.type === "Identifier" && isFunction(right)) {
          emit(left.name, left.loc.start.line);
        } else if (left.type === "Identifier" && isObject(right)) {
          objectKeys(right, 0);  // `process = { on: function … }`: the keys, not the name (declared elsewhere)
        }
        break;
      }
    }
    const childInFunction = inFunction || (functionTypes.has(node.type) && !invoked.has(node));
    for (const key in node) {
      if (key === "loc" || key === "start" || key === "end" || key === "extra" || key === "leadingComments"
        || key === "trailingComments" || key === "innerComments") continue;
      const child = node[key];
      if (child && typeof child === "object") stack.push([child, childInFunction]);
    }
  }
}

const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (rel) => {
  if (!rel) return;
  const file = path.join(root, rel);
  let source;
  try {
    source = fs.readFileSync(file, "utf8");
  } catch (e) {
    return;
  }
  const typescript = /\.[mc]?tsx?$/.test(rel);
  const flow = !typescript && /@flow/.test(source.slice(0, 2000));  // Flow-typed sources (vue/src)
  const plugins = typescript ? [["typescript", { dts: rel.endsWith(".d.ts") }], "decorators-legacy"]
    : (flow ? ["flow", "jsx", "decorators-legacy"] : ["jsx", "decorators-legacy"]);
  let ast;
  try {
    ast = babel.parse(source, {
      sourceType: "unambiguous", plugins, errorRecovery: true, allowReturnOutsideFunction: true,
      allowImportExportEverywhere: true, allowUndeclaredExports: true,
    });
  } catch (e) {
    process.stdout.write(JSON.stringify({ path: rel, error: String(e.message).split("\n")[0] }) + "\n");
    return;
  }
  const seen = new Set();
  definitions(ast, (name, line) => {
    const key = line + "\0" + name;
    if (seen.has(key)) return;
    seen.add(key);
    process.stdout.write(JSON.stringify({ path: rel, name, line }) + "\n");
  });
});
