// The shape every French catalogue takes from its English one, so a missing or
// extra key fails to compile.
export type Catalogue<T> = { readonly [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };
