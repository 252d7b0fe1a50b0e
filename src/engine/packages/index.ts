/**
 * Every built-in package, in registration order. The registry resolves a call
 * by exact argument tags first, then by signatures with 'any' wildcards.
 */
import type { Package } from '../native.js';
import { ARRAY_PACKAGE } from './array.js';
import { BITS_PACKAGE } from './bits.js';
import { BLOB_PACKAGE } from './blob.js';
import { BLOB_IO_PACKAGE } from './blob-io.js';
import { CONVERSION_PACKAGE } from './conversion.js';
import { JSON_PACKAGE } from './json.js';
import { MAP_PACKAGE } from './map.js';
import { MATH_PACKAGE } from './math.js';
import { OP_ASSIGN, OPERATORS } from './operators.js';
import { RANGE_PACKAGE } from './range.js';
import { STRING_PACKAGE } from './string.js';
import { TIME_PACKAGE } from './time.js';

export const ALL_PACKAGES: Package[] = [
  OPERATORS,
  OP_ASSIGN,
  MATH_PACKAGE,
  STRING_PACKAGE,
  ARRAY_PACKAGE,
  MAP_PACKAGE,
  BLOB_PACKAGE,
  BLOB_IO_PACKAGE,
  RANGE_PACKAGE,
  BITS_PACKAGE,
  TIME_PACKAGE,
  CONVERSION_PACKAGE,
  JSON_PACKAGE,
];

export { blobGet, blobSet } from './blob.js';
export { getBit, setBit, getBits, setBits } from './bits.js';
export { iterateRange, rangeBounds, rangeContains, rangeIsEmpty } from './range.js';
export { sortBuiltin } from './array.js';
export { parseFloat, parseInt } from './conversion.js';
export { parseJson } from './json.js';
export { removeAll } from './operators.js';
export { subString } from './string.js';
