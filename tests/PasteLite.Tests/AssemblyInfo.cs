// The server targets Linux only; so do its tests.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
