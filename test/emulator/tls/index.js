'use strict';
// Test-only TLS material for the Milvus emulator: a self-signed certificate for localhost / 127.0.0.1.
// See README.md in this folder. Never use this key for anything but local tests.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const key = readFileSync(join(__dirname, 'selfsigned.key'), 'utf8');
const cert = readFileSync(join(__dirname, 'selfsigned.crt'), 'utf8');

module.exports = { key, cert };
