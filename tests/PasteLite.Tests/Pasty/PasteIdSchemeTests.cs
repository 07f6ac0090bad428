using PasteLite.Config;
using PasteLite.Data;

namespace PasteLite.Tests.Pasty;

/// <summary>The keyed permutation that turns sequence numbers into paste ids and back.</summary>
public sealed class PasteIdSchemeTests
{
    private static readonly byte[] Key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");

    [Theory]
    // The reference vectors of the SipHash paper (key 00..0f, message 00 01 02 .. of each length).
    [InlineData(0, 0x726fdb47dd0e0e31UL)]
    [InlineData(8, 0x93f5f5799a932462UL)]
    [InlineData(15, 0xa129ca6149be45e5UL)]
    public void SipHash_matches_the_reference_vectors(int length, ulong expected)
    {
        var message = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        Assert.Equal(expected, PasteIdScheme.SipHash24(0x0706050403020100UL, 0x0f0e0d0c0b0a0908UL, message));
    }

    [Fact]
    public void The_two_word_SipHash_of_the_rounds_equals_the_general_one()
    {
        var message = Convert.FromHexString("0123456789abcdeffedcba9876543210");
        Assert.Equal(PasteIdScheme.SipHash24(11, 22, message),
            PasteIdScheme.SipHash24(11, 22, 0xefcdab8967452301UL, 0x1032547698badcfeUL));
    }

    [Fact]
    public void Every_id_of_a_small_space_comes_from_exactly_one_sequence_number()
    {
        // 32^4 = 1,048,576 ids, the smallest space permuted: the whole of it, each decoded back to its own number.
        var scheme = PasteIdScheme.For(4, "abcdefghijklmnopqrstuvwxyz012345", Key)!;
        Assert.Equal((UInt128)1_048_576, scheme.Space);
        var seen = new HashSet<string>();
        for (long n = 0; n < 1_048_576; n++)
        {
            var id = scheme.Encode(n);
            Assert.True(seen.Add(id), $"{id} twice");
            Assert.Equal(n, scheme.Decode(id));
        }
    }

    [Fact]
    public void Default_ids_round_trip_and_look_unrelated_to_their_order()
    {
        var scheme = PasteIdScheme.For(6, SettingKeys.DefaultIdCharacters, Key)!;
        var ids = Enumerable.Range(1, 1000).Select(n => scheme.Encode(n)).ToList();
        Assert.All(ids, id => Assert.Matches("^[a-zA-Z0-9]{6}$", id));
        Assert.Equal(Enumerable.Range(1, 1000).Select(n => (long?)n), ids.Select(id => scheme.Decode(id)));
        // Neighbours share no structure: each position takes many values, and ids do not sort in sequence order.
        for (var position = 0; position < 6; position++) Assert.True(ids.Select(id => id[position]).Distinct().Count() > 50);
        Assert.NotEqual(ids, ids.Order(StringComparer.Ordinal).ToList());
        // Another key gives other ids for the same numbers.
        var other = PasteIdScheme.For(6, SettingKeys.DefaultIdCharacters, Key.Reverse().ToArray())!;
        Assert.True(Enumerable.Range(1, 1000).Count(n => other.Encode(n) == ids[n - 1]) < 3);
    }

    [Theory]
    [InlineData("abc12")]   // too short
    [InlineData("abc1234")] // too long
    [InlineData("abc-12")]  // a character outside the alphabet
    [InlineData("abcé12")]
    public void Strings_of_another_shape_are_no_id_of_the_scheme(string id) =>
        Assert.Null(PasteIdScheme.For(6, SettingKeys.DefaultIdCharacters, Key)!.Decode(id));

    [Theory]
    [InlineData(3, "abcdefghijklmnopqrstuvwxyz0123456789")] // 46,656 ids: drawn at random instead
    [InlineData(1, SettingKeys.DefaultIdCharacters)]
    [InlineData(20, SettingKeys.DefaultIdCharacters)]  // a half of 62^10 is past what a round reduces without bias
    [InlineData(8, "abcdefghijklmnopqrstuvwxyza")]       // a repeated character
    public void Spaces_too_small_or_too_long_to_permute_have_no_scheme(int length, string alphabet) =>
        Assert.Null(PasteIdScheme.For(length, alphabet, Key));
}
