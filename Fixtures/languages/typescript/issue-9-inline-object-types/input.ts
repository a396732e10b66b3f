export declare const palettes: {
    Accent: {
        Accent3: number[];
        Accent4: number[];
    };
    readonly count: number;
    pick(name: string): number[];
};
declare var Colors: { readonly red: 1, green?: 2 };
let plain: number = 3;
