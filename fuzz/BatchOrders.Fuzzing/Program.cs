using System.Globalization;
using BatchOrders.Fuzzing;

// ./run.sh fuzz [--quick] [--seed N] [--minutes M] …: a campaign (FuzzCommand). "worker --seed N --root DIR --dir DIR
// [--seeds DIR]…" is how a campaign starts each of its worker processes (FuzzWorker).
if (args.Length > 0 && args[0] == "worker")
{
    string Value(string name) => args[Array.IndexOf(args, name) + 1];
    var seedFolders = args.Select((a, i) => (a, i)).Where(p => p.a == "--seeds" && p.i + 1 < args.Length).Select(p => args[p.i + 1]).ToList();
    return FuzzWorker.Run(Value("--root"), seedFolders, long.Parse(Value("--seed"), CultureInfo.InvariantCulture), Value("--dir"));
}

return await FuzzCommand.RunAsync(args);
