using System.Text.RegularExpressions;
using PasteLite.Config;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Deploy;

/// <summary>README.md and deploy/pastelite.service name only settings that exist, by key and by environment variable.</summary>
public sealed partial class OperatorDocsTests
{
    public static TheoryData<string> Files => new() { "README.md", "deploy/pastelite.service" };

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_OG_variable_named_is_a_setting(string file)
    {
        var known = SettingKeys.All.Select(k => k.EnvName).ToHashSet();
        var named = EnvName().Matches(File.ReadAllText(Repository.File(file))).Select(m => m.Value).Distinct().ToList();

        Assert.NotEmpty(named);
        Assert.All(named, name => Assert.True(known.Contains(name), $"{file} names {name}, which is no setting"));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_dotted_key_named_is_a_setting(string file)
    {
        var named = DottedKey().Matches(File.ReadAllText(Repository.File(file))).Select(m => m.Value).Distinct().ToList();

        Assert.All(named, key => Assert.True(SettingKeys.Find(key) is not null, $"{file} names {key}, which is no setting"));
    }

    [GeneratedRegex(@"\bOG_[A-Z0-9_]+\b")]
    private static partial Regex EnvName();

    /// <summary>A key of one of the dotted groups (http.port, pasty.reports.enabled ...); file names have other first parts.</summary>
    [GeneratedRegex(@"\b(http|pasty|metrics|api|sqlite)\.[a-z][a-z.-]*[a-z]")]
    private static partial Regex DottedKey();
}
