interface Deferred<T> {
    pipe<ARD = never, AJD = never,
        BRD = never, BJD = never>(done: (t: T) => ARD): Deferred<ARD>;
    proxy<TReturn,
        A, B>(fn: (a: A, b: B) => TReturn): () => TReturn;
    <T>(v: T): Box<T>;
    new (x: number): Deferred<T>;
    [key: string]: unknown;
    state: string;
}
