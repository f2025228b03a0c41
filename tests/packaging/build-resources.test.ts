import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { builderResource, readBuilderConfig } from './builder-config';

/**
 * What electron-builder.yml hands to the macOS and Windows packagers, which cannot run here: the entitlements
 * and Info.plist strings the hardened runtime and the privacy prompts need, and an icon for every platform.
 */

const config = readBuilderConfig();

/** Python's plistlib is strict (expat) where the plist parser in node_modules accepts unclosed tags. */
function readPlist(file: string): Record<string, unknown> {
  const code = 'import json, plistlib, sys; print(json.dumps(plistlib.load(open(sys.argv[1], "rb"))))';
  const r = spawnSync('python3', ['-I', '-c', code, file], { encoding: 'utf8' });
  if (r.error) throw new Error(`python3 is needed to read ${file}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${file} is not a well-formed plist:\n${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** Checks a PNG's chunks (lengths, CRCs, IHDR first, IEND last) and returns its size. */
function pngSize(png: Buffer, what: string): { width: number; height: number } {
  expect(png.subarray(0, 8).toString('hex'), `${what}: PNG signature`).toBe('89504e470d0a1a0a');
  const types: string[] = [];
  let at = 8;
  while (at < png.length) {
    expect(at + 12, `${what}: chunk header past the end`).toBeLessThanOrEqual(png.length);
    const length = png.readUInt32BE(at);
    const end = at + 12 + length;
    expect(end, `${what}: chunk past the end`).toBeLessThanOrEqual(png.length);
    expect(png.readUInt32BE(end - 4), `${what}: CRC of chunk ${types.length}`).toBe(crc32(png.subarray(at + 4, end - 4)));
    types.push(png.toString('latin1', at + 4, at + 8));
    at = end;
  }
  expect(types[0], `${what}: first chunk`).toBe('IHDR');
  expect(types.at(-1), `${what}: last chunk`).toBe('IEND');
  expect(types, `${what}: image data`).toContain('IDAT');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('macOS: hardened runtime and privacy strings', () => {
  it('runs hardened, with entitlements for the app and its helpers that allow the JIT and the microphone', () => {
    expect(config.mac?.hardenedRuntime).toBe(true);
    const files = [config.mac?.entitlements, config.mac?.entitlementsInherit];
    for (const name of files) {
      expect(name, 'mac.entitlements and mac.entitlementsInherit are set').toEqual(expect.any(String));
      const entitlements = readPlist(builderResource(config, name as string));
      expect(entitlements).toMatchObject({
        'com.apple.security.device.audio-input': true,
        'com.apple.security.cs.allow-jit': true,
      });
    }
  });

  it('says in Info.plist why it wants the microphone and the system audio', () => {
    const info = (config.mac?.extendInfo ?? {}) as Record<string, unknown>;
    for (const key of ['NSMicrophoneUsageDescription', 'NSAudioCaptureUsageDescription']) {
      expect(typeof info[key] === 'string' && (info[key] as string).trim().length > 0, `mac.extendInfo.${key}`).toBe(true);
    }
  });
});

describe('icons', () => {
  it('Linux: a square PNG of at least 512 pixels', () => {
    const file = builderResource(config, config.linux?.icon as string);
    const { width, height } = pngSize(readFileSync(file), file);
    expect(width).toBe(height);
    expect(width).toBeGreaterThanOrEqual(512);
  });

  it('Windows: an ICO whose images are PNGs of the sizes its directory gives, 256 included', () => {
    const file = builderResource(config, config.win?.icon as string);
    const ico = readFileSync(file);
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)], 'ICONDIR reserved 0, type 1').toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    expect(count).toBeGreaterThan(0);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const at = 6 + 16 * i;
      const size = ico[at] || 256; // 0 means 256
      const length = ico.readUInt32LE(at + 8);
      const offset = ico.readUInt32LE(at + 12);
      expect(offset + length, `image ${i} lies inside the file`).toBeLessThanOrEqual(ico.length);
      expect(pngSize(ico.subarray(offset, offset + length), `${file} image ${i}`)).toEqual({ width: size, height: size });
      sizes.push(size);
    }
    expect(sizes).toContain(256);
    expect(sizes).toContain(16);
  });

  it('macOS: an ICNS whose PNG elements have the sizes their types stand for, 1024 included', () => {
    const file = builderResource(config, config.mac?.icon as string);
    const icns = readFileSync(file);
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4), 'length in the header').toBe(icns.length);
    const PNG_TYPES: Record<string, number> = {
      icp4: 16,
      icp5: 32,
      icp6: 64,
      ic07: 128,
      ic08: 256,
      ic09: 512,
      ic10: 1024,
      ic11: 32,
      ic12: 64,
      ic13: 256,
      ic14: 512,
    };
    const types: string[] = [];
    let at = 8;
    while (at < icns.length) {
      const type = icns.toString('latin1', at, at + 4);
      const length = icns.readUInt32BE(at + 4);
      expect(length, `${type} length`).toBeGreaterThan(8);
      expect(at + length, `${type} lies inside the file`).toBeLessThanOrEqual(icns.length);
      // Other elements (a table of contents, older bitmap types) may sit beside the PNGs.
      const size = PNG_TYPES[type];
      if (size) expect(pngSize(icns.subarray(at + 8, at + length), `${file} ${type}`)).toEqual({ width: size, height: size });
      types.push(type);
      at += length;
    }
    expect(types).toEqual(expect.arrayContaining(['ic10', 'ic09', 'ic07', 'icp4']));
  });
});
