import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DASHBOARD_ORIGIN: z.string().url().optional(),
  /** Behind a reverse proxy: Express's `trust proxy` value (e.g. loopback), so rate limits see the real address. */
  TRUST_PROXY: z.string().min(1).optional(),
  /** Set to 0 to start with an empty database instead of the demo county. */
  SEED_DEMO: z.enum(['0', '1']).default('1'),
});

export type Env = z.infer<typeof envSchema>;

/** Reads the environment, or stops with a message that says which setting is wrong. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    console.error(`环境变量配置有误 (invalid environment):\n${lines}`);
    process.exit(1);
  }
  return parsed.data;
}
