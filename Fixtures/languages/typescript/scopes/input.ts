import { Store, helper as assist } from './store';
import * as util from './util';
import Default from './store';

const limit = 10;

export class Cache<T> extends Store {
  private items: T[] = [];
  count = 0;

  constructor(private readonly backend: Store, size: number) {
    super();
    this.count = size;
  }

  add(item: T): number {
    const limit = this.items.length;
    if (limit > 0) {
      let item = limit;
      return item;
    }
    this.items.push(item);
    this.save();
    this.backend.save();
    return assist(limit);
  }

  total(): number {
    return util.sum(this.count, limit);
  }
}

function outer(values: number[]) {
  var hoisted = 1;
  for (const value of values) {
    hoisted += value;
  }
  {
    let hoisted = 2;
    consume(hoisted);
  }
  return hoisted + later();
  function later() { return limit; }
}

const cache = new Cache<number>(new Store(), 3);
cache.add(1);
const made = make();
made.total();
const options = { depth: 2, nested: { flag: true } };
options.nested.flag;

function make(): Cache<number> {
  return new Cache(new Default(), 1);
}

try {
  outer([1]);
} catch (err) {
  consume(err);
}

const { depth, nested: renamed } = options;
const arrow = (x: number, { y }: { y: number }) => x + y + depth + renamed.flag;

function consume(value: unknown): void {}
