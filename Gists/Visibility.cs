namespace PasteLite.Gists;

/// <summary>Opengist's visibility levels, stored in gists.visibility as 0, 1, 2.</summary>
internal enum Visibility { Public = 0, Unlisted = 1, Private = 2 }

internal static class Visibilities
{
    public static string Name(Visibility v) => v switch
    {
        Visibility.Unlisted => "unlisted",
        Visibility.Private => "private",
        _ => "public",
    };

    /// <summary>Opengist's accepted spellings; anything else is null (we answer 422 where Opengist coerces to public).</summary>
    public static Visibility? Parse(string? text) => text switch
    {
        "public" or "0" => Visibility.Public,
        "unlisted" or "1" => Visibility.Unlisted,
        "private" or "2" => Visibility.Private,
        _ => null,
    };
}
