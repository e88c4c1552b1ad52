using BatchOrders.Fuzzing;

// ./run.sh fuzz [--quick] [--seed N] [--minutes M] …: a campaign (FuzzCommand). "worker" is how a campaign starts each
// of its worker processes (FuzzWorker), which read the inputs the campaign writes.
if (args.Length > 0 && args[0] == "worker")
{
    return FuzzWorker.Run();
}

return await FuzzCommand.RunAsync(args);
