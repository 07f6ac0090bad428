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

    /// <summary>
    /// A random string of <paramref name="length"/> characters from <paramref name="alphabet"/>, drawn without bias.
    /// Random bytes are read from the CSPRNG in blocks: the framework's GetString reads once per character when the
    /// alphabet's size is not a power of two (62 for tokens and ids), a call into OpenSSL each (~3% of a paste create).
    /// </summary>
    public static string RandomString(int length, string alphabet)
    {
        if (alphabet.Length is 0 or > 256) return RandomNumberGenerator.GetString(alphabet, length);
        return string.Create(length, alphabet, static (chars, alphabet) =>
        {
            // A byte at or past the last whole multiple of the alphabet's size is dropped, so no character is favoured.
            var limit = 256 - 256 % alphabet.Length;
            Span<byte> block = stackalloc byte[128];
            var next = block.Length;
            for (var filled = 0; filled < chars.Length;)
            {
                if (next == block.Length)
                {
                    RandomNumberGenerator.Fill(block);
                    next = 0;
                }
                var value = block[next++];
                if (value < limit) chars[filled++] = alphabet[value % alphabet.Length];
            }
            CryptographicOperations.ZeroMemory(block);
        });
    }
}
