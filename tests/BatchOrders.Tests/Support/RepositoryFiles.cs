namespace BatchOrders.Tests.Support;

/// <summary>Finds files of this repository (sample data, templates) from the test's output folder.</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> RootFolder = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "BatchOrders.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("BatchOrders.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootFolder.Value;

    public static string Get(params string[] parts) => Path.Combine([Root, .. parts]);
}
