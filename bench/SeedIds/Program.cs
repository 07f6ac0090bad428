// seed-ids LENGTH ALPHABET KEY_HEX N: prints the id of each sequence number 1..N under that scheme, one a line.
using PasteLite.Data;

if (args.Length != 4 || !int.TryParse(args[0], out var length) || !long.TryParse(args[3], out var count))
{
    Console.Error.WriteLine("usage: seed-ids LENGTH ALPHABET KEY_HEX N");
    return 2;
}
var scheme = PasteIdScheme.For(length, args[1], Convert.FromHexString(args[2]));
if (scheme is null || (UInt128)count >= scheme.Space)
{
    Console.Error.WriteLine("seed-ids: ids of this shape are drawn at random, not derived, or there are fewer than N of them");
    return 1;
}
using var output = new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 16) { NewLine = "\n" };
for (long sequence = 1; sequence <= count; sequence++) output.WriteLine(scheme.Encode(sequence));
return 0;
