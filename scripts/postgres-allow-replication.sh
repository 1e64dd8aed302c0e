#!/bin/sh
# For docker-compose.yml: run once by the postgres image when it creates the
# primary's cluster, so that the replica may stream from it (the image lets
# other hosts make only ordinary connections).
echo "host replication registry all scram-sha-256" >> "$PGDATA/pg_hba.conf"
