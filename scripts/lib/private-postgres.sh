# Sourced by scripts/test and the bench/*/run scripts: a private, throwaway PostgreSQL cluster built with Debian's
# initdb/pg_ctl on a free loopback port, removed when the calling script exits. Durability is off (fsync, full-page
# writes): it holds only test or benchmark data.
#
#   start_private_postgres [extra postgres -c options…]   sets PRIVATE_POSTGRES (an Npgsql connection string)

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)

start_private_postgres() {
  [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || { echo "PostgreSQL is missing: apt-get install postgresql" >&2; return 1; }
  private_pg_dir=$(mktemp -d /tmp/wenjiu-pg.XXXXXX)
  local port options=""
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  [ "$(id -u)" = 0 ] && chown postgres "$private_pg_dir"
  trap stop_private_postgres EXIT
  run_as_postgres "$pg_bin/initdb" -D "$private_pg_dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
  for option in listen_addresses=127.0.0.1 fsync=off synchronous_commit=off full_page_writes=off "$@"; do
    options+=" -c $option"
  done
  run_as_postgres "$pg_bin/pg_ctl" -D "$private_pg_dir/data" -l "$private_pg_dir/log" -w -t 120 -o "-p $port -k $private_pg_dir$options" start >/dev/null
  PRIVATE_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
}

stop_private_postgres() {
  run_as_postgres "$pg_bin/pg_ctl" -D "$private_pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$private_pg_dir"
}

run_as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
