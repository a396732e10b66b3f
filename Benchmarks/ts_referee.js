#!/usr/bin/env node
// A second parser for Benchmarks/accuracy.py on JavaScript and TypeScript, beside Babel's (referee.js):
// TypeScript's own parser (the compiler API of Debian's node-typescript; syntax only, no type checking),
// listing the definitions by the same rules as referee.js, written against TypeScript's syntax tree:
//
//   - function, class, interface, enum, type alias and namespace declarations, at any depth, and named
//     function and class expressions;
//   - class members (methods, accessors, constructors, fields; `#x` keeps its `#`), interface and type-literal
//     members (properties, methods, accessors; call and construct signatures name nothing), enum members;
//   - variables outside functions; inside a function only those holding a function, a class or an object
//     literal with members; the body of an immediately invoked function is not a function here;
//   - `a.b = <function | class | object literal>` and `name = <function>` assignments (the last name), and the
//     keys of `name = <object literal>` (not the name: it is declared elsewhere, or a global);
//   - the keys of an object literal that is such a variable's or assignment's value (nested literals too);
//   - the members of a variable's inline object type (`declare const x: { A: number }`).
//
// A file with syntax errors gets no verdict (TypeScript's parser always recovers, and what it recovers is
// not evidence): it prints {"path", "error"}.
//
// usage: ts_referee.js ROOT < paths   (one relative path a line; prints JSON lines {"path", "name", "line"})
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
const [root] = process.argv.slice(2);
const K = ts.SyntaxKind;

const unwrap = (n) => {
  while (n && n.kind === K.ParenthesizedExpression) n = n.expression;
  return n;
};
const isFunction = (n) => (n = unwrap(n)) && (n.kind === K.FunctionExpression || n.kind === K.ArrowFunction);
const isClass = (n) => (n = unwrap(n)) && n.kind === K.ClassExpression;
const isObject = (n) => (n = unwrap(n)) && n.kind === K.ObjectLiteralExpression && n.properties.length > 0;
const functionKinds = new Set([
  K.FunctionDeclaration, K.FunctionExpression, K.ArrowFunction, K.MethodDeclaration, K.Constructor, K.GetAccessor,
  K.SetAccessor,
]);

function definitions(sf, emit) {
  const line = (node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const keyName = (name) => {
    if (!name) return null;
    switch (name.kind) {
      case K.Identifier: case K.PrivateIdentifier: case K.StringLiteral: return name.text;
      case K.NumericLiteral: return sf.text.slice(name.getStart(sf), name.end);  // as written, as Babel's raw
      default: return null;  // computed names
    }
  };
  const named = (node) => {
    const name = keyName(node.name);
    if (name !== null) emit(name, line(node.name));
  };
  const objectKeys = (object, depth) => {
    object = unwrap(object);
    if (depth > 8) return;
    for (const p of object.properties) {
      if (p.kind !== K.PropertyAssignment && p.kind !== K.MethodDeclaration && p.kind !== K.GetAccessor && p.kind !== K.SetAccessor) continue;
      named(p);
      if (p.kind === K.PropertyAssignment && isObject(p.initializer)) objectKeys(p.initializer, depth + 1);
    }
  };
  const typeMembers = (literal, depth) => {
    if (depth > 8 || !literal || literal.kind !== K.TypeLiteral) return;
    for (const m of literal.members) {
      if (!m.name) continue;  // call, construct and index signatures
      named(m);
      if (m.type) typeMembers(m.type, depth + 1);
    }
  };
  const invoked = new Set();
  // An explicit stack: no input can exhaust node's own. Children are pushed in reverse so that a call is seen
  // before the function it invokes (its callee).
  const stack = [[sf, false]];
  while (stack.length > 0) {
    const [node, inFunction] = stack.pop();
    const parent = node.parent;
    const inObject = parent && parent.kind === K.ObjectLiteralExpression;
    switch (node.kind) {
      case K.FunctionDeclaration: case K.FunctionExpression: case K.ClassDeclaration: case K.ClassExpression:
      case K.InterfaceDeclaration: case K.EnumDeclaration: case K.TypeAliasDeclaration: case K.ModuleDeclaration:
      case K.PropertyDeclaration: case K.PropertySignature: case K.MethodSignature: case K.EnumMember:
        if (node.name) named(node);
        break;
      case K.MethodDeclaration: case K.GetAccessor: case K.SetAccessor:
        if (!inObject) named(node);  // an object literal's are its keys, read with the literal
        break;
      case K.Constructor: {
        const at = sf.text.indexOf("constructor", node.getStart(sf));
        if (at >= 0 && at < node.end) emit("constructor", sf.getLineAndCharacterOfPosition(at).line + 1);
        break;
      }
      case K.VariableDeclaration:
        if (node.name.kind === K.Identifier && (!inFunction || isFunction(node.initializer) || isClass(node.initializer) || isObject(node.initializer))) {
          named(node);
          if (isObject(node.initializer)) objectKeys(node.initializer, 0);
          if (node.type) typeMembers(node.type, 0);
        }
        break;
      case K.CallExpression: {
        let callee = unwrap(node.expression);
        if (callee.kind === K.PropertyAccessExpression && ["call", "apply"].includes(callee.name.text)) callee = unwrap(callee.expression);
        if (isFunction(callee)) invoked.add(callee);
        break;
      }
      case K.BinaryExpression: {
        if (node.operatorToken.kind !== K.EqualsToken) break;
        const left = node.left, right = node.right;
        if (left.kind === K.PropertyAccessExpression && (isFunction(right) || isClass(right) || isObject(right))) {
          emit(left.name.text, line(left.name));
          if (isObject(right)) objectKeys(right, 0);
        } else if (left.kind === K.Identifier && isFunction(right)) {
          emit(left.text, line(left));
        } else if (left.kind === K.Identifier && isObject(right)) {
          objectKeys(right, 0);
        }
        break;
      }
    }
    const childInFunction = inFunction || (functionKinds.has(node.kind) && !invoked.has(node));
    const children = [];
    ts.forEachChild(node, (child) => { children.push(child); });
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], childInFunction]);
  }
}

const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (rel) => {
  if (!rel) return;
  let source;
  try {
    source = fs.readFileSync(path.join(root, rel), "utf8");
  } catch (e) {
    return;
  }
  const kind = /\.[mc]?tsx$/.test(rel) ? ts.ScriptKind.TSX : /\.[mc]?ts$/.test(rel) ? ts.ScriptKind.TS
    : ts.ScriptKind.JSX;  // .js, .jsx, .mjs, .cjs: JSX parses plain JavaScript too
  const sf = ts.createSourceFile(rel, source, ts.ScriptTarget.Latest, true, kind);
  if (sf.parseDiagnostics && sf.parseDiagnostics.length > 0) {
    const d = sf.parseDiagnostics[0];
    process.stdout.write(JSON.stringify({ path: rel, error: ts.flattenDiagnosticMessageText(d.messageText, " ") }) + "\n");
    return;
  }
  const seen = new Set();
  definitions(sf, (name, line) => {
    const key = line + "\0" + name;
    if (seen.has(key)) return;
    seen.add(key);
    process.stdout.write(JSON.stringify({ path: rel, name, line }) + "\n");
  });
});
