// Every JavaScript declaration form the extractor reads, and the literals that must not derail it.
import { helper } from './helper.js';

export function render(template, data) {
  const pattern = /\{\{(\w+)\}\}/g; // a regex with braces: not a block
  return template.replace(pattern, (_, key) => `${data[key] ?? `{${key}}`}`);
}

export default class Widget extends Base {
  static count = 0;
  #secret = 'class Hidden {}';
  constructor(name) {
    super();
    this.name = name;
    Widget.count += 1;
  }
  get label() { return `Widget ${this.name}`; }
  set label(value) { this.name = value; }
  async load(url) {
    const response = await fetch(url);
    return response.json();
  }
  *items() { yield* this.children; }
  static create(name) { return new Widget(name); }
}

const compose = (...fns) => (x) => fns.reduceRight((acc, fn) => fn(acc), x);
let counter = 0, limit = 10;
var legacy = function legacyName(a, b) { return a / b / 2; };
const ratio = counter / limit; /* division, not a regex */

function* generate() {
  let local = 1;
  yield local;
}

module.exports = { render, Widget, compose };
const widget = Widget.create('main');
