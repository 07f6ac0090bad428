#!/usr/bin/env bash
# Prints SQL that seeds PASTES pastes and GISTS public gists straight into a PasteLite database, for the scale run
# (1,000,000 pastes through HTTP would take longer than the benchmark itself). The rows match Data/Migrations.cs
# and what PasteLite writes itself:
# - pastes are stored as PasteLite stores the ones it creates: the id scheme is recorded with KEY_HEX (as
#   Data/PasteIds.cs records it), paste n has sequence number n and the id IDS_FILE's line n gives it
#   (bench/SeedIds prints them from PasteLite's own Data/PasteIdScheme.cs);
# - a gist has one revision whose one file points at a blob of its own (Data/GistWriter.cs).
#   bench/seed.sql.sh PASTES GISTS OWNER_ID ID_LENGTH ID_ALPHABET KEY_HEX IDS_FILE | sqlite3 HOME/pastelite.db
# Gist uuids are 32 hex digits of the gist number, so bench/lua/get.lua can draw them.
set -euo pipefail
pastes=${1:?pastes}; gists=${2:?gists}; owner=${3:?owner id}
id_length=${4:?id length}; id_alphabet=${5:?id alphabet}; key=${6:?key hex}; ids=${7:?ids file}
sql_alphabet=${id_alphabet//"'"/"''"} # a quote in the alphabet, as SQL writes it
[[ $(wc -l <"$ids") -eq $pastes ]] || { echo "seed.sql.sh: $ids does not hold $pastes ids" >&2; exit 1; }

cat <<SQL
PRAGMA journal_mode=WAL;
PRAGMA synchronous=OFF;
BEGIN;
INSERT INTO paste_id_scheme (only, length, alphabet, key, next) VALUES (1, $id_length, '$sql_alphabet', X'$key', $pastes + 1);
CREATE TEMP TABLE seed_ids (id TEXT NOT NULL);
.import $ids seed_ids
INSERT INTO pastes (seq, id, drawn, content, created, metadata)
SELECT rowid, id, 0,
       CAST(printf('paste %d: a line of text that looks like a small log excerpt or a code snippet' || char(10) ||
                   'second line, with some more words to reach a typical size' || char(10), rowid) AS BLOB),
       unixepoch() - (rowid % 86400), '{"lang":"text"}'
FROM seed_ids ORDER BY rowid;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $gists)
INSERT INTO blobs (hash, size, content)
SELECT printf('%064x', i), 60, CAST(printf('gist %10d' || char(10) || 'def main():' || char(10) || '    print("hello")' || char(10) || '#%014d', i, i) AS BLOB)
FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $gists)
INSERT INTO gists (id, uuid, user_id, title, description, visibility, nb_files, created_at, updated_at)
SELECT 1000000000 + i, printf('%032x', i), $owner, 'main.py', printf('seeded gist %d', i), 0, 1,
       unixepoch() - 100000 + i, unixepoch() - 100000 + i
FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $gists)
INSERT INTO gist_revisions (id, gist_id, version, author_name, author_email, created_at, additions, files_changed)
SELECT 1000000000 + i, 1000000000 + i, printf('%040x', i), 'bench', '', unixepoch() - 100000 + i, 4, 1
FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $gists)
INSERT INTO gist_revision_files (revision_id, filename, blob_hash)
SELECT 1000000000 + i, 'main.py', printf('%064x', i)
FROM n;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
