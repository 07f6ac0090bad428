using Microsoft.Playwright;
using PasteLite.Tests.EndToEnd;
using PasteLite.Tests.Support;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace PasteLite.Tests.Browser;

/// <summary>
/// One headless chromium per test class (Debian's /usr/bin/chromium, driven by Playwright; never a browser
/// Playwright downloads) and one dist/pastelite server with a fresh home, shared by the class's tests.
/// Tests that need a blank instance (the first user becomes admin) start their own with <see cref="StartServerAsync"/>.
/// </summary>
public sealed class BrowserFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    /// <summary>PASTELITE_CHROMIUM overrides it on machines without Debian's package.</summary>
    public static string ChromiumPath { get; } =
        Environment.GetEnvironmentVariable("PASTELITE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Where <see cref="BrowserTest.Screenshot"/> saves each page: emptied once per test run, kept afterwards.</summary>
    public static string ScreenshotDir { get; } = Repository.File("tests/PasteLite.Tests/TestResults/screenshots");

    private static readonly Lazy<string> FreshScreenshotDir = new(() =>
    {
        if (Directory.Exists(ScreenshotDir)) Directory.Delete(ScreenshotDir, recursive: true);
        Directory.CreateDirectory(ScreenshotDir);
        return ScreenshotDir;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly TestHome _home = new();
    private readonly List<(TestHome Home, PasteLiteProcess Server)> _ownServers = [];

    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The class's shared server: a blank instance when the class starts.</summary>
    public PasteLiteProcess Server { get; private set; } = null!;

    public string Home => _home.Path;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"The browser tests need chromium at {ChromiumPath}, and it is not there. The test project's build " +
                "installs it when run as root (tests/PasteLite.Tests/setup/install-chromium.sh); otherwise run " +
                "`sudo apt-get update && sudo apt-get install -y chromium`, or set PASTELITE_CHROMIUM to a chromium binary.");
        var screenshots = FreshScreenshotDir.Value;
        diagnostics.OnMessage(new DiagnosticMessage($"browser test screenshots: {screenshots}"));

        var server = PasteLiteProcess.StartServerAsync(_home.Path);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Playwright gives every launch a fresh temporary profile (user-data-dir) and removes it on close.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
            Timeout = 30_000,
        });
        Server = await server;
    }

    /// <summary>A server of its own with a fresh home, stopped with the fixture: for tests that need a blank instance.</summary>
    public async Task<PasteLiteProcess> StartServerAsync(IEnumerable<string>? args = null,
        IReadOnlyDictionary<string, string>? env = null)
    {
        var home = new TestHome();
        var server = await PasteLiteProcess.StartServerAsync(home.Path, args, env);
        lock (_ownServers) _ownServers.Add((home, server));
        return server;
    }

    /// <summary>Creates an account with the CLI on a running server's home (the server sees it at once).</summary>
    public static async Task CreateUserAsync(string home, string username, string password, bool admin = false)
    {
        var args = new List<string> { "user", "create", username, "--home", home, "--password-stdin" };
        if (admin) args.Add("--admin");
        var result = await PasteLiteProcess.RunAsync(args, stdin: password + "\n");
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"pastelite user create {username} failed ({result.ExitCode}): {result.Error}");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
        _home.Dispose();
        foreach (var (home, server) in _ownServers)
        {
            await server.DisposeAsync();
            home.Dispose();
        }
    }
}

