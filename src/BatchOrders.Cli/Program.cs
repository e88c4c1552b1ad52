using BatchOrders.Cli;

return await BatchOrdersApp.RunAsync(args);
