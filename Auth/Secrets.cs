using System.Security.Cryptography;
using System.Text;

namespace PasteLite.Auth;

/// <summary>Hashing and constant-time comparison shared by every kind of secret PasteLite stores.</summary>
internal static class Secrets
{
    /// <summary>Lowercase SHA-256 hex of the whole secret, as Opengist stores its tokens.</summary>
    public static string Sha256Hex(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    /// <summary>A random string of <paramref name="length"/> characters from <paramref name="alphabet"/>, drawn without bias.</summary>
    public static string RandomString(int length, string alphabet) =>
        RandomNumberGenerator.GetString(alphabet, length);
}
