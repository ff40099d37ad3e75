#!/usr/bin/env bash
# ./run.sh — builds, creates or upgrades the SQLite database under ./data, seeds demo data on the
# first run, starts the Workbench and the Portal, prints their addresses and demo sign-ins, and
# stops both on Ctrl-C. Settings can be changed with environment variables (see README).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
DATA=${RASENS_DATA:-$ROOT/data}
WORKBENCH_URL=${RASENS_WORKBENCH_URL:-http://127.0.0.1:5080}
PORTAL_URL=${RASENS_PORTAL_URL:-http://127.0.0.1:5090}
# The Workbench asks staff for an authenticator code after the password unless told otherwise; the demo tells
# it otherwise so the printed sign-ins work at once. RASENS_REQUIRE_TWO_FACTOR=true keeps it on.
REQUIRE_TWO_FACTOR=${RASENS_REQUIRE_TWO_FACTOR:-false}
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production}

command -v dotnet >/dev/null || { echo "The .NET SDK 10 is required: https://dot.net" >&2; exit 1; }

echo "Building…"
dotnet build src/Rasens.Workbench/Rasens.Workbench.csproj -c Release -nologo -v quiet
dotnet build src/Rasens.Portal/Rasens.Portal.csproj -c Release -nologo -v quiet

mkdir -p "$DATA"
settings=(--Rasens:DataFolder "$DATA" --Rasens:PortalUrl "$PORTAL_URL")
# The apps run from their project folders, where their wwwroot is.
echo "Preparing the database in $DATA…"
(cd src/Rasens.Workbench && dotnet bin/Release/net10.0/Rasens.Workbench.dll migrate "${settings[@]}" --Rasens:SeedDemoData=true)

# Each app runs as a direct child (exec), so the PIDs below are the apps themselves.
(cd src/Rasens.Workbench && exec dotnet bin/Release/net10.0/Rasens.Workbench.dll "${settings[@]}" "--Workbench:RequireTwoFactor=$REQUIRE_TWO_FACTOR" --urls "$WORKBENCH_URL") &
workbench=$!
(cd src/Rasens.Portal && exec dotnet bin/Release/net10.0/Rasens.Portal.dll "${settings[@]}" --urls "$PORTAL_URL") &
portal=$!

stop() {
  trap - INT TERM EXIT
  echo; echo "Stopping…"
  kill -TERM "$workbench" "$portal" 2>/dev/null || true
  wait "$workbench" "$portal" 2>/dev/null || true
}
trap 'stop; exit 0' INT TERM
trap stop EXIT

listening() { # listening <url>: true once something accepts connections on its host and port
  local hostport=${1#*://}
  hostport=${hostport%%/*}
  (exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}") 2>/dev/null
}
for url in "$WORKBENCH_URL" "$PORTAL_URL"; do
  until listening "$url"; do
    if ! kill -0 "$workbench" 2>/dev/null || ! kill -0 "$portal" 2>/dev/null; then
      echo "An app stopped during start-up; see the messages above." >&2
      exit 1
    fi
    sleep 0.5
  done
done

if [ "${REQUIRE_TWO_FACTOR,,}" = "true" ]; then
  two_factor="on: staff set up an authenticator app at their first sign-in, then enter its code every time"
else
  two_factor="off for this demo (staff sign in with the password alone); turn it on with RASENS_REQUIRE_TWO_FACTOR=true ./run.sh"
fi

cat <<MSG

Rasens is running.
  Workbench (staff)      $WORKBENCH_URL
  Portal (applicants)    $PORTAL_URL
  Data folder            $DATA   (database rasens.db, e-mails in mail/*.eml)
  Two-factor sign-in     $two_factor

Demo sign-ins (generated on the first run, kept in $DATA/demo-accounts.txt):
$(sed 's/^/  /' "$DATA/demo-accounts.txt" 2>/dev/null || echo "  (none: this data folder was not seeded by run.sh)")

Press Ctrl-C to stop both.
MSG

wait -n "$workbench" "$portal"
echo "An app stopped; stopping the other." >&2
exit 1
