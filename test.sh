#!/usr/bin/env bash
# ./test.sh — installs what is missing, starts throwaway PostgreSQL and SMTP servers on 127.0.0.1,
# builds, runs every test project, and ends with one line: tests: N passed, N failed, N skipped.
# Exit status is non-zero on any failure. CI (.ci/run) runs exactly this.
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
CONFIGURATION=${CONFIGURATION:-Release}

say() { printf '\n== %s\n' "$*"; }

# 1. Debian packages the tests need (CI runs as root; elsewhere sudo is used).
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -f /usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf ] || need+=(fonts-ipaexfont-gothic fonts-ipaexfont-mincho)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || need+=(python3-aiosmtpd)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v qpdf >/dev/null || need+=(qpdf)
if [ ${#need[@]} -gt 0 ]; then
  say "installing: ${need[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || { echo "apt-get could not install: ${need[*]}"; echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
fi
command -v dotnet >/dev/null || { echo "The .NET SDK is required (https://dot.net)."; echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }

# 2. Throwaway servers, removed however this script ends.
# shellcheck source=scripts/test-services.sh
source "$ROOT/scripts/test-services.sh"
trap services_stop EXIT
trap 'services_stop; exit 130' INT TERM
say "starting PostgreSQL and SMTP on 127.0.0.1"
services_start || { echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
echo "$RASENS_TEST_POSTGRES"; echo "SMTP $RASENS_TEST_SMTP"

# 3. Build once, then run every test project.
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
say "building ($CONFIGURATION)"
if ! dotnet build Rasens.sln -c "$CONFIGURATION" -nologo -v quiet; then
  echo "tests: 0 passed, 1 failed, 0 skipped"
  exit 1
fi

RESULTS="$ROOT/TestResults"
rm -rf "$RESULTS/trx"
mkdir -p "$RESULTS/trx" "$RESULTS/screenshots"
say "running tests"
# Each project names its own TRX file (tests/test.props), so none overwrites another.
dotnet test Rasens.sln -c "$CONFIGURATION" --no-build -nologo --results-directory "$RESULTS/trx"
status=$?

# 4. One closing line, summed over every project's TRX file.
passed=0; failed=0; total=0; executed=0
for trx in "$RESULTS"/trx/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed)))
  total=$((total + $(get total))); executed=$((executed + $(get executed)))
done
skipped=$((total - executed))
projects=$(find tests -name '*.csproj' -exec grep -l 'test.props' {} + | wc -l)
reports=$(find "$RESULTS/trx" -name '*.trx' | wc -l)
if [ "$reports" -lt "$projects" ] || { [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; }; then
  echo "A test project did not report (crashed or aborted): $reports of $projects reports."
  failed=$((failed + 1))
fi
echo "Screenshots: $RESULTS/screenshots"
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
