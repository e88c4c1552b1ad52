namespace BatchOrders.Benchmarks;

/// <summary>Where the repository is, found from the harness's own folder (bin/…) upwards.</summary>
internal static class BenchPaths
{
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "BatchOrders.sln")))
            {
                return folder.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
