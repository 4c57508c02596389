/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling, never part of the package: reads the test certificate next to this file */
// Test-only TLS material for the Milvus emulator: a self-signed certificate for localhost / 127.0.0.1.
// See README.md in this folder. Never use this key for anything but local tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** PEM private key of the test-only self-signed certificate (selfsigned.key). */
export const key = readFileSync(join(__dirname, 'selfsigned.key'), 'utf8');
/** PEM self-signed certificate for CN=localhost, SAN DNS:localhost + IP:127.0.0.1, valid 100 years. */
export const cert = readFileSync(join(__dirname, 'selfsigned.crt'), 'utf8');
