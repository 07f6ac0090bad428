using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PasteLite.Config;

/// <summary>Reads a YAML config file into dotted keys; flat (`api.enabled: false`) and nested forms mean the same.</summary>
internal static class YamlConfigFile
{
    public sealed record Entry(string Key, string Value, int Line);

    public static IReadOnlyList<Entry> Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"cannot read config file {path}: {e.Message}");
        }
        return Parse(text, path);
    }

    public static IReadOnlyList<Entry> Parse(string text, string fileName)
    {
        var stream = new YamlStream();
        var parser = new LineTrackingParser(new Parser(new StringReader(text)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw new ConfigException($"{fileName} line {e.Start.Line}: {FirstLine(e.Message)}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (with no position) on some malformed input, e.g. an unclosed [ list.
            throw new ConfigException($"{fileName} line {parser.LastLine}: not valid YAML after this line");
        }

        var entries = new List<Entry>();
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return entries;
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ConfigException($"{fileName} line {stream.Documents[0].RootNode.Start.Line}: expected key: value pairs at the top level");
        Flatten(root, "", entries, fileName);
        return entries;
    }

    private static void Flatten(YamlMappingNode mapping, string prefix, List<Entry> into, string fileName)
    {
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = prefix + ((keyNode as YamlScalarNode)?.Value ?? "");
            switch (valueNode)
            {
                case YamlMappingNode nested:
                    Flatten(nested, key + ".", into, fileName);
                    break;
                case YamlSequenceNode list:
                    // Lists (http.trusted-proxies) become the same comma-separated form the env variable takes.
                    var items = list.Children.Select(item => item is YamlScalarNode s ? s.Value ?? ""
                        : throw new ConfigException($"{fileName} line {item.Start.Line}: {key} takes a list of plain values"));
                    into.Add(new Entry(key, string.Join(',', items), (int)valueNode.Start.Line));
                    break;
                case YamlScalarNode scalar:
                    var value = scalar.Value is null or "~" or "null" && scalar.Style == ScalarStyle.Plain ? "" : scalar.Value ?? "";
                    into.Add(new Entry(key, value, (int)scalar.Start.Line));
                    break;
            }
        }
    }

    /// <summary>Remembers where the last good YAML event ended, for errors that come without a position.</summary>
    private sealed class LineTrackingParser(IParser inner) : IParser
    {
        public long LastLine { get; private set; } = 1;
        public YamlDotNet.Core.Events.ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            var moved = inner.MoveNext();
            if (inner.Current is { } current) LastLine = current.End.Line;
            return moved;
        }
    }

    private static string FirstLine(string message)
    {
        var cut = message.IndexOfAny(['\r', '\n']);
        return cut < 0 ? message : message[..cut];
    }
}
