/**
 * A lookup that misses only when the data contradicts itself (a report's rows built from the same list, a unit
 * the ledger already holds events of): the value, or an error that says what was missing, instead of an
 * `undefined` passed on as if it were there.
 */
export function mustGet<K, V>(map: ReadonlyMap<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`数据不一致：找不到${what}“${String(key)}”`);
  return value;
}
