using Microsoft.Data.Sqlite;

namespace PasteLite.Data;

// Row classes with settable properties: Dapper converts column values (NULL, INTEGER) into them by name. The hot ones
// also read themselves by position (Read), next to their column list so the two stay in step.

/// <summary>A gist joined with its owner.</summary>
internal sealed class GistRow
{
    public long Id { get; set; }
    public string Uuid { get; set; } = "";
    public long UserId { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public long Visibility { get; set; }
    public long? ForkedId { get; set; }
    public long NbFiles { get; set; }
    public long NbLikes { get; set; }
    public long NbForks { get; set; }
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }
    public long ExpiresAt { get; set; }
    public bool Archived { get; set; }
    public string OwnerName { get; set; } = "";
    public long OwnerCreatedAt { get; set; }
    /// <summary>Whether the gist has any topic: topics are rare, so they are looked up only for the gists that have some.</summary>
    public bool HasTopics { get; set; }

    /// <summary>The SELECT list that fills this row from `gists g JOIN users u`.</summary>
    public const string Columns = """
        g.id AS Id, g.uuid AS Uuid, g.user_id AS UserId, g.title AS Title, g.description AS Description,
        g.visibility AS Visibility, g.forked_id AS ForkedId, g.nb_files AS NbFiles, g.nb_likes AS NbLikes,
        g.nb_forks AS NbForks, g.created_at AS CreatedAt, g.updated_at AS UpdatedAt, g.expires_at AS ExpiresAt,
        g.archived AS Archived, u.username AS OwnerName, u.created_at AS OwnerCreatedAt,
        EXISTS (SELECT 1 FROM gist_topics t WHERE t.gist_id = g.id) AS HasTopics
        """;

    public const int ColumnCount = 17;

    /// <summary>The row <see cref="Columns"/> selected, starting at column <paramref name="first"/>.</summary>
    public static GistRow Read(SqliteDataReader r, int first) => new()
    {
        Id = r.GetInt64(first), Uuid = r.GetString(first + 1), UserId = r.GetInt64(first + 2), Title = r.GetString(first + 3),
        Description = r.GetString(first + 4), Visibility = r.GetInt64(first + 5),
        ForkedId = r.IsDBNull(first + 6) ? null : r.GetInt64(first + 6), NbFiles = r.GetInt64(first + 7),
        NbLikes = r.GetInt64(first + 8), NbForks = r.GetInt64(first + 9), CreatedAt = r.GetInt64(first + 10),
        UpdatedAt = r.GetInt64(first + 11), ExpiresAt = r.GetInt64(first + 12), Archived = r.GetInt64(first + 13) != 0,
        OwnerName = r.GetString(first + 14), OwnerCreatedAt = r.GetInt64(first + 15), HasTopics = r.GetInt64(first + 16) != 0,
    };

    public static GistRow Read(SqliteDataReader r) => Read(r, 0);
}

internal sealed class RevisionRow
{
    public long Id { get; set; }
    public long GistId { get; set; }
    public string Version { get; set; } = "";
    public string? ParentVersion { get; set; }
    public string AuthorName { get; set; } = "";
    public string AuthorEmail { get; set; } = "";
    public long CreatedAt { get; set; }
    public long Additions { get; set; }
    public long Deletions { get; set; }
    public long FilesChanged { get; set; }

    /// <summary>The SELECT list that fills this row from `gist_revisions r`.</summary>
    public const string Columns = """
        r.id AS Id, r.gist_id AS GistId, r.version AS Version, r.parent_version AS ParentVersion, r.author_name AS AuthorName,
        r.author_email AS AuthorEmail, r.created_at AS CreatedAt, r.additions AS Additions, r.deletions AS Deletions,
        r.files_changed AS FilesChanged
        """;

    /// <summary>The row <see cref="Columns"/> selected, starting at column <paramref name="first"/>.</summary>
    public static RevisionRow Read(SqliteDataReader r, int first) => new()
    {
        Id = r.GetInt64(first), GistId = r.GetInt64(first + 1), Version = r.GetString(first + 2),
        ParentVersion = r.IsDBNull(first + 3) ? null : r.GetString(first + 3), AuthorName = r.GetString(first + 4),
        AuthorEmail = r.GetString(first + 5), CreatedAt = r.GetInt64(first + 6), Additions = r.GetInt64(first + 7),
        Deletions = r.GetInt64(first + 8), FilesChanged = r.GetInt64(first + 9),
    };

    public static RevisionRow Read(SqliteDataReader r) => Read(r, 0);
}

/// <summary>One file of a revision with its content.</summary>
internal sealed class RevisionFileRow
{
    public string Filename { get; set; } = "";
    public string BlobHash { get; set; } = "";
    public long Size { get; set; }
    public byte[] Content { get; set; } = [];

    /// <summary>The SELECT of a revision's files with their content, `gist_revision_files f JOIN blobs b`.</summary>
    public const string Columns = "f.filename AS Filename, f.blob_hash AS BlobHash, b.size AS Size, b.content AS Content";

    public static RevisionFileRow Read(SqliteDataReader r) => new()
    {
        Filename = r.GetString(0), BlobHash = r.GetString(1), Size = r.GetInt64(2), Content = r.GetFieldValue<byte[]>(3),
    };
}

internal sealed class TopicRow
{
    public long GistId { get; set; }
    public string Topic { get; set; } = "";
}

/// <summary>A file as written: its final name and bytes.</summary>
internal sealed record NewFile(string Name, byte[] Content);

/// <summary>Who a revision is attributed to.</summary>
internal sealed record Author(long UserId, string Name, string Email);
