const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")

MetadataStorage.clear()

// The plugin's scheduled jobs stay off in tests: specs run the job workflows themselves, at known moments, and a job
// firing while the test runner drops and restores the database blocks DROP DATABASE.
process.env.SORTED_PRO_JOBS = process.env.SORTED_PRO_JOBS || "off"
