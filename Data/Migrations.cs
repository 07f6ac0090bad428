using Dapper;
using Microsoft.Data.Sqlite;

namespace PasteLite.Data;

/// <summary>A database written by a newer PasteLite than this one; we refuse to touch it.</summary>
internal sealed class SchemaTooNewException(long found, int known) : Exception(
    $"the database schema is version {found} but this pastelite knows only up to {known}: upgrade pastelite, or restore a backup");

/// <summary>
/// Numbered schema steps tracked in PRAGMA user_version. Step N moves the schema from version N-1 to N.
/// Never edit a step that has shipped: append a new one.
/// </summary>
internal static class Migrations
{
    public static readonly string[] Steps =
    [
        // 1: users, tokens, admin settings, gists with revisions over content-addressed blobs, likes, pastes.
        """
        CREATE TABLE users (
            id                  INTEGER PRIMARY KEY,
            username            TEXT    NOT NULL,
            username_normalized TEXT    NOT NULL UNIQUE,
            email               TEXT    NOT NULL DEFAULT '',
            password_hash       TEXT    NOT NULL DEFAULT '',
            is_admin            INTEGER NOT NULL DEFAULT 0,
            created_at          INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE access_tokens (
            id           INTEGER PRIMARY KEY,
            user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            name         TEXT    NOT NULL,
            token_hash   TEXT    NOT NULL UNIQUE,
            scope_gist   INTEGER NOT NULL DEFAULT 0 CHECK (scope_gist BETWEEN 0 AND 2),
            scope_user   INTEGER NOT NULL DEFAULT 0 CHECK (scope_user BETWEEN 0 AND 2),
            created_at   INTEGER NOT NULL,
            expires_at   INTEGER NOT NULL DEFAULT 0,
            last_used_at INTEGER NOT NULL DEFAULT 0
        ) STRICT;
        CREATE INDEX access_tokens_by_user ON access_tokens(user_id);

        CREATE TABLE admin_settings (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT;
        INSERT INTO admin_settings (key, value) VALUES
            ('disable-signup', '0'), ('require-login', '0'), ('allow-gists-without-login', '0');

        CREATE TABLE blobs (
            hash    TEXT    PRIMARY KEY,
            size    INTEGER NOT NULL,
            content BLOB    NOT NULL
        ) STRICT;

        CREATE TABLE gists (
            id          INTEGER PRIMARY KEY,
            uuid        TEXT    NOT NULL UNIQUE,
            user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            title       TEXT    NOT NULL DEFAULT '',
            description TEXT    NOT NULL DEFAULT '',
            visibility  INTEGER NOT NULL DEFAULT 0 CHECK (visibility BETWEEN 0 AND 2),
            forked_id   INTEGER REFERENCES gists(id) ON DELETE SET NULL,
            nb_files    INTEGER NOT NULL DEFAULT 0,
            nb_likes    INTEGER NOT NULL DEFAULT 0,
            nb_forks    INTEGER NOT NULL DEFAULT 0,
            created_at  INTEGER NOT NULL,
            updated_at  INTEGER NOT NULL,
            expires_at  INTEGER NOT NULL DEFAULT 0,
            archived    INTEGER NOT NULL DEFAULT 0
        ) STRICT;
        CREATE INDEX gists_by_user ON gists(user_id, created_at);
        CREATE INDEX gists_by_visibility ON gists(visibility, created_at);
        CREATE INDEX gists_by_parent ON gists(forked_id);

        CREATE TABLE gist_topics (
            gist_id INTEGER NOT NULL REFERENCES gists(id) ON DELETE CASCADE,
            topic   TEXT    NOT NULL,
            PRIMARY KEY (gist_id, topic)
        ) STRICT;

        CREATE TABLE gist_revisions (
            id             INTEGER PRIMARY KEY,
            gist_id        INTEGER NOT NULL REFERENCES gists(id) ON DELETE CASCADE,
            version        TEXT    NOT NULL,
            parent_version TEXT,
            author_name    TEXT    NOT NULL DEFAULT '',
            author_email   TEXT    NOT NULL DEFAULT '',
            created_at     INTEGER NOT NULL,
            additions      INTEGER NOT NULL DEFAULT 0,
            deletions      INTEGER NOT NULL DEFAULT 0,
            files_changed  INTEGER NOT NULL DEFAULT 0,
            UNIQUE (gist_id, version)
        ) STRICT;
        CREATE INDEX gist_revisions_by_time ON gist_revisions(gist_id, created_at);

        CREATE TABLE gist_revision_files (
            revision_id INTEGER NOT NULL REFERENCES gist_revisions(id) ON DELETE CASCADE,
            filename    TEXT    NOT NULL,
            blob_hash   TEXT    NOT NULL REFERENCES blobs(hash),
            PRIMARY KEY (revision_id, filename)
        ) STRICT;
        CREATE INDEX gist_revision_files_by_blob ON gist_revision_files(blob_hash);

        CREATE TABLE likes (
            user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            gist_id    INTEGER NOT NULL REFERENCES gists(id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (user_id, gist_id)
        ) STRICT;
        CREATE INDEX likes_by_gist ON likes(gist_id);

        CREATE TABLE pastes (
            id              TEXT    PRIMARY KEY,
            content         BLOB    NOT NULL,
            token_hash      TEXT,
            created         INTEGER NOT NULL,
            metadata        TEXT    NOT NULL DEFAULT '{}',
            expires_at      INTEGER,
            burn_after_read INTEGER NOT NULL DEFAULT 0,
            owner_id        INTEGER REFERENCES users(id) ON DELETE SET NULL
        ) STRICT;
        CREATE INDEX pastes_by_created ON pastes(created);
        CREATE INDEX pastes_by_expiry ON pastes(expires_at) WHERE expires_at IS NOT NULL;
        """,

        // 2: browser sessions for the web UI; only a hash of the cookie's token is stored.
        """
        CREATE TABLE sessions (
            token_hash TEXT    PRIMARY KEY,
            user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX sessions_by_user ON sessions(user_id);
        """,

        // 3: gist lists are ordered by updated_at (newest first); without these SQLite sorts every matching gist
        // for each page (bench/run --scale: 100,000 public gists took ~70 ms a page). The expiry index lets a
        // public list's total be counted from the index alone, and finds the next gist to expire in one seek.
        """
        CREATE INDEX gists_by_visibility_updated ON gists(visibility, updated_at);
        CREATE INDEX gists_by_user_updated ON gists(user_id, updated_at);
        CREATE INDEX gists_by_visibility_expiry ON gists(visibility, expires_at);
        """,

        // 4: pastes keyed by a sequence number their id is derived from (Data/PasteIdScheme.cs), so a create appends
        // instead of writing a random leaf of an id index. Only ids drawn at random (every paste before this step)
        // are indexed. seq is an explicit INTEGER PRIMARY KEY: VACUUM may renumber a plain rowid.
        """
        CREATE TABLE pastes_v4 (
            seq             INTEGER PRIMARY KEY,
            id              TEXT    NOT NULL,
            drawn           INTEGER NOT NULL DEFAULT 1 CHECK (drawn IN (0, 1)),
            content         BLOB    NOT NULL,
            token_hash      TEXT,
            created         INTEGER NOT NULL,
            metadata        TEXT    NOT NULL DEFAULT '{}',
            expires_at      INTEGER,
            burn_after_read INTEGER NOT NULL DEFAULT 0,
            owner_id        INTEGER REFERENCES users(id) ON DELETE SET NULL
        ) STRICT;
        INSERT INTO pastes_v4 (seq, id, drawn, content, token_hash, created, metadata, expires_at, burn_after_read, owner_id)
            SELECT rowid, id, 1, content, token_hash, created, metadata, expires_at, burn_after_read, owner_id FROM pastes;
        DROP TABLE pastes;
        ALTER TABLE pastes_v4 RENAME TO pastes;
        CREATE UNIQUE INDEX pastes_by_drawn_id ON pastes(id) WHERE drawn = 1;
        CREATE INDEX pastes_by_created ON pastes(created);
        CREATE INDEX pastes_by_expiry ON pastes(expires_at) WHERE expires_at IS NOT NULL;

        -- The id scheme in use (length and alphabet), its key, and the next sequence number (never reused).
        CREATE TABLE paste_id_scheme (
            only     INTEGER PRIMARY KEY CHECK (only = 1),
            length   INTEGER NOT NULL,
            alphabet TEXT    NOT NULL,
            key      BLOB    NOT NULL,
            next     INTEGER NOT NULL
        ) STRICT;
        """,

        // 5: no index of pastes by creation time. No query used it (the sweeper's condition was a NOT over an OR,
        // which SQLite scans for), and keeping it cost every create ~3% (bench/RESULTS.md). The sweeper finds old
        // pastes by sequence number instead (PasteStore.DeleteExpired).
        """
        DROP INDEX pastes_by_created;
        """,
    ];

    public static int Latest => Steps.Length;

    public static long CurrentVersion(SqliteConnection connection) =>
        connection.ExecuteScalar<long>("PRAGMA user_version");

    public static void EnsureNotNewer(SqliteConnection connection)
    {
        var version = CurrentVersion(connection);
        if (version > Latest) throw new SchemaTooNewException(version, Latest);
    }

    /// <summary>Applies every pending step, each with its version bump in one immediate transaction.</summary>
    public static void Apply(SqliteConnection connection)
    {
        while (true)
        {
            using var transaction = connection.BeginTransaction();
            // Read inside the lock: another process (a CLI command) may have migrated meanwhile.
            var version = CurrentVersion(connection);
            if (version > Latest) throw new SchemaTooNewException(version, Latest);
            if (version == Latest) return;
            connection.Execute(Steps[version], transaction: transaction);
            connection.Execute($"PRAGMA user_version = {version + 1}", transaction: transaction);
            transaction.Commit();
        }
    }
}
