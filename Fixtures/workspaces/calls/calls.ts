export function parse(text: string): number {
  return text.length;
}

export class Loader {
  load(path: string): number {
    return parse(path) + this.check(path);
  }

  check(path: string): number {
    return parse(path.trim());
  }
}

export function run(): number {
  const loader = new Loader();
  return loader.load("a");
}
