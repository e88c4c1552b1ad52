using System.Globalization;
using BatchOrders.Fuzzing;

// ./run.sh fuzz [--quick] [--seed N] [--minutes M] …: a campaign (FuzzCommand). "worker --seed N --root DIR --dir DIR" is
// how a campaign starts each of its worker processes (FuzzWorker).
if (args.Length > 0 && args[0] == "worker")
{
    string Value(string name) => args[Array.IndexOf(args, name) + 1];
    return FuzzWorker.Run(Value("--root"), long.Parse(Value("--seed"), CultureInfo.InvariantCulture), Value("--dir"));
}

return await FuzzCommand.RunAsync(args);
