#!/usr/bin/env node
'use strict';
// Runs the ChatFake binary of this machine's platform package (@chatfake/<rid>, one of the
// optional dependencies; npm installs only the one whose os and cpu match) with this process's
// arguments, environment and standard streams, and ends with its exit code.
const { spawn } = require('node:child_process');
const path = require('node:path');

const platforms = {
  'linux x64': 'linux-x64',
  'linux arm64': 'linux-arm64',
  'darwin x64': 'osx-x64',
  'darwin arm64': 'osx-arm64',
  'win32 x64': 'win-x64',
};

function fail(message) {
  console.error(`chatfake: ${message}`);
  process.exit(1);
}

const here = `${process.platform} ${process.arch}`;
const rid = platforms[here];
if (!rid) {
  fail(`there is no ChatFake build for ${process.platform}-${process.arch}; the builds are for ${Object.keys(platforms).join(', ')}.`);
}

let binary;
try {
  const packageDir = path.dirname(require.resolve(`@chatfake/${rid}/package.json`));
  binary = path.join(packageDir, 'bin', process.platform === 'win32' ? 'chatfake.exe' : 'chatfake');
} catch {
  fail(`the package @chatfake/${rid}, ChatFake for this platform (${here}), is not installed. `
    + 'npm installs it with chatfake unless optional dependencies are left out (--omit=optional, '
    + `--no-optional, a lockfile made on another platform): run \`npm install @chatfake/${rid}@${require('../package.json').version}\`.`);
}

const child = spawn(binary, process.argv.slice(2), { stdio: 'inherit' });

// ChatFake stops gracefully on these (requests answered, journal checkpointed); pass them on
// and wait for it to exit rather than dying first.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}

child.on('error', (error) => fail(`could not start ${binary}: ${error.message}`));
child.on('exit', (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else {
    process.exit(code);
  }
});
