// Exact type equality, so a check fails when a type widens to `any` or `Event` as well as when it is wrong.

/** True only when A and B are the same type (any is equal to nothing but any). */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;

/** Compiles only when `value`'s type is exactly `Expected`. */
export function assertType<Expected>() {
  return <Actual>(value: Actual, ..._exact: Equal<Actual, Expected> extends true ? [] : [never]): Actual => value;
}
