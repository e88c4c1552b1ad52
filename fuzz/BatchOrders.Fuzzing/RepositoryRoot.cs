namespace BatchOrders.Fuzzing;

/// <summary>The repository the seeds are read from: the nearest folder above with BatchOrders.sln.</summary>
internal static class RepositoryRoot
{
    public static string Find(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "BatchOrders.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No BatchOrders.sln above {start}: run the fuzzer from the repository.");
    }
}
