/** `jest` is vitest's `vi` in the kit's tests (test/setup.ts). */
declare const jest: (typeof import("vitest"))["vi"]
