/** Set-up of every kit test file: `jest` as an alias of vitest's `vi` (the specs' mocks are written `jest.fn`). */
import { vi } from "vitest"

Object.assign(globalThis, { jest: vi })
