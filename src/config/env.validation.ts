/**
 * Environment variables: one validated, typed source of truth for the gateway
 * (ConfigModule) and the Redis worker process (worker-main) alike.
 * `loadConfig(process.env)` throws ConfigError naming every bad variable.
 */
import os from 'node:os';
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import type { EngineLimitsConfig } from '../worker/script-execution.types.js';

/** Raised for an invalid environment; main/worker-main print it and exit 1. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const CIRCLE_RE = /^[A-Za-z0-9_.:-]{1,128}$/;

/** The variables as class-validator sees them (after int/bool conversion). */
class EnvSchema {
  @IsInt() @Min(0) @Max(65535) PORT = 8080;
  @IsString() @MinLength(1) HOST = '127.0.0.1';
  @IsOptional() @IsString() @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must start with redis:// or rediss://' })
  REDIS_URL?: string;
  @IsString() @Matches(CIRCLE_RE, { message: 'CIRCLE_NAME must match [A-Za-z0-9_.:-]{1,128}' })
  CIRCLE_NAME = 'default';
  @IsString() @Matches(/^[A-Za-z0-9_.:-]{1,128}(,[A-Za-z0-9_.:-]{1,128})*$/, {
    message: 'CIRCLES must be a comma-separated list of circle names ([A-Za-z0-9_.:-]{1,128})',
  })
  CIRCLES = 'default';
  @IsInt() @Min(1) @Max(3_600_000) TASK_TIMEOUT_MS = 30_000;
  @IsInt() @Min(1) @Max(256) WORKER_THREADS = Math.max(1, os.availableParallelism());
  @IsOptional() @IsBoolean() EMBEDDED_WORKERS?: boolean;
  @IsInt() @Min(1) @Max(30 * 24 * 3600) TASK_RESULT_TTL_S = 3600;
  @IsInt() @Min(1) @Max(64 * 1024 * 1024) MAX_SCRIPT_BYTES = 65_536;
  @IsInt() @Min(1024) @Max(256 * 1024 * 1024) MAX_FRAME_BYTES = 1_048_576;
  @IsInt() @Min(1) @Max(1_000_000) MAX_IN_FLIGHT_PER_CONNECTION = 64;
  @IsInt() @Min(1) @Max(100_000_000) MAX_QUEUE_LENGTH = 10_000;
  @IsInt() @Min(0) @Max(3_600_000) SHUTDOWN_GRACE_MS = 10_000;
  @IsInt() @Min(1000) @Max(3_600_000) WORKER_LEASE_MS = 15_000;
  @IsInt() @Min(1) @Max(64) WORKER_PREFETCH = 16;
  @IsInt() @Min(16) @Max(65_536) WORKER_MAX_OLD_GEN_MB = 256;
  @IsInt() @Min(0) RHAI_MAX_OPERATIONS = 500_000_000;
  @IsInt() @Min(0) @Max(100_000) RHAI_MAX_CALL_LEVELS = 64;
  @IsInt() @Min(0) @Max(100_000) RHAI_MAX_EXPR_DEPTH = 64;
  @IsInt() @Min(0) @Max(100_000) RHAI_MAX_FUNCTION_EXPR_DEPTH = 32;
  @IsInt() @Min(0) RHAI_MAX_STRING_SIZE = 16_777_216;
  @IsInt() @Min(0) RHAI_MAX_ARRAY_SIZE = 1_000_000;
  @IsInt() @Min(0) RHAI_MAX_MAP_SIZE = 1_000_000;
  @IsInt() @Min(0) RHAI_MAX_VARIABLES = 0;
}

const INT_VARS = [
  'PORT', 'TASK_TIMEOUT_MS', 'WORKER_THREADS', 'TASK_RESULT_TTL_S', 'MAX_SCRIPT_BYTES',
  'MAX_FRAME_BYTES', 'MAX_IN_FLIGHT_PER_CONNECTION', 'MAX_QUEUE_LENGTH', 'SHUTDOWN_GRACE_MS',
  'WORKER_LEASE_MS', 'WORKER_PREFETCH', 'WORKER_MAX_OLD_GEN_MB', 'RHAI_MAX_OPERATIONS', 'RHAI_MAX_CALL_LEVELS',
  'RHAI_MAX_EXPR_DEPTH', 'RHAI_MAX_FUNCTION_EXPR_DEPTH', 'RHAI_MAX_STRING_SIZE',
  'RHAI_MAX_ARRAY_SIZE', 'RHAI_MAX_MAP_SIZE', 'RHAI_MAX_VARIABLES',
] as const;
const STRING_VARS = ['HOST', 'REDIS_URL', 'CIRCLE_NAME', 'CIRCLES'] as const;
const BOOL_VARS = ['EMBEDDED_WORKERS'] as const;

