/** What every figure gets: the scale, the generated county, its file, an in-process connection and the server. */
import type { Db } from '../server/db/open';
import type { County } from './county';
import type { Scale } from './scale';

export interface BenchContext {
  scale: Scale;
  county: County;
  dir: string;
  /** An in-process connection to the county file (the server child has its own). */
  db: Db;
  /** The real server, in a child process, on the same file. */
  url: string;
  /** A bare Express + better-sqlite3 server doing the same work (bench/bareServer.ts), in its own child process. */
  bareUrl: string;
}
