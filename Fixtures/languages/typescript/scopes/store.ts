export class Store {
  save(): void {}
}

export function helper(n: number): number {
  return n;
}

export default Store;
