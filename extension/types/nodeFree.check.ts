/*
 * Checked by `npm run typecheck`, never imported (so never built): the extension's program has no Node types, and
 * leaving them out cost the router types nothing.
 *
 * - Each `@ts-expect-error` below fails the typecheck once Node's globals or modules type-check here again (say a
 *   new server dependency whose declarations reference Node reaches the router type: add it to the `paths` of
 *   extension/tsconfig.json that lead to types/nodeOnly.d.ts).
 * - The libraries mapped to types/nodeOnly.d.ts are `any` here: `noLeaks` fails the typecheck when a procedure's
 *   input or output comes to hold such an `any` (it names the procedures; when the `any` is an unresolved type's,
 *   TypeScript can only say `any`: look for a procedure that returns a server library's type).
 */
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@server/routers/_app';

/* eslint-disable no-restricted-globals, @typescript-eslint/no-require-imports -- the Node globals are the point: each must fail to type-check */
// @ts-expect-error Node's `process` is not a browser global.
export const env = process.env;
// @ts-expect-error Node's `Buffer` is not a browser global.
export const bytes = Buffer.from('');
// @ts-expect-error Node's modules are not there to require.
export const fs = require('node:fs');
/* eslint-enable no-restricted-globals, @typescript-eslint/no-require-imports */

type IsAny<T> = 0 extends 1 & T ? true : false;
/** Whether `T` holds an `any` within a few levels (a procedure's data is plain: objects, arrays, primitives). */
type HoldsAny<T, Depth extends unknown[] = []> =
  IsAny<T> extends true
    ? true
    : Depth['length'] extends 6
      ? false
      : T extends readonly (infer E)[]
        ? HoldsAny<E, [...Depth, 0]>
        : T extends object
          ? true extends { [K in keyof T]-?: HoldsAny<T[K], [...Depth, 0]> }[keyof T]
            ? true
            : false
          : false;
/** `router.procedure` for each procedure (of the router's routers) whose type holds an `any`. */
type Leaks<T> = {
  [R in keyof T & string]: { [P in keyof T[R] & string]: HoldsAny<T[R][P]> extends true ? `${R}.${P}` : never }[keyof T[R] & string];
}[keyof T & string];

type RouterLeaks = Leaks<inferRouterInputs<AppRouter>> | Leaks<inferRouterOutputs<AppRouter>>;
export const noLeaks: [RouterLeaks] extends [never] ? true : { procedureTypesHoldingAny: RouterLeaks } = true;
