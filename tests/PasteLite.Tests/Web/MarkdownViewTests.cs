using PasteLite.Web;

namespace PasteLite.Tests.Web;

public class MarkdownViewTests
{
    [Fact]
    public void Renders_common_markdown()
    {
        var html = MarkdownView.Render("# Title\n\nSome *em* and `code`.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n```python\nprint(1)\n```\n");
        Assert.Contains("<h1>Title</h1>", html);
        Assert.Contains("<em>em</em>", html);
        Assert.Contains("<code>code</code>", html);
        Assert.Contains("<table>", html);
        Assert.Contains("type=\"checkbox\"", html);
        Assert.Contains("<code class=\"language-python\">print(1)", html);
    }

    [Fact]
    public void Table_alignment_is_a_class_not_a_style_attribute()
    {
        var html = MarkdownView.Render("| l | c | r | n |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n");
        Assert.DoesNotContain("style", html);
        Assert.Contains("<th class=\"align-left\">l</th>", html);
        Assert.Contains("<td class=\"align-center\">2</td>", html);
        Assert.Contains("<td class=\"align-right\">3</td>", html);
        Assert.Contains("<td>4</td>", html);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("text <img src=x onerror=alert(1)> inline")]
    [InlineData("<div onclick=\"alert(1)\">block</div>")]
    [InlineData("<iframe src=\"https://example.com\"></iframe>")]
    [InlineData("<!-- comment --><style>body{}</style>")]
    public void Raw_html_is_escaped_never_emitted(string markdown)
    {
        var html = MarkdownView.Render(markdown);
        foreach (var tag in new[] { "<script", "<img", "<div", "<iframe", "<style", "<!--" })
            Assert.DoesNotContain(tag, html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;", html);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JavaScript:alert(1))")]
    [InlineData("[click](&#106;avascript:alert(1))")]
    [InlineData("[click](java\tscript:alert(1))")]
    [InlineData("[click](<javascript:alert(1)>)")]
    [InlineData("[click][ref]\n\n[ref]: javascript:alert(1)")]
    [InlineData("[click](vbscript:msgbox)")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("![click](javascript:alert(1))")]
    public void Links_to_unsafe_schemes_are_not_clickable(string markdown)
    {
        var html = MarkdownView.Render(markdown);
        Assert.DoesNotContain("href", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("javascript:", html.Replace("&#106;", "j"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("click", html);
    }

    [Fact]
    public void An_autolink_to_an_unsafe_scheme_stays_plain_text()
    {
        var html = MarkdownView.Render("<javascript:alert(1)>");
        Assert.DoesNotContain("href", html);
        Assert.Equal("<p>&lt;javascript:alert(1)&gt;</p>", html.Trim());
    }

    [Theory]
    [InlineData("[a](https://example.com/x)", "href=\"https://example.com/x\"")]
    [InlineData("[a](http://example.com)", "href=\"http://example.com\"")]
    [InlineData("[a](mailto:me@example.com)", "href=\"mailto:me@example.com\"")]
    [InlineData("[a](/relative/path)", "href=\"/relative/path\"")]
    [InlineData("[a](#section)", "href=\"#section\"")]
    [InlineData("<https://example.com>", "href=\"https://example.com\"")]
    [InlineData("see www.example.com", "href=\"http://www.example.com\"")]
    public void Safe_links_stay_links(string markdown, string expected) =>
        Assert.Contains(expected, MarkdownView.Render(markdown));
}
