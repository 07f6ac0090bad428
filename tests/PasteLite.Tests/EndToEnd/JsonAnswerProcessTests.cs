using System.Net;
using System.Text;
using System.Text.Json;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.EndToEnd;

/// <summary>
/// JSON answers go out whole with a Content-Length (Endpoints/JsonAnswer.cs), on every surface and status. Checked on
/// the binary: the in-process test server reports a length for chunked answers too.
/// </summary>
public sealed class JsonAnswerProcessTests
{
    [Fact]
    public async Task Json_answers_carry_a_content_length_that_matches_the_body_and_are_not_chunked()
    {
        using var home = new TestHome();
        await using var server = await PasteLiteProcess.StartServerAsync(home.Path);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        var create = await http.PostAsync("/api/v2/pastes", new StringContent("{\"content\":\"héllo, wörld\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var id = JsonDocument.Parse(await create.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        var answers = new (string Path, HttpStatusCode Status, string ContentType)[]
        {
            ("/healthcheck", HttpStatusCode.OK, "application/json; charset=utf-8"),
            ($"/api/v2/pastes/{id}", HttpStatusCode.OK, "application/json; charset=utf-8"),
            ("/api/gists/public?per_page=30", HttpStatusCode.OK, "application/json; charset=utf-8"),
            ("/api/gists/nope", HttpStatusCode.NotFound, "application/json"),
        };
        foreach (var (path, status, contentType) in answers)
        {
            using var response = await http.GetAsync(path);
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(status, response.StatusCode);
            Assert.Equal(contentType, response.Content.Headers.ContentType?.ToString());
            Assert.NotEmpty(body);
            Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
            Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        }
    }
}
