using System.Security.Cryptography;
using System.Text;

namespace PasteLite.Auth;

/// <summary>Hashing and constant-time comparison shared by every kind of secret PasteLite stores.</summary>
internal static class Secrets
{
    /// <summary>Lowercase SHA-256 hex of the whole secret, as Opengist stores its tokens.</summary>
    public static string Sha256Hex(string secret)
    {
        // Tokens are short: their bytes and the hash on the stack, so a create's token allocates only its hex.
        var length = Encoding.UTF8.GetMaxByteCount(secret.Length);
        var utf8 = length <= 256 ? stackalloc byte[256] : new byte[length];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(secret, utf8)], hash);
        return Convert.ToHexStringLower(hash);
    }

    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    /// <summary>A random string of <paramref name="length"/> characters from <paramref name="alphabet"/>, drawn without bias.</summary>
    public static string RandomString(int length, string alphabet)
    {
        if (alphabet.Length is 0 or > 256) return RandomNumberGenerator.GetString(alphabet, length);
        return string.Create(length, alphabet, static (chars, alphabet) =>
        {
            // A byte at or past the last whole multiple of the alphabet's size is dropped, so no character is favoured.
            var limit = 256 - 256 % alphabet.Length;
            var pool = t_randomPool ??= new byte[RandomPoolSize];
            var next = t_randomNext;
            for (var filled = 0; filled < chars.Length; next++)
            {
                if (next == 0) RandomNumberGenerator.Fill(pool);
                var value = pool[next];
                pool[next] = 0;
                if (value < limit) chars[filled++] = alphabet[value % alphabet.Length];
                if (next == pool.Length - 1) next = -1;
            }
            t_randomNext = next;
        });
    }

    // Each RandomNumberGenerator.Fill is a call into OpenSSL of ~0.7 µs whatever its size, ~3% of a paste create for
    // its token: so bytes are read ahead, 512 per thread, and zeroed as they are handed out (the pool refills when
    // the next byte is its first). Bytes held ahead disclose nothing that the generator's own state, in this same
    // process's memory, does not.
    private const int RandomPoolSize = 512;
    [ThreadStatic] private static byte[]? t_randomPool;
    [ThreadStatic] private static int t_randomNext;
}
