using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace PasteLite.Data;

/// <summary>
/// Paste ids as a keyed permutation of sequence numbers: sequence n becomes the id of the configured length and
/// alphabet at position P(n), where P is a Feistel network over the id's own digits (FF1's layout: the digits split
/// in two halves, each round adds a keyed hash of one half to the other modulo the alphabet's power) with SipHash-2-4
/// as its round function and more rounds than FF1's ten. Without the key, consecutive ids look as random as drawn
/// ones; with it, an id gives back its sequence number, which is the row's key, so storing a paste appends to the
/// table instead of writing a random leaf of an id index (bench/RESULTS.md).
/// </summary>
internal sealed class PasteIdScheme
{
    private const int Rounds = 16;

    /// <summary>Smallest id space worth permuting (NIST SP 800-38G asks at least a million for FF1); smaller ones are drawn.</summary>
    private const double SmallestSpace = 1_000_000;

    /// <summary>Largest half of the digits: a round's 64-bit hash is reduced modulo its power, so keep that bias negligible.</summary>
    private static readonly UInt128 LargestHalf = (UInt128)1 << 40;

    private readonly ulong _key0, _key1;
    private readonly int[] _digitOf = new int[128];
    private readonly int _highDigits, _lowDigits; // FF1's u = n/2 and v = n - u
    private readonly ulong _highSpace, _lowSpace; // radix^u, radix^v

    public int Length { get; }
    public string Alphabet { get; }

    /// <summary>How many ids exist: sequence numbers from 0 to this minus one have one each.</summary>
    public UInt128 Space { get; }

    private PasteIdScheme(int length, string alphabet, ReadOnlySpan<byte> key)
    {
        Length = length;
        Alphabet = alphabet;
        _key0 = BinaryPrimitives.ReadUInt64LittleEndian(key);
        _key1 = BinaryPrimitives.ReadUInt64LittleEndian(key[8..]);
        Array.Fill(_digitOf, -1);
        for (var i = 0; i < alphabet.Length; i++) _digitOf[alphabet[i]] = i;
        _highDigits = length / 2;
        _lowDigits = length - _highDigits;
        _highSpace = (ulong)Power(alphabet.Length, _highDigits);
        _lowSpace = (ulong)Power(alphabet.Length, _lowDigits);
        Space = (UInt128)_highSpace * _lowSpace;
    }

    /// <summary>The scheme for ids of this shape, or null when ids of it are better drawn at random (too few, or too long to permute).</summary>
    public static PasteIdScheme? For(int length, string alphabet, ReadOnlySpan<byte> key)
    {
        if (key.Length < 16 || length < 2 || alphabet.Length < 2 || alphabet.Any(c => c >= 128)) return null;
        if (alphabet.Distinct().Count() != alphabet.Length) return null; // a repeated character would decode ambiguously
        var radix = alphabet.Length;
        if (Math.Pow(radix, length) < SmallestSpace) return null;
        if (Power(radix, length - length / 2) > LargestHalf) return null;
        return new PasteIdScheme(length, alphabet, key);
    }

    private static UInt128 Power(int radix, int exponent)
    {
        UInt128 result = 1;
        for (var i = 0; i < exponent; i++)
        {
            if (result > UInt128.MaxValue / (UInt128)radix) return UInt128.MaxValue;
            result *= (UInt128)radix;
        }
        return result;
    }

    /// <summary>The id of sequence number <paramref name="sequence"/> (0 ≤ sequence &lt; <see cref="Space"/>).</summary>
    public string Encode(long sequence)
    {
        if (sequence < 0 || (UInt128)sequence >= Space) throw new ArgumentOutOfRangeException(nameof(sequence));
        var high = (ulong)sequence / _lowSpace;
        var low = (ulong)sequence % _lowSpace;
        for (var round = 0; round < Rounds; round++)
        {
            var space = round % 2 == 0 ? _highSpace : _lowSpace;
            var next = (high + RoundHash(round, low) % space) % space; // below 2^41: halves are at most 2^40
            high = low;
            low = next;
        }
        // An even number of rounds leaves the halves in their first layout: high has u digits, low v.
        return string.Create(Length, (this, high, low), static (chars, state) =>
        {
            var (scheme, high, low) = state;
            var radix = (ulong)scheme.Alphabet.Length;
            for (var i = chars.Length - 1; i >= scheme._highDigits; i--, low /= radix) chars[i] = scheme.Alphabet[(int)(low % radix)];
            for (var i = scheme._highDigits - 1; i >= 0; i--, high /= radix) chars[i] = scheme.Alphabet[(int)(high % radix)];
        });
    }

