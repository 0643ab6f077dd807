/**
 * A bit stream written as base64url text (6 bits a character: letters, digits, '-' and '_', none of which JSON
 * escapes), with Exp-Golomb codes for the non-negative integers the sync codec writes. Values up to 2^53.
 */

export const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE_OF = new Map([...ALPHABET].map((char, i) => [char, i]));

/** floor(log2(w)) for a whole w >= 1, exact: Math.log2 rounds up just below a power of two (2^50 - 2 gives 50). */
function floorLog2(w: number): number {
  let n = Math.floor(Math.log2(w));
  if (2 ** n > w) n--;
  else if (2 ** (n + 1) <= w) n++;
  return n;
}

/** Bits of an Exp-Golomb code of order k for v >= 0. */
export function expGolombBits(v: number, k: number): number {
  const w = Math.floor(v / 2 ** k) + 1;
  return 2 * floorLog2(w) + 1 + k;
}

/** Maps signed integers onto non-negative ones: 0, -1, 1, -2, 2 ... -> 0, 1, 2, 3, 4 ... */
export function zigzag(n: number): number {
  return n >= 0 ? 2 * n : -2 * n - 1;
}

export function unzigzag(z: number): number {
  return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
}

export class BitWriter {
  private readonly chars: string[] = [];
  private pending = 0;
  private pendingBits = 0;
  private written = 0;

  get bits(): number {
    return this.written;
  }

  /** Writes the low `count` bits of `value` (0 <= value < 2^count), most significant first. */
  write(value: number, count: number): void {
    if (count > 24) {
      const low = 24;
      this.write(Math.floor(value / 2 ** low), count - low);
      this.write(value % 2 ** low, low);
      return;
    }
    for (let bit = count - 1; bit >= 0; bit--) {
      this.pending = (this.pending << 1) | ((value >>> bit) & 1);
      this.pendingBits++;
      if (this.pendingBits === 6) {
        this.chars.push(ALPHABET[this.pending]!);
        this.pending = 0;
        this.pendingBits = 0;
      }
    }
    this.written += count;
  }

  /** Exp-Golomb code of order k. */
  writeExpGolomb(v: number, k: number): void {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`Cannot code ${v}`);
    const w = Math.floor(v / 2 ** k) + 1;
    const length = floorLog2(w) + 1;
    this.write(0, length - 1);
    this.write(w, length);
    if (k > 0) this.write(v % 2 ** k, k);
  }

  writeSigned(n: number, k: number): void {
    this.writeExpGolomb(zigzag(n), k);
  }

  toString(): string {
    if (this.pendingBits === 0) return this.chars.join('');
    return this.chars.join('') + ALPHABET[this.pending << (6 - this.pendingBits)]!;
  }
}

export class BitReader {
  private index = 0;
  private current = 0;
  private left = 0;

  constructor(private readonly text: string, private position = 0) {}

  /** Reads `count` bits as an unsigned number; throws at the end of the text. */
  read(count: number): number {
    let value = 0;
    for (let i = 0; i < count; i++) {
      if (this.left === 0) {
        const char = this.text[this.position + this.index++];
        const next = char === undefined ? undefined : VALUE_OF.get(char);
        if (next === undefined) throw new RangeError('The synced text ends early or has a stray character.');
        this.current = next;
        this.left = 6;
      }
      this.left--;
      value = value * 2 + ((this.current >> this.left) & 1);
    }
    return value;
  }

  readExpGolomb(k: number): number {
    let zeros = 0;
    while (this.read(1) === 0) {
      if (++zeros > 53) throw new RangeError('A synced number is out of range.');
    }
    const w = 2 ** zeros + this.read(zeros);
    return (w - 1) * 2 ** k + (k > 0 ? this.read(k) : 0);
  }

  readSigned(k: number): number {
    return unzigzag(this.readExpGolomb(k));
  }
}
