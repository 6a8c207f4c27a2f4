'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS worker entry: require is how it loads */
/**
 * Worker thread that reads an uploaded workbook (read-xlsx.ts starts it with
 * a memory cap). Plain CommonJS so that it starts the same under Jest, under
 * `node --import tsx` and from compiled JavaScript: it loads xlsx-cells.js
 * when it sits beside it, else xlsx-cells.ts through tsx.
 */
const fs = require('node:fs');
const path = require('node:path');
const { parentPort, workerData } = require('node:worker_threads');

const compiled = path.join(__dirname, 'xlsx-cells.js');
const { readXlsxCells } = fs.existsSync(compiled) ? require(compiled) : require('tsx/cjs/api').require('./xlsx-cells.ts', __filename);

readXlsxCells(Buffer.from(workerData.bytes), workerData.options).then(
  (result) => parentPort.postMessage({ ok: true, result }),
  (err) => parentPort.postMessage({ ok: false, error: { name: String(err && err.name), limit: err && err.limit, message: String(err && err.message) } }),
);
