namespace ChatFake.Tests;

/// <summary>The repository the tests were built from (found by walking up to ChatFake.csproj).</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string File(string relative) => Path.Combine(Root, relative);

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "ChatFake.csproj")))
                return dir.FullName;
        throw new InvalidOperationException("the tests run outside the repository");
    }
}
