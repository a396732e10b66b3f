// Accessors in an interface are the property they read and write.
interface Doc {
  get location(): Location;
  set location(v: string);
  readonly title: string;
  get(key: string): string;
  set: number;
  new: boolean;
}
// A construct signature names no member.
declare var Document: {
  prototype: Document;
  new(): Document;
  new <T>(init: T): Document;
  get cookie(): string;
};
// A conditional return type spanning lines belongs to its method.
interface LoDashStatic {
  curry(arity?: number):
    T extends (a: infer T1) => infer R ? Function<C1<T1, R>> :
    T extends (a: infer T1, b: infer T2) => infer R ? Function<C2<T1, T2, R>> :
    Function<(...args: any[]) => any>;
  after(n: number): void;
  pick<T>(value: T):
    | Partial<T>
    | undefined;
  omit(x: number): void
}
