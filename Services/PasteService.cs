using PasteLite.Auth;
using PasteLite.Config;
using PasteLite.Data;

namespace PasteLite.Services;

internal enum PasteCreateError { None, MissingContent, TooLarge, NoFreeId }

/// <summary>The outcome of a create: the stored paste and its raw modification token (null when tokens are off), or why not.</summary>
internal sealed record PasteCreation(PasteCreateError Error, PasteRow? Paste = null, string? ModificationToken = null);

/// <summary>
/// Creating pastes and deciding who may change them, for every paste surface (pasty's API, the terminal, hastebin):
/// one size cap, one id space, one token scheme. Tokens come from a CSPRNG; only their hashes are stored.
/// </summary>
internal sealed class PasteService(PasteStore store, Settings settings, TimeProvider clock)
{
    private readonly string _adminTokenHash = settings.Pasty.AdminToken.Length > 0 ? Secrets.Sha256Hex(settings.Pasty.AdminToken) : "";

    /// <summary>True when content of this many UTF-8 bytes is over pasty.length-cap (0 means no cap).</summary>
    public bool IsTooLarge(long bytes) => settings.Pasty.LengthCap > 0 && bytes > settings.Pasty.LengthCap;

    /// <summary>Stores a new paste under a fresh id (<see cref="PasteIds"/>); an existing paste is never overwritten.</summary>
    public PasteCreation Create(byte[] content, string metadataJson = "{}", PasteExtras? extras = null) =>
        CreateAsync(content, metadataJson, extras, grouped: false).GetAwaiter().GetResult();

    /// <summary><see cref="Create"/>, its insert committed together with concurrent creates (one commit for many).</summary>
    public Task<PasteCreation> CreateAsync(byte[] content, string metadataJson = "{}", PasteExtras? extras = null) =>
        CreateAsync(content, metadataJson, extras, grouped: true);

    private async Task<PasteCreation> CreateAsync(byte[] content, string metadataJson, PasteExtras? extras, bool grouped)
    {
        if (content.Length == 0) return new PasteCreation(PasteCreateError.MissingContent);
        if (IsTooLarge(content.Length)) return new PasteCreation(PasteCreateError.TooLarge);

        var pasty = settings.Pasty;
        var token = pasty.ModificationTokens ? Secrets.RandomString(pasty.ModificationTokenLength, SettingKeys.DefaultIdCharacters) : null;
        var tokenHash = token is null ? "" : Secrets.Sha256Hex(token);
        var paste = new PasteRow("", content, tokenHash, clock.GetUtcNow().ToUnixTimeSeconds(), metadataJson);
        var id = grouped ? await store.TryInsertAsync(paste, extras ?? new PasteExtras()) : store.TryInsert(paste, extras ?? new PasteExtras());
        return id is null ? new PasteCreation(PasteCreateError.NoFreeId) : new PasteCreation(PasteCreateError.None, paste with { Id = id }, token);
    }

    /// <summary>
    /// Whether a bearer credential may modify or delete the paste: the admin token opens every paste; a paste's own
    /// modification token opens only that paste, and only while modification tokens are enabled. Constant-time compares.
    /// </summary>
    public bool MayModify(PasteRow paste, string? credential)
    {
        if (string.IsNullOrEmpty(credential)) return false;
        var hash = Secrets.Sha256Hex(credential);
        var isAdmin = _adminTokenHash.Length > 0 && Secrets.FixedTimeEquals(hash, _adminTokenHash);
        var isOwn = settings.Pasty.ModificationTokens && paste.TokenHash.Length > 0 && Secrets.FixedTimeEquals(hash, paste.TokenHash);
        return isAdmin | isOwn;
    }
}
