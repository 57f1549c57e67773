/** Which seeds are kill runs: the server is a child process SIGKILLed mid-run (slower, so a fraction). */
export const KILL_EVERY = Number(process.env.SOAK_KILL_EVERY ?? 10);
export const isKillSeed = (seed: number) => seed % KILL_EVERY === 0;