/// <summary>
/// Base of every browser test: a fresh browser context and page per test (cookies, storage and the
/// session start empty), problems the browser reports (console errors, uncaught exceptions, CSP
/// violations) collected per test, and <see cref="Screenshot"/>.
/// </summary>
public abstract class BrowserTest(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Every context's size unless a test asks for another: a laptop screen.</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };

    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<string> _problems = [];

    protected BrowserFixture Fixture => fixture;
    protected ITestOutputHelper Output => output;

    /// <summary>The shared server's address; <see cref="Page"/>'s relative URLs resolve against it.</summary>
    protected Uri BaseUrl => fixture.Server.BaseUrl;

    protected IBrowserContext Context { get; private set; } = null!;
    protected IPage Page { get; private set; } = null!;

    /// <summary>What the browser complained about so far in this test, one line each.</summary>
    protected IReadOnlyList<string> Problems { get { lock (_problems) return [.. _problems]; } }

    public async Task InitializeAsync()
    {
        Context = await NewContextAsync(BaseUrl);
        Page = await Context.NewPageAsync();
    }

    /// <summary>
    /// Another context (another visitor, another server, a phone): watched for problems like the default
    /// one and closed after the test. Relative URLs resolve against <paramref name="baseUrl"/>.
    /// </summary>
    protected async Task<IBrowserContext> NewContextAsync(Uri baseUrl, BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = baseUrl.ToString();
        options.ViewportSize ??= Desktop;
        options.Locale ??= "en-US";
        options.TimezoneId ??= "UTC";
        var context = await fixture.Browser.NewContextAsync(options);
        context.SetDefaultTimeout(20_000); // generous: CI machines are busy; a passing step never waits this long
        context.SetDefaultNavigationTimeout(30_000);
        // The page reports Content-Security-Policy violations to us as well as to its console.
        await context.ExposeFunctionAsync("__pasteliteCspViolation", (string text) => Problem("CSP violation: " + text));
        await context.AddInitScriptAsync("""
            document.addEventListener("securitypolicyviolation", e =>
              window.__pasteliteCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} in ${e.documentURI}`));
            """);
        context.Page += (_, page) => Watch(page);
        lock (_contexts) _contexts.Add(context);
        return context;
    }

    private void Watch(IPage page)
    {
        // A page the server answers with an error status (a 401 for a wrong password, a 404) makes chromium log
        // "Failed to load resource" for the document itself: the test checks that status, so that line is not a
        // problem. Any other resource that fails (a stylesheet, a script, a fetch) is one.
        var errorDocuments = new HashSet<string>();
        page.Response += (_, response) =>
        {
            if (response.Status < 400) return;
            if (response.Request.IsNavigationRequest) lock (errorDocuments) errorDocuments.Add(response.Url);
            else Problem($"{response.Request.Method} {response.Url} answered {response.Status} (on {page.Url})");
        };
        page.RequestFailed += (_, request) =>
        {
            if (!request.IsNavigationRequest) Problem($"{request.Method} {request.Url} failed: {request.Failure} (on {page.Url})");
        };
        page.Console += (_, message) =>
        {
            if (message.Type != "error") return;
            var source = message.Location.Split(':') is { Length: > 2 } parts ? string.Join(':', parts[..^2]) : message.Location;
            bool errorDocument;
            lock (errorDocuments) errorDocument = errorDocuments.Contains(source) || source.StartsWith("chrome-error:");
            if (errorDocument && message.Text.StartsWith("Failed to load resource")) return;
            Problem($"console error: {message.Text} ({message.Location} on {page.Url})");
        };
        page.PageError += (_, error) => Problem($"uncaught exception: {error} (on {page.Url})");
    }

    private void Problem(string text)
    {
        lock (_problems) _problems.Add(text);
    }

    /// <summary>Fails the test if the browser reported a console error, an uncaught exception or a CSP violation.</summary>
    protected void AssertNoBrowserProblems()
    {
        var problems = Problems;
        Assert.True(problems.Count == 0, "the browser reported:\n" + string.Join('\n', problems));
    }

    /// <summary>
    /// Saves a full-page PNG of the page as it is now to TestResults/screenshots/{class}-{name}.png, to look at
    /// after the run: one for each main page a test visits.
    /// </summary>
    protected async Task<string> Screenshot(IPage page, string name)
    {
        var prefix = GetType().Name.Replace("BrowserTests", "").Replace("BrowserTest", "").ToLowerInvariant();
        var file = Path.Join(BrowserFixture.ScreenshotDir, $"{prefix}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        output.WriteLine($"screenshot {file} of {page.Url}");
        return file;
    }

    /// <summary>A phone's screen (390x844, as an iPhone 12-15): for a context that checks pages fit it.</summary>
    protected static BrowserNewContextOptions Phone() => new()
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        DeviceScaleFactor = 2, IsMobile = true, HasTouch = true,
    };

    /// <summary>
    /// Fails when the page is wider than its window (code blocks may still scroll inside themselves). On an emulated
    /// phone chromium widens the layout viewport to fit content that overflows (window.innerWidth grows with it), so
    /// the page is measured against the context's viewport, the phone's real width.
    /// </summary>
    protected static async Task ExpectNoHorizontalScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (scrollWidth, innerWidth) = (widths[0], Math.Min(widths[1], page.ViewportSize?.Width ?? int.MaxValue));
        Assert.True(scrollWidth <= innerWidth, $"{page.Url} scrolls sideways: {scrollWidth}px wide in a {innerWidth}px window");
    }

    /// <summary>Fails unless something in <paramref name="block"/> (a .code block with a long line) scrolls sideways.</summary>
    protected static async Task ExpectScrollsInsideAsync(ILocator block)
    {
        var scrollers = await block.EvaluateAsync<string[]>("""
            e => [e, ...e.querySelectorAll("*")].filter(x => x.scrollWidth > x.clientWidth + 1 && getComputedStyle(x).overflowX !== "visible")
                   .map(x => `${x.tagName.toLowerCase()}.${x.className} ${x.scrollWidth}/${x.clientWidth}`)
            """);
        Assert.True(scrollers.Length > 0, "the long line does not scroll inside its block");
    }

    public async Task DisposeAsync()
    {
        List<IBrowserContext> contexts;
        lock (_contexts) contexts = [.. _contexts];
        foreach (var context in contexts) await context.CloseAsync();
    }
}
