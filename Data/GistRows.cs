namespace PasteLite.Data;

// Row classes with settable properties: Dapper converts column values (NULL, INTEGER) into them by name.

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

    /// <summary>The SELECT list that fills this row from `gists g JOIN users u`.</summary>
    public const string Columns = """
        g.id AS Id, g.uuid AS Uuid, g.user_id AS UserId, g.title AS Title, g.description AS Description,
        g.visibility AS Visibility, g.forked_id AS ForkedId, g.nb_files AS NbFiles, g.nb_likes AS NbLikes,
        g.nb_forks AS NbForks, g.created_at AS CreatedAt, g.updated_at AS UpdatedAt, g.expires_at AS ExpiresAt,
        g.archived AS Archived, u.username AS OwnerName, u.created_at AS OwnerCreatedAt
        """;
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

    public const string Columns = """
        id AS Id, gist_id AS GistId, version AS Version, parent_version AS ParentVersion, author_name AS AuthorName,
        author_email AS AuthorEmail, created_at AS CreatedAt, additions AS Additions, deletions AS Deletions,
        files_changed AS FilesChanged
        """;
}

/// <summary>One file of a revision with its content.</summary>
internal sealed class RevisionFileRow
{
    public string Filename { get; set; } = "";
    public string BlobHash { get; set; } = "";
    public long Size { get; set; }
    public byte[] Content { get; set; } = [];
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
