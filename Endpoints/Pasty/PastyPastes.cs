using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using PasteLite.Auth;
using PasteLite.Config;
using PasteLite.Data;
using PasteLite.Services;

namespace PasteLite.Endpoints.Pasty;

/// <summary>
/// /api/v2/pastes: create, read, update, delete. Check order follows pasty: (rate limit) → paste lookup (404) →
/// token (401) → body (400) → validation (400).
/// </summary>
internal static class PastyPastes
{
    /// <summary>GET: reading the content burns a burn-after-reading paste, as every content read does.</summary>
    public static IResult Get(string id, PasteStore store) =>
        store.Read(id) is { } paste ? Answer(paste) : PastyErrors.PasteNotFound();

    /// <summary>
    /// POST: 201 with the paste, and its modification token this once when tokens are on. With pasty.require-token,
    /// only holders of a personal access token with gist:write may create (a bad token counts against the client,
    /// 429 past the limit), and the paste records its owner.
    /// </summary>
    public static async Task<IResult> Create(HttpRequest request, PasteService pastes, AccessTokenCheck tokens, Settings settings)
    {
        long? owner = null;
        if (settings.Pasty.RequireToken)
        {
            var (check, grant) = tokens.Check(request.HttpContext);
            if (check == TokenCheck.Throttled) return TooManyFailures();
            if (grant is null || grant.Scopes.Gist < ScopeLevel.Write) return PastyErrors.Unauthorized();
            owner = grant.UserId;
        }

        var (document, error) = await PastyRequests.ReadJsonAsync(request, BodyLimit(settings), PastyErrors.TooLarge);
        if (document is null) return error!;
        using (document)
        {
            var (payload, invalid) = PastyRequests.ReadPaste(document.RootElement, storedForm: true);
            if (payload is null) return invalid!;
            if (string.IsNullOrEmpty(payload.Content)) return PastyErrors.MissingContent();
            var content = Encoding.UTF8.GetBytes(payload.Content);
            if (pastes.IsTooLarge(content.Length)) return PastyErrors.TooLarge();
            var metadata = payload.StoredMetadata; // within the bounds already
            if (metadata is null)
            {
                var parsed = payload.Metadata ?? new JsonObject();
                if (!PastyMetadata.WithinLimits(parsed)) return PastyErrors.MetadataTooLarge();
                metadata = PastyMetadata.ToJson(parsed);
            }

            var created = await pastes.CreateAsync(content, metadata, new PasteExtras(OwnerId: owner));
            return created.Error switch
            {
                PasteCreateError.None => Answer(created.Paste!, created.ModificationToken, StatusCodes.Status201Created),
                PasteCreateError.MissingContent => PastyErrors.MissingContent(),
                PasteCreateError.TooLarge => PastyErrors.TooLarge(),
                _ => PastyErrors.NoFreeId(),
            };
        }
    }

    /// <summary>PATCH: content replaced when given, metadata merged key by key; 200 with the updated paste (pasty sends an empty 200).</summary>
    public static async Task<IResult> Update(string id, HttpRequest request, PasteStore store, PasteService pastes, Settings settings,
        [FromServices] FailedAttempts failures)
    {
        if (store.Find(id) is not { } paste) return PastyErrors.PasteNotFound();
        if (Refuse(request, paste, pastes, failures, settings) is { } refused) return refused;

        var (document, error) = await PastyRequests.ReadJsonAsync(request, BodyLimit(settings), PastyErrors.TooLarge);
        if (document is null) return error!;
        PastePayload payload;
        using (document)
        {
            var (read, invalid) = PastyRequests.ReadPaste(document.RootElement);
            if (read is null) return invalid!;
            payload = read;
        }
        if (payload.Content is "") return PastyErrors.MissingContent();
        var content = payload.Content is null ? null : Encoding.UTF8.GetBytes(payload.Content);
        if (content is not null && pastes.IsTooLarge(content.Length)) return PastyErrors.TooLarge();

        var (outcome, updated) = store.Update(id, current =>
        {
            var metadata = PastyMetadata.Parse(current.Metadata);
            if (payload.Metadata is { } patch) PastyMetadata.MergeInto(metadata, patch);
            if (!PastyMetadata.WithinLimits(metadata)) return null;
            return current with { Content = content ?? current.Content, Metadata = PastyMetadata.ToJson(metadata) };
        });
        return outcome switch
        {
            UpdateOutcome.Updated => Answer(updated!),
            UpdateOutcome.Declined => PastyErrors.MetadataTooLarge(),
            _ => PastyErrors.PasteNotFound(), // deleted meanwhile
        };
    }

    /// <summary>DELETE: 200 with an empty body, as pasty answers.</summary>
    public static IResult Delete(string id, HttpRequest request, PasteStore store, PasteService pastes, Settings settings,
        [FromServices] FailedAttempts failures)
    {
        if (store.Find(id) is not { } paste) return PastyErrors.PasteNotFound();
        if (Refuse(request, paste, pastes, failures, settings) is { } refused) return refused;
        return store.Delete(id) ? TypedResults.Ok() : PastyErrors.PasteNotFound();
    }

    private static PastyPasteAnswer Answer(PasteRow paste, string? modificationToken = null, int statusCode = StatusCodes.Status200OK) =>
        new(paste, modificationToken, statusCode);

    /// <summary>
    /// The modification-token check: 429 for a client past the failed-attempt limit (before the token is compared),
    /// 401 for a missing or wrong token (a wrong one counts against the client); null when the token fits.
    /// </summary>
    private static IResult? Refuse(HttpRequest request, PasteRow paste, PasteService pastes, FailedAttempts failures, Settings settings)
    {
        var credential = Credential(request);
        if (string.IsNullOrEmpty(credential)) return PastyErrors.Unauthorized();
        var key = AuthThrottle.Key(AuthThrottle.ModificationTokens, request.HttpContext, settings);
        if (AuthThrottle.Blocked(failures, key, request.HttpContext)) return TooManyFailures();
        if (pastes.MayModify(paste, credential)) return null;
        failures.Fail(key);
        return PastyErrors.Unauthorized();
    }

    private static IResult TooManyFailures() => PastyErrors.Text(StatusCodes.Status429TooManyRequests, "too many failed attempts");

    /// <summary>`Authorization: Bearer <token>` (the scheme in any case; `Token` works too, as on the Gist API).</summary>
    private static string? Credential(HttpRequest request) => TokenAuthenticator.ReadCredential(request.Headers.Authorization);

    /// <summary>
    /// The most body a request may send: room for content at the cap even if every byte arrives \u-escaped, plus
    /// metadata. A body past it cannot hold an acceptable paste. With no cap, Kestrel's own 30 MB limit.
    /// </summary>
    public static long BodyLimit(Settings settings) =>
        settings.Pasty.LengthCap > 0 ? Math.Max(4L << 20, settings.Pasty.LengthCap * 6L + (1L << 20)) : 30_000_000;
}
