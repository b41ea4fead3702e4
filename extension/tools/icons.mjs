// Draws the toolbar and store icons (a chat bubble whose lines are blurred) as PNG files, so the
// repository keeps no binary images. No dependencies: a tiny rasteriser and Node's zlib.
import { deflateSync } from "node:zlib";

const BG = [71, 85, 105]; // slate, as the chip
const FG = [255, 255, 255];

// Signed distance to a rounded rectangle centred at (cx, cy).
function roundRect(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.min(Math.max(qx, qy), 0) + Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) - r;
}

// Signed distance to a triangle (the bubble's tail), via its three edges (convex).
function triangle(x, y, pts) {
  let d = -Infinity;
  for (let i = 0; i < 3; i++) {
    const [ax, ay] = pts[i];
    const [bx, by] = pts[(i + 1) % 3];
    const nx = by - ay;
    const ny = ax - bx;
    const len = Math.hypot(nx, ny);
    d = Math.max(d, ((x - ax) * nx + (y - ay) * ny) / len);
  }
  return d;
}

/** RGBA pixel of the icon at unit coordinates (0..1). */
function shade(x, y, px) {
  const aa = (d) => Math.min(1, Math.max(0, 0.5 - d / px));
  const bg = aa(roundRect(x, y, 0.5, 0.5, 0.5, 0.5, 0.22));
  const bubble = Math.max(
    aa(roundRect(x, y, 0.5, 0.45, 0.32, 0.24, 0.1)),
    aa(triangle(x, y, [[0.3, 0.6], [0.46, 0.66], [0.26, 0.84]].map(([a, b]) => [a, b]))),
  );
  // Two lines of "text", drawn soft so they read as blurred.
  const soft = (d) => Math.min(1, Math.max(0, 0.5 - d / Math.max(px, 0.05)));
  const line1 = soft(roundRect(x, y, 0.5, 0.39, 0.2, 0.035, 0.035));
  const line2 = soft(roundRect(x, y, 0.45, 0.51, 0.15, 0.035, 0.035));
  const ink = Math.max(line1, line2) * 0.75;
  const mix = (a, b, t) => a + (b - a) * t;
  const rgb = [0, 1, 2].map((i) => mix(mix(BG[i], FG[i], bubble), BG[i], ink * bubble));
  return [...rgb.map(Math.round), Math.round(255 * bg)];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** The icon as a PNG file of `size` × `size` pixels. */
export function iconPng(size) {
  const S = 4; // 4×4 supersampling
  const raw = Buffer.alloc(size * (1 + size * 4));
  for (let y = 0; y < size; y++) {
    raw[y * (1 + size * 4)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const p = shade((x + (sx + 0.5) / S) / size, (y + (sy + 0.5) / S) / size, 1 / size);
          acc[0] += p[0] * p[3];
          acc[1] += p[1] * p[3];
          acc[2] += p[2] * p[3];
          acc[3] += p[3];
        }
      }
      const o = y * (1 + size * 4) + 1 + x * 4;
      const a = acc[3];
      raw[o] = a ? Math.round(acc[0] / a) : 0;
      raw[o + 1] = a ? Math.round(acc[1] / a) : 0;
      raw[o + 2] = a ? Math.round(acc[2] / a) : 0;
      raw[o + 3] = Math.round(a / (S * S));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
