/** The environment of an extra Medusa process joining a bench stack (bench/lib/stack.ts): its database, sandbox and Redis. */
import type { Stack } from "../lib/stack"

/**
 * What `medusa exec` or another `medusa start` needs to join `stack`: NODE_ENV development, the stack's database,
 * sandbox and Redis (if any), admin off, the plugin's jobs off (`SORTED_PRO_JOBS`), plus `extra`.
 */
export function stackEnv(stack: Stack, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "development",
    DATABASE_URL: stack.databaseUrl,
    MEDUSA_ADMIN_DISABLE: "true",
    MEDUSA_DISABLE_TELEMETRY: "true",
    SORTED_PRO_SANDBOX_URL: stack.sandbox.url,
    SORTED_PRO_JOBS: "off",
    LOG_LEVEL: "warn",
    ...extra,
  }
  delete env.SORTED_PRO_API_KEY
  delete env.MEDUSA_WORKER_MODE
  delete env.PORT
  if (stack.redisUrl) {
    env.REDIS_URL = stack.redisUrl
  } else {
    delete env.REDIS_URL
  }
  return env
}
