using System.Security.Cryptography;
using Dapper;
using Microsoft.Data.Sqlite;
using PasteLite.Auth;
using PasteLite.Config;

namespace PasteLite.Data;

/// <summary>
/// Which id a new paste gets, and under which sequence number (its row's key) a paste with a given id is stored.
/// The database records one id scheme (length, alphabet, key, next sequence number). A paste created under it has
/// the id its sequence number maps to (<see cref="PasteIdScheme"/>): found by decoding, with no index. Every other
/// paste (before migration 4, under another scheme, or when the id space is too small to permute) has an id drawn
/// at random, and is found through the drawn-id index.
/// </summary>
internal sealed class PasteIds
{
    /// <summary>Draws before giving up; only a nearly full id space (tiny id-length) ever needs more than one.</summary>
    public const int MaxAttempts = 32;

    private readonly Database _db;
    private readonly int _length;
    private readonly string _alphabet;
    private PasteIdScheme? _mine;

    /// <summary>The recorded scheme when another process has recorded a shape other than this one's (read on a miss).</summary>
    private PasteIdScheme? _other;

    public PasteIds(Database db, Settings settings)
    {
        _db = db;
        _length = settings.Pasty.IdLength;
        _alphabet = settings.Pasty.IdCharacters;
        Record();
    }

    private sealed record SchemeRow(long Length, string Alphabet, byte[] Key);

    private static SchemeRow? ReadRecorded(SqliteConnection connection, SqliteTransaction? transaction) =>
        connection.QuerySingleOrDefault<SchemeRow>(
            "SELECT length AS Length, alphabet AS Alphabet, key AS Key FROM paste_id_scheme", transaction: transaction);

    /// <summary>
    /// Records this process's id shape, once at start-up. When it differs from the recorded one, the pastes derived
    /// under that one move into the drawn-id index first, in the same transaction, so every id stays findable.
    /// </summary>
    private void Record() => _db.Write((c, t) =>
    {
        var recorded = ReadRecorded(c, t);
        if (recorded is null)
        {
            recorded = new SchemeRow(_length, _alphabet, RandomNumberGenerator.GetBytes(16));
            c.Execute("""
                INSERT INTO paste_id_scheme (only, length, alphabet, key, next)
                VALUES (1, @Length, @Alphabet, @Key, 1 + coalesce((SELECT max(seq) FROM pastes), 0))
                """, recorded, t);
        }
        else if (recorded.Length != _length || recorded.Alphabet != _alphabet)
        {
            c.Execute("UPDATE pastes SET drawn = 1 WHERE drawn = 0", transaction: t);
            c.Execute("UPDATE paste_id_scheme SET length = @length, alphabet = @alphabet",
                new { length = _length, alphabet = _alphabet }, t);
        }
        _mine = PasteIdScheme.For(_length, _alphabet, recorded.Key);
    });

    /// <summary>The write transaction <see cref="_next"/> and the flags below were read in (writes are one at a time).</summary>
    private SqliteTransaction? _stateOf;
    private long _next;
    private bool _shapeRecorded;

    /// <summary>Whether any drawn paste exists in the current write transaction, so a derived id must be checked against them.</summary>
    public bool AnyDrawn { get; private set; }

    /// <summary>
    /// The next sequence number, inside a create's write transaction, with the id it maps to, or null when the id
    /// must be drawn (the space is too small or used up, or another process recorded another shape). The state is
    /// read once per transaction: the creates of one grouped commit take consecutive numbers without a query each.
    /// </summary>
    public (long Sequence, string? DerivedId) Next(SqliteConnection connection, SqliteTransaction transaction)
    {
        if (!ReferenceEquals(_stateOf, transaction))
        {
            var command = PreparedCommands.Bind(connection, """
                SELECT max(next, 1 + coalesce((SELECT max(seq) FROM pastes), 0)),
                       length = @length AND alphabet = @alphabet,
                       EXISTS (SELECT 1 FROM pastes WHERE drawn = 1)
                FROM paste_id_scheme
                """, ("@length", _length), ("@alphabet", _alphabet));
            command.Transaction = transaction;
            using var reader = command.ExecuteReader();
            reader.Read();
            (_next, _shapeRecorded, AnyDrawn) = (reader.GetInt64(0), reader.GetInt64(1) == 1, reader.GetInt64(2) == 1);
            _stateOf = transaction;
        }
        var sequence = _next++;
        var derivable = _shapeRecorded && _mine is { } mine && (UInt128)sequence < mine.Space;
        return (sequence, derivable ? _mine!.Encode(sequence) : null);
    }

    /// <summary>Notes a drawn paste stored in the current write transaction.</summary>
    public void NoteDrawn() => AnyDrawn = true;

    /// <summary>
    /// Before a delete: raises the recorded next number past every stored paste, so that deleting the newest pastes
    /// never hands their numbers (and ids) out again. Creates take numbers past both.
    /// </summary>
    public static void KeepHighWater(SqliteConnection connection, SqliteTransaction transaction) =>
        connection.Execute(
            "UPDATE paste_id_scheme SET next = max(next, 1 + coalesce((SELECT max(seq) FROM pastes), 0))",
            transaction: transaction);

    /// <summary>A random id of the configured shape, for a paste whose id cannot be derived.</summary>
    public string Draw() => Secrets.RandomString(_length, _alphabet);

    /// <summary>The sequence number <paramref name="id"/> would have if it were derived under this process's scheme.</summary>
    public long? Derived(string id) => _mine?.Decode(id);

    /// <summary>
    /// After a miss: the sequence number under the recorded scheme when another process recorded a shape other than
    /// this one's (pastes it creates are derived under that), else null. Reads the one-row scheme table.
    /// </summary>
    public long? DerivedUnderRecorded(SqliteConnection connection, SqliteTransaction? transaction, string id)
    {
        var recorded = ReadRecorded(connection, transaction);
        if (recorded is null || (recorded.Length == _length && recorded.Alphabet == _alphabet)) return null;
        var other = _other;
        if (other is null || other.Length != recorded.Length || other.Alphabet != recorded.Alphabet)
            _other = other = PasteIdScheme.For((int)recorded.Length, recorded.Alphabet, recorded.Key);
        return other?.Decode(id);
    }
}
