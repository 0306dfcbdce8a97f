#!/usr/bin/env bash
# Builds the ECharts the report uses, templates/vendor/echarts/echarts.min.js:
# only the chart types, components and renderer that build/entry.js names,
# bundled and minified by esbuild from the npm packages that
# build/package-lock.json pins (echarts, zrender, tslib, esbuild). About
# 0.6 MB instead of the full build's 1 MB: report.html is smaller, and the
# build compiles and starts ECharts in two thirds of the time.
#   templates/vendor/echarts/update.sh          rebuild from the pinned versions
#   templates/vendor/echarts/update.sh 5.6.1    move to another echarts version
# Then set echartsSHA256 in templates/templates.go to the printed hash and
# run the tests (TestChartsUseOnlyTheVendoredBuild checks that the build has
# every component the charts name; the browser test draws every chart).
set -euo pipefail
cd "$(dirname "$0")"
dest=$PWD
cd build
if [ $# -gt 0 ]; then
  npm install --silent --no-audit --no-fund --save-exact "echarts@$1"
fi
npm ci --silent --no-audit --no-fund
version=$(node -p 'require("echarts/package.json").version')
zrender=$(node -p 'require("zrender/package.json").version')
{
  cat <<EOT
/*
* Licensed to the Apache Software Foundation (ASF) under one
* or more contributor license agreements.  See the NOTICE file
* distributed with this work for additional information
* regarding copyright ownership.  The ASF licenses this file
* to you under the Apache License, Version 2.0 (the
* "License"); you may not use this file except in compliance
* with the License.  You may obtain a copy of the License at
*
*   http://www.apache.org/licenses/LICENSE-2.0
*
* Unless required by applicable law or agreed to in writing,
* software distributed under the License is distributed on an
* "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY
* KIND, either express or implied.  See the License for the
* specific language governing permissions and limitations
* under the License.
*/
/* ECharts $version with zrender $zrender: the parts named in dealaudit's templates/vendor/echarts/build/entry.js. */
EOT
  npx esbuild entry.js --bundle --minify --format=iife --global-name=echarts \
    --target=es2015 --define:process.env.NODE_ENV='"production"' --legal-comments=none --log-level=warning
} > "$dest/echarts.min.js"
# The bundle holds zrender (BSD 3-Clause) and tslib (0BSD) besides ECharts
# (Apache-2.0): LICENSE, which reports ship as assets/LICENSE-echarts.txt,
# carries all three.
{
  cat node_modules/echarts/LICENSE
  printf '\n\n========================================================================\n'
  printf 'echarts.min.js also bundles zrender %s, under this licence:\n\n' "$zrender"
  cat node_modules/zrender/LICENSE
  printf '\n\n========================================================================\n'
  printf 'and tslib %s, under this licence:\n\n' "$(node -p 'JSON.parse(require("fs").readFileSync("node_modules/tslib/package.json")).version')"
  cat node_modules/tslib/LICENSE.txt
} > "$dest/LICENSE"
cp node_modules/echarts/NOTICE "$dest/"
js=$(sha256sum "$dest/echarts.min.js" | cut -d' ' -f1)
cat > "$dest/VERSION" <<EOT
echarts $version with zrender $zrender (npm, versions pinned in build/package-lock.json),
bundled by build/entry.js and update.sh: bar, graph, heatmap, line and pie charts;
grid, legend, tooltip and continuous visualMap components; the SVG renderer
echarts.min.js sha256 $js
EOT
echo "echarts $version vendored; echarts.min.js sha256 $js"