    /// <summary>The sequence number whose id this is, or null when it is not an id of this scheme's shape (or past a row key).</summary>
    public long? Decode(ReadOnlySpan<char> id)
    {
        if (id.Length != Length) return null;
        var radix = (ulong)Alphabet.Length;
        ulong high = 0, low = 0;
        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            var digit = c < 128 ? _digitOf[c] : -1;
            if (digit < 0) return null;
            if (i < _highDigits) high = high * radix + (ulong)digit;
            else low = low * radix + (ulong)digit;
        }
        for (var round = Rounds - 1; round >= 0; round--)
        {
            var space = round % 2 == 0 ? _highSpace : _lowSpace;
            var previous = low;
            low = high;
            high = (previous + space - RoundHash(round, low) % space) % space;
        }
        var sequence = (UInt128)high * _lowSpace + low;
        return sequence <= long.MaxValue ? (long)sequence : null;
    }

    /// <summary>The round function: SipHash-2-4 of the round number, the id's shape and one half.</summary>
    private ulong RoundHash(int round, ulong half)
    {
        var tweak = (uint)round | (ulong)(uint)Length << 8 | (ulong)(uint)Alphabet.Length << 16;
        return SipHash24(_key0, _key1, tweak, half);
    }

    /// <summary>SipHash-2-4 of a 16-byte message given as two little-endian words (the general one below, unrolled).</summary>
    internal static ulong SipHash24(ulong key0, ulong key1, ulong word0, ulong word1)
    {
        ulong v0 = 0x736f6d6570736575UL ^ key0, v1 = 0x646f72616e646f6dUL ^ key1;
        ulong v2 = 0x6c7967656e657261UL ^ key0, v3 = 0x7465646279746573UL ^ key1;
        Compress(ref v0, ref v1, ref v2, ref v3, word0);
        Compress(ref v0, ref v1, ref v2, ref v3, word1);
        Compress(ref v0, ref v1, ref v2, ref v3, 16UL << 56);
        return Finish(v0, v1, v2, v3);
    }

    /// <summary>SipHash-2-4 (Aumasson and Bernstein): a keyed hash that is a pseudorandom function of its message.</summary>
    internal static ulong SipHash24(ulong key0, ulong key1, ReadOnlySpan<byte> message)
    {
        ulong v0 = 0x736f6d6570736575UL ^ key0, v1 = 0x646f72616e646f6dUL ^ key1;
        ulong v2 = 0x6c7967656e657261UL ^ key0, v3 = 0x7465646279746573UL ^ key1;
        var whole = message.Length / 8 * 8;
        for (var i = 0; i < whole; i += 8) Compress(ref v0, ref v1, ref v2, ref v3, BinaryPrimitives.ReadUInt64LittleEndian(message[i..]));
        var last = (ulong)message.Length << 56;
        for (var i = whole; i < message.Length; i++) last |= (ulong)message[i] << (8 * (i - whole));
        Compress(ref v0, ref v1, ref v2, ref v3, last);
        return Finish(v0, v1, v2, v3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Compress(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3, ulong word)
    {
        v3 ^= word;
        SipRound(ref v0, ref v1, ref v2, ref v3);
        SipRound(ref v0, ref v1, ref v2, ref v3);
        v0 ^= word;
    }

    private static ulong Finish(ulong v0, ulong v1, ulong v2, ulong v3)
    {
        v2 ^= 0xff;
        for (var i = 0; i < 4; i++) SipRound(ref v0, ref v1, ref v2, ref v3);
        return v0 ^ v1 ^ v2 ^ v3;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SipRound(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3)
    {
        v0 += v1; v1 = BitOperations.RotateLeft(v1, 13); v1 ^= v0; v0 = BitOperations.RotateLeft(v0, 32);
        v2 += v3; v3 = BitOperations.RotateLeft(v3, 16); v3 ^= v2;
        v0 += v3; v3 = BitOperations.RotateLeft(v3, 21); v3 ^= v0;
        v2 += v1; v1 = BitOperations.RotateLeft(v1, 17); v1 ^= v2; v2 = BitOperations.RotateLeft(v2, 32);
    }
}
