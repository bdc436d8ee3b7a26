// Writes the same French receipt with five ESC/POS encoders from the npm registry, so the
// printer emulator is tested against other people's byte streams (tests/printer reads the
// checked-in .bin files; npm is not needed to run the tests).
//
//   mkdir /tmp/npm-enc && cd /tmp/npm-enc && npm init -y
//   npm install @point-of-sale/receipt-printer-encoder@4.0.1 node-thermal-printer@4.6.1 \
//       escpos-buffer@4.1.0 receiptline@4.0.4
//   npm install --ignore-scripts esc-pos-encoder@2.1.0   # its native 'canvas' is not built
//   NODE_PATH=/tmp/npm-enc/node_modules node generate.js [output folder]
//
// esc-pos-encoder 2.1.0 is used rather than 3.0.0 because 3.0.0 is only a wrapper around
// receipt-printer-encoder 3: 2.1.0 is the last independent implementation.
'use strict';
const fs = require('fs');
const path = require('path');
const Module = require('module');

const out = process.argv[2] || __dirname;
const LOGO = path.join(__dirname, '../../../config/printers/test-logo.png');

// The receipt, identical for every encoder (tests/printer/test_printer_encoder_streams.cpp
// checks the rendered text against the same strings).
const R = {
  title: 'MAIRIE DE SAINT-ÉTIENNE',
  subtitle: 'Reçu de dépôt n° GU-2026-0042',
  items: [["Carte d'identité", '0,00 €'], ['Timbre fiscal', '86,00 €'], ['Photocopies (3)', '0,45 €'], ['Total', '86,45 €']],
  ean13: '4006381333931',
  qr: 'https://demarches.example.fr/suivi/GU-2026-0042',
  footer: 'Merci, à bientôt !',
};

// esc-pos-encoder 2.1.0 draws images through node-canvas, only to resample an image to the
// size asked for: a stand-in that hands back the pixels given (same size) keeps the encoder's
// own dithering and ESC/POS encoding.
const fakeCanvas = {
  createCanvas(width, height) {
    let pixels = null;
    return {
      getContext: () => ({
        drawImage(img) { pixels = img; },
        getImageData: () => ({ width, height, data: new Uint8ClampedArray(pixels.data) }),
      }),
    };
  },
};
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'canvas' ? fakeCanvas : load.call(this, request, ...rest);
};

// The logo: the shipped test logo (576 × 200), halved and cut to 288 × 96 (multiples of 8
// and 24, which some encoders require).
function logo() {
  const { PNG } = require('pngjs');
  const src = PNG.sync.read(fs.readFileSync(LOGO));
  const width = 288, height = 96;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const s = ((y * 2 + 4) * src.width + x * 2) * 4, d = (y * width + x) * 4;
      for (let c = 0; c < 4; c++) data[d + c] = src.data[s + c];
    }
  const png = new PNG({ width, height });
  Buffer.from(data.buffer).copy(png.data);
  return { width, height, data, png: PNG.sync.write(png) };
}

async function receiptPrinterEncoder(img) {
  const m = require('@point-of-sale/receipt-printer-encoder');
  const Encoder = m.default || m;
  const e = new Encoder({ language: 'esc-pos', printerModel: 'epson-tm-t20iii', columns: 48, imageMode: 'raster' });
  e.initialize().codepage('auto')
    .align('center').image(img, img.width, img.height, 'threshold')
    .bold(true).line(R.title).bold(false).line(R.subtitle)
    .align('left')
    .table([{ width: 36, align: 'left' }, { width: 12, align: 'right' }], R.items.map(([a, b]) => [a, b]))
    .align('center').barcode(R.ean13, 'ean13', 60)
    .qrcode(R.qr, 2, 6, 'm')
    .line(R.footer).cut();
  return Buffer.from(e.encode());
}

function escPosEncoder(img) {
  const Encoder = require('esc-pos-encoder');
  const e = new Encoder({ width: 48, imageMode: 'column' });
  e.initialize().codepage('cp858')
    .align('center').image(img, img.width, img.height, 'threshold')
    .bold(true).line(R.title).bold(false).line(R.subtitle)
    .align('left')
    .table([{ width: 36, align: 'left' }, { width: 12, align: 'right' }], R.items.map(([a, b]) => [a, b]))
    .align('center').barcode(R.ean13, 'ean13', 60)
    .qrcode(R.qr, 2, 6, 'm')
    .line(R.footer).cut();
  return Buffer.from(e.encode());
}

async function nodeThermalPrinter(img) {
  const { printer: ThermalPrinter, types, characterSet } = require('node-thermal-printer');
  const p = new ThermalPrinter({ type: types.EPSON, interface: 'tcp://127.0.0.1:9', characterSet: characterSet.PC858_EURO, width: 48 });
  p.alignCenter();
  await p.printImageBuffer(img.png);
  p.bold(true); p.println(R.title); p.bold(false); p.println(R.subtitle);
  p.alignLeft();
  for (const [a, b] of R.items) p.leftRight(a, b);
  p.alignCenter();
  p.printBarcode(R.ean13, 67, { hriPos: 2, height: 60 });
  p.printQR(R.qr, { cellSize: 6, correction: 'M', model: 2 });
  p.println(R.footer);
  p.cut();
  return p.getBuffer();
}

async function escposBuffer(img) {
  const { Printer, InMemory, Align, Style, Image } = require('escpos-buffer');
  const connection = new InMemory();
  const p = await Printer.CONNECT('TM-T20', connection);
  await p.setColumns(48);
  await p.setCodepage('cp858');
  await p.setAlignment(Align.Center);
  await p.draw(new Image({ data: Buffer.from(img.data.buffer), width: img.width, height: img.height }));
  await p.writeln(R.title, Style.Bold);
  await p.writeln(R.subtitle);
  await p.setAlignment(Align.Left);
  // escpos-buffer has no table: columns are padded with spaces, as its users do.
  for (const [a, b] of R.items) await p.writeln(a + ' '.repeat(48 - a.length - b.length) + b);
  await p.setAlignment(Align.Center);
  // No barcode command in escpos-buffer 4.1.0: that receipt has none.
  await p.qrcode(R.qr, 6);
  await p.writeln(R.footer);
  await p.cutter();
  return connection.buffer();
}

function receiptline(img) {
  const rl = require('receiptline');
  const doc = [
    `{image:${img.png.toString('base64')}}`,
    `"${R.title}"`,
    R.subtitle,
    '-',  // a rule: receiptline draws it with ESC t 1 (katakana page) and 0x95
    ...R.items.map(([a, b]) => `${a} | ${b}`),
    `{code:${R.ean13}; option:ean,hri,3,60}`,
    `{code:${R.qr}; option:qrcode,6,m}`,
    R.footer,
    '=',
  ].join('\n');
  return Buffer.from(rl.transform(doc, { command: 'escpos', cpl: 48, encoding: 'cp858', cutting: true }), 'binary');
}

(async () => {
  const img = logo();
  const encoders = {
    'receipt-printer-encoder': () => receiptPrinterEncoder(img),
    'esc-pos-encoder': () => escPosEncoder(img),
    'node-thermal-printer': () => nodeThermalPrinter(img),
    'escpos-buffer': () => escposBuffer(img),
    'receiptline': () => receiptline(img),
  };
  for (const [name, make] of Object.entries(encoders)) {
    const bytes = await make();
    fs.writeFileSync(path.join(out, `${name}.bin`), bytes);
    console.log(`${name}.bin: ${bytes.length} bytes`);
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
