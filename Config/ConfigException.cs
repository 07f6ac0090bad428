namespace PasteLite.Config;

/// <summary>A configuration problem that stops start-up: one line naming the key, env variable or file line.</summary>
internal sealed class ConfigException(string message) : Exception(message);
