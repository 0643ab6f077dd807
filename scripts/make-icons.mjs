// Draws the Paper Lens icon (a page with a magnifying lens) into public/icons/*.png.
// Run once after changing the design: node scripts/make-icons.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 96, 128];
const SUPERSAMPLE = 4;

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; header[9] = 6; header[10] = 0; header[11] = 0; header[12] = 0;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Colour of one point in unit coordinates (0..1), or null where transparent. */
function shade(x, y) {
  const inRoundedSquare = (() => {
    const r = 0.22;
    const cx = Math.min(Math.max(x, r), 1 - r);
    const cy = Math.min(Math.max(y, r), 1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  })();
  if (!inRoundedSquare) return null;
  // Lens: ring centred slightly up-left, handle towards the lower right.
  const lx = 0.44, ly = 0.42, outer = 0.25, inner = 0.17;
  const d = Math.hypot(x - lx, y - ly);
  const hx = x - 0.62, hy = y - 0.6;
  const along = (hx + hy) / Math.SQRT2;
  const across = Math.abs(hx - hy) / Math.SQRT2;
  const onHandle = along >= 0 && along <= 0.24 && across <= 0.055;
  if ((d <= outer && d >= inner) || onHandle) return [255, 255, 255];
  if (d < inner) {
    // Text lines seen through the lens.
    const line = Math.abs(((y - ly) / 0.085) - Math.round((y - ly) / 0.085)) < 0.22 && Math.abs(x - lx) < 0.1;
    return line ? [255, 214, 102] : [79, 70, 229];
  }
  return [67, 56, 202];
}

mkdirSync('public/icons', { recursive: true });
for (const size of SIZES) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const colour = shade((px + (sx + 0.5) / SUPERSAMPLE) / size, (py + (sy + 0.5) / SUPERSAMPLE) / size);
          if (!colour) continue;
          r += colour[0]; g += colour[1]; b += colour[2]; a += 1;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        rgba[i] = Math.round(r / a); rgba[i + 1] = Math.round(g / a); rgba[i + 2] = Math.round(b / a);
        rgba[i + 3] = Math.round((255 * a) / SUPERSAMPLE ** 2);
      }
    }
  }
  writeFileSync(`public/icons/icon-${size}.png`, png(size, rgba));
}
console.log(`wrote public/icons/icon-{${SIZES.join(',')}}.png`);
