import { describe, expect, it } from '@jest/globals';
import type { ArgumentMetadata } from '@nestjs/common';
import { createValidationPipe } from './validation.pipe.js';
import { JsonRpcError } from './jsonrpc.js';
import { PlayLimits, PlayParamsDto } from '../gateway/dto/play-params.dto.js';
import { TaskStatusParamsDto } from '../gateway/dto/task-status-params.dto.js';

const meta = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype, data: 'params' });

async function invalid(value: unknown, metatype: ArgumentMetadata['metatype'] = PlayParamsDto): Promise<JsonRpcError> {
  try {
    await createValidationPipe().transform(value, meta(metatype));
  } catch (e) {
    if (e instanceof JsonRpcError) return e;
    throw e;
  }
  throw new Error('expected a validation error');
}

describe('ValidationPipe (createValidationPipe)', () => {
  it('accepts a valid play params object and returns a DTO instance', async () => {
    const out = await createValidationPipe().transform({ script: '40 + 2', timeoutMs: 500 }, meta(PlayParamsDto));
    expect(out).toBeInstanceOf(PlayParamsDto);
    expect(out).toEqual(expect.objectContaining({ script: '40 + 2', timeoutMs: 500 }));
  });

  it('rejects a missing script with -32602 and class-validator messages', async () => {
    const e = await invalid({});
    expect(e.code).toBe(-32602);
    expect(e.data).toEqual(expect.arrayContaining(['script must be a string']));
  });

  it('rejects an empty script', async () => {
    expect((await invalid({ script: '' })).data).toEqual(['script should not be empty']);
  });

  it('rejects a non-string script', async () => {
    expect((await invalid({ script: 42 })).data).toEqual(expect.arrayContaining(['script must be a string']));
  });

  it('rejects a script over MAX_SCRIPT_BYTES (counted in UTF-8 bytes)', async () => {
    const saved = PlayLimits.maxScriptBytes;
    PlayLimits.maxScriptBytes = 4;
    try {
      await expect(createValidationPipe().transform({ script: 'abcd' }, meta(PlayParamsDto))).resolves.toBeDefined();
      const e = await invalid({ script: 'ééé' }); // 6 bytes, 3 chars
      expect(e.data).toEqual(['script must be at most 4 bytes (UTF-8)']);
    } finally {
      PlayLimits.maxScriptBytes = saved;
    }
  });

  it('rejects timeoutMs that is not a positive integer or exceeds TASK_TIMEOUT_MS', async () => {
    expect((await invalid({ script: '1', timeoutMs: 0 })).data).toEqual(['timeoutMs must not be less than 1']);
    expect((await invalid({ script: '1', timeoutMs: 1.5 })).data).toEqual(['timeoutMs must be an integer number']);
    expect((await invalid({ script: '1', timeoutMs: PlayLimits.maxTimeoutMs + 1 })).data).toEqual([
      `timeoutMs must not be greater than ${PlayLimits.maxTimeoutMs} (TASK_TIMEOUT_MS)`,
    ]);
  });

  it('validates task.status params', async () => {
    expect((await invalid({}, TaskStatusParamsDto)).data).toEqual(expect.arrayContaining(['taskId must be a string']));
  });
});
