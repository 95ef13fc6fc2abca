#!/usr/bin/env bash
# A local PostgreSQL for the tests and benchmarks: installs Debian's package when it is missing,
# starts the machine's cluster (creating one if there is none), and makes this user a role that
# owns the database tally_test. Run as root (CI is); safe to run again.
set -euo pipefail

if [ "$(id -u)" != 0 ]; then
    echo "scripts/postgres.sh: run as root (it installs and starts PostgreSQL)" >&2
    exit 1
fi
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "Installing PostgreSQL (Debian package)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
if [ -z "$(pg_lsclusters -h)" ]; then
    pg_createcluster "$(ls /usr/lib/postgresql | sort -n | tail -1)" main
fi
read -r version cluster _ <<<"$(pg_lsclusters -h | head -1)"
pg_ctlcluster "$version" "$cluster" start 2>/dev/null || true  # already running is fine
for _ in $(seq 1 30); do
    pg_isready -q && break
    sleep 1
done
pg_isready

user="$(id -un)"
as_postgres() { su postgres -c "$1"; }
if [ "$(as_postgres "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname = '$user'\"")" != 1 ]; then
    as_postgres "createuser --superuser $user"
fi
if [ "$(as_postgres "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = 'tally_test'\"")" != 1 ]; then
    as_postgres "createdb --owner $user tally_test"
fi
echo "PostgreSQL $version/$cluster is up; tests use postgresql:///tally_test?host=/var/run/postgresql"
