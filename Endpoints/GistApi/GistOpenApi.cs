using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PasteLite.Endpoints.GistApi;

/// <summary>Route metadata the OpenAPI document reads: a paged list, or a JSON request body of a given type.</summary>
internal sealed record PagedList(bool WithTotals);
internal sealed record RequestBodyType(Type Type);

/// <summary>GET /api/openapi.yaml: an OpenAPI 3.1 document generated from the mapped Gist API routes.</summary>
internal static class GistOpenApi
{
    public const string Path = "/api/openapi.yaml";
    private static readonly Type[] RequestTypes = [typeof(GistCreateRequest), typeof(GistUpdateRequest), typeof(UpdateUserRequest)];

    public static RouteHandlerBuilder Paged(this RouteHandlerBuilder route, bool withTotals = true) =>
        route.WithMetadata(new PagedList(withTotals));

    public static RouteHandlerBuilder Body<T>(this RouteHandlerBuilder route) => route.WithMetadata(new RequestBodyType(typeof(T)));

    public static IServiceCollection AddGistOpenApi(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        // Only Opengist's surface; pasty's /api/v2 keeps its own documentation.
        options.ShouldInclude = d => d.RelativePath is { } p && p.StartsWith("api/", StringComparison.Ordinal) && !p.StartsWith("api/v2", StringComparison.Ordinal);
        options.AddDocumentTransformer(async (document, context, cancel) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "PasteLite Gist API",
                Version = AppInfo.Version,
                Description = "Opengist's REST API as PasteLite serves it. Authenticate with a personal access token: "
                              + "`Authorization: Bearer og_...` (or `token og_...`).",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearerAuth"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer",
                Description = "Personal access token (og_...). Scopes: gist:read, gist:write, user:read, user:write.",
            };
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            foreach (var type in RequestTypes)
                document.Components.Schemas[type.Name] = await context.GetOrCreateSchemaAsync(type, null, cancel);
        });
        options.AddOperationTransformer((operation, context, cancel) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var access = metadata.OfType<ApiAccess>().LastOrDefault();
            var document = context.Document!;
            if (access?.RequiresAuth == true || access?.Scope is not null)
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearerAuth", document)] = [] }];
                operation.Description = access.Scope is { } scope ? $"Requires a token with `{scope}`." : "Requires a token (any scope).";
            }
            if (metadata.OfType<PagedList>().LastOrDefault() is { } paged)
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(Query("page", JsonSchemaType.Integer, "Page number, from 1 (default 1)."));
                operation.Parameters.Add(Query("per_page", JsonSchemaType.Integer, "Items per page (default 30, at most 100)."));
                if (paged.WithTotals)
                    operation.Parameters.Add(Query("since", JsonSchemaType.String, "Only gists updated at or after this RFC 3339 time."));
            }
            if (metadata.OfType<RequestBodyType>().LastOrDefault() is { } body)
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = new OpenApiSchemaReference(body.Type.Name, document) },
                    },
                };
            return Task.CompletedTask;
        });
    });

    private static OpenApiParameter Query(string name, JsonSchemaType type, string description) => new()
    {
        Name = name, In = ParameterLocation.Query, Description = description, Schema = new OpenApiSchema { Type = type },
    };

    /// <summary>Served outside the gated /api group: readable even when api.enabled is false.</summary>
    public static void MapGistOpenApi(this IEndpointRouteBuilder app) => app.MapOpenApi(Path);
}
