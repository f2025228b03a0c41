#!/usr/bin/env node
// Renders resources/build/icon.svg into the icons the packages use: icon.png (Linux, and the window icon
// there), icon.icns (macOS) and icon.ico (Windows). Run it after changing the SVG and commit what it writes.
// Chromium draws the SVG (the one the browser tests need already, at CHROMIUM_PATH or /usr/bin/chromium), so
// nothing else has to be installed; ICNS and ICO are both a small header plus a table of PNGs, written here.
/* global document -- the callback given to page.evaluate runs in the page */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'build');
const svg = readFileSync(join(dir, 'icon.svg'), 'utf8');

// The SVG's rounded square is 960 of its 1024 units, which suits Windows and Linux (they show the image as it
// is). macOS icons sit on Apple's grid instead, an 824-pixel square in 1024 with room around it for the shadow
// the system draws, so the macOS images widen the viewBox until the square is that size.
const SVG_SIZE = 1024;
const SQUARE = 960;
const MAC_SQUARE = 824;
const macView = SVG_SIZE * (SQUARE / MAC_SQUARE);
const MAC_VIEWBOX = `${(SVG_SIZE - macView) / 2} ${(SVG_SIZE - macView) / 2} ${macView} ${macView}`;

// ICNS element types that hold a PNG, with their pixel size (the @2x ones included).
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32],
  ['icp6', 64],
  ['ic12', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic13', 256],
  ['ic09', 512],
  ['ic14', 512],
  ['ic10', 1024],
];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage({ viewport: { width: SVG_SIZE, height: SVG_SIZE } });
  await page.setContent(`<!doctype html><body style="margin:0;background:transparent">${svg}</body>`);
  /** One PNG of the icon, `size` pixels square, drawn from the vector each time so small sizes stay sharp. */
  const render = async (size, viewBox = `0 0 ${SVG_SIZE} ${SVG_SIZE}`) => {
    await page.evaluate(
      ([s, v]) => {
        const el = document.querySelector('svg');
        el.setAttribute('width', String(s));
        el.setAttribute('height', String(s));
        el.setAttribute('viewBox', v);
        el.style.display = 'block';
      },
      [size, viewBox],
    );
    return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  };

  writeFileSync(join(dir, 'icon.png'), await render(1024));

  const icoImages = [];
  for (const size of ICO_SIZES) icoImages.push({ size, png: await render(size) });
  writeFileSync(join(dir, 'icon.ico'), ico(icoImages));

  const icnsImages = [];
  for (const [type, size] of ICNS_TYPES) icnsImages.push({ type, png: await render(size, MAC_VIEWBOX) });
  writeFileSync(join(dir, 'icon.icns'), icns(icnsImages));
} finally {
  await browser.close();
}
console.log(`wrote icon.png, icon.ico and icon.icns in ${dir}`);

/** ICO: ICONDIR (reserved, type 1 = icon, count), one 16-byte ICONDIRENTRY per image, then the PNGs. 256 is written as 0. */
function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at);
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt8(0, at + 2); // no palette
    header.writeUInt8(0, at + 3);
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}

/** ICNS: 'icns' and the file's length (big-endian), then per image its four-letter type, its length with this 8-byte header, and the PNG. */
function icns(images) {
  const parts = images.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}
