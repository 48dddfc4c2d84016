/**
 * Jest environment for the kit's tests: jsdom (a DOM for React) plus Node's own fetch classes (`fetch`, `Headers`,
 * `Request`, `Response`, web streams), which jsdom lacks and `@medusajs/js-sdk` needs. Tests replace `fetch` with a mock.
 */
const { TestEnvironment } = require("jest-environment-jsdom")

class JsdomWithFetchEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context)
    for (const name of [
      "fetch",
      "Headers",
      "Request",
      "Response",
      "TextEncoder",
      "TextDecoder",
      "TextDecoderStream",
      "ReadableStream",
      "WritableStream",
      "TransformStream",
      "structuredClone",
    ]) {
      if (typeof this.global[name] === "undefined") {
        this.global[name] = globalThis[name]
      }
    }
  }
}

module.exports = JsdomWithFetchEnvironment
