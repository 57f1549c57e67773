/*
 * What the extension's program sees of the libraries that only run in Node: nothing (extension/tsconfig.json maps
 * them here). They reach it only through declarations it reads for their other types: the server's (the router
 * type behind `import type { AppRouter }`: its context holds Express's request, the better-sqlite3 connection and
 * pino's logger) and WXT's (its build config types import Vite). Their own declarations reference Node's types,
 * which would then type-check `process` or `Buffer` in browser code. Nothing the extension uses comes from them:
 * a procedure's input and output are made of the shared schemas and plain data (nodeFree.check.ts fails the
 * typecheck if one of them came to hold an `any` from here).
 */
declare const nodeOnly: never;
export = nodeOnly;
