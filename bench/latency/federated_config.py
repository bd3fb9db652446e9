#!/usr/bin/env python3
# File: bench/latency/federated_config.py
#
# Rewrites the all-SQLite configuration `tessera gen` writes into the latency
# benchmark's federation: ehr in PostgreSQL, lab in MariaDB, pharmacy (and the
# link index) in SQLite, devices on the hub at the given address. The views
# are kept as generated, so Tessera answers the same unified questions.
#
# Usage: federated_config.py GEN_CONFIG PG_CONN MARIADB_CONN HUB_ADDRESS > OUT
import re
import sys

IDLE = 64
OPEN = 512


def main():
    path, pg, mariadb, hub = sys.argv[1:5]
    text = open(path).read()
    moved = {"ehr": (pg, "POSTGRESQL"), "lab": (mariadb, "MARIADB")}

    def source(match):
        block, name = match.group(0), match.group(1)
        if name in moved:
            conn, dialect = moved[name]
            return (f'source {{\n  name: "{name}"\n  odbc {{\n    connection_string: "{conn}"\n'
                    f'    dialect: {dialect}\n    schema: "{name}"\n    max_idle_connections: {IDLE}\n'
                    f'    max_connections: {OPEN}\n  }}\n}}')
        if name == "devices":
            return re.sub(r'address: "[^"]*"', f'address: "{hub}"', block)
        return block.replace("    dialect: SQLITE\n", f"    dialect: SQLITE\n    max_idle_connections: {IDLE}\n    max_connections: {OPEN}\n")

    out, n = re.subn(r'source \{\n  name: "(\w+)"\n.*?\n\}', source, text, flags=re.S)
    if n < 5 or "POSTGRESQL" not in out or "MARIADB" not in out:
        sys.exit(f"{path}: expected the five sources tessera gen writes, found {n}")
    sys.stdout.write(out)


if __name__ == "__main__":
    main()
