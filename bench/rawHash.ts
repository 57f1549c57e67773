/**
 * The hash the raw-engine baselines write into each event row. Every stored event carries a 64-digit chained hash
 * (server/domain/ledgerChain.ts) and the triggers refuse a row without one; the baselines write a fixed one, so
 * reading the previous hash and computing the SHA-256 stay the project's cost, counted in its figures.
 */
export const RAW_EVENT_HASH = 'f'.repeat(64);
