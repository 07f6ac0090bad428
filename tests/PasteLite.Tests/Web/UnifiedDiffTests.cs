using PasteLite.Gists;

namespace PasteLite.Tests.Web;

public class UnifiedDiffTests
{
    private static string Text(params string[] lines) => string.Concat(lines.Select(l => l + "\n"));

    /// <summary>The hunks as `git diff` prints them, without the file header.</summary>
    private static string Render(IReadOnlyList<DiffHunk> hunks) => string.Join("\n", hunks.SelectMany(h =>
        new[] { h.Header }.Concat(h.Lines.Select(l => (l.Kind switch { DiffKind.Added => "+", DiffKind.Removed => "-", _ => " " }) + l.Text))));

    /// <summary>Applies the script to the old lines and checks it yields the new ones (a diff must be correct, not just short).</summary>
    private static void AssertReplays(string before, string after)
    {
        var a = LineDiff.Lines(before);
        var b = LineDiff.Lines(after);
        var script = UnifiedDiff.EditScript(a, b)!;
        Assert.Equal(a, script.Where(l => l.Kind != DiffKind.Added).Select(l => l.Text));
        Assert.Equal(b, script.Where(l => l.Kind != DiffKind.Removed).Select(l => l.Text));
        // The script is minimal: its changes are exactly what the counting diff reports.
        var (add, del) = LineDiff.Count(before, after);
        Assert.Equal(add, script.Count(l => l.Kind == DiffKind.Added));
        Assert.Equal(del, script.Count(l => l.Kind == DiffKind.Removed));
    }

    [Fact]
    public void Identical_texts_have_no_hunks()
    {
        Assert.Empty(UnifiedDiff.Hunks("a\nb\n", "a\nb\n")!);
        Assert.Empty(UnifiedDiff.Hunks(null, null)!);
    }

    [Fact]
    public void A_changed_line_in_the_middle_shows_three_lines_of_context()
    {
        var before = Text("1", "2", "3", "4", "5", "6", "7", "8", "9");
        var after = Text("1", "2", "3", "4", "five", "6", "7", "8", "9");
        Assert.Equal("""
            @@ -2,7 +2,7 @@
             2
             3
             4
            -5
            +five
             6
             7
             8
            """.ReplaceLineEndings("\n"), Render(UnifiedDiff.Hunks(before, after)!));
    }

    [Fact]
    public void A_new_file_is_one_hunk_of_additions_from_line_zero()
    {
        Assert.Equal("@@ -0,0 +1,2 @@\n+a\n+b", Render(UnifiedDiff.Hunks(null, "a\nb\n")!));
        Assert.Equal("@@ -1,2 +0,0 @@\n-a\n-b", Render(UnifiedDiff.Hunks("a\nb", null)!));
        Assert.Equal("@@ -1 +1 @@\n-a\n+b", Render(UnifiedDiff.Hunks("a", "b")!));
    }

    [Fact]
    public void Distant_changes_are_separate_hunks_and_near_ones_merge()
    {
        var lines = Enumerable.Range(1, 30).Select(i => i.ToString()).ToArray();
        var changed = (string[])lines.Clone();
        changed[1] = "two";
        changed[27] = "twenty-eight";
        var hunks = UnifiedDiff.Hunks(Text(lines), Text(changed))!;
        Assert.Equal(["@@ -1,5 +1,5 @@", "@@ -25,6 +25,6 @@"], hunks.Select(h => h.Header));

        changed = (string[])lines.Clone();
        changed[9] = "ten";
        changed[15] = "sixteen"; // five unchanged lines apart: fewer than 2 * 3 + 1, one hunk
        Assert.Equal(["@@ -7,13 +7,13 @@"], UnifiedDiff.Hunks(Text(lines), Text(changed))!.Select(h => h.Header));
    }

    [Fact]
    public void Pure_insertion_names_the_line_before_it()
    {
        var hunks = UnifiedDiff.Hunks(Text("a", "b"), Text("a", "new", "b"), context: 0)!;
        Assert.Equal("@@ -1,0 +2 @@\n+new", Render(hunks));
    }

    [Theory]
    [InlineData("a\nb\nc\n", "c\nb\na\n")]
    [InlineData("x\ny\nz\nx\ny\nz\n", "y\nx\nz\nz\ny\n")]
    [InlineData("", "a\n")]
    [InlineData("a\n", "")]
    [InlineData("same\n", "same")]
    [InlineData("a\r\nb\r\n", "a\nb\n")]
    public void Edit_scripts_replay_and_are_minimal(string before, string after) => AssertReplays(before, after);

    [Fact]
    public void Random_edits_replay_and_are_minimal()
    {
        var random = new Random(6);
        for (var round = 0; round < 200; round++)
        {
            string Make() => string.Concat(Enumerable.Range(0, random.Next(0, 25)).Select(_ => "abcde"[random.Next(5)] + "\n"));
            AssertReplays(Make(), Make());
        }
    }

    [Fact]
    public void Too_large_inputs_give_null_instead_of_a_slow_diff()
    {
        var many = Text(Enumerable.Range(0, UnifiedDiff.MaxLines + 1).Select(i => i.ToString()).ToArray());
        Assert.Null(UnifiedDiff.Hunks(many, "x\n"));
        // Within the line bound but more edits than allowed: every line differs.
        var a = Text(Enumerable.Range(0, 1500).Select(i => "a" + i).ToArray());
        var b = Text(Enumerable.Range(0, 1500).Select(i => "b" + i).ToArray());
        Assert.Null(UnifiedDiff.Hunks(a, b));
        // A large file with one changed line is cheap: the common start and end are set aside first.
        var big = Enumerable.Range(0, 15_000).Select(i => "line " + i).ToArray();
        var edited = (string[])big.Clone();
        edited[7_000] = "changed";
        Assert.Equal(["@@ -6998,7 +6998,7 @@"], UnifiedDiff.Hunks(Text(big), Text(edited))!.Select(h => h.Header));
    }
}
