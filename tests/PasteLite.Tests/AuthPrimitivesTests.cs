using System.Security.Cryptography;
using System.Text;
using PasteLite.Auth;

namespace PasteLite.Tests;

/// <summary>Password hashes, access tokens, scopes, usernames and random strings.</summary>
public sealed class AuthPrimitivesTests
{
    [Fact]
    public void Sha256Hex_is_lowercase_sha256_of_the_utf8_bytes_short_long_and_non_ascii()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Secrets.Sha256Hex("abc"));
        foreach (var secret in new[] { "", "og_" + new string('x', 40), new string('é', 200), new string('z', 5000) })
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), Secrets.Sha256Hex(secret));
    }

    [Fact]
    public void Password_hashes_are_salted_and_verify()
    {
        var first = Passwords.Hash("correct horse");
        var second = Passwords.Hash("correct horse");

        Assert.NotEqual(first, second);
        Assert.StartsWith($"pbkdf2-sha256${Passwords.Iterations}$", first);
        Assert.True(Passwords.Verify("correct horse", first));
        Assert.True(Passwords.Verify("correct horse", second));
        Assert.False(Passwords.Verify("correct horse!", first));
        Assert.False(Passwords.Verify("Correct horse", first));
        Assert.False(Passwords.Verify("", first));
    }

    [Fact]
    public void Verify_honours_the_stored_iteration_count()
    {
        // A hash written with another count (an older or newer default) must still verify.
        var salt = Encoding.UTF8.GetBytes("0123456789abcdef");
        var hash = Rfc2898DeriveBytes.Pbkdf2("pw"u8.ToArray(), salt, 1000, HashAlgorithmName.SHA256, 32);
        var stored = $"pbkdf2-sha256$1000${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";

        Assert.True(Passwords.Verify("pw", stored));
        Assert.False(Passwords.Verify("pw2", stored));
        Assert.False(Passwords.Verify("pw", stored.Replace("$1000$", "$1001$")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a hash")]
    [InlineData("pbkdf2-sha256$600000$c2FsdA==")]
    [InlineData("pbkdf2-sha256$many$c2FsdA==$aGFzaA==")]
    [InlineData("pbkdf2-sha256$0$c2FsdA==$aGFzaA==")]
    [InlineData("pbkdf2-sha256$-5$c2FsdA==$aGFzaA==")]
    [InlineData("pbkdf2-sha256$10$!!!$aGFzaA==")]
    [InlineData("pbkdf2-sha256$10$c2FsdA==$!!!")]
    [InlineData("pbkdf2-sha256$10$$")]
    [InlineData("bcrypt$10$c2FsdA==$aGFzaA==")]
    [InlineData("pbkdf2-sha256$10$c2FsdA==$aGFzaA==$extra")]
    public void Malformed_stored_hashes_are_rejected_without_an_exception(string stored)
    {
        Assert.False(Passwords.Verify("pw", stored));
    }

    [Fact]
    public void Generated_tokens_have_the_og_format_and_are_unique()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => AccessTokens.Generate()).ToList();

        Assert.All(tokens, t => Assert.Matches("^og_[0-9a-f]{64}$", t));
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
    }

    [Fact]
    public void Token_hash_is_lower_case_sha256_hex()
    {
        // printf 'og_test' | sha256sum
        Assert.Equal("f58633fbdfa853c11d745196869ce5691e78e5dea8fa9030c14a46e4deb2c286", AccessTokens.Hash("og_test"));

        var token = AccessTokens.Generate();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))), AccessTokens.Hash(token));
    }

    [Theory]
    [InlineData("", 0, 0)]
    [InlineData(null, 0, 0)]
    [InlineData("gist:read", 1, 0)]
    [InlineData("gist:write", 2, 0)]
    [InlineData("user:read", 0, 1)]
    [InlineData("gist:read,user:write", 1, 2)]
    [InlineData("gist:write,gist:read", 2, 0)]
    [InlineData("user:read,user:write,user:read", 0, 2)]
    [InlineData(" GIST:Read , user:read ,", 1, 1)]
    public void Scopes_parse_to_levels(string? list, int gist, int user)
    {
        var scopes = TokenScopes.Parse(list, out var error);

        Assert.Null(error);
        Assert.Equal(new TokenScopes((ScopeLevel)gist, (ScopeLevel)user), scopes);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("gist:read,gist:admin")]
    [InlineData("gist")]
    [InlineData("gist:read;user:read")]
    public void Unknown_scope_is_an_error_naming_it(string list)
    {
        var scopes = TokenScopes.Parse(list, out var error);

        Assert.Null(scopes);
        Assert.NotNull(error);
        Assert.Contains("unknown scope", error);
        Assert.Contains("gist:write", error);
    }

    [Fact]
    public void Scopes_round_trip_through_ToString()
    {
        var levels = Enum.GetValues<ScopeLevel>();
        foreach (var gist in levels)
            foreach (var user in levels)
            {
                var scopes = new TokenScopes(gist, user);
                if (scopes == TokenScopes.None)
                {
                    Assert.Equal("none", scopes.ToString());
                    continue;
                }
                Assert.Equal(scopes, TokenScopes.Parse(scopes.ToString(), out var error));
                Assert.Null(error);
            }
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("a")]
    [InlineData("Alice-Bob-42")]
    [InlineData("abcdefghijklmnopqrstuvwx")]
    [InlineData("api-user")]
    public void Valid_usernames_pass(string name)
    {
        Assert.Null(Usernames.Validate(name));
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("abcdefghijklmnopqrstuvwxy", "24")]
    [InlineData("bad_name", "letters, digits and dashes")]
    [InlineData("with space", "letters, digits and dashes")]
    [InlineData("caf\u00e9", "letters, digits and dashes")]
    [InlineData("\u0661\u0662", "letters, digits and dashes")]
    [InlineData("api", "reserved")]
    [InlineData("API", "reserved")]
    [InlineData("healthcheck", "reserved")]
    [InlineData("-", "letter or digit")]
    [InlineData("---", "letter or digit")]
    public void Invalid_usernames_give_the_reason(string name, string reason)
    {
        Assert.Contains(reason, Usernames.Validate(name));
    }

    [Fact]
    public void Normalized_usernames_are_lower_case()
    {
        Assert.Equal("alice-1", Usernames.Normalize("AliCE-1"));
    }

    [Theory]
    [InlineData(1, "ab")]
    [InlineData(12, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")]
    [InlineData(64, "0123456789abcdef")]
    public void Random_strings_have_the_length_and_alphabet(int length, string alphabet)
    {
        var value = Secrets.RandomString(length, alphabet);

        Assert.Equal(length, value.Length);
        Assert.All(value, c => Assert.Contains(c, alphabet));
    }

    [Fact]
    public void Random_strings_use_the_whole_alphabet_and_differ()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

        var sample = Secrets.RandomString(20_000, alphabet);

        // Each character is missed with probability (61/62)^20000, about 1e-142.
        Assert.Equal(alphabet.Order(), sample.Distinct().Order());
        Assert.NotEqual(Secrets.RandomString(32, alphabet), Secrets.RandomString(32, alphabet));
    }

    [Theory]
    [InlineData("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")]
    [InlineData("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_!*")]
    public void Random_strings_favour_no_character(string alphabet)
    {
        // 256 % 62 = 8 and 256 % 66 = 58: a byte taken modulo the size would make some characters 25% (62) or
        // twice (66) as likely as others. Unbiased, each count is 4,000 ± ~63 (one standard deviation).
        var counts = Secrets.RandomString(alphabet.Length * 4_000, alphabet).CountBy(c => c).Select(pair => pair.Value).ToArray();

        Assert.Equal(alphabet.Length, counts.Length);
        Assert.InRange(counts.Max() / (double)counts.Min(), 1.0, 1.15);
    }

    [Fact]
    public void Fixed_time_equals_compares_whole_strings()
    {
        Assert.True(Secrets.FixedTimeEquals("og_abc", "og_abc"));
        Assert.False(Secrets.FixedTimeEquals("og_abc", "og_abd"));
        Assert.False(Secrets.FixedTimeEquals("og_abc", "og_ab"));
    }
}
