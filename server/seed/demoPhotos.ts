/*
 * Photos for the demo issues: small solid-colour PNGs made in code (no binary files in the repo), stored like an
 * upload would be: a `photos` row keyed by the SHA-256 of the bytes, and the bytes at photoPath(dataDir, id).
 * "Before" photos are reddish (the problem), "after" photos greenish (the fix).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deflateSync } from 'node:zlib';
import { photoPath } from '../photoRoutes';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid PNG of `size`×`size` pixels in one RGB colour, with a darker diagonal so it is not a flat swatch. */
export function solidPng(rgb: readonly [number, number, number], size = 32): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour RGB
  const rows: number[] = [];
  for (let y = 0; y < size; y++) {
    rows.push(0); // filter: none
    for (let x = 0; x < size; x++) {
      const shade = x === y ? 0.6 : 1;
      rows.push(...rgb.map((c) => Math.round(c * shade)));
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface DemoPhoto {
  id: string;
  bytes: Buffer;
  kind: 'before' | 'after';
}

const COLOURS: Array<[DemoPhoto['kind'], [number, number, number]]> = [
  ['before', [196, 80, 64]],
  ['before', [176, 112, 72]],
  ['before', [160, 72, 96]],
  ['before', [208, 128, 48]],
  ['after', [72, 160, 96]],
  ['after', [64, 144, 136]],
  ['after', [104, 176, 72]],
  ['after', [56, 128, 88]],
];

export const DEMO_PHOTOS: readonly DemoPhoto[] = COLOURS.map(([kind, rgb]) => {
  const bytes = solidPng(rgb);
  return { id: createHash('sha256').update(bytes).digest('hex'), bytes, kind };
});

export const BEFORE_PHOTO_IDS = DEMO_PHOTOS.filter((p) => p.kind === 'before').map((p) => p.id);
export const AFTER_PHOTO_IDS = DEMO_PHOTOS.filter((p) => p.kind === 'after').map((p) => p.id);

/** Writes the demo photos' bytes where the photo routes read them. Safe to call again. */
export function writeDemoPhotos(dataDir: string): void {
  for (const photo of DEMO_PHOTOS) {
    const path = photoPath(dataDir, photo.id);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, photo.bytes);
  }
}
