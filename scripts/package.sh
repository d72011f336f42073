#!/usr/bin/env bash
# Builds ChatFake as self-contained single-file binaries and packs the npm packages:
#   dist/bin/<rid>/chatfake[.exe]           the binary (runs with no .NET installed)
#   dist/npm/chatfake-<rid>-<version>.tgz   @chatfake/<rid>, the binary, installed only on its os and cpu
#   dist/npm/chatfake-<version>.tgz         chatfake, the launcher, with every platform package as an optional dependency
# Usage: scripts/package.sh [--rid RID ...]   (default: every platform below)
# Publishing to the registry is a release step (docs/DEPLOY.md, "Releasing"), not done here.
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A npm_os=([linux-x64]=linux [linux-arm64]=linux [osx-x64]=darwin [osx-arm64]=darwin [win-x64]=win32)
declare -A npm_cpu=([linux-x64]=x64 [linux-arm64]=arm64 [osx-x64]=x64 [osx-arm64]=arm64 [win-x64]=x64)
all_rids=(linux-x64 linux-arm64 osx-x64 osx-arm64 win-x64)

rids=()
while [ $# -gt 0 ]; do
    case "$1" in
        --rid)
            [ -n "${npm_os[${2:-}]:-}" ] || { echo "package.sh: --rid takes one of: ${all_rids[*]}" >&2; exit 2; }
            rids+=("$2"); shift 2 ;;
        *) echo "usage: scripts/package.sh [--rid RID ...] (RID: ${all_rids[*]})" >&2; exit 2 ;;
    esac
done
[ ${#rids[@]} -gt 0 ] || rids=("${all_rids[@]}")

version=$(dotnet msbuild ChatFake.csproj -getProperty:Version)
echo "ChatFake $version for ${rids[*]}"
rm -rf dist/npm dist/stage
mkdir -p dist/npm dist/stage

# Writes package.json in $1 from the one in $2 (or a new one), with the fields of the JSON $3.
write_package_json() {
    node -e '
        const fs = require("fs");
        const [target, template, fields] = process.argv.slice(1);
        const base = template ? JSON.parse(fs.readFileSync(template, "utf8")) : {};
        fs.writeFileSync(target + "/package.json", JSON.stringify({ ...base, ...JSON.parse(fields) }, null, 2) + "\n");
    ' "$1" "$2" "$3"
}

for rid in "${rids[@]}"; do
    exe=chatfake; built=ChatFake
    [ "${npm_os[$rid]}" = win32 ] && { exe=chatfake.exe; built=ChatFake.exe; }
    dotnet publish ChatFake.csproj -c Release -r "$rid" --self-contained \
        -p:PublishSingleFile=true -p:EnableCompressionInSingleFile=true -p:DebugType=none \
        --artifacts-path dist/build -o "dist/bin/$rid" -nologo -v:q
    stage="dist/stage/$rid"
    mkdir -p "$stage/bin"
    cp "dist/bin/$rid/$built" "$stage/bin/$exe"
    chmod 755 "$stage/bin/$exe"
    write_package_json "$stage" "" "$(printf '{"name":"@chatfake/%s","version":"%s","description":"The ChatFake binary for %s (installed by the chatfake package).","os":["%s"],"cpu":["%s"],"files":["bin/%s"],"preferUnplugged":true}' \
        "$rid" "$version" "$rid" "${npm_os[$rid]}" "${npm_cpu[$rid]}" "$exe")"
    printf '# @chatfake/%s\n\nThe ChatFake binary for %s. Install `chatfake` instead: it depends on this package and runs it.\n' "$rid" "$rid" > "$stage/README.md"
    (cd "$stage" && npm pack --silent --pack-destination ../../npm >/dev/null)
done

stage=dist/stage/chatfake
cp -r npm/chatfake "$stage"
optional=$(printf '"@chatfake/%s":"'"$version"'",' "${all_rids[@]}")
write_package_json "$stage" npm/chatfake/package.json "{\"version\":\"$version\",\"optionalDependencies\":{${optional%,}}}"
(cd "$stage" && npm pack --silent --pack-destination ../../npm >/dev/null)
ls -l dist/npm
