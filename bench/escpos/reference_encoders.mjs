// Reference ESC/POS encoders from npm, timed on the same receipt as bench_escpos (which runs
// this script in the same run and prints the ratios). Prints one JSON object on stdout.
// Usage: node reference_encoders.mjs <dir with receipt.json, receipt.receiptline, logo> [iterations]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const receiptline = require('receiptline');
const { PNG } = require('pngjs');
const ReceiptPrinterEncoder = (await import('@point-of-sale/receipt-printer-encoder')).default;
const ImageData = (await import('@canvas/image-data')).default;

const dir = process.argv[2];
const iterations = Number(process.argv[3] || 200);
const receipt = JSON.parse(fs.readFileSync(path.join(dir, 'receipt.json'), 'utf8'));
const markup = fs.readFileSync(path.join(dir, 'receipt.receiptline'), 'utf8');
const png = PNG.sync.read(fs.readFileSync(path.join(dir, receipt.logo)));
const logo = new ImageData(new Uint8ClampedArray(png.data), png.width, png.height);

// The same synthetic grey gradient bench_escpos dithers (576 × 300).
const W = 576, H = 304;  // the encoder wants a height that is a multiple of 8
const grad = new Uint8ClampedArray(W * H * 4);
for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
  const v = Math.floor(((x * 255) / (W - 1) + ((y % 300) * 255) / 299) / 2);
  const i = (y * W + x) * 4;
  grad[i] = grad[i + 1] = grad[i + 2] = v; grad[i + 3] = 255;
}
const gradient = new ImageData(grad, W, H);

function median(a) { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; }
function time(fn) {
  for (let i = 0; i < 20; i++) fn();  // warm-up (JIT)
  const samples = [];
  let bytes = 0;
  for (let b = 0; b < 5; b++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < iterations / 5; i++) bytes = fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6 / (iterations / 5));
  }
  return { ms: median(samples), bytes };
}

function dots(label, value, cols) {
  const n = cols - [...label].length - [...value].length - 2;
  return n >= 1 ? `${label} ${'.'.repeat(n)} ${value}` : `${label} ${value}`;
}

function pos(codepage, withLogo = true) {
  const e = new ReceiptPrinterEncoder({ printerModel: 'epson-tm-t20iii', columns: 48 });
  e.initialize().codepage(codepage);
  if (withLogo) e.image(logo, 576, 200, 'floydsteinberg');
  e.align('center').bold(true).width(2).height(2).line(receipt.title).width(1).height(1).bold(false)
   .line(receipt.subtitle).align('left').rule();
  for (const [l, v] of receipt.lines) e.line(dots(l, v, 48));
  e.rule().align('center').qrcode(receipt.qr, 2, 6, 'm');
  for (const f of receipt.footer) e.line(f);
  return e.cut('partial').encode().length;
}

const out = {};
out.receiptline = time(() => receiptline.transform(markup, { cpl: 48, encoding: 'cp858', command: 'escpos', cutting: true }).length);
out.pos_fixed_cp858 = time(() => pos('cp858'));
out.pos_auto = time(() => pos('auto'));
out.pos_no_logo_cp858 = time(() => pos('cp858', false));
out.pos_dither_576x304 = time(() => new ReceiptPrinterEncoder({ printerModel: 'epson-tm-t20iii' }).image(gradient, W, H, 'floydsteinberg').encode().length);
out.node = process.version;
console.log(JSON.stringify(out));
