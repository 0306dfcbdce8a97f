#!/usr/bin/env bash
# Vendors the ECharts build the report uses: the full dist/echarts.min.js of
# the npm package at the version given (default: the one vendored now), its
# licence and notice, and its SHA-256, which a test checks.
#   templates/vendor/echarts/update.sh 5.6.0
# Then set echartsSHA256 in templates/templates.go to the printed hash.
set -euo pipefail
cd "$(dirname "$0")/../../.."
version=${1:-$(awk '/^echarts /{print $2; exit}' templates/vendor/echarts/VERSION)}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "echarts@$version" >/dev/null && tar xzf "echarts-$version.tgz")
dest=templates/vendor/echarts
cp "$tmp/package/dist/echarts.min.js" "$tmp/package/LICENSE" "$tmp/package/NOTICE" "$dest/"
tgz=$(sha256sum "$tmp/echarts-$version.tgz" | cut -d' ' -f1)
js=$(sha256sum "$dest/echarts.min.js" | cut -d' ' -f1)
cat > "$dest/VERSION" <<EOT
echarts $version (npm), dist/echarts.min.js: the full build (the "common" build draws heatmaps and graphs empty)
npm tarball sha256 $tgz
echarts.min.js sha256 $js
EOT
echo "echarts $version vendored; echarts.min.js sha256 $js"
