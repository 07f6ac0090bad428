// The ceiling: PasteLite's benchmarked routes with no storage and no work, answering canned payloads.
// bench/run captures real PasteLite responses into a folder and starts this app with
//   ceiling --payloads DIR --port PORT          (listens on 127.0.0.1, as bench/run starts PasteLite)
// so every body has exactly the size PasteLite sends. Whatever PasteLite does beyond this costs throughput.
using System.Text;

string Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault()
    ?? throw new ArgumentException("usage: ceiling --payloads DIR --port PORT");
var payloads = Arg("--payloads");
var port = int.Parse(Arg("--port"), System.Globalization.CultureInfo.InvariantCulture);
byte[] Load(string name) => File.Exists(Path.Join(payloads, name)) ? File.ReadAllBytes(Path.Join(payloads, name)) : "{}"u8.ToArray();

var paste = Load("paste.json");
var created = Load("create.json");
var gist = Load("gist.json");
var list = Load("list.json");
var raw = Load("raw.txt");
var upload = Load("upload.txt");
var health = Load("health.json");

// TrimMode=full (as PasteLite) trims X509Certificate2Collection's enumerator, which Kestrel's start-up touches even
// without TLS; PasteLite keeps it through its own use of HttpClient. Keep it here too.
foreach (var _ in new System.Security.Cryptography.X509Certificates.X509Certificate2Collection()) { }

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
// Bound in code as PasteLite binds (Hosting/Listening.cs), not through URL configuration.
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Listen(System.Net.IPAddress.Loopback, port);
});
var app = builder.Build();

const string Json = "application/json; charset=utf-8";
const string Text = "text/plain; charset=utf-8";

// Request bodies are read to the end, as a real handler must, and thrown away.
static async Task Drain(HttpRequest request)
{
    var buffer = new byte[16 * 1024];
    while (await request.Body.ReadAsync(buffer) > 0) { }
}

static Task Send(HttpContext context, byte[] body, string type, int status)
{
    context.Response.StatusCode = status;
    context.Response.ContentType = type;
    context.Response.ContentLength = body.Length;
    return context.Response.Body.WriteAsync(body).AsTask();
}

app.MapGet("/healthcheck", () => Results.Bytes(health, Json));
app.MapGet("/api/v2/pastes/{id}", (string id) => Results.Bytes(paste, Json));
app.MapPost("/api/v2/pastes", async (HttpContext context) =>
{
    await Drain(context.Request);
    await Send(context, created, Json, 201);
});
app.MapGet("/api/gists/public", () => Results.Bytes(list, Json));
app.MapGet("/api/gists/{id}", (string id) => Results.Bytes(gist, Json));
app.MapGet("/{id}/raw", (string id) => Results.Bytes(raw, Text));
app.MapPost("/", async (HttpContext context) =>
{
    await Drain(context.Request);
    await Send(context, upload, Text, 201);
});

await app.StartAsync();
Console.WriteLine($"ceiling listening on http://127.0.0.1:{port}");
await app.WaitForShutdownAsync();
