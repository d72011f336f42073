#!/usr/bin/env bash
# Refreshes the playground's vendored libraries in wwwroot/vendor/ from npm: marked (markdown
# to HTML) and DOMPurify (sanitises that HTML), their ES module builds, their licence files,
# and VERSIONS, which records what was taken. The page loads them as they are: no build step.
#   ./scripts/refresh-vendor.sh                  the latest releases
#   ./scripts/refresh-vendor.sh 18.2.1 3.5.0     exact versions of marked and DOMPurify
# Needs npm. Commit what changed, after the browser tests pass.
set -euo pipefail
cd "$(dirname "$0")/.."

marked_version=${1:-latest}
dompurify_version=${2:-latest}
vendor=wwwroot/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# npm pack downloads the package tarball as published, without installing anything.
unpack() {
    local spec=$1 into=$2 tarball
    tarball=$(cd "$work" && npm pack --silent "$spec")
    mkdir -p "$work/$into"
    tar -xzf "$work/$tarball" -C "$work/$into" --strip-components=1
}
unpack "marked@$marked_version" marked
unpack "dompurify@$dompurify_version" dompurify

mkdir -p "$vendor"
cp "$work/marked/lib/marked.esm.js" "$vendor/marked.esm.js"
cp "$work/marked/LICENSE" "$vendor/marked.LICENSE"
cp "$work/dompurify/dist/purify.es.mjs" "$vendor/purify.es.mjs"
cp "$work/dompurify/LICENSE" "$vendor/dompurify.LICENSE"
cp "$work/dompurify/LICENSE-MPL" "$vendor/dompurify.LICENSE-MPL"
version() { node -p "require('$work/$1/package.json').version"; }
cat > "$vendor/VERSIONS" <<VERSIONS
marked $(version marked) (lib/marked.esm.js, MIT: marked.LICENSE)
dompurify $(version dompurify) (dist/purify.es.mjs, MPL-2.0 or Apache-2.0: dompurify.LICENSE, dompurify.LICENSE-MPL)
VERSIONS
cat "$vendor/VERSIONS"
