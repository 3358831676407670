#!/bin/sh
# Stops the build early, with a message saying what to install, when Node.js is missing or too old.
required_major=20
required_minor=19
if ! command -v node >/dev/null 2>&1; then
  echo "appgraph's portal needs Node.js ${required_major}.${required_minor} or newer (with npm) to build, and none was found on PATH." >&2
  echo "Install it from https://nodejs.org or your package manager, or build the API alone with -Dfrontend.skip." >&2
  exit 1
fi
version=$(node --version | sed 's/^v//')
major=${version%%.*}
rest=${version#*.}
minor=${rest%%.*}
if [ "$major" -lt "$required_major" ] || { [ "$major" -eq "$required_major" ] && [ "$minor" -lt "$required_minor" ]; }; then
  echo "appgraph's portal needs Node.js ${required_major}.${required_minor} or newer to build; this machine has ${version}." >&2
  echo "Install a newer Node.js, or build the API alone with -Dfrontend.skip." >&2
  exit 1
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "appgraph's portal needs npm (it comes with Node.js ${version}'s installers) and none was found on PATH." >&2
  exit 1
fi
echo "Node.js ${version}, npm $(npm --version)"
