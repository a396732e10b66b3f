// Declarations as .d.ts files write them.
export declare function keys<T = unknown>(obj: {
    [key: string]: T;
} | Map<string, T>): string[];
export declare function keys(obj: object): string[];
export declare function values(obj: object): unknown[];
export declare const Mapping: <K, V>(key_type: Kind<K>, item_type: Kind<V>) => Kinds.Mapping<K, V>;
export declare class NDArray {
    readonly [__ndarray__] = true;
    [clone](cloner: Cloner): this;
    [Symbol.iterator](): Generator<number, void, undefined>;
    get dtype(): string;
    protected _measure(that: this): void;
}
declare global {
    interface Window {
        _bokeh_gmaps_callback: () => void;
    }
}
