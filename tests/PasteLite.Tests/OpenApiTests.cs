using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PasteLite.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace PasteLite.Tests;

/// <summary>/api/openapi.yaml is generated from the routes, so it lists exactly what the app maps under /api/.</summary>
public sealed class OpenApiTests
{
    private static async Task<(YamlMappingNode Document, InProcessServer Server, TestHome Home)> LoadAsync(Dictionary<string, string>? settings = null)
    {
        var home = new TestHome();
        var server = await InProcessServer.StartAsync(home, settings);
        var response = await server.Client.GetAsync("/api/openapi.yaml");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("yaml", response.Content.Headers.ContentType!.ToString());
        var yaml = new YamlStream();
        yaml.Load(new StringReader(await response.Content.ReadAsStringAsync()));
        return ((YamlMappingNode)yaml.Documents[0].RootNode, server, home);
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    [Fact]
    public async Task The_document_lists_exactly_the_mapped_gist_api_routes()
    {
        var (document, server, home) = await LoadAsync();
        using var _ = home;
        await using var __ = server;

        var documented = Map(document, "paths").Children
            .SelectMany(path => ((YamlMappingNode)path.Value).Children.Keys
                .Select(method => $"{((YamlScalarNode)method).Value!.ToUpperInvariant()} {((YamlScalarNode)path.Key).Value}"))
            .Order().ToList();
        var mapped = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/") && !e.RoutePattern.RawText.StartsWith("/api/v2")
                        && !e.RoutePattern.RawText.Contains("**") && e.RoutePattern.RawText != "/api/openapi.yaml"
                        && e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods
                .Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .Order().ToList();

        Assert.Equal(mapped, documented);
        Assert.True(documented.Count >= 27, $"only {documented.Count} operations");
    }

    [Fact]
    public async Task It_uses_the_reference_schema_names_and_declares_token_scopes()
    {
        var (document, server, home) = await LoadAsync();
        using var _ = home;
        await using var __ = server;

        var schemas = Map(Map(document, "components"), "schemas").Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToHashSet();
        foreach (var name in new[] { "Gist", "GistSimple", "GistFile", "GistCommit", "SimpleUser", "PrivateUser", "Error",
                     "CommitAuthor", "CommitChangeStatus", "GistCreateRequest", "GistUpdateRequest", "UpdateUserRequest" })
            Assert.Contains(name, schemas);
        Assert.Contains("bearerAuth", Map(Map(document, "components"), "securitySchemes").Children.Keys.Select(k => ((YamlScalarNode)k).Value));

        var create = Map(Map(Map(document, "paths"), "/api/gists"), "post");
        Assert.Contains("gist:write", ((YamlScalarNode)create.Children[new YamlScalarNode("description")]).Value);
        Assert.True(create.Children.ContainsKey(new YamlScalarNode("security")));
        var list = Map(Map(Map(document, "paths"), "/api/gists"), "get");
        var parameters = ((YamlSequenceNode)list.Children[new YamlScalarNode("parameters")]).Children
            .Select(p => ((YamlScalarNode)((YamlMappingNode)p).Children[new YamlScalarNode("name")]).Value).ToList();
        Assert.Equal(["page", "per_page", "since"], parameters);
        var gistProperties = Map(Map(Map(Map(document, "components"), "schemas"), "GistSimple"), "properties").Children.Keys
            .Select(k => ((YamlScalarNode)k).Value).ToList();
        Assert.Contains("html_url", gistProperties);
        Assert.Contains("like_count", gistProperties);
    }

    [Fact]
    public async Task The_document_stays_served_when_the_api_is_disabled()
    {
        var (document, server, home) = await LoadAsync(new() { ["api.enabled"] = "false" });
        using var _ = home;
        await using var __ = server;

        Assert.StartsWith("3.1", ((YamlScalarNode)document.Children[new YamlScalarNode("openapi")]).Value);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await server.Client.GetAsync("/api/gists")).StatusCode);
    }
}
