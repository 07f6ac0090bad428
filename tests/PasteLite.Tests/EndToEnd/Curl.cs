using System.Diagnostics;
using System.Text;

namespace PasteLite.Tests.EndToEnd;

/// <summary>The real curl binary: status, body bytes and response headers of one request.</summary>
internal sealed record Curl(int Status, byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public static async Task<Curl> RunAsync(IEnumerable<string> args, byte[]? stdin = null)
    {
        var bodyFile = Path.GetTempFileName();
        var headerFile = Path.GetTempFileName();
        try
        {
            var info = new ProcessStartInfo("curl", ["-sS", "-o", bodyFile, "-D", headerFile, "-w", "%{http_code}", .. args])
            {
                RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (stdin is not null) await process.StandardInput.BaseStream.WriteAsync(stdin);
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"curl {string.Join(' ', args)} failed ({process.ExitCode}): {await errors}");
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in await File.ReadAllLinesAsync(headerFile))
                if (line.IndexOf(':') is > 0 and var colon) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            return new Curl(int.Parse(await output), await File.ReadAllBytesAsync(bodyFile), headers);
        }
        finally
        {
            File.Delete(bodyFile);
            File.Delete(headerFile);
        }
    }
}
