import { IsInt, IsNotEmpty, IsOptional, IsString, Min, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Bounds read by the validators below. Decorators are static, the limits come
 * from the environment: GatewayModule sets them once at start-up.
 */
export const PlayLimits = {
  maxScriptBytes: 65_536,
  maxTimeoutMs: 30_000,
};

function MaxUtf8Bytes(limit: () => number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxUtf8Bytes',
      validator: {
        validate: (v: unknown) => typeof v !== 'string' || Buffer.byteLength(v, 'utf8') <= limit(),
        defaultMessage: (a) => `${a?.property} must be at most ${limit()} bytes (UTF-8)`,
      },
    },
    options,
  );
}

function MaxDynamic(limit: () => number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxDynamic',
      validator: {
        validate: (v: unknown) => typeof v !== 'number' || v <= limit(),
        defaultMessage: (a) => `${a?.property} must not be greater than ${limit()} (TASK_TIMEOUT_MS)`,
      },
    },
    options,
  );
}

/** params of `play`. */
export class PlayParamsDto {
  @IsString()
  @IsNotEmpty()
  @MaxUtf8Bytes(() => PlayLimits.maxScriptBytes)
  script!: string;

  /** Per-request timeout; default and upper bound TASK_TIMEOUT_MS. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @MaxDynamic(() => PlayLimits.maxTimeoutMs)
  timeoutMs?: number;

  /** Same rules as the decorators, for the common valid case (see FastValidated). */
  static fastValidate(v: unknown): PlayParamsDto | undefined {
    if (typeof v !== 'object' || v === null) return undefined;
    const o = v as Record<string, unknown>;
    const { script, timeoutMs } = o;
    if (typeof script !== 'string' || script.length === 0) return undefined;
    // UTF-8 needs at most 3 bytes per UTF-16 unit: measure only when it might matter.
    if (script.length * 3 > PlayLimits.maxScriptBytes && Buffer.byteLength(script, 'utf8') > PlayLimits.maxScriptBytes) return undefined;
    if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && (timeoutMs as number) >= 1 && (timeoutMs as number) <= PlayLimits.maxTimeoutMs)) return undefined;
    for (const k in o) if (k !== 'script' && k !== 'timeoutMs') return undefined; // let whitelist strip it
    const dto = new PlayParamsDto();
    dto.script = script;
    if (timeoutMs !== undefined) dto.timeoutMs = timeoutMs as number;
    return dto;
  }
}