/** Typed configuration shared by the gateway and the worker process. Also a Nest injection token. */
export class AppConfig {
  port!: number;
  host!: string;
  /** undefined → embedded mode. */
  redisUrl?: string;
  circleName!: string;
  circles!: string[];
  taskTimeoutMs!: number;
  workerThreads!: number;
  /** Run scripts in this process: default true without REDIS_URL, false with it. */
  embeddedWorkers!: boolean;
  taskResultTtlS!: number;
  maxScriptBytes!: number;
  maxFrameBytes!: number;
  maxInFlightPerConnection!: number;
  maxQueueLength!: number;
  shutdownGraceMs!: number;
  workerLeaseMs!: number;
  /** Tasks a Redis worker may hold per thread while its pool keeps up (1 = strictly one per free thread). */
  workerPrefetch!: number;
  workerMaxOldGenMb!: number;
  limits!: EngineLimitsConfig;
}

function toInt(raw: string): number {
  const s = raw.trim();
  // Strict: "12abc", "1e3" and "" are invalid, not silently coerced.
  return /^[+-]?\d+$/.test(s) ? Number(s) : NaN;
}

function toBool(raw: string): boolean | string {
  const s = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(s)) return true;
  if (['0', 'false', 'no', 'off'].includes(s)) return false;
  return raw; // IsBoolean reports it
}

/** Validate `env` and build the typed config. Unset or empty variables take their defaults. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const plain: Record<string, unknown> = {};
  for (const k of INT_VARS) if (env[k]?.trim()) plain[k] = toInt(env[k]!);
  for (const k of STRING_VARS) if (env[k]?.trim()) plain[k] = env[k]!.trim();
  for (const k of BOOL_VARS) if (env[k]?.trim()) plain[k] = toBool(env[k]!);
  const e = plainToInstance(EnvSchema, plain);
  const errors = validateSync(e, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.map((err) => {
      const raw = env[err.property];
      const why = Object.values(err.constraints ?? {}).join('; ');
      return `  ${err.property}=${JSON.stringify(raw)}: ${why}`;
    });
    throw new ConfigError(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  const cfg = new AppConfig();
  cfg.port = e.PORT;
  cfg.host = e.HOST;
  cfg.redisUrl = e.REDIS_URL;
  cfg.circleName = e.CIRCLE_NAME;
  cfg.circles = e.CIRCLES.split(',');
  cfg.taskTimeoutMs = e.TASK_TIMEOUT_MS;
  cfg.workerThreads = e.WORKER_THREADS;
  cfg.embeddedWorkers = e.EMBEDDED_WORKERS ?? e.REDIS_URL === undefined;
  cfg.taskResultTtlS = e.TASK_RESULT_TTL_S;
  cfg.maxScriptBytes = e.MAX_SCRIPT_BYTES;
  cfg.maxFrameBytes = e.MAX_FRAME_BYTES;
  cfg.maxInFlightPerConnection = e.MAX_IN_FLIGHT_PER_CONNECTION;
  cfg.maxQueueLength = e.MAX_QUEUE_LENGTH;
  cfg.shutdownGraceMs = e.SHUTDOWN_GRACE_MS;
  cfg.workerLeaseMs = e.WORKER_LEASE_MS;
  cfg.workerPrefetch = e.WORKER_PREFETCH;
  cfg.workerMaxOldGenMb = e.WORKER_MAX_OLD_GEN_MB;
  cfg.limits = {
    maxOperations: e.RHAI_MAX_OPERATIONS,
    maxCallLevels: e.RHAI_MAX_CALL_LEVELS,
    maxExprDepth: e.RHAI_MAX_EXPR_DEPTH,
    maxFunctionExprDepth: e.RHAI_MAX_FUNCTION_EXPR_DEPTH,
    maxStringSize: e.RHAI_MAX_STRING_SIZE,
    maxArraySize: e.RHAI_MAX_ARRAY_SIZE,
    maxMapSize: e.RHAI_MAX_MAP_SIZE,
    maxVariables: e.RHAI_MAX_VARIABLES,
  };
  return cfg;
}
