// Types written by a cast (`value as T`) and by a union of named types (`A | B`).
interface Round {
  kind: "circle";
  radius: number;
}

interface Boxy {
  kind: "square";
  side: number;
}

export type Figure =
  | Round
  | Boxy;

export function area(input: unknown, either: Figure | undefined): number {
  const circle = input as Round;
  const shape = (input as Figure) as Figure;
  const frozen = { side: 1 } as const;
  if (shape.kind === "square") return shape.side * frozen.side;
  return circle.radius * either.radius;
}

// An object type written as a function's result or a variable's type.
function sizing(unit: string): { unit: string; verb(): string } | null {
  return unit ? null : null;
}

export function describe(): string {
  const found = sizing("bytes");
  const spec: { limit: number } = { limit: 1 };
  return found ? found.unit + found.verb() + spec.limit : "";
}

export function limited(options: { max: number; label?: string }): number {
  return options.max;
}
