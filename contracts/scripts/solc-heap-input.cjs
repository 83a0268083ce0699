// solc (soljson.js, WASM) with its standard-JSON input passed on the heap instead of the stack.
//
// Emscripten's `cwrap(..., ["string"])` copies a string argument onto the WASM stack, reserving
// 4 bytes per character; soljson's stack is 5 MiB, so any compilation job whose standard-JSON input
// exceeds about 1.3 MB fails with "RuntimeError: memory access out of bounds" (Hardhat HHE908).
// Hardhat merges all changed roots into one job, so a fresh clone's test build crosses that line.
// This module is what `solidity.path` points at: the real soljson with `solidity_compile` taking
// its input from a malloc'd buffer. Everything else is forwarded unchanged.
"use strict";

const soljson = require("solc/soljson.js");

const heapCwrap = (ident, returnType, argTypes) => {
  if (ident !== "solidity_compile") return soljson.cwrap(ident, returnType, argTypes);
  const compile = soljson.cwrap("solidity_compile", "number", ["number", "number", "number"]);
  return (input, callbackPtr, contextPtr) => {
    const size = soljson.lengthBytesUTF8(input) + 1;
    const ptr = soljson._malloc(size);
    try {
      soljson.stringToUTF8(input, ptr, size);
      return soljson.UTF8ToString(compile(ptr, callbackPtr ?? 0, contextPtr ?? 0));
    } finally {
      soljson._free(ptr);
    }
  };
};

module.exports = new Proxy(soljson, {
  get(target, property) {
    return property === "cwrap" ? heapCwrap : target[property];
  },
});
