#!/usr/bin/env bash
# Regenerates, from the app as it is now, everything derived from its OpenAPI document:
#   openapi/chatfake.v1.json              the document served at /swagger/v1/swagger.json
#   clients/csharp/ChatFakeClient.cs      the C# client (NSwag) used by the end-to-end tests
#   clients/typescript/src/schema.d.ts    the TypeScript types (openapi-typescript)
# then type-checks the TypeScript example against the new types. Run it after changing a
# route, a request or a response, and commit what changed; the tests fail until you do.
# Needs the .NET 10 SDK, and Node 20 with npm.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet run --project clients/csharp/Generator

cd clients/typescript
npm ci --no-audit --no-fund --loglevel=error
npm run --silent generate
npm run --silent typecheck
echo "type-checked: clients/typescript"
