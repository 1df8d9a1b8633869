// Runs the validation-only wasm build in Node (no wasm-bindgen): a KIM of examples/data/kim_sample.json seated in the
// four-unit code list of src/lib.rs, the same KIM without SK and registration, and text that is not JSON.
// Usage (from this directory): node run.mjs   → error findings 0, 2 (KIM-F3-MISSING, KIM-F4-MISSING), then -1
import { readFileSync } from 'node:fs';

const wasm = readFileSync('target/wasm32-unknown-unknown/release/kim_wasm_validate.wasm');
const { instance } = await WebAssembly.instantiate(wasm, {});
const { alloc, validate_kim, memory } = instance.exports;
const run = (text) => {
  const bytes = new TextEncoder().encode(text);
  const p = alloc(bytes.length);
  new Uint8Array(memory.buffer, p, bytes.length).set(bytes);
  return validate_kim(p, bytes.length);
};
const kim = JSON.parse(readFileSync('../../examples/data/kim_sample.json', 'utf8')).kims[0];
kim.seat = '64.02.01.2001';
const { sk, registration, ...without } = kim;
console.log(`${wasm.length} bytes`);
console.log('KIM-6402-001:', run(JSON.stringify(kim)), 'error findings');
console.log('without SK and registration:', run(JSON.stringify(without)), 'error findings');
console.log('not JSON:', run('not json'));
