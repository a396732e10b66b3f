// function commentedOut() {}
import { readFile } from "fs";

export const VERSION = "1.0";
let counter: number = 0, other = 2;
const pattern = /class\s+NotReal\/ {/g;
const greet = (name: string): string => `hello ${name.length > 0 ? `${name}` : "{}"}`;
export const load = async function (path: string) {
  return readFile(path);
};

export function parse(input: string): number {
  const local = 1;
  return input.length / 2;
}

function* generate() {
  yield 1;
}

export default class Parser<T> extends Base implements Reader {
  static readonly MAX = 10;
  private cache = new Map<string, T>();
  #secret: string;
  items?: T[];

  constructor(private readonly source: string) {
    super();
  }

  @memoize
  get size(): number {
    return this.items?.length ?? 0;
  }

  set size(value: number) {}

  async *stream(): AsyncGenerator<T> {}

  protected abstract parseItem(raw: string): T;
}

export interface Reader {
  readonly name: string;
  read(count?: number): string;
  close?(): void;
}

type Callback<T> = (value: T) => void;

export enum Color {
  Red = "red",
  Green = "green",
}

const enum Flags { A = 1, B = A << 1 }

namespace Geometry {
  export function area(r: number) {
    return Math.PI * r * r;
  }
  export namespace Inner {
    export const unit = 1;
  }
}

declare module "untyped" {
  export function anything(): any;
}
