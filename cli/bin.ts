#!/usr/bin/env node
// The `faultline` executable: all logic lives in main.ts so tests can call it in-process.
import { main } from './main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
